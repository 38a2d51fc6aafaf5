//! Order keys and the `ref` sent to OneClickDz.
//!
//! A key is unix milliseconds in the high 64 bits, then a per-process sequence (24 bits), the
//! tag of the store that made it (16 bits) and random bits (24 bits). Within one process keys
//! strictly increase even if the clock steps back; across processes (a restarted till) the
//! random bits keep them apart, and across stores the tag does too: a key names the store that
//! wrote it, so two tills sharing one terminal id can tell their orders apart
//! ([`crate::orders::claim`]). Keys made before tags existed carry random bits there.
//!
//! The `ref` is `<terminal id>-<key in 26 lowercase Crockford base32 digits>`: URL-safe (it is a
//! path segment of `check-ref`), fixed width so refs of one terminal sort by creation time.

use super::record::OrderKey;
pub use crate::rules::till_id::{
    MAX_TERMINAL_LEN, check_terminal_id, clean_terminal_id, is_clean_terminal_id,
};
use std::sync::Mutex;

/// Crockford base32, lowercase: no `i`, `l`, `o`, `u`, so a ref read aloud is unambiguous.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Digits needed for 128 bits (26 × 5 = 130).
pub const KEY_DIGITS: usize = 26;

const SEQ_BITS: u32 = 24;
const TAG_BITS: u32 = 16;
const RAND_BITS: u32 = 24;

/// Last (millis, sequence) handed out by this process.
static LAST: Mutex<(u64, u64)> = Mutex::new((0, 0));

/// A new, time-ordered key with a random store tag, for tests and benchmarks only: a sale's key
/// carries its store's tag (`Lifecycle::new_record`), which the audit tells this till's own
/// orders by, so the till itself has no way to make an untagged one.
#[cfg(any(test, feature = "testkit"))]
pub fn next_key() -> OrderKey {
    next_key_tagged(rand::random::<u16>())
}

/// The tag of the store that made `key` (see the module's layout).
pub fn key_tag(key: OrderKey) -> u16 {
    // The cast keeps exactly the TAG_BITS (16) above the random bits.
    (key.0 >> RAND_BITS) as u16
}

/// A new, time-ordered key of the store tagged `tag`. Strictly greater than every key this
/// process made before.
pub fn next_key_tagged(tag: u16) -> OrderKey {
    let now = chrono::Utc::now().timestamp_millis().max(0) as u64;
    let (millis, seq) = {
        // A poisoned lock only means another thread panicked mid-update of two integers; the
        // values are still usable.
        let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
        let (prev_ms, prev_seq) = *last;
        let next = if now > prev_ms {
            (now, 0)
        } else if prev_seq + 1 < (1 << SEQ_BITS) {
            (prev_ms, prev_seq + 1)
        } else {
            // 16 million keys in one millisecond: borrow the next millisecond.
            (prev_ms + 1, 0)
        };
        *last = next;
        next
    };
    let random = rand::random::<u64>() & ((1u64 << RAND_BITS) - 1);
    let low = (seq << (TAG_BITS + RAND_BITS)) | (u64::from(tag) << RAND_BITS) | random;
    OrderKey(((millis as u128) << 64) | low as u128)
}

/// The key as 26 base32 digits (fixed width, so the text sorts like the number).
pub fn encode_key(key: OrderKey) -> String {
    let mut out = [0u8; KEY_DIGITS];
    let mut v = key.0;
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(v & 31) as usize];
        v >>= 5;
    }
    out.iter().map(|&b| b as char).collect()
}

/// Reads back [`encode_key`]'s text; `None` if it is not exactly that shape.
pub fn decode_key(text: &str) -> Option<OrderKey> {
    if text.len() != KEY_DIGITS {
        return None;
    }
    let mut v: u128 = 0;
    for (i, c) in text.bytes().enumerate() {
        let d = ALPHABET.iter().position(|&a| a == c.to_ascii_lowercase())? as u128;
        // The first digit carries only 3 of the 130 bits.
        if i == 0 && d > 7 {
            return None;
        }
        v = (v << 5) | d;
    }
    Some(OrderKey(v))
}

/// The keys whose [`encode_key`] text starts with `digits`: `[lo, hi)`, `hi == None` meaning
/// "to the largest key". The digits are big-endian, so a prefix of them is a range of keys.
/// `None` when no key's text can start with `digits` (a character outside the lowercase
/// alphabet, a first digit above `7`, or more than [`KEY_DIGITS`] digits).
pub fn key_range_of_digits(digits: &str) -> Option<(OrderKey, Option<OrderKey>)> {
    if digits.len() > KEY_DIGITS {
        return None;
    }
    let mut value: u128 = 0;
    for (i, c) in digits.bytes().enumerate() {
        let d = ALPHABET.iter().position(|&a| a == c)? as u128;
        if i == 0 && d > 7 {
            return None;
        }
        value = (value << 5) | d;
    }
    if digits.is_empty() {
        return Some((OrderKey(0), None));
    }
    let shift = 5 * (KEY_DIGITS - digits.len()) as u32;
    let lo = value << shift;
    let hi = lo.checked_add(1u128 << shift).map(OrderKey);
    Some((OrderKey(lo), hi))
}

/// The terminal id and key of a ref of exactly [`make_ref`]'s shape (any terminal); `None` for
/// a ref of any other shape.
pub fn parse_ref(reference: &str) -> Option<(&str, OrderKey)> {
    let (terminal, digits) = reference.split_once('-')?;
    if !is_clean_terminal_id(terminal) || digits.len() != KEY_DIGITS {
        return None;
    }
    let key = decode_key(digits)?;
    (encode_key(key) == digits).then_some((terminal, key))
}

