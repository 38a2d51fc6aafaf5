//! How many times each order's slip was printed, and when last: a reprint says it is a copy.
//!
//! Kept in `meta` under `prints:` and the order's 16-byte key: a 4-byte big-endian count and
//! the last print's unix milliseconds (8 bytes, big-endian). An order never printed has no
//! entry (most orders are never printed: no key is spent on them).

use super::Store;
use super::error::StoreError;
use crate::ledger::OrderKey;
use chrono::{DateTime, Utc};

const PREFIX: &[u8] = b"prints:";

/// An order's prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrintCount {
    /// Slips printed (0: never).
    pub count: u32,
    /// When the last one was printed.
    pub last_at: Option<DateTime<Utc>>,
}

impl PrintCount {
    /// The next slip of this order is a reprint.
    pub fn printed(&self) -> bool {
        self.count > 0
    }

    fn to_bytes(self) -> [u8; 12] {
        let mut out = [0u8; 12];
        out[..4].copy_from_slice(&self.count.to_be_bytes());
        let millis = self.last_at.map_or(0, |t| t.timestamp_millis());
        out[4..].copy_from_slice(&millis.to_be_bytes());
        out
    }

    fn from_bytes(b: &[u8]) -> Option<PrintCount> {
        let count = u32::from_be_bytes(b.get(..4)?.try_into().ok()?);
        let millis = i64::from_be_bytes(b.get(4..12)?.try_into().ok()?);
        Some(PrintCount {
            count,
            last_at: DateTime::from_timestamp_millis(millis),
        })
    }
}

fn entry(key: OrderKey) -> Vec<u8> {
    let mut k = PREFIX.to_vec();
    k.extend_from_slice(&key.to_bytes());
    k
}

impl Store {
    /// How many times this order's slip was printed.
    pub fn prints(&self, key: OrderKey) -> Result<PrintCount, StoreError> {
        match self.trees()?.meta.get(entry(key))? {
            None => Ok(PrintCount::default()),
            Some(raw) => PrintCount::from_bytes(&raw).ok_or_else(|| StoreError::CorruptRecord {
                what: "print count",
                key: super::key_label(key),
                detail: "not 12 bytes".into(),
            }),
        }
    }

    /// Counts one more print of this order's slip, at `at` (flushed before returning); the
    /// count after it.
    pub fn count_print(&self, key: OrderKey, at: DateTime<Utc>) -> Result<PrintCount, StoreError> {
        let t = self.writer()?;
        let after = t
            .meta
            .update_and_fetch(entry(key), |old| {
                let before = old.and_then(PrintCount::from_bytes).unwrap_or_default();
                Some(
                    PrintCount {
                        count: before.count.saturating_add(1),
                        last_at: Some(at),
                    }
                    .to_bytes()
                    .to_vec(),
                )
            })
            .map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        Ok(after
            .as_deref()
            .and_then(PrintCount::from_bytes)
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_are_counted_per_order_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (OrderKey(1 << 70), OrderKey(2 << 70));
        let at = DateTime::from_timestamp(1_765_000_000, 0).unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            assert_eq!(store.prints(a).unwrap(), PrintCount::default());
            assert_eq!(store.count_print(a, at).unwrap().count, 1);
            let second = store.count_print(a, at).unwrap();
            assert_eq!((second.count, second.last_at), (2, Some(at)));
            assert!(!store.prints(b).unwrap().printed());
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.prints(a).unwrap().count, 2, "kept across a restart");
    }
}
