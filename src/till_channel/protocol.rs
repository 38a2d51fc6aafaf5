//! The channel's requests and answers: one JSON object per line, each way, one request per
//! connection. Every request carries [`PROTOCOL`]; a till speaking another answers
//! [`Refusal::Version`] (that answer's shape never changes).

use crate::api::internet::{InternetProducts, NumberCheck};
use crate::api::types::{InternetType, PlansData};
use crate::books::{Period, Report};
use crate::i18n::Message;
use crate::ledger::{OrderQuery, OrderRecord, Status};
use crate::orders::audit::AuditReport;
use crate::orders::{NewInternetOrder, NewOrder, SyncReport};
use crate::rules::ShopClock;
use crate::store::PrintCount;
use crate::till_status::RunMode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The version of this protocol. Bumped on any change of [`Request`] or [`Answer`].
pub const PROTOCOL: u32 = 2;

/// The longest request line the till reads (and the longest answer line a command reads is
/// [`MAX_ANSWER`]).
pub const MAX_REQUEST: usize = 64 * 1024;

/// The longest answer line: an `orders --limit` page of large records fits.
pub const MAX_ANSWER: usize = 256 * 1024 * 1024;

/// A command's question to the till.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// [`PROTOCOL`] of the asking program.
    pub protocol: u32,
    /// The asking program's version (for the till's log).
    pub version: String,
    pub ask: Ask,
}

impl Request {
    pub fn new(ask: Ask) -> Request {
        Request {
            protocol: PROTOCOL,
            version: env!("CARGO_PKG_VERSION").to_string(),
            ask,
        }
    }
}

/// One request per command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Ask {
    /// `flexy-pos status`.
    Status,
    /// `flexy-pos orders`: the filters as the command parsed them, and the page size.
    Orders { filter: OrderFilter, limit: usize },
    /// `flexy-pos report`: the shop days the command chose.
    Report { period: Period },
    /// `flexy-pos sync`: the audit's start, and how long to keep reconciling.
    Sync {
        from: AuditFrom,
        wait_secs: Option<u64>,
    },
    /// `flexy-pos send`: the sale as typed (the till's sale gate reads it), and how long to
    /// wait for its outcome.
    Send {
        order: NewOrder,
        wait_secs: Option<u64>,
    },
    /// `flexy-pos internet send`: the internet sale as typed (the till checks the line and
    /// sells through its gate), and how long to wait for its outcome.
    InternetSend {
        order: NewInternetOrder,
        wait_secs: Option<u64>,
    },
    /// `flexy-pos internet products`: the till's list of one type.
    InternetProducts { kind: InternetType, refresh: bool },
    /// `flexy-pos internet check`: the line as the command read it (type and digits).
    InternetCheck { kind: InternetType, number: String },
    /// `flexy-pos plans`: the till's plan list (its cache, refreshed when old or asked).
    Plans { refresh: bool },
    /// `flexy-pos receipt`: the order of this ref and how often its slip was printed.
    Receipt { reference: String },
    /// `flexy-pos receipt`: the printer took the slip of this ref at `at`: count it.
    CountPrint {
        reference: String,
        at: DateTime<Utc>,
    },
}

/// The filters of an [`OrderQuery`] (its clock is the till's: the same config).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderFilter {
    pub phone: Option<String>,
    pub reference: Option<String>,
    pub status: Option<Status>,
    pub day: Option<NaiveDate>,
}

impl OrderFilter {
    pub fn of(q: &OrderQuery) -> OrderFilter {
        OrderFilter {
            phone: q.phone.clone(),
            reference: q.reference.clone(),
            status: q.status,
            day: q.day,
        }
    }

    pub fn query(&self, clock: ShopClock) -> OrderQuery {
        let mut q = OrderQuery::on(clock);
        q.phone = self.phone.clone();
        q.reference = self.reference.clone();
        q.status = self.status;
        q.day = self.day;
        q
    }
}

/// Where `sync`'s audit starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditFrom {
    /// The last hours before the till's now.
    LastHours(i64),
    /// A shop day (`--since`).
    SinceDay(NaiveDate),
}

/// The till's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "data", rename_all = "snake_case")]
pub enum Answer {
    Status(TillInfo),
    Orders(OrdersPage),
    Report(Box<Report>),
    Sync(Box<SyncAnswer>),
    Send(Box<SendAnswer>),
    Plans(Box<PlansShown>),
    InternetProducts(Box<ProductsShown>),
    LineChecked(Box<LineAnswer>),
    /// The order asked for by ref (`None`: no order has it) and its prints so far.
    Receipt(Box<Option<(OrderRecord, PrintCount)>>),
    /// The prints of an order after one more.
    Printed(PrintCount),
    /// The command's own error (the store, the API…), worded where it is shown.
    Failed(Message),
    /// The request was not served.
    Refused(Refusal),
}

