//! Snapshots of every screen at 80×24 and 120×40. The state is built by feeding messages
//! through `update`, as the running app does, with fixed timestamps.

use crate::common;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flexy_pos::api::types::PlanKind;
use flexy_pos::api::types::{Plan, PlansData, SuggestedOffer, TopupInfo, TopupStatus};
use flexy_pos::i18n::Lang;
use flexy_pos::ledger::{Note, Problem, Status};
use flexy_pos::money::Dzd;
use flexy_pos::orders::{OrderRecord, OrderState, StateChange};
use flexy_pos::testkit::{OrderBuilder, PlanBuilder, topup};
use flexy_pos::till_status::{Connection, RunMode, StatusInfo};
use flexy_pos::ui::{AppState, Effect, Msg, UiSettings, step, view};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 13, 5, 0).unwrap()
}

fn plan(code: &str, name: &str, op: &str, cost: Option<f64>, range: (i64, i64)) -> Plan {
    PlanBuilder::dynamic(code, op, range.0, range.1)
        .name(name)
        .cost(cost)
        .build()
}

fn fixed(code: &str, name: &str, op: &str, cost: f64, amount: i64) -> Plan {
    PlanBuilder::fixed(code, op, amount)
        .name(name)
        .cost(cost)
        .build()
}

fn plans() -> PlansData {
    let mut facture = plan(
        "FACTURE_MOBILIS",
        "🧾 FACTURE | فاتورة",
        "Mobilis",
        Some(0.98),
        (100, 20000),
    );
    facture.is_enabled = false;
    let mut mix1000 = fixed(
        "MIX1000_OOREDOO",
        "🌐 MIX 1000 | ميكس",
        "Ooredoo",
        0.98,
        1000,
    );
    mix1000.is_enabled = false;
    PlansData {
        dynamic_plans: vec![
            plan(
                "PREPAID_MOBILIS",
                "📱 PREPAID | عادي",
                "Mobilis",
                Some(0.96),
                (40, 3999),
            ),
            facture,
            plan(
                "GROS_MOBILIS",
                "📱 GROS MOBILIS | جملة",
                "GMobilis",
                None,
                (5000, 300000),
            ),
            plan(
                "PREPAID_DJEZZY",
                "📱 PREPAID | عادي",
                "Djezzy",
                Some(0.9925),
                (100, 10000),
            ),
            plan(
                "PREPAID_OOREDOO",
                "📱 PREPAID | عادي",
                "Ooredoo",
                Some(0.98),
                (50, 5000),
            ),
            plan(
                "GETMENU_Mobilis",
                "📋 GETMENU | العروض",
                "Mobilis",
                Some(0.98),
                (50, 5000),
            ),
        ],
        fixed_plans: vec![
            fixed("PIXX_500", "Pixx 500 DA", "Pixx", 0.97, 500),
            fixed(
                "MIX500_MOBILIS",
                "📱🌐 AUTO | MIX 500",
                "Mobilis",
                0.98,
                500,
            ),
            mix1000,
        ],
    }
}

const REFUND_AR: &str = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة";

fn order(
    minutes_ago: i64,
    seq: u64,
    phone: &str,
    plan: &str,
    amount: i64,
    state: OrderState,
) -> OrderRecord {
    let face = Dzd::from_dinars(amount);
    OrderBuilder::new(t0() - TimeDelta::minutes(minutes_ago), seq)
        .reference(format!("FX{seq:06}"))
        .phone(phone)
        .plan(plan, "📱 PREPAID | عادي", PlanKind::Dynamic)
        .amount(face)
        .expected_cost(face.times(0.96))
        .price(face.times(1.01))
        .state(state)
        .topup_id(format!("65f{seq:05}ab"))
        .saved_then_sent()
        .checks(3)
        .build()
}

fn history_page() -> Vec<OrderRecord> {
    let states = [
        OrderState::Pending,
        OrderState::Handling,
        OrderState::Fulfilled,
        OrderState::UnknownError,
        OrderState::Refunded,
        OrderState::Refused {
            code: "INSUFFICIENT_BALANCE".into(),
            message: "Insufficient balance".into(),
        },
        OrderState::Unconfirmed {
            since: t0() - TimeDelta::minutes(40),
        },
        OrderState::NotSent,
    ];
    let phones = ["0661234567", "0770123456", "0550987654"];
    (0..40)
        .map(|i| {
            let st = states[i % states.len()].clone();
            order(
                i as i64 * 37,
                1000 - i as u64,
                phones[i % 3],
                "PREPAID_MOBILIS",
                100 * (1 + i as i64 % 20),
                st,
            )
        })
        .collect()
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn feed(s: &mut AppState, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| step(s, m)).collect()
}

fn typ(s: &mut AppState, text: &str) {
    feed(s, text.chars().map(|c| key(KeyCode::Char(c))));
}

/// The app as it stands after start: plans from a 3 h old cache, status known.
fn ready(w: u16, h: u16) -> AppState {
    let mut s = AppState::new(UiSettings::default(), t0());
    feed(
        &mut s,
        [
            Msg::Resize(w, h),
            Msg::PlansLoaded {
                plans: plans(),
                fetched_at: t0() - TimeDelta::hours(3),
                from_cache: true,
            },
            Msg::Status(StatusInfo {
                mode: RunMode::Practice,
                balance: Some(Dzd::from_centimes(1_234_550)),
                connection: Connection::Online,
                open_orders: 2,
                plans_fetched_at: None,
                damaged_orders: 0,
                twin_till: None,
            }),
        ],
    );
    s
}

/// The screen as the app draws it after these messages (a first frame: lists laid out anew).
fn render(s: &AppState) -> String {
    let (w, h) = s.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut s = s.clone();
    t.draw(|f| view(&mut s, f)).unwrap();
    t.backend().to_string()
}

