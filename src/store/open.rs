//! Opening a data folder: lock it, check the files, open sled, check or create the schema.

use super::durable::Durable;
use super::error::StoreError;
use super::files::{self, Found};
use super::keys::{self, META, META_COUNT, META_SCHEMA};
use super::schema::{self, SCHEMA_VERSION};
use super::seal::Seal;
use super::verify;
use super::{Store, Trees, codec};
use crate::ledger::OrderKey;
use std::fs::File;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// The sled folder inside the data folder.
pub const DB_DIR_NAME: &str = "store.sled";
/// The file locked exclusively while a store is open.
pub const LOCK_FILE_NAME: &str = "LOCK";
/// sled's page cache. Small on purpose: a till runs for years and the history only grows;
/// pages and lookups touch a few hundred kB.
pub const CACHE_CAPACITY: u64 = 24 * 1024 * 1024;

impl Store {
    /// Opens (creating if needed) the store in `data_dir`.
    ///
    /// - Another open store on the same folder (this or another process): [`StoreError::Locked`].
    /// - Damaged or foreign files, or fewer orders than were written: [`StoreError::Damaged`];
    ///   nothing is written or repaired, not one byte of the folder changes.
    /// - A store written by a newer build: [`StoreError::TooNew`]; nothing is written.
    /// - A store of an older schema is migrated (see [`super::schema`]).
    ///
    /// A store closed cleanly whose files are as they were left opens directly (fast: nothing
    /// is read but the seal, the engine's headers and the log's last segment). Any other store
    /// (after a crash, a copy, damage, an older build) is first opened and read whole on a
    /// scratch copy (`verify.rs`), and only then by the engine.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        crate::fsync::create_dir_all_durably(data_dir).map_err(|e| StoreError::io(data_dir, e))?;
        let lock = lock_folder(data_dir)?;
        let db_dir = Store::database_path(data_dir);
        let found = when_released(|| files::check(&db_dir))?;
        let sealed = Seal::read(data_dir)?;
        let trusted = match (found, &sealed) {
            (Found::Nothing, Some(s)) if s.count > 0 => {
                return Err(StoreError::Damaged {
                    dir: db_dir,
                    detail: format!(
                        "its files are gone, but {} orders were written to it",
                        s.count
                    ),
                });
            }
            (Found::Nothing, _) => true,
            (Found::Database, Some(s)) => match s.clean {
                Some(fp) => fingerprint_when_released(&db_dir)? == Some(fp),
                None => false,
            },
            (Found::Database, None) => false,
        };
        if !trusted {
            verify::on_a_copy(data_dir, &db_dir, sealed.as_ref())?;
        }
        discard_unfinished_snapshots(&db_dir)?;
        let mut seal = Seal::open(data_dir, sealed)?;
        let db = open_engine(&db_dir, &db_dir)?;
        restrict_files(data_dir);
        let durable = Durable::open(&db_dir, data_dir)?;
        let mut wrote = false;
        let trees = match read_schema(&db, &db_dir, found)? {
            Some(version) => {
                if version < SCHEMA_VERSION {
                    seal.mark_open()?;
                    wrote = true;
                    schema::migrate(&db, version)?;
                }
                open_trees(db)?
            }
            None => {
                seal.mark_open()?;
                wrote = true;
                create_schema(open_trees(db)?)?
            }
        };
        // A new schema or a migration is durable before anything else is written.
        durable.sync()?;
        let count = stored_count(&trees)?;
        check_count(&db_dir, count, seal.state().count, trusted && !wrote)?;
        if !wrote && !trusted {
            // The engine has just replayed its log: from now on an open changes nothing,
            // which the seal can vouch for until the first write.
            // On Windows the open engine's lock refuses this read: then nothing is vouched
            // for now, and the next open checks the store in full (unless a session that
            // writes seals it at its close).
            match files::fingerprint(&db_dir) {
                Ok(Some(fp)) => seal.mark_clean(count, fp)?,
                Ok(None) => {}
                Err(e) if files::held_by_an_engine(&e) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Store::from_parts(
            trees,
            durable,
            data_dir.to_path_buf(),
            lock,
            seal,
            wrote,
        ))
    }
}

/// The store holds customers' numbers: its folder and every file in it (the engine's own, an
/// older build's) private. Failing that is told, not fatal: the folder is the shop's own.
fn restrict_files(data_dir: &Path) {
    if let Err(e) = crate::private_files::restrict_tree(data_dir) {
        tracing::warn!("could not make {} private: {e}", data_dir.display());
    }
}

