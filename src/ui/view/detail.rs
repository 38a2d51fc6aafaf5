//! One order, whole: every field, the timeline, the customer's refund message (right-to-left)
//! and the suggested offers, each one key away from a new sale.

use super::style::status_style;
use super::{fit, hsplit, style, tr, trm, when, when_full, words_line};
use crate::api::types::SuggestedOffer;
use crate::i18n::{Message, MsgId};
use crate::orders::{OrderRecord, OrderState};
use crate::ui::fit::Room;
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::{cut_line, one_line, paragraph, plain, words_paragraph};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Rows of the fields box (borders, six fields a side, the status and the last error).
const FIELDS_ROWS: u16 = 10;
/// The room the fields box needs to show amounts and the status whole: two columns of the
/// widest label (in the screen's language) and a value up to 15 wide, and the borders.
pub fn min_room(state: &AppState) -> Room {
    Room {
        // Each half: the label, one space, the value.
        cols: (2 * (label_w(state) + 1 + 15) + 2) as u16,
        rows: FIELDS_ROWS + 3,
    }
}

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let Some(d) = &state.detail else {
        frame.render_widget(
            Paragraph::new(words_line(
                state,
                vec![Span::raw(tr(state, MsgId::DetailNone))],
            )),
            area,
        );
        return;
    };
    let o = &d.order;
    let offers = o.suggested_offers();
    let proof_h = if o.internet_proof().is_some() { 5 } else { 0 };
    // The customer's message is read to them: its box is as tall as the message (within the
    // window), and the suggested offers take what is left (at least one, when there is room).
    let refund_h = o.refund_message().map_or(3, |msg| {
        let box_w = hsplit(
            state,
            Rect { height: 1, ..area },
            [Constraint::Percentage(45), Constraint::Percentage(55)],
        )[1]
        .width;
        paragraph(msg, box_w.saturating_sub(2), state.settings.bidi).len() as u16 + 2
    });
    let left = area.height.saturating_sub(FIELDS_ROWS + proof_h);
    let offers_h = if offers.is_empty() {
        0
    } else {
        let wanted = (offers.len().min(9) as u16) + 2;
        wanted
            .min(left.saturating_sub(refund_h))
            .max(3.min(left.saturating_sub(3)))
    };
    let [fields_area, proof_area, middle, offers_area] = Layout::vertical([
        Constraint::Length(FIELDS_ROWS),
        Constraint::Length(proof_h),
        Constraint::Min(3.max(refund_h.min(left))),
        Constraint::Length(offers_h),
    ])
    .areas(area);
    fields(state, o, frame, fields_area);
    proof(state, o, frame, proof_area);

    let has_refund = o.refund_message().is_some();
    let [timeline_area, refund_area] = if has_refund {
        hsplit(
            state,
            middle,
            [Constraint::Percentage(45), Constraint::Percentage(55)],
        )
    } else {
        hsplit(
            state,
            middle,
            [Constraint::Percentage(100), Constraint::Length(0)],
        )
    };
    timeline(state, o, d.scroll, frame, timeline_area);
    if let Some(msg) = o.refund_message() {
        refund(state, msg, d.scroll, frame, refund_area);
    }
    if !offers.is_empty() {
        suggested_offers(state, offers, frame, offers_area);
    }
}

/// A delivered internet top-up's proof, which the customer must get: the card code, Algérie
/// Télécom's transaction number and the date it was processed (server text, sanitized).
fn proof(state: &AppState, o: &OrderRecord, frame: &mut Frame, area: Rect) {
    let Some((code, trans, date)) = o.internet_proof() else {
        return;
    };
    let block = Block::bordered()
        .title(words_line(
            state,
            vec![Span::raw(format!(" {} ", tr(state, MsgId::ProofTitle)))],
        ))
        .border_style(Style::new().fg(Color::Green));
    let width = usize::from(area.width.saturating_sub(2));
    let mut code_line = field(
        state,
        MsgId::ProofCardCode,
        super::internet_sale::group4(&plain(code)),
        width,
    );
    for s in code_line
        .spans
        .iter_mut()
        .filter(|s| s.style == Style::new())
    {
        s.style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    }
    let lines = vec![
        code_line,
        field(state, MsgId::ProofNumTrans, plain(trans), width),
        field(state, MsgId::ProofDate, plain(date), width),
    ];
    frame.render_widget(Paragraph::new(lines).block(block), area);
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
            let name = one_line(&of.typename, name_w, mode).spans;
            if state.lang().is_rtl() {
                // Key, code and amount in reading order from the right; the name at the left.
                spans.reverse();
                let mut line = name;
                line.push(Span::raw("  "));
                line.extend(spans);
                Line::from(line).right_aligned()
            } else {
                spans.extend(name);
                Line::from(spans)
            }
        })
        .collect();
    let title = words_line(
        state,
        vec![Span::raw(format!(
            " {} ",
            tr(state, MsgId::DetailOffersTitle)
        ))],
    );
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).border_style(style::dim())),
        area,
    );
}

