//! The vocabulary of the engine's output (renewal-rules.md, "What an agreement yields"):
//! event kinds and statuses, the clause an event comes from, the arithmetic behind its date
//! ([`Basis`]) and the [`DatedEvent`] itself with its stable id.
//!
//! > For each agreement and a given today, the engine yields a list of **dated events**, each
//! > with: kind, date (adjusted), unadjusted date, status, days from today, the source clause,
//! > and a one-line explanation.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::Adjustment;
use crate::dates::{PartialDate, Period, Precision};
use crate::model::{Agreement, Source};

use super::terms::Term;

/// The kind of a dated event (renewal-rules.md, "What an agreement yields").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Last day to serve notice of non-renewal before a renewal (rule 3).
    NonRenewalNoticeDeadline,
    /// Last day to serve a termination-for-convenience notice for a planned exit (rule 6).
    TerminationNoticeDeadline,
    /// An obligation's due date (rule 7 for quarter/month precision).
    ObligationDue,
    /// The document's next review date (rule 7).
    NextReview,
    /// End of an exit window after the agreement ends (rule 8).
    ExitWindowEnd,
    /// A renewal date: first day of the next term (Vocabulary).
    Renewal,
    /// A price review (on renewal dates when the clause says "at each renewal").
    PriceReview,
    /// The end of a fixed term, of the last term, or the effective end of a termination.
    Expiry,
}

impl EventKind {
    /// Stable snake_case name used in JSON and the CLI, e.g. `non_renewal_notice_deadline`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::NonRenewalNoticeDeadline => "non_renewal_notice_deadline",
            EventKind::TerminationNoticeDeadline => "termination_notice_deadline",
            EventKind::ObligationDue => "obligation_due",
            EventKind::NextReview => "next_review",
            EventKind::ExitWindowEnd => "exit_window_end",
            EventKind::Renewal => "renewal",
            EventKind::PriceReview => "price_review",
            EventKind::Expiry => "expiry",
        }
    }

    /// Human name, e.g. "Non-renewal notice deadline".
    pub fn title(self) -> &'static str {
        match self {
            EventKind::NonRenewalNoticeDeadline => "Non-renewal notice deadline",
            EventKind::TerminationNoticeDeadline => "Termination notice deadline",
            EventKind::ObligationDue => "Obligation due",
            EventKind::NextReview => "Next review",
            EventKind::ExitWindowEnd => "Exit window ends",
            EventKind::Renewal => "Renewal",
            EventKind::PriceReview => "Price review",
            EventKind::Expiry => "Expiry",
        }
    }

    /// Every kind, in a stable order.
    pub const ALL: [EventKind; 8] = [
        EventKind::NonRenewalNoticeDeadline,
        EventKind::TerminationNoticeDeadline,
        EventKind::ObligationDue,
        EventKind::NextReview,
        EventKind::ExitWindowEnd,
        EventKind::Renewal,
        EventKind::PriceReview,
        EventKind::Expiry,
    ];

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A deadline someone must act by (moved to a business day by rule 4), as opposed to a
    /// fact that happens by itself (renewal, expiry, price review, end of an exit window).
    pub fn is_deadline(self) -> bool {
        matches!(
            self,
            EventKind::NonRenewalNoticeDeadline
                | EventKind::TerminationNoticeDeadline
                | EventKind::ObligationDue
                | EventKind::NextReview
        )
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Status of a dated event (renewal-rules.md, "What an agreement yields").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// today ≤ date.
    Open,
    /// date < today and nothing recorded (an obligation or a review not done).
    Overdue,
    /// Passed: a notice deadline whose renewal is now locked in, a past renewal, expiry or
    /// exit window.
    Closed,
    /// The user recorded the action.
    Done,
}

impl EventStatus {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Open => "open",
            EventStatus::Overdue => "overdue",
            EventStatus::Closed => "closed",
            EventStatus::Done => "done",
        }
    }
}

impl std::fmt::Display for EventStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which clause of the agreement an event was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", content = "index", rename_all = "snake_case")]
pub enum Clause {
    /// `effective_date` + `initial_term`.
    InitialTerm,
    /// `renewal_period` (auto-renewal).
    RenewalPeriod,
    /// `non_renewal_notice`.
    NonRenewalNotice,
    /// `price_review`.
    PriceReview,
    /// `next_review`.
    NextReview,
    /// `obligations[i]`.
    Obligation(usize),
    /// `exit_rights[i]`.
    ExitRight(usize),
    /// `termination_rights[i]`.
    TerminationRight(usize),
}

