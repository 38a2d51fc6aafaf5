//! Receipts end to end: the real binary prints an order's slip to a file and to a fake network
//! printer on loopback, the ESC/POS bytes are read back (initialise, every field, the cut), a
//! reprint carries the copy mark, an Arabic refund slip reads back as the shaped text in visual
//! order, the day's close prints, and a printer that accepts the connection and never reads
//! delays no sale.

use crate::common;

use chrono::{DateTime, Utc};
use common::{Rig, emulator_config, fast_settings, mobilis_sale, start_emulator};
use flexy_pos::api::types::{TopupInfo, TopupStatus};
use flexy_pos::config::{PrinterSettings, PrinterTarget, ShopInfo};
use flexy_pos::i18n::Lang;
use flexy_pos::ledger::{OrderRecord, OrderState};
use flexy_pos::money::Dzd;
use flexy_pos::receipt::{self, Decoded, PrintError, SlipContext, Tables, codepage, escpos};
use flexy_pos::rules::InternetType;
use flexy_pos::store::Store;
use flexy_pos::testkit::{OrderBuilder, topup};
use flexy_pos::text::{self, BidiMode};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

const TABLES: Tables = Tables {
    arabic: 37,
    latin: 19,
};

const CONFIG: &str =
    "[shop]\nname = \"Taxiphone El Bahdja\"\naddress = \"12 rue Didouche Mourad, Alger\"\n";

/// 2026-03-01 10:15 UTC: 11:15 in Algiers.
fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_360_100, 0).expect("time")
}

fn fulfilled() -> OrderRecord {
    OrderBuilder::new(at(), 1)
        .reference("till1-0001")
        .phone("0661234567")
        .amount(Dzd::from_dinars(500))
        .price(Dzd::from_dinars(550))
        .state(OrderState::Fulfilled)
        .topup_id("6650a1b2c3d4e5f6a7b8c9d0")
        .build()
}

fn refunded() -> OrderRecord {
    OrderBuilder::new(at(), 2)
        .reference("till1-0002")
        .phone("0770123456")
        .amount(Dzd::from_dinars(1000))
        .price(Dzd::from_dinars(1050))
        .state(OrderState::Refunded)
        .topup_id("6650a1b2c3d4e5f6a7b8c9d1")
        .api(TopupInfo {
            refund_message: Some("رصيد غير كاف لدى المتعامل".into()),
            ..topup("6650a1b2c3d4e5f6a7b8c9d1", TopupStatus::Refunded)
        })
        .build()
}

/// A practice data dir with the shop's config and these orders in its store.
fn shop_with(orders: &[OrderRecord]) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("dir");
    std::fs::write(root.path().join("config.toml"), CONFIG).expect("config");
    let store = Store::open(&root.path().join("practice").join("store")).expect("store");
    for o in orders {
        store.insert_new(o).expect("insert");
    }
    root
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(root: &Path, lang: &str, args: &[&str]) -> Out {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"))
        .arg("--data-dir")
        .arg(root)
        .arg("--config")
        .arg(root.join("config.toml"))
        .args(args)
        .env_remove("ONECLICKDZ_API_KEY")
        .env_remove("FLEXY_API_URL")
        .env("FLEXY_LANG", lang)
        .output()
        .expect("the binary runs");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Splits a stream of several jobs at each `ESC @` and reads each back.
fn jobs(bytes: &[u8]) -> Vec<Decoded> {
    let mut starts: Vec<usize> = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| *w == [0x1B, b'@'])
        .map(|(i, _)| i)
        .collect();
    starts.push(bytes.len());
    starts
        .windows(2)
        .map(|w| escpos::decode(&bytes[w[0]..w[1]], TABLES).expect("a stream the encoder wrote"))
        .collect()
}

fn has(d: &Decoded, needle: &str) -> bool {
    d.texts().iter().any(|l| l.contains(needle))
}

