//! What a shop PC (most often Windows) puts in the till's way, checked on every platform the
//! suite runs on (CI runs it on Linux and, cross-built, under Wine): a `config.toml` saved by
//! Notepad (CRLF line ends, a UTF-8 byte-order mark), a data folder under a user name with
//! accents or Arabic letters, a path longer than Windows' old 260-character limit, and the
//! default config folder the README names.

use crate::common;

use common::*;
use flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
use std::path::{Path, PathBuf};

fn config_command(config: &Path, data: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    cmd.arg("--data-dir")
        .arg(data)
        .arg("config")
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_LANG")
        .env("FLEXY_CONFIG", config);
    cmd
}

#[test]
fn a_config_saved_by_notepad_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let body = "# caisse du magasin\r\nlanguage = \"ar\"\r\ntimezone = \"Europe/Paris\"\r\n\r\n\
                [pricing]\r\nmarkup_percent = 10.0\r\nround_up_to = 10\r\n";
    for (name, bytes) in [
        ("crlf.toml", body.as_bytes().to_vec()),
        ("bom.toml", [&b"\xEF\xBB\xBF"[..], body.as_bytes()].concat()),
    ] {
        let config = dir.path().join(name);
        std::fs::write(&config, bytes).expect("config");
        let out = config_command(&config, dir.path())
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stdout}{stderr}");
        // Every value is whole: no '\r' left at the end of a word or a number.
        assert!(stdout.contains("Europe/Paris\n"), "{name}: {stdout}");
        assert!(stdout.contains("+10% "), "{name}: {stdout}");
        assert!(stdout.contains(" 10 DA"), "{name}: {stdout}");
        assert!(stdout.contains("ar (العربية)"), "{name}: {stdout}");
    }
}

/// A sale, its listing and the books, with the data folder at `data`.
async fn sell_and_list_in(data: &Path) {
    let emu = start_emulator(emulator_config(31)).await;
    std::fs::create_dir_all(data).expect("data folder");
    std::fs::write(
        data.join("config.toml"),
        "# Caisse Hélène — محل الهاتف\r\nday_starts_at = \"00:00\"\r\n",
    )
    .expect("config");
    let cli = Cli {
        url: emu.base_url(),
        dir: data.to_path_buf(),
        key: DEFAULT_SANDBOX_KEY.into(),
        log: None,
    };
    let sent = cli
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "500",
            "--wait",
            "--json",
        ])
        .await;
    assert_eq!(sent.code, 0, "{}{}", sent.stdout, sent.stderr);
    let order: serde_json::Value = serde_json::from_str(sent.stdout.trim()).expect("JSON");
    assert_eq!(order["status"], "FULFILLED", "{order}");

    let listed = cli.run(&["orders", "--json"]).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let refs: Vec<serde_json::Value> = listed
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(refs.len(), 1, "{}", listed.stdout);
    assert_eq!(refs[0]["ref"], order["ref"]);

    let report = cli.run(&["report", "--json"]).await;
    assert_eq!(report.code, 0, "{}", report.stderr);
    let books: serde_json::Value = serde_json::from_str(report.stdout.trim()).expect("JSON");
    assert_eq!(books["fulfilled"], 1, "{books}");
    // The store, its seal and the log are inside the folder asked for.
    let store = data.join("live").join("store");
    assert!(store.join("store.seal").is_file(), "{}", store.display());
    assert!(data.join("logs").is_dir());
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_folder_with_accents_and_arabic_letters_works() {
    let root = tempfile::tempdir().expect("dir");
    let data = root.path().join("Hélène Bouzid").join("محل الهاتف");
    sell_and_list_in(&data).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_folder_deeper_than_260_characters_works() {
    let root = tempfile::tempdir().expect("dir");
    let mut data: PathBuf = root.path().to_path_buf();
    while data.as_os_str().len() < 300 {
        data.push("dossier-de-la-caisse-du-magasin");
    }
    sell_and_list_in(&data).await;
}

/// Where the README says a shop's config lives when nothing else is given.
#[test]
fn the_default_config_file_is_in_the_users_config_folder() {
    let path = flexy_pos::config::default_config_path().expect("a home folder");
    #[cfg(windows)]
    assert!(
        path.ends_with(r"AppData\Roaming\flexy-pos\flexy-pos\config\config.toml"),
        "{}",
        path.display()
    );
    #[cfg(not(windows))]
    assert!(
        path.ends_with("flexy-pos/config.toml"),
        "{}",
        path.display()
    );
}
