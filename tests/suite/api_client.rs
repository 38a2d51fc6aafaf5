//! The app's API client against the emulator over loopback HTTP: every endpoint, every
//! documented error, every sandbox number and the status timeline. Also: every example payload
//! of the API notes parses into the client's types.

use flexy_pos::api::client::decode_envelope;
use flexy_pos::api::types::*;
use flexy_pos::api::{ApiClient, ApiError, ClientOptions, NetworkKind, Refusal};
use flexy_pos::emulator::{self, EmulatorConfig, EmulatorHandle, FaultConfig};
use flexy_pos::money::Dzd;
use flexy_pos::secret::ApiKey;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

/// The documented UNKNOWN_ERROR text (§8), copied here on purpose rather than imported.
const DOC_UNKNOWN_MESSAGE: &str = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة";

async fn start(config: EmulatorConfig) -> EmulatorHandle {
    emulator::start(config, 0).await.expect("emulator starts")
}

/// speed 50: PENDING 100 ms, HANDLING until 300 ms, UNKNOWN_ERROR resolved 200 ms later.
fn timeline_config() -> EmulatorConfig {
    EmulatorConfig {
        speed: 50.0,
        unknown_resolve_after: Duration::from_secs(10),
        seed: 11,
        ..Default::default()
    }
}

fn client_with_key(emu: &EmulatorHandle, key: &str) -> ApiClient {
    let mut opts = ClientOptions::new(emu.base_url(), ApiKey::new(key).expect("key"));
    // Tests see each answer as it is; retries are the client's own business.
    opts.read_retries = 0;
    opts.retry_delay = Duration::from_millis(10);
    opts.request_timeout = Duration::from_secs(10);
    ApiClient::new(opts).expect("client")
}

fn client(emu: &EmulatorHandle) -> ApiClient {
    client_with_key(emu, emulator::DEFAULT_SANDBOX_KEY)
}

fn send_req(plan: &str, mssidn: &str, amount: Option<u64>, reference: &str) -> SendRequest {
    SendRequest {
        plan_code: plan.into(),
        mssidn: mssidn.into(),
        amount,
        reference: Some(reference.into()),
    }
}

fn is_arabic(text: &str) -> bool {
    text.chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count()
        > 10
}

/// Polls check-ref every 5 ms until FULFILLED/REFUNDED; returns the distinct statuses seen.
async fn follow(c: &ApiClient, reference: &str) -> (Vec<TopupStatus>, TopupInfo) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen: Vec<TopupStatus> = Vec::new();
    loop {
        let info = c.check_ref(reference).await.expect("check-ref");
        if seen.last() != Some(&info.status) {
            seen.push(info.status.clone());
        }
        if info.status.is_final() {
            return (seen, info);
        }
        assert!(Instant::now() < deadline, "{reference} stuck at {seen:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// What a decoded error body must turn into.
type ErrorCheck = Box<dyn Fn(&ApiError) -> bool>;

fn refusal(e: &ApiError) -> Refusal {
    e.refusal()
        .cloned()
        .unwrap_or_else(|| panic!("expected a refusal, got {e:?}"))
}

// ------------------------------------------------------------------------------------------
// Every endpoint

#[tokio::test]
async fn validate_ping_balance_and_plans() {
    let emu = start(EmulatorConfig::default()).await;
    let c = client(&emu);
    let v = c.validate().await.unwrap();
    assert_eq!(v.api_key.key_type, KeyType::Sandbox);
    assert!(v.api_key.is_enabled);
    assert_eq!(v.api_key.scope.as_deref(), Some("READ-WRITE"));
    assert!(v.api_key.allowedips.is_empty());
    assert!(v.username.starts_with("+213"));

    let p = c.ping().await.unwrap();
    assert_eq!(p.api, "ok");
    for op in ["mobilis", "djezzy", "ooredoo", "mobilisFixedPlans"] {
        assert_eq!(p.operators.get(op).map(String::as_str), Some("up"), "{op}");
    }
    // Auth is optional on ping: a wrong key still gets an answer.
    assert_eq!(
        client_with_key(&emu, "wrong").ping().await.unwrap().api,
        "ok"
    );

    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000)
    );

    let plans = c.plans().await.unwrap();
    assert!((20..=30).contains(&plans.all().count()));
    let mobilis = plans.find("PREPAID_MOBILIS").unwrap();
    assert_eq!(mobilis.kind(), PlanKind::Dynamic);
    assert_eq!(mobilis.cost, Some(0.96));
    assert_eq!(plans.find("GROS_MOBILIS").unwrap().cost, None);
    assert_eq!(
        plans.find("GETMENU_Ooredoo").unwrap().kind(),
        PlanKind::GetMenu
    );
    assert_eq!(plans.find("PIXX_500").unwrap().kind(), PlanKind::Fixed);
    assert!(plans.all().any(|p| !p.is_enabled));
    assert!(
        plans
            .all()
            .any(|p| p.name.contains('📱') && p.name.contains("عادي"))
    );
}

