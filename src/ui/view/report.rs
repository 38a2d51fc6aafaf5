//! The report screen (F7): the day's cash-up per operator, the refunds to hand back, sales by
//! hour, the last 30 days, and the operators' shares. Draws `state.report` only.

use super::widgets::line_color;
use super::{cell_words, fit, hsplit, local_time, style, tr, trm, words_line};
use crate::books::{Report, Totals, words};
use crate::i18n::{Message, MsgId};
use crate::money::Dzd;
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Cell, Paragraph, Row, Sparkline, Table};

/// The smallest body the report is drawn in: the table of lines and a few chart rows.
pub const MIN_ROOM: crate::ui::fit::Room = crate::ui::fit::Room { cols: 60, rows: 18 };

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    title_line(state, frame, title);
    let Some(data) = &state.report.data else {
        frame.render_widget(
            Paragraph::new(cell_words(
                state,
                &format!(" {}", tr(state, MsgId::BooksLoading)),
                style::dim(),
            )),
            body,
        );
        return;
    };
    let r = &data.report;
    let table_h = words::lines(&r.total).len() as u16 + 1;
    let charts = if body.width >= 110 {
        // Wide: the table (boxed) beside the shares and the refunds, the charts below.
        let [top, charts] =
            Layout::vertical([Constraint::Length(table_h + 2), Constraint::Min(6)]).areas(body);
        let [left, right] = hsplit(state, top, [Constraint::Length(86), Constraint::Min(30)]);
        table(state, r, frame, left, true);
        let ops = r.by_line.len().max(1) as u16;
        let [shares_area, refunds_area] =
            Layout::vertical([Constraint::Length(ops + 2), Constraint::Min(3)]).areas(right);
        shares(state, r, frame, shares_area);
        refunds(state, r, frame, refunds_area, true);
        charts
    } else {
        // Narrow: the table without a box, one line of shares, the refunds, then the charts.
        let most = if body.height >= 26 { 5 } else { 2 };
        let refunds_h =
            (r.refunds.len() as u16 + r.refunds_unlisted.min(1) as u16).clamp(1, most) + 1;
        let [table_area, shares_area, refunds_area, charts] = Layout::vertical([
            Constraint::Length(table_h),
            Constraint::Length(1),
            Constraint::Length(refunds_h),
            Constraint::Min(4),
        ])
        .areas(body);
        table(state, r, frame, table_area, false);
        shares_line(state, r, frame, shares_area);
        refunds(state, r, frame, refunds_area, false);
        charts
    };
    let [hours, days] = hsplit(state, charts, [Constraint::Min(30), Constraint::Length(34)]);
    by_hour(state, &data.hourly, frame, hours);
    last_days(state, &data.daily, frame, days);
}

