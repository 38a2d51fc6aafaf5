//! The HTTP client for the OneClickDz v3 API.
//!
//! Read requests (validate, ping, balance, plans, check-*) are retried a few times on network
//! errors, 5xx and 429. `send` is never retried here: repeating a send is the order lifecycle's
//! decision, and it always reuses the same `ref`. Every request but `ping` passes the key latch
//! ([`super::key_latch`]) first: after a refused key nothing leaves.
//!
//! Every request first takes its turn in its [`Lane`] (background work goes one request at a
//! time, after the clerk's), then waits at the [`RateGate`] (a 429's `Retry-After` holds every
//! kind of request). Every answer has the API key redacted from all its strings before it is decoded,
//! so no server text that echoes the key is ever stored, logged or shown; error texts are also
//! sanitized here, once, for every output path.

use super::error::{ApiError, NetworkKind, ProtocolFault};
use super::key_latch::{KeyLatch, LatchMemory};
use super::lanes::{Lane, Lanes};
use super::list::{ListRequest, TopupList, TopupPage};
use super::rate_gate::{RateGate, parse_retry_after};
use super::server_clock::{RoundTrip, ServerClock, parse_http_date, parse_timestamp};
use super::types::*;
use crate::secret::ApiKey;
use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

pub use crate::api_url::DEFAULT_API_URL;
/// Bodies larger than this are refused rather than read into memory.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The longest wait between two tries of a read (they double from `retry_delay`).
const MAX_RETRY_DELAY: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub base_url: String,
    pub key: ApiKey,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// How many times a read request is retried after a transient error.
    pub read_retries: u32,
    /// First retry delay; doubled for each further retry.
    pub retry_delay: Duration,
    /// How long every request waits after a 429 that gives no `Retry-After` (doubled for each
    /// further 429 in a row). 5 s is what OneClickDz was seen to ask for.
    pub rate_limit_backoff: Duration,
}

