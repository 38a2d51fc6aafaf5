//! `flexy-pos plans`.

use super::output::clean;
use super::{EXIT_ERROR, EXIT_OK, fail};
use crate::api::types::Plan;
use crate::cli::PlansArgs;
use crate::i18n::{self, Lang, Message, MsgId};
use crate::orders::PlanSnapshot;
use crate::session::Session;
use chrono::Utc;
use serde_json::json;

/// `flexy-pos plans`: the plan list (cache, refreshed when old or with `--refresh`).
pub async fn plans(session: &Session, args: &PlansArgs, lang: Lang) -> u8 {
    let sync = session.lifecycle().plans();
    let snap = if args.refresh {
        sync.refresh().await
    } else {
        sync.get().await
    };
    let snap = match snap {
        Ok(s) => s,
        Err(e) => return fail(EXIT_ERROR, &lang.f(&e.message())),
    };
    print_plans(&snap, args.json, lang);
    match (&snap.refresh_error, args.refresh) {
        (Some(e), true) => fail(
            EXIT_ERROR,
            &lang.f(&Message::new(MsgId::CliPlansRefreshFailed).msg_of("error", e.message())),
        ),
        (Some(e), false) => {
            let m = Message::new(MsgId::CliPlansUsingCache).msg_of("error", e.message());
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

fn print_plans(snap: &PlanSnapshot, as_json: bool, lang: Lang) {
    let now = Utc::now();
    if as_json {
        let out = json!({
            "fetched_at": snap.fetched_at.to_rfc3339(),
            "age_seconds": snap.age(now).num_seconds().max(0),
            "from_cache": snap.from_cache,
            // Machine output: the English wording, whatever the language.
            "refresh_error": snap.refresh_error.as_ref().map(|e| clean(&e.to_string())),
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
