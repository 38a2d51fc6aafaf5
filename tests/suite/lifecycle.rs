//! The order lifecycle and the poller against the emulator over loopback HTTP.
//!
//! Every flow is checked the way the shop would: the state the order ends in, what the API
//! said (kept whole), how many sends reached the API (emulator stats) and what was charged.

use crate::common;

use common::*;
use flexy_pos::api::types::{PlanKind, TopupStatus};
use flexy_pos::api::{ApiClient, ClientOptions};
use flexy_pos::emulator::{EmulatorConfig, UNKNOWN_ERROR_MESSAGE, unknown_resolves_fulfilled};
use flexy_pos::ledger::reference;
use flexy_pos::ledger::{Note, Status};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{
    InvalidOrder, Lifecycle, NewOrder, OrderError, OrderRecord, OrderState, PlansError, PlansSync,
};
use flexy_pos::rules::{Phone, PriceRule};
use flexy_pos::secret::ApiKey;
use flexy_pos::store::Store;
use flexy_pos::testkit::OrderBuilder;
use std::time::Duration;

const WINDOW: Duration = Duration::from_secs(120);
const SETTLE: Duration = Duration::from_secs(10);

fn order(phone: &str, plan: &str, amount: Option<&str>) -> NewOrder {
    NewOrder {
        phone: phone.into(),
        plan_code: plan.into(),
        amount: amount.map(str::to_string),
    }
}

fn labels(rec: &OrderRecord) -> Vec<&str> {
    rec.history.iter().map(|h| h.state.label()).collect()
}

