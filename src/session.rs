//! The composition root: configuration → order store → (practice: embedded emulator) → API
//! client → plan sync → order lifecycle → background poller.
//!
//! The store is opened first: a second instance stops there with the store's "locked" error
//! before it could start a second practice emulator on the same state file.

use crate::api::{ApiClient, ApiError, ClientOptions, LatchMemory, RememberedRefusal};
use crate::config::{Config, Mode};
use crate::emulator::{self, DEFAULT_SANDBOX_KEY, EmulatorConfig, EmulatorError, EmulatorHandle};
use crate::money::Dzd;
use crate::orders::audit::AuditHandle;
use crate::orders::{Lifecycle, OrderError, OrderRecord, PlansSync, PollSettings, PollerHandle};
use crate::secret::ApiKey;
use crate::store::{Store, StoreError};
use tokio::sync::broadcast;

/// Divides every client-side delay (poll interval, backoff, reconcile window) — for tests and
/// demos against a sped-up emulator. Honoured only when the API is on this machine.
pub const ENV_TIME_SCALE: &str = "FLEXY_TIME_SCALE";

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("practice emulator: {0}")]
    Emulator(#[from] EmulatorError),
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("{0}")]
    Order(#[from] OrderError),
    #[error("{0}")]
    Terminal(#[from] crate::orders::till_id::TerminalError),
    #[error("{0}")]
    Invalid(String),
}

impl SessionError {
    /// The error in words, in any language (the emulator's own words are kept as they are).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, MsgId};
        match self {
            SessionError::Store(e) => e.message(),
            SessionError::Api(e) => e.message(),
            SessionError::Order(e) => e.message(),
            SessionError::Emulator(e) => Message::new(MsgId::SessionEmulator).text("error", e),
            SessionError::Terminal(e) => e.message(),
            SessionError::Invalid(why) => Message::from(why.as_str()),
        }
    }
}

/// Everything a running till (or a headless command) needs.
pub struct Session {
    config: Config,
    store: Store,
    lifecycle: Lifecycle,
    emulator: Option<EmulatorHandle>,
    poller: Option<PollerHandle>,
    audit: Option<AuditHandle>,
}

/// The async runtime every command runs on: two workers, as the tills have two cores.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// Opens the order store of the configured mode (practice and live never share one).
pub fn open_store(config: &Config) -> Result<Store, StoreError> {
    Store::open(&config.store_dir())
}

impl Session {
    /// Opens the store, starts the practice emulator when there is no key, and builds the
    /// lifecycle. With `poller`, the background poller starts too and resumes open orders.
    pub async fn start(config: Config, poller: bool) -> Result<Session, SessionError> {
        let store = open_store(&config)?;
        settle_terminal_id(&config, &store)?;
        let (emulator, base_url, key) = match &config.mode {
            Mode::Practice { speed, balance } => {
                let handle =
                    emulator::start(practice_emulator_config(&config, *speed, *balance), 0).await?;
                let key = ApiKey::new(DEFAULT_SANDBOX_KEY)
                    .ok_or_else(|| SessionError::Invalid("empty practice key".into()))?;
                let url = handle.base_url();
                (Some(handle), url, key)
            }
            Mode::Live { api_url, key } => (None, api_url.clone(), key.clone()),
        };
        let api = ApiClient::new(ClientOptions::new(base_url, key))?;
        // A refused key stays refused across runs (a cron `sync` spends one attempt in total).
        api.remember_key_refusals(std::sync::Arc::new(RefusedKeySetting(store.clone())));
        let settings = poll_settings(&config, &api, |k| std::env::var(k).ok())?;
        let plans = PlansSync::new(store.clone(), api.clone(), config.plans_max_age);
        let lifecycle = Lifecycle::new(store.clone(), api, plans, settings, config.pricing)?;
        let mut session = Session {
            config,
            store,
            lifecycle,
            emulator,
            poller: None,
            audit: None,
        };
        if poller {
            session.start_poller()?;
        }
        Ok(session)
    }

    /// Starts the background poller (once).
    pub fn start_poller(&mut self) -> Result<(), SessionError> {
        if self.poller.is_none() {
            self.poller = Some(PollerHandle::start(self.lifecycle.clone())?);
        }
        Ok(())
    }

