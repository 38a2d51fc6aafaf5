//! What an order counts for in the shop's books, and sums of those counts.
//!
//! The one rule of how an order is counted lives here ([`Cell::of`]); the store keeps sums of
//! it per hour and per day (in the same transaction as the order), and the books (`crate::books`)
//! turn sums into the report's lines. A [`Tally`] holds one [`Cell`] per line (the mobile
//! operators and the Idoom ADSL and 4G lines) and status, so
//! the books can group statuses however the report asks without the store knowing.
//!
//! An offers lookup (a GETMENU order, [`is_lookup`]) is not a sale, whatever status the API
//! gives it (the emulator and the API answer it REFUNDED, with the offers): nobody paid for it
//! and nothing is owed. It counts in its own slot ([`Slot::Lookup`]), never in a status's, so
//! no view or command can count it as a sale, a refund or cash to collect.

use super::record::{OrderRecord, Origin};
use super::status::Status;
use crate::api::types::PlanKind;
use crate::money::Dzd;
use crate::rules::Line;
use std::ops::{AddAssign, SubAssign};

/// Slots per line: one per [`Status`] code (1..=11), slot 0 (made elsewhere) and the last one
/// (offers lookups).
const SLOTS: usize = Status::ALL.len() + 2;
/// The byte the store's totals keep for [`Slot::Lookup`]: far from the status codes, which
/// grow one by one.
const LOOKUP_CODE: u8 = 200;

/// Where an order counts in a [`Tally`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Orders made elsewhere (another till, the dashboard), whatever their status: kept apart
    /// from this till's books, which they are not part of, but counted so the report can say
    /// how many there were.
    MadeElsewhere,
    /// This till's orders (sold here or restored), by status.
    Status(Status),
    /// This till's offers lookups (GETMENU), whatever their status: not sales.
    Lookup,
}

impl Slot {
    /// The byte the store's totals keep: 0 for orders made elsewhere (no status has it),
    /// [`LOOKUP_CODE`] for lookups, else the status code.
    pub fn code(self) -> u8 {
        match self {
            Slot::MadeElsewhere => 0,
            Slot::Status(s) => s.code(),
            Slot::Lookup => LOOKUP_CODE,
        }
    }

    pub fn from_code(code: u8) -> Option<Slot> {
        match code {
            0 => Some(Slot::MadeElsewhere),
            LOOKUP_CODE => Some(Slot::Lookup),
            c => Status::from_code(c).map(Slot::Status),
        }
    }

    /// Where the slot sits in a line's cells.
    fn index(self) -> usize {
        match self {
            Slot::Lookup => SLOTS - 1,
            other => usize::from(other.code()),
        }
    }

    fn from_index(i: usize) -> Option<Slot> {
        if i == SLOTS - 1 {
            Some(Slot::Lookup)
        } else {
            Slot::from_code(u8::try_from(i).ok()?)
        }
    }

