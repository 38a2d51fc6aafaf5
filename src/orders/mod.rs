//! Orders: the money-safe lifecycle ([`lifecycle`], [`check`]), the
//! background poller and `sync` ([`poller`]), its schedule ([`schedule`]), sale validation ([`validate`]) and the plan cache ([`plans_sync`]).
pub mod check;
pub mod lifecycle;
pub mod plans_sync;
pub mod poller;
pub mod schedule;
pub mod settle;
pub mod validate;

pub use crate::ledger::{OrderKey, OrderRecord, OrderState, StateChange};
pub use check::{CheckOutcome, pace_of};
pub use lifecycle::{Lifecycle, OrderError, PollerMsg};
pub use plans_sync::{PlanSnapshot, PlansError, PlansSync, human_age};
pub use poller::{PollerHandle, SyncReport, sync};
pub use schedule::{Pace, PollSettings};
pub use settle::Waited;
pub use validate::{
    AmountGiven, InvalidOrder, MenuPlans, NewOrder, ValidOrder, check_menu, check_sale,
    validate_order,
};
