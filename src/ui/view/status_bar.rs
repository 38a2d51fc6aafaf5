//! The message line and the status bar, on every screen.

use super::{age_text, style};
use crate::till_status::Connection;
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

fn hint(state: &AppState) -> &'static str {
    if state.help_open {
        return "F1 or Esc closes the help";
    }
    match state.screen {
        Screen::Sale if state.pane.focused => {
            "↑↓ choose · Enter opens the order · Esc or Tab back to the form"
        }
        Screen::Sale if state.regulars_offered() => {
            "↑↓ regulars · Enter takes the number · F8 repeats the last sale · Tab orders"
        }
        Screen::Sale => match state.sale.step {
            SaleStep::Phone => "type or paste the number, Enter · F6 offers · Tab latest orders",
            SaleStep::Plan => "↑↓ choose the plan · digits type the amount · Enter next · Esc back",
            SaleStep::Amount => "type the amount · Enter to check it · Esc back to the plans",
            SaleStep::Confirm => "check with the customer · Enter SENDS · Esc to change",
        },
        Screen::Plans => "type to filter · ↑↓ move · Enter sells the plan · F5 refresh · Esc back",
        Screen::History if state.history.filter_edit.is_some() => {
            "Enter applies the filter · Esc cancels · Ctrl-U clears"
        }
        Screen::History => "↑↓ PgUp PgDn move · Enter opens · / filter · F5 refresh · Esc back",
        Screen::Detail if state.detail_back == Screen::Sale => {
            "↑↓ scroll · 1-9 sells a suggested offer · Esc back to the sale"
        }
        Screen::Detail => "↑↓ scroll · 1-9 sells a suggested offer · Esc back to the history",
        Screen::Report if state.report.edit.is_some() => {
            "a day (2025-03-01, today, yesterday) or two days · Enter shows · Esc cancels"
        }
        Screen::Report => {
            "PgUp PgDn day · t today · y yesterday · / a day or range · F5 · Esc back"
        }
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
