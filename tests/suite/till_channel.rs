//! The till open all day, the commands still work (issue 22): the counter screen serves
//! `orders`, `report`, `sync`, `send` and `status` over its command channel, with the bytes and
//! exit codes they give when the till is closed; a till killed during a `send` loses nothing
//! and sends nothing twice; the channel is the same user's only and refuses what it cannot
//! serve without harm.

use crate::common;

use common::tmux::{Tmux, tmux_ready};
use common::{emulator_config, start_emulator};
use flexy_pos::emulator::{DEFAULT_SANDBOX_KEY, FaultConfig};
use flexy_pos::headless::Served;
use flexy_pos::till_channel::protocol::{MAX_REQUEST, Refusal, TillInfo};
use flexy_pos::till_channel::{Answer, Ask, Endpoint, Link, LinkError, TillServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const LONG: Duration = Duration::from_secs(30);

/// A data folder and the API, as a shell on the till's PC runs the commands.
struct Shell {
    data: PathBuf,
    url: String,
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Shell {
    /// A data folder with an empty config.toml (the terminal id goes there).
    fn new(data: &Path, url: &str) -> Shell {
        std::fs::write(data.join("config.toml"), "").expect("config");
        Shell {
            data: data.to_path_buf(),
            url: url.to_string(),
        }
    }

    fn env(&self) -> String {
        format!(
            "ONECLICKDZ_API_KEY={DEFAULT_SANDBOX_KEY} FLEXY_API_URL={} FLEXY_DATA_DIR={} \
             FLEXY_CONFIG={} FLEXY_TIME_SCALE=500 TERM=xterm-256color",
            self.url,
            self.data.display(),
            self.data.join("config.toml").display()
        )
    }

    fn command(&self, args: &[&str]) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
        c.args(args)
            .env_remove("FLEXY_TERMINAL")
            .env_remove("FLEXY_PRACTICE_SPEED")
            .env("ONECLICKDZ_API_KEY", DEFAULT_SANDBOX_KEY)
            .env("FLEXY_API_URL", &self.url)
            .env("FLEXY_DATA_DIR", &self.data)
            .env("FLEXY_CONFIG", self.data.join("config.toml"))
            .env("FLEXY_TIME_SCALE", "500")
            .env("FLEXY_LANG", "en")
            .stdin(std::process::Stdio::null());
        c
    }

    async fn run(&self, args: &[&str]) -> Out {
        let out = self.command(args).output().await.expect("the binary runs");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `status --json` until a till answers.
    async fn wait_for_till(&self) -> Value {
        let start = Instant::now();
        loop {
            let out = self.run(&["status", "--json"]).await;
            if out.code == 0 {
                return serde_json::from_str(&out.stdout).expect("status JSON");
            }
            assert!(
                start.elapsed() < LONG,
                "no till came up: {} {}",
                out.stdout,
                out.stderr
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// The counter screen in tmux on `shell`'s folder.
fn open_till(name: &str, shell: &Shell) -> common::tmux::App {
    Tmux::start_app_with(name, 150, 40, &shell.env(), "")
}

fn json_of(out: &Out, what: &str) -> Value {
    assert_eq!(out.code, 0, "{what}: {} {}", out.stdout, out.stderr);
    serde_json::from_str(out.stdout.trim())
        .unwrap_or_else(|e| panic!("{what}: {e}: {}", out.stdout))
}

/// `sync --json` without the instants of its window (they move with the clock).
fn sync_without_window(out: &Out) -> Value {
    let mut v = json_of(out, "sync --json");
    if let Some(a) = v.get_mut("audit").and_then(Value::as_object_mut) {
        a.remove("from");
        a.remove("to");
    }
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_open_till_serves_the_commands_with_the_bytes_of_a_closed_one() {
    if !tmux_ready() {
        return;
    }
    let emu = start_emulator(emulator_config(22)).await;
    let data = tempfile::tempdir().expect("dir");
    let shell = Shell::new(data.path(), &emu.base_url());
    let app = open_till("serves", &shell);
    let status = shell.wait_for_till().await;
    assert_eq!(status["running"], true, "{status}");
    assert_eq!(status["counter"], true, "{status}");
    // The mode the till started in: a key's kind is known to the screen once OneClickDz says.
    assert_eq!(status["mode"], "UNCHECKED", "{status}");
    assert!(
        !status["terminal"].as_str().unwrap_or("").is_empty(),
        "{status}"
    );
    app.tmux
        .wait_for("the sale screen", LONG, |s| s.contains("Number"));

    // A sale from another shell while the till is open: it waits on the till's poller and
    // shows in the till's pane without a key press.
    let sent = shell
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234567",
            "--amount",
            "500",
            "--wait",
            "--json",
        ])
        .await;
    let sale = json_of(&sent, "send --wait through the till");
    assert_eq!(sale["status"], "FULFILLED", "{sale}");
    app.tmux.wait_for("the sale in the till's pane", LONG, |s| {
        s.contains("0661 23 45 67")
    });

    let day = "today";
    let orders_open = shell.run(&["orders", "--json"]).await;
    let csv_open = shell.run(&["orders", "--csv"]).await;
    let report_open = shell.run(&["report", "--json", "--day", day]).await;
    let text_open = shell.run(&["report", "--day", day]).await;
    let sync_open = shell.run(&["sync", "--json"]).await;
    let plans_open = shell.run(&["plans", "--json"]).await;
    for (what, out) in [
        ("orders", &orders_open),
        ("orders --csv", &csv_open),
        ("report", &report_open),
        ("report text", &text_open),
        ("sync", &sync_open),
        ("plans", &plans_open),
    ] {
        assert_eq!(
            out.code, 0,
            "{what} with the till open: {} {}",
            out.stdout, out.stderr
        );
        assert!(!out.stderr.contains("in use"), "{what}: {}", out.stderr);
    }
    assert!(orders_open.stdout.contains(sale["ref"].as_str().unwrap()));

    // Close the till (F10), then the same commands open the store themselves.
    app.tmux.keys(&["F10"]);
    assert_eq!(app.exit_status("F10", LONG), "0");
    let closed = shell.run(&["status", "--json"]).await;
    assert_eq!(closed.code, 1, "{}", closed.stdout);
    assert_eq!(json_of_any(&closed)["running"], false);

    let orders_closed = shell.run(&["orders", "--json"]).await;
    assert_eq!(orders_closed.stdout, orders_open.stdout, "orders --json");
    let csv_closed = shell.run(&["orders", "--csv"]).await;
    assert_eq!(csv_closed.stdout, csv_open.stdout, "orders --csv");
    let report_closed = shell.run(&["report", "--json", "--day", day]).await;
    assert_eq!(report_closed.stdout, report_open.stdout, "report --json");
    let text_closed = shell.run(&["report", "--day", day]).await;
    assert_eq!(text_closed.stdout, text_open.stdout, "report");
    let sync_closed = shell.run(&["sync", "--json"]).await;
    assert_eq!(
        sync_without_window(&sync_closed),
        sync_without_window(&sync_open),
        "sync --json"
    );
    let plans_closed = shell.run(&["plans", "--json"]).await;
    assert_eq!(
        without(json_of(&plans_closed, "plans"), "age_seconds"),
        without(json_of(&plans_open, "plans"), "age_seconds"),
        "plans --json"
    );
    let sent_closed = shell
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0661234568",
            "--amount",
            "500",
            "--wait",
            "--json",
        ])
        .await;
    let sale_closed = json_of(&sent_closed, "send --wait with the till closed");
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(
        keys(&sale_closed),
        keys(&sale),
        "send --json has the same shape"
    );
    assert_eq!(sale_closed["status"], "FULFILLED");
    assert_eq!(emu.stats().orders, 2, "one order per send");
    emu.shutdown().await;
}

fn without(mut v: Value, field: &str) -> Value {
    if let Some(m) = v.as_object_mut() {
        m.remove(field);
    }
    v
}

fn json_of_any(out: &Out) -> Value {
    serde_json::from_str(out.stdout.trim()).unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_till_killed_during_a_send_loses_nothing_and_sends_nothing_twice() {
    if !tmux_ready() {
        return;
    }
    let emu = start_emulator(emulator_config(23)).await;
    let data = tempfile::tempdir().expect("dir");
    let shell = Shell::new(data.path(), &emu.base_url());
    let app = open_till("killed", &shell);
    let status = shell.wait_for_till().await;
    let pid = status["pid"].as_u64().expect("the till's pid");
    app.tmux
        .wait_for("the sale screen with its balance", LONG, |s| {
            s.contains("Number") && s.contains("balance")
        });
    // The plans are loaded; from now on every API answer takes three seconds, so the sale is
    // written and on its way when the till dies.
    emu.set_faults(FaultConfig {
        latency_ms: (3000, 3000),
        ..FaultConfig::default()
    })
    .expect("faults");
    let send = shell
        .command(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0669988776",
            "--amount",
            "300",
            "--json",
        ])
        .output();
    let send = tokio::spawn(send);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = send.await.expect("joined").expect("the send ran");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(5),
        "still open, do not resend: {stderr}"
    );
    assert!(
        stderr.contains("the till stopped before it answered")
            && stderr.contains("do NOT sell it again"),
        "a clear error: {stderr}"
    );
    emu.set_faults(FaultConfig::default()).expect("faults");

    // The next command opens the store itself: the order is there, once, in a known state.
    let orders = shell
        .run(&["orders", "--json", "--phone", "0669988776"])
        .await;
    assert_eq!(orders.code, 0, "{}", orders.stderr);
    assert_eq!(
        orders.stdout.lines().count(),
        1,
        "the order, once:\n{}",
        orders.stdout
    );
    // Whatever became of the request, `sync` settles it from OneClickDz's word and never
    // sends it again.
    let sync = shell
        .run(&["sync", "--wait", "--timeout", "60", "--json"])
        .await;
    assert!(
        matches!(sync.code, 0 | 5),
        "{} {}",
        sync.stdout,
        sync.stderr
    );
    let orders = shell
        .run(&["orders", "--json", "--phone", "0669988776"])
        .await;
    assert_eq!(
        orders.stdout.lines().count(),
        1,
        "still once:\n{}",
        orders.stdout
    );
    let rec: Value = serde_json::from_str(orders.stdout.trim()).expect("one order");
    let made = emu.stats().orders;
    eprintln!(
        "killed mid-send: OneClickDz has {made} order(s); the store's is {}",
        rec["status"]
    );
    assert!(made <= 1, "sent at most once: {made}");
    if made == 1 {
        assert_eq!(rec["status"], "FULFILLED", "{rec}");
    } else {
        assert_ne!(rec["status"], "FULFILLED", "{rec}");
    }

    // The dead till's socket is stale: a new till replaces it and serves.
    let socket = data.path().join("live").join("till.sock");
    assert!(socket.exists(), "the killed till left its socket");
    let again = open_till("killed-again", &shell);
    let status = shell.wait_for_till().await;
    assert_ne!(status["pid"].as_u64(), Some(pid));
    let orders = shell.run(&["orders", "--json"]).await;
    assert_eq!(orders.code, 0, "{}", orders.stderr);
    again.tmux.keys(&["F10"]);
    assert_eq!(again.exit_status("F10", LONG), "0");
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_channel_refuses_what_it_cannot_serve_and_goes_on() {
    let emu = start_emulator(emulator_config(24)).await;
    let data = tempfile::tempdir().expect("dir");
    let (server, _store) = common::till::in_process_till(data.path(), &emu.base_url()).await;
    let ep = server.endpoint().clone();

    // Another version of the protocol: a typed refusal, worded for the person.
    let old = br#"{"protocol":0,"version":"0.0.1","ask":{"command":"status"}}"#;
    let mut line = old.to_vec();
    line.push(b'\n');
    let refused = Link::connect(&ep).await.unwrap().exchange(&line).await;
    let Err(LinkError::Refused(r @ Refusal::Version { .. })) = refused else {
        panic!("{refused:?}")
    };
    let words =
        flexy_pos::till_channel::client::refusal_message(&r).in_lang(flexy_pos::i18n::Lang::En);
    assert!(words.contains("cannot work together"), "{words}");

    // Too long, and not JSON: refused; the till still answers the next one.
    let huge = vec![b'{'; MAX_REQUEST + 100];
    let refused = Link::connect(&ep).await.unwrap().exchange(&huge).await;
    assert!(
        matches!(
            refused,
            Err(LinkError::Refused(Refusal::TooLarge { .. })) | Err(LinkError::Lost(_))
        ),
        "{refused:?}"
    );
    let refused = Link::connect(&ep).await.unwrap().exchange(b"hello\n").await;
    assert!(
        matches!(refused, Err(LinkError::Refused(Refusal::Malformed))),
        "{refused:?}"
    );
    // A connection that says nothing holds no one up.
    let _silent = Link::connect(&ep).await.unwrap();
    let answer = Link::connect(&ep).await.unwrap().ask(Ask::Status).await;
    assert!(matches!(answer, Ok(Answer::Status(_))), "{answer:?}");

    // Two sales at once through the till: both placed, each once.
    let sale = |phone: &str| Ask::Send {
        order: common::mobilis_sale(phone, 500),
        wait_secs: None,
    };
    let (a, b) = tokio::join!(
        async {
            Link::connect(&ep)
                .await
                .unwrap()
                .ask(sale("0661000001"))
                .await
        },
        async {
            Link::connect(&ep)
                .await
                .unwrap()
                .ask(sale("0661000002"))
                .await
        },
    );
    for got in [a, b] {
        assert!(
            matches!(&got, Ok(Answer::Send(s)) if matches!(**s, flexy_pos::till_channel::protocol::SendAnswer::Placed(_))),
            "{got:?}"
        );
    }
    server.shutdown().await;
    emu.shutdown().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_socket_is_the_users_alone_and_a_stale_one_is_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let emu = start_emulator(emulator_config(25)).await;
    let data = tempfile::tempdir().expect("dir");
    let store_dir = data.path().join("practice").join("store");
    std::fs::create_dir_all(&store_dir).unwrap();
    std::fs::write(data.path().join("config.toml"), "").unwrap();
    // A socket a crashed till left: nothing accepts on it.
    let socket = data.path().join("practice").join("till.sock");
    drop(std::os::unix::net::UnixListener::bind(&socket).expect("bind"));
    assert!(socket.exists());

    let (server, _store) = common::till::in_process_till(data.path(), &emu.base_url()).await;
    let mode = std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the socket is the user's alone");
    // A second till on the same store does not take a live socket over.
    let again = TillServer::start(
        Endpoint::for_store(&store_dir),
        Served {
            lifecycle: common::till::lifecycle(&_store, &emu.base_url()),
            clock: flexy_pos::rules::ShopClock::algeria(),
            info: TillInfo {
                since: chrono::Utc::now(),
                mode: flexy_pos::till_status::RunMode::Practice,
                terminal: "x".into(),
                pid: 1,
                version: "x".into(),
                counter: false,
            },
        },
    )
    .await;
    assert!(matches!(&again, Err(e) if e.kind() == std::io::ErrorKind::AddrInUse));

    // `status` as this user: the till answers.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
        .args(["status", "--json"])
        .env_remove("ONECLICKDZ_API_KEY")
        .env("FLEXY_DATA_DIR", data.path())
        .env("FLEXY_CONFIG", data.path().join("config.toml"))
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(status.status.code(), Some(0), "{v}");
    assert_eq!(v["terminal"], "shop1");

    // Another user: refused, even with the folders open to them (root can switch users here;
    // elsewhere the 0600 mode checked above is what refuses them).
    if is_root() && common::runs("setpriv", &["--version"]) {
        // The data folder and its mode folder open to all (the temp folder above them is
        // already): only the socket's own mode stands in the way.
        for d in [data.path().to_path_buf(), data.path().join("practice")] {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let other = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_flexy-pos"))
            .args(["status", "--json"])
            .env_remove("ONECLICKDZ_API_KEY")
            .env("FLEXY_DATA_DIR", data.path())
            .env("FLEXY_CONFIG", "/dev/null")
            .env("FLEXY_LANG", "en")
            .output()
            .expect("setpriv runs");
        let v: Value = serde_json::from_slice(&other.stdout).unwrap_or(Value::Null);
        assert_eq!(
            other.status.code(),
            Some(1),
            "{v} {}",
            String::from_utf8_lossy(&other.stderr)
        );
        assert_eq!(
            v["running"],
            false,
            "{v} {}",
            String::from_utf8_lossy(&other.stderr)
        );
        assert!(
            v["problem"]
                .as_str()
                .unwrap_or("")
                .contains("ermission denied"),
            "refused by the socket's mode: {v}"
        );
    }
    server.shutdown().await;
    assert!(!socket.exists(), "a closing till removes its socket");
    emu.shutdown().await;
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// No till open: the first `send --wait` holds the store and serves the second, which used to
/// stop with "already in use".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_send_waits_run_side_by_side() {
    // Every answer takes 400 ms: the first holds the store for seconds.
    let emu = start_emulator(flexy_pos::emulator::EmulatorConfig {
        faults: FaultConfig {
            latency_ms: (400, 400),
            ..FaultConfig::default()
        },
        ..emulator_config(26)
    })
    .await;
    let data = tempfile::tempdir().expect("dir");
    let shell = Shell::new(data.path(), &emu.base_url());
    let sale = async |phone: &'static str| {
        shell
            .run(&[
                "send",
                "--plan",
                "PREPAID_MOBILIS",
                "--phone",
                phone,
                "--amount",
                "500",
                "--wait",
                "--json",
            ])
            .await
    };
    // The first opens the store (its plans fetched first), the second comes while it waits.
    let started = Instant::now();
    let first = async {
        let out = sale("0661000011").await;
        (out, started.elapsed())
    };
    let second = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        sale("0661000012").await
    };
    let ((a, first_took), b) = tokio::join!(first, second);
    assert!(
        first_took > Duration::from_millis(1500),
        "the two overlapped: {first_took:?}"
    );
    for (what, out) in [("first", &a), ("second", &b)] {
        let v = json_of(out, what);
        assert_eq!(v["status"], "FULFILLED", "{what}: {v}");
    }
    assert_eq!(emu.stats().orders, 2);
    emu.shutdown().await;
}

/// The internet commands while a till holds the store: its products, its line check, and a
/// sale through its gate (the line checked first).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_internet_sale_goes_through_the_till() {
    let emu = start_emulator(emulator_config(27)).await;
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "").unwrap();
    let (server, store) = common::till::in_process_till(data.path(), &emu.base_url()).await;
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
            .args(args)
            .env_remove("ONECLICKDZ_API_KEY")
            .env_remove("FLEXY_API_URL")
            .env("FLEXY_DATA_DIR", data.path())
            .env("FLEXY_CONFIG", data.path().join("config.toml"))
            .env("FLEXY_LANG", "en")
            .output()
            .expect("runs")
    };
    let products = run(&["internet", "products", "--type", "ADSL", "--json"]);
    assert_eq!(products.status.code(), Some(0), "{products:?}");
    let v: Value = serde_json::from_slice(&products.stdout).expect("JSON");
    assert_eq!(v["type"], "ADSL", "{v}");
    assert!(
        v["products"].as_array().is_some_and(|p| !p.is_empty()),
        "{v}"
    );
    let check = run(&[
        "internet",
        "check",
        "--type",
        "ADSL",
        "--number",
        "036362608",
        "--json",
    ]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let v: Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(v["ok"], true, "{v}");
    let bad = run(&[
        "internet", "check", "--type", "ADSL", "--number", "12", "--json",
    ]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a bad number is refused here: {bad:?}"
    );

    let out = run(&[
        "internet",
        "send",
        "--type",
        "ADSL",
        "--number",
        "036362608",
        "--value",
        "500",
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "accepted: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["product"], "adsl", "{v}");
    let reference = v["ref"].as_str().expect("ref");
    assert!(
        store.get_by_ref(reference).expect("read").is_some(),
        "in the till's store"
    );
    server.shutdown().await;
    emu.shutdown().await;
}

/// A long read (`orders --csv` of the whole history) runs beside the till's own work: on one
/// thread, the till still answers at once while the page is read and encoded.
#[tokio::test(flavor = "current_thread")]
async fn a_long_read_does_not_hold_the_till_up() {
    let emu = start_emulator(emulator_config(28)).await;
    let data = tempfile::tempdir().expect("dir");
    let (server, store) = common::till::in_process_till(data.path(), &emu.base_url()).await;
    let n = flexy_pos::demo::generate_demo_orders(&store, 20_000, 7).expect("seeded");
    let ep = server.endpoint().clone();
    let big = tokio::spawn({
        let ep = ep.clone();
        async move {
            let started = Instant::now();
            let got = Link::connect(&ep)
                .await
                .unwrap()
                .ask(Ask::Orders {
                    filter: Default::default(),
                    limit: n,
                })
                .await;
            (got, started.elapsed())
        }
    });
    tokio::time::sleep(Duration::from_millis(20)).await;
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let started = Instant::now();
        let got = Link::connect(&ep).await.unwrap().ask(Ask::Status).await;
        assert!(matches!(got, Ok(Answer::Status(_))), "{got:?}");
        slowest = slowest.max(started.elapsed());
    }
    let (got, took) = big.await.expect("joined");
    let Ok(Answer::Orders(page)) = got else {
        panic!("{got:?}")
    };
    assert_eq!(page.orders.len(), n);
    eprintln!("status at most {slowest:?} during a {took:?} read of {n} orders");
    assert!(
        slowest < Duration::from_millis(250),
        "the till answered in {slowest:?} while a {took:?} read ran"
    );
    server.shutdown().await;
    emu.shutdown().await;
}

/// `status` in the clerk's language: the mode's word as the status bar says it, and the date
/// written day first (French).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_speaks_the_clerks_language() {
    let emu = start_emulator(emulator_config(28)).await;
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("config.toml"), "").unwrap();
    let (server, _store) = common::till::in_process_till(data.path(), &emu.base_url()).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
        .arg("status")
        .env_remove("ONECLICKDZ_API_KEY")
        .env("FLEXY_DATA_DIR", data.path())
        .env("FLEXY_CONFIG", data.path().join("config.toml"))
        .env("FLEXY_LANG", "fr")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("ENTRAÎNEMENT"), "{text}");
    assert!(!text.contains("PRACTICE"), "{text}");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Africa::Algiers)
        .format("%d/%m/%Y")
        .to_string();
    let yesterday = (chrono::Utc::now() - chrono::Duration::minutes(5))
        .with_timezone(&chrono_tz::Africa::Algiers)
        .format("%d/%m/%Y")
        .to_string();
    assert!(
        text.contains(&today) || text.contains(&yesterday),
        "day first: {text}"
    );
    server.shutdown().await;
    emu.shutdown().await;
}
