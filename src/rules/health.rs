//! Operator health from `GET /v3/ping` (§1, §13): which of `mobilis`, `djezzy`, `ooredoo` and
//! `mobilisFixedPlans` (Mobilis' fixed plans, "Sama | Pixx") OneClickDz says are down, and
//! whether a sale goes to one of them. The docs advise asking every 30–60 s and warning about
//! (or hiding) an operator that is down.

use super::operator::Operator;
use crate::api::types::PingData;
use std::collections::BTreeSet;

/// What the last ping said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperatorHealth {
    /// `api` was `"ok"`.
    pub api_ok: bool,
    /// The ping's names of the operators not `"up"` (`"down"`, or a word the docs do not
    /// give: not known to be up).
    pub down: BTreeSet<String>,
}

impl OperatorHealth {
    pub fn from_ping(ping: &PingData) -> OperatorHealth {
        OperatorHealth {
            api_ok: ping.api.trim() == "ok",
            down: ping
                .operators
                .iter()
                .filter(|(_, state)| state.trim() != "up")
                .map(|(name, _)| crate::text::sanitize_line(name))
                .collect(),
        }
    }

    /// The operator a sale to `line` with a plan of `plan_operator` goes through, when the
    /// ping says it is down: the line's operator, or Mobilis' fixed plans for a Pixx or Sama
    /// plan. The name as the till shows it.
    pub fn down_for(&self, line: Operator, plan_operator: Option<&str>) -> Option<&'static str> {
        let fixed = plan_operator
            .map(|p| matches!(p.trim().to_ascii_lowercase().as_str(), "pixx" | "sama"))
            .unwrap_or(false);
        if fixed && self.down.contains("mobilisFixedPlans") {
            return Some("Mobilis (Pixx/Sama)");
        }
        self.down.contains(ping_name(line)).then(|| line.name())
    }
}

/// The operator's name in `/v3/ping`.
pub fn ping_name(op: Operator) -> &'static str {
    match op {
        Operator::Mobilis => "mobilis",
        Operator::Djezzy => "djezzy",
        Operator::Ooredoo => "ooredoo",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ping(ops: &[(&str, &str)]) -> PingData {
        PingData {
            api: "ok".into(),
            operators: ops
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_down_operator_is_found_for_its_lines_and_fixed_plans() {
        let h = OperatorHealth::from_ping(&ping(&[
            ("mobilis", "up"),
            ("djezzy", "down"),
            ("ooredoo", "up"),
            ("mobilisFixedPlans", "down"),
        ]));
        assert!(h.api_ok);
        assert_eq!(h.down_for(Operator::Djezzy, Some("Djezzy")), Some("Djezzy"));
        assert_eq!(h.down_for(Operator::Mobilis, Some("Mobilis")), None);
        assert_eq!(
            h.down_for(Operator::Mobilis, Some("Pixx")),
            Some("Mobilis (Pixx/Sama)")
        );
        assert_eq!(h.down_for(Operator::Ooredoo, None), None);
        let odd = OperatorHealth::from_ping(&ping(&[("ooredoo", "degraded")]));
        assert_eq!(
            odd.down_for(Operator::Ooredoo, None),
            Some("Ooredoo"),
            "not known up"
        );
    }
}
