//! `flexy-pos orders`.

use super::csv_out;
use super::output::{clean, order_json, print_order};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, report};
use crate::cli::OrdersArgs;
use crate::orders::OrderState;
use crate::store::{OrderQuery, RESTORE_HINT, Store};
use chrono::NaiveDate;
use chrono_tz::Tz;

/// `flexy-pos orders`: newest first, filtered by the store's indexes, at most `--limit`.
pub fn orders(store: &Store, args: &OrdersArgs, zone: Tz) -> u8 {
    let query = match orders_query(args, zone) {
        Ok(q) => q,
        Err(e) => return report(EXIT_INVALID, &e),
    };
    let page = match store.page(&query, None, args.limit.max(1)) {
        Ok(p) => p,
        Err(e) if e.is_damage() => {
            return report(
                EXIT_ERROR,
                &format!("{e}; nothing was changed. {RESTORE_HINT}"),
            );
        }
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    if args.csv {
        let rows: Vec<serde_json::Value> = page.orders.iter().map(order_json).collect();
        let out = std::io::stdout().lock();
        if let Err(e) = csv_out::write_rows(out, csv_out::ORDER_COLUMNS, &rows) {
            return report(EXIT_ERROR, &format!("cannot write the CSV: {e}"));
        }
    } else {
        for rec in &page.orders {
            print_order(rec, args.json);
        }
    }
    for d in &page.damaged {
        eprintln!(
            "flexy-pos: skipped an unreadable order: {}",
            clean(&d.detail)
        );
    }
    if !page.damaged.is_empty() {
        // A list with holes is not an answer: say so, and how to get the orders back.
        eprintln!(
            "flexy-pos: {} order(s) in {} are damaged on disk and were not listed; nothing was \
             changed. {RESTORE_HINT}",
            page.damaged.len(),
            store.data_dir().display()
        );
        return EXIT_ERROR;
    }
    if !args.json && !args.csv && page.orders.is_empty() {
        eprintln!("no orders match");
    }
    EXIT_OK
}

/// Turns the command-line filters into a store query, refusing bad ones with a reason. `--day`
/// is a day of the shop's time zone (config `timezone`), as on the screen.
pub fn orders_query(args: &OrdersArgs, zone: Tz) -> Result<OrderQuery, String> {
    let mut q = OrderQuery::default();
    if let Some(p) = &args.phone {
        let digits = crate::rules::search_digits(p).map_err(|e| {
            format!(
                "--phone '{p}': {e}; give digits of the number (its start 0661…, its last \
                 digits 4567, or any part)"
            )
        })?;
        q.phone = Some(digits);
    }
    if let Some(r) = &args.reference {
        q.reference = Some(r.trim().to_string());
    }
    if let Some(s) = &args.status {
        q.status = Some(OrderState::code_for_label(s).ok_or_else(|| {
            format!(
                "--status '{s}' is not a status; use one of: fulfilled, refunded, unknown, pending, \
                 handling, sent, saved, refused, unconfirmed, not_sent"
            )
        })?);
    }
    if let Some(d) = &args.day {
        q.day_zone = zone;
        q.day = Some(
            NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| format!("--day '{d}' is not a date like 2025-03-01"))?,
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
        let base = OrdersArgs {
            phone: None,
            reference: None,
            status: None,
            day: None,
            limit: 10,
            json: false,
            csv: false,
        };
        let a = OrdersArgs {
            status: Some("bogus".into()),
            ..base_clone(&base)
        };
        assert!(
            orders_query(&a, ALGIERS)
                .unwrap_err()
                .contains("not a status")
        );
        let a = OrdersArgs {
            day: Some("2025-13-01".into()),
            ..base_clone(&base)
        };
        assert!(
            orders_query(&a, ALGIERS)
                .unwrap_err()
                .contains("not a date")
        );
        let a = OrdersArgs {
            phone: Some("06x".into()),
            ..base_clone(&base)
        };
        assert!(orders_query(&a, ALGIERS).is_err());
        let a = OrdersArgs {
            phone: Some("+213 661".into()),
            status: Some("unknown".into()),
            day: Some("2025-03-01".into()),
            ..base_clone(&base)
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
                reference: None,
                status: None,
                day: None,
                limit: 10,
                json: false,
                csv: false,
            };
            let q = orders_query(&a, ALGIERS).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(q.phone.as_deref(), Some("066123"), "{typed}");
        }
    }

    fn base_clone(a: &OrdersArgs) -> OrdersArgs {
        OrdersArgs {
            phone: a.phone.clone(),
            reference: a.reference.clone(),
            status: a.status.clone(),
            day: a.day.clone(),
            limit: a.limit,
            json: a.json,
            csv: a.csv,
        }
    }
}
