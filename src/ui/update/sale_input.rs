//! Typing and pasting into the sale form: the phone and amount fields.

use crate::i18n::{Message, MsgId};
use crate::rules::{PhoneCheck, phone};
use crate::ui::sale_logic::{complete_phone, preselect, selected, typed_operator};
use crate::ui::state::{AppState, MenuState, Notice, SaleStep};
use crate::ui::text_bridge::plain;

/// Digits of a typed amount never exceed this (10 000 000 DA is far above any plan).
const AMOUNT_MAX_DIGITS: usize = 7;

pub(super) fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

pub(super) fn amount_input(state: &mut AppState, c: char) {
    let Some(d) = ascii_digit(c) else {
        if !matches!(c, ' ' | '\u{00A0}') {
            state.sale.amount_notice = Some(Notice::error(
                Message::new(MsgId::AmountNotADigit).text("char", plain(&c.to_string())),
            ));
        }
        return;
    };
    if state.sale.amount.is_empty() && d == '0' {
        state.sale.amount_notice = Some(Notice::error(MsgId::AmountLeadingZero));
        return;
    }
    if state.sale.amount.len() >= AMOUNT_MAX_DIGITS {
        state.sale.amount_notice = Some(Notice::error(MsgId::AmountTooLong));
        return;
    }
    let mut a = state.sale.amount.clone();
    a.push(d);
    set_amount(state, a);
}

pub(super) fn set_amount(state: &mut AppState, amount: String) {
    state.sale.amount = amount;
    state.sale.amount_notice = None;
    state.sale.plan_notice = None;
}

/// Adds typed or pasted text to the phone field. Refused text leaves the field as it was and
/// says why.
pub(super) fn phone_input(state: &mut AppState, text: &str, pasted: bool) {
    // A pasted complete number replaces whatever was in the field.
    if pasted && let PhoneCheck::Complete(p) = phone::check(text) {
        return set_phone(state, p.as_str().to_string());
    }
    let candidate = format!("{}{}", state.sale.phone, text);
    match phone::check(&candidate) {
        PhoneCheck::Invalid(e) => {
            state.sale.phone_notice = Some(Notice::error(e.message()));
        }
        PhoneCheck::Empty => {
            // Separators only, or a lone `+` starting a country code: keep the `+`.
            let kept: String = candidate.chars().filter(|c| *c == '+').take(1).collect();
            set_phone(state, kept);
        }
        PhoneCheck::Partial { digits, .. } if digits.is_empty() => {
            // A country prefix in progress (`+21`, `002`): keep it as typed.
            let kept: String = candidate.chars().filter(|c| !c.is_whitespace()).collect();
            set_phone(state, kept);
        }
        PhoneCheck::Partial { digits, .. } => set_phone(state, digits),
        PhoneCheck::Complete(p) => set_phone(state, p.as_str().to_string()),
    }
}

/// Sets the phone field and keeps everything that depends on it consistent.
pub(super) fn set_phone(state: &mut AppState, value: String) {
    let op_before = typed_operator(state);
    let phone_before = complete_phone(state);
    state.sale.phone = value;
    state.sale.phone_notice = None;
    state.sale.duplicate_armed = false;
    state.sale.down_armed = false;
    let phone_now = complete_phone(state);
    let menu_phone = match &state.sale.menu {
        MenuState::Off => None,
        MenuState::Waiting(p) | MenuState::Offers { phone: p, .. } => Some(p.clone()),
    };
    if menu_phone.is_some() && menu_phone != phone_now {
        state.sale.menu = MenuState::Off;
    }
    // A new whole number starts from the plan that fits it (see `reselect`), never from the
    // plan the cursor was left on for the number before.
    let new_number = phone_now != phone_before && (menu_phone.is_some() || phone_now.is_some());
    if typed_operator(state) != op_before || new_number {
        reselect(state);
    }
    if state.sale.step != SaleStep::Phone && phone_now.is_none() {
        state.sale.step = SaleStep::Phone;
    }
}

/// Puts the cursor on the plan that fits the line best: the plan chosen in the browser when it
/// is for this operator and the number's usual plan (a regular's last sale) is not another one;
/// otherwise the operator's prepaid plan.
pub(super) fn reselect(state: &mut AppState) {
    state.sale.plan_notice = None;
    let usual = usual_plan(state);
    let preferred = state.sale.preferred_plan.as_deref().filter(|code| {
        usual
            .as_deref()
            .is_none_or(|u| u.eq_ignore_ascii_case(code))
    });
    state.sale.cursor = match (&state.sale.menu, typed_operator(state)) {
        (MenuState::Offers { .. }, _) => 0,
        (_, Some(op)) => preselect(&state.plans.data, op, preferred),
        (_, None) => 0,
    };
}

/// The plan of the typed number's last sale, when it is a regular (an offers lookup is no
/// sale, and no usual plan).
fn usual_plan(state: &AppState) -> Option<String> {
    let phone = complete_phone(state)?;
    state
        .sale
        .regulars
        .iter()
        .find(|r| r.phone == phone.as_str())
        .filter(|r| !crate::ledger::tally::is_lookup(&r.last))
        .map(|r| r.last.plan_code.clone())
}

pub(super) fn paste(state: &mut AppState, text: &str) {
    match state.sale.step {
        SaleStep::Phone => phone_input(state, text.trim(), true),
        SaleStep::Plan | SaleStep::Amount => {
            let digits: Option<String> = text
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{00A0}'))
                .map(ascii_digit)
                .collect();
            match digits {
                Some(d) if !d.is_empty() && selected(state).is_some_and(|s| s.needs_amount()) => {
                    state.sale.step = SaleStep::Amount;
                    state.sale.amount.clear();
                    for c in d.chars() {
                        amount_input(state, c);
                    }
                }
                _ => {
                    state.sale.amount_notice = Some(Notice::error(
                        Message::new(MsgId::PasteNotAnAmount).text("text", plain(text.trim())),
                    ));
                }
            }
        }
        SaleStep::Confirm => {
            state.sale.confirm_notice = Some(Notice::warn(crate::ui::keys::keyed(
                MsgId::PasteNothingAtConfirm,
            )));
        }
    }
}