/// A running till.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TillInfo {
    /// When it opened the store.
    pub since: DateTime<Utc>,
    pub mode: RunMode,
    pub terminal: String,
    /// Its process id.
    pub pid: u32,
    /// Its program version.
    pub version: String,
    /// The counter screen (`true`) or a command holding the store for a while.
    pub counter: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrdersPage {
    /// Newest first.
    pub orders: Vec<OrderRecord>,
    /// The entries skipped as unreadable (what is wrong, naming the key).
    pub damaged: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SyncAnswer {
    pub audit: AuditReport,
    pub reconcile: SyncReport,
}

impl PartialEq for SyncAnswer {
    fn eq(&self, other: &Self) -> bool {
        self.audit == other.audit
            && serde_json::to_value(&self.reconcile).ok()
                == serde_json::to_value(&other.reconcile).ok()
    }
}

/// What a sale through the till came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendAnswer {
    /// Written and sent (followed until it settled, or the wait ran out): the order as it is.
    Placed(Box<OrderRecord>),
    /// The sale gate refused it: nothing written or sent. The reason.
    Invalid(Message),
    /// OneClickDz refused the internet line before anything was written or charged.
    LineRefused(Message),
    /// It left, but its record could not be updated: unknown outcome, never "not sent".
    SentUnrecorded(Message),
    /// Not placed (store, plans, key…).
    Failed(Message),
}

/// The plan list a command shows, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlansShown {
    pub data: PlansData,
    /// When the list was fetched from the API.
    pub fetched_at: DateTime<Utc>,
    /// Served from the cache without asking the API just now.
    pub from_cache: bool,
    /// Why a refresh failed (the cache is shown instead).
    pub refresh_error: Option<RefreshError>,
}

/// An API error (a failed refresh, a refused line): in words, and as its own English line
/// (what the commands' `--json` prints).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefreshError {
    pub message: Message,
    pub line: String,
}

impl RefreshError {
    pub fn of(e: &crate::api::ApiError) -> RefreshError {
        RefreshError {
            message: e.message(),
            line: e.to_string(),
        }
    }
}

impl PlansShown {
    pub fn of(snap: crate::orders::PlanSnapshot) -> PlansShown {
        PlansShown {
            refresh_error: snap.refresh_error.as_ref().map(RefreshError::of),
            data: snap.data,
            fetched_at: snap.fetched_at,
            from_cache: snap.from_cache,
        }
    }

    pub fn age(&self, now: DateTime<Utc>) -> chrono::Duration {
        now - self.fetched_at
    }
}

/// An internet product list a command shows, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductsShown {
    pub products: InternetProducts,
    pub fetched_at: DateTime<Utc>,
    pub from_cache: bool,
    pub refresh_error: Option<RefreshError>,
}

impl ProductsShown {
    pub fn of(snap: crate::orders::ProductsSnapshot) -> ProductsShown {
        ProductsShown {
            refresh_error: snap.refresh_error.as_ref().map(RefreshError::of),
            products: snap.products,
            fetched_at: snap.fetched_at,
            from_cache: snap.from_cache,
        }
    }
}

/// What OneClickDz said of an internet line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineAnswer {
    Found(NumberCheck),
    /// The line is not one OneClickDz can top up.
    Refused(RefreshError),
    /// No clear answer.
    Unclear(RefreshError),
}

/// Why the till did not serve a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Refusal {
    /// The command speaks another protocol than the till.
    Version {
        till_protocol: u32,
        till_version: String,
    },
    /// The request line was longer than [`MAX_REQUEST`].
    TooLarge { limit: usize },
    /// The request was not a request of this protocol.
    Malformed,
    /// The till is closing, or serves too many requests at once.
    Busy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_read_back_as_written() {
        let ask = Ask::Send {
            order: NewOrder {
                phone: "0661 23 45 67".into(),
                plan_code: "PREPAID_MOBILIS".into(),
                amount: Some("500".into()),
            },
            wait_secs: Some(30),
        };
        let line = serde_json::to_string(&Request::new(ask.clone())).unwrap();
        assert!(!line.contains('\n'));
        let back: Request = serde_json::from_str(&line).unwrap();
        assert_eq!(back.ask, ask);
        assert_eq!(back.protocol, PROTOCOL);
        let refusal = Answer::Refused(Refusal::Version {
            till_protocol: 9,
            till_version: "9.9.9".into(),
        });
        let line = serde_json::to_string(&refusal).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&line).unwrap(), refusal);
    }
}