impl ClientOptions {
    pub fn new(base_url: impl Into<String>, key: ApiKey) -> Self {
        ClientOptions {
            base_url: base_url.into(),
            key,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            read_retries: 2,
            retry_delay: Duration::from_millis(250),
            rate_limit_backoff: Duration::from_secs(5),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ApiClient {
    http: reqwest::Client,
    base: Url,
    key: ApiKey,
    read_retries: u32,
    retry_delay: Duration,
    gate: RateGate,
    /// Shared by every clone: one refused key stops them all.
    latch: Arc<KeyLatch>,
    /// The server's clock against the till's, from every answer (shared by every clone).
    clock: Arc<ServerClock>,
    /// Whose requests this handle makes, and the lanes every clone shares.
    lane: Lane,
    lanes: Arc<Lanes>,
}

/// Whether a request goes through the key latch (all do, but `ping`, which needs no key).
#[derive(Clone, Copy)]
enum Latch {
    Obey,
    Bypass,
}

/// Checks an API base URL ([`crate::api_url::check`]), as the client's error.
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    use crate::api_url::BadApiUrl;
    crate::api_url::check(raw).map_err(|e| {
        ApiError::Config(match e {
            BadApiUrl::NotAUrl(why) => format!("API URL '{raw}' is not a valid URL: {why}"),
            BadApiUrl::NotHttps => format!(
                "API URL '{raw}' must use https:// (plain http is only allowed on this machine)"
            ),
            BadApiUrl::Scheme(other) => {
                format!("API URL '{raw}' has unsupported scheme '{other}'")
            }
        })
    })
}

impl ApiClient {
    pub fn new(opts: ClientOptions) -> Result<Self, ApiError> {
        let base = check_base_url(&opts.base_url)?;
        let http = reqwest::Client::builder()
            // A redirect would carry the key and the order to whatever host it names (reqwest
            // keeps `X-Access-Token`, and the https-only rule checks the base URL alone).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.request_timeout)
            .user_agent(concat!("flexy-pos/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Config(format!("cannot build HTTP client: {e}")))?;
        Ok(ApiClient {
            http,
            base,
            latch: Arc::new(KeyLatch::new(&opts.key)),
            clock: Arc::default(),
            lane: Lane::Foreground,
            lanes: Lanes::new(),
            key: opts.key,
            read_retries: opts.read_retries,
            retry_delay: opts.retry_delay,
            gate: RateGate::new(opts.rate_limit_backoff),
        })
    }

    /// This client for the till's background work (the audit, the status bar's balance): its
    /// requests go one at a time and give way to the clerk's ([`super::lanes`]).
    pub fn background(&self) -> ApiClient {
        ApiClient {
            lane: Lane::Background,
            ..self.clone()
        }
    }

    /// The gate every request of this client (and its clones) waits at.
    pub fn rate_gate(&self) -> &RateGate {
        &self.gate
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// The server's clock minus the till's, as the last dated answer told it.
    pub fn server_clock_offset(&self) -> Option<chrono::Duration> {
        self.clock.offset()
    }

    /// Keeps the refused-key latch in `memory`, so it outlives the process (see
    /// [`super::key_latch`]); a refusal kept for this key applies at once.
    pub fn remember_key_refusals(&self, memory: Arc<dyn LatchMemory>) {
        self.latch.remember_in(memory);
    }

    /// The error every request gets while the key stands refused; `None` when requests may go.
    pub fn key_refused(&self) -> Option<ApiError> {
        self.latch.refused()
    }

    /// Lets requests ask the API again after a refused key (F5 at the counter).
    pub fn lift_key_latch(&self) {
        self.latch.lift();
    }

    /// Makes sure the key is not known to be refused before something is written on its
    /// behalf: asks `/v3/validate` when no answer has confirmed the key yet in this process.
    /// `Err` only for a refused key; an API that cannot be reached proves nothing.
    pub async fn verify_key(&self) -> Result<(), ApiError> {
        if let Some(e) = self.latch.refused() {
            return Err(e);
        }
        if self.latch.is_accepted() {
            return Ok(());
        }
        match self.validate().await {
            Err(e) if e.is_key_refused() => Err(e),
            _ => Ok(()),
        }
    }

    pub async fn validate(&self) -> Result<ValidateData, ApiError> {
        self.read(&["v3", "validate"]).await
    }

    /// Needs no key (the API answers a wrong one too), so it neither waits for nor tells the
    /// key latch anything.
    pub async fn ping(&self) -> Result<PingData, ApiError> {
        self.read_with(&["v3", "ping"], &[], Latch::Bypass).await
    }

    pub async fn balance(&self) -> Result<BalanceData, ApiError> {
        self.read(&["v3", "account", "balance"]).await
    }

    pub async fn plans(&self) -> Result<PlansData, ApiError> {
        self.read(&["v3", "mobile", "plans"]).await
    }

    /// The top-up with this ref. Impossible amounts are a [`ApiError::Protocol`] error; whether
    /// the answer is about the right order is the lifecycle's check (it knows the order).
    pub async fn check_ref(&self, reference: &str) -> Result<TopupInfo, ApiError> {
        plausible(self.read(&["v3", "mobile", "check-ref", reference]).await?)
    }

    /// The top-up with this id (see [`ApiClient::check_ref`]).
    pub async fn check_id(&self, topup_id: &str) -> Result<TopupInfo, ApiError> {
        plausible(self.read(&["v3", "mobile", "check-id", topup_id]).await?)
    }

    /// One page of the account's top-ups, newest first (`GET /v3/mobile/list`). An answer for
    /// another page than the one asked for is refused; an item with impossible amounts is set
    /// aside with the unreadable ones (the others are kept).
    pub async fn list_topups(&self, req: &ListRequest) -> Result<TopupPage, ApiError> {
        self.list_page(&["v3", "mobile", "list"], req).await
    }

    /// One page of a list endpoint (mobile or internet: the same query and answer shapes).
    pub(super) async fn list_page(
        &self,
        segments: &[&str],
        req: &ListRequest,
    ) -> Result<TopupPage, ApiError> {
        let raw: TopupList<Value> = self.read_query(segments, &req.query()).await?;
        if raw.pagination.page != u64::from(req.page()) {
            return Err(ApiError::Protocol {
                status: 200,
                fault: Some(ProtocolFault::WrongPage {
                    asked: u64::from(req.page()),
                    got: raw.pagination.page,
                }),
                message: format!(
                    "asked for page {} of the top-up list, got page {}",
                    req.page(),
                    raw.pagination.page
                ),
                request_id: None,
            });
        }
        let mut page = TopupPage::from_raw(raw);
        let (kept, broken): (Vec<TopupInfo>, Vec<TopupInfo>) = page
            .items
            .into_iter()
            .partition(|i| i.implausible().is_none());
        for item in broken {
            let why = item
                .implausible()
                .map(|w| w.to_string())
                .unwrap_or_default();
            page.unreadable
                .push(format!("item with id '{}': {why}", item.id));
        }
        page.items = kept;
        Ok(page)
    }

    /// Sends a top-up once. Never retried here: see the module docs.
    pub async fn send(&self, req: &SendRequest) -> Result<SendData, ApiError> {
        let body = serde_json::to_vec(req)
            .map_err(|e| ApiError::Config(format!("cannot encode send request: {e}")))?;
        self.gated(Method::POST, &["v3", "mobile", "send"], &[], Some(body))
            .await
    }

    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            // Each segment is percent-encoded, so a ref can never change the path.
            path.extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    pub(super) async fn read<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, ApiError> {
        self.read_with(segments, &[], Latch::Obey).await
    }

    pub(super) async fn read_query<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        self.read_with(segments, query, Latch::Obey).await
    }

    async fn read_with<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
        latch: Latch,
    ) -> Result<T, ApiError> {
        let mut attempt = 0;
        loop {
            let answer = match latch {
                Latch::Obey => self.gated(Method::GET, segments, query, None).await,
                Latch::Bypass => self.request(Method::GET, segments, query, None).await,
            };
            match answer {
                Err(e) if e.is_transient() && attempt < self.read_retries => {
                    attempt += 1;
                    tracing::debug!(path = %segments.join("/"), attempt, "retrying read: {e}");
                    let delay =
                        crate::backoff::doubled(self.retry_delay, attempt - 1, MAX_RETRY_DELAY);
                    tokio::time::sleep(delay).await;
                }
                other => return other,
            }
        }
    }

    /// One request through the key latch: refused at once while the key stands refused, one at a
    /// time until the key is confirmed, and its answer taught to the latch.
    pub(super) async fn gated<T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiError> {
        let _admitted = self.latch.admit().await?;
        let result = self.request(method, segments, query, body).await;
        self.latch.observe(&result);
        result
    }

    async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiError> {
        let mut rb = self
            .http
            .request(method, self.url(segments, query))
            .header("X-Access-Token", self.key.expose_for_header())
            .header("Accept", "application/json");
        if let Some(b) = body {
            rb = rb.header("Content-Type", "application/json").body(b);
        }
        let _turn = self.lanes.enter(self.lane).await;
        self.gate.wait().await;
        let sent = chrono::Utc::now();
        let resp = rb.send().await.map_err(|e| self.scrub(network_error(e)))?;
        let trip = RoundTrip {
            sent,
            received: chrono::Utc::now(),
        };
        let status = resp.status();
        let dated = resp
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date);
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, chrono::Utc::now()));
        let held = self.gate.record(status.as_u16(), retry_after);
        if status.is_redirection() {
            // Its body, whatever it says (a NOT_FOUND envelope…), is not the API's answer.
            return Err(ApiError::Redirected {
                status: status.as_u16(),
            });
        }
        let bytes = read_capped(resp).await.map_err(|e| {
            self.learn_time(None, dated, trip);
            self.scrub(e)
        })?;
        self.decode(status, &bytes, Some((dated, trip)))
            .map_err(|e| self.scrub(with_hold(e, held)))
    }

