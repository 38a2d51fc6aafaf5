//! The report's numbers from the store's sums: every total of the books is defined here, once,
//! and used by the report screen, `flexy-pos report` and its JSON and CSV alike.

use crate::ledger::tally::Cell;
use crate::ledger::{OrderState, Tally};
use crate::money::Dzd;
use crate::rules::Operator;
use serde::Serialize;

/// Where an order's status puts it in the books.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Delivered: the price is the shop's, the cost is charged.
    Fulfilled,
    /// Sent and in progress (SAVED, SENT, PENDING, HANDLING): the customer has paid, the money
    /// is held until the order settles.
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
    /// The standing of a status code ([`OrderState::index_code`]); `None` for no status.
    pub fn of_code(code: u8) -> Option<Standing> {
        Some(match code {
            1..=4 => Standing::InProgress,
            5 => Standing::Fulfilled,
            6 => Standing::Refunded,
            7 | 9 => Standing::AtRisk,
            8 => Standing::Refused,
            10 => Standing::NotSent,
            _ => return None,
        })
    }

    pub fn of(state: &OrderState) -> Standing {
        Standing::of_code(state.index_code()).unwrap_or(Standing::InProgress)
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
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
}

impl Totals {
    /// Adds the sums of one status.
    fn add(&mut self, code: u8, c: Cell) {
        if code == crate::ledger::tally::MADE_ELSEWHERE {
            self.external += c.count;
            self.external_total += c.face;
            return;
        }
        let Some(standing) = Standing::of_code(code) else {
            return;
        };
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
        for (_, code, c) in t.cells() {
            out.add(code, c);
        }
        out
    }

    /// One operator's line.
    pub fn of_operator(t: &Tally, op: Operator) -> Totals {
        let mut out = Totals::default();
        for (o, code, c) in t.cells() {
            if o == op {
                out.add(code, c);
            }
        }
        out
    }

    /// Each operator with at least one order, in the till's order (Mobilis, Djezzy, Ooredoo).
    pub fn by_operator(t: &Tally) -> Vec<(Operator, Totals)> {
        Operator::ALL
            .iter()
            .map(|&op| (op, Totals::of_operator(t, op)))
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
    fn standings_follow_the_status_codes() {
        let at = chrono::DateTime::UNIX_EPOCH;
        let cases = [
            (OrderState::Saved, Standing::InProgress),
            (OrderState::Sent, Standing::InProgress),
            (OrderState::Pending, Standing::InProgress),
            (OrderState::Handling, Standing::InProgress),
            (OrderState::Fulfilled, Standing::Fulfilled),
            (OrderState::Refunded, Standing::Refunded),
            (OrderState::UnknownError, Standing::AtRisk),
            (
                OrderState::Refused {
                    code: "X".into(),
                    message: "x".into(),
                },
                Standing::Refused,
            ),
            (OrderState::Unconfirmed { since: at }, Standing::AtRisk),
            (OrderState::NotSent, Standing::NotSent),
        ];
        for (state, want) in cases {
            assert_eq!(Standing::of(&state), want, "{state:?}");
        }
        assert_eq!(Standing::of_code(0), None);
    }

    #[test]
    fn a_day_adds_up() {
        let mut t = Tally::default();
        t.add_cell(Operator::Mobilis, 5, cell(3, 1500, 1575, 1470));
        t.add_cell(Operator::Mobilis, 6, cell(1, 500, 525, 0));
        t.add_cell(Operator::Djezzy, 7, cell(1, 1000, 1050, 980));
        t.add_cell(Operator::Djezzy, 3, cell(2, 200, 210, 196));
        t.add_cell(Operator::Djezzy, 8, cell(1, 100, 105, 0));
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
        let ops = Totals::by_operator(&t);
        assert_eq!(
            ops.iter().map(|(o, _)| *o).collect::<Vec<_>>(),
            [Operator::Mobilis, Operator::Djezzy]
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
