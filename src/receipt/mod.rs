//! Receipts on ESC/POS thermal printers (58 and 80 mm): the customer's slip of an order, a
//! reprint marked as a copy, and the day's close.
//!
//! - [`slip`]: pure layout, an order or a report → lines at the paper's width (the preview on
//!   screen and the printer use the same lines);
//! - [`escpos`]: lines → ESC/POS bytes (and back, for the tests);
//! - [`codepage`]: the printer's tables, PC864 for the Arabic the text layer has shaped;
//! - [`printer`]: the transports, each job with a deadline, in a task of its own.
//!
//! The store counts each order's prints ([`crate::store::PrintCount`]): every print after the
//! first is marked DUPLICATA / COPY / نسخة with the time of the reprint. A print that failed
//! is not counted, so the next one is not marked a copy.

pub mod codepage;
pub mod escpos;
pub mod printer;
pub mod slip;

pub use escpos::{Decoded, Tables, decode, encode};
pub use printer::{PrintError, deliver, spawn};
pub use slip::{CopyMark, Emphasis, Slip, SlipContext, SlipLine, day_slip, order_slip};

use crate::config::{Config, PrinterSettings, PrinterTarget};
use crate::ledger::OrderRecord;
use crate::store::{PrintCount, Store, StoreError};
use chrono::{DateTime, Utc};

impl PrinterSettings {
    /// The printer's tables as the encoder needs them.
    pub fn tables(&self) -> Tables {
        Tables {
            arabic: self.arabic_table,
            latin: self.latin_table,
        }
    }
}

/// A slip's context from the settings in force, in `lang`.
pub fn context(config: &Config, lang: crate::i18n::Lang) -> SlipContext<'_> {
    SlipContext {
        shop: &config.shop,
        lang,
        timezone: config.timezone,
        columns: config.printer.columns(),
    }
}

/// The slip of `rec` as it prints now: a copy when it was printed before (or when `copy`
/// asks for one), with the time of this print.
pub fn order_slip_now(
    rec: &OrderRecord,
    prints: PrintCount,
    ctx: &SlipContext<'_>,
    copy: bool,
    now: DateTime<Utc>,
) -> Slip {
    let mark = (copy || prints.printed()).then_some(CopyMark { at: now });
    order_slip(rec, ctx, mark)
}

/// Why an order's slip was not printed.
#[derive(Debug)]
pub enum ReceiptError {
    Print(PrintError),
    /// Printed, but the count could not be kept: the next print may not say it is a copy.
    Count(StoreError),
}

impl ReceiptError {
    pub fn message(&self) -> crate::i18n::Message {
        match self {
            ReceiptError::Print(e) => e.message(),
            ReceiptError::Count(e) => {
                crate::i18n::Message::new(crate::i18n::MsgId::PrintNotCounted)
                    .msg_of("error", e.message())
            }
        }
    }
}

/// Prints an order's slip (in its own task, with the printer's deadline) and counts the print
/// once the printer took it. Returns the count after it.
pub async fn print_order(
    store: &Store,
    rec: &OrderRecord,
    target: PrinterTarget,
    settings: &PrinterSettings,
    ctx: &SlipContext<'_>,
    copy: bool,
    now: DateTime<Utc>,
) -> Result<PrintCount, ReceiptError> {
    let prints = store.prints(rec.key).map_err(ReceiptError::Count)?;
    let slip = order_slip_now(rec, prints, ctx, copy, now);
    let bytes = encode(&slip, settings.tables());
    match spawn(target, bytes, settings.timeout).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(ReceiptError::Print(e)),
        Err(e) => {
            return Err(ReceiptError::Print(PrintError::Write {
                error: e.to_string(),
            }));
        }
    }
    store.count_print(rec.key, now).map_err(ReceiptError::Count)
}

/// Prints a slip that is not an order's (the day's close): no count.
pub async fn print_slip(
    slip: &Slip,
    target: PrinterTarget,
    settings: &PrinterSettings,
) -> Result<(), PrintError> {
    let bytes = encode(slip, settings.tables());
    match spawn(target, bytes, settings.timeout).await {
        Ok(done) => done,
        Err(e) => Err(PrintError::Write {
            error: e.to_string(),
        }),
    }
}
