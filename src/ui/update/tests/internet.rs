//! Internet sales at the counter (the product key, the line check, the values, the confirm,
//! the proof) and operator health (the ping, the extra key before sending to a down operator).

use super::*;
use crate::api::internet::InternetProducts;
use crate::api::types::{PingData, TopupInfo, TopupStatus};
use crate::i18n::Message;
use crate::rules::{InternetNumber, InternetType, OperatorHealth, Product};
use crate::testkit::topup;
use crate::ui::msg::{InternetDraft, LineOutcome};
use crate::ui::state::{LineStatus, SaleStep};

fn adsl_products() -> InternetProducts {
    InternetProducts::from_data(
        InternetType::Adsl,
        serde_json::json!({"type": "ADSL", "products": [
            {"value": 500, "cost": 490, "available": true},
            {"value": 1000, "cost": 980, "available": true},
            {"value": 3000, "cost": 2940, "available": false}
        ]}),
    )
    .expect("products")
}

/// The app switched to ADSL, its values loaded.
fn on_adsl() -> AppState {
    let mut s = ready();
    let fx = step(&mut s, key(KeyCode::F(12)));
    assert_eq!(s.sale.product, Product::Internet(InternetType::Adsl));
    assert_eq!(fx, [Effect::LoadInternetProducts(InternetType::Adsl)]);
    step(
        &mut s,
        Msg::InternetProducts {
            products: adsl_products(),
            fetched_at: t0(),
            from_cache: false,
        },
    );
    s
}

fn checked(s: &mut AppState, number: &str, outcome: LineOutcome) {
    let number = InternetNumber::parse(InternetType::Adsl, number).expect("number");
    step(s, Msg::LineChecked { number, outcome });
}

/// Types the number, has the line found, picks the second value: the confirm step.
fn to_confirm(s: &mut AppState) {
    let fx = typ(s, "036362608");
    let asked = InternetNumber::parse(InternetType::Adsl, "036362608").expect("number");
    assert_eq!(
        fx,
        [Effect::CheckLine(asked)],
        "checked as soon as it is whole"
    );
    checked(
        s,
        "036362608",
        LineOutcome::Found {
            offer: Some("FTTc-b_10M'".into()),
        },
    );
    enter(s);
    assert_eq!(s.sale.step, SaleStep::Plan);
    step(s, key(KeyCode::Down));
    enter(s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
}

#[test]
fn the_product_key_cycles_mobile_adsl_4g_on_an_empty_form() {
    let mut s = ready();
    typ(&mut s, "0661");
    step(&mut s, ctrl('t'));
    assert_eq!(s.sale.product, Product::Internet(InternetType::Adsl));
    assert!(s.sale.phone.is_empty(), "a mobile number is no ADSL number");
    step(&mut s, key(KeyCode::F(12)));
    assert_eq!(s.sale.product, Product::Internet(InternetType::FourG));
    step(&mut s, key(KeyCode::F(12)));
    assert_eq!(s.sale.product, Product::Mobile);
}

#[test]
fn an_adsl_sale_checks_the_line_and_sends_the_value_chosen() {
    let mut s = on_adsl();
    typ(&mut s, "0363");
    assert!(s.sale.phone_notice.is_none());
    let fx = typ(&mut s, "x");
    assert!(fx.is_empty());
    assert!(
        s.sale.phone_notice.is_some(),
        "a letter is refused with a reason"
    );
    s.sale.phone.clear();
    to_confirm(&mut s);
    let fx = enter(&mut s);
    let draft = match &fx[..] {
        [Effect::SubmitInternetSale(d)] => d.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(draft.order.number.as_str(), "036362608");
    assert_eq!(draft.order.product.value, Dzd::from_dinars(1000));
    assert_eq!(draft.order.price, Dzd::from_dinars(1030));
    assert_eq!(s.sale.step, SaleStep::Phone);
    assert!(s.sale.phone.is_empty());
    assert_eq!(
        s.sale.product,
        Product::Internet(InternetType::Adsl),
        "the next customer is served on the same product"
    );
    // The same line and value again at once: Enter does not send it, its own key does.
    to_confirm(&mut s);
    assert!(enter(&mut s).is_empty());
    assert!(s.sale.duplicate_armed);
    let warn = s
        .sale
        .confirm_notice
        .as_ref()
        .unwrap()
        .text(crate::i18n::Lang::En);
    assert!(warn.contains("F8 sends ANOTHER"), "{warn}");
    assert!(enter(&mut s).is_empty(), "never the same Enter");
    assert!(matches!(
        &step(&mut s, key(KeyCode::F(8)))[..],
        [Effect::SubmitInternetSale(_)]
    ));
}

#[test]
fn a_refused_line_stops_at_the_number_and_an_unclear_check_lets_the_sale_go_on() {
    let mut s = on_adsl();
    typ(&mut s, "099000003");
    checked(
        &mut s,
        "099000003",
        LineOutcome::Refused(Message::from("ERR_PHONE")),
    );
    assert!(matches!(s.sale.line, LineStatus::Refused { .. }));
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Phone, "never past a refused line");
    assert!(s.sale.phone_notice.is_some());
    step(&mut s, key(KeyCode::Esc));
    typ(&mut s, "036362608");
    // An answer about the old number changes nothing.
    checked(
        &mut s,
        "099000003",
        LineOutcome::Refused(Message::from("late")),
    );
    assert!(matches!(s.sale.line, LineStatus::Checking(_)));
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Phone, "still checking");
    checked(
        &mut s,
        "036362608",
        LineOutcome::Unclear(Message::from("timeout")),
    );
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Plan);
}

