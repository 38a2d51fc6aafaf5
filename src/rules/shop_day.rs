//! The shop's days: its time zone and the hour its day starts (a shop open past midnight counts
//! its late sales in the evening's day with `day_starts_at = "04:00"`).
//!
//! Every day the till speaks of is a shop day of one [`ShopClock`] (the config's): the books,
//! the history's `day:` filter and "today", `orders --day`, `report --day`, `sync --since`. Days
//! are typed one way everywhere ([`parse_day`]).

use crate::i18n::{Lang, Message, MsgId};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How instants map to shop days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShopClock {
    zone: Tz,
    day_start: NaiveTime,
}

/// UTC days from midnight: for tests and tools. The till always uses the configured clock
/// (`Config::shop_clock`).
impl Default for ShopClock {
    fn default() -> ShopClock {
        ShopClock::new(Tz::UTC, NaiveTime::MIN)
    }
}

/// The instants of a shop day (or of several): `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    /// Unix milliseconds `[start, end)`, what the store counts over (before 1970: 0).
    pub fn millis(&self) -> (u64, u64) {
        let ms = |t: DateTime<Utc>| t.timestamp_millis().max(0) as u64;
        (ms(self.start), ms(self.end))
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        at >= self.start && at < self.end
    }
}

impl ShopClock {
    pub fn new(zone: Tz, day_start: NaiveTime) -> ShopClock {
        ShopClock { zone, day_start }
    }

    /// Algeria (UTC+1 all year, no daylight saving time), days starting at midnight.
    pub fn algeria() -> ShopClock {
        ShopClock::new(Tz::Africa__Algiers, NaiveTime::MIN)
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    pub fn day_start(&self) -> NaiveTime {
        self.day_start
    }

    /// When shop day `day` starts.
    pub fn day_starts(&self, day: NaiveDate) -> DateTime<Utc> {
        let local = day.and_time(self.day_start);
        match self.zone.from_local_datetime(&local).earliest() {
            Some(t) => t.with_timezone(&Utc),
            // A local time skipped by a clock change: the day starts when the clocks resume.
            None => self
                .zone
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
                .map_or(local.and_utc(), |t| t.with_timezone(&Utc)),
        }
    }

    /// The instants of the days `first..=last` (an empty span if `last` is before `first`).
    pub fn days(&self, first: NaiveDate, last: NaiveDate) -> Span {
        let start = self.day_starts(first);
        let end = last
            .succ_opt()
            .map_or(DateTime::<Utc>::MAX_UTC, |d| self.day_starts(d));
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn day(&self, day: NaiveDate) -> Span {
        self.days(day, day)
    }

    /// The shop day an instant belongs to.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        let local = at.with_timezone(&self.zone).naive_local();
        if local.time() < self.day_start {
            local.date().pred_opt().unwrap_or(local.date())
        } else {
            local.date()
        }
    }

    /// The local wall-clock time of an instant (for "at 14:05" in lists).
    pub fn local(&self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        at.with_timezone(&self.zone).naive_local()
    }
}

/// A day that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayError {
    /// Not a day in any accepted spelling (kept as typed).
    NotADay(String),
    /// "yesterday" of the first day chrono knows.
    NoDayBefore,
}

impl DayError {
    pub fn message(&self) -> Message {
        match self {
            DayError::NotADay(word) => Message::new(MsgId::DayBad).text("word", word),
            DayError::NoDayBefore => Message::new(MsgId::DayNoneBefore),
        }
    }
}

/// A day as typed, on the shop's clock: `today` and `yesterday` in any of the till's languages
/// (`aujourd'hui`, `hier`, `اليوم`, `أمس`), `YYYY-MM-DD`, or `DD/MM/YYYY` as French and Arabic
/// write dates.
pub fn parse_day(word: &str, clock: &ShopClock, now: DateTime<Utc>) -> Result<NaiveDate, DayError> {
    let typed = word.trim();
    let today = clock.day_of(now);
    let w = normalize(typed);
    let is = |id: MsgId| Lang::ALL.iter().any(|&l| normalize(l.t(id)) == w);
    if is(MsgId::DayToday) {
        return Ok(today);
    }
    if is(MsgId::DayYesterday) {
        return today.pred_opt().ok_or(DayError::NoDayBefore);
    }
    NaiveDate::parse_from_str(typed, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(typed, "%d/%m/%Y"))
        .map_err(|_| DayError::NotADay(typed.to_string()))
}

/// Case, the apostrophe's shape and Arabic's hamza forms do not matter in a day word.
fn normalize(word: &str) -> String {
    word.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{02bc}' => '\'',
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_algerian_day_starts_at_23_utc_the_evening_before() {
        let c = ShopClock::algeria();
        let s = c.day(d(2025, 3, 1));
        assert_eq!(s.start.to_rfc3339(), "2025-02-28T23:00:00+00:00");
        assert_eq!(s.end.to_rfc3339(), "2025-03-01T23:00:00+00:00");
        assert_eq!(c.day_of(s.start), d(2025, 3, 1));
        assert_eq!(c.day_of(s.end), d(2025, 3, 2));
        assert_eq!(
            c.day_of(s.start - Duration::milliseconds(1)),
            d(2025, 2, 28)
        );
    }

    #[test]
    fn a_late_day_start_keeps_the_night_in_the_evening_s_day() {
        let c = ShopClock::new(
            Tz::Africa__Algiers,
            NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
        );
        // 02:30 local on March 2nd is still March 1st's day.
        let night = Utc.with_ymd_and_hms(2025, 3, 2, 1, 30, 0).unwrap();
        assert_eq!(c.day_of(night), d(2025, 3, 1));
        let s = c.day(d(2025, 3, 1));
        assert_eq!(s.start.to_rfc3339(), "2025-03-01T03:00:00+00:00");
        assert!(s.contains(night));
        let two = c.days(d(2025, 3, 1), d(2025, 3, 2));
        assert_eq!(two.end - two.start, Duration::days(2));
        assert_eq!(
            c.days(d(2025, 3, 2), d(2025, 3, 1)).millis().0,
            two.millis().0 + 86_400_000
        );
    }

    #[test]
    fn days_are_typed_as_dates_or_words() {
        let c = ShopClock::algeria();
        // 23:30 UTC on March 1st is already March 2nd in Algeria.
        let now = Utc.with_ymd_and_hms(2025, 3, 1, 23, 30, 0).unwrap();
        assert_eq!(parse_day("today", &c, now), Ok(d(2025, 3, 2)));
        assert_eq!(parse_day(" Yesterday", &c, now), Ok(d(2025, 3, 1)));
        assert_eq!(parse_day("2024-12-31", &c, now), Ok(d(2024, 12, 31)));
        for today in ["aujourd'hui", "Aujourd’hui", "اليوم"] {
            assert_eq!(parse_day(today, &c, now), Ok(d(2025, 3, 2)), "{today}");
        }
        for yesterday in ["hier", "HIER", "أمس", "امس"] {
            assert_eq!(
                parse_day(yesterday, &c, now),
                Ok(d(2025, 3, 1)),
                "{yesterday}"
            );
        }
        assert_eq!(parse_day("31/12/2024", &c, now), Ok(d(2024, 12, 31)));
        assert_eq!(parse_day("1/3/2025", &c, now), Ok(d(2025, 3, 1)));
        let e = parse_day("2024-13-01", &c, now).unwrap_err();
        assert_eq!(e, DayError::NotADay("2024-13-01".into()));
        assert!(e.message().in_lang(Lang::En).contains("YYYY-MM-DD"));
        assert!(parse_day("13/13/2024", &c, now).is_err());
    }
}
