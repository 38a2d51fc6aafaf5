//! The order history (F4): one page, newest first, live statuses.

use super::style::{status_short, status_style};
use super::{local_time, style};
use crate::orders::OrderRecord;
use crate::ui::filter::format_filter;
use crate::ui::fit::Room;
use crate::ui::keys::{Action, hint_key};
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub fn draw(state: &AppState, table_state: &mut TableState, frame: &mut Frame, area: Rect) {
    let h = &state.history;
    let [filter_area, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(filter_line(state)), filter_area);

    let wide = table_area.width >= 110;
    let with_operator = table_area.width >= 130;
    let today = state
        .now
        .with_timezone(&state.settings.timezone)
        .date_naive();
    let rows: Vec<Row> = h
        .orders
        .iter()
        .map(|o| order_row(state, o, wide, with_operator, today))
        .collect();
    let (widths, header) = columns(wide, with_operator);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(style::label().add_modifier(Modifier::UNDERLINED)))
        .block(table_block(state))
        .row_highlight_style(style::selected_row())
        .highlight_symbol("▶ ");
    let selected = (!h.orders.is_empty()).then(|| h.selected.min(h.orders.len() - 1));
    table_state.select(selected);
    frame.render_stateful_widget(table, table_area, table_state);
}

/// The filter being typed, the filter in force, or the invitation to filter.
fn filter_line(state: &AppState) -> Line<'static> {
    let h = &state.history;
    let key = hint_key(Action::EditFilter);
    match &h.filter_edit {
        Some(text) => Line::from(vec![
            Span::styled(
                format!(" {key} "),
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ),
            Span::styled(text.clone(), style::strong()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
        ]),
        None if h.query.is_empty() => Line::from(vec![
            Span::styled(" All orders, newest first", style::strong()),
            Span::styled(format!("   {key} to filter"), style::dim()),
        ]),
        None => Line::from(vec![
            Span::styled(" Filter: ", style::label()),
            Span::styled(format_filter(&h.query), Style::new().fg(Color::Cyan)),
            Span::styled(format!("   {key} to change"), style::dim()),
        ]),
    }
}

/// Columns on a screen under 110 wide: time, phone, plan, amount, status, and at least 6 of
/// the ref.
const NARROW_COLS: [u16; 6] = [11, 13, 16, 10, 13, 6];
/// The room that shows every column whole (one space between columns, the highlight mark and
/// the borders), with the filter line and one row under the header.
pub const MIN_ROOM: Room = Room {
    cols: NARROW_COLS[0]
        + NARROW_COLS[1]
        + NARROW_COLS[2]
        + NARROW_COLS[3]
        + NARROW_COLS[4]
        + NARROW_COLS[5]
        + 5
        + 2
        + 2,
    rows: 1 + 4,
};

/// Column widths and names; wider screens add the price, then the operator.
fn columns(wide: bool, with_operator: bool) -> (Vec<Constraint>, Vec<&'static str>) {
    let [time_w, phone_w, plan_w, amount_w, status_w, ref_w] = NARROW_COLS;
    let mut widths = vec![
        Constraint::Length(time_w),
        Constraint::Length(phone_w),
        Constraint::Length(plan_w),
        Constraint::Length(amount_w),
        Constraint::Length(if wide { 39 } else { status_w }),
        Constraint::Min(ref_w),
    ];
    let mut header = vec!["time", "phone", "plan", "amount", "status", "ref"];
    if wide {
        widths.insert(4, Constraint::Length(10));
        header.insert(4, "price");
    }
    if with_operator {
        widths.insert(2, Constraint::Length(8));
        header.insert(2, "operator");
    }
    (widths, header)
}

/// The frame: page number and loading on top, a filter error or "no orders" at the bottom.
fn table_block(state: &AppState) -> Block<'static> {
    let h = &state.history;
    let page = h.newer_pages.len() + 1;
    let mut title = format!(" History · page {page}");
    if h.has_more {
        title.push_str(" · more ↓");
    }
    if h.loading {
        title.push_str(" · loading…");
    }
    title.push(' ');
    let block = Block::bordered().title(title).border_style(style::dim());
    if let Some(e) = &h.filter_error {
        block.title_bottom(Line::styled(
            format!(" {} ", plain(e)),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        ))
    } else if h.orders.is_empty() && !h.loading {
        block.title_bottom(Line::styled(
            if h.query.is_empty() {
                " no orders yet "
            } else {
                " no order matches this filter "
            },
            style::dim(),
        ))
    } else {
        block
    }
}

fn order_row<'a>(
    state: &AppState,
    o: &OrderRecord,
    wide: bool,
    with_operator: bool,
    today: chrono::NaiveDate,
) -> Row<'a> {
    let local_day = o
        .created_at
        .with_timezone(&state.settings.timezone)
        .date_naive();
    let time = if local_day == today {
        local_time(state, o.created_at, "%H:%M:%S")
    } else {
        local_time(state, o.created_at, "%m-%d %H:%M")
    };
    let status = if wide {
        format!("{} — {}", o.state.label(), status_short(&o.state))
    } else {
        o.state.label().to_string()
    };
    let mut cells = vec![
        Cell::from(time),
        Cell::from(spaced_phone(&o.phone)),
        Cell::from(plain(&o.plan_code)),
        Cell::from(o.amount.to_string()),
        Cell::from(Line::styled(status, status_style(&o.state))),
        Cell::from(ref_cell(o)),
    ];
    if wide {
        let price = o.price.map(|p| p.to_string()).unwrap_or_default();
        cells.insert(4, Cell::from(price));
    }
    if with_operator {
        cells.insert(2, Cell::from(o.operator.name()));
    }
    // Another till's or the dashboard's sale: shown for the record, set apart.
    if o.is_external() {
        return Row::new(cells).style(style::dim());
    }
    Row::new(cells)
}

/// The ref, marked when the order is not one of this till's sales ("[external] …") or was
/// restored from the server's list.
fn ref_cell(o: &OrderRecord) -> Line<'static> {
    match o.origin.mark() {
        Some(mark) => Line::from(vec![
            Span::styled(format!("[{mark}] "), Style::new().fg(Color::Yellow)),
            Span::raw(plain(&o.reference)),
        ]),
        None => Line::raw(plain(&o.reference)),
    }
}
