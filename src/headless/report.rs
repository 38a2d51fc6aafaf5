//! `flexy-pos report`: the books of a shop day or a range, as text, one JSON object or CSV.

use super::csv_out;
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, fail};
use crate::books::{self, Period, Report, Totals, words};
use crate::cli::ReportArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::rules::ShopClock;
use crate::store::Store;
use crate::till_channel::{Answer, Ask, Link, LinkError};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::Write;

/// The columns of `report --csv`: the scope, the period, then every total.
const CSV_COLUMNS: &[&str] = &[
    "operator",
    "from",
    "to",
    "orders",
    "fulfilled",
    "face_total",
    "collected_total",
    "cost_total",
    "margin_total",
    "margin_rate",
    "refunded",
    "refund_total",
    "at_risk",
    "at_risk_total",
    "in_progress",
    "refused",
    "not_sent",
    "external",
    "external_total",
    "lookups",
];

pub fn run(
    store: &Store,
    clock: &ShopClock,
    now: DateTime<Utc>,
    args: &ReportArgs,
    lang: Lang,
) -> u8 {
    let period = match period_of(args, clock, now) {
        Ok(p) => p,
        Err(e) => return fail(EXIT_INVALID, &lang.f(&e)),
    };
    print_report(fetch_report(store, clock, period), clock, args, lang)
}

/// `flexy-pos report` answered by the till holding the store.
pub(super) async fn from_till(
    link: Link,
    clock: &ShopClock,
    now: DateTime<Utc>,
    args: &ReportArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let period = match period_of(args, clock, now) {
        Ok(p) => p,
        Err(e) => return Ok(fail(EXIT_INVALID, &lang.f(&e))),
    };
    let r = match link.ask(Ask::Report { period }).await? {
        Answer::Report(r) => Ok(*r),
        Answer::Failed(m) => Err(m),
        other => return Err(LinkError::Garbled(format!("{other:?}"))),
    };
    Ok(print_report(r, clock, args, lang))
}

/// The books of `period` from a store (the command's own, or the till's).
pub fn fetch_report(store: &Store, clock: &ShopClock, period: Period) -> Result<Report, Message> {
    books::report(store, clock, period)
        .map_err(|e| Message::new(MsgId::BooksFailed).msg_of("error", e.message()))
}

/// Prints the report (or why there is none) and gives the exit code.
fn print_report(
    r: Result<Report, Message>,
    clock: &ShopClock,
    args: &ReportArgs,
    lang: Lang,
) -> u8 {
    let r = match r {
        Ok(r) => r,
        Err(m) => return fail(EXIT_ERROR, &lang.f(&m)),
    };
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        writeln!(out, "{}", report_json(&r, clock)).map_err(|e| e.to_string())
    } else if args.csv {
        csv_out::write_rows(&mut out, CSV_COLUMNS, &csv_lines(&r)).map_err(|e| e.to_string())
    } else {
        write!(out, "{}", report_text(&r, clock, lang)).map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => EXIT_OK,
        // A reader that stopped early (`| head`) is not an error of the report.
        Err(e) if e.contains("Broken pipe") => EXIT_OK,
        Err(e) => {
            let m = Message::new(MsgId::BooksWriteFailed).text("error", e);
            fail(EXIT_ERROR, &lang.f(&m))
        }
    }
}

/// `--day`, `--from`/`--to`, or today.
pub fn period_of(
    args: &ReportArgs,
    clock: &ShopClock,
    now: DateTime<Utc>,
) -> Result<Period, Message> {
    let day = |w: &str| crate::rules::parse_day(w, clock, now).map_err(|e| e.message());
    match (&args.day, &args.from, &args.to) {
        (Some(d), _, _) => Ok(Period::day(day(d)?)),
        (None, Some(f), to) => {
            let first = day(f)?;
            let last = match to {
                Some(t) => day(t)?,
                None => clock.day_of(now),
            };
            Period::new(first, last).ok_or_else(|| {
                Message::new(MsgId::BooksToBeforeFrom)
                    .text("first", first)
                    .text("last", last)
            })
        }
        (None, None, Some(_)) => Err(Message::new(MsgId::BooksToNeedsFrom)),
        (None, None, None) => Ok(Period::day(clock.day_of(now))),
    }
}

