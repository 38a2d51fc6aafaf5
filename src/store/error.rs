//! What can go wrong with the order database, worded for the person at the till.
//!
//! Every variant that concerns the files names the folder; every variant that concerns one
//! order names its key (32 hex digits and the time it was created).

use crate::ledger::OrderKey;
use std::fmt;
use std::path::PathBuf;

/// What to do with a damaged store, said wherever damage is reported.
pub const RESTORE_HINT: &str = "Keep a copy of the folder, move it away, then rebuild the \
     orders from OneClickDz with `flexy-pos sync --since YYYY-MM-DD` (the day of the oldest \
     order you need), or restore a backup";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another flexy-pos (or another window of it) has the database open.
    #[error(
        "the order database in {dir} is already in use by another flexy-pos; \
         close the other one first (only one till may use a data folder)"
    )]
    Locked { dir: PathBuf },

    /// The folder or one of its files could not be read, created or written.
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The database files are not a readable flexy-pos database, or they lost orders that
    /// were written to them. Nothing was changed.
    #[error(
        "the order database in {dir} is damaged ({detail}); nothing was changed. {hint}",
        hint = RESTORE_HINT
    )]
    Damaged { dir: PathBuf, detail: String },

    /// Written by a newer flexy-pos. Nothing was changed.
    #[error(
        "the order database in {dir} was written by a newer flexy-pos ({found}; this build \
         reads up to {supported}); nothing was changed, use the newer version"
    )]
    TooNew {
        dir: PathBuf,
        found: String,
        supported: String,
    },

    /// Upgrading an older database failed; its schema version was left as it was.
    #[error("upgrading the order database from schema {from} failed: {detail}")]
    Migration { from: u32, detail: String },

    /// One stored value (an order, an index entry, the plan cache…) cannot be decoded.
    #[error("{what} {key} in the database is unreadable: {detail}")]
    CorruptRecord {
        /// `order`, `index entry`, `plan cache`, `setting`…
        what: &'static str,
        /// The order key (see [`key_label`]) or the name of the entry.
        key: String,
        detail: String,
    },

    /// `insert_new` of a ref that is already taken (refs are unique forever).
    #[error("an order with ref {reference} already exists; nothing was written")]
    DuplicateRef { reference: String },

    /// `insert_new` of a key that is already taken.
    #[error("order {key} already exists; nothing was written")]
    DuplicateKey { key: String },

    /// `update` of an order that was never inserted.
    #[error("order {key} is not in the database")]
    NotFound { key: String },

    /// `update` that would give an order the ref of another order.
    #[error("cannot change the ref of order {key} to {reference}: another order has it")]
    RefTaken { key: String, reference: String },

    /// A record the store refuses to take (an empty ref…). Nothing was written.
    #[error("cannot store this: {0}")]
    Invalid(String),

    /// A value could not be encoded (a bug, not a disk problem).
    #[error("could not encode {what}: {detail}")]
    Encode { what: &'static str, detail: String },

    /// Any other error reported by the database engine (disk full, I/O error…).
    #[error("database error: {0}")]
    Db(String),
}

impl StoreError {
    /// True for the "another instance has the folder" case (the CLI exits non-zero with it).
    pub fn is_locked(&self) -> bool {
        matches!(self, StoreError::Locked { .. })
    }

    pub(crate) fn corrupt_order(key: OrderKey, detail: impl fmt::Display) -> StoreError {
        StoreError::CorruptRecord {
            what: "order",
            key: key_label(key),
            detail: detail.to_string(),
        }
    }

    /// Damage found while reading (a record, an index or the engine's own pages).
    pub fn is_damage(&self) -> bool {
        match self {
            StoreError::CorruptRecord { .. } | StoreError::Damaged { .. } => true,
            StoreError::Db(m) => m.starts_with(ENGINE_DAMAGE),
            _ => false,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

const ENGINE_DAMAGE: &str = "the database engine found damaged data";

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> StoreError {
        match e {
            sled::Error::Io(e) => StoreError::Db(format!("disk error: {e}")),
            sled::Error::Corruption { at, .. } => StoreError::Db(format!(
                "{ENGINE_DAMAGE}{}",
                at.map(|p| format!(" at {p:?}")).unwrap_or_default()
            )),
            other => StoreError::Db(other.to_string()),
        }
    }
}

/// An order key as shown in errors: `0193a4…e1 (created 2025-03-01 10:22:05 UTC)`.
pub fn key_label(key: OrderKey) -> String {
    let created = chrono::DateTime::from_timestamp_millis(key.millis() as i64)
        .map(|t| t.format(" (created %Y-%m-%d %H:%M:%S UTC)").to_string())
        .unwrap_or_default();
    format!("{:032x}{created}", key.0)
}

/// One entry a listing skipped because it could not be read (see [`crate::store::Page`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    /// The order key when it is known.
    pub key: Option<OrderKey>,
    /// What is wrong, naming the key.
    pub detail: String,
}

impl Damaged {
    pub(crate) fn from_error(key: Option<OrderKey>, e: &StoreError) -> Damaged {
        Damaged {
            key,
            detail: e.to_string(),
        }
    }
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}
