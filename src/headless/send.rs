//! `flexy-pos send`.

use super::output::{clean, print_order};
use super::{
    EXIT_ERROR, EXIT_INVALID, EXIT_NOT_SENT, EXIT_OK, EXIT_OPEN, EXIT_QUEUED, EXIT_REFUNDED,
    EXIT_REFUSED, fail,
};
use crate::cli::SendArgs;
use crate::i18n::{Lang, Message, MsgId};
use crate::orders::{InvalidOrder, Lifecycle, NewOrder, OrderError, OrderRecord, OrderState};
use crate::session::Session;
use crate::till_channel::protocol::SendAnswer;
use crate::till_channel::{Answer, Ask, Link, LinkError};
use std::time::Duration;

/// `flexy-pos send`: validate, store, send; with `--wait` follow the order until it settles.
pub async fn run(session: &Session, args: &SendArgs, lang: Lang) -> u8 {
    let wait = args.wait.then(|| Duration::from_secs(args.timeout));
    let answer = place_order(session.lifecycle(), &new_order(args), wait).await;
    print_send(answer, wait.is_some(), args.json, lang)
}

/// `flexy-pos send` through the till holding the store: its sale gate, its write-ahead
/// lifecycle, its poller; the sale shows at once in its history.
pub(super) async fn from_till(link: Link, args: &SendArgs, lang: Lang) -> Result<u8, LinkError> {
    let ask = Ask::Send {
        order: new_order(args),
        wait_secs: args.wait.then_some(args.timeout),
    };
    match link.ask(ask).await? {
        Answer::Send(answer) => Ok(print_send(*answer, args.wait, args.json, lang)),
        other => Err(LinkError::Garbled(format!("{other:?}"))),
    }
}

/// The sale as typed on the command line.
fn new_order(args: &SendArgs) -> NewOrder {
    NewOrder {
        phone: args.phone.clone(),
        plan_code: args.plan.clone(),
        amount: args.amount.clone(),
    }
}

/// Places a sale typed as text (the sale gate reads it once; the typed order is what is
/// placed) and, with `wait`, follows it until it settles: on the command's lifecycle or the
/// till's.
pub async fn place_order(lc: &Lifecycle, order: &NewOrder, wait: Option<Duration>) -> SendAnswer {
    settle(lc, lc.place(order).await, wait).await
}

/// What a placed sale (mobile or internet) came to, followed until it settles with `wait`.
pub(super) async fn settle(
    lc: &Lifecycle,
    placed: Result<OrderRecord, OrderError>,
    wait: Option<Duration>,
) -> SendAnswer {
    let mut rec = match placed {
        Ok(r) => r,
        Err(OrderError::Invalid(why)) => return SendAnswer::Invalid(invalid_text(&why)),
        // It left: its outcome is unknown (checked by ref), never "not sent".
        Err(e @ OrderError::SentUnrecorded { .. }) => {
            return SendAnswer::SentUnrecorded(e.message());
        }
        Err(e) => return SendAnswer::Failed(e.message()),
    };
    if let Some(within) = wait
        && !rec.state.is_settled()
    {
        lc.check_soon(&rec.reference);
        rec = lc.wait_settled(rec, within).await.into_record();
    }
    SendAnswer::Placed(Box::new(rec))
}

/// Prints a sale's outcome and gives its exit code.
pub(super) fn print_send(answer: SendAnswer, waited: bool, json: bool, lang: Lang) -> u8 {
    match answer {
        SendAnswer::Placed(rec) => {
            print_order(&rec, json, lang);
            send_exit_code(&rec, waited)
        }
        SendAnswer::Invalid(why) => {
            let m = Message::new(MsgId::CliNothingSent).msg_of("reason", why);
            fail(EXIT_INVALID, &lang.f(&m))
        }
        SendAnswer::LineRefused(m) => {
            let m = Message::new(MsgId::CliNothingSent).msg_of("reason", m);
            fail(EXIT_REFUSED, &lang.f(&m))
        }
        SendAnswer::SentUnrecorded(m) => fail(EXIT_OPEN, &lang.f(&m)),
        SendAnswer::Failed(m) => fail(EXIT_ERROR, &lang.f(&m)),
    }
}