#[tokio::test]
async fn normal_number_goes_pending_handling_fulfilled() {
    let emu = start(timeline_config()).await;
    let c = client(&emu);
    let sent = c
        .send(&send_req(
            "PREPAID_MOBILIS",
            "0661234567",
            Some(1000),
            "shop1-normal",
        ))
        .await
        .unwrap();
    assert_eq!(sent.topup_ref.as_deref(), Some("shop1-normal"));
    assert_eq!(sent.topup_id.len(), 24);
    assert!(sent.topup_id.chars().all(|ch| ch.is_ascii_hexdigit()));
    assert_eq!(sent.new_balance, Some(Dzd::from_dinars(100_000 - 960)));
    assert_eq!(c.balance().await.unwrap().balance, Dzd::from_dinars(99_040));

    let (seen, info) = follow(&c, "shop1-normal").await;
    assert_eq!(
        seen,
        vec![
            TopupStatus::Pending,
            TopupStatus::Handling,
            TopupStatus::Fulfilled
        ]
    );
    assert_eq!(info.id, sent.topup_id);
    assert_eq!(info.reference.as_deref(), Some("shop1-normal"));
    assert_eq!(info.plan_code.as_deref(), Some("PREPAID_MOBILIS"));
    assert_eq!(info.mssidn.as_deref(), Some("0661234567"));
    assert_eq!(info.topup_amount, Some(Dzd::from_dinars(1000)));
    assert_eq!(info.balance_amount, Some(Dzd::from_dinars(960)));
    let created = info.created_at.clone().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(&created).is_ok() && created.ends_with('Z'),
        "{created}"
    );
    assert_eq!(info.refund_message, None);
    assert!(info.suggested_offers.is_empty());
    assert_eq!(c.check_id(&sent.topup_id).await.unwrap(), info);
    assert_eq!(c.balance().await.unwrap().balance, Dzd::from_dinars(99_040));
}

#[tokio::test]
async fn fixed_plans_charge_their_own_amount_and_refs_can_be_generated() {
    let emu = start(EmulatorConfig {
        speed: 100.0,
        ..Default::default()
    })
    .await;
    let c = client(&emu);
    let sent = c
        .send(&SendRequest {
            plan_code: "PIXX_1000".into(),
            mssidn: "0661234567".into(),
            amount: None,
            reference: None,
        })
        .await
        .unwrap();
    let generated = sent.topup_ref.clone().unwrap();
    assert!(
        generated.starts_with("API-+213")
            && generated.contains("-test-")
            && generated.ends_with("-success"),
        "{generated}"
    );
    assert_eq!(sent.new_balance, Some(Dzd::from_dinars(100_000 - 970)));
    let info = c.check_ref(&generated).await.unwrap();
    assert_eq!(
        (info.topup_amount, info.balance_amount),
        (Some(Dzd::from_dinars(1000)), Some(Dzd::from_dinars(970)))
    );
    // A plan without cost charges its face value; Djezzy's 0.9925 gives centimes.
    let s = c
        .send(&send_req("GROS_MOBILIS", "0661234567", Some(5000), "gros"))
        .await
        .unwrap();
    assert_eq!(s.new_balance, Some(Dzd::from_dinars(100_000 - 970 - 5000)));
    let s = c
        .send(&send_req("PREPAID_DJEZZY", "0771234567", Some(500), "dj"))
        .await
        .unwrap();
    assert_eq!(
        s.new_balance,
        Some(Dzd::from_centimes((100_000 - 970 - 5000) * 100 - 49_625))
    );
}

// ------------------------------------------------------------------------------------------
// Sandbox numbers

#[tokio::test]
async fn number_0600000001_is_refunded_with_an_arabic_message() {
    let emu = start(timeline_config()).await;
    let c = client(&emu);
    c.send(&send_req(
        "PREPAID_MOBILIS",
        "0600000001",
        Some(2000),
        "r-refund",
    ))
    .await
    .unwrap();
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000 - 1920),
        "charged at send"
    );
    let (seen, info) = follow(&c, "r-refund").await;
    assert_eq!(seen.last(), Some(&TopupStatus::Refunded));
    assert!(seen.contains(&TopupStatus::Pending));
    let msg = info.refund_message.unwrap();
    assert!(is_arabic(&msg) && msg.contains("0600000001"), "{msg}");
    assert!(info.suggested_offers.is_empty());
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000),
        "refunded in full"
    );
}

