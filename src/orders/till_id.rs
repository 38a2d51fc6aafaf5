//! Which till this is: the terminal id that starts every ref it sends.
//!
//! The order store keeps the id its orders were made with. config.toml keeps a copy (written
//! by flexy-pos on a till with a key), so a till whose store is gone — a dead disk, a power
//! cut that took the folder, a new PC — still knows its own refs, and `sync` can restore them
//! instead of taking them for another till's ([`super::audit`]). `--terminal` gives it by hand.
//!
//! | store | given (flag or file) | result |
//! |---|---|---|
//! | none | none | a new random id, stored |
//! | none | X | X, stored (the new-PC case) |
//! | S | none or S | S |
//! | S, no order yet | X ≠ S | X replaces S (a new PC that made up an id before being told) |
//! | S, with orders | X ≠ S | live: refused (the refs would not be this till's); practice: S, with a warning |
//! | S, with orders, another till met under S | X ≠ S | X (the owner's fix for two tills sharing S, see [`super::claim`]) |

use super::claim::{Claim, TwinTill};
use crate::config::TerminalSetting;
use crate::store::{Store, StoreError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    #[error(
        "this till's order database ({dir}) was made by terminal '{stored}', but {given_by} says \
         terminal '{given}'. Refs of the other id would not be recognised as this till's. Fix \
         {given_by} (or remove it to use '{stored}')"
    )]
    Mismatch {
        dir: PathBuf,
        stored: String,
        given: String,
        given_by: &'static str,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl TerminalError {
    /// The error in the clerk's words (the folder, ids and where the id was given as they are).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, MsgId};
        match self {
            TerminalError::Mismatch {
                dir,
                stored,
                given,
                given_by,
            } => Message::new(MsgId::TillIdMismatch)
                .text("dir", dir.display())
                .text("stored", stored)
                .text("given", given)
                .text("given_by", *given_by),
            TerminalError::Store(e) => e.message(),
        }
    }
}

/// The id in force and whether config.toml should be given a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terminal {
    pub id: String,
    /// config.toml holds no terminal id yet, or holds `replaced`.
    pub remember: bool,
    /// The made-up id this one replaced (config.toml may hold it).
    pub replaced: Option<String>,
}

/// Settles the terminal id of this store (see the module table). `strict` (a till with a key)
/// refuses a given id that differs from the store's.
pub fn resolve(
    store: &Store,
    given: Option<&TerminalSetting>,
    strict: bool,
) -> Result<Terminal, TerminalError> {
    let mut replaced = None;
    let id = match (store.stored_terminal_id()?, given) {
        (Some(stored), Some(g)) if stored != g.id && store.count()? == 0 => {
            store.replace_terminal_id(&g.id)?;
            tracing::info!(
                "terminal id '{stored}' (no order yet) replaced by '{}' from {}",
                g.id,
                g.source()
            );
            replaced = Some(stored);
            g.id.clone()
        }
        (Some(stored), Some(g)) if stored != g.id && twin_met(store, &stored)? => {
            // Two tills used `stored` (a copied config.toml): the owner gives this one its own.
            store.switch_terminal_id(&g.id)?;
            Claim::restart(store)?;
            tracing::warn!(
                "terminal id '{stored}', which another till uses too, replaced by '{}' from {}; \
                 this till's orders keep their refs",
                g.id,
                g.source()
            );
            replaced = Some(stored);
            g.id.clone()
        }
        (Some(stored), Some(g)) if stored != g.id => {
            if strict {
                return Err(TerminalError::Mismatch {
                    dir: store.data_dir().to_path_buf(),
                    stored,
                    given: g.id.clone(),
                    given_by: g.source(),
                });
            }
            tracing::warn!(
                "practice store made by terminal '{stored}', {} says '{}': keeping '{stored}'",
                g.source(),
                g.id
            );
            stored
        }
        (Some(stored), _) => stored,
        (None, Some(g)) => store.adopt_terminal_id(&g.id)?,
        (None, None) => store.terminal_id()?,
    };
    Ok(Terminal {
        id,
        remember: replaced.is_some() || given.is_none_or(|g| !g.in_file),
        replaced,
    })
}

