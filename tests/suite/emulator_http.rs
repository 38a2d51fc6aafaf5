//! The emulator over raw loopback HTTP (reqwest, not the app's client): bad input, unknown
//! routes, persistence, fault injection, per-ref stats and concurrent duplicate refs.

use flexy_pos::emulator::{self, EmulatorConfig, EmulatorHandle, FaultConfig, Stats};
use flexy_pos::money::Dzd;
use reqwest::header::HeaderValue;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::time::Duration;

const KEY: &str = emulator::DEFAULT_SANDBOX_KEY;

async fn start_with(config: EmulatorConfig) -> EmulatorHandle {
    emulator::start(config, 0).await.expect("emulator starts")
}

async fn start() -> EmulatorHandle {
    start_with(EmulatorConfig {
        speed: 100.0,
        ..Default::default()
    })
    .await
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// What one request came back as.
#[derive(Debug, PartialEq)]
enum Outcome {
    Json(StatusCode, Value),
    /// A body that is not JSON (truncated).
    Malformed(StatusCode),
    /// The connection broke.
    Broken,
}

async fn call(
    emu: &EmulatorHandle,
    method: Method,
    path: &str,
    key: Option<&[u8]>,
    body: Option<Vec<u8>>,
) -> Outcome {
    let mut rb = http().request(method, format!("{}{path}", emu.base_url()));
    if let Some(k) = key {
        rb = rb.header(
            "X-Access-Token",
            HeaderValue::from_bytes(k).expect("header bytes"),
        );
    }
    if let Some(b) = body {
        rb = rb.header("Content-Type", "application/json").body(b);
    }
    let Ok(resp) = rb.send().await else {
        return Outcome::Broken;
    };
    let status = resp.status();
    let Ok(bytes) = resp.bytes().await else {
        return Outcome::Broken;
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => Outcome::Json(status, v),
        Err(_) => Outcome::Malformed(status),
    }
}

async fn json_call(
    emu: &EmulatorHandle,
    method: Method,
    path: &str,
    body: Option<Vec<u8>>,
) -> (StatusCode, Value) {
    match call(emu, method, path, Some(KEY.as_bytes()), body).await {
        Outcome::Json(s, v) => (s, v),
        other => panic!("{path}: expected JSON, got {other:?}"),
    }
}

/// Asserts the §2 error envelope and returns `error`.
fn error_of(status: StatusCode, v: &Value, want_status: u16, want_code: &str) -> Value {
    assert_eq!(status.as_u16(), want_status, "{v}");
    assert_eq!(v["success"], json!(false), "{v}");
    assert_eq!(v["error"]["code"], json!(want_code), "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{v}"
    );
    let rid = v["requestId"].as_str().expect("requestId");
    assert!(rid.starts_with("req_"), "{rid}");
    v["error"].clone()
}

fn send_body(plan: &str, mssidn: &str, amount: Option<i64>, reference: Option<&str>) -> Vec<u8> {
    let mut b = json!({ "plan_code": plan, "MSSIDN": mssidn });
    if let Some(a) = amount {
        b["amount"] = json!(a);
    }
    if let Some(r) = reference {
        b["ref"] = json!(r);
    }
    serde_json::to_vec(&b).expect("json")
}

async fn stats(emu: &EmulatorHandle) -> Stats {
    let resp = http()
        .get(format!("{}/__emulator/stats", emu.base_url()))
        .send()
        .await
        .expect("stats answer");
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.expect("stats JSON")
}

#[tokio::test]
async fn bad_bodies_get_validation_envelopes() {
    let emu = start().await;
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            b"plan_code=PREPAID_MOBILIS".to_vec(),
            "body",
            "Body is not valid JSON",
        ),
        (
            b"{\"plan_code\": \"PREPAID_MOBILIS\",".to_vec(),
            "body",
            "Body is not valid JSON",
        ),
        (b"[1,2,3]".to_vec(), "body", "body must be object"),
        (b"\"just a string\"".to_vec(), "body", "body must be object"),
        (
            br#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":661234567,"amount":100}"#.to_vec(),
            "MSSIDN",
            "body/MSSIDN must be string",
        ),
        (
            br#"{"plan_code":"PREPAID_MOBILIS","MSSIDN":"0661234567","amount":"100"}"#.to_vec(),
            "amount",
            "body/amount must be integer",
        ),
        (
            br#"{"plan_code":["PREPAID_MOBILIS"],"MSSIDN":"0661234567","amount":100}"#.to_vec(),
            "plan_code",
            "body/plan_code must be string",
        ),
        (
            vec![0xff, 0xfe, 0x00, 0x7b],
            "body",
            "Body is not valid JSON",
        ),
        (Vec::new(), "body", "Body is not valid JSON"),
    ];
    for (body, field, message) in cases {
        let (status, v) =
            json_call(&emu, Method::POST, "/v3/mobile/send", Some(body.clone())).await;
        let err = error_of(status, &v, 400, "ERR_VALIDATION");
        assert_eq!(err["details"]["field"], json!(field), "{v}");
        assert!(err["details"].get("value").is_some(), "{v}");
        assert!(err["message"].as_str().unwrap().starts_with(message), "{v}");
    }
    assert_eq!(stats(&emu).await.orders, 0);
    assert_eq!(stats(&emu).await.balance, Dzd::from_dinars(100_000));
}

