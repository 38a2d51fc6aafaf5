//! One error type for every API call, split by what it means for money.
//!
//! - [`ApiError::Refused`]: the API said no. Nothing was charged.
//! - [`ApiError::Failed`]: the API broke (5xx). For a send this may or may not have been applied.
//! - [`ApiError::Network`]: no answer (timeout, reset). For a send this means "maybe sent".
//! - [`ApiError::Decode`]: an answer we cannot read (non-JSON, missing field).
//! - [`ApiError::KeyRefused`]: not asked at all: the key was refused before (the key latch).
//!
//! `request_id` and the HTTP status are kept for support. Messages never contain the API key.

use serde_json::Value;
use std::fmt;

/// Why the API refused a request (nothing was charged).
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// `ERR_VALIDATION` (400): bad phone, amount, plan, operator mismatch…
    Validation { field: Option<String> },
    /// `INSUFFICIENT_BALANCE` / `NO_BALANCE` (403).
    InsufficientBalance {
        required: Option<f64>,
        available: Option<f64>,
    },
    /// `DUPLICATED-REF` / `DUPLICATED_REF` (403): this ref was already used — the order exists.
    DuplicateRef,
    /// `NOT_FOUND` (404).
    NotFound,
    /// `MISSING_ACCESS_TOKEN`.
    MissingToken,
    /// `INVALID_ACCESS_TOKEN` / `ERR_AUTH` (401).
    InvalidToken { attempts_left: Option<u32> },
    /// `IP_BLOCKED` (403): too many bad keys, or IP not whitelisted.
    IpBlocked,
    /// HTTP 429.
    RateLimited,
    /// Any other 4xx.
    Other,
}

/// What kind of network failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkKind {
    /// Could not connect: the request certainly never reached the API.
    Connect,
    /// Timed out after the request may have been sent.
    Timeout,
    /// The connection broke mid-way.
    Broken,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("{}", refused_text(code, message, *status, request_id))]
    Refused {
        reason: Refusal,
        code: String,
        message: String,
        status: u16,
        request_id: Option<String>,
        /// Free-form `error.details` (boxed: errors travel in every `Result`).
        details: Option<Box<Value>>,
    },
    #[error("{}", failed_text(code.as_deref(), message, *status, request_id))]
    Failed {
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
    },
    #[error("{}", network_text(*kind, message))]
    Network { kind: NetworkKind, message: String },
    #[error(
        "unreadable answer from the API (HTTP {status}): {message}{}",
        rid(request_id)
    )]
    Decode {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    #[error("configuration error: {0}")]
    Config(String),
    /// Not asked: OneClickDz refused this key before (see [`super::key_latch`]); nothing left.
    #[error(
        "the API key was refused by OneClickDz ({code}); no request uses it until the key is \
         changed or F5 is pressed at the counter"
    )]
    KeyRefused { code: String },
}

fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_deref()
        .map(|r| format!(" [requestId {r}]"))
        .unwrap_or_default()
}

fn refused_text(code: &str, message: &str, status: u16, request_id: &Option<String>) -> String {
    format!(
        "refused by the API ({code}, HTTP {status}): {message}{}",
        rid(request_id)
    )
}

fn failed_text(
    code: Option<&str>,
    message: &str,
    status: u16,
    request_id: &Option<String>,
) -> String {
    let code = code.unwrap_or("no code");
    format!(
        "API error ({code}, HTTP {status}): {message}{}",
        rid(request_id)
    )
}

fn network_text(kind: NetworkKind, message: &str) -> String {
    let what = match kind {
        NetworkKind::Connect => "cannot reach the API",
        NetworkKind::Timeout => "the API did not answer in time",
        NetworkKind::Broken => "the connection to the API broke",
    };
    format!("{what}: {message}")
}

impl ApiError {
    /// For a send: could the top-up have been accepted (and charged) even though we got an error?
    /// Only a refusal or a failed connection prove it was not.
    pub fn maybe_applied(&self) -> bool {
        match self {
            ApiError::Refused { .. } | ApiError::Config(_) | ApiError::KeyRefused { .. } => false,
            ApiError::Network { kind, .. } => *kind != NetworkKind::Connect,
            ApiError::Failed { .. } | ApiError::Decode { .. } => true,
        }
    }

