//! Settings: where the API is, which key to use, where data lives, and the shop's rules.
//!
//! Precedence: command-line flag > environment > `config.toml` > default. The key comes from
//! `ONECLICKDZ_API_KEY` or the config file; with no key the app runs in **practice mode** against
//! the embedded sandbox emulator, with its own data directory so practice orders never mix with
//! real ones.

use crate::rules::PriceRule;
use crate::secret::ApiKey;
use crate::text::BidiMode;
use chrono::NaiveTime;
use chrono_tz::Tz;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::api::client::DEFAULT_API_URL;

pub const ENV_API_KEY: &str = "ONECLICKDZ_API_KEY";
pub const ENV_API_URL: &str = "FLEXY_API_URL";
pub const ENV_DATA_DIR: &str = "FLEXY_DATA_DIR";
pub const ENV_CONFIG: &str = "FLEXY_CONFIG";
/// This till's terminal id (also `--terminal`), the first part of every ref it sends.
pub const ENV_TERMINAL: &str = "FLEXY_TERMINAL";
/// Scales every delay of the embedded practice emulator (tests and demos use > 1).
pub const ENV_PRACTICE_SPEED: &str = "FLEXY_PRACTICE_SPEED";

/// The example config shipped in `assets/` (also what `flexy-pos config --example` prints).
pub const EXAMPLE_CONFIG: &str = include_str!("../assets/config.example.toml");

/// `config.toml` as written by the shop. Every field is optional; unknown fields are an error
/// (a typo like `markup_precent` should not be silently ignored).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub api_key: Option<String>,
    pub api_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    #[serde(default)]
    pub pricing: Option<PriceRule>,
    pub bidi: Option<BidiMode>,
    pub poll_interval_secs: Option<u64>,
    pub unknown_recheck_minutes: Option<u64>,
    pub plans_max_age_hours: Option<u64>,
    /// When the shop's day starts, `HH:MM` (a shop open past midnight: `"04:00"`).
    pub day_starts_at: Option<String>,
    /// This till's terminal id: written here by flexy-pos itself, so the till still knows its
    /// own refs after its order store is lost.
    pub terminal_id: Option<String>,
    /// The shop's time zone (IANA name): times shown and `day` filters, screen and CLI alike.
    pub timezone: Option<String>,
    #[serde(default)]
    pub practice: PracticeFile,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeFile {
    /// Starting balance of the practice account, in dinars.
    pub balance: Option<i64>,
    /// Time scale of the practice emulator (1.0 = the real sandbox timings).
    pub speed: Option<f64>,
}

/// How the app talks to OneClickDz.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// No key: the embedded sandbox emulator, started in-process.
    Practice { speed: f64, balance: i64 },
    /// A real key (sandbox or production: `/v3/validate` tells which).
    Live { api_url: String, key: ApiKey },
}

/// Everything resolved, ready to use.
#[derive(Clone, Debug)]
pub struct Config {
    pub mode: Mode,
    /// Root data dir; orders live in `store_dir()`.
    pub data_dir: PathBuf,
    pub config_file: Option<PathBuf>,
    pub pricing: PriceRule,
    pub bidi: BidiMode,
    pub poll_interval: Duration,
    pub unknown_recheck: Duration,
    pub plans_max_age: Duration,
    /// When the shop's day starts (the books and the `today` of every screen and command).
    pub day_starts_at: NaiveTime,
    /// The shop's time zone.
    pub timezone: Tz,
    /// The terminal id the shop gave (`--terminal`, `FLEXY_TERMINAL` or config.toml), checked.
    pub terminal: Option<TerminalSetting>,
}

/// A terminal id given by the shop, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalSetting {
    pub id: String,
    /// `--terminal` / `FLEXY_TERMINAL` (else config.toml).
    pub from_flag: bool,
    /// Whether config.toml already holds a terminal id (then it is never rewritten).
    pub in_file: bool,
}

impl TerminalSetting {
    pub fn source(&self) -> &'static str {
        if self.from_flag {
            "--terminal"
        } else {
            "config.toml"
        }
    }
}

