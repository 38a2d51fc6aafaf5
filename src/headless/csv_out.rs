//! CSV for spreadsheets (`orders --csv`, `report --csv`): RFC 4180 through the `csv` crate, a
//! header row, UTF-8 (Arabic kept as it is). The cells come from the same JSON objects as
//! `--json`, so both always carry the same values. Text is sanitized (no escape sequences or
//! controls), and a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
//! CR at its start) gets a leading `'`, which spreadsheets show as text.

use serde_json::Value;
use std::io::Write;

/// The columns of `orders --csv`, keys of [`super::order_json`].
pub const ORDER_COLUMNS: &[&str] = &[
    "ref",
    "created_at",
    "status",
    "phone",
    "operator",
    "plan_code",
    "plan_name",
    "amount",
    "price",
    "charged",
    "topup_id",
    "refund_message",
    "refused_code",
    "refused_message",
    "last_error",
    "origin",
    "product",
    "card_code",
    "num_trans",
    "date_traitement",
];

/// A text cell made safe: sanitized to one line, and neutralised if it looks like a formula.
pub fn csv_text(s: &str) -> String {
    let clean: String = crate::text::sanitize_line(s);
    let looks_like_formula = clean
        .trim_start_matches(' ')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if looks_like_formula {
        format!("'{clean}")
    } else {
        clean
    }
}

/// One JSON value as a cell: numbers as written (`496.25`), text made safe, null empty.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => csv_text(s),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => csv_text(&other.to_string()),
    }
}

/// Writes a header row of `columns`, then one row per object (the values of those keys).
pub fn write_rows<'a>(
    out: impl Write,
    columns: &[&str],
    rows: impl IntoIterator<Item = &'a Value>,
) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(columns)?;
    for row in rows {
        w.write_record(columns.iter().map(|c| cell(row.get(*c))))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("  +1"), "'  +1");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(
            csv_text("\u{1b}[31m=1"),
            "'=1",
            "escapes go before the check"
        );
        assert_eq!(csv_text("تم استرجاع المبلغ"), "تم استرجاع المبلغ");
        let mut out = Vec::new();
        let rows = [json!({"a": -150, "b": "x,\"y\"", "c": null})];
        write_rows(&mut out, &["a", "b", "c"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c\r\n-150,\"x,\"\"y\"\"\",\r\n"
        );
    }
}
