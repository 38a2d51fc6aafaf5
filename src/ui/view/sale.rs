//! The sale screen: number, plan list, amount and price; the confirm step is in `confirm.rs`.

use super::confirm::*;
use super::widgets::*;
use super::{Columns, cell_words, fit, hsplit, style, tr, trm, words_line};
use crate::api::types::PlanKind;
use crate::i18n::{Message, MsgId};
use crate::rules::{Operator, PhoneCheck};
use crate::ui::fit::Room;
use crate::ui::keys::{Action, key_msg};
use crate::ui::refusal::explain;
use crate::ui::sale_logic::{
    Choice, Selected, choices, complete_phone, digit_count, face_value, phone_check, quote,
    selected, spaced_phone, typed_operator,
};
use crate::ui::state::{AppState, ListStates, MenuState, Notice, NoticeKind, SaleStep};
use crate::ui::text_bridge::{one_line, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

/// The form column (on screens under 100 columns) and the least the plan list beside it needs.
const FORM_COLS: u16 = 32;
const LIST_MIN_COLS: u16 = 20;
/// The form's rows down to the COLLECT line: number box 3, operator 1, notice 2, amount box 3,
/// notice 2, then Face and COLLECT.
const FORM_ROWS_TO_COLLECT: u16 = 3 + 1 + 2 + 3 + 2 + 2;
/// The room the sale form needs to show the price to collect whole.
pub const FORM_ROOM: Room = Room {
    cols: FORM_COLS + LIST_MIN_COLS,
    rows: FORM_ROWS_TO_COLLECT,
};

/// The sale screen; `lists` keeps the plan list's and the pane's scroll between frames.
pub fn draw(state: &AppState, lists: &mut ListStates, frame: &mut Frame, area: Rect) {
    if let Some(kind) = crate::ui::internet::kind(state) {
        super::internet_sale::draw(state, kind, lists, frame, area);
    } else if state.sale.step == SaleStep::Confirm {
        confirm(state, frame, area);
    } else {
        form_and_lists(state, lists, frame, area);
    }
    if state.proof.is_some() {
        super::internet_sale::proof(state, frame, area);
    }
}

/// The mobile sale: the form, the plan list and the pane of latest orders.
fn form_and_lists(state: &AppState, lists: &mut ListStates, frame: &mut Frame, area: Rect) {
    let [form_area, list_area, pane_area] = form_list_pane(state, area);
    form(state, frame, form_area);
    plan_list(state, &mut lists.sale_plans, frame, list_area);
    super::pane::draw(state, &mut lists.pane, frame, pane_area);
}

/// Where a sale form (mobile or internet), its list and the pane of latest orders go. The pane
/// gives way when the form would not fit above it; the form comes first in reading order: on
/// the left, or on the right in Arabic.
pub(super) fn form_list_pane(state: &AppState, area: Rect) -> [Rect; 3] {
    let pane_h = crate::ui::state::pane_rows_for_height(state.size.1) as u16 + 2;
    let pane_h = if area.height >= FORM_ROOM.rows + pane_h {
        pane_h
    } else {
        0
    };
    let [top, pane_area] =
        Layout::vertical([Constraint::Min(12), Constraint::Length(pane_h)]).areas(area);
    let left_w = if area.width >= 100 { 40 } else { FORM_COLS };
    let [form_area, list_area] = hsplit(
        state,
        top,
        [Constraint::Length(left_w), Constraint::Min(LIST_MIN_COLS)],
    );
    [form_area, list_area, pane_area]
}

/// The regulars under the digits typed: number, last amount and plan.
fn regulars_lines(state: &AppState, width: usize) -> Vec<Line<'static>> {
    let s = &state.sale;
    let title = trm(
        state,
        Message::new(MsgId::SaleRegulars).msg_of("repeat", key_msg(Action::Repeat)),
    );
    let mut lines = vec![cell_words(state, &title, style::label())];
    let rtl = state.lang().is_rtl();
    for (i, r) in s.regulars.iter().enumerate() {
        let chosen = s.regular_cursor == Some(i) || (s.regular_cursor.is_none() && i == 0);
        let marked = s.regular_cursor == Some(i);
        // Numbers, amounts and plan codes read left to right in every language; the marker
        // points from the reading side.
        let data = format!(
            "{}  {}  {}",
            spaced_phone(&r.phone),
            r.last.amount,
            plain(&r.last.plan_code)
        );
        let text = match (marked, rtl) {
            (true, false) => format!("▶ {data}"),
            (false, false) => format!("  {data}"),
            (true, true) => format!("{data} ◀"),
            (false, true) => format!("{data}  "),
        };
        let st = if chosen {
            style::strong()
        } else {
            style::dim()
        };
        let line = Line::styled(fit(&text, width), st);
        lines.push(if rtl { line.right_aligned() } else { line });
    }
    lines
}

