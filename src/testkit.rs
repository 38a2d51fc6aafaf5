//! Builders for the plans, orders and API answers that tests and benchmarks need: one place
//! that fills every field, so a test names only what it is about, and a new field is added
//! here once instead of in every test file.
//!
//! Compiled for the crate's unit tests and, behind the `testkit` feature, for the integration
//! tests and benchmarks (the crate's dev-dependency on itself turns the feature on for them).

use crate::api::types::{Plan, PlanKind, TopupInfo, TopupStatus};
use crate::ledger::{
    Note, ORDER_RECORD_VERSION, OrderKey, OrderRecord, OrderState, Origin, Problem, StateChange,
    Status,
};
use crate::money::Dzd;
use crate::rules::{InternetType, Line, Operator};
use chrono::{DateTime, TimeDelta, Utc};

/// `name(Type) => field` becomes a setter of `field` taking `Type` (often `impl Into<…>`).
macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident($ty:ty) => $field:ident),* $(,)?) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: $ty) -> Self {
                self.0.$field = value.into();
                self
            }
        )*
    };
}

/// One of each order state, in index-code order (a refused one with an Arabic message, an
/// unconfirmed one since `at`), for tests that must cover every state.
pub fn every_state(at: DateTime<Utc>) -> [OrderState; 10] {
    [
        OrderState::Saved,
        OrderState::Sent,
        OrderState::Pending,
        OrderState::Handling,
        OrderState::Fulfilled,
        OrderState::Refunded,
        OrderState::UnknownError,
        OrderState::Refused {
            code: "INSUFFICIENT_BALANCE".into(),
            message: "رصيد غير كاف".into(),
        },
        OrderState::Unconfirmed { since: at },
        OrderState::NotSent,
    ]
}

/// The key of the `seq`-th order created at `at`, as the lifecycle lays keys out (milliseconds
/// high, a counter low), so keys sort by time.
pub fn key_at(at: DateTime<Utc>, seq: u64) -> OrderKey {
    OrderKey(((at.timestamp_millis().max(0) as u128) << 64) | u128::from(seq))
}

/// A plan, enabled and without a cost unless told.
#[derive(Clone, Debug)]
pub struct PlanBuilder(Plan);

impl PlanBuilder {
    fn new(code: &str, operator: &str) -> Self {
        PlanBuilder(Plan {
            code: code.into(),
            name: code.into(),
            operator: operator.into(),
            cost: None,
            is_enabled: true,
            min_amount: None,
            max_amount: None,
            amount: None,
        })
    }

    /// A dynamic plan: the customer picks an amount from `min` to `max` dinars.
    pub fn dynamic(code: &str, operator: &str, min: i64, max: i64) -> Self {
        let mut b = Self::new(code, operator);
        b.0.min_amount = Some(Dzd::from_dinars(min));
        b.0.max_amount = Some(Dzd::from_dinars(max));
        b
    }

    /// A fixed plan of `amount` dinars.
    pub fn fixed(code: &str, operator: &str, amount: i64) -> Self {
        let mut b = Self::new(code, operator);
        b.0.amount = Some(Dzd::from_dinars(amount));
        b
    }

    setters! {
        name(impl Into<String>) => name,
        /// The wholesale multiplier (`None`: the API gives none).
        cost(impl Into<Option<f64>>) => cost,
        enabled(bool) => is_enabled,
    }

    pub fn disabled(self) -> Self {
        self.enabled(false)
    }

    pub fn build(self) -> Plan {
        self.0
    }
}

/// An order record: by default 500 DA of `PREPAID_MOBILIS` to 0661234567, saved and not sent,
/// with no price, cost, answer or timeline.
#[derive(Clone, Debug)]
pub struct OrderBuilder(OrderRecord);

impl OrderBuilder {
    /// The order with key [`key_at`]`(at, seq)`, created and last changed at `at`, ref
    /// `R{seq:05}`.
    pub fn new(at: DateTime<Utc>, seq: u64) -> Self {
        OrderBuilder(OrderRecord {
            v: ORDER_RECORD_VERSION,
            key: key_at(at, seq),
            reference: format!("R{seq:05}"),
            created_at: at,
            updated_at: at,
            phone: "0661234567".into(),
            line: Line::Mobile(Operator::Mobilis),
            plan_code: "PREPAID_MOBILIS".into(),
            plan_name: "PREPAID".into(),
            plan_kind: PlanKind::Dynamic,
            amount: Dzd::from_dinars(500),
            expected_cost: None,
            price: None,
            state: OrderState::Saved,
            topup_id: None,
            api: None,
            history: Vec::new(),
            send_attempts: 1,
            checks: 0,
            last_error: None,
            origin: Origin::Till,
        })
    }

