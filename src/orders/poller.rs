//! The background poller: checks every open order on its schedule until it is final.
//!
//! - On start it takes every open order from the store (crash recovery: a `Saved` order is
//!   reconciled by ref, never resent).
//! - New orders arrive through a channel from the lifecycle; the store is never polled.
//! - With nothing open the task sleeps on its channel: no request at all.
//! - At most one request in flight per order, at most `max_in_flight` overall; errors back off
//!   exponentially with jitter (see [`super::schedule`]). A refused key is stopped by the API
//!   client's key latch, so checks then fail at once without a request.

use super::check::CheckOutcome;
use super::lifecycle::{Lifecycle, OrderError, PollerMsg};
use super::schedule::{Pace, PollSettings};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// One order the poller follows.
#[derive(Debug)]
struct Tracked {
    due: Instant,
    /// Errors in a row (drives the backoff).
    failures: u32,
    in_flight: bool,
}

/// The running poller. Dropping it leaves the task running until the runtime ends; call
/// [`PollerHandle::shutdown`] to stop it cleanly.
pub struct PollerHandle {
    tx: mpsc::UnboundedSender<PollerMsg>,
    task: JoinHandle<()>,
    lifecycle: Lifecycle,
}

impl PollerHandle {
    /// Starts the poller on the current tokio runtime, resuming every open order.
    pub fn start(lifecycle: Lifecycle) -> Result<PollerHandle, OrderError> {
        // The snapshot is taken before the lifecycle knows the poller, so no order placed from
        // now on can be mistaken for an interrupted one.
        let open: Vec<String> = lifecycle
            .store()
            .open_orders()?
            .into_iter()
            .map(|r| r.reference)
            .collect();
        let (tx, rx) = mpsc::unbounded_channel();
        lifecycle.attach_poller(tx.clone());
        tracing::info!(open = open.len(), "poller started");
        let task = tokio::spawn(run(lifecycle.clone(), rx, open));
        Ok(PollerHandle {
            tx,
            task,
            lifecycle,
        })
    }

    /// Stops the task (checks in flight are abandoned; their orders stay open in the store).
    pub async fn shutdown(self) {
        self.lifecycle.detach_poller();
        let _ = self.tx.send(PollerMsg::Shutdown);
        let _ = self.task.await;
    }
}

async fn run(lc: Lifecycle, mut rx: mpsc::UnboundedReceiver<PollerMsg>, open: Vec<String>) {
    let settings = lc.settings().clone();
    let sem = Arc::new(Semaphore::new(settings.max_in_flight.max(1)));
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<(String, CheckOutcome)>();
    let start = Instant::now();
    // The checks in flight: stopped with the poller, so none outlives it holding the store.
    let mut checks = tokio::task::JoinSet::new();
    let mut tracked: HashMap<String, Tracked> =
        open.into_iter().map(|r| (r, new_tracked(start))).collect();
    loop {
        let next_due = tracked
            .values()
            .filter(|t| !t.in_flight)
            .map(|t| t.due)
            .min();
        // Far enough never to fire; the branch is disabled anyway when nothing is due.
        let wake = next_due.unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400));
        tokio::select! {
            msg = rx.recv() => match msg {
                None | Some(PollerMsg::Shutdown) => break,
                Some(PollerMsg::Track(r)) => {
                    let due = Instant::now() + settings.poll_interval;
                    let t = tracked.entry(r).or_insert_with(|| new_tracked(due));
                    if !t.in_flight {
                        t.due = t.due.min(due);
                    }
                }
                Some(PollerMsg::CheckNow(r)) => {
                    let now = Instant::now();
                    tracked.entry(r).or_insert_with(|| new_tracked(now)).due = now;
                }
            },
            Some((r, outcome)) = done_rx.recv() => {
                let keep = match tracked.get_mut(&r) {
                    Some(t) => reschedule(t, &outcome, &settings),
                    None => false,
                };
                if !keep {
                    tracked.remove(&r);
                }
            }
            _ = tokio::time::sleep_until(wake), if next_due.is_some() => {
                let now = Instant::now();
                for (r, t) in tracked.iter_mut().filter(|(_, t)| !t.in_flight && t.due <= now) {
                    t.in_flight = true;
                    let (lc, sem, done) = (lc.clone(), sem.clone(), done_tx.clone());
                    let r = r.clone();
                    checks.spawn(async move {
                        let outcome = match sem.acquire_owned().await {
                            Ok(_permit) => lc.check(&r).await,
                            Err(_) => return,
                        };
                        let _ = done.send((r, outcome));
                    });
                }
            }
            // Reap finished checks, so the set does not grow all day.
            Some(_) = checks.join_next(), if !checks.is_empty() => {}
        }
    }
    // A check cut short is asked again by the next poller (a check only reads and records).
    checks.shutdown().await;
    tracing::info!("poller stopped");
}

fn new_tracked(due: Instant) -> Tracked {
    Tracked {
        due,
        failures: 0,
        in_flight: false,
    }
}

