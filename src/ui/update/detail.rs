//! The order detail: scroll, and sell a suggested offer with one key.

use crate::orders::OrderRecord;
use crate::rules::Phone;
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

/// Keeps the open detail in step with live changes.
pub(super) fn refresh(state: &mut AppState, rec: &OrderRecord) {
    if let Some(d) = state.detail.as_mut()
        && d.order.key == rec.key
    {
        d.order = rec.clone();
    }
}
