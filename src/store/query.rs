//! History pages: newest first, a few at a time, with filters, without loading all orders.
//!
//! # How a page is found
//! One source of candidate keys is picked, most selective first, and walked newest first; each
//! candidate's order is read and checked against the whole query; the walk stops once `limit`
//! orders matched and one more match proved there is a next page.
//!
//! 1. `reference`: a prefix `<terminal>-<base32 digits>` is a range of keys (the digits are the
//!    key, big-endian), cut to the span of keys that till has written (`terminals.rs`; a till
//!    that wrote nothing: no key at all): that range of `orders` is scanned, merged with the
//!    (normally empty) `by_ref` entries of refs of another shape starting with it. A prefix that
//!    ends inside the terminal id (no `-` yet) covers the spans of the tills whose id starts
//!    with it (none: only the odd refs). A prefix whose range spans more than a day gives way to
//!    a phone or a status index when one is also given.
//! 2. `phone`: the `phones` entries of the numbers matching the digits (one per number, each
//!    listing that number's keys, ascending) are merged newest first (a k-way merge that reads
//!    only what the page needs). Digits starting with `0` are a range of that tree; other
//!    digits (the last ones, say) are looked for in every number's key: tens of thousands of
//!    short keys, not the orders. A full number is one list, walked backwards from the cursor.
//!    If the numbers matched hold more than [`COLLECT_CAP`] orders in the range, the phone is
//!    only a filter and the next source is used (it then matches often).
//! 3. `status`: REFUNDED, REFUSED, NOT_SENT: their `by_status` entries, a reverse range scan;
//!    an open state: the `open` set (small) and a filter; FULFILLED: the orders, filtered
//!    (most orders are fulfilled, so a page is found almost at once).
//! 4. Otherwise the `orders` tree itself, a reverse range scan.
//!
//! `day` and the cursor `before` bound every scan (keys are time-ordered), so "today" or
//! "status X on day D" only ever touch that day's entries.
//!
//! # Worst cases
//! The cost is the number of candidates read before `limit + 1` matches are found. It is small
//! when the chosen source is selective or the other filters match often. It approaches a scan of
//! the chosen source's whole range (one order read per entry) when the other filters match
//! (almost) nothing there. With no day given that range can be the whole history (a million
//! orders: seconds). Since schema 3 the cases that did this are bounded: a ref prefix of no
//! till (`dem`, `shop9-`) reads no order, a till's prefix reads only that till's span, and
//! digits that match no number read no order. What is left is a combination whose chosen
//! source is large and whose other filters match rarely there, e.g. `status = FULFILLED` with
//! the ref prefix of an old till that wrote mostly refunded orders; it reads that till's span.
//!
//! The unfiltered newest page, a full phone number, a short phone prefix, digits anywhere, a ref
//! or a ref prefix, a rare status, an open status and a day are all cheap.

use super::error::{Damaged, StoreError, key_label};
use super::keys;
use super::orders::read_order;
use super::phones::KeyList;
use super::refs::{self, RefPrefix};
use super::till_spans;
use super::{Store, Trees, codec};
pub use crate::ledger::OrderQuery;
use crate::ledger::{OrderKey, OrderRecord};
use std::collections::BinaryHeap;
use std::iter::Peekable;
use std::ops::Bound;

/// Orders a phone prefix (over several numbers) or the odd refs under a ref prefix may
/// gather before they become a mere filter on another source.
pub const COLLECT_CAP: usize = 100_000;

/// A ref prefix whose key range spans more than this (a day, in key units) gives way to a
/// phone or status index.
const NARROW_REF_RANGE: u128 = 86_400_000 << 64;

/// One page of history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Matching orders, newest first, at most `limit`.
    pub orders: Vec<OrderRecord>,
    /// Pass as `before` to get the next page; `None` when there is no more.
    pub next: Option<OrderKey>,
    /// Entries met on the way that could not be read (skipped, each naming its key).
    pub damaged: Vec<Damaged>,
}

impl Page {
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }
}