fn assert_order_fields(d: &Decoded) {
    assert!(d.initialised, "starts with ESC @");
    assert!(d.cut, "ends with a cut");
    for field in [
        "Taxiphone El Bahdja",
        "12 rue Didouche Mourad, Alger",
        "Top-up receipt",
        "2026-03-01 11:15",
        "Mobilis",
        "0661234567",
        "PREPAID_MOBILIS",
        "500 DA",
        "550 DA",
        "till1-0001",
        "6650a1b2c3d4e5f6a7b8c9d0",
    ] {
        assert!(has(d, field), "the slip has {field:?}: {:#?}", d.texts());
    }
    let status = d
        .texts()
        .into_iter()
        .find(|l| l.starts_with("Status"))
        .expect("a status line");
    assert!(
        status.contains(Lang::En.t(OrderState::Fulfilled.word())),
        "{status}"
    );
    assert!(
        d.lines.iter().all(|(t, _)| text::display_width(t) <= 32),
        "58 mm: 32 columns"
    );
}

#[test]
fn an_order_slip_on_a_file_printer_has_every_field_and_a_reprint_says_copy() {
    let root = shop_with(&[fulfilled(), refunded()]);
    let file = root.path().join("slips.bin");
    let printer = format!("file:{}", file.display());

    let first = run(
        root.path(),
        "en",
        &["receipt", "till1-0001", "--printer", &printer],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("print no. 1"), "{}", first.stdout);
    let second = run(
        root.path(),
        "en",
        &["receipt", "till1-0001", "--printer", &printer],
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stdout.contains("print no. 2"), "{}", second.stdout);

    let printed = jobs(&std::fs::read(&file).expect("the file printer's bytes"));
    assert_eq!(printed.len(), 2);
    assert_order_fields(&printed[0]);
    assert!(!has(&printed[0], "COPY"), "the first print is no copy");
    assert_order_fields(&printed[1]);
    let copy: Vec<String> = printed[1]
        .texts()
        .into_iter()
        .filter(|l| l.contains("COPY"))
        .collect();
    assert_eq!(copy.len(), 2, "the copy mark at the top and the bottom");
    let today = Utc::now().format("%Y-%m-%d").to_string();
    let copy_line = copy[0].trim();
    // The reprint's own time (the shop's clock may be a day off UTC around midnight).
    assert!(
        copy_line.starts_with("COPY 20") && copy_line.len() == "COPY 2026-03-01 11:15".len(),
        "{copy_line} (today {today})"
    );
    assert!(
        printed[1]
            .lines
            .iter()
            .any(|(t, bold)| t.contains("COPY") && *bold)
    );

    // The preview is exactly the paper: the same lines as the second print (a copy now).
    let preview = run(root.path(), "en", &["receipt", "till1-0001", "--preview"]);
    assert_eq!(preview.code, 0, "{}", preview.stderr);
    let shown: Vec<&str> = preview.stdout.lines().collect();
    let paper = printed[1].texts();
    assert_eq!(shown.len(), paper.len());
    for (s, p) in shown.iter().zip(&paper) {
        if !p.contains("COPY") {
            assert_eq!(s, p);
        }
    }

    // --copy marks a slip never printed; a refund says what is given back.
    let forced = run(
        root.path(),
        "en",
        &["receipt", "till1-0002", "--copy", "--printer", &printer],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let printed = jobs(&std::fs::read(&file).expect("bytes"));
    let refund = &printed[2];
    assert!(has(refund, "COPY"));
    assert!(has(refund, "1 050 DA given back"), "{:#?}", refund.texts());

    // Exit codes: no such ref and a bad --printer are bad input; no printer is an error.
    let missing = run(
        root.path(),
        "en",
        &["receipt", "nope", "--printer", &printer],
    );
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("no order has the ref nope"));
    let bad = run(
        root.path(),
        "en",
        &["receipt", "till1-0001", "--printer", "lpt1"],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let none = run(root.path(), "en", &["receipt", "till1-0001"]);
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains("no printer configured"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_network_printer_on_loopback_gets_the_slip() {
    let root = shop_with(&[fulfilled()]);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let printer = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().expect("a connection");
        conn.set_read_timeout(Some(Duration::from_secs(20))).ok();
        let mut got = Vec::new();
        conn.read_to_end(&mut got).expect("the job");
        got
    });
    let out = run(
        root.path(),
        "en",
        &[
            "receipt",
            "till1-0001",
            "--printer",
            &format!("tcp:127.0.0.1:{port}"),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("tcp:127.0.0.1:{port}")),
        "{}",
        out.stdout
    );
    let bytes = printer.join().expect("the printer thread");
    let printed = jobs(&bytes);
    assert_eq!(printed.len(), 1);
    assert_order_fields(&printed[0]);
    // A printer that refuses the connection is a clear error, exit 1.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let out = run(
        root.path(),
        "en",
        &[
            "receipt",
            "till1-0001",
            "--printer",
            &format!("tcp:127.0.0.1:{closed}"),
        ],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("the printer cannot be reached"),
        "{}",
        out.stderr
    );
}