    /// Worth asking again later (read requests, or a send with the same ref after a reconcile).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. } | ApiError::Failed { .. } | ApiError::Decode { .. } => true,
            ApiError::Refused { reason, .. } => matches!(reason, Refusal::RateLimited),
            ApiError::Config(_) | ApiError::KeyRefused { .. } => false,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Refused { request_id, .. }
            | ApiError::Failed { request_id, .. }
            | ApiError::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Refused { status, .. }
            | ApiError::Failed { status, .. }
            | ApiError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The human-readable part of the error, for redaction.
    pub fn message_mut(&mut self) -> Option<&mut String> {
        match self {
            ApiError::Refused { message, .. }
            | ApiError::Failed { message, .. }
            | ApiError::Network { message, .. }
            | ApiError::Decode { message, .. } => Some(message),
            ApiError::Config(_) | ApiError::KeyRefused { .. } => None,
        }
    }

    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            ApiError::Refused { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The key itself was refused (missing, invalid, or the IP blocked after bad keys). Every
    /// further request spends one of the 5 attempts OneClickDz allows before a 15-minute IP
    /// block, so automatic requests must stop until someone fixes the key.
    pub fn is_auth_refusal(&self) -> bool {
        matches!(
            self.refusal(),
            Some(Refusal::InvalidToken { .. } | Refusal::MissingToken | Refusal::IpBlocked)
        )
    }

    /// The key stands refused: refused by this answer, or earlier (then nothing was asked).
    pub fn is_key_refused(&self) -> bool {
        self.is_auth_refusal() || matches!(self, ApiError::KeyRefused { .. })
    }

    pub fn is_duplicate_ref(&self) -> bool {
        matches!(self.refusal(), Some(Refusal::DuplicateRef))
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.refusal(), Some(Refusal::NotFound))
    }

    /// Builds the error for an `{success:false, error:{…}}` answer with this HTTP status.
    pub fn from_error_body(
        status: u16,
        code: String,
        message: String,
        details: Option<Value>,
        request_id: Option<String>,
    ) -> ApiError {
        if status >= 500 {
            return ApiError::Failed {
                status,
                code: Some(code),
                message,
                request_id,
            };
        }
        let num = |k: &str| {
            details
                .as_ref()
                .and_then(|d| d.get(k))
                .and_then(Value::as_f64)
        };
        let reason = match code.as_str() {
            "ERR_VALIDATION" | "INVALID_PHONE" | "ERR_PHONE" => Refusal::Validation {
                field: details
                    .as_ref()
                    .and_then(|d| d.get("field"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            },
            "INSUFFICIENT_BALANCE" | "NO_BALANCE" => Refusal::InsufficientBalance {
                required: num("required"),
                available: num("available"),
            },
            "DUPLICATED-REF" | "DUPLICATED_REF" | "DUPLICATE_REF" => Refusal::DuplicateRef,
            "NOT_FOUND" => Refusal::NotFound,
            "MISSING_ACCESS_TOKEN" => Refusal::MissingToken,
            "INVALID_ACCESS_TOKEN" | "ERR_AUTH" => Refusal::InvalidToken {
                attempts_left: num("attemptsLeft").map(|n| n.max(0.0) as u32),
            },
            "IP_BLOCKED" => Refusal::IpBlocked,
            _ if status == 429 => Refusal::RateLimited,
            _ => Refusal::Other,
        };
        ApiError::Refused {
            reason,
            code,
            message,
            status,
            request_id,
            details: details.map(Box::new),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Validation { field: Some(fl) } => write!(f, "invalid {fl}"),
            Refusal::Validation { field: None } => f.write_str("invalid request"),
            Refusal::InsufficientBalance {
                required,
                available,
            } => match (required, available) {
                (Some(r), Some(a)) => write!(f, "balance too low: needs {r} DA, has {a} DA"),
                _ => f.write_str("balance too low"),
            },
            Refusal::DuplicateRef => f.write_str("reference already used"),
            Refusal::NotFound => f.write_str("not found"),
            Refusal::MissingToken => f.write_str("no API key sent"),
            Refusal::InvalidToken { attempts_left } => match attempts_left {
                Some(n) => write!(f, "API key refused ({n} attempts left)"),
                None => f.write_str("API key refused"),
            },
            Refusal::IpBlocked => f.write_str("this IP is blocked by the API"),
            Refusal::RateLimited => f.write_str("too many requests"),
            Refusal::Other => f.write_str("refused"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classifies_documented_codes() {
        let e = ApiError::from_error_body(
            403,
            "INSUFFICIENT_BALANCE".into(),
            "Your balance is insufficient for this operation".into(),
            Some(json!({"required": 500, "available": 250})),
            Some("req_1".into()),
        );
        assert_eq!(
            e.refusal(),
            Some(&Refusal::InsufficientBalance {
                required: Some(500.0),
                available: Some(250.0)
            })
        );
        assert!(!e.maybe_applied());
        assert!(e.to_string().contains("req_1"));
        for code in ["DUPLICATED-REF", "DUPLICATED_REF"] {
            let e = ApiError::from_error_body(403, code.into(), String::new(), None, None);
            assert!(e.is_duplicate_ref());
        }
        let e = ApiError::from_error_body(500, "INTERNAL_ERROR".into(), "x".into(), None, None);
        assert!(matches!(e, ApiError::Failed { .. }));
        assert!(e.maybe_applied());
        let e = ApiError::from_error_body(429, "TOO_MANY".into(), "slow".into(), None, None);
        assert_eq!(e.refusal(), Some(&Refusal::RateLimited));
        assert!(e.is_transient());
    }
}
