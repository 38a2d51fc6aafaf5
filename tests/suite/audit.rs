//! The server as a second ledger. Power-cut simulations against the emulator, run through the
//! real binary's `sync --since`:
//! - "new PC": the whole data folder is gone after orders were accepted;
//! - "lost writes": a random subset of records is gone, one order is stale (an open state it
//!   left long ago), one was wrongly given up as NOT_SENT, and one the server never had.
//!
//! Afterwards every ref the emulator accepted is in the store with the server's status, none
//! was sent again (`/__emulator/stats`), orders made elsewhere are marked external, and the
//! summary counts what happened. Then the counter's background audit: requests counted.

use crate::common;

use chrono::{Duration as Days, Utc};
use common::*;
use flexy_pos::api::types::{PlanKind, TopupStatus};
use flexy_pos::emulator::{DEFAULT_SANDBOX_KEY, EmulatorHandle, Stats};
use flexy_pos::ledger::reference::{make_ref, next_key};
use flexy_pos::ledger::{Note, OrderKey, Origin, Status};
use flexy_pos::orders::audit::AuditHandle;
use flexy_pos::orders::{
    Lifecycle, NewOrder, OrderError, OrderRecord, OrderState, PlansSync, PollSettings,
};
use flexy_pos::rules::PriceRule;
use flexy_pos::store::{OrderQuery, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// What the till sells before the power cut: every sandbox outcome, fixed and dynamic plans.
const SALES: &[(&str, &str, Option<&str>)] = &[
    ("PREPAID_MOBILIS", "0661234567", Some("500")),
    ("PREPAID_DJEZZY", "0771234567", Some("1000")),
    ("MIX500_OOREDOO", "0551234567", None),
    ("PIXX_500", "0662222222", None),
    ("PREPAID_MOBILIS", "0600000001", Some("200")),
    ("PREPAID_DJEZZY", "0600000002", Some("300")),
    ("PREPAID_MOBILIS", "0600000003", Some("400")),
];
const ORDERS: usize = 21;

fn store_dir(data: &Path) -> PathBuf {
    data.join("live").join("store")
}

/// A till with a key, on the store the binary uses for `data` (`<data>/live/store`).
fn till(data: &Path, url: &str, settings: PollSettings) -> (Store, Lifecycle) {
    let store = Store::open(&store_dir(data)).expect("store opens");
    let api = client(url);
    let plans = PlansSync::new(store.clone(), api.clone(), Duration::from_secs(3600));
    let lc = Lifecycle::new(store.clone(), api, plans, settings, PriceRule::default())
        .expect("lifecycle");
    (store, lc)
}

/// Sells [`ORDERS`] top-ups and waits until each is final. Returns the till's terminal id.
async fn sell(data: &Path, url: &str) -> String {
    let (store, lc) = till(data, url, fast_settings(Duration::from_secs(120)));
    let sales: Vec<NewOrder> = (0..ORDERS)
        .map(|i| {
            let (plan, phone, amount) = SALES[i % SALES.len()];
            NewOrder {
                phone: phone.into(),
                plan_code: plan.into(),
                amount: amount.map(str::to_string),
            }
        })
        .collect();
    common::till::sell_until_final(&lc, &sales).await;
    let terminal = lc.terminal_id().to_string();
    drop((store, lc));
    drop(open_store(data));
    terminal
}

/// Orders made elsewhere on the account: two from the dashboard, one from another till.
async fn others(url: &str) -> Vec<String> {
    let other_till = make_ref("till9", next_key());
    let refs = vec!["dash-web-1".to_string(), "dash-web-2".into(), other_till];
    for (i, r) in refs.iter().enumerate() {
        let phone = ["0669876543", "0600000001", "0661112233"][i];
        external_order(url, r, phone, 600 + 60 * i as u64).await;
    }
    refs
}

/// One of this till's own orders from three days ago (outside the default 48 h window).
async fn old_own_order(url: &str, terminal: &str) -> String {
    let three_days_ms = (Utc::now() - Days::days(3)).timestamp_millis() as u64;
    let key = OrderKey(OrderKey::first_at(three_days_ms).0 | 0xabcd);
    let r = make_ref(terminal, key);
    external_order(url, &r, "0661234567", 3 * 86_400).await;
    r
}

fn binary(url: &str, data: &Path) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    c.arg("--api-url")
        .arg(url)
        .arg("--data-dir")
        .arg(data)
        .env_remove("FLEXY_API_URL")
        .env_remove("FLEXY_DATA_DIR")
        .env_remove("FLEXY_TERMINAL")
        .env("FLEXY_CONFIG", data.join("config.toml"))
        .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
        .env("FLEXY_TIME_SCALE", "500")
        .env("FLEXY_LANG", "en")
        .stdin(Stdio::null());
    c
}

