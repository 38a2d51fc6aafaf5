//! Damage is never "repaired" silently. Copies of a store (closed cleanly; copied while open,
//! as a `kill -9` leaves it; one spanning several log segments; one whose writer was really
//! SIGKILLed) are damaged in many ways: cut short, a byte flipped, 4 kB zeroed, junk appended,
//! the engine's snapshot or settings file or the seal spoilt or removed. Each damaged copy must
//! either read back whole (every order, exactly as written) or be refused with every file of
//! the folder byte-for-byte as it was found.

use chrono::{DateTime, TimeZone, Utc};
use flexy_pos::api::types::PlanKind;
use flexy_pos::ledger::{OrderKey, OrderRecord, OrderState};
use flexy_pos::money::Dzd;
use flexy_pos::store::{OrderQuery, SEAL_FILE_NAME, Store};
use flexy_pos::testkit::OrderBuilder;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const DAY1_MS: u64 = 1_740_787_200_000;

fn time(millis: u64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(millis as i64).unwrap()
}

/// The `i`-th order of a busy till: 37 s apart, 700 regulars, amounts from 100 to 2050 DA,
/// a third still pending.
fn order(i: u64) -> OrderRecord {
    let state = if i.is_multiple_of(3) {
        OrderState::Pending
    } else {
        OrderState::Fulfilled
    };
    OrderBuilder::new(time(DAY1_MS + i * 37_000), i)
        .reference(format!("till-{i:06}"))
        .phone(format!("06612{:05}", i % 700))
        .plan("PREPAID_MOBILIS", "📱 PREPAID | عادي", PlanKind::Dynamic)
        .amount(Dzd::from_dinars(100 + (i as i64 % 40) * 50))
        .expected_cost(Dzd::from_dinars(96))
        .price(Dzd::from_dinars(105))
        .state(state)
        .topup_id(format!("topup-{i}"))
        .checks((i % 5) as u32)
        .build()
}

/// Writes orders `range` one at a time (as the till does) and updates every seventh.
fn sell(
    store: &Store,
    range: std::ops::Range<u64>,
    expected: &mut BTreeMap<OrderKey, OrderRecord>,
) {
    for i in range {
        let mut rec = order(i);
        store.insert_new(&rec).unwrap();
        if i.is_multiple_of(7) {
            rec.state = OrderState::Refunded;
            rec.checks += 1;
            store.update(&rec).unwrap();
        }
        expected.insert(rec.key, rec);
    }
}

