//! Regulars offered while a number is typed: the numbers from the history that start with the
//! digits, most recent first. Up/Down choose one, Enter takes its number, F8 repeats its last
//! sale up to the confirm step (the send still needs Enter).

use super::sale::to_confirm;
use super::sale_input::{set_amount, set_phone};
use crate::i18n::{Message, MsgId};
use crate::ledger::Regular;
use crate::ui::keys::Action;
use crate::ui::msg::Effect;
use crate::ui::sale_logic::{Choice, choices};
use crate::ui::state::{AppState, Notice, SaleStep};
use crate::ui::text_bridge::plain;

/// Digits typed before regulars are looked up (fewer would list most of the history).
const MIN_DIGITS: usize = 3;

/// The number changed: ask for the regulars under it (or drop them).
pub(super) fn phone_changed(state: &mut AppState, fx: &mut Vec<Effect>) {
    let digits = state.sale.phone.clone();
    let s = &mut state.sale;
    s.regular_cursor = None;
    let usable = digits.len() >= MIN_DIGITS && digits.chars().all(|c| c.is_ascii_digit());
    if !usable {
        s.regulars.clear();
        s.regulars_for.clear();
        return;
    }
    if digits != s.regulars_for {
        // Keep those that still fit until the answer comes.
        s.regulars.retain(|r| r.phone.starts_with(&digits));
        s.regulars_for = digits.clone();
        fx.push(Effect::FindRegulars { digits });
    }
}

pub(super) fn arrived(state: &mut AppState, digits: String, found: Vec<Regular>) {
    if digits == state.sale.phone && state.sale.step == SaleStep::Phone {
        state.sale.regulars = found;
        state.sale.regular_cursor = None;
        // The number's usual plan is known now: a plan chosen for another may not fit it.
        if state.sale.preferred_plan.is_some()
            && crate::ui::sale_logic::complete_phone(state).is_some()
        {
            super::sale_input::reselect(state);
        }
    }
}

/// Whether the regulars are on offer (typing the number, some found).
fn offered(state: &AppState) -> bool {
    state.regulars_offered()
}

/// Up/Down on the number choose a regular; `false` if the key is not for them.
pub(super) fn on_move(state: &mut AppState, action: Action) -> bool {
    if !offered(state) {
        return false;
    }
    let last = state.sale.regulars.len() - 1;
    let s = &mut state.sale;
    s.regular_cursor = match (action, s.regular_cursor) {
        (Action::Down, None) => Some(0),
        (Action::Down, Some(i)) => Some((i + 1).min(last)),
        (Action::Up, Some(0)) | (Action::Up, None) => None,
        (Action::Up, Some(i)) => Some(i - 1),
        _ => return false,
    };
    true
}

/// Enter on a chosen regular: its number, then the plan step as usual.
pub(super) fn take(state: &mut AppState) -> bool {
    let Some(r) = chosen(state, false) else {
        return false;
    };
    set_phone(state, r.phone);
    state.sale.step = SaleStep::Plan;
    true
}

fn chosen(state: &AppState, or_first: bool) -> Option<Regular> {
    if !offered(state) {
        return None;
    }
    let i = match state.sale.regular_cursor {
        Some(i) => i,
        None if or_first => 0,
        None => return None,
    };
    state.sale.regulars.get(i).cloned()
}

/// F8: the chosen (or first) regular's last sale, to the confirm step.
pub(super) fn repeat(state: &mut AppState) {
    let Some(r) = chosen(state, true) else {
        state.sale.phone_notice = Some(Notice::info(MsgId::RepeatNoRegular));
        return;
    };
    prefill(state, &r.phone, &r.last);
}

/// A new sale of `phone` with the plan and amount of `last`, up to the confirm step (through
/// the sale gate; the send still needs Enter): a regular's last sale, or an order sold again
/// from its detail. A new order, with a new ref.
pub(super) fn prefill(state: &mut AppState, phone: &str, last: &crate::ledger::OrderRecord) {
    set_phone(state, phone.to_string());
    state.sale.step = SaleStep::Plan;
    let at = choices(state)
        .iter()
        .position(|c| matches!(c, Choice::Plan(p) if p.code == last.plan_code));
    let Some(at) = at else {
        state.sale.plan_notice = Some(Notice::error(
            Message::new(MsgId::RepeatPlanGone).text("plan", plain(&last.plan_code)),
        ));
        return;
    };
    state.sale.cursor = at;
    if let Some(d) = last.amount.whole_dinars() {
        set_amount(state, d.to_string());
    }
    to_confirm(state);
}
