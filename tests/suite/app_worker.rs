//! The worker between the counter screen and the API, with a wrong key: it must tell the staff
//! plainly and stop asking on its own, because OneClickDz blocks the shop's IP for 15 minutes
//! after 5 bad keys.

use crate::common;

use common::*;
use flexy_pos::api::{ApiClient, ApiError, ClientOptions, Refusal};
use flexy_pos::money::Dzd;
use flexy_pos::orders::ValidOrder;
use flexy_pos::rules::Phone;
use flexy_pos::secret::ApiKey;
use flexy_pos::testkit::PlanBuilder;
use flexy_pos::till_status::{Connection, RunMode};
use flexy_pos::ui::worker::Worker;
use flexy_pos::ui::{Effect, Msg, SaleDraft, SaleId};
use std::time::Duration;
use tokio::sync::mpsc::unbounded_channel;

fn bad_client(base_url: &str) -> ApiClient {
    let mut o = ClientOptions::new(
        base_url,
        ApiKey::new("mistyped-key-0000000000").expect("key"),
    );
    o.retry_delay = Duration::from_millis(5);
    ApiClient::new(o).expect("client")
}

/// The counter's worker on the rig's lifecycle: where effects go in, where messages come out,
/// and its tasks (abort them at the end).
fn start_worker(
    rig: &Rig,
    mode: RunMode,
) -> (
    tokio::sync::mpsc::UnboundedSender<Effect>,
    tokio::sync::mpsc::UnboundedReceiver<Msg>,
    Vec<tokio::task::JoinHandle<()>>,
) {
    let (msg_tx, msgs) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let worker = Worker::new(
        rig.lc.clone(),
        msg_tx,
        mode,
        flexy_pos::rules::ShopClock::algeria(),
    );
    (fx_tx, msgs, worker.spawn(fx_rx))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_spends_one_attempt_and_says_so() {
    let emu = start_emulator(emulator_config(31)).await;
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        bad_client(&emu.base_url()),
        fast_settings(Duration::from_secs(120)),
    );
    let (fx_tx, mut msgs, tasks) = start_worker(&rig, RunMode::Unchecked);

    // What the screen asks at start, 2.5 minutes of status refreshes, then a sale.
    fx_tx.send(Effect::LoadPlans).expect("send");
    for _ in 0..6 {
        fx_tx.send(Effect::RefreshStatus).expect("send");
    }
    let phone = Phone::parse("0661234567").expect("phone");
    fx_tx
        .send(Effect::SubmitSale(SaleDraft {
            id: SaleId(1),
            order: ValidOrder {
                phone,
                plan: PlanBuilder::dynamic("PREPAID_MOBILIS", "Mobilis", 40, 3999).build(),
                amount: Dzd::from_dinars(500),
                expected_cost: None,
                price: None,
            },
        }))
        .expect("send");

    let (mut told, mut sale_refused, mut status_says) = (false, false, false);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !(told && sale_refused && status_says) {
        let msg = tokio::time::timeout_at(deadline, msgs.recv())
            .await
            .expect("the worker answers in time")
            .expect("channel open");
        match msg {
            Msg::Error(e)
                if e.in_lang(flexy_pos::i18n::Lang::En)
                    .contains("API key refused") =>
            {
                told = true
            }
            Msg::SaleFailed { error, .. } => {
                let error = error.in_lang(flexy_pos::i18n::Lang::En);
                assert!(error.contains("nothing charged"), "{error}");
                sale_refused = true;
            }
            Msg::Status(st) => {
                status_says |= st.connection
                    == Connection::Error(flexy_pos::i18n::Message::new(
                        flexy_pos::i18n::MsgId::BarKeyRefused,
                    ))
            }
            _ => {}
        }
    }
    for t in tasks {
        t.abort();
    }

    // One more bad try from here shows how many the worker spent: exactly one.
    match bad_client(&emu.base_url()).balance().await {
        Err(ApiError::Refused {
            reason: Refusal::InvalidToken { attempts_left },
            ..
        }) => assert_eq!(
            attempts_left,
            Some(3),
            "the worker spent exactly one attempt"
        ),
        other => panic!("expected INVALID_ACCESS_TOKEN, got {other:?}"),
    }
    assert!(
        client(&emu.base_url()).validate().await.is_ok(),
        "IP not blocked"
    );
    assert_eq!(
        rig.store.count().expect("count"),
        0,
        "nothing was written or sent"
    );
    rig.stop().await;
}