/// The `ref` of an order: `<terminal>-<key>`.
pub fn make_ref(terminal_id: &str, key: OrderKey) -> String {
    format!("{}-{}", clean_terminal_id(terminal_id), encode_key(key))
}

/// The key inside a ref made by [`make_ref`] (any terminal).
pub fn key_of_ref(reference: &str) -> Option<OrderKey> {
    let (_, tail) = reference.rsplit_once('-')?;
    decode_key(tail)
}

/// True when every character may appear unescaped in a URL path segment.
pub fn is_url_safe(reference: &str) -> bool {
    !reference.is_empty()
        && reference
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn refs_are_unique_sortable_and_url_safe_over_100k() {
        let mut seen = HashSet::with_capacity(100_000);
        let mut prev: Option<(OrderKey, String)> = None;
        for _ in 0..100_000 {
            let key = next_key();
            let r = make_ref("Shop 1/Oran", key);
            assert!(is_url_safe(&r), "{r}");
            assert!(r.starts_with("shop1oran-"), "{r}");
            assert_eq!(key_of_ref(&r), Some(key));
            if let Some((pk, pr)) = &prev {
                assert!(key > *pk, "keys must increase");
                assert!(r > *pr, "refs must sort by creation: {pr} !< {r}");
            }
            assert!(seen.insert(r.clone()), "duplicate ref {r}");
            prev = Some((key, r));
        }
    }

    #[test]
    fn keys_carry_the_store_tag_and_still_increase() {
        let mut prev = OrderKey(0);
        for tag in [0u16, 1, 0xbeef, u16::MAX] {
            for _ in 0..1000 {
                let k = next_key_tagged(tag);
                assert_eq!(key_tag(k), tag);
                assert!(k > prev);
                prev = k;
            }
        }
    }

    #[test]
    fn keys_carry_the_creation_time() {
        let before = chrono::Utc::now().timestamp_millis() as u64;
        let k = next_key();
        let after = chrono::Utc::now().timestamp_millis() as u64;
        assert!(k.millis() >= before && k.millis() <= after + 1);
    }

    #[test]
    fn encoding_round_trips_extremes_and_rejects_garbage() {
        for v in [0u128, 1, u128::MAX, 1 << 64, (1 << 127) + 12345] {
            let text = encode_key(OrderKey(v));
            assert_eq!(text.len(), KEY_DIGITS);
            assert_eq!(decode_key(&text), Some(OrderKey(v)));
        }
        assert_eq!(decode_key("short"), None);
        assert_eq!(decode_key(&"u".repeat(KEY_DIGITS)), None);
        assert_eq!(
            decode_key(&"z".repeat(KEY_DIGITS)),
            None,
            "overflows 128 bits"
        );
        assert_eq!(key_of_ref("no-dash-here"), None);
    }

    #[test]
    fn a_digit_prefix_is_the_range_of_keys_whose_text_starts_with_it() {
        for v in [0u128, 1, 12345 << 70, u128::MAX, (1 << 127) + 99] {
            let text = encode_key(OrderKey(v));
            for len in 0..=KEY_DIGITS {
                let (lo, hi) = key_range_of_digits(&text[..len]).unwrap();
                assert!(OrderKey(v) >= lo, "{text} {len}");
                assert!(hi.is_none_or(|hi| OrderKey(v) < hi), "{text} {len}");
                assert!(encode_key(lo).starts_with(&text[..len]));
                if let Some(hi) = hi {
                    assert!(!encode_key(hi).starts_with(&text[..len]));
                    let last = OrderKey(hi.0 - 1);
                    assert!(encode_key(last).starts_with(&text[..len]));
                }
            }
        }
        assert_eq!(key_range_of_digits("7"), Some((OrderKey(7 << 125), None)));
        assert_eq!(key_range_of_digits("8"), None, "beyond 128 bits");
        assert_eq!(key_range_of_digits("0u"), None, "not in the alphabet");
        assert_eq!(key_range_of_digits("0A"), None, "refs are lowercase");
        assert_eq!(key_range_of_digits(&"0".repeat(KEY_DIGITS + 1)), None);
    }

    #[test]
    fn refs_parse_back_to_their_terminal_and_key_only_in_the_exact_shape() {
        let key = next_key();
        let r = make_ref("shop1", key);
        assert_eq!(parse_ref(&r), Some(("shop1", key)));
        assert_eq!(parse_ref(&r.to_uppercase()), None);
        assert_eq!(parse_ref(&format!("x-{r}")), None, "two dashes");
        assert_eq!(
            parse_ref("API-+213550000000-test-1761698196315-success"),
            None
        );
        assert_eq!(check_terminal_id("shop1"), Ok("shop1"));
        assert!(check_terminal_id("Shop 1").is_err());
        assert!(check_terminal_id("").is_err());
        assert!(check_terminal_id(&"a".repeat(MAX_TERMINAL_LEN + 1)).is_err());
    }

    #[test]
    fn terminal_ids_are_cleaned() {
        assert_eq!(clean_terminal_id("  "), "pos");
        assert_eq!(clean_terminal_id("Bab-Ezzouar #2"), "babezzouar2");
        assert_eq!(clean_terminal_id(&"a".repeat(40)).len(), MAX_TERMINAL_LEN);
        assert!(!is_url_safe("a/b"));
        assert!(!is_url_safe(""));
    }
}
