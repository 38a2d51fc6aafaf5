//! A full 120×40 frame of the history screen, as the till draws it after every change. The view
//! only ever sees one page, so a page of a million-order history is a page of 33 orders (the
//! rows that fit), built with every field a real order carries.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flexy_pos::api::types::{PlanKind, SuggestedOffer, TopupInfo, TopupStatus};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{OrderRecord, OrderState};
use flexy_pos::rules::Operator;
use flexy_pos::testkit::{OrderBuilder, topup};
use flexy_pos::ui::{AppState, Effect, Msg, UiSettings, step, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

const HISTORY_SIZE: u64 = 1_000_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 18, 0, 0).unwrap()
}

/// Order number `n` of the history (0 = the newest), one every 30 s.
fn order(n: u64) -> OrderRecord {
    let at = now() - TimeDelta::seconds(30 * n as i64);
    let states = [
        OrderState::Fulfilled,
        OrderState::Fulfilled,
        OrderState::Pending,
        OrderState::UnknownError,
        OrderState::Refunded,
        OrderState::Handling,
    ];
    let state = states[(n % 6) as usize].clone();
    let phone = format!("0{}{:08}", 5 + n % 3, (n * 7919) % 100_000_000);
    let op = match n % 3 {
        0 => Operator::Ooredoo,
        1 => Operator::Mobilis,
        _ => Operator::Djezzy,
    };
    let amount = Dzd::from_dinars(100 * (1 + (n % 40) as i64));
    let reference = format!("FX{:08X}", HISTORY_SIZE - n);
    let topup_id = format!("65f{n:021x}");
    let answer = TopupInfo {
        reference: Some(reference.clone()),
        mssidn: Some(phone.clone()),
        topup_amount: Some(amount),
        balance_amount: amount.times(0.96),
        refund_message: matches!(state, OrderState::Refunded)
            .then(|| "هذه العملية فشلت، سيتم استرداد أموالك".to_string()),
        suggested_offers: vec![SuggestedOffer {
            typename: "MIX 500".into(),
            plan_code: "MIX500_MOBILIS".into(),
            amount: Dzd::from_dinars(500),
        }],
        ..topup(&topup_id, TopupStatus::parse(state.label()))
    };
    OrderBuilder::new(at, HISTORY_SIZE - n)
        .reference(reference)
        .updated_at(at + TimeDelta::seconds(20))
        .phone(phone)
        .plan(
            format!("PREPAID_{}", op.name().to_uppercase()),
            "📱 PREPAID | عادي",
            PlanKind::Dynamic,
        )
        .amount(amount)
        .expected_cost(amount.times(0.96))
        .price(amount.times(1.01))
        .topup_id(topup_id)
        .api(answer)
        .saved_then_sent()
        .changed(TimeDelta::seconds(20), state.status(), None)
        .state(state)
        .checks(4)
        .build()
}

fn history_state() -> AppState {
    let mut s = AppState::new(UiSettings::default(), now());
    step(&mut s, Msg::Resize(120, 40));
    let fx = step(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::F(4), KeyModifiers::NONE)),
    );
    let Some(Effect::LoadHistory {
        query_id, limit, ..
    }) = fx.into_iter().next()
    else {
        panic!("F4 must ask for a history page");
    };
    // A page from deep in the history (page 20 000 of ~30 000), as after long paging.
    let first = 20_000 * limit as u64;
    let orders = (first..first + limit as u64).map(order).collect();
    step(
        &mut s,
        Msg::HistoryPage {
            query_id,
            orders,
            has_more: true,
        },
    );
    s
}

fn bench(c: &mut Criterion) {
    let mut state = history_state();
    assert_eq!(state.history.orders.len(), 33);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("history_frame_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view(black_box(&mut state), f))
                .expect("draw");
        })
    });
    // The same page in Arabic: mirrored columns, every line of words through the text layer.
    let mut arabic = state.clone();
    arabic.settings.lang = flexy_pos::i18n::Lang::Ar;
    c.bench_function("history_frame_ar_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view(black_box(&mut arabic), f))
                .expect("draw");
        })
    });
    let mut french = state.clone();
    french.settings.lang = flexy_pos::i18n::Lang::Fr;
    c.bench_function("history_frame_fr_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view(black_box(&mut french), f))
                .expect("draw");
        })
    });
    let mut detail = state.clone();
    step(
        &mut detail,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    c.bench_function("detail_frame_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view(black_box(&mut detail), f))
                .expect("draw");
        })
    });
}

/// The report screen (F7) on a day of 40 orders of every status, with both charts.
fn report_state() -> AppState {
    use flexy_pos::books::{Period, Refund, Report, Totals};
    use flexy_pos::ledger::Tally;
    use flexy_pos::rules::Span;
    let mut s = AppState::new(UiSettings::default(), now());
    step(&mut s, Msg::Resize(120, 40));
    let fx = step(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::F(7), KeyModifiers::NONE)),
    );
    let Some((query_id, period)) = fx.iter().find_map(|e| match e {
        Effect::LoadReport { query_id, period } => Some((*query_id, *period)),
        _ => None,
    }) else {
        panic!("F7 must ask for the books");
    };
    let day: Vec<OrderRecord> = (0..40).map(order).collect();
    let mut tally = Tally::default();
    for o in &day {
        tally.add(o);
    }
    let refunds = day
        .iter()
        .take(8)
        .map(|o| Refund {
            reference: o.reference.clone(),
            phone: o.phone.clone(),
            line: o.line,
            at: o.created_at,
            price: o.amount,
            amount: o.amount,
        })
        .collect();
    let report = Report {
        period: Period::day(period.first),
        span: Span {
            start: now(),
            end: now(),
        },
        total: Totals::of(&tally),
        by_line: Totals::by_line(&tally),
        by_product: Totals::by_product(&tally),
        refunds,
        refunds_unlisted: 0,
    };
    let hourly = (0..24).map(|_| Totals::of(&tally)).collect();
    let daily = (0..30)
        .map(|i| (period.first - chrono::Duration::days(i), Totals::of(&tally)))
        .collect();
    step(
        &mut s,
        Msg::ReportLoaded(Box::new(flexy_pos::ui::msg::ReportData {
            query_id,
            report,
            hourly,
            daily,
        })),
    );
    s
}

fn bench_report(c: &mut Criterion) {
    let mut state = report_state();
    assert!(state.report.data.is_some());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("report_frame_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view(black_box(&mut state), f))
                .expect("draw");
        })
    });
}

criterion_group!(benches, bench, bench_report);
criterion_main!(benches);
