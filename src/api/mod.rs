//! The OneClickDz Flexy API v3: typed shapes ([`types`]), errors ([`error`]) and the HTTP
//! client ([`client`]).
pub mod client;
pub mod error;
pub mod key_latch;
pub mod types;

pub use client::{ApiClient, ClientOptions};
pub use error::{ApiError, NetworkKind, Refusal};
pub use key_latch::{KeyLatch, LatchMemory, RememberedRefusal};
