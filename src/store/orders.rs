//! Writing and reading orders. Every write is one sled transaction over the order and all its
//! index entries (so an index never points at a missing or older order), flushed before it
//! returns.

use super::codec::{self, decode_order, encode_order};
use super::error::{StoreError, key_label};
use super::keys::{self, META_COUNT, META_SCHEMA};
use super::{Store, Trees};
use crate::orders::model::{OrderKey, OrderRecord};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

pub(crate) fn tx_error(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => e.into(),
    }
}

/// The index entries one order owns.
pub(crate) struct Entries {
    pub(crate) key: [u8; keys::KEY_LEN],
    pub(crate) reference: Vec<u8>,
    pub(crate) phone: Vec<u8>,
    pub(crate) status: [u8; 1 + keys::KEY_LEN],
    pub(crate) open: bool,
}

impl Entries {
    pub(crate) fn of(rec: &OrderRecord) -> Entries {
        Entries {
            key: rec.key.to_bytes(),
            reference: rec.reference.as_bytes().to_vec(),
            phone: keys::phone_entry(&rec.phone, rec.key),
            status: keys::status_entry(rec.state.index_code(), rec.key),
            open: rec.state.is_open(),
        }
    }
}

/// A record the store will not take.
fn check_record(rec: &OrderRecord) -> Result<(), StoreError> {
    if rec.reference.is_empty() {
        return Err(StoreError::Invalid(format!(
            "order {} has an empty ref",
            key_label(rec.key)
        )));
    }
    Ok(())
}

/// Reads the order count inside a transaction and adds `delta`.
fn bump_count(meta: &TransactionalTree, delta: u64) -> TxResult<()> {
    let now = match meta.get(META_COUNT)? {
        None => 0,
        Some(raw) => match codec::read_u64(&raw) {
            Some(n) => n,
            None => {
                return abort(StoreError::CorruptRecord {
                    what: "meta entry",
                    key: "order_count".into(),
                    detail: format!("{} bytes instead of 8", raw.len()),
                });
            }
        },
    };
    meta.insert(META_COUNT, &codec::u64_bytes(now.saturating_add(delta))[..])?;
    Ok(())
}

/// Writes a new order and its index entries (no checks).
#[allow(clippy::too_many_arguments)]
fn write_new(
    e: &Entries,
    value: &[u8],
    orders: &TransactionalTree,
    by_ref: &TransactionalTree,
    by_phone: &TransactionalTree,
    by_status: &TransactionalTree,
    open: &TransactionalTree,
) -> TxResult<()> {
    orders.insert(&e.key[..], value)?;
    by_ref.insert(&e.reference[..], &e.key[..])?;
    by_phone.insert(&e.phone[..], &[][..])?;
    by_status.insert(&e.status[..], &[][..])?;
    if e.open {
        open.insert(&e.key[..], &[][..])?;
    }
    Ok(())
}

/// Refuses a new order whose ref or key is taken.
fn check_free(
    rec: &OrderRecord,
    e: &Entries,
    orders: &TransactionalTree,
    by_ref: &TransactionalTree,
) -> TxResult<()> {
    if by_ref.get(&e.reference[..])?.is_some() {
        return abort(StoreError::DuplicateRef {
            reference: rec.reference.clone(),
        });
    }
    if orders.get(&e.key[..])?.is_some() {
        return abort(StoreError::DuplicateKey {
            key: key_label(rec.key),
        });
    }
    Ok(())
}

impl Store {
    /// Stores a NEW order with all its index entries and adds one to [`Store::count`], in one
    /// transaction, flushed to disk before returning. A ref (or key) already stored is refused
    /// with [`StoreError::DuplicateRef`] ([`StoreError::DuplicateKey`]) and nothing is written.
    pub fn insert_new(&self, rec: &OrderRecord) -> Result<(), StoreError> {
        check_record(rec)?;
        let value = encode_order(rec)?;
        let e = Entries::of(rec);
        let t = self.trees();
        (
            &t.orders,
            &t.by_ref,
            &t.by_phone,
            &t.by_status,
            &t.open,
            &t.meta,
        )
            .transaction(|(orders, by_ref, by_phone, by_status, open, meta)| {
                check_free(rec, &e, orders, by_ref)?;
                write_new(&e, &value, orders, by_ref, by_phone, by_status, open)?;
                bump_count(meta, 1)
            })
            .map_err(tx_error)?;
        t.db.flush()?;
        Ok(())
    }

    /// Replaces a stored order (same key) and moves its index entries (status, open set, and
    /// ref/phone if they changed) in one transaction, flushed before returning. The previous
    /// version is read inside the transaction, so concurrent updates cannot leave stale index
    /// entries. Errors: [`StoreError::NotFound`]; [`StoreError::CorruptRecord`] if the stored
    /// version cannot be read (nothing is written then); [`StoreError::RefTaken`].
    pub fn update(&self, rec: &OrderRecord) -> Result<(), StoreError> {
        check_record(rec)?;
        let value = encode_order(rec)?;
        let new = Entries::of(rec);
        let t = self.trees();
        (&t.orders, &t.by_ref, &t.by_phone, &t.by_status, &t.open)
            .transaction(|(orders, by_ref, by_phone, by_status, open)| {
                let Some(raw) = orders.get(&new.key[..])? else {
                    return abort(StoreError::NotFound {
                        key: key_label(rec.key),
                    });
                };
                let old = match decode_order(rec.key, &raw) {
                    Ok(old) => Entries::of(&old),
                    Err(e) => return abort(e),
                };
                if old.reference != new.reference {
                    if by_ref.get(&new.reference[..])?.is_some() {
                        return abort(StoreError::RefTaken {
                            key: key_label(rec.key),
                            reference: rec.reference.clone(),
                        });
                    }
                    by_ref.remove(&old.reference[..])?;
                    by_ref.insert(&new.reference[..], &new.key[..])?;
                }
                if old.phone != new.phone {
                    by_phone.remove(&old.phone[..])?;
                    by_phone.insert(&new.phone[..], &[][..])?;
                }
                if old.status != new.status {
                    by_status.remove(&old.status[..])?;
                    by_status.insert(&new.status[..], &[][..])?;
                }
                if new.open {
                    open.insert(&new.key[..], &[][..])?;
                } else {
                    open.remove(&new.key[..])?;
                }
                orders.insert(&new.key[..], &value[..])?;
                Ok(())
            })
            .map_err(tx_error)?;
        t.db.flush()?;
        Ok(())
    }

