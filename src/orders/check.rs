//! Asking the API where an order stands, and recording the answer.
//!
//! - `Saved` (a crash mid-send) and `Unconfirmed` orders are reconciled with `check-ref`.
//!   A NOT_FOUND answer is only proof that nothing was sent when the request that got it left
//!   at least `reconcile_window` after the last send attempt, on clocks a stepped wall clock
//!   cannot fool ([`super::send_clock`]); errors prove nothing.
//! - Other open orders are checked with `check-id` (falling back to `check-ref`), on the
//!   endpoints of their product (`/v3/mobile/…` or `/v3/internet/…`).
//! - An internet top-up QUEUED at Algérie Télécom (12–48 h) stays open, never failed, and is
//!   checked again slowly ([`Pace::Queued`]).
//! - Every answer is kept whole in `record.api`; each status change goes into the timeline.
//!   An unknown status string keeps the order open; a final order never changes again.
//! - An answer is used only when it is about this order ([`crate::ledger::conflict::compare`]):
//!   its `ref` must be ours, its `_id`, number (`MSSIDN` or `number`), plan, internet `type`
//!   and amount those of the order, its charge no more than the top-up is worth. Any other
//!   answer is a conflict: noted on the order's timeline (once), shown as its last error,
//!   counted by `sync`; nothing else changes. An answer the client found impossible (a
//!   negative amount) is a protocol error, handled alike.

use super::lifecycle::{Lifecycle, OrderError};
use super::schedule::Pace;
use super::send_clock::Watch;
use crate::api::ApiError;
use crate::api::types::{TopupInfo, TopupStatus};
use crate::ledger::conflict::compare;
use crate::ledger::{Conflict, Note, OrderRecord, OrderState, Problem};
use crate::rules::Product;
use chrono::{DateTime, Utc};

/// What one check found.
#[derive(Debug)]
pub enum CheckOutcome {
    /// Final now (or already was): stop checking.
    Final(OrderRecord),
    /// Still open: check again at this pace.
    Open { record: OrderRecord, pace: Pace },
    /// No usable answer (network, 5xx, 429, unreadable, or the store failed): back off.
    Failed {
        record: Option<OrderRecord>,
        error: String,
    },
    /// The answer contradicts the order (another number, plan, amount or id): not applied;
    /// back off as after an error.
    Conflict {
        record: Option<OrderRecord>,
        conflict: Conflict,
    },
    /// Being sent by this process right now: look again later.
    Busy,
    /// No order with that ref.
    Missing,
}

impl CheckOutcome {
    pub fn record(self) -> Option<OrderRecord> {
        match self {
            CheckOutcome::Final(r) | CheckOutcome::Open { record: r, .. } => Some(r),
            CheckOutcome::Failed { record, .. } | CheckOutcome::Conflict { record, .. } => record,
            CheckOutcome::Busy | CheckOutcome::Missing => None,
        }
    }

    fn from_record(rec: OrderRecord) -> CheckOutcome {
        match pace_of(&rec) {
            None => CheckOutcome::Final(rec),
            Some(pace) => CheckOutcome::Open { record: rec, pace },
        }
    }
}

/// The pace an open order is checked at; `None` when it is final.
pub fn pace_of(rec: &OrderRecord) -> Option<Pace> {
    match &rec.state {
        s if s.is_final() => None,
        OrderState::Saved | OrderState::Unconfirmed { .. } => Some(Pace::Reconcile),
        OrderState::UnknownError => Some(Pace::Unknown),
        OrderState::Queued => Some(Pace::Queued),
        _ if matches!(
            rec.api.as_ref().map(|a| &a.status),
            Some(TopupStatus::Other(_))
        ) =>
        {
            Some(Pace::Strange)
        }
        _ => Some(Pace::Active),
    }
}

fn reconciling(state: &OrderState) -> bool {
    matches!(state, OrderState::Saved | OrderState::Unconfirmed { .. })
}

impl Lifecycle {
    /// One check of an order, unless this process is sending it right now.
    pub async fn check(&self, reference: &str) -> CheckOutcome {
        if self.is_sending(reference) {
            return CheckOutcome::Busy;
        }
        self.check_record(reference).await
    }

