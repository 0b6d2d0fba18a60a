//! The deadline engine: pure functions of (agreement, today) → dated events with workings.
//!
//! Everything here follows renewal-rules.md; each computation names its rule. The engine never
//! reads the clock: `today` is always an argument.
//!
//! The hot path ([`assess`]) builds plain data (dates, periods and which clause they came
//! from); the sentences a lawyer reads ([`DatedEvent::explanation`],
//! [`DatedEvent::workings`]) are rendered on demand from that data, so computing the events
//! of 100,000 agreements stays cheap (see docs/benchmarks.md).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{self, Adjustment, Country};
use crate::dates::{
    days_between, long_date, prose_date, PartialDate, Period, PeriodUnit, Precision,
};
use crate::model::{Agreement, AgreementStatus, PriceReview, Source};

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

/// One term of the agreement: the initial term or a renewal period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Term {
    /// 1 for the initial term, 2 for the first renewal, …
    pub number: u32,
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Expiry date: last day (inclusive), `start + length - 1 day` (rule 2).
    pub end: NaiveDate,
    /// Length of this term.
    pub length: Period,
}

impl Term {
    /// The renewal date that follows this term (`end + 1 day`).
    pub fn renewal_date(&self) -> Option<NaiveDate> {
        self.end.succ_opt()
    }
    /// Whether `date` falls within the term.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
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
    /// Open, overdue, closed or done.
    pub status: EventStatus,
    /// `date - today` in days (negative in the past).
    pub days_from_today: i64,
    /// The arithmetic.
    pub basis: Basis,
    /// Which clause it comes from.
    pub clause: Clause,
    /// What the event is about when the kind alone does not say (obligation name, exit scenario).
    pub subject: Option<String>,
    /// The business-day adjustment, when the date moved.
    pub adjustment: Option<Adjustment>,
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

    /// One line a lawyer can check, e.g. "Last day to serve non-renewal notice so that the
    /// agreement does not renew on Sat 1 Jan 2028: 2027-12-31 − 90 days = 2027-10-02, a
    /// Saturday, moved to Fri 1 Oct 2027."
    pub fn explanation(&self) -> String {
        let mut s = String::new();
        let _ = match self.basis {
            Basis::NoticeBeforeExpiry { term, notice } => write!(
                s,
                "Last day to serve non-renewal notice so that the term ending {} does not renew: {} − {notice} = {}",
                term.end, term.end, self.unadjusted_date
            ),
            Basis::RenewalAfterTerm { term, next_length } => write!(
                s,
                "Renews for {next_length} unless notice is served: term {} ends {}, next term starts {}",
                term.number, term.end, self.unadjusted_date
            ),
            Basis::TermEnd { term, reason } => match reason {
                EndReason::FixedTerm => write!(s, "Fixed term ends: {} + {} − 1 day = {}", term.start, term.length, term.end),
                EndReason::NoRenewalClause => write!(
                    s,
                    "Term ends and no renewal clause was found: {} + {} − 1 day = {}",
                    term.start, term.length, term.end
                ),
                EndReason::NonRenewalNoticeServed { served_on } => write!(
                    s,
                    "Ends at the end of term {} ({}) because non-renewal notice was served on {served_on}",
                    term.number, term.end
                ),
                EndReason::TerminationNoticeServed { .. } => write!(s, "Ends on {}", term.end),
            },
            Basis::PriceReviewAtRenewal { term } => write!(
                s,
                "Price review at each renewal: falls on the renewal date {} after term {} ends",
                self.unadjusted_date, term.number
            ),
            Basis::PriceReviewAnniversary { effective, years } => write!(
                s,
                "Annual price review: {effective} + {years} year{} = {}",
                if years == 1 { "" } else { "s" },
                self.unadjusted_date
            ),
            Basis::StatedDate { stated } => match stated.precision() {
                Precision::Day => write!(s, "Stated in the agreement: {stated}"),
                Precision::Month => write!(s, "Stated as \"{stated}\": a month falls on its first day, {}", self.unadjusted_date),
                Precision::Quarter => write!(s, "Stated as \"{stated}\": a quarter falls on its last day, {}", self.unadjusted_date),
                Precision::Year => write!(s, "Stated as \"{stated}\": a year falls on its last day, {}", self.unadjusted_date),
            },
            Basis::ExitWindow { agreement_end, window } => write!(
                s,
                "Window of {window} from the day after the agreement ends ({agreement_end}): closes {}",
                self.unadjusted_date
            ),
            Basis::ServeBy { exit, notice } => write!(
                s,
                "To exit on {exit}, serve termination notice by {exit} − {notice} = {}",
                self.unadjusted_date
            ),
            Basis::TerminationEffective { reason } => match reason {
                EndReason::TerminationNoticeServed { served_on, notice, planned_exit } => match planned_exit {
                    Some(exit) => write!(s, "Termination notice served {served_on}: ends on the planned exit {exit} (no earlier than {served_on} + {notice})"),
                    None => write!(s, "Termination notice served {served_on}: ends no earlier than {served_on} + {notice} = {}", self.unadjusted_date),
                },
                _ => write!(s, "Agreement ends {}", self.unadjusted_date),
            },
        };
        if let Some(adj) = &self.adjustment {
            let _ = write!(s, "; not a business day, so act by {}", long_date(adj.date));
        }
        s
    }

