//! Idoom internet top-ups (ADSL, 4G; §13) end to end against the emulator over loopback: the
//! routes as documented, every status through the lifecycle and the poller, a crash between the
//! write and the send, QUEUED kept open and re-checked slowly, the audit reading
//! `/v3/internet/list`, a client that reads both shapes the docs give, and the commands.

use crate::common;

use common::*;
use flexy_pos::api::internet::InternetSendRequest;
use flexy_pos::api::types::TopupStatus;
use flexy_pos::emulator::{EmulatorConfig, FaultConfig};
use flexy_pos::ledger::reference;
use flexy_pos::ledger::{OrderRecord, OrderState, Origin, Status};
use flexy_pos::money::Dzd;
use flexy_pos::orders::audit::AuditOptions;
use flexy_pos::orders::{LineCheckError, NewInternetOrder, OrderError, PollSettings};
use flexy_pos::rules::{InternetNumber, InternetType, Line, Product};
use flexy_pos::testkit::OrderBuilder;
use serde_json::{Value, json};
use std::time::Duration;

const SETTLE: Duration = Duration::from_secs(15);

/// The emulator at test speed; QUEUED lasts `queued_secs` of emulated time (÷ 200).
fn config(seed: u64, queued_secs: u64) -> EmulatorConfig {
    EmulatorConfig {
        queued_resolve_after: Duration::from_secs(queued_secs),
        ..emulator_config(seed)
    }
}

/// Fast polling, QUEUED re-checked every `queued` (hours on a real till).
fn settings(queued: Duration) -> PollSettings {
    PollSettings {
        queued_recheck: queued,
        ..fast_settings(Duration::from_millis(500))
    }
}

async fn get(base: &str, path: &str) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("X-Access-Token", flexy_pos::emulator::DEFAULT_SANDBOX_KEY)
        .send()
        .await
        .expect("request");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

async fn post(base: &str, path: &str, body: Value) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("X-Access-Token", flexy_pos::emulator::DEFAULT_SANDBOX_KEY)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

