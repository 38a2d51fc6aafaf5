//! What makes a store write durable on power loss.
//!
//! sled 0.34's `flush` ends in `sync_file_range` on Linux: the pages reach the drive, but
//! neither the drive's cache nor the file's metadata (its length, when a segment was added) are
//! flushed, so a write "flushed" that way may still vanish when the power goes. So after every
//! sled flush the database file `db` is synced with a real `fdatasync`
//! ([`crate::fsync::sync_file`]), through a handle of our own (fsync acts on the file, whichever
//! handle asks). sled also creates files in its folder (its `conf`, `db` and `blobs/` at first
//! open, snapshots it renames into place later) and writes values too big for its log as files
//! in `blobs/`, without syncing them. So whenever a folder's list of names changed since the
//! last sync, each new blob file is synced, then the folder.

use super::error::StoreError;
use crate::fsync;
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// sled's data file inside its folder.
const DATA_FILE: &str = "db";
/// sled's folder of values too big for the log, one file each.
const BLOB_DIR: &str = "blobs";

/// The handles a durable flush syncs.
pub(crate) struct Durable {
    db_dir: PathBuf,
    data_file: File,
    /// The names in the sled folder and in `blobs/` when they were last synced.
    synced: Mutex<Listing>,
}

#[derive(Default, PartialEq)]
struct Listing {
    top: Vec<OsString>,
    blobs: Vec<OsString>,
}

impl Durable {
    /// Opens the data file of a database sled has just opened, and syncs the folders a first
    /// open may have created: the sled folder and the data folder holding it (and `LOCK`).
    pub(crate) fn open(db_dir: &Path, data_dir: &Path) -> Result<Durable, StoreError> {
        let path = db_dir.join(DATA_FILE);
        let data_file = fsync::open_for_sync(&path).map_err(|e| StoreError::io(&path, e))?;
        let durable = Durable {
            db_dir: db_dir.to_path_buf(),
            data_file,
            synced: Mutex::new(Listing::default()),
        };
        durable.sync()?;
        fsync::sync_dir(data_dir).map_err(|e| StoreError::io(data_dir, e))?;
        Ok(durable)
    }

    /// Syncs the data file; then, if files were added, renamed or removed since the last
    /// time, the new blob files and the folders. Call after every sled flush that must survive
    /// a power cut.
    pub(crate) fn sync(&self) -> Result<(), StoreError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| StoreError::io(&path, e)
        };
        fsync::sync_file(&self.data_file).map_err(io(&self.db_dir))?;
        // One lock for the whole check, so two writers never skip each other's new files.
        let mut synced = self.synced.lock().unwrap_or_else(|p| p.into_inner());
        let blob_dir = self.db_dir.join(BLOB_DIR);
        let blobs = folder_names(&blob_dir)?;
        if blobs != synced.blobs {
            for name in blobs
                .iter()
                .filter(|n| synced.blobs.binary_search(n).is_err())
            {
                let path = blob_dir.join(name);
                match fsync::open_for_sync(&path) {
                    Ok(f) => fsync::sync_file(&f).map_err(io(&path))?,
                    // Collected by sled between the listing and now: nothing to keep.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(StoreError::io(&path, e)),
                }
            }
            fsync::sync_dir(&blob_dir).map_err(io(&blob_dir))?;
            synced.blobs = blobs;
        }
        let top = folder_names(&self.db_dir)?;
        if top != synced.top {
            fsync::sync_dir(&self.db_dir).map_err(io(&self.db_dir))?;
            synced.top = top;
        }
        Ok(())
    }
}

/// The sorted names in a folder (a few entries: sled's `conf`, `db`, `blobs`, snapshots);
/// none when it does not exist.
fn folder_names(dir: &Path) -> Result<Vec<OsString>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        names.push(entry.map_err(|e| StoreError::io(dir, e))?.file_name());
    }
    names.sort();
    Ok(names)
}
