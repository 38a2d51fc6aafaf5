//! A hostile OneClickDz: a reverse proxy in front of the emulator (over loopback) that
//! misbehaves in one chosen way, set at run time. Every request is forwarded, so orders really
//! exist on the emulator; only the answers the till sees are changed. Every request is logged
//! with the time it arrived, so tests can measure how long the client waited.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One misbehaviour.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Everything passes unchanged.
    Honest,
    /// Successful check-ref/check-id answers get these `data` fields replaced (another ref, id
    /// or phone; a loose status word; impossible amounts).
    Rewrite(Vec<(&'static str, Value)>),
    /// Sends reach the API (the order is applied), but the till gets this answer instead.
    SendAnswer { status: u16, body: String },
    /// The next `n` requests (all, or only those whose path starts with `path`) get HTTP 429
    /// `RATE_LIMIT_EXCEEDED`, with this `Retry-After` header when given; the rest pass.
    RateLimit {
        path: Option<&'static str>,
        n: u32,
        retry_after: Option<String>,
    },
    /// Every human text of every answer (plan names, messages, offer labels) gets `tail`
    /// appended, and check answers carry an undocumented field holding it.
    Echo { tail: String },
    /// The list answers every page with page 1's orders (the real ones, asked for as page 1)
    /// under the page number asked for, claiming `total_pages`; with `fresh`, each page's
    /// orders get new refs and ids (`…-p<page>`), so every page brings orders never seen.
    ListRepeats { total_pages: u64, fresh: bool },
    /// A rate limit as a real API keeps one: at most `max` requests in each whole second;
    /// beyond, HTTP 429 `RATE_LIMIT_EXCEEDED` with `Retry-After: <retry_after_secs>`.
    RateWindow { max: u32, retry_after_secs: u32 },
    /// Every `/v3` request is forwarded (a send is applied), then answered with this 3xx and
    /// `Location: <to><the request's path and query>`.
    Redirect { status: u16, to: String },
    /// The list's items (those whose ref is in `only`, or all when it is empty) get these fields
    /// replaced: another amount, number or plan, a status against a final one.
    RewriteList {
        only: Vec<String>,
        fields: Vec<(&'static str, Value)>,
    },
    /// A slow send: each `POST /v3/mobile/send` is held this long before it reaches the API
    /// (and is applied then, even if the till gave up waiting); the rest passes.
    HoldSend { hold: std::time::Duration },
}

/// One request as the hostile server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub at: Instant,
    pub method: Method,
    pub path: String,
    /// What the till was answered.
    pub status: u16,
}

struct Shared {
    upstream: String,
    http: reqwest::Client,
    mode: Mutex<Mode>,
    seen: Mutex<Vec<Seen>>,
    /// For [`Mode::RateWindow`]: the second being counted and its requests so far.
    window: Mutex<(u64, u32)>,
    /// Every `/v3` request as it arrived (before any answer): when and where.
    arrived: Mutex<Vec<(Instant, String)>>,
}

pub struct Hostile {
    pub url: String,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Hostile {
    /// Starts in front of the emulator at `upstream` (`http://127.0.0.1:PORT`).
    pub async fn start(upstream: &str, mode: Mode) -> Hostile {
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_string(),
            http: reqwest::Client::new(),
            mode: Mutex::new(mode),
            seen: Mutex::new(Vec::new()),
            window: Mutex::new((0, 0)),
            arrived: Mutex::new(Vec::new()),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("hostile server binds");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Hostile { url, shared, task }
    }

    pub fn set_mode(&self, mode: Mode) {
        *lock(&self.shared.mode) = mode;
    }

    /// Every `/v3` request so far, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.shared.seen).clone()
    }

    pub fn clear_seen(&self) {
        lock(&self.shared.seen).clear();
    }

    /// `/v3` requests whose path starts with `prefix` that have arrived so far, answered or not
    /// (a held send is here from the moment it arrived).
    pub fn arrived(&self, prefix: &str) -> Vec<Instant> {
        lock(&self.shared.arrived)
            .iter()
            .filter(|(_, p)| p.starts_with(prefix))
            .map(|(at, _)| *at)
            .collect()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(s): State<Arc<Shared>>, req: Request) -> Response {
    let at = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    if path.starts_with("/v3/") {
        lock(&s.arrived).push((at, path.clone()));
    }
    let resp = misbehave(&s, req).await;
    if path.starts_with("/v3/") {
        lock(&s.seen).push(Seen {
            at,
            method,
            path,
            status: resp.status().as_u16(),
        });
    }
    resp
}

async fn misbehave(s: &Arc<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let mode = {
        let mut mode = lock(&s.mode);
        if let Mode::RateLimit {
            path: only,
            n,
            retry_after,
        } = &mut *mode
            && *n > 0
            && only.is_none_or(|p| path.starts_with(p))
        {
            *n -= 1;
            return rate_limited(retry_after.as_deref());
        }
        if let Mode::RateWindow {
            max,
            retry_after_secs,
        } = &*mode
            && path.starts_with("/v3/")
        {
            let second = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let mut w = lock(&s.window);
            if w.0 != second {
                *w = (second, 0);
            }
            w.1 += 1;
            if w.1 > *max {
                return rate_limited(Some(&retry_after_secs.to_string()));
            }
        }
        mode.clone()
    };
    let is_send = req.method() == Method::POST && path == "/v3/mobile/send";
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let is_check = path.starts_with("/v3/mobile/check-");
    if let (Mode::ListRepeats { total_pages, fresh }, "/v3/mobile/list") = (&mode, path.as_str()) {
        return repeat_list(s, req, *total_pages, *fresh).await;
    }
    if let (Mode::HoldSend { hold }, true) = (&mode, is_send) {
        // In a task of its own: the send reaches the API even after the till hung up.
        let (s, hold) = (s.clone(), *hold);
        let late = tokio::spawn(async move {
            tokio::time::sleep(hold).await;
            forward(&s, req).await
        });
        return match late.await {
            Ok(Ok((status, body))) => json(status, body),
            _ => (StatusCode::BAD_GATEWAY, "upstream").into_response(),
        };
    }
    let (status, body) = match forward(s, req).await {
        Ok(answer) => answer,
        Err(e) => return (StatusCode::BAD_GATEWAY, format!("upstream: {e}")).into_response(),
    };
    match mode {
        Mode::Redirect { status, to } if path.starts_with("/v3/") => {
            let mut resp = json(
                StatusCode::from_u16(status).expect("status"),
                Bytes::from_static(b""),
            );
            resp.headers_mut().insert(
                header::LOCATION,
                HeaderValue::from_str(&format!("{to}{target}")).expect("location"),
            );
            resp
        }
        Mode::SendAnswer { status, body } if is_send => {
            json(StatusCode::from_u16(status).expect("status"), body.into())
        }
        Mode::RewriteList { only, fields }
            if path == "/v3/mobile/list" && status == StatusCode::OK =>
        {
            rewrite(&body, |v| {
                for item in v["data"]["items"].as_array_mut().into_iter().flatten() {
                    let named = item["ref"].as_str().unwrap_or_default().to_string();
                    if only.is_empty() || only.contains(&named) {
                        for (k, val) in &fields {
                            item[*k] = val.clone();
                        }
                    }
                }
            })
        }
        Mode::Rewrite(fields) if is_check && status == StatusCode::OK => rewrite(&body, |v| {
            for (k, val) in &fields {
                v["data"][*k] = val.clone();
            }
        }),
        Mode::Echo { tail } if status.is_success() || status.is_client_error() => {
            let with_field = is_check;
            let resp = rewrite(&body, |v| {
                echo(v, &tail);
                if with_field && v["data"].is_object() {
                    v["data"]["operator_note"] = Value::String(format!("note{tail}"));
                }
            });
            let (mut parts, b) = resp.into_parts();
            parts.status = status;
            Response::from_parts(parts, b)
        }
        _ => json(status, body),
    }
}

/// Page 1's answer, relabelled as the page asked for (see [`Mode::ListRepeats`]).
async fn repeat_list(s: &Shared, req: Request, total_pages: u64, fresh: bool) -> Response {
    let query = req.uri().query().unwrap_or("").to_string();
    let mut asked = 1u64;
    let query: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some(("page", n)) => {
                asked = n.parse().unwrap_or(1);
                "page=1".to_string()
            }
            _ => kv.to_string(),
        })
        .collect();
    let (mut parts, body) = req.into_parts();
    parts.uri = format!("/v3/mobile/list?{}", query.join("&"))
        .parse()
        .expect("uri");
    let (status, body) = match forward(s, Request::from_parts(parts, body)).await {
        Ok(answer) => answer,
        Err(e) => return (StatusCode::BAD_GATEWAY, format!("upstream: {e}")).into_response(),
    };
    if status != StatusCode::OK {
        return json(status, body);
    }
    rewrite(&body, |v| {
        let p = &mut v["data"]["pagination"];
        p["page"] = Value::from(asked);
        p["totalPages"] = Value::from(total_pages);
        p["totalResults"] = Value::from(total_pages.saturating_mul(50));
        if fresh && let Some(items) = v["data"]["items"].as_array_mut() {
            for item in items {
                for k in ["ref", "_id"] {
                    if let Some(old) = item[k].as_str() {
                        item[k] = Value::String(format!("{old}-p{asked}"));
                    }
                }
            }
        }
    })
}

