//! `flexy-pos orders`.

use super::csv_out;
use super::output::{clean, order_json, print_order};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, report};
use crate::cli::OrdersArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::orders::OrderState;
use crate::store::{OrderQuery, Store};
use chrono::NaiveDate;
use chrono_tz::Tz;

/// `flexy-pos orders`: newest first, filtered by the store's indexes, at most `--limit`.
pub fn orders(store: &Store, args: &OrdersArgs, zone: Tz, lang: Lang) -> u8 {
    let query = match orders_query(args, zone) {
        Ok(q) => q,
        Err(e) => return report(EXIT_INVALID, &lang.f(&e)),
    };
    let page = match store.page(&query, None, args.limit.max(1)) {
        Ok(p) => p,
        Err(e) if e.is_damage() => {
            let m = Message::new(MsgId::CliStoreDamaged)
                .msg_of("error", e.message())
                .msg("hint", MsgId::RestoreHint);
            return report(EXIT_ERROR, &lang.f(&m));
        }
        Err(e) => return report(EXIT_ERROR, &lang.f(&e.message())),
    };
    if args.csv {
        let rows: Vec<serde_json::Value> = page.orders.iter().map(order_json).collect();
        let out = std::io::stdout().lock();
        if let Err(e) = csv_out::write_rows(out, csv_out::ORDER_COLUMNS, &rows) {
            let m = Message::new(MsgId::CliCsvFailed).text("error", e);
            return report(EXIT_ERROR, &lang.f(&m));
        }
    } else {
        for rec in &page.orders {
            print_order(rec, args.json, lang);
        }
    }
    for d in &page.damaged {
        let m = Message::new(MsgId::CliSkippedDamaged).text("detail", clean(&d.detail));
        eprintln!("flexy-pos: {}", lang.f(&m));
    }
    if !page.damaged.is_empty() {
        // A list with holes is not an answer: say so, and how to get the orders back.
        let m = Message::new(MsgId::CliDamagedNotListed)
            .msg_of(
                "count",
                Message::new(MsgId::CountOrders).num("n", page.damaged.len() as i64),
            )
            .text("dir", store.data_dir().display())
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

/// Turns the command-line filters into a store query, refusing bad ones with a reason. `--day`
/// is a day of the shop's time zone (config `timezone`), as on the screen.
pub fn orders_query(args: &OrdersArgs, zone: Tz) -> Result<OrderQuery, Message> {
    let mut q = OrderQuery::default();
    if let Some(p) = &args.phone {
        // The same spellings the sale screen and the history filter accept; any part of the
        // number: its start (0661…), its last digits (4567), digits anywhere.
        let digits = crate::rules::search_digits(p)
            .map_err(|_| Message::new(MsgId::CliBadPhoneFilter).text("phone", p))?;
        q.phone = Some(digits);
    }
    if let Some(r) = &args.reference {
        q.reference = Some(r.trim().to_string());
    }
    if let Some(s) = &args.status {
        q.status = Some(OrderState::code_for_label(s).ok_or_else(|| {
            Message::new(MsgId::CliBadStatusFilter)
                .text("status", s)
                .text(
                    "choices",
                    "fulfilled, refunded, unknown, pending, handling, sent, saved, refused, \
                 unconfirmed, not_sent",
                )
        })?);
    }
    if let Some(d) = &args.day {
        q.day_zone = zone;
        q.day = Some(
            NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| Message::new(MsgId::CliBadDayFilter).text("day", d))?,
        );
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALGIERS: Tz = crate::config::DEFAULT_TIMEZONE;

    #[test]
    fn bad_filters_are_refused_with_a_reason() {
        let a = OrdersArgs {
            status: Some("bogus".into()),
            ..no_filter()
        };
        assert!(
            orders_query(&a, ALGIERS)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("not a status")
        );
        let a = OrdersArgs {
            day: Some("2025-13-01".into()),
            ..no_filter()
        };
        assert!(
            orders_query(&a, ALGIERS)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("not a date")
        );
        let a = OrdersArgs {
            phone: Some("06x".into()),
            ..no_filter()
        };
        assert!(orders_query(&a, ALGIERS).is_err());
        let a = OrdersArgs {
            phone: Some("+213 661".into()),
            status: Some("unknown".into()),
            day: Some("2025-03-01".into()),
            ..no_filter()
        };
        let q = orders_query(&a, ALGIERS).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(7));
        assert_eq!(q.day_zone, Tz::Africa__Algiers, "--day is an Algerian day");
    }

    #[test]
    fn phone_accepts_every_spelling_the_screen_accepts() {
        for typed in ["+213 661 23", "00213 66123", "٠٦٦١٢٣", "0661 23", "066-123"] {
            let a = OrdersArgs {
                phone: Some(typed.into()),
                ..no_filter()
            };
            let q = orders_query(&a, ALGIERS)
                .unwrap_or_else(|e| panic!("{typed}: {}", e.in_lang(Lang::En)));
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
