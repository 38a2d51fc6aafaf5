//! Looking a customer up by the digits staff remember: the beginning of the number (`0661`),
//! its last digits (`4567`) or any digits in it, typed in any form the sale screen accepts
//! (spaces, dashes, `+213`/`00213`, Arabic-Indic digits).
//!
//! The rule of what matches is here, once: a fragment that starts the way a number starts
//! (`0` then 2–7) is the start of the number; any other fragment (`4567`, or `09`, which no
//! number starts with) matches anywhere in it, the last digits included.

use super::phone::{self, PhoneError};

/// The ASCII digits of a typed fragment of a number. A start (`0661`, `+213 661`, `00213…`,
/// Arabic-Indic digits) is read by [`phone::search_prefix`], the sale screen's rules; digits
/// that do not start with 0 (`4567`, `45 67`) are a fragment from anywhere in the number.
/// A start no mobile operator uses (`036`) is an Idoom ADSL line's (`0XXXXXXXX`), and a 4G
/// line (`213XXXXXXXXX`) is found by its digits anywhere. Refused: other characters, more
/// digits than any line has, nothing typed.
pub fn search_digits(input: &str) -> Result<String, PhoneError> {
    match phone::search_prefix(input) {
        Err(PhoneError::NoLeadingZero | PhoneError::UnknownPrefix(_)) => fragment(input),
        other => other,
    }
}

/// Digits from anywhere in a number, separators dropped.
fn fragment(input: &str) -> Result<String, PhoneError> {
    let mut digits = String::new();
    for c in input.trim().chars() {
        if let Some(d) = phone::digit_of(c)? {
            digits.push(d);
        }
    }
    // The longest numbers are 4G lines' (`213` + 9 digits); a start (`0…`) has at most 10.
    let longest = if digits.starts_with('0') { 10 } else { 12 };
    match digits.len() {
        0 => Err(PhoneError::NoDigits),
        n if n > longest => Err(PhoneError::TooLong),
        _ => Ok(digits),
    }
}

/// Whether digits from [`search_digits`] are the start of a number: they begin with 0 and a
/// digit a number can have after it (05–07 mobiles, 02–04 Idoom ADSL lines), or are a lone
/// `0`. Digits no number begins with (`09`, `0999999`, `00 00 01`) are searched anywhere.
pub fn is_number_start(digits: &str) -> bool {
    let mut it = digits.chars();
    it.next() == Some('0') && it.next().is_none_or(|c| ('2'..='7').contains(&c))
}

/// Whether a stored number matches digits from [`search_digits`].
pub fn digits_match(phone: &str, digits: &str) -> bool {
    if is_number_start(digits) {
        phone.starts_with(digits)
    } else {
        phone.contains(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_gives_the_same_digits() {
        for typed in [
            "0661", "06 61", "+213 661", "00213661", "٠٦٦١", "۰۶۶۱", "06-61",
        ] {
            assert_eq!(search_digits(typed).as_deref(), Ok("0661"), "{typed}");
        }
        assert_eq!(search_digits("45 67").as_deref(), Ok("4567"));
        assert_eq!(search_digits("٤٥٦٧").as_deref(), Ok("4567"));
        assert!(search_digits("").is_err());
        assert!(search_digits("06612345678").is_err());
        assert!(search_digits("06a1").is_err());
        assert!(search_digits("+33 6").is_err());
        // Not a mobile start, but an Idoom ADSL line's (Algérie Télécom's fixed lines).
        assert_eq!(search_digits("0461").as_deref(), Ok("0461"));
        assert_eq!(search_digits("036 36").as_deref(), Ok("03636"));
        assert!(digits_match("036362608", "03636"));
        // A whole 4G line, and its last digits.
        assert_eq!(
            search_digits("213 472 73 16 02").as_deref(),
            Ok("213472731602")
        );
        assert!(digits_match("213472731602", "213472731602"));
        assert!(search_digits("2134727316021").is_err());
        assert_eq!(search_digits("0").as_deref(), Ok("0"));
    }

    /// Digits that begin with 0 but with no operator's or line's prefix are no error and are
    /// looked for anywhere in the number.
    #[test]
    fn a_zero_no_number_starts_with_is_searched_anywhere() {
        assert_eq!(search_digits("0999999").as_deref(), Ok("0999999"));
        assert_eq!(search_digits("09").as_deref(), Ok("09"));
        assert!(digits_match("0661099999", "09"));
        assert!(digits_match("0550999999", "0999999"));
        assert!(!digits_match("0550999998", "0999999"));
        assert!(digits_match("0600000001", "00000"));
        assert!(is_number_start("0661") && is_number_start("0") && is_number_start("036"));
        assert!(!is_number_start("09") && !is_number_start("00") && !is_number_start("4567"));
        // Written in groups, as on a card: one number.
        assert_eq!(search_digits("0600 00 00 01").as_deref(), Ok("0600000001"));
    }

    #[test]
    fn a_leading_zero_is_the_start_and_other_digits_are_anywhere() {
        assert!(digits_match("0661234567", "0661"));
        assert!(!digits_match("0550661234", "0661"));
        assert!(digits_match("0661234567", "4567"));
        assert!(digits_match("0661234567", "1234"));
        assert!(!digits_match("0661234567", "4568"));
        assert!(digits_match("0661234567", "0661234567"));
    }
}
