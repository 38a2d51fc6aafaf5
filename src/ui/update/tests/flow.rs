//! The sale flow: steps, the 16-keystroke sale, double-submit, amounts, GETMENU, offers.

use super::*;
use crate::api::types::TopupInfo;
use crate::api::types::TopupStatus;
use crate::i18n::Lang;
use crate::rules::Phone;
use crate::testkit::topup;
use crate::ui::sale_logic::selected;
use crate::ui::state::{DetailView, MenuState, SaleStep, Screen};
use crossterm::event::KeyEventKind;

fn plan_notice(s: &AppState) -> String {
    s.sale
        .plan_notice
        .as_ref()
        .map(|n| n.text(Lang::En))
        .unwrap_or_default()
}

fn amount_notice(s: &AppState) -> String {
    s.sale
        .amount_notice
        .as_ref()
        .map(|n| n.text(Lang::En))
        .unwrap_or_default()
}

#[test]
fn a_500_da_prepaid_sale_is_exactly_16_keystrokes() {
    let mut s = ready();
    let keys: Vec<Msg> = "0661234567"
        .chars()
        .map(|c| key(KeyCode::Char(c)))
        .chain([key(KeyCode::Enter)])
        .chain("500".chars().map(|c| key(KeyCode::Char(c))))
        .chain([key(KeyCode::Enter), key(KeyCode::Enter)])
        .collect();
    assert_eq!(keys.len(), 16);
    let mut fx = Vec::new();
    for k in keys {
        fx.extend(step(&mut s, k));
    }
    let sent = submitted(&fx);
    assert_eq!(sent.len(), 1, "{fx:?}");
    let d = sent[0];
    assert_eq!(d.order.phone.as_str(), "0661234567");
    assert_eq!(d.order.operator(), Operator::Mobilis);
    assert_eq!(d.order.plan.code, "PREPAID_MOBILIS");
    assert_eq!(d.order.plan.kind(), PlanKind::Dynamic);
    assert_eq!(d.order.amount, Dzd::from_dinars(500));
    assert_eq!(d.order.expected_cost, Some(Dzd::from_dinars(480)));
    // 480 + 5 % = 504, rounded up to 5 DA.
    assert_eq!(d.order.price, Some(Dzd::from_dinars(505)));
    // Cleared at once for the next customer, with a toast.
    assert_eq!(s.sale.step, SaleStep::Phone);
    assert_eq!(s.sale.phone, "");
    assert_eq!(s.sale.amount, "");
    let toast = s.toast.as_ref().unwrap().notice.text(Lang::En);
    assert!(
        toast.contains("0661 23 45 67") && toast.contains("500 DA"),
        "{toast}"
    );
}

#[test]
fn enter_and_esc_walk_the_steps() {
    let mut s = ready();
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Phone, "no number, no next step");
    assert!(
        s.sale
            .phone_notice
            .as_ref()
            .unwrap()
            .text(Lang::En)
            .contains("0/10")
    );
    typ(&mut s, "0661234567");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Plan);
    enter(&mut s);
    assert_eq!(
        s.sale.step,
        SaleStep::Amount,
        "dynamic plan asks for the amount"
    );
    typ(&mut s, "1000");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.step, SaleStep::Amount);
    assert_eq!(s.sale.amount, "1000", "going back loses nothing");
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.step, SaleStep::Plan);
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.step, SaleStep::Phone);
    assert_eq!(s.sale.phone, "0661234567");
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.phone, "", "Esc on the number clears it");
}

#[test]
fn a_fixed_plan_goes_from_the_list_straight_to_confirm() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    step(&mut s, key(KeyCode::End)); // MIX500_MOBILIS, fixed 500
    typ(&mut s, "7");
    assert_eq!(s.sale.amount, "", "digits do not change a preset amount");
    assert!(plan_notice(&s).contains("preset"), "{}", plan_notice(&s));
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    let fx = enter(&mut s);
    match &fx[..] {
        [Effect::SubmitSale(d)] => {
            assert_eq!(d.order.plan.code, "MIX500_MOBILIS");
            assert_eq!(d.order.plan.kind(), PlanKind::Fixed);
            assert_eq!(d.order.amount, Dzd::from_dinars(500));
        }
        other => panic!("{other:?}"),
    }
    step(&mut s, key(KeyCode::Esc));
}

