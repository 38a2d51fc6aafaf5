//! The help overlay (F1): every key, from the keymap table that also makes the README's. It
//! covers the whole window so that every key fits at 80×24; a shorter window scrolls it with
//! the list keys, and its bottom border says so.

use super::style;
use crate::ui::keys::{Action, hint_key, hint_keys, keymap_help};
use crate::ui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Row, Table};

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let keys = keymap_help();
    let total = keys.len();
    let shown = state.help_rows().min(total);
    let first = state.help_scroll.min(state.help_scroll_max());
    let height = (shown as u16 + 2).min(area.height);
    let width = area.width.min(80);
    let key_w = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let key_style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let rows = keys
        .into_iter()
        .skip(first)
        .take(shown)
        .map(|(k, what)| Row::new(vec![Line::styled(k, key_style), Line::raw(what)]));
    let title = format!(
        " Keys — {} or {} closes ",
        hint_key(Action::Help),
        hint_key(Action::Back)
    );
    let mut block = Block::bordered()
        .title(title)
        .border_style(style::focus_border());
    if shown < total {
        let keys = hint_keys(&[Action::Up, Action::Down, Action::PageUp, Action::PageDown]);
        block = block.title_bottom(format!(
            " {}–{} of {total}, {keys} for more ",
            first + 1,
            first + shown
        ));
    }
    let table = Table::new(rows, [Constraint::Length(key_w), Constraint::Min(10)]).block(block);
    frame.render_widget(table, rect);
}
