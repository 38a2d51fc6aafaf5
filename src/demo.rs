//! Demo history: realistic, varied orders for benchmarks, screenshots and UI work on a big
//! history (a million orders is about two years of a busy shop).
//!
//! Orders of all three operators and every plan of the embedded catalogue
//! (`assets/plans.json`), repeat customers, shop hours (08:00–22:00 Algiers), mostly FULFILLED,
//! some REFUNDED (with the Arabic `refund_message`, sometimes `suggested_offers`), refused and
//! not-sent ones, and among the newest few a handful still open (PENDING, HANDLING,
//! UNKNOWN_ERROR…). The same `seed` gives the same orders, placed back in time from "now".
//!
//! Refs are made like the lifecycle's ([`make_ref`] with the terminal id [`DEMO_TERMINAL`]), so
//! they name their keys and need no index.
//!
//! # Customers
//! A shop sells to its regulars again and again. Each order's number is drawn from
//! [`CUSTOMERS`] (100 000) distinct numbers (40 % `06`, 35 % `07`, 25 % `05`) with a Zipf-like
//! weight `1 / (rank + 50)`: heavy-tailed. For a million orders that gives about 90 000
//! distinct numbers; the top ones have ~2 500 orders each, ~80 have 1 000 or more, ~1 300 have
//! 100 or more, while ~17 000 numbers bought once and half of the numbers three times or less.

use crate::api::types::{Plan, PlanKind, PlansData, SuggestedOffer, TopupInfo, TopupStatus};
use crate::api::{ApiError, NetworkKind, Refusal};
use crate::ledger::reference::make_ref;
use crate::ledger::{
    Note, ORDER_RECORD_VERSION, OrderKey, OrderRecord, OrderState, Problem, StateChange, Status,
};
use crate::money::Dzd;
use crate::rules::Operator;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Timelike, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const EMBEDDED_PLANS: &str = include_str!("../assets/plans.json");
/// The terminal id in demo refs (never a real till's: those are 8 random characters).
pub const DEMO_TERMINAL: &str = "demo";
/// Orders per `insert_batch`.
const CHUNK: usize = 10_000;
/// A busy shop's day.
const ORDERS_PER_DAY: i64 = 1_200;
/// Shop hours in UTC (Algiers is UTC+1, no daylight saving): 08:00–22:00 local.
const OPEN_HOUR_UTC: u32 = 7;
const CLOSE_HOUR_UTC: u32 = 21;
/// Only the newest orders may still be open.
const OPEN_WINDOW: usize = 200;
/// Distinct numbers orders are drawn from (see the module docs).
pub const CUSTOMERS: usize = 100_000;
/// The Zipf-like weight of the customer of rank `r` is `1 / (r + CUSTOMER_WEIGHT_OFFSET)`.
const CUSTOMER_WEIGHT_OFFSET: f64 = 50.0;

/// Writes `n` demo orders into `store` (in batches of 10 000, each flushed) and returns how
/// many were written (`n`).
pub fn generate_demo_orders(store: &Store, n: usize, seed: u64) -> Result<usize, StoreError> {
    let mut generator = Generator::new(seed, Utc::now())?;
    let mut chunk = Vec::with_capacity(CHUNK.min(n));
    for i in 0..n {
        chunk.push(generator.order(i));
        if chunk.len() == CHUNK {
            store.insert_batch(&chunk)?;
            chunk.clear();
        }
    }
    store.insert_batch(&chunk)?;
    Ok(n)
}

struct Generator {
    rng: StdRng,
    plans: Vec<(Operator, Vec<Plan>)>,
    customers: Vec<String>,
    /// Cumulative weights of `customers` (the last one is 1).
    customer_cdf: Vec<f64>,
    /// The time of the previous (newer) order; orders are made newest first.
    clock: DateTime<Utc>,
    step_ms: i64,
}