async fn forward(s: &Shared, req: Request) -> Result<(StatusCode, Bytes), reqwest::Error> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let uri = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let mut rb = s
        .http
        .request(parts.method.clone(), format!("{}{uri}", s.upstream))
        .body(bytes.to_vec());
    for name in ["x-access-token", "content-type"] {
        if let Some(v) = parts.headers.get(name) {
            rb = rb.header(name, v.as_bytes());
        }
    }
    let resp = rb.send().await?;
    let status = StatusCode::from_u16(resp.status().as_u16()).expect("status");
    Ok((status, resp.bytes().await?))
}

fn json(status: StatusCode, body: Bytes) -> Response {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

fn rewrite(body: &[u8], change: impl FnOnce(&mut Value)) -> Response {
    let mut v: Value = serde_json::from_slice(body).expect("the emulator answers JSON");
    change(&mut v);
    json(StatusCode::OK, serde_json::to_vec(&v).expect("JSON").into())
}

/// Appends `tail` to every human text: names, messages, offer labels.
fn echo(v: &mut Value, tail: &str) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                match val {
                    Value::String(s)
                        if matches!(
                            k.as_str(),
                            "name" | "message" | "refund_message" | "typename"
                        ) =>
                    {
                        s.push_str(tail)
                    }
                    other => echo(other, tail),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| echo(x, tail)),
        _ => {}
    }
}

