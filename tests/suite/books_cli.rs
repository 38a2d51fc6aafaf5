//! The shop's books end to end: real sales against the emulator over loopback (every standing
//! of the report: fulfilled, refunded, unknown, unconfirmed, refused, not sent), then the real
//! binary's `report --json`/`--csv` and `orders --csv`/`--phone`, checked against the orders
//! themselves.

use crate::common;

use common::{Proxy, SendMode, emulator_config, fast_settings, start_emulator, wait_until};
use flexy_pos::emulator::EmulatorConfig;
use flexy_pos::money::Dzd;
use flexy_pos::orders::{Lifecycle, NewOrder, OrderState, PlansSync, PollerHandle};
use flexy_pos::rules::PriceRule;
use flexy_pos::store::Store;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

const WINDOW: Duration = Duration::from_millis(1500);
const SETTLE: Duration = Duration::from_secs(20);

fn sale(phone: &str, plan: &str, amount: u32) -> NewOrder {
    NewOrder {
        phone: phone.into(),
        plan_code: plan.into(),
        amount: Some(amount.to_string()),
    }
}

/// Runs the binary on a practice data dir (no key: the practice store), returns stdout.
fn run(root: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
        .arg("--data-dir")
        .arg(root)
        .arg("--config")
        .arg(root.join("none.toml"))
        .args(args)
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .output()
        .expect("flexy-pos runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Sells every kind of outcome into `<root>/practice/store` and stops.
async fn sell_a_day(root: &Path) {
    let emu = start_emulator(EmulatorConfig {
        balance: Dzd::from_dinars(6000),
        unknown_resolve_after: Duration::from_secs(1_000_000),
        ..emulator_config(12)
    })
    .await;
    let proxy = Proxy::start(emu.addr).await;
    let store = Store::open(&root.join("practice").join("store")).expect("store");
    let api = common::client(&proxy.url);
    let plans = PlansSync::new(store.clone(), api.clone(), Duration::from_secs(3600));
    let lc = Lifecycle::new(
        store.clone(),
        api,
        plans,
        fast_settings(WINDOW),
        PriceRule::default(),
    )
    .expect("lifecycle");
    let poller = PollerHandle::start(lc.clone()).expect("poller");
    lc.plans().get().await.expect("plans");
    let sales = [
        sale("0661234567", "PREPAID_MOBILIS", 500),
        sale("0600000001", "PREPAID_MOBILIS", 300),
        sale("0600000003", "PREPAID_MOBILIS", 400),
        sale("0771234567", "PREPAID_DJEZZY", 1000),
        sale("0770004567", "PREPAID_DJEZZY", 200),
        sale("0551234567", "PREPAID_OOREDOO", 250),
        sale("0661234567", "PREPAID_MOBILIS", 100),
    ];
    let mut refs = Vec::new();
    for s in &sales {
        refs.push(lc.place(s).await.expect("placed").reference);
    }
    // Never reaches OneClickDz: NOT_SENT once the reconcile window has passed.
    proxy.set_send_mode(SendMode::Swallow);
    let lost = lc
        .place(&sale("0662224567", "PREPAID_MOBILIS", 300))
        .await
        .expect("placed");
    proxy.set_send_mode(SendMode::Pass);
    let settled = wait_until(SETTLE, || async {
        refs.iter().chain([&lost.reference]).all(|r| {
            let rec = store.get_by_ref(r).unwrap().unwrap();
            rec.state.is_final() || rec.state == OrderState::UnknownError
        })
    })
    .await;
    assert!(settled, "the sales settle");
    // More than the balance left: REFUSED, nothing charged.
    let refused = lc
        .place(&sale("0559994567", "PREPAID_OOREDOO", 4000))
        .await
        .expect("placed");
    assert!(
        matches!(refused.state, OrderState::Refused { .. }),
        "{refused:?}"
    );
    // The network fails during this send: UNCONFIRMED when the day is closed.
    proxy.set_send_mode(SendMode::Swallow);
    let open = lc
        .place(&sale("0772224567", "PREPAID_DJEZZY", 300))
        .await
        .expect("placed");
    assert!(
        matches!(open.state, OrderState::Unconfirmed { .. }),
        "{open:?}"
    );
    poller.shutdown().await;
    drop(lc);
    drop(store);
}

/// Opens the store `sell_a_day` used, once the last of its tasks (a send still in flight
/// through the swallowing proxy) has let it go.
async fn open_once_released(dir: &Path) -> Store {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        match Store::open(dir) {
            Ok(store) => return store,
            Err(_) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("the store stays held: {e}"),
        }
    }
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn money(v: &Value) -> Dzd {
    v.as_f64().and_then(Dzd::from_f64).unwrap_or(Dzd::ZERO)
}

/// The report's money recounted from `orders --json`: (orders, collected, cost, refund).
fn recount(orders: &[&Value]) -> (i64, Dzd, Dzd, Dzd) {
    let mut out = (0, Dzd::ZERO, Dzd::ZERO, Dzd::ZERO);
    for o in orders {
        out.0 += 1;
        let price = money(&o["price"]);
        let status = o["status"].as_str().unwrap();
        match status {
            "REFUNDED" => out.3 += price,
            "REFUSED" | "NOT_SENT" => {}
            _ => out.1 += price,
        }
        if !matches!(status, "REFUNDED" | "REFUSED" | "NOT_SENT") {
            // What the API charged, or the expected charge while it has not said.
            let charged = if o["charged"].is_null() {
                &o["expected_cost"]
            } else {
                &o["charged"]
            };
            out.2 += money(charged);
        }
    }
    out
}

fn check_line(line: &Value, orders: &[&Value]) {
    let (n, collected, cost, refund) = recount(orders);
    assert_eq!(line["orders"].as_i64(), Some(n), "{line}");
    assert_eq!(money(&line["collected_total"]), collected, "{line}");
    assert_eq!(money(&line["cost_total"]), cost, "{line}");
    assert_eq!(money(&line["margin_total"]), collected - cost, "{line}");
    assert_eq!(money(&line["refund_total"]), refund, "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_closes_with_numbers_that_add_up() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("none.toml"), "").unwrap();
    sell_a_day(root.path()).await;
    // A send still in flight through the swallowing proxy may hold the store a moment.
    drop(open_once_released(&root.path().join("practice").join("store")).await);

    let orders = lines(&run(root.path(), &["orders", "--json", "--limit", "100"]));
    assert_eq!(orders.len(), 10);
    let statuses: Vec<&str> = orders
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    for s in [
        "FULFILLED",
        "REFUNDED",
        "UNKNOWN_ERROR",
        "UNCONFIRMED",
        "REFUSED",
        "NOT_SENT",
    ] {
        assert!(statuses.contains(&s), "{s} is in the day: {statuses:?}");
    }
    let report: Value = serde_json::from_str(&run(root.path(), &["report", "--json"])).unwrap();
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap());
    assert_eq!(report["from"], today.date_naive().to_string());
    assert_eq!(report["to"], report["from"]);
    let all: Vec<&Value> = orders.iter().collect();
    check_line(&report, &all);
    assert_eq!(report["fulfilled"], 5);
    assert_eq!(report["refunded"], 1);
    assert_eq!(report["at_risk"], 2, "UNKNOWN_ERROR and UNCONFIRMED");
    assert_eq!(money(&report["at_risk_total"]), Dzd::from_dinars(700));
    assert_eq!(
        (report["refused"].as_i64(), report["not_sent"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        money(&report["face_total"]),
        Dzd::from_dinars(500 + 1000 + 200 + 250 + 100)
    );
    let by_op = report["by_operator"].as_array().unwrap();
    assert_eq!(by_op.len(), 3);
    for line in by_op {
        let op = line["operator"].as_str().unwrap();
        let mine: Vec<&Value> = orders.iter().filter(|o| o["operator"] == op).collect();
        check_line(line, &mine);
    }
    // To give back: the refunded order, with its phone and time.
    let refunds = report["refunds"].as_array().unwrap();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0]["phone"], "0600000001");
    let refunded = orders.iter().find(|o| o["status"] == "REFUNDED").unwrap();
    assert_eq!(refunds[0]["created_at"], refunded["created_at"]);
    assert_eq!(refunds[0]["price"], refunded["price"]);

    // The CSV says the same as the JSON, line for line.
    let csv_text = run(root.path(), &["report", "--csv"]);
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4, "three operators and the total");
    for row in &rows {
        let line = match &row[0] {
            "All" => &report,
            op => by_op.iter().find(|l| l["operator"] == op).unwrap(),
        };
        for (name, cell) in header.iter().zip(row.iter()).skip(3) {
            assert_eq!(
                cell,
                line[name.as_str()].to_string(),
                "{name} of {}",
                &row[0]
            );
        }
    }
    // Yesterday had nothing.
    let yesterday: Value = serde_json::from_str(&run(
        root.path(),
        &["report", "--day", "yesterday", "--json"],
    ))
    .unwrap();
    assert_eq!(yesterday["orders"], 0);

    // Digit search in the forms the sale screen takes.
    let phones_for = |digits: &str| -> Vec<String> {
        let mut p: Vec<String> = lines(&run(root.path(), &["orders", "--json", "--phone", digits]))
            .iter()
            .map(|o| o["phone"].as_str().unwrap().to_string())
            .collect();
        p.sort();
        p.dedup();
        p
    };
    assert_eq!(
        phones_for("4567"),
        [
            "0551234567",
            "0559994567",
            "0661234567",
            "0662224567",
            "0770004567",
            "0771234567",
            "0772224567"
        ]
    );
    assert_eq!(
        phones_for("+213 77"),
        ["0770004567", "0771234567", "0772224567"]
    );
    assert_eq!(phones_for("٠٦٦١"), ["0661234567"]);
    assert_eq!(phones_for("2224"), ["0662224567", "0772224567"]);
    assert!(phones_for("98765").is_empty());

    // The regulars under 066: the most recent first, with the last sale.
    let store = open_once_released(&root.path().join("practice").join("store")).await;
    let regs = store.regulars("066", 5).unwrap();
    let phones: Vec<&str> = regs.iter().map(|r| r.phone.as_str()).collect();
    assert_eq!(phones, ["0662224567", "0661234567"]);
    assert_eq!(regs[1].orders, 2);
    assert_eq!(
        regs[1].last.amount,
        Dzd::from_dinars(100),
        "the last sale, not the first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_csv_reads_back_field_by_field() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("none.toml"), "").unwrap();
    sell_a_day(root.path()).await;
    // Server text that a spreadsheet would run, with an escape sequence and a comma.
    {
        let store = open_once_released(&root.path().join("practice").join("store")).await;
        let mut rec = store
            .page(&Default::default(), None, 1)
            .unwrap()
            .orders
            .remove(0);
        rec.last_error = Some(flexy_pos::ledger::Problem::Legacy(
            "=HYPERLINK(\"http://x\",\"\u{1b}[31mclick\")".into(),
        ));
        store.update(&rec).unwrap();
    }
    let json = lines(&run(root.path(), &["orders", "--json", "--limit", "100"]));
    let text = run(root.path(), &["orders", "--csv", "--limit", "100"]);
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["ref", "created_at", "status", "phone"]);
    assert!(header.iter().any(|h| h == "origin"), "{header:?}");
    let rows: Vec<BTreeMap<String, String>> = rd
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), json.len());
    for (row, obj) in rows.iter().zip(&json) {
        for (name, cell) in row {
            let want = match &obj[name.as_str()] {
                Value::Null => String::new(),
                Value::String(s) => flexy_pos::headless::csv_text(s),
                v => v.to_string(),
            };
            assert_eq!(cell, &want, "{name} of {}", obj["ref"]);
        }
    }
    // Arabic server text intact; the formula neutralised and its escape sequence gone.
    let refunded = rows.iter().find(|r| r["status"] == "REFUNDED").unwrap();
    assert!(
        refunded["refund_message"]
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
    let formula = &rows[0]["last_error"];
    assert!(formula.starts_with("'=HYPERLINK("), "{formula}");
    assert!(!formula.contains('\u{1b}'), "{formula}");
}

