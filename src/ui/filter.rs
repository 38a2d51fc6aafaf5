//! The history filter line: `phone:0661 ref:AB12 status:refunded day:2026-11-23`.
//!
//! Keys may be shortened (`p:`, `r:`, `s:`, `d:`); bare words are guessed (a date or
//! `today`/`yesterday` is a day, a status word is a status, digits are a phone, anything else
//! a ref). Mistakes get a message naming the bad word.

use super::msg::HistoryQuery;
use crate::i18n::{Message, MsgId};
use crate::orders::OrderState;
use chrono::{Days, NaiveDate};

/// Parses a filter line; `today` is the shop's current day (for `today`/`yesterday`).
pub fn parse_filter(line: &str, today: NaiveDate) -> Result<HistoryQuery, Message> {
    let mut q = HistoryQuery::default();
    for word in line.split_whitespace() {
        match word.split_once(':') {
            Some((key, value)) => {
                let value = value.trim();
                if value.is_empty() {
                    return Err(Message::new(MsgId::FilterNeedsValue).text("word", word));
                }
                match key.to_ascii_lowercase().as_str() {
                    "phone" | "p" | "tel" => q.phone = Some(parse_phone(value)?),
                    "ref" | "r" => q.reference = Some(value.to_string()),
                    "status" | "s" => q.status = Some(parse_status(value)?),
                    "day" | "d" | "date" => q.day = Some(parse_day(value, today)?),
                    _ => {
                        return Err(Message::new(MsgId::FilterUnknownKey).text("key", key));
                    }
                }
            }
            None => guess(&mut q, word, today)?,
        }
    }
    Ok(q)
}

fn guess(q: &mut HistoryQuery, word: &str, today: NaiveDate) -> Result<(), Message> {
    if let Ok(day) = parse_day(word, today) {
        q.day = Some(day);
    } else if let Some(code) = OrderState::code_for_label(word) {
        q.status = Some(code);
    } else if word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '+' || ('\u{0660}'..='\u{0669}').contains(&c))
    {
        q.phone = Some(parse_phone(word)?);
    } else {
        q.reference = Some(word.to_string());
    }
    Ok(())
}

/// Any part of the number: its start (`0661`), its last digits (`4567`), digits anywhere.
fn parse_phone(value: &str) -> Result<String, Message> {
    crate::rules::search_digits(value).map_err(|e| {
        Message::new(MsgId::FilterBadPhone)
            .text("value", value)
            .msg_of("error", e.message())
    })
}

fn parse_status(value: &str) -> Result<u8, Message> {
    OrderState::code_for_label(value)
        .ok_or_else(|| Message::new(MsgId::FilterBadStatus).text("value", value))
}

fn parse_day(value: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    match value.to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => today
            .checked_sub_days(Days::new(1))
            .ok_or_else(|| Message::new(MsgId::FilterNoYesterday)),
        v => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| Message::new(MsgId::FilterBadDay).text("value", value)),
    }
}

/// The filter as a line that parses back to the same query.
pub fn format_filter(q: &HistoryQuery) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &q.phone {
        parts.push(format!("phone:{p}"));
    }
    if let Some(r) = &q.reference {
        parts.push(format!("ref:{r}"));
    }
    if let Some(s) = q.status {
        parts.push(format!("status:{}", status_word(s)));
    }
    if let Some(d) = q.day {
        parts.push(format!("day:{}", d.format("%Y-%m-%d")));
    }
    parts.join(" ")
}

/// The filter word for a status code.
pub fn status_word(code: u8) -> &'static str {
    match code {
        1 => "saved",
        2 => "sent",
        3 => "pending",
        4 => "handling",
        5 => "fulfilled",
        6 => "refunded",
        7 => "unknown_error",
        8 => "refused",
        9 => "unconfirmed",
        10 => "not_sent",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_every_key_and_round_trips() {
        let today = day("2026-11-23");
        let q = parse_filter("phone:0661 status:refunded day:2026-11-20 ref:AB12", today).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(6));
        assert_eq!(q.day, Some(day("2026-11-20")));
        assert_eq!(q.reference.as_deref(), Some("AB12"));
        assert_eq!(parse_filter(&format_filter(&q), today), Ok(q));
        assert_eq!(parse_filter("  ", today), Ok(HistoryQuery::default()));
    }

    #[test]
    fn bare_words_are_guessed() {
        let today = day("2026-11-23");
        let q = parse_filter("0661 unknown yesterday", today).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(7));
        assert_eq!(q.day, Some(day("2026-11-22")));
        let q = parse_filter("+213661", today).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        let q = parse_filter("٠٦٦١ today FX-991", today).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.day, Some(today));
        assert_eq!(q.reference.as_deref(), Some("FX-991"));
    }

    #[test]
    fn mistakes_name_the_bad_word() {
        let today = day("2026-11-23");
        let e = parse_filter("status:lost", today)
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("unknown status 'lost'"), "{e}");
        let e = parse_filter("day:23/11/2026", today)
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        let e = parse_filter("colour:red", today)
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("unknown filter 'colour:'"), "{e}");
        let e = parse_filter("phone:0461", today)
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("prefix 04"), "{e}");
        let e = parse_filter("phone:", today)
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("needs a value"), "{e}");
    }
}
