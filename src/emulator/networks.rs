//! The sandbox's own reading of the API notes about numbers and networks, written from the
//! docs (`shared/oneclickdz-api.md`) and not from the till's rules: a misreading shared by the
//! till and its emulator would pass every test.
//!
//! - Mobilis is 06…, Djezzy 07…, Ooredoo 05… (§6; the number's shape is `validate::mssidn_matches`);
//! - a plan's `operator` names its network; Pixx, Sama and GMobilis plans are Mobilis' (§1: the
//!   health check maps Pixx to `mobilisFixedPlans`);
//! - the special test numbers 0600000001/2/3 are taken with any network's plan (§12: the docs'
//!   example sends 0600000002 with a Djezzy plan);
//! - an Idoom ADSL number is `^0[0-9]{8}$`, a 4G number `^213[0-9]{9}$` (§13).

use crate::api::types::InternetType;

/// `0600000001`: the top-up ends REFUNDED with a `refund_message` (§8).
pub const REFUND_NUMBER: &str = "0600000001";
/// `0600000002`: REFUNDED with a `refund_message` and `suggested_offers` (§8).
pub const REFUND_WITH_OFFERS_NUMBER: &str = "0600000002";
/// `0600000003`: UNKNOWN_ERROR, to exercise the daily recheck (§8).
pub const UNKNOWN_ERROR_NUMBER: &str = "0600000003";

/// A mobile network, as the sandbox tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Network {
    Mobilis,
    Djezzy,
    Ooredoo,
}

impl Network {
    /// The network of a mobile number, by its second digit.
    pub fn of_number(mssidn: &str) -> Option<Network> {
        match mssidn.as_bytes() {
            [b'0', b'6', ..] => Some(Network::Mobilis),
            [b'0', b'7', ..] => Some(Network::Djezzy),
            [b'0', b'5', ..] => Some(Network::Ooredoo),
            _ => None,
        }
    }

    /// The network a plan is sent to, from the plan's `operator` field.
    pub fn of_plan_operator(operator: &str) -> Option<Network> {
        match operator {
            "Mobilis" | "GMobilis" | "Pixx" | "Sama" => Some(Network::Mobilis),
            "Djezzy" => Some(Network::Djezzy),
            "Ooredoo" => Some(Network::Ooredoo),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Network::Mobilis => "Mobilis",
            Network::Djezzy => "Djezzy",
            Network::Ooredoo => "Ooredoo",
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Network::Mobilis => "06",
            Network::Djezzy => "07",
            Network::Ooredoo => "05",
        }
    }
}

/// Whether a plan of `plan_network` may go to `mssidn`.
pub fn plan_takes_number(plan_network: Option<Network>, mssidn: &str) -> bool {
    if [
        REFUND_NUMBER,
        REFUND_WITH_OFFERS_NUMBER,
        UNKNOWN_ERROR_NUMBER,
    ]
    .contains(&mssidn)
    {
        return true;
    }
    let line = Network::of_number(mssidn);
    line.is_some() && line == plan_network
}

/// Whether `number` is an Idoom number of `kind` as §13 writes them.
pub fn is_internet_number(kind: InternetType, number: &str) -> bool {
    let digits = number.bytes().all(|b| b.is_ascii_digit());
    match kind {
        InternetType::Adsl => digits && number.len() == 9 && number.starts_with('0'),
        InternetType::FourG => digits && number.len() == 12 && number.starts_with("213"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_docs_prefixes() {
        assert_eq!(Network::of_number("0661234567"), Some(Network::Mobilis));
        assert_eq!(Network::of_number("0771234567"), Some(Network::Djezzy));
        assert_eq!(Network::of_number("0551234567"), Some(Network::Ooredoo));
        assert_eq!(Network::of_number("0861234567"), None);
    }

    #[test]
    fn plans_take_their_own_network_and_the_test_numbers_take_any() {
        let mobilis = Network::of_plan_operator("Pixx");
        assert_eq!(mobilis, Some(Network::Mobilis));
        assert!(plan_takes_number(mobilis, "0661234567"));
        assert!(!plan_takes_number(mobilis, "0771234567"));
        let djezzy = Network::of_plan_operator("Djezzy");
        assert!(plan_takes_number(djezzy, REFUND_WITH_OFFERS_NUMBER));
        assert!(!plan_takes_number(None, "0661234567"));
    }

    #[test]
    fn idoom_numbers_as_the_docs_write_them() {
        assert!(is_internet_number(InternetType::Adsl, "036362608"));
        assert!(!is_internet_number(InternetType::Adsl, "36362608"));
        assert!(is_internet_number(InternetType::FourG, "213472731602"));
        assert!(!is_internet_number(InternetType::FourG, "0472731602"));
    }
}
