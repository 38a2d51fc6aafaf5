//! The worker between the counter screen and the API, with a wrong key: it must tell the staff
//! plainly and stop asking on its own, because OneClickDz blocks the shop's IP for 15 minutes
//! after 5 bad keys.

mod common;

use common::*;
use flexy_pos::api::types::PlanKind;
use flexy_pos::api::{ApiClient, ApiError, ClientOptions, Refusal};
use flexy_pos::counter_worker::Worker;
use flexy_pos::money::Dzd;
use flexy_pos::rules::{Operator, Phone};
use flexy_pos::secret::ApiKey;
use flexy_pos::till_status::{Connection, RunMode};
use flexy_pos::ui::{Effect, Msg, SaleDraft};
use std::time::Duration;
use tokio::sync::mpsc::unbounded_channel;

fn bad_client(base_url: &str) -> ApiClient {
    let mut o = ClientOptions::new(
        base_url,
        ApiKey::new("mistyped-key-0000000000").expect("key"),
    );
    o.retry_delay = Duration::from_millis(5);
    ApiClient::new(o).expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_spends_one_attempt_and_says_so() {
    let emu = start_emulator(emulator_config(31)).await;
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        bad_client(&emu.base_url()),
        fast_settings(Duration::from_secs(120)),
    );
    let (msg_tx, mut msgs) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let offset = chrono::FixedOffset::east_opt(3600).expect("UTC+1");
    let worker = Worker::new(rig.lc.clone(), msg_tx, RunMode::Live, offset);
    let tasks = worker.spawn(fx_rx);

    // What the screen asks at start, 2.5 minutes of status refreshes, then a sale.
    fx_tx.send(Effect::LoadPlans).expect("send");
    for _ in 0..6 {
        fx_tx.send(Effect::RefreshStatus).expect("send");
    }
    let phone = Phone::parse("0661234567").expect("phone");
    fx_tx
        .send(Effect::SubmitSale(SaleDraft {
            phone,
            operator: Operator::Mobilis,
            plan_code: "PREPAID_MOBILIS".into(),
            plan_name: "prepaid".into(),
            plan_kind: PlanKind::Dynamic,
            amount: Dzd::from_dinars(500),
            expected_cost: None,
            price: None,
        }))
        .expect("send");

    let (mut told, mut sale_refused, mut status_says) = (false, false, false);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !(told && sale_refused && status_says) {
        let msg = tokio::time::timeout_at(deadline, msgs.recv())
            .await
            .expect("the worker answers in time")
            .expect("channel open");
        match msg {
            Msg::Error(e) if e.contains("API key refused") => told = true,
            Msg::SaleFailed { error, .. } => {
                assert!(error.contains("nothing charged"), "{error}");
                sale_refused = true;
            }
            Msg::Status(st) => {
                status_says |= st.connection == Connection::Error("API key refused".into())
            }
            _ => {}
        }
    }
    for t in tasks {
        t.abort();
    }

    // One more bad try from here shows how many the worker spent: exactly one.
    match bad_client(&emu.base_url()).balance().await {
        Err(ApiError::Refused {
            reason: Refusal::InvalidToken { attempts_left },
            ..
        }) => assert_eq!(
            attempts_left,
            Some(3),
            "the worker spent exactly one attempt"
        ),
        other => panic!("expected INVALID_ACCESS_TOKEN, got {other:?}"),
    }
    assert!(
        client(&emu.base_url()).validate().await.is_ok(),
        "IP not blocked"
    );
    assert_eq!(
        rig.store.count().expect("count"),
        0,
        "nothing was written or sent"
    );
    rig.stop().await;
}
