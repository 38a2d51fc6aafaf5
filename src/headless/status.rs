//! `flexy-pos status`: is a till running on this data folder, since when, in which mode, under
//! which terminal id. It asks the till's command channel and opens nothing.

use super::{EXIT_ERROR, EXIT_OK, endpoint};
use crate::cli::StatusArgs;
use crate::config::Config;
use crate::i18n::{Lang, Message, MsgId};
use crate::till_channel::protocol::TillInfo;
use crate::till_channel::{Answer, Ask, Link, LinkError};
use serde_json::json;

pub async fn run(config: &Config, args: &StatusArgs, lang: Lang) -> u8 {
    let endpoint = endpoint(config);
    let asked = match Link::connect(&endpoint).await {
        Ok(link) => link.ask(Ask::Status).await,
        Err(e) => Err(e),
    };
    let info = match asked {
        Ok(Answer::Status(info)) => Ok(info),
        Ok(other) => Err(LinkError::Garbled(format!("{other:?}"))),
        Err(e) => Err(e),
    };
    let dir = config.data_dir.display().to_string();
    match info {
        Ok(info) => {
            if args.json {
                println!("{}", status_json(Some(&info), &dir, None));
            } else {
                println!("{}", lang.f(&running(&info, config, &dir, lang)));
            }
            EXIT_OK
        }
        Err(e) => {
            // Nobody there is the usual answer; anything else is said too.
            let why = match &e {
                LinkError::NoTill { error, .. }
                    if matches!(
                        error.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
                    ) =>
                {
                    None
                }
                other => Some(other.message()),
            };
            if args.json {
                let why = why.as_ref().map(|m| m.in_lang(Lang::En));
                println!("{}", status_json(None, &dir, why));
            } else {
                println!(
                    "{}",
                    lang.f(&Message::new(MsgId::StatusNoTill).text("dir", &dir))
                );
                if let Some(why) = why {
                    eprintln!("flexy-pos: {}", lang.f(&why));
                }
            }
            EXIT_ERROR
        }
    }
}

fn running(info: &TillInfo, config: &Config, dir: &str, lang: Lang) -> Message {
    // Written the clerk's way (`07/12/2026 01:24:05` in French and Arabic).
    let since = config
        .shop_clock()
        .local(info.since)
        .format(lang.dates().full);
    let age = crate::i18n::age(chrono::Utc::now() - info.since);
    let what = if info.counter {
        MsgId::StatusCounter
    } else {
        MsgId::StatusCommand
    };
    Message::new(MsgId::StatusRunning)
        .msg("what", what)
        .text("dir", dir)
        .text("since", since)
        .msg_of("age", age)
        .msg("mode", info.mode.word())
        .text("terminal", crate::text::sanitize_line(&info.terminal))
        .text("pid", info.pid)
        .text("version", crate::text::sanitize_line(&info.version))
}

fn status_json(info: Option<&TillInfo>, dir: &str, problem: Option<String>) -> serde_json::Value {
    match info {
        Some(i) => json!({
            "running": true,
            "data_dir": dir,
            "since": i.since.to_rfc3339(),
            "mode": i.mode.label(),
            "terminal": crate::text::sanitize_line(&i.terminal),
            "pid": i.pid,
            "version": crate::text::sanitize_line(&i.version),
            "counter": i.counter,
        }),
        None => json!({ "running": false, "data_dir": dir, "problem": problem }),
    }
}
