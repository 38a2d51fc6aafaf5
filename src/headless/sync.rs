//! `flexy-pos sync`.

use super::output::{clean, order_line};
use super::{EXIT_ERROR, EXIT_OK, EXIT_OPEN, report};
use crate::cli::SyncArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::orders::SyncReport;
use crate::session::Session;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// `flexy-pos sync`: reconcile every open order once (or until settled with `--wait`).
pub async fn sync(session: &Session, args: &SyncArgs, lang: Lang) -> u8 {
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let report_ = match crate::orders::sync(session.lifecycle(), wait).await {
        Ok(r) => r,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    print_sync_report(&report_, lang);
    if report_.still_open.is_empty() {
        EXIT_OK
    } else {
        EXIT_OPEN
    }
}

fn print_sync_report(r: &SyncReport, lang: Lang) {
    let summary = Message::new(MsgId::CliSyncSummary)
        .num("open", r.started_open as i64)
        .num("checks", r.checks as i64)
        .num("settled", r.settled.len() as i64)
        .num("still", r.still_open.len() as i64);
    println!("{}", lang.f(&summary));
    // The three tags padded to one column in this language.
    let tags = [
        MsgId::CliSyncSettled,
        MsgId::CliSyncOpen,
        MsgId::CliSyncError,
    ];
    let width = tags.iter().map(|t| lang.t(*t).width()).max().unwrap_or(0);
    let tag = |id: MsgId| {
        let t = lang.t(id);
        format!("{t}{}", " ".repeat(width - t.width()))
    };
    for rec in &r.settled {
        println!(
            "  {}  {}",
            tag(MsgId::CliSyncSettled),
            order_line(rec, lang)
        );
    }
    for rec in &r.still_open {
        println!("  {}  {}", tag(MsgId::CliSyncOpen), order_line(rec, lang));
    }
    for (reference, error) in &r.errors {
        println!(
            "  {}  {reference}: {}",
            tag(MsgId::CliSyncError),
            clean(error)
        );
    }
}