#[tokio::test]
async fn the_emulator_serves_the_internet_api_as_documented() {
    let emu = start_emulator(config(1, 3600)).await;
    let base = emu.base_url();
    // Products, the English shape.
    let (s, v) = get(&base, "/v3/internet/products?type=ADSL").await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["type"], "ADSL");
    assert_eq!(
        v["data"]["products"][0],
        json!({"value": 500, "cost": 490, "available": true})
    );
    let (s, v) = get(&base, "/v3/internet/products?type=FTTH").await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (400, Some("ERR_VALIDATION"))
    );
    // check-number: a line, its offer; ERR_PHONE with details for the wrong format.
    let (s, v) = get(
        &base,
        "/v3/internet/check-number?type=ADSL&number=036362608",
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["type"], "ADSL");
    assert_eq!(v["data"]["offre"], "FTTc-b_10M'");
    let (s, v) = get(
        &base,
        "/v3/internet/check-number?type=4G&number=213472731602",
    )
    .await;
    assert_eq!((s, v["data"]["type"].as_str()), (200, Some("4GLTE")));
    let (s, v) = get(
        &base,
        "/v3/internet/check-number?type=ADSL&number=0661234567",
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], "ERR_PHONE");
    assert_eq!(
        v["error"]["message"],
        "Invalid phone number for ADSL service"
    );
    assert_eq!(v["error"]["details"]["number"], "0661234567");
    assert_eq!(v["error"]["details"]["type"], "ADSL");
    // Send, then the top-up by ref and by id, then the list.
    let body = json!({"type": "ADSL", "number": "036362608", "value": 1000, "ref": "doc-1"});
    let (s, v) = post(&base, "/v3/internet/send", body.clone()).await;
    assert_eq!(s, 200, "{v}");
    let id = v["data"]["topupId"].as_str().expect("id").to_string();
    assert_eq!(v["data"]["topupRef"], "doc-1");
    let (s, v) = post(&base, "/v3/internet/send", body).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (403, Some("DUPLICATED-REF"))
    );
    let (_, v) = get(&base, "/v3/internet/check-ref/doc-1").await;
    assert_eq!(v["data"]["status"], "HANDLING", "no PENDING for internet");
    assert_eq!(v["data"]["number"], "036362608");
    assert!(v["data"].get("card_code").is_none());
    tokio::time::sleep(Duration::from_millis(80)).await;
    let (_, v) = get(&base, &format!("/v3/internet/check-id/{id}")).await;
    let item = &v["data"];
    assert_eq!(item["status"], "FULFILLED");
    for field in ["card_code", "num_trans", "date_traitement", "created_at"] {
        assert!(item[field].is_string(), "{field}: {item}");
    }
    assert!(item["num_trans"].as_str().unwrap().starts_with("AT-"));
    let (s, v) = get(&base, "/v3/internet/check-ref/nope").await;
    assert_eq!((s, v["error"]["code"].as_str()), (404, Some("NOT_FOUND")));
    let (_, v) = get(&base, "/v3/internet/list?page=1&pageSize=10").await;
    assert_eq!(
        v["data"]["items"][0], *item,
        "the list's item is check-id's"
    );
    assert_eq!(v["data"]["pagination"]["totalResults"], 1);
    let (s, _) = get(&base, "/v3/internet/list?from=2025-10-01T00:00:00Z").await;
    assert_eq!(s, 400, "from and to together");
    let (_, v) = get(&base, "/v3/mobile/check-ref/doc-1").await;
    assert_eq!(
        v["error"]["code"], "NOT_FOUND",
        "a mobile check does not see it"
    );
    // The balance paid the product's cost.
    assert_eq!(emu.stats().charged_total, Dzd::from_dinars(980));

    // Ping: every operator up, until the fault switch takes one down.
    let (_, v) = get(&base, "/v3/ping").await;
    assert_eq!(v["data"]["operators"]["djezzy"], "up");
    emu.set_faults(FaultConfig {
        operators_down: vec!["djezzy".into()],
        ..FaultConfig::default()
    })
    .expect("faults");
    let (_, v) = get(&base, "/v3/ping").await;
    assert_eq!(v["data"]["operators"]["djezzy"], "down");
    assert_eq!(v["data"]["operators"]["mobilis"], "up");
    let (s, _) = post(
        &base,
        "/__emulator/faults",
        json!({"operators_down": ["nedjma"]}),
    )
    .await;
    assert_eq!(s, 400, "an operator ping does not report is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adsl_and_4g_sell_through_every_status() {
    // QUEUED for 60 s ÷ 200 = 0.3 s after HANDLING.
    let emu = start_emulator(config(2, 60)).await;
    let rig = Rig::new(&emu.base_url(), settings(Duration::from_millis(100))).with_poller();
    for kind in InternetType::ALL {
        let [refund, queued, no_line] = kind.sandbox_numbers();
        let normal = match kind {
            InternetType::Adsl => "036 36 26 08",
            InternetType::FourG => "+213 472 73 16 02",
        };
        let sell = |number: &str| {
            let req = NewInternetOrder {
                kind,
                number: number.into(),
                value: "1000".into(),
            };
            let lc = rig.lc.clone();
            async move {
                let valid = lc.validate_internet(&req).await.expect("valid sale");
                lc.place_internet(valid).await.expect("placed")
            }
        };
        // FULFILLED, with the proof the customer must get.
        let placed = sell(normal).await;
        assert_eq!(placed.line, Line::Internet(kind));
        assert_eq!(placed.expected_cost, Some(Dzd::from_dinars(980)));
        let done = rig
            .wait_order(&placed.reference, SETTLE, |r| r.state.is_final())
            .await;
        assert_eq!(done.state, OrderState::Fulfilled, "{done:#?}");
        let (code, trans, date) = done.internet_proof().expect("proof");
        assert_eq!(code.len(), 16);
        assert!(trans.starts_with("AT-") && !date.is_empty());
        assert_eq!(done.net_charged(), Some(Dzd::from_dinars(980)));
        let states: Vec<Status> = done.history.iter().map(|h| h.state).collect();
        assert_eq!(
            states,
            [
                Status::Saved,
                Status::Sent,
                Status::Handling,
                Status::Fulfilled
            ]
        );
        // REFUNDED: the only failure, and nothing charged.
        let r = sell(refund).await;
        let r = rig
            .wait_order(&r.reference, SETTLE, |r| r.state.is_final())
            .await;
        assert_eq!(r.state, OrderState::Refunded);
        assert_eq!(r.net_charged(), Some(Dzd::ZERO));
        assert!(r.internet_proof().is_none());
        // QUEUED: open, never failed, then delivered.
        let q = sell(queued).await;
        let q1 = rig
            .wait_order(&q.reference, SETTLE, |r| r.state == OrderState::Queued)
            .await;
        assert!(!q1.state.is_final() && q1.state.is_settled());
        assert_ne!(q1.state, OrderState::Refunded);
        let q2 = rig
            .wait_order(&q.reference, SETTLE, |r| r.state.is_final())
            .await;
        assert_eq!(q2.state, OrderState::Fulfilled);
        assert!(q2.internet_proof().is_some());
        assert!(
            q2.history.iter().any(|h| h.state == Status::Queued),
            "the timeline keeps QUEUED"
        );
        // ERR_PHONE: the check before the sale refuses the line, and so does the send.
        let bad = InternetNumber::parse(kind, no_line).expect("well formed");
        match rig.lc.check_line(&bad).await {
            Err(LineCheckError::Refused(e)) => {
                assert!(e.to_string().contains("ERR_PHONE"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        let refused = sell(no_line).await;
        assert!(
            matches!(&refused.state, OrderState::Refused { code, .. } if code == "ERR_PHONE"),
            "{refused:#?}"
        );
        assert_eq!(refused.net_charged(), Some(Dzd::ZERO));
        let good = InternetNumber::parse(kind, normal).expect("valid");
        let found = rig.lc.check_line(&good).await.expect("a line");
        assert!(found.ncli.is_some());
    }
    // What the API charged is what the store says, order by order.
    let stats = emu.stats();
    let orders = rig
        .store
        .page(&Default::default(), None, 100)
        .expect("page")
        .orders;
    let charged = orders
        .iter()
        .map(|o| o.net_charged().unwrap_or(Dzd::ZERO))
        .fold(Dzd::ZERO, |a, b| a + b);
    assert_eq!(stats.net_charged, charged);
    for (r, s) in &stats.refs {
        assert!(s.requests <= 1 && s.accepted <= 1, "{r}: {s:?}");
    }
    rig.stop().await;
}

/// An internet order as the lifecycle writes it just before its send leaves.
fn saved_internet(rig: &Rig, kind: InternetType, number: &str) -> OrderRecord {
    let key = reference::next_key();
    let rec = OrderBuilder::new(chrono::Utc::now(), 0)
        .key(key)
        .reference(reference::make_ref(
            &rig.store.terminal_id().expect("id"),
            key,
        ))
        .internet(kind, number)
        .amount(Dzd::from_dinars(500))
        .expected_cost(Dzd::from_dinars(490))
        .changed(chrono::TimeDelta::zero(), Status::Saved, None)
        .build();
    rig.store.insert_new(&rec).expect("insert");
    rec
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_between_write_and_send_is_reconciled_and_nothing_is_sent_twice() {
    let emu = start_emulator(config(3, 3600)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_millis(500)));
    // Two orders left SAVED by a crash: one whose send had reached the API, one whose had not.
    let landed = saved_internet(&rig, InternetType::Adsl, "036362608");
    let lost = saved_internet(&rig, InternetType::FourG, "213472731602");
    client(&emu.base_url())
        .internet_send(&InternetSendRequest {
            kind: InternetType::Adsl,
            number: landed.phone.clone(),
            value: 500,
            reference: Some(landed.reference.clone()),
        })
        .await
        .expect("the crashed process's send");
    let rig = rig.with_poller();
    let a = rig
        .wait_order(&landed.reference, SETTLE, |r| r.state.is_final())
        .await;
    let b = rig
        .wait_order(&lost.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(a.state, OrderState::Fulfilled, "{a:#?}");
    assert!(a.internet_proof().is_some());
    assert_eq!(b.state, OrderState::NotSent, "{b:#?}");
    let stats = http_stats(&emu.base_url()).await;
    assert_eq!(stats.refs[&landed.reference].requests, 1, "not resent");
    assert!(
        !stats.refs.contains_key(&lost.reference),
        "never sent automatically"
    );
    // Sold again by the clerk (same ref): sent once, and delivered.
    let again = rig.lc.retry_not_sent(&lost.reference).await.expect("retry");
    assert_eq!(again.reference, lost.reference);
    let again = rig
        .wait_order(&lost.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(again.state, OrderState::Fulfilled);
    assert_eq!(
        http_stats(&emu.base_url()).await.refs[&lost.reference].requests,
        1
    );
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_to_an_internet_send_is_found_by_ref_not_resent() {
    let emu = start_emulator(config(4, 3600)).await;
    let proxy = Proxy::start(emu.addr).await;
    let rig = Rig::new(&proxy.url, fast_settings(Duration::from_millis(500))).with_poller();
    proxy.set_send_mode(SendMode::LoseAnswer);
    let req = NewInternetOrder {
        kind: InternetType::Adsl,
        number: "036362608".into(),
        value: "500".into(),
    };
    let valid = rig.lc.validate_internet(&req).await.expect("valid");
    let rec = rig.lc.place_internet(valid).await.expect("stored");
    proxy.set_send_mode(SendMode::Pass);
    let done = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled, "{done:#?}");
    assert!(done.history.iter().any(|h| h.state == Status::Unconfirmed));
    assert_eq!(proxy.counts.sends(), 1, "sent once");
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_stays_open_and_is_rechecked_slowly() {
    // QUEUED for an emulated 10 minutes: 3 s here.
    let emu = start_emulator(config(5, 600)).await;
    let proxy = Proxy::start(emu.addr).await;
    let recheck = Duration::from_millis(300);
    let rig = Rig::new(&proxy.url, settings(recheck)).with_poller();
    let req = NewInternetOrder {
        kind: InternetType::FourG,
        number: flexy_pos::rules::internet::SANDBOX_4G_QUEUED.into(),
        value: "500".into(),
    };
    let valid = rig.lc.validate_internet(&req).await.expect("valid");
    let rec = rig.lc.place_internet(valid).await.expect("placed");
    let queued = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state == OrderState::Queued)
        .await;
    let id = queued.topup_id.clone();
    let at_queue = proxy.counts.checks_of(&rec.reference, id.as_deref());
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let now = rig.get(&rec.reference);
    assert_eq!(now.state, OrderState::Queued, "still open, never failed");
    assert_eq!(
        now.net_charged(),
        Some(Dzd::from_dinars(490)),
        "held, not given back"
    );
    let checks = proxy.counts.checks_of(&rec.reference, id.as_deref()) - at_queue;
    // 1.5 s at one check every 0.3 s: about 5, where the 10 ms poll would have made 150.
    assert!(
        (2..=8).contains(&checks),
        "QUEUED re-checked {checks} times in 1.5 s"
    );
    assert_eq!(
        rig.store.open_count().expect("open"),
        1,
        "it is in the open set"
    );
    let done = rig
        .wait_order(&rec.reference, SETTLE, |r| r.state.is_final())
        .await;
    assert_eq!(done.state, OrderState::Fulfilled);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_reads_the_internet_list_and_restores_lost_internet_orders() {
    let emu = start_emulator(config(6, 3600)).await;
    let proxy = Proxy::start(emu.addr).await;
    let dir = tempfile::tempdir().expect("dir");
    let rig = Rig::in_dir(dir, &proxy.url, fast_settings(Duration::from_millis(500))).with_poller();
    let terminal = rig.store.terminal_id().expect("terminal");
    let mut refs = Vec::new();
    for (kind, number) in [
        (InternetType::Adsl, "036362608"),
        (InternetType::FourG, "213472731602"),
        (
            InternetType::Adsl,
            flexy_pos::rules::internet::SANDBOX_ADSL_REFUND,
        ),
    ] {
        let req = NewInternetOrder {
            kind,
            number: number.into(),
            value: "500".into(),
        };
        let valid = rig.lc.validate_internet(&req).await.expect("valid");
        refs.push(
            rig.lc
                .place_internet(valid)
                .await
                .expect("placed")
                .reference,
        );
    }
    for r in &refs {
        rig.wait_order(r, SETTLE, |o| o.state.is_final()).await;
    }
    let before: Vec<OrderRecord> = refs.iter().map(|r| rig.get(r)).collect();
    rig.stop().await;

    // A new PC: an empty store with the same terminal id.
    let fresh = tempfile::tempdir().expect("dir");
    let store = flexy_pos::store::Store::open(fresh.path()).expect("store");
    store.adopt_terminal_id(&terminal).expect("terminal id");
    drop(store);
    let rig = Rig::in_dir(fresh, &proxy.url, fast_settings(Duration::from_millis(500)));
    let opts = AuditOptions::last_hours(1, chrono::Utc::now());
    let report = rig.lc.audit(&opts, &mut |_| {}).await.expect("audit");
    assert!(report.incomplete.is_none(), "{:?}", report.incomplete);
    assert_eq!(report.restored.len(), 3, "{report:#?}");
    for old in &before {
        let back = rig.get(&old.reference);
        assert_eq!(back.origin, Origin::Restored);
        assert_eq!((back.line, &back.phone), (old.line, &old.phone));
        assert_eq!(back.state, old.state);
        assert_eq!(back.internet_proof(), old.internet_proof());
    }
    let queries = proxy.counts.internet_list_queries();
    assert!(
        queries
            .iter()
            .any(|q| q.contains("pageSize=50") && q.contains("from=")),
        "{queries:?}"
    );
    rig.stop().await;
}

#[tokio::test]
async fn the_client_reads_both_shapes_the_docs_give() {
    use axum::routing::get as route_get;
    // A server in the Arabic guide's shape: products as a bare array, check-number by POST.
    let app = axum::Router::new()
        .route(
            "/v3/internet/products",
            route_get(|| async {
                axum::Json(json!({"success": true, "data": [
                    {"value": 500, "cost": 490, "available": true}
                ]}))
            }),
        )
        .route(
            "/v3/internet/check-number",
            axum::routing::post(|axum::Json(body): axum::Json<Value>| async move {
                axum::Json(json!({"success": true, "data": {
                    "ncli": "11022*****", "type": body["type"], "asked": body["number"]
                }}))
            }),
        )
        .fallback(|| async {
            (
                axum::http::StatusCode::NOT_FOUND,
                axum::Json(
                    json!({"message": "Route not found", "error": "Not Found", "statusCode": 404}),
                ),
            )
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let api = client(&format!("http://{addr}"));
    let p = api
        .internet_products(InternetType::Adsl)
        .await
        .expect("bare array");
    assert_eq!(p.products[0].cost, Some(Dzd::from_dinars(490)));
    let found = api
        .internet_check_number(InternetType::Adsl, "036362608")
        .await
        .expect("asked again by POST");
    assert_eq!(found.ncli.as_deref(), Some("11022*****"));
    assert_eq!(found.extra["asked"], "036362608");
}

#[tokio::test]
async fn a_refused_value_or_number_writes_nothing() {
    let emu = start_emulator(config(7, 3600)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_millis(500)));
    for (kind, number, value) in [
        (InternetType::Adsl, "0661234567", "500"),
        (InternetType::FourG, "213472731602", "700"),
        (InternetType::Adsl, "036362608", "3000"),
    ] {
        let req = NewInternetOrder {
            kind,
            number: number.into(),
            value: value.into(),
        };
        let e = rig.lc.validate_internet(&req).await.unwrap_err();
        assert!(matches!(e, OrderError::Invalid(_)), "{e:?}");
    }
    assert_eq!(rig.store.count().expect("count"), 0);
    assert_eq!(emu.stats().orders, 0);
    assert_eq!(
        flexy_pos::api::types::TopupStatus::parse("QUEUED"),
        TopupStatus::Queued
    );
    assert_eq!(Product::Internet(InternetType::FourG).label(), "4g");
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn money(v: &Value) -> i64 {
    (v.as_f64().unwrap_or(0.0) * 100.0).round() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_sell_internet_top_ups_and_the_report_adds_up() {
    let emu = start_emulator(config(8, 3600)).await;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("config.toml"), "# defaults\n").expect("config");
    let cli = Cli {
        url: emu.base_url(),
        dir: dir.path().to_path_buf(),
        key: flexy_pos::emulator::DEFAULT_SANDBOX_KEY.into(),
        log: None,
    };
    let products = cli
        .run(&["internet", "products", "--type", "4g", "--json"])
        .await;
    assert_eq!(products.code, 0, "{}", products.stderr);
    let p: Value = serde_json::from_str(products.stdout.trim()).expect("json");
    assert_eq!(
        (p["type"].as_str(), p["product"].as_str()),
        (Some("4G"), Some("4g"))
    );
    assert_eq!(
        p["products"][0]["price"], 515,
        "490 + 5 %, rounded up to 5 DA"
    );
    let check = cli
        .run(&[
            "internet",
            "check",
            "--type",
            "ADSL",
            "--number",
            "099000003",
        ])
        .await;
    assert_eq!(check.code, 3, "ERR_PHONE: {}", check.stderr);
    let check = cli
        .run(&[
            "internet",
            "check",
            "--type",
            "ADSL",
            "--number",
            "036362608",
        ])
        .await;
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("FTTc-b_10M'"), "{}", check.stdout);
    let bad = cli
        .run(&[
            "internet", "send", "--type", "ADSL", "--number", "3636", "--value", "500",
        ])
        .await;
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("nothing was sent"), "{}", bad.stderr);

    let sales: &[(&[&str], i32)] = &[
        (
            &[
                "send",
                "--plan",
                "PREPAID_MOBILIS",
                "--phone",
                "0661234567",
                "--amount",
                "500",
            ],
            0,
        ),
        (
            &[
                "send",
                "--plan",
                "PREPAID_MOBILIS",
                "--phone",
                "0600000001",
                "--amount",
                "300",
            ],
            4,
        ),
        (
            &[
                "internet",
                "send",
                "--type",
                "ADSL",
                "--number",
                "036362608",
                "--value",
                "1000",
            ],
            0,
        ),
        (
            &[
                "internet",
                "send",
                "--type",
                "ADSL",
                "--number",
                "099000001",
                "--value",
                "500",
            ],
            4,
        ),
        (
            &[
                "internet",
                "send",
                "--type",
                "4G",
                "--number",
                "213999000002",
                "--value",
                "1500",
            ],
            7,
        ),
        (
            &[
                "internet",
                "send",
                "--type",
                "4G",
                "--number",
                "0472731602",
                "--value",
                "2000",
            ],
            0,
        ),
        (
            &[
                "internet",
                "send",
                "--type",
                "ADSL",
                "--number",
                "099000003",
                "--value",
                "500",
            ],
            3,
        ),
    ];
    for (args, code) in sales {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--wait", "--json"]);
        let run = cli.run(&all).await;
        assert_eq!(run.code, *code, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    }

    let orders = cli.run(&["orders", "--json", "--limit", "50"]).await;
    assert_eq!(orders.code, 0, "{}", orders.stderr);
    let rows = json_lines(&orders.stdout);
    assert_eq!(rows.len(), 6, "the refused line was never written");
    let adsl = rows
        .iter()
        .find(|r| r["number"] == "036362608")
        .expect("the ADSL sale");
    assert_eq!(
        (adsl["product"].as_str(), adsl["status"].as_str()),
        (Some("adsl"), Some("FULFILLED"))
    );
    assert_eq!(adsl["card_code"].as_str().map(str::len), Some(16));
    assert!(adsl["num_trans"].as_str().unwrap_or("").starts_with("AT-"));
    let lte = rows
        .iter()
        .find(|r| r["number"] == "213472731602")
        .expect("national 4G spelling");
    assert_eq!(lte["product"], "4g");
    let queued = rows
        .iter()
        .find(|r| r["status"] == "QUEUED")
        .expect("queued");
    assert!(queued["card_code"].is_null());
    assert_eq!(queued["final"], false);
    let mobile = rows
        .iter()
        .find(|r| r["number"] == "0661234567")
        .expect("mobile");
    assert_eq!(mobile["product"], "mobile");

    let report = cli.run(&["report", "--json"]).await;
    assert_eq!(report.code, 0, "{}", report.stderr);
    let r: Value = serde_json::from_str(report.stdout.trim()).expect("json");
    // The report is the sum of the orders, counted as the books count them.
    let collected: i64 = rows
        .iter()
        .filter(|o| {
            !matches!(
                o["status"].as_str(),
                Some("REFUNDED" | "REFUSED" | "NOT_SENT")
            )
        })
        .map(|o| money(&o["price"]))
        .sum();
    let cost: i64 = rows
        .iter()
        .map(|o| {
            let c = &o["charged"];
            money(if c.is_null() { &o["expected_cost"] } else { c })
        })
        .sum();
    let refunds: i64 = rows
        .iter()
        .filter(|o| o["status"] == "REFUNDED")
        .map(|o| money(&o["price"]))
        .sum();
    assert_eq!(r["orders"], 6, "{r}");
    assert_eq!(money(&r["collected_total"]), collected, "{r}");
    assert_eq!(money(&r["cost_total"]), cost, "{r}");
    assert_eq!(money(&r["margin_total"]), collected - cost);
    assert_eq!(money(&r["refund_total"]), refunds);
    assert_eq!(
        (r["refunded"].as_i64(), r["in_progress"].as_i64()),
        (Some(2), Some(1))
    );
    for (key, names) in [
        ("by_operator", vec!["Mobilis", "Idoom ADSL", "Idoom 4G"]),
        ("by_product", vec!["mobile", "adsl", "4g"]),
    ] {
        let lines = r[key].as_array().expect("lines");
        let label = if key == "by_operator" {
            "operator"
        } else {
            "product"
        };
        let got: Vec<&str> = lines.iter().filter_map(|l| l[label].as_str()).collect();
        assert_eq!(got, names, "{key}");
        for field in [
            "orders",
            "collected_total",
            "cost_total",
            "refund_total",
            "face_total",
        ] {
            let sum: i64 = lines.iter().map(|l| money(&l[field])).sum();
            assert_eq!(sum, money(&r[field]), "{key}.{field}");
        }
    }
    let csv = cli.run(&["report", "--csv"]).await;
    assert!(
        csv.stdout.contains("Idoom ADSL") && csv.stdout.contains("Idoom 4G"),
        "{}",
        csv.stdout
    );
}

/// The emulator's clock set 40 minutes ahead (a till whose clock is slow) stamps an internet
/// top-up with its own time, as it does a mobile one: `created_at` agrees with the answer's
/// `meta.timestamp`, and the list's window is read on the same clock.
#[tokio::test]
async fn the_emulator_s_clock_stamps_internet_top_ups_like_mobile_ones() {
    let emu = start_emulator(EmulatorConfig {
        clock_offset_ms: 40 * 60 * 1000,
        ..config(9, 3600)
    })
    .await;
    let base = emu.base_url();
    let ts = |v: &Value, field: &str| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{field} {v}: {e}"))
            .with_timezone(&chrono::Utc)
    };
    for (path, body) in [
        (
            "mobile",
            json!({"plan_code": "PREPAID_MOBILIS", "MSSIDN": "0661234567", "amount": 100, "ref": "clock-m"}),
        ),
        (
            "internet",
            json!({"type": "ADSL", "number": "036362608", "value": 500, "ref": "clock-i"}),
        ),
    ] {
        let (s, v) = post(&base, &format!("/v3/{path}/send"), body.clone()).await;
        assert_eq!(s, 200, "{v}");
        let reference = body["ref"].as_str().expect("ref");
        let (_, v) = get(&base, &format!("/v3/{path}/check-ref/{reference}")).await;
        let made = ts(&v["data"]["created_at"], "created_at");
        let server_now = ts(&v["meta"]["timestamp"], "meta.timestamp");
        let gap = (server_now - made).num_seconds().abs();
        assert!(gap < 60, "{path}: created {made}, server says {server_now}");
        let ahead = (made - chrono::Utc::now()).num_minutes();
        assert!((39..=41).contains(&ahead), "{path}: {ahead} min ahead");
        // The list of the server's last ten minutes holds it.
        let from = (server_now - chrono::Duration::minutes(10)).to_rfc3339();
        let to = (server_now + chrono::Duration::minutes(1)).to_rfc3339();
        let query = format!(
            "/v3/{path}/list?page=1&pageSize=20&from={}&to={}",
            urlencode(&from),
            urlencode(&to)
        );
        let (s, list) = get(&base, &query).await;
        assert_eq!(s, 200, "{list}");
        let refs: Vec<&str> = list["data"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["ref"].as_str())
            .collect();
        assert_eq!(refs, vec![reference], "{path}: {list}");
    }
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}
