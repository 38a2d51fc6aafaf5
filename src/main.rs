//! `flexy-pos`: the counter app (no subcommand), the sandbox emulator, and headless commands.

use clap::Parser;
use flexy_pos::cli::{Cli, Command, GlobalArgs, SandboxArgs};
use flexy_pos::config::{Config, language_without_file};
use flexy_pos::emulator::{self, DEFAULT_SANDBOX_KEY, EmulatorConfig, FaultConfig};
use flexy_pos::i18n::{Message, MsgId};
use flexy_pos::logging::Fallback;
use flexy_pos::money::Dzd;
use flexy_pos::session::{Session, runtime};
use flexy_pos::till_status::RunMode;
use flexy_pos::ui::state::UiSettings;
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => run_counter(&cli.global),
        Some(Command::Sandbox(args)) => run_sandbox(args),
        Some(command) => flexy_pos::headless::run(&cli.global, command),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("flexy-pos: {message}");
    ExitCode::FAILURE
}

/// The counter screen. Everything that can fail before the screen opens (config, a store held
/// by another instance, a damaged store) is printed plainly and exits non-zero.
fn run_counter(global: &GlobalArgs) -> ExitCode {
    let over = global.overrides();
    let config = match Config::load(&over) {
        Ok(c) => c,
        Err(e) => return fail(language_without_file(&over).f(&e.message())),
    };
    // The screen owns the terminal: without a log file the till runs without logs.
    let logging = flexy_pos::logging::init(
        &config.log_dir(),
        Fallback::Nothing,
        config.log_retention_days,
    );
    if let Some(warning) = &logging.warning {
        eprintln!("flexy-pos: {}", config.language.lang.f(&warning.message()));
    }
    let lang = config.language.lang;
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(lang.f(&Message::new(MsgId::CliNoRuntime).text("error", e))),
    };
    rt.block_on(async move {
        let mode = RunMode::at_start(&config.mode);
        let language = config.language;
        let mut settings = UiSettings {
            price_rule: config.pricing,
            bidi: config.bidi,
            clock: config.shop_clock(),
            mode,
            lang: language.lang,
        };
        let (printer, shop) = (config.printer.clone(), config.shop.clone());
        tracing::info!(mode = mode.label(), data = %config.data_dir.display(), "starting");
        let mut session = match Session::start(config, true).await {
            Ok(s) => s,
            Err(e) => return fail(language.lang.f(&e.message())),
        };
        // The clerk's last choice with the language key, unless --lang or FLEXY_LANG say.
        let remembered = session
            .store()
            .get_setting(flexy_pos::i18n::LANGUAGE_SETTING)
            .ok()
            .flatten()
            .and_then(|code| code.parse().ok());
        settings.lang = language.with_remembered(remembered).lang;
        let settings_lang = settings.lang;
        let print = flexy_pos::ui::worker::PrintSetup::new(printer, shop, settings_lang);
        session.start_audit();
        // The commands (`orders`, `report`, `sync`, `send`, `status`) ask this till while it is open.
        let channel = flexy_pos::headless::serve_session(&session, true).await;
        let result =
            flexy_pos::ui::worker::run_counter_with(session.lifecycle().clone(), settings, print)
                .await;
        if let Some(channel) = channel {
            channel.shutdown().await;
        }
        session.shutdown().await;
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                fail(settings_lang.f(&Message::new(MsgId::CliTerminalError).text("error", e)))
            }
        }
    })
}

/// `flexy-pos sandbox`: the OneClickDz sandbox emulator in the foreground.
fn run_sandbox(args: SandboxArgs) -> ExitCode {
    let config = EmulatorConfig {
        key: args.key.unwrap_or_else(|| DEFAULT_SANDBOX_KEY.to_string()),
        balance: Dzd::from_dinars(args.balance),
        speed: args.speed,
        seed: args.seed,
        unknown_resolve_after: Duration::from_secs(args.unknown_resolve_secs),
        queued_resolve_after: Duration::from_secs(args.queued_resolve_secs),
        faults: FaultConfig {
            error_500: args.fault_500,
            error_429: args.fault_429,
            latency_ms: args.latency_ms,
            drop: args.fault_drop,
            malformed: args.fault_malformed,
            error_503: args.fault_503,
            ip_not_allowed: args.fault_ip_not_allowed,
            api_disabled: args.fault_api_disabled,
            error_413: args.fault_413,
            unknown_route: args.fault_unknown_route,
            retry_after_secs: args.retry_after_secs,
            operators_down: args.operator_down.clone(),
        },
        state_file: args.state,
        clock_offset_ms: args.clock_offset_secs.saturating_mul(1000),
        plans: None,
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    match rt.block_on(emulator::run_foreground(config, args.port)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}
