//! The sale and the I/O side: GETMENU offers, plan reloads, saved and failed sales, and
//! sales started from other screens.

use super::sale::{choose_plan, clear_for_next_customer, to_confirm};
use super::sale_input::{reselect, set_phone};
use super::toast;
use crate::api::types::{PlansData, SuggestedOffer};
use crate::i18n::{Message, MsgId};
use crate::orders::{MenuPlans, OrderRecord, OrderState, check_plan};
use crate::rules::Phone;
use crate::ui::keys::keyed;
use crate::ui::msg::{Effect, SaleDraft, SaleId};
use crate::ui::refusal::explain;
use crate::ui::sale_logic::{
    Choice, build_draft, choices, complete_phone, digit_count, selected, spaced_phone,
    typed_operator,
};
use crate::ui::state::{AppState, MenuState, Notice, SaleStep, Screen};
use crate::ui::text_bridge::plain;
use chrono::{DateTime, Utc};

pub(super) fn request_menu(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(phone) = complete_phone(state) else {
        state.sale.phone_notice = Some(Notice::error(
            Message::new(MsgId::NoticeOffersNeedNumber).num("count", digit_count(state) as i64),
        ));
        state.screen = Screen::Sale;
        return;
    };
    let op = phone.operator();
    if let Some(p) = state.plans.data.find(op.getmenu_code())
        && let Err(why) = check_plan(p, MenuPlans::Allowed)
    {
        state.sale.plan_notice = Some(Notice::error(explain(&why).message));
        return;
    }
    state.sale.menu = MenuState::Waiting(phone.clone());
    state.sale.step = SaleStep::Plan;
    state.sale.plan_notice = Some(Notice::info(
        Message::new(MsgId::NoticeAskingOffers)
            .text("operator", op.name())
            .text("phone", spaced_phone(phone.as_str())),
    ));
    fx.push(Effect::RequestMenu { phone });
}

pub(super) fn menu_offers(state: &mut AppState, phone: Phone, offers: Vec<SuggestedOffer>) {
    if complete_phone(state).as_ref() != Some(&phone) {
        toast(
            state,
            Notice::warn(keyed(MsgId::ToastOffersLate).text("phone", spaced_phone(phone.as_str()))),
        );
        return;
    }
    let offers: Vec<SuggestedOffer> = offers
        .into_iter()
        .map(|mut o| {
            o.typename = plain(&o.typename);
            o.plan_code = plain(&o.plan_code);
            o
        })
        .collect();
    if offers.is_empty() {
        state.sale.menu = MenuState::Off;
        state.sale.plan_notice = Some(Notice::warn(MsgId::NoticeNoOffers));
        return;
    }
    state.sale.plan_notice = Some(Notice::info(
        keyed(MsgId::NoticeOffersArrived).num("n", offers.len() as i64),
    ));
    state.sale.menu = MenuState::Offers { phone, offers };
    state.sale.cursor = 0;
    // Even on the confirm step: what is being confirmed must never change under the staff's
    // eyes, so the list comes back and a new choice goes through confirm again.
    state.sale.step = SaleStep::Plan;
    state.sale.duplicate_armed = false;
    state.sale.confirm_notice = None;
}

/// Starts a new sale for `phone` with one suggested offer, straight to the confirm step.
pub(super) fn sell_offer(
    state: &mut AppState,
    phone: Phone,
    offers: Vec<SuggestedOffer>,
    index: usize,
) {
    clear_for_next_customer(state);
    state.screen = Screen::Sale;
    set_phone(state, phone.as_str().to_string());
    menu_offers(state, phone, offers);
    state.sale.cursor = index;
    state.sale.plan_notice = None;
    to_confirm(state);
}

/// Starts a sale with a plan picked in the browser.
pub(super) fn sell_plan(state: &mut AppState, code: String) {
    state.screen = Screen::Sale;
    state.sale.menu = MenuState::Off;
    state.sale.preferred_plan = Some(code.clone());
    if let Some(op) = typed_operator(state) {
        let list = choices(state);
        match list
            .iter()
            .position(|c| matches!(c, Choice::Plan(p) if p.code == code))
        {
            Some(i) => {
                state.sale.cursor = i;
                if complete_phone(state).is_some() {
                    state.sale.step = SaleStep::Plan;
                    choose_plan(state);
                }
            }
            None => {
                state.sale.plan_notice = Some(Notice::error(
                    Message::new(MsgId::NoticePlanWrongLine)
                        .text("code", &code)
                        .text("operator", op.name()),
                ));
            }
        }
    } else {
        state.sale.phone_notice = Some(Notice::info(
            Message::new(MsgId::NoticePlanChosen).text("code", &code),
        ));
    }
}

pub(super) fn plans_loaded(
    state: &mut AppState,
    plans: PlansData,
    fetched_at: DateTime<Utc>,
    from_cache: bool,
) {
    let code_before = selected(state).map(|s| s.plan.code);
    let first_load = !state.plans.loaded;
    state.plans.data = sanitized_plans(plans);
    state.plans.fetched_at = Some(fetched_at);
    state.plans.from_cache = from_cache;
    state.plans.loaded = true;
    state.plans.error = None;
    if matches!(state.sale.menu, MenuState::Offers { .. }) {
        return;
    }
    // Keep the staff's choice when it still exists; otherwise pre-select again.
    let keep = code_before.and_then(|code| {
        choices(state)
            .iter()
            .position(|c| matches!(c, Choice::Plan(p) if p.code == code))
    });
    match keep {
        Some(i) if !first_load => state.sale.cursor = i,
        _ => reselect(state),
    }
    if state.sale.step == SaleStep::Confirm && build_draft(state).is_err() {
        to_confirm(state); // the plan changed: say why and go back
    }
    let n = state.browser.cursor;
    state.browser.cursor = n.min(state.plans.data.all().count().saturating_sub(1));
}

