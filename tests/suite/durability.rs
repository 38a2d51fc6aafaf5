//! "Flushed" means durable: the real binary is traced with `strace -f` during `flexy-pos send`,
//! and the trace must show the order written to the store's file, then an fsync/fdatasync of
//! that file, and only then the first byte of the HTTP send request.
//!
//! Without `strace` the test is skipped with a message, except in CI (`CI` set), where it
//! fails: `.ci/run` installs strace. On Windows it is always skipped (see
//! `common::tool_ready`); there is no strace there.

use crate::common;

use common::*;
use flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
use std::path::Path;
use std::process::Command;

/// The store's data file, as strace's `-y` prints a descriptor's path.
const STORE_FILE: &str = "store.sled/db>";
const SEND_LINE: &str = "POST /v3/mobile/send";

fn strace_works() -> bool {
    Command::new("strace")
        .args(["-f", "-e", "trace=none", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One system call of the trace (or the end of one that another thread interrupted).
#[derive(Debug)]
struct Call<'a> {
    index: usize,
    pid: &'a str,
    /// `fdatasync(`, `<... fdatasync resumed>`…: the text after the pid.
    text: &'a str,
}

impl<'a> Call<'a> {
    fn parse(index: usize, line: &'a str) -> Option<Call<'a>> {
        let (pid, text) = line.split_once(' ')?;
        Some(Call {
            index,
            pid,
            text: text.trim_start(),
        })
    }

    fn is(&self, names: &[&str]) -> bool {
        names.iter().any(|n| {
            self.text
                .strip_prefix(n)
                .is_some_and(|rest| rest.starts_with('('))
        })
    }

    fn on_store_file(&self) -> bool {
        self.text
            .split_once('>')
            .is_some_and(|(head, _)| format!("{head}>").ends_with(STORE_FILE))
    }

    /// The call's result is in this line (not `<unfinished ...>`).
    fn finished(&self) -> bool {
        !self.text.ends_with("<unfinished ...>")
    }
}

/// Where the call starting at `start` returned: the same line, or its `resumed` line.
fn end_of(calls: &[Call], start: &Call, name: &str) -> Option<usize> {
    if start.finished() {
        return Some(start.index);
    }
    let resumed = format!("<... {name} resumed>");
    calls
        .iter()
        .find(|c| c.index > start.index && c.pid == start.pid && c.text.starts_with(&resumed))
        .map(|c| c.index)
}

fn run_traced_send(url: &str, dir: &Path, trace: &Path) -> (std::process::Output, String) {
    let out = Command::new("strace")
        .args(["-f", "-y", "-qq", "-s", "65536", "-o"])
        .arg(trace)
        .args([
            "-e",
            "trace=write,writev,pwrite64,pwritev,pwritev2,sendto,sendmsg,fsync,fdatasync",
        ])
        .arg(env!("CARGO_BIN_EXE_flexy-pos"))
        .args(["--api-url", url, "--data-dir"])
        .arg(dir)
        .args([
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "500",
            "--json",
        ])
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env("FLEXY_CONFIG", dir.join("config.toml"))
        .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
        .output()
        .expect("strace runs");
    let text = std::fs::read_to_string(trace).expect("trace file");
    (out, text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_order_is_fsynced_before_the_send_leaves() {
    if !tool_ready("strace", strace_works, "strace") {
        return;
    }
    let emu = start_emulator(emulator_config(5)).await;
    let dir = tempfile::tempdir().expect("dir");
    let trace = dir.path().join("trace.txt");
    std::fs::write(dir.path().join("config.toml"), "# defaults\n").expect("config");
    let url = emu.base_url();
    let (out, text) = tokio::task::spawn_blocking(move || {
        let (o, t) = run_traced_send(&url, dir.path(), &trace);
        (o, t, dir)
    })
    .await
    .map(|(o, t, _dir)| (o, t))
    .expect("traced run");
    assert!(out.status.success(), "send failed: {out:?}");
    let order: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("send --json prints the order");
    let reference = order["ref"].as_str().expect("ref").to_string();
    assert_eq!(
        http_stats(&emu.base_url()).await.refs[&reference].accepted,
        1,
        "the traced send reached the API"
    );

    let calls: Vec<Call> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| Call::parse(i, l))
        .collect();
    let written = calls
        .iter()
        .find(|c| {
            c.is(&["pwrite64", "pwritev", "pwritev2", "write", "writev"])
                && c.on_store_file()
                && c.text.contains(&reference)
        })
        .unwrap_or_else(|| panic!("no write of order {reference} to the store in:\n{text}"));
    let sent = calls
        .iter()
        .find(|c| c.is(&["write", "writev", "sendto", "sendmsg"]) && c.text.contains(SEND_LINE))
        .unwrap_or_else(|| panic!("no send request in the trace:\n{text}"));
    assert!(
        written.index < sent.index,
        "the send left before the order was written"
    );
    let synced = calls
        .iter()
        .filter(|c| c.index > written.index && c.index < sent.index)
        .filter(|c| c.is(&["fsync", "fdatasync"]) && c.on_store_file())
        .find_map(|c| {
            let name = if c.is(&["fsync"]) {
                "fsync"
            } else {
                "fdatasync"
            };
            end_of(&calls, c, name).filter(|&end| end < sent.index)
        });
    assert!(
        synced.is_some(),
        "no fsync/fdatasync of the store file completed between the order write (line {}) and \
         the send (line {}):\n{}",
        written.index + 1,
        sent.index + 1,
        text.lines()
            .skip(written.index)
            .take(sent.index - written.index + 1)
            .map(|l| l.chars().take(200).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
