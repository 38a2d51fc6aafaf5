//! One order, whole: every field, the timeline, the customer's refund message (right-to-left)
//! and the suggested offers, each one key away from a new sale.

use super::style::{status_advice, status_style};
use super::{fit, local_time, style};
use crate::api::types::SuggestedOffer;
use crate::orders::{OrderRecord, OrderState};
use crate::ui::fit::Room;
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::{one_line, paragraph, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// Rows of the fields box (borders, six fields a side, the status and the last error).
const FIELDS_ROWS: u16 = 10;
/// The fields box shows amounts and the status whole from this width (two columns of a
/// 15-column label and a value up to 15 wide, and the borders).
pub const MIN_ROOM: Room = Room {
    cols: 2 * (15 + 15) + 2,
    rows: FIELDS_ROWS + 3,
};

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let Some(d) = &state.detail else {
        frame.render_widget(Paragraph::new("no order selected"), area);
        return;
    };
    let o = &d.order;
    let offers = o.suggested_offers();
    let offers_h = if offers.is_empty() {
        0
    } else {
        (offers.len().min(9) as u16) + 2
    };
    let [fields_area, middle, offers_area] = Layout::vertical([
        Constraint::Length(FIELDS_ROWS),
        Constraint::Min(3),
        Constraint::Length(offers_h),
    ])
    .areas(area);
    fields(state, o, frame, fields_area);

    let has_refund = o.refund_message().is_some();
    let [timeline_area, refund_area] = if has_refund {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(middle)
    } else {
        Layout::horizontal([Constraint::Percentage(100), Constraint::Length(0)]).areas(middle)
    };
    timeline(state, o, d.scroll, frame, timeline_area);
    if let Some(msg) = o.refund_message() {
        refund(state, msg, d.scroll, frame, refund_area);
    }
    if !offers.is_empty() {
        suggested_offers(state, offers, frame, offers_area);
    }
}

/// The first nine suggested offers, each behind the digit that sells it.
fn suggested_offers(state: &AppState, offers: &[SuggestedOffer], frame: &mut Frame, area: Rect) {
    let mode = state.settings.bidi;
    let name_w = usize::from(area.width).saturating_sub(2 + 4 + 17 + 12);
    let lines: Vec<Line> = offers
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, of)| {
            let mut spans = vec![
                Span::styled(
                    format!(" {} ", i + 1),
                    Style::new()
                        .fg(Color::Black)
                        .bg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!(" {:<16}", plain(&of.plan_code)), style::strong()),
                Span::raw(format!("{:>10}  ", of.amount.to_string())),
            ];
            spans.extend(one_line(&of.typename, name_w, mode).spans);
            Line::from(spans)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Suggested offers — press the number to sell it to this line ")
                .border_style(style::dim()),
        ),
        area,
    );
}

fn field(label: &str, value: String, width: usize) -> Line<'static> {
    let value = fit(&value, width.saturating_sub(15));
    Line::from(vec![
        Span::styled(format!("{label:<14} "), style::label()),
        Span::raw(value),
    ])
}

fn money(d: Option<crate::money::Dzd>) -> String {
    d.map(|v| v.to_string()).unwrap_or_else(|| "—".to_string())
}

