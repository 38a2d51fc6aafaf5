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
