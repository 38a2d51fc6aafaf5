//! Taking over the terminal and giving it back, whatever happens: normal exit, Ctrl-C (a key in
//! raw mode, handled as quit), SIGTERM/SIGHUP (the loop ends, see `runtime`), or a panic (the
//! hook restores before the message is printed).

use super::msg::{Effect, Msg};
use super::runtime::run;
use super::state::AppState;
use super::text_bridge::{BIDI_APP_SETS_ORDER, BIDI_TERMINAL_SETS_ORDER, BidiMode};
use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

/// Set while the terminal is ours; restoring clears it, so restoring twice is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The bidi mode to undo on restore (0 terminal, 1 app), for the panic hook.
static BIDI: AtomicU8 = AtomicU8::new(0);
static HOOK: Once = Once::new();

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Raw mode, alternate screen, bracketed paste on, mouse off, and in `BidiMode::App` the
    /// terminal's own bidi reordering off (the app lays out Arabic itself).
    pub fn enter(
        bidi: BidiMode,
    ) -> io::Result<(TerminalGuard, Terminal<CrosstermBackend<Stdout>>)> {
        install_panic_hook();
        BIDI.store(u8::from(bidi == BidiMode::App), Ordering::SeqCst);
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard { _private: () };
        enable_raw_mode()?;
        let mut out = stdout();
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            DisableMouseCapture
        )?;
        if bidi == BidiMode::App {
            out.write_all(BIDI_APP_SETS_ORDER.as_bytes())?;
            out.flush()?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok((guard, terminal))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Gives the terminal back as it was (safe to call more than once).
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut out = stdout();
    if BIDI.load(Ordering::SeqCst) == 1 {
        let _ = out.write_all(BIDI_TERMINAL_SETS_ORDER.as_bytes());
    }
    let r1 = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let r2 = disable_raw_mode();
    r1.and(r2)
}

/// A panic restores the terminal first, then the usual hook prints the message on a sane screen.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Sets up the terminal, runs the counter screen, and restores the terminal on every way out.
pub async fn run_fullscreen(
    state: AppState,
    msgs: UnboundedReceiver<Msg>,
    effects: UnboundedSender<Effect>,
) -> io::Result<()> {
    let (guard, mut terminal) = TerminalGuard::enter(state.settings.bidi)?;
    let result = run(&mut terminal, state, msgs, effects).await;
    drop(guard);
    result
}
