//! Money in Algerian dinars, held as integer centimes so sums never drift.
//!
//! The API sends amounts as JSON numbers that may be integers (`500`) or floats (`496.25`,
//! `2450.75`); both deserialize into [`Dzd`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// Words of the error an amount out of range gives when decoded (found again by the API client,
/// which calls such an answer broken rather than unreadable).
pub const NOT_DINARS: &str = "is not a number of dinars";

/// An amount of dinars, stored as centimes (1 DA = 100 centimes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dzd(i64);

impl Dzd {
    pub const ZERO: Dzd = Dzd(0);

    pub const fn from_centimes(c: i64) -> Self {
        Dzd(c)
    }

    pub const fn from_dinars(d: i64) -> Self {
        Dzd(d * 100)
    }

    /// Rounds a float amount of dinars to the nearest centime. Non-finite input is `None`.
    pub fn from_f64(d: f64) -> Option<Self> {
        if !d.is_finite() || d.abs() > 1e15 {
            return None;
        }
        Some(Dzd((d * 100.0).round() as i64))
    }

    pub const fn centimes(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Whole dinars when there are no centimes.
    pub fn whole_dinars(self) -> Option<i64> {
        (self.0 % 100 == 0).then_some(self.0 / 100)
    }

    /// `face × multiplier`, rounded to the centime (how the API charges `amount × cost`).
    pub fn times(self, multiplier: f64) -> Option<Self> {
        Self::from_f64(self.as_f64() * multiplier)
    }
}

impl fmt::Display for Dzd {
    /// `1 250 DA`, `496.25 DA`: thin grouping for the till, centimes only when present.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (whole, cents) = (abs / 100, abs % 100);
        let digits = whole.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(ch);
        }
        if neg {
            f.write_str("-")?;
        }
        if cents == 0 {
            write!(f, "{grouped} DA")
        } else {
            write!(f, "{grouped}.{cents:02} DA")
        }
    }
}

impl Add for Dzd {
    type Output = Dzd;
    fn add(self, o: Dzd) -> Dzd {
        Dzd(self.0.saturating_add(o.0))
    }
}

impl AddAssign for Dzd {
    fn add_assign(&mut self, o: Dzd) {
        self.0 = self.0.saturating_add(o.0);
    }
}

impl Sub for Dzd {
    type Output = Dzd;
    fn sub(self, o: Dzd) -> Dzd {
        Dzd(self.0.saturating_sub(o.0))
    }
}

impl Serialize for Dzd {
    /// As a JSON number of dinars: an integer when whole, so payloads look like the API's.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.whole_dinars() {
            Some(d) => s.serialize_i64(d),
            None => s.serialize_f64(self.as_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Dzd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Dzd::from_f64(v).ok_or_else(|| serde::de::Error::custom(format!("amount {v} {NOT_DINARS}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_int_and_float() {
        let a: Dzd = serde_json::from_str("500").unwrap();
        let b: Dzd = serde_json::from_str("496.25").unwrap();
        assert_eq!(a, Dzd::from_dinars(500));
        assert_eq!(b.centimes(), 49625);
        assert!(serde_json::from_str::<Dzd>("\"500\"").is_err());
    }

    #[test]
    fn displays_for_the_till() {
        assert_eq!(Dzd::from_dinars(1250).to_string(), "1 250 DA");
        assert_eq!(Dzd::from_centimes(49625).to_string(), "496.25 DA");
        assert_eq!(Dzd::from_dinars(300000).to_string(), "300 000 DA");
        assert_eq!(Dzd::from_dinars(50).to_string(), "50 DA");
    }

    #[test]
    fn charges_amount_times_cost() {
        assert_eq!(
            Dzd::from_dinars(500).times(0.98),
            Some(Dzd::from_dinars(490))
        );
        assert_eq!(
            Dzd::from_dinars(500).times(0.9925),
            Some(Dzd::from_centimes(49625))
        );
        assert_eq!(
            serde_json::to_string(&Dzd::from_dinars(490)).unwrap(),
            "490"
        );
    }
}
