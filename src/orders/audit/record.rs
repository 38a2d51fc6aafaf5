//! Orders the store lacks, rebuilt from one list item: whose they are, under which key, and
//! the record itself, with every field the API gave kept whole in `api`.

use crate::api::types::{PlanKind, PlansData, TopupInfo, TopupStatus};
use crate::i18n::{Message, MsgId};
use crate::ledger::reference::parse_ref;
use crate::ledger::{ORDER_RECORD_VERSION, OrderKey, OrderRecord, OrderState, Origin, StateChange};
use crate::money::Dzd;
use crate::rules::{Line, Operator};
use chrono::{DateTime, Utc};

use crate::ledger::Note;

/// Whose order a listed ref is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A ref this till made (`<its terminal>-<key>`): the order's key is in it.
    Own(OrderKey),
    /// Any other ref: another till's, the dashboard's, a generated one.
    Other,
}

/// This till's refs are exactly `<terminal_id>-<26 base32 digits>`; everything else is not.
pub fn owner(reference: &str, terminal_id: &str) -> Owner {
    match parse_ref(reference) {
        Some((terminal, key)) if terminal == terminal_id => Owner::Own(key),
        _ => Owner::Other,
    }
}

/// The item's ref, or its `_id` when it has none (the store needs one to find it again).
pub fn item_ref(item: &TopupInfo) -> &str {
    item.reference
        .as_deref()
        .filter(|r| !r.is_empty())
        .unwrap_or(&item.id)
}

/// `created_at` as a time, when it is one.
pub fn created_at(item: &TopupInfo) -> Option<DateTime<Utc>> {
    let text = item.created_at.as_deref()?;
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The key an external order is kept under: the key its ref names when it has the lifecycle's
/// shape (another till of ours), else its creation time and bits of its `_id`, so it sorts
/// into the history by time and the same item always gets the same key.
pub fn external_key(item: &TopupInfo, now: DateTime<Utc>) -> OrderKey {
    if let Some(r) = &item.reference
        && let Some((_, key)) = parse_ref(r)
    {
        return key;
    }
    let millis = created_at(item).unwrap_or(now).timestamp_millis().max(0) as u64;
    // FNV-1a of the id: stable across builds.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in item.id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    OrderKey(((millis as u128) << 64) | u128::from(h))
}

/// The line's operator: from the number, else from the plan (the sandbox's test numbers are
/// sold with any operator's plan).
fn operator_of(item: &TopupInfo, plans: Option<&PlansData>) -> Option<Operator> {
    let plan_line = || {
        let code = item.plan_code.as_deref()?;
        crate::rules::Operator::of_plan(plans?.find(code)?)
    };
    let number_line = || {
        let phone = item.mssidn.as_deref()?;
        Operator::from_prefix(phone.chars().nth(1)?)
    };
    match item.mssidn.as_deref() {
        Some(n) if crate::rules::is_sandbox_test_number(n) => plan_line().or_else(number_line),
        _ => number_line().or_else(plan_line),
    }
}

/// The state an item's status means; a status the till does not know is an open `Sent`.
pub fn state_of(status: &TopupStatus) -> OrderState {
    OrderState::from_api(status).unwrap_or(OrderState::Sent)
}

/// Which list an item came from: the mobile top-ups' or the internet top-ups'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListSource {
    Mobile,
    Internet,
}

/// What a record says about what was sold: the line, the number, the plan (for an internet
/// top-up, its type), in the shape the lifecycle writes them.
struct Sold {
    line: Line,
    phone: String,
    plan_code: String,
    plan_name: String,
    plan_kind: PlanKind,
}

