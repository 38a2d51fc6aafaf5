//! The help overlay (F1): every key, from the keymap table that also makes the README's. It
//! covers the whole window so that every key fits at 80×24; a shorter window scrolls it with
//! the list keys, and its bottom border says so.

use super::style;
use super::{trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::ui::keys::{Action, hint_keys_in, keymap_help_in};
use crate::ui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let keys = keymap_help_in(state.lang());
    let total = keys.len();
    let shown = state.help_rows().min(total);
    let first = state.help_scroll.min(state.help_scroll_max());
    let height = (shown as u16 + 2).min(area.height);
    let width = area.width.min(80);
    let key_w = keys
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(0) as u16;
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let cols = super::Columns::of(state);
    // Inside the borders, after the key column and the space between the columns.
    let text_w = usize::from(width.saturating_sub(2 + key_w + 1));
    let key_style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let rows = keys.into_iter().skip(first).take(shown).map(|(k, what)| {
        // Key names read left to right; in Arabic the key column is on the right.
        let key = if cols.rtl {
            words_line(state, vec![Span::styled(k, key_style)])
        } else {
            Line::styled(k, key_style)
        };
        // A help text longer than its column says so (`…` at its logical end).
        let what = crate::ui::text_bridge::cut_line(
            words_line(state, vec![Span::raw(what)]),
            text_w,
            cols.rtl,
        );
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
    let title = trm(state, crate::ui::keys::keyed(MsgId::HelpTitle));
    let title = words_line(state, vec![Span::raw(format!(" {title} "))]);
    let mut block = Block::bordered()
        .title(title)
        .border_style(style::focus_border());
    if shown < total {
        let more = trm(
            state,
            Message::new(MsgId::HelpMore)
                .num("first", (first + 1) as i64)
                .num("last", (first + shown) as i64)
                .num("total", total as i64)
                .text(
                    "keys",
                    hint_keys_in(
                        state.lang(),
                        &[Action::Up, Action::Down, Action::PageUp, Action::PageDown],
                    ),
                ),
        );
        block = block.title_bottom(words_line(state, vec![Span::raw(format!(" {more} "))]));
    }
    let table = Table::new(rows, widths).block(block);
    frame.render_widget(table, rect);
}