    /// Keeps how far the server's clock is from ours: `meta.timestamp` (milliseconds) when the
    /// answer has one, else its `Date` header.
    fn learn_time(&self, meta: Option<&Value>, dated: Option<DateTime<Utc>>, trip: RoundTrip) {
        let stamped = meta
            .and_then(|v| v.pointer("/meta/timestamp"))
            .and_then(Value::as_str)
            .and_then(parse_timestamp);
        if let Some(server_time) = stamped.or(dated) {
            self.clock.observe(server_time, trip);
        }
    }

    /// Decodes an answer after redacting the key from every string in it (values and names);
    /// `timing` (its `Date` header and round trip) teaches the server's clock.
    fn decode<T: DeserializeOwned>(
        &self,
        status: StatusCode,
        body: &[u8],
        timing: Option<(Option<DateTime<Utc>>, RoundTrip)>,
    ) -> Result<T, ApiError> {
        let parsed = serde_json::from_slice::<Value>(body);
        if let Some((dated, trip)) = timing {
            self.learn_time(parsed.as_ref().ok(), dated, trip);
        }
        let mut value: Value = match parsed {
            Ok(v) => v,
            Err(e) => return Err(unreadable(status, non_json(body, &e))),
        };
        redact_value(&mut value, &self.key);
        decode_value(status, value)
    }

