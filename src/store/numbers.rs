//! Every number of the history in few keys: the `numbers` tree groups the numbers by their
//! first four characters (`0661`: a few hundred keys for all of Algeria's mobile prefixes),
//! each value listing its numbers with their last order key and order count.
//!
//! It exists for the searches that must look at every number: digits anywhere in the number
//! (`4567`) read these few hundred small values instead of the `phones` lists (16 MB of keys on
//! a million orders), and the regulars under some digits come from here without reading a list.
//! Kept in the same transaction as the `phones` entry it summarises (see `orders.rs`).
//!
//! Value: a CRC-32 of the rest (little-endian, checked on every read), then entries sorted by
//! number, each `len (1 byte) ++ number ++ last key (16) ++ count (u32
//! BE)`.

use super::error::StoreError;
use super::orders::abort;
use super::phones::{self, KeyList};
use crate::ledger::OrderKey;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::collections::BTreeMap;

/// One number of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Number {
    pub(crate) phone: Vec<u8>,
    pub(crate) last: OrderKey,
    pub(crate) count: u32,
}

/// The key of the group a number belongs to.
pub(crate) fn group_of(phone: &[u8]) -> &[u8] {
    &phone[..phone.len().min(4)]
}

fn damaged(entry: &[u8], detail: &str) -> StoreError {
    StoreError::CorruptRecord {
        what: "numbers entry",
        key: String::from_utf8_lossy(entry).into_owned(),
        detail: detail.to_string(),
    }
}

pub(crate) fn decode(entry: &[u8], raw: &[u8]) -> Result<Vec<Number>, StoreError> {
    let mut out = Vec::new();
    let mut rest = checked(entry, raw)?;
    while let Some((&len, tail)) = rest.split_first() {
        let len = usize::from(len);
        if tail.len() < len + 20 {
            return Err(damaged(entry, "an entry is cut short"));
        }
        let (phone, tail) = tail.split_at(len);
        let (key, tail) = tail.split_at(16);
        let (count, tail) = tail.split_at(4);
        out.push(Number {
            phone: phone.to_vec(),
            last: OrderKey::from_bytes(key).ok_or_else(|| damaged(entry, "a bad key"))?,
            count: u32::from_be_bytes(count.try_into().unwrap_or_default()),
        });
        rest = tail;
    }
    Ok(out)
}

fn encode(numbers: &[Number]) -> Vec<u8> {
    let mut body = Vec::with_capacity(numbers.len() * 31);
    for n in numbers {
        let len = n.phone.len().min(255);
        body.push(len as u8);
        body.extend_from_slice(&n.phone[..len]);
        body.extend_from_slice(&n.last.to_bytes());
        body.extend_from_slice(&n.count.to_be_bytes());
    }
    let mut out = super::crc::crc32(&body).to_le_bytes().to_vec();
    out.extend_from_slice(&body);
    out
}

/// The entries of a stored group, once its CRC-32 (the first 4 bytes) is checked.
fn checked<'a>(entry: &[u8], raw: &'a [u8]) -> Result<&'a [u8], StoreError> {
    match raw.split_first_chunk::<4>() {
        Some((sum, body)) if super::crc::crc32(body) == u32::from_le_bytes(*sum) => Ok(body),
        _ => Err(damaged(entry, "its checksum does not match")),
    }
}

/// Records that `phone`'s list is now `list` (empty: the number has no order left), inside a
/// write transaction.
pub(crate) fn set(
    tree: &TransactionalTree,
    phone: &[u8],
    list: &[u8],
) -> Result<(), ConflictableTransactionError<StoreError>> {
    let Some(keys) = KeyList::new(list) else {
        return abort(phones::damaged_list(phone, list.len()));
    };
    let group = group_of(phone);
    let mut numbers = match tree.get(group)? {
        None => Vec::new(),
        Some(raw) => match decode(group, &raw) {
            Ok(n) => n,
            Err(e) => return abort(e),
        },
    };
    let at = numbers.binary_search_by(|n| n.phone.as_slice().cmp(phone));
    match (at, keys.len()) {
        (Ok(i), 0) => {
            numbers.remove(i);
        }
        (Err(_), 0) => return Ok(()),
        (Ok(i), n) => {
            numbers[i].last = keys.get(n - 1);
            numbers[i].count = n as u32;
        }
        (Err(i), n) => numbers.insert(
            i,
            Number {
                phone: phone.to_vec(),
                last: keys.get(n - 1),
                count: n as u32,
            },
        ),
    }
    if numbers.is_empty() {
        tree.remove(group)?;
    } else {
        tree.insert(group, encode(&numbers))?;
    }
    Ok(())
}