/// The number as typed, grouped like `0661 23 45 6` so it reads back easily.
fn grouped(phone: &str) -> String {
    let mut out = String::new();
    for (i, c) in phone.chars().enumerate() {
        if matches!(i, 4 | 6 | 8) && phone.starts_with('0') {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn form(state: &AppState, frame: &mut Frame, area: Rect) {
    let s = &state.sale;
    let [phone_box, info, phone_msg, amount_box, amount_msg, price] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(phone_field(state), phone_box);
    frame.render_widget(
        Paragraph::new(words_line(state, operator_line(state).spans)),
        info,
    );
    // Under the number: its own notice, else a warning when its operator is down.
    let phone_notice = s
        .phone_notice
        .clone()
        .or_else(|| operator_down_notice(state))
        .or_else(|| plan_in_force(state));
    frame.render_widget(
        notice_para(state, phone_notice.as_ref(), phone_msg.width),
        phone_msg,
    );
    let sel = selected(state);
    frame.render_widget(amount_field(state, sel.as_ref()), amount_box);
    let live = amount_message(state, sel.as_ref());
    frame.render_widget(
        notice_para(state, live.as_ref(), amount_msg.width),
        amount_msg,
    );
    // While the number is typed, the regulars under it take the quote's place (no quote yet).
    if state.regulars_offered() {
        let lines = regulars_lines(state, usize::from(price.width));
        frame.render_widget(Paragraph::new(lines), price);
    } else {
        frame.render_widget(Paragraph::new(quote_lines(state, sel.as_ref())), price);
    }
}

/// The number as typed, grouped, with the cursor while it has the focus.
fn phone_field(state: &AppState) -> Paragraph<'static> {
    let s = &state.sale;
    let focused = s.step == SaleStep::Phone;
    let mut field = vec![Span::styled(grouped(&s.phone), style::strong())];
    if focused {
        field.push(Span::styled("▏", Style::new().fg(Color::Cyan)));
    }
    Paragraph::new(field_line(state, field)).block(boxed(
        state,
        tr(state, MsgId::SaleNumber),
        focused,
    ))
}

/// A warning, as the number is typed, when OneClickDz says its operator (or, for a Pixx or
/// Sama plan, Mobilis' fixed plans) is down (`/v3/ping`).
fn operator_down_notice(state: &AppState) -> Option<Notice> {
    let op = typed_operator(state)?;
    let plan_op = selected(state).map(|s| s.plan.operator).unwrap_or_default();
    let name = crate::ui::internet::down_operator(state, op, &plan_op)?;
    Some(Notice::error(
        Message::new(MsgId::OperatorDown).text("operator", name),
    ))
}

/// The operator of the typed prefix and how many digits there are.
fn operator_line(state: &AppState) -> Line<'static> {
    let count = digit_count(state);
    let op_name = |op: Operator| {
        Span::styled(
            op.name(),
            Style::new()
                .fg(operator_color(op))
                .add_modifier(Modifier::BOLD),
        )
    };
    match (phone_check(&state.sale.phone), typed_operator(state)) {
        (PhoneCheck::Empty, _) => Line::styled("05 Ooredoo 06 Mobilis 07 Djezzy", style::dim()),
        (PhoneCheck::Complete(_), Some(op)) => Line::from(vec![
            op_name(op),
            Span::styled("  10/10 ✓", Style::new().fg(Color::Green)),
        ]),
        (_, Some(op)) => Line::from(vec![op_name(op), Span::raw(format!("  {count}/10"))]),
        (_, None) => Line::raw(trm(
            state,
            Message::new(MsgId::SaleOperatorHint).num("count", count as i64),
        )),
    }
}

/// The plan in force when it is not the plain prepaid one, said under the number: the plan
/// chosen in the plan browser (before the number is whole), or the plan the whole number will
/// be sold with. The plan list and the amount show it on the later steps.
fn plan_in_force(state: &AppState) -> Option<Notice> {
    if state.sale.step != SaleStep::Phone {
        return None;
    }
    let code = match (complete_phone(state), typed_operator(state)) {
        (Some(_), Some(op)) => selected(state)
            .map(|s| s.plan.code)
            .filter(|code| !code.eq_ignore_ascii_case(op.prepaid_code()))?,
        _ => state.sale.preferred_plan.clone()?,
    };
    Some(Notice::warn(
        Message::new(MsgId::SalePlanInForce)
            .text("code", plain(&code))
            .msg_of("key", key_msg(Action::NewCustomer)),
    ))
}

/// The amount: a preset plan's own, or the one being typed.
fn amount_field(state: &AppState, sel: Option<&Selected>) -> Paragraph<'static> {
    let s = &state.sale;
    let focused = s.step == SaleStep::Amount;
    let text = match sel {
        Some(sel) if !sel.needs_amount() => match face_value(state, sel) {
            Ok(face) => words_line(
                state,
                vec![
                    Span::styled(face.to_string(), style::strong()),
                    Span::styled(format!("  {}", tr(state, MsgId::SalePreset)), style::dim()),
                ],
            ),
            Err(e) => words_line(
                state,
                vec![Span::styled(
                    Notice::error(explain(&e).message).text(state.lang()),
                    style::notice_style(NoticeKind::Error),
                )],
            ),
        },
        _ => {
            let mut spans = vec![Span::styled(s.amount.clone(), style::strong())];
            if focused {
                spans.push(Span::styled("▏", Style::new().fg(Color::Cyan)));
            }
            spans.push(Span::styled(" DA", style::dim()));
            field_line(state, spans)
        }
    };
    Paragraph::new(text).block(boxed(state, tr(state, MsgId::SaleAmount), focused))
}

