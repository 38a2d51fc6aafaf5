//! What can happen to the counter screen ([`Msg`]) and what it asks the I/O side to do ([`Effect`]).
//!
//! The UI never touches the store, the API or the clock itself: the lead's worker turns each
//! [`Effect`] into I/O and answers with a [`Msg`].

use crate::api::internet::InternetProducts;
use crate::api::types::{PlansData, SuggestedOffer};
use crate::books::{Period, Report, Totals};
use crate::ledger::OrderQuery;
use crate::ledger::Regular;
use crate::orders::{OrderKey, OrderRecord, ValidInternetOrder, ValidOrder};
use crate::rules::Phone;
use crate::rules::{InternetNumber, InternetType, OperatorHealth};
use crate::till_status::StatusInfo;
use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::KeyEvent;

/// Everything the update function reacts to.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Bracketed paste: the whole pasted text at once.
    Paste(String),
    /// New terminal size (columns, rows).
    Resize(u16, u16),
    /// The clock, once a second (ages and toasts).
    Tick(DateTime<Utc>),
    /// Plans from the API (`from_cache: false`) or the local cache (`true`).
    PlansLoaded {
        plans: PlansData,
        fetched_at: DateTime<Utc>,
        from_cache: bool,
    },
    PlansFailed(crate::i18n::Message),
    /// One page of the order history, answering `Effect::LoadHistory` with the same `query_id`.
    HistoryPage {
        query_id: u64,
        orders: Vec<OrderRecord>,
        has_more: bool,
    },
    /// An order changed (poller, lifecycle): updated in place wherever it is shown.
    OrderChanged(OrderRecord),
    /// The sale `id` was written to the store (and handed to the lifecycle to send).
    SaleSaved {
        id: SaleId,
        record: OrderRecord,
    },
    /// The sale could not even be saved: nothing was sent.
    SaleFailed {
        draft: SaleDraft,
        error: crate::i18n::Message,
    },
    /// The sale LEFT but its answer could not be saved: its outcome is unknown, it is being
    /// checked by ref, and it must not be sent again.
    SaleUnrecorded {
        id: SaleId,
        reference: String,
        error: crate::i18n::Message,
    },
    /// The offers a number can take (GETMENU answer).
    MenuOffers {
        phone: Phone,
        offers: Vec<SuggestedOffer>,
    },
    Status(StatusInfo),
    /// The books of a period, answering `Effect::LoadReport` with the same `query_id`.
    ReportLoaded(Box<ReportData>),
    /// The latest orders for the sale screen's pane (`Effect::LoadRecent`).
    RecentOrders(Vec<OrderRecord>),
    /// Numbers from the history starting with `digits` (`Effect::FindRegulars`).
    Regulars {
        digits: String,
        found: Vec<Regular>,
    },
    /// The values on sale for an internet type (`Effect::LoadInternetProducts`).
    InternetProducts {
        products: InternetProducts,
        fetched_at: DateTime<Utc>,
        from_cache: bool,
    },
    InternetProductsFailed {
        kind: InternetType,
        error: crate::i18n::Message,
    },
    /// What OneClickDz said about an internet line (`Effect::CheckLine`).
    LineChecked {
        number: InternetNumber,
        outcome: LineOutcome,
    },
    /// An internet sale could not even be saved: nothing was sent.
    InternetSaleFailed {
        draft: InternetDraft,
        error: crate::i18n::Message,
    },
    /// What `/v3/ping` said (`Effect::Ping`); `Err` when it could not be asked.
    Health(Result<OperatorHealth, crate::i18n::Message>),
    /// An error from the I/O side, shown as a readable message.
    Error(crate::i18n::Message),
    /// A message of the till's own, shown as a toast in the screen's language.
    Notice(crate::ui::notice::Notice),
    /// A slip as it will print, line by line at the paper's width (`Effect::PreviewSlip`).
    SlipPreview {
        of: SlipOf,
        lines: Vec<String>,
    },
}

/// Which slip: an order's (by its ref), or the books of a period (the day's close).
#[derive(Clone, Debug, PartialEq)]
pub enum SlipOf {
    Order(String),
    Books(Period),
}

/// A loaded report with the series its screen draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportData {
    pub query_id: u64,
    pub report: Report,
    /// Each hour of the period's last day, from the day start.
    pub hourly: Vec<Totals>,
    /// The 30 days up to the period's last day.
    pub daily: Vec<(NaiveDate, Totals)>,
}

/// What the I/O side must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Plans from the cache (then the API if the cache is old or empty).
    LoadPlans,
    /// Plans from the API now (F5).
    RefreshPlans,
    /// One page of history, newest first, strictly older than `before` when given.
    LoadHistory {
        query_id: u64,
        query: OrderQuery,
        before: Option<OrderKey>,
        limit: usize,
    },
    /// Save the order (write-ahead) and send it.
    SubmitSale(SaleDraft),
    /// Ask the API which offers this number can take (GETMENU).
    RequestMenu {
        phone: Phone,
    },
    /// Balance, connection, open orders.
    RefreshStatus,
    /// Keep the clerk's language choice for the next start.
    RememberLanguage(crate::i18n::Lang),
    /// The books of a period (report screen).
    LoadReport {
        query_id: u64,
        period: Period,
    },
    /// The newest orders, for the sale screen's pane.
    LoadRecent {
        limit: usize,
    },
    /// The regulars whose number starts with these digits.
    FindRegulars {
        digits: String,
    },
    /// The values on sale for an internet type: the cache, then the API when it is old.
    LoadInternetProducts(InternetType),
    /// The same from the API now (F5).
    RefreshInternetProducts(InternetType),
    /// Ask OneClickDz whether it can top up this internet line (check-number).
    CheckLine(InternetNumber),
    /// Save the internet order (write-ahead) and send it.
    SubmitInternetSale(InternetDraft),
    /// Ask `/v3/ping` which operators are up.
    Ping,
    /// Print a slip on the receipt printer, in its own task (a reprint says it is a copy).
    PrintSlip {
        of: SlipOf,
        lang: crate::i18n::Lang,
    },
    /// Lay a slip out for the preview, exactly as it would print.
    PreviewSlip {
        of: SlipOf,
        lang: crate::i18n::Lang,
    },
    Quit,
}

/// What check-number said about a line.
#[derive(Clone, Debug, PartialEq)]
pub enum LineOutcome {
    /// A line OneClickDz can top up; ADSL lines name their offer (server text, sanitized).
    Found { offer: Option<String> },
    /// Refused (`ERR_PHONE`): not a line OneClickDz can top up.
    Refused(crate::i18n::Message),
    /// No clear answer: the check proves nothing either way.
    Unclear(crate::i18n::Message),
}

/// An internet sale the staff confirmed, as the gate passed it, with the id its answer comes
/// back with.
#[derive(Clone, Debug, PartialEq)]
pub struct InternetDraft {
    pub id: SaleId,
    pub order: ValidInternetOrder,
}

/// Which sale of this session an answer is about (counted by the screen from 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SaleId(pub u64);

/// A sale the staff confirmed: the order the sale gate passed, exactly as it will be written
/// and sent, and the id its answer comes back with.
#[derive(Clone, Debug, PartialEq)]
pub struct SaleDraft {
    pub id: SaleId,
    pub order: ValidOrder,
}
