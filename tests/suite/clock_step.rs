//! A wall clock that steps while an order's fate is unknown. The real binary runs under
//! libfaketime (Debian package `faketime`), whose offset the test changes mid-run through a
//! file: the wall clock jumps, the monotonic clock does not (`FAKETIME_DONT_FAKE_MONOTONIC`),
//! as when NTP or a person sets a PC's clock.
//!
//! The reconcile window (120 s: a ref OneClickDz does not know is "not sent" only once its send
//! is that old) must be measured on the monotonic clock within a run, and never be shortened
//! by the wall clock across a restart.
//!
//! Without faketime the tests are skipped with a message, except in CI (`CI` set), where they
//! fail: `.ci/run` installs faketime.

use crate::common;

use common::hostile::{Hostile, Mode};
use common::*;
use flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
use flexy_pos::ledger::Status;
use flexy_pos::ledger::reference::{make_ref, next_key};
use flexy_pos::store::Store;
use flexy_pos::testkit::OrderBuilder;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// libfaketime's multi-threaded library, wherever the distribution put it.
fn faketime_lib() -> Option<PathBuf> {
    let dirs = std::fs::read_dir("/usr/lib").ok()?;
    let mut candidates: Vec<PathBuf> = dirs
        .filter_map(|d| d.ok())
        .map(|d| d.path().join("faketime").join("libfaketimeMT.so.1"))
        .collect();
    candidates.push(PathBuf::from("/usr/lib/faketime/libfaketimeMT.so.1"));
    candidates.into_iter().find(|p| p.exists())
}

/// The library, when it really moves the wall clock of a child process.
fn faketime() -> Option<PathBuf> {
    let lib = faketime_lib()?;
    let dir = tempfile::tempdir().ok()?;
    let file = dir.path().join("offset");
    std::fs::write(&file, "+1d\n").ok()?;
    let out = std::process::Command::new("date")
        .arg("+%s")
        .env("LD_PRELOAD", &lib)
        .env("FAKETIME_TIMESTAMP_FILE", &file)
        .env("FAKETIME_NO_CACHE", "1")
        .output()
        .ok()?;
    let faked: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    let real = chrono::Utc::now().timestamp();
    ((faked - real - 86_400).abs() < 60).then_some(lib)
}

/// libfaketime, when it is there and works (skipped on Windows and, outside CI, without it:
/// see [`common::tool_ready`]).
fn skip_without_faketime() -> Option<PathBuf> {
    let mut lib = None;
    common::tool_ready(
        "faketime",
        || {
            lib = faketime();
            lib.is_some()
        },
        "faketime",
    );
    lib
}

/// Sets the offset of the faked wall clock (read by the child on every clock read).
fn step_clock(file: &Path, offset: &str) {
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, format!("{offset}\n")).expect("offset written");
    std::fs::rename(&tmp, file).expect("offset in place");
}

/// The real binary against `url` on `data`, its wall clock offset by what `clock` holds.
fn till(lib: &Path, clock: &Path, url: &str, data: &Path) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    c.args(["--api-url", url, "--data-dir"])
        .arg(data)
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_TIME_SCALE")
        .env("FLEXY_CONFIG", data.join("config.toml"))
        .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
        .env("LD_PRELOAD", lib)
        .env("FAKETIME_TIMESTAMP_FILE", clock)
        .env("FAKETIME_NO_CACHE", "1")
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

fn printed_order(out: &std::process::Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "not one JSON order ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The send takes 25 s to reach OneClickDz (the till gives up after 20 s) and the PC's clock
/// jumps 5 minutes ahead meanwhile. Before, the till asked check-ref at once, heard NOT_FOUND,
/// took the jump for 320 s of waiting and said "NOT SENT, sell again" 20 real seconds after
/// the sale; 5 s later OneClickDz applied the top-up (a second sale would have doubled it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forward_step_during_a_slow_send_never_makes_it_not_sent() {
    let Some(lib) = skip_without_faketime() else {
        return;
    };
    let emu = start_emulator(emulator_config(23)).await;
    let hostile = Hostile::start(
        &emu.base_url(),
        Mode::HoldSend {
            hold: Duration::from_secs(25),
        },
    )
    .await;
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "# defaults\n").expect("config");
    let clock = data.path().join("clock-offset");
    step_clock(&clock, "+0");
    let started = Instant::now();
    let child = till(&lib, &clock, &hostile.url, data.path())
        .args([
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "500",
            "--json",
            "--wait",
            "--timeout",
            "40",
        ])
        .spawn()
        .expect("the till starts");
    let arrived = wait_until(Duration::from_secs(20), || async {
        !hostile.arrived("/v3/mobile/send").is_empty()
    })
    .await;
    assert!(arrived, "the send reached the slow server");
    // Mid-send, the PC's clock jumps 5 minutes ahead.
    step_clock(&clock, "+300");
    let out = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("the till ends")
        .expect("exit status");
    let took = started.elapsed();
    let order = printed_order(&out);
    let reference = order["ref"].as_str().expect("ref").to_string();
    assert_ne!(
        order["status"], "NOT_SENT",
        "after {took:?} (the send was 25 s in reaching OneClickDz): {order:#}"
    );
    // The held send landed: the till found it by its ref and followed it to the end, sent once.
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&reference].accepted, 1, "{order:#}");
    assert_eq!(stats.refs[&reference].requests, 1, "never sent again");
    assert_eq!(order["status"], "FULFILLED", "{order:#}");
    assert!(out.status.success(), "{out:?}");
}

/// A send interrupted by a crash, and the PC's clock set 5 minutes ahead before the till is
/// started again: the stored send time says 300 s, but this run has waited nothing. Before,
/// `sync` declared it NOT_SENT on its first NOT_FOUND.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_a_forward_step_does_not_shorten_the_window() {
    let Some(lib) = skip_without_faketime() else {
        return;
    };
    let emu = start_emulator(emulator_config(24)).await;
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "# defaults\n").expect("config");
    let clock = data.path().join("clock-offset");
    // The order as a till killed mid-send leaves it: SAVED, written just now.
    let reference = {
        let store = Store::open(&data.path().join("live").join("store")).expect("store");
        let key = next_key();
        let reference = make_ref(&store.terminal_id().expect("id"), key);
        let rec = OrderBuilder::new(chrono::Utc::now(), 0)
            .key(key)
            .reference(reference.clone())
            .phone("0661234567")
            .changed(chrono::TimeDelta::zero(), Status::Saved, None)
            .build();
        store.insert_new(&rec).expect("insert");
        reference
    };
    step_clock(&clock, "+300");
    let out = till(&lib, &clock, &emu.base_url(), data.path())
        .args(["sync", "--json"])
        .output()
        .await
        .expect("sync runs");
    let store = Store::open(&data.path().join("live").join("store")).expect("store");
    let rec = store.get_by_ref(&reference).expect("read").expect("stored");
    assert_eq!(
        rec.state.status(),
        Status::Unconfirmed,
        "one NOT_FOUND, asked by a run that has waited nothing: {rec:#?}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