    pub(super) async fn check_record(&self, reference: &str) -> CheckOutcome {
        let rec = match self.inner.store.get_by_ref(reference) {
            Ok(Some(r)) => r,
            Ok(None) => return CheckOutcome::Missing,
            Err(e) => {
                return CheckOutcome::Failed {
                    record: None,
                    error: format!("order database: {e}"),
                };
            }
        };
        // Someone else's order is never checked: the audit follows it through the list.
        if rec.state.is_final() || rec.is_external() {
            return CheckOutcome::Final(rec);
        }
        let asked_at = Utc::now();
        let watch = reconciling(&rec.state).then(|| {
            self.inner
                .clocks
                .asking(reference, tokio::time::Instant::now())
        });
        let answer = match (&rec.topup_id, reconciling(&rec.state)) {
            (Some(id), false) => match self.check_by_id(&rec, id).await {
                Err(e) if e.is_not_found() => self.check_by_ref(&rec).await,
                other => other,
            },
            _ => self.check_by_ref(&rec).await,
        };
        if let Ok(info) = &answer {
            let wrong = compare(&rec, info);
            if !wrong.is_empty() {
                let conflict = Conflict::Mismatch(wrong);
                let record = self.note_conflict(reference, conflict.clone()).await.ok();
                return CheckOutcome::Conflict { record, conflict };
            }
        }
        let result = match (answer, watch) {
            (Ok(info), _) => self.adopt(reference, info).await,
            (Err(e), Some(watch)) if e.is_not_found() => {
                self.not_found(reference, asked_at, watch).await
            }
            (Err(e @ ApiError::Protocol { .. }), _) => {
                return self.protocol_error(reference, &e).await;
            }
            (Err(e), _) => return self.check_failed(reference, &e).await,
        };
        match result {
            Ok(rec) => CheckOutcome::from_record(rec),
            Err(e) => CheckOutcome::Failed {
                record: None,
                error: e.to_string(),
            },
        }
    }

    /// `check-ref` on the endpoint of the order's product.
    async fn check_by_ref(&self, rec: &OrderRecord) -> Result<TopupInfo, ApiError> {
        match rec.product() {
            Product::Mobile => self.inner.api.check_ref(&rec.reference).await,
            Product::Internet(_) => self.inner.api.internet_check_ref(&rec.reference).await,
        }
    }

    /// `check-id` on the endpoint of the order's product.
    async fn check_by_id(&self, rec: &OrderRecord, id: &str) -> Result<TopupInfo, ApiError> {
        match rec.product() {
            Product::Mobile => self.inner.api.check_id(id).await,
            Product::Internet(_) => self.inner.api.internet_check_id(id).await,
        }
    }

    /// Takes the API's answer as the truth about this order (an open one: a final order never
    /// changes here).
    pub(super) async fn adopt(
        &self,
        reference: &str,
        info: TopupInfo,
    ) -> Result<OrderRecord, OrderError> {
        self.modify(reference, move |rec, now| {
            if rec.state.is_final() {
                return;
            }
            rec.checks += 1;
            rec.last_error = None;
            rec.topup_id = Some(info.id.clone());
            let (next, note) = match OrderState::from_api(&info.status) {
                Some(s) => (s, None),
                None => {
                    let keep = if reconciling(&rec.state) {
                        OrderState::Sent
                    } else {
                        rec.state.clone()
                    };
                    let status = crate::text::sanitize_line(info.status.as_str());
                    rec.last_error = Some(Problem::NotUnderstood(status.clone()));
                    (keep, Some(Note::NotUnderstood(status)))
                }
            };
            let note =
                note.or_else(|| reconciling(&rec.state).then(|| Note::FoundByRef(info.id.clone())));
            rec.transition(next, now, note);
            rec.api = Some(info);
        })
        .await
    }

    /// `check-ref` said NOT_FOUND for a saved/unconfirmed order; `asked_at` and `watch` are
    /// the wall and monotonic clocks when that check left.
    async fn not_found(
        &self,
        reference: &str,
        asked_at: DateTime<Utc>,
        watch: Watch,
    ) -> Result<OrderRecord, OrderError> {
        let window = self.inner.settings.reconcile_window;
        self.modify(reference, move |rec, now| {
            if !reconciling(&rec.state) {
                return;
            }
            rec.checks += 1;
            let age = watch.age(asked_at - rec.last_send_at());
            if !rec.api_has_it() && age.past(window) {
                rec.last_error = None;
                rec.transition(OrderState::NotSent, now, Some(Note::NotSent));
                return;
            }
            rec.last_error = Some(Problem::NotKnownYet {
                waited_secs: age.secs(),
            });
            to_unconfirmed(rec, now);
        })
        .await
    }

