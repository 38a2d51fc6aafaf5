//! How an order is printed by the commands: one human line, or one JSON object.

use crate::orders::{OrderRecord, OrderState};
use serde_json::{Value, json};

pub(super) fn print_order(rec: &OrderRecord, as_json: bool) {
    if as_json {
        println!("{}", order_json(rec));
    } else {
        println!("{}", order_line(rec));
        if let Some(m) = rec.refund_message() {
            println!("    message: {}", clean(m));
        }
        for o in rec.suggested_offers() {
            println!(
                "    offer:   {} {} ({})",
                clean(&o.plan_code),
                o.amount,
                clean(&o.typename)
            );
        }
        if !rec.state.is_final()
            && let Some(e) = &rec.last_error
        {
            println!("    last error: {}", clean(e));
        }
    }
}

/// One human line: state, ref, phone, plan, amount, charge.
pub fn order_line(rec: &OrderRecord) -> String {
    let charged = match rec.net_charged() {
        Some(c) => format!("charged {c}"),
        None => "charge unknown".to_string(),
    };
    let mut line = format!(
        "{:<13} {}  {}  {}  {}  {charged}",
        rec.state.label(),
        rec.reference,
        rec.phone,
        clean(&rec.plan_code),
        rec.amount
    );
    if let OrderState::Refused { code, message } = &rec.state {
        line.push_str(&format!("  ({}: {})", clean(code), clean(message)));
    }
    if let Some(mark) = rec.origin.mark() {
        line.push_str(&format!("  [{mark}]"));
    }
    line
}

/// One order as a JSON object (`orders --json`, `send --json`). Server text is sanitized.
pub fn order_json(rec: &OrderRecord) -> Value {
    let api = rec.api.as_ref();
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
        "phone": rec.phone,
        "operator": rec.operator.name(),
        "plan_code": rec.plan_code,
        "plan_name": clean(&rec.plan_name),
        "plan_kind": rec.plan_kind.to_string(),
        "amount": rec.amount,
        "price": rec.price,
        "expected_cost": rec.expected_cost,
        "charged": rec.net_charged(),
        "status": rec.state.label(),
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
        "last_error": rec.last_error.as_deref().map(clean),
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
}
