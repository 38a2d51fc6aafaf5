//! Answers of OneClickDz that contradict the order they claim to be about: never applied, kept
//! on the order's timeline ([`super::Note::Conflict`]) and as its last error, counted by `sync`.
//!
//! One rule for the check answers and the list items alike ([`compare`]): an answer about an
//! order must name its ref, its topup id (when known), its number, its plan and its amount,
//! and charge no more than the top-up is worth. And a final order never moves back: a status
//! contrary to a FULFILLED or REFUNDED one is a [`Conflict::Contrary`].

use super::record::OrderRecord;
use super::status::Status;
use crate::api::types::{PlanKind, TopupInfo, TopupStatus};
use crate::i18n::{Message, MsgId};
use crate::money::Dzd;
use crate::rules::Product;
use serde::{Deserialize, Serialize};

/// One field an answer got wrong: what it said (sanitized), and what the order has.
///
/// Stored in order records (adjacently tagged): never renamed without a store migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "with", rename_all = "snake_case")]
pub enum Mismatch {
    /// `ref` (`None`: the answer named none).
    Ref { said: Option<String>, had: String },
    /// `_id`, against the topup id the send was answered with.
    Id { said: String, had: String },
    /// `MSSIDN`.
    Phone { said: String, had: String },
    /// `plan_code`.
    Plan { said: String, had: String },
    /// An internet answer's `type` (`ADSL`, `4G`), against the product sold.
    Product { said: String, had: String },
    /// `topup_amount`, against the face value sold.
    Amount { said: Dzd, had: Dzd },
    /// `balance_amount` above what the top-up is worth (its face value, or the cost expected
    /// at sale when that is higher).
    Charge { said: Dzd, worth: Dzd },
}

/// An answer the till did not apply.
///
/// Stored in order records (adjacently tagged): never renamed without a store migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "conflict", content = "with", rename_all = "snake_case")]
pub enum Conflict {
    /// The answer describes another top-up than this order (every field it got wrong).
    Mismatch(Vec<Mismatch>),
    /// OneClickDz names `said` for an order that is `had` here, which is final: it stays so.
    Contrary { said: TopupStatus, had: Status },
}

/// The face value the order was sold at, when the till knows it: its own sale's amount, or
/// the amount OneClickDz gave for an order rebuilt from its list.
fn face_value(rec: &OrderRecord) -> Option<Dzd> {
    if rec.origin.is_till() {
        Some(rec.amount)
    } else {
        rec.api.as_ref().and_then(|a| a.topup_amount)
    }
}

fn said(text: &str) -> String {
    crate::text::sanitize_line(text)
}

/// Every field of `info` that contradicts `rec`; empty when the answer is about this order.
pub fn compare(rec: &OrderRecord, info: &TopupInfo) -> Vec<Mismatch> {
    let mut out = Vec::new();
    // An item without a ref is kept under its `_id` (orders made elsewhere).
    let named = info.reference.as_deref().unwrap_or(&info.id);
    if named != rec.reference {
        out.push(Mismatch::Ref {
            said: info.reference.as_deref().map(said),
            had: rec.reference.clone(),
        });
    }
    if let Some(id) = &rec.topup_id
        && &info.id != id
    {
        out.push(Mismatch::Id {
            said: said(&info.id),
            had: id.clone(),
        });
    }
    if let Some(phone) = info.line_number().filter(|p| *p != rec.phone) {
        out.push(Mismatch::Phone {
            said: said(phone),
            had: rec.phone.clone(),
        });
    }
    if let Some(plan) = info.plan_code.as_deref().filter(|p| *p != rec.plan_code) {
        out.push(Mismatch::Plan {
            said: said(plan),
            had: rec.plan_code.clone(),
        });
    }
    // An internet answer names its type; it must be the product sold (a type the till does
    // not know is not).
    if let Some(kind) = &info.kind
        && info.internet_type().map(Product::Internet) != Some(rec.product())
    {
        out.push(Mismatch::Product {
            said: said(kind),
            had: rec.product().label().to_string(),
        });
    }
    let face = face_value(rec);
    // What a GETMENU request's amount means is not documented (the till sends the plan's
    // smallest): its answer is not held to it.
    let menu = rec.plan_kind == PlanKind::GetMenu;
    if let (Some(said), Some(had)) = (info.topup_amount, face)
        && said != had
        && !menu
    {
        out.push(Mismatch::Amount { said, had });
    }
    let worth = face.map(|f| rec.expected_cost.map_or(f, |c| c.max(f)));
    if let (Some(said), Some(worth)) = (info.balance_amount, worth)
        && said > worth
    {
        out.push(Mismatch::Charge { said, worth });
    }
    out
}

impl Mismatch {
    fn message(&self) -> Message {
        let pair = |id: MsgId, said: &dyn std::fmt::Display, had: &dyn std::fmt::Display| {
            Message::new(id).text("said", said).text("had", had)
        };
        match self {
            Mismatch::Ref { said: Some(s), had } => pair(MsgId::ConflictRef, s, had),
            Mismatch::Ref { said: None, had } => {
                Message::new(MsgId::ConflictNoRef).text("had", had)
            }
            Mismatch::Id { said, had } => pair(MsgId::ConflictId, said, had),
            Mismatch::Phone { said, had } => pair(MsgId::ConflictPhone, said, had),
            Mismatch::Plan { said, had } => pair(MsgId::ConflictPlan, said, had),
            Mismatch::Product { said, had } => pair(MsgId::ConflictProduct, said, had),
            Mismatch::Amount { said, had } => pair(MsgId::ConflictAmount, said, had),
            Mismatch::Charge { said, worth } => Message::new(MsgId::ConflictCharge)
                .text("said", said)
                .text("worth", worth),
        }
    }
}

