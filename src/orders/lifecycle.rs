//! The order lifecycle: validate, write the order to disk, send it once, and record what the
//! API said — with the rules that keep money safe.
//!
//! - The order (state `Saved`, with its `ref`) is flushed to the store BEFORE the send leaves.
//! - Every later send of that order reuses the same `ref`; the API's duplicate guard then
//!   turns a repeat into "already sent", which is reconciled with `check-ref`, never resent.
//! - An error that may hide an accepted send (timeout, broken connection, 5xx, unreadable
//!   answer) makes the order `Unconfirmed`: only `check-ref` decides (see [`super::check`]).
//! - A connection that could not even be opened proves nothing left: the order is `NotSent`
//!   at once (the staff may retry with the same ref, which is safe).
//! - Only a documented refusal proves nothing was charged (`Refused`). A 2xx with
//!   `success:false`, an unknown error code, an unreadable body: `Unconfirmed`.
//! - A rate-limited send (429) is sent again with the same ref once the client's rate gate
//!   lets it (honouring `Retry-After`); if the API keeps limiting, the order is `Unconfirmed`
//!   (never refused): reconciled by its ref, and sent again with it once it proves `NotSent`.
//! - Every change is written (flushed) first, then published on the broadcast channel.

use super::plans_sync::{PlansError, PlansSync};
use super::schedule::PollSettings;
use super::send_clock::SendClocks;
use super::validate::{
    InvalidOrder, NewOrder, ValidOrder, check_menu, request_amount, validate_order,
};
use crate::api::internet::InternetSendRequest;
use crate::api::types::{SendData, SendRequest};
use crate::api::{ApiClient, ApiError, NetworkKind, Refusal};
use crate::i18n::{Message, MsgId};
use crate::ledger::reference::{make_ref, next_key_tagged};
use crate::ledger::{Note, OrderRecord, OrderState, Sale};
use crate::rules::{Phone, PriceRule};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, mpsc};

/// How many times a send answered with HTTP 429 is repeated (same ref, after the wait the API
/// asked for) before the order is left to the reconcile.
const RATE_LIMIT_RESENDS: u32 = 2;
/// Capacity of the change channel; a slow subscriber re-reads the store after a lag.
const EVENT_CAPACITY: usize = 1024;

/// Why an order could not be placed or acted on.
#[derive(Debug)]
pub enum OrderError {
    /// Caught by the sale gate before anything was written: nothing was sent. The screen and
    /// the CLI word the reason themselves.
    Invalid(InvalidOrder),
    Plans(PlansError),
    Store(StoreError),
    NotFound(String),
    NotRetryable {
        reference: String,
        state: String,
    },
    Busy(String),
    /// OneClickDz refused the API key: nothing was written or sent.
    KeyRefused(ApiError),
    /// The sale LEFT, but what OneClickDz answered could not be written (a full disk…). Its
    /// outcome is unknown, never "not sent": the poller checks it by its ref. Sending it
    /// again under a new ref could charge the customer twice.
    SentUnrecorded {
        reference: String,
        error: Box<OrderError>,
    },
}

impl From<PlansError> for OrderError {
    fn from(e: PlansError) -> OrderError {
        OrderError::Plans(e)
    }
}

impl From<StoreError> for OrderError {
    fn from(e: StoreError) -> OrderError {
        OrderError::Store(e)
    }
}

