//! The notes the lifecycle writes on an order's timeline. The record keeps each as English text
//! (the CLI, the JSON and old records read it as it is); the screen words it in the clerk's
//! language by reading it back through the same type, so the wording and the reading are
//! defined once, here.

use crate::i18n::{Message, MsgId};

/// A send answered "duplicate ref": the API has this order, so a later NOT_FOUND must never
/// turn it into NOT_SENT.
pub const DUPLICATE_NOTE: &str =
    "the API says this ref was already used: the order exists; checking it by ref";
/// An order declared not sent after the reconcile window.
pub const NOT_SENT_NOTE: &str = "never reached OneClickDz — nothing charged; start a new order";

const SAVED_SENDING: &str = "saved; sending";
/// Timeline note of an order the audit restored from OneClickDz's list.
pub const RESTORED_NOTE: &str =
    "restored from OneClickDz's list: the local record was lost; nothing was sent again";
/// Timeline note of an order made elsewhere on the account.
pub const EXTERNAL_NOTE: &str =
    "made elsewhere on this account (dashboard or another till), as OneClickDz lists it";
const CONNECT_FAILED: &str = "could not connect to OneClickDz: nothing was sent, nothing charged";

/// The stored wording of [`Note::StillRateLimited`] around its count (records keep it).
const STILL_LIMITED_PRE: &str = "rate limited by OneClickDz on ";
const STILL_LIMITED_POST: &str =
    " attempts (not refused); checking by ref — it can be sent again with the same ref";

/// One timeline note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    SavedSending,
    /// The send was accepted; the API's topup id.
    AcceptedAs(String),
    /// The send was accepted and the API echoed another ref.
    EchoedRef(String),
    /// A reconcile found the order by its ref; the API's topup id.
    FoundByRef(String),
    /// Rate limited; the send attempt number (same ref).
    RateLimited(u32),
    /// Still rate limited after this many attempts: not refused, checked by ref, and it can
    /// be sent again with the same ref.
    StillRateLimited(u32),
    Duplicate,
    NotSent,
    /// The API refused the send, with why.
    Refused(String),
    ConnectFailed,
    /// Not sent, with the error.
    NotSentError(String),
    /// No clear answer to the send, with the error.
    NoClearAnswer(String),
    /// A status the till does not know.
    NotUnderstood(String),
    /// The audit restored the order from OneClickDz's list.
    Restored,
    /// The audit found the order made elsewhere on the account.
    External,
    /// The audit moved a final order to the status OneClickDz lists.
    AuditCorrected {
        listed: String,
        had: String,
    },
}

impl Note {
    /// The note as the record keeps it.
    pub fn text(&self) -> String {
        match self {
            Note::SavedSending => SAVED_SENDING.into(),
            Note::AcceptedAs(id) => format!("accepted as {id}"),
            Note::EchoedRef(r) => format!("accepted; the API echoed ref {r}"),
            Note::FoundByRef(id) => format!("found by ref as {id}"),
            Note::RateLimited(n) => format!("rate limited; send attempt {n} (same ref)"),
            Note::StillRateLimited(n) => format!("{STILL_LIMITED_PRE}{n}{STILL_LIMITED_POST}"),
            Note::Duplicate => DUPLICATE_NOTE.into(),
            Note::NotSent => NOT_SENT_NOTE.into(),
            Note::Refused(why) => format!("refused: {why}; nothing was charged"),
            Note::ConnectFailed => CONNECT_FAILED.into(),
            Note::NotSentError(e) => format!("not sent ({e}): nothing charged"),
            Note::NoClearAnswer(e) => format!("no clear answer to the send ({e}); checking by ref"),
            Note::NotUnderstood(s) => format!(
                "OneClickDz answered status '{s}', which it does not document: unknown — asking again later"
            ),
            Note::Restored => RESTORED_NOTE.into(),
            Note::External => EXTERNAL_NOTE.into(),
            Note::AuditCorrected { listed, had } => format!(
                "corrected by the audit: OneClickDz lists this order as {listed}; this till had {had}"
            ),
        }
    }

