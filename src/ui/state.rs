//! All the counter screen's state, as plain data. Only `update` changes it; `view` reads it.

use super::fit::{Room, TooSmall};
use super::msg::{ReportData, SaleDraft, SaleId};
pub use super::notice::{Notice, NoticeKind};
use super::text_bridge::BidiMode;
use crate::api::types::{PlansData, SuggestedOffer};
use crate::books::Period;
use crate::i18n::{Lang, Message};
use crate::ledger::OrderQuery;
use crate::ledger::Regular;
use crate::orders::{OrderKey, OrderRecord};
use crate::rules::ShopClock;
use crate::rules::{InternetType, OperatorHealth, Phone, PriceRule, Product};
use crate::till_status::{RunMode, StatusInfo};
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use ratatui::widgets::TableState;

/// The screens reachable with F2/F3/F4 (and Enter on a history row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Sale,
    Plans,
    History,
    Detail,
    Report,
}

/// The steps of a sale, in order; Enter moves forward, Esc back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaleStep {
    Phone,
    Plan,
    Amount,
    Confirm,
}

/// How many past messages the notices list keeps (the oldest goes first).
pub const NOTICES_KEPT: usize = 50;

/// A message that was shown as a toast, kept with its time for the notices list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastNotice {
    pub at: DateTime<Utc>,
    pub notice: Notice,
}

/// The notices list: the last toasts of the session, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticesView {
    pub open: bool,
    /// The first row shown.
    pub scroll: usize,
    pub past: std::collections::VecDeque<PastNotice>,
}

/// A message in the message line that goes away by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub notice: Notice,
    pub until: DateTime<Utc>,
}

/// GETMENU: nothing asked, waiting for the answer, or the offers to choose from.
#[derive(Clone, Debug, PartialEq)]
pub enum MenuState {
    Off,
    Waiting(Phone),
    Offers {
        phone: Phone,
        offers: Vec<SuggestedOffer>,
    },
}

/// The sale form.
#[derive(Clone, Debug, PartialEq)]
pub struct SaleForm {
    pub step: SaleStep,
    /// The number as shown: normalised digits (`0661…`), or a country prefix being typed (`+21`).
    pub phone: String,
    pub phone_notice: Option<Notice>,
    /// Index into the current choices (plans for the line, or GETMENU offers).
    pub cursor: usize,
    /// A plan chosen in the plan browser, pre-selected once a number of its operator is typed.
    pub preferred_plan: Option<String>,
    /// Typed amount, ASCII digits only.
    pub amount: String,
    pub amount_notice: Option<Notice>,
    pub plan_notice: Option<Notice>,
    pub confirm_notice: Option<Notice>,
    pub menu: MenuState,
    /// Set when the same top-up was sent moments ago: the next Enter sends anyway.
    pub duplicate_armed: bool,
    /// Bumped each time the confirm step is entered; a draft is sent at most once per value.
    pub draft_seq: u64,
    pub sent_seq: u64,
    /// Numbers from the history starting with the digits typed, most recent first.
    pub regulars: Vec<Regular>,
    /// The digits the regulars were looked up for.
    pub regulars_for: String,
    /// The regular highlighted (Up/Down on the number); F8 repeats it, or the first.
    pub regular_cursor: Option<usize>,
    /// What is sold: a mobile top-up, or an Idoom ADSL or 4G top-up (the product key).
    pub product: Product,
    /// An internet line's check with OneClickDz (check-number), once its number is complete.
    pub line: LineStatus,
    /// The operator is down at OneClickDz: the next Enter sends anyway.
    pub down_armed: bool,
}

/// What OneClickDz said about the internet line typed (check-number), for that number.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LineStatus {
    #[default]
    Unchecked,
    Checking(String),
    /// A line it can top up, with its offer (ADSL).
    Found {
        number: String,
        offer: Option<String>,
    },
    Refused {
        number: String,
        message: Message,
    },
    /// No clear answer: the sale may go on (the send itself is safe).
    Unclear {
        number: String,
        message: Message,
    },
}

