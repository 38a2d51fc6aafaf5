//! Shared by the lifecycle, crash and fault tests: an emulator over loopback, a counting TCP
//! proxy in front of it, a lifecycle on a temporary store, and deadline-based waiting.
#![allow(dead_code)]

pub mod hostile;
pub mod till;
pub mod tmux;
pub mod words;

use flexy_pos::api::types::TopupStatus;
use flexy_pos::api::{ApiClient, ClientOptions};
use flexy_pos::emulator::{self, DEFAULT_SANDBOX_KEY, EmulatorConfig, EmulatorHandle, Stats};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{
    Lifecycle, OrderRecord, OrderState, PlansSync, PollSettings, PollerHandle,
};
use flexy_pos::rules::PriceRule;
use flexy_pos::secret::ApiKey;
use flexy_pos::store::Store;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Emulator speed for in-process tests: the 5 s / 15 s timeline takes 25 ms / 75 ms.
pub const SPEED: f64 = 200.0;

pub async fn start_emulator(config: EmulatorConfig) -> EmulatorHandle {
    emulator::start(config, 0).await.expect("emulator starts")
}

pub fn emulator_config(seed: u64) -> EmulatorConfig {
    EmulatorConfig {
        speed: SPEED,
        seed,
        // UNKNOWN_ERROR resolves 60 s ÷ 200 = 0.3 s after HANDLING ends.
        unknown_resolve_after: Duration::from_secs(60),
        ..EmulatorConfig::default()
    }
}

/// A PREPAID_MOBILIS sale of `amount` DA to `phone`, as typed.
pub fn mobilis_sale(phone: &str, amount: u32) -> flexy_pos::orders::NewOrder {
    flexy_pos::orders::NewOrder {
        phone: phone.into(),
        plan_code: "PREPAID_MOBILIS".into(),
        amount: Some(amount.to_string()),
    }
}

/// Fast settings: polls every 10 ms, UNKNOWN_ERROR rechecked every 100 ms, window as given.
pub fn fast_settings(window: Duration) -> PollSettings {
    PollSettings {
        poll_interval: Duration::from_millis(10),
        slow_start: Duration::from_millis(200),
        slow_max: Duration::from_millis(800),
        unknown_recheck: Duration::from_millis(100),
        backoff_max: Duration::from_millis(400),
        reconcile_window: window,
        ..PollSettings::default()
    }
}

pub fn client(base_url: &str) -> ApiClient {
    client_with_retries(base_url, 2)
}

/// A client whose read requests are retried `read_retries` times on transient errors.
pub fn client_with_retries(base_url: &str, read_retries: u32) -> ApiClient {
    let mut o = ClientOptions::new(base_url, ApiKey::new(DEFAULT_SANDBOX_KEY).expect("key"));
    o.request_timeout = Duration::from_secs(5);
    o.retry_delay = Duration::from_millis(5);
    o.read_retries = read_retries;
    ApiClient::new(o).expect("client")
}

/// A lifecycle on a fresh store in its own temp dir, talking to `base_url`.
pub struct Rig {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub lc: Lifecycle,
    pub poller: Option<PollerHandle>,
}

impl Rig {
    pub fn new(base_url: &str, settings: PollSettings) -> Rig {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::in_dir(dir, base_url, settings)
    }

    pub fn in_dir(dir: tempfile::TempDir, base_url: &str, settings: PollSettings) -> Rig {
        Self::with_client(dir, client(base_url), settings)
    }

    pub fn with_client(dir: tempfile::TempDir, api: ApiClient, settings: PollSettings) -> Rig {
        let store = Store::open(dir.path()).expect("store opens");
        let plans = PlansSync::new(store.clone(), api.clone(), Duration::from_secs(3600));
        let lc = Lifecycle::new(store.clone(), api, plans, settings, PriceRule::default())
            .expect("lifecycle");
        Rig {
            dir,
            store,
            lc,
            poller: None,
        }
    }

    pub fn with_poller(mut self) -> Rig {
        self.poller = Some(PollerHandle::start(self.lc.clone()).expect("poller starts"));
        self
    }

    pub fn get(&self, reference: &str) -> OrderRecord {
        self.store
            .get_by_ref(reference)
            .expect("store read")
            .expect("order is stored")
    }

