//! `flexy-pos internet products | check | send`: Idoom internet top-ups (ADSL, 4G) from the
//! command line, through the same gate, store and lifecycle as the counter screen.
//!
//! Exit codes: those of `send` (see the module table), plus 7 for an order QUEUED at Algérie
//! Télécom (12–48 h: not a failure; do not refund, do not resend). `check`: 0 the line can be
//! topped up, 2 a number of the wrong format, 3 OneClickDz refused the line (`ERR_PHONE`), 1
//! no clear answer.

use super::output::clean;
use super::send::invalid_text;
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_REFUSED, fail};
use crate::api::types::InternetType;
use crate::cli::{InternetCheckArgs, InternetProductsArgs, InternetSendArgs};
use crate::i18n::{self, Lang, Message, MsgId};
use crate::orders::Lifecycle;
use crate::orders::internet::internet_quote;
use crate::orders::{InvalidOrder, LineCheckError, NewInternetOrder, OrderError};
use crate::rules::InternetNumber;
use crate::rules::PriceRule;
use crate::session::Session;
use crate::till_channel::protocol::{LineAnswer, ProductsShown, RefreshError, SendAnswer};
use crate::till_channel::{Answer, Ask, Link, LinkError};
use chrono::Utc;
use serde_json::json;
use std::time::Duration;

/// `internet products`: the values on sale, with the shop's price.
pub async fn products(session: &Session, args: &InternetProductsArgs, lang: Lang) -> u8 {
    let lc = session.lifecycle();
    let shown = fetch_internet_products(lc, args.kind, args.refresh).await;
    show_products(shown, lc.pricing(), args, lang)
}

/// `internet products` answered by the till holding the store (its cache, its API client);
/// the prices are the shop's, from the same config.
pub(super) async fn products_from_till(
    link: Link,
    pricing: &PriceRule,
    args: &InternetProductsArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let ask = Ask::InternetProducts {
        kind: args.kind,
        refresh: args.refresh,
    };
    let shown = match link.ask(ask).await? {
        Answer::InternetProducts(p) => Ok(*p),
        Answer::Failed(m) => Err(m),
        other => return Err(LinkError::Garbled(format!("{other:?}"))),
    };
    Ok(show_products(shown, pricing, args, lang))
}

/// The products of one type from a lifecycle (the command's own, or the till's).
pub async fn fetch_internet_products(
    lc: &Lifecycle,
    kind: InternetType,
    refresh: bool,
) -> Result<ProductsShown, Message> {
    let catalogue = lc.internet_catalogue();
    let snap = if refresh {
        catalogue.refresh(kind).await
    } else {
        catalogue.get(kind).await
    };
    snap.map(ProductsShown::of).map_err(|e| e.message())
}

fn show_products(
    shown: Result<ProductsShown, Message>,
    pricing: &PriceRule,
    args: &InternetProductsArgs,
    lang: Lang,
) -> u8 {
    let snap = match shown {
        Ok(s) => s,
        Err(m) => return fail(EXIT_ERROR, &lang.f(&m)),
    };
    print_products(pricing, &snap, args.json, lang);
    match (&snap.refresh_error, args.refresh) {
        (Some(e), true) => fail(
            EXIT_ERROR,
            &lang.f(&Message::new(MsgId::CliPlansRefreshFailed).msg_of("error", e.message.clone())),
        ),
        _ => EXIT_OK,
    }
}

fn print_products(pricing: &PriceRule, snap: &ProductsShown, as_json: bool, lang: Lang) {
    let kind = snap.products.kind;
    if as_json {
        let items: Vec<_> = snap
            .products
            .products
            .iter()
            .map(|p| {
                json!({
                    "value": p.value,
                    "cost": p.cost,
                    "available": p.available,
                    "price": internet_quote(pricing, p).price,
                })
            })
            .collect();
        let out = json!({
            "type": kind.api_name(),
            "product": crate::rules::Product::Internet(kind).label(),
            "fetched_at": snap.fetched_at.to_rfc3339(),
            "from_cache": snap.from_cache,
            "refresh_error": snap.refresh_error.as_ref().map(|e| clean(&e.line)),
            "products": items,
        });
        println!("{out}");
        return;
    }
    let source = lang.t(if snap.from_cache {
        MsgId::CliPlansFromCache
    } else {
        MsgId::CliPlansFromApi
    });
    let header = Message::new(MsgId::CliInternetHeader)
        .text("product", kind.name())
        .text("source", source)
        .text("age", lang.f(&i18n::age(Utc::now() - snap.fetched_at)));
    println!("{}", lang.f(&header));
    for p in &snap.products.products {
        let cost = p.cost.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
        let row = Message::new(MsgId::CliInternetRow)
            .text("value", p.value)
            .text("cost", cost)
            .text("price", internet_quote(pricing, p).price);
        let off = if p.available {
            String::new()
        } else {
            format!("  {}", lang.t(MsgId::CliNotOnSale))
        };
        println!("  {}{off}", lang.f(&row));
    }
}

/// The line as typed, read as its type's number; a bad one: its exit code.
fn line_of(args: &InternetCheckArgs, lang: Lang) -> Result<InternetNumber, u8> {
    InternetNumber::parse(args.kind, &args.number).map_err(|e| {
        let why = invalid_text(&InvalidOrder::Line(e));
        let m = Message::new(MsgId::CliNothingSent).msg_of("reason", why);
        fail(EXIT_INVALID, &lang.f(&m))
    })
}

