//! Data derived from the state that both [`super::update`] and [`super::view`] need: which
//! plans the browser lists (the cursor indexes them), and the time-dependent text on screen
//! (a tick redraws only when it changes). Pure functions of the state: no drawing, no I/O.

use crate::api::types::Plan;
use crate::i18n::{Message, MsgId};
use crate::rules::Operator;
use crate::ui::state::AppState;
use chrono::{DateTime, Utc};

/// Whether the order in the detail can be sold again with the repeat key: a mobile sale of
/// this till that never charged anything (NOT_SENT or REFUSED). An offers lookup is no sale.
pub fn can_sell_again(rec: &crate::ledger::OrderRecord) -> bool {
    use crate::ledger::OrderState;
    matches!(rec.state, OrderState::NotSent | OrderState::Refused { .. })
        && rec.product() == crate::rules::Product::Mobile
        && !rec.is_external()
        && !crate::ledger::tally::is_lookup(rec)
}

/// Where a plan's operator group comes in the browser: Mobilis, Djezzy, Ooredoo, then the rest.
pub fn group_rank(p: &Plan) -> usize {
    match crate::rules::Operator::of_plan(p) {
        Some(Operator::Mobilis) => 0,
        Some(Operator::Djezzy) => 1,
        Some(Operator::Ooredoo) => 2,
        None => 3,
    }
}

/// The name of a plan's operator group, in the screen's language.
pub fn group_name(state: &AppState, p: &Plan) -> String {
    match crate::rules::Operator::of_plan(p) {
        Some(op) => op.name().to_string(),
        None => state
            .lang()
            .f(&Message::new(MsgId::PlansOtherOperator).text("operator", &p.operator)),
    }
}

/// The plans the browser lists, in order: grouped by line operator, filtered by the typed text
/// (code, name or operator, case-insensitive). The cursor indexes this list.
pub fn browser_rows(state: &AppState) -> Vec<&Plan> {
    let f = state.browser.filter.trim().to_lowercase();
    let mut rows: Vec<&Plan> = state
        .plans
        .data
        .all()
        .filter(|p| {
            f.is_empty()
                || p.code.to_lowercase().contains(&f)
                || p.name.to_lowercase().contains(&f)
                || p.operator.to_lowercase().contains(&f)
                || group_name(state, p).to_lowercase().contains(&f)
        })
        .collect();
    rows.sort_by_key(|p| group_rank(p));
    rows
}

/// `3 min`, `5 h`, `2 days`: how old something is, in the screen's language.
pub fn age_text(state: &AppState, then: DateTime<Utc>) -> String {
    state.lang().f(&crate::i18n::age(state.now - then))
}

/// Whether `then` was under a minute ago (the age reads "just now").
pub fn is_fresh(state: &AppState, then: DateTime<Utc>) -> bool {
    (state.now - then).num_seconds() < 60
}

/// How old the plans in use are (`plans 3 h old`), or that there are none.
pub fn plans_age(state: &AppState) -> String {
    let lang = state.lang();
    match state.plans.fetched_at {
        Some(t) if is_fresh(state, t) => lang.t(MsgId::BarPlansFresh).to_string(),
        Some(t) => lang.f(&Message::new(MsgId::BarPlansAge).text("age", age_text(state, t))),
        None if state.plans.loaded => lang.t(MsgId::BarPlansAgeUnknown).to_string(),
        None => lang.t(MsgId::BarNoPlans).to_string(),
    }
}

/// The time-dependent text on screen: `update` redraws on a tick only when this changes.
pub fn clock_text(state: &AppState) -> String {
    plans_age(state)
}
