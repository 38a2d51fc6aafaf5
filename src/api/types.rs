//! The OneClickDz v3 data shapes, as serde types.
//!
//! Tolerant where the docs vary (`meta`/`requestId` absent, unknown fields, `cost` missing, numbers
//! integer or float, unknown status strings); a missing required field is a decode error.

use crate::money::Dzd;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// `meta` of a response envelope.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
}

/// `error` of a failed response envelope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

/// The raw envelope; `data` is decoded into its endpoint type in a second step so a shape error
/// names the endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    #[serde(rename = "requestId", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// /v3/validate

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum KeyType {
    Sandbox,
    Production,
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyType::Sandbox => "SANDBOX",
            KeyType::Production => "PRODUCTION",
        })
    }
}

/// `data.apiKey` of `/v3/validate`. The echoed `key` is deliberately not kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyInfo {
    #[serde(rename = "isEnabled")]
    pub is_enabled: bool,
    #[serde(rename = "type")]
    pub key_type: KeyType,
    #[serde(default)]
    pub allowedips: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidateData {
    #[serde(default)]
    pub username: String,
    #[serde(rename = "apiKey")]
    pub api_key: KeyInfo,
}

// ---------------------------------------------------------------------------------------------
// /v3/ping

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PingData {
    pub api: String,
    #[serde(default)]
    pub operators: BTreeMap<String, String>,
}

// ---------------------------------------------------------------------------------------------
// /v3/account/balance

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BalanceData {
    pub balance: Dzd,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// /v3/mobile/plans

/// One plan as the API lists it (dynamic and fixed plans share the shape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub code: String,
    #[serde(default)]
    pub name: String,
    pub operator: String,
    /// Wholesale multiplier: the balance is charged `amount × cost`. Absent on some plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(rename = "isEnabled")]
    pub is_enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount: Option<Dzd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount: Option<Dzd>,
    /// Fixed plans only: the preset face value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dzd>,
}

/// What kind of plan this is, for the sale flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanKind {
    /// The customer chooses an amount within `[min, max]`.
    Dynamic,
    /// A preset amount activating a specific offer.
    Fixed,
    /// Asks for the offers a number can take; the answer is `suggested_offers`.
    GetMenu,
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlanKind::Dynamic => "dynamic",
            PlanKind::Fixed => "fixed",
            PlanKind::GetMenu => "GETMENU",
        })
    }
}