fn ctx<'a>(shop: &'a ShopInfo, lang: Lang, columns: usize) -> SlipContext<'a> {
    SlipContext {
        shop,
        lang,
        timezone: chrono_tz::Africa::Algiers,
        columns,
    }
}

#[test]
fn an_arabic_refund_slip_reads_back_as_shaped_text_in_visual_order() {
    let shop = ShopInfo {
        name: "مكتبة النور".into(),
        address: "الجزائر".into(),
    };
    let slip = receipt::order_slip(&refunded(), &ctx(&shop, Lang::Ar, 32), None);
    let bytes = receipt::encode(&slip, TABLES);
    let d = escpos::decode(&bytes, TABLES).expect("decodes");
    assert!(d.initialised && d.cut);
    // Every line reads back as the slip's shaped visual-order line, through PC864.
    let expected: Vec<String> = slip
        .lines
        .iter()
        .map(|l| codepage::as_printed(&l.text).trim_end().to_string())
        .collect();
    assert_eq!(d.texts(), expected);
    // The shop's name is shaped and reversed: the text layer's visual line, centred.
    let name = text::layout("مكتبة النور", 32, BidiMode::App).lines[0]
        .text
        .clone();
    assert!(
        name.chars()
            .all(|c| c == ' ' || ('\u{FE70}'..='\u{FEFF}').contains(&c))
    );
    assert!(has(&d, &codepage::as_printed(&name)), "{:#?}", d.texts());
    // Known PC864 bytes: the shop's name starts (at the left, visual order) with the last
    // letter, reh final (U+FEAE), which PC864 prints as reh isolated, 0xD1; the table is
    // selected with ESC t 37 first.
    let at = bytes.iter().position(|&b| b == 0xD1).expect("reh");
    assert!(bytes[..at].windows(3).any(|w| w == [0x1B, b't', 37]));
    // The refund says what is given back, money left to right, the label at the right.
    let back = d
        .texts()
        .into_iter()
        .find(|l| l.contains("1 050 DA"))
        .expect("what is given back");
    assert!(
        back.trim_start().starts_with("DA") || back.contains("1 050 DA"),
        "{back}"
    );
    // The server's Arabic refund message, shaped, in visual order.
    let why = text::layout("رصيد غير كاف لدى المتعامل", 32, BidiMode::App).lines[0]
        .text
        .clone();
    assert!(has(&d, &codepage::as_printed(&why)), "{:#?}", d.texts());
    // Labels on the right: the ref line ends with the word "المرجع:" in visual order.
    let label = text::layout(
        &Lang::Ar.label(flexy_pos::i18n::MsgId::ReceiptRef),
        32,
        BidiMode::App,
    )
    .lines[0]
        .text
        .clone();
    let ref_line = d
        .texts()
        .into_iter()
        .find(|l| l.contains("till1-0002"))
        .expect("the ref");
    assert!(ref_line.starts_with("till1-0002"), "{ref_line}");
    assert!(
        ref_line.ends_with(&codepage::as_printed(&label)),
        "{ref_line}"
    );
    assert_eq!(text::display_width(&ref_line), 32);
}

