//! The sale screen on an Idoom internet product: the product switch, the line and its check,
//! the values on sale, the confirm box with what to collect, and the proof of a delivered
//! top-up (card code, transaction number, date) shown large until dismissed.

use super::bigdigits::{big_rows, big_width};
use super::confirm::{CONFIRM_MAX_COLS, big_number_fits, box_inner_width, modal, send_buttons};
use super::widgets::{boxed, field_line, label_width, line_color, notice_para, padded};
use super::{Columns, cell_words, fit, style, tr, trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::orders::ValidInternetOrder;
use crate::orders::internet::internet_quote;
use crate::rules::{InternetType, Line as SoldLine, LineCheck, Product};
use crate::ui::fit::Room;
use crate::ui::internet::{
    build_internet_draft, digits_typed, line_status, number_check, products, selected_product,
    spaced_line,
};
use crate::ui::keys::{Action, key_msg};
use crate::ui::state::{AppState, LineStatus, ListStates, Notice, SaleStep};
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

pub fn draw(
    state: &AppState,
    kind: InternetType,
    lists: &mut ListStates,
    frame: &mut Frame,
    area: Rect,
) {
    if state.sale.step == SaleStep::Confirm {
        return confirm(state, kind, frame, area);
    }
    let [form_area, list_area, pane_area] = super::sale::form_list_pane(state, area);
    form(state, kind, frame, form_area);
    values(state, kind, lists, frame, list_area);
    super::pane::draw(state, &mut lists.pane, frame, pane_area);
}

/// `product (F12): mobile · [Idoom ADSL] · Idoom 4G`, the product sold marked.
pub fn switch_line(state: &AppState) -> Line<'static> {
    let label = trm(
        state,
        Message::new(MsgId::SaleProductSwitch).msg_of("key", key_msg(Action::SwitchProduct)),
    );
    let mut spans = vec![Span::styled(label, style::label())];
    for p in Product::ALL {
        let name = match p {
            Product::Mobile => tr(state, MsgId::ProductMobile).to_string(),
            Product::Internet(k) => k.name().trim_start_matches("Idoom ").to_string(),
        };
        let st = if p == state.sale.product {
            style::strong().add_modifier(Modifier::REVERSED)
        } else {
            style::dim()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(name, st));
    }
    words_line(state, spans)
}

fn form(state: &AppState, kind: InternetType, frame: &mut Frame, area: Rect) {
    let s = &state.sale;
    let [switch, number_box, info, notice, value_box, quote] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(switch_line(state)), switch);
    let focused = s.step == SaleStep::Phone;
    let mut field = vec![Span::styled(spaced_line(&s.phone), style::strong())];
    if focused {
        field.push(Span::styled("▏", Style::new().fg(Color::Cyan)));
    }
    let title = trm(
        state,
        Message::new(MsgId::SaleLineNumber).text("product", kind.name()),
    );
    frame.render_widget(
        Paragraph::new(field_line(state, field)).block(boxed(state, &title, focused)),
        number_box,
    );
    frame.render_widget(Paragraph::new(info_line(state, kind)), info);
    let shown = s.phone_notice.clone().or_else(|| line_notice(state));
    frame.render_widget(notice_para(state, shown.as_ref(), notice.width), notice);
    let chosen = match selected_product(state, kind) {
        Some(p) if s.step != SaleStep::Phone => p.value.to_string(),
        _ => String::new(),
    };
    frame.render_widget(
        Paragraph::new(field_line(
            state,
            vec![Span::styled(chosen, style::strong())],
        ))
        .block(boxed(
            state,
            tr(state, MsgId::SaleAmount),
            s.step == SaleStep::Plan,
        )),
        value_box,
    );
    frame.render_widget(Paragraph::new(quote_lines(state, kind)), quote);
}

/// What OneClickDz said about the line, under it (when nothing else is said there).
fn line_notice(state: &AppState) -> Option<Notice> {
    match line_status(state) {
        LineStatus::Checking(_) => Some(Notice::info(MsgId::LineChecking)),
        LineStatus::Found { offer: Some(o), .. } => Some(Notice::info(
            Message::new(MsgId::LineFoundOffer).text("offer", plain(o)),
        )),
        LineStatus::Found { offer: None, .. } => Some(Notice::info(MsgId::LineFound)),
        _ => None,
    }
}

/// The line's product and digits typed, ✓ once OneClickDz found the line.
fn info_line(state: &AppState, kind: InternetType) -> Line<'static> {
    let product = Span::styled(
        kind.name(),
        Style::new()
            .fg(line_color(SoldLine::Internet(kind)))
            .add_modifier(Modifier::BOLD),
    );
    let count = format!("  {}/{}", digits_typed(state, kind), kind.number_len());
    let complete = matches!(number_check(state, kind), LineCheck::Complete(_));
    let found = matches!(line_status(state), LineStatus::Found { .. });
    let mut spans = vec![product, Span::raw(count)];
    if complete && found {
        spans.push(Span::styled(" ✓", Style::new().fg(Color::Green)));
    }
    words_line(state, spans)
}

