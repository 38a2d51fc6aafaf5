//! The keymap: a key press becomes an [`Action`]; what the action does depends on the screen.
//!
//! The same keys work on every screen. [`keymap_help`] is the single source for the help
//! overlay and the README table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Help,
    GoSale,
    GoPlans,
    GoHistory,
    /// The books (report screen).
    GoReport,
    /// Sale screen: into the latest-orders pane and back.
    Pane,
    /// Sale screen: repeat the offered regular's last sale (to the confirm step).
    Repeat,
    Refresh,
    /// GETMENU: ask which offers the typed number can take.
    Menu,
    Quit,
    Back,
    Enter,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    ClearLine,
    Char(char),
}

/// The action for a key press, `None` for keys the app does not use.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::F(1) => Action::Help,
        KeyCode::F(2) => Action::GoSale,
        KeyCode::F(3) => Action::GoPlans,
        KeyCode::F(4) => Action::GoHistory,
        KeyCode::F(5) => Action::Refresh,
        KeyCode::F(6) => Action::Menu,
        KeyCode::F(7) => Action::GoReport,
        KeyCode::F(8) => Action::Repeat,
        KeyCode::Tab => Action::Pane,
        KeyCode::F(10) => Action::Quit,
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'q' | 'c' => Action::Quit,
            'g' => Action::Menu,
            'u' => Action::ClearLine,
            'r' => Action::Repeat,
            _ => return None,
        },
        KeyCode::Char(_) if alt => return None,
        KeyCode::Char(c) => Action::Char(c),
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Enter,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Backspace => Action::Backspace,
        _ => return None,
    })
}

/// Every key and what it does, in the order the help overlay lists them.
pub fn keymap_help() -> Vec<(&'static str, &'static str)> {
    vec![
        ("F1", "help: show / hide this list"),
        ("F2", "sale screen (the start screen)"),
        ("F3", "plan browser: type to filter, Enter sells the plan"),
        ("F4", "order history, newest first; Enter opens an order"),
        ("F5", "refresh plans, balance and the history page"),
        ("F6 / Ctrl-G", "offers this number can take (GETMENU)"),
        (
            "F7",
            "the books: today's cash-up; PgUp/PgDn day, t today, y yesterday, / a day or range",
        ),
        (
            "F8 / Ctrl-R",
            "sale: repeat the offered regular's last sale (Up/Down choose, Enter takes the number)",
        ),
        (
            "Tab",
            "sale: into the latest orders and back; Enter opens one, Esc back to the form",
        ),
        ("F10 / Ctrl-Q", "quit (Ctrl-C too)"),
        ("Esc", "back one step / close / clear the filter"),
        ("Enter", "next step; on the confirm step: SEND"),
        ("0-9", "the number; on the plan list they go to the amount"),
        ("Up Down PgUp PgDn", "move in the list"),
        ("Home / End", "first / last in the list"),
        (
            "Backspace / Ctrl-U",
            "delete one character / clear the field",
        ),
        ("/", "history: edit the filter line"),
        (
            "  filter words",
            "phone:0661 ref:AB12 status:refunded day:2026-11-23",
        ),
        (
            "  day words",
            "day:today, day:yesterday; a bare word also works",
        ),
        ("1-9", "order detail: sell suggested offer N to that number"),
    ]
}

/// [`keymap_help`] as a Markdown table, for the README.
pub fn keymap_markdown() -> String {
    let mut out = String::from("| Key | Action |\n|---|---|\n");
    for (key, action) in keymap_help() {
        out.push_str(&format!("| `{}` | {} |\n", key.trim(), action));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn same_global_keys_everywhere() {
        assert_eq!(
            action_for(key(KeyCode::F(10), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('g'), KeyModifiers::CONTROL)),
            Some(Action::Menu)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            Some(Action::Char('A'))
        );
        assert_eq!(action_for(key(KeyCode::Char('x'), KeyModifiers::ALT)), None);
        assert_eq!(action_for(key(KeyCode::Insert, KeyModifiers::NONE)), None);
    }

    #[test]
    fn the_readme_table_has_one_row_per_key() {
        let md = keymap_markdown();
        assert_eq!(md.lines().count(), keymap_help().len() + 2);
        assert!(md.contains("| `F6 / Ctrl-G` | offers this number can take (GETMENU) |"));
    }

    #[test]
    fn help_names_every_function_key() {
        let keys: Vec<&str> = keymap_help().iter().map(|(k, _)| *k).collect();
        for k in [
            "F1",
            "F2",
            "F3",
            "F4",
            "F5",
            "F6 / Ctrl-G",
            "F10 / Ctrl-Q",
            "Esc",
            "/",
        ] {
            assert!(keys.contains(&k), "{k} missing from help");
        }
    }
}
