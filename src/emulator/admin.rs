//! `/__emulator/*`: control and inspection for tests and trainers. No key needed (the emulator
//! only listens on 127.0.0.1) and never subject to faults. Answers are plain JSON; errors use
//! the API's error envelope.

use super::app::App;
use super::config::FaultConfig;
use super::envelope::{ApiFailure, json_response};
use super::routes::read_body;
use crate::money::Dzd;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

fn plain_json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(e) => ApiFailure::internal(format!("cannot encode the answer: {e}")).into_response(),
    }
}

fn bad_request(message: String) -> Response {
    ApiFailure::new(StatusCode::BAD_REQUEST, "ERR_VALIDATION", message)
        .with_details(json!({ "field": "body", "value": null }))
        .into_response()
}

pub async fn stats(State(app): State<Arc<App>>) -> Response {
    plain_json(&app.stats())
}

pub async fn get_faults(State(app): State<Arc<App>>) -> Response {
    plain_json(&app.faults.get())
}

/// Replaces the fault rates (fields left out are 0).
pub async fn set_faults(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let config: FaultConfig = match serde_json::from_slice(&bytes) {
        Ok(c) => c,
        Err(e) => return bad_request(format!("not a fault config: {e}")),
    };
    if let Err(e) = config.validate() {
        return bad_request(e.to_string());
    }
    app.faults.set(config.clone());
    plain_json(&config)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepositIn {
    amount: Dzd,
}

#[derive(Serialize)]
struct DepositOut {
    deposited: Dzd,
    balance: Dzd,
}

/// Adds practice money: `{"amount": 5000}`.
pub async fn deposit(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let input: DepositIn = match serde_json::from_slice(&bytes) {
        Ok(d) => d,
        Err(e) => return bad_request(format!("expected {{\"amount\": <dinars>}}: {e}")),
    };
    match app.deposit(input.amount) {
        Ok(balance) => plain_json(&DepositOut {
            deposited: input.amount,
            balance,
        }),
        Err(e @ super::error::EmulatorError::Config(_)) => bad_request(e.to_string()),
        Err(e) => ApiFailure::internal(e.to_string()).into_response(),
    }
}

/// Longest `ago_secs` of an external order: ten years.
const MAX_AGO_SECS: u64 = 10 * 366 * 86_400;

/// An order made elsewhere on the account (the web dashboard, another till): the body of a
/// send (`plan_code`, `MSSIDN`, `amount`, `ref`), validated and charged the same way, plus
/// `ago_secs` (real seconds before now; default 0). Answers the send's data.
pub async fn external_order(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let ago_secs = match serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("ago_secs").cloned())
    {
        None => 0,
        Some(v) => match v.as_u64().filter(|&s| s <= MAX_AGO_SECS) {
            Some(s) => s,
            None => {
                return bad_request(format!(
                    "ago_secs must be a whole number of seconds from 0 to {MAX_AGO_SECS}, got {v}"
                ));
            }
        },
    };
    let send = match super::validate::validate_send(&bytes, &app.catalogue) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let ago_ms = i64::try_from(ago_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
    match app.place_dashboard_order(send, ago_ms) {
        Ok(data) => plain_json(&data),
        Err(e) => e.into_response(),
    }
}