/// The screen as a person reads it: without TestBackend's note on wide symbols ("Hidden by …"),
/// which is not on the screen.
fn render_as_seen(s: &AppState) -> String {
    render(s)
        .lines()
        .map(|l| {
            l.split(" Hidden by multi-width symbols")
                .next()
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every screen at both sizes in the three languages: English under the screen's name, French
/// and Arabic (mirrored, right to left) with `_fr` and `_ar` after it.
fn each_size(name: &str, build: impl Fn(u16, u16) -> AppState) {
    for (w, h) in SIZES {
        for lang in [Lang::En, Lang::Fr, Lang::Ar] {
            let mut s = build(w, h);
            s.settings.lang = lang;
            let suffix = match lang {
                Lang::En => String::new(),
                l => format!("_{}", l.code()),
            };
            assert_snapshot!(format!("{name}{suffix}_{w}x{h}"), render(&s));
        }
    }
}

#[test]
fn sale_empty() {
    each_size("sale_empty", ready);
}

#[test]
fn sale_typing_with_a_refused_character() {
    each_size("sale_typing", |w, h| {
        let mut s = ready(w, h);
        typ(&mut s, "0661 23 4x");
        s
    });
}

#[test]
fn sale_amount_step() {
    each_size("sale_amount", |w, h| {
        let mut s = ready(w, h);
        typ(&mut s, "0661234567");
        feed(&mut s, [key(KeyCode::Enter)]);
        typ(&mut s, "25");
        s
    });
}

#[test]
fn sale_confirm() {
    each_size("sale_confirm", |w, h| {
        let mut s = ready(w, h);
        typ(&mut s, "0661234567");
        feed(&mut s, [key(KeyCode::Enter)]);
        typ(&mut s, "500");
        feed(&mut s, [key(KeyCode::Enter)]);
        s
    });
}

#[test]
fn sale_getmenu_offers() {
    each_size("sale_offers", |w, h| {
        let mut s = ready(w, h);
        typ(&mut s, "0661234567");
        feed(&mut s, [key(KeyCode::F(6))]);
        let phone = flexy_pos::rules::Phone::parse("0661234567").unwrap();
        let offers = vec![
            SuggestedOffer {
                typename: "📱🌐 AUTO | MIX 500".into(),
                plan_code: "MIX500_MOBILIS".into(),
                amount: Dzd::from_dinars(500),
            },
            SuggestedOffer {
                typename: "عرض 2000".into(),
                plan_code: "MIX2000_MOBILIS".into(),
                amount: Dzd::from_dinars(2000),
            },
        ];
        feed(&mut s, [Msg::MenuOffers { phone, offers }]);
        s
    });
}

#[test]
fn plans_browser() {
    each_size("plans", |w, h| {
        let mut s = ready(w, h);
        feed(&mut s, [key(KeyCode::F(3)), key(KeyCode::Down)]);
        s
    });
}

#[test]
fn plans_browser_filtered_offline() {
    each_size("plans_filtered_offline", |w, h| {
        let mut s = ready(w, h);
        feed(
            &mut s,
            [
                Msg::Status(StatusInfo {
                    mode: RunMode::Production,
                    balance: Some(Dzd::from_dinars(250)),
                    connection: Connection::Offline,
                    open_orders: 0,
                    plans_fetched_at: Some(t0() - TimeDelta::days(2)),
                    damaged_orders: 0,
                    twin_till: None,
                }),
                key(KeyCode::F(3)),
            ],
        );
        typ(&mut s, "mobilis");
        s
    });
}

fn history_state(w: u16, h: u16) -> AppState {
    let mut s = ready(w, h);
    let fx = feed(&mut s, [key(KeyCode::F(4))]);
    let (query_id, limit) = match &fx[..] {
        [
            Effect::LoadHistory {
                query_id, limit, ..
            },
        ] => (*query_id, *limit),
        other => panic!("{other:?}"),
    };
    let orders: Vec<OrderRecord> = history_page().into_iter().take(limit).collect();
    feed(
        &mut s,
        [Msg::HistoryPage {
            query_id,
            orders,
            has_more: true,
        }],
    );
    s
}

#[test]
fn history() {
    each_size("history", |w, h| {
        let mut s = history_state(w, h);
        // A live change while the page is shown.
        let mut o = s.history.orders[1].clone();
        o.state = OrderState::Fulfilled;
        feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Down)]);
        s
    });
}

#[test]
fn history_filter_error() {
    each_size("history_filter_error", |w, h| {
        let mut s = history_state(w, h);
        typ(&mut s, "/phone:0661 status:lost");
        feed(&mut s, [key(KeyCode::Enter)]);
        s
    });
}

#[test]
fn detail_with_an_arabic_refund_message() {
    each_size("detail", |w, h| {
        let mut s = history_state(w, h);
        let mut o = s.history.orders[0].clone();
        o.state = OrderState::UnknownError;
        o.history.push(StateChange {
            at: o.created_at + TimeDelta::seconds(6),
            state: Status::Pending,
            note: None,
        });
        o.history.push(StateChange {
            at: o.created_at + TimeDelta::seconds(31),
            state: Status::UnknownError,
            // Text of an older version: shown as it is.
            note: Some(Note::Legacy("operator did not answer".into())),
        });
        o.api = Some(TopupInfo {
            reference: Some(o.reference.clone()),
            plan_code: Some(o.plan_code.clone()),
            mssidn: Some(o.phone.clone()),
            topup_amount: Some(o.amount),
            balance_amount: o.expected_cost,
            refund_message: Some(REFUND_AR.into()),
            suggested_offers: vec![
                SuggestedOffer {
                    typename: "📱🌐 AUTO | MIX 500".into(),
                    plan_code: "MIX500_MOBILIS".into(),
                    amount: Dzd::from_dinars(500),
                },
                SuggestedOffer {
                    typename: "Pixx 500 DA".into(),
                    plan_code: "PIXX_500".into(),
                    amount: Dzd::from_dinars(500),
                },
            ],
            ..topup(o.topup_id.as_deref().unwrap(), TopupStatus::UnknownError)
        });
        o.last_error = Some(Problem::Legacy("timeout talking to the API\x1b[31m".into()));
        feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
        s
    });
}

/// The detail screen never shows a charge on a refunded order, even when the answer kept from
/// the send still says what was held (older API answers did).
#[test]
fn a_refunded_order_shows_nothing_charged_on_the_detail_screen() {
    let mut s = history_state(120, 40);
    let mut o = s.history.orders[0].clone();
    o.state = OrderState::Refunded;
    o.api = Some(TopupInfo {
        topup_amount: Some(o.amount),
        balance_amount: Some(Dzd::from_dinars(1234)),
        refund_message: Some(REFUND_AR.into()),
        ..topup(&o.topup_id.clone().unwrap(), TopupStatus::Refunded)
    });
    feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
    let screen = render(&s);
    let line = screen
        .lines()
        .find(|l| l.contains("API charged"))
        .unwrap_or_else(|| panic!("no charge line:\n{screen}"));
    let after = line.split("API charged").nth(1).unwrap_or_default();
    assert!(after.trim_start().starts_with("0 DA"), "{line}");
    assert!(
        !screen.contains("1 234 DA") && !screen.contains("1234 DA"),
        "{screen}"
    );
}

#[test]
fn help_overlay() {
    each_size("help", |w, h| {
        let mut s = ready(w, h);
        feed(&mut s, [key(KeyCode::F(1))]);
        s
    });
}

/// Whether `screen` shows the help row `key … what` on one line.
fn shows_row(screen: &str, key: &str, what: &str) -> bool {
    screen
        .lines()
        .any(|l| l.contains(&format!("│{key} ")) && l.contains(what))
}

/// At 80×24 (the smallest window the till supports) the help shows every key and note whole.
#[test]
fn the_help_shows_every_key_at_80x24() {
    let mut s = ready(80, 24);
    feed(&mut s, [key(KeyCode::F(1))]);
    let screen = render(&s);
    for (k, what) in flexy_pos::ui::keys::keymap_help() {
        assert!(
            shows_row(&screen, &k, &what),
            "{k}: {what} missing:\n{screen}"
        );
    }
    assert!(
        !screen.contains(" for more "),
        "no scrolling needed:\n{screen}"
    );
}