/// The numbers that contain `digits` anywhere, read in place from the stored groups (no copy
/// of the numbers that do not match: a miss over ~90 000 numbers allocates nothing).
pub(crate) fn containing(tree: &sled::Tree, digits: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = Vec::new();
    for item in tree.iter() {
        let (entry, raw) = item?;
        let mut rest: &[u8] = checked(&entry, &raw)?;
        while let Some((&len, tail)) = rest.split_first() {
            let len = usize::from(len);
            if tail.len() < len + 20 {
                return Err(damaged(&entry, "an entry is cut short"));
            }
            let phone = &tail[..len];
            if phone.windows(digits.len()).any(|w| w == digits) {
                out.push(phone.to_vec());
            }
            rest = &tail[len + 20..];
        }
    }
    Ok(out)
}

/// Every number whose group may hold numbers starting with `prefix` (all when empty).
pub(crate) fn under(tree: &sled::Tree, prefix: &[u8]) -> Result<Vec<Number>, StoreError> {
    let scan = group_of(prefix);
    let mut out = Vec::new();
    for item in tree.scan_prefix(scan) {
        let (entry, raw) = item?;
        out.extend(
            decode(&entry, &raw)?
                .into_iter()
                .filter(|n| n.phone.starts_with(prefix)),
        );
    }
    Ok(out)
}

/// Whether every group holds exactly the numbers of the `phones` lists, with their last key
/// and count (the full check of a store).
pub(crate) fn check(db: &sled::Db) -> Result<(), StoreError> {
    let lists = db.open_tree(super::keys::PHONES)?;
    let tree = db.open_tree(super::keys::NUMBERS)?;
    let mut want: BTreeMap<Vec<u8>, Vec<Number>> = BTreeMap::new();
    for item in lists.iter() {
        let (phone, value) = item?;
        let keys = KeyList::new(&value).ok_or_else(|| phones::damaged_list(&phone, value.len()))?;
        if keys.len() > 0 {
            want.entry(group_of(&phone).to_vec())
                .or_default()
                .push(Number {
                    phone: phone.to_vec(),
                    last: keys.get(keys.len() - 1),
                    count: keys.len() as u32,
                });
        }
    }
    let mut seen = 0usize;
    for item in tree.iter() {
        let (entry, raw) = item?;
        if want.get(entry.as_ref()) != Some(&decode(&entry, &raw)?) {
            return Err(damaged(
                &entry,
                "it does not match the numbers' order lists",
            ));
        }
        seen += 1;
    }
    if seen != want.len() {
        return Err(damaged(b"", "groups are missing"));
    }
    Ok(())
}

/// Builds the tree from the `phones` lists (the migration to schema 3; rerunnable).
pub(crate) fn rebuild(db: &sled::Db) -> Result<(), StoreError> {
    db.drop_tree(super::keys::NUMBERS)?;
    let tree = db.open_tree(super::keys::NUMBERS)?;
    let lists = db.open_tree(super::keys::PHONES)?;
    let mut groups: BTreeMap<Vec<u8>, Vec<Number>> = BTreeMap::new();
    for item in lists.iter() {
        let (phone, value) = item?;
        let keys = KeyList::new(&value).ok_or_else(|| phones::damaged_list(&phone, value.len()))?;
        if keys.len() == 0 {
            continue;
        }
        groups
            .entry(group_of(&phone).to_vec())
            .or_default()
            .push(Number {
                phone: phone.to_vec(),
                last: keys.get(keys.len() - 1),
                count: keys.len() as u32,
            });
    }
    let mut batch = sled::Batch::default();
    for (group, numbers) in &groups {
        batch.insert(group.as_slice(), encode(numbers));
    }
    tree.apply_batch(batch)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_named() {
        let n = vec![
            Number {
                phone: b"0661234567".to_vec(),
                last: OrderKey(7),
                count: 3,
            },
            Number {
                phone: b"0661".to_vec(),
                last: OrderKey(u128::MAX),
                count: 1,
            },
        ];
        let raw = encode(&n);
        assert_eq!(decode(b"0661", &raw).unwrap(), n);
        let e = decode(b"0661", &raw[..raw.len() - 2])
            .unwrap_err()
            .to_string();
        assert!(e.contains("numbers entry") && e.contains("0661"), "{e}");
        assert_eq!(group_of(b"06"), b"06");
    }
}
