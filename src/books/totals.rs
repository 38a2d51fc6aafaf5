//! The report's numbers from the store's sums: every total of the books is defined here, once,
//! and used by the report screen, `flexy-pos report` and its JSON and CSV alike.

use crate::ledger::tally::{Cell, Slot};
use crate::ledger::{Status, Tally};
use crate::money::Dzd;
use crate::rules::{Line, Operator, Product};
use serde::{Deserialize, Serialize};

/// Where an order's status puts it in the books.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Delivered: the price is the shop's, the cost is charged.
    Fulfilled,
    /// Sent and in progress (SAVED, SENT, PENDING, HANDLING, and an internet top-up QUEUED at
    /// Algérie Télécom for 12–48 h): the customer has paid, the money is held until the order
    /// settles.
    InProgress,
    /// UNKNOWN_ERROR or UNCONFIRMED: held as well, and to be neither refunded nor resent.
    AtRisk,
    /// Money to give back to the customer.
    Refunded,
    /// Refused by OneClickDz: nothing charged.
    Refused,
    /// Never reached OneClickDz: nothing charged.
    NotSent,
}

impl Standing {
    pub fn of(status: Status) -> Standing {
        match status {
            Status::Saved | Status::Sent | Status::Pending | Status::Handling | Status::Queued => {
                Standing::InProgress
            }
            Status::Fulfilled => Standing::Fulfilled,
            Status::Refunded => Standing::Refunded,
            Status::UnknownError | Status::Unconfirmed => Standing::AtRisk,
            Status::Refused => Standing::Refused,
            Status::NotSent => Standing::NotSent,
        }
    }

    /// The customer's money stays in the drawer: delivered or still held.
    pub fn is_collected(self) -> bool {
        matches!(
            self,
            Standing::Fulfilled | Standing::InProgress | Standing::AtRisk
        )
    }
}

/// One line of the books: an operator's or the whole shop's, over some days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Every order entered (all statuses).
    pub orders: i64,
    pub fulfilled: i64,
    /// Face value of the FULFILLED orders.
    pub face_total: Dzd,
    /// Cash to collect: the price of the fulfilled orders and of those still open.
    pub collected_total: Dzd,
    /// What OneClickDz charged, net (a REFUNDED order costs 0).
    pub cost_total: Dzd,
    /// `collected_total - cost_total`.
    pub margin_total: Dzd,
    /// `margin_total / collected_total` (0 when nothing was collected).
    pub margin_rate: f64,
    /// REFUNDED orders and the price to give back.
    pub refunded: i64,
    pub refund_total: Dzd,
    /// UNKNOWN_ERROR and UNCONFIRMED orders and their face value.
    pub at_risk: i64,
    pub at_risk_total: Dzd,
    /// Sent and not settled yet (not counting those at risk).
    pub in_progress: i64,
    /// Nothing charged for these.
    pub refused: i64,
    pub not_sent: i64,
    /// Orders made elsewhere on the account (another till, the dashboard) and their face
    /// value: not this till's, in none of the sums above.
    pub external: i64,
    pub external_total: Dzd,
    /// Offers lookups (GETMENU): not sales, in none of the counts or cash above; what
    /// OneClickDz kept for them (usually nothing) is in `cost_total`.
    pub lookups: i64,
}

impl Totals {
    /// Adds the sums of one slot.
    fn add(&mut self, slot: Slot, c: Cell) {
        let status = match slot {
            Slot::MadeElsewhere => {
                self.external += c.count;
                self.external_total += c.face;
                return;
            }
            Slot::Lookup => {
                self.lookups += c.count;
                self.cost_total += c.cost;
                self.settle();
                return;
            }
            Slot::Status(s) => s,
        };
        let standing = Standing::of(status);
        self.orders += c.count;
        self.cost_total += c.cost;
        if standing.is_collected() {
            self.collected_total += c.price;
        }
        match standing {
            Standing::Fulfilled => {
                self.fulfilled += c.count;
                self.face_total += c.face;
            }
            Standing::InProgress => self.in_progress += c.count,
            Standing::AtRisk => {
                self.at_risk += c.count;
                self.at_risk_total += c.face;
            }
            Standing::Refunded => {
                self.refunded += c.count;
                self.refund_total += c.price;
            }
            Standing::Refused => self.refused += c.count,
            Standing::NotSent => self.not_sent += c.count,
        }
        self.settle();
    }

