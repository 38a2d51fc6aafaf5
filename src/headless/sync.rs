//! `flexy-pos sync`: the audit against OneClickDz's list, then the reconcile of open orders.
//! The logic lives in [`crate::orders::audit`] and [`crate::orders::sync`]; this file reads
//! the flags and prints.

use super::output::{clean, order_line};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_OPEN, fail};
use crate::cli::SyncArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::orders::audit::{AuditOptions, AuditProgress, AuditReport, DEFAULT_WINDOW_HOURS};
use crate::orders::{Lifecycle, OrderRecord, SyncReport};
use crate::rules::ShopClock;
use crate::session::Session;
use crate::till_channel::protocol::{AuditFrom, SyncAnswer};
use crate::till_channel::{Answer, Ask, Link, LinkError};
use chrono::Utc;
use serde_json::{Value, json};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// `flexy-pos sync`: audit the store against OneClickDz's list (last 48 h or `--since`), then
/// reconcile every open order once (or until settled with `--wait`). Exit: 5 when orders
/// remain open, else 1 when the audit stopped early, else 0.
pub async fn run(session: &Session, args: &SyncArgs, lang: Lang) -> u8 {
    let clock = session.config().shop_clock();
    let from = match audit_from(args, &clock, lang) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let mut progress = ProgressLine::on_terminal(lang);
    let done = run_sync(session.lifecycle(), &clock, from, wait, &mut |p| {
        progress.show(p)
    })
    .await;
    progress.finish();
    print_sync(done, args, lang)
}

/// `flexy-pos sync` answered by the till holding the store: it runs its audit now.
pub(super) async fn from_till(
    link: Link,
    clock: &ShopClock,
    args: &SyncArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let from = match audit_from(args, clock, lang) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    let wait_secs = args.wait.then_some(args.timeout);
    let done = match link.ask(Ask::Sync { from, wait_secs }).await? {
        Answer::Sync(s) => Ok(*s),
        Answer::Failed(m) => Err(m),
        other => return Err(LinkError::Garbled(format!("{other:?}"))),
    };
    Ok(print_sync(done, args, lang))
}

/// Where the audit starts: `--since`, or the last 48 hours. A bad day: its exit code.
fn audit_from(args: &SyncArgs, clock: &ShopClock, lang: Lang) -> Result<AuditFrom, u8> {
    match &args.since {
        None => Ok(AuditFrom::LastHours(DEFAULT_WINDOW_HOURS)),
        Some(d) => match crate::rules::parse_day(&clean(d), clock, Utc::now()) {
            // OneClickDz's list cannot start after now: say so before asking it anything.
            Ok(day) if day > clock.day_of(Utc::now()) => {
                let m = Message::new(MsgId::SyncSinceFuture).text("day", day);
                Err(fail(EXIT_INVALID, &lang.f(&m)))
            }
            Ok(day) => Ok(AuditFrom::SinceDay(day)),
            Err(e) => Err(fail(EXIT_INVALID, &lang.f(&e.message()))),
        },
    }
}

/// The audit against OneClickDz's list from `from`, then the reconcile of open orders (until
/// settled within `wait`), on a lifecycle (the command's own, or the till's).
pub async fn run_sync(
    lc: &Lifecycle,
    clock: &ShopClock,
    from: AuditFrom,
    wait: Option<Duration>,
    progress: &mut (dyn FnMut(&AuditProgress) + Send),
) -> Result<SyncAnswer, Message> {
    let options = match from {
        AuditFrom::LastHours(hours) => AuditOptions::last_hours(hours, Utc::now()),
        AuditFrom::SinceDay(day) => AuditOptions::since_day(day, clock),
    };
    let audit = lc
        .audit(&options, progress)
        .await
        .map_err(|e| Message::from(e.to_string()))?;
    let reconcile = crate::orders::sync(lc, wait)
        .await
        .map_err(|e| e.message())?;
    Ok(SyncAnswer { audit, reconcile })
}