    /// Server text (or a parse error quoting it) could echo the key back or carry escape
    /// sequences; it never leaves this client unmasked or raw.
    fn scrub(&self, mut e: ApiError) -> ApiError {
        for text in e.server_texts_mut() {
            *text = crate::text::sanitize_line(&self.key.redact(text));
        }
        e
    }
}

/// Tells the clerk how long the till now waits before asking again.
fn with_hold(mut e: ApiError, held: Option<Duration>) -> ApiError {
    if let (Some(d), Some(m)) = (held, e.message_mut()) {
        m.push_str(&format!(
            "; waiting {} s before the next request",
            d.as_secs_f64().ceil()
        ));
    }
    e
}

/// Replaces the key in every string of a JSON value, object names included.
fn redact_value(v: &mut Value, key: &ApiKey) {
    match v {
        Value::String(s) => {
            if let Some(masked) = key.redacted(s) {
                *s = masked;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| redact_value(x, key)),
        Value::Object(map) => {
            if map.keys().any(|k| key.occurs_in(k)) {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (key.redact(&k), v))
                    .collect();
            }
            map.values_mut().for_each(|x| redact_value(x, key));
        }
        _ => {}
    }
}

/// A check answer with a negative or impossible amount is not a charge: it is a broken answer.
pub(super) fn plausible(info: TopupInfo) -> Result<TopupInfo, ApiError> {
    match info.implausible() {
        None => Ok(info),
        Some(why) => Err(ApiError::Protocol {
            status: 200,
            message: format!("{why}; the answer was not used"),
            request_id: None,
            fault: Some(ProtocolFault::ImpossibleAmount(why)),
        }),
    }
}

async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, ApiError> {
    let status = resp.status().as_u16();
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(network_error)? {
        if buf.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::Decode {
                status,
                message: format!("answer larger than {MAX_BODY_BYTES} bytes"),
                request_id: None,
            });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

fn network_error(e: reqwest::Error) -> ApiError {
    let kind = if e.is_connect() {
        NetworkKind::Connect
    } else if e.is_timeout() {
        NetworkKind::Timeout
    } else {
        NetworkKind::Broken
    };
    // `without_url` keeps paths (and so refs) out of the text; the key is never in a URL anyway.
    let e = e.without_url();
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    ApiError::Network { kind, message: msg }
}

/// Turns a status and body into the endpoint's data or a typed error.
pub fn decode_envelope<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
) -> Result<T, ApiError> {
    match serde_json::from_slice(body) {
        Ok(v) => decode_value(status, v),
        Err(e) => Err(unreadable(status, non_json(body, &e))),
    }
}

fn non_json(body: &[u8], e: &serde_json::Error) -> String {
    format!("non-JSON answer ({}): {e}", snippet(body))
}

/// A body that is not the API's envelope: what its status alone says (a proxy's error page
/// during an outage is still that outage; a 404 is a route the server does not have).
fn unreadable(status: StatusCode, detail: String) -> ApiError {
    let code = status.as_u16();
    match code {
        503 => ApiError::Unavailable {
            status: code,
            code: None,
            message: detail,
            request_id: None,
        },
        500..=599 => ApiError::Failed {
            status: code,
            code: None,
            message: detail,
            request_id: None,
        },
        429 => ApiError::from_error_body(
            429,
            "RATE_LIMITED".into(),
            "too many requests".into(),
            None,
            None,
        ),
        404 => ApiError::UnknownRoute {
            status: code,
            message: detail,
        },
        _ => ApiError::Decode {
            status: code,
            message: detail,
            request_id: None,
        },
    }
}

