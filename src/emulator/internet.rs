//! Idoom internet top-ups in the emulator, written from the docs (§13): the product lists, the
//! number check, the send's checks, and where an order stands (computed from its age alone).
//!
//! - Products: ADSL 500 / 1000 / 2000 / 3000 (3000 not available), 4G 500 / 1000 / 1500 /
//!   2000 / 3500; `cost` is what the balance is charged, 98 % of the value (the docs' example:
//!   500 costs 490).
//! - Numbers: ADSL `^0[0-9]{8}$`, 4G `^213[0-9]{9}$`; anything else is `ERR_PHONE` at
//!   check-number (and `ERR_VALIDATION` at send, like the mobile schema).
//! - Timeline: `HANDLING` for the first 10 s (÷ speed; the docs say 3–45 s), then by number
//!   (the sandbox numbers are this emulator's choice, the docs list none):
//!   `099000001` / `213999000001` → `REFUNDED`; `099000002` / `213999000002` → `QUEUED` until
//!   `queued_resolve_after` ÷ speed has passed, then `FULFILLED`; `099000003` /
//!   `213999000003` → refused with `ERR_PHONE` (check-number and send); any other number →
//!   `FULFILLED`, with `card_code`, `num_trans` (`AT-<year>-<5 digits>`) and `date_traitement`.

use super::envelope::{ApiFailure, iso_ms};
use super::messages::shorten;
use super::networks::is_internet_number;
use super::timeline::Timing;
use super::validate::{MAX_REF_CHARS, parse_body};
use crate::api::internet::{InternetProduct, InternetProducts, NumberCheck};
use crate::api::types::InternetType;
use crate::api::types::{TopupInfo, TopupStatus};
use crate::money::Dzd;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// How long an internet order is HANDLING at speed 1.
pub const HANDLING_MS: f64 = 10_000.0;

/// One accepted internet top-up; its status is derived from its age.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InternetOrder {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(rename = "type")]
    pub kind: InternetType,
    pub number: String,
    /// Face value.
    pub value: Dzd,
    /// What the balance was charged.
    pub cost: Dzd,
    /// Creation time, unix ms.
    pub created_ms: i64,
}

/// Where an internet order stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InternetStage {
    Handling,
    Queued,
    /// Delivered at this time (unix ms).
    Fulfilled {
        at_ms: i64,
    },
    Refunded,
}

/// The products of a type, as the emulator sells them.
pub fn products(kind: InternetType) -> InternetProducts {
    let list: &[(i64, bool)] = match kind {
        InternetType::Adsl => &[(500, true), (1000, true), (2000, true), (3000, false)],
        InternetType::FourG => &[
            (500, true),
            (1000, true),
            (1500, true),
            (2000, true),
            (3500, true),
        ],
    };
    InternetProducts {
        kind,
        products: list
            .iter()
            .map(|&(value, available)| InternetProduct {
                value: Dzd::from_dinars(value),
                cost: Some(Dzd::from_dinars(value * 98 / 100)),
                available,
            })
            .collect(),
    }
}

/// What the sandbox does with a well-formed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Fulfil,
    Refund,
    Queue,
    /// Not a line OneClickDz can top up: `ERR_PHONE`.
    NoLine,
}

fn outcome(kind: InternetType, number: &str) -> Outcome {
    let [refund, queued, bad] = kind.sandbox_numbers();
    match number {
        n if n == refund => Outcome::Refund,
        n if n == queued => Outcome::Queue,
        n if n == bad => Outcome::NoLine,
        _ => Outcome::Fulfil,
    }
}

/// The stage of `o` at `now_ms`.
pub fn stage_at(o: &InternetOrder, now_ms: i64, timing: &Timing) -> InternetStage {
    let age_ms = (now_ms.saturating_sub(o.created_ms)).max(0) as f64 * timing.speed;
    let real_ms = |emulated: f64| o.created_ms + (emulated / timing.speed) as i64;
    if age_ms < HANDLING_MS {
        return InternetStage::Handling;
    }
    match outcome(o.kind, &o.number) {
        Outcome::Refund | Outcome::NoLine => InternetStage::Refunded,
        Outcome::Fulfil => InternetStage::Fulfilled {
            at_ms: real_ms(HANDLING_MS),
        },
        Outcome::Queue => {
            let queued_ms = timing.queued_resolve_after.as_secs_f64() * 1000.0;
            if age_ms < HANDLING_MS + queued_ms {
                InternetStage::Queued
            } else {
                InternetStage::Fulfilled {
                    at_ms: real_ms(HANDLING_MS + queued_ms),
                }
            }
        }
    }
}

