//! History pages: newest first, a few at a time, with filters, without loading all orders.
//!
//! # How a page is found
//! One source of candidate keys is picked, most selective first, and walked newest first; each
//! candidate's order is read and checked against the whole query; the walk stops once `limit`
//! orders matched and one more match proved there is a next page.
//!
//! 1. `reference`: the `by_ref` entries starting with it (collected, then sorted by time).
//! 2. `phone`, a full number: the `by_phone` entries of exactly that number, a reverse range
//!    scan (already in time order). A shorter digit prefix: its entries are collected like refs.
//! 3. `status`: the `by_status` entries of that code, a reverse range scan.
//! 4. Otherwise the `orders` tree itself, a reverse range scan.
//!
//! `day` and the cursor `before` bound every scan (keys are time-ordered), so "today" or
//! "status X on day D" only ever touch that day's entries.
//!
//! A collected prefix (1 and the short-prefix case of 2) stops after [`COLLECT_CAP`] index
//! entries (a 1-digit phone prefix, say) and the next source is used instead.
//!
//! # Worst cases
//! The cost is the number of candidates read before `limit + 1` matches are found. It is small
//! when the chosen source is selective or the other filters match often. It approaches a scan of
//! the chosen source's whole range (one order read per entry) when the other filters match
//! (almost) nothing there: e.g. `status = FULFILLED` plus a phone prefix of more than
//! [`COLLECT_CAP`] orders of which none is fulfilled, or a query with no index at all (a phone
//! prefix matched by more than [`COLLECT_CAP`] orders) that matches few of them. The unfiltered
//! newest page, a full phone number, a ref, a status and a day are all cheap.

use super::error::{Damaged, StoreError, key_label};
use super::keys;
use super::orders::read_order;
use super::{Store, Trees, codec};
use crate::orders::model::{OrderKey, OrderRecord};
use chrono::NaiveDate;
use std::ops::Bound;

/// Index entries a prefix filter may collect before another source is tried instead.
pub const COLLECT_CAP: usize = 20_000;

/// A history filter; every field given narrows the result, `None` (or an empty string) means
/// any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderQuery {
    /// The phone starts with these characters (a full `0XXXXXXXXX` number or a digit prefix).
    pub phone: Option<String>,
    /// The ref starts with this (an exact ref or a prefix of one).
    pub reference: Option<String>,
    /// [`crate::orders::model::OrderState::index_code`].
    pub status: Option<u8>,
    /// Created on this UTC day (by the order key's time).
    pub day: Option<NaiveDate>,
}

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

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

impl OrderQuery {
    /// Nothing to filter on.
    pub fn is_empty(&self) -> bool {
        non_empty(&self.phone).is_none()
            && non_empty(&self.reference).is_none()
            && self.status.is_none()
            && self.day.is_none()
    }

