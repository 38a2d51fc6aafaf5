//! The refused-key latch: once OneClickDz refuses the key (`INVALID_ACCESS_TOKEN` / 401,
//! `MISSING_ACCESS_TOKEN`, `IP_BLOCKED`), no request leaves with that key again. Each one would
//! spend one of the 5 bad attempts OneClickDz allows before it blocks the shop's IP for 15
//! minutes, so the screen, the poller, `send` and `sync` all stop at this one gate, which the
//! client checks before every request.
//!
//! - While the key has not been seen accepted, requests go out one at a time: a refusal then
//!   costs one attempt, not one per request in flight.
//! - The refusal outlives the process through a [`LatchMemory`] (the session wires it to the
//!   store's settings). It is kept under a hash of the key, never the key: a changed key starts
//!   unlatched, and a cron `sync` with a revoked key spends one attempt in total.
//! - [`KeyLatch::lift`] (F5 at the counter) lets the next request ask again.

use super::error::{ApiError, Refusal};
use crate::secret::ApiKey;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// A refusal as it is remembered between runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedRefusal {
    /// [`key_hash`] of the refused key.
    pub key_sha256: String,
    /// The API's error code (`INVALID_ACCESS_TOKEN`, `IP_BLOCKED`…).
    pub code: String,
    pub at: DateTime<Utc>,
}

/// Where a refusal is kept between runs. The api layer knows nothing of the store: the session
/// passes an implementation over the store's settings.
pub trait LatchMemory: Send + Sync {
    fn recall(&self) -> Option<RememberedRefusal>;
    /// Keeps `refusal`, or forgets the one kept (`None`).
    fn keep(&self, refusal: Option<&RememberedRefusal>);
}

/// SHA-256 (hex) of the key, with a label so the digest is of use for nothing else.
pub fn key_hash(key: &ApiKey) -> String {
    let mut h = Sha256::new();
    h.update(b"flexy-pos refused key v1\0");
    h.update(key.expose_for_header().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum KeyState {
    /// Not yet seen accepted by the API in this process.
    Unconfirmed,
    Accepted,
    Refused {
        code: String,
    },
}

pub struct KeyLatch {
    key_sha256: String,
    state: Mutex<KeyState>,
    /// Held by the one request allowed out while the key is unconfirmed.
    probe: tokio::sync::Mutex<()>,
    memory: Mutex<Option<Arc<dyn LatchMemory>>>,
}

impl std::fmt::Debug for KeyLatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyLatch")
            .field("state", &*lock(&self.state))
            .finish_non_exhaustive()
    }
}

