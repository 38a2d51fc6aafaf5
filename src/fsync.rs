//! Making files and folders durable: "flushed" means on disk after a real `fsync`, so a power
//! cut right after the call returns loses nothing.
//!
//! - A file's data: [`sync_file`] (`fdatasync` on Linux, `FlushFileBuffers` on Windows).
//! - A file created, renamed or removed is only durable once its FOLDER is synced too
//!   ([`sync_dir`]). Windows has no such call and needs none (NTFS journals names), so there it
//!   does nothing.
//! - [`write_atomically`]: a small file replaced whole (temp file, sync, rename, sync folder).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Syncs a file's data (and the metadata needed to read it back, such as its length).
pub fn sync_file(file: &File) -> io::Result<()> {
    file.sync_data()
}

/// Syncs a folder, so the files created, renamed or removed in it survive a power cut.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file, and NTFS keeps names in its journal.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// `create_dir_all` (folders it creates private: [`crate::private_files`]), then syncs the parent
/// of every folder it created, so a new data folder is still there after a power cut (its
/// first order's file would be lost with it otherwise).
pub fn create_dir_all_durably(path: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(path);
    while let Some(p) = at {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        missing.push(p);
        at = p.parent();
    }
    crate::private_files::create_dir_all(path)?;
    for created in missing.iter().rev() {
        if let Some(parent) = created.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Opens an existing file for syncing. Write access because Windows' `FlushFileBuffers`
/// needs it; nothing is ever written through this handle.
pub fn open_for_sync(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open(path)
}

/// Opens a file for reading and writing, creating it empty when missing and never truncating
/// it (a lock file, the store's seal). A file it creates is private, and durable once its
/// folder is synced.
pub fn open_or_create(path: &Path) -> io::Result<File> {
    crate::private_files::private(&mut OpenOptions::new())
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file, never a
/// torn one, and the new one is durable when this returns. A symlink is written through to
/// its target; the file keeps its mode (a new one is private).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &crate::private_files::write_target(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = crate::private_files::create_replacement(&tmp, path)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["config.toml"]);
        sync_dir(dir.path()).unwrap();
        sync_file(&open_for_sync(&path).unwrap()).unwrap();
    }

    #[test]
    fn folders_are_created_with_their_parents() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a").join("b").join("c");
        create_dir_all_durably(&deep).unwrap();
        assert!(deep.is_dir());
        create_dir_all_durably(&deep).unwrap();
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no").join("such").join("file");
        assert!(write_atomically(&path, b"x").is_err());
    }
}
