//! The sale screen: phone → plan → amount → confirm → send.

use super::sale_events::request_menu;
use super::sale_input::{amount_input, ascii_digit, phone_input, reselect, set_amount, set_phone};
use super::{moved, toast};
use crate::i18n::{Message, MsgId};
use crate::orders::{InvalidOrder, MenuPlans, ValidOrder, check_plan};
use crate::rules::{PhoneCheck, PhoneError, phone};
use crate::ui::keys::{Action, key_msg, keyed};
use crate::ui::msg::{Effect, SaleDraft, SaleId};
use crate::ui::refusal::explain;
use crate::ui::sale_logic::{build_draft, choices, digit_count, selected, spaced_phone};
use crate::ui::state::{AppState, MenuState, Notice, SaleForm, SaleStep, Sent};

/// The same number and amount sent again within this window (on the monotonic clock) needs
/// its own key ([`Action::Repeat`]), never the same Enter.
const DUPLICATE_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);
const LIST_PAGE: usize = 10;

pub(super) fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    if state.too_small().is_some() && !matches!(action, Action::Back | Action::Refresh) {
        // Nothing typed or sent blind: the screen shows why until the window is big enough.
        if action == Action::Enter && state.sale.step == SaleStep::Confirm {
            state.sale.confirm_notice = Some(Notice::warn(keyed(MsgId::NoticeNotSentTooSmall)));
        }
        return;
    }
    if action == Action::SwitchProduct {
        return super::internet_sale::switch(state, fx);
    }
    if let Some(kind) = super::internet_sale::current(state) {
        return super::internet_sale::on_action(state, kind, action, fx);
    }
    match action {
        Action::Back => back(state),
        Action::Refresh => {
            fx.push(Effect::RefreshPlans);
            fx.push(Effect::RefreshStatus);
        }
        Action::Menu => request_menu(state, fx),
        Action::Pane => super::pane::focus(state),
        Action::Repeat if state.sale.step == SaleStep::Confirm => submit(state, fx, true),
        Action::Repeat => super::regulars::repeat(state),
        Action::Enter if super::regulars::take(state) => {}
        Action::Enter => enter(state, fx),
        a @ (Action::Up | Action::Down) if super::regulars::on_move(state, a) => {}
        Action::ClearLine => match state.sale.step {
            SaleStep::Phone => set_phone(state, String::new()),
            SaleStep::Amount => set_amount(state, String::new()),
            _ => {}
        },
        Action::Backspace => backspace(state),
        Action::Char(c) => typed(state, c),
        a => move_cursor(state, a),
    }
}

fn back(state: &mut AppState) {
    let s = &mut state.sale;
    s.duplicate_armed = false;
    s.down_armed = false;
    s.confirm_notice = None;
    match s.step {
        SaleStep::Confirm => {
            let needs_amount = selected(state).is_some_and(|sel| sel.needs_amount());
            state.sale.step = if needs_amount {
                SaleStep::Amount
            } else {
                SaleStep::Plan
            };
        }
        SaleStep::Amount => state.sale.step = SaleStep::Plan,
        SaleStep::Plan if matches!(s.menu, MenuState::Offers { .. }) => {
            // Leave the offers, back to the plans of the line.
            s.menu = MenuState::Off;
            reselect(state);
        }
        SaleStep::Plan => s.step = SaleStep::Phone,
        // Esc on an empty number takes back the plan chosen in the browser too: the form is
        // then as empty as it looks.
        SaleStep::Phone if s.phone.is_empty() => {
            s.preferred_plan = None;
            s.phone_notice = None;
        }
        SaleStep::Phone => set_phone(state, String::new()),
    }
}

/// The new-customer key: the number, the amount and the plan cleared, on any step; the
/// product (mobile, Idoom) and the send counters stay.
pub(super) fn new_customer(state: &mut AppState) {
    let product = state.sale.product;
    clear_for_next_customer(state);
    state.sale.product = product;
}

