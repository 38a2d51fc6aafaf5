//! The order database: every order, its indexes, the plan cache and small settings, in sled.
//!
//! A shop hands over cash before a top-up is confirmed, so an order must survive a crash, a
//! power cut or a restart: every write that matters is flushed to disk before it returns, and
//! "flushed" means a real `fdatasync` of the database file after sled's own flush (see
//! `durable.rs`: sled alone stops at `sync_file_range`, which a power cut can undo).
//!
//! # Layout
//! `<data_dir>/LOCK` (held exclusively while a [`Store`] is open), `<data_dir>/store.seal` (the
//! seal, see below) and `<data_dir>/store.sled/` (the sled database) with these trees:
//!
//! | tree        | key                               | value                               |
//! |-------------|-----------------------------------|-------------------------------------|
//! | `orders`    | [`OrderKey`] (16 bytes, BE)       | format byte, CRC-32, MessagePack    |
//! | `phones`    | phone bytes (one entry a number)  | that number's order keys, ascending |
//! | `by_status` | status code byte, order key       | empty (REFUNDED, REFUSED, NOT_SENT) |
//! | `by_ref`    | ref bytes (odd refs only)         | order key                           |
//! | `open`      | order key (non-final orders only) | empty                               |
//! | `plans`     | `current`                         | the same, of plans + `fetched_at`   |
//! | `settings`  | name                              | UTF-8 text                          |
//! | `meta`      | `schema_version`, `order_count`   | big-endian integers                 |
//! | `meta`      | `terminal:<id>` (one a till)      | that till's first and last key      |
//! | `meta`      | `prints:` + order key (printed)   | slips printed, last print's time    |
//! | `totals`    | `h`/`d` + UTC hour/day number     | the books' sums of that hour/day    |
//! | `numbers`   | a number's first 4 characters     | those numbers, last key and count   |
//!
//! # Few keys on purpose
//! sled keeps in memory, from the moment it opens, a state per page, and a leaf page holds at
//! most 16 keys, so memory grows with the number of KEYS, not with their size. With one index
//! entry per order and per index, a million orders made 4 million keys and ~180 MiB of memory
//! just to open the store. So (schema 2):
//! - a ref made by the lifecycle names its own key (`<terminal>-<key in base32>`, see
//!   `refs.rs`): no ref index; `by_ref` holds only refs of another shape (none on a real till);
//! - `phones` holds one entry per NUMBER (a shop has tens of thousands of customers, not a
//!   million), listing its orders (`phones.rs`);
//! - `by_status` holds only the rare final failures; open states come from `open`, FULFILLED
//!   from the orders themselves (most orders are fulfilled).
//!
//! # Using it
//! - [`Store::open`] once at start-up; [`Store`] is a cheap `Clone + Send + Sync` handle.
//! - The lifecycle writes with [`Store::insert_new`] (before the send leaves) and
//!   [`Store::update`]; each is one atomic transaction over the order and all its index
//!   entries, flushed (fsync) before it returns. They block for the fsync (a few ms): fine from
//!   async code for one order; wrap [`Store::insert_batch`] in `spawn_blocking`.
//! - The poller lists its work with [`Store::open_orders`] (only non-final orders are read).
//! - The history screen reads [`Store::page`]: newest first, `limit` at a time, with a cursor.
//!   Reads never load the whole history.
//! - The books read [`Store::tally`]: the sums kept per hour and per day by every write (in the
//!   order's own transaction), so a day and two years cost the same; [`Store::recount`] counts
//!   the same from the orders. [`Store::regulars`] lists the numbers under some digits.
//! - Damaged data is reported, never "repaired": [`Store::get`] returns
//!   [`StoreError::CorruptRecord`] naming the key; listings skip damaged orders and report them
//!   ([`Page::damaged`]; [`Store::open_orders`] logs them).
//!
//! # Damage, crashes and a full disk
//! sled "recovers" a damaged log by cutting it at the first bad message and zeroing the rest at
//! open, and it would then show a shorter history as if nothing happened. So:
//! - every stored value carries a CRC-32 checked on every read (`codec.rs`);
//! - the seal (`seal.rs`), a file sled never touches, keeps the number of orders written and,
//!   when the store was closed cleanly, a fingerprint of what sled reads at the next open;
//! - [`Store::open`] opens a store directly only when it was closed cleanly and its files
//!   match the fingerprint (then sled replays and writes nothing); any other store is first
//!   opened and read whole on a scratch copy (`verify.rs`), and refused, with its files
//!   untouched, if anything is damaged or any order written is missing;
//! - closing a store that was written settles it (`open::settle`): sled's deferred work is
//!   done and its log replayed once, so that opening and reading it later writes nothing;
//! - a write sled fails (a full disk) makes the store reopen sled before the next use
//!   (`engine.rs`): sled keeps such an error for good otherwise, until a restart.
//!
//! Schema changes go through [`schema`]: each build knows how to migrate older stores step by
//! step and refuses newer ones.
pub mod error;
pub mod query;
pub mod schema;

