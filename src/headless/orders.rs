//! `flexy-pos orders`.

use super::csv_out;
use super::output::{clean, order_json, print_order};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, fail};
use crate::cli::OrdersArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::ledger::query::FilterError;
use crate::rules::ShopClock;
use crate::store::{OrderQuery, Store};
use crate::till_channel::protocol::{OrderFilter, OrdersPage};
use crate::till_channel::{Answer, Ask, Link, LinkError};
use chrono::{DateTime, Utc};
use std::path::Path;

/// `flexy-pos orders`: newest first, filtered by the store's indexes, at most `--limit`.
pub fn run(store: &Store, args: &OrdersArgs, clock: ShopClock, lang: Lang) -> u8 {
    let query = match orders_query(args, clock, Utc::now()) {
        Ok(q) => q,
        Err(e) => return fail(EXIT_INVALID, &lang.f(&e)),
    };
    let page = fetch_orders(store, &query, args.limit);
    print_orders(page, args, store.data_dir(), lang)
}

/// `flexy-pos orders` answered by the till holding the store.
pub(super) async fn from_till(
    link: Link,
    args: &OrdersArgs,
    clock: ShopClock,
    store_dir: &Path,
    lang: Lang,
) -> Result<u8, LinkError> {
    let query = match orders_query(args, clock, Utc::now()) {
        Ok(q) => q,
        Err(e) => return Ok(fail(EXIT_INVALID, &lang.f(&e))),
    };
    let ask = Ask::Orders {
        filter: OrderFilter::of(&query),
        limit: args.limit,
    };
    let page = match link.ask(ask).await? {
        Answer::Orders(page) => Ok(page),
        Answer::Failed(m) => Err(m),
        other => return Err(LinkError::Garbled(format!("{other:?}"))),
    };
    Ok(print_orders(page, args, store_dir, lang))
}

/// One page of `orders` from a store (the command's own, or the till's).
pub fn fetch_orders(
    store: &Store,
    query: &OrderQuery,
    limit: usize,
) -> Result<OrdersPage, Message> {
    // `--limit 0` asks for no order: none is printed (the store is not asked).
    if limit == 0 {
        return Ok(OrdersPage {
            orders: Vec::new(),
            damaged: Vec::new(),
        });
    }
    match store.page(query, None, limit) {
        Ok(p) => Ok(OrdersPage {
            orders: p.orders,
            damaged: p.damaged.into_iter().map(|d| d.detail).collect(),
        }),
        Err(e) if e.is_damage() => Err(Message::new(MsgId::CliStoreDamaged)
            .msg_of("error", e.message())
            .msg("hint", MsgId::RestoreHint)),
        Err(e) => Err(e.message()),
    }
}

/// Prints a page of `orders` (or why there is none) and gives the exit code.
fn print_orders(
    page: Result<OrdersPage, Message>,
    args: &OrdersArgs,
    store_dir: &Path,
    lang: Lang,
) -> u8 {
    let page = match page {
        Ok(p) => p,
        Err(m) => return fail(EXIT_ERROR, &lang.f(&m)),
    };
    if args.csv {
        let rows: Vec<serde_json::Value> = page.orders.iter().map(order_json).collect();
        let out = std::io::stdout().lock();
        if let Err(e) = csv_out::write_rows(out, csv_out::ORDER_COLUMNS, &rows) {
            let m = Message::new(MsgId::CliCsvFailed).text("error", e);
            return fail(EXIT_ERROR, &lang.f(&m));
        }
    } else {
        for rec in &page.orders {
            print_order(rec, args.json, lang);
        }
    }
    for d in &page.damaged {
        let m = Message::new(MsgId::CliSkippedDamaged).text("detail", clean(d));
        eprintln!("flexy-pos: {}", lang.f(&m));
    }
    if !page.damaged.is_empty() {
        // A list with holes is not an answer: say so, and how to get the orders back.
        let m = Message::new(MsgId::CliDamagedNotListed)
            .msg_of(
                "count",
                Message::new(MsgId::CountOrders).num("n", page.damaged.len() as i64),
            )
            .text("dir", store_dir.display())
            .msg("hint", MsgId::RestoreHint);
        eprintln!("flexy-pos: {}", lang.f(&m));
        return EXIT_ERROR;
    }
    if !args.json && !args.csv {
        if page.orders.is_empty() {
            eprintln!("{}", lang.t(MsgId::CliNoOrders));
        } else {
            // The count on stderr: stdout stays one line per order (and its detail lines).
            let n = Message::new(MsgId::CountOrders).num("n", page.orders.len() as i64);
            eprintln!("{}", lang.f(&n));
        }
    }
    EXIT_OK
}