#[test]
fn an_internet_top_up_slip_carries_its_proof_on_80_mm_paper() {
    let rec = OrderBuilder::new(at(), 3)
        .reference("till1-0003")
        .internet(InternetType::Adsl, "036123456")
        .amount(Dzd::from_dinars(1000))
        .price(Dzd::from_dinars(1050))
        .state(OrderState::Fulfilled)
        .api(TopupInfo {
            card_code: Some("123456789012".into()),
            num_trans: Some("AT-998877".into()),
            date_traitement: Some("2026-03-01 11:20:00".into()),
            ..topup("6650a1b2c3d4e5f6a7b8c9d2", TopupStatus::Fulfilled)
        })
        .build();
    let shop = ShopInfo::default();
    let slip = receipt::order_slip(&rec, &ctx(&shop, Lang::Fr, 48), None);
    let d = escpos::decode(&receipt::encode(&slip, TABLES), TABLES).expect("decodes");
    for field in [
        "Reçu de recharge",
        "036123456",
        "123456789012",
        "AT-998877",
        "2026-03-01 11:20:00",
    ] {
        assert!(has(&d, field), "{field}: {:#?}", d.texts());
    }
    assert!(
        d.lines
            .iter()
            .any(|(t, bold)| t.contains("123456789012") && *bold)
    );
    assert!(d.lines.iter().all(|(t, _)| text::display_width(t) <= 48));
}

#[test]
fn the_day_close_prints_the_books() {
    let root = shop_with(&[fulfilled(), refunded()]);
    let file = root.path().join("close.bin");
    let out = run(
        root.path(),
        "fr",
        &[
            "report",
            "--day",
            "2026-03-01",
            "--print",
            "--printer",
            &format!("file:{}", file.display()),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed = jobs(&std::fs::read(&file).expect("bytes"));
    assert_eq!(printed.len(), 1);
    let d = &printed[0];
    assert!(d.initialised && d.cut);
    for field in [
        "Clôture de caisse",
        "2026-03-01",
        "Taxiphone El Bahdja",
        "0770123456",
        "1 050 DA",
    ] {
        assert!(has(d, field), "{field}: {:#?}", d.texts());
    }
    // Cash to collect: the fulfilled sale's price (the refund is given back).
    let collected = d
        .texts()
        .into_iter()
        .find(|l| l.starts_with(Lang::Fr.t(flexy_pos::i18n::MsgId::BooksCollected)))
        .expect("cash line");
    assert!(collected.ends_with("550 DA"), "{collected}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printer_that_never_reads_does_not_delay_the_next_sale() {
    // Accepts the connection, then never reads a byte.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let held = tokio::spawn(async move {
        let (conn, _) = listener.accept().await.expect("accept");
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(conn);
    });
    let emu = start_emulator(emulator_config(25)).await;
    let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(5)));
    // A baseline sale, then a print job bigger than the socket's buffers to the stuck printer,
    // then the next sale while the job is stuck.
    let started = Instant::now();
    rig.lc
        .place(&mobilis_sale("0661234567", 500))
        .await
        .expect("first sale");
    let baseline = started.elapsed();
    let job = vec![b'x'; 64 << 20];
    let target = PrinterTarget::Network {
        host: "127.0.0.1".into(),
        port,
    };
    let printing = receipt::spawn(target, job, Duration::from_secs(2));
    let started = Instant::now();
    let sale = rig
        .lc
        .place(&mobilis_sale("0661234568", 500))
        .await
        .expect("next sale");
    let during = started.elapsed();
    assert!(!sale.reference.is_empty());
    assert!(
        !printing.is_finished(),
        "the print is still stuck while the sale went through"
    );
    assert!(
        during < baseline + Duration::from_millis(500),
        "the sale took {during:?} while printing (alone: {baseline:?})"
    );
    // The stuck job ends at its deadline with a clear error.
    let waited = Instant::now();
    let got = printing.await.expect("the job's task");
    assert_eq!(got, Err(PrintError::Timeout { secs: 2 }));
    assert!(waited.elapsed() < Duration::from_secs(4));
    held.abort();
    let _ = PrinterSettings::default();
    rig.stop().await;
}

