//! The report screen (F7): the day's cash-up per operator, the refunds to hand back, sales by
//! hour, the last 30 days, and the operators' shares. Draws `state.report` only.

use super::sale::operator_color;
use super::{fit, local_time, style};
use crate::books::{Report, Totals, words};
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
            Paragraph::new(Line::styled(format!(" {}", words::LOADING), style::dim())),
            body,
        );
        return;
    };
    let r = &data.report;
    let table_h = words::LINES.len() as u16 + 1;
    let charts = if body.width >= 110 {
        // Wide: the table (boxed) beside the shares and the refunds, the charts below.
        let [top, charts] =
            Layout::vertical([Constraint::Length(table_h + 2), Constraint::Min(6)]).areas(body);
        let [left, right] =
            Layout::horizontal([Constraint::Length(86), Constraint::Min(30)]).areas(top);
        table(r, frame, left, true);
        let ops = r.by_operator.len().max(1) as u16;
        let [shares_area, refunds_area] =
            Layout::vertical([Constraint::Length(ops + 2), Constraint::Min(3)]).areas(right);
        shares(r, frame, shares_area);
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
        table(r, frame, table_area, false);
        shares_line(r, frame, shares_area);
        refunds(state, r, frame, refunds_area, false);
        charts
    };
    let [hours, days] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(34)]).areas(charts);
    by_hour(&data.hourly, frame, hours);
    last_days(&data.daily, frame, days);
}

