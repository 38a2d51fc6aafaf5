//! An order as the shop keeps it: what was sold, where it stands, and every answer the API gave.
//!
//! The record is versioned (`v`) so the store can migrate old records. It never holds the API key.

use crate::api::types::{PlanKind, SuggestedOffer, TopupInfo, TopupStatus};
use crate::money::Dzd;
use crate::rules::Operator;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of [`OrderRecord`]'s serialized shape.
pub const ORDER_RECORD_VERSION: u16 = 1;

/// Time-ordered identity of an order: unix milliseconds in the high 64 bits, a per-process
/// counter and random bits in the low 64. Big-endian bytes sort by creation time, so
/// "newest first" is a reverse range scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderKey(pub u128);

impl OrderKey {
    pub fn to_bytes(self) -> [u8; 16] {
        self.0.to_be_bytes()
    }

    pub fn from_bytes(b: &[u8]) -> Option<OrderKey> {
        let arr: [u8; 16] = b.try_into().ok()?;
        Some(OrderKey(u128::from_be_bytes(arr)))
    }

    pub fn millis(self) -> u64 {
        (self.0 >> 64) as u64
    }

    /// The smallest key created at or after `millis` (for day/time range scans).
    pub fn first_at(millis: u64) -> OrderKey {
        OrderKey((millis as u128) << 64)
    }
}

/// Where an order stands. Only `Refunded` means the customer gets money back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OrderState {
    /// Written to disk; the send request has not been answered yet.
    Saved,
    /// The API accepted the send (`topupId` known); no status read yet.
    Sent,
    Pending,
    Handling,
    /// Credit delivered. Final.
    Fulfilled,
    /// Failed and the shop's balance refunded: refund the customer. Final.
    Refunded,
    /// Outcome unknown; OneClickDz resolves it within hours. NOT a failure: do not refund.
    UnknownError,
    /// The API refused the send: nothing was charged. Final.
    Refused {
        code: String,
        message: String,
    },
    /// The send may or may not have reached the API (network/5xx); reconciling by `check-ref`.
    Unconfirmed {
        since: DateTime<Utc>,
    },
    /// After the reconcile window the API still does not know this ref: it was never sent.
    /// Final; staff may start a new order.
    NotSent,
}

impl OrderState {
    /// FULFILLED, REFUNDED, refused and not-sent orders never change again.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            OrderState::Fulfilled
                | OrderState::Refunded
                | OrderState::Refused { .. }
                | OrderState::NotSent
        )
    }

    /// Nothing more to wait for at the counter or in a script: final, or UNKNOWN_ERROR (which
    /// OneClickDz resolves within hours; the poller keeps checking it).
    pub fn is_settled(&self) -> bool {
        self.is_final() || *self == OrderState::UnknownError
    }

    /// Open orders are the poller's work list.
    pub fn is_open(&self) -> bool {
        !self.is_final()
    }

    /// The word shown on screen and printed by the CLI (never colour alone).
    pub fn label(&self) -> &'static str {
        match self {
            OrderState::Saved => "SAVED",
            OrderState::Sent => "SENT",
            OrderState::Pending => "PENDING",
            OrderState::Handling => "HANDLING",
            OrderState::Fulfilled => "FULFILLED",
            OrderState::Refunded => "REFUNDED",
            OrderState::UnknownError => "UNKNOWN_ERROR",
            OrderState::Refused { .. } => "REFUSED",
            OrderState::Unconfirmed { .. } => "UNCONFIRMED",
            OrderState::NotSent => "NOT_SENT",
        }
    }

    /// A one-byte code for the status index.
    pub fn index_code(&self) -> u8 {
        match self {
            OrderState::Saved => 1,
            OrderState::Sent => 2,
            OrderState::Pending => 3,
            OrderState::Handling => 4,
            OrderState::Fulfilled => 5,
            OrderState::Refunded => 6,
            OrderState::UnknownError => 7,
            OrderState::Refused { .. } => 8,
            OrderState::Unconfirmed { .. } => 9,
            OrderState::NotSent => 10,
        }
    }

    /// Parses a label as typed in a filter (`fulfilled`, `unknown`, `refused`…).
    pub fn code_for_label(label: &str) -> Option<u8> {
        let l = label.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        Some(match l.as_str() {
            "SAVED" => 1,
            "SENT" => 2,
            "PENDING" => 3,
            "HANDLING" => 4,
            "FULFILLED" | "DONE" | "OK" => 5,
            "REFUNDED" => 6,
            "UNKNOWN_ERROR" | "UNKNOWN" => 7,
            "REFUSED" => 8,
            "UNCONFIRMED" => 9,
            "NOT_SENT" | "NOTSENT" => 10,
            _ => return None,
        })
    }

    /// The state an API status maps to.
    pub fn from_api(status: &TopupStatus) -> Option<OrderState> {
        Some(match status {
            TopupStatus::Pending => OrderState::Pending,
            TopupStatus::Handling => OrderState::Handling,
            TopupStatus::Fulfilled => OrderState::Fulfilled,
            TopupStatus::Refunded => OrderState::Refunded,
            TopupStatus::UnknownError => OrderState::UnknownError,
            TopupStatus::Other(_) => return None,
        })
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where an order came from. Every order made before the audit existed is [`Origin::Till`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Sold at this till.
    #[default]
    Till,
    /// One of this till's own orders, rebuilt from OneClickDz's list after the local record
    /// was lost (a power cut, a dead disk, a new PC). Nothing was sent for it.
    Restored,
    /// Made elsewhere on the same account (the web dashboard, another till): shown for the
    /// record, never checked, sent or counted as this till's sale.
    External,
}

impl Origin {
    pub fn is_till(&self) -> bool {
        *self == Origin::Till
    }

    /// The mark shown beside the order (history, CLI); `None` for the till's own sales.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Origin::Till => None,
            Origin::Restored => Some("restored"),
            Origin::External => Some("external"),
        }
    }

    /// One line for the order's detail.
    pub fn explain(self) -> Option<&'static str> {
        match self {
            Origin::Till => None,
            Origin::Restored => Some(
                "restored from OneClickDz's list after the local record was lost; nothing was sent again",
            ),
            Origin::External => Some(
                "made elsewhere on this account (dashboard or another till); read-only, not this till's sale",
            ),
        }
    }
}

