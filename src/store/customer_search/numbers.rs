//! Every number of the history in few keys: the `numbers` tree groups the numbers by their
//! first four characters (`0661`: a few hundred keys for all of Algeria's mobile prefixes),
//! each value listing the rest of its numbers (a search walks every group: few keys, and
//! about 7 bytes a number).
//!
//! It exists for the searches that must look at every number: digits anywhere in the number
//! (`4567`) read these few hundred small values instead of the `phones` lists (16 MB of keys on
//! a million orders), and the regulars under some digits are found here without reading every
//! list. Kept in the same transaction as the `phones` entry it summarises (see `orders.rs`).
//!
//! A group changes only when a number gets its first order or loses its last one, never on a
//! regular's next sale: a group is rewritten whole, and rewriting a few kB of numbers on every
//! order filled the database's log with copies (most of a small store's file was dead
//! copies of groups). A number's last order and count are in its `phones` list.
//!
//! Value: a CRC-32 of the rest (little-endian, checked on every read), then the numbers sorted,
//! each `len (1 byte) ++ the number without the group's four characters`.

use crate::store::error::StoreError;
use crate::store::orders::abort;
use crate::store::phones::{self, KeyList};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::collections::BTreeMap;

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

/// Calls `each` with every number of a stored group (the group's key and the number's rest),
/// once the value's checksum and layout are checked; no copy is made.
fn for_each<'a>(
    entry: &[u8],
    raw: &'a [u8],
    mut each: impl FnMut(&'a [u8]),
) -> Result<(), StoreError> {
    let mut rest = checked(entry, raw)?;
    while let Some((&len, tail)) = rest.split_first() {
        let len = usize::from(len);
        if tail.len() < len {
            return Err(damaged(entry, "an entry is cut short"));
        }
        let (number_rest, tail) = tail.split_at(len);
        each(number_rest);
        rest = tail;
    }
    Ok(())
}

/// The numbers of a stored group, whole.
pub(crate) fn decode(entry: &[u8], raw: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = Vec::new();
    for_each(entry, raw, |rest| out.push([entry, rest].concat()))?;
    Ok(out)
}

/// A group's value for `numbers` (sorted, all in the group).
fn encode(numbers: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::with_capacity(numbers.len() * 8);
    for n in numbers {
        let rest = &n[group_of(n).len()..];
        let len = rest.len().min(255);
        body.push(len as u8);
        body.extend_from_slice(&rest[..len]);
    }
    let mut out = crate::store::crc::crc32(&body).to_le_bytes().to_vec();
    out.extend_from_slice(&body);
    out
}

/// The entries of a stored group, once its CRC-32 (the first 4 bytes) is checked.
fn checked<'a>(entry: &[u8], raw: &'a [u8]) -> Result<&'a [u8], StoreError> {
    match raw.split_first_chunk::<4>() {
        Some((sum, body)) if crate::store::crc::crc32(body) == u32::from_le_bytes(*sum) => Ok(body),
        _ => Err(damaged(entry, "its checksum does not match")),
    }
}

/// Records that `phone`'s list is now `list` (empty: the number has no order left), inside a
/// write transaction. Only a number's first order and its last one going change its group;
/// whether it did is returned (the in-memory directory is then stale).
pub(crate) fn set(
    tree: &TransactionalTree,
    phone: &[u8],
    list: &[u8],
) -> Result<bool, ConflictableTransactionError<StoreError>> {
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
    match (
        numbers.binary_search_by(|n| n.as_slice().cmp(phone)),
        keys.len(),
    ) {
        (Ok(i), 0) => {
            numbers.remove(i);
        }
        (Err(i), n) if n > 0 => numbers.insert(i, phone.to_vec()),
        _ => return Ok(false),
    }
    if numbers.is_empty() {
        tree.remove(group)?;
    } else {
        tree.insert(group, encode(&numbers))?;
    }
    Ok(true)
}