    /// The workings, one step per line: the term, the arithmetic, the business-day
    /// adjustment (rule 4) and the quoted clause.
    pub fn workings(&self, agreement: &Agreement) -> Vec<String> {
        let mut w = Vec::new();
        let term_line = |t: &Term| {
            format!(
                "Term {} ({}) runs {} to {}: {} + {} − 1 day (rule 2)",
                t.number,
                if t.number == 1 { "initial" } else { "renewal" },
                t.start,
                t.end,
                t.start,
                t.length
            )
        };
        match self.basis {
            Basis::NoticeBeforeExpiry { term, notice } => {
                w.push(term_line(&term));
                w.push(format!(
                    "Notice deadline = expiry − notice period = {} − {notice} = {} (rule 3){}",
                    term.end,
                    self.unadjusted_date,
                    if notice.unit == PeriodUnit::Days {
                        format!(
                            "; notice served that day leaves {} full days up to and including expiry",
                            notice.amount
                        )
                    } else {
                        String::new()
                    }
                ));
            }
            Basis::RenewalAfterTerm { term, next_length } => {
                w.push(term_line(&term));
                w.push(format!(
                    "Renewal date = expiry + 1 day = {}; the agreement auto-renews for {next_length} (rule 5)",
                    self.unadjusted_date
                ));
            }
            Basis::TermEnd { term, .. } => {
                w.push(term_line(&term));
            }
            Basis::PriceReviewAtRenewal { term } => {
                w.push(term_line(&term));
                w.push(format!(
                    "Price review \"at each renewal\" falls on the renewal date, {}",
                    self.unadjusted_date
                ));
            }
            Basis::PriceReviewAnniversary { effective, years } => w.push(format!(
                "{effective} + {years} × 12 months = {} (rule 1)",
                self.unadjusted_date
            )),
            Basis::StatedDate { stated } => w.push(match stated.precision() {
                Precision::Day => format!("Stated date: {stated}"),
                Precision::Month => format!(
                    "\"{stated}\" has month precision: as a deadline it falls on the first day of the month, {} (rule 7)",
                    self.unadjusted_date
                ),
                Precision::Quarter => format!(
                    "\"{stated}\" has quarter precision: as a due date it falls on the last day of the quarter, {} (rule 7)",
                    self.unadjusted_date
                ),
                Precision::Year => format!(
                    "\"{stated}\" has year precision: as a due date it falls on the last day of the year, {}",
                    self.unadjusted_date
                ),
            }),
            Basis::ExitWindow {
                agreement_end,
                window,
            } => {
                let start = agreement_end.succ_opt().unwrap_or(agreement_end);
                w.push(format!(
                    "The agreement ends {agreement_end}; the window runs from the next day, {start}"
                ));
                w.push(format!(
                    "Window end = {start} + {window} − 1 day = {} (rule 8)",
                    self.unadjusted_date
                ));
            }
            Basis::ServeBy { exit, notice } => w.push(format!(
                "Serve-by date = planned exit − convenience notice = {exit} − {notice} = {} (rule 6)",
                self.unadjusted_date
            )),
            Basis::TerminationEffective { reason } => {
                if let EndReason::TerminationNoticeServed {
                    served_on,
                    notice,
                    planned_exit,
                } = reason
                {
                    w.push(format!(
                        "Notice served {served_on} + {notice} = earliest end {} (rule 6)",
                        notice.after(served_on).unwrap_or(served_on)
                    ));
                    if let Some(exit) = planned_exit {
                        w.push(format!("Planned exit {exit} is later, so the agreement ends then"));
                    }
                }
            }
        }
        if let Basis::TermEnd {
            reason: EndReason::NonRenewalNoticeServed { served_on },
            ..
        } = self.basis
        {
            w.push(format!(
                "Non-renewal notice recorded as served on {served_on}: no renewal after this term"
            ));
        }
        if let Some(adj) = &self.adjustment {
            let country = agreement
                .country
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_else(|| Country::Other("??".to_string()));
            w.push(format!("{} (rule 4)", adj.explain(&country)));
        } else if self.kind.is_deadline() && !agreement.business_day_adjustment {
            w.push("Business-day adjustment is switched off for this agreement".to_string());
        } else if self.kind == EventKind::ExitWindowEnd {
            let country = agreement.country.as_ref().map(|c| &c.value);
            if let Some(c) = country {
                if !calendar::is_business_day(c, self.date) {
                    let adj = calendar::previous_business_day(c, self.date);
                    w.push(format!(
                        "{} is not a business day ({}): plan to finish by {}",
                        self.date,
                        adj.skipped
                            .first()
                            .map(|s| s.reason.as_str())
                            .unwrap_or("non-working day"),
                        long_date(adj.date)
                    ));
                }
            }
        }
        if let Some(src) = self.source(agreement) {
            w.push(format!("Source: {src}"));
        }
        w
    }
}

