//! The account: starting balance, deposits and orders. The balance is never stored; it is
//! derived whenever read (initial + deposits − charges + charges of orders now REFUNDED), so an
//! order turning REFUNDED gives its money back without any timer.

use super::internet::{InternetOrder, InternetStage};
use super::timeline::{Stage, Timing, stage_at};
use crate::money::Dzd;
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One accepted top-up. Everything else about it (status, messages) is derived from its age.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub plan_code: String,
    #[serde(rename = "MSSIDN")]
    pub mssidn: String,
    /// Face value.
    pub topup_amount: Dzd,
    /// What the balance was charged (`amount × cost`).
    pub balance_amount: Dzd,
    /// Creation time, unix ms.
    pub created_ms: i64,
    #[serde(default)]
    pub getmenu: bool,
    /// Made "from the dashboard" (`POST /__emulator/external-order`), not by a send request.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dashboard: bool,
}

/// Practice money added by a trainer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deposit {
    pub amount: Dzd,
    pub at_ms: i64,
}

/// What the state file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    pub initial_balance: Dzd,
    #[serde(default)]
    pub deposits: Vec<Deposit>,
    /// Every accepted order; their refs are the used refs.
    #[serde(default)]
    pub orders: Vec<Order>,
    /// Every accepted internet top-up (format 2); their refs are used refs too.
    #[serde(default)]
    pub internet_orders: Vec<InternetOrder>,
}

/// 2 since the state may hold internet top-ups: an older emulator, which would drop them when
/// it saves, refuses the file instead.
pub const SNAPSHOT_FORMAT: u32 = 2;
/// The format before internet top-ups, still read.
const SNAPSHOT_FORMAT_MOBILE_ONLY: u32 = 1;

/// Money totals at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    pub balance: Dzd,
    pub charged: Dzd,
    pub refunded: Dzd,
}

#[derive(Clone, Debug)]
pub struct Ledger {
    initial: Dzd,
    deposits: Vec<Deposit>,
    orders: Vec<Order>,
    by_ref: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    internet: Vec<InternetOrder>,
    internet_by_ref: HashMap<String, usize>,
    internet_by_id: HashMap<String, usize>,
}

impl Ledger {
    pub fn new(initial: Dzd) -> Self {
        Ledger {
            initial,
            deposits: Vec::new(),
            orders: Vec::new(),
            by_ref: HashMap::new(),
            by_id: HashMap::new(),
            internet: Vec::new(),
            internet_by_ref: HashMap::new(),
            internet_by_id: HashMap::new(),
        }
    }