/// A shorter window scrolls the help with the list keys; paging down shows every row, and
/// the border says where the list is.
#[test]
fn a_short_window_scrolls_the_help_to_every_key() {
    let mut s = ready(80, 14);
    feed(&mut s, [key(KeyCode::F(1))]);
    let first = render(&s);
    assert!(first.contains("1–12 of "), "{first}");
    assert_snapshot!("help_80x14_top", first);
    let mut seen = vec![first];
    for _ in 0..3 {
        feed(&mut s, [key(KeyCode::PageDown)]);
        seen.push(render(&s));
    }
    for (k, what) in flexy_pos::ui::keys::keymap_help() {
        assert!(
            seen.iter().any(|screen| shows_row(screen, &k, &what)),
            "{k} never shown"
        );
    }
    feed(&mut s, [key(KeyCode::End)]);
    let end = render(&s);
    assert_eq!(&end, seen.last().unwrap(), "End is the last page");
    feed(&mut s, [key(KeyCode::Home)]);
    assert_eq!(render(&s), seen[0]);
    // Typing still goes nowhere, and Esc closes it.
    feed(&mut s, [key(KeyCode::Char('5')), key(KeyCode::Esc)]);
    assert!(!s.help_open && s.sale.phone.is_empty());
}

#[test]
fn after_a_sale_the_form_is_empty_and_the_toast_names_the_ref() {
    each_size("sale_sent", |w, h| {
        let mut s = ready(w, h);
        typ(&mut s, "0661234567");
        feed(&mut s, [key(KeyCode::Enter)]);
        typ(&mut s, "500");
        let fx = feed(&mut s, [key(KeyCode::Enter), key(KeyCode::Enter)]);
        assert!(matches!(&fx[..], [Effect::SubmitSale(_)]));
        let id = match &fx[..] {
            [Effect::SubmitSale(d)] => d.id,
            _ => unreachable!(),
        };
        let mut rec = order(
            0,
            2000,
            "0661234567",
            "PREPAID_MOBILIS",
            500,
            OrderState::Sent,
        );
        rec.reference = "FX7Q2K9M".into();
        feed(&mut s, [Msg::SaleSaved { id, record: rec }]);
        s
    });
}

#[test]
fn nothing_overflows_on_tiny_or_odd_sizes() {
    // Resizing must never panic, whatever the screen.
    for (w, h) in [(20, 5), (40, 10), (81, 25), (200, 60), (1, 1)] {
        for build in [ready as fn(u16, u16) -> AppState, history_state] {
            let mut s = build(w, h);
            for k in [
                KeyCode::F(2),
                KeyCode::F(3),
                KeyCode::F(4),
                KeyCode::Enter,
                KeyCode::F(1),
            ] {
                feed(&mut s, [key(k)]);
                render(&s);
            }
            typ(&mut s, "0661234567");
            render(&s);
        }
    }
}

/// The buffer of a rendered state, for checks on colour and position.
fn buffer(s: &AppState) -> ratatui::buffer::Buffer {
    let (w, h) = s.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut s = s.clone();
    t.draw(|f| view(&mut s, f)).unwrap();
    t.backend().buffer().clone()
}

/// Where `word` starts on screen, and the colour it is drawn in.
fn find(buf: &ratatui::buffer::Buffer, word: &str) -> Option<(u16, u16, ratatui::style::Color)> {
    let area = buf.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(byte) = row.find(word) {
            let x = row[..byte].chars().count() as u16;
            return Some((x, y, buf[(x, y)].fg));
        }
    }
    None
}

#[test]
fn every_status_has_its_word_and_its_colour() {
    use ratatui::style::Color;
    let s = history_state(80, 24);
    let buf = buffer(&s);
    for (word, colour) in [
        ("FULFILLED", Color::Green),
        ("REFUNDED", Color::Red),
        ("UNKNOWN_ERROR", Color::Yellow),
        ("UNCONFIRMED", Color::Yellow),
        ("PENDING", Color::Cyan),
        ("HANDLING", Color::Cyan),
        ("REFUSED", Color::Magenta),
    ] {
        let (_, _, fg) = find(&buf, word).unwrap_or_else(|| panic!("{word} not on screen"));
        assert_eq!(fg, colour, "{word}");
    }
    // PRACTICE is a coloured badge, not just a word.
    let (x, y, _) = find(&buf, "PRACTICE").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
}

#[test]
fn the_arabic_refund_message_is_right_aligned_in_its_box() {
    for (w, h) in SIZES {
        let mut s = history_state(w, h);
        let mut o = s.history.orders[0].clone();
        o.state = OrderState::Refunded;
        o.api = Some(TopupInfo {
            refund_message: Some(REFUND_AR.into()),
            ..topup("T", TopupStatus::Refunded)
        });
        feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
        let buf = buffer(&s);
        let (bx, by, _) = find(&buf, "Message for the customer").unwrap();
        // The box's right border: the first '┐' right of the title.
        let right = (bx..w).find(|&x| buf[(x, by)].symbol() == "┐").unwrap();
        let mut arabic_rows = 0;
        for y in by + 1..h {
            if buf[(right, y)].symbol() != "│" {
                break;
            }
            let row: String = (0..right).map(|x| buf[(x, y)].symbol()).collect();
            if row.chars().any(|c| {
                ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c)
            }) {
                arabic_rows += 1;
                let last = buf[(right - 1, y)].symbol();
                assert_ne!(last, " ", "{w}x{h} row {y} is not flush right: {row:?}");
            }
        }
        assert!(
            arabic_rows >= 2,
            "{w}x{h}: the message wraps over several lines"
        );
    }
}

/// The confirm step warns, in red words, when the last known balance cannot cover the sale.
#[test]
fn confirm_warns_when_the_balance_is_short() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = ready(w, h);
        feed(
            &mut s,
            [Msg::Status(StatusInfo {
                mode: RunMode::Practice,
                balance: Some(Dzd::from_dinars(300)),
                connection: Connection::Online,
                open_orders: 0,
                plans_fetched_at: None,
                damaged_orders: 0,
                twin_till: None,
            })],
        );
        typ(&mut s, "0661234567");
        feed(&mut s, [key(KeyCode::Enter)]);
        typ(&mut s, "500");
        feed(&mut s, [key(KeyCode::Enter)]);
        let screen = render(&s);
        assert!(screen.contains("CONFIRM"), "{screen}");
        assert!(
            screen.contains("balance 300 DA is less"),
            "{w}x{h}:\n{screen}"
        );
        // With enough money there is no warning.
        let mut rich = ready(w, h);
        typ(&mut rich, "0661234567");
        feed(&mut rich, [key(KeyCode::Enter)]);
        typ(&mut rich, "500");
        feed(&mut rich, [key(KeyCode::Enter)]);
        assert!(!render(&rich).contains("is less than"));
    }
}

