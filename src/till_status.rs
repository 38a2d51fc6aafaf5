//! What the till knows of the backend it talks to, shown in the status bar and filled in by the
//! counter's worker: the mode (PRACTICE, SANDBOX, PRODUCTION), whether the API answers, the
//! balance, the open orders and the age of the plan cache.

use crate::money::Dzd;
use chrono::{DateTime, Utc};

/// Which backend the till is talking to; PRACTICE is the embedded emulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RunMode {
    Practice,
    Sandbox,
    Production,
    /// A key whose type (sandbox or production) OneClickDz has not confirmed yet (`/v3/validate`
    /// not answered: starting, offline). Never shown as LIVE: a sandbox key is not real money.
    Unchecked,
}

impl RunMode {
    /// The mode a till starts in, before OneClickDz has said which kind of key it holds.
    pub fn at_start(mode: &crate::config::Mode) -> RunMode {
        match mode {
            crate::config::Mode::Practice { .. } => RunMode::Practice,
            crate::config::Mode::Live { .. } => RunMode::Unchecked,
        }
    }

    /// The mode's word in the clerk's language (the status bar's badge, `status`): PRACTICE is
    /// what new staff train on, so it is always in their language.
    pub fn word(self) -> crate::i18n::MsgId {
        use crate::i18n::MsgId;
        match self {
            RunMode::Practice => MsgId::ModePractice,
            RunMode::Sandbox => MsgId::ModeSandbox,
            RunMode::Production => MsgId::ModeProduction,
            RunMode::Unchecked => MsgId::ModeLive,
        }
    }

    /// The mode in English capitals, for logs and `--json` (never translated).
    pub fn label(self) -> &'static str {
        match self {
            RunMode::Practice => "PRACTICE",
            RunMode::Sandbox => "SANDBOX",
            RunMode::Production => "PRODUCTION",
            RunMode::Unchecked => "UNCHECKED",
        }
    }
}

/// Whether the API answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connection {
    Unknown,
    Online,
    Offline,
    /// The API answered with an error (worded in the screen's language when shown).
    Error(crate::i18n::Message),
}

/// The status bar's data, sent whole by the I/O side.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusInfo {
    pub mode: RunMode,
    pub balance: Option<Dzd>,
    pub connection: Connection,
    pub open_orders: usize,
    /// When the plans in use were fetched from the API (their age is shown).
    pub plans_fetched_at: Option<DateTime<Utc>>,
    /// Orders in the store that could not be read (skipped by the lists), met this session.
    pub damaged_orders: usize,
    /// The terminal id another till uses too (a copied config.toml), while it does: its sales
    /// are kept apart ([`crate::orders::claim`]).
    pub twin_till: Option<String>,
}

impl StatusInfo {
    /// What the till knows before any answer: its mode, and nothing else yet.
    pub fn starting(mode: RunMode) -> StatusInfo {
        StatusInfo {
            mode,
            balance: None,
            connection: Connection::Unknown,
            open_orders: 0,
            plans_fetched_at: None,
            damaged_orders: 0,
            twin_till: None,
        }
    }
}
