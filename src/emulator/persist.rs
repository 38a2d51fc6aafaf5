//! The state file: loaded at start, replaced atomically (temp file + fsync + rename) after each
//! change. A damaged file is an error naming it; it is never overwritten. A lock file next to
//! it keeps two running emulators from overwriting each other's orders.

use super::account::Snapshot;
use super::error::EmulatorError;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Larger files are not a state file this emulator wrote.
const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

fn damaged(path: &Path, message: impl Into<String>) -> EmulatorError {
    EmulatorError::StateFile {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Held while an emulator uses a state file; released when dropped.
#[derive(Debug)]
pub struct StateLock {
    _file: fs::File,
}

/// Takes `<state file>.lock`, or says the state file is in use.
pub fn lock(path: &Path) -> Result<StateLock, EmulatorError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_dir_all(dir)
            .map_err(|e| damaged(path, format!("cannot create its folder: {e}")))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "emulator-state".into());
    let lock_path = path.with_file_name(format!("{name}.lock"));
    let file = crate::private_files::private(&mut fs::OpenOptions::new())
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| damaged(path, format!("cannot open its lock file: {e}")))?;
    match file.try_lock() {
        Ok(()) => Ok(StateLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(damaged(
            path,
            "it is in use by another running emulator (stop that one first)",
        )),
        Err(fs::TryLockError::Error(e)) => Err(damaged(path, format!("cannot lock it: {e}"))),
    }
}

/// The saved state, or `None` when the file does not exist yet.
pub fn load(path: &Path) -> Result<Option<Snapshot>, EmulatorError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(damaged(path, format!("cannot read it: {e}"))),
    };
    if !meta.is_file() {
        return Err(damaged(path, "it is not a regular file"));
    }
    if meta.len() > MAX_STATE_BYTES {
        return Err(damaged(
            path,
            format!("it is too large ({} bytes)", meta.len()),
        ));
    }
    let bytes = fs::read(path).map_err(|e| damaged(path, format!("cannot read it: {e}")))?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| damaged(path, format!("it is damaged and was left untouched ({e})")))
}

/// Replaces the file with `snapshot` so a crash leaves either the old or the new state.
pub fn save(path: &Path, snapshot: &Snapshot) -> Result<(), EmulatorError> {
    let bytes = serde_json::to_vec_pretty(snapshot)
        .map_err(|e| damaged(path, format!("cannot encode the state: {e}")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_dir_all(dir)
            .map_err(|e| damaged(path, format!("cannot create its folder: {e}")))?;
    }
    let tmp = temp_path(path);
    let written = (|| -> std::io::Result<()> {
        // The practice orders name customers' numbers.
        let mut f = crate::private_files::create_replacement(&tmp, path)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(damaged(path, format!("cannot save it: {e}")));
    }
    sync_dir(path);
    Ok(())
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "emulator-state".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Makes the rename itself durable (best effort: not every platform can open a directory).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Dzd;

    fn snap() -> Snapshot {
        Snapshot {
            format: 1,
            initial_balance: Dzd::from_dinars(500),
            deposits: vec![],
            orders: vec![],
            internet_orders: vec![],
        }
    }

    #[test]
    fn saves_and_loads_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("state.json");
        assert_eq!(load(&path).unwrap(), None);
        save(&path, &snap()).unwrap();
        assert_eq!(load(&path).unwrap(), Some(snap()));
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }

    #[test]
    fn one_emulator_per_state_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let held = lock(&path).unwrap();
        let e = lock(&path).unwrap_err().to_string();
        assert!(e.contains("in use"), "{e}");
        drop(held);
        assert!(lock(&path).is_ok());
    }

    #[test]
    fn damaged_file_is_named_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{\"format\":1,\"initial_bal").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.contains("state.json") && e.contains("damaged"), "{e}");
        assert_eq!(fs::read(&path).unwrap(), b"{\"format\":1,\"initial_bal");
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }
}
