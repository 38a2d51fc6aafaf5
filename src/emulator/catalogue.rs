//! The plan catalogue the emulator sells from, and the offers it suggests for a line.

use super::error::EmulatorError;
use super::networks::Network;
use crate::api::types::{Plan, PlanKind, PlansData, SuggestedOffer};
use crate::money::Dzd;
use std::collections::HashSet;

/// `assets/plans.json`, in the exact `data` shape of `GET /v3/mobile/plans`.
const EMBEDDED_PLANS: &str = include_str!("../../assets/plans.json");

/// Most offers a refund or GETMENU answer carries.
const MAX_OFFERS: usize = 6;

#[derive(Clone, Debug)]
pub struct Catalogue {
    data: PlansData,
}

impl Catalogue {
    /// The given plans, or the embedded catalogue. Duplicate codes or a plan whose operator maps
    /// to no line are refused: orders could not be validated against them.
    pub fn load(custom: Option<PlansData>) -> Result<Catalogue, EmulatorError> {
        let data = match custom {
            Some(d) => d,
            None => serde_json::from_str(EMBEDDED_PLANS).map_err(|e| {
                EmulatorError::Catalogue(format!("embedded assets/plans.json: {e}"))
            })?,
        };
        let mut seen = HashSet::new();
        for plan in data.all() {
            if !seen.insert(plan.code.as_str()) {
                return Err(EmulatorError::Catalogue(format!(
                    "plan code {} appears twice",
                    plan.code
                )));
            }
            if Network::of_plan_operator(&plan.operator).is_none() {
                return Err(EmulatorError::Catalogue(format!(
                    "plan {} has operator '{}', which is no known network",
                    plan.code, plan.operator
                )));
            }
            let ranged = plan.min_amount.is_some() && plan.max_amount.is_some();
            if !ranged && plan.amount.is_none() {
                return Err(EmulatorError::Catalogue(format!(
                    "plan {} has neither min_amount/max_amount nor amount",
                    plan.code
                )));
            }
        }
        Ok(Catalogue { data })
    }

    pub fn data(&self) -> &PlansData {
        &self.data
    }

    pub fn find(&self, code: &str) -> Option<&Plan> {
        self.data.find(code)
    }

    /// Offers a line of `operator` can take instead of `excluded`: its enabled fixed plans, then
    /// its prepaid credit (at a usual amount). Bills, wholesale and GETMENU plans are not offers.
    pub fn offers_for(&self, network: Network, excluded: &str) -> Vec<SuggestedOffer> {
        let fits = |p: &&Plan| {
            p.is_enabled
                && p.code != excluded
                && Network::of_plan_operator(&p.operator) == Some(network)
        };
        let fixed = self
            .data
            .fixed_plans
            .iter()
            .filter(fits)
            .filter(|p| p.kind() == PlanKind::Fixed)
            .filter_map(|p| Some(offer(p, p.amount?)));
        let prepaid = self
            .data
            .dynamic_plans
            .iter()
            .filter(fits)
            .filter(|p| p.code.starts_with("PREPAID"))
            .filter_map(|p| {
                let (min, max) = (p.min_amount?, p.max_amount?);
                Some(offer(p, Dzd::from_dinars(500).clamp(min, max.max(min))))
            });
        fixed.chain(prepaid).take(MAX_OFFERS).collect()
    }
}

fn offer(plan: &Plan, amount: Dzd) -> SuggestedOffer {
    SuggestedOffer {
        typename: plan.name.clone(),
        plan_code: plan.code.clone(),
        amount,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Catalogue {
        Catalogue::load(None).expect("embedded catalogue")
    }

    #[test]
    fn embedded_catalogue_has_the_documented_plans() {
        let c = cat();
        let n = c.data().all().count();
        assert!((20..=30).contains(&n), "{n} plans");
        let p = c.find("PREPAID_MOBILIS").unwrap();
        assert_eq!(
            (p.cost, p.min_amount, p.max_amount),
            (
                Some(0.96),
                Some(Dzd::from_dinars(40)),
                Some(Dzd::from_dinars(3999))
            )
        );
        let p = c.find("PREPAID_DJEZZY").unwrap();
        assert_eq!(
            (p.cost, p.min_amount, p.max_amount),
            (
                Some(0.9925),
                Some(Dzd::from_dinars(100)),
                Some(Dzd::from_dinars(10000))
            )
        );
        let g = c.find("GROS_MOBILIS").unwrap();
        assert_eq!(g.cost, None);
        assert_eq!(g.operator, "GMobilis");
        assert_eq!(g.max_amount, Some(Dzd::from_dinars(300_000)));
        assert_eq!(
            c.find("MIX500_MOBILIS").unwrap().name,
            "📱🌐 AUTO | MIX 500"
        );
        assert_eq!(c.find("PIXX_500").unwrap().kind(), PlanKind::Fixed);
        for op in ["Mobilis", "Ooredoo", "Djezzy"] {
            let m = c.find(&format!("GETMENU_{op}")).unwrap();
            assert_eq!(m.kind(), PlanKind::GetMenu);
            assert_eq!(
                (m.cost, m.min_amount, m.max_amount),
                (
                    Some(0.98),
                    Some(Dzd::from_dinars(50)),
                    Some(Dzd::from_dinars(5000))
                )
            );
        }
        for op in ["Mobilis", "Djezzy", "Ooredoo", "Pixx", "GMobilis"] {
            assert!(c.data().all().any(|p| p.operator == op), "{op}");
        }
        assert!(c.data().all().any(|p| !p.is_enabled));
        assert!(c.data().all().any(|p| p.code.starts_with("FACTURE_")));
    }

    #[test]
    fn offers_fit_the_line_and_are_enabled() {
        let c = cat();
        for op in [Network::Mobilis, Network::Djezzy, Network::Ooredoo] {
            let offers = c.offers_for(op, "PREPAID_MOBILIS");
            assert!((3..=6).contains(&offers.len()), "{op:?}: {offers:?}");
            for o in &offers {
                let plan = c.find(&o.plan_code).unwrap();
                assert!(plan.is_enabled);
                assert_eq!(Network::of_plan_operator(&plan.operator), Some(op));
                assert_ne!(o.plan_code, "PREPAID_MOBILIS");
                assert!(!o.typename.is_empty());
            }
        }
    }

    #[test]
    fn refuses_duplicate_codes() {
        let mut d = cat().data().clone();
        let first = d.fixed_plans[0].clone();
        d.fixed_plans.push(first);
        assert!(Catalogue::load(Some(d)).is_err());
    }
}
