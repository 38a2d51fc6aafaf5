//! The counter screen wired to the order machinery: the worker that turns the UI's
//! [`Effect`]s into store/API work and answers with [`Msg`]s, the forwarder of live order
//! changes, and the status refresher. The UI itself never does I/O.

use crate::api::types::KeyType;
use crate::books::{self, Period, ShopClock};
use crate::orders::lifecycle::{Lifecycle, OrderError};
use crate::orders::plans_sync::PlanSnapshot;
use crate::orders::validate::NewOrder;
use crate::orders::{OrderRecord, OrderState};
use crate::store::OrderQuery;
use crate::till_status::{Connection, RunMode, StatusInfo};
use crate::ui::msg::{Effect, HistoryQuery, Msg, ReportData, SaleDraft};
use crate::ui::state::{AppState, UiSettings};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::{Mutex, broadcast};

/// How often balance and connection are refreshed while the app is open.
const STATUS_EVERY: Duration = Duration::from_secs(30);
/// Regulars offered under the number being typed.
const REGULARS_OFFERED: usize = 5;
/// How long a GETMENU request may take before the staff is told to look in the history.
const MENU_WAIT: Duration = Duration::from_secs(90);

/// What the API said of the key. After a refusal no request goes out on its own: each one would
/// spend one of the 5 attempts OneClickDz allows before it blocks the shop's IP for 15 minutes.
#[derive(Clone, Debug, PartialEq)]
enum KeyState {
    /// Not asked yet, or the API could not be reached when asked.
    Unchecked,
    Accepted,
    Refused(String),
}

/// Shared by the worker's tasks.
#[derive(Clone)]
pub struct Worker {
    lifecycle: Lifecycle,
    msgs: UnboundedSender<Msg>,
    mode: RunMode,
    /// Last status shown, so a partial refresh keeps the other fields.
    status: Arc<Mutex<StatusInfo>>,
    /// The shop's clock: the history's day filter is a local day.
    utc_offset: chrono::FixedOffset,
    /// The shop's days, for the books.
    clock: ShopClock,
    key: Arc<Mutex<KeyState>>,
}

