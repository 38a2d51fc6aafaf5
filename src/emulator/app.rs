//! The emulator's shared state and the operations behind the routes.

use super::account::{Deposit, Ledger, Order};
use super::auth::{BLOCK_FOR, Guard};
use super::catalogue::Catalogue;
use super::config::EmulatorConfig;
use super::envelope::{ApiFailure, iso_ms};
use super::error::EmulatorError;
use super::faults::Faults;
use super::messages;
use super::networks::Network;
use super::persist;
use super::stats::{RefCounter, RouteCounter, Stats};
use super::timeline::{Refund, Stage, Timing, stage_at};
use super::validate::ValidSend;
use crate::api::list::{Pagination, TopupList};
use crate::api::types::{PlanKind, SendData, SuggestedOffer, TopupInfo, TopupStatus};
use crate::money::Dzd;
use axum::http::StatusCode;
use serde_json::json;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// The account name `/v3/validate` reports; also part of generated refs.
pub const USERNAME: &str = "+213550000000";
/// Most practice money one deposit may add.
const MAX_DEPOSIT: Dzd = Dzd::from_dinars(10_000_000);

#[derive(Debug)]
pub struct App {
    pub key: String,
    pub timing: Timing,
    pub catalogue: Catalogue,
    pub guard: Guard,
    pub faults: Faults,
    pub refs: RefCounter,
    /// `/v3` requests by route, for the stats.
    pub requests: RouteCounter,
    ledger: Mutex<Ledger>,
    /// The server's clock, ahead of this machine's by this much (ms).
    clock_offset_ms: i64,
    state_file: Option<PathBuf>,
    _state_lock: Option<persist::StateLock>,
}

impl App {
    /// Checks the config, loads the catalogue and the state file (creating it when absent).
    pub fn new(config: EmulatorConfig) -> Result<App, EmulatorError> {
        config.validate()?;
        let catalogue = Catalogue::load(config.plans)?;
        let timing = Timing {
            speed: config.speed,
            seed: config.seed,
            unknown_resolve_after: config.unknown_resolve_after,
            queued_resolve_after: config.queued_resolve_after,
        };
        let state_lock = config
            .state_file
            .as_deref()
            .map(persist::lock)
            .transpose()?;
        let ledger = match &config.state_file {
            None => Ledger::new(config.balance),
            Some(path) => match persist::load(path)? {
                Some(snapshot) => {
                    Ledger::from_snapshot(snapshot).map_err(|message| EmulatorError::StateFile {
                        path: path.clone(),
                        message: format!("it is damaged and was left untouched ({message})"),
                    })?
                }
                None => {
                    let fresh = Ledger::new(config.balance);
                    persist::save(path, &fresh.snapshot())?;
                    fresh
                }
            },
        };
        Ok(App {
            guard: Guard::new(config.key.clone(), timing.scaled(BLOCK_FOR)),
            key: config.key,
            timing,
            catalogue,
            faults: Faults::new(
                config.faults,
                config.seed,
                timing.scaled(super::faults::RATE_LIMIT_WAIT),
            ),
            refs: RefCounter::default(),
            requests: RouteCounter::default(),
            ledger: Mutex::new(ledger),
            clock_offset_ms: config.clock_offset_ms,
            state_file: config.state_file,
            _state_lock: state_lock,
        })
    }

    /// The server's time, unix ms.
    pub fn now_ms(&self) -> i64 {
        super::envelope::machine_now_ms().saturating_add(self.clock_offset_ms)
    }

    /// A `{success:true, data, meta:{timestamp}, requestId}` answer stamped with the server's time.
    pub fn ok<T: serde::Serialize>(&self, data: T) -> axum::response::Response {
        super::envelope::ok_at(self.now_ms(), data)
    }

    pub(super) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn save(&self, ledger: &Ledger) -> Result<(), EmulatorError> {
        match &self.state_file {
            Some(path) => persist::save(path, &ledger.snapshot()),
            None => Ok(()),
        }
    }

    pub fn balance(&self) -> Dzd {
        self.ledger().balance(self.now_ms(), &self.timing)
    }

    /// A send request's order. Duplicate ref, then balance, then the order — all under one
    /// lock, so of two concurrent sends with one ref exactly one is accepted.
    pub fn place_order(&self, send: ValidSend) -> Result<SendData, ApiFailure> {
        self.accept(send, self.now_ms(), false)
    }

    /// An order made on the account "from the dashboard" `ago_ms` ago (real time): charged and
    /// listed like any other, but not counted as a send request in the stats.
    pub fn place_dashboard_order(
        &self,
        send: ValidSend,
        ago_ms: i64,
    ) -> Result<SendData, ApiFailure> {
        self.accept(send, self.now_ms().saturating_sub(ago_ms.max(0)), true)
    }