mod codec;
mod crc;
mod customer_search;
mod durable;
mod engine;
mod files;
mod keys;
mod open;
mod orders;
mod phones;
mod plans;
mod positioned;
mod prints;
mod refs;
mod seal;
mod settings;
mod till_spans;
mod totals;
mod verify;

pub use customer_search::Regular;
pub use error::{Damaged, StoreError, key_label};
pub use open::{CACHE_CAPACITY, DB_DIR_NAME, LOCK_FILE_NAME};
pub use prints::PrintCount;
pub use query::{OrderQuery, Page};
pub use schema::SCHEMA_VERSION;
pub use seal::SEAL_FILE_NAME;
pub use verify::SCRATCH_DIR_NAME;

use std::path::{Path, PathBuf};
use std::sync::Arc;

#[cfg(doc)]
use crate::ledger::OrderKey;

/// A handle on the open database. Clones share it; the folder stays locked until the last
/// clone is dropped (after a final flush).
#[derive(Clone)]
pub struct Store {
    inner: Arc<engine::Inner>,
}

/// Every tree, opened once.
pub(crate) struct Trees {
    pub(crate) db: sled::Db,
    pub(crate) orders: sled::Tree,
    pub(crate) phones: sled::Tree,
    pub(crate) by_ref: sled::Tree,
    pub(crate) by_status: sled::Tree,
    pub(crate) open: sled::Tree,
    pub(crate) plans: sled::Tree,
    pub(crate) settings: sled::Tree,
    pub(crate) meta: sled::Tree,
    pub(crate) totals: sled::Tree,
    pub(crate) numbers: sled::Tree,
    /// The `numbers` tree in memory, for digit searches (dropped when a group changes).
    pub(crate) directory: customer_search::NumberDirectory,
}

impl Store {
    /// The folder given to [`Store::open`].
    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// Where the sled database of a data folder lives (for backups and messages).
    pub fn database_path(data_dir: &Path) -> PathBuf {
        data_dir.join(DB_DIR_NAME)
    }

    /// Bytes the database takes on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.trees()?.db.size_on_disk()?)
    }

    /// Makes everything written so far durable: sled's flush, then a real fsync of the
    /// database file (and of its folder when files appeared). Every write that matters calls it
    /// before returning.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.trees()?.db.flush()?;
        self.inner.durable.sync()
    }

    /// The raw sled database, for tests that must damage or age a store on purpose.
    /// Never use it in the application: it bypasses indexes, checks and the seal (the store
    /// counts as written to, so it is sealed again when it closes).
    #[doc(hidden)]
    pub fn raw_db(&self) -> sled::Db {
        let _ = self.begin_write();
        self.touched_all();
        let trees = self.trees().expect("the store is open");
        trees.directory.bypass();
        trees.db.clone()
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("data_dir", &self.inner.data_dir)
            .finish_non_exhaustive()
    }
}
