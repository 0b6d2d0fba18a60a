//! What the engine knows about one agreement on one as-of date ([`Assessment`]), and the
//! builder the rule modules add their events through (renewal-rules.md, "What an agreement
//! yields"): it applies rule 4 ([`super::business_days::adjust`]) and the statuses
//! ([`super::status::status_of`]) to every event in one place.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{days_between, Precision};
use crate::model::{Agreement, AgreementStatus};

use super::business_days;
use super::events::{Basis, Clause, DatedEvent, EventKind, EventStatus};
use super::status::status_of;
use super::termination::ConvenienceExit;
use super::terms::Term;

/// Everything the engine knows about an agreement on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The as-of date assessed (serialized as `today`, the name the JSON has always used).
    #[serde(rename = "today")]
    pub as_of: NaiveDate,
    /// Active, expired or terminated (rule 5).
    pub status: AgreementStatus,
    /// Terms from the initial term through the current term, then (if renewing) each term
    /// that starts with a listed renewal: at least the next one, and up to the one the first
    /// open notice deadline guards (rule 5).
    pub terms: Vec<Term>,
    /// Index in `terms` of the current term (the one containing the as-of date, else the last one
    /// that started, else the initial term). `None` when the term cannot be computed.
    pub current: Option<usize>,
    /// The last day of the agreement when it is known to end (fixed term, non-renewal
    /// notice, termination); `None` while it keeps renewing.
    pub end_date: Option<NaiveDate>,
    /// Whether the agreement renews after the current term.
    pub renewing: bool,
    /// Dated events sorted by date.
    pub events: Vec<DatedEvent>,
    /// Rule 6: the earliest end if convenience notice is served on the as-of date (only while
    /// the agreement has not ended).
    pub convenience: Option<ConvenienceExit>,
    /// What the engine could not compute and why (missing effective date, …).
    pub notes: Vec<String>,
}

impl Assessment {
    /// The current term, if computable.
    pub fn current_term(&self) -> Option<&Term> {
        self.current.and_then(|i| self.terms.get(i))
    }

    /// The next open deadline: the earliest open event that someone must act on (notice
    /// deadlines, obligations, reviews, exit windows), not facts such as renewals.
    pub fn next_deadline(&self) -> Option<&DatedEvent> {
        self.events
            .iter()
            .filter(|e| e.status == EventStatus::Open && e.is_actionable())
            .min_by_key(|e| e.date)
    }

    /// The next non-renewal or termination notice deadline still open.
    pub fn next_notice_deadline(&self) -> Option<&DatedEvent> {
        self.events
            .iter()
            .filter(|e| {
                e.status == EventStatus::Open
                    && matches!(
                        e.kind,
                        EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
                    )
            })
            .min_by_key(|e| e.date)
    }

    /// Overdue events (an obligation or a review not done).
    pub fn overdue(&self) -> impl Iterator<Item = &DatedEvent> {
        self.events
            .iter()
            .filter(|e| e.status == EventStatus::Overdue)
    }

    /// What happens if nobody acts: the default outcome of the decision at hand
    /// ([`super::decision::decide`]), e.g. "renews on Sat 1 Jan 2028 for 12 months
    /// with a price review" (Microsoft Peru as of 2026-11-23: the renewal of 1 January 2027
    /// is already locked in) or "expired on Tue 30 Jun 2026; assisted migration closes
    /// Sun 27 Dec 2026". Every surface prints this one sentence (issue 13 item 4).
    pub fn default_outcome(&self, agreement: &Agreement) -> String {
        super::decision::decide(self, agreement).if_nobody_acts
    }

    /// The decision at hand ([`super::decision::decide`]).
    pub fn decision(&self, agreement: &Agreement) -> super::decision::Decision {
        super::decision::decide(self, agreement)
    }
}

/// Collects the events of one assessment: every rule module pushes through [`Builder::push`],
/// which applies rule 4 and the statuses, so no rule repeats them.
pub(crate) struct Builder<'a> {
    /// The agreement assessed.
    pub agreement: &'a Agreement,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// What has been computed so far.
    pub out: Assessment,
}

impl<'a> Builder<'a> {
    /// An empty assessment of `agreement` on `as_of`: active, no terms, no events.
    pub fn new(agreement: &'a Agreement, as_of: NaiveDate) -> Self {
        Builder {
            agreement,
            as_of,
            out: Assessment {
                as_of,
                status: AgreementStatus::Active,
                terms: Vec::new(),
                current: None,
                end_date: None,
                renewing: false,
                events: Vec::with_capacity(12),
                convenience: None,
                notes: Vec::new(),
            },
        }
    }

    /// Adds an event whose clause gives `unadjusted`: moved by rule 4 when it is a date to
    /// act on, given its status on the as-of date (done when the user marked it done).
    /// Returns the event so a rule can refine it (a notice served in time, an exit window's
    /// last business day).
    pub fn push(
        &mut self,
        kind: EventKind,
        unadjusted: NaiveDate,
        precision: Precision,
        basis: Basis,
        clause: Clause,
        subject: Option<String>,
    ) -> &mut DatedEvent {
        let (date, adjustment) = business_days::adjust(self.agreement, kind, unadjusted);
        let mut ev = DatedEvent {
            kind,
            date,
            unadjusted_date: unadjusted,
            precision,
            status: EventStatus::Open,
            days_from_today: days_between(self.as_of, date),
            basis,
            clause,
            subject,
            adjustment,
            last_business_day: None,
        };
        let done = !self.agreement.recorded.done.is_empty()
            && self.agreement.recorded.done.contains_key(&ev.id());
        ev.status = status_of(kind, date, unadjusted, self.as_of, done);
        let i = self.out.events.len();
        self.out.events.push(ev);
        &mut self.out.events[i]
    }

    /// The assessment, its events sorted by date then kind.
    pub fn finish(mut self) -> Assessment {
        self.out
            .events
            .sort_by(|x, y| x.date.cmp(&y.date).then(x.kind.cmp(&y.kind)));
        self.out
    }
}
