//! Two tills with one terminal id: the owner copied config.toml (with `terminal_id`) to a second
//! PC and both sell. Before, each till's `sync` restored the other's sales as its own: one set
//! of books for two cash drawers. Now each keeps the other's sales apart (external), says so
//! loudly (`sync` text on stdout and stderr, `--json`, the counter's status bar and a notice),
//! and the owner's fix, a new `terminal_id` on one of them, is taken.

use crate::common;

use common::till::Till;
use common::*;
use flexy_pos::ledger::{Note, Origin};
use flexy_pos::orders::claim::TwinTill;
use flexy_pos::till_status::RunMode;
use flexy_pos::ui::Msg;
use serde_json::{Value, json};
use std::time::Duration;

const SHOP1: &str = "terminal_id = \"shop1\"\n";

fn kept_apart(till: &Till, reference: &str) -> bool {
    let rec = &till.orders()[reference];
    rec.origin == Origin::External && rec.history.iter().any(|h| h.note == Some(Note::TwinTill))
}

/// `report --json`: this till's orders and the ones made elsewhere, today.
async fn books(till: &Till) -> (Value, Value) {
    let (_, r) = till.json(&["report"]).await;
    (r["orders"].clone(), r["external"].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tills_with_one_id_keep_each_other_s_sales_apart_and_say_so() {
    let emu = start_emulator(emulator_config(51)).await;
    let url = emu.base_url();
    let a = Till::new(&url, SHOP1);
    let (code, _) = a.json(&["sync"]).await;
    assert_eq!(code, 0);
    let a_first = a.sell(&[("0661234567", 100)]).await.remove(0);

    // The owner copies config.toml to a second PC. Its first sync cannot tell yet: A's sale
    // looks like this till's own from a previous PC (a new PC restores its history so).
    let b = Till::new(&url, SHOP1);
    let (_, out) = b.json(&["sync"]).await;
    assert_eq!(out["audit"]["restored"], 1, "{out}");
    let b_sale = b.sell(&[("0661234568", 200)]).await.remove(0);
    let a_second = a.sell(&[("0661234569", 300)]).await.remove(0);
    assert!(b_sale.starts_with("shop1-") && a_second.starts_with("shop1-"));

    // A meets B's sale: kept apart, not restored as its own, and said loudly.
    let (code, out) = a.json(&["sync"]).await;
    assert_eq!(code, 0, "{out}");
    let audit = &out["audit"];
    assert_eq!(audit["twin_till"], "shop1", "{out}");
    assert_eq!(audit["twin_orders"], 1, "{out}");
    assert_eq!(audit["twin_refs"], json!([b_sale]), "{out}");
    assert_eq!(audit["restored"], 0, "{out}");
    assert!(kept_apart(&a, &b_sale));
    assert_eq!(
        books(&a).await,
        (json!(2), json!(1)),
        "A's books: its 2 sales"
    );
    for (lang, words) in [
        ("en", "ANOTHER TILL USES THIS TILL'S ID 'shop1'"),
        (
            "fr",
            "UNE AUTRE CAISSE UTILISE L'IDENTIFIANT DE CETTE CAISSE 'shop1'",
        ),
        ("ar", "جهاز آخر يستعمل معرّف هذا الجهاز 'shop1'"),
    ] {
        let out = a
            .command()
            .env("FLEXY_LANG", lang)
            .arg("sync")
            .output()
            .await
            .expect("sync runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stdout.contains(words), "{lang}: {stdout}");
        assert!(stderr.contains(words), "{lang}: on stderr too: {stderr}");
    }

    // B meets A's new sale, and sets apart A's first one, restored before A showed itself.
    let (_, out) = b.json(&["sync"]).await;
    assert_eq!(out["audit"]["twin_till"], "shop1", "{out}");
    assert_eq!(out["audit"]["twin_orders"], 2, "{out}");
    assert!(kept_apart(&b, &a_second));
    assert!(kept_apart(&b, &a_first), "set apart once A showed itself");
    assert_eq!(b.orders()[&b_sale].origin, Origin::Till);
    assert_eq!(
        books(&b).await,
        (json!(1), json!(2)),
        "B's books: its 1 sale"
    );

    // The counter of A says so in its status bar, and tells the staff once.
    {
        let store = a.store();
        let lc = common::till::lifecycle(&store, &url);
        let (msg_tx, mut msgs) = tokio::sync::mpsc::unbounded_channel();
        let (_fx_tx, fx_rx) = tokio::sync::mpsc::unbounded_channel();
        let worker = flexy_pos::ui::worker::Worker::new(
            lc,
            msg_tx,
            RunMode::Unchecked,
            flexy_pos::rules::ShopClock::algeria(),
        );
        let tasks = worker.spawn(fx_rx);
        let (mut shown, mut told) = (false, None);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !(shown && told.is_some()) {
            match tokio::time::timeout_at(deadline, msgs.recv()).await {
                Ok(Some(Msg::Status(st))) => shown |= st.twin_till.as_deref() == Some("shop1"),
                Ok(Some(Msg::Error(m))) => told = Some(m.in_lang(flexy_pos::i18n::Lang::Fr)),
                Ok(Some(_)) => {}
                _ => panic!("no twin warning from the counter (shown {shown}, told {told:?})"),
            }
        }
        for t in tasks {
            t.abort();
        }
        let told = told.unwrap_or_default();
        assert!(
            told.contains("shop1") && told.contains("terminal_id"),
            "{told}"
        );
    }

    // The owner gives B its own id: B takes it (its orders keep their refs) and warns no more.
    std::fs::write(b.path().join("config.toml"), "terminal_id = \"shop2\"\n").expect("config");
    let (code, out) = b.json(&["sync"]).await;
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["audit"]["twin_till"], Value::Null, "{out}");
    let b_next = b.sell(&[("0661234560", 400)]).await.remove(0);
    assert!(b_next.starts_with("shop2-"), "{b_next}");
    assert_eq!(b.orders()[&b_sale].origin, Origin::Till);

    // A sees B's new sale as made elsewhere (no twin), and keeps warning until B's last sale
    // under "shop1" is two days old.
    let (_, out) = a.json(&["sync"]).await;
    assert!(!kept_apart(&a, &b_next));
    assert_eq!(a.orders()[&b_next].origin, Origin::External);
    assert_eq!(out["audit"]["twin_orders"], 1, "{out}");
    let twin = TwinTill::load(&a.store()).expect("read").expect("kept");
    assert!(twin.warns("shop1", chrono::Utc::now()));
    assert!(!twin.warns("shop1", chrono::Utc::now() + chrono::Duration::hours(49)));
}

/// A store put back from a backup lost the sales made since: they are this store's own (its
/// key tag), restored as before, never taken for another till's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_put_back_from_a_backup_restores_its_own_later_sales() {
    let emu = start_emulator(emulator_config(52)).await;
    let url = emu.base_url();
    let till = Till::new(&url, SHOP1);
    let (code, _) = till.json(&["sync"]).await;
    assert_eq!(code, 0);
    till.sell(&[("0661234567", 100)]).await;
    // The backup: the store folder as it is now.
    let backup = tempfile::tempdir().expect("dir");
    copy_dir(&till.store_dir(), backup.path());
    let later = till.sell(&[("0661234568", 200)]).await.remove(0);
    common::remove_dir_all_patiently(&till.store_dir());
    copy_dir(backup.path(), &till.store_dir());
    assert!(!till.orders().contains_key(&later));

    let (code, out) = till.json(&["sync"]).await;
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["audit"]["restored"], 1, "{out}");
    assert_eq!(out["audit"]["twin_orders"], 0, "{out}");
    assert_eq!(out["audit"]["twin_till"], Value::Null, "{out}");
    assert_eq!(till.orders()[&later].origin, Origin::Restored);
}

