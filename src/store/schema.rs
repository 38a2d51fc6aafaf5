//! Schema versions and the migrations between them.
//!
//! `meta/schema_version` says how the trees are laid out. [`crate::store::Store::open`] runs
//! every step from the stored version up to [`SCHEMA_VERSION`], one at a time, before the trees
//! are opened for use; each step is flushed before the version is raised, and is safe to run
//! again if it was cut short (a crash mid-step leaves the old version, so the step simply
//! reruns). A store whose version is newer than this build is refused without being touched.
//!
//! To change the layout: bump [`SCHEMA_VERSION`], add a [`Step`] from the previous version to
//! [`STEPS`], and a test that opens a store of the previous version.
//!
//! History:
//! - 0: development builds: only the `orders` tree was trustworthy.
//! - 1: indexes `by_ref` (every ref), `by_phone` (one entry per order), `by_status` (every
//!   status), the `open` set and `meta/order_count`.
//! - 2: few keys (sled's memory grows with the key count): `phones` (one entry per number,
//!   listing its orders) replaces `by_phone`; `by_ref` keeps only refs that do not name their
//!   own key; `by_status` only REFUNDED, REFUSED and NOT_SENT.
//! - 3: every order carries a CRC-32 of its bytes (value format 2, checked on every read), the
//!   order count is recounted, and the seal file next to the database (`seal.rs`) keeps the
//!   count outside the engine's files.
//! - 4: `totals`: the books' sums per UTC hour and day, kept by every order write; `numbers`:
//!   every number grouped by its first four characters (digit search, regulars); `meta`
//!   `terminal:<id>`: each till's first and last order key (bounds ref-prefix searches).
//! - 5: the totals count orders made elsewhere on the account apart (slot 0).
//! - 6: every order's timeline notes and last error are typed values (record version 2);
//!   older records kept English sentences, read back once by `ledger::legacy`.
//! - 7: Idoom internet top-ups (record version 3): an order's `line` may be an internet line
//!   (the totals count it under line codes 3 and 4) and its state QUEUED (status code 11). The
//!   stored orders need no rewrite (their `operator` reads as a mobile line); the version is
//!   raised so that an older build, which would take an internet top-up for a mobile one and
//!   refuse the new codes as damage, leaves the store alone.
//! - 8: the totals count offers lookups (GETMENU orders) in their own slot (code 200), never
//!   as sales or refunds; the totals are recounted from the orders.

use super::codec::{self, decode_order};
use super::error::{StoreError, key_label};
use super::keys::{
    BY_REF, BY_STATUS, META, META_COUNT, META_SCHEMA, OLD_BY_PHONE, OPEN, ORDERS, PHONES,
};
use super::orders::Entries;
use super::phones::{self, KeyList};
use super::refs;
use crate::ledger::{ORDER_RECORD_VERSION, OrderKey};
use std::collections::{BTreeMap, HashMap};

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 8;

/// One migration: turns a store of version `from` into version `from + 1`.
struct Step {
    from: u32,
    what: &'static str,
    run: fn(&sled::Db) -> Result<(), StoreError>,
}

const STEPS: &[Step] = &[
    Step {
        from: 0,
        what: "nothing to do: the next step rebuilds every index from the orders",
        run: |_| Ok(()),
    },
    Step {
        from: 1,
        what: "rebuild the indexes with few keys (one phone entry per number, no ref index)",
        run: rebuild_indexes,
    },
    Step {
        from: 2,
        what: "give every order a checksum and recount the orders",
        run: rewrite_orders,
    },
    Step {
        from: 3,
        what: "count the books' running totals per hour and per day, group the numbers, and \
               note each till's span of orders, from the orders",
        run: |db| {
            super::totals::rebuild(db)?;
            super::customer_search::numbers::rebuild(db)?;
            super::till_spans::rebuild(db)
        },
    },
    Step {
        from: 4,
        what: "count the orders made elsewhere on the account in the running totals, apart \
               from this till's",
        run: super::totals::rebuild,
    },
    Step {
        from: 5,
        what: "write every order's timeline notes and last error as typed values (they were \
               English sentences)",
        run: rewrite_orders,
    },
    Step {
        from: 6,
        what: "nothing to rewrite: orders of older builds read as mobile top-ups; from now on \
               the store may hold internet top-ups, which older builds must not open",
        run: |_| Ok(()),
    },
    Step {
        from: 7,
        what: "count offers lookups (GETMENU) apart in the running totals: they are not sales",
        run: super::totals::rebuild,
    },
];

