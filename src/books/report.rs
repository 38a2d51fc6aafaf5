//! A report over shop days: the totals, each operator's, the refunds to hand back, and the
//! series the report screen draws (sales by hour, by day).

use super::totals::Totals;
use crate::ledger::{OrderRecord, Status};
use crate::money::Dzd;
use crate::rules::{Line, Product, ShopClock, Span};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Refunds listed in a report (the newest); the totals always count them all.
pub const REFUNDS_LISTED: usize = 50;

/// The shop days a report covers, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn day(day: NaiveDate) -> Period {
        Period {
            first: day,
            last: day,
        }
    }

    /// `None` when `last` is before `first`.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Option<Period> {
        (first <= last).then_some(Period { first, last })
    }

    pub fn is_one_day(&self) -> bool {
        self.first == self.last
    }
}

/// An order whose price goes back to the customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    pub reference: String,
    pub phone: String,
    pub line: Line,
    pub at: DateTime<Utc>,
    /// What the customer paid and gets back.
    pub price: Dzd,
    pub amount: Dzd,
}

impl Refund {
    fn of(rec: &OrderRecord) -> Refund {
        Refund {
            reference: rec.reference.clone(),
            phone: rec.phone.clone(),
            line: rec.line,
            at: rec.created_at,
            price: crate::ledger::Cell::of(rec).price,
            amount: rec.amount,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub period: Period,
    pub span: Span,
    pub total: Totals,
    /// Lines (operators, Idoom ADSL and 4G) with at least one order.
    pub by_line: Vec<(Line, Totals)>,
    /// Product lines (mobile, ADSL, 4G) with at least one order.
    pub by_product: Vec<(Product, Totals)>,
    /// The newest [`REFUNDS_LISTED`] refunds, newest first.
    pub refunds: Vec<Refund>,
    /// Refunds counted in the totals but not listed.
    pub refunds_unlisted: i64,
}

/// The books of a period, from the store's kept totals (a day and two years cost the same).
pub fn report(store: &Store, clock: &ShopClock, period: Period) -> Result<Report, StoreError> {
    let span = clock.days(period.first, period.last);
    let (from, to) = span.millis();
    let tally = store.tally(from, to)?;
    let total = Totals::of(&tally);
    // Only this till's refunds are listed (and counted against the limit): money to give back
    // here, never one made elsewhere, nor an offers lookup (answered REFUNDED, owing nothing).
    let (listed, _) =
        store.with_status_between(Status::Refunded, from, to, REFUNDS_LISTED, |rec| {
            crate::ledger::tally::to_give_back(rec).is_some()
        })?;
    let refunds: Vec<Refund> = listed.iter().map(Refund::of).collect();
    Ok(Report {
        period,
        span,
        by_line: Totals::by_line(&tally),
        by_product: Totals::by_product(&tally),
        refunds_unlisted: (total.refunded - refunds.len() as i64).max(0),
        refunds,
        total,
    })
}

/// Each hour of a shop day from its start (24 hours; fewer or more on a clock-change day).
pub fn hourly(store: &Store, clock: &ShopClock, day: NaiveDate) -> Result<Vec<Totals>, StoreError> {
    let span = clock.day(day);
    let mut out = Vec::with_capacity(24);
    let mut start = span.start;
    while start < span.end {
        let end = (start + Duration::hours(1)).min(span.end);
        let (a, b) = Span { start, end }.millis();
        out.push(Totals::of(&store.tally(a, b)?));
        start = end;
    }
    Ok(out)
}

/// The `days` shop days up to `last` (oldest first).
pub fn daily(
    store: &Store,
    clock: &ShopClock,
    last: NaiveDate,
    days: u32,
) -> Result<Vec<(NaiveDate, Totals)>, StoreError> {
    let mut out = Vec::with_capacity(days as usize);
    let first = last - Duration::days(i64::from(days.saturating_sub(1)));
    let mut day = first;
    while day <= last {
        let (a, b) = clock.day(day).millis();
        out.push((day, Totals::of(&store.tally(a, b)?)));
        match day.succ_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    Ok(out)
}