/// FNV-1a over the seed and a text, finished with murmur3's fmix64: stable across builds.
fn digest(seed: u64, text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The §13 object for an internet order as it stands now.
pub fn topup_info(o: &InternetOrder, now_ms: i64, timing: &Timing) -> TopupInfo {
    let stage = stage_at(o, now_ms, timing);
    let (status, proof) = match stage {
        InternetStage::Handling => (TopupStatus::Handling, None),
        InternetStage::Queued => (TopupStatus::Queued, None),
        InternetStage::Refunded => (TopupStatus::Refunded, None),
        InternetStage::Fulfilled { at_ms } => (TopupStatus::Fulfilled, Some(at_ms)),
    };
    let h = digest(timing.seed, &o.id);
    let year = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(o.created_ms)
        .map(|t| t.format("%Y").to_string())
        .unwrap_or_else(|| "2025".into());
    TopupInfo {
        id: o.id.clone(),
        reference: Some(o.reference.clone()),
        status,
        plan_code: None,
        mssidn: None,
        topup_amount: Some(o.value),
        balance_amount: None,
        created_at: Some(iso_ms(o.created_ms)),
        refund_message: None,
        suggested_offers: Vec::new(),
        follow_orderid: None,
        retry_orderid: None,
        kind: Some(o.kind.api_name().to_string()),
        number: Some(o.number.clone()),
        card_code: proof.map(|_| format!("{:016}", h % 10_000_000_000_000_000)),
        num_trans: proof.map(|_| format!("AT-{year}-{:05}", (h >> 20) % 100_000)),
        date_traitement: proof.map(iso_ms),
        extra: Default::default(),
    }
}

/// `ERR_PHONE` (§13), with `details {number, type, reason}`.
fn err_phone(kind: InternetType, number: &str, reason: &str) -> ApiFailure {
    ApiFailure::new(
        StatusCode::BAD_REQUEST,
        "ERR_PHONE",
        format!("Invalid phone number for {} service", kind.api_name()),
    )
    .with_details(json!({ "number": shorten(number), "type": kind.api_name(), "reason": reason }))
}

fn validation(field: &str, value: Value, message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, "ERR_VALIDATION", message)
        .with_details(json!({ "field": field, "value": value }))
}

fn number_pattern(kind: InternetType) -> &'static str {
    match kind {
        InternetType::Adsl => "^0[0-9]{8}$",
        InternetType::FourG => "^213[0-9]{9}$",
    }
}

/// `type` as the API takes it: exactly `ADSL` or `4G`.
pub fn parse_type(where_: &str, raw: Option<&str>) -> Result<InternetType, ApiFailure> {
    match raw {
        None => Err(validation(
            "type",
            Value::Null,
            format!("{where_} must have required property 'type'"),
        )),
        Some("ADSL") => Ok(InternetType::Adsl),
        Some("4G") => Ok(InternetType::FourG),
        Some(other) => Err(validation(
            "type",
            Value::String(shorten(other)),
            format!("{where_}/type must be equal to one of the allowed values (ADSL, 4G)"),
        )),
    }
}

/// `GET /v3/internet/check-number`: the line's details, or `ERR_PHONE`.
pub fn check_number(kind: InternetType, number: &str) -> Result<NumberCheck, ApiFailure> {
    if !is_internet_number(kind, number) {
        return Err(err_phone(kind, number, "format"));
    }
    if outcome(kind, number) == Outcome::NoLine {
        return Err(err_phone(kind, number, "no such line"));
    }
    // The subscriber id, masked as in the docs' example (`11022*****`).
    let ncli = format!("{}*****", &number[number.len() - 5..]);
    Ok(match kind {
        InternetType::Adsl => NumberCheck {
            ncli: Some(ncli),
            offre: Some("FTTc-b_10M'".into()),
            kind: Some("ADSL".into()),
            extra: Default::default(),
        },
        InternetType::FourG => NumberCheck {
            ncli: Some(ncli),
            offre: None,
            kind: Some("4GLTE".into()),
            extra: Default::default(),
        },
    })
}

/// An internet send that passed every check but the ref and the balance.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidInternetSend {
    pub kind: InternetType,
    pub number: String,
    pub product: InternetProduct,
    pub reference: Option<String>,
}

fn string_field<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiFailure> {
    match body.get(field) {
        None => Err(validation(
            field,
            Value::Null,
            format!("body must have required property '{field}'"),
        )),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(validation(
            field,
            Value::String(shorten(&other.to_string())),
            format!("body/{field} must be string"),
        )),
    }
}

