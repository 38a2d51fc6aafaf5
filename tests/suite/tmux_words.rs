//! A clerk's whole day, read off a real terminal (tmux) in the clerk's language: counts that
//! agree with their word, dates day first, key names in French, the history filter taking a
//! number as it is written, bars that keep their start when cut, and the toasts kept in a
//! notices list.

use crate::common;

use common::tmux::{Tmux, tmux_ready};
use flexy_pos::text::{BidiMode, layout};
use std::process::Command;
use std::time::Duration;

const LONG: Duration = Duration::from_secs(30);

/// Practice mode at 50× the sandbox's pace, in `lang`.
fn fast(lang: &str) -> String {
    format!("FLEXY_LANG={lang} FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color")
}

/// What the text layer draws for an Arabic word (shaped, right to left).
fn drawn(word: &str) -> String {
    layout(word, 200, BidiMode::App).lines[0].text.clone()
}

/// Types `text` one key at a time (a space is the space bar).
fn typ(tmux: &Tmux, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "Space".to_string()
        } else {
            c.to_string()
        };
        tmux.keys(&[&key]);
    }
}

/// Types a whole sale of 500 DA to `phone` and sends it.
fn sell(tmux: &Tmux, phone: &str, confirm_word: &str) {
    typ(tmux, phone);
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", LONG, |s| s.contains(confirm_word));
    tmux.keys(&["Enter"]);
}

/// Point 6: a French till says "1 REMBOURSÉE", not "1 REMBOURSÉES" (the plural rule of the
/// language, not the default form).
#[test]
fn a_french_count_of_one_agrees_with_its_word() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app("words-plural", 80, 24, &fast("fr"));
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| s.contains("ENTRAÎNEMENT"));
    sell(tmux, "0600000001", "CONFIRMER");
    let s = tmux.wait_for("the refund in the pane's title", LONG, |s| {
        s.contains("aujourd'hui")
    });
    assert!(s.contains("1 REMBOURSÉE aujourd'hui"), "{s}");
    assert!(!s.contains("1 REMBOURSÉES"), "{s}");
    tmux.keys(&["F10"]);
    till.exit_status("F10", LONG);
}

/// Points 7 and 9 in French: yesterday's orders read day first (`06/12 19:08`), the filter
/// takes French words (`statut:`, `hier`) and shows its error on the filter line, a number
/// written in groups is one number, and Esc clears a filter before it leaves.
#[test]
fn the_french_history_reads_dates_day_first_and_filters_in_french() {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let till = Tmux::start_app("words-history", 100, 30, &fast("fr"));
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| s.contains("ENTRAÎNEMENT"));
    sell(tmux, "0661234567", "CONFIRMER");
    tmux.wait_for("the sale in the pane", LONG, |s| {
        s.contains("0661 23 45 67")
    });
    tmux.keys(&["F10"]);
    till.exit_status("F10", LONG);

    // Three shop days of orders behind the one just sold.
    let seeded = Command::new(bin)
        .args(["seed-demo", "--orders", "3000"])
        .env("FLEXY_DATA_DIR", till.data.path())
        .env("FLEXY_CONFIG", "/dev/null")
        .env_remove("ONECLICKDZ_API_KEY")
        .output()
        .expect("seed-demo runs");
    assert!(seeded.status.success(), "{seeded:?}");
    drop(till.tmux);

    let till = Tmux::start_app_with(
        "words-history2",
        100,
        30,
        &format!(
            "FLEXY_DATA_DIR={} {}",
            till.data.path().display(),
            fast("fr")
        ),
        "",
    );
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| s.contains("ENTRAÎNEMENT"));
    tmux.keys(&["F4"]);
    tmux.wait_for("the history", LONG, |s| s.contains("Toutes les commandes"));

    // Yesterday, in French words: every row is dated day first.
    tmux.keys(&["/"]);
    typ(tmux, "jour:hier statut:réussi");
    tmux.keys(&["Enter"]);
    let yesterday = (chrono::Utc::now().with_timezone(&chrono_tz::Africa::Algiers)
        - chrono::TimeDelta::days(1))
    .format("%d/%m")
    .to_string();
    let s = tmux.wait_for("yesterday's orders", LONG, |s| {
        s.contains(&format!("│ {yesterday} ")) || s.contains(&format!("▶ {yesterday} "))
    });
    assert!(s.contains("jour:"), "the filter in French words:\n{s}");
    assert!(s.contains("statut:réussi"), "{s}");
    let month_first = (chrono::Utc::now().with_timezone(&chrono_tz::Africa::Algiers)
        - chrono::TimeDelta::days(1))
    .format("%m-%d ")
    .to_string();
    assert!(!s.contains(&month_first), "no month-first date:\n{s}");

    // A mistake is said on the filter line itself.
    tmux.keys(&["/", "C-u"]);
    typ(tmux, "statut:perdu");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the error", LONG, |s| s.contains("perdu'"));
    let filter_row = s
        .lines()
        .find(|l| l.contains("statut:perdu"))
        .unwrap_or_else(|| panic!("the filter line:\n{s}"));
    assert!(
        filter_row.contains("n'est pas un état"),
        "the error on the filter line: {filter_row}\n{s}"
    );

    // The number as written on a card.
    tmux.keys(&["C-u"]);
    typ(tmux, "0661 23 45 67");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the number's orders", LONG, |s| {
        s.contains("tél:0661234567")
    });
    assert!(!s.contains("tél:67"), "{s}");
    let rows = s.lines().filter(|l| l.contains("0661 23 45 67")).count();
    assert!(rows >= 1, "the sale to that number is found:\n{s}");

    // Esc clears the filter, then leaves.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the whole history again", LONG, |s| {
        s.contains("Toutes les commandes")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the sale screen", LONG, |s| s.contains("Dernières ventes"));
    tmux.keys(&["F10"]);
    till.exit_status("F10", LONG);
}