    /// Rebuilds the ledger from a state file, refusing anything inconsistent.
    pub fn from_snapshot(s: Snapshot) -> Result<Ledger, String> {
        if s.format != SNAPSHOT_FORMAT && s.format != SNAPSHOT_FORMAT_MOBILE_ONLY {
            return Err(format!(
                "format {} is not supported (expected {SNAPSHOT_FORMAT})",
                s.format
            ));
        }
        if s.initial_balance < Dzd::ZERO {
            return Err("initial_balance is negative".into());
        }
        let mut ledger = Ledger::new(s.initial_balance);
        for d in s.deposits {
            if d.amount <= Dzd::ZERO {
                return Err(format!("deposit of {} is not positive", d.amount));
            }
            ledger.deposits.push(d);
        }
        for o in s.orders {
            if o.topup_amount < Dzd::ZERO || o.balance_amount < Dzd::ZERO {
                return Err(format!("order {} has a negative amount", o.id));
            }
            if ledger.by_ref.contains_key(&o.reference) {
                return Err(format!("ref '{}' appears twice", o.reference));
            }
            if ledger.by_id.contains_key(&o.id) {
                return Err(format!("order id '{}' appears twice", o.id));
            }
            ledger.push(o);
        }
        for o in s.internet_orders {
            if o.value < Dzd::ZERO || o.cost < Dzd::ZERO {
                return Err(format!("internet order {} has a negative amount", o.id));
            }
            if ledger.ref_used(&o.reference) {
                return Err(format!("ref '{}' appears twice", o.reference));
            }
            if ledger.id_used(&o.id) {
                return Err(format!("order id '{}' appears twice", o.id));
            }
            ledger.push_internet(o);
        }
        Ok(ledger)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT,
            initial_balance: self.initial,
            deposits: self.deposits.clone(),
            orders: self.orders.clone(),
            internet_orders: self.internet.clone(),
        }
    }

    pub fn totals(&self, now_ms: i64, timing: &Timing) -> Totals {
        let mut charged = Dzd::ZERO;
        let mut refunded = Dzd::ZERO;
        for o in &self.orders {
            charged += o.balance_amount;
            if matches!(stage_at(o, now_ms, timing), Stage::Refunded(_)) {
                refunded += o.balance_amount;
            }
        }
        for o in &self.internet {
            charged += o.cost;
            if super::internet::stage_at(o, now_ms, timing) == InternetStage::Refunded {
                refunded += o.cost;
            }
        }
        let deposits = self
            .deposits
            .iter()
            .fold(Dzd::ZERO, |acc, d| acc + d.amount);
        Totals {
            balance: self.initial + deposits - charged + refunded,
            charged,
            refunded,
        }
    }

    pub fn balance(&self, now_ms: i64, timing: &Timing) -> Dzd {
        self.totals(now_ms, timing).balance
    }

    pub fn by_ref(&self, reference: &str) -> Option<&Order> {
        self.by_ref.get(reference).and_then(|&i| self.orders.get(i))
    }

    pub fn by_id(&self, id: &str) -> Option<&Order> {
        self.by_id.get(id).and_then(|&i| self.orders.get(i))
    }

    /// Mobile and internet orders.
    pub fn len(&self) -> usize {
        self.orders.len() + self.internet.len()
    }

    /// Whether a ref was used by any order of the account, mobile or internet.
    pub fn ref_used(&self, reference: &str) -> bool {
        self.by_ref.contains_key(reference) || self.internet_by_ref.contains_key(reference)
    }

    fn id_used(&self, id: &str) -> bool {
        self.by_id.contains_key(id) || self.internet_by_id.contains_key(id)
    }

    pub fn internet_by_ref(&self, reference: &str) -> Option<&InternetOrder> {
        self.internet_by_ref
            .get(reference)
            .and_then(|&i| self.internet.get(i))
    }

    pub fn internet_by_id(&self, id: &str) -> Option<&InternetOrder> {
        self.internet_by_id
            .get(id)
            .and_then(|&i| self.internet.get(i))
    }

    /// Every internet order, in the order they were accepted.
    pub fn internet_orders(&self) -> &[InternetOrder] {
        &self.internet
    }

    /// Adds an internet order whose ref and id the caller checked are unused.
    pub fn push_internet(&mut self, order: InternetOrder) {
        let i = self.internet.len();
        self.internet_by_ref.insert(order.reference.clone(), i);
        self.internet_by_id.insert(order.id.clone(), i);
        self.internet.push(order);
    }

    /// Undoes the last `push_internet` (when it could not be saved).
    pub fn pop_internet(&mut self) {
        if let Some(o) = self.internet.pop() {
            self.internet_by_ref.remove(&o.reference);
            self.internet_by_id.remove(&o.id);
        }
    }

    /// Every order, in the order they were accepted.
    pub fn orders(&self) -> &[Order] {
        &self.orders
    }

    /// Adds an order whose ref and id the caller checked are unused.
    pub fn push(&mut self, order: Order) {
        let i = self.orders.len();
        self.by_ref.insert(order.reference.clone(), i);
        self.by_id.insert(order.id.clone(), i);
        self.orders.push(order);
    }

    /// Undoes the last `push` (when it could not be saved).
    pub fn pop(&mut self) {
        if let Some(o) = self.orders.pop() {
            self.by_ref.remove(&o.reference);
            self.by_id.remove(&o.id);
        }
    }

    pub fn deposit(&mut self, d: Deposit) {
        self.deposits.push(d);
    }

    pub fn pop_deposit(&mut self) {
        self.deposits.pop();
    }

    /// A fresh 24-hex id shaped like a MongoDB ObjectId: time, random, counter.
    pub fn new_id(&self, now_ms: i64) -> String {
        let secs = (now_ms / 1000).clamp(0, i64::from(u32::MAX)) as u32;
        let mut rng = rand::rng();
        loop {
            let random: u64 = rng.random::<u64>() & 0xff_ffff_ffff;
            let counter = (self.len() as u32 + 1) & 0xff_ffff;
            let id = format!("{secs:08x}{random:010x}{counter:06x}");
            if !self.id_used(&id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const T: Timing = Timing {
        speed: 1.0,
        seed: 0,
        unknown_resolve_after: Duration::from_secs(3600),
        queued_resolve_after: Duration::from_secs(12 * 3600),
    };

    fn order(n: usize, mssidn: &str) -> Order {
        Order {
            id: format!("{n:024x}"),
            reference: format!("r{n}"),
            plan_code: "PREPAID_MOBILIS".into(),
            mssidn: mssidn.into(),
            topup_amount: Dzd::from_dinars(1000),
            balance_amount: Dzd::from_dinars(960),
            created_ms: 0,
            getmenu: false,
            dashboard: false,
        }
    }

    #[test]
    fn balance_is_charged_then_refunded_lazily() {
        let mut l = Ledger::new(Dzd::from_dinars(10_000));
        l.push(order(1, "0661234567"));
        l.push(order(2, "0600000001"));
        l.deposit(Deposit {
            amount: Dzd::from_dinars(50),
            at_ms: 0,
        });
        assert_eq!(l.balance(1_000, &T), Dzd::from_dinars(10_000 + 50 - 1920));
        let later = l.totals(20_000, &T);
        assert_eq!(later.balance, Dzd::from_dinars(10_000 + 50 - 960));
        assert_eq!(later.charged, Dzd::from_dinars(1920));
        assert_eq!(later.refunded, Dzd::from_dinars(960));
        l.pop();
        assert!(l.by_ref("r2").is_none());
        assert!(l.by_ref("r1").is_some());
    }

    #[test]
    fn snapshots_round_trip_and_damage_is_refused() {
        let mut l = Ledger::new(Dzd::from_centimes(123_456));
        l.push(order(1, "0661234567"));
        let snap = l.snapshot();
        let text = serde_json::to_string(&snap).unwrap();
        let back: Snapshot = serde_json::from_str(&text).unwrap();
        assert_eq!(back, snap);
        let l2 = Ledger::from_snapshot(back).unwrap();
        assert_eq!(l2.by_id(&format!("{:024x}", 1)).unwrap().reference, "r1");
        let mut dup = snap.clone();
        dup.orders.push(order(1, "0661234567"));
        assert!(Ledger::from_snapshot(dup).unwrap_err().contains("twice"));
        let mut bad = snap;
        bad.format = 99;
        assert!(Ledger::from_snapshot(bad).is_err());
    }

    #[test]
    fn ids_are_24_hex_and_unique() {
        let mut l = Ledger::new(Dzd::ZERO);
        for n in 0..50 {
            let id = l.new_id(1_730_000_000_000);
            assert_eq!(id.len(), 24);
            assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
            let mut o = order(n, "0661234567");
            o.id = id;
            l.push(o);
        }
        assert_eq!(l.by_id.len(), 50);
    }
}
