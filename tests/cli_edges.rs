//! The real binary facing an unlucky shop's files: a log file it cannot open, and config files
//! that are mistyped, out of range or absurdly big. Each must give a clear message naming the
//! setting and its line, never print a value (the API key could be any of them), and never
//! panic.

use std::path::{Path, PathBuf};
use std::process::Output;

const SECRET: &str = "5a4db0c5-f1e0-4c1d-8e57-0ac1d2009f3e";

/// `flexy-pos ARGS --data-dir DIR` in practice mode (no key), with `config` as its config file.
fn run(dir: &Path, config: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_PRACTICE_SPEED")
        .env_remove("FLEXY_LOG")
        .env("FLEXY_CONFIG", config)
        .output()
        .expect("the binary runs")
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