    setters! {
        key(OrderKey) => key,
        reference(impl Into<String>) => reference,
        updated_at(DateTime<Utc>) => updated_at,
        line(Line) => line,
        amount(Dzd) => amount,
        expected_cost(impl Into<Option<Dzd>>) => expected_cost,
        price(impl Into<Option<Dzd>>) => price,
        state(OrderState) => state,
        send_attempts(u32) => send_attempts,
        checks(u32) => checks,
        /// This till's sale (the default), restored from the API, or another's.
        origin(Origin) => origin,
    }

    /// A mobile top-up to this operator's line.
    pub fn operator(mut self, op: Operator) -> Self {
        self.0.line = Line::Mobile(op);
        self
    }

    /// The number, and its operator by the prefix (05 Ooredoo, 06 Mobilis, 07 Djezzy).
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.0.phone = phone.into();
        if let Some(op) = self.0.phone.chars().nth(1).and_then(Operator::from_prefix) {
            self.0.line = Line::Mobile(op);
        }
        self
    }

    /// An Idoom internet top-up of `kind` to `number` (in the API's form).
    pub fn internet(mut self, kind: InternetType, number: impl Into<String>) -> Self {
        self.0.line = Line::Internet(kind);
        self.0.phone = number.into();
        self.0.plan_code = kind.api_name().into();
        self.0.plan_name = kind.name().into();
        self.0.plan_kind = PlanKind::Fixed;
        self
    }

    pub fn plan(
        mut self,
        code: impl Into<String>,
        name: impl Into<String>,
        kind: PlanKind,
    ) -> Self {
        self.0.plan_code = code.into();
        self.0.plan_name = name.into();
        self.0.plan_kind = kind;
        self
    }

    pub fn topup_id(mut self, id: impl Into<String>) -> Self {
        self.0.topup_id = Some(id.into());
        self
    }

    pub fn api(mut self, info: TopupInfo) -> Self {
        self.0.api = Some(info);
        self
    }

    /// A timeline entry `after` the creation.
    pub fn changed(mut self, after: TimeDelta, state: Status, note: Option<Note>) -> Self {
        self.0.history.push(StateChange {
            at: self.0.created_at + after,
            state,
            note,
        });
        self
    }

    /// The timeline of a send the API accepted: SAVED at creation, SENT a second later.
    pub fn saved_then_sent(self) -> Self {
        self.changed(TimeDelta::zero(), Status::Saved, None)
            .changed(TimeDelta::seconds(1), Status::Sent, None)
    }

    pub fn last_error(mut self, error: impl Into<Problem>) -> Self {
        self.0.last_error = Some(error.into());
        self
    }

    pub fn build(self) -> OrderRecord {
        self.0
    }
}

/// A check answer with only an id and a status; set the other fields with struct update
/// syntax: `TopupInfo { refund_message: Some(..), ..topup("T1", TopupStatus::Refunded) }`.
pub fn topup(id: &str, status: TopupStatus) -> TopupInfo {
    TopupInfo {
        id: id.into(),
        reference: None,
        status,
        plan_code: None,
        mssidn: None,
        topup_amount: None,
        balance_amount: None,
        created_at: None,
        refund_message: None,
        suggested_offers: Vec::new(),
        follow_orderid: None,
        retry_orderid: None,
        kind: None,
        number: None,
        card_code: None,
        num_trans: None,
        date_traitement: None,
        extra: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn keys_sort_by_time_then_sequence() {
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        assert!(key_at(t, 9) < key_at(t + TimeDelta::milliseconds(1), 0));
        assert_eq!(key_at(t, 3).millis(), t.timestamp_millis() as u64);
        let o = OrderBuilder::new(t, 3).phone("0770123456").build();
        assert_eq!(
            (o.line, o.reference.as_str()),
            (Line::Mobile(Operator::Djezzy), "R00003")
        );
    }
}