#[tokio::test]
async fn number_0600000002_is_refunded_with_offers_for_the_line() {
    let emu = start(timeline_config()).await;
    let c = client(&emu);
    let plans = c.plans().await.unwrap();
    c.send(&send_req(
        "PREPAID_MOBILIS",
        "0600000002",
        Some(1000),
        "r-offers",
    ))
    .await
    .unwrap();
    let (_, info) = follow(&c, "r-offers").await;
    assert_eq!(info.status, TopupStatus::Refunded);
    assert!(is_arabic(info.refund_message.as_deref().unwrap()));
    let offers = &info.suggested_offers;
    assert!((3..=6).contains(&offers.len()), "{offers:?}");
    for o in offers {
        let plan = plans.find(&o.plan_code).expect("offer is a real plan");
        assert!(plan.is_enabled);
        assert_eq!(
            flexy_pos::rules::Operator::of_plan(plan),
            Some(flexy_pos::rules::Operator::Mobilis)
        );
        assert!(!o.typename.is_empty() && o.amount > Dzd::ZERO);
        // An offer can be sent as a normal order.
        let amount =
            (plan.kind() != PlanKind::Fixed).then(|| o.amount.whole_dinars().unwrap() as u64);
        c.send(&send_req(
            &o.plan_code,
            "0661234567",
            amount,
            &format!("from-offer-{}", o.plan_code),
        ))
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn number_0600000003_is_unknown_error_then_resolves() {
    let config = timeline_config();
    let seed = config.seed;
    let emu = start(config).await;
    let c = client(&emu);
    c.send(&send_req(
        "PREPAID_MOBILIS",
        "0600000003",
        Some(1000),
        "r-unknown",
    ))
    .await
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let unknown = loop {
        let info = c.check_ref("r-unknown").await.unwrap();
        if info.status == TopupStatus::UnknownError {
            break info;
        }
        assert!(!info.status.is_final(), "skipped UNKNOWN_ERROR: {info:?}");
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert_eq!(unknown.refund_message.as_deref(), Some(DOC_UNKNOWN_MESSAGE));
    assert!(!unknown.status.is_final(), "UNKNOWN_ERROR is not a failure");
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(99_040),
        "still charged"
    );

    let (seen, info) = follow(&c, "r-unknown").await;
    assert_eq!(seen.first(), Some(&TopupStatus::UnknownError));
    if emulator::unknown_resolves_fulfilled(seed, "r-unknown") {
        assert_eq!(info.status, TopupStatus::Fulfilled);
        assert_eq!(c.balance().await.unwrap().balance, Dzd::from_dinars(99_040));
    } else {
        assert_eq!(info.status, TopupStatus::Refunded);
        assert!(is_arabic(info.refund_message.as_deref().unwrap()));
        assert_eq!(
            c.balance().await.unwrap().balance,
            Dzd::from_dinars(100_000)
        );
    }
}

#[tokio::test]
async fn unknown_outcomes_cover_both_finals_and_keep_the_balance_right() {
    let emu = start(EmulatorConfig {
        speed: 200.0,
        unknown_resolve_after: Duration::from_secs(10),
        seed: 3,
        ..Default::default()
    })
    .await;
    let c = client(&emu);
    let refs: Vec<String> = (0..8).map(|i| format!("u-{i}")).collect();
    for r in &refs {
        c.send(&send_req("PREPAID_MOBILIS", "0600000003", Some(100), r))
            .await
            .unwrap();
    }
    let mut refunded = 0;
    for r in &refs {
        let (_, info) = follow(&c, r).await;
        assert_eq!(
            info.status == TopupStatus::Fulfilled,
            emulator::unknown_resolves_fulfilled(3, r)
        );
        refunded += i64::from(info.status == TopupStatus::Refunded);
    }
    assert!(refunded > 0 && refunded < 8, "{refunded}");
    let expected = Dzd::from_dinars(100_000 - 96 * (8 - refunded));
    assert_eq!(c.balance().await.unwrap().balance, expected);
    assert_eq!(emu.stats().refunded_total, Dzd::from_dinars(96 * refunded));
}

#[tokio::test]
async fn getmenu_returns_the_offers_and_gives_the_charge_back() {
    let emu = start(timeline_config()).await;
    let c = client(&emu);
    let sent = c
        .send(&send_req(
            "GETMENU_Djezzy",
            "0771234567",
            Some(100),
            "menu-1",
        ))
        .await
        .unwrap();
    assert_eq!(sent.new_balance, Some(Dzd::from_dinars(100_000 - 98)));
    let (_, info) = follow(&c, "menu-1").await;
    assert_eq!(info.status, TopupStatus::Refunded);
    let msg = info.refund_message.unwrap();
    assert!(is_arabic(&msg) && msg.contains("0771234567"), "{msg}");
    assert!((3..=6).contains(&info.suggested_offers.len()));
    let plans = c.plans().await.unwrap();
    for o in &info.suggested_offers {
        assert_eq!(
            flexy_pos::rules::Operator::of_plan(plans.find(&o.plan_code).unwrap()),
            Some(flexy_pos::rules::Operator::Djezzy)
        );
    }
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000)
    );
    // GETMENU is validated like a dynamic plan.
    let e = c
        .send(&send_req("GETMENU_Djezzy", "0771234567", None, "menu-2"))
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&e),
        Refusal::Validation {
            field: Some("amount".into())
        }
    );
}

// ------------------------------------------------------------------------------------------
// Documented errors

