//! The history filter line: `phone:0661 ref:AB12 status:refunded day:2026-11-23`.
//!
//! Keys may be shortened (`p:`, `r:`, `s:`, `d:`); bare words are guessed (a date or
//! `today`/`yesterday` is a day, a status word is a status, digits are a phone, anything else
//! a ref). Mistakes get a message naming the bad word.

use crate::i18n::{Message, MsgId};
use crate::ledger::{OrderQuery, Status};
use crate::rules::ShopClock;
use chrono::{DateTime, Utc};

/// Parses a filter line on the shop's clock (`now` gives `today` and `yesterday`).
pub fn parse_filter(
    line: &str,
    clock: ShopClock,
    now: DateTime<Utc>,
) -> Result<OrderQuery, Message> {
    let mut q = OrderQuery::on(clock);
    for word in line.split_whitespace() {
        match word.split_once(':') {
            Some((key, value)) => {
                let value = value.trim();
                if value.is_empty() {
                    return Err(Message::new(MsgId::FilterNeedsValue).text("word", word));
                }
                let set = match key.to_lowercase().as_str() {
                    "phone" | "p" | "tel" => q.set_phone(value),
                    "ref" | "r" => {
                        q.reference = Some(value.to_string());
                        Ok(())
                    }
                    "status" | "s" => q.set_status(value),
                    "day" | "d" | "date" => q.set_day(value, now),
                    _ => {
                        return Err(Message::new(MsgId::FilterUnknownKey).text("key", key));
                    }
                };
                set.map_err(|e| e.message())?;
            }
            None => guess(&mut q, word, now)?,
        }
    }
    Ok(q)
}

/// A bare word: a day, a status, digits of a number, or else a ref.
fn guess(q: &mut OrderQuery, word: &str, now: DateTime<Utc>) -> Result<(), Message> {
    if q.set_day(word, now).is_ok() || q.set_status(word).is_ok() {
        return Ok(());
    }
    let starts_like_a_number = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '+' || ('\u{0660}'..='\u{0669}').contains(&c));
    if starts_like_a_number {
        q.set_phone(word).map_err(|e| e.message())
    } else {
        q.reference = Some(word.to_string());
        Ok(())
    }
}

/// The filter as a line that parses back to the same query.
pub fn format_filter(q: &OrderQuery) -> String {
    let mut parts = Vec::new();
    if let Some(p) = q.phone() {
        parts.push(format!("phone:{p}"));
    }
    if let Some(r) = q.reference() {
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

/// The filter word for a status (`not_sent`).
pub fn status_word(s: Status) -> String {
    s.label().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::{NaiveDate, TimeZone};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Noon on 2026-11-23, on UTC days.
    fn parse(line: &str) -> Result<OrderQuery, Message> {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        parse_filter(line, ShopClock::default(), now)
    }

    #[test]
    fn parses_every_key_and_round_trips() {
        let q = parse("phone:0661 status:refunded day:2026-11-20 ref:AB12").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(Status::Refunded));
        assert_eq!(q.day, Some(day("2026-11-20")));
        assert_eq!(q.reference.as_deref(), Some("AB12"));
        assert_eq!(parse(&format_filter(&q)), Ok(q));
        assert_eq!(parse("  "), Ok(OrderQuery::default()));
    }

    #[test]
    fn bare_words_are_guessed() {
        let today = day("2026-11-23");
        let q = parse("0661 unknown yesterday").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(Status::UnknownError));
        assert_eq!(q.day, Some(day("2026-11-22")));
        let q = parse("+213661").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        let q = parse("٠٦٦١ today FX-991").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.day, Some(today));
        assert_eq!(q.reference.as_deref(), Some("FX-991"));
        let q = parse("remboursé hier").unwrap();
        assert_eq!(q.status, Some(Status::Refunded));
        assert_eq!(q.day, Some(day("2026-11-22")));
        let q = parse("status:مسترجع day:23/11/2026").unwrap();
        assert_eq!(q.status, Some(Status::Refunded));
        assert_eq!(q.day, Some(today));
    }

    #[test]
    fn mistakes_name_the_bad_word() {
        let e = parse("status:lost")
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("unknown status 'lost'"), "{e}");
        let e = parse("day:23.11.2026")
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        let e = parse("colour:red")
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("unknown filter 'colour:'"), "{e}");
        // 0461… is no mobile start but may be an Idoom ADSL line's: a start longer than any
        // line is what is refused.
        assert!(parse("phone:0461").is_ok());
        let e = parse("phone:04612345678")
            .unwrap_err()
            .in_lang(crate::i18n::Lang::En);
        assert!(e.contains("too many digits"), "{e}");
        let e = parse("phone:").unwrap_err().in_lang(crate::i18n::Lang::En);
        assert!(e.contains("needs a value"), "{e}");
    }
}