/// Another till was met using this store's terminal id `id`.
fn twin_met(store: &Store, id: &str) -> Result<bool, StoreError> {
    Ok(TwinTill::load(store)?.is_some_and(|t| t.terminal == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(id: &str, in_file: bool) -> TerminalSetting {
        TerminalSetting {
            id: id.into(),
            from_flag: !in_file,
            in_file,
        }
    }

    #[test]
    fn a_new_store_takes_the_given_id_and_a_made_store_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let t = resolve(&store, Some(&given("till7", false)), true).unwrap();
        let expected = Terminal {
            id: "till7".into(),
            remember: true,
            replaced: None,
        };
        assert_eq!(t, expected);
        assert_eq!(
            store.stored_terminal_id().unwrap().as_deref(),
            Some("till7")
        );
        // With an order stored, the id is the store's for good.
        store
            .insert_new(&crate::testkit::OrderBuilder::new(chrono::Utc::now(), 1).build())
            .unwrap();
        let t = resolve(&store, Some(&given("till7", true)), true).unwrap();
        assert!(!t.remember, "the file has it already");
        let e = resolve(&store, Some(&given("other", true)), true).unwrap_err();
        assert!(matches!(e, TerminalError::Mismatch { .. }), "{e}");
        assert!(e.to_string().contains("'till7'") && e.to_string().contains("config.toml"));
        let t = resolve(&store, Some(&given("other", true)), false).unwrap();
        assert_eq!(t.id, "till7", "practice keeps the store's id");
        assert_eq!(resolve(&store, None, true).unwrap(), expected);

        let fresh = tempfile::tempdir().unwrap();
        let store = Store::open(fresh.path()).unwrap();
        let t = resolve(&store, None, true).unwrap();
        assert_eq!(t.id.len(), 8, "a new random id");
        assert_eq!(store.stored_terminal_id().unwrap(), Some(t.id.clone()));
        // Told its real id before any order: the made-up one goes (config.toml is fixed too).
        let told = resolve(&store, Some(&given("shop2", true)), true).unwrap();
        assert_eq!(told.id, "shop2");
        assert_eq!(told.replaced, Some(t.id));
        assert!(told.remember);
        assert_eq!(
            store.stored_terminal_id().unwrap().as_deref(),
            Some("shop2")
        );
    }

    #[test]
    fn a_till_that_met_a_twin_under_its_id_may_take_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        resolve(&store, Some(&given("till7", true)), true).unwrap();
        store
            .insert_new(&crate::testkit::OrderBuilder::new(chrono::Utc::now(), 1).build())
            .unwrap();
        let refused = resolve(&store, Some(&given("till8", true)), true).unwrap_err();
        assert!(
            matches!(refused, TerminalError::Mismatch { .. }),
            "{refused}"
        );
        // Another till was met under "till7" (a copied config.toml): the owner's fix is taken.
        let key = crate::ledger::reference::next_key_tagged(3);
        TwinTill::note(&store, "till7", key, chrono::Utc::now()).unwrap();
        Claim::start(&store, chrono::Utc::now()).unwrap();
        let t = resolve(&store, Some(&given("till8", true)), true).unwrap();
        assert_eq!(t.id, "till8");
        assert_eq!(t.replaced.as_deref(), Some("till7"));
        assert_eq!(
            store.stored_terminal_id().unwrap().as_deref(),
            Some("till8")
        );
        assert_eq!(Claim::load(&store).unwrap().since, None, "a new claim");
        // The new id is the store's for good: no twin was met under it.
        let again = resolve(&store, Some(&given("till9", true)), true).unwrap_err();
        assert!(again.to_string().contains("'till8'"), "{again}");
    }
}
