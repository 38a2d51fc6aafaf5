//! The counter screen wired to the order machinery: the worker that turns the UI's
//! [`Effect`]s into store/API work and answers with [`Msg`]s, the forwarder of live order
//! changes, and the status refresher. The UI itself never does I/O.

mod internet;
mod print;

pub use print::PrintSetup;

use crate::api::ApiError;
use crate::api::types::KeyType;
use crate::books::{self, Period};
use crate::i18n::{Message, MsgId};
use crate::orders::claim::TwinTill;
use crate::orders::lifecycle::{Lifecycle, OrderError};
use crate::orders::plans_sync::PlanSnapshot;
use crate::orders::{OrderRecord, Waited};
use crate::rules::Phone;
use crate::rules::ShopClock;
use crate::store::OrderQuery;
use crate::till_status::{Connection, RunMode, StatusInfo};
use crate::ui::msg::{Effect, Msg, ReportData, SaleDraft, SaleId};
use crate::ui::state::{AppState, UiSettings};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::{Mutex, broadcast};

/// How often balance and connection are refreshed while the app is open.
const STATUS_EVERY: Duration = Duration::from_secs(30);
/// At most one balance request per this long, whatever asks for one (a sale, every order the
/// audit writes, the tick, F5): the asks in between are folded into one at the gap's end.
pub const BALANCE_GAP: Duration = Duration::from_secs(5);
/// Regulars offered under the number being typed.
const REGULARS_OFFERED: usize = 5;
/// How long a GETMENU request may take before the staff is told to look in the history.
const MENU_WAIT: Duration = Duration::from_secs(90);

/// What the worker knows of the key. Refusing requests after a refused key is the API
/// client's latch's job (one latch for the screen, the poller and the commands); the worker
/// learns the mode for the status bar and tells the staff, once, plainly.
#[derive(Debug, Default)]
struct KeyNews {
    /// `/v3/validate` answered (SANDBOX or PRODUCTION is known).
    validated: bool,
    /// The staff was told the key is refused (again after F5).
    told: bool,
}

/// Shared by the worker's tasks.
#[derive(Clone)]
pub struct Worker {
    lifecycle: Lifecycle,
    msgs: UnboundedSender<Msg>,
    mode: RunMode,
    /// Last status shown, so a partial refresh keeps the other fields.
    status: Arc<Mutex<StatusInfo>>,
    /// The shop's days, for the books.
    clock: ShopClock,
    key: Arc<Mutex<KeyNews>>,
    /// Unreadable orders met in lists this session (each named by its key): the history skips
    /// them, so the staff is told and the status bar keeps saying so.
    damaged: Arc<Mutex<std::collections::BTreeSet<String>>>,
    /// When the last balance request left, and whether one is already due (monotonic clock).
    balance_pace: Arc<std::sync::Mutex<BalancePace>>,
    /// The receipt printer (none by default).
    print: PrintSetup,
}

#[derive(Debug, Default)]
struct BalancePace {
    last: Option<tokio::time::Instant>,
    due: bool,
}

/// Runs the counter screen until the staff quits. The terminal is restored on every way out.
pub async fn run_counter(lifecycle: Lifecycle, settings: UiSettings) -> std::io::Result<()> {
    let print = PrintSetup::new(Default::default(), Default::default(), settings.lang);
    run_counter_with(lifecycle, settings, print).await
}

/// [`run_counter`] with a receipt printer.
pub async fn run_counter_with(
    lifecycle: Lifecycle,
    settings: UiSettings,
    print: PrintSetup,
) -> std::io::Result<()> {
    let (msg_tx, msg_rx) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let worker =
        Worker::new(lifecycle, msg_tx, settings.mode, settings.clock()).with_printer(print);
    let tasks = worker.spawn(fx_rx);
    let state = AppState::new(settings, chrono::Utc::now());
    let result = crate::ui::terminal::run_fullscreen(state, msg_rx, fx_tx).await;
    for t in tasks {
        t.abort();
    }
    result
}

impl Worker {
    pub fn new(
        lifecycle: Lifecycle,
        msgs: UnboundedSender<Msg>,
        mode: RunMode,
        clock: ShopClock,
    ) -> Worker {
        let status = StatusInfo::starting(mode);
        Worker {
            lifecycle,
            msgs,
            mode,
            status: Arc::new(Mutex::new(status)),
            clock,
            key: Arc::new(Mutex::new(KeyNews::default())),
            damaged: Arc::default(),
            balance_pace: Arc::default(),
            print: PrintSetup::default(),
        }
    }

