//! Running totals of the books: a [`Tally`] per UTC hour and per UTC day, kept in the `totals`
//! tree by every order write, inside the same transaction as the order (so they never disagree
//! with the orders), and rebuilt from the orders by the migration to schema 3.
//!
//! A report over any span reads at most five pieces: the orders of a partial hour at each end
//! (only when a bound is not on the hour, e.g. a `04:30` day start), the hour totals up to the
//! first whole UTC day, the day totals, and the hour totals after the last whole day. So a day,
//! a month and two years cost about the same (one day entry per day of the span at most).
//!
//! Keys: `h` + hour number since 1970 (u32, big-endian) and `d` + day number since 1970.
//! Values: a format byte, then per non-empty cell: line code ([`Line::code`]: the operators 0–2,
//! Idoom ADSL 3 and 4G 4), status code, and count, face,
//! price, cost as i64 big-endian (34 bytes a cell).

use super::codec;
use super::error::StoreError;
use super::orders::abort;
use super::{Store, Trees};
use crate::ledger::tally::{Cell, Slot};
use crate::ledger::{OrderKey, OrderRecord, Status, Tally};
use crate::money::Dzd;
use crate::rules::Line;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::collections::BTreeMap;

const HOUR_MS: u64 = 3_600_000;
const DAY_MS: u64 = 24 * HOUR_MS;
const FORMAT: u8 = 1;
const CELL_LEN: usize = 2 + 4 * 8;

/// The two entries an order created at `key` counts in.
pub(crate) fn buckets(key: OrderKey) -> [[u8; 5]; 2] {
    let ms = key.millis();
    [bucket(b'h', ms / HOUR_MS), bucket(b'd', ms / DAY_MS)]
}

fn bucket(kind: u8, n: u64) -> [u8; 5] {
    let mut out = [kind, 0, 0, 0, 0];
    out[1..].copy_from_slice(&(n.min(u64::from(u32::MAX)) as u32).to_be_bytes());
    out
}

