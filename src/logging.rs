//! Logs go to a file in the data directory, never to the terminal the app draws on.
//!
//! Level from `FLEXY_LOG` (e.g. `debug`, `flexy_pos=trace`), default `info`. Nothing logged
//! ever holds the API key: the key type masks itself and the client never logs headers.
//!
//! A log file that cannot be opened (a folder in its place, no permission, a full disk) never
//! stops the till: the caller says where logs go instead ([`Fallback`]) and gets a warning to
//! show.

use crate::i18n::{Message, MsgId};
use chrono::NaiveDate;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The log file's name (the appender adds the UTC day: `flexy-pos.log.2026-11-23`).
pub const LOG_FILE_PREFIX: &str = "flexy-pos.log";

/// Where logs go when the file cannot be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// Headless commands: stderr (warnings and errors only, unless `FLEXY_LOG` says more).
    Stderr,
    /// The counter screen owns the terminal: no logs at all.
    Nothing,
}

/// What logging was set up. Keep it alive until exit so buffered lines are written.
pub struct Logging {
    _guard: Option<WorkerGuard>,
    /// Why the log file is not used; `None` when it is.
    pub warning: Option<LogWarning>,
}

/// The log file could not be opened: which, why (the system's words), and where logs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogWarning {
    /// `<dir>/flexy-pos.log`, the day is added to it.
    pub file: std::path::PathBuf,
    pub reason: String,
    pub fallback: Fallback,
}

impl LogWarning {
    /// The warning for the person at the till, in their language.
    pub fn message(&self) -> Message {
        let id = match self.fallback {
            Fallback::Stderr => MsgId::LogToStderr,
            Fallback::Nothing => MsgId::LogNoFile,
        };
        Message::new(id)
            .text("file", format!("{}.<day>", self.file.display()))
            .text("reason", &self.reason)
    }
}

/// Starts logging to `<dir>/flexy-pos.log.<day>`, or to the fallback when that file cannot
/// be opened. Day files older than `keep_days` are deleted now and at each new day (they name
/// customers' numbers; a till open for months would otherwise keep them all).
pub fn init(dir: &Path, fallback: Fallback, keep_days: u64) -> Logging {
    let filter = |default: &str| {
        EnvFilter::try_from_env("FLEXY_LOG").unwrap_or_else(|_| EnvFilter::new(default))
    };
    let reason = match open_file(dir, keep_days) {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter("info"))
                .with_writer(writer)
                .with_ansi(false)
                .try_init();
            return Logging {
                _guard: Some(guard),
                warning: None,
            };
        }
        Err(reason) => reason,
    };
    let warning = LogWarning {
        file: dir.join(LOG_FILE_PREFIX),
        reason,
        fallback,
    };
    if fallback == Fallback::Stderr {
        let (writer, guard) = tracing_appender::non_blocking(std::io::stderr());
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter("warn"))
            .with_writer(writer)
            .with_ansi(false)
            .try_init();
        return Logging {
            _guard: Some(guard),
            warning: Some(warning),
        };
    }
    Logging {
        _guard: None,
        warning: Some(warning),
    }
}

/// The daily log file, or why it cannot be opened (never a panic).
fn open_file(dir: &Path, keep_days: u64) -> Result<DailyFile, String> {
    crate::private_files::create_dir_all(dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut file = DailyFile {
        dir: dir.to_path_buf(),
        day: None,
        file: None,
        keep_days,
    };
    file.file_for(chrono::Utc::now().date_naive())
        .map_err(|e| e.to_string())?;
    Ok(file)
}

/// `<dir>/flexy-pos.log.<UTC day>`, a new file each day. tracing-appender's own rolling file
/// prints its errors (a file it cannot create at midnight) to stderr, which is the counter
/// screen; this one says nothing there: a day whose file cannot be opened or written loses its
/// lines until it can, and selling goes on.
struct DailyFile {
    dir: PathBuf,
    day: Option<NaiveDate>,
    file: Option<File>,
    /// Day files older than this many days are deleted.
    keep_days: u64,
}

impl DailyFile {
    fn file_for(&mut self, day: NaiveDate) -> std::io::Result<&mut File> {
        if self.day != Some(day) {
            self.file = None;
            self.day = Some(day);
            remove_old_days(&self.dir, day, self.keep_days);
        }
        let file = match self.file.take() {
            Some(f) => f,
            // Logs name customers' numbers: private, like the store.
            None => {
                crate::private_files::private(std::fs::OpenOptions::new().create(true).append(true))
                    .open(
                        self.dir
                            .join(format!("{LOG_FILE_PREFIX}.{}", day.format("%Y-%m-%d"))),
                    )?
            }
        };
        Ok(self.file.insert(file))
    }

    /// Writes `buf` to the file of `day`; an error loses the line, quietly.
    fn write_on(&mut self, day: NaiveDate, buf: &[u8]) {
        if let Ok(f) = self.file_for(day)
            && f.write_all(buf).is_err()
        {
            // Opened again for the next line (the file may be back, or space freed).
            self.file = None;
        }
    }
}

/// Deletes the day files of `dir` older than `keep_days` before `today` (by the day in their
/// name; other files are left alone). Errors are ignored: the next day tries again.
fn remove_old_days(dir: &Path, today: NaiveDate, keep_days: u64) {
    let Some(oldest) = today.checked_sub_days(chrono::Days::new(keep_days)) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{LOG_FILE_PREFIX}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let day = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if day.is_some_and(|d| d < oldest) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Write for DailyFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_on(chrono::Utc::now().date_naive(), buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new file each day; a day whose file cannot be opened loses its lines without an error
    /// (nothing reaches the screen), and the next day logs again.
    #[test]
    fn each_day_has_its_file_and_a_bad_day_is_skipped_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let path = |d: u32| dir.path().join(format!("flexy-pos.log.2026-12-{d:02}"));
        let mut log = DailyFile {
            dir: dir.path().to_path_buf(),
            day: None,
            file: None,
            keep_days: 30,
        };
        log.write_on(day(1), b"one\n");
        log.write_on(day(1), b"two\n");
        std::fs::create_dir(path(2)).unwrap();
        log.write_on(day(2), b"lost\n");
        log.write_on(day(3), b"three\n");
        assert_eq!(std::fs::read_to_string(path(1)).unwrap(), "one\ntwo\n");
        assert!(path(2).is_dir());
        assert_eq!(std::fs::read_to_string(path(3)).unwrap(), "three\n");
        assert_eq!(
            log.write(b"now\n").unwrap(),
            4,
            "never an error to the logger"
        );
    }

    /// Day files past the retention are deleted when a new day starts; younger ones, today's
    /// and files that are not day files stay.
    #[test]
    fn old_day_files_are_deleted_after_the_retention() {
        let dir = tempfile::tempdir().unwrap();
        let name = |d: &str| dir.path().join(format!("flexy-pos.log.{d}"));
        for d in ["2026-10-01", "2026-11-05", "2026-11-06", "2026-12-01"] {
            std::fs::write(name(d), "x\n").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::write(name("not-a-day"), "x").unwrap();
        let mut log = DailyFile {
            dir: dir.path().to_path_buf(),
            day: None,
            file: None,
            keep_days: 30,
        };
        log.write_on(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(), b"today\n");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "flexy-pos.log.2026-11-06",
                "flexy-pos.log.2026-12-01",
                "flexy-pos.log.2026-12-06",
                "flexy-pos.log.not-a-day",
                "notes.txt"
            ]
        );
    }
}
