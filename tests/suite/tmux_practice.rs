//! Drives the real binary in a real terminal (tmux), as counter staff would: practice mode, a
//! normal sale that ends FULFILLED in the history, a sale to 0600000001 that ends REFUNDED with
//! its Arabic message laid out right-to-left in the detail view, then quit with the terminal
//! restored.

use crate::common;

use common::tmux::{Tmux, tmux_ready};
use common::words::{english_left, english_only_words};
use flexy_pos::text::{BidiMode, layout};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn orders_json(bin: &str, data: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(bin)
        .args(["orders", "--json", "--limit", "10"])
        .env("FLEXY_DATA_DIR", data)
        .env("FLEXY_CONFIG", "/dev/null")
        .env_remove("ONECLICKDZ_API_KEY")
        .output()
        .expect("orders command runs");
    assert!(out.status.success(), "orders failed: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn practice_sale_and_refund_in_a_real_terminal() {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    // Practice mode: no key. The emulator and the client run 50× faster than the real sandbox.
    let till = Tmux::start_app(
        "sale",
        120,
        40,
        "FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
    );
    let tmux = &till.tmux;

    let long = Duration::from_secs(20);
    let s = tmux.wait_for("the sale screen in practice mode", long, |s| {
        s.contains("PRACTICE") && s.contains("Number")
    });
    assert!(s.contains("balance"), "status bar shows the balance:\n{s}");

    // A normal 500 DA prepaid sale: 10 digits, Enter, 3 digits, Enter, Enter.
    tmux.keys(&["0", "6", "6", "1", "2", "3", "4", "5", "6", "7"]);
    tmux.wait_for("the operator detected", long, |s| s.contains("Mobilis"));
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    let s = tmux.wait_for("the confirm step", long, |s| s.contains("CONFIRM"));
    assert!(s.contains("500 DA"), "confirm shows the amount:\n{s}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the sent toast", long, |s| s.contains("sent 0661 23 45 67"));

    tmux.keys(&["F4"]);
    let s = tmux.wait_for("FULFILLED in the history", long, |s| {
        s.contains("FULFILLED")
    });
    assert!(
        s.contains("0661 23 45 67"),
        "history row shows the number:\n{s}"
    );

    // The sandbox refund number.
    tmux.keys(&["F2"]);
    tmux.keys(&["0", "6", "0", "0", "0", "0", "0", "0", "0", "1"]);
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", long, |s| s.contains("CONFIRM"));
    tmux.keys(&["Enter"]);
    tmux.keys(&["F4"]);
    tmux.wait_for("REFUNDED in the history", long, |s| s.contains("REFUNDED"));
    // The newest order is selected when the history opens: Enter opens its detail.
    tmux.keys(&["Enter"]);
    let detail = tmux.wait_for("the detail view", long, |s| {
        s.contains("Timeline") && s.contains("0600 00 00 01")
    });
    assert!(detail.contains("REFUNDED"), "{detail}");

    // Quit; the terminal is restored (alternate screen left) and the exit status is 0.
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0", "exit status of the app");
    till.assert_terminal_restored("F10");

    // The Arabic message on screen is the API's message, shaped and right-to-left word by word.
    let orders = orders_json(bin, till.data.path());
    let refunded = orders
        .iter()
        .find(|o| o["phone"] == "0600000001")
        .expect("the refund order is stored");
    assert_eq!(refunded["status"], "REFUNDED");
    let message = refunded["refund_message"]
        .as_str()
        .expect("refund_message stored");
    assert!(
        message
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
    let mut arabic_words = 0;
    for word in message.split_whitespace() {
        if !word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
            continue;
        }
        let visual = &layout(word, 200, BidiMode::App).lines[0].text;
        assert!(
            detail.contains(visual.as_str()),
            "word {word} should appear as {visual} in the detail view:\n{detail}"
        );
        assert!(
            !detail.contains(word),
            "{word} appears unshaped/unreordered"
        );
        arabic_words += 1;
    }
    assert!(arabic_words >= 5, "message has Arabic words: {message}");

    let fulfilled = orders
        .iter()
        .find(|o| o["phone"] == "0661234567")
        .expect("the normal order is stored");
    assert_eq!(fulfilled["status"], "FULFILLED");
}

/// Ctrl-C (a key in raw mode) and SIGTERM (a shop's shutdown script) both leave the terminal
/// as it was: alternate screen left, exit status 0. A panic (debug builds can trigger one with
/// F12 under FLEXY_TEST_PANIC) restores it too, and its message is readable on the normal screen.
#[test]
fn ctrl_c_sigterm_and_panic_restore_the_terminal() {
    if !tmux_ready() {
        return;
    }
    for how in ["ctrl-c", "sigterm", "panic"] {
        let till = Tmux::start_app(how, 80, 24, "FLEXY_TEST_PANIC=1");
        let tmux = &till.tmux;
        let long = Duration::from_secs(20);
        tmux.wait_for("the sale screen", long, |s| s.contains("PRACTICE"));
        tmux.keys(&["0", "6", "6"]);
        match how {
            "ctrl-c" => tmux.keys(&["C-c"]),
            "panic" => tmux.keys(&["F12"]),
            _ => {
                let sh = String::from_utf8_lossy(
                    &tmux
                        .run(&["display-message", "-p", "-t", "till", "#{pane_pid}"])
                        .stdout,
                )
                .trim()
                .to_string();
                let app = Command::new("pgrep")
                    .args(["-P", &sh])
                    .output()
                    .expect("pgrep");
                let pid = String::from_utf8_lossy(&app.stdout).trim().to_string();
                assert!(!pid.is_empty(), "app process found under the pane's shell");
                let killed = Command::new("kill").args(["-TERM", &pid]).status();
                assert!(killed.expect("kill runs").success());
            }
        }
        let status = till.exit_status(how, long);
        let after = till.assert_terminal_restored(how);
        if how == "panic" {
            assert_eq!(status, "101", "a panic exits with Rust's panic status");
            assert!(
                after.contains("test panic requested"),
                "the panic message is readable after restore:\n{after}"
            );
        } else {
            assert_eq!(status, "0", "exit status after {how}");
        }
    }
}

/// With an API key the app talks to that API and shows what `/v3/validate` says of the key: here
/// a `flexy-pos sandbox` process, so the status bar reads SANDBOX (never PRACTICE).
#[test]
fn a_sandbox_key_is_shown_as_sandbox() {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let _sandbox = KillOnDrop(
        Command::new(bin)
            .args(["sandbox", "--port", &port.to_string(), "--speed", "50"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("sandbox starts"),
    );
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(10), "sandbox listens");
        std::thread::sleep(Duration::from_millis(50));
    }
    let till = Tmux::start_app_with(
        "sandbox-key",
        100,
        24,
        &format!(
            "ONECLICKDZ_API_KEY={}",
            flexy_pos::emulator::DEFAULT_SANDBOX_KEY
        ),
        &format!("--api-url {url}"),
    );
    let long = Duration::from_secs(20);
    // The key's kind and the balance come in two answers: wait for both.
    let s = till
        .tmux
        .wait_for("SANDBOX and the balance in the status bar", long, |s| {
            s.contains("SANDBOX") && s.contains("100 000 DA")
        });
    assert!(
        !s.contains("PRACTICE"),
        "a keyed till is not in practice mode:\n{s}"
    );
    assert!(
        s.contains("100 000 DA"),
        "the sandbox balance is shown:\n{s}"
    );
    assert!(
        !s.contains(flexy_pos::emulator::DEFAULT_SANDBOX_KEY),
        "the key never appears on screen"
    );
    till.tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
    till.assert_terminal_restored("F10");
}

/// A child process that never outlives the test, even when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What the text layer draws for an Arabic word (shaped, right to left).
fn drawn(word: &str) -> String {
    layout(word, 200, BidiMode::App).lines[0].text.clone()
}

/// A line of the till's words as the app lays it out in `lang`, NFKC-normalised.
fn laid(lang: flexy_pos::i18n::Lang, text: &str) -> String {
    use flexy_pos::text::{Direction, styled_line};
    if !lang.is_rtl() {
        return text.to_string();
    }
    let pieces = styled_line(&[(text, ())], Direction::Rtl, BidiMode::App);
    nfkc_line(&pieces.into_iter().map(|(t, _)| t).collect::<String>())
}

/// The message line (above the status bar), NFKC-normalised.
fn message_line(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    rows.get(rows.len().saturating_sub(2))
        .map(|l| nfkc_line(l))
        .unwrap_or_default()
}

/// GNU FriBidi's layout of one right-to-left line, NFKC-normalised; `None` without `fribidi`.
fn fribidi_rtl(line: &str) -> Option<String> {
    use std::io::Write;
    use unicode_normalization::UnicodeNormalization;
    let mut child = match Command::new("fribidi")
        .args(["--nopad", "--nobreak", "--rtl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => return None,
    };
    // The text layer keeps grouped digits (`0661 23 45 67`, `12 345 DA`) one number.
    let logical = flexy_pos::text::keep_numbers_whole(line);
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{logical}\n").as_bytes())
        .expect("write to fribidi");
    let out = child.wait_with_output().expect("fribidi output");
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{FEFF}', "");
    Some(
        text.trim_end_matches('\n')
            .nfkc()
            .collect::<String>()
            .trim()
            .to_string(),
    )
}

/// A screen line as a person reads it: NFKC (presentation forms back to letters, no-break
/// spaces to spaces), trimmed.
fn nfkc_line(line: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    line.nfkc().collect::<String>().trim().to_string()
}

/// One whole practice sale in `lang` at 80×24: every screen on the way is read for English
/// words; in Arabic the form must sit on the right half, every Arabic letter must be drawn by
/// the text layer (shaped), and each hint and toast line must be what FriBidi makes of it.
fn whole_sale_in(lang: flexy_pos::i18n::Lang) {
    use flexy_pos::i18n::{Message, MsgId};
    use flexy_pos::ui::state::{SaleStep, Screen};
    use flexy_pos::ui::view::status_bar::hint_for;
    // The hint line for a screen and a sale step, as the app words it.
    let hint = |screen, step, help| hint_for(screen, step, false, help).in_lang(lang);
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let till = Tmux::start_app(
        &format!("lang-{lang}"),
        80,
        24,
        &format!(
            "FLEXY_LANG={} FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
            lang.code()
        ),
    );
    let tmux = &till.tmux;
    let long = Duration::from_secs(20);
    let rtl = lang.is_rtl();
    let shown = |id: MsgId| {
        let t = lang.t(id);
        if rtl { drawn(t) } else { t.to_string() }
    };
    let english = english_only_words();
    let have_fribidi = fribidi_rtl("ب").is_some();
    let mut screens = Vec::new();
    let mut read = |what: &str, s: String, hint: Option<String>| {
        let s = s.replace('\u{a0}', " ");
        let left = english_left(&s, &english);
        assert!(
            left.is_empty(),
            "{lang} {what}: English words {left:?} on screen:\n{s}"
        );
        if rtl {
            let unshaped: Vec<char> = s
                .chars()
                .filter(|c| ('\u{0621}'..='\u{064A}').contains(c))
                // A letter the shaper leaves alone (a lone hamza) is drawn as it is.
                .filter(|c| flexy_pos::text::shape(&c.to_string()) != c.to_string())
                .collect();
            assert!(
                unshaped.is_empty(),
                "{what}: Arabic letters not laid out by the text layer {unshaped:?}:\n{s}"
            );
            if let (Some(message), true) = (hint, have_fribidi) {
                // The hint, or the toast of the sale that just settled.
                let toast = Message::new(MsgId::ToastSettled)
                    .text("phone", "0661 23 45 67")
                    .text("amount", "500 DA")
                    .msg("state", MsgId::StateFulfilled)
                    .msg("advice", MsgId::AdviceFulfilled)
                    .in_lang(lang);
                let line = message_line(&s);
                let expected: Vec<String> = [message.as_str(), toast.as_str()]
                    .iter()
                    .map(|m| fribidi_rtl(m).expect("fribidi"))
                    .collect();
                assert!(
                    expected.contains(&line),
                    "{what}: the message line {line:?} is FriBidi's layout of neither {message:?} nor {toast:?}"
                );
            }
        }
        screens.push(s);
    };

    let s = tmux.wait_for("the sale screen", long, |s| {
        s.contains(&shown(MsgId::SaleNumber)) && s.contains(&shown(MsgId::ModePractice))
    });
    read("start", s, Some(hint(Screen::Sale, SaleStep::Phone, false)));
    tmux.keys(&["0", "6", "6", "1", "2", "3", "4", "5", "6", "7"]);
    let s = tmux.wait_for("the number typed", long, |s| {
        s.replace('\u{a0}', " ").contains("0661 23 45 67") && s.contains("10/10")
    });
    if rtl {
        // The form is on the right half: the number's box starts past the middle.
        let row = s
            .replace('\u{a0}', " ")
            .lines()
            .find(|l| l.contains("0661 23 45 67"))
            .map(str::to_string)
            .expect("the number on screen");
        let col = row.chars().take_while(|&c| c != '0').count();
        assert!(
            col >= 40,
            "the form sits on the right half (column {col}):\n{s}"
        );
    }
    read("number", s, None);
    tmux.keys(&["Enter"]);
    let plan_hint = hint(Screen::Sale, SaleStep::Plan, false);
    let laid_hint = laid(lang, &plan_hint);
    let s = tmux.wait_for("the plan step", long, |s| message_line(s) == laid_hint);
    read("plan", s, Some(plan_hint));
    tmux.keys(&["5", "0", "0", "Enter"]);
    let confirm_title = shown(MsgId::ConfirmSend);
    let s = tmux.wait_for("the confirm step", long, |s| s.contains(&confirm_title));
    read(
        "confirm",
        s,
        Some(hint(Screen::Sale, SaleStep::Confirm, false)),
    );
    tmux.keys(&["Enter"]);
    // The toast's first word: "sent", "envoyé", "أُرسل".
    let first = lang
        .t(MsgId::ToastSent)
        .split(' ')
        .next()
        .unwrap_or("")
        .to_string();
    let sent_word = if rtl { drawn(&first) } else { first };
    let s = tmux.wait_for("the sent toast", long, |s| {
        message_line(s).contains(&nfkc_line(&sent_word))
    });
    read("sent", s, None);
    tmux.keys(&["F4"]);
    let done = shown(MsgId::StateFulfilled);
    let s = tmux.wait_for("the fulfilled order in the history", long, |s| {
        s.contains(&done)
    });
    read(
        "history",
        s,
        Some(hint(Screen::History, SaleStep::Phone, false)),
    );
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the detail", long, |s| {
        s.contains(&shown(MsgId::DetailTimeline))
    });
    read(
        "detail",
        s,
        Some(hint(Screen::Detail, SaleStep::Phone, false)),
    );
    tmux.keys(&["F1"]);
    // The help covers the whole window (every key fits at 80×24), the hint line included:
    // it is read by its rows, the F7, F8 and F9 ones among them.
    let rows: Vec<String> = [MsgId::HelpQuit]
        .iter()
        .map(|&id| nfkc_line(&shown(id)))
        .collect();
    let s = tmux.wait_for("the help", long, |s| {
        rows.iter()
            .all(|r| s.lines().any(|l| nfkc_line(l).contains(r.as_str())))
    });
    for key in ["F7", "F8 / Ctrl-R", "F9"] {
        assert!(s.contains(key), "{lang} help without {key}:\n{s}");
    }
    read("help", s, None);
    // F9 switches the language at once (fr → ar → en), right on the detail screen.
    tmux.keys(&["Escape", "F9"]);
    let next = lang.next();
    let timeline = next.t(MsgId::DetailTimeline);
    let timeline = if next.is_rtl() {
        nfkc_line(&drawn(timeline))
    } else {
        timeline.to_string()
    };
    tmux.wait_for("the detail in the next language after F9", long, |s| {
        s.lines().any(|l| nfkc_line(l).contains(&timeline))
    });
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");

    let orders = orders_json(bin, till.data.path());
    assert_eq!(
        orders[0]["status"], "FULFILLED",
        "the field values stay English"
    );
}

