//! Reading `config.toml`: a size limit, the TOML syntax, the known settings and their ranges.
//!
//! The file may hold the API key, and a typo can put the key anywhere (under another name, in
//! a number's place, on a broken line). So no error ever shows a value or a line of the
//! file: only the setting's name, its line number and what is wrong with it.
//!
//! [`SETTINGS`] is the one list of what the file may hold and the range of every number.

use super::{ConfigError, Problem as What, SettingName, Unit};
use crate::rules::PriceRule;
use crate::text::BidiMode;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A config file bigger than this is refused before it is read (a real one is ~1 kB).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// `config.toml` as written by the shop, checked. Every field is optional.
#[derive(Clone, Debug, Default)]
pub struct FileConfig {
    pub api_key: Option<String>,
    pub api_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub bidi: Option<BidiMode>,
    /// `fr`, `ar` or `en`.
    pub language: Option<String>,
    /// This till's terminal id: written here by flexy-pos itself, so the till still knows its
    /// own refs after its order store is lost.
    pub terminal_id: Option<String>,
    /// The shop's time zone (IANA name): times shown and `day` filters, screen and CLI alike.
    pub timezone: Option<String>,
    /// When the shop's day starts, `HH:MM` (a shop open past midnight: `"04:00"`); checked by
    /// [`day_start`].
    pub day_starts_at: Option<String>,
    /// The other texts the file gives (`shop.name`, `printer.address`…), by setting name: read
    /// them with [`FileConfig::text`].
    texts: BTreeMap<&'static str, String>,
    /// The numbers the file gives, by setting name: read them with [`FileConfig::whole`] and
    /// [`FileConfig::number`], which fall back to the default in [`SETTINGS`].
    numbers: BTreeMap<&'static str, f64>,
}

impl FileConfig {
    /// A whole-number setting (`poll_interval_secs`, `practice.balance`…): the file's value,
    /// else the setting's default. A name that is not a whole-number setting reads 0 (a test
    /// reads every one).
    pub fn whole(&self, name: &str) -> i64 {
        match (self.numbers.get(name), find_setting(name).map(|s| s.kind)) {
            (Some(n), Some(Kind::Whole { .. })) => *n as i64,
            (None, Some(Kind::Whole { default, .. })) => default,
            _ => 0,
        }
    }

    /// A number setting (`pricing.markup_percent`, `practice.speed`): the file's value, else
    /// the setting's default.
    pub fn number(&self, name: &str) -> f64 {
        match (self.numbers.get(name), find_setting(name).map(|s| s.kind)) {
            (Some(n), Some(Kind::Number { .. })) => *n,
            (None, Some(Kind::Number { default, .. })) => default,
            _ => 0.0,
        }
    }

    /// A text setting the file gives (`shop.name`, `printer.kind`…), if it gives it.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.get(name).map(String::as_str)
    }

    /// Whether the file sets this setting itself.
    pub fn sets(&self, name: &str) -> bool {
        self.numbers.contains_key(name)
    }
}

/// The default of a whole-number setting (0 for a name that is not one).
pub fn default_whole(name: &str) -> i64 {
    FileConfig::default().whole(name)
}

/// The setting of this name.
fn find_setting(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// What a setting holds.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Text,
    /// The API's address: https, or http on this machine only.
    Url,
    /// An IANA time zone name (`Africa/Algiers`).
    TimeZone,
    /// A time of day from `00:00` to `12:00` ([`day_start`]).
    DayStart,
    /// A terminal id as refs carry it.
    TerminalId,
    /// A data folder: a full path or one under `~/` ([`super::data_dir`]).
    DataDir,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A whole number in `min..=max`, `default` when the file does not say.
    Whole {
        min: i64,
        max: i64,
        default: i64,
    },
    /// A number (whole or not) in `min..=max`, never NaN or infinite; `default` when the file
    /// does not say.
    Number {
        min: f64,
        max: f64,
        default: f64,
    },
}

