//! The OneClickDz Flexy API v3: typed shapes ([`types`], the list's in [`list`]), errors
//! ([`error`]) and the HTTP client ([`client`]).
pub mod client;
pub mod error;
pub mod list;
pub mod types;

pub use client::{ApiClient, ClientOptions};
pub use error::{ApiError, NetworkKind, Refusal};