#[tokio::test]
async fn validation_errors_name_the_field_and_charge_nothing() {
    let emu = start(EmulatorConfig::default()).await;
    let c = client(&emu);
    let cases: Vec<(SendRequest, &str, &str)> = vec![
        (
            send_req("PREPAID_MOBILIS", "661234567", Some(100), "v1"),
            "MSSIDN",
            r#"body/MSSIDN must match pattern "^0[567][0-9]{8}$""#,
        ),
        (
            send_req("PREPAID_MOBILIS", "+213661234567", Some(100), "v2"),
            "MSSIDN",
            "must match pattern",
        ),
        (
            send_req("PREPAID_MOBILIS", "0661234567", None, "v3"),
            "amount",
            "required",
        ),
        (
            send_req("PREPAID_MOBILIS", "0661234567", Some(39), "v4"),
            "amount",
            "between 40 and 3999",
        ),
        (
            send_req("PREPAID_MOBILIS", "0661234567", Some(4000), "v5"),
            "amount",
            "between 40 and 3999",
        ),
        (
            send_req("NO_SUCH_PLAN", "0661234567", Some(100), "v6"),
            "plan_code",
            "does not exist",
        ),
        (
            send_req("FACTURE_OOREDOO", "0561234567", Some(100), "v7"),
            "plan_code",
            "disabled",
        ),
        (
            send_req("PREPAID_DJEZZY", "0661234567", Some(100), "v8"),
            "MSSIDN",
            "Djezzy",
        ),
        (
            send_req("PIXX_500", "0771234567", None, "v9"),
            "MSSIDN",
            "Mobilis",
        ),
        (
            send_req("GROS_MOBILIS", "0661234567", Some(4999), "v10"),
            "amount",
            "between 5000 and 300000",
        ),
        (
            send_req("PREPAID_MOBILIS", "0661234567", Some(100), &"x".repeat(200)),
            "ref",
            "more than",
        ),
    ];
    for (req, field, text) in cases {
        let e = c.send(&req).await.unwrap_err();
        assert_eq!(
            refusal(&e),
            Refusal::Validation {
                field: Some(field.into())
            },
            "{e}"
        );
        assert_eq!(e.http_status(), Some(400));
        assert!(!e.maybe_applied());
        let ApiError::Refused {
            code,
            message,
            request_id,
            ..
        } = &e
        else {
            unreachable!()
        };
        assert_eq!(code, "ERR_VALIDATION");
        assert!(message.contains(text), "{message} should contain {text}");
        assert!(request_id.as_deref().is_some_and(|r| r.starts_with("req_")));
    }
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000)
    );
    assert_eq!(emu.stats().orders, 0);
}

#[tokio::test]
async fn insufficient_balance_reports_required_and_available() {
    let emu = start(EmulatorConfig {
        balance: Dzd::from_dinars(500),
        ..Default::default()
    })
    .await;
    let c = client(&emu);
    let e = c
        .send(&send_req(
            "PREPAID_MOBILIS",
            "0661234567",
            Some(1000),
            "big",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&e),
        Refusal::InsufficientBalance {
            required: Some(960.0),
            available: Some(500.0)
        }
    );
    assert_eq!(e.http_status(), Some(403));
    assert!(
        e.to_string()
            .contains("Your balance is insufficient for this operation"),
        "{e}"
    );
    // A refused order does not use up its ref.
    emu.deposit(Dzd::from_dinars(1000)).unwrap();
    c.send(&send_req(
        "PREPAID_MOBILIS",
        "0661234567",
        Some(1000),
        "big",
    ))
    .await
    .unwrap();
    assert_eq!(c.balance().await.unwrap().balance, Dzd::from_dinars(540));
}

#[tokio::test]
async fn duplicate_refs_are_refused_in_both_spellings() {
    let emu = start(EmulatorConfig::default()).await;
    let c = client(&emu);
    c.send(&send_req(
        "PREPAID_OOREDOO",
        "0551234567",
        Some(1000),
        "dup",
    ))
    .await
    .unwrap();
    let e = c
        .send(&send_req(
            "PREPAID_OOREDOO",
            "0551234567",
            Some(1000),
            "dup",
        ))
        .await
        .unwrap_err();
    assert!(e.is_duplicate_ref(), "{e}");
    let ApiError::Refused {
        code,
        message,
        status,
        ..
    } = &e
    else {
        unreachable!()
    };
    assert_eq!(
        (code.as_str(), message.as_str(), *status),
        (
            "DUPLICATED-REF",
            "This reference ID is already in use.",
            403
        )
    );
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000 - 985),
        "charged once"
    );
    // The error-handling page's spelling.
    let body = br#"{"success":false,"error":{"code":"DUPLICATED_REF","message":"This reference ID is already in use"},"requestId":"req_1730462400_q1w2e3"}"#;
    let e = decode_envelope::<SendData>(StatusCode::FORBIDDEN, body).unwrap_err();
    assert!(e.is_duplicate_ref());
    assert_eq!(e.request_id(), Some("req_1730462400_q1w2e3"));
}

#[tokio::test]
async fn unknown_refs_and_ids_are_not_found() {
    let emu = start(EmulatorConfig::default()).await;
    let c = client(&emu);
    let e = c.check_ref("never-sent").await.unwrap_err();
    assert!(e.is_not_found());
    let ApiError::Refused {
        message, status, ..
    } = &e
    else {
        unreachable!()
    };
    assert_eq!(
        (message.as_str(), *status),
        ("Top-up with reference 'never-sent' not found", 404)
    );
    let e = c.check_id("6650aa11bb22cc33dd44ee55").await.unwrap_err();
    assert!(e.is_not_found());
    // Refs with path characters are escaped by the client and found again.
    c.send(&send_req(
        "PREPAID_MOBILIS",
        "0661234567",
        Some(100),
        "a/b?c#d",
    ))
    .await
    .unwrap();
    assert_eq!(
        c.check_ref("a/b?c#d").await.unwrap().reference.as_deref(),
        Some("a/b?c#d")
    );
}

