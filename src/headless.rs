//! Headless commands for scripts, reports and tests: `send`, `orders`, `sync`, `plans`,
//! `config`, `seed-demo`. Same config, store and lifecycle as the counter screen; with no key
//! they run against the practice emulator (its state persists, so a later `sync` sees the same
//! orders).
//!
//! # Exit codes
//! | code | `send` | `orders` | `sync` | others |
//! |---|---|---|---|---|
//! | 0 | FULFILLED (with `--wait`), accepted (without); a GETMENU answered with offers | listed | nothing left open | done |
//! | 1 | other error (config, store locked or damaged, plans unavailable…) | error | error | error |
//! | 2 | invalid input (phone, plan, amount): nothing written or sent | bad filter | — | bad input |
//! | 3 | REFUSED by the API: nothing charged | | | |
//! | 4 | REFUNDED: refund the customer | | | |
//! | 5 | still open: UNKNOWN_ERROR, unconfirmed, or `--timeout` passed (do NOT resend) | | orders remain open | |
//! | 6 | NOT_SENT: never reached OneClickDz, nothing charged | | | |

use crate::cli::{
    Command, ConfigArgs, GlobalArgs, OrdersArgs, PlansArgs, SeedArgs, SendArgs, SyncArgs,
};
use crate::config::{Config, EXAMPLE_CONFIG, Mode};
use crate::orders::{
    NewOrder, OrderError, OrderRecord, OrderState, PlanSnapshot, SyncReport, human_age,
};
use crate::session::{Session, open_store};
use crate::store::{OrderQuery, Store};
use chrono::{NaiveDate, Utc};
use serde_json::{Value, json};
use std::process::ExitCode;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub const EXIT_OK: u8 = 0;
pub const EXIT_ERROR: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_REFUSED: u8 = 3;
pub const EXIT_REFUNDED: u8 = 4;
pub const EXIT_OPEN: u8 = 5;
pub const EXIT_NOT_SENT: u8 = 6;

/// Runs one headless command (everything but `sandbox`, which the emulator serves).
pub fn run(global: &GlobalArgs, command: Command) -> ExitCode {
    let over = global.overrides();
    if let Command::Config(args) = &command {
        return ExitCode::from(config(Config::load(&over), args));
    }
    let config = match Config::load(&over) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_ERROR, &e.to_string()),
    };
    // Cron jobs (`sync`) leave a trace in the same log file as the counter screen.
    let logging = crate::logging::init(&config.log_dir(), crate::logging::Fallback::Stderr);
    if let Some(warning) = &logging.warning {
        eprintln!("flexy-pos: warning: {warning}");
    }
    let runtime = match crate::session::runtime() {
        Ok(r) => r,
        Err(e) => return fail(EXIT_ERROR, &format!("cannot start the async runtime: {e}")),
    };
    let code = runtime.block_on(async move {
        match command {
            Command::Orders(args) => match open_store(&config) {
                Ok(store) => orders(&store, &args),
                Err(e) => report(EXIT_ERROR, &e.to_string()),
            },
            Command::SeedDemo(args) => match open_store(&config) {
                Ok(store) => seed_demo(&store, &args),
                Err(e) => report(EXIT_ERROR, &e.to_string()),
            },
            Command::Config(_) | Command::Sandbox(_) => {
                report(EXIT_ERROR, "this command is not a headless command")
            }
            command => {
                // `send --wait` follows its order with the poller, like the counter screen.
                let poller = matches!(&command, Command::Send(a) if a.wait);
                let session = match Session::start(config, poller).await {
                    Ok(s) => s,
                    Err(e) => return report(EXIT_ERROR, &e.to_string()),
                };
                let code = match &command {
                    Command::Send(args) => send(&session, args).await,
                    Command::Sync(args) => sync(&session, args).await,
                    Command::Plans(args) => plans(&session, args).await,
                    _ => EXIT_ERROR,
                };
                session.shutdown().await;
                code
            }
        }
    });
    ExitCode::from(code)
}

