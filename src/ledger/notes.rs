//! What an order's timeline and its last error say, as typed values.
//!
//! The record keeps a [`Note`] and a [`Problem`] as data (a variant and its fields), never as a
//! sentence: the money rules match on the variant (a [`Note::Duplicate`] keeps an order from ever
//! becoming NOT_SENT), and every screen and command words it from the catalogues in its own
//! language ([`Note::message`], [`Problem::message`]; `--json` uses the English catalogue).
//!
//! Records written before schema 6 kept English sentences; [`super::legacy`] reads them back
//! once, when the store migrates, and keeps text no version wrote as [`Note::Legacy`].

use super::conflict::Conflict;
use super::status::Status;
use crate::api::ApiError;
use crate::api::error::Refusal;
use crate::api::types::TopupStatus;
use crate::i18n::{Message, MsgId};
use serde::{Deserialize, Serialize};

/// One timeline note.
///
/// Stored in order records (adjacently tagged: `{"note": "accepted_as", "with": "65f0"}`):
/// a variant or field is never renamed without a store migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", content = "with", rename_all = "snake_case")]
pub enum Note {
    SavedSending,
    /// Staff sent a NOT_SENT order again with the same ref.
    SentAgain,
    /// Found saved with no answer recorded (the send was interrupted): checked by ref.
    Interrupted,
    /// The send was accepted; the API's topup id.
    AcceptedAs(String),
    /// A reconcile found the order by its ref; the API's topup id.
    FoundByRef(String),
    /// Rate limited; the send attempt number (same ref).
    RateLimited(u32),
    /// Still rate limited after this many attempts: not refused, checked by ref, and it can
    /// be sent again with the same ref.
    StillRateLimited(u32),
    /// A send answered "duplicate ref": the API has this order, so a later NOT_FOUND must never
    /// turn it into NOT_SENT.
    Duplicate,
    /// Declared not sent after the reconcile window.
    NotSent,
    /// The API refused the send, with why: nothing was charged.
    Refused(Refusal),
    ConnectFailed,
    /// Not sent, with the error that proves it.
    NotSentError(ApiError),
    /// No clear answer to the send: checked by ref.
    NoClearAnswer(ApiError),
    /// An answer that breaks the API's rules (about another order, an impossible amount):
    /// nothing was concluded from it.
    Rejected(ApiError),
    /// A status the docs do not define (sanitized as the API wrote it).
    NotUnderstood(String),
    /// The audit restored the order from OneClickDz's list.
    Restored,
    /// The audit found the order made elsewhere on the account.
    External,
    /// The audit followed an order made elsewhere to the status OneClickDz lists.
    Listed,
    /// The audit moved a final order to the status OneClickDz lists.
    AuditCorrected {
        listed: TopupStatus,
        had: Status,
    },
    /// An answer of OneClickDz (a check or the list) that contradicts the order: not applied.
    Conflict(Conflict),
    /// Made by another till that uses this till's terminal id (a copied config.toml): kept
    /// apart as made elsewhere.
    TwinTill,
    /// Text of an older version that no typed note matches, shown as it is.
    Legacy(String),
}

impl Note {
    /// The note in the catalogue's words.
    pub fn message(&self) -> Message {
        match self {
            Note::SavedSending => Message::new(MsgId::NoteSavedSending),
            Note::SentAgain => Message::new(MsgId::NoteSentAgain),
            Note::Interrupted => Message::new(MsgId::NoteInterrupted),
            Note::AcceptedAs(id) => Message::new(MsgId::NoteAcceptedAs).text("id", id),
            Note::FoundByRef(id) => Message::new(MsgId::NoteFoundByRef).text("id", id),
            Note::RateLimited(n) => Message::new(MsgId::NoteRateLimited).num("n", *n),
            Note::StillRateLimited(n) => Message::new(MsgId::NoteStillRateLimited).num("n", *n),
            Note::Duplicate => Message::new(MsgId::NoteDuplicate),
            Note::NotSent => Message::new(MsgId::NoteNotSent),
            Note::Refused(why) => Message::new(MsgId::NoteRefused).msg_of("why", why.message()),
            Note::ConnectFailed => Message::new(MsgId::NoteConnectFailed),
            Note::NotSentError(e) => {
                Message::new(MsgId::NoteNotSentError).msg_of("error", e.message())
            }
            Note::NoClearAnswer(e) => {
                Message::new(MsgId::NoteNoClearAnswer).msg_of("error", e.message())
            }
            Note::Rejected(e) => e.message(),
            Note::NotUnderstood(s) => Message::new(MsgId::NoteNotUnderstood).text("status", s),
            Note::Restored => Message::new(MsgId::NoteRestored),
            Note::External => Message::new(MsgId::NoteExternal),
            Note::Listed => Message::new(MsgId::NoteListed),
            Note::AuditCorrected { listed, had } => Message::new(MsgId::NoteAuditCorrected)
                .text("listed", listed.as_str())
                .msg("had", had.word()),
            Note::Conflict(c) => c.message(),
            Note::TwinTill => Message::new(MsgId::NoteTwinTill),
            Note::Legacy(text) => Message::from(text.as_str()),
        }
    }
}

