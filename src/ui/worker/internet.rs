//! The worker's side of Idoom internet sales and operator health: product lists, the line
//! check, the write-ahead send, and `/v3/ping`.

use super::{Worker, order_error_text};
use crate::i18n::{Message, MsgId};
use crate::orders::LineCheckError;
use crate::rules::{InternetNumber, InternetType, OperatorHealth};
use crate::ui::msg::{InternetDraft, LineOutcome, Msg};

impl Worker {
    pub(super) async fn load_internet(&self, kind: InternetType, force: bool) {
        let catalogue = self.lifecycle.internet_catalogue();
        let result = if force {
            catalogue.refresh(kind).await
        } else {
            catalogue.get(kind).await
        };
        match result {
            Ok(snap) => {
                if let Some(err) = &snap.refresh_error {
                    self.send(Msg::Error(
                        Message::new(MsgId::WorkerPlansRefreshFailed)
                            .msg_of("error", err.message()),
                    ));
                }
                self.send(Msg::InternetProducts {
                    products: snap.products,
                    fetched_at: snap.fetched_at,
                    from_cache: snap.from_cache,
                });
            }
            Err(e) => self.send(Msg::InternetProductsFailed {
                kind,
                error: e.message(),
            }),
        }
    }

    pub(super) async fn check_line(&self, number: InternetNumber) {
        let outcome = match self.lifecycle.check_line(&number).await {
            Ok(found) => LineOutcome::Found {
                offer: found
                    .offre
                    .as_deref()
                    .map(crate::ui::text_bridge::plain)
                    .filter(|o| !o.is_empty()),
            },
            Err(LineCheckError::Refused(e)) => LineOutcome::Refused(e.message()),
            Err(LineCheckError::Unclear(e)) => LineOutcome::Unclear(e.message()),
        };
        self.send(Msg::LineChecked { number, outcome });
    }

    pub(super) async fn submit_internet(&self, draft: InternetDraft) {
        let placed = self.lifecycle.place_internet(draft.order.clone()).await;
        if let Err(e) = self.tell_placed(draft.id, placed).await {
            self.send(Msg::InternetSaleFailed {
                draft,
                error: order_error_text(&e),
            });
        }
    }

    /// `/v3/ping`: which operators OneClickDz can reach now.
    pub(super) async fn ping(&self) {
        let answer = self.lifecycle.api().ping().await;
        self.send(Msg::Health(
            answer
                .map(|p| OperatorHealth::from_ping(&p))
                .map_err(|e| e.message()),
        ));
    }
}