fn write_files(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(dir);
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// A store as found on a till, and the orders it must hold.
struct Source {
    name: &'static str,
    files: BTreeMap<String, Vec<u8>>,
    expected: BTreeMap<OrderKey, OrderRecord>,
    /// Orders a killed writer had written but not yet been told were flushed: a damaged
    /// copy may lose them (or their last change), as a kill a moment earlier would have.
    unacknowledged: BTreeSet<OrderKey>,
}

/// Closed cleanly after two sessions.
fn closed() -> Source {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = BTreeMap::new();
    sell(&Store::open(dir.path()).unwrap(), 0..150, &mut expected);
    sell(&Store::open(dir.path()).unwrap(), 150..300, &mut expected);
    Source {
        name: "closed",
        files: crate::common::file_contents_under(dir.path()),
        expected,
        unacknowledged: BTreeSet::new(),
    }
}

/// Copied while the till was still writing: what `kill -9` (or a power cut after the writes
/// reached the disk) leaves. Every order written before the copy must be there.
fn killed() -> Source {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = BTreeMap::new();
    sell(&Store::open(dir.path()).unwrap(), 0..200, &mut expected);
    let store = Store::open(dir.path()).unwrap();
    sell(&store, 200..320, &mut expected);
    let image = crate::common::file_contents_under(dir.path());
    drop(store);
    Source {
        name: "killed",
        files: image,
        expected,
        unacknowledged: BTreeSet::new(),
    }
}

/// A history over several 512 kB log segments, so damage lands in old segments too.
fn big() -> Source {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = BTreeMap::new();
    let store = Store::open(dir.path()).unwrap();
    let batch: Vec<OrderRecord> = (1000..4000).map(order).collect();
    for chunk in batch.chunks(500) {
        store.insert_batch(chunk).unwrap();
    }
    expected.extend(batch.into_iter().map(|r| (r.key, r)));
    drop(store);
    sell(&Store::open(dir.path()).unwrap(), 0..60, &mut expected);
    let source = Source {
        name: "big",
        files: crate::common::file_contents_under(dir.path()),
        expected,
        unacknowledged: BTreeSet::new(),
    };
    let db_len = source.files["store.sled/db"].len();
    assert!(db_len > 3 * 512 * 1024, "several segments: {db_len} bytes");
    source
}

/// What opening and reading a folder gave.
#[derive(Debug)]
enum Outcome {
    Whole,
    Refused(String),
    Wrong(String),
}

/// Opens the store and reads every order, through the history pages and by key.
fn outcome(dir: &Path, source: &Source) -> Outcome {
    let expected = &source.expected;
    let store = match Store::open(dir) {
        Ok(s) => s,
        Err(e) => return Outcome::Refused(e.to_string()),
    };
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = match store.page(&OrderQuery::default(), before, 500) {
            Ok(p) => p,
            Err(e) => return Outcome::Refused(format!("reading a page: {e}")),
        };
        if let Some(d) = page.damaged.first() {
            return Outcome::Refused(format!("reading a page: {d}"));
        }
        seen.extend(page.orders.iter().map(|r| r.key));
        match page.next {
            Some(k) => before = Some(k),
            None => break,
        }
    }
    for (key, want) in expected {
        if source.unacknowledged.contains(key) {
            continue;
        }
        match store.get(*key) {
            Ok(Some(got)) if &got == want => {}
            Ok(Some(_)) => return Outcome::Wrong(format!("order {key:?} reads differently")),
            Ok(None) => return Outcome::Wrong(format!("order {key:?} is missing, silently")),
            Err(e) => return Outcome::Refused(format!("reading an order: {e}")),
        }
    }
    let written = (expected.len() - source.unacknowledged.len())..=expected.len();
    if !written.contains(&seen.len()) || seen.iter().any(|k| !expected.contains_key(k)) {
        return Outcome::Wrong(format!(
            "the history lists {} orders, {written:?} were written",
            seen.len(),
        ));
    }
    match store.count() {
        Ok(n) if n == seen.len() as u64 => Outcome::Whole,
        Ok(n) => Outcome::Wrong(format!("count {n}")),
        Err(e) => Outcome::Refused(format!("count: {e}")),
    }
}

type Damage = Box<dyn Fn(&mut BTreeMap<String, Vec<u8>>)>;

fn db(files: &mut BTreeMap<String, Vec<u8>>) -> &mut Vec<u8> {
    files.get_mut("store.sled/db").expect("a data file")
}

fn snap_name(files: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    files
        .keys()
        .filter(|n| n.starts_with("store.sled/snap."))
        .max()
        .cloned()
}

/// Offsets spread over `len`, plus the last few kB (the log's tail).
fn offsets(len: usize, n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..n)
        .map(|i| (i * len / n + 7 * i + 3) % len.max(1))
        .collect();
    out.extend([
        len.saturating_sub(1),
        len.saturating_sub(100),
        len.saturating_sub(3000),
    ]);
    out
}

