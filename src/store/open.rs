//! Opening a data folder: lock it, check the files, open sled, check or create the schema.

use super::durable::Durable;
use super::error::StoreError;
use super::files::{self, Found};
use super::keys::{self, META, META_COUNT, META_SCHEMA};
use super::schema::{self, SCHEMA_VERSION};
use super::{Store, Trees, codec};
use std::fs::{File, OpenOptions};
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
    /// - Damaged or foreign files: [`StoreError::Damaged`]; nothing is written or repaired.
    /// - A store written by a newer build: [`StoreError::TooNew`]; nothing is written.
    /// - A store of an older schema is migrated (see [`super::schema`]).
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        crate::fsync::create_dir_all_durably(data_dir).map_err(|e| StoreError::io(data_dir, e))?;
        let lock = lock_folder(data_dir)?;
        let db_dir = Store::database_path(data_dir);
        let found = files::check(&db_dir)?;
        discard_unfinished_snapshots(&db_dir)?;
        let db = open_engine(&db_dir)?;
        let durable = Durable::open(&db_dir, data_dir)?;
        let trees = match read_schema(&db, &db_dir, found)? {
            Some(version) => {
                if version < SCHEMA_VERSION {
                    schema::migrate(&db, version)?;
                }
                open_trees(db)?
            }
            None => create_schema(open_trees(db)?)?,
        };
        // A new schema or a migration is durable before anything else is written.
        durable.sync()?;
        Ok(Store::from_parts(
            trees,
            durable,
            data_dir.to_path_buf(),
            lock,
        ))
    }
}

fn lock_folder(data_dir: &Path) -> Result<File, StoreError> {
    let path = data_dir.join(LOCK_FILE_NAME);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::io(&path, e))?;
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        Ok(false) => Err(StoreError::Locked {
            dir: data_dir.to_path_buf(),
        }),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

/// sled itself may panic on some damaged files; that is reported as damage, not a crash.
fn open_engine(db_dir: &Path) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new()
        .path(db_dir)
        .cache_capacity(CACHE_CAPACITY)
        .mode(sled::Mode::LowSpace);
    let damaged = |detail: String| StoreError::Damaged {
        dir: db_dir.to_path_buf(),
        detail,
    };
    match catch_unwind(AssertUnwindSafe(|| open_when_released(&config))) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Io(e))) => Err(StoreError::io(db_dir, e)),
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
fn discard_unfinished_snapshots(db_dir: &Path) -> Result<(), StoreError> {
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
fn read_schema(db: &sled::Db, db_dir: &Path, found: Found) -> Result<Option<u32>, StoreError> {
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

fn open_trees(db: sled::Db) -> Result<Trees, StoreError> {
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
