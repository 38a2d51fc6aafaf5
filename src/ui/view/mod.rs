//! Drawing only: `view` reads the state and paints a frame. No I/O; the only thing it writes is
//! where each list is scrolled to ([`ListStates`]), kept for the next frame.

pub mod bigdigits;
pub mod detail;
pub mod help;
pub mod history;
pub mod pane;
pub mod plans;
pub mod report;
pub mod sale;
pub mod status_bar;
pub mod style;

use super::fit::{TooSmall, too_small};
use super::keys::{BindingId, binding};
use super::state::{AppState, ListStates, NoticeKind, Screen};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the whole screen, and keeps the lists' scroll positions in `state.lists`.
pub fn view(state: &mut AppState, frame: &mut Frame) {
    let mut lists = state.lists;
    draw(state, &mut lists, frame);
    state.lists = lists;
}

fn draw(state: &AppState, lists: &mut ListStates, frame: &mut Frame) {
    let [tabs, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    if let Some(small) = too_small(state) {
        draw_too_small(state, frame, &small, [tabs, body, message, status]);
    } else {
        tab_bar(state, frame, tabs);
        match state.screen {
            Screen::Sale => sale::draw(state, &mut lists.sale_plans, frame, body),
            Screen::Plans => plans::draw(state, &mut lists.browser, frame, body),
            Screen::History => history::draw(state, &mut lists.history, frame, body),
            Screen::Detail => detail::draw(state, frame, body),
            Screen::Report => report::draw(state, frame, body),
        }
        status_bar::message_line(state, frame, message);
        status_bar::draw(state, frame, status);
    }
    // Over everything, a window too small for the screen included: F1 always answers.
    if state.help_open {
        help::draw(state, frame, frame.area());
    }
}

/// The notice that replaces a screen the window cannot show whole: in the body when it has
/// room for it (the tab bar and the status bar stay; the message line's hints would be
/// wrong), else a short one over the whole window.
fn draw_too_small(state: &AppState, frame: &mut Frame, small: &TooSmall, areas: [Rect; 4]) {
    let [tabs, body, _, status] = areas;
    let long = small.message();
    let rows_needed = long.chars().count() / usize::from(body.width.max(1)) + 2;
    let (area, text) = if usize::from(body.height) >= rows_needed {
        tab_bar(state, frame, tabs);
        status_bar::draw(state, frame, status);
        (body, long)
    } else {
        (frame.area(), small.short_message())
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .style(style::notice_style(NoticeKind::Warn))
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// The screens' keys as tabs, then the keys that work everywhere; all named by the keymap.
fn tab_bar(state: &AppState, frame: &mut Frame, area: Rect) {
    let current = match state.screen {
        Screen::Sale => BindingId::Sale,
        Screen::Plans => BindingId::Plans,
        Screen::History | Screen::Detail => BindingId::History,
        Screen::Report => BindingId::Books,
    };
    let tab = |id| {
        let b = binding(id);
        format!("{} {}", b.keys[0].on.symbol(), b.tab.unwrap_or_default())
    };
    let mut spans = Vec::new();
    for id in [
        BindingId::Sale,
        BindingId::Plans,
        BindingId::History,
        BindingId::Books,
    ] {
        let style = if id == current {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!(" {} ", tab(id)), style));
        spans.push(Span::raw(" "));
    }
    // A narrow terminal keeps the help and quit keys; the others are in the F1 list.
    let globals: &[BindingId] = if area.width >= 90 {
        &[
            BindingId::Help,
            BindingId::Refresh,
            BindingId::Offers,
            BindingId::Quit,
        ]
    } else {
        &[BindingId::Help, BindingId::Quit]
    };
    let global: Vec<String> = globals.iter().map(|&id| tab(id)).collect();
    spans.push(Span::styled(
        format!("│ {}", global.join("  ")),
        style::dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `3 min`, `5 h`, `2 days`: how old something is, to the precision staff care about.
pub fn age_text(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min", secs / 60),
        3600..86400 => format!("{} h", secs / 3600),
        86400..172800 => "1 day".to_string(),
        _ => format!("{} days", secs / 86400),
    }
}

/// The time-dependent text on screen: `update` redraws on a tick only when this changes.
pub fn clock_text(state: &AppState) -> String {
    status_bar::plans_age(state)
}

/// A local date-time for the shop.
pub fn local_time(state: &AppState, t: DateTime<Utc>, fmt: &str) -> String {
    t.with_timezone(&state.settings.timezone)
        .format(fmt)
        .to_string()
}

/// `text` cut to `width` columns with an ellipsis (for one-line fields).
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}
