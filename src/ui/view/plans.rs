//! The plan browser (F3): every cached plan, grouped by operator, with cost and shop price.

use super::sale::{amount_text, operator_color};
use super::{age_text, style};
use crate::api::types::{Plan, PlanKind};
use crate::money::Dzd;
use crate::rules::Operator;
use crate::till_status::Connection;
use crate::ui::keys::{Action, hint_key};
use crate::ui::state::AppState;
use crate::ui::text_bridge::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

fn group_rank(p: &Plan) -> usize {
    match p.line_operator() {
        Some(Operator::Mobilis) => 0,
        Some(Operator::Djezzy) => 1,
        Some(Operator::Ooredoo) => 2,
        None => 3,
    }
}

fn group_name(p: &Plan) -> String {
    match p.line_operator() {
        Some(op) => op.name().to_string(),
        None => format!("other ({})", p.operator),
    }
}

/// The plans the browser lists, in order: grouped by line operator, filtered by the typed text
/// (code, name or operator, case-insensitive). The cursor indexes this list.
pub fn browser_rows(state: &AppState) -> Vec<&Plan> {
    let f = state.browser.filter.trim().to_lowercase();
    let mut rows: Vec<&Plan> = state
        .plans
        .data
        .all()
        .filter(|p| {
            f.is_empty()
                || p.code.to_lowercase().contains(&f)
                || p.name.to_lowercase().contains(&f)
                || p.operator.to_lowercase().contains(&f)
                || group_name(p).to_lowercase().contains(&f)
        })
        .collect();
    rows.sort_by_key(|p| group_rank(p));
    rows
}

/// Where the plans come from and how old they are.
pub fn cache_text(state: &AppState) -> String {
    let Some(t) = state.plans.fetched_at else {
        return if state.plans.loaded {
            "plans loaded (age unknown)".to_string()
        } else {
            format!("no plans yet: {} to load them", hint_key(Action::Refresh))
        };
    };
    let age = age_text(t, state.now);
    let offline = matches!(
        state.status.connection,
        Connection::Offline | Connection::Error(_)
    );
    let old = if age == "just now" {
        age.clone()
    } else {
        format!("{age} old")
    };
    if offline {
        format!("offline — cache {old}")
    } else if state.plans.from_cache {
        format!("plans from cache, {old}")
    } else {
        format!("plans from the API, {age}")
    }
}

/// The face value a plan's cost and price are shown for: its own amount, else 1 000 DA (kept in
/// the plan's range).
fn sample_face(p: &Plan) -> Dzd {
    if let (PlanKind::Fixed, Some(a)) = (p.kind(), p.amount) {
        return a;
    }
    let mut face = Dzd::from_dinars(1000);
    if let Some(lo) = p.min_amount
        && face < lo
    {
        face = lo;
    }
    if let Some(hi) = p.max_amount
        && face > hi
    {
        face = hi;
    }
    face
}

pub fn draw(state: &AppState, table_state: &mut TableState, frame: &mut Frame, area: Rect) {
    let [top, table_area, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    filter_and_age(state, frame, top);
    let plans = browser_rows(state);
    plan_table(state, &plans, table_state, frame, table_area);
    let selected = plans.get(state.browser.cursor).copied();
    frame.render_widget(Paragraph::new(selected_plan(state, selected)), footer);
}

/// The filter as typed, and how old the plans are (yellow when they may be stale).
fn filter_and_age(state: &AppState, frame: &mut Frame, area: Rect) {
    let [filter_area, age_area] =
        Layout::horizontal([Constraint::Min(20), Constraint::Length(34)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" Filter: ", style::label()),
            Span::styled(state.browser.filter.clone(), style::strong()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
        ])),
        filter_area,
    );
    let age_style = if state.plans.error.is_some()
        || matches!(
            state.status.connection,
            Connection::Offline | Connection::Error(_)
        ) {
        Style::new().fg(Color::Yellow)
    } else {
        style::dim()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(cache_text(state), age_style).right_aligned()),
        age_area,
    );
}

