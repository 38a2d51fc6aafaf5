//! Small named text values that belong with the orders (the terminal id, the refused-key
//! latch…).

use super::Store;
use super::error::StoreError;
use rand::Rng;

/// The setting holding this till's terminal id.
const TERMINAL_ID: &str = "terminal_id";
/// Characters of a generated terminal id.
const TERMINAL_ID_LEN: usize = 8;
/// Lowercase letters and digits only: URL-safe, unambiguous enough to read aloud, and kept
/// as-is by the ref builder.
const ID_ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

impl Store {
    /// A setting's value; `None` if never set.
    pub fn get_setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        let Some(raw) = self.trees()?.settings.get(name.as_bytes())? else {
            return Ok(None);
        };
        String::from_utf8(raw.to_vec())
            .map(Some)
            .map_err(|_| StoreError::CorruptRecord {
                what: "setting",
                key: name.to_string(),
                detail: "the value is not text (UTF-8)".into(),
            })
    }

    /// Sets a value (flushed before returning).
    pub fn set_setting(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let t = self.writer()?;
        t.settings
            .insert(name.as_bytes(), value.as_bytes())
            .map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        Ok(())
    }

    /// The terminal id this store's orders were made with; `None` for a store that has none
    /// yet (new, or made before any order).
    pub fn stored_terminal_id(&self) -> Result<Option<String>, StoreError> {
        self.get_setting(TERMINAL_ID)
    }

    /// Gives a store without a terminal id this one (the id a new PC takes over from
    /// config.toml or `--terminal`). A store that already has one keeps it; the id in force is
    /// returned either way.
    pub fn adopt_terminal_id(&self, id: &str) -> Result<String, StoreError> {
        self.terminal_id_unless_set(id)
    }

    /// Stores `id` as the terminal id unless one is there already (flushed); the id in force
    /// is returned. Atomic: when two threads race, the first stored id wins for both.
    fn terminal_id_unless_set(&self, id: &str) -> Result<String, StoreError> {
        let t = self.writer()?;
        let swapped = t
            .settings
            .compare_and_swap(TERMINAL_ID, None as Option<&[u8]>, Some(id.as_bytes()))
            .map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        match swapped {
            Ok(()) => Ok(id.to_string()),
            Err(_) => self
                .get_setting(TERMINAL_ID)?
                .ok_or_else(|| StoreError::Db("the terminal id vanished while being set".into())),
        }
    }

    /// Replaces the terminal id of a store that holds NO order yet (a new PC that made an id of
    /// its own before being told its real one). A store with orders is refused: their refs
    /// carry the old id.
    pub fn replace_terminal_id(&self, id: &str) -> Result<(), StoreError> {
        if self.count()? > 0 {
            return Err(StoreError::Invalid(format!(
                "cannot change the terminal id of a database that already holds orders (to '{id}')"
            )));
        }
        self.set_setting(TERMINAL_ID, id)
    }

    /// Gives a store that holds orders another terminal id: only for a till whose id another
    /// till uses too (the caller, [`crate::orders::till_id`], checks). Its orders keep their
    /// refs; its new orders carry the new id.
    pub fn switch_terminal_id(&self, id: &str) -> Result<(), StoreError> {
        self.set_setting(TERMINAL_ID, id)
    }

    /// Forgets a setting (flushed before returning).
    pub fn remove_setting(&self, name: &str) -> Result<(), StoreError> {
        let t = self.writer()?;
        t.settings
            .remove(name.as_bytes())
            .map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        Ok(())
    }

    /// This till's id, used in every order's ref. Made on first use (8 random characters of
    /// `[0-9a-z]`) and kept forever, so refs of this till never collide with another's. Safe to
    /// call from several threads: the first stored id wins.
    pub fn terminal_id(&self) -> Result<String, StoreError> {
        if let Some(id) = self.get_setting(TERMINAL_ID)? {
            return Ok(id);
        }
        let mut rng = rand::rng();
        let id: String = (0..TERMINAL_ID_LEN)
            .map(|_| ID_ALPHABET[rng.random_range(0..ID_ALPHABET.len())] as char)
            .collect();
        // Another thread may store one first: then that one is used.
        self.terminal_id_unless_set(&id)
    }
}
