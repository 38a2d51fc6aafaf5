//! Where an order is in its life, computed from its age alone (no timers).
//!
//! Emulated age = real age × speed. PENDING for the first 5 s, HANDLING until 15 s, then the
//! final outcome picked by the number (§8 test numbers) or the plan kind (GETMENU).

use super::account::Order;
use std::time::Duration;

pub const PENDING_UNTIL_MS: f64 = 5_000.0;
pub const HANDLING_UNTIL_MS: f64 = 15_000.0;

/// The sandbox's special numbers (§8), defined once with the phone rules.
pub use super::networks::{REFUND_NUMBER, REFUND_WITH_OFFERS_NUMBER, UNKNOWN_ERROR_NUMBER};

/// How an order ends, decided when it is created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    Fulfil,
    RefundWrongNumber,
    RefundWithOffers,
    /// UNKNOWN_ERROR, later resolved by "staff" to FULFILLED or REFUNDED.
    Unknown,
    /// GETMENU: the offers for the number, with the charge given back.
    GetMenu,
}

/// The stage an order is in right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Pending,
    Handling,
    Fulfilled,
    Refunded(Refund),
    UnknownError,
}

/// Why a REFUNDED order was refunded (chooses its message and offers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refund {
    WrongNumber,
    WithOffers,
    GetMenu,
    UnknownResolved,
}

/// The emulator's clock settings.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub speed: f64,
    pub seed: u64,
    pub unknown_resolve_after: Duration,
    /// How long an internet top-up stays QUEUED (real time before `speed` scaling).
    pub queued_resolve_after: Duration,
}

impl Timing {
    /// A real duration shortened by `speed` (15 min at speed 100 → 9 s).
    pub fn scaled(&self, d: Duration) -> Duration {
        Duration::from_secs_f64((d.as_secs_f64() / self.speed).min(1e9))
    }
}

pub fn scenario(mssidn: &str, getmenu: bool) -> Scenario {
    if getmenu {
        return Scenario::GetMenu;
    }
    match mssidn {
        REFUND_NUMBER => Scenario::RefundWrongNumber,
        REFUND_WITH_OFFERS_NUMBER => Scenario::RefundWithOffers,
        UNKNOWN_ERROR_NUMBER => Scenario::Unknown,
        _ => Scenario::Fulfil,
    }
}

/// The stage of `order` at `now_ms` (unix ms).
pub fn stage_at(order: &Order, now_ms: i64, timing: &Timing) -> Stage {
    let age_ms = (now_ms.saturating_sub(order.created_ms)).max(0) as f64 * timing.speed;
    if age_ms < PENDING_UNTIL_MS {
        return Stage::Pending;
    }
    if age_ms < HANDLING_UNTIL_MS {
        return Stage::Handling;
    }
    match scenario(&order.mssidn, order.getmenu) {
        Scenario::Fulfil => Stage::Fulfilled,
        Scenario::RefundWrongNumber => Stage::Refunded(Refund::WrongNumber),
        Scenario::RefundWithOffers => Stage::Refunded(Refund::WithOffers),
        Scenario::GetMenu => Stage::Refunded(Refund::GetMenu),
        Scenario::Unknown => {
            let unknown_ms = timing.unknown_resolve_after.as_secs_f64() * 1000.0;
            if age_ms < HANDLING_UNTIL_MS + unknown_ms {
                Stage::UnknownError
            } else if unknown_resolves_fulfilled(timing.seed, &order.reference) {
                Stage::Fulfilled
            } else {
                Stage::Refunded(Refund::UnknownResolved)
            }
        }
    }
}

/// How staff resolve an UNKNOWN_ERROR order: fixed by the seed and the ref, so runs repeat.
pub fn unknown_resolves_fulfilled(seed: u64, reference: &str) -> bool {
    // FNV-1a: stable across Rust versions, unlike the std hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in seed.to_le_bytes().iter().chain(reference.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // FNV alone mixes the last bytes poorly into high bits: finish with murmur3's fmix64.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h >> 63 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Dzd;

    fn order(mssidn: &str, getmenu: bool) -> Order {
        Order {
            id: "0".repeat(24),
            reference: "r1".into(),
            plan_code: "PREPAID_MOBILIS".into(),
            mssidn: mssidn.into(),
            topup_amount: Dzd::from_dinars(100),
            balance_amount: Dzd::from_dinars(96),
            created_ms: 1_000_000,
            getmenu,
            dashboard: false,
        }
    }

    fn timing(speed: f64) -> Timing {
        Timing {
            speed,
            seed: 7,
            unknown_resolve_after: Duration::from_secs(3600),
            queued_resolve_after: Duration::from_secs(12 * 3600),
        }
    }

    #[test]
    fn normal_numbers_follow_5s_15s_at_any_speed() {
        let o = order("0661234567", false);
        let t = timing(1.0);
        assert_eq!(stage_at(&o, 1_000_000, &t), Stage::Pending);
        assert_eq!(stage_at(&o, 1_004_999, &t), Stage::Pending);
        assert_eq!(stage_at(&o, 1_005_000, &t), Stage::Handling);
        assert_eq!(stage_at(&o, 1_014_999, &t), Stage::Handling);
        assert_eq!(stage_at(&o, 1_015_000, &t), Stage::Fulfilled);
        let t = timing(100.0);
        assert_eq!(stage_at(&o, 1_000_049, &t), Stage::Pending);
        assert_eq!(stage_at(&o, 1_000_050, &t), Stage::Handling);
        assert_eq!(stage_at(&o, 1_000_150, &t), Stage::Fulfilled);
        // A clock that went backwards keeps the order pending rather than panicking.
        assert_eq!(stage_at(&o, 0, &t), Stage::Pending);
    }

    #[test]
    fn test_numbers_end_as_documented() {
        let t = timing(1.0);
        let end = 1_015_000;
        assert_eq!(
            stage_at(&order("0600000001", false), end, &t),
            Stage::Refunded(Refund::WrongNumber)
        );
        assert_eq!(
            stage_at(&order("0600000002", false), end, &t),
            Stage::Refunded(Refund::WithOffers)
        );
        assert_eq!(
            stage_at(&order("0600000003", false), end, &t),
            Stage::UnknownError
        );
        assert_eq!(
            stage_at(&order("0771234567", true), end, &t),
            Stage::Refunded(Refund::GetMenu)
        );
        let resolved = stage_at(&order("0600000003", false), end + 3_600_000, &t);
        let expected = if unknown_resolves_fulfilled(7, "r1") {
            Stage::Fulfilled
        } else {
            Stage::Refunded(Refund::UnknownResolved)
        };
        assert_eq!(resolved, expected);
    }

    #[test]
    fn unknown_outcomes_depend_on_seed_and_ref_and_cover_both() {
        for seed in 0..4 {
            let fulfilled = (0..64)
                .filter(|i| unknown_resolves_fulfilled(seed, &format!("ref-{i}")))
                .count();
            assert!(
                (16..=48).contains(&fulfilled),
                "seed {seed}: {fulfilled} of 64"
            );
        }
        assert_eq!(
            unknown_resolves_fulfilled(3, "x"),
            unknown_resolves_fulfilled(3, "x")
        );
    }

    #[test]
    fn scaling_shortens_durations() {
        let t = timing(100.0);
        assert_eq!(t.scaled(Duration::from_secs(900)), Duration::from_secs(9));
    }
}