/// The sale screen while the next number is typed: the pane with the previous sale come back
/// REFUNDED (and its warning), and the regulars under the digits.
#[test]
fn sale_with_the_pane_and_regulars() {
    each_size("sale_pane_regulars", |w, h| {
        let mut s = ready(w, h);
        let mut recent: Vec<OrderRecord> = history_page().into_iter().take(10).collect();
        recent[0].state = OrderState::Refunded;
        feed(&mut s, [Msg::RecentOrders(recent.clone())]);
        typ(&mut s, "0661");
        let regulars = vec![
            flexy_pos::ledger::Regular {
                phone: "0661234567".into(),
                orders: 40,
                last: recent[0].clone(),
            },
            flexy_pos::ledger::Regular {
                phone: "0661998877".into(),
                orders: 3,
                last: order(
                    60 * 26,
                    77,
                    "0661998877",
                    "PREPAID_MOBILIS",
                    200,
                    OrderState::Fulfilled,
                ),
            },
        ];
        feed(
            &mut s,
            [Msg::Regulars {
                digits: "0661".into(),
                found: regulars,
            }],
        );
        s
    });
}

/// The report screen (F7) on a day with every standing.
#[test]
fn report_screen() {
    each_size("report", report_state);
}

/// No line of the report is cut ("…") at 80×24 or 120×40, in any language: the long labels
/// give way to their short forms.
#[test]
fn the_report_labels_are_never_cut() {
    for (w, h) in SIZES {
        for lang in [Lang::En, Lang::Fr, Lang::Ar] {
            let mut s = report_state(w, h);
            s.settings.lang = lang;
            let screen = render(&s);
            // (The tab bar's `…` says keys were left out: not a label.)
            let cut: Vec<&str> = screen.lines().skip(1).filter(|l| l.contains('…')).collect();
            assert!(cut.is_empty(), "{lang:?} {w}x{h}: {cut:#?}");
        }
    }
}

fn report_state(w: u16, h: u16) -> AppState {
    use flexy_pos::books::{Period, Refund, Report, Totals};
    use flexy_pos::ledger::Tally;
    use flexy_pos::rules::Span;
    {
        let mut s = ready(w, h);
        let fx = feed(&mut s, [key(KeyCode::F(7))]);
        let (query_id, period) = fx
            .iter()
            .find_map(|e| match e {
                Effect::LoadReport { query_id, period } => Some((*query_id, *period)),
                _ => None,
            })
            .expect("the report is asked for");
        assert_eq!(period, Period::day(t0().date_naive()));
        let mut tally = Tally::default();
        let day: Vec<OrderRecord> = history_page();
        for o in &day {
            tally.add(o);
        }
        let refunds: Vec<Refund> = day
            .iter()
            .filter(|o| o.state == OrderState::Refunded)
            .map(|o| Refund {
                reference: o.reference.clone(),
                phone: o.phone.clone(),
                line: o.line,
                at: o.created_at,
                price: o.price.unwrap(),
                amount: o.amount,
            })
            .collect();
        let report = Report {
            period,
            span: Span {
                start: t0() - TimeDelta::hours(14),
                end: t0() + TimeDelta::hours(10),
            },
            total: Totals::of(&tally),
            by_line: Totals::by_line(&tally),
            by_product: Totals::by_product(&tally),
            refunds,
            refunds_unlisted: 0,
        };
        let hourly: Vec<Totals> = (0..24)
            .map(|h| {
                let mut t = Tally::default();
                for o in day.iter().filter(|o| {
                    (o.created_at + TimeDelta::hours(1))
                        .format("%H")
                        .to_string()
                        == format!("{h:02}")
                }) {
                    t.add(o);
                }
                Totals::of(&t)
            })
            .collect();
        let daily: Vec<(chrono::NaiveDate, Totals)> = (0..30)
            .map(|i| {
                let d = t0().date_naive() - TimeDelta::days(29 - i);
                let t = Totals {
                    collected_total: Dzd::from_dinars(20_000 + (i * 7919 % 13) * 1500),
                    ..Totals::default()
                };
                (d, t)
            })
            .collect();
        feed(
            &mut s,
            [Msg::ReportLoaded(Box::new(
                flexy_pos::ui::msg::ReportData {
                    query_id,
                    report,
                    hourly,
                    daily,
                },
            ))],
        );
        s
    }
}

#[test]
fn orders_made_elsewhere_or_restored_are_marked_in_the_history_and_the_detail() {
    use flexy_pos::orders::Origin;
    let mut s = history_state(120, 40);
    let mut external = s.history.orders[0].clone();
    external.origin = Origin::External;
    let mut restored = s.history.orders[1].clone();
    restored.origin = Origin::Restored;
    feed(
        &mut s,
        [
            Msg::OrderChanged(external.clone()),
            Msg::OrderChanged(restored),
        ],
    );
    let buf = buffer(&s);
    let (_, ext_row, _) = find(&buf, "[external]").expect("external mark");
    let (_, own_row, _) = find(&buf, "[restored]").expect("restored mark");
    assert_eq!(
        own_row,
        ext_row + 1,
        "each on its own order's row (the two newest)"
    );
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, ext_row)].symbol())
        .collect();
    assert!(row.contains("0661 23 45 67"), "{row}");
    // Its detail says it is someone else's, read-only.
    feed(&mut s, [key(KeyCode::Home), key(KeyCode::Enter)]);
    let shown = render(&s);
    assert!(shown.contains("made elsewhere on this account"), "{shown}");
    assert!(shown.contains("read-only"), "{shown}");
}

/// A long list keeps its scroll position between frames: after scrolling to the end and back
/// up a few rows, the cursor moves up inside the window and the window stays where it was, and
/// another frame changes nothing.
#[test]
fn a_long_list_keeps_its_scroll_position_between_frames() {
    let many: Vec<Plan> = (0..60)
        .map(|i| {
            plan(
                &format!("MOBILIS_{i:02}"),
                "📱 PREPAID",
                "Mobilis",
                Some(0.96),
                (40, 3999),
            )
        })
        .collect();
    let plans = PlansData {
        dynamic_plans: many,
        fixed_plans: vec![],
    };
    // The plan browser (F3) and the sale screen's plan list, each scrolled the same way.
    for (screen, keys) in [("browser", vec![key(KeyCode::F(3))]), ("sale list", vec![])] {
        let (w, h) = (80, 24);
        let mut s = ready(w, h);
        feed(
            &mut s,
            [Msg::PlansLoaded {
                plans: plans.clone(),
                fetched_at: t0(),
                from_cache: false,
            }],
        );
        feed(&mut s, keys);
        if screen == "sale list" {
            typ(&mut s, "0661234567");
            feed(&mut s, [key(KeyCode::Enter)]);
        }
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut frame = |s: &mut AppState| {
            t.draw(|f| view(s, f)).unwrap();
            t.backend().buffer().clone()
        };
        feed(&mut s, [key(KeyCode::End)]);
        let at_end = frame(&mut s);
        let (_, bottom, _) = find(&at_end, "▶").expect("a selected row");
        let top_row = first_plan_row(&at_end);
        assert!(
            s.lists.browser.offset() + s.lists.sale_plans.offset() > 0,
            "{screen}: scrolled"
        );

        feed(&mut s, (0..5).map(|_| key(KeyCode::Up)));
        let moved = frame(&mut s);
        let (_, y, _) = find(&moved, "▶").expect("a selected row");
        assert_eq!(
            y,
            bottom - 5,
            "{screen}: the cursor moves up inside the window"
        );
        assert_eq!(
            first_plan_row(&moved),
            top_row,
            "{screen}: the window stays"
        );

        let lists = s.lists;
        let again = frame(&mut s);
        assert_eq!(again, moved, "{screen}: a second frame draws the same");
        assert_eq!(s.lists, lists, "{screen}: selection and offset stay");
    }
}

