//! The integration tests, one binary (one link of the crate instead of one per file): each
//! module is what was a file of its own, and `common` holds what they share.

mod common;

mod api_client;
mod app_worker;
mod audit;
mod books;
mod books_cli;
mod clerk_cli;
mod cli_bounds;
mod cli_edges;
mod cli_language;
mod clock_offset;
mod clock_step;
mod conflicts;
mod crash;
mod disk_full;
mod durability;
mod emulator_http;
mod emulator_list;
mod faults;
mod file_modes;
mod hostile_server;
mod internet;
mod layers;
mod lifecycle;
mod lying_list;
mod portable;
mod readme;
mod receipt;
mod redirects;
mod request_budget;
mod search;
mod store;
mod store_damage;
mod text_layer;
mod till_channel;
mod tmux_clerk;
mod tmux_practice;
mod tmux_words;
mod twin_till;
mod typed_timeline;
mod ui_snapshots;
