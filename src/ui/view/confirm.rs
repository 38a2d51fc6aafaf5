//! The sale's confirm step: the box read to the customer (number, plan, amount, what to
//! collect, warnings) over the form, and its SEND buttons; the internet sale uses them too.

use super::bigdigits::{big_rows, big_width};
use super::widgets::*;
use super::{fit, style, tr, trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::orders::ValidOrder;
use crate::ui::fit::Room;
use crate::ui::keys::{Action, hint_key_in};
use crate::ui::refusal::explain;
use crate::ui::sale_logic::{balance_shortfall, build_draft, spaced_phone};
use crate::ui::state::{AppState, Notice, NoticeKind};
use crate::ui::text_bridge::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph};

/// The widest the confirm box gets.
pub(super) const CONFIRM_MAX_COLS: u16 = 72;
/// The label column of the confirm box (`Plan`, `Amount`, `COLLECT` in the screen's language,
/// padded to the longest).
pub(super) fn confirm_label_width(state: &AppState) -> usize {
    label_width(
        state,
        &[MsgId::ConfirmPlan, MsgId::ConfirmAmount, MsgId::SaleCollect],
    )
}

pub(super) fn confirm(state: &AppState, frame: &mut Frame, area: Rect) {
    let lines = match build_draft(state) {
        Ok(draft) => {
            let spaced = spaced_phone(draft.phone.as_str());
            let big = big_number_fits(&spaced, area, confirm_room(state, &draft));
            confirm_lines(state, &draft, box_inner_width(area), big)
        }
        Err(e) => vec![refusal_line(state, &e)],
    };
    modal(
        state,
        frame,
        area,
        MsgId::ConfirmTitle,
        Color::Yellow,
        lines,
    );
}

/// Why a draft cannot be confirmed, as the box's one line.
pub(super) fn refusal_line(state: &AppState, e: &crate::orders::InvalidOrder) -> Line<'static> {
    words_line(
        state,
        vec![Span::styled(
            Notice::error(explain(e).message).text(state.lang()),
            style::notice_style(NoticeKind::Error),
        )],
    )
}

/// A double-bordered box in the middle of `area` (at most [`CONFIRM_MAX_COLS`] wide), titled
/// in `colour`, over what is under it: the confirm boxes and the proof of delivery.
/// The text width inside a confirm box drawn in `area`.
pub(super) fn box_inner_width(area: Rect) -> usize {
    usize::from(area.width.min(CONFIRM_MAX_COLS).saturating_sub(2))
}

/// Big digits for the number (`spaced`) only when the box, which needs `room` without them,
/// still fits whole with them.
pub(super) fn big_number_fits(spaced: &str, area: Rect, room: Room) -> bool {
    big_width(spaced) + 2 <= box_inner_width(area) && area.height >= room.rows + 3
}

pub(super) fn modal(
    state: &AppState,
    frame: &mut Frame,
    area: Rect,
    title: MsgId,
    colour: Color,
    lines: Vec<Line<'static>>,
) {
    let width = area.width.min(CONFIRM_MAX_COLS);
    let inner_w = box_inner_width(area);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(ratatui::widgets::BorderType::Double)
        .border_style(Style::new().fg(colour))
        .title(words_line(
            state,
            vec![Span::styled(
                fit(&format!(" {} ", tr(state, title)), inner_w),
                Style::new().fg(colour).add_modifier(Modifier::BOLD),
            )],
        ));
    frame.render_widget(Paragraph::new(Text::from(lines)).block(block), rect);
}

/// The room (body columns and rows) the confirm box needs to show whole the number, the
/// amount, the price to collect and the SEND line (without the big digits).
pub fn confirm_room(state: &AppState, draft: &ValidOrder) -> Room {
    let rows = confirm_lines(state, draft, usize::from(CONFIRM_MAX_COLS), false).len() + 2;
    let price = draft.price.map(|p| p.to_string()).unwrap_or_default();
    // ` label ` then the value.
    let label_cols = confirm_label_width(state) + 1;
    let cols = [
        phone_line(draft).width(),
        label_cols + draft.amount.to_string().chars().count(),
        label_cols + price.chars().count(),
        send_buttons(state).width(),
    ]
    .into_iter()
    .max()
    .unwrap_or(0)
        + 2;
    Room {
        cols: cols.min(usize::from(CONFIRM_MAX_COLS)) as u16,
        rows: rows as u16,
    }
}

pub(super) fn phone_line(draft: &ValidOrder) -> Line<'static> {
    let op_style = Style::new()
        .fg(operator_color(draft.operator()))
        .add_modifier(Modifier::BOLD);
    Line::from(vec![
        Span::styled(
            format!(" {} ", spaced_phone(draft.phone.as_str())),
            style::strong().add_modifier(Modifier::REVERSED),
        ),
        Span::raw("  "),
        Span::styled(draft.operator().name(), op_style),
    ])
}

