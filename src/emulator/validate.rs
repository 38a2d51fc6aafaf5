//! `POST /v3/mobile/send` body checks, in the order the API's schema and rules apply them.
//! Every refusal is 400 `ERR_VALIDATION` with `details {field, value}`.

use super::catalogue::Catalogue;
use super::envelope::ApiFailure;
use super::messages::shorten;
use super::networks::{Network, plan_takes_number};
use crate::api::types::{Plan, PlanKind};
use crate::money::Dzd;
use axum::http::StatusCode;
use serde_json::{Map, Value, json};

pub const MSSIDN_PATTERN: &str = "^0[567][0-9]{8}$";
/// Longest `ref` accepted (the real limit is not documented).
pub const MAX_REF_CHARS: usize = 128;

/// A send that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSend {
    pub plan: Plan,
    pub mssidn: String,
    /// Face value: the sent amount (dynamic, GETMENU) or the plan's amount (fixed).
    pub amount: Dzd,
    pub reference: Option<String>,
}

impl ValidSend {
    /// `amount × cost`; a plan without `cost` is charged its face value.
    pub fn charge(&self) -> Option<Dzd> {
        self.amount.times(self.plan.cost.unwrap_or(1.0))
    }
}

fn refuse(field: &str, value: Value, message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, "ERR_VALIDATION", message)
        .with_details(json!({ "field": field, "value": value }))
}

/// Echoed values are cut so a huge field cannot make a huge error.
fn echo(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(shorten(s)),
        Value::Array(_) | Value::Object(_) => Value::String(shorten(&v.to_string())),
        other => other.clone(),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn mssidn_matches(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[0] == b'0'
        && matches!(b[1], b'5' | b'6' | b'7')
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// The body as a JSON object, or the documented refusal.
pub fn parse_body(bytes: &[u8]) -> Result<Map<String, Value>, ApiFailure> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        refuse(
            "body",
            Value::String(shorten(&text)),
            super::messages::BODY_NOT_JSON,
        )
    })?;
    match value {
        Value::Object(m) => Ok(m),
        other => Err(refuse(
            "body",
            echo(&other),
            format!("body must be object (got {})", type_name(&other)),
        )),
    }
}

fn required_string<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiFailure> {
    match body.get(field) {
        None => Err(refuse(
            field,
            Value::Null,
            format!("body must have required property '{field}'"),
        )),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(refuse(
            field,
            echo(other),
            format!("body/{field} must be string"),
        )),
    }
}

/// Whole dinars from a JSON number (`500` or `500.0`), or the refusal.
fn integer_amount(v: &Value) -> Result<f64, ApiFailure> {
    match v.as_f64() {
        Some(n) if v.is_number() && n.is_finite() && n.fract() == 0.0 => Ok(n),
        _ => Err(refuse("amount", echo(v), "body/amount must be integer")),
    }
}