/// Keys a page may contain: `[lo, hi)`; `hi == None` is unbounded.
#[derive(Clone, Copy)]
struct KeyRange {
    lo: OrderKey,
    hi: Option<OrderKey>,
}

impl KeyRange {
    fn new(query: &OrderQuery, before: Option<OrderKey>) -> KeyRange {
        let all = KeyRange {
            lo: OrderKey(0),
            hi: before,
        };
        match query.day_keys() {
            Some((lo, hi)) => all.within(lo, Some(hi)),
            None => all,
        }
    }

    /// The part of this range inside `[lo, hi)`.
    fn within(self, lo: OrderKey, hi: Option<OrderKey>) -> KeyRange {
        let hi = match (self.hi, hi) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        KeyRange {
            lo: self.lo.max(lo),
            hi,
        }
    }

    fn contains(&self, key: OrderKey) -> bool {
        key >= self.lo && self.hi.is_none_or(|hi| key < hi)
    }

    fn is_empty(&self) -> bool {
        self.hi.is_some_and(|hi| hi <= self.lo)
    }

    /// Byte bounds of these keys under an index prefix.
    fn bounds(&self, prefix: &[u8]) -> (Bound<Vec<u8>>, Bound<Vec<u8>>) {
        let lo = Bound::Included(keys::with_key(prefix, self.lo));
        let hi = match self.hi {
            Some(hi) => Bound::Excluded(keys::with_key(prefix, hi)),
            None => match keys::prefix_end(prefix) {
                Some(end) => Bound::Excluded(end),
                None => Bound::Unbounded,
            },
        };
        (lo, hi)
    }
}

/// One candidate of a source.
enum Candidate {
    /// Only the key is known: the order is read.
    Key(OrderKey),
    /// Read with its key (a scan of the orders themselves): the stored value.
    Read(OrderKey, sled::IVec),
    /// An index entry that names no readable key.
    Bad(Vec<u8>),
}

impl Candidate {
    fn key(&self) -> Option<OrderKey> {
        match self {
            Candidate::Key(k) | Candidate::Read(k, _) => Some(*k),
            Candidate::Bad(_) => None,
        }
    }
}

/// Candidates newest first (unreadable index entries whenever they are met).
type Candidates<'a> = Box<dyn Iterator<Item = Result<Candidate, StoreError>> + 'a>;

impl Store {
    /// Up to `limit` orders matching `query`, newest first, strictly older than `before` (the
    /// previous page's [`Page::next`]; `None` for the first page). Damaged orders met on the
    /// way are skipped and listed in [`Page::damaged`]; only engine errors are `Err`. See the
    /// module docs for the cost. `limit == 0` returns an empty page.
    pub fn page(
        &self,
        query: &OrderQuery,
        before: Option<OrderKey>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        self.page_with_cap(query, before, limit, COLLECT_CAP)
    }

    fn page_with_cap(
        &self,
        query: &OrderQuery,
        before: Option<OrderKey>,
        limit: usize,
        cap: usize,
    ) -> Result<Page, StoreError> {
        let range = KeyRange::new(query, before);
        let mut page = Page::default();
        if limit == 0 || range.is_empty() {
            return Ok(page);
        }
        let t = &*self.trees()?;
        let mut collector = Collector {
            query,
            range,
            limit,
            page: &mut page,
        };
        for candidate in pick_source(t, query, range, cap)? {
            let (key, rec) = match candidate? {
                Candidate::Key(key) => (key, read_order(t, key)),
                Candidate::Read(key, value) => (key, codec::decode_order(key, &value).map(Some)),
                Candidate::Bad(entry) => {
                    collector.damaged_index(&entry);
                    continue;
                }
            };
            if collector.offer(key, rec)? {
                break;
            }
        }
        Ok(page)
    }
}

/// Fills a page from candidates.
struct Collector<'a> {
    query: &'a OrderQuery,
    range: KeyRange,
    limit: usize,
    page: &'a mut Page,
}