/// Turns the command-line filters into a store query, refusing bad ones with a reason. Each is
/// read as the history filter reads it; `--day` is a shop day of `clock` (`today` works).
pub fn orders_query(
    args: &OrdersArgs,
    clock: ShopClock,
    now: DateTime<Utc>,
) -> Result<OrderQuery, Message> {
    let mut q = OrderQuery::on(clock);
    let set = |r: Result<(), FilterError>| r.map_err(|e| e.message());
    if let Some(p) = &args.phone {
        set(q.set_phone(p))?;
    }
    if let Some(r) = &args.reference {
        q.reference = Some(r.trim().to_string());
    }
    if let Some(s) = &args.status {
        set(q.set_status(s))?;
    }
    if let Some(d) = &args.day {
        set(q.set_day(d, now))?;
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::{NaiveDate, NaiveTime, TimeZone};

    /// Algeria, as configured by default.
    fn algiers(args: &OrdersArgs) -> Result<OrderQuery, Message> {
        orders_query(args, ShopClock::algeria(), Utc::now())
    }

    #[test]
    fn bad_filters_are_refused_with_a_reason() {
        let a = OrdersArgs {
            status: Some("bogus".into()),
            ..no_filter()
        };
        assert!(
            algiers(&a)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("unknown status 'bogus'")
        );
        let a = OrdersArgs {
            day: Some("2025-13-01".into()),
            ..no_filter()
        };
        assert!(
            algiers(&a)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("'2025-13-01' is not a day")
        );
        let a = OrdersArgs {
            phone: Some("06x".into()),
            ..no_filter()
        };
        assert!(algiers(&a).is_err());
        let a = OrdersArgs {
            phone: Some("+213 661".into()),
            status: Some("unknown".into()),
            day: Some("2025-03-01".into()),
            ..no_filter()
        };
        let q = algiers(&a).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(crate::ledger::Status::UnknownError));
        assert_eq!(q.clock, ShopClock::algeria(), "--day is an Algerian day");
    }

    #[test]
    fn day_is_the_shop_day_and_today_works() {
        // The shop's day starts at 04:00: 01:30 on the 5th is still the 4th's day.
        let clock = ShopClock::new(
            crate::config::DEFAULT_TIMEZONE,
            NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
        );
        let now = Utc.with_ymd_and_hms(2025, 3, 5, 0, 30, 0).unwrap();
        let a = OrdersArgs {
            day: Some("today".into()),
            ..no_filter()
        };
        let q = orders_query(&a, clock, now).unwrap();
        assert_eq!(q.day, NaiveDate::from_ymd_opt(2025, 3, 4));
        let (lo, hi) = q.day_keys().unwrap();
        assert_eq!(
            (lo.millis(), hi.millis()),
            (
                Utc.with_ymd_and_hms(2025, 3, 4, 3, 0, 0)
                    .unwrap()
                    .timestamp_millis() as u64,
                Utc.with_ymd_and_hms(2025, 3, 5, 3, 0, 0)
                    .unwrap()
                    .timestamp_millis() as u64
            )
        );
    }

    #[test]
    fn phone_accepts_every_spelling_the_screen_accepts() {
        for typed in ["+213 661 23", "00213 66123", "٠٦٦١٢٣", "0661 23", "066-123"] {
            let a = OrdersArgs {
                phone: Some(typed.into()),
                ..no_filter()
            };
            let q = algiers(&a).unwrap_or_else(|e| panic!("{typed}: {}", e.in_lang(Lang::En)));
            assert_eq!(q.phone.as_deref(), Some("066123"), "{typed}");
        }
    }

    /// `orders --limit 10` with no filter.
    fn no_filter() -> OrdersArgs {
        OrdersArgs {
            phone: None,
            reference: None,
            status: None,
            day: None,
            limit: 10,
            json: false,
            csv: false,
        }
    }
}
