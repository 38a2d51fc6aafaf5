//! A clerk's whole day without a trip (issue 20, points 1–5), in the real binary in a real
//! terminal (tmux), read as a person reads the screen: an offers lookup is never money to give
//! back; a plan chosen earlier never sells the next customer; the words after Enter follow the
//! order's real state (offline: NOT sent, never "sent"), the status bar never says LIVE for an
//! unchecked key, F5's failure is worded; the confirm box shows no cost; the same sale again
//! needs its own key; a NOT_SENT order is sold again from its detail with a new ref.

use crate::common;

use common::tmux::{Tmux, tmux_ready};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LONG: Duration = Duration::from_secs(20);

fn keys_of(digits: &str) -> Vec<String> {
    digits.chars().map(String::from).collect()
}

fn typ(tmux: &Tmux, text: &str) {
    let keys = keys_of(text);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    tmux.keys(&keys);
}

/// `flexy-pos <args> --json` on a data dir, one JSON value per line (`key`: the keyed store).
fn json_lines(data: &Path, key: Option<&str>, args: &[&str]) -> Vec<serde_json::Value> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
    cmd.args(args)
        .env("FLEXY_DATA_DIR", data)
        .env("FLEXY_CONFIG", "/dev/null")
        .env_remove("FLEXY_API_URL");
    match key {
        Some(k) => cmd.env("ONECLICKDZ_API_KEY", k),
        None => cmd.env_remove("ONECLICKDZ_API_KEY"),
    };
    let out = cmd.output().expect("the command runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

fn money_text(v: &serde_json::Value) -> String {
    v.as_f64()
        .and_then(flexy_pos::money::Dzd::from_f64)
        .expect("money")
        .to_string()
}

/// F6 on a number, then a real refund: the pane's "give back" and F7's books count the refund
/// alone (its price only), the lookup shows as OFFRES, and `report` agrees. In French.
#[test]
fn an_offers_lookup_is_never_money_to_give_back_in_french() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app(
        "lookup-fr",
        120,
        40,
        "FLEXY_LANG=fr FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
    );
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen in French", LONG, |s| {
        s.contains("ENTRAÎNEMENT") && s.contains("Numéro") && s.contains("tarifs à jour")
    });
    // The offers lookup (F6) for a Mobilis number.
    typ(tmux, "0661234567");
    tmux.keys(&["F6"]);
    tmux.wait_for("the offers", LONG, |s| s.contains("pour ce numéro"));
    tmux.keys(&["C-n"]);
    tmux.wait_for("the lookup shown as a lookup in the pane", LONG, |s| {
        s.contains("0661 23 45 67") && s.contains("OFFRES")
    });
    // A real refund.
    typ(tmux, "0600000001");
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", LONG, |s| s.contains("CONFIRMER"));
    tmux.keys(&["Enter"]);
    let pane = tmux.wait_for("the refund in the pane", LONG, |s| {
        s.contains("REMBOURSÉE aujourd'hui") || s.contains("REMBOURSÉES aujourd'hui")
    });
    assert!(
        pane.contains("⚠ 1 REMBOURSÉE"),
        "one refund, not the lookup too:\n{pane}"
    );
    let lookup_row = pane
        .lines()
        .find(|l| l.contains("GETMENU_Mobilis"))
        .expect("the lookup's row");
    assert!(
        lookup_row.contains("OFFRES") && !lookup_row.contains("50 DA"),
        "a lookup, no money on its row:\n{pane}"
    );
    tmux.keys(&["F7"]);
    let books = tmux.wait_for("today's books", LONG, |s| s.contains("(aujourd'hui)"));
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", LONG), "0");

    let r = json_lines(till.data.path(), None, &["report", "--json"]).remove(0);
    assert_eq!(
        (&r["orders"], &r["refunded"], &r["lookups"]),
        (&1.into(), &1.into(), &1.into()),
        "{r}"
    );
    let refund = money_text(&r["refund_total"]);
    assert!(
        pane.contains(&format!("rendez {refund}")),
        "the refund's price alone ({refund}):\n{pane}"
    );
    assert!(books.contains(&refund), "{books}");
    assert!(
        !books.contains("0661 23 45 67"),
        "the lookup is not in the money to give back:\n{books}"
    );
}