/// Point 8: the French help names keys in French or as symbols.
#[test]
fn the_french_help_names_keys_in_french_or_as_symbols() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app("words-keys", 80, 24, &fast("fr"));
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| s.contains("ENTRAÎNEMENT"));
    tmux.keys(&["F1"]);
    let s = tmux.wait_for("the help", LONG, |s| s.contains("Touches"));
    for english in [
        "Up / Down",
        "PgUp",
        "PgDn",
        "Home / End",
        "Backspace",
        "Enter ",
    ] {
        assert!(!s.contains(english), "{english} on the French help:\n{s}");
    }
    for french in ["↑ / ↓", "Échap", "Entrée", "Début / Fin", "Pg↑"] {
        assert!(s.contains(french), "{french} missing:\n{s}");
    }
    tmux.keys(&["Escape", "F10"]);
    till.exit_status("F10", LONG);
}

/// Point 10: cut bars keep their start: the Arabic status bar keeps its PRACTICE badge at
/// 52×16 and the tab bar its F2 at 50×15, each cut marked `…`.
#[test]
fn arabic_bars_cut_at_their_logical_end() {
    if !tmux_ready() {
        return;
    }
    for (w, h) in [(52, 16), (50, 15)] {
        let till = Tmux::start_app(&format!("words-cut-{w}"), w, h, &fast("ar"));
        let tmux = &till.tmux;
        let badge = drawn("تدريب");
        let s = tmux.wait_for("the Arabic screen", LONG, |s| s.contains("F3"));
        let rows: Vec<&str> = s.lines().collect();
        let status = rows.get(usize::from(h) - 1).copied().unwrap_or_default();
        assert!(
            status.contains(&badge),
            "{w}×{h}: the PRACTICE badge stays: {status:?}\n{s}"
        );
        let tabs = rows.first().copied().unwrap_or_default();
        assert!(tabs.contains("F2"), "{w}×{h}: F2 stays: {tabs:?}\n{s}");
        assert!(
            tabs.contains('…'),
            "{w}×{h}: the tab bar says keys were left out: {tabs:?}"
        );
        tmux.keys(&["F10"]);
        till.exit_status("F10", LONG);
    }
}

/// Point 12: a toast that vanished is kept: Ctrl-L lists it with its time.
#[test]
fn a_vanished_toast_is_in_the_notices_list() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app("words-notices", 80, 24, &fast("en"));
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| s.contains("PRACTICE"));
    sell(tmux, "0661234567", "CONFIRM");
    let message_line = |s: &str| {
        let rows: Vec<&str> = s.lines().collect();
        rows.get(rows.len().saturating_sub(2))
            .copied()
            .unwrap_or_default()
            .to_string()
    };
    tmux.wait_for("the FULFILLED toast", LONG, |s| {
        message_line(s).contains("FULFILLED")
    });
    tmux.wait_for("the toast gone", LONG, |s| {
        !message_line(s).contains("FULFILLED")
    });
    tmux.keys(&["C-l"]);
    let s = tmux.wait_for("the notices list", LONG, |s| s.contains("Messages"));
    let row = s
        .lines()
        .find(|l| l.contains("FULFILLED") && l.contains("0661 23 45 67"))
        .unwrap_or_else(|| panic!("the toast is kept:\n{s}"));
    let has_time = row.as_bytes().windows(8).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            2 | 5 => *b == b':',
            _ => b.is_ascii_digit(),
        })
    });
    assert!(has_time, "with its time: {row}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the list closed", LONG, |s| !s.contains("Messages —"));
    tmux.keys(&["F10"]);
    till.exit_status("F10", LONG);
}
