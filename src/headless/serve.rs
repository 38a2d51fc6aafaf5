//! The till answers the commands (`orders`, `report`, `sync`, `send`, …) over its channel with
//! the same functions the commands run when no till is open, so both give the same bytes.

use crate::orders::Lifecycle;
use crate::rules::ShopClock;
use crate::till_channel::Endpoint;
use crate::till_channel::protocol::{Answer, Ask, OrdersPage, Refusal, TillInfo};
use crate::till_channel::server::{Answerer, TillServer};
use std::future::Future;
use std::time::Duration;

/// What the till serves from.
#[derive(Clone)]
pub struct Served {
    pub lifecycle: Lifecycle,
    pub clock: ShopClock,
    pub info: TillInfo,
}

impl Answerer for Served {
    fn answer(&self, ask: Ask) -> impl Future<Output = Answer> + Send {
        answer(self, ask)
    }
}

/// Serves one request with the till's store, lifecycle and poller.
async fn answer(served: &Served, ask: Ask) -> Answer {
    let lc = &served.lifecycle;
    match ask {
        Ask::Status => Answer::Status(served.info.clone()),
        Ask::Orders { filter, limit } => {
            let store = lc.store().clone();
            let query = filter.query(served.clock);
            blocking(move || super::fetch_orders(&store, &query, limit))
                .await
                .map_or_else(Answer::Failed, |page: OrdersPage| Answer::Orders(page))
        }
        Ask::Report { period } => {
            let store = lc.store().clone();
            let clock = served.clock;
            blocking(move || super::fetch_report(&store, &clock, period))
                .await
                .map_or_else(Answer::Failed, |r| Answer::Report(Box::new(r)))
        }
        Ask::Sync { from, wait_secs } => {
            let wait = wait_secs.map(Duration::from_secs);
            super::run_sync(lc, &served.clock, from, wait, &mut |_| {})
                .await
                .map_or_else(Answer::Failed, |s| Answer::Sync(Box::new(s)))
        }
        Ask::InternetSend { order, wait_secs } => {
            let wait = wait_secs.map(Duration::from_secs);
            Answer::Send(Box::new(
                super::place_internet_order(lc, &order, wait).await,
            ))
        }
        Ask::InternetProducts { kind, refresh } => {
            super::fetch_internet_products(lc, kind, refresh)
                .await
                .map_or_else(Answer::Failed, |p| Answer::InternetProducts(Box::new(p)))
        }
        Ask::InternetCheck { kind, number } => {
            match crate::rules::InternetNumber::parse(kind, &number) {
                Ok(number) => {
                    Answer::LineChecked(Box::new(super::check_internet_line(lc, &number).await))
                }
                Err(_) => Answer::Refused(Refusal::Malformed),
            }
        }
        Ask::Receipt { reference } => {
            let store = lc.store().clone();
            blocking(move || super::fetch_receipt(&store, &reference))
                .await
                .map_or_else(Answer::Failed, |r| Answer::Receipt(Box::new(r)))
        }
        Ask::CountPrint { reference, at } => {
            let store = lc.store().clone();
            blocking(move || super::count_receipt(&store, &reference, at))
                .await
                .map_or_else(Answer::Failed, Answer::Printed)
        }
        Ask::Plans { refresh } => super::fetch_plans(lc, refresh)
            .await
            .map_or_else(Answer::Failed, |p| Answer::Plans(Box::new(p))),
        Ask::Send { order, wait_secs } => {
            let wait = wait_secs.map(Duration::from_secs);
            Answer::Send(Box::new(super::place_order(lc, &order, wait).await))
        }
    }
}

/// Runs a store read on a blocking thread (a panic there is an error answer, not a dead till).
async fn blocking<T: Send + 'static>(
    read: impl FnOnce() -> Result<T, crate::i18n::Message> + Send + 'static,
) -> Result<T, crate::i18n::Message> {
    match tokio::task::spawn_blocking(read).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!("till channel: a read stopped: {e}");
            Err(crate::i18n::Message::new(
                crate::i18n::MsgId::TillReadStopped,
            ))
        }
    }
}

/// Serves `session`'s store on its endpoint while it runs (the counter screen: `counter`). A
/// channel that cannot start is logged and the till opens all the same: the commands then say
/// the store is in use, as before.
pub async fn serve_session(session: &crate::session::Session, counter: bool) -> Option<TillServer> {
    let config = session.config();
    let mode = crate::till_status::RunMode::at_start(&config.mode);
    let served = Served {
        lifecycle: session.lifecycle().clone(),
        clock: config.shop_clock(),
        info: TillInfo {
            since: chrono::Utc::now(),
            mode,
            terminal: session.lifecycle().terminal_id().to_string(),
            pid: std::process::id(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            counter,
        },
    };
    let endpoint = Endpoint::for_store(&config.store_dir());
    match TillServer::start(endpoint.clone(), served).await {
        Ok(server) => Some(server),
        Err(e) => {
            tracing::warn!(
                "the commands cannot reach this till ({}): {e}",
                endpoint.display()
            );
            None
        }
    }
}
