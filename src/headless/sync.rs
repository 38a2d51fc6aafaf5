//! `flexy-pos sync`: the audit against OneClickDz's list, then the reconcile of open orders.
//! The logic lives in [`crate::orders::audit`] and [`crate::orders::sync`]; this file reads
//! the flags and prints.

use super::output::{clean, order_line};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_OPEN, report};
use crate::cli::SyncArgs;
use crate::orders::audit::{AuditOptions, AuditProgress, AuditReport, DEFAULT_WINDOW_HOURS};
use crate::orders::{OrderRecord, SyncReport};
use crate::session::Session;
use chrono::{NaiveDate, Utc};
use serde_json::{Value, json};
use std::time::Duration;

/// `flexy-pos sync`: audit the store against OneClickDz's list (last 48 h or `--since`), then
/// reconcile every open order once (or until settled with `--wait`). Exit: 5 when orders
/// remain open, else 1 when the audit stopped early, else 0.
pub async fn sync(session: &Session, args: &SyncArgs) -> u8 {
    let options = match &args.since {
        None => AuditOptions::last_hours(DEFAULT_WINDOW_HOURS, Utc::now()),
        Some(d) => match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
            Ok(day) => match AuditOptions::since_day(day, session.config().timezone) {
                Ok(o) => o,
                Err(e) => return report(EXIT_INVALID, &format!("--since '{d}': {e}")),
            },
            Err(_) => {
                return report(
                    EXIT_INVALID,
                    &format!("--since '{d}' is not a date like 2025-01-01"),
                );
            }
        },
    };
    let lc = session.lifecycle();
    let mut progress = ProgressLine::on_terminal();
    let audit = lc.audit(&options, &mut |p| progress.show(p)).await;
    progress.finish();
    let audit = match audit {
        Ok(a) => a,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let reconciled = match crate::orders::sync(lc, wait).await {
        Ok(r) => r,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    if args.json {
        println!("{}", sync_json(&audit, &reconciled));
    } else {
        print_audit_report(&audit);
        print_sync_report(&reconciled);
    }
    if !reconciled.still_open.is_empty() {
        EXIT_OPEN
    } else if audit.incomplete.is_some() {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// "page 3/12 · 150 checked · 3 restored · 20 external" on stderr, rewritten in place, only
/// when stderr is a terminal (a pipe or a log file gets nothing extra).
struct ProgressLine {
    on: bool,
    shown: bool,
}

impl ProgressLine {
    fn on_terminal() -> ProgressLine {
        use std::io::IsTerminal;
        ProgressLine {
            on: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    fn show(&mut self, p: &AuditProgress) {
        if self.on {
            eprint!(
                "\r\x1b[Kaudit: page {}/{} · {} checked · {} restored · {} external",
                p.pages_read, p.total_pages, p.checked, p.restored, p.external
            );
            self.shown = true;
        }
    }

    fn finish(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}

fn print_audit_report(a: &AuditReport) {
    println!(
        "audit since {}: {}",
        a.window.from().format("%Y-%m-%d %H:%M UTC"),
        a.summary()
    );
    for rec in &a.restored {
        println!("  restored   {}", order_line(rec));
    }
    for c in &a.corrected {
        println!("  corrected  {} (was {})", order_line(&c.record), c.was);
    }
    for rec in &a.unknown_to_server {
        println!(
            "  NOT IN ONECLICKDZ'S LIST  {}: accepted here but missing from the server's list; \
             do not resend, ask OneClickDz support",
            order_line(rec)
        );
    }
    for (reference, why) in &a.conflicts {
        println!("  conflict   {}: {}", clean(reference), clean(why));
    }
    for why in &a.unreadable {
        println!("  unreadable {}", clean(why));
    }
    for (reference, error) in &a.errors {
        println!("  error      {}: {}", clean(reference), clean(error));
    }
    if let Some(why) = &a.incomplete {
        println!("  the audit stopped early: {}", clean(why));
    }
}

/// `sync --json`: the audit and the reconcile in one object.
fn sync_json(a: &AuditReport, r: &SyncReport) -> Value {
    let refs = |recs: &[OrderRecord]| -> Vec<Value> {
        recs.iter().map(|o| json!(clean(&o.reference))).collect()
    };
    let mut audit = serde_json::to_value(a.summary()).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut audit {
        m.insert("restored_refs".into(), json!(refs(&a.restored)));
        m.insert(
            "corrections".into(),
            a.corrected
                .iter()
                .map(|c| json!({"ref": clean(&c.record.reference), "was": c.was, "now": c.record.state.label()}))
                .collect(),
        );
        m.insert(
            "unknown_to_server_refs".into(),
            json!(refs(&a.unknown_to_server)),
        );
        m.insert(
            "incomplete".into(),
            json!(a.incomplete.as_deref().map(clean)),
        );
    }
    json!({
        "audit": audit,
        "reconcile": {
            "started_open": r.started_open,
            "checks": r.checks,
            "settled": r.settled.len(),
            "still_open": refs(&r.still_open),
            "errors": r.errors.len(),
        },
    })
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