/// Under the amount: its notice, else the plan's range or what is wrong with the amount.
fn amount_message(state: &AppState, sel: Option<&Selected>) -> Option<Notice> {
    let s = &state.sale;
    match (&s.amount_notice, sel) {
        (Some(n), _) => Some(n.clone()),
        (None, Some(sel)) if sel.needs_amount() => match &sel.plan {
            p if s.amount.is_empty() => Some(Notice::info(range_hint(p))),
            _ => face_value(state, sel)
                .err()
                .map(|e| Notice::warn(explain(&e).message)),
        },
        _ => None,
    }
}

/// The face value, the price to collect and the wholesale cost, once the amount is valid.
fn quote_lines(state: &AppState, sel: Option<&Selected>) -> Vec<Line<'static>> {
    let Some(sel) = sel else { return vec![] };
    let Ok(face) = face_value(state, sel) else {
        return vec![];
    };
    let q = quote(state, &sel.plan, face);
    let lw = label_width(state, &[MsgId::SaleFace, MsgId::SaleCollect]);
    let label = |id| Span::styled(padded(tr(state, id), lw), style::label());
    let cost = match sel.plan.cost {
        Some(_) => trm(
            state,
            Message::new(MsgId::SaleCost).text("cost", q.wholesale),
        ),
        None => tr(state, MsgId::SaleCostUnknown).to_string(),
    };
    vec![
        words_line(
            state,
            vec![
                label(MsgId::SaleFace),
                Span::styled(face.to_string(), style::strong()),
            ],
        ),
        words_line(
            state,
            vec![
                label(MsgId::SaleCollect),
                Span::styled(
                    q.price.to_string(),
                    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                ),
            ],
        ),
        words_line(state, vec![Span::styled(cost, style::dim())]),
    ]
}

