//! Why the emulator could not start or take a setting.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// A setting is out of range (speed, fault rates, key…).
    #[error("invalid emulator setting: {0}")]
    Config(String),
    /// The state file exists but cannot be read or is damaged. It is left untouched.
    #[error("emulator state file {path}: {message}")]
    StateFile { path: PathBuf, message: String },
    /// The plan catalogue cannot be used.
    #[error("emulator plan catalogue: {0}")]
    Catalogue(String),
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("emulator I/O error: {0}")]
    Io(#[from] std::io::Error),
}
