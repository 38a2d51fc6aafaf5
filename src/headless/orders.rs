//! `flexy-pos orders`.

use super::output::{clean, print_order};
use super::{EXIT_ERROR, EXIT_INVALID, EXIT_OK, report};
use crate::cli::OrdersArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::orders::OrderState;
use crate::store::{OrderQuery, Store};
use chrono::NaiveDate;

/// `flexy-pos orders`: newest first, filtered by the store's indexes, at most `--limit`.
pub fn orders(store: &Store, args: &OrdersArgs, lang: Lang) -> u8 {
    let query = match orders_query(args) {
        Ok(q) => q,
        Err(e) => return report(EXIT_INVALID, &lang.f(&e)),
    };
    let page = match store.page(&query, None, args.limit.max(1)) {
        Ok(p) => p,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    for rec in &page.orders {
        print_order(rec, args.json, lang);
    }
    for d in &page.damaged {
        let m = Message::new(MsgId::CliSkippedDamaged).text("detail", clean(&d.detail));
        eprintln!("flexy-pos: {}", lang.f(&m));
    }
    if !args.json {
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

/// Algeria's clock, east of UTC (UTC+1, no daylight saving time): `--day` is a shop day.
pub const ALGERIA_UTC_OFFSET_SECS: i32 = 3600;

/// Turns the command-line filters into a store query, refusing bad ones with a reason.
pub fn orders_query(args: &OrdersArgs) -> Result<OrderQuery, Message> {
    let mut q = OrderQuery::default();
    if let Some(p) = &args.phone {
        let digits: String = p
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.'))
            .collect();
        let digits = digits
            .strip_prefix("+213")
            .map(|rest| format!("0{rest}"))
            .unwrap_or(digits);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 10 {
            return Err(Message::new(MsgId::CliBadPhoneFilter).text("phone", p));
        }
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
        // The shop's day: Algeria is UTC+1 all year (no daylight saving time).
        q.day_offset_secs = ALGERIA_UTC_OFFSET_SECS;
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

    #[test]
    fn bad_filters_are_refused_with_a_reason() {
        let base = OrdersArgs {
            phone: None,
            reference: None,
            status: None,
            day: None,
            limit: 10,
            json: false,
        };
        let a = OrdersArgs {
            status: Some("bogus".into()),
            ..base_clone(&base)
        };
        let e = orders_query(&a).unwrap_err();
        assert!(e.in_lang(Lang::En).contains("not a status"));
        assert!(e.in_lang(Lang::Fr).contains("n'est pas un état"));
        let a = OrdersArgs {
            day: Some("2025-13-01".into()),
            ..base_clone(&base)
        };
        assert!(
            orders_query(&a)
                .unwrap_err()
                .in_lang(Lang::En)
                .contains("not a date")
        );
        let a = OrdersArgs {
            phone: Some("06x".into()),
            ..base_clone(&base)
        };
        assert!(orders_query(&a).is_err());
        let a = OrdersArgs {
            phone: Some("+213 661".into()),
            status: Some("unknown".into()),
            day: Some("2025-03-01".into()),
            ..base_clone(&base)
        };
        let q = orders_query(&a).unwrap();
        assert_eq!(q.phone.as_deref(), Some("0661"));
        assert_eq!(q.status, Some(7));
        assert_eq!(q.day_offset_secs, 3600, "--day is an Algerian day");
    }

    fn base_clone(a: &OrdersArgs) -> OrdersArgs {
        OrdersArgs {
            phone: a.phone.clone(),
            reference: a.reference.clone(),
            status: a.status.clone(),
            day: a.day.clone(),
            limit: a.limit,
            json: a.json,
        }
    }
}
