//! The slip preview: the slip's lines exactly as the printer gets them (shaped, in visual
//! order, at the paper's width), in a box over the screen.

use super::style;
use super::{trm, words_line};
use crate::i18n::MsgId;
use crate::ui::keys::{Action, key_msg};
use crate::ui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let Some(p) = &state.preview else { return };
    let columns = p.lines.iter().map(|l| l.width()).max().unwrap_or(0).max(32) as u16;
    let width = (columns + 2).min(area.width);
    let shown = usize::from(area.height.saturating_sub(2)).min(p.lines.len());
    let height = (shown as u16 + 2).min(area.height);
    let first = p.scroll.min(p.lines.len().saturating_sub(shown));
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let title = trm(state, crate::i18n::Message::new(MsgId::PreviewTitle));
    let hint = trm(
        state,
        crate::i18n::Message::new(MsgId::PreviewHint)
            .msg_of("print", key_msg(Action::Print))
            .msg_of("back", key_msg(Action::Back)),
    );
    let block = Block::bordered()
        .title(words_line(state, vec![Span::raw(format!(" {title} "))]))
        .title_bottom(words_line(state, vec![Span::raw(format!(" {hint} "))]))
        .border_style(style::focus_border());
    // The lines are already as the paper has them: drawn cell by cell, left to right.
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(first)
        .take(shown)
        .map(|l| Line::raw(l.clone()))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
