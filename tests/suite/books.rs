//! The shop's books on the store: the totals kept with every order write equal a full recount
//! after any history (proptest), an old store gets them from its migration, and a report adds
//! up per operator and in total.

use chrono::{NaiveDate, TimeZone, Utc};
use flexy_pos::api::types::{TopupInfo, TopupStatus};
use flexy_pos::books::{self, Period, Standing, Totals};
use flexy_pos::ledger::{OrderKey, OrderRecord, OrderState, Tally};
use flexy_pos::money::Dzd;
use flexy_pos::rules::Operator;
use flexy_pos::rules::ShopClock;
use flexy_pos::store::{SCHEMA_VERSION, Store};
use flexy_pos::testkit::OrderBuilder;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// 2025-03-01 00:00:00 UTC.
const DAY1_MS: u64 = 1_740_787_200_000;
const HOUR_MS: u64 = 3_600_000;
const SPAN_MS: u64 = 4 * 24 * HOUR_MS;

fn state_of(n: u8) -> OrderState {
    match n % 10 {
        0 => OrderState::Saved,
        1 => OrderState::Sent,
        2 => OrderState::Pending,
        3 => OrderState::Handling,
        4 => OrderState::Fulfilled,
        5 => OrderState::Refunded,
        6 => OrderState::UnknownError,
        7 => OrderState::Refused {
            code: "ERR_VALIDATION".into(),
            message: "bad amount".into(),
        },
        8 => OrderState::Unconfirmed {
            since: Utc.timestamp_millis_opt(DAY1_MS as i64).unwrap(),
        },
        _ => OrderState::NotSent,
    }
}

fn operator_of(n: u8) -> Operator {
    [Operator::Mobilis, Operator::Djezzy, Operator::Ooredoo][usize::from(n % 3)]
}

fn order(
    ms: u64,
    seq: u64,
    phone: &str,
    op: Operator,
    state: OrderState,
    amount: i64,
) -> OrderRecord {
    let at = Utc.timestamp_millis_opt(ms as i64).unwrap();
    OrderBuilder::new(at, seq)
        .reference(format!("books-{seq:06}"))
        .phone(phone)
        .operator(op)
        .amount(Dzd::from_dinars(amount))
        .expected_cost(Dzd::from_centimes(amount * 98))
        .price(Dzd::from_dinars(amount + amount / 20))
        .state(state)
        .build()
}