impl LineStatus {
    /// The number this status is about.
    pub fn number(&self) -> Option<&str> {
        match self {
            LineStatus::Unchecked => None,
            LineStatus::Checking(n)
            | LineStatus::Found { number: n, .. }
            | LineStatus::Refused { number: n, .. }
            | LineStatus::Unclear { number: n, .. } => Some(n),
        }
    }
}

/// The values on sale for one internet type, as the screen has them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProductsView {
    pub products: Option<crate::api::internet::InternetProducts>,
    pub fetched_at: Option<DateTime<Utc>>,
    pub from_cache: bool,
    pub error: Option<Message>,
}

/// An internet sale sent in this session: its settling is toasted, and once FULFILLED its
/// proof (card code, transaction number, date) is shown large.
pub type InternetSent = Sent<super::msg::InternetDraft>;

impl Default for SaleForm {
    fn default() -> Self {
        SaleForm {
            step: SaleStep::Phone,
            phone: String::new(),
            phone_notice: None,
            cursor: 0,
            preferred_plan: None,
            amount: String::new(),
            amount_notice: None,
            plan_notice: None,
            confirm_notice: None,
            menu: MenuState::Off,
            duplicate_armed: false,
            draft_seq: 0,
            sent_seq: 0,
            regulars: Vec::new(),
            regulars_for: String::new(),
            regular_cursor: None,
            product: Product::Mobile,
            line: LineStatus::Unchecked,
            down_armed: false,
        }
    }
}

/// The plans in use and where they came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlansCache {
    pub data: PlansData,
    pub fetched_at: Option<DateTime<Utc>>,
    pub from_cache: bool,
    pub loaded: bool,
    pub error: Option<crate::i18n::Message>,
}

/// The plan browser (F3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanBrowser {
    pub filter: String,
    pub cursor: usize,
}

/// Which row to select when the awaited history page arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectOnLoad {
    First,
    Last,
    Keep,
}

/// The visible page of the order history (F4).
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryView {
    pub orders: Vec<OrderRecord>,
    pub has_more: bool,
    pub selected: usize,
    /// The filter applied (on the shop's clock: [`AppState::new`] sets it).
    pub query: OrderQuery,
    /// The filter line while it is being edited (`/`).
    pub filter_edit: Option<String>,
    pub filter_error: Option<Message>,
    /// The cursor of the page shown (`None`: the newest page).
    pub before: Option<OrderKey>,
    /// Cursors of the newer pages, to page back up.
    pub newer_pages: Vec<Option<OrderKey>>,
    pub query_id: u64,
    pub loading: bool,
    pub select_on_load: SelectOnLoad,
}

impl Default for HistoryView {
    fn default() -> Self {
        HistoryView {
            orders: Vec::new(),
            has_more: false,
            selected: 0,
            query: OrderQuery::default(),
            filter_edit: None,
            filter_error: None,
            before: None,
            newer_pages: Vec::new(),
            query_id: 0,
            loading: false,
            select_on_load: SelectOnLoad::First,
        }
    }
}

/// One order shown whole.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailView {
    pub order: OrderRecord,
    pub scroll: u16,
}

/// The latest orders on the sale screen, with live statuses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SalePane {
    pub orders: Vec<OrderRecord>,
    /// Keys go to the pane (Tab), not the form.
    pub focused: bool,
    pub selected: usize,
}

/// The report screen (F7).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportView {
    /// The period asked for (`None`: today, followed as the day changes).
    pub period: Option<Period>,
    pub data: Option<ReportData>,
    pub query_id: u64,
    pub loading: bool,
    /// The day or range being typed (`/`).
    pub edit: Option<String>,
    pub error: Option<Message>,
}

/// A slip laid out for the paper, line by line, as the preview shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SlipPreview {
    pub of: crate::ui::msg::SlipOf,
    pub lines: Vec<String>,
    /// The first line shown (a slip longer than the window scrolls with the list keys).
    pub scroll: usize,
}

/// A mobile sale sent during this session (duplicate warning, toasts when it settles).
pub type RecentSend = Sent<SaleDraft>;

