//! Idoom internet top-ups (§13): the shapes of `/v3/internet/*` and the client's calls.
//!
//! - `GET /v3/internet/products?type=ADSL|4G` → `{products:[{value, cost, available}], type}`;
//!   the Arabic guide shows `data` as a bare array: both are read.
//! - `GET /v3/internet/check-number?type=&number=` → `{ncli, offre?, type}` or `ERR_PHONE`; the
//!   Arabic guide says POST with a JSON body: asked as GET, and as POST when the server has no
//!   GET route for it.
//! - `POST /v3/internet/send {type, number, value, ref}` → `{topupId, topupRef}` (never retried
//!   here, as for mobile).
//! - `GET /v3/internet/check-id/:id`, `check-ref/:ref`, `list`: the top-up object
//!   ([`TopupInfo`], with `type`, `number`, `card_code`, `num_trans`, `date_traitement`).
//!   Statuses `HANDLING`, `FULFILLED`, `QUEUED` (12–48 h, not a failure), `REFUNDED`.

use super::client::{ApiClient, plausible};
use super::error::ApiError;
use super::list::{ListRequest, TopupPage};
use super::types::InternetType;
use super::types::{SendData, TopupInfo};
use crate::money::Dzd;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One value of an internet product list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InternetProduct {
    /// Face value in DA (what the line is credited; the value to send).
    pub value: Dzd,
    /// What the shop's balance is charged, in DA (not a multiplier, unlike mobile plans).
    /// Absent: unknown until the order is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Dzd>,
    /// `false`: not on sale now.
    pub available: bool,
}

/// The products of one type (`data` of `/v3/internet/products`, English shape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InternetProducts {
    #[serde(rename = "type")]
    pub kind: InternetType,
    pub products: Vec<InternetProduct>,
}

impl InternetProducts {
    /// The product of this face value.
    pub fn find(&self, value: Dzd) -> Option<&InternetProduct> {
        self.products.iter().find(|p| p.value == value)
    }

    /// Reads either documented shape of `data` for a request about `asked`: the English
    /// object (whose `type` must be the one asked, `4GLTE` read as 4G) or the Arabic bare array.
    pub fn from_data(asked: InternetType, data: Value) -> Result<InternetProducts, String> {
        let (items, kind) = match data {
            Value::Array(items) => (items, None),
            Value::Object(mut map) => {
                let kind = map.remove("type");
                match map.remove("products") {
                    Some(Value::Array(items)) => (items, kind),
                    Some(_) => return Err("`products` is not a list".into()),
                    None => return Err("no `products` in the answer".into()),
                }
            }
            other => return Err(format!("`data` is {other}, not a product list")),
        };
        if let Some(kind) = kind {
            let named = kind.as_str().and_then(InternetType::parse);
            if named != Some(asked) {
                return Err(format!(
                    "asked for the {} products, the answer is about {kind}",
                    asked.api_name()
                ));
            }
        }
        let products = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                serde_json::from_value::<InternetProduct>(item)
                    .map_err(|e| format!("product {}: {e}", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(p) = products
            .iter()
            .find(|p| p.value <= Dzd::ZERO || p.cost.is_some_and(|c| c < Dzd::ZERO))
        {
            return Err(format!(
                "impossible product: value {}, cost {:?}",
                p.value, p.cost
            ));
        }
        Ok(InternetProducts {
            kind: asked,
            products,
        })
    }
}

/// `data` of check-number for a valid line: the subscriber id (masked by the API) and, for
/// ADSL, the line's offer (`FTTc-b_10M'`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NumberCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ncli: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offre: Option<String>,
    /// `ADSL` or `4GLTE`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

/// The body of `POST /v3/internet/send`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InternetSendRequest {
    #[serde(rename = "type")]
    pub kind: InternetType,
    pub number: String,
    /// Whole dinars: one of the product values.
    pub value: u64,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Serialize)]
struct CheckNumberBody<'a> {
    #[serde(rename = "type")]
    kind: InternetType,
    number: &'a str,
}

impl ApiClient {
    /// The values on sale for one internet type.
    pub async fn internet_products(
        &self,
        kind: InternetType,
    ) -> Result<InternetProducts, ApiError> {
        let query = [("type", kind.api_name().to_string())];
        let data: Value = self
            .read_query(&["v3", "internet", "products"], &query)
            .await?;
        InternetProducts::from_data(kind, data).map_err(|why| ApiError::Decode {
            status: 200,
            message: format!("internet products: {}", crate::text::sanitize_line(&why)),
            request_id: None,
        })
    }

