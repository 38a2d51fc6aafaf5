//! `flexy-pos receipt REF` (an order's slip) and `flexy-pos report --print` (the day's close
//! on paper). Exit 0: printed (or previewed); 1: no printer, the printer failed (the slip can
//! be printed again), or the store; 2: a `--printer` that names no printer, or no such ref.

use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, fail};
use crate::cli::{ReceiptArgs, ReportArgs};
use crate::config::{Config, PrinterTarget};
use crate::i18n::{Lang, Message, MsgId};
use crate::receipt::{self, PrintError};
use crate::store::Store;
use chrono::Utc;

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

pub async fn receipt(store: &Store, config: &Config, args: &ReceiptArgs, lang: Lang) -> u8 {
    let rec = match store.get_by_ref(args.reference.trim()) {
        Ok(Some(rec)) => rec,
        Ok(None) => {
            let m = Message::new(MsgId::ReceiptNotFound).text("ref", args.reference.trim());
            return fail(EXIT_INVALID, &lang.f(&m));
        }
        Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
    };
    let ctx = receipt::context(config, lang);
    let now = Utc::now();
    if args.preview {
        let prints = match store.prints(rec.key) {
            Ok(p) => p,
            Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
        };
        print!(
            "{}",
            receipt::order_slip_now(&rec, prints, &ctx, args.copy, now).text()
        );
        return EXIT_OK;
    }
    let target = match target(args.printer.as_deref(), config, lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let shown = target.to_string();
    match receipt::print_order(store, &rec, target, &config.printer, &ctx, args.copy, now).await {
        Ok(count) => {
            let m = Message::new(MsgId::ReceiptPrinted)
                .text("ref", &rec.reference)
                .text("printer", shown)
                .text("count", count.count);
            println!("{}", lang.f(&m));
            EXIT_OK
        }
        Err(e) => fail(EXIT_ERROR, &lang.f(&e.message())),
    }
}

/// `report --print`: the books of the period as a close-of-day slip.
pub async fn day(store: &Store, config: &Config, args: &ReportArgs, lang: Lang) -> u8 {
    let clock = config.shop_clock();
    let now = Utc::now();
    let period = match super::report::period_of(args, &clock, now) {
        Ok(p) => p,
        Err(e) => return fail(EXIT_INVALID, &lang.f(&e)),
    };
    let target = match target(args.printer.as_deref(), config, lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let r = match crate::books::report(store, &clock, period) {
        Ok(r) => r,
        Err(e) => {
            let m = Message::new(MsgId::BooksFailed).msg_of("error", e.message());
            return fail(EXIT_ERROR, &lang.f(&m));
        }
    };
    let slip = receipt::day_slip(&r, &receipt::context(config, lang), now);
    let shown = target.to_string();
    match receipt::print_slip(&slip, target, &config.printer).await {
        Ok(()) => {
            let m = Message::new(MsgId::ReceiptDayPrinted)
                .text("period", crate::books::words::period(&period))
                .text("printer", shown);
            println!("{}", lang.f(&m));
            EXIT_OK
        }
        Err(e) => fail(EXIT_ERROR, &lang.f(&e.message())),
    }
}