/// "If notice of termination for convenience is served today" (rule 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvenienceExit {
    /// Notice period of the termination-for-convenience right.
    pub notice: Period,
    /// Index in `termination_rights`.
    pub clause: Clause,
    /// today + notice: the earliest day the agreement can end if notice is served today.
    pub earliest_end_if_served_today: NaiveDate,
}

/// Everything the engine knows about an agreement on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The day assessed.
    pub today: NaiveDate,
    /// Active, expired or terminated (rule 5).
    pub status: AgreementStatus,
    /// Terms from the initial term through the current term and the next one (if renewing).
    pub terms: Vec<Term>,
    /// Index in `terms` of the current term (the one containing today, else the last one
    /// that started, else the initial term). `None` when the term cannot be computed.
    pub current: Option<usize>,
    /// The last day of the agreement when it is known to end (fixed term, non-renewal
    /// notice, termination); `None` while it keeps renewing.
    pub end_date: Option<NaiveDate>,
    /// Whether the agreement renews after the current term.
    pub renewing: bool,
    /// Dated events sorted by date.
    pub events: Vec<DatedEvent>,
    /// Rule 6: the earliest end if convenience notice is served today.
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

    /// What happens if nobody acts, e.g. "renews on Friday 1 January 2027 for 12 months with
    /// a price review" or "expired on Tuesday 30 June 2026; assisted migration closes Sunday
    /// 27 December 2026".
    pub fn default_outcome(&self, agreement: &Agreement) -> String {
        match self.status {
            AgreementStatus::Active => {
                if self.renewing {
                    let next_renewal = self
                        .events
                        .iter()
                        .find(|e| e.kind == EventKind::Renewal && e.status == EventStatus::Open);
                    match next_renewal {
                        Some(r) => {
                            let length = match r.basis {
                                Basis::RenewalAfterTerm { next_length, .. } => {
                                    format!(" for {next_length}")
                                }
                                _ => String::new(),
                            };
                            let review = self
                                .events
                                .iter()
                                .any(|e| e.kind == EventKind::PriceReview && e.date == r.date);
                            format!(
                                "renews on {}{length}{}",
                                prose_date(r.date),
                                if review { " with a price review" } else { "" }
                            )
                        }
                        None => "renews automatically".to_string(),
                    }
                } else if let Some(end) = self.end_date {
                    format!("ends on {}", prose_date(end))
                } else if agreement.effective_date.is_none() || agreement.initial_term.is_none() {
                    "unknown: the effective date or term is missing".to_string()
                } else {
                    "unknown".to_string()
                }
            }
            AgreementStatus::Expired | AgreementStatus::Terminated => {
                let verb = if self.status == AgreementStatus::Expired {
                    "expired"
                } else {
                    "terminated"
                };
                let mut s = match self.end_date {
                    Some(end) => format!("{verb} on {}", prose_date(end)),
                    None => verb.to_string(),
                };
                if let Some(w) = self
                    .events
                    .iter()
                    .filter(|e| e.kind == EventKind::ExitWindowEnd && e.status == EventStatus::Open)
                    .min_by_key(|e| e.date)
                {
                    let name = w
                        .subject
                        .clone()
                        .unwrap_or_else(|| "the exit window".to_string());
                    let _ = write!(s, "; {} closes {}", name.to_lowercase(), prose_date(w.date));
                }
                s
            }
        }
    }
}

