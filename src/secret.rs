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

    /// Replaces every occurrence of the key in `text` by its mask (for server text that echoes it).
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.0, &self.masked())
    }

    /// Whether `text` holds the key (so it must be redacted before it goes anywhere).
    pub fn occurs_in(&self, text: &str) -> bool {
        text.contains(&self.0)
    }
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
}
