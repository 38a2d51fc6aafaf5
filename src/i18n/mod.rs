//! The till's languages: French, Arabic and English, from Project Fluent catalogues.
//!
//! Every word the screen and the commands show comes from `assets/i18n/{fr,ar,en}.ftl`,
//! embedded in the binary. Code names a message by [`MsgId`] (so the compiler and the tests
//! can list them all) and fills its placeables with a [`Message`]. Output carries no Unicode
//! isolation marks: right-to-left layout is the text layer's job (`src/text`).
//!
//! This module sits at the bottom with `text`: it knows nothing of orders, screens or commands.

mod catalog;
mod choose;
mod dates;
mod ids;
pub mod wire;

pub use catalog::{Catalog, catalog};
pub use choose::{ENV_LANG, LangSource, Resolved, lang_from_locale_env, resolve};
pub use dates::DateFormats;
pub use ids::MsgId;

use std::fmt;
use std::str::FromStr;

/// The store setting that keeps the counter's last language choice.
pub const LANGUAGE_SETTING: &str = "language";

/// A language of the till.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// The shops' everyday language of trade, and the default.
    #[default]
    Fr,
    Ar,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Ar, Lang::En];

    /// `fr`, `ar`, `en`: the code in `config.toml`, `--lang` and the store's settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Arabic reads right to left: the screen is mirrored.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language the switch key goes to next (fr → ar → en → fr).
    pub fn next(self) -> Lang {
        match self {
            Lang::Fr => Lang::Ar,
            Lang::Ar => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The language's own name (`Français`, `العربية`, `English`).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
            Lang::En => "English",
        }
    }

    /// Looks up a message with no placeables.
    pub fn t(self, id: MsgId) -> &'static str {
        catalog(self).text(id)
    }

    /// `label:` (French: `label :`).
    pub fn label(self, id: MsgId) -> String {
        self.f(&Message::new(MsgId::Label).text("label", self.t(id)))
    }

    /// Formats a message with its placeables.
    pub fn f(self, m: &Message) -> String {
        catalog(self).format(m)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not one of the till's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a language of the till: use fr, ar or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// `fr`, `ar`, `en`, in any case; `fr-DZ`, `ar_DZ.UTF-8` and the like name their language.
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let base = s
            .trim()
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match base.as_str() {
            "fr" => Ok(Lang::Fr),
            "ar" => Ok(Lang::Ar),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.trim().to_string())),
        }
    }
}

/// A value for a placeable: a number (it chooses the plural form) or a text (inserted as is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Num(i64),
    Text(String),
    /// Another message (without placeables), worded in the same language.
    Msg(MsgId),
    /// Another message with its own placeables, worded in the same language.
    Nested(Box<Message>),
}

/// A message and its placeables: what a notice or a toast holds, so it is worded again in
/// the new language when the clerk switches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: MsgId,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(id: MsgId) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds a number placeable (`{ $n }`); numbers choose the plural form.
    pub fn num(mut self, name: &'static str, n: impl Into<i64>) -> Message {
        self.args.push((name, Arg::Num(n.into())));
        self
    }

    /// Adds a text placeable (`{ $phone }`): phones, amounts, codes, server text.
    pub fn text(mut self, name: &'static str, s: impl fmt::Display) -> Message {
        self.args.push((name, Arg::Text(s.to_string())));
        self
    }

    /// Adds a placeable that is itself a message (a state's word in a toast), so it is
    /// worded in whatever language the toast is shown in.
    pub fn msg(mut self, name: &'static str, id: MsgId) -> Message {
        self.args.push((name, Arg::Msg(id)));
        self
    }

    /// Adds a placeable that is a whole message of its own (a reason inside a notice).
    pub fn msg_of(mut self, name: &'static str, m: Message) -> Message {
        self.args.push((name, Arg::Nested(Box::new(m))));
        self
    }

    /// This message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        lang.f(self)
    }
}

/// Text already worded (server text, an error's own words) shown as it is, in any language.
impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::new(MsgId::Verbatim).text("text", text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_string())
    }
}

impl From<MsgId> for Message {
    fn from(id: MsgId) -> Message {
        Message::new(id)
    }
}

/// How old something is, to the precision staff care about: `just now`, `3 min`, `5 h`,
/// `2 days` (in each language's words and plurals).
pub fn age(age: chrono::Duration) -> Message {
    let secs = age.num_seconds().max(0);
    match secs {
        0..60 => Message::new(MsgId::AgeJustNow),
        60..3600 => Message::new(MsgId::AgeMinutes).num("n", secs / 60),
        3600..86400 => Message::new(MsgId::AgeHours).num("n", secs / 3600),
        _ => Message::new(MsgId::AgeDays).num("n", secs / 86400),
    }
}

#[cfg(test)]
mod tests;