#[tokio::test]
async fn huge_body_gets_413_in_an_envelope() {
    let emu = start().await;
    let mut big = send_body("PREPAID_MOBILIS", "0661234567", Some(100), Some("big"));
    big.truncate(big.len() - 1);
    big.extend(format!(",\"pad\":\"{}\"}}", "x".repeat(1024 * 1024)).bytes());
    assert!(big.len() > 1024 * 1024);
    let (status, v) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(big)).await;
    let err = error_of(status, &v, 413, "PAYLOAD_TOO_LARGE");
    assert_eq!(err["details"]["limit"], json!(emulator::MAX_BODY_BYTES));
    assert_eq!(stats(&emu).await.orders, 0);
    // The connection pool and server survive: the next request works.
    let (status, _) = json_call(&emu, Method::GET, "/v3/account/balance", None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn garbage_headers_are_an_invalid_token_not_a_crash() {
    let emu = start().await;
    let garbage: &[u8] = b"\xff\xfe\x80 not-utf8 \xc3\x28";
    let Outcome::Json(status, v) =
        call(&emu, Method::GET, "/v3/validate", Some(garbage), None).await
    else {
        panic!("expected JSON");
    };
    let err = error_of(status, &v, 401, "INVALID_ACCESS_TOKEN");
    assert_eq!(err["details"]["attemptsLeft"], json!(4));
    // Garbage in other headers does not matter; a good key still works.
    let resp = http()
        .post(format!("{}/v3/mobile/send", emu.base_url()))
        .header("X-Access-Token", KEY)
        .header(
            "Content-Type",
            HeaderValue::from_bytes(b"\xffjson\xfe").unwrap(),
        )
        .header("X-Junk", HeaderValue::from_bytes(b"\x80\x81\x82").unwrap())
        .body(send_body(
            "PREPAID_MOBILIS",
            "0661234567",
            Some(100),
            Some("g1"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let Outcome::Json(status, v) = call(&emu, Method::GET, "/v3/account/balance", None, None).await
    else {
        panic!("expected JSON");
    };
    error_of(status, &v, 400, "MISSING_ACCESS_TOKEN");
}

/// An unknown route gets the server's bare 404 (§12), wrong methods the envelope.
#[tokio::test]
async fn unknown_routes_get_the_bare_404_and_wrong_methods_envelopes() {
    let emu = start().await;
    for path in [
        "/",
        "/v3",
        "/v3/nope",
        "/v2/mobile/send",
        "/v3/mobile/check-ref/",
        "/__emulator/nope",
    ] {
        let (status, v) = json_call(&emu, Method::GET, path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(v["statusCode"], json!(404), "{path}: {v}");
        assert_eq!(v["error"], json!("Not Found"), "{path}: {v}");
        assert!(v.get("success").is_none(), "{path}: no envelope: {v}");
        assert!(
            v["message"].as_str().unwrap().contains("not found"),
            "{path}: {v}"
        );
    }
    for (method, path) in [
        (Method::GET, "/v3/mobile/send"),
        (Method::DELETE, "/v3/mobile/send"),
        (Method::POST, "/v3/account/balance"),
        (Method::PUT, "/v3/mobile/check-ref/abc"),
        (Method::PATCH, "/__emulator/stats"),
    ] {
        let (status, v) = json_call(&emu, method.clone(), path, Some(b"{}".to_vec())).await;
        error_of(status, &v, 405, "METHOD_NOT_ALLOWED");
    }
}

#[tokio::test]
async fn odd_refs_in_the_path_are_answered_properly() {
    let emu = start().await;
    let long = "r".repeat(20_000);
    let (status, v) = json_call(
        &emu,
        Method::GET,
        &format!("/v3/mobile/check-ref/{long}"),
        None,
    )
    .await;
    let err = error_of(status, &v, 404, "NOT_FOUND");
    let msg = err["message"].as_str().unwrap();
    assert!(
        msg.starts_with("Top-up with reference 'rrrr") && msg.len() < 300,
        "{msg}"
    );
    let (status, v) = json_call(&emu, Method::GET, "/v3/mobile/check-ref/%FF%FE", None).await;
    error_of(status, &v, 400, "ERR_VALIDATION");
    let (status, v) = json_call(&emu, Method::GET, "/v3/mobile/check-id/%2e%2e%2fetc", None).await;
    error_of(status, &v, 404, "NOT_FOUND");
    // A ref with reserved characters, percent-encoded, is found again exactly.
    let odd = "shop 1/ü?#%";
    let body = send_body("PREPAID_MOBILIS", "0661234567", Some(100), Some(odd));
    let (status, _) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(body)).await;
    assert_eq!(status, StatusCode::OK);
    let encoded: String = url::form_urlencoded::byte_serialize(odd.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let (status, v) = json_call(
        &emu,
        Method::GET,
        &format!("/v3/mobile/check-ref/{encoded}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["ref"], json!(odd));
}

#[tokio::test]
async fn state_survives_a_restart_and_damage_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("practice").join("emulator-state.json");
    let config = || EmulatorConfig {
        speed: 1000.0,
        balance: Dzd::from_dinars(10_000),
        state_file: Some(path.clone()),
        ..Default::default()
    };
    let emu = start_with(config()).await;
    let body = send_body("PREPAID_MOBILIS", "0661234567", Some(1000), Some("keep-1"));
    let (status, v) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let id = v["data"]["topupId"].as_str().unwrap().to_string();
    let resp = http()
        .post(format!("{}/__emulator/deposit", emu.base_url()))
        .json(&json!({"amount": 500}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    emu.shutdown().await;

    // Restarted with another starting balance: the file wins.
    let emu = start_with(EmulatorConfig {
        balance: Dzd::from_dinars(1),
        ..config()
    })
    .await;
    let (_, v) = json_call(&emu, Method::GET, "/v3/account/balance", None).await;
    assert_eq!(v["data"]["balance"], json!(10_000 - 960 + 500));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (status, v) = json_call(&emu, Method::GET, "/v3/mobile/check-ref/keep-1", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["data"]["_id"], json!(id));
        if v["data"]["status"] == json!("FULFILLED") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never fulfilled: {v}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let body = send_body("PREPAID_MOBILIS", "0661234567", Some(1000), Some("keep-1"));
    let (status, v) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(body)).await;
    error_of(status, &v, 403, "DUPLICATED-REF");
    // A second emulator on the same file is refused while this one runs.
    let e = emulator::start(config(), 0).await.unwrap_err().to_string();
    assert!(e.contains("in use"), "{e}");
    emu.shutdown().await;

    // A damaged file is named in the error and left as it was.
    std::fs::write(&path, b"{\"format\":1,\"initial_balance\":").unwrap();
    let e = emulator::start(config(), 0).await.unwrap_err().to_string();
    assert!(e.contains("emulator-state.json"), "{e}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"format\":1,\"initial_balance\":"
    );
    // A folder where the file should be is refused too, never a panic.
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let e = emulator::start(
        EmulatorConfig {
            state_file: Some(folder),
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

#[tokio::test]
async fn invalid_settings_are_errors_not_panics() {
    for config in [
        EmulatorConfig {
            speed: 0.0,
            ..Default::default()
        },
        EmulatorConfig {
            speed: f64::NAN,
            ..Default::default()
        },
        EmulatorConfig {
            faults: FaultConfig {
                error_429: -0.1,
                ..Default::default()
            },
            ..Default::default()
        },
    ] {
        assert!(emulator::start(config, 0).await.is_err());
    }
    let emu = start().await;
    assert!(
        emu.set_faults(FaultConfig {
            malformed: 1.01,
            ..Default::default()
        })
        .is_err()
    );
    let resp = http()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .body(r#"{"drop": 2}"#)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let v: Value = resp.json().await.unwrap();
    error_of(status, &v, 400, "ERR_VALIDATION");
    let resp = http()
        .post(format!("{}/__emulator/deposit", emu.base_url()))
        .body(r#"{"amount": -5}"#)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let v: Value = resp.json().await.unwrap();
    error_of(status, &v, 400, "ERR_VALIDATION");
}

/// 40 balance reads, classified, with fault injection on.
async fn fault_sequence(seed: u64) -> Vec<String> {
    let emu = start_with(EmulatorConfig {
        seed,
        faults: FaultConfig {
            error_500: 0.25,
            error_429: 0.15,
            drop: 0.1,
            malformed: 0.15,
            latency_ms: (0, 3),
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let mut seq = Vec::new();
    for _ in 0..40 {
        seq.push(
            match call(
                &emu,
                Method::GET,
                "/v3/account/balance",
                Some(KEY.as_bytes()),
                None,
            )
            .await
            {
                Outcome::Json(s, v) => format!(
                    "{} {}",
                    s.as_u16(),
                    v["error"]["code"].as_str().unwrap_or("ok")
                ),
                Outcome::Malformed(s) => format!("{} malformed", s.as_u16()),
                Outcome::Broken => "broken".into(),
            },
        );
    }
    // Control routes never fault.
    for _ in 0..20 {
        let resp = http()
            .get(format!("{}/__emulator/stats", emu.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }
    emu.shutdown().await;
    seq
}

#[tokio::test]
async fn faults_repeat_with_the_same_seed() {
    let a = fault_sequence(42).await;
    let b = fault_sequence(42).await;
    assert_eq!(a, b);
    for kind in [
        "200 ok",
        "500 INTERNAL_ERROR",
        "429 RATE_LIMIT_EXCEEDED",
        "200 malformed",
        "broken",
    ] {
        assert!(a.iter().any(|o| o == kind), "{kind} missing from {a:?}");
    }
    assert_ne!(a, fault_sequence(43).await);
}

#[tokio::test]
async fn faults_set_at_run_time_take_effect() {
    let emu = start().await;
    let (status, _) = json_call(&emu, Method::GET, "/v3/account/balance", None).await;
    assert_eq!(status, StatusCode::OK);
    emu.set_faults(FaultConfig {
        error_500: 1.0,
        ..Default::default()
    })
    .unwrap();
    let (status, v) = json_call(&emu, Method::GET, "/v3/mobile/plans", None).await;
    let err = error_of(status, &v, 500, "INTERNAL_ERROR");
    assert_eq!(
        err["message"],
        json!("Developer was notified and will check shortly")
    );
    // Over HTTP: 429 for everything, then back to normal.
    let resp = http()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .json(&json!({"error_429": 1.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, v) = json_call(&emu, Method::GET, "/v3/validate", None).await;
    error_of(status, &v, 429, "RATE_LIMIT_EXCEEDED");
    let current: FaultConfig = http()
        .get(format!("{}/__emulator/faults", emu.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(current.error_429, 1.0);
    let resp = http()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, _) = json_call(&emu, Method::GET, "/v3/validate", None).await;
    assert_eq!(status, StatusCode::OK);
    // Latency is real.
    emu.set_faults(FaultConfig {
        latency_ms: (120, 120),
        ..Default::default()
    })
    .unwrap();
    let t = std::time::Instant::now();
    json_call(&emu, Method::GET, "/v3/ping", None).await;
    assert!(t.elapsed() >= Duration::from_millis(120));
}

#[tokio::test]
async fn stats_count_requests_and_acceptances_per_ref() {
    let emu = start().await;
    let send = |r: &'static str, mssidn: &'static str| {
        send_body("PREPAID_MOBILIS", mssidn, Some(200), Some(r))
    };
    assert_eq!(
        json_call(
            &emu,
            Method::POST,
            "/v3/mobile/send",
            Some(send("a", "0661234567"))
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        json_call(
            &emu,
            Method::POST,
            "/v3/mobile/send",
            Some(send("a", "0661234567"))
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        json_call(
            &emu,
            Method::POST,
            "/v3/mobile/send",
            Some(send("b", "0771234567"))
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    emu.set_faults(FaultConfig {
        error_500: 1.0,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        json_call(
            &emu,
            Method::POST,
            "/v3/mobile/send",
            Some(send("c", "0661234567"))
        )
        .await
        .0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    emu.set_faults(FaultConfig::default()).unwrap();
    let Outcome::Json(status, _) = call(
        &emu,
        Method::POST,
        "/v3/mobile/send",
        Some(b"wrong"),
        Some(send("d", "0661234567")),
    )
    .await
    else {
        panic!("expected JSON");
    };
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let s = stats(&emu).await;
    let pairs: Vec<(&str, u64, u64)> = s
        .refs
        .iter()
        .map(|(r, c)| (r.as_str(), c.requests, c.accepted))
        .collect();
    assert_eq!(
        pairs,
        vec![("a", 2, 1), ("b", 1, 0), ("c", 1, 0), ("d", 1, 0)]
    );
    assert_eq!(s.orders, 1);
    assert_eq!(s.charged_total, Dzd::from_dinars(192));
    assert_eq!(s.net_charged, Dzd::from_dinars(192));
    assert_eq!(s.balance, Dzd::from_dinars(100_000 - 192));
    assert_eq!(emu.stats(), s);
}

#[tokio::test]
async fn dropped_sends_are_sometimes_charged_and_stats_tell_which() {
    let emu = start_with(EmulatorConfig {
        speed: 100.0,
        seed: 5,
        faults: FaultConfig {
            drop: 1.0,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let refs: Vec<String> = (0..16).map(|i| format!("drop-{i}")).collect();
    for r in &refs {
        let out = call(
            &emu,
            Method::POST,
            "/v3/mobile/send",
            Some(KEY.as_bytes()),
            Some(send_body(
                "PREPAID_MOBILIS",
                "0661234567",
                Some(100),
                Some(r),
            )),
        )
        .await;
        assert_eq!(out, Outcome::Broken, "{r}");
    }
    emu.set_faults(FaultConfig::default()).unwrap();
    let s = stats(&emu).await;
    let mut applied = 0;
    for r in &refs {
        let c = s.refs[r];
        assert_eq!(c.requests, 1);
        // The ref tells the truth: found exactly when it was applied.
        let (status, _) = json_call(
            &emu,
            Method::GET,
            &format!("/v3/mobile/check-ref/{r}"),
            None,
        )
        .await;
        assert_eq!(status == StatusCode::OK, c.accepted == 1, "{r}");
        applied += c.accepted;
    }
    assert!(
        applied > 0 && applied < 16,
        "both before- and after-apply drops happen: {applied}"
    );
    assert_eq!(s.charged_total, Dzd::from_dinars(96 * applied as i64));
}

#[tokio::test]
async fn concurrent_sends_with_one_ref_accept_exactly_one() {
    let emu = start().await;
    let body = send_body("PREPAID_DJEZZY", "0771234567", Some(1000), Some("same-ref"));
    let tasks: Vec<_> = (0..24)
        .map(|_| {
            let url = format!("{}/v3/mobile/send", emu.base_url());
            let body = body.clone();
            tokio::spawn(async move {
                let resp = http()
                    .post(url)
                    .header("X-Access-Token", KEY)
                    .header("Content-Type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("answer");
                let status = resp.status();
                let v: Value = resp.json().await.expect("json");
                (status, v)
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        let (status, v) = t.await.unwrap();
        if status == StatusCode::OK {
            ok += 1;
        } else {
            error_of(status, &v, 403, "DUPLICATED-REF");
            assert_eq!(
                v["error"]["message"],
                json!("This reference ID is already in use.")
            );
        }
    }
    assert_eq!(ok, 1);
    let s = stats(&emu).await;
    assert_eq!(
        (s.refs["same-ref"].requests, s.refs["same-ref"].accepted),
        (24, 1)
    );
    assert_eq!(s.charged_total, Dzd::from_centimes(99_250));
}

#[tokio::test]
async fn deposits_add_practice_money() {
    let emu = start().await;
    let resp = http()
        .post(format!("{}/__emulator/deposit", emu.base_url()))
        .json(&json!({"amount": 2500.5}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["balance"], json!(102_500.5));
    let (_, v) = json_call(&emu, Method::GET, "/v3/account/balance", None).await;
    assert_eq!(v["data"]["balance"], json!(102_500.5));
    assert_eq!(
        emu.deposit(Dzd::from_dinars(10)).unwrap(),
        Dzd::from_centimes(10_251_050)
    );
}

#[tokio::test]
async fn shutdown_and_drop_both_stop_the_server() {
    let emu = start().await;
    let url = format!("{}/v3/ping", emu.base_url());
    assert!(http().get(&url).send().await.is_ok());
    emu.shutdown().await;
    assert!(
        http().get(&url).send().await.is_err(),
        "stopped by shutdown"
    );

    let emu = start().await;
    let url = format!("{}/v3/ping", emu.base_url());
    assert!(http().get(&url).send().await.is_ok());
    drop(emu);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    // A fresh client each time: no pooled connection may keep the old server reachable.
    while http().get(&url).send().await.is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "still serving after drop"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The newer error facts (§12), one fault mode each: the code and status of the docs, the
/// `Retry-After` header of a 429, the bare 404 — and a send answered so charges nothing.
#[tokio::test]
async fn newer_error_faults_have_their_codes_headers_and_shapes() {
    let emu = start().await;
    let faults = |f: FaultConfig| emu.set_faults(f).expect("faults");
    let cases: [(FaultConfig, u16, &str); 4] = [
        (
            FaultConfig {
                error_503: 1.0,
                ..Default::default()
            },
            503,
            "SERVICE_UNAVAILABLE",
        ),
        (
            FaultConfig {
                ip_not_allowed: 1.0,
                ..Default::default()
            },
            403,
            "IP_NOT_ALLOWED",
        ),
        (
            FaultConfig {
                api_disabled: 1.0,
                ..Default::default()
            },
            403,
            "API_DISABLED",
        ),
        (
            FaultConfig {
                error_413: 1.0,
                ..Default::default()
            },
            413,
            "PAYLOAD_TOO_LARGE",
        ),
    ];
    for (config, status_code, code) in cases {
        faults(config);
        for (method, path, body) in [
            (Method::GET, "/v3/account/balance", None),
            (
                Method::POST,
                "/v3/mobile/send",
                Some(send_body(
                    "PREPAID_MOBILIS",
                    "0661234567",
                    Some(100),
                    Some(code),
                )),
            ),
        ] {
            let (status, v) = json_call(&emu, method, path, body).await;
            error_of(status, &v, status_code, code);
        }
    }
    faults(FaultConfig::default());
    assert_eq!(
        emu.balance(),
        flexy_pos::money::Dzd::from_dinars(100_000),
        "none of those sends was charged"
    );

    // 429: RATE_LIMIT_EXCEEDED and Retry-After, 5 s ÷ speed by default (0 at speed 100).
    for (retry_after, header) in [(None, "0"), (Some(30), "30")] {
        faults(FaultConfig {
            error_429: 1.0,
            retry_after_secs: retry_after,
            ..Default::default()
        });
        let resp = http()
            .get(format!("{}/v3/mobile/plans", emu.base_url()))
            .header("X-Access-Token", KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(resp.headers()["retry-after"], header);
        let v: Value = resp.json().await.unwrap();
        let err = error_of(
            StatusCode::TOO_MANY_REQUESTS,
            &v,
            429,
            "RATE_LIMIT_EXCEEDED",
        );
        assert!(err["message"].as_str().unwrap().contains(header), "{v}");
    }
    let started = start_with(EmulatorConfig::default()).await;
    started
        .set_faults(FaultConfig {
            error_429: 1.0,
            ..Default::default()
        })
        .unwrap();
    let resp = http()
        .get(format!("{}/v3/validate", started.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()["retry-after"],
        "5",
        "speed 1: the 5 s seen live"
    );

    // A route answered as unknown: the bare shape, for a real route too.
    faults(FaultConfig {
        unknown_route: 1.0,
        ..Default::default()
    });
    let (status, v) = json_call(&emu, Method::GET, "/v3/mobile/check-ref/abc", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        (v["statusCode"].clone(), v["error"].clone()),
        (json!(404), json!("Not Found"))
    );
    assert!(v.get("success").is_none(), "{v}");

    // Rates are checked like the others.
    let resp = http()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .json(&json!({"ip_not_allowed": 2.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}

/// The field names of a top-up object as the docs write them (§5, and §12's list item): the
/// emulator's answers are built with the client's serde types, so these are written out here
/// from the docs, not taken from those types, and a misreading shared by both sides shows.
const TOPUP_FIELDS: &[&str] = &[
    "_id",
    "ref",
    "status",
    "plan_code",
    "MSSIDN",
    "topup_amount",
    "balance_amount",
    "created_at",
    "refund_message",
    "suggested_offers",
    "follow_orderid",
    "retry_orderid",
];
const TOPUP_REQUIRED: &[&str] = &["_id", "status", "plan_code", "MSSIDN", "topup_amount"];

fn documented_topup(item: &Value) {
    let fields = item
        .as_object()
        .unwrap_or_else(|| panic!("an object: {item}"));
    for name in fields.keys() {
        assert!(
            TOPUP_FIELDS.contains(&name.as_str()),
            "undocumented field {name}: {item}"
        );
    }
    for name in TOPUP_REQUIRED {
        assert!(fields.contains_key(*name), "{name} missing: {item}");
    }
    assert!(
        item["topup_amount"].is_number() && item["MSSIDN"].is_string(),
        "{item}"
    );
    for offer in item["suggested_offers"].as_array().into_iter().flatten() {
        let keys: Vec<&str> = offer
            .as_object()
            .expect("an offer object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 3, "{offer}");
        for k in ["typename", "plan_code", "amount"] {
            assert!(keys.contains(&k), "{offer}");
        }
    }
}

/// Polls check-ref until the top-up is final.
async fn settled(emu: &EmulatorHandle, reference: &str) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let path = format!("/v3/mobile/check-ref/{reference}");
        let (status, v) = json_call(emu, Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let s = v["data"]["status"].as_str().unwrap_or_default().to_string();
        if ["FULFILLED", "REFUNDED", "UNKNOWN_ERROR"].contains(&s.as_str()) {
            return v;
        }
        assert!(std::time::Instant::now() < deadline, "never final: {v}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn the_mobile_answers_carry_the_docs_field_names() {
    let emu = start_with(EmulatorConfig {
        speed: 1000.0,
        ..Default::default()
    })
    .await;
    // §4: the send's answer.
    let body = send_body(
        "PREPAID_DJEZZY",
        "0600000002",
        Some(500),
        Some("doc-suggest"),
    );
    let (status, sent) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["success"], json!(true));
    assert!(sent["data"]["topupId"].is_string(), "{sent}");
    assert_eq!(sent["data"]["topupRef"], json!("doc-suggest"), "{sent}");
    assert!(sent["meta"]["timestamp"].is_string(), "{sent}");
    let body = send_body("PREPAID_MOBILIS", "0661234567", Some(300), Some("doc-ok"));
    let (status, _) = json_call(&emu, Method::POST, "/v3/mobile/send", Some(body)).await;
    assert_eq!(status, StatusCode::OK);

    // §5 and §12: a refund with offers, charged nothing in the end.
    let refunded = settled(&emu, "doc-suggest").await;
    let item = &refunded["data"];
    documented_topup(item);
    assert_eq!(item["status"], json!("REFUNDED"), "{item}");
    assert_eq!(item["_id"], sent["data"]["topupId"]);
    assert_eq!(item["ref"], json!("doc-suggest"));
    assert_eq!(
        item["balance_amount"],
        json!(0),
        "§12: 0 on a refund: {item}"
    );
    assert!(
        item["refund_message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert!(
        !item["suggested_offers"]
            .as_array()
            .expect("offers")
            .is_empty()
    );
    let fulfilled = settled(&emu, "doc-ok").await;
    documented_topup(&fulfilled["data"]);
    assert_eq!(fulfilled["data"]["status"], json!("FULFILLED"));

    // §12: the list, its items the same objects.
    let (status, list) = json_call(
        &emu,
        Method::GET,
        "/v3/mobile/list?page=1&pageSize=20",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let items = list["data"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{list}");
    items.iter().for_each(documented_topup);
    let pagination: Vec<&str> = list["data"]["pagination"]
        .as_object()
        .expect("pagination")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(pagination.len(), 4, "{list}");
    for k in ["page", "pageSize", "totalPages", "totalResults"] {
        assert!(pagination.contains(&k), "{list}");
    }
    assert_eq!(items[0]["ref"], json!("doc-ok"), "newest first: {list}");
}
