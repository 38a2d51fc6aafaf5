//! The files that hold the key or customers' numbers stay the shop's alone (Unix modes; on
//! Windows the per-user folders keep other users out): config.toml keeps its mode when the
//! till adds `terminal_id` (0600 for a file it creates), a symlinked config.toml is written
//! through to its target, and the data folder is 0700 with the store, its seal, the logs and
//! the practice state 0600. All through the real binary.
#![cfg(unix)]

use crate::common;

use common::*;
use flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("exists").permissions().mode() & 0o777
}

fn set_mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
}

/// `flexy-pos ARGS` with a key (live, against `url`) or without (practice), its config at
/// `config`, its data in `data`.
async fn run(url: Option<&str>, config: &Path, data: &Path, args: &[&str]) -> (i32, String) {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(data)
        .env("FLEXY_CONFIG", config)
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_PRACTICE_SPEED")
        .env_remove("ONECLICKDZ_API_KEY")
        .env("FLEXY_TIME_SCALE", "500")
        .env("FLEXY_LANG", "en");
    if let Some(url) = url {
        cmd.arg("--api-url").arg(url);
    }
    let out = cmd.output().await.expect("runs");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn key_file() -> String {
    format!("api_key = \"{DEFAULT_SANDBOX_KEY}\"\n")
}

fn holds_terminal_id(p: &Path) -> bool {
    std::fs::read_to_string(p)
        .expect("readable")
        .contains("terminal_id = ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_toml_keeps_its_mode_and_a_symlink_is_written_through() {
    let emu = start_emulator(emulator_config(5)).await;
    let url = emu.base_url();

    // A 0600 file holding the key, and one the shop made group-readable on purpose.
    for shop_mode in [0o600, 0o640] {
        let dir = tempfile::tempdir().expect("dir");
        let config = dir.path().join("config.toml");
        std::fs::write(&config, key_file()).expect("config");
        set_mode(&config, shop_mode);
        let (code, out) = run(Some(&url), &config, &dir.path().join("data"), &["sync"]).await;
        assert_eq!(code, 0, "{out}");
        assert!(holds_terminal_id(&config), "the till wrote its id");
        assert_eq!(mode(&config), shop_mode, "the mode is kept");
    }

    // A symlink to the real file elsewhere: the link stays, its target gets the id.
    let dir = tempfile::tempdir().expect("dir");
    let real_dir = dir.path().join("etc");
    std::fs::create_dir(&real_dir).expect("dir");
    let real = real_dir.join("flexy.toml");
    std::fs::write(&real, key_file()).expect("config");
    set_mode(&real, 0o600);
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink("etc/flexy.toml", &link).expect("symlink");
    let (code, out) = run(Some(&url), &link, &dir.path().join("data"), &["sync"]).await;
    assert_eq!(code, 0, "{out}");
    let meta = std::fs::symlink_metadata(&link).expect("link");
    assert!(meta.file_type().is_symlink(), "the symlink was replaced");
    assert!(holds_terminal_id(&real), "the target holds the id");
    assert_eq!(mode(&real), 0o600);
    let (code, out) = run(Some(&url), &link, &dir.path().join("data"), &["config"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(from config.toml)"), "read back: {out}");

    // A config file the till creates at its default place (the key given in the
    // environment) is private, and so are the folders it creates for it.
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join(".config/flexy-pos/config.toml");
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    let out = cmd
        .args(["sync", "--api-url", &url, "--data-dir"])
        .arg(dir.path().join("data"))
        .env("HOME", dir.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("FLEXY_CONFIG")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_API_URL")
        .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
        .env("FLEXY_LANG", "en")
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(holds_terminal_id(&config));
    assert_eq!(mode(&config), 0o600);
    assert_eq!(mode(&dir.path().join(".config")), 0o700);
    assert_eq!(mode(&dir.path().join(".config/flexy-pos")), 0o700);
}

/// Every folder and file under `root`.
fn tree(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .expect("dir")
                .map(|e| e.expect("entry").path())
                .collect();
            out.append(&mut inner);
        }
        i += 1;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_folder_and_every_file_in_it_are_private() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# defaults\n").expect("config");
    let data = dir.path().join("shop").join("data");
    let (code, out) = run(
        None,
        &config,
        &data,
        &[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "100",
        ],
    )
    .await;
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(None, &config, &data, &["orders"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0661234567"), "{out}");

    let all = tree(&data);
    let names: Vec<String> = all
        .iter()
        .map(|p| p.strip_prefix(&data).unwrap().display().to_string())
        .collect();
    for must in [
        "logs",
        "practice/store/store.seal",
        "practice/store/store.sled/db",
    ] {
        assert!(
            names.iter().any(|n| n == must),
            "{must} is there: {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.starts_with("logs/flexy-pos.log.")),
        "a log file: {names:?}"
    );
    assert!(
        names.iter().any(|n| n == "practice/emulator-state.json"),
        "{names:?}"
    );
    for p in &all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(
            mode(p),
            want,
            "{} is {:o}",
            p.strip_prefix(&data).unwrap().display(),
            mode(p)
        );
    }
    assert_eq!(mode(&dir.path().join("shop")), 0o700, "created by the till");
}
