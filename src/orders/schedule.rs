//! When to ask the API about an open order again: the polling pace and the error backoff.
//!
//! Pure arithmetic, so the numbers can be tested without a clock. The poller and `sync` use it.

use crate::config::Config;
use std::time::Duration;

/// Every delay the lifecycle and the poller use.
#[derive(Clone, Debug, PartialEq)]
pub struct PollSettings {
    /// Between checks of a SENT/PENDING/HANDLING order (the API asks for 5–10 s).
    pub poll_interval: Duration,
    /// Checks at `poll_interval` before slowing down (the docs' 60 × 5 s ≈ 5 min).
    pub fast_polls: u32,
    /// First slow interval; doubles every `SLOW_STEP` polls up to `slow_max`.
    pub slow_start: Duration,
    pub slow_max: Duration,
    /// Between checks of an UNKNOWN_ERROR order (config: hourly by default, at most daily).
    pub unknown_recheck: Duration,
    /// Between checks of an internet top-up QUEUED at Algérie Télécom: it takes 12–48 h, so a
    /// few checks a day say when it is delivered without asking every few seconds.
    pub queued_recheck: Duration,
    /// Ceiling of the error backoff.
    pub backoff_max: Duration,
    /// A ref the API does not know is only declared "not sent" once this long has passed since
    /// the last send attempt (a late request may still land).
    pub reconcile_window: Duration,
    /// API requests the poller may have in flight at once.
    pub max_in_flight: usize,
    /// The counter's background audit ([`super::audit`]): first run this long after start-up
    /// (the screen's own requests go first), then every `audit_every`.
    pub audit_first_delay: Duration,
    pub audit_every: Duration,
    /// Between two pages of the server's list: a walk of many pages never becomes a storm.
    pub audit_page_pause: Duration,
    /// How far the till's and the server's clocks may disagree: the list is read this much
    /// wider than the window, and an order younger than this is not yet called "unknown to
    /// the server".
    pub audit_skew: Duration,
}

/// However far a practice run or a test scales time down ([`PollSettings::scaled`]), the
/// background never asks the API, or logs, more often than these: practice speed 100 000 ran
/// the audit every 36 ms (17 MB of log an hour) and polled every few microseconds.
pub mod floor {
    use std::time::Duration;
    /// Between two checks of an open order (and the first error backoff).
    pub const POLL: Duration = Duration::from_millis(100);
    /// The error backoff's ceiling.
    pub const BACKOFF_MAX: Duration = Duration::from_secs(1);
    /// Between two checks of an UNKNOWN_ERROR order.
    pub const UNKNOWN_RECHECK: Duration = Duration::from_secs(1);
    /// The counter's first audit after start-up.
    pub const AUDIT_FIRST_DELAY: Duration = Duration::from_secs(1);
    /// Between two audits of the counter.
    pub const AUDIT_EVERY: Duration = Duration::from_secs(60);
    /// Between two pages of the server's list.
    pub const AUDIT_PAGE_PAUSE: Duration = Duration::from_millis(50);
}

/// Slow polls double every this many checks.
const SLOW_STEP: u32 = 10;
/// How often a QUEUED internet top-up is asked about again: every two hours.
pub const DEFAULT_QUEUED_RECHECK: Duration = Duration::from_secs(2 * 3600);
/// The documented reconcile window.
pub const DEFAULT_RECONCILE_WINDOW: Duration = Duration::from_secs(120);

impl Default for PollSettings {
    fn default() -> Self {
        PollSettings {
            poll_interval: Duration::from_secs(
                crate::config::default_whole("poll_interval_secs").unsigned_abs(),
            ),
            fast_polls: 60,
            slow_start: Duration::from_secs(60),
            slow_max: Duration::from_secs(600),
            unknown_recheck: Duration::from_secs(
                60 * crate::config::default_whole("unknown_recheck_minutes").unsigned_abs(),
            ),
            queued_recheck: DEFAULT_QUEUED_RECHECK,
            backoff_max: Duration::from_secs(600),
            reconcile_window: DEFAULT_RECONCILE_WINDOW,
            max_in_flight: 4,
            audit_first_delay: Duration::from_secs(20),
            audit_every: Duration::from_secs(3600),
            audit_page_pause: Duration::from_millis(250),
            audit_skew: Duration::from_secs(10 * 60),
        }
    }
}

