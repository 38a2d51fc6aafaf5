//! The sale screen's pane: the latest orders with their live status, so the clerk sees the
//! previous top-up go through (or come back REFUNDED) while typing the next number.

use super::style::status_style;
use super::{Columns, cell_words, fit, local_time, style, tr, trm, words_line};
use crate::i18n::{Message, MsgId};
use crate::orders::{OrderRecord, OrderState};
use crate::ui::keys::{Action, hint_key};
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

/// Orders REFUNDED today: money to give back.
fn to_give_back(state: &AppState) -> Vec<&OrderRecord> {
    let today = state.today();
    let clock = state.settings.clock();
    state
        .pane
        .orders
        .iter()
        .filter(|o| o.state == OrderState::Refunded && clock.day_of(o.created_at) == today)
        .collect()
}

pub fn draw(state: &AppState, frame: &mut Frame, area: Rect) {
    let p = &state.pane;
    let wide = area.width >= 100;
    let cols = Columns::of(state);
    let selected = (p.focused && !p.orders.is_empty()).then_some(p.selected);
    let rows: Vec<Row> = p
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut cells = vec![
                Cell::from(Span::styled(
                    local_time(state, o.created_at, "%H:%M:%S"),
                    style::dim(),
                )),
                Cell::from(Span::styled(spaced_phone(&o.phone), style::strong())),
                Cell::from(o.amount.to_string()),
                Cell::from(cell_words(
                    state,
                    tr(state, o.state.word()),
                    status_style(&o.state),
                )),
            ];
            if wide {
                cells.insert(2, Cell::from(fit(&plain(&o.plan_code), 18)));
                cells.push(Cell::from(cell_words(
                    state,
                    tr(state, o.state.short_advice()),
                    style::dim(),
                )));
            }
            Row::new(cols.cells(cells, Some(i) == selected))
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(9),
        Constraint::Length(14),
        Constraint::Length(10),
        Constraint::Length(16),
    ];
    if wide {
        widths.insert(2, Constraint::Length(19));
        widths.push(Constraint::Min(10));
    }
    let give_back = to_give_back(state);
    let title = if give_back.is_empty() {
        let t = trm(
            state,
            Message::new(MsgId::PaneTitle).text("key", hint_key(Action::Pane)),
        );
        let st = if p.focused {
            style::focus_border()
        } else {
            style::label()
        };
        words_line(state, vec![Span::styled(format!(" {t} "), st)])
    } else {
        let sum = give_back.iter().fold(crate::money::Dzd::ZERO, |a, o| {
            a + crate::ledger::Cell::of(o).price
        });
        let t = trm(
            state,
            Message::new(MsgId::PaneGiveBack)
                .num("n", give_back.len() as i64)
                .text("sum", sum),
        );
        words_line(
            state,
            vec![Span::styled(
                format!(" ⚠ {t} "),
                Style::new()
                    .fg(Color::Red)
                    .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )],
        )
    };
    let mut block = Block::bordered().title(title);
    block = if p.focused {
        block.border_style(style::focus_border())
    } else {
        block.border_style(style::dim())
    };
    if p.orders.is_empty() {
        let t = tr(state, MsgId::PaneEmpty);
        block = block.title_bottom(words_line(
            state,
            vec![Span::styled(format!(" {t} "), style::dim())],
        ));
    }
    let symbol = if p.focused { cols.symbol() } else { "  " };
    let symbol = if cols.rtl { "" } else { symbol };
    let table = Table::new(rows, cols.widths(widths))
        .block(block)
        .row_highlight_style(style::selected_row())
        .highlight_symbol(symbol);
    let mut ts = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut ts);
}
