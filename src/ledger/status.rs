//! The one list of where an order can stand, without the data some states carry.
//!
//! [`Status`] is what the timeline, the indexes, the books' tallies and every filter keep. Its
//! byte code is written to disk (the status index, the totals), so a code is never reused: a new
//! state takes a new code, and every `match` on `Status` is exhaustive, so adding one is a
//! compile error wherever it must be decided what the new state means.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an order stands. Only [`Status::Refunded`] means the customer gets money back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Written to disk; the send request has not been answered yet.
    Saved = 1,
    /// The API accepted the send (`topupId` known); no status read yet.
    Sent = 2,
    Pending = 3,
    Handling = 4,
    /// Credit delivered. Final.
    Fulfilled = 5,
    /// Failed and the shop's balance refunded: refund the customer. Final.
    Refunded = 6,
    /// Outcome unknown; OneClickDz resolves it within hours. NOT a failure: do not refund.
    UnknownError = 7,
    /// The API refused the send: nothing was charged. Final.
    Refused = 8,
    /// The send may or may not have reached the API; reconciling by `check-ref`.
    Unconfirmed = 9,
    /// After the reconcile window the API still does not know this ref: never sent. Final.
    NotSent = 10,
    /// An internet top-up waiting at Algérie Télécom (12–48 h). NOT a failure: re-checked
    /// slowly until it is FULFILLED or REFUNDED.
    Queued = 11,
}

impl Status {
    /// Every status, in code order.
    pub const ALL: [Status; 11] = [
        Status::Saved,
        Status::Sent,
        Status::Pending,
        Status::Handling,
        Status::Fulfilled,
        Status::Refunded,
        Status::UnknownError,
        Status::Refused,
        Status::Unconfirmed,
        Status::NotSent,
        Status::Queued,
    ];

    /// The byte the store keeps (status index, totals): 1..=11, never reused.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status in the API's words (`FULFILLED`, `NOT_SENT`…): what `--json`, `--csv` and the
    /// logs print, whatever the clerk's language.
    pub fn label(self) -> &'static str {
        match self {
            Status::Saved => "SAVED",
            Status::Sent => "SENT",
            Status::Pending => "PENDING",
            Status::Handling => "HANDLING",
            Status::Fulfilled => "FULFILLED",
            Status::Refunded => "REFUNDED",
            Status::UnknownError => "UNKNOWN_ERROR",
            Status::Refused => "REFUSED",
            Status::Unconfirmed => "UNCONFIRMED",
            Status::NotSent => "NOT_SENT",
            Status::Queued => "QUEUED",
        }
    }

    /// The status a label names (as [`Status::label`] writes it).
    pub fn from_label(label: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.label() == label)
    }

    /// FULFILLED, REFUNDED, refused and not-sent orders never change again.
    pub fn is_final(self) -> bool {
        match self {
            Status::Fulfilled | Status::Refunded | Status::Refused | Status::NotSent => true,
            Status::Saved
            | Status::Sent
            | Status::Pending
            | Status::Handling
            | Status::UnknownError
            | Status::Unconfirmed
            | Status::Queued => false,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_round_trip_and_codes_are_the_stored_ones() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::from_label(s.label()), Some(s));
        }
        // Written to disk: these never change.
        assert_eq!(Status::Saved.code(), 1);
        assert_eq!(Status::Fulfilled.code(), 5);
        assert_eq!(Status::Refunded.code(), 6);
        assert_eq!(Status::NotSent.code(), 10);
        assert_eq!(Status::Queued.code(), 11);
        assert_eq!(Status::from_code(0), None);
        assert_eq!(Status::from_code(12), None);
    }
}
