//! What the emulator is started with: key, balance, time scale, seed, faults, state file.

use super::error::EmulatorError;
use crate::api::types::PlansData;
use crate::money::Dzd;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The key the emulator accepts unless told otherwise (UUID-like, as the real keys are).
pub const DEFAULT_SANDBOX_KEY: &str = "5a4db0c5-f1e0-4c1d-8e57-0ac1d2000001";

/// The largest latency a fault config may add, so a typo cannot hang every request for hours.
const MAX_LATENCY_MS: u64 = 60_000;
/// The longest `Retry-After` a fault config may ask for (the 15-minute IP block's length).
const MAX_RETRY_AFTER_SECS: u64 = 15 * 60;

#[derive(Clone)]
pub struct EmulatorConfig {
    /// The only `X-Access-Token` accepted.
    pub key: String,
    /// Starting balance (ignored when `state_file` already holds a state).
    pub balance: Dzd,
    /// Time scale: 10 makes the 5 s / 15 s timeline take 0.5 s / 1.5 s, and the 15 min IP block 90 s.
    pub speed: f64,
    /// Seeds fault injection and the outcome of UNKNOWN_ERROR orders.
    pub seed: u64,
    /// How long an UNKNOWN_ERROR order stays unknown, in real time before `speed` scaling.
    pub unknown_resolve_after: Duration,
    /// How long an internet top-up stays QUEUED (the docs: 12–48 h), before `speed` scaling.
    pub queued_resolve_after: Duration,
    pub faults: FaultConfig,
    /// Keep balance and orders in this JSON file across restarts.
    pub state_file: Option<PathBuf>,
    /// `None`: the embedded `assets/plans.json`.
    pub plans: Option<PlansData>,
    /// How far the server's clock is ahead of this machine's (negative: behind), in
    /// milliseconds: its orders' `created_at`, `meta.timestamp` and `Date` header all say so.
    /// For trying a till whose clock is wrong.
    pub clock_offset_ms: i64,
}

/// The largest clock offset the emulator takes: a year.
const MAX_CLOCK_OFFSET_MS: i64 = 366 * 24 * 3600 * 1000;

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            key: DEFAULT_SANDBOX_KEY.to_string(),
            balance: Dzd::from_dinars(100_000),
            speed: 1.0,
            seed: 0,
            unknown_resolve_after: Duration::from_secs(3600),
            queued_resolve_after: Duration::from_secs(12 * 3600),
            faults: FaultConfig::default(),
            state_file: None,
            plans: None,
            clock_offset_ms: 0,
        }
    }
}

impl fmt::Debug for EmulatorConfig {
    /// The key is masked like every other key in the app.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = crate::secret::ApiKey::new(&self.key)
            .map(|k| k.masked())
            .unwrap_or_default();
        f.debug_struct("EmulatorConfig")
            .field("key", &key)
            .field("balance", &self.balance)
            .field("speed", &self.speed)
            .field("seed", &self.seed)
            .field("unknown_resolve_after", &self.unknown_resolve_after)
            .field("queued_resolve_after", &self.queued_resolve_after)
            .field("faults", &self.faults)
            .field("state_file", &self.state_file)
            .field("plans", &self.plans.as_ref().map(|p| p.all().count()))
            .field("clock_offset_ms", &self.clock_offset_ms)
            .finish()
    }
}

impl EmulatorConfig {
    /// Refuses settings that would make the emulator misbehave, with a message naming the setting.
    pub fn validate(&self) -> Result<(), EmulatorError> {
        if self.key.trim().is_empty() {
            return Err(EmulatorError::Config(
                "the emulator key must not be empty".into(),
            ));
        }
        if self.key.trim() != self.key || self.key.chars().any(|c| c.is_control()) {
            return Err(EmulatorError::Config(
                "the emulator key must not contain spaces at its ends or control characters".into(),
            ));
        }
        if !self.speed.is_finite() || self.speed <= 0.0 {
            return Err(EmulatorError::Config(format!(
                "speed must be a positive number, got {}",
                self.speed
            )));
        }
        if self.clock_offset_ms.abs() > MAX_CLOCK_OFFSET_MS {
            return Err(EmulatorError::Config(format!(
                "the clock offset must be at most a year either way, got {} ms",
                self.clock_offset_ms
            )));
        }
        if self.balance < Dzd::ZERO {
            return Err(EmulatorError::Config(format!(
                "the starting balance must not be negative, got {}",
                self.balance
            )));
        }
        self.faults.validate()
    }
}

