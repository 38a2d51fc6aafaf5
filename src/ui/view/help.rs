//! The help overlay (F1): every key, from the keymap table that also makes the README's.

use super::style;
use crate::ui::keys::{Action, hint_key, keymap_help};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Row, Table};

pub fn draw(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let keys = keymap_help();
    let height = (keys.len() as u16 + 2).min(area.height);
    let width = area.width.min(78);
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
        .map(|(k, what)| Row::new(vec![Line::styled(k, key_style), Line::raw(what)]));
    let title = format!(
        " Keys — {} or {} closes ",
        hint_key(Action::Help),
        hint_key(Action::Back)
    );
    let table = Table::new(rows, [Constraint::Length(key_w), Constraint::Min(10)]).block(
        Block::bordered()
            .title(title)
            .border_style(style::focus_border()),
    );
    frame.render_widget(table, rect);
}