/// Prints what `sync` did (or why it could not) and gives the exit code.
fn print_sync(done: Result<SyncAnswer, Message>, args: &SyncArgs, lang: Lang) -> u8 {
    let SyncAnswer {
        audit,
        reconcile: reconciled,
    } = match done {
        Ok(s) => s,
        Err(m) => return fail(EXIT_ERROR, &lang.f(&m)),
    };
    if args.json {
        println!("{}", sync_json(&audit, &reconciled));
    } else {
        print_audit_report(&audit, lang);
        print_sync_report(&reconciled, lang);
    }
    if !reconciled.still_open.is_empty() {
        EXIT_OPEN
    } else if audit.incomplete.is_some() {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// "audit: page 3/12 · 150 checked · 3 restored · 20 external" on stderr, rewritten in place,
/// only when stderr is a terminal (a pipe or a log file gets nothing extra).
struct ProgressLine {
    on: bool,
    shown: bool,
    lang: Lang,
}

impl ProgressLine {
    fn on_terminal(lang: Lang) -> ProgressLine {
        use std::io::IsTerminal;
        ProgressLine {
            on: std::io::stderr().is_terminal(),
            shown: false,
            lang,
        }
    }

    fn show(&mut self, p: &AuditProgress) {
        if self.on {
            let m = Message::new(MsgId::CliAuditProgress)
                .num("page", p.pages_read)
                .num("pages", p.total_pages.min(i64::MAX as u64) as i64)
                .num("checked", p.checked as i64)
                .num("restored", p.restored as i64)
                .num("external", p.external as i64);
            eprint!("\r\x1b[K{}", self.lang.f(&m));
            self.shown = true;
        }
    }

    fn finish(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}

/// The audit's summary in `lang`: counts, and what is worth a look.
fn audit_summary(a: &AuditReport, lang: Lang) -> String {
    let s = a.summary();
    let m = Message::new(MsgId::CliAuditSummary)
        .num("checked", s.checked as i64)
        .num("pages", s.pages)
        .num("restored", s.restored as i64)
        .num("corrected", s.corrected as i64)
        .num("external", s.external as i64)
        .num("new", s.external_new as i64)
        .num("unknown", s.unknown_to_server as i64);
    let mut out = lang.f(&m);
    // The parts worth a look, only when there is something to say (each with its own comma).
    if s.conflicts > 0 {
        out += &lang.f(&Message::new(MsgId::CliAuditConflicts).num("n", s.conflicts as i64));
    }
    if s.unreadable + s.errors > 0 {
        let n = (s.unreadable + s.errors) as i64;
        out += &lang.f(&Message::new(MsgId::CliAuditNotStored).num("n", n));
    }
    if !s.complete {
        out += lang.t(MsgId::CliAuditStoppedMark);
    }
    out
}

fn print_audit_report(a: &AuditReport, lang: Lang) {
    let head = Message::new(MsgId::CliAuditSince)
        .text("from", a.window.from().format("%Y-%m-%d %H:%M UTC"))
        .text("summary", audit_summary(a, lang));
    println!("{}", lang.f(&head));
    if let Some(warning) = a.twin_warning() {
        // Loud: on its own line, and on stderr too (a cron job's mail).
        println!("  {}", lang.f(&warning));
        eprintln!("flexy-pos: {}", clean(&lang.f(&warning)));
    }
    if let Some(note) = a.clock_note() {
        println!("  {}", lang.f(&note));
    }
    let tags = [
        MsgId::CliAuditRestored,
        MsgId::CliAuditCorrected,
        MsgId::CliAuditConflict,
        MsgId::CliAuditUnreadable,
        MsgId::CliSyncError,
    ];
    let width = tags.iter().map(|t| lang.t(*t).width()).max().unwrap_or(0);
    let tag = |id: MsgId| {
        let t = lang.t(id);
        format!("{t}{}", " ".repeat(width - t.width()))
    };
    for rec in &a.restored {
        println!(
            "  {} {}",
            tag(MsgId::CliAuditRestored),
            order_line(rec, lang)
        );
    }
    for c in &a.corrected {
        let m = Message::new(MsgId::CliAuditWas)
            .text("line", order_line(&c.record, lang))
            .msg("was", c.was.word());
        println!("  {} {}", tag(MsgId::CliAuditCorrected), lang.f(&m));
    }
    for rec in &a.unknown_to_server {
        let m = Message::new(MsgId::CliAuditNotInList).text("line", order_line(rec, lang));
        println!("  {}", lang.f(&m));
    }
    for (reference, conflict) in &a.conflicts {
        println!(
            "  {} {}: {}",
            tag(MsgId::CliAuditConflict),
            clean(reference),
            clean(&lang.f(&conflict.message()))
        );
    }
    for why in &a.unreadable {
        println!(
            "  {} {}",
            tag(MsgId::CliAuditUnreadable),
            clean(&lang.f(why))
        );
    }
    for (reference, error) in &a.errors {
        println!(
            "  {} {}: {}",
            tag(MsgId::CliSyncError),
            clean(reference),
            clean(&lang.f(error))
        );
    }
    if let Some(why) = &a.incomplete {
        let m = Message::new(MsgId::CliAuditStoppedEarly).msg_of("why", why.clone());
        println!("  {}", lang.f(&m));
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
                .map(|c| json!({"ref": clean(&c.record.reference), "was": c.was.label(), "now": c.record.state.label()}))
                .collect(),
        );
        m.insert(
            "unknown_to_server_refs".into(),
            json!(refs(&a.unknown_to_server)),
        );
        m.insert(
            "twin_refs".into(),
            json!(a.twin_orders.iter().map(|r| clean(r)).collect::<Vec<_>>()),
        );
        m.insert(
            "conflict_refs".into(),
            a.conflicts
                .iter()
                .map(|(reference, _)| json!(clean(reference)))
                .collect(),
        );
        m.insert(
            "incomplete".into(),
            // Machine output: the English wording, whatever the language.
            json!(a.incomplete.as_ref().map(|m| clean(&m.in_lang(Lang::En)))),
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
            "conflicts": r.conflicts.len(),
            "conflict_refs": r.conflicts.iter().map(|(reference, _)| json!(clean(reference))).collect::<Vec<_>>(),
        },
    })
}

fn print_sync_report(r: &SyncReport, lang: Lang) {
    let summary = Message::new(MsgId::CliSyncSummary)
        .num("open", r.started_open as i64)
        .num("checks", r.checks as i64)
        .num("settled", r.settled.len() as i64)
        .num("still", r.still_open.len() as i64);
    let mut line = lang.f(&summary);
    if !r.conflicts.is_empty() {
        line += &lang.f(&Message::new(MsgId::CliAuditConflicts).num("n", r.conflicts.len() as i64));
    }
    println!("{line}");
    // The tags padded to one column in this language.
    let tags = [
        MsgId::CliSyncSettled,
        MsgId::CliSyncOpen,
        MsgId::CliSyncError,
        MsgId::CliAuditConflict,
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
    for (reference, conflict) in &r.conflicts {
        println!(
            "  {}  {}: {}",
            tag(MsgId::CliAuditConflict),
            clean(reference),
            clean(&lang.f(&conflict.message()))
        );
    }
}
