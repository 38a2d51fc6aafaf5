//! An Idoom internet sale over the screen state: the line typed, its check with OneClickDz,
//! the values on sale, and the form put through the internet sale gate
//! ([`crate::orders::check_internet_sale`]), which alone decides. `update` and `view` both use
//! these, so what is shown is what would be sent.

use super::state::{AppState, LineStatus};
use crate::api::internet::InternetProduct;
use crate::orders::{InvalidOrder, ValidInternetOrder, check_internet_sale};
use crate::rules::{InternetNumber, InternetType, LineCheck, LineError, Operator, check_line};

/// The internet type being sold, if the sale screen is on an internet product.
pub fn kind(state: &AppState) -> Option<InternetType> {
    state.sale.product.internet()
}

/// The live reading of the number field.
pub fn number_check(state: &AppState, kind: InternetType) -> LineCheck {
    check_line(kind, &state.sale.phone)
}

/// The complete number in the field, if it is one.
pub fn complete_number(state: &AppState, kind: InternetType) -> Option<InternetNumber> {
    match number_check(state, kind) {
        LineCheck::Complete(n) => Some(n),
        _ => None,
    }
}

/// Digits typed so far, of the number's `kind.number_len()`.
pub fn digits_typed(state: &AppState, kind: InternetType) -> usize {
    match number_check(state, kind) {
        LineCheck::Complete(_) => kind.number_len(),
        LineCheck::Partial(d) => d.len(),
        _ => 0,
    }
}

/// What OneClickDz said about the number in the field (nothing for another number).
pub fn line_status(state: &AppState) -> &LineStatus {
    match state.sale.line.number() {
        Some(n) if n == state.sale.phone => &state.sale.line,
        _ => &LineStatus::Unchecked,
    }
}

/// The values on sale for `kind`, as the screen has them (empty before they are loaded).
pub fn products(state: &AppState, kind: InternetType) -> &[InternetProduct] {
    state
        .internet
        .get(&kind)
        .and_then(|v| v.products.as_ref())
        .map(|p| p.products.as_slice())
        .unwrap_or(&[])
}

/// The value under the cursor.
pub fn selected_product(state: &AppState, kind: InternetType) -> Option<&InternetProduct> {
    products(state, kind).get(state.sale.cursor)
}

/// The first value on sale (where the cursor starts).
pub fn first_available(state: &AppState, kind: InternetType) -> usize {
    products(state, kind)
        .iter()
        .position(|p| p.available)
        .unwrap_or(0)
}

/// The form put through the internet sale gate: what the confirm step shows and what Enter
/// sends, or why not (worded by [`crate::ui::refusal::explain`]).
pub fn build_internet_draft(
    state: &AppState,
    kind: InternetType,
) -> Result<ValidInternetOrder, InvalidOrder> {
    let number = InternetNumber::parse(kind, &state.sale.phone).map_err(InvalidOrder::Line)?;
    let list = state
        .internet
        .get(&kind)
        .and_then(|v| v.products.as_ref())
        .ok_or(InvalidOrder::NoPlanChosen)?;
    let product = selected_product(state, kind).ok_or(InvalidOrder::NoPlanChosen)?;
    check_internet_sale(list, &number, product.value, &state.settings.price_rule)
}

/// A number too short to check, as the gate words it.
pub fn too_short(state: &AppState, kind: InternetType) -> InvalidOrder {
    InvalidOrder::Line(LineError::TooShort {
        kind,
        typed: digits_typed(state, kind),
    })
}

/// The operator a mobile sale goes through when `/v3/ping` says it is down (its name).
pub fn down_operator(
    state: &AppState,
    line: Operator,
    plan_operator: &str,
) -> Option<&'static str> {
    state
        .health
        .as_ref()
        .and_then(|h| h.down_for(line, Some(plan_operator)))
}

/// `036362608` → `036 36 26 08`; `213472731602` → `213 472 73 16 02` (read back to the
/// customer like a mobile number).
pub fn spaced_line(number: &str) -> String {
    if !number.is_ascii() {
        return number.to_string();
    }
    let cuts: &[usize] = match number.len() {
        9 => &[3, 5, 7],
        12 => &[3, 6, 8, 10],
        _ => return number.to_string(),
    };
    let mut out = String::new();
    for (i, c) in number.chars().enumerate() {
        if cuts.contains(&i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_back_in_groups() {
        assert_eq!(spaced_line("036362608"), "036 36 26 08");
        assert_eq!(spaced_line("213472731602"), "213 472 73 16 02");
        assert_eq!(spaced_line("0363"), "0363");
    }
}
