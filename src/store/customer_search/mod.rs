//! Finding a customer by the digits staff remember: the start of the number (`0661`), its
//! last digits (`4567`) or any digits in it. What a typed fragment means is one rule,
//! [`crate::rules::search_digits`], shared with the history filter (which is below the store);
//! everything that finds the numbers is here:
//!
//! - [`numbers`]: every number of the history in a few hundred keys, kept in the same
//!   transaction as the order that adds or removes a number;
//! - [`directory`]: those numbers in memory, by each run of four digits, for a search by
//!   digits from anywhere in the number;
//! - [`regulars`]: the numbers under the digits being typed, the most recently served first
//!   (the sale screen offers them);
//! - [`numbers_matching`]: the numbers the history's phone filter and `orders --phone` walk.
//!
//! The screen's side (offering the regulars, taking one) is `ui/update/regulars.rs`.

mod directory;
pub(crate) mod numbers;
mod regulars;

pub(crate) use directory::NumberDirectory;
pub use regulars::Regular;

use crate::store::Trees;

/// The `phones` entries of the numbers matching `digits`: a range of that tree for a start
/// ([`crate::rules::is_number_start`]); for other digits, the numbers found in the `numbers` groups (a few hundred small
/// values, never the lists), then the lists of those that match.
pub(crate) fn numbers_matching<'a>(
    t: &'a Trees,
    digits: &'a str,
) -> Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>> + 'a> {
    if crate::rules::is_number_start(digits) {
        return Box::new(t.phones.scan_prefix(digits.as_bytes()));
    }
    let found = match t.directory.containing(&t.numbers, digits.as_bytes()) {
        Ok(found) => found,
        Err(e) => {
            tracing::error!("digit search: {e}");
            Vec::new()
        }
    };
    Box::new(
        found
            .into_iter()
            .filter_map(|phone| match t.phones.get(&phone) {
                Ok(Some(list)) => Some(Ok((sled::IVec::from(phone), list))),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            }),
    )
}
