//! The receipt printer at the counter: a slip printed on the key or, with `auto_print`, when a
//! sale comes back FULFILLED; the preview of a slip. Every print runs in its own task with the
//! printer's deadline (the worker runs each effect on a task of its own), so a printer that is
//! off or never reads delays no sale; its outcome comes back as a notice.

use super::Worker;
use crate::books::Period;
use crate::config::{PrinterSettings, ShopInfo};
use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::{OrderRecord, OrderState};
use crate::receipt::{self, PrintError, Slip, SlipContext};
use crate::ui::msg::{Msg, SlipOf};
use crate::ui::state::Notice;
use chrono::Utc;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

/// What the worker needs to print: the printer, the shop, and the language slips printed
/// unasked (`auto_print`) are in (the screen's, kept up to date by the language key).
#[derive(Clone, Debug, Default)]
pub struct PrintSetup {
    pub printer: PrinterSettings,
    pub shop: ShopInfo,
    lang: Arc<Mutex<Lang>>,
    /// Orders printed unasked this session (a FULFILLED order is announced more than once).
    auto_printed: Arc<Mutex<HashSet<crate::ledger::OrderKey>>>,
}

impl PrintSetup {
    pub fn new(printer: PrinterSettings, shop: ShopInfo, lang: Lang) -> PrintSetup {
        PrintSetup {
            printer,
            shop,
            lang: Arc::new(Mutex::new(lang)),
            auto_printed: Arc::default(),
        }
    }

    pub(super) fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
    }

    fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Worker {
    fn slip_context(&self, lang: Lang) -> SlipContext<'_> {
        SlipContext {
            shop: &self.print.shop,
            lang,
            timezone: self.clock.zone(),
            columns: self.print.printer.columns(),
        }
    }

    /// The slip as it prints now (an order's is a copy once printed); `Err` is said already.
    async fn slip(&self, of: &SlipOf, lang: Lang) -> Result<(Slip, Option<OrderRecord>), ()> {
        let store = self.lifecycle.store().clone();
        let now = Utc::now();
        match of {
            SlipOf::Order(reference) => {
                let found = store.get_by_ref(reference).and_then(|rec| match rec {
                    Some(rec) => store.prints(rec.key).map(|p| Some((rec, p))),
                    None => Ok(None),
                });
                match found {
                    Ok(Some((rec, prints))) => {
                        let slip = receipt::order_slip_now(
                            &rec,
                            prints,
                            &self.slip_context(lang),
                            false,
                            now,
                        );
                        Ok((slip, Some(rec)))
                    }
                    Ok(None) => {
                        let m = Message::new(MsgId::ReceiptNotFound).text("ref", reference);
                        self.send(Msg::Notice(Notice::error(m)));
                        Err(())
                    }
                    Err(e) => {
                        self.send(Msg::Error(e.message()));
                        Err(())
                    }
                }
            }
            SlipOf::Books(period) => match self.books(*period) {
                Ok(r) => Ok((receipt::day_slip(&r, &self.slip_context(lang), now), None)),
                Err(e) => {
                    self.send(Msg::Error(
                        Message::new(MsgId::BooksFailed).msg_of("error", e.message()),
                    ));
                    Err(())
                }
            },
        }
    }

    fn books(&self, period: Period) -> Result<crate::books::Report, crate::store::StoreError> {
        crate::books::report(self.lifecycle.store(), &self.clock, period)
    }

    pub(super) async fn preview_slip(&self, of: SlipOf, lang: Lang) {
        if let Ok((slip, _)) = self.slip(&of, lang).await {
            let lines = slip.lines.into_iter().map(|l| l.text).collect();
            self.send(Msg::SlipPreview { of, lines });
        }
    }

    /// Prints a slip and says how it went.
    pub(super) async fn print_slip(&self, of: SlipOf, lang: Lang) {
        let Some(target) = self.print.printer.target.clone() else {
            self.send(Msg::Notice(Notice::warn(PrintError::NoPrinter.message())));
            return;
        };
        let Ok((slip, rec)) = self.slip(&of, lang).await else {
            return;
        };
        let done = receipt::print_slip(&slip, target, &self.print.printer).await;
        let notice = match (done, rec) {
            (Err(e), _) => Notice::error(e.message()),
            (Ok(()), Some(rec)) => match self.lifecycle.store().count_print(rec.key, Utc::now()) {
                Ok(count) => Notice::info(
                    Message::new(MsgId::ToastSlipPrinted)
                        .text("ref", &rec.reference)
                        .text("count", count.count),
                ),
                Err(e) => Notice::warn(receipt::ReceiptError::Count(e).message()),
            },
            (Ok(()), None) => Notice::info(Message::new(MsgId::ToastBooksPrinted)),
        };
        self.send(Msg::Notice(notice));
    }

    /// With `auto_print`: the slip of an order of this till that just became FULFILLED and was
    /// never printed, once. Runs on its own task.
    pub(super) fn auto_print(&self, rec: &OrderRecord) {
        let setup = &self.print;
        if !setup.printer.auto_print
            || setup.printer.target.is_none()
            || rec.state != OrderState::Fulfilled
            || rec.is_external()
        {
            return;
        }
        let first = setup
            .auto_printed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rec.key);
        let printed = self
            .lifecycle
            .store()
            .prints(rec.key)
            .map_or(true, |p| p.printed());
        if first && !printed {
            let worker = self.clone();
            let of = SlipOf::Order(rec.reference.clone());
            let lang = setup.lang();
            tokio::spawn(async move { worker.print_slip(of, lang).await });
        }
    }
}
