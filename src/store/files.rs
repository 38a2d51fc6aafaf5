//! Checks the database files BEFORE the engine opens them.
//!
//! sled 0.34 quietly "repairs" what it cannot read: an empty or unreadable `conf` is rewritten,
//! and log segments with bad checksums are treated as free space and reused. That would turn a
//! damaged history into an empty one without a word. So the folder is read (never written)
//! first, and anything that does not look like a sled 0.34 database is refused.

use super::crc::crc32;
use super::error::StoreError;
use super::positioned::read_exact_at;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// The engine version this build writes (sled 0.34).
pub(crate) const ENGINE_VERSION: (usize, usize) = (0, 34);
/// sled's segment header: crc (4), lsn (8), max stable lsn (8).
const SEG_HEADER_LEN: u64 = 20;
/// A real `conf` is about 60 bytes; anything far bigger is not one.
const MAX_CONF_LEN: u64 = 4096;

/// What the checks found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// No database yet (or one that never stored a byte): safe to create.
    Nothing,
    /// A database that looks intact; the engine may open it.
    Database,
}

/// Reads the engine's files in `db_dir` and refuses anything damaged or foreign.
pub(crate) fn check(db_dir: &Path) -> Result<Found, StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        dir: db_dir.to_path_buf(),
        detail,
    };
    match std::fs::metadata(db_dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(StoreError::io(db_dir, e)),
        Ok(m) if !m.is_dir() => {
            return Err(damaged(format!(
                "{} is a file, not a database folder",
                db_dir.display()
            )));
        }
        Ok(_) => {}
    }
    let conf_path = db_dir.join("conf");
    let data_path = db_dir.join("db");
    let conf_len = file_len(&conf_path)?;
    let data_len = file_len(&data_path)?;
    let segment_size = match (conf_len, data_len) {
        (None, None | Some(0)) => return Ok(Found::Nothing),
        (None, Some(_)) => {
            return Err(damaged(
                "its settings file 'conf' is missing but the data file 'db' is not".into(),
            ));
        }
        (Some(_), None) => {
            return Err(damaged(
                "its data file 'db' is missing (only 'conf' is there)".into(),
            ));
        }
        (Some(_), Some(_)) => read_conf(db_dir, &conf_path)?,
    };
    match data_len {
        Some(0) => Ok(Found::Nothing),
        _ => {
            check_segments(db_dir, &data_path, segment_size)?;
            Ok(Found::Database)
        }
    }
}

fn file_len(path: &Path) -> Result<Option<u64>, StoreError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m.len())),
        Ok(_) => Err(StoreError::Damaged {
            dir: path.parent().unwrap_or(path).to_path_buf(),
            detail: format!("{} is not a file", path.display()),
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Parses sled's `conf` (`key: value` lines, then a little-endian CRC-32) and returns the
/// segment size. A newer engine version is `TooNew`.
fn read_conf(db_dir: &Path, path: &Path) -> Result<usize, StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        dir: db_dir.to_path_buf(),
        detail: format!("settings file 'conf': {detail}"),
    };
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_CONF_LEN + 1).read_to_end(&mut bytes))
        .map_err(|e| StoreError::io(path, e))?;
    if bytes.len() <= 8 || bytes.len() as u64 > MAX_CONF_LEN {
        return Err(damaged(format!("unexpected size {} bytes", bytes.len())));
    }
    let (body, crc) = bytes.split_at(bytes.len() - 4);
    let stored = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32(body) != stored {
        return Err(damaged("checksum does not match".into()));
    }
    let text = std::str::from_utf8(body).map_err(|_| damaged("not text".into()))?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
            .ok_or_else(|| damaged(format!("no {name} line")))
    };
    let version = field("version")?;
    let parsed = version
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
        .ok_or_else(|| damaged(format!("bad version '{version}'")))?;
    if parsed > ENGINE_VERSION {
        return Err(StoreError::TooNew {
            dir: db_dir.to_path_buf(),
            found: format!("database engine sled {}.{}", parsed.0, parsed.1),
            supported: format!("sled {}.{}", ENGINE_VERSION.0, ENGINE_VERSION.1),
        });
    }
    if parsed != ENGINE_VERSION {
        return Err(damaged(format!(
            "written by an older database engine (sled {}.{}) this build cannot read",
            parsed.0, parsed.1
        )));
    }
    let segment_size: usize = field("segment_size")?
        .parse()
        .map_err(|_| damaged("bad segment_size".into()))?;
    if !segment_size.is_power_of_two() || !(256..=1 << 24).contains(&segment_size) {
        return Err(damaged(format!("impossible segment_size {segment_size}")));
    }
    Ok(segment_size)
}