/// Lets one request out; while the key is unconfirmed it holds the probe lock.
pub struct Admission<'a> {
    _probe: Option<tokio::sync::MutexGuard<'a, ()>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl KeyLatch {
    pub fn new(key: &ApiKey) -> KeyLatch {
        KeyLatch {
            key_sha256: key_hash(key),
            state: Mutex::new(KeyState::Unconfirmed),
            probe: tokio::sync::Mutex::new(()),
            memory: Mutex::new(None),
        }
    }

    /// Keeps refusals in `memory` from now on, and takes up the one it holds for this key.
    pub fn remember_in(&self, memory: Arc<dyn LatchMemory>) {
        if let Some(r) = memory.recall()
            && r.key_sha256 == self.key_sha256
        {
            *lock(&self.state) = KeyState::Refused { code: r.code };
        }
        *lock(&self.memory) = Some(memory);
    }

    /// The error every request gets while the key stands refused.
    pub fn refused(&self) -> Option<ApiError> {
        match &*lock(&self.state) {
            KeyState::Refused { code } => Some(ApiError::KeyRefused { code: code.clone() }),
            _ => None,
        }
    }

    /// The API has accepted the key in this process.
    pub fn is_accepted(&self) -> bool {
        *lock(&self.state) == KeyState::Accepted
    }

    /// Lets a request out, or refuses it without touching the network.
    pub async fn admit(&self) -> Result<Admission<'_>, ApiError> {
        if let Some(e) = self.refused() {
            return Err(e);
        }
        if self.is_accepted() {
            return Ok(Admission { _probe: None });
        }
        let guard = self.probe.lock().await;
        // The request before this one may have settled the question meanwhile.
        if let Some(e) = self.refused() {
            return Err(e);
        }
        let probe = (!self.is_accepted()).then_some(guard);
        Ok(Admission { _probe: probe })
    }

    /// Learns from an answer: a refused key latches; an answer the API only gives an accepted
    /// key (data, or a refusal of the request itself) confirms it. Network errors, 5xx, 429 and
    /// anything undocumented prove nothing.
    pub fn observe<T>(&self, result: &Result<T, ApiError>) {
        match result {
            Ok(_) => self.set(KeyState::Accepted),
            Err(e @ ApiError::Refused { code, .. }) if e.is_auth_refusal() => {
                self.refuse(code.clone())
            }
            Err(ApiError::Refused {
                reason:
                    Refusal::Validation { .. }
                    | Refusal::InsufficientBalance { .. }
                    | Refusal::DuplicateRef
                    | Refusal::NotFound,
                ..
            }) => self.set(KeyState::Accepted),
            Err(_) => {}
        }
    }

    /// Lets the next request ask the API again (F5 at the counter).
    pub fn lift(&self) {
        let was_refused = matches!(*lock(&self.state), KeyState::Refused { .. });
        self.set(KeyState::Unconfirmed);
        if was_refused && let Some(m) = lock(&self.memory).as_ref() {
            m.keep(None);
        }
    }

    fn refuse(&self, code: String) {
        tracing::warn!(
            "the API refused the key ({code}); no request uses it again until it changes or F5"
        );
        self.set(KeyState::Refused { code: code.clone() });
        if let Some(m) = lock(&self.memory).as_ref() {
            m.keep(Some(&RememberedRefusal {
                key_sha256: self.key_sha256.clone(),
                code,
                at: Utc::now(),
            }));
        }
    }

    fn set(&self, state: KeyState) {
        *lock(&self.state) = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Memo(Mutex<Option<RememberedRefusal>>);

    impl LatchMemory for Memo {
        fn recall(&self) -> Option<RememberedRefusal> {
            lock(&self.0).clone()
        }
        fn keep(&self, r: Option<&RememberedRefusal>) {
            *lock(&self.0) = r.cloned();
        }
    }

    fn refusal(code: &str, status: u16) -> Result<(), ApiError> {
        Err(ApiError::from_error_body(
            status,
            code.into(),
            "no".into(),
            None,
            None,
        ))
    }

    #[tokio::test]
    async fn a_refusal_latches_is_remembered_under_a_hash_and_f5_lifts_it() {
        let key = ApiKey::new("5a4db0c5-f1e0-4c1d-8e57-0ac1d2000001").unwrap();
        let memo = Arc::new(Memo::default());
        let latch = KeyLatch::new(&key);
        latch.remember_in(memo.clone());
        assert!(latch.admit().await.is_ok());
        latch.observe(&refusal("INVALID_ACCESS_TOKEN", 401));
        assert!(matches!(
            latch.admit().await,
            Err(ApiError::KeyRefused { .. })
        ));
        let kept = memo.recall().expect("remembered");
        assert_eq!(kept.key_sha256.len(), 64);
        assert!(!kept.key_sha256.contains("5a4db0c5"));

        // The next run with the same key is latched from the start; another key is not.
        let again = KeyLatch::new(&key);
        again.remember_in(memo.clone());
        assert!(again.refused().is_some());
        let other = KeyLatch::new(&ApiKey::new("another-key").unwrap());
        other.remember_in(memo.clone());
        assert!(other.refused().is_none());

        again.lift();
        assert!(again.admit().await.is_ok());
        assert_eq!(memo.recall(), None, "F5 forgets the refusal");
    }

    #[tokio::test]
    async fn only_answers_of_an_accepted_key_confirm_it() {
        let latch = KeyLatch::new(&ApiKey::new("k").unwrap());
        latch.observe(&refusal("RATE_LIMITED", 429));
        latch.observe(&refusal("SOMETHING_NEW", 418));
        latch.observe::<()>(&Err(ApiError::Network {
            kind: super::super::NetworkKind::Timeout,
            message: "t".into(),
        }));
        assert!(!latch.is_accepted());
        latch.observe(&refusal("NOT_FOUND", 404));
        assert!(latch.is_accepted());
        latch.observe(&refusal("IP_BLOCKED", 403));
        assert!(latch.refused().is_some());
    }

    #[tokio::test]
    async fn while_unconfirmed_one_request_goes_out_at_a_time() {
        let latch = Arc::new(KeyLatch::new(&ApiKey::new("k").unwrap()));
        let first = latch.admit().await.expect("first");
        let l2 = latch.clone();
        let second = tokio::spawn(async move { l2.admit().await.map(|_| ()) });
        tokio::task::yield_now().await;
        assert!(!second.is_finished(), "waits for the first answer");
        latch.observe(&refusal("INVALID_ACCESS_TOKEN", 401));
        drop(first);
        assert!(matches!(
            second.await.unwrap(),
            Err(ApiError::KeyRefused { .. })
        ));
    }
}
