//! `GET /v3/mobile/list` (§12): the account's mobile top-ups, newest first, a page at a time.
//!
//! Query: `page` (≥ 1, default 1), `pageSize` (1–100, default 20), `from`/`to` (ISO 8601, both
//! or neither). Answer: `data.items` (full top-up objects, the shape of check-ref, §5) and
//! `data.pagination {page, pageSize, totalPages, totalResults}`. The emulator answers with the
//! same types, so the two cannot disagree.

use super::types::TopupInfo;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// `pageSize` when none is given.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The largest `pageSize` the API takes.
pub const MAX_PAGE_SIZE: u32 = 100;

/// `data.pagination`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub page: u64,
    #[serde(rename = "pageSize")]
    pub page_size: u64,
    #[serde(rename = "totalPages")]
    pub total_pages: u64,
    #[serde(rename = "totalResults")]
    pub total_results: u64,
}

/// `data` of the list. The client reads items as raw JSON first (`T = Value`) so one item it
/// cannot read does not hide the others; the emulator writes [`TopupInfo`]s.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopupList<T = TopupInfo> {
    pub items: Vec<T>,
    pub pagination: Pagination,
}

/// A time window, `from` ≤ `to` (both inclusive, as the API filters `created_at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
}

impl TimeWindow {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeWindow, ListRequestError> {
        if from > to {
            return Err(ListRequestError::Window { from, to });
        }
        Ok(TimeWindow { from, to })
    }

    pub fn from(&self) -> DateTime<Utc> {
        self.from
    }

    pub fn to(&self) -> DateTime<Utc> {
        self.to
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && at <= self.to
    }
}

/// One page to ask for, within the API's bounds (built only by [`ListRequest::new`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListRequest {
    page: u32,
    page_size: u32,
    window: Option<TimeWindow>,
}

/// A list request the API would refuse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ListRequestError {
    #[error("list page {0}: pages start at 1")]
    Page(u32),
    #[error("list page size {0}: must be between 1 and {MAX_PAGE_SIZE}")]
    PageSize(u32),
    #[error("list window from {from} to {to}: the start is after the end")]
    Window {
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    },
}

impl ListRequest {
    pub fn new(
        page: u32,
        page_size: u32,
        window: Option<TimeWindow>,
    ) -> Result<ListRequest, ListRequestError> {
        if page == 0 {
            return Err(ListRequestError::Page(page));
        }
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(ListRequestError::PageSize(page_size));
        }
        Ok(ListRequest {
            page,
            page_size,
            window,
        })
    }

    pub fn page(&self) -> u32 {
        self.page
    }

    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    pub fn window(&self) -> Option<TimeWindow> {
        self.window
    }

    /// The same request for another page.
    pub fn with_page(self, page: u32) -> Result<ListRequest, ListRequestError> {
        ListRequest::new(page, self.page_size, self.window)
    }

    /// The query string pairs, `from`/`to` as `2025-10-01T00:00:00.000Z`.
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("page", self.page.to_string()),
            ("pageSize", self.page_size.to_string()),
        ];
        if let Some(w) = self.window {
            q.push(("from", iso(w.from)));
            q.push(("to", iso(w.to)));
        }
        q
    }
}

fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// One page as the client returns it.
#[derive(Clone, Debug, PartialEq)]
pub struct TopupPage {
    /// The items that are top-up objects, in the API's order (newest first).
    pub items: Vec<TopupInfo>,
    /// Why each other item could not be read (one line each, naming its ref when it has one).
    pub unreadable: Vec<String>,
    pub pagination: Pagination,
}

impl TopupPage {
    /// Decodes each item on its own: a bad item is reported, the others are kept.
    pub fn from_raw(raw: TopupList<serde_json::Value>) -> TopupPage {
        let mut items = Vec::with_capacity(raw.items.len());
        let mut unreadable = Vec::new();
        for item in raw.items {
            let label = item
                .get("ref")
                .and_then(|r| r.as_str())
                .map(|r| format!("item with ref '{r}'"))
                .unwrap_or_else(|| "item without a ref".to_string());
            match serde_json::from_value::<TopupInfo>(item) {
                Ok(info) => items.push(info),
                Err(e) => unreadable.push(format!("{label}: {e}")),
            }
        }
        TopupPage {
            items,
            unreadable,
            pagination: raw.pagination,
        }
    }

    /// Whether a later page exists.
    pub fn has_next(&self) -> bool {
        self.pagination.page < self.pagination.total_pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::TopupStatus;
    use chrono::TimeZone;

    #[test]
    fn requests_stay_within_the_documented_bounds() {
        assert_eq!(
            ListRequest::new(0, 20, None),
            Err(ListRequestError::Page(0))
        );
        assert_eq!(
            ListRequest::new(1, 0, None),
            Err(ListRequestError::PageSize(0))
        );
        assert_eq!(
            ListRequest::new(1, 101, None),
            Err(ListRequestError::PageSize(101))
        );
        let from = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2025, 10, 2, 0, 0, 0).unwrap();
        assert!(TimeWindow::new(to, from).is_err());
        let w = TimeWindow::new(from, to).unwrap();
        let r = ListRequest::new(3, 50, Some(w)).unwrap();
        assert_eq!(
            r.query(),
            vec![
                ("page", "3".to_string()),
                ("pageSize", "50".to_string()),
                ("from", "2025-10-01T00:00:00.000Z".to_string()),
                ("to", "2025-10-02T00:00:00.000Z".to_string()),
            ]
        );
        assert_eq!(r.with_page(4).unwrap().page(), 4);
        let bare = ListRequest::new(1, 20, None).unwrap().query();
        assert_eq!(bare.len(), 2, "no window: neither from nor to");
    }

    #[test]
    fn the_doc_example_decodes_and_a_bad_item_does_not_hide_the_others() {
        let body = serde_json::json!({
            "items": [
                { "ref": "API-+213665983439-test-1761698196315-suggest", "status": "REFUNDED",
                  "plan_code": "PREPAID_DJEZZY", "MSSIDN": "0600000002", "topup_amount": 500,
                  "balance_amount": 0, "created_at": "2025-10-29T00:36:36.385Z",
                  "_id": "69016194e9e88196b4eb64ce",
                  "refund_message": "هذا رقم الهاتف لا يقبل العرض المرسل، الرجاء إرسال أحد العروض التالية",
                  "suggested_offers": [ { "typename": "📋 FACTURE | فاتورة",
                                          "plan_code": "FACTURE_DJEZZY", "amount": 500 } ] },
                { "ref": "no-id", "status": "FULFILLED" }
            ],
            "pagination": { "page": 1, "pageSize": 20, "totalPages": 2, "totalResults": 22 }
        });
        let raw: TopupList<serde_json::Value> = serde_json::from_value(body).unwrap();
        let page = TopupPage::from_raw(raw);
        assert_eq!(page.items.len(), 1);
        let item = &page.items[0];
        assert_eq!(item.status, TopupStatus::Refunded);
        assert_eq!(item.balance_amount, Some(crate::money::Dzd::ZERO));
        assert_eq!(item.suggested_offers[0].plan_code, "FACTURE_DJEZZY");
        assert_eq!(page.unreadable.len(), 1);
        assert!(
            page.unreadable[0].contains("'no-id'") && page.unreadable[0].contains("_id"),
            "{:?}",
            page.unreadable
        );
        assert!(page.has_next());
    }
}