fn sold_mobile(
    item: &TopupInfo,
    reference: &str,
    plans: Option<&PlansData>,
) -> Result<Sold, Message> {
    let phone = item.mssidn.clone().unwrap_or_default();
    let plan_code = item.plan_code.clone().unwrap_or_default();
    let operator = operator_of(item, plans).ok_or_else(|| {
        Message::new(MsgId::AuditNoOperator)
            .text("ref", reference)
            .text("phone", &phone)
            .text("code", &plan_code)
    })?;
    let plan = plans.and_then(|p| p.find(&plan_code));
    let plan_kind = match plan {
        Some(p) => p.kind(),
        None if plan_code.to_ascii_uppercase().starts_with("GETMENU") => PlanKind::GetMenu,
        None => PlanKind::Dynamic,
    };
    Ok(Sold {
        line: Line::Mobile(operator),
        phone,
        plan_name: plan
            .map(|p| p.name.clone())
            .unwrap_or_else(|| plan_code.clone()),
        plan_code,
        plan_kind,
    })
}

fn sold_internet(item: &TopupInfo, reference: &str) -> Result<Sold, Message> {
    let kind = item.internet_type().ok_or_else(|| {
        Message::new(MsgId::AuditNoInternetType)
            .text("ref", reference)
            .text("type", item.kind.as_deref().unwrap_or(""))
    })?;
    Ok(Sold {
        line: Line::Internet(kind),
        phone: item.number.clone().unwrap_or_default(),
        plan_code: kind.api_name().to_string(),
        plan_name: kind.name().to_string(),
        plan_kind: PlanKind::Fixed,
    })
}

