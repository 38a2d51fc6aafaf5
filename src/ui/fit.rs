//! Whether the terminal is big enough to show whole what money depends on: on the sale screen
//! the number, the amount, the price to COLLECT and the SEND line; in the history and the
//! order detail the status and the amount of each order.
//!
//! One rule for both sides: `view` draws a "too small" notice instead of a cut-off screen, and
//! `update` refuses to send (and to take typing nobody can see) until the window is big enough.
//! The size comes from `Msg::Resize`; the room each screen needs is measured by the view code
//! that draws it.

use super::sale_logic::build_draft;
use super::state::{AppState, SaleStep, Screen};
use super::view::{confirm, detail, history, sale};
use crate::i18n::{Message, MsgId};

/// A terminal size, in columns and rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub cols: u16,
    pub rows: u16,
}

/// Rows the tab bar, the message line and the status bar take on every screen.
pub const CHROME_ROWS: u16 = 3;

/// The window is smaller than the screen on show needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooSmall {
    pub need: Room,
    pub have: Room,
    /// A sale screen: nothing can be sent until it fits.
    pub selling: bool,
}

impl TooSmall {
    /// The notice in three short lines, for a window that cannot hold [`TooSmall::message`].
    pub fn short_message(&self) -> Message {
        let id = if self.selling {
            MsgId::FitShortSale
        } else {
            MsgId::FitShortOrders
        };
        self.sizes(Message::new(id))
    }

    /// The notice shown in place of the screen.
    pub fn message(&self) -> Message {
        let id = if self.selling {
            MsgId::FitTooSmallSale
        } else {
            MsgId::FitTooSmallOrders
        };
        self.sizes(Message::new(id))
    }

    /// `80x24` with a Latin `x`: a strong left-to-right letter keeps the size one number in
    /// Arabic text (with `×`, a neutral, the right-to-left line would show `24×80`).
    fn sizes(&self, m: Message) -> Message {
        m.text("need", format!("{}x{}", self.need.cols, self.need.rows))
            .text("have", format!("{}x{}", self.have.cols, self.have.rows))
    }
}

/// What the screen on show needs.
pub fn need(state: &AppState) -> Room {
    let internet = crate::ui::internet::kind(state);
    let body = match state.screen {
        Screen::Sale if state.sale.step == SaleStep::Confirm && internet.is_some() => internet
            .map_or(sale::FORM_ROOM, |k| {
                super::view::internet_sale::confirm_room(state, k)
            }),
        Screen::Sale if state.sale.step == SaleStep::Confirm => match build_draft(state) {
            Ok(draft) => confirm::confirm_room(state, &draft),
            Err(_) => sale::FORM_ROOM,
        },
        Screen::Sale => sale::FORM_ROOM,
        // The plan browser drops its price column when narrow instead of cutting it.
        Screen::Plans => Room { cols: 1, rows: 1 },
        Screen::History => history::MIN_ROOM,
        Screen::Detail => detail::min_room(state),
        Screen::Report => crate::ui::view::report::MIN_ROOM,
    };
    Room {
        cols: body.cols,
        rows: body.rows + CHROME_ROWS,
    }
}

/// `Some` when the window cannot show the screen on show whole.
pub fn too_small(state: &AppState) -> Option<TooSmall> {
    let need = need(state);
    let have = Room {
        cols: state.size.0,
        rows: state.size.1,
    };
    (have.cols < need.cols || have.rows < need.rows).then_some(TooSmall {
        need,
        have,
        selling: state.screen == Screen::Sale,
    })
}
