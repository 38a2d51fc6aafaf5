//! The sale screen on an Idoom internet product: line → value → confirm → send, the product
//! switch, the line check's answer, and the proof of a delivered top-up shown until dismissed.

use super::moved;
use super::sale_input::ascii_digit;
use super::toast;
use crate::i18n::{Message, MsgId};
use crate::orders::{OrderRecord, OrderState};
use crate::rules::{InternetType, LineCheck, Product};
use crate::ui::internet::{
    build_internet_draft, complete_number, first_available, kind, line_status, number_check,
    products, spaced_line, too_short,
};
use crate::ui::keys::{Action, key_msg, keyed};
use crate::ui::msg::{Effect, InternetDraft, LineOutcome, SaleId};
use crate::ui::refusal::explain;
use crate::ui::state::{AppState, LineStatus, Notice, ProductsView, SaleForm, SaleStep, Sent};

/// The same line and value sent again within this window (on the monotonic clock) needs its
/// own key ([`Action::Repeat`]), never the same Enter: the mobile sale's rule.
const DUPLICATE_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);
const LIST_PAGE: usize = 10;

/// The product key: the next product, on an empty form (a number of one product is not a
/// number of another). The lists of an internet product are asked for when first needed.
pub(super) fn switch(state: &mut AppState, fx: &mut Vec<Effect>) {
    let next = state.sale.product.next();
    let (draft_seq, sent_seq) = (state.sale.draft_seq, state.sale.sent_seq);
    state.sale = SaleForm {
        product: next,
        draft_seq,
        sent_seq,
        ..SaleForm::default()
    };
    if let Product::Internet(k) = next
        && state.internet.get(&k).is_none_or(|v| v.products.is_none())
    {
        fx.push(Effect::LoadInternetProducts(k));
    }
}

/// A key on the sale screen while an internet product is sold.
pub(super) fn on_action(
    state: &mut AppState,
    kind: InternetType,
    action: Action,
    fx: &mut Vec<Effect>,
) {
    match action {
        Action::Back => back(state),
        Action::Refresh => {
            fx.push(Effect::RefreshInternetProducts(kind));
            fx.push(Effect::RefreshStatus);
        }
        Action::Repeat if state.sale.step == SaleStep::Confirm => submit(state, kind, fx, true),
        Action::Menu | Action::Repeat => {
            state.sale.phone_notice = Some(Notice::warn(
                Message::new(MsgId::NoticeMobileOnly).msg_of("key", key_msg(action)),
            ));
        }
        Action::Pane => super::pane::focus(state),
        Action::Enter => enter(state, kind, fx),
        Action::ClearLine if state.sale.step == SaleStep::Phone => {
            set_number(state, kind, String::new(), fx)
        }
        Action::Backspace if state.sale.step == SaleStep::Phone => {
            let mut n = state.sale.phone.clone();
            n.pop();
            set_number(state, kind, n, fx);
        }
        Action::Char(c) => typed(state, kind, c, fx),
        a => move_cursor(state, kind, a),
    }
}

fn back(state: &mut AppState) {
    let s = &mut state.sale;
    s.duplicate_armed = false;
    s.confirm_notice = None;
    s.plan_notice = None;
    match s.step {
        SaleStep::Confirm | SaleStep::Amount => s.step = SaleStep::Plan,
        SaleStep::Plan => s.step = SaleStep::Phone,
        SaleStep::Phone => {
            s.phone.clear();
            s.phone_notice = None;
            s.line = LineStatus::Unchecked;
        }
    }
}

/// Sets the number field; a number just completed is checked with OneClickDz at once.
fn set_number(state: &mut AppState, kind: InternetType, value: String, fx: &mut Vec<Effect>) {
    state.sale.phone = value;
    state.sale.phone_notice = None;
    state.sale.duplicate_armed = false;
    match complete_number(state, kind) {
        Some(n) => {
            if state.sale.line.number() != Some(n.as_str()) {
                state.sale.line = LineStatus::Checking(n.as_str().to_string());
                fx.push(Effect::CheckLine(n));
            }
        }
        None => {
            state.sale.line = LineStatus::Unchecked;
            state.sale.step = SaleStep::Phone;
        }
    }
}

