//! The history filter line: `phone:0661 ref:AB12 status:refunded day:2026-11-23`.
//!
//! Keys may be shortened (`p:`, `r:`, `s:`, `d:`); bare words are guessed (a date or
//! `today`/`yesterday` is a day, a status word is a status, digits are a phone, anything else
//! a ref). Mistakes get a message naming the bad word.

use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::{OrderQuery, Status};
use crate::rules::ShopClock;
use chrono::{DateTime, Utc};

/// What a filter word sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Phone,
    Ref,
    Status,
    Day,
}

impl Field {
    const ALL: [Field; 4] = [Field::Phone, Field::Ref, Field::Status, Field::Day];

    /// The words of this key in the catalogues (`tél`, `statut`, `حالة`…), the first shown.
    fn words(self) -> MsgId {
        match self {
            Field::Phone => MsgId::FilterKeyPhone,
            Field::Ref => MsgId::FilterKeyRef,
            Field::Status => MsgId::FilterKeyStatus,
            Field::Day => MsgId::FilterKeyDay,
        }
    }

    /// The key typed, in any of the till's languages, in any case.
    fn from_typed(key: &str) -> Option<Field> {
        let key = key.to_lowercase();
        Field::ALL.into_iter().find(|f| {
            Lang::ALL
                .iter()
                .any(|&l| l.t(f.words()).split_whitespace().any(|w| w == key))
        })
    }

    /// The key as the filter line shows it in `lang`.
    fn word(self, lang: Lang) -> &'static str {
        lang.t(self.words()).split_whitespace().next().unwrap_or("")
    }
}

/// A word that is only digits (a group of a number written `0661 23 45 67`).
fn is_digit_group(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_digit()
                || ('\u{0660}'..='\u{0669}').contains(&c)
                || ('\u{06F0}'..='\u{06F9}').contains(&c)
        })
}

/// Whether a bare word reads as (the start of) a number.
fn starts_like_a_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || c == '+'
            || ('\u{0660}'..='\u{0669}').contains(&c)
            || ('\u{06F0}'..='\u{06F9}').contains(&c)
    })
}

/// Parses a filter line on the shop's clock (`now` gives `today` and `yesterday`). Keys and
/// words are read in any of the till's languages; a number may be written in groups
/// (`0661 23 45 67`): the groups of digits after it are part of it.
pub fn parse_filter(
    line: &str,
    clock: ShopClock,
    now: DateTime<Utc>,
) -> Result<OrderQuery, Message> {
    let mut q = OrderQuery::on(clock);
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut i = 0;
    while let Some(&word) = words.get(i) {
        i += 1;
        // The number's further groups of digits, joined to it as typed.
        let with_groups = |first: &str, i: &mut usize| {
            let mut number = first.to_string();
            while let Some(next) = words.get(*i).filter(|w| is_digit_group(w)) {
                number.push(' ');
                number.push_str(next);
                *i += 1;
            }
            number
        };
        match word.split_once(':') {
            Some((key, value)) => {
                let value = value.trim();
                if value.is_empty() {
                    return Err(Message::new(MsgId::FilterNeedsValue).text("word", word));
                }
                let set = match Field::from_typed(key) {
                    Some(Field::Phone) => q.set_phone(&with_groups(value, &mut i)),
                    Some(Field::Ref) => {
                        q.reference = Some(value.to_string());
                        Ok(())
                    }
                    Some(Field::Status) => q.set_status(value),
                    Some(Field::Day) => q.set_day(value, now),
                    None => {
                        return Err(Message::new(MsgId::FilterUnknownKey).text("key", key));
                    }
                };
                set.map_err(|e| e.message())?;
            }
            None if q.set_day(word, now).is_ok() || q.set_status(word).is_ok() => {}
            None if starts_like_a_number(word) => {
                q.set_phone(&with_groups(word, &mut i))
                    .map_err(|e| e.message())?;
            }
            None => q.reference = Some(word.to_string()),
        }
    }
    Ok(q)
}

/// The filter as a line in the clerk's language (`statut:remboursé`) that parses back to the
/// same query (in any language).
pub fn format_filter(q: &OrderQuery, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(p) = q.phone() {
        parts.push(format!("{}:{p}", Field::Phone.word(lang)));
    }
    if let Some(r) = q.reference() {
        parts.push(format!("{}:{r}", Field::Ref.word(lang)));
    }
    if let Some(s) = q.status {
        parts.push(format!(
            "{}:{}",
            Field::Status.word(lang),
            status_word(s, lang)
        ));
    }
    if let Some(d) = q.day {
        parts.push(format!(
            "{}:{}",
            Field::Day.word(lang),
            d.format("%d/%m/%Y")
        ));
    }
    parts.join(" ")
}

/// The filter word for a status in `lang` (`remboursé`, `not_sent`): its word on screen, in
/// one piece.
pub fn status_word(s: Status, lang: Lang) -> String {
    lang.t(s.word()).to_lowercase().replace(' ', "_")
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
        for lang in Lang::ALL {
            assert_eq!(parse(&format_filter(&q, lang)), Ok(q.clone()), "{lang}");
        }
        assert_eq!(parse("  "), Ok(OrderQuery::default()));
    }

    /// A number written in groups is one number, not its last group.
    #[test]
    fn a_number_in_groups_is_one_number() {
        let q = parse("0661 23 45 67").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661234567"));
        let q = parse("0600 00 00 01").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0600000001"));
        let q = parse("phone:0661 23 45 67 remboursé").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661234567"));
        assert_eq!(q.status, Some(Status::Refunded));
        let q = parse("٠٦٦١ ٢٣ ٤٥ ٦٧").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661234567"));
        let q = parse("0999999").unwrap();
        assert_eq!(q.phone.as_deref(), Some("0999999"));
        assert!(parse("09").is_ok());
    }

    /// The keys and words in the clerk's language, and the line shown in it.
    #[test]
    fn keys_and_words_in_every_language() {
        let today = day("2026-11-23");
        let q = parse("statut:remboursé jour:hier tél:0661 réf:AB").unwrap();
        assert_eq!(q.status, Some(Status::Refunded));
        assert_eq!(q.day, Some(day("2026-11-22")));
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.reference.as_deref(), Some("AB"));
        let q = parse("حالة:مسترجع يوم:اليوم رقم:0661").unwrap();
        assert_eq!(q.status, Some(Status::Refunded));
        assert_eq!(q.day, Some(today));
        assert_eq!(q.phone.as_deref(), Some("0661"));
        let q = parse("STATUT:REMBOURSÉ").unwrap();
        assert_eq!(q.status, Some(Status::Refunded));
        let shown = format_filter(&q, Lang::Fr);
        assert_eq!(
            shown,
            format!("statut:{}", Lang::Fr.t(MsgId::StateRefunded).to_lowercase())
        );
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