    /// Stores many NEW orders at once (seeding, demo data, imports): one transaction for the
    /// whole slice and one flush at the end. All or nothing: a ref or key already stored (or
    /// twice in the slice) refuses the whole slice. Keep slices to ~10 000 orders: sled holds
    /// a transaction's writes in memory.
    pub fn insert_batch(&self, recs: &[OrderRecord]) -> Result<(), StoreError> {
        if recs.is_empty() {
            return Ok(());
        }
        let mut prepared = Vec::with_capacity(recs.len());
        for rec in recs {
            check_record(rec)?;
            prepared.push((rec, Entries::of(rec), encode_order(rec)?));
        }
        let t = self.trees();
        (
            &t.orders,
            &t.by_ref,
            &t.by_phone,
            &t.by_status,
            &t.open,
            &t.meta,
        )
            .transaction(|(orders, by_ref, by_phone, by_status, open, meta)| {
                for (rec, e, value) in &prepared {
                    check_free(rec, e, orders, by_ref)?;
                    write_new(e, value, orders, by_ref, by_phone, by_status, open)?;
                }
                bump_count(meta, prepared.len() as u64)
            })
            .map_err(tx_error)?;
        t.db.flush()?;
        Ok(())
    }

    /// The order with this key. A stored order that cannot be read is
    /// [`StoreError::CorruptRecord`] naming the key (never a panic).
    pub fn get(&self, key: OrderKey) -> Result<Option<OrderRecord>, StoreError> {
        read_order(self.trees(), key)
    }

    /// The order with this exact ref.
    pub fn get_by_ref(&self, reference: &str) -> Result<Option<OrderRecord>, StoreError> {
        let t = self.trees();
        let Some(raw) = t.by_ref.get(reference.as_bytes())? else {
            return Ok(None);
        };
        let key = OrderKey::from_bytes(&raw).ok_or_else(|| StoreError::CorruptRecord {
            what: "ref index entry",
            key: reference.to_string(),
            detail: format!("{} bytes instead of a 16-byte order key", raw.len()),
        })?;
        match read_order(t, key)? {
            Some(rec) => Ok(Some(rec)),
            None => Err(StoreError::CorruptRecord {
                what: "ref index entry",
                key: reference.to_string(),
                detail: format!("it points at order {}, which is missing", key_label(key)),
            }),
        }
    }

    /// Every non-final order (the poller's work list), oldest first. Reads only the `open`
    /// set, never the whole history. An order that cannot be read is skipped and logged
    /// (`tracing::error!`, naming its key) so one damaged record cannot stop the poller; it
    /// also shows up in [`crate::store::Page::damaged`] when the history reaches it.
    pub fn open_orders(&self) -> Result<Vec<OrderRecord>, StoreError> {
        let t = self.trees();
        let mut out = Vec::new();
        for item in t.open.iter() {
            let (raw_key, _) = item?;
            let Some(key) = OrderKey::from_bytes(&raw_key) else {
                tracing::error!("skipping an unreadable entry of the open-orders set: {raw_key:?}");
                continue;
            };
            match read_order(t, key) {
                Ok(Some(rec)) if rec.state.is_open() => out.push(rec),
                Ok(Some(_)) => {
                    tracing::warn!(
                        "order {} is final but still in the open set",
                        key_label(key)
                    )
                }
                Ok(None) => tracing::error!(
                    "the open-orders set names order {}, which is missing",
                    key_label(key)
                ),
                Err(e) => tracing::error!("skipping an open order: {e}"),
            }
        }
        Ok(out)
    }

    /// How many orders are open. Counts the `open` set (small), without reading orders.
    pub fn open_count(&self) -> Result<usize, StoreError> {
        Ok(self.trees().open.len())
    }

    /// How many orders the store holds, kept in `meta` by every insert: O(1).
    pub fn count(&self) -> Result<u64, StoreError> {
        let raw = self.trees().meta.get(META_COUNT)?;
        match raw {
            None => Ok(0),
            Some(raw) => codec::read_u64(&raw).ok_or_else(|| StoreError::CorruptRecord {
                what: "meta entry",
                key: "order_count".into(),
                detail: format!("{} bytes instead of 8", raw.len()),
            }),
        }
    }

    /// The schema version of the open store (always [`crate::store::SCHEMA_VERSION`] once
    /// open; older stores are migrated by [`Store::open`]).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let raw = self.trees().meta.get(META_SCHEMA)?;
        raw.as_deref()
            .and_then(codec::read_u32)
            .ok_or_else(|| StoreError::CorruptRecord {
                what: "meta entry",
                key: "schema_version".into(),
                detail: "missing or not 4 bytes".into(),
            })
    }
}

pub(crate) fn read_order(t: &Trees, key: OrderKey) -> Result<Option<OrderRecord>, StoreError> {
    match t.orders.get(key.to_bytes())? {
        None => Ok(None),
        Some(raw) => decode_order(key, &raw).map(Some),
    }
}