fn totals_json(t: &Totals) -> serde_json::Map<String, Value> {
    match serde_json::to_value(t) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// The report as one JSON object: the period, the totals, `by_operator` (one object per
/// line: the mobile operators and `Idoom ADSL`, `Idoom 4G`, each with its `product`),
/// `by_product` (`mobile`, `adsl`, `4g`), the refunds.
pub fn report_json(r: &Report, clock: &ShopClock) -> Value {
    let mut out = serde_json::Map::new();
    out.insert("from".into(), json!(r.period.first.to_string()));
    out.insert("to".into(), json!(r.period.last.to_string()));
    out.insert("starts_at".into(), json!(r.span.start.to_rfc3339()));
    out.insert("ends_at".into(), json!(r.span.end.to_rfc3339()));
    out.extend(totals_json(&r.total));
    let ops: Vec<Value> = r
        .by_line
        .iter()
        .map(|(line, t)| {
            let mut m = serde_json::Map::new();
            m.insert("operator".into(), json!(line.name()));
            m.insert("product".into(), json!(line.product().label()));
            m.extend(totals_json(t));
            Value::Object(m)
        })
        .collect();
    out.insert("by_operator".into(), Value::Array(ops));
    let products: Vec<Value> = r
        .by_product
        .iter()
        .map(|(product, t)| {
            let mut m = serde_json::Map::new();
            m.insert("product".into(), json!(product.label()));
            m.extend(totals_json(t));
            Value::Object(m)
        })
        .collect();
    out.insert("by_product".into(), Value::Array(products));
    let refunds: Vec<Value> = r
        .refunds
        .iter()
        .map(|f| {
            json!({
                "ref": f.reference,
                "phone": f.phone,
                "operator": f.line.name(),
                "product": f.line.product().label(),
                "created_at": f.at.to_rfc3339(),
                "local_time": clock.local(f.at).format("%Y-%m-%d %H:%M").to_string(),
                "price": f.price,
                "amount": f.amount,
            })
        })
        .collect();
    out.insert("refunds".into(), Value::Array(refunds));
    out.insert("refunds_unlisted".into(), json!(r.refunds_unlisted));
    Value::Object(out)
}

/// One CSV line per operator, then the total (`operator` = `All`).
fn csv_lines(r: &Report) -> Vec<Value> {
    let line = |scope: &str, t: &Totals| {
        let mut m = totals_json(t);
        m.insert("operator".into(), json!(scope));
        m.insert("from".into(), json!(r.period.first.to_string()));
        m.insert("to".into(), json!(r.period.last.to_string()));
        Value::Object(m)
    };
    let mut lines: Vec<Value> = r.by_line.iter().map(|(l, t)| line(l.name(), t)).collect();
    lines.push(line(words::ALL_OPERATORS, &r.total));
    lines
}

/// The report for a person, in `lang`: a table of the lines (all, then each operator), then
/// the refunds.
pub fn report_text(r: &Report, clock: &ShopClock, lang: Lang) -> String {
    let days = Message::new(MsgId::BooksDaysFrom).text("time", clock.day_start().format("%H:%M"));
    let head = Message::new(MsgId::BooksHeader)
        .msg("title", MsgId::BooksTitle)
        .text("period", words::period(&r.period))
        .msg_of("days", days);
    let mut out = format!("{}\n", lang.f(&head));
    if r.total.orders == 0 {
        out.push_str(lang.t(MsgId::BooksNoOrders));
        out.push('\n');
        return out;
    }
    let mut columns = vec![(lang.t(MsgId::BooksAllOperators).to_string(), r.total)];
    columns.extend(
        r.by_line
            .iter()
            .map(|(line, t)| (line.name().to_string(), *t)),
    );
    // Labels padded by display width (Arabic and accented letters are one column each).
    let pad = |s: &str, w: usize| {
        let n = unicode_width::UnicodeWidthStr::width(s);
        format!("{s}{}", " ".repeat(w.saturating_sub(n)))
    };
    let lines = words::lines(&r.total);
    let label_w = lines
        .iter()
        .map(|(id, _)| unicode_width::UnicodeWidthStr::width(lang.t(*id)))
        .max()
        .unwrap_or(0)
        .max(38);
    out.push_str(&pad("", label_w));
    for (name, _) in &columns {
        out.push_str(&format!("{name:>18}"));
    }
    out.push('\n');
    for (label, value) in lines {
        out.push_str(&pad(lang.t(label), label_w));
        for (_, t) in &columns {
            out.push_str(&format!("{:>18}", value(t)));
        }
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", lang.t(MsgId::BooksRefundsHeading)));
    if r.refunds.is_empty() {
        out.push_str(&format!("  {}\n", lang.t(MsgId::BooksNoRefunds)));
    }
    for f in &r.refunds {
        out.push_str(&format!(
            "  {}  {:<12}  {:<10} {:>10}  {}\n",
            clock.local(f.at).format(lang.dates().day_minute),
            f.phone,
            f.line.name(),
            f.price.to_string(),
            f.reference
        ));
    }
    if r.refunds_unlisted > 0 {
        let m = Message::new(MsgId::BooksMoreRefunds).num("n", r.refunds_unlisted);
        out.push_str(&format!("  {}\n", lang.f(&m)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn args(day: Option<&str>, from: Option<&str>, to: Option<&str>) -> ReportArgs {
        ReportArgs {
            day: day.map(Into::into),
            from: from.map(Into::into),
            to: to.map(Into::into),
            json: false,
            csv: false,
            print: false,
            printer: None,
        }
    }

    #[test]
    fn periods_from_the_command_line() {
        let c = ShopClock::algeria();
        let now = Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).unwrap();
        let d = |day| NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
        assert_eq!(
            period_of(&args(None, None, None), &c, now),
            Ok(Period::day(d(10)))
        );
        assert_eq!(
            period_of(&args(Some("yesterday"), None, None), &c, now),
            Ok(Period::day(d(9)))
        );
        assert_eq!(
            period_of(&args(None, Some("2025-03-01"), None), &c, now),
            Ok(Period::new(d(1), d(10)).unwrap())
        );
        assert!(
            period_of(&args(None, Some("today"), Some("2025-03-01")), &c, now)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("before")
        );
        assert!(period_of(&args(Some("2025-02-30"), None, None), &c, now).is_err());
    }
}
