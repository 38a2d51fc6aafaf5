//! How long an order's send has certainly been out: the reconcile window on a clock that a
//! stepped wall clock cannot fool.
//!
//! A ref OneClickDz does not know is "not sent" only once its last send left at least the
//! reconcile window ago (a late request may still land). The wall clock cannot measure that: a
//! +300 s step during a slow send made a 20-second-old send look 320 s old. So:
//! - within a run, the window is measured on the monotonic clock from the moment this process
//!   last sent the order ([`SendClocks::sending`]); the wall clock is not read;
//! - for an order an earlier run sent (a crash, a restart), there is no such instant: the
//!   window must have passed both on the wall clock since the stored send AND on the monotonic
//!   clock since this process first asked about the order (the send left before this process
//!   started, so that wait is never longer than the real one);
//! - a wall clock stepped back (the stored send looks recent, or in the future) holds the
//!   decision back by at most one more window: after twice the window of monotonic waiting the
//!   wall clock is no longer asked.
//!
//! Kept in memory only: an entry is dropped when the order leaves SAVED/UNCONFIRMED.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// The monotonic instants of the orders being reconciled.
#[derive(Debug, Default)]
pub struct SendClocks {
    orders: Mutex<HashMap<String, Instants>>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Instants {
    /// When this process last sent the order.
    sent: Option<Instant>,
    /// When this process first asked about it (an order an earlier run sent).
    first_asked: Option<Instant>,
}

/// What the monotonic clock says about one order when a check leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Watch {
    /// Since this process last sent it, when it did.
    since_sent: Option<Duration>,
    /// Since this process first asked about it.
    watched: Duration,
}

/// How old an order's send is, by the clocks that can be trusted for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendAge {
    /// This process sent it: monotonic time since the send left.
    ThisRun(Duration),
    /// An earlier run sent it: wall-clock time since the stored send (negative when the clock
    /// was stepped back), and monotonic time since this process first asked.
    EarlierRun {
        wall: chrono::Duration,
        watched: Duration,
    },
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl SendClocks {
    /// A send attempt of `reference` leaves now.
    pub fn sending(&self, reference: &str) {
        lock(&self.orders)
            .entry(reference.to_string())
            .or_default()
            .sent = Some(Instant::now());
    }

    /// A check of `reference` leaves at `now`: the first one of this process starts its watch.
    pub fn asking(&self, reference: &str, now: Instant) -> Watch {
        let mut orders = lock(&self.orders);
        let i = orders.entry(reference.to_string()).or_default();
        let first = *i.first_asked.get_or_insert(now);
        Watch {
            since_sent: i.sent.map(|s| now.saturating_duration_since(s)),
            watched: now.saturating_duration_since(first),
        }
    }

    /// The order is no longer being reconciled.
    pub fn forget(&self, reference: &str) {
        lock(&self.orders).remove(reference);
    }
}

impl Watch {
    /// The send's age, given the wall clock's view of it (now minus the stored send time).
    pub fn age(self, wall: chrono::Duration) -> SendAge {
        match self.since_sent {
            Some(d) => SendAge::ThisRun(d),
            None => SendAge::EarlierRun {
                wall,
                watched: self.watched,
            },
        }
    }
}

impl SendAge {
    /// The reconcile window has certainly passed since the send left.
    pub fn past(self, window: Duration) -> bool {
        match self {
            SendAge::ThisRun(d) => d >= window,
            SendAge::EarlierRun { wall, watched } => {
                let wall_past = chrono::Duration::from_std(window).is_ok_and(|w| wall >= w);
                watched >= window && (wall_past || watched >= window.saturating_mul(2))
            }
        }
    }

    /// Whole seconds the send is known to have been out, for the order's "not known yet".
    pub fn secs(self) -> u64 {
        match self {
            SendAge::ThisRun(d) => d.as_secs(),
            SendAge::EarlierRun { wall, watched } => {
                (wall.num_seconds().max(0).unsigned_abs()).max(watched.as_secs())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(120);

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn wall(s: i64) -> chrono::Duration {
        chrono::Duration::seconds(s)
    }

    #[test]
    fn within_a_run_only_the_monotonic_clock_counts() {
        // A +300 s step 20 s after the send: the wall clock says 320 s, the send is 20 s old.
        assert!(!SendAge::ThisRun(secs(20)).past(WINDOW));
        assert!(SendAge::ThisRun(secs(120)).past(WINDOW));
        let clocks = SendClocks::default();
        clocks.sending("r1");
        let w = clocks.asking("r1", Instant::now() + secs(20));
        assert_eq!(w.age(wall(320)), SendAge::ThisRun(w.since_sent.unwrap()));
        assert!(!w.age(wall(320)).past(WINDOW));
        // A step back (the stored send looks in the future) changes nothing either.
        let w = clocks.asking("r1", Instant::now() + secs(121));
        assert!(w.age(wall(-3600)).past(WINDOW));
    }

    #[test]
    fn after_a_restart_both_clocks_must_agree_and_a_step_back_holds_it_one_window_at_most() {
        let earlier = |w: i64, watched: u64| SendAge::EarlierRun {
            wall: wall(w),
            watched: secs(watched),
        };
        // The clock stepped 300 s ahead before the restart: this run has waited nothing.
        assert!(!earlier(300, 0).past(WINDOW));
        assert!(!earlier(300, 119).past(WINDOW));
        assert!(earlier(300, 120).past(WINDOW));
        // Asked for two windows, but the wall clock says the send is 60 s old: not yet…
        assert!(!earlier(60, 200).past(WINDOW));
        // …and a clock stepped far back (the send "in the future") holds it one window more.
        assert!(!earlier(-86_400, 239).past(WINDOW));
        assert!(earlier(-86_400, 240).past(WINDOW));
        assert_eq!(earlier(-5, 30).secs(), 30);
        assert_eq!(earlier(300, 30).secs(), 300);

        let clocks = SendClocks::default();
        let start = Instant::now();
        assert_eq!(clocks.asking("r2", start).watched, Duration::ZERO);
        let w = clocks.asking("r2", start + secs(130));
        assert_eq!(w.since_sent, None);
        assert_eq!(w.watched, secs(130));
        assert!(w.age(wall(130)).past(WINDOW));
        clocks.forget("r2");
        assert_eq!(
            clocks.asking("r2", start + secs(200)).watched,
            Duration::ZERO,
            "a new watch"
        );
    }
}