/// The shop's day (Algeria, UTC+1) `days_ago` days back, as `--since` takes it.
fn shop_day(days_ago: i64) -> String {
    (Utc::now() + Days::hours(1) - Days::days(days_ago))
        .format("%Y-%m-%d")
        .to_string()
}

/// `flexy-pos [extra] sync [--since DAY] --json`: its exit code and JSON summary.
async fn sync(url: &str, data: &Path, extra: &[&str], since: Option<&str>) -> (i32, Value) {
    let mut cmd = binary(url, data);
    cmd.args(extra).args(["sync", "--json"]);
    if let Some(day) = since {
        cmd.args(["--since", day]);
    }
    let out = cmd.output().await.expect("sync runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // In English (FLEXY_LANG above), so the words checked are the ones it would print.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("audit: page") && !stderr.contains("\r\x1b[K"),
        "no progress line on a pipe: {stderr}"
    );
    let json: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "sync --json printed no JSON ({e}): {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// Opens the store of `data` once the till's last handle let go of it (tasks of a stopped
/// poller may still hold one for a moment).
fn open_store(data: &Path) -> Store {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        match Store::open(&store_dir(data)) {
            Err(flexy_pos::store::StoreError::Locked { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20))
            }
            other => return other.expect("store opens"),
        }
    }
}

fn all_orders(data: &Path) -> BTreeMap<String, OrderRecord> {
    let store = open_store(data);
    let page = store
        .page(&OrderQuery::default(), None, 10_000)
        .expect("list");
    assert!(page.damaged.is_empty(), "{:?}", page.damaged);
    page.orders
        .into_iter()
        .map(|o| (o.reference.clone(), o))
        .collect()
}