    /// Reads a stored note back; `None` for text no version of the lifecycle wrote.
    pub fn parse(text: &str) -> Option<Note> {
        let between = |pre: &str, post: &str| {
            text.strip_prefix(pre)
                .and_then(|r| r.strip_suffix(post))
                .map(str::to_string)
        };
        Some(match text {
            SAVED_SENDING => Note::SavedSending,
            DUPLICATE_NOTE => Note::Duplicate,
            NOT_SENT_NOTE => Note::NotSent,
            CONNECT_FAILED => Note::ConnectFailed,
            RESTORED_NOTE => Note::Restored,
            EXTERNAL_NOTE => Note::External,
            _ => {
                if let Some(rest) = between(
                    "corrected by the audit: OneClickDz lists this order as ",
                    "",
                ) && let Some((listed, had)) = rest.split_once("; this till had ")
                {
                    return Some(Note::AuditCorrected {
                        listed: listed.to_string(),
                        had: had.to_string(),
                    });
                }
                if let Some(r) = between("accepted; the API echoed ref ", "") {
                    Note::EchoedRef(r)
                } else if let Some(id) = between("accepted as ", "") {
                    Note::AcceptedAs(id)
                } else if let Some(id) = between("found by ref as ", "") {
                    Note::FoundByRef(id)
                } else if let Some(n) = between("rate limited; send attempt ", " (same ref)") {
                    Note::RateLimited(n.parse().ok()?)
                } else if let Some(n) = between(STILL_LIMITED_PRE, STILL_LIMITED_POST) {
                    Note::StillRateLimited(n.parse().ok()?)
                } else if let Some(why) = between("refused: ", "; nothing was charged") {
                    Note::Refused(why)
                } else if let Some(e) = between("not sent (", "): nothing charged") {
                    Note::NotSentError(e)
                } else if let Some(e) =
                    between("no clear answer to the send (", "); checking by ref")
                {
                    Note::NoClearAnswer(e)
                } else if let Some(s) = between(
                    "OneClickDz answered status '",
                    "', which it does not document: unknown — asking again later",
                ) {
                    Note::NotUnderstood(s)
                } else if let Some(s) = between("status '", "' not understood; still open") {
                    // The wording of earlier versions, still in old records.
                    Note::NotUnderstood(s)
                } else {
                    return None;
                }
            }
        })
    }

    /// The note for the screen, in the catalogue's words.
    pub fn message(&self) -> Message {
        match self {
            Note::SavedSending => Message::new(MsgId::NoteSavedSending),
            Note::AcceptedAs(id) => Message::new(MsgId::NoteAcceptedAs).text("id", id),
            Note::EchoedRef(r) => Message::new(MsgId::NoteEchoedRef).text("ref", r),
            Note::FoundByRef(id) => Message::new(MsgId::NoteFoundByRef).text("id", id),
            Note::RateLimited(n) => Message::new(MsgId::NoteRateLimited).num("n", *n),
            Note::StillRateLimited(n) => Message::new(MsgId::NoteStillRateLimited).num("n", *n),
            Note::Duplicate => Message::new(MsgId::NoteDuplicate),
            Note::NotSent => Message::new(MsgId::NoteNotSent),
            Note::Refused(why) => Message::new(MsgId::NoteRefused).text("why", why),
            Note::ConnectFailed => Message::new(MsgId::NoteConnectFailed),
            Note::NotSentError(e) => Message::new(MsgId::NoteNotSentError).text("error", e),
            Note::NoClearAnswer(e) => Message::new(MsgId::NoteNoClearAnswer).text("error", e),
            Note::NotUnderstood(s) => Message::new(MsgId::NoteNotUnderstood).text("status", s),
            Note::Restored => Message::new(MsgId::NoteRestored),
            Note::External => Message::new(MsgId::NoteExternal),
            Note::AuditCorrected { listed, had } => Message::new(MsgId::NoteAuditCorrected)
                .text("listed", listed)
                .text("had", had),
        }
    }
}

/// A stored note for the screen: in the catalogue's words when the lifecycle wrote it, else as
/// it is (server text, or a note of a future version).
pub fn note_message(text: &str) -> Message {
    Note::parse(text)
        .map(|n| n.message())
        .unwrap_or_else(|| Message::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_reads_back_as_itself() {
        let notes = [
            Note::SavedSending,
            Note::AcceptedAs("65f0".into()),
            Note::EchoedRef("X-1".into()),
            Note::FoundByRef("65f1".into()),
            Note::RateLimited(3),
            Note::StillRateLimited(4),
            Note::Duplicate,
            Note::NotSent,
            Note::Refused("balance too low".into()),
            Note::ConnectFailed,
            Note::NotSentError("HTTP 500".into()),
            Note::NoClearAnswer("timeout".into()),
            Note::NotUnderstood("WEIRD".into()),
            Note::Restored,
            Note::External,
            Note::AuditCorrected {
                listed: "REFUNDED".into(),
                had: "FULFILLED".into(),
            },
        ];
        for n in notes {
            assert_eq!(Note::parse(&n.text()), Some(n.clone()), "{}", n.text());
        }
        assert_eq!(Note::parse("operator did not answer"), None);
        assert_eq!(
            note_message("operator did not answer").in_lang(crate::i18n::Lang::Fr),
            "operator did not answer",
            "text nobody here wrote is shown as it is"
        );
    }
}
