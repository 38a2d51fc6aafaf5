//! What the counter screen says when the sale gate ([`crate::orders::validate`]) refuses: the
//! step whose field must change, and the words. Every word the screen has for a refused sale
//! is in [`explain`], one place for the message catalogues to come.

use super::state::SaleStep;
use crate::orders::InvalidOrder;
use crate::rules::PhoneError;

/// A refusal as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftError {
    /// The step to go back to.
    pub step: SaleStep,
    pub message: String,
}

/// The field and the words for a refused sale.
pub fn explain(reason: &InvalidOrder) -> DraftError {
    let (step, message) = match reason {
        InvalidOrder::Phone(PhoneError::TooShort(n)) => (
            SaleStep::Phone,
            format!("type the full number ({n}/10 digits)"),
        ),
        InvalidOrder::Phone(e) => (SaleStep::Phone, e.to_string()),
        InvalidOrder::NoPlanChosen => (SaleStep::Plan, "choose a plan".to_string()),
        InvalidOrder::UnknownPlan(code) => (
            SaleStep::Plan,
            format!("{code} is not in the plan list: F5 to refresh the plans"),
        ),
        InvalidOrder::WrongOperator { plan, phone, .. } => (
            SaleStep::Plan,
            format!("{plan} is not for {} numbers", phone.operator().name()),
        ),
        InvalidOrder::PlanDisabled(code) => (
            SaleStep::Plan,
            format!("{code} is disabled right now: choose another plan"),
        ),
        InvalidOrder::MenuPlan(_) => (
            SaleStep::Plan,
            "GETMENU asks for a number's offers: use F6 on the sale screen".to_string(),
        ),
        InvalidOrder::OfferAmount(_) => (
            SaleStep::Plan,
            "this offer's amount is not whole dinars".to_string(),
        ),
        InvalidOrder::Amount { error, typed, .. } => {
            let step = if *typed {
                SaleStep::Amount
            } else {
                SaleStep::Plan
            };
            (step, error.to_string())
        }
    };
    DraftError { step, message }
}
