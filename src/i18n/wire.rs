//! Messages as data, for the till's command channel: a [`Message`] travels as its catalogue id
//! and its placeables, and is worded in the language of the process that shows it.
//!
//! A placeable's name is a `&'static str` in a [`Message`]; names read back are the ones the
//! catalogues use, kept once each (at most [`MAX_NAMES`] distinct names, each at most
//! [`MAX_NAME_LEN`] bytes: anything else is refused, so a peer cannot grow this process).

use super::{Arg, Message, MsgId};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

/// Distinct placeable names this process keeps.
pub const MAX_NAMES: usize = 512;
/// The longest placeable name read back.
pub const MAX_NAME_LEN: usize = 64;

impl MsgId {
    /// The message with this catalogue id (`state-fulfilled`), if there is one.
    pub fn from_id(id: &str) -> Option<MsgId> {
        MsgId::ALL.iter().copied().find(|m| m.id() == id)
    }
}

impl Serialize for MsgId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for MsgId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MsgId, D::Error> {
        let id = String::deserialize(d)?;
        MsgId::from_id(&id).ok_or_else(|| D::Error::custom(format!("unknown message '{id}'")))
    }
}

/// A placeable as it travels.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireArg {
    Num(i64),
    Text(String),
    Msg(MsgId),
    Nested(Box<Message>),
}

#[derive(Serialize, Deserialize)]
struct WireMessage {
    id: MsgId,
    args: Vec<(String, WireArg)>,
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let args = self
            .args
            .iter()
            .map(|(name, arg)| {
                let arg = match arg {
                    Arg::Num(n) => WireArg::Num(*n),
                    Arg::Text(t) => WireArg::Text(t.clone()),
                    Arg::Msg(id) => WireArg::Msg(*id),
                    Arg::Nested(m) => WireArg::Nested(m.clone()),
                };
                (name.to_string(), arg)
            })
            .collect();
        WireMessage { id: self.id, args }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Message, D::Error> {
        let wire = WireMessage::deserialize(d)?;
        let mut m = Message::new(wire.id);
        for (name, arg) in wire.args {
            let name = intern(&name).ok_or_else(|| D::Error::custom("bad placeable name"))?;
            let arg = match arg {
                WireArg::Num(n) => Arg::Num(n),
                WireArg::Text(t) => Arg::Text(t),
                WireArg::Msg(id) => Arg::Msg(id),
                WireArg::Nested(m) => Arg::Nested(m),
            };
            m.args.push((name, arg));
        }
        Ok(m)
    }
}

/// The one `&'static str` of a placeable name (kept once, bounded).
fn intern(name: &str) -> Option<&'static str> {
    static NAMES: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let valid = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return None;
    }
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = names.get(name) {
        return Some(known);
    }
    if names.len() >= MAX_NAMES {
        return None;
    }
    let kept: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(kept);
    Some(kept)
}

/// `Option<chrono::Duration>` as whole milliseconds.
pub mod millis {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<chrono::Duration>, s: S) -> Result<S::Ok, S::Error> {
        d.map(|d| d.num_milliseconds()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<chrono::Duration>, D::Error> {
        Ok(Option::<i64>::deserialize(d)?.and_then(chrono::Duration::try_milliseconds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_message_travels_as_data_and_is_worded_where_it_is_shown() {
        let m = Message::new(MsgId::CliNothingSent).msg_of(
            "reason",
            Message::new(MsgId::CliUnknownPlan).text("code", "NOPE"),
        );
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains("\"cli-nothing-sent\""), "{json}");
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        for lang in [Lang::Fr, Lang::Ar, Lang::En] {
            assert_eq!(back.in_lang(lang), m.in_lang(lang));
        }
    }

    #[test]
    fn unknown_ids_and_odd_names_are_refused() {
        assert!(serde_json::from_str::<Message>(r#"{"id":"no-such","args":[]}"#).is_err());
        let long = format!(
            r#"{{"id":"verbatim","args":[["{}",{{"num":1}}]]}}"#,
            "x".repeat(65)
        );
        assert!(serde_json::from_str::<Message>(&long).is_err());
        assert!(
            serde_json::from_str::<Message>(r#"{"id":"verbatim","args":[["a b",{"num":1}]]}"#)
                .is_err()
        );
    }
}
