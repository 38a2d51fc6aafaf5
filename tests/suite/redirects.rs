//! A server that answers with a redirect to another host (tests/common/hostile.rs: the hostile
//! proxy forwards every request to the emulator, so a send is applied, then answers
//! `307 Location: http://localhost:OTHER/<path>`). The till follows no redirect: the other host
//! never sees the key, the order or its ref, and a redirect is an unclear answer: a send is
//! UNCONFIRMED (reconciled by its ref once the server answers plainly), never NOT_SENT; a read
//! is an error that changes nothing.

use crate::common;

use common::hostile::{Hostile, Mode, Recorder};
use common::*;
use flexy_pos::api::ApiError;
use flexy_pos::api::list::ListRequest;
use flexy_pos::emulator::EmulatorConfig;
use flexy_pos::orders::OrderState;
use flexy_pos::orders::audit::AuditOptions;
use std::time::Duration;

/// Short, so that a NOT_FOUND would soon be taken as "never sent".
const WINDOW: Duration = Duration::from_millis(300);

fn is_redirect(e: &ApiError) -> bool {
    matches!(e, ApiError::Redirected { status: 301..=308 })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_never_followed_and_a_redirected_send_is_unconfirmed_never_not_sent() {
    // The real sandbox pace: the order is still PENDING when the server answers plainly again.
    let emu = start_emulator(EmulatorConfig {
        speed: 1.0,
        ..emulator_config(23)
    })
    .await;
    let hostile = Hostile::start(&emu.base_url(), Mode::Honest).await;
    let other = Recorder::start().await;
    let rig = Rig::with_client(
        tempfile::tempdir().expect("dir"),
        client_with_retries(&hostile.url, 2),
        fast_settings(WINDOW),
    );
    rig.lc.plans().get().await.expect("plans");

    for status in [307, 301, 302, 308] {
        hostile.set_mode(Mode::Redirect {
            status,
            to: other.url.clone(),
        });
        let rec = rig
            .lc
            .place(&mobilis_sale("0661234567", 100))
            .await
            .expect("placed: the answer was unclear, not a refusal");
        assert!(
            matches!(rec.state, OrderState::Unconfirmed { .. }),
            "{status}: {rec:#?}"
        );
        // Long past the reconcile window, checks still conclude nothing.
        tokio::time::sleep(WINDOW * 2).await;
        for _ in 0..3 {
            let outcome = rig.lc.check(&rec.reference).await;
            assert!(outcome.record().is_some());
        }
        let after = rig.get(&rec.reference);
        assert!(
            matches!(after.state, OrderState::Unconfirmed { .. }),
            "{status}: never NOT_SENT on a redirect: {after:#?}"
        );

        // Reads: an error, nothing else.
        let e = rig.lc.api().balance().await.expect_err("redirected");
        assert!(is_redirect(&e), "{status}: {e:?}");
        assert!(e.to_string().contains(&status.to_string()), "{e}");
        let list = ListRequest::new(1, 50, None).expect("request");
        let e = rig
            .lc
            .api()
            .list_topups(&list)
            .await
            .expect_err("redirected");
        assert!(is_redirect(&e), "{e:?}");
        let report = rig
            .lc
            .audit(
                &AuditOptions::last_hours(1, chrono::Utc::now()),
                &mut |_| {},
            )
            .await
            .expect("audit runs");
        assert!(report.incomplete.is_some(), "the audit says it stopped");
        assert!(report.unknown_to_server.is_empty() && report.restored.is_empty());

        // The other host received nothing at all: no key, no order, no ref.
        let got = other.received();
        assert!(
            got.is_empty(),
            "{status}: the redirect was followed: {:#?}",
            got.iter()
                .map(|r| (&r.method, &r.path, r.headers.len(), r.body.len()))
                .collect::<Vec<_>>()
        );

        // Once the server answers plainly, the ref finds the order that did land.
        hostile.set_mode(Mode::Honest);
        let found = rig.lc.check(&rec.reference).await.record().expect("rec");
        assert!(
            matches!(found.state, OrderState::Pending | OrderState::Handling),
            "{status}: {found:#?}"
        );
        assert!(found.topup_id.is_some());
    }
    let stats = http_stats(&emu.base_url()).await;
    for (r, s) in &stats.refs {
        assert_eq!((s.requests, s.accepted), (1, 1), "{r} sent once");
    }
    assert_eq!(stats.refs.len(), 4);
    assert_eq!(stats.auth_refusals, 0);
}