/// One setting of `config.toml`.
#[derive(Debug)]
pub struct Setting {
    /// As written in the file; `section.name` for settings under a `[section]`.
    pub name: &'static str,
    pub kind: Kind,
    /// Appended to a range error: what the number counts.
    pub unit: Unit,
}

const fn setting(name: &'static str, kind: Kind, unit: Unit) -> Setting {
    Setting { name, kind, unit }
}

/// Every setting the file may hold, with its range and its default: adding a setting is a row
/// here, where it is used, and its line in the example config and the README.
pub const SETTINGS: &[Setting] = &[
    setting("api_key", Kind::Text, Unit::None),
    setting("api_url", Kind::Url, Unit::None),
    setting("data_dir", Kind::DataDir, Unit::None),
    setting("bidi", Kind::Choice(&["app", "terminal"]), Unit::None),
    setting("language", Kind::Choice(&["fr", "ar", "en"]), Unit::None),
    setting("timezone", Kind::TimeZone, Unit::None),
    setting("day_starts_at", Kind::DayStart, Unit::None),
    setting("terminal_id", Kind::TerminalId, Unit::None),
    // The API asks for a status check every 5 to 10 s.
    setting(
        "poll_interval_secs",
        Kind::Whole {
            min: 5,
            max: 10,
            default: 5,
        },
        Unit::Seconds,
    ),
    setting(
        "unknown_recheck_minutes",
        Kind::Whole {
            min: 1,
            max: 1440,
            default: 60,
        },
        Unit::Minutes,
    ),
    // Up to 30 days: an older plan list is not worth selling from.
    setting(
        "plans_max_age_hours",
        Kind::Whole {
            min: 1,
            max: 720,
            default: 24,
        },
        Unit::Hours,
    ),
    // Old daily log files are deleted after this many days (they hold customers' numbers).
    setting(
        "log_retention_days",
        Kind::Whole {
            min: 1,
            max: 3650,
            default: 30,
        },
        Unit::Days,
    ),
    setting(
        "pricing.markup_percent",
        Kind::Number {
            min: 0.0,
            max: 100.0,
            default: PriceRule::DEFAULT.markup_percent,
        },
        Unit::Percent,
    ),
    setting(
        "pricing.round_up_to",
        Kind::Whole {
            min: 1,
            max: 1000,
            default: PriceRule::DEFAULT.round_up_to as i64,
        },
        Unit::Dinars,
    ),
    setting(
        "practice.balance",
        Kind::Whole {
            min: 0,
            max: 1_000_000_000,
            default: 100_000,
        },
        Unit::Dinars,
    ),
    setting(
        "practice.speed",
        Kind::Number {
            min: 0.01,
            max: 100_000.0,
            default: 1.0,
        },
        Unit::TimesSandbox,
    ),
    // The slips' heading (`crate::receipt`).
    setting("shop.name", Kind::Text, Unit::None),
    setting("shop.address", Kind::Text, Unit::None),
    // The receipt printer (`config::printer`): none unless `kind` says which.
    setting(
        "printer.kind",
        Kind::Choice(&["none", "network", "usb", "serial", "file"]),
        Unit::None,
    ),
    setting("printer.address", Kind::Text, Unit::None),
    setting(
        "printer.width_mm",
        Kind::Whole {
            min: 58,
            max: 80,
            default: 58,
        },
        Unit::None,
    ),
    // `ESC t n`: the printer's number for its Arabic table (PC864) and for its Latin one
    // (PC858), from the printer's self-test page (Epson's numbers by default).
    setting(
        "printer.code_page",
        Kind::Whole {
            min: 0,
            max: 255,
            default: 37,
        },
        Unit::None,
    ),
    setting(
        "printer.latin_code_page",
        Kind::Whole {
            min: 0,
            max: 255,
            default: 19,
        },
        Unit::None,
    ),
    setting(
        "printer.auto_print",
        Kind::Choice(&["off", "fulfilled"]),
        Unit::None,
    ),
    setting(
        "printer.timeout_secs",
        Kind::Whole {
            min: 1,
            max: 120,
            default: 10,
        },
        Unit::Seconds,
    ),
];