/// Width of the label column: the longest label of the detail screen in this language.
fn label_w(state: &AppState) -> usize {
    super::widgets::label_width(state, &FIELD_LABELS).max(15)
}

const FIELD_LABELS: [MsgId; 14] = [
    MsgId::DetailRef,
    MsgId::DetailTopupId,
    MsgId::DetailPhone,
    MsgId::DetailOperator,
    MsgId::DetailPlan,
    MsgId::DetailKind,
    MsgId::DetailAmount,
    MsgId::DetailPrice,
    MsgId::DetailExpectedCost,
    MsgId::DetailCharged,
    MsgId::DetailCreated,
    MsgId::DetailChecks,
    MsgId::DetailStatus,
    MsgId::DetailLastError,
];

/// `label   value`: the label in the screen's words, the value (numbers, refs, server text)
/// as it is; in Arabic the label is at the right and the value to its left.
fn field(state: &AppState, label: MsgId, value: String, width: usize) -> Line<'static> {
    let lw = label_w(state);
    let value = fit(&value, width.saturating_sub(lw + 1));
    let label = super::widgets::padded(tr(state, label), lw);
    if state.lang().is_rtl() {
        if crate::text::has_rtl(&value) {
            return words_line(
                state,
                vec![Span::styled(label, style::label()), Span::raw(value)],
            );
        }
        // Numbers, dates, refs: left to right, on the label's left.
        let mut l = words_line(state, vec![Span::styled(label, style::label())]);
        l.spans.insert(0, Span::raw(value));
        return l.right_aligned();
    }
    Line::from(vec![Span::styled(label, style::label()), Span::raw(value)])
}

fn money(d: Option<crate::money::Dzd>) -> String {
    d.map(|v| v.to_string()).unwrap_or_else(|| "—".to_string())
}

fn fields(state: &AppState, o: &OrderRecord, frame: &mut Frame, area: Rect) {
    let mut title = vec![
        Span::raw(format!(" {} ", tr(state, MsgId::DetailOrder))),
        Span::styled(plain(&o.reference), style::strong()),
        Span::raw(" "),
    ];
    if let Some(why) = o.origin.explain() {
        title.push(Span::styled(
            format!("· {} ", tr(state, why)),
            Style::new().fg(Color::Yellow),
        ));
    }
    // The ref whole in the title (a why-it-is-here word after it gives way first).
    let title = cut_line(
        words_line(state, title),
        usize::from(area.width.saturating_sub(4)),
        state.lang().is_rtl(),
    );
    let block = Block::bordered().title(title).border_style(style::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, status_area, error_area] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [left, right] = hsplit(
        state,
        top,
        [Constraint::Percentage(50), Constraint::Percentage(50)],
    );
    let left_lines = what_was_sold(state, o, usize::from(left.width));
    frame.render_widget(Paragraph::new(left_lines), left);
    let right_lines = money_and_times(state, o, usize::from(right.width));
    frame.render_widget(Paragraph::new(right_lines), right);
    frame.render_widget(
        Paragraph::new(status_line(state, o, usize::from(status_area.width))),
        status_area,
    );
    let err = o
        .last_error
        .as_ref()
        .map(|e| plain(&e.message().in_lang(state.lang())))
        .unwrap_or_else(|| "—".into());
    frame.render_widget(
        Paragraph::new(field(
            state,
            MsgId::DetailLastError,
            err,
            usize::from(error_area.width),
        )),
        error_area,
    );
}

