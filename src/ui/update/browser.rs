//! The plan browser (F3): type to filter, move, Enter sells the plan.

use super::moved;
use crate::api::types::Plan;
use crate::orders::{InvalidOrder, MenuPlans, check_plan};
use crate::ui::derived::browser_rows;
use crate::ui::keys::Action;
use crate::ui::msg::Effect;
use crate::ui::refusal::explain;
use crate::ui::state::{AppState, Notice, Screen};

const FILTER_MAX: usize = 40;

pub(super) fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let len = browser_rows(state).len();
    match action {
        Action::Refresh => fx.push(Effect::RefreshPlans),
        Action::Back if !state.browser.filter.is_empty() => set_filter(state, String::new()),
        Action::Back => state.screen = Screen::Sale,
        Action::ClearLine | Action::Backspace | Action::Char(_) => {
            let mut f = state.browser.filter.clone();
            if super::line_edit::edit(&mut f, action, FILTER_MAX) {
                set_filter(state, f);
            }
        }
        Action::Enter => {
            let pick: Option<Plan> = browser_rows(state)
                .get(state.browser.cursor)
                .map(|p| (*p).clone());
            let Some(p) = pick else { return };
            match check_plan(&p, MenuPlans::Refused) {
                Ok(()) => super::sale_events::sell_plan(state, p.code),
                // A GETMENU plan is asked for from the sale screen (F6): a hint, not an error.
                Err(why @ InvalidOrder::MenuPlan(_)) => {
                    super::toast(state, Notice::warn(explain(&why).message))
                }
                Err(why) => super::toast(state, Notice::error(explain(&why).message)),
            }
        }
        a => {
            if let Some(c) = moved(state.browser.cursor, len, a, 10) {
                state.browser.cursor = c;
            }
        }
    }
}

fn set_filter(state: &mut AppState, f: String) {
    state.browser.filter = f;
    state.browser.cursor = 0;
}

pub(super) fn paste(state: &mut AppState, text: &str) {
    let mut f = state.browser.filter.clone();
    super::line_edit::paste(&mut f, text, FILTER_MAX);
    set_filter(state, f);
}
