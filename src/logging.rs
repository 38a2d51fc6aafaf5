//! Logs go to a file in the data directory, never to the terminal the app draws on.
//!
//! Level from `FLEXY_LOG` (e.g. `debug`, `flexy_pos=trace`), default `info`. Nothing logged
//! ever holds the API key: the key type masks itself and the client never logs headers.
//!
//! A log file that cannot be opened (a folder in its place, no permission, a full disk) never
//! stops the till: the caller says where logs go instead ([`Fallback`]) and gets a warning to
//! show.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
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
    /// Why the log file is not used, worded for the person at the till; `None` when it is.
    pub warning: Option<String>,
}

/// Starts logging to `<dir>/flexy-pos.log.<day>`, or to the fallback when that file cannot
/// be opened.
pub fn init(dir: &Path, fallback: Fallback) -> Logging {
    let filter = |default: &str| {
        EnvFilter::try_from_env("FLEXY_LOG").unwrap_or_else(|_| EnvFilter::new(default))
    };
    let reason = match open_file(dir) {
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
    let file = dir.join(LOG_FILE_PREFIX);
    let warning = match fallback {
        Fallback::Stderr => {
            let (writer, guard) = tracing_appender::non_blocking(std::io::stderr());
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter("warn"))
                .with_writer(writer)
                .with_ansi(false)
                .try_init();
            let warning = format!(
                "cannot open the log file {}.<day> ({reason}); logging to stderr instead",
                file.display()
            );
            return Logging {
                _guard: Some(guard),
                warning: Some(warning),
            };
        }
        Fallback::Nothing => format!(
            "cannot open the log file {}.<day> ({reason}); running without a log file",
            file.display()
        ),
    };
    Logging {
        _guard: None,
        warning: Some(warning),
    }
}

/// The daily file appender, or why it cannot be made (never a panic).
fn open_file(dir: &Path) -> Result<RollingFileAppender, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .build(dir)
        .map_err(|e| e.to_string())
}