#[test]
fn a_second_enter_never_sends_twice() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    let mut fx = enter(&mut s);
    fx.extend(enter(&mut s));
    fx.extend(enter(&mut s));
    assert_eq!(submits(&fx), 1);
    // A held Enter (key repeat) is ignored outright.
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    let mut repeat = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    repeat.kind = KeyEventKind::Repeat;
    assert_eq!(submits(&step(&mut s, Msg::Key(repeat))), 0);
    assert_eq!(s.sale.step, SaleStep::Confirm);
}

/// The Windows console reports every key twice, pressed and released (a Unix terminal only
/// says "pressed"). The release must do nothing: the 16-keystroke sale sends once, with every
/// digit typed once, and a lone release of F10, Enter or a digit changes nothing.
#[test]
fn a_key_release_does_nothing() {
    let release = |code: KeyCode| {
        let mut k = KeyEvent::new(code, KeyModifiers::NONE);
        k.kind = KeyEventKind::Release;
        Msg::Key(k)
    };
    let mut s = ready();
    let mut fx = Vec::new();
    let codes = "0661234567"
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Enter])
        .chain("500".chars().map(KeyCode::Char))
        .chain([KeyCode::Enter, KeyCode::Enter]);
    for code in codes {
        fx.extend(step(&mut s, key(code)));
        fx.extend(step(&mut s, release(code)));
    }
    let sent = submitted(&fx);
    assert_eq!(sent.len(), 1, "{fx:?}");
    assert_eq!(sent[0].order.phone.as_str(), "0661234567");
    assert_eq!(sent[0].order.amount, Dzd::from_dinars(500));

    // Releases alone: nothing typed, nothing sent, no quit, no effect at all.
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    for code in [
        KeyCode::Char('7'),
        KeyCode::Enter,
        KeyCode::F(10),
        KeyCode::Esc,
    ] {
        assert!(step(&mut s, release(code)).is_empty(), "{code:?}");
    }
    assert_eq!(s.sale.step, SaleStep::Confirm);
    assert_eq!(s.sale.phone, "0661234567");
    assert!(!s.quit);
    assert_eq!(submits(&enter(&mut s)), 1, "the press still sends");
}

/// The Windows console sends a held key as presses with no release in between. Marked as
/// repeats at the edge (`HeldKeys`), a held Enter stops at the confirm step instead of
/// walking on to SEND; released and pressed again, it sends.
#[test]
fn a_held_enter_on_windows_stops_at_the_confirm_step() {
    use crate::ui::held_keys::HeldKeys;
    fn feed(s: &mut AppState, held: &mut HeldKeys, code: KeyCode, kind: KeyEventKind) -> usize {
        let mut k = KeyEvent::new(code, KeyModifiers::NONE);
        k.kind = kind;
        submits(&step(s, Msg::Key(held.classify(k))))
    }
    let (mut s, mut held) = (ready(), HeldKeys::new(true));
    let mut sent = 0;
    for code in "0661234567"
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Enter])
        .chain("500".chars().map(KeyCode::Char))
    {
        sent += feed(&mut s, &mut held, code, KeyEventKind::Press);
        sent += feed(&mut s, &mut held, code, KeyEventKind::Release);
    }
    // Enter held down: one press, then the console's auto-repeat.
    for _ in 0..10 {
        sent += feed(&mut s, &mut held, KeyCode::Enter, KeyEventKind::Press);
    }
    assert_eq!(s.sale.step, SaleStep::Confirm);
    sent += feed(&mut s, &mut held, KeyCode::Enter, KeyEventKind::Release);
    assert_eq!(sent, 0);
    sent += feed(&mut s, &mut held, KeyCode::Enter, KeyEventKind::Press);
    assert_eq!(sent, 1, "pressed again, it sends");
}