/// The first plan code visible on screen.
fn first_plan_row(buf: &ratatui::buffer::Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .find_map(|row| {
            let at = row.find("MOBILIS_")?;
            Some(row[at..at + 10].to_string())
        })
        .expect("a plan row on screen")
}

// ---------------------------------------------------------------------------------------------
// A screen too small to show what money depends on says so (and `update` refuses to send).

const SMALL: [(u16, u16); 2] = [(20, 5), (40, 10)];

fn confirm_at(w: u16, h: u16) -> AppState {
    let mut s = ready(80, 24);
    typ(&mut s, "0661234567");
    feed(&mut s, [key(KeyCode::Enter)]);
    typ(&mut s, "500");
    feed(&mut s, [key(KeyCode::Enter), Msg::Resize(w, h)]);
    s
}

fn amount_at(w: u16, h: u16) -> AppState {
    let mut s = ready(80, 24);
    typ(&mut s, "0661234567");
    feed(&mut s, [key(KeyCode::Enter)]);
    typ(&mut s, "500");
    feed(&mut s, [Msg::Resize(w, h)]);
    s
}

#[test]
fn small_screens_say_they_are_too_small() {
    for (w, h) in SMALL {
        assert_snapshot!(format!("small_confirm_{w}x{h}"), render(&confirm_at(w, h)));
        assert_snapshot!(format!("small_amount_{w}x{h}"), render(&amount_at(w, h)));
        assert_snapshot!(
            format!("small_history_{w}x{h}"),
            render(&history_state(w, h))
        );
        // The notice in the clerk's language: French, and Arabic laid out right to left.
        for lang in [Lang::Fr, Lang::Ar] {
            let mut s = confirm_at(w, h);
            s.settings.lang = lang;
            assert_snapshot!(format!("small_confirm_{}_{w}x{h}", lang.code()), render(&s));
        }
    }
}

#[test]
fn a_confirm_box_too_small_to_read_never_sends_until_it_fits() {
    for (w, h) in SMALL {
        let mut s = confirm_at(w, h);
        let fx = feed(&mut s, [key(KeyCode::Enter), key(KeyCode::Enter)]);
        assert!(
            !fx.iter().any(|e| matches!(e, Effect::SubmitSale(_))),
            "{w}x{h}: sent blind"
        );
        assert!(render(&s).contains("too small"), "{w}x{h}: says so");
        let fx = feed(&mut s, [Msg::Resize(80, 24), key(KeyCode::Enter)]);
        let sent = fx
            .iter()
            .filter(|e| matches!(e, Effect::SubmitSale(_)))
            .count();
        assert_eq!(sent, 1, "{w}x{h}: sends once it fits");
    }
}

fn history_detail(w: u16, h: u16) -> AppState {
    let mut s = history_state(w, h);
    feed(&mut s, [key(KeyCode::Enter)]);
    s
}

/// At exactly the room the rule asks for, everything money depends on is on screen whole; one
/// column or one row less and the screen says it is too small instead.
#[test]
fn the_fit_rule_and_the_drawing_agree_at_the_boundary() {
    type Build = fn(u16, u16) -> AppState;
    let cases: [(&str, Build, &[&str]); 4] = [
        (
            "confirm",
            confirm_at,
            &["0661 23 45 67", "500 DA", "COLLECT  505 DA", "SEND"],
        ),
        ("amount", amount_at, &["COLLECT  505 DA"]),
        ("history", history_state, &["PENDING", "100 DA"]),
        ("detail", history_detail, &["PENDING", "100 DA", "Status"]),
    ];
    for (name, build, shown) in cases {
        let need = flexy_pos::ui::view::room::need(&build(80, 24));
        let text = render(&build(need.cols, need.rows));
        assert!(!text.contains("too small"), "{name} at {need:?}:\n{text}");
        for s in shown {
            assert!(text.contains(s), "{name} at {need:?} shows {s}:\n{text}");
        }
        for (w, h) in [(need.cols - 1, need.rows), (need.cols, need.rows - 1)] {
            let text = render(&build(w, h));
            assert!(text.contains("too small"), "{name} at {w}x{h}:\n{text}");
        }
    }
}

/// In Arabic the hint under an empty amount reads `من 40 DA إلى 3 999 DA` (drawn
/// `DA 3 999 … DA 40 …`): the grouped number stays one number, left to right (a plain space
/// would let the bidi algorithm draw `999 3`).
#[test]
fn arabic_hints_keep_grouped_numbers_whole() {
    let mut s = ready(80, 24);
    s.settings.lang = Lang::Ar;
    typ(&mut s, "0661234567");
    feed(&mut s, [key(KeyCode::Enter)]);
    let screen = render(&s).replace('\u{a0}', " ");
    let hint = screen
        .lines()
        .find(|l| l.contains("DA 40"))
        .unwrap_or_else(|| panic!("no amount hint:\n{screen}"));
    assert!(hint.contains("DA 3 999"), "{hint}");
    assert!(!hint.contains("999 3"), "{hint}");
}

