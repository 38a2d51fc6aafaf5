//! Phone numbers as counter staff type or paste them, turned into the API's `0XXXXXXXXX`.
//!
//! Accepted: digits (Latin, Arabic-Indic ٠–٩, Extended Arabic-Indic ۰–۹), spaces, dashes, dots,
//! and a `+213` / `00213` country prefix. Anything else is refused with a reason, never dropped.

use super::operator::Operator;
use std::fmt;

/// `0600000001`: the sandbox ends it REFUNDED with a `refund_message` (§8).
pub const SANDBOX_REFUND_NUMBER: &str = "0600000001";
/// `0600000002`: REFUNDED with a `refund_message` and `suggested_offers`.
pub const SANDBOX_REFUND_WITH_OFFERS_NUMBER: &str = "0600000002";
/// `0600000003`: UNKNOWN_ERROR, to exercise the later re-check.
pub const SANDBOX_UNKNOWN_ERROR_NUMBER: &str = "0600000003";

/// Whether a national number (`0XXXXXXXXX`) is one of the sandbox's special test numbers. The
/// sandbox accepts them with any operator's plan (§12: the docs' example sends 0600000002 with
/// a Djezzy plan), so the till does not refuse that pairing either; the production API decides
/// for itself (a refusal charges nothing).
pub fn is_sandbox_test_number(national: &str) -> bool {
    [
        SANDBOX_REFUND_NUMBER,
        SANDBOX_REFUND_WITH_OFFERS_NUMBER,
        SANDBOX_UNKNOWN_ERROR_NUMBER,
    ]
    .contains(&national)
}

/// A complete, valid national mobile number (`^0[567][0-9]{8}$`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

impl Phone {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn operator(&self) -> Operator {
        // Invariant: built only by `parse`, which checked the prefix.
        Operator::from_prefix(self.0.chars().nth(1).unwrap_or('0')).unwrap_or(Operator::Mobilis)
    }

    /// A complete number from any accepted spelling.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        match check(input) {
            PhoneCheck::Complete(p) => Ok(p),
            PhoneCheck::Partial { digits, .. } => Err(PhoneError::TooShort(digits.len())),
            PhoneCheck::Empty => Err(PhoneError::TooShort(0)),
            PhoneCheck::Invalid(e) => Err(e),
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a number is not acceptable, worded for the person at the till.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("'{0}' is not allowed in a phone number")]
    BadCharacter(char),
    #[error("a mobile number starts with 0")]
    NoLeadingZero,
    #[error("no operator uses the prefix {0} (05 Ooredoo, 06 Mobilis, 07 Djezzy)")]
    UnknownPrefix(String),
    #[error("too many digits: a mobile number has 10")]
    TooLong,
    #[error("{0} of 10 digits")]
    TooShort(usize),
    /// A search by number with no digit in it.
    #[error("type at least the first digit")]
    NoDigits,
}

impl PhoneError {
    /// The reason in the catalogue's words (the screen's language).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, MsgId};
        match self {
            PhoneError::BadCharacter(c) => Message::new(MsgId::PhoneBadCharacter).text("char", c),
            PhoneError::NoLeadingZero => Message::new(MsgId::PhoneNoLeadingZero),
            PhoneError::UnknownPrefix(p) => {
                Message::new(MsgId::PhoneUnknownPrefix).text("prefix", p)
            }
            PhoneError::TooLong => Message::new(MsgId::PhoneTooLong),
            PhoneError::TooShort(n) => Message::new(MsgId::PhoneTooShort).num("n", *n as i64),
            PhoneError::NoDigits => Message::new(MsgId::PhoneNoDigits),
        }
    }
}

/// The live state of a number being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneCheck {
    Empty,
    /// A valid beginning: `operator` is known once the prefix is typed.
    Partial {
        digits: String,
        operator: Option<Operator>,
    },
    Complete(Phone),
    Invalid(PhoneError),
}

/// Maps one typed character to an ASCII digit, `None` for separators, or an error.
pub(crate) fn digit_of(c: char) -> Result<Option<char>, PhoneError> {
    match c {
        '0'..='9' => Ok(Some(c)),
        '\u{0660}'..='\u{0669}' => Ok(char::from_digit(c as u32 - 0x0660, 10)),
        '\u{06F0}'..='\u{06F9}' => Ok(char::from_digit(c as u32 - 0x06F0, 10)),
        ' ' | '-' | '.' | '\u{00A0}' | '\u{202F}' | '\t' | '(' | ')' => Ok(None),
        _ => Err(PhoneError::BadCharacter(c)),
    }
}

/// Normalises what was typed so far and says how far along a valid number it is.
pub fn check(input: &str) -> PhoneCheck {
    let trimmed = input.trim();
    let mut digits = String::with_capacity(16);
    let mut chars = trimmed.chars().peekable();
    let mut international = false;
    if chars.peek() == Some(&'+') {
        chars.next();
        international = true;
    }
    for c in chars {
        match digit_of(c) {
            Ok(Some(d)) => digits.push(d),
            Ok(None) => {}
            Err(e) => return PhoneCheck::Invalid(e),
        }
    }
    // Country code: +213… or 00213… become the national 0….
    if international {
        match digits.strip_prefix("213") {
            Some(rest) => digits = format!("0{rest}"),
            None if "213".starts_with(&digits) => {
                return partial_or_empty(String::new(), !digits.is_empty());
            }
            None => return PhoneCheck::Invalid(PhoneError::BadCharacter('+')),
        }
    } else if let Some(rest) = digits.strip_prefix("00213") {
        digits = format!("0{rest}");
    } else if digits.starts_with("00") && "00213".starts_with(&digits) {
        return partial_or_empty(String::new(), true);
    } else if digits.starts_with("00") {
        return PhoneCheck::Invalid(PhoneError::UnknownPrefix("00".into()));
    }
    classify(digits)
}

