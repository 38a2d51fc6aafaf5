//! A clerk's whole day (issue 20, points 1–5): the plan in force, a fixed plan's own amount,
//! the words after Enter following the order's real state, the duplicate key, selling a
//! NOT_SENT or REFUSED order again.

use super::*;
use crate::i18n::Lang;
use crate::ledger::Regular;
use crate::ui::sale_logic::selected;
use crate::ui::state::{DetailView, SaleStep, Screen};

fn phone_notice(s: &AppState) -> String {
    s.sale
        .phone_notice
        .as_ref()
        .map(|n| n.text(Lang::En))
        .unwrap_or_default()
}

fn toast_text(s: &AppState, lang: Lang) -> String {
    s.toast
        .as_ref()
        .map(|t| t.notice.text(lang))
        .unwrap_or_default()
}

/// The screen as drawn on a `w`×`h` terminal, one line per row.
fn render_text(s: &mut AppState, w: u16, h: u16) -> String {
    step(s, Msg::Resize(w, h));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| crate::ui::view(s, f)).expect("drawn");
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn browse_and_pick(s: &mut AppState, filter: &str) {
    step(s, key(KeyCode::F(3)));
    typ(s, filter);
    enter(s);
    assert_eq!(s.screen, Screen::Sale);
}

/// F3, `pixx`, Enter, Esc: the form is as empty as it looks, and the next customer's
/// `0661234567` Enter `500` Enter confirms 500 DA of prepaid, not PIXX_500.
#[test]
fn esc_after_choosing_a_plan_leaves_no_plan_in_force_for_the_next_customer() {
    let mut s = ready();
    browse_and_pick(&mut s, "pixx");
    assert!(
        phone_notice(&s).contains("PIXX_500"),
        "{}",
        phone_notice(&s)
    );
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.preferred_plan, None);
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    match &enter(&mut s)[..] {
        [Effect::SubmitSale(d)] => {
            assert_eq!(d.order.plan.code, "PREPAID_MOBILIS");
            assert_eq!(d.order.amount, Dzd::from_dinars(500));
        }
        other => panic!("{other:?}"),
    }
}

/// The new-customer key clears the number, the amount and the plan, on any step.
#[test]
fn the_new_customer_key_clears_number_amount_and_plan() {
    let mut s = ready();
    browse_and_pick(&mut s, "pixx");
    typ(&mut s, "0661234567");
    assert_eq!(selected(&s).unwrap().plan.code, "PIXX_500");
    step(&mut s, ctrl('n'));
    assert_eq!(s.sale.phone, "");
    assert_eq!(s.sale.amount, "");
    assert_eq!(s.sale.preferred_plan, None);
    assert_eq!(s.sale.step, SaleStep::Phone);
    // On the amount step too.
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "700");
    assert_eq!(s.sale.step, SaleStep::Amount);
    step(&mut s, ctrl('n'));
    assert_eq!((s.sale.phone.as_str(), s.sale.amount.as_str()), ("", ""));
    typ(&mut s, "0661234567");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_MOBILIS");
    // Listed in the help (and so in the README's key table).
    assert!(
        crate::ui::keys::keymap_help()
            .iter()
            .any(|(k, h)| k.contains("Ctrl-N") && h.contains("new customer"))
    );
}

/// A new number starts from its operator's prepaid plan when the plan chosen earlier is not
/// its usual one (a regular's last sale), and from the plan the cursor was left on for the
/// number before, never.
#[test]
fn a_new_number_starts_from_its_prepaid_plan_unless_the_plan_chosen_fits_it() {
    let mut s = ready();
    // The cursor left on MIX500 for one customer…
    typ(&mut s, "0661111111");
    enter(&mut s);
    step(&mut s, key(KeyCode::End));
    assert_eq!(selected(&s).unwrap().plan.code, "MIX500_MOBILIS");
    step(&mut s, key(KeyCode::Esc));
    step(&mut s, key(KeyCode::Esc));
    // …is not the next one's plan.
    typ(&mut s, "0662222222");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_MOBILIS");

    // PIXX_500 chosen, but the number's usual plan is prepaid: prepaid, and said so.
    let mut s = ready();
    browse_and_pick(&mut s, "pixx");
    typ(&mut s, "0661234567");
    let last = order(5, "0661234567", OrderState::Fulfilled);
    step(
        &mut s,
        Msg::Regulars {
            digits: "0661234567".into(),
            found: vec![Regular {
                phone: "0661234567".into(),
                orders: 3,
                last,
            }],
        },
    );
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_MOBILIS");
    // A Djezzy number never takes a Mobilis plan chosen before.
    step(&mut s, ctrl('u'));
    typ(&mut s, "0771234567");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_DJEZZY");
}

