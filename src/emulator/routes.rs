//! The `/v3` routes, the fault layer in front of them, and the error envelopes for unknown
//! routes, wrong methods and unreadable requests.

use super::admin;
use super::app::{App, USERNAME};
use super::envelope::ApiFailure;
use super::faults::{FaultDecision, FaultKind, dropped, internal_error, route_not_found, truncate};
use super::internet_routes as internet;
use super::messages;
use super::validate::validate_send;
use crate::api::types::{BalanceData, KeyInfo, KeyType, PingData};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Request, State, rejection::PathRejection};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, http::request::Parts};
use futures::StreamExt;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// Request bodies above this get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// An oversized body is read (and dropped) up to this size so the client gets the 413 answer
/// instead of a reset while it is still writing.
const MAX_DRAIN_BYTES: usize = 16 * 1024 * 1024;

type Shared = State<Arc<App>>;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v3/validate", get(validate))
        .route("/v3/ping", get(ping))
        .route("/v3/account/balance", get(balance))
        .route("/v3/mobile/plans", get(plans))
        .route("/v3/mobile/send", post(send))
        .route("/v3/mobile/check-ref/{reference}", get(check_ref))
        .route("/v3/mobile/check-id/{id}", get(check_id))
        .route("/v3/mobile/list", get(super::list::list))
        .route("/v3/internet/products", get(internet::list_products))
        .route("/v3/internet/check-number", get(internet::number))
        .route("/v3/internet/send", post(internet::send))
        .route(
            "/v3/internet/check-ref/{reference}",
            get(internet::check_ref),
        )
        .route("/v3/internet/check-id/{id}", get(internet::check_id))
        .route("/v3/internet/list", get(internet::list))
        .route("/__emulator/stats", get(admin::stats))
        .route(
            "/__emulator/faults",
            get(admin::get_faults).post(admin::set_faults),
        )
        .route("/__emulator/deposit", post(admin::deposit))
        .route("/__emulator/external-order", post(admin::external_order))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), inject_faults))
        .layer(middleware::from_fn_with_state(app.clone(), server_clock))
        .with_state(app)
}

fn caller_ip(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Counts every `/v3` request by route, and dates every answer by the server's clock (the
/// `Date` header hyper would add says this machine's).
async fn server_clock(State(app): Shared, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/v3/") {
        app.requests.count(req.method().as_str(), req.uri().path());
    }
    let mut resp = next.run(req).await;
    let date = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(app.now_ms())
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    if let Ok(v) = axum::http::HeaderValue::from_str(&date) {
        resp.headers_mut().insert(axum::http::header::DATE, v);
    }
    resp
}

/// Draws one fault decision per `/v3` request. Sends carry it to their handler, which must
/// count the ref and may apply the order before the fault strikes.
async fn inject_faults(State(app): Shared, mut req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/v3/") {
        return next.run(req).await;
    }
    let decision = app.faults.draw();
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let is_send = matches!(req.uri().path(), "/v3/mobile/send" | "/v3/internet/send");
    if req.method() == Method::POST && is_send {
        req.extensions_mut().insert(decision);
        return next.run(req).await;
    }
    let (method, path) = (req.method().to_string(), req.uri().path().to_string());
    match decision.kind {
        FaultKind::None => next.run(req).await,
        // Reads have nothing to apply: a drop or truncation "after" still cuts the real answer.
        FaultKind::Malformed(_) => truncate(next.run(req).await).await,
        FaultKind::Drop(_) => dropped(),
        _ => decision
            .before_apply(&method, &path)
            .unwrap_or_else(internal_error),
    }
}

pub(super) fn authorize(app: &App, parts: &Parts) -> Result<(), ApiFailure> {
    app.guard.check(&parts.headers, caller_ip(parts))
}

#[derive(Serialize)]
struct ValidateOut<'a> {
    username: &'a str,
    #[serde(rename = "apiKey")]
    api_key: KeyOut<'a>,
}

/// The doc's `apiKey` object echoes the key; the client's type deliberately drops it.
#[derive(Serialize)]
struct KeyOut<'a> {
    key: &'a str,
    #[serde(flatten)]
    info: KeyInfo,
}

async fn validate(State(app): Shared, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    app.ok(ValidateOut {
        username: USERNAME,
        api_key: KeyOut {
            key: &app.key,
            info: KeyInfo {
                is_enabled: true,
                key_type: KeyType::Sandbox,
                allowedips: vec![],
                scope: Some("READ-WRITE".into()),
            },
        },
    })
}

