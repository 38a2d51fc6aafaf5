//! Finding a customer in the store: by any part of the number, by a ref prefix of any till,
//! and the regulars offered while a number is typed.

use chrono::{TimeZone, Utc};
use flexy_pos::ledger::reference::make_ref;
use flexy_pos::ledger::{OrderKey, OrderRecord, OrderState, Status};
use flexy_pos::money::Dzd;
use flexy_pos::rules::{Operator, search_digits};
use flexy_pos::store::{OrderQuery, Store};
use flexy_pos::testkit::OrderBuilder;

const DAY1_MS: u64 = 1_740_787_200_000;

fn order(i: u64, phone: &str, terminal: &str, state: OrderState) -> OrderRecord {
    let at = Utc
        .timestamp_millis_opt((DAY1_MS + i * 60_000) as i64)
        .unwrap();
    let key = flexy_pos::testkit::key_at(at, i);
    OrderBuilder::new(at, i)
        .reference(make_ref(terminal, key))
        .phone(phone)
        .operator(Operator::Mobilis)
        .amount(Dzd::from_dinars(100 * (1 + i as i64 % 7)))
        .state(state)
        .build()
}

fn history() -> (tempfile::TempDir, Store, Vec<OrderRecord>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let phones = [
        "0661234567",
        "0550661234",
        "0771234567",
        "0664567000",
        "0698765432",
    ];
    let recs: Vec<OrderRecord> = (0..200u64)
        .map(|i| {
            let state = if i % 5 == 0 {
                OrderState::Refunded
            } else {
                OrderState::Fulfilled
            };
            let till = if i < 20 { "old" } else { "shop1" };
            order(i, phones[(i as usize * 7) % phones.len()], till, state)
        })
        .collect();
    store.insert_batch(&recs).unwrap();
    (dir, store, recs)
}

fn all(store: &Store, q: &OrderQuery) -> Vec<String> {
    let mut out = Vec::new();
    let mut before = None;
    loop {
        let page = store.page(q, before, 9).unwrap();
        out.extend(page.orders.iter().map(|r| r.reference.clone()));
        match page.next {
            Some(k) => before = Some(k),
            None => return out,
        }
    }
}

fn phone_query(typed: &str) -> OrderQuery {
    OrderQuery {
        phone: Some(search_digits(typed).unwrap()),
        ..Default::default()
    }
}

fn numbers_of(store: &Store, recs: &[OrderRecord], q: &OrderQuery) -> Vec<String> {
    let got = all(store, q);
    let mut numbers: Vec<String> = recs
        .iter()
        .filter(|r| got.contains(&r.reference))
        .map(|r| r.phone.clone())
        .collect();
    numbers.sort();
    numbers.dedup();
    numbers
}

#[test]
fn any_part_of_the_number_finds_the_customer_in_any_spelling() {
    let (_dir, store, recs) = history();
    // The start, the last digits, digits in the middle; Latin, Arabic-Indic, international.
    let cases: [(&str, &[&str]); 7] = [
        ("0661", &["0661234567"]),
        ("+213 66", &["0661234567", "0664567000"]),
        ("4567", &["0661234567", "0664567000", "0771234567"]),
        ("٤٥٦٧", &["0661234567", "0664567000", "0771234567"]),
        ("0661", &["0661234567"]),
        ("765 43", &["0698765432"]),
        ("99999", &[]),
    ];
    for (typed, want) in cases {
        let q = phone_query(typed);
        assert_eq!(numbers_of(&store, &recs, &q), want.to_vec(), "{typed}");
        // Newest first, every order of those numbers, nothing else.
        let expect: Vec<String> = recs
            .iter()
            .rev()
            .filter(|r| want.contains(&r.phone.as_str()))
            .map(|r| r.reference.clone())
            .collect();
        assert_eq!(all(&store, &q), expect, "{typed}");
    }
    // Combined with a status.
    let q = OrderQuery {
        status: Some(Status::Refunded),
        ..phone_query("4567")
    };
    assert!(all(&store, &q).iter().all(|r| {
        let rec = recs.iter().find(|o| &o.reference == r).unwrap();
        rec.state == OrderState::Refunded && rec.phone.contains("4567")
    }));
}

