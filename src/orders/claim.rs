//! Two tills with one terminal id (a config.toml copied to a second PC): telling their orders
//! apart instead of merging their books.
//!
//! Each store claims its terminal id ([`Claim`]): a random tag its keys carry
//! ([`crate::ledger::reference::key_tag`]), and the moment, on OneClickDz's clock, from which
//! it writes every order of that id itself (set by its first audit: the server's clock, so a PC
//! clock set wrong cannot move it). Every sale is written to the store before it is sent, so a
//! listed ref of this id that the store lacks is, by its key's tag and its `created_at`:
//! - this store's own tag: a write of ours the store lost (a backup put back): restored;
//! - made before the claim began: a previous store of this till (a new PC): restored;
//! - made since, by another tag: **another till using this id**. Kept external (never counted,
//!   checked or sent), marked on its timeline, and the tag remembered ([`TwinTill`]) so the same
//!   till's earlier orders (restored before it showed itself) are set apart too.
//!
//! The till says so loudly while the other till's last order under this id is under two days
//! old (the audit window): `sync` (text and `--json`), the counter's status bar and a notice.
//! The owner resolves it by giving one of the two tills a new `terminal_id` in its config.toml
//! ([`crate::orders::till_id`] accepts that change from a store that met a twin).

use crate::ledger::OrderKey;
use crate::ledger::reference::key_tag;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The setting holding this store's [`Claim`].
const CLAIM: &str = "terminal_claim";
/// The setting holding the [`TwinTill`] met under this store's terminal id.
const TWIN: &str = "twin_till";
/// Tags of one other till remembered (a till of an older version puts random bits there:
/// each of its orders shows another "tag").
const MAX_TWIN_TAGS: usize = 64;
/// How long after the other till's last order the warning lasts: the audit's window.
pub const TWIN_WARNING_HOURS: i64 = 48;

/// This store's claim on its terminal id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The tag of every key this store makes.
    pub tag: u16,
    /// From when (OneClickDz's clock) every order of this terminal id is this store's own
    /// writing; `None` until the first audit sets it.
    pub since: Option<DateTime<Utc>>,
}

/// Whose a listed ref of this till's terminal id is, when the store lacks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    /// Written by this store (its tag): a lost write, restored.
    Ours,
    /// Made before this store claimed the id: a previous store of this till, restored.
    Earlier,
    /// Made by another till using the same id.
    Twin,
}

/// Another till met under this store's terminal id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwinTill {
    /// The terminal id both tills used.
    pub terminal: String,
    /// The other till's key tags.
    pub tags: Vec<u16>,
    /// When OneClickDz says the other till's latest order under this id was made.
    pub last_order: DateTime<Utc>,
}

fn read<T: for<'de> Deserialize<'de>>(store: &Store, name: &str) -> Result<Option<T>, StoreError> {
    let Some(text) = store.get_setting(name)? else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::CorruptRecord {
            what: "setting",
            key: name.to_string(),
            detail: e.to_string(),
        })
}

fn write<T: Serialize>(store: &Store, name: &str, value: &T) -> Result<(), StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Db(e.to_string()))?;
    store.set_setting(name, &text)
}

impl Claim {
    /// The store's claim, made (a new tag, no start yet) when it has none.
    pub fn load(store: &Store) -> Result<Claim, StoreError> {
        if let Some(c) = read(store, CLAIM)? {
            return Ok(c);
        }
        let claim = Claim {
            tag: rand::random(),
            since: None,
        };
        write(store, CLAIM, &claim)?;
        Ok(claim)
    }

    /// Starts the claim at `now` (OneClickDz's clock) when it has not started; the claim in
    /// force is returned.
    pub fn start(store: &Store, now: DateTime<Utc>) -> Result<Claim, StoreError> {
        let mut claim = Claim::load(store)?;
        if claim.since.is_none() {
            claim.since = Some(now);
            write(store, CLAIM, &claim)?;
        }
        Ok(claim)
    }

    /// The store took a new terminal id: its claim on it starts at its next audit.
    pub fn restart(store: &Store) -> Result<(), StoreError> {
        let claim = Claim {
            since: None,
            ..Claim::load(store)?
        };
        write(store, CLAIM, &claim)
    }

    /// Whose the order of this terminal id with `key`, made at `created_at` (OneClickDz's
    /// clock, when the list gave it), is; `twin` is the other till met so far.
    pub fn whose(
        &self,
        key: OrderKey,
        created_at: Option<DateTime<Utc>>,
        twin: Option<&TwinTill>,
    ) -> Whose {
        let tag = key_tag(key);
        if tag == self.tag {
            return Whose::Ours;
        }
        let since_claim = matches!((self.since, created_at), (Some(s), Some(c)) if c >= s);
        if since_claim || twin.is_some_and(|t| t.tags.contains(&tag)) {
            Whose::Twin
        } else {
            Whose::Earlier
        }
    }
}