impl OrderError {
    /// The error in words, in any language (a refused sale in general terms: the screen and
    /// the CLI say which field).
    pub fn message(&self) -> Message {
        match self {
            OrderError::Invalid(_) => Message::new(MsgId::OrderInvalid),
            OrderError::Plans(e) => e.message(),
            OrderError::Store(e) => Message::new(MsgId::OrderStore).msg_of("error", e.message()),
            OrderError::NotFound(r) => Message::new(MsgId::OrderNotFound).text("ref", r),
            OrderError::NotRetryable { reference, state } => Message::new(MsgId::OrderNotRetryable)
                .text("ref", reference)
                .text("state", state),
            OrderError::Busy(r) => Message::new(MsgId::OrderBusy).text("ref", r),
            OrderError::KeyRefused(e) => {
                Message::new(MsgId::OrderKeyRefused).msg_of("error", e.message())
            }
            OrderError::SentUnrecorded { reference, error } => {
                Message::new(MsgId::OrderSentUnrecorded)
                    .text("ref", reference)
                    .msg_of("error", error.message())
            }
        }
    }
}

impl std::fmt::Display for OrderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().in_lang(crate::i18n::Lang::En))
    }
}

impl std::error::Error for OrderError {}

/// A message to the background poller.
#[derive(Debug)]
pub enum PollerMsg {
    /// An order became open (sent, unconfirmed…): start checking it.
    Track(String),
    /// Check this order as soon as possible (a staff request).
    CheckNow(String),
    Shutdown,
}

/// The lifecycle: cheap to clone, shared by the UI worker, the poller and headless commands.
#[derive(Clone)]
pub struct Lifecycle {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) store: Store,
    pub(super) api: ApiClient,
    pub(super) plans: PlansSync,
    /// The internet product lists (ADSL, 4G), cached like the plans.
    pub(super) internet: super::internet_products::ProductsSync,
    pub(super) settings: PollSettings,
    pricing: PriceRule,
    terminal_id: String,
    /// The tag of this store's keys ([`super::claim`]): tells its orders from a twin till's.
    key_tag: u16,
    events: broadcast::Sender<OrderRecord>,
    /// Serialises read-modify-write of records (never held across a network call).
    pub(super) write_lock: tokio::sync::Mutex<()>,
    /// One audit at a time: a `sync` asked through the till waits for the hourly audit (and
    /// the other way round) instead of walking the same list alongside it.
    pub(super) audit_gate: tokio::sync::Mutex<()>,
    /// Refs whose send is in flight in this process: the poller leaves them alone.
    sending: Mutex<HashSet<String>>,
    /// When this process sent, or first asked about, each order being reconciled (the reconcile
    /// window on the monotonic clock).
    pub(super) clocks: SendClocks,
    poller: Mutex<Option<mpsc::UnboundedSender<PollerMsg>>>,
}

/// The send request of a record: the mobile or the internet endpoint's body, always with the
/// record's own ref.
enum Outgoing {
    Mobile(SendRequest),
    Internet(InternetSendRequest),
}

impl Outgoing {
    fn of(record: &OrderRecord) -> Result<Outgoing, ApiError> {
        let reference = Some(record.reference.clone());
        Ok(match record.line {
            crate::rules::Line::Mobile(_) => Outgoing::Mobile(SendRequest {
                plan_code: record.plan_code.clone(),
                mssidn: record.phone.clone(),
                amount: request_amount(record.plan_kind, record.amount),
                reference,
            }),
            crate::rules::Line::Internet(kind) => Outgoing::Internet(InternetSendRequest {
                kind,
                number: record.phone.clone(),
                value: super::internet::request_value(record.amount)
                    .map_err(|e| ApiError::Config(e.to_string()))?,
                reference,
            }),
        })
    }
}

/// Removes a ref from the in-flight set when the send is over, whatever happened.
struct SendingGuard<'a> {
    inner: &'a Inner,
    reference: String,
}

impl Drop for SendingGuard<'_> {
    fn drop(&mut self) {
        lock(&self.inner.sending).remove(&self.reference);
    }
}

fn is_rate_limited(e: &ApiError) -> bool {
    matches!(e.refusal(), Some(Refusal::RateLimited))
}