/// The engine again, after it failed a write (a full disk): it refuses every later write
/// until it is reopened. The folder is still locked by this process and nothing crashed, so
/// its log is only checked to hold every order flushed so far.
pub(crate) fn reopen(data_dir: &Path, flushed: u64) -> Result<Trees, StoreError> {
    let db_dir = Store::database_path(data_dir);
    still_there(&db_dir)?;
    let db = open_engine(&db_dir, &db_dir)?;
    let trees = open_trees(db)?;
    check_count(&db_dir, stored_count(&trees)?, flushed, false)?;
    Ok(trees)
}

/// After a session that wrote: finish the work sled left for later readers, then let the
/// engine replay its log once more (it writes its snapshot and clears its log's tail), so
/// that the next open and every read change nothing, and seal that. `orders_from`: the
/// oldest order written this session (`None`: walk every order).
pub(crate) fn settle(
    data_dir: &Path,
    seal: &mut Seal,
    orders_from: Option<OrderKey>,
) -> Result<(), StoreError> {
    let db_dir = Store::database_path(data_dir);
    still_there(&db_dir)?;
    walk(open_engine(&db_dir, &db_dir)?, orders_from)?;
    let db = open_engine(&db_dir, &db_dir)?;
    let count = stored_count(&open_trees(db)?)?;
    // What the seal vouches for must be on disk first (data file, new snapshot, folders).
    Durable::open(&db_dir, data_dir)?;
    match fingerprint_when_released(&db_dir)? {
        Some(fp) => seal.mark_clean(count, fp),
        None => Ok(()),
    }
}

/// The fingerprint of a closed database (see [`when_released`]).
fn fingerprint_when_released(db_dir: &Path) -> Result<Option<files::Fingerprint>, StoreError> {
    when_released(|| files::fingerprint(db_dir))
}