/// The numbers that contain `digits` anywhere, read in place from the stored groups (only
/// the matches are copied). Each group's value is searched whole for the digits (memchr's
/// vectorised search: a length byte is never a digit, so a hit is inside one number), and
/// only a group with a hit, or whose key could hold the digits' start, is walked number by
/// number.
pub(crate) fn containing(tree: &sled::Tree, digits: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = Vec::new();
    let finder = memchr::memmem::Finder::new(digits);
    for item in tree.iter() {
        let (entry, raw) = item?;
        let body = checked(&entry, &raw)?;
        let mut hits = finder.find_iter(body).peekable();
        // The digits are all in the group's key, or start in it (`0661` for `6612…`).
        let in_key = finder.find(&entry).is_some();
        let across = |rest: &[u8]| {
            in_key
                || (1..digits.len())
                    .any(|k| entry.ends_with(&digits[..k]) && rest.starts_with(&digits[k..]))
        };
        let key_may_match = in_key || (1..digits.len()).any(|k| entry.ends_with(&digits[..k]));
        if hits.peek().is_none() && !key_may_match {
            continue;
        }
        let mut at = 0usize;
        while at < body.len() {
            let (start, end) = (at + 1, at + 1 + usize::from(body[at]));
            if end > body.len() {
                return Err(damaged(&entry, "an entry is cut short"));
            }
            let mut hit = false;
            while let Some(&h) = hits.peek() {
                if h + digits.len() > end {
                    break;
                }
                hit |= h >= start;
                hits.next();
            }
            let rest = &body[start..end];
            if hit || (key_may_match && across(rest)) {
                out.push([&entry[..], rest].concat());
            }
            at = end;
        }
    }
    Ok(out)
}

/// Every number starting with `prefix` (all when empty); only those are copied.
pub(crate) fn under(tree: &sled::Tree, prefix: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = Vec::new();
    let scan = group_of(prefix);
    let tail = &prefix[scan.len()..];
    for item in tree.scan_prefix(scan) {
        let (entry, raw) = item?;
        for_each(&entry, &raw, |rest| {
            let number_starts = match tail.len() {
                0 => true,
                _ => entry.len() == scan.len() && rest.starts_with(tail),
            };
            if number_starts {
                out.push([&entry[..], rest].concat());
            }
        })?;
    }
    Ok(out)
}

/// The groups the `phones` lists make (every number with at least one order).
fn groups_of_lists(db: &sled::Db) -> Result<BTreeMap<Vec<u8>, Vec<Vec<u8>>>, StoreError> {
    let lists = db.open_tree(crate::store::keys::PHONES)?;
    let mut groups: BTreeMap<Vec<u8>, Vec<Vec<u8>>> = BTreeMap::new();
    for item in lists.iter() {
        let (phone, value) = item?;
        let keys = KeyList::new(&value).ok_or_else(|| phones::damaged_list(&phone, value.len()))?;
        if keys.len() > 0 {
            groups
                .entry(group_of(&phone).to_vec())
                .or_default()
                .push(phone.to_vec());
        }
    }
    Ok(groups)
}

