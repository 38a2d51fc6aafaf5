//! The command line: the app (no subcommand), the sandbox emulator, and headless commands.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "flexy-pos",
    version,
    about = "Keyboard-only counter terminal for OneClickDz mobile top-ups (flexy)",
    long_about = "Keyboard-only counter terminal for OneClickDz mobile top-ups (flexy).\n\n\
        With no API key configured it opens in PRACTICE mode against a built-in sandbox \
        emulator. Set ONECLICKDZ_API_KEY (or api_key in config.toml) to sell for real."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// OneClickDz API base URL (https:// unless on this machine).
    #[arg(long, global = true, env = "FLEXY_API_URL")]
    pub api_url: Option<String>,
    /// Where orders, the plan cache and logs are kept.
    #[arg(long, global = true, env = "FLEXY_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Path of config.toml (default: the platform config dir).
    #[arg(long, global = true, env = "FLEXY_CONFIG")]
    pub config: Option<PathBuf>,
    /// Use the practice emulator even if an API key is configured.
    #[arg(long, global = true)]
    pub practice: bool,
    /// Language of the screen and of the commands' text: fr, ar or en (also FLEXY_LANG).
    #[arg(long, global = true)]
    pub lang: Option<crate::i18n::Lang>,
    /// This till's terminal id (the start of its refs), e.g. on a new PC before
    /// `sync --since`. Default: the one in config.toml or the order store.
    #[arg(long = "terminal", global = true, env = "FLEXY_TERMINAL")]
    pub terminal: Option<String>,
}

