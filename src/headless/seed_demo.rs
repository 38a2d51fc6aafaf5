//! `flexy-pos seed-demo`.

use super::{EXIT_ERROR, EXIT_OK, fail};
use crate::cli::SeedArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::store::Store;

/// `flexy-pos seed-demo`: fills the store of the current mode with generated orders.
pub fn run(store: &Store, args: &SeedArgs, lang: Lang) -> u8 {
    match crate::demo::generate_demo_orders(store, args.orders, args.seed) {
        Ok(n) => {
            println!(
                "{}",
                lang.f(&Message::new(MsgId::CliSeeded).num("n", n as i64))
            );
            EXIT_OK
        }
        Err(e) => fail(EXIT_ERROR, &e.to_string()),
    }
}