// ---------------------------------------------------------------------------------------------
// At the counter: the worker between the screen and the printer.

mod counter {
    use super::*;
    use flexy_pos::orders::ValidOrder;
    use flexy_pos::rules::Phone;
    use flexy_pos::testkit::PlanBuilder;
    use flexy_pos::till_status::RunMode;
    use flexy_pos::ui::worker::{PrintSetup, Worker};
    use flexy_pos::ui::{Effect, Msg, SaleDraft, SaleId, SlipOf};
    use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

    fn start(
        rig: &Rig,
        printer: PrinterSettings,
    ) -> (
        UnboundedSender<Effect>,
        UnboundedReceiver<Msg>,
        Vec<tokio::task::JoinHandle<()>>,
    ) {
        let (msg_tx, msgs) = unbounded_channel();
        let (fx_tx, fx_rx) = unbounded_channel();
        let shop = ShopInfo {
            name: "Taxiphone El Bahdja".into(),
            address: String::new(),
        };
        let worker = Worker::new(
            rig.lc.clone(),
            msg_tx,
            RunMode::Practice,
            flexy_pos::rules::ShopClock::algeria(),
        )
        .with_printer(PrintSetup::new(printer, shop, Lang::En));
        (fx_tx, msgs, worker.spawn(fx_rx))
    }

    fn sale(id: u64, phone: &str) -> Effect {
        Effect::SubmitSale(SaleDraft {
            id: SaleId(id),
            order: ValidOrder {
                phone: Phone::parse(phone).expect("phone"),
                plan: PlanBuilder::dynamic("PREPAID_MOBILIS", "Mobilis", 40, 3999).build(),
                amount: Dzd::from_dinars(500),
                expected_cost: None,
                price: Some(Dzd::from_dinars(550)),
            },
        })
    }