    /// An answer that breaks the API's rules: logged and shown on the order (the error, and a
    /// timeline note the first time); nothing else changes and the order stays open.
    async fn protocol_error(&self, reference: &str, e: &ApiError) -> CheckOutcome {
        let error = e.to_string();
        tracing::warn!(reference, "check answer rejected: {error}");
        let problem = Problem::Api(e.clone());
        let record = self
            .modify(reference, move |rec, now| {
                if rec.state.is_final() {
                    return;
                }
                if rec.last_error.as_ref() != Some(&problem) {
                    rec.note(now, Note::Rejected(e.clone()));
                }
                rec.last_error = Some(problem);
            })
            .await
            .ok();
        CheckOutcome::Failed { record, error }
    }

    /// An answer of OneClickDz (a check or a list item) that contradicts the order: logged,
    /// noted on the timeline the first time this very conflict is met, and shown as the last
    /// error. Nothing else changes, a final order included.
    pub(super) async fn note_conflict(
        &self,
        reference: &str,
        conflict: Conflict,
    ) -> Result<OrderRecord, OrderError> {
        let english = conflict.message().in_lang(crate::i18n::Lang::En);
        tracing::warn!(reference, "answer not applied: {english}");
        self.modify(reference, move |rec, now| {
            let note = Note::Conflict(conflict.clone());
            if !rec.history.iter().any(|h| h.note.as_ref() == Some(&note)) {
                rec.note(now, note);
            }
            rec.last_error = Some(Problem::Conflict(conflict));
        })
        .await
    }

    /// No usable answer: keep the error for the screen; a start-up `Saved` becomes unconfirmed.
    async fn check_failed(&self, reference: &str, e: &ApiError) -> CheckOutcome {
        let error = e.to_string();
        let record = self
            .modify(reference, move |rec, now| {
                if rec.state.is_final() {
                    return;
                }
                rec.last_error = Some(Problem::Api(e.clone()));
                to_unconfirmed(rec, now);
            })
            .await
            .ok();
        CheckOutcome::Failed { record, error }
    }
}