    /// Waits until the stored order satisfies `pred`, failing with its last state otherwise.
    pub async fn wait_order(
        &self,
        reference: &str,
        within: Duration,
        pred: impl Fn(&OrderRecord) -> bool,
    ) -> OrderRecord {
        let ok = wait_until(within, || async { pred(&self.get(reference)) }).await;
        let rec = self.get(reference);
        assert!(
            ok,
            "order {reference} did not get there in {within:?}; it is {rec:#?}"
        );
        rec
    }

    pub async fn stop(mut self) -> tempfile::TempDir {
        if let Some(p) = self.poller.take() {
            p.shutdown().await;
        }
        self.dir
    }
}

/// Polls `check` every 5 ms until it holds or `within` passes.
pub async fn wait_until<F, Fut>(within: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if check().await {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// `GET /__emulator/stats` over HTTP, as an outside observer sees it.
pub async fn http_stats(base_url: &str) -> Stats {
    reqwest::get(format!("{base_url}/__emulator/stats"))
        .await
        .expect("stats answer")
        .json()
        .await
        .expect("stats JSON")
}

/// Makes an order "from the dashboard" (`POST /__emulator/external-order`): a 500 DA
/// PREPAID_MOBILIS top-up to `phone` with this ref, created `ago_secs` ago. Returns its topup id.
pub async fn external_order(base_url: &str, reference: &str, phone: &str, ago_secs: u64) -> String {
    let resp = reqwest::Client::new()
        .post(format!("{base_url}/__emulator/external-order"))
        .json(&serde_json::json!({
            "plan_code": "PREPAID_MOBILIS", "MSSIDN": phone, "amount": 500,
            "ref": reference, "ago_secs": ago_secs
        }))
        .send()
        .await
        .expect("external order answer");
    assert!(
        resp.status().is_success(),
        "external order refused: {resp:?}"
    );
    let body: serde_json::Value = resp.json().await.expect("JSON");
    body["topupId"].as_str().expect("topupId").to_string()
}

// ---------------------------------------------------------------------------------------------
// A TCP proxy that counts API requests and can lose send requests or their answers.

/// What the proxy does to `POST /v3/mobile/send`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendMode {
    Pass,
    /// The request never reaches the API; the client sees the connection close.
    Swallow,
    /// The API applies the order, but its answer is cut off.
    LoseAnswer,
}

#[derive(Default)]
pub struct Counts {
    pub sends: AtomicU64,
    pub checks: AtomicU64,
    pub other: AtomicU64,
    /// `GET /v3/mobile/list` requests, and the query string of each.
    pub lists: AtomicU64,
    pub list_queries: std::sync::Mutex<Vec<String>>,
    /// Check requests per path (`/v3/mobile/check-ref/<ref>`, `/v3/mobile/check-id/<id>`,
    /// and the same under `/v3/internet/`).
    pub check_paths: std::sync::Mutex<std::collections::HashMap<String, u64>>,
    /// `GET /v3/internet/list` requests (also counted in `other`), and their query strings.
    pub internet_lists: std::sync::Mutex<Vec<String>>,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.sends.load(Ordering::SeqCst)
            + self.checks.load(Ordering::SeqCst)
            + self.lists.load(Ordering::SeqCst)
            + self.other.load(Ordering::SeqCst)
    }
    pub fn lists(&self) -> u64 {
        self.lists.load(Ordering::SeqCst)
    }
    pub fn list_queries(&self) -> Vec<String> {
        self.list_queries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
    pub fn checks(&self) -> u64 {
        self.checks.load(Ordering::SeqCst)
    }
    pub fn sends(&self) -> u64 {
        self.sends.load(Ordering::SeqCst)
    }
    /// Check requests that named this ref or this topup id.
    pub fn checks_of(&self, reference: &str, topup_id: Option<&str>) -> u64 {
        let paths = self.check_paths.lock().unwrap_or_else(|p| p.into_inner());
        let by_ref = paths
            .get(&format!("/v3/mobile/check-ref/{reference}"))
            .copied()
            .unwrap_or(0);
        let by_id = topup_id
            .and_then(|id| paths.get(&format!("/v3/mobile/check-id/{id}")).copied())
            .unwrap_or(0);
        let internet = |path: String| paths.get(&path).copied().unwrap_or(0);
        let internet_by_id =
            topup_id.map_or(0, |id| internet(format!("/v3/internet/check-id/{id}")));
        by_ref + by_id + internet(format!("/v3/internet/check-ref/{reference}")) + internet_by_id
    }

    pub fn internet_list_queries(&self) -> Vec<String> {
        self.internet_lists
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

pub struct Proxy {
    pub url: String,
    pub counts: Arc<Counts>,
    swallow: Arc<AtomicBool>,
    lose: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    pub async fn start(upstream: std::net::SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let counts = Arc::new(Counts::default());
        let swallow = Arc::new(AtomicBool::new(false));
        let lose = Arc::new(AtomicBool::new(false));
        let (c, s, l) = (counts.clone(), swallow.clone(), lose.clone());
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (c, s, l) = (c.clone(), s.clone(), l.clone());
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        pipe(client, server, c, s, l).await;
                    }
                });
            }
        });
        Proxy {
            url,
            counts,
            swallow,
            lose,
            task,
        }
    }

    pub fn set_send_mode(&self, mode: SendMode) {
        self.swallow
            .store(mode == SendMode::Swallow, Ordering::SeqCst);
        self.lose
            .store(mode == SendMode::LoseAnswer, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn count_requests(chunk: &[u8], counts: &Counts) -> bool {
    let mut saw_send = false;
    for i in 0..chunk.len() {
        let rest = &chunk[i..];
        if rest.starts_with(b"POST /v3/mobile/send ")
            || rest.starts_with(b"POST /v3/internet/send ")
        {
            counts.sends.fetch_add(1, Ordering::SeqCst);
            saw_send = true;
        } else if rest.starts_with(b"GET /v3/mobile/check-")
            || rest.starts_with(b"GET /v3/internet/check-ref/")
            || rest.starts_with(b"GET /v3/internet/check-id/")
        {
            counts.checks.fetch_add(1, Ordering::SeqCst);
            let path = &rest[4..];
            let end = path.iter().position(|&b| b == b' ').unwrap_or(path.len());
            let path = String::from_utf8_lossy(&path[..end]).into_owned();
            *counts
                .check_paths
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .entry(path)
                .or_default() += 1;
        } else if rest.starts_with(b"GET /v3/mobile/list") {
            counts.lists.fetch_add(1, Ordering::SeqCst);
            let target = &rest[4..];
            let end = target
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(target.len());
            let target = String::from_utf8_lossy(&target[..end]).into_owned();
            let query = target
                .split_once('?')
                .map(|(_, q)| q.to_string())
                .unwrap_or_default();
            counts
                .list_queries
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(query);
        } else if rest.starts_with(b"GET /v3/") || rest.starts_with(b"POST /v3/") {
            counts.other.fetch_add(1, Ordering::SeqCst);
            if let Some(target) = rest.strip_prefix(b"GET /v3/internet/list") {
                let end = target.iter().position(|&b| b == b' ').unwrap_or(0);
                let query = String::from_utf8_lossy(&target[..end]).into_owned();
                counts
                    .internet_lists
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(query.trim_start_matches('?').to_string());
            }
        }
    }
    saw_send
}

async fn pipe(
    client: TcpStream,
    server: TcpStream,
    counts: Arc<Counts>,
    swallow: Arc<AtomicBool>,
    lose: Arc<AtomicBool>,
) {
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let send_pending = Arc::new(AtomicBool::new(false));
    let sp = send_pending.clone();
    let up = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match cr.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let chunk = &buf[..n];
            if count_requests(chunk, &counts) {
                if swallow.load(Ordering::SeqCst) {
                    return; // the send never reaches the API; both sides close
                }
                if lose.load(Ordering::SeqCst) {
                    sp.store(true, Ordering::SeqCst);
                }
            }
            if sw.write_all(chunk).await.is_err() {
                return;
            }
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match sr.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if send_pending.load(Ordering::SeqCst) {
                return; // the order was applied; its answer is lost
            }
            if cw.write_all(&buf[..n]).await.is_err() {
                return;
            }
        }
    };
    tokio::select! {
        _ = up => {}
        _ = down => {}
    }
}

