//! The sale gate: the one place that decides whether a sale may be written and sent. The counter
//! screen (its confirm step) and `flexy-pos send` both go through it: a valid number, a plan
//! that fits the line and is enabled, an allowed amount; the price and the expected cost are
//! computed here, once.
//!
//! A refusal is an [`InvalidOrder`], a typed reason without words: the screen and the CLI each
//! word it at their edge (`ui::refusal`, `headless::send`).

use crate::api::types::{Plan, PlanKind, PlansData};
use crate::money::Dzd;
use crate::rules::{
    AmountError, InternetType, LineError, Operator, Phone, PhoneError, PriceRule, amount_for,
    plan_fits_number,
};

/// A sale as typed on the command line (`flexy-pos send`), before the gate.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewOrder {
    /// Any accepted spelling (`0661 23 45 67`, `+213…`, Arabic-Indic digits).
    pub phone: String,
    pub plan_code: String,
    /// Typed amount in DA; ignored for fixed plans.
    pub amount: Option<String>,
}

/// How the face value of a sale was given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AmountGiven<'a> {
    /// Typed by the staff or on the command line (ignored for fixed plans).
    Typed(&'a str),
    /// The amount of a suggested offer the staff picked.
    Offer(Dzd),
}

/// Whether the gate lets a GETMENU plan through. Asking for a number's offers is a GETMENU
/// order (F6 at the counter, or `send` with a GETMENU plan); a sale from the counter's plan list
/// never is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuPlans {
    Allowed,
    Refused,
}

/// A sale that passed every check: everything the lifecycle writes and sends, already typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidOrder {
    pub phone: Phone,
    pub plan: Plan,
    /// Face value to send.
    pub amount: Dzd,
    /// What the customer is asked to pay (none for a GETMENU request, which sells nothing).
    pub price: Option<Dzd>,
    /// `amount × cost` when the plan's cost is known.
    pub expected_cost: Option<Dzd>,
}

impl ValidOrder {
    pub fn operator(&self) -> Operator {
        self.phone.operator()
    }
}

/// What a mobile sale that passed the gate sells.
impl From<ValidOrder> for crate::ledger::Sale {
    fn from(v: ValidOrder) -> Self {
        crate::ledger::Sale {
            line: v.operator().into(),
            phone: v.phone.as_str().to_string(),
            plan_kind: v.plan.kind(),
            plan_code: v.plan.code,
            plan_name: v.plan.name,
            amount: v.amount,
            expected_cost: v.expected_cost,
            price: v.price,
        }
    }
}

/// Why a sale cannot be sent. Nothing was written or sent.
#[derive(Clone, Debug, PartialEq)]
pub enum InvalidOrder {
    /// The number is not a complete mobile number.
    Phone(PhoneError),
    /// No plan is selected (the screen's list is empty or not loaded).
    NoPlanChosen,
    /// No plan with this code in the plan list.
    UnknownPlan(String),
    /// The plan is for another operator's lines. `plan_line` is `None` when the plan names an
    /// operator the till does not know (`plan_operator`).
    WrongOperator {
        plan: String,
        plan_line: Option<Operator>,
        plan_operator: String,
        phone: Phone,
    },
    /// OneClickDz has the plan switched off (maintenance, operator trouble).
    PlanDisabled(String),
    /// A GETMENU plan where a sale was expected.
    MenuPlan(String),
    /// An offer whose amount is not whole dinars (the API takes whole dinars).
    OfferAmount(Dzd),
    /// The amount does not fit the plan. `typed`: the staff typed it (else it was preset or an
    /// offer's), so the screen knows which field must change.
    Amount {
        plan: String,
        error: AmountError,
        typed: bool,
    },
    /// Internet: the number does not have the type's documented format.
    Line(LineError),
    /// Internet: no product of this value on the list (`offered`: the values on sale).
    NoSuchValue {
        kind: InternetType,
        value: Dzd,
        offered: Vec<Dzd>,
    },
    /// Internet: the product of this value is not on sale now (`available: false`).
    ValueUnavailable { kind: InternetType, value: Dzd },
}

impl InvalidOrder {
    /// The words of an internet value refusal, the same at the counter and on the command line.
    pub fn value_message(&self) -> Option<crate::i18n::Message> {
        use crate::i18n::{Message, MsgId};
        match self {
            InvalidOrder::NoSuchValue {
                kind,
                value,
                offered,
            } => {
                let offered: Vec<String> = offered.iter().map(Dzd::to_string).collect();
                Some(
                    Message::new(MsgId::InternetNoSuchValue)
                        .text("product", kind.name())
                        .text("value", value)
                        .text("offered", offered.join(", ")),
                )
            }
            InvalidOrder::ValueUnavailable { kind, value } => Some(
                Message::new(MsgId::InternetValueUnavailable)
                    .text("product", kind.name())
                    .text("value", value),
            ),
            _ => None,
        }
    }
}