/// Checks a send body against the schema, the catalogue and the line's operator.
pub fn validate_send(bytes: &[u8], catalogue: &Catalogue) -> Result<ValidSend, ApiFailure> {
    let body = parse_body(bytes)?;
    for field in ["plan_code", "MSSIDN"] {
        if !body.contains_key(field) {
            return Err(refuse(
                field,
                Value::Null,
                format!("body must have required property '{field}'"),
            ));
        }
    }
    let plan_code = required_string(&body, "plan_code")?;
    let mssidn = required_string(&body, "MSSIDN")?;
    if !mssidn_matches(mssidn) {
        return Err(refuse(
            "MSSIDN",
            Value::String(shorten(mssidn)),
            format!("body/MSSIDN must match pattern \"{MSSIDN_PATTERN}\""),
        ));
    }
    let amount = body.get("amount").map(integer_amount).transpose()?;
    let reference = match body.get("ref") {
        None => None,
        Some(Value::String(r)) if r.is_empty() => {
            return Err(refuse(
                "ref",
                json!(r),
                "body/ref must NOT have fewer than 1 characters",
            ));
        }
        Some(Value::String(r)) if r.chars().count() > MAX_REF_CHARS => {
            return Err(refuse(
                "ref",
                Value::String(shorten(r)),
                format!("body/ref must NOT have more than {MAX_REF_CHARS} characters"),
            ));
        }
        Some(Value::String(r)) => Some(r.clone()),
        Some(other) => return Err(refuse("ref", echo(other), "body/ref must be string")),
    };

    let plan = catalogue.find(plan_code).ok_or_else(|| {
        refuse(
            "plan_code",
            Value::String(shorten(plan_code)),
            format!("Plan '{}' does not exist", shorten(plan_code)),
        )
    })?;
    if !plan.is_enabled {
        return Err(refuse(
            "plan_code",
            json!(plan_code),
            format!("Plan '{plan_code}' is currently disabled"),
        ));
    }
    let amount = match plan.kind() {
        // Fixed plans activate their preset amount; a sent amount is ignored.
        PlanKind::Fixed => plan
            .amount
            .ok_or_else(|| ApiFailure::internal(format!("plan {plan_code} has no amount")))?,
        PlanKind::Dynamic | PlanKind::GetMenu => dynamic_amount(plan, amount)?,
    };
    let wanted = Network::of_plan_operator(&plan.operator);
    if !plan_takes_number(wanted, mssidn) {
        let line = Network::of_number(mssidn);
        let line_name = line.map(|o| o.name()).unwrap_or("unknown");
        let wanted_text = wanted
            .map(|o| format!("{} numbers ({}…)", o.name(), o.prefix()))
            .unwrap_or_else(|| "no known network".into());
        return Err(refuse(
            "MSSIDN",
            json!(mssidn),
            format!(
                "MSSIDN {mssidn} is a {line_name} number but plan '{plan_code}' is for {wanted_text}"
            ),
        ));
    }
    Ok(ValidSend {
        plan: plan.clone(),
        mssidn: mssidn.to_string(),
        amount,
        reference,
    })
}