/// `day_starts_at`: `HH:MM` from `00:00` to `12:00` (a day that started after noon would put
/// most of a day's sales in the next one).
pub fn day_start(text: &str) -> Option<chrono::NaiveTime> {
    let t = chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()?;
    (t <= chrono::NaiveTime::from_hms_opt(12, 0, 0)?).then_some(t)
}

/// A checked value.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Whole(i64),
    Number(f64),
}

/// What is wrong, where. Never holds a value from the file.
#[derive(Debug)]
struct Problem {
    offset: usize,
    setting: Option<SettingName>,
    what: What,
}

/// Reads and checks a config file.
pub fn read(path: &Path) -> Result<FileConfig, ConfigError> {
    let read_error = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    let too_big = |bytes| ConfigError::TooBig {
        path: path.to_path_buf(),
        bytes,
    };
    if size > MAX_CONFIG_BYTES {
        return Err(too_big(size));
    }
    // A file still growing (or a device) is cut at the limit, never read whole.
    let mut text = String::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(too_big(text.len() as u64));
    }
    parse(path, &text)
}

/// Checks the text of the config file at `path` (named in errors).
pub fn parse(path: &Path, text: &str) -> Result<FileConfig, ConfigError> {
    check(text).map_err(|p| ConfigError::Setting {
        path: path.to_path_buf(),
        line: line_of(text, p.offset),
        setting: p.setting,
        problem: p.what,
    })
}

/// Checks a whole file's text.
fn check(text: &str) -> Result<FileConfig, Problem> {
    let doc = DeTable::parse(text).map_err(|e| Problem {
        offset: e.span().map_or(0, |s| s.start),
        setting: None,
        // The parser's own words ("invalid basic string", "expected `=`"): never the input.
        what: What::NotToml(e.message().to_string()),
    })?;
    let mut values = BTreeMap::new();
    check_table(doc.get_ref(), "", &mut values)?;
    Ok(build(values))
}

/// Checks every entry of a table; settings under `[section]` are named `section.name`.
fn check_table(
    table: &DeTable<'_>,
    prefix: &str,
    out: &mut BTreeMap<&'static str, Value>,
) -> Result<(), Problem> {
    for (key, value) in table.iter() {
        let name = format!("{prefix}{}", key.get_ref());
        let offset = key.span().start;
        if let Some(setting) = SETTINGS.iter().find(|s| s.name == name) {
            out.insert(setting.name, check_value(setting, value)?);
        } else if is_section(&name) {
            let Some(inner) = value.get_ref().as_table() else {
                return Err(Problem {
                    offset,
                    setting: Some(SettingName::Named(name.clone())),
                    what: What::MustBeSection(name.clone()),
                });
            };
            check_table(inner, &format!("{name}."), out)?;
        } else {
            return Err(unknown(&name, offset));
        }
    }
    Ok(())
}

fn is_section(name: &str) -> bool {
    SETTINGS.iter().any(|s| {
        s.name
            .split_once('.')
            .is_some_and(|(section, _)| section == name)
    })
}

