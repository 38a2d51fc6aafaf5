//! What the shop sells ([`Product`]: a mobile top-up, or an Idoom ADSL or 4G top-up) and to
//! whom an order goes ([`Line`]: a mobile operator, or Algérie Télécom's ADSL or 4G): the
//! record keeps the line, the books count per line, `--json` names the product.

use super::internet::InternetType;
use super::operator::Operator;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A product line of the till, as the sale screen's switch cycles it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Product {
    /// A mobile top-up (flexy), for Mobilis, Djezzy, Ooredoo.
    #[default]
    Mobile,
    /// An Idoom internet top-up.
    Internet(InternetType),
}

impl Product {
    /// In the order of the sale screen's switch.
    pub const ALL: [Product; 3] = [
        Product::Mobile,
        Product::Internet(InternetType::Adsl),
        Product::Internet(InternetType::FourG),
    ];

    /// The product as `--json` and `--csv` name it: `mobile`, `adsl`, `4g`.
    pub fn label(self) -> &'static str {
        match self {
            Product::Mobile => "mobile",
            Product::Internet(InternetType::Adsl) => "adsl",
            Product::Internet(InternetType::FourG) => "4g",
        }
    }

    /// The next product of the switch (after 4G comes mobile again).
    pub fn next(self) -> Product {
        let i = Product::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Product::ALL[(i + 1) % Product::ALL.len()]
    }

    pub fn internet(self) -> Option<InternetType> {
        match self {
            Product::Mobile => None,
            Product::Internet(t) => Some(t),
        }
    }
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whose line an order tops up: the books count per line, and each line belongs to one
/// product. Stored in the order record as its name (`"Mobilis"`, `"IdoomAdsl"`), so the
/// records written before internet top-ups (which named the operator) read as mobile lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Line {
    Mobile(Operator),
    Internet(InternetType),
}

impl Line {
    /// Every line, in the order of their [`Line::code`].
    pub const ALL: [Line; 5] = [
        Line::Mobile(Operator::Ooredoo),
        Line::Mobile(Operator::Mobilis),
        Line::Mobile(Operator::Djezzy),
        Line::Internet(InternetType::Adsl),
        Line::Internet(InternetType::FourG),
    ];

    /// A stable one-byte code (what the store's totals write): the operators keep the codes
    /// they had (0–2), the internet lines take new ones.
    pub fn code(self) -> u8 {
        match self {
            Line::Mobile(Operator::Ooredoo) => 0,
            Line::Mobile(Operator::Mobilis) => 1,
            Line::Mobile(Operator::Djezzy) => 2,
            Line::Internet(InternetType::Adsl) => 3,
            Line::Internet(InternetType::FourG) => 4,
        }
    }

    pub fn from_code(code: u8) -> Option<Line> {
        Line::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn product(self) -> Product {
        match self {
            Line::Mobile(_) => Product::Mobile,
            Line::Internet(t) => Product::Internet(t),
        }
    }

    /// The mobile operator, for a mobile line.
    pub fn operator(self) -> Option<Operator> {
        match self {
            Line::Mobile(op) => Some(op),
            Line::Internet(_) => None,
        }
    }

    /// The line's name on screen and in reports (brands: the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Line::Mobile(op) => op.name(),
            Line::Internet(t) => t.name(),
        }
    }

    /// The name the record keeps.
    fn stored_name(self) -> &'static str {
        match self {
            Line::Mobile(op) => op.name(),
            Line::Internet(InternetType::Adsl) => "IdoomAdsl",
            Line::Internet(InternetType::FourG) => "Idoom4G",
        }
    }
}

impl From<Operator> for Line {
    fn from(op: Operator) -> Line {
        Line::Mobile(op)
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Line {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.stored_name())
    }
}

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Line::ALL
            .into_iter()
            .find(|l| l.stored_name() == name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown line '{name}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip_and_operators_keep_their_old_codes() {
        for l in Line::ALL {
            assert_eq!(Line::from_code(l.code()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(serde_json::from_str::<Line>(&json).unwrap(), l);
        }
        // Written to disk before internet top-ups existed: these never change.
        assert_eq!(Line::Mobile(Operator::Ooredoo).code(), 0);
        assert_eq!(Line::Mobile(Operator::Mobilis).code(), 1);
        assert_eq!(Line::Mobile(Operator::Djezzy).code(), 2);
        assert_eq!(Line::from_code(5), None);
        // A record of an older build named the operator: it reads as that mobile line.
        let old: Line = serde_json::from_str("\"Djezzy\"").unwrap();
        assert_eq!(old, Line::Mobile(Operator::Djezzy));
        assert!(serde_json::from_str::<Line>("\"Nedjma\"").is_err());
    }

    #[test]
    fn the_switch_cycles_every_product() {
        let mut p = Product::Mobile;
        let mut seen = vec![];
        for _ in 0..3 {
            seen.push(p.label());
            p = p.next();
        }
        assert_eq!(seen, ["mobile", "adsl", "4g"]);
        assert_eq!(p, Product::Mobile);
    }
}
