//! `flexy-pos plans`.

use super::output::clean;
use super::{EXIT_ERROR, EXIT_OK, report};
use crate::api::types::Plan;
use crate::cli::PlansArgs;
use crate::orders::{PlanSnapshot, human_age};
use crate::session::Session;
use chrono::Utc;
use serde_json::json;

/// `flexy-pos plans`: the plan list (cache, refreshed when old or with `--refresh`).
pub async fn plans(session: &Session, args: &PlansArgs) -> u8 {
    let sync = session.lifecycle().plans();
    let snap = if args.refresh {
        sync.refresh().await
    } else {
        sync.get().await
    };
    let snap = match snap {
        Ok(s) => s,
        Err(e) => return report(EXIT_ERROR, &e.to_string()),
    };
    print_plans(&snap, args.json);
    match (&snap.refresh_error, args.refresh) {
        (Some(e), true) => report(
            EXIT_ERROR,
            &format!("refresh failed, the list above is the cache: {e}"),
        ),
        (Some(e), false) => {
            eprintln!(
                "flexy-pos: warning: could not refresh the plans ({}); using the cache",
                clean(e)
            );
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

fn print_plans(snap: &PlanSnapshot, as_json: bool) {
    let now = Utc::now();
    if as_json {
        let out = json!({
            "fetched_at": snap.fetched_at.to_rfc3339(),
            "age_seconds": snap.age(now).num_seconds().max(0),
            "from_cache": snap.from_cache,
            "refresh_error": snap.refresh_error.as_deref().map(clean),
            "dynamicPlans": snap.data.dynamic_plans.iter().map(clean_plan).collect::<Vec<_>>(),
            "fixedPlans": snap.data.fixed_plans.iter().map(clean_plan).collect::<Vec<_>>(),
        });
        println!("{out}");
        return;
    }
    let source = if snap.from_cache { "cache" } else { "API" };
    println!(
        "{} plans from the {source}, fetched {} ago",
        snap.data.all().count(),
        human_age(snap.age(now))
    );
    for p in snap.data.all() {
        let amount = match (p.min_amount, p.max_amount, p.amount) {
            (Some(lo), Some(hi), _) => format!("{lo} – {hi}"),
            (_, _, Some(a)) => a.to_string(),
            _ => "?".to_string(),
        };
        let enabled = if p.is_enabled { "" } else { "  (disabled)" };
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