/// The shop's time zone is a setting, read by the commands as by the screen: a sale at 23:30
/// UTC belongs to the next day in Algiers (UTC+1), and to that same day with `timezone = "UTC"`.
#[test]
fn the_day_of_orders_and_report_follows_the_configured_time_zone() {
    use chrono::TimeZone;
    let root = tempfile::tempdir().unwrap();
    {
        let store = Store::open(&root.path().join("practice").join("store")).expect("store");
        let late = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        let rec = flexy_pos::testkit::OrderBuilder::new(late, 1)
            .reference("late-sale")
            .state(OrderState::Fulfilled)
            .price(Dzd::from_dinars(505))
            .build();
        store.insert_new(&rec).expect("written");
    }
    let refs_on = |day: &str| -> Vec<String> {
        lines(&run(root.path(), &["orders", "--json", "--day", day]))
            .iter()
            .map(|o| o["ref"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let orders_in_report = |day: &str| -> i64 {
        let report: Value =
            serde_json::from_str(&run(root.path(), &["report", "--json", "--day", day]))
                .expect("report JSON");
        report["orders"].as_i64().expect("a count")
    };
    for (config, day, other_day) in [
        ("", "2026-03-02", "2026-03-01"),
        (
            "timezone = \"Africa/Algiers\"\n",
            "2026-03-02",
            "2026-03-01",
        ),
        ("timezone = \"UTC\"\n", "2026-03-01", "2026-03-02"),
    ] {
        std::fs::write(root.path().join("none.toml"), config).unwrap();
        assert_eq!(refs_on(day), ["late-sale"], "{config:?}: {day}");
        assert!(refs_on(other_day).is_empty(), "{config:?}: {other_day}");
        assert_eq!(orders_in_report(day), 1, "{config:?}: report of {day}");
        assert_eq!(orders_in_report(other_day), 0, "{config:?}: {other_day}");
    }
}

/// An order made elsewhere on the account (the dashboard) is in no sum of the till's report,
/// but the report says how many there were, and the CSV marks it.
#[test]
fn orders_made_elsewhere_are_shown_apart_in_the_report_and_marked_in_the_csv() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("none.toml"), "").unwrap();
    {
        let store = Store::open(&root.path().join("practice").join("store")).expect("store");
        // Midday of a fixed shop day: a test run near midnight must not move it to another day.
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 1, 11, 0, 0).unwrap();
        let ours = flexy_pos::testkit::OrderBuilder::new(at, 1)
            .reference("ours-1")
            .state(OrderState::Fulfilled)
            .price(Dzd::from_dinars(505))
            .build();
        let theirs = flexy_pos::testkit::OrderBuilder::new(at, 2)
            .reference("dash-web-1")
            .state(OrderState::Fulfilled)
            .amount(Dzd::from_dinars(900))
            .origin(flexy_pos::ledger::Origin::External)
            .build();
        store.insert_batch(&[ours, theirs]).expect("written");
    }
    let report: Value = serde_json::from_str(&run(
        root.path(),
        &["report", "--json", "--day", "2026-03-01"],
    ))
    .expect("report JSON");
    assert_eq!(report["orders"], 1, "{report}");
    assert_eq!(report["external"], 1, "{report}");
    assert_eq!(money(&report["external_total"]), Dzd::from_dinars(900));
    let text = run(
        root.path(),
        &["--lang", "en", "report", "--day", "2026-03-01"],
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("Made elsewhere"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("1 · 900 DA"), "{line}");
    let csv = run(root.path(), &["orders", "--csv"]);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let origin_of = |r: &str| {
        rows.iter()
            .find(|row| &row[at("ref")] == r)
            .map(|row| row[at("origin")].to_string())
    };
    assert_eq!(origin_of("dash-web-1").as_deref(), Some("external"));
    assert_eq!(origin_of("ours-1").as_deref(), Some("till"));
}

/// With `day_starts_at = "04:00"` a sale at 01:30 (Algiers) on March 5th belongs to the shop
/// day of March 4th everywhere the till speaks of a day: `orders --day`, `report --day`, the
/// history's `day:` filter, and "today" on the history and the report screens alike.
#[test]
fn a_late_day_start_puts_a_night_sale_in_the_same_day_everywhere() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use flexy_pos::rules::ShopClock;
    use flexy_pos::ui::{AppState, UiSettings};
    let root = tempfile::tempdir().unwrap();
    // 01:30 in Algiers (UTC+1) on March 5th.
    let night = Utc.with_ymd_and_hms(2025, 3, 5, 0, 30, 0).unwrap();
    let rec = flexy_pos::testkit::OrderBuilder::new(night, 1)
        .reference("night-sale")
        .state(OrderState::Fulfilled)
        .price(Dzd::from_dinars(505))
        .build();
    let now_sale = flexy_pos::testkit::OrderBuilder::new(Utc::now(), 2)
        .reference("now-sale")
        .state(OrderState::Fulfilled)
        .build();
    {
        let store = Store::open(&root.path().join("practice").join("store")).expect("store");
        store
            .insert_batch(&[rec.clone(), now_sale])
            .expect("written");
    }
    std::fs::write(root.path().join("none.toml"), "day_starts_at = \"04:00\"\n").unwrap();
    let refs_on = |day: &str| -> Vec<String> {
        lines(&run(root.path(), &["orders", "--json", "--day", day]))
            .iter()
            .map(|o| o["ref"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let orders_in_report = |day: &str| -> i64 {
        let report: Value =
            serde_json::from_str(&run(root.path(), &["report", "--json", "--day", day]))
                .expect("report JSON");
        report["orders"].as_i64().expect("a count")
    };
    for day in ["2025-03-04", "04/03/2025"] {
        assert_eq!(refs_on(day), ["night-sale"], "orders --day {day}");
        assert_eq!(orders_in_report(day), 1, "report --day {day}");
    }
    assert!(refs_on("2025-03-05").is_empty(), "not on the calendar day");
    assert_eq!(orders_in_report("2025-03-05"), 0);
    // `today` is the same shop day for both commands.
    assert_eq!(refs_on("today"), ["now-sale"]);
    assert_eq!(orders_in_report("today"), 1);

    // The screens, at 02:00 on March 5th in Algiers (still March 4th's shop day).
    let clock = ShopClock::new(
        chrono_tz::Africa::Algiers,
        chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
    );
    let now = Utc.with_ymd_and_hms(2025, 3, 5, 1, 0, 0).unwrap();
    let settings = UiSettings {
        clock,
        ..UiSettings::default()
    };
    let state = AppState::new(settings, now);
    let march_4 = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    assert_eq!(state.today(), march_4);
    assert_eq!(state.report_period().first, march_4, "the report's today");
    for line in [
        "today",
        "day:today",
        "aujourd'hui",
        "اليوم",
        "day:2025-03-04",
    ] {
        let q = flexy_pos::ui::filter::parse_filter(line, clock, now).expect(line);
        assert_eq!(q.day, Some(march_4), "{line}");
        assert!(q.matches(&rec), "the history's {line} holds the night sale");
    }
}
