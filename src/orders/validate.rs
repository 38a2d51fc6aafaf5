//! The checks a sale passes before anything is written or sent — the same as the counter screen:
//! a valid number, a plan that exists, is enabled and fits the line, and an allowed amount.

use crate::api::types::{Plan, PlanKind, PlansData};
use crate::money::Dzd;
use crate::rules::{AmountError, Operator, Phone, PhoneError, amount_for, plan_fits_number};

/// A sale as typed (headless `send`) or confirmed on the screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewOrder {
    /// Any accepted spelling (`0661 23 45 67`, `+213…`, Arabic-Indic digits).
    pub phone: String,
    pub plan_code: String,
    /// Typed amount in DA; ignored for fixed plans.
    pub amount: Option<String>,
    /// What the customer was asked to pay; computed from the shop's price rule when `None`.
    pub price: Option<Dzd>,
}

/// A sale that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidOrder {
    pub phone: Phone,
    pub plan: Plan,
    /// Face value to send.
    pub amount: Dzd,
}

/// Why a sale cannot be sent, worded for staff. Nothing was written or sent.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum InvalidOrder {
    #[error("phone number: {0}")]
    Phone(#[from] PhoneError),
    #[error("no plan '{0}' in the plan list")]
    UnknownPlan(String),
    #[error("plan {0} is disabled right now (maintenance or operator trouble)")]
    PlanDisabled(String),
    #[error("plan {plan} is for {plan_line} lines, but {phone} is a {phone_line} number")]
    WrongOperator {
        plan: String,
        plan_line: String,
        phone: String,
        phone_line: Operator,
    },
    #[error("amount for {plan}: {error}")]
    Amount { plan: String, error: AmountError },
}

/// Finds a plan by code: exact first, then ignoring case when that is unambiguous.
pub fn find_plan<'a>(plans: &'a PlansData, code: &str) -> Option<&'a Plan> {
    let code = code.trim();
    plans.find(code).or_else(|| {
        let mut it = plans.all().filter(|p| p.code.eq_ignore_ascii_case(code));
        match (it.next(), it.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    })
}

/// Checks a sale against the plan list.
pub fn validate_order(plans: &PlansData, req: &NewOrder) -> Result<ValidOrder, InvalidOrder> {
    let phone = Phone::parse(&req.phone)?;
    let plan = find_plan(plans, &req.plan_code)
        .ok_or_else(|| InvalidOrder::UnknownPlan(req.plan_code.trim().to_string()))?;
    if !plan.is_enabled {
        return Err(InvalidOrder::PlanDisabled(plan.code.clone()));
    }
    if !plan_fits_number(plan.line_operator(), phone.as_str()) {
        return Err(InvalidOrder::WrongOperator {
            plan: plan.code.clone(),
            plan_line: plan
                .line_operator()
                .map(|o| o.name().to_string())
                .unwrap_or_else(|| format!("'{}'", plan.operator)),
            phone: phone.as_str().to_string(),
            phone_line: phone.operator(),
        });
    }
    let typed = req.amount.as_deref().unwrap_or("");
    let amount = amount_for(plan, typed).map_err(|error| InvalidOrder::Amount {
        plan: plan.code.clone(),
        error,
    })?;
    Ok(ValidOrder {
        phone,
        plan: plan.clone(),
        amount,
    })
}