    /// The next message that `pick` takes, within `within`.
    async fn next<T>(
        msgs: &mut UnboundedReceiver<Msg>,
        within: Duration,
        mut pick: impl FnMut(Msg) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let msg = tokio::time::timeout_at(deadline, msgs.recv())
                .await
                .expect("the worker answers in time")
                .expect("channel open");
            if let Some(t) = pick(msg) {
                return t;
            }
        }
    }

    fn notice(msg: Msg) -> Option<String> {
        match msg {
            Msg::Notice(n) => Some(n.text(Lang::En)),
            _ => None,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_fulfilled_sale_prints_itself_and_the_key_prints_a_copy() {
        let emu = start_emulator(emulator_config(26)).await;
        let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(5))).with_poller();
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("slips.bin");
        let printer = PrinterSettings {
            target: Some(PrinterTarget::File(file.clone())),
            auto_print: true,
            ..PrinterSettings::default()
        };
        let (fx, mut msgs, tasks) = start(&rig, printer);
        fx.send(sale(1, "0661234567")).expect("send");
        let reference = next(&mut msgs, Duration::from_secs(10), |m| match m {
            Msg::SaleSaved { record, .. } => Some(record.reference),
            _ => None,
        })
        .await;
        // FULFILLED: printed unasked, once.
        let said = next(&mut msgs, Duration::from_secs(20), notice).await;
        assert!(said.contains("print no. 1"), "{said}");
        assert!(said.contains(&reference), "{said}");
        let printed = jobs(&std::fs::read(&file).expect("bytes"));
        assert_eq!(printed.len(), 1);
        // The ref is wider than 58 mm paper: it breaks after the terminal id.
        let (till, rest) = reference.split_at(reference.find('-').expect("a till's ref") + 1);
        assert!(has(&printed[0], "0661234567"));
        assert!(
            has(&printed[0], till) && has(&printed[0], rest),
            "{:#?}",
            printed[0].texts()
        );
        assert!(!has(&printed[0], "COPY"));
        // The key prints it again: a copy.
        fx.send(Effect::PrintSlip {
            of: SlipOf::Order(reference.clone()),
            lang: Lang::Fr,
        })
        .expect("send");
        let said = next(&mut msgs, Duration::from_secs(10), notice).await;
        assert!(said.contains("print no. 2"), "{said}");
        let printed = jobs(&std::fs::read(&file).expect("bytes"));
        assert_eq!(
            printed.len(),
            2,
            "the FULFILLED order was printed unasked only once"
        );
        assert!(has(&printed[1], "DUPLICATA"), "{:#?}", printed[1].texts());
        assert!(has(&printed[1], "Reçu de recharge"));
        // The preview is the slip as it prints now (a copy), line by line.
        fx.send(Effect::PreviewSlip {
            of: SlipOf::Order(reference.clone()),
            lang: Lang::Fr,
        })
        .expect("send");
        let lines = next(&mut msgs, Duration::from_secs(10), |m| match m {
            Msg::SlipPreview { lines, .. } => Some(lines),
            _ => None,
        })
        .await;
        assert_eq!(lines.len(), printed[1].lines.len());
        assert!(lines.iter().any(|l| l.contains("DUPLICATA")));
        for t in tasks {
            t.abort();
        }
        rig.stop().await;
    }

    /// A USB printer whose device never takes the job (a FIFO no one reads: opening it for
    /// writing blocks): the sale typed meanwhile is saved and sent at once, and the print ends
    /// at its deadline with a notice.
    #[cfg(unix)]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_printer_that_never_takes_the_job_delays_no_sale_at_the_counter() {
        let emu = start_emulator(emulator_config(27)).await;
        let rig = Rig::new(&emu.base_url(), fast_settings(Duration::from_secs(5)));
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("lp0");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let printer = PrinterSettings {
            target: Some(PrinterTarget::Device {
                kind: flexy_pos::config::printer::DeviceKind::Usb,
                path: fifo.clone(),
            }),
            timeout: Duration::from_secs(2),
            ..PrinterSettings::default()
        };
        let (fx, mut msgs, tasks) = start(&rig, printer);
        fx.send(sale(1, "0661234567")).expect("send");
        let first = next(&mut msgs, Duration::from_secs(10), |m| match m {
            Msg::SaleSaved { record, .. } => Some(record.reference),
            _ => None,
        })
        .await;
        fx.send(Effect::PrintSlip {
            of: SlipOf::Order(first),
            lang: Lang::En,
        })
        .expect("send");
        let asked = Instant::now();
        fx.send(sale(2, "0661234568")).expect("send");
        next(&mut msgs, Duration::from_secs(10), |m| match m {
            Msg::SaleSaved { id: SaleId(2), .. } => Some(()),
            _ => None,
        })
        .await;
        let sale_took = asked.elapsed();
        assert!(
            sale_took < Duration::from_secs(1),
            "the sale waited {sale_took:?}"
        );
        let said = next(&mut msgs, Duration::from_secs(5), notice).await;
        assert!(said.contains("did not answer within 2 s"), "{said}");
        assert!(asked.elapsed() >= Duration::from_secs(2));
        // Let the blocked open go (a reader comes), so the runtime can stop.
        let reader = std::fs::File::open(&fifo);
        drop(reader);
        for t in tasks {
            t.abort();
        }
        rig.stop().await;
    }
}

