//! Orders: the money-safe lifecycle ([`lifecycle`], [`check`]), the background poller and
//! `sync` ([`poller`]), its schedule ([`schedule`]), sale validation ([`validate`]), the plan
//! cache ([`plans_sync`]), the till's terminal id ([`terminal`]) and the audit against the
//! server's list ([`audit`]).
pub mod audit;
pub mod check;
pub mod claim;
pub mod internet;
pub mod internet_products;
pub mod lifecycle;
pub mod plans_sync;
pub mod poller;
pub mod schedule;
pub mod send_clock;
pub mod settle;
pub mod till_id;
pub mod validate;

pub use crate::ledger::{OrderKey, OrderRecord, OrderState, Origin, StateChange};
pub use check::{CheckOutcome, pace_of};
pub use internet::{
    LineCheckError, NewInternetOrder, ValidInternetOrder, check_internet_sale, validate_internet,
};
pub use internet_products::{ProductsSnapshot, ProductsSync};
pub use lifecycle::{Lifecycle, OrderError, PollerMsg};
pub use plans_sync::{PlanSnapshot, PlansError, PlansSync};
pub use poller::{PollerHandle, SyncReport, sync};
pub use schedule::{Pace, PollSettings};
pub use settle::Waited;
pub use validate::{
    AmountGiven, InvalidOrder, MenuPlans, NewOrder, ValidOrder, check_menu, check_plan, check_sale,
    validate_order,
};