fn assert_timeline_ordered(rec: &OrderRecord) {
    assert!(
        rec.history.windows(2).all(|w| w[0].at <= w[1].at),
        "timeline out of order: {:#?}",
        rec.history
    );
    assert_eq!(rec.history.first().map(|h| h.state.label()), Some("SAVED"));
    assert_eq!(
        rec.history.last().map(|h| h.state.label()),
        Some(rec.state.label())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn normal_sale_is_fulfilled_with_one_send_and_every_api_field_kept() {
    let emu = start_emulator(emulator_config(1)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let mut events = rig.lc.subscribe();

    let sent = rig
        .lc
        .place(&order("0661 23 45 67", "PREPAID_MOBILIS", Some("500")))
        .await
        .expect("placed");
    assert!(
        reference::is_url_safe(&sent.reference),
        "{}",
        sent.reference
    );
    assert!(
        sent.topup_id.is_some(),
        "the send answer's topupId is stored"
    );
    assert_eq!(sent.send_attempts, 1);

    let done = rig
        .wait_order(&sent.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    assert_timeline_ordered(&done);
    assert!(labels(&done).contains(&"SENT"));
    let api = done.api.as_ref().expect("API answer kept");
    assert_eq!(Some(&api.id), done.topup_id.as_ref());
    assert_eq!(api.reference.as_deref(), Some(done.reference.as_str()));
    assert_eq!(api.status, TopupStatus::Fulfilled);
    assert_eq!(api.plan_code.as_deref(), Some("PREPAID_MOBILIS"));
    assert_eq!(api.mssidn.as_deref(), Some("0661234567"));
    assert_eq!(api.topup_amount, Some(Dzd::from_dinars(500)));
    assert_eq!(
        api.balance_amount,
        Some(Dzd::from_dinars(480)),
        "500 × 0.96"
    );
    assert!(api.created_at.is_some());
    assert_eq!(done.expected_cost, Some(Dzd::from_dinars(480)));

    let stats = http_stats(&emu.base_url()).await;
    let s = stats.refs[&done.reference];
    assert_eq!(
        (s.requests, s.accepted),
        (1, 1),
        "exactly one send reached the API"
    );
    assert_eq!(stats.net_charged, Dzd::from_dinars(480));

    // Published after the write: the last event for this order is what the store holds.
    let mut last = None;
    while let Ok(r) = events.try_recv() {
        if r.reference == done.reference {
            last = Some(r);
        }
    }
    assert_eq!(last.as_ref(), Some(&done));
    rig.stop().await;
}

/// `orders --json` (and `send --json`) never print a charge on a refunded order, even while the
/// answer kept says what was held at send; a fulfilled order shows what the API charged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refunded_order_shows_nothing_charged_in_orders_json() {
    let emu = start_emulator(emulator_config(12)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let refunded = rig
        .lc
        .place(&order("0600000001", "PREPAID_MOBILIS", Some("1000")))
        .await
        .expect("placed");
    let fulfilled = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("500")))
        .await
        .expect("placed");
    let (refunded, fulfilled) = tokio::join!(
        rig.lc.wait_settled(refunded, SETTLE),
        rig.lc.wait_settled(fulfilled, SETTLE)
    );
    let (refunded, fulfilled) = (refunded.into_record(), fulfilled.into_record());
    assert_eq!(refunded.state, OrderState::Refunded, "{refunded:#?}");
    assert_eq!(fulfilled.state, OrderState::Fulfilled, "{fulfilled:#?}");
    let json = flexy_pos::headless::order_json(&refunded);
    assert_eq!(json["status"], "REFUNDED");
    assert_eq!(json["charged"], serde_json::json!(Dzd::ZERO), "{json}");
    assert_eq!(
        flexy_pos::headless::order_json(&fulfilled)["charged"],
        serde_json::json!(Dzd::from_dinars(480))
    );
    assert!(
        flexy_pos::headless::order_line(&refunded, flexy_pos::i18n::Lang::En)
            .contains("charged 0 DA"),
        "{}",
        flexy_pos::headless::order_line(&refunded, flexy_pos::i18n::Lang::En)
    );
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunds_carry_the_message_and_offers_and_nothing_stays_charged() {
    let emu = start_emulator(emulator_config(2)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let (oa, ob) = (
        order("0600000001", "PREPAID_MOBILIS", Some("1000")),
        order("0600000002", "MIX500_MOBILIS", None),
    );
    let (a, b) = tokio::join!(rig.lc.place(&oa), rig.lc.place(&ob));
    let (a, b) = (a.expect("placed"), b.expect("placed"));
    let a = rig
        .wait_order(&a.reference, SETTLE, |r| r.state.is_final())
        .await;
    let b = rig
        .wait_order(&b.reference, SETTLE, |r| r.state.is_final())
        .await;
    for r in [&a, &b] {
        assert_eq!(r.state, OrderState::Refunded, "{r:#?}");
        assert!(
            !r.refund_message().unwrap_or("").is_empty(),
            "refund message kept"
        );
        assert_timeline_ordered(r);
    }
    assert!(a.suggested_offers().is_empty());
    assert!(
        !b.suggested_offers().is_empty(),
        "0600000002 suggests offers"
    );
    assert!(
        b.suggested_offers()
            .iter()
            .all(|o| o.plan_code != "MIX500_MOBILIS")
    );
    assert_eq!(b.plan_kind, PlanKind::Fixed);
    assert_eq!(
        b.amount,
        Dzd::from_dinars(500),
        "fixed plan: its own amount"
    );

    let stats = http_stats(&emu.base_url()).await;
    for r in [&a, &b] {
        assert_eq!(stats.refs[&r.reference].accepted, 1);
        assert_eq!(stats.refs[&r.reference].requests, 1);
    }
    assert_eq!(stats.net_charged, Dzd::ZERO, "both refunded");
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_error_is_not_a_failure_and_resolves_later() {
    let seed = 3;
    let emu = start_emulator(emulator_config(seed)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let sent = rig
        .lc
        .place(&order("0600000003", "PREPAID_MOBILIS", Some("200")))
        .await
        .expect("placed");
    let unknown = rig
        .wait_order(&sent.reference, SETTLE, |r| {
            r.state == OrderState::UnknownError || r.state.is_final()
        })
        .await;
    assert_eq!(
        unknown.state,
        OrderState::UnknownError,
        "seen as UNKNOWN_ERROR first"
    );
    assert!(!unknown.state.is_final() && unknown.state.is_open());
    assert_eq!(unknown.refund_message(), Some(UNKNOWN_ERROR_MESSAGE));

    let done = rig
        .wait_order(&sent.reference, SETTLE, |r| r.state.is_final())
        .await;
    let expected = if unknown_resolves_fulfilled(seed, &done.reference) {
        OrderState::Fulfilled
    } else {
        OrderState::Refunded
    };
    assert_eq!(done.state, expected);
    assert!(labels(&done).contains(&"UNKNOWN_ERROR"));
    assert_timeline_ordered(&done);
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&done.reference].accepted, 1);
    assert_eq!(stats.refs[&done.reference].requests, 1);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn getmenu_brings_the_offers_of_the_number() {
    let emu = start_emulator(emulator_config(4)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let sent = rig
        .lc
        .request_menu(&Phone::parse("0771234567").expect("phone"))
        .await
        .expect("placed");
    assert_eq!(sent.plan_code, "GETMENU_Djezzy");
    assert_eq!(sent.plan_kind, PlanKind::GetMenu);
    assert_eq!(
        sent.amount,
        Dzd::from_dinars(50),
        "the plan's smallest amount"
    );
    let done = rig
        .wait_order(&sent.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Refunded, "the charge is given back");
    assert!(done.suggested_offers().len() >= 3, "{done:#?}");
    assert!(
        done.suggested_offers()
            .iter()
            .all(|o| o.plan_code.ends_with("DJEZZY")),
        "offers of the number's operator"
    );
    assert_eq!(flexy_pos::headless::send_exit_code(&done, true), 0);
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&done.reference].accepted, 1);
    assert_eq!(stats.net_charged, Dzd::ZERO);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_sales_are_refused_locally_and_write_nothing() {
    let emu = start_emulator(emulator_config(5)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW));
    let cases = [
        order("0661234567", "PREPAID_MOBILIS", Some("39")),
        order("0661234567", "PREPAID_MOBILIS", None),
        order("0771234567", "PREPAID_MOBILIS", Some("500")),
        order("0551234567", "FACTURE_OOREDOO", Some("500")),
        order("066123456", "PREPAID_MOBILIS", Some("500")),
        order("0661234567", "NO_SUCH_PLAN", Some("500")),
    ];
    for c in &cases {
        match rig.lc.place(c).await {
            Err(OrderError::Invalid(e)) => {
                assert!(
                    !flexy_pos::headless::invalid_text(&e)
                        .in_lang(flexy_pos::i18n::Lang::En)
                        .is_empty()
                )
            }
            other => panic!("{c:?} should be refused locally, got {other:?}"),
        }
    }
    assert!(matches!(
        rig.lc.place(&cases[0]).await,
        Err(OrderError::Invalid(InvalidOrder::Amount { .. }))
    ));
    assert_eq!(rig.store.count().expect("count"), 0, "nothing written");
    let stats = http_stats(&emu.base_url()).await;
    assert!(stats.refs.is_empty(), "nothing sent: {:?}", stats.refs);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insufficient_balance_is_refused_and_nothing_is_charged() {
    let emu = start_emulator(EmulatorConfig {
        balance: Dzd::from_dinars(100),
        ..emulator_config(6)
    })
    .await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let rec = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("500")))
        .await
        .expect("stored");
    match &rec.state {
        OrderState::Refused { code, message } => {
            assert_eq!(code, "INSUFFICIENT_BALANCE");
            assert!(!message.is_empty());
        }
        s => panic!("expected REFUSED, got {s:?}"),
    }
    assert!(rec.state.is_final());
    assert_eq!(rig.get(&rec.reference), rec, "the refusal is stored");
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&rec.reference].accepted, 0);
    assert_eq!(stats.balance, Dzd::from_dinars(100));
    assert_eq!(stats.net_charged, Dzd::ZERO);
    assert_eq!(flexy_pos::headless::send_exit_code(&rec, true), 3);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_answer_is_reconciled_to_the_first_send_never_resent() {
    let emu = start_emulator(emulator_config(7)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW)).with_poller();
    let first = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("300")))
        .await
        .expect("placed");
    // A wrong "not sent" verdict (say a window set far too short): staff send it again.
    let mut wrong = rig.get(&first.reference);
    wrong.transition(OrderState::NotSent, chrono::Utc::now(), None);
    rig.store.update(&wrong).expect("update");

    let again = rig
        .lc
        .retry_not_sent(&first.reference)
        .await
        .expect("resent");
    assert_eq!(again.reference, first.reference, "same ref");
    assert!(
        again
            .history
            .iter()
            .any(|h| h.note == Some(Note::Duplicate)),
        "{again:#?}"
    );
    let done = rig
        .wait_order(&first.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    assert_eq!(
        done.topup_id, first.topup_id,
        "converged to the first send's order"
    );
    assert_eq!(done.send_attempts, 2);
    let stats = http_stats(&emu.base_url()).await;
    let s = stats.refs[&first.reference];
    assert_eq!((s.requests, s.accepted), (2, 1), "two sends, one order");
    assert_eq!(stats.orders, 1);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_unconfirmed_then_found_by_ref() {
    let emu = start_emulator(emulator_config(8)).await;
    let proxy = Proxy::start(emu.addr).await;
    let rig = Rig::new(&proxy.url, fast_settings(WINDOW)).with_poller();
    rig.lc.plans().get().await.expect("plans");
    proxy.set_send_mode(SendMode::LoseAnswer);
    let rec = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("700")))
        .await
        .expect("stored");
    proxy.set_send_mode(SendMode::Pass);
    assert!(labels(&rec).contains(&"UNCONFIRMED"), "{rec:#?}");
    let done = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    assert!(
        done.topup_id.is_some(),
        "the _id was adopted from check-ref"
    );
    assert_timeline_ordered(&done);
    let stats = http_stats(&emu.base_url()).await;
    let s = stats.refs[&rec.reference];
    assert_eq!((s.requests, s.accepted), (1, 1), "found, not resent");
    assert_eq!(proxy.counts.sends(), 1);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_proves_nothing_until_the_window_has_passed() {
    let window = Duration::from_millis(1500);
    let emu = start_emulator(emulator_config(9)).await;
    let proxy = Proxy::start(emu.addr).await;
    let rig = Rig::new(&proxy.url, fast_settings(window)).with_poller();
    rig.lc.plans().get().await.expect("plans");
    proxy.set_send_mode(SendMode::Swallow);
    let rec = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("400")))
        .await
        .expect("stored");
    proxy.set_send_mode(SendMode::Pass);
    assert!(
        matches!(rec.state, OrderState::Unconfirmed { .. }),
        "{rec:#?}"
    );

    // Checked many times inside the window: NOT_FOUND each time, still unconfirmed.
    let inside = rig
        .wait_order(&rec.reference, SETTLE, |r| r.checks >= 5)
        .await;
    assert!(
        matches!(inside.state, OrderState::Unconfirmed { .. }),
        "{inside:#?}"
    );
    assert!(
        inside
            .last_error
            .as_ref()
            .is_some_and(|e| e.english().contains("does not know"))
    );

    let done = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::NotSent);
    let decided = done.history.last().expect("timeline");
    assert_eq!(decided.note, Some(Note::NotSent));
    assert!(
        decided.at - done.last_send_at() >= chrono::Duration::from_std(window).unwrap(),
        "decided only after the window"
    );
    let stats = http_stats(&emu.base_url()).await;
    assert!(
        !stats.refs.contains_key(&rec.reference),
        "it never reached the API"
    );
    assert_eq!(flexy_pos::headless::send_exit_code(&done, true), 6);

    // Staff send it again with the same ref: it goes through once.
    let again = rig.lc.retry_not_sent(&rec.reference).await.expect("resent");
    assert_eq!(again.reference, rec.reference);
    let done = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&rec.reference].accepted, 1);
    assert!(matches!(
        rig.lc.retry_not_sent(&rec.reference).await,
        Err(OrderError::NotRetryable { .. })
    ));
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_connection_means_not_sent_and_plans_come_from_the_cache() {
    let emu = start_emulator(emulator_config(10)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW));
    rig.lc.plans().get().await.expect("plans cached");
    // A port nobody listens on.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", l.local_addr().expect("addr"))
    };
    let api = client(&dead);
    let plans = PlansSync::new(rig.store.clone(), api.clone(), Duration::from_secs(3600));
    let offline = Lifecycle::new(
        rig.store.clone(),
        api.clone(),
        plans,
        fast_settings(WINDOW),
        PriceRule::default(),
    )
    .expect("lifecycle");
    let rec = offline
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("500")))
        .await
        .expect("stored");
    assert_eq!(rec.state, OrderState::NotSent, "{rec:#?}");
    assert!(
        rec.history
            .last()
            .and_then(|h| h.note.as_ref())
            .is_some_and(|n| n
                .message()
                .in_lang(flexy_pos::i18n::Lang::En)
                .contains("nothing was sent"))
    );

    // Stale cache + offline: still usable, with the reason the refresh failed.
    let stale = PlansSync::new(rig.store.clone(), api.clone(), Duration::ZERO);
    let snap = stale.get().await.expect("stale cache served");
    assert!(snap.from_cache && snap.refresh_error.is_some());
    // Never fetched + offline: a clear error.
    let empty_dir = tempfile::tempdir().expect("dir");
    let empty = Store::open(empty_dir.path()).expect("store");
    let never = PlansSync::new(empty, api, Duration::from_secs(3600));
    match never.get().await {
        Err(e @ PlansError::NeverFetched(_)) => assert!(e.to_string().contains("no plan list")),
        other => panic!("expected NeverFetched, got {other:?}"),
    }
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_poller_makes_no_requests() {
    let emu = start_emulator(emulator_config(11)).await;
    let proxy = Proxy::start(emu.addr).await;
    let settings = fast_settings(WINDOW);
    let idle = settings.poll_interval * 50;
    let rig = Rig::new(&proxy.url, settings).with_poller();
    tokio::time::sleep(idle).await;
    assert_eq!(proxy.counts.total(), 0, "no order open: no request at all");

    let rec = rig
        .lc
        .place(&order("0661234567", "PREPAID_MOBILIS", Some("500")))
        .await
        .expect("placed");
    rig.wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    let after_final = proxy.counts.total();
    assert!(
        proxy.counts.sends() == 1 && proxy.counts.checks() >= 1,
        "the proxy sees the traffic"
    );
    tokio::time::sleep(idle).await;
    assert_eq!(
        proxy.counts.total(),
        after_final,
        "a final order is not checked again"
    );
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_interrupted_mid_send_are_reconciled_at_start_never_resent() {
    let emu = start_emulator(emulator_config(12)).await;
    let window = Duration::from_millis(500);
    let rig = Rig::new(&emu.base_url(), fast_settings(window));
    rig.lc.plans().get().await.expect("plans");
    // Two orders left SAVED by a crash: one whose send had reached the API, one whose had not.
    let proxy = Proxy::start(emu.addr).await;
    let landed = saved_record(&rig, "0661111111");
    let lost = saved_record(&rig, "0662222222");
    let api = client(&proxy.url);
    api.send(&flexy_pos::api::types::SendRequest {
        plan_code: landed.plan_code.clone(),
        mssidn: landed.phone.clone(),
        amount: Some(500),
        reference: Some(landed.reference.clone()),
    })
    .await
    .expect("the crashed process's send");

    let rig = rig.with_poller();
    let a = rig
        .wait_order(&landed.reference, SETTLE, |r| r.state.is_final())
        .await;
    let b = rig
        .wait_order(&lost.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(a.state, OrderState::Fulfilled);
    assert_eq!(b.state, OrderState::NotSent);
    assert!(labels(&b).contains(&"UNCONFIRMED"));
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&landed.reference].requests, 1, "not resent");
    assert!(
        !stats.refs.contains_key(&lost.reference),
        "never sent automatically"
    );
    rig.stop().await;
}

