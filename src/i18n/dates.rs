//! One way to write dates and times per language, used by every screen: French and Arabic
//! read the day first (`06/12 19:08`), English keeps the ISO order (`12-06 19:08`).

use super::Lang;

/// The `chrono` formats of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateFormats {
    /// A time of today: `19:08:42`.
    pub time: &'static str,
    /// A time of another day of the year: `06/12 19:08`.
    pub day_time: &'static str,
    /// A time with its whole date: `06/12/2026 19:08:42`.
    pub full: &'static str,
    /// A day: `06/12/2026`.
    pub day: &'static str,
    /// A day and the minute (a slip, a report's list): `06/12/2026 19:08`.
    pub day_minute: &'static str,
}

impl Lang {
    /// How this language writes dates and times.
    pub fn dates(self) -> DateFormats {
        match self {
            Lang::Fr | Lang::Ar => DateFormats {
                time: "%H:%M:%S",
                day_time: "%d/%m %H:%M",
                full: "%d/%m/%Y %H:%M:%S",
                day: "%d/%m/%Y",
                day_minute: "%d/%m/%Y %H:%M",
            },
            Lang::En => DateFormats {
                time: "%H:%M:%S",
                day_time: "%m-%d %H:%M",
                full: "%Y-%m-%d %H:%M:%S",
                day: "%Y-%m-%d",
                day_minute: "%Y-%m-%d %H:%M",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn french_and_arabic_read_the_day_first() {
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 19, 8, 42).unwrap();
        let f =
            |l: Lang, fmt: fn(DateFormats) -> &'static str| t.format(fmt(l.dates())).to_string();
        for l in [Lang::Fr, Lang::Ar] {
            assert_eq!(f(l, |d| d.day_time), "06/12 19:08");
            assert_eq!(f(l, |d| d.full), "06/12/2026 19:08:42");
        }
        assert_eq!(f(Lang::En, |d| d.day_time), "12-06 19:08");
        assert_eq!(f(Lang::Fr, |d| d.time), "19:08:42");
    }
}