impl Collector<'_> {
    /// Takes one candidate; `Ok(true)` when the page is complete.
    fn offer(
        &mut self,
        key: OrderKey,
        rec: Result<Option<OrderRecord>, StoreError>,
    ) -> Result<bool, StoreError> {
        let rec = match rec {
            Ok(Some(rec)) => rec,
            Ok(None) => {
                self.page.damaged.push(Damaged {
                    key: Some(key),
                    detail: format!("an index names order {}, which is missing", key_label(key)),
                });
                return Ok(false);
            }
            Err(e @ StoreError::CorruptRecord { .. }) => {
                self.page.damaged.push(Damaged::from_error(Some(key), &e));
                return Ok(false);
            }
            Err(e) => return Err(e),
        };
        if !self.range.contains(key) || !self.query.matches(&rec) {
            return Ok(false);
        }
        if self.page.orders.len() == self.limit {
            // One more match exists: the last order on this page is the cursor.
            self.page.next = self.page.orders.last().map(|r| r.key);
            return Ok(true);
        }
        self.page.orders.push(rec);
        Ok(false)
    }

    fn damaged_index(&mut self, entry: &[u8]) {
        self.page.damaged.push(Damaged {
            key: None,
            detail: format!("an index entry is unreadable: {entry:02x?}"),
        });
    }
}

fn pick_source<'a>(
    t: &'a Trees,
    query: &OrderQuery,
    range: KeyRange,
    cap: usize,
) -> Result<Candidates<'a>, StoreError> {
    let status_index = query
        .status
        .is_some_and(|s| keys::status_is_indexed(s) || !s.is_final());
    let other_index = query.phone().is_some() || status_index;
    if let Some(r) = query.reference()
        && let Some(source) = ref_source(t, r, range, cap, other_index)?
    {
        return Ok(source);
    }
    if let Some(p) = query.phone()
        && let Some(source) = phone_source(t, p, range, cap)?
    {
        return Ok(source);
    }
    match query.status {
        Some(s) if keys::status_is_indexed(s) => {
            Ok(index_scan(&t.by_status, range.bounds(&[s.code()])))
        }
        Some(s) if !s.is_final() => Ok(index_scan(&t.open, range.bounds(&[]))),
        // FULFILLED (most orders), or no status: the orders themselves.
        _ => Ok(orders_scan(t, range)),
    }
}

/// A reverse scan of the orders in `range`.
fn orders_scan(t: &Trees, range: KeyRange) -> Candidates<'_> {
    if range.is_empty() {
        return Box::new(std::iter::empty());
    }
    Box::new(t.orders.range(range.bounds(&[])).rev().map(|item| {
        let (raw_key, value) = item?;
        Ok(match OrderKey::from_bytes(&raw_key) {
            Some(key) => Candidate::Read(key, value),
            None => Candidate::Bad(raw_key.to_vec()),
        })
    }))
}

/// A reverse scan of an index whose keys end with the order key.
fn index_scan<'a>(
    tree: &'a sled::Tree,
    bounds: (Bound<Vec<u8>>, Bound<Vec<u8>>),
) -> Candidates<'a> {
    Box::new(tree.range(bounds).rev().map(|item| {
        let (entry, _) = item?;
        Ok(match keys::key_suffix(&entry) {
            Some(key) => Candidate::Key(key),
            None => Candidate::Bad(entry.to_vec()),
        })
    }))
}

