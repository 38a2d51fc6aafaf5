//! flexy-pos: a keyboard-only counter terminal for selling mobile top-ups through the
//! OneClickDz Flexy API v3.
//!
//! Where things live:
//! - [`api`]: the typed OneClickDz v3 client (requests, responses, errors); [`api_url`]: which
//!   addresses it may talk to.
//! - [`emulator`]: a faithful local emulator of the OneClickDz sandbox (practice mode, tests).
//! - [`config`], [`secret`]: settings, modes and the masked API key.
//! - [`rules`]: phone numbers, operators, amounts, shop prices, shop days.
//! - [`backoff`]: the one doubling-with-a-cap rule of every wait after a failure.
//! - [`ledger`]: the order record, its key and its `ref` (shared by the store and the lifecycle).
//! - [`store`]: the sled database (orders, indexes, plan cache, settings); [`fsync`]: what
//!   makes a write durable.
//! - [`orders`]: the order lifecycle (write-ahead send, reconcile) and the background poller.
//! - [`books`]: the shop's books (cash to collect, cost, margin, refunds) over shop days.
//! - [`text`]: sanitizing, Arabic shaping and bidi layout of server text.
//! - [`ui`]: the ratatui screens (state, update, view, event loop) and their worker (the I/O).
//! - [`till_channel`]: the command channel of a running till (the commands ask it while it
//!   holds the store).
//! - [`till_status`]: the mode, connection and balance the status bar shows.
//! - [`session`]: start-up wiring (config → store → emulator → client → lifecycle → poller).
//! - [`headless`]: the commands for scripts (`send`, `orders`, `sync`, …), a file per command.
//! - [`demo`]: generated demo histories for benchmarks and screenshots.
//! - `testkit` (tests and benchmarks only): builders for plans, orders and API answers.
pub mod api;
pub mod api_url;
pub mod backoff;
pub mod books;
pub mod cli;
pub mod config;
pub mod demo;
pub mod emulator;
pub mod fsync;
pub mod headless;
pub mod i18n;
pub mod ledger;
pub mod logging;
pub mod money;
pub mod orders;
pub mod private_files;
pub mod receipt;
pub mod rules;
pub mod secret;
pub mod session;
pub mod store;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod text;
pub mod till_channel;
pub mod till_status;
pub mod ui;
