//! Refs without a full index. A ref made by the lifecycle (or the demo generator) is
//! `<terminal id>-<the order key in 26 base32 digits>` ([`crate::ledger::reference::make_ref`]):
//! it names its own order, so looking it up is reading that key. Only a ref of another shape
//! (imported, hand-made, from an old build) gets a `by_ref` entry; a real till has none.

use crate::ledger::reference::{
    is_clean_terminal_id as is_terminal, key_range_of_digits, parse_ref,
};
use crate::ledger::{OrderKey, OrderRecord};

/// The key a ref of the lifecycle's exact shape names (lowercase digits, one `-`); `None` for
/// any other ref.
pub(crate) fn named_key(reference: &str) -> Option<OrderKey> {
    parse_ref(reference).map(|(_, key)| key)
}

/// Whether this order's ref names its own key (so it needs no `by_ref` entry).
pub(crate) fn names_own_key(rec: &OrderRecord) -> bool {
    named_key(&rec.reference) == Some(rec.key)
}

/// Which orders whose ref names their own key can have a ref starting with a prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefPrefix {
    /// Only those whose key is in `[lo, hi)` (`hi == None`: up to the largest key).
    Keys(OrderKey, Option<OrderKey>),
    /// None of them.
    NoKey,
    /// Any of them: the prefix ends inside the terminal id, which says nothing about the key.
    AnyKey,
}

/// `<terminal>-<digits>` is a key range (the digits are big-endian); a prefix without `-` is
/// still inside the terminal id.
pub(crate) fn ref_prefix(prefix: &str) -> RefPrefix {
    match prefix.split_once('-') {
        None if is_terminal(prefix) => RefPrefix::AnyKey,
        None => RefPrefix::NoKey,
        Some((terminal, _)) if !is_terminal(terminal) => RefPrefix::NoKey,
        Some((_, digits)) => match key_range_of_digits(digits) {
            Some((lo, hi)) => RefPrefix::Keys(lo, hi),
            None => RefPrefix::NoKey,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::reference::{encode_key, make_ref};

    #[test]
    fn only_the_exact_lifecycle_shape_names_a_key() {
        let key = OrderKey((1_740_787_200_000u128 << 64) | 77);
        let r = make_ref("Shop 1", key);
        assert_eq!(named_key(&r), Some(key));
        assert_eq!(
            named_key(&r.to_uppercase()),
            None,
            "refs are compared exactly"
        );
        assert_eq!(named_key(&format!("a-{r}")), None, "two dashes");
        assert_eq!(named_key(&r[..r.len() - 1]), None);
        assert_eq!(named_key("t1-a"), None);
        assert_eq!(named_key(&format!("-{}", encode_key(key))), None);
    }

    #[test]
    fn prefixes_map_to_key_ranges() {
        let key = OrderKey((1_740_787_200_000u128 << 64) | 77);
        let r = make_ref("demo", key);
        for len in 1..=r.len() {
            let p = &r[..len];
            match ref_prefix(p) {
                RefPrefix::Keys(lo, hi) => {
                    assert!(len > 4, "{p}");
                    assert!(key >= lo && hi.is_none_or(|hi| key < hi), "{p}");
                }
                RefPrefix::AnyKey => assert!(len <= 4, "{p}"),
                RefPrefix::NoKey => panic!("{p} must cover its own ref"),
            }
        }
        assert_eq!(ref_prefix("demo-9"), RefPrefix::NoKey);
        assert_eq!(ref_prefix("Demo-0"), RefPrefix::NoKey);
        assert_eq!(ref_prefix("de/"), RefPrefix::NoKey);
        assert_eq!(ref_prefix("s-"), RefPrefix::Keys(OrderKey(0), None));
    }
}
