//! The tills whose refs name their own key (`<terminal>-<key>`), each with the span of keys it
//! has written, in `meta` (`terminal:<id>` → first key ++ last key). A few entries on any
//! store; they let a ref prefix such as `dem` or `shop2-` be answered without reading every
//! order: no terminal starting with it means no such order, and a terminal's span bounds the
//! scan. The entries only ever widen (a changed ref leaves its old terminal's span as it was),
//! so they are a superset: safe to use as bounds.

use super::error::StoreError;
use super::orders::abort;
use super::refs;
use crate::ledger::{OrderKey, OrderRecord};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::collections::BTreeMap;

const PREFIX: &str = "terminal:";

/// First and last key of each terminal among some orders.
pub(crate) type Spans = BTreeMap<String, (OrderKey, OrderKey)>;

/// The terminal whose ref names this order's key.
fn terminal_of(rec: &OrderRecord) -> Option<&str> {
    refs::names_own_key(rec).then(|| rec.reference.split_once('-').map(|(t, _)| t))?
}

/// Widens `spans` by these orders.
pub(crate) fn spans_of<'a>(recs: impl IntoIterator<Item = &'a OrderRecord>) -> Spans {
    let mut out = Spans::new();
    for rec in recs {
        if let Some(t) = terminal_of(rec) {
            let e = out.entry(t.to_string()).or_insert((rec.key, rec.key));
            e.0 = e.0.min(rec.key);
            e.1 = e.1.max(rec.key);
        }
    }
    out
}

fn decode(entry: &[u8], raw: &[u8]) -> Result<(OrderKey, OrderKey), StoreError> {
    let first = raw.get(..16).and_then(OrderKey::from_bytes);
    let last = raw.get(16..).and_then(OrderKey::from_bytes);
    match (first, last) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(StoreError::CorruptRecord {
            what: "terminal entry",
            key: String::from_utf8_lossy(entry).into_owned(),
            detail: format!("{} bytes instead of two 16-byte keys", raw.len()),
        }),
    }
}

fn encode((a, b): (OrderKey, OrderKey)) -> Vec<u8> {
    let mut out = a.to_bytes().to_vec();
    out.extend_from_slice(&b.to_bytes());
    out
}

/// Widens the stored spans, inside a write transaction.
pub(crate) fn note(
    meta: &TransactionalTree,
    spans: &Spans,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    for (terminal, &(first, last)) in spans {
        let entry = format!("{PREFIX}{terminal}");
        let (a, b) = match meta.get(entry.as_bytes())? {
            None => (first, last),
            Some(raw) => match decode(entry.as_bytes(), &raw) {
                Ok((a, b)) if a <= first && b >= last => continue,
                Ok((a, b)) => (a.min(first), b.max(last)),
                Err(e) => return abort(e),
            },
        };
        meta.insert(entry.as_bytes(), encode((a, b)))?;
    }
    Ok(())
}

/// The keys `[first, last]` of every terminal whose id starts with `prefix` (all of it when
/// `whole`: exactly that terminal); `None` when there is none, so no ref naming its key can
/// start with the prefix.
pub(crate) fn span_of(
    meta: &sled::Tree,
    prefix: &str,
    whole: bool,
) -> Result<Option<(OrderKey, OrderKey)>, StoreError> {
    let start = format!("{PREFIX}{prefix}");
    let mut span: Option<(OrderKey, OrderKey)> = None;
    for item in meta.scan_prefix(start.as_bytes()) {
        let (entry, raw) = item?;
        if whole && entry.len() != start.len() {
            continue;
        }
        let (a, b) = decode(&entry, &raw)?;
        span = Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
    }
    Ok(span)
}

/// Writes the spans of every order (the migration to schema 3).
pub(crate) fn rebuild(db: &sled::Db) -> Result<(), StoreError> {
    let orders = db.open_tree(super::keys::ORDERS)?;
    let meta = db.open_tree(super::keys::META)?;
    let mut spans = Spans::new();
    for item in orders.iter() {
        let (raw_key, value) = item?;
        let Some(key) = OrderKey::from_bytes(&raw_key) else {
            continue;
        };
        let rec = super::codec::decode_order(key, &value)?;
        for (t, (a, b)) in spans_of([&rec]) {
            let e = spans.entry(t).or_insert((a, b));
            e.0 = e.0.min(a);
            e.1 = e.1.max(b);
        }
    }
    let mut batch = sled::Batch::default();
    for (t, span) in spans {
        batch.insert(format!("{PREFIX}{t}").as_bytes(), encode(span));
    }
    meta.apply_batch(batch)?;
    Ok(())
}