/// A std mutex whose data stays usable if a holder panicked (sets of refs, a sender).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Lifecycle {
    pub fn new(
        store: Store,
        api: ApiClient,
        plans: PlansSync,
        settings: PollSettings,
        pricing: PriceRule,
    ) -> Result<Lifecycle, OrderError> {
        let terminal_id = store.terminal_id()?;
        let key_tag = super::claim::Claim::load(&store)?.tag;
        let (events, _) = broadcast::channel(EVENT_CAPACITY);
        Ok(Lifecycle {
            inner: Arc::new(Inner {
                internet: super::internet_products::ProductsSync::new(store.clone(), api.clone()),
                store,
                api,
                plans,
                settings,
                pricing,
                terminal_id,
                key_tag,
                events,
                write_lock: tokio::sync::Mutex::new(()),
                audit_gate: tokio::sync::Mutex::new(()),
                sending: Mutex::new(HashSet::new()),
                clocks: SendClocks::default(),
                poller: Mutex::new(None),
            }),
        })
    }

    /// Every change to any order, after it was written to the store.
    pub fn subscribe(&self) -> broadcast::Receiver<OrderRecord> {
        self.inner.events.subscribe()
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn api(&self) -> &ApiClient {
        &self.inner.api
    }

    pub fn plans(&self) -> &PlansSync {
        &self.inner.plans
    }

    pub fn settings(&self) -> &PollSettings {
        &self.inner.settings
    }

    /// The shop's prices (`[pricing]` in config.toml).
    pub fn pricing(&self) -> &PriceRule {
        &self.inner.pricing
    }

    /// The internet product lists (ADSL, 4G), cached like the plans.
    pub fn internet_catalogue(&self) -> &super::internet_products::ProductsSync {
        &self.inner.internet
    }

    /// This till's terminal id: the first part of every ref it makes.
    pub fn terminal_id(&self) -> &str {
        &self.inner.terminal_id
    }

    /// Connects the poller: open orders are handed to it from now on.
    pub fn attach_poller(&self, tx: mpsc::UnboundedSender<PollerMsg>) {
        *lock(&self.inner.poller) = Some(tx);
    }

    pub fn detach_poller(&self) {
        *lock(&self.inner.poller) = None;
    }

    /// Asks the poller to check an order now (no-op without a poller).
    pub fn check_soon(&self, reference: &str) {
        self.to_poller(PollerMsg::CheckNow(reference.to_string()));
    }

    pub(super) fn is_sending(&self, reference: &str) -> bool {
        lock(&self.inner.sending).contains(reference)
    }

    /// Puts a typed sale (`flexy-pos send`) through the sale gate against the plan list (cache
    /// first) and the shop's prices, without writing anything.
    pub async fn validate(&self, req: &NewOrder) -> Result<ValidOrder, OrderError> {
        let plans = self.inner.plans.get().await?;
        validate_order(&plans.data, req, &self.inner.pricing).map_err(OrderError::Invalid)
    }

    /// [`Lifecycle::validate`], then [`Lifecycle::place_valid`].
    pub async fn place(&self, req: &NewOrder) -> Result<OrderRecord, OrderError> {
        let valid = self.validate(req).await?;
        self.place_valid(valid).await
    }

    /// Writes a sale that passed the gate (`Saved`), sends it once and records the answer. The
    /// returned record's state says what happened; `Err` means nothing was sent, except
    /// [`OrderError::SentUnrecorded`] (the answer could not be written; the poller checks it).
    pub async fn place_valid(&self, order: ValidOrder) -> Result<OrderRecord, OrderError> {
        // A key already refused (or refused now, when this process has not used it yet) must
        // not leave a record behind that could never be sent.
        self.inner
            .api
            .verify_key()
            .await
            .map_err(OrderError::KeyRefused)?;
        let record = self.new_record(order.into(), Utc::now());
        self.write_and_send(record).await
    }

    /// Writes a new `Saved` record (flushed) and only then sends it, once (mobile or internet).
    pub(super) async fn write_and_send(
        &self,
        record: OrderRecord,
    ) -> Result<OrderRecord, OrderError> {
        let guard = self.mark_sending(&record.reference)?;
        self.inner.store.insert_new(&record)?;
        self.publish(&record);
        self.send_and_record(record, guard).await
    }

    /// Asks which offers a number can take: a GETMENU order for its operator, sent like any
    /// order, at the plan's smallest amount (the answer arrives as `suggested_offers`).
    pub async fn request_menu(&self, phone: &Phone) -> Result<OrderRecord, OrderError> {
        let plans = self.inner.plans.get().await?;
        let order =
            check_menu(&plans.data, phone, &self.inner.pricing).map_err(OrderError::Invalid)?;
        self.place_valid(order).await
    }

    /// Staff action on a NOT_SENT order: send it again with the SAME ref. Safe: if the first
    /// send did land after all, the API answers "duplicate" and the order is reconciled.
    pub async fn retry_not_sent(&self, reference: &str) -> Result<OrderRecord, OrderError> {
        let (record, guard) = {
            let _w = self.inner.write_lock.lock().await;
            let mut rec = self
                .inner
                .store
                .get_by_ref(reference)?
                .ok_or_else(|| OrderError::NotFound(reference.to_string()))?;
            if rec.state != OrderState::NotSent {
                return Err(OrderError::NotRetryable {
                    reference: reference.to_string(),
                    state: rec.state.label().to_string(),
                });
            }
            let guard = self.mark_sending(reference)?;
            rec.transition(OrderState::Saved, Utc::now(), Some(Note::SentAgain));
            rec.send_attempts += 1;
            rec.last_error = None;
            self.inner.store.update(&rec)?;
            (rec, guard)
        };
        self.publish(&record);
        self.send_and_record(record, guard).await
    }

    /// A new sale's record: its key carries this store's tag (the audit tells this till's
    /// own orders by it), its ref this till's id.
    pub(super) fn new_record(&self, sale: Sale, now: DateTime<Utc>) -> OrderRecord {
        let key = next_key_tagged(self.inner.key_tag);
        OrderRecord::new_sale(key, make_ref(&self.inner.terminal_id, key), now, sale)
    }

    fn mark_sending(&self, reference: &str) -> Result<SendingGuard<'_>, OrderError> {
        if !lock(&self.inner.sending).insert(reference.to_string()) {
            return Err(OrderError::Busy(reference.to_string()));
        }
        Ok(SendingGuard {
            inner: &self.inner,
            reference: reference.to_string(),
        })
    }

    /// Sends a `Saved` record and records the outcome. The guard keeps the poller away.
    async fn send_and_record(
        &self,
        record: OrderRecord,
        guard: SendingGuard<'_>,
    ) -> Result<OrderRecord, OrderError> {
        let reference = record.reference.clone();
        let recorded = match Outgoing::of(&record) {
            Ok(req) => self.send_once(&req, &reference).await,
            // Nothing left: an internet record whose value is not whole dinars (never made by
            // the gate) is refused here rather than sent wrong.
            Err(e) => self.record_not_applied(&reference, &e).await,
        };
        drop(guard);
        let rec = match recorded {
            Ok(rec) => rec,
            Err(e) => return Err(self.sent_but_unrecorded(reference, e)),
        };
        // An unconfirmed send is reconciled once right away: usually the answer was lost but
        // the order exists, and the customer is still at the counter.
        let rec = if matches!(rec.state, OrderState::Unconfirmed { .. }) {
            self.check_record(&reference).await.record().unwrap_or(rec)
        } else {
            rec
        };
        if rec.state.is_open() {
            self.to_poller(PollerMsg::Track(reference));
        }
        Ok(rec)
    }

    /// Sends (again after a 429, same ref) and records the answer. An `Err` comes after the
    /// send left: the answer could not be written.
    async fn send_once(&self, req: &Outgoing, reference: &str) -> Result<OrderRecord, OrderError> {
        let mut rate_limited = 0;
        let outcome = loop {
            // The client's rate gate holds the resend as long as the API asked.
            self.inner.clocks.sending(reference);
            let answer = match req {
                Outgoing::Mobile(r) => self.inner.api.send(r).await,
                Outgoing::Internet(r) => self.inner.api.internet_send(r).await,
            };
            match answer {
                Err(e) if is_rate_limited(&e) && rate_limited < RATE_LIMIT_RESENDS => {
                    rate_limited += 1;
                    self.note_resend(reference, &e).await?;
                }
                other => break other,
            }
        };
        match outcome {
            Ok(data) => self.record_accepted(reference, data).await,
            Err(e) if e.is_duplicate_ref() => self.record_duplicate(reference, &e).await,
            Err(e) if !e.maybe_applied() => self.record_not_applied(reference, &e).await,
            Err(e) if is_rate_limited(&e) => self.record_rate_limited(reference, &e).await,
            Err(e) => self.record_unconfirmed(reference, &e).await,
        }
    }

    /// A send whose answer could not be written: the record on disk still says `Saved`, which
    /// the poller reconciles by its ref (as after a crash mid-send).
    fn sent_but_unrecorded(&self, reference: String, error: OrderError) -> OrderError {
        tracing::error!("order {reference} was sent but its answer could not be written: {error}");
        self.to_poller(PollerMsg::Track(reference.clone()));
        OrderError::SentUnrecorded {
            reference,
            error: Box::new(error),
        }
    }

    /// Records one more send attempt of the same ref (after a 429) before it leaves.
    async fn note_resend(&self, reference: &str, e: &ApiError) -> Result<(), OrderError> {
        self.modify(reference, |rec, now| {
            rec.send_attempts += 1;
            rec.last_error = Some(e.clone().into());
            let attempt = rec.send_attempts;
            rec.note(now, Note::RateLimited(attempt));
        })
        .await
        .map(|_| ())
    }

    async fn record_accepted(
        &self,
        reference: &str,
        data: SendData,
    ) -> Result<OrderRecord, OrderError> {
        if let Some(echoed) = data.topup_ref.as_deref().filter(|r| *r != reference) {
            // Its topupId may be another order's: only check-ref by our own ref decides.
            let echoed = crate::text::sanitize_line(echoed);
            let e = ApiError::Protocol {
                status: 200,
                message: format!(
                    "the send was answered for ref '{echoed}', not ours; its topupId was not used"
                ),
                request_id: None,
                fault: Some(crate::api::ProtocolFault::OtherRef { echoed }),
            };
            return self.record_unconfirmed(reference, &e).await;
        }
        self.modify(reference, |rec, now| {
            if rec.state.is_final() {
                return;
            }
            rec.topup_id = Some(data.topup_id.clone());
            rec.last_error = None;
            let note = Some(Note::AcceptedAs(crate::text::sanitize_line(&data.topup_id)));
            // A check may already have moved it further (only after a lost answer).
            if matches!(
                rec.state,
                OrderState::Saved | OrderState::Unconfirmed { .. }
            ) {
                rec.transition(OrderState::Sent, now, note);
            }
        })
        .await
    }

    async fn record_duplicate(
        &self,
        reference: &str,
        e: &ApiError,
    ) -> Result<OrderRecord, OrderError> {
        let rec = self
            .record_send_error(reference, e, |rec| {
                let since = rec.last_send_at();
                (OrderState::Unconfirmed { since }, Note::Duplicate)
            })
            .await?;
        // "Already sent": the API has it. Find out what it is now; never send a new ref.
        Ok(self.check_record(reference).await.record().unwrap_or(rec))
    }

    async fn record_not_applied(
        &self,
        reference: &str,
        e: &ApiError,
    ) -> Result<OrderRecord, OrderError> {
        self.record_send_error(reference, e, |_| match e {
            ApiError::Refused {
                code,
                message,
                reason,
                ..
            } => (
                OrderState::Refused {
                    code: code.clone(),
                    message: message.clone(),
                },
                Note::Refused(reason.clone()),
            ),
            ApiError::Network {
                kind: NetworkKind::Connect,
                ..
            } => (OrderState::NotSent, Note::ConnectFailed),
            _ => (OrderState::NotSent, Note::NotSentError(e.clone())),
        })
        .await
    }

    /// Still rate limited after the resends: not refused (a 429 proves nothing about the order);
    /// check-ref decides, and a `NotSent` order can be sent again with the same ref.
    async fn record_rate_limited(
        &self,
        reference: &str,
        e: &ApiError,
    ) -> Result<OrderRecord, OrderError> {
        self.record_unconfirmed_as(reference, e, |rec| {
            Note::StillRateLimited(rec.send_attempts)
        })
        .await
    }

    async fn record_unconfirmed(
        &self,
        reference: &str,
        e: &ApiError,
    ) -> Result<OrderRecord, OrderError> {
        self.record_unconfirmed_as(reference, e, |_| Note::NoClearAnswer(e.clone()))
            .await
    }

    /// The send may have been applied: the order waits, UNCONFIRMED, for check-ref.
    async fn record_unconfirmed_as(
        &self,
        reference: &str,
        e: &ApiError,
        note: impl FnOnce(&OrderRecord) -> Note,
    ) -> Result<OrderRecord, OrderError> {
        self.record_send_error(reference, e, |rec| {
            let since = rec.last_send_at();
            (OrderState::Unconfirmed { since }, note(rec))
        })
        .await
    }

    /// Records a send that did not simply succeed: keeps the error and moves the order to the
    /// state `outcome` picks, with its timeline note. A final order is never changed.
    async fn record_send_error(
        &self,
        reference: &str,
        e: &ApiError,
        outcome: impl FnOnce(&OrderRecord) -> (OrderState, Note),
    ) -> Result<OrderRecord, OrderError> {
        self.modify(reference, |rec, now| {
            if rec.state.is_final() {
                return;
            }
            rec.last_error = Some(e.clone().into());
            let (state, note) = outcome(rec);
            tracing::info!(reference = %rec.reference, "send answered: {e} → {}", state.label());
            rec.transition(state, now, Some(note));
        })
        .await
    }

    /// Re-reads a record under the write lock, changes it, writes it (flushed) and publishes it.
    pub(super) async fn modify(
        &self,
        reference: &str,
        change: impl FnOnce(&mut OrderRecord, DateTime<Utc>),
    ) -> Result<OrderRecord, OrderError> {
        let rec = {
            let _w = self.inner.write_lock.lock().await;
            let mut rec = self
                .inner
                .store
                .get_by_ref(reference)?
                .ok_or_else(|| OrderError::NotFound(reference.to_string()))?;
            let before = rec.clone();
            change(&mut rec, Utc::now());
            if rec == before {
                return Ok(rec);
            }
            self.inner.store.update(&rec)?;
            if !matches!(
                rec.state,
                OrderState::Saved | OrderState::Unconfirmed { .. }
            ) {
                self.inner.clocks.forget(reference);
            }
            rec
        };
        self.publish(&rec);
        Ok(rec)
    }

    pub(super) fn publish(&self, rec: &OrderRecord) {
        // No subscriber is fine: the store is the truth, the channel only wakes screens.
        let _ = self.inner.events.send(rec.clone());
    }

    /// Hands an open order to the poller (no-op without a poller).
    pub(super) fn track(&self, reference: &str) {
        self.to_poller(PollerMsg::Track(reference.to_string()));
    }

    fn to_poller(&self, msg: PollerMsg) {
        if let Some(tx) = lock(&self.inner.poller).as_ref() {
            let _ = tx.send(msg);
        }
    }
}
