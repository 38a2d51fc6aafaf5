//! Writing and reading orders. Every write is one sled transaction over the order and all its
//! index entries (so an index never points at a missing or older order), flushed before it
//! returns.

use super::codec::{self, decode_order, encode_order};
use super::customer_search::numbers;
use super::error::{StoreError, key_label};
use super::keys::{self, META_COUNT, META_SCHEMA};
use super::phones::{self, KeyList};
use super::refs;
use super::till_spans;
use super::totals::{self, Changes};
use super::{Store, Trees};
use crate::ledger::{OrderKey, OrderRecord};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use std::cell::Cell;
use std::collections::BTreeMap;

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

pub(crate) fn abort<T>(e: StoreError) -> TxResult<T> {
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
    /// Its `by_ref` entry: only a ref that does not name its own key has one.
    pub(crate) odd_ref: Option<Vec<u8>>,
    pub(crate) status: Option<[u8; 1 + keys::KEY_LEN]>,
    pub(crate) open: bool,
}

impl Entries {
    pub(crate) fn of(rec: &OrderRecord) -> Entries {
        let status = rec.state.status();
        Entries {
            key: rec.key.to_bytes(),
            odd_ref: (!refs::names_own_key(rec)).then(|| rec.reference.as_bytes().to_vec()),
            status: keys::status_is_indexed(status).then(|| keys::status_entry(status, rec.key)),
            // Another till's or the dashboard's order is never the poller's work.
            open: rec.state.is_open() && !rec.is_external(),
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

/// Reads the order count inside a transaction and adds `delta`; returns the new count.
fn bump_count(meta: &TransactionalTree, delta: u64) -> TxResult<u64> {
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
    let count = now.saturating_add(delta);
    meta.insert(META_COUNT, &codec::u64_bytes(count)[..])?;
    Ok(count)
}

/// Writes a new order and its ref, status and open entries (no checks; the phone list is
/// written by [`add_to_phone`]).
fn write_new(
    e: &Entries,
    value: &[u8],
    orders: &TransactionalTree,
    by_ref: &TransactionalTree,
    by_status: &TransactionalTree,
    open: &TransactionalTree,
) -> TxResult<()> {
    orders.insert(&e.key[..], value)?;
    if let Some(r) = &e.odd_ref {
        by_ref.insert(&r[..], &e.key[..])?;
    }
    if let Some(s) = &e.status {
        by_status.insert(&s[..], &[][..])?;
    }
    if e.open {
        open.insert(&e.key[..], &[][..])?;
    }
    Ok(())
}

/// The `phones` and `numbers` trees of a write transaction.
struct PhoneTrees<'a> {
    lists: &'a TransactionalTree,
    numbers: &'a TransactionalTree,
    /// Set when a group of `numbers` changed (in any attempt: the directory is dropped after).
    groups_changed: &'a Cell<bool>,
}

/// Every tree an order write touches, inside its transaction.
struct OrderTx<'a> {
    orders: &'a TransactionalTree,
    by_ref: &'a TransactionalTree,
    by_status: &'a TransactionalTree,
    open: &'a TransactionalTree,
    /// The books' running totals.
    kept: &'a TransactionalTree,
    meta: &'a TransactionalTree,
    phones: PhoneTrees<'a>,
}

impl Trees {
    /// Runs `write` in one transaction over every tree an order write touches. Afterwards,
    /// whatever the outcome, a `numbers` group it changed (in any attempt) makes the in-memory
    /// number directory stale.
    fn order_transaction<R>(
        &self,
        write: impl Fn(&OrderTx<'_>) -> TxResult<R>,
    ) -> Result<R, TransactionError<StoreError>> {
        let groups_changed = Cell::new(false);
        let result = (
            &self.orders,
            &self.by_ref,
            &self.phones,
            &self.by_status,
            &self.open,
            &self.totals,
            &self.meta,
            &self.numbers,
        )
            .transaction(
                |(orders, by_ref, lists, by_status, open, kept, meta, numbers)| {
                    write(&OrderTx {
                        orders,
                        by_ref,
                        by_status,
                        open,
                        kept,
                        meta,
                        phones: PhoneTrees {
                            lists,
                            numbers,
                            groups_changed: &groups_changed,
                        },
                    })
                },
            );
        if groups_changed.get() {
            self.directory.invalidate();
        }
        result
    }
}

/// Adds keys (ascending) to a number's list.
fn add_to_phone(t: &PhoneTrees<'_>, phone: &str, new: &[OrderKey]) -> TxResult<()> {
    let old = t.lists.get(phone.as_bytes())?;
    let old = old.as_deref().unwrap_or(&[]);
    let Some(list) = KeyList::new(old) else {
        return abort(phones::damaged_list(phone.as_bytes(), old.len()));
    };
    let now = phones::with_keys(list, new);
    if numbers::set(t.numbers, phone.as_bytes(), &now)? {
        t.groups_changed.set(true);
    }
    t.lists.insert(phone.as_bytes(), now)?;
    Ok(())
}

/// Takes a key out of a number's list (the entry goes when the list is empty).
fn remove_from_phone(t: &PhoneTrees<'_>, phone: &str, key: OrderKey) -> TxResult<()> {
    let Some(old) = t.lists.get(phone.as_bytes())? else {
        return Ok(());
    };
    let Some(list) = KeyList::new(&old) else {
        return abort(phones::damaged_list(phone.as_bytes(), old.len()));
    };
    let left = phones::without_key(list, key);
    if numbers::set(t.numbers, phone.as_bytes(), &left)? {
        t.groups_changed.set(true);
    }
    if left.is_empty() {
        t.lists.remove(phone.as_bytes())?;
    } else {
        t.lists.insert(phone.as_bytes(), left)?;
    }
    Ok(())
}

/// The key of the order holding exactly this ref, inside a transaction: the key the ref names
/// if that order has this ref, else its `by_ref` entry.
fn ref_holder(
    reference: &str,
    orders: &TransactionalTree,
    by_ref: &TransactionalTree,
) -> TxResult<Option<OrderKey>> {
    if let Some(key) = refs::named_key(reference)
        && let Some(raw) = orders.get(key.to_bytes())?
    {
        match decode_order(key, &raw) {
            Ok(rec) if rec.reference == reference => return Ok(Some(key)),
            Ok(_) => {}
            Err(e) => return abort(e),
        }
    }
    match by_ref.get(reference.as_bytes())? {
        None => Ok(None),
        Some(raw) => match OrderKey::from_bytes(&raw) {
            Some(key) => Ok(Some(key)),
            None => abort(bad_ref_entry(reference, raw.len())),
        },
    }
}

fn bad_ref_entry(reference: &str, len: usize) -> StoreError {
    StoreError::CorruptRecord {
        what: "ref index entry",
        key: reference.to_string(),
        detail: format!("{len} bytes instead of a 16-byte order key"),
    }
}

/// Refuses a new order whose ref or key is taken.
fn check_free(
    rec: &OrderRecord,
    orders: &TransactionalTree,
    by_ref: &TransactionalTree,
) -> TxResult<()> {
    if ref_holder(&rec.reference, orders, by_ref)?.is_some() {
        return abort(StoreError::DuplicateRef {
            reference: rec.reference.clone(),
        });
    }
    if orders.get(rec.key.to_bytes())?.is_some() {
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
        // A new order is a batch of one: same checks, same writes, one flush.
        self.insert_batch(std::slice::from_ref(rec))
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
        let t = self.writer()?;
        let written = t.order_transaction(|tx| {
            let OrderTx {
                orders,
                by_ref,
                by_status,
                open,
                kept,
                meta,
                phones,
            } = tx;
            let Some(raw) = orders.get(&new.key[..])? else {
                return abort(StoreError::NotFound {
                    key: key_label(rec.key),
                });
            };
            let old_rec = match decode_order(rec.key, &raw) {
                Ok(old) => old,
                Err(e) => return abort(e),
            };
            let old = Entries::of(&old_rec);
            if old_rec.reference != rec.reference {
                if ref_holder(&rec.reference, orders, by_ref)?.is_some_and(|k| k != rec.key) {
                    return abort(StoreError::RefTaken {
                        key: key_label(rec.key),
                        reference: rec.reference.clone(),
                    });
                }
                if let Some(r) = &old.odd_ref {
                    by_ref.remove(&r[..])?;
                }
                if let Some(r) = &new.odd_ref {
                    by_ref.insert(&r[..], &new.key[..])?;
                }
                till_spans::note(meta, &till_spans::spans_of([rec]))?;
            }
            if old_rec.phone != rec.phone {
                remove_from_phone(phones, &old_rec.phone, rec.key)?;
                add_to_phone(phones, &rec.phone, &[rec.key])?;
            }
            if old.status != new.status {
                if let Some(s) = &old.status {
                    by_status.remove(&s[..])?;
                }
                if let Some(s) = &new.status {
                    by_status.insert(&s[..], &[][..])?;
                }
            }
            if new.open {
                open.insert(&new.key[..], &[][..])?;
            } else {
                open.remove(&new.key[..])?;
            }
            orders.insert(&new.key[..], &value[..])?;
            let mut books = Changes::default();
            books.remove(&old_rec);
            books.add(rec);
            totals::apply(kept, &books.0)
        });
        written.map_err(|e| self.failed(tx_error(e)))?;
        self.flush().map_err(|e| self.failed(e))?;
        self.touched(rec.key);
        Ok(())
    }

    /// Stores many NEW orders at once (seeding, demo data, imports): one transaction for the
    /// whole slice and one flush at the end. All or nothing: a ref or key already stored (or
    /// twice in the slice) refuses the whole slice. Keep slices to ~10 000 orders: sled holds
    /// a transaction's writes in memory. Each number's list is rewritten once per slice.
    pub fn insert_batch(&self, recs: &[OrderRecord]) -> Result<(), StoreError> {
        if recs.is_empty() {
            return Ok(());
        }
        let mut prepared = Vec::with_capacity(recs.len());
        let mut by_phone: BTreeMap<&str, Vec<OrderKey>> = BTreeMap::new();
        for rec in recs {
            check_record(rec)?;
            prepared.push((rec, Entries::of(rec), encode_order(rec)?));
            by_phone.entry(&rec.phone).or_default().push(rec.key);
        }
        for keys in by_phone.values_mut() {
            keys.sort_unstable();
        }
        let mut books = Changes::default();
        for rec in recs {
            books.add(rec);
        }
        let tills = till_spans::spans_of(recs);
        let t = self.writer()?;
        let written = t.order_transaction(|tx| {
            for (rec, e, value) in &prepared {
                check_free(rec, tx.orders, tx.by_ref)?;
                write_new(e, value, tx.orders, tx.by_ref, tx.by_status, tx.open)?;
            }
            for (phone, keys) in &by_phone {
                add_to_phone(&tx.phones, phone, keys)?;
            }
            totals::apply(tx.kept, &books.0)?;
            till_spans::note(tx.meta, &tills)?;
            bump_count(tx.meta, prepared.len() as u64)
        });
        let count = written.map_err(|e| self.failed(tx_error(e)))?;
        self.flush().map_err(|e| self.failed(e))?;
        self.sealed_count(count);
        if let Some(oldest) = recs.iter().map(|r| r.key).min() {
            self.touched(oldest);
        }
        Ok(())
    }

    /// The order with this key. A stored order that cannot be read is
    /// [`StoreError::CorruptRecord`] naming the key (never a panic).
    pub fn get(&self, key: OrderKey) -> Result<Option<OrderRecord>, StoreError> {
        read_order(&*self.trees()?, key)
    }

    /// The order with this exact ref. A ref made by the lifecycle names its key, so this is
    /// one read of that key (and a check that the order there has this ref); any other ref is
    /// looked up in the small `by_ref` tree.
    pub fn get_by_ref(&self, reference: &str) -> Result<Option<OrderRecord>, StoreError> {
        let t = &*self.trees()?;
        if let Some(key) = refs::named_key(reference)
            && let Some(rec) = read_order(t, key)?
            && rec.reference == reference
        {
            return Ok(Some(rec));
        }
        let Some(raw) = t.by_ref.get(reference.as_bytes())? else {
            return Ok(None);
        };
        let key = OrderKey::from_bytes(&raw).ok_or_else(|| bad_ref_entry(reference, raw.len()))?;
        let broken = |detail: String| StoreError::CorruptRecord {
            what: "ref index entry",
            key: reference.to_string(),
            detail,
        };
        match read_order(t, key)? {
            Some(rec) if rec.reference == reference => Ok(Some(rec)),
            Some(rec) => Err(broken(format!(
                "it points at order {}, whose ref is {}",
                key_label(key),
                rec.reference
            ))),
            None => Err(broken(format!(
                "it points at order {}, which is missing",
                key_label(key)
            ))),
        }
    }

    /// Every non-final order (the poller's work list), oldest first. Reads only the `open`
    /// set, never the whole history. An order that cannot be read is skipped and logged
    /// (`tracing::error!`, naming its key) so one damaged record cannot stop the poller; it
    /// also shows up in [`crate::store::Page::damaged`] when the history reaches it.
    pub fn open_orders(&self) -> Result<Vec<OrderRecord>, StoreError> {
        let t = &*self.trees()?;
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
        Ok(self.trees()?.open.len())
    }

    /// How many orders the store holds, kept in `meta` by every insert: O(1).
    pub fn count(&self) -> Result<u64, StoreError> {
        super::open::stored_count(&*self.trees()?)
    }

    /// How many different numbers the history holds (one `phones` list each; walks that tree).
    pub fn distinct_numbers(&self) -> Result<usize, StoreError> {
        Ok(self.trees()?.phones.len())
    }

    /// The schema version of the open store (always [`crate::store::SCHEMA_VERSION`] once
    /// open; older stores are migrated by [`Store::open`]).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let raw = self.trees()?.meta.get(META_SCHEMA)?;
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
