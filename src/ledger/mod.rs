//! The ledger's vocabulary, shared by the store below and the order lifecycle above: the order
//! record ([`record`]) and its time-ordered key and `ref` encoding ([`reference`]). It depends on
//! neither, so the store knows nothing of the lifecycle.
pub mod notes;
pub mod record;
pub mod reference;
pub mod tally;
mod wording;

pub use record::{ORDER_RECORD_VERSION, OrderKey, OrderRecord, OrderState, Origin, StateChange};
pub use tally::{Cell, Tally};