#[test]
fn a_value_not_on_sale_is_refused_at_the_list() {
    let mut s = on_adsl();
    typ(&mut s, "036362608");
    checked(&mut s, "036362608", LineOutcome::Found { offer: None });
    enter(&mut s);
    step(&mut s, key(KeyCode::End));
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Plan);
    let why = s
        .sale
        .plan_notice
        .as_ref()
        .expect("why")
        .text(crate::i18n::Lang::En);
    assert!(why.contains("not on sale"), "{why}");
}

fn fulfilled(reference: &str) -> OrderRecord {
    OrderBuilder::new(t0(), 9)
        .reference(reference)
        .internet(InternetType::Adsl, "036362608")
        .state(OrderState::Fulfilled)
        .api(TopupInfo {
            card_code: Some("1234567812345678".into()),
            num_trans: Some("AT-2026-12345".into()),
            date_traitement: Some("2026-11-23T10:00:12.000Z".into()),
            ..topup("T9", TopupStatus::Fulfilled)
        })
        .build()
}

#[test]
fn the_proof_of_a_delivered_sale_stays_until_dismissed() {
    let mut s = on_adsl();
    to_confirm(&mut s);
    let draft: InternetDraft = match &enter(&mut s)[..] {
        [Effect::SubmitInternetSale(d)] => d.clone(),
        other => panic!("{other:?}"),
    };
    let rec = fulfilled("till-1");
    step(
        &mut s,
        Msg::SaleSaved {
            id: draft.id,
            record: rec.clone(),
        },
    );
    assert!(s.proof.is_none());
    step(&mut s, Msg::OrderChanged(rec.clone()));
    assert_eq!(
        s.proof.as_ref().map(|p| p.reference.as_str()),
        Some("till-1")
    );
    // Typing does not reach the form under it; time passing does not take it away.
    typ(&mut s, "0");
    step(&mut s, Msg::Tick(t0() + TimeDelta::minutes(10)));
    assert!(s.proof.is_some() && s.sale.phone.is_empty());
    enter(&mut s);
    assert!(s.proof.is_none());
    // Another till's order, or one of an earlier session: no proof pops up.
    step(&mut s, Msg::OrderChanged(fulfilled("other")));
    assert!(s.proof.is_none());
}

#[test]
fn a_down_operator_asks_for_one_more_enter_before_sending() {
    let mut s = ready();
    let fx = crate::ui::update::start(&mut s);
    assert!(fx.contains(&Effect::Ping));
    let ping = PingData {
        api: "ok".into(),
        operators: [("mobilis", "down"), ("djezzy", "up")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    step(&mut s, Msg::Health(Ok(OperatorHealth::from_ping(&ping))));
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    assert!(enter(&mut s).is_empty(), "first Enter: the warning");
    let said = s
        .sale
        .confirm_notice
        .as_ref()
        .expect("notice")
        .text(crate::i18n::Lang::En);
    assert!(said.contains("Mobilis is down"), "{said}");
    assert_eq!(submits(&enter(&mut s)), 1, "second Enter sends");
    // An operator that is up sends at once.
    typ(&mut s, "0771234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(submits(&enter(&mut s)), 1);
}

#[test]
fn the_till_asks_the_ping_about_every_minute() {
    let mut s = ready();
    crate::ui::update::start(&mut s);
    let pings = |fx: &[Effect]| fx.iter().filter(|e| **e == Effect::Ping).count();
    assert_eq!(
        pings(&step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(30)))),
        0
    );
    assert_eq!(
        pings(&step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(60)))),
        1
    );
    assert_eq!(
        pings(&step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(61)))),
        0
    );
    assert_eq!(
        pings(&step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(121)))),
        1
    );
}
