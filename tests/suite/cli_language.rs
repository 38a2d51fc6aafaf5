//! The commands speak the shop's language: `send`, `orders`, `sync`, `plans` and `config` print
//! their human text in French, Arabic or English, while `--json`, exit codes and field names
//! never change with it. Runs the real binary against the emulator over loopback.

use crate::common;

use common::*;

struct Cli {
    url: String,
    dir: std::path::PathBuf,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Cli {
    /// The binary with `lang` given as `FLEXY_LANG` (or no language at all when `None`), and
    /// `locale` as `LANG`.
    async fn run_env(&self, args: &[&str], lang: Option<&str>, locale: &str) -> Run {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_flexy-pos"));
        c.args(args)
            .arg("--api-url")
            .arg(&self.url)
            .arg("--data-dir")
            .arg(&self.dir)
            .env_remove("FLEXY_API_URL")
            .env_remove("FLEXY_DATA_DIR")
            .env_remove("FLEXY_PRACTICE_SPEED")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .env("FLEXY_CONFIG", self.dir.join("config.toml"))
            .env(
                "ONECLICKDZ_API_KEY",
                flexy_pos::emulator::DEFAULT_SANDBOX_KEY,
            )
            .env("FLEXY_TIME_SCALE", "500");
        match lang {
            Some(l) => c.env("FLEXY_LANG", l),
            None => c.env_remove("FLEXY_LANG"),
        };
        let out = c.output().await.expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    async fn run(&self, args: &[&str], lang: &str) -> Run {
        self.run_env(args, Some(lang), "C.UTF-8").await
    }
}

/// `orders --json` with the run-to-run fields removed is the same text in every language.
fn json_without_times(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v.as_object_mut().expect("object").remove("updated_at");
            v
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_speaks_the_chosen_language_and_machine_output_never_changes() {
    let emu = start_emulator(emulator_config(31)).await;
    let dir = tempfile::tempdir().expect("dir");
    let cli = Cli {
        url: emu.base_url(),
        dir: dir.path().to_path_buf(),
    };
    std::fs::write(dir.path().join("config.toml"), "language = \"en\"\n").expect("config");

    let send = [
        "send",
        "--plan",
        "PREPAID_MOBILIS",
        "--phone",
        "0600000001",
        "--amount",
        "100",
        "--wait",
    ];
    let fr = cli.run(&send, "fr").await;
    assert_eq!(fr.code, 4, "REFUNDED exits 4 in French too: {}", fr.stderr);
    assert!(fr.stdout.contains("REMBOURSÉ"), "{}", fr.stdout);
    assert!(
        fr.stdout.contains("rendez l'argent au client"),
        "{}",
        fr.stdout
    );
    assert!(fr.stdout.contains("débité 0 DA"), "{}", fr.stdout);
    assert!(!fr.stdout.contains("REFUNDED"), "{}", fr.stdout);

    let ar = cli.run(&["orders"], "ar").await;
    assert_eq!(ar.code, 0);
    assert!(ar.stdout.contains("مسترجع"), "{}", ar.stdout);
    assert!(ar.stdout.contains("أرجع المال للزبون"), "{}", ar.stdout);
    assert!(ar.stdout.contains("0600000001"), "numbers stay as they are");
    assert!(ar.stderr.contains("1 طلب"), "{}", ar.stderr);

    // Machine output: the same bytes in every language (times aside), English field values.
    let mut seen = Vec::new();
    for lang in ["fr", "ar", "en"] {
        let j = cli.run(&["orders", "--json"], lang).await;
        assert_eq!(j.code, 0);
        let rows = json_without_times(&j.stdout);
        assert_eq!(rows[0]["status"], "REFUNDED");
        assert_eq!(rows[0]["charged"], 0);
        seen.push(rows);
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[1], seen[2]);

    // Bad input: the same exit code, the reason in the language.
    let bad = cli.run(&["orders", "--status", "bogus"], "fr").await;
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("n'est pas un état"), "{}", bad.stderr);
    let bad = cli.run(&["orders", "--day", "2025-02-30"], "ar").await;
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("ليس تاريخًا"), "{}", bad.stderr);

    let sync = cli.run(&["sync"], "fr").await;
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    // The audit against OneClickDz's lists first (a page of mobile top-ups, a page of
    // internet top-ups), then the reconcile, both in French.
    assert!(
        sync.stdout.starts_with("vérification depuis ")
            && sync.stdout.contains("sur 2 pages — restaurées : 0")
            && sync.stdout.contains("\nsynchro — ouvertes au départ : 0"),
        "{}",
        sync.stdout
    );
    let sync = cli.run(&["sync"], "ar").await;
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    assert!(
        sync.stdout.starts_with("المراجعة منذ ") && sync.stdout.contains("في صفحتين"),
        "{}",
        sync.stdout
    );

    let plans = cli.run(&["plans"], "ar").await;
    assert_eq!(plans.code, 0, "{}", plans.stderr);
    let first = plans.stdout.lines().next().unwrap_or("");
    assert!(first.contains("عروض") || first.contains("عرضًا"), "{first}");
    assert!(
        plans.stdout.contains("PREPAID_MOBILIS"),
        "codes stay as they are"
    );

    // `config` says which language is in force and why; config.toml says en here.
    let c = cli.run_env(&["config"], None, "ar_DZ.UTF-8").await;
    assert!(
        c.stdout.contains("language:") && c.stdout.contains("en (English), from config.toml"),
        "{}",
        c.stdout
    );
    let c = cli.run(&["config"], "fr").await;
    assert!(
        c.stdout.contains("langue :") || c.stdout.contains("langue:"),
        "{}",
        c.stdout
    );
    assert!(
        c.stdout.contains("fr (Français), d'après FLEXY_LANG"),
        "{}",
        c.stdout
    );
    std::fs::write(dir.path().join("config.toml"), "").expect("config");
    let c = cli.run_env(&["config"], None, "ar_DZ.UTF-8").await;
    assert!(
        c.stdout.contains("ar (العربية)، حسب لغة النظام (LANG)"),
        "{}",
        c.stdout
    );
    let c = cli.run_env(&["config"], None, "C.UTF-8").await;
    assert!(
        c.stdout
            .contains("fr (Français), d'après le choix par défaut"),
        "{}",
        c.stdout
    );

    // A language the till does not speak is a clear error, not a silent fallback; it is worded
    // in the language of the flag, FLEXY_LANG or the locale (here none: French).
    std::fs::write(dir.path().join("config.toml"), "language = \"de\"\n").expect("config");
    let c = cli.run_env(&["orders"], None, "C.UTF-8").await;
    assert_eq!(c.code, 1);
    assert!(
        c.stderr
            .contains("`language` doit être l'un de \"fr\", \"ar\", \"en\"")
            && c.stderr.contains("ligne 1"),
        "{}",
        c.stderr
    );
}
