//! The till's side: its own task next to the counter screen, one task per connection, answers
//! encoded off the screen's threads, at most [`MAX_AT_ONCE`] requests served at once, each line
//! at most [`MAX_REQUEST`] bytes and read within [`READ_WITHIN`]. A bad request gets a typed
//! refusal and the till goes on.
//!
//! This is the transport only: what each ask is answered with is the commands' own work, given
//! by the layer above as an [`Answerer`] (`headless::serve`, which runs store reads on blocking
//! threads so a long `orders --csv` never holds a sale or a redraw). The channel never reaches
//! up.

use super::endpoint::{Conn, Endpoint, Listener};
use super::protocol::{Answer, Ask, MAX_REQUEST, PROTOCOL, Refusal, Request};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

/// Requests served at once; one more is answered [`Refusal::Busy`].
pub const MAX_AT_ONCE: usize = 16;
/// A request line must arrive within this (a connection that says nothing is closed).
pub const READ_WITHIN: Duration = Duration::from_secs(10);
/// On closing, requests still being served get this long to finish.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// What answers each ask a command sends.
pub trait Answerer: Send + Sync + 'static {
    fn answer(&self, ask: Ask) -> impl Future<Output = Answer> + Send;
}

/// The running server: stop it with [`TillServer::shutdown`].
pub struct TillServer {
    stop: watch::Sender<bool>,
    grace: watch::Sender<Duration>,
    task: tokio::task::JoinHandle<()>,
    endpoint: Endpoint,
}

impl TillServer {
    /// Listens on `endpoint` (replacing a dead till's socket) and serves in the background.
    pub async fn start(endpoint: Endpoint, served: impl Answerer) -> std::io::Result<TillServer> {
        let listener = endpoint.listen().await?;
        tracing::info!("till channel listening on {}", endpoint.display());
        let (stop, stopped) = watch::channel(false);
        let (grace, grace_rx) = watch::channel(CLOSE_GRACE);
        let task = tokio::spawn(accept_loop(listener, Arc::new(served), stopped, grace_rx));
        Ok(TillServer {
            stop,
            grace,
            task,
            endpoint,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Stops accepting, gives the requests being served a moment, and removes the socket.
    pub async fn shutdown(self) {
        self.shutdown_within(CLOSE_GRACE).await
    }

    /// Stops accepting, lets the requests being served finish within `grace` (then cuts them),
    /// and removes the socket.
    pub async fn shutdown_within(self, grace: Duration) {
        let _ = self.stop.send(true);
        let _ = self.grace.send(grace);
        if let Err(e) = self.task.await
            && e.is_panic()
        {
            tracing::error!("the till channel stopped on a panic");
        }
    }
}

async fn accept_loop<A: Answerer>(
    mut listener: Listener,
    served: Arc<A>,
    mut stopped: watch::Receiver<bool>,
    grace: watch::Receiver<Duration>,
) {
    let slots = Arc::new(Semaphore::new(MAX_AT_ONCE));
    let mut serving = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok(conn) => {
                    let slot = slots.clone().try_acquire_owned().ok();
                    let served = served.clone();
                    serving.spawn(async move {
                        serve_connection(conn, served.as_ref(), slot.is_some()).await;
                        drop(slot);
                    });
                }
                Err(e) => {
                    tracing::warn!("till channel: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            },
            Some(_) = serving.join_next(), if !serving.is_empty() => {}
        }
    }
    listener.close();
    let grace = *grace.borrow();
    let _ = tokio::time::timeout(grace, async {
        while serving.join_next().await.is_some() {}
    })
    .await;
    serving.abort_all();
}

/// Reads one request, answers it, closes.
async fn serve_connection<A: Answerer>(conn: Conn, served: &A, have_slot: bool) {
    let (read, mut write) = tokio::io::split(conn);
    let mut read = BufReader::new(read);
    let mut line = Vec::new();
    let limit = MAX_REQUEST as u64 + 1;
    let got = tokio::time::timeout(
        READ_WITHIN,
        (&mut read).take(limit).read_until(b'\n', &mut line),
    )
    .await;
    let answer = match got {
        Err(_) | Ok(Err(_)) => return,
        Ok(Ok(0)) => return,
        Ok(Ok(_)) => match decode(&line) {
            Err(refusal) => Answer::Refused(refusal),
            Ok(_) if !have_slot => Answer::Refused(Refusal::Busy),
            Ok(request) => served.answer(request.ask).await,
        },
    };
    // A page of thousands of orders takes a while to encode: not on the screen's threads.
    let mut bytes = match tokio::task::spawn_blocking(move || serde_json::to_vec(&answer)).await {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            tracing::error!("till channel: cannot encode an answer: {e}");
            return;
        }
        Err(e) => {
            tracing::error!("till channel: encoding an answer stopped: {e}");
            return;
        }
    };
    bytes.push(b'\n');
    if let Err(e) = write.write_all(&bytes).await {
        // The command went away (Ctrl+C): what it asked was done all the same.
        tracing::info!("till channel: the command left before its answer: {e}");
        return;
    }
    let _ = write.flush().await;
    let _ = write.shutdown().await;
}

/// A request line: too long, not JSON, another protocol, or a request.
pub fn decode(line: &[u8]) -> Result<Request, Refusal> {
    if line.len() > MAX_REQUEST || (line.len() == MAX_REQUEST && !line.ends_with(b"\n")) {
        return Err(Refusal::TooLarge { limit: MAX_REQUEST });
    }
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|_| Refusal::Malformed)?;
    match value.get("protocol").and_then(serde_json::Value::as_u64) {
        Some(p) if p == u64::from(PROTOCOL) => {}
        Some(_) => {
            return Err(Refusal::Version {
                till_protocol: PROTOCOL,
                till_version: env!("CARGO_PKG_VERSION").to_string(),
            });
        }
        None => return Err(Refusal::Malformed),
    }
    serde_json::from_value(value).map_err(|_| Refusal::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_refused_with_a_reason() {
        assert_eq!(decode(b"not json\n"), Err(Refusal::Malformed));
        assert_eq!(decode(b"{\"ask\":1}\n"), Err(Refusal::Malformed));
        assert_eq!(
            decode(
                format!("{{\"protocol\":{PROTOCOL},\"version\":\"x\",\"ask\":{{\"command\":\"nope\"}}}}\n")
                    .as_bytes()
            ),
            Err(Refusal::Malformed)
        );
        assert!(matches!(
            decode(b"{\"protocol\":999,\"whatever\":true}\n"),
            Err(Refusal::Version {
                till_protocol: PROTOCOL,
                ..
            })
        ));
        let big = vec![b'x'; MAX_REQUEST + 1];
        assert_eq!(decode(&big), Err(Refusal::TooLarge { limit: MAX_REQUEST }));
        let ok = serde_json::to_vec(&Request::new(Ask::Status)).unwrap();
        assert_eq!(decode(&ok).unwrap().ask, Ask::Status);
    }
}