/// Runs the counter screen until the staff quits. The terminal is restored on every way out.
pub async fn run_counter(lifecycle: Lifecycle, settings: UiSettings) -> std::io::Result<()> {
    let (msg_tx, msg_rx) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let worker = Worker::new(lifecycle, msg_tx, settings.mode, settings.utc_offset)
        .with_clock(settings.clock());
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
        utc_offset: chrono::FixedOffset,
    ) -> Worker {
        let status = StatusInfo {
            mode,
            balance: None,
            connection: Connection::Unknown,
            open_orders: 0,
            plans_fetched_at: None,
        };
        Worker {
            lifecycle,
            msgs,
            mode,
            status: Arc::new(Mutex::new(status)),
            utc_offset,
            clock: ShopClock::new(utc_offset, chrono::NaiveTime::MIN),
            key: Arc::new(Mutex::new(KeyState::Unchecked)),
        }
    }

    /// The shop's day start (`day_starts_at`), for the report screen.
    pub fn with_clock(mut self, clock: ShopClock) -> Worker {
        self.clock = clock;
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
            Effect::RequestMenu { phone } => self.menu(phone.as_str().to_string()).await,
            Effect::RefreshStatus => self.refresh_status(false).await,
            Effect::LoadReport { query_id, period } => self.load_report(query_id, period).await,
            Effect::LoadRecent { limit } => self.load_recent(limit).await,
            Effect::FindRegulars { digits } => self.find_regulars(digits).await,
            Effect::Quit => {}
        }
    }

    async fn load_plans(&self, force: bool) {
        let plans = self.lifecycle.plans();
        // F5 (`force`) is the staff asking again after a refused key.
        if self.key_usable(force).await.is_err() {
            match plans.cached() {
                Ok(Some(snap)) => self.plans_loaded(snap).await,
                _ => self.send(Msg::PlansFailed(
                    "no plan list: the API key was refused (see the message above)".into(),
                )),
            }
            return;
        }
        let result = if force {
            self.refresh_status(false).await;
            plans.refresh().await
        } else {
            plans.get().await
        };
        match result {
            Ok(snap) => self.plans_loaded(snap).await,
            Err(e) => self.send(Msg::PlansFailed(e.to_string())),
        }
    }

    async fn plans_loaded(&self, snap: PlanSnapshot) {
        if let Some(err) = &snap.refresh_error {
            self.send(Msg::Error(format!(
                "could not refresh plans ({err}); using the cached list"
            )));
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
        query: HistoryQuery,
        before: Option<crate::orders::OrderKey>,
        limit: usize,
    ) {
        let store = self.lifecycle.store().clone();
        let q = OrderQuery {
            phone: query.phone,
            reference: query.reference,
            status: query.status,
            day: query.day,
            day_offset_secs: self.utc_offset.local_minus_utc(),
        };
        // sled reads are quick but blocking: keep them off the async threads.
        let page = tokio::task::spawn_blocking(move || store.page(&q, before, limit)).await;
        match page {
            Ok(Ok(page)) => {
                let has_more = page.has_more();
                self.send(Msg::HistoryPage {
                    query_id,
                    orders: page.orders,
                    has_more,
                });
            }
            Ok(Err(e)) => self.send(Msg::Error(format!("order history: {e}"))),
            Err(e) => self.send(Msg::Error(format!("order history: {e}"))),
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
            Ok(Err(e)) => self.send(Msg::Error(format!("the books: {e}"))),
            Err(e) => self.send(Msg::Error(format!("the books: {e}"))),
        }
    }

    async fn load_recent(&self, limit: usize) {
        let store = self.lifecycle.store().clone();
        let page =
            tokio::task::spawn_blocking(move || store.page(&OrderQuery::default(), None, limit))
                .await;
        match page {
            Ok(Ok(page)) => self.send(Msg::RecentOrders(page.orders)),
            Ok(Err(e)) => self.send(Msg::Error(format!("latest orders: {e}"))),
            Err(e) => self.send(Msg::Error(format!("latest orders: {e}"))),
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
        if let Err(why) = self.key_usable(false).await {
            self.send(Msg::SaleFailed {
                draft,
                error: format!("not sent, nothing charged: {why}"),
            });
            return;
        }
        let order = NewOrder {
            phone: draft.phone.as_str().to_string(),
            plan_code: draft.plan_code.clone(),
            amount: draft.amount.whole_dinars().map(|d| d.to_string()),
            price: draft.price,
        };
        match self.lifecycle.place(&order).await {
            Ok(rec) => {
                self.send(Msg::SaleSaved(rec));
                self.refresh_status(false).await;
            }
            Err(e) => self.send(Msg::SaleFailed {
                draft,
                error: order_error_text(&e),
            }),
        }
    }

    async fn menu(&self, phone: String) {
        if let Err(why) = self.key_usable(false).await {
            self.send(Msg::Error(format!("offers for {phone}: {why}")));
            return;
        }
        let mut changes = self.lifecycle.subscribe();
        let placed = match self.lifecycle.request_menu(&phone).await {
            Ok(rec) => rec,
            Err(e) => {
                self.send(Msg::Error(format!(
                    "offers for {phone}: {}",
                    order_error_text(&e)
                )));
                return;
            }
        };
        let reference = placed.reference.clone();
        let wait = async {
            let mut latest = placed;
            loop {
                if let Some(done) = menu_answer(&latest) {
                    return Some(done);
                }
                match changes.recv().await {
                    Ok(rec) if rec.reference == reference => latest = rec,
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => {
                        if let Ok(Some(rec)) = self.lifecycle.store().get_by_ref(&reference) {
                            latest = rec;
                        }
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        };
        match tokio::time::timeout(MENU_WAIT, wait).await {
            Ok(Some(rec)) => match crate::rules::Phone::parse(&rec.phone) {
                Ok(p) if !rec.suggested_offers().is_empty() => self.send(Msg::MenuOffers {
                    phone: p,
                    offers: rec.suggested_offers().to_vec(),
                }),
                _ => self.send(Msg::Error(format!(
                    "no offers came back for {phone} ({}); see the order in the history",
                    rec.state.label()
                ))),
            },
            Ok(None) => {}
            Err(_) => self.send(Msg::Error(format!(
                "offers for {phone} are taking long; the answer will appear in the history"
            ))),
        }
    }

    /// Balance, connection and open orders. `retry` asks the API again after a refused key.
    async fn refresh_status(&self, retry: bool) {
        let store = self.lifecycle.store().clone();
        let open = tokio::task::spawn_blocking(move || store.open_count())
            .await
            .ok()
            .and_then(Result::ok);
        let balance = if self.key_usable(retry).await.is_ok() {
            Some(self.lifecycle.api().balance().await)
        } else {
            None
        };
        let mut st = self.status.lock().await;
        if let Some(n) = open {
            st.open_orders = n;
        }
        match balance {
            Some(Ok(b)) => {
                st.balance = Some(b.balance);
                st.connection = Connection::Online;
            }
            Some(Err(e)) if e.http_status().is_some() => {
                st.connection = Connection::Error(crate::text::sanitize(&e.to_string()))
            }
            Some(Err(_)) => st.connection = Connection::Offline,
            None => st.connection = Connection::Error("API key refused".into()),
        }
        self.send(Msg::Status(st.clone()));
    }

    /// `Ok` when requests may go out, else why not. The key is validated before the first request (the
    /// lock makes the start-up effects wait for that one answer); after a refusal only `retry`
    /// (F5) asks again. `/v3/validate` also tells SANDBOX or PRODUCTION for the status bar.
    async fn key_usable(&self, retry: bool) -> Result<(), String> {
        let mut key = self.key.lock().await;
        let ask = match &*key {
            KeyState::Unchecked => true,
            KeyState::Refused(_) => retry,
            KeyState::Accepted => false,
        };
        if ask {
            match self.lifecycle.api().validate().await {
                Ok(v) => {
                    *key = KeyState::Accepted;
                    if self.mode != RunMode::Practice {
                        let mut st = self.status.lock().await;
                        st.mode = match v.api_key.key_type {
                            KeyType::Sandbox => RunMode::Sandbox,
                            KeyType::Production => RunMode::Production,
                        };
                        self.send(Msg::Status(st.clone()));
                    }
                }
                Err(e) if e.is_auth_refusal() => {
                    let why = format!(
                        "API key refused by OneClickDz ({}). Automatic requests are paused so \
                         the shop's IP is not blocked (5 bad keys = 15 min block). Fix \
                         ONECLICKDZ_API_KEY or api_key in config.toml and restart, or press F5 \
                         to try again.",
                        crate::text::sanitize(&e.to_string())
                    );
                    tracing::warn!("{why}");
                    self.send(Msg::Error(why.clone()));
                    *key = KeyState::Refused(why);
                }
                // Offline or a server error: the key is still unknown, and such failures do not
                // count against it.
                Err(_) => {}
            }
        }
        match &*key {
            KeyState::Refused(why) => Err(why.clone()),
            _ => Ok(()),
        }
    }

    async fn status_loop(self) {
        let mut every = tokio::time::interval(STATUS_EVERY);
        loop {
            every.tick().await;
            self.refresh_status(false).await;
        }
    }

    async fn forward_changes(self, mut changes: broadcast::Receiver<OrderRecord>) {
        loop {
            match changes.recv().await {
                Ok(rec) => {
                    let closed = rec.state.is_final();
                    self.send(Msg::OrderChanged(rec));
                    if closed {
                        self.refresh_status(false).await;
                    }
                }
                // Missed some changes: the open-order count and history are re-read.
                Err(RecvError::Lagged(_)) => self.refresh_status(false).await,
                Err(RecvError::Closed) => break,
            }
        }
    }
}

/// The finished GETMENU order, or `None` while it is still open.
fn menu_answer(rec: &OrderRecord) -> Option<OrderRecord> {
    let done = rec.state.is_final() || rec.state == OrderState::UnknownError;
    done.then(|| rec.clone())
}

fn order_error_text(e: &OrderError) -> String {
    crate::text::sanitize(&e.to_string())
}