/// The data file is a sequence of segments, each starting with a checksummed header. A file
/// in which no header checks out is not a sled log (garbage, or another program's file).
fn check_segments(db_dir: &Path, path: &Path, segment_size: usize) -> Result<(), StoreError> {
    let file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    let headers = segment_headers(&file, segment_size).map_err(|e| StoreError::io(path, e))?;
    if !headers.iter().any(|(_, lsn)| lsn.is_some()) {
        let len = file.metadata().map_or(0, |m| m.len());
        return Err(StoreError::Damaged {
            dir: db_dir.to_path_buf(),
            detail: format!(
                "the data file 'db' ({len} bytes) holds no readable log segment; \
                 it is not a sled database or it was overwritten"
            ),
        });
    }
    Ok(())
}

/// The offset of every segment of the data file and, when its header checks out, its log
/// sequence number (sled: CRC-32 xor !0, then the LSN and the highest stable LSN, each
/// little-endian xor `i64::MAX`).
fn segment_headers(file: &File, segment_size: usize) -> std::io::Result<Vec<(u64, Option<i64>)>> {
    let len = file.metadata()?.len();
    let seg = segment_size as u64;
    let mut out = Vec::new();
    let mut header = [0u8; SEG_HEADER_LEN as usize];
    let mut offset = 0u64;
    while offset + SEG_HEADER_LEN <= len {
        read_exact_at(file, &mut header, offset)?;
        let stored = u32::from_le_bytes([header[0], header[1], header[2], header[3]]) ^ u32::MAX;
        let lsn = (crc32(&header[4..]) == stored).then(|| {
            let raw: [u8; 8] = header[4..12].try_into().unwrap_or_default();
            i64::from_le_bytes(raw) ^ i64::MAX
        });
        out.push((offset, lsn));
        offset += seg;
    }
    Ok(out)
}

/// What the engine reads when it opens a store it closed cleanly (its newest snapshot, and
/// the log of the snapshot's segment up to the snapshot's point), and the data file's size.
/// If these are as they were when the store was closed, opening it replays nothing and writes
/// nothing; any difference means the files changed since, and the store is checked on a
/// scratch copy before the engine may touch them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// The newest snapshot's log sequence number (its file name), 0 when there is none.
    pub(crate) snap_lsn: u64,
    pub(crate) snap_len: u64,
    pub(crate) db_len: u64,
    /// Where the snapshot's segment starts in the data file, and a CRC-32 of its first
    /// `tip_len` bytes (the log up to the snapshot's point).
    pub(crate) tip_offset: u64,
    pub(crate) tip_len: u64,
    pub(crate) tip_crc: u32,
}

