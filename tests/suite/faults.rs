//! A batch of sales while the API misbehaves (seeded): HTTP 500s, 429s, latency, dropped
//! connections (before and after the order is applied) and truncated bodies. Afterwards the
//! store must agree with the API about every order and every dinar, and the poller must not
//! have hammered the API: check requests per order stay within what the schedule allows. The
//! counter's background audit runs through the storm, and a calm audit afterwards finds
//! nothing to restore or correct.

use crate::common;

use common::*;
use flexy_pos::emulator::{EmulatorConfig, FaultConfig};
use flexy_pos::orders::audit::{AuditHandle, AuditOptions};
use flexy_pos::orders::{NewOrder, OrderState, PollSettings};
use flexy_pos::store::OrderQuery;
use std::time::{Duration, Instant};

const SALES: &[(&str, &str, Option<&str>)] = &[
    ("PREPAID_MOBILIS", "0661234567", Some("500")),
    ("PREPAID_DJEZZY", "0771234567", Some("1000")),
    ("PREPAID_OOREDOO", "0551234567", Some("250")),
    ("PIXX_500", "0662222222", None),
    ("PREPAID_MOBILIS", "0600000001", Some("200")),
    ("PREPAID_MOBILIS", "0600000002", Some("300")),
    ("PREPAID_MOBILIS", "0600000003", Some("400")),
    ("GETMENU_Ooredoo", "0559999999", Some("50")),
];
const BATCH: usize = 48;

fn faults() -> FaultConfig {
    FaultConfig {
        error_500: 0.12,
        error_429: 0.08,
        latency_ms: (0, 20),
        drop: 0.10,
        malformed: 0.10,
        ..FaultConfig::default()
    }
}

/// Most check requests one order may cause (the client does not retry here, so one request is
/// one scheduled check): the schedule never waits less than `min_delay` between two checks of
/// an order, plus the start-up check, the check right after an unclear send, and one check
/// after a duplicate answer, plus one for rounding.
fn check_bound(s: &PollSettings, life: Duration) -> u64 {
    (life.as_secs_f64() / s.min_delay().as_secs_f64()).floor() as u64 + 4
}

/// Slow enough next to the emulator's latency (0–20 ms) that a poller ignoring its schedule
/// would blow the bound: a check every ≥ 30 ms per order.
fn settings() -> PollSettings {
    PollSettings {
        poll_interval: Duration::from_millis(60),
        slow_start: Duration::from_millis(300),
        slow_max: Duration::from_millis(900),
        unknown_recheck: Duration::from_millis(120),
        backoff_max: Duration::from_millis(480),
        reconcile_window: Duration::from_millis(600),
        audit_first_delay: Duration::from_millis(50),
        audit_every: Duration::from_millis(700),
        audit_page_pause: Duration::from_millis(20),
        audit_skew: Duration::from_millis(100),
        ..PollSettings::default()
    }
}

