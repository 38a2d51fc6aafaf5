//! Pieces several screens draw alike: boxes, field lines, notices under a field, label
//! columns padded to the widest label, the operators' colours and a plan's amount words.

use super::{cell_words, style, tr, words_line};
use crate::api::types::{Plan, PlanKind};
use crate::i18n::{Message, MsgId};
use crate::money::Dzd;
use crate::rules::Operator;
use crate::ui::state::{AppState, Notice};
use crate::ui::text_bridge::one_line;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub(super) fn boxed(state: &AppState, title: &str, focused: bool) -> Block<'static> {
    let title = words_line(state, vec![Span::raw(format!(" {title} "))]);
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(style::focus_border())
            .title_style(style::focus_border().add_modifier(Modifier::BOLD))
    } else {
        b.border_style(style::dim())
    }
}

pub fn operator_color(op: Operator) -> Color {
    match op {
        Operator::Mobilis => Color::Green,
        Operator::Djezzy => Color::Red,
        Operator::Ooredoo => Color::LightRed,
    }
}

/// A line's colour: its operator's, or Idoom's (ADSL and 4G apart).
pub fn line_color(line: crate::rules::Line) -> Color {
    match line {
        crate::rules::Line::Mobile(op) => operator_color(op),
        crate::rules::Line::Internet(crate::rules::InternetType::Adsl) => Color::LightBlue,
        crate::rules::Line::Internet(crate::rules::InternetType::FourG) => Color::LightMagenta,
    }
}

/// A notice under a field, wrapped to its box; right to left laid out by the text layer.
pub(super) fn notice_para(state: &AppState, n: Option<&Notice>, width: u16) -> Paragraph<'static> {
    let Some(n) = n else {
        return Paragraph::new("");
    };
    let text = n.text(state.lang());
    if state.lang().is_rtl() {
        let lines: Vec<Line> =
            crate::ui::text_bridge::words_paragraph(&text, width, state.settings.bidi)
                .into_iter()
                .map(|l| l.style(style::notice_style(n.kind)).right_aligned())
                .collect();
        return Paragraph::new(lines);
    }
    Paragraph::new(Line::styled(text, style::notice_style(n.kind))).wrap(Wrap { trim: true })
}

/// A field's text: numbers and amounts read left to right in every language; in Arabic the
/// field is right-aligned with the cursor after the last character, where the next one goes.
pub(super) fn field_line(state: &AppState, spans: Vec<Span<'static>>) -> Line<'static> {
    let line = Line::from(spans);
    if state.lang().is_rtl() {
        line.right_aligned()
    } else {
        line
    }
}

/// Labels padded to the widest of them, so values line up in every language.
pub fn label_width(state: &AppState, ids: &[MsgId]) -> usize {
    ids.iter()
        .map(|id| unicode_width::UnicodeWidthStr::width(tr(state, *id)))
        .max()
        .unwrap_or(0)
        + 2
}

/// `text` padded with spaces to `width` cells.
pub fn padded(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn range_hint(p: &Plan) -> Message {
    match (p.min_amount, p.max_amount) {
        (Some(lo), Some(hi)) => Message::new(MsgId::SaleRange)
            .text("min", lo)
            .text("max", hi),
        (Some(lo), None) => Message::new(MsgId::SaleAtLeast).text("min", lo),
        (None, Some(hi)) => Message::new(MsgId::SaleAtMost).text("max", hi),
        (None, None) => Message::new(MsgId::SaleTypeAmount),
    }
}

/// `40–3 999` for a range, `500` for a fixed amount (the column header says DA).
pub fn amount_text(state: &AppState, p: &Plan) -> String {
    match (p.kind(), p.amount, p.min_amount, p.max_amount) {
        (PlanKind::Fixed, Some(a), _, _) => no_unit(a),
        (_, _, Some(lo), Some(hi)) => format!("{}–{}", no_unit(lo), no_unit(hi)),
        (_, _, Some(lo), None) => format!("≥ {}", no_unit(lo)),
        (_, _, None, Some(hi)) => format!("≤ {}", no_unit(hi)),
        _ => tr(state, MsgId::SaleAnyAmount).to_string(),
    }
}

/// The plan kind's word (`dynamic`, `fixed`, `GETMENU`).
pub fn kind_word(kind: PlanKind) -> MsgId {
    match kind {
        PlanKind::Dynamic => MsgId::KindDynamic,
        PlanKind::Fixed => MsgId::KindFixed,
        PlanKind::GetMenu => MsgId::KindGetMenu,
    }
}

pub fn no_unit(d: Dzd) -> String {
    d.to_string().trim_end_matches(" DA").to_string()
}

/// A plan's name for a table cell, `(disabled)` before it (after it, in Arabic) when it is.
pub fn plan_name_cell(state: &AppState, p: &Plan, name_w: usize) -> Line<'static> {
    let rtl = state.lang().is_rtl();
    let prefix = if p.is_enabled {
        String::new()
    } else {
        format!("{} ", tr(state, MsgId::ListDisabled))
    };
    let prefix_w = unicode_width::UnicodeWidthStr::width(prefix.as_str());
    let mut name = one_line(
        &p.name,
        name_w.saturating_sub(prefix_w),
        state.settings.bidi,
    );
    if !prefix.is_empty() {
        let tag = cell_words(state, &prefix, Style::new());
        if rtl {
            name.spans.extend(tag.spans);
        } else {
            name.spans.splice(0..0, tag.spans);
        }
    }
    if rtl { name.right_aligned() } else { name }
}
