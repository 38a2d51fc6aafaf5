//! The history: page loads, live updates, paging, the filter line, the detail.

use super::*;
use crate::i18n::Lang;
use crate::ledger::{OrderQuery, Status};
use crate::ui::state::Screen;

fn load_of(fx: &[Effect]) -> (u64, OrderQuery, Option<OrderKey>, usize) {
    match fx {
        [
            Effect::LoadHistory {
                query_id,
                query,
                before,
                limit,
            },
        ] => (*query_id, query.clone(), *before, *limit),
        other => panic!("expected one LoadHistory, got {other:?}"),
    }
}

/// Orders 1..=n minutes old: index 0 is the newest.
fn page(from: u64, n: u64) -> Vec<OrderRecord> {
    (from..from + n)
        .map(|i| order(i, "0661234567", OrderState::Fulfilled))
        .collect()
}

fn opened() -> (AppState, u64) {
    let mut s = ready();
    let (qid, q, before, limit) = load_of(&step(&mut s, key(KeyCode::F(4))));
    assert_eq!((q.is_empty(), before), (true, None));
    assert_eq!(q.clock, s.settings.clock(), "the shop's clock");
    assert_eq!(limit, 17, "one page = the rows that fit at 80×24");
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: page(1, 17),
            has_more: true,
        },
    );
    (s, qid)
}

#[test]
fn opening_loads_the_newest_page_with_the_newest_selected() {
    let (s, _) = opened();
    assert_eq!(s.screen, Screen::History);
    assert_eq!(s.history.orders.len(), 17);
    assert_eq!(s.history.selected, 0);
    assert_eq!(s.history.orders[0].reference, "R00001");
}

#[test]
fn answers_to_an_old_question_are_dropped() {
    let (mut s, qid) = opened();
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid - 1,
            orders: vec![],
            has_more: false,
        },
    );
    assert_eq!(s.history.orders.len(), 17);
}

#[test]
fn live_changes_update_rows_in_place_and_new_orders_go_on_top() {
    let (mut s, _) = opened();
    step(&mut s, key(KeyCode::Down));
    step(&mut s, key(KeyCode::Down));
    let mut changed = s.history.orders[5].clone();
    changed.state = OrderState::Refunded;
    step(&mut s, Msg::OrderChanged(changed.clone()));
    assert_eq!(s.history.orders[5].state, OrderState::Refunded);
    assert_eq!(s.history.orders.len(), 17);

    let newer = order(0, "0770123456", OrderState::Pending);
    step(&mut s, Msg::OrderChanged(newer.clone()));
    assert_eq!(s.history.orders[0].key, newer.key);
    assert_eq!(s.history.orders.len(), 17, "still one page");
    assert!(s.history.has_more);
    assert_eq!(
        s.history.selected, 3,
        "the row under the cursor stays selected"
    );
    assert_eq!(s.history.orders[3].reference, "R00003");

    // A filtered list takes only matching new orders.
    let mut s = ready();
    step(&mut s, key(KeyCode::F(4)));
    typ(&mut s, "/");
    typ(&mut s, "status:refunded");
    let (qid, ..) = load_of(&enter(&mut s));
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: vec![],
            has_more: false,
        },
    );
    step(
        &mut s,
        Msg::OrderChanged(order(0, "0661234567", OrderState::Pending)),
    );
    assert!(s.history.orders.is_empty());
    step(
        &mut s,
        Msg::OrderChanged(order(0, "0661234567", OrderState::Refunded)),
    );
    assert_eq!(s.history.orders.len(), 1);
}

#[test]
fn scrolling_past_the_end_loads_the_next_page_and_back() {
    let (mut s, _) = opened();
    step(&mut s, key(KeyCode::End));
    assert_eq!(s.history.selected, 16);
    let last_key = s.history.orders[16].key;
    let (qid, _, before, _) = load_of(&step(&mut s, key(KeyCode::Down)));
    assert_eq!(before, Some(last_key), "cursor = the last row shown");
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: page(18, 5),
            has_more: false,
        },
    );
    assert_eq!(s.history.selected, 0);
    assert!(
        step(&mut s, key(KeyCode::PageDown)).is_empty(),
        "no more pages"
    );
    assert_eq!(s.history.selected, 4);
    for _ in 0..4 {
        assert!(step(&mut s, key(KeyCode::Up)).is_empty());
    }
    let (qid, _, before, _) = load_of(&step(&mut s, key(KeyCode::Up)));
    assert_eq!(before, None, "back to the newest page");
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: page(1, 17),
            has_more: true,
        },
    );
    assert_eq!(
        s.history.selected, 16,
        "Up from the top lands on the last row above"
    );
    // Home from an older page goes straight to the newest.
    let (qid, ..) = load_of(&step(&mut s, key(KeyCode::Down)));
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: page(18, 5),
            has_more: false,
        },
    );
    let (_, _, before, _) = load_of(&step(&mut s, key(KeyCode::Home)));
    assert_eq!(before, None);
}

