//! A window too small to show the whole sale never sends and takes no typing nobody can see.

use super::*;
use crate::ui::state::{SaleStep, Screen};
use crate::ui::view::room::too_small;

/// A 500 DA prepaid sale up to the confirm step, at 80×24.
fn at_confirm() -> AppState {
    let mut s = ready();
    typ(&mut s, "0661234567");
    enter(&mut s);
    typ(&mut s, "500");
    enter(&mut s);
    assert_eq!(s.sale.step, SaleStep::Confirm);
    s
}

#[test]
fn a_whole_sale_typed_into_a_20x5_window_sends_nothing() {
    let mut s = ready();
    step(&mut s, Msg::Resize(20, 5));
    assert!(too_small(&s).is_some());
    let mut fx = typ(&mut s, "0661234567");
    fx.extend(enter(&mut s));
    fx.extend(typ(&mut s, "500"));
    fx.extend(enter(&mut s));
    fx.extend(enter(&mut s));
    fx.extend(step(&mut s, Msg::Paste("0661234567".into())));
    fx.extend(enter(&mut s));
    assert_eq!(submits(&fx), 0);
    assert_eq!(s.sale.phone, "", "nothing typed blind");
    assert_eq!(s.sale.step, SaleStep::Phone);
}

#[test]
fn enter_on_a_confirm_box_cut_off_by_a_resize_does_not_send_until_it_fits() {
    let mut s = at_confirm();
    step(&mut s, Msg::Resize(40, 10));
    let fx = enter(&mut s);
    assert_eq!(submits(&fx), 0, "sent blind at 40x10");
    let notice = s
        .sale
        .confirm_notice
        .clone()
        .expect("says why")
        .text(crate::i18n::Lang::En);
    assert!(notice.contains("NOT sent"), "{notice}");
    assert_eq!(s.sale.step, SaleStep::Confirm, "the sale is kept");
    step(&mut s, Msg::Resize(80, 24));
    assert_eq!(submits(&enter(&mut s)), 1, "sends once the whole box shows");
}

#[test]
fn the_room_needed_grows_with_the_confirm_box() {
    let mut s = at_confirm();
    let need = crate::ui::view::room::need(&s);
    step(&mut s, Msg::Resize(need.cols, need.rows));
    assert!(too_small(&s).is_none());
    // A notice adds a line to the box: the same window is now one row short.
    typ(&mut s, "x");
    assert!(s.sale.confirm_notice.is_some());
    assert!(too_small(&s).is_some());
    assert_eq!(submits(&enter(&mut s)), 0);
}

#[test]
fn esc_and_the_screen_keys_still_work_in_a_small_window() {
    let mut s = at_confirm();
    step(&mut s, Msg::Resize(40, 10));
    step(&mut s, key(KeyCode::Esc));
    assert_eq!(s.sale.step, SaleStep::Amount);
    step(&mut s, key(KeyCode::F(4)));
    assert_eq!(s.screen, Screen::History);
    step(&mut s, key(KeyCode::F(2)));
    assert_eq!(s.screen, Screen::Sale);
    assert_eq!(
        s.sale.amount, "500",
        "what was typed while it fitted is kept"
    );
}
