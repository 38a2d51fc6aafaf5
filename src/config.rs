//! Settings: where the API is, which key to use, where data lives, and the shop's rules.
//!
//! Precedence: command-line flag > environment > `config.toml` > default. The key comes from
//! `ONECLICKDZ_API_KEY` or the config file; with no key the app runs in **practice mode** against
//! the embedded sandbox emulator, with its own data directory so practice orders never mix with
//! real ones.

use crate::i18n::{self, Lang};

pub mod data_dir;
mod error;
mod file;
pub mod printer;

use crate::rules::PriceRule;
use crate::secret::ApiKey;
use crate::text::BidiMode;
use chrono::NaiveTime;
use chrono_tz::Tz;
pub use error::{ConfigError, Problem, SettingName, Unit};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use file::{FileConfig, MAX_CONFIG_BYTES, SETTINGS, Setting, default_whole, parse_text};
pub use printer::{PrinterSettings, PrinterTarget, ShopInfo};

pub use crate::api_url::DEFAULT_API_URL;

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
    /// The language in force for the commands, and where it came from (the counter screen
    /// may use the clerk's last choice instead: see [`i18n::Resolved::with_remembered`]).
    pub language: i18n::Resolved,
    pub poll_interval: Duration,
    pub unknown_recheck: Duration,
    pub plans_max_age: Duration,
    /// When the shop's day starts (the books and the `today` of every screen and command).
    pub day_starts_at: NaiveTime,
    /// The shop's time zone.
    pub timezone: Tz,
    /// Daily log files older than this many days are deleted.
    pub log_retention_days: u64,
    /// The terminal id the shop gave (`--terminal`, `FLEXY_TERMINAL` or config.toml), checked.
    pub terminal: Option<TerminalSetting>,
    /// The receipt printer (none unless `[printer] kind` names one).
    pub printer: PrinterSettings,
    /// The shop's name and address, at the head of every slip.
    pub shop: ShopInfo,
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
    /// `--lang`.
    pub lang: Option<Lang>,
    /// `--terminal`.
    pub terminal_id: Option<String>,
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
            Some(p) if p.exists() => file::read(p)?,
            Some(p) if over.config_file.is_some() => {
                return Err(ConfigError::Read {
                    path: p.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
                });
            }
            _ => FileConfig::default(),
        };
        let data_dir = resolve_data_dir(over, &env, &file)?;
        let key = env(ENV_API_KEY)
            .and_then(ApiKey::new)
            .or_else(|| file.api_key.as_deref().and_then(ApiKey::new));
        let api_url = over
            .api_url
            .clone()
            .or_else(|| env(ENV_API_URL))
            .or(file.api_url.clone())
            .unwrap_or_else(|| DEFAULT_API_URL.to_string());
        // The address is not shown: a key pasted in its place must not be printed.
        crate::api_url::check(&api_url).map_err(|_| ConfigError::BadApiUrl)?;
        let speed = match env(ENV_PRACTICE_SPEED) {
            Some(s) => match s.trim().parse::<f64>() {
                Ok(v) if file::in_range("practice.speed", v) => v,
                _ => {
                    return Err(ConfigError::BadPracticeSpeed);
                }
            },
            None => file.number("practice.speed"),
        };
        let mode = match key {
            Some(key) if !over.practice => Mode::Live { api_url, key },
            _ => Mode::Practice {
                speed,
                balance: file.whole("practice.balance").max(0),
            },
        };
        // Numbers from the file are already in range (see `SETTINGS`).
        let whole_u64 = |name| file.whole(name).max(0).unsigned_abs();
        let language = resolve_language(over.lang, &file, &env)?;
        let day_starts_at = file
            .day_starts_at
            .as_deref()
            .and_then(file::day_start)
            .unwrap_or(NaiveTime::MIN);
        let terminal = terminal_setting(over, &env, &file)?;
        let timezone = match file.timezone.as_deref().map(str::trim) {
            None => DEFAULT_TIMEZONE,
            Some(name) => parse_timezone(name)?,
        };
        let printer = PrinterSettings::from_file(&file)?;
        let shop = ShopInfo::from_file(&file);
        Ok(Config {
            printer,
            shop,
            day_starts_at,
            terminal,
            mode,
            data_dir,
            config_file,
            pricing: PriceRule {
                markup_percent: file.number("pricing.markup_percent"),
                round_up_to: u32::try_from(file.whole("pricing.round_up_to")).unwrap_or(1),
            }
            .sanitized(),
            bidi: file.bidi.unwrap_or_default(),
            language,
            poll_interval: Duration::from_secs(whole_u64("poll_interval_secs")),
            unknown_recheck: Duration::from_secs(whole_u64("unknown_recheck_minutes") * 60),
            plans_max_age: Duration::from_secs(whole_u64("plans_max_age_hours") * 3600),
            log_retention_days: whole_u64("log_retention_days"),
            timezone,
        })
    }
}

