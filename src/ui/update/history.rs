//! The order history (F4): one page at a time from the store, live updates, the filter line.

use super::line_edit;
use crate::ledger::OrderQuery;
use crate::orders::OrderRecord;
use crate::ui::filter::{format_filter, parse_filter};
use crate::ui::keys::Action;
use crate::ui::msg::Effect;
use crate::ui::state::{AppState, DetailView, Screen, SelectOnLoad};

const FILTER_MAX: usize = 120;

/// F4: the newest page, newest order selected.
pub(super) fn open(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.screen = Screen::History;
    let h = &mut state.history;
    h.before = None;
    h.newer_pages.clear();
    h.selected = 0;
    load(state, None, SelectOnLoad::First, fx);
}

fn load(
    state: &mut AppState,
    before: Option<crate::orders::OrderKey>,
    select: SelectOnLoad,
    fx: &mut Vec<Effect>,
) {
    let limit = state.history_rows();
    let h = &mut state.history;
    h.query_id += 1;
    h.loading = true;
    h.select_on_load = select;
    fx.push(Effect::LoadHistory {
        query_id: h.query_id,
        query: h.query.clone(),
        before,
        limit,
    });
}

/// The page shown, asked again (F5, resize).
pub(super) fn reload_page(state: &mut AppState, fx: &mut Vec<Effect>) {
    load(state, state.history.before, SelectOnLoad::Keep, fx);
}

pub(super) fn page_arrived(
    state: &mut AppState,
    query_id: u64,
    orders: Vec<OrderRecord>,
    has_more: bool,
) {
    let h = &mut state.history;
    if query_id != h.query_id {
        return; // an answer to a question no longer asked
    }
    h.loading = false;
    h.orders = orders;
    h.has_more = has_more;
    let last = h.orders.len().saturating_sub(1);
    h.selected = match h.select_on_load {
        SelectOnLoad::First => 0,
        SelectOnLoad::Last => last,
        SelectOnLoad::Keep => h.selected.min(last),
    };
}

pub(super) fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    if state.history.filter_edit.is_some() {
        return edit_filter(state, action, fx);
    }
    let len = state.history.orders.len();
    let sel = state.history.selected;
    match action {
        // A filter in force is cleared first; Esc again leaves.
        Action::Back if !state.history.query.is_empty() => {
            let all = OrderQuery::on(state.settings.clock());
            apply_filter(state, all, fx);
        }
        Action::Back => state.screen = Screen::Sale,
        Action::EditFilter => {
            state.history.filter_edit = Some(format_filter(&state.history.query, state.lang()));
            state.history.filter_error = None;
        }
        Action::Refresh => {
            reload_page(state, fx);
            fx.push(Effect::RefreshStatus);
        }
        Action::Enter => {
            if let Some(o) = state.history.orders.get(sel) {
                state.detail = Some(DetailView {
                    order: o.clone(),
                    scroll: 0,
                });
                state.detail_back = Screen::History;
                state.screen = Screen::Detail;
            }
        }
        Action::Up if sel == 0 => newer_page(state, SelectOnLoad::Last, fx),
        Action::Up => state.history.selected = sel - 1,
        Action::Down if sel + 1 >= len => older_page(state, fx),
        Action::Down => state.history.selected = sel + 1,
        Action::PageDown => older_page(state, fx),
        Action::PageUp => newer_page(state, SelectOnLoad::First, fx),
        Action::Home => {
            if state.history.before.is_some() {
                state.history.newer_pages.clear();
                state.history.before = None;
                load(state, None, SelectOnLoad::First, fx);
            } else {
                state.history.selected = 0;
            }
        }
        Action::End => state.history.selected = len.saturating_sub(1),
        Action::Char(c) if c.is_ascii_alphanumeric() => {
            // Typing starts the filter line with that character.
            state.history.filter_edit = Some(c.to_string());
            state.history.filter_error = None;
        }
        _ => {}
    }
}

/// The next (older) page, when there is one.
fn older_page(state: &mut AppState, fx: &mut Vec<Effect>) {
    let h = &mut state.history;
    let Some(last) = h.orders.last() else { return };
    if !h.has_more || h.loading {
        h.selected = h.orders.len().saturating_sub(1);
        return;
    }
    let cursor = Some(last.key);
    h.newer_pages.push(h.before);
    h.before = cursor;
    load(state, cursor, SelectOnLoad::First, fx);
}

/// The previous (newer) page, when there is one.
fn newer_page(state: &mut AppState, select: SelectOnLoad, fx: &mut Vec<Effect>) {
    if state.history.loading {
        return;
    }
    match state.history.newer_pages.pop() {
        Some(before) => {
            state.history.before = before;
            load(state, before, select, fx);
        }
        None => state.history.selected = 0,
    }
}

fn edit_filter(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let Some(line) = state.history.filter_edit.as_mut() else {
        return;
    };
    if line_edit::edit(line, action, FILTER_MAX) {
        return;
    }
    match action {
        Action::Back => {
            state.history.filter_edit = None;
            state.history.filter_error = None;
        }
        Action::Enter => {
            let parsed = parse_filter(line, state.settings.clock(), state.now);
            match parsed {
                Ok(q) => apply_filter(state, q, fx),
                Err(e) => state.history.filter_error = Some(e),
            }
        }
        _ => {}
    }
}

fn apply_filter(state: &mut AppState, q: OrderQuery, fx: &mut Vec<Effect>) {
    let h = &mut state.history;
    h.filter_edit = None;
    h.filter_error = None;
    h.query = q;
    h.before = None;
    h.newer_pages.clear();
    h.selected = 0;
    load(state, None, SelectOnLoad::First, fx);
}

pub(super) fn paste(state: &mut AppState, text: &str) {
    let line = state.history.filter_edit.get_or_insert_with(String::new);
    line_edit::paste(line, text, FILTER_MAX);
}

/// A live change: the row is replaced where it is shown; a new order matching the filter goes
/// on top of the newest page.
pub(super) fn upsert(state: &mut AppState, rec: &OrderRecord) {
    let limit = state.history_rows();
    let h = &mut state.history;
    if let Some(row) = h.orders.iter_mut().find(|o| o.key == rec.key) {
        *row = rec.clone();
        return;
    }
    let newest_page = h.before.is_none();
    let is_newer = h.orders.first().is_none_or(|o| rec.key > o.key);
    if newest_page && is_newer && h.query.matches(rec) {
        let had_rows = !h.orders.is_empty();
        h.orders.insert(0, rec.clone());
        if h.orders.len() > limit {
            h.orders.truncate(limit);
            h.has_more = true;
        }
        // The order under the cursor stays selected (Enter opens what staff were looking at).
        if had_rows {
            h.selected = (h.selected + 1).min(h.orders.len() - 1);
        }
    }
}
