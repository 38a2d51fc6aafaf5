//! What is wrong with the settings, as enums; the words come from the catalogues
//! ([`ConfigError::message`]), in the language of whoever reads them. `Display` is the English
//! wording (logs, tests).
//!
//! No variant ever holds a value from the config file or the environment: the API key could
//! be any of them.

use crate::i18n::{Lang, Message, MsgId};
use std::fmt;
use std::path::PathBuf;

/// What is wrong with the settings.
#[derive(Debug)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    TooBig {
        path: PathBuf,
        bytes: u64,
    },
    /// A setting (or a line) of the file.
    Setting {
        path: PathBuf,
        line: usize,
        setting: Option<SettingName>,
        problem: Problem,
    },
    /// Neither `--data-dir`, `FLEXY_DATA_DIR`, `data_dir` nor the platform gives one.
    NoDataDir,
    /// `--data-dir` or `FLEXY_DATA_DIR` is empty or relative to the current folder.
    BadDataDir,
    /// The data folder starts with `~` and this user has no home folder.
    DataDirNoHome,
    /// `--api-url` or `FLEXY_API_URL` is not an address the till may use.
    BadApiUrl,
    /// `FLEXY_PRACTICE_SPEED` is out of range or not a number.
    BadPracticeSpeed,
    /// `FLEXY_LANG` names no language of the till.
    BadLangEnv,
    /// `--terminal` or `FLEXY_TERMINAL` is not a terminal id.
    BadTerminalId,
    /// The terminal id could not be put into config.toml by flexy-pos.
    CannotRecordTerminal {
        path: PathBuf,
        id: String,
    },
    CannotWrite {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A time zone name that is not an IANA zone.
    BadTimezone,
    /// `[printer] kind` names a printer but `address` does not say where it is.
    BadPrinter,
}

/// A setting's name as typed in the file, unless it could be a secret pasted in the wrong place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingName {
    Named(String),
    Hidden,
}

/// What a number counts, after a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    Seconds,
    Minutes,
    Hours,
    Days,
    Percent,
    Dinars,
    TimesSandbox,
}

/// What is wrong with one setting or line of the file. Never holds a value from the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The TOML parser's own words ("invalid basic string"), never the input.
    NotToml(String),
    MustBeSection(String),
    MustBeText,
    Url,
    TimeZone,
    DayStart,
    TerminalId,
    DataDir,
    Choice(&'static [&'static str]),
    Whole {
        min: i64,
        max: i64,
        unit: Unit,
    },
    Number {
        min: f64,
        max: f64,
        unit: Unit,
    },
    UnknownDidYouMean(&'static str),
    /// An unknown setting with no close name: the list of them all.
    Unknown(String),
}

impl Unit {
    fn message(self) -> Message {
        let id = match self {
            Unit::None => return Message::from(""),
            Unit::Seconds => MsgId::CfgUnitSeconds,
            Unit::Minutes => MsgId::CfgUnitMinutes,
            Unit::Hours => MsgId::CfgUnitHours,
            Unit::Days => MsgId::CfgUnitDays,
            Unit::Percent => MsgId::CfgUnitPercent,
            Unit::Dinars => MsgId::CfgUnitDinars,
            Unit::TimesSandbox => MsgId::CfgUnitTimesSandbox,
        };
        Message::new(id)
    }
}

impl Problem {
    pub fn message(&self) -> Message {
        match self {
            Problem::NotToml(why) => Message::new(MsgId::CfgNotToml).text("why", why),
            Problem::MustBeSection(name) => {
                Message::new(MsgId::CfgMustBeSection).text("name", name)
            }
            Problem::MustBeText => Message::new(MsgId::CfgMustBeText),
            Problem::Url => Message::new(MsgId::CfgUrlRule),
            Problem::TimeZone => Message::new(MsgId::CfgTimezoneRule),
            Problem::DayStart => Message::new(MsgId::CfgDayStartRule),
            Problem::TerminalId => Message::new(MsgId::CfgTerminalIdRule),
            Problem::DataDir => Message::new(MsgId::CfgDataDirRule),
            Problem::Choice(words) => Message::new(MsgId::CfgMustBeOneOf).text(
                "words",
                words
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Problem::Whole { min, max, unit } => Message::new(MsgId::CfgMustBeWhole)
                .text("min", min)
                .text("max", max)
                .msg_of("unit", unit.message()),
            Problem::Number { min, max, unit } => Message::new(MsgId::CfgMustBeNumber)
                .text("min", min)
                .text("max", max)
                .msg_of("unit", unit.message()),
            Problem::UnknownDidYouMean(right) => {
                Message::new(MsgId::CfgDidYouMean).text("right", right)
            }
            Problem::Unknown(all) => Message::new(MsgId::CfgNotASetting).text("settings", all),
        }
    }
}

impl ConfigError {
    /// The error in words, in any language.
    pub fn message(&self) -> Message {
        match self {
            ConfigError::Read { path, source } => Message::new(MsgId::CfgErrRead)
                .text("path", path.display())
                .text("error", source),
            ConfigError::TooBig { path, bytes } => Message::new(MsgId::CfgErrTooBig)
                .text("path", path.display())
                .text("bytes", bytes),
            ConfigError::Setting {
                path,
                line,
                setting,
                problem,
            } => {
                let m = match setting {
                    Some(SettingName::Named(name)) => {
                        Message::new(MsgId::CfgErrSetting).text("setting", name)
                    }
                    Some(SettingName::Hidden) => Message::new(MsgId::CfgErrHiddenSetting),
                    None => Message::new(MsgId::CfgErrLine),
                };
                m.text("path", path.display())
                    .text("line", line)
                    .msg_of("problem", problem.message())
            }
            ConfigError::NoDataDir => Message::new(MsgId::CfgErrNoDataDir),
            ConfigError::BadDataDir => Message::new(MsgId::CfgErrDataDir),
            ConfigError::DataDirNoHome => Message::new(MsgId::CfgErrDataDirNoHome),
            ConfigError::BadApiUrl => Message::new(MsgId::CfgErrApiUrl),
            ConfigError::BadPracticeSpeed => Message::new(MsgId::CfgErrPracticeSpeed),
            ConfigError::BadLangEnv => Message::new(MsgId::CfgErrLangEnv),
            ConfigError::BadTerminalId => Message::new(MsgId::CfgErrTerminalId),
            ConfigError::CannotRecordTerminal { path, id } => {
                Message::new(MsgId::CfgErrRecordTerminal)
                    .text("path", path.display())
                    .text("id", id)
            }
            ConfigError::CannotWrite { path, source } => Message::new(MsgId::CfgErrWrite)
                .text("path", path.display())
                .text("error", source),
            ConfigError::BadTimezone => Message::new(MsgId::CfgErrTimezone),
            ConfigError::BadPrinter => Message::new(MsgId::CfgErrPrinter),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_lang(Lang::En))
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Read { source, .. } | ConfigError::CannotWrite { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}