impl Plan {
    pub fn kind(&self) -> PlanKind {
        if self.code.to_ascii_uppercase().starts_with("GETMENU") {
            PlanKind::GetMenu
        } else if self.amount.is_some() && self.min_amount.is_none() {
            PlanKind::Fixed
        } else {
            PlanKind::Dynamic
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlansData {
    #[serde(rename = "dynamicPlans", default)]
    pub dynamic_plans: Vec<Plan>,
    #[serde(rename = "fixedPlans", default)]
    pub fixed_plans: Vec<Plan>,
}

impl PlansData {
    pub fn all(&self) -> impl Iterator<Item = &Plan> {
        self.dynamic_plans.iter().chain(self.fixed_plans.iter())
    }

    pub fn find(&self, code: &str) -> Option<&Plan> {
        self.all().find(|p| p.code == code)
    }
}

// ---------------------------------------------------------------------------------------------
// /v3/mobile/send

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendRequest {
    pub plan_code: String,
    #[serde(rename = "MSSIDN")]
    pub mssidn: String,
    /// Whole dinars; only for dynamic (and GETMENU) plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendData {
    #[serde(rename = "topupId")]
    pub topup_id: String,
    #[serde(rename = "topupRef", default, skip_serializing_if = "Option::is_none")]
    pub topup_ref: Option<String>,
    #[serde(
        rename = "newBalance",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub new_balance: Option<Dzd>,
}

// ---------------------------------------------------------------------------------------------
// /v3/mobile/check-id/:id and /v3/mobile/check-ref/:ref

/// A top-up's status as the API reports it. Unknown strings are kept, never treated as final.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TopupStatus {
    Pending,
    Handling,
    Fulfilled,
    Refunded,
    UnknownError,
    /// Internet top-ups only (§13): waiting at Algérie Télécom, 12–48 h. Not a failure.
    Queued,
    Other(String),
}

impl TopupStatus {
    pub fn as_str(&self) -> &str {
        match self {
            TopupStatus::Pending => "PENDING",
            TopupStatus::Handling => "HANDLING",
            TopupStatus::Fulfilled => "FULFILLED",
            TopupStatus::Refunded => "REFUNDED",
            TopupStatus::UnknownError => "UNKNOWN_ERROR",
            TopupStatus::Queued => "QUEUED",
            TopupStatus::Other(s) => s,
        }
    }

    /// FULFILLED and REFUNDED never change again. UNKNOWN_ERROR and QUEUED still resolve later.
    pub fn is_final(&self) -> bool {
        matches!(self, TopupStatus::Fulfilled | TopupStatus::Refunded)
    }

    /// Only the exact documented words count: `" refunded "`, `"fulfilled"` or the Arabic
    /// pages' `SUCCESS` are unknown statuses (kept, shown, never final).
    pub fn parse(s: &str) -> TopupStatus {
        match s {
            "PENDING" => TopupStatus::Pending,
            "HANDLING" => TopupStatus::Handling,
            "FULFILLED" => TopupStatus::Fulfilled,
            "REFUNDED" => TopupStatus::Refunded,
            "UNKNOWN_ERROR" => TopupStatus::UnknownError,
            "QUEUED" => TopupStatus::Queued,
            _ => TopupStatus::Other(s.to_string()),
        }
    }
}

impl fmt::Display for TopupStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TopupStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TopupStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(TopupStatus::parse(&s))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestedOffer {
    #[serde(default)]
    pub typename: String,
    pub plan_code: String,
    pub amount: Dzd,
}

/// No amount in a check answer can come near this: the largest documented plan maximum is
/// 300 000 DA (`GROS_MOBILIS`), and this is a hundred times that.
pub const MAX_PLAUSIBLE_AMOUNT: Dzd = Dzd::from_dinars(30_000_000);

/// The top-up object returned by the check endpoints and the lists, mobile (§5: `plan_code`,
/// `MSSIDN`…) and internet (§13: `type`, `number`, and on FULFILLED `card_code`, `num_trans`,
/// `date_traitement`). Every field the API sends is kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopupInfo {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub status: TopupStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_code: Option<String>,
    #[serde(rename = "MSSIDN", default, skip_serializing_if = "Option::is_none")]
    pub mssidn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topup_amount: Option<Dzd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_amount: Option<Dzd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_message: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_offers: Vec<SuggestedOffer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_orderid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_orderid: Option<String>,
    /// Internet: `ADSL` or `4G` (kept as sent; see [`TopupInfo::internet_type`]).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Internet: the line's number (`036362608`, `213472731602`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Internet, FULFILLED: the recharge code the customer types in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_code: Option<String>,
    /// Internet, FULFILLED: Algérie Télécom's transaction number, the proof of purchase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_trans: Option<String>,
    /// Internet, FULFILLED: when Algérie Télécom processed it (format undocumented: kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_traitement: Option<String>,
    /// Fields the docs do not list: kept as sent, so nothing the API says about an order is lost.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl TopupInfo {
    /// The line the answer is about: `MSSIDN` (mobile) or `number` (internet).
    pub fn line_number(&self) -> Option<&str> {
        self.mssidn.as_deref().or(self.number.as_deref())
    }

    /// The internet product type the answer names, when it names one the till knows.
    pub fn internet_type(&self) -> Option<InternetType> {
        self.kind.as_deref().and_then(InternetType::parse)
    }

    /// Why this answer cannot be true — a negative amount, or one far above any plan — if so.
    pub fn implausible(&self) -> Option<Implausible> {
        let offers = self
            .suggested_offers
            .iter()
            .map(|o| (AmountField::SuggestedOffer, Some(o.amount)));
        [
            (AmountField::TopupAmount, self.topup_amount),
            (AmountField::BalanceAmount, self.balance_amount),
        ]
        .into_iter()
        .chain(offers)
        .find_map(|(field, amount)| match amount {
            Some(a) if a < Dzd::ZERO || a > MAX_PLAUSIBLE_AMOUNT => {
                Some(Implausible { field, amount: a })
            }
            _ => None,
        })
    }
}

/// Which amount of an answer is impossible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountField {
    TopupAmount,
    BalanceAmount,
    SuggestedOffer,
}

impl AmountField {
    /// Its name in the API's answers.
    pub fn api_name(self) -> &'static str {
        match self {
            AmountField::TopupAmount => "topup_amount",
            AmountField::BalanceAmount => "balance_amount",
            AmountField::SuggestedOffer => "suggested offer amount",
        }
    }
}

