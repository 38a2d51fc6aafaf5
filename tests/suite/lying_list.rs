//! A list that lies about its length (tests/common/hostile.rs, `Mode::ListRepeats`): every page
//! is page 1 again under `totalPages = 10^9`, or every page brings made-up orders. The audit
//! stops when a page brings nothing new, and on a page bound derived from its time window and
//! the list's own count, and says so (typed in the report, worded in `sync`'s summary).

use crate::common;

use common::hostile::{Hostile, Mode};
use common::*;
use flexy_pos::orders::PollSettings;
use flexy_pos::orders::audit::{AuditOptions, ListCut};
use std::time::Duration;

const BILLION: u64 = 1_000_000_000;

fn settings() -> PollSettings {
    PollSettings {
        audit_page_pause: Duration::from_millis(2),
        audit_skew: Duration::from_secs(1),
        ..fast_settings(Duration::from_secs(120))
    }
}

/// An emulator holding `n` orders made elsewhere in the last hour, behind a hostile proxy.
async fn account(n: u64) -> (flexy_pos::emulator::EmulatorHandle, Hostile) {
    let emu = start_emulator(emulator_config(7)).await;
    for i in 0..n {
        external_order(
            &emu.base_url(),
            &format!("web-{i:03}"),
            "0661234567",
            60 + i,
        )
        .await;
    }
    let hostile = Hostile::start(&emu.base_url(), Mode::Honest).await;
    (emu, hostile)
}

/// A till (plans cached) talking to `hostile`, which from now on lies about the list.
async fn till_facing_a_lying_list(hostile: &Hostile, fresh: bool) -> Rig {
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        client(&hostile.url),
        settings(),
    );
    rig.lc.plans().get().await.expect("plans");
    hostile.set_mode(Mode::ListRepeats {
        total_pages: BILLION,
        fresh,
    });
    hostile.clear_seen();
    rig
}

fn lists(hostile: &Hostile) -> usize {
    hostile
        .seen()
        .iter()
        .filter(|s| s.path == "/v3/mobile/list")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_repeating_page_one_under_a_billion_pages_is_read_twice_and_reported() {
    let (_emu, hostile) = account(60).await;
    let rig = till_facing_a_lying_list(&hostile, false).await;
    let options = AuditOptions::last_hours(2, chrono::Utc::now());
    let report = tokio::time::timeout(Duration::from_secs(60), rig.lc.audit(&options, &mut |_| {}))
        .await
        .expect("the walk ends (it read page after page before)")
        .expect("audit");
    assert_eq!(report.pages, 2, "page 1, then its copy");
    assert_eq!(lists(&hostile), 2);
    assert_eq!(report.cut, Some(ListCut::Repeating { page: 2 }));
    assert_eq!(report.checked, 50);
    let why = report
        .incomplete
        .expect("incomplete")
        .in_lang(flexy_pos::i18n::Lang::En);
    assert!(why.contains("repeating its pages"), "{why}");
    assert!(
        report.unknown_to_server.is_empty(),
        "an unread list judges no order unknown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_of_endless_made_up_pages_stops_at_what_its_window_can_hold() {
    let (_emu, hostile) = account(50).await;
    let rig = till_facing_a_lying_list(&hostile, true).await;
    // Ten minutes (read a second wider at each end): at most 3 600 orders an hour, 50 a page,
    // is 72 pages for the hour it starts in, plus 2.
    let options = AuditOptions {
        since: chrono::Utc::now() - chrono::Duration::minutes(10),
        page_size: 50,
    };
    let report = tokio::time::timeout(
        Duration::from_secs(120),
        rig.lc.audit(&options, &mut |_| {}),
    )
    .await
    .expect("the walk ends")
    .expect("audit");
    assert_eq!(
        report.cut,
        Some(ListCut::PageBound {
            pages: 74,
            claimed: BILLION
        })
    );
    assert_eq!(report.pages, 74);
    assert_eq!(lists(&hostile), 74);

    // Honest again: read to the end, nothing cut.
    hostile.set_mode(Mode::Honest);
    let report = rig.lc.audit(&options, &mut |_| {}).await.expect("audit");
    // One page of the mobile list, one of the internet list.
    assert_eq!((report.pages, report.cut), (2, None));
    assert!(report.incomplete.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_says_the_list_repeated_itself_in_text_and_json() {
    let (_emu, hostile) = account(60).await;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("config.toml"), "").expect("config");
    let cli = Cli {
        url: hostile.url.clone(),
        dir: dir.path().to_path_buf(),
        key: flexy_pos::emulator::DEFAULT_SANDBOX_KEY.into(),
        log: None,
    };
    hostile.set_mode(Mode::ListRepeats {
        total_pages: BILLION,
        fresh: false,
    });
    let run = cli.run(&["sync", "--json"]).await;
    assert_eq!(
        run.code, 1,
        "the audit is incomplete: {}{}",
        run.stdout, run.stderr
    );
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    assert_eq!(v["audit"]["pages"], 2, "{v}");
    assert_eq!(v["audit"]["complete"], false);
    assert_eq!(
        v["audit"]["list_cut"],
        serde_json::json!({"kind": "repeating", "page": 2})
    );
    let run = cli.run(&["sync"]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("page 2 of OneClickDz's list brought no order"),
        "{}",
        run.stdout
    );
}
