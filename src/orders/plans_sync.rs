//! The plan list: served from the store's cache, refreshed from the API when the cache is older
//! than `plans_max_age` or on demand. Offline, the app keeps selling from the cache and says how
//! old it is; with no cache at all and no API, it says so plainly.

use crate::api::types::PlansData;
use crate::api::{ApiClient, ApiError};
use crate::i18n::{Lang, Message, MsgId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The plans in use and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSnapshot {
    pub data: PlansData,
    /// When this list was fetched from the API.
    pub fetched_at: DateTime<Utc>,
    /// `true` when served from the cache without asking the API just now.
    pub from_cache: bool,
    /// Why a refresh was attempted and failed (the cache is being used instead).
    pub refresh_error: Option<ApiError>,
}

impl PlanSnapshot {
    pub fn age(&self, now: DateTime<Utc>) -> chrono::Duration {
        now - self.fetched_at
    }
}

#[derive(Debug)]
pub enum PlansError {
    /// No plan list yet, and the API did not give one.
    NeverFetched(Box<ApiError>),
    /// The plan cache could not be read or written.
    Store(StoreError),
}

impl From<StoreError> for PlansError {
    fn from(e: StoreError) -> PlansError {
        PlansError::Store(e)
    }
}

impl PlansError {
    /// The error in words, in any language.
    pub fn message(&self) -> Message {
        match self {
            PlansError::NeverFetched(e) => {
                Message::new(MsgId::PlansNeverFetched).msg_of("error", e.message())
            }
            PlansError::Store(e) => Message::new(MsgId::PlansCache).msg_of("error", e.message()),
        }
    }
}

impl std::fmt::Display for PlansError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().in_lang(Lang::En))
    }
}

impl std::error::Error for PlansError {}

/// Keeps the plan list fresh. Cheap to clone.
#[derive(Clone)]
pub struct PlansSync {
    store: Store,
    api: ApiClient,
    max_age: Duration,
    /// The last snapshot, so a sale does not read the store each time.
    current: Arc<Mutex<Option<PlanSnapshot>>>,
    /// The last failed automatic refresh: while offline, sales do not each wait for one.
    failed: Arc<Mutex<Option<(Instant, ApiError)>>>,
}

/// After a failed refresh, a stale cache is served without asking again for this long
/// ([`PlansSync::refresh`] always asks).
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(60);

impl PlansSync {
    pub fn new(store: Store, api: ApiClient, max_age: Duration) -> PlansSync {
        PlansSync {
            store,
            api,
            max_age,
            current: Arc::new(Mutex::new(None)),
            failed: Arc::new(Mutex::new(None)),
        }
    }

    /// The cached list if fresh enough; otherwise a refresh, falling back to the stale cache.
    pub async fn get(&self) -> Result<PlanSnapshot, PlansError> {
        let cached = self.cached()?;
        if let Some(snap) = &cached {
            let fresh = snap
                .age(Utc::now())
                .to_std()
                .map(|age| age < self.max_age)
                .unwrap_or(true); // fetched "in the future": clock moved back; trust it
            if fresh {
                return Ok(snap.clone());
            }
            if let Some(reason) = self.recent_failure() {
                let mut snap = snap.clone();
                snap.refresh_error = Some(reason);
                return Ok(snap);
            }
        }
        self.refresh_or_cache(cached).await
    }

    /// Asks the API now. Offline, the cache is returned with `refresh_error` set.
    pub async fn refresh(&self) -> Result<PlanSnapshot, PlansError> {
        let cached = self.cached()?;
        self.refresh_or_cache(cached).await
    }

    /// What the cache holds, without asking the API.
    pub fn cached(&self) -> Result<Option<PlanSnapshot>, PlansError> {
        if let Some(s) = self.lock().clone() {
            return Ok(Some(s));
        }
        let loaded = load_cache(&self.store)?.map(|(data, fetched_at)| PlanSnapshot {
            data,
            fetched_at,
            from_cache: true,
            refresh_error: None,
        });
        *self.lock() = loaded.clone();
        Ok(loaded)
    }

    async fn refresh_or_cache(
        &self,
        cached: Option<PlanSnapshot>,
    ) -> Result<PlanSnapshot, PlansError> {
        match self.api.plans().await {
            Ok(data) => {
                let now = Utc::now();
                if let Err(e) = save_cache(&self.store, &data, now) {
                    // The fresh list still sells; only the copy for the next start is missing
                    // (a full disk must not stop sales that need no new space but the order's).
                    tracing::warn!("the plan list could not be cached: {e}");
                }
                let snap = PlanSnapshot {
                    data,
                    fetched_at: now,
                    from_cache: false,
                    refresh_error: None,
                };
                *self.lock() = Some(PlanSnapshot {
                    from_cache: true,
                    ..snap.clone()
                });
                *lock(&self.failed) = None;
                Ok(snap)
            }
            Err(e) => {
                *lock(&self.failed) = Some((Instant::now(), e.clone()));
                stale_or_error(cached, &e)
            }
        }
    }

    fn recent_failure(&self) -> Option<ApiError> {
        match lock(&self.failed).as_ref() {
            Some((at, reason)) if at.elapsed() < RETRY_AFTER_FAILURE => Some(reason.clone()),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<PlanSnapshot>> {
        lock(&self.current)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn stale_or_error(cached: Option<PlanSnapshot>, e: &ApiError) -> Result<PlanSnapshot, PlansError> {
    tracing::warn!("plan refresh failed: {e}");
    match cached {
        Some(mut snap) => {
            snap.from_cache = true;
            snap.refresh_error = Some(e.clone());
            Ok(snap)
        }
        None => Err(PlansError::NeverFetched(Box::new(e.clone()))),
    }
}

fn load_cache(store: &Store) -> Result<Option<(PlansData, DateTime<Utc>)>, StoreError> {
    store.load_plans()
}

fn save_cache(store: &Store, data: &PlansData, at: DateTime<Utc>) -> Result<(), StoreError> {
    store.save_plans(data, at)
}
