//! Records for the unit tests of the order modules.

use crate::api::types::PlanKind;
use crate::money::Dzd;
use crate::orders::model::{ORDER_RECORD_VERSION, OrderRecord, OrderState, StateChange};
use crate::orders::reference::{make_ref, next_key};
use crate::rules::Operator;
use chrono::Utc;

/// A 500 DA PREPAID_MOBILIS order to 0661234567 of terminal `terminal`, just saved.
pub fn order(terminal: &str) -> OrderRecord {
    let key = next_key();
    let now = Utc::now();
    OrderRecord {
        v: ORDER_RECORD_VERSION,
        key,
        reference: make_ref(terminal, key),
        created_at: now,
        updated_at: now,
        phone: "0661234567".into(),
        operator: Operator::Mobilis,
        plan_code: "PREPAID_MOBILIS".into(),
        plan_name: "PREPAID".into(),
        plan_kind: PlanKind::Dynamic,
        amount: Dzd::from_dinars(500),
        expected_cost: None,
        price: None,
        state: OrderState::Saved,
        topup_id: None,
        api: None,
        history: vec![StateChange {
            at: now,
            state: "SAVED".into(),
            note: None,
        }],
        send_attempts: 1,
        checks: 0,
        last_error: None,
        origin: Default::default(),
    }
}
