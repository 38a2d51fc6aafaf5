//! Algérie Télécom's Idoom internet lines (ADSL and 4G LTE): their types as the API names them,
//! and their numbers as staff type them, checked against the documented formats (§13): ADSL
//! `^0[0-9]{8}$` (`036362608`), 4G `^213[0-9]{9}$` (`213472731602`).
//!
//! Accepted spellings: the digits the phone rules take (Latin, Arabic-Indic, separators), a
//! `+213` / `00213` prefix, and for 4G also the national `0XXXXXXXXX` (the Arabic guide shows 4G
//! numbers in that style: the same line, so it is sent in the documented `213…` form).

use super::phone::digit_of;

use std::fmt;

/// ADSL `099000001`: the sandbox ends it REFUNDED (the emulator's choice; §13 lists none).
pub const SANDBOX_ADSL_REFUND: &str = "099000001";
/// ADSL `099000002`: the sandbox leaves it QUEUED (resolved after the emulator's queue delay).
pub const SANDBOX_ADSL_QUEUED: &str = "099000002";
/// ADSL `099000003`: well formed, but the sandbox's check-number and send answer `ERR_PHONE`.
pub const SANDBOX_ADSL_BAD_LINE: &str = "099000003";
/// 4G `213999000001`: REFUNDED.
pub const SANDBOX_4G_REFUND: &str = "213999000001";
/// 4G `213999000002`: QUEUED.
pub const SANDBOX_4G_QUEUED: &str = "213999000002";
/// 4G `213999000003`: `ERR_PHONE`.
pub const SANDBOX_4G_BAD_LINE: &str = "213999000003";

pub use crate::api::types::InternetType;

/// What the till needs to know of each type beyond the API's word for it.
impl InternetType {
    /// The product's name on screen and in reports (a brand: the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            InternetType::Adsl => "Idoom ADSL",
            InternetType::FourG => "Idoom 4G",
        }
    }

    /// Digits of a whole number of this type.
    pub fn number_len(self) -> usize {
        match self {
            InternetType::Adsl => 9,
            InternetType::FourG => 12,
        }
    }

    /// The format in the docs' words, for messages (`0XXXXXXXX`, `213XXXXXXXXX`).
    pub fn pattern(self) -> &'static str {
        match self {
            InternetType::Adsl => "0XXXXXXXX",
            InternetType::FourG => "213XXXXXXXXX",
        }
    }

    /// The sandbox's special numbers of this type: (refunded, queued, refused as ERR_PHONE).
    pub fn sandbox_numbers(self) -> [&'static str; 3] {
        match self {
            InternetType::Adsl => [
                SANDBOX_ADSL_REFUND,
                SANDBOX_ADSL_QUEUED,
                SANDBOX_ADSL_BAD_LINE,
            ],
            InternetType::FourG => [SANDBOX_4G_REFUND, SANDBOX_4G_QUEUED, SANDBOX_4G_BAD_LINE],
        }
    }
}

impl fmt::Display for InternetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// A complete internet line number in the API's form (checked by [`InternetNumber::parse`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InternetNumber {
    kind: InternetType,
    digits: String,
}

impl InternetNumber {
    pub fn kind(&self) -> InternetType {
        self.kind
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// A complete number of type `kind` from any accepted spelling.
    pub fn parse(kind: InternetType, input: &str) -> Result<InternetNumber, LineError> {
        match check_line(kind, input) {
            LineCheck::Complete(n) => Ok(n),
            LineCheck::Partial(digits) => Err(LineError::TooShort {
                kind,
                typed: digits.len(),
            }),
            LineCheck::Empty => Err(LineError::TooShort { kind, typed: 0 }),
            LineCheck::Invalid(e) => Err(e),
        }
    }

    /// Whether `number` (in the API's form) has the documented format of `kind`.
    pub fn is_well_formed(kind: InternetType, number: &str) -> bool {
        number.len() == kind.number_len()
            && number.bytes().all(|b| b.is_ascii_digit())
            && match kind {
                InternetType::Adsl => number.starts_with('0'),
                InternetType::FourG => number.starts_with("213"),
            }
    }
}

impl fmt::Display for InternetNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

/// Why a typed internet number is not acceptable. Worded at the edge ([`LineError::message`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineError {
    BadCharacter(char),
    /// ADSL numbers start with 0, 4G numbers with 213 (or 0, national style).
    WrongStart(InternetType),
    TooLong(InternetType),
    TooShort {
        kind: InternetType,
        typed: usize,
    },
}

impl LineError {
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, MsgId};
        match self {
            LineError::BadCharacter(c) => Message::new(MsgId::PhoneBadCharacter).text("char", c),
            LineError::WrongStart(k) => Message::new(MsgId::LineWrongStart)
                .text("product", k.name())
                .text("pattern", k.pattern()),
            LineError::TooLong(k) => Message::new(MsgId::LineTooLong)
                .text("product", k.name())
                .num("n", k.number_len() as i64),
            LineError::TooShort { kind, typed } => Message::new(MsgId::LineTooShort)
                .num("typed", *typed as i64)
                .num("n", kind.number_len() as i64),
        }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_lang(crate::i18n::Lang::En))
    }
}

/// The live state of an internet number being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineCheck {
    Empty,
    /// A valid beginning, in the API's form so far.
    Partial(String),
    Complete(InternetNumber),
    Invalid(LineError),
}