/// One entry of an order's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChange {
    pub at: DateTime<Utc>,
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An order, stored before its send request leaves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderRecord {
    pub v: u16,
    pub key: OrderKey,
    /// Unique, URL-safe `ref` sent to the API; every retry of this order reuses it.
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub phone: String,
    pub operator: Operator,
    pub plan_code: String,
    pub plan_name: String,
    pub plan_kind: PlanKind,
    /// Face value credited to the line.
    pub amount: Dzd,
    /// What the shop's balance should be charged (`amount × cost`), when the plan's cost is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_cost: Option<Dzd>,
    /// What the customer was asked to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Dzd>,
    pub state: OrderState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topup_id: Option<String>,
    /// The last full answer of `check-ref`/`check-id` (status, amounts, refund message, offers…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<TopupInfo>,
    #[serde(default)]
    pub history: Vec<StateChange>,
    #[serde(default)]
    pub send_attempts: u32,
    #[serde(default)]
    pub checks: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// This till's sale, restored from the API, or another's (serde default: older records
    /// are this till's).
    #[serde(default, skip_serializing_if = "Origin::is_till")]
    pub origin: Origin,
}

impl OrderRecord {
    /// Made elsewhere on the account: read-only here.
    pub fn is_external(&self) -> bool {
        self.origin == Origin::External
    }

    /// What the shop's balance is out for this order, as the screen and the CLI show it: zero
    /// once it is refunded, refused or never sent (whatever `balance_amount` was held at send),
    /// the API's `balance_amount` otherwise, unknown before the API said.
    pub fn net_charged(&self) -> Option<Dzd> {
        match self.state {
            OrderState::Refunded | OrderState::Refused { .. } | OrderState::NotSent => {
                Some(Dzd::ZERO)
            }
            _ => self.api.as_ref().and_then(|a| a.balance_amount),
        }
    }

    pub fn refund_message(&self) -> Option<&str> {
        self.api.as_ref().and_then(|a| a.refund_message.as_deref())
    }

    pub fn suggested_offers(&self) -> &[SuggestedOffer] {
        self.api
            .as_ref()
            .map(|a| a.suggested_offers.as_slice())
            .unwrap_or(&[])
    }

    /// When the last send of this order started: the last `SAVED` entry of the timeline (one is
    /// written before every send), else the creation time. The reconcile window counts from here.
    pub fn last_send_at(&self) -> DateTime<Utc> {
        self.history
            .iter()
            .rev()
            .find(|h| h.state == OrderState::Saved.label())
            .map(|h| h.at)
            .unwrap_or(self.created_at)
    }

    /// Moves to `state`, recording the change in the timeline (no entry if nothing changed).
    pub fn transition(&mut self, state: OrderState, at: DateTime<Utc>, note: Option<String>) {
        if self.state != state {
            self.history.push(StateChange {
                at,
                state: state.label().to_string(),
                note,
            });
            self.state = state;
        }
        self.updated_at = at;
    }
}
