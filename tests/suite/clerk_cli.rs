//! A clerk's day on the command line (issue 20): an offers lookup is not a sale in `send --wait`
//! nor in `report`; a fixed plan with another amount is refused by the sale gate, nothing sent.
//! The real binary against the emulator over loopback.

use crate::common;

use common::*;

fn cli(url: String, dir: &std::path::Path) -> Cli {
    std::fs::write(dir.join("config.toml"), "").expect("config");
    Cli {
        url,
        dir: dir.to_path_buf(),
        key: flexy_pos::emulator::DEFAULT_SANDBOX_KEY.to_string(),
        log: None,
    }
}

/// `send --plan GETMENU_Mobilis … --wait` lists the number's offers and says nothing is owed
/// (never "give the money back"); `report` counts it as a lookup, not as a sale, a refund or
/// cash to collect, next to a real refund that is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offers_lookup_is_not_a_sale_on_the_command_line() {
    let emu = start_emulator(emulator_config(41)).await;
    let dir = tempfile::tempdir().expect("dir");
    let cli = cli(emu.base_url(), dir.path());
    let menu = cli
        .run(&[
            "send",
            "--plan",
            "GETMENU_Mobilis",
            "--phone",
            "0661234567",
            "--amount",
            "50",
            "--wait",
        ])
        .await;
    assert_eq!(menu.code, 0, "{}{}", menu.stdout, menu.stderr);
    assert!(
        !menu.stdout.contains("give the money back") && !menu.stdout.contains("REFUNDED"),
        "{}",
        menu.stdout
    );
    assert!(
        menu.stdout.contains("OFFERS") && menu.stdout.contains("nothing is owed"),
        "{}",
        menu.stdout
    );
    assert!(
        menu.stdout.contains("offer"),
        "its offers:\n{}",
        menu.stdout
    );
    // A real refund the same day, for comparison: 300 DA to the sandbox refund number.
    let refund = cli
        .run(&[
            "send",
            "--plan",
            "PREPAID_MOBILIS",
            "--phone",
            "0600000001",
            "--amount",
            "300",
            "--wait",
        ])
        .await;
    assert_eq!(refund.code, 4, "{}{}", refund.stdout, refund.stderr);
    assert!(refund.stdout.contains("give the money back"));

    let report = cli.run(&["report", "--json"]).await;
    assert_eq!(report.code, 0, "{}", report.stderr);
    let r: serde_json::Value = serde_json::from_str(&report.stdout).expect("JSON");
    assert_eq!(r["orders"], 1, "the lookup is no sale: {r}");
    assert_eq!(r["refunded"], 1, "{r}");
    assert_eq!(r["lookups"], 1, "{r}");
    let refunds = r["refunds"].as_array().expect("refunds");
    assert_eq!(refunds.len(), 1, "{r}");
    assert_eq!(refunds[0]["phone"], "0600000001");
    assert_eq!(r["refund_total"], refunds[0]["price"], "{r}");
    assert_eq!(r["collected_total"], 0, "{r}");
    let text = cli.run(&["report"]).await;
    assert!(!text.stdout.contains("0661234567"), "{}", text.stdout);
    // The lookup is told apart on the report, with its own words.
    let line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("Offers lookups"))
        .unwrap_or_else(|| panic!("no lookups line:\n{}", text.stdout));
    assert!(line.trim_end().ends_with('1'), "{line}");
}

/// `send --plan PIXX_500 --amount 700` sends nothing and exits 2, naming the plan's 500 DA;
/// with its own amount (or none) it is sold.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fixed_plan_with_another_amount_is_refused_not_sent() {
    let emu = start_emulator(emulator_config(42)).await;
    let dir = tempfile::tempdir().expect("dir");
    let cli = cli(emu.base_url(), dir.path());
    let before = http_stats(&emu.base_url()).await.orders;
    let refused = cli
        .run(&[
            "send",
            "--plan",
            "PIXX_500",
            "--phone",
            "0661234567",
            "--amount",
            "700",
        ])
        .await;
    assert_eq!(refused.code, 2, "{}{}", refused.stdout, refused.stderr);
    assert!(
        refused.stderr.contains("PIXX_500") && refused.stderr.contains("500 DA only"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        http_stats(&emu.base_url()).await.orders,
        before,
        "nothing sent"
    );
    let orders = cli.run(&["orders", "--json"]).await;
    assert!(
        orders.stdout.trim().is_empty(),
        "nothing written: {}",
        orders.stdout
    );

    let sold = cli
        .run(&[
            "send",
            "--plan",
            "PIXX_500",
            "--phone",
            "0661234567",
            "--amount",
            "500",
        ])
        .await;
    assert_eq!(sold.code, 0, "{}{}", sold.stdout, sold.stderr);
    assert_eq!(http_stats(&emu.base_url()).await.orders, before + 1);
}
