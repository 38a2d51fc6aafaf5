//! The §2 response envelope, built from the same serde types the client decodes.

use crate::api::types::{Envelope, ErrorBody, Meta};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use rand::distr::Alphanumeric;
use serde::Serialize;
use serde_json::Value;

/// `2025-11-02T09:00:00.000Z`.
pub fn iso_ms(unix_ms: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// This machine's clock, unix ms. Everything the emulator stamps or times is on the server's
/// clock instead, [`super::app::App::now_ms`] (this one plus the configured clock offset).
pub fn machine_now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// `req_<unix secs>_<6 alnum>`. Not drawn from the seeded RNG, so ids never shift the faults.
pub fn request_id() -> String {
    let tail: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(6)
        .map(char::from)
        .collect();
    format!(
        "req_{}_{}",
        chrono::Utc::now().timestamp(),
        tail.to_ascii_lowercase()
    )
}

/// A JSON body with the API's content type.
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// `{success:true, data, meta:{timestamp}, requestId}`, stamped at `now_ms` (the server's clock).
pub fn ok_at<T: Serialize>(now_ms: i64, data: T) -> Response {
    let env = Envelope {
        success: true,
        data: Some(data),
        error: None,
        meta: Some(Meta {
            timestamp: Some(iso_ms(now_ms)),
        }),
        request_id: Some(request_id()),
    };
    match serde_json::to_vec(&env) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(e) => ApiFailure::internal(format!("cannot encode the answer: {e}")).into_response(),
    }
}

/// An `{success:false, error:{code,message,details?}, requestId}` answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub details: Option<Value>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiFailure {
            status,
            code: code.to_string(),
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", message)
    }

    /// The JSON body, for faults that cut it.
    pub fn body(&self) -> Vec<u8> {
        let env: Envelope<Value> = Envelope {
            success: false,
            data: None,
            error: Some(ErrorBody {
                code: self.code.clone(),
                message: self.message.clone(),
                details: self.details.clone(),
            }),
            meta: None,
            request_id: Some(request_id()),
        };
        // Only strings and JSON values inside: encoding cannot fail; keep a valid body if it did.
        serde_json::to_vec(&env).unwrap_or_else(|_| {
            br#"{"success":false,"error":{"code":"INTERNAL_ERROR","message":"encoding failed"}}"#
                .to_vec()
        })
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        json_response(self.status, self.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_and_timestamps_have_the_documented_form() {
        let id = request_id();
        let parts: Vec<&str> = id.split('_').collect();
        assert_eq!(parts.len(), 3, "{id}");
        assert_eq!(parts[0], "req");
        assert!(parts[1].chars().all(|c| c.is_ascii_digit()));
        assert_eq!(parts[2].len(), 6);
        assert!(parts[2].chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(iso_ms(1_730_538_000_900), "2024-11-02T09:00:00.900Z");
    }
}
