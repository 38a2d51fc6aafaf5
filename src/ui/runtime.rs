//! The one event loop: terminal events, messages from the I/O side and a 1 s clock tick, all in
//! one `select!`. It redraws only when `update` marked the state dirty, so an idle till costs
//! nothing but a wake-up a second.

use super::held_keys::HeldKeys;
use super::msg::{Effect, Msg};
use super::state::AppState;
use super::step::step;
use super::update::start;
use super::view::view;
use chrono::{DateTime, Utc};
use crossterm::event::{Event, EventStream};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::future::Future;
use std::io;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::time::MissedTickBehavior;

/// Runs the counter screen on `terminal` until the staff quits (F10, Ctrl-Q, Ctrl-C) or the
/// process is asked to stop (SIGTERM/SIGHUP; on Windows Ctrl-C/Ctrl-Break or the console
/// window closed: see [`shutdown_signal`]). The terminal must already be set up (see `terminal.rs`).
pub async fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    state: AppState,
    msgs: UnboundedReceiver<Msg>,
    effects: UnboundedSender<Effect>,
) -> io::Result<()> {
    let loop_cfg = LoopConfig {
        tick: Duration::from_secs(1),
        clock: Utc::now,
    };
    run_with_events(
        terminal,
        state,
        EventStream::new(),
        msgs,
        effects,
        shutdown_signal(),
        loop_cfg,
    )
    .await
    .map(|_| ())
}

/// The loop's clock: how often it ticks and where the time comes from.
#[derive(Clone, Copy)]
pub struct LoopConfig {
    pub tick: Duration,
    pub clock: fn() -> DateTime<Utc>,
}

/// The loop with its event source, shutdown and clock given (tests feed fake events).
/// Returns the final state.
pub async fn run_with_events<B, S, F>(
    terminal: &mut Terminal<B>,
    mut state: AppState,
    events: S,
    mut msgs: UnboundedReceiver<Msg>,
    effects: UnboundedSender<Effect>,
    shutdown: F,
    cfg: LoopConfig,
) -> io::Result<AppState>
where
    B: Backend,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: Future<Output = ()>,
{
    let mut events = events.fuse();
    let mut held = HeldKeys::default();
    let mut worker_gone = false;
    let send = |fx: Vec<Effect>, state: &mut AppState, gone: &mut bool| {
        for e in fx {
            if effects.send(e).is_err() && !*gone {
                *gone = true;
                let _ = step(
                    state,
                    Msg::Notice(crate::ui::state::Notice::error(
                        crate::i18n::MsgId::ToastWorkerStopped,
                    )),
                );
            }
        }
    };
    state.now = (cfg.clock)();
    let fx = start(&mut state);
    send(fx, &mut state, &mut worker_gone);
    if let Ok(size) = terminal.size() {
        let fx = step(&mut state, Msg::Resize(size.width, size.height));
        send(fx, &mut state, &mut worker_gone);
    }
    let mut ticker = tokio::time::interval(cfg.tick);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    tokio::pin!(shutdown);
    let mut msgs_open = true;
    let mut events_open = true;
    loop {
        if state.dirty {
            terminal
                .draw(|f| view(&mut state, f))
                .map_err(|e| io::Error::other(e.to_string()))?;
            state.dirty = false;
        }
        if state.quit {
            break;
        }
        let msg = tokio::select! {
            ev = events.next(), if events_open => match ev {
                Some(Ok(ev)) => match event_msg(ev, &mut held) {
                    Some(m) => m,
                    None => continue,
                },
                Some(Err(e)) => return Err(e),
                None => {
                    // The terminal is gone (stdin closed): nobody can use the screen.
                    events_open = false;
                    state.quit = true;
                    let _ = effects.send(Effect::Quit);
                    continue;
                }
            },
            m = msgs.recv(), if msgs_open => match m {
                Some(m) => m,
                None => {
                    msgs_open = false;
                    Msg::Notice(crate::ui::state::Notice::error(
                        crate::i18n::MsgId::ToastWorkerStopped,
                    ))
                }
            },
            _ = ticker.tick() => Msg::Tick((cfg.clock)()),
            _ = &mut shutdown => {
                state.quit = true;
                let _ = effects.send(Effect::Quit);
                continue;
            }
        };
        state.mono_now = std::time::Instant::now();
        let fx = step(&mut state, msg);
        send(fx, &mut state, &mut worker_gone);
    }
    Ok(state)
}

