//! Logs go to a file in the data directory, never to the terminal the app draws on.
//!
//! Level from `FLEXY_LOG` (e.g. `debug`, `flexy_pos=trace`), default `info`. Nothing logged
//! ever holds the API key: the key type masks itself and the client never logs headers.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts file logging; keep the guard alive until exit so buffered lines are written.
/// Failure to log is not fatal: the app runs without logs and says why.
pub fn init_file_logging(dir: &Path) -> Result<WorkerGuard, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create log dir {}: {e}", dir.display()))?;
    let appender = tracing_appender::rolling::daily(dir, "flexy-pos.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("FLEXY_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .map_err(|e| format!("logging already set up: {e}"))?;
    Ok(guard)
}