impl GlobalArgs {
    /// The flags that override the environment and `config.toml`.
    pub fn overrides(&self) -> crate::config::Overrides {
        crate::config::Overrides {
            api_url: self.api_url.clone(),
            data_dir: self.data_dir.clone(),
            config_file: self.config.clone(),
            practice: self.practice,
            lang: self.lang,
            terminal_id: self.terminal.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the OneClickDz sandbox emulator on 127.0.0.1.
    Sandbox(SandboxArgs),
    /// Send one top-up (validated like the counter screen), optionally waiting for the outcome.
    Send(SendArgs),
    /// Look up order history.
    Orders(OrdersArgs),
    /// The books of a shop day or a range: cash to collect, cost, margin, refunds to give back.
    Report(ReportArgs),
    /// Print an order's slip on the receipt printer (a reprint is marked as a copy).
    Receipt(ReceiptArgs),
    /// Audit the store against OneClickDz's list (restore lost orders, correct statuses, mark
    /// other tills' orders) and reconcile every open order (for cron).
    Sync(SyncArgs),
    /// List the plans (from the cache, refreshed when old or with --refresh).
    Plans(PlansArgs),
    /// Idoom internet top-ups (Algérie Télécom ADSL and 4G): products, line check, send.
    #[command(subcommand)]
    Internet(InternetCommand),
    /// Print the resolved configuration (the API key masked) and the example config.
    Config(ConfigArgs),
    /// Whether a till (the counter screen) is running on this data folder: since when, its
    /// mode and terminal id. Exit 0 when one is, 1 when none is.
    Status(StatusArgs),
    /// Fill the data dir's store with generated demo orders (benchmarks, screenshots).
    #[command(hide = true)]
    SeedDemo(SeedArgs),
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Scales every delay: 10 makes the 5 s/15 s timeline take 0.5 s/1.5 s.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Seed for fault injection and UNKNOWN_ERROR outcomes (deterministic runs).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The API key the emulator accepts (default printed at start).
    #[arg(long)]
    pub key: Option<String>,
    /// Starting balance in DA.
    #[arg(long, default_value_t = 100_000)]
    pub balance: i64,
    /// Keep the emulator's state (balance, orders) in this file across restarts.
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Seconds (before --speed scaling) until an UNKNOWN_ERROR order resolves.
    #[arg(long, default_value_t = 3600)]
    pub unknown_resolve_secs: u64,
    /// Seconds (before --speed scaling) an internet top-up stays QUEUED (the docs: 12–48 h).
    #[arg(long, default_value_t = 12 * 3600)]
    pub queued_resolve_secs: u64,
    /// Report this operator down on /v3/ping (mobilis, djezzy, ooredoo, mobilisFixedPlans);
    /// may be repeated. Also `POST /__emulator/faults {"operators_down": [...]}`.
    #[arg(long, value_name = "OPERATOR")]
    pub operator_down: Vec<String>,
    /// Rate (0–1) of injected HTTP 500 answers.
    #[arg(long, default_value_t = 0.0)]
    pub fault_500: f64,
    /// Rate (0–1) of injected HTTP 429 answers.
    #[arg(long, default_value_t = 0.0)]
    pub fault_429: f64,
    /// Rate (0–1) of dropped connections.
    #[arg(long, default_value_t = 0.0)]
    pub fault_drop: f64,
    /// Rate (0–1) of malformed bodies.
    #[arg(long, default_value_t = 0.0)]
    pub fault_malformed: f64,
    /// Rate (0–1) of HTTP 503 SERVICE_UNAVAILABLE answers.
    #[arg(long, default_value_t = 0.0)]
    pub fault_503: f64,
    /// Rate (0–1) of HTTP 403 IP_NOT_ALLOWED answers (IP not on the key's whitelist).
    #[arg(long, default_value_t = 0.0)]
    pub fault_ip_not_allowed: f64,
    /// Rate (0–1) of HTTP 403 API_DISABLED answers.
    #[arg(long, default_value_t = 0.0)]
    pub fault_api_disabled: f64,
    /// Rate (0–1) of HTTP 413 PAYLOAD_TOO_LARGE answers.
    #[arg(long, default_value_t = 0.0)]
    pub fault_413: f64,
    /// Rate (0–1) of bare 404 answers, as for a route the server does not know.
    #[arg(long, default_value_t = 0.0)]
    pub fault_unknown_route: f64,
    /// Retry-After of injected 429s, in seconds (default: 5 s divided by --speed).
    #[arg(long)]
    pub retry_after_secs: Option<u64>,
    /// The server's clock ahead of this machine's by this many seconds (negative: behind), for
    /// trying a till whose clock is wrong.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub clock_offset_secs: i64,
    /// Added latency range in ms, e.g. 50-300.
    #[arg(long, value_parser = parse_range, default_value = "0-0")]
    pub latency_ms: (u64, u64),
}

fn parse_range(s: &str) -> Result<(u64, u64), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let a: u64 = a
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not N or N-M"))?;
    let b: u64 = b
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not N or N-M"))?;
    if a > b {
        return Err(format!(
            "'{s}': the first number must not exceed the second"
        ));
    }
    Ok((a, b))
}

/// The longest `--timeout` of `send --wait` and `sync --wait`: a day. A wait is a deadline on
/// the monotonic clock, and a number of seconds near 2^64 would overflow it after the order
/// was sent; clap refuses it before anything is written.
pub const MAX_WAIT_SECS: u64 = 86_400;

fn wait_timeout() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(0..=MAX_WAIT_SECS)
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Plan code, e.g. PREPAID_MOBILIS.
    #[arg(long)]
    pub plan: String,
    /// Phone number (0XXXXXXXXX, +213…, spaces and dashes allowed).
    #[arg(long)]
    pub phone: String,
    /// Amount in DA (dynamic plans).
    #[arg(long)]
    pub amount: Option<String>,
    /// Poll until the order reaches a final state (or UNKNOWN_ERROR).
    #[arg(long)]
    pub wait: bool,
    /// Give up waiting after this many seconds, at most a day (the order keeps being tracked).
    #[arg(long, default_value_t = 300, value_parser = wait_timeout())]
    pub timeout: u64,
    /// Print the order as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `flexy-pos internet …`.
#[derive(Debug, Subcommand)]
pub enum InternetCommand {
    /// The values on sale for ADSL or 4G, with the shop's price (cache, refreshed when old).
    Products(InternetProductsArgs),
    /// Ask OneClickDz whether a number is a line it can top up (nothing is sold).
    Check(InternetCheckArgs),
    /// Send one internet top-up (validated like the counter screen), optionally waiting.
    Send(InternetSendArgs),
}

/// `ADSL` or `4G` (any case; `4GLTE` too).
fn parse_internet_type(s: &str) -> Result<crate::rules::InternetType, String> {
    crate::rules::InternetType::parse(s).ok_or_else(|| format!("'{s}' is not ADSL or 4G"))
}

#[derive(Debug, Args)]
pub struct InternetProductsArgs {
    /// ADSL or 4G.
    #[arg(long = "type", value_parser = parse_internet_type)]
    pub kind: crate::rules::InternetType,
    /// Fetch the list from the API now.
    #[arg(long)]
    pub refresh: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InternetCheckArgs {
    /// ADSL or 4G.
    #[arg(long = "type", value_parser = parse_internet_type)]
    pub kind: crate::rules::InternetType,
    /// The line's number: ADSL 0XXXXXXXX, 4G 213XXXXXXXXX (+213…, spaces allowed).
    #[arg(long)]
    pub number: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InternetSendArgs {
    /// ADSL or 4G.
    #[arg(long = "type", value_parser = parse_internet_type)]
    pub kind: crate::rules::InternetType,
    /// The line's number: ADSL 0XXXXXXXX, 4G 213XXXXXXXXX (+213…, spaces allowed).
    #[arg(long)]
    pub number: String,
    /// The value in DA: one of `internet products`.
    #[arg(long)]
    pub value: String,
    /// Poll until the order is final or QUEUED.
    #[arg(long)]
    pub wait: bool,
    /// Give up waiting after this many seconds (the order keeps being tracked).
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
    /// Print the order as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OrdersArgs {
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long = "ref")]
    pub reference: Option<String>,
    /// fulfilled, refunded, unknown, pending, handling, refused, unconfirmed, not_sent…
    #[arg(long)]
    pub status: Option<String>,
    /// A day, YYYY-MM-DD, on the shop's clock (the `timezone` setting, Africa/Algiers by default).
    #[arg(long)]
    pub day: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// One JSON object per line per order.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// RFC 4180 CSV with a header row (UTF-8), for spreadsheets.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One shop day: YYYY-MM-DD, today or yesterday (default: today).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub day: Option<String>,
    /// First day of a range (YYYY-MM-DD, today, yesterday).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of a range, included (default with --from: today).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    /// One JSON object.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// The report's lines as RFC 4180 CSV (a header row, one line per operator and the total).
    #[arg(long)]
    pub csv: bool,
    /// Print the books as a close-of-day slip on the receipt printer.
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    pub print: bool,
    /// With --print: the printer to use instead of config.toml's: file:PATH or tcp:HOST:PORT.
    #[arg(long, requires = "print")]
    pub printer: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The order's ref.
    #[arg(value_name = "REF")]
    pub reference: String,
    /// The printer to use instead of config.toml's: file:PATH or tcp:HOST:PORT.
    #[arg(long)]
    pub printer: Option<String>,
    /// Mark the slip as a copy even if it was never printed.
    #[arg(long)]
    pub copy: bool,
    /// Show the slip as it would print, at the paper's width; print nothing.
    #[arg(long, conflicts_with = "printer")]
    pub preview: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Keep reconciling until no order is open or --timeout passes.
    #[arg(long)]
    pub wait: bool,
    /// Give up waiting after this many seconds, at most a day.
    #[arg(long, default_value_t = 600, value_parser = wait_timeout())]
    pub timeout: u64,
    /// Audit OneClickDz's list from this day (YYYY-MM-DD, the shop's clock) instead of the
    /// last 48 hours: on a new PC, `--since 2025-01-01` rebuilds the history.
    #[arg(long)]
    pub since: Option<String>,
    /// Print the reconciliation summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PlansArgs {
    /// Fetch the plans from the API now.
    #[arg(long)]
    pub refresh: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the example config.toml instead.
    #[arg(long)]
    pub example: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[arg(long, default_value_t = 10_000)]
    pub orders: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        assert_eq!(parse_range("50-300"), Ok((50, 300)));
        assert_eq!(parse_range("7"), Ok((7, 7)));
        assert!(parse_range("9-1").is_err());
    }
}
