//! The real binary facing an unlucky shop's files: a log file it cannot open, and config files
//! that are mistyped, out of range or absurdly big. Each must give a clear message naming the
//! setting and its line, never print a value (the API key could be any of them), and never
//! panic.

use std::path::{Path, PathBuf};
use std::process::Output;

const SECRET: &str = "5a4db0c5-f1e0-4c1d-8e57-0ac1d2009f3e";

/// `flexy-pos ARGS --data-dir DIR` in practice mode (no key), with `config` as its config file.
fn run(dir: &Path, config: &Path, args: &[&str]) -> Output {
    command(dir, config, args)
        .output()
        .expect("the binary runs")
}

fn command(dir: &Path, config: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_PRACTICE_SPEED")
        .env_remove("FLEXY_LOG")
        .env("FLEXY_CONFIG", config)
        // The tests read the English words; tests/suite/cli_language.rs checks the others.
        .env("FLEXY_LANG", "en");
    cmd
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The names the daily log file can have around now (the appender names it by the UTC day).
fn log_file_names(log_dir: &Path) -> Vec<PathBuf> {
    let now = chrono::Utc::now();
    [-1i64, 0, 1]
        .iter()
        .map(|d| {
            let day = (now + chrono::Duration::days(*d)).format("%Y-%m-%d");
            log_dir.join(format!("flexy-pos.log.{day}"))
        })
        .collect()
}

#[test]
fn a_directory_where_the_log_file_goes_does_not_stop_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# defaults\n").unwrap();
    for name in log_file_names(&dir.path().join("logs")) {
        std::fs::create_dir_all(name).unwrap();
    }
    let out = run(dir.path(), &config, &["orders", "--json"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("log file") && stderr.contains("stderr"),
        "a clear warning that logs go to stderr: {stderr}"
    );
}

#[test]
fn a_file_where_the_log_folder_goes_does_not_stop_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# defaults\n").unwrap();
    std::fs::write(dir.path().join("logs"), "not a folder").unwrap();
    let out = run(dir.path(), &config, &["orders"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(stderr.contains("log file"), "{stderr}");
}

#[test]
fn a_mistyped_key_name_is_named_with_its_line_and_the_key_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    for name in ["apikey", "API_KEY", "api-key"] {
        std::fs::write(&config, format!("bidi = \"app\"\n{name} = \"{SECRET}\"\n")).unwrap();
        for args in [
            &["orders"][..],
            &["config"],
            &[
                "send",
                "--plan",
                "PREPAID_MOBILIS",
                "--phone",
                "0661234567",
                "--amount",
                "100",
            ],
        ] {
            let out = run(dir.path(), &config, args);
            let (stdout, stderr) = text(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout} {stderr}");
            for printed in [&stdout, &stderr] {
                assert!(
                    !printed.contains(&SECRET[..8]),
                    "{args:?} printed the key: {printed}"
                );
            }
            assert!(
                stderr.contains("line 2") && stderr.contains(name) && stderr.contains("api_key"),
                "{args:?}: {stderr}"
            );
        }
    }
    println!("{}", text(&run(dir.path(), &config, &["orders"])).1);
}

#[test]
fn a_huge_or_out_of_range_config_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let cases = [
        (
            "plans_max_age_hours = 5124095576030432\n",
            "plans_max_age_hours",
        ),
        ("[pricing]\nmarkup_percent = nan\n", "markup_percent"),
        ("[pricing]\nmarkup_percent = -1e308\n", "markup_percent"),
    ];
    for (body, setting) in cases {
        std::fs::write(&config, body).unwrap();
        let out = run(dir.path(), &config, &["config"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{body}: {stderr}");
        assert!(
            stderr.contains(setting) && stderr.contains("from "),
            "{stderr}"
        );
        println!("{stderr}");
    }
    // 35 MB of padding: refused by its size, before it is read.
    let pad = "#".repeat(1023) + "\n";
    std::fs::write(&config, pad.repeat(35 * 1024)).unwrap();
    let out = run(dir.path(), &config, &["config"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 MB"), "{stderr}");
    println!("{stderr}");
}

/// `flexy-pos ARGS` with its stdout a pipe whose reader is gone before the first line.
fn run_with_reader_gone(dir: &Path, config: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = command(dir, config, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# defaults\n").unwrap();
    let seeded = run(dir.path(), &config, &["seed-demo", "--orders", "3000"]);
    assert_eq!(seeded.status.code(), Some(0), "{:?}", text(&seeded));
    for args in [
        &["orders", "--limit", "3000"][..],
        &["orders", "--json", "--limit", "3000"],
        &["config", "--example"],
    ] {
        let (code, stderr) = run_with_reader_gone(dir.path(), &config, args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
    }
    // The store was closed properly: the next command reads it at once.
    let out = run(dir.path(), &config, &["orders", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
}

#[test]
fn output_that_cannot_be_written_is_one_clear_line_not_a_panic() {
    if cfg!(windows) {
        eprintln!("SKIPPED on Windows: it writes to /dev/full, which only Linux has");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# defaults\n").unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full exists on Linux");
    let out = command(dir.path(), &config, &["config", "--example"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("the output could not be written: No space left on device"),
        "{stderr}"
    );
}