    /// The receipt printer this worker prints on.
    pub fn with_printer(mut self, print: PrintSetup) -> Worker {
        self.print = print;
        self
    }

    /// Starts the effect loop, the live-order forwarder and the status refresher.
    pub fn spawn(&self, effects: UnboundedReceiver<Effect>) -> Vec<tokio::task::JoinHandle<()>> {
        vec![
            tokio::spawn(self.clone().effect_loop(effects)),
            tokio::spawn(self.clone().forward_changes(self.lifecycle.subscribe())),
            tokio::spawn(self.clone().status_loop()),
        ]
    }

    fn send(&self, msg: Msg) {
        // The UI has gone: nothing left to tell.
        let _ = self.msgs.send(msg);
    }

    async fn effect_loop(self, mut effects: UnboundedReceiver<Effect>) {
        while let Some(fx) = effects.recv().await {
            if fx == Effect::Quit {
                break;
            }
            // Each effect runs on its own task so a slow API never blocks the history or a sale.
            tokio::spawn(self.clone().execute(fx));
        }
    }

    async fn execute(self, fx: Effect) {
        match fx {
            Effect::LoadPlans => self.load_plans(false).await,
            Effect::RefreshPlans => self.load_plans(true).await,
            Effect::LoadHistory {
                query_id,
                query,
                before,
                limit,
            } => self.load_history(query_id, query, before, limit).await,
            Effect::SubmitSale(draft) => self.submit(draft).await,
            Effect::RequestMenu { phone } => self.menu(phone).await,
            Effect::RefreshStatus => self.refresh_status().await,
            Effect::RememberLanguage(lang) => {
                self.print.set_lang(lang);
                self.remember_language(lang)
            }
            Effect::LoadReport { query_id, period } => self.load_report(query_id, period).await,
            Effect::LoadRecent { limit } => self.load_recent(limit).await,
            Effect::FindRegulars { digits } => self.find_regulars(digits).await,
            Effect::LoadInternetProducts(kind) => self.load_internet(kind, false).await,
            Effect::RefreshInternetProducts(kind) => self.load_internet(kind, true).await,
            Effect::CheckLine(number) => self.check_line(number).await,
            Effect::SubmitInternetSale(draft) => self.submit_internet(draft).await,
            Effect::Ping => self.ping().await,
            Effect::PrintSlip { of, lang } => self.print_slip(of, lang).await,
            Effect::PreviewSlip { of, lang } => self.preview_slip(of, lang).await,
            Effect::Quit => {}
        }
    }

    /// The clerk's language choice outlives the process (read back at start-up).
    fn remember_language(&self, lang: crate::i18n::Lang) {
        if let Err(e) = self
            .lifecycle
            .store()
            .set_setting(crate::i18n::LANGUAGE_SETTING, lang.code())
        {
            tracing::warn!(error = %e, "could not remember the language");
        }
    }

    async fn load_plans(&self, force: bool) {
        let plans = self.lifecycle.plans();
        let result = if force {
            // F5 is the staff asking again, after a refused key too.
            self.lift_refused_key().await;
            self.refresh_status().await;
            plans.refresh().await
        } else {
            self.check_key().await;
            plans.get().await
        };
        match result {
            Ok(snap) => self.plans_loaded(snap).await,
            Err(e) => self.send(Msg::PlansFailed(e.message())),
        }
    }

    async fn plans_loaded(&self, snap: PlanSnapshot) {
        if let Some(err) = &snap.refresh_error {
            self.send(Msg::Error(
                Message::new(MsgId::WorkerPlansRefreshFailed).msg_of("error", err.message()),
            ));
        }
        {
            let mut st = self.status.lock().await;
            st.plans_fetched_at = Some(snap.fetched_at);
            if snap.refresh_error.is_some() {
                st.connection = Connection::Offline;
            }
            self.send(Msg::Status(st.clone()));
        }
        self.send(Msg::PlansLoaded {
            plans: snap.data,
            fetched_at: snap.fetched_at,
            from_cache: snap.from_cache,
        });
    }

