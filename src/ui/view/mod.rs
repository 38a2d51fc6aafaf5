//! Drawing only: `view` reads the state and paints a frame. No I/O; the only thing it writes is
//! where each list is scrolled to ([`ListStates`]), kept for the next frame.

pub mod bigdigits;
pub mod confirm;
pub mod detail;
pub mod help;
pub mod history;
pub mod internet_sale;
pub mod notices;
pub mod pane;
pub mod plans;
pub mod preview;
pub mod report;
pub mod room;
pub mod sale;
pub mod status_bar;
pub mod style;
pub mod widgets;

use super::fit::TooSmall;
use super::keys::{BindingId, binding};
use super::state::{AppState, ListStates, NoticeKind, Screen};
use crate::i18n::{Message, MsgId};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph};
use room::too_small;
use unicode_width::UnicodeWidthStr;

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
            Screen::Sale => sale::draw(state, lists, frame, body),
            Screen::Plans => plans::draw(state, &mut lists.browser, frame, body),
            Screen::History => history::draw(state, &mut lists.history, frame, body),
            Screen::Detail => detail::draw(state, frame, body),
            Screen::Report => report::draw(state, frame, body),
        }
        status_bar::message_line(state, frame, message);
        status_bar::draw(state, frame, status);
    }
    if state.preview.is_some() {
        preview::draw(state, frame, frame.area());
    }
    // Over everything, a window too small for the screen included: F1 always answers.
    if state.help_open {
        help::draw(state, frame, frame.area());
    }
    if state.notices.open {
        notices::draw(state, frame, frame.area());
    }
}

/// The notice that replaces a screen the window cannot show whole: in the body when it has
/// room for it (the tab bar and the status bar stay; the message line's hints would be
/// wrong), else a short one over the whole window.
fn draw_too_small(state: &AppState, frame: &mut Frame, small: &TooSmall, areas: [Rect; 4]) {
    let [tabs, body, _, status] = areas;
    let long = trm(state, small.message());
    let rows_needed = long.width() / usize::from(body.width.max(1)) + 2;
    let (area, text) = if usize::from(body.height) >= rows_needed {
        tab_bar(state, frame, tabs);
        status_bar::draw(state, frame, status);
        (body, long)
    } else {
        (frame.area(), trm(state, small.short_message()))
    };
    // Wrapped, and in Arabic laid out right to left, by the text layer.
    let lines: Vec<Line> = text
        .lines()
        .flat_map(|l| super::text_bridge::words_paragraph(l, area.width, state.settings.bidi))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).style(style::notice_style(NoticeKind::Warn)),
        area,
    );
}

/// The screens' keys as tabs, then the keys that work everywhere; all named by the keymap.
fn tab_bar(state: &AppState, frame: &mut Frame, area: Rect) {
    let current = match state.screen {
        Screen::Sale => BindingId::Sale,
        Screen::Plans => BindingId::Plans,
        Screen::History | Screen::Detail => BindingId::History,
        Screen::Report => BindingId::Report,
    };
    let tab = |id: BindingId| {
        let b = binding(id);
        let word = id.tab_msg().map(|m| tr(state, m)).unwrap_or_default();
        format!("{} {word}", b.keys[0].on.name_in(state.lang()))
    };
    let mut spans = Vec::new();
    for id in [
        BindingId::Sale,
        BindingId::Plans,
        BindingId::History,
        BindingId::Report,
    ] {
        let style = if id == current {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!(" {} ", tab(id)), style));
        spans.push(Span::raw(" "));
    }
    // The keys that work everywhere, those that fit, chosen most needed first (help, then the
    // language key for whoever cannot read this one), shown in the keymap's order.
    let global = [
        (0, BindingId::Help),
        (3, BindingId::Language),
        (4, BindingId::Quit),
        (1, BindingId::Refresh),
        (2, BindingId::Menu),
    ];
    // When some do not fit, room is kept for the `…` that says so (F1 lists them all).
    let tabs_w = spans.iter().map(Span::width).sum::<usize>() + 2;
    let fitting = |reserve: usize| {
        let mut used = tabs_w + reserve;
        let mut shown = Vec::new();
        for (order, id) in global {
            let hint = tab(id);
            let w = unicode_width::UnicodeWidthStr::width(hint.as_str()) + 2;
            if used + w <= usize::from(area.width) {
                used += w;
                shown.push((order, hint));
            }
        }
        shown
    };
    let mut shown = fitting(0);
    let dropped = shown.len() < global.len();
    if dropped {
        // Each hint was counted with two spaces after it: the last one's hold the `…`'s
        // separator, so the mark needs one more column.
        shown = fitting(1);
    }
    shown.sort();
    let mut shown: Vec<String> = shown.into_iter().map(|(_, h)| h).collect();
    if dropped {
        shown.push(crate::text::CUT.to_string());
    }
    spans.push(Span::styled(
        format!("│ {}", shown.join("  ")),
        style::dim(),
    ));
    // Narrower still, the screens' tabs are cut at their logical end, never their start.
    let line = super::text_bridge::cut_line(
        words_line(state, spans),
        usize::from(area.width),
        state.lang().is_rtl(),
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// A message without placeables, in the screen's language.
pub fn tr(state: &AppState, id: MsgId) -> &'static str {
    state.lang().t(id)
}

