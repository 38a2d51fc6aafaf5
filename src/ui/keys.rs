//! The keymap: a key press becomes an [`Action`]; what the action does depends on the screen.
//!
//! The same keys work on every screen. [`keymap_help`] is the single source for the help
//! overlay and the README table.

use crate::i18n::{Lang, MsgId};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Help,
    /// Switch the screen to the next language (fr → ar → en).
    SwitchLanguage,
    GoSale,
    GoPlans,
    GoHistory,
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
        KeyCode::F(8) => Action::SwitchLanguage,
        KeyCode::F(10) => Action::Quit,
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'q' | 'c' => Action::Quit,
            'g' => Action::Menu,
            'u' => Action::ClearLine,
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

/// Every key and what it does, in the order the help overlay lists them: the key's name (a
/// `MsgId` when the name itself is words) and its help text in the catalogue.
pub fn keymap_help_ids() -> Vec<(KeyName, MsgId)> {
    use KeyName::{Keys, Words};
    vec![
        (Keys("F1"), MsgId::HelpF1),
        (Keys("F2"), MsgId::HelpF2),
        (Keys("F3"), MsgId::HelpF3),
        (Keys("F4"), MsgId::HelpF4),
        (Keys("F5"), MsgId::HelpF5),
        (Keys("F6 / Ctrl-G"), MsgId::HelpF6),
        (Keys("F8"), MsgId::HelpF8),
        (Keys("F10 / Ctrl-Q"), MsgId::HelpQuit),
        (Keys("Esc"), MsgId::HelpEsc),
        (Keys("Enter"), MsgId::HelpEnter),
        (Keys("0-9"), MsgId::HelpDigits),
        (Keys("Up Down PgUp PgDn"), MsgId::HelpMove),
        (Keys("Home / End"), MsgId::HelpHomeEnd),
        (Keys("Backspace / Ctrl-U"), MsgId::HelpBackspace),
        (Keys("/"), MsgId::HelpSlash),
        (Words(MsgId::HelpFilterWords), MsgId::Verbatim),
        (Words(MsgId::HelpDayWords), MsgId::HelpDayWordsText),
        (Keys("1-9"), MsgId::HelpOfferN),
    ]
}

/// A help row's first column: key names, or words (an indented note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyName {
    Keys(&'static str),
    Words(MsgId),
}

/// The filter syntax is typed as it is, in every language.
const FILTER_EXAMPLE: &str = "phone:0661 ref:AB12 status:refunded day:2026-11-23";

/// [`keymap_help_ids`] in `lang`: (key column, what it does).
pub fn keymap_help_in(lang: Lang) -> Vec<(String, String)> {
    keymap_help_ids()
        .into_iter()
        .map(|(k, what)| {
            let key = match k {
                KeyName::Keys(k) => k.to_string(),
                KeyName::Words(id) => format!("  {}", lang.t(id)),
            };
            let what = match what {
                MsgId::Verbatim => FILTER_EXAMPLE.to_string(),
                id => lang.t(id).to_string(),
            };
            (key, what)
        })
        .collect()
}

/// Every key and what it does in English (the README's table).
pub fn keymap_help() -> Vec<(String, String)> {
    keymap_help_in(Lang::En)
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
        let help = keymap_help();
        let keys: Vec<&str> = help.iter().map(|(k, _)| k.as_str()).collect();
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