/// Runs a read of the database files again while an engine of this process that is closing
/// still holds its data file, as [`open_when_released`] waits for its lock: on Windows that
/// lock refuses our reads until it is let go (on Unix this never waits).
fn when_released<T>(read: impl Fn() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let deadline = std::time::Instant::now() + RELEASE_WAIT;
    loop {
        match read() {
            Err(e) if files::held_by_an_engine(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// The engine creates a database where there is none: never when reopening one that was open
/// (its folder removed meanwhile, as a test's temporary folder is).
fn still_there(db_dir: &Path) -> Result<(), StoreError> {
    match when_released(|| files::check(db_dir))? {
        Found::Database => Ok(()),
        Found::Nothing => Err(StoreError::Damaged {
            dir: db_dir.to_path_buf(),
            detail: "its files were removed while it was open".into(),
        }),
    }
}

/// sled leaves work to the next reader of a page (the parent half of a split, merging a page
/// that got small), so reading a store can write to it. Walking the trees twice does that
/// work now. The orders tree is walked from the oldest order written this session (its pages
/// before were not touched); the other trees are small and walked whole.
fn walk(db: sled::Db, orders_from: Option<OrderKey>) -> Result<(), StoreError> {
    let from = orders_from.map_or_else(Vec::new, |k| k.to_bytes().to_vec());
    for _ in 0..2 {
        for name in db.tree_names() {
            let tree = db.open_tree(&name)?;
            let items = if name.as_ref() == keys::ORDERS.as_bytes() {
                tree.range(from.clone()..)
            } else {
                tree.iter()
            };
            for item in items {
                item?;
            }
        }
    }
    db.flush()?;
    Ok(())
}

/// The order count kept in `meta` (in the same transaction as every insert).
pub(crate) fn stored_count(trees: &Trees) -> Result<u64, StoreError> {
    match trees.meta.get(META_COUNT)? {
        None => Ok(0),
        Some(raw) => codec::read_u64(&raw).ok_or_else(|| StoreError::CorruptRecord {
            what: "meta entry",
            key: "order_count".into(),
            detail: format!("{} bytes instead of 8", raw.len()),
        }),
    }
}

/// Fewer orders than the seal says were flushed means the engine lost some. `exact` for a
/// store closed cleanly: then it holds exactly that many.
pub(crate) fn check_count(
    db_dir: &Path,
    stored: u64,
    flushed: u64,
    exact: bool,
) -> Result<(), StoreError> {
    if stored < flushed || (exact && stored != flushed) {
        return Err(StoreError::Damaged {
            dir: db_dir.to_path_buf(),
            detail: format!(
                "it holds {stored} orders but {flushed} were written to it: orders were lost"
            ),
        });
    }
    Ok(())
}

fn lock_folder(data_dir: &Path) -> Result<File, StoreError> {
    let path = data_dir.join(LOCK_FILE_NAME);
    let file = crate::fsync::open_or_create(&path).map_err(|e| StoreError::io(&path, e))?;
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        Ok(false) => Err(StoreError::Locked {
            dir: data_dir.to_path_buf(),
        }),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

/// Opens the engine on `path` (the database folder, or a scratch copy of `shown`). sled itself
/// may panic on some damaged files; that is reported as damage of `shown`, not a crash.
pub(crate) fn open_engine(path: &Path, shown: &Path) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(CACHE_CAPACITY)
        .mode(sled::Mode::LowSpace);
    let damaged = |detail: String| StoreError::Damaged {
        dir: shown.to_path_buf(),
        detail,
    };
    match catch_unwind(AssertUnwindSafe(|| open_when_released(&config))) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Io(e))) => Err(StoreError::io(shown, e)),
        Ok(Err(e)) => Err(damaged(format!("the database engine refused it: {e}"))),
        Err(panic) => Err(damaged(format!(
            "the database engine failed reading it: {}",
            panic_text(&panic)
        ))),
    }
}

/// How long to wait for a closing handle of this process to let go of sled's own file lock.
const RELEASE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens sled, waiting briefly while its file lock is still held. We hold the folder lock, so no
/// other live store has this folder: a held sled lock can only be a handle of this process that
/// was just dropped and whose background flusher has not finished yet.
fn open_when_released(config: &sled::Config) -> sled::Result<sled::Db> {
    let deadline = std::time::Instant::now() + RELEASE_WAIT;
    loop {
        match config.open() {
            Err(sled::Error::Io(e)) if is_lock_held(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// sled reports its held lock as `Other` with the OS error only in the text.
fn is_lock_held(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock || e.to_string().contains("could not acquire lock")
}

/// sled 0.34 writes a snapshot to `snap.<lsn>.generating` and renames it when complete, but
/// on open it also reads a leftover `.generating` file, so a process killed mid-snapshot leaves
/// a store that refuses to open ("Read corrupted data", spacejam/sled#1527). Such a file is
/// never the only copy of anything (the previous snapshot and the log are still there), so it
/// is removed. Only called with the folder locked, so no live instance is writing it.
pub(crate) fn discard_unfinished_snapshots(db_dir: &Path) -> Result<(), StoreError> {
    let entries = match std::fs::read_dir(db_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(db_dir, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            let path = entry.path();
            tracing::warn!(
                "removing an unfinished sled snapshot left by a crash: {}",
                path.display()
            );
            std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
        }
    }
    Ok(())
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown failure".into())
}

/// The schema version of an existing store; `None` when the store is new (nothing stored).
pub(crate) fn read_schema(
    db: &sled::Db,
    db_dir: &Path,
    found: Found,
) -> Result<Option<u32>, StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        dir: db_dir.to_path_buf(),
        detail,
    };
    let has_meta = db
        .tree_names()
        .iter()
        .any(|n| n.as_ref() == META.as_bytes());
    let raw = if has_meta {
        db.open_tree(META)?.get(META_SCHEMA)?
    } else {
        None
    };
    let Some(raw) = raw else {
        // Never finished being created by flexy-pos. Only an empty database may become one.
        if found == Found::Database && holds_data(db)? {
            return Err(damaged(
                "it holds data but no flexy-pos schema version (not a flexy-pos database?)".into(),
            ));
        }
        return Ok(None);
    };
    let version = codec::read_u32(&raw)
        .ok_or_else(|| damaged(format!("the schema version is unreadable ({raw:?})")))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            dir: db_dir.to_path_buf(),
            found: format!("schema {version}"),
            supported: format!("schema {SCHEMA_VERSION}"),
        });
    }
    Ok(Some(version))
}

fn holds_data(db: &sled::Db) -> Result<bool, StoreError> {
    if !db.is_empty() {
        return Ok(true);
    }
    for name in db.tree_names() {
        if name.as_ref() != META.as_bytes() && !db.open_tree(&name)?.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

pub(crate) fn open_trees(db: sled::Db) -> Result<Trees, StoreError> {
    Ok(Trees {
        orders: db.open_tree(keys::ORDERS)?,
        phones: db.open_tree(keys::PHONES)?,
        by_ref: db.open_tree(keys::BY_REF)?,
        by_status: db.open_tree(keys::BY_STATUS)?,
        open: db.open_tree(keys::OPEN)?,
        plans: db.open_tree(keys::PLANS)?,
        settings: db.open_tree(keys::SETTINGS)?,
        meta: db.open_tree(keys::META)?,
        totals: db.open_tree(keys::TOTALS)?,
        numbers: db.open_tree(keys::NUMBERS)?,
        directory: Default::default(),
        db,
    })
}

fn create_schema(trees: Trees) -> Result<Trees, StoreError> {
    // One atomic batch: a store cut short here has no version and is still "new" next time.
    let mut batch = sled::Batch::default();
    batch.insert(META_COUNT, &codec::u64_bytes(0));
    batch.insert(META_SCHEMA, &codec::u32_bytes(SCHEMA_VERSION));
    trees.meta.apply_batch(batch)?;
    trees.db.flush()?;
    Ok(trees)
}