/// A revoked key in a cron job: `sync` and `send`, run again and again, spend ONE attempt in
/// total (the latch is kept in the store under a hash of the key); the right key is not held
/// back; F5 at the counter asks once more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_costs_one_attempt_across_send_and_sync_runs_until_f5() {
    let emu = start_emulator(flexy_pos::emulator::EmulatorConfig {
        speed: 1.0, // the order stays open for the whole test
        ..emulator_config(32)
    })
    .await;
    let url = emu.base_url();
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("config.toml"), "").expect("config");
    let good = flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
    let revoked = "revoked-key-00000000000000";
    let as_key = |key: &str| Cli {
        url: url.clone(),
        dir: dir.path().to_path_buf(),
        key: key.into(),
        log: None,
    };
    let run_cli = async |key: &str, args: &[&str]| {
        let r = as_key(key).run(args).await;
        (r.code, format!("{}{}", r.stdout, r.stderr))
    };
    let send = "send --plan PREPAID_MOBILIS --phone 0661234567 --amount 500"
        .split(' ')
        .collect::<Vec<_>>();
    // An open order for `sync` to check, and a fresh plan cache.
    let (code, out) = run_cli(good, &send).await;
    assert_eq!(code, 0, "{out}");
    assert_eq!(http_stats(&url).await.auth_refusals, 0);

    for round in 0..3 {
        let (code, out) = run_cli(revoked, &["sync"]).await;
        assert_ne!(code, 0, "sync with a refused key: {out}");
        assert!(out.contains("refused"), "{out}");
        let (code, out) = run_cli(revoked, &send).await;
        assert_ne!(code, 0, "round {round}: {out}");
        assert!(out.contains("nothing charged"), "{out}");
        assert!(!out.contains(revoked), "the key never shows: {out}");
    }
    let stats = http_stats(&url).await;
    assert_eq!(stats.auth_refusals, 1, "six runs spent one attempt");
    // Kept on disk under a hash of the key, never the key itself.
    for f in files_under(dir.path()) {
        let bytes = std::fs::read(&f).expect("readable");
        assert!(
            !bytes
                .windows(revoked.len())
                .any(|w| w == revoked.as_bytes()),
            "{} holds the refused key",
            f.display()
        );
    }
    assert_eq!(stats.refs.len(), 1, "no send left with the refused key");

    // The right key is another key: not held back.
    let (code, out) = run_cli(good, &["sync"]).await;
    assert!(code == 0 || code == 5, "{out}");
    assert!(
        out.contains("1 open at start, 1 checks") && !out.contains("error"),
        "{out}"
    );
    assert_eq!(http_stats(&url).await.auth_refusals, 1);

    // At the counter with the revoked key: start-up and status refreshes ask nothing…
    let over = flexy_pos::config::Overrides {
        api_url: Some(url.clone()),
        data_dir: Some(dir.path().to_path_buf()),
        config_file: Some(dir.path().join("config.toml")),
        ..Default::default()
    };
    let config = flexy_pos::config::Config::load_with(&over, |k| {
        (k == flexy_pos::config::ENV_API_KEY).then(|| revoked.to_string())
    })
    .expect("config");
    let session = flexy_pos::session::Session::start(config, false)
        .await
        .expect("session");
    let (msg_tx, mut msgs) = unbounded_channel();
    let (fx_tx, fx_rx) = unbounded_channel();
    let worker = Worker::new(
        session.lifecycle().clone(),
        msg_tx,
        RunMode::Unchecked,
        flexy_pos::rules::ShopClock::algeria(),
    );
    let tasks = worker.spawn(fx_rx);
    let says_refused = |m: &Msg| matches!(m, Msg::Error(e) if e.in_lang(flexy_pos::i18n::Lang::En).contains("API key refused"));
    fx_tx.send(Effect::LoadPlans).expect("send");
    fx_tx.send(Effect::RefreshStatus).expect("send");
    let told = wait_for_msg(&mut msgs, says_refused).await;
    assert!(told, "the staff is told the key is refused");
    assert_eq!(http_stats(&url).await.auth_refusals, 1);

    // …F5 asks once more (and only once).
    fx_tx.send(Effect::RefreshPlans).expect("send");
    fx_tx.send(Effect::RefreshStatus).expect("send");
    let told = wait_for_msg(&mut msgs, says_refused).await;
    assert!(told, "refused again after F5, and said so");
    for _ in 0..3 {
        fx_tx.send(Effect::RefreshStatus).expect("send");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        http_stats(&url).await.auth_refusals,
        2,
        "F5 lifted the latch for one attempt"
    );
    for t in tasks {
        t.abort();
    }
    session.shutdown().await;
    // The right key still works: the IP was never blocked.
    assert!(client(&url).validate().await.is_ok(), "IP not blocked");
}