/// Adds typed or pasted text to the number field; refused text leaves it as it was and says
/// why.
pub(super) fn number_input(
    state: &mut AppState,
    kind: InternetType,
    text: &str,
    pasted: bool,
    fx: &mut Vec<Effect>,
) {
    if pasted && let LineCheck::Complete(n) = crate::rules::check_line(kind, text) {
        return set_number(state, kind, n.as_str().to_string(), fx);
    }
    let candidate = format!("{}{}", state.sale.phone, text);
    match crate::rules::check_line(kind, &candidate) {
        LineCheck::Invalid(e) => state.sale.phone_notice = Some(Notice::error(e.message())),
        LineCheck::Empty => set_number(state, kind, String::new(), fx),
        // A country prefix in progress (`+21`, `002`): kept as typed.
        LineCheck::Partial(d) if d.is_empty() => {
            let kept: String = candidate.chars().filter(|c| !c.is_whitespace()).collect();
            set_number(state, kind, kept, fx);
        }
        LineCheck::Partial(d) => set_number(state, kind, d, fx),
        LineCheck::Complete(n) => set_number(state, kind, n.as_str().to_string(), fx),
    }
}

fn typed(state: &mut AppState, kind: InternetType, c: char, fx: &mut Vec<Effect>) {
    match state.sale.step {
        SaleStep::Phone => number_input(state, kind, &c.to_string(), false, fx),
        SaleStep::Plan | SaleStep::Amount => {
            let id = if ascii_digit(c).is_some() {
                MsgId::NoticePickValue
            } else {
                MsgId::NoticeCharDoesNothing
            };
            state.sale.plan_notice = Some(Notice::warn(keyed(id).text("char", c)));
        }
        SaleStep::Confirm => {
            state.sale.confirm_notice = Some(Notice::warn(keyed(MsgId::NoticeConfirmKeys)));
        }
    }
}

pub(super) fn paste(state: &mut AppState, kind: InternetType, text: &str, fx: &mut Vec<Effect>) {
    match state.sale.step {
        SaleStep::Phone => number_input(state, kind, text.trim(), true, fx),
        SaleStep::Confirm => {
            state.sale.confirm_notice = Some(Notice::warn(keyed(MsgId::PasteNothingAtConfirm)));
        }
        _ => state.sale.plan_notice = Some(Notice::warn(keyed(MsgId::NoticePickValue))),
    }
}

fn enter(state: &mut AppState, kind: InternetType, fx: &mut Vec<Effect>) {
    match state.sale.step {
        SaleStep::Phone => match (complete_number(state, kind), line_status(state).clone()) {
            (None, _) => {
                let why = explain(&too_short(state, kind));
                state.sale.phone_notice = Some(Notice::error(why.message));
            }
            (Some(_), LineStatus::Found { .. } | LineStatus::Unclear { .. }) => {
                state.sale.step = SaleStep::Plan;
                state.sale.cursor = first_available(state, kind);
                if products(state, kind).is_empty() {
                    fx.push(Effect::LoadInternetProducts(kind));
                }
            }
            (Some(_), LineStatus::Checking(_)) => {
                state.sale.phone_notice = Some(Notice::info(MsgId::NoticeLineBeingChecked));
            }
            (Some(_), LineStatus::Refused { message, .. }) => {
                state.sale.phone_notice = Some(Notice::error(
                    Message::new(MsgId::LineRefusedNotice).msg_of("error", message),
                ));
            }
            (Some(n), LineStatus::Unchecked) => {
                state.sale.line = LineStatus::Checking(n.as_str().to_string());
                fx.push(Effect::CheckLine(n));
            }
        },
        SaleStep::Plan | SaleStep::Amount => to_confirm(state, kind),
        SaleStep::Confirm => submit(state, kind, fx, false),
    }
}

