//! A full disk needs no restart. sled keeps the error of a failed write for good (every later
//! write fails the same way) and keeps in memory the write the disk refused; the store reopens
//! its engine after a failed write, so the next attempt shows what is really on disk and
//! succeeds as soon as there is space again.
//!
//! Two ways to fill the disk: the store's test seam (a write fails as on a full disk, before it
//! reaches the engine, and the engine is reopened like after a real failure), and, when this
//! runs as root, a real 4 MB tmpfs filled to the last byte.

use crate::common;

use chrono::{TimeZone, Utc};
use common::*;
use flexy_pos::ledger::{OrderRecord, OrderState};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{NewOrder, OrderError};
use flexy_pos::store::Store;
use flexy_pos::testkit::OrderBuilder;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn order(i: u64) -> OrderRecord {
    let at = Utc
        .timestamp_millis_opt(1_740_787_200_000 + i as i64 * 1000)
        .unwrap();
    OrderBuilder::new(at, 9)
        .reference(format!("till-{i:04}"))
        .phone(format!("06612345{:02}", i % 100))
        .expected_cost(Dzd::from_dinars(480))
        .price(Dzd::from_dinars(505))
        .build()
}

#[test]
fn after_a_failed_write_the_same_order_is_written_once_there_is_space() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for i in 0..10 {
        store.insert_new(&order(i)).unwrap();
    }
    store.inject_disk_full(1);
    let err = store.insert_new(&order(10)).unwrap_err();
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(
        store.get(order(10).key).unwrap(),
        None,
        "nothing half-written"
    );
    assert_eq!(store.count().unwrap(), 10);
    // Space is back: the same order, with its ref, goes in, and the store works on.
    store.insert_new(&order(10)).unwrap();
    let mut rec = order(11);
    store.insert_new(&rec).unwrap();
    rec.state = OrderState::Pending;
    store.update(&rec).unwrap();
    assert_eq!(store.count().unwrap(), 12);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.count().unwrap(), 12);
    assert_eq!(store.get_by_ref("till-0010").unwrap(), Some(order(10)));
    assert_eq!(store.get(rec.key).unwrap(), Some(rec));
}

/// An emulator, a till with a poller, and a 500 DA sale whose plan list is already cached (so
/// the only writes left are the sale's own).
async fn till_with_plans_cached() -> (flexy_pos::emulator::EmulatorHandle, Rig, NewOrder) {
    let emu = start_emulator(emulator_config(8)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(120))).with_poller();
    let sale = NewOrder {
        phone: "0661234567".into(),
        plan_code: "PREPAID_MOBILIS".into(),
        amount: Some("500".into()),
    };
    rig.lc
        .validate(&sale)
        .await
        .expect("plans loaded and cached");
    (emu, rig, sale)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_stopped_by_a_full_disk_sends_nothing_and_goes_through_when_tried_again() {
    let (emu, rig, sale) = till_with_plans_cached().await;
    rig.store.inject_disk_full(1);
    match rig.lc.place(&sale).await {
        Err(OrderError::Store(e)) => assert!(e.to_string().contains("No space left"), "{e}"),
        other => panic!("expected a store error, got {other:?}"),
    }
    let stats = http_stats(&emu.base_url()).await;
    assert!(stats.refs.is_empty(), "nothing was sent: {:?}", stats.refs);
    assert_eq!(rig.store.count().unwrap(), 0);

    let sent = rig
        .lc
        .place(&sale)
        .await
        .expect("placed once there is space");
    let done = rig
        .wait_order(&sent.reference, Duration::from_secs(10), |r| {
            r.state.is_final()
        })
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs.len(), 1, "one sale reached the API");
    assert_eq!(stats.refs[&sent.reference].requests, 1);
    rig.stop().await;
}

/// The disk fills up after the sale was written and sent, while its answer is being written:
/// the sale LEFT, so it must come back as "sent, outcome unknown", never "not sent" (which
/// invites a second send under a new ref), and the poller settles it by its ref.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_whose_answer_cannot_be_written_is_checked_not_offered_again() {
    let (emu, rig, sale) = till_with_plans_cached().await;
    rig.lc.api().verify_key().await.expect("the key is good");
    // The sale's own first write goes through; the one after the send fails.
    rig.store.inject_disk_full_after(1, 1);
    let reference = match rig.lc.place(&sale).await {
        Err(e @ OrderError::SentUnrecorded { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("SENT") && text.contains("No space left"),
                "{text}"
            );
            match e {
                OrderError::SentUnrecorded { reference, .. } => reference,
                _ => unreachable!(),
            }
        }
        other => panic!("expected 'sent but not recorded', got {other:?}"),
    };
    let done = rig
        .wait_order(&reference, Duration::from_secs(10), |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled, "settled by its ref");
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs.len(), 1, "one sale reached the API");
    assert_eq!(stats.refs[&reference].requests, 1, "sent once");
    assert_eq!(rig.store.count().unwrap(), 1);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_list_that_cannot_be_cached_still_sells() {
    let emu = start_emulator(emulator_config(9)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(120)));
    rig.store.inject_disk_full(1);
    let sale = NewOrder {
        phone: "0661234567".into(),
        plan_code: "PREPAID_MOBILIS".into(),
        amount: Some("500".into()),
    };
    rig.lc
        .validate(&sale)
        .await
        .expect("fresh plans sell, cached or not");
    rig.stop().await;
}

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?.keep();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs(dir))
        } else {
            let _ = std::fs::remove_dir(&dir);
            None
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Fills the file system of `dir` to the last byte; returns the filler file.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![7u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&[7]).is_ok() {}
    path
}

#[test]
fn a_really_full_disk_needs_no_restart() {
    let Some(fs) = Tmpfs::mount("4m") else {
        eprintln!(
            "SKIPPED: cannot mount a tmpfs here (needs Linux and root); the seam tests still ran"
        );
        return;
    };
    let data = fs.0.join("data");
    let store = Store::open(&data).unwrap();
    for i in 0..20 {
        store.insert_new(&order(i)).unwrap();
    }
    let filler = fill(&fs.0);
    let mut failed = None;
    for i in 20..5000 {
        if let Err(e) = store.insert_new(&order(i)) {
            assert!(e.to_string().contains("No space left"), "{e}");
            failed = Some(i);
            break;
        }
    }
    let i = failed.expect("the disk filled up");
    // While the disk is full: what is shown is what is on disk, never the refused write.
    assert!(matches!(store.get(order(i).key), Ok(None) | Err(_)));
    std::fs::remove_file(&filler).unwrap();
    // Space is back: the same order with its ref, then more, without a restart.
    store.insert_new(&order(i)).unwrap();
    store.insert_new(&order(i + 1)).unwrap();
    assert_eq!(store.count().unwrap(), i + 2);
    drop(store);
    let store = Store::open(&data).unwrap();
    assert_eq!(store.count().unwrap(), i + 2);
    assert_eq!(store.get(order(i).key).unwrap(), Some(order(i)));
    drop(store);
}