/// The amount field of the send request: whole dinars for dynamic and GETMENU plans, absent for
/// fixed plans (the API ignores it there).
pub fn request_amount(kind: PlanKind, amount: Dzd) -> Option<u64> {
    match kind {
        PlanKind::Fixed => None,
        PlanKind::Dynamic | PlanKind::GetMenu => {
            amount.whole_dinars().and_then(|d| u64::try_from(d).ok())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans() -> PlansData {
        serde_json::from_str(include_str!("../../assets/plans.json")).expect("embedded plans")
    }

    fn order(phone: &str, plan: &str, amount: Option<&str>) -> NewOrder {
        NewOrder {
            phone: phone.into(),
            plan_code: plan.into(),
            amount: amount.map(str::to_string),
            price: None,
        }
    }

    #[test]
    fn accepts_what_the_screen_accepts() {
        let p = plans();
        let v =
            validate_order(&p, &order("0661 23-45-67", "PREPAID_MOBILIS", Some("500"))).unwrap();
        assert_eq!(v.phone.as_str(), "0661234567");
        assert_eq!(v.amount, Dzd::from_dinars(500));
        let v = validate_order(&p, &order("+213661234567", "pixx_500", None)).unwrap();
        assert_eq!(
            v.plan.code, "PIXX_500",
            "Pixx goes to Mobilis lines, case-insensitive code"
        );
        assert_eq!(v.amount, Dzd::from_dinars(500));
        assert_eq!(request_amount(v.plan.kind(), v.amount), None);
        let v = validate_order(&p, &order("0661234567", "GROS_MOBILIS", Some("5000"))).unwrap();
        assert_eq!(request_amount(v.plan.kind(), v.amount), Some(5000));
        let v = validate_order(&p, &order("0771234567", "GETMENU_Djezzy", Some("50"))).unwrap();
        assert_eq!(v.plan.kind(), PlanKind::GetMenu);
    }

    #[test]
    fn refuses_with_a_reason() {
        let p = plans();
        let e = validate_order(&p, &order("066123", "PREPAID_MOBILIS", Some("500"))).unwrap_err();
        assert!(matches!(e, InvalidOrder::Phone(_)), "{e}");
        let e = validate_order(&p, &order("0661234567", "NOPE", Some("500"))).unwrap_err();
        assert_eq!(e, InvalidOrder::UnknownPlan("NOPE".into()));
        let e = validate_order(&p, &order("0551234567", "FACTURE_MOBILIS", Some("500")));
        assert!(
            matches!(e, Err(InvalidOrder::WrongOperator { .. })),
            "{e:?}"
        );
        let e = validate_order(&p, &order("0551234567", "FACTURE_OOREDOO", Some("500")));
        assert_eq!(e, Err(InvalidOrder::PlanDisabled("FACTURE_OOREDOO".into())));
        let e = validate_order(&p, &order("0771234567", "PREPAID_MOBILIS", Some("500")));
        assert!(e.unwrap_err().to_string().contains("Mobilis"));
        let e = validate_order(&p, &order("0661234567", "PREPAID_MOBILIS", Some("39")));
        assert!(matches!(e, Err(InvalidOrder::Amount { .. })));
        let e = validate_order(&p, &order("0661234567", "PREPAID_MOBILIS", None));
        assert!(e.unwrap_err().to_string().contains("type an amount"));
        let e = validate_order(&p, &order("0661234567", "GETMENU_Mobilis", Some("10")));
        assert!(
            matches!(e, Err(InvalidOrder::Amount { .. })),
            "GETMENU uses dynamic rules"
        );
    }

    #[test]
    fn the_sandbox_test_numbers_take_any_operators_plan() {
        let p = plans();
        for number in ["0600000001", "0600000002", "0600000003"] {
            for plan in ["PREPAID_DJEZZY", "MIX500_OOREDOO", "PREPAID_MOBILIS"] {
                let v = validate_order(&p, &order(number, plan, Some("500")));
                assert!(v.is_ok(), "{number} {plan}: {v:?}");
            }
        }
        // Only those three: a neighbour is an ordinary Mobilis number.
        let e = validate_order(&p, &order("0600000004", "PREPAID_DJEZZY", Some("500")));
        assert!(
            matches!(e, Err(InvalidOrder::WrongOperator { .. })),
            "{e:?}"
        );
        let e = validate_order(&p, &order("0600000001", "PREPAID_DJEZZY", Some("5")));
        assert!(
            matches!(e, Err(InvalidOrder::Amount { .. })),
            "the amount still follows the plan's limits"
        );
    }
}
