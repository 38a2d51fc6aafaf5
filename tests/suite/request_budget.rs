//! What the counter asks OneClickDz while its background audit walks an account with
//! thousands of orders (half from other tills, half this till's own that its store lost, which
//! the audit restores): one list request per page and nothing else, at most
//! one balance request per few seconds whatever the audit writes, and a sale typed meanwhile
//! sent at once. The API is the emulator behind a hostile proxy keeping a real rate limit
//! (10 requests a second, then 429 with `Retry-After: 2`); the emulator's own per-route stats
//! count what reached it.

use crate::common;

use common::hostile::{Hostile, Mode};
use common::*;
use flexy_pos::ledger::OrderKey;
use flexy_pos::ledger::reference::make_ref;
use flexy_pos::orders::audit::AuditHandle;
use flexy_pos::orders::{NewOrder, OrderState, PollSettings};
use flexy_pos::till_status::RunMode;
use flexy_pos::ui::worker::Worker;
use flexy_pos::ui::{Effect, Msg, SaleDraft, SaleId};
use std::time::Duration;
use tokio::sync::mpsc::unbounded_channel;

/// Orders on the account, half of them this till's own: 40 pages of 50…
const OTHERS: u64 = 2_000;
/// …and the sale made during the walk pushes one order onto a 41st.
const PAGES: u64 = 41;

fn settings() -> PollSettings {
    PollSettings {
        audit_first_delay: Duration::from_millis(300),
        audit_every: Duration::from_secs(3600),
        ..fast_settings(Duration::from_secs(120))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counters_audit_over_thousands_of_orders_costs_one_request_a_page_and_a_sale_goes_at_once()
 {
    let emu = start_emulator(flexy_pos::emulator::EmulatorConfig {
        balance: flexy_pos::money::Dzd::from_dinars(10_000_000),
        ..emulator_config(4)
    })
    .await;
    let url = emu.base_url();
    let hostile = Hostile::start(&url, Mode::Honest).await;
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        client_with_retries(&hostile.url, 2),
        settings(),
    );
    let http = reqwest::Client::new();
    let now_ms = chrono::Utc::now().timestamp_millis() as u64;
    for i in 0..OTHERS {
        let ago_secs = 60 + i;
        // Every other order is this till's own, made `ago_secs` ago: its ref names its key.
        let reference = if i % 2 == 0 {
            format!("web-{i:05}")
        } else {
            let key = OrderKey(OrderKey::first_at(now_ms - ago_secs * 1000).0 | u128::from(i));
            make_ref(rig.lc.terminal_id(), key)
        };
        let resp = http
            .post(format!("{url}/__emulator/external-order"))
            .json(&serde_json::json!({
                "plan_code": "PREPAID_MOBILIS", "MSSIDN": "0661234567", "amount": 100,
                "ref": reference, "ago_secs": ago_secs
            }))
            .send()
            .await
            .expect("external order");
        assert!(resp.status().is_success(), "{resp:?}");
    }
    let order = rig
        .lc
        .validate(&NewOrder {
            phone: "0770123456".into(),
            plan_code: "PREPAID_DJEZZY".into(),
            amount: Some("200".into()),
        })
        .await
        .expect("a valid sale (plans now cached)");
    hostile.set_mode(Mode::RateWindow {
        max: 10,
        retry_after_secs: 2,
    });
    hostile.clear_seen();
    let before = http_stats(&url).await;
    let started = tokio::time::Instant::now();

    // The counter: its worker (status bar, live orders) and its background audit.
    let (msg_tx, mut msgs) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let worker = Worker::new(
        rig.lc.clone(),
        msg_tx,
        RunMode::Unchecked,
        flexy_pos::rules::ShopClock::algeria(),
    );
    let tasks = worker.spawn(fx_rx);
    let audit = AuditHandle::start(rig.lc.clone());

    // A quarter of the way through the walk, a sale.
    let lists_seen = || {
        hostile
            .seen()
            .iter()
            .filter(|s| s.path == "/v3/mobile/list")
            .count() as u64
    };
    assert!(
        wait_until(Duration::from_secs(60), || async {
            lists_seen() >= PAGES / 4
        })
        .await,
        "the audit walks"
    );
    fx_tx
        .send(Effect::SubmitSale(SaleDraft {
            id: SaleId(1),
            order,
        }))
        .expect("effect");
    let sale = loop {
        let msg = tokio::time::timeout(Duration::from_secs(30), msgs.recv())
            .await
            .expect("the sale is answered")
            .expect("channel");
        if let Msg::SaleSaved { record, .. } = msg {
            break record;
        }
    };

    // The walk ends: every order of the account is in the store.
    assert!(
        wait_until(Duration::from_secs(120), || async {
            rig.store.count().unwrap_or(0) == OTHERS + 1
        })
        .await,
        "the audit kept every order"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    audit.shutdown().await;
    for t in tasks {
        t.abort();
    }
    let elapsed = started.elapsed();
    let after = http_stats(&url).await;
    let reached = |route: &str| after.requests_to(route) - before.requests_to(route);
    let seen = hostile.seen();
    let limited = seen.iter().filter(|s| s.status == 429).count();
    let (lists, balances) = (
        reached("GET /v3/mobile/list"),
        reached("GET /v3/account/balance"),
    );
    println!(
        "{elapsed:?}: {lists} list, {balances} balance, {} validate, {} send, {} check, {} plans \
         requests reached the API; {limited} answered 429",
        reached("GET /v3/validate"),
        reached("POST /v3/mobile/send"),
        reached("GET /v3/mobile/check-ref") + reached("GET /v3/mobile/check-id"),
        reached("GET /v3/mobile/plans"),
    );

    assert_eq!(limited, 0, "the till kept under the API's rate limit");
    assert_eq!(lists, PAGES, "one list request per page");
    let gaps = (elapsed.as_secs_f64() / 5.0).ceil() as u64;
    assert!(
        balances <= 1 + gaps,
        "{balances} balance requests in {elapsed:?}: at most one per 5 s"
    );
    assert_eq!(reached("POST /v3/mobile/send"), 1);
    assert!(reached("GET /v3/validate") <= 1);
    assert_eq!(
        reached("GET /v3/mobile/check-ref") + reached("GET /v3/mobile/check-id"),
        0,
        "no poller here: nothing checked"
    );
    assert_eq!(reached("other") + reached("GET /v3/mobile/plans"), 0);

    // The sale went at once: sent on its first try, while the walk still had pages to read.
    assert_eq!(sale.state, OrderState::Sent, "{sale:#?}");
    assert_eq!(sale.send_attempts, 1);
    let send_at = seen
        .iter()
        .find(|s| s.path == "/v3/mobile/send")
        .expect("the send")
        .at;
    let lists_after = seen
        .iter()
        .filter(|s| s.path == "/v3/mobile/list" && s.at > send_at)
        .count();
    assert!(lists_after > 0, "the sale did not wait for the walk to end");
}