/// `POST /v3/internet/send {type, number, value, ref?}`: the schema, the number's format, the
/// line, then the product.
pub fn validate_send(bytes: &[u8]) -> Result<ValidInternetSend, ApiFailure> {
    let body = parse_body(bytes)?;
    let kind = match body.get("type") {
        None => parse_type("body", None)?,
        Some(Value::String(t)) => parse_type("body", Some(t))?,
        Some(other) => {
            return Err(validation(
                "type",
                other.clone(),
                "body/type must be string",
            ));
        }
    };
    let number = string_field(&body, "number")?;
    let value = match body.get("value") {
        None => {
            return Err(validation(
                "value",
                Value::Null,
                "body must have required property 'value'",
            ));
        }
        Some(v) => match v.as_f64() {
            Some(n) if v.is_number() && n.is_finite() && n.fract() == 0.0 && n > 0.0 => n,
            _ => return Err(validation("value", v.clone(), "body/value must be integer")),
        },
    };
    let reference = match body.get("ref") {
        None => None,
        Some(Value::String(r)) if r.is_empty() || r.chars().count() > MAX_REF_CHARS => {
            return Err(validation(
                "ref",
                Value::String(shorten(r)),
                format!("body/ref must have 1 to {MAX_REF_CHARS} characters"),
            ));
        }
        Some(Value::String(r)) => Some(r.clone()),
        Some(other) => return Err(validation("ref", other.clone(), "body/ref must be string")),
    };
    if !is_internet_number(kind, number) {
        return Err(validation(
            "number",
            Value::String(shorten(number)),
            format!(
                "body/number must match pattern \"{}\"",
                number_pattern(kind)
            ),
        ));
    }
    if outcome(kind, number) == Outcome::NoLine {
        return Err(err_phone(kind, number, "no such line"));
    }
    let value = Dzd::from_f64(value).unwrap_or(Dzd::ZERO);
    let product = products(kind)
        .products
        .into_iter()
        .find(|p| p.value == value && p.available)
        .ok_or_else(|| {
            validation(
                "value",
                json!(value),
                format!(
                    "body/value must be one of the available {} products",
                    kind.api_name()
                ),
            )
        })?;
    Ok(ValidInternetSend {
        kind,
        number: number.to_string(),
        product,
        reference,
    })
}

impl super::app::App {
    /// An internet send request's order, taken like a mobile one ([`super::app::App::take_order`]).
    pub fn place_internet_order(
        &self,
        send: ValidInternetSend,
    ) -> Result<crate::api::types::SendData, ApiFailure> {
        let charge = send.product.cost.unwrap_or(send.product.value);
        let now = self.now_ms();
        let taking = super::app::Taking {
            reference: send.reference,
            scenario: "internet",
            charge,
            made_ms: now,
            counted: true,
        };
        self.take_order(
            taking,
            |ledger, id, reference| {
                ledger.push_internet(InternetOrder {
                    id,
                    reference,
                    kind: send.kind,
                    number: send.number,
                    value: send.product.value,
                    cost: charge,
                    created_ms: now,
                })
            },
            super::account::Ledger::pop_internet,
        )
    }

    pub fn internet_by_ref(&self, reference: &str) -> Option<TopupInfo> {
        let ledger = self.ledger();
        ledger
            .internet_by_ref(reference)
            .map(|o| topup_info(o, self.now_ms(), &self.timing))
    }

    pub fn internet_by_id(&self, id: &str) -> Option<TopupInfo> {
        let ledger = self.ledger();
        ledger
            .internet_by_id(id)
            .map(|o| topup_info(o, self.now_ms(), &self.timing))
    }

