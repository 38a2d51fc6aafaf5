//! Looking a customer up by the digits staff remember: the beginning of the number (`0661`),
//! its last digits (`4567`) or any digits in it, typed in any form the sale screen accepts
//! (spaces, dashes, `+213`/`00213`, Arabic-Indic digits).
//!
//! The rule of what matches is here, once: a fragment that starts with `0` is the start of the
//! number (every national number starts with 0, so a typed 0 means "from the start"); any other
//! fragment matches anywhere in it, the last digits included.

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

/// Whether a stored number matches digits from [`search_digits`].
pub fn digits_match(phone: &str, digits: &str) -> bool {
    if digits.starts_with('0') {
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
