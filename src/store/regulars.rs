//! Regulars: the numbers from the history that start with the digits being typed, the most
//! recently served first, each with its last order (the sale screen offers them, and one key
//! repeats that last sale).
//!
//! Reads the `numbers` groups under the digits (each number with its last key and count), never
//! the order lists; then the last order of the few numbers kept.

use super::Store;
use super::error::StoreError;
use super::numbers;
use super::orders::read_order;
use crate::ledger::OrderRecord;
use std::cmp::Reverse;

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
        let t = self.trees()?;
        let mut found = numbers::under(&t.numbers, digits.as_bytes())?;
        found.sort_unstable_by_key(|n| Reverse(n.last));
        found.truncate(limit);
        let mut out = Vec::with_capacity(found.len());
        for n in found {
            match read_order(&t, n.last) {
                Ok(Some(last)) => out.push(Regular {
                    phone: String::from_utf8_lossy(&n.phone).into_owned(),
                    orders: n.count as usize,
                    last,
                }),
                Ok(None) => tracing::error!("a phone list names a missing order"),
                Err(e) => tracing::error!("skipping a regular: {e}"),
            }
        }
        Ok(out)
    }
}
