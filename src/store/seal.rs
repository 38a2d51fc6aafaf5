//! The seal: a small file next to the database (`<data>/store.seal`) that the database engine
//! never touches, so it can tell when the engine's files lost something.
//!
//! sled "recovers" a damaged log by cutting it at the first bad message and zeroing the rest,
//! and a cut log looks like a store that simply has fewer orders. The seal keeps, outside the
//! engine's files:
//! - how many orders have been written and flushed (raised after every flushed insert): fewer
//!   orders in the store than that means orders were lost;
//! - whether the store was closed cleanly, and then the [`Fingerprint`] of what the engine
//!   reads at the next open. A clean store whose fingerprint still matches opens directly (the
//!   engine then replays and writes nothing); anything else is checked on a scratch copy first
//!   (see `verify.rs`), so a damaged store is refused with its files untouched.
//!
//! Two slots written in turn, each with a sequence number and a CRC-32: a write torn by a
//! power cut spoils at most the slot being written, and the other one still reads.

use super::crc::crc32;
use super::error::StoreError;
use super::files::Fingerprint;
use super::positioned::write_all_at;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The seal's file name, in the data folder.
pub const SEAL_FILE_NAME: &str = "store.seal";

const MAGIC: &[u8; 8] = b"FLXSEAL1";
const SLOT_LEN: usize = 80;
const FLAG_CLEAN: u32 = 1;

/// What one slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SealState {
    pub(crate) seq: u64,
    /// Orders written and flushed so far (a floor: the store may hold more after a crash).
    pub(crate) count: u64,
    /// Closed cleanly, and these are the files the engine will read.
    pub(crate) clean: Option<Fingerprint>,
}

impl SealState {
    fn encode(&self) -> [u8; SLOT_LEN] {
        let mut out = [0u8; SLOT_LEN];
        let fp = self.clean.unwrap_or(Fingerprint {
            snap_lsn: 0,
            snap_len: 0,
            db_len: 0,
            tip_offset: 0,
            tip_len: 0,
            tip_crc: 0,
        });
        let flags = if self.clean.is_some() { FLAG_CLEAN } else { 0 };
        out[..8].copy_from_slice(MAGIC);
        let mut at = 8;
        let mut put = |bytes: &[u8]| {
            out[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        };
        put(&self.seq.to_le_bytes());
        put(&flags.to_le_bytes());
        put(&self.count.to_le_bytes());
        put(&fp.snap_lsn.to_le_bytes());
        put(&fp.snap_len.to_le_bytes());
        put(&fp.db_len.to_le_bytes());
        put(&fp.tip_offset.to_le_bytes());
        put(&fp.tip_len.to_le_bytes());
        put(&fp.tip_crc.to_le_bytes());
        let sum = crc32(&out[..SLOT_LEN - 4]);
        out[SLOT_LEN - 4..].copy_from_slice(&sum.to_le_bytes());
        out
    }

    fn decode(slot: &[u8]) -> Option<SealState> {
        if slot.len() != SLOT_LEN || &slot[..8] != MAGIC {
            return None;
        }
        let (body, sum) = slot.split_at(SLOT_LEN - 4);
        if crc32(body) != u32::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let u64_at = |i: usize| u64::from_le_bytes(slot[i..i + 8].try_into().unwrap_or_default());
        let flags = u32::from_le_bytes(slot[16..20].try_into().ok()?);
        let fp = Fingerprint {
            snap_lsn: u64_at(28),
            snap_len: u64_at(36),
            db_len: u64_at(44),
            tip_offset: u64_at(52),
            tip_len: u64_at(60),
            tip_crc: u32::from_le_bytes(slot[68..72].try_into().ok()?),
        };
        Some(SealState {
            seq: u64_at(8),
            count: u64_at(20),
            clean: (flags & FLAG_CLEAN != 0).then_some(fp),
        })
    }
}

/// The open seal file and its current state.
pub(crate) struct Seal {
    file: File,
    path: PathBuf,
    state: SealState,
}

impl Seal {
    pub(crate) fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(SEAL_FILE_NAME)
    }

    /// Reads the seal of a data folder without changing it: `Ok(None)` when there is none.
    /// A seal that is there but unreadable is damage (both slots spoilt, or not a seal).
    pub(crate) fn read(data_dir: &Path) -> Result<Option<SealState>, StoreError> {
        let path = Seal::path(data_dir);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        let best = bytes
            .chunks(SLOT_LEN)
            .take(2)
            .filter_map(SealState::decode)
            .max_by_key(|s| s.seq);
        match best {
            Some(s) => Ok(Some(s)),
            None => Err(StoreError::Damaged {
                dir: data_dir.to_path_buf(),
                detail: format!(
                    "its seal file {} is unreadable ({} bytes), so lost orders could not be \
                     detected",
                    path.display(),
                    bytes.len()
                ),
            }),
        }
    }

