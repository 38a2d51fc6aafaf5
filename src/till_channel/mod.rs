//! The till's command channel: while a flexy-pos holds the order store (the counter screen,
//! open all day), the commands (`orders`, `report`, `sync`, `send`, `plans`, `internet …`,
//! `status`) ask it instead of opening the store themselves (sled allows one process per
//! store).
//!
//! - [`endpoint`]: where the till listens, only for the same OS user: a Unix domain socket
//!   `till.sock` next to the store (mode 0600, the peer's uid checked) on Unix, a named pipe
//!   that refuses remote clients on Windows. Never a TCP port.
//! - [`protocol`]: one JSON line each way, versioned: a typed request (the command's parsed
//!   arguments) and a typed answer (order records, the books, the audit and reconcile reports,
//!   the send's outcome). The command prints them with its own printing code, so its bytes and
//!   exit codes are the same whether the till answered or the store was opened.
//! - [`server`]: the till's side, its own task (bounded lines, a bounded number at once);
//!   what it answers with is given from above (`headless::Served`, the commands' own work).
//! - [`client`]: the command's side.

pub mod client;
pub mod endpoint;
pub mod protocol;
pub mod server;

pub use client::{Link, LinkError};
pub use endpoint::Endpoint;
pub use protocol::{Answer, Ask, PROTOCOL};
pub use server::{Answerer, TillServer};