fn api_answer(status: TopupStatus, balance: Dzd) -> TopupInfo {
    TopupInfo {
        id: "t1".into(),
        reference: None,
        status,
        plan_code: None,
        mssidn: None,
        topup_amount: None,
        balance_amount: Some(balance),
        created_at: None,
        refund_message: None,
        suggested_offers: Vec::new(),
        follow_orderid: None,
        retry_orderid: None,
        kind: None,
        number: None,
        card_code: None,
        num_trans: None,
        date_traitement: None,
        extra: Default::default(),
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// A new order at this offset in the span.
    Insert {
        at: u64,
        state: u8,
        op: u8,
        amount: i64,
    },
    /// Several new orders in one write.
    Batch(Vec<(u64, u8, u8, i64)>),
    /// An order moves to another status, maybe with the API's charge, maybe another number.
    Update {
        which: usize,
        state: u8,
        charged: Option<i64>,
        phone: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let new = (0..SPAN_MS, any::<u8>(), any::<u8>(), 1i64..5000);
    prop_oneof![
        new.clone().prop_map(|(at, state, op, amount)| Op::Insert {
            at,
            state,
            op,
            amount
        }),
        prop::collection::vec(new, 1..6).prop_map(Op::Batch),
        (
            any::<usize>(),
            any::<u8>(),
            prop::option::of(0i64..500_000),
            any::<bool>()
        )
            .prop_map(|(which, state, charged, phone)| Op::Update {
                which,
                state,
                charged,
                phone
            }),
    ]
}

/// Plays a history; returns every order as it now stands.
fn play(store: &Store, ops: &[Op]) -> Vec<OrderRecord> {
    let mut all: Vec<OrderRecord> = Vec::new();
    let mut seq = 0u64;
    let mut new = |at: u64, state: u8, op: u8, amount: i64, all: &Vec<OrderRecord>| {
        seq += 1;
        let phone = format!("066{:07}", (seq * 7) % 13 + all.len() as u64 % 2);
        order(
            DAY1_MS + at,
            seq,
            &phone,
            operator_of(op),
            state_of(state),
            amount,
        )
    };
    for o in ops {
        match o {
            Op::Insert {
                at,
                state,
                op,
                amount,
            } => {
                let rec = new(*at, *state, *op, *amount, &all);
                store.insert_new(&rec).unwrap();
                all.push(rec);
            }
            Op::Batch(items) => {
                let recs: Vec<OrderRecord> = items
                    .iter()
                    .map(|(at, state, op, amount)| new(*at, *state, *op, *amount, &all))
                    .collect();
                store.insert_batch(&recs).unwrap();
                all.extend(recs);
            }
            Op::Update {
                which,
                state,
                charged,
                phone,
            } => {
                if all.is_empty() {
                    continue;
                }
                let i = which % all.len();
                let mut rec = all[i].clone();
                rec.state = state_of(*state);
                if let Some(c) = charged {
                    rec.api = Some(api_answer(TopupStatus::Fulfilled, Dzd::from_centimes(*c)));
                }
                if *phone {
                    rec.phone = "0770000001".into();
                }
                store.update(&rec).unwrap();
                all[i] = rec;
            }
        }
    }
    all
}

fn brute(all: &[OrderRecord], from: u64, to: u64) -> Tally {
    let mut t = Tally::default();
    for r in all.iter().filter(|r| (from..to).contains(&r.key.millis())) {
        t.add(r);
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn kept_totals_equal_a_full_recount(
        ops in prop::collection::vec(op(), 1..40),
        cuts in prop::collection::vec((0..SPAN_MS + HOUR_MS, 0..SPAN_MS + HOUR_MS), 4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let all = play(&store, &ops);
        let mut spans = vec![(0, u64::MAX / 2), (DAY1_MS, DAY1_MS + SPAN_MS)];
        // Whole days, whole hours and cuts anywhere.
        spans.push((DAY1_MS + 24 * HOUR_MS, DAY1_MS + 72 * HOUR_MS));
        spans.push((DAY1_MS + 5 * HOUR_MS, DAY1_MS + 77 * HOUR_MS));
        for (a, b) in &cuts {
            spans.push((DAY1_MS + a.min(b), DAY1_MS + a.max(b)));
        }
        for (from, to) in spans {
            let want = brute(&all, from, to);
            prop_assert_eq!(&store.recount(from, to).unwrap(), &want);
            prop_assert_eq!(&store.tally(from, to).unwrap(), &want, "span {}..{}", from, to);
        }
        // The numbers kept for the regulars and the digit search follow every write too.
        for prefix in ["0", "066", "0770000001"] {
            let mut want: BTreeMap<&str, (usize, OrderKey)> = BTreeMap::new();
            for r in all.iter().filter(|r| r.phone.starts_with(prefix)) {
                let e = want.entry(&r.phone).or_insert((0, r.key));
                e.0 += 1;
                e.1 = e.1.max(r.key);
            }
            let mut want: Vec<(String, usize, OrderKey)> =
                want.into_iter().map(|(p, (n, k))| (p.to_string(), n, k)).collect();
            want.sort_by_key(|w| std::cmp::Reverse(w.2));
            let got: Vec<(String, usize, OrderKey)> = store
                .regulars(prefix, 1000)
                .unwrap()
                .into_iter()
                .map(|r| (r.phone, r.orders, r.last.key))
                .collect();
            prop_assert_eq!(got, want, "regulars under {}", prefix);
        }
        // The same after a restart.
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        prop_assert_eq!(store.tally(0, u64::MAX / 2).unwrap(), brute(&all, 0, u64::MAX / 2));
    }
}

/// Takes a store back to schema 3: no totals, numbers or till spans yet.
fn make_schema_3(store: &Store) {
    let db = store.raw_db();
    db.open_tree("totals").unwrap().clear().unwrap();
    db.open_tree("numbers").unwrap().clear().unwrap();
    db.open_tree("meta")
        .unwrap()
        .insert("schema_version", &3u32.to_be_bytes()[..])
        .unwrap();
    store.flush().unwrap();
}

#[test]
fn a_schema_3_store_gets_its_totals_from_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let ops: Vec<Op> = (0..300u64)
        .map(|i| Op::Insert {
            at: (i * 7_919_000) % SPAN_MS,
            state: (i % 10) as u8,
            op: (i % 3) as u8,
            amount: 100 + (i as i64 % 7) * 100,
        })
        .collect();
    let all = play(&store, &ops);
    make_schema_3(&store);
    assert!(
        store.tally(0, u64::MAX / 2).unwrap().is_empty(),
        "the totals are gone"
    );
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    for day in 0..4 {
        let from = DAY1_MS + day * 24 * HOUR_MS;
        let to = from + 24 * HOUR_MS;
        assert_eq!(
            store.tally(from, to).unwrap(),
            brute(&all, from, to),
            "day {day}"
        );
    }
    let t = Totals::of(&store.tally(0, u64::MAX / 2).unwrap());
    assert_eq!(t.orders, 300);
    // The numbers are back too: every number of the history, with its order count.
    let regs = store.regulars("0", 1000).unwrap();
    let mut phones: Vec<&str> = all.iter().map(|r| r.phone.as_str()).collect();
    phones.sort();
    phones.dedup();
    assert_eq!(regs.len(), phones.len());
    assert_eq!(regs.iter().map(|r| r.orders).sum::<usize>(), 300);
    assert_eq!(t.fulfilled, 30);
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_day_s_report_adds_up_per_operator_and_in_total() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let clock = ShopClock::algeria();
    // March 1st in Algeria: 2025-02-28 23:00 UTC to 2025-03-01 23:00 UTC. One order before,
    // one after, every status in between, three operators.
    let mut recs = vec![
        order(
            DAY1_MS - HOUR_MS - 1,
            1,
            "0661000001",
            Operator::Mobilis,
            OrderState::Fulfilled,
            100,
        ),
        order(
            DAY1_MS + 23 * HOUR_MS,
            2,
            "0661000002",
            Operator::Mobilis,
            OrderState::Refunded,
            100,
        ),
    ];
    for i in 0..30u64 {
        let state = state_of(i as u8);
        let op = operator_of((i / 10) as u8);
        let phone = format!("0{}6100{:04}", 5 + i % 3, i);
        recs.push(order(
            DAY1_MS - HOUR_MS + i * 40 * 60_000,
            10 + i,
            &phone,
            op,
            state,
            200 + i as i64 * 50,
        ));
    }
    // The API's word on the charge of a fulfilled order beats the expected cost.
    recs[6].api = Some(api_answer(
        TopupStatus::Fulfilled,
        Dzd::from_centimes(12_345),
    ));
    // A refunded order with the API's answer still costs nothing.
    recs[7].api = Some(api_answer(TopupStatus::Refunded, Dzd::from_dinars(400)));
    store.insert_batch(&recs).unwrap();
    // An order made elsewhere on the account (another till) is not this till's sale.
    let mut elsewhere = order(
        DAY1_MS + HOUR_MS,
        99,
        "0661000099",
        Operator::Mobilis,
        OrderState::Refunded,
        900,
    );
    elsewhere.origin = flexy_pos::ledger::record::Origin::External;
    store.insert_new(&elsewhere).unwrap();
    let r = books::report(&store, &clock, Period::day(d(2025, 3, 1))).unwrap();
    assert!(
        r.refunds.iter().all(|f| f.phone != "0661000099"),
        "not ours to give back"
    );
    let day: Vec<&OrderRecord> = recs[2..].iter().collect();
    check_adds_up(&r.total, &day);
    assert_eq!(r.by_line.len(), 3);
    for (op, t) in &r.by_line {
        let mine: Vec<&OrderRecord> = day.iter().copied().filter(|o| o.line == *op).collect();
        check_adds_up(t, &mine);
    }
    assert_eq!(r.total.orders, 30);
    // It is shown apart: one order made elsewhere, 900 DA, in no sum of this till's.
    assert_eq!(
        (r.total.external, r.total.external_total),
        (1, Dzd::from_dinars(900)),
        "made elsewhere, counted apart"
    );
    let mobilis = r
        .by_line
        .iter()
        .find(|(op, _)| *op == Operator::Mobilis.into())
        .map(|(_, t)| t)
        .expect("Mobilis");
    assert_eq!(mobilis.external, 1);
    assert_eq!(r.refunds.len(), 3);
    assert!(
        r.refunds
            .iter()
            .all(|f| f.phone.starts_with('0') && clock.day(d(2025, 3, 1)).contains(f.at))
    );
    assert!(
        r.refunds.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert_eq!(r.refunds_unlisted, 0);
    // The hours of the day add up to the day, the days of a range to the range.
    let hours = books::hourly(&store, &clock, d(2025, 3, 1)).unwrap();
    assert_eq!(hours.len(), 24);
    assert_eq!(hours.iter().map(|h| h.orders).sum::<i64>(), 30);
    assert_eq!(hours[0].orders, 2, "00:00 and 00:40 local");
    let days = books::daily(&store, &clock, d(2025, 3, 2), 3).unwrap();
    assert_eq!(
        days.iter().map(|(_, t)| t.orders).collect::<Vec<_>>(),
        [1, 30, 1]
    );
    let range = books::report(
        &store,
        &clock,
        Period::new(d(2025, 2, 28), d(2025, 3, 2)).unwrap(),
    )
    .unwrap();
    assert_eq!(range.total.orders, 32);
}

/// The report's money equals the sums over its orders, counted here from each order's status.
fn check_adds_up(t: &Totals, orders: &[&OrderRecord]) {
    let mut collected = Dzd::ZERO;
    let mut cost = Dzd::ZERO;
    let mut refund = Dzd::ZERO;
    for o in orders {
        let price = o.price.unwrap();
        match Standing::of(o.state.status()) {
            Standing::Fulfilled | Standing::InProgress | Standing::AtRisk => collected += price,
            Standing::Refunded => refund += price,
            Standing::Refused | Standing::NotSent => {}
        }
        if !matches!(
            o.state,
            OrderState::Refunded | OrderState::Refused { .. } | OrderState::NotSent
        ) {
            cost += o
                .api
                .as_ref()
                .and_then(|a| a.balance_amount)
                .or(o.expected_cost)
                .unwrap();
        }
    }
    assert_eq!(t.orders as usize, orders.len());
    assert_eq!(t.collected_total, collected);
    assert_eq!(t.cost_total, cost);
    assert_eq!(t.margin_total, collected - cost);
    assert_eq!(t.refund_total, refund);
}

/// A store of schema 4 kept no count of the orders made elsewhere: the migration to 5 counts
/// them from the orders, apart from this till's sums, which stay as they were.
#[test]
fn the_schema_5_migration_counts_the_orders_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut recs: Vec<OrderRecord> = (0..6u64)
        .map(|i| {
            order(
                DAY1_MS + i * HOUR_MS,
                i + 1,
                "0661000001",
                Operator::Mobilis,
                OrderState::Fulfilled,
                500,
            )
        })
        .collect();
    for r in &mut recs[4..] {
        r.origin = flexy_pos::ledger::record::Origin::External;
    }
    store.insert_batch(&recs).unwrap();
    let before = Totals::of(&store.tally(0, u64::MAX / 2).unwrap());
    // What a schema-4 store holds: the same sums without the slot of the orders made elsewhere.
    make_schema_3(&store);
    store
        .raw_db()
        .open_tree("meta")
        .unwrap()
        .insert("schema_version", &4u32.to_be_bytes()[..])
        .unwrap();
    store.flush().unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let after = Totals::of(&store.tally(0, u64::MAX / 2).unwrap());
    assert_eq!(after, before);
    assert_eq!((after.orders, after.external), (4, 2));
    assert_eq!(after.external_total, Dzd::from_dinars(1000));
}

/// Refunds made elsewhere never push this till's own out of the list of money to give back.
#[test]
fn the_refund_list_is_this_tills_however_many_were_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let clock = ShopClock::new(chrono_tz::Africa::Algiers, chrono::NaiveTime::MIN);
    let mut recs = Vec::new();
    for i in 0..3u64 {
        recs.push(order(
            DAY1_MS + i * 60_000,
            i + 1,
            "0661000001",
            Operator::Mobilis,
            OrderState::Refunded,
            500,
        ));
    }
    for i in 0..80u64 {
        let mut r = order(
            DAY1_MS + HOUR_MS + i * 60_000,
            100 + i,
            "0771000002",
            Operator::Djezzy,
            OrderState::Refunded,
            200,
        );
        r.origin = flexy_pos::ledger::record::Origin::External;
        recs.push(r);
    }
    store.insert_batch(&recs).unwrap();
    let r = books::report(&store, &clock, Period::day(d(2025, 3, 1))).unwrap();
    assert_eq!(r.total.refunded, 3);
    assert_eq!(
        r.refunds
            .iter()
            .map(|f| f.phone.as_str())
            .collect::<Vec<_>>(),
        ["0661000001"; 3],
        "the till's three, newest first"
    );
    assert_eq!(r.refunds_unlisted, 0);
    assert_eq!(r.total.external, 80);
}

/// A store of schema 7 counted an offers lookup (GETMENU, answered REFUNDED) as a refund to
/// give back. The migration to 8 recounts the totals from the orders: the lookup is counted
/// apart (`lookups`), in none of the orders, refunds or cash; the real refund stays.
#[test]
fn the_schema_8_migration_counts_offers_lookups_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let refund = order(
        DAY1_MS,
        1,
        "0600000001",
        Operator::Mobilis,
        OrderState::Refunded,
        500,
    );
    let mut lookup = order(
        DAY1_MS + HOUR_MS,
        2,
        "0661234567",
        Operator::Mobilis,
        OrderState::Refunded,
        50,
    );
    lookup.plan_code = "GETMENU_Mobilis".into();
    lookup.plan_kind = flexy_pos::api::types::PlanKind::GetMenu;
    lookup.price = None;
    store.insert_batch(&[refund.clone(), lookup]).unwrap();
    // What schema 7 kept is recounted: here, nothing at all is kept, so only the step counts.
    let db = store.raw_db();
    db.open_tree("totals").unwrap().clear().unwrap();
    db.open_tree("meta")
        .unwrap()
        .insert("schema_version", &7u32.to_be_bytes()[..])
        .unwrap();
    store.flush().unwrap();
    drop(db);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let t = Totals::of(&store.tally(0, u64::MAX / 2).unwrap());
    assert_eq!((t.orders, t.refunded, t.lookups), (1, 1, 1));
    assert_eq!(t.refund_total, refund.price.unwrap());
    assert_eq!(t.collected_total, Dzd::ZERO);
}