/// A record for an order the store lacks. `Err` says why the item cannot be one.
pub fn from_item(
    item: &TopupInfo,
    source: ListSource,
    origin: Origin,
    key: OrderKey,
    plans: Option<&PlansData>,
    now: DateTime<Utc>,
) -> Result<OrderRecord, Message> {
    let reference = item_ref(item).to_string();
    let sold = match source {
        ListSource::Mobile => sold_mobile(item, &reference, plans)?,
        ListSource::Internet => sold_internet(item, &reference)?,
    };
    let created = match origin {
        // A ref of this till names the moment the order was made here.
        Origin::Restored => DateTime::from_timestamp_millis(key.millis() as i64),
        _ => created_at(item),
    }
    .unwrap_or(now);
    let state = state_of(&item.status);
    let note = match origin {
        Origin::Restored => Note::Restored,
        _ => Note::External,
    };
    Ok(OrderRecord {
        v: ORDER_RECORD_VERSION,
        key,
        reference,
        created_at: created,
        updated_at: now,
        phone: sold.phone,
        line: sold.line,
        plan_name: sold.plan_name,
        plan_code: sold.plan_code,
        plan_kind: sold.plan_kind,
        amount: item.topup_amount.unwrap_or(Dzd::ZERO),
        expected_cost: None,
        price: None,
        history: vec![StateChange {
            at: now,
            state: state.status(),
            note: Some(note),
        }],
        state,
        topup_id: Some(item.id.clone()),
        api: Some(item.clone()),
        send_attempts: 0,
        checks: 0,
        last_error: None,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::reference::{make_ref, next_key};

    fn item(reference: Option<&str>, phone: &str, plan: &str, status: &str) -> TopupInfo {
        serde_json::from_value(serde_json::json!({
            "_id": "69016194e9e88196b4eb64ce", "ref": reference, "status": status,
            "plan_code": plan, "MSSIDN": phone, "topup_amount": 500, "balance_amount": 0,
            "created_at": "2025-10-29T00:36:36.385Z", "refund_message": "رسالة",
            "follow_orderid": "f1", "something_new": [1, 2]
        }))
        .unwrap()
    }

    fn plans() -> PlansData {
        serde_json::from_str(include_str!("../../../assets/plans.json")).unwrap()
    }

    #[test]
    fn only_this_terminals_exact_refs_are_its_own() {
        let key = next_key();
        assert_eq!(owner(&make_ref("till7", key), "till7"), Owner::Own(key));
        assert_eq!(owner(&make_ref("till8", key), "till7"), Owner::Other);
        assert_eq!(
            owner("API-+213665983439-test-1761698196315-suggest", "till7"),
            Owner::Other
        );
        assert_eq!(
            owner(&make_ref("till7", key).to_uppercase(), "till7"),
            Owner::Other
        );
        assert_eq!(owner("till7-short", "till7"), Owner::Other);
    }

    #[test]
    fn a_restored_record_keeps_every_field_and_its_own_key_and_time() {
        let key = next_key();
        let r = make_ref("till7", key);
        let it = item(Some(&r), "0661234567", "PREPAID_MOBILIS", "FULFILLED");
        let now = Utc::now();
        let rec = from_item(
            &it,
            ListSource::Mobile,
            Origin::Restored,
            key,
            Some(&plans()),
            now,
        )
        .unwrap();
        assert_eq!((rec.key, rec.reference.as_str()), (key, r.as_str()));
        assert_eq!(rec.created_at.timestamp_millis() as u64, key.millis());
        assert_eq!(rec.state, OrderState::Fulfilled);
        assert_eq!(rec.line, Line::Mobile(Operator::Mobilis));
        assert_eq!(rec.plan_kind, PlanKind::Dynamic);
        assert_ne!(rec.plan_name, "PREPAID_MOBILIS", "the cached plan's name");
        assert_eq!(rec.amount, Dzd::from_dinars(500));
        assert_eq!(
            rec.api.as_ref(),
            Some(&it),
            "every field, undocumented ones too"
        );
        assert_eq!(rec.topup_id.as_deref(), Some("69016194e9e88196b4eb64ce"));
        assert_eq!(rec.history[0].note, Some(Note::Restored));
        assert_eq!(rec.origin, Origin::Restored);
    }

    #[test]
    fn external_records_sort_by_their_time_and_keep_their_key() {
        let now = Utc::now();
        // The docs' own example: a sandbox test number sold with a Djezzy plan.
        let it = item(
            Some("API-+213665983439-test-1761698196315-suggest"),
            "0600000002",
            "PREPAID_DJEZZY",
            "REFUNDED",
        );
        let key = external_key(&it, now);
        assert_eq!(key, external_key(&it, now), "the same item, the same key");
        assert_eq!(key.millis(), 1_761_698_196_385);
        let rec = from_item(
            &it,
            ListSource::Mobile,
            Origin::External,
            key,
            Some(&plans()),
            now,
        )
        .unwrap();
        assert_eq!(
            rec.line,
            Line::Mobile(Operator::Djezzy),
            "the plan's line for a test number"
        );
        assert_eq!(rec.state, OrderState::Refunded);
        assert_eq!(rec.created_at.timestamp_millis(), 1_761_698_196_385);
        assert_eq!(
            rec.api.as_ref().and_then(|a| a.balance_amount),
            Some(Dzd::ZERO)
        );
        assert_eq!(rec.net_charged(), Some(Dzd::ZERO));
        // Another till's ref names its key.
        let other = next_key();
        let it2 = item(
            Some(&make_ref("till9", other)),
            "0771234567",
            "X",
            "PENDING",
        );
        assert_eq!(external_key(&it2, now), other);
        let rec = from_item(&it2, ListSource::Mobile, Origin::External, other, None, now).unwrap();
        assert_eq!(
            (rec.line, rec.state),
            (Line::Mobile(Operator::Djezzy), OrderState::Pending)
        );
        // No ref: kept under its id. No operator anywhere: refused with a reason.
        let bare = item(None, "0461234567", "NOPE", "SUCCESS");
        assert_eq!(item_ref(&bare), "69016194e9e88196b4eb64ce");
        assert_eq!(
            state_of(&bare.status),
            OrderState::Sent,
            "unknown status: open"
        );
        let e = from_item(
            &bare,
            ListSource::Mobile,
            Origin::External,
            external_key(&bare, now),
            None,
            now,
        );
        assert!(
            e.unwrap_err()
                .in_lang(crate::i18n::Lang::En)
                .contains("operator")
        );
    }
}