fn event_msg(ev: Event, held: &mut HeldKeys) -> Option<Msg> {
    match ev {
        Event::Key(k) => {
            panic_on_request(&k);
            Some(Msg::Key(held.classify(k)))
        }
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Debug builds only: with `FLEXY_TEST_PANIC` set, F12 panics, so the tmux test can prove the
/// terminal is restored and the message readable after a crash. Release builds have no trigger.
fn panic_on_request(k: &crossterm::event::KeyEvent) {
    if cfg!(debug_assertions)
        && k.code == crossterm::event::KeyCode::F(12)
        && std::env::var_os("FLEXY_TEST_PANIC").is_some()
    {
        panic!("test panic requested with F12 (FLEXY_TEST_PANIC)");
    }
}

/// Resolves when the till is asked to stop from outside, so the loop ends, the terminal guard
/// restores the screen and the session closes the store cleanly: SIGTERM or SIGHUP (a closed
/// terminal window) on Unix; on Windows a Ctrl-C or Ctrl-Break signal (raw mode turns the Ctrl-C
/// key into a key press, quit by the keymap, so this is one sent by another program) or the
/// console window being closed. On that last one Windows ends the process once the close
/// handler returns or after about 5 s; tokio's handler waits (it never returns), so the clean
/// close gets those seconds.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) {
            (Ok(mut term), Ok(mut hup)) => {
                tokio::select! {
                    _ = term.recv() => {},
                    _ = hup.recv() => {},
                }
            }
            _ => std::future::pending::<()>().await,
        }
    }
    #[cfg(windows)]
    {
        use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
        match (ctrl_c(), ctrl_break(), ctrl_close()) {
            (Ok(mut c), Ok(mut brk), Ok(mut close)) => {
                tokio::select! {
                    _ = c.recv() => {},
                    _ = brk.recv() => {},
                    _ = close.recv() => {},
                }
            }
            _ => std::future::pending::<()>().await,
        }
    }
    #[cfg(not(any(unix, windows)))]
    std::future::pending::<()>().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PlansData;
    use crate::money::Dzd;
    use crate::testkit::{OrderBuilder, PlanBuilder};
    use crate::ui::state::UiSettings;
    use chrono::TimeZone;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;
    use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    fn plans() -> PlansData {
        PlansData {
            dynamic_plans: vec![
                PlanBuilder::dynamic("PREPAID_MOBILIS", "Mobilis", 40, 3999)
                    .name("PREPAID")
                    .cost(0.96)
                    .build(),
            ],
            fixed_plans: vec![],
        }
    }

    fn record(d: &crate::ui::msg::SaleDraft) -> crate::orders::OrderRecord {
        OrderBuilder::new(t0(), 0)
            .reference("FX7Q2K9M")
            .phone(d.order.phone.as_str())
            .operator(d.order.operator())
            .plan(
                d.order.plan.code.clone(),
                d.order.plan.name.clone(),
                d.order.plan.kind(),
            )
            .amount(d.order.amount)
            .expected_cost(d.order.expected_cost)
            .price(d.order.price)
            .send_attempts(0)
            .state(crate::orders::OrderState::Sent)
            .build()
    }

    /// Lets every ready task run (current-thread runtime: deterministic order).
    async fn settle() {
        for _ in 0..50 {
            tokio::task::yield_now().await;
        }
    }

    fn press(keys: &UnboundedSender<io::Result<Event>>, code: KeyCode) {
        keys.send(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
            .unwrap();
    }

    /// A fake I/O side: answers plans and sales like the lead's worker, and reports every
    /// effect it saw.
    fn fake_worker(
        mut effects: tokio::sync::mpsc::UnboundedReceiver<Effect>,
        msgs: UnboundedSender<Msg>,
        seen: UnboundedSender<Effect>,
    ) {
        tokio::spawn(async move {
            while let Some(e) = effects.recv().await {
                let _ = seen.send(e.clone());
                match e {
                    Effect::LoadPlans => {
                        let _ = msgs.send(Msg::PlansLoaded {
                            plans: plans(),
                            fetched_at: t0(),
                            from_cache: false,
                        });
                    }
                    Effect::SubmitSale(d) => {
                        let _ = msgs.send(Msg::SaleSaved {
                            id: d.id,
                            record: record(&d),
                        });
                    }
                    _ => {}
                }
            }
        });
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_whole_sale_through_the_event_loop_and_a_fake_worker() {
        let (msg_tx, msg_rx) = unbounded_channel();
        let (fx_tx, fx_rx) = unbounded_channel();
        let (seen_tx, mut seen_rx) = unbounded_channel();
        let (key_tx, key_rx) = unbounded_channel::<io::Result<Event>>();
        fake_worker(fx_rx, msg_tx.clone(), seen_tx);
        let events = tokio_stream_from(key_rx);
        let cfg = LoopConfig {
            tick: Duration::from_secs(3600),
            clock: t0,
        };
        let app = tokio::spawn(async move {
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let state = AppState::new(UiSettings::default(), t0());
            let end = run_with_events(
                &mut terminal,
                state,
                events,
                msg_rx,
                fx_tx,
                std::future::pending(),
                cfg,
            )
            .await
            .unwrap();
            (end, terminal.backend().to_string())
        });
        settle().await;
        for c in "0661234567".chars() {
            press(&key_tx, KeyCode::Char(c));
        }
        press(&key_tx, KeyCode::Enter);
        for c in "500".chars() {
            press(&key_tx, KeyCode::Char(c));
        }
        press(&key_tx, KeyCode::Enter);
        press(&key_tx, KeyCode::Enter);
        press(&key_tx, KeyCode::Enter); // a double Enter: must not send twice
        settle().await;
        press(&key_tx, KeyCode::F(10));
        let (end, screen) = app.await.unwrap();
        drop(msg_tx);

        let mut seen = Vec::new();
        while let Ok(e) = seen_rx.try_recv() {
            seen.push(e);
        }
        let submits: Vec<_> = seen
            .iter()
            .filter_map(|e| match e {
                Effect::SubmitSale(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(submits.len(), 1, "{seen:?}");
        assert_eq!(submits[0].order.phone.as_str(), "0661234567");
        assert_eq!(submits[0].order.amount, Dzd::from_dinars(500));
        assert_eq!(seen.first(), Some(&Effect::LoadPlans));
        assert_eq!(seen.last(), Some(&Effect::Quit));
        assert!(end.quit);
        assert_eq!(
            end.history.orders.len(),
            1,
            "the saved order is in the history"
        );
        assert!(
            screen.contains("sent 0661 23 45 67 500 DA — ref FX7Q2K9M"),
            "{screen}"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_termination_signal_or_a_closed_terminal_ends_the_loop() {
        let cfg = LoopConfig {
            tick: Duration::from_secs(3600),
            clock: t0,
        };
        // Shutdown signal.
        let (_msg_tx, msg_rx) = unbounded_channel();
        let (fx_tx, mut fx_rx) = unbounded_channel();
        let (_key_tx, key_rx) = unbounded_channel::<io::Result<Event>>();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let state = AppState::new(UiSettings::default(), t0());
        let end = run_with_events(
            &mut terminal,
            state,
            tokio_stream_from(key_rx),
            msg_rx,
            fx_tx,
            async {},
            cfg,
        )
        .await
        .unwrap();
        assert!(end.quit);
        let mut fx = Vec::new();
        while let Ok(e) = fx_rx.try_recv() {
            fx.push(e);
        }
        assert_eq!(fx.last(), Some(&Effect::Quit));

        // The terminal's event stream ends; the I/O side has already gone away.
        let (msg_tx, msg_rx) = unbounded_channel();
        drop(msg_tx);
        let (fx_tx, _fx_rx) = unbounded_channel();
        let (key_tx, key_rx) = unbounded_channel::<io::Result<Event>>();
        drop(key_tx);
        let state = AppState::new(UiSettings::default(), t0());
        let end = run_with_events(
            &mut terminal,
            state,
            tokio_stream_from(key_rx),
            msg_rx,
            fx_tx,
            std::future::pending(),
            cfg,
        )
        .await
        .unwrap();
        assert!(end.quit);
    }

    fn tokio_stream_from<T: Send + 'static>(
        mut rx: tokio::sync::mpsc::UnboundedReceiver<T>,
    ) -> impl Stream<Item = T> + Unpin {
        Box::pin(futures::stream::poll_fn(move |cx| rx.poll_recv(cx)))
    }
}
