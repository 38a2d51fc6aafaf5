//! What the counter screen says when the sale gate ([`crate::orders::validate`]) refuses: the
//! step whose field must change, and the words, as catalogue messages (the screen's language).

use super::keys::{Action, key_msg};
use super::state::SaleStep;
use crate::i18n::{Message, MsgId};
use crate::orders::InvalidOrder;
use crate::rules::PhoneError;

/// A refusal as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftError {
    /// The step to go back to.
    pub step: SaleStep,
    pub message: Message,
}

/// The field and the words for a refused sale.
pub fn explain(reason: &InvalidOrder) -> DraftError {
    let (step, message) = match reason {
        InvalidOrder::Phone(PhoneError::TooShort(n)) => (
            SaleStep::Phone,
            Message::new(MsgId::DraftFullNumber).num("count", *n as i64),
        ),
        InvalidOrder::Phone(e) => (SaleStep::Phone, e.message()),
        InvalidOrder::NoPlanChosen => (SaleStep::Plan, Message::new(MsgId::DraftChoosePlan)),
        InvalidOrder::UnknownPlan(code) => (
            SaleStep::Plan,
            Message::new(MsgId::DraftUnknownPlan)
                .text("code", code)
                .msg_of("key", key_msg(Action::Refresh)),
        ),
        InvalidOrder::WrongOperator { plan, phone, .. } => (
            SaleStep::Plan,
            Message::new(MsgId::DraftWrongOperator)
                .text("code", plan)
                .text("operator", phone.operator().name()),
        ),
        InvalidOrder::PlanDisabled(code) => (
            SaleStep::Plan,
            Message::new(MsgId::NoticePlanDisabled).text("code", code),
        ),
        InvalidOrder::MenuPlan(_) => (
            SaleStep::Plan,
            Message::new(MsgId::DraftUseMenuKey).msg_of("key", key_msg(Action::Menu)),
        ),
        InvalidOrder::OfferAmount(_) => (SaleStep::Plan, Message::new(MsgId::DraftOfferNotWhole)),
        InvalidOrder::Amount { error, typed, .. } => {
            let step = if *typed {
                SaleStep::Amount
            } else {
                SaleStep::Plan
            };
            (step, error.message())
        }
        InvalidOrder::Line(e) => (SaleStep::Phone, e.message()),
        InvalidOrder::NoSuchValue { .. } | InvalidOrder::ValueUnavailable { .. } => (
            SaleStep::Plan,
            reason.value_message().unwrap_or_else(|| Message::from("")),
        ),
    };
    DraftError { step, message }
}