impl Conflict {
    /// The conflict in the catalogue's words.
    pub fn message(&self) -> Message {
        match self {
            Conflict::Mismatch(fields) => {
                // "a, b, c" with each language's separator, built from the last one back.
                let mut list: Option<Message> = None;
                for m in fields.iter().rev() {
                    list = Some(match list {
                        None => m.message(),
                        Some(rest) => Message::new(MsgId::ConflictList)
                            .msg_of("first", m.message())
                            .msg_of("rest", rest),
                    });
                }
                let list = list.unwrap_or_else(|| Message::from(String::new()));
                Message::new(MsgId::ConflictMismatch).msg_of("fields", list)
            }
            Conflict::Contrary { said, had } => Message::new(MsgId::ConflictContrary)
                .text("said", said.as_str())
                .msg("had", had.word()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::ledger::Origin;
    use crate::testkit::OrderBuilder;

    fn answer(fields: serde_json::Value) -> TopupInfo {
        let mut v = serde_json::json!({
            "_id": "6650aa11bb22cc33dd44ee55", "ref": "R00001", "status": "FULFILLED",
            "plan_code": "PREPAID_MOBILIS", "MSSIDN": "0661234567",
            "topup_amount": 500, "balance_amount": 480
        });
        for (k, val) in fields.as_object().unwrap() {
            v[k] = val.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    fn sold() -> OrderRecord {
        OrderBuilder::new(chrono::Utc::now(), 1)
            .topup_id("6650aa11bb22cc33dd44ee55")
            .expected_cost(Dzd::from_dinars(480))
            .build()
    }

    #[test]
    fn an_answer_about_this_order_agrees_and_each_wrong_field_is_named() {
        let rec = sold();
        assert_eq!(compare(&rec, &answer(serde_json::json!({}))), []);
        // A refunded order charges 0; a cheaper charge is not a conflict.
        assert_eq!(
            compare(&rec, &answer(serde_json::json!({"balance_amount": 0}))),
            []
        );
        // The answer: 3 999 DA topped up, 3 839.04 DA charged, for a 500 DA sale.
        let lie = answer(serde_json::json!({"topup_amount": 3999, "balance_amount": 3839.04}));
        assert_eq!(
            compare(&rec, &lie),
            [
                Mismatch::Amount {
                    said: Dzd::from_dinars(3999),
                    had: Dzd::from_dinars(500)
                },
                Mismatch::Charge {
                    said: Dzd::from_centimes(383_904),
                    worth: Dzd::from_dinars(500)
                },
            ]
        );
        let other = answer(serde_json::json!({
            "ref": "x\u{1b}[2Jy", "_id": "ffff", "MSSIDN": "0770000000", "plan_code": "PIXX_500"
        }));
        let found = compare(&rec, &other);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(
            found[0],
            Mismatch::Ref {
                said: Some("xy".into()),
                had: "R00001".into()
            },
            "server text sanitized"
        );
        let menu = OrderBuilder::new(chrono::Utc::now(), 1)
            .plan("GETMENU_Mobilis", "menu", PlanKind::GetMenu)
            .build();
        let offers = answer(serde_json::json!({"plan_code": "GETMENU_Mobilis", "topup_amount": 0}));
        assert_eq!(
            compare(&menu, &offers),
            [],
            "a menu's amount is not documented"
        );
        let without_ref = answer(serde_json::json!({"ref": null}));
        assert!(matches!(
            compare(&rec, &without_ref)[..],
            [Mismatch::Ref { said: None, .. }]
        ));
    }

    #[test]
    fn an_order_rebuilt_from_the_list_is_held_to_the_amount_the_list_gave() {
        let mut rec = OrderBuilder::new(chrono::Utc::now(), 1)
            .origin(Origin::External)
            .amount(Dzd::ZERO)
            .build();
        rec.reference = "6650aa11bb22cc33dd44ee55".into();
        let item = answer(serde_json::json!({"ref": null, "topup_amount": null}));
        assert_eq!(compare(&rec, &item), [], "no amount known on either side");
        rec.api = Some(answer(serde_json::json!({"ref": null})));
        let item = answer(serde_json::json!({"ref": null, "topup_amount": 900}));
        assert!(matches!(
            compare(&rec, &item)[..],
            [Mismatch::Amount { .. }]
        ));
    }

    #[test]
    fn conflicts_are_worded_in_every_language() {
        let rec = sold();
        let lie = answer(serde_json::json!({
            "topup_amount": 3999, "balance_amount": 3839.04, "MSSIDN": "0770000000"
        }));
        let c = Conflict::Mismatch(compare(&rec, &lie));
        let en = c.message().in_lang(Lang::En);
        for part in ["0770000000", "3 999", "3 839.04", "another"] {
            assert!(en.contains(part), "{part}: {en}");
        }
        let back = Conflict::Contrary {
            said: TopupStatus::Pending,
            had: Status::Refunded,
        };
        for lang in Lang::ALL {
            for m in [&c, &back] {
                let text = m.message().in_lang(lang);
                assert!(!text.contains("conflict-"), "{lang}: {text}");
            }
        }
        assert!(back.message().in_lang(Lang::En).contains("PENDING"));
        let bytes = rmp_serde::to_vec_named(&c).unwrap();
        assert_eq!(rmp_serde::from_slice::<Conflict>(&bytes).unwrap(), c);
    }
}
