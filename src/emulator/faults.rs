//! Injected failures, drawn from one seeded RNG so the same seed and the same requests give the
//! same faults. Only `/v3/*` requests draw; `/__emulator/*` never fails.

use super::config::FaultConfig;
use super::envelope::{ApiFailure, json_response};
use super::messages;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Mutex;
use std::time::Duration;

/// The `Retry-After` a 429 asks for at speed 1: the 5 s seen from the live API.
pub const RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);

/// For a send: whether the fault hits before the order is applied or after (charged, answer lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    BeforeApply,
    AfterApply,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    None,
    Error500,
    /// 429 `RATE_LIMIT_EXCEEDED` with a `Retry-After` header.
    Error429,
    Drop(When),
    Malformed(When),
    /// 503 `SERVICE_UNAVAILABLE`.
    Error503,
    /// 403 `IP_NOT_ALLOWED`: the caller is not on the key's IP whitelist.
    IpNotAllowed,
    /// 403 `API_DISABLED`.
    ApiDisabled,
    /// 413 `PAYLOAD_TOO_LARGE`, whatever the body.
    Error413,
    /// The server's bare 404 `{message, error, statusCode}`, as for a route it does not know.
    UnknownRoute,
}

/// What happens to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaultDecision {
    pub latency: Duration,
    pub kind: FaultKind,
    /// The `Retry-After` a 429 carries.
    pub retry_after: Duration,
}

impl Default for FaultDecision {
    fn default() -> Self {
        FaultDecision {
            latency: Duration::ZERO,
            kind: FaultKind::None,
            retry_after: Duration::ZERO,
        }
    }
}

impl FaultDecision {
    /// The answer replacing the real one before anything is applied, if any.
    pub fn before_apply(&self, method: &str, path: &str) -> Option<Response> {
        match self.kind {
            FaultKind::None
            | FaultKind::Drop(When::AfterApply)
            | FaultKind::Malformed(When::AfterApply) => None,
            FaultKind::Error500 => Some(internal_error()),
            FaultKind::Error429 => Some(rate_limited(self.retry_after)),
            FaultKind::Drop(When::BeforeApply) => Some(dropped()),
            FaultKind::Malformed(When::BeforeApply) => Some(truncate_bytes(
                br#"{"success":true,"data":{"topupId":"6650aa11bb22cc33dd44ee55","topupRef":"x"}}"#,
            )),
            FaultKind::Error503 => Some(
                ApiFailure::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "SERVICE_UNAVAILABLE",
                    messages::SERVICE_UNAVAILABLE,
                )
                .into_response(),
            ),
            FaultKind::IpNotAllowed => Some(
                ApiFailure::new(
                    StatusCode::FORBIDDEN,
                    "IP_NOT_ALLOWED",
                    messages::IP_NOT_ALLOWED,
                )
                .into_response(),
            ),
            FaultKind::ApiDisabled => Some(
                ApiFailure::new(
                    StatusCode::FORBIDDEN,
                    "API_DISABLED",
                    messages::API_DISABLED,
                )
                .into_response(),
            ),
            FaultKind::Error413 => Some(
                ApiFailure::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "PAYLOAD_TOO_LARGE",
                    messages::BODY_TOO_LARGE,
                )
                .into_response(),
            ),
            FaultKind::UnknownRoute => Some(route_not_found(method, path)),
        }
    }

    /// The real answer, or what a fault that struck after applying turns it into.
    pub async fn after_apply(&self, resp: Response) -> Response {
        match self.kind {
            FaultKind::Drop(When::AfterApply) => dropped(),
            FaultKind::Malformed(When::AfterApply) => truncate(resp).await,
            _ => resp,
        }
    }
}

/// The fault settings and the seeded RNG, behind one lock so draws are ordered.
#[derive(Debug)]
pub struct Faults {
    inner: Mutex<(FaultConfig, StdRng)>,
    /// `Retry-After` of a 429 unless the config sets one (the 5 s seen live, scaled by speed).
    retry_after: Duration,
}

impl Faults {
    pub fn new(config: FaultConfig, seed: u64, retry_after: Duration) -> Self {
        Faults {
            inner: Mutex::new((config, StdRng::seed_from_u64(seed))),
            retry_after,
        }
    }

    /// Replaces the rates; the RNG continues its sequence.
    pub fn set(&self, config: FaultConfig) {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).0 = config;
    }

    pub fn get(&self) -> FaultConfig {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .0
            .clone()
    }

    /// One decision per `/v3` request.
    pub fn draw(&self) -> FaultDecision {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (cfg, rng) = &mut *guard;
        let (lo, hi) = cfg.latency_ms;
        let latency = if hi > lo {
            Duration::from_millis(rng.random_range(lo..=hi))
        } else {
            Duration::from_millis(lo)
        };
        let r: f64 = rng.random();
        let when = if rng.random::<bool>() {
            When::BeforeApply
        } else {
            When::AfterApply
        };
        // New kinds go last, so a seed repeats its old sequence under an old config.
        let candidates = [
            (cfg.error_500, FaultKind::Error500),
            (cfg.error_429, FaultKind::Error429),
            (cfg.drop, FaultKind::Drop(when)),
            (cfg.malformed, FaultKind::Malformed(when)),
            (cfg.error_503, FaultKind::Error503),
            (cfg.ip_not_allowed, FaultKind::IpNotAllowed),
            (cfg.api_disabled, FaultKind::ApiDisabled),
            (cfg.error_413, FaultKind::Error413),
            (cfg.unknown_route, FaultKind::UnknownRoute),
        ];
        let mut edge = 0.0;
        let mut kind = FaultKind::None;
        for (rate, candidate) in candidates {
            edge += rate;
            if r < edge {
                kind = candidate;
                break;
            }
        }
        let retry_after = cfg
            .retry_after_secs
            .map(Duration::from_secs)
            .unwrap_or(self.retry_after);
        FaultDecision {
            latency,
            kind,
            retry_after,
        }
    }
}

