//! The order history (F4): one page, newest first, live statuses.

use super::{Columns, cell_words, money_cell, style, tr, trm, when, words_line};
use crate::i18n::{Message, MsgId};
use crate::orders::OrderRecord;
use crate::ui::filter::format_filter;
use crate::ui::fit::Room;
use crate::ui::keys::{Action, hint_key_in};
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

/// The status column when narrow: the longest state word in any language fits.
const STATUS_W: u16 = 13;
/// The status column when wide: the word and what to do, in every language.
const STATUS_WIDE_W: u16 = 36;

pub fn draw(state: &AppState, table_state: &mut TableState, frame: &mut Frame, area: Rect) {
    let h = &state.history;
    let [filter_area, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    // Too long (a long error beside what was typed), it is cut at its logical end.
    let filter = crate::ui::text_bridge::cut_line(
        filter_line(state),
        usize::from(filter_area.width),
        state.lang().is_rtl(),
    );
    frame.render_widget(Paragraph::new(filter), filter_area);

    let wide = table_area.width >= 110;
    let with_operator = table_area.width >= 130;
    let selected = (!h.orders.is_empty()).then(|| h.selected.min(h.orders.len() - 1));
    let cols = Columns::of(state);
    // What the ref column gets: the inner width less the mark, the fixed columns and the
    // spaces between them (a longer ref is cut and marked `…`).
    let (fixed, n) =
        columns(wide, with_operator)
            .0
            .iter()
            .fold((0u16, 0u16), |(w, n), c| match c {
                Constraint::Length(l) => (w + l, n + 1),
                _ => (w, n + 1),
            });
    // (Right to left, the mark is a column of its own: one more space between columns.)
    let gaps = if cols.rtl { n } else { n.saturating_sub(1) };
    let ref_room = usize::from(table_area.width.saturating_sub(2 + 2 + fixed + gaps));
    let rows: Vec<Row> = h
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let cells = order_row(state, o, wide, with_operator, ref_room);
            let row = Row::new(cols.cells(cells, Some(i) == selected));
            // Another till's or the dashboard's sale: shown for the record, set apart.
            if o.is_external() {
                row.style(style::dim())
            } else {
                row
            }
        })
        .collect();
    let (widths, header) = columns(wide, with_operator);
    let table = Table::new(rows, cols.widths(widths))
        .header(cols.header(state, header))
        .block(table_block(state))
        .row_highlight_style(style::selected_row())
        .highlight_symbol(cols.symbol());
    table_state.select(selected);
    frame.render_stateful_widget(table, table_area, table_state);
}

/// The filter being typed, the filter in force, or the invitation to filter.
fn filter_line(state: &AppState) -> Line<'static> {
    let h = &state.history;
    let key = hint_key_in(state.lang(), Action::EditFilter);
    match &h.filter_edit {
        // What is typed reads left to right; in Arabic it sits at the right edge.
        Some(text) => {
            let mut spans = vec![
                Span::styled(
                    format!(" {key} "),
                    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                ),
                Span::styled(text.clone(), style::strong()),
                Span::styled("▏", Style::new().fg(Color::Cyan)),
            ];
            // What is wrong with the line, on the line: after what was typed, in the clerk's
            // direction (laid out by the text layer).
            let error = h.filter_error.as_ref().map(|e| {
                words_line(
                    state,
                    vec![Span::styled(
                        format!("⚠ {}", plain(&e.in_lang(state.lang()))),
                        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                    )],
                )
            });
            if state.lang().is_rtl() {
                let mut all = error.map(|l| l.spans).unwrap_or_default();
                all.push(Span::raw("  "));
                all.append(&mut spans);
                Line::from(all).right_aligned()
            } else {
                if let Some(l) = error {
                    spans.push(Span::raw("  "));
                    spans.extend(l.spans);
                }
                Line::from(spans)
            }
        }
        None if h.query.is_empty() => words_line(
            state,
            vec![
                Span::styled(format!(" {}", tr(state, MsgId::HistAll)), style::strong()),
                Span::styled(
                    format!(
                        "   {}",
                        trm(
                            state,
                            Message::new(MsgId::HistSlashFilter).text("key", &key)
                        )
                    ),
                    style::dim(),
                ),
            ],
        ),
        None => words_line(
            state,
            vec![
                Span::styled(
                    format!(" {} ", state.lang().label(MsgId::FilterLabel)),
                    style::label(),
                ),
                Span::styled(
                    format_filter(&h.query, state.lang()),
                    Style::new().fg(Color::Cyan),
                ),
                Span::styled(
                    format!(
                        "   {}",
                        trm(
                            state,
                            Message::new(MsgId::HistSlashChange).text("key", &key)
                        )
                    ),
                    style::dim(),
                ),
            ],
        ),
    }
}

