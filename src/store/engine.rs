//! The open engine behind a [`Store`] handle: reached through [`Store::trees`], written through
//! [`Store::write`], reopened after a failed write, and sealed when the last handle closes.
//!
//! sled refuses every write after one failed (a full disk: it keeps the error for good), and
//! what it holds in memory may then differ from what is on disk (the write that failed is in
//! memory, not in the file). So after a failed write the engine is dropped and opened again
//! before the next use: it then shows what is really on disk, and writes work again as soon as
//! there is space. No restart is needed.

use super::durable::Durable;
use super::error::StoreError;
use super::open;
use super::seal::Seal;
use super::{Store, Trees};
use crate::ledger::OrderKey;
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

pub(crate) struct Inner {
    /// `None` only while the engine is being reopened (or could not be).
    trees: RwLock<Option<Arc<Trees>>>,
    /// A write failed in the engine: reopen it before the next use.
    broken: AtomicBool,
    /// Something was written this session: settle and seal the store when it closes.
    wrote: AtomicBool,
    /// The oldest order written this session (`None`: none, or unknown, see `all_touched`):
    /// sled's deferred work on the orders tree lies from there on.
    oldest_written: Mutex<Option<OrderKey>>,
    /// Written in ways the store does not follow (a migration, `raw_db`): walk everything.
    all_touched: AtomicBool,
    seal: Mutex<Seal>,
    /// Syncs the database file after sled's flush (sled alone stops short of an fsync).
    pub(crate) durable: Durable,
    /// Test seam: this many writes fail as on a full disk…
    injected_faults: AtomicUsize,
    /// …after this many more have gone through.
    injected_delay: AtomicUsize,
    pub(crate) data_dir: PathBuf,
    /// Declared last: dropped (unlocked) after the engine is closed and the store sealed.
    _lock: File,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let trees = self.trees.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = trees.take() {
            let flushed = t.db.flush().map_err(StoreError::from);
            if let Err(e) = flushed.and_then(|_| self.durable.sync()) {
                tracing::error!("final flush of the order database failed: {e}");
            }
            drop(t);
        }
        if *self.wrote.get_mut() && !*self.broken.get_mut() {
            let seal = self.seal.get_mut().unwrap_or_else(PoisonError::into_inner);
            let from = if *self.all_touched.get_mut() {
                None
            } else {
                *self
                    .oldest_written
                    .get_mut()
                    .unwrap_or_else(PoisonError::into_inner)
            };
            if let Err(e) = open::settle(&self.data_dir, seal, from) {
                tracing::warn!(
                    "the order database was not sealed as closed cleanly ({e}); \
                     the next start checks it in full"
                );
            }
        }
    }
}

impl Store {
    pub(crate) fn from_parts(
        trees: Trees,
        durable: Durable,
        data_dir: PathBuf,
        lock: File,
        seal: Seal,
        wrote: bool,
    ) -> Store {
        Store {
            inner: Arc::new(Inner {
                trees: RwLock::new(Some(Arc::new(trees))),
                broken: AtomicBool::new(false),
                wrote: AtomicBool::new(wrote),
                oldest_written: Mutex::new(None),
                all_touched: AtomicBool::new(wrote),
                seal: Mutex::new(seal),
                durable,
                injected_faults: AtomicUsize::new(0),
                injected_delay: AtomicUsize::new(0),
                data_dir,
                _lock: lock,
            }),
        }
    }

    /// The engine's trees, reopening the engine first if a write failed.
    pub(crate) fn trees(&self) -> Result<Arc<Trees>, StoreError> {
        if self.inner.broken.load(SeqCst) {
            self.reopen()?;
        }
        let slot = self
            .inner
            .trees
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        slot.clone().ok_or_else(|| {
            StoreError::Db("the order database could not be reopened yet; try again".into())
        })
    }

    /// The trees for a write. The first write of a session unseals the store (a crash from
    /// now on is noticed at the next open). Pass the write's errors through [`Store::failed`].
    pub(crate) fn writer(&self) -> Result<Arc<Trees>, StoreError> {
        let trees = self.trees()?;
        self.begin_write()?;
        if self.take_injected_fault() {
            return Err(self.failed(StoreError::Db(
                "disk error: No space left on device (os error 28, injected by a test)".into(),
            )));
        }
        Ok(trees)
    }

    /// An error of a write, passed through: when the engine failed it (a full disk…), the
    /// engine is reopened before the next use.
    pub(crate) fn failed(&self, e: impl Into<StoreError>) -> StoreError {
        let e = e.into();
        // A failed fsync leaves what reached the disk unknown too: reopen and read it back.
        if matches!(e, StoreError::Db(_) | StoreError::Io { .. }) {
            tracing::error!("the order database failed a write ({e}); it is reopened");
            self.inner.broken.store(true, SeqCst);
        }
        e
    }

    /// Marks the session as writing (once), durably, before anything is written.
    pub(crate) fn begin_write(&self) -> Result<(), StoreError> {
        if self.inner.wrote.load(SeqCst) {
            return Ok(());
        }
        let mut seal = self.seal();
        seal.mark_open()?;
        self.inner.wrote.store(true, SeqCst);
        Ok(())
    }

    /// Orders written from `key` on this session (inserts and updates).
    pub(crate) fn touched(&self, key: OrderKey) {
        let mut oldest = self
            .inner
            .oldest_written
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *oldest = Some(oldest.map_or(key, |k| k.min(key)));
    }

    /// Written in ways the store does not follow (`raw_db`).
    pub(crate) fn touched_all(&self) {
        self.inner.all_touched.store(true, SeqCst);
    }

    /// After a flushed insert: the store holds at least `count` orders. The orders are
    /// already safe on disk, so a seal that cannot be written is logged, not an error.
    pub(crate) fn sealed_count(&self, count: u64) {
        if let Err(e) = self.seal().record_count(count) {
            tracing::warn!("the order count could not be written to the seal: {e}");
        }
    }

    fn seal(&self) -> MutexGuard<'_, Seal> {
        self.inner
            .seal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn reopen(&self) -> Result<(), StoreError> {
        let mut slot = self
            .inner
            .trees
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if !self.inner.broken.load(SeqCst) {
            return Ok(());
        }
        if let Some(old) = slot.take() {
            let _ = old.db.flush();
            drop(old);
        }
        let flushed = self.seal().state().count;
        let trees = open::reopen(&self.inner.data_dir, flushed)?;
        *slot = Some(Arc::new(trees));
        self.inner.broken.store(false, SeqCst);
        tracing::info!("the order database was reopened after a failed write");
        Ok(())
    }

    fn take_injected_fault(&self) -> bool {
        if self.inner.injected_faults.load(SeqCst) == 0 {
            return false;
        }
        let delayed = self
            .inner
            .injected_delay
            .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
            .is_ok();
        !delayed
            && self
                .inner
                .injected_faults
                .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
                .is_ok()
    }

    /// Test seam: the next `writes` writes fail as on a full disk, before they reach the
    /// engine, and leave it to be reopened like a real failure does.
    #[doc(hidden)]
    pub fn inject_disk_full(&self, writes: usize) {
        self.inject_disk_full_after(0, writes);
    }

    /// Test seam: `writes` writes fail as on a full disk once `ok` more have gone through (the
    /// disk fills up between two writes of one sale).
    #[doc(hidden)]
    pub fn inject_disk_full_after(&self, ok: usize, writes: usize) {
        self.inner.injected_delay.store(ok, SeqCst);
        self.inner.injected_faults.store(writes, SeqCst);
    }
}