    fn accept(
        &self,
        send: ValidSend,
        created_ms: i64,
        dashboard: bool,
    ) -> Result<SendData, ApiFailure> {
        let charge = send
            .charge()
            .ok_or_else(|| ApiFailure::internal("the charge cannot be computed"))?;
        let taking = Taking {
            reference: send.reference,
            scenario: "success",
            charge,
            made_ms: created_ms,
            counted: !dashboard,
        };
        self.take_order(
            taking,
            |ledger, id, reference| {
                ledger.push(Order {
                    id,
                    reference,
                    plan_code: send.plan.code.clone(),
                    mssidn: send.mssidn,
                    topup_amount: send.amount,
                    balance_amount: charge,
                    created_ms,
                    getmenu: send.plan.kind() == PlanKind::GetMenu,
                    dashboard,
                })
            },
            Ledger::pop,
        )
    }

    /// What every send asks of the account, mobile or internet, under one lock (so of two
    /// concurrent sends with one ref exactly one is accepted): a ref not used before (else 403
    /// `DUPLICATED-REF`; none given: one made like the sandbox's), then the balance for the
    /// charge (else 403 `INSUFFICIENT_BALANCE`), then the order kept by `keep` and saved before
    /// it is answered (else undone by `undo`, and a 500).
    pub(super) fn take_order(
        &self,
        taking: Taking,
        keep: impl FnOnce(&mut Ledger, String, String),
        undo: fn(&mut Ledger),
    ) -> Result<SendData, ApiFailure> {
        let now = self.now_ms();
        let mut ledger = self.ledger();
        let reference = match taking.reference {
            Some(r) if ledger.ref_used(&r) => {
                return Err(ApiFailure::new(
                    StatusCode::FORBIDDEN,
                    "DUPLICATED-REF",
                    messages::DUPLICATED_REF,
                ));
            }
            Some(r) => r,
            None => generated_ref(&ledger, now, taking.scenario),
        };
        let available = ledger.balance(now, &self.timing);
        if taking.charge > available {
            return Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                "INSUFFICIENT_BALANCE",
                messages::INSUFFICIENT_BALANCE,
            )
            .with_details(json!({ "required": taking.charge, "available": available })));
        }
        let topup_id = ledger.new_id(taking.made_ms);
        keep(&mut ledger, topup_id.clone(), reference.clone());
        if let Err(e) = self.save(&ledger) {
            undo(&mut ledger);
            tracing::warn!("emulator order not saved: {e}");
            return Err(ApiFailure::internal(format!(
                "{} (the emulator could not save its state)",
                messages::INTERNAL_ERROR
            )));
        }
        drop(ledger);
        if taking.counted {
            self.refs.accepted(&reference);
        }
        Ok(SendData {
            topup_id,
            topup_ref: Some(reference),
            new_balance: Some(available - taking.charge),
        })
    }

    /// One page of `GET /v3/mobile/list`: the orders created within `window` (unix ms, both
    /// ends included; every order without one), newest first.
    pub fn list(&self, page: u64, page_size: u64, window: Option<(i64, i64)>) -> TopupList {
        let ledger = self.ledger();
        let created: Vec<i64> = ledger.orders().iter().map(|o| o.created_ms).collect();
        paginate(&created, page, page_size, window, |i| {
            self.topup_info(&ledger.orders()[i])
        })
    }

    pub fn topup_by_ref(&self, reference: &str) -> Option<TopupInfo> {
        let ledger = self.ledger();
        ledger.by_ref(reference).map(|o| self.topup_info(o))
    }

    pub fn topup_by_id(&self, id: &str) -> Option<TopupInfo> {
        let ledger = self.ledger();
        ledger.by_id(id).map(|o| self.topup_info(o))
    }

    /// The §5 object for an order as it stands now.
    fn topup_info(&self, o: &Order) -> TopupInfo {
        let stage = stage_at(o, self.now_ms(), &self.timing);
        let offers = || self.offers(o);
        let refunded = matches!(stage, Stage::Refunded(_));
        let (status, message, offers): (_, Option<String>, Vec<SuggestedOffer>) = match stage {
            Stage::Pending => (TopupStatus::Pending, None, vec![]),
            Stage::Handling => (TopupStatus::Handling, None, vec![]),
            Stage::Fulfilled => (TopupStatus::Fulfilled, None, vec![]),
            Stage::UnknownError => (
                TopupStatus::UnknownError,
                Some(messages::UNKNOWN_ERROR_MESSAGE.to_string()),
                vec![],
            ),
            Stage::Refunded(why) => {
                let (message, offers) = match why {
                    Refund::WrongNumber => (messages::refund_wrong_number(&o.mssidn), vec![]),
                    Refund::WithOffers => (messages::refund_with_offers(&o.mssidn), offers()),
                    Refund::GetMenu => (messages::getmenu_offers(&o.mssidn), offers()),
                    Refund::UnknownResolved => {
                        (messages::unknown_resolved_refunded(&o.mssidn), vec![])
                    }
                };
                (TopupStatus::Refunded, Some(message), offers)
            }
        };
        TopupInfo {
            id: o.id.clone(),
            reference: Some(o.reference.clone()),
            status,
            plan_code: Some(o.plan_code.clone()),
            mssidn: Some(o.mssidn.clone()),
            topup_amount: Some(o.topup_amount),
            // What the account was finally charged (§12): a refunded order charged nothing.
            balance_amount: Some(if refunded {
                Dzd::ZERO
            } else {
                o.balance_amount
            }),
            created_at: Some(iso_ms(o.created_ms)),
            refund_message: message,
            suggested_offers: offers,
            follow_orderid: None,
            retry_orderid: None,
            kind: None,
            number: None,
            card_code: None,
            num_trans: None,
            date_traitement: None,
            extra: Default::default(),
        }
    }

    fn offers(&self, o: &Order) -> Vec<SuggestedOffer> {
        let line = Network::of_number(&o.mssidn);
        line.map(|op| self.catalogue.offers_for(op, &o.plan_code))
            .unwrap_or_default()
    }

    /// Adds practice money; answers the new balance.
    pub fn deposit(&self, amount: Dzd) -> Result<Dzd, EmulatorError> {
        if amount <= Dzd::ZERO || amount > MAX_DEPOSIT {
            return Err(EmulatorError::Config(format!(
                "a deposit must be more than 0 and at most {MAX_DEPOSIT}, got {amount}"
            )));
        }
        let now = self.now_ms();
        let mut ledger = self.ledger();
        ledger.deposit(Deposit { amount, at_ms: now });
        if let Err(e) = self.save(&ledger) {
            ledger.pop_deposit();
            return Err(e);
        }
        Ok(ledger.balance(now, &self.timing))
    }

    pub fn stats(&self) -> Stats {
        let (totals, orders, dashboard_orders) = {
            let ledger = self.ledger();
            let dashboard = ledger.orders().iter().filter(|o| o.dashboard).count();
            (
                ledger.totals(self.now_ms(), &self.timing),
                ledger.len(),
                dashboard,
            )
        };
        Stats {
            refs: self.refs.snapshot(),
            balance: totals.balance,
            charged_total: totals.charged,
            refunded_total: totals.refunded,
            net_charged: totals.charged - totals.refunded,
            orders,
            dashboard_orders,
            auth_refusals: self.guard.refusals(),
            requests: self.requests.snapshot(),
        }
    }
}

