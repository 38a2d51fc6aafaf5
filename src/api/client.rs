//! The HTTP client for the OneClickDz v3 API.
//!
//! Read requests (validate, ping, balance, plans, check-*) are retried a few times on network
//! errors, 5xx and 429. `send` is never retried here: repeating a send is the order lifecycle's
//! decision, and it always reuses the same `ref`.

use super::error::{ApiError, NetworkKind};
use super::list::{ListRequest, TopupList, TopupPage};
use super::types::*;
use crate::secret::ApiKey;
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// The real API.
pub const DEFAULT_API_URL: &str = "https://api.oneclickdz.com";
/// Bodies larger than this are refused rather than read into memory.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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
}

/// Checks an API base URL: it must parse, and be `https://` unless it points at this machine.
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| ApiError::Config(format!("API URL '{raw}' is not a valid URL: {e}")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(ApiError::Config(format!(
            "API URL '{raw}' must use https:// (plain http is only allowed on this machine)"
        ))),
        other => Err(ApiError::Config(format!(
            "API URL '{raw}' has unsupported scheme '{other}'"
        ))),
    }
}

impl ApiClient {
    pub fn new(opts: ClientOptions) -> Result<Self, ApiError> {
        let base = check_base_url(&opts.base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.request_timeout)
            .user_agent(concat!("flexy-pos/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Config(format!("cannot build HTTP client: {e}")))?;
        Ok(ApiClient {
            http,
            base,
            key: opts.key,
            read_retries: opts.read_retries,
            retry_delay: opts.retry_delay,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    pub async fn validate(&self) -> Result<ValidateData, ApiError> {
        self.read(&["v3", "validate"]).await
    }

    pub async fn ping(&self) -> Result<PingData, ApiError> {
        self.read(&["v3", "ping"]).await
    }

    pub async fn balance(&self) -> Result<BalanceData, ApiError> {
        self.read(&["v3", "account", "balance"]).await
    }

    pub async fn plans(&self) -> Result<PlansData, ApiError> {
        self.read(&["v3", "mobile", "plans"]).await
    }

    pub async fn check_ref(&self, reference: &str) -> Result<TopupInfo, ApiError> {
        self.read(&["v3", "mobile", "check-ref", reference]).await
    }

    pub async fn check_id(&self, topup_id: &str) -> Result<TopupInfo, ApiError> {
        self.read(&["v3", "mobile", "check-id", topup_id]).await
    }

    /// One page of the account's top-ups, newest first (`GET /v3/mobile/list`). An answer for
    /// another page than the one asked for is refused as unreadable.
    pub async fn list_topups(&self, req: &ListRequest) -> Result<TopupPage, ApiError> {
        let raw: TopupList<serde_json::Value> = self
            .read_query(&["v3", "mobile", "list"], &req.query())
            .await?;
        if raw.pagination.page != u64::from(req.page()) {
            return Err(ApiError::Decode {
                status: 200,
                message: format!(
                    "asked for page {} of the top-up list, got page {}",
                    req.page(),
                    raw.pagination.page
                ),
                request_id: None,
            });
        }
        Ok(TopupPage::from_raw(raw))
    }

    /// Sends a top-up once. Never retried here: see the module docs.
    pub async fn send(&self, req: &SendRequest) -> Result<SendData, ApiError> {
        let body = serde_json::to_vec(req)
            .map_err(|e| ApiError::Config(format!("cannot encode send request: {e}")))?;
        self.request(Method::POST, &["v3", "mobile", "send"], &[], Some(body))
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

    async fn read<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, ApiError> {
        self.read_query(segments, &[]).await
    }

    async fn read_query<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let mut delay = self.retry_delay;
        let mut attempt = 0;
        loop {
            match self.request(Method::GET, segments, query, None).await {
                Err(e) if e.is_transient() && attempt < self.read_retries => {
                    attempt += 1;
                    tracing::debug!(path = %segments.join("/"), attempt, "retrying read: {e}");
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                }
                other => return other,
            }
        }
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
        let resp = rb.send().await.map_err(network_error)?;
        let status = resp.status();
        let bytes = read_capped(resp).await?;
        decode_envelope(status, &bytes).map_err(|e| self.redact(e))
    }

    /// Server text (or a parse error quoting it) could echo the key back; it never leaves this
    /// client unmasked.
    fn redact(&self, mut e: ApiError) -> ApiError {
        if let Some(m) = e.message_mut() {
            *m = self.key.redact(m);
        }
        e
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
    let code = status.as_u16();
    let raw: Envelope<serde_json::Value> = match serde_json::from_slice(body) {
        Ok(env) => env,
        Err(e) => {
            // A 5xx/429 with a non-JSON body (proxy page) is still that failure.
            if status.is_server_error() {
                return Err(ApiError::Failed {
                    status: code,
                    code: None,
                    message: format!("non-JSON error page ({})", snippet(body)),
                    request_id: None,
                });
            }
            if code == 429 {
                return Err(ApiError::from_error_body(
                    429,
                    "RATE_LIMITED".into(),
                    "too many requests".into(),
                    None,
                    None,
                ));
            }
            return Err(ApiError::Decode {
                status: code,
                message: format!("not a JSON envelope: {e}"),
                request_id: None,
            });
        }
    };
    let request_id = raw.request_id.clone();
    if !raw.success || !status.is_success() {
        return Err(match raw.error {
            Some(err) => {
                ApiError::from_error_body(code, err.code, err.message, err.details, request_id)
            }
            None if status.is_server_error() => ApiError::Failed {
                status: code,
                code: None,
                message: "error without details".into(),
                request_id,
            },
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
    serde_json::from_value(data).map_err(|e| ApiError::Decode {
        status: code,
        message: format!("unexpected data shape: {e}"),
        request_id,
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
        let shown = c.redact(raw).to_string();
        assert!(!shown.contains(key), "{shown}");
        assert!(shown.contains("••••90ab"), "{shown}");
        let refused =
            ApiError::from_error_body(401, "X".into(), format!("bad key {key}"), None, None);
        assert!(!c.redact(refused).to_string().contains(key));
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
