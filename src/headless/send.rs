//! `flexy-pos send`.

use super::output::print_order;
use super::{
    EXIT_ERROR, EXIT_INVALID, EXIT_NOT_SENT, EXIT_OK, EXIT_OPEN, EXIT_REFUNDED, EXIT_REFUSED,
    report,
};
use crate::cli::SendArgs;
use crate::orders::{NewOrder, OrderError, OrderRecord, OrderState};
use crate::session::Session;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// `flexy-pos send`: validate, store, send; with `--wait` follow the order until it settles.
pub async fn send(session: &Session, args: &SendArgs) -> u8 {
    let lc = session.lifecycle();
    let mut events = lc.subscribe();
    let req = NewOrder {
        phone: args.phone.clone(),
        plan_code: args.plan.clone(),
        amount: args.amount.clone(),
        price: None,
    };
    let mut rec = match lc.place(&req).await {
        Ok(r) => r,
        Err(OrderError::Invalid(e)) => {
            return report(EXIT_INVALID, &format!("{e}; nothing was sent"));
        }
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    if args.wait && !settled(&rec) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(args.timeout);
        lc.check_soon(&rec.reference);
        loop {
            match tokio::time::timeout_at(deadline, events.recv()).await {
                Err(_) => break,
                Ok(Ok(r)) if r.reference == rec.reference => rec = r,
                Ok(Ok(_)) => continue,
                Ok(Err(RecvError::Lagged(_))) => {
                    if let Ok(Some(r)) = session.store().get_by_ref(&rec.reference) {
                        rec = r;
                    }
                }
                Ok(Err(RecvError::Closed)) => break,
            }
            if settled(&rec) {
                break;
            }
        }
    }
    print_order(&rec, args.json);
    send_exit_code(&rec, args.wait)
}

/// Final, or UNKNOWN_ERROR (which takes hours): `--wait` stops there.
fn settled(rec: &OrderRecord) -> bool {
    rec.state.is_final() || rec.state == OrderState::UnknownError
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
