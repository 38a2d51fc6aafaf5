//! Headless commands for scripts, reports and tests: `send`, `orders`, `report`, `sync`,
//! `plans`, `config`, `receipt`, `seed-demo`. Same config, store and lifecycle as the counter screen; with no key
//! they run against the practice emulator (its state persists, so a later `sync` sees the same
//! orders).
//!
//! While a till (the counter screen, or a `send --wait`) holds the store, the commands ask it
//! over its command channel ([`crate::till_channel`]) instead: each command gets its data
//! (from its own store or session, or from the till) and prints it with the same code, so the
//! output and exit codes do not depend on where the data came from.
//!
//! A file per command: its `run` (from its own store or session) and `from_till` (the same
//! printing, from the till's answer); `internet.rs` and `receipt.rs` hold a few commands each.
//!
//! # Exit codes
//! | code | `send` | `orders` | `sync` | others |
//! |---|---|---|---|---|
//! | 0 | FULFILLED (with `--wait`), accepted (without); a GETMENU (an offers lookup, never a refund) answered | listed | nothing left open, audit complete | done |
//! | 1 | other error (config, store locked or damaged, plans unavailable, API key refused…) | error | error, or the audit could not read the whole list | error |
//! | 2 | invalid input (phone, plan, amount; a fixed plan with another amount): nothing written or sent | bad filter | — | bad input |
//! | 3 | REFUSED by the API: nothing charged | | | |
//! | 4 | REFUNDED: refund the customer | | | |
//! | 5 | still open: UNKNOWN_ERROR, unconfirmed, or `--timeout` passed (do NOT resend) | | orders remain open | |
//! | 6 | NOT_SENT: never reached OneClickDz, nothing charged | | | |
//! | 7 | QUEUED (an internet top-up, `internet send`): delivered within 12–48 h; do NOT refund or resend | | | |

mod closed_output;
mod config;
mod csv_out;
mod internet;
mod orders;
mod output;
mod plans;
mod receipt;
mod report;
mod seed_demo;
mod send;
mod serve;
mod status;
mod sync;

pub use config::settings_lines;
pub use csv_out::csv_text;
pub use internet::{check_internet_line, fetch_internet_products, place_internet_order};
pub use orders::{fetch_orders, orders_query};
pub use output::{clean, order_json, order_line};
pub use plans::fetch_plans;
pub use receipt::{count_receipt, fetch_receipt};
pub use report::fetch_report;
pub use send::place_order;
pub use send::{invalid_text, send_exit_code};
pub use serve::{Served, serve_session};
pub use sync::run_sync;

use crate::cli::{Command, GlobalArgs, InternetCommand};
use crate::config::{Config, Overrides, language_without_file};
use crate::i18n::{Lang, Message, MsgId};
use crate::session::{Session, SessionError, open_store};
use crate::store::{Store, StoreError};
use crate::till_channel::{Endpoint, Link, LinkError};
use receipt::Source;
use std::process::ExitCode;
use std::time::Duration;

pub const EXIT_OK: u8 = 0;
pub const EXIT_ERROR: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_REFUSED: u8 = 3;
pub const EXIT_REFUNDED: u8 = 4;
pub const EXIT_OPEN: u8 = 5;
pub const EXIT_NOT_SENT: u8 = 6;
pub const EXIT_QUEUED: u8 = 7;

