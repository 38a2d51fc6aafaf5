//! flexy-pos: a keyboard-only counter terminal for selling mobile top-ups through the
//! OneClickDz Flexy API v3.
//!
//! Where things live:
//! - [`api`]: the typed OneClickDz v3 client (requests, responses, errors).
//! - [`emulator`]: a faithful local emulator of the OneClickDz sandbox (practice mode, tests).
//! - [`config`], [`secret`]: settings, modes and the masked API key.
//! - [`rules`]: phone numbers, operators, amounts, shop prices.
//! - [`store`]: the sled database (orders, indexes, plan cache, settings); [`fsync`]: what
//!   makes a write durable.
//! - [`orders`]: the order lifecycle (write-ahead send, reconcile) and the background poller.
//! - [`text`]: sanitizing, Arabic shaping and bidi layout of server text.
//! - [`ui`]: the ratatui screens (state, update, view, event loop).
//! - [`session`], [`app`]: start-up wiring, and the worker between the screens and the I/O.
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod emulator;
pub mod fsync;
pub mod headless;
pub mod logging;
pub mod money;
pub mod orders;
pub mod rules;
pub mod secret;
pub mod session;
pub mod store;
pub mod text;
pub mod ui;