#[test]
fn the_same_number_and_amount_again_within_minutes_needs_its_own_key_not_enter() {
    let mut s = ready();
    let sale = |s: &mut AppState| {
        typ(s, "0661234567");
        enter(s);
        typ(s, "500");
        enter(s);
        enter(s)
    };
    assert_eq!(submits(&sale(&mut s)), 1);
    // Counted on the monotonic clock: a wall-clock step back or forward changes nothing.
    s.mono_now += std::time::Duration::from_secs(90);
    step(&mut s, Msg::Tick(t0() - TimeDelta::hours(2)));
    assert_eq!(submits(&sale(&mut s)), 0, "held back");
    assert_eq!(s.sale.step, SaleStep::Confirm);
    let warn = s.sale.confirm_notice.as_ref().unwrap().text(Lang::En);
    assert!(warn.contains("90 s ago") && warn.contains("F8"), "{warn}");
    assert_eq!(submits(&enter(&mut s)), 0, "the same Enter never sends it");
    assert_eq!(submits(&enter(&mut s)), 0);
    assert_eq!(
        submits(&step(&mut s, key(KeyCode::F(8)))),
        1,
        "sent on purpose"
    );
    // Another plan for the same number and amount is the same money: warned too.
    s.mono_now += std::time::Duration::from_secs(60);
    typ(&mut s, "0661234567");
    enter(&mut s);
    step(&mut s, key(KeyCode::End)); // MIX500_MOBILIS, fixed 500
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    assert_eq!(submits(&enter(&mut s)), 0, "same number, same amount");
    step(&mut s, key(KeyCode::Esc));
    step(&mut s, ctrl('n'));
    // Long after (on the monotonic clock), no warning, even if the wall clock went back.
    s.mono_now += std::time::Duration::from_secs(11 * 60);
    step(&mut s, Msg::Tick(t0() - TimeDelta::hours(3)));
    assert_eq!(submits(&sale(&mut s)), 1);
}

#[test]
fn a_disabled_plan_cannot_be_chosen() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    step(&mut s, key(KeyCode::Down)); // FACTURE_MOBILIS, disabled
    assert_eq!(selected(&s).unwrap().plan.code, "FACTURE_MOBILIS");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Plan);
    assert!(plan_notice(&s).contains("disabled"), "{}", plan_notice(&s));
    typ(&mut s, "500");
    assert_eq!(s.sale.step, SaleStep::Plan);
    assert_eq!(s.sale.amount, "");
    assert_eq!(submits(&enter(&mut s)), 0);
}

#[test]
fn amounts_are_checked_against_the_plan_range() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "39");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Amount);
    assert!(
        amount_notice(&s).contains("at least 40 DA"),
        "{}",
        amount_notice(&s)
    );
    step(&mut s, ctrl('u'));
    typ(&mut s, "4000");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Amount);
    assert!(
        amount_notice(&s).contains("at most 3 999 DA"),
        "{}",
        amount_notice(&s)
    );
    typ(&mut s, "x");
    assert!(amount_notice(&s).contains("'x' is not a digit"));
    assert_eq!(s.sale.amount, "4000");
    step(&mut s, key(KeyCode::Backspace));
    typ(&mut s, "٠");
    assert_eq!(
        s.sale.amount, "4000",
        "Arabic-Indic digits are read as digits"
    );
    step(&mut s, Msg::Paste("1 500".into()));
    assert_eq!(s.sale.amount, "1500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
}

#[test]
fn a_plan_for_another_operator_can_never_be_sent() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    // An offer naming a Djezzy plan for a Mobilis line (a confused server answer).
    let phone = Phone::parse("0661234567").unwrap();
    step(
        &mut s,
        Msg::MenuOffers {
            phone,
            offers: vec![offer("PREPAID_DJEZZY", 500)],
        },
    );
    let fx = enter(&mut s);
    assert_eq!(submits(&fx), 0);
    assert_ne!(s.sale.step, SaleStep::Confirm);
    assert!(
        plan_notice(&s).contains("not for Mobilis"),
        "{}",
        plan_notice(&s)
    );
    // Plans reloaded under a confirm step: the confirm step is left, nothing is sent.
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    let mut p = plans();
    p.dynamic_plans.retain(|p| p.code != "PREPAID_MOBILIS");
    step(
        &mut s,
        Msg::PlansLoaded {
            plans: p,
            fetched_at: t0(),
            from_cache: false,
        },
    );
    assert_ne!(s.sale.step, SaleStep::Confirm);
    assert_eq!(submits(&enter(&mut s)), 0);
}