/// The real binary in a real terminal (tmux): a practice sale, then Ctrl-P prints its slip on
/// the file printer of config.toml and the message line says so; Ctrl-O shows the next print
/// (a copy) exactly as it will come out; Ctrl-P there prints it.
#[test]
fn ctrl_p_prints_the_sale_in_a_real_terminal() {
    use common::tmux::{Tmux, tmux_ready};
    if !tmux_ready() {
        return;
    }
    let conf = tempfile::tempdir().expect("dir");
    let slips = conf.path().join("slips.bin");
    let config = conf.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "{CONFIG}\n[printer]\nkind = \"file\"\naddress = '{}'\n",
            slips.display()
        ),
    )
    .expect("config");
    let till = Tmux::start_app(
        "receipt",
        100,
        30,
        &format!(
            "FLEXY_CONFIG={} FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 TERM=xterm-256color",
            config.display()
        ),
    );
    let tmux = &till.tmux;
    let long = Duration::from_secs(20);
    tmux.wait_for("the sale screen", long, |s| s.contains("Number"));
    let digits: Vec<String> = "0661234567".chars().map(String::from).collect();
    tmux.keys(&digits.iter().map(String::as_str).collect::<Vec<_>>());
    tmux.keys(&["Enter", "5", "0", "0", "Enter"]);
    tmux.wait_for("the confirm step", long, |s| s.contains("CONFIRM"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the sale FULFILLED in the pane", long, |s| {
        s.contains("0661 23 45 67") && s.contains("FULFILLED")
    });
    tmux.keys(&["C-p"]);
    tmux.wait_for("the print notice", long, |s| s.contains("print no. 1"));
    let printed = jobs(&std::fs::read(&slips).expect("the slip"));
    assert_eq!(printed.len(), 1);
    assert!(has(&printed[0], "0661234567") && has(&printed[0], "Taxiphone El Bahdja"));
    assert!(!has(&printed[0], "COPY"));
    // The preview: the next print, a copy, line by line as the paper will have it.
    tmux.keys(&["C-o"]);
    let screen = tmux.wait_for("the preview", long, |s| s.contains("Slip preview"));
    assert!(screen.contains("COPY"), "{screen}");
    for line in &printed[0].texts() {
        assert!(
            screen.contains(line.as_str()),
            "{line:?} missing:\n{screen}"
        );
    }
    tmux.keys(&["C-p"]);
    tmux.wait_for("the second print", long, |s| s.contains("print no. 2"));
    let printed = jobs(&std::fs::read(&slips).expect("the slips"));
    assert_eq!(printed.len(), 2);
    assert!(has(&printed[1], "COPY"));
    tmux.keys(&["F10"]);
    assert_eq!(till.exit_status("F10", long), "0");
}