/// A message with placeables, in the screen's language.
pub fn trm(state: &AppState, m: Message) -> String {
    state.lang().f(&m)
}

/// A line of the till's words in the screen's language and direction (see
/// [`crate::ui::text_bridge::words`]).
pub fn words_line(state: &AppState, spans: Vec<Span<'static>>) -> Line<'static> {
    super::text_bridge::words(spans, state.lang(), state.settings.bidi)
}

/// Side-by-side areas in reading order: in a right-to-left language the first is on the right.
pub fn hsplit<const N: usize>(state: &AppState, area: Rect, c: [Constraint; N]) -> [Rect; N] {
    if !state.lang().is_rtl() {
        return Layout::horizontal(c).areas(area);
    }
    let mut rev = c;
    rev.reverse();
    let mut areas: [Rect; N] = Layout::horizontal(rev).areas(area);
    areas.reverse();
    areas
}

/// Table columns in reading order: right to left in a right-to-left language, with the
/// selection marker on the right (ratatui puts its highlight symbol on the left).
pub struct Columns {
    pub rtl: bool,
}

impl Columns {
    pub fn of(state: &AppState) -> Columns {
        Columns {
            rtl: state.lang().is_rtl(),
        }
    }

    /// The widths, with the marker column when right to left.
    pub fn widths(&self, mut w: Vec<Constraint>) -> Vec<Constraint> {
        if self.rtl {
            w.reverse();
            w.push(Constraint::Length(2));
        }
        w
    }

    /// One row's cells; `selected` marks it in right-to-left order.
    pub fn cells<'a>(&self, mut cells: Vec<Cell<'a>>, selected: bool) -> Vec<Cell<'a>> {
        if self.rtl {
            cells.reverse();
            cells.push(Cell::from(if selected { "◀" } else { "" }));
        }
        cells
    }

    /// The header row: the column titles in the catalogue's words, underlined, in reading order.
    pub fn header(&self, state: &AppState, titles: Vec<MsgId>) -> ratatui::widgets::Row<'static> {
        let head_style = style::label().add_modifier(Modifier::UNDERLINED);
        let cells: Vec<Cell> = titles
            .into_iter()
            .map(|id| Cell::from(cell_words(state, tr(state, id), head_style)))
            .collect();
        ratatui::widgets::Row::new(self.cells(cells, false)).style(head_style)
    }

    /// The highlight symbol ratatui draws on the left: none when right to left.
    pub fn symbol(&self) -> &'static str {
        if self.rtl { "" } else { "▶ " }
    }
}

/// A money cell (an amount, a price, a range): right-aligned in every language and direction,
/// so amounts line up on their last digit and never touch the column before them.
pub fn money_cell(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

/// A header or cell of the till's words, laid out for the screen's direction.
pub fn cell_words(state: &AppState, text: &str, style: Style) -> Line<'static> {
    words_line(state, vec![Span::styled(text.to_string(), style)])
}

/// A local date-time for the shop.
pub fn local_time(state: &AppState, t: DateTime<Utc>, fmt: &str) -> String {
    t.with_timezone(&state.settings.timezone())
        .format(fmt)
        .to_string()
}

/// When something happened, in the clerk's way of writing dates: the time alone today
/// (`19:08:42`), else the day and the time (`06/12 19:08` in French and Arabic).
pub fn when(state: &AppState, t: DateTime<Utc>) -> String {
    let zone = state.settings.timezone();
    let today = state.now.with_timezone(&zone).date_naive();
    let dates = state.lang().dates();
    if t.with_timezone(&zone).date_naive() == today {
        local_time(state, t, dates.time)
    } else {
        local_time(state, t, dates.day_time)
    }
}

/// A time with its whole date, in the clerk's way (`06/12/2026 19:08:42`).
pub fn when_full(state: &AppState, t: DateTime<Utc>) -> String {
    local_time(state, t, state.lang().dates().full)
}

/// `text` cut to `width` columns with `…` (for one-line fields): the screen's one
/// truncation rule ([`crate::ui::text_bridge::cut_text`]).
pub fn fit(text: &str, width: usize) -> String {
    super::text_bridge::cut_text(text, width)
}

/// An order's amount in a list: its face value, or `—` for an answered offers lookup (nobody
/// pays for it: no amount to read as money).
pub(super) fn amount_cell(o: &crate::ledger::OrderRecord) -> String {
    if o.is_answered_lookup() {
        "—".to_string()
    } else {
        o.amount.to_string()
    }
}
