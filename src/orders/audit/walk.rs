//! One audit: read the server's list over a window, page by page, and make the store agree.

use super::judge::{Verdict, judge};
use super::record::{self, ListSource, Owner};
use super::report::{AuditReport, Correction, ListCut};
use crate::api::ApiError;
use crate::api::list::{ListRequest, ListRequestError, TimeWindow, TopupPage};
use crate::api::types::{PlansData, TopupInfo};
use crate::i18n::{Message, MsgId};
use crate::ledger::notes::Note;
use crate::ledger::{OrderKey, OrderRecord, OrderState, Origin, Problem};
use crate::orders::claim::{Claim, TwinTill, Whose};
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
/// A walk reads no more pages than its window could hold at this many orders an hour (one a
/// second, more than a shop's whole account sells)…
const MAX_ORDERS_PER_HOUR: u64 = 3_600;
/// …nor than the list's own count of orders fills, plus these pages for orders made while the
/// walk goes on (they push the older ones down).
const PAGE_SLACK: u32 = 2;
/// Local orders read at a time when looking for those the server did not list.
const LOCAL_PAGE: usize = 500;
/// The most the window is widened for the server's clock: a till a day off is set right, not
/// followed (a hostile clock must not make the audit read months).
const MAX_CLOCK_WIDENING: chrono::Duration = chrono::Duration::days(1);
/// Offsets beyond this are taken as this (date arithmetic stays far from overflow).
const MAX_CLOCK_OFFSET: chrono::Duration = chrono::Duration::days(3650);