/// Assess `agreement` on `today`: its status, terms and every dated event with workings.
///
/// Pure: the same inputs always give the same output; no clock, no I/O.
pub fn assess(agreement: &Agreement, today: NaiveDate) -> Assessment {
    let mut a = Assessment {
        today,
        status: AgreementStatus::Active,
        terms: Vec::new(),
        current: None,
        end_date: None,
        renewing: false,
        events: Vec::with_capacity(12),
        convenience: None,
        notes: Vec::new(),
    };
    let country = agreement.country.as_ref().map(|c| &c.value);
    let adjust = |kind: EventKind, date: NaiveDate| -> (NaiveDate, Option<Adjustment>) {
        if !kind.is_deadline() || !agreement.business_day_adjustment {
            return (date, None);
        }
        let custom = agreement.calendar.as_ref();
        let adj = match country {
            Some(c) => calendar::previous_business_day_in(c, custom, date),
            None => {
                calendar::previous_business_day_in(&Country::Other("??".to_string()), custom, date)
            }
        };
        if adj.is_adjusted() {
            (adj.date, Some(adj))
        } else {
            (date, None)
        }
    };
    let done = |id: &str| agreement.recorded.done.contains_key(id);
    let push = |a: &mut Assessment,
                kind: EventKind,
                unadjusted: NaiveDate,
                precision: Precision,
                basis: Basis,
                clause: Clause,
                subject: Option<String>| {
        let (date, adjustment) = adjust(kind, unadjusted);
        let mut ev = DatedEvent {
            kind,
            date,
            unadjusted_date: unadjusted,
            precision,
            status: EventStatus::Open,
            days_from_today: days_between(today, date),
            basis,
            clause,
            subject,
            adjustment,
        };
        ev.status = if !agreement.recorded.done.is_empty() && done(&ev.id()) {
            EventStatus::Done
        } else if date >= today {
            EventStatus::Open
        } else if matches!(
            kind,
            EventKind::ObligationDue | EventKind::NextReview | EventKind::TerminationNoticeDeadline
        ) {
            EventStatus::Overdue
        } else {
            EventStatus::Closed
        };
        a.events.push(ev);
    };

    // Terms (rules 2 and 5).
    let start = agreement.effective_date.as_ref().map(|s| s.value);
    let initial = agreement.initial_term.as_ref().map(|s| s.value);
    let renews = agreement.auto_renewal.as_ref().map(|s| s.value) == Some(true);
    let renewal_period = agreement.renewal_period.as_ref().map(|s| s.value);
    let notice = agreement.non_renewal_notice.as_ref().map(|s| s.value);
    let served_nr = agreement
        .recorded
        .non_renewal_notice
        .as_ref()
        .map(|n| n.served_on);
    let convenience = agreement
        .termination_rights
        .iter()
        .enumerate()
        .find(|(_, t)| t.kind == crate::model::TerminationKind::Convenience && t.notice.is_some());

    if let Some((i, right)) = convenience {
        if let Some(n) = right.notice {
            if let Some(end) = n.after(today) {
                a.convenience = Some(ConvenienceExit {
                    notice: n,
                    clause: Clause::TerminationRight(i),
                    earliest_end_if_served_today: end,
                });
            }
        }
    }

    let mut agreement_end: Option<(Term, EndReason)> = None;
    match (start, initial) {
        (Some(start), Some(initial)) => {
            let Some(end) = initial.last_day_from(start) else {
                a.notes
                    .push("the initial term runs past the calendar's range".to_string());
                return finish(a);
            };
            let mut term = Term {
                number: 1,
                start,
                end,
                length: initial,
            };
            a.terms.push(term);
            let renewal = if renews { renewal_period } else { None };
            if renews && renewal.is_none() {
                a.notes.push(
                    "auto-renewal is stated but the renewal period is not: terms after the initial term cannot be computed"
                        .to_string(),
                );
            }
            // The term after which a served non-renewal notice stops the renewals: the first
            // term whose (unadjusted) notice deadline is on or after the day served.
            let stops_after = |t: &Term| -> bool {
                match served_nr {
                    None => false,
                    Some(s) => match notice {
                        Some(n) => n.before(t.end).is_some_and(|deadline| s <= deadline),
                        None => s <= t.end,
                    },
                }
            };
            // Rule 5: roll forward while the term has expired before today.
            if let Some(rp) = renewal {
                let mut guard = 0u32;
                while term.end < today && !stops_after(&term) && guard < 100_000 {
                    guard += 1;
                    let Some(next) = next_term(&term, rp) else {
                        break;
                    };
                    term = next;
                    a.terms.push(term);
                }
            }
            a.current = Some(a.terms.len() - 1);
            let stop_here = stops_after(&term);
            match renewal {
                Some(rp) if !stop_here => {
                    a.renewing = true;
                    // The current term and the next one: their notice deadlines, renewals and
                    // price reviews ("for each renewal still ahead", within one renewal period).
                    let mut t = term;
                    for step in 0..2 {
                        let next = next_term(&t, rp);
                        if let Some(n) = notice {
                            if let Some(deadline) = n.before(t.end) {
                                push(
                                    &mut a,
                                    EventKind::NonRenewalNoticeDeadline,
                                    deadline,
                                    Precision::Day,
                                    Basis::NoticeBeforeExpiry { term: t, notice: n },
                                    Clause::NonRenewalNotice,
                                    None,
                                );
                            }
                        }
                        if let Some(renewal_date) = t.renewal_date() {
                            push(
                                &mut a,
                                EventKind::Renewal,
                                renewal_date,
                                Precision::Day,
                                Basis::RenewalAfterTerm {
                                    term: t,
                                    next_length: rp,
                                },
                                Clause::RenewalPeriod,
                                None,
                            );
                            if matches!(
                                agreement.price_review.as_ref().map(|p| &p.value),
                                Some(PriceReview::AtEachRenewal)
                            ) {
                                push(
                                    &mut a,
                                    EventKind::PriceReview,
                                    renewal_date,
                                    Precision::Day,
                                    Basis::PriceReviewAtRenewal { term: t },
                                    Clause::PriceReview,
                                    None,
                                );
                            }
                        }
                        match next {
                            Some(n) if step == 0 => {
                                if stops_after(&n) {
                                    // Notice served late: one more renewal, then the end.
                                    a.terms.push(n);
                                    a.renewing = false;
                                    agreement_end = Some((
                                        n,
                                        EndReason::NonRenewalNoticeServed {
                                            served_on: served_nr.unwrap_or(n.end),
                                        },
                                    ));
                                    break;
                                }
                                a.terms.push(n);
                                t = n;
                            }
                            _ => break,
                        }
                    }
                }
                _ => {
                    let reason = if stop_here {
                        EndReason::NonRenewalNoticeServed {
                            served_on: served_nr.unwrap_or(term.end),
                        }
                    } else if agreement.auto_renewal.is_none() {
                        EndReason::NoRenewalClause
                    } else {
                        EndReason::FixedTerm
                    };
                    if renews && renewal.is_none() {
                        // Renews, but for an unknown period: the current term is unknown
                        // after the initial term; say so rather than call it expired.
                        if let Some(renewal_date) = term.renewal_date() {
                            push(
                                &mut a,
                                EventKind::Renewal,
                                renewal_date,
                                Precision::Day,
                                Basis::RenewalAfterTerm {
                                    term,
                                    next_length: initial,
                                },
                                Clause::RenewalPeriod,
                                None,
                            );
                        }
                    } else {
                        if stop_here {
                            if let Some(n) = notice {
                                if let Some(deadline) = n.before(term.end) {
                                    push(
                                        &mut a,
                                        EventKind::NonRenewalNoticeDeadline,
                                        deadline,
                                        Precision::Day,
                                        Basis::NoticeBeforeExpiry { term, notice: n },
                                        Clause::NonRenewalNotice,
                                        None,
                                    );
                                    if let Some(last) = a.events.last_mut() {
                                        last.status = EventStatus::Done;
                                    }
                                }
                            }
                        }
                        agreement_end = Some((term, reason));
                    }
                }
            }
        }
        _ => {
            if start.is_none() {
                a.notes.push(
                    "no effective date: terms, renewals and notice deadlines cannot be computed"
                        .to_string(),
                );
            }
            if initial.is_none() {
                a.notes
                    .push("no term: renewals and notice deadlines cannot be computed".to_string());
            }
        }
    }

    // Termination for convenience recorded (rule 6): ends no earlier than served + notice.
    let mut end_basis: Option<(NaiveDate, Basis, Clause)> = None;
    if let Some((term, reason)) = agreement_end {
        end_basis = Some((
            term.end,
            Basis::TermEnd { term, reason },
            Clause::InitialTerm,
        ));
    }
    if let Some(served) = &agreement.recorded.termination_notice {
        let (n, clause) = match convenience {
            Some((i, r)) => (
                r.notice.unwrap_or(Period::days(0)),
                Clause::TerminationRight(i),
            ),
            None => (Period::days(0), Clause::InitialTerm),
        };
        let earliest = n.after(served.served_on).unwrap_or(served.served_on);
        let planned = agreement.recorded.planned_exit.filter(|e| *e > earliest);
        let end = planned.unwrap_or(earliest);
        let reason = EndReason::TerminationNoticeServed {
            served_on: served.served_on,
            notice: n,
            planned_exit: planned,
        };
        if end_basis.as_ref().is_none_or(|(e, _, _)| end < *e) {
            end_basis = Some((end, Basis::TerminationEffective { reason }, clause));
            // Renewals and deadlines after the end no longer apply.
            a.events
                .retain(|e| e.unadjusted_date <= end || e.kind.is_deadline() && e.date <= end);
            a.renewing = false;
        }
    } else if let (Some(exit), Some((i, right))) = (agreement.recorded.planned_exit, convenience) {
        if let Some(n) = right.notice {
            if let Some(serve_by) = n.before(exit) {
                push(
                    &mut a,
                    EventKind::TerminationNoticeDeadline,
                    serve_by,
                    Precision::Day,
                    Basis::ServeBy { exit, notice: n },
                    Clause::TerminationRight(i),
                    None,
                );
            }
        }
    }
    if let Some((end, basis, clause)) = end_basis {
        a.end_date = Some(end);
        let terminated = matches!(basis, Basis::TerminationEffective { .. });
        push(
            &mut a,
            EventKind::Expiry,
            end,
            Precision::Day,
            basis,
            clause,
            None,
        );
        if end < today {
            a.status = if terminated {
                AgreementStatus::Terminated
            } else {
                AgreementStatus::Expired
            };
        }
        // Rule 8: exit windows run from the day after the agreement ends.
        if let Some(first_day) = end.succ_opt() {
            for (i, exit) in agreement.exit_rights.iter().enumerate() {
                if let Some(window) = exit.window {
                    if let Some(close) = window.last_day_from(first_day) {
                        let subject = if exit.process.is_empty() {
                            exit.scenario.clone()
                        } else {
                            format!("{} ({})", exit.scenario, exit.process.to_lowercase())
                        };
                        push(
                            &mut a,
                            EventKind::ExitWindowEnd,
                            close,
                            Precision::Day,
                            Basis::ExitWindow {
                                agreement_end: end,
                                window,
                            },
                            Clause::ExitRight(i),
                            Some(subject),
                        );
                    }
                }
            }
        }
    }

    // Price review on anniversaries (not tied to renewals).
    if let (Some(PriceReview::Annually), Some(start)) = (
        agreement.price_review.as_ref().map(|p| &p.value),
        agreement.effective_date.as_ref().map(|d| d.value),
    ) {
        let horizon_end = a.terms.last().map(|t| t.end).unwrap_or(today);
        let from = a.current_term().map(|t| t.start).unwrap_or(start);
        let mut years = 1u32;
        while let Some(d) = Period::years(years).after(start) {
            if d > horizon_end || years > 200 {
                break;
            }
            if d >= from && a.end_date.is_none_or(|e| d <= e) {
                push(
                    &mut a,
                    EventKind::PriceReview,
                    d,
                    Precision::Day,
                    Basis::PriceReviewAnniversary {
                        effective: start,
                        years,
                    },
                    Clause::PriceReview,
                    None,
                );
            }
            years += 1;
        }
    }

    // Next review (rule 7).
    if let Some(nr) = &agreement.next_review {
        if let Some(d) = nr.value.deadline() {
            push(
                &mut a,
                EventKind::NextReview,
                d,
                nr.value.precision(),
                Basis::StatedDate { stated: nr.value },
                Clause::NextReview,
                None,
            );
        }
    }
    // Obligations with a due date that are not complete.
    for (i, o) in agreement.obligations.iter().enumerate() {
        if o.status == crate::model::ObligationStatus::Complete {
            continue;
        }
        if let Some(due) = o.due {
            if let Some(d) = due.deadline() {
                push(
                    &mut a,
                    EventKind::ObligationDue,
                    d,
                    due.precision(),
                    Basis::StatedDate { stated: due },
                    Clause::Obligation(i),
                    Some(o.name.clone()),
                );
            }
        }
    }
    finish(a)
}

