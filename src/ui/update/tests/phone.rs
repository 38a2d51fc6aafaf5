//! The phone field: normalising, refusing with a reason, live operator and length.

use super::*;
use crate::i18n::Lang;
use crate::rules::Operator;
use crate::ui::sale_logic::{Choice, choices, digit_count, selected, typed_operator};
use crate::ui::state::{NoticeKind, SaleStep};

fn notice(s: &AppState) -> String {
    s.sale
        .phone_notice
        .as_ref()
        .map(|n| n.text(Lang::En))
        .unwrap_or_default()
}

#[test]
fn typed_spellings_normalise_to_the_national_number() {
    for spelling in [
        "+213 661-23.45.67",
        "00213661234567",
        "0661 23 45 67",
        "٠٦٦١٢٣٤٥٦٧",
        "۰۶۶۱۲۳۴۵۶۷",
    ] {
        let mut s = ready();
        typ(&mut s, spelling);
        assert_eq!(s.sale.phone, "0661234567", "typed {spelling:?}");
        assert_eq!(notice(&s), "", "typed {spelling:?}");
    }
}

#[test]
fn country_prefix_in_progress_is_kept_until_it_becomes_a_number() {
    let mut s = ready();
    typ(&mut s, "+21");
    assert_eq!(s.sale.phone, "+21");
    typ(&mut s, "36");
    assert_eq!(s.sale.phone, "06");
    assert_eq!(typed_operator(&s), Some(Operator::Mobilis));
}

#[test]
fn pasted_numbers_are_normalised_and_replace_a_partial_field() {
    let mut s = ready();
    step(&mut s, Msg::Paste(" +213 (661) 23-45-67\n".into()));
    assert_eq!(s.sale.phone, "0661234567");
    let mut s = ready();
    typ(&mut s, "07");
    step(&mut s, Msg::Paste("0550 12 34 56".into()));
    assert_eq!(
        s.sale.phone, "0550123456",
        "a whole number replaces the start"
    );
    step(&mut s, Msg::Paste("06612x4567".into()));
    assert_eq!(s.sale.phone, "0550123456", "a bad paste changes nothing");
    assert!(notice(&s).contains("'x' is not allowed"), "{}", notice(&s));
}

#[test]
fn bad_characters_are_refused_with_a_visible_reason() {
    let mut s = ready();
    typ(&mut s, "066a");
    assert_eq!(s.sale.phone, "066", "the letter is not inserted");
    assert!(notice(&s).contains("'a' is not allowed"), "{}", notice(&s));
    assert_eq!(
        s.sale.phone_notice.as_ref().unwrap().kind,
        NoticeKind::Error
    );
    typ(&mut s, "1");
    assert_eq!(
        notice(&s),
        "",
        "the message goes once typing is right again"
    );

    let mut s = ready();
    typ(&mut s, "04");
    assert_eq!(s.sale.phone, "0");
    assert!(
        notice(&s).contains("prefix 04"),
        "unknown prefix flagged at once: {}",
        notice(&s)
    );

    let mut s = ready();
    typ(&mut s, "6");
    assert_eq!(s.sale.phone, "");
    assert!(notice(&s).contains("starts with 0"), "{}", notice(&s));
}

#[test]
fn an_eleventh_digit_is_refused() {
    let mut s = ready();
    typ(&mut s, "06612345678");
    assert_eq!(s.sale.phone, "0661234567");
    assert!(notice(&s).contains("too many digits"), "{}", notice(&s));
    assert_eq!(digit_count(&s), 10);
}

#[test]
fn operator_and_length_show_while_typing() {
    let mut s = ready();
    typ(&mut s, "0");
    assert_eq!((typed_operator(&s), digit_count(&s)), (None, 1));
    typ(&mut s, "7");
    assert_eq!(
        (typed_operator(&s), digit_count(&s)),
        (Some(Operator::Djezzy), 2)
    );
    typ(&mut s, "70123");
    assert_eq!(digit_count(&s), 7);
    step(&mut s, key(KeyCode::Backspace));
    assert_eq!(s.sale.phone, "077012");
    step(&mut s, ctrl('u'));
    assert_eq!(s.sale.phone, "");
}

#[test]
fn a_valid_number_narrows_the_list_and_preselects_prepaid() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    let codes: Vec<String> = choices(&s)
        .iter()
        .map(|c| match c {
            Choice::Plan(p) => p.code.clone(),
            Choice::Offer(o) => o.plan_code.clone(),
        })
        .collect();
    // Pixx and GMobilis send to Mobilis lines; GETMENU is not a sale; no Djezzy/Ooredoo plan.
    assert_eq!(
        codes,
        [
            "GROS_MOBILIS",
            "PREPAID_MOBILIS",
            "FACTURE_MOBILIS",
            "PIXX_500",
            "MIX500_MOBILIS"
        ]
    );
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_MOBILIS");

    let mut s = ready();
    typ(&mut s, "0770123456");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_DJEZZY");
}

#[test]
fn a_disabled_prepaid_plan_is_skipped_by_preselection() {
    let mut s = ready();
    typ(&mut s, "0550123456");
    // PREPAID_OOREDOO is disabled: the first enabled dynamic Ooredoo plan is taken.
    assert_eq!(selected(&s).unwrap().plan.code, "INTL_OOREDOO");
}

#[test]
fn changing_the_operator_reselects_and_never_keeps_a_foreign_plan() {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    step(&mut s, key(KeyCode::End)); // MIX500_MOBILIS
    assert_eq!(selected(&s).unwrap().plan.code, "MIX500_MOBILIS");
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.step, SaleStep::Phone);
    step(&mut s, ctrl('u'));
    typ(&mut s, "0770123456");
    assert_eq!(selected(&s).unwrap().plan.code, "PREPAID_DJEZZY");
    assert!(
        choices(&s)
            .iter()
            .all(|c| matches!(c, Choice::Plan(p) if crate::rules::Operator::of_plan(p) == Some(Operator::Djezzy)))
    );
}