impl Generator {
    fn new(seed: u64, now: DateTime<Utc>) -> Result<Generator, StoreError> {
        let data: PlansData = serde_json::from_str(EMBEDDED_PLANS)
            .map_err(|e| StoreError::Invalid(format!("embedded assets/plans.json: {e}")))?;
        let plans: Vec<(Operator, Vec<Plan>)> = Operator::ALL
            .iter()
            .map(|&op| {
                let mine = data
                    .all()
                    .filter(|p| crate::rules::Operator::of_plan(p) == Some(op))
                    .cloned()
                    .collect();
                (op, mine)
            })
            .collect();
        if plans.iter().any(|(_, p)| p.is_empty()) {
            return Err(StoreError::Invalid(
                "embedded assets/plans.json lacks plans for an operator".into(),
            ));
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let customers = distinct_numbers(&mut rng, CUSTOMERS);
        let customer_cdf = zipf_cdf(CUSTOMERS);
        let open_ms = i64::from(CLOSE_HOUR_UTC - OPEN_HOUR_UTC) * 3_600_000;
        Ok(Generator {
            rng,
            plans,
            customers,
            customer_cdf,
            clock: now - Duration::minutes(1),
            step_ms: open_ms / ORDERS_PER_DAY,
        })
    }

    /// The time of the next (older) order: one step back, skipping the night.
    fn older_time(&mut self) -> DateTime<Utc> {
        let step = self
            .rng
            .random_range(self.step_ms / 2..=self.step_ms * 3 / 2);
        let mut t = self.clock - Duration::milliseconds(step);
        if t.hour() < OPEN_HOUR_UTC || t.hour() >= CLOSE_HOUR_UTC {
            let day = if t.hour() < OPEN_HOUR_UTC {
                t.date_naive().pred_opt().unwrap_or(t.date_naive())
            } else {
                t.date_naive()
            };
            let close = day
                .and_hms_opt(CLOSE_HOUR_UTC, 0, 0)
                .map(|c| c.and_utc())
                .unwrap_or(t);
            t = close - Duration::milliseconds(self.rng.random_range(0..self.step_ms));
        }
        self.clock = t;
        t
    }

    /// The `i`-th order counted from the newest.
    fn order(&mut self, i: usize) -> OrderRecord {
        let created = self.older_time();
        let low = ((i as u64) << 24) | self.rng.random_range(0..1u64 << 24);
        let key = OrderKey(((created.timestamp_millis().max(0) as u128) << 64) | low as u128);
        let reference = make_ref(DEMO_TERMINAL, key);
        let roll: f64 = self.rng.random();
        let rank = self
            .customer_cdf
            .partition_point(|&c| c < roll)
            .min(self.customers.len() - 1);
        let phone = self.customers[rank].clone();
        let operator = phone
            .chars()
            .nth(1)
            .and_then(Operator::from_prefix)
            .unwrap_or(Operator::Mobilis);
        let plan = self.pick_plan(operator);
        let amount = self.pick_amount(&plan);
        let kind = plan.kind();
        // Unknown when the plan has no `cost` (wholesale): the API then reports the charge.
        let expected_cost = plan.cost.and_then(|c| amount.times(c));
        let price = match kind {
            PlanKind::GetMenu => None,
            _ => Some(amount + Dzd::from_dinars(if amount.centimes() < 100_000 { 10 } else { 0 })),
        };
        let mut rec = OrderRecord {
            v: ORDER_RECORD_VERSION,
            key,
            reference,
            created_at: created,
            updated_at: created,
            phone,
            line: operator.into(),
            plan_code: plan.code.clone(),
            plan_name: plan.name.clone(),
            plan_kind: kind,
            amount,
            expected_cost,
            price,
            state: OrderState::Saved,
            topup_id: None,
            api: None,
            history: vec![StateChange {
                at: created,
                state: Status::Saved,
                note: None,
            }],
            send_attempts: 1,
            checks: 0,
            last_error: None,
            origin: Default::default(),
        };
        self.play_out(&mut rec, i < OPEN_WINDOW, &plan);
        rec
    }

    fn pick_plan(&mut self, operator: Operator) -> Plan {
        let plans = self
            .plans
            .iter()
            .find(|(op, _)| *op == operator)
            .map(|(_, p)| p.as_slice())
            .unwrap_or(&[]);
        let pick = |code_start: &str| plans.iter().find(|p| p.code.starts_with(code_start));
        let roll = self.rng.random_range(0..100);
        let chosen = match roll {
            0..68 => pick("PREPAID"),
            68..73 => pick("FACTURE"),
            73..75 => pick("GROS"),
            75..78 => pick("GETMENU"),
            _ => {
                let fixed: Vec<&Plan> = plans
                    .iter()
                    .filter(|p| p.kind() == PlanKind::Fixed)
                    .collect();
                if fixed.is_empty() {
                    None
                } else {
                    Some(fixed[self.rng.random_range(0..fixed.len())])
                }
            }
        };
        // Every operator has at least one plan (checked in `new`).
        chosen
            .or_else(|| plans.first())
            .cloned()
            .unwrap_or_else(|| Plan {
                code: operator.prepaid_code().into(),
                name: "PREPAID".into(),
                operator: operator.name().into(),
                cost: None,
                is_enabled: true,
                min_amount: None,
                max_amount: None,
                amount: Some(Dzd::from_dinars(100)),
            })
    }

    fn pick_amount(&mut self, plan: &Plan) -> Dzd {
        if let Some(a) = plan.amount.filter(|_| plan.kind() == PlanKind::Fixed) {
            return a;
        }
        let min = plan.min_amount.unwrap_or(Dzd::from_dinars(100));
        let max = plan.max_amount.unwrap_or(Dzd::from_dinars(5_000)).max(min);
        let wanted = match plan.kind() {
            PlanKind::GetMenu => return min,
            _ if plan.code.starts_with("FACTURE") => {
                Dzd::from_dinars(self.rng.random_range(80..900) * 10)
            }
            _ if plan.code.starts_with("GROS") => {
                Dzd::from_dinars(self.rng.random_range(5..60) * 1_000)
            }
            _ => {
                const USUAL: [i64; 9] = [50, 100, 100, 200, 200, 500, 500, 1000, 2000];
                Dzd::from_dinars(USUAL[self.rng.random_range(0..USUAL.len())])
            }
        };
        wanted.clamp(min, max)
    }

    /// Sends the order through a plausible life: sent, pending, then its outcome.
    fn play_out(&mut self, rec: &mut OrderRecord, may_be_open: bool, plan: &Plan) {
        // Demo histories are mobile top-ups.
        let operator = rec.line.operator().unwrap_or(Operator::Mobilis);
        let mut at = rec.created_at;
        let mut step = |rng: &mut StdRng, lo: i64, hi: i64| {
            at += Duration::milliseconds(rng.random_range(lo..hi));
            at
        };
        let roll = self.rng.random_range(0..1000);
        if may_be_open && roll < 100 {
            let t = step(&mut self.rng, 300, 1500);
            let state = match roll % 6 {
                0 => OrderState::Saved,
                1 => OrderState::Unconfirmed { since: t },
                2 => OrderState::Sent,
                3 => OrderState::Pending,
                4 => OrderState::Handling,
                _ => OrderState::UnknownError,
            };
            if !matches!(state, OrderState::Saved | OrderState::Unconfirmed { .. }) {
                self.sent(rec, t, TopupStatus::Pending);
            }
            if matches!(state, OrderState::Unconfirmed { .. }) {
                rec.last_error = Some(Problem::Api(ApiError::Network {
                    kind: NetworkKind::Broken,
                    message: "connection reset by peer".into(),
                }));
            }
            if state == OrderState::UnknownError {
                self.answer(
                    rec,
                    TopupStatus::UnknownError,
                    Some(UNKNOWN_ERROR_MESSAGE.into()),
                );
            }
            rec.transition(state, t, None);
            return;
        }
        match roll {
            0..15 => {
                let t = step(&mut self.rng, 200, 900);
                let (status, code, message) = REFUSALS[self.rng.random_range(0..REFUSALS.len())];
                let e = ApiError::from_error_body(status, code.into(), message.into(), None, None);
                let why = e.refusal().cloned().unwrap_or(Refusal::Other);
                rec.transition(
                    OrderState::Refused {
                        code: code.into(),
                        message: message.into(),
                    },
                    t,
                    Some(Note::Refused(why)),
                );
                return;
            }
            15..25 => {
                let t = step(&mut self.rng, 1_000, 3_000);
                rec.transition(
                    OrderState::Unconfirmed { since: t },
                    t,
                    Some(Note::NoClearAnswer(ApiError::Network {
                        kind: NetworkKind::Timeout,
                        message: "operation timed out".into(),
                    })),
                );
                let t = step(&mut self.rng, 600_000, 900_000);
                rec.transition(OrderState::NotSent, t, Some(Note::NotSent));
                rec.checks = 4;
                return;
            }
            _ => {}
        }
        let t = step(&mut self.rng, 300, 1500);
        self.sent(rec, t, TopupStatus::Pending);
        rec.transition(OrderState::Sent, t, None);
        let t = step(&mut self.rng, 2_000, 6_000);
        rec.transition(OrderState::Pending, t, None);
        rec.checks = self.rng.random_range(1..5);
        let getmenu = rec.plan_kind == PlanKind::GetMenu;
        if getmenu || roll < 80 {
            let t = step(&mut self.rng, 10_000, 40_000);
            let (message, offers) = if getmenu {
                (getmenu_message(&rec.phone), self.offers(operator, plan))
            } else if roll < 45 {
                (refund_wrong_number(&rec.phone), Vec::new())
            } else if roll < 60 {
                (refund_with_offers(&rec.phone), self.offers(operator, plan))
            } else {
                // UNKNOWN_ERROR for hours, then found failed.
                self.answer(
                    rec,
                    TopupStatus::UnknownError,
                    Some(UNKNOWN_ERROR_MESSAGE.into()),
                );
                rec.transition(OrderState::UnknownError, t, None);
                let later = t + Duration::minutes(self.rng.random_range(60..720));
                at = later;
                (unknown_resolved_refunded(&rec.phone), Vec::new())
            };
            self.answer(rec, TopupStatus::Refunded, Some(message));
            if let Some(api) = rec.api.as_mut() {
                api.suggested_offers = offers;
            }
            rec.transition(OrderState::Refunded, at.max(t), None);
        } else {
            let t = step(&mut self.rng, 5_000, 40_000);
            self.answer(rec, TopupStatus::Fulfilled, None);
            rec.transition(OrderState::Fulfilled, t, None);
        }
    }

    fn sent(&mut self, rec: &mut OrderRecord, at: DateTime<Utc>, status: TopupStatus) {
        let id = format!("{:024x}", self.rng.random::<u128>() >> 32);
        rec.topup_id = Some(id.clone());
        rec.api = Some(TopupInfo {
            id,
            reference: Some(rec.reference.clone()),
            status,
            plan_code: Some(rec.plan_code.clone()),
            mssidn: Some(rec.phone.clone()),
            topup_amount: Some(rec.amount),
            balance_amount: rec.expected_cost.or(Some(rec.amount)),
            created_at: Some(at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
            refund_message: None,
            suggested_offers: Vec::new(),
            follow_orderid: None,
            retry_orderid: None,
            kind: None,
            number: None,
            card_code: None,
            num_trans: None,
            date_traitement: None,
            extra: Default::default(),
        });
    }

    fn answer(&mut self, rec: &mut OrderRecord, status: TopupStatus, message: Option<String>) {
        if let Some(api) = rec.api.as_mut() {
            api.status = status;
            api.refund_message = message;
        }
    }

    /// Two or three fixed plans of the line's operator, as a refund or GETMENU suggests.
    fn offers(&mut self, operator: Operator, excluded: &Plan) -> Vec<SuggestedOffer> {
        let candidates: Vec<SuggestedOffer> = self
            .plans
            .iter()
            .filter(|(op, _)| *op == operator)
            .flat_map(|(_, plans)| plans.iter())
            .filter(|p| p.kind() == PlanKind::Fixed && p.is_enabled && p.code != excluded.code)
            .filter_map(|p| {
                Some(SuggestedOffer {
                    typename: p.name.clone(),
                    plan_code: p.code.clone(),
                    amount: p.amount?,
                })
            })
            .collect();
        let take = self.rng.random_range(2..=3).min(candidates.len());
        let skip = if candidates.len() > take {
            self.rng.random_range(0..=candidates.len() - take)
        } else {
            0
        };
        candidates.into_iter().skip(skip).take(take).collect()
    }
}

/// `n` different mobile numbers: `0` + operator digit + 8 digits.
fn distinct_numbers(rng: &mut StdRng, n: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let prefix = match rng.random_range(0..100) {
            0..40 => "06",
            40..75 => "07",
            _ => "05",
        };
        let number = format!("{prefix}{:08}", rng.random_range(0..100_000_000u32));
        if seen.insert(number.clone()) {
            out.push(number);
        }
    }
    out
}

/// Cumulative, normalised weights `1 / (rank + offset)` for `n` ranks.
fn zipf_cdf(n: usize) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = (0..n)
        .map(|r| {
            acc += 1.0 / (r as f64 + CUSTOMER_WEIGHT_OFFSET);
            acc
        })
        .collect();
    for c in &mut cdf {
        *c /= acc;
    }
    cdf
}