/// Moves to the confirm step only through the gate; otherwise shows why where it must change.
fn to_confirm(state: &mut AppState, kind: InternetType) {
    match build_internet_draft(state, kind) {
        Ok(_) => {
            let s = &mut state.sale;
            s.step = SaleStep::Confirm;
            s.draft_seq += 1;
            s.duplicate_armed = false;
            s.down_armed = false;
            s.confirm_notice = None;
        }
        Err(why) => {
            let e = explain(&why);
            let notice = Some(Notice::error(e.message));
            match e.step {
                SaleStep::Phone => state.sale.phone_notice = notice,
                _ => state.sale.plan_notice = notice,
            }
            state.sale.step = match e.step {
                SaleStep::Phone => SaleStep::Phone,
                _ => SaleStep::Plan,
            };
        }
    }
}

/// Sends the confirmed internet sale; `again`: the repeat key after the duplicate warning.
fn submit(state: &mut AppState, kind: InternetType, fx: &mut Vec<Effect>, again: bool) {
    if state.sale.sent_seq == state.sale.draft_seq {
        return;
    }
    let order = match build_internet_draft(state, kind) {
        Ok(o) => o,
        Err(_) => return to_confirm(state, kind),
    };
    let now = state.mono_now;
    let earlier = state.internet_sent.iter().rev().find(|r| {
        r.draft.order.number == order.number
            && r.draft.order.product.value == order.product.value
            && now.saturating_duration_since(r.at_mono) < DUPLICATE_WINDOW
    });
    if super::sale::held_as_duplicate(state, earlier.map(|r| r.at_mono), again) {
        return;
    }
    let draft = InternetDraft {
        id: super::sale::next_sale_id(state),
        order,
    };
    toast(
        state,
        Notice::info(
            Message::new(MsgId::ToastSending)
                .text("phone", spaced_line(draft.order.number.as_str()))
                .text("amount", draft.order.product.value)
                .text("price", draft.order.price),
        ),
    );
    Sent::keep(
        &mut state.internet_sent,
        draft.clone(),
        state.now,
        state.mono_now,
    );
    fx.push(Effect::SubmitInternetSale(draft));
    let product = state.sale.product;
    super::sale::clear_for_next_customer(state);
    state.sale.product = product;
}

fn move_cursor(state: &mut AppState, kind: InternetType, action: Action) {
    if !matches!(state.sale.step, SaleStep::Plan | SaleStep::Amount) {
        return;
    }
    let len = products(state, kind).len();
    if let Some(c) = moved(state.sale.cursor, len, action, LIST_PAGE) {
        state.sale.cursor = c;
        state.sale.plan_notice = None;
    }
}

/// The values on sale for a type arrived (cleaned of server text: numbers only).
pub(super) fn products_loaded(
    state: &mut AppState,
    products: crate::api::internet::InternetProducts,
    fetched_at: chrono::DateTime<chrono::Utc>,
    from_cache: bool,
) {
    let kind = products.kind;
    state.internet.insert(
        kind,
        ProductsView {
            products: Some(products),
            fetched_at: Some(fetched_at),
            from_cache,
            error: None,
        },
    );
    if state.sale.product == Product::Internet(kind) {
        let len = crate::ui::internet::products(state, kind).len();
        if state.sale.cursor >= len {
            state.sale.cursor = first_available(state, kind);
        }
        if state.sale.step == SaleStep::Confirm && build_internet_draft(state, kind).is_err() {
            to_confirm(state, kind); // the value changed: say why and go back
        }
    }
}

pub(super) fn products_failed(state: &mut AppState, kind: InternetType, error: Message) {
    state.internet.entry(kind).or_default().error = Some(error.clone());
    toast(
        state,
        Notice::error(keyed(MsgId::ToastPlansFailedKept).msg_of("error", error)),
    );
}

/// check-number answered: kept when it is about the number still in the field.
pub(super) fn line_checked(
    state: &mut AppState,
    number: crate::rules::InternetNumber,
    outcome: LineOutcome,
) {
    if state.sale.product != Product::Internet(number.kind())
        || !matches!(number_check(state, number.kind()), LineCheck::Complete(ref n) if *n == number)
    {
        return;
    }
    let n = number.as_str().to_string();
    state.sale.line = match outcome {
        LineOutcome::Found { offer } => LineStatus::Found { number: n, offer },
        LineOutcome::Refused(message) => {
            state.sale.phone_notice = Some(Notice::error(
                Message::new(MsgId::LineRefusedNotice).msg_of("error", message.clone()),
            ));
            if state.sale.step != SaleStep::Phone {
                state.sale.step = SaleStep::Phone;
            }
            LineStatus::Refused { number: n, message }
        }
        LineOutcome::Unclear(message) => {
            state.sale.phone_notice = Some(Notice::warn(
                Message::new(MsgId::LineUnclearNotice).msg_of("error", message.clone()),
            ));
            LineStatus::Unclear { number: n, message }
        }
    };
}