/// Migrates a store from `version` to [`SCHEMA_VERSION`].
pub(crate) fn migrate(db: &sled::Db, mut version: u32) -> Result<(), StoreError> {
    let meta = db.open_tree(META)?;
    while version < SCHEMA_VERSION {
        let from = version;
        let step = STEPS
            .iter()
            .find(|s| s.from == from)
            .ok_or_else(|| StoreError::Migration {
                from,
                detail: "this build has no migration from that version".into(),
            })?;
        tracing::info!(
            "order database: migrating schema {from} -> {}: {}",
            from + 1,
            step.what
        );
        (step.run)(db).map_err(|e| match e {
            // A damaged order keeps its own message, which names the key.
            e @ StoreError::CorruptRecord { .. } => e,
            e @ StoreError::Migration { .. } => e,
            other => StoreError::Migration {
                from,
                detail: other.to_string(),
            },
        })?;
        db.flush()?;
        meta.insert(META_SCHEMA, &codec::u32_bytes(from + 1)[..])?;
        db.flush()?;
        version = from + 1;
    }
    Ok(())
}

/// Orders indexed per batch while rebuilding.
const REBUILD_CHUNK: usize = 10_000;

/// Rebuilds every index from the `orders` tree. Reads all orders first and stops before
/// changing anything if one cannot be read or two share a ref; then drops the index trees (schema 1's and any
/// left by a cut-short run) and writes them anew. Rerunnable.
fn rebuild_indexes(db: &sled::Db) -> Result<(), StoreError> {
    let orders = db.open_tree(ORDERS)?;
    let (count, odd_refs) = check_orders(&orders)?;
    for name in [OLD_BY_PHONE, BY_REF, PHONES, BY_STATUS, OPEN] {
        db.drop_tree(name)?;
    }
    let by_ref = db.open_tree(BY_REF)?;
    let mut refs_batch = sled::Batch::default();
    for (reference, key) in &odd_refs {
        refs_batch.insert(reference.as_bytes(), &key.to_bytes()[..]);
    }
    by_ref.apply_batch(refs_batch)?;
    let phone_lists = db.open_tree(PHONES)?;
    let by_status = db.open_tree(BY_STATUS)?;
    let open = db.open_tree(OPEN)?;
    let mut chunk = Chunk::default();
    for item in orders.iter() {
        let (raw_key, value) = item?;
        let rec = decode_order(order_key(&raw_key)?, &value)?;
        let e = Entries::of(&rec);
        if let Some(s) = &e.status {
            chunk.statuses.insert(&s[..], &[][..]);
        }
        if e.open {
            chunk.open.insert(&e.key[..], &[][..]);
        }
        chunk.phones.entry(rec.phone).or_default().push(rec.key);
        chunk.pending += 1;
        if chunk.pending == REBUILD_CHUNK {
            std::mem::take(&mut chunk).write(&phone_lists, &by_status, &open)?;
        }
    }
    chunk.write(&phone_lists, &by_status, &open)?;
    db.open_tree(META)?
        .insert(META_COUNT, &codec::u64_bytes(count)[..])?;
    Ok(())
}