/// Refusals the API gives at send time (nothing charged).
const REFUSALS: [(u16, &str, &str); 3] = [
    (
        403,
        "INSUFFICIENT_BALANCE",
        "Your balance is insufficient for this operation",
    ),
    (
        400,
        "ERR_VALIDATION",
        "body/amount must be <= max_amount of the plan",
    ),
    (
        400,
        "ERR_SERVICE",
        "The operator service is temporarily unavailable",
    ),
];

/// The documented UNKNOWN_ERROR text (check-by-id page).
const UNKNOWN_ERROR_MESSAGE: &str = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة";

fn refund_wrong_number(number: &str) -> String {
    format!(
        "فشلت عملية التعبئة: الرقم {number} غير صحيح أو غير مؤهل لهذه الخدمة. تم استرجاع المبلغ إلى رصيدك، يرجى التأكد من الرقم مع الزبون."
    )
}

fn refund_with_offers(number: &str) -> String {
    format!(
        "هذا العرض غير متوفر للرقم {number} حسب اشتراكه. تم استرجاع المبلغ إلى رصيدك، يمكنك اختيار أحد العروض المقترحة المتاحة لهذا الرقم."
    )
}

fn getmenu_message(number: &str) -> String {
    format!(
        "هذه هي العروض المتاحة للرقم {number}. تم استرجاع المبلغ المخصوم كاملاً، اختر أحد العروض لإرسالها."
    )
}

fn unknown_resolved_refunded(number: &str) -> String {
    format!("بعد التحقق تبيّن أن عملية تعبئة الرقم {number} لم تتم. تم استرجاع المبلغ إلى رصيدك.")
}