/// A big day (or a long range) at a shop selling on all three networks: every amount of the report
/// is shown whole, in every language and at both sizes; an operator column that cannot fit
/// whole is left out and the report says so, rather than showing a cut figure.
#[test]
fn big_amounts_are_never_cut_in_the_report() {
    use flexy_pos::books::Totals;
    use flexy_pos::rules::Operator;
    let big = Totals {
        orders: 4_812,
        fulfilled: 4_700,
        face_total: Dzd::from_dinars(1_301_250),
        collected_total: Dzd::from_centimes(128_843_920),
        cost_total: Dzd::from_centimes(125_500_110),
        margin_total: Dzd::from_centimes(3_343_810),
        margin_rate: 0.026,
        refunded: 37,
        refund_total: Dzd::from_centimes(1_905_050),
        at_risk: 12,
        at_risk_total: Dzd::from_centimes(611_000),
        in_progress: 3,
        refused: 9,
        not_sent: 2,
        external: 3,
        external_total: Dzd::from_dinars(1_500),
        lookups: 0,
    };
    for (w, h) in SIZES {
        for lang in [Lang::En, Lang::Fr, Lang::Ar] {
            let mut s = report_state(w, h);
            s.settings.lang = lang;
            let data = s.report.data.as_mut().expect("loaded");
            data.report.total = big;
            data.report.by_line = Operator::ALL
                .into_iter()
                .map(|op| (op.into(), big))
                .collect();
            let screen = render(&s);
            let whole = |text: &str| screen.matches(text).count();
            let shown = whole("1 288 439.20 DA");
            assert!(
                shown >= 2,
                "{lang:?} {w}x{h}: all operators and at least one more:\n{screen}"
            );
            assert_eq!(
                shown,
                whole("33 438.10 DA"),
                "{lang:?} {w}x{h}: every column shown has its margin whole:\n{screen}"
            );
            // (The refunds also stand in the line over the list of refunds.)
            assert!(
                whole("37 · 19 050.50 DA") >= shown,
                "{lang:?} {w}x{h}: and its refunds whole:\n{screen}"
            );
            if shown < 4 {
                let hidden = 4 - shown;
                // (Right to left, "+1" is laid out "1+".)
                assert!(
                    screen.contains(&format!("+{hidden}"))
                        || screen.contains(&format!("{hidden}+")),
                    "{lang:?} {w}x{h}: says {hidden} operator(s) are not shown:\n{screen}"
                );
            }
        }
    }
}

/// An UNCONFIRMED order's detail in French and Arabic: its status, what to do, its timeline
/// (the notes of a send with no clear answer and a check that found nothing yet) and its last
/// error are all in the clerk's language; no English sentence is read back from the record.
#[test]
fn an_unconfirmed_order_s_detail_has_no_english_in_french_or_arabic() {
    use flexy_pos::api::{ApiError, NetworkKind};
    let english = common::words::english_only_words();
    for lang in [Lang::Fr, Lang::Ar] {
        for (w, h) in SIZES {
            let mut s = history_state(w, h);
            s.settings.lang = lang;
            let mut o = s.history.orders[0].clone();
            let since = o.created_at + TimeDelta::seconds(1);
            let timeout = ApiError::Network {
                kind: NetworkKind::Timeout,
                message: "error sending request for url (https://api.oneclickdz.com/v3/mobile/send): operation timed out".into(),
            };
            o.state = OrderState::Unconfirmed { since };
            o.topup_id = None;
            o.api = None;
            o.history = vec![
                StateChange {
                    at: o.created_at,
                    state: Status::Saved,
                    note: Some(Note::SavedSending),
                },
                StateChange {
                    at: since,
                    state: Status::Unconfirmed,
                    note: Some(Note::NoClearAnswer(timeout)),
                },
            ];
            o.last_error = Some(Problem::NotKnownYet { waited_secs: 42 });
            feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
            let screen = render_as_seen(&s);
            let left = common::words::english_left(&screen, &english);
            assert!(
                left.is_empty(),
                "{lang} {w}x{h}: English {left:?}:\n{screen}"
            );
            assert!(!screen.contains("timed out"), "{screen}");
        }
    }
}

/// An answer that broke the API's rules (a send answered for another ref, an impossible
/// amount) is worded in the clerk's language on the detail screen, not in the English the log
/// keeps.
#[test]
fn a_broken_answer_on_the_detail_is_worded_in_french_and_arabic() {
    use flexy_pos::api::types::{AmountField, Implausible};
    use flexy_pos::api::{ApiError, ProtocolFault};
    let english = common::words::english_only_words();
    let faults = [
        ProtocolFault::OtherRef {
            echoed: "zz9-0042".into(),
        },
        ProtocolFault::ImpossibleAmount(Implausible {
            field: AmountField::BalanceAmount,
            amount: Dzd::from_dinars(-5),
        }),
        ProtocolFault::NotDinars,
    ];
    for lang in [Lang::Fr, Lang::Ar] {
        for fault in &faults {
            let mut s = history_state(120, 40);
            s.settings.lang = lang;
            let mut o = s.history.orders[0].clone();
            let since = o.created_at + TimeDelta::seconds(1);
            let broken = ApiError::Protocol {
                status: 200,
                message: "the send was answered for ref 'zz9-0042', not ours".into(),
                request_id: None,
                fault: Some(fault.clone()),
            };
            o.state = OrderState::Unconfirmed { since };
            o.history = vec![StateChange {
                at: since,
                state: Status::Unconfirmed,
                note: Some(Note::NoClearAnswer(broken.clone())),
            }];
            o.last_error = Some(Problem::Api(broken));
            feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
            let screen = render_as_seen(&s);
            let left = common::words::english_left(&screen, &english);
            assert!(
                left.is_empty(),
                "{lang} {fault:?}: English {left:?}:\n{screen}"
            );
            assert!(!screen.contains("not ours"), "{screen}");
        }
    }
}