/// The confirm box's text: the number (big when there is room), what is sold, the price to
/// collect, any warning, then the keys to send or change.
pub(super) fn confirm_lines(
    state: &AppState,
    draft: &ValidOrder,
    inner_w: usize,
    big_digits: bool,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = vec![Line::raw("")];
    if big_digits {
        for row in big_rows(&spaced_phone(draft.phone.as_str())) {
            lines.push(Line::styled(format!(" {row}"), style::strong()));
        }
    }
    lines.push(phone_line(draft));
    lines.push(Line::raw(""));
    lines.push(confirm_plan_line(state, draft, inner_w));
    lines.push(confirm_amount_line(state, draft));
    lines.push(confirm_collect_line(state, draft));
    lines.push(Line::raw(""));
    lines.extend(confirm_warnings(state, draft, inner_w));
    lines.push(send_buttons(state));
    lines
}

/// A confirm box label, padded so the values line up.
pub(super) fn confirm_label(state: &AppState, id: MsgId) -> Span<'static> {
    let lw = confirm_label_width(state);
    Span::styled(format!(" {}", padded(tr(state, id), lw)), style::label())
}

/// `Plan: CODE  name`, the name cut to the box.
pub(super) fn confirm_plan_line(
    state: &AppState,
    draft: &ValidOrder,
    inner_w: usize,
) -> Line<'static> {
    let lw = confirm_label_width(state);
    let name_w = inner_w.saturating_sub(lw + 4 + draft.plan.code.len());
    let name = one_line(&draft.plan.name, name_w, state.settings.bidi);
    // The plan's name is server text already laid out: kept out of the line's reordering.
    let mut plan_line = words_line(
        state,
        vec![
            confirm_label(state, MsgId::ConfirmPlan),
            Span::styled(draft.plan.code.clone(), style::strong()),
        ],
    );
    if state.lang().is_rtl() {
        plan_line.spans.insert(0, Span::raw("  "));
        plan_line.spans.splice(0..0, name.spans);
    } else {
        plan_line.spans.push(Span::raw("  "));
        plan_line.spans.extend(name.spans);
    }
    plan_line
}

/// `Amount: 1000  (fixed)`.
pub(super) fn confirm_amount_line(state: &AppState, draft: &ValidOrder) -> Line<'static> {
    words_line(
        state,
        vec![
            confirm_label(state, MsgId::ConfirmAmount),
            Span::styled(draft.amount.to_string(), style::strong()),
            Span::styled(
                format!("  ({})", tr(state, kind_word(draft.plan.kind()))),
                style::dim(),
            ),
        ],
    )
}

/// `COLLECT: 1050`: the price in yellow. The box is read to the customer: what the sale costs
/// the shop is not on it (the owner sees it in the books).
pub(super) fn confirm_collect_line(state: &AppState, draft: &ValidOrder) -> Line<'static> {
    words_line(
        state,
        vec![
            confirm_label(state, MsgId::SaleCollect),
            Span::styled(
                draft.price.map(|p| p.to_string()).unwrap_or_default(),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ),
        ],
    )
}

/// Over the keys: a balance too low for the sale, and the confirm box's own notice.
pub(super) fn confirm_warnings(
    state: &AppState,
    draft: &ValidOrder,
    inner_w: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(name) =
        crate::ui::internet::down_operator(state, draft.operator(), &draft.plan.operator)
        && !state.sale.down_armed
    {
        let w = trm(
            state,
            Message::new(MsgId::OperatorDown).text("operator", name),
        );
        lines.push(words_line(
            state,
            vec![Span::styled(
                format!(" {}", fit(&w, inner_w.saturating_sub(1))),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            )],
        ));
    }
    if let Some(w) = balance_shortfall(state.status.balance, draft) {
        let w = Notice::warn(w).text(state.lang());
        lines.push(words_line(
            state,
            vec![Span::styled(
                format!(" ⚠ {}", fit(&w, inner_w.saturating_sub(3))),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            )],
        ));
    }
    if let Some(n) = &state.sale.confirm_notice {
        lines.push(words_line(
            state,
            vec![Span::styled(
                format!(" {}", fit(&n.text(state.lang()), inner_w.saturating_sub(1))),
                style::notice_style(n.kind),
            )],
        ));
    }
    lines
}

/// The two ways out of the confirm box, keys named by the keymap.
pub(super) fn send_buttons(state: &AppState) -> Line<'static> {
    words_line(
        state,
        vec![
            Span::raw(" "),
            Span::styled(
                format!(" {} ", hint_key_in(state.lang(), Action::Enter)),
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Green)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(" {}    ", tr(state, MsgId::ConfirmSend)),
                style::strong(),
            ),
            Span::styled(
                format!(" {} ", hint_key_in(state.lang(), Action::Back)),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            Span::raw(format!(" {}", tr(state, MsgId::ConfirmChange))),
        ],
    )
}
