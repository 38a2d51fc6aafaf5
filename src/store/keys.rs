//! Tree names and the byte layout of index keys.
//!
//! Every index key ends with the 16 big-endian bytes of the order key, so entries of one phone
//! (or one status) sort by creation time and "newest first" is a reverse range scan.

use crate::orders::model::OrderKey;
use chrono::NaiveDate;

pub(crate) const ORDERS: &str = "orders";
pub(crate) const BY_PHONE: &str = "by_phone";
pub(crate) const BY_REF: &str = "by_ref";
pub(crate) const BY_STATUS: &str = "by_status";
pub(crate) const OPEN: &str = "open";
pub(crate) const PLANS: &str = "plans";
pub(crate) const SETTINGS: &str = "settings";
pub(crate) const META: &str = "meta";

/// `meta` keys.
pub(crate) const META_SCHEMA: &[u8] = b"schema_version";
pub(crate) const META_COUNT: &[u8] = b"order_count";

/// Ends a phone inside a `by_phone` key, so `0661234567` never runs into the key bytes and an
/// exact number is the prefix `phone ++ SEP`.
pub(crate) const PHONE_SEP: u8 = 0;

pub(crate) const KEY_LEN: usize = 16;

/// `phone ++ 0x00 ++ key`.
pub(crate) fn phone_entry(phone: &str, key: OrderKey) -> Vec<u8> {
    let mut out = phone_exact_prefix(phone);
    out.extend_from_slice(&key.to_bytes());
    out
}

/// The prefix shared by every entry of exactly this phone.
pub(crate) fn phone_exact_prefix(phone: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(phone.len() + 1 + KEY_LEN);
    out.extend_from_slice(phone.as_bytes());
    out.push(PHONE_SEP);
    out
}

/// `status code ++ key`.
pub(crate) fn status_entry(code: u8, key: OrderKey) -> [u8; 1 + KEY_LEN] {
    let mut out = [0u8; 1 + KEY_LEN];
    out[0] = code;
    out[1..].copy_from_slice(&key.to_bytes());
    out
}

/// The order key at the end of an index key.
pub(crate) fn key_suffix(entry: &[u8]) -> Option<OrderKey> {
    let start = entry.len().checked_sub(KEY_LEN)?;
    OrderKey::from_bytes(&entry[start..])
}

/// `prefix ++ key`, the bound of a range scan inside one index prefix.
pub(crate) fn with_key(prefix: &[u8], key: OrderKey) -> Vec<u8> {
    let mut out = Vec::with_capacity(prefix.len() + KEY_LEN);
    out.extend_from_slice(prefix);
    out.extend_from_slice(&key.to_bytes());
    out
}

/// The first byte string after every string starting with `prefix` (None: no such bound).
pub(crate) fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut out = prefix.to_vec();
    while let Some(last) = out.pop() {
        if last < u8::MAX {
            out.push(last + 1);
            return Some(out);
        }
    }
    None
}

/// Keys created during a UTC day: `[first, end)`.
pub(crate) fn day_bounds(day: NaiveDate) -> (OrderKey, OrderKey) {
    let start = day
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_millis());
    let end = day
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis());
    match (start, end) {
        (Some(s), Some(e)) if e > 0 => (
            OrderKey::first_at(s.max(0) as u64),
            OrderKey::first_at(e as u64),
        ),
        // Before 1970 or past chrono's range: no order can have been created then.
        _ => (OrderKey(0), OrderKey(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_entries_sort_by_phone_then_time() {
        let a = phone_entry("0661234567", OrderKey::first_at(10));
        let b = phone_entry("0661234567", OrderKey::first_at(20));
        let c = phone_entry("06612345678", OrderKey::first_at(1));
        assert!(a < b && b < c);
        assert!(a.starts_with(&phone_exact_prefix("0661234567")));
        assert!(!c.starts_with(&phone_exact_prefix("0661234567")));
        assert_eq!(key_suffix(&b), Some(OrderKey::first_at(20)));
        assert_eq!(key_suffix(b"short"), None);
    }

    #[test]
    fn prefix_end_carries() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 255]), Some(vec![2]));
        assert_eq!(prefix_end(&[255, 255]), None);
    }

    #[test]
    fn day_bounds_cover_exactly_one_utc_day() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let (lo, hi) = day_bounds(day);
        assert_eq!(lo.millis(), 1_740_787_200_000);
        assert_eq!(hi.millis() - lo.millis(), 86_400_000);
        let old = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
        let (lo, hi) = day_bounds(old);
        assert!(lo >= hi, "an empty range before 1970");
    }
}