/// Server text in plans is cleaned once, when it arrives.
pub(super) fn sanitized_plans(mut plans: PlansData) -> PlansData {
    for p in plans
        .dynamic_plans
        .iter_mut()
        .chain(plans.fixed_plans.iter_mut())
    {
        p.name = crate::ui::text_bridge::sanitize(&p.name);
        p.code = plain(&p.code);
        p.operator = plain(&p.operator);
    }
    plans
}

/// The worker's answer to a sale: the order as it stands once its send was answered. The words
/// follow that state: "sent" only when OneClickDz took it; NOT_SENT, REFUSED or an unclear
/// answer say so (with what to do), never "sent".
pub(super) fn saved(state: &mut AppState, id: SaleId, rec: OrderRecord) {
    if let Some(r) = state.recent.iter_mut().find(|r| r.draft.id == id) {
        r.reference = Some(rec.reference.clone());
    }
    let phone = spaced_phone(&rec.phone);
    let notice = match rec.state {
        OrderState::Sent
        | OrderState::Pending
        | OrderState::Handling
        | OrderState::Fulfilled
        | OrderState::Queued => Notice::info(
            Message::new(MsgId::ToastSent)
                .text("phone", phone)
                .text("amount", rec.amount)
                .text("ref", plain(&rec.reference)),
        ),
        _ => {
            let settled = Message::new(MsgId::ToastSettled)
                .text("phone", phone)
                .text("amount", rec.amount)
                .msg("state", rec.word())
                .msg("advice", rec.advice());
            match rec.state {
                OrderState::NotSent | OrderState::Refused { .. } | OrderState::Refunded => {
                    Notice::error(settled)
                }
                _ => Notice::warn(settled),
            }
        }
    };
    toast(state, notice);
    forget_if_never_charged(state, &rec);
    super::history::upsert(state, &rec);
}

/// A sale that ended NOT_SENT or REFUSED charged nothing: it leaves the duplicate check, so it
/// can be sold again at once (a new order, with a new ref).
pub(super) fn forget_if_never_charged(state: &mut AppState, rec: &OrderRecord) {
    if matches!(rec.state, OrderState::NotSent | OrderState::Refused { .. }) {
        state
            .recent
            .retain(|r| r.reference.as_deref() != Some(rec.reference.as_str()));
    }
}

pub(super) fn failed(state: &mut AppState, draft: SaleDraft, error: &Message) {
    toast(
        state,
        Notice::error(
            Message::new(MsgId::ToastNotSent)
                .text("phone", spaced_phone(draft.order.phone.as_str()))
                .text("amount", draft.order.amount)
                .msg_of("error", error.clone()),
        ),
    );
    // Forget it for the duplicate check: it never left.
    state.recent.retain(|r| r.draft.id != draft.id);
    let order = draft.order;
    // Put it back in the form if the staff has not started the next sale.
    if state.sale.step == SaleStep::Phone && state.sale.phone.is_empty() {
        set_phone(state, order.phone.as_str().to_string());
        if let Some(i) = choices(state)
            .iter()
            .position(|c| matches!(c, Choice::Plan(p) if p.code == order.plan.code))
        {
            state.sale.cursor = i;
        }
        if let Some(d) = order.amount.whole_dinars() {
            state.sale.amount = d.to_string();
        }
        state.sale.step = SaleStep::Plan;
        state.sale.plan_notice = Some(Notice::error(
            keyed(MsgId::NoticeNotSentRetry).msg_of("error", error.clone()),
        ));
    }
}

/// The sale left but its answer was not saved: it stays in the duplicate check under its ref
/// (its settling is toasted like any other) and the form is NOT refilled, so Enter cannot send
/// it a second time.
pub(super) fn unrecorded(state: &mut AppState, id: SaleId, reference: String, error: &Message) {
    let Some(sent) = state.recent.iter_mut().find(|r| r.draft.id == id) else {
        return;
    };
    sent.reference = Some(reference);
    let order = &sent.draft.order;
    let notice = Notice::error(
        Message::new(MsgId::ToastSentUnrecorded)
            .text("phone", spaced_phone(order.phone.as_str()))
            .text("amount", order.amount)
            .msg_of("error", error.clone()),
    );
    toast(state, notice);
}

/// A toast when an order sent in this session settles, so staff need not watch the history.
pub(super) fn order_settled_toast(state: &mut AppState, rec: &OrderRecord) {
    let ours = state
        .recent
        .iter()
        .any(|r| r.reference.as_deref() == Some(rec.reference.as_str()));
    if !ours {
        return;
    }
    // The state's own word and what to do: the same words as the history and the detail.
    let settled = |kind: fn(Message) -> Notice| {
        kind(
            Message::new(MsgId::ToastSettled)
                .text("phone", spaced_phone(&rec.phone))
                .text("amount", rec.amount)
                .msg("state", rec.word())
                .msg("advice", rec.advice()),
        )
    };
    let notice = match rec.state {
        OrderState::Fulfilled => settled(Notice::info),
        OrderState::Refunded => settled(Notice::error),
        OrderState::UnknownError => settled(Notice::warn),
        OrderState::Refused { .. } | OrderState::NotSent => settled(Notice::error),
        _ => return,
    };
    toast(state, notice);
    forget_if_never_charged(state, rec);
}
