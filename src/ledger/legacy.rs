//! Reading the timeline notes and last errors of records written before schema 6, which kept
//! them as English sentences.
//!
//! This is the one place a sentence is read back, and only to turn it into its typed value when
//! an old record is decoded (the store's migration to schema 6 then writes every record typed).
//! Text that no version of the lifecycle wrote is kept as [`Note::Legacy`] /
//! [`Problem::Legacy`] and shown as it is. The sentences below are frozen: they are what old
//! records hold, not what the till says today (that is in the catalogues).

use super::notes::{Note, Problem};
use super::status::Status;
use crate::api::types::TopupStatus;
use serde::Deserialize;

/// A stored note: typed (schema 6 on) or an old sentence.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum NoteWire {
    Typed(Note),
    Text(String),
}

impl From<NoteWire> for Note {
    fn from(w: NoteWire) -> Note {
        match w {
            NoteWire::Typed(n) => n,
            NoteWire::Text(t) => read_note(&t),
        }
    }
}

/// A stored last error: typed (schema 6 on) or an old sentence.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum ProblemWire {
    Typed(Problem),
    Text(String),
}

impl From<ProblemWire> for Problem {
    fn from(w: ProblemWire) -> Problem {
        match w {
            ProblemWire::Typed(p) => p,
            ProblemWire::Text(t) => match read_note(&t) {
                Note::NotUnderstood(s) => Problem::NotUnderstood(s),
                _ => Problem::Legacy(t),
            },
        }
    }
}

pub(super) fn note_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Note>, D::Error> {
    Ok(Option::<NoteWire>::deserialize(d)?.map(Note::from))
}

pub(super) fn problem_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Problem>, D::Error> {
    Ok(Option::<ProblemWire>::deserialize(d)?.map(Problem::from))
}

const SAVED_SENDING: &str = "saved; sending";
const DUPLICATE: &str =
    "the API says this ref was already used: the order exists; checking it by ref";
const NOT_SENT: &str = "never reached OneClickDz — nothing charged; start a new order";
const RESTORED: &str =
    "restored from OneClickDz's list: the local record was lost; nothing was sent again";
const EXTERNAL: &str =
    "made elsewhere on this account (dashboard or another till), as OneClickDz lists it";
const CONNECT_FAILED: &str = "could not connect to OneClickDz: nothing was sent, nothing charged";
const LISTED: &str = "as OneClickDz lists it";
const SENT_AGAIN: &str = "sent again by staff with the same ref";
const INTERRUPTED: &str = "found saved with no answer recorded (interrupted send); checking by ref";
const STILL_LIMITED_PRE: &str = "rate limited by OneClickDz on ";
const STILL_LIMITED_POST: &str =
    " attempts (not refused); checking by ref — it can be sent again with the same ref";

/// An old note sentence as its typed note; [`Note::Legacy`] when no version wrote it (or it
/// carried an error only as text: the refusals, the not-sent and unclear-answer notes).
pub fn read_note(text: &str) -> Note {
    let between = |pre: &str, post: &str| {
        text.strip_prefix(pre)
            .and_then(|r| r.strip_suffix(post))
            .map(str::to_string)
    };
    let legacy = || Note::Legacy(text.to_string());
    match text {
        SAVED_SENDING => return Note::SavedSending,
        DUPLICATE => return Note::Duplicate,
        NOT_SENT => return Note::NotSent,
        CONNECT_FAILED => return Note::ConnectFailed,
        RESTORED => return Note::Restored,
        EXTERNAL => return Note::External,
        LISTED => return Note::Listed,
        SENT_AGAIN => return Note::SentAgain,
        INTERRUPTED => return Note::Interrupted,
        _ => {}
    }
    if let Some(rest) = between(
        "corrected by the audit: OneClickDz lists this order as ",
        "",
    ) {
        return match rest.split_once("; this till had ") {
            Some((listed, had)) => match Status::from_label(had) {
                Some(had) => Note::AuditCorrected {
                    listed: TopupStatus::parse(listed),
                    had,
                },
                None => legacy(),
            },
            None => legacy(),
        };
    }
    if text.starts_with("accepted; the API echoed ref ") {
        return legacy();
    }
    if let Some(id) = between("accepted as ", "") {
        Note::AcceptedAs(id)
    } else if let Some(id) = between("found by ref as ", "") {
        Note::FoundByRef(id)
    } else if let Some(n) = between("rate limited; send attempt ", " (same ref)") {
        n.parse().map_or_else(|_| legacy(), Note::RateLimited)
    } else if let Some(n) = between(STILL_LIMITED_PRE, STILL_LIMITED_POST) {
        n.parse().map_or_else(|_| legacy(), Note::StillRateLimited)
    } else if let Some(s) = between(
        "OneClickDz answered status '",
        "', which it does not document: unknown — asking again later",
    )
    .or_else(|| between("status '", "' not understood; still open"))
    {
        Note::NotUnderstood(s)
    } else {
        legacy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_an_old_version_wrote_reads_as_its_note() {
        let cases = [
            (SAVED_SENDING.to_string(), Note::SavedSending),
            (DUPLICATE.to_string(), Note::Duplicate),
            (NOT_SENT.to_string(), Note::NotSent),
            (CONNECT_FAILED.to_string(), Note::ConnectFailed),
            (RESTORED.to_string(), Note::Restored),
            (EXTERNAL.to_string(), Note::External),
            (LISTED.to_string(), Note::Listed),
            (SENT_AGAIN.to_string(), Note::SentAgain),
            (INTERRUPTED.to_string(), Note::Interrupted),
            ("accepted as 65f0".into(), Note::AcceptedAs("65f0".into())),
            ("found by ref as 65f1".into(), Note::FoundByRef("65f1".into())),
            (
                "rate limited; send attempt 3 (same ref)".into(),
                Note::RateLimited(3),
            ),
            (
                format!("{STILL_LIMITED_PRE}4{STILL_LIMITED_POST}"),
                Note::StillRateLimited(4),
            ),
            (
                "OneClickDz answered status 'WEIRD', which it does not document: unknown — asking again later".into(),
                Note::NotUnderstood("WEIRD".into()),
            ),
            (
                "status 'OLD' not understood; still open".into(),
                Note::NotUnderstood("OLD".into()),
            ),
            (
                "corrected by the audit: OneClickDz lists this order as REFUNDED; this till had FULFILLED".into(),
                Note::AuditCorrected {
                    listed: TopupStatus::Refunded,
                    had: Status::Fulfilled,
                },
            ),
        ];
        for (text, note) in cases {
            assert_eq!(read_note(&text), note, "{text}");
        }
        for kept in [
            "refused: balance too low; nothing was charged",
            "no clear answer to the send (timeout); checking by ref",
            "accepted; the API echoed ref X-1",
            "rate limited; send attempt many (same ref)",
            "operator did not answer",
        ] {
            assert_eq!(read_note(kept), Note::Legacy(kept.into()));
        }
    }
}
