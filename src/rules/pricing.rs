//! What the shop pays and what it asks the customer for.
//!
//! Wholesale = face × plan `cost` (face value when the plan has no `cost`). The price to collect =
//! wholesale plus the shop's markup, rounded up to the shop's step (never below the wholesale).

use crate::api::types::Plan;
use crate::money::Dzd;
use serde::{Deserialize, Serialize};

/// The shop's pricing rule, from `config.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceRule {
    /// Margin added on the wholesale cost, in percent.
    pub markup_percent: f64,
    /// Prices are rounded UP to a multiple of this many dinars (1 = whole dinars).
    pub round_up_to: u32,
}

impl PriceRule {
    /// 5 % on the wholesale cost, rounded up to 5 DA: what a shop gets until it sets its own
    /// (the `pricing` defaults of `config.toml`).
    pub const DEFAULT: PriceRule = PriceRule {
        markup_percent: 5.0,
        round_up_to: 5,
    };
}

impl Default for PriceRule {
    fn default() -> Self {
        PriceRule::DEFAULT
    }
}

/// Face value, wholesale cost and shop price of one sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub face: Dzd,
    pub wholesale: Dzd,
    pub price: Dzd,
}

impl PriceRule {
    /// Clamps nonsense from a hand-edited config to something safe.
    pub fn sanitized(self) -> PriceRule {
        let pct = if self.markup_percent.is_finite() {
            // `+ 0.0` turns −0 (which `clamp` keeps) into 0, so it never reads "+-0%".
            self.markup_percent.clamp(0.0, 100.0) + 0.0
        } else {
            0.0
        };
        PriceRule {
            markup_percent: pct,
            round_up_to: self.round_up_to.clamp(1, 1000),
        }
    }

    pub fn quote(&self, plan: &Plan, face: Dzd) -> Quote {
        let wholesale = face.times(plan.cost.unwrap_or(1.0)).unwrap_or(face);
        self.quote_wholesale(face, wholesale)
    }

    /// The quote of a sale whose wholesale cost is known in dinars (an internet product's
    /// `cost`): the same markup and rounding as a plan's.
    pub fn quote_wholesale(&self, face: Dzd, wholesale: Dzd) -> Quote {
        let rule = self.sanitized();
        let marked = wholesale
            .times(1.0 + rule.markup_percent / 100.0)
            .unwrap_or(wholesale);
        let step = i64::from(rule.round_up_to) * 100;
        let rounded = (marked.centimes() + step - 1).div_euclid(step) * step;
        Quote {
            face,
            wholesale,
            price: Dzd::from_centimes(rounded.max(wholesale.centimes())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::PlanBuilder;

    /// Only a plan's cost matters to its price.
    fn plan(cost: Option<f64>) -> Plan {
        PlanBuilder::dynamic("X", "Djezzy", 100, 10_000)
            .cost(cost)
            .build()
    }

    #[test]
    fn doc_example_face_1000_cost_098_sells_1029() {
        let rule = PriceRule {
            markup_percent: 5.0,
            round_up_to: 1,
        };
        let q = rule.quote(&plan(Some(0.98)), Dzd::from_dinars(1000));
        assert_eq!(q.wholesale, Dzd::from_dinars(980));
        assert_eq!(q.price, Dzd::from_dinars(1029));
    }

    #[test]
    fn rounds_up_to_the_step_and_handles_missing_cost() {
        let rule = PriceRule {
            markup_percent: 5.0,
            round_up_to: 10,
        };
        let q = rule.quote(&plan(Some(0.96)), Dzd::from_dinars(500));
        assert_eq!(q.wholesale, Dzd::from_dinars(480));
        assert_eq!(q.price, Dzd::from_dinars(510)); // 504 → 510
        let q = rule.quote(&plan(None), Dzd::from_dinars(5000));
        assert_eq!(q.wholesale, Dzd::from_dinars(5000));
        assert_eq!(q.price, Dzd::from_dinars(5250));
        let silly = PriceRule {
            markup_percent: f64::NAN,
            round_up_to: 0,
        };
        let q = silly.quote(&plan(Some(0.9925)), Dzd::from_dinars(500));
        assert_eq!(q.price, Dzd::from_dinars(497)); // 496.25 rounded up to a whole dinar
    }

    #[test]
    fn a_negative_zero_markup_is_zero() {
        let rule = PriceRule {
            markup_percent: -0.0,
            round_up_to: 1,
        }
        .sanitized();
        assert!(rule.markup_percent.is_sign_positive());
        assert_eq!(format!("{}", rule.markup_percent), "0");
    }
}
