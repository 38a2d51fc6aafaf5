//! `update`: the only place the screen state changes. Pure: no I/O, no clock (time arrives in
//! `Msg::Tick` and is kept in `state.now`). Keys become [`Action`]s, actions change the state,
//! and what the I/O side must do is returned as [`Effect`]s.

mod browser;
mod detail;
mod history;
mod internet_sale;
mod line_edit;
mod pane;
mod print;
mod regulars;
mod report;
mod sale;
mod sale_events;
mod sale_input;
#[cfg(test)]
mod tests;

use super::derived::clock_text;
use super::keys::{Action, Context, action_for};
use super::msg::{Effect, Msg};
use super::state::{AppState, NOTICES_KEPT, Notice, NoticeKind, PastNotice, Screen, Toast};
use crate::rules::Product;
use crossterm::event::{KeyCode, KeyEventKind};

/// How long a toast stays, by kind (errors stay longer so they are read).
fn toast_secs(kind: NoticeKind) -> i64 {
    match kind {
        NoticeKind::Info => 8,
        NoticeKind::Warn => 15,
        NoticeKind::Error => 30,
    }
}

pub(crate) fn toast(state: &mut AppState, notice: Notice) {
    let until = state.now + chrono::TimeDelta::seconds(toast_secs(notice.kind));
    // Kept for the notices list, newest first, at most NOTICES_KEPT.
    let past = &mut state.notices.past;
    past.push_front(PastNotice {
        at: state.now,
        notice: notice.clone(),
    });
    past.truncate(NOTICES_KEPT);
    state.toast = Some(Toast { notice, until });
}

/// How often `/v3/ping` is asked while the app is open (the docs: every 30–60 s).
const PING_EVERY_SECS: i64 = 60;

/// What the app asks for when it starts: plans (cache first), the status bar's data and the
/// operators' health.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    state.dirty = true;
    state.pinged_at = Some(state.now);
    let mut fx = vec![Effect::LoadPlans, Effect::RefreshStatus, Effect::Ping];
    pane::load(state, &mut fx);
    fx
}

/// Applies one message to the state; returns what the I/O side must do.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    let phone_before = state.sale.phone.clone();
    match msg {
        Msg::Tick(now) => {
            // Redraw only when something time-dependent on screen changes.
            let before = clock_text(state);
            state.now = now;
            if state.toast.as_ref().is_some_and(|t| t.until <= now) {
                state.toast = None;
                state.dirty = true;
            }
            if clock_text(state) != before {
                state.dirty = true;
            }
            report::tick(state, &mut fx);
            if state
                .pinged_at
                .is_none_or(|at| now - at >= chrono::TimeDelta::seconds(PING_EVERY_SECS))
            {
                state.pinged_at = Some(now);
                fx.push(Effect::Ping);
            }
            return fx;
        }
        Msg::Key(key) => {
            if key.kind == KeyEventKind::Release
                || (key.kind == KeyEventKind::Repeat && key.code == KeyCode::Enter)
            {
                // A held Enter must never send twice.
                return fx;
            }
            if let Some(action) = action_for(key, key_context(state)) {
                on_action(state, action, &mut fx);
            }
            if state.sale.phone != phone_before && state.sale.product == Product::Mobile {
                regulars::phone_changed(state, &mut fx);
            }
        }
        Msg::Paste(text) => {
            on_paste(state, &text, &mut fx);
            if state.sale.phone != phone_before && state.sale.product == Product::Mobile {
                regulars::phone_changed(state, &mut fx);
            }
        }
        Msg::Resize(w, h) => {
            let rows_before = state.history_rows();
            let pane_before = pane::rows(state);
            state.size = (w, h);
            if state.screen == Screen::History && state.history_rows() != rows_before {
                history::reload_page(state, &mut fx);
            }
            // A taller pane that was full may show more orders.
            if pane::rows(state) > pane_before && state.pane.orders.len() == pane_before {
                pane::load(state, &mut fx);
            }
        }
        Msg::PlansLoaded {
            plans,
            fetched_at,
            from_cache,
        } => sale_events::plans_loaded(state, plans, fetched_at, from_cache),
        Msg::PlansFailed(e) => {
            let id = if state.plans.loaded {
                crate::i18n::MsgId::ToastPlansFailedKept
            } else {
                crate::i18n::MsgId::ToastPlansFailedNone
            };
            toast(
                state,
                Notice::error(crate::ui::keys::keyed(id).msg_of("error", e.clone())),
            );
            state.plans.error = Some(e);
        }
        Msg::HistoryPage {
            query_id,
            orders,
            has_more,
        } => history::page_arrived(state, query_id, orders, has_more),
        Msg::OrderChanged(rec) => {
            sale_events::order_settled_toast(state, &rec);
            internet_sale::order_changed(state, &rec);
            history::upsert(state, &rec);
            pane::upsert(state, &rec);
            detail::refresh(state, &rec);
            report::order_changed(state, &mut fx, rec.created_at);
        }
        Msg::SaleSaved { id, record } => {
            pane::upsert(state, &record);
            report::order_changed(state, &mut fx, record.created_at);
            internet_sale::saved(state, id, &record);
            sale_events::saved(state, id, record);
        }
        Msg::ReportLoaded(data) => report::loaded(state, *data),
        Msg::RecentOrders(orders) => pane::arrived(state, orders),
        Msg::Regulars { digits, found } => regulars::arrived(state, digits, found),
        Msg::SaleFailed { draft, error } => sale_events::failed(state, draft, &error),
        Msg::SaleUnrecorded {
            id,
            reference,
            error,
        } => {
            internet_sale::unrecorded(state, id, reference.clone(), &error);
            sale_events::unrecorded(state, id, reference, &error)
        }
        Msg::InternetProducts {
            products,
            fetched_at,
            from_cache,
        } => internet_sale::products_loaded(state, products, fetched_at, from_cache),
        Msg::InternetProductsFailed { kind, error } => {
            internet_sale::products_failed(state, kind, error)
        }
        Msg::LineChecked { number, outcome } => internet_sale::line_checked(state, number, outcome),
        Msg::InternetSaleFailed { draft, error } => internet_sale::failed(state, draft, &error),
        Msg::Health(answer) => state.health = answer.ok(),
        Msg::MenuOffers { phone, offers } => sale_events::menu_offers(state, phone, offers),
        Msg::Status(info) => {
            if info.plans_fetched_at.is_some() {
                state.plans.fetched_at = info.plans_fetched_at;
            }
            state.status = info;
        }
        Msg::Error(e) => toast(state, Notice::error(e)),
        Msg::Notice(n) => toast(state, n),
        Msg::SlipPreview { of, lines } => print::preview_arrived(state, of, lines),
    }
    state.dirty = true;
    fx
}

