//! Waiting until an order settles: the counter's GETMENU request and `send --wait` both follow
//! their order this way.

use super::lifecycle::Lifecycle;
use crate::ledger::OrderRecord;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// How a wait ended, with the order as it stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Waited {
    /// Final, or UNKNOWN_ERROR (see [`crate::ledger::OrderState::is_settled`]).
    Settled(OrderRecord),
    /// The time was up (or the lifecycle went away) with the order still open.
    StillOpen(OrderRecord),
}

impl Waited {
    pub fn record(&self) -> &OrderRecord {
        match self {
            Waited::Settled(r) | Waited::StillOpen(r) => r,
        }
    }

    pub fn into_record(self) -> OrderRecord {
        match self {
            Waited::Settled(r) | Waited::StillOpen(r) => r,
        }
    }
}

impl Lifecycle {
    /// Follows `placed` on the change channel until it settles or `within` has passed. Changes
    /// missed (before the wait began, or after the channel lagged) are read from the store.
    pub async fn wait_settled(&self, placed: OrderRecord, within: Duration) -> Waited {
        let deadline = tokio::time::Instant::now() + within;
        let mut changes = self.subscribe();
        let reference = placed.reference.clone();
        let reread = |fallback: OrderRecord| match self.store().get_by_ref(&reference) {
            Ok(Some(rec)) => rec,
            _ => fallback,
        };
        let mut latest = reread(placed);
        loop {
            if latest.state.is_settled() {
                return Waited::Settled(latest);
            }
            match tokio::time::timeout_at(deadline, changes.recv()).await {
                Err(_) | Ok(Err(RecvError::Closed)) => return Waited::StillOpen(latest),
                Ok(Ok(rec)) if rec.reference == reference => latest = rec,
                Ok(Ok(_)) => {}
                Ok(Err(RecvError::Lagged(_))) => latest = reread(latest),
            }
        }
    }
}
