//! Tree names and the byte layout of index keys.
//!
//! Every `by_status` key ends with the 16 big-endian bytes of the order key, so entries of one
//! status sort by creation time and "newest first" is a reverse range scan.

use crate::ledger::OrderKey;
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;

pub(crate) const ORDERS: &str = "orders";
pub(crate) const PHONES: &str = "phones";
pub(crate) const BY_REF: &str = "by_ref";
pub(crate) const BY_STATUS: &str = "by_status";
pub(crate) const OPEN: &str = "open";
pub(crate) const PLANS: &str = "plans";
pub(crate) const SETTINGS: &str = "settings";
pub(crate) const META: &str = "meta";
/// Running totals of the books per hour and per day (`totals.rs`).
pub(crate) const TOTALS: &str = "totals";
/// Every number, grouped by its first four characters (`numbers.rs`).
pub(crate) const NUMBERS: &str = "numbers";
/// Schema 1's phone index (one key per order), dropped by the migration to schema 2.
pub(crate) const OLD_BY_PHONE: &str = "by_phone";

/// `meta` keys.
pub(crate) const META_SCHEMA: &[u8] = b"schema_version";
pub(crate) const META_COUNT: &[u8] = b"order_count";

pub(crate) const KEY_LEN: usize = 16;

/// The statuses `by_status` holds: the rare final failures staff look for (REFUNDED, REFUSED,
/// NOT_SENT). Open states are found through the `open` set, FULFILLED (most orders) by scanning
/// the orders themselves. Codes are [`OrderState::index_code`] (checked by a test).
pub(crate) fn status_is_indexed(code: u8) -> bool {
    matches!(code, 6 | 8 | 10)
}

/// Whether a status code is one of the open (non-final) states: SAVED, SENT, PENDING,
/// HANDLING, UNKNOWN_ERROR, UNCONFIRMED.
pub(crate) fn status_is_open(code: u8) -> bool {
    matches!(code, 1 | 2 | 3 | 4 | 7 | 9)
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

/// Keys created during a calendar day of `zone`, from local midnight to the next: `[first, end)`.
pub(crate) fn day_bounds(day: NaiveDate, zone: Tz) -> (OrderKey, OrderKey) {
    let start = local_midnight_ms(day, zone);
    let end = day.succ_opt().and_then(|d| local_midnight_ms(d, zone));
    match (start, end) {
        (Some(s), Some(e)) if e > 0 => (
            OrderKey::first_at(s.max(0) as u64),
            OrderKey::first_at(e as u64),
        ),
        // Before 1970 or past chrono's range: no order can have been created then.
        _ => (OrderKey(0), OrderKey(0)),
    }
}

/// When `day` starts in `zone` (the history's `day` filter and `sync --since` agree on it).
pub fn day_start(day: NaiveDate, zone: Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(local_midnight_ms(day, zone)?)
}

/// When `day` starts in `zone`, in unix milliseconds. Where the clocks skip midnight (daylight
/// saving starting at 00:00) the day starts at the first local time that exists.
fn local_midnight_ms(day: NaiveDate, zone: Tz) -> Option<i64> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    (0..=2)
        .find_map(|h| {
            let t = midnight.checked_add_signed(chrono::TimeDelta::hours(h))?;
            zone.from_local_datetime(&t).earliest()
        })
        .map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::OrderState;

    #[test]
    fn prefix_end_carries() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 255]), Some(vec![2]));
        assert_eq!(prefix_end(&[255, 255]), None);
    }

    #[test]
    fn day_bounds_cover_exactly_one_day() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let (lo, hi) = day_bounds(day, Tz::UTC);
        assert_eq!(lo.millis(), 1_740_787_200_000);
        assert_eq!(hi.millis() - lo.millis(), 86_400_000);
        let (lo1, hi1) = day_bounds(day, Tz::Africa__Algiers);
        assert_eq!(
            lo1.millis(),
            1_740_787_200_000 - 3_600_000,
            "Algiers is an hour ahead"
        );
        assert_eq!(hi1.millis() - lo1.millis(), 86_400_000);
        let old = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
        let (lo, hi) = day_bounds(old, Tz::UTC);
        assert!(lo >= hi, "an empty range before 1970");
    }

    #[test]
    fn a_day_with_a_clock_change_is_23_or_25_hours() {
        let spring = NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
        let (lo, hi) = day_bounds(spring, Tz::Europe__Paris);
        assert_eq!(hi.millis() - lo.millis(), 23 * 3_600_000);
        let autumn = NaiveDate::from_ymd_opt(2025, 10, 26).unwrap();
        let (lo, hi) = day_bounds(autumn, Tz::Europe__Paris);
        assert_eq!(hi.millis() - lo.millis(), 25 * 3_600_000);
    }

    #[test]
    fn only_rare_final_failures_are_indexed() {
        let at = chrono::DateTime::UNIX_EPOCH;
        let states = crate::testkit::every_state(at);
        for s in &states {
            let code = s.index_code();
            assert_eq!(status_is_open(code), s.is_open(), "{s:?}");
            let rare = matches!(
                s,
                OrderState::Refunded | OrderState::Refused { .. } | OrderState::NotSent
            );
            assert_eq!(status_is_indexed(code), rare, "{s:?}");
        }
        assert!(!status_is_open(0) && !status_is_indexed(0) && !status_is_open(11));
    }
}