#[tokio::test]
async fn missing_and_invalid_tokens_then_ip_block() {
    // speed 10 000: the 15 min block lasts 90 ms.
    let emu = start(EmulatorConfig {
        speed: 10_000.0,
        ..Default::default()
    })
    .await;
    // Missing: the client always sends its key, so ask raw and decode with the client's decoder.
    let resp = reqwest::get(format!("{}/v3/account/balance", emu.base_url()))
        .await
        .unwrap();
    let status = resp.status();
    let e = decode_envelope::<BalanceData>(status, &resp.bytes().await.unwrap()).unwrap_err();
    assert_eq!(refusal(&e), Refusal::MissingToken);
    assert_eq!(e.http_status(), Some(400));

    // A client asks once with a refused key (its key latch); five tills sharing the IP ask five
    // times, which is what blocks it.
    let bad = || client_with_key(&emu, "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab");
    let mut left = Vec::new();
    for _ in 0..5 {
        let e = bad().validate().await.unwrap_err();
        assert_eq!(e.http_status(), Some(401));
        assert!(
            !e.to_string().contains("0b1c2d3e"),
            "the key never shows: {e}"
        );
        match refusal(&e) {
            Refusal::InvalidToken { attempts_left } => left.push(attempts_left.unwrap()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(left, vec![4, 3, 2, 1, 0]);
    let e = client(&emu).balance().await.unwrap_err();
    assert_eq!(refusal(&e), Refusal::IpBlocked);
    assert_eq!(e.http_status(), Some(403));
    let deadline = Instant::now() + Duration::from_secs(5);
    while client(&emu).balance().await.is_err() {
        assert!(Instant::now() < deadline, "the block never ended");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn rate_limits_and_server_errors() {
    let emu = start(EmulatorConfig::default()).await;
    let c = client(&emu);
    emu.set_faults(FaultConfig {
        error_429: 1.0,
        retry_after_secs: Some(1),
        ..Default::default()
    })
    .unwrap();
    let e = c.balance().await.unwrap_err();
    assert_eq!(refusal(&e), Refusal::RateLimited);
    assert!(e.is_transient());
    assert!(e.maybe_applied(), "a 429 proves nothing about a send");
    assert!(
        e.to_string().contains("RATE_LIMIT_EXCEEDED") && e.to_string().contains("waiting 1 s"),
        "{e}"
    );
    // The next request of any kind waits for the Retry-After.
    let t = Instant::now();
    let e = c
        .send(&send_req("PREPAID_MOBILIS", "0661234567", Some(100), "rl"))
        .await
        .unwrap_err();
    assert!(t.elapsed() >= Duration::from_secs(1), "{:?}", t.elapsed());
    assert_eq!(refusal(&e), Refusal::RateLimited);
    assert!(c.rate_gate().remaining() > Duration::ZERO);
    emu.set_faults(FaultConfig {
        error_429: 1.0,
        retry_after_secs: Some(0),
        ..Default::default()
    })
    .unwrap();
    tokio::time::sleep(c.rate_gate().remaining()).await;

    emu.set_faults(FaultConfig {
        error_500: 1.0,
        ..Default::default()
    })
    .unwrap();
    let e = c.plans().await.unwrap_err();
    match &e {
        ApiError::Failed {
            status,
            code,
            message,
            request_id,
        } => {
            assert_eq!((*status, code.as_deref()), (500, Some("INTERNAL_ERROR")));
            assert_eq!(message, "Developer was notified and will check shortly");
            assert!(request_id.is_some());
        }
        other => panic!("{other:?}"),
    }
    let e = c
        .send(&send_req(
            "PREPAID_MOBILIS",
            "0661234567",
            Some(100),
            "five-hundred",
        ))
        .await
        .unwrap_err();
    assert!(
        e.maybe_applied(),
        "a 500 on send must be reconciled, not resent blindly"
    );
    emu.set_faults(FaultConfig::default()).unwrap();
    assert!(
        c.check_ref("five-hundred")
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(emu.stats().refs["five-hundred"].requests, 1);

    // With retries on, the client gets through a run of 500s once they stop.
    emu.set_faults(FaultConfig {
        error_500: 0.5,
        ..Default::default()
    })
    .unwrap();
    let mut opts = ClientOptions::new(
        emu.base_url(),
        ApiKey::new(emulator::DEFAULT_SANDBOX_KEY).unwrap(),
    );
    opts.read_retries = 12;
    opts.retry_delay = Duration::from_millis(1);
    let patient = ApiClient::new(opts).unwrap();
    for _ in 0..5 {
        assert_eq!(
            patient.balance().await.unwrap().balance,
            Dzd::from_dinars(100_000)
        );
    }
}

/// The emulator's fault modes for the newer error facts, through the client: each a typed
/// error with a clear message; the refusals charge nothing, the rest prove nothing.
#[tokio::test]
async fn newer_errors_are_typed_with_a_clear_message_for_the_clerk() {
    let emu = start(EmulatorConfig {
        speed: 100.0,
        ..Default::default()
    })
    .await;
    let c = client(&emu);
    type Check = fn(&ApiError) -> bool;
    let cases: [(FaultConfig, Check, &str); 5] = [
        (
            FaultConfig {
                ip_not_allowed: 1.0,
                ..Default::default()
            },
            |e| e.refusal() == Some(&Refusal::IpNotAllowed) && !e.maybe_applied(),
            "Settings → API Configuration → IP whitelist",
        ),
        (
            FaultConfig {
                api_disabled: 1.0,
                ..Default::default()
            },
            |e| e.refusal() == Some(&Refusal::ApiDisabled) && !e.maybe_applied(),
            "switched off",
        ),
        (
            FaultConfig {
                error_413: 1.0,
                ..Default::default()
            },
            |e| e.refusal() == Some(&Refusal::PayloadTooLarge) && !e.maybe_applied(),
            "too large",
        ),
        (
            FaultConfig {
                error_503: 1.0,
                ..Default::default()
            },
            |e| matches!(e, ApiError::Unavailable { .. }) && e.maybe_applied(),
            "temporarily unavailable",
        ),
        (
            FaultConfig {
                unknown_route: 1.0,
                ..Default::default()
            },
            |e| matches!(e, ApiError::UnknownRoute { .. }) && e.maybe_applied(),
            "no such address",
        ),
    ];
    for (i, (faults, check, words)) in cases.into_iter().enumerate() {
        emu.set_faults(faults).unwrap();
        let reference = format!("newer-{i}");
        // A fresh client per request: after a refused access one client pauses (below).
        let errors = [
            client(&emu).balance().await.map(|_| ()).unwrap_err(),
            client(&emu)
                .check_ref(&reference)
                .await
                .map(|_| ())
                .unwrap_err(),
            client(&emu)
                .send(&send_req(
                    "PREPAID_MOBILIS",
                    "0661234567",
                    Some(100),
                    &reference,
                ))
                .await
                .map(|_| ())
                .unwrap_err(),
        ];
        for e in &errors {
            assert!(check(e), "{e:?}");
            assert!(!e.is_not_found(), "never a top-up's NOT_FOUND: {e:?}");
            assert!(e.to_string().contains(words), "{e}");
        }
        if errors[0].is_access_refusal() {
            // The same client asks nothing more: every request would be refused alike.
            let first = c.balance().await.map(|_| ()).unwrap_err();
            let paused = c.balance().await.map(|_| ()).unwrap_err();
            assert!(first.is_access_refusal(), "{first:?}");
            assert!(matches!(paused, ApiError::KeyRefused { .. }), "{paused:?}");
            assert!(paused.to_string().contains(words), "{paused}");
            c.lift_key_latch();
        }
        emu.set_faults(FaultConfig::default()).unwrap();
        assert!(c.check_ref(&reference).await.unwrap_err().is_not_found());
    }
    assert_eq!(emu.stats().net_charged, Dzd::ZERO);
}

#[tokio::test]
async fn dropped_and_malformed_answers_are_maybe_applied_and_reconcilable() {
    let emu = start(EmulatorConfig {
        speed: 100.0,
        seed: 8,
        ..Default::default()
    })
    .await;
    let c = client(&emu);
    emu.set_faults(FaultConfig {
        drop: 1.0,
        ..Default::default()
    })
    .unwrap();
    let e = c.balance().await.unwrap_err();
    assert!(
        matches!(
            e,
            ApiError::Network {
                kind: NetworkKind::Broken,
                ..
            }
        ),
        "{e:?}"
    );
    for i in 0..10 {
        let r = format!("lost-{i}");
        let e = c
            .send(&send_req("PREPAID_MOBILIS", "0661234567", Some(100), &r))
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                ApiError::Network {
                    kind: NetworkKind::Broken,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.maybe_applied());
    }
    emu.set_faults(FaultConfig {
        malformed: 1.0,
        ..Default::default()
    })
    .unwrap();
    let e = c.plans().await.unwrap_err();
    assert!(matches!(e, ApiError::Decode { status: 200, .. }), "{e:?}");
    for i in 0..10 {
        let r = format!("garbled-{i}");
        let e = c
            .send(&send_req("PREPAID_MOBILIS", "0661234567", Some(100), &r))
            .await
            .unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e:?}");
        assert!(e.maybe_applied());
    }
    // Reconcile by ref: whatever the emulator applied is found, the rest is not.
    emu.set_faults(FaultConfig::default()).unwrap();
    let stats = emu.stats();
    let mut applied = 0;
    for (r, s) in stats.refs.iter() {
        let found = c.check_ref(r).await.is_ok();
        assert_eq!(found, s.accepted == 1, "{r}");
        applied += s.accepted;
    }
    assert!(applied > 0 && applied < 20, "{applied}");
    assert_eq!(
        c.balance().await.unwrap().balance,
        Dzd::from_dinars(100_000 - 96 * applied as i64)
    );
}

// ------------------------------------------------------------------------------------------
// Every example payload of the API notes parses into the client's types.

#[test]
fn documented_examples_parse() {
    let ok = StatusCode::OK;
    let validate = r#"{ "success": true,
  "data": { "username": "+213550000000",
            "apiKey": { "key": "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab", "isEnabled": true,
                        "type": "SANDBOX", "allowedips": [], "scope": "READ-WRITE" } } }"#;
    let v: ValidateData = decode_envelope(ok, validate.as_bytes()).unwrap();
    assert_eq!(v.api_key.key_type, KeyType::Sandbox);
    assert_eq!(v.username, "+213550000000");

    let ping = r#"{ "success": true,
  "data": { "api": "ok",
            "operators": { "mobilis": "up", "ooredoo": "up", "djezzy": "down", "mobilisFixedPlans": "up" } },
  "meta": { "timestamp": "2025-11-02T09:00:00.000Z" } }"#;
    let p: PingData = decode_envelope(ok, ping.as_bytes()).unwrap();
    assert_eq!(p.operators["djezzy"], "down");

    let envelope = r#"{ "success": true, "data": { }, "meta": { "timestamp": "<ISO 8601>" }, "requestId": "req_1700000000_ab12cd" }"#;
    let env: Envelope<serde_json::Value> = serde_json::from_str(envelope).unwrap();
    assert_eq!(env.request_id.as_deref(), Some("req_1700000000_ab12cd"));
    let error = r#"{ "success": false, "error": { "code": "<CODE>", "message": "<text>", "details": { } }, "requestId": "req_1700000000_ab12cd" }"#;
    let env: Envelope<serde_json::Value> = serde_json::from_str(error).unwrap();
    assert_eq!(env.error.unwrap().code, "<CODE>");

    let plans = r#"{ "success": true,
  "data": {
    "dynamicPlans": [
      { "code": "PREPAID_DJEZZY", "name": "📱 PREPAID | عادي", "operator": "Djezzy",
        "cost": 0.99, "isEnabled": true, "min_amount": 100, "max_amount": 10000 },
      { "code": "GROS_MOBILIS", "name": "📱 GROS MOBILIS | جملة", "operator": "GMobilis",
        "isEnabled": true, "min_amount": 5000, "max_amount": 300000 } ],
    "fixedPlans": [
      { "code": "PIXX_500", "name": "Pixx 500 DA", "operator": "Pixx",
        "cost": 0.97, "isEnabled": true, "amount": 500 } ] },
  "meta": { "timestamp": "2025-11-02T09:00:00.000Z" } }"#;
    let pl: PlansData = decode_envelope(ok, plans.as_bytes()).unwrap();
    assert_eq!(pl.find("GROS_MOBILIS").unwrap().cost, None);
    assert_eq!(pl.find("PIXX_500").unwrap().kind(), PlanKind::Fixed);

    let send = r#"{ "success": true,
  "data": { "topupId": "6650aa11bb22cc33dd44ee55", "topupRef": "shop1-1730462400-x7k2p9" },
  "meta": { "timestamp": "2025-11-02T09:00:01.000Z" }, "requestId": "req_1730462400_q1w2e3" }"#;
    let s: SendData = decode_envelope(ok, send.as_bytes()).unwrap();
    assert_eq!(
        (s.topup_ref.as_deref(), s.new_balance),
        (Some("shop1-1730462400-x7k2p9"), None)
    );
    let send_with_balance = r#"{"success":true,"data":{"topupId":"6650aa11bb22cc33dd44ee55","topupRef":"API-+213665983439-test-1761698159224-success","newBalance":2450.75}}"#;
    let s: SendData = decode_envelope(ok, send_with_balance.as_bytes()).unwrap();
    assert_eq!(s.new_balance, Some(Dzd::from_centimes(245_075)));

    let check = r#"{ "success": true,
  "data": { "_id": "6650aa11bb22cc33dd44ee55", "ref": "shop1-1730462400-x7k2p9",
            "status": "REFUNDED", "plan_code": "PREPAID_MOBILIS", "MSSIDN": "0661234567",
            "topup_amount": 1000, "balance_amount": 960, "created_at": "2025-11-02T09:00:00.900Z",
            "refund_message": "<Arabic text for the customer>",
            "suggested_offers": [ { "typename": "<offer label>", "plan_code": "MIX500_MOBILIS", "amount": 500 } ],
            "follow_orderid": "<string>", "retry_orderid": "<string>" },
  "meta": { "timestamp": "2025-11-02T09:00:20.000Z" } }"#;
    let t: TopupInfo = decode_envelope(ok, check.as_bytes()).unwrap();
    assert_eq!(t.status, TopupStatus::Refunded);
    assert_eq!(t.suggested_offers[0].amount, Dzd::from_dinars(500));
    assert_eq!(t.follow_orderid.as_deref(), Some("<string>"));

    let balance = r#"{ "success": true, "data": { "balance": 2450.75 }, "meta": { "timestamp": "2025-11-02T09:00:00.000Z" } }"#;
    let b: BalanceData = decode_envelope(ok, balance.as_bytes()).unwrap();
    assert_eq!(b.balance, Dzd::from_centimes(245_075));
    let balance_v3 = r#"{"success":true,"data":{"balance":2450.75,"currency":"DZD"}}"#;
    let b: BalanceData = decode_envelope(ok, balance_v3.as_bytes()).unwrap();
    assert_eq!(b.currency.as_deref(), Some("DZD"));

    // Error bodies of §2, each with its HTTP status.
    let errors: Vec<(u16, &str, ErrorCheck)> = vec![
        (
            400,
            r#"{"success":false,"error":{"code":"MISSING_ACCESS_TOKEN","message":"Access token is required"},"requestId":"req_x"}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::MissingToken)),
        ),
        (
            401,
            r#"{"success":false,"error":{"code":"INVALID_ACCESS_TOKEN","message":"Invalid","details":{"attemptsLeft":3}}}"#,
            Box::new(|e| {
                e.refusal()
                    == Some(&Refusal::InvalidToken {
                        attempts_left: Some(3),
                    })
            }),
        ),
        (
            401,
            r#"{"success":false,"error":{"code":"ERR_AUTH","message":"Invalid"}}"#,
            Box::new(|e| matches!(e.refusal(), Some(Refusal::InvalidToken { .. }))),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"IP_BLOCKED","message":"blocked"}}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::IpBlocked)),
        ),
        (
            400,
            r#"{"success":false,"error":{"code":"ERR_VALIDATION","message":"body/MSSIDN must match pattern \"^0[567][0-9]{8}$\"","details":{"field":"MSSIDN","value":"661234567"}},"requestId":"req_1700000000_ab12cd"}"#,
            Box::new(|e| {
                e.refusal()
                    == Some(&Refusal::Validation {
                        field: Some("MSSIDN".into()),
                    })
            }),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"INSUFFICIENT_BALANCE","message":"Insufficient balance","details":{"required":500,"available":250}}}"#,
            Box::new(|e| {
                e.refusal()
                    == Some(&Refusal::InsufficientBalance {
                        required: Some(500.0),
                        available: Some(250.0),
                    })
            }),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"NO_BALANCE","message":"Your balance is insufficient for this operation"}}"#,
            Box::new(|e| matches!(e.refusal(), Some(Refusal::InsufficientBalance { .. }))),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"DUPLICATED-REF","message":"This reference ID is already in use"}}"#,
            Box::new(|e| e.is_duplicate_ref()),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"DUPLICATED_REF","message":"This reference ID is already in use"}}"#,
            Box::new(|e| e.is_duplicate_ref()),
        ),
        (
            404,
            r#"{"success":false,"error":{"code":"NOT_FOUND","message":"Top-up with reference 'abc' not found"}}"#,
            Box::new(|e| e.is_not_found()),
        ),
        (
            500,
            r#"{"success":false,"error":{"code":"INTERNAL_ERROR","message":"Developer was notified and will check shortly"},"requestId":"req_1"}"#,
            Box::new(|e| matches!(e, ApiError::Failed { status: 500, .. }) && e.maybe_applied()),
        ),
        (
            429,
            r#"{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"slow down"}}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::RateLimited) && e.maybe_applied()),
        ),
        // §12, the newer facts.
        (
            403,
            r#"{"success":false,"error":{"code":"IP_NOT_ALLOWED","message":"IP not allowed"}}"#,
            Box::new(|e| {
                e.refusal() == Some(&Refusal::IpNotAllowed)
                    && !e.maybe_applied()
                    && e.to_string()
                        .contains("Settings → API Configuration → IP whitelist")
            }),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"API_DISABLED","message":"disabled"}}"#,
            Box::new(|e| {
                e.refusal() == Some(&Refusal::ApiDisabled)
                    && !e.maybe_applied()
                    && e.to_string().contains("dashboard")
            }),
        ),
        (
            413,
            r#"{"success":false,"error":{"code":"PAYLOAD_TOO_LARGE","message":"too big"}}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::PayloadTooLarge) && !e.maybe_applied()),
        ),
        (
            503,
            r#"{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"down"}}"#,
            Box::new(|e| {
                matches!(e, ApiError::Unavailable { status: 503, .. })
                    && e.maybe_applied()
                    && e.is_transient()
                    && e.to_string().contains("temporarily unavailable")
            }),
        ),
        (
            503,
            r#"{"success":false,"error":{"code":"AUTH_UNAVAILABLE","message":"auth down"}}"#,
            Box::new(|e| matches!(e, ApiError::Unavailable { .. })),
        ),
        (
            503,
            "<html>Service Unavailable</html>",
            Box::new(|e| matches!(e, ApiError::Unavailable { .. })),
        ),
        (
            404,
            r#"{"message":"Route GET:/v3/mobile/nope not found","error":"Not Found","statusCode":404}"#,
            Box::new(|e| {
                matches!(e, ApiError::UnknownRoute { status: 404, .. })
                    && !e.is_not_found()
                    && e.maybe_applied()
                    && e.to_string()
                        .contains("Route GET:/v3/mobile/nope not found")
                    && e.to_string().contains("API URL")
            }),
        ),
        (
            404,
            "<html>404 page</html>",
            Box::new(|e| matches!(e, ApiError::UnknownRoute { .. }) && !e.is_not_found()),
        ),
        // Not documented refusals: nothing proves the send was not charged.
        (
            200,
            r#"{"success":false,"error":{"code":"ERR_VALIDATION","message":"bad amount"}}"#,
            Box::new(|e| matches!(e, ApiError::Protocol { status: 200, .. }) && e.maybe_applied()),
        ),
        (
            201,
            r#"{"success":false}"#,
            Box::new(|e| matches!(e, ApiError::Protocol { .. }) && e.maybe_applied()),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"SOMETHING_NEW","message":"?"}}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::Other) && e.maybe_applied()),
        ),
        (
            403,
            r#"{"success":false,"error":{"code":"ERR_VALIDATION","message":"wrong status"}}"#,
            Box::new(|e| e.refusal() == Some(&Refusal::Other) && e.maybe_applied()),
        ),
        (
            400,
            r#"{"success":false,"error":{"code":"NOT_FOUND","message":"a 404 code at 400"}}"#,
            Box::new(|e| !e.is_not_found() && e.maybe_applied()),
        ),
        (
            400,
            "<html>Bad Request</html>",
            Box::new(|e| matches!(e, ApiError::Decode { .. }) && e.maybe_applied()),
        ),
    ];
    for (status, body, check) in errors {
        let e = decode_envelope::<serde_json::Value>(
            StatusCode::from_u16(status).unwrap(),
            body.as_bytes(),
        )
        .unwrap_err();
        assert!(check(&e), "{status} {body}: {e:?}");
    }
}
