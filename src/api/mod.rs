//! The OneClickDz Flexy API v3: typed shapes ([`types`], the list's in [`list`]), errors
//! ([`error`]), Idoom internet top-ups ([`internet`]), the HTTP client ([`client`]) and the
//! rate gate every request waits at ([`rate_gate`]), the lanes that let the clerk's requests go
//! before the background's ([`lanes`]), and the server's clock as its answers tell it
//! ([`server_clock`]).
pub mod client;
pub mod error;
pub mod internet;
pub mod key_latch;
pub mod lanes;
pub mod list;
pub mod rate_gate;
pub mod server_clock;
pub mod types;

pub use client::{ApiClient, ClientOptions};
pub use error::{ApiError, NetworkKind, ProtocolFault, Refusal, is_access_code};
pub use key_latch::{KeyLatch, LatchMemory, RememberedRefusal};
