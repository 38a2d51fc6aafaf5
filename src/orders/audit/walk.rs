//! One audit: read the server's list over a window, page by page, and make the store agree.

use super::judge::{Verdict, judge};
use super::record::{self, ListSource, Owner};
use super::report::{AuditReport, Correction};
use crate::api::ApiError;
use crate::api::list::{ListRequest, ListRequestError, TimeWindow, TopupPage};
use crate::api::types::{PlansData, TopupInfo};
use crate::i18n::{Message, MsgId};
use crate::ledger::notes::Note;
use crate::ledger::{OrderKey, OrderRecord, OrderState, Origin};
use crate::orders::lifecycle::{Lifecycle, OrderError};
use crate::rules::ShopClock;
use crate::store::OrderQuery;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashSet;

/// The window of the counter's audit and of a plain `sync`.
pub const DEFAULT_WINDOW_HOURS: i64 = 48;
/// Page size of an audit: the docs advise 20–50.
pub const PAGE_SIZE: u32 = 50;
pub const MIN_PAGE_SIZE: u32 = 20;
/// Tries of one page before the audit stops (errors back off between tries).
const PAGE_TRIES: u32 = 3;
/// However many pages the server claims, an audit stops here (50 000 orders × 50).
const MAX_PAGES: u32 = 50_000;
/// Local orders read at a time when looking for those the server did not list.
const LOCAL_PAGE: usize = 500;

/// What to audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditOptions {
    /// The window starts here and ends now.
    pub since: DateTime<Utc>,
    /// Orders per page, 20–50.
    pub page_size: u32,
}

impl AuditOptions {
    /// The last `hours`, 50 a page.
    pub fn last_hours(hours: i64, now: DateTime<Utc>) -> AuditOptions {
        AuditOptions {
            since: now - chrono::Duration::hours(hours),
            page_size: PAGE_SIZE,
        }
    }

    /// From the start of shop day `day`, 50 a page.
    pub fn since_day(day: NaiveDate, clock: &ShopClock) -> AuditOptions {
        AuditOptions {
            since: clock.day_starts(day),
            page_size: PAGE_SIZE,
        }
    }
}

/// Why an audit could not start.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit page size {0}: the docs advise 20 to 50")]
    PageSize(u32),
    #[error("audit window: {0}")]
    Window(#[from] ListRequestError),
}

/// Where a running audit is (for a progress line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuditProgress {
    pub pages_read: u32,
    /// As the server counts them (0 before the first page).
    pub total_pages: u64,
    pub checked: usize,
    pub restored: usize,
    pub external: usize,
}

impl Lifecycle {
    /// Walks OneClickDz's list of this account's top-ups from `since` to now and makes the
    /// store agree with it (see [`super`]); `progress` hears after every page. Never sends
    /// anything. Network or server trouble ends the walk early: the report says so
    /// (`incomplete`) and keeps what was done.
    pub async fn audit(
        &self,
        options: &AuditOptions,
        progress: &mut (dyn FnMut(&AuditProgress) + Send),
    ) -> Result<AuditReport, AuditError> {
        if !(MIN_PAGE_SIZE..=PAGE_SIZE).contains(&options.page_size) {
            return Err(AuditError::PageSize(options.page_size));
        }
        let now = Utc::now();
        let skew = chrono::Duration::from_std(self.settings().audit_skew)
            .unwrap_or(chrono::Duration::zero());
        let window = TimeWindow::new(options.since, now)?;
        // Read wider than asked, so a clock a few minutes off loses nothing at either end.
        let listed = TimeWindow::new(options.since - skew, now + skew)?;
        let request = ListRequest::new(1, options.page_size, Some(listed))?;
        // Restored orders take their plan's name and kind from the list of plans (fetched only
        // when the cache is missing or old, as for a sale).
        let plans = match self.plans().get().await {
            Ok(snap) => Some(snap.data),
            Err(_) => self.plans().cached().ok().flatten().map(|s| s.data),
        };
        let mut walk = Walk {
            lc: self,
            plans: plans.as_ref(),
            report: AuditReport::new(window),
            seen: HashSet::new(),
            source: ListSource::Mobile,
            pages_before: 0,
        };
        // The mobile top-ups' list, then the internet top-ups' (§13): the same account.
        for source in [ListSource::Mobile, ListSource::Internet] {
            walk.source = source;
            walk.pages_before = u64::from(walk.report.pages);
            if let Err(e) = self.walk_list(&mut walk, request, progress).await {
                walk.report.incomplete = Some(e.message());
                break;
            }
        }
        if walk.report.incomplete.is_none() {
            let until = now - skew;
            match self.unlisted(window.from(), until, &walk.seen) {
                Ok(missing) => walk.report.unknown_to_server = missing,
                Err(e) => {
                    walk.report.incomplete =
                        Some(Message::new(MsgId::OrderStore).msg_of("error", e.message()))
                }
            }
        }
        Ok(walk.report)
    }

