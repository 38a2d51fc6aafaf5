//! Which requests give way. The till's background work (the audit's list pages, the status
//! bar's balance) goes out one request at a time, and only while no request of the clerk's
//! (a sale, its checks, F5) is out: a sale never queues behind background work, and the
//! background can never burst into the API's rate limit. Only the server's own `Retry-After`
//! ([`super::rate_gate`]) holds a sale.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::{Notify, Semaphore, SemaphorePermit};

/// Whose request it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lane {
    /// The clerk's: never waits for the background.
    #[default]
    Foreground,
    /// The till's own upkeep: one at a time, after the clerk's.
    Background,
}

/// Shared by every clone of a client.
#[derive(Debug)]
pub struct Lanes {
    /// Foreground requests out now.
    foreground: AtomicUsize,
    /// Told when the last foreground request is over.
    idle: Notify,
    /// One background request at a time.
    background: Semaphore,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes {
            foreground: AtomicUsize::new(0),
            idle: Notify::new(),
            background: Semaphore::new(1),
        }
    }
}

/// A request's turn; the next may go when it is dropped.
pub struct Turn<'a> {
    lanes: &'a Lanes,
    lane: Lane,
    _background: Option<SemaphorePermit<'a>>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if self.lane == Lane::Foreground
            && self.lanes.foreground.fetch_sub(1, Ordering::SeqCst) == 1
        {
            self.lanes.idle.notify_waiters();
        }
    }
}

impl Lanes {
    pub fn new() -> Arc<Lanes> {
        Arc::default()
    }

    /// Waits for a request's turn in `lane`.
    pub async fn enter(&self, lane: Lane) -> Turn<'_> {
        match lane {
            Lane::Foreground => {
                self.foreground.fetch_add(1, Ordering::SeqCst);
                Turn {
                    lanes: self,
                    lane,
                    _background: None,
                }
            }
            Lane::Background => {
                // The semaphore is never closed; were it, the request would just not wait.
                let permit = self.background.acquire().await.ok();
                loop {
                    // Registered before the check, so a wake-up between the two is not lost.
                    let idle = self.idle.notified();
                    if self.foreground.load(Ordering::SeqCst) == 0 {
                        break;
                    }
                    idle.await;
                }
                Turn {
                    lanes: self,
                    lane,
                    _background: permit,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn background_goes_one_at_a_time_and_after_the_foreground() {
        let lanes = Lanes::new();
        let sale = lanes.enter(Lane::Foreground).await;
        let second_sale = lanes.enter(Lane::Foreground).await;
        let l = lanes.clone();
        let waiting = tokio::spawn(async move {
            let _t = l.enter(Lane::Background).await;
        });
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(!waiting.is_finished(), "background waits for the sale");
        drop(sale);
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(!waiting.is_finished(), "and for every foreground request");
        drop(second_sale);
        tokio::time::timeout(Duration::from_secs(1), waiting)
            .await
            .expect("goes once the clerk's requests are over")
            .unwrap();

        let first = lanes.enter(Lane::Background).await;
        let l = lanes.clone();
        let next = tokio::spawn(async move {
            let _t = l.enter(Lane::Background).await;
        });
        // A foreground request never waits, even while background is out.
        let _sale = tokio::time::timeout(Duration::from_millis(100), lanes.enter(Lane::Foreground))
            .await
            .expect("the sale goes at once");
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(!next.is_finished(), "one background request at a time");
        drop(first);
        drop(_sale);
        tokio::time::timeout(Duration::from_secs(1), next)
            .await
            .expect("then the next")
            .unwrap();
    }
}