/// The shop's time zone when the config names none (Algeria: UTC+1, no daylight saving time).
pub const DEFAULT_TIMEZONE: Tz = Tz::Africa__Algiers;

/// What the command line said (flags override everything).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub api_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub config_file: Option<PathBuf>,
    /// Force practice mode even when a key is configured.
    pub practice: bool,
    /// `--terminal`.
    pub terminal_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
}

impl Config {
    pub fn is_practice(&self) -> bool {
        matches!(self.mode, Mode::Practice { .. })
    }

    /// Orders of practice and live modes never share a database.
    pub fn store_dir(&self) -> PathBuf {
        match self.mode {
            Mode::Practice { .. } => self.data_dir.join("practice").join("store"),
            Mode::Live { .. } => self.data_dir.join("live").join("store"),
        }
    }

    /// Where the embedded emulator keeps its balance and orders between runs.
    pub fn practice_state_file(&self) -> PathBuf {
        self.data_dir.join("practice").join("emulator-state.json")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.data_dir.join("logs")
    }

    /// Loads from the environment and the config file, then applies the command-line overrides.
    pub fn load(over: &Overrides) -> Result<Config, ConfigError> {
        Self::load_with(over, |k| std::env::var(k).ok())
    }

    /// [`Config::load`] with an injectable environment (for tests).
    pub fn load_with(
        over: &Overrides,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let config_file = over
            .config_file
            .clone()
            .or_else(|| env(ENV_CONFIG).map(PathBuf::from))
            .or_else(default_config_path);
        let file = match &config_file {
            Some(p) if p.exists() => read_file_config(p)?,
            Some(p) if over.config_file.is_some() => {
                return Err(ConfigError::Read {
                    path: p.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
                });
            }
            _ => FileConfig::default(),
        };
        let data_dir = over
            .data_dir
            .clone()
            .or_else(|| env(ENV_DATA_DIR).map(PathBuf::from))
            .or(file.data_dir.clone())
            .or_else(default_data_dir)
            .ok_or_else(|| {
                ConfigError::Invalid(format!(
                    "no data directory: set --data-dir or {ENV_DATA_DIR}"
                ))
            })?;
        let key = env(ENV_API_KEY)
            .and_then(ApiKey::new)
            .or_else(|| file.api_key.as_deref().and_then(ApiKey::new));
        let api_url = over
            .api_url
            .clone()
            .or_else(|| env(ENV_API_URL))
            .or(file.api_url.clone())
            .unwrap_or_else(|| DEFAULT_API_URL.to_string());
        crate::api::client::check_base_url(&api_url)
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        let speed = match env(ENV_PRACTICE_SPEED) {
            Some(s) => s.trim().parse::<f64>().map_err(|_| {
                ConfigError::Invalid(format!("{ENV_PRACTICE_SPEED}='{s}' is not a number"))
            })?,
            None => file.practice.speed.unwrap_or(1.0),
        };
        if !(speed.is_finite() && speed > 0.0 && speed <= 100_000.0) {
            return Err(ConfigError::Invalid(format!(
                "practice speed {speed} must be between 0 and 100000"
            )));
        }
        let mode = match key {
            Some(key) if !over.practice => Mode::Live { api_url, key },
            _ => Mode::Practice {
                speed,
                balance: file.practice.balance.unwrap_or(100_000).max(0),
            },
        };
        let poll = file.poll_interval_secs.unwrap_or(5);
        if !(5..=10).contains(&poll) {
            return Err(ConfigError::Invalid(format!(
                "poll_interval_secs = {poll}: must be between 5 and 10 (the API asks for 5–10 s)"
            )));
        }
        let recheck = file.unknown_recheck_minutes.unwrap_or(60);
        if !(1..=1440).contains(&recheck) {
            return Err(ConfigError::Invalid(format!(
                "unknown_recheck_minutes = {recheck}: must be between 1 and 1440 (daily)"
            )));
        }
        let day_starts_at = match &file.day_starts_at {
            Some(s) => parse_day_start(s)?,
            None => NaiveTime::MIN,
        };
        let terminal = terminal_setting(over, &env, &file)?;
        let timezone = match file.timezone.as_deref().map(str::trim) {
            None => DEFAULT_TIMEZONE,
            Some(name) => parse_timezone(name)?,
        };
        Ok(Config {
            day_starts_at,
            terminal,
            mode,
            data_dir,
            config_file,
            pricing: file.pricing.unwrap_or_default().sanitized(),
            bidi: file.bidi.unwrap_or_default(),
            poll_interval: Duration::from_secs(poll),
            unknown_recheck: Duration::from_secs(recheck * 60),
            plans_max_age: Duration::from_secs(
                file.plans_max_age_hours.unwrap_or(24).max(1) * 3600,
            ),
            timezone,
        })
    }
}

