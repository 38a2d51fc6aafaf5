//! Unit tests of `update`: messages in, state and effects out, exactly as the app runs them.

mod books;
mod clerk;
mod flow;
mod history;
mod internet;
mod language;
mod phone;
mod print;
mod small_screen;

use crate::api::types::{Plan, PlanKind, PlansData, SuggestedOffer};
use crate::money::Dzd;
use crate::orders::{OrderKey, OrderRecord, OrderState};
use crate::rules::Operator;
use crate::testkit::{OrderBuilder, PlanBuilder};
use crate::ui::msg::{Effect, Msg};
use crate::ui::state::{AppState, UiSettings};
use crate::ui::step;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn dynamic(code: &str, op: &str, cost: Option<f64>, min: i64, max: i64, enabled: bool) -> Plan {
    PlanBuilder::dynamic(code, op, min, max)
        .name(format!("📱 {code} | عادي"))
        .cost(cost)
        .enabled(enabled)
        .build()
}

fn fixed(code: &str, op: &str, cost: f64, amount: i64, enabled: bool) -> Plan {
    PlanBuilder::fixed(code, op, amount)
        .name(format!("{code} offer"))
        .cost(cost)
        .enabled(enabled)
        .build()
}

/// A plan list like the API's: every operator, Pixx/GMobilis, GETMENU, disabled plans.
pub fn plans() -> PlansData {
    PlansData {
        dynamic_plans: vec![
            dynamic("PREPAID_DJEZZY", "Djezzy", Some(0.99), 100, 10000, true),
            dynamic("GROS_MOBILIS", "GMobilis", None, 5000, 300000, true),
            dynamic("PREPAID_MOBILIS", "Mobilis", Some(0.96), 40, 3999, true),
            dynamic("FACTURE_MOBILIS", "Mobilis", Some(0.98), 100, 20000, false),
            dynamic("PREPAID_OOREDOO", "Ooredoo", Some(0.98), 50, 5000, false),
            dynamic("INTL_OOREDOO", "Ooredoo", Some(0.97), 100, 5000, true),
            dynamic("GETMENU_Mobilis", "Mobilis", Some(0.98), 50, 5000, true),
        ],
        fixed_plans: vec![
            fixed("PIXX_500", "Pixx", 0.97, 500, true),
            fixed("MIX500_MOBILIS", "Mobilis", 0.98, 500, true),
            fixed("MIX1000_OOREDOO", "Ooredoo", 0.98, 1000, false),
        ],
    }
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Sends one key per character; returns every effect.
pub fn typ(s: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| step(s, key(KeyCode::Char(c))))
        .collect()
}

pub fn enter(s: &mut AppState) -> Vec<Effect> {
    step(s, key(KeyCode::Enter))
}

/// The app right after start: plans loaded from a 3 h old cache, 80×24 terminal.
pub fn ready() -> AppState {
    let mut s = AppState::new(UiSettings::default(), t0());
    step(&mut s, Msg::Resize(80, 24));
    step(
        &mut s,
        Msg::PlansLoaded {
            plans: plans(),
            fetched_at: t0() - TimeDelta::hours(3),
            from_cache: true,
        },
    );
    s
}

/// Order `n` of a history, `n` minutes before [`t0`]: 500 DA of PREPAID_MOBILIS.
pub fn order(n: u64, phone: &str, state: OrderState) -> OrderRecord {
    OrderBuilder::new(t0() - TimeDelta::minutes(n as i64), n)
        .phone(phone)
        .expected_cost(Dzd::from_dinars(480))
        .price(Dzd::from_dinars(505))
        .state(state)
        .build()
}

pub fn offer(code: &str, amount: i64) -> SuggestedOffer {
    SuggestedOffer {
        typename: format!("{code} عرض"),
        plan_code: code.into(),
        amount: Dzd::from_dinars(amount),
    }
}

/// Sells 500 DA to 0661234567 up to the send: the draft the screen hands to the worker.
pub fn submit_a_sale(s: &mut AppState) -> crate::ui::msg::SaleDraft {
    typ(s, "0661234567");
    enter(s);
    typ(s, "500");
    enter(s);
    match &enter(s)[..] {
        [Effect::SubmitSale(d)] => d.clone(),
        other => panic!("{other:?}"),
    }
}

/// The sales handed to the worker.
pub fn submitted(fx: &[Effect]) -> Vec<&crate::ui::msg::SaleDraft> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SubmitSale(d) => Some(d),
            _ => None,
        })
        .collect()
}

pub fn submits(fx: &[Effect]) -> usize {
    submitted(fx).len()
}
