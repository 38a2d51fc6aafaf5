//! The plan browser (F3): every cached plan, grouped by operator, with cost and shop price.

use super::widgets::{amount_text, kind_word, operator_color};
use super::{Columns, cell_words, hsplit, style, tr, trm, words_line};
use crate::api::types::{Plan, PlanKind};
use crate::i18n::{Message, MsgId};
use crate::money::Dzd;
use crate::till_status::Connection;
use crate::ui::derived::{age_text, browser_rows, group_name, group_rank, is_fresh};
use crate::ui::keys::{Action, key_msg};
use crate::ui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

/// Where the plans come from and how old they are.
pub fn cache_text(state: &AppState) -> String {
    let Some(t) = state.plans.fetched_at else {
        return if state.plans.loaded {
            tr(state, MsgId::PlansLoadedAgeUnknown).to_string()
        } else {
            trm(
                state,
                Message::new(MsgId::PlansNoneYet).msg_of("key", key_msg(Action::Refresh)),
            )
        };
    };
    let age = age_text(state, t);
    let offline = matches!(
        state.status.connection,
        Connection::Offline | Connection::Error(_)
    );
    let old = if is_fresh(state, t) {
        age.clone()
    } else {
        trm(state, Message::new(MsgId::PlansAgeOld).text("age", &age))
    };
    let (id, age) = if offline {
        (MsgId::PlansOffline, old)
    } else if state.plans.from_cache {
        (MsgId::PlansFromCache, old)
    } else {
        (MsgId::PlansFromApi, age)
    };
    trm(state, Message::new(id).text("age", age))
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
        hsplit(state, area, [Constraint::Min(20), Constraint::Length(34)]);
    let filter_label = format!(" {} ", state.lang().label(MsgId::FilterLabel));
    let mut filter = vec![
        Span::styled(state.browser.filter.clone(), style::strong()),
        Span::styled("▏", Style::new().fg(Color::Cyan)),
    ];
    // The typed filter reads left to right; in Arabic its label sits to its right.
    let filter = if state.lang().is_rtl() {
        let mut l = words_line(state, vec![Span::styled(filter_label, style::label())]);
        filter.append(&mut l.spans);
        Line::from(filter).right_aligned()
    } else {
        filter.insert(0, Span::styled(filter_label, style::label()));
        Line::from(filter)
    };
    frame.render_widget(Paragraph::new(filter), filter_area);
    let age_style = if state.plans.error.is_some()
        || matches!(
            state.status.connection,
            Connection::Offline | Connection::Error(_)
        ) {
        Style::new().fg(Color::Yellow)
    } else {
        style::dim()
    };
    let age_line = words_line(state, vec![Span::styled(cache_text(state), age_style)]);
    let age_line = if state.lang().is_rtl() {
        age_line.left_aligned()
    } else {
        age_line.right_aligned()
    };
    frame.render_widget(Paragraph::new(age_line), age_area);
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
    let cols = Columns::of(state);
    let ncols = if wide { 8 } else { 6 };
    let mut rows = Vec::new();
    let mut selected_row = None;
    let mut last_group = None;
    for (i, p) in plans.iter().enumerate() {
        let g = group_rank(p);
        if last_group != Some(g) {
            last_group = Some(g);
            rows.push(group_row(state, &cols, ncols, p));
        }
        let selected = i == state.browser.cursor;
        if selected {
            selected_row = Some(rows.len());
        }
        rows.push(plan_row(state, p, wide, usize::from(name_w), selected));
    }
    let mut widths = vec![
        Constraint::Length(16),
        Constraint::Length(name_w),
        Constraint::Length(8),
        Constraint::Length(13),
        Constraint::Length(6),
    ];
    let mut header = vec![
        MsgId::ColCode,
        MsgId::ColName,
        MsgId::ColKind,
        MsgId::ColAmountDa,
        MsgId::ColCost,
    ];
    if wide {
        widths.extend([Constraint::Length(10), Constraint::Length(11)]);
        header.extend([MsgId::ColFor, MsgId::ColWholesale]);
    }
    widths.push(Constraint::Length(10));
    header.push(if wide {
        MsgId::ColShopPrice
    } else {
        MsgId::ColPrice
    });
    let title = trm(
        state,
        Message::new(MsgId::PlansTitle)
            .num("shown", plans.len() as i64)
            .num("total", state.plans.data.all().count() as i64),
    );
    let title = words_line(state, vec![Span::raw(format!(" {title} "))]);
    let table = Table::new(rows, cols.widths(widths))
        .header(cols.header(state, header))
        .block(Block::bordered().title(title).border_style(style::dim()))
        .row_highlight_style(style::selected_row())
        .highlight_symbol(cols.symbol());
    table_state.select(selected_row);
    frame.render_stateful_widget(table, area, table_state);
}

