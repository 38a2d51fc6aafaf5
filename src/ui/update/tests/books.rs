//! The sale screen's regulars and pane of latest orders.

use super::*;
use crate::ledger::Regular;
use crate::ui::msg::SaleDraft;
use crate::ui::state::{SaleStep, Screen};

fn regular(phone: &str, amount: i64, minutes_ago: u64) -> Regular {
    let mut last = order(minutes_ago, phone, OrderState::Fulfilled);
    last.amount = Dzd::from_dinars(amount);
    Regular {
        phone: phone.into(),
        orders: 12,
        last,
    }
}

fn asked_regulars(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::FindRegulars { digits } => Some(digits.clone()),
            _ => None,
        })
        .collect()
}

fn sent(fx: &[Effect]) -> Vec<SaleDraft> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SubmitSale(d) => Some(d.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_regular_s_usual_500_da_sale_takes_at_most_7_keystrokes() {
    let mut s = ready();
    let mut fx = Vec::new();
    let mut keys = 0;
    for c in "0661".chars() {
        fx.extend(step(&mut s, key(KeyCode::Char(c))));
        keys += 1;
    }
    assert_eq!(
        asked_regulars(&fx),
        ["066", "0661"],
        "looked up while typing"
    );
    // The worker answers with the numbers under 0661, most recent first.
    step(
        &mut s,
        Msg::Regulars {
            digits: "0661".into(),
            found: vec![
                regular("0661234567", 500, 30),
                regular("0661999999", 200, 90),
            ],
        },
    );
    assert!(s.regulars_offered());
    // One key repeats the last sale up to the confirm step; one more sends it.
    fx.extend(step(&mut s, key(KeyCode::F(8))));
    keys += 1;
    assert_eq!(s.sale.step, SaleStep::Confirm, "the confirm step is kept");
    assert!(sent(&fx).is_empty(), "nothing sent without the confirm");
    fx.extend(enter(&mut s));
    keys += 1;
    assert!(keys <= 7, "{keys} keystrokes");
    let d = sent(&fx);
    assert_eq!(d.len(), 1, "{fx:?}");
    assert_eq!(d[0].order.phone.as_str(), "0661234567");
    assert_eq!(d[0].order.plan.code, "PREPAID_MOBILIS");
    assert_eq!(d[0].order.amount, Dzd::from_dinars(500));
}

/// `0661` typed, two regulars offered, and Down twice onto the second one.
fn second_of_two_regulars_chosen() -> AppState {
    let mut s = ready();
    typ(&mut s, "0661");
    step(
        &mut s,
        Msg::Regulars {
            digits: "0661".into(),
            found: vec![
                regular("0661234567", 500, 30),
                regular("0661999999", 200, 90),
            ],
        },
    );
    step(&mut s, key(KeyCode::Down));
    step(&mut s, key(KeyCode::Down));
    s
}

#[test]
fn up_down_choose_a_regular_and_enter_takes_its_number() {
    let mut s = second_of_two_regulars_chosen();
    assert_eq!(s.sale.regular_cursor, Some(1));
    enter(&mut s);
    assert_eq!(s.sale.phone, "0661999999");
    assert_eq!(s.sale.step, SaleStep::Plan);
    // F8 on the second one repeats its 200 DA.
    let mut s = second_of_two_regulars_chosen();
    step(&mut s, key(KeyCode::F(8)));
    assert_eq!(
        (s.sale.phone.as_str(), s.sale.amount.as_str()),
        ("0661999999", "200")
    );
    assert_eq!(s.sale.step, SaleStep::Confirm);
}

#[test]
fn a_late_answer_for_other_digits_is_ignored() {
    let mut s = ready();
    typ(&mut s, "06612");
    step(
        &mut s,
        Msg::Regulars {
            digits: "0661".into(),
            found: vec![regular("0661999999", 200, 90)],
        },
    );
    assert!(!s.regulars_offered(), "that answer is for 0661, not 06612");
    // Fewer than 3 digits: none offered, nothing asked.
    let mut s = ready();
    let fx = typ(&mut s, "06");
    assert!(asked_regulars(&fx).is_empty());
    step(&mut s, key(KeyCode::F(8)));
    assert_eq!(s.sale.step, SaleStep::Phone);
}

#[test]
fn the_pane_shows_live_statuses_and_gives_the_form_back_untouched() {
    let mut s = ready();
    step(
        &mut s,
        Msg::RecentOrders(vec![
            order(1, "0661234567", OrderState::Pending),
            order(5, "0770123456", OrderState::Fulfilled),
        ]),
    );
    typ(&mut s, "05512");
    // The poller learns the previous sale came back REFUNDED while the next is typed.
    let mut refunded = order(1, "0661234567", OrderState::Refunded);
    refunded.updated_at = t0();
    step(&mut s, Msg::OrderChanged(refunded.clone()));
    assert_eq!(s.pane.orders[0].state, OrderState::Refunded);
    assert_eq!(s.sale.phone, "05512", "typing is not disturbed");
    // Tab into the pane, Down, Enter: that order's detail; Esc: back to the form as it was.
    step(&mut s, key(KeyCode::Tab));
    assert!(s.pane.focused);
    step(&mut s, key(KeyCode::Down));
    enter(&mut s);
    assert_eq!(s.screen, Screen::Detail);
    assert_eq!(s.detail.as_ref().unwrap().order.phone, "0770123456");
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.screen, Screen::Sale);
    step(&mut s, key(KeyCode::Esc));
    assert!(!s.pane.focused);
    assert_eq!(s.sale.phone, "05512");
    typ(&mut s, "3");
    assert_eq!(s.sale.phone, "055123", "keys go to the form again");
    // A digit typed while in the pane goes to the form too.
    step(&mut s, key(KeyCode::Tab));
    typ(&mut s, "4");
    assert!(!s.pane.focused);
    assert_eq!(s.sale.phone, "0551234");
    // A new sale goes on top.
    let new = order(0, "0551230000", OrderState::Saved);
    step(
        &mut s,
        Msg::SaleSaved {
            id: crate::ui::msg::SaleId(99),
            record: new.clone(),
        },
    );
    assert_eq!(s.pane.orders[0].key, new.key);
}