#[test]
fn getmenu_offers_become_the_list_and_enter_sells_one() {
    let mut s = ready();
    typ(&mut s, "06612");
    assert!(
        step(
            &mut s,
            Msg::Key(KeyEvent::new(KeyCode::F(6), KeyModifiers::NONE))
        )
        .is_empty()
    );
    assert!(
        s.sale
            .phone_notice
            .as_ref()
            .unwrap()
            .text(Lang::En)
            .contains("5/10")
    );
    typ(&mut s, "34567");
    let fx = step(&mut s, ctrl('g'));
    let phone = Phone::parse("0661234567").unwrap();
    assert_eq!(
        fx,
        vec![Effect::RequestMenu {
            phone: phone.clone()
        }]
    );
    assert!(matches!(s.sale.menu, MenuState::Waiting(_)));
    step(
        &mut s,
        Msg::MenuOffers {
            phone,
            offers: vec![offer("MIX500_MOBILIS", 500), offer("MIX2000_MOBILIS", 2000)],
        },
    );
    assert_eq!(s.sale.step, SaleStep::Plan);
    step(&mut s, key(KeyCode::Down));
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm, "an offer has its amount");
    match &enter(&mut s)[..] {
        [Effect::SubmitSale(d)] => {
            assert_eq!(d.order.plan.code, "MIX2000_MOBILIS");
            assert_eq!(d.order.amount, Dzd::from_dinars(2000));
            assert_eq!(d.order.operator(), Operator::Mobilis);
            assert_eq!(
                d.order.expected_cost, None,
                "not in the plan cache: cost unknown"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn offers_arriving_on_the_confirm_step_never_change_what_is_confirmed() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    step(&mut s, ctrl('g'));
    step(&mut s, key(KeyCode::Esc)); // back to the plans while waiting
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    step(
        &mut s,
        Msg::MenuOffers {
            phone: Phone::parse("0661234567").unwrap(),
            offers: vec![offer("MIX2000_MOBILIS", 2000)],
        },
    );
    assert_eq!(s.sale.step, SaleStep::Plan);
    assert_eq!(
        submits(&enter(&mut s)),
        0,
        "this Enter picks the offer, it does not send"
    );
    assert_eq!(s.sale.step, SaleStep::Confirm);
}

#[test]
fn offers_for_a_number_no_longer_typed_are_not_shown() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    step(&mut s, ctrl('g'));
    step(&mut s, key(KeyCode::Esc));
    step(&mut s, key(KeyCode::Esc));
    typ(&mut s, "0770123456");
    step(
        &mut s,
        Msg::MenuOffers {
            phone: Phone::parse("0661234567").unwrap(),
            offers: vec![offer("MIX500_MOBILIS", 500)],
        },
    );
    assert_eq!(s.sale.menu, MenuState::Off);
    assert!(
        s.toast
            .as_ref()
            .unwrap()
            .notice
            .text(Lang::En)
            .contains("number changed")
    );
}

#[test]
fn a_suggested_offer_in_the_detail_starts_a_prefilled_sale() {
    let mut s = ready();
    let mut o = order(1, "0661234567", OrderState::Refunded);
    o.api = Some(TopupInfo {
        reference: Some(o.reference.clone()),
        plan_code: Some("PREPAID_MOBILIS".into()),
        mssidn: Some(o.phone.clone()),
        refund_message: Some("العرض غير متوفر".into()),
        suggested_offers: vec![offer("PIXX_500", 500), offer("MIX500_MOBILIS", 500)],
        ..topup("T1", TopupStatus::Refunded)
    });
    s.detail = Some(DetailView {
        order: o,
        scroll: 0,
    });
    s.screen = Screen::Detail;
    typ(&mut s, "9");
    assert_eq!(s.screen, Screen::Detail, "no offer 9");
    typ(&mut s, "1");
    assert_eq!(s.screen, Screen::Sale);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    assert_eq!(s.sale.phone, "0661234567");
    match &enter(&mut s)[..] {
        [Effect::SubmitSale(d)] => {
            assert_eq!(d.order.plan.code, "PIXX_500");
            assert_eq!(d.order.amount, Dzd::from_dinars(500));
            assert_eq!(
                d.order.expected_cost,
                Some(Dzd::from_dinars(485)),
                "cost from the cached plan"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sale_that_could_not_be_saved_comes_back_to_the_form() {
    let mut s = ready();
    let draft = submit_a_sale(&mut s);
    step(
        &mut s,
        Msg::SaleFailed {
            draft,
            error: "disk full\x1b[2J".into(),
        },
    );
    let t = s.toast.as_ref().unwrap().notice.text(Lang::En);
    assert!(
        t.starts_with("NOT sent") && t.contains("disk full") && !t.contains('\x1b'),
        "{t}"
    );
    assert_eq!(s.sale.phone, "0661234567");
    assert_eq!(s.sale.amount, "500");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_MOBILIS");
    assert_eq!(
        s.sale.step,
        SaleStep::Plan,
        "nothing resent without the staff"
    );
    enter(&mut s);
    enter(&mut s);
    assert_eq!(
        submits(&enter(&mut s)),
        1,
        "no duplicate warning: the first never left"
    );
}

/// A sale that LEFT but whose answer could not be saved (the disk filled up between the two
/// writes): it is not "not sent", the form stays empty, and sending the same sale again asks
/// first, like any sale already sent.
#[test]
fn a_sale_sent_but_not_recorded_is_not_put_back_for_a_second_send() {
    let mut s = ready();
    let draft = submit_a_sale(&mut s);
    step(
        &mut s,
        Msg::SaleUnrecorded {
            id: draft.id,
            reference: "FX-LEFT".into(),
            error: "disk full\x1b[2J".into(),
        },
    );
    let t = s.toast.as_ref().unwrap().notice.text(Lang::En);
    assert!(
        t.starts_with("SENT") && t.contains("do not send again") && !t.contains('\x1b'),
        "{t}"
    );
    assert!(!t.contains("NOT sent"), "{t}");
    assert_eq!(s.sale.phone, "", "the form is not refilled");
    assert_eq!(s.sale.step, SaleStep::Phone);
    assert_eq!(
        s.recent
            .iter()
            .map(|r| r.reference.as_deref())
            .collect::<Vec<_>>(),
        [Some("FX-LEFT")],
        "it stays in the duplicate check under its ref"
    );
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(
        submits(&enter(&mut s)),
        0,
        "the same sale again is warned about before it leaves"
    );
}

#[test]
fn help_swallows_typing_and_function_keys_work_everywhere() {
    let mut s = ready();
    step(&mut s, key(KeyCode::F(1)));
    assert!(s.help_open);
    typ(&mut s, "0661");
    assert_eq!(s.sale.phone, "", "typing under the overlay is ignored");
    step(&mut s, key(KeyCode::Esc));
    assert!(!s.help_open);
    step(&mut s, key(KeyCode::F(3)));
    assert_eq!(s.screen, Screen::Plans);
    assert_eq!(step(&mut s, key(KeyCode::F(5))), vec![Effect::RefreshPlans]);
    step(&mut s, key(KeyCode::F(2)));
    assert_eq!(s.screen, Screen::Sale);
    assert_eq!(step(&mut s, key(KeyCode::F(10))), vec![Effect::Quit]);
    assert!(s.quit);
}

#[test]
fn ticks_redraw_only_when_something_visible_changes() {
    let mut s = ready();
    s.dirty = false;
    step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(1)));
    assert!(!s.dirty, "same age text: no redraw");
    step(&mut s, Msg::Tick(t0() + TimeDelta::hours(1)));
    assert!(s.dirty, "plans age went from 3 h to 4 h");
}

#[test]
fn io_errors_become_readable_toasts_and_expire() {
    let mut s = ready();
    step(&mut s, Msg::Error("balance: timeout\x07".into()));
    let t = s.toast.clone().unwrap();
    assert_eq!(t.notice.text(Lang::En), "balance: timeout");
    step(&mut s, Msg::Tick(t0() + TimeDelta::seconds(31)));
    assert!(s.toast.is_none());
}

#[test]
fn a_sandbox_test_number_takes_another_operators_plan() {
    // §12: the sandbox sends 0600000002 with a Djezzy plan and suggests a Djezzy offer.
    let mut s = ready();
    typ(&mut s, "0600000002");
    let phone = Phone::parse("0600000002").unwrap();
    step(
        &mut s,
        Msg::MenuOffers {
            phone,
            offers: vec![offer("PREPAID_DJEZZY", 500)],
        },
    );
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm, "{}", plan_notice(&s));
    assert_eq!(submits(&enter(&mut s)), 1);
}

#[test]
fn the_plan_browser_filters_and_sells_a_plan() {
    let mut s = ready();
    step(&mut s, key(KeyCode::F(3)));
    typ(&mut s, "PIXX");
    let rows = crate::ui::derived::browser_rows(&s);
    assert_eq!(
        rows.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
        ["PIXX_500"]
    );
    step(&mut s, ctrl('u'));
    typ(&mut s, "ooredoo");
    assert!(
        crate::ui::derived::browser_rows(&s)
            .iter()
            .all(|p| p.operator == "Ooredoo")
    );
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.browser.filter, "", "Esc clears the filter first");
    typ(&mut s, "pixx");
    enter(&mut s);
    assert_eq!(s.screen, Screen::Sale);
    typ(&mut s, "0661234567");
    assert_eq!(
        selected(&s).unwrap().plan.code,
        "PIXX_500",
        "the chosen plan is pre-selected"
    );
}

/// Two identical sales in flight: each answer goes to its own sale by id, whatever order the
/// answers arrive in (phone and plan are the same, so they cannot tell them apart).
#[test]
fn answers_are_matched_to_their_sale_by_id() {
    let mut s = ready();
    let mut ids = Vec::new();
    for _ in 0..2 {
        typ(&mut s, "0661234567");
        enter(&mut s);
        typ(&mut s, "500");
        enter(&mut s);
        let mut fx = enter(&mut s);
        if fx.is_empty() {
            // The duplicate warning: its own key sends another one.
            fx = step(&mut s, key(KeyCode::F(8)));
        }
        match &fx[..] {
            [Effect::SubmitSale(d)] => ids.push(d.id),
            other => panic!("{other:?}"),
        }
    }
    assert_ne!(ids[0], ids[1]);
    let mut first = order(1, "0661234567", OrderState::Saved);
    first.reference = "FX-FIRST".into();
    step(
        &mut s,
        Msg::SaleSaved {
            id: ids[0],
            record: first,
        },
    );
    let refs: Vec<Option<&str>> = s.recent.iter().map(|r| r.reference.as_deref()).collect();
    assert_eq!(
        refs,
        [Some("FX-FIRST"), None],
        "the first answer is the first sale's"
    );
    // The second sale fails: only it leaves the list, the first stays with its ref.
    let second = s.recent[1].draft.clone();
    step(
        &mut s,
        Msg::SaleFailed {
            draft: second,
            error: "disk full".into(),
        },
    );
    let left: Vec<_> = s
        .recent
        .iter()
        .map(|r| (r.draft.id, r.reference.clone()))
        .collect();
    assert_eq!(left, [(ids[0], Some("FX-FIRST".to_string()))]);
}

/// Toasts go, the notices list keeps them: the last 50, newest first, each with its time;
/// Ctrl-L opens it over any screen, swallows typing, and Esc or Ctrl-L closes it.
#[test]
fn vanished_toasts_are_kept_in_the_notices_list() {
    use crate::ui::state::{NOTICES_KEPT, Notice};
    let mut s = ready();
    for i in 0..60 {
        s.now = t0() + TimeDelta::seconds(i);
        step(&mut s, Msg::Notice(Notice::info(format!("notice {i}"))));
    }
    // Long after: the toast is gone, the list is not.
    step(&mut s, Msg::Tick(t0() + TimeDelta::minutes(10)));
    assert!(s.toast.is_none());
    assert_eq!(s.notices.past.len(), NOTICES_KEPT);
    let newest = &s.notices.past[0];
    assert_eq!(newest.notice.text(crate::i18n::Lang::En), "notice 59");
    assert_eq!(newest.at, t0() + TimeDelta::seconds(59));
    assert_eq!(
        s.notices.past[NOTICES_KEPT - 1]
            .notice
            .text(crate::i18n::Lang::En),
        "notice 10",
        "the oldest went first"
    );
    step(&mut s, ctrl('l'));
    assert!(s.notices.open);
    typ(&mut s, "0661");
    assert!(
        s.sale.phone.is_empty(),
        "typing goes nowhere under the list"
    );
    step(&mut s, key(KeyCode::Esc));
    assert!(!s.notices.open);
    step(&mut s, ctrl('l'));
    step(&mut s, ctrl('l'));
    assert!(!s.notices.open, "the same key closes it");
}
