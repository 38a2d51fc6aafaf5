//! What each order state is called and what staff must do about it, as catalogue messages:
//! one place for the screen and the commands alike.

use super::record::{OrderRecord, OrderState, Origin};
use super::status::Status;
use crate::i18n::{Lang, MsgId};

impl Status {
    /// The status's word (`FULFILLED`, `REMBOURSÉ`, `مسترجع`…). Never colour alone.
    pub fn word(self) -> MsgId {
        match self {
            Status::Saved => MsgId::StateSaved,
            Status::Sent => MsgId::StateSent,
            Status::Pending => MsgId::StatePending,
            Status::Handling => MsgId::StateHandling,
            Status::Fulfilled => MsgId::StateFulfilled,
            Status::Refunded => MsgId::StateRefunded,
            Status::UnknownError => MsgId::StateUnknown,
            Status::Refused => MsgId::StateRefused,
            Status::Unconfirmed => MsgId::StateUnconfirmed,
            Status::NotSent => MsgId::StateNotSent,
            Status::Queued => MsgId::StateQueued,
        }
    }

    /// What to do, in a few words (a table row).
    pub fn short_advice(self) -> MsgId {
        match self {
            Status::Saved => MsgId::ShortSaved,
            Status::Sent | Status::Pending | Status::Handling => MsgId::ShortInProgress,
            Status::Fulfilled => MsgId::ShortFulfilled,
            Status::Refunded => MsgId::ShortRefunded,
            Status::UnknownError => MsgId::ShortUnknown,
            Status::Refused | Status::NotSent => MsgId::ShortNothingCharged,
            Status::Unconfirmed => MsgId::ShortUnconfirmed,
            Status::Queued => MsgId::ShortQueued,
        }
    }

    /// What to do, in full (the detail screen, the commands).
    pub fn advice(self) -> MsgId {
        match self {
            Status::Saved => MsgId::AdviceSaved,
            Status::Sent => MsgId::AdviceSent,
            Status::Pending | Status::Handling => MsgId::AdviceInProgress,
            Status::Fulfilled => MsgId::AdviceFulfilled,
            Status::Refunded => MsgId::AdviceRefunded,
            Status::UnknownError => MsgId::AdviceUnknown,
            Status::Refused => MsgId::AdviceRefused,
            Status::Unconfirmed => MsgId::AdviceUnconfirmed,
            Status::NotSent => MsgId::AdviceNotSent,
            Status::Queued => MsgId::AdviceQueued,
        }
    }
}

impl Status {
    /// A status as typed in a filter: its label in any case (`refunded`, `not-sent`), a short
    /// form (`unknown`, `done`, `ok`), or its word in any of the till's languages
    /// (`remboursé`, `مسترجع`).
    pub fn from_typed(word: &str) -> Option<Status> {
        let typed = word.trim().to_lowercase().replace(['-', ' '], "_");
        let short = match typed.as_str() {
            "unknown" => Some(Status::UnknownError),
            "done" | "ok" => Some(Status::Fulfilled),
            "notsent" => Some(Status::NotSent),
            _ => None,
        };
        short.or_else(|| {
            Status::ALL.into_iter().find(|s| {
                s.label().eq_ignore_ascii_case(&typed)
                    || Lang::ALL
                        .iter()
                        .any(|l| l.t(s.word()).to_lowercase().replace(' ', "_") == typed)
            })
        })
    }
}

impl OrderState {
    pub fn word(&self) -> MsgId {
        self.status().word()
    }

    pub fn short_advice(&self) -> MsgId {
        self.status().short_advice()
    }

    pub fn advice(&self) -> MsgId {
        self.status().advice()
    }
}

impl OrderRecord {
    /// An offers lookup the API has answered (the API answers it REFUNDED, with the offers;
    /// FULFILLED would say the same): shown as a lookup, never as a refund to give back.
    pub fn is_answered_lookup(&self) -> bool {
        super::tally::is_lookup(self)
            && matches!(self.state, OrderState::Refunded | OrderState::Fulfilled)
    }

    /// The order's word on every screen and in every command: its status's, or `OFFERS` for an
    /// answered offers lookup.
    pub fn word(&self) -> MsgId {
        if self.is_answered_lookup() {
            MsgId::StateLookup
        } else {
            self.state.word()
        }
    }

    pub fn short_advice(&self) -> MsgId {
        if self.is_answered_lookup() {
            MsgId::ShortLookup
        } else {
            self.state.short_advice()
        }
    }

    pub fn advice(&self) -> MsgId {
        if self.is_answered_lookup() {
            MsgId::AdviceLookup
        } else {
            self.state.advice()
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
        // An offers lookup answered REFUNDED owes nothing.
        let at = chrono::Utc::now();
        let lookup = crate::testkit::OrderBuilder::new(at, 1)
            .plan(
                "GETMENU_Mobilis",
                "GETMENU",
                crate::api::types::PlanKind::GetMenu,
            )
            .state(OrderState::Refunded)
            .build();
        assert_eq!(lookup.plan_kind, crate::api::types::PlanKind::GetMenu);
        for lang in Lang::ALL {
            for id in [lookup.word(), lookup.short_advice(), lookup.advice()] {
                assert_ne!(lang.t(id), lang.t(OrderState::Refunded.advice()));
                assert!(!lang.t(id).contains("give the money back"));
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