/// A notice too long for the notices list is cut at its logical end: in Arabic the ref that
/// ends the sentence keeps its start (the till's id), and the cut is marked.
#[test]
fn an_arabic_notice_cut_in_the_list_keeps_the_start_of_its_ref() {
    use flexy_pos::i18n::{Message, MsgId};
    use flexy_pos::ui::state::{Notice, PastNotice};
    let mut s = ready(80, 24);
    s.settings.lang = Lang::Ar;
    let reference = "dnqqzht6-00000t4kf3qxd00000za34e5c2v";
    s.notices.past.push_front(PastNotice {
        at: t0(),
        notice: Notice::info(
            Message::new(MsgId::ToastSent)
                .text("phone", "0661 23 45 68")
                .text("amount", Dzd::from_dinars(200))
                .text("ref", reference),
        ),
    });
    s.notices.open = true;
    let screen = render(&s);
    let row = screen
        .lines()
        .find(|l| l.contains("DA 200"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("dnqqzht6-"), "the ref keeps its start: {row}");
    assert!(row.contains('…'), "the cut is marked: {row}");
    assert!(
        !row.contains("e5c2v"),
        "the ref's end is what is cut: {row}"
    );
}

/// The sale screen switched to Idoom ADSL (the product key), its values loaded.
fn adsl_ready(w: u16, h: u16) -> AppState {
    let mut s = ready(w, h);
    let products = flexy_pos::api::internet::InternetProducts::from_data(
        flexy_pos::rules::InternetType::Adsl,
        serde_json::json!({"type": "ADSL", "products": [
            {"value": 500, "cost": 490, "available": true},
            {"value": 1000, "cost": 980, "available": true},
            {"value": 2000, "cost": 1960, "available": true},
            {"value": 3000, "cost": 2940, "available": false}
        ]}),
    )
    .unwrap();
    feed(
        &mut s,
        [
            key(KeyCode::F(12)),
            Msg::InternetProducts {
                products,
                fetched_at: t0(),
                from_cache: false,
            },
        ],
    );
    s
}

/// The ADSL number typed and found by OneClickDz (its offer shown), the values listed.
fn adsl_values(w: u16, h: u16) -> AppState {
    let mut s = adsl_ready(w, h);
    typ(&mut s, "036362608");
    let number =
        flexy_pos::rules::InternetNumber::parse(flexy_pos::rules::InternetType::Adsl, "036362608")
            .unwrap();
    feed(
        &mut s,
        [
            Msg::LineChecked {
                number,
                outcome: flexy_pos::ui::LineOutcome::Found {
                    offer: Some("FTTc-b_10M'".into()),
                },
            },
            key(KeyCode::Enter),
            key(KeyCode::Down),
        ],
    );
    s
}

#[test]
fn internet_sale_values() {
    each_size("internet_values", adsl_values);
}

#[test]
fn internet_sale_confirm() {
    each_size("internet_confirm", |w, h| {
        let mut s = adsl_values(w, h);
        feed(&mut s, [key(KeyCode::Enter)]);
        s
    });
}

/// A delivered ADSL top-up sold at this till: its card code large over the sale screen.
fn adsl_proof(w: u16, h: u16) -> AppState {
    let mut s = adsl_values(w, h);
    let fx = feed(&mut s, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    let id = fx
        .iter()
        .find_map(|e| match e {
            Effect::SubmitInternetSale(d) => Some(d.id),
            _ => None,
        })
        .expect("sent");
    let rec = OrderBuilder::new(t0(), 40)
        .reference("56ergjws-00000t4k8tep3g0000zge0wg82")
        .internet(flexy_pos::rules::InternetType::Adsl, "036362608")
        .amount(Dzd::from_dinars(1000))
        .price(Dzd::from_dinars(1030))
        .state(OrderState::Fulfilled)
        .api(TopupInfo {
            card_code: Some("5455075499710729".into()),
            num_trans: Some("AT-2026-95476".into()),
            date_traitement: Some("2026-11-23T13:05:12.000Z".into()),
            ..topup("6b15c9559aab2af4ef000001", TopupStatus::Fulfilled)
        })
        .build();
    feed(
        &mut s,
        [
            Msg::SaleSaved {
                id,
                record: rec.clone(),
            },
            Msg::OrderChanged(rec),
        ],
    );
    s
}

#[test]
fn internet_proof_of_delivery() {
    each_size("internet_proof", adsl_proof);
    // In the order's detail too, whole, in every language.
    for lang in [Lang::En, Lang::Fr, Lang::Ar] {
        let mut s = adsl_proof(80, 24);
        s.settings.lang = lang;
        let rec = s.proof.clone().expect("shown");
        s.detail = Some(flexy_pos::ui::state::DetailView {
            order: rec,
            scroll: 0,
        });
        s.screen = flexy_pos::ui::state::Screen::Detail;
        let screen = render(&s);
        assert!(
            screen.contains("5455 0754 9971 0729"),
            "{lang:?}:\n{screen}"
        );
        assert!(screen.contains("AT-2026-95476"), "{lang:?}:\n{screen}");
    }
}

/// When `/v3/ping` says the operator of the number being typed is down, the sale screen says
/// so under the number, in every language, and the confirm box repeats it.
#[test]
fn a_down_operator_is_shown_as_the_number_is_typed() {
    let ping = flexy_pos::api::types::PingData {
        api: "ok".into(),
        operators: [("djezzy", "down"), ("mobilis", "up")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    for lang in [Lang::En, Lang::Fr, Lang::Ar] {
        let mut s = ready(80, 24);
        s.settings.lang = lang;
        feed(
            &mut s,
            [Msg::Health(Ok(
                flexy_pos::rules::OperatorHealth::from_ping(&ping),
            ))],
        );
        typ(&mut s, "066");
        assert!(!render(&s).contains("Djezzy"), "{lang:?}: Mobilis is up");
        feed(&mut s, [key(KeyCode::Esc)]);
        typ(&mut s, "077");
        let screen = render(&s);
        // Wrapped under the number box (right to left in Arabic): the sign and the name
        // are on its first line.
        let found = screen
            .lines()
            .any(|l| l.contains("⚠") && l.contains("Djezzy"));
        assert!(found, "{lang:?}:\n{screen}");
        typ(&mut s, "1234567");
        feed(&mut s, [key(KeyCode::Enter)]);
        typ(&mut s, "500");
        feed(&mut s, [key(KeyCode::Enter)]);
        let confirm = render(&s);
        assert!(
            confirm
                .lines()
                .any(|l| l.contains("⚠") && l.contains("Djezzy")),
            "{lang:?}:\n{confirm}"
        );
    }
}

/// The slip preview (Ctrl-O) shows the slip's lines exactly as the printer gets them, at the
/// paper's width, over the screen; a slip longer than the window scrolls.
#[test]
fn the_preview_shows_the_slip_as_it_prints() {
    let rec = OrderBuilder::new(t0(), 7)
        .reference("till1-0007")
        .phone("0770123456")
        .price(Dzd::from_dinars(1050))
        .state(OrderState::Refunded)
        .api(TopupInfo {
            refund_message: Some("رصيد غير كاف لدى المتعامل".into()),
            ..topup("T7", TopupStatus::Refunded)
        })
        .build();
    let shop = flexy_pos::config::ShopInfo {
        name: "Taxiphone El Bahdja".into(),
        address: String::new(),
    };
    let ctx = flexy_pos::receipt::SlipContext {
        shop: &shop,
        lang: Lang::Ar,
        timezone: chrono_tz::Africa::Algiers,
        columns: 32,
    };
    let slip = flexy_pos::receipt::order_slip(&rec, &ctx, None);
    let lines: Vec<String> = slip.lines.iter().map(|l| l.text.clone()).collect();
    let mut s = ready(80, 40);
    feed(
        &mut s,
        [Msg::SlipPreview {
            of: flexy_pos::ui::SlipOf::Order(rec.reference.clone()),
            lines: lines.clone(),
        }],
    );
    let screen = render(&s);
    for line in &lines {
        let shown = line.trim_end();
        assert!(
            screen.contains(&format!("│{shown}")),
            "{shown:?} missing:\n{screen}"
        );
    }
    // At 80×24 the first lines show, and Down scrolls to the last.
    let mut s = ready(80, 24);
    feed(
        &mut s,
        [Msg::SlipPreview {
            of: flexy_pos::ui::SlipOf::Order(rec.reference),
            lines: lines.clone(),
        }],
    );
    assert!(render(&s).contains(lines[0].trim_end()));
    feed(&mut s, (0..lines.len()).map(|_| key(KeyCode::Down)));
    let last = lines
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .expect("a line");
    assert!(render(&s).contains(last.trim_end()));
}

/// At the smallest sale screen (52×16) every plan code and amount range in the list is whole,
/// in every language (the list takes two lines a plan rather than cut them).
#[test]
fn at_the_smallest_sale_screen_plan_codes_and_ranges_are_whole() {
    for lang in [Lang::En, Lang::Fr, Lang::Ar] {
        for (typed, shown) in [
            (
                "0661",
                &[
                    ("PREPAID_MOBILIS", "40–3 999"),
                    ("FACTURE_MOBILIS", "100–20 000"),
                    ("GROS_MOBILIS", "5 000–300 000"),
                ][..],
            ),
            ("0550", &[("PREPAID_OOREDOO", "50–5 000")][..]),
            ("0770", &[("PREPAID_DJEZZY", "100–10 000")][..]),
        ] {
            let mut s = ready(52, 16);
            s.settings.lang = lang;
            typ(&mut s, typed);
            let screen = render(&s);
            for (code, range) in shown {
                assert!(screen.contains(code), "{lang:?} {code}:\n{screen}");
                assert!(screen.contains(range), "{lang:?} {range}:\n{screen}");
            }
        }
    }
}

/// At 80×24 the order detail shows the whole ref, the status with what to do (never cut),
/// and the customer's message whole in its box, even with several suggested offers.
#[test]
fn the_detail_at_80x24_shows_the_whole_ref_status_and_message() {
    let reference = "k7Qm2xPa-00000000000000000000001234";
    for lang in [Lang::En, Lang::Fr, Lang::Ar] {
        let mut s = history_state(80, 24);
        s.settings.lang = lang;
        let mut o = s.history.orders[0].clone();
        o.reference = reference.into();
        o.state = OrderState::UnknownError;
        let offer = |code: &str| SuggestedOffer {
            typename: "📱🌐 AUTO | MIX 500".into(),
            plan_code: code.into(),
            amount: Dzd::from_dinars(500),
        };
        o.api = Some(TopupInfo {
            refund_message: Some(REFUND_AR.into()),
            suggested_offers: vec![offer("MIX500_MOBILIS"), offer("PIXX_500"), offer("MIX1000")],
            ..topup(o.topup_id.as_deref().unwrap(), TopupStatus::UnknownError)
        });
        feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
        let screen = render(&s);
        assert!(
            screen.contains(reference),
            "{lang:?} the whole ref:\n{screen}"
        );
        let word = lang.t(flexy_pos::i18n::MsgId::StateUnknown);
        let status_word = if lang.is_rtl() {
            flexy_pos::text::layout(word, 200, flexy_pos::text::BidiMode::App).lines[0]
                .text
                .clone()
        } else {
            word.to_string()
        };
        let status = screen
            .lines()
            .find(|l| l.contains(&status_word) && l.contains(" — "))
            .unwrap_or_else(|| panic!("{lang:?} the status line:\n{screen}"));
        assert!(!status.contains('…'), "{lang:?} status cut: {status}");
        for w in REFUND_AR.split_whitespace() {
            let drawn = flexy_pos::text::layout(w, 200, flexy_pos::text::BidiMode::App).lines[0]
                .text
                .clone();
            assert!(
                screen.contains(drawn.trim_matches(['،', '.'])),
                "{lang:?} '{w}' of the message:\n{screen}"
            );
        }
    }
}

/// In the Arabic pane the status word and the amount beside it stay apart (two spaces at
/// least), whatever the amount's length; the amounts are right-aligned.
#[test]
fn the_arabic_pane_keeps_status_and_amount_apart() {
    let mut s = ready(80, 24);
    s.settings.lang = Lang::Ar;
    let orders = vec![
        order(
            1,
            10,
            "0661234567",
            "PREPAID_MOBILIS",
            12_345,
            OrderState::Refunded,
        ),
        order(
            2,
            11,
            "0770123456",
            "PREPAID_DJEZZY",
            100,
            OrderState::Handling,
        ),
        order(
            3,
            12,
            "0550987654",
            "PREPAID_OOREDOO",
            2_000,
            OrderState::Fulfilled,
        ),
    ];
    feed(&mut s, [Msg::RecentOrders(orders)]);
    let screen = render(&s);
    for (amount, id) in [
        ("12 345 DA", flexy_pos::i18n::MsgId::StateRefunded),
        ("100 DA", flexy_pos::i18n::MsgId::StateHandling),
        ("2 000 DA", flexy_pos::i18n::MsgId::StateFulfilled),
    ] {
        let word = flexy_pos::text::layout(Lang::Ar.t(id), 200, flexy_pos::text::BidiMode::App)
            .lines[0]
            .text
            .clone();
        let row = screen
            .lines()
            .find(|l| l.contains(amount) && l.contains(&word))
            .unwrap_or_else(|| panic!("{amount}:\n{screen}"));
        assert!(
            row.contains(&format!("{word}  ")) && !row.contains(&format!("{word} {amount}")),
            "the status runs into the amount: {row}"
        );
    }
}

/// An Arabic timeline entry wraps as one entry: its time is never alone on a line, it stays
/// with its state word, and the note goes under them.
#[test]
fn an_arabic_timeline_entry_keeps_its_time_with_its_state() {
    let mut s = history_state(80, 24);
    s.settings.lang = Lang::Ar;
    let mut o = s.history.orders[0].clone();
    o.state = OrderState::UnknownError;
    o.history.push(StateChange {
        at: o.created_at + TimeDelta::seconds(31),
        state: Status::UnknownError,
        note: Some(Note::Legacy(
            "operator did not answer in time, asking again later".into(),
        )),
    });
    feed(&mut s, [Msg::OrderChanged(o), key(KeyCode::Enter)]);
    let screen = render(&s);
    let word = flexy_pos::text::layout(
        Lang::Ar.t(flexy_pos::i18n::MsgId::StateUnknown),
        200,
        flexy_pos::text::BidiMode::App,
    )
    .lines[0]
        .text
        .clone();
    let timeline: Vec<&str> = screen.lines().filter(|l| l.contains("14:05:31")).collect();
    assert!(!timeline.is_empty(), "{screen}");
    for line in timeline {
        assert!(
            line.contains(&word),
            "the time alone on its line: {line}\n{screen}"
        );
    }
    assert!(screen.contains("operator did not answer"), "{screen}");
}

/// A ref longer than its column is cut with `…`, never silently.
#[test]
fn a_long_ref_in_the_history_is_marked_as_cut() {
    for lang in [Lang::En, Lang::Ar] {
        let mut s = history_state(80, 24);
        s.settings.lang = lang;
        let mut o = s.history.orders[0].clone();
        o.reference = "k7Qm2xPa-00000000000000000000001234".into();
        feed(&mut s, [Msg::OrderChanged(o)]);
        let screen = render(&s);
        let row = screen
            .lines()
            .find(|l| l.contains("k7Qm"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(
            row.contains("k7Qm2x") && row.contains('…'),
            "{lang:?} {row}"
        );
    }
}