impl Clause {
    /// The source text of this clause in `agreement`, if known.
    pub fn source<'a>(&self, agreement: &'a Agreement) -> Option<&'a Source> {
        match *self {
            Clause::InitialTerm => agreement.initial_term.as_ref().map(|s| &s.source),
            Clause::RenewalPeriod => agreement
                .renewal_period
                .as_ref()
                .map(|s| &s.source)
                .or_else(|| agreement.auto_renewal.as_ref().map(|s| &s.source)),
            Clause::NonRenewalNotice => agreement.non_renewal_notice.as_ref().map(|s| &s.source),
            Clause::PriceReview => agreement.price_review.as_ref().map(|s| &s.source),
            Clause::NextReview => agreement.next_review.as_ref().map(|s| &s.source),
            Clause::Obligation(i) => agreement.obligations.get(i).map(|o| &o.source),
            Clause::ExitRight(i) => agreement.exit_rights.get(i).map(|e| &e.source),
            Clause::TerminationRight(i) => agreement.termination_rights.get(i).map(|t| &t.source),
        }
    }
}

/// Why an agreement ends at an [`EventKind::Expiry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum EndReason {
    /// The document states a fixed term without renewal.
    FixedTerm,
    /// The document has no renewal clause: treated as a fixed term (with an importer warning).
    NoRenewalClause,
    /// Non-renewal notice was recorded as served on that day.
    NonRenewalNoticeServed {
        /// Day served.
        served_on: NaiveDate,
    },
    /// Termination notice was recorded as served on that day (rule 6).
    TerminationNoticeServed {
        /// Day served.
        served_on: NaiveDate,
        /// Notice period.
        notice: Period,
        /// The exit date the user planned, when later than `served_on + notice`.
        planned_exit: Option<NaiveDate>,
    },
}

/// The arithmetic behind an event's unadjusted date; rendered by [`DatedEvent::workings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Basis {
    /// Rule 3: `term.end - notice`.
    NoticeBeforeExpiry {
        /// The term the notice is about.
        term: Term,
        /// Notice period.
        notice: Period,
    },
    /// Vocabulary: renewal date = expiry + 1 day; the next term runs for `next_length`.
    RenewalAfterTerm {
        /// The term that ends.
        term: Term,
        /// Length of the renewal period that follows.
        next_length: Period,
    },
    /// Rule 2: the end of `term`.
    TermEnd {
        /// The term that ends.
        term: Term,
        /// Why nothing follows.
        reason: EndReason,
    },
    /// Price review "at each renewal": on the renewal date after `term`.
    PriceReviewAtRenewal {
        /// The term whose renewal brings the price review.
        term: Term,
    },
    /// Price review on an anniversary of the effective date.
    PriceReviewAnniversary {
        /// Effective date.
        effective: NaiveDate,
        /// Which anniversary (1 = one year after the effective date).
        years: u32,
    },
    /// A date stated in the document (rule 7 for its precision).
    StatedDate {
        /// As stated.
        stated: PartialDate,
    },
    /// Rule 8: exit window from the day after the agreement ends.
    ExitWindow {
        /// Last day of the agreement.
        agreement_end: NaiveDate,
        /// Window length.
        window: Period,
    },
    /// Rule 6: serve-by = planned exit − notice.
    ServeBy {
        /// The planned exit date.
        exit: NaiveDate,
        /// Convenience notice period.
        notice: Period,
    },
    /// A termination takes effect (rule 6).
    TerminationEffective {
        /// Why and when.
        reason: EndReason,
    },
}

/// A dated event (renewal-rules.md, "What an agreement yields").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedEvent {
    /// What happens.
    pub kind: EventKind,
    /// The date to act on: the unadjusted date moved back to a business day for deadlines
    /// (rule 4); the unadjusted date otherwise.
    pub date: NaiveDate,
    /// The date the clause gives before any business-day adjustment.
    pub unadjusted_date: NaiveDate,
    /// Precision of the stated date (month-precision reviews keep it for display, rule 7).
    pub precision: Precision,
    /// Open, overdue, closed or done (see [`super::status`]).
    pub status: EventStatus,
    /// `date - as_of` in days (negative in the past).
    pub days_from_today: i64,
    /// The arithmetic.
    pub basis: Basis,
    /// Which clause it comes from.
    pub clause: Clause,
    /// What the event is about when the kind alone does not say (obligation name, exit scenario).
    pub subject: Option<String>,
    /// The business-day adjustment, when the date moved.
    pub adjustment: Option<Adjustment>,
    /// For an exit window (rule 4 with rule 8): the last business day within the window,
    /// the last day to act on it; `None` for other kinds, when business-day adjustment is
    /// switched off, or when the window holds no business day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_business_day: Option<NaiveDate>,
}