/// `{message, error, statusCode}`: the server's own answer for a route it does not know.
fn bare_error(v: &Value) -> Option<String> {
    let obj = v.as_object()?;
    if obj.contains_key("success") || !obj.contains_key("statusCode") {
        return None;
    }
    let text = |k: &str| match obj.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    };
    Some(format!("{}: {}", text("error"), text("message")))
}

fn decode_value<T: DeserializeOwned>(status: StatusCode, v: Value) -> Result<T, ApiError> {
    let code = status.as_u16();
    if !status.is_success()
        && let Some(message) = bare_error(&v)
    {
        return Err(unreadable(status, message));
    }
    let raw: Envelope<Value> = match serde_json::from_value(v) {
        Ok(env) => env,
        Err(e) => return Err(unreadable(status, format!("not the API's envelope: {e}"))),
    };
    let request_id = raw.request_id.clone();
    if status.is_success() && !raw.success {
        // Not a documented refusal: the send may have been applied. Nothing is concluded.
        let (code_text, message) = raw
            .error
            .map(|e| (e.code, e.message))
            .unwrap_or_else(|| ("no error code".into(), String::new()));
        return Err(ApiError::Protocol {
            status: code,
            message: format!("HTTP {code} with success:false ({code_text}: {message})"),
            request_id,
            fault: Some(ProtocolFault::SuccessFalse {
                code: code_text,
                message,
            }),
        });
    }
    if !status.is_success() {
        return Err(match raw.error {
            Some(err) => {
                ApiError::from_error_body(code, err.code, err.message, err.details, request_id)
            }
            None if status.is_server_error() => {
                let mut e = unreadable(status, "error without details".into());
                if let ApiError::Failed { request_id: r, .. }
                | ApiError::Unavailable { request_id: r, .. } = &mut e
                {
                    *r = request_id;
                }
                e
            }
            None => ApiError::from_error_body(
                code,
                "UNKNOWN".into(),
                format!("request failed with HTTP {code}"),
                None,
                request_id,
            ),
        });
    }
    let data = raw.data.ok_or_else(|| ApiError::Decode {
        status: code,
        message: "success without data".into(),
        request_id: request_id.clone(),
    })?;
    serde_json::from_value(data).map_err(|e| {
        let message = format!("unexpected data shape: {e}");
        // A well-formed answer with an impossible amount breaks the API's rules: it is not a
        // charge, and the order's timeline says so (not just "could not read").
        if e.to_string().contains(crate::money::NOT_DINARS) {
            ApiError::Protocol {
                status: code,
                message,
                request_id,
                fault: Some(ProtocolFault::NotDinars),
            }
        } else {
            ApiError::Decode {
                status: code,
                message,
                request_id,
            }
        }
    })
}

