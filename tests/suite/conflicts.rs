//! OneClickDz's list contradicting the till's orders (tests/common/hostile.rs rewrites the
//! list's items on their way to the real binary's `sync`):
//! - an item whose amount, charge or number differs from the order is a conflict: not applied,
//!   noted on the order's timeline, shown as its last error, counted in the sync summary;
//! - a final order never moves back: PENDING or UNKNOWN_ERROR listed for a FULFILLED or
//!   REFUNDED order is a conflict too, and the books do not move.

use crate::common;

use common::hostile::{Hostile, Mode};
use common::till::Till;
use common::*;
use flexy_pos::api::types::TopupStatus;
use flexy_pos::emulator::EmulatorHandle;
use flexy_pos::ledger::{Conflict, Mismatch, Note, OrderState, Problem, Status};
use flexy_pos::money::Dzd;
use serde_json::{Value, json};

async fn setup(seed: u64) -> (EmulatorHandle, Hostile, Till) {
    let emu = start_emulator(emulator_config(seed)).await;
    let hostile = Hostile::start(&emu.base_url(), Mode::Honest).await;
    let till = Till::new(&hostile.url, "# defaults\n");
    (emu, hostile, till)
}

fn conflict_notes(rec: &flexy_pos::orders::OrderRecord) -> Vec<Conflict> {
    rec.history
        .iter()
        .filter_map(|h| match &h.note {
            Some(Note::Conflict(c)) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// The answer, in the list: "3 999 DA topped up, 3 839.04 DA charged" for a 100 DA
/// sale. Before, `sync` refreshed the fulfilled order with it silently: charged 3 839.04 DA.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listed_amount_or_charge_that_differs_is_a_conflict_never_applied() {
    let (emu, hostile, till) = setup(41).await;
    let refs = till.sell(&[("0661234567", 100), ("0661234568", 500)]).await;
    let before = till.orders();
    let sent = http_stats(&emu.base_url()).await;
    hostile.set_mode(Mode::RewriteList {
        only: vec![refs[0].clone()],
        fields: vec![
            ("topup_amount", json!(3999)),
            ("balance_amount", json!(3839.04)),
        ],
    });
    let (code, out) = till.json(&["sync"]).await;
    assert_eq!(code, 0, "{out}");
    let audit = &out["audit"];
    assert_eq!(audit["conflicts"], 1, "{out}");
    assert_eq!(audit["conflict_refs"], json!([refs[0]]), "{out}");
    assert_eq!(audit["corrected"], 0, "{out}");

    let after = till.orders();
    let lied = &after[&refs[0]];
    assert_eq!(lied.state, OrderState::Fulfilled);
    assert_eq!(lied.api, before[&refs[0]].api, "the stored answer is kept");
    assert_eq!(lied.net_charged(), Some(Dzd::from_dinars(96)), "100 × 0.96");
    assert_eq!(
        after[&refs[1]], before[&refs[1]],
        "the other order untouched"
    );
    let expected = Conflict::Mismatch(vec![
        Mismatch::Amount {
            said: Dzd::from_dinars(3999),
            had: Dzd::from_dinars(100),
        },
        Mismatch::Charge {
            said: Dzd::from_centimes(383_904),
            worth: Dzd::from_dinars(100),
        },
    ]);
    assert_eq!(conflict_notes(lied), std::slice::from_ref(&expected));
    assert_eq!(lied.last_error, Some(Problem::Conflict(expected)));

    // Said in the summary and on its own line, in every language; noted once.
    let (_, text) = till.text("en", &["sync"]).await;
    assert!(text.contains(", 1 conflicting"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains(&refs[0]))
        .unwrap_or_else(|| panic!("no line for the order: {text}"));
    assert!(
        line.contains("3 999") && line.contains("3 839.04") && line.contains("another"),
        "{line}"
    );
    let (_, fr) = till.text("fr", &["sync"]).await;
    assert!(fr.contains("1 en conflit"), "{fr}");
    assert_eq!(conflict_notes(&till.orders()[&refs[0]]).len(), 1);

    // The server takes it back: the order no longer shows it (its timeline keeps it).
    hostile.set_mode(Mode::Honest);
    let (_, out) = till.json(&["sync"]).await;
    assert_eq!(out["audit"]["conflicts"], 0, "{out}");
    let healed = &till.orders()[&refs[0]];
    assert_eq!(healed.last_error, None);
    assert_eq!(conflict_notes(healed).len(), 1);
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs, sent.refs, "nothing sent by any sync");
}

/// Before, a list saying PENDING turned the REFUNDED and FULFILLED orders into PENDING (the
/// report lost a refund), and UNKNOWN_ERROR turned a REFUNDED order into "do not refund".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_final_order_never_moves_back_whatever_the_list_says() {
    let (_emu, hostile, till) = setup(42).await;
    let refs = till.sell(&[("0661234567", 500), ("0600000001", 200)]).await;
    let (fulfilled, refunded) = (&refs[0], &refs[1]);
    let states = |till: &Till| -> Vec<OrderState> {
        let all = till.orders();
        refs.iter().map(|r| all[r].state.clone()).collect()
    };
    assert_eq!(states(&till), [OrderState::Fulfilled, OrderState::Refunded]);
    let (_, books) = till.json(&["report"]).await;

    let said = [
        ("PENDING", TopupStatus::Pending),
        ("UNKNOWN_ERROR", TopupStatus::UnknownError),
        ("HANDLING", TopupStatus::Handling),
    ];
    for (word, _) in &said {
        hostile.set_mode(Mode::RewriteList {
            only: Vec::new(),
            fields: vec![("status", json!(word))],
        });
        let (code, out) = till.json(&["sync"]).await;
        assert_eq!(out["audit"]["conflicts"], 2, "{word}: {out}");
        assert_eq!(out["audit"]["corrected"], 0, "{word}: {out}");
        assert_eq!(code, 0, "{word}: {out}");
        assert_eq!(
            states(&till),
            [OrderState::Fulfilled, OrderState::Refunded],
            "{word}"
        );
        let (_, now) = till.json(&["report"]).await;
        assert_eq!(now, books, "{word}: the books do not move");
    }
    let all = till.orders();
    for (r, had) in [(fulfilled, Status::Fulfilled), (refunded, Status::Refunded)] {
        // Not even for a moment (before, sync's own reconcile put them back after the audit
        // had moved them; the counter's poller only later).
        let statuses: Vec<Status> = all[r].history.iter().map(|h| h.state).collect();
        let first_final = statuses.iter().position(|s| s.is_final()).expect("final");
        assert!(
            statuses[first_final..].iter().all(|s| *s == had),
            "{r}: {statuses:?}"
        );
        let expected: Vec<Conflict> = said
            .iter()
            .map(|(_, s)| Conflict::Contrary {
                said: s.clone(),
                had,
            })
            .collect();
        assert_eq!(conflict_notes(&all[r]), expected, "{r}");
        assert_eq!(
            all[r].last_error.as_ref().map(|p| p.english()),
            Some(expected[2].message().in_lang(flexy_pos::i18n::Lang::En))
        );
    }
    // Shown with the order: `orders --json` keeps REFUNDED (give the money back).
    let (_, text) = till.text("en", &["orders", "--json"]).await;
    let row: Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|o| o["ref"] == refunded.as_str())
        .expect("listed");
    assert_eq!(row["status"], "REFUNDED", "{row}");
}
