//! The report's words, in one place for the report screen and `flexy-pos report`: message ids
//! of the catalogues (`assets/i18n/*.ftl`), worded in the language in force. The CSV and JSON
//! field names never change with the language: they are written where they are made.

use crate::i18n::MsgId;

/// The scope of the all-operators line in `report --csv` (data, not words: never translated).
pub const ALL_OPERATORS: &str = "All";

/// `2025-03-01` or `2025-03-01 – 2025-03-31`.
pub fn period(p: &super::Period) -> String {
    if p.is_one_day() {
        p.first.to_string()
    } else {
        format!("{} – {}", p.first, p.last)
    }
}

/// A margin rate as a percentage: `4.8 %`.
pub fn rate(r: f64) -> String {
    format!("{:.1} %", r * 100.0)
}

/// How a line's value is written from the totals.
pub type LineValue = fn(&super::Totals) -> String;

/// The report's lines, in the order the screen and `flexy-pos report` show them: a label and
/// how the value is written.
pub const LINES: [(MsgId, LineValue); 11] = [
    (MsgId::BooksOrders, |t| t.orders.to_string()),
    (MsgId::BooksFulfilled, |t| t.fulfilled.to_string()),
    (MsgId::BooksFace, |t| t.face_total.to_string()),
    (MsgId::BooksCollected, |t| t.collected_total.to_string()),
    (MsgId::BooksCost, |t| t.cost_total.to_string()),
    (MsgId::BooksMargin, |t| t.margin_total.to_string()),
    (MsgId::BooksMarginRate, |t| rate(t.margin_rate)),
    (MsgId::BooksToGiveBack, |t| {
        format!("{} · {}", t.refunded, t.refund_total)
    }),
    (MsgId::BooksAtRisk, |t| {
        format!("{} · {}", t.at_risk, t.at_risk_total)
    }),
    (MsgId::BooksInProgress, |t| t.in_progress.to_string()),
    (MsgId::BooksNothingCharged, |t| {
        format!("{} / {}", t.refused, t.not_sent)
    }),
];

/// The line of the orders made elsewhere on the account: shown only when there are some.
pub const EXTERNAL_LINE: (MsgId, LineValue) = (MsgId::BooksExternal, |t| {
    format!("{} · {}", t.external, t.external_total)
});

/// The line of the offers lookups (GETMENU): shown only when there are some.
pub const LOOKUPS_LINE: (MsgId, LineValue) = (MsgId::BooksLookups, |t| t.lookups.to_string());

/// The lines a report shows: [`LINES`], then [`EXTERNAL_LINE`] and [`LOOKUPS_LINE`] when the
/// period has such orders (kept apart: they are in none of the other lines).
pub fn lines(total: &super::Totals) -> Vec<(MsgId, LineValue)> {
    let mut out = LINES.to_vec();
    if total.external != 0 {
        out.push(EXTERNAL_LINE);
    }
    if total.lookups != 0 {
        out.push(LOOKUPS_LINE);
    }
    out
}
