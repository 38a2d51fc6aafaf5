//! The message line and the status bar, on every screen.

use super::{age_text, style};
use crate::till_status::Connection;
use crate::ui::keys::{Action, hint_key, hint_keys};
use crate::ui::state::{AppState, SaleStep, Screen};
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How old the plans in use are (`plans 3 h`), or that there are none.
pub fn plans_age(state: &AppState) -> String {
    match state.plans.fetched_at {
        Some(t) => match age_text(t, state.now).as_str() {
            "just now" => "plans fresh".to_string(),
            age => format!("plans {age} old"),
        },
        None if state.plans.loaded => "plans age unknown".to_string(),
        None => "no plans yet".to_string(),
    }
}

/// The toast if there is one, else a hint for the current screen.
pub fn message_line(state: &AppState, frame: &mut Frame, area: Rect) {
    let line = match &state.toast {
        Some(t) => Line::styled(
            super::fit(&t.notice.text, usize::from(area.width)),
            style::notice_style(t.notice.kind),
        ),
        None => Line::styled(hint(state), style::dim()),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The keys for what can be done next, named by the keymap.
fn hint(state: &AppState) -> String {
    use Action::*;
    let (enter, back) = (hint_key(Enter), hint_key(Back));
    let arrows = hint_keys(&[Up, Down]);
    if state.help_open {
        return format!("{} or {back} closes the help", hint_key(Help));
    }
    match state.screen {
        Screen::Sale if state.pane.focused => format!(
            "{arrows} choose · {enter} opens the order · {back} or {} back to the form",
            hint_key(Pane)
        ),
        Screen::Sale if state.regulars_offered() => format!(
            "{arrows} regulars · {enter} takes the number · {} repeats the last sale · {} orders",
            hint_key(Repeat),
            hint_key(Pane)
        ),
        Screen::Sale => match state.sale.step {
            SaleStep::Phone => format!(
                "type or paste the number, {enter} · {} offers · {} latest orders",
                hint_key(Menu),
                hint_key(Pane)
            ),
            SaleStep::Plan => format!(
                "{arrows} choose the plan · digits type the amount · {enter} next · {back} back"
            ),
            SaleStep::Amount => {
                format!("type the amount · {enter} to check it · {back} back to the plans")
            }
            SaleStep::Confirm => {
                format!("check with the customer · {enter} SENDS · {back} to change")
            }
        },
        Screen::Plans => format!(
            "type to filter · {arrows} move · {enter} sells the plan · {} refresh · {back} back",
            hint_key(Refresh)
        ),
        Screen::History if state.history.filter_edit.is_some() => format!(
            "{enter} applies the filter · {back} cancels · {} clears",
            hint_key(ClearLine)
        ),
        Screen::History => format!(
            "{} move · {enter} opens · {} filter · {} refresh · {back} back",
            hint_keys(&[Up, Down, PageUp, PageDown]),
            hint_key(EditFilter),
            hint_key(Refresh)
        ),
        Screen::Detail => format!(
            "{arrows} scroll · {} sells a suggested offer · {back} back to the {}",
            hint_key(SellOffer(0)),
            if state.detail_back == Screen::Sale {
                "sale"
            } else {
                "history"
            }
        ),
        Screen::Report if state.report.edit.is_some() => format!(
            "a day (2025-03-01, today, yesterday) or two days · {enter} shows · {back} cancels"
        ),
        Screen::Report => format!(
            "{} day · t today · y yesterday · / a day or range · {} · {back} back",
            hint_keys(&[PageUp, PageDown]),
            hint_key(Refresh)
        ),
    }
}

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let s = &state.status;
    let (conn, conn_style) = match &s.connection {
        Connection::Online => ("● online".to_string(), Style::new().fg(Color::Green)),
        Connection::Offline => ("● offline".to_string(), Style::new().fg(Color::Red)),
        Connection::Error(e) => (
            format!("● error: {}", plain(e)),
            Style::new().fg(Color::Red),
        ),
        Connection::Unknown => ("● connecting".to_string(), style::dim()),
    };
    let balance = match s.balance {
        Some(b) => format!("balance {b}"),
        None => "balance …".to_string(),
    };
    let sep = Span::styled(" │ ", style::dim());
    let mut spans = vec![
        Span::styled(format!(" {} ", s.mode.label()), style::mode_badge(s.mode)),
        Span::raw(" "),
        Span::styled(balance, style::strong()),
        sep.clone(),
        Span::styled(conn, conn_style),
        sep.clone(),
        Span::raw(format!("{} open", s.open_orders)),
        sep,
        Span::raw(plans_age(state)),
    ];
    if state.plans.error.is_some() {
        spans.push(Span::styled(
            " (refresh failed)",
            Style::new().fg(Color::Yellow),
        ));
    }
    let used: usize = spans.iter().map(|sp| sp.width()).sum();
    let width = usize::from(area.width);
    if used > width {
        // Compact: drop the separators' padding so the badge and balance stay visible.
        spans.retain(|sp| sp.content != " │ ");
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(Style::new().bg(Color::Reset)),
        area,
    );
}