/// An order as the lifecycle writes it just before its send leaves.
fn saved_record(rig: &Rig, phone: &str) -> OrderRecord {
    let key = reference::next_key();
    let rec = OrderBuilder::new(chrono::Utc::now(), 0)
        .key(key)
        .reference(reference::make_ref(
            &rig.store.terminal_id().expect("id"),
            key,
        ))
        .phone(phone)
        .operator(flexy_pos::rules::Operator::Mobilis)
        .expected_cost(Dzd::from_dinars(480))
        .changed(chrono::TimeDelta::zero(), Status::Saved, None)
        .build();
    rig.store.insert_new(&rec).expect("insert");
    rec
}

// ---------------------------------------------------------------------------------------------
// The headless commands, through the real binary.

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headless_send_wait_and_orders_json_through_the_binary() {
    let emu = start_emulator(emulator_config(13)).await;
    let dir = tempfile::tempdir().expect("dir");
    let cli = Cli {
        url: emu.base_url(),
        dir: dir.path().to_path_buf(),
        key: flexy_pos::emulator::DEFAULT_SANDBOX_KEY.into(),
        log: None,
    };
    std::fs::write(dir.path().join("config.toml"), "# defaults\n").expect("config");

    let ok = cli
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
    assert_eq!(ok.code, 0, "stdout: {} stderr: {}", ok.stdout, ok.stderr);
    let sent = json_lines(&ok.stdout);
    assert_eq!(sent.len(), 1, "{}", ok.stdout);
    let sent = &sent[0];
    assert_eq!(sent["status"], "FULFILLED");
    assert_eq!(sent["charged"], 480);
    assert_eq!(sent["balance_amount"], 480);
    assert!(sent["topup_id"].is_string());

    let refunded = cli
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0600000001",
            "--amount",
            "100",
            "--wait",
            "--json",
        ])
        .await;
    assert_eq!(refunded.code, 4, "{} {}", refunded.stdout, refunded.stderr);
    let r = &json_lines(&refunded.stdout)[0];
    assert_eq!(r["status"], "REFUNDED");
    assert_eq!(r["charged"], 0);
    assert!(!r["refund_message"].as_str().unwrap_or("").is_empty());

    let bad = cli
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "39",
        ])
        .await;
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("at least"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());

    let listed = cli.run(&["orders", "--json"]).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let rows = json_lines(&listed.stdout);
    assert_eq!(
        rows.len(),
        2,
        "the invalid sale wrote nothing: {}",
        listed.stdout
    );
    assert_eq!(rows[0]["ref"], r["ref"], "newest first");
    assert_eq!(rows[1]["ref"], sent["ref"]);
    for row in &rows {
        for field in [
            "ref",
            "topup_id",
            "phone",
            "plan_code",
            "amount",
            "status",
            "created_at",
            "charged",
        ] {
            assert!(!row[field].is_null(), "{field} missing in {row}");
        }
    }
    let by_phone = json_lines(
        &cli.run(&["orders", "--json", "--phone", "0600000001"])
            .await
            .stdout,
    );
    assert_eq!(by_phone.len(), 1);
    let by_status = json_lines(
        &cli.run(&["orders", "--json", "--status", "fulfilled"])
            .await
            .stdout,
    );
    assert_eq!(by_status.len(), 1);
    assert_eq!(by_status[0]["ref"], sent["ref"]);
    let bogus = cli.run(&["orders", "--status", "bogus"]).await;
    assert_eq!(bogus.code, 2);
    assert!(bogus.stderr.contains("not a status"), "{}", bogus.stderr);
    let bad_day = cli.run(&["orders", "--day", "2025-02-30"]).await;
    assert_eq!(bad_day.code, 2);

    let sync = cli.run(&["sync", "--wait", "--timeout", "5"]).await;
    assert_eq!(
        sync.code, 0,
        "nothing open: {} {}",
        sync.stdout, sync.stderr
    );

    let stats = http_stats(&emu.base_url()).await;
    for row in &rows {
        let s = stats.refs[row["ref"].as_str().expect("ref")];
        assert_eq!((s.requests, s.accepted), (1, 1));
    }

    // A second instance while the store is held: a clear message, exit 1, nothing touched.
    let held = Store::open(&dir.path().join("live").join("store")).expect("held by the test");
    let locked = cli.run(&["orders", "--json"]).await;
    assert_eq!(locked.code, 1);
    assert!(
        locked.stderr.contains("already in use"),
        "{}",
        locked.stderr
    );
    assert_eq!(held.count().expect("count"), 2);
    drop(held);

    // The key sent in every request is in no file the app wrote: store, logs, settings.
    let files = files_under(dir.path());
    assert!(
        files.iter().any(|f| f.to_string_lossy().contains("logs")),
        "the headless runs wrote a log: {files:?}"
    );
    let key = flexy_pos::emulator::DEFAULT_SANDBOX_KEY.as_bytes();
    for f in files {
        let bytes = std::fs::read(&f).expect("readable file");
        assert!(
            !bytes.windows(key.len()).any(|w| w == key),
            "{} holds the API key",
            f.display()
        );
    }
}