/// Sales of each kind kept in [`AppState`]: far more than a clerk's minutes of duplicate
/// warning and unsettled answers need.
pub const SENT_KEPT: usize = 50;

/// A sale sent during this session, of either kind: its answer comes back by its draft's id.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent<D> {
    pub draft: D,
    pub at: DateTime<Utc>,
    /// When it was sent on the monotonic clock ([`AppState::mono_now`]): the duplicate
    /// warning's window, which a wall-clock step cannot open or close.
    pub at_mono: std::time::Instant,
    pub reference: Option<String>,
}

impl<D> Sent<D> {
    /// Keeps `draft`, sent now, in `list`; the oldest goes past [`SENT_KEPT`].
    pub fn keep(list: &mut Vec<Sent<D>>, draft: D, at: DateTime<Utc>, at_mono: std::time::Instant) {
        list.push(Sent {
            draft,
            at,
            at_mono,
            reference: None,
        });
        if list.len() > SENT_KEPT {
            list.remove(0);
        }
    }
}

/// Where each list on screen is scrolled to. The view keeps these between frames, so a list
/// scrolls only when the selection leaves its window, instead of being laid out from the top
/// again on every frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListStates {
    /// The plan (or GETMENU offer) list of the sale screen.
    pub sale_plans: TableState,
    /// The plan browser (F3).
    pub browser: TableState,
    /// The order history (F4).
    pub history: TableState,
    /// The sale screen's pane of latest orders.
    pub pane: TableState,
}

/// Settings the screen needs from the config.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UiSettings {
    pub price_rule: PriceRule,
    pub bidi: BidiMode,
    /// The shop's clock (config `timezone`, `day_starts_at`): times shown, `today`, `day:`.
    pub clock: ShopClock,
    pub mode: RunMode,
    /// The language on screen; the language key changes it.
    pub lang: Lang,
}

impl UiSettings {
    /// The shop's days (the report, `today`, the history's `day:`).
    pub fn clock(&self) -> ShopClock {
        self.clock
    }

    /// The shop's time zone, for times shown.
    pub fn timezone(&self) -> Tz {
        self.clock.zone()
    }
}

impl Default for UiSettings {
    fn default() -> Self {
        UiSettings {
            price_rule: PriceRule::default(),
            bidi: BidiMode::App,
            clock: ShopClock::new(crate::config::DEFAULT_TIMEZONE, NaiveTime::MIN),
            mode: RunMode::Practice,
            // Tests and benchmarks read English unless they choose; the app always sets it.
            lang: Lang::En,
        }
    }
}

/// Everything the counter screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub settings: UiSettings,
    pub screen: Screen,
    pub help_open: bool,
    /// The first help row shown (the list scrolls when the window is too short for it).
    pub help_scroll: usize,
    pub now: DateTime<Utc>,
    /// The monotonic clock, set by the runtime before each message (windows and deadlines;
    /// `now` is the wall clock, for display and records).
    pub mono_now: std::time::Instant,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The room the screen on show needs, measured by the view before each message
    /// ([`crate::ui::step`]). Unmeasured, it is larger than any window: nothing is sent.
    pub room_needed: Room,
    pub plans: PlansCache,
    pub sale: SaleForm,
    pub browser: PlanBrowser,
    pub history: HistoryView,
    pub detail: Option<DetailView>,
    /// Where Esc on the detail goes back to (the history, or the sale screen's pane).
    pub detail_back: Screen,
    pub pane: SalePane,
    pub report: ReportView,
    pub status: StatusInfo,
    pub toast: Option<Toast>,
    /// The toasts that went, kept to be read again (one key opens the list).
    pub notices: NoticesView,
    pub recent: Vec<RecentSend>,
    /// The internet product lists, by type.
    pub internet: std::collections::BTreeMap<InternetType, ProductsView>,
    /// Internet sales sent in this session.
    pub internet_sent: Vec<InternetSent>,
    /// A FULFILLED internet top-up whose proof is shown large until the clerk dismisses it.
    pub proof: Option<OrderRecord>,
    /// What the last `/v3/ping` said, and when it was asked (`None`: not yet).
    pub health: Option<OperatorHealth>,
    pub pinged_at: Option<DateTime<Utc>>,
    /// The id of the last sale sent this session (the next one gets the following number).
    pub last_sale: SaleId,
    /// A slip shown as it will print (the preview key), over the screen until closed.
    pub preview: Option<SlipPreview>,
    /// Written by the view only.
    pub lists: ListStates,
    /// Something visible changed since the last draw.
    pub dirty: bool,
    pub quit: bool,
}

