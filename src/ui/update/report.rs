//! The report screen (F7): today's books by default; another day, yesterday or a range.

use crate::books::Period;
use crate::i18n::{Message, MsgId};
use crate::rules::parse_day;
use crate::ui::keys::Action;
use crate::ui::msg::{Effect, ReportData};
use crate::ui::state::{AppState, Screen};
use chrono::{Duration, NaiveDate};

const EDIT_MAX: usize = 40;

/// F7: the period shown last (today at first), loaded afresh.
pub(super) fn open(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.screen = Screen::Report;
    load(state, fx);
}

fn today(state: &AppState) -> NaiveDate {
    state.today()
}

fn period(state: &AppState) -> Period {
    state.report_period()
}

pub(super) fn load(state: &mut AppState, fx: &mut Vec<Effect>) {
    let period = period(state);
    let r = &mut state.report;
    r.query_id += 1;
    r.loading = true;
    fx.push(Effect::LoadReport {
        query_id: r.query_id,
        period,
    });
}

pub(super) fn loaded(state: &mut AppState, data: ReportData) {
    let r = &mut state.report;
    if data.query_id == r.query_id {
        r.loading = false;
        r.data = Some(data);
    }
}

/// An order changed or was sold: the books shown are asked again if they cover it.
pub(super) fn order_changed(
    state: &mut AppState,
    fx: &mut Vec<Effect>,
    at: chrono::DateTime<chrono::Utc>,
) {
    if state.screen == Screen::Report {
        let p = period(state);
        if state.settings.clock().days(p.first, p.last).contains(at) {
            load(state, fx);
        }
    }
}

/// Following today: a new shop day shows its own (empty) books.
pub(super) fn tick(state: &mut AppState, fx: &mut Vec<Effect>) {
    let shown = state.report.data.as_ref().map(|d| d.report.period);
    if state.screen == Screen::Report
        && state.report.period.is_none()
        && !state.report.loading
        && shown.is_some_and(|p| p.last != today(state))
    {
        load(state, fx);
    }
}

pub(super) fn on_action(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    if state.report.edit.is_some() {
        return edit(state, action, fx);
    }
    let today = today(state);
    let choose = |state: &mut AppState, p: Option<Period>, fx: &mut Vec<Effect>| {
        state.report.period = p;
        state.report.error = None;
        load(state, fx);
    };
    match action {
        Action::Back => state.screen = Screen::Sale,
        Action::Refresh => load(state, fx),
        Action::Up | Action::PageUp => choose(state, Some(shifted(period(state), -1)), fx),
        Action::Down | Action::PageDown => choose(state, Some(shifted(period(state), 1)), fx),
        Action::Home | Action::Char('t') => choose(state, None, fx),
        Action::Char('y') => choose(state, Some(Period::day(today - Duration::days(1))), fx),
        Action::Char('/') => state.report.edit = Some(String::new()),
        _ => {}
    }
}

/// The period of the same length just before (`-1`) or after (`1`).
fn shifted(p: Period, dir: i64) -> Period {
    let len = (p.last - p.first).num_days() + 1;
    let by = Duration::days(len * dir);
    Period {
        first: p.first + by,
        last: p.last + by,
    }
}

fn edit(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let Some(line) = state.report.edit.as_mut() else {
        return;
    };
    if super::line_edit::edit(line, action, EDIT_MAX) {
        return;
    }
    match action {
        Action::Back => {
            state.report.edit = None;
            state.report.error = None;
        }
        Action::Enter => {
            let typed = line.clone();
            match parse_period(&typed, state) {
                Ok(p) => {
                    state.report.edit = None;
                    state.report.error = None;
                    state.report.period = Some(p);
                    load(state, fx);
                }
                Err(e) => state.report.error = Some(e),
            }
        }
        _ => {}
    }
}

/// `2025-03-01`, `yesterday`, or a range `2025-03-01 2025-03-31` (also `..` between).
fn parse_period(text: &str, state: &AppState) -> Result<Period, Message> {
    let clock = state.settings.clock();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| parse_day(w, &clock, state.now).map_err(|e| e.message());
    match words.as_slice() {
        [one] => Ok(Period::day(day(one)?)),
        [first, last] => {
            let (a, b) = (day(first)?, day(last)?);
            Period::new(a, b).ok_or_else(|| {
                Message::new(MsgId::BooksBefore)
                    .text("first", a)
                    .text("last", b)
            })
        }
        _ => Err(Message::new(MsgId::BooksTypeDayOrRange)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::UiSettings;
    use chrono::{TimeZone, Utc};

    fn state() -> AppState {
        // 2025-03-10 12:00 in Algeria.
        AppState::new(
            UiSettings::default(),
            Utc.with_ymd_and_hms(2025, 3, 10, 11, 0, 0).unwrap(),
        )
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap()
    }

    fn asked(fx: &[Effect]) -> Option<Period> {
        fx.iter().rev().find_map(|f| match f {
            Effect::LoadReport { period, .. } => Some(*period),
            _ => None,
        })
    }

    #[test]
    fn today_then_yesterday_then_any_day_or_range() {
        let mut s = state();
        let mut fx = Vec::new();
        open(&mut s, &mut fx);
        assert_eq!(asked(&fx), Some(Period::day(d(10))));
        on_action(&mut s, Action::Char('y'), &mut fx);
        assert_eq!(asked(&fx), Some(Period::day(d(9))));
        on_action(&mut s, Action::PageUp, &mut fx);
        assert_eq!(asked(&fx), Some(Period::day(d(8))));
        on_action(&mut s, Action::Char('/'), &mut fx);
        for c in "2025-03-01 .. 2025-03-05".chars() {
            on_action(&mut s, Action::Char(c), &mut fx);
        }
        on_action(&mut s, Action::Enter, &mut fx);
        assert_eq!(asked(&fx), Some(Period::new(d(1), d(5)).unwrap()));
        on_action(&mut s, Action::PageDown, &mut fx);
        assert_eq!(
            asked(&fx),
            Some(Period::new(d(6), d(10)).unwrap()),
            "the next five days"
        );
        on_action(&mut s, Action::Char('/'), &mut fx);
        for c in "2025-03-05 2025-03-01".chars() {
            on_action(&mut s, Action::Char(c), &mut fx);
        }
        let before = fx.len();
        on_action(&mut s, Action::Enter, &mut fx);
        assert_eq!(fx.len(), before, "nothing asked");
        assert!(
            s.report
                .error
                .as_ref()
                .unwrap()
                .in_lang(crate::i18n::Lang::En)
                .contains("before")
        );
        on_action(&mut s, Action::Back, &mut fx);
        on_action(&mut s, Action::Char('t'), &mut fx);
        assert_eq!(asked(&fx), Some(Period::day(d(10))));
        assert_eq!(s.report.period, None, "today follows the clock");
    }
}