/// Orders whose ref may start with `prefix`: the key range the prefix names, merged with the
/// odd refs (`by_ref`) starting with it. `None`: the prefix is only a filter.
fn ref_source<'a>(
    t: &'a Trees,
    prefix: &str,
    range: KeyRange,
    cap: usize,
    other_index: bool,
) -> Result<Option<Candidates<'a>>, StoreError> {
    // The keys refs naming their own key can have: the digits' range, within the span of the
    // tills whose id fits the prefix (none: no such order, only odd refs can match).
    let (lo, hi, till) = match refs::ref_prefix(prefix) {
        RefPrefix::AnyKey => (
            OrderKey(0),
            None,
            till_spans::span_of(&t.meta, prefix, false)?,
        ),
        RefPrefix::NoKey => (OrderKey(0), None, None),
        RefPrefix::Keys(lo, hi) => {
            let terminal = prefix.split_once('-').map_or(prefix, |(t, _)| t);
            (lo, hi, till_spans::span_of(&t.meta, terminal, true)?)
        }
    };
    let named = match till {
        None => None,
        Some((first, last)) => {
            let sub = range
                .within(lo, hi)
                .within(first, Some(OrderKey(last.0.saturating_add(1))));
            let span = sub.hi.map_or(u128::MAX, |hi| hi.0.saturating_sub(sub.lo.0));
            if span > NARROW_REF_RANGE && other_index {
                return Ok(None);
            }
            Some(sub)
        }
    };
    let Some(odd) = collect_odd_refs(&t.by_ref, prefix, range, cap)? else {
        return Ok(None);
    };
    let odd: Candidates<'a> = Box::new(odd.into_iter().map(Ok));
    Ok(Some(match named {
        Some(sub) => Box::new(MergeDesc::new(orders_scan(t, sub), odd)),
        None => odd,
    }))
}

/// The `by_ref` entries starting with `prefix` inside `range`, newest first; `None` if there
/// are more than `cap` entries under the prefix.
fn collect_odd_refs(
    by_ref: &sled::Tree,
    prefix: &str,
    range: KeyRange,
    cap: usize,
) -> Result<Option<Vec<Candidate>>, StoreError> {
    let mut keys = Vec::new();
    let mut bad = Vec::new();
    for (seen, item) in by_ref.scan_prefix(prefix.as_bytes()).enumerate() {
        if seen >= cap {
            return Ok(None);
        }
        let (entry, value) = item?;
        match OrderKey::from_bytes(&value) {
            Some(key) if range.contains(key) => keys.push(key),
            Some(_) => {}
            None => bad.push(Candidate::Bad(entry.to_vec())),
        }
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
    bad.extend(keys.into_iter().map(Candidate::Key));
    Ok(Some(bad))
}

/// The orders of the numbers matching the digits `prefix`, newest first; `None` if several numbers
/// hold more than `cap` orders in `range` (then the phone is only a filter).
fn phone_source<'a>(
    t: &'a Trees,
    prefix: &str,
    range: KeyRange,
    cap: usize,
) -> Result<Option<Candidates<'a>>, StoreError> {
    let mut lists = Vec::new();
    let mut bad = Vec::new();
    let mut total = 0usize;
    for (numbers, item) in super::customer_search::numbers_matching(t, prefix).enumerate() {
        let (phone, value) = item?;
        let Some(list) = KeyList::new(&value) else {
            bad.push(Candidate::Bad(phone.to_vec()));
            continue;
        };
        let (start, end) = list.span(range.lo, range.hi);
        total += end - start;
        if total > cap && numbers > 0 {
            return Ok(None);
        }
        if end > start {
            lists.push(ListCursor {
                value: value.clone(),
                start,
                end,
            });
        }
    }
    let bad: Candidates<'a> = Box::new(bad.into_iter().map(Ok));
    Ok(Some(Box::new(bad.chain(PhoneMerge::new(lists)))))
}

/// The not yet walked part `[start, end)` of one number's list.
struct ListCursor {
    value: sled::IVec,
    start: usize,
    end: usize,
}

impl ListCursor {
    fn list(&self) -> KeyList<'_> {
        KeyList::new(&self.value).expect("checked when the cursor was made")
    }

    /// The newest key not walked yet.
    fn peek(&self) -> Option<OrderKey> {
        (self.end > self.start).then(|| self.list().get(self.end - 1))
    }
}

/// Several numbers' lists merged newest first: a heap holds each list's newest unwalked key,
/// so a page reads `limit` keys plus one per list.
struct PhoneMerge {
    lists: Vec<ListCursor>,
    heap: BinaryHeap<(OrderKey, usize)>,
}

impl PhoneMerge {
    fn new(lists: Vec<ListCursor>) -> PhoneMerge {
        let heap = lists
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.peek().map(|k| (k, i)))
            .collect();
        PhoneMerge { lists, heap }
    }
}

