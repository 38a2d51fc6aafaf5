//! Whether the terminal is big enough to show whole what money depends on: on the sale screen
//! the number, the amount, the price to COLLECT and the SEND line; in the history and the
//! order detail the status and the amount of each order.
//!
//! One rule for both sides: `view` draws a "too small" notice instead of a cut-off screen, and
//! `update` refuses to send (and to take typing nobody can see) until the window is big enough.
//! The size comes from `Msg::Resize`. The room each screen needs is measured by the view code
//! that draws it (`view::room`); [`crate::ui::step`] measures it before each message, so
//! `update` compares the window with what the screen showed when the key came, without
//! reaching up into the view. This module is only the comparison and its words.

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

/// `Some` when a window of `have` cannot show whole a screen that needs `need`.
pub fn too_small(need: Room, have: Room, selling: bool) -> Option<TooSmall> {
    (have.cols < need.cols || have.rows < need.rows).then_some(TooSmall {
        need,
        have,
        selling,
    })
}
