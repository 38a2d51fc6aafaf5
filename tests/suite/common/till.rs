//! A till as the shop runs it: a data folder with a config.toml, sales made by the order
//! lifecycle on the store the binary uses (`<data>/live/store`), and the real binary's `sync`,
//! `report` and `orders` against an API over loopback.

use super::{client, fast_settings, wait_until};
use flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
use flexy_pos::orders::{Lifecycle, NewOrder, OrderRecord, PlansSync, PollerHandle};
use flexy_pos::rules::PriceRule;
use flexy_pos::store::{OrderQuery, Store};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

pub struct Till {
    /// The API the binary talks to.
    pub url: String,
    pub data: tempfile::TempDir,
}

impl Till {
    /// A new data folder whose config.toml holds `config`.
    pub fn new(url: &str, config: &str) -> Till {
        let data = tempfile::tempdir().expect("dir");
        std::fs::write(data.path().join("config.toml"), config).expect("config");
        Till {
            url: url.to_string(),
            data,
        }
    }

    pub fn store_dir(&self) -> PathBuf {
        self.data.path().join("live").join("store")
    }

    /// The binary on this folder, in English, with delays scaled for the fast emulator.
    pub fn command(&self) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
        c.arg("--api-url")
            .arg(&self.url)
            .arg("--data-dir")
            .arg(self.data.path())
            .env_remove("FLEXY_API_URL")
            .env_remove("FLEXY_DATA_DIR")
            .env_remove("FLEXY_TERMINAL")
            .env("FLEXY_CONFIG", self.data.path().join("config.toml"))
            .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
            .env("FLEXY_TIME_SCALE", "500")
            .env("FLEXY_LANG", "en")
            .stdin(Stdio::null());
        c
    }

    /// `flexy-pos <args> --json`: its exit code and the one JSON object it prints.
    pub async fn json(&self, args: &[&str]) -> (i32, Value) {
        let out = self
            .command()
            .args(args)
            .arg("--json")
            .output()
            .await
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let json = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "{args:?} --json printed no JSON ({e}): {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().unwrap_or(-1), json)
    }

    /// `flexy-pos <args>` in `lang`: its exit code and everything it printed.
    pub async fn text(&self, lang: &str, args: &[&str]) -> (i32, String) {
        let out = self
            .command()
            .env("FLEXY_LANG", lang)
            .args(args)
            .output()
            .await
            .expect("the binary runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    }

    /// The store, once no till holds it (tasks of a stopped poller may for a moment).
    pub fn store(&self) -> Store {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            match Store::open(&self.store_dir()) {
                Err(flexy_pos::store::StoreError::Locked { .. })
                    if std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(20))
                }
                other => return other.expect("store opens"),
            }
        }
    }

    /// Every order of the store, by ref.
    pub fn orders(&self) -> BTreeMap<String, OrderRecord> {
        let page = self
            .store()
            .page(&OrderQuery::default(), None, 10_000)
            .expect("list");
        assert!(page.damaged.is_empty(), "{:?}", page.damaged);
        page.orders
            .into_iter()
            .map(|o| (o.reference.clone(), o))
            .collect()
    }

    /// Sells these `(phone, amount)` PREPAID top-ups (Mobilis numbers: `PREPAID_MOBILIS`) at
    /// this till through the lifecycle and waits until each is final. Returns their refs.
    pub async fn sell(&self, sales: &[(&str, u32)]) -> Vec<String> {
        let store = self.store();
        let lc = lifecycle(&store, &self.url);
        let sales: Vec<NewOrder> = sales
            .iter()
            .map(|(phone, amount)| super::mobilis_sale(phone, *amount))
            .collect();
        sell_until_final(&lc, &sales).await
    }

    pub fn path(&self) -> &Path {
        self.data.path()
    }
}

/// A lifecycle on `store` against `url`, fast settings.
pub fn lifecycle(store: &Store, url: &str) -> Lifecycle {
    let api = client(url);
    let plans = PlansSync::new(store.clone(), api.clone(), Duration::from_secs(3600));
    Lifecycle::new(
        store.clone(),
        api,
        plans,
        fast_settings(Duration::from_secs(120)),
        PriceRule::default(),
    )
    .expect("lifecycle")
}

/// Places `sales` through `lc` with its poller running, and waits until each is final.
/// Returns their refs.
pub async fn sell_until_final(lc: &Lifecycle, sales: &[NewOrder]) -> Vec<String> {
    let poller = PollerHandle::start(lc.clone()).expect("poller");
    let mut refs = Vec::new();
    for sale in sales {
        refs.push(lc.place(sale).await.expect("sale placed").reference);
    }
    let store = lc.store();
    let settled = wait_until(Duration::from_secs(20), || async {
        refs.iter().all(|r| {
            store
                .get_by_ref(r)
                .ok()
                .flatten()
                .is_some_and(|o| o.state.is_final())
        })
    })
    .await;
    assert!(settled, "the sales settle");
    poller.shutdown().await;
    refs
}

/// A till in this process (no screen): its store in `<data>/practice/store`, where a command
/// with no key looks for it.
pub async fn in_process_till(
    data: &Path,
    url: &str,
) -> (flexy_pos::till_channel::TillServer, Store) {
    let store_dir = data.join("practice").join("store");
    let store = Store::open(&store_dir).expect("store");
    let lc = lifecycle(&store, url);
    let served = flexy_pos::headless::Served {
        lifecycle: lc,
        clock: flexy_pos::rules::ShopClock::algeria(),
        info: flexy_pos::till_channel::protocol::TillInfo {
            since: chrono::Utc::now(),
            mode: flexy_pos::till_status::RunMode::Practice,
            terminal: "shop1".into(),
            pid: std::process::id(),
            version: "test".into(),
            counter: true,
        },
    };
    let server = flexy_pos::till_channel::TillServer::start(
        flexy_pos::till_channel::Endpoint::for_store(&store_dir),
        served,
    )
    .await
    .expect("the till listens");
    (server, store)
}
