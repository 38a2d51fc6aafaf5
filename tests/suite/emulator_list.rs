//! `GET /v3/mobile/list` of the emulator over loopback HTTP, and the typed client reading it:
//! paging, bounds, from/to both-or-neither, newest first, totals, full items (the check-ref
//! shape), orders made "from the dashboard", and a REFUNDED item charging nothing.

use crate::common;

use chrono::{Duration as Days, Utc};
use common::*;
use flexy_pos::api::list::{ListRequest, TimeWindow};
use flexy_pos::api::types::TopupStatus;
use flexy_pos::emulator::{DEFAULT_SANDBOX_KEY, EmulatorConfig, EmulatorHandle};
use flexy_pos::money::Dzd;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;

async fn get(emu: &EmulatorHandle, query: &str, key: Option<&str>) -> (StatusCode, Value) {
    let mut rb = reqwest::Client::new().get(format!("{}/v3/mobile/list{query}", emu.base_url()));
    if let Some(k) = key {
        rb = rb.header("X-Access-Token", k);
    }
    let resp = rb.send().await.expect("answer");
    let status = resp.status();
    (status, resp.json().await.expect("JSON envelope"))
}

async fn list(emu: &EmulatorHandle, query: &str) -> Value {
    let (status, body) = get(emu, query, Some(DEFAULT_SANDBOX_KEY)).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    assert_eq!(body["success"], true);
    assert!(body["meta"]["timestamp"].is_string());
    body["data"].clone()
}

fn refs_of(data: &Value) -> Vec<String> {
    data["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["ref"].as_str().expect("ref").to_string())
        .collect()
}

/// `n` dashboard orders, order `i` made `i + 1` hours ago (so every one is final).
async fn with_orders(n: usize) -> EmulatorHandle {
    let emu = start_emulator(EmulatorConfig {
        speed: 100.0,
        ..EmulatorConfig::default()
    })
    .await;
    for i in 0..n {
        let phone = if i % 7 == 3 {
            "0600000001"
        } else {
            "0661234567"
        };
        external_order(
            &emu.base_url(),
            &format!("dash-{i:02}"),
            phone,
            3600 * (i as u64 + 1),
        )
        .await;
    }
    emu
}

#[tokio::test]
async fn pages_are_newest_first_with_true_totals() {
    let emu = with_orders(45).await;
    let mut seen = Vec::new();
    for page in 1..=3 {
        let data = list(&emu, &format!("?page={page}&pageSize=20")).await;
        assert_eq!(
            data["pagination"],
            json!({"page": page, "pageSize": 20, "totalPages": 3, "totalResults": 45})
        );
        let refs = refs_of(&data);
        assert_eq!(refs.len(), if page < 3 { 20 } else { 5 });
        seen.extend(refs);
    }
    let expected: Vec<String> = (0..45).map(|i| format!("dash-{i:02}")).collect();
    assert_eq!(seen, expected, "newest first, every order once");
    let past = list(&emu, "?page=4&pageSize=20").await;
    assert_eq!(refs_of(&past).len(), 0);
    assert_eq!(past["pagination"]["totalResults"], 45);
    let default = list(&emu, "").await;
    assert_eq!(
        default["pagination"],
        json!({"page": 1, "pageSize": 20, "totalPages": 3, "totalResults": 45})
    );
    let all = list(&emu, "?pageSize=100").await;
    assert_eq!(refs_of(&all).len(), 45);
    let created: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["created_at"].as_str().unwrap().to_string())
        .collect();
    assert!(
        created.windows(2).all(|w| w[0] >= w[1]),
        "created_at never increases down the list"
    );
    assert_eq!(emu.stats().dashboard_orders, 45);
    assert!(
        emu.stats().refs.is_empty(),
        "dashboard orders are not sends"
    );
}

#[tokio::test]
async fn bounds_and_both_or_neither_are_validation_errors() {
    let emu = with_orders(1).await;
    for (query, field) in [
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?pageSize=0", "pageSize"),
        ("?pageSize=101", "pageSize"),
        ("?from=2025-10-01T00:00:00Z", "to"),
        ("?to=2025-10-01T00:00:00Z", "from"),
        ("?from=not-a-date&to=2025-10-01T00:00:00Z", "from"),
    ] {
        let (status, body) = get(&emu, query, Some(DEFAULT_SANDBOX_KEY)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["success"], false);
        assert_eq!(body["error"]["code"], "ERR_VALIDATION", "{query}");
        assert_eq!(body["error"]["details"]["field"], field, "{query}: {body}");
    }
    let (status, body) = get(&emu, "", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "MISSING_ACCESS_TOKEN");
    let (status, _) = get(&emu, "?pageSize=100", Some(DEFAULT_SANDBOX_KEY)).await;
    assert_eq!(status, StatusCode::OK, "100 is allowed");
}

#[tokio::test]
async fn a_window_keeps_only_orders_created_inside_it() {
    let emu = with_orders(30).await;
    let now = Utc::now();
    let from = (now - Days::hours(10) - Days::minutes(30)).to_rfc3339();
    let to = (now - Days::hours(2) - Days::minutes(30)).to_rfc3339();
    let query = format!(
        "?pageSize=5&from={}&to={}",
        urlencode(&from),
        urlencode(&to)
    );
    let data = list(&emu, &query).await;
    assert_eq!(
        data["pagination"],
        json!({"page": 1, "pageSize": 5, "totalPages": 2, "totalResults": 8})
    );
    assert_eq!(
        refs_of(&data),
        ["dash-02", "dash-03", "dash-04", "dash-05", "dash-06"]
    );
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn items_are_the_check_ref_objects_and_a_refund_charges_nothing() {
    let emu = with_orders(8).await;
    let api = client(&emu.base_url());
    let page = api
        .list_topups(&ListRequest::new(1, 50, None).unwrap())
        .await
        .expect("typed list");
    assert_eq!(page.items.len(), 8);
    assert!(page.unreadable.is_empty());
    assert!(!page.has_next());
    for item in &page.items {
        let reference = item.reference.as_deref().expect("ref");
        assert_eq!(&api.check_ref(reference).await.unwrap(), item);
    }
    let refunded = page
        .items
        .iter()
        .find(|i| i.reference.as_deref() == Some("dash-03"))
        .expect("0600000001 order");
    assert_eq!(refunded.status, TopupStatus::Refunded);
    assert_eq!(
        refunded.balance_amount,
        Some(Dzd::ZERO),
        "§12: nothing charged"
    );
    assert!(refunded.refund_message.is_some());
    // 7 fulfilled orders of 500 × 0.96 stay charged; the refunded one was given back.
    let stats = emu.stats();
    assert_eq!(stats.net_charged, Dzd::from_dinars(7 * 480));
    assert_eq!(stats.balance, Dzd::from_dinars(100_000 - 7 * 480));
    let charged: Dzd = page
        .items
        .iter()
        .filter_map(|i| i.balance_amount)
        .fold(Dzd::ZERO, |a, b| a + b);
    assert_eq!(
        charged, stats.net_charged,
        "the list's charges are the account's"
    );

    // The typed client sends the window and reads a later page.
    let window = TimeWindow::new(Utc::now() - Days::minutes(330), Utc::now()).unwrap();
    let page = api
        .list_topups(&ListRequest::new(2, 2, Some(window)).unwrap())
        .await
        .expect("page 2");
    let refs: HashSet<_> = page
        .items
        .iter()
        .filter_map(|i| i.reference.clone())
        .collect();
    assert_eq!(
        refs,
        HashSet::from(["dash-02".to_string(), "dash-03".to_string()])
    );
    assert_eq!(page.pagination.total_results, 5);
}
