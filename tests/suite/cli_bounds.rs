//! The real binary given values a careless script or a hand-edited config can hold: a
//! `--timeout` of 2^64 − 1 seconds, an empty, relative or `~/` data folder, a markup of −0 %.
//! Each gets a clear answer before anything is written or sent, and never a panic.

use std::path::Path;
use std::process::{Command, Output};

/// `flexy-pos ARGS` in practice mode (no key), with `config` as its config file, run from
/// `cwd`, with `home` as the user's home folder. No `--data-dir` unless `args` has one.
fn command(cwd: &Path, home: &Path, config: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    cmd.args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_PRACTICE_SPEED")
        .env_remove("FLEXY_LOG")
        .env("FLEXY_CONFIG", config)
        .env("FLEXY_LANG", "en");
    cmd
}

fn run(cwd: &Path, home: &Path, config: &Path, args: &[&str]) -> (i32, String, String) {
    let out: Output = command(cwd, home, config, args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A scratch folder with `config.toml` holding `text`, an empty working folder and a home.
struct Scene {
    root: tempfile::TempDir,
}

impl Scene {
    fn new(config_text: &str) -> Scene {
        let root = tempfile::tempdir().expect("temp dir");
        for d in ["cwd", "home"] {
            std::fs::create_dir(root.path().join(d)).expect("folder");
        }
        std::fs::write(root.path().join("config.toml"), config_text).expect("config");
        Scene { root }
    }

    fn cwd(&self) -> std::path::PathBuf {
        self.root.path().join("cwd")
    }

    fn home(&self) -> std::path::PathBuf {
        self.root.path().join("home")
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run(
            &self.cwd(),
            &self.home(),
            &self.root.path().join("config.toml"),
            args,
        )
    }

    /// Nothing was created in the working folder.
    fn cwd_is_empty(&self) -> bool {
        std::fs::read_dir(self.cwd()).expect("cwd").next().is_none()
    }
}

#[test]
fn a_huge_wait_timeout_is_refused_before_anything_is_sent() {
    let scene = Scene::new("# defaults\n");
    let data = scene.root.path().join("data");
    let data_arg = data.to_str().expect("utf-8 path");
    for args in [
        &[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "100",
            "--wait",
            "--timeout",
            "18446744073709551615",
        ][..],
        &["sync", "--wait", "--timeout", "18446744073709551615"][..],
        &["send", "--plan", "PREPAID_MOBILIS", "--phone", "0661234567"][..],
    ] {
        let mut args = args.to_vec();
        if args[0] == "send" && !args.contains(&"--timeout") {
            args.extend(["--amount", "100", "--wait", "--timeout", "86401"]);
        }
        args.extend(["--data-dir", data_arg]);
        let (code, stdout, stderr) = scene.run(&args);
        assert_eq!(code, 2, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            stderr.contains("--timeout") && stderr.contains("0..=86400"),
            "the error names the flag and its range: {stderr}"
        );
    }
    // Nothing was written, so nothing can have been sent.
    assert!(!data.exists(), "a refused command made {}", data.display());

    // Within the range, the wait works as before.
    let (code, stdout, stderr) = scene.run(&[
        "send",
        "--plan",
        "PREPAID_MOBILIS",
        "--phone",
        "0661234567",
        "--amount",
        "100",
        "--timeout",
        "86400",
        "--data-dir",
        data_arg,
    ]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
}

#[test]
fn an_empty_or_relative_data_dir_is_refused_and_nothing_lands_in_the_current_folder() {
    for (text, line) in [
        ("data_dir = \"\"\n", 1),
        ("# shop\ndata_dir = \"   \"\n", 2),
        ("data_dir = \"shop-data\"\n", 1),
        ("data_dir = \"./shop-data\"\n", 1),
        ("data_dir = \"~shop/data\"\n", 1),
    ] {
        let scene = Scene::new(text);
        for args in [&["orders"][..], &["config"][..]] {
            let (code, stdout, stderr) = scene.run(args);
            assert_eq!(code, 1, "{text}: stdout {stdout}\nstderr {stderr}");
            assert!(
                stderr.contains("`data_dir`")
                    && stderr.contains(&format!("line {line}"))
                    && stderr.contains("full path"),
                "{text}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(
                scene.cwd_is_empty(),
                "{text}: the store landed under the cwd"
            );
        }
    }
    // The same rule for the flag and the environment.
    let scene = Scene::new("# defaults\n");
    for args in [
        &["orders", "--data-dir", "shop-data"][..],
        &["orders", "--data-dir=./shop-data"][..],
    ] {
        let (code, _, stderr) = scene.run(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("--data-dir") && stderr.contains("full path"),
            "{stderr}"
        );
    }
    let out = command(
        &scene.cwd(),
        &scene.home(),
        &scene.root.path().join("config.toml"),
        &["orders"],
    )
    .env("FLEXY_DATA_DIR", "rel/dir")
    .output()
    .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("FLEXY_DATA_DIR"), "{stderr}");
    assert!(scene.cwd_is_empty(), "nothing under the cwd");
}

/// Unix: the home folder is taken from `HOME` there (Windows asks the system instead).
#[cfg(unix)]
#[test]
fn a_data_dir_under_home_is_expanded_and_config_says_where_the_store_is() {
    let scene = Scene::new("data_dir = \"~/shop data\"\n");
    let (code, stdout, stderr) = scene.run(&["config"]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let expected = scene.home().join("shop data");
    let store = expected.join("practice").join("store");
    assert!(
        stdout.contains(&format!("{}", expected.display())),
        "the data folder under the home folder: {stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("order store") && l.contains(&store.display().to_string())),
        "config says where the store is: {stdout}"
    );
    let (code, _, stderr) = scene.run(&["orders"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(store.is_dir(), "the store is under the home folder");
    assert!(scene.cwd_is_empty(), "and nothing under the current folder");
    assert!(!scene.cwd().join("~").exists());

    // The flag too, when the shell did not expand it (`--data-dir=~/x`).
    let (code, stdout, _) = scene.run(&["config", "--data-dir=~/other"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(&scene.home().join("other").display().to_string()),
        "{stdout}"
    );
}

#[test]
fn a_negative_zero_markup_reads_as_zero() {
    let scene = Scene::new("[pricing]\nmarkup_percent = -0.0\nround_up_to = 1\n");
    let data = scene.root.path().join("data");
    let (code, stdout, stderr) = scene.run(&["config", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("pricing"))
        .expect("a pricing line");
    assert!(line.contains("+0% rounded up to 1 DA"), "{line}");
    assert!(!line.contains("-0"), "{line}");
}

/// `orders --limit 0` prints no order, and `--phone` takes a number the way it is written:
/// in groups (`0600 00 00 01`), or digits that begin with 0 and no operator's prefix.
#[test]
fn orders_limit_zero_prints_nothing_and_phone_takes_a_number_as_written() {
    let scene = Scene::new("# defaults\n");
    let data = scene.root.path().join("data");
    let data_arg = data.to_str().expect("utf-8 path");
    let (code, _, stderr) = scene.run(&["seed-demo", "--orders", "40", "--data-dir", data_arg]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = scene.run(&["orders", "--json", "--data-dir", data_arg]);
    assert_eq!(code, 0, "{stderr}");
    let first: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("an order")).expect("json");
    let (code, stdout, stderr) =
        scene.run(&["orders", "--json", "--limit", "0", "--data-dir", data_arg]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let (code, stdout, stderr) = scene.run(&["orders", "--limit", "0", "--data-dir", data_arg]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");

    // The first order's number, written in groups as on a card.
    let phone = first["phone"].as_str().expect("phone").to_string();
    let grouped = format!(
        "{} {} {} {}",
        &phone[..4],
        &phone[4..6],
        &phone[6..8],
        &phone[8..]
    );
    let (code, stdout, stderr) = scene.run(&[
        "orders",
        "--json",
        "--limit",
        "1",
        "--phone",
        &grouped,
        "--data-dir",
        data_arg,
    ]);
    assert_eq!(code, 0, "{grouped}: {stderr}");
    assert!(stdout.contains(&phone), "{grouped}: {stdout}");
    for typed in ["0600 00 00 01", "0999999", "09"] {
        let (code, _, stderr) = scene.run(&["orders", "--phone", typed, "--data-dir", data_arg]);
        assert_eq!(code, 0, "{typed}: {stderr}");
    }
}

/// `sync --since` a day after today is refused at once (exit 2) in the clerk's words, before
/// OneClickDz is asked anything; today itself is a start.
#[test]
fn sync_since_a_day_after_today_is_refused_in_words() {
    let scene = Scene::new("# defaults\n");
    let data = scene.root.path().join("data");
    let data_arg = data.to_str().expect("utf-8 path");
    let (code, _, stderr) = scene.run(&["sync", "--since", "2099-01-01", "--data-dir", data_arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("2099-01-01 is after today"), "{stderr}");
    assert!(!stderr.contains("list window"), "{stderr}");
    let (code, _, stderr) = scene.run(&["sync", "--since", "today", "--data-dir", data_arg]);
    assert_eq!(code, 0, "{stderr}");
}
