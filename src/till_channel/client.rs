//! The command's side: find the till holding the store, ask it one thing, read its answer.

use super::endpoint::{Conn, Endpoint};
use super::protocol::{Answer, Ask, MAX_ANSWER, Refusal, Request};
use crate::i18n::{Message, MsgId};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

/// How long connecting to a till may take.
const CONNECT_WITHIN: Duration = Duration::from_secs(5);

/// A connection to the till, for one request.
pub struct Link {
    conn: Conn,
    endpoint: Endpoint,
}

/// Why a request got no answer.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// Nobody listens (no till, or one that died), or the endpoint is not this user's.
    #[error("no till answers on {endpoint}: {error}")]
    NoTill {
        endpoint: String,
        error: std::io::Error,
    },
    /// The till went away (killed, closed) after the request left: what it did is unknown.
    #[error("the till stopped before it answered: {0}")]
    Lost(String),
    /// The till answered something this program cannot read.
    #[error("the till's answer cannot be read: {0}")]
    Garbled(String),
    /// The till did not serve the request.
    #[error("the till refused the request: {0:?}")]
    Refused(Refusal),
}

impl LinkError {
    /// The error in words.
    pub fn message(&self) -> Message {
        match self {
            LinkError::NoTill { endpoint, error } => Message::new(MsgId::TillNoAnswer)
                .text("endpoint", endpoint)
                .text("error", error),
            LinkError::Lost(why) => Message::new(MsgId::TillLost).text("error", why),
            LinkError::Garbled(why) => Message::new(MsgId::TillGarbled).text("error", why),
            LinkError::Refused(r) => refusal_message(r),
        }
    }
}

/// A refusal in words.
pub fn refusal_message(r: &Refusal) -> Message {
    match r {
        Refusal::Version {
            till_protocol,
            till_version,
        } => Message::new(MsgId::TillVersion)
            .text("version", till_version)
            .num("theirs", i64::from(*till_protocol))
            .text("mine", env!("CARGO_PKG_VERSION"))
            .num("ours", i64::from(super::PROTOCOL)),
        Refusal::TooLarge { limit } => Message::new(MsgId::TillTooLarge).text("limit", limit),
        Refusal::Malformed => Message::new(MsgId::TillMalformed),
        Refusal::Busy => Message::new(MsgId::TillBusy),
    }
}

impl Link {
    /// Connects to the till on `endpoint`.
    pub async fn connect(endpoint: &Endpoint) -> Result<Link, LinkError> {
        let no_till = |error| LinkError::NoTill {
            endpoint: endpoint.display(),
            error,
        };
        let conn = match tokio::time::timeout(CONNECT_WITHIN, endpoint.connect()).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => return Err(no_till(e)),
            Err(_) => return Err(no_till(std::io::ErrorKind::TimedOut.into())),
        };
        Ok(Link {
            conn,
            endpoint: endpoint.clone(),
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Asks one thing; the answer as the till gave it (a refusal is an error).
    pub async fn ask(self, ask: Ask) -> Result<Answer, LinkError> {
        let mut line = serde_json::to_vec(&Request::new(ask))
            .map_err(|e| LinkError::Garbled(e.to_string()))?;
        line.push(b'\n');
        self.exchange(&line).await
    }

    /// Sends `line` as it is (tests send what an older or broken program would).
    pub async fn exchange(self, line: &[u8]) -> Result<Answer, LinkError> {
        let (read, mut write) = tokio::io::split(self.conn);
        if let Err(e) = write.write_all(line).await {
            return Err(LinkError::Lost(e.to_string()));
        }
        let _ = write.flush().await;
        let mut read = BufReader::new(read);
        let mut answer = Vec::new();
        let got = (&mut read)
            .take(MAX_ANSWER as u64 + 1)
            .read_until(b'\n', &mut answer)
            .await;
        match got {
            Err(e) => return Err(LinkError::Lost(e.to_string())),
            Ok(_) if !answer.ends_with(b"\n") => {
                return Err(LinkError::Lost(if answer.is_empty() {
                    "no answer".into()
                } else {
                    "the answer was cut off".into()
                }));
            }
            Ok(_) => {}
        }
        match serde_json::from_slice::<Answer>(&answer) {
            Ok(Answer::Refused(r)) => Err(LinkError::Refused(r)),
            Ok(a) => Ok(a),
            Err(e) => Err(LinkError::Garbled(e.to_string())),
        }
    }
}
