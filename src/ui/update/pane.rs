//! The sale screen's pane of latest orders: live statuses while the next number is typed; Tab
//! moves into it, Enter opens an order, Esc (or Tab) goes back to the form as it was.

use crate::orders::OrderRecord;
use crate::ui::keys::Action;
use crate::ui::msg::Effect;
use crate::ui::state::{AppState, DetailView, Screen, pane_rows_for_height};

pub(crate) fn rows(state: &AppState) -> usize {
    pane_rows_for_height(state.size.1)
}

pub(super) fn load(state: &AppState, fx: &mut Vec<Effect>) {
    fx.push(Effect::LoadRecent { limit: rows(state) });
}

pub(super) fn arrived(state: &mut AppState, orders: Vec<OrderRecord>) {
    let p = &mut state.pane;
    p.orders = orders;
    p.selected = p.selected.min(p.orders.len().saturating_sub(1));
    if p.orders.is_empty() {
        p.focused = false;
    }
}

/// A new or changed order: replaced in place, or put on top when it is the newest.
pub(super) fn upsert(state: &mut AppState, rec: &OrderRecord) {
    let limit = rows(state);
    let p = &mut state.pane;
    if let Some(row) = p.orders.iter_mut().find(|o| o.key == rec.key) {
        *row = rec.clone();
        return;
    }
    if p.orders.first().is_none_or(|o| rec.key > o.key) {
        p.orders.insert(0, rec.clone());
        p.orders.truncate(limit);
        if p.focused {
            p.selected = (p.selected + 1).min(p.orders.len() - 1);
        }
    }
}

/// Tab on the sale form: into the pane (when it has orders).
pub(super) fn focus(state: &mut AppState) {
    if !state.pane.orders.is_empty() {
        state.pane.focused = true;
        state.pane.selected = 0;
    }
}

/// The keys the pane answers while it has the focus; any other goes to the form.
pub(super) fn takes(action: Action) -> bool {
    matches!(
        action,
        Action::Back
            | Action::Pane
            | Action::Up
            | Action::Down
            | Action::Home
            | Action::End
            | Action::Enter
    )
}

pub(super) fn on_action(state: &mut AppState, action: Action) {
    let p = &mut state.pane;
    let last = p.orders.len().saturating_sub(1);
    match action {
        Action::Back | Action::Pane => p.focused = false,
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Down => p.selected = (p.selected + 1).min(last),
        Action::Home => p.selected = 0,
        Action::End => p.selected = last,
        Action::Enter => {
            if let Some(o) = p.orders.get(p.selected) {
                state.detail = Some(DetailView {
                    order: o.clone(),
                    scroll: 0,
                });
                state.detail_back = Screen::Sale;
                state.screen = Screen::Detail;
            }
        }
        _ => {}
    }
}