// ---------------------------------------------------------------------------------------------

/// The invariants a shop owner cares about, checked against the emulator.
pub async fn verify_against_the_api(
    orders: &[OrderRecord],
    stats: &flexy_pos::emulator::Stats,
    url: &str,
) {
    let api = client(url);
    // Nothing lost: every ref the API accepted is in the store; none was accepted twice.
    for (r, s) in &stats.refs {
        assert!(s.accepted <= 1, "ref {r} accepted {} times", s.accepted);
        if s.accepted == 1 {
            assert!(
                orders.iter().any(|o| &o.reference == r),
                "the API charged ref {r} but the store lost it"
            );
        }
    }
    let accepted: u64 = stats.refs.values().map(|s| s.accepted).sum();
    assert_eq!(
        accepted as usize, stats.orders,
        "every API order came from this run"
    );

    let mut charged = Dzd::ZERO;
    for o in orders {
        assert!(o.state.is_final(), "still open after sync: {o:#?}");
        match api.check_ref(&o.reference).await {
            Ok(info) => {
                let truth = OrderState::from_api(&info.status);
                assert_eq!(Some(o.state.clone()), truth, "{o:#?} vs {info:#?}");
                assert_eq!(
                    o.api.as_ref(),
                    Some(&info),
                    "the stored answer is the API's"
                );
                if info.status != TopupStatus::Refunded {
                    charged += info.balance_amount.unwrap_or(Dzd::ZERO);
                }
            }
            Err(e) if e.is_not_found() => assert!(
                matches!(o.state, OrderState::NotSent | OrderState::Refused { .. }),
                "the API never had {}, yet the store says {}",
                o.reference,
                o.state
            ),
            Err(e) => panic!("check-ref failed: {e}"),
        }
        if let Some(s) = stats.refs.get(&o.reference) {
            assert!(s.accepted <= 1);
        }
    }
    assert_eq!(
        stats.net_charged, charged,
        "the API's net charge equals the store's"
    );
}