/// F3, `pixx`, Enter, Esc, then the next customer: prepaid, not PIXX_500; the confirm box has
/// no cost; the plan in force shows under the number and Ctrl-N clears it; the same number and
/// amount again needs F8, not Enter.
#[test]
fn a_plan_chosen_earlier_never_sells_the_next_customer() {
    if !tmux_ready() {
        return;
    }
    let till = Tmux::start_app(
        "plan-in-force",
        120,
        40,
        "FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
    );
    let tmux = &till.tmux;
    tmux.wait_for("the sale screen", LONG, |s| {
        s.contains("PRACTICE") && s.contains("plans fresh")
    });
    tmux.keys(&["F3"]);
    typ(tmux, "pixx");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the plan chosen", LONG, |s| s.contains("PIXX_500 chosen"));
    tmux.keys(&["Escape"]);
    let empty = tmux.wait_for("the empty form", LONG, |s| !s.contains("PIXX_500"));
    assert!(empty.contains("Number"), "{empty}");
    typ(tmux, "0661234567");
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    let confirm = tmux.wait_for("the confirm step", LONG, |s| s.contains("CONFIRM"));
    assert!(
        confirm.contains("PREPAID_MOBILIS") && !confirm.contains("PIXX_500"),
        "{confirm}"
    );
    assert!(
        !confirm.contains("cost"),
        "the box read to the customer shows no cost:\n{confirm}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("sent", LONG, |s| s.contains("sent 0661 23 45 67"));
    // The same number and amount again at once: Enter does not send it, F8 does.
    typ(tmux, "0661234567");
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", LONG, |s| s.contains("CONFIRM"));
    tmux.keys(&["Enter"]);
    let warned = tmux.wait_for("the duplicate warning", LONG, |s| {
        s.contains("sends ANOTHER")
    });
    assert!(warned.contains("F8"), "{warned}");
    tmux.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(500));
    let still = tmux.screen();
    assert!(
        still.contains("CONFIRM") && still.contains("sends ANOTHER"),
        "Enter sent nothing:\n{still}"
    );
    tmux.keys(&["F8"]);
    tmux.wait_for("sent on purpose", LONG, |s| {
        s.contains("sent 0661 23 45 67")
    });
    // A plan chosen, a number typed: the plan in force is on the form; Ctrl-N clears it all.
    tmux.keys(&["F3", "C-u"]);
    typ(tmux, "pixx");
    tmux.keys(&["Enter"]);
    typ(tmux, "066222");
    tmux.wait_for("the plan in force", LONG, |s| {
        s.contains("plan PIXX_500 in force") && s.contains("Ctrl-N")
    });
    tmux.keys(&["C-n"]);
    tmux.wait_for("a new customer", LONG, |s| {
        !s.contains("PIXX_500") && !s.contains("0662 22")
    });
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", LONG), "0");
    let orders = json_lines(till.data.path(), None, &["orders", "--json"]);
    assert_eq!(orders.len(), 2, "two sales sent");
    assert!(orders.iter().all(|o| o["plan_code"] == "PREPAID_MOBILIS"));
}

/// A child process that never outlives the test.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A keyed till whose plans are cached (fetched from a sandbox that is then stopped) and whose
/// API no longer answers: the sale is NOT sent and the words say so, in `lang`.
fn offline_sale_in(lang: &str) {
    if !tmux_ready() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_flexy-pos");
    let key = flexy_pos::emulator::DEFAULT_SANDBOX_KEY;
    let data = tempfile::tempdir().expect("dir");
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    {
        let _sandbox = KillOnDrop(
            Command::new(bin)
                .args(["sandbox", "--port", &port.to_string(), "--speed", "50"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("sandbox starts"),
        );
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < LONG, "sandbox listens");
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = Command::new(bin)
            .args(["plans", "--api-url", &url])
            .env("FLEXY_DATA_DIR", data.path())
            .env("FLEXY_CONFIG", "/dev/null")
            .env("ONECLICKDZ_API_KEY", key)
            .output()
            .expect("plans runs");
        assert!(out.status.success(), "plans cached: {out:?}");
    }
    let till = Tmux::start_app_with(
        &format!("offline-{lang}"),
        120,
        40,
        &format!(
            "FLEXY_LANG={lang} ONECLICKDZ_API_KEY={key} FLEXY_DATA_DIR={} TERM=xterm-256color",
            data.path().display()
        ),
        &format!("--api-url {url}"),
    );
    let tmux = &till.tmux;
    let (unchecked, fresh, live, not_sent, sent_word, cannot, confirm) = match lang {
        "fr" => (
            "CLÉ NON VÉRIFIÉE",
            "tarifs à jour",
            "RÉEL",
            "NON ENVOYÉ",
            "envoyé 0661",
            "impossible de joindre l'API",
            "CONFIRMER",
        ),
        _ => (
            "KEY NOT CHECKED",
            "plans fresh",
            "LIVE",
            "NOT_SENT",
            "sent 0661",
            "cannot reach the API",
            "CONFIRM",
        ),
    };
    let bar = tmux.wait_for("the status bar, the cached plans loaded", LONG, |s| {
        s.contains(unchecked) && s.contains(fresh)
    });
    assert!(!bar.contains(live), "a key not checked is not LIVE:\n{bar}");
    typ(tmux, "0661234567");
    tmux.keys(&["Enter", "2", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", LONG, |s| s.contains(confirm));
    tmux.keys(&["Enter"]);
    let toast = tmux.wait_for("the words after Enter", LONG, |s| s.contains(not_sent));
    assert!(
        !toast.contains(sent_word),
        "never 'sent' for an order NOT sent:\n{toast}"
    );
    // F5: the failure in the clerk's words, not the HTTP library's.
    tmux.keys(&["F5"]);
    let f5 = tmux.wait_for("F5's failure", LONG, |s| s.contains(cannot));
    for raw in [
        "error sending request",
        "tcp connect",
        "os error",
        "Connection refused",
    ] {
        assert!(!f5.contains(raw), "raw transport text '{raw}':\n{f5}");
    }
    // Sold again from its detail, with one key: a new order through the confirm step.
    tmux.keys(&["F4"]);
    tmux.wait_for("the history", LONG, |s| s.contains("0661 23 45 67"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the detail", LONG, |s| {
        s.contains(not_sent) && s.contains("OneClickDz")
    });
    tmux.keys(&["F8"]);
    tmux.wait_for("the confirm step again", LONG, |s| s.contains(confirm));
    tmux.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(800));
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", LONG), "0");
    let orders = json_lines(data.path(), Some(key), &["orders", "--json"]);
    assert_eq!(orders.len(), 2, "{orders:?}");
    assert!(
        orders.iter().all(|o| o["status"] == "NOT_SENT"),
        "{orders:?}"
    );
    assert_ne!(
        orders[0]["ref"], orders[1]["ref"],
        "a new ref, never the old one"
    );
}

#[test]
fn offline_the_words_follow_the_order_in_english() {
    offline_sale_in("en");
}

#[test]
fn offline_the_words_follow_the_order_in_french() {
    offline_sale_in("fr");
}
