//! The shop's books: how much cash should be in the drawer, what the shop earned, and what it
//! still owes customers, over shop days.
//!
//! - [`totals`]: every number of the report, defined once from the store's sums.
//! - [`mod@report`]: a report over a period, the refunds to hand back, series for the charts.
//! - [`words`]: the report's words, in one place for the screen and the commands.
//!
//! Shop days are [`crate::rules::shop_day`]. How one order counts (price, face, net cost) is [`crate::ledger::tally`]; the store keeps
//! those sums per hour and day ([`crate::store::Store::tally`]), so a report costs the same for
//! a day as for two years.
pub mod report;
pub mod totals;
pub mod words;

pub use report::{Period, Refund, Report, daily, hourly, report};
pub use totals::{Standing, Totals};