pub fn internal_error() -> Response {
    ApiFailure::internal(messages::INTERNAL_ERROR).into_response()
}

/// 429 `RATE_LIMIT_EXCEEDED` with `Retry-After` in whole seconds (rounded: a sped-up emulator
/// may ask for 0).
pub fn rate_limited(retry_after: Duration) -> Response {
    let secs = retry_after.as_secs_f64().round() as u64;
    let mut resp = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        "RATE_LIMIT_EXCEEDED",
        messages::rate_limited(secs),
    )
    .into_response();
    resp.headers_mut()
        .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(secs));
    resp
}

/// What the server answers for a route it does not know: a bare body, not the envelope.
pub fn route_not_found(method: &str, path: &str) -> Response {
    let body = serde_json::json!({
        "message": messages::route_not_found(method, path),
        "error": "Not Found",
        "statusCode": 404,
    });
    json_response(StatusCode::NOT_FOUND, body.to_string().into_bytes())
}

/// A 200 whose body breaks off: the client sees the connection fail mid-answer.
pub fn dropped() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(br#"{"success":tr"#)),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "emulated dropped connection",
        )),
    ];
    let mut resp = Response::new(Body::from_stream(futures::stream::iter(chunks)));
    resp.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// The first half of a JSON body, as a 200.
fn truncate_bytes(body: &[u8]) -> Response {
    let cut = (body.len() / 2).clamp(1, body.len().saturating_sub(1).max(1));
    json_response(StatusCode::OK, body[..cut.min(body.len())].to_vec())
}

/// Reads the real answer and sends only its first half.
pub async fn truncate(resp: Response) -> Response {
    match axum::body::to_bytes(resp.into_body(), 4 * 1024 * 1024).await {
        Ok(bytes) if !bytes.is_empty() => truncate_bytes(&bytes),
        _ => truncate_bytes(br#"{"success":true,"data":{}}"#),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(seed: u64, cfg: &FaultConfig, n: usize) -> Vec<FaultKind> {
        let f = Faults::new(cfg.clone(), seed, Duration::ZERO);
        (0..n).map(|_| f.draw().kind).collect()
    }

    #[test]
    fn same_seed_same_faults() {
        let cfg = FaultConfig {
            error_500: 0.2,
            error_429: 0.2,
            drop: 0.2,
            malformed: 0.2,
            latency_ms: (0, 5),
            ..Default::default()
        };
        assert_eq!(kinds(9, &cfg, 100), kinds(9, &cfg, 100));
        assert_ne!(kinds(9, &cfg, 100), kinds(10, &cfg, 100));
        let all = kinds(9, &cfg, 400);
        for k in [FaultKind::Error500, FaultKind::Error429, FaultKind::None] {
            assert!(all.contains(&k), "{k:?}");
        }
        assert!(
            all.iter()
                .any(|k| matches!(k, FaultKind::Drop(When::AfterApply)))
        );
        assert!(
            all.iter()
                .any(|k| matches!(k, FaultKind::Malformed(When::BeforeApply)))
        );
    }

    #[test]
    fn zero_rates_never_fault_and_full_rates_always_do() {
        assert!(
            kinds(1, &FaultConfig::default(), 200)
                .iter()
                .all(|k| *k == FaultKind::None)
        );
        let cfg = FaultConfig {
            error_429: 1.0,
            ..Default::default()
        };
        assert!(kinds(1, &cfg, 50).iter().all(|k| *k == FaultKind::Error429));
        let f = Faults::new(FaultConfig::default(), 1, Duration::from_secs(5));
        f.set(FaultConfig {
            error_500: 1.0,
            ..Default::default()
        });
        let d = f.draw();
        assert_eq!(
            (d.kind, d.retry_after),
            (FaultKind::Error500, Duration::from_secs(5))
        );
        assert_eq!(f.get().error_500, 1.0);
        f.set(FaultConfig {
            error_429: 1.0,
            retry_after_secs: Some(30),
            ..Default::default()
        });
        assert_eq!(f.draw().retry_after, Duration::from_secs(30));
    }

    #[tokio::test]
    async fn a_rate_limit_says_how_long_to_wait_in_code_and_header() {
        let resp = rate_limited(Duration::from_millis(4600));
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(resp.headers()["retry-after"], "5");
        let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["code"], "RATE_LIMIT_EXCEEDED");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("5 seconds")
        );
    }

    #[tokio::test]
    async fn truncated_bodies_are_not_json() {
        let resp = truncate(super::super::envelope::ok_at(
            0,
            serde_json::json!({"balance": 5}),
        ))
        .await;
        assert_eq!(resp.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        assert!(!bytes.is_empty());
        assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
    }
}