fn damages(source: &Source) -> Vec<(String, Damage)> {
    let len = source.files["store.sled/db"].len();
    let mut out: Vec<(String, Damage)> = Vec::new();
    for at in [0, 19, 20, 4096, len / 4, len / 2, len - 4096, len - 1] {
        out.push((
            format!("truncated to {at}"),
            Box::new(move |f| db(f).truncate(at)),
        ));
    }
    for at in offsets(len, 31) {
        out.push((
            format!("byte {at} flipped"),
            Box::new(move |f| db(f)[at] ^= 0x5A),
        ));
    }
    for at in offsets(len, 17) {
        out.push((
            format!("4 kB zeroed at {at}"),
            Box::new(move |f| {
                let d = db(f);
                let end = (at + 4096).min(d.len());
                d[at..end].fill(0);
            }),
        ));
    }
    for n in [1usize, 1000, 600_000] {
        out.push((
            format!("{n} bytes of junk appended"),
            Box::new(move |f| {
                let d = db(f);
                d.extend((0..n as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
            }),
        ));
    }
    if snap_name(&source.files).is_some() {
        out.push((
            "snapshot removed".into(),
            Box::new(|f| {
                let name = snap_name(f).unwrap();
                f.remove(&name);
            }),
        ));
        out.push((
            "snapshot byte flipped".into(),
            Box::new(|f| {
                let name = snap_name(f).unwrap();
                let s = f.get_mut(&name).unwrap();
                let mid = s.len() / 2;
                s[mid] ^= 1;
            }),
        ));
        out.push((
            "snapshot cut short".into(),
            Box::new(|f| {
                let name = snap_name(f).unwrap();
                let s = f.get_mut(&name).unwrap();
                s.truncate(s.len() / 2);
            }),
        ));
    }
    out.push((
        "engine settings byte flipped".into(),
        Box::new(|f| f.get_mut("store.sled/conf").unwrap()[10] ^= 1),
    ));
    out.push((
        "seal removed".into(),
        Box::new(|f| {
            f.remove(SEAL_FILE_NAME);
        }),
    ));
    out.push((
        "seal spoilt".into(),
        Box::new(|f| {
            for b in f.get_mut(SEAL_FILE_NAME).unwrap().iter_mut().step_by(40) {
                *b ^= 0xFF;
            }
        }),
    ));
    out.push((
        "data file removed".into(),
        Box::new(|f| {
            f.remove("store.sled/db");
        }),
    ));
    out
}

fn run_matrix(source: &Source) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    // The undamaged copy reads whole.
    write_files(&case, &source.files);
    match outcome(&case, source) {
        Outcome::Whole => {}
        other => panic!("{}: the undamaged store: {other:?}", source.name),
    }
    let (mut whole, mut refused) = (0, 0);
    let mut failures = Vec::new();
    for (what, damage) in damages(source) {
        let mut damaged = source.files.clone();
        damage(&mut damaged);
        write_files(&case, &damaged);
        let before = crate::common::file_contents_under(&case);
        match outcome(&case, source) {
            Outcome::Whole => whole += 1,
            Outcome::Refused(why) => {
                refused += 1;
                if crate::common::file_contents_under(&case) != before {
                    let changed: Vec<String> =
                        changed_files(&before, &crate::common::file_contents_under(&case));
                    failures.push(format!("{what}: refused ({why}) but changed {changed:?}"));
                }
            }
            Outcome::Wrong(why) => failures.push(format!("{what}: read wrong, silently: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{}: {} of {} damaged copies went wrong:\n{}",
        source.name,
        failures.len(),
        whole + refused,
        failures.join("\n")
    );
    (whole, refused)
}

fn changed_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(
        b.keys()
            .filter(|k| !a.contains_key(*k))
            .map(|k| format!("+{k}")),
    );
    out
}

#[test]
fn a_damaged_store_closed_cleanly_is_read_whole_or_refused_untouched() {
    let (whole, refused) = run_matrix(&closed());
    println!("closed: {whole} read whole, {refused} refused untouched");
    assert!(refused > 20, "most damage is refused: {refused}");
}

#[test]
fn a_damaged_store_left_by_a_kill_is_read_whole_or_refused_untouched() {
    let (whole, refused) = run_matrix(&killed());
    println!("killed: {whole} read whole, {refused} refused untouched");
    assert!(refused > 20, "most damage is refused: {refused}");
}

#[test]
fn damage_in_old_log_segments_is_read_whole_or_refused_untouched() {
    let (whole, refused) = run_matrix(&big());
    println!("big: {whole} read whole, {refused} refused untouched");
    assert!(refused > 20, "most damage is refused: {refused}");
}

/// Where the writer child (this test binary, run again) writes: set only in that child.
const WRITER_DIR: &str = "FLEXY_TEST_WRITER_DIR";

/// Not a test of its own: the child that sells until it is killed. It prints the number of
/// each order once `insert_new` has returned (the order is then written and flushed).
#[test]
#[ignore = "run by a_store_whose_writer_was_killed_holds_every_order_and_refuses_damage"]
fn writer_child() {
    let Some(dir) = std::env::var_os(WRITER_DIR) else {
        return;
    };
    let store = Store::open(Path::new(&dir)).unwrap();
    let mut out = std::io::stdout();
    for i in 0.. {
        let mut rec = order(i);
        store.insert_new(&rec).unwrap();
        if i.is_multiple_of(7) {
            rec.state = OrderState::Refunded;
            store.update(&rec).unwrap();
        }
        use std::io::Write;
        writeln!(out, "{i}").unwrap();
        out.flush().unwrap();
    }
}

/// A writer SIGKILLed for real while selling: the store it leaves holds every order it had
/// been told was written, and damaged copies of it read whole or are refused untouched.
#[test]
fn a_store_whose_writer_was_killed_holds_every_order_and_refuses_damage() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("till");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "store_damage::writer_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_DIR, &data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the writer starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acknowledged = None;
    for line in lines.by_ref() {
        if let Ok(i) = line.unwrap().trim().parse::<u64>() {
            acknowledged = Some(i);
            if i >= 250 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let acknowledged = acknowledged.expect("the writer wrote orders");
    let image = crate::common::file_contents_under(&data);
    // Every order it was told was written is there, as written (one more may be too).
    let probe = dir.path().join("probe");
    write_files(&probe, &image);
    let store = Store::open(&probe).expect("a killed store opens");
    let mut expected = BTreeMap::new();
    let mut before = None;
    loop {
        let page = store.page(&OrderQuery::default(), before, 100).unwrap();
        assert!(page.damaged.is_empty(), "{:?}", page.damaged);
        expected.extend(page.orders.into_iter().map(|r| (r.key, r)));
        match page.next {
            Some(k) => before = Some(k),
            None => break,
        }
    }
    for i in 0..=acknowledged {
        let mut want = order(i);
        if i.is_multiple_of(7) {
            want.state = OrderState::Refunded;
        }
        assert_eq!(
            expected.get(&want.key),
            Some(&want),
            "order {i} was written"
        );
    }
    assert_eq!(store.count().unwrap(), expected.len() as u64);
    drop(store);
    let acknowledged_keys: BTreeSet<OrderKey> = (0..=acknowledged).map(|i| order(i).key).collect();
    let unacknowledged = expected
        .keys()
        .filter(|k| !acknowledged_keys.contains(k))
        .copied()
        .collect();
    let source = Source {
        name: "writer killed",
        files: image,
        expected,
        unacknowledged,
    };
    let (whole, refused) = run_matrix(&source);
    println!("writer killed: {whole} read whole, {refused} refused untouched");
    assert!(refused > 20, "most damage is refused: {refused}");
}

/// `flexy-pos orders` on the shop's two unlucky stores from the report: a store whose log was
/// damaged, and a store left by a crash with one byte flipped. Each is refused (exit 1) with
/// the way to restore it, and not one byte of the folder changes.
#[test]
fn the_orders_command_refuses_a_damaged_store_and_says_how_to_restore_it() {
    for (source, at_end) in [(closed(), 1500usize), (killed(), 40)] {
        let dir = tempfile::tempdir().unwrap();
        let store_dir = dir.path().join("practice").join("store");
        let mut damaged = source.files.clone();
        // A byte in the last orders written: the part of the log sled "recovers" by cutting it.
        let data_end = data_end(&damaged["store.sled/db"]);
        db(&mut damaged)[data_end - at_end] ^= 0x01;
        write_files(&store_dir, &damaged);
        let before = crate::common::file_contents_under(dir.path());
        // An empty config outside the data folder (`/dev/null` is Unix only).
        let config = tempfile::NamedTempFile::new().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
            .args(["orders", "--json", "--limit", "1000"])
            .arg("--data-dir")
            .arg(dir.path())
            .env_remove("ONECLICKDZ_API_KEY")
            .env("FLEXY_CONFIG", config.path())
            // The test reads the English words; tests/suite/cli_language.rs checks the others.
            .env("FLEXY_LANG", "en")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", source.name);
        assert!(
            stderr.contains("damaged") && stderr.contains("nothing was changed"),
            "{stderr}"
        );
        assert!(
            stderr.contains("flexy-pos sync --since"),
            "how to restore: {stderr}"
        );
        assert!(out.stdout.is_empty(), "no partial list");
        let mut after = crate::common::file_contents_under(dir.path());
        after.retain(|k, _| !k.starts_with("logs/"));
        assert_eq!(after, before, "{}: the folder is as it was", source.name);
    }
}

/// Where the written part of the log ends (sled fills the rest of its segment with zeros).
fn data_end(db: &[u8]) -> usize {
    db.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1)
}