fn rate_limited(retry_after: Option<&str>) -> Response {
    let body = r#"{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests"},"requestId":"req_1_hostile"}"#;
    let mut resp = json(
        StatusCode::TOO_MANY_REQUESTS,
        Bytes::from_static(body.as_bytes()),
    );
    if let Some(r) = retry_after {
        resp.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(r).expect("header value"),
        );
    }
    resp
}

/// Another host on this machine (`http://localhost:PORT`, where the till's API is
/// `http://127.0.0.1:…`) that keeps every request it receives, whole, and answers each with the
/// API's 404 `NOT_FOUND`: what a redirected till would meet.
pub struct Recorder {
    pub url: String,
    got: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

/// One request the recorder received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: Method,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorder {
    pub async fn start() -> Recorder {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let keep = got.clone();
        let app = Router::new().fallback(move |req: Request| {
            let keep = keep.clone();
            async move {
                let (parts, body) = req.into_parts();
                let body = axum::body::to_bytes(body, 1 << 20)
                    .await
                    .unwrap_or_default();
                lock(&keep).push(Received {
                    method: parts.method.clone(),
                    path: parts.uri.to_string(),
                    headers: parts
                        .headers
                        .iter()
                        .map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
                        .collect(),
                    body: body.to_vec(),
                });
                json(
                    StatusCode::NOT_FOUND,
                    Bytes::from_static(
                        br#"{"success":false,"error":{"code":"NOT_FOUND","message":"Not found"}}"#,
                    ),
                )
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("recorder binds");
        let url = format!(
            "http://localhost:{}",
            listener.local_addr().expect("addr").port()
        );
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Recorder { url, got, task }
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.got).clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}
