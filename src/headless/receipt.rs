//! `flexy-pos receipt REF` (an order's slip) and `flexy-pos report --print` (the day's close
//! on paper). Exit 0: printed (or previewed); 1: no printer, the printer failed (the slip can
//! be printed again), or the store; 2: a `--printer` that names no printer, or no such ref.
//!
//! The order, its print count and the books come from the command's own store, or from the
//! till holding it; the slip is printed here either way, on this command's printer.

use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, fail};
use crate::books::{Period, Report};
use crate::cli::{ReceiptArgs, ReportArgs};
use crate::config::{Config, PrinterTarget};
use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::OrderRecord;
use crate::receipt::{self, PrintError};
use crate::rules::ShopClock;
use crate::store::{PrintCount, Store};
use crate::till_channel::protocol::{Answer, Ask};
use crate::till_channel::{Endpoint, Link, LinkError};
use chrono::{DateTime, Utc};

/// Where the order, its prints and the books are.
pub(super) enum Source<'a> {
    /// The command's own store.
    Store(&'a Store),
    /// The till holding the store (one request per connection).
    Till(&'a Endpoint),
}

/// Why a source gave nothing: its own error (worded), or the till went away.
enum Failed {
    Said(Message),
    Link(LinkError),
}

impl Source<'_> {
    async fn ask(endpoint: &Endpoint, ask: Ask) -> Result<Answer, Failed> {
        let link = Link::connect(endpoint).await.map_err(Failed::Link)?;
        match link.ask(ask).await.map_err(Failed::Link)? {
            Answer::Failed(m) => Err(Failed::Said(m)),
            other => Ok(other),
        }
    }

    async fn order(&self, reference: &str) -> Result<Option<(OrderRecord, PrintCount)>, Failed> {
        match self {
            Source::Store(store) => super::fetch_receipt(store, reference).map_err(Failed::Said),
            Source::Till(endpoint) => {
                let reference = reference.to_string();
                match Self::ask(endpoint, Ask::Receipt { reference }).await? {
                    Answer::Receipt(found) => Ok(*found),
                    other => Err(garbled(&other)),
                }
            }
        }
    }

    async fn count(&self, reference: &str, at: DateTime<Utc>) -> Result<PrintCount, Failed> {
        match self {
            Source::Store(store) => {
                super::count_receipt(store, reference, at).map_err(Failed::Said)
            }
            Source::Till(endpoint) => {
                let reference = reference.to_string();
                match Self::ask(endpoint, Ask::CountPrint { reference, at }).await? {
                    Answer::Printed(count) => Ok(count),
                    other => Err(garbled(&other)),
                }
            }
        }
    }

    async fn report(&self, clock: &ShopClock, period: Period) -> Result<Report, Failed> {
        match self {
            Source::Store(store) => super::fetch_report(store, clock, period).map_err(Failed::Said),
            Source::Till(endpoint) => match Self::ask(endpoint, Ask::Report { period }).await? {
                Answer::Report(r) => Ok(*r),
                other => Err(garbled(&other)),
            },
        }
    }
}

fn garbled(answer: &Answer) -> Failed {
    Failed::Link(LinkError::Garbled(format!("{answer:?}")))
}

/// The order of `reference` and its prints, from a store (the command's own, or the till's).
pub fn fetch_receipt(
    store: &Store,
    reference: &str,
) -> Result<Option<(OrderRecord, PrintCount)>, Message> {
    let Some(rec) = store
        .get_by_ref(reference.trim())
        .map_err(|e| e.message())?
    else {
        return Ok(None);
    };
    let prints = store.prints(rec.key).map_err(|e| e.message())?;
    Ok(Some((rec, prints)))
}

/// Counts one print of the slip of `reference`, at `at`.
pub fn count_receipt(
    store: &Store,
    reference: &str,
    at: DateTime<Utc>,
) -> Result<PrintCount, Message> {
    let Some(rec) = store
        .get_by_ref(reference.trim())
        .map_err(|e| e.message())?
    else {
        return Err(Message::new(MsgId::ReceiptNotFound).text("ref", reference.trim()));
    };
    store.count_print(rec.key, at).map_err(|e| e.message())
}

