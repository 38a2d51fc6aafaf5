//! The counter's audit: once shortly after start-up (`audit_first_delay`, so the screen's own
//! requests go first), then every `audit_every` (an hour), over the last 48 hours, 50 orders a
//! page with a pause between pages. One list request per page and nothing else, so even a
//! busy shop's two days are a handful of requests an hour. A failing API or a refused key just
//! waits for the next run (one request an hour cannot get the shop's IP blocked).

use super::walk::{AuditOptions, DEFAULT_WINDOW_HOURS};
use crate::orders::lifecycle::Lifecycle;
use chrono::Utc;
use tokio::task::JoinHandle;

/// The running background audit; [`AuditHandle::shutdown`] stops it.
pub struct AuditHandle {
    task: JoinHandle<()>,
}

impl AuditHandle {
    /// Starts the task on the current tokio runtime.
    pub fn start(lifecycle: Lifecycle) -> AuditHandle {
        AuditHandle {
            task: tokio::spawn(run(lifecycle)),
        }
    }

    /// Stops the task; an audit cut short leaves every order it wrote whole (each write is one
    /// transaction).
    pub async fn shutdown(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

async fn run(lc: Lifecycle) {
    let settings = lc.settings().clone();
    tokio::time::sleep(settings.audit_first_delay).await;
    loop {
        let options = AuditOptions::last_hours(DEFAULT_WINDOW_HOURS, Utc::now());
        match lc.audit(&options, &mut |_| {}).await {
            Ok(report) => {
                let summary = report.summary();
                let worth_a_look = !report.unknown_to_server.is_empty()
                    || !report.corrected.is_empty()
                    || !report.conflicts.is_empty()
                    || report.twin_till.is_some()
                    || report.incomplete.is_some();
                if worth_a_look {
                    tracing::warn!("audit: {summary}");
                } else {
                    tracing::info!("audit: {summary}");
                }
                for rec in &report.unknown_to_server {
                    tracing::warn!(
                        "audit: {} was accepted by OneClickDz but is not in its list; do not resend, ask support",
                        rec.reference
                    );
                }
                if let Some(warning) = report.twin_warning() {
                    tracing::warn!("audit: {}", warning.in_lang(crate::i18n::Lang::En));
                }
                if let Some(note) = report.clock_note() {
                    tracing::warn!("audit: {}", note.in_lang(crate::i18n::Lang::En));
                }
                if let Some(why) = &report.incomplete {
                    let why = why.in_lang(crate::i18n::Lang::En);
                    tracing::warn!("audit stopped early: {}", crate::text::sanitize_line(&why));
                }
            }
            Err(e) => tracing::warn!("audit not run: {e}"),
        }
        tokio::time::sleep(settings.audit_every).await;
    }
}
