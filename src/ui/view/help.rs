//! The help overlay (F1): every key, from the keymap table that also makes the README's.

use super::style;
use super::{trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::ui::keys::{Action, hint_key, keymap_help_in};
use crate::ui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let keys = keymap_help_in(state.lang());
    let height = (keys.len() as u16 + 2).min(area.height);
    let width = area.width.min(78);
    let key_w = keys
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(0) as u16;
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let cols = super::Columns::of(state);
    let key_style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let rows = keys.into_iter().map(|(k, what)| {
        // Key names read left to right; in Arabic the key column is on the right.
        let key = if cols.rtl {
            words_line(state, vec![Span::styled(k, key_style)])
        } else {
            Line::styled(k, key_style)
        };
        let what = words_line(state, vec![Span::raw(what)]);
        let mut cells = vec![Cell::from(key), Cell::from(what)];
        if cols.rtl {
            cells.reverse();
        }
        Row::new(cells)
    });
    let mut widths = [Constraint::Length(key_w), Constraint::Min(10)];
    if cols.rtl {
        widths.reverse();
    }
    let title = trm(
        state,
        Message::new(MsgId::HelpTitle)
            .text("help", hint_key(Action::Help))
            .text("back", hint_key(Action::Back)),
    );
    let title = words_line(state, vec![Span::raw(format!(" {title} "))]);
    let table = Table::new(rows, widths).block(
        Block::bordered()
            .title(title)
            .border_style(style::focus_border()),
    );
    frame.render_widget(table, rect);
}