/// The CLI's words for a sale the gate refused (all of them, in this one place), as a
/// catalogue message: the command's language.
pub fn invalid_text(why: &InvalidOrder) -> Message {
    match why {
        InvalidOrder::Phone(e) => Message::new(MsgId::CliBadPhone).msg_of("error", e.message()),
        InvalidOrder::NoPlanChosen => Message::new(MsgId::CliNoPlan),
        InvalidOrder::UnknownPlan(code) => {
            Message::new(MsgId::CliUnknownPlan).text("code", clean(code))
        }
        InvalidOrder::WrongOperator {
            plan,
            plan_line,
            plan_operator,
            phone,
        } => {
            let line = plan_line
                .map(|o| o.name().to_string())
                .unwrap_or_else(|| format!("'{}'", clean(plan_operator)));
            Message::new(MsgId::CliWrongOperator)
                .text("code", clean(plan))
                .text("line", line)
                .text("phone", phone)
                .text("operator", phone.operator().name())
        }
        InvalidOrder::PlanDisabled(code) => {
            Message::new(MsgId::CliRefusedPlanDisabled).text("code", clean(code))
        }
        InvalidOrder::MenuPlan(code) => Message::new(MsgId::CliMenuPlan).text("code", clean(code)),
        InvalidOrder::OfferAmount(a) => Message::new(MsgId::CliOfferNotWhole).text("amount", a),
        InvalidOrder::Amount { plan, error, .. } => Message::new(MsgId::CliAmountFor)
            .text("code", clean(plan))
            .msg_of("error", error.message()),
        InvalidOrder::Line(e) => Message::new(MsgId::CliBadLine)
            .text("product", line_product(e))
            .msg_of("error", e.message()),
        InvalidOrder::NoSuchValue { .. } | InvalidOrder::ValueUnavailable { .. } => {
            why.value_message().unwrap_or_else(|| Message::from(""))
        }
    }
}

/// The product a number refusal is about.
fn line_product(e: &crate::rules::LineError) -> &'static str {
    use crate::rules::LineError;
    match e {
        LineError::WrongStart(k) | LineError::TooLong(k) | LineError::TooShort { kind: k, .. } => {
            k.name()
        }
        LineError::BadCharacter(_) => "Idoom",
    }
}

/// The exit code of `send` for the order as it stands (see the module table).
pub fn send_exit_code(rec: &OrderRecord, waited: bool) -> u8 {
    match &rec.state {
        OrderState::Fulfilled => EXIT_OK,
        // An offers lookup is not a sale: answered REFUNDED, it owes nothing.
        OrderState::Refunded if crate::ledger::tally::is_lookup(rec) => EXIT_OK,
        OrderState::Refunded => EXIT_REFUNDED,
        OrderState::Refused { .. } => EXIT_REFUSED,
        OrderState::NotSent => EXIT_NOT_SENT,
        // An internet top-up waiting at Algérie Télécom: not a failure, not to be resent.
        OrderState::Queued => EXIT_QUEUED,
        OrderState::Sent | OrderState::Pending | OrderState::Handling if !waited => EXIT_OK,
        _ => EXIT_OPEN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PlansData;
    use crate::orders::validate_order;
    use crate::rules::PriceRule;

    fn refused(lang: Lang, phone: &str, plan: &str, amount: Option<&str>) -> String {
        let plans: PlansData =
            serde_json::from_str(include_str!("../../assets/plans.json")).expect("plans");
        let req = NewOrder {
            phone: phone.into(),
            plan_code: plan.into(),
            amount: amount.map(str::to_string),
        };
        let why = validate_order(&plans, &req, &PriceRule::default()).expect_err("refused");
        invalid_text(&why).in_lang(lang)
    }

    #[test]
    fn a_refused_sale_is_worded_for_the_command_line() {
        let en = Lang::En;
        assert!(refused(en, "0771234567", "PREPAID_MOBILIS", Some("500")).contains("Mobilis"));
        assert!(refused(en, "0661234567", "PREPAID_MOBILIS", None).contains("type an amount"));
        assert_eq!(
            refused(en, "0661234567", "NOPE", Some("500")),
            "no plan 'NOPE' in the plan list"
        );
        assert!(refused(en, "066123", "PREPAID_MOBILIS", Some("500")).starts_with("phone number:"));
        assert!(refused(en, "0551234567", "FACTURE_OOREDOO", Some("500")).contains("disabled"));
    }

    #[test]
    fn a_refused_sale_is_worded_in_the_commands_language() {
        let fr = refused(Lang::Fr, "0771234567", "PREPAID_MOBILIS", Some("500"));
        assert!(fr.contains("Mobilis") && fr.contains("numéro"), "{fr}");
        let fr = refused(Lang::Fr, "0661234567", "PREPAID_MOBILIS", None);
        assert!(
            fr.starts_with("montant pour PREPAID_MOBILIS") && fr.contains("tapez un montant"),
            "{fr}"
        );
        let ar = refused(Lang::Ar, "0661234567", "NOPE", Some("500"));
        assert!(ar.contains("NOPE") && ar.contains("قائمة العروض"), "{ar}");
        let ar = refused(Lang::Ar, "066123", "PREPAID_MOBILIS", Some("500"));
        assert!(ar.starts_with("رقم الهاتف:"), "{ar}");
    }
}