fn plan_list(state: &AppState, table_state: &mut TableState, frame: &mut Frame, area: Rect) {
    let s = &state.sale;
    let focused = matches!(s.step, SaleStep::Plan);
    let [list_area, msg_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(area);
    let block = boxed(state, &list_title(state), focused);
    let list = choices(state);
    if list.is_empty() {
        let text = empty_list_text(state);
        let inner = block.inner(list_area);
        let lines: Vec<Line> = if state.lang().is_rtl() {
            crate::ui::text_bridge::words_paragraph(&text, inner.width, state.settings.bidi)
        } else {
            vec![Line::raw(text)]
        };
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .style(style::dim())
                .block(block),
            list_area,
        );
    } else if list_area.width.saturating_sub(2) < NARROW_LIST_BELOW {
        let cursor = s.cursor.min(list.len() - 1);
        narrow_list(
            state,
            &list,
            cursor,
            focused,
            block,
            table_state,
            frame,
            list_area,
        );
    } else {
        let inner_w = list_area.width.saturating_sub(2);
        let wide = inner_w >= 70;
        // highlight symbol 2, code 16, amount 13, collect 10, one space between columns
        let fixed_w = if wide {
            2 + 16 + 13 + 10 + 3
        } else {
            2 + 16 + 13 + 2
        };
        let name_w = inner_w.saturating_sub(fixed_w).max(4);
        let cols = Columns::of(state);
        let cursor = s.cursor.min(list.len() - 1);
        let rows: Vec<Row> = list
            .iter()
            .enumerate()
            .map(|(i, c)| choice_row(state, &cols, c, usize::from(name_w), wide, i == cursor))
            .collect();
        let mut widths = vec![
            Constraint::Length(16),
            Constraint::Length(name_w),
            Constraint::Length(13),
        ];
        let mut header = vec![MsgId::ColCode, MsgId::ColName, MsgId::ColAmountDa];
        if wide {
            widths.push(Constraint::Length(10));
            header.push(MsgId::ColCollect);
        }
        let table = Table::new(rows, cols.widths(widths))
            .header(cols.header(state, header))
            .block(block)
            .row_highlight_style(if focused {
                style::selected_row()
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            })
            .highlight_symbol(cols.symbol());
        table_state.select(Some(cursor));
        frame.render_stateful_widget(table, list_area, table_state);
    }
    frame.render_widget(
        notice_para(state, s.plan_notice.as_ref(), msg_area.width),
        msg_area,
    );
}

/// Inside a list narrower than this (the mark, a whole code, a whole range and a little of the
/// name, with the spaces between), each plan takes two lines.
const NARROW_LIST_BELOW: u16 = 2 + 16 + 1 + 13 + 1 + 4;