/// Topup id, number, operator, plan and when it was made (the ref is whole in the title).
fn what_was_sold(state: &AppState, o: &OrderRecord, width: usize) -> Vec<Line<'static>> {
    let code = plain(&o.plan_code);
    let name_w = width.saturating_sub(label_w(state) + 2 + code.chars().count());
    let name = one_line(&o.plan_name, name_w, state.settings.bidi);
    let mut plan = field(state, MsgId::DetailPlan, code.clone(), width);
    if state.lang().is_rtl() {
        plan.spans
            .splice(0..0, name.spans.into_iter().chain([Span::raw(" ")]));
    } else {
        plan.spans.push(Span::raw(" "));
        plan.spans.extend(name.spans);
    }
    vec![
        field(
            state,
            MsgId::DetailTopupId,
            o.topup_id
                .as_deref()
                .map(plain)
                .unwrap_or_else(|| format!("— ({})", tr(state, MsgId::DetailNotSentYet))),
            width,
        ),
        field(state, MsgId::DetailPhone, spaced_phone(&o.phone), width),
        field(
            state,
            MsgId::DetailOperator,
            o.line.name().to_string(),
            width,
        ),
        plan,
        field(
            state,
            MsgId::DetailKind,
            tr(state, super::widgets::kind_word(o.plan_kind)).to_string(),
            width,
        ),
        field(
            state,
            MsgId::DetailCreated,
            when_full(state, o.created_at),
            width,
        ),
    ]
}

/// Amount, price, cost, what the API charged and how often it was checked.
fn money_and_times(state: &AppState, o: &OrderRecord, width: usize) -> Vec<Line<'static>> {
    vec![
        field(state, MsgId::DetailAmount, o.amount.to_string(), width),
        field(state, MsgId::DetailPrice, money(o.price), width),
        field(
            state,
            MsgId::DetailExpectedCost,
            money(o.expected_cost),
            width,
        ),
        field(state, MsgId::DetailCharged, money(o.net_charged()), width),
        field(
            state,
            MsgId::DetailChecks,
            trm(
                state,
                Message::new(MsgId::DetailChecksValue)
                    .num("checks", o.checks as i64)
                    .num("sends", o.send_attempts as i64),
            ),
            width,
        ),
    ]
}

/// The status word in its colour, what it means for the staff, and the refusal or since when.
/// What does not fit is cut at its logical end, so the label and the word always show.
fn status_line(state: &AppState, o: &OrderRecord, width: usize) -> Line<'static> {
    let detail = match &o.state {
        OrderState::Refused { code, message } => {
            format!(" ({}: {})", plain(code), plain(message))
        }
        OrderState::Unconfirmed { since } => format!(
            " ({})",
            trm(
                state,
                Message::new(MsgId::DetailSince).text("time", when(state, *since))
            )
        ),
        _ => String::new(),
    };
    let word = tr(state, o.word());
    let room = width.saturating_sub(label_w(state) + unicode_width::UnicodeWidthStr::width(word));
    let full = format!(" — {}{detail}", tr(state, o.advice()));
    // Too long for the line: the same advice in the few words a table row uses.
    let advice = if unicode_width::UnicodeWidthStr::width(full.as_str()) <= room {
        full
    } else {
        format!(" — {}{detail}", tr(state, o.short_advice()))
    };
    words_line(
        state,
        vec![
            Span::styled(
                super::widgets::padded(tr(state, MsgId::DetailStatus), label_w(state)),
                style::label(),
            ),
            Span::styled(word, super::style::order_style(o)),
            Span::styled(
                fit(&advice, room),
                super::style::order_style(o).remove_modifier(Modifier::BOLD),
            ),
        ],
    )
}