fn report(code: u8, message: &str) -> u8 {
    eprintln!("flexy-pos: {}", clean(message));
    code
}

fn fail(code: u8, message: &str) -> ExitCode {
    ExitCode::from(report(code, message))
}

// -------------------------------------------------------------------------------------------
// send

/// `flexy-pos send`: validate, store, send; with `--wait` follow the order until it settles.
pub async fn send(session: &Session, args: &SendArgs) -> u8 {
    let lc = session.lifecycle();
    let mut events = lc.subscribe();
    let req = NewOrder {
        phone: args.phone.clone(),
        plan_code: args.plan.clone(),
        amount: args.amount.clone(),
        price: None,
    };
    let mut rec = match lc.place(&req).await {
        Ok(r) => r,
        Err(OrderError::Invalid(e)) => {
            return report(EXIT_INVALID, &format!("{e}; nothing was sent"));
        }
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    if args.wait && !settled(&rec) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(args.timeout);
        lc.check_soon(&rec.reference);
        loop {
            match tokio::time::timeout_at(deadline, events.recv()).await {
                Err(_) => break,
                Ok(Ok(r)) if r.reference == rec.reference => rec = r,
                Ok(Ok(_)) => continue,
                Ok(Err(RecvError::Lagged(_))) => {
                    if let Ok(Some(r)) = session.store().get_by_ref(&rec.reference) {
                        rec = r;
                    }
                }
                Ok(Err(RecvError::Closed)) => break,
            }
            if settled(&rec) {
                break;
            }
        }
    }
    print_order(&rec, args.json);
    send_exit_code(&rec, args.wait)
}

/// Final, or UNKNOWN_ERROR (which takes hours): `--wait` stops there.
fn settled(rec: &OrderRecord) -> bool {
    rec.state.is_final() || rec.state == OrderState::UnknownError
}

/// The exit code of `send` for the order as it stands (see the module table).
pub fn send_exit_code(rec: &OrderRecord, waited: bool) -> u8 {
    match &rec.state {
        OrderState::Fulfilled => EXIT_OK,
        OrderState::Refunded if is_menu_answer(rec) => EXIT_OK,
        OrderState::Refunded => EXIT_REFUNDED,
        OrderState::Refused { .. } => EXIT_REFUSED,
        OrderState::NotSent => EXIT_NOT_SENT,
        OrderState::Sent | OrderState::Pending | OrderState::Handling if !waited => EXIT_OK,
        _ => EXIT_OPEN,
    }
}

/// A GETMENU order's normal answer: REFUNDED (nothing kept) with the number's offers.
fn is_menu_answer(rec: &OrderRecord) -> bool {
    rec.plan_kind == crate::api::types::PlanKind::GetMenu && !rec.suggested_offers().is_empty()
}

// -------------------------------------------------------------------------------------------
// orders

