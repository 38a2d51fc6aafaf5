//! The till against a hostile OneClickDz (tests/common/hostile.rs: a proxy in front of the
//! emulator, over loopback), one misbehaviour per test: answers about another order, unclear
//! answers to a send, loose status words, impossible amounts, rate limits with `Retry-After`,
//! and server text carrying controls and the API key. Each test asserts what the shop would
//! check: the order's state, its charge, what is shown, and what was sent.

use crate::common;

use common::hostile::{Hostile, Mode};
use common::*;
use flexy_pos::api::types::TopupStatus;
use flexy_pos::emulator::{DEFAULT_SANDBOX_KEY, EmulatorConfig, EmulatorHandle};
use flexy_pos::ledger::{Conflict, Mismatch, Note, Problem, Status};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{CheckOutcome, NewOrder, OrderRecord, OrderState, Pace, pace_of};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Short, so a NOT_FOUND soon proves a rate-limited send never landed.
const WINDOW: Duration = Duration::from_millis(300);

fn sale(phone: &str) -> NewOrder {
    NewOrder {
        phone: phone.into(),
        plan_code: "PREPAID_MOBILIS".into(),
        amount: Some("500".into()),
    }
}

/// An emulator at the real sandbox pace (PENDING for 5 s: orders stay open during a test),
/// the hostile server in front of it, and a lifecycle (no poller) talking to the latter.
async fn setup(speed: f64) -> (EmulatorHandle, Hostile, Rig) {
    let emu = start_emulator(EmulatorConfig {
        speed,
        ..emulator_config(31)
    })
    .await;
    let hostile = Hostile::start(&emu.base_url(), Mode::Honest).await;
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        client_with_retries(&hostile.url, 0),
        fast_settings(WINDOW),
    );
    rig.lc.plans().get().await.expect("plans");
    (emu, hostile, rig)
}

/// A sale sent honestly: SENT, with its topup id.
async fn sent(rig: &Rig, hostile: &Hostile, phone: &str) -> OrderRecord {
    hostile.set_mode(Mode::Honest);
    let rec = rig.lc.place(&sale(phone)).await.expect("placed");
    assert_eq!(rec.state, OrderState::Sent, "{rec:#?}");
    assert!(rec.topup_id.is_some());
    rec
}

