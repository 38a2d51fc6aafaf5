//! Telling a held key from a key pressed again, on every terminal.
//!
//! Unix terminals send a key press only, and a held key as more presses (the kitty keyboard
//! protocol marks those as repeats). The Windows console sends every press AND its release,
//! and a held key as more presses with no release in between, never marked as repeats. So on
//! Windows a held Enter would walk a sale from the number to SEND by itself, where the update
//! rules ignore a held Enter (`KeyEventKind::Repeat`). This marks a press of a key that was
//! not released since as a repeat, once the terminal has shown that it reports releases (from
//! the first release seen: on Windows the first key's). A release that never comes (the key
//! let go in another window) costs at most one press of that key: its next release clears it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

#[derive(Debug, Default)]
pub struct HeldKeys {
    reports_releases: bool,
    down: Vec<KeyCode>,
}

impl HeldKeys {
    /// `reports_releases`: the terminal is known to send key releases (the Windows console
    /// does); [`HeldKeys::default`] learns it from the first release.
    pub fn new(reports_releases: bool) -> HeldKeys {
        HeldKeys {
            reports_releases,
            down: Vec::new(),
        }
    }

    /// The event with its kind corrected: a press of a key still held is a repeat.
    pub fn classify(&mut self, mut key: KeyEvent) -> KeyEvent {
        match key.kind {
            KeyEventKind::Release => {
                self.reports_releases = true;
                self.down.retain(|c| *c != key.code);
            }
            KeyEventKind::Press if self.down.contains(&key.code) => {
                if self.reports_releases {
                    key.kind = KeyEventKind::Repeat;
                }
            }
            KeyEventKind::Press => {
                // A handful of keys at most are down at once; without releases the list
                // would only grow, so it is kept only while they are reported.
                if self.reports_releases {
                    self.down.push(key.code);
                }
            }
            KeyEventKind::Repeat => {}
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn ev(code: KeyCode, kind: KeyEventKind) -> KeyEvent {
        let mut k = KeyEvent::new(code, KeyModifiers::NONE);
        k.kind = kind;
        k
    }

    fn kinds(held: &mut HeldKeys, events: &[(KeyCode, KeyEventKind)]) -> Vec<KeyEventKind> {
        events
            .iter()
            .map(|&(c, k)| held.classify(ev(c, k)).kind)
            .collect()
    }

    use KeyEventKind::{Press, Release, Repeat};

    #[test]
    fn on_windows_a_held_key_repeats_and_a_key_pressed_again_is_a_press() {
        let mut held = HeldKeys::new(true);
        let enter = KeyCode::Enter;
        let one = KeyCode::Char('1');
        assert_eq!(
            kinds(
                &mut held,
                &[
                    (enter, Press),
                    (enter, Press),
                    (enter, Press),
                    (enter, Release),
                    (enter, Press),
                    (one, Press),
                    (enter, Release),
                    (one, Press),
                    (one, Release),
                    (one, Press),
                ]
            ),
            [
                Press, Repeat, Repeat, Release, Press, Press, Release, Repeat, Release, Press
            ]
        );
    }

    #[test]
    fn without_releases_every_press_stays_a_press_until_one_is_seen() {
        let mut held = HeldKeys::new(false);
        let enter = KeyCode::Enter;
        assert_eq!(
            kinds(
                &mut held,
                &[(enter, Press), (enter, Press), (enter, Repeat)]
            ),
            [Press, Press, Repeat]
        );
        // A terminal that does report releases (kitty's protocol) is followed from then on.
        assert_eq!(
            kinds(
                &mut held,
                &[(enter, Release), (enter, Press), (enter, Press)]
            ),
            [Release, Press, Repeat]
        );
    }
}