impl Iterator for PhoneMerge {
    type Item = Result<Candidate, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (key, i) = self.heap.pop()?;
        let list = &mut self.lists[i];
        list.end -= 1;
        if let Some(k) = list.peek() {
            self.heap.push((k, i));
        }
        Some(Ok(Candidate::Key(key)))
    }
}

/// Two sources merged newest first; a key both give is given once.
struct MergeDesc<'a> {
    a: Peekable<Candidates<'a>>,
    b: Peekable<Candidates<'a>>,
    last: Option<OrderKey>,
}

impl<'a> MergeDesc<'a> {
    fn new(a: Candidates<'a>, b: Candidates<'a>) -> MergeDesc<'a> {
        MergeDesc {
            a: a.peekable(),
            b: b.peekable(),
            last: None,
        }
    }
}

/// Errors and unreadable entries first, then the newest key.
fn rank(item: Option<&Result<Candidate, StoreError>>) -> Option<(bool, OrderKey)> {
    match item? {
        Err(_) => Some((true, OrderKey(u128::MAX))),
        Ok(c) => Some(match c.key() {
            Some(k) => (false, k),
            None => (true, OrderKey(u128::MAX)),
        }),
    }
}

impl Iterator for MergeDesc<'_> {
    type Item = Result<Candidate, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let take_a = match (rank(self.a.peek()), rank(self.b.peek())) {
                (None, None) => return None,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some(x), Some(y)) => x >= y,
            };
            let item = if take_a { self.a.next() } else { self.b.next() }?;
            if let Ok(c) = &item
                && let Some(k) = c.key()
            {
                if self.last == Some(k) {
                    continue;
                }
                self.last = Some(k);
            }
            return Some(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{OrderState, Status};
    use crate::money::Dzd;
    use crate::testkit::OrderBuilder;
    use chrono::{TimeZone, Utc};

    fn rec(i: u64, phone: String, state: OrderState) -> OrderRecord {
        let at = Utc
            .timestamp_millis_opt(1_740_787_200_000 + i as i64 * 60_000)
            .unwrap();
        OrderBuilder::new(at, 1)
            .reference(format!("cap-{i:04}"))
            .phone(phone)
            .amount(Dzd::from_dinars(100))
            .state(state)
            .send_attempts(0)
            .build()
    }

    /// Walks every page and returns the refs, newest first.
    fn walk(store: &Store, q: &OrderQuery, cap: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut before = None;
        loop {
            let page = store.page_with_cap(q, before, 7, cap).unwrap();
            out.extend(page.orders.iter().map(|r| r.reference.clone()));
            match page.next {
                Some(k) => before = Some(k),
                None => return out,
            }
        }
    }

    #[test]
    fn prefixes_over_the_cap_fall_back_and_give_the_same_pages() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let recs: Vec<OrderRecord> = (0..60u64)
            .map(|i| {
                let state = if i % 4 == 0 {
                    OrderState::Refunded
                } else {
                    OrderState::Fulfilled
                };
                rec(i, format!("066{:07}", (i * 7919) % 10_000_000), state)
            })
            .collect();
        store.insert_batch(&recs).unwrap();
        let queries = [
            OrderQuery {
                phone: Some("066".into()),
                ..Default::default()
            },
            OrderQuery {
                reference: Some("cap-00".into()),
                ..Default::default()
            },
            OrderQuery {
                phone: Some("066".into()),
                status: Some(Status::Refunded),
                ..Default::default()
            },
            OrderQuery {
                reference: Some("cap-0".into()),
                phone: Some("0660".into()),
                ..Default::default()
            },
        ];
        for q in &queries {
            let want: Vec<String> = recs
                .iter()
                .rev()
                .filter(|r| q.matches(r))
                .map(|r| r.reference.clone())
                .collect();
            assert!(!want.is_empty(), "{q:?}");
            assert_eq!(walk(&store, q, COLLECT_CAP), want, "collected: {q:?}");
            assert_eq!(walk(&store, q, 5), want, "over the cap: {q:?}");
        }
    }
}
