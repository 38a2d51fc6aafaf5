//! `flexy-pos config`.

use super::{EXIT_ERROR, EXIT_OK, fail};
use crate::cli::ConfigArgs;
use crate::config::{Config, ConfigError, EXAMPLE_CONFIG, Mode};
use crate::i18n::{Lang, LangSource, Message, MsgId};
use unicode_width::UnicodeWidthStr;

/// `flexy-pos config`: the resolved settings (key masked) or the example file.
/// `lang` words a config error (the file's own language setting could not be read).
pub fn run(loaded: Result<Config, ConfigError>, args: &ConfigArgs, lang: Lang) -> u8 {
    if args.example {
        print!("{EXAMPLE_CONFIG}");
        return EXIT_OK;
    }
    let c = match loaded {
        Ok(c) => c,
        Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
    };
    for (label, value) in settings_lines(&c) {
        println!("{label}{value}");
    }
    EXIT_OK
}

/// The settings in force as (label padded to one column, value), in the config's language.
pub fn settings_lines(c: &Config) -> Vec<(String, String)> {
    let lang = c.language.lang;
    let t = |id| lang.t(id).to_string();
    let f = |m: Message| lang.f(&m);
    let path = c
        .config_file
        .as_ref()
        .map(|p| {
            if p.exists() {
                p.display().to_string()
            } else {
                format!("{} {}", p.display(), t(MsgId::CfgFileAbsent))
            }
        })
        .unwrap_or_else(|| t(MsgId::CfgNone));
    let mut rows: Vec<(MsgId, String)> = vec![
        (MsgId::CfgFile, path),
        (MsgId::CfgDataDir, c.data_dir.display().to_string()),
        (MsgId::CfgStore, c.store_dir().display().to_string()),
    ];
    match &c.mode {
        Mode::Practice { speed, balance } => {
            rows.push((MsgId::CfgMode, t(MsgId::CfgModePractice)));
            rows.push((
                MsgId::CfgPractice,
                f(Message::new(MsgId::CfgPracticeValue)
                    .text("speed", speed)
                    .text("balance", format!("{balance} DA"))),
            ));
            rows.push((
                MsgId::CfgPracticeState,
                c.practice_state_file().display().to_string(),
            ));
        }
        Mode::Live { api_url, key } => {
            rows.push((MsgId::CfgMode, t(MsgId::CfgModeLive)));
            rows.push((MsgId::CfgApiUrl, api_url.clone()));
            rows.push((MsgId::CfgApiKey, key.masked()));
        }
    }
    rows.push((
        MsgId::CfgTerminal,
        match &c.terminal {
            Some(term) => f(Message::new(MsgId::CfgTerminalValue)
                .text("id", &term.id)
                .text("source", term.source())),
            None => t(MsgId::CfgTerminalInStore),
        },
    ));
    rows.push((
        MsgId::CfgPoll,
        f(Message::new(MsgId::CfgPollValue).num("secs", c.poll_interval.as_secs() as i64)),
    ));
    rows.push((
        MsgId::CfgRecheck,
        f(Message::new(MsgId::CfgRecheckValue)
            .num("minutes", (c.unknown_recheck.as_secs() / 60) as i64)),
    ));
    rows.push((
        MsgId::CfgPlansAge,
        f(Message::new(MsgId::CfgPlansAgeValue)
            .num("hours", (c.plans_max_age.as_secs() / 3600) as i64)),
    ));
    rows.push((
        MsgId::CfgLogRetention,
        f(Message::new(MsgId::CfgLogRetentionValue).num("days", c.log_retention_days as i64)),
    ));
    rows.push((MsgId::CfgTimezone, c.timezone.name().to_string()));
    rows.push((
        MsgId::CfgPricing,
        f(Message::new(MsgId::CfgPricingValue)
            .text("percent", c.pricing.markup_percent)
            .text("round", format!("{} DA", c.pricing.round_up_to))),
    ));
    rows.push((MsgId::CfgLanguage, language_line(lang, c.language.source)));
    let p = &c.printer;
    rows.push((
        MsgId::CfgPrinter,
        match &p.target {
            None => t(MsgId::CfgPrinterNone),
            Some(target) => f(Message::new(MsgId::CfgPrinterValue)
                .text("target", target)
                .text("width", p.width_mm)
                .text("columns", p.columns())
                .text("arabic", p.arabic_table)
                .text("latin", p.latin_table)
                .text("secs", p.timeout.as_secs())
                .msg(
                    "auto",
                    if p.auto_print {
                        MsgId::CfgPrinterAuto
                    } else {
                        MsgId::CfgPrinterOnKey
                    },
                )),
        },
    ));
    let shop = [c.shop.name.as_str(), c.shop.address.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    rows.push((
        MsgId::CfgShop,
        if shop.is_empty() {
            t(MsgId::CfgNone)
        } else {
            crate::text::sanitize_line(&shop)
        },
    ));
    let width = rows
        .iter()
        .map(|(id, _)| lang.label(*id).width())
        .max()
        .unwrap_or(0)
        + 1;
    let mut out: Vec<(String, String)> = rows
        .into_iter()
        .map(|(id, value)| {
            let label = lang.label(id);
            let pad = width.saturating_sub(label.width()) + 1;
            (format!("{label}{}", " ".repeat(pad)), value)
        })
        .collect();
    out.push((String::new(), format!("({})", t(MsgId::CfgLangRemembered))));
    out
}

/// `fr (Français), from LANG`.
fn language_line(lang: Lang, source: LangSource) -> String {
    let source = match source {
        LangSource::Flag => lang.t(MsgId::CfgLangSourceFlag).to_string(),
        LangSource::Env => lang.t(MsgId::CfgLangSourceEnv).to_string(),
        LangSource::ConfigFile => lang.t(MsgId::CfgLangSourceFile).to_string(),
        LangSource::Locale(var) => {
            lang.f(&Message::new(MsgId::CfgLangSourceLocale).text("var", var))
        }
        // The commands never read the counter's remembered choice.
        LangSource::Remembered | LangSource::Default => {
            lang.t(MsgId::CfgLangSourceDefault).to_string()
        }
    };
    lang.f(&Message::new(MsgId::CfgLanguageValue)
        .text("code", lang.code())
        .text("name", lang.native_name())
        .text("source", source))
}
