//! One error type for every API call, split by what it means for money.
//!
//! - [`ApiError::Refused`]: the API answered with an error envelope (4xx). Only a documented
//!   refusal — a documented code with its documented status ([`Refusal::proves_nothing_charged`])
//!   — proves that a send was not charged; a 429 or an unknown code proves nothing.
//! - [`ApiError::Failed`]: the API broke (5xx). For a send this may or may not have been applied.
//! - [`ApiError::Unavailable`]: HTTP 503 (`SERVICE_UNAVAILABLE`): down for now; ask again later.
//! - [`ApiError::Network`]: no answer (timeout, reset). For a send this means "maybe sent".
//! - [`ApiError::Decode`]: an answer we cannot read (non-JSON, missing field).
//! - [`ApiError::Protocol`]: an answer that breaks the API's own rules (a 2xx with
//!   `success: false`, an impossible amount, an answer about another order). Nothing is
//!   concluded from it.
//! - [`ApiError::UnknownRoute`]: a 404 without the API's envelope: the server has no such route.
//! - [`ApiError::Redirected`]: a 3xx. No redirect is ever followed (the key and the order would
//!   go to another host); for a send it is an unclear answer, for a read an error.
//! - [`ApiError::KeyRefused`]: not asked at all: the key was refused before (the key latch).
//!
//! `request_id` and the HTTP status are kept for support. Messages never contain the API key.

use crate::i18n::{Lang, Message, MsgId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Why the API refused a request (nothing was charged). Kept in order records' timelines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
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
    /// `IP_BLOCKED` (403): too many bad keys.
    IpBlocked,
    /// `IP_NOT_ALLOWED` (403): the caller's IP is not on the key's whitelist.
    IpNotAllowed,
    /// `API_DISABLED` (403): API access is switched off for this key or account.
    ApiDisabled,
    /// `PAYLOAD_TOO_LARGE` (413): the request body was refused unread.
    PayloadTooLarge,
    /// HTTP 429 (`RATE_LIMIT_EXCEEDED`): proves nothing about the request.
    RateLimited,
    /// Any other 4xx, or a known code with a status the docs do not give it: proves nothing.
    Other,
}

impl Refusal {
    /// The API refused the request itself, in a documented way: a send answered so was not
    /// charged. A rate limit, a duplicate ref (the order exists), a NOT_FOUND on a send and
    /// anything undocumented prove nothing.
    pub fn proves_nothing_charged(&self) -> bool {
        match self {
            Refusal::Validation { .. }
            | Refusal::InsufficientBalance { .. }
            | Refusal::MissingToken
            | Refusal::InvalidToken { .. }
            | Refusal::IpBlocked
            | Refusal::IpNotAllowed
            | Refusal::ApiDisabled
            | Refusal::PayloadTooLarge => true,
            Refusal::DuplicateRef | Refusal::NotFound | Refusal::RateLimited | Refusal::Other => {
                false
            }
        }
    }

    /// What the clerk (or the shop owner) can do about it, when there is something to do.
    pub fn advice(&self) -> Option<MsgId> {
        Some(match self {
            Refusal::IpNotAllowed => MsgId::ApiAdviceIpNotAllowed,
            Refusal::ApiDisabled => MsgId::ApiAdviceApiDisabled,
            Refusal::PayloadTooLarge => MsgId::ApiAdviceTooLarge,
            Refusal::IpBlocked => MsgId::ApiAdviceIpBlocked,
            _ => return None,
        })
    }

