//! Tree names and the byte layout of index keys.
//!
//! Every `by_status` key ends with the 16 big-endian bytes of the order key, so entries of one
//! status sort by creation time and "newest first" is a reverse range scan.

use crate::ledger::{OrderKey, Status};

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
/// Every number, grouped by its first four characters (`customer_search/numbers.rs`).
pub(crate) const NUMBERS: &str = "numbers";
/// Schema 1's phone index (one key per order), dropped by the migration to schema 2.
pub(crate) const OLD_BY_PHONE: &str = "by_phone";

/// `meta` keys.
pub(crate) const META_SCHEMA: &[u8] = b"schema_version";
pub(crate) const META_COUNT: &[u8] = b"order_count";

pub(crate) const KEY_LEN: usize = 16;

/// The statuses `by_status` holds: the rare final failures staff look for (REFUNDED, REFUSED,
/// NOT_SENT). Open states are found through the `open` set, FULFILLED (most orders) by scanning
/// the orders themselves.
pub(crate) fn status_is_indexed(status: Status) -> bool {
    match status {
        Status::Refunded | Status::Refused | Status::NotSent => true,
        Status::Saved
        | Status::Sent
        | Status::Pending
        | Status::Handling
        | Status::Fulfilled
        | Status::UnknownError
        | Status::Unconfirmed
        | Status::Queued => false,
    }
}

/// `status code ++ key`.
pub(crate) fn status_entry(status: Status, key: OrderKey) -> [u8; 1 + KEY_LEN] {
    let mut out = [0u8; 1 + KEY_LEN];
    out[0] = status.code();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_carries() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 255]), Some(vec![2]));
        assert_eq!(prefix_end(&[255, 255]), None);
    }

    #[test]
    fn only_rare_final_failures_are_indexed() {
        let indexed: Vec<_> = Status::ALL
            .into_iter()
            .filter(|&s| status_is_indexed(s))
            .collect();
        assert_eq!(
            indexed,
            [Status::Refunded, Status::Refused, Status::NotSent]
        );
    }
}