async fn stats_orders(url: &str) -> usize {
    http_stats(url).await.orders
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_and_the_api_agree_after_a_storm_of_faults() {
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(42);
    println!("FAULT_SEED={seed}");
    let started = Instant::now();
    let emu = start_emulator(EmulatorConfig {
        balance: flexy_pos::money::Dzd::from_dinars(1_000_000),
        ..emulator_config(seed)
    })
    .await;
    let proxy = Proxy::start(emu.addr).await;
    let settings = settings();
    let dir = tempfile::tempdir().expect("dir");
    let rig =
        Rig::with_client(dir, client_with_retries(&proxy.url, 0), settings.clone()).with_poller();
    rig.lc.plans().get().await.expect("plans before the storm");
    emu.set_faults(faults()).expect("faults");
    // The counter's background audit reads the server's list all through the storm.
    let audit = AuditHandle::start(rig.lc.clone());

    let sales: Vec<NewOrder> = (0..BATCH)
        .map(|i| {
            let (plan, phone, amount) = SALES[i % SALES.len()];
            NewOrder {
                phone: phone.into(),
                plan_code: plan.into(),
                amount: amount.map(str::to_string),
            }
        })
        .collect();
    let placed = futures::future::join_all(sales.iter().map(|s| rig.lc.place(s))).await;
    let mut refs = Vec::new();
    for p in placed {
        refs.push(p.expect("every sale is at least stored").reference);
    }
    let all_final = wait_until(Duration::from_secs(40), || async {
        refs.iter().all(|r| rig.get(r).state.is_final())
    })
    .await;
    let storm = started.elapsed();
    emu.set_faults(FaultConfig::default()).expect("calm");
    let lists_in_storm = proxy.counts.lists();
    if !all_final {
        // Whatever is still open must settle once the API is calm.
        let report = flexy_pos::orders::sync(&rig.lc, Some(Duration::from_secs(20)))
            .await
            .expect("sync");
        assert!(report.still_open.is_empty(), "{:#?}", report.still_open);
    }

    audit.shutdown().await;
    assert!(lists_in_storm > 0, "the audit ran during the storm");
    // Once calm, an audit finds the store whole: nothing to restore, correct or report.
    let report = rig
        .lc
        .audit(
            &AuditOptions::last_hours(1, chrono::Utc::now()),
            &mut |_| {},
        )
        .await
        .expect("audit");
    let summary = report.summary();
    assert!(summary.complete, "{summary}");
    assert_eq!(
        (
            summary.checked,
            summary.restored,
            summary.corrected,
            summary.unknown_to_server
        ),
        (stats_orders(&emu.base_url()).await, 0, 0, 0),
        "{summary}"
    );

    let orders = rig
        .store
        .page(&OrderQuery::default(), None, 10_000)
        .expect("list")
        .orders;
    assert_eq!(orders.len(), BATCH, "one order per sale, no more");
    let stats = http_stats(&emu.base_url()).await;
    verify_against_the_api(&orders, &stats, &emu.base_url()).await;

    // The poller never spun: per order, checks within what the schedule allows.
    let mut worst = (0u64, 0u64);
    for o in &orders {
        let life = (o.updated_at - o.created_at).to_std().unwrap_or_default();
        let bound = check_bound(&settings, life);
        let seen = proxy.counts.checks_of(&o.reference, o.topup_id.as_deref());
        assert!(
            seen <= bound,
            "{} checked {seen} times in {life:?} (bound {bound})",
            o.reference
        );
        if seen > worst.0 {
            worst = (seen, bound);
        }
    }
    // And once everything is final, silence.
    let before = proxy.counts.total();
    tokio::time::sleep(settings.poll_interval * 30).await;
    assert_eq!(
        proxy.counts.total(),
        before,
        "no request once every order is final"
    );

    let mut by_state = std::collections::BTreeMap::new();
    for o in &orders {
        *by_state.entry(o.state.label()).or_insert(0) += 1;
    }
    let unconfirmed = orders
        .iter()
        .filter(|o| {
            o.history
                .iter()
                .any(|h| h.state == flexy_pos::ledger::Status::Unconfirmed)
        })
        .count();
    let resent = orders.iter().filter(|o| o.send_attempts > 1).count();
    println!(
        "{BATCH} sales in {storm:?}: {by_state:?}; {unconfirmed} unconfirmed on the way, {resent} resent \
         after 429; {} sends and {} checks seen; worst order {} checks (bound {}); total {:?}",
        proxy.counts.sends(),
        proxy.counts.checks(),
        worst.0,
        worst.1,
        started.elapsed()
    );
    assert!(
        orders.iter().any(|o| o.state == OrderState::Fulfilled),
        "some sales went through the storm"
    );
    rig.stop().await;
}

/// Most checks the backoff schedule allows in `t` of uninterrupted errors: the k-th failure
/// waits at least `backoff(k, 0)` (the bottom of its jitter range).
fn max_checks_under_errors(s: &PollSettings, t: Duration) -> u64 {
    let (mut elapsed, mut checks, mut failures) = (Duration::ZERO, 1u64, 1u32);
    loop {
        let wait = s.backoff(failures, 0.0);
        if elapsed + wait > t {
            return checks;
        }
        elapsed += wait;
        checks += 1;
        failures += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_api_is_backed_off_and_errors_prove_nothing() {
    let emu = start_emulator(emulator_config(77)).await;
    let proxy = Proxy::start(emu.addr).await;
    let settings = settings();
    let dir = tempfile::tempdir().expect("dir");
    let rig =
        Rig::with_client(dir, client_with_retries(&proxy.url, 0), settings.clone()).with_poller();
    rig.lc.plans().get().await.expect("plans before the outage");
    emu.set_faults(FaultConfig {
        error_500: 1.0,
        ..FaultConfig::default()
    })
    .expect("outage");

    let outage_start = Instant::now();
    let mut refs = Vec::new();
    for phone in ["0661234567", "0771234567", "0551234567"] {
        let plan = match &phone[..2] {
            "06" => "PREPAID_MOBILIS",
            "07" => "PREPAID_DJEZZY",
            _ => "PREPAID_OOREDOO",
        };
        let rec = rig
            .lc
            .place(&NewOrder {
                phone: phone.into(),
                plan_code: plan.into(),
                amount: Some("500".into()),
            })
            .await
            .expect("stored");
        assert!(
            matches!(rec.state, OrderState::Unconfirmed { .. }),
            "{rec:#?}"
        );
        refs.push(rec.reference);
    }
    let outage = Duration::from_millis(2500);
    tokio::time::sleep(outage.saturating_sub(outage_start.elapsed())).await;
    let elapsed = outage_start.elapsed();
    let bound = max_checks_under_errors(&settings, elapsed) + 1;
    for r in &refs {
        let rec = rig.get(r);
        let seen = proxy.counts.checks_of(r, None);
        assert!(
            seen <= bound,
            "{r}: {seen} checks in {elapsed:?}, the backoff allows {bound}"
        );
        assert!(seen >= 3, "{r}: it keeps trying ({seen} checks)");
        assert!(
            matches!(rec.state, OrderState::Unconfirmed { .. }),
            "past the window, but errors prove nothing: {rec:#?}"
        );
        assert!(rec.last_error.is_some());
    }
    println!(
        "{} checks per order at most in {elapsed:?} of outage (backoff bound {bound})",
        refs.iter()
            .map(|r| proxy.counts.checks_of(r, None))
            .max()
            .unwrap_or(0)
    );

    // The API comes back: NOT_FOUND after the window now proves nothing was sent.
    emu.set_faults(FaultConfig::default()).expect("calm");
    let settled = wait_until(Duration::from_secs(10), || async {
        refs.iter().all(|r| rig.get(r).state.is_final())
    })
    .await;
    assert!(settled, "orders settle once the API answers");
    let stats = http_stats(&emu.base_url()).await;
    for r in &refs {
        assert_eq!(rig.get(r).state, OrderState::NotSent);
        assert_eq!(
            stats.refs[r].accepted, 0,
            "a 500 before applying charged nothing"
        );
    }
    rig.stop().await;
}
