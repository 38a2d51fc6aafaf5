//! An order as the shop keeps it: what was sold, where it stands, and every answer the API gave.
//!
//! The record is versioned (`v`) so the store can migrate old records. It never holds the API key.

use super::legacy;
use super::notes::{Note, Problem};
use super::status::Status;
use crate::api::types::{PlanKind, SuggestedOffer, TopupInfo, TopupStatus};
use crate::money::Dzd;
use crate::rules::{Line, Product};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of [`OrderRecord`]'s serialized shape: 2 since the timeline's notes and the last
/// error are typed ([`Note`], [`Problem`]; 1 kept English sentences); 3 since an order may be
/// an internet top-up: `line` (was `operator`, still read) names an Idoom line, and the state
/// may be `queued`. An older build must not read such a record as a mobile top-up.
pub const ORDER_RECORD_VERSION: u16 = 3;

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
    /// An internet top-up waiting at Algérie Télécom (12–48 h). NOT a failure: re-checked
    /// slowly; it ends FULFILLED or REFUNDED.
    Queued,
}

impl OrderState {
    /// The state without its data: what the timeline, the indexes and the filters keep.
    pub fn status(&self) -> Status {
        match self {
            OrderState::Saved => Status::Saved,
            OrderState::Sent => Status::Sent,
            OrderState::Pending => Status::Pending,
            OrderState::Handling => Status::Handling,
            OrderState::Fulfilled => Status::Fulfilled,
            OrderState::Refunded => Status::Refunded,
            OrderState::UnknownError => Status::UnknownError,
            OrderState::Refused { .. } => Status::Refused,
            OrderState::Unconfirmed { .. } => Status::Unconfirmed,
            OrderState::NotSent => Status::NotSent,
            OrderState::Queued => Status::Queued,
        }
    }

    /// FULFILLED, REFUNDED, refused and not-sent orders never change again.
    pub fn is_final(&self) -> bool {
        self.status().is_final()
    }

    /// Nothing more to wait for at the counter or in a script: final, or UNKNOWN_ERROR or
    /// QUEUED (resolved within hours; the poller keeps checking them).
    pub fn is_settled(&self) -> bool {
        self.is_final() || matches!(self, OrderState::UnknownError | OrderState::Queued)
    }

    /// Open orders are the poller's work list.
    pub fn is_open(&self) -> bool {
        !self.is_final()
    }

    /// The status in the API's words (`FULFILLED`…), for `--json`, `--csv` and logs.
    pub fn label(&self) -> &'static str {
        self.status().label()
    }

    /// The state an API status maps to.
    pub fn from_api(status: &TopupStatus) -> Option<OrderState> {
        Some(match status {
            TopupStatus::Pending => OrderState::Pending,
            TopupStatus::Handling => OrderState::Handling,
            TopupStatus::Fulfilled => OrderState::Fulfilled,
            TopupStatus::Refunded => OrderState::Refunded,
            TopupStatus::UnknownError => OrderState::UnknownError,
            TopupStatus::Queued => OrderState::Queued,
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

    /// The order's origin as `--json` names it (`restored`, `external`); `None` for the till's
    /// own sales. The screen and the text output show [`Origin::mark_word`].
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Origin::Till => None,
            Origin::Restored => Some("restored"),
            Origin::External => Some("external"),
        }
    }
}

/// One entry of an order's timeline: the status the order moved to (or stood at), and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateChange {
    pub at: DateTime<Utc>,
    /// Stored as its label (`"SAVED"`), as records always kept it.
    pub state: Status,
    #[serde(
        default,
        deserialize_with = "legacy::note_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<Note>,
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
    /// The number topped up: a mobile `0XXXXXXXXX`, an ADSL `0XXXXXXXX`, a 4G `213XXXXXXXXX`.
    pub phone: String,
    /// The mobile operator or Idoom line it went to (records of version 2 and older named the
    /// operator, under `operator`: they read as mobile lines).
    #[serde(alias = "operator")]
    pub line: Line,
    /// The plan code (mobile), or the internet type (`ADSL`, `4G`).
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
    /// Why the order is not settled yet, or what went wrong with its last request.
    #[serde(
        default,
        deserialize_with = "legacy::problem_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_error: Option<Problem>,
    /// This till's sale, restored from the API, or another's (serde default: older records
    /// are this till's).
    #[serde(default, skip_serializing_if = "Origin::is_till")]
    pub origin: Origin,
}