/// An amount no top-up can have: negative, or far above any plan's maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Implausible {
    pub field: AmountField,
    pub amount: Dzd,
}

impl std::fmt::Display for Implausible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.field.api_name();
        if self.amount < Dzd::ZERO {
            write!(f, "impossible {name}: negative ({})", self.amount)
        } else {
            write!(
                f,
                "impossible {name}: {}, far above any plan's maximum",
                self.amount
            )
        }
    }
}

/// An Idoom internet product type, as `type` in the API (`ADSL`, `4G`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InternetType {
    #[serde(rename = "ADSL")]
    Adsl,
    #[serde(rename = "4G", alias = "4GLTE")]
    FourG,
}

impl InternetType {
    pub const ALL: [InternetType; 2] = [InternetType::Adsl, InternetType::FourG];

    /// The `type` the API takes in a query or a send body.
    pub fn api_name(self) -> &'static str {
        match self {
            InternetType::Adsl => "ADSL",
            InternetType::FourG => "4G",
        }
    }

    /// A type as written on the command line or in an answer: `ADSL`, `4G`, and check-number's
    /// `4GLTE` (any case, spaces around).
    pub fn parse(text: &str) -> Option<InternetType> {
        match text.trim().to_ascii_uppercase().as_str() {
            "ADSL" => Some(InternetType::Adsl),
            "4G" | "4GLTE" | "4G LTE" | "LTE" => Some(InternetType::FourG),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_documented_status_words_count() {
        for (word, status) in [
            ("PENDING", TopupStatus::Pending),
            ("HANDLING", TopupStatus::Handling),
            ("FULFILLED", TopupStatus::Fulfilled),
            ("REFUNDED", TopupStatus::Refunded),
            ("UNKNOWN_ERROR", TopupStatus::UnknownError),
        ] {
            assert_eq!(TopupStatus::parse(word), status);
        }
        for loose in [
            " refunded ",
            "fulfilled",
            "Refunded",
            "REFUNDED\n",
            "SUCCESS",
            "",
        ] {
            let s = TopupStatus::parse(loose);
            assert_eq!(s, TopupStatus::Other(loose.into()));
            assert!(!s.is_final(), "{loose:?}");
        }
    }

    #[test]
    fn negative_and_absurd_amounts_are_implausible() {
        let info = |topup: f64, balance: f64| -> TopupInfo {
            serde_json::from_value(serde_json::json!({
                "_id": "x", "status": "FULFILLED", "topup_amount": topup, "balance_amount": balance
            }))
            .unwrap()
        };
        assert_eq!(info(500.0, 480.0).implausible(), None);
        assert_eq!(
            info(300_000.0, 0.0).implausible(),
            None,
            "biggest plan, refunded"
        );
        for (t, b, what) in [
            (-500.0, 480.0, "topup_amount"),
            (500.0, -0.01, "balance_amount"),
            (500.0, 990_000_000_000_000.0, "balance_amount"),
            (30_000_001.0, 1.0, "topup_amount"),
        ] {
            let why = info(t, b).implausible().expect("implausible").to_string();
            assert!(why.contains(what), "{why}");
        }
        // Not even a number of dinars: refused while decoding.
        let e = serde_json::from_value::<TopupInfo>(serde_json::json!({
            "_id": "x", "status": "FULFILLED", "balance_amount": 1e300
        }))
        .unwrap_err();
        assert!(e.to_string().contains("amount"), "{e}");
    }

    #[test]
    fn check_answer_keeps_undocumented_fields_and_tolerates_missing_optional_ones() {
        let body = r#"{"_id":"6650aa11bb22cc33dd44ee55","status":"FULFILLED",
            "operator":"Mobilis","updatedAt":"2025-11-02T09:00:20.000Z","topup_amount":500}"#;
        let info: TopupInfo = serde_json::from_str(body).unwrap();
        assert_eq!(info.status, TopupStatus::Fulfilled);
        assert_eq!(info.topup_amount, Some(Dzd::from_dinars(500)));
        assert_eq!(info.extra["operator"], "Mobilis");
        assert_eq!(info.extra["updatedAt"], "2025-11-02T09:00:20.000Z");
        let again: TopupInfo =
            serde_json::from_str(&serde_json::to_string(&info).unwrap()).unwrap();
        assert_eq!(again, info);
        assert_eq!(
            TopupStatus::parse("SUCCESS"),
            TopupStatus::Other("SUCCESS".into())
        );
        assert!(!TopupStatus::parse("SUCCESS").is_final());
    }
}
