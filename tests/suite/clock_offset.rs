//! A till whose clock is 40 minutes slow, injected as an emulator whose clock is 40 minutes
//! ahead (its orders' `created_at`, `meta.timestamp` and `Date` header all say so). The till
//! measures the offset from the server's answers, widens the audit's window by it, never calls
//! a just-fulfilled sale "not in OneClickDz's list", and says how far off its clock is.

use crate::common;

use common::*;
use flexy_pos::api::ClientOptions;
use flexy_pos::emulator::{DEFAULT_SANDBOX_KEY, EmulatorConfig};
use flexy_pos::i18n::Lang;
use flexy_pos::orders::audit::AuditOptions;
use flexy_pos::orders::{Lifecycle, OrderState, PlansSync, PollSettings};
use flexy_pos::rules::PriceRule;
use flexy_pos::secret::ApiKey;
use std::time::Duration;

const FORTY_MINUTES_MS: i64 = 40 * 60 * 1000;

fn settings() -> PollSettings {
    PollSettings {
        audit_page_pause: Duration::from_millis(2),
        // The order below is older than this: today's audit judges it.
        audit_skew: Duration::from_secs(1),
        ..fast_settings(Duration::from_secs(120))
    }
}

async fn server_forty_minutes_ahead() -> flexy_pos::emulator::EmulatorHandle {
    start_emulator(EmulatorConfig {
        clock_offset_ms: FORTY_MINUTES_MS,
        ..emulator_config(11)
    })
    .await
}

fn about_forty_minutes(secs: i64) -> bool {
    (40 * 60 - 60..=40 * 60 + 60).contains(&secs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_till_forty_minutes_slow_finds_its_just_fulfilled_sale_in_the_list() {
    let emu = server_forty_minutes_ahead().await;
    let rig = Rig::new(&emu.base_url(), settings());
    let sale = rig
        .lc
        .place(&mobilis_sale("0661234567", 100))
        .await
        .expect("placed");
    let done = wait_until(Duration::from_secs(10), || async {
        rig.lc.check(&sale.reference).await;
        rig.get(&sale.reference).state == OrderState::Fulfilled
    })
    .await;
    assert!(done, "fulfilled: {:#?}", rig.get(&sale.reference));
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The offset is known from the sale's answers before the audit starts.
    let report = rig
        .lc
        .audit(
            &AuditOptions::last_hours(48, chrono::Utc::now()),
            &mut |_| {},
        )
        .await
        .expect("audit");
    assert!(report.incomplete.is_none(), "{:?}", report.incomplete);
    assert!(
        report.unknown_to_server.is_empty(),
        "a just-fulfilled sale called unknown to the server: {:?}",
        report
            .unknown_to_server
            .iter()
            .map(|r| &r.reference)
            .collect::<Vec<_>>()
    );
    assert_eq!(report.checked, 1, "the sale was in the list read");
    let secs = report.summary().clock_offset_secs.expect("measured");
    assert!(about_forty_minutes(secs), "{secs} s");
    let note = report.clock_note().expect("a 40-minute gap is shown");
    assert_eq!(
        note.in_lang(Lang::En),
        "this PC's clock is 40 min behind OneClickDz's: set it right (the audit allows for it)"
    );
    for lang in [Lang::Fr, Lang::Ar] {
        assert!(note.in_lang(lang).contains("40"), "{}", note.in_lang(lang));
    }

    // A till that has not heard from the server yet learns the offset from the list itself:
    // it then judges only what the list it read covers, and still calls nothing unknown.
    let mut o = ClientOptions::new(
        emu.base_url(),
        ApiKey::new(DEFAULT_SANDBOX_KEY).expect("key"),
    );
    o.retry_delay = Duration::from_millis(5);
    let fresh = flexy_pos::api::ApiClient::new(o).expect("client");
    assert_eq!(fresh.server_clock_offset(), None);
    let plans = PlansSync::new(rig.store.clone(), fresh.clone(), Duration::from_secs(3600));
    let lc = Lifecycle::new(
        rig.store.clone(),
        fresh.clone(),
        plans,
        settings(),
        PriceRule::default(),
    )
    .expect("lifecycle");
    let report = lc
        .audit(
            &AuditOptions::last_hours(48, chrono::Utc::now()),
            &mut |_| {},
        )
        .await
        .expect("audit");
    assert!(report.unknown_to_server.is_empty(), "{report:#?}");
    assert_eq!(report.checked, 1, "read again from page 1, wider");
    assert!(about_forty_minutes(
        fresh.server_clock_offset().expect("learnt").num_seconds()
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_says_how_far_off_the_clock_is_and_reports_no_false_missing_order() {
    let emu = server_forty_minutes_ahead().await;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("config.toml"), "").expect("config");
    let cli = Cli {
        url: emu.base_url(),
        dir: dir.path().to_path_buf(),
        key: DEFAULT_SANDBOX_KEY.into(),
        log: None,
    };
    let sent = cli
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "100",
            "--wait",
        ])
        .await;
    assert_eq!(sent.code, 0, "{}{}", sent.stdout, sent.stderr);
    // Older than the skew (10 minutes ÷ the tests' time scale of 500).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let run = cli.run(&["sync"]).await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("40 min behind OneClickDz's"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("NOT IN ONECLICKDZ'S LIST"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(": 1 checked"), "{}", run.stdout);
    let run = cli.run(&["sync", "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("JSON");
    assert!(
        about_forty_minutes(v["audit"]["clock_offset_secs"].as_i64().expect("secs")),
        "{v}"
    );
    assert_eq!(v["audit"]["unknown_to_server"], 0, "{v}");
}
