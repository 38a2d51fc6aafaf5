//! The README is the staff's reference: its key table is the keymap rendered (the same rows
//! as the in-app help overlay), and it keeps the two set-up commands CI relies on.
//!
//! After a change to the keymap, `FLEXY_UPDATE_README=1 cargo test --test suite readme::` writes the
//! rendered table into the README.

use flexy_pos::ui::keys::{keymap_help, keymap_markdown};
use std::path::PathBuf;
use std::sync::Once;

const BEGIN: &str = "<!-- keys: generated from src/ui/keys.rs; FLEXY_UPDATE_README=1 cargo test --test suite readme:: rewrites it -->";
const END: &str = "<!-- /keys -->";

fn readme_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

fn read() -> String {
    std::fs::read_to_string(readme_path()).expect("README.md is readable")
}

/// The README, after writing the rendered table into it when `FLEXY_UPDATE_README` is set
/// (once, before any test reads it).
fn readme() -> String {
    static UPDATE: Once = Once::new();
    UPDATE.call_once(|| {
        if std::env::var_os("FLEXY_UPDATE_README").is_none() {
            return;
        }
        let text = read();
        let (before, _, after) = split(&text);
        let table = format!("\n{}", keymap_markdown());
        std::fs::write(readme_path(), format!("{before}{table}{after}")).expect("README written");
    });
    read()
}

/// The README split around its generated key table: before, the table, after.
fn split(readme: &str) -> (&str, &str, &str) {
    let start = readme
        .find(BEGIN)
        .expect("README marks where the key table begins")
        + BEGIN.len();
    let len = readme[start..]
        .find(END)
        .expect("README marks where the key table ends");
    (
        &readme[..start],
        &readme[start..start + len],
        &readme[start + len..],
    )
}

#[test]
fn readme_key_table_is_the_rendered_keymap() {
    let text = readme();
    let (before, table, after) = split(&text);
    let want = format!("\n{}", keymap_markdown());
    assert!(!before.is_empty() && !after.is_empty());
    assert_eq!(
        table, want,
        "the README's key table differs from the keymap; run \
         FLEXY_UPDATE_README=1 cargo test --test suite readme::"
    );
}

#[test]
fn readme_lists_every_key_of_the_help_overlay() {
    let text = readme();
    for (key, action) in keymap_help() {
        let row = format!("| {} | {} |", key.trim(), action);
        assert!(
            text.lines().any(|l| l.trim() == row),
            "README key table lacks the row: {row}"
        );
    }
}

#[test]
fn readme_keeps_the_two_setup_commands() {
    let text = readme();
    let setup = text
        .split("## Set-up")
        .nth(1)
        .expect("README has a Set-up section");
    assert!(setup.lines().any(|l| l == "cargo run --release"));
    assert!(setup.lines().any(|l| l == "cargo test"));
}

/// The screen captures are what a terminal shows: no debug output of a test backend pasted
/// with them (`" Hidden by multi-width symbols: [(37, "`), every line inside the 80 columns
/// they were taken at.
#[test]
fn the_screen_captures_are_clean() {
    let text = readme();
    assert!(
        !text.contains("Hidden by multi-width symbols"),
        "a capture holds a test backend's debug output"
    );
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```") {
            inside = line == "```text";
            continue;
        }
        if inside {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= 80, "a capture line is {w} wide: {line}");
        }
    }
}
