//! What can go wrong with the order database, worded for the person at the till.
//!
//! Every variant that concerns the files names the folder; every variant that concerns one
//! order names its key (32 hex digits and the time it was created). The words come from the
//! catalogues ([`StoreError::message`]); `Display` is the English wording (logs, tests). What to
//! do with a damaged store is one message, `MsgId::RestoreHint`.

use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::OrderKey;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum StoreError {
    /// Another flexy-pos (or another window of it) has the database open.
    Locked { dir: PathBuf },

    /// The folder or one of its files could not be read, created or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// The database files are not a readable flexy-pos database, or they lost orders that
    /// were written to them. Nothing was changed.
    Damaged { dir: PathBuf, detail: String },

    /// Written by a newer flexy-pos. Nothing was changed.
    TooNew {
        dir: PathBuf,
        found: String,
        supported: String,
    },

    /// Upgrading an older database failed; its schema version was left as it was.
    Migration { from: u32, detail: String },

    /// One stored value (an order, an index entry, the plan cache…) cannot be decoded.
    CorruptRecord {
        /// `order`, `index entry`, `plan cache`, `setting`…
        what: &'static str,
        /// The order key (see [`key_label`]) or the name of the entry.
        key: String,
        detail: String,
    },

    /// `insert_new` of a ref that is already taken (refs are unique forever).
    DuplicateRef { reference: String },

    /// `insert_new` of a key that is already taken.
    DuplicateKey { key: String },

    /// `update` of an order that was never inserted.
    NotFound { key: String },

    /// `update` that would give an order the ref of another order.
    RefTaken { key: String, reference: String },

    /// A record the store refuses to take (an empty ref…). Nothing was written.
    Invalid(String),

    /// A value could not be encoded (a bug, not a disk problem).
    Encode { what: &'static str, detail: String },

    /// Any other error reported by the database engine (disk full, I/O error…).
    Db(String),
}

impl StoreError {
    /// The error in words, in any language; the engine's and the system's own words (`detail`)
    /// are kept as they are.
    pub fn message(&self) -> Message {
        match self {
            StoreError::Locked { dir } => {
                Message::new(MsgId::StoreLocked).text("dir", dir.display())
            }
            StoreError::Io { path, source } => Message::new(MsgId::StoreIo)
                .text("path", path.display())
                .text("error", source),
            StoreError::Damaged { dir, detail } => Message::new(MsgId::StoreDamaged)
                .text("dir", dir.display())
                .text("detail", detail)
                .msg("hint", MsgId::RestoreHint),
            StoreError::TooNew {
                dir,
                found,
                supported,
            } => Message::new(MsgId::StoreTooNew)
                .text("dir", dir.display())
                .text("found", found)
                .text("supported", supported),
            StoreError::Migration { from, detail } => Message::new(MsgId::StoreMigration)
                .text("from", from)
                .text("detail", detail),
            StoreError::CorruptRecord { what, key, detail } => {
                Message::new(MsgId::StoreCorruptRecord)
                    .text("what", what)
                    .text("key", key)
                    .text("detail", detail)
            }
            StoreError::DuplicateRef { reference } => {
                Message::new(MsgId::StoreDuplicateRef).text("ref", reference)
            }
            StoreError::DuplicateKey { key } => {
                Message::new(MsgId::StoreDuplicateKey).text("key", key)
            }
            StoreError::NotFound { key } => Message::new(MsgId::StoreNotFound).text("key", key),
            StoreError::RefTaken { key, reference } => Message::new(MsgId::StoreRefTaken)
                .text("key", key)
                .text("ref", reference),
            StoreError::Invalid(why) => Message::new(MsgId::StoreInvalid).text("why", why),
            StoreError::Encode { what, detail } => Message::new(MsgId::StoreEncode)
                .text("what", what)
                .text("detail", detail),
            StoreError::Db(detail) => Message::new(MsgId::StoreDb).text("detail", detail),
        }
    }

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

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_lang(Lang::En))
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
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