/// A `Saved` order found with no send in flight: its outcome is unknown until `check-ref` says.
fn to_unconfirmed(rec: &mut OrderRecord, now: DateTime<Utc>) {
    if rec.state == OrderState::Saved {
        let since = rec.last_send_at();
        rec.transition(
            OrderState::Unconfirmed { since },
            now,
            Some(Note::Interrupted),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiClient, ClientOptions};
    use crate::ledger::Status;
    use crate::ledger::reference::{make_ref, next_key};
    use crate::orders::plans_sync::PlansSync;
    use crate::orders::schedule::PollSettings;
    use crate::rules::PriceRule;
    use crate::secret::ApiKey;
    use crate::store::Store;
    use crate::testkit::OrderBuilder;
    use std::time::Duration;

    /// A lifecycle whose API is never called by these tests (the answers are fed directly).
    fn lifecycle(dir: &std::path::Path, window: Duration) -> Lifecycle {
        let store = Store::open(dir).expect("store");
        let key = ApiKey::new("k").expect("key");
        let api = ApiClient::new(ClientOptions::new("http://127.0.0.1:9", key)).expect("client");
        let plans = PlansSync::new(store.clone(), api.clone(), Duration::from_secs(60));
        let settings = PollSettings {
            reconcile_window: window,
            ..PollSettings::default()
        };
        Lifecycle::new(store, api, plans, settings, PriceRule::default()).expect("lifecycle")
    }

    fn saved(lc: &Lifecycle, sent_at: DateTime<Utc>) -> OrderRecord {
        let key = next_key();
        let rec = OrderBuilder::new(sent_at, 0)
            .key(key)
            .reference(make_ref("t1", key))
            .changed(chrono::TimeDelta::zero(), Status::Saved, None)
            .build();
        lc.store().insert_new(&rec).expect("insert");
        rec
    }

    fn info(status: &str) -> TopupInfo {
        serde_json::from_value(serde_json::json!({
            "_id": "6650aa11bb22cc33dd44ee55", "status": status,
            "topup_amount": 500, "balance_amount": 480
        }))
        .expect("info")
    }

    #[tokio::test]
    async fn an_unknown_status_keeps_the_order_open_and_finals_never_change() {
        let dir = tempfile::tempdir().expect("dir");
        let lc = lifecycle(dir.path(), Duration::from_secs(120));
        let rec = saved(&lc, Utc::now());
        let r = lc
            .adopt(&rec.reference, info("QUEUED_AT_OPERATOR"))
            .await
            .expect("adopt");
        assert_eq!(
            r.state,
            OrderState::Sent,
            "found by ref, status not understood"
        );
        assert_eq!(pace_of(&r), Some(Pace::Strange));
        assert_eq!(r.topup_id.as_deref(), Some("6650aa11bb22cc33dd44ee55"));
        let r = lc
            .adopt(&rec.reference, info("UNKNOWN_ERROR"))
            .await
            .expect("adopt");
        assert_eq!(
            pace_of(&r),
            Some(Pace::Unknown),
            "UNKNOWN_ERROR is not final"
        );
        let r = lc
            .adopt(&rec.reference, info("REFUNDED"))
            .await
            .expect("adopt");
        assert_eq!((r.state.clone(), pace_of(&r)), (OrderState::Refunded, None));
        let after = lc
            .adopt(&rec.reference, info("FULFILLED"))
            .await
            .expect("adopt");
        assert_eq!(after, r, "a final order never changes");
        let states: Vec<Status> = r.history.iter().map(|h| h.state).collect();
        assert_eq!(
            states,
            [
                Status::Saved,
                Status::Sent,
                Status::UnknownError,
                Status::Refunded
            ]
        );
    }

    #[tokio::test]
    async fn not_found_decides_only_once_the_window_passed_on_both_clocks() {
        let dir = tempfile::tempdir().expect("dir");
        let window = Duration::from_secs(120);
        let lc = lifecycle(dir.path(), window);
        // Sent by an earlier run, 300 s ago by the wall clock (perhaps a clock set ahead).
        let sent_at = Utc::now() - chrono::Duration::seconds(300);
        let rec = saved(&lc, sent_at);
        let start = tokio::time::Instant::now();
        let first = lc.inner.clocks.asking(&rec.reference, start);
        let r = lc
            .not_found(&rec.reference, Utc::now(), first)
            .await
            .expect("checked");
        assert!(
            matches!(r.state, OrderState::Unconfirmed { since } if since == sent_at),
            "this run has waited nothing yet: {r:#?}"
        );
        let later = lc
            .inner
            .clocks
            .asking(&rec.reference, start + Duration::from_secs(119));
        let r = lc
            .not_found(&rec.reference, Utc::now(), later)
            .await
            .expect("checked");
        assert!(matches!(r.state, OrderState::Unconfirmed { .. }), "{r:#?}");
        let past = lc
            .inner
            .clocks
            .asking(&rec.reference, start + Duration::from_secs(120));
        let r = lc
            .not_found(&rec.reference, Utc::now(), past)
            .await
            .expect("checked");
        assert_eq!(r.state, OrderState::NotSent);
        assert_eq!(
            r.history.last().and_then(|h| h.note.as_ref()),
            Some(&Note::NotSent)
        );

        // After a duplicate answer the API has the order: NOT_FOUND never makes it NOT_SENT.
        let dup = saved(&lc, sent_at);
        lc.modify(&dup.reference, |r, now| {
            r.transition(
                OrderState::Unconfirmed { since: sent_at },
                now,
                Some(Note::Duplicate),
            )
        })
        .await
        .expect("duplicate noted");
        lc.inner.clocks.asking(&dup.reference, start);
        let long_after = lc
            .inner
            .clocks
            .asking(&dup.reference, start + Duration::from_secs(3600));
        let r = lc
            .not_found(&dup.reference, Utc::now(), long_after)
            .await
            .expect("checked");
        assert!(matches!(r.state, OrderState::Unconfirmed { .. }), "{r:#?}");
    }
}