/// Lower-case ASCII slug for ids: `"Graph API integration"` → `"graph-api-integration"`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl DatedEvent {
    /// The last day to act on the event: the date itself for a deadline (already moved by
    /// rule 4), and for an exit window the last business day within it (rule 4, last
    /// sentence: "shown beside its end, as the last day to act on it"), e.g. AWS Peru's
    /// migration window closes Sun 2026-12-27 and is acted on by Thu 2026-12-24.
    pub fn act_on(&self) -> NaiveDate {
        self.last_business_day.unwrap_or(self.date)
    }

    /// Stable id within its agreement: `kind:unadjusted-date[:subject-slug]`, e.g.
    /// `non_renewal_notice_deadline:2027-10-02`. Used by done marks and the reminder log.
    pub fn id(&self) -> String {
        match &self.subject {
            Some(s) => format!("{}:{}:{}", self.kind, self.unadjusted_date, slug(s)),
            None => format!("{}:{}", self.kind, self.unadjusted_date),
        }
    }

    /// Short label, e.g. "Non-renewal notice deadline" or "Obligation due: Graph API integration".
    pub fn label(&self) -> String {
        match &self.subject {
            Some(s) => format!("{}: {s}", self.kind.title()),
            None => self.kind.title().to_string(),
        }
    }

    /// Whether someone must act (a deadline, obligation or review, or an exit window to use).
    pub fn is_actionable(&self) -> bool {
        self.kind.is_deadline() || self.kind == EventKind::ExitWindowEnd
    }

    /// The source clause text in `agreement`.
    pub fn source<'a>(&self, agreement: &'a Agreement) -> Option<&'a Source> {
        self.clause.source(agreement)
    }
}

/// The weekday name of a date, e.g. "Saturday" (for workings).
pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// A dated event rendered for display and JSON: every field plus its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventView {
    /// Stable id within the agreement ([`DatedEvent::id`]).
    pub id: String,
    /// Kind, snake_case.
    pub kind: EventKind,
    /// Short label.
    pub label: String,
    /// Date to act on (ISO 8601).
    pub date: NaiveDate,
    /// Date before business-day adjustment.
    pub unadjusted_date: NaiveDate,
    /// Precision of the stated date.
    pub precision: Precision,
    /// Status.
    pub status: EventStatus,
    /// Days from today (negative in the past).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_from_today: i64,
    /// Whether someone must act.
    pub actionable: bool,
    /// One-line explanation.
    pub explanation: String,
    /// Step-by-step workings.
    pub workings: Vec<String>,
    /// The clause it came from.
    pub source: Option<Source>,
}

impl EventView {
    /// Renders `event` of `agreement`.
    pub fn new(event: &DatedEvent, agreement: &Agreement) -> Self {
        EventView {
            id: event.id(),
            kind: event.kind,
            label: event.label(),
            date: event.date,
            unadjusted_date: event.unadjusted_date,
            precision: event.precision,
            status: event.status,
            days_from_today: event.days_from_today,
            actionable: event.is_actionable(),
            explanation: event.explanation(),
            workings: event.workings(agreement),
            source: event.source(agreement).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EventKind::parse("renewal_date"), None);
        assert!(EventKind::NonRenewalNoticeDeadline.is_deadline());
        assert!(!EventKind::ExitWindowEnd.is_deadline());
    }

    #[test]
    fn slugs_are_lower_case_ascii_with_single_dashes() {
        assert_eq!(slug("Graph API integration"), "graph-api-integration");
        assert_eq!(slug("  Migration (assisted)  "), "migration-assisted");
    }

    #[test]
    fn weekday_names_are_english() {
        let d = NaiveDate::from_ymd_opt(2027, 10, 2).unwrap_or_default();
        assert_eq!(weekday_name(d), "Saturday");
    }
}