impl From<PhoneError> for InvalidOrder {
    fn from(e: PhoneError) -> Self {
        InvalidOrder::Phone(e)
    }
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

/// The gate for a typed sale (`flexy-pos send`): the text is parsed here, once.
pub fn validate_order(
    plans: &PlansData,
    req: &NewOrder,
    pricing: &PriceRule,
) -> Result<ValidOrder, InvalidOrder> {
    let phone = Phone::parse(&req.phone)?;
    let plan = find_plan(plans, &req.plan_code)
        .ok_or_else(|| InvalidOrder::UnknownPlan(req.plan_code.trim().to_string()))?;
    let typed = req.amount.as_deref().unwrap_or("");
    check_sale(
        &phone,
        plan,
        AmountGiven::Typed(typed),
        pricing,
        MenuPlans::Allowed,
    )
}

/// The part of the gate about the plan alone, whatever the number and the amount: the screen
/// asks it as soon as a plan is picked, before any amount is typed.
pub fn check_plan(plan: &Plan, menus: MenuPlans) -> Result<(), InvalidOrder> {
    if !plan.is_enabled {
        return Err(InvalidOrder::PlanDisabled(plan.code.clone()));
    }
    if plan.kind() == PlanKind::GetMenu && menus == MenuPlans::Refused {
        return Err(InvalidOrder::MenuPlan(plan.code.clone()));
    }
    Ok(())
}

/// The gate itself: this number, this plan, this amount.
pub fn check_sale(
    phone: &Phone,
    plan: &Plan,
    amount: AmountGiven<'_>,
    pricing: &PriceRule,
    menus: MenuPlans,
) -> Result<ValidOrder, InvalidOrder> {
    // The sandbox's test numbers take any operator's plan (§12).
    if !plan_fits_number(Operator::of_plan(plan), phone.as_str()) {
        return Err(InvalidOrder::WrongOperator {
            plan: plan.code.clone(),
            plan_line: Operator::of_plan(plan),
            plan_operator: plan.operator.clone(),
            phone: phone.clone(),
        });
    }
    check_plan(plan, menus)?;
    let kind = plan.kind();
    let amount = face_value(plan, amount)?;
    let price = match kind {
        PlanKind::GetMenu => None,
        PlanKind::Dynamic | PlanKind::Fixed => Some(pricing.quote(plan, amount).price),
    };
    Ok(ValidOrder {
        phone: phone.clone(),
        plan: plan.clone(),
        amount,
        price,
        expected_cost: plan.cost.and_then(|c| amount.times(c)),
    })
}

/// The face value for a plan: its preset amount (fixed plans), or the typed or offered amount
/// checked against the plan's limits. The screen shows it live while the staff types. A fixed
/// plan given another amount (typed at the counter, `send --amount`) is refused, naming the
/// plan's own: the customer asked for that amount, not for this plan.
pub fn face_value(plan: &Plan, given: AmountGiven<'_>) -> Result<Dzd, InvalidOrder> {
    if plan.kind() == PlanKind::Fixed
        && let AmountGiven::Typed(t) = given
        && !t.trim().is_empty()
        && let Some(preset) = plan.amount
    {
        let same = crate::rules::parse_amount(t)
            .ok()
            .and_then(|n| i64::try_from(n).ok())
            .is_some_and(|n| Dzd::from_dinars(n) == preset);
        if !same {
            return Err(InvalidOrder::Amount {
                plan: plan.code.clone(),
                error: AmountError::FixedOnly(preset),
                typed: true,
            });
        }
    }
    let (text, typed) = match given {
        AmountGiven::Typed(t) => (t.to_string(), plan.kind() != PlanKind::Fixed),
        AmountGiven::Offer(a) => match a.whole_dinars() {
            Some(d) => (d.to_string(), false),
            None => return Err(InvalidOrder::OfferAmount(a)),
        },
    };
    amount_for(plan, &text).map_err(|error| InvalidOrder::Amount {
        plan: plan.code.clone(),
        error,
        typed,
    })
}

/// The GETMENU request for a number: its operator's GETMENU plan at the plan's smallest amount
/// (the answer arrives as `suggested_offers`).
pub fn check_menu(
    plans: &PlansData,
    phone: &Phone,
    pricing: &PriceRule,
) -> Result<ValidOrder, InvalidOrder> {
    let code = phone.operator().getmenu_code();
    let plan = find_plan(plans, code).ok_or_else(|| InvalidOrder::UnknownPlan(code.to_string()))?;
    let smallest = plan
        .min_amount
        .and_then(|a| a.whole_dinars())
        .map(|d| d.to_string())
        .unwrap_or_default();
    check_sale(
        phone,
        plan,
        AmountGiven::Typed(&smallest),
        pricing,
        MenuPlans::Allowed,
    )
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
        }
    }

    fn validate(p: &PlansData, req: &NewOrder) -> Result<ValidOrder, InvalidOrder> {
        validate_order(p, req, &PriceRule::default())
    }

    #[test]
    fn a_fixed_plan_with_another_amount_is_refused_naming_its_own() {
        let p = plans();
        let e = validate(&p, &order("0661234567", "PIXX_500", Some("700"))).unwrap_err();
        assert_eq!(
            e,
            InvalidOrder::Amount {
                plan: "PIXX_500".into(),
                error: AmountError::FixedOnly(Dzd::from_dinars(500)),
                typed: true,
            }
        );
        let same = validate(&p, &order("0661234567", "PIXX_500", Some("500"))).unwrap();
        assert_eq!(same.amount, Dzd::from_dinars(500));
        let none = validate(&p, &order("0661234567", "PIXX_500", None)).unwrap();
        assert_eq!(none.amount, Dzd::from_dinars(500));
    }

    #[test]
    fn accepts_what_the_screen_accepts() {
        let p = plans();
        let v = validate(&p, &order("0661 23-45-67", "PREPAID_MOBILIS", Some("500"))).unwrap();
        assert_eq!(v.phone.as_str(), "0661234567");
        assert_eq!(v.amount, Dzd::from_dinars(500));
        let v = validate(&p, &order("+213661234567", "pixx_500", None)).unwrap();
        assert_eq!(
            v.plan.code, "PIXX_500",
            "Pixx goes to Mobilis lines, case-insensitive code"
        );
        assert_eq!(v.amount, Dzd::from_dinars(500));
        assert_eq!(request_amount(v.plan.kind(), v.amount), None);
        let v = validate(&p, &order("0661234567", "GROS_MOBILIS", Some("5000"))).unwrap();
        assert_eq!(request_amount(v.plan.kind(), v.amount), Some(5000));
        let v = validate(&p, &order("0771234567", "GETMENU_Djezzy", Some("50"))).unwrap();
        assert_eq!(v.plan.kind(), PlanKind::GetMenu);
    }

    #[test]
    fn refuses_with_a_reason() {
        let p = plans();
        let e = validate(&p, &order("066123", "PREPAID_MOBILIS", Some("500"))).unwrap_err();
        assert!(matches!(e, InvalidOrder::Phone(_)), "{e:?}");
        let e = validate(&p, &order("0661234567", "NOPE", Some("500"))).unwrap_err();
        assert_eq!(e, InvalidOrder::UnknownPlan("NOPE".into()));
        let e = validate(&p, &order("0551234567", "FACTURE_MOBILIS", Some("500")));
        assert!(
            matches!(e, Err(InvalidOrder::WrongOperator { .. })),
            "{e:?}"
        );
        let e = validate(&p, &order("0551234567", "FACTURE_OOREDOO", Some("500")));
        assert_eq!(e, Err(InvalidOrder::PlanDisabled("FACTURE_OOREDOO".into())));
        let e = validate(&p, &order("0771234567", "PREPAID_MOBILIS", Some("500")));
        assert!(matches!(
            e,
            Err(InvalidOrder::WrongOperator {
                plan_line: Some(Operator::Mobilis),
                ..
            })
        ));
        let e = validate(&p, &order("0661234567", "PREPAID_MOBILIS", Some("39")));
        assert!(matches!(e, Err(InvalidOrder::Amount { .. })));
        let e = validate(&p, &order("0661234567", "PREPAID_MOBILIS", None));
        assert!(matches!(
            e,
            Err(InvalidOrder::Amount {
                error: AmountError::Empty,
                typed: true,
                ..
            })
        ));
        let e = validate(&p, &order("0661234567", "GETMENU_Mobilis", Some("10")));
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
                let v = validate(&p, &order(number, plan, Some("500")));
                assert!(v.is_ok(), "{number} {plan}: {v:?}");
            }
        }
        // Only those three: a neighbour is an ordinary Mobilis number.
        let e = validate(&p, &order("0600000004", "PREPAID_DJEZZY", Some("500")));
        assert!(
            matches!(e, Err(InvalidOrder::WrongOperator { .. })),
            "{e:?}"
        );
        let e = validate(&p, &order("0600000001", "PREPAID_DJEZZY", Some("5")));
        assert!(
            matches!(e, Err(InvalidOrder::Amount { .. })),
            "the amount still follows the plan's limits"
        );
    }

    #[test]
    fn price_and_cost_are_computed_once_here() {
        let p = plans();
        let v = validate(&p, &order("0661234567", "PREPAID_MOBILIS", Some("500"))).unwrap();
        let plan = find_plan(&p, "PREPAID_MOBILIS").unwrap();
        let q = PriceRule::default().quote(plan, Dzd::from_dinars(500));
        assert_eq!(v.price, Some(q.price));
        assert_eq!(v.expected_cost, Some(q.wholesale));
        let menu = check_menu(&p, &v.phone, &PriceRule::default()).unwrap();
        assert_eq!(menu.plan.kind(), PlanKind::GetMenu);
        assert_eq!(menu.price, None, "a GETMENU request sells nothing");
        let refused = check_sale(
            &v.phone,
            &menu.plan,
            AmountGiven::Typed("100"),
            &PriceRule::default(),
            MenuPlans::Refused,
        );
        assert_eq!(refused, Err(InvalidOrder::MenuPlan(menu.plan.code.clone())));
    }
}
