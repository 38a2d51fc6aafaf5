//! The timeline is typed on disk: a store of schema 5, whose records kept English sentences,
//! migrates to typed notes and errors, and the money guards those sentences carried still hold.

use crate::common;

use chrono::{DateTime, Duration as TimeDelta, Utc};
use common::{emulator_config, fast_settings, start_emulator};
use flexy_pos::api::types::{PlanKind, TopupInfo};
use flexy_pos::ledger::{Note, OrderKey, OrderState, Origin, Problem, Status};
use flexy_pos::money::Dzd;
use flexy_pos::orders::CheckOutcome;
use flexy_pos::rules::Operator;
use flexy_pos::store::{SCHEMA_VERSION, Store};
use flexy_pos::testkit::OrderBuilder;
use serde::Serialize;
use std::time::Duration;

/// A timeline entry as records of version 1 (schema 5 and before) kept it: English sentences.
#[derive(Serialize)]
struct OldChange {
    at: DateTime<Utc>,
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

/// An order record of version 1, field for field as flexy-pos wrote it until schema 5.
#[derive(Serialize)]
struct OldRecord {
    v: u16,
    key: OrderKey,
    reference: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    phone: String,
    operator: Operator,
    plan_code: String,
    plan_name: String,
    plan_kind: PlanKind,
    amount: Dzd,
    state: OrderState,
    #[serde(skip_serializing_if = "Option::is_none")]
    topup_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api: Option<TopupInfo>,
    history: Vec<OldChange>,
    send_attempts: u32,
    checks: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error: Option<&'static str>,
    origin: Origin,
}

const DUPLICATE: &str =
    "the API says this ref was already used: the order exists; checking it by ref";
const NOT_KNOWN: &str =
    "OneClickDz does not know this ref yet (30 s after sending); still checking";

fn old_record(
    key: OrderKey,
    reference: &str,
    at: DateTime<Utc>,
    state: OrderState,
    history: Vec<OldChange>,
    last_error: Option<&'static str>,
) -> OldRecord {
    OldRecord {
        v: 1,
        key,
        reference: reference.into(),
        created_at: at,
        updated_at: at,
        phone: "0661234567".into(),
        operator: Operator::Mobilis,
        plan_code: "PREPAID_MOBILIS".into(),
        plan_name: "PREPAID".into(),
        plan_kind: PlanKind::Dynamic,
        amount: Dzd::from_dinars(300),
        state,
        topup_id: None,
        api: None,
        history,
        send_attempts: 1,
        checks: 2,
        last_error,
        origin: Origin::Till,
    }
}

/// Writes `old` over the order stored under its key, as schema 5 kept it (format byte 1:
/// MessagePack with field names; its CRC came with the checked format, which reads the same).
fn write_old(store: &Store, old: &OldRecord) {
    let mut bytes = vec![1u8];
    bytes.extend(rmp_serde::to_vec_named(old).expect("encode"));
    store
        .raw_db()
        .open_tree("orders")
        .unwrap()
        .insert(old.key.to_bytes(), bytes)
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_5_store_migrates_to_typed_notes_and_a_duplicate_is_never_called_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sent_at = Utc::now() - TimeDelta::minutes(10);
    let dup = OrderBuilder::new(sent_at, 1).reference("T-DUP").build();
    let odd = OrderBuilder::new(sent_at, 2).reference("T-ODD").build();
    {
        let store = Store::open(dir.path()).unwrap();
        store.insert_batch(&[dup.clone(), odd.clone()]).unwrap();
        // What schema 5 held: the send was answered "duplicate ref", the API has the order.
        let since = sent_at;
        write_old(
            &store,
            &old_record(
                dup.key,
                "T-DUP",
                sent_at,
                OrderState::Unconfirmed { since },
                vec![
                    OldChange {
                        at: sent_at,
                        state: "SAVED",
                        note: Some("saved; sending"),
                    },
                    OldChange {
                        at: sent_at + TimeDelta::seconds(2),
                        state: "UNCONFIRMED",
                        note: Some(DUPLICATE),
                    },
                ],
                Some(NOT_KNOWN),
            ),
        );
        write_old(
            &store,
            &old_record(
                odd.key,
                "T-ODD",
                sent_at,
                OrderState::Saved,
                vec![OldChange {
                    at: sent_at,
                    state: "SAVED",
                    note: Some("operator did not answer"),
                }],
                Some("timeout talking to the API"),
            ),
        );
        store
            .raw_db()
            .open_tree("meta")
            .unwrap()
            .insert("schema_version", &5u32.to_be_bytes()[..])
            .unwrap();
        store.flush().unwrap();
    }

    let store = Store::open(dir.path()).expect("the store migrates");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 8);
    let rec = store.get_by_ref("T-DUP").unwrap().expect("kept");
    // Written with `operator` (record version 1): read as that operator's mobile line.
    assert_eq!(
        rec.line,
        flexy_pos::rules::Line::Mobile(Operator::Mobilis),
        "an old record is a mobile top-up"
    );
    assert_eq!(rec.product(), flexy_pos::rules::Product::Mobile);
    let notes: Vec<_> = rec
        .history
        .iter()
        .map(|h| (h.state, h.note.clone()))
        .collect();
    assert_eq!(
        notes,
        [
            (Status::Saved, Some(Note::SavedSending)),
            (Status::Unconfirmed, Some(Note::Duplicate)),
        ]
    );
    assert_eq!(
        rec.last_error,
        Some(Problem::Legacy(NOT_KNOWN.into())),
        "an old error sentence is kept as it is"
    );
    assert!(rec.api_has_it());
    let odd = store.get_by_ref("T-ODD").unwrap().expect("kept");
    assert_eq!(
        odd.history[0].note,
        Some(Note::Legacy("operator did not answer".into())),
        "text no version wrote is kept, shown as it is"
    );
    // The migration wrote every record anew (checked format byte 2, record version 2).
    let raw = store
        .raw_db()
        .open_tree("orders")
        .unwrap()
        .get(rec.key.to_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(raw[0], 2, "rewritten in the checked format");
    assert_eq!(rec.v, flexy_pos::ledger::ORDER_RECORD_VERSION);
    drop(store);

    // The emulator never saw the ref: check-ref says NOT_FOUND, long after the window. The API
    // said it has the order, so it stays open, checked by ref, never "not sent, sell again".
    let emu = start_emulator(emulator_config(3)).await;
    let rig = common::Rig::in_dir(
        dir,
        &emu.base_url(),
        fast_settings(Duration::from_millis(50)),
    );
    for _ in 0..3 {
        let outcome = rig.lc.check("T-DUP").await;
        let rec = outcome.record().expect("checked");
        assert!(
            matches!(rec.state, OrderState::Unconfirmed { .. }),
            "{rec:#?}"
        );
    }
    // The same NOT_FOUND does settle an order the API never said it had, once this run has
    // itself watched it for the window (an earlier run sent it: its wall-clock age alone
    // could be a clock set ahead).
    let first = rig.lc.check("T-ODD").await.record().expect("checked");
    assert!(
        matches!(first.state, OrderState::Unconfirmed { .. }),
        "{first:#?}"
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    let settled = rig.lc.check("T-ODD").await;
    assert!(
        matches!(&settled, CheckOutcome::Final(r) if r.state == OrderState::NotSent),
        "{settled:?}"
    );
    rig.stop().await;
}