/// The plans, under a heading row per operator; the cursor's plan is selected.
fn plan_table(
    state: &AppState,
    plans: &[&Plan],
    table_state: &mut TableState,
    frame: &mut Frame,
    area: Rect,
) {
    let wide = area.width >= 110;
    // symbol 2 + code 16 + kind 8 + amount 13 + cost 6 + price 10 (+ for 10, wholesale 11),
    // one space between columns.
    let fixed_w: u16 = if wide {
        2 + 16 + 8 + 13 + 6 + 10 + 11 + 10 + 7
    } else {
        2 + 16 + 8 + 13 + 6 + 10 + 5
    };
    let name_w = area.width.saturating_sub(2 + fixed_w).max(4);
    let mut rows = Vec::new();
    let mut selected_row = None;
    let mut last_group = None;
    for (i, p) in plans.iter().enumerate() {
        let g = group_rank(p);
        if last_group != Some(g) {
            last_group = Some(g);
            rows.push(group_row(p));
        }
        if i == state.browser.cursor {
            selected_row = Some(rows.len());
        }
        rows.push(plan_row(
            state,
            p,
            wide,
            usize::from(name_w),
            state.settings.bidi,
        ));
    }
    let mut widths = vec![
        Constraint::Length(16),
        Constraint::Length(name_w),
        Constraint::Length(8),
        Constraint::Length(13),
        Constraint::Length(6),
    ];
    let mut header = vec!["code", "name", "kind", "amount DA", "cost"];
    if wide {
        widths.extend([Constraint::Length(10), Constraint::Length(11)]);
        header.extend(["for", "wholesale"]);
    }
    widths.push(Constraint::Length(10));
    header.push(if wide { "shop price" } else { "price" });
    let title = format!(
        " Plans ({} of {}) ",
        plans.len(),
        state.plans.data.all().count()
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(style::label().add_modifier(Modifier::UNDERLINED)))
        .block(Block::bordered().title(title).border_style(style::dim()))
        .row_highlight_style(style::selected_row())
        .highlight_symbol("▶ ");
    table_state.select(selected_row);
    frame.render_stateful_widget(table, area, table_state);
}

/// The heading row of an operator's plans, in the operator's colour.
fn group_row(p: &Plan) -> Row<'static> {
    let op_style = p
        .line_operator()
        .map(|op| Style::new().fg(operator_color(op)))
        .unwrap_or_default()
        .add_modifier(Modifier::BOLD);
    Row::new(vec![Cell::from(Line::styled(group_name(p), op_style))])
}

/// Under the table: the selected plan's cost and price, or why there is none.
fn selected_plan(state: &AppState, plan: Option<&Plan>) -> Vec<Line<'static>> {
    match plan {
        Some(p) => {
            let face = sample_face(p);
            let q = state.settings.price_rule.quote(p, face);
            let mut first = vec![Span::styled(format!(" {}", p.code), style::strong())];
            first.push(Span::raw(match p.cost {
                Some(c) => format!(" · cost ×{c} of the face value"),
                None => " · cost not given: priced on the face value".to_string(),
            }));
            if !p.is_enabled {
                first.push(Span::styled(" · DISABLED now", Style::new().fg(Color::Red)));
            }
            let second = vec![
                Span::raw(format!(" {face} costs {} → sells for ", q.wholesale)),
                Span::styled(
                    q.price.to_string(),
                    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                ),
            ];
            vec![Line::from(first), Line::from(second)]
        }
        None if state.plans.data.all().next().is_none() => {
            vec![Line::styled(
                format!(
                    " no plans loaded yet: {} to load",
                    hint_key(Action::Refresh)
                ),
                style::dim(),
            )]
        }
        None => vec![Line::styled(
            format!(
                " no plan matches the filter ({} clears it)",
                hint_key(Action::Back)
            ),
            style::dim(),
        )],
    }
}

fn plan_row<'a>(
    state: &AppState,
    p: &Plan,
    wide: bool,
    name_w: usize,
    mode: crate::ui::text_bridge::BidiMode,
) -> Row<'a> {
    let face = sample_face(p);
    let q = state.settings.price_rule.quote(p, face);
    let prefix = if p.is_enabled { "" } else { "(disabled) " };
    let mut name = one_line(&p.name, name_w.saturating_sub(prefix.len()), mode);
    name.spans.insert(0, Span::raw(prefix));
    let mut cells = vec![
        Cell::from(p.code.clone()),
        Cell::from(name),
        Cell::from(p.kind().to_string()),
        Cell::from(amount_text(p)),
        Cell::from(p.cost.map(|c| format!("{c}")).unwrap_or_else(|| "—".into())),
    ];
    if wide {
        cells.push(Cell::from(face.to_string()));
        cells.push(Cell::from(q.wholesale.to_string()));
    }
    cells.push(Cell::from(q.price.to_string()));
    let row = Row::new(cells);
    if p.is_enabled {
        row
    } else {
        row.style(style::dim())
    }
}
