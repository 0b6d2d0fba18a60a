//! Read models shared by the CLI, the desktop app and the brief: what one agreement looks
//! like as of a given date, rendered with its text, and the dated events of many. Serialised
//! as stable JSON. (The one row model of lists and tables is
//! [`crate::services::dashboard::AgreementRow`].)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::adapters::store::StoredAgreement;
use crate::domain::dates::Period;
use crate::domain::model::{Agreement, AgreementStatus, Warning};
use crate::domain::rules::decision::Decision;
use crate::domain::rules::{assess, EventStatus, EventView, Term};
use crate::services::serving_notice::{serving_notice, ServingNotice};

/// Rule 6 rendered: "if notice is served today, the earliest end is …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConvenienceView {
    /// Notice period.
    pub notice: Period,
    /// Earliest end if served today.
    pub earliest_end_if_served_today: NaiveDate,
    /// The sentence with its arithmetic.
    pub explanation: String,
}

/// Everything about one agreement on a given day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementDetail {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The as-of date (named `today` in the JSON and by the brief).
    pub today: NaiveDate,
    /// SHA-256 of the source document.
    pub sha256: String,
    /// The agreement, every field.
    pub agreement: Agreement,
    /// Status.
    pub status: AgreementStatus,
    /// Terms computed (initial … current, next), and the term being decided when the engine
    /// does not list it ([`crate::domain::rules::terms::with_decided_term`]).
    pub terms: Vec<Term>,
    /// The current term.
    pub current_term: Option<Term>,
    /// Last day of the agreement, when known.
    pub end_date: Option<NaiveDate>,
    /// Whether it renews after the current term.
    pub renewing: bool,
    /// What happens if nobody acts: the decision's default outcome ([`Decision::if_nobody_acts`]).
    pub default_outcome: String,
    /// The decision at hand: what is being decided, by when (the window's close and the last
    /// business day to act), the options and what is already locked in (issue 16 item 1).
    pub decision: Decision,
    /// The choices a person may record on that decision ([`Decision::choices`]), in order.
    pub choices: Vec<crate::domain::model::DecisionChoice>,
    /// The internal decide-by date in words, labelled as internal
    /// ([`Decision::decide_by_text`], issue 16 item 3), e.g. "Decide by (internal, 30 days
    /// ahead): Wed 1 Sep 2027"; `None` without one.
    #[serde(default)]
    pub decide_by_text: Option<String>,
    /// The next step in one line ([`Decision::next_step`]), e.g. "Next: decide by Wed 1 Sep
    /// 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027".
    #[serde(default)]
    pub next_step: Option<String>,
    /// Rule 6.
    pub convenience: Option<ConvenienceView>,
    /// How notice is served (who, form, to whom, how), from the document's notices clause,
    /// or the statement that the document is silent ([`serving_notice`], issue 16 item 4).
    pub serving_notice: ServingNotice,
    /// Dated events with workings, by date.
    pub events: Vec<EventView>,
    /// What the engine could not compute.
    pub notes: Vec<String>,
    /// Importer warnings.
    pub warnings: Vec<Warning>,
    /// The date-bearing fields read with low confidence and not yet confirmed
    /// ([`Agreement::provisional_fields`], e.g. `["effective_date"]`): while any is listed
    /// the agreement is provisional and its dates rest on them (issue 10 item 3).
    pub provisional: Vec<String>,
}

impl AgreementDetail {
    /// Renders `stored` as of `as_of`.
    pub fn new(stored: &StoredAgreement, as_of: NaiveDate) -> Self {
        let a = &stored.agreement;
        let s = assess(a, as_of);
        let decision = s.decision(a);
        AgreementDetail {
            id: stored.id,
            today: as_of,
            sha256: stored.sha256.clone(),
            status: s.status,
            terms: crate::domain::rules::terms::with_decided_term(
                &s.terms,
                decision.renewal,
                a.renewal_period.as_ref().map(|p| p.value),
            ),
            current_term: s.current_term().copied(),
            end_date: s.end_date,
            renewing: s.renewing,
            default_outcome: decision.if_nobody_acts.clone(),
            choices: decision.choices(),
            decide_by_text: decision.decide_by_text(),
            next_step: decision.next_step(),
            decision,
            convenience: s.convenience.as_ref().map(|c| ConvenienceView {
                notice: c.notice,
                earliest_end_if_served_today: c.earliest_end_if_served_today,
                explanation: format!(
                    "If notice of termination for convenience is served today ({as_of}), the agreement ends no earlier than {as_of} + {} = {} (rule 6)",
                    c.notice, c.earliest_end_if_served_today
                ),
            }),
            serving_notice: serving_notice(a),
            events: s.events.iter().map(|e| EventView::new(e, a)).collect(),
            notes: s.notes.clone(),
            warnings: a.warnings.clone(),
            provisional: a
                .provisional_fields()
                .into_iter()
                .map(str::to_string)
                .collect(),
            agreement: a.clone(),
        }
    }
}

/// A dated event with the agreement it belongs to (`renewals deadlines --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRow {
    /// Agreement id.
    pub agreement_id: i64,
    /// The agreement's title.
    pub agreement: String,
    /// The other party.
    pub counterparty: Option<String>,
    /// Contract owner.
    pub contract_owner: Option<String>,
    /// The event.
    #[serde(flatten)]
    pub event: EventView,
}

/// Dated events of all `agreements` as of `as_of`, sorted by date (then agreement id).
/// With `within = Some(n)`, only events still to act on (open or overdue) whose date is at
/// most `n` days after the as-of date.
pub fn deadlines(
    agreements: &[StoredAgreement],
    as_of: NaiveDate,
    within: Option<i64>,
) -> Vec<DeadlineRow> {
    let mut rows = Vec::new();
    for stored in agreements {
        let a = &stored.agreement;
        let s = assess(a, as_of);
        for e in &s.events {
            if let Some(n) = within {
                if e.days_from_today > n
                    || !matches!(e.status, EventStatus::Open | EventStatus::Overdue)
                {
                    continue;
                }
            }
            rows.push(DeadlineRow {
                agreement_id: stored.id,
                agreement: a.title.clone(),
                counterparty: a.counterparty.clone(),
                contract_owner: a.contract_owner.as_ref().map(|o| o.value.clone()),
                event: EventView::new(e, a),
            });
        }
    }
    rows.sort_by(|x, y| {
        x.event
            .date
            .cmp(&y.event.date)
            .then(x.agreement_id.cmp(&y.agreement_id))
    });
    rows
}