/// Normalises what was typed so far and says how far along a valid number of `kind` it is.
pub fn check_line(kind: InternetType, input: &str) -> LineCheck {
    let trimmed = input.trim();
    let (international, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(16);
    for c in rest.chars() {
        match digit_of(c) {
            Ok(Some(d)) => digits.push(d),
            Ok(None) => {}
            Err(_) => return LineCheck::Invalid(LineError::BadCharacter(c)),
        }
    }
    if international {
        // `+213…`: the digits after the country code.
        if digits.len() < 3 {
            return if "213".starts_with(&digits) {
                LineCheck::Partial(String::new())
            } else {
                LineCheck::Invalid(LineError::WrongStart(kind))
            };
        }
        match digits.strip_prefix("213") {
            Some(national) => digits = in_api_form(kind, national),
            None => return LineCheck::Invalid(LineError::WrongStart(kind)),
        }
    } else if let Some(national) = digits.strip_prefix("00213") {
        digits = in_api_form(kind, national);
    } else if digits.starts_with("00") && "00213".starts_with(&digits) {
        return LineCheck::Partial(String::new());
    } else if kind == InternetType::FourG && digits.starts_with('0') && !digits.starts_with("00") {
        // National spelling of a 4G line: 0 + 9 digits is 213 + the 9 digits.
        digits = in_api_form(kind, &digits[1..]);
    }
    classify(kind, digits)
}

/// The digits after the country code, in the form the API takes for `kind`.
fn in_api_form(kind: InternetType, national: &str) -> String {
    match kind {
        InternetType::Adsl => format!("0{national}"),
        InternetType::FourG => format!("213{national}"),
    }
}

fn classify(kind: InternetType, digits: String) -> LineCheck {
    if digits.is_empty() {
        return LineCheck::Empty;
    }
    let start_ok = match kind {
        InternetType::Adsl => digits.starts_with('0'),
        InternetType::FourG => digits.starts_with("213") || "213".starts_with(&digits),
    };
    if !start_ok {
        return LineCheck::Invalid(LineError::WrongStart(kind));
    }
    match digits.len().cmp(&kind.number_len()) {
        std::cmp::Ordering::Equal => LineCheck::Complete(InternetNumber { kind, digits }),
        std::cmp::Ordering::Greater => LineCheck::Invalid(LineError::TooLong(kind)),
        std::cmp::Ordering::Less => LineCheck::Partial(digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: InternetType, s: &str) -> String {
        InternetNumber::parse(kind, s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .as_str()
            .to_string()
    }

    #[test]
    fn the_documented_examples_and_every_spelling_staff_use() {
        use InternetType::*;
        assert_eq!(ok(Adsl, "036362608"), "036362608");
        assert_eq!(ok(Adsl, "036 36 26 08"), "036362608");
        assert_eq!(ok(Adsl, "+213 36 36 26 08"), "036362608");
        assert_eq!(ok(Adsl, "0021336362608"), "036362608");
        assert_eq!(ok(Adsl, "٠٣٦٣٦٢٦٠٨"), "036362608");
        assert_eq!(ok(FourG, "213472731602"), "213472731602");
        assert_eq!(ok(FourG, "+213 472 73 16 02"), "213472731602");
        assert_eq!(ok(FourG, "00213472731602"), "213472731602");
        assert_eq!(ok(FourG, "0472731602"), "213472731602", "national style");
        for kind in InternetType::ALL {
            for n in kind.sandbox_numbers() {
                assert_eq!(ok(kind, n), n);
                assert!(InternetNumber::is_well_formed(kind, n));
            }
        }
    }

    #[test]
    fn refuses_with_a_reason_and_follows_typing() {
        use InternetType::*;
        assert_eq!(
            InternetNumber::parse(Adsl, "36362608"),
            Err(LineError::WrongStart(Adsl))
        );
        assert_eq!(
            InternetNumber::parse(Adsl, "0363626081"),
            Err(LineError::TooLong(Adsl))
        );
        assert_eq!(
            InternetNumber::parse(FourG, "214472731602"),
            Err(LineError::WrongStart(FourG))
        );
        assert_eq!(
            InternetNumber::parse(FourG, "2134727"),
            Err(LineError::TooShort {
                kind: FourG,
                typed: 7
            })
        );
        assert_eq!(
            InternetNumber::parse(Adsl, "036x"),
            Err(LineError::BadCharacter('x'))
        );
        assert_eq!(check_line(Adsl, ""), LineCheck::Empty);
        assert_eq!(check_line(FourG, "21"), LineCheck::Partial("21".into()));
        assert_eq!(check_line(FourG, "+21"), LineCheck::Partial(String::new()));
        assert!(!InternetNumber::is_well_formed(Adsl, "213472731602"));
        assert!(!InternetNumber::is_well_formed(FourG, "036362608"));
    }

    #[test]
    fn types_read_both_spellings_of_4g() {
        assert_eq!(InternetType::parse(" 4glte "), Some(InternetType::FourG));
        assert_eq!(InternetType::parse("adsl"), Some(InternetType::Adsl));
        assert_eq!(InternetType::parse("FTTH"), None);
        let t: InternetType = serde_json::from_str("\"4GLTE\"").unwrap();
        assert_eq!(t, InternetType::FourG);
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"4G\"");
    }
}