/// `flexy-pos orders`: newest first, filtered by the store's indexes, at most `--limit`.
pub fn orders(store: &Store, args: &OrdersArgs) -> u8 {
    let query = match orders_query(args) {
        Ok(q) => q,
        Err(e) => return report(EXIT_INVALID, &e),
    };
    let page = match store.page(&query, None, args.limit.max(1)) {
        Ok(p) => p,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    for rec in &page.orders {
        print_order(rec, args.json);
    }
    for d in &page.damaged {
        eprintln!(
            "flexy-pos: skipped an unreadable order: {}",
            clean(&d.detail)
        );
    }
    if !args.json && page.orders.is_empty() {
        eprintln!("no orders match");
    }
    EXIT_OK
}

/// Algeria's clock, east of UTC (UTC+1, no daylight saving time): `--day` is a shop day.
pub const ALGERIA_UTC_OFFSET_SECS: i32 = 3600;

/// Turns the command-line filters into a store query, refusing bad ones with a reason.
pub fn orders_query(args: &OrdersArgs) -> Result<OrderQuery, String> {
    let mut q = OrderQuery::default();
    if let Some(p) = &args.phone {
        let digits: String = p
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.'))
            .collect();
        let digits = digits
            .strip_prefix("+213")
            .map(|rest| format!("0{rest}"))
            .unwrap_or(digits);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 10 {
            return Err(format!(
                "--phone '{p}': give the digits of a number (0XXXXXXXXX or its beginning)"
            ));
        }
        q.phone = Some(digits);
    }
    if let Some(r) = &args.reference {
        q.reference = Some(r.trim().to_string());
    }
    if let Some(s) = &args.status {
        q.status = Some(OrderState::code_for_label(s).ok_or_else(|| {
            format!(
                "--status '{s}' is not a status; use one of: fulfilled, refunded, unknown, pending, \
                 handling, sent, saved, refused, unconfirmed, not_sent"
            )
        })?);
    }
    if let Some(d) = &args.day {
        // The shop's day: Algeria is UTC+1 all year (no daylight saving time).
        q.day_offset_secs = ALGERIA_UTC_OFFSET_SECS;
        q.day = Some(
            NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| format!("--day '{d}' is not a date like 2025-03-01"))?,
        );
    }
    Ok(q)
}

// -------------------------------------------------------------------------------------------
// sync

