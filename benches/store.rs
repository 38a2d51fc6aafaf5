//! The order store with a million orders (about two years of a busy shop).
//!
//! Targets: the newest page of 50, an exact phone page, a ref lookup, a REFUNDED page and a
//! phone-prefix page each well under 1 ms (median); opening the store under 0.5 s. Peak memory
//! of `flexy-pos orders --limit 50` on this store (tens of MiB) is measured outside criterion
//! (see the store module docs: sled's memory grows with the number of keys). The data is generated once into
//! `target/bench-data/store-1m-v<DATA_VERSION>` and reused; bump `DATA_VERSION` when the
//! generator or the layout changes. Run: `cargo bench --bench store`.

use chrono::{Duration as Days, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use flexy_pos::books::{self, Period};
use flexy_pos::ledger::{OrderRecord, Status};
use flexy_pos::rules::ShopClock;
use flexy_pos::store::{OrderQuery, Store};
#[path = "bench_data.rs"]
mod bench_data;

use bench_data::{data_dir, folder_size, million_orders};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn store_benches(c: &mut Criterion) {
    let store = million_orders();
    let numbers = store.distinct_numbers().unwrap_or(0);
    eprintln!(
        "store: {} orders, {} open, {numbers} distinct phones, {:.0} MiB on disk (files), RSS {}",
        store.count().unwrap_or(0),
        store.open_count().unwrap_or(0),
        folder_size(&data_dir()) as f64 / (1024.0 * 1024.0),
        rss_mib()
    );
    let all = OrderQuery::default();
    let newest = store.page(&all, None, 2000).expect("page").orders;
    // The busiest number among the newest 2 000 orders: a regular with ~1 800 orders over two
    // years, the realistic worst case for "this customer's history".
    let mut counts = std::collections::HashMap::new();
    for r in &newest {
        *counts.entry(r.phone.clone()).or_insert(0usize) += 1;
    }
    let busiest = counts
        .into_iter()
        .max_by_key(|(p, n)| (*n, p.clone()))
        .map(|(p, _)| p)
        .expect("orders");
    let phone = OrderQuery {
        phone: Some(busiest.clone()),
        ..Default::default()
    };
    let phone_orders = {
        let mut n = 0;
        let mut before = None;
        loop {
            let p = store.page(&phone, before, 1000).expect("phone page");
            n += p.orders.len();
            match p.next {
                Some(k) => before = Some(k),
                None => break n,
            }
        }
    };
    // A ref from a year ago.
    let year_ago = OrderQuery {
        day: Some((Utc::now() - Days::days(365)).date_naive()),
        ..Default::default()
    };
    let old = store.page(&year_ago, None, 1).expect("day page").orders[0].clone();
    eprintln!(
        "phone {busiest} has {phone_orders} orders; ref {} is from {}",
        old.reference, old.created_at
    );

    let mut g = c.benchmark_group("store_1m");
    g.sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("page_newest_50", |b| {
        b.iter(|| black_box(store.page(&all, None, 50).expect("page")))
    });
    g.bench_function("phone_exact_page_50", |b| {
        b.iter(|| black_box(store.page(&phone, None, 50).expect("page")))
    });
    g.bench_function("get_by_ref", |b| {
        b.iter(|| black_box(store.get_by_ref(&old.reference).expect("get")))
    });
    let refunded = OrderQuery {
        status: Some(Status::Refunded),
        ..Default::default()
    };
    g.bench_function("status_refunded_page_50", |b| {
        b.iter(|| black_box(store.page(&refunded, None, 50).expect("page")))
    });
    let prefix = OrderQuery {
        phone: Some(busiest[..5].to_string()),
        ..Default::default()
    };
    g.bench_function("phone_prefix5_page_50", |b| {
        b.iter(|| black_box(store.page(&prefix, None, 50).expect("page")))
    });
    g.bench_function("open_orders", |b| {
        b.iter(|| black_box(store.open_orders().expect("open")))
    });
    g.finish();
    books_benches(c, &store, &newest[0]);
    search_benches(c, &store, &phone);
    eprintln!("RSS after the queries: {}", rss_mib());
    drop(store);

    let dir = data_dir();
    let mut g = c.benchmark_group("store_1m_open");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("open", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let store = Store::open(&dir).expect("open");
                total += started.elapsed();
                // Closing (final flush, unlock) is not part of opening.
                drop(black_box(store));
            }
            total
        })
    });
    g.finish();
}

/// The report of the newest day and of the whole two years, and the report screen's series.
fn books_benches(c: &mut Criterion, store: &Store, newest: &OrderRecord) {
    let clock = ShopClock::algeria();
    let last = clock.day_of(newest.created_at);
    let two_years = Period::new(last - Days::days(2 * 365), last).expect("period");
    let r = books::report(store, &clock, two_years).expect("report");
    eprintln!(
        "two years: {} orders, {} collected, {} refunds",
        r.total.orders, r.total.collected_total, r.total.refunded
    );
    let mut g = c.benchmark_group("books_1m");
    g.sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("report_day", |b| {
        b.iter(|| black_box(books::report(store, &clock, Period::day(last)).expect("report")))
    });
    g.bench_function("report_two_years", |b| {
        b.iter(|| black_box(books::report(store, &clock, two_years).expect("report")))
    });
    g.bench_function("report_screen_series", |b| {
        b.iter(|| {
            black_box(books::hourly(store, &clock, last).expect("hours"));
            black_box(books::daily(store, &clock, last, 30).expect("days"))
        })
    });
    g.finish();
}

/// Digit search (no match, first page), ref prefixes of no till, regulars.
fn search_benches(c: &mut Criterion, store: &Store, exact: &OrderQuery) {
    let q = |phone: Option<&str>, reference: Option<&str>, status: Option<Status>| OrderQuery {
        phone: phone.map(Into::into),
        reference: reference.map(Into::into),
        status,
        ..Default::default()
    };
    let fulfilled = Some(Status::Fulfilled);
    let last4 = exact.phone.as_deref().map(|p| &p[6..]).expect("a number");
    // The first search of digits builds the in-memory number directory.
    let started = std::time::Instant::now();
    let first = store
        .page(&q(Some(last4), None, None), None, 50)
        .expect("page");
    eprintln!(
        "digits {last4}: first page {} orders; the first search, building the number directory, took {:.1} ms",
        first.orders.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut g = c.benchmark_group("search_1m");
    g.sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let cases = [
        ("digits_no_match", q(Some("99999"), None, None)),
        ("digits_last4_page_50", q(Some(last4), None, None)),
        ("ref_prefix_no_till", q(None, Some("xyz"), None)),
        (
            "ref_prefix_past_the_last_order",
            q(None, Some("demo-z"), None),
        ),
        ("fulfilled_ref_no_till", q(None, Some("nosuch-"), fulfilled)),
        (
            "fulfilled_digits_no_match",
            q(Some("99999"), None, fulfilled),
        ),
    ];
    for (name, query) in &cases {
        g.bench_function(*name, |b| {
            b.iter(|| black_box(store.page(query, None, 50).expect("page")))
        });
    }
    g.bench_function("regulars_0661", |b| {
        b.iter(|| black_box(store.regulars("0661", 5).expect("regulars")))
    });
    g.finish();
}

criterion_group!(benches, store_benches);
criterion_main!(benches);