    /// Whether an order belongs in this query's result (the UI uses it for live updates).
    pub fn matches(&self, rec: &OrderRecord) -> bool {
        non_empty(&self.phone).is_none_or(|p| rec.phone.starts_with(p))
            && non_empty(&self.reference).is_none_or(|r| rec.reference.starts_with(r))
            && self.status.is_none_or(|s| rec.state.index_code() == s)
            && self.day.is_none_or(|d| {
                let (lo, hi) = keys::day_bounds(d);
                rec.key >= lo && rec.key < hi
            })
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
        let (lo, day_hi) = match query.day {
            Some(d) => {
                let (lo, hi) = keys::day_bounds(d);
                (lo, Some(hi))
            }
            None => (OrderKey(0), None),
        };
        let hi = match (day_hi, before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        KeyRange { lo, hi }
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

/// Where candidate keys come from, newest first.
enum Source {
    /// Keys collected from a prefix of an index, already sorted newest first.
    Keys(Collected),
    /// A reverse range scan of an index whose keys end with the order key.
    Index(sled::Tree, (Bound<Vec<u8>>, Bound<Vec<u8>>)),
    /// A reverse range scan of the orders themselves.
    Orders,
}

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
        let t = self.trees();
        let mut collector = Collector {
            query,
            range,
            limit,
            page: &mut page,
        };
        match pick_source(t, query, range, cap)? {
            Source::Keys(c) => {
                for entry in &c.bad {
                    collector.damaged_index(entry);
                }
                for key in c.keys {
                    if collector.offer(key, read_order(t, key))? {
                        break;
                    }
                }
            }
            Source::Index(tree, bounds) => {
                for item in tree.range(bounds).rev() {
                    let (entry, _) = item?;
                    let Some(key) = keys::key_suffix(&entry) else {
                        collector.damaged_index(&entry);
                        continue;
                    };
                    if collector.offer(key, read_order(t, key))? {
                        break;
                    }
                }
            }
            Source::Orders => {
                for item in t.orders.range(range.bounds(&[])).rev() {
                    let (raw_key, value) = item?;
                    let Some(key) = OrderKey::from_bytes(&raw_key) else {
                        collector.damaged_index(&raw_key);
                        continue;
                    };
                    let rec = codec::decode_order(key, &value).map(Some);
                    if collector.offer(key, rec)? {
                        break;
                    }
                }
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

fn pick_source(
    t: &Trees,
    query: &OrderQuery,
    range: KeyRange,
    cap: usize,
) -> Result<Source, StoreError> {
    if let Some(r) = non_empty(&query.reference) {
        let collected = collect(&t.by_ref, r.as_bytes(), range, cap, |_, value| {
            OrderKey::from_bytes(value)
        })?;
        if let Some(c) = collected {
            return Ok(Source::Keys(c));
        }
    }
    if let Some(p) = non_empty(&query.phone) {
        if !has_longer_phones(&t.by_phone, p)? {
            let prefix = keys::phone_exact_prefix(p);
            return Ok(Source::Index(t.by_phone.clone(), range.bounds(&prefix)));
        }
        let collected = collect(&t.by_phone, p.as_bytes(), range, cap, |entry, _| {
            keys::key_suffix(entry)
        })?;
        if let Some(c) = collected {
            return Ok(Source::Keys(c));
        }
    }
    if let Some(code) = query.status {
        return Ok(Source::Index(t.by_status.clone(), range.bounds(&[code])));
    }
    Ok(Source::Orders)
}

/// Whether any phone other than `p` itself starts with `p` (then `p` is a prefix, not a full
/// number, and its entries are not in one time-ordered run).
fn has_longer_phones(by_phone: &sled::Tree, p: &str) -> Result<bool, StoreError> {
    let mut after_exact = p.as_bytes().to_vec();
    after_exact.push(keys::PHONE_SEP + 1);
    match by_phone.range(after_exact..).next() {
        Some(item) => Ok(item?.0.starts_with(p.as_bytes())),
        None => Ok(false),
    }
}

/// What a prefix of an index holds.
struct Collected {
    /// Keys inside the page's range, newest first.
    keys: Vec<OrderKey>,
    /// Index entries whose order key cannot be read.
    bad: Vec<Vec<u8>>,
}

/// The keys of the index entries starting with `prefix` and inside `range`, newest first;
/// `None` if there are more than `cap` entries under the prefix.
fn collect(
    tree: &sled::Tree,
    prefix: &[u8],
    range: KeyRange,
    cap: usize,
    key_of: impl Fn(&[u8], &[u8]) -> Option<OrderKey>,
) -> Result<Option<Collected>, StoreError> {
    let mut keys = Vec::new();
    let mut bad = Vec::new();
    for (seen, item) in tree.scan_prefix(prefix).enumerate() {
        if seen >= cap {
            return Ok(None);
        }
        let (entry, value) = item?;
        match key_of(&entry, &value) {
            Some(key) if range.contains(key) => keys.push(key),
            Some(_) => {}
            None => bad.push(entry.to_vec()),
        }
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
    Ok(Some(Collected { keys, bad }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PlanKind;
    use crate::money::Dzd;
    use crate::orders::model::{ORDER_RECORD_VERSION, OrderState};
    use crate::rules::Operator;
    use chrono::{TimeZone, Utc};

    fn rec(i: u64, phone: String, state: OrderState) -> OrderRecord {
        let ms = 1_740_787_200_000 + i * 60_000;
        let at = Utc.timestamp_millis_opt(ms as i64).unwrap();
        OrderRecord {
            v: ORDER_RECORD_VERSION,
            key: OrderKey(((ms as u128) << 64) | 1),
            reference: format!("cap-{i:04}"),
            created_at: at,
            updated_at: at,
            phone,
            operator: Operator::Mobilis,
            plan_code: "PREPAID_MOBILIS".into(),
            plan_name: "PREPAID".into(),
            plan_kind: PlanKind::Dynamic,
            amount: Dzd::from_dinars(100),
            expected_cost: None,
            price: None,
            state,
            topup_id: None,
            api: None,
            history: Vec::new(),
            send_attempts: 0,
            checks: 0,
            last_error: None,
            next_check_at: None,
        }
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
                status: Some(OrderState::Refunded.index_code()),
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