/// Which pace an open order is checked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// SENT, PENDING, HANDLING: every `poll_interval`, then slower after `fast_polls`.
    Active,
    /// UNKNOWN_ERROR: every `unknown_recheck` until OneClickDz resolves it.
    Unknown,
    /// A status string the app does not know: kept open, checked slowly.
    Strange,
    /// An internet top-up QUEUED at Algérie Télécom: every `queued_recheck` (hours).
    Queued,
    /// SAVED/UNCONFIRMED: asking `check-ref` whether the send landed.
    Reconcile,
}

impl PollSettings {
    pub fn from_config(config: &Config) -> Self {
        PollSettings {
            poll_interval: config.poll_interval,
            unknown_recheck: config.unknown_recheck,
            ..PollSettings::default()
        }
    }

    /// Every delay divided by `factor` (tests and fast practice runs), each background interval
    /// no shorter than its [`floor`]. Counts stay as they are.
    pub fn scaled(self, factor: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return self;
        }
        let s = |d: Duration| d.div_f64(factor).max(Duration::from_millis(1));
        PollSettings {
            poll_interval: s(self.poll_interval).max(floor::POLL),
            slow_start: s(self.slow_start).max(floor::POLL),
            slow_max: s(self.slow_max).max(floor::POLL),
            unknown_recheck: s(self.unknown_recheck).max(floor::UNKNOWN_RECHECK),
            queued_recheck: s(self.queued_recheck).max(floor::UNKNOWN_RECHECK),
            backoff_max: s(self.backoff_max).max(floor::BACKOFF_MAX),
            reconcile_window: s(self.reconcile_window),
            audit_first_delay: s(self.audit_first_delay).max(floor::AUDIT_FIRST_DELAY),
            audit_every: s(self.audit_every).max(floor::AUDIT_EVERY),
            audit_page_pause: s(self.audit_page_pause).max(floor::AUDIT_PAGE_PAUSE),
            audit_skew: s(self.audit_skew),
            ..self
        }
    }

    /// Delay before the next check after a check that got an answer. `polls` counts the checks
    /// of this order that got an answer so far (including this one).
    pub fn next_delay(&self, pace: Pace, polls: u32) -> Duration {
        match pace {
            Pace::Active if polls < self.fast_polls => self.poll_interval,
            Pace::Active => self.slow(polls - self.fast_polls),
            Pace::Unknown => self.unknown_recheck,
            Pace::Queued => self.queued_recheck,
            Pace::Strange => self.slow(polls),
            Pace::Reconcile => self.poll_interval,
        }
    }

    fn slow(&self, extra_polls: u32) -> Duration {
        crate::backoff::doubled(self.slow_start, extra_polls / SLOW_STEP, self.slow_max)
            .max(self.slow_start.min(self.slow_max))
    }

    /// Delay after the `failures`-th error in a row (1 = first): `poll_interval × 2^(n-1)`,
    /// capped at `backoff_max`, then "equal jitter": a uniform draw in `[d/2, d]`. `jitter` is
    /// that draw's position in `[0, 1]`.
    pub fn backoff(&self, failures: u32, jitter: f64) -> Duration {
        let full =
            crate::backoff::doubled(self.poll_interval, failures.max(1) - 1, self.backoff_max);
        let j = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            1.0
        };
        full.mul_f64(0.5 + 0.5 * j)
    }

    /// The shortest delay this schedule ever waits between two checks of one order.
    pub fn min_delay(&self) -> Duration {
        (self.poll_interval / 2)
            .min(self.slow_start)
            .min(self.unknown_recheck)
            .min(self.queued_recheck)
            .min(self.backoff_max / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn active_orders_slow_down_after_sixty_polls_but_never_stop() {
        let p = PollSettings::default();
        assert_eq!(p.next_delay(Pace::Active, 1), secs(5));
        assert_eq!(p.next_delay(Pace::Active, 59), secs(5));
        assert_eq!(p.next_delay(Pace::Active, 60), secs(60));
        assert_eq!(p.next_delay(Pace::Active, 69), secs(60));
        assert_eq!(p.next_delay(Pace::Active, 70), secs(120));
        assert_eq!(p.next_delay(Pace::Active, 80), secs(240));
        assert_eq!(p.next_delay(Pace::Active, 90), secs(480));
        assert_eq!(p.next_delay(Pace::Active, 100), secs(600));
        assert_eq!(p.next_delay(Pace::Active, u32::MAX), secs(600));
    }

    #[test]
    fn unknown_error_and_strange_statuses_are_checked_slowly() {
        let p = PollSettings::default();
        assert_eq!(p.next_delay(Pace::Unknown, 1), secs(3600));
        assert_eq!(p.next_delay(Pace::Strange, 0), secs(60));
        assert_eq!(p.next_delay(Pace::Strange, 35), secs(480));
        assert_eq!(p.next_delay(Pace::Reconcile, 7), secs(5));
        assert_eq!(
            p.next_delay(Pace::Queued, 1),
            secs(7200),
            "QUEUED: hours apart"
        );
        assert_eq!(p.next_delay(Pace::Queued, 500), secs(7200));
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = PollSettings::default();
        assert_eq!(p.backoff(1, 1.0), secs(5));
        assert_eq!(p.backoff(1, 0.0), Duration::from_millis(2500));
        assert_eq!(p.backoff(2, 1.0), secs(10));
        assert_eq!(p.backoff(4, 1.0), secs(40));
        assert_eq!(p.backoff(8, 1.0), secs(600));
        assert_eq!(p.backoff(1000, 1.0), secs(600));
        assert_eq!(p.backoff(1000, 0.0), secs(300));
        assert_eq!(
            p.backoff(0, 1.0),
            secs(5),
            "0 is treated as the first failure"
        );
        for n in 1..40 {
            for j in [0.0, 0.3, 0.99, 1.0, f64::NAN, -3.0, 9.0] {
                let d = p.backoff(n, j);
                assert!(d >= p.min_delay(), "n={n} j={j} d={d:?}");
                assert!(d <= p.backoff_max, "n={n} j={j} d={d:?}");
            }
        }
    }

    #[test]
    fn scaling_divides_delays_and_keeps_counts() {
        let p = PollSettings::default().scaled(20.0);
        assert_eq!(p.poll_interval, Duration::from_millis(250));
        assert_eq!(p.reconcile_window, secs(6));
        assert_eq!(p.unknown_recheck, secs(180));
        assert_eq!(p.audit_every, secs(180));
        assert_eq!(p.fast_polls, 60);
        assert_eq!(p.max_in_flight, 4);
        assert_eq!(
            PollSettings::default().scaled(f64::NAN),
            PollSettings::default()
        );
        assert_eq!(p.min_delay(), Duration::from_millis(125));
    }

    /// Practice speed 100 000 ran the audit every 36 ms and polled every 1 ms.
    #[test]
    fn no_speed_makes_the_background_busier_than_its_floors() {
        for factor in [500.0, 100_000.0, 1e12] {
            let p = PollSettings::default().scaled(factor);
            assert!(p.audit_every >= floor::AUDIT_EVERY, "{factor}: {p:?}");
            assert!(p.audit_every >= secs(60), "{factor}: {p:?}");
            assert!(p.audit_first_delay >= floor::AUDIT_FIRST_DELAY);
            assert!(p.audit_page_pause >= floor::AUDIT_PAGE_PAUSE);
            assert!(p.poll_interval >= floor::POLL, "{factor}: {p:?}");
            assert!(p.min_delay() >= floor::POLL / 2, "{factor}: {p:?}");
            assert!(p.unknown_recheck >= floor::UNKNOWN_RECHECK);
            assert!(p.backoff_max >= floor::BACKOFF_MAX);
            for n in 1..40 {
                assert!(p.backoff(n, 0.0) >= floor::POLL / 2);
                for pace in [Pace::Active, Pace::Unknown, Pace::Strange, Pace::Reconcile] {
                    assert!(p.next_delay(pace, n) >= floor::POLL, "{pace:?} {n}");
                }
            }
        }
    }
}