impl Config {
    /// The shop's days: the configured time zone and day start.
    pub fn shop_clock(&self) -> crate::books::ShopClock {
        crate::books::ShopClock::new(self.timezone, self.day_starts_at)
    }
}

/// `day_starts_at`: `HH:MM` from `00:00` to `12:00` (a day that started after noon would put
/// most of a day's sales in the next day).
fn parse_day_start(s: &str) -> Result<NaiveTime, ConfigError> {
    let bad = || {
        ConfigError::Invalid(format!(
            "day_starts_at = \"{s}\": give a time from \"00:00\" to \"12:00\", e.g. \"04:00\" \
             for a shop open past midnight"
        ))
    };
    let t = NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad())?;
    if t > NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN) {
        return Err(bad());
    }
    Ok(t)
}

/// The terminal id from `--terminal`, `FLEXY_TERMINAL` or the file, checked to be exactly what
/// refs carry.
fn terminal_setting(
    over: &Overrides,
    env: &impl Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Result<Option<TerminalSetting>, ConfigError> {
    let in_file = file.terminal_id.is_some();
    let (id, from_flag) = match (
        over.terminal_id.clone().or_else(|| env(ENV_TERMINAL)),
        &file.terminal_id,
    ) {
        (Some(flag), _) => (flag, true),
        (None, Some(f)) => (f.clone(), false),
        (None, None) => return Ok(None),
    };
    let id = id.trim().to_string();
    crate::ledger::reference::check_terminal_id(&id).map_err(ConfigError::Invalid)?;
    Ok(Some(TerminalSetting {
        id,
        from_flag,
        in_file,
    }))
}

/// Writes this till's terminal id into config.toml (creating the file if needed), so the till
/// still knows its own refs when its order store is gone. A file that already names an id is
/// left alone, unless that id is `replacing` (a made-up id the store dropped), whose line is
/// then rewritten. A path that is not a regular file (`/dev/null`) is left alone. The write is
/// atomic and synced. Returns whether the file was written.
pub fn remember_terminal_id(
    path: &Path,
    id: &str,
    replacing: Option<&str>,
) -> Result<bool, ConfigError> {
    let read_err = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let existing = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Ok(false),
        Ok(_) => std::fs::read_to_string(path).map_err(read_err)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(read_err(e)),
    };
    let current = toml::from_str::<FileConfig>(&existing)
        .map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: redact_key_lines(&e.to_string()),
        })?
        .terminal_id;
    let line = format!("terminal_id = \"{id}\"");
    let text = match current.as_deref() {
        None => format!(
            // Top-level keys must come before the first [table], so the line goes first.
            "# This till's terminal id, the start of every ref it sends. Written by flexy-pos:\n\
             # keep it when moving to a new PC (`flexy-pos sync --since` then knows this till's\n\
             # orders from the others').\n{line}\n\n{existing}"
        ),
        Some(old) if Some(old) == replacing && old != id => {
            existing
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("terminal_id") {
                        line.as_str()
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        Some(_) => return Ok(false),
    };
    // Never write a file that would not read back as this id.
    let check: Result<FileConfig, _> = toml::from_str(&text);
    if check.ok().and_then(|f| f.terminal_id).as_deref() != Some(id) {
        return Err(ConfigError::Invalid(format!(
            "cannot put terminal_id into {}: edit it by hand (terminal_id = \"{id}\")",
            path.display()
        )));
    }
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        crate::fsync::write_atomically(path, text.as_bytes())
    };
    write().map_err(|e| ConfigError::Invalid(format!("cannot write {}: {e}", path.display())))?;
    Ok(true)
}

