//! The language key: the words change at once, on every screen, and nothing typed is lost.

use super::*;
use crate::i18n::Lang;
use crate::ui::state::{SaleStep, Screen};

fn language_key() -> Msg {
    key(KeyCode::F(9))
}

#[test]
fn switching_language_mid_sale_keeps_every_typed_character_and_is_remembered() {
    let mut s = ready();
    s.settings.lang = Lang::Fr;
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "50");
    assert_eq!(s.sale.step, SaleStep::Amount);
    let before = s.sale.clone();

    let fx = step(&mut s, language_key());
    assert_eq!(s.lang(), Lang::Ar);
    assert_eq!(fx, vec![Effect::RememberLanguage(Lang::Ar)]);
    assert_eq!(
        s.sale, before,
        "the number, plan and amount typed so far are kept"
    );
    typ(&mut s, "0");
    assert_eq!(s.sale.amount, "500", "typing goes on where it was");

    let fx = step(&mut s, language_key());
    assert_eq!(
        (s.lang(), fx),
        (Lang::En, vec![Effect::RememberLanguage(Lang::En)])
    );
    step(&mut s, language_key());
    assert_eq!(s.lang(), Lang::Fr);
    assert_eq!(s.sale.phone, "0661234567");
    assert_eq!(s.sale.amount, "500");
    enter(&mut s);
    assert_eq!(
        s.sale.step,
        SaleStep::Confirm,
        "the sale goes on to the confirm step"
    );
}

#[test]
fn the_key_works_on_every_screen_and_over_the_help_and_rewords_notices() {
    let mut s = ready();
    s.settings.lang = Lang::En;
    // A notice made in English is worded again in the new language.
    typ(&mut s, "066");
    enter(&mut s);
    let notice = s
        .sale
        .phone_notice
        .clone()
        .expect("a notice for the short number");
    step(&mut s, language_key());
    assert_eq!(s.lang(), Lang::Fr);
    assert_eq!(
        s.sale.phone_notice.as_ref(),
        Some(&notice),
        "the same message…"
    );
    for screen in [KeyCode::F(3), KeyCode::F(4), KeyCode::F(2)] {
        step(&mut s, key(screen));
        let was = s.lang();
        step(&mut s, language_key());
        assert_eq!(s.lang(), was.next());
    }
    assert_eq!(s.screen, Screen::Sale);
    assert_eq!(s.sale.phone, "066", "still what was typed");
    step(&mut s, key(KeyCode::F(1)));
    let was = s.lang();
    step(&mut s, language_key());
    assert!(s.help_open, "the help stays open");
    assert_eq!(s.lang(), was.next());
}

#[test]
fn a_catalogue_notice_reads_in_each_language() {
    let n = crate::ui::state::Notice::info(crate::i18n::MsgId::SaleTypeAmount);
    assert_eq!(n.text(Lang::En), "type the amount");
    assert_eq!(n.text(Lang::Fr), "tapez le montant");
    assert_eq!(n.text(Lang::Ar), "اكتب المبلغ");
}

#[test]
fn the_language_key_is_f9_and_f8_is_left_free() {
    let mut s = ready();
    s.settings.lang = Lang::Fr;
    let fx = step(&mut s, key(KeyCode::F(8)));
    assert_eq!(s.lang(), Lang::Fr, "F8 is not the language key");
    assert!(!fx.contains(&Effect::RememberLanguage(Lang::Ar)), "{fx:?}");
    step(&mut s, language_key());
    assert_eq!(s.lang(), Lang::Ar);
}
