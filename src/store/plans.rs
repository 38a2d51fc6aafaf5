//! The plan list cache: the last `/v3/mobile/plans` answer and when it was fetched, so the
//! till can sell from the cache at start-up or while the API is down.

use super::Store;
use super::codec;
use super::error::StoreError;
use crate::api::types::PlansData;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

const CURRENT: &[u8] = b"current";

#[derive(Serialize, Deserialize)]
struct CachedPlans {
    fetched_at: DateTime<Utc>,
    data: PlansData,
}

impl Store {
    /// Replaces the cached plan list (flushed before returning).
    pub fn save_plans(
        &self,
        plans: &PlansData,
        fetched_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let value = codec::encode(
            "plan cache",
            &CachedPlans {
                fetched_at,
                data: plans.clone(),
            },
        )?;
        let t = self.writer()?;
        t.plans.insert(CURRENT, value).map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        Ok(())
    }

    /// The cached plan list and when it was fetched; `None` if never saved. An unreadable
    /// cache is [`StoreError::CorruptRecord`] (the caller can fetch again and save over it).
    pub fn load_plans(&self) -> Result<Option<(PlansData, DateTime<Utc>)>, StoreError> {
        let Some(raw) = self.trees()?.plans.get(CURRENT)? else {
            return Ok(None);
        };
        let cached: CachedPlans =
            codec::decode(&raw).map_err(|detail| StoreError::CorruptRecord {
                what: "plan cache",
                key: "current".into(),
                detail,
            })?;
        Ok(Some((cached.data, cached.fetched_at)))
    }
}

/// The cached internet product list of one type sits in the same tree under its own key, so
/// a build that knows nothing of it reads the plan cache as before.
fn internet_key(kind: crate::rules::InternetType) -> Vec<u8> {
    format!("internet:{}", kind.api_name()).into_bytes()
}

#[derive(Serialize, Deserialize)]
struct CachedProducts {
    fetched_at: DateTime<Utc>,
    data: crate::api::internet::InternetProducts,
}

impl Store {
    /// Replaces the cached internet products of one type (flushed before returning).
    pub fn save_internet_products(
        &self,
        products: &crate::api::internet::InternetProducts,
        fetched_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let value = codec::encode(
            "internet product cache",
            &CachedProducts {
                fetched_at,
                data: products.clone(),
            },
        )?;
        let t = self.writer()?;
        t.plans
            .insert(internet_key(products.kind), value)
            .map_err(|e| self.failed(e))?;
        self.flush().map_err(|e| self.failed(e))?;
        Ok(())
    }

    /// The cached internet products of `kind` and when they were fetched; `None` if never saved.
    pub fn load_internet_products(
        &self,
        kind: crate::rules::InternetType,
    ) -> Result<Option<(crate::api::internet::InternetProducts, DateTime<Utc>)>, StoreError> {
        let key = internet_key(kind);
        let Some(raw) = self.trees()?.plans.get(&key)? else {
            return Ok(None);
        };
        let cached: CachedProducts =
            codec::decode(&raw).map_err(|detail| StoreError::CorruptRecord {
                what: "internet product cache",
                key: String::from_utf8_lossy(&key).into_owned(),
                detail,
            })?;
        Ok(Some((cached.data, cached.fetched_at)))
    }
}
