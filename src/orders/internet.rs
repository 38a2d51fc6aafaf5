//! Idoom internet top-ups (ADSL, 4G) through the same money-safe lifecycle as mobile ones: the
//! sale gate for an internet sale ([`check_internet_sale`]), the line check before the confirm
//! ([`Lifecycle::check_line`]) and the write-ahead send ([`Lifecycle::place_internet`]). What
//! happens after the send (check by ref or id, the poller, QUEUED re-checked slowly, the audit)
//! is the lifecycle's own, for both products.

use super::lifecycle::{Lifecycle, OrderError};
use super::validate::InvalidOrder;
use crate::api::ApiError;
use crate::api::internet::{InternetProduct, InternetProducts, NumberCheck};
use crate::api::types::PlanKind;
use crate::ledger::{OrderRecord, Sale};
use crate::money::Dzd;
use crate::rules::{
    AmountError, InternetNumber, InternetType, Line, PriceRule, Quote, parse_amount,
};
use chrono::Utc;

/// An internet sale as typed on the command line (`flexy-pos internet send`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewInternetOrder {
    pub kind: InternetType,
    /// Any accepted spelling of the line's number.
    pub number: String,
    /// The value in DA, as typed.
    pub value: String,
}

/// An internet sale that passed the gate: what the lifecycle writes and sends.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidInternetOrder {
    pub number: InternetNumber,
    /// The product sold (its value is the face value sent).
    pub product: InternetProduct,
    /// What the customer is asked to pay.
    pub price: Dzd,
    /// What the shop's balance is charged, when the product list says.
    pub expected_cost: Option<Dzd>,
}

impl ValidInternetOrder {
    pub fn kind(&self) -> InternetType {
        self.number.kind()
    }
}

/// Face value, wholesale and shop price of an internet product: the product's `cost` is what
/// the balance is charged (in DA), the shop's markup goes on top.
pub fn internet_quote(pricing: &PriceRule, product: &InternetProduct) -> Quote {
    pricing.quote_wholesale(product.value, product.cost.unwrap_or(product.value))
}

/// The gate of an internet sale: a number of the type's format, a value on the product list,
/// on sale now. Prices and cost are computed here, once.
pub fn check_internet_sale(
    products: &InternetProducts,
    number: &InternetNumber,
    value: Dzd,
    pricing: &PriceRule,
) -> Result<ValidInternetOrder, InvalidOrder> {
    let kind = number.kind();
    let product = products
        .find(value)
        .ok_or_else(|| InvalidOrder::NoSuchValue {
            kind,
            value,
            offered: products
                .products
                .iter()
                .filter(|p| p.available)
                .map(|p| p.value)
                .collect(),
        })?;
    if !product.available {
        return Err(InvalidOrder::ValueUnavailable { kind, value });
    }
    let quote = internet_quote(pricing, product);
    Ok(ValidInternetOrder {
        number: number.clone(),
        product: product.clone(),
        price: quote.price,
        expected_cost: product.cost,
    })
}

/// The gate for a typed internet sale: the text is parsed here, once.
pub fn validate_internet(
    products: &InternetProducts,
    req: &NewInternetOrder,
    pricing: &PriceRule,
) -> Result<ValidInternetOrder, InvalidOrder> {
    let number = InternetNumber::parse(req.kind, &req.number).map_err(InvalidOrder::Line)?;
    let value = parse_amount(&req.value).map_err(|error| InvalidOrder::Amount {
        plan: req.kind.api_name().to_string(),
        error,
        typed: true,
    })?;
    let value = Dzd::from_dinars(i64::try_from(value).unwrap_or(i64::MAX));
    check_internet_sale(products, &number, value, pricing)
}

/// Why a number could not be checked with OneClickDz before the sale.
#[derive(Debug)]
pub enum LineCheckError {
    /// `ERR_PHONE` (or another documented refusal): the line is not one OneClickDz can top up.
    Refused(ApiError),
    /// No clear answer (network, server): the check proves nothing either way.
    Unclear(ApiError),
}

impl Lifecycle {
    /// The values on sale for `kind`: the cache when fresh, else the API (falling back to the
    /// cache, however old, when the API cannot be reached).
    pub async fn internet_products(
        &self,
        kind: InternetType,
    ) -> Result<super::internet_products::ProductsSnapshot, super::PlansError> {
        self.inner.internet.get(kind).await
    }