    /// Opens the seal file for writing (creating it with `state` when it is new).
    pub(crate) fn open(data_dir: &Path, state: Option<SealState>) -> Result<Seal, StoreError> {
        let path = Seal::path(data_dir);
        let file = crate::fsync::open_or_create(&path).map_err(|e| StoreError::io(&path, e))?;
        let mut seal = Seal {
            file,
            path,
            state: state.unwrap_or(SealState {
                seq: 0,
                count: 0,
                clean: None,
            }),
        };
        if state.is_none() {
            seal.write(seal.state)?;
            // The new file's name must survive a power cut too.
            crate::fsync::sync_dir(data_dir).map_err(|e| StoreError::io(data_dir, e))?;
        }
        Ok(seal)
    }

    pub(crate) fn state(&self) -> SealState {
        self.state
    }

    /// Writes the next state into the older slot, durably.
    fn write(&mut self, mut next: SealState) -> Result<(), StoreError> {
        next.seq = self.state.seq + 1;
        let slot = (next.seq % 2) * SLOT_LEN as u64;
        let io = |e| StoreError::io(&self.path, e);
        write_all_at(&self.file, &next.encode(), slot).map_err(io)?;
        self.file.sync_data().map_err(io)?;
        self.state = next;
        Ok(())
    }

    /// Before the first write of a session: a crash from now on must be noticed at the next
    /// open.
    pub(crate) fn mark_open(&mut self) -> Result<(), StoreError> {
        if self.state.clean.is_none() {
            return Ok(());
        }
        self.write(SealState {
            clean: None,
            ..self.state
        })
    }

    /// After a flushed insert: the store holds at least `count` orders.
    pub(crate) fn record_count(&mut self, count: u64) -> Result<(), StoreError> {
        if count <= self.state.count && self.state.clean.is_none() {
            return Ok(());
        }
        self.write(SealState {
            count: count.max(self.state.count),
            clean: None,
            ..self.state
        })
    }

    /// The store holds exactly `count` orders and its files are `fp` (closed cleanly).
    pub(crate) fn mark_clean(&mut self, count: u64, fp: Fingerprint) -> Result<(), StoreError> {
        self.write(SealState {
            count,
            clean: Some(fp),
            ..self.state
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp() -> Fingerprint {
        Fingerprint {
            snap_lsn: 314_210,
            snap_len: 3_151,
            db_len: 524_287,
            tip_offset: 1 << 20,
            tip_len: 314_210,
            tip_crc: 0xDEAD_BEEF,
        }
    }

    #[test]
    fn round_trips_and_survives_a_torn_slot() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Seal::read(dir.path()).unwrap(), None);
        let mut seal = Seal::open(dir.path(), None).unwrap();
        seal.record_count(7).unwrap();
        seal.mark_clean(7, fp()).unwrap();
        let read = Seal::read(dir.path()).unwrap().unwrap();
        assert_eq!(read, seal.state());
        assert_eq!(read.clean, Some(fp()));
        assert_eq!(read.count, 7);

        // A power cut in the middle of the next write spoils only the slot being written.
        let path = Seal::path(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        let next = ((read.seq + 1) % 2) as usize * SLOT_LEN;
        bytes[next + 20] ^= 0xFF;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(Seal::read(dir.path()).unwrap(), Some(read));

        // Both spoilt: damage, never "no seal".
        let this = (read.seq % 2) as usize * SLOT_LEN;
        bytes[this + 30] ^= 0xFF;
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            Seal::read(dir.path()),
            Err(StoreError::Damaged { .. })
        ));
    }

    #[test]
    fn the_count_only_goes_up_and_the_first_write_unseals() {
        let dir = tempfile::tempdir().unwrap();
        let mut seal = Seal::open(dir.path(), None).unwrap();
        seal.mark_clean(3, fp()).unwrap();
        seal.mark_open().unwrap();
        assert_eq!(seal.state().clean, None);
        seal.record_count(2).unwrap();
        assert_eq!(seal.state().count, 3);
        seal.record_count(5).unwrap();
        assert_eq!(Seal::read(dir.path()).unwrap().unwrap().count, 5);
    }
}