/// Whether every group holds exactly the numbers of the `phones` lists (the full check of a
/// store).
pub(crate) fn check(db: &sled::Db) -> Result<(), StoreError> {
    let want = groups_of_lists(db)?;
    let tree = db.open_tree(crate::store::keys::NUMBERS)?;
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

/// Builds the tree from the `phones` lists (the migration to schema 4; rerunnable).
pub(crate) fn rebuild(db: &sled::Db) -> Result<(), StoreError> {
    db.drop_tree(crate::store::keys::NUMBERS)?;
    let tree = db.open_tree(crate::store::keys::NUMBERS)?;
    let mut batch = sled::Batch::default();
    for (group, numbers) in &groups_of_lists(db)? {
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
        let n = vec![b"0661".to_vec(), b"0661234567".to_vec()];
        let raw = encode(&n);
        assert_eq!(
            raw.len(),
            4 + 1 + 1 + 6,
            "only the rest of each number is kept"
        );
        assert_eq!(decode(b"0661", &raw).unwrap(), n);
        let e = decode(b"0661", &raw[..raw.len() - 2])
            .unwrap_err()
            .to_string();
        assert!(e.contains("numbers entry") && e.contains("0661"), "{e}");
        assert_eq!(group_of(b"06"), b"06");
        assert_eq!(decode(b"06", &encode(&[b"06".to_vec()])).unwrap(), [b"06"]);
    }

    /// A regular's next sale leaves the group as it was (no copy of it in the log); the
    /// number's first order and its last one going change it.
    #[test]
    fn only_a_new_or_gone_number_rewrites_its_group() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("numbers").unwrap();
        let set_list = |phone: &[u8], keys: &[u128]| {
            let list: Vec<u8> = keys.iter().flat_map(|k| k.to_be_bytes()).collect();
            tree.transaction(|tx| set(tx, phone, &list)).unwrap();
        };
        set_list(b"0661234567", &[1]);
        let mut writes = tree.watch_prefix(b"0661");
        set_list(b"0661234567", &[1, 2]);
        set_list(b"0661234567", &[1, 2, 3]);
        let wait = std::time::Duration::from_millis(100);
        assert!(
            writes.next_timeout(wait).is_err(),
            "the group was rewritten"
        );
        set_list(b"0661000000", &[4]);
        assert!(writes.next_timeout(wait).is_ok(), "a new number is written");
        assert_eq!(
            decode(b"0661", &tree.get(b"0661").unwrap().unwrap()).unwrap(),
            [b"0661000000".to_vec(), b"0661234567".to_vec()]
        );
        set_list(b"0661000000", &[]);
        set_list(b"0661234567", &[]);
        assert_eq!(tree.get(b"0661").unwrap(), None);
    }

    /// Digits anywhere: in the rest of the number, across the group's key and the rest, or
    /// inside the key; never across two numbers of a group.
    #[test]
    fn digits_are_found_anywhere_in_a_number_and_nowhere_else() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("numbers").unwrap();
        let numbers = [
            &b"0550123456"[..],
            b"0550654321",
            b"0661234567",
            b"0661999999",
            b"0771000045",
        ];
        for n in numbers {
            tree.transaction(|tx| set(tx, n, &7u128.to_be_bytes()))
                .unwrap();
        }
        let find = |d: &[u8]| {
            let mut got = containing(&tree, d).unwrap();
            got.sort();
            got
        };
        let all = |want: &[&[u8]]| want.iter().map(|w| w.to_vec()).collect::<Vec<_>>();
        assert_eq!(find(b"4567"), all(&[b"0661234567"]));
        assert_eq!(find(b"6123"), all(&[b"0661234567"]), "across the key");
        assert_eq!(find(b"661"), all(&[b"0661234567", b"0661999999"]), "across");
        assert_eq!(
            find(b"66"),
            all(&[b"0661234567", b"0661999999"]),
            "in the key"
        );
        assert_eq!(find(b"6612"), all(&[b"0661234567"]));
        assert_eq!(find(b"0045"), all(&[b"0771000045"]));
        // `56` + `06`: the end of one number and the start of the next are not a number.
        assert_eq!(find(b"5606"), all(&[]));
        assert_eq!(find(b"4321"), all(&[b"0550654321"]));
        assert_eq!(find(b"99999"), all(&[b"0661999999"]));
        assert_eq!(find(b"12345678"), all(&[]));
        let under = |p: &[u8]| under(&tree, p).unwrap();
        assert_eq!(under(b"0661"), all(&[b"0661234567", b"0661999999"]));
        assert_eq!(under(b"06"), all(&[b"0661234567", b"0661999999"]));
        assert_eq!(under(b"07710"), all(&[b"0771000045"]));
        assert_eq!(under(b"0772"), all(&[]));
    }
}
