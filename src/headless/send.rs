//! `flexy-pos send`.

use super::output::print_order;
use super::{
    EXIT_ERROR, EXIT_INVALID, EXIT_NOT_SENT, EXIT_OK, EXIT_OPEN, EXIT_REFUNDED, EXIT_REFUSED,
    report,
};
use crate::cli::SendArgs;
use crate::orders::{InvalidOrder, NewOrder, OrderError, OrderRecord, OrderState};
use crate::session::Session;
use std::time::Duration;

/// `flexy-pos send`: validate, store, send; with `--wait` follow the order until it settles.
pub async fn send(session: &Session, args: &SendArgs) -> u8 {
    let lc = session.lifecycle();
    let req = NewOrder {
        phone: args.phone.clone(),
        plan_code: args.plan.clone(),
        amount: args.amount.clone(),
    };
    // The text arguments go through the sale gate once; the typed order is what is placed.
    let mut rec = match lc.place(&req).await {
        Ok(r) => r,
        Err(OrderError::Invalid(why)) => {
            return report(
                EXIT_INVALID,
                &format!("{}; nothing was sent", invalid_text(&why)),
            );
        }
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    if args.wait && !rec.state.is_settled() {
        lc.check_soon(&rec.reference);
        rec = lc
            .wait_settled(rec, Duration::from_secs(args.timeout))
            .await
            .into_record();
    }
    print_order(&rec, args.json);
    send_exit_code(&rec, args.wait)
}

/// The CLI's words for a sale the gate refused (all of them, in this one place).
pub fn invalid_text(why: &InvalidOrder) -> String {
    match why {
        InvalidOrder::Phone(e) => format!("phone number: {e}"),
        InvalidOrder::NoPlanChosen => "no plan given (--plan)".to_string(),
        InvalidOrder::UnknownPlan(code) => format!("no plan '{code}' in the plan list"),
        InvalidOrder::WrongOperator {
            plan,
            plan_line,
            plan_operator,
            phone,
        } => {
            let line = plan_line
                .map(|o| o.name().to_string())
                .unwrap_or_else(|| format!("'{plan_operator}'"));
            let number_line = phone.operator();
            format!("plan {plan} is for {line} lines, but {phone} is a {number_line} number")
        }
        InvalidOrder::PlanDisabled(code) => {
            format!("plan {code} is disabled right now (maintenance or operator trouble)")
        }
        InvalidOrder::MenuPlan(code) => format!("plan {code} only asks for a number's offers"),
        InvalidOrder::OfferAmount(a) => format!("the offer's amount {a} is not whole dinars"),
        InvalidOrder::Amount { plan, error, .. } => format!("amount for {plan}: {error}"),
    }
}

/// The exit code of `send` for the order as it stands (see the module table).
pub fn send_exit_code(rec: &OrderRecord, waited: bool) -> u8 {
    match &rec.state {
        OrderState::Fulfilled => EXIT_OK,
        OrderState::Refunded if is_menu_answer(rec) => EXIT_OK,
        OrderState::Refunded => EXIT_REFUNDED,
        OrderState::Refused { .. } => EXIT_REFUSED,
        OrderState::NotSent => EXIT_NOT_SENT,
        OrderState::Sent | OrderState::Pending | OrderState::Handling if !waited => EXIT_OK,
        _ => EXIT_OPEN,
    }
}

/// A GETMENU order's normal answer: REFUNDED (nothing kept) with the number's offers.
fn is_menu_answer(rec: &OrderRecord) -> bool {
    rec.plan_kind == crate::api::types::PlanKind::GetMenu && !rec.suggested_offers().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PlansData;
    use crate::orders::validate_order;
    use crate::rules::PriceRule;

    fn refused(phone: &str, plan: &str, amount: Option<&str>) -> String {
        let plans: PlansData =
            serde_json::from_str(include_str!("../../assets/plans.json")).expect("plans");
        let req = NewOrder {
            phone: phone.into(),
            plan_code: plan.into(),
            amount: amount.map(str::to_string),
        };
        let why = validate_order(&plans, &req, &PriceRule::default()).expect_err("refused");
        invalid_text(&why)
    }

    #[test]
    fn a_refused_sale_is_worded_for_the_command_line() {
        assert!(refused("0771234567", "PREPAID_MOBILIS", Some("500")).contains("Mobilis"));
        assert!(refused("0661234567", "PREPAID_MOBILIS", None).contains("type an amount"));
        assert_eq!(
            refused("0661234567", "NOPE", Some("500")),
            "no plan 'NOPE' in the plan list"
        );
        assert!(refused("066123", "PREPAID_MOBILIS", Some("500")).starts_with("phone number:"));
        assert!(refused("0551234567", "FACTURE_OOREDOO", Some("500")).contains("disabled"));
    }
}
