//! Every message the till shows, by id. The enum lets the compiler check each use and the
//! catalogue tests enumerate them: a message here is in all three catalogues, with the same
//! placeables, and used somewhere in the code.

macro_rules! message_ids {
    ($($variant:ident => $id:literal,)*) => {
        /// A message of the catalogues (`assets/i18n/*.ftl`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum MsgId { $($variant,)* }

        impl MsgId {
            /// Every message, in declaration order.
            pub const ALL: &'static [MsgId] = &[$(MsgId::$variant,)*];

            /// The message's id in the `.ftl` files.
            pub fn id(self) -> &'static str {
                match self { $(MsgId::$variant => $id,)* }
            }

            /// The variant's name as written in the code (`MsgId::Name`).
            pub fn name(self) -> &'static str {
                match self { $(MsgId::$variant => stringify!($variant),)* }
            }
        }
    };
}

message_ids! {
    // Order states: the word, a few words for table rows, and what to do.
    StateSaved => "state-saved",
    StateSent => "state-sent",
    StatePending => "state-pending",
    StateHandling => "state-handling",
    StateFulfilled => "state-fulfilled",
    StateRefunded => "state-refunded",
    StateUnknown => "state-unknown",
    StateRefused => "state-refused",
    StateUnconfirmed => "state-unconfirmed",
    StateNotSent => "state-not-sent",
    ShortSaved => "short-saved",
    ShortInProgress => "short-in-progress",
    ShortFulfilled => "short-fulfilled",
    ShortRefunded => "short-refunded",
    ShortUnknown => "short-unknown",
    ShortNothingCharged => "short-nothing-charged",
    ShortUnconfirmed => "short-unconfirmed",
    AdviceSaved => "advice-saved",
    AdviceSent => "advice-sent",
    AdviceInProgress => "advice-in-progress",
    AdviceFulfilled => "advice-fulfilled",
    AdviceRefunded => "advice-refunded",
    AdviceUnknown => "advice-unknown",
    AdviceRefused => "advice-refused",
    AdviceUnconfirmed => "advice-unconfirmed",
    AdviceNotSent => "advice-not-sent",
    // `label: value` with each language's punctuation (French puts a space before the colon).
    Label => "label",
    // Counts.
    CountOrders => "count-orders",
    CountPlans => "count-plans",
    // `flexy-pos config`.
    CfgFile => "cfg-file",
    CfgFileAbsent => "cfg-file-absent",
    CfgNone => "cfg-none",
    CfgDataDir => "cfg-data-dir",
    CfgStore => "cfg-store",
    CfgMode => "cfg-mode",
    CfgModePractice => "cfg-mode-practice",
    CfgModeLive => "cfg-mode-live",
    CfgPractice => "cfg-practice",
    CfgPracticeValue => "cfg-practice-value",
    CfgPracticeState => "cfg-practice-state",
    CfgApiUrl => "cfg-api-url",
    CfgApiKey => "cfg-api-key",
    CfgPoll => "cfg-poll",
    CfgPollValue => "cfg-poll-value",
    CfgRecheck => "cfg-recheck",
    CfgRecheckValue => "cfg-recheck-value",
    CfgPlansAge => "cfg-plans-age",
    CfgPlansAgeValue => "cfg-plans-age-value",
    CfgPricing => "cfg-pricing",
    CfgPricingValue => "cfg-pricing-value",
    CfgLanguage => "cfg-language",
    CfgLanguageValue => "cfg-language-value",
    CfgLangSourceFlag => "cfg-lang-source-flag",
    CfgLangSourceEnv => "cfg-lang-source-env",
    CfgLangSourceFile => "cfg-lang-source-file",
    CfgLangSourceLocale => "cfg-lang-source-locale",
    CfgLangSourceDefault => "cfg-lang-source-default",
    CfgLangRemembered => "cfg-lang-remembered",
    // `flexy-pos orders`, `send`, `sync`, `plans`.
    CliCharged => "cli-charged",
    CliChargeUnknown => "cli-charge-unknown",
    CliMessage => "cli-message",
    CliOffer => "cli-offer",
    CliLastError => "cli-last-error",
    CliAdvice => "cli-advice",
    CliNoOrders => "cli-no-orders",
    CliSkippedDamaged => "cli-skipped-damaged",
    CliNothingSent => "cli-nothing-sent",
    CliSyncSummary => "cli-sync-summary",
    CliSyncSettled => "cli-sync-settled",
    CliSyncOpen => "cli-sync-open",
    CliSyncError => "cli-sync-error",
    CliPlansHeader => "cli-plans-header",
    CliPlansFromCache => "cli-plans-from-cache",
    CliPlansFromApi => "cli-plans-from-api",
    CliPlanDisabled => "cli-plan-disabled",
    CliPlansRefreshFailed => "cli-plans-refresh-failed",
    CliPlansUsingCache => "cli-plans-using-cache",
    CliSeeded => "cli-seeded",
    CliBadPhoneFilter => "cli-bad-phone-filter",
    CliBadStatusFilter => "cli-bad-status-filter",
    CliBadDayFilter => "cli-bad-day-filter",
    // Ages.
    AgeJustNow => "age-just-now",
    AgeMinutes => "age-minutes",
    AgeHours => "age-hours",
    AgeDays => "age-days",
}
