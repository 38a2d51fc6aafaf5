//! One step of the screen: measure the room the screen on show needs, then apply the message.
//!
//! The measure comes from the view (the code that draws a screen knows how big it is) and is
//! kept in the state, so `update` can refuse to send from a window too small to show the
//! sale without importing the view. It is taken before the message: a key is judged against
//! the screen the clerk saw when pressing it. The runtime and every test step the same way.

use super::msg::{Effect, Msg};
use super::state::AppState;
use super::{update, view};

/// Measures what the screen on show needs, then runs [`update::update`].
pub fn step(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    state.room_needed = view::room::need(state);
    update::update(state, msg)
}
