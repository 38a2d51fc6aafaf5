//! The one-line text fields (the history filter, the plan browser's filter, the report's
//! period): typing, deleting, clearing and pasting, each capped at a length.

use crate::ui::keys::Action;

/// Applies an editing key to `line`; `false` when the action is not an edit (the caller
/// handles it). A character past `max` is ignored.
pub(super) fn edit(line: &mut String, action: Action, max: usize) -> bool {
    match action {
        Action::Backspace => {
            line.pop();
        }
        Action::ClearLine => line.clear(),
        Action::Char(c) if !c.is_control() => {
            if line.chars().count() < max {
                line.push(c);
            }
        }
        _ => return false,
    }
    true
}

/// Pasted text added to `line`: line breaks and tabs become spaces, other control characters
/// are dropped, and the line is cut at `max` characters.
pub(super) fn paste(line: &mut String, text: &str, max: usize) {
    line.extend(
        text.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|c| !c.is_control()),
    );
    *line = line.chars().take(max).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_capped_and_pastes_folded() {
        let mut l = String::new();
        for c in "abc".chars() {
            assert!(edit(&mut l, Action::Char(c), 2));
        }
        assert_eq!(l, "ab", "the third character is past the cap");
        assert!(edit(&mut l, Action::Backspace, 2));
        assert_eq!(l, "a");
        assert!(!edit(&mut l, Action::Enter, 2), "not an edit");
        assert!(edit(&mut l, Action::ClearLine, 2));
        assert!(l.is_empty());
        paste(&mut l, "06 61\n23\t\u{1b}45", 8);
        assert_eq!(l, "06 61 23");
    }
}
