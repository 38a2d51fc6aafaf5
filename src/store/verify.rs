//! The full check of a store the seal cannot vouch for (after a crash, a copy from elsewhere,
//! damage, an older build): the database folder is copied to a scratch folder, the engine
//! opens the COPY (its "recovery" may cut and zero the copy's log; the real files are not
//! touched), and every order of the copy is read and checked against its checksum, the
//! order count and the seal. Only a store that passes is opened for real; the engine's
//! recovery is deterministic, so it then does to the real files what it did to the copy.
//!
//! This reads the whole store, so it costs about a second per 100 000 orders, and it needs
//! free space for the copy. A store closed cleanly never needs it.

use super::codec::check_order;
use super::error::StoreError;
use super::keys::ORDERS;
use super::open::{self, check_count, open_engine, open_trees, read_schema, stored_count};
use super::schema::SCHEMA_VERSION;
use super::seal::SealState;
use crate::ledger::OrderKey;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// The scratch folder, in the data folder (same disk as the store).
pub const SCRATCH_DIR_NAME: &str = "store.sled.check";

/// Checks the store of `db_dir` on a scratch copy; `Ok` when it reads whole and holds every
/// order the seal says was written. The scratch copy is removed in every case.
pub(crate) fn on_a_copy(
    data_dir: &Path,
    db_dir: &Path,
    sealed: Option<&SealState>,
) -> Result<(), StoreError> {
    let scratch = data_dir.join(SCRATCH_DIR_NAME);
    remove(&scratch)?;
    tracing::info!(
        "checking the order database in {} on a scratch copy before opening it",
        db_dir.display()
    );
    let result = copy_dir(db_dir, &scratch)
        .map_err(|e| no_copy(db_dir, e))
        .and_then(|()| {
            // The engine may panic on some damaged files: that is damage, not a crash.
            catch_unwind(AssertUnwindSafe(|| check_copy(&scratch, db_dir, sealed))).unwrap_or_else(
                |_| {
                    Err(StoreError::Damaged {
                        dir: db_dir.to_path_buf(),
                        detail: "the database engine failed reading it".into(),
                    })
                },
            )
        });
    remove(&scratch)?;
    result
}

fn check_copy(scratch: &Path, db_dir: &Path, sealed: Option<&SealState>) -> Result<(), StoreError> {
    open::discard_unfinished_snapshots(scratch)?;
    let db = open_engine(scratch, db_dir)?;
    let version = read_schema(&db, db_dir, super::files::Found::Database)?;
    let damaged = |detail: String| StoreError::Damaged {
        dir: db_dir.to_path_buf(),
        detail,
    };
    match (version, sealed) {
        (Some(v), None) if v >= SCHEMA_VERSION => {
            return Err(damaged(format!(
                "its seal file {} is missing, so lost orders could not be detected",
                super::seal::SEAL_FILE_NAME
            )));
        }
        _ => {}
    }
    let orders = db.open_tree(ORDERS)?;
    let mut read = 0u64;
    let mut books = super::totals::Recount::default();
    for item in orders.iter() {
        let (raw_key, value) = item.map_err(|e| damaged(format!("reading its orders: {e}")))?;
        let key = OrderKey::from_bytes(&raw_key)
            .ok_or_else(|| damaged(format!("an order key of {} bytes", raw_key.len())))?;
        check_order(key, &value).map_err(|e| damaged(e.to_string()))?;
        if version == Some(SCHEMA_VERSION) {
            books.add(key, &value).map_err(|e| damaged(e.to_string()))?;
        }
        read += 1;
    }
    if version == Some(SCHEMA_VERSION) {
        // The books' totals and the numbers are kept with the orders: they must agree.
        books.check(&db).map_err(|e| damaged(e.to_string()))?;
        super::customer_search::numbers::check(&db).map_err(|e| damaged(e.to_string()))?;
        let stored = stored_count(&open_trees(db)?)?;
        if stored != read {
            return Err(damaged(format!(
                "its order count says {stored} but {read} orders are there"
            )));
        }
    }
    // Whatever the engine kept of it, every order written must be there.
    check_count(db_dir, read, sealed.map_or(0, |s| s.count), false)?;
    Ok(())
}

fn no_copy(db_dir: &Path, e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: db_dir.to_path_buf(),
        source: std::io::Error::new(
            e.kind(),
            format!(
                "it must be checked on a copy before it is used (it was not closed cleanly), \
                 and the copy could not be made: {e}; free as much disk space as the folder \
                 takes and start again"
            ),
        ),
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn remove(scratch: &Path) -> Result<(), StoreError> {
    match std::fs::remove_dir_all(scratch) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(scratch, e)),
        _ => Ok(()),
    }
}
