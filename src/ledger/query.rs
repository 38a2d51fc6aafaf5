//! What a history filter asks for, and the one rule of whether an order matches it: the store
//! pages through orders with it, the screen keeps its list live with it, and `orders` prints
//! what it finds.

use super::record::{OrderKey, OrderRecord};
use super::status::Status;
use crate::i18n::{Message, MsgId};
use crate::rules::{DayError, PhoneError, ShopClock, digits_match, parse_day, search_digits};
use chrono::{DateTime, NaiveDate, Utc};

/// A history filter; every field given narrows the result, `None` (or an empty string) means
/// any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderQuery {
    /// Digits of the number ([`crate::rules::search_digits`]): from its start when they start
    /// with `0` (a full `0XXXXXXXXX` number or its beginning), anywhere in it otherwise (the
    /// last digits, say), see [`crate::rules::digits_match`].
    pub phone: Option<String>,
    /// The ref starts with this (an exact ref or a prefix of one).
    pub reference: Option<String>,
    pub status: Option<Status>,
    /// Created on this shop day of [`OrderQuery::clock`] (by the order key's time).
    pub day: Option<NaiveDate>,
    /// The shop's clock `day` is read on: the configured one on the screen and in the commands.
    pub clock: ShopClock,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

impl OrderQuery {
    /// An empty query on the shop's clock.
    pub fn on(clock: ShopClock) -> OrderQuery {
        OrderQuery {
            clock,
            ..OrderQuery::default()
        }
    }

    pub fn phone(&self) -> Option<&str> {
        non_empty(&self.phone)
    }

    pub fn reference(&self) -> Option<&str> {
        non_empty(&self.reference)
    }

    /// Nothing to filter on.
    pub fn is_empty(&self) -> bool {
        self.phone().is_none()
            && self.reference().is_none()
            && self.status.is_none()
            && self.day.is_none()
    }

    /// The keys of the orders created on the query's day, `[lo, hi)`.
    pub fn day_keys(&self) -> Option<(OrderKey, OrderKey)> {
        let (lo, hi) = self.clock.day(self.day?).millis();
        Some((OrderKey::first_at(lo), OrderKey::first_at(hi)))
    }

    /// Whether an order belongs in this query's result.
    pub fn matches(&self, rec: &OrderRecord) -> bool {
        self.phone().is_none_or(|p| digits_match(&rec.phone, p))
            && self
                .reference()
                .is_none_or(|r| rec.reference.starts_with(r))
            && self.status.is_none_or(|s| rec.state.status() == s)
            && self
                .day_keys()
                .is_none_or(|(lo, hi)| rec.key >= lo && rec.key < hi)
    }
}

/// A filter value that cannot be read, from the filter line or a command's flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterError {
    Phone { typed: String, error: PhoneError },
    Status(String),
    Day(DayError),
}

impl FilterError {
    pub fn message(&self) -> Message {
        match self {
            FilterError::Phone { typed, error } => Message::new(MsgId::FilterBadPhone)
                .text("value", typed)
                .msg_of("error", error.message()),
            FilterError::Status(typed) => Message::new(MsgId::FilterBadStatus).text("value", typed),
            FilterError::Day(e) => e.message(),
        }
    }
}

/// Setting a filter from what was typed, the same way on the screen and in the commands.
impl OrderQuery {
    /// Any part of the number: its start (`0661`), its last digits (`4567`), digits anywhere,
    /// in any spelling the sale screen accepts (`+213…`, Arabic-Indic digits, spaces).
    pub fn set_phone(&mut self, typed: &str) -> Result<(), FilterError> {
        let digits = search_digits(typed).map_err(|error| FilterError::Phone {
            typed: typed.trim().to_string(),
            error,
        })?;
        self.phone = Some(digits);
        Ok(())
    }

    /// A status as typed ([`Status::from_typed`]).
    pub fn set_status(&mut self, typed: &str) -> Result<(), FilterError> {
        let status = Status::from_typed(typed)
            .ok_or_else(|| FilterError::Status(typed.trim().to_string()))?;
        self.status = Some(status);
        Ok(())
    }

    /// A day as typed ([`parse_day`]), on the query's clock.
    pub fn set_day(&mut self, typed: &str, now: DateTime<Utc>) -> Result<(), FilterError> {
        self.day = Some(parse_day(typed, &self.clock, now).map_err(FilterError::Day)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;
    use chrono_tz::Tz;

    fn day_keys(day: NaiveDate, zone: Tz) -> (OrderKey, OrderKey) {
        let q = OrderQuery {
            day: Some(day),
            ..OrderQuery::on(ShopClock::new(zone, NaiveTime::MIN))
        };
        q.day_keys().unwrap()
    }

    #[test]
    fn day_keys_cover_exactly_one_day() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let (lo, hi) = day_keys(day, Tz::UTC);
        assert_eq!(lo.millis(), 1_740_787_200_000);
        assert_eq!(hi.millis() - lo.millis(), 86_400_000);
        let (lo1, hi1) = day_keys(day, Tz::Africa__Algiers);
        assert_eq!(
            lo1.millis(),
            1_740_787_200_000 - 3_600_000,
            "Algiers is an hour ahead"
        );
        assert_eq!(hi1.millis() - lo1.millis(), 86_400_000);
        let old = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
        let (lo, hi) = day_keys(old, Tz::UTC);
        assert!(lo >= hi, "an empty range before 1970");
    }

    #[test]
    fn a_day_with_a_clock_change_is_23_or_25_hours() {
        let spring = NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
        let (lo, hi) = day_keys(spring, Tz::Europe__Paris);
        assert_eq!(hi.millis() - lo.millis(), 23 * 3_600_000);
        let autumn = NaiveDate::from_ymd_opt(2025, 10, 26).unwrap();
        let (lo, hi) = day_keys(autumn, Tz::Europe__Paris);
        assert_eq!(hi.millis() - lo.millis(), 25 * 3_600_000);
    }
}