#[test]
fn a_whole_practice_sale_in_french() {
    whole_sale_in(flexy_pos::i18n::Lang::Fr);
}

#[test]
fn a_whole_practice_sale_in_arabic() {
    whole_sale_in(flexy_pos::i18n::Lang::Ar);
}

/// A 20×5 terminal cannot show the confirm box: the app says so, and a whole sale typed blind
/// (number, Enter, amount, Enter, Enter) sends nothing. Once the window is big enough the form
/// is empty (nothing was typed blind) and the store holds no order.
#[test]
fn a_tiny_terminal_never_sends_blind() {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let till = Tmux::start_app("tiny", 20, 5, "FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50");
    let tmux = &till.tmux;
    let long = Duration::from_secs(20);
    tmux.wait_for("the too-small notice", long, |s| s.contains("too small"));
    tmux.keys(&["0", "6", "6", "1", "2", "3", "4", "5", "6", "7"]);
    tmux.keys(&["Enter", "5", "0", "0", "Enter", "Enter", "Enter"]);
    let s = tmux.screen();
    assert!(s.contains("nothing is sent"), "{s}");
    std::thread::sleep(Duration::from_millis(500));

    let out = tmux.run(&["resize-window", "-t", "till", "-x", "100", "-y", "30"]);
    assert!(out.status.success(), "resize-window: {out:?}");
    let s = tmux.wait_for("the sale screen once it fits", long, |s| {
        s.contains("Number")
    });
    assert!(!s.contains("0661 23"), "nothing was typed blind:\n{s}");
    assert!(!s.contains("sending") && !s.contains("sent 0661"), "{s}");
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
    till.assert_terminal_restored("F10");
    assert_eq!(
        orders_json(bin, till.data.path()),
        Vec::<serde_json::Value>::new()
    );
}