fn fields(state: &AppState, o: &OrderRecord, frame: &mut Frame, area: Rect) {
    let mut title = vec![
        Span::raw(" Order "),
        Span::styled(plain(&o.reference), style::strong()),
        Span::raw(" "),
    ];
    if let Some(why) = o.origin.explain() {
        title.push(Span::styled(
            format!("· {why} "),
            Style::new().fg(Color::Yellow),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(style::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, status_area, error_area] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    let left_lines = what_was_sold(state, o, usize::from(left.width));
    frame.render_widget(Paragraph::new(left_lines), left);
    let right_lines = money_and_times(state, o, usize::from(right.width));
    frame.render_widget(Paragraph::new(right_lines), right);
    frame.render_widget(Paragraph::new(status_line(state, o)), status_area);
    let err = o
        .last_error
        .as_deref()
        .map(plain)
        .unwrap_or_else(|| "—".into());
    frame.render_widget(
        Paragraph::new(field("Last error", err, usize::from(error_area.width))),
        error_area,
    );
}

/// Ref, topup id, number, operator and plan.
fn what_was_sold(state: &AppState, o: &OrderRecord, width: usize) -> Vec<Line<'static>> {
    let code = plain(&o.plan_code);
    let mut plan = vec![
        Span::styled(format!("{:<14} ", "Plan"), style::label()),
        Span::raw(format!("{code} ")),
    ];
    let name_w = width.saturating_sub(16 + code.chars().count());
    plan.extend(one_line(&o.plan_name, name_w, state.settings.bidi).spans);
    vec![
        field("Ref", plain(&o.reference), width),
        field(
            "Topup id",
            o.topup_id
                .as_deref()
                .map(plain)
                .unwrap_or_else(|| "— (not sent yet)".into()),
            width,
        ),
        field("Phone", spaced_phone(&o.phone), width),
        field("Operator", o.operator.name().to_string(), width),
        Line::from(plan),
        field("Kind", o.plan_kind.to_string(), width),
    ]
}

/// Amount, price, cost, what the API charged, when it was made and how often it was checked.
fn money_and_times(state: &AppState, o: &OrderRecord, width: usize) -> Vec<Line<'static>> {
    vec![
        field("Amount", o.amount.to_string(), width),
        field("Price", money(o.price), width),
        field("Expected cost", money(o.expected_cost), width),
        field("API charged", money(o.net_charged()), width),
        field("Created", local_time(state, o.created_at, TIME), width),
        field(
            "Checks",
            format!("{} · send attempts {}", o.checks, o.send_attempts),
            width,
        ),
    ]
}

/// The status word in its colour, what it means for the staff, and the refusal or since when.
fn status_line(state: &AppState, o: &OrderRecord) -> Line<'static> {
    let detail = match &o.state {
        OrderState::Refused { code, message } => {
            format!(" ({}: {})", plain(code), plain(message))
        }
        OrderState::Unconfirmed { since } => {
            format!(" (since {})", local_time(state, *since, "%H:%M:%S"))
        }
        _ => String::new(),
    };
    Line::from(vec![
        Span::styled(format!("{:<14} ", "Status"), style::label()),
        Span::styled(o.state.label(), status_style(&o.state)),
        Span::styled(
            format!(" — {}{detail}", status_advice(&o.state)),
            status_style(&o.state).remove_modifier(Modifier::BOLD),
        ),
    ])
}

fn timeline(state: &AppState, o: &OrderRecord, scroll: u16, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = if o.history.is_empty() {
        vec![Line::styled(" no status change yet", style::dim())]
    } else {
        o.history
            .iter()
            .map(|h| {
                let st = status_style_for_label(&h.state);
                let mut spans = vec![
                    Span::styled(
                        format!(" {} ", local_time(state, h.at, "%m-%d %H:%M:%S")),
                        style::dim(),
                    ),
                    Span::styled(plain(&h.state), st),
                ];
                if let Some(n) = &h.note {
                    spans.push(Span::styled(format!("  {}", plain(n)), style::dim()));
                }
                Line::from(spans)
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(" Timeline ")
                    .border_style(style::dim()),
            ),
        area,
    );
}

fn status_style_for_label(label: &str) -> Style {
    let state = match label {
        "FULFILLED" => OrderState::Fulfilled,
        "REFUNDED" => OrderState::Refunded,
        "UNKNOWN_ERROR" => OrderState::UnknownError,
        "PENDING" => OrderState::Pending,
        "HANDLING" => OrderState::Handling,
        "NOT_SENT" => OrderState::NotSent,
        "REFUSED" => OrderState::Refused {
            code: String::new(),
            message: String::new(),
        },
        "UNCONFIRMED" => OrderState::Unconfirmed {
            since: chrono::DateTime::UNIX_EPOCH,
        },
        _ => OrderState::Sent,
    };
    status_style(&state)
}

fn refund(state: &AppState, msg: &str, scroll: u16, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(" Message for the customer ")
        .border_style(Style::new().fg(Color::Yellow));
    let inner = block.inner(area);
    // The text layer aligns by direction: an Arabic message sits on the right of its box.
    let lines = paragraph(msg, inner.width, state.settings.bidi);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}