impl AppState {
    pub fn new(settings: UiSettings, now: DateTime<Utc>) -> Self {
        AppState {
            settings,
            screen: Screen::Sale,
            help_open: false,
            help_scroll: 0,
            now,
            mono_now: std::time::Instant::now(),
            size: (80, 24),
            room_needed: Room {
                cols: u16::MAX,
                rows: u16::MAX,
            },
            plans: PlansCache::default(),
            sale: SaleForm::default(),
            browser: PlanBrowser::default(),
            history: HistoryView {
                query: OrderQuery::on(settings.clock()),
                ..HistoryView::default()
            },
            detail: None,
            detail_back: Screen::History,
            pane: SalePane::default(),
            report: ReportView::default(),
            status: StatusInfo::starting(settings.mode),
            toast: None,
            notices: NoticesView::default(),
            recent: Vec::new(),
            internet: Default::default(),
            internet_sent: Vec::new(),
            proof: None,
            health: None,
            pinged_at: None,
            last_sale: SaleId::default(),
            preview: None,
            lists: ListStates::default(),
            dirty: true,
            quit: false,
        }
    }

    /// The window, as a [`Room`].
    pub fn window(&self) -> Room {
        Room {
            cols: self.size.0,
            rows: self.size.1,
        }
    }

    /// `Some` while the window is smaller than the screen on show needed when the message came
    /// in: `update` neither sends nor takes typing then.
    pub fn too_small(&self) -> Option<TooSmall> {
        self.too_small_for(self.room_needed)
    }

    /// `Some` when the window is smaller than `need`.
    pub fn too_small_for(&self, need: Room) -> Option<TooSmall> {
        super::fit::too_small(need, self.window(), self.screen == Screen::Sale)
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Regulars are on offer: the number is being typed and some were found.
    pub fn regulars_offered(&self) -> bool {
        self.sale.step == SaleStep::Phone && !self.sale.regulars.is_empty()
    }

    /// The shop day it is now.
    pub fn today(&self) -> chrono::NaiveDate {
        self.settings.clock().day_of(self.now)
    }

    /// The period on the report screen: the one chosen, or today.
    pub fn report_period(&self) -> Period {
        self.report
            .period
            .unwrap_or_else(|| Period::day(self.today()))
    }

    /// History rows that fit on screen: the page size asked from the store.
    pub fn history_rows(&self) -> usize {
        history_rows_for_height(self.size.1)
    }

    /// Help rows that fit in the window (the help covers it all, inside a border).
    pub fn help_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(2)).max(1)
    }

    /// The furthest the notices list scrolls: its last row at the bottom.
    pub fn notices_scroll_max(&self) -> usize {
        self.notices.past.len().saturating_sub(self.help_rows())
    }

    /// The furthest the help list scrolls: its last row at the bottom.
    pub fn help_scroll_max(&self) -> usize {
        crate::ui::keys::keymap_help()
            .len()
            .saturating_sub(self.help_rows())
    }
}

/// Rows of the sale screen's pane of latest orders at a terminal height: about a third of the
/// screen, at least 2 rows and at most 10 (120×40: 8; 80×24: 3).
pub fn pane_rows_for_height(height: u16) -> usize {
    (usize::from(height.saturating_sub(3)) * 3 / 10)
        .saturating_sub(3)
        .clamp(2, 10)
}

/// Rows of the history table at a terminal height: tab bar, filter line, table borders and
/// header, message line and status bar take 7.
pub fn history_rows_for_height(height: u16) -> usize {
    usize::from(height.saturating_sub(7)).max(1)
}