#[test]
fn ref_prefixes_of_every_till_and_of_none() {
    let (_dir, store, recs) = history();
    let of_till = |t: &str| -> Vec<String> {
        recs.iter()
            .rev()
            .filter(|r| r.reference.starts_with(t))
            .map(|r| r.reference.clone())
            .collect()
    };
    for prefix in ["ol", "old", "old-", "shop", "shop1-", "s"] {
        let q = OrderQuery {
            reference: Some(prefix.into()),
            ..Default::default()
        };
        assert_eq!(all(&store, &q), of_till(prefix), "{prefix}");
    }
    for nothing in ["dem", "shop2-", "x-0"] {
        let q = OrderQuery {
            reference: Some(nothing.into()),
            status: Some(Status::Fulfilled),
            ..Default::default()
        };
        assert!(all(&store, &q).is_empty(), "{nothing}");
    }
    // A FULFILLED filter on the old till's refs.
    let q = OrderQuery {
        reference: Some("old-".into()),
        status: Some(Status::Fulfilled),
        ..Default::default()
    };
    assert_eq!(all(&store, &q).len(), 16);
}

#[test]
fn regulars_are_the_numbers_under_the_digits_most_recent_first() {
    let (dir, store, recs) = history();
    let regs = store.regulars("06", 5).unwrap();
    let phones: Vec<&str> = regs.iter().map(|r| r.phone.as_str()).collect();
    // Each number's last order, newest first.
    let mut want: Vec<(&str, OrderKey)> = ["0661234567", "0664567000", "0698765432"]
        .iter()
        .map(|p| (*p, recs.iter().rev().find(|r| r.phone == *p).unwrap().key))
        .collect();
    want.sort_by_key(|w| std::cmp::Reverse(w.1));
    assert_eq!(phones, want.iter().map(|w| w.0).collect::<Vec<_>>());
    for r in &regs {
        let last = recs.iter().rev().find(|o| o.phone == r.phone).unwrap();
        assert_eq!(&r.last, last, "the last plan and amount");
        assert_eq!(r.orders, recs.iter().filter(|o| o.phone == r.phone).count());
    }
    assert_eq!(store.regulars("06", 1).unwrap().len(), 1);
    assert_eq!(store.regulars("06", 1).unwrap()[0].phone, phones[0]);
    assert!(store.regulars("08", 5).unwrap().is_empty());
    // A new sale makes its number the most recent.
    let fresh = order(500, "0698765432", "shop1", OrderState::Saved);
    store.insert_new(&fresh).unwrap();
    assert_eq!(store.regulars("069", 3).unwrap()[0].last, fresh);
    assert_eq!(store.regulars("06", 3).unwrap()[0].phone, "0698765432");
    drop(store);
    drop(dir);
}

/// The digit search keeps its numbers in memory: a number's first order, a number corrected on
/// an order, and a number's last order going are all seen by the very next search.
#[test]
fn the_next_digit_search_sees_new_moved_and_gone_numbers() {
    let (dir, store, _) = history();
    assert!(all(&store, &phone_query("9123")).is_empty(), "warms it up");
    let new = order(500, "0559999123", "shop1", OrderState::Fulfilled);
    store.insert_new(&new).unwrap();
    let found = vec![new.reference.clone()];
    assert_eq!(all(&store, &phone_query("9123")), found);
    assert_eq!(all(&store, &phone_query("99991")), found);

    let mut moved = new.clone();
    moved.phone = "0661118877".into();
    store.update(&moved).unwrap();
    assert!(
        all(&store, &phone_query("9123")).is_empty(),
        "the old number has no order left"
    );
    assert_eq!(all(&store, &phone_query("8877")), found);

    // A store reopened reads the numbers from disk again.
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(all(&store, &phone_query("18877")), found);
    assert!(all(&store, &phone_query("9123")).is_empty());
}