/// Rewrites every order as this build writes it: the checked format (schema 3), typed notes
/// and last error, the current record version (schema 6). What the order says is unchanged,
/// so no index moves. Recounts the orders. Reads a chunk, writes it back; rerunnable (a
/// rewritten order reads the same).
fn rewrite_orders(db: &sled::Db) -> Result<(), StoreError> {
    let orders = db.open_tree(ORDERS)?;
    let mut count = 0u64;
    let mut after: Option<sled::IVec> = None;
    loop {
        let range = match &after {
            Some(k) => orders.range::<&[u8], _>((
                std::ops::Bound::Excluded(k.as_ref()),
                std::ops::Bound::Unbounded,
            )),
            None => orders.iter(),
        };
        let mut batch = sled::Batch::default();
        let mut last = None;
        let mut n = 0;
        for item in range.take(REBUILD_CHUNK) {
            let (raw_key, value) = item?;
            let mut rec = decode_order(order_key(&raw_key)?, &value)?;
            rec.v = ORDER_RECORD_VERSION;
            batch.insert(raw_key.clone(), codec::encode_order(&rec)?);
            last = Some(raw_key);
            n += 1;
        }
        if n == 0 {
            break;
        }
        orders.apply_batch(batch)?;
        count += n as u64;
        after = last;
    }
    db.open_tree(META)?
        .insert(META_COUNT, &codec::u64_bytes(count)[..])?;
    Ok(())
}

/// Reads every order (nothing is changed yet): their count and the refs that do not name their
/// own key (none on a real till). Two orders with one ref stop the migration here.
fn check_orders(orders: &sled::Tree) -> Result<(u64, HashMap<String, OrderKey>), StoreError> {
    let mut count = 0u64;
    let mut odd_refs = HashMap::new();
    for item in orders.iter() {
        let (raw_key, value) = item?;
        let rec = decode_order(order_key(&raw_key)?, &value)?;
        count += 1;
        if refs::names_own_key(&rec) {
            continue;
        }
        // Another order may hold it as the ref naming its key, or as an odd ref too.
        let named = match refs::named_key(&rec.reference) {
            Some(k) => orders.get(k.to_bytes())?,
            None => None,
        };
        let clash = match named.and_then(|raw| named_holder(&rec.reference, &raw)) {
            Some(k) => Some(k),
            None => odd_refs.insert(rec.reference.clone(), rec.key),
        };
        if let Some(other) = clash {
            return Err(StoreError::Migration {
                from: 1,
                detail: format!(
                    "orders {} and {} share the ref {}; nothing was changed",
                    key_label(other),
                    key_label(rec.key),
                    rec.reference
                ),
            });
        }
    }
    Ok((count, odd_refs))
}

/// The key of the order stored under the key a ref names, if that order has this ref.
fn named_holder(reference: &str, raw: &[u8]) -> Option<OrderKey> {
    let key = refs::named_key(reference)?;
    decode_order(key, raw)
        .ok()
        .filter(|r| r.reference == reference)
        .map(|r| r.key)
}

/// Index entries of up to [`REBUILD_CHUNK`] orders, written together.
#[derive(Default)]
struct Chunk {
    phones: BTreeMap<String, Vec<OrderKey>>,
    statuses: sled::Batch,
    open: sled::Batch,
    pending: usize,
}

impl Chunk {
    /// Orders are read in key order, so each number's new keys go after its stored ones.
    fn write(
        self,
        phone_lists: &sled::Tree,
        by_status: &sled::Tree,
        open: &sled::Tree,
    ) -> Result<(), StoreError> {
        let mut lists = sled::Batch::default();
        for (phone, keys) in &self.phones {
            let old = phone_lists.get(phone.as_bytes())?;
            let old = old.as_deref().unwrap_or(&[]);
            let list = KeyList::new(old)
                .ok_or_else(|| phones::damaged_list(phone.as_bytes(), old.len()))?;
            lists.insert(phone.as_bytes(), phones::with_keys(list, keys));
        }
        phone_lists.apply_batch(lists)?;
        by_status.apply_batch(self.statuses)?;
        open.apply_batch(self.open)?;
        Ok(())
    }
}

fn order_key(raw: &[u8]) -> Result<OrderKey, StoreError> {
    OrderKey::from_bytes(raw).ok_or_else(|| StoreError::CorruptRecord {
        what: "order key",
        key: format!("{raw:02x?}"),
        detail: format!("{} bytes instead of 16", raw.len()),
    })
}
