//! The help overlay (F1): every key, from the same list as the README.

use super::style;
use crate::ui::keys::keymap_help;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Row, Table};

pub fn draw(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let keys = keymap_help();
    let height = (keys.len() as u16 + 2).min(area.height);
    let width = area.width.min(78);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let rows = keys.into_iter().map(|(k, what)| {
        Row::new(vec![
            ratatui::text::Line::styled(
                k,
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ),
            ratatui::text::Line::raw(what),
        ])
    });
    let table = Table::new(rows, [Constraint::Length(19), Constraint::Min(10)]).block(
        Block::bordered()
            .title(" Keys — F1 or Esc closes ")
            .border_style(style::focus_border()),
    );
    frame.render_widget(table, rect);
}