/// The value of one known setting, checked against its kind and range.
fn check_value(setting: &Setting, value: &Spanned<DeValue<'_>>) -> Result<Value, Problem> {
    let problem = |what: What| Problem {
        offset: value.span().start,
        setting: Some(SettingName::Named(setting.name.to_string())),
        what,
    };
    let unit = setting.unit;
    let whole = |min: i64, max: i64| What::Whole { min, max, unit };
    let range = |min: f64, max: f64| What::Number { min, max, unit };
    match (setting.kind, value.get_ref()) {
        (Kind::Text, DeValue::String(s)) => Ok(Value::Text(s.to_string())),
        (Kind::Text, _) => Err(problem(What::MustBeText)),
        (Kind::Url, DeValue::String(s)) if crate::api_url::check(s).is_ok() => {
            Ok(Value::Text(s.to_string()))
        }
        (Kind::Url, _) => Err(problem(What::Url)),
        (Kind::TimeZone, DeValue::String(s)) if s.trim().parse::<chrono_tz::Tz>().is_ok() => {
            Ok(Value::Text(s.trim().to_string()))
        }
        (Kind::TimeZone, _) => Err(problem(What::TimeZone)),
        (Kind::DayStart, DeValue::String(s)) if day_start(s).is_some() => {
            Ok(Value::Text(s.trim().to_string()))
        }
        (Kind::DayStart, _) => Err(problem(What::DayStart)),
        (Kind::TerminalId, DeValue::String(s))
            if crate::rules::till_id::check_terminal_id(s.trim()).is_ok() =>
        {
            Ok(Value::Text(s.trim().to_string()))
        }
        (Kind::TerminalId, _) => Err(problem(What::TerminalId)),
        (Kind::DataDir, DeValue::String(s)) if super::data_dir::check(s).is_ok() => {
            Ok(Value::Text(s.to_string()))
        }
        (Kind::DataDir, _) => Err(problem(What::DataDir)),
        (Kind::Choice(words), DeValue::String(s)) if words.contains(&s.as_ref()) => {
            Ok(Value::Text(s.to_string()))
        }
        (Kind::Choice(words), _) => Err(problem(What::Choice(words))),
        (Kind::Whole { min, max, .. }, DeValue::Integer(i)) => {
            match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (min..=max).contains(&n) => Ok(Value::Whole(n)),
                _ => Err(problem(whole(min, max))),
            }
        }
        (Kind::Whole { min, max, .. }, _) => Err(problem(whole(min, max))),
        (Kind::Number { min, max, .. }, DeValue::Integer(i)) => {
            match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (min..=max).contains(&(n as f64)) => Ok(Value::Number(n as f64)),
                _ => Err(problem(range(min, max))),
            }
        }
        (Kind::Number { min, max, .. }, DeValue::Float(f)) => {
            match f.as_str().replace('_', "").parse::<f64>() {
                // NaN is outside every range, so it never gets past this test.
                Ok(n) if (min..=max).contains(&n) => Ok(Value::Number(n)),
                _ => Err(problem(range(min, max))),
            }
        }
        (Kind::Number { min, max, .. }, _) => Err(problem(range(min, max))),
    }
}

/// An unknown setting, with the right name when the typo is close.
fn unknown(name: &str, offset: usize) -> Problem {
    let what = match suggestion(name) {
        Some(right) => What::UnknownDidYouMean(right),
        None => What::Unknown(
            SETTINGS
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", "),
        ),
    };
    Problem {
        offset,
        setting: Some(shown_name(name)),
        what,
    }
}

/// A setting's name as typed, unless it could be a secret pasted in the wrong place (a real
/// name is short and has no digits).
fn shown_name(name: &str) -> SettingName {
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-' | '.'));
    if plain && name.len() <= 32 {
        SettingName::Named(name.to_string())
    } else {
        SettingName::Hidden
    }
}

/// The known setting a typo most likely meant: the same letters in another case or with `-`
/// or no `_`, or at most two letters off, in the same section.
fn suggestion(name: &str) -> Option<&'static str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = squash(name);
    let section = |s: &str| s.rsplit_once('.').map(|(a, _)| a.to_lowercase());
    SETTINGS
        .iter()
        .map(|s| s.name)
        .filter(|s| section(s) == section(name))
        .map(|s| (edit_distance(&squash(s), &typed), s))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, s)| s)
}