/// Which wrong field an answer must be found to name.
type NamesIt = fn(&Mismatch) -> bool;
/// Fields a hostile answer replaces, and the wrong fields the till must name.
type Fields = Vec<(&'static str, Value)>;
type Expected = fn(&[Mismatch]) -> bool;

/// The order's last error in English (what `--json` prints).
fn last_error(rec: &OrderRecord) -> String {
    rec.last_error
        .as_ref()
        .map(|e| e.english())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// 1. An answer about another order

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_answer_about_another_order_is_rejected_and_changes_nothing() {
    let (_emu, hostile, rig) = setup(1.0).await;
    let foreign: [(&str, Value, NamesIt); 3] = [
        ("ref", json!("other-shop-1730462400-zzzzzz"), |m| {
            matches!(m, Mismatch::Ref { .. })
        }),
        ("_id", json!("ffffffffffffffffffffffff"), |m| {
            matches!(m, Mismatch::Id { .. })
        }),
        ("MSSIDN", json!("0770000000"), |m| {
            matches!(m, Mismatch::Phone { .. })
        }),
    ];
    for (field, value, names_it) in foreign {
        let before = sent(&rig, &hostile, "0661234567").await;
        // Someone else's top-up, refunded, with its own message.
        hostile.set_mode(Mode::Rewrite(vec![
            (field, value.clone()),
            ("status", json!("REFUNDED")),
            ("refund_message", json!("give the customer's money back")),
        ]));
        let outcome = rig.lc.check(&before.reference).await;
        assert!(
            matches!(outcome, CheckOutcome::Conflict { .. }),
            "{field}: {outcome:?}"
        );
        let after = rig.get(&before.reference);
        assert_eq!(after.state, OrderState::Sent, "{field}: {after:#?}");
        assert_eq!(after.topup_id, before.topup_id, "{field}: id kept");
        assert_eq!(after.api, before.api, "{field}: no foreign answer kept");
        assert!(after.refund_message().is_none());
        assert!(
            matches!(&after.last_error, Some(Problem::Conflict(Conflict::Mismatch(m))) if m.iter().any(names_it)),
            "{field}: shown on the order: {:?}",
            after.last_error
        );
        assert!(
            after
                .history
                .iter()
                .any(|h| matches!(&h.note, Some(n @ Note::Conflict(_))
                if n.message().in_lang(flexy_pos::i18n::Lang::En).contains("another"))),
            "{field}: a timeline note says why: {:#?}",
            after.history
        );

        // The true answer is taken again once the server behaves.
        hostile.set_mode(Mode::Honest);
        let rec = rig.lc.check(&before.reference).await.record().expect("rec");
        assert_eq!(rec.state, OrderState::Pending);
        assert!(rec.last_error.is_none());
    }
}

/// The issue's answer: a 100 DA sale checked as "FULFILLED, 3 999 DA topped up, 3 839.04 DA
/// charged". Before, the order became FULFILLED, "charged 3 839.04 DA" (a margin of
/// −3 684 DA); the same with only the charge, or another plan.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_answer_with_another_amount_plan_or_charge_is_a_conflict_never_applied() {
    let (_emu, hostile, rig) = setup(1.0).await;
    let cases: [(Fields, Expected); 3] = [
        (
            vec![
                ("topup_amount", json!(3999)),
                ("balance_amount", json!(3839.04)),
            ],
            |m| matches!(m, [Mismatch::Amount { .. }, Mismatch::Charge { .. }]),
        ),
        (vec![("balance_amount", json!(3839.04))], |m| {
            matches!(m, [Mismatch::Charge { .. }])
        }),
        (vec![("plan_code", json!("PREPAID_DJEZZY"))], |m| {
            matches!(m, [Mismatch::Plan { .. }])
        }),
    ];
    for (fields, expected) in cases {
        hostile.set_mode(Mode::Honest);
        let before = rig
            .lc
            .place(&mobilis_sale("0661234567", 100))
            .await
            .expect("placed");
        assert_eq!(before.state, OrderState::Sent, "{before:#?}");
        let what = format!("{fields:?}");
        let mut lie = fields.clone();
        lie.push(("status", json!("FULFILLED")));
        hostile.set_mode(Mode::Rewrite(lie));
        for _ in 0..2 {
            let outcome = rig.lc.check(&before.reference).await;
            assert!(
                matches!(outcome, CheckOutcome::Conflict { .. }),
                "{what}: {outcome:?}"
            );
        }
        let rec = rig.get(&before.reference);
        assert_eq!(rec.state, OrderState::Sent, "{what}: not applied: {rec:#?}");
        assert!(rec.api.is_none(), "{what}: no answer kept");
        assert_eq!(rec.net_charged(), None, "{what}: no charge shown");
        let shown = match &rec.last_error {
            Some(Problem::Conflict(Conflict::Mismatch(m))) if expected(m) => rec
                .last_error
                .as_ref()
                .map(|e| e.english())
                .unwrap_or_default(),
            other => panic!("{what}: {other:?}"),
        };
        assert!(shown.contains("another top-up"), "{what}: {shown}");
        let notes = rec
            .history
            .iter()
            .filter(|h| matches!(h.note, Some(Note::Conflict(_))))
            .count();
        assert_eq!(notes, 1, "{what}: noted once: {:#?}", rec.history);

        hostile.set_mode(Mode::Honest);
        let rec = rig.lc.check(&before.reference).await.record().expect("rec");
        assert_eq!(rec.state, OrderState::Pending, "{what}");
        assert!(rec.last_error.is_none());
        assert_eq!(
            rec.api.as_ref().and_then(|a| a.topup_amount),
            Some(Dzd::from_dinars(100))
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. An unclear answer to a send

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unclear_answer_to_a_send_is_unconfirmed_and_found_by_ref_never_refused() {
    let (emu, hostile, rig) = setup(1.0).await;
    let unclear = [
        (
            200,
            r#"{"success":false,"error":{"code":"ERR_VALIDATION","message":"body/amount must be >= 40"}}"#,
        ),
        (200, r#"{"success":false}"#),
        (
            403,
            r#"{"success":false,"error":{"code":"ORDER_QUEUED_ELSEWHERE","message":"?"}}"#,
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"ERR_VALIDATION","message":"wrong status for this code"}}"#,
        ),
        (400, "<html><body>Bad Request</body></html>"),
        // Accepted, but for another ref: its topupId is not ours to keep.
        (
            200,
            r#"{"success":true,"data":{"topupId":"ffffffffffffffffffffffff","topupRef":"other-shop-1-zzzz"}}"#,
        ),
    ];
    for (status, body) in unclear {
        hostile.set_mode(Mode::SendAnswer {
            status,
            body: body.into(),
        });
        let rec = rig.lc.place(&sale("0661234567")).await.expect("stored");
        let what = format!("HTTP {status} {body}");
        assert!(
            !matches!(rec.state, OrderState::Refused { .. } | OrderState::NotSent),
            "{what}: nothing proves it was not charged: {rec:#?}"
        );
        assert!(
            rec.history.iter().any(|h| h.state == Status::Unconfirmed),
            "{what}: unconfirmed first: {:#?}",
            rec.history
        );
        // The API did accept it: reconciled by its ref, with the API's topup id.
        assert!(
            matches!(rec.state, OrderState::Sent | OrderState::Pending),
            "{what}: found by ref: {rec:#?}"
        );
        assert!(rec.topup_id.is_some(), "{what}");
        assert_ne!(
            rec.topup_id.as_deref(),
            Some("ffffffffffffffffffffffff"),
            "{what}"
        );
        let stats = http_stats(&emu.base_url()).await;
        assert_eq!(stats.refs[&rec.reference].accepted, 1, "{what}");
        assert_eq!(rec.send_attempts, 1, "{what}: never resent");
    }

    // A documented refusal still proves nothing was charged.
    hostile.set_mode(Mode::SendAnswer {
        status: 403,
        body: r#"{"success":false,"error":{"code":"INSUFFICIENT_BALANCE","message":"Your balance is insufficient for this operation","details":{"required":480,"available":10}}}"#.into(),
    });
    let rec = rig.lc.place(&sale("0661234567")).await.expect("stored");
    assert!(
        matches!(&rec.state, OrderState::Refused { code, .. } if code == "INSUFFICIENT_BALANCE"),
        "{rec:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Loose status words

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_words_other_than_the_documented_ones_are_unknown_and_never_final() {
    let (_emu, hostile, rig) = setup(1.0).await;
    for word in [
        " refunded ",
        "fulfilled",
        "Refunded",
        "REFUNDED\n",
        "SUCCESS",
        "FAILED",
        "",
    ] {
        let before = sent(&rig, &hostile, "0661234567").await;
        hostile.set_mode(Mode::Rewrite(vec![("status", json!(word))]));
        let rec = rig
            .lc
            .check(&before.reference)
            .await
            .record()
            .expect("record");
        assert_eq!(rec.state, OrderState::Sent, "{word:?}: {rec:#?}");
        assert!(rec.state.is_open(), "{word:?}");
        assert_eq!(
            rec.api.as_ref().map(|a| a.status.clone()),
            Some(TopupStatus::Other(word.into())),
            "{word:?}: kept as sent"
        );
        assert_eq!(
            pace_of(&rec),
            Some(Pace::Strange),
            "{word:?}: polled slowly"
        );
        assert!(
            last_error(&rec).contains("unknown — asking again later"),
            "{word:?}: shown: {:?}",
            rec.last_error
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Impossible amounts

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn impossible_amounts_are_a_protocol_error_not_a_charge() {
    let (_emu, hostile, rig) = setup(1.0).await;
    let cases = [
        (json!(-500), json!(480)),
        (json!(500), json!(-480)),
        (json!(500), json!(990_000_000_000_000u64)),
        (json!(990_000_000_000_000u64), json!(480)),
        (json!(500), json!(1e300)),
    ];
    for (topup, balance) in cases {
        let before = sent(&rig, &hostile, "0661234567").await;
        hostile.set_mode(Mode::Rewrite(vec![
            ("status", json!("FULFILLED")),
            ("topup_amount", topup.clone()),
            ("balance_amount", balance.clone()),
        ]));
        let outcome = rig.lc.check(&before.reference).await;
        let what = format!("topup {topup} balance {balance}");
        assert!(
            matches!(outcome, CheckOutcome::Failed { .. }),
            "{what}: {outcome:?}"
        );
        let rec = rig.get(&before.reference);
        assert_eq!(rec.state, OrderState::Sent, "{what}: {rec:#?}");
        assert!(rec.api.is_none(), "{what}: no impossible charge stored");
        assert!(
            last_error(&rec).contains("amount"),
            "{what}: {:?}",
            rec.last_error
        );
        // A broken answer, not a lost one: it is noted on the order's timeline.
        assert!(
            rec.history.iter().any(|h| h.note.as_ref().is_some_and(|n| n
                .message()
                .in_lang(flexy_pos::i18n::Lang::En)
                .contains("amount"))),
            "{what}: noted on the timeline: {:#?}",
            rec.history
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Rate limits

/// The time between the first 429 the hostile server gave and the request after it.
fn wait_after_429(hostile: &Hostile) -> Duration {
    let seen = hostile.seen();
    let i = seen
        .iter()
        .position(|s| s.status == 429)
        .expect("a 429 was given");
    let next = seen
        .get(i + 1)
        .unwrap_or_else(|| panic!("no request after the 429: {seen:?}"));
    next.at - seen[i].at
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_holds_back_every_request_of_any_kind() {
    let (_emu, hostile, _rig) = setup(200.0).await;
    let api = client_with_retries(&hostile.url, 0);
    let other = api.clone();
    // Delay-seconds, and an HTTP-date 3 s ahead (whole seconds: a wait of more than 2 s).
    let in_3s = || {
        (chrono::Utc::now() + chrono::Duration::seconds(3))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string()
    };
    // Upper bounds well under the 5 s the client waits when it cannot read a Retry-After.
    for (date, at_least, at_most) in [
        (false, Duration::from_secs(1), Duration::from_secs(3)),
        (
            true,
            Duration::from_millis(1800),
            Duration::from_millis(4500),
        ),
    ] {
        let retry_after = if date { in_3s() } else { "1".to_string() };
        hostile.clear_seen();
        hostile.set_mode(Mode::RateLimit {
            path: Some("/v3/account/balance"),
            n: 1,
            retry_after: Some(retry_after.clone()),
        });
        let e = api.balance().await.expect_err("rate limited");
        assert!(e.is_transient(), "{e}");
        // Another part of the till asks for something else right away: it waits too.
        let started = Instant::now();
        other.plans().await.expect("plans after the wait");
        let waited = wait_after_429(&hostile);
        assert!(
            waited >= at_least && waited <= at_most,
            "Retry-After {retry_after}: the next request came {waited:?} after the 429"
        );
        assert!(started.elapsed() <= at_most);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_retry_after_the_client_backs_off_and_doubles_while_limited() {
    let (_emu, hostile, _rig) = setup(200.0).await;
    let mut o = flexy_pos::api::ClientOptions::new(
        hostile.url.clone(),
        flexy_pos::secret::ApiKey::new(DEFAULT_SANDBOX_KEY).expect("key"),
    );
    o.read_retries = 0;
    o.rate_limit_backoff = Duration::from_millis(400);
    let api = flexy_pos::api::ApiClient::new(o).expect("client");
    hostile.set_mode(Mode::RateLimit {
        path: None,
        n: 2,
        retry_after: None,
    });
    hostile.clear_seen();
    assert!(api.balance().await.is_err());
    assert!(api.plans().await.is_err(), "second 429 in a row");
    api.validate().await.expect("through");
    let seen = hostile.seen();
    assert_eq!(
        seen.iter().map(|s| s.status).collect::<Vec<_>>(),
        [429, 429, 200]
    );
    assert!(
        seen[1].at - seen[0].at >= Duration::from_millis(400),
        "{seen:?}"
    );
    assert!(
        seen[2].at - seen[1].at >= Duration::from_millis(800),
        "{seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_send_waits_is_never_refused_and_keeps_its_ref() {
    let (emu, hostile, rig) = setup(200.0).await;

    // Limited once: sent again with the same ref after the wait the server asked for.
    hostile.set_mode(Mode::RateLimit {
        path: Some("/v3/mobile/send"),
        n: 1,
        retry_after: Some("1".into()),
    });
    hostile.clear_seen();
    let rec = rig.lc.place(&sale("0661234567")).await.expect("stored");
    assert_eq!(rec.state, OrderState::Sent, "{rec:#?}");
    assert_eq!(rec.send_attempts, 2);
    assert!(wait_after_429(&hostile) >= Duration::from_secs(1));
    assert_eq!(
        http_stats(&emu.base_url()).await.refs[&rec.reference].accepted,
        1
    );

    // Limited on every attempt: never REFUSED; reconciled by its ref, then sent again with it.
    hostile.set_mode(Mode::RateLimit {
        path: Some("/v3/mobile/send"),
        n: 1000,
        retry_after: Some("1".into()),
    });
    hostile.clear_seen();
    let rec = rig.lc.place(&sale("0661112222")).await.expect("stored");
    assert!(
        !matches!(rec.state, OrderState::Refused { .. }),
        "a 429 proves nothing about an order: {rec:#?}"
    );
    // Unconfirmed, or already NOT_SENT if check-ref (held by the gate past the short reconcile
    // window) found nothing: both mean "send it again with the same ref", never "refused".
    assert!(
        matches!(
            rec.state,
            OrderState::Unconfirmed { .. } | OrderState::NotSent
        ),
        "{rec:#?}"
    );
    assert_eq!(rec.send_attempts, 3);
    // Its timeline says why, in a note the screen words in the clerk's language.
    use flexy_pos::i18n::Lang;
    use flexy_pos::ledger::notes::Note;
    let note = rec
        .history
        .iter()
        .filter_map(|h| h.note.clone())
        .find(|n| matches!(n, Note::StillRateLimited(_)))
        .unwrap_or_else(|| panic!("no rate-limit note: {:#?}", rec.history));
    assert_eq!(note, Note::StillRateLimited(3));
    let fr = note.message().in_lang(Lang::Fr);
    assert!(fr.contains("3 essais") && fr.contains("même réf"), "{fr}");
    let sends: Vec<_> = hostile
        .seen()
        .into_iter()
        .filter(|s| s.path == "/v3/mobile/send")
        .collect();
    for pair in sends.windows(2) {
        assert!(
            pair[1].at - pair[0].at >= Duration::from_secs(1),
            "a resend came before Retry-After: {sends:?}"
        );
    }
    hostile.set_mode(Mode::Honest);
    tokio::time::sleep(WINDOW).await;
    let rec = match rec.state {
        OrderState::NotSent => rec,
        _ => rig.lc.check(&rec.reference).await.record().expect("record"),
    };
    assert_eq!(
        rec.state,
        OrderState::NotSent,
        "never reached the API: {rec:#?}"
    );
    let again = rig.lc.retry_not_sent(&rec.reference).await.expect("retry");
    assert_eq!(again.reference, rec.reference);
    assert_eq!(again.state, OrderState::Sent, "{again:#?}");
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&rec.reference].accepted, 1);
}

// ---------------------------------------------------------------------------------------------
// 12. Server text on every output path

fn holds(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w == n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_text_is_sanitized_and_the_key_redacted_on_every_output_path() {
    let emu = start_emulator(emulator_config(37)).await;
    // The key whole, and cut by a bidi mark and by an escape sequence: both of those show
    // whole on a terminal once the invisible part is gone.
    let (head, rest) = DEFAULT_SANDBOX_KEY.split_at(13);
    let tail = format!(
        " \u{202e}evil\u{9b}31m \u{1b}]0;title\u{7} {DEFAULT_SANDBOX_KEY} \
         {head}\u{200f}{rest} {head}\u{1b}[1m{rest}"
    );
    let hostile = Hostile::start(&emu.base_url(), Mode::Echo { tail }).await;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("config.toml"), "# defaults\n").expect("config");
    let cli = Cli {
        url: hostile.url.clone(),
        dir: dir.path().to_path_buf(),
        key: DEFAULT_SANDBOX_KEY.into(),
        log: Some("debug"),
    };
    // Raw, and as JSON writes the C0 ones (`\u001b`): either way they would reach a terminal.
    let forbidden = [
        "\u{202e}",
        "\u{9b}",
        "\u{1b}",
        "\\u001b",
        "\\u0007",
        DEFAULT_SANDBOX_KEY,
    ];
    let mut runs = Vec::new();
    for args in [
        &["plans", "--refresh", "--json"][..],
        &["plans"][..],
        &[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0600000002",
            "--amount",
            "100",
            "--wait",
            "--json",
        ][..],
        &[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0600000001",
            "--amount",
            "100",
            "--wait",
        ][..],
        &[
            "send",
            "--plan",
            "GROS_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "300000",
        ][..],
        &["orders", "--json"][..],
        &["orders"][..],
        &["sync"][..],
        &["orders", "--csv"][..],
        &["report", "--csv"][..],
        &["report", "--json"][..],
    ] {
        let run = cli.run(args).await;
        assert!(
            run.code != 1 && run.code != 101,
            "{args:?}: exit {} stdout {} stderr {}",
            run.code,
            run.stdout,
            run.stderr
        );
        for bad in forbidden {
            for (what, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
                assert!(!text.contains(bad), "{args:?} {what} holds {bad:?}: {text}");
            }
        }
        runs.push((args.to_vec(), run));
    }
    // The texts are shown (redacted, sanitized), not dropped.
    let plans = &runs[0].1.stdout;
    assert!(
        plans.contains("evil") && plans.contains("••••0001"),
        "{plans}"
    );
    let sent: Value = serde_json::from_str(runs[2].1.stdout.trim()).expect("send --json");
    assert_eq!(sent["status"], "REFUNDED");
    let msg = sent["refund_message"].as_str().expect("message");
    assert!(msg.contains("evil") && msg.contains("••••0001"), "{msg}");
    assert!(
        sent["suggested_offers"][0]["typename"]
            .as_str()
            .is_some_and(|t| t.contains("••••0001")),
        "{sent}"
    );
    assert!(
        runs[3].1.stdout.contains("message:"),
        "{}",
        runs[3].1.stdout
    );

    // Nothing the app wrote holds the key; the log holds no control either, yet it does hold
    // the (redacted) server text of the refused sale.
    let files = files_under(dir.path());
    let logs: Vec<u8> = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("log"))
        .flat_map(|f| std::fs::read(f).expect("log"))
        .collect();
    let logs = String::from_utf8_lossy(&logs);
    assert!(
        logs.contains("INSUFFICIENT_BALANCE") && logs.contains("evil") && logs.contains("••••0001"),
        "{logs}"
    );
    for f in files {
        let bytes = std::fs::read(&f).expect("readable");
        assert!(
            !holds(&bytes, DEFAULT_SANDBOX_KEY),
            "{} holds the key",
            f.display()
        );
        if f.to_string_lossy().contains("log") {
            for bad in ["\u{202e}", "\u{9b}"] {
                assert!(!holds(&bytes, bad), "{} holds {bad:?}", f.display());
            }
        }
    }
}
