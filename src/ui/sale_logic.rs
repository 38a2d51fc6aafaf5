//! The sale's rules over the screen state: which plans a number may take, what is selected,
//! and the single gate that turns the form into a [`SaleDraft`].
//!
//! Both `update` and `view` use these, so what is shown is exactly what would be sent.

use super::msg::SaleDraft;
use super::state::{AppState, MenuState, SaleStep};
use crate::api::types::{Plan, PlanKind, PlansData, SuggestedOffer};
use crate::money::Dzd;
use crate::rules::{Operator, Phone, PhoneCheck, Quote, amount_for, phone};

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
        .filter(|p| p.line_operator() == Some(op) && p.kind() != PlanKind::GetMenu)
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

/// Why the form cannot be sent, and which step must fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftError {
    pub step: SaleStep,
    pub message: String,
}

fn err(step: SaleStep, message: impl Into<String>) -> DraftError {
    DraftError {
        step,
        message: message.into(),
    }
}

/// The face value for the selection: the offer's, the fixed plan's, or the typed amount.
pub fn face_value(state: &AppState, sel: &Selected) -> Result<Dzd, DraftError> {
    let typed = match sel.offer_amount {
        Some(a) => match a.whole_dinars() {
            Some(d) => d.to_string(),
            None => {
                return Err(err(
                    SaleStep::Plan,
                    "this offer's amount is not whole dinars",
                ));
            }
        },
        None => state.sale.amount.clone(),
    };
    let step = if sel.needs_amount() {
        SaleStep::Amount
    } else {
        SaleStep::Plan
    };
    amount_for(&sel.plan, &typed).map_err(|e| err(step, e.to_string()))
}

/// The price for a selection and face value.
pub fn quote(state: &AppState, plan: &Plan, face: Dzd) -> Quote {
    state.settings.price_rule.quote(plan, face)
}

/// The one gate to sending: a complete number, an enabled plan of that number's operator, a
/// valid amount. Nothing else can produce a [`SaleDraft`].
pub fn build_draft(state: &AppState) -> Result<SaleDraft, DraftError> {
    let phone = complete_phone(state).ok_or_else(|| {
        err(
            SaleStep::Phone,
            format!("type the full number ({}/10 digits)", digit_count(state)),
        )
    })?;
    let op = phone.operator();
    let sel = selected(state).ok_or_else(|| err(SaleStep::Plan, "choose a plan"))?;
    let plan = &sel.plan;
    if !crate::rules::plan_fits_number(plan.line_operator(), phone.as_str()) {
        return Err(err(
            SaleStep::Plan,
            format!("{} is not for {} numbers", plan.code, op.name()),
        ));
    }
    if !plan.is_enabled {
        return Err(err(
            SaleStep::Plan,
            format!("{} is disabled right now: choose another plan", plan.code),
        ));
    }
    if plan.kind() == PlanKind::GetMenu {
        return Err(err(
            SaleStep::Plan,
            "use F6 to ask for this number's offers",
        ));
    }
    let face = face_value(state, &sel)?;
    let q = quote(state, plan, face);
    Ok(SaleDraft {
        phone,
        operator: op,
        plan_code: plan.code.clone(),
        plan_name: plan.name.clone(),
        plan_kind: plan.kind(),
        amount: face,
        expected_cost: plan.cost.map(|_| q.wholesale),
        price: Some(q.price),
    })
}

/// `0661234567` → `0661 23 45 67` (how staff read a number back to the customer).
/// A warning when the last known balance cannot cover what this sale takes from it. Only a
/// warning: the balance shown may be older than a deposit, and the API has the last word (a
/// refusal charges nothing).
pub fn balance_shortfall(balance: Option<Dzd>, draft: &SaleDraft) -> Option<String> {
    let balance = balance?;
    // Without a known cost the API charges at most the face value.
    let needs = draft.expected_cost.unwrap_or(draft.amount);
    (needs > balance).then(|| {
        format!(
            "balance {balance} is less than this sale's cost {needs}: OneClickDz will refuse it"
        )
    })
}

pub fn spaced_phone(p: &str) -> String {
    if p.len() != 10 || !p.is_ascii() {
        return p.to_string();
    }
    format!("{} {} {} {}", &p[..4], &p[4..6], &p[6..8], &p[8..])
}

#[cfg(test)]
mod balance_tests {
    use super::*;
    use crate::api::types::PlanKind;

    fn draft(amount: i64, cost: Option<i64>) -> SaleDraft {
        SaleDraft {
            phone: Phone::parse("0661234567").expect("valid"),
            operator: Operator::Mobilis,
            plan_code: "PREPAID_MOBILIS".into(),
            plan_name: "p".into(),
            plan_kind: PlanKind::Dynamic,
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
        let w = balance_shortfall(Some(Dzd::from_dinars(300)), &d).expect("warning");
        assert!(w.contains("300 DA") && w.contains("480 DA"), "{w}");
        // No cost known: the face value is what it may take.
        assert!(balance_shortfall(Some(Dzd::from_dinars(499)), &draft(500, None)).is_some());
    }
}