/// The time the lists are read over, widened as the server's clock becomes known.
struct Span<'a> {
    /// What was asked for.
    window: TimeWindow,
    skew: chrono::Duration,
    offset: &'a mut Option<chrono::Duration>,
    /// What the lists are read over.
    listed: &'a mut TimeWindow,
    page_size: u32,
}

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
        let _one_at_a_time = self.inner.audit_gate.lock().await;
        let now = Utc::now();
        let skew = chrono::Duration::from_std(self.settings().audit_skew)
            .unwrap_or(chrono::Duration::zero());
        let window = TimeWindow::new(options.since, now)?;
        let mut offset = self.api().server_clock_offset();
        let mut listed = listed_window(window, skew, offset)?;
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
            claim: None,
            twin: None,
            source: ListSource::Mobile,
            pages_before: 0,
        };
        walk.load_claim();
        // The mobile top-ups' list, then the internet top-ups' (§13): the same account.
        let mut span = Span {
            window,
            skew,
            offset: &mut offset,
            listed: &mut listed,
            page_size: options.page_size,
        };
        for source in [ListSource::Mobile, ListSource::Internet] {
            walk.source = source;
            walk.pages_before = u64::from(walk.report.pages);
            self.walk_list(&mut walk, &mut span, progress).await?;
            if walk.report.incomplete.is_some() {
                break;
            }
        }
        let offset = self.api().server_clock_offset();
        walk.report.clock_offset = offset;
        walk.report.twin_till = walk
            .twin
            .take()
            .filter(|t| t.warns(self.terminal_id(), Utc::now() + offset.unwrap_or_default()));
        if walk.report.incomplete.is_none() {
            let (from, until) = judged(window, listed, offset, skew);
            match self.unlisted(from, until, &walk.seen) {
                Ok(missing) => walk.report.unknown_to_server = missing,
                Err(e) => {
                    walk.report.incomplete =
                        Some(Message::new(MsgId::OrderStore).msg_of("error", e.message()))
                }
            }
        }
        Ok(walk.report)
    }

    /// Every page of one list. The first answer of a run may be the first to tell the server's
    /// clock: when it is further off than the skew, the list is read again from page 1, that
    /// much wider. A list that repeats its pages, or claims more than its window can hold,
    /// is cut (the walk says so). A page that cannot be read ends the walk, said in the report.
    async fn walk_list(
        &self,
        walk: &mut Walk<'_>,
        span: &mut Span<'_>,
        progress: &mut (dyn FnMut(&AuditProgress) + Send),
    ) -> Result<(), AuditError> {
        let mut request = ListRequest::new(1, span.page_size, Some(*span.listed))?;
        let mut bound = PageBound::new(*span.listed, span.page_size);
        loop {
            let page = match self.fetch_page(walk.source, &request).await {
                Ok(p) => p,
                Err(e) => {
                    walk.report.incomplete = Some(e.message());
                    return Ok(());
                }
            };
            if walk.report.pages == 0 && span.offset.is_none() {
                *span.offset = self.api().server_clock_offset();
                let wider = listed_window(span.window, span.skew, *span.offset)?;
                if wider != *span.listed {
                    *span.listed = wider;
                    request = ListRequest::new(1, span.page_size, Some(wider))?;
                    bound = PageBound::new(wider, span.page_size);
                    continue;
                }
            }
            if walk.report.pages == 0 {
                // The first list answer tells OneClickDz's clock: this store's claim on its
                // terminal id starts there when it has not yet.
                let server_now = Utc::now() + self.api().server_clock_offset().unwrap_or_default();
                walk.start_claim(server_now);
            }
            walk.report.pages += 1;
            walk.report
                .unreadable
                .extend(page.unreadable.iter().map(|u| Message::from(u.as_str())));
            let mut new = 0;
            for item in &page.items {
                new += usize::from(walk.item(item).await);
            }
            progress(&AuditProgress {
                pages_read: walk.report.pages,
                total_pages: walk.pages_before + page.pagination.total_pages,
                checked: walk.report.checked,
                restored: walk.report.restored.len(),
                external: walk.report.external,
            });
            if page.items.is_empty() || !page.has_next() {
                return Ok(());
            }
            let cut = if new == 0 {
                Some(ListCut::Repeating {
                    page: walk.report.pages,
                })
            } else {
                bound.after(&page).map(|pages| ListCut::PageBound {
                    pages,
                    claimed: page.pagination.total_pages,
                })
            };
            if let Some(cut) = cut {
                tracing::warn!("audit: {}", cut.message().in_lang(crate::i18n::Lang::En));
                walk.report.incomplete = Some(cut.message());
                walk.report.cut = Some(cut);
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
            // Background work: it gives way to the clerk's requests (see `api::lanes`).
            let api = self.api().background();
            let page = match source {
                ListSource::Mobile => api.list_topups(request).await,
                ListSource::Internet => api.internet_list(request).await,
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

/// The window read from the list: the one asked for, `skew` wider at each end (clocks a few
/// minutes apart lose nothing), and wider again by how far the server's clock is from ours
/// when that is more than the skew (`offset`: server minus till, when an answer told it).
fn listed_window(
    window: TimeWindow,
    skew: chrono::Duration,
    offset: Option<chrono::Duration>,
) -> Result<TimeWindow, AuditError> {
    let widen = offset
        .map(|o| o.abs().min(MAX_CLOCK_WIDENING))
        .filter(|w| *w > skew)
        .unwrap_or_else(chrono::Duration::zero);
    Ok(TimeWindow::new(
        window.from() - skew - widen,
        window.to() + skew + widen,
    )?)
}

/// The part of the till's window whose orders the list must show: the server's window read,
/// on the till's clock (shifted by the offset measured, perhaps only during the walk), less the
/// skew at each end. Never wider than the window asked for.
fn judged(
    window: TimeWindow,
    listed: TimeWindow,
    offset: Option<chrono::Duration>,
    skew: chrono::Duration,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let off = offset
        .unwrap_or_else(chrono::Duration::zero)
        .clamp(-MAX_CLOCK_OFFSET, MAX_CLOCK_OFFSET);
    let from = window.from().max(listed.from() - off + skew);
    let until = (window.to() - skew).min(listed.to() - off - skew);
    (from, until)
}

/// The most pages a walk reads: what its window could hold, what the list says it holds (the
/// highest count it gave), and [`MAX_PAGES`], whichever is least.
struct PageBound {
    by_time: u64,
    page_size: u64,
    most_listed: u64,
}

impl PageBound {
    fn new(window: TimeWindow, page_size: u32) -> PageBound {
        let hours = (window.to() - window.from()).num_seconds().max(0) as u64 / 3600 + 1;
        let page_size = u64::from(page_size.max(1));
        PageBound {
            by_time: (hours * MAX_ORDERS_PER_HOUR).div_ceil(page_size) + u64::from(PAGE_SLACK),
            page_size,
            most_listed: 0,
        }
    }

    /// After a page: `Some(bound)` when the walk has read as many pages as it may.
    fn after(&mut self, page: &TopupPage) -> Option<u32> {
        self.most_listed = self.most_listed.max(page.pagination.total_results);
        let by_count = self.most_listed.div_ceil(self.page_size) + u64::from(PAGE_SLACK);
        let bound = self.by_time.min(by_count).min(u64::from(MAX_PAGES)) as u32;
        (page.pagination.page >= u64::from(bound)).then_some(bound)
    }
}

/// The order no longer shows a conflict the server has since taken back.
fn clear_conflict(rec: &mut OrderRecord) {
    if matches!(rec.last_error, Some(Problem::Conflict(_))) {
        rec.last_error = None;
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
    /// This store's claim on its terminal id, and the other till met under it (see
    /// [`crate::orders::claim`]); `None` when the store could not say.
    claim: Option<Claim>,
    twin: Option<TwinTill>,
    /// The list being read.
    source: ListSource,
    /// Pages read from the lists before this one (for the progress line).
    pages_before: u64,
}

impl Walk<'_> {
    fn load_claim(&mut self) {
        let store = self.lc.store();
        match (Claim::load(store), TwinTill::load(store)) {
            (Ok(c), Ok(t)) => (self.claim, self.twin) = (Some(c), t),
            (Err(e), _) | (_, Err(e)) => self.report.error("terminal_claim", e.message()),
        }
    }

    fn start_claim(&mut self, server_now: DateTime<Utc>) {
        if self.claim.as_ref().is_some_and(|c| c.since.is_none()) {
            match Claim::start(self.lc.store(), server_now) {
                Ok(c) => self.claim = Some(c),
                Err(e) => self.report.error("terminal_claim", e.message()),
            }
        }
    }

    /// Whose a listed ref of this till's terminal id, with `key`, is (this store's, an earlier
    /// store's, or another till's under the same id).
    fn whose(&self, key: OrderKey, item: &TopupInfo) -> Whose {
        match &self.claim {
            Some(c) => c.whose(key, record::created_at(item), self.twin.as_ref()),
            None => Whose::Earlier,
        }
    }

    /// Remembers another till's order under this id (for the warning and its earlier orders).
    fn note_twin(&mut self, reference: &str, key: OrderKey, item: &TopupInfo) {
        let made = record::created_at(item).unwrap_or_else(Utc::now);
        match TwinTill::note(self.lc.store(), self.lc.terminal_id(), key, made) {
            Ok(t) => self.twin = Some(t),
            Err(e) => self.report.error(reference, e.message()),
        }
        self.report.twin_orders.push(reference.to_string());
    }

    /// A listed order this store restored as its own, or keeps apart, that another till made
    /// under this id: set apart (once) and counted. `true` when it is such an order.
    async fn twin_known(
        &mut self,
        local: &OrderRecord,
        item: &TopupInfo,
    ) -> Result<bool, OrderError> {
        let Owner::Own(key) = record::owner(&local.reference, self.lc.terminal_id()) else {
            return Ok(false);
        };
        let marked = local.history.iter().any(|h| h.note == Some(Note::TwinTill));
        let restored_twin =
            local.origin == Origin::Restored && self.whose(key, item) == Whose::Twin;
        if !marked && !restored_twin {
            return Ok(false);
        }
        if restored_twin {
            tracing::warn!(
                reference = %local.reference,
                "audit: made by another till under this terminal id; set apart"
            );
            self.lc
                .modify(&local.reference, |rec, now| {
                    rec.origin = Origin::External;
                    rec.note(now, Note::TwinTill);
                })
                .await?;
        }
        self.note_twin(&local.reference, key, item);
        Ok(true)
    }

    /// One listed order; `false` when an earlier page already showed it.
    async fn item(&mut self, item: &TopupInfo) -> bool {
        let reference = record::item_ref(item).to_string();
        if !self.seen.insert(reference.clone()) {
            return false;
        }
        self.report.checked += 1;
        let local = match self.lc.store().get_by_ref(&reference) {
            Ok(l) => l,
            Err(e) => {
                self.report.error(&reference, e.message());
                return true;
            }
        };
        let result = match local {
            Some(local) => self.known(local, item).await,
            None => self.unknown(&reference, item).await,
        };
        if let Err(e) = result {
            self.report.error(&reference, e.message());
        }
        true
    }

    /// A listed order the store has.
    async fn known(&mut self, local: OrderRecord, item: &TopupInfo) -> Result<(), OrderError> {
        let reference = local.reference.clone();
        let local = if self.twin_known(&local, item).await? {
            match self.lc.store().get_by_ref(&reference)? {
                Some(l) => l,
                None => return Ok(()),
            }
        } else {
            local
        };
        if local.is_external() {
            self.report.external += 1;
        }
        match judge(&local, item) {
            Verdict::Agrees => {}
            Verdict::Conflict(conflict) => {
                tracing::warn!(
                    reference,
                    "audit: {}",
                    conflict.message().in_lang(crate::i18n::Lang::En)
                );
                self.lc.note_conflict(&reference, conflict.clone()).await?;
                self.report.conflicts.push((reference, conflict));
            }
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
                    .modify(&reference, move |rec, _| {
                        rec.api = Some(info);
                        clear_conflict(rec);
                    })
                    .await?;
            }
            Verdict::Follow => {
                let info = item.clone();
                self.lc
                    .modify(&reference, move |rec, now| {
                        let state = record::state_of(&info.status);
                        rec.transition(state, now, Some(Note::Listed));
                        rec.api = Some(info);
                        clear_conflict(rec);
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
        let (origin, key, twin) = match record::owner(reference, self.lc.terminal_id()) {
            Owner::Own(key) => match self.whose(key, item) {
                Whose::Ours | Whose::Earlier => (Origin::Restored, key, false),
                Whose::Twin => (Origin::External, key, true),
            },
            Owner::Other => (Origin::External, record::external_key(item, now), false),
        };
        let mut rec = match record::from_item(item, self.source, origin, key, self.plans, now) {
            Ok(r) => r,
            Err(why) => {
                self.report.unreadable.push(why);
                return Ok(());
            }
        };
        if twin {
            tracing::warn!(
                reference,
                "audit: made by another till under this terminal id; kept apart"
            );
            rec.note(now, Note::TwinTill);
            self.note_twin(reference, key, item);
        }
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
