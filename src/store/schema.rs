//! Schema versions and the migrations between them.
//!
//! `meta/schema_version` says how the trees are laid out. [`crate::store::Store::open`] runs
//! every step from the stored version up to [`SCHEMA_VERSION`], one at a time; each step is
//! flushed before the version is raised, and is safe to run again if it was cut short (a crash
//! mid-step leaves the old version, so the step simply reruns). A store whose version is newer
//! than this build is refused without being touched.
//!
//! To change the layout: bump [`SCHEMA_VERSION`], add a [`Step`] from the previous version to
//! [`STEPS`], and a test that opens a store of the previous version.
//!
//! History:
//! - 0: development builds: only the `orders` tree was trustworthy.
//! - 1: indexes `by_ref`, `by_phone`, `by_status`, the `open` set and `meta/order_count`.

use super::Trees;
use super::codec::{self, decode_order};
use super::error::{StoreError, key_label};
use super::keys::{META_COUNT, META_SCHEMA};
use super::orders::Entries;
use crate::orders::model::OrderKey;

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One migration: turns a store of version `from` into version `from + 1`.
struct Step {
    from: u32,
    what: &'static str,
    run: fn(&Trees) -> Result<(), StoreError>,
}

const STEPS: &[Step] = &[Step {
    from: 0,
    what: "rebuild the indexes, the open set and the order count from the orders",
    run: rebuild_indexes,
}];

/// Migrates an open store from `version` to [`SCHEMA_VERSION`].
pub(crate) fn migrate(trees: &Trees, mut version: u32) -> Result<(), StoreError> {
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
        (step.run)(trees).map_err(|e| match e {
            // A damaged order keeps its own message, which names the key.
            e @ StoreError::CorruptRecord { .. } => e,
            other => StoreError::Migration {
                from,
                detail: other.to_string(),
            },
        })?;
        trees.db.flush()?;
        trees
            .meta
            .insert(META_SCHEMA, &codec::u32_bytes(from + 1)[..])?;
        trees.db.flush()?;
        version = from + 1;
    }
    Ok(())
}

/// Orders written per batch while rebuilding.
const REBUILD_CHUNK: usize = 10_000;

/// Rebuilds every index from the `orders` tree. Reads all orders first and stops before
/// changing anything if one cannot be read; then clears and rewrites the indexes. Rerunnable.
fn rebuild_indexes(t: &Trees) -> Result<(), StoreError> {
    let mut count = 0u64;
    for item in t.orders.iter() {
        let (raw_key, value) = item?;
        let key = order_key(&raw_key)?;
        decode_order(key, &value)?;
        count += 1;
    }
    for tree in [&t.by_ref, &t.by_phone, &t.by_status, &t.open] {
        tree.clear()?;
    }
    let mut phones = sled::Batch::default();
    let mut statuses = sled::Batch::default();
    let mut open = sled::Batch::default();
    let mut pending = 0usize;
    for item in t.orders.iter() {
        let (raw_key, value) = item?;
        let rec = decode_order(order_key(&raw_key)?, &value)?;
        let e = Entries::of(&rec);
        if let Some(other) = t.by_ref.insert(&e.reference[..], &e.key[..])? {
            return Err(StoreError::Migration {
                from: 0,
                detail: format!(
                    "orders {} and {} share the ref {}",
                    OrderKey::from_bytes(&other)
                        .map(key_label)
                        .unwrap_or_default(),
                    key_label(rec.key),
                    rec.reference
                ),
            });
        }
        phones.insert(&e.phone[..], &[][..]);
        statuses.insert(&e.status[..], &[][..]);
        if e.open {
            open.insert(&e.key[..], &[][..]);
        }
        pending += 1;
        if pending == REBUILD_CHUNK {
            t.by_phone.apply_batch(std::mem::take(&mut phones))?;
            t.by_status.apply_batch(std::mem::take(&mut statuses))?;
            t.open.apply_batch(std::mem::take(&mut open))?;
            pending = 0;
        }
    }
    t.by_phone.apply_batch(phones)?;
    t.by_status.apply_batch(statuses)?;
    t.open.apply_batch(open)?;
    t.meta.insert(META_COUNT, &codec::u64_bytes(count)[..])?;
    Ok(())
}

fn order_key(raw: &[u8]) -> Result<OrderKey, StoreError> {
    OrderKey::from_bytes(raw).ok_or_else(|| StoreError::CorruptRecord {
        what: "order key",
        key: format!("{raw:02x?}"),
        detail: format!("{} bytes instead of 16", raw.len()),
    })
}