fn finish(mut a: Assessment) -> Assessment {
    a.events
        .sort_by(|x, y| x.date.cmp(&y.date).then(x.kind.cmp(&y.kind)));
    a
}

/// The renewal period that follows `term` (rule 5): starts on its renewal date and lasts
/// `period`, ending `start + period − 1 day` (rule 2).
pub fn next_term(term: &Term, period: Period) -> Option<Term> {
    let start = term.renewal_date()?;
    let end = period.last_day_from(start)?;
    if end < start {
        return None;
    }
    Some(Term {
        number: term.number + 1,
        start,
        end,
        length: period,
    })
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

/// [`assess`] for many agreements at once, split over the machine's cores with scoped
/// threads (the dashboard of a large register, the deadlines of every agreement). Results
/// are in input order and identical to calling [`assess`] on each.
pub fn assess_many(agreements: &[&Agreement], today: NaiveDate) -> Vec<Assessment> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || agreements.len() < 2_000 {
        return agreements.iter().map(|a| assess(a, today)).collect();
    }
    let chunk = agreements.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = agreements
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|a| assess(a, today)).collect::<Vec<_>>())
            })
            .collect();
        let mut out = Vec::with_capacity(agreements.len());
        for (h, part) in handles.into_iter().zip(agreements.chunks(chunk)) {
            match h.join() {
                Ok(v) => out.extend(v),
                // A panic in a worker is a bug; recompute that part here so it surfaces
                // with its own message rather than as a lost result.
                Err(_) => out.extend(part.iter().map(|a| assess(a, today))),
            }
        }
        out
    })
}