/// `flexy-pos sync`: reconcile every open order once (or until settled with `--wait`).
pub async fn sync(session: &Session, args: &SyncArgs) -> u8 {
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let report_ = match crate::orders::sync(session.lifecycle(), wait).await {
        Ok(r) => r,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    print_sync_report(&report_);
    if report_.still_open.is_empty() {
        EXIT_OK
    } else {
        EXIT_OPEN
    }
}

fn print_sync_report(r: &SyncReport) {
    println!(
        "sync: {} open at start, {} checks, {} settled, {} still open",
        r.started_open,
        r.checks,
        r.settled.len(),
        r.still_open.len()
    );
    for rec in &r.settled {
        println!("  settled  {}", order_line(rec));
    }
    for rec in &r.still_open {
        println!("  open     {}", order_line(rec));
    }
    for (reference, error) in &r.errors {
        println!("  error    {reference}: {}", clean(error));
    }
}

// -------------------------------------------------------------------------------------------
// plans

/// `flexy-pos plans`: the plan list (cache, refreshed when old or with `--refresh`).
pub async fn plans(session: &Session, args: &PlansArgs) -> u8 {
    let sync = session.lifecycle().plans();
    let snap = if args.refresh {
        sync.refresh().await
    } else {
        sync.get().await
    };
    let snap = match snap {
        Ok(s) => s,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    print_plans(&snap, args.json);
    match (&snap.refresh_error, args.refresh) {
        (Some(e), true) => report(
            EXIT_ERROR,
            &format!("refresh failed, the list above is the cache: {e}"),
        ),
        (Some(e), false) => {
            eprintln!(
                "flexy-pos: warning: could not refresh the plans ({}); using the cache",
                clean(e)
            );
            EXIT_OK
        }
        _ => EXIT_OK,
    }
}

fn print_plans(snap: &PlanSnapshot, as_json: bool) {
    let now = Utc::now();
    if as_json {
        let out = json!({
            "fetched_at": snap.fetched_at.to_rfc3339(),
            "age_seconds": snap.age(now).num_seconds().max(0),
            "from_cache": snap.from_cache,
            "refresh_error": snap.refresh_error.as_deref().map(clean),
            "dynamicPlans": snap.data.dynamic_plans,
            "fixedPlans": snap.data.fixed_plans,
        });
        println!("{out}");
        return;
    }
    let source = if snap.from_cache { "cache" } else { "API" };
    println!(
        "{} plans from the {source}, fetched {} ago",
        snap.data.all().count(),
        human_age(snap.age(now))
    );
    for p in snap.data.all() {
        let amount = match (p.min_amount, p.max_amount, p.amount) {
            (Some(lo), Some(hi), _) => format!("{lo} – {hi}"),
            (_, _, Some(a)) => a.to_string(),
            _ => "?".to_string(),
        };
        let enabled = if p.is_enabled { "" } else { "  (disabled)" };
        println!(
            "  {:<20} {:<9} {:<8} {:<22} {}{enabled}",
            clean(&p.code),
            clean(&p.operator),
            p.kind().to_string(),
            amount,
            clean(&p.name)
        );
    }
}

// -------------------------------------------------------------------------------------------
// config, seed-demo

/// `flexy-pos config`: the resolved settings (key masked) or the example file.
pub fn config(loaded: Result<Config, crate::config::ConfigError>, args: &ConfigArgs) -> u8 {
    if args.example {
        print!("{EXAMPLE_CONFIG}");
        return EXIT_OK;
    }
    let c = match loaded {
        Ok(c) => c,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    let path = c
        .config_file
        .as_ref()
        .map(|p| {
            let note = if p.exists() {
                ""
            } else {
                " (not present: defaults used)"
            };
            format!("{}{note}", p.display())
        })
        .unwrap_or_else(|| "(none)".into());
    println!("config file:      {path}");
    println!("data dir:         {}", c.data_dir.display());
    println!("order store:      {}", c.store_dir().display());
    match &c.mode {
        Mode::Practice { speed, balance } => {
            println!("mode:             PRACTICE (no API key: built-in sandbox emulator)");
            println!("practice:         speed x{speed}, starting balance {balance} DA");
            println!("practice state:   {}", c.practice_state_file().display());
        }
        Mode::Live { api_url, key } => {
            println!("mode:             LIVE");
            println!("api url:          {api_url}");
            println!("api key:          {}", key.masked());
        }
    }
    println!("poll interval:    {} s", c.poll_interval.as_secs());
    println!("unknown recheck:  {} min", c.unknown_recheck.as_secs() / 60);
    println!("plans max age:    {} h", c.plans_max_age.as_secs() / 3600);
    println!(
        "pricing:          +{}% rounded up to {} DA",
        c.pricing.markup_percent, c.pricing.round_up_to
    );
    EXIT_OK
}

/// `flexy-pos seed-demo`: fills the store of the current mode with generated orders.
pub fn seed_demo(store: &Store, args: &SeedArgs) -> u8 {
    match crate::store::generate_demo_orders(store, args.orders, args.seed) {
        Ok(n) => {
            println!("added {n} demo orders");
            EXIT_OK
        }
        Err(e) => report(EXIT_ERROR, &e.to_string()),
    }
}

// -------------------------------------------------------------------------------------------
// output

fn print_order(rec: &OrderRecord, as_json: bool) {
    if as_json {
        println!("{}", order_json(rec));
    } else {
        println!("{}", order_line(rec));
        if let Some(m) = rec.refund_message() {
            println!("    message: {}", clean(m));
        }
        for o in rec.suggested_offers() {
            println!(
                "    offer:   {} {} ({})",
                clean(&o.plan_code),
                o.amount,
                clean(&o.typename)
            );
        }
        if !rec.state.is_final()
            && let Some(e) = &rec.last_error
        {
            println!("    last error: {}", clean(e));
        }
    }
}

/// One human line: state, ref, phone, plan, amount, charge.
pub fn order_line(rec: &OrderRecord) -> String {
    let charged = match net_charged(rec) {
        Some(c) => format!("charged {c}"),
        None => "charge unknown".to_string(),
    };
    let mut line = format!(
        "{:<13} {}  {}  {}  {}  {charged}",
        rec.state.label(),
        rec.reference,
        rec.phone,
        clean(&rec.plan_code),
        rec.amount
    );
    if let OrderState::Refused { code, message } = &rec.state {
        line.push_str(&format!("  ({}: {})", clean(code), clean(message)));
    }
    line
}

/// What the shop's balance is out for this order according to the API: zero when refunded,
/// refused or never sent; the API's `balance_amount` otherwise; unknown before the API said.
pub fn net_charged(rec: &OrderRecord) -> Option<crate::money::Dzd> {
    match rec.state {
        OrderState::Refunded | OrderState::Refused { .. } | OrderState::NotSent => {
            Some(crate::money::Dzd::ZERO)
        }
        _ => rec.api.as_ref().and_then(|a| a.balance_amount),
    }
}

/// One order as a JSON object (`orders --json`, `send --json`). Server text is sanitized.
pub fn order_json(rec: &OrderRecord) -> Value {
    let api = rec.api.as_ref();
    let (refused_code, refused_message) = match &rec.state {
        OrderState::Refused { code, message } => (Some(clean(code)), Some(clean(message))),
        _ => (None, None),
    };
    let offers: Vec<Value> = rec
        .suggested_offers()
        .iter()
        .map(|o| json!({"typename": clean(&o.typename), "plan_code": clean(&o.plan_code), "amount": o.amount}))
        .collect();
    json!({
        "ref": rec.reference,
        "topup_id": rec.topup_id,
        "phone": rec.phone,
        "operator": rec.operator.name(),
        "plan_code": rec.plan_code,
        "plan_name": clean(&rec.plan_name),
        "plan_kind": rec.plan_kind.to_string(),
        "amount": rec.amount,
        "price": rec.price,
        "expected_cost": rec.expected_cost,
        "charged": net_charged(rec),
        "status": rec.state.label(),
        "final": rec.state.is_final(),
        "api_status": api.map(|a| clean(a.status.as_str())),
        "topup_amount": api.and_then(|a| a.topup_amount),
        "balance_amount": api.and_then(|a| a.balance_amount),
        "refund_message": rec.refund_message().map(clean),
        "suggested_offers": offers,
        "refused_code": refused_code,
        "refused_message": refused_message,
        "created_at": rec.created_at.to_rfc3339(),
        "updated_at": rec.updated_at.to_rfc3339(),
        "send_attempts": rec.send_attempts,
        "checks": rec.checks,
        "last_error": rec.last_error.as_deref().map(clean),
    })
}

/// Server text made safe for a one-line terminal field (escape sequences, controls and bidi
/// controls removed, line breaks folded).
pub fn clean(s: &str) -> String {
    crate::text::sanitize_line(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_escapes_and_overrides_but_keeps_arabic() {
        let s = "\u{1b}[31mhi\u{202E}تم\u{9b}2J\nok";
        assert_eq!(clean(s), "hiتم ok");
    }

    #[test]
    fn bad_filters_are_refused_with_a_reason() {
        let base = OrdersArgs {
            phone: None,
            reference: None,
            status: None,
            day: None,
            limit: 10,
            json: false,
        };
        let a = OrdersArgs {
            status: Some("bogus".into()),
            ..base_clone(&base)
        };
        assert!(orders_query(&a).unwrap_err().contains("not a status"));
        let a = OrdersArgs {
            day: Some("2025-13-01".into()),
            ..base_clone(&base)
        };
        assert!(orders_query(&a).unwrap_err().contains("not a date"));
        let a = OrdersArgs {
            phone: Some("06x".into()),
            ..base_clone(&base)
        };
        assert!(orders_query(&a).is_err());
        let a = OrdersArgs {
            phone: Some("+213 661".into()),
            status: Some("unknown".into()),
            day: Some("2025-03-01".into()),
            ..base_clone(&base)
        };
        let q = orders_query(&a).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(7));
        assert_eq!(q.day_offset_secs, 3600, "--day is an Algerian day");
    }

    fn base_clone(a: &OrdersArgs) -> OrdersArgs {
        OrdersArgs {
            phone: a.phone.clone(),
            reference: a.reference.clone(),
            status: a.status.clone(),
            day: a.day.clone(),
            limit: a.limit,
            json: a.json,
        }
    }
}