/// Auth optional, as documented: a missing or wrong key is not held against the caller here.
/// An operator the fault switch names (`operators_down`) is reported `down`.
async fn ping(State(app): Shared) -> Response {
    let down = app.faults.get().operators_down;
    let operators: BTreeMap<String, String> = super::config::PING_OPERATORS
        .into_iter()
        .map(|op| {
            let state = if down.iter().any(|d| d == op) {
                "down"
            } else {
                "up"
            };
            (op.to_string(), state.to_string())
        })
        .collect();
    app.ok(PingData {
        api: "ok".into(),
        operators,
    })
}

async fn balance(State(app): Shared, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    app.ok(BalanceData {
        balance: app.balance(),
        currency: None,
    })
}

async fn plans(State(app): Shared, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    app.ok(app.catalogue.data())
}

async fn send(State(app): Shared, req: Request) -> Response {
    send_with(&app, req, |app, bytes| {
        let valid = validate_send(bytes, &app.catalogue)?;
        app.place_order(valid)
    })
    .await
}

/// A send request (mobile or internet): its ref counted whatever happens next, its fault
/// struck before or after `place` applies it, the key checked, then `place` (validate and
/// accept the order).
pub(super) async fn send_with(
    app: &App,
    req: Request,
    place: impl FnOnce(&App, &[u8]) -> Result<crate::api::types::SendData, ApiFailure>,
) -> Response {
    let (parts, body) = req.into_parts();
    let decision = parts
        .extensions
        .get::<FaultDecision>()
        .copied()
        .unwrap_or_default();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    // Every send that carried a ref is counted, whatever happens to it next.
    if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice(&bytes)
        && let Some(serde_json::Value::String(r)) = m.get("ref")
        && r.chars().count() <= super::validate::MAX_REF_CHARS
    {
        app.refs.request(r);
    }
    if let Some(faulted) = decision.before_apply(parts.method.as_str(), parts.uri.path()) {
        return faulted;
    }
    if let Err(e) = authorize(app, &parts) {
        return e.into_response();
    }
    match place(app, &bytes) {
        Ok(data) => decision.after_apply(app.ok(data)).await,
        Err(e) => e.into_response(),
    }
}

async fn check_ref(
    State(app): Shared,
    reference: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    let reference = match reference {
        Ok(Path(r)) => r,
        Err(_) => return bad_path_param("ref"),
    };
    found_or_not(&app, app.topup_by_ref(&reference), || {
        messages::ref_not_found(&reference)
    })
}

async fn check_id(
    State(app): Shared,
    id: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    let id = match id {
        Ok(Path(id)) => id,
        Err(_) => return bad_path_param("id"),
    };
    found_or_not(&app, app.topup_by_id(&id), || messages::id_not_found(&id))
}

/// A path segment that is not valid percent-encoded UTF-8.
pub(super) fn bad_path_param(field: &str) -> Response {
    ApiFailure::new(
        StatusCode::BAD_REQUEST,
        "ERR_VALIDATION",
        format!("params/{field} is not valid UTF-8"),
    )
    .with_details(json!({ "field": field, "value": null }))
    .into_response()
}

/// A route the server does not know: its bare `{message, error, statusCode}` (§12), not the
/// envelope — so a client can never take it for a top-up's `NOT_FOUND`.
async fn not_found(method: Method, uri: Uri) -> Response {
    route_not_found(method.as_str(), uri.path())
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    ApiFailure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        messages::method_not_allowed(method.as_str(), uri.path()),
    )
    .into_response()
}

fn too_large() -> ApiFailure {
    ApiFailure::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        messages::BODY_TOO_LARGE,
    )
    .with_details(json!({ "limit": MAX_BODY_BYTES }))
}

/// The whole body up to [`MAX_BODY_BYTES`], or 413 (after draining, so the client hears it).
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiFailure> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_DRAIN_BYTES as u64) {
        return Err(too_large());
    }
    let mut stream = body.into_data_stream();
    let mut buf = Vec::new();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "ERR_VALIDATION",
                "the request body could not be read",
            )
            .with_details(json!({ "field": "body", "value": null }))
        })?;
        total = total.saturating_add(chunk.len());
        if total <= MAX_BODY_BYTES {
            buf.extend_from_slice(&chunk);
        } else if total > MAX_DRAIN_BYTES {
            break;
        }
    }
    if total > MAX_BODY_BYTES {
        return Err(too_large());
    }
    Ok(Bytes::from(buf))
}

/// A top-up looked up by ref or id (mobile or internet): its data, or the documented 404.
pub(super) fn found_or_not(
    app: &App,
    found: Option<crate::api::types::TopupInfo>,
    missing: impl FnOnce() -> String,
) -> Response {
    match found {
        Some(info) => app.ok(info),
        None => ApiFailure::new(StatusCode::NOT_FOUND, "NOT_FOUND", missing()).into_response(),
    }
}
