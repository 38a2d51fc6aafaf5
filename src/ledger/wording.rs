//! What each order state is called and what staff must do about it, as catalogue messages:
//! one place for the screen and the commands alike.

use super::record::{OrderState, Origin};
use crate::i18n::MsgId;

impl OrderState {
    /// The state's word (`FULFILLED`, `REMBOURSÉ`, `مسترجع`…). Never colour alone.
    pub fn word(&self) -> MsgId {
        match self {
            OrderState::Saved => MsgId::StateSaved,
            OrderState::Sent => MsgId::StateSent,
            OrderState::Pending => MsgId::StatePending,
            OrderState::Handling => MsgId::StateHandling,
            OrderState::Fulfilled => MsgId::StateFulfilled,
            OrderState::Refunded => MsgId::StateRefunded,
            OrderState::UnknownError => MsgId::StateUnknown,
            OrderState::Refused { .. } => MsgId::StateRefused,
            OrderState::Unconfirmed { .. } => MsgId::StateUnconfirmed,
            OrderState::NotSent => MsgId::StateNotSent,
        }
    }

    /// What to do, in a few words (a table row).
    pub fn short_advice(&self) -> MsgId {
        match self {
            OrderState::Saved => MsgId::ShortSaved,
            OrderState::Sent | OrderState::Pending | OrderState::Handling => MsgId::ShortInProgress,
            OrderState::Fulfilled => MsgId::ShortFulfilled,
            OrderState::Refunded => MsgId::ShortRefunded,
            OrderState::UnknownError => MsgId::ShortUnknown,
            OrderState::Refused { .. } | OrderState::NotSent => MsgId::ShortNothingCharged,
            OrderState::Unconfirmed { .. } => MsgId::ShortUnconfirmed,
        }
    }

    /// What to do, in full (the detail screen, the commands).
    pub fn advice(&self) -> MsgId {
        match self {
            OrderState::Saved => MsgId::AdviceSaved,
            OrderState::Sent => MsgId::AdviceSent,
            OrderState::Pending | OrderState::Handling => MsgId::AdviceInProgress,
            OrderState::Fulfilled => MsgId::AdviceFulfilled,
            OrderState::Refunded => MsgId::AdviceRefunded,
            OrderState::UnknownError => MsgId::AdviceUnknown,
            OrderState::Refused { .. } => MsgId::AdviceRefused,
            OrderState::Unconfirmed { .. } => MsgId::AdviceUnconfirmed,
            OrderState::NotSent => MsgId::AdviceNotSent,
        }
    }
}

impl Origin {
    /// The mark of an order that is not this till's own sale (`restored`, `externe`…).
    pub fn mark_word(self) -> Option<MsgId> {
        match self {
            Origin::Till => None,
            Origin::Restored => Some(MsgId::OriginRestored),
            Origin::External => Some(MsgId::OriginExternal),
        }
    }

    /// One line for the order's detail.
    pub fn explain(self) -> Option<MsgId> {
        match self {
            Origin::Till => None,
            Origin::Restored => Some(MsgId::OriginRestoredExplain),
            Origin::External => Some(MsgId::OriginExternalExplain),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn only_refunded_says_give_the_money_back_and_unknown_never_refunds() {
        let states = crate::testkit::every_state(chrono::Utc::now());
        for s in &states {
            for id in [s.short_advice(), s.advice()] {
                let en = Lang::En.t(id);
                assert_eq!(
                    en.contains("give the money back"),
                    *s == OrderState::Refunded,
                    "{s:?}: {en}"
                );
            }
        }
        for lang in Lang::ALL {
            let t = lang.t(OrderState::UnknownError.advice());
            assert!(!t.is_empty());
        }
        assert!(
            Lang::Fr
                .t(OrderState::UnknownError.advice())
                .contains("ne remboursez pas")
        );
    }
}