    /// Every page of one list, from `request`'s page on.
    async fn walk_list(
        &self,
        walk: &mut Walk<'_>,
        mut request: ListRequest,
        progress: &mut (dyn FnMut(&AuditProgress) + Send),
    ) -> Result<(), ApiError> {
        loop {
            let page = self.fetch_page(walk.source, &request).await?;
            walk.report.pages += 1;
            walk.report
                .unreadable
                .extend(page.unreadable.iter().map(|u| Message::from(u.as_str())));
            for item in &page.items {
                walk.item(item).await;
            }
            progress(&AuditProgress {
                pages_read: walk.report.pages,
                total_pages: walk.pages_before + page.pagination.total_pages,
                checked: walk.report.checked,
                restored: walk.report.restored.len(),
                external: walk.report.external,
            });
            if page.items.is_empty() || !page.has_next() || walk.report.pages >= MAX_PAGES {
                return Ok(());
            }
            tokio::time::sleep(self.settings().audit_page_pause).await;
            match request.with_page(request.page() + 1) {
                Ok(next) => request = next,
                Err(_) => return Ok(()),
            }
        }
    }

    /// One page of one list, tried up to [`PAGE_TRIES`] times; a refused key is not tried
    /// again.
    async fn fetch_page(
        &self,
        source: ListSource,
        request: &ListRequest,
    ) -> Result<TopupPage, ApiError> {
        let mut tries = 0;
        loop {
            tries += 1;
            let page = match source {
                ListSource::Mobile => self.api().list_topups(request).await,
                ListSource::Internet => self.api().internet_list(request).await,
            };
            match page {
                Ok(page) => return Ok(page),
                Err(e) if e.is_key_refused() || tries >= PAGE_TRIES => return Err(e),
                Err(e) => {
                    tracing::debug!(page = request.page(), "audit page failed: {e}");
                    let wait = self.settings().backoff(tries, rand::random::<f64>());
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// This till's orders the API accepted, made in `[from, until]`, whose ref the list did
    /// not show. Read newest first, a page at a time.
    fn unlisted(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        seen: &HashSet<String>,
    ) -> Result<Vec<OrderRecord>, OrderError> {
        let mut out = Vec::new();
        if until < from {
            return Ok(out);
        }
        let from_ms = from.timestamp_millis().max(0) as u64;
        let until_ms = until.timestamp_millis().max(0) as u64;
        let mut before = Some(OrderKey::first_at(until_ms.saturating_add(1)));
        while let Some(cursor) = before {
            let page = self
                .store()
                .page(&OrderQuery::default(), Some(cursor), LOCAL_PAGE)?;
            for rec in &page.orders {
                if rec.key.millis() < from_ms {
                    return Ok(out);
                }
                if accepted_here(rec) && !seen.contains(&rec.reference) {
                    out.push(rec.clone());
                }
            }
            before = page.next;
        }
        Ok(out)
    }
}

/// An order of this till that the API accepted (it answered the send or a check about it).
fn accepted_here(rec: &OrderRecord) -> bool {
    !rec.is_external()
        && (rec.topup_id.is_some()
            || matches!(
                rec.state,
                OrderState::Sent
                    | OrderState::Pending
                    | OrderState::Handling
                    | OrderState::Fulfilled
                    | OrderState::Refunded
                    | OrderState::UnknownError
                    | OrderState::Queued
            ))
}

/// The state of one walk.
struct Walk<'a> {
    lc: &'a Lifecycle,
    plans: Option<&'a PlansData>,
    report: AuditReport,
    /// Refs already met (a page boundary may show an order twice).
    seen: HashSet<String>,
    /// The list being read.
    source: ListSource,
    /// Pages read from the lists before this one (for the progress line).
    pages_before: u64,
}

impl Walk<'_> {
    async fn item(&mut self, item: &TopupInfo) {
        let reference = record::item_ref(item).to_string();
        if !self.seen.insert(reference.clone()) {
            return;
        }
        self.report.checked += 1;
        let local = match self.lc.store().get_by_ref(&reference) {
            Ok(l) => l,
            Err(e) => return self.report.error(&reference, e.message()),
        };
        let result = match local {
            Some(local) => self.known(local, item).await,
            None => self.unknown(&reference, item).await,
        };
        if let Err(e) = result {
            self.report.error(&reference, e.message());
        }
    }

    /// A listed order the store has.
    async fn known(&mut self, local: OrderRecord, item: &TopupInfo) -> Result<(), OrderError> {
        let reference = local.reference.clone();
        if local.is_external() {
            self.report.external += 1;
        }
        match judge(&local, item) {
            Verdict::Agrees => {}
            Verdict::Conflict(why) => self.report.conflicts.push((reference, why)),
            Verdict::Adopt => {
                // This process is sending it right now: the send's own answer decides.
                if !self.lc.is_sending(&reference) {
                    let rec = self.lc.adopt(&reference, item.clone()).await?;
                    if rec.state.is_open() {
                        self.lc.track(&reference);
                    }
                }
            }
            Verdict::Refresh => {
                let info = item.clone();
                self.lc
                    .modify(&reference, move |rec, _| rec.api = Some(info))
                    .await?;
            }
            Verdict::Follow => {
                let info = item.clone();
                self.lc
                    .modify(&reference, move |rec, now| {
                        let state = record::state_of(&info.status);
                        rec.transition(state, now, Some(Note::Listed));
                        rec.api = Some(info);
                    })
                    .await?;
            }
            Verdict::Correct { to } => {
                let was = local.state.status();
                let info = item.clone();
                let note = Note::AuditCorrected {
                    listed: info.status.clone(),
                    had: was,
                };
                let rec = self
                    .lc
                    .modify(&reference, move |rec, now| {
                        rec.topup_id = Some(info.id.clone());
                        rec.last_error = None;
                        rec.api = Some(info);
                        rec.transition(to, now, Some(note));
                    })
                    .await?;
                if rec.state.is_open() {
                    self.lc.track(&reference);
                }
                self.report.corrected.push(Correction { record: rec, was });
            }
        }
        Ok(())
    }

    /// A listed order the store lacks: this till's (restored) or another's (external).
    async fn unknown(&mut self, reference: &str, item: &TopupInfo) -> Result<(), OrderError> {
        let now = Utc::now();
        let (origin, key) = match record::owner(reference, self.lc.terminal_id()) {
            Owner::Own(key) => (Origin::Restored, key),
            Owner::Other => (Origin::External, record::external_key(item, now)),
        };
        let rec = match record::from_item(item, self.source, origin, key, self.plans, now) {
            Ok(r) => r,
            Err(why) => {
                self.report.unreadable.push(why);
                return Ok(());
            }
        };
        self.lc.store().insert_new(&rec)?;
        self.lc.publish(&rec);
        match origin {
            Origin::Restored => {
                if rec.state.is_open() {
                    self.lc.track(reference);
                }
                self.report.restored.push(rec);
            }
            _ => {
                self.report.external += 1;
                self.report.external_new += 1;
            }
        }
        Ok(())
    }
}
