//! Checks the database files BEFORE the engine opens them.
//!
//! sled 0.34 quietly "repairs" what it cannot read: an empty or unreadable `conf` is rewritten,
//! and log segments with bad checksums are treated as free space and reused. That would turn a
//! damaged history into an empty one without a word. So the folder is read (never written)
//! first, and anything that does not look like a sled 0.34 database is refused.

use super::error::StoreError;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::os::unix::fs::FileExt as _;
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
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    let seg = segment_size as u64;
    let mut offset = 0u64;
    let mut valid = 0usize;
    let mut header = [0u8; SEG_HEADER_LEN as usize];
    while offset + SEG_HEADER_LEN <= len {
        file.read_exact_at(&mut header, offset)
            .map_err(|e| StoreError::io(path, e))?;
        let stored = u32::from_le_bytes([header[0], header[1], header[2], header[3]]) ^ u32::MAX;
        if crc32(&header[4..]) == stored {
            valid += 1;
        }
        offset += seg;
    }
    if valid == 0 {
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

/// CRC-32 (IEEE, as crc32fast computes it). Only used on a few tiny buffers.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

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