    fn settle(&mut self) {
        self.margin_total = self.collected_total - self.cost_total;
        let collected = self.collected_total.centimes();
        self.margin_rate = if collected == 0 {
            0.0
        } else {
            // Four decimals (0.0482 = 4.82 %): enough for the books, short in JSON.
            (self.margin_total.centimes() as f64 / collected as f64 * 10_000.0).round() / 10_000.0
        };
    }

    /// The whole shop's line.
    pub fn of(t: &Tally) -> Totals {
        let mut out = Totals::default();
        for (_, slot, c) in t.cells() {
            out.add(slot, c);
        }
        out
    }

    /// The totals of the cells `pick` keeps.
    fn of_lines(t: &Tally, pick: impl Fn(Line) -> bool) -> Totals {
        let mut out = Totals::default();
        for (line, slot, c) in t.cells() {
            if pick(line) {
                out.add(slot, c);
            }
        }
        out
    }

    /// One line's totals: a mobile operator, or Idoom ADSL or 4G.
    pub fn of_line(t: &Tally, line: Line) -> Totals {
        Totals::of_lines(t, |l| l == line)
    }

    /// Each line with at least one order, in the till's order (Mobilis, Djezzy, Ooredoo, then
    /// Idoom ADSL and Idoom 4G): the report's rows "per operator".
    pub fn by_line(t: &Tally) -> Vec<(Line, Totals)> {
        Operator::ALL
            .iter()
            .map(|&op| Line::Mobile(op))
            .chain(crate::rules::InternetType::ALL.map(Line::Internet))
            .map(|line| (line, Totals::of_line(t, line)))
            .filter(|(_, tot)| tot.orders != 0)
            .collect()
    }