    /// Where an order counts: its status, [`Slot::Lookup`] for an offers lookup, or
    /// [`Slot::MadeElsewhere`].
    pub fn of(rec: &OrderRecord) -> Slot {
        if !counts(rec) {
            Slot::MadeElsewhere
        } else if is_lookup(rec) {
            Slot::Lookup
        } else {
            Slot::Status(rec.state.status())
        }
    }
}
/// Sums over some orders of one line and one status.
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
    /// order that ended REFUNDED, REFUSED or NOT_SENT costs nothing. An offers lookup has no
    /// price and no face value (nobody paid, nothing was credited); its cost is only what the
    /// API says it kept (usually nothing: it answers REFUNDED).
    pub fn of(rec: &OrderRecord) -> Cell {
        if is_lookup(rec) {
            return Cell {
                count: 1,
                face: Dzd::ZERO,
                price: Dzd::ZERO,
                cost: rec.net_charged().unwrap_or(Dzd::ZERO),
            };
        }
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

/// An offers lookup (GETMENU: F6 at the counter, `send --plan GETMENU_…`): asks which offers a
/// number can take. Not a sale in any view or command, whatever its status.
pub fn is_lookup(rec: &OrderRecord) -> bool {
    rec.plan_kind == PlanKind::GetMenu
}

/// One of this till's sales: counted in the sales, the cash to collect and the refunds.
pub fn is_sale(rec: &OrderRecord) -> bool {
    counts(rec) && !is_lookup(rec)
}

/// What to give back to the customer for this order: its price, for a sale of this till that
/// ended REFUNDED; `None` for anything else (a lookup answered REFUNDED owes nothing).
pub fn to_give_back(rec: &OrderRecord) -> Option<Dzd> {
    (is_sale(rec) && rec.state == super::record::OrderState::Refunded).then(|| Cell::of(rec).price)
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

/// Sums of [`Cell`]s per line and status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    cells: [[Cell; SLOTS]; Line::ALL.len()],
}

impl Tally {
    /// The tally of one order.
    pub fn of(rec: &OrderRecord) -> Tally {
        let mut t = Tally::default();
        t.add(rec);
        t
    }

    /// Counts an order; one made elsewhere on the account (another till, the dashboard) is
    /// not this till's sale: it counts only in its own slot ([`Slot::MadeElsewhere`]).
    pub fn add(&mut self, rec: &OrderRecord) {
        *self.cell_mut(rec.line, Slot::of(rec)) += Cell::of(rec);
    }

    pub fn remove(&mut self, rec: &OrderRecord) {
        *self.cell_mut(rec.line, Slot::of(rec)) -= Cell::of(rec);
    }

    /// The sums of one line and slot.
    pub fn cell(&self, line: impl Into<Line>, slot: Slot) -> Cell {
        self.cells[usize::from(line.into().code())][slot.index()]
    }

    /// Adds sums read back from the store.
    pub fn add_cell(&mut self, line: impl Into<Line>, slot: Slot, cell: Cell) {
        *self.cell_mut(line.into(), slot) += cell;
    }

    fn cell_mut(&mut self, line: Line, slot: Slot) -> &mut Cell {
        // Every line's code is its index in `Line::ALL`; every slot's index is below `SLOTS`.
        &mut self.cells[usize::from(line.code())][slot.index()]
    }

    /// Every non-empty cell: (line, slot, sums).
    pub fn cells(&self) -> impl Iterator<Item = (Line, Slot, Cell)> + '_ {
        Line::ALL.iter().flat_map(move |&line| {
            self.cells[usize::from(line.code())]
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_zero())
                .filter_map(move |(i, c)| Some((line, Slot::from_index(i)?, *c)))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.cells().next().is_none()
    }
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, o: &Tally) {
        for (line, slot, c) in o.cells() {
            *self.cell_mut(line, slot) += c;
        }
    }
}

impl SubAssign<&Tally> for Tally {
    fn sub_assign(&mut self, o: &Tally) {
        for (line, slot, c) in o.cells() {
            *self.cell_mut(line, slot) -= c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_then_taking_away_leaves_nothing() {
        let mut t = Tally::default();
        let c = Cell {
            count: 2,
            face: Dzd::from_dinars(1000),
            price: Dzd::from_dinars(1050),
            cost: Dzd::from_dinars(980),
        };
        let fulfilled = Slot::Status(Status::Fulfilled);
        let djezzy = Line::Mobile(crate::rules::Operator::Djezzy);
        t.add_cell(djezzy, fulfilled, c);
        assert_eq!(t.cell(djezzy, fulfilled), c);
        let adsl = Line::Internet(crate::rules::InternetType::Adsl);
        t.add_cell(adsl, Slot::Status(Status::Queued), c);
        assert_eq!(t.cell(adsl, Slot::Status(Status::Queued)), c);
        assert_eq!(Slot::from_code(12), None, "no such status");
        for code in 0..12 {
            assert_eq!(Slot::from_code(code).map(Slot::code), Some(code));
        }
        assert_eq!(Slot::from_code(LOOKUP_CODE), Some(Slot::Lookup));
        t.add_cell(djezzy, Slot::Lookup, c);
        assert_eq!(t.cell(djezzy, Slot::Lookup), c);
        assert!(t.cells().any(|(_, s, _)| s == Slot::Lookup));
        let copy = t.clone();
        t -= &copy;
        assert!(t.is_empty());
    }
}