/// `internet check`: whether OneClickDz can top up the line (nothing is sold).
pub async fn check(session: &Session, args: &InternetCheckArgs, lang: Lang) -> u8 {
    let number = match line_of(args, lang) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let answer = check_internet_line(session.lifecycle(), &number).await;
    show_check(answer, &number, args, lang)
}

/// `internet check` asked of the till holding the store (its API client).
pub(super) async fn check_from_till(
    link: Link,
    args: &InternetCheckArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let number = match line_of(args, lang) {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let ask = Ask::InternetCheck {
        kind: args.kind,
        number: number.as_str().to_string(),
    };
    match link.ask(ask).await? {
        Answer::LineChecked(a) => Ok(show_check(*a, &number, args, lang)),
        other => Err(LinkError::Garbled(format!("{other:?}"))),
    }
}

/// What OneClickDz says of a line, asked on a lifecycle (the command's own, or the till's).
pub async fn check_internet_line(lc: &Lifecycle, number: &InternetNumber) -> LineAnswer {
    match lc.check_line(number).await {
        Ok(found) => LineAnswer::Found(found),
        Err(LineCheckError::Refused(e)) => LineAnswer::Refused(RefreshError::of(&e)),
        Err(LineCheckError::Unclear(e)) => LineAnswer::Unclear(RefreshError::of(&e)),
    }
}

fn show_check(
    answer: LineAnswer,
    number: &InternetNumber,
    args: &InternetCheckArgs,
    lang: Lang,
) -> u8 {
    let product = args.kind.name();
    match answer {
        LineAnswer::Found(found) => {
            if args.json {
                let out = json!({
                    "type": args.kind.api_name(),
                    "number": number.as_str(),
                    "ok": true,
                    "ncli": found.ncli.as_deref().map(clean),
                    "offre": found.offre.as_deref().map(clean),
                    "line_type": found.kind.as_deref().map(clean),
                });
                println!("{out}");
            } else {
                let m = Message::new(MsgId::CliLineOk)
                    .text("product", product)
                    .text("number", number.as_str());
                println!("{}", lang.f(&m));
                if let Some(offre) = &found.offre {
                    println!("    {} {}", lang.label(MsgId::CliLineOffer), clean(offre));
                }
                if let Some(ncli) = &found.ncli {
                    println!(
                        "    {} {}",
                        lang.label(MsgId::CliLineSubscriber),
                        clean(ncli)
                    );
                }
            }
            EXIT_OK
        }
        LineAnswer::Refused(e) => {
            if args.json {
                let out = json!({
                    "type": args.kind.api_name(),
                    "number": number.as_str(),
                    "ok": false,
                    "error": clean(&e.line),
                });
                println!("{out}");
            }
            let m = Message::new(MsgId::CliLineRefused)
                .text("product", product)
                .text("number", number.as_str())
                .msg_of("error", e.message);
            fail(EXIT_REFUSED, &lang.f(&m))
        }
        LineAnswer::Unclear(e) => {
            let m = Message::new(MsgId::CliLineUnclear).msg_of("error", e.message);
            fail(EXIT_ERROR, &lang.f(&m))
        }
    }
}

/// `internet send`: check the line, validate, store, send; with `--wait` follow the order
/// until it is final or QUEUED.
pub async fn send(session: &Session, args: &InternetSendArgs, lang: Lang) -> u8 {
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let answer = place_internet_order(session.lifecycle(), &new_order(args), wait).await;
    super::send::print_send(answer, wait.is_some(), args.json, lang)
}

/// `internet send` through the till holding the store.
pub(super) async fn send_from_till(
    link: Link,
    args: &InternetSendArgs,
    lang: Lang,
) -> Result<u8, LinkError> {
    let ask = Ask::InternetSend {
        order: new_order(args),
        wait_secs: args.wait.then_some(args.timeout),
    };
    match link.ask(ask).await? {
        Answer::Send(answer) => Ok(super::send::print_send(*answer, args.wait, args.json, lang)),
        other => Err(LinkError::Garbled(format!("{other:?}"))),
    }
}

fn new_order(args: &InternetSendArgs) -> NewInternetOrder {
    NewInternetOrder {
        kind: args.kind,
        number: args.number.clone(),
        value: args.value.clone(),
    }
}

/// Validates an internet sale typed as text, checks the line (the docs ask for it before
/// every internet sale: a refused line is refused here, nothing written or charged; no clear
/// answer proves nothing, the send decides), places it and, with `wait`, follows it until it
/// is final or QUEUED: on the command's lifecycle or the till's.
pub async fn place_internet_order(
    lc: &Lifecycle,
    req: &NewInternetOrder,
    wait: Option<Duration>,
) -> SendAnswer {
    let valid = match lc.validate_internet(req).await {
        Ok(v) => v,
        Err(OrderError::Invalid(why)) => return SendAnswer::Invalid(invalid_text(&why)),
        Err(e) => return SendAnswer::Failed(e.message()),
    };
    if let Err(LineCheckError::Refused(e)) = lc.check_line(&valid.number).await {
        let m = Message::new(MsgId::CliLineRefused)
            .text("product", req.kind.name())
            .text("number", valid.number.as_str())
            .msg_of("error", e.message());
        return SendAnswer::LineRefused(m);
    }
    let placed = lc.place_internet(valid).await;
    super::send::settle(lc, placed, wait).await
}
