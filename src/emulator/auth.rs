//! `X-Access-Token` checking with the documented lockout: 5 bad keys from one IP block it for
//! 15 minutes (scaled by speed), even for the right key.

use super::envelope::ApiFailure;
use super::messages;
use axum::http::{HeaderMap, StatusCode};
use serde_json::json;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub const MAX_FAILED_ATTEMPTS: u32 = 5;
pub const BLOCK_FOR: Duration = Duration::from_secs(15 * 60);
pub const TOKEN_HEADER: &str = "x-access-token";

#[derive(Debug, Default)]
struct Attempts {
    failures: u32,
    blocked_until: Option<Instant>,
}

#[derive(Debug)]
pub struct Guard {
    key: String,
    block_for: Duration,
    by_ip: Mutex<HashMap<IpAddr, Attempts>>,
    /// Requests refused for their key (missing, wrong, or the IP blocked), for the stats.
    refusals: AtomicU64,
}

impl Guard {
    /// `block_for` is already scaled by speed.
    pub fn new(key: String, block_for: Duration) -> Self {
        Guard {
            key,
            block_for,
            by_ip: Mutex::new(HashMap::new()),
            refusals: AtomicU64::new(0),
        }
    }

    /// How many requests were refused for their key since the emulator started.
    pub fn refusals(&self) -> u64 {
        self.refusals.load(Ordering::Relaxed)
    }

    /// [`Guard::admit`], counting refusals.
    pub fn check(&self, headers: &HeaderMap, ip: IpAddr) -> Result<(), ApiFailure> {
        let verdict = self.admit(headers, ip);
        if verdict.is_err() {
            self.refusals.fetch_add(1, Ordering::Relaxed);
        }
        verdict
    }

    /// Lets the request through, or answers 400 / 401 / 403 as the validate page documents.
    fn admit(&self, headers: &HeaderMap, ip: IpAddr) -> Result<(), ApiFailure> {
        let now = Instant::now();
        let mut by_ip = self.by_ip.lock().unwrap_or_else(|p| p.into_inner());
        let entry = by_ip.entry(ip).or_default();
        match entry.blocked_until {
            Some(until) if until > now => return Err(blocked(until - now)),
            Some(_) => *entry = Attempts::default(),
            None => {}
        }
        let Some(raw) = headers.get(TOKEN_HEADER) else {
            return Err(missing());
        };
        if raw.as_bytes().iter().all(u8::is_ascii_whitespace) {
            return Err(missing());
        }
        // Bytes, not text: a garbage (non-UTF-8) header is simply a wrong key.
        if raw.as_bytes() == self.key.as_bytes() {
            entry.failures = 0;
            return Ok(());
        }
        entry.failures += 1;
        if entry.failures >= MAX_FAILED_ATTEMPTS {
            entry.blocked_until = Some(now + self.block_for);
        }
        let attempts_left = MAX_FAILED_ATTEMPTS.saturating_sub(entry.failures);
        Err(ApiFailure::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_ACCESS_TOKEN",
            messages::INVALID_TOKEN,
        )
        .with_details(json!({ "attemptsLeft": attempts_left })))
    }
}

fn missing() -> ApiFailure {
    ApiFailure::new(
        StatusCode::BAD_REQUEST,
        "MISSING_ACCESS_TOKEN",
        messages::MISSING_TOKEN,
    )
}

fn blocked(left: Duration) -> ApiFailure {
    let secs = left.as_secs().max(1);
    ApiFailure::new(
        StatusCode::FORBIDDEN,
        "IP_BLOCKED",
        messages::ip_blocked(secs.div_ceil(60)),
    )
    .with_details(json!({ "retryAfterSeconds": secs }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(token: &[u8]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(TOKEN_HEADER, HeaderValue::from_bytes(token).unwrap());
        h
    }

    #[test]
    fn five_bad_keys_block_the_ip_even_for_the_right_key() {
        let g = Guard::new("good".into(), Duration::from_millis(40));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(
            g.check(&HeaderMap::new(), ip).unwrap_err().code,
            "MISSING_ACCESS_TOKEN"
        );
        let mut left = vec![];
        for _ in 0..5 {
            let e = g.check(&headers(b"bad\xff"), ip).unwrap_err();
            assert_eq!(e.status, StatusCode::UNAUTHORIZED);
            left.push(e.details.unwrap()["attemptsLeft"].as_u64().unwrap());
        }
        assert_eq!(left, vec![4, 3, 2, 1, 0]);
        let e = g.check(&headers(b"good"), ip).unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str()),
            (StatusCode::FORBIDDEN, "IP_BLOCKED")
        );
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(g.check(&headers(b"good"), other).is_ok());
        std::thread::sleep(Duration::from_millis(60));
        assert!(g.check(&headers(b"good"), ip).is_ok());
    }

    #[test]
    fn every_refused_request_is_counted() {
        let g = Guard::new("good".into(), Duration::from_secs(60));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(g.check(&headers(b"good"), ip).is_ok());
        assert!(g.check(&HeaderMap::new(), ip).is_err());
        for _ in 0..6 {
            assert!(g.check(&headers(b"bad"), ip).is_err());
        }
        assert_eq!(g.refusals(), 7, "missing, 5 wrong, 1 blocked");
    }

    #[test]
    fn a_good_key_resets_the_count() {
        let g = Guard::new("good".into(), Duration::from_secs(60));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..4 {
            assert!(g.check(&headers(b"bad"), ip).is_err());
        }
        assert!(g.check(&headers(b"good"), ip).is_ok());
        let e = g.check(&headers(b"bad"), ip).unwrap_err();
        assert_eq!(e.details.unwrap()["attemptsLeft"], 4);
    }
}