/// Where a key press lands: the help overlay over everything, else the screen (and the
/// history's filter line while it is edited).
fn key_context(state: &AppState) -> Context {
    if state.help_open || state.notices.open {
        return Context::Help;
    }
    match state.screen {
        Screen::Sale => Context::Sale,
        Screen::Plans => Context::Plans,
        Screen::History if state.history.filter_edit.is_some() => Context::Filter,
        Screen::History => Context::History,
        Screen::Detail => Context::Detail,
        Screen::Report => Context::Report,
    }
}

fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    if action == Action::SwitchLanguage {
        // On every screen, over the help too; nothing typed changes, only the words.
        state.settings.lang = state.settings.lang.next();
        fx.push(Effect::RememberLanguage(state.settings.lang));
        return;
    }
    if state.notices.open {
        // Like the help, the list swallows typing.
        match action {
            Action::Notices | Action::Back => state.notices.open = false,
            Action::Help => {
                state.notices.open = false;
                open_help(state);
            }
            Action::Quit => quit(state, fx),
            _ => {
                let at = state.notices.scroll;
                let to = scrolled(at, action, state.help_rows());
                state.notices.scroll = to.min(state.notices_scroll_max());
            }
        }
        return;
    }
    if state.help_open {
        // The overlay swallows typing so nothing lands in a hidden field.
        match action {
            Action::Help | Action::Back => state.help_open = false,
            Action::Notices => {
                state.help_open = false;
                open_notices(state);
            }
            Action::Quit => quit(state, fx),
            _ => scroll_help(state, action),
        }
        return;
    }
    if state.preview.is_some() {
        print::preview_key(state, action, fx);
        return;
    }
    match action {
        Action::Print => print::print(state, fx),
        Action::Preview => print::preview(state, fx),
        Action::Help => open_help(state),
        Action::Notices => open_notices(state),
        Action::Quit => quit(state, fx),
        Action::GoSale => state.screen = Screen::Sale,
        Action::NewCustomer => {
            state.screen = Screen::Sale;
            state.pane.focused = false;
            sale::new_customer(state);
        }
        Action::GoPlans => state.screen = Screen::Plans,
        Action::GoHistory => history::open(state, fx),
        Action::GoReport => report::open(state, fx),
        _ => match state.screen {
            Screen::Sale if state.proof.is_some() => internet_sale::proof_key(state, action),
            Screen::Sale if state.pane.focused && pane::takes(action) => {
                pane::on_action(state, action)
            }
            Screen::Sale => {
                // Typing goes to the form, which is just as it was left.
                state.pane.focused = false;
                sale::on_action(state, action, fx)
            }
            Screen::Report => report::on_action(state, action, fx),
            Screen::Plans => browser::on_action(state, action, fx),
            Screen::History => history::on_action(state, action, fx),
            Screen::Detail => detail::on_action(state, action, fx),
        },
    }
}

fn open_help(state: &mut AppState) {
    state.help_open = true;
    state.help_scroll = 0;
}

/// The notices list opens on the newest.
fn open_notices(state: &mut AppState) {
    state.notices.open = true;
    state.notices.scroll = 0;
}

/// Where the list keys move the first row of an overlay list (`page` rows shown).
fn scrolled(at: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at + 1,
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => at + page,
        Action::Home => 0,
        Action::End => usize::MAX,
        _ => at,
    }
}

/// The list keys scroll a help list longer than the window.
fn scroll_help(state: &mut AppState, action: Action) {
    let to = scrolled(state.help_scroll, action, state.help_rows());
    state.help_scroll = to.min(state.help_scroll_max());
}

fn quit(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.quit {
        state.quit = true;
        fx.push(Effect::Quit);
    }
}

fn on_paste(state: &mut AppState, text: &str, fx: &mut Vec<Effect>) {
    if state.help_open || state.notices.open {
        return;
    }
    match state.screen {
        Screen::Sale if state.too_small().is_some() || state.proof.is_some() => {}
        Screen::Sale => match internet_sale::current(state) {
            Some(kind) => internet_sale::paste(state, kind, text, fx),
            None => sale_input::paste(state, text),
        },
        Screen::Plans => browser::paste(state, text),
        Screen::History => history::paste(state, text),
        Screen::Detail | Screen::Report => {}
    }
}

/// Moves a list cursor by an action; `None` if the action is not a movement.
pub(crate) fn moved(cursor: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => return None,
    })
}
