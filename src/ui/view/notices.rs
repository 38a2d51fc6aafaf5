//! The notices list (Ctrl-L): the messages that were shown as toasts this session, newest
//! first, each with its time, worded again in the screen's language. Toasts vanish; this is
//! where the clerk reads one again. It covers the window like the help and scrolls the same way.

use super::{style, trm, when, words_line};
use crate::i18n::MsgId;
use crate::ui::keys::{Action, key_msg, keyed};
use crate::ui::state::AppState;
use crate::ui::text_bridge::{cut_line, cut_text, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let rtl = state.lang().is_rtl();
    let width = area.width.min(100);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(area.height));
    frame.render_widget(Clear, rect);
    let title = trm(
        state,
        keyed(MsgId::NoticesTitle).msg_of("key", key_msg(Action::Notices)),
    );
    let block = Block::bordered()
        .title(words_line(state, vec![Span::raw(format!(" {title} "))]))
        .border_style(style::focus_border());
    let inner = block.inner(rect);
    let room = usize::from(inner.width);
    let past = &state.notices.past;
    let lines: Vec<Line> = if past.is_empty() {
        vec![words_line(
            state,
            vec![Span::styled(
                format!(" {}", super::tr(state, MsgId::NoticesEmpty)),
                style::dim(),
            )],
        )]
    } else {
        let first = state.notices.scroll.min(state.notices_scroll_max());
        past.iter()
            .skip(first)
            .take(usize::from(inner.height))
            .map(|p| {
                let time = Span::styled(format!(" {} ", when(state, p.at)), style::dim());
                // Cut in reading order before the line is laid out, so a ref at the end of an
                // Arabic sentence loses its end, not its start.
                let room_left = room.saturating_sub(time.width());
                let text = Span::styled(
                    cut_text(&plain(&p.notice.text(state.lang())), room_left),
                    style::notice_style(p.notice.kind),
                );
                cut_line(words_line(state, vec![time, text]), room, rtl)
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