    /// Whether `number` is a live line of this type (`ERR_PHONE` when it is not).
    pub async fn internet_check_number(
        &self,
        kind: InternetType,
        number: &str,
    ) -> Result<NumberCheck, ApiError> {
        let segments = ["v3", "internet", "check-number"];
        let query = [
            ("type", kind.api_name().to_string()),
            ("number", number.to_string()),
        ];
        match self.read_query(&segments, &query).await {
            // No GET route (a bare 404, or 405 whatever its body): ask in the Arabic guide's
            // form, the same question as a POST with a JSON body.
            Err(e)
                if matches!(e, ApiError::UnknownRoute { .. }) || e.http_status() == Some(405) =>
            {
                let body = serde_json::to_vec(&CheckNumberBody { kind, number })
                    .map_err(|e| ApiError::Config(format!("cannot encode the request: {e}")))?;
                self.gated(Method::POST, &segments, &[], Some(body)).await
            }
            other => other,
        }
    }

    /// Sends an internet top-up once. Never retried here (see [`ApiClient::send`]).
    pub async fn internet_send(&self, req: &InternetSendRequest) -> Result<SendData, ApiError> {
        let body = serde_json::to_vec(req)
            .map_err(|e| ApiError::Config(format!("cannot encode send request: {e}")))?;
        self.gated(Method::POST, &["v3", "internet", "send"], &[], Some(body))
            .await
    }

    /// The internet top-up with this ref (see [`ApiClient::check_ref`]).
    pub async fn internet_check_ref(&self, reference: &str) -> Result<TopupInfo, ApiError> {
        plausible(
            self.read(&["v3", "internet", "check-ref", reference])
                .await?,
        )
    }

    /// The internet top-up with this id.
    pub async fn internet_check_id(&self, topup_id: &str) -> Result<TopupInfo, ApiError> {
        plausible(self.read(&["v3", "internet", "check-id", topup_id]).await?)
    }

    /// One page of the account's internet top-ups (`GET /v3/internet/list`), newest first.
    pub async fn internet_list(&self, req: &ListRequest) -> Result<TopupPage, ApiError> {
        self.list_page(&["v3", "internet", "list"], req).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_documented_shapes_of_the_product_list_read() {
        let en =
            json!({"products": [{"value": 500, "cost": 490, "available": true}], "type": "ADSL"});
        let p = InternetProducts::from_data(InternetType::Adsl, en).unwrap();
        assert_eq!(p.products[0].cost, Some(Dzd::from_dinars(490)));
        let ar = json!([{"value": 1000, "cost": 980, "available": false}]);
        let p = InternetProducts::from_data(InternetType::FourG, ar).unwrap();
        assert_eq!(
            (p.kind, p.products[0].available),
            (InternetType::FourG, false)
        );
        let lte = json!({"products": [], "type": "4GLTE"});
        assert!(InternetProducts::from_data(InternetType::FourG, lte).is_ok());
        let other = json!({"products": [], "type": "ADSL"});
        let e = InternetProducts::from_data(InternetType::FourG, other).unwrap_err();
        assert!(e.contains("about"), "{e}");
        let missing = json!([{"cost": 490, "available": true}]);
        let e = InternetProducts::from_data(InternetType::Adsl, missing).unwrap_err();
        assert!(e.contains("value"), "{e}");
        let negative = json!([{"value": -5, "available": true}]);
        assert!(InternetProducts::from_data(InternetType::Adsl, negative).is_err());
    }

    #[test]
    fn the_fulfilled_item_keeps_the_proof_of_purchase() {
        let item: TopupInfo = serde_json::from_value(json!({
            "_id": "6650aa11bb22cc33dd44ee55", "ref": "t1-x", "status": "FULFILLED",
            "type": "ADSL", "number": "036362608", "topup_amount": 500,
            "card_code": "123456789012", "num_trans": "AT-2025-12345",
            "date_traitement": "2025-11-02T09:00:15.000Z", "created_at": "2025-11-02T09:00:00.000Z"
        }))
        .unwrap();
        assert_eq!(item.internet_type(), Some(InternetType::Adsl));
        assert_eq!(item.line_number(), Some("036362608"));
        assert_eq!(item.num_trans.as_deref(), Some("AT-2025-12345"));
        assert!(item.extra.is_empty(), "{:?}", item.extra);
        let queued: TopupInfo =
            serde_json::from_value(json!({"_id": "x", "status": "QUEUED"})).unwrap();
        assert_eq!(queued.status, crate::api::types::TopupStatus::Queued);
        assert!(!queued.status.is_final());
    }
}