async fn wait_for_msg(
    msgs: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>,
    want: impl Fn(&Msg) -> bool,
) -> bool {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while let Ok(Some(m)) = tokio::time::timeout_at(deadline, msgs.recv()).await {
        if want(&m) {
            return true;
        }
    }
    false
}

/// An order that cannot be read is skipped by the lists, but never silently: the staff is told
/// once what to do, the status bar keeps counting it, and the readable orders are still shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_order_is_told_once_and_counted_in_the_status_bar() {
    let emu = start_emulator(emulator_config(32)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(120)));
    let at = chrono::Utc::now();
    let good = flexy_pos::testkit::OrderBuilder::new(at, 1)
        .reference("till-good")
        .build();
    let bad = flexy_pos::testkit::OrderBuilder::new(at, 2)
        .reference("till-bad")
        .build();
    rig.store.insert_new(&good).expect("write");
    rig.store.insert_new(&bad).expect("write");
    rig.store
        .raw_db()
        .open_tree("orders")
        .expect("tree")
        .insert(bad.key.to_bytes(), &[1u8, 0xc1, 0xde, 0xad][..])
        .expect("damage it");

    let (fx_tx, mut msgs, tasks) = start_worker(&rig, RunMode::Practice);
    for _ in 0..2 {
        fx_tx.send(Effect::LoadRecent { limit: 10 }).expect("send");
    }
    let (mut told, mut counted, mut lists) = (0, false, 0);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while lists < 2 {
        let msg = tokio::time::timeout_at(deadline, msgs.recv())
            .await
            .expect("the worker answers in time")
            .expect("channel open");
        match msg {
            Msg::Error(e) => {
                let text = e.in_lang(flexy_pos::i18n::Lang::En);
                assert!(
                    text.contains("1 order in the order database")
                        && text.contains("flexy-pos sync --since"),
                    "{text}"
                );
                told += 1;
            }
            Msg::Status(st) => counted |= st.damaged_orders == 1,
            Msg::RecentOrders(orders) => {
                let refs: Vec<&str> = orders.iter().map(|o| o.reference.as_str()).collect();
                assert_eq!(refs, ["till-good"]);
                lists += 1;
            }
            _ => {}
        }
    }
    for t in tasks {
        t.abort();
    }
    assert_eq!(told, 1, "told once, not on every list");
    assert!(counted, "the status bar counts it");
}
