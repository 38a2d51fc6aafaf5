//! The OneClickDz Flexy API v3: typed shapes ([`types`]), errors ([`error`]) and the HTTP
//! client ([`client`]).
pub mod client;
pub mod error;
pub mod types;

pub use client::{ApiClient, ClientOptions};
pub use error::{ApiError, NetworkKind, Refusal};
