//! Orders: the record ([`model`]), and (coming) the lifecycle and the background poller.
pub mod model;

pub use model::{OrderKey, OrderRecord, OrderState, StateChange};