/// An internet sale was written and sent: its ref, for the toasts and the proof.
pub(super) fn saved(state: &mut AppState, id: SaleId, rec: &OrderRecord) {
    if let Some(s) = state.internet_sent.iter_mut().find(|s| s.draft.id == id) {
        s.reference = Some(rec.reference.clone());
    }
}

/// An internet sale LEFT but its answer was not saved: checked by ref, never sent again.
pub(super) fn unrecorded(state: &mut AppState, id: SaleId, reference: String, error: &Message) {
    let Some(sent) = state.internet_sent.iter_mut().find(|s| s.draft.id == id) else {
        return;
    };
    sent.reference = Some(reference);
    let order = &sent.draft.order;
    let notice = Notice::error(
        Message::new(MsgId::ToastSentUnrecorded)
            .text("phone", spaced_line(order.number.as_str()))
            .text("amount", order.product.value)
            .msg_of("error", error.clone()),
    );
    toast(state, notice);
}

/// The sale could not even be saved: nothing was sent; back in the form if it is empty.
pub(super) fn failed(state: &mut AppState, draft: InternetDraft, error: &Message) {
    toast(
        state,
        Notice::error(
            Message::new(MsgId::ToastNotSent)
                .text("phone", spaced_line(draft.order.number.as_str()))
                .text("amount", draft.order.product.value)
                .msg_of("error", error.clone()),
        ),
    );
    state.internet_sent.retain(|s| s.draft.id != draft.id);
    let kind = draft.order.kind();
    if state.sale.step == SaleStep::Phone && state.sale.phone.is_empty() {
        state.sale.product = Product::Internet(kind);
        state.sale.phone = draft.order.number.as_str().to_string();
        state.sale.line = LineStatus::Unclear {
            number: draft.order.number.as_str().to_string(),
            message: error.clone(),
        };
        state.sale.cursor = products(state, kind)
            .iter()
            .position(|p| p.value == draft.order.product.value)
            .unwrap_or(0);
        state.sale.step = SaleStep::Plan;
        state.sale.plan_notice = Some(Notice::error(
            keyed(MsgId::NoticeNotSentRetry).msg_of("error", error.clone()),
        ));
    }
}

/// An order changed: an internet sale of this session that is now delivered has its proof
/// shown large; one refunded or queued is told.
pub(super) fn order_changed(state: &mut AppState, rec: &OrderRecord) {
    if let Some(shown) = &state.proof
        && shown.reference == rec.reference
    {
        state.proof = Some(rec.clone());
    }
    let ours = state
        .internet_sent
        .iter()
        .any(|s| s.reference.as_deref() == Some(rec.reference.as_str()));
    if !ours {
        return;
    }
    let settled = Message::new(MsgId::ToastSettled)
        .text("phone", spaced_line(&rec.phone))
        .text("amount", rec.amount)
        .msg("state", rec.word())
        .msg("advice", rec.advice());
    match rec.state {
        OrderState::Fulfilled if rec.internet_proof().is_some() => {
            state.proof = Some(rec.clone());
            toast(state, Notice::info(settled));
        }
        OrderState::Fulfilled => toast(state, Notice::info(settled)),
        OrderState::Refunded | OrderState::Refused { .. } => toast(state, Notice::error(settled)),
        OrderState::Queued | OrderState::UnknownError => toast(state, Notice::warn(settled)),
        _ => {}
    }
}

/// While a proof is shown on the sale screen, Enter or Esc dismisses it; nothing else is typed
/// under it.
pub(super) fn proof_key(state: &mut AppState, action: Action) {
    if matches!(action, Action::Enter | Action::Back) {
        state.proof = None;
    }
}

/// The current product's kind (re-exported for the sale screen's dispatch).
pub(super) fn current(state: &AppState) -> Option<InternetType> {
    kind(state)
}
