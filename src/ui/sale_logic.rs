//! The sale over the screen state: which plans a number may take, what is selected, and the
//! form put through the sale gate ([`crate::orders::validate`]), which alone decides.
//!
//! Both `update` and `view` use these, so what is shown is exactly what would be sent.

use super::state::{AppState, MenuState};
use crate::api::types::{Plan, PlanKind, PlansData, SuggestedOffer};
use crate::money::Dzd;
use crate::orders::validate::{self, AmountGiven, InvalidOrder, MenuPlans, ValidOrder, check_sale};
use crate::rules::{Operator, Phone, PhoneCheck, Quote, phone};

/// One line of the sale's plan list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Choice<'a> {
    Plan(&'a Plan),
    Offer(&'a SuggestedOffer),
}

/// The live reading of the phone field.
pub fn phone_check(form_phone: &str) -> PhoneCheck {
    phone::check(form_phone)
}

/// The complete number in the field, if it is one.
pub fn complete_phone(state: &AppState) -> Option<Phone> {
    match phone_check(&state.sale.phone) {
        PhoneCheck::Complete(p) => Some(p),
        _ => None,
    }
}

/// The operator as far as the prefix tells.
pub fn typed_operator(state: &AppState) -> Option<Operator> {
    match phone_check(&state.sale.phone) {
        PhoneCheck::Complete(p) => Some(p.operator()),
        PhoneCheck::Partial { operator, .. } => operator,
        _ => None,
    }
}

/// Digits typed so far (for "7/10").
pub fn digit_count(state: &AppState) -> usize {
    match phone_check(&state.sale.phone) {
        PhoneCheck::Complete(_) => 10,
        PhoneCheck::Partial { digits, .. } => digits.len(),
        _ => 0,
    }
}

/// Plans that can be sent to a line of `op`: dynamic first, then fixed; GETMENU plans are
/// reached with the offers key, never sent as a sale.
pub fn plans_for(data: &PlansData, op: Operator) -> Vec<&Plan> {
    data.all()
        .filter(|p| crate::rules::Operator::of_plan(p) == Some(op) && p.kind() != PlanKind::GetMenu)
        .collect()
}

/// The list shown on the sale screen.
pub fn choices(state: &AppState) -> Vec<Choice<'_>> {
    if let MenuState::Offers { offers, .. } = &state.sale.menu {
        return offers.iter().map(Choice::Offer).collect();
    }
    match typed_operator(state) {
        Some(op) => plans_for(&state.plans.data, op)
            .into_iter()
            .map(Choice::Plan)
            .collect(),
        None => Vec::new(),
    }
}

/// Where the cursor starts for a line: the preferred plan (from the browser) if it fits, else
/// the operator's prepaid plan, else the first enabled dynamic plan, else the first enabled one.
pub fn preselect(data: &PlansData, op: Operator, preferred: Option<&str>) -> usize {
    let list = plans_for(data, op);
    let by_code = |code: &str| {
        list.iter()
            .position(|p| p.is_enabled && p.code.eq_ignore_ascii_case(code))
    };
    preferred
        .and_then(by_code)
        .or_else(|| by_code(op.prepaid_code()))
        .or_else(|| {
            list.iter()
                .position(|p| p.is_enabled && p.kind() == PlanKind::Dynamic)
        })
        .or_else(|| list.iter().position(|p| p.is_enabled))
        .unwrap_or(0)
}

/// The plan an offer stands for: the cached plan with its code, or (when the cache does not
/// list it) a fixed plan of the number's operator with the offer's amount and unknown cost.
pub fn offer_plan(data: &PlansData, offer: &SuggestedOffer, op: Operator) -> Plan {
    data.find(&offer.plan_code)
        .cloned()
        .unwrap_or_else(|| Plan {
            code: offer.plan_code.clone(),
            name: offer.typename.clone(),
            operator: op.name().to_string(),
            cost: None,
            is_enabled: true,
            min_amount: None,
            max_amount: None,
            amount: Some(offer.amount),
        })
}

/// What the cursor points at, resolved to a plan (and the offer's amount for offers).
pub struct Selected {
    pub plan: Plan,
    pub offer_amount: Option<Dzd>,
}

