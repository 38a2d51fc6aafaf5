//! `GET /v3/mobile/list` (§12): every order of the account (those made "from the dashboard"
//! too), newest first, a page at a time.
//!
//! Query rules, each refusal 400 `ERR_VALIDATION` with `details {field, value}`: `page` an
//! integer ≥ 1 (default 1), `pageSize` an integer 1–100 (default 20), `from` and `to` ISO 8601
//! date-times given both or neither, `from` not after `to`. Other parameters are ignored.
//! A page past the last answers no items (with the true totals).

use super::app::App;
use super::envelope::ApiFailure;
use crate::api::list::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use axum::extract::{RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use serde_json::json;
use std::sync::Arc;

/// A checked list query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub page: u64,
    pub page_size: u64,
    /// `from`, `to` in unix ms, both included.
    pub window: Option<(i64, i64)>,
}

fn refuse(field: &str, value: Option<&str>, message: String) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, "ERR_VALIDATION", message)
        .with_details(json!({ "field": field, "value": value.map(super::messages::shorten) }))
}

fn integer(field: &str, raw: Option<&str>, default: u64, max: u64) -> Result<u64, ApiFailure> {
    let Some(text) = raw else {
        return Ok(default);
    };
    let n: u64 = text.trim().parse().map_err(|_| {
        refuse(
            field,
            Some(text),
            format!("querystring/{field} must be integer"),
        )
    })?;
    if n < 1 {
        return Err(refuse(
            field,
            Some(text),
            format!("querystring/{field} must be >= 1"),
        ));
    }
    if n > max {
        return Err(refuse(
            field,
            Some(text),
            format!("querystring/{field} must be <= {max}"),
        ));
    }
    Ok(n)
}

fn date_time(field: &str, text: &str) -> Result<i64, ApiFailure> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            refuse(
                field,
                Some(text),
                format!("querystring/{field} must match format \"date-time\""),
            )
        })
}

/// Reads and checks the query string (percent-decoded; the last of a repeated name wins).
pub fn parse_query(raw: Option<&str>) -> Result<ListQuery, ApiFailure> {
    let mut page = None;
    let mut page_size = None;
    let mut from = None;
    let mut to = None;
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let slot = match name.as_ref() {
            "page" => &mut page,
            "pageSize" => &mut page_size,
            "from" => &mut from,
            "to" => &mut to,
            _ => continue,
        };
        *slot = Some(value.into_owned());
    }
    // A page beyond any real history is refused rather than overflowing the arithmetic.
    let page = integer("page", page.as_deref(), 1, u64::from(u32::MAX))?;
    let page_size = integer(
        "pageSize",
        page_size.as_deref(),
        u64::from(DEFAULT_PAGE_SIZE),
        u64::from(MAX_PAGE_SIZE),
    )?;
    let window = match (from.as_deref(), to.as_deref()) {
        (None, None) => None,
        (Some(_), None) | (None, Some(_)) => {
            let (given, missing) = if from.is_some() {
                ("from", "to")
            } else {
                ("to", "from")
            };
            return Err(refuse(
                missing,
                None,
                format!(
                    "querystring/{missing} is required when '{given}' is given (both or neither)"
                ),
            ));
        }
        (Some(f), Some(t)) => {
            let (f_ms, t_ms) = (date_time("from", f)?, date_time("to", t)?);
            if f_ms > t_ms {
                return Err(refuse(
                    "from",
                    Some(f),
                    format!("querystring/from ({f}) must not be after to ({t})"),
                ));
            }
            Some((f_ms, t_ms))
        }
    };
    Ok(ListQuery {
        page,
        page_size,
        window,
    })
}

pub async fn list(State(app): State<Arc<App>>, RawQuery(raw): RawQuery, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = super::routes::authorize(&app, &parts) {
        return e.into_response();
    }
    match parse_query(raw.as_deref()) {
        Ok(q) => app.ok(app.list(q.page, q.page_size, q.window)),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn refused_field(e: &ApiFailure) -> Option<&Value> {
        e.details.as_ref().and_then(|d| d.get("field"))
    }

    fn refused(q: &str) -> (String, Value) {
        let e = parse_query(Some(q)).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(e.code, "ERR_VALIDATION");
        (
            e.message.clone(),
            refused_field(&e).cloned().unwrap_or(Value::Null),
        )
    }

    #[test]
    fn defaults_bounds_and_both_or_neither() {
        assert_eq!(
            parse_query(None).unwrap(),
            ListQuery {
                page: 1,
                page_size: 20,
                window: None
            }
        );
        let q = parse_query(Some("page=2&pageSize=100&other=x")).unwrap();
        assert_eq!((q.page, q.page_size), (2, 100));
        assert_eq!(refused("page=0").0, "querystring/page must be >= 1");
        assert_eq!(refused("page=-1").0, "querystring/page must be integer");
        assert_eq!(refused("page=1.5").0, "querystring/page must be integer");
        assert_eq!(refused("pageSize=0").0, "querystring/pageSize must be >= 1");
        assert_eq!(
            refused("pageSize=101").0,
            "querystring/pageSize must be <= 100"
        );
        let (m, f) = refused("from=2025-10-01T00:00:00Z");
        assert!(m.contains("both or neither"), "{m}");
        assert_eq!(f, json!("to"));
        let (_, f) = refused("to=2025-10-01T00:00:00Z");
        assert_eq!(f, json!("from"));
        let (m, _) = refused("from=yesterday&to=2025-10-01T00:00:00Z");
        assert!(m.contains("date-time"), "{m}");
        let (m, _) = refused("from=2025-10-02T00:00:00Z&to=2025-10-01T00:00:00Z");
        assert!(m.contains("must not be after"), "{m}");
        let q = parse_query(Some(
            "from=2025-10-01T00%3A00%3A00.000Z&to=2025-10-01T01:00:00%2B01:00",
        ))
        .unwrap();
        assert_eq!(q.window, Some((1_759_276_800_000, 1_759_276_800_000)));
    }
}
