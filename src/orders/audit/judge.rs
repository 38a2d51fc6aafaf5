//! What one list item means for the order the store already has under its ref. Pure: the
//! caller applies the verdict.
//!
//! - An item about another number or plan than the stored order is a conflict: nothing
//!   changes (an answer is only taken about the order it claims to be about).
//! - An external order follows the server (it is the server's record of someone else's sale).
//! - An open order of this till takes the item as a check answer (the usual path).
//! - A final order whose status differs from the server's is corrected — NOT_SENT and REFUSED
//!   included, since a listed order did reach OneClickDz. The timeline keeps both.
//! - A final order with the server's status only refreshes the stored answer (e.g. a REFUNDED
//!   order's `balance_amount` now 0), without a timeline entry.

use super::record::state_of;
use crate::api::types::{TopupInfo, TopupStatus};
use crate::i18n::{Message, MsgId};
use crate::ledger::{OrderRecord, OrderState};

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The store already says what the server says.
    Agrees,
    /// Same status; keep the server's fresher answer.
    Refresh,
    /// An external order whose status or answer moved: follow it.
    Follow,
    /// An open order: record the item as a check answer.
    Adopt,
    /// A final order the server disagrees with: move it to `to`.
    Correct { to: OrderState },
    /// The item names this ref but describes another order: leave it alone.
    Conflict(Message),
}

fn differs(stored: Option<&str>, listed: Option<&str>) -> bool {
    matches!((stored, listed), (Some(a), Some(b)) if a != b)
}

fn conflict_type(listed: &str, local: &OrderRecord) -> Verdict {
    Verdict::Conflict(
        Message::new(MsgId::AuditConflictPlan)
            .text("listed", listed)
            .text("had", &local.plan_code),
    )
}

pub fn judge(local: &OrderRecord, item: &TopupInfo) -> Verdict {
    if differs(Some(&local.phone), item.line_number()) {
        return Verdict::Conflict(
            Message::new(MsgId::AuditConflictNumber)
                .text("listed", item.line_number().unwrap_or("?"))
                .text("had", &local.phone),
        );
    }
    if differs(Some(&local.plan_code), item.plan_code.as_deref()) {
        return Verdict::Conflict(
            Message::new(MsgId::AuditConflictPlan)
                .text("listed", item.plan_code.as_deref().unwrap_or("?"))
                .text("had", &local.plan_code),
        );
    }
    // An internet item's type must be the product sold (a type the till does not know is not).
    if let Some(kind) = &item.kind
        && item.internet_type().map(crate::rules::Product::Internet) != Some(local.product())
    {
        return conflict_type(kind, local);
    }
    let same_answer = local.api.as_ref() == Some(item);
    if local.is_external() {
        return if same_answer {
            Verdict::Agrees
        } else {
            Verdict::Follow
        };
    }
    if local.state.is_open() {
        return if same_answer {
            Verdict::Agrees
        } else {
            Verdict::Adopt
        };
    }
    let reached_api = !matches!(
        local.state,
        OrderState::NotSent | OrderState::Refused { .. }
    );
    match OrderState::from_api(&item.status) {
        Some(s) if s == local.state => {
            if same_answer {
                Verdict::Agrees
            } else {
                Verdict::Refresh
            }
        }
        Some(s) => Verdict::Correct { to: s },
        // A status the till does not know says nothing against a FULFILLED or REFUNDED order,
        // but it does prove a NOT_SENT / REFUSED one reached OneClickDz.
        None if !reached_api => Verdict::Correct {
            to: state_of(&TopupStatus::Other(String::new())),
        },
        None => Verdict::Agrees,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Origin;
    use crate::testkit::OrderBuilder;

    fn item(status: &str, phone: &str) -> TopupInfo {
        serde_json::from_value(serde_json::json!({
            "_id": "6650aa11bb22cc33dd44ee55", "status": status, "plan_code": "PREPAID_MOBILIS",
            "MSSIDN": phone, "topup_amount": 500, "balance_amount": 480
        }))
        .unwrap()
    }

    fn with_state(state: OrderState) -> OrderRecord {
        OrderBuilder::new(chrono::Utc::now(), 1)
            .state(state)
            .build()
    }

    #[test]
    fn finals_are_corrected_only_when_the_server_says_otherwise() {
        let done = with_state(OrderState::Fulfilled);
        assert_eq!(
            judge(&done, &item("REFUNDED", &done.phone)),
            Verdict::Correct {
                to: OrderState::Refunded
            }
        );
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
        assert_eq!(
            judge(&done, &item("SUCCESS", &done.phone)),
            Verdict::Agrees,
            "an unknown status never overrules a final one"
        );
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
        assert!(matches!(
            judge(&open, &item("FULFILLED", "0771234567")),
            Verdict::Conflict(why) if why.in_lang(crate::i18n::Lang::En).contains("0771234567")
        ));
        let mut ext = with_state(OrderState::Pending);
        ext.origin = Origin::External;
        assert_eq!(judge(&ext, &item("FULFILLED", &ext.phone)), Verdict::Follow);
        ext.api = Some(item("FULFILLED", &ext.phone));
        assert_eq!(judge(&ext, &item("FULFILLED", &ext.phone)), Verdict::Agrees);
    }
}