/// The title line: the period being typed, or the period shown; an error after either.
fn title_line(state: &AppState, frame: &mut Frame, area: Rect) {
    let rv = &state.report;
    let line = match &rv.edit {
        Some(text) => typed_period_line(state, text),
        None => period_line(state),
    };
    let line = match (&rv.edit, &rv.error) {
        (Some(_), Some(e)) => with_error(state, line, e),
        _ => line,
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The period as typed after `/`, and how to type one.
fn typed_period_line(state: &AppState, text: &str) -> Line<'static> {
    // What is typed reads left to right; in Arabic the line sits at the right edge.
    let typed = vec![
        Span::styled(
            " / ",
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        Span::styled(text.to_string(), style::strong()),
        Span::styled("▏", Style::new().fg(Color::Cyan)),
    ];
    let hint = format!("  {}  ", tr(state, MsgId::BooksTypePeriod));
    if state.lang().is_rtl() {
        let mut spans = words_line(state, vec![Span::styled(hint, style::dim())]).spans;
        spans.extend(typed);
        Line::from(spans).right_aligned()
    } else {
        let mut spans = typed;
        spans.push(Span::styled(hint, style::dim()));
        Line::from(spans)
    }
}

/// `Books <period> (today) · days from 06:00`, then loading or the error.
fn period_line(state: &AppState) -> Line<'static> {
    let rv = &state.report;
    let p = state.report_period();
    let mut spans = vec![
        Span::styled(
            format!(" {} ", tr(state, MsgId::BooksTitle)),
            style::strong(),
        ),
        Span::styled(
            words::period(&p),
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
    ];
    if rv.period.is_none() {
        spans.push(Span::styled(
            format!(" ({})", tr(state, MsgId::DayToday)),
            style::dim(),
        ));
    }
    let days = trm(
        state,
        Message::new(MsgId::BooksDaysFrom)
            .text("time", state.settings.clock.day_start().format("%H:%M")),
    );
    spans.push(Span::styled(format!("  · {days}"), style::dim()));
    if rv.loading {
        spans.push(Span::styled(
            format!("  · {}", tr(state, MsgId::BooksLoading)),
            style::dim(),
        ));
    }
    if let Some(e) = &rv.error {
        spans.push(Span::styled(
            format!("  {}", plain(&trm(state, e.clone()))),
            Style::new().fg(Color::Red),
        ));
    }
    words_line(state, spans)
}

/// `line` with the error after it in reading order (before it in Arabic).
fn with_error(state: &AppState, mut line: Line<'static>, e: &Message) -> Line<'static> {
    let err = Span::styled(
        format!("  {}  ", plain(&trm(state, e.clone()))),
        Style::new().fg(Color::Red),
    );
    let err = words_line(state, vec![err]).spans;
    if state.lang().is_rtl() {
        let mut spans = err;
        spans.extend(line.spans);
        line.spans = spans;
    } else {
        line.spans.extend(err);
    }
    line
}

/// One column of the report's table: its heading, its totals and its colour.
type ReportColumn = (String, Totals, Style);

/// The report's lines: all operators, then each (right to left in Arabic: the labels on the
/// right, then the all-operators column).
fn table(state: &AppState, r: &Report, frame: &mut Frame, area: Rect, boxed: bool) {
    let frame_w = if boxed { 2 } else { 0 };
    let mut columns = report_columns(state, r);
    let (value_ws, hidden) = fit_columns(&mut columns, area.width.saturating_sub(frame_w));
    let label_w = area
        .width
        .saturating_sub(frame_w + value_ws.iter().map(|w| w + 1).sum::<u16>())
        .clamp(LABEL_MIN, 38);
    let mut widths = vec![Constraint::Length(label_w)];
    widths.extend(value_ws.iter().map(|w| Constraint::Length(*w)));
    if state.lang().is_rtl() {
        widths.reverse();
    }
    let mut t = Table::new(line_rows(state, r, &columns, label_w), widths)
        .header(header_row(state, &columns, hidden, label_w))
        .column_spacing(1);
    if boxed {
        t = t.block(table_block(state, r));
    }
    // Right to left, the table hugs the right edge.
    let used = label_w + value_ws.iter().map(|w| w + 1).sum::<u16>() + frame_w;
    let area = if state.lang().is_rtl() && used < area.width {
        Rect {
            x: area.x + area.width - used,
            width: used,
            ..area
        }
    } else {
        area
    };
    frame.render_widget(t, area);
}

/// The narrowest a line's label gets.
const LABEL_MIN: u16 = 10;
/// Value columns are at least this wide when there is room (the columns line up from one day
/// to the next).
const VALUE_MIN: u16 = 14;

/// The width of each value column, so that every figure shows whole: its widest cell, at least
/// [`VALUE_MIN`] when there is room. Operator columns that still do not fit in `width` are left
/// out (the last ones first, never the all-operators column); how many is returned.
fn fit_columns(columns: &mut Vec<ReportColumn>, width: u16) -> (Vec<u16>, usize) {
    let natural: Vec<u16> = columns.iter().map(column_width).collect();
    let total = |ws: &[u16]| LABEL_MIN + ws.iter().map(|w| w + 1).sum::<u16>();
    let padded: Vec<u16> = natural.iter().map(|w| (*w).max(VALUE_MIN)).collect();
    if total(&padded) <= width {
        return (padded, 0);
    }
    let mut ws = natural;
    let mut hidden = 0;
    while ws.len() > 1 && total(&ws) > width {
        ws.pop();
        columns.pop();
        hidden += 1;
    }
    (ws, hidden)
}

/// The widest cell of a column: its heading or one of its figures (the line of the orders
/// made elsewhere included: it may be shown for the whole shop).
fn column_width((name, totals, _): &ReportColumn) -> u16 {
    let widest = words::LINES
        .iter()
        .chain([&words::EXTERNAL_LINE])
        .map(|(_, value)| crate::text::display_width(&value(totals)))
        .chain(std::iter::once(crate::text::display_width(name)))
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

/// All operators, then each operator the report has.
fn report_columns(state: &AppState, r: &Report) -> Vec<ReportColumn> {
    let mut columns: Vec<ReportColumn> = vec![(
        tr(state, MsgId::BooksAllOperators).to_string(),
        r.total,
        style::strong(),
    )];
    for (op, t) in &r.by_line {
        columns.push((op.name().to_string(), *t, Style::new().fg(line_color(*op))));
    }
    columns
}

/// A row's cells in reading order: reversed in a right-to-left language. Numbers line up on
/// their right edge in both directions.
fn in_reading_order(state: &AppState, mut cells: Vec<Cell<'static>>) -> Vec<Cell<'static>> {
    if state.lang().is_rtl() {
        cells.reverse();
    }
    cells
}

/// The columns' headings, underlined, over the label column (which says how many operator
/// columns had no room, if any).
fn header_row(
    state: &AppState,
    columns: &[ReportColumn],
    hidden: usize,
    label_w: u16,
) -> Row<'static> {
    let corner = match hidden {
        0 => String::new(),
        n => fit(
            &trm(
                state,
                Message::new(MsgId::BooksColumnsHidden).num("n", n as i64),
            ),
            usize::from(label_w),
        ),
    };
    let header_cells: Vec<Cell> =
        std::iter::once(Cell::from(cell_words(state, &corner, style::label())))
            .chain(
                columns
                    .iter()
                    .map(|(name, _, s)| Cell::from(cell_words(state, name, *s).right_aligned())),
            )
            .collect();
    Row::new(in_reading_order(state, header_cells))
        .style(style::label().add_modifier(Modifier::UNDERLINED))
}

/// One row per report line: its label (cut to `label_w`), then its value in each column; the
/// lines that need attention stand out.
fn line_rows(
    state: &AppState,
    r: &Report,
    columns: &[ReportColumn],
    label_w: u16,
) -> Vec<Row<'static>> {
    words::lines(&r.total)
        .iter()
        .map(|(label, value)| {
            let emphasis = match *label {
                MsgId::BooksCollected | MsgId::BooksMargin => style::strong(),
                MsgId::BooksToGiveBack if r.total.refunded > 0 => {
                    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
                }
                MsgId::BooksAtRisk if r.total.at_risk > 0 => Style::new().fg(Color::Yellow),
                _ => Style::new(),
            };
            let text = fit(
                label_that_fits(state, *label, label_w),
                usize::from(label_w),
            );
            let cells: Vec<Cell> =
                std::iter::once(Cell::from(cell_words(state, &text, emphasis)))
                    .chain(columns.iter().map(|(_, t, _)| {
                        Cell::from(Line::styled(value(t), emphasis).right_aligned())
                    }))
                    .collect();
            Row::new(in_reading_order(state, cells))
        })
        .collect()
}

/// The table's frame when boxed, saying so when there are no orders.
fn table_block(state: &AppState, r: &Report) -> Block<'static> {
    let mut block = Block::bordered().border_style(style::dim());
    if r.total.orders == 0 {
        block = block.title_bottom(cell_words(
            state,
            &format!(" {} ", tr(state, MsgId::BooksNoOrders)),
            style::dim(),
        ));
    }
    block
}

/// A line's label, or its short form when the long one (with its "what to do") does not fit:
/// at 80×24 in French or Arabic the words are never cut mid-word.
fn label_that_fits(state: &AppState, label: MsgId, width: u16) -> &'static str {
    let long = tr(state, label);
    let short = match label {
        MsgId::BooksToGiveBack => MsgId::BooksToGiveBackShort,
        MsgId::BooksAtRisk => MsgId::BooksAtRiskShort,
        MsgId::BooksNothingCharged => MsgId::BooksNothingChargedShort,
        _ => return long,
    };
    if crate::text::display_width(long) <= usize::from(width) {
        long
    } else {
        tr(state, short)
    }
}

/// The width of the lines' names in the shares and the refunds: 8 columns, more when an
/// Idoom line is in the report.
fn names_w(r: &Report) -> usize {
    r.by_line
        .iter()
        .map(|(l, _)| l.name().len())
        .chain(r.refunds.iter().map(|f| f.line.name().len()))
        .max()
        .unwrap_or(0)
        .max(8)
}

/// Each operator's share of the cash collected (0–1), in the report's order.
fn share_of(r: &Report) -> Vec<(crate::rules::Line, f64)> {
    let total = r.total.collected_total.centimes().max(1) as f64;
    r.by_line
        .iter()
        .map(|(op, t)| (*op, t.collected_total.centimes().max(0) as f64 / total))
        .collect()
}

fn bar(share: f64, width: usize) -> String {
    let cells = (share * width as f64).round() as usize;
    "█".repeat(cells.max(usize::from(share > 0.0)).min(width))
}

/// The operators' shares side by side: one bar each, the same scale.
fn shares(state: &AppState, r: &Report, frame: &mut Frame, area: Rect) {
    let title = format!(" {} ", tr(state, MsgId::BooksShares));
    let block = Block::bordered()
        .title(cell_words(state, &title, Style::new()))
        .border_style(style::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rtl = state.lang().is_rtl();
    let bar_w = usize::from(inner.width).saturating_sub(15);
    let lines: Vec<Line> = share_of(r)
        .into_iter()
        .map(|(op, share)| {
            let colour = Style::new().fg(line_color(op));
            let mut spans = vec![
                Span::styled(format!("{:<w$}", op.name(), w = names_w(r)), colour),
                Span::styled(format!("{:>4.0} % ", share * 100.0), style::strong()),
                Span::styled(bar(share, bar_w), colour),
            ];
            // Right to left: the name on the right, the bar growing leftwards.
            if rtl {
                spans = vec![
                    Span::styled(bar(share, bar_w), colour),
                    Span::styled(format!(" {:>3.0} %", share * 100.0), style::strong()),
                    Span::styled(format!(" {:>w$}", op.name(), w = names_w(r)), colour),
                ];
                Line::from(spans).right_aligned()
            } else {
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The shares on one line (narrow screens).
fn shares_line(state: &AppState, r: &Report, frame: &mut Frame, area: Rect) {
    let rtl = state.lang().is_rtl();
    let mut data = Vec::new();
    for (op, share) in share_of(r) {
        let colour = Style::new().fg(line_color(op));
        if rtl {
            data.push(Span::styled(
                format!("  {:.0} % {} ", share * 100.0, op.name()),
                colour,
            ));
            data.push(Span::styled(bar(share, 10), colour));
        } else {
            data.push(Span::styled(bar(share, 10), colour));
            data.push(Span::styled(
                format!(" {} {:.0} %  ", op.name(), share * 100.0),
                colour,
            ));
        }
    }
    let label = format!(" {} ", state.lang().label(MsgId::BooksShares));
    let line = if rtl {
        // The label reads first, on the right; the operators follow leftwards.
        data.reverse();
        let mut spans = data;
        spans.extend(words_line(state, vec![Span::styled(label, style::label())]).spans);
        Line::from(spans).right_aligned()
    } else {
        let mut spans = vec![Span::styled(label, style::label())];
        spans.extend(data);
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Who gets money back, with the number and the time (boxed when there is room).
fn refunds(state: &AppState, r: &Report, frame: &mut Frame, area: Rect, boxed: bool) {
    let warn = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    let rtl = state.lang().is_rtl();
    let heading = if r.total.refunded > 0 {
        let t = trm(
            state,
            Message::new(MsgId::BooksRefundsCount)
                .text("n", r.total.refunded)
                .text("sum", r.total.refund_total),
        );
        cell_words(state, &format!(" {t} "), warn)
    } else {
        let t = tr(state, MsgId::BooksRefundsHeading);
        cell_words(state, &format!(" {t} "), style::label())
    };
    let (inner, mut lines) = if boxed {
        let block = Block::bordered().title(heading).border_style(style::dim());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        (inner, Vec::new())
    } else {
        (area, vec![heading])
    };
    let room = usize::from(inner.height).saturating_sub(lines.len());
    if r.refunds.is_empty() && room > 0 {
        lines.push(cell_words(
            state,
            &format!(" {} ", tr(state, MsgId::BooksNoRefunds)),
            style::dim(),
        ));
    }
    let fmt = if r.period.is_one_day() {
        "%H:%M"
    } else {
        state.lang().dates().day_time
    };
    let with_operator = inner.width >= 42;
    for f in r.refunds.iter().take(room) {
        let mut spans = vec![
            Span::styled(format!(" {}", local_time(state, f.at, fmt)), style::dim()),
            Span::raw("  "),
            Span::styled(spaced_phone(&f.phone), style::strong()),
            Span::raw(" "),
        ];
        if with_operator {
            spans.push(Span::styled(
                format!(" {:<w$}", f.line.name(), w = names_w(r)),
                Style::new().fg(line_color(f.line)),
            ));
        }
        spans.push(Span::styled(format!("{:>10} ", f.price.to_string()), warn));
        // Right to left: the same columns from the right edge (time first, on the right).
        if rtl {
            spans.reverse();
            lines.push(Line::from(spans).right_aligned());
        } else {
            lines.push(Line::from(spans));
        }
    }
    let hidden = r.refunds.len().saturating_sub(room) as i64 + r.refunds_unlisted;
    if hidden > 0
        && room > 0
        && let Some(last) = lines.last_mut()
    {
        // The last line now says how many are not shown, itself included.
        let t = trm(
            state,
            Message::new(MsgId::BooksMoreRefunds).num("n", hidden + 1),
        );
        *last = cell_words(state, &format!(" {t} "), style::dim());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn dinars(d: Dzd) -> u64 {
    (d.centimes().max(0) / 100) as u64
}

/// Cash collected in each hour of the day.
fn by_hour(state: &AppState, hours: &[Totals], frame: &mut Frame, area: Rect) {
    let inner_w = area.width.saturating_sub(2);
    let n = hours.len().max(1) as u16;
    let (bar_w, gap) = if inner_w >= n * 3 {
        (2, 1)
    } else {
        (1, u16::from(inner_w >= n * 2))
    };
    let bars: Vec<Bar> = hours
        .iter()
        .enumerate()
        .map(|(i, t)| {
            // Two-column bars carry their hour; for thinner ones the title says 00→23.
            let label = if bar_w > 1 {
                format!("{i:02}")
            } else {
                String::new()
            };
            Bar::new(dinars(t.collected_total))
                .label(Line::from(label))
                .text_value(String::new())
        })
        .collect();
    let best = hours
        .iter()
        .map(|t| t.collected_total)
        .max()
        .unwrap_or_default();
    let chart = BarChart::new(bars)
        .block(
            Block::bordered()
                .title(cell_words(
                    state,
                    &format!(
                        " {} ",
                        trm(
                            state,
                            Message::new(MsgId::BooksByHour)
                                .text("last", format!("{:02}", n - 1))
                                .text("best", best),
                        )
                    ),
                    Style::new(),
                ))
                .border_style(style::dim()),
        )
        .bar_width(bar_w)
        .bar_gap(gap)
        .bar_style(Style::new().fg(Color::Yellow));
    frame.render_widget(chart, area);
}

/// Cash collected on each of the last 30 days.
fn last_days(
    state: &AppState,
    days: &[(chrono::NaiveDate, Totals)],
    frame: &mut Frame,
    area: Rect,
) {
    let values: Vec<u64> = days
        .iter()
        .map(|(_, t)| dinars(t.collected_total))
        .collect();
    let total: Dzd = days
        .iter()
        .fold(Dzd::ZERO, |a, (_, t)| a + t.collected_total);
    let line = Sparkline::default()
        .block(
            Block::bordered()
                .title(cell_words(
                    state,
                    &format!(" {} ", tr(state, MsgId::BooksLast30Days)),
                    Style::new(),
                ))
                .title_bottom(Line::styled(format!(" {} ", total), style::dim()))
                .border_style(style::dim()),
        )
        .data(&values)
        .style(Style::new().fg(Color::Green));
    frame.render_widget(line, area);
}
