//! The order detail: scroll, and sell a suggested offer with one key.

use crate::orders::OrderRecord;
use crate::rules::{Phone, Product};
use crate::ui::keys::Action;
use crate::ui::msg::Effect;
use crate::ui::state::{AppState, Notice, Screen};

pub(super) fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let Some(d) = state.detail.as_mut() else {
        state.screen = Screen::History;
        return;
    };
    match action {
        Action::Back => state.screen = state.detail_back,
        Action::Up => d.scroll = d.scroll.saturating_sub(1),
        Action::Down => d.scroll = d.scroll.saturating_add(1).min(200),
        Action::PageUp => d.scroll = d.scroll.saturating_sub(10),
        Action::PageDown => d.scroll = d.scroll.saturating_add(10).min(200),
        Action::Home => d.scroll = 0,
        Action::Refresh => fx.push(Effect::RefreshStatus),
        Action::SellOffer(index) => sell_offer(state, index),
        Action::Repeat => sell_again(state),
        _ => {}
    }
}

fn sell_offer(state: &mut AppState, index: usize) {
    let Some(d) = &state.detail else { return };
    let offers = d.order.suggested_offers().to_vec();
    if index >= offers.len() {
        super::toast(
            state,
            Notice::warn(
                crate::i18n::Message::new(crate::i18n::MsgId::ToastNoSuchOffer)
                    .num("n", index as i64 + 1),
            ),
        );
        return;
    }
    match Phone::parse(&d.order.phone) {
        Ok(phone) => super::sale_events::sell_offer(state, phone, offers, index),
        Err(e) => super::toast(
            state,
            Notice::error(
                crate::i18n::Message::new(crate::i18n::MsgId::ToastBadOrderNumber).text("error", e),
            ),
        ),
    }
}

/// The repeat key on a NOT_SENT or REFUSED order (nothing was charged): a new sale of the same
/// number, plan and amount, to the confirm step, through the sale gate. A new order with a new
/// ref: the old one is never reused.
fn sell_again(state: &mut AppState) {
    let Some(d) = &state.detail else { return };
    let order = d.order.clone();
    if !crate::ui::derived::can_sell_again(&order) {
        super::toast(
            state,
            Notice::warn(
                crate::i18n::Message::new(crate::i18n::MsgId::ToastSellAgainOnly)
                    .msg("state", order.word()),
            ),
        );
        return;
    }
    super::sale::new_customer(state);
    state.sale.product = Product::Mobile;
    state.screen = Screen::Sale;
    super::regulars::prefill(state, &order.phone, &order);
}

/// Keeps the open detail in step with live changes.
pub(super) fn refresh(state: &mut AppState, rec: &OrderRecord) {
    if let Some(d) = state.detail.as_mut()
        && d.order.key == rec.key
    {
        d.order = rec.clone();
    }
}
