//! The room each screen needs to show whole what money depends on, measured by the code that
//! draws it: the confirm box is as wide as its longest line in the clerk's language.

use super::{confirm, detail, history, internet_sale, report, sale};
use crate::ui::fit::{CHROME_ROWS, Room, TooSmall};
use crate::ui::sale_logic::build_draft;
use crate::ui::state::{AppState, SaleStep, Screen};

/// What the screen on show needs, tab bar and status lines included.
pub fn need(state: &AppState) -> Room {
    let body = match state.screen {
        Screen::Sale if state.sale.step == SaleStep::Confirm => confirm_need(state),
        Screen::Sale => sale::FORM_ROOM,
        // The plan browser drops its price column when narrow instead of cutting it.
        Screen::Plans => Room { cols: 1, rows: 1 },
        Screen::History => history::MIN_ROOM,
        Screen::Detail => detail::min_room(state),
        Screen::Report => report::MIN_ROOM,
    };
    Room {
        cols: body.cols,
        rows: body.rows + CHROME_ROWS,
    }
}

fn confirm_need(state: &AppState) -> Room {
    if let Some(kind) = crate::ui::internet::kind(state) {
        return internet_sale::confirm_room(state, kind);
    }
    match build_draft(state) {
        Ok(draft) => confirm::confirm_room(state, &draft),
        Err(_) => sale::FORM_ROOM,
    }
}

/// `Some` when the window cannot show the screen as it is now whole (what the view draws).
pub fn too_small(state: &AppState) -> Option<TooSmall> {
    state.too_small_for(need(state))
}
