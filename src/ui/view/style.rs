//! Colours and words: every status is shown by word AND colour.

use crate::ledger::Status;
use crate::till_status::RunMode;
use crate::ui::state::NoticeKind;
use ratatui::style::{Color, Modifier, Style};

pub fn status_style(s: Status) -> Style {
    let fg = match s {
        Status::Fulfilled => Color::Green,
        Status::Refunded => Color::Red,
        Status::UnknownError | Status::Unconfirmed => Color::Yellow,
        Status::Pending | Status::Handling | Status::Sent | Status::Saved => Color::Cyan,
        // Slow, not failed: the colour of "in progress", never the red of a refund.
        Status::Queued => Color::Blue,
        Status::Refused => Color::Magenta,
        Status::NotSent => Color::Gray,
    };
    Style::new().fg(fg).add_modifier(Modifier::BOLD)
}

/// An order's colour: its status's, or for an answered offers lookup the colour of nothing
/// owed (never the red of a refund).
pub fn order_style(o: &crate::ledger::OrderRecord) -> Style {
    if o.is_answered_lookup() {
        Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD)
    } else {
        status_style(o.state.status())
    }
}

pub fn notice_style(kind: NoticeKind) -> Style {
    match kind {
        NoticeKind::Info => Style::new().fg(Color::Green),
        NoticeKind::Warn => Style::new().fg(Color::Yellow),
        NoticeKind::Error => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

pub fn mode_badge(mode: RunMode) -> Style {
    let bg = match mode {
        RunMode::Practice => Color::Yellow,
        RunMode::Sandbox => Color::Cyan,
        RunMode::Production => Color::Red,
        RunMode::Unchecked => Color::Gray,
    };
    Style::new()
        .fg(Color::Black)
        .bg(bg)
        .add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn label() -> Style {
    Style::new().fg(Color::Gray)
}

pub fn strong() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn selected_row() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn focus_border() -> Style {
    Style::new().fg(Color::Cyan)
}