impl TwinTill {
    /// The other till met under this store's terminal id, if any.
    pub fn load(store: &Store) -> Result<Option<TwinTill>, StoreError> {
        read(store, TWIN)
    }

    /// Remembers an order of another till under `terminal` (its key's tag, when it was made);
    /// the record in force is returned.
    pub fn note(
        store: &Store,
        terminal: &str,
        key: OrderKey,
        created_at: DateTime<Utc>,
    ) -> Result<TwinTill, StoreError> {
        let tag = key_tag(key);
        let stored = TwinTill::load(store)?;
        let mut twin = match &stored {
            Some(t) if t.terminal == terminal => t.clone(),
            _ => TwinTill {
                terminal: terminal.to_string(),
                tags: Vec::new(),
                last_order: created_at,
            },
        };
        if !twin.tags.contains(&tag) {
            if twin.tags.len() >= MAX_TWIN_TAGS {
                twin.tags.remove(0);
            }
            twin.tags.push(tag);
        }
        twin.last_order = twin.last_order.max(created_at);
        if stored.as_ref() != Some(&twin) {
            write(store, TWIN, &twin)?;
        }
        Ok(twin)
    }

    /// Whether the till should still warn, at `now`, while using `terminal`: the other till
    /// used this very id within the last two days.
    pub fn warns(&self, terminal: &str, now: DateTime<Utc>) -> bool {
        self.terminal == terminal
            && now - self.last_order < chrono::Duration::hours(TWIN_WARNING_HOURS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::reference::next_key_tagged;

    #[test]
    fn a_listed_order_is_ours_earlier_or_the_twin_s_by_its_tag_and_time() {
        let since = Utc::now() - chrono::Duration::hours(1);
        let claim = Claim {
            tag: 7,
            since: Some(since),
        };
        let before = Some(since - chrono::Duration::minutes(5));
        let after = Some(since + chrono::Duration::minutes(5));
        assert_eq!(claim.whose(next_key_tagged(7), after, None), Whose::Ours);
        assert_eq!(claim.whose(next_key_tagged(7), before, None), Whose::Ours);
        assert_eq!(
            claim.whose(next_key_tagged(8), before, None),
            Whose::Earlier
        );
        assert_eq!(claim.whose(next_key_tagged(8), after, None), Whose::Twin);
        assert_eq!(
            claim.whose(next_key_tagged(8), None, None),
            Whose::Earlier,
            "no time given: not proof"
        );
        let twin = TwinTill {
            terminal: "shop1".into(),
            tags: vec![8],
            last_order: Utc::now(),
        };
        assert_eq!(
            claim.whose(next_key_tagged(8), before, Some(&twin)),
            Whose::Twin,
            "the twin's earlier orders too"
        );
        let unstarted = Claim {
            tag: 7,
            since: None,
        };
        assert_eq!(
            unstarted.whose(next_key_tagged(8), after, None),
            Whose::Earlier
        );
    }

    #[test]
    fn the_claim_and_the_twin_are_kept_in_the_store_and_the_warning_lasts_two_days() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let claim = Claim::load(&store).unwrap();
        assert_eq!(claim.since, None);
        assert_eq!(Claim::load(&store).unwrap(), claim, "made once");
        let now = Utc::now();
        let started = Claim::start(&store, now).unwrap();
        assert_eq!(started.since, Some(now));
        assert_eq!(
            Claim::start(&store, now + chrono::Duration::hours(1))
                .unwrap()
                .since,
            Some(now),
            "started once"
        );
        Claim::restart(&store).unwrap();
        assert_eq!(Claim::load(&store).unwrap().since, None);
        assert_eq!(Claim::load(&store).unwrap().tag, claim.tag);

        assert_eq!(TwinTill::load(&store).unwrap(), None);
        let t = TwinTill::note(&store, "shop1", next_key_tagged(9), now).unwrap();
        let t2 = TwinTill::note(
            &store,
            "shop1",
            next_key_tagged(9),
            now - chrono::Duration::hours(3),
        )
        .unwrap();
        assert_eq!(t, t2, "an older order changes nothing");
        assert_eq!(t.tags, [9]);
        assert!(t.warns("shop1", now + chrono::Duration::hours(47)));
        assert!(!t.warns("shop1", now + chrono::Duration::hours(48)));
        assert!(!t.warns("shop2", now), "not once this till took another id");
        assert_eq!(TwinTill::load(&store).unwrap(), Some(t));
    }
}
