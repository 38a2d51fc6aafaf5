//! Reading and writing a file at a given offset, on every platform: the data file's segment
//! headers (`files.rs`) and the seal's two slots (`seal.rs`).
//!
//! Unix has `pread`/`pwrite` (std's `read_exact_at`/`write_all_at`), which leave the file's
//! cursor alone. Windows has `seek_read`/`seek_write` (`ReadFile`/`WriteFile` with an offset),
//! which may transfer fewer bytes than asked, so they are looped here until every byte is
//! done, and which move the cursor. That does not matter: every handle these are used on is
//! only ever read or written at explicit offsets.

use std::fs::File;
use std::io;

/// Fills `buf` from `offset`; a file too short is `UnexpectedEof`.
pub(crate) fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt as _;
        let len = buf.len();
        whole(len, offset, io::ErrorKind::UnexpectedEof, |done, at| {
            file.seek_read(&mut buf[done..], at)
        })
    }
}

/// Writes all of `buf` at `offset` (extending the file if needed).
pub(crate) fn write_all_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt as _;
        whole(buf.len(), offset, io::ErrorKind::WriteZero, |done, at| {
            file.seek_write(&buf[done..], at)
        })
    }
}

/// Calls `step(bytes done, offset)` until `len` bytes are done; `step` answering 0 bytes (the
/// end of the file, a device that takes nothing) is an error of kind `none_left`.
#[cfg(windows)]
fn whole(
    len: usize,
    offset: u64,
    none_left: io::ErrorKind,
    mut step: impl FnMut(usize, u64) -> io::Result<usize>,
) -> io::Result<()> {
    let mut done = 0;
    while done < len {
        match step(done, offset + done as u64) {
            Ok(0) => return Err(io::Error::from(none_left)),
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_at_offsets_and_a_short_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("slots");
        let file = crate::fsync::open_or_create(&path).unwrap();
        write_all_at(&file, b"second", 80).unwrap();
        write_all_at(&file, b"first", 0).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 86);
        assert_eq!(&bytes[..5], b"first");
        assert_eq!(&bytes[80..], b"second");
        let mut buf = [0u8; 6];
        read_exact_at(&file, &mut buf, 80).unwrap();
        assert_eq!(&buf, b"second");
        let err = read_exact_at(&file, &mut buf, 82).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }
}
