//! The print and preview keys: which slip is on screen, and the preview over the screen.

use crate::i18n::{Message, MsgId};
use crate::ui::keys::Action;
use crate::ui::msg::{Effect, SlipOf};
use crate::ui::state::{AppState, Notice, Screen, SlipPreview};

/// The slip of what is on screen: the order shown (detail), selected (history, the sale
/// screen's pane) or just sold (a proof shown, else the last sale of the session), or the
/// books of the period shown.
fn on_screen(state: &AppState) -> Option<SlipOf> {
    let order = |r: &str| Some(SlipOf::Order(r.to_string()));
    match state.screen {
        Screen::Detail => state
            .detail
            .as_ref()
            .and_then(|d| order(&d.order.reference)),
        Screen::History => state
            .history
            .orders
            .get(state.history.selected)
            .and_then(|o| order(&o.reference)),
        Screen::Report => Some(SlipOf::Books(state.report_period())),
        Screen::Sale => {
            if let Some(p) = &state.proof {
                return order(&p.reference);
            }
            if state.pane.focused
                && let Some(o) = state.pane.orders.get(state.pane.selected)
            {
                return order(&o.reference);
            }
            if let Some(r) = state
                .recent
                .iter()
                .rev()
                .find_map(|r| r.reference.as_deref())
            {
                return order(r);
            }
            state.pane.orders.first().and_then(|o| order(&o.reference))
        }
        Screen::Plans => None,
    }
}

fn nothing(state: &mut AppState) {
    super::toast(
        state,
        Notice::warn(Message::new(MsgId::ToastNothingToPrint)),
    );
}

pub(super) fn print(state: &mut AppState, fx: &mut Vec<Effect>) {
    match on_screen(state) {
        Some(of) => fx.push(Effect::PrintSlip {
            of,
            lang: state.settings.lang,
        }),
        None => nothing(state),
    }
}

pub(super) fn preview(state: &mut AppState, fx: &mut Vec<Effect>) {
    match on_screen(state) {
        Some(of) => fx.push(Effect::PreviewSlip {
            of,
            lang: state.settings.lang,
        }),
        None => nothing(state),
    }
}

pub(super) fn preview_arrived(state: &mut AppState, of: SlipOf, lines: Vec<String>) {
    state.preview = Some(SlipPreview {
        of,
        lines,
        scroll: 0,
    });
}

/// Keys over the preview: print it, or close it.
pub(super) fn preview_key(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Print => {
            if let Some(p) = state.preview.take() {
                fx.push(Effect::PrintSlip {
                    of: p.of,
                    lang: state.settings.lang,
                });
            }
        }
        Action::Back | Action::Enter | Action::Preview => state.preview = None,
        Action::Quit => super::quit(state, fx),
        _ => {
            if let Some(p) = state.preview.as_mut()
                && let Some(to) = super::moved(p.scroll, p.lines.len(), action, 10)
            {
                p.scroll = to;
            }
        }
    }
}