/// Every order the API has is in the store with the server's status and answer; this till's
/// are its own (or restored), the others external; nothing was sent again since `before`.
async fn assert_the_store_is_the_servers(
    emu: &EmulatorHandle,
    data: &Path,
    before: &Stats,
    externals: &[String],
) -> BTreeMap<String, OrderRecord> {
    let store = all_orders(data);
    let after = http_stats(&emu.base_url()).await;
    assert_eq!(
        after.refs, before.refs,
        "not one send request since the power cut"
    );
    assert_eq!(after.orders, before.orders, "no new order on the account");
    let api = client(&emu.base_url());
    let page = api
        .list_topups(&flexy_pos::api::list::ListRequest::new(1, 100, None).unwrap())
        .await
        .expect("the whole account");
    assert_eq!(page.items.len(), after.orders);
    for item in &page.items {
        let r = item.reference.as_deref().expect("ref");
        let rec = store
            .get(r)
            .unwrap_or_else(|| panic!("the API has {r} but the store does not"));
        assert_eq!(
            Some(rec.state.clone()),
            OrderState::from_api(&item.status),
            "{r}"
        );
        assert_eq!(
            rec.api.as_ref(),
            Some(item),
            "{r}: the server's answer is kept"
        );
        let external = externals.iter().any(|e| e == r);
        assert_eq!(rec.is_external(), external, "{r} is {:?}", rec.origin);
        if item.status == TopupStatus::Refunded {
            let kept = rec.api.as_ref().and_then(|a| a.balance_amount);
            assert_eq!(
                kept,
                Some(flexy_pos::money::Dzd::ZERO),
                "{r}: §12, nothing charged"
            );
        }
    }
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_rebuilds_the_history_from_the_server() {
    let emu = start_emulator(emulator_config(13)).await;
    let url = emu.base_url();
    let old_pc = tempfile::tempdir().expect("dir");
    let terminal = sell(old_pc.path(), &url).await;
    let externals = others(&url).await;
    let old_own = old_own_order(&url, &terminal).await;
    let before = http_stats(&url).await;
    let sold: Vec<String> = before
        .refs
        .iter()
        .filter(|(_, s)| s.accepted == 1)
        .map(|(r, _)| r.clone())
        .collect();
    assert_eq!(sold.len(), ORDERS);

    // The power goes and takes the disk: a new PC, an empty data folder.
    drop(old_pc);
    let new_pc = tempfile::tempdir().expect("dir");
    std::fs::write(new_pc.path().join("config.toml"), "# defaults\n").expect("config");

    // The default window is 48 h: the order of three days ago needs --since.
    let terminal_flag = ["--terminal", terminal.as_str()];
    let (code, json) = sync(&url, new_pc.path(), &terminal_flag, None).await;
    assert_eq!(code, 0, "{json}");
    let audit = &json["audit"];
    assert_eq!(audit["restored"], ORDERS, "{json}");
    assert_eq!(audit["external"], externals.len());
    assert_eq!(audit["external_new"], externals.len());
    assert_eq!(audit["corrected"], 0);
    assert_eq!(audit["unknown_to_server"], 0);
    assert_eq!(audit["complete"], true);
    assert!(!all_orders(new_pc.path()).contains_key(&old_own));

    let (code, json) = sync(&url, new_pc.path(), &[], Some(&shop_day(4))).await;
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["audit"]["restored"], 1,
        "the old order, now in the window"
    );
    assert_eq!(json["audit"]["restored_refs"][0], old_own.as_str());
    let store = assert_the_store_is_the_servers(&emu, new_pc.path(), &before, &externals).await;
    for r in sold.iter().chain([&old_own]) {
        assert_eq!(store[r].origin, Origin::Restored, "{r}");
        assert_eq!(store[r].send_attempts, 0, "{r}: nothing was sent from here");
    }
    let pixx = store
        .values()
        .find(|o| o.plan_code == "PIXX_500")
        .expect("a Pixx sale");
    assert_eq!(
        (pixx.plan_kind, pixx.amount),
        (PlanKind::Fixed, flexy_pos::money::Dzd::from_dinars(500)),
        "the plan list names a restored order's plan"
    );
    assert_eq!(
        store[&old_own].created_at.date_naive(),
        (Utc::now() - Days::days(3)).date_naive()
    );
    let config = std::fs::read_to_string(new_pc.path().join("config.toml")).expect("config");
    assert!(
        config.contains(&format!("terminal_id = \"{terminal}\"")),
        "the terminal id is kept for the next PC: {config}"
    );

    // Idempotent: nothing more to do.
    let (_, json) = sync(&url, new_pc.path(), &[], Some(&shop_day(4))).await;
    let audit = &json["audit"];
    assert_eq!(
        (
            &audit["restored"],
            &audit["external_new"],
            &audit["corrected"]
        ),
        (&Value::from(0), &Value::from(0), &Value::from(0)),
        "{json}"
    );

    // The history shows the others' orders marked; they are never open (never polled).
    let out = binary(&url, new_pc.path())
        .args(["orders", "--json", "--limit", "100"])
        .output()
        .await
        .expect("orders runs");
    let listed: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    for e in &externals {
        let row = listed
            .iter()
            .find(|o| o["ref"] == e.as_str())
            .expect("listed");
        assert_eq!(row["origin"], "external", "{row}");
    }
    assert_eq!(open_store(new_pc.path()).open_count().unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_writes_are_restored_corrected_and_reported() {
    let seed = std::env::var("AUDIT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_026u64);
    println!("AUDIT_SEED={seed}");
    let emu = start_emulator(emulator_config(seed)).await;
    let url = emu.base_url();
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "# defaults\n").expect("config");
    let terminal = sell(data.path(), &url).await;
    let externals = others(&url).await;
    let before = http_stats(&url).await;

    // The store loses a random subset of its records (and every index entry with them):
    // rebuilt from what is left, as a disk that dropped writes would leave it.
    let kept_all = all_orders(data.path());
    let mut rng = StdRng::seed_from_u64(seed);
    let mut kept: Vec<OrderRecord> = Vec::new();
    let mut lost = Vec::new();
    for rec in kept_all.into_values() {
        if rng.random_bool(0.4) {
            lost.push(rec.reference);
        } else {
            kept.push(rec);
        }
    }
    assert!(
        lost.len() >= 3 && kept.len() >= 3,
        "seed {seed}: {} lost",
        lost.len()
    );
    // A lost update: one order is back in an open state it left long ago.
    let stale = kept[0].reference.clone();
    kept[0].state = OrderState::Sent;
    kept[0].api = None;
    // One wrongly given up as never sent (its send did land).
    let given_up = kept[1].reference.clone();
    kept[1].state = OrderState::NotSent;
    // And one the API accepted here but no longer lists.
    let ghost = {
        let mut g = kept[2].clone();
        g.key = OrderKey(
            OrderKey::first_at((Utc::now() - Days::hours(1)).timestamp_millis() as u64).0 | 7,
        );
        g.reference = make_ref(&terminal, g.key);
        g.topup_id = Some("ffffffffffffffffffffffff".into());
        g.state = OrderState::Fulfilled;
        g.api = None;
        g
    };
    kept.push(ghost.clone());
    crate::common::remove_dir_all_patiently(&store_dir(data.path()));
    {
        let store = open_store(data.path());
        store.adopt_terminal_id(&terminal).expect("terminal id");
        store.insert_batch(&kept).expect("the surviving records");
    }

    let (code, json) = sync(&url, data.path(), &[], Some(&shop_day(1))).await;
    assert_eq!(code, 0, "{json}");
    let audit = &json["audit"];
    assert_eq!(audit["restored"], lost.len(), "{json}");
    assert_eq!(audit["corrected"], 1, "{json}");
    assert_eq!(audit["corrections"][0]["ref"], given_up.as_str());
    assert_eq!(audit["corrections"][0]["was"], "NOT_SENT");
    assert_eq!(audit["unknown_to_server"], 1, "{json}");
    assert_eq!(audit["unknown_to_server_refs"][0], ghost.reference.as_str());
    assert_eq!(audit["external_new"], externals.len());

    let store = assert_the_store_is_the_servers(&emu, data.path(), &before, &externals).await;
    for r in &lost {
        assert_eq!(store[r].origin, Origin::Restored, "{r}");
    }
    assert_eq!(store[&stale].origin, Origin::Till, "found, not restored");
    let fixed = &store[&given_up];
    let labels: Vec<Status> = fixed.history.iter().map(|h| h.state).collect();
    assert!(
        labels.contains(&Status::Saved) && labels.last() != Some(&Status::NotSent),
        "the timeline keeps the till's story and the server's: {labels:?}"
    );
    assert!(
        fixed
            .history
            .last()
            .and_then(|h| h.note.as_ref())
            .is_some_and(
                |n| matches!(n, Note::AuditCorrected { had, .. } if *had == Status::NotSent)
            ),
        "{:?}",
        fixed.history
    );
    // The ghost is reported, never called failed or changed.
    assert_eq!(store[&ghost.reference].state, OrderState::Fulfilled);
}

fn audit_settings() -> PollSettings {
    PollSettings {
        audit_first_delay: Duration::from_millis(40),
        audit_every: Duration::from_millis(300),
        audit_page_pause: Duration::from_millis(5),
        audit_skew: Duration::from_millis(1),
        ..fast_settings(Duration::from_secs(120))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counters_audit_runs_at_start_and_then_on_schedule_without_a_storm() {
    let emu = start_emulator(emulator_config(3)).await;
    for i in 0..120 {
        external_order(
            &emu.base_url(),
            &format!("web-{i:03}"),
            "0661234567",
            60 + i,
        )
        .await;
    }
    let proxy = Proxy::start(emu.addr).await;
    let data = tempfile::tempdir().expect("dir");
    let settings = audit_settings();
    let (store, lc) = till(data.path(), &proxy.url, settings.clone());
    let started = tokio::time::Instant::now();
    let audit = AuditHandle::start(lc.clone());
    // The first run is a full walk of three pages of 50.
    // A generous bound: under a loaded CI machine the walk is slow, never early.
    let first = wait_until(Duration::from_secs(20), || async {
        proxy.counts.lists() >= 3
    })
    .await;
    assert!(first, "no audit at start-up");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    audit.shutdown().await;
    let elapsed = started.elapsed();
    assert!(
        wait_until(Duration::from_secs(10), || async {
            store.count().unwrap_or(0) == 120
        })
        .await,
        "every dashboard order is kept"
    );

    let lists = proxy.counts.lists();
    let runs_allowed = 1
        + (elapsed
            .saturating_sub(settings.audit_first_delay)
            .as_secs_f64()
            / settings.audit_every.as_secs_f64())
        .floor() as u64;
    println!("{lists} list requests in {elapsed:?} ({runs_allowed} runs allowed)");
    assert!(lists <= 3 * runs_allowed, "{lists} list requests: a storm");
    assert!(lists >= 6, "the audit runs again on schedule ({lists})");
    for q in proxy.counts.list_queries() {
        assert!(q.contains("pageSize=50"), "{q}");
        assert!(
            q.contains("from=") && q.contains("to="),
            "date-bounded: {q}"
        );
    }
    assert_eq!(
        (proxy.counts.sends(), proxy.counts.checks()),
        (0, 0),
        "an audit only reads the list"
    );

    // Others' orders are read-only: never open, never checked, never sent again.
    assert_eq!(store.open_count().unwrap(), 0);
    let any = store.get_by_ref("web-007").unwrap().expect("kept");
    assert!(any.is_external());
    assert!(
        lc.check("web-007")
            .await
            .record()
            .is_some_and(|r| r.is_external())
    );
    assert_eq!(
        proxy.counts.checks(),
        0,
        "checking an external order asks nothing"
    );
    let resend = lc.retry_not_sent("web-007").await;
    assert!(
        matches!(resend, Err(OrderError::NotRetryable { .. })),
        "{resend:?}"
    );
}

/// On a terminal, `sync --since` shows how far the audit got on one line, rewritten in place,
/// and ends it before the summary (on a pipe it prints nothing extra: see [`sync`]).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_shows_its_progress_on_a_terminal() {
    if !tool_ready("tmux", || runs("tmux", &["-V"]), "tmux") {
        return;
    }
    let emu = start_emulator(emulator_config(19)).await;
    let url = emu.base_url();
    others(&url).await;
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "# defaults\n").expect("config");
    let socket = format!("flexy-audit-{}", std::process::id());
    let cmd = format!(
        "env FLEXY_LANG=en FLEXY_CONFIG={cfg} ONECLICKDZ_API_KEY={DEFAULT_SANDBOX_KEY} \
         {bin} --api-url {url} --data-dir {data} sync --since {day}; echo EXIT=$?; sleep 60",
        cfg = data.path().join("config.toml").display(),
        bin = env!("CARGO_BIN_EXE_flexy-pos"),
        data = data.path().display(),
        day = shop_day(1),
    );
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux runs")
    };
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        "sync",
        "-x",
        "120",
        "-y",
        "20",
        &cmd,
    ]);
    assert!(started.status.success(), "{started:?}");
    let mut screen = String::new();
    for _ in 0..300 {
        let out = tmux(&["capture-pane", "-p", "-t", "sync"]);
        screen = String::from_utf8_lossy(&out.stdout).into_owned();
        if screen.contains("EXIT=") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tmux(&["kill-server"]);
    assert!(screen.contains("EXIT=0"), "sync ends well:\n{screen}");
    let progress: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("audit: page"))
        .collect();
    assert_eq!(progress.len(), 1, "one line, rewritten in place:\n{screen}");
    assert!(
        progress[0].contains("3 external"),
        "it counts what it found:\n{screen}"
    );
    let after: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("audit: page"))
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(
        after.len() >= 2,
        "the summary follows on its own lines:\n{screen}"
    );
}