/// Levenshtein distance (short names only).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn build(mut values: BTreeMap<&'static str, Value>) -> FileConfig {
    let mut text = |name| match values.remove(name) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    };
    let (api_key, api_url, data_dir, bidi, timezone, terminal_id) = (
        text("api_key"),
        text("api_url"),
        text("data_dir"),
        text("bidi"),
        text("timezone"),
        text("terminal_id"),
    );
    let language = text("language");
    let day_starts_at = text("day_starts_at");
    let mut texts = BTreeMap::new();
    let mut numbers = BTreeMap::new();
    for (name, v) in values {
        match v {
            Value::Whole(n) => {
                numbers.insert(name, n as f64);
            }
            Value::Number(n) => {
                numbers.insert(name, n);
            }
            Value::Text(s) => {
                texts.insert(name, s);
            }
        }
    }
    FileConfig {
        api_key,
        api_url,
        data_dir: data_dir.map(PathBuf::from),
        bidi: bidi.map(|b| match b.as_str() {
            "terminal" => BidiMode::Terminal,
            _ => BidiMode::App,
        }),
        language,
        timezone,
        terminal_id,
        day_starts_at,
        texts,
        numbers,
    }
}

/// Checks a number from elsewhere (an environment variable) against a setting's range.
pub fn in_range(name: &str, n: f64) -> bool {
    find_setting(name).is_some_and(|s| match s.kind {
        Kind::Number { min, max, .. } => (min..=max).contains(&n),
        Kind::Whole { min, max, .. } => n.fract() == 0.0 && (min as f64..=max as f64).contains(&n),
        _ => false,
    })
}

/// Parses a config text as `read` does (the example config, tests).
pub fn parse_text(text: &str) -> Result<FileConfig, String> {
    parse(std::path::Path::new("config.toml"), text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_case_dashes_and_small_typos() {
        assert_eq!(suggestion("apikey"), Some("api_key"));
        assert_eq!(suggestion("API_KEY"), Some("api_key"));
        assert_eq!(suggestion("api-key"), Some("api_key"));
        assert_eq!(suggestion("pol_interval_secs"), Some("poll_interval_secs"));
        assert_eq!(
            suggestion("pricing.markup-percent"),
            Some("pricing.markup_percent")
        );
        assert_eq!(suggestion("colour"), None);
        assert_eq!(
            suggestion("markup_percent"),
            None,
            "not outside its section"
        );
    }

    #[test]
    fn only_plain_short_names_are_shown() {
        assert_eq!(shown_name("apikey"), SettingName::Named("apikey".into()));
        assert_eq!(shown_name("5a4db0c5-f1e0-4c1d-8e57"), SettingName::Hidden);
    }

    #[test]
    fn the_example_and_every_boundary_parse() {
        let f = parse_text(crate::config::EXAMPLE_CONFIG).unwrap();
        assert!(f.api_key.is_none(), "the example must not carry a key");
        assert_eq!(f.whole("poll_interval_secs"), 5);
        assert!(in_range("practice.speed", 1.0) && !in_range("practice.speed", f64::NAN));
    }

    /// The example config documents the defaults: every number it sets is the default of
    /// [`SETTINGS`], and every number setting is in it, within its range.
    #[test]
    fn the_example_shows_every_number_setting_at_its_default() {
        let f = parse_text(crate::config::EXAMPLE_CONFIG).unwrap();
        let empty = parse_text("").unwrap();
        for s in SETTINGS {
            match s.kind {
                Kind::Whole { min, max, default } => {
                    assert!(f.sets(s.name), "{} is in the example", s.name);
                    assert_eq!(f.whole(s.name), default, "{}", s.name);
                    assert_eq!(empty.whole(s.name), default, "{}", s.name);
                    assert!((min..=max).contains(&default), "{}", s.name);
                }
                Kind::Number { min, max, default } => {
                    assert!(f.sets(s.name), "{} is in the example", s.name);
                    assert_eq!(f.number(s.name), default, "{}", s.name);
                    assert_eq!(empty.number(s.name), default, "{}", s.name);
                    assert!((min..=max).contains(&default), "{}", s.name);
                }
                _ => {}
            }
        }
    }
}