    /// One page of `GET /v3/internet/list`, newest first.
    pub fn internet_list(
        &self,
        page: u64,
        page_size: u64,
        window: Option<(i64, i64)>,
    ) -> crate::api::list::TopupList {
        let ledger = self.ledger();
        let orders = ledger.internet_orders();
        let created: Vec<i64> = orders.iter().map(|o| o.created_ms).collect();
        let now = self.now_ms();
        super::app::paginate(&created, page, page_size, window, |i| {
            topup_info(&orders[i], now, &self.timing)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn timing(speed: f64) -> Timing {
        Timing {
            speed,
            seed: 3,
            unknown_resolve_after: Duration::from_secs(3600),
            queued_resolve_after: Duration::from_secs(12 * 3600),
        }
    }

    fn order(kind: InternetType, number: &str) -> InternetOrder {
        InternetOrder {
            id: "0".repeat(24),
            reference: "r1".into(),
            kind,
            number: number.into(),
            value: Dzd::from_dinars(500),
            cost: Dzd::from_dinars(490),
            created_ms: 1_000_000,
        }
    }

    #[test]
    fn each_sandbox_number_reaches_its_outcome() {
        let t = timing(1.0);
        let end = 1_000_000 + 10_000;
        for kind in InternetType::ALL {
            let [refund, queued, _] = kind.sandbox_numbers();
            let normal = match kind {
                InternetType::Adsl => "036362608",
                InternetType::FourG => "213472731602",
            };
            assert_eq!(
                stage_at(&order(kind, normal), end - 1, &t),
                InternetStage::Handling
            );
            assert_eq!(
                stage_at(&order(kind, normal), end, &t),
                InternetStage::Fulfilled { at_ms: end }
            );
            assert_eq!(
                stage_at(&order(kind, refund), end, &t),
                InternetStage::Refunded
            );
            assert_eq!(
                stage_at(&order(kind, queued), end + 3_600_000, &t),
                InternetStage::Queued
            );
            let later = end + 12 * 3_600_000;
            assert_eq!(
                stage_at(&order(kind, queued), later, &t),
                InternetStage::Fulfilled { at_ms: later }
            );
        }
    }

    #[test]
    fn a_fulfilled_order_carries_its_proof_and_the_others_none() {
        let t = timing(1.0);
        let o = order(InternetType::Adsl, "036362608");
        let info = topup_info(&o, 1_000_000 + 10_000, &t);
        assert_eq!(info.status, TopupStatus::Fulfilled);
        let code = info.card_code.clone().unwrap();
        assert_eq!(code.len(), 16);
        assert!(info.num_trans.as_deref().unwrap().starts_with("AT-1970-"));
        assert_eq!(
            info.date_traitement.as_deref(),
            Some("1970-01-01T00:16:50.000Z")
        );
        assert_eq!(
            topup_info(&o, 2_000_000, &t).card_code,
            Some(code),
            "stable"
        );
        let handling = topup_info(&o, 1_000_001, &t);
        assert_eq!(
            (handling.status, handling.card_code),
            (TopupStatus::Handling, None)
        );
    }

    #[test]
    fn check_number_follows_the_documented_formats() {
        let ok = check_number(InternetType::Adsl, "036362608").unwrap();
        assert_eq!(ok.kind.as_deref(), Some("ADSL"));
        assert_eq!(ok.ncli.as_deref(), Some("62608*****"));
        let lte = check_number(InternetType::FourG, "213472731602").unwrap();
        assert_eq!(lte.kind.as_deref(), Some("4GLTE"));
        for (kind, n) in [
            (InternetType::Adsl, "0363626081"),
            (InternetType::FourG, "0472731602"),
            (InternetType::Adsl, "099000003"),
        ] {
            let e = check_number(kind, n).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (StatusCode::BAD_REQUEST, "ERR_PHONE")
            );
        }
    }

    #[test]
    fn a_send_is_checked_field_by_field() {
        let ok = validate_send(br#"{"type":"4G","number":"213472731602","value":1500,"ref":"a"}"#)
            .unwrap();
        assert_eq!(ok.product.cost, Some(Dzd::from_dinars(1470)));
        for (body, field) in [
            (r#"{"number":"036362608","value":500}"#, "type"),
            (
                r#"{"type":"FTTH","number":"036362608","value":500}"#,
                "type",
            ),
            (r#"{"type":"ADSL","value":500}"#, "number"),
            (
                r#"{"type":"ADSL","number":"36362608","value":500}"#,
                "number",
            ),
            (r#"{"type":"ADSL","number":"036362608"}"#, "value"),
            (
                r#"{"type":"ADSL","number":"036362608","value":"500"}"#,
                "value",
            ),
            (
                r#"{"type":"ADSL","number":"036362608","value":700}"#,
                "value",
            ),
            (
                r#"{"type":"ADSL","number":"036362608","value":3000}"#,
                "value",
            ),
            (
                r#"{"type":"ADSL","number":"036362608","value":500,"ref":""}"#,
                "ref",
            ),
        ] {
            let e = validate_send(body.as_bytes()).unwrap_err();
            assert_eq!(e.code, "ERR_VALIDATION", "{body}");
            assert_eq!(e.details.unwrap()["field"], field, "{body}");
        }
        let e = validate_send(br#"{"type":"ADSL","number":"099000003","value":500}"#).unwrap_err();
        assert_eq!(e.code, "ERR_PHONE");
    }
}