    /// Starts the counter's background audit against OneClickDz's list (once).
    pub fn start_audit(&mut self) {
        if self.audit.is_none() {
            self.audit = Some(AuditHandle::start(self.lifecycle.clone()));
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn lifecycle(&self) -> &Lifecycle {
        &self.lifecycle
    }

    pub fn api(&self) -> &ApiClient {
        self.lifecycle.api()
    }

    /// The embedded emulator (practice mode only).
    pub fn emulator(&self) -> Option<&EmulatorHandle> {
        self.emulator.as_ref()
    }

    pub fn poller(&self) -> Option<&PollerHandle> {
        self.poller.as_ref()
    }

    /// Every order change, after it was written to the store.
    pub fn subscribe(&self) -> broadcast::Receiver<OrderRecord> {
        self.lifecycle.subscribe()
    }

    /// Stops the audit and the poller, then the emulator. The store closes when the last handle drops.
    pub async fn shutdown(mut self) {
        if let Some(a) = self.audit.take() {
            a.shutdown().await;
        }
        if let Some(p) = self.poller.take() {
            p.shutdown().await;
        }
        if let Some(e) = self.emulator.take() {
            e.shutdown().await;
        }
        if let Err(e) = self.store.flush() {
            tracing::warn!("final store flush failed: {e}");
        }
    }
}

/// Settles this till's terminal id before any ref is made, and gives config.toml a copy on a
/// till with a key (see [`crate::orders::till_id`]). A copy that cannot be written is only a
/// warning: the store still has the id.
fn settle_terminal_id(config: &Config, store: &Store) -> Result<(), SessionError> {
    let live = !config.is_practice();
    let terminal = crate::orders::till_id::resolve(store, config.terminal.as_ref(), live)?;
    if live && terminal.remember {
        match config.config_file.as_deref() {
            Some(path) => match crate::config::remember_terminal_id(
                path,
                &terminal.id,
                terminal.replaced.as_deref(),
            ) {
                Ok(true) => tracing::info!(
                    "terminal id '{}' written to {}",
                    terminal.id,
                    path.display()
                ),
                Ok(false) => {}
                Err(e) => tracing::warn!(
                    "terminal id '{}' not written to the config file: {e}",
                    terminal.id
                ),
            },
            None => tracing::warn!(
                "no config file: terminal id '{}' is kept in the order store only",
                terminal.id
            ),
        }
    }
    Ok(())
}

/// The store setting holding the refused-key latch: a hash of the key, the code and the time,
/// as JSON (never the key itself).
pub const REFUSED_KEY_SETTING: &str = "refused_api_key";

/// The API client's [`LatchMemory`] over the store's settings: the api layer stays below the
/// store, and this composition root joins them.
struct RefusedKeySetting(Store);

impl LatchMemory for RefusedKeySetting {
    fn recall(&self) -> Option<RememberedRefusal> {
        let raw = match self.0.get_setting(REFUSED_KEY_SETTING) {
            Ok(raw) => raw?,
            Err(e) => {
                tracing::warn!("cannot read the refused-key setting: {e}");
                return None;
            }
        };
        match serde_json::from_str(&raw) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!("ignoring an unreadable refused-key setting: {e}");
                None
            }
        }
    }

    fn keep(&self, refusal: Option<&RememberedRefusal>) {
        let written = match refusal.map(serde_json::to_string) {
            Some(Ok(json)) => self.0.set_setting(REFUSED_KEY_SETTING, &json),
            Some(Err(e)) => return tracing::warn!("cannot encode the refused key: {e}"),
            None => self.0.remove_setting(REFUSED_KEY_SETTING),
        };
        if let Err(e) = written {
            tracing::warn!("cannot keep the refused-key latch in the store: {e}");
        }
    }
}

fn practice_emulator_config(config: &Config, speed: f64, balance: i64) -> EmulatorConfig {
    EmulatorConfig {
        key: DEFAULT_SANDBOX_KEY.to_string(),
        balance: Dzd::from_dinars(balance),
        speed,
        state_file: Some(config.practice_state_file()),
        ..EmulatorConfig::default()
    }
}

/// The poll schedule from the config, scaled by `FLEXY_TIME_SCALE` (default: the practice
/// speed in practice mode, 1 otherwise) when the API is on this machine.
pub fn poll_settings(
    config: &Config,
    api: &ApiClient,
    env: impl Fn(&str) -> Option<String>,
) -> Result<PollSettings, SessionError> {
    let base = PollSettings::from_config(config);
    let default_scale = match config.mode {
        Mode::Practice { speed, .. } => speed,
        Mode::Live { .. } => 1.0,
    };
    let scale = match env(ENV_TIME_SCALE) {
        Some(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f > 0.0 && *f <= 100_000.0)
            .ok_or_else(|| {
                SessionError::Invalid(format!(
                    "{ENV_TIME_SCALE}='{s}' must be a number between 0 and 100000"
                ))
            })?,
        None => default_scale,
    };
    if scale == 1.0 {
        return Ok(base);
    }
    if !is_local(api) {
        tracing::warn!("{ENV_TIME_SCALE} ignored: the API is not on this machine");
        return Ok(base);
    }
    Ok(base.scaled(scale))
}

fn is_local(api: &ApiClient) -> bool {
    match api.base_url().host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::schedule::floor;

    /// `[practice] speed = 100000` (the config's top) ran the audit every 36 ms.
    #[test]
    fn the_fastest_practice_run_keeps_its_background_at_the_floors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("none.toml"), "").unwrap();
        let over = crate::config::Overrides {
            data_dir: Some(dir.path().to_path_buf()),
            config_file: Some(dir.path().join("none.toml")),
            practice: true,
            ..Default::default()
        };
        let env = |k: &str| (k == crate::config::ENV_PRACTICE_SPEED).then(|| "100000".to_string());
        let config = Config::load_with(&over, env).unwrap();
        let api = ApiClient::new(ClientOptions::new(
            "http://127.0.0.1:1",
            ApiKey::new(DEFAULT_SANDBOX_KEY).unwrap(),
        ))
        .unwrap();
        let s = poll_settings(&config, &api, |_| None).unwrap();
        assert_eq!(s.audit_every, floor::AUDIT_EVERY);
        assert_eq!(s.poll_interval, floor::POLL);
        assert_eq!(s.audit_page_pause, floor::AUDIT_PAGE_PAUSE);
        assert!(s.unknown_recheck >= floor::UNKNOWN_RECHECK);
    }
}
