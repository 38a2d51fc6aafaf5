//! The API key as a secret: it can be sent in a header, and nothing else.
//!
//! `Debug` and `Display` print a mask, so a key that slips into a log line, an error or the
//! screen shows as `••••90ab` at most. It is never serialized.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key from config or environment; surrounding whitespace (a pasted newline) is dropped.
    /// Empty keys are `None`.
    pub fn new(raw: impl AsRef<str>) -> Option<Self> {
        let k = raw.as_ref().trim();
        (!k.is_empty()).then(|| ApiKey(k.to_string()))
    }

    /// The only way to read the key: for the `X-Access-Token` header.
    pub fn expose_for_header(&self) -> &str {
        &self.0
    }

    /// What the screen may show: the last 4 characters of a long key, nothing of a short one.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        if n >= 16 {
            let tail: String = self.0.chars().skip(n - 4).collect();
            format!("••••{tail}")
        } else {
            "••••".to_string()
        }
    }

    /// Replaces every occurrence of the key in `text` by its mask (for server text that echoes
    /// it). A key split by characters that never show — an escape sequence, a bidi mark, a
    /// zero-width space — would join up again on screen, so it is found too; such text comes
    /// back sanitized.
    pub fn redact(&self, text: &str) -> String {
        self.redacted(text).unwrap_or_else(|| text.to_string())
    }

    /// [`ApiKey::redact`] when `text` holds the key (whole or split), `None` when it does not.
    pub fn redacted(&self, text: &str) -> Option<String> {
        if !text.chars().any(hides) {
            return text
                .contains(&self.0)
                .then(|| text.replace(&self.0, &self.masked()));
        }
        let clean = crate::text::sanitize(text);
        let chars: Vec<char> = clean.chars().collect();
        let mut out = String::with_capacity(clean.len());
        let mut found = false;
        let mut i = 0;
        while i < chars.len() {
            match self.match_at(&chars, i) {
                Some(end) => {
                    found = true;
                    out.push_str(&self.masked());
                    i = end;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        found.then_some(out)
    }

    /// Whether `text` holds the key, whole or split by characters that never show (so it must
    /// be redacted before it goes anywhere).
    pub fn occurs_in(&self, text: &str) -> bool {
        self.redacted(text).is_some()
    }

    /// Where a copy of the key that starts at `chars[start]` ends, skipping invisible
    /// characters between its letters.
    fn match_at(&self, chars: &[char], start: usize) -> Option<usize> {
        let mut j = start;
        for (n, want) in self.0.chars().enumerate() {
            if n > 0 {
                while chars.get(j).is_some_and(|&c| hides(c)) {
                    j += 1;
                }
            }
            if chars.get(j) != Some(&want) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }
}

/// A character that takes no cell on a terminal (or is removed by sanitizing), so it can hide
/// a key from an exact search without hiding it from the eye.
fn hides(c: char) -> bool {
    c.is_control() || unicode_width::UnicodeWidthChar::width(c).is_none_or(|w| w == 0)
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_key() {
        let k = ApiKey::new(" 0b1c2d3e-aaaa-bbbb-cccc-1234567890ab\n").unwrap();
        assert_eq!(
            k.expose_for_header(),
            "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"
        );
        for shown in [format!("{k:?}"), format!("{k}"), k.masked()] {
            assert!(!shown.contains("0b1c2d3e"), "{shown}");
            assert!(
                shown.ends_with("90ab") || shown.ends_with("90ab)"),
                "{shown}"
            );
        }
        let short = ApiKey::new("abc").unwrap();
        assert_eq!(short.masked(), "••••");
        assert!(ApiKey::new("  ").is_none());
        assert_eq!(
            k.redact("bad key 0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"),
            "bad key ••••90ab"
        );
    }

    /// A key cut by an escape sequence, a bidi mark or a zero-width space shows whole on a
    /// terminal once those are gone: it is found and masked all the same.
    #[test]
    fn a_key_split_by_invisible_characters_is_masked_too() {
        let k = ApiKey::new("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab").unwrap();
        for split in [
            "bad 0b1c2d3e-aaaa-\u{200f}bbbb-cccc-1234567890ab!",
            "bad 0b1c2d3e-aaaa-\x1b[31mbbbb-cccc-1234567890ab!",
            "bad 0b1c2d3e\u{200b}-aaaa-bbbb-cccc-1234\u{2066}567890ab!",
            "bad 0b1c2d3e-aaaa-bbbb-cccc-1234567890ab!",
        ] {
            assert!(k.occurs_in(split), "{split:?}");
            let shown = k.redact(split);
            assert_eq!(shown, "bad ••••90ab!", "{split:?}");
            assert!(!crate::text::sanitize(&shown).contains("0b1c2d3e"));
        }
        // Text without the key is left as it was, escapes and all (it is sanitized on output).
        let other = "no key here \x1b[31m 0b1c2d3e";
        assert!(!k.occurs_in(other));
        assert_eq!(k.redact(other), other);
    }
}
