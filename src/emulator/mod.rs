//! A faithful local emulator of the OneClickDz v3 **sandbox**: the app's practice mode (no API
//! key), the peer every test talks to over loopback HTTP, and a training mode for new staff.
//!
//! # What it serves (127.0.0.1 only)
//! Every mobile `/v3` route of the docs, answered in the §2 envelope built from the client's own
//! serde types ([`crate::api::types`]), so the two can never disagree:
//! `GET /v3/validate` (`type: "SANDBOX"`), `GET /v3/ping` (auth optional),
//! `GET /v3/account/balance`, `GET /v3/mobile/plans` (`assets/plans.json`, embedded),
//! `POST /v3/mobile/send`, `GET /v3/mobile/check-ref/{ref}`, `GET /v3/mobile/check-id/{id}`,
//! `GET /v3/mobile/list` (every order of the account, newest first; see `list.rs`), and the
//! Idoom internet routes (§13, see `internet.rs`): `GET /v3/internet/products`,
//! `GET /v3/internet/check-number`, `POST /v3/internet/send`, `GET /v3/internet/check-ref/{ref}`,
//! `GET /v3/internet/check-id/{id}`, `GET /v3/internet/list`.
//! Unknown routes answer the server's bare 404 `{message, error, statusCode}` (§12: not the
//! envelope, so a client cannot take it for a top-up's `NOT_FOUND`); wrong methods 405
//! `METHOD_NOT_ALLOWED` and bodies over 64 KiB 413 `PAYLOAD_TOO_LARGE`, in the error envelope.
//!
//! # Behaviour
//! - **Auth**: `X-Access-Token`; missing → 400 `MISSING_ACCESS_TOKEN`; wrong (or non-UTF-8) →
//!   401 `INVALID_ACCESS_TOKEN` with `details.attemptsLeft` (4, 3, 2, 1, 0); after 5 failures
//!   the caller IP gets 403 `IP_BLOCKED` for 15 minutes ÷ speed, even with the right key. A good
//!   key resets the count.
//! - **Send** validates like the API (400 `ERR_VALIDATION`, `details {field, value}`; the
//!   special numbers below take any operator's plan, as the docs' example shows), then
//!   refuses a used `ref` (403 `DUPLICATED-REF`), then a short balance (403
//!   `INSUFFICIENT_BALANCE`, `details {required, available}`), then charges `amount × cost`
//!   (no `cost` ⇒ face value; fixed plans use their own amount). Refs longer than 128
//!   characters are refused (the real limit is undocumented).
//! - **Timeline** (computed from the order's age × `speed`, no timers): PENDING for 5 s,
//!   HANDLING until 15 s, then: normal numbers FULFILLED; `0600000001` REFUNDED with an Arabic
//!   `refund_message`; `0600000002` REFUNDED with a message and `suggested_offers` for the line;
//!   `0600000003` UNKNOWN_ERROR with the documented Arabic text, resolved after
//!   `unknown_resolve_after` ÷ speed to FULFILLED or REFUNDED, chosen from the seed and the ref.
//! - **GETMENU** (`GETMENU_<Operator>`): the docs leave the final status undocumented. Here it
//!   is validated like a dynamic plan (amount required, in range), charged `amount × cost` at
//!   send, and ends **REFUNDED** (the charge given back in full) carrying 3–6
//!   `suggested_offers` of the number's operator and an Arabic message saying these are the
//!   offers available for the number.
//! - **Balance** is derived whenever read: initial + deposits − charges + charges of orders
//!   that are REFUNDED now. So a refund appears the moment the order turns REFUNDED, and a
//!   REFUNDED order's `balance_amount` is 0 (what the account was finally charged, §12).
//! - **Faults** (`/v3/*` only; one seeded RNG, so a seed repeats its sequence): HTTP 500
//!   `INTERNAL_ERROR`, HTTP 429 `RATE_LIMIT_EXCEEDED` with `Retry-After` (5 s ÷ speed, rounded,
//!   unless `retry_after_secs`), added latency (real ms, not scaled), dropped connections (a 200
//!   whose body breaks off), truncated JSON, 503 `SERVICE_UNAVAILABLE`, 403 `IP_NOT_ALLOWED`,
//!   403 `API_DISABLED`, 413 `PAYLOAD_TOO_LARGE` and the bare 404 of an unknown route. For a
//!   send, drops and truncation strike either before the order is applied or after it (charged,
//!   answer lost); every other fault strikes before.
//!   Set at start ([`FaultConfig`]) or at run time ([`EmulatorHandle::set_faults`],
//!   `GET/POST /__emulator/faults`). Faults model the network and servers in front of the API,
//!   so they strike before the key is checked.
//! - **Control**: `GET /__emulator/stats` (per-ref `requests`/`accepted`, balance, totals; a
//!   send counts in `requests` when its body is a JSON object with a string `ref`, whatever
//!   happens to it next),
//!   `POST /__emulator/deposit {"amount": N}` (practice money),
//!   `POST /__emulator/external-order {plan_code, MSSIDN, amount?, ref?, ago_secs?}` (an order
//!   made elsewhere on the account, e.g. the web dashboard: validated and charged like a send,
//!   created `ago_secs` real seconds ago, listed by `/v3/mobile/list`, not counted in `refs`).
//!   No key, no faults.
//! - **Persistence**: with `state_file`, initial balance, deposits and orders (creation time in
//!   unix ms; their refs are the used refs) are loaded at start and saved atomically after each
//!   change. An existing file wins over `balance`. A damaged file is an error naming it and is
//!   never overwritten. A `<file>.lock` keeps a second emulator off the same file while one
//!   runs. Stats and IP blocks are per run.
mod account;
mod admin;
mod app;
mod auth;
mod catalogue;
mod config;
mod envelope;
mod error;
mod faults;
mod internet;
mod internet_routes;
mod list;
mod messages;
mod networks;
mod persist;
mod routes;
mod server;
mod stats;
mod timeline;
mod validate;

pub use config::{DEFAULT_SANDBOX_KEY, EmulatorConfig, FaultConfig, PING_OPERATORS};
pub use error::EmulatorError;
pub use internet::HANDLING_MS as INTERNET_HANDLING_MS;
pub use messages::UNKNOWN_ERROR_MESSAGE;
pub use routes::MAX_BODY_BYTES;
pub use server::{EmulatorHandle, run_foreground, start};
pub use stats::{RefStats, Stats};
pub use timeline::{
    REFUND_NUMBER, REFUND_WITH_OFFERS_NUMBER, UNKNOWN_ERROR_NUMBER, unknown_resolves_fulfilled,
};
pub use validate::MAX_REF_CHARS;