/// The digits a search by number starts with (`0661`, or a whole number), from any spelling the
/// sale screen accepts: `+213 661`, `00213661`, `0661 23`, Arabic-Indic digits. The history
/// filter and `orders --phone` both use it.
pub fn search_prefix(input: &str) -> Result<String, PhoneError> {
    match check(input) {
        PhoneCheck::Complete(p) => Ok(p.0),
        PhoneCheck::Partial { digits, .. } if !digits.is_empty() => Ok(digits),
        PhoneCheck::Invalid(e) => Err(e),
        PhoneCheck::Partial { .. } | PhoneCheck::Empty => Err(PhoneError::NoDigits),
    }
}

fn partial_or_empty(digits: String, typed_something: bool) -> PhoneCheck {
    if typed_something || !digits.is_empty() {
        PhoneCheck::Partial {
            digits,
            operator: None,
        }
    } else {
        PhoneCheck::Empty
    }
}

fn classify(digits: String) -> PhoneCheck {
    let mut it = digits.chars();
    let Some(first) = it.next() else {
        return PhoneCheck::Empty;
    };
    if first != '0' {
        return PhoneCheck::Invalid(PhoneError::NoLeadingZero);
    }
    let operator = match it.next() {
        None => None,
        Some(second) => match Operator::from_prefix(second) {
            Some(op) => Some(op),
            None => return PhoneCheck::Invalid(PhoneError::UnknownPrefix(digits[..2].to_string())),
        },
    };
    match digits.len() {
        10 => PhoneCheck::Complete(Phone(digits)),
        n if n > 10 => PhoneCheck::Invalid(PhoneError::TooLong),
        _ => PhoneCheck::Partial { digits, operator },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Phone::parse(s).unwrap().as_str().to_string()
    }

    #[test]
    fn accepts_every_spelling_staff_use() {
        assert_eq!(ok("0661234567"), "0661234567");
        assert_eq!(ok("0661 23 45 67"), "0661234567");
        assert_eq!(ok("066-123.45.67"), "0661234567");
        assert_eq!(ok("+213 661 23 45 67"), "0661234567");
        assert_eq!(ok("00213661234567"), "0661234567");
        assert_eq!(ok("٠٦٦١٢٣٤٥٦٧"), "0661234567");
        assert_eq!(ok("۰۷۷۸۰۳۷۳۴۰"), "0778037340");
        assert_eq!(ok("  0556121212\n"), "0556121212");
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(
            Phone::parse("06612a4567"),
            Err(PhoneError::BadCharacter('a'))
        );
        assert_eq!(
            Phone::parse("0461234567"),
            Err(PhoneError::UnknownPrefix("04".into()))
        );
        assert_eq!(Phone::parse("661234567"), Err(PhoneError::NoLeadingZero));
        assert_eq!(Phone::parse("06612345678"), Err(PhoneError::TooLong));
        assert_eq!(Phone::parse("066123"), Err(PhoneError::TooShort(6)));
        assert_eq!(
            Phone::parse("+33612345678"),
            Err(PhoneError::BadCharacter('+'))
        );
    }

    #[test]
    fn a_search_takes_every_spelling_of_a_number_or_its_beginning() {
        for typed in ["+213 661", "00213661", "0661", "٠٦٦١", "06 61"] {
            assert_eq!(search_prefix(typed).as_deref(), Ok("0661"), "{typed}");
        }
        assert_eq!(
            search_prefix("+213 661 23 45 67").as_deref(),
            Ok("0661234567")
        );
        assert_eq!(search_prefix("06x"), Err(PhoneError::BadCharacter('x')));
        assert_eq!(search_prefix("+21"), Err(PhoneError::NoDigits));
        assert_eq!(search_prefix(" "), Err(PhoneError::NoDigits));
        assert_eq!(search_prefix("661"), Err(PhoneError::NoLeadingZero));
    }

    #[test]
    fn live_check_shows_operator_as_soon_as_prefix_is_typed() {
        assert_eq!(check(""), PhoneCheck::Empty);
        assert_eq!(
            check("0"),
            PhoneCheck::Partial {
                digits: "0".into(),
                operator: None
            }
        );
        assert!(matches!(
            check("07"),
            PhoneCheck::Partial {
                operator: Some(Operator::Djezzy),
                ..
            }
        ));
        assert!(matches!(
            check("08"),
            PhoneCheck::Invalid(PhoneError::UnknownPrefix(_))
        ));
        assert!(matches!(check("+21"), PhoneCheck::Partial { .. }));
        assert!(matches!(
            check("+2135"),
            PhoneCheck::Partial {
                operator: Some(Operator::Ooredoo),
                ..
            }
        ));
        assert_eq!(
            Phone::parse("0550000000").unwrap().operator(),
            Operator::Ooredoo
        );
    }
}
