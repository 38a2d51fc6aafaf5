//! The amount to send for a plan: typed for dynamic plans, preset for fixed ones.

use crate::api::types::{Plan, PlanKind};
use crate::money::Dzd;

/// Why a typed amount cannot be sent, worded for the till.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("type an amount")]
    Empty,
    #[error("'{0}' is not a whole number of dinars")]
    NotANumber(String),
    #[error("at least {0} for this plan")]
    TooLow(Dzd),
    #[error("at most {0} for this plan")]
    TooHigh(Dzd),
    #[error("this plan has no amount range")]
    NoRange,
    /// A fixed plan given another amount than its own (the sale gate refuses it).
    #[error("this plan sells {0} only")]
    FixedOnly(Dzd),
}

impl AmountError {
    /// The reason in the catalogue's words (the screen's language).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, MsgId};
        match self {
            AmountError::Empty => Message::new(MsgId::AmountEmpty),
            AmountError::NotANumber(t) => Message::new(MsgId::AmountNotANumber).text("text", t),
            AmountError::TooLow(d) => Message::new(MsgId::AmountTooLow).text("min", d),
            AmountError::TooHigh(d) => Message::new(MsgId::AmountTooHigh).text("max", d),
            AmountError::NoRange => Message::new(MsgId::AmountNoRange),
            AmountError::FixedOnly(d) => Message::new(MsgId::AmountFixedOnly).text("amount", d),
        }
    }
}

/// Parses a typed amount: Latin or Arabic-Indic digits, spaces allowed, whole dinars only.
pub fn parse_amount(input: &str) -> Result<u64, AmountError> {
    let mut digits = String::new();
    for c in input.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '\u{0660}'..='\u{0669}' => digits.push((b'0' + (c as u32 - 0x0660) as u8) as char),
            '\u{06F0}'..='\u{06F9}' => digits.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
            ' ' | '\u{00A0}' | '\u{202F}' => {}
            _ => return Err(AmountError::NotANumber(input.trim().to_string())),
        }
    }
    if digits.is_empty() {
        return Err(AmountError::Empty);
    }
    digits
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= 10_000_000)
        .ok_or_else(|| AmountError::NotANumber(input.trim().to_string()))
}

/// The face value that will be sent for `plan`: the typed amount for dynamic/GETMENU plans
/// (checked against min/max), the preset amount for fixed plans (typed input ignored).
pub fn amount_for(plan: &Plan, typed: &str) -> Result<Dzd, AmountError> {
    match plan.kind() {
        PlanKind::Fixed => plan.amount.ok_or(AmountError::NoRange),
        PlanKind::Dynamic | PlanKind::GetMenu => {
            let n = parse_amount(typed)?;
            let d = Dzd::from_dinars(n as i64);
            if let Some(min) = plan.min_amount
                && d < min
            {
                return Err(AmountError::TooLow(min));
            }
            if let Some(max) = plan.max_amount
                && d > max
            {
                return Err(AmountError::TooHigh(max));
            }
            Ok(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::PlanBuilder;

    fn dynamic(min: i64, max: i64) -> Plan {
        PlanBuilder::dynamic("PREPAID_MOBILIS", "Mobilis", min, max)
            .cost(0.96)
            .build()
    }

    #[test]
    fn checks_range_live() {
        let p = dynamic(40, 3999);
        assert_eq!(amount_for(&p, "500"), Ok(Dzd::from_dinars(500)));
        assert_eq!(amount_for(&p, "٥٠٠"), Ok(Dzd::from_dinars(500)));
        assert_eq!(amount_for(&p, "1 000"), Ok(Dzd::from_dinars(1000)));
        assert_eq!(
            amount_for(&p, "39"),
            Err(AmountError::TooLow(Dzd::from_dinars(40)))
        );
        assert_eq!(
            amount_for(&p, "4000"),
            Err(AmountError::TooHigh(Dzd::from_dinars(3999)))
        );
        assert_eq!(amount_for(&p, ""), Err(AmountError::Empty));
        assert!(matches!(
            amount_for(&p, "12.5"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            amount_for(&p, "99999999999999999999"),
            Err(AmountError::NotANumber(_))
        ));
    }

    #[test]
    fn fixed_plans_use_their_amount() {
        let mut p = dynamic(0, 0);
        p.min_amount = None;
        p.max_amount = None;
        p.amount = Some(Dzd::from_dinars(500));
        assert_eq!(amount_for(&p, "anything"), Ok(Dzd::from_dinars(500)));
    }
}
