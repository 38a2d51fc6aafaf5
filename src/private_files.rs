//! Files that hold the API key or customers' numbers (config.toml, the order store, its seal,
//! the logs, the practice state) are the shop's alone. On Unix the folders the till creates are
//! 0700 and those files 0600; a file the till rewrites keeps the mode the shop gave it, and a
//! symlinked file is written through to its target. On Windows the per-user folders (AppData)
//! already keep other users out, so the mode calls have no-op twins there.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
/// Symlinks followed before a write gives up (a loop).
const MAX_LINKS: usize = 40;

/// `create_dir_all`, with every folder it creates private.
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(DIR_MODE)
            .create(path)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(path)
    }
}

/// `options`, so that a file they create is private (an existing file keeps its mode).
pub fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE)
    }
    #[cfg(not(unix))]
    {
        options
    }
}

/// Makes a file (0600) or folder (0700) private; a symlink is left alone.
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(path)?;
        let mode = if meta.is_dir() {
            DIR_MODE
        } else if meta.is_file() {
            FILE_MODE
        } else {
            return Ok(());
        };
        if meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        fs::symlink_metadata(path).map(|_| ())
    }
}

/// [`restrict`] on a folder and everything in it (files other programs wrote there, such as
/// the storage engine's, included).
pub fn restrict_tree(dir: &Path) -> io::Result<()> {
    restrict(dir)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            restrict_tree(&entry.path())?;
        } else {
            restrict(&entry.path())?;
        }
    }
    Ok(())
}

/// Where a write to `path` must land: through any symlinks, to the file they name (which may
/// not exist yet), so the link stays and its target is updated.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many symlinks",
        path.display()
    )))
}

/// A new file at `path` (truncated if there) that will replace `like`: with `like`'s
/// permissions when it exists, private when it does not.
pub fn create_replacement(path: &Path, like: &Path) -> io::Result<File> {
    let file = private(OpenOptions::new().write(true).create(true).truncate(true)).open(path)?;
    match fs::metadata(like) {
        Ok(m) => file.set_permissions(m.permissions())?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => restrict(path)?,
        Err(e) => return Err(e),
    }
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_and_files_it_makes_are_private_and_a_replacement_keeps_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a").join("b");
        create_dir_all(&deep).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&deep), 0o700);
        let f = deep.join("f");
        private(OpenOptions::new().write(true).create(true))
            .open(&f)
            .unwrap();
        assert_eq!(mode(&f), 0o600);

        let shared = dir.path().join("shared");
        fs::write(&shared, "x").unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
        let tmp = dir.path().join("tmp");
        create_replacement(&tmp, &shared).unwrap();
        assert_eq!(mode(&tmp), 0o640, "the shop's own mode is kept");
        let new = dir.path().join("tmp2");
        create_replacement(&new, &dir.path().join("absent")).unwrap();
        assert_eq!(mode(&new), 0o600);

        fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
        restrict_tree(dir.path()).unwrap();
        assert_eq!(mode(&shared), 0o600);
        assert_eq!(mode(dir.path()), 0o700);
    }

    #[test]
    fn writes_go_through_symlinks_to_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        let link2 = dir.path().join("link2.toml");
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        assert_eq!(write_target(&link2).unwrap(), real, "a dangling chain");
        fs::write(&real, "x").unwrap();
        assert_eq!(write_target(&link2).unwrap(), real);
        assert_eq!(write_target(&real).unwrap(), real);
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(write_target(&a).is_err(), "a loop");
    }
}
