//! A slip laid out for the paper: an order, or the day's books, as lines of at most `columns`
//! characters, each already in the order it prints (left to right). The on-screen preview and
//! the printer both use these lines, so the preview is exactly the paper.
//!
//! Words come from the catalogues in the language in force. Arabic is shaped and put in visual
//! order by the text layer ([`crate::text::layout`]); an Arabic slip is mirrored (labels on the
//! right, values on the left), and numbers, money, refs and codes stay left to right.

use crate::books::{Report, words};
use crate::config::ShopInfo;
use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::{OrderRecord, OrderState};
use crate::text::{self, BidiMode, Direction, display_width};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// How a line prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Normal,
    /// Bold (`ESC E 1`): the shop's name, the copy mark, what to give back, a recharge code.
    Bold,
}

/// One printed line: `text` left to right as it prints (shaped, visual order), never wider
/// than the slip's columns (a right-to-left line is padded on the left).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipLine {
    pub text: String,
    pub emphasis: Emphasis,
}

/// A slip: its lines at its width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    pub columns: usize,
    pub lines: Vec<SlipLine>,
}

impl Slip {
    /// The slip as plain text, one line a row (the preview and the README's sample).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(l.text.trim_end());
            out.push('\n');
        }
        out
    }
}

/// What every slip needs besides its order or report.
#[derive(Clone, Debug)]
pub struct SlipContext<'a> {
    pub shop: &'a ShopInfo,
    pub lang: Lang,
    /// The shop's time zone: every time on the slip is its local time.
    pub timezone: Tz,
    /// Characters a line holds (32 on 58 mm paper, 48 on 80 mm).
    pub columns: usize,
}

/// A reprint: the slip says it is a copy, and when it was printed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyMark {
    pub at: DateTime<Utc>,
}

/// Lines being laid out.
struct Builder<'a> {
    ctx: &'a SlipContext<'a>,
    direction: Direction,
    lines: Vec<SlipLine>,
}

impl<'a> Builder<'a> {
    fn new(ctx: &'a SlipContext<'a>) -> Builder<'a> {
        Builder {
            ctx,
            direction: if ctx.lang.is_rtl() {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
            lines: Vec::new(),
        }
    }

    fn t(&self, id: MsgId) -> &'static str {
        self.ctx.lang.t(id)
    }

    fn f(&self, m: &Message) -> String {
        self.ctx.lang.f(m)
    }

    fn time(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.ctx.timezone)
            .format(self.ctx.lang.dates().day_minute)
            .to_string()
    }

    /// `text` laid out at the slip's width: wrapped, shaped, in visual order.
    fn visual(&self, text: &str) -> Vec<String> {
        let text = super::codepage::printable(text);
        let text = match self.direction {
            Direction::Rtl => text::keep_numbers_whole(&text).into_owned(),
            Direction::Ltr => text,
        };
        text::layout(&text, self.ctx.columns, BidiMode::App)
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    fn push(&mut self, text: String, emphasis: Emphasis) {
        self.lines.push(SlipLine { text, emphasis });
    }

    /// Padded so that `text` ends at the right edge.
    fn right(&self, text: &str) -> String {
        let pad = self.ctx.columns.saturating_sub(display_width(text));
        format!("{}{text}", " ".repeat(pad))
    }

    fn centered(&mut self, text: &str, emphasis: Emphasis) {
        for line in self.visual(text) {
            let pad = self.ctx.columns.saturating_sub(display_width(&line)) / 2;
            self.push(format!("{}{line}", " ".repeat(pad)), emphasis);
        }
    }

    /// A paragraph aligned to the slip's start (the right edge in Arabic).
    fn paragraph(&mut self, text: &str, emphasis: Emphasis) {
        for line in self.visual(text) {
            let line = match self.direction {
                Direction::Rtl => self.right(&line),
                Direction::Ltr => line,
            };
            self.push(line, emphasis);
        }
    }

    /// `label: value` on one line, the label at the start and the value at the end; on two
    /// lines (the value at the end) when both do not fit.
    fn field(&mut self, label: MsgId, value: &str, emphasis: Emphasis) {
        let label = self.ctx.lang.label(label);
        let mut value = text::sanitize_line(value);
        // A ref wider than the paper breaks after its terminal id (`7eyrgp3x-` / the rest),
        // not in the middle of a word.
        if display_width(&value) > self.ctx.columns && !value.contains(' ') {
            value = value.replacen('-', "- ", 1);
        }
        let (l, v) = (self.visual(&label), self.visual(&value));
        let one = |lines: &[String]| (lines.len() == 1).then(|| lines[0].clone());
        if let (Some(l), Some(v)) = (one(&l), one(&v)) {
            let gap =
                self.ctx.columns as isize - display_width(&l) as isize - display_width(&v) as isize;
            if gap >= 1 {
                let pad = " ".repeat(gap.unsigned_abs());
                let line = match self.direction {
                    Direction::Ltr => format!("{l}{pad}{v}"),
                    Direction::Rtl => format!("{v}{pad}{l}"),
                };
                self.push(line, emphasis);
                return;
            }
        }
        self.paragraph(&label, emphasis);
        for line in v {
            let line = match self.direction {
                Direction::Ltr => self.right(&line),
                Direction::Rtl => line,
            };
            self.push(line, emphasis);
        }
    }

    fn rule(&mut self) {
        self.push("-".repeat(self.ctx.columns), Emphasis::Normal);
    }

    fn heading(&mut self) {
        let shop = self.ctx.shop;
        if !shop.name.is_empty() {
            self.centered(&shop.name, Emphasis::Bold);
        }
        if !shop.address.is_empty() {
            self.centered(&shop.address, Emphasis::Normal);
        }
    }

    fn copy_mark(&mut self, copy: Option<CopyMark>) {
        if let Some(c) = copy {
            let mark = self.f(&Message::new(MsgId::ReceiptCopy).text("time", self.time(c.at)));
            self.centered(&mark, Emphasis::Bold);
        }
    }

    fn done(self) -> Slip {
        Slip {
            columns: self.ctx.columns,
            lines: self.lines,
        }
    }
}