    /// Puts a typed internet sale through the gate against the product list (cache first).
    pub async fn validate_internet(
        &self,
        req: &NewInternetOrder,
    ) -> Result<ValidInternetOrder, OrderError> {
        let snapshot = self.internet_products(req.kind).await?;
        validate_internet(&snapshot.products, req, self.pricing()).map_err(OrderError::Invalid)
    }

    /// Asks OneClickDz whether the number is a line it can top up (`check-number`), as the
    /// docs advise before every internet sale.
    pub async fn check_line(&self, number: &InternetNumber) -> Result<NumberCheck, LineCheckError> {
        match self
            .api()
            .internet_check_number(number.kind(), number.as_str())
            .await
        {
            Ok(found) => Ok(found),
            Err(e) if !e.maybe_applied() && e.refusal().is_some() && !e.is_key_refused() => {
                Err(LineCheckError::Refused(e))
            }
            Err(e) => Err(LineCheckError::Unclear(e)),
        }
    }

    /// Writes an internet sale that passed the gate (`Saved`, flushed), sends it once with its
    /// unique ref and records the answer: the same rules as [`Lifecycle::place_valid`].
    pub async fn place_internet(
        &self,
        order: ValidInternetOrder,
    ) -> Result<OrderRecord, OrderError> {
        self.api()
            .verify_key()
            .await
            .map_err(OrderError::KeyRefused)?;
        let record = self.new_record(order.into(), Utc::now());
        self.write_and_send(record).await
    }
}

/// What an internet sale that passed the gate sells: the type stands for the plan, a preset
/// value as a fixed plan's.
impl From<ValidInternetOrder> for Sale {
    fn from(v: ValidInternetOrder) -> Sale {
        let kind = v.kind();
        Sale {
            line: Line::Internet(kind),
            phone: v.number.as_str().to_string(),
            plan_code: kind.api_name().to_string(),
            plan_name: kind.name().to_string(),
            plan_kind: PlanKind::Fixed,
            amount: v.product.value,
            expected_cost: v.expected_cost,
            price: Some(v.price),
        }
    }
}

/// The value field of an internet send: whole dinars.
pub fn request_value(amount: Dzd) -> Result<u64, AmountError> {
    amount
        .whole_dinars()
        .and_then(|d| u64::try_from(d).ok())
        .ok_or_else(|| AmountError::NotANumber(amount.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn products() -> InternetProducts {
        InternetProducts::from_data(
            InternetType::Adsl,
            serde_json::json!({"type": "ADSL", "products": [
                {"value": 500, "cost": 490, "available": true},
                {"value": 1000, "cost": 980, "available": true},
                {"value": 3000, "cost": 2940, "available": false}
            ]}),
        )
        .unwrap()
    }

    fn sale(number: &str, value: &str) -> Result<ValidInternetOrder, InvalidOrder> {
        let req = NewInternetOrder {
            kind: InternetType::Adsl,
            number: number.into(),
            value: value.into(),
        };
        validate_internet(&products(), &req, &PriceRule::default())
    }

    #[test]
    fn a_listed_value_sells_at_the_shops_price_over_its_cost() {
        let v = sale("036 36 26 08", "1000").unwrap();
        assert_eq!(v.number.as_str(), "036362608");
        assert_eq!(v.expected_cost, Some(Dzd::from_dinars(980)));
        // 980 + 5 % = 1029, rounded up to 5 DA.
        assert_eq!(v.price, Dzd::from_dinars(1030));
        assert_eq!(request_value(v.product.value), Ok(1000));
    }

    #[test]
    fn refuses_what_is_not_on_sale_with_a_reason() {
        assert!(matches!(
            sale("36362608", "500"),
            Err(InvalidOrder::Line(_))
        ));
        assert_eq!(
            sale("036362608", "700"),
            Err(InvalidOrder::NoSuchValue {
                kind: InternetType::Adsl,
                value: Dzd::from_dinars(700),
                offered: vec![Dzd::from_dinars(500), Dzd::from_dinars(1000)],
            })
        );
        assert_eq!(
            sale("036362608", "3000"),
            Err(InvalidOrder::ValueUnavailable {
                kind: InternetType::Adsl,
                value: Dzd::from_dinars(3000)
            })
        );
        assert!(matches!(
            sale("036362608", "cinq"),
            Err(InvalidOrder::Amount { .. })
        ));
    }
}