/// What a new sale sells: all its record holds before it is sent.
#[derive(Clone, Debug)]
pub struct Sale {
    pub line: Line,
    pub phone: String,
    pub plan_code: String,
    pub plan_name: String,
    pub plan_kind: PlanKind,
    pub amount: Dzd,
    pub expected_cost: Option<Dzd>,
    pub price: Option<Dzd>,
}

impl OrderRecord {
    /// A new sale's record, `SAVED` and noted as being sent: what is written before the send,
    /// mobile or internet alike.
    pub fn new_sale(key: OrderKey, reference: String, now: DateTime<Utc>, sale: Sale) -> Self {
        OrderRecord {
            v: ORDER_RECORD_VERSION,
            key,
            reference,
            created_at: now,
            updated_at: now,
            phone: sale.phone,
            line: sale.line,
            plan_code: sale.plan_code,
            plan_name: sale.plan_name,
            plan_kind: sale.plan_kind,
            amount: sale.amount,
            expected_cost: sale.expected_cost,
            price: sale.price,
            state: OrderState::Saved,
            topup_id: None,
            api: None,
            history: vec![StateChange {
                at: now,
                state: Status::Saved,
                note: Some(Note::SavedSending),
            }],
            send_attempts: 1,
            checks: 0,
            last_error: None,
            origin: Origin::default(),
        }
    }

    /// Mobile top-up or Idoom internet top-up.
    pub fn product(&self) -> Product {
        self.line.product()
    }

    /// An internet top-up's proof of purchase, once FULFILLED: (`card_code`, `num_trans`,
    /// `date_traitement`), as the API sent them (sanitize before showing).
    pub fn internet_proof(&self) -> Option<(&str, &str, &str)> {
        let a = self.api.as_ref()?;
        if self.state != OrderState::Fulfilled || self.product() == Product::Mobile {
            return None;
        }
        Some((
            a.card_code.as_deref()?,
            a.num_trans.as_deref().unwrap_or(""),
            a.date_traitement.as_deref().unwrap_or(""),
        ))
    }

    /// Made elsewhere on the account: read-only here.
    pub fn is_external(&self) -> bool {
        self.origin == Origin::External
    }

    /// What the shop's balance is out for this order, as the screen and the CLI show it: zero
    /// once it is refunded, refused or never sent (whatever `balance_amount` was held at send),
    /// the API's `balance_amount` otherwise, unknown before the API said. An internet top-up's
    /// answer has no `balance_amount` (§13): once the API has answered about it, it is out the
    /// product's `cost`, the charge the product list gave.
    pub fn net_charged(&self) -> Option<Dzd> {
        match self.state {
            OrderState::Refunded | OrderState::Refused { .. } | OrderState::NotSent => {
                Some(Dzd::ZERO)
            }
            _ => {
                let api = self.api.as_ref()?;
                match (api.balance_amount, self.product()) {
                    (Some(charged), _) => Some(charged),
                    (None, Product::Internet(_)) => self.expected_cost,
                    (None, Product::Mobile) => None,
                }
            }
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
            .find(|h| h.state == Status::Saved)
            .map(|h| h.at)
            .unwrap_or(self.created_at)
    }

    /// The API said it has this order (a send answered "duplicate ref"): it must never be
    /// declared NOT_SENT, whatever a later check-ref says.
    pub fn api_has_it(&self) -> bool {
        self.history.iter().any(|h| h.note == Some(Note::Duplicate))
    }

    /// Adds a timeline entry at the current status (a note about the order that moves nothing).
    pub fn note(&mut self, at: DateTime<Utc>, note: Note) {
        self.history.push(StateChange {
            at,
            state: self.state.status(),
            note: Some(note),
        });
    }

    /// Moves to `state`, recording the change in the timeline (no entry if nothing changed).
    pub fn transition(&mut self, state: OrderState, at: DateTime<Utc>, note: Option<Note>) {
        if self.state != state {
            self.history.push(StateChange {
                at,
                state: state.status(),
                note,
            });
            self.state = state;
        }
        self.updated_at = at;
    }
}

/// A number from the history: a regular customer of the till.
#[derive(Clone, Debug, PartialEq)]
pub struct Regular {
    pub phone: String,
    /// How many orders it has.
    pub orders: usize,
    /// Its last order (plan, amount, status).
    pub last: OrderRecord,
}