impl Selected {
    /// Whether the staff types an amount for this choice.
    pub fn needs_amount(&self) -> bool {
        self.offer_amount.is_none() && self.plan.kind() != PlanKind::Fixed
    }

    /// The amount as the sale gate takes it: the offer's, or what was typed.
    pub fn amount_given<'a>(&self, state: &'a AppState) -> AmountGiven<'a> {
        match self.offer_amount {
            Some(a) => AmountGiven::Offer(a),
            None => AmountGiven::Typed(&state.sale.amount),
        }
    }
}

pub fn selected(state: &AppState) -> Option<Selected> {
    let op = typed_operator(state)?;
    match choices(state).get(state.sale.cursor)? {
        Choice::Plan(p) => Some(Selected {
            plan: (*p).clone(),
            offer_amount: None,
        }),
        Choice::Offer(o) => Some(Selected {
            plan: offer_plan(&state.plans.data, o, op),
            offer_amount: Some(o.amount),
        }),
    }
}

/// The face value for the selection (the offer's, the fixed plan's, or the typed amount),
/// checked by the sale gate's own rule.
pub fn face_value(state: &AppState, sel: &Selected) -> Result<Dzd, InvalidOrder> {
    validate::face_value(&sel.plan, sel.amount_given(state))
}

/// The price for a selection and face value.
pub fn quote(state: &AppState, plan: &Plan, face: Dzd) -> Quote {
    state.settings.price_rule.quote(plan, face)
}

/// The form put through the sale gate: what the confirm step shows and what Enter sends, or
/// why not (worded by [`crate::ui::refusal::explain`]).
pub fn build_draft(state: &AppState) -> Result<ValidOrder, InvalidOrder> {
    let phone = Phone::parse(&state.sale.phone)?;
    let sel = selected(state).ok_or(InvalidOrder::NoPlanChosen)?;
    check_sale(
        &phone,
        &sel.plan,
        sel.amount_given(state),
        &state.settings.price_rule,
        MenuPlans::Refused,
    )
}

/// A warning when the last known balance cannot cover what this sale takes from it. Only a
/// warning: the balance shown may be older than a deposit, and the API has the last word (a
/// refusal charges nothing).
pub fn balance_shortfall(balance: Option<Dzd>, draft: &ValidOrder) -> Option<crate::i18n::Message> {
    let balance = balance?;
    // Without a known cost the API charges at most the face value.
    let needs = draft.expected_cost.unwrap_or(draft.amount);
    (needs > balance).then(|| {
        crate::i18n::Message::new(crate::i18n::MsgId::WarnBalanceShort)
            .text("balance", balance)
            .text("cost", needs)
    })
}

/// `0661234567` → `0661 23 45 67` (how staff read a number back to the customer); an Idoom
/// line's number in its own groups (`036 36 26 08`, `213 472 73 16 02`).
pub fn spaced_phone(p: &str) -> String {
    if p.len() != 10 || !p.is_ascii() {
        return crate::ui::internet::spaced_line(p);
    }
    format!("{} {} {} {}", &p[..4], &p[4..6], &p[6..8], &p[8..])
}

#[cfg(test)]
mod balance_tests {
    use super::*;
    use crate::testkit::PlanBuilder;

    fn draft(amount: i64, cost: Option<i64>) -> ValidOrder {
        ValidOrder {
            phone: Phone::parse("0661234567").expect("valid"),
            plan: PlanBuilder::dynamic("PREPAID_MOBILIS", "Mobilis", 40, 3999).build(),
            amount: Dzd::from_dinars(amount),
            expected_cost: cost.map(Dzd::from_dinars),
            price: None,
        }
    }

    #[test]
    fn warns_only_when_the_known_balance_is_short() {
        let d = draft(500, Some(480));
        assert_eq!(
            balance_shortfall(None, &d),
            None,
            "unknown balance: no guess"
        );
        assert_eq!(balance_shortfall(Some(Dzd::from_dinars(480)), &d), None);
        let w = balance_shortfall(Some(Dzd::from_dinars(300)), &d)
            .expect("warning")
            .in_lang(crate::i18n::Lang::En);
        assert!(w.contains("300 DA") && w.contains("480 DA"), "{w}");
        // No cost known: the face value is what it may take.
        assert!(balance_shortfall(Some(Dzd::from_dinars(499)), &draft(500, None)).is_some());
    }
}
