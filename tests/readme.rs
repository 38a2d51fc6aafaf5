//! The README is the staff's reference: it must list every key the app binds, with the same
//! wording as the in-app help overlay, and keep the two set-up commands CI relies on.

const README: &str = include_str!("../README.md");

#[test]
fn readme_lists_every_key_of_the_help_overlay() {
    for (key, action) in flexy_pos::ui::keys::keymap_help() {
        let row = format!("| {} | {} |", key.trim(), action);
        assert!(
            README.lines().any(|l| l.trim() == row),
            "README key table lacks the row: {row}"
        );
    }
}

#[test]
fn readme_keeps_the_two_setup_commands() {
    let setup = README
        .split("## Set-up")
        .nth(1)
        .expect("README has a Set-up section");
    assert!(setup.lines().any(|l| l == "cargo run --release"));
    assert!(setup.lines().any(|l| l == "cargo test"));
}