fn title_line(state: &AppState, frame: &mut Frame, area: Rect) {
    let rv = &state.report;
    let line = match &rv.edit {
        Some(text) => Line::from(vec![
            Span::styled(
                " / ",
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ),
            Span::styled(text.clone(), style::strong()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
            Span::styled(format!("  {}", words::TYPE_PERIOD), style::dim()),
        ]),
        None => {
            let p = state.report_period();
            let mut spans = vec![
                Span::styled(format!(" {} ", words::TITLE), style::strong()),
                Span::styled(
                    words::period(&p),
                    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                ),
            ];
            if rv.period.is_none() {
                spans.push(Span::styled(format!(" ({})", words::TODAY), style::dim()));
            }
            spans.push(Span::styled(
                format!(
                    "  · {} {}",
                    words::DAYS_FROM,
                    state.settings.day_start.format("%H:%M")
                ),
                style::dim(),
            ));
            if rv.loading {
                spans.push(Span::styled(
                    format!("  · {}", words::LOADING),
                    style::dim(),
                ));
            }
            Line::from(spans)
        }
    };
    let line = match &rv.error {
        Some(e) => {
            let mut l = line;
            l.push_span(Span::styled(
                format!("  {}", plain(e)),
                Style::new().fg(Color::Red),
            ));
            l
        }
        None => line,
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The report's lines: all operators, then each.
fn table(r: &Report, frame: &mut Frame, area: Rect, boxed: bool) {
    let mut columns: Vec<(String, Totals, Style)> =
        vec![(words::ALL_OPERATORS.to_string(), r.total, style::strong())];
    for (op, t) in &r.by_operator {
        columns.push((
            op.name().to_string(),
            *t,
            Style::new().fg(operator_color(*op)),
        ));
    }
    let value_w: u16 = 14;
    let frame_w = if boxed { 2 } else { 0 };
    let label_w = area
        .width
        .saturating_sub(frame_w + (value_w + 1) * columns.len() as u16)
        .clamp(10, 38);
    let header = Row::new(
        std::iter::once(Cell::from("")).chain(
            columns
                .iter()
                .map(|(name, _, s)| Cell::from(Line::styled(name.clone(), *s).right_aligned())),
        ),
    )
    .style(style::label().add_modifier(Modifier::UNDERLINED));
    let rows: Vec<Row> =
        words::LINES
            .iter()
            .map(|(label, value)| {
                let emphasis = match *label {
                    words::COLLECTED | words::MARGIN => style::strong(),
                    words::TO_GIVE_BACK if r.total.refunded > 0 => {
                        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
                    }
                    words::AT_RISK if r.total.at_risk > 0 => Style::new().fg(Color::Yellow),
                    _ => Style::new(),
                };
                Row::new(
                    std::iter::once(Cell::from(Span::styled(
                        fit(label, usize::from(label_w)),
                        emphasis,
                    )))
                    .chain(columns.iter().map(|(_, t, _)| {
                        Cell::from(Line::styled(value(t), emphasis).right_aligned())
                    })),
                )
            })
            .collect();
    let mut widths = vec![Constraint::Length(label_w)];
    widths.extend(columns.iter().map(|_| Constraint::Length(value_w)));
    let mut t = Table::new(rows, widths).header(header).column_spacing(1);
    if boxed {
        let mut block = Block::bordered().border_style(style::dim());
        if r.total.orders == 0 {
            block = block.title_bottom(Line::styled(
                format!(" {} ", words::NO_ORDERS),
                style::dim(),
            ));
        }
        t = t.block(block);
    }
    frame.render_widget(t, area);
}

/// Each operator's share of the cash collected (0–1), in the report's order.
fn share_of(r: &Report) -> Vec<(crate::rules::Operator, f64)> {
    let total = r.total.collected_total.centimes().max(1) as f64;
    r.by_operator
        .iter()
        .map(|(op, t)| (*op, t.collected_total.centimes().max(0) as f64 / total))
        .collect()
}

fn bar(share: f64, width: usize) -> String {
    let cells = (share * width as f64).round() as usize;
    "█".repeat(cells.max(usize::from(share > 0.0)).min(width))
}

/// The operators' shares side by side: one bar each, the same scale.
fn shares(r: &Report, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(format!(" {} ", words::SHARES))
        .border_style(style::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let bar_w = usize::from(inner.width).saturating_sub(15);
    let lines: Vec<Line> = share_of(r)
        .into_iter()
        .map(|(op, share)| {
            let colour = Style::new().fg(operator_color(op));
            Line::from(vec![
                Span::styled(format!("{:<8}", op.name()), colour),
                Span::styled(format!("{:>4.0} % ", share * 100.0), style::strong()),
                Span::styled(bar(share, bar_w), colour),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The shares on one line (narrow screens).
fn shares_line(r: &Report, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(
        format!(" {}: ", words::SHARES),
        style::label(),
    )];
    for (op, share) in share_of(r) {
        let colour = Style::new().fg(operator_color(op));
        spans.push(Span::styled(bar(share, 10), colour));
        spans.push(Span::styled(
            format!(" {} {:.0} %  ", op.name(), share * 100.0),
            colour,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Who gets money back, with the number and the time (boxed when there is room).
fn refunds(state: &AppState, r: &Report, frame: &mut Frame, area: Rect, boxed: bool) {
    let warn = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    let heading = if r.total.refunded > 0 {
        Span::styled(
            format!(
                " {}: {} · {} ",
                words::REFUNDS_HEADING,
                r.total.refunded,
                r.total.refund_total
            ),
            warn,
        )
    } else {
        Span::styled(format!(" {} ", words::REFUNDS_HEADING), style::label())
    };
    let (inner, mut lines) = if boxed {
        let block = Block::bordered()
            .title(Line::from(heading))
            .border_style(style::dim());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        (inner, Vec::new())
    } else {
        (area, vec![Line::from(heading)])
    };
    let room = usize::from(inner.height).saturating_sub(lines.len());
    if r.refunds.is_empty() && room > 0 {
        lines.push(Line::styled(
            format!(" {}", words::NO_REFUNDS),
            style::dim(),
        ));
    }
    let fmt = if r.period.is_one_day() {
        "%H:%M"
    } else {
        "%m-%d %H:%M"
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
                format!(" {:<8}", f.operator.name()),
                Style::new().fg(operator_color(f.operator)),
            ));
        }
        spans.push(Span::styled(format!("{:>10}", f.price.to_string()), warn));
        lines.push(Line::from(spans));
    }
    let hidden = r.refunds.len().saturating_sub(room) as i64 + r.refunds_unlisted;
    if hidden > 0
        && room > 0
        && let Some(last) = lines.last_mut()
    {
        // The last line now says how many are not shown, itself included.
        *last = Line::styled(
            format!(" +{} {}", hidden + 1, words::MORE_REFUNDS),
            style::dim(),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn dinars(d: Dzd) -> u64 {
    (d.centimes().max(0) / 100) as u64
}

/// Cash collected in each hour of the day.
fn by_hour(hours: &[Totals], frame: &mut Frame, area: Rect) {
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
                .title(format!(
                    " {} 00→{:02} · best {best} ",
                    words::BY_HOUR,
                    n - 1
                ))
                .border_style(style::dim()),
        )
        .bar_width(bar_w)
        .bar_gap(gap)
        .bar_style(Style::new().fg(Color::Yellow));
    frame.render_widget(chart, area);
}

/// Cash collected on each of the last 30 days.
fn last_days(days: &[(chrono::NaiveDate, Totals)], frame: &mut Frame, area: Rect) {
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
                .title(format!(" {} ", words::LAST_30_DAYS))
                .title_bottom(Line::styled(format!(" {} ", total), style::dim()))
                .border_style(style::dim()),
        )
        .data(&values)
        .style(Style::new().fg(Color::Green));
    frame.render_widget(line, area);
}