/// The value chosen, the price to collect and the cost, once a value is on the cursor.
fn quote_lines(state: &AppState, kind: InternetType) -> Vec<Line<'static>> {
    if state.sale.step == SaleStep::Phone {
        return vec![];
    }
    let Some(p) = selected_product(state, kind) else {
        return vec![];
    };
    let q = internet_quote(&state.settings.price_rule, p);
    let lw = label_width(state, &[MsgId::SaleFace, MsgId::SaleCollect]);
    let label = |id| Span::styled(padded(tr(state, id), lw), style::label());
    let mut lines = vec![
        words_line(
            state,
            vec![
                label(MsgId::SaleFace),
                Span::styled(p.value.to_string(), style::strong()),
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
    ];
    if let Some(c) = p.cost {
        let cost = trm(state, Message::new(MsgId::SaleCost).text("cost", c));
        lines.push(words_line(state, vec![Span::styled(cost, style::dim())]));
    }
    lines
}

/// The values on sale: amount, price to collect, and those not on sale now marked.
fn values(
    state: &AppState,
    kind: InternetType,
    lists: &mut ListStates,
    frame: &mut Frame,
    area: Rect,
) {
    let s = &state.sale;
    let focused = s.step == SaleStep::Plan;
    let [list_area, msg_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(area);
    let title = trm(
        state,
        Message::new(MsgId::ListValuesFor).text("product", kind.name()),
    );
    let block = boxed(state, &title, focused);
    let list = products(state, kind);
    if list.is_empty() {
        let text = trm(
            state,
            Message::new(MsgId::ListValuesNotLoaded)
                .text("product", kind.name())
                .msg_of("key", key_msg(Action::Refresh)),
        );
        frame.render_widget(
            Paragraph::new(cell_words(state, &text, style::dim())).block(block),
            list_area,
        );
    } else {
        let cols = Columns::of(state);
        let cursor = s.cursor.min(list.len() - 1);
        let rows: Vec<Row> = list
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let price = internet_quote(&state.settings.price_rule, p).price;
                let note = if p.available {
                    String::new()
                } else {
                    tr(state, MsgId::ListNotOnSale).to_string()
                };
                let cells = vec![
                    super::money_cell(super::widgets::no_unit(p.value)),
                    super::money_cell(price.to_string()),
                    Cell::from(cell_words(state, &note, Style::new())),
                ];
                let row = Row::new(cols.cells(cells, i == cursor));
                if p.available {
                    row
                } else {
                    row.style(style::dim().add_modifier(Modifier::CROSSED_OUT))
                }
            })
            .collect();
        let widths = vec![
            Constraint::Length(13),
            Constraint::Length(12),
            Constraint::Min(4),
        ];
        let table = Table::new(rows, cols.widths(widths))
            .header(cols.header(
                state,
                vec![MsgId::ColAmountDa, MsgId::ColCollect, MsgId::ColName],
            ))
            .block(block)
            .row_highlight_style(if focused {
                style::selected_row()
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            })
            .highlight_symbol(cols.symbol());
        lists.sale_plans.select(Some(cursor));
        frame.render_stateful_widget(table, list_area, &mut lists.sale_plans);
    }
    frame.render_widget(
        notice_para(state, s.plan_notice.as_ref(), msg_area.width),
        msg_area,
    );
}

fn confirm_label(state: &AppState, id: MsgId) -> Span<'static> {
    let lw = label_width(
        state,
        &[
            MsgId::ConfirmProduct,
            MsgId::ConfirmOffer,
            MsgId::ConfirmAmount,
            MsgId::SaleCollect,
        ],
    );
    Span::styled(format!(" {}", padded(tr(state, id), lw)), style::label())
}