#[test]
fn live_orders_do_not_jump_into_an_older_page() {
    let (mut s, _) = opened();
    let (qid, ..) = load_of(&step(&mut s, key(KeyCode::PageDown)));
    step(
        &mut s,
        Msg::HistoryPage {
            query_id: qid,
            orders: page(18, 17),
            has_more: true,
        },
    );
    step(
        &mut s,
        Msg::OrderChanged(order(0, "0661234567", OrderState::Pending)),
    );
    assert_eq!(s.history.orders[0].reference, "R00018");
}

#[test]
fn the_filter_line_parses_and_reloads() {
    let (mut s, _) = opened();
    typ(&mut s, "/");
    assert!(s.history.filter_edit.is_some());
    typ(&mut s, "phone:0661 status:refunded day:2026-11-20");
    let (_, q, before, _) = load_of(&enter(&mut s));
    assert_eq!(q.phone.as_deref(), Some("0661"));
    assert_eq!(q.status, Some(Status::Refunded));
    assert_eq!(q.day, chrono::NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(before, None);
    assert!(s.history.filter_edit.is_none());

    typ(&mut s, "/");
    step(&mut s, ctrl('u'));
    typ(&mut s, "status:lost");
    assert!(enter(&mut s).is_empty(), "a bad filter loads nothing");
    assert!(
        s.history
            .filter_error
            .as_ref()
            .unwrap()
            .in_lang(Lang::En)
            .contains("lost")
    );
    assert!(s.history.filter_edit.is_some(), "the line stays for fixing");
    step(&mut s, key(KeyCode::Esc));
    assert!(s.history.filter_edit.is_none());
    assert_eq!(
        s.history.query.status,
        Some(Status::Refunded),
        "Esc keeps the filter in force"
    );
    typ(&mut s, "/");
    step(&mut s, ctrl('u'));
    let (_, q, ..) = load_of(&enter(&mut s));
    assert!(q.is_empty(), "an empty line shows every order");
}

/// Esc on a filter in force clears it (the whole history again); the next Esc leaves.
#[test]
fn esc_clears_an_applied_filter_before_leaving() {
    let (mut s, _) = opened();
    typ(&mut s, "/");
    typ(&mut s, "0661 23 45 67");
    let (_, q, ..) = load_of(&enter(&mut s));
    assert_eq!(
        q.phone.as_deref(),
        Some("0661234567"),
        "the number as written"
    );
    let (_, q, before, _) = load_of(&step(&mut s, key(KeyCode::Esc)));
    assert!(q.is_empty(), "Esc cleared the filter");
    assert_eq!(before, None);
    assert_eq!(s.screen, Screen::History);
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.screen, Screen::Sale);
}

#[test]
fn day_words_use_the_shops_time_zone() {
    let mut s = ready();
    // 23:30 UTC on the 22nd is 00:30 on the 23rd in Algeria.
    s.now = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
    step(&mut s, key(KeyCode::F(4)));
    typ(&mut s, "/today");
    let (_, q, ..) = load_of(&enter(&mut s));
    assert_eq!(q.day, chrono::NaiveDate::from_ymd_opt(2026, 11, 23));
}

#[test]
fn enter_opens_the_detail_which_follows_live_changes() {
    let (mut s, _) = opened();
    step(&mut s, key(KeyCode::Down));
    enter(&mut s);
    assert_eq!(s.screen, Screen::Detail);
    let mut o = s.detail.as_ref().unwrap().order.clone();
    assert_eq!(o.reference, "R00002");
    o.state = OrderState::UnknownError;
    step(&mut s, Msg::OrderChanged(o));
    assert_eq!(
        s.detail.as_ref().unwrap().order.state,
        OrderState::UnknownError
    );
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.screen, Screen::History);
    assert_eq!(s.history.selected, 1, "back where we were");
}

#[test]
fn a_saved_sale_appears_in_the_history_with_its_ref_in_the_toast() {
    let (mut s, _) = opened();
    step(&mut s, key(KeyCode::F(2)));
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    let id = match &enter(&mut s)[..] {
        [Effect::SubmitSale(d)] => d.id,
        other => panic!("{other:?}"),
    };
    // What the worker hands back once OneClickDz took the sale.
    let mut rec = order(0, "0661234567", OrderState::Sent);
    rec.reference = "FX-7Q2".into();
    step(
        &mut s,
        Msg::SaleSaved {
            id,
            record: rec.clone(),
        },
    );
    let t = s.toast.as_ref().unwrap().notice.text(Lang::En);
    assert_eq!(t, "sent 0661 23 45 67 500 DA — ref FX-7Q2");
    assert_eq!(s.history.orders[0].reference, "FX-7Q2");
    rec.state = OrderState::UnknownError;
    step(&mut s, Msg::OrderChanged(rec));
    let t = s.toast.as_ref().unwrap().notice.text(Lang::En);
    assert!(t.contains("UNKNOWN_ERROR — do not refund"), "{t}");
}

#[test]
fn resizing_the_history_asks_for_a_page_that_fits() {
    let (mut s, _) = opened();
    let (_, _, before, limit) = load_of(&step(&mut s, Msg::Resize(120, 40)));
    assert_eq!((before, limit), (None, 33));
}