    /// The reason the API answered `code` with HTTP `status`: documented pairs only.
    fn classify(status: u16, code: &str, details: Option<&Value>) -> Refusal {
        let num = |k: &str| details.and_then(|d| d.get(k)).and_then(Value::as_f64);
        match (status, code) {
            (400, "ERR_VALIDATION" | "INVALID_PHONE" | "ERR_PHONE") => Refusal::Validation {
                field: details
                    .and_then(|d| d.get("field"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            },
            (403, "INSUFFICIENT_BALANCE" | "NO_BALANCE") => Refusal::InsufficientBalance {
                required: num("required"),
                available: num("available"),
            },
            (403, "DUPLICATED-REF" | "DUPLICATED_REF" | "DUPLICATE_REF") => Refusal::DuplicateRef,
            (404, "NOT_FOUND") => Refusal::NotFound,
            (400 | 401, "MISSING_ACCESS_TOKEN") => Refusal::MissingToken,
            (401, "INVALID_ACCESS_TOKEN" | "ERR_AUTH") => Refusal::InvalidToken {
                attempts_left: num("attemptsLeft").map(|n| n.max(0.0) as u32),
            },
            (403, "IP_BLOCKED") => Refusal::IpBlocked,
            (403, "IP_NOT_ALLOWED") => Refusal::IpNotAllowed,
            (403, "API_DISABLED") => Refusal::ApiDisabled,
            (413, "PAYLOAD_TOO_LARGE") => Refusal::PayloadTooLarge,
            (429, _) => Refusal::RateLimited,
            _ => Refusal::Other,
        }
    }
}

/// What kind of network failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    /// Could not connect: the request certainly never reached the API.
    Connect,
    /// Timed out after the request may have been sent.
    Timeout,
    /// The connection broke mid-way.
    Broken,
}

/// An API call's error. Kept in order records (the timeline's notes, the last error), so a
/// variant or field is never renamed without a store migration. A refusal's `error.details`
/// are read into its [`Refusal`] (the balance needed, the bad field) and not kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", content = "with", rename_all = "snake_case")]
pub enum ApiError {
    Refused {
        reason: Refusal,
        code: String,
        message: String,
        status: u16,
        request_id: Option<String>,
    },
    Failed {
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
    },
    Unavailable {
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
    },
    Network {
        kind: NetworkKind,
        message: String,
    },
    Decode {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    Protocol {
        status: u16,
        /// In English, for logs and support.
        message: String,
        request_id: Option<String>,
        /// What broke, typed so every language words it (`None`: written by an older version,
        /// which kept only `message`).
        #[serde(default)]
        fault: Option<ProtocolFault>,
    },
    UnknownRoute {
        status: u16,
        message: String,
    },
    /// A 3xx answer, not followed: nothing is concluded from it.
    Redirected {
        status: u16,
    },
    Config(String),
    /// Not asked: OneClickDz refused this key (or this till's access) before (see
    /// [`super::key_latch`]); nothing left.
    KeyRefused {
        code: String,
    },
}

/// Whether a latched refusal `code` is about the till's access (IP whitelist, API switched
/// off) rather than the key itself.
pub fn is_access_code(code: &str) -> bool {
    matches!(code, "IP_NOT_ALLOWED" | "API_DISABLED")
}

/// ` [requestId …]` for support, or nothing.
fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_deref()
        .map(|r| format!(" [requestId {r}]"))
        .unwrap_or_default()
}

fn no_code(code: &Option<String>) -> Message {
    match code {
        Some(c) => Message::from(c.as_str()),
        None => Message::new(MsgId::ApiNoCode),
    }
}

impl ApiError {
    /// The error in words, in any language. Server text (`message`, codes, request ids) is kept
    /// as it is (the client sanitized it).
    pub fn message(&self) -> Message {
        match self {
            ApiError::Refused {
                reason,
                code,
                message,
                status,
                request_id,
                ..
            } => {
                let id = match reason {
                    Refusal::RateLimited => MsgId::ApiSlowDown,
                    Refusal::Other => MsgId::ApiUndocumented,
                    _ => MsgId::ApiRefused,
                };
                let advice = match reason.advice() {
                    Some(a) => Message::new(MsgId::ApiAdvice).msg("advice", a),
                    None => Message::from(""),
                };
                Message::new(id)
                    .text("code", code)
                    .text("status", status)
                    .text("message", message)
                    .msg_of("advice", advice)
                    .text("rid", rid(request_id))
            }
            ApiError::Failed {
                status,
                code,
                message,
                request_id,
            } => Message::new(MsgId::ApiFailed)
                .msg_of("code", no_code(code))
                .text("status", status)
                .text("message", message)
                .text("rid", rid(request_id)),
            ApiError::Unavailable {
                status,
                code,
                message,
                request_id,
            } => Message::new(MsgId::ApiUnavailable)
                .msg_of("code", no_code(code))
                .text("status", status)
                .text("message", message)
                .text("rid", rid(request_id)),
            // The transport's own text (English, with the URL) is for the logs (`Display`):
            // the screens say what happened in the clerk's words.
            ApiError::Network { kind, .. } => Message::new(match kind {
                NetworkKind::Connect => MsgId::ApiCannotConnect,
                NetworkKind::Timeout => MsgId::ApiTimeout,
                NetworkKind::Broken => MsgId::ApiBroken,
            }),
            ApiError::Decode {
                status,
                message,
                request_id,
            } => Message::new(MsgId::ApiDecode)
                .text("status", status)
                .text("message", message)
                .text("rid", rid(request_id)),
            ApiError::Protocol {
                status,
                message,
                request_id,
                fault,
            } => {
                let what = match fault {
                    Some(f) => f.message(),
                    None => Message::from(message.as_str()),
                };
                Message::new(MsgId::ApiProtocol)
                    .text("status", status)
                    .msg_of("message", what)
                    .text("rid", rid(request_id))
            }
            ApiError::UnknownRoute { status, message } => Message::new(MsgId::ApiUnknownRoute)
                .text("status", status)
                .text("message", message),
            ApiError::Redirected { status } => {
                Message::new(MsgId::ApiRedirected).text("status", status)
            }
            ApiError::Config(why) => Message::new(MsgId::ApiConfig).text("why", why),
            ApiError::KeyRefused { code } if is_access_code(code) => {
                let advice = Refusal::classify(403, code, None)
                    .advice()
                    .map_or_else(|| Message::from(""), Message::new);
                Message::new(MsgId::ApiAccessLatched)
                    .text("code", code)
                    .msg_of("advice", advice)
            }
            ApiError::KeyRefused { code } => Message::new(MsgId::ApiKeyRefused).text("code", code),
        }
    }
}

/// The error in English for logs and `--json`: the words of [`ApiError::message`], and for a
/// network failure the transport's own text, which support needs.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_lang(Lang::En))?;
        match self {
            ApiError::Network { message, .. } => write!(f, ": {message}"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// For a send: could the top-up have been accepted (and charged) even though we got an error?
    /// Only a documented refusal or a failed connection prove it was not.
    pub fn maybe_applied(&self) -> bool {
        match self {
            ApiError::Refused { reason, .. } => !reason.proves_nothing_charged(),
            ApiError::Config(_) | ApiError::KeyRefused { .. } => false,
            ApiError::Network { kind, .. } => *kind != NetworkKind::Connect,
            ApiError::Failed { .. }
            | ApiError::Unavailable { .. }
            | ApiError::Decode { .. }
            | ApiError::Protocol { .. }
            | ApiError::UnknownRoute { .. }
            | ApiError::Redirected { .. } => true,
        }
    }

    /// Worth asking again soon (read requests, or a send with the same ref after a reconcile).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. }
            | ApiError::Failed { .. }
            | ApiError::Unavailable { .. }
            | ApiError::Decode { .. } => true,
            ApiError::Refused { reason, .. } => matches!(reason, Refusal::RateLimited),
            ApiError::Protocol { .. }
            | ApiError::UnknownRoute { .. }
            | ApiError::Redirected { .. }
            | ApiError::Config(_)
            | ApiError::KeyRefused { .. } => false,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Refused { request_id, .. }
            | ApiError::Failed { request_id, .. }
            | ApiError::Unavailable { request_id, .. }
            | ApiError::Decode { request_id, .. }
            | ApiError::Protocol { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Refused { status, .. }
            | ApiError::Failed { status, .. }
            | ApiError::Unavailable { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::Protocol { status, .. }
            | ApiError::UnknownRoute { status, .. }
            | ApiError::Redirected { status } => Some(*status),
            _ => None,
        }
    }

    /// The human-readable part of the error, for redaction.
    pub fn message_mut(&mut self) -> Option<&mut String> {
        match self {
            ApiError::Refused { message, .. }
            | ApiError::Failed { message, .. }
            | ApiError::Unavailable { message, .. }
            | ApiError::Network { message, .. }
            | ApiError::Decode { message, .. }
            | ApiError::Protocol { message, .. }
            | ApiError::UnknownRoute { message, .. } => Some(message),
            ApiError::Config(_) | ApiError::KeyRefused { .. } | ApiError::Redirected { .. } => None,
        }
    }

    /// Every text in the error that came from the server (message, code, request id), so the
    /// client can redact and sanitize them once, before anyone stores, logs or shows them.
    pub fn server_texts_mut(&mut self) -> Vec<&mut String> {
        let mut out = Vec::new();
        match self {
            ApiError::Refused {
                code,
                message,
                request_id,
                ..
            } => {
                out.push(code);
                out.push(message);
                out.extend(request_id.as_mut());
            }
            ApiError::Failed {
                code,
                message,
                request_id,
                ..
            }
            | ApiError::Unavailable {
                code,
                message,
                request_id,
                ..
            } => {
                out.extend(code.as_mut());
                out.push(message);
                out.extend(request_id.as_mut());
            }
            ApiError::Decode {
                message,
                request_id,
                ..
            } => {
                out.push(message);
                out.extend(request_id.as_mut());
            }
            ApiError::Protocol {
                message,
                request_id,
                fault,
                ..
            } => {
                out.push(message);
                out.extend(request_id.as_mut());
                out.extend(
                    fault
                        .as_mut()
                        .map(ProtocolFault::server_texts_mut)
                        .unwrap_or_default(),
                );
            }
            ApiError::Network { message, .. } | ApiError::UnknownRoute { message, .. } => {
                out.push(message)
            }
            // The code of the refusal that latched the key (from the server, kept in the store).
            ApiError::KeyRefused { code } => out.push(code),
            ApiError::Config(_) | ApiError::Redirected { .. } => {}
        }
        out
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

    /// OneClickDz refuses this till's access as such, not one request: the IP is not on the
    /// key's whitelist, or API access is switched off. Every request would get the same answer
    /// until the owner changes a setting in the dashboard, so automatic requests pause (for
    /// this run only: the fix is made on the server, the key stays the same).
    pub fn is_access_refusal(&self) -> bool {
        matches!(
            self.refusal(),
            Some(Refusal::IpNotAllowed | Refusal::ApiDisabled)
        )
    }

    /// Requests stand refused: the key (or the till's access) was refused by this answer, or
    /// earlier (then nothing was asked).
    pub fn is_key_refused(&self) -> bool {
        self.is_auth_refusal()
            || self.is_access_refusal()
            || matches!(self, ApiError::KeyRefused { .. })
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
        if status == 503 {
            return ApiError::Unavailable {
                status,
                code: Some(code),
                message,
                request_id,
            };
        }
        if status >= 500 {
            return ApiError::Failed {
                status,
                code: Some(code),
                message,
                request_id,
            };
        }
        ApiError::Refused {
            reason: Refusal::classify(status, &code, details.as_ref()),
            code,
            message,
            status,
            request_id,
        }
    }
}

impl Refusal {
    /// Why, in a few words of any language.
    pub fn message(&self) -> Message {
        let amount = |v: &f64| {
            crate::money::Dzd::from_f64(*v).map_or_else(|| v.to_string(), |d| d.to_string())
        };
        match self {
            Refusal::Validation { field: Some(f) } => {
                Message::new(MsgId::RefusalInvalidField).text("field", f)
            }
            Refusal::Validation { field: None } => Message::new(MsgId::RefusalInvalid),
            Refusal::InsufficientBalance {
                required: Some(r),
                available: Some(a),
            } => Message::new(MsgId::RefusalBalanceNeeds)
                .text("required", amount(r))
                .text("available", amount(a)),
            Refusal::InsufficientBalance { .. } => Message::new(MsgId::RefusalBalance),
            Refusal::DuplicateRef => Message::new(MsgId::RefusalDuplicateRef),
            Refusal::NotFound => Message::new(MsgId::RefusalNotFound),
            Refusal::MissingToken => Message::new(MsgId::RefusalMissingToken),
            Refusal::InvalidToken {
                attempts_left: Some(n),
            } => Message::new(MsgId::RefusalInvalidTokenLeft).num("n", *n),
            Refusal::InvalidToken {
                attempts_left: None,
            } => Message::new(MsgId::RefusalInvalidToken),
            Refusal::IpBlocked => Message::new(MsgId::RefusalIpBlocked),
            Refusal::IpNotAllowed => Message::new(MsgId::RefusalIpNotAllowed),
            Refusal::ApiDisabled => Message::new(MsgId::RefusalApiDisabled),
            Refusal::PayloadTooLarge => Message::new(MsgId::RefusalTooLarge),
            Refusal::RateLimited => Message::new(MsgId::RefusalRateLimited),
            Refusal::Other => Message::new(MsgId::RefusalOther),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_lang(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_protocol_error_stored_before_its_fault_was_typed_still_reads() {
        let old = serde_json::json!({"error": "protocol", "with": {
            "status": 200, "message": "HTTP 200 with success:false", "request_id": null
        }});
        let e: ApiError = serde_json::from_value(old).expect("reads");
        let ApiError::Protocol { fault, message, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(fault, &None);
        assert!(
            e.message()
                .in_lang(crate::i18n::Lang::Fr)
                .contains(message.as_str())
        );
        let typed = ApiError::Protocol {
            status: 200,
            message: String::new(),
            request_id: None,
            fault: Some(ProtocolFault::WrongPage { asked: 2, got: 1 }),
        };
        let back: ApiError = serde_json::from_value(serde_json::to_value(&typed).unwrap()).unwrap();
        assert_eq!(back, typed);
        let fr = typed.message().in_lang(crate::i18n::Lang::Fr);
        assert!(
            fr.contains("page 2 de la liste demandée, page 1 reçue"),
            "{fr}"
        );
    }
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
        assert!(e.maybe_applied(), "a 429 proves nothing about a send");
    }

    #[test]
    fn only_documented_codes_with_their_status_prove_nothing_was_charged() {
        let refusal = |status: u16, code: &str| {
            ApiError::from_error_body(status, code.into(), "m".into(), None, None)
        };
        for (status, code) in [
            (400, "ERR_VALIDATION"),
            (403, "INSUFFICIENT_BALANCE"),
            (403, "NO_BALANCE"),
            (400, "MISSING_ACCESS_TOKEN"),
            (401, "MISSING_ACCESS_TOKEN"),
            (401, "INVALID_ACCESS_TOKEN"),
            (401, "ERR_AUTH"),
            (403, "IP_BLOCKED"),
            (403, "IP_NOT_ALLOWED"),
            (403, "API_DISABLED"),
            (413, "PAYLOAD_TOO_LARGE"),
        ] {
            let e = refusal(status, code);
            assert!(!e.maybe_applied(), "{status} {code}: {e:?}");
        }
        for (status, code) in [
            (403, "ERR_VALIDATION"),
            (400, "INSUFFICIENT_BALANCE"),
            (403, "SOMETHING_NEW"),
            (418, "ERR_VALIDATION"),
            (429, "RATE_LIMIT_EXCEEDED"),
            (404, "NOT_FOUND"),
            (403, "DUPLICATED_REF"),
        ] {
            let e = refusal(status, code);
            assert!(e.maybe_applied(), "{status} {code} proves nothing: {e:?}");
        }
        assert!(!refusal(400, "NOT_FOUND").is_not_found());
        assert!(!refusal(404, "NOT_FOUND ").is_not_found());
        let e = refusal(503, "SERVICE_UNAVAILABLE");
        assert!(matches!(e, ApiError::Unavailable { .. }) && e.is_transient());
        let e = refusal(403, "IP_NOT_ALLOWED");
        assert!(
            e.to_string()
                .contains("Settings → API Configuration → IP whitelist"),
            "{e}"
        );
        let e = refusal(403, "WHATEVER");
        assert!(e.to_string().contains("does not document"), "{e}");
    }
}

/// What in an answer broke the API's own rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProtocolFault {
    /// The list answered another page than the one asked for.
    WrongPage { asked: u64, got: u64 },
    /// An amount no top-up can have; the answer was not used.
    ImpossibleAmount(crate::api::types::Implausible),
    /// An amount that is not a number of dinars.
    NotDinars,
    /// HTTP 2xx with `success: false` and no documented refusal: nothing is concluded.
    SuccessFalse { code: String, message: String },
    /// The send was answered for another ref; its topupId was not used.
    OtherRef { echoed: String },
}

impl ProtocolFault {
    pub fn message(&self) -> Message {
        match self {
            ProtocolFault::WrongPage { asked, got } => Message::new(MsgId::FaultWrongPage)
                .text("asked", asked)
                .text("got", got),
            ProtocolFault::ImpossibleAmount(why) => Message::new(MsgId::FaultImpossibleAmount)
                .text("field", why.field.api_name())
                .text("amount", why.amount),
            ProtocolFault::NotDinars => Message::new(MsgId::FaultNotDinars),
            ProtocolFault::SuccessFalse { code, message } => Message::new(MsgId::FaultSuccessFalse)
                .text("code", code)
                .text("message", message),
            ProtocolFault::OtherRef { echoed } => {
                Message::new(MsgId::FaultOtherRef).text("ref", echoed)
            }
        }
    }

    /// The server's own words in it (sanitized and redacted with the rest).
    fn server_texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            ProtocolFault::SuccessFalse { code, message } => vec![code, message],
            ProtocolFault::OtherRef { echoed } => vec![echoed],
            _ => Vec::new(),
        }
    }
}