    async fn load_history(
        &self,
        query_id: u64,
        query: OrderQuery,
        before: Option<crate::orders::OrderKey>,
        limit: usize,
    ) {
        let store = self.lifecycle.store().clone();
        let q = query;
        // sled reads are quick but blocking: keep them off the async threads.
        let page = tokio::task::spawn_blocking(move || store.page(&q, before, limit)).await;
        match page {
            Ok(Ok(page)) => {
                self.note_damage(&page.damaged).await;
                let has_more = page.has_more();
                self.send(Msg::HistoryPage {
                    query_id,
                    orders: page.orders,
                    has_more,
                });
            }
            Ok(Err(e)) => self.send(Msg::Error(
                Message::new(MsgId::WorkerHistoryFailed).msg_of("error", e.message()),
            )),
            Err(e) => self.send(Msg::Error(
                Message::new(MsgId::WorkerHistoryFailed).text("error", e),
            )),
        }
    }

    /// The books of a period and the series its screen draws (all from the kept totals).
    async fn load_report(&self, query_id: u64, period: Period) {
        let store = self.lifecycle.store().clone();
        let clock = self.clock;
        let work = move || -> Result<ReportData, crate::store::StoreError> {
            Ok(ReportData {
                query_id,
                report: books::report(&store, &clock, period)?,
                hourly: books::hourly(&store, &clock, period.last)?,
                daily: books::daily(&store, &clock, period.last, 30)?,
            })
        };
        match tokio::task::spawn_blocking(work).await {
            Ok(Ok(data)) => self.send(Msg::ReportLoaded(Box::new(data))),
            Ok(Err(e)) => self.send(Msg::Error(
                Message::new(MsgId::BooksFailed).msg_of("error", e.message()),
            )),
            Err(e) => self.send(Msg::Error(
                Message::new(MsgId::BooksFailed).text("error", e),
            )),
        }
    }

    async fn load_recent(&self, limit: usize) {
        let store = self.lifecycle.store().clone();
        let page =
            tokio::task::spawn_blocking(move || store.page(&OrderQuery::default(), None, limit))
                .await;
        match page {
            Ok(Ok(page)) => {
                self.note_damage(&page.damaged).await;
                self.send(Msg::RecentOrders(page.orders))
            }
            Ok(Err(e)) => self.send(Msg::Error(
                Message::new(MsgId::WorkerRecentFailed).msg_of("error", e.message()),
            )),
            Err(e) => self.send(Msg::Error(
                Message::new(MsgId::WorkerRecentFailed).text("error", e),
            )),
        }
    }

    /// Orders a list had to skip because they cannot be read: logged once each, counted in the
    /// status bar for the rest of the session, and the first time the staff is told what to do.
    async fn note_damage(&self, found: &[crate::store::Damaged]) {
        if found.is_empty() {
            return;
        }
        let (first, count) = {
            let mut seen = self.damaged.lock().await;
            let was_empty = seen.is_empty();
            for d in found {
                if seen.insert(d.detail.clone()) {
                    tracing::error!(
                        "an order in the store cannot be read and is not shown: {}",
                        d.detail
                    );
                }
            }
            (was_empty, seen.len())
        };
        let mut st = self.status.lock().await;
        if st.damaged_orders != count {
            st.damaged_orders = count;
            self.send(Msg::Status(st.clone()));
        }
        if first {
            self.send(Msg::Error(
                Message::new(MsgId::WorkerOrdersDamaged)
                    .num("n", count as i64)
                    .msg("hint", MsgId::RestoreHint),
            ));
        }
    }

    async fn find_regulars(&self, digits: String) {
        let store = self.lifecycle.store().clone();
        let wanted = digits.clone();
        let found =
            tokio::task::spawn_blocking(move || store.regulars(&wanted, REGULARS_OFFERED)).await;
        match found {
            Ok(Ok(found)) => self.send(Msg::Regulars { digits, found }),
            // Offering regulars is a convenience: a failure only goes to the log.
            Ok(Err(e)) => tracing::warn!("regulars for {digits}: {e}"),
            Err(e) => tracing::warn!("regulars for {digits}: {e}"),
        }
    }

    async fn submit(&self, draft: SaleDraft) {
        let placed = self.lifecycle.place_valid(draft.order.clone()).await;
        if let Err(e) = self.tell_placed(draft.id, placed).await {
            self.send(Msg::SaleFailed {
                draft,
                error: order_error_text(&e),
            });
        }
    }