/// One page of a list, newest first (of two made in the same millisecond, the one accepted
/// later), of the orders whose creation times (unix ms, in the order they were accepted) are
/// `created` and fall within `window`; `info(i)` is the item of the `i`-th order.
pub(super) fn paginate(
    created: &[i64],
    page: u64,
    page_size: u64,
    window: Option<(i64, i64)>,
    info: impl Fn(usize) -> TopupInfo,
) -> TopupList {
    let mut hits: Vec<(usize, i64)> = created
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, at)| window.is_none_or(|(from, to)| from <= at && at <= to))
        .collect();
    hits.sort_by(|(ia, a), (ib, b)| b.cmp(a).then(ib.cmp(ia)));
    let total_results = hits.len() as u64;
    let page_size = page_size.max(1);
    let skip =
        usize::try_from(page.saturating_sub(1).saturating_mul(page_size)).unwrap_or(usize::MAX);
    let items = hits
        .iter()
        .skip(skip)
        .take(usize::try_from(page_size).unwrap_or(usize::MAX))
        .map(|&(i, _)| info(i))
        .collect();
    TopupList {
        items,
        pagination: Pagination {
            page,
            page_size,
            total_pages: total_results.div_ceil(page_size),
            total_results,
        },
    }
}

/// What a send asks of the account ([`App::take_order`]).
pub(super) struct Taking {
    /// The ref given, if any.
    pub reference: Option<String>,
    /// The end of a ref made for a send that gave none (`success`, `internet`).
    pub scenario: &'static str,
    pub charge: Dzd,
    /// When the order was made (a dashboard order: some time ago).
    pub made_ms: i64,
    /// A send request (the stats count it); not a dashboard order.
    pub counted: bool,
}

/// `API-+213550000000-test-<ms>-<scenario>`, like the sandbox's generated refs, made unique.
fn generated_ref(ledger: &Ledger, now_ms: i64, scenario: &str) -> String {
    let mut ms = now_ms;
    loop {
        let r = format!("API-{USERNAME}-test-{ms}-{scenario}");
        if !ledger.ref_used(&r) {
            return r;
        }
        ms += 1;
    }
}