/// The same for an Idoom top-up sold after the backup: its key carries this store's tag like a
/// mobile sale's, so the audit restores it as this till's own and finds no other till.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_put_back_from_a_backup_restores_its_own_later_internet_sale() {
    let emu = start_emulator(emulator_config(53)).await;
    let url = emu.base_url();
    let till = Till::new(&url, SHOP1);
    let (code, _) = till.json(&["sync"]).await;
    assert_eq!(code, 0);
    let backup = tempfile::tempdir().expect("dir");
    copy_dir(&till.store_dir(), backup.path());
    let (code, sold) = till
        .json(&[
            "internet",
            "send",
            "--type",
            "ADSL",
            "--number",
            "036362608",
            "--value",
            "500",
        ])
        .await;
    assert!(code == 0 || code == 7, "{sold}");
    let later = sold["ref"].as_str().expect("ref").to_string();
    common::remove_dir_all_patiently(&till.store_dir());
    copy_dir(backup.path(), &till.store_dir());
    assert!(!till.orders().contains_key(&later));

    let (code, out) = till.json(&["sync"]).await;
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["audit"]["twin_orders"], 0, "{out}");
    assert_eq!(out["audit"]["twin_till"], Value::Null, "{out}");
    assert_eq!(out["audit"]["restored"], 1, "{out}");
    assert_eq!(till.orders()[&later].origin, Origin::Restored);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A live till given another terminal id than its store's refuses to start, and says why in the
/// shop's language: the French and Arabic words carry both ids and no English sentence.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_terminal_id_is_refused_in_the_shop_s_language() {
    let emu = start_emulator(emulator_config(54)).await;
    let till = Till::new(&emu.base_url(), SHOP1);
    till.sell(&[("0661234567", 100)]).await;
    for (lang, words) in [
        ("fr", "a été créée par le terminal"),
        ("ar", "أنشأها الطرف"),
    ] {
        let (code, text) = till.text(lang, &["sync", "--terminal", "shop2"]).await;
        assert_eq!(code, 1, "{text}");
        assert!(text.contains(words), "{lang}: {text}");
        let stored = till.store().terminal_id().expect("terminal");
        assert!(text.contains(&stored) && text.contains("shop2"), "{text}");
        assert!(!text.contains("was made by"), "English in {lang}: {text}");
    }
}
