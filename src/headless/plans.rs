//! `flexy-pos plans`.

use super::output::clean;
use super::{EXIT_ERROR, EXIT_OK, fail};
use crate::api::types::Plan;
use crate::cli::PlansArgs;
use crate::i18n::{self, Lang, Message, MsgId};
use crate::orders::Lifecycle;
use crate::session::Session;
use crate::till_channel::protocol::PlansShown;
use crate::till_channel::{Answer, Ask, Link, LinkError};
use chrono::Utc;
use serde_json::json;

/// `flexy-pos plans`: the plan list (cache, refreshed when old or with `--refresh`).
pub async fn run(session: &Session, args: &PlansArgs, lang: Lang) -> u8 {
    let shown = fetch_plans(session.lifecycle(), args.refresh).await;
    show_plans(shown, args, lang)
}

/// `flexy-pos plans` answered by the till holding the store (its cache, its API client).
pub(super) async fn from_till(link: Link, args: &PlansArgs, lang: Lang) -> Result<u8, LinkError> {
    let shown = match link
        .ask(Ask::Plans {
            refresh: args.refresh,
        })
        .await?
    {
        Answer::Plans(p) => Ok(*p),
        Answer::Failed(m) => Err(m),
        other => return Err(LinkError::Garbled(format!("{other:?}"))),
    };
    Ok(show_plans(shown, args, lang))
}

/// The plan list from a lifecycle (the command's own, or the till's).
pub async fn fetch_plans(lc: &Lifecycle, refresh: bool) -> Result<PlansShown, Message> {
    let sync = lc.plans();
    let snap = if refresh {
        sync.refresh().await
    } else {
        sync.get().await
    };
    snap.map(PlansShown::of).map_err(|e| e.message())
}

/// Prints the plans (or why there are none) and gives the exit code.
fn show_plans(shown: Result<PlansShown, Message>, args: &PlansArgs, lang: Lang) -> u8 {
    let snap = match shown {
        Ok(s) => s,
        Err(m) => return fail(EXIT_ERROR, &lang.f(&m)),
    };
    print_plans(&snap, args.json, lang);
    match (&snap.refresh_error, args.refresh) {
        (Some(e), true) => fail(
            EXIT_ERROR,
            &lang.f(&Message::new(MsgId::CliPlansRefreshFailed).msg_of("error", e.message.clone())),
        ),
        (Some(e), false) => {
            let m = Message::new(MsgId::CliPlansUsingCache).msg_of("error", e.message.clone());
            eprintln!("flexy-pos: {}", lang.f(&m));
            EXIT_OK
        }
        _ => EXIT_OK,
    }
}

/// A plan with its server texts (code, name, operator) made safe like every other output.
fn clean_plan(p: &Plan) -> Plan {
    Plan {
        code: clean(&p.code),
        name: clean(&p.name),
        operator: clean(&p.operator),
        ..p.clone()
    }
}

fn print_plans(snap: &PlansShown, as_json: bool, lang: Lang) {
    let now = Utc::now();
    if as_json {
        let out = json!({
            "fetched_at": snap.fetched_at.to_rfc3339(),
            "age_seconds": snap.age(now).num_seconds().max(0),
            "from_cache": snap.from_cache,
            // Machine output: the English wording, whatever the language.
            "refresh_error": snap.refresh_error.as_ref().map(|e| clean(&e.line)),
            "dynamicPlans": snap.data.dynamic_plans.iter().map(clean_plan).collect::<Vec<_>>(),
            "fixedPlans": snap.data.fixed_plans.iter().map(clean_plan).collect::<Vec<_>>(),
        });
        println!("{out}");
        return;
    }
    let source = lang.t(if snap.from_cache {
        MsgId::CliPlansFromCache
    } else {
        MsgId::CliPlansFromApi
    });
    let count = Message::new(MsgId::CountPlans).num("n", snap.data.all().count() as i64);
    let header = Message::new(MsgId::CliPlansHeader)
        .text("count", lang.f(&count))
        .text("source", source)
        .text("age", lang.f(&i18n::age(snap.age(now))));
    println!("{}", lang.f(&header));
    for p in snap.data.all() {
        let amount = match (p.min_amount, p.max_amount, p.amount) {
            (Some(lo), Some(hi), _) => format!("{lo} – {hi}"),
            (_, _, Some(a)) => a.to_string(),
            _ => "?".to_string(),
        };
        let enabled = if p.is_enabled {
            String::new()
        } else {
            format!("  {}", lang.t(MsgId::CliPlanDisabled))
        };
        println!(
            "  {:<20} {:<9} {:<8} {:<22} {}{enabled}",
            clean(&p.code),
            clean(&p.operator),
            p.kind().to_string(),
            amount,
            clean(&p.name)
        );
    }
}
