//! The message line and the status bar, on every screen.

use super::{style, tr, trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::till_status::Connection;
use crate::ui::derived::plans_age;
use crate::ui::keys::{Action, key_msg, keys_msg};
use crate::ui::state::{AppState, SaleStep, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

/// The toast if there is one, else a hint for the current screen.
pub fn message_line(state: &AppState, frame: &mut Frame, area: Rect) {
    let line = match &state.toast {
        Some(t) => words_line(
            state,
            vec![Span::styled(
                super::fit(&t.notice.text(state.lang()), usize::from(area.width)),
                style::notice_style(t.notice.kind),
            )],
        ),
        None => words_line(
            state,
            vec![Span::styled(
                super::fit(&trm(state, hint(state)), usize::from(area.width)),
                style::dim(),
            )],
        ),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hint for the screen in front: the catalogue's words, the keys named by the keymap.
pub fn hint(state: &AppState) -> Message {
    use Action::*;
    let keys = crate::ui::keys::keyed;
    let arrows = keys_msg(&[Up, Down]);
    if state.notices.open {
        return keys(MsgId::HintNotices)
            .msg_of("arrows", arrows)
            .msg_of("key", key_msg(Notices));
    }
    if !state.help_open {
        match state.screen {
            Screen::Sale if state.pane.focused => {
                return keys(MsgId::HintPane)
                    .msg_of("arrows", arrows.clone())
                    .msg_of("pane", key_msg(Pane));
            }
            Screen::Sale if state.regulars_offered() => {
                return keys(MsgId::HintRegulars)
                    .msg_of("arrows", arrows.clone())
                    .msg_of("repeat", key_msg(Repeat))
                    .msg_of("pane", key_msg(Pane));
            }
            Screen::Sale if state.sale.product != crate::rules::Product::Mobile => {
                match state.sale.step {
                    SaleStep::Phone => {
                        return keys(MsgId::HintInternetPhone)
                            .msg_of("product", key_msg(SwitchProduct))
                            .msg_of("pane", key_msg(Pane));
                    }
                    SaleStep::Plan | SaleStep::Amount => {
                        return keys(MsgId::HintInternetValue).msg_of("arrows", arrows.clone());
                    }
                    SaleStep::Confirm => {}
                }
            }
            Screen::Detail
                if state
                    .detail
                    .as_ref()
                    .is_some_and(|d| crate::ui::derived::can_sell_again(&d.order)) =>
            {
                return keys(MsgId::HintDetailSellAgain)
                    .msg_of("arrows", arrows)
                    .msg_of("again", key_msg(Repeat));
            }
            Screen::Detail if state.detail_back == Screen::Sale => {
                return keys(MsgId::HintDetailSale)
                    .msg_of("arrows", arrows.clone())
                    .msg_of("sell", key_msg(SellOffer(0)));
            }
            _ => {}
        }
    }
    let editing = match state.screen {
        Screen::Report => state.report.edit.is_some(),
        _ => state.history.filter_edit.is_some(),
    };
    hint_for(
        state.screen,
        state.sale.step,
        editing,
        state.help_open || state.notices.open,
    )
}

/// The hint for a screen, a sale step, the line being edited (history filter, report days),
/// the help open.
pub fn hint_for(screen: Screen, step: SaleStep, editing: bool, help_open: bool) -> Message {
    use Action::*;
    let keys = crate::ui::keys::keyed;
    let arrows = keys_msg(&[Up, Down]);
    if help_open {
        return keys(MsgId::HintHelp);
    }
    match screen {
        Screen::Sale => match step {
            SaleStep::Phone => keys(MsgId::HintSalePhone).msg_of("pane", key_msg(Pane)),
            SaleStep::Plan => keys(MsgId::HintSalePlan).msg_of("arrows", arrows.clone()),
            SaleStep::Amount => keys(MsgId::HintSaleAmount),
            SaleStep::Confirm => keys(MsgId::HintSaleConfirm),
        },
        Screen::Plans => keys(MsgId::HintPlans).msg_of("arrows", arrows.clone()),
        Screen::History if editing => {
            keys(MsgId::HintHistoryFilter).msg_of("clear", key_msg(ClearLine))
        }
        Screen::History => keys(MsgId::HintHistory)
            .msg_of("moves", keys_msg(&[Up, Down, PageUp, PageDown]))
            .msg_of("filter", key_msg(EditFilter)),
        Screen::Detail => keys(MsgId::HintDetail)
            .msg_of("arrows", arrows.clone())
            .msg_of("sell", key_msg(SellOffer(0))),
        Screen::Report if editing => keys(MsgId::HintReportEdit),
        Screen::Report => keys(MsgId::HintReport).msg_of("pages", keys_msg(&[PageUp, PageDown])),
    }
}

/// The connection as a coloured dot and word: green online, red offline or failing.
fn connection_span(state: &AppState) -> Span<'static> {
    let (conn, conn_style) = match &state.status.connection {
        Connection::Online => (
            format!("● {}", tr(state, MsgId::BarOnline)),
            Style::new().fg(Color::Green),
        ),
        Connection::Offline => (
            format!("● {}", tr(state, MsgId::BarOffline)),
            Style::new().fg(Color::Red),
        ),
        Connection::Error(e) => (
            format!(
                "● {}",
                trm(
                    state,
                    Message::new(MsgId::BarError).msg_of("error", e.clone())
                )
            ),
            Style::new().fg(Color::Red),
        ),
        Connection::Unknown => (
            format!("● {}", tr(state, MsgId::BarConnecting)),
            style::dim(),
        ),
    };
    Span::styled(conn, conn_style)
}

/// The status bar: mode, balance, connection, open orders, plans' age, then what went wrong.
pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let s = &state.status;
    let balance = match s.balance {
        Some(b) => trm(state, Message::new(MsgId::BarBalance).text("amount", b)),
        None => trm(state, Message::new(MsgId::BarBalance).text("amount", "…")),
    };
    let sep = Span::styled(" │ ", style::dim());
    let mut spans = vec![
        Span::styled(
            format!(" {} ", tr(state, s.mode.word())),
            style::mode_badge(s.mode),
        ),
        Span::raw(" "),
        Span::styled(balance, style::strong()),
        sep.clone(),
        connection_span(state),
        sep.clone(),
        Span::raw(trm(
            state,
            Message::new(MsgId::BarOpen).num("n", s.open_orders as i64),
        )),
        sep,
        Span::raw(plans_age(state)),
    ];
    if state.plans.error.is_some() {
        spans.push(Span::styled(
            format!(" {}", tr(state, MsgId::BarRefreshFailed)),
            Style::new().fg(Color::Yellow),
        ));
    }
    if s.damaged_orders > 0 {
        spans.push(Span::styled(
            format!(
                " {}",
                trm(
                    state,
                    Message::new(MsgId::BarDamaged).num("n", s.damaged_orders as i64)
                )
            ),
            Style::new().fg(Color::Red),
        ));
    }
    if s.twin_till.is_some() {
        spans.push(Span::styled(
            format!(" {}", tr(state, MsgId::BarTwinTill)),
            Style::new().fg(Color::Red),
        ));
    }
    let used: usize = spans.iter().map(|sp| sp.width()).sum();
    let width = usize::from(area.width);
    if used > width {
        // Compact: one space between the parts so the badge and balance stay visible.
        for sp in spans.iter_mut().filter(|sp| sp.content == " │ ") {
            *sp = Span::raw(" ");
        }
    }
    // Still too long: cut at the logical end, so the badge and the balance always show.
    let line =
        crate::ui::text_bridge::cut_line(words_line(state, spans), width, state.lang().is_rtl());
    frame.render_widget(
        Paragraph::new(line).style(Style::new().bg(Color::Reset)),
        area,
    );
}
