//! How an order is printed by the commands: one human line, or one JSON object.

use crate::i18n::{Lang, Message, MsgId};
use crate::orders::{OrderRecord, OrderState};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

/// One order on stdout: a JSON object (never translated), or human lines in `lang`.
pub(super) fn print_order(rec: &OrderRecord, as_json: bool, lang: Lang) {
    if as_json {
        println!("{}", order_json(rec));
        return;
    }
    println!("{}", order_line(rec, lang));
    let sub = |id: MsgId, text: String| println!("    {} {text}", lang.label(id));
    sub(MsgId::CliAdvice, lang.t(rec.advice()).to_string());
    if let Some((code, trans, date)) = rec.internet_proof() {
        sub(MsgId::ProofCardCode, clean(code));
        sub(MsgId::ProofNumTrans, clean(trans));
        sub(MsgId::ProofDate, clean(date));
    }
    if let Some(m) = rec.refund_message() {
        sub(MsgId::CliMessage, clean(m));
    }
    for o in rec.suggested_offers() {
        sub(
            MsgId::CliOffer,
            format!(
                "{} {} ({})",
                clean(&o.plan_code),
                o.amount,
                clean(&o.typename)
            ),
        );
    }
    if !rec.state.is_final()
        && let Some(e) = &rec.last_error
    {
        sub(MsgId::CliLastError, clean(&lang.f(&e.message())));
    }
}

/// One human line in `lang`: state, ref, phone, plan, amount, charge.
pub fn order_line(rec: &OrderRecord, lang: Lang) -> String {
    let charged = match rec.net_charged() {
        Some(c) => lang.f(&Message::new(MsgId::CliCharged).text("amount", c)),
        None => lang.t(MsgId::CliChargeUnknown).to_string(),
    };
    let word = lang.t(rec.word());
    let pad = " ".repeat(13usize.saturating_sub(word.width()));
    let mut line = format!(
        "{word}{pad} {}  {}  {}  {}  {charged}",
        rec.reference,
        rec.phone,
        clean(&rec.plan_code),
        rec.amount
    );
    if let OrderState::Refused { code, message } = &rec.state {
        line.push_str(&format!("  ({}: {})", clean(code), clean(message)));
    }
    if let Some(mark) = rec.origin.mark_word() {
        line.push_str(&format!("  [{}]", lang.t(mark)));
    }
    line
}

/// One order as a JSON object (`orders --json`, `send --json`, `internet send --json`):
/// `product` (`mobile`, `adsl`, `4g`), `number` (the line topped up; `phone` says the same),
/// and for a FULFILLED internet top-up its proof, `card_code`, `num_trans`, `date_traitement`.
/// Server text is sanitized.
pub fn order_json(rec: &OrderRecord) -> Value {
    let api = rec.api.as_ref();
    let proof = rec.internet_proof();
    let (refused_code, refused_message) = match &rec.state {
        OrderState::Refused { code, message } => (Some(clean(code)), Some(clean(message))),
        _ => (None, None),
    };
    let offers: Vec<Value> = rec
        .suggested_offers()
        .iter()
        .map(|o| json!({"typename": clean(&o.typename), "plan_code": clean(&o.plan_code), "amount": o.amount}))
        .collect();
    json!({
        "ref": rec.reference,
        "topup_id": rec.topup_id.as_deref().map(clean),
        "product": rec.product().label(),
        "number": rec.phone,
        "phone": rec.phone,
        "operator": rec.line.name(),
        "card_code": proof.map(|(c, _, _)| clean(c)),
        "num_trans": proof.map(|(_, t, _)| clean(t)).filter(|t| !t.is_empty()),
        "date_traitement": proof.map(|(_, _, d)| clean(d)).filter(|d| !d.is_empty()),
        "plan_code": rec.plan_code,
        "plan_name": clean(&rec.plan_name),
        "plan_kind": rec.plan_kind.to_string(),
        "amount": rec.amount,
        "price": rec.price,
        "expected_cost": rec.expected_cost,
        "charged": rec.net_charged(),
        "status": rec.state.label(),
        // An offers lookup (GETMENU) is never a sale, whatever its status.
        "lookup": crate::ledger::tally::is_lookup(rec),
        "final": rec.state.is_final(),
        "api_status": api.map(|a| clean(a.status.as_str())),
        "topup_amount": api.and_then(|a| a.topup_amount),
        "balance_amount": api.and_then(|a| a.balance_amount),
        "refund_message": rec.refund_message().map(clean),
        "suggested_offers": offers,
        "refused_code": refused_code,
        "refused_message": refused_message,
        "created_at": rec.created_at.to_rfc3339(),
        "updated_at": rec.updated_at.to_rfc3339(),
        "send_attempts": rec.send_attempts,
        "checks": rec.checks,
        "last_error": rec.last_error.as_ref().map(|e| clean(&e.english())),
        "origin": rec.origin.mark().unwrap_or("till"),
    })
}

/// Server text made safe for a one-line terminal field (escape sequences, controls and bidi
/// controls removed, line breaks folded).
pub fn clean(s: &str) -> String {
    crate::text::sanitize_line(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_escapes_and_overrides_but_keeps_arabic() {
        let s = "\u{1b}[31mhi\u{202E}تم\u{9b}2J\nok";
        assert_eq!(clean(s), "hiتم ok");
    }

    #[test]
    fn refunded_order_shows_nothing_charged_whatever_the_api_held() {
        use crate::api::types::{TopupInfo, TopupStatus};
        use crate::money::Dzd;
        use crate::testkit::{OrderBuilder, topup};
        use chrono::{TimeZone, Utc};
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let held = Dzd::from_dinars(1234);
        let rec = OrderBuilder::new(at, 1)
            .state(OrderState::Refunded)
            .api(TopupInfo {
                balance_amount: Some(held),
                ..topup("T1", TopupStatus::Refunded)
            })
            .build();
        let v = order_json(&rec);
        assert_eq!(v["status"], json!(rec.state.label()));
        assert_eq!(v["charged"], json!(0), "refunded: the balance is not out");
        assert_eq!(
            v["balance_amount"],
            json!(1234),
            "the API's own figure is still shown as it said"
        );
    }
}
