//! The mobile networks a line can belong to, and which plans may be sent to which line.

use crate::api::types::Plan;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The network a phone line belongs to, from its prefix (05 Ooredoo, 06 Mobilis, 07 Djezzy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Operator {
    Ooredoo,
    Mobilis,
    Djezzy,
}

impl Operator {
    pub const ALL: [Operator; 3] = [Operator::Mobilis, Operator::Djezzy, Operator::Ooredoo];

    /// The operator owning a two-digit national prefix (`"05"`, `"06"`, `"07"`).
    pub fn from_prefix(second_digit: char) -> Option<Operator> {
        match second_digit {
            '5' => Some(Operator::Ooredoo),
            '6' => Some(Operator::Mobilis),
            '7' => Some(Operator::Djezzy),
            _ => None,
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Operator::Ooredoo => "05",
            Operator::Mobilis => "06",
            Operator::Djezzy => "07",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Operator::Ooredoo => "Ooredoo",
            Operator::Mobilis => "Mobilis",
            Operator::Djezzy => "Djezzy",
        }
    }

    /// The line operator a plan's `operator` string sends to. Pixx (Mobilis fixed plans,
    /// "Sama | Pixx") and GMobilis (wholesale Mobilis) plans go to Mobilis 06 lines.
    pub fn for_plan_operator(plan_operator: &str) -> Option<Operator> {
        match plan_operator.trim().to_ascii_lowercase().as_str() {
            "mobilis" | "pixx" | "gmobilis" | "sama" => Some(Operator::Mobilis),
            "djezzy" => Some(Operator::Djezzy),
            "ooredoo" => Some(Operator::Ooredoo),
            _ => None,
        }
    }

    /// The line operator a plan can be sent to (Pixx and GMobilis → Mobilis).
    pub fn of_plan(plan: &Plan) -> Option<Operator> {
        Operator::for_plan_operator(&plan.operator)
    }

    /// The GETMENU plan code that asks for this line's offers.
    pub fn getmenu_code(self) -> &'static str {
        match self {
            Operator::Ooredoo => "GETMENU_Ooredoo",
            Operator::Mobilis => "GETMENU_Mobilis",
            Operator::Djezzy => "GETMENU_Djezzy",
        }
    }

    /// The everyday prepaid credit plan pre-selected when a number of this operator is typed.
    pub fn prepaid_code(self) -> &'static str {
        match self {
            Operator::Ooredoo => "PREPAID_OOREDOO",
            Operator::Mobilis => "PREPAID_MOBILIS",
            Operator::Djezzy => "PREPAID_DJEZZY",
        }
    }
}

/// Whether a plan sending to `plan_line` lines may go to `number` (`0XXXXXXXXX`): the number's
/// own operator, or any plan at all for the sandbox's test numbers
/// ([`super::phone::is_sandbox_test_number`]). The one rule the sale screen, the lifecycle's
/// validation and the emulator share.
pub fn plan_fits_number(plan_line: Option<Operator>, number: &str) -> bool {
    if super::phone::is_sandbox_test_number(number) {
        return true;
    }
    let line = number.chars().nth(1).and_then(Operator::from_prefix);
    line.is_some() && line == plan_line
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_operators_map_to_lines() {
        assert_eq!(Operator::for_plan_operator("Pixx"), Some(Operator::Mobilis));
        assert_eq!(
            Operator::for_plan_operator("GMobilis"),
            Some(Operator::Mobilis)
        );
        assert_eq!(
            Operator::for_plan_operator("Djezzy"),
            Some(Operator::Djezzy)
        );
        assert_eq!(
            Operator::for_plan_operator("Ooredoo"),
            Some(Operator::Ooredoo)
        );
        assert_eq!(Operator::for_plan_operator("Nedjma"), None);
    }
}
