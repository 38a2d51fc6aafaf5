//! The ledger's vocabulary, shared by the store below and the order lifecycle above: the order
//! record ([`record`]) and its time-ordered key and `ref` encoding ([`reference`]). It depends on
//! neither, so the store knows nothing of the lifecycle.
pub mod conflict;
mod legacy;
pub mod notes;
pub mod query;
pub mod record;
pub mod reference;
pub mod status;
pub mod tally;
mod wording;

pub use conflict::{Conflict, Mismatch};
pub use notes::{Note, Problem};
pub use query::OrderQuery;
pub use record::{
    ORDER_RECORD_VERSION, OrderKey, OrderRecord, OrderState, Origin, Regular, Sale, StateChange,
};
pub use status::Status;
pub use tally::{Cell, Tally};