/// Injected failures for `/v3/*` requests. Rates are probabilities in `0..=1`; each request gets
/// at most one fault, drawn in the order 500, 429, drop, malformed, 503, IP not allowed, API
/// disabled, 413, unknown route (rates summing above 1 leave the later kinds less often than
/// asked).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Rate of HTTP 500 `INTERNAL_ERROR` answers.
    pub error_500: f64,
    /// Rate of HTTP 429 answers.
    pub error_429: f64,
    /// Added latency, uniform in `[min, max]` milliseconds (real time, not scaled by speed).
    pub latency_ms: (u64, u64),
    /// Rate of connections broken mid-answer (for a send: before or after the order is applied).
    pub drop: f64,
    /// Rate of HTTP 200 answers with truncated JSON (for a send: before or after applying).
    pub malformed: f64,
    /// Rate of HTTP 503 `SERVICE_UNAVAILABLE` answers.
    pub error_503: f64,
    /// Rate of HTTP 403 `IP_NOT_ALLOWED` answers (the caller is not on the key's whitelist).
    pub ip_not_allowed: f64,
    /// Rate of HTTP 403 `API_DISABLED` answers.
    pub api_disabled: f64,
    /// Rate of HTTP 413 `PAYLOAD_TOO_LARGE` answers, whatever the body.
    pub error_413: f64,
    /// Rate of bare 404 `{message, error, statusCode}` answers (as for an unknown route).
    pub unknown_route: f64,
    /// `Retry-After` of a 429, in seconds, as sent; default: 5 s divided by the speed.
    pub retry_after_secs: Option<u64>,
    /// Operators `/v3/ping` reports `down` (`mobilis`, `djezzy`, `ooredoo`,
    /// `mobilisFixedPlans`): an operator outage, to train for and to test the till's warning.
    pub operators_down: Vec<String>,
}

/// The operators `/v3/ping` reports on (§1, §13).
pub const PING_OPERATORS: [&str; 4] = ["mobilis", "djezzy", "ooredoo", "mobilisFixedPlans"];

impl FaultConfig {
    pub fn validate(&self) -> Result<(), EmulatorError> {
        for (name, rate) in [
            ("error_500", self.error_500),
            ("error_429", self.error_429),
            ("drop", self.drop),
            ("malformed", self.malformed),
            ("error_503", self.error_503),
            ("ip_not_allowed", self.ip_not_allowed),
            ("api_disabled", self.api_disabled),
            ("error_413", self.error_413),
            ("unknown_route", self.unknown_route),
        ] {
            if !rate.is_finite() || !(0.0..=1.0).contains(&rate) {
                return Err(EmulatorError::Config(format!(
                    "fault rate {name} must be between 0 and 1, got {rate}"
                )));
            }
        }
        let (lo, hi) = self.latency_ms;
        if lo > hi {
            return Err(EmulatorError::Config(format!(
                "latency_ms range [{lo}, {hi}] is reversed"
            )));
        }
        if hi > MAX_LATENCY_MS {
            return Err(EmulatorError::Config(format!(
                "latency_ms may not exceed {MAX_LATENCY_MS} ms, got {hi}"
            )));
        }
        if let Some(unknown) = self
            .operators_down
            .iter()
            .find(|o| !PING_OPERATORS.contains(&o.as_str()))
        {
            return Err(EmulatorError::Config(format!(
                "operators_down: '{unknown}' is not one of {}",
                PING_OPERATORS.join(", ")
            )));
        }
        if let Some(s) = self.retry_after_secs
            && s > MAX_RETRY_AFTER_SECS
        {
            return Err(EmulatorError::Config(format!(
                "retry_after_secs may not exceed {MAX_RETRY_AFTER_SECS}, got {s}"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_settings_with_a_reason() {
        assert!(EmulatorConfig::default().validate().is_ok());
        for speed in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let c = EmulatorConfig {
                speed,
                ..Default::default()
            };
            let e = c.validate().unwrap_err().to_string();
            assert!(e.contains("speed"), "{e}");
        }
        let c = EmulatorConfig {
            faults: FaultConfig {
                drop: 1.5,
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("drop"));
        let f = FaultConfig {
            latency_ms: (10, 5),
            ..Default::default()
        };
        assert!(f.validate().is_err());
        let c = EmulatorConfig {
            key: " ".into(),
            ..Default::default()
        };
        assert!(c.validate().is_err());
    }

    #[test]
    fn debug_masks_the_key() {
        let shown = format!("{:?}", EmulatorConfig::default());
        assert!(!shown.contains(DEFAULT_SANDBOX_KEY), "{shown}");
    }

    #[test]
    fn fault_config_json_is_partial_and_strict() {
        let f: FaultConfig = serde_json::from_str(r#"{"error_500":0.5}"#).unwrap();
        assert_eq!(f.error_500, 0.5);
        assert_eq!(f.latency_ms, (0, 0));
        let f: FaultConfig = serde_json::from_str(r#"{"latency_ms":[5,9]}"#).unwrap();
        assert_eq!(f.latency_ms, (5, 9));
        assert!(serde_json::from_str::<FaultConfig>(r#"{"eror_500":0.5}"#).is_err());
    }
}