pub(crate) fn encode(t: &Tally) -> Vec<u8> {
    let mut body = Vec::new();
    for (line, slot, c) in t.cells() {
        body.push(line.code());
        body.push(slot.code());
        let sums = [
            c.count,
            c.face.centimes(),
            c.price.centimes(),
            c.cost.centimes(),
        ];
        for v in sums {
            body.extend_from_slice(&v.to_be_bytes());
        }
    }
    let mut out = vec![FORMAT];
    out.extend_from_slice(&super::crc::crc32(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

pub(crate) fn decode(entry: &[u8], raw: &[u8]) -> Result<Tally, StoreError> {
    let damaged = |detail: String| StoreError::CorruptRecord {
        what: "totals entry",
        key: format!("{entry:02x?}"),
        detail,
    };
    let Some((&FORMAT, rest)) = raw.split_first() else {
        return Err(damaged(
            "unknown format (written by a newer flexy-pos, or damaged)".into(),
        ));
    };
    let Some((sum, body)) = rest.split_first_chunk::<4>() else {
        return Err(damaged("cut short".into()));
    };
    if super::crc::crc32(body) != u32::from_le_bytes(*sum) {
        return Err(damaged("its checksum does not match".into()));
    }
    if !body.len().is_multiple_of(CELL_LEN) {
        return Err(damaged(format!("{} bytes, not whole cells", body.len())));
    }
    let mut t = Tally::default();
    for c in body.chunks_exact(CELL_LEN) {
        let num =
            |i: usize| i64::from_be_bytes(c[2 + 8 * i..10 + 8 * i].try_into().unwrap_or([0; 8]));
        let cell = Cell {
            count: num(0),
            face: Dzd::from_centimes(num(1)),
            price: Dzd::from_centimes(num(2)),
            cost: Dzd::from_centimes(num(3)),
        };
        match (Line::from_code(c[0]), Slot::from_code(c[1])) {
            (Some(line), Some(slot)) => t.add_cell(line, slot, cell),
            _ => {
                return Err(damaged(format!("line {} / status {} unknown", c[0], c[1])));
            }
        }
    }
    Ok(t)
}

/// Changes the entries of the buckets by `delta` added and `minus` taken away, inside a
/// transaction.
pub(crate) fn apply(
    totals: &TransactionalTree,
    changes: &BTreeMap<[u8; 5], (Tally, Tally)>,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    for (entry, (plus, minus)) in changes {
        if plus == minus {
            continue;
        }
        let mut t = match totals.get(entry)? {
            None => Tally::default(),
            Some(raw) => match decode(entry, &raw) {
                Ok(t) => t,
                Err(e) => return abort(e),
            },
        };
        t += plus;
        t -= minus;
        if t.is_empty() {
            totals.remove(&entry[..])?;
        } else {
            totals.insert(&entry[..], encode(&t))?;
        }
    }
    Ok(())
}

/// The bucket changes of orders written (`old` the stored version an update replaces).
#[derive(Default)]
pub(crate) struct Changes(pub(crate) BTreeMap<[u8; 5], (Tally, Tally)>);

impl Changes {
    pub(crate) fn add(&mut self, rec: &OrderRecord) {
        for b in buckets(rec.key) {
            self.0.entry(b).or_default().0.add(rec);
        }
    }

    pub(crate) fn remove(&mut self, rec: &OrderRecord) {
        for b in buckets(rec.key) {
            self.0.entry(b).or_default().1.add(rec);
        }
    }
}

impl Store {
    /// The books of every order created in `[from, to)` (unix milliseconds, UTC): sums per
    /// operator and status, from the kept totals (see the module docs for the cost). A damaged
    /// totals entry is an error; a damaged order in a partial hour is skipped and logged.
    pub fn tally(&self, from_ms: u64, to_ms: u64) -> Result<Tally, StoreError> {
        let t = self.trees()?;
        let mut sum = Tally::default();
        if to_ms <= from_ms {
            return Ok(sum);
        }
        let first_hour = from_ms.div_ceil(HOUR_MS);
        let last_hour = to_ms / HOUR_MS;
        if first_hour >= last_hour {
            // Less than one whole hour: the orders themselves.
            recount_into(&t, from_ms, to_ms, &mut sum)?;
            return Ok(sum);
        }
        recount_into(&t, from_ms, first_hour * HOUR_MS, &mut sum)?;
        let first_day = (first_hour * HOUR_MS).div_ceil(DAY_MS);
        let last_day = last_hour * HOUR_MS / DAY_MS;
        if first_day < last_day {
            sum_range(&t, b'h', first_hour, first_day * 24, &mut sum)?;
            sum_range(&t, b'd', first_day, last_day, &mut sum)?;
            sum_range(&t, b'h', last_day * 24, last_hour, &mut sum)?;
        } else {
            sum_range(&t, b'h', first_hour, last_hour, &mut sum)?;
        }
        recount_into(&t, last_hour * HOUR_MS, to_ms, &mut sum)?;
        Ok(sum)
    }

    /// Orders of an indexed status (REFUNDED, REFUSED, NOT_SENT) created in `[from, to)` that
    /// `keep` keeps, newest first, at most `limit`, and whether there are more. Reads that
    /// status's index entries of the span only. Damaged orders are skipped and logged.
    pub fn with_status_between(
        &self,
        status: Status,
        from_ms: u64,
        to_ms: u64,
        limit: usize,
        keep: impl Fn(&OrderRecord) -> bool,
    ) -> Result<(Vec<OrderRecord>, bool), StoreError> {
        let mut out = Vec::new();
        if !super::keys::status_is_indexed(status) || from_ms >= to_ms {
            return Ok((out, false));
        }
        let t = self.trees()?;
        let lo = super::keys::status_entry(status, OrderKey::first_at(from_ms));
        let hi = super::keys::status_entry(status, OrderKey::first_at(to_ms));
        for item in t.by_status.range(lo..hi).rev() {
            let (entry, _) = item?;
            let Some(key) = super::keys::key_suffix(&entry) else {
                tracing::error!("skipping an unreadable status index entry: {entry:02x?}");
                continue;
            };
            match super::orders::read_order(&t, key) {
                Ok(Some(rec)) if rec.state.status() == status && keep(&rec) => {
                    if out.len() == limit {
                        return Ok((out, true));
                    }
                    out.push(rec);
                }
                Ok(Some(rec)) if rec.state.status() == status => {}
                Ok(_) => tracing::error!("the status index names a missing or moved order"),
                Err(e) => tracing::error!("skipping an unreadable order: {e}"),
            }
        }
        Ok((out, false))
    }

    /// The books of `[from, to)` counted from the orders themselves (what [`Store::tally`]
    /// must always equal; tests and checks). Reads every order of the span.
    pub fn recount(&self, from_ms: u64, to_ms: u64) -> Result<Tally, StoreError> {
        let mut sum = Tally::default();
        let t = self.trees()?;
        recount_into(&t, from_ms, to_ms, &mut sum)?;
        Ok(sum)
    }
}

/// Adds the totals entries `kind` numbered `[lo, hi)`.
fn sum_range(t: &Trees, kind: u8, lo: u64, hi: u64, sum: &mut Tally) -> Result<(), StoreError> {
    if lo >= hi {
        return Ok(());
    }
    for item in t.totals.range(bucket(kind, lo)..bucket(kind, hi)) {
        let (entry, raw) = item?;
        *sum += &decode(&entry, &raw)?;
    }
    Ok(())
}

/// Adds the orders created in `[from, to)`, read one by one.
fn recount_into(t: &Trees, from_ms: u64, to_ms: u64, sum: &mut Tally) -> Result<(), StoreError> {
    if from_ms >= to_ms {
        return Ok(());
    }
    let lo = OrderKey::first_at(from_ms).to_bytes();
    let hi = OrderKey::first_at(to_ms).to_bytes();
    for item in t.orders.range(lo..hi) {
        let (raw_key, value) = item?;
        let decoded = OrderKey::from_bytes(&raw_key)
            .ok_or_else(|| {
                StoreError::corrupt_order(OrderKey(0), String::from("a key of the wrong length"))
            })
            .and_then(|key| codec::decode_order(key, &value));
        match decoded {
            Ok(rec) => sum.add(&rec),
            Err(e) => tracing::error!("the books skip an unreadable order: {e}"),
        }
    }
    Ok(())
}

/// The totals the orders add up to, built while the full check reads every order.
#[derive(Default)]
pub(crate) struct Recount(BTreeMap<[u8; 5], Tally>);

impl Recount {
    pub(crate) fn add(&mut self, key: OrderKey, value: &[u8]) -> Result<(), StoreError> {
        let rec = codec::decode_order(key, value)?;
        for b in buckets(key) {
            self.0.entry(b).or_default().add(&rec);
        }
        Ok(())
    }

    /// Whether the kept totals are exactly these (a damaged or missing entry is an error).
    pub(crate) fn check(mut self, db: &sled::Db) -> Result<(), StoreError> {
        self.0.retain(|_, t| !t.is_empty());
        let totals = db.open_tree(super::keys::TOTALS)?;
        let mut kept = 0usize;
        for item in totals.iter() {
            let (entry, raw) = item?;
            let t = decode(&entry, &raw)?;
            let want = entry
                .as_ref()
                .try_into()
                .ok()
                .and_then(|e: [u8; 5]| self.0.get(&e));
            if want != Some(&t) {
                return Err(StoreError::CorruptRecord {
                    what: "totals entry",
                    key: format!("{:02x?}", entry.as_ref()),
                    detail: "it does not add up to its orders".into(),
                });
            }
            kept += 1;
        }
        if kept != self.0.len() {
            return Err(StoreError::CorruptRecord {
                what: "totals",
                key: String::new(),
                detail: format!("{kept} entries kept, the orders make {}", self.0.len()),
            });
        }
        Ok(())
    }
}

/// Builds every totals entry from the orders (the migration to schema 3; rerunnable: the tree
/// is dropped first).
pub(crate) fn rebuild(db: &sled::Db) -> Result<(), StoreError> {
    db.drop_tree(super::keys::TOTALS)?;
    let totals = db.open_tree(super::keys::TOTALS)?;
    let orders = db.open_tree(super::keys::ORDERS)?;
    let mut sums: BTreeMap<[u8; 5], Tally> = BTreeMap::new();
    for item in orders.iter() {
        let (raw_key, value) = item?;
        let key = OrderKey::from_bytes(&raw_key).ok_or_else(|| StoreError::CorruptRecord {
            what: "order key",
            key: format!("{raw_key:02x?}"),
            detail: format!("{} bytes instead of 16", raw_key.len()),
        })?;
        let rec = codec::decode_order(key, &value)?;
        for b in buckets(key) {
            sums.entry(b).or_default().add(&rec);
        }
    }
    let mut batch = sled::Batch::default();
    for (entry, t) in &sums {
        batch.insert(&entry[..], encode(t));
    }
    totals.apply_batch(batch)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Operator;

    #[test]
    fn entries_round_trip_and_damage_is_named() {
        let mut t = Tally::default();
        let c = Cell {
            count: 3,
            face: Dzd::from_dinars(1500),
            price: Dzd::from_centimes(157_525),
            cost: Dzd::from_dinars(-1),
        };
        t.add_cell(Operator::Ooredoo, Slot::Status(Status::Refunded), c);
        t.add_cell(Operator::Djezzy, Slot::Status(Status::NotSent), c);
        let raw = encode(&t);
        assert_eq!(raw.len(), 5 + 2 * CELL_LEN);
        assert_eq!(decode(b"h", &raw).unwrap(), t);
        assert!(decode(b"h", &raw[..raw.len() - 1]).is_err());
        assert!(decode(b"h", &[9]).is_err());
        let mut bad = raw.clone();
        bad[5] = 7;
        let e = decode(b"d", &bad).unwrap_err().to_string();
        assert!(e.contains("checksum"), "{e}");
    }

    #[test]
    fn an_order_counts_in_its_utc_hour_and_day() {
        // 2025-03-01 00:30 UTC.
        let key = OrderKey::first_at(1_740_787_200_000 + 1_800_000);
        let [h, d] = buckets(key);
        assert_eq!(h[0], b'h');
        assert_eq!(u32::from_be_bytes(h[1..].try_into().unwrap()), 483_552);
        assert_eq!(u32::from_be_bytes(d[1..].try_into().unwrap()), 20_148);
    }
}