/// The shop's IP is taken off the key's whitelist (or API access switched off) while orders
/// are open: every request would get the same 403, so the poller pauses after the first one
/// instead of asking on and on; the orders stay open, never refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_access_pauses_the_poller_and_leaves_the_orders_open() {
    for (code, faults) in [
        (
            "IP_NOT_ALLOWED",
            flexy_pos::emulator::FaultConfig {
                ip_not_allowed: 1.0,
                ..Default::default()
            },
        ),
        (
            "API_DISABLED",
            flexy_pos::emulator::FaultConfig {
                api_disabled: 1.0,
                ..Default::default()
            },
        ),
    ] {
        let emu = start_emulator(EmulatorConfig {
            speed: 1.0,
            ..emulator_config(29)
        })
        .await;
        let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW));
        let rec = rig
            .lc
            .place(&order("0661234567", "PREPAID_MOBILIS", Some("500")))
            .await
            .expect("placed");
        assert_eq!(rec.state, OrderState::Sent);
        let dir = rig.stop().await;

        emu.set_faults(faults).expect("faults");
        let proxy = Proxy::start(emu.addr).await;
        let settings = fast_settings(WINDOW);
        // Without the pause, backoff capped at 400 ms would make ~15 checks in this time.
        let watch = settings.backoff_max * 6;
        let rig = Rig::in_dir(dir, &proxy.url, settings).with_poller();
        tokio::time::sleep(watch).await;
        let checks = proxy.counts.checks();
        assert!(
            (1..3).contains(&checks),
            "{code}: {checks} checks although every one is refused the same way"
        );
        let open = rig.store.open_orders().expect("open");
        assert_eq!(open.len(), 1, "{code}");
        assert!(open[0].state.is_open(), "{code}: {:?}", open[0]);
        rig.stop().await;
    }
}