/// `flexy-pos config` shows the printer in force, and a printer kind without an address is a
/// config error that says what is missing.
#[test]
fn config_shows_the_printer() {
    let root = shop_with(&[]);
    let path = root.path().join("config.toml");
    std::fs::write(
        &path,
        format!(
            "{CONFIG}[printer]\nkind = \"network\"\naddress = \"192.168.1.50\"\nwidth_mm = 80\nauto_print = \"fulfilled\"\n"
        ),
    )
    .expect("config");
    let out = run(root.path(), "en", &["config"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("printer:"))
        .expect("a printer line");
    assert!(line.contains("tcp:192.168.1.50:9100"), "{line}");
    assert!(line.contains("80 mm (48 characters)"), "{line}");
    assert!(line.contains("prints every FULFILLED sale"), "{line}");
    assert!(
        out.stdout
            .contains("Taxiphone El Bahdja, 12 rue Didouche Mourad, Alger")
    );
    std::fs::write(&path, "[printer]\nkind = \"usb\"\n").expect("config");
    let out = run(root.path(), "en", &["config"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("address does not say where it is"),
        "{}",
        out.stderr
    );
}

/// The same in French and in Arabic: the slip is in the language on screen (Arabic shaped, in
/// visual order, through PC864).
#[test]
fn ctrl_p_prints_in_the_language_on_screen() {
    use common::tmux::{Tmux, tmux_ready};
    if !tmux_ready() {
        return;
    }
    for (lang, title) in [(Lang::Fr, "Reçu de recharge"), (Lang::Ar, "وصل التعبئة")] {
        let conf = tempfile::tempdir().expect("dir");
        let slips = conf.path().join("slips.bin");
        let config = conf.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "{CONFIG}\n[printer]\nkind = \"file\"\naddress = '{}'\n",
                slips.display()
            ),
        )
        .expect("config");
        let till = Tmux::start_app(
            &format!("receipt-{}", lang.code()),
            100,
            30,
            &format!(
                "FLEXY_CONFIG={} FLEXY_LANG={} FLEXY_PRACTICE_SPEED=50 FLEXY_TIME_SCALE=50 \
                 TERM=xterm-256color",
                config.display(),
                lang.code()
            ),
        );
        let tmux = &till.tmux;
        let long = Duration::from_secs(20);
        // The sale screen's number label, as the app draws it in this language.
        let label = text::layout(
            lang.t(flexy_pos::i18n::MsgId::SaleNumber),
            200,
            BidiMode::App,
        )
        .lines[0]
            .text
            .clone();
        tmux.wait_for("the sale screen", long, |s| s.contains(&label));
        let digits: Vec<String> = "0661234567".chars().map(String::from).collect();
        tmux.keys(&digits.iter().map(String::as_str).collect::<Vec<_>>());
        tmux.keys(&["Enter", "5", "0", "0", "Enter", "Enter"]);
        // The sale in the pane, with its status in this language (FULFILLED's short word).
        let done = text::layout(
            lang.t(flexy_pos::i18n::MsgId::ShortFulfilled),
            200,
            BidiMode::App,
        )
        .lines[0]
            .text
            .clone();
        tmux.wait_for("the sale FULFILLED in the pane", long, |s| {
            s.contains("0661 23 45 67") && s.contains(&done)
        });
        tmux.keys(&["C-p"]);
        // The job is whole once it ends with the cut.
        let start = Instant::now();
        let whole = |b: &[u8]| b.ends_with(&[0x1D, b'V', 1]);
        while !std::fs::read(&slips).is_ok_and(|b| whole(&b)) {
            assert!(start.elapsed() < long, "{lang}: nothing printed");
            std::thread::sleep(Duration::from_millis(100));
        }
        let printed = jobs(&std::fs::read(&slips).expect("the slip"));
        assert_eq!(printed.len(), 1, "{lang}");
        let shaped = text::layout(title, 32, BidiMode::App).lines[0].text.clone();
        assert!(
            has(&printed[0], &codepage::as_printed(&shaped)),
            "{lang}: {shaped:?} in {:#?}",
            printed[0].texts()
        );
        assert!(has(&printed[0], "0661234567"), "{lang}");
        tmux.keys(&["F10"]);
        assert_eq!(till.exit_status("F10", long), "0");
    }
}

/// With the till open on the store (a till in this process holds it), `receipt` and
/// `report --print` ask the till: the slip prints here, the reprint says COPY, and the till's
/// store counts both prints.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_till_open_receipt_and_report_print_ask_the_till() {
    let emu = common::start_emulator(common::emulator_config(41)).await;
    let root = shop_with(&[fulfilled()]);
    let (server, store) = common::till::in_process_till(root.path(), &emu.base_url()).await;

    let paper = root.path().join("paper.bin");
    let printer = format!("file:{}", paper.display());
    for _ in 0..2 {
        let out = run(
            root.path(),
            "en",
            &["receipt", "till1-0001", "--printer", &printer],
        );
        assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    }
    let printed = jobs(&std::fs::read(&paper).expect("printed"));
    assert_eq!(printed.len(), 2);
    assert_order_fields(&printed[0]);
    assert!(!has(&printed[0], "COPY"), "the first print is no copy");
    assert!(has(&printed[1], "COPY"), "the reprint says so");
    assert_eq!(store.prints(fulfilled().key).expect("count").count, 2);

    let day = root.path().join("day.bin");
    let out = run(
        root.path(),
        "en",
        &[
            "report",
            "--print",
            "--day",
            "2026-03-01",
            "--printer",
            &format!("file:{}", day.display()),
        ],
    );
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let close = jobs(&std::fs::read(&day).expect("printed"));
    assert!(has(&close[0], "Close of day"), "{:?}", close[0].texts());
    server.shutdown().await;
    emu.shutdown().await;
}