    /// Tells the screen a sale (mobile or internet) was written and sent, or written, sent and
    /// its answer not recorded; any other error is the caller's to tell with its draft.
    pub(super) async fn tell_placed(
        &self,
        id: SaleId,
        placed: Result<OrderRecord, OrderError>,
    ) -> Result<(), OrderError> {
        match placed {
            Ok(record) => self.send(Msg::SaleSaved { id, record }),
            Err(OrderError::SentUnrecorded { reference, error }) => {
                self.send(Msg::SaleUnrecorded {
                    id,
                    reference,
                    error: error.message(),
                })
            }
            Err(e) => return Err(e),
        }
        self.refresh_status().await;
        Ok(())
    }

    async fn menu(&self, phone: Phone) {
        let placed = match self.lifecycle.request_menu(&phone).await {
            Ok(rec) => rec,
            Err(e) => {
                self.send(Msg::Notice(crate::ui::state::Notice::error(
                    crate::i18n::Message::new(crate::i18n::MsgId::ToastOffersFailed)
                        .text("phone", &phone)
                        .msg_of("error", order_error_text(&e)),
                )));
                return;
            }
        };
        match self.lifecycle.wait_settled(placed, MENU_WAIT).await {
            Waited::Settled(rec) => match Phone::parse(&rec.phone) {
                Ok(p) if !rec.suggested_offers().is_empty() => self.send(Msg::MenuOffers {
                    phone: p,
                    offers: rec.suggested_offers().to_vec(),
                }),
                _ => self.send(Msg::Error(
                    Message::new(MsgId::WorkerNoOffers)
                        .text("phone", &phone)
                        .msg("state", rec.word()),
                )),
            },
            Waited::StillOpen(_) => self.send(Msg::Error(
                Message::new(MsgId::WorkerOffersSlow).text("phone", &phone),
            )),
        }
    }

    /// Open orders now (from the store), balance and connection soon ([`BALANCE_GAP`]). Never
    /// waits for the API.
    async fn refresh_status(&self) {
        self.refresh_open_count().await;
        self.refresh_twin().await;
        self.balance_soon();
    }

    /// Another till using this till's terminal id (found by the audit): the status bar says so
    /// while it does, and the staff is told what to do when it starts.
    async fn refresh_twin(&self) {
        let store = self.lifecycle.store().clone();
        let terminal = self.lifecycle.terminal_id().to_string();
        let twin = tokio::task::spawn_blocking(move || TwinTill::load(&store))
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
            .filter(|t| t.warns(&terminal, chrono::Utc::now()))
            .map(|t| t.terminal);
        let mut st = self.status.lock().await;
        if st.twin_till == twin {
            return;
        }
        let news = st.twin_till.is_none();
        st.twin_till = twin.clone();
        self.send(Msg::Status(st.clone()));
        if let (true, Some(terminal)) = (news, twin) {
            self.send(Msg::Error(
                Message::new(MsgId::WorkerTwinTill).text("terminal", terminal),
            ));
        }
    }

    async fn refresh_open_count(&self) {
        let store = self.lifecycle.store().clone();
        let open = tokio::task::spawn_blocking(move || store.open_count())
            .await
            .ok()
            .and_then(Result::ok);
        let mut st = self.status.lock().await;
        if let Some(n) = open
            && st.open_orders != n
        {
            st.open_orders = n;
            self.send(Msg::Status(st.clone()));
        }
    }

