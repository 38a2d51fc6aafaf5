//! The client's rate gate: after HTTP 429 no request of any kind leaves before the time the API
//! asked for — its `Retry-After` when given, otherwise a backoff that doubles with each 429 in a
//! row. A 503 with `Retry-After` holds the gate too. Every clone of a client shares one gate, so
//! the poller, the plan sync and the counter screen all wait.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// A `Retry-After` longer than this is taken as this long: a broken or hostile server must not
/// stop the till for days. The next 429 sets the gate again.
pub const MAX_HOLD: Duration = Duration::from_secs(15 * 60);
/// Ceiling of the backoff when the API gives no `Retry-After`.
const MAX_BACKOFF: Duration = Duration::from_secs(5 * 60);

#[derive(Clone, Debug)]
pub struct RateGate {
    state: Arc<Mutex<GateState>>,
    /// First wait after a 429 without `Retry-After`.
    backoff: Duration,
}

#[derive(Debug, Default)]
struct GateState {
    open_at: Option<Instant>,
    /// 429 answers in a row.
    strikes: u32,
}

impl RateGate {
    pub fn new(backoff: Duration) -> Self {
        RateGate {
            state: Arc::default(),
            backoff,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until a request may leave.
    pub async fn wait(&self) {
        loop {
            let open_at = self.lock().open_at;
            match open_at {
                Some(at) if at > Instant::now() => tokio::time::sleep_until(at).await,
                _ => return,
            }
        }
    }

    /// How long requests are still held.
    pub fn remaining(&self) -> Duration {
        self.lock()
            .open_at
            .map(|at| at.saturating_duration_since(Instant::now()))
            .unwrap_or_default()
    }

    /// Takes note of an answer's status and `Retry-After`; returns how long requests are now
    /// held because of it, if at all.
    pub fn record(&self, status: u16, retry_after: Option<Duration>) -> Option<Duration> {
        let mut s = self.lock();
        let hold = match (status, retry_after) {
            (429, asked) => {
                s.strikes = s.strikes.saturating_add(1);
                asked.unwrap_or_else(|| {
                    crate::backoff::doubled(self.backoff, s.strikes - 1, MAX_BACKOFF)
                })
            }
            (503, Some(asked)) => asked,
            _ => {
                s.strikes = 0;
                return None;
            }
        }
        .min(MAX_HOLD);
        let until = Instant::now() + hold;
        // "At least that long": an earlier, longer hold is never shortened.
        s.open_at = Some(s.open_at.map_or(until, |at| at.max(until)));
        Some(hold)
    }
}

/// A `Retry-After` value: delay-seconds (`30`) or an HTTP-date; `None` when unreadable. A date
/// in the past is no wait.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = DateTime::parse_from_rfc3339("2025-11-02T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse_retry_after("30", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_retry_after("Sun, 02 Nov 2025 09:00:42 GMT", now),
            Some(Duration::from_secs(42))
        );
        assert_eq!(
            parse_retry_after("Sun, 02 Nov 2025 08:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date in the past is no wait"
        );
        for bad in ["", "-5", "soon", "1.5", "99999999999999999999999"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn holds_every_request_as_long_as_asked_and_backs_off_without_a_header() {
        let gate = RateGate::new(Duration::from_secs(5));
        assert_eq!(gate.record(200, None), None);
        let before = Instant::now();
        gate.wait().await;
        assert!(before.elapsed() < Duration::from_millis(50), "open gate");
        assert_eq!(
            gate.record(429, Some(Duration::from_millis(120))),
            Some(Duration::from_millis(120))
        );
        // Every clone waits, and a shorter hold never shortens a longer one.
        let clone = gate.clone();
        gate.record(429, Some(Duration::ZERO));
        clone.wait().await;
        assert!(before.elapsed() >= Duration::from_millis(120));
        assert_eq!(gate.remaining(), Duration::ZERO);
        // Without Retry-After: 5 s, then doubling while the 429s go on, capped.
        let holds: Vec<Duration> = (0..12).map(|_| gate.record(429, None).unwrap()).collect();
        assert_eq!(holds[0], Duration::from_secs(20), "third 429 in a row");
        assert_eq!(holds[11], MAX_BACKOFF);
        gate.record(200, None);
        assert_eq!(gate.record(429, None), Some(Duration::from_secs(5)));
        // A hostile Retry-After is capped.
        assert_eq!(
            gate.record(429, Some(Duration::from_secs(86_400 * 30))),
            Some(MAX_HOLD)
        );
        assert!(gate.remaining() <= MAX_HOLD);
        // A 503 that says when to come back holds too; one that does not, does not.
        let gate = RateGate::new(Duration::from_secs(5));
        assert_eq!(gate.record(503, None), None);
        assert_eq!(gate.remaining(), Duration::ZERO);
        gate.record(503, Some(Duration::from_secs(7)));
        let left = gate.remaining();
        assert!(left > Duration::from_secs(6) && left <= Duration::from_secs(7));
    }
}
