//! The phone index: ONE entry per phone number, whose value is the keys of that number's
//! orders, 16 big-endian bytes each, ascending (oldest first).
//!
//! sled's page state grows with the number of keys, not their size, so one key per number
//! instead of one per order keeps memory small. The cost is a read-modify-write of the
//! number's list on every new order (16 bytes an order: a regular with 2 000 orders has a
//! 32 kB entry), done inside the same transaction as the order itself.

use super::error::StoreError;
use super::keys::KEY_LEN;
use crate::ledger::OrderKey;

/// The keys of one stored list, checked to be whole keys.
#[derive(Clone, Copy)]
pub(crate) struct KeyList<'a>(&'a [u8]);

impl<'a> KeyList<'a> {
    /// `None` when the stored bytes are not a whole number of keys (damage).
    pub(crate) fn new(raw: &'a [u8]) -> Option<KeyList<'a>> {
        raw.len().is_multiple_of(KEY_LEN).then_some(KeyList(raw))
    }

    pub(crate) fn len(self) -> usize {
        self.0.len() / KEY_LEN
    }

    pub(crate) fn get(self, i: usize) -> OrderKey {
        let bytes: [u8; KEY_LEN] = self.0[i * KEY_LEN..(i + 1) * KEY_LEN]
            .try_into()
            .expect("a KeyList is a whole number of 16-byte keys");
        OrderKey(u128::from_be_bytes(bytes))
    }

    /// The first position whose key is not below `key`.
    pub(crate) fn position(self, key: OrderKey) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.get(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Positions of the keys in `[lo, hi)` (`hi == None`: no upper bound).
    pub(crate) fn span(self, lo: OrderKey, hi: Option<OrderKey>) -> (usize, usize) {
        let start = self.position(lo);
        let end = hi.map_or(self.len(), |hi| self.position(hi)).max(start);
        (start, end)
    }
}

/// The damage message of a list that is not whole keys.
pub(crate) fn damaged_list(phone: &[u8], len: usize) -> StoreError {
    StoreError::CorruptRecord {
        what: "phone index entry",
        key: String::from_utf8_lossy(phone).into_owned(),
        detail: format!("{len} bytes, not a whole number of 16-byte order keys"),
    }
}

/// `old` with `new` (ascending) merged in; keys already there are kept once.
pub(crate) fn with_keys(old: KeyList<'_>, new: &[OrderKey]) -> Vec<u8> {
    let mut out = Vec::with_capacity((old.len() + new.len()) * KEY_LEN);
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let next = match (i < old.len(), j < new.len()) {
            (true, true) if old.get(i) == new[j] => {
                j += 1;
                continue;
            }
            (true, true) if old.get(i) < new[j] => {
                i += 1;
                old.get(i - 1)
            }
            (true, false) => {
                i += 1;
                old.get(i - 1)
            }
            _ => {
                j += 1;
                new[j - 1]
            }
        };
        out.extend_from_slice(&next.to_bytes());
    }
    out
}

/// `old` without `key`.
pub(crate) fn without_key(old: KeyList<'_>, key: OrderKey) -> Vec<u8> {
    let mut out = old.0.to_vec();
    let at = old.position(key);
    if at < old.len() && old.get(at) == key {
        out.drain(at * KEY_LEN..(at + 1) * KEY_LEN);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(keys: &[u128]) -> Vec<u8> {
        keys.iter().flat_map(|k| k.to_be_bytes()).collect()
    }

    fn keys(raw: &[u8]) -> Vec<u128> {
        let l = KeyList::new(raw).unwrap();
        (0..l.len()).map(|i| l.get(i).0).collect()
    }

    #[test]
    fn merging_keeps_the_list_sorted_and_unique() {
        let old = list(&[2, 5, 9]);
        let merged = with_keys(
            KeyList::new(&old).unwrap(),
            &[OrderKey(1), OrderKey(5), OrderKey(7), OrderKey(10)],
        );
        assert_eq!(keys(&merged), [1, 2, 5, 7, 9, 10]);
        let l = KeyList::new(&merged).unwrap();
        assert_eq!(keys(&without_key(l, OrderKey(7))), [1, 2, 5, 9, 10]);
        assert_eq!(keys(&without_key(l, OrderKey(8))), [1, 2, 5, 7, 9, 10]);
        assert_eq!(l.span(OrderKey(2), Some(OrderKey(9))), (1, 4));
        assert_eq!(l.span(OrderKey(3), None), (2, 6));
        assert_eq!(l.span(OrderKey(9), Some(OrderKey(3))), (4, 4));
        assert!(KeyList::new(&[0u8; 17]).is_none());
        assert_eq!(
            keys(&with_keys(KeyList::new(&[]).unwrap(), &[OrderKey(3)])),
            [3]
        );
    }
}
