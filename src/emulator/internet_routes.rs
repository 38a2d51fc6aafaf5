//! The `/v3/internet/*` routes (§13), answered in the §2 envelope. Faults and auth as for the
//! mobile routes: a send carries its fault decision to [`send`], which counts its ref first.

use super::app::App;
use super::envelope::ApiFailure;
use super::internet::{check_number, parse_type, products, validate_send};
use super::messages;
use super::routes::authorize;
use axum::extract::{Path, RawQuery, Request, State, rejection::PathRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

type Shared = State<Arc<App>>;

/// The value of `name` in a query string (percent-decoded; the last one wins).
fn query_value(raw: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .last()
}

/// `GET /v3/internet/products?type=ADSL|4G` → `{products:[{value, cost, available}], type}`.
pub async fn list_products(State(app): Shared, RawQuery(raw): RawQuery, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    match parse_type(
        "querystring",
        query_value(raw.as_deref(), "type").as_deref(),
    ) {
        Ok(kind) => app.ok(products(kind)),
        Err(e) => e.into_response(),
    }
}

/// `GET /v3/internet/check-number?type=&number=` → `{ncli, offre?, type}` or `ERR_PHONE`.
pub async fn number(State(app): Shared, RawQuery(raw): RawQuery, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    let kind = match parse_type(
        "querystring",
        query_value(raw.as_deref(), "type").as_deref(),
    ) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    let Some(number) = query_value(raw.as_deref(), "number") else {
        return ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "ERR_VALIDATION",
            "querystring must have required property 'number'",
        )
        .with_details(serde_json::json!({ "field": "number", "value": null }))
        .into_response();
    };
    match check_number(kind, &number) {
        Ok(found) => app.ok(found),
        Err(e) => e.into_response(),
    }
}

/// `POST /v3/internet/send {type, number, value, ref?}` → `{topupId, topupRef}`.
pub async fn send(State(app): Shared, req: Request) -> Response {
    super::routes::send_with(&app, req, |app, bytes| {
        app.place_internet_order(validate_send(bytes)?)
    })
    .await
}

/// `GET /v3/internet/check-ref/{ref}`.
pub async fn check_ref(
    State(app): Shared,
    reference: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    let Ok(Path(reference)) = reference else {
        return super::routes::bad_path_param("ref");
    };
    super::routes::found_or_not(&app, app.internet_by_ref(&reference), || {
        messages::ref_not_found(&reference)
    })
}

/// `GET /v3/internet/check-id/{id}`.
pub async fn check_id(
    State(app): Shared,
    id: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    let Ok(Path(id)) = id else {
        return super::routes::bad_path_param("id");
    };
    super::routes::found_or_not(&app, app.internet_by_id(&id), || {
        messages::id_not_found(&id)
    })
}

/// `GET /v3/internet/list` (page, pageSize ≤ 100, from+to together), as the mobile list.
pub async fn list(State(app): Shared, RawQuery(raw): RawQuery, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(e) = authorize(&app, &parts) {
        return e.into_response();
    }
    match super::list::parse_query(raw.as_deref()) {
        Ok(q) => app.ok(app.internet_list(q.page, q.page_size, q.window)),
        Err(e) => e.into_response(),
    }
}