/// Why an open order is not settled yet, or what went wrong with its last request: the order
/// detail's "last error".
///
/// Stored in order records (adjacently tagged, like [`Note`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", content = "with", rename_all = "snake_case")]
pub enum Problem {
    /// The last request about the order failed, or its answer was rejected.
    Api(ApiError),
    /// The last answer carried a status the docs do not define.
    NotUnderstood(String),
    /// `check-ref` does not know the ref yet, this many seconds after the send: still checking.
    NotKnownYet { waited_secs: u64 },
    /// The last answer contradicted the order and was not applied.
    Conflict(Conflict),
    /// Text of an older version, shown as it is.
    Legacy(String),
}

impl Problem {
    pub fn message(&self) -> Message {
        match self {
            Problem::Api(e) => e.message(),
            Problem::NotUnderstood(s) => Note::NotUnderstood(s.clone()).message(),
            Problem::NotKnownYet { waited_secs } => {
                let secs = i64::try_from(*waited_secs).unwrap_or(i64::MAX);
                Message::new(MsgId::ProblemNotKnownYet).num("secs", secs)
            }
            Problem::Conflict(c) => c.message(),
            Problem::Legacy(text) => Message::from(text.as_str()),
        }
    }

    /// The problem in English, for logs and `--json`/`--csv` (their words never change with
    /// the language); an API error with the details support needs.
    pub fn english(&self) -> String {
        match self {
            Problem::Api(e) => e.to_string(),
            _ => self.message().in_lang(crate::i18n::Lang::En),
        }
    }
}

impl From<ApiError> for Problem {
    fn from(e: ApiError) -> Problem {
        Problem::Api(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn every_note() -> Vec<Note> {
        let e = ApiError::Network {
            kind: crate::api::error::NetworkKind::Timeout,
            message: "operation timed out".into(),
        };
        vec![
            Note::SavedSending,
            Note::SentAgain,
            Note::Interrupted,
            Note::AcceptedAs("65f0".into()),
            Note::FoundByRef("65f1".into()),
            Note::RateLimited(3),
            Note::StillRateLimited(4),
            Note::Duplicate,
            Note::NotSent,
            Note::Refused(Refusal::InsufficientBalance {
                required: Some(500.0),
                available: Some(250.5),
            }),
            Note::ConnectFailed,
            Note::NotSentError(e.clone()),
            Note::NoClearAnswer(e.clone()),
            Note::Rejected(e),
            Note::NotUnderstood("WEIRD".into()),
            Note::Restored,
            Note::External,
            Note::Listed,
            Note::AuditCorrected {
                listed: TopupStatus::Refunded,
                had: Status::Fulfilled,
            },
            Note::Conflict(Conflict::Contrary {
                said: TopupStatus::Pending,
                had: Status::Refunded,
            }),
            Note::Conflict(Conflict::Mismatch(vec![
                crate::ledger::Mismatch::Phone {
                    said: "0770000000".into(),
                    had: "0661234567".into(),
                },
                crate::ledger::Mismatch::Amount {
                    said: crate::money::Dzd::from_dinars(3999),
                    had: crate::money::Dzd::from_dinars(100),
                },
            ])),
            Note::TwinTill,
            Note::Legacy("operator did not answer".into()),
        ]
    }

    #[test]
    fn every_note_survives_the_store_s_encoding() {
        for n in every_note() {
            let bytes = rmp_serde::to_vec_named(&n).unwrap();
            let back: Note = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(back, n);
        }
    }

    #[test]
    fn every_note_is_worded_in_every_language_and_legacy_text_as_it_is() {
        for n in every_note() {
            for lang in Lang::ALL {
                assert!(!n.message().in_lang(lang).trim().is_empty(), "{n:?} {lang}");
            }
        }
        assert_eq!(
            Note::Legacy("operator did not answer".into())
                .message()
                .in_lang(Lang::Fr),
            "operator did not answer"
        );
    }
}
