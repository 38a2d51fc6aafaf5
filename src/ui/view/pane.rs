//! The sale screen's pane: the latest orders with their live status, so the clerk sees the
//! previous top-up go through (or come back REFUNDED) while typing the next number.

use super::{Columns, cell_words, fit, money_cell, style, tr, trm, when, words_line};
use crate::i18n::{Message, MsgId};
use crate::orders::OrderRecord;
use crate::ui::keys::{Action, key_msg};
use crate::ui::sale_logic::spaced_phone;
use crate::ui::state::AppState;
use crate::ui::text_bridge::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

/// Sales REFUNDED today: money to give back (never an offers lookup: the ledger decides).
fn to_give_back(state: &AppState) -> Vec<&OrderRecord> {
    let today = state.today();
    let clock = state.settings.clock();
    state
        .pane
        .orders
        .iter()
        .filter(|o| {
            crate::ledger::tally::to_give_back(o).is_some() && clock.day_of(o.created_at) == today
        })
        .collect()
}

/// The latest orders, the selected one marked when the pane has the focus. `table_state` is
/// the pane's entry in [`crate::ui::state::ListStates`], kept between frames.
pub fn draw(state: &AppState, table_state: &mut TableState, frame: &mut Frame, area: Rect) {
    let p = &state.pane;
    let wide = area.width >= 100;
    let cols = Columns::of(state);
    let selected = (p.focused && !p.orders.is_empty()).then_some(p.selected);
    let rows = order_rows(state, &cols, wide, selected);
    let symbol = if p.focused { cols.symbol() } else { "  " };
    let symbol = if cols.rtl { "" } else { symbol };
    // Two spaces between the columns when there is room, so that a status word never
    // touches an amount (right-aligned, as every money column), in either direction.
    let spacing = if area.width >= 64 { 2 } else { 1 };
    let table = Table::new(rows, cols.widths(widths(wide)))
        .column_spacing(spacing)
        .block(pane_block(state))
        .row_highlight_style(style::selected_row())
        .highlight_symbol(symbol);
    table_state.select(selected);
    frame.render_stateful_widget(table, area, table_state);
}

/// One row per order: time, number, (plan,) amount, status (and, wide, what to do).
fn order_rows(
    state: &AppState,
    cols: &Columns,
    wide: bool,
    selected: Option<usize>,
) -> Vec<Row<'static>> {
    state
        .pane
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut cells = vec![
                Cell::from(Span::styled(when(state, o.created_at), style::dim())),
                Cell::from(Span::styled(spaced_phone(&o.phone), style::strong())),
                money_cell(super::amount_cell(o)),
                Cell::from(cell_words(
                    state,
                    tr(state, o.word()),
                    super::style::order_style(o),
                )),
            ];
            if wide {
                cells.insert(2, Cell::from(fit(&plain(&o.plan_code), 18)));
                cells.push(Cell::from(cell_words(
                    state,
                    tr(state, o.short_advice()),
                    style::dim(),
                )));
            }
            Row::new(cols.cells(cells, Some(i) == selected))
        })
        .collect()
}

/// The columns' widths, in the rows' order.
fn widths(wide: bool) -> Vec<Constraint> {
    let mut widths = vec![
        Constraint::Length(11),
        Constraint::Length(14),
        Constraint::Length(13),
        Constraint::Length(16),
    ];
    if wide {
        widths.insert(2, Constraint::Length(19));
        widths.push(Constraint::Min(10));
    }
    widths
}

/// The frame: its title, highlighted when focused, and "no orders yet" at the bottom.
fn pane_block(state: &AppState) -> Block<'static> {
    let p = &state.pane;
    let mut block = Block::bordered().title(title(state));
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
    block
}

/// The pane's name and key, or, when orders came back REFUNDED today, how much to give back.
fn title(state: &AppState) -> Line<'static> {
    let give_back = to_give_back(state);
    if give_back.is_empty() {
        let t = trm(
            state,
            Message::new(MsgId::PaneTitle).msg_of("key", key_msg(Action::Pane)),
        );
        let st = if state.pane.focused {
            style::focus_border()
        } else {
            style::label()
        };
        return words_line(state, vec![Span::styled(format!(" {t} "), st)]);
    }
    let sum = give_back.iter().fold(crate::money::Dzd::ZERO, |a, o| {
        a + crate::ledger::tally::to_give_back(o).unwrap_or_default()
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
}

#[cfg(test)]
mod tests {
    use crate::orders::OrderState;
    use crate::testkit::OrderBuilder;
    use crate::ui::msg::Msg;
    use crate::ui::state::{AppState, UiSettings};
    use crate::ui::{step, view};
    use chrono::{TimeDelta, TimeZone, Utc};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The pane's selection is drawn through its entry in `state.lists`, kept between frames
    /// like the other lists', and cleared when the pane gives the focus back.
    #[test]
    fn the_pane_keeps_its_list_state_in_list_states() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let mut s = AppState::new(UiSettings::default(), t0);
        step(&mut s, Msg::Resize(100, 30));
        let orders = (1..=3)
            .map(|n| {
                OrderBuilder::new(t0 - TimeDelta::minutes(n), n as u64)
                    .state(OrderState::Fulfilled)
                    .build()
            })
            .collect();
        step(&mut s, Msg::RecentOrders(orders));
        let key = |c| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
        let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut draw = |s: &mut AppState| {
            term.draw(|f| view(s, f)).unwrap();
        };
        draw(&mut s);
        assert_eq!(
            s.lists.pane.selected(),
            None,
            "not focused: nothing selected"
        );
        step(&mut s, key(KeyCode::Tab));
        step(&mut s, key(KeyCode::Down));
        draw(&mut s);
        assert_eq!(s.lists.pane.selected(), Some(1));
        assert_eq!(s.lists.pane.offset(), 0, "every order fits: no scroll");
        step(&mut s, key(KeyCode::Esc));
        draw(&mut s);
        assert_eq!(s.lists.pane.selected(), None);
    }
}
