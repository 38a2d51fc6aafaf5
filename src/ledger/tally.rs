//! What an order counts for in the shop's books, and sums of those counts.
//!
//! The one rule of how an order is counted lives here ([`Cell::of`]); the store keeps sums of
//! it per hour and per day (in the same transaction as the order), and the books (`crate::books`)
//! turn sums into the report's lines. A [`Tally`] holds one [`Cell`] per operator and status, so
//! the books can group statuses however the report asks without the store knowing.

use super::record::{OrderRecord, Origin};
use crate::money::Dzd;
use crate::rules::Operator;
use std::ops::{AddAssign, SubAssign};

/// Status codes are [`OrderState::index_code`], 1..=10; slot 0, which no status has, holds the
/// orders made elsewhere on the account ([`MADE_ELSEWHERE`]).
pub const STATUS_CODES: usize = 11;
/// The slot of the orders made elsewhere (another till, the dashboard), whatever their status:
/// kept apart from this till's books, which they are not part of, but counted so the report can
/// say how many there were.
pub const MADE_ELSEWHERE: u8 = 0;
/// Operators in the order of their [`operator_code`].
pub const OPERATORS: [Operator; 3] = [Operator::Ooredoo, Operator::Mobilis, Operator::Djezzy];

/// A stable one-byte code of an operator (what the store writes).
pub fn operator_code(op: Operator) -> u8 {
    match op {
        Operator::Ooredoo => 0,
        Operator::Mobilis => 1,
        Operator::Djezzy => 2,
    }
}

pub fn operator_from_code(code: u8) -> Option<Operator> {
    OPERATORS.get(usize::from(code)).copied()
}

/// Sums over some orders of one operator and one status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// How many orders (signed only so a damaged store cannot make a subtraction wrap).
    pub count: i64,
    /// Face value credited to the lines (`amount`).
    pub face: Dzd,
    /// What the customers were asked to pay (the shop price).
    pub price: Dzd,
    /// What OneClickDz charged the shop, net: 0 for REFUNDED, REFUSED and NOT_SENT.
    pub cost: Dzd,
}

impl Cell {
    /// How one order counts. The price is the shop price asked at the till; an order saved
    /// without one (an old record) counts at its face value. The cost is what the API says was
    /// taken from the balance, or the expected `amount × cost` while it has not said yet; an
    /// order that ended REFUNDED, REFUSED or NOT_SENT costs nothing.
    pub fn of(rec: &OrderRecord) -> Cell {
        Cell {
            count: 1,
            face: rec.amount,
            price: rec.price.unwrap_or(rec.amount),
            cost: net_cost(rec),
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Cell::default()
    }
}

/// Whether an order is in this till's books: sold here, or one of its own restored from the
/// API's list; not one made elsewhere on the account.
pub fn counts(rec: &OrderRecord) -> bool {
    rec.origin != Origin::External
}

/// Where an order counts in a [`Tally`]: its status, or [`MADE_ELSEWHERE`].
fn slot_of(rec: &OrderRecord) -> u8 {
    if counts(rec) {
        rec.state.index_code()
    } else {
        MADE_ELSEWHERE
    }
}

/// The shop's balance is out this much for the order (see [`Cell::of`]): the record's
/// [`OrderRecord::net_charged`], or the expected charge while the API has not said.
pub fn net_cost(rec: &OrderRecord) -> Dzd {
    rec.net_charged().or(rec.expected_cost).unwrap_or(Dzd::ZERO)
}

impl AddAssign for Cell {
    fn add_assign(&mut self, o: Cell) {
        self.count = self.count.saturating_add(o.count);
        self.face += o.face;
        self.price += o.price;
        self.cost += o.cost;
    }
}

impl SubAssign for Cell {
    fn sub_assign(&mut self, o: Cell) {
        self.count = self.count.saturating_sub(o.count);
        self.face = self.face - o.face;
        self.price = self.price - o.price;
        self.cost = self.cost - o.cost;
    }
}

/// Sums of [`Cell`]s per operator and status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    cells: [[Cell; STATUS_CODES]; OPERATORS.len()],
}

impl Tally {
    /// The tally of one order.
    pub fn of(rec: &OrderRecord) -> Tally {
        let mut t = Tally::default();
        t.add(rec);
        t
    }

    /// Counts an order; one made elsewhere on the account (another till, the dashboard) is
    /// not this till's sale: it counts only in its own slot ([`MADE_ELSEWHERE`]).
    pub fn add(&mut self, rec: &OrderRecord) {
        *self.cell_mut(rec.operator, slot_of(rec)) += Cell::of(rec);
    }

    pub fn remove(&mut self, rec: &OrderRecord) {
        *self.cell_mut(rec.operator, slot_of(rec)) -= Cell::of(rec);
    }

    /// The sums of one operator and status code (an unknown code reads as empty).
    pub fn cell(&self, op: Operator, code: u8) -> Cell {
        self.cells[usize::from(operator_code(op))]
            .get(usize::from(code))
            .copied()
            .unwrap_or_default()
    }

    /// Adds sums read back from the store; `false` (nothing added) for an unknown code.
    pub fn add_cell(&mut self, op: Operator, code: u8, cell: Cell) -> bool {
        match self.cells[usize::from(operator_code(op))].get_mut(usize::from(code)) {
            Some(c) => {
                *c += cell;
                true
            }
            None => false,
        }
    }

    fn cell_mut(&mut self, op: Operator, code: u8) -> &mut Cell {
        // `index_code` is 1..=10, always inside the array.
        let code = usize::from(code).min(STATUS_CODES - 1);
        &mut self.cells[usize::from(operator_code(op))][code]
    }

    /// Every non-empty cell: (operator, status code, sums).
    pub fn cells(&self) -> impl Iterator<Item = (Operator, u8, Cell)> + '_ {
        OPERATORS.iter().enumerate().flat_map(move |(o, &op)| {
            self.cells[o]
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_zero())
                .map(move |(code, c)| (op, code as u8, *c))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.cells().next().is_none()
    }
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, o: &Tally) {
        for (op, code, c) in o.cells() {
            *self.cell_mut(op, code) += c;
        }
    }
}

impl SubAssign<&Tally> for Tally {
    fn sub_assign(&mut self, o: &Tally) {
        for (op, code, c) in o.cells() {
            *self.cell_mut(op, code) -= c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_codes_round_trip() {
        for op in OPERATORS {
            assert_eq!(operator_from_code(operator_code(op)), Some(op));
        }
        assert_eq!(operator_from_code(3), None);
    }

    #[test]
    fn adding_then_taking_away_leaves_nothing() {
        let mut t = Tally::default();
        let c = Cell {
            count: 2,
            face: Dzd::from_dinars(1000),
            price: Dzd::from_dinars(1050),
            cost: Dzd::from_dinars(980),
        };
        assert!(t.add_cell(Operator::Djezzy, 5, c));
        assert!(!t.add_cell(Operator::Djezzy, 11, c), "no such status");
        assert_eq!(t.cell(Operator::Djezzy, 5), c);
        let copy = t.clone();
        t -= &copy;
        assert!(t.is_empty());
    }
}