/// An IANA zone name (`Africa/Algiers`, `Europe/Paris`, `UTC`), or a clear error.
pub fn parse_timezone(name: &str) -> Result<Tz, ConfigError> {
    name.parse::<Tz>().map_err(|_| {
        ConfigError::Invalid(format!(
            "timezone = '{}': not a time zone name; use an IANA name such as \"Africa/Algiers\"",
            crate::text::sanitize_line(name)
        ))
    })
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("dz", "flexy-pos", "flexy-pos")
}

pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

fn default_data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

fn read_file_config(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        // toml's message quotes the offending line; a line holding the key must not be echoed.
        message: redact_key_lines(&e.to_string()),
    })
}

fn redact_key_lines(message: &str) -> String {
    message
        .lines()
        .map(|l| {
            if l.contains("api_key") {
                "  | api_key = ••••"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let v: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        move |k| v.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone())
    }

    fn over(dir: &Path) -> Overrides {
        Overrides {
            data_dir: Some(dir.to_path_buf()),
            config_file: Some(dir.join("none.toml")),
            ..Default::default()
        }
    }

    #[test]
    fn no_key_means_practice_with_its_own_store() {
        let d = tempfile::tempdir().unwrap();
        let mut o = over(d.path());
        o.config_file = None;
        let c = Config::load_with(&o, env_of(&[(ENV_CONFIG, "/nonexistent/c.toml")])).unwrap();
        assert!(c.is_practice());
        assert!(c.store_dir().ends_with("practice/store"));
        let c = Config::load_with(
            &o,
            env_of(&[
                (ENV_API_KEY, "abc-123"),
                (ENV_CONFIG, "/nonexistent/c.toml"),
            ]),
        )
        .unwrap();
        assert!(!c.is_practice());
        assert!(c.store_dir().ends_with("live/store"));
    }

    #[test]
    fn config_file_is_read_and_checked() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        std::fs::write(
            &p,
            "api_key = \"secret-key-1234567890\"\nbidi = \"terminal\"\n[pricing]\nmarkup_percent = 3.0\nround_up_to = 10\n",
        )
        .unwrap();
        let mut o = over(d.path());
        o.config_file = Some(p.clone());
        let c = Config::load_with(&o, env_of(&[])).unwrap();
        assert_eq!(c.bidi, BidiMode::Terminal);
        assert_eq!(c.pricing.round_up_to, 10);
        match &c.mode {
            Mode::Live { key, api_url } => {
                assert_eq!(key.expose_for_header(), "secret-key-1234567890");
                assert_eq!(api_url, DEFAULT_API_URL);
            }
            m => panic!("expected live mode, got {m:?}"),
        }
        assert!(!format!("{c:?}").contains("secret-key-1234567890"));

        std::fs::write(
            &p,
            "api_key = \"secret-key-1234567890\"\nmarkup_precent = 3\n",
        )
        .unwrap();
        let e = Config::load_with(&o, env_of(&[])).unwrap_err().to_string();
        assert!(e.contains("markup_precent"), "{e}");
        assert!(!e.contains("secret-key-1234567890"), "{e}");
    }

    #[test]
    fn the_day_start_is_a_morning_time() {
        assert_eq!(
            parse_day_start("04:00").unwrap(),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap()
        );
        assert_eq!(
            parse_day_start(" 00:30 ").unwrap(),
            NaiveTime::from_hms_opt(0, 30, 0).unwrap()
        );
        for bad in ["4", "25:00", "13:00", "04:60", "noon", ""] {
            let e = parse_day_start(bad).unwrap_err().to_string();
            assert!(
                e.contains("day_starts_at") && e.contains("12:00"),
                "{bad}: {e}"
            );
        }
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.toml");
        std::fs::write(&p, "day_starts_at = \"04:00\"\n").unwrap();
        let o = Overrides {
            config_file: Some(p.clone()),
            ..over(d.path())
        };
        let c = Config::load_with(&o, env_of(&[])).unwrap();
        assert_eq!(
            c.shop_clock().day_start(),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap()
        );
        std::fs::write(&p, "day_starts_at = \"18:00\"\n").unwrap();
        assert!(Config::load_with(&o, env_of(&[])).is_err());
    }

    #[test]
    fn the_terminal_id_comes_from_the_flag_then_the_file_and_is_written_back_once() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub").join("config.toml");
        let mut o = over(d.path());
        o.config_file = None;
        let path_text = p.to_str().unwrap().to_string();
        let env = move |k: &str| (k == ENV_CONFIG).then(|| path_text.clone());
        assert_eq!(Config::load_with(&o, &env).unwrap().terminal, None);
        assert!(remember_terminal_id(&p, "till7", None).unwrap(), "created");
        let t = Config::load_with(&o, &env).unwrap().terminal.unwrap();
        assert_eq!(
            (t.id.as_str(), t.from_flag, t.in_file),
            ("till7", false, true)
        );
        assert!(
            !remember_terminal_id(&p, "other", None).unwrap(),
            "never rewritten"
        );
        assert!(!remember_terminal_id(&p, "other", Some("nope")).unwrap());
        assert!(
            remember_terminal_id(&p, "other", Some("till7")).unwrap(),
            "a made-up id is replaced"
        );
        let t = Config::load_with(&o, &env).unwrap().terminal.unwrap();
        assert_eq!(t.id, "other");
        // Existing settings and tables survive; the id goes before the first table.
        let q = d.path().join("c.toml");
        std::fs::write(
            &q,
            "poll_interval_secs = 7\n[pricing]\nmarkup_percent = 3.0\n",
        )
        .unwrap();
        assert!(remember_terminal_id(&q, "till8", None).unwrap());
        let f = read_file_config(&q).unwrap();
        assert_eq!(f.terminal_id.as_deref(), Some("till8"));
        assert_eq!(f.poll_interval_secs, Some(7));
        assert_eq!(f.pricing.unwrap().markup_percent, 3.0);
        assert!(!remember_terminal_id(Path::new("/dev/null"), "x", None).unwrap());

        o.terminal_id = Some("flag1".into());
        let t = Config::load_with(&o, &env).unwrap().terminal.unwrap();
        assert_eq!(
            (t.id.as_str(), t.from_flag, t.in_file),
            ("flag1", true, true)
        );
        o.terminal_id = Some("Shop 1".into());
        let e = Config::load_with(&o, &env).unwrap_err().to_string();
        assert!(e.contains("a-z and 0-9"), "{e}");
    }

    #[test]
    fn the_time_zone_defaults_to_algiers_and_a_bad_name_is_a_clear_error() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.toml");
        let o = Overrides {
            config_file: Some(p.clone()),
            ..over(d.path())
        };
        std::fs::write(&p, "").unwrap();
        assert_eq!(
            Config::load_with(&o, env_of(&[])).unwrap().timezone,
            DEFAULT_TIMEZONE
        );
        std::fs::write(&p, "timezone = \"Europe/Paris\"\n").unwrap();
        assert_eq!(
            Config::load_with(&o, env_of(&[])).unwrap().timezone,
            Tz::Europe__Paris
        );
        std::fs::write(&p, "timezone = \"Africa/Algeirs\"\n").unwrap();
        let e = Config::load_with(&o, env_of(&[])).unwrap_err().to_string();
        assert!(
            e.contains("Africa/Algeirs") && e.contains("time zone"),
            "{e}"
        );
    }

    #[test]
    fn example_config_parses() {
        let f: FileConfig = toml::from_str(EXAMPLE_CONFIG).unwrap();
        assert!(f.api_key.is_none(), "the example must not carry a key");
    }

    #[test]
    fn refuses_plain_http_to_remote_hosts_and_bad_polling() {
        let d = tempfile::tempdir().unwrap();
        let mut o = over(d.path());
        o.api_url = Some("http://api.oneclickdz.com".into());
        assert!(Config::load_with(&o, env_of(&[])).is_err());
        let p = d.path().join("c.toml");
        std::fs::write(&p, "poll_interval_secs = 1\n").unwrap();
        let o = Overrides {
            config_file: Some(p),
            ..over(d.path())
        };
        assert!(Config::load_with(&o, env_of(&[])).is_err());
    }
}