fn enter(state: &mut AppState, fx: &mut Vec<Effect>) {
    match state.sale.step {
        SaleStep::Phone => match phone::check(&state.sale.phone) {
            PhoneCheck::Complete(_) => state.sale.step = SaleStep::Plan,
            _ => {
                let why = InvalidOrder::Phone(PhoneError::TooShort(digit_count(state)));
                state.sale.phone_notice = Some(Notice::error(explain(&why).message))
            }
        },
        SaleStep::Plan => choose_plan(state),
        SaleStep::Amount => to_confirm(state),
        SaleStep::Confirm => submit(state, fx, false),
    }
}

/// Enter on the plan list: a dynamic plan asks for the amount, anything else goes to confirm.
pub(super) fn choose_plan(state: &mut AppState) {
    let Some(sel) = selected(state) else {
        state.sale.plan_notice = Some(Notice::error(keyed(if state.plans.loaded {
            MsgId::NoticeNoPlanToChoose
        } else {
            MsgId::NoticePlansNotLoaded
        })));
        return;
    };
    if let Err(why) = check_plan(&sel.plan, MenuPlans::Allowed) {
        state.sale.plan_notice = Some(Notice::error(explain(&why).message));
        return;
    }
    if sel.needs_amount() {
        state.sale.step = SaleStep::Amount;
    } else {
        to_confirm(state);
    }
}

/// Moves to the confirm step only through the draft gate; otherwise shows why at the step
/// that must change.
pub(super) fn to_confirm(state: &mut AppState) {
    match build_draft(state) {
        Ok(_) => {
            state.sale.step = SaleStep::Confirm;
            state.sale.draft_seq += 1;
            state.sale.duplicate_armed = false;
            state.sale.down_armed = false;
            state.sale.confirm_notice = None;
        }
        Err(why) => {
            let e = explain(&why);
            let notice = Some(Notice::error(e.message));
            match e.step {
                SaleStep::Phone => state.sale.phone_notice = notice,
                SaleStep::Amount => state.sale.amount_notice = notice,
                _ => state.sale.plan_notice = notice,
            }
            state.sale.step = e.step;
        }
    }
}

/// Sends the confirmed sale. `again`: the key that sends the same sale a second time (after the
/// duplicate warning); Enter never does.
fn submit(state: &mut AppState, fx: &mut Vec<Effect>, again: bool) {
    if state.sale.sent_seq == state.sale.draft_seq {
        return; // this draft was already sent
    }
    let order = match build_draft(state) {
        Ok(d) => d,
        Err(_) => return to_confirm(state), // plans changed under us: show why
    };
    // OneClickDz says the operator is down: one more key before sending to it.
    if !state.sale.down_armed
        && let Some(name) =
            crate::ui::internet::down_operator(state, order.operator(), &order.plan.operator)
    {
        state.sale.down_armed = true;
        state.sale.confirm_notice = Some(Notice::warn(
            keyed(MsgId::NoticeOperatorDown).text("operator", name),
        ));
        return;
    }
    let now = state.mono_now;
    let earlier = state.recent.iter().rev().find(|r| {
        same_sale(&r.draft.order, &order)
            && now.saturating_duration_since(r.at_mono) < DUPLICATE_WINDOW
    });
    if held_as_duplicate(state, earlier.map(|r| r.at_mono), again) {
        return;
    }
    let draft = SaleDraft {
        id: next_sale_id(state),
        order,
    };
    toast(
        state,
        Notice::info(
            Message::new(MsgId::ToastSending)
                .text("phone", spaced_phone(draft.order.phone.as_str()))
                .text("amount", draft.order.amount)
                .text(
                    "price",
                    draft.order.price.map(|p| p.to_string()).unwrap_or_default(),
                ),
        ),
    );
    Sent::keep(&mut state.recent, draft.clone(), state.now, state.mono_now);
    fx.push(Effect::SubmitSale(draft));
    clear_for_next_customer(state);
}

/// The same top-up for the customer: the same number and amount, whatever the plan (the
/// duplicate warning).
/// The id of the sale about to be sent (mobile or internet); the form's draft counts as sent.
pub(super) fn next_sale_id(state: &mut AppState) -> SaleId {
    state.sale.sent_seq = state.sale.draft_seq;
    state.last_sale = SaleId(state.last_sale.0 + 1);
    state.last_sale
}