fn snippet(body: &[u8]) -> String {
    // The text layer's sanitizer removes whole escape sequences, not just their ESC byte.
    crate::text::sanitize_line(&String::from_utf8_lossy(&body[..body.len().min(60)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_may_use_plain_http() {
        assert!(check_base_url("https://api.oneclickdz.com").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://[::1]:9").is_ok());
        assert!(check_base_url("http://api.oneclickdz.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
        assert!(check_base_url("not a url").is_err());
    }

    #[test]
    fn missing_required_field_is_a_decode_error() {
        let body = br#"{"success":true,"data":{"status":"PENDING"}}"#;
        let e = decode_envelope::<TopupInfo>(StatusCode::OK, body).unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e:?}");
        assert!(e.to_string().contains("_id"), "{e}");
        let e = decode_envelope::<TopupInfo>(StatusCode::OK, b"<html>").unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }));
        let e = decode_envelope::<TopupInfo>(StatusCode::BAD_GATEWAY, b"<html>").unwrap_err();
        assert!(matches!(e, ApiError::Failed { status: 502, .. }));
        let page = b"\x1b[31mBad Gateway\x1b]0;title\x07 nginx";
        let e = decode_envelope::<TopupInfo>(StatusCode::BAD_GATEWAY, page).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.contains("Bad Gateway") && shown.contains("nginx"),
            "{shown}"
        );
        assert!(
            !shown.contains("[31m") && !shown.contains("title"),
            "{shown}"
        );
    }

    #[test]
    fn an_answer_quoting_the_key_never_reaches_an_error_unmasked() {
        let key = "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab";
        let c = ApiClient::new(ClientOptions::new(
            "http://127.0.0.1:1",
            ApiKey::new(key).unwrap(),
        ))
        .unwrap();
        // A wrong shape makes serde quote the offending value: here, the echoed key.
        let body = format!(r#"{{"success":true,"data":{{"username":"u","apiKey":"{key}"}}}}"#);
        let raw = decode_envelope::<ValidateData>(StatusCode::OK, body.as_bytes()).unwrap_err();
        assert!(raw.to_string().contains(key), "precondition: {raw}");
        let shown = c.scrub(raw).to_string();
        assert!(!shown.contains(key), "{shown}");
        assert!(shown.contains("••••90ab"), "{shown}");
        let refused =
            ApiError::from_error_body(401, "X".into(), format!("bad key {key}"), None, None);
        assert!(!c.scrub(refused).to_string().contains(key));
    }

    #[test]
    fn every_string_of_an_answer_is_redacted_before_it_is_decoded() {
        let key = "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab";
        let c = ApiClient::new(ClientOptions::new(
            "http://127.0.0.1:1",
            ApiKey::new(key).unwrap(),
        ))
        .unwrap();
        // The key JSON-escaped (\u0030 is '0'), in a nested array, and as an object name.
        let body = r#"{"success":true,"data":{"_id":"i","ref":"r","status":"PENDING",
            "refund_message":"key \u0030b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
            "suggested_offers":[{"typename":"x 0b1c2d3e-aaaa-bbbb-cccc-1234567890ab","plan_code":"P","amount":5}],
            "debug":{"0b1c2d3e-aaaa-bbbb-cccc-1234567890ab":["0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"]}}}"#;
        let info: TopupInfo = c.decode(StatusCode::OK, body.as_bytes(), None).unwrap();
        let stored = serde_json::to_string(&info).unwrap();
        assert!(!stored.contains(key), "{stored}");
        assert_eq!(info.refund_message.as_deref(), Some("key ••••90ab"));
        assert_eq!(info.suggested_offers[0].typename, "x ••••90ab");
        assert_eq!(info.extra["debug"]["••••90ab"][0], "••••90ab");
        // And an error's texts: redacted and sanitized.
        let body = r#"{"success":false,"error":{"code":"X\u001b[31m","message":"\u202ebad 0b1c2d3e-aaaa-bbbb-cccc-1234567890ab\u009b2J"}}"#;
        let e = c
            .decode::<TopupInfo>(StatusCode::BAD_REQUEST, body.as_bytes(), None)
            .map_err(|e| c.scrub(e))
            .unwrap_err();
        let shown = e.to_string();
        assert!(!shown.contains(key), "{shown}");
        for bad in ['\u{1b}', '\u{202e}', '\u{9b}'] {
            assert!(!shown.contains(bad), "{shown:?}");
        }
    }

    #[test]
    fn ref_segments_are_escaped() {
        let c = ApiClient::new(ClientOptions::new(
            "http://127.0.0.1:1/",
            ApiKey::new("k").unwrap(),
        ))
        .unwrap();
        let u = c.url(&["v3", "mobile", "check-ref", "a/b?c"], &[]);
        assert_eq!(u.path(), "/v3/mobile/check-ref/a%2Fb%3Fc");
        assert_eq!(u.query(), None);
        let u = c.url(
            &["v3", "mobile", "list"],
            &[("from", "2025-10-01T00:00:00.000Z".into())],
        );
        assert_eq!(u.query(), Some("from=2025-10-01T00%3A00%3A00.000Z"));
    }
}
