//! What an audit found, for the screen, the log and `sync` (text or `--json`).

use crate::api::list::TimeWindow;
use crate::api::server_clock::LARGE_OFFSET;
use crate::i18n::{Message, MsgId};
use crate::ledger::{Conflict, OrderRecord, Status};
use crate::orders::claim::TwinTill;
use serde::{Deserialize, Serialize};

/// A final order the audit moved to the server's status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// The order as it is now (its timeline holds both statuses).
    pub record: OrderRecord,
    /// Its status before.
    pub was: Status,
}

/// Everything one audit did and found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    /// The window asked for (the list was read a little wider, for clock skew).
    pub window: TimeWindow,
    /// Pages of the list read.
    pub pages: u32,
    /// Distinct orders the list showed.
    pub checked: usize,
    /// This till's orders the store lacked, now restored (nothing was sent for them).
    pub restored: Vec<OrderRecord>,
    /// Final orders whose status the server contradicted.
    pub corrected: Vec<Correction>,
    /// Orders made elsewhere on the account that the list showed…
    pub external: usize,
    /// …of which this many were new to the store.
    pub external_new: usize,
    /// This till's orders the API accepted that its list does not show: ask support; never
    /// resend.
    pub unknown_to_server: Vec<OrderRecord>,
    /// Listed orders contradicting the stored one (another number, plan, amount or id; a
    /// status against a final one): (ref, what); left as they are, noted on their timeline.
    pub conflicts: Vec<(String, Conflict)>,
    /// List items that could not be read or stored as an order (one line each).
    pub unreadable: Vec<Message>,
    /// Orders the store could not write: (ref, error).
    pub errors: Vec<(String, Message)>,
    /// Why the walk stopped early, when it did ("unknown to the server" is then not judged).
    pub incomplete: Option<Message>,
    /// The walk stopped because the list itself did not add up (also in `incomplete`).
    pub cut: Option<ListCut>,
    /// OneClickDz's clock minus the till's, as its answers told it (the window was read that
    /// much wider).
    #[serde(with = "crate::i18n::wire::millis")]
    pub clock_offset: Option<chrono::Duration>,
    /// Orders the list showed under this till's terminal id that another till made (a copied
    /// config.toml): kept apart as made elsewhere.
    pub twin_orders: Vec<String>,
    /// Another till uses this till's terminal id (its last order under it is under two days
    /// old): say so loudly until the owner gives one of them a new id.
    pub twin_till: Option<TwinTill>,
}

/// Why a walk stopped before the end the list claimed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListCut {
    /// This page brought no order an earlier page had not shown.
    Repeating { page: u32 },
    /// The list claims `claimed` pages, more than its window or its own count could fill:
    /// the walk read `pages`.
    PageBound { pages: u32, claimed: u64 },
}

impl ListCut {
    pub fn message(&self) -> Message {
        match *self {
            ListCut::Repeating { page } => {
                Message::new(MsgId::AuditListRepeats).num("page", i64::from(page))
            }
            ListCut::PageBound { pages, claimed } => Message::new(MsgId::AuditListTooLong)
                .num("pages", i64::from(pages))
                .text("claimed", claimed),
        }
    }
}

impl AuditReport {
    pub fn new(window: TimeWindow) -> AuditReport {
        AuditReport {
            window,
            pages: 0,
            checked: 0,
            restored: Vec::new(),
            corrected: Vec::new(),
            external: 0,
            external_new: 0,
            unknown_to_server: Vec::new(),
            conflicts: Vec::new(),
            unreadable: Vec::new(),
            errors: Vec::new(),
            incomplete: None,
            cut: None,
            clock_offset: None,
            twin_orders: Vec::new(),
            twin_till: None,
        }
    }

    pub(super) fn error(&mut self, reference: &str, error: Message) {
        self.errors.push((reference.to_string(), error));
    }

    /// The counts, for a one-line summary and `sync --json`.
    pub fn summary(&self) -> AuditSummary {
        AuditSummary {
            from: self.window.from().to_rfc3339(),
            to: self.window.to().to_rfc3339(),
            pages: self.pages,
            checked: self.checked,
            restored: self.restored.len(),
            corrected: self.corrected.len(),
            external: self.external,
            external_new: self.external_new,
            unknown_to_server: self.unknown_to_server.len(),
            conflicts: self.conflicts.len(),
            unreadable: self.unreadable.len(),
            errors: self.errors.len(),
            complete: self.incomplete.is_none(),
            list_cut: self.cut,
            clock_offset_secs: self.clock_offset.map(|o| o.num_seconds()),
            twin_orders: self.twin_orders.len(),
            twin_till: self.twin_till.as_ref().map(|t| t.terminal.clone()),
        }
    }

    /// "Another till uses this till's id …: give one of them its own", while it does.
    pub fn twin_warning(&self) -> Option<Message> {
        let t = self.twin_till.as_ref()?;
        Some(
            Message::new(MsgId::AuditTwinTill)
                .text("terminal", &t.terminal)
                .num("n", self.twin_orders.len() as i64),
        )
    }

    /// "The till's clock is 40 min behind OneClickDz's", when the gap is worth setting right.
    pub fn clock_note(&self) -> Option<Message> {
        let off = self.clock_offset?;
        if off.abs() < LARGE_OFFSET {
            return None;
        }
        let id = if off > chrono::Duration::zero() {
            MsgId::AuditClockBehind
        } else {
            MsgId::AuditClockAhead
        };
        let minutes = (off.num_seconds().abs() + 30) / 60;
        Some(Message::new(id).num("minutes", minutes))
    }
}

/// [`AuditReport`] in numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    pub from: String,
    pub to: String,
    pub pages: u32,
    pub checked: usize,
    pub restored: usize,
    pub corrected: usize,
    pub external: usize,
    pub external_new: usize,
    pub unknown_to_server: usize,
    pub conflicts: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub complete: bool,
    /// Why the list was not read to its claimed end, when it did not add up.
    pub list_cut: Option<ListCut>,
    /// OneClickDz's clock minus the till's, in seconds, when its answers told it.
    pub clock_offset_secs: Option<i64>,
    /// Orders of another till under this till's terminal id that the list showed.
    pub twin_orders: usize,
    /// The terminal id another till uses too, while it does (a copied config.toml).
    pub twin_till: Option<String>,
}

impl std::fmt::Display for AuditSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} checked over {} page{}: {} restored, {} corrected, {} external ({} new), {} unknown to OneClickDz",
            self.checked,
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            self.restored,
            self.corrected,
            self.external,
            self.external_new,
            self.unknown_to_server
        )?;
        if self.conflicts > 0 {
            write!(f, ", {} conflicts", self.conflicts)?;
        }
        if self.unreadable + self.errors > 0 {
            write!(
                f,
                ", {} not readable or not stored",
                self.unreadable + self.errors
            )?;
        }
        if !self.complete {
            f.write_str(" (stopped early)")?;
        }
        Ok(())
    }
}
