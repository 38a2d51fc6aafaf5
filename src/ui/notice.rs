//! A message for the clerk in the message line (a toast): what it says and how it is shown.
//! Both the state (which keeps it) and the messages from the I/O side (which bring one) use it.

use crate::i18n::{Lang, Message};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warn,
    Error,
}

/// A short message under a field or in the message line. It keeps the catalogue message, not
/// its words, so switching language rewords it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: Message,
}

impl Notice {
    pub fn info(m: impl Into<Message>) -> Self {
        Notice {
            kind: NoticeKind::Info,
            message: m.into(),
        }
    }
    pub fn warn(m: impl Into<Message>) -> Self {
        Notice {
            kind: NoticeKind::Warn,
            message: m.into(),
        }
    }
    pub fn error(m: impl Into<Message>) -> Self {
        Notice {
            kind: NoticeKind::Error,
            message: m.into(),
        }
    }

    /// The notice in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        lang.f(&self.message)
    }
}
