//! Regulars: the numbers from the history that start with the digits being typed, the most
//! recently served first, each with its last order (the sale screen offers them, and one key
//! repeats that last sale).
//!
//! Reads the `phones` entries under the digits (one per number) and only the last key of each;
//! then the last order of the few numbers kept.

use super::Store;
use super::error::StoreError;
use super::orders::read_order;
use super::phones::{self, KeyList};
use crate::ledger::{OrderKey, OrderRecord};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A number from the history.
#[derive(Clone, Debug, PartialEq)]
pub struct Regular {
    pub phone: String,
    /// How many orders it has.
    pub orders: usize,
    /// Its last order (plan, amount, status).
    pub last: OrderRecord,
}

impl Store {
    /// Up to `limit` numbers starting with `digits`, the most recently served first. A damaged
    /// entry or order is skipped and logged.
    pub fn regulars(&self, digits: &str, limit: usize) -> Result<Vec<Regular>, StoreError> {
        if digits.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let t = self.trees();
        // The `limit` newest last-orders seen so far (a min-heap on the key).
        let mut newest: BinaryHeap<Reverse<(OrderKey, usize, Vec<u8>)>> = BinaryHeap::new();
        for item in t.phones.scan_prefix(digits.as_bytes()) {
            let (phone, value) = item?;
            let Some(list) = KeyList::new(&value) else {
                tracing::error!("{}", phones::damaged_list(&phone, value.len()));
                continue;
            };
            if list.len() == 0 {
                continue;
            }
            let last = list.get(list.len() - 1);
            if newest.len() < limit {
                newest.push(Reverse((last, list.len(), phone.to_vec())));
            } else if newest.peek().is_some_and(|Reverse((k, _, _))| *k < last) {
                newest.pop();
                newest.push(Reverse((last, list.len(), phone.to_vec())));
            }
        }
        let mut found: Vec<(OrderKey, usize, Vec<u8>)> =
            newest.into_iter().map(|Reverse(x)| x).collect();
        found.sort_unstable_by_key(|f| Reverse(f.0));
        let mut out = Vec::with_capacity(found.len());
        for (key, orders, phone) in found {
            match read_order(t, key) {
                Ok(Some(last)) => out.push(Regular {
                    phone: String::from_utf8_lossy(&phone).into_owned(),
                    orders,
                    last,
                }),
                Ok(None) => tracing::error!("a phone list names a missing order"),
                Err(e) => tracing::error!("skipping a regular: {e}"),
            }
        }
        Ok(out)
    }
}