/// The confirm box's lines: the number (big when there is room), the product and the line's
/// offer, the value, what to collect, the box's notice and the keys.
fn confirm_lines(
    state: &AppState,
    draft: &ValidInternetOrder,
    inner_w: usize,
    big: bool,
) -> Vec<Line<'static>> {
    let spaced = spaced_line(draft.number.as_str());
    let kind = draft.kind();
    let mut lines = vec![Line::raw("")];
    if big {
        for row in big_rows(&spaced) {
            lines.push(Line::styled(format!(" {row}"), style::strong()));
        }
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!(" {spaced} "),
            style::strong().add_modifier(Modifier::REVERSED),
        ),
        Span::raw("  "),
        Span::styled(
            kind.name(),
            Style::new()
                .fg(line_color(SoldLine::Internet(kind)))
                .add_modifier(Modifier::BOLD),
        ),
    ]));
    lines.push(Line::raw(""));
    lines.push(words_line(
        state,
        vec![
            confirm_label(state, MsgId::ConfirmProduct),
            Span::styled(kind.name(), style::strong()),
        ],
    ));
    if let LineStatus::Found { offer: Some(o), .. } = line_status(state) {
        lines.push(words_line(
            state,
            vec![
                confirm_label(state, MsgId::ConfirmOffer),
                Span::styled(fit(&plain(o), inner_w.saturating_sub(20)), style::strong()),
            ],
        ));
    }
    lines.push(words_line(
        state,
        vec![
            confirm_label(state, MsgId::ConfirmAmount),
            Span::styled(draft.product.value.to_string(), style::strong()),
        ],
    ));
    // Read to the customer: the shop's cost is not on it (the owner sees it in the books).
    lines.push(words_line(
        state,
        vec![
            confirm_label(state, MsgId::SaleCollect),
            Span::styled(
                draft.price.to_string(),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ),
        ],
    ));
    lines.push(Line::raw(""));
    if let Some(n) = &state.sale.confirm_notice {
        lines.push(words_line(
            state,
            vec![Span::styled(
                format!(" {}", fit(&n.text(state.lang()), inner_w.saturating_sub(1))),
                style::notice_style(n.kind),
            )],
        ));
    }
    lines.push(send_buttons(state));
    lines
}

/// The room the internet confirm box needs to show whole (without the big digits).
pub fn confirm_room(state: &AppState, kind: InternetType) -> Room {
    match build_internet_draft(state, kind) {
        Ok(draft) => {
            let lines = confirm_lines(state, &draft, usize::from(CONFIRM_MAX_COLS), false);
            let cols = lines.iter().map(Line::width).max().unwrap_or(0) + 2;
            Room {
                cols: cols.min(usize::from(CONFIRM_MAX_COLS)) as u16,
                rows: lines.len() as u16 + 2,
            }
        }
        Err(_) => super::sale::FORM_ROOM,
    }
}

fn confirm(state: &AppState, kind: InternetType, frame: &mut Frame, area: Rect) {
    let lines = match build_internet_draft(state, kind) {
        Ok(draft) => {
            let spaced = spaced_line(draft.number.as_str());
            let big = big_number_fits(&spaced, area, confirm_room(state, kind));
            confirm_lines(state, &draft, box_inner_width(area), big)
        }
        Err(e) => vec![super::confirm::refusal_line(state, &e)],
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

/// The proof of a delivered internet top-up, over the sale screen until Enter or Esc: the
/// card code large (it is what the customer types in), the transaction number and the date.
pub fn proof(state: &AppState, frame: &mut Frame, area: Rect) {
    let Some(rec) = &state.proof else { return };
    let Some((code, trans, date)) = rec.internet_proof() else {
        return;
    };
    let width = area.width.min(CONFIRM_MAX_COLS);
    let inner_w = usize::from(width.saturating_sub(2));
    let code = plain(code);
    let grouped = group4(&code);
    let mut lines = vec![Line::raw("")];
    let big = code.chars().all(|c| c.is_ascii_digit())
        && big_width(&grouped) < inner_w
        && area.height >= 16;
    if big {
        for row in big_rows(&grouped) {
            lines.push(Line::styled(format!(" {row}"), style::strong()));
        }
    }
    let lw = label_width(
        state,
        &[MsgId::ProofCardCode, MsgId::ProofNumTrans, MsgId::ProofDate],
    );
    let field = |id: MsgId, value: String, st: Style| {
        words_line(
            state,
            vec![
                Span::styled(format!(" {}", padded(tr(state, id), lw)), style::label()),
                Span::styled(fit(&value, inner_w.saturating_sub(lw + 2)), st),
            ],
        )
    };
    lines.push(field(
        MsgId::ProofCardCode,
        grouped.clone(),
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    ));
    lines.push(field(MsgId::ProofNumTrans, plain(trans), style::strong()));
    lines.push(field(MsgId::ProofDate, plain(date), style::strong()));
    lines.push(words_line(
        state,
        vec![Span::styled(
            format!(
                " {}  {}  {}",
                spaced_line(&rec.phone),
                rec.line.name(),
                rec.amount
            ),
            style::dim(),
        )],
    ));
    lines.push(Line::raw(""));
    let dismiss = trm(
        state,
        Message::new(MsgId::ProofDismiss)
            .msg_of("enter", key_msg(Action::Enter))
            .msg_of("back", key_msg(Action::Back)),
    );
    lines.push(words_line(
        state,
        vec![Span::styled(format!(" {dismiss}"), style::strong())],
    ));
    modal(state, frame, area, MsgId::ProofTitle, Color::Green, lines);
}

/// `5455075499710729` → `5455 0754 9971 0729`: read out in fours.
pub fn group4(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