fn dynamic_amount(plan: &Plan, amount: Option<f64>) -> Result<Dzd, ApiFailure> {
    let (min, max) = match (plan.min_amount, plan.max_amount) {
        (Some(lo), Some(hi)) => (lo, hi),
        _ => {
            return Err(ApiFailure::internal(format!(
                "plan {} has no range",
                plan.code
            )));
        }
    };
    let Some(n) = amount else {
        return Err(refuse(
            "amount",
            Value::Null,
            format!(
                "body/amount is required for plan '{}' (between {} and {})",
                plan.code,
                min.as_f64(),
                max.as_f64()
            ),
        ));
    };
    if n < min.as_f64() || n > max.as_f64() {
        return Err(refuse(
            "amount",
            json!(n as i64),
            format!(
                "body/amount must be between {} and {} for plan '{}'",
                min.as_f64(),
                max.as_f64(),
                plan.code
            ),
        ));
    }
    // In range, so small enough to be exact.
    Ok(Dzd::from_dinars(n as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Catalogue {
        Catalogue::load(None).expect("embedded catalogue")
    }

    fn refused(body: &str) -> (String, Value) {
        let e = validate_send(body.as_bytes(), &cat()).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(e.code, "ERR_VALIDATION");
        let d = e.details.unwrap();
        assert!(d.get("value").is_some(), "{body}: details need a value");
        (e.message, d["field"].clone())
    }

    #[test]
    fn accepts_dynamic_fixed_and_getmenu() {
        let c = cat();
        let v = validate_send(
            br#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":1000,"ref":"a"}"#,
            &c,
        )
        .unwrap();
        assert_eq!(v.charge(), Some(Dzd::from_dinars(960)));
        assert_eq!(v.reference.as_deref(), Some("a"));
        let v = validate_send(
            br#"{"plan_code":"PIXX_500","MSSIDN":"0661234567","amount":"ignored?"}"#,
            &c,
        );
        assert!(v.is_err(), "a wrong type is refused even on fixed plans");
        let v = validate_send(
            br#"{"plan_code":"PIXX_500","MSSIDN":"0661234567","amount":9999}"#,
            &c,
        )
        .unwrap();
        assert_eq!(v.amount, Dzd::from_dinars(500));
        assert_eq!(v.charge(), Some(Dzd::from_dinars(485)));
        let v = validate_send(
            br#"{"plan_code":"GROS_MOBILIS","MSSIDN":"0661234567","amount":5000.0}"#,
            &c,
        )
        .unwrap();
        assert_eq!(
            v.charge(),
            Some(Dzd::from_dinars(5000)),
            "no cost: face value"
        );
        let v = validate_send(
            br#"{"plan_code":"GETMENU_Djezzy","MSSIDN":"0771234567","amount":50}"#,
            &c,
        )
        .unwrap();
        assert_eq!(v.charge(), Some(Dzd::from_dinars(49)));
        let v = validate_send(
            br#"{"plan_code":"PREPAID_DJEZZY","MSSIDN":"0771234567","amount":500}"#,
            &c,
        )
        .unwrap();
        assert_eq!(v.charge(), Some(Dzd::from_centimes(49625)));
    }

    #[test]
    fn refuses_each_documented_case() {
        let (m, f) = refused("not json");
        assert_eq!((m.as_str(), f), ("Body is not valid JSON", json!("body")));
        let (m, _) = refused("[1,2]");
        assert!(m.starts_with("body must be object"), "{m}");
        let (m, f) = refused(r#"{"plan_code":"PREPAID_MOBILIS","amount":100}"#);
        assert_eq!(
            (m.as_str(), f),
            ("body must have required property 'MSSIDN'", json!("MSSIDN"))
        );
        let (m, _) = refused(r#"{"MSSIDN":"0661234567"}"#);
        assert_eq!(m, "body must have required property 'plan_code'");
        let (m, _) = refused(r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":661234567,"amount":100}"#);
        assert_eq!(m, "body/MSSIDN must be string");
        let e = validate_send(
            br#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"661234567","amount":100}"#,
            &cat(),
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            r#"body/MSSIDN must match pattern "^0[567][0-9]{8}$""#
        );
        assert_eq!(
            e.details.unwrap(),
            json!({"field":"MSSIDN","value":"661234567"})
        );
        for bad in [
            "+213661234567",
            "0661 234567",
            "0461234567",
            "06612345678",
            "٠٦٦١٢٣٤٥٦٧",
        ] {
            let (m, _) = refused(&format!(
                r#"{{"plan_code":"PREPAID_MOBILIS","MSSIDN":"{bad}","amount":100}}"#
            ));
            assert!(m.contains("must match pattern"), "{bad}: {m}");
        }
        let (m, f) = refused(r#"{"plan_code":"NOPE","MSSIDN":"0661234567","amount":100}"#);
        assert!(m.contains("does not exist"), "{m}");
        assert_eq!(f, json!("plan_code"));
        let (m, _) =
            refused(r#"{"plan_code":"FACTURE_OOREDOO","MSSIDN":"0561234567","amount":100}"#);
        assert!(m.contains("disabled"), "{m}");
        let (m, f) = refused(r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567"}"#);
        assert!(m.contains("required"), "{m}");
        assert_eq!(f, json!("amount"));
        let (m, _) =
            refused(r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":"100"}"#);
        assert_eq!(m, "body/amount must be integer");
        let (m, _) =
            refused(r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":100.5}"#);
        assert_eq!(m, "body/amount must be integer");
        for amount in ["39", "4000", "-5", "1e30"] {
            let (m, _) = refused(&format!(
                r#"{{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":{amount}}}"#
            ));
            assert!(m.contains("between 40 and 3999"), "{amount}: {m}");
        }
        let (m, f) =
            refused(r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0771234567","amount":100}"#);
        assert!(m.contains("Djezzy") && m.contains("Mobilis"), "{m}");
        assert_eq!(f, json!("MSSIDN"));
        let (m, _) = refused(r#"{"plan_code":"PIXX_500","MSSIDN":"0561234567"}"#);
        assert!(m.contains("Ooredoo"), "{m}");
        // The special test numbers take any operator's plan, as the docs' example shows.
        for number in ["0600000001", "0600000002", "0600000003"] {
            let body =
                format!(r#"{{"plan_code":"PREPAID_DJEZZY","MSSIDN":"{number}","amount":500}}"#);
            assert!(validate_send(body.as_bytes(), &cat()).is_ok(), "{number}");
        }
        let (m, _) =
            refused(r#"{"plan_code":"PREPAID_DJEZZY","MSSIDN":"0600000004","amount":500}"#);
        assert!(m.contains("Mobilis"), "{m}");
        let (m, _) = refused(
            r#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":100,"ref":7}"#,
        );
        assert_eq!(m, "body/ref must be string");
        let long = "r".repeat(MAX_REF_CHARS + 1);
        let (m, _) = refused(&format!(
            r#"{{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":100,"ref":"{long}"}}"#
        ));
        assert!(m.contains("more than"), "{m}");
    }
}
