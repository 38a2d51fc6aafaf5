//! The report's words (one place, for the report screen, `flexy-pos report` and its CSV header;
//! the language work translates them here).

pub const TITLE: &str = "Books";
pub const ALL_OPERATORS: &str = "All";
pub const ORDERS: &str = "Orders";
pub const FULFILLED: &str = "Fulfilled";
pub const FACE: &str = "Face value";
pub const COLLECTED: &str = "Cash to collect";
pub const COST: &str = "Cost (charged)";
pub const MARGIN: &str = "Margin";
pub const MARGIN_RATE: &str = "Margin rate";
pub const TO_GIVE_BACK: &str = "To give back (REFUNDED)";
pub const AT_RISK: &str = "At risk: don't refund/resend";
pub const IN_PROGRESS: &str = "In progress";
pub const NOTHING_CHARGED: &str = "Refused/not sent: no charge";
pub const REFUNDS_HEADING: &str = "Give the money back";
pub const NO_REFUNDS: &str = "Nothing to give back.";
pub const MORE_REFUNDS: &str = "more refunds, not listed";
pub const BY_HOUR: &str = "Sales by hour";
pub const LAST_30_DAYS: &str = "Last 30 days";
pub const SHARES: &str = "Operators' shares";
pub const NO_ORDERS: &str = "No orders in this period.";
pub const TODAY: &str = "today";
pub const LOADING: &str = "loading…";
pub const DAYS_FROM: &str = "days from";
pub const TYPE_PERIOD: &str = "a day, or two days for a range";

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
pub const LINES: [(&str, LineValue); 11] = [
    (ORDERS, |t| t.orders.to_string()),
    (FULFILLED, |t| t.fulfilled.to_string()),
    (FACE, |t| t.face_total.to_string()),
    (COLLECTED, |t| t.collected_total.to_string()),
    (COST, |t| t.cost_total.to_string()),
    (MARGIN, |t| t.margin_total.to_string()),
    (MARGIN_RATE, |t| rate(t.margin_rate)),
    (TO_GIVE_BACK, |t| {
        format!("{} · {}", t.refunded, t.refund_total)
    }),
    (AT_RISK, |t| format!("{} · {}", t.at_risk, t.at_risk_total)),
    (IN_PROGRESS, |t| t.in_progress.to_string()),
    (NOTHING_CHARGED, |t| {
        format!("{} / {}", t.refused, t.not_sent)
    }),
];