fn timeline(state: &AppState, o: &OrderRecord, scroll: u16, frame: &mut Frame, area: Rect) {
    let inner_w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = if o.history.is_empty() {
        vec![words_line(
            state,
            vec![Span::styled(
                format!(" {}", tr(state, MsgId::DetailNoChange)),
                style::dim(),
            )],
        )]
    } else {
        o.history
            .iter()
            .flat_map(|h| {
                let note = h
                    .note
                    .as_ref()
                    .map(|n| plain(&n.message().in_lang(state.lang())));
                timeline_entry(state, when(state, h.at), h.state, note, inner_w)
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::bordered()
                .title(words_line(
                    state,
                    vec![Span::raw(format!(" {} ", tr(state, MsgId::DetailTimeline)))],
                ))
                .border_style(style::dim()),
        ),
        area,
    );
}

/// One timeline entry, wrapped as one: its time and state word on the first line (never the
/// time alone), the note beside them when it fits, else on the lines below, under the word,
/// wrapped by the text layer in the screen's direction.
fn timeline_entry(
    state: &AppState,
    time: String,
    status: crate::ledger::Status,
    note: Option<String>,
    width: usize,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let rtl = state.lang().is_rtl();
    let time = format!(" {time} ");
    let indent = time.width();
    let head = vec![
        Span::styled(time, style::dim()),
        Span::styled(tr(state, status.word()).to_string(), status_style(status)),
    ];
    let head_w: usize = head.iter().map(Span::width).sum();
    let Some(note) = note else {
        return vec![cut_line(words_line(state, head), width, rtl)];
    };
    if head_w + 2 + note.width() <= width {
        let mut spans = head;
        spans.push(Span::styled(format!("  {note}"), style::dim()));
        return vec![words_line(state, spans)];
    }
    let mut lines = vec![cut_line(words_line(state, head), width, rtl)];
    let room = u16::try_from(width.saturating_sub(indent).max(1)).unwrap_or(u16::MAX);
    for mut l in words_paragraph(&note, room, state.settings.bidi) {
        for sp in &mut l.spans {
            sp.style = sp.style.patch(style::dim());
        }
        // Under the state word: after the time's width from the line's start.
        let pad = Span::raw(" ".repeat(indent));
        if rtl {
            l.spans.push(pad);
            l = l.right_aligned();
        } else {
            l.spans.insert(0, pad);
            l = l.left_aligned();
        }
        lines.push(l);
    }
    lines
}

fn refund(state: &AppState, msg: &str, scroll: u16, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(words_line(
            state,
            vec![Span::raw(format!(
                " {} ",
                tr(state, MsgId::DetailRefundMessage)
            ))],
        ))
        .border_style(Style::new().fg(Color::Yellow));
    let inner = block.inner(area);
    // The text layer aligns by direction: an Arabic message sits on the right of its box.
    let lines = paragraph(msg, inner.width, state.settings.bidi);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use unicode_width::UnicodeWidthStr;

    /// At 80×24 each half of the fields box is 39 columns: the "checks" value (even with many
    /// checks and sends) fits beside the widest label, in every language.
    #[test]
    fn the_checks_value_fits_its_half_at_80_columns_in_every_language() {
        let mut state = AppState::new(crate::ui::state::UiSettings::default(), chrono::Utc::now());
        let half = (80 - 2) / 2;
        for lang in Lang::ALL {
            state.settings.lang = lang;
            let value = trm(
                &state,
                Message::new(MsgId::DetailChecksValue)
                    .num("checks", 999)
                    .num("sends", 99),
            );
            let room = half - label_w(&state) - 1;
            assert!(
                value.width() <= room,
                "{lang}: '{value}' is {} wide, the room is {room}",
                value.width()
            );
        }
    }

    /// The size rule asks for room for the widest label of the language on show.
    #[test]
    fn the_room_needed_follows_the_languages_labels() {
        let mut state = AppState::new(crate::ui::state::UiSettings::default(), chrono::Utc::now());
        for lang in Lang::ALL {
            state.settings.lang = lang;
            let room = min_room(&state);
            // At exactly that width an amount of a million dinars shows whole beside the label.
            let half = usize::from(room.cols - 2) / 2;
            let value_room = half - label_w(&state) - 1;
            assert!(
                value_room >= "1 000 000.00 DA".width(),
                "{lang}: {value_room}"
            );
            assert!(room.cols <= 80, "{lang}: the detail must fit 80 columns");
        }
    }
}
