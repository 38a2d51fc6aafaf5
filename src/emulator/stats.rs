//! Per-ref counters that let tests prove nothing was sent twice.

use crate::money::Dzd;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Distinct refs tracked per run; beyond this new refs are not counted (bounded memory).
const MAX_TRACKED_REFS: usize = 100_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefStats {
    /// Send requests that carried this ref (refused and faulted ones included).
    pub requests: u64,
    /// Orders created with this ref (0 or 1).
    pub accepted: u64,
}

/// What `GET /__emulator/stats` answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Counted since this emulator started (not persisted).
    pub refs: BTreeMap<String, RefStats>,
    pub balance: Dzd,
    /// Everything ever charged by orders in the state (persisted orders included).
    pub charged_total: Dzd,
    /// Charges of orders now REFUNDED.
    pub refunded_total: Dzd,
    pub net_charged: Dzd,
    /// Every order in the state, those made "from the dashboard" included.
    pub orders: usize,
    /// Orders made through `POST /__emulator/external-order` (not send requests).
    #[serde(default)]
    pub dashboard_orders: usize,
    /// Requests refused for their key (missing, wrong, IP blocked) since the emulator started:
    /// what a client spent of the 5 bad attempts OneClickDz allows.
    #[serde(default)]
    pub auth_refusals: u64,
    /// `/v3` requests received since the emulator started, by route (`GET /v3/account/balance`;
    /// check-ref and check-id without their ref or id), faulted and refused ones included.
    #[serde(default)]
    pub requests: BTreeMap<String, u64>,
}

impl Stats {
    /// Requests received on a route (`"GET /v3/mobile/list"`).
    pub fn requests_to(&self, route: &str) -> u64 {
        self.requests.get(route).copied().unwrap_or(0)
    }
}

/// `/v3` requests by route.
#[derive(Debug, Default)]
pub struct RouteCounter {
    routes: Mutex<BTreeMap<String, u64>>,
}

/// The routes counted; any other path is counted under "other".
const ROUTES: [&str; 8] = [
    "/v3/validate",
    "/v3/ping",
    "/v3/account/balance",
    "/v3/mobile/plans",
    "/v3/mobile/send",
    "/v3/mobile/check-ref",
    "/v3/mobile/check-id",
    "/v3/mobile/list",
];

impl RouteCounter {
    pub fn count(&self, method: &str, path: &str) {
        let route = ROUTES
            .iter()
            .find(|r| path == **r || path.strip_prefix(**r).is_some_and(|t| t.starts_with('/')))
            .copied()
            .unwrap_or("other");
        let mut routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        *routes.entry(format!("{method} {route}")).or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.routes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

#[derive(Debug, Default)]
pub struct RefCounter {
    refs: Mutex<BTreeMap<String, RefStats>>,
}

impl RefCounter {
    fn bump(&self, reference: &str, f: impl FnOnce(&mut RefStats)) {
        let mut refs = self.refs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = refs.get_mut(reference) {
            f(s);
        } else if refs.len() < MAX_TRACKED_REFS {
            f(refs.entry(reference.to_string()).or_default());
        }
    }

    pub fn request(&self, reference: &str) {
        self.bump(reference, |s| s.requests += 1);
    }

    pub fn accepted(&self, reference: &str) {
        self.bump(reference, |s| s.accepted += 1);
    }

    pub fn snapshot(&self) -> BTreeMap<String, RefStats> {
        self.refs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_and_acceptances_per_ref() {
        let c = RefCounter::default();
        c.request("a");
        c.request("a");
        c.accepted("a");
        c.request("b");
        let s = c.snapshot();
        assert_eq!(
            s["a"],
            RefStats {
                requests: 2,
                accepted: 1
            }
        );
        assert_eq!(
            s["b"],
            RefStats {
                requests: 1,
                accepted: 0
            }
        );
    }
}
