//! `flexy-pos sync`.

use super::output::{clean, order_line};
use super::{EXIT_ERROR, EXIT_OK, EXIT_OPEN, report};
use crate::cli::SyncArgs;
use crate::orders::SyncReport;
use crate::session::Session;
use std::time::Duration;

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
