//! Waiting longer after each failure: the one doubling-with-a-cap rule of the poller, the
//! slow checks, the 429 hold and the read retries.

use std::time::Duration;

/// `base × 2^doublings`, never more than `cap` (and never overflowing: past 2^20 it is the cap
/// anyway for any delay the till uses).
pub fn doubled(base: Duration, doublings: u32, cap: Duration) -> Duration {
    base.saturating_mul(1u32 << doublings.min(20)).min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_then_stays_at_the_cap() {
        let s = Duration::from_secs;
        assert_eq!(doubled(s(5), 0, s(60)), s(5));
        assert_eq!(doubled(s(5), 3, s(60)), s(40));
        assert_eq!(doubled(s(5), 4, s(60)), s(60));
        assert_eq!(doubled(s(5), u32::MAX, s(60)), s(60), "no overflow");
    }
}