/// Columns on a screen under 110 wide: time, phone, plan, amount, status (the longest state
/// word in any language fits), and at least 6 of the ref.
const NARROW_COLS: [u16; 6] = [11, 13, 15, 10, STATUS_W, 6];
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

/// Column widths and names; wider screens add the price, then the operator. The status column
/// holds the word and what to do when wide; the ref keeps what is left.
fn columns(wide: bool, with_operator: bool) -> (Vec<Constraint>, Vec<MsgId>) {
    let [time_w, phone_w, plan_w, amount_w, status_w, ref_w] = NARROW_COLS;
    let mut widths = vec![
        Constraint::Length(time_w),
        Constraint::Length(phone_w),
        Constraint::Length(plan_w),
        Constraint::Length(amount_w),
        Constraint::Length(if wide { STATUS_WIDE_W } else { status_w }),
        Constraint::Min(ref_w),
    ];
    let mut header = vec![
        MsgId::ColTime,
        MsgId::ColPhone,
        MsgId::ColPlan,
        MsgId::ColAmount,
        MsgId::ColStatus,
        MsgId::ColRef,
    ];
    if wide {
        widths.insert(4, Constraint::Length(10));
        header.insert(4, MsgId::ColPrice);
    }
    if with_operator {
        widths.insert(2, Constraint::Length(10));
        header.insert(2, MsgId::ColOperator);
    }
    (widths, header)
}

/// The frame: page number and loading on top, "no orders" at the bottom (a filter error is on
/// the filter line).
fn table_block(state: &AppState) -> Block<'static> {
    let h = &state.history;
    let page = h.newer_pages.len() + 1;
    let mut title = trm(
        state,
        Message::new(MsgId::HistTitle).num("page", page as i64),
    );
    if h.has_more {
        title.push_str(&format!(" · {}", tr(state, MsgId::HistMore)));
    }
    if h.loading {
        title.push_str(&format!(" · {}", tr(state, MsgId::HistLoading)));
    }
    let title = words_line(state, vec![Span::raw(format!(" {title} "))]);
    let block = Block::bordered().title(title).border_style(style::dim());
    if h.orders.is_empty() && !h.loading {
        let id = if h.query.is_empty() {
            MsgId::HistEmpty
        } else {
            MsgId::HistNoMatch
        };
        block.title_bottom(words_line(
            state,
            vec![Span::styled(format!(" {} ", tr(state, id)), style::dim())],
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
    ref_room: usize,
) -> Vec<Cell<'a>> {
    let time = when(state, o.created_at);
    let word = tr(state, o.word());
    let status = if wide {
        format!("{word} — {}", tr(state, o.short_advice()))
    } else {
        word.to_string()
    };
    let mut cells = vec![
        Cell::from(time),
        Cell::from(spaced_phone(&o.phone)),
        Cell::from(plain(&o.plan_code)),
        money_cell(super::amount_cell(o)),
        Cell::from(cell_words(state, &status, super::style::order_style(o))),
        // A bare ref reads left to right in every language; with its Arabic mark the line
        // is right to left.
        Cell::from(crate::ui::text_bridge::cut_line(
            ref_cell(state, o),
            ref_room,
            state.lang().is_rtl() && o.origin.mark_word().is_some(),
        )),
    ];
    if wide {
        let price = o.price.map(|p| p.to_string()).unwrap_or_default();
        cells.insert(4, money_cell(price));
    }
    if with_operator {
        cells.insert(2, Cell::from(o.line.name()));
    }
    cells
}

/// The ref, marked when the order is not one of this till's sales ("[external] …") or was
/// restored from the server's list.
fn ref_cell(state: &AppState, o: &OrderRecord) -> Line<'static> {
    match o.origin.mark_word() {
        Some(mark) => words_line(
            state,
            vec![
                Span::styled(
                    format!("[{}] ", tr(state, mark)),
                    Style::new().fg(Color::Yellow),
                ),
                Span::raw(plain(&o.reference)),
            ],
        ),
        None => Line::raw(plain(&o.reference)),
    }
}