/// `--printer`, else config.toml's printer; `Err` is the exit code (the error is printed).
fn target(flag: Option<&str>, config: &Config, lang: Lang) -> Result<PrinterTarget, u8> {
    match flag {
        Some(flag) => PrinterTarget::from_flag(flag)
            .ok_or_else(|| fail(EXIT_INVALID, lang.t(MsgId::ReceiptBadPrinterFlag))),
        None => config
            .printer
            .target
            .clone()
            .ok_or_else(|| fail(EXIT_ERROR, &lang.f(&PrintError::NoPrinter.message()))),
    }
}

/// A source's failure: its words and exit 1, or the lost till handed back to the caller.
fn failed(f: Failed, lang: Lang) -> Result<u8, LinkError> {
    match f {
        Failed::Said(m) => Ok(fail(EXIT_ERROR, &lang.f(&m))),
        Failed::Link(e) => Err(e),
    }
}

/// `flexy-pos receipt`. `Err`: the till went away before anything was printed.
pub(super) async fn receipt(
    source: Source<'_>,
    config: &Config,
    args: &ReceiptArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let reference = args.reference.trim();
    let (rec, prints) = match source.order(reference).await {
        Ok(Some(found)) => found,
        Ok(None) => {
            let m = Message::new(MsgId::ReceiptNotFound).text("ref", reference);
            return Ok(fail(EXIT_INVALID, &lang.f(&m)));
        }
        Err(f) => return failed(f, lang),
    };
    let ctx = receipt::context(config, lang);
    let now = Utc::now();
    let slip = receipt::order_slip_now(&rec, prints, &ctx, args.copy, now);
    if args.preview {
        print!("{}", slip.text());
        return Ok(EXIT_OK);
    }
    let target = match target(args.printer.as_deref(), config, lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let shown = target.to_string();
    if let Err(e) = receipt::print_slip(&slip, target, &config.printer).await {
        return Ok(fail(EXIT_ERROR, &lang.f(&e.message())));
    }
    // Printed: from here a lost till is not retried (that would print the slip again).
    match source.count(&rec.reference, now).await {
        Ok(count) => {
            let m = Message::new(MsgId::ReceiptPrinted)
                .text("ref", &rec.reference)
                .text("printer", shown)
                .text("count", count.count);
            println!("{}", lang.f(&m));
            Ok(EXIT_OK)
        }
        Err(f) => {
            let why = match f {
                Failed::Said(m) => m,
                Failed::Link(e) => e.message(),
            };
            let m = Message::new(MsgId::PrintNotCounted).msg_of("error", why);
            Ok(fail(EXIT_ERROR, &lang.f(&m)))
        }
    }
}

/// `report --print`: the books of the period as a close-of-day slip.
pub(super) async fn day(
    source: Source<'_>,
    config: &Config,
    args: &ReportArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let clock = config.shop_clock();
    let now = Utc::now();
    let period = match super::report::period_of(args, &clock, now) {
        Ok(p) => p,
        Err(e) => return Ok(fail(EXIT_INVALID, &lang.f(&e))),
    };
    let target = match target(args.printer.as_deref(), config, lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let r = match source.report(&clock, period).await {
        Ok(r) => r,
        Err(f) => return failed(f, lang),
    };
    let slip = receipt::day_slip(&r, &receipt::context(config, lang), now);
    let shown = target.to_string();
    match receipt::print_slip(&slip, target, &config.printer).await {
        Ok(()) => {
            let m = Message::new(MsgId::ReceiptDayPrinted)
                .text("period", crate::books::words::period(&period))
                .text("printer", shown);
            println!("{}", lang.f(&m));
            Ok(EXIT_OK)
        }
        Err(e) => Ok(fail(EXIT_ERROR, &lang.f(&e.message()))),
    }
}