// ---------------------------------------------------------------------------------------------
// Tests that need a Unix tool.

/// Whether a test that needs the Unix tool `tool` (tmux, strace, fribidi) can run; when not,
/// it says why on stderr and the test returns early. `works` tries the tool; `package` is the
/// Debian package that brings it.
/// - On Windows (CI runs the suite there under Wine) these tools do not exist: skipped; the
///   Linux pass of `.ci/run` runs the test.
/// - Elsewhere a missing tool skips the test, except in CI (`CI` set: `.ci/run` installs
///   them), where it fails it.
pub fn tool_ready(tool: &str, works: impl FnOnce() -> bool, package: &str) -> bool {
    if cfg!(windows) {
        eprintln!(
            "SKIPPED on Windows: this test needs `{tool}`, a Unix tool; .ci/run runs it on Linux"
        );
        return false;
    }
    if works() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "`{tool}` is required in CI (.ci/run installs it: apt-get install {package})"
    );
    eprintln!("SKIPPED: `{tool}` is not installed or does not work (apt-get install {package})");
    false
}

/// `tool args…` runs and succeeds.
pub fn runs(tool: &str, args: &[&str]) -> bool {
    std::process::Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

// ---------------------------------------------------------------------------------------------
// The headless commands, through the real binary.

/// The real binary against an API at `url`, with its own data dir and key.
pub struct Cli {
    pub url: String,
    pub dir: std::path::PathBuf,
    pub key: String,
    /// `FLEXY_LOG` for the run (the default level when `None`).
    pub log: Option<&'static str>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Cli {
    pub async fn run(&self, args: &[&str]) -> Run {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
        if let Some(level) = self.log {
            cmd.env("FLEXY_LOG", level);
        }
        let out = cmd
            .args(args)
            .arg("--api-url")
            .arg(&self.url)
            .arg("--data-dir")
            .arg(&self.dir)
            .env_remove("FLEXY_API_URL")
            .env_remove("FLEXY_DATA_DIR")
            .env_remove("FLEXY_PRACTICE_SPEED")
            .env("FLEXY_CONFIG", self.dir.join("config.toml"))
            .env("ONECLICKDZ_API_KEY", &self.key)
            .env("FLEXY_TIME_SCALE", "500")
            // The tests read the English words; tests/suite/cli_language.rs checks the others.
            .env("FLEXY_LANG", "en")
            .output()
            .await
            .expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Every file under `dir` (store, logs, settings), to prove the key never reaches the disk.
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// Every file under `dir` with its bytes, by its path under `dir` written with `/` on every
/// platform (Windows would show `store.sled\db`).
pub fn file_contents_under(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(dir)
                .expect("under dir")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(&path).expect("readable file");
            (name, bytes)
        })
        .collect()
}

/// Removes a folder a program that just ended was using. Windows lets go of a closed file's
/// name a moment after the process ends ("directory not empty" meanwhile): try for a while.
pub fn remove_dir_all_patiently(dir: &std::path::Path) {
    let start = std::time::Instant::now();
    loop {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) if start.elapsed() > std::time::Duration::from_secs(10) => {
                panic!("{} not removed: {e}", dir.display())
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
}