/// The gate of a sale (mobile or internet) like one sent at `earlier` within the window: Enter
/// does not send it again, only its own key once warned; that key with nothing to repeat says
/// which keys confirm. `true`: the sale stops here, with its notice.
pub(super) fn held_as_duplicate(
    state: &mut AppState,
    earlier: Option<std::time::Instant>,
    again: bool,
) -> bool {
    if let Some(at) = earlier
        && !(again && state.sale.duplicate_armed)
    {
        let secs = state.mono_now.saturating_duration_since(at).as_secs();
        state.sale.duplicate_armed = true;
        state.sale.confirm_notice = Some(Notice::warn(
            keyed(MsgId::NoticeDuplicate)
                .num("secs", i64::try_from(secs).unwrap_or(i64::MAX))
                .msg_of("repeat", key_msg(Action::Repeat)),
        ));
        return true;
    }
    if again && earlier.is_none() {
        // Nothing to send again: Enter sends.
        state.sale.confirm_notice = Some(Notice::warn(keyed(MsgId::NoticeConfirmKeys)));
        return true;
    }
    false
}

fn same_sale(a: &ValidOrder, b: &ValidOrder) -> bool {
    a.phone == b.phone && a.amount == b.amount
}

/// The form after a send: empty, phone focused; the send counters carry on.
pub(super) fn clear_for_next_customer(state: &mut AppState) {
    let (draft_seq, sent_seq) = (state.sale.draft_seq, state.sale.sent_seq);
    state.sale = SaleForm {
        draft_seq,
        sent_seq,
        ..SaleForm::default()
    };
}

fn backspace(state: &mut AppState) {
    match state.sale.step {
        SaleStep::Phone => {
            let mut p = state.sale.phone.clone();
            p.pop();
            set_phone(state, p);
        }
        SaleStep::Plan | SaleStep::Amount if !state.sale.amount.is_empty() => {
            let mut a = state.sale.amount.clone();
            a.pop();
            state.sale.step = SaleStep::Amount;
            set_amount(state, a);
        }
        _ => {}
    }
}

fn typed(state: &mut AppState, c: char) {
    match state.sale.step {
        SaleStep::Phone => phone_input(state, &c.to_string(), false),
        SaleStep::Plan => {
            if ascii_digit(c).is_none() {
                state.sale.plan_notice = Some(Notice::error(
                    keyed(MsgId::NoticeCharDoesNothing).text("char", c),
                ));
                return;
            }
            let selection = selected(state);
            if let Some(Err(why)) = selection
                .as_ref()
                .map(|sel| check_plan(&sel.plan, MenuPlans::Allowed))
            {
                state.sale.plan_notice = Some(Notice::error(explain(&why).message));
                return;
            }
            match selection {
                Some(sel) if sel.needs_amount() => {
                    state.sale.step = SaleStep::Amount;
                    state.sale.amount.clear();
                    amount_input(state, c);
                }
                Some(_) => {
                    state.sale.plan_notice = Some(Notice::warn(keyed(MsgId::NoticePresetAmount)));
                }
                None => {
                    let why = explain(&InvalidOrder::NoPlanChosen);
                    state.sale.plan_notice = Some(Notice::error(why.message));
                }
            }
        }
        SaleStep::Amount => amount_input(state, c),
        SaleStep::Confirm => {
            state.sale.confirm_notice = Some(Notice::warn(keyed(MsgId::NoticeConfirmKeys)));
        }
    }
}

fn move_cursor(state: &mut AppState, action: Action) {
    if state.sale.step == SaleStep::Confirm {
        return;
    }
    let len = choices(state).len();
    if len == 0 {
        return;
    }
    if let Some(c) = moved(state.sale.cursor, len, action, LIST_PAGE) {
        state.sale.cursor = c;
        state.sale.plan_notice = None;
        state.sale.amount_notice = None;
        if state.sale.step == SaleStep::Amount {
            state.sale.step = SaleStep::Plan;
        }
    }
}