/// Sets the next check after an outcome; `false` when the order needs no more checks.
fn reschedule(t: &mut Tracked, outcome: &CheckOutcome, s: &PollSettings) -> bool {
    t.in_flight = false;
    let now = Instant::now();
    match outcome {
        CheckOutcome::Final(_) | CheckOutcome::Missing => return false,
        CheckOutcome::Open { record, pace } => {
            t.failures = 0;
            t.due = now + s.next_delay(*pace, record.checks);
        }
        CheckOutcome::Failed { error, .. } => {
            t.failures = t.failures.saturating_add(1);
            t.due = now + s.backoff(t.failures, rand::random::<f64>());
            tracing::debug!(failures = t.failures, "check failed: {error}");
        }
        // A contradicting answer may be a server fault that passes: ask again, backing off.
        CheckOutcome::Conflict { .. } => {
            t.failures = t.failures.saturating_add(1);
            t.due = now + s.backoff(t.failures, rand::random::<f64>());
        }
        CheckOutcome::Busy => t.due = now + s.poll_interval,
    }
    true
}

/// What a `sync` run found.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SyncReport {
    /// Checks made (one order may be checked several times with `--wait`).
    pub checks: usize,
    /// Orders that were open at the start.
    pub started_open: usize,
    /// Orders that reached a final state during the run (latest record).
    pub settled: Vec<crate::ledger::OrderRecord>,
    /// Orders still open at the end (latest record).
    pub still_open: Vec<crate::ledger::OrderRecord>,
    /// The last error per order that could not be checked.
    pub errors: Vec<(String, String)>,
    /// Orders whose last answer contradicted them (not applied): (ref, what).
    pub conflicts: Vec<(String, crate::ledger::Conflict)>,
}

/// `flexy-pos sync`: checks every open, unconfirmed and UNKNOWN_ERROR order once; with `wait`
/// keeps following them on the poller's schedule until none is open or the time is up. During
/// a sync UNKNOWN_ERROR orders are rechecked every `slow_start` (1 min) rather than hourly.
pub async fn sync(lc: &Lifecycle, wait: Option<Duration>) -> Result<SyncReport, OrderError> {
    use futures::StreamExt;
    // A key refused before (this run or an earlier one): say so instead of failing every order.
    if let Some(e) = lc.api().key_refused() {
        return Err(OrderError::KeyRefused(e));
    }
    let settings = lc.settings().clone();
    let deadline = Instant::now() + wait.unwrap_or(Duration::ZERO);
    let mut report = SyncReport::default();
    let mut due: HashMap<String, Tracked> = HashMap::new();
    for r in lc.store().open_orders()? {
        due.insert(r.reference, new_tracked(Instant::now()));
    }
    report.started_open = due.len();
    let mut last_error: HashMap<String, String> = HashMap::new();
    let mut conflicts: HashMap<String, crate::ledger::Conflict> = HashMap::new();
    loop {
        let now = Instant::now();
        let batch: Vec<String> = due
            .iter()
            .filter(|(_, t)| t.due <= now)
            .map(|(r, _)| r.clone())
            .collect();
        let results: Vec<(String, CheckOutcome)> = futures::stream::iter(batch)
            .map(|r| async move {
                let out = lc.check(&r).await;
                (r, out)
            })
            .buffer_unordered(settings.max_in_flight.max(1))
            .collect()
            .await;
        for (r, outcome) in results {
            report.checks += 1;
            if let CheckOutcome::Conflict { conflict, .. } = &outcome {
                conflicts.insert(r.clone(), conflict.clone());
            } else {
                conflicts.remove(&r);
            }
            match &outcome {
                CheckOutcome::Failed { error, .. } => {
                    last_error.insert(r.clone(), error.clone());
                }
                CheckOutcome::Final(rec) => {
                    last_error.remove(&r);
                    report.settled.push(rec.clone());
                }
                _ => {
                    last_error.remove(&r);
                }
            }
            let mut keep = false;
            if let Some(t) = due.get_mut(&r) {
                keep = reschedule(t, &outcome, &settings);
                if let CheckOutcome::Open {
                    pace: Pace::Unknown | Pace::Queued,
                    ..
                } = outcome
                {
                    t.due = t.due.min(Instant::now() + settings.slow_start);
                }
            }
            if !keep {
                due.remove(&r);
            }
        }
        let next = due.values().map(|t| t.due).min();
        match next {
            Some(next) if wait.is_some() && next <= deadline => {
                tokio::time::sleep_until(next).await
            }
            _ => break,
        }
    }
    for r in due.keys() {
        if let Some(rec) = lc.store().get_by_ref(r)? {
            report.still_open.push(rec);
        }
    }
    report.still_open.sort_by_key(|r| r.key);
    report.errors = last_error.into_iter().collect();
    report.errors.sort();
    report.conflicts = conflicts.into_iter().collect();
    report.conflicts.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(report)
}