/// The fingerprint of a database folder; `None` when its layout is not one this build
/// understands well enough to vouch for (it is then checked in full at the next open).
pub(crate) fn fingerprint(db_dir: &Path) -> Result<Option<Fingerprint>, StoreError> {
    let conf_path = db_dir.join("conf");
    let data_path = db_dir.join("db");
    if file_len(&conf_path)?.is_none() || file_len(&data_path)?.is_none() {
        return Ok(None);
    }
    let segment_size = read_conf(db_dir, &conf_path)? as u64;
    let (snap_lsn, snap_len) = match newest_snapshot(db_dir)? {
        Some(found) => found,
        None => return Ok(None),
    };
    let file = File::open(&data_path).map_err(|e| StoreError::io(&data_path, e))?;
    let io = |e| StoreError::io(&data_path, e);
    let db_len = file.metadata().map_err(io)?.len();
    let tip_len = snap_lsn % segment_size;
    let segment_lsn = (snap_lsn - tip_len) as i64;
    let tip_offset = if tip_len == 0 {
        0
    } else {
        let headers = segment_headers(&file, segment_size as usize).map_err(io)?;
        match headers.iter().find(|(_, lsn)| *lsn == Some(segment_lsn)) {
            Some((offset, _)) => *offset,
            None => return Ok(None),
        }
    };
    let mut bytes = vec![0u8; tip_len as usize];
    match read_exact_at(&file, &mut bytes, tip_offset) {
        Ok(()) => {}
        Err(e) if is_lock_violation(&e) => return Err(io(e)),
        Err(_) => return Ok(None),
    }
    Ok(Some(Fingerprint {
        snap_lsn,
        snap_len,
        db_len,
        tip_offset,
        tip_len,
        tip_crc: crc32(&bytes),
    }))
}

/// Whether a read failed because an engine holds the data file: sled locks its `db` file
/// while open, and on Windows that lock (`LockFileEx`) refuses reads through any other handle,
/// ours included (`ERROR_LOCK_VIOLATION`). Unix locks are advisory and refuse no read.
pub(crate) fn held_by_an_engine(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { source, .. } if is_lock_violation(source))
}

fn is_lock_violation(e: &std::io::Error) -> bool {
    /// `ERROR_LOCK_VIOLATION` (winerror.h).
    const ERROR_LOCK_VIOLATION: i32 = 33;
    cfg!(windows) && e.raw_os_error() == Some(ERROR_LOCK_VIOLATION)
}

/// The newest `snap.<16 hex digits>` file (the one the engine reads) and its size.
fn newest_snapshot(db_dir: &Path) -> Result<Option<(u64, u64)>, StoreError> {
    let entries = std::fs::read_dir(db_dir).map_err(|e| StoreError::io(db_dir, e))?;
    let mut newest = None;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(hex) = name.to_str().and_then(|n| n.strip_prefix("snap.")) else {
            continue;
        };
        let Ok(lsn) = u64::from_str_radix(hex, 16) else {
            continue;
        };
        if hex.len() == 16 && newest.is_none_or(|(n, _)| lsn > n) {
            let len = entry
                .metadata()
                .map_err(|e| StoreError::io(entry.path(), e))?
                .len();
            newest = Some((lsn, len));
        }
    }
    Ok(newest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_nothing_and_a_file_is_damage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(check(&dir.path().join("none")).unwrap(), Found::Nothing);
        let file = dir.path().join("file");
        std::fs::write(&file, b"hello").unwrap();
        let err = check(&file).unwrap_err();
        assert!(err.to_string().contains("is a file"), "{err}");
    }

    #[test]
    fn a_bad_conf_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("db"), vec![0u8; 100]).unwrap();
        std::fs::write(dir.path().join("conf"), b"segment_size: 524288\nxxxxxxxx").unwrap();
        let err = check(dir.path()).unwrap_err();
        assert!(err.to_string().contains("checksum"), "{err}");
    }

    #[test]
    fn a_newer_engine_is_too_new() {
        let dir = tempfile::tempdir().unwrap();
        let body = b"segment_size: 524288\nuse_compression: false\nversion: 1.0\n";
        let mut conf = body.to_vec();
        conf.extend_from_slice(&crc32(body).to_le_bytes());
        std::fs::write(dir.path().join("conf"), conf).unwrap();
        std::fs::write(dir.path().join("db"), vec![0u8; 100]).unwrap();
        assert!(matches!(check(dir.path()), Err(StoreError::TooNew { .. })));
    }
}