/// The heading row of an operator's plans, in the operator's colour.
/// The name sits in the first column of reading order (the right one in Arabic).
fn group_row(state: &AppState, cols: &Columns, ncols: usize, p: &Plan) -> Row<'static> {
    let op_style = crate::rules::Operator::of_plan(p)
        .map(|op| Style::new().fg(operator_color(op)))
        .unwrap_or_default()
        .add_modifier(Modifier::BOLD);
    let mut cells = vec![Cell::from(cell_words(
        state,
        &group_name(state, p),
        op_style,
    ))];
    cells.resize(ncols, Cell::from(""));
    Row::new(cols.cells(cells, false))
}

/// Under the table: the selected plan's cost and price, or why there is none.
fn selected_plan(state: &AppState, plan: Option<&Plan>) -> Vec<Line<'static>> {
    match plan {
        Some(p) => {
            let face = sample_face(p);
            let q = state.settings.price_rule.quote(p, face);
            let mut first = vec![Span::styled(format!(" {}", p.code), style::strong())];
            first.push(Span::raw(format!(
                " · {}",
                match p.cost {
                    Some(c) => trm(state, Message::new(MsgId::PlansCostFactor).text("cost", c)),
                    None => tr(state, MsgId::PlansCostNotGiven).to_string(),
                }
            )));
            if !p.is_enabled {
                first.push(Span::styled(
                    format!(" · {}", tr(state, MsgId::PlansDisabledNow)),
                    Style::new().fg(Color::Red),
                ));
            }
            let costs = Message::new(MsgId::PlansCostsSells)
                .text("face", face)
                .text("cost", q.wholesale);
            let second = vec![
                Span::raw(format!(" {} ", trm(state, costs))),
                Span::styled(
                    q.price.to_string(),
                    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                ),
            ];
            vec![words_line(state, first), words_line(state, second)]
        }
        None if state.plans.data.all().next().is_none() => {
            let m = Message::new(MsgId::PlansNoneLoaded).msg_of("key", key_msg(Action::Refresh));
            vec![cell_words(
                state,
                &format!(" {}", trm(state, m)),
                style::dim(),
            )]
        }
        None => {
            let m = Message::new(MsgId::PlansNoMatch).msg_of("key", key_msg(Action::Back));
            vec![cell_words(
                state,
                &format!(" {}", trm(state, m)),
                style::dim(),
            )]
        }
    }
}

fn plan_row<'a>(state: &AppState, p: &Plan, wide: bool, name_w: usize, selected: bool) -> Row<'a> {
    let face = sample_face(p);
    let q = state.settings.price_rule.quote(p, face);
    let cols = Columns::of(state);
    let name = super::widgets::plan_name_cell(state, p, name_w);
    let mut cells = vec![
        Cell::from(p.code.clone()),
        Cell::from(name),
        Cell::from(cell_words(
            state,
            tr(state, kind_word(p.kind())),
            Style::new(),
        )),
        super::money_cell(amount_text(state, p)),
        super::money_cell(p.cost.map(|c| format!("{c}")).unwrap_or_else(|| "—".into())),
    ];
    if wide {
        cells.push(super::money_cell(face.to_string()));
        cells.push(super::money_cell(q.wholesale.to_string()));
    }
    cells.push(super::money_cell(q.price.to_string()));
    let row = Row::new(cols.cells(cells, selected));
    if p.is_enabled {
        row
    } else {
        row.style(style::dim())
    }
}
