//! Starting, controlling and stopping the emulator's HTTP server (127.0.0.1 only).

use super::app::App;
use super::config::{DEFAULT_SANDBOX_KEY, EmulatorConfig, FaultConfig};
use super::error::EmulatorError;
use super::routes::router;
use super::stats::Stats;
use crate::money::Dzd;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long `shutdown` waits for in-flight requests before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running emulator. Dropping it stops the server too.
#[derive(Debug)]
pub struct EmulatorHandle {
    pub addr: SocketAddr,
    app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Binds 127.0.0.1:`port` (0 = a free port) and serves in the background.
pub async fn start(config: EmulatorConfig, port: u16) -> Result<EmulatorHandle, EmulatorError> {
    let app = Arc::new(App::new(config)?);
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|source| EmulatorError::Bind { port, source })?;
    let addr = listener.local_addr()?;
    let service = router(app.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // A dropped sender also ends the wait, so a forgotten handle still stops the server.
        let signal = async move {
            let _ = stopped.await;
        };
        if let Err(e) = axum::serve(listener, service)
            .with_graceful_shutdown(signal)
            .await
        {
            tracing::warn!("emulator server stopped with an error: {e}");
        }
    });
    Ok(EmulatorHandle {
        addr,
        app,
        stop: Some(stop),
        task: Some(task),
    })
}

impl EmulatorHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The key this emulator accepts.
    pub fn key(&self) -> &str {
        &self.app.key
    }

    /// Changes the injected faults from now on (the seeded sequence continues).
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), EmulatorError> {
        faults.validate()?;
        self.app.faults.set(faults);
        Ok(())
    }

    pub fn faults(&self) -> FaultConfig {
        self.app.faults.get()
    }

    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    pub fn balance(&self) -> Dzd {
        self.app.balance()
    }

    /// Adds practice money (training); answers the new balance.
    pub fn deposit(&self, amount: Dzd) -> Result<Dzd, EmulatorError> {
        self.app.deposit(amount)
    }

    /// Stops accepting, lets in-flight requests finish (up to a few seconds), then returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The `sandbox` command: serves until Ctrl-C, printing where and with which key.
pub async fn run_foreground(config: EmulatorConfig, port: u16) -> Result<(), EmulatorError> {
    let balance_note = if config.state_file.is_some() {
        "from the state file when it exists"
    } else {
        "starting"
    };
    let state_file = config.state_file.clone();
    let speed = config.speed;
    let seed = config.seed;
    let handle = start(config, port).await?;
    // The default key is public (README); a key passed by the user is shown masked.
    let key = if handle.key() == DEFAULT_SANDBOX_KEY {
        handle.key().to_string()
    } else {
        crate::secret::ApiKey::new(handle.key())
            .map(|k| format!("{} (the key you passed)", k.masked()))
            .unwrap_or_default()
    };
    println!(
        "OneClickDz sandbox emulator listening on {}",
        handle.base_url()
    );
    println!("  API key (X-Access-Token): {key}");
    println!("  balance: {} ({balance_note})", handle.balance());
    println!("  speed: x{speed}   seed: {seed}");
    if let Some(path) = state_file {
        println!("  state file: {}", path.display());
    }
    println!(
        "  control: {}/__emulator/stats, /__emulator/faults, /__emulator/deposit",
        handle.base_url()
    );
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    println!("Stopping the emulator…");
    handle.shutdown().await;
    Ok(())
}
