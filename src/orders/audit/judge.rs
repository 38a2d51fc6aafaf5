//! What one list item means for the order the store already has under its ref. Pure: the
//! caller applies the verdict.
//!
//! - An item that names another number, plan, amount or topup id than the stored order, or
//!   charges more than it is worth, is a conflict: nothing changes (an answer is only taken
//!   about the order it claims to be about; [`crate::ledger::conflict::compare`]).
//! - An open order takes the item: a sale of this till as a check answer, an order made
//!   elsewhere followed to the status listed.
//! - A final order never moves back: a status the server lists against a FULFILLED or REFUNDED
//!   order is a conflict, shown on the order and counted, and the order stays as it is.
//! - Only the till's own conclusions give way: a NOT_SENT or REFUSED order that the list shows
//!   did reach OneClickDz, so it is corrected to the listed status (the timeline keeps both).
//! - A final order with the server's status only refreshes the stored answer (e.g. a REFUNDED
//!   order's `balance_amount` now 0), without a timeline entry.

use super::record::state_of;
use crate::api::types::TopupInfo;
use crate::ledger::conflict::{Conflict, compare};
use crate::ledger::{OrderRecord, OrderState, Problem};

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The store already says what the server says.
    Agrees,
    /// Same status; keep the server's fresher answer.
    Refresh,
    /// An open order made elsewhere whose status or answer moved: follow it.
    Follow,
    /// An open order of this till: record the item as a check answer.
    Adopt,
    /// A NOT_SENT or REFUSED order the list shows: move it to `to`.
    Correct { to: OrderState },
    /// The item contradicts the order: leave it as it is, note why.
    Conflict(Conflict),
}

pub fn judge(local: &OrderRecord, item: &TopupInfo) -> Verdict {
    let wrong = compare(local, item);
    if !wrong.is_empty() {
        return Verdict::Conflict(Conflict::Mismatch(wrong));
    }
    // An answer that agrees again clears a conflict shown before.
    let conflict_shown = matches!(local.last_error, Some(Problem::Conflict(_)));
    let same_answer = local.api.as_ref() == Some(item) && !conflict_shown;
    if local.state.is_open() {
        return match (same_answer, local.is_external()) {
            (true, _) => Verdict::Agrees,
            (false, true) => Verdict::Follow,
            (false, false) => Verdict::Adopt,
        };
    }
    if matches!(
        local.state,
        OrderState::NotSent | OrderState::Refused { .. }
    ) {
        // Listed, so it reached OneClickDz (a status the till does not know: an open SENT).
        return Verdict::Correct {
            to: state_of(&item.status),
        };
    }
    match OrderState::from_api(&item.status) {
        Some(s) if s == local.state && same_answer => Verdict::Agrees,
        Some(s) if s == local.state => Verdict::Refresh,
        Some(_) => Verdict::Conflict(Conflict::Contrary {
            said: item.status.clone(),
            had: local.state.status(),
        }),
        // A status the till does not know says nothing against a FULFILLED or REFUNDED order.
        None => Verdict::Agrees,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::TopupStatus;
    use crate::ledger::{Mismatch, Origin, Status};
    use crate::money::Dzd;
    use crate::testkit::OrderBuilder;

    fn item(status: &str, phone: &str) -> TopupInfo {
        serde_json::from_value(serde_json::json!({
            "_id": "6650aa11bb22cc33dd44ee55", "ref": "R00001", "status": status,
            "plan_code": "PREPAID_MOBILIS", "MSSIDN": phone, "topup_amount": 500,
            "balance_amount": 480
        }))
        .unwrap()
    }

    fn with_state(state: OrderState) -> OrderRecord {
        OrderBuilder::new(chrono::Utc::now(), 1)
            .state(state)
            .build()
    }

    #[test]
    fn a_final_order_never_moves_back_and_the_server_s_word_is_a_conflict() {
        let contrary =
            |had: Status, said: TopupStatus| Verdict::Conflict(Conflict::Contrary { said, had });
        let done = with_state(OrderState::Fulfilled);
        assert_eq!(
            judge(&done, &item("PENDING", &done.phone)),
            contrary(Status::Fulfilled, TopupStatus::Pending)
        );
        assert_eq!(
            judge(&done, &item("REFUNDED", &done.phone)),
            contrary(Status::Fulfilled, TopupStatus::Refunded)
        );
        let refunded = with_state(OrderState::Refunded);
        for (word, status) in [
            ("PENDING", TopupStatus::Pending),
            ("HANDLING", TopupStatus::Handling),
            ("UNKNOWN_ERROR", TopupStatus::UnknownError),
            ("FULFILLED", TopupStatus::Fulfilled),
        ] {
            assert_eq!(
                judge(&refunded, &item(word, &refunded.phone)),
                contrary(Status::Refunded, status),
                "{word}"
            );
        }
        assert_eq!(
            judge(&done, &item("FULFILLED", &done.phone)),
            Verdict::Refresh
        );
        let mut same = done.clone();
        same.api = Some(item("FULFILLED", &done.phone));
        assert_eq!(
            judge(&same, &item("FULFILLED", &done.phone)),
            Verdict::Agrees
        );
        // Agreeing again after a conflict clears what the order showed.
        same.last_error = Some(Problem::Conflict(Conflict::Contrary {
            said: TopupStatus::Pending,
            had: Status::Fulfilled,
        }));
        assert_eq!(
            judge(&same, &item("FULFILLED", &done.phone)),
            Verdict::Refresh
        );
        assert_eq!(
            judge(&done, &item("SUCCESS", &done.phone)),
            Verdict::Agrees,
            "an unknown status never overrules a final one"
        );
    }

    #[test]
    fn the_till_s_own_not_sent_gives_way_to_the_list() {
        let lost = with_state(OrderState::NotSent);
        assert_eq!(
            judge(&lost, &item("SUCCESS", &lost.phone)),
            Verdict::Correct {
                to: OrderState::Sent
            },
            "listed, so it reached OneClickDz"
        );
        assert_eq!(
            judge(&lost, &item("FULFILLED", &lost.phone)),
            Verdict::Correct {
                to: OrderState::Fulfilled
            }
        );
    }

    #[test]
    fn open_external_and_conflicting_orders() {
        let open = with_state(OrderState::Pending);
        assert_eq!(judge(&open, &item("HANDLING", &open.phone)), Verdict::Adopt);
        assert_eq!(
            judge(&open, &item("FULFILLED", "0771234567")),
            Verdict::Conflict(Conflict::Mismatch(vec![Mismatch::Phone {
                said: "0771234567".into(),
                had: open.phone.clone()
            }]))
        );
        let mut lie = item("FULFILLED", &open.phone);
        lie.topup_amount = Some(Dzd::from_dinars(3999));
        assert!(matches!(
            judge(&open, &lie),
            Verdict::Conflict(Conflict::Mismatch(m)) if matches!(m[..], [Mismatch::Amount { .. }])
        ));
        let mut ext = with_state(OrderState::Pending);
        ext.origin = Origin::External;
        ext.api = Some(item("PENDING", &ext.phone));
        assert_eq!(judge(&ext, &item("FULFILLED", &ext.phone)), Verdict::Follow);
        ext.api = Some(item("FULFILLED", &ext.phone));
        assert_eq!(judge(&ext, &item("FULFILLED", &ext.phone)), Verdict::Agrees);
        ext.state = OrderState::Fulfilled;
        assert!(matches!(
            judge(&ext, &item("PENDING", &ext.phone)),
            Verdict::Conflict(Conflict::Contrary { .. })
        ));
    }
}
