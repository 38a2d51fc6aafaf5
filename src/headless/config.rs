//! `flexy-pos config`.

use super::{EXIT_ERROR, EXIT_OK, report};
use crate::cli::ConfigArgs;
use crate::config::{Config, ConfigError, EXAMPLE_CONFIG, Mode};

/// `flexy-pos config`: the resolved settings (key masked) or the example file.
pub fn config(loaded: Result<Config, ConfigError>, args: &ConfigArgs) -> u8 {
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
    match &c.terminal {
        Some(t) => println!("terminal id:      {} (from {})", t.id, t.source()),
        None => println!(
            "terminal id:      (kept in the order store; a till with a key copies it here)"
        ),
    }
    println!("poll interval:    {} s", c.poll_interval.as_secs());
    println!("unknown recheck:  {} min", c.unknown_recheck.as_secs() / 60);
    println!("plans max age:    {} h", c.plans_max_age.as_secs() / 3600);
    println!("time zone:        {}", c.timezone.name());
    println!(
        "pricing:          +{}% rounded up to {} DA",
        c.pricing.markup_percent, c.pricing.round_up_to
    );
    EXIT_OK
}
