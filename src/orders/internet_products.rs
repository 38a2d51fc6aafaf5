//! The internet product lists (ADSL, 4G), like the mobile plans: served from the store's cache,
//! refreshed from the API when older than [`MAX_AGE`] (the English guide's 5–10 minutes; the
//! Arabic one says 1–4 hours), and sold from the cache, however old, while the API cannot be
//! reached.

use super::plans_sync::PlansError;
use crate::api::internet::InternetProducts;
use crate::api::{ApiClient, ApiError};
use crate::rules::InternetType;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A cached list older than this is asked for again.
pub const MAX_AGE: Duration = Duration::from_secs(10 * 60);
/// After a failed refresh the cache is served without asking again for this long.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(60);

/// The products of one type in use and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductsSnapshot {
    pub products: InternetProducts,
    pub fetched_at: DateTime<Utc>,
    /// Served from the cache without asking the API just now.
    pub from_cache: bool,
    /// Why a refresh failed (the cache is used instead).
    pub refresh_error: Option<ApiError>,
}

/// Keeps the product lists fresh. Cheap to clone.
#[derive(Clone)]
pub struct ProductsSync {
    store: Store,
    api: ApiClient,
    state: Arc<Mutex<HashMap<InternetType, Kept>>>,
}

#[derive(Clone, Default)]
struct Kept {
    current: Option<ProductsSnapshot>,
    failed: Option<(Instant, ApiError)>,
}

impl ProductsSync {
    pub fn new(store: Store, api: ApiClient) -> ProductsSync {
        ProductsSync {
            store,
            api,
            state: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The cached list if fresh enough; otherwise a refresh, falling back to the stale cache.
    pub async fn get(&self, kind: InternetType) -> Result<ProductsSnapshot, PlansError> {
        let cached = self.cached(kind)?;
        if let Some(snap) = &cached {
            let fresh = (Utc::now() - snap.fetched_at)
                .to_std()
                .map(|age| age < MAX_AGE)
                .unwrap_or(true);
            if fresh {
                return Ok(snap.clone());
            }
            if let Some(reason) = self.recent_failure(kind) {
                return Ok(ProductsSnapshot {
                    refresh_error: Some(reason),
                    ..snap.clone()
                });
            }
        }
        self.refresh_or_cache(kind, cached).await
    }

    /// Asks the API now (F5); offline, the cache with `refresh_error` set.
    pub async fn refresh(&self, kind: InternetType) -> Result<ProductsSnapshot, PlansError> {
        let cached = self.cached(kind)?;
        self.refresh_or_cache(kind, cached).await
    }

    /// What the cache holds, without asking the API.
    pub fn cached(&self, kind: InternetType) -> Result<Option<ProductsSnapshot>, PlansError> {
        if let Some(s) = self.kept(kind).current {
            return Ok(Some(s));
        }
        let loaded = self
            .store
            .load_internet_products(kind)?
            .map(|(products, fetched_at)| ProductsSnapshot {
                products,
                fetched_at,
                from_cache: true,
                refresh_error: None,
            });
        self.with(kind, |k| k.current = loaded.clone());
        Ok(loaded)
    }

    async fn refresh_or_cache(
        &self,
        kind: InternetType,
        cached: Option<ProductsSnapshot>,
    ) -> Result<ProductsSnapshot, PlansError> {
        match self.api.internet_products(kind).await {
            Ok(products) => {
                let now = Utc::now();
                if let Err(e) = self.store.save_internet_products(&products, now) {
                    tracing::warn!("the {kind} product list could not be cached: {e}");
                }
                let snap = ProductsSnapshot {
                    products,
                    fetched_at: now,
                    from_cache: false,
                    refresh_error: None,
                };
                self.with(kind, |k| {
                    k.current = Some(ProductsSnapshot {
                        from_cache: true,
                        ..snap.clone()
                    });
                    k.failed = None;
                });
                Ok(snap)
            }
            Err(e) => {
                tracing::warn!("{kind} product list refresh failed: {e}");
                self.with(kind, |k| k.failed = Some((Instant::now(), e.clone())));
                match cached {
                    Some(snap) => Ok(ProductsSnapshot {
                        from_cache: true,
                        refresh_error: Some(e),
                        ..snap
                    }),
                    None => Err(PlansError::NeverFetched(Box::new(e))),
                }
            }
        }
    }

    fn recent_failure(&self, kind: InternetType) -> Option<ApiError> {
        match self.kept(kind).failed {
            Some((at, reason)) if at.elapsed() < RETRY_AFTER_FAILURE => Some(reason),
            _ => None,
        }
    }

    fn kept(&self, kind: InternetType) -> Kept {
        self.with(kind, |k| k.clone())
    }

    fn with<T>(&self, kind: InternetType, f: impl FnOnce(&mut Kept) -> T) -> T {
        let mut map = self.state.lock().unwrap_or_else(|p| p.into_inner());
        f(map.entry(kind).or_default())
    }
}