    /// Asks the balance once [`BALANCE_GAP`] has passed since the last ask (at once if it has);
    /// an ask already due takes this one in.
    fn balance_soon(&self) {
        let due = {
            let mut pace = self.balance_pace.lock().unwrap_or_else(|p| p.into_inner());
            if pace.due {
                return;
            }
            pace.due = true;
            let now = tokio::time::Instant::now();
            pace.last.map_or(now, |at| (at + BALANCE_GAP).max(now))
        };
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep_until(due).await;
            {
                let mut pace = me.balance_pace.lock().unwrap_or_else(|p| p.into_inner());
                pace.due = false;
                pace.last = Some(tokio::time::Instant::now());
            }
            me.refresh_balance().await;
        });
    }

    /// Balance and connection. Background work: the clerk's requests go first.
    async fn refresh_balance(&self) {
        self.check_key().await;
        let balance = self.lifecycle.api().background().balance().await;
        if let Err(e) = &balance
            && e.is_key_refused()
        {
            self.tell_refused(e).await;
        }
        let mut st = self.status.lock().await;
        match balance {
            Ok(b) => {
                st.balance = Some(b.balance);
                st.connection = Connection::Online;
            }
            Err(e) if e.is_key_refused() => {
                st.connection = Connection::Error(Message::new(refused_status(&e)))
            }
            Err(e) if e.http_status().is_some() => st.connection = Connection::Error(e.message()),
            Err(_) => st.connection = Connection::Offline,
        }
        self.send(Msg::Status(st.clone()));
    }

    /// Asks `/v3/validate` until it answers, before the other requests of the start (the lock
    /// makes them wait for that one answer): it tells SANDBOX or PRODUCTION for the status bar.
    async fn check_key(&self) {
        let mut news = self.key.lock().await;
        if news.validated {
            return;
        }
        match self.lifecycle.api().validate().await {
            Ok(v) => {
                news.validated = true;
                // Shown with the next status (the balance follows at once), not on its own.
                if self.mode != RunMode::Practice {
                    self.status.lock().await.mode = match v.api_key.key_type {
                        KeyType::Sandbox => RunMode::Sandbox,
                        KeyType::Production => RunMode::Production,
                    };
                }
            }
            Err(e) if e.is_key_refused() => self.tell_refused_locked(&mut news, &e),
            // Offline or a server error: asked again with the next request.
            Err(_) => {}
        }
    }

    async fn tell_refused(&self, e: &ApiError) {
        let mut news = self.key.lock().await;
        self.tell_refused_locked(&mut news, e);
    }

    /// Says once, plainly, that the key is refused and what to do.
    fn tell_refused_locked(&self, news: &mut KeyNews, e: &ApiError) {
        if news.told {
            return;
        }
        news.told = true;
        let code = match e {
            ApiError::Refused { code, .. } | ApiError::KeyRefused { code } => code.as_str(),
            _ => "",
        };
        let code = crate::text::sanitize_line(code);
        let key = crate::ui::keys::key_msg(crate::ui::keys::Action::Refresh);
        let why = if crate::api::is_access_code(&code) {
            let advice = match e.refusal().and_then(|r| r.advice()) {
                Some(a) => Message::new(MsgId::ApiAccessRefused)
                    .text("code", &code)
                    .msg("advice", a),
                None => e.message(),
            };
            Message::new(MsgId::WorkerAccessRefused)
                .msg_of("why", advice)
                .msg_of("key", key)
        } else {
            Message::new(MsgId::WorkerKeyRefused)
                .text("code", &code)
                .msg_of("key", key)
        };
        tracing::warn!("{}", why.in_lang(crate::i18n::Lang::En));
        self.send(Msg::Error(why));
    }

    /// F5: a refused key may be asked about again (one request: the client's latch lets one out
    /// until the API answers).
    async fn lift_refused_key(&self) {
        let api = self.lifecycle.api();
        if api.key_refused().is_some() {
            api.lift_key_latch();
            *self.key.lock().await = KeyNews::default();
        }
    }

    async fn status_loop(self) {
        let mut every = tokio::time::interval(STATUS_EVERY);
        loop {
            every.tick().await;
            self.refresh_status().await;
        }
    }

    async fn forward_changes(self, mut changes: broadcast::Receiver<OrderRecord>) {
        loop {
            match changes.recv().await {
                Ok(rec) => {
                    // An order made elsewhere changes neither the open count nor, by arriving
                    // in the store, the balance.
                    let closed = rec.state.is_final() && !rec.is_external();
                    let twin = rec.history.last().and_then(|h| h.note.as_ref())
                        == Some(&crate::ledger::Note::TwinTill);
                    self.auto_print(&rec);
                    self.send(Msg::OrderChanged(rec));
                    if closed {
                        self.refresh_status().await;
                    } else if twin {
                        self.refresh_twin().await;
                    }
                }
                // Missed some changes: the open-order count and history are re-read.
                Err(RecvError::Lagged(_)) => self.refresh_status().await,
                Err(RecvError::Closed) => break,
            }
        }
    }
}

/// Why an order was not placed, in the screen's words (a refused sale is worded by the screen's
/// one wording of the sale gate).
fn order_error_text(e: &OrderError) -> crate::i18n::Message {
    match e {
        OrderError::Invalid(why) => crate::ui::refusal::explain(why).message,
        other => other.message(),
    }
}

/// The status bar's words for requests that stand refused.
fn refused_status(e: &ApiError) -> MsgId {
    let access = e.is_access_refusal()
        || matches!(e, ApiError::KeyRefused { code } if crate::api::is_access_code(code));
    if access {
        MsgId::BarAccessRefused
    } else {
        MsgId::BarKeyRefused
    }
}
