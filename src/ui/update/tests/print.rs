//! The print and preview keys: the slip of what is on screen, the preview over it.

use super::*;
use crate::ui::msg::SlipOf;
use crate::ui::state::Screen;

fn history_with_orders(s: &mut AppState) -> Vec<OrderRecord> {
    let orders: Vec<OrderRecord> = (1..=3)
        .map(|i| order(i, "0661234567", OrderState::Fulfilled))
        .collect();
    let fx = step(s, key(KeyCode::F(4)));
    let query_id = match fx.as_slice() {
        [Effect::LoadHistory { query_id, .. }] => *query_id,
        other => panic!("expected a history load, got {other:?}"),
    };
    step(
        s,
        Msg::HistoryPage {
            query_id,
            orders: orders.clone(),
            has_more: false,
        },
    );
    orders
}

#[test]
fn ctrl_p_prints_the_order_selected_and_ctrl_o_previews_it() {
    let mut s = ready();
    let orders = history_with_orders(&mut s);
    step(&mut s, key(KeyCode::Down));
    let fx = step(&mut s, ctrl('p'));
    let want = SlipOf::Order(orders[1].reference.clone());
    assert_eq!(
        fx,
        [Effect::PrintSlip {
            of: want.clone(),
            lang: s.settings.lang
        }]
    );
    // The detail prints the order it shows.
    step(&mut s, key(KeyCode::Enter));
    assert_eq!(s.screen, Screen::Detail);
    let fx = step(&mut s, ctrl('o'));
    assert_eq!(
        fx,
        [Effect::PreviewSlip {
            of: want.clone(),
            lang: s.settings.lang
        }]
    );
    // The preview shows the slip's lines; Ctrl-P there prints it and closes it.
    let lines = vec!["      Taxiphone".to_string(), "-".repeat(32)];
    step(
        &mut s,
        Msg::SlipPreview {
            of: want.clone(),
            lines: lines.clone(),
        },
    );
    assert_eq!(s.preview.as_ref().map(|p| p.lines.clone()), Some(lines));
    assert!(
        step(&mut s, key(KeyCode::Char('x'))).is_empty(),
        "typing does nothing"
    );
    let fx = step(&mut s, ctrl('p'));
    assert_eq!(
        fx,
        [Effect::PrintSlip {
            of: want.clone(),
            lang: s.settings.lang
        }]
    );
    assert!(s.preview.is_none());
    // Esc closes a preview without printing, and the screen under it stays.
    step(
        &mut s,
        Msg::SlipPreview {
            of: want,
            lines: vec![],
        },
    );
    assert!(step(&mut s, key(KeyCode::Esc)).is_empty());
    assert!(s.preview.is_none());
    assert_eq!(s.screen, Screen::Detail);
}

#[test]
fn the_books_print_as_the_day_close_and_the_sale_screen_prints_the_last_sale() {
    let mut s = ready();
    step(&mut s, key(KeyCode::F(7)));
    let fx = step(&mut s, ctrl('p'));
    assert_eq!(
        fx,
        [Effect::PrintSlip {
            of: SlipOf::Books(s.report_period()),
            lang: s.settings.lang
        }]
    );
    // The sale screen with nothing sold yet: nothing to print, and the clerk is told.
    let mut s = ready();
    assert!(step(&mut s, ctrl('p')).is_empty());
    assert!(s.toast.is_some());
    // After a sale, its slip.
    let draft = submit_a_sale(&mut s);
    let rec = order(1, "0661234567", OrderState::Sent);
    step(
        &mut s,
        Msg::SaleSaved {
            id: draft.id,
            record: rec.clone(),
        },
    );
    let fx = step(&mut s, ctrl('p'));
    assert_eq!(
        fx,
        [Effect::PrintSlip {
            of: SlipOf::Order(rec.reference),
            lang: s.settings.lang
        }]
    );
}