/// The slip of one order: the shop, the time, the operator, the number, the plan, the amount,
/// the price collected, the status, the ref and OneClickDz's id; an internet top-up's proof
/// once FULFILLED; what to give back once REFUNDED. `copy` marks a reprint.
pub fn order_slip(rec: &OrderRecord, ctx: &SlipContext<'_>, copy: Option<CopyMark>) -> Slip {
    let mut b = Builder::new(ctx);
    b.heading();
    b.rule();
    b.centered(b.t(MsgId::ReceiptTitle), Emphasis::Bold);
    b.copy_mark(copy);
    b.rule();
    b.field(
        MsgId::ReceiptDate,
        &b.time(rec.created_at),
        Emphasis::Normal,
    );
    b.field(
        MsgId::ReceiptOperator,
        &rec.line.to_string(),
        Emphasis::Normal,
    );
    b.field(MsgId::ReceiptNumber, &rec.phone, Emphasis::Normal);
    let plan = if rec.plan_name.is_empty() || rec.plan_name == rec.plan_code {
        rec.plan_code.clone()
    } else {
        format!("{} ({})", rec.plan_name, rec.plan_code)
    };
    b.field(MsgId::ReceiptPlan, &plan, Emphasis::Normal);
    b.field(
        MsgId::ReceiptAmount,
        &rec.amount.to_string(),
        Emphasis::Normal,
    );
    let price = crate::ledger::Cell::of(rec).price;
    if rec.price.is_some() {
        b.field(MsgId::ReceiptPrice, &price.to_string(), Emphasis::Normal);
    }
    b.field(MsgId::ReceiptStatus, b.t(rec.state.word()), Emphasis::Bold);
    b.field(MsgId::ReceiptRef, &rec.reference, Emphasis::Normal);
    if let Some(id) = &rec.topup_id {
        b.field(MsgId::ReceiptTopupId, id, Emphasis::Normal);
    }
    if let Some((code, num_trans, date)) = rec.internet_proof() {
        b.rule();
        b.field(MsgId::ProofCardCode, code, Emphasis::Bold);
        if !num_trans.is_empty() {
            b.field(MsgId::ProofNumTrans, num_trans, Emphasis::Normal);
        }
        if !date.is_empty() {
            b.field(MsgId::ProofDate, date, Emphasis::Normal);
        }
    }
    if rec.state == OrderState::Refunded {
        b.rule();
        let back = b.f(&Message::new(MsgId::ReceiptGiveBack).text("sum", price));
        b.paragraph(&back, Emphasis::Bold);
        if let Some(why) = rec.refund_message() {
            b.paragraph(&text::sanitize(why), Emphasis::Normal);
        }
    }
    b.rule();
    b.copy_mark(copy);
    b.done()
}

/// The close of a day (or of a range): the books' lines, each line's orders and cash, and the
/// refunds to give back.
pub fn day_slip(r: &Report, ctx: &SlipContext<'_>, printed_at: DateTime<Utc>) -> Slip {
    let mut b = Builder::new(ctx);
    b.heading();
    b.rule();
    b.centered(b.t(MsgId::ReceiptDayTitle), Emphasis::Bold);
    b.centered(&words::period(&r.period), Emphasis::Bold);
    b.field(
        MsgId::ReceiptPrintedAt,
        &b.time(printed_at),
        Emphasis::Normal,
    );
    b.rule();
    for (id, value) in words::lines(&r.total) {
        b.field(id, &value(&r.total), Emphasis::Normal);
    }
    if !r.by_line.is_empty() {
        b.rule();
        for (line, t) in &r.by_line {
            b.paragraph(&line.to_string(), Emphasis::Bold);
            b.field(MsgId::BooksOrders, &t.orders.to_string(), Emphasis::Normal);
            b.field(
                MsgId::BooksCollected,
                &t.collected_total.to_string(),
                Emphasis::Normal,
            );
        }
    }
    b.rule();
    b.paragraph(b.t(MsgId::BooksRefundsHeading), Emphasis::Bold);
    if r.refunds.is_empty() {
        b.paragraph(b.t(MsgId::BooksNoRefunds), Emphasis::Normal);
    }
    for refund in &r.refunds {
        let at = refund
            .at
            .with_timezone(&ctx.timezone)
            .format("%H:%M")
            .to_string();
        let line = format!("{at} {} {}", refund.phone, refund.price);
        b.paragraph(&line, Emphasis::Normal);
    }
    if r.refunds_unlisted > 0 {
        let more = b.f(&Message::new(MsgId::BooksMoreRefunds).num("n", r.refunds_unlisted));
        b.paragraph(&more, Emphasis::Normal);
    }
    b.rule();
    b.done()
}
