//! Sending a print job: to a network printer (raw TCP, port 9100), to a device written like a
//! file (USB `/dev/usb/lp0` or a shared Windows printer, serial `/dev/ttyS0` or `COM1`), or to
//! a file. Every job has a deadline: a printer that is off, out of paper, unreachable or that
//! accepts the connection and never reads is given up on with a [`PrintError`], and the job
//! runs in its own task ([`spawn`]), so a sale never waits for the printer.

use crate::config::PrinterTarget;
use crate::i18n::{Message, MsgId};
use std::path::Path;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Why a slip was not printed. Nothing is lost: the slip can be printed again later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintError {
    /// No printer in config.toml (and none given with `--printer`).
    NoPrinter,
    /// The printer did not take the whole job within the deadline (off, out of paper, busy).
    Timeout { secs: u64 },
    /// The printer could not be reached (refused, no route, no such device).
    Unreachable { error: String },
    /// The printer or the file failed while being written.
    Write { error: String },
}

impl PrintError {
    pub fn message(&self) -> Message {
        match self {
            PrintError::NoPrinter => Message::new(MsgId::PrintNoPrinter),
            PrintError::Timeout { secs } => {
                Message::new(MsgId::PrintTimeout).num("secs", i64::try_from(*secs).unwrap_or(0))
            }
            PrintError::Unreachable { error } => {
                Message::new(MsgId::PrintUnreachable).text("error", error)
            }
            PrintError::Write { error } => {
                Message::new(MsgId::PrintWriteFailed).text("error", error)
            }
        }
    }
}

/// Sends `bytes` to the printer, giving up after `timeout`.
pub async fn deliver(
    target: &PrinterTarget,
    bytes: &[u8],
    timeout: Duration,
) -> Result<(), PrintError> {
    match tokio::time::timeout(timeout, write(target, bytes)).await {
        Ok(done) => done,
        Err(_) => Err(PrintError::Timeout {
            secs: timeout.as_secs().max(1),
        }),
    }
}

/// [`deliver`] in a task of its own: the caller goes on at once and learns the outcome from
/// the handle.
pub fn spawn(
    target: PrinterTarget,
    bytes: Vec<u8>,
    timeout: Duration,
) -> tokio::task::JoinHandle<Result<(), PrintError>> {
    tokio::spawn(async move { deliver(&target, &bytes, timeout).await })
}

async fn write(target: &PrinterTarget, bytes: &[u8]) -> Result<(), PrintError> {
    let write_error = |e: std::io::Error| PrintError::Write {
        error: e.to_string(),
    };
    match target {
        PrinterTarget::Network { host, port } => {
            let mut stream = tokio::net::TcpStream::connect((host.as_str(), *port))
                .await
                .map_err(|e| PrintError::Unreachable {
                    error: e.to_string(),
                })?;
            stream.write_all(bytes).await.map_err(write_error)?;
            stream.flush().await.map_err(write_error)?;
            // The printer may close first; the job is sent either way.
            let _ = stream.shutdown().await;
            Ok(())
        }
        PrinterTarget::Device { path, .. } => {
            let mut options = tokio::fs::OpenOptions::new();
            options.write(true);
            let mut device = options
                .open(path)
                .await
                .map_err(|e| PrintError::Unreachable {
                    error: e.to_string(),
                })?;
            device.write_all(bytes).await.map_err(write_error)?;
            device.flush().await.map_err(write_error)
        }
        PrinterTarget::File(path) => append(path, bytes).await.map_err(write_error),
    }
}

/// Adds a job to a file (made private: slips name customers' numbers).
async fn append(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = path.to_path_buf();
    let bytes = bytes.to_vec();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        let mut file = crate::private_files::private(&mut options).open(&path)?;
        file.write_all(&bytes)?;
        file.flush()
    })
    .await
    .map_err(std::io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_refused_connection_is_unreachable_and_a_file_gets_every_job() {
        // A port nobody listens on: bind, note it, close.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let target = PrinterTarget::Network {
            host: "127.0.0.1".into(),
            port,
        };
        let got = deliver(&target, b"x", Duration::from_secs(5)).await;
        assert!(
            matches!(got, Err(PrintError::Unreachable { .. })),
            "{got:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        let file = PrinterTarget::File(dir.path().join("slips.bin"));
        deliver(&file, b"one", Duration::from_secs(5))
            .await
            .unwrap();
        deliver(&file, b"two", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("slips.bin")).unwrap(),
            b"onetwo"
        );
        let missing = PrinterTarget::Device {
            kind: crate::config::printer::DeviceKind::Usb,
            path: dir.path().join("no-such-device"),
        };
        let got = deliver(&missing, b"x", Duration::from_secs(5)).await;
        assert!(
            matches!(got, Err(PrintError::Unreachable { .. })),
            "{got:?}"
        );
    }
}