/// The plan in force is always on the sale form while the number is typed.
#[test]
fn the_plan_in_force_is_shown_under_the_number() {
    let mut s = ready();
    browse_and_pick(&mut s, "pixx");
    typ(&mut s, "066");
    let screen = render_text(&mut s, 100, 30);
    assert!(
        screen.contains("plan PIXX_500 in force") && screen.contains("Ctrl-N"),
        "{screen}"
    );
    step(&mut s, ctrl('n'));
    let screen = render_text(&mut s, 100, 30);
    assert!(!screen.contains("PIXX_500"), "{screen}");
}

/// A fixed plan with another amount is refused by the sale gate, naming the plan's amount.
#[test]
fn a_fixed_plan_left_with_another_amount_is_refused_naming_its_own() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "700");
    step(&mut s, key(KeyCode::End)); // MIX500_MOBILIS, fixed 500; the 700 typed stays
    assert_eq!(s.sale.amount, "700");
    let fx = enter(&mut s);
    assert!(fx.is_empty());
    assert_ne!(s.sale.step, SaleStep::Confirm);
    let why = s
        .sale
        .amount_notice
        .as_ref()
        .map(|n| n.text(Lang::En))
        .unwrap_or_default();
    assert!(why.contains("500 DA only"), "{why}");
    let fr = s.sale.amount_notice.as_ref().unwrap().text(Lang::Fr);
    assert!(fr.contains("500 DA"), "{fr}");
}

/// The words after Enter follow the order's real state: "sent" only when OneClickDz took it.
#[test]
fn the_toast_after_a_sale_follows_the_orders_real_state() {
    for (state, says, never) in [
        (OrderState::NotSent, "NOT_SENT", "sent 0661"),
        (
            OrderState::Refused {
                code: "INSUFFICIENT_BALANCE".into(),
                message: "low".into(),
            },
            "REFUSED",
            "sent 0661",
        ),
        (
            OrderState::Unconfirmed { since: t0() },
            "UNCONFIRMED",
            "sent 0661",
        ),
        (OrderState::Sent, "sent 0661 23 45 67", "NOT"),
    ] {
        let mut s = ready();
        let draft = submit_a_sale(&mut s);
        let rec = order(0, "0661234567", state.clone());
        step(
            &mut s,
            Msg::SaleSaved {
                id: draft.id,
                record: rec,
            },
        );
        let t = toast_text(&s, Lang::En);
        assert!(t.contains(says) && !t.contains(never), "{state:?}: {t}");
        let fr = toast_text(&s, Lang::Fr);
        if state == OrderState::NotSent {
            assert!(
                fr.contains("NON ENVOYÉ") && !fr.starts_with("envoyé"),
                "{fr}"
            );
        }
    }
}

/// A NOT_SENT order is sold again from its detail with one key: a new sale through the confirm
/// step (the order handed to the worker is a new one; its ref is made when it is written).
/// A FULFILLED one is not.
#[test]
fn a_not_sent_order_is_sold_again_from_its_detail_with_one_key() {
    let mut s = ready();
    let draft = submit_a_sale(&mut s);
    let mut rec = order(0, "0661234567", OrderState::NotSent);
    rec.reference = "OLD-REF".into();
    step(
        &mut s,
        Msg::SaleSaved {
            id: draft.id,
            record: rec.clone(),
        },
    );
    s.detail = Some(DetailView {
        order: rec,
        scroll: 0,
    });
    s.screen = Screen::Detail;
    step(&mut s, key(KeyCode::F(8)));
    assert_eq!(s.screen, Screen::Sale);
    assert_eq!(s.sale.step, SaleStep::Confirm, "through the confirm step");
    // Nothing was charged: no duplicate warning, Enter sends the new order.
    match &enter(&mut s)[..] {
        [Effect::SubmitSale(d)] => {
            assert_ne!(d.id, draft.id, "a new sale");
            assert_eq!(d.order.phone.as_str(), "0661234567");
            assert_eq!(d.order.plan.code, "PREPAID_MOBILIS");
            assert_eq!(d.order.amount, Dzd::from_dinars(500));
        }
        other => panic!("{other:?}"),
    }
    // A FULFILLED order is not sold again from here.
    let mut s = ready();
    s.detail = Some(DetailView {
        order: order(1, "0661234567", OrderState::Fulfilled),
        scroll: 0,
    });
    s.screen = Screen::Detail;
    step(&mut s, key(KeyCode::F(8)));
    assert_eq!(s.screen, Screen::Detail);
    assert!(toast_text(&s, Lang::En).contains("FULFILLED"));
}

/// The confirm box is read to the customer: no wholesale cost on it.
#[test]
fn the_confirm_box_shows_no_wholesale_cost() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    for lang in Lang::ALL {
        s.settings.lang = lang;
        let screen = render_text(&mut s, 100, 30);
        assert!(screen.contains("505"), "{screen}");
        assert!(
            !screen.contains("480"),
            "the cost (480 DA) is not shown:\n{screen}"
        );
        let cost_word =
            lang.f(&crate::i18n::Message::new(crate::i18n::MsgId::SaleCost).text("cost", ""));
        assert!(!screen.contains(cost_word.trim()), "{lang:?}:\n{screen}");
    }
}