impl Config {
    /// The shop's days: the configured time zone and day start.
    pub fn shop_clock(&self) -> crate::rules::ShopClock {
        crate::rules::ShopClock::new(self.timezone, self.day_starts_at)
    }
}

/// `--data-dir`, `FLEXY_DATA_DIR`, `data_dir` (already checked with its line), or the
/// platform's: a full path, `~` expanded (see [`data_dir`]).
fn resolve_data_dir(
    over: &Overrides,
    env: &impl Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Result<PathBuf, ConfigError> {
    let given = over
        .data_dir
        .clone()
        .or_else(|| env(ENV_DATA_DIR).map(PathBuf::from));
    // The file's value was already checked, with its line, when the file was read.
    let Some(raw) = given.or_else(|| file.data_dir.clone()) else {
        return default_data_dir().ok_or(ConfigError::NoDataDir);
    };
    data_dir::resolve(&raw, data_dir::home_dir().as_deref()).map_err(|p| match p {
        data_dir::DataDirProblem::NoHome => ConfigError::DataDirNoHome,
        _ => ConfigError::BadDataDir,
    })
}

/// The language to say that the config is wrong in: `--lang`, `FLEXY_LANG`, the locale (the
/// file could not be read).
pub fn language_without_file(over: &Overrides) -> Lang {
    let env = |k: &str| std::env::var(k).ok();
    let from_env = env(i18n::ENV_LANG).and_then(|v| v.parse::<Lang>().ok());
    i18n::resolve(over.lang, from_env, None, &env).lang
}

/// `--lang`, `FLEXY_LANG`, `language` in the file, the locale: a bad value is an error that
/// says what to use, not a silent fallback.
fn resolve_language(
    flag: Option<Lang>,
    file: &FileConfig,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<i18n::Resolved, ConfigError> {
    let from_env = match env(i18n::ENV_LANG).filter(|v| !v.trim().is_empty()) {
        Some(v) => Some(
            // Not shown: config errors never print a value.
            v.parse::<Lang>().map_err(|_| ConfigError::BadLangEnv)?,
        ),
        None => None,
    };
    // The file's value is already one of the three (see `file::SETTINGS`).
    let from_file = file
        .language
        .as_deref()
        .and_then(|v| v.parse::<Lang>().ok());
    Ok(i18n::resolve(flag, from_env, from_file, env))
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
    // Not shown: config errors never print a value.
    crate::rules::till_id::check_terminal_id(&id).map_err(|_| ConfigError::BadTerminalId)?;
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
    let current = file::parse(path, &existing)?.terminal_id;
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
    let check = file::parse(path, &text);
    if check.ok().and_then(|f| f.terminal_id).as_deref() != Some(id) {
        return Err(ConfigError::CannotRecordTerminal {
            path: path.to_path_buf(),
            id: id.to_string(),
        });
    }
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_files::create_dir_all(dir)?;
        }
        crate::fsync::write_atomically(path, text.as_bytes())
    };
    write().map_err(|source| ConfigError::CannotWrite {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(true)
}

/// An IANA zone name (`Africa/Algiers`, `Europe/Paris`, `UTC`), or a clear error.
pub fn parse_timezone(name: &str) -> Result<Tz, ConfigError> {
    // The name is not shown: config errors never print a value.
    name.parse::<Tz>().map_err(|_| ConfigError::BadTimezone)
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
    fn language_comes_from_flag_env_file_or_locale_and_bad_values_say_what_to_use() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        let mut o = over(d.path());
        o.config_file = Some(p.clone());
        std::fs::write(&p, "language = \"ar\"\n").unwrap();
        let c = Config::load_with(&o, env_of(&[("LANG", "en_US.UTF-8")])).unwrap();
        assert_eq!(c.language.lang, Lang::Ar);
        assert_eq!(c.language.source, i18n::LangSource::ConfigFile);
        let c = Config::load_with(&o, env_of(&[(i18n::ENV_LANG, "en")])).unwrap();
        assert_eq!(c.language.lang, Lang::En);
        o.lang = Some(Lang::Fr);
        let c = Config::load_with(&o, env_of(&[(i18n::ENV_LANG, "en")])).unwrap();
        assert_eq!(c.language.lang, Lang::Fr);
        o.lang = None;

        std::fs::write(&p, "language = \"de\"\n").unwrap();
        let e = Config::load_with(&o, env_of(&[])).unwrap_err().to_string();
        assert!(
            e.contains("`language`")
                && e.contains("\"fr\", \"ar\", \"en\"")
                && !e.contains("\"de\""),
            "{e}"
        );
        std::fs::write(&p, "").unwrap();
        let e = Config::load_with(&o, env_of(&[(i18n::ENV_LANG, "kab")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("FLEXY_LANG") && e.contains("fr, ar or en"),
            "{e}"
        );
        let c = Config::load_with(&o, env_of(&[("LC_ALL", "C"), ("LANG", "ar_DZ.UTF-8")])).unwrap();
        assert_eq!(c.language.lang, Lang::Fr, "LC_ALL=C decides: the default");
        let c = Config::load_with(&o, env_of(&[("LC_MESSAGES", "ar_DZ.UTF-8")])).unwrap();
        assert_eq!(c.language.lang, Lang::Ar);
    }

    #[test]
    fn the_day_start_is_a_morning_time() {
        assert_eq!(file::day_start("04:00"), NaiveTime::from_hms_opt(4, 0, 0));
        assert_eq!(
            file::day_start(" 00:30 "),
            NaiveTime::from_hms_opt(0, 30, 0)
        );
        for bad in ["4", "25:00", "13:00", "04:60", "noon", ""] {
            assert_eq!(file::day_start(bad), None, "{bad}");
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
        let e = Config::load_with(&o, env_of(&[])).unwrap_err().to_string();
        assert!(e.contains("day_starts_at") && e.contains("12:00"), "{e}");
        assert!(!e.contains("18:00"), "the value is not echoed: {e}");
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
        let f = file::read(&q).unwrap();
        assert_eq!(f.terminal_id.as_deref(), Some("till8"));
        assert_eq!(f.whole("poll_interval_secs"), 7);
        assert_eq!(f.number("pricing.markup_percent"), 3.0);
        // Not a regular file: a folder, and /dev/null (Unix only).
        assert!(!remember_terminal_id(d.path(), "x", None).unwrap());
        #[cfg(unix)]
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
            e.contains("`timezone`") && e.contains("time zone") && e.contains("line 1"),
            "{e}"
        );
        assert!(!e.contains("Algeirs"), "the value is not printed: {e}");
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

    const SECRET: &str = "5a4db0c5-f1e0-4c1d-8e57-0ac1d2009f3e";

    /// The error `text` (a whole config.toml) gives, or None when it loads.
    fn error_of(text: &str) -> Option<String> {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        std::fs::write(&p, text).unwrap();
        let o = Overrides {
            config_file: Some(p),
            ..over(d.path())
        };
        Config::load_with(&o, env_of(&[]))
            .err()
            .map(|e| e.to_string())
    }

    fn assert_no_secret(e: &str) {
        assert!(!e.contains(SECRET), "the value is printed: {e}");
        assert!(
            !e.contains(&SECRET[..8]),
            "part of the value is printed: {e}"
        );
        assert!(
            !e.contains(&SECRET[SECRET.len() - 8..]),
            "part of the value: {e}"
        );
    }

    #[test]
    fn a_mistyped_key_name_names_the_setting_and_line_never_the_value() {
        for name in ["apikey", "API_KEY", "api-key", "Api_Key", "api_kye"] {
            let text = format!("# my till\n\n{name} = \"{SECRET}\"\n");
            let e = error_of(&text).unwrap_or_else(|| panic!("{name} was accepted"));
            assert_no_secret(&e);
            assert!(e.contains(name), "names the setting as written: {e}");
            assert!(e.contains("line 3"), "names the line: {e}");
            assert!(e.contains("api_key"), "suggests the right name: {e}");
        }
        let e = error_of("[pricing]\nmarkup-percent = 3\n").unwrap();
        assert!(
            e.contains("line 2") && e.contains("markup_percent"),
            "a section's settings are suggested too: {e}"
        );
    }

    #[test]
    fn no_config_error_prints_a_value() {
        let cases = [
            format!("poll_interval_secs = \"{SECRET}\"\n"),
            format!("api_url = \"{SECRET}\"\n"),
            format!("api_url = \"http://{SECRET}.example\"\n"),
            format!("bidi = \"{SECRET}\"\n"),
            format!("data_dir = 5\napi_key = 7\n# {SECRET}\n"),
            format!("[pricing]\nmarkup_percent = \"{SECRET}\"\n"),
            format!("api_key = {SECRET}\n"),
            format!("api_key = \"{SECRET}\n"),
            format!("api_key = \"{SECRET}\" extra\n"),
            format!("api_key = \"{SECRET}\"\napi_key = \"{SECRET}\"\n"),
            format!("\"{SECRET}\" = 1\n"),
            format!("{SECRET} = 1\n"),
            format!("[{SECRET}]\n"),
            format!("[practice]\nbalance = \"{SECRET}\"\n"),
            format!("{SECRET}\n"),
        ];
        for text in &cases {
            let e = error_of(text).unwrap_or_else(|| panic!("accepted: {text}"));
            assert_no_secret(&e);
            assert!(e.contains("line "), "names the line: {e}");
        }
    }

    #[test]
    fn every_number_is_range_checked() {
        let bad = [
            (
                "plans_max_age_hours = 5124095576030432\n",
                "plans_max_age_hours",
            ),
            ("plans_max_age_hours = 0\n", "plans_max_age_hours"),
            ("plans_max_age_hours = -3\n", "plans_max_age_hours"),
            ("plans_max_age_hours = 99999999999999999999999\n", "line 1"),
            ("poll_interval_secs = 4\n", "poll_interval_secs"),
            ("poll_interval_secs = 11\n", "poll_interval_secs"),
            ("poll_interval_secs = 5.5\n", "poll_interval_secs"),
            ("unknown_recheck_minutes = 0\n", "unknown_recheck_minutes"),
            (
                "unknown_recheck_minutes = 1441\n",
                "unknown_recheck_minutes",
            ),
            ("[pricing]\nmarkup_percent = nan\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = inf\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = -inf\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = -1e308\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = 1e308\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = -1\n", "markup_percent"),
            ("[pricing]\nmarkup_percent = 100.5\n", "markup_percent"),
            ("[pricing]\nround_up_to = 0\n", "round_up_to"),
            ("[pricing]\nround_up_to = 4294967296\n", "round_up_to"),
            ("[pricing]\nround_up_to = 1001\n", "round_up_to"),
            ("[practice]\nbalance = -1\n", "balance"),
            ("[practice]\nbalance = 9223372036854775807\n", "balance"),
            ("[practice]\nspeed = 0\n", "speed"),
            ("[practice]\nspeed = nan\n", "speed"),
            ("[practice]\nspeed = inf\n", "speed"),
            ("[practice]\nspeed = -2\n", "speed"),
            ("[practice]\nspeed = 1e9\n", "speed"),
        ];
        for (text, setting) in bad {
            let e = error_of(text).unwrap_or_else(|| panic!("accepted: {text}"));
            assert!(e.contains(setting), "{text}: {e}");
            assert!(e.contains("line "), "{text}: {e}");
        }
        let good = [
            "plans_max_age_hours = 1\n",
            "plans_max_age_hours = 720\n",
            "poll_interval_secs = 10\n",
            "unknown_recheck_minutes = 1440\n",
            "[pricing]\nmarkup_percent = 0\nround_up_to = 1\n",
            "[pricing]\nmarkup_percent = 100.0\nround_up_to = 1000\n",
            "[practice]\nbalance = 0\nspeed = 100000\n",
        ];
        for text in good {
            assert_eq!(error_of(text), None, "{text}");
        }
    }

    #[test]
    fn a_config_over_1_mb_is_refused_before_it_is_read() {
        let line = "# a comment line that pads the config file out to its limit\n";
        let text = line.repeat((1024 * 1024) / line.len() + 1);
        assert!(text.len() > 1024 * 1024);
        let e = error_of(&text).expect("refused");
        assert!(e.contains("1 MB"), "{e}");
        let text = line.repeat((1024 * 1024 - 100) / line.len());
        assert_eq!(error_of(&text), None, "just under 1 MB is fine");
    }
}
