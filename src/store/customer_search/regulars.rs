//! Regulars: the numbers from the history that start with the digits being typed, the most
//! recently served first, each with its last order (the sale screen offers them, and one key
//! repeats that last sale).
//!
//! Reads the `numbers` groups under the digits, then the `phones` list of each number found
//! (its last key and count), then the last order of the few numbers kept.

use super::numbers;
use crate::store::Store;
use crate::store::error::StoreError;
use crate::store::orders::read_order;
use crate::store::phones::{self, KeyList};
use std::cmp::Reverse;

pub use crate::ledger::Regular;

impl Store {
    /// Up to `limit` numbers starting with `digits`, the most recently served first. A damaged
    /// entry or order is skipped and logged.
    pub fn regulars(&self, digits: &str, limit: usize) -> Result<Vec<Regular>, StoreError> {
        if digits.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let t = self.trees()?;
        let mut found = Vec::new();
        for phone in numbers::under(&t.numbers, digits.as_bytes())? {
            let Some(list) = t.phones.get(&phone)? else {
                tracing::error!("the numbers name a number without orders");
                continue;
            };
            match KeyList::new(&list) {
                Some(keys) if keys.len() > 0 => {
                    found.push((keys.get(keys.len() - 1), keys.len(), phone))
                }
                _ => tracing::error!(
                    "skipping a regular: {}",
                    phones::damaged_list(&phone, list.len())
                ),
            }
        }
        found.sort_unstable_by_key(|(last, _, _)| Reverse(*last));
        found.truncate(limit);
        let mut out = Vec::with_capacity(found.len());
        for (key, count, phone) in found {
            match read_order(&t, key) {
                Ok(Some(last)) => out.push(Regular {
                    phone: String::from_utf8_lossy(&phone).into_owned(),
                    orders: count,
                    last,
                }),
                Ok(None) => tracing::error!("a phone list names a missing order"),
                Err(e) => tracing::error!("skipping a regular: {e}"),
            }
        }
        Ok(out)
    }
}
