//! How far OneClickDz's clock is from the till's, as its answers tell: `meta.timestamp` (§2,
//! milliseconds), else the `Date` header (seconds), set against the middle of the request's
//! round trip. The audit widens its window by it, so a till whose clock is 40 minutes slow
//! does not miss (and call "unknown to the server") orders the server dated 40 minutes later.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

/// An offset this large is shown to the staff (the PC's clock wants setting).
pub const LARGE_OFFSET: Duration = Duration::minutes(2);

/// The last offset measured: the server's clock minus the till's.
#[derive(Debug, Default)]
pub struct ServerClock {
    offset: Mutex<Option<Duration>>,
}

/// When a request left and its answer came back, on the till's clock.
#[derive(Clone, Copy, Debug)]
pub struct RoundTrip {
    pub sent: DateTime<Utc>,
    pub received: DateTime<Utc>,
}

impl ServerClock {
    /// Learns from an answer the server dated `server_time` (the latest answer wins: either
    /// clock may be set right during a run).
    pub fn observe(&self, server_time: DateTime<Utc>, trip: RoundTrip) {
        let middle = trip.sent + (trip.received - trip.sent) / 2;
        *self.offset.lock().unwrap_or_else(|p| p.into_inner()) = Some(server_time - middle);
    }

    /// The server's clock minus the till's, once an answer has told it.
    pub fn offset(&self) -> Option<Duration> {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// `meta.timestamp` (ISO 8601).
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An HTTP `Date` header (`Sun, 02 Nov 2025 09:00:00 GMT`).
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_taken_at_the_middle_of_the_round_trip() {
        let at = |s: &str| parse_timestamp(s).unwrap();
        let clock = ServerClock::default();
        assert_eq!(clock.offset(), None);
        let trip = RoundTrip {
            sent: at("2025-11-02T09:00:00Z"),
            received: at("2025-11-02T09:00:02Z"),
        };
        clock.observe(at("2025-11-02T09:40:01.000Z"), trip);
        assert_eq!(clock.offset(), Some(Duration::minutes(40)));
        clock.observe(at("2025-11-02T08:59:31Z"), trip);
        assert_eq!(clock.offset(), Some(Duration::seconds(-30)));
        assert_eq!(
            parse_http_date("Sun, 02 Nov 2025 09:00:00 GMT"),
            Some(at("2025-11-02T09:00:00Z"))
        );
        assert_eq!(parse_timestamp("soon"), None);
    }
}
