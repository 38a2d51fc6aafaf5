//! The one rule for a data folder given by the shop (`--data-dir`, `FLEXY_DATA_DIR`,
//! `data_dir`): a full path, or one under the home folder (`~/…`, expanded here since no shell
//! did it for a config file or a service's environment). An empty or relative path is refused:
//! it would put the orders under whatever folder the till happened to start in.

use std::path::{Path, PathBuf};

/// What is wrong with a data folder given by the shop. Never holds the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataDirProblem {
    Empty,
    /// Relative to the current folder (`shop`, `./shop`, `~shop/x`).
    Relative,
    /// `~/…`, but no home folder is known for this user.
    NoHome,
}

/// Where the shop put its data folder, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape<'a> {
    Absolute,
    /// Under the home folder: the rest after `~/` (empty for `~` alone).
    Home(&'a str),
}

fn shape(raw: &str) -> Result<Shape<'_>, DataDirProblem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(DataDirProblem::Empty);
    }
    if text == "~" {
        return Ok(Shape::Home(""));
    }
    if let Some(rest) = text
        .strip_prefix("~/")
        .or_else(|| text.strip_prefix("~\\").filter(|_| cfg!(windows)))
    {
        return Ok(Shape::Home(rest));
    }
    if Path::new(text).is_absolute() {
        Ok(Shape::Absolute)
    } else {
        Err(DataDirProblem::Relative)
    }
}

/// Checks a data folder's form only (`config.toml` is checked before the home is looked up).
pub fn check(raw: &str) -> Result<(), DataDirProblem> {
    shape(raw).map(|_| ())
}

/// The data folder to use: `raw` checked, with a leading `~` replaced by `home`.
pub fn resolve(raw: &Path, home: Option<&Path>) -> Result<PathBuf, DataDirProblem> {
    // A path that is not UTF-8 cannot start with `~/`; only its form matters then.
    let Some(text) = raw.to_str() else {
        return if raw.is_absolute() {
            Ok(raw.to_path_buf())
        } else {
            Err(DataDirProblem::Relative)
        };
    };
    match shape(text)? {
        Shape::Absolute => Ok(PathBuf::from(text.trim())),
        Shape::Home(rest) => {
            let home = home.ok_or(DataDirProblem::NoHome)?;
            Ok(if rest.is_empty() {
                home.to_path_buf()
            } else {
                home.join(rest)
            })
        }
    }
}

/// The user's home folder, if the system knows one.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_paths_and_home_paths_pass_and_the_rest_is_refused() {
        let home = Path::new("/home/shop");
        let ok = |raw: &str| resolve(Path::new(raw), Some(home));
        assert_eq!(ok("~/flexy"), Ok(home.join("flexy")));
        assert_eq!(ok(" ~/a b/c "), Ok(home.join("a b/c")));
        assert_eq!(ok("~"), Ok(home.to_path_buf()));
        #[cfg(unix)]
        assert_eq!(ok("/var/lib/flexy"), Ok(PathBuf::from("/var/lib/flexy")));
        assert_eq!(ok(""), Err(DataDirProblem::Empty));
        assert_eq!(ok("  "), Err(DataDirProblem::Empty));
        for rel in ["shop", "./shop", "../shop", "~shop/x", "~~/x"] {
            assert_eq!(ok(rel), Err(DataDirProblem::Relative), "{rel}");
        }
        assert_eq!(resolve(Path::new("~/x"), None), Err(DataDirProblem::NoHome));
        assert_eq!(check("~/x"), Ok(()));
        assert_eq!(check("x"), Err(DataDirProblem::Relative));
    }
}