/// Two audits of one till at once (a `sync` through the till while its hourly audit runs) walk
/// the list one after the other, never interleaved: both finish, and the orders made elsewhere
/// are kept once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_audits_at_once_walk_the_list_one_after_the_other() {
    use flexy_pos::orders::audit::AuditOptions;
    use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
    let emu = start_emulator(emulator_config(61)).await;
    for i in 0..45 {
        external_order(&emu.base_url(), &format!("dash-{i}"), "0661234567", 120).await;
    }
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(120)));
    let opts = AuditOptions {
        page_size: 20,
        ..AuditOptions::last_hours(2, Utc::now())
    };
    let walking = AtomicU8::new(0);
    let overlapped = AtomicBool::new(false);
    let walk = |me: u8| {
        let (walking, overlapped, lc, opts) = (&walking, &overlapped, &rig.lc, &opts);
        async move {
            let report = lc
                .audit(opts, &mut |_| {
                    if walking.swap(me, Ordering::SeqCst) & !me != 0 {
                        overlapped.store(true, Ordering::SeqCst);
                    }
                    // A slow page: the other audit has time to cut in, if it may.
                    std::thread::sleep(Duration::from_millis(60));
                })
                .await
                .expect("audit");
            walking.store(0, Ordering::SeqCst);
            report
        }
    };
    let (a, b) = tokio::join!(walk(1), walk(2));
    assert!(
        !overlapped.load(Ordering::SeqCst),
        "the two walks interleaved"
    );
    assert_eq!(
        a.external_new + b.external_new,
        45,
        "kept once: {a:?} {b:?}"
    );
    emu.shutdown().await;
}