/// A list too narrow for one line per plan (the smallest windows): the code on one line, the
/// amount or range under it, right-aligned, both whole; the name gives way.
#[allow(clippy::too_many_arguments)]
fn narrow_list(
    state: &AppState,
    list: &[Choice],
    cursor: usize,
    focused: bool,
    block: Block<'static>,
    table_state: &mut TableState,
    frame: &mut Frame,
    area: Rect,
) {
    let rtl = state.lang().is_rtl();
    let two = |code: String, amount: String, style: Style| {
        let code = if rtl {
            Line::from(code).right_aligned()
        } else {
            Line::from(code)
        };
        Row::new(vec![Cell::from(Text::from(vec![
            code,
            Line::from(amount).right_aligned(),
        ]))])
        .height(2)
        .style(style)
    };
    let rows: Vec<Row> = list
        .iter()
        .map(|c| match c {
            Choice::Plan(p) => {
                let st = if p.is_enabled {
                    Style::new()
                } else {
                    style::dim().add_modifier(Modifier::CROSSED_OUT)
                };
                two(plain(&p.code), amount_text(state, p), st)
            }
            Choice::Offer(o) => two(plain(&o.plan_code), no_unit(o.amount), Style::new()),
        })
        .collect();
    // The column names in the screen's words (laid out right to left in Arabic).
    let head = |id: MsgId| cell_words(state, tr(state, id), style::label());
    let header = Row::new(vec![Cell::from(Text::from(vec![
        head(MsgId::ColCode),
        head(MsgId::ColAmountDa).right_aligned(),
    ]))])
    .height(2);
    let table = Table::new(rows, [Constraint::Min(1)])
        .header(header)
        .block(block)
        .row_highlight_style(if focused {
            style::selected_row()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        })
        .highlight_symbol(if rtl { "" } else { "▶ " });
    table_state.select(Some(cursor));
    frame.render_stateful_widget(table, area, table_state);
}

/// Whose plans these are, or whose GETMENU offers.
fn list_title(state: &AppState) -> String {
    match (&state.sale.menu, typed_operator(state)) {
        (MenuState::Offers { phone, .. }, _) => trm(
            state,
            Message::new(MsgId::ListOffersFor).text("phone", spaced_phone(phone.as_str())),
        ),
        (MenuState::Waiting(_), Some(op)) => trm(
            state,
            Message::new(MsgId::ListAsking).text("operator", op.name()),
        ),
        (_, Some(op)) => trm(
            state,
            Message::new(MsgId::ListPlansFor).text("operator", op.name()),
        ),
        (_, None) => tr(state, MsgId::ListPlans).to_string(),
    }
}

/// Why the list is empty.
fn empty_list_text(state: &AppState) -> String {
    if typed_operator(state).is_none() {
        tr(state, MsgId::ListTypeNumber).to_string()
    } else if !state.plans.loaded {
        trm(
            state,
            Message::new(MsgId::ListNotLoaded).msg_of("key", key_msg(Action::Refresh)),
        )
    } else {
        tr(state, MsgId::ListNoPlan).to_string()
    }
}

/// One plan (a disabled one struck through) or one GETMENU offer; wide lists add the price.
fn choice_row(
    state: &AppState,
    cols: &Columns,
    choice: &Choice,
    name_w: usize,
    wide: bool,
    selected: bool,
) -> Row<'static> {
    let mode = state.settings.bidi;
    match choice {
        Choice::Plan(p) => {
            let row_style = if p.is_enabled {
                Style::new()
            } else {
                style::dim().add_modifier(Modifier::CROSSED_OUT)
            };
            let mut cells = vec![
                Cell::from(p.code.clone()),
                Cell::from(plan_name_cell(state, p, name_w)),
                super::money_cell(amount_text(state, p)),
            ];
            if wide {
                let collect = match (p.kind(), p.amount) {
                    (PlanKind::Fixed, Some(a)) => quote(state, p, a).price.to_string(),
                    _ => String::new(),
                };
                cells.push(super::money_cell(collect));
            }
            Row::new(cols.cells(cells, selected)).style(row_style)
        }
        Choice::Offer(o) => {
            let mut cells = vec![
                Cell::from(o.plan_code.clone()),
                Cell::from(one_line(&o.typename, name_w, mode)),
                super::money_cell(no_unit(o.amount)),
            ];
            if wide {
                let op = typed_operator(state).unwrap_or(Operator::Mobilis);
                let plan = crate::ui::sale_logic::offer_plan(&state.plans.data, o, op);
                cells.push(super::money_cell(
                    quote(state, &plan, o.amount).price.to_string(),
                ));
            }
            Row::new(cols.cells(cells, selected))
        }
    }
}