/// Runs one headless command (everything but `sandbox`, which the emulator serves). A reader
/// that stops early (`| head`) ends it quietly with 0; output that cannot be written is one
/// line on stderr and exit 1.
pub fn run(global: &GlobalArgs, command: Command) -> ExitCode {
    use closed_output::OutputLost;
    match closed_output::run_guarded(|| run_command(global, command)) {
        Ok(code) => code,
        Err(OutputLost::ReaderGone) => ExitCode::from(EXIT_OK),
        Err(OutputLost::WriteFailed(why)) => {
            use std::io::Write;
            let lang = language_without_file(&global.overrides());
            let m = Message::new(MsgId::CliOutputFailed).text("error", why);
            let _ = writeln!(std::io::stderr(), "flexy-pos: {}", lang.f(&m));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Each command says what it needs before it can run: the less it opens, the less can stand in
/// its way (`config` works with a broken store; `orders` needs no API).
fn run_command(global: &GlobalArgs, command: Command) -> ExitCode {
    let over = global.overrides();
    let code = match command {
        // Only the settings, which may even fail to load: `config` reports that.
        Command::Config(args) => {
            config::run(Config::load(&over), &args, language_without_file(&over))
        }
        Command::Sandbox(_) => fail(EXIT_ERROR, "this command is not a headless command"),
        Command::Status(args) => prepared(&over, async |config, lang| {
            status::run(&config, &args, lang).await
        }),
        // With a till open on the store, the till answers (the same bytes either way).
        Command::Orders(args) => with_store_or_till(
            &over,
            async |store, config, lang| orders::run(store, &args, config.shop_clock(), lang),
            async |link, config, lang| {
                let dir = config.store_dir();
                orders::from_till(link, &args, config.shop_clock(), &dir, lang).await
            },
        ),
        Command::Report(args) if args.print => with_store_or_till(
            &over,
            async |store, config, lang| {
                on_store(
                    receipt::day(Source::Store(store), config, &args, lang).await,
                    lang,
                )
            },
            async |_, config, lang| {
                let till = endpoint(config);
                receipt::day(Source::Till(&till), config, &args, lang).await
            },
        ),
        Command::Report(args) => with_store_or_till(
            &over,
            async |store, config, lang| {
                report::run(store, &config.shop_clock(), chrono::Utc::now(), &args, lang)
            },
            async |link, config, lang| {
                let now = chrono::Utc::now();
                report::from_till(link, &config.shop_clock(), now, &args, lang).await
            },
        ),
        Command::Receipt(args) => with_store_or_till(
            &over,
            async |store, config, lang| {
                on_store(
                    receipt::receipt(Source::Store(store), config, &args, lang).await,
                    lang,
                )
            },
            async |_, config, lang| {
                let till = endpoint(config);
                receipt::receipt(Source::Till(&till), config, &args, lang).await
            },
        ),
        Command::SeedDemo(args) => {
            with_store(&over, |store, _, lang| seed_demo::run(store, &args, lang))
        }
        // `send --wait` follows its order with the poller, like the counter screen.
        // Through a till, `send` is never tried again here: the till may have sent it.
        Command::Send(args) => with_session_or_till(
            &over,
            args.wait,
            async |session, lang| send::run(session, &args, lang).await,
            async |link, _, lang| send::from_till(link, &args, lang).await,
            AfterLost::Open(Message::new(MsgId::TillLostSale).text("phone", clean(&args.phone))),
        ),
        Command::Sync(args) => with_session_or_till(
            &over,
            false,
            async |session, lang| sync::run(session, &args, lang).await,
            async |link, config, lang| {
                sync::from_till(link, &config.shop_clock(), &args, lang).await
            },
            AfterLost::RunHere,
        ),
        Command::Plans(args) => with_session_or_till(
            &over,
            false,
            async |session, lang| plans::run(session, &args, lang).await,
            async |link, _, lang| plans::from_till(link, &args, lang).await,
            AfterLost::RunHere,
        ),
        Command::Internet(InternetCommand::Products(args)) => with_session_or_till(
            &over,
            false,
            async |session, lang| internet::products(session, &args, lang).await,
            async |link, config, lang| {
                internet::products_from_till(link, &config.pricing, &args, lang).await
            },
            AfterLost::RunHere,
        ),
        Command::Internet(InternetCommand::Check(args)) => with_session_or_till(
            &over,
            false,
            async |session, lang| internet::check(session, &args, lang).await,
            async |link, _, lang| internet::check_from_till(link, &args, lang).await,
            AfterLost::RunHere,
        ),
        Command::Internet(InternetCommand::Send(args)) => with_session_or_till(
            &over,
            args.wait,
            async |session, lang| internet::send(session, &args, lang).await,
            async |link, _, lang| internet::send_from_till(link, &args, lang).await,
            AfterLost::Open(Message::new(MsgId::TillLostSale).text("phone", clean(&args.number))),
        ),
    };
    ExitCode::from(code)
}

/// Runs `command` with what every command past `config` starts with: the settings, the log
/// (cron jobs such as `sync` leave a trace in the same file as the counter screen, and it stays
/// open until the command is done), the language and a runtime.
fn prepared(over: &Overrides, command: impl AsyncFnOnce(Config, Lang) -> u8) -> u8 {
    let config = match Config::load(over) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_ERROR, &language_without_file(over).f(&e.message())),
    };
    let logging = crate::logging::init(
        &config.log_dir(),
        crate::logging::Fallback::Stderr,
        config.log_retention_days,
    );
    let lang = config.language.lang;
    if let Some(warning) = &logging.warning {
        eprintln!("flexy-pos: {}", lang.f(&warning.message()));
    }
    match crate::session::runtime() {
        Ok(runtime) => runtime.block_on(command(config, lang)),
        Err(e) => {
            let m = Message::new(MsgId::CliNoRuntime).text("error", e);
            fail(EXIT_ERROR, &lang.f(&m))
        }
    }
}

/// A command on the order store alone, no API.
fn with_store(over: &Overrides, run: impl FnOnce(&Store, &Config, Lang) -> u8) -> u8 {
    prepared(over, async |config, lang| match open_store(&config) {
        Ok(store) => run(&store, &config, lang),
        Err(e) => fail(EXIT_ERROR, &lang.f(&e.message())),
    })
}

/// How long a command whose till went away waits for the store it held to be free.
const STORE_FREED_WITHIN: Duration = Duration::from_secs(5);

/// The endpoint of the till that would hold this config's store.
fn endpoint(config: &Config) -> Endpoint {
    Endpoint::for_store(&config.store_dir())
}

/// A command on the order store alone, no API: its own store when it is free, else the till
/// holding it. A till that goes away mid-request: the command reads the store itself.
fn with_store_or_till(
    over: &Overrides,
    here: impl AsyncFnOnce(&Store, &Config, Lang) -> u8,
    there: impl AsyncFnOnce(Link, &Config, Lang) -> Result<u8, LinkError>,
) -> u8 {
    prepared(over, async |config, lang| {
        let locked = match open_store(&config) {
            Ok(store) => return here(&store, &config, lang).await,
            Err(e) if e.is_locked() => e,
            Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
        };
        let link = match Link::connect(&endpoint(&config)).await {
            Ok(link) => link,
            Err(_) => return fail(EXIT_ERROR, &lang.f(&locked.message())),
        };
        match there(link, &config, lang).await {
            Ok(code) => code,
            Err(lost @ LinkError::Lost(_)) => {
                tracing::warn!("{lost}; reading the store here");
                match open_store_when_freed(&config).await {
                    Ok(store) => here(&store, &config, lang).await,
                    Err(e) => fail(EXIT_ERROR, &lang.f(&e.message())),
                }
            }
            Err(e) => fail(EXIT_ERROR, &lang.f(&e.message())),
        }
    })
}

/// A command's result on its own store, where no till can go away.
fn on_store(result: Result<u8, LinkError>, lang: Lang) -> u8 {
    result.unwrap_or_else(|e| fail(EXIT_ERROR, &lang.f(&e.message())))
}

/// The store a till that just went away held, once the system has let go of it.
async fn open_store_when_freed(config: &Config) -> Result<Store, StoreError> {
    let deadline = tokio::time::Instant::now() + STORE_FREED_WITHIN;
    loop {
        match open_store(config) {
            Err(e) if e.is_locked() && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            other => return other,
        }
    }
}

/// What a command does when the till it asked goes away before answering.
enum AfterLost {
    /// Run here, on its own session (what it does can be done twice).
    RunHere,
    /// Say this and stop with [`EXIT_OPEN`] (a sale: the till may have sent it).
    Open(Message),
}

/// A command on a full session (store, API client, lifecycle, with the background poller or
/// without; shut down after it) when the store is free, else the till holding the store
/// answers.
fn with_session_or_till(
    over: &Overrides,
    poller: bool,
    here: impl AsyncFnOnce(&Session, Lang) -> u8,
    there: impl AsyncFnOnce(Link, &Config, Lang) -> Result<u8, LinkError>,
    after_lost: AfterLost,
) -> u8 {
    prepared(over, async |config, lang| {
        let session = match Session::start(config.clone(), poller).await {
            Ok(s) => s,
            Err(SessionError::Store(locked)) if locked.is_locked() => {
                let link = match Link::connect(&endpoint(&config)).await {
                    Ok(link) => link,
                    Err(_) => return fail(EXIT_ERROR, &lang.f(&locked.message())),
                };
                match (there(link, &config, lang).await, after_lost) {
                    (Ok(code), _) => return code,
                    (Err(e @ LinkError::Lost(_)), AfterLost::Open(what)) => {
                        let m = Message::new(MsgId::TillLostOpen)
                            .msg_of("error", e.message())
                            .msg_of("what", what);
                        return fail(EXIT_OPEN, &lang.f(&m));
                    }
                    (Err(lost @ LinkError::Lost(_)), AfterLost::RunHere) => {
                        tracing::warn!("{lost}; running here");
                        if let Err(e) = open_store_when_freed(&config).await {
                            return fail(EXIT_ERROR, &lang.f(&e.message()));
                        }
                        match Session::start(config, poller).await {
                            Ok(s) => s,
                            Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
                        }
                    }
                    (Err(e), _) => return fail(EXIT_ERROR, &lang.f(&e.message())),
                }
            }
            Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
        };
        // A command that holds the store a while (`send --wait`, with its poller) serves the
        // others meanwhile: two `send --wait` run side by side.
        let channel = match poller {
            true => serve_session(&session, false).await,
            false => None,
        };
        let code = here(&session, lang).await;
        if let Some(channel) = channel {
            // Sales others made through it are followed to their end (or their timeout).
            let longest = Duration::from_secs(crate::cli::MAX_WAIT_SECS + 60);
            channel.shutdown_within(longest).await;
        }
        session.shutdown().await;
        code
    })
}

/// Prints a sanitized error line on stderr and gives back `code`.
fn fail(code: u8, message: &str) -> u8 {
    eprintln!("flexy-pos: {}", clean(message));
    code
}
