//! Every number of the history in memory, indexed by each run of four digits in it, for the
//! customer search by the digits staff remember ("the one ending in 4567").
//!
//! Without it such a search reads every group of the `numbers` tree and searches ~600 kB of
//! digits (most of a digit search's time on a million orders); with it, four or more digits
//! look up the numbers holding their first four and check only those.
//!
//! Built from the `numbers` tree on the first search that needs it, and dropped whenever a
//! write changed a group (a number got its first order or lost its last one: rare, never a
//! regular's next sale), so it is rebuilt from what is on disk. A generation count keeps a
//! directory built while such a write committed from being kept. The engine's trees, and this
//! with them, are replaced when the engine is reopened; after `raw_db` (tests writing past the
//! store) it is not used at all.

use super::numbers;
use crate::store::error::StoreError;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, PoisonError, RwLock};

/// Digits shorter than this search the tree (their matches are many, the scan is not the cost).
const GRAM: usize = 4;
/// One bucket per run of four digits: `0000` to `9999`.
const BUCKETS: usize = 10_000;

#[derive(Default)]
pub(crate) struct NumberDirectory {
    built: RwLock<Option<(u64, Arc<Directory>)>>,
    generation: AtomicU64,
    bypassed: AtomicBool,
}

/// The numbers, sorted as in the tree, in one buffer; and for each run of four digits the
/// numbers holding it (each number once, in order).
struct Directory {
    bytes: Vec<u8>,
    ends: Vec<u32>,
    by_gram: Vec<Vec<u32>>,
}

impl NumberDirectory {
    /// The numbers holding `digits` anywhere, in the tree's order.
    pub(crate) fn containing(
        &self,
        tree: &sled::Tree,
        digits: &[u8],
    ) -> Result<Vec<Vec<u8>>, StoreError> {
        if self.bypassed.load(SeqCst) || gram(digits).is_none() {
            return numbers::containing(tree, digits);
        }
        Ok(self.current(tree)?.containing(digits))
    }

    /// A write changed a group: the next search rebuilds from the tree.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, SeqCst);
        *self.built.write().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The tree may now be written past the store: search it directly from now on.
    pub(crate) fn bypass(&self) {
        self.bypassed.store(true, SeqCst);
        self.invalidate();
    }

    fn current(&self, tree: &sled::Tree) -> Result<Arc<Directory>, StoreError> {
        let generation = self.generation.load(SeqCst);
        if let Some((g, dir)) = &*self.built.read().unwrap_or_else(PoisonError::into_inner)
            && *g == generation
        {
            return Ok(dir.clone());
        }
        let dir = Arc::new(Directory::build(numbers::under(tree, b"")?));
        let mut slot = self.built.write().unwrap_or_else(PoisonError::into_inner);
        // Kept only if no group changed while it was read.
        if self.generation.load(SeqCst) == generation {
            *slot = Some((generation, dir.clone()));
        }
        Ok(dir)
    }
}

/// The bucket of the first four bytes, when they are four ASCII digits.
fn gram(digits: &[u8]) -> Option<usize> {
    let four = digits.get(..GRAM)?;
    four.iter().try_fold(0usize, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + usize::from(b - b'0'))
    })
}

impl Directory {
    fn build(all: Vec<Vec<u8>>) -> Directory {
        let mut bytes = Vec::with_capacity(all.iter().map(Vec::len).sum());
        let mut ends = Vec::with_capacity(all.len());
        let mut by_gram: Vec<Vec<u32>> = vec![Vec::new(); BUCKETS];
        for (id, number) in all.iter().enumerate() {
            let id = id as u32;
            for window in number.windows(GRAM) {
                if let Some(b) = gram(window) {
                    let list = &mut by_gram[b];
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
            }
            bytes.extend_from_slice(number);
            ends.push(bytes.len() as u32);
        }
        Directory {
            bytes,
            ends,
            by_gram,
        }
    }

    fn number(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// `digits` has at least four digits first (see [`gram`]).
    fn containing(&self, digits: &[u8]) -> Vec<Vec<u8>> {
        let Some(b) = gram(digits) else {
            return Vec::new();
        };
        let finder = memchr::memmem::Finder::new(digits);
        self.by_gram[b]
            .iter()
            .map(|&id| self.number(id))
            .filter(|n| finder.find(n).is_some())
            .map(<[u8]>::to_vec)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_with(numbers: &[&[u8]]) -> (sled::Db, sled::Tree) {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("numbers").unwrap();
        for n in numbers {
            tree.transaction(|tx| numbers::set(tx, n, &7u128.to_be_bytes()))
                .unwrap();
        }
        (db, tree)
    }

    /// The directory finds exactly what the tree search finds, for every run of digits of
    /// every number and for digits of no number.
    #[test]
    fn it_finds_what_the_tree_finds() {
        let numbers: &[&[u8]] = &[
            b"0550123456",
            b"0550654321",
            b"0661234567",
            b"0661111111",
            b"0661999999",
            b"0771000045",
            b"0661234",
        ];
        let (_db, tree) = tree_with(numbers);
        let dir = NumberDirectory::default();
        let mut queries: Vec<Vec<u8>> = vec![b"5606".to_vec(), b"12345678".to_vec()];
        for n in numbers {
            for len in 1..=n.len() {
                queries.extend(n.windows(len).map(<[u8]>::to_vec));
            }
        }
        for q in queries {
            assert_eq!(
                dir.containing(&tree, &q).unwrap(),
                numbers::containing(&tree, &q).unwrap(),
                "{}",
                String::from_utf8_lossy(&q)
            );
        }
        assert_eq!(
            dir.containing(&tree, b"1111").unwrap(),
            [b"0661111111".to_vec()],
            "a number holding the digits twice is given once"
        );
    }

    /// A new number is found once the write that added it says its group changed; until then
    /// the directory built before it is used.
    #[test]
    fn a_changed_group_is_read_again() {
        let (_db, tree) = tree_with(&[b"0661234567"]);
        let dir = NumberDirectory::default();
        assert_eq!(dir.containing(&tree, b"4567").unwrap().len(), 1);
        tree.transaction(|tx| numbers::set(tx, b"0771234567", &7u128.to_be_bytes()))
            .unwrap();
        assert_eq!(dir.containing(&tree, b"4567").unwrap().len(), 1, "kept");
        dir.invalidate();
        assert_eq!(dir.containing(&tree, b"4567").unwrap().len(), 2);
        tree.transaction(|tx| numbers::set(tx, b"0551234567", &7u128.to_be_bytes()))
            .unwrap();
        dir.bypass();
        assert_eq!(
            dir.containing(&tree, b"4567").unwrap().len(),
            3,
            "bypassed: the tree itself"
        );
    }
}
