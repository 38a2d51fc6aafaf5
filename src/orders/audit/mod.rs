//! The server as a second ledger. OneClickDz keeps every order of the account
//! (`GET /v3/mobile/list`, §12), so the till can check its store against it and rebuild what a
//! power cut, a dead disk or a new PC took.
//!
//! An audit reads the list over a window (the last 48 hours, or since a day for `sync
//! --since`), 20–50 orders a page, newest first, and for each listed order:
//! - this till's ref (`<its terminal id>-<key>`, see [`crate::orders::till_id`]) that the
//!   store lacks: **restored** from the item, marked [`Origin::Restored`], under the key its
//!   ref names; nothing is ever sent for it (an open one is handed to the poller);
//! - any other ref the store lacks: stored as **external** ([`Origin::External`]): read-only,
//!   never checked or sent, not in the open set, marked in the history;
//! - an order the store has: judged ([`judge`]): a final status the server contradicts is
//!   **corrected** (the timeline keeps both), an open one takes the item as a check answer, an
//!   item about another number or plan is a **conflict** and changes nothing.
//!
//! When the whole window was read, this till's orders the API had accepted (it answered their
//! send or a check) that the list does not show are reported as **unknown to the server**:
//! never resent, never called failed — a person asks support.
//!
//! The list is read a little wider than the window (`audit_skew`) so clocks a few minutes
//! apart lose nothing, and the walk pauses between pages (`audit_page_pause`). `sync` runs an
//! audit ([`Lifecycle::audit`]); the counter runs one at start-up and hourly
//! ([`AuditHandle`]).
//!
//! [`Origin::Restored`]: crate::ledger::Origin::Restored
//! [`Origin::External`]: crate::ledger::Origin::External
mod background;
mod judge;
mod record;
mod report;
mod walk;

pub use background::AuditHandle;
pub use report::{AuditReport, AuditSummary, Correction, ListCut};
pub use walk::{
    AuditError, AuditOptions, AuditProgress, DEFAULT_WINDOW_HOURS, MIN_PAGE_SIZE, PAGE_SIZE,
};