/// A key revoked while orders are open: the poller stops after the first refusal instead of
/// spending the 5 attempts OneClickDz allows before it blocks the shop's IP for 15 minutes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_pauses_every_check_so_the_shop_ip_is_never_blocked() {
    // Real sandbox timings: the orders stay PENDING for the whole test.
    let emu = start_emulator(EmulatorConfig {
        speed: 1.0,
        ..emulator_config(23)
    })
    .await;
    let rig = Rig::new(&emu.base_url(), fast_settings(WINDOW));
    for phone in ["0661234567", "0771234567", "0551234567"] {
        let plan = match &phone[..2] {
            "06" => "PREPAID_MOBILIS",
            "07" => "PREPAID_DJEZZY",
            _ => "PREPAID_OOREDOO",
        };
        let rec = rig
            .lc
            .place(&order(phone, plan, Some("500")))
            .await
            .expect("placed");
        assert_eq!(rec.state, OrderState::Sent);
    }
    let dir = rig.stop().await;

    // Restart with a revoked key: the three open orders are resumed by the poller.
    let proxy = Proxy::start(emu.addr).await;
    let mut o = ClientOptions::new(
        proxy.url.clone(),
        ApiKey::new("revoked-key-000000000000").expect("key"),
    );
    o.retry_delay = Duration::from_millis(5);
    let bad = ApiClient::new(o).expect("client");
    let settings = fast_settings(WINDOW);
    // Without the pause, backoff capped at 400 ms would make ~15 checks in this time.
    let watch = settings.backoff_max * 6;
    let rig = Rig::with_client(dir, bad, settings).with_poller();
    tokio::time::sleep(watch).await;
    // The client's key latch lets one request try an unproven key and holds the rest.
    let attempts = proxy.counts.total();
    assert_eq!(
        attempts, 1,
        "{attempts} requests with a refused key (of the 5 bad attempts the IP is allowed)"
    );
    // The right key still works: the IP was not blocked.
    let good = client(&emu.base_url());
    assert!(good.validate().await.is_ok(), "IP not blocked");
    for r in rig.store.open_orders().expect("open") {
        assert!(
            r.state.is_open(),
            "a refused key never closes an order: {r:?}"
        );
    }
    rig.stop().await;
}