    /// Each product line (mobile, ADSL, 4G) with at least one order.
    pub fn by_product(t: &Tally) -> Vec<(Product, Totals)> {
        Product::ALL
            .iter()
            .map(|&p| (p, Totals::of_lines(t, |l| l.product() == p)))
            .filter(|(_, tot)| tot.orders != 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(count: i64, face: i64, price: i64, cost: i64) -> Cell {
        Cell {
            count,
            face: Dzd::from_dinars(face),
            price: Dzd::from_dinars(price),
            cost: Dzd::from_dinars(cost),
        }
    }

    #[test]
    fn standings_follow_the_statuses() {
        let cases = [
            (Status::Saved, Standing::InProgress),
            (Status::Sent, Standing::InProgress),
            (Status::Pending, Standing::InProgress),
            (Status::Handling, Standing::InProgress),
            (Status::Fulfilled, Standing::Fulfilled),
            (Status::Refunded, Standing::Refunded),
            (Status::UnknownError, Standing::AtRisk),
            (Status::Refused, Standing::Refused),
            (Status::Unconfirmed, Standing::AtRisk),
            (Status::NotSent, Standing::NotSent),
        ];
        for (status, want) in cases {
            assert_eq!(Standing::of(status), want, "{status:?}");
        }
    }

    #[test]
    fn internet_lines_have_their_own_rows_and_products_add_up() {
        use crate::rules::InternetType;
        let mut t = Tally::default();
        let slot = Slot::Status;
        let adsl = Line::Internet(InternetType::Adsl);
        let lte = Line::Internet(InternetType::FourG);
        t.add_cell(
            Operator::Djezzy,
            slot(Status::Fulfilled),
            cell(1, 500, 525, 490),
        );
        t.add_cell(adsl, slot(Status::Fulfilled), cell(2, 2000, 2060, 1960));
        t.add_cell(adsl, slot(Status::Queued), cell(1, 1000, 1030, 980));
        t.add_cell(lte, slot(Status::Refunded), cell(1, 500, 515, 0));
        let lines: Vec<Line> = Totals::by_line(&t).iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [Line::Mobile(Operator::Djezzy), adsl, lte]);
        let adsl_t = Totals::of_line(&t, adsl);
        assert_eq!(
            (adsl_t.orders, adsl_t.fulfilled, adsl_t.in_progress),
            (3, 2, 1)
        );
        assert_eq!(
            adsl_t.collected_total,
            Dzd::from_dinars(2060 + 1030),
            "QUEUED is paid and held, never given back"
        );
        assert_eq!(adsl_t.refund_total, Dzd::ZERO);
        let products = Totals::by_product(&t);
        assert_eq!(
            products.iter().map(|(p, _)| p.label()).collect::<Vec<_>>(),
            ["mobile", "adsl", "4g"]
        );
        let all = Totals::of(&t);
        let sum = products
            .iter()
            .fold(0, |a, (_, p)| a + p.collected_total.centimes());
        assert_eq!(sum, all.collected_total.centimes());
        assert_eq!(Standing::of(Status::Queued), Standing::InProgress);
    }

    #[test]
    fn a_lookup_is_no_sale_no_refund_and_no_cash() {
        let mut t = Tally::default();
        t.add_cell(
            Operator::Mobilis,
            Slot::Status(Status::Refunded),
            cell(2, 410, 410, 0),
        );
        t.add_cell(Operator::Mobilis, Slot::Lookup, cell(1, 0, 0, 0));
        let all = Totals::of(&t);
        assert_eq!((all.orders, all.refunded, all.lookups), (2, 2, 1));
        assert_eq!(all.refund_total, Dzd::from_dinars(410));
        assert_eq!(all.collected_total, Dzd::ZERO);
    }

    #[test]
    fn a_day_adds_up() {
        let mut t = Tally::default();
        let slot = Slot::Status;
        t.add_cell(
            Operator::Mobilis,
            slot(Status::Fulfilled),
            cell(3, 1500, 1575, 1470),
        );
        t.add_cell(
            Operator::Mobilis,
            slot(Status::Refunded),
            cell(1, 500, 525, 0),
        );
        t.add_cell(
            Operator::Djezzy,
            slot(Status::UnknownError),
            cell(1, 1000, 1050, 980),
        );
        t.add_cell(
            Operator::Djezzy,
            slot(Status::Pending),
            cell(2, 200, 210, 196),
        );
        t.add_cell(
            Operator::Djezzy,
            slot(Status::Refused),
            cell(1, 100, 105, 0),
        );
        let all = Totals::of(&t);
        assert_eq!(all.orders, 8);
        assert_eq!(all.fulfilled, 3);
        assert_eq!(all.face_total, Dzd::from_dinars(1500));
        assert_eq!(all.collected_total, Dzd::from_dinars(1575 + 1050 + 210));
        assert_eq!(all.cost_total, Dzd::from_dinars(1470 + 980 + 196));
        assert_eq!(all.margin_total, Dzd::from_dinars(2835 - 2646));
        assert_eq!(all.margin_rate, 0.0667, "189 / 2835");
        assert_eq!((all.refunded, all.refund_total), (1, Dzd::from_dinars(525)));
        assert_eq!(
            (all.at_risk, all.at_risk_total),
            (1, Dzd::from_dinars(1000))
        );
        assert_eq!((all.in_progress, all.refused, all.not_sent), (2, 1, 0));
        let ops = Totals::by_line(&t);
        assert_eq!(
            ops.iter().map(|(o, _)| *o).collect::<Vec<_>>(),
            [
                Line::Mobile(Operator::Mobilis),
                Line::Mobile(Operator::Djezzy)
            ]
        );
        let sum = ops.iter().fold(Totals::default(), |mut a, (_, b)| {
            a.collected_total += b.collected_total;
            a.cost_total += b.cost_total;
            a.margin_total += b.margin_total;
            a
        });
        assert_eq!(
            (sum.collected_total, sum.cost_total, sum.margin_total),
            (all.collected_total, all.cost_total, all.margin_total)
        );
        assert_eq!(Totals::of(&Tally::default()).margin_rate, 0.0);
    }
}
