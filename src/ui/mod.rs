//! The counter screen: what staff see and type all day.
//!
//! Elm-style: [`state::AppState`] is plain data, [`update::update`] is the only thing that
//! changes it (pure: no I/O, no clock), [`view::view`] only draws, and [`runtime::run`] is the one
//! event loop tying the terminal, the I/O side (through [`msg::Msg`] / [`msg::Effect`] channels)
//! and a 1 s tick together. [`terminal`] takes over the terminal and always gives it back.
//! What both `update` and `view` derive from the state (the browser's rows, the clock text) is in
//! [`derived`], so `update` never reaches into the view; the room the screen on show needs is
//! measured by the view and put in the state by [`step::step`] before each `update` (the money
//! guard compares it with the window). [`worker`] is the screen's I/O side (store, API,
//! lifecycle), a task of its own talking over the channels.

pub mod derived;
pub mod filter;
pub mod fit;
pub mod held_keys;
pub mod internet;
pub mod keys;
pub mod msg;
pub mod notice;
pub mod refusal;
pub mod runtime;
pub mod sale_logic;
pub mod state;
pub mod step;
pub mod terminal;
pub mod text_bridge;
pub mod update;
pub mod view;
pub mod worker;

pub use keys::{keymap_help, keymap_markdown};
pub use msg::{Effect, InternetDraft, LineOutcome, Msg, SaleDraft, SaleId, SlipOf};
pub use runtime::run;
pub use state::{AppState, UiSettings};
pub use step::step;
pub use terminal::{TerminalGuard, run_fullscreen};
pub use update::start;
pub use view::view;