/// The counter screen with a folder where its log file goes: it runs (without a log file)
/// instead of panicking.
#[test]
fn the_counter_screen_runs_when_its_log_file_cannot_be_opened() {
    if !tmux_ready() {
        return;
    }
    let data = tempfile::tempdir().expect("dir");
    let now = chrono::Utc::now();
    for d in [-1i64, 0, 1] {
        let day = (now + chrono::Duration::days(d)).format("%Y-%m-%d");
        let name = format!("flexy-pos.log.{day}");
        std::fs::create_dir_all(data.path().join("logs").join(name)).expect("a folder in place");
    }
    let till = Tmux::start_app_with(
        "no-log",
        80,
        24,
        &format!("FLEXY_DATA_DIR={}", data.path().display()),
        "",
    );
    let long = Duration::from_secs(20);
    till.tmux.wait_for("the sale screen", long, |s| {
        s.contains("PRACTICE") && s.contains("Number")
    });
    till.tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
    till.assert_terminal_restored("F10");
}

/// The report for a practice data dir, from the real binary (the app must have exited).
fn report_json(bin: &str, data: &Path) -> serde_json::Value {
    let out = Command::new(bin)
        .args(["report", "--json"])
        .env("FLEXY_DATA_DIR", data)
        .env("FLEXY_CONFIG", "/dev/null")
        .env_remove("ONECLICKDZ_API_KEY")
        .output()
        .expect("report runs");
    assert!(out.status.success(), "report failed: {out:?}");
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn money_text(v: &serde_json::Value) -> String {
    let d = v
        .as_f64()
        .and_then(flexy_pos::money::Dzd::from_f64)
        .expect("money");
    d.to_string()
}

/// Sells `digits` for 500 DA through the sale screen (10 digits, Enter, 500, Enter, Enter).
fn sell(tmux: &Tmux, digits: &str, long: Duration) {
    let keys: Vec<String> = digits.chars().map(String::from).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    tmux.keys(&keys);
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", long, |s| s.contains("CONFIRM"));
    tmux.keys(&["Enter"]);
}

/// Closing the day: two sales (one FULFILLED, one REFUNDED), then F7 shows today's books, the
/// refund to hand back with its number, and the same totals `flexy-pos report` gives.
#[test]
fn the_day_is_closed_on_the_report_screen() {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let till = Tmux::start_app(
        "books",
        120,
        40,
        "FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
    );
    let tmux = &till.tmux;
    let long = Duration::from_secs(20);
    tmux.wait_for("the sale screen", long, |s| s.contains("Number"));
    sell(tmux, "0661234567", long);
    tmux.wait_for("the first sale in the pane", long, |s| {
        s.contains("0661 23 45 67") && s.contains("FULFILLED")
    });
    sell(tmux, "0600000001", long);
    tmux.wait_for("the refund in the pane", long, |s| {
        s.contains("REFUNDED today")
    });

    tmux.keys(&["F7"]);
    let screen = tmux.wait_for("today's books", long, |s| {
        s.contains("(today)") && s.contains("Give the money back: 1")
    });
    assert!(
        screen.contains("0600 00 00 01"),
        "the refund's number:\n{screen}"
    );
    // Yesterday had nothing; `t` comes back to today.
    tmux.keys(&["y"]);
    tmux.wait_for("yesterday's books", long, |s| {
        !s.contains("(today)") && s.contains("Books")
    });
    tmux.keys(&["t"]);
    let screen = tmux.wait_for("today again", long, |s| {
        s.contains("(today)") && s.contains("Give the money back: 1")
    });
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");

    // The screen showed the same books as the command.
    let r = report_json(bin, till.data.path());
    assert_eq!(r["orders"], 2);
    assert_eq!(r["fulfilled"], 1);
    assert_eq!(r["refunded"], 1);
    for field in [
        "collected_total",
        "cost_total",
        "margin_total",
        "refund_total",
    ] {
        let shown = money_text(&r[field]);
        assert!(
            screen.contains(&shown),
            "{field} {shown} on screen:\n{screen}"
        );
    }
}

/// The clerk types the next number while the previous sale settles: the pane shows it go from
/// in progress to FULFILLED, and the digits typed meanwhile are all there.
#[test]
fn a_sale_turns_fulfilled_in_the_pane_while_the_next_number_is_typed() {
    if !tmux_ready() {
        return;
    }
    // Speed 4: PENDING for 1.25 s, HANDLING until 3.75 s; long enough to watch.
    let till = Tmux::start_app(
        "pane",
        120,
        40,
        "FLEXY_PRACTICE_SPEED=4 FLEXY_TIME_SCALE=4 TERM=xterm-256color",
    );
    let tmux = &till.tmux;
    let long = Duration::from_secs(30);
    tmux.wait_for("the sale screen", long, |s| s.contains("Number"));
    sell(tmux, "0661234567", long);
    let open = tmux.wait_for("the sale in progress in the pane", long, |s| {
        s.contains("0661 23 45 67")
            && (s.contains("PENDING") || s.contains("HANDLING") || s.contains("SENT"))
    });
    assert!(!open.contains("FULFILLED"), "{open}");
    // The next customer's number, typed while the first settles.
    tmux.keys(&["0", "7", "7", "0", "1"]);
    let done = tmux.wait_for("FULFILLED in the pane", long, |s| s.contains("FULFILLED"));
    assert!(
        done.contains("0770 1"),
        "the digits typed are kept:\n{done}"
    );
    assert!(done.contains("0661 23 45 67"), "{done}");
    tmux.keys(&["2", "3", "4", "5", "6"]);
    let s = tmux.wait_for("the whole next number", long, |s| {
        s.contains("0770 12 34 56")
    });
    assert!(s.contains("Djezzy"), "{s}");
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
}

/// The counter screen checks itself against the server's list in the background: a few
/// seconds after start (time scaled) the audit has run and left its summary in the log.
#[test]
fn the_counter_runs_the_background_audit() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app("audit", 100, 30, "FLEXY_TIME_SCALE=20");
    let long = Duration::from_secs(20);
    till.tmux.wait_for("the sale screen", long, |s| {
        s.contains("PRACTICE") && s.contains("Number")
    });
    let logs = till.data.path().join("logs");
    let start = Instant::now();
    let summary = loop {
        let text: String = std::fs::read_dir(&logs)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|f| std::fs::read_to_string(f.path()).ok())
            .collect();
        if let Some(line) = text.lines().find(|l| l.contains("audit: ")) {
            break line.to_string();
        }
        assert!(
            start.elapsed() < long,
            "no audit in the log after {long:?}:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(summary.contains("checked"), "{summary}");
    till.tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
}

/// An Idoom ADSL top-up sold in practice mode in `lang` at 80×24: the product key, the line
/// checked and its offer shown, a value from the list, the confirm box, the send; then the card
/// code shown large on screen, read there and checked against the stored order, with no
/// English word on any screen on the way.
fn adsl_sale_in(lang: flexy_pos::i18n::Lang) {
    use flexy_pos::i18n::{Message, MsgId};
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let till = Tmux::start_app(
        &format!("adsl-{lang}"),
        80,
        24,
        &format!(
            "FLEXY_LANG={} FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
            lang.code()
        ),
    );
    let tmux = &till.tmux;
    let long = Duration::from_secs(20);
    let rtl = lang.is_rtl();
    // A message as it is drawn: the Arabic laid out by the text layer, NFKC for comparing.
    let shown = |m: &Message| {
        let t = m.in_lang(lang);
        nfkc_line(&if rtl { laid(lang, &t) } else { t })
    };
    let on_screen = |s: &str, m: &Message| {
        let want = shown(m);
        s.lines().any(|l| nfkc_line(l).contains(&want))
    };
    let english = english_only_words();
    let read = |what: &str, s: &str| {
        let left = english_left(&s.replace('\u{a0}', " "), &english);
        assert!(
            left.is_empty(),
            "{lang} {what}: English words {left:?} on screen:\n{s}"
        );
    };
    tmux.wait_for("the sale screen", long, |s| {
        on_screen(s, &Message::new(MsgId::ModePractice))
    });
    tmux.keys(&["C-t"]);
    let title = Message::new(MsgId::SaleLineNumber).text("product", "Idoom ADSL");
    let s = tmux.wait_for("the ADSL form", long, |s| on_screen(s, &title));
    read("ADSL form", &s);
    tmux.keys(&["0", "3", "6", "3", "6", "2", "6", "0", "8"]);
    let s = tmux.wait_for("the line found, its offer shown", long, |s| {
        s.replace('\u{a0}', " ").contains("036 36 26 08") && s.contains("FTTc-b_10M")
    });
    read("line checked", &s);
    assert!(s.contains("9/9"), "{lang}: every digit counted:\n{s}");
    tmux.keys(&["Enter", "Down"]);
    // Its price, 980 DA + 5 %, rounded up: 1 030 (before or after DA, by language).
    let s = tmux.wait_for("the values, 1 000 DA chosen", long, |s| {
        s.replace('\u{a0}', " ").contains("1 030")
    });
    read("values", &s);
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the confirm box", long, |s| {
        on_screen(s, &Message::new(MsgId::ConfirmSend))
    });
    read("confirm", &s);
    assert!(
        s.replace('\u{a0}', " ").contains("1 030"),
        "{lang}: the confirm box says what to collect:\n{s}"
    );
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the proof of delivery", long, |s| {
        on_screen(s, &Message::new(MsgId::ProofTitle))
    });
    read("proof", &s);
    // The code as the clerk reads it out: four groups of four digits, on its own line.
    let code_on_screen = s
        .replace('\u{a0}', " ")
        .split(|c: char| !(c.is_ascii_digit() || c == ' '))
        .map(str::trim)
        .find(|w| w.len() == 19 && w.split(' ').all(|g| g.len() == 4))
        .map(|w| w.replace(' ', ""))
        .unwrap_or_else(|| panic!("{lang}: no card code on screen:\n{s}"));
    assert!(s.contains("AT-"), "{lang}: the transaction number:\n{s}");
    // It stays until dismissed.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(on_screen(&tmux.screen(), &Message::new(MsgId::ProofTitle)));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the proof dismissed", long, |s| {
        !on_screen(s, &Message::new(MsgId::ProofTitle))
    });
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");

    let orders = orders_json(bin, till.data.path());
    let sold = &orders[0];
    assert_eq!(
        (sold["product"].as_str(), sold["status"].as_str()),
        (Some("adsl"), Some("FULFILLED"))
    );
    assert_eq!(sold["number"], "036362608");
    assert_eq!(
        sold["card_code"].as_str(),
        Some(code_on_screen.as_str()),
        "{lang}: the code on screen is the stored one"
    );
}

#[test]
fn an_adsl_top_up_in_french_shows_its_card_code() {
    adsl_sale_in(flexy_pos::i18n::Lang::Fr);
}

#[test]
fn an_adsl_top_up_in_arabic_shows_its_card_code() {
    adsl_sale_in(flexy_pos::i18n::Lang::Ar);
}
