//! The decision at hand: for one agreement on one as-of date, the one question someone must
//! answer, stated once so that the dashboard, the agreement page, the brief, notifications
//! and the CLI all say the same thing (issue 16 item 1; issue 13 item 4, "one default
//! outcome").
//!
//! The question follows from the dated events of the assessment (renewal-rules.md, "What an
//! agreement yields"):
//!
//! - an auto-renewing agreement decides the renewal guarded by its **first open** notice
//!   deadline (rule 3 and rule 5): renewals before it are already **locked in**, because
//!   their notice deadlines have closed ("A passed notice deadline is not an alarm forever:
//!   once it has closed, the next one … is the one that matters");
//! - a planned exit for convenience decides whether to serve notice by its serve-by date
//!   (rule 6);
//! - a fixed term (or a last term after non-renewal notice) decides whether to renew or
//!   renegotiate before it ends, or let it end;
//! - an agreement that has ended decides how to use the exit windows still open (rule 8);
//!   the last business day within a window is the last day to act on it (rule 4);
//! - an agreement whose term cannot be computed has no dated question: its data is
//!   completed first.
//!
//! **Decide by (internal).** An open question also gets the company's own date to decide by,
//! ahead of the legal one (issue 16 item 3): the last business day to act minus the
//! agreement's internal lead time, in calendar days (30 unless set per agreement in
//! [`crate::model::Recorded::lead_time_days`]; 0 turns it off; at most 365), moved back to
//! the preceding business day of the agreement's calendar by rule 4 when it falls on a
//! weekend or holiday. It is never a contractual deadline: every surface shows the legal
//! deadline first and labels this date as internal. There is none once a decision is
//! recorded on the question.
//!
//! Microsoft Peru as of 2026-11-23 (the worked example): the renewal of 1 January 2027 is
//! locked in; the question is the renewal of 1 January 2028, whose notice deadline
//! 2027-10-02 is a Saturday, so the last business day to act is 2027-10-01:
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::Period;
//! use renewal_domain::model::{Agreement, PriceReview, Sourced};
//! use renewal_domain::calendar::Country;
//! use renewal_domain::rules::{assess, decision::{decide, DecisionKind}};
//!
//! let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let mut a = Agreement::new("Microsoft Peru Partnership Agreement");
//! a.effective_date = Some(Sourced::new(d("2023-01-01"), Default::default()));
//! a.initial_term = Some(Sourced::new(Period::years(3), Default::default()));
//! a.auto_renewal = Some(Sourced::new(true, Default::default()));
//! a.renewal_period = Some(Sourced::new(Period::months(12), Default::default()));
//! a.non_renewal_notice = Some(Sourced::new(Period::days(90), Default::default()));
//! a.price_review = Some(Sourced::new(PriceReview::AtEachRenewal, Default::default()));
//! a.country = Some(Sourced::new(Country::Peru, Default::default()));
//!
//! let s = assess(&a, d("2026-11-23"));
//! let decision = decide(&s, &a);
//! assert_eq!(decision.kind, DecisionKind::StopRenewal);
//! assert_eq!(decision.renewal, Some(d("2028-01-01")));
//! assert_eq!(decision.deadline, Some(d("2027-10-02")));
//! assert_eq!(decision.act_by, Some(d("2027-10-01")));
//! assert_eq!(
//!     decision.if_nobody_acts,
//!     "renews on Sat 1 Jan 2028 for 12 months with a price review"
//! );
//! assert_eq!(decision.locked_in[0].renewal, d("2027-01-01"));
//! // Decide 30 days ahead of the last business day to act (the default lead time).
//! assert_eq!(decision.decide_by, Some(d("2027-09-01")));
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::{days_between, long_date};
use crate::model::{
    Agreement, AgreementStatus, DecisionChoice, PriceReview, RecordedDecision, TerminationKind,
};

use super::assessment::Assessment;
use super::business_days::{adjust_date_to_act_on, agreement_country, last_business_day_within};
use super::events::{Basis, DatedEvent, EndReason, EventKind, EventStatus};
use super::terms::Term;

/// The prefix of [`Decision::decide_by_id`]: ids that start with it name a decide-by date,
/// not a dated event of the assessment.
pub const DECIDE_BY_ID_PREFIX: &str = "decide_by:";

/// What kind of question the agreement poses on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Auto-renewing: let the renewal on [`Decision::renewal`] happen, or stop it by serving
    /// non-renewal notice by the deadline (rules 3 and 5).
    StopRenewal,
    /// Auto-renewing, but the document states no non-renewal notice, so no deadline can be
    /// computed: the renewal happens by itself unless the signed contract says otherwise.
    RenewsWithoutNotice,
    /// A planned exit for convenience: serve termination notice by the serve-by date (rule 6).
    PlannedExit,
    /// The agreement ends on [`Decision::deadline`] (a fixed term, or the last term after
    /// non-renewal or termination notice): renew or renegotiate before then, or let it end.
    TermEnds,
    /// The agreement has ended and an exit window is still open (rule 8): use its rights
    /// before the window closes.
    UseExitWindow,
    /// The agreement has ended and no exit window is open: nothing is left to decide.
    Ended,
    /// The effective date or the term is missing: no date can be computed until it is
    /// completed (a gap shown as a gap).
    Incomplete,
}

/// A course of action the agreement allows at this point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DecisionOption {
    /// Let the agreement renew on its terms.
    Renew,
    /// Agree new terms with the counterparty before the deadline.
    Renegotiate,
    /// End the agreement: non-renewal notice, or termination for convenience.
    Exit,
    /// Let a fixed term end (no renewal clause, or notice already served).
    LetExpire,
    /// Use the rights of an exit window (data export, migration, wind-down) before it closes.
    UseExitRights,
    /// Complete the agreement's missing values so its dates can be computed.
    CompleteData,
}

impl DecisionOption {
    /// Stable snake_case name, e.g. `let_expire`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionOption::Renew => "renew",
            DecisionOption::Renegotiate => "renegotiate",
            DecisionOption::Exit => "exit",
            DecisionOption::LetExpire => "let_expire",
            DecisionOption::UseExitRights => "use_exit_rights",
            DecisionOption::CompleteData => "complete_data",
        }
    }

    /// Human name, e.g. "Let it expire".
    pub fn title(self) -> &'static str {
        match self {
            DecisionOption::Renew => "Renew",
            DecisionOption::Renegotiate => "Renegotiate",
            DecisionOption::Exit => "Exit",
            DecisionOption::LetExpire => "Let it expire",
            DecisionOption::UseExitRights => "Use the exit rights",
            DecisionOption::CompleteData => "Complete the data",
        }
    }
}

/// A renewal that can no longer be stopped by notice: its notice deadline has closed
/// (renewal-rules.md, statuses: "closed … the renewal it guarded is now locked in").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LockedIn {
    /// The renewal date (first day of the locked-in term).
    pub renewal: NaiveDate,
    /// The term that starts on it (number, start, expiry).
    pub term: Option<Term>,
}

/// The decision at hand for one agreement on one as-of date. Every surface prints it from
/// here ([`decide`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decision {
    /// What kind of question it is.
    pub kind: DecisionKind,
    /// The question in one sentence, e.g. "Renew on Sat 1 Jan 2028, or stop the renewal
    /// by serving notice of non-renewal".
    pub question: String,
    /// The renewal being decided (its first day), for [`DecisionKind::StopRenewal`] and
    /// [`DecisionKind::RenewsWithoutNotice`].
    pub renewal: Option<NaiveDate>,
    /// When the window to act closes: the contractual (unadjusted) notice deadline, the
    /// serve-by date, the last day of the term, or the last day of the exit window. `None`
    /// when there is no dated question.
    pub deadline: Option<NaiveDate>,
    /// The last business day to act within that window (rule 4): equal to `deadline` when
    /// it is a business day or when adjustment is off for the agreement.
    pub act_by: Option<NaiveDate>,
    /// Days from the as-of date to `act_by` (negative once passed).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days_left: Option<i64>,
    /// Id of the dated event the decision rests on ([`DatedEvent::id`]), for mark-done and
    /// snooze.
    pub event_id: Option<String>,
    /// What happens if nobody acts, e.g. "renews on Sat 1 Jan 2028 for 12 months
    /// with a price review". The one default outcome every surface prints.
    pub if_nobody_acts: String,
    /// What the agreement allows, in the order a person would weigh them.
    pub options: Vec<DecisionOption>,
    /// Renewals between the as-of date and the one decided, already locked in.
    pub locked_in: Vec<LockedIn>,
    /// The decision a person recorded on this very question (its `about` is this
    /// decision's `event_id`); `None` while it is undecided. A decision recorded on an
    /// earlier question does not carry over.
    pub recorded: Option<RecordedDecision>,
    /// The internal "decide by" date (issue 16 item 3): `act_by` minus the agreement's
    /// internal lead time ([`Decision::lead_time_days`], calendar days), moved back to the
    /// preceding business day of the agreement's calendar when it falls on a weekend or
    /// holiday (rule 4, [`adjust_date_to_act_on`]). It is the company's own date, ahead of
    /// the legal one, never a contractual deadline: `act_by` stays the headline. `None`
    /// when the question is not open ([`Decision::is_open`]: no dated question, a decision
    /// already recorded, nothing left to decide) or when the lead time is 0. It may lie
    /// before the as-of date while `act_by` does not ([`Decision::decide_by_passed`]).
    pub decide_by: Option<NaiveDate>,
    /// Days from the as-of date to `decide_by` (negative once passed).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub decide_by_days_left: Option<i64>,
    /// The internal lead time in effect for the agreement, in calendar days
    /// ([`Agreement::lead_time_days`]: 30 unless set; 0 = no decide-by date).
    pub lead_time_days: u32,
}

impl Decision {
    /// Whether the decision is a dated question someone still has to answer (and nobody has
    /// recorded an answer to it yet): a renewal to
    /// stop or let happen, a planned exit, a term that ends (unless notice is already
    /// served, which leaves only the exit to carry out), an expired agreement's open exit
    /// window. An agreement that ended with no window open, or whose term cannot be
    /// computed, has none ("Needs a decision" on the dashboard lists the open ones).
    pub fn is_open(&self) -> bool {
        let dated = self.act_by.is_some() && self.event_id.is_some();
        dated
            && self.recorded.is_none()
            && match self.kind {
                DecisionKind::StopRenewal
                | DecisionKind::PlannedExit
                | DecisionKind::UseExitWindow
                | DecisionKind::RenewsWithoutNotice => true,
                DecisionKind::TermEnds => self.options.contains(&DecisionOption::Renegotiate),
                DecisionKind::Ended | DecisionKind::Incomplete => false,
            }
    }

    /// The choices a person may record on this question: the options that are courses of
    /// action ([`DecisionOption::Renew`], `Renegotiate`, `Exit`, `LetExpire`; using exit
    /// rights is recorded as letting it expire).
    pub fn choices(&self) -> Vec<DecisionChoice> {
        let mut out = Vec::new();
        for o in &self.options {
            let c = match o {
                DecisionOption::Renew => Some(DecisionChoice::Renew),
                DecisionOption::Renegotiate => Some(DecisionChoice::Renegotiate),
                DecisionOption::Exit => Some(DecisionChoice::Exit),
                DecisionOption::LetExpire | DecisionOption::UseExitRights => {
                    Some(DecisionChoice::LetExpire)
                }
                DecisionOption::CompleteData => None,
            };
            if let Some(c) = c {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// "Decided: Exit, by Ana Torres on Mon 30 Nov 2026 (target …): because …"; `None`
    /// while undecided.
    pub fn recorded_text(&self) -> Option<String> {
        let r = self.recorded.as_ref()?;
        let mut s = format!(
            "Decided: {}, by {} on {}",
            r.choice.title(),
            r.decided_by,
            long_date(r.decided_on)
        );
        if let Some(t) = r.target_date {
            s.push_str(&format!(" (new terms by {})", long_date(t)));
        }
        if !r.reason.trim().is_empty() {
            s.push_str(&format!(": {}", r.reason.trim()));
        }
        Some(s)
    }

    /// The event of `assessment` the decision rests on, if any.
    pub fn event<'a>(&self, assessment: &'a Assessment) -> Option<&'a DatedEvent> {
        let id = self.event_id.as_deref()?;
        assessment.events.iter().find(|e| e.id() == id)
    }

    /// "Window closes Sun 27 Dec 2026; last business day to act Thu 24 Dec 2026", or just
    /// the date when the two agree; `None` without a deadline.
    pub fn when_text(&self) -> Option<String> {
        let deadline = self.deadline?;
        let act_by = self.act_by.unwrap_or(deadline);
        Some(if act_by == deadline {
            format!("Act by {}", long_date(deadline))
        } else {
            format!(
                "Window closes {}; last business day to act {}",
                long_date(deadline),
                long_date(act_by)
            )
        })
    }

    /// The stable id of the decide-by date, for reminders, snoozes and calendar export:
    /// `decide_by:` and the id of the event the decision rests on, e.g.
    /// `decide_by:non_renewal_notice_deadline:2027-10-02`. `None` without a decide-by date.
    pub fn decide_by_id(&self) -> Option<String> {
        self.decide_by?;
        Some(format!(
            "{DECIDE_BY_ID_PREFIX}{}",
            self.event_id.as_deref()?
        ))
    }

    /// Whether the internal decide-by date has passed (it is before the as-of date) while
    /// the question is still open.
    pub fn decide_by_passed(&self) -> bool {
        self.decide_by.is_some() && self.decide_by_days_left.is_some_and(|d| d < 0)
    }

    /// The decide-by date as every surface states it, labelled as internal so that it is
    /// never read as the legal deadline: "Decide by (internal, 30 days ahead): Tue 31 Aug
    /// 2027"; once passed, "Decide by (internal, 30 days ahead): Tue 24 Nov 2026: passed
    /// with no decision recorded; 12 days left to act". `None` without a decide-by date.
    pub fn decide_by_text(&self) -> Option<String> {
        let date = self.decide_by?;
        let mut s = format!(
            "Decide by (internal, {} days ahead): {}",
            self.lead_time_days,
            long_date(date)
        );
        if self.decide_by_passed() {
            s.push_str(": passed with no decision recorded; ");
            s.push_str(&match self.days_left {
                Some(0) => "today is the last day to act".to_string(),
                Some(1) => "1 day left to act".to_string(),
                Some(n) if n > 1 => format!("{n} days left to act"),
                _ => "the last business day to act has passed too".to_string(),
            });
        }
        Some(s)
    }

    /// The next step in one line, for the dashboard's "Needs a decision" and the agreement
    /// page: the decide-by date first (when there is one), then what must be done by the
    /// last business day to act, e.g. "Next: decide by Tue 31 Aug 2027; to stop the
    /// renewal, serve notice of non-renewal by Fri 1 Oct 2027". Once a decision is
    /// recorded, what it leaves to do. `None` when nothing is left to do.
    pub fn next_step(&self) -> Option<String> {
        let act_by = self.act_by;
        let then = match (self.kind, act_by) {
            (DecisionKind::StopRenewal, Some(d)) => match self.recorded.as_ref().map(|r| r.choice) {
                Some(DecisionChoice::Renew) => return None,
                Some(DecisionChoice::Exit) => {
                    format!("serve notice of non-renewal by {}", long_date(d))
                }
                Some(DecisionChoice::Renegotiate) => match self.recorded.as_ref().and_then(|r| r.target_date) {
                    Some(t) => format!(
                        "agree new terms by {}; to stop the renewal, serve notice of non-renewal by {}",
                        long_date(t),
                        long_date(d)
                    ),
                    None => format!(
                        "agree new terms; to stop the renewal, serve notice of non-renewal by {}",
                        long_date(d)
                    ),
                },
                _ => format!(
                    "to stop the renewal, serve notice of non-renewal by {}",
                    long_date(d)
                ),
            },
            (DecisionKind::PlannedExit, Some(d)) => format!(
                "serve notice of termination for convenience by {}",
                long_date(d)
            ),
            (DecisionKind::TermEnds, Some(d)) => {
                if !self.options.contains(&DecisionOption::Renegotiate) {
                    return None;
                }
                match self.recorded.as_ref().map(|r| r.choice) {
                    Some(DecisionChoice::LetExpire) | Some(DecisionChoice::Exit) => return None,
                    _ => format!("agree new terms by {}", long_date(d)),
                }
            }
            (DecisionKind::UseExitWindow, Some(d)) => {
                format!("use the exit rights by {}", long_date(d))
            }
            (DecisionKind::RenewsWithoutNotice, _) => {
                "check the signed contract for how to stop the renewal".to_string()
            }
            (DecisionKind::Incomplete, _) => {
                "complete the effective date and term so its dates can be computed".to_string()
            }
            _ => return None,
        };
        Some(match self.decide_by {
            Some(by) if self.decide_by_passed() => format!(
                "Next: decide now (the internal decide-by date, {}, has passed); {then}",
                long_date(by)
            ),
            Some(by) => format!("Next: decide by {}; {then}", long_date(by)),
            None if self.is_open() => format!("Next: decide; {then}"),
            None => format!("Next: {then}"),
        })
    }

    /// "Already locked in: the renewal of Fri 1 Jan 2027 (Term 3, first renewal: 1 Jan 2027
    /// – 31 Dec 2027)"; `None` when nothing is locked in.
    pub fn locked_in_text(&self) -> Option<String> {
        if self.locked_in.is_empty() {
            return None;
        }
        let list: Vec<String> = self
            .locked_in
            .iter()
            .map(|l| match &l.term {
                Some(t) => format!("the renewal of {} ({})", long_date(l.renewal), term_name(t)),
                None => format!("the renewal of {}", long_date(l.renewal)),
            })
            .collect();
        Some(format!(
            "Already locked in (its notice deadline has closed): {}",
            list.join("; ")
        ))
    }
}

/// One name for a term everywhere: "Term 1, initial: 1 Jan 2023 – 31 Dec 2025", "Term 3,
/// second renewal: 1 Jan 2027 – 31 Dec 2027" (issue 16 item 2).
pub fn term_name(term: &Term) -> String {
    format!(
        "{}: {} – {}",
        term_label(term),
        long_date(term.start),
        long_date(term.end)
    )
}

/// The term's name without its dates: "Term 1, initial", "Term 2, first renewal". Used by
/// the workings, the brief's cover and timeline, and the app (issue 16 item 2).
pub fn term_label(term: &Term) -> String {
    match term.number {
        0 | 1 => format!("Term {}, initial", term.number.max(1)),
        n => format!("Term {n}, {} renewal", ordinal(n - 1)),
    }
}

/// "first", "second", … "tenth", then "11th", "12th" …
fn ordinal(n: u32) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match n {
        1..=10 => WORDS[(n - 1) as usize].to_string(),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// The decision at hand for `agreement` as assessed in `s` (see the module documentation
/// for the rules). Pure; never fails: an agreement with no computable term yields
/// [`DecisionKind::Incomplete`].
pub fn decide(s: &Assessment, agreement: &Agreement) -> Decision {
    let mut d = decide_question(s, agreement);
    d.recorded = agreement
        .recorded
        .decision
        .as_ref()
        .filter(|r| r.about.is_some() && r.about == d.event_id)
        .cloned();
    d.lead_time_days = agreement.lead_time_days();
    d.decide_by = decide_by(&d, agreement);
    d.decide_by_days_left = d.decide_by.map(|by| days_between(s.as_of, by));
    d
}

/// The internal decide-by date of `d` (see [`Decision::decide_by`]): `act_by −
/// lead_time_days` calendar days, then rule 4 (the preceding business day of the
/// agreement's calendar, unless adjustment is off for the agreement). `None` for a question
/// that is not open or a lead time of 0.
fn decide_by(d: &Decision, agreement: &Agreement) -> Option<NaiveDate> {
    if d.lead_time_days == 0 || !d.is_open() {
        return None;
    }
    let act_by = d.act_by?;
    let unadjusted = act_by.checked_sub_days(Days::new(u64::from(d.lead_time_days)))?;
    Some(adjust_date_to_act_on(agreement, unadjusted).0)
}

/// The question alone, before any recorded answer.
fn decide_question(s: &Assessment, agreement: &Agreement) -> Decision {
    let blank = |kind: DecisionKind, question: String, if_nobody_acts: String| Decision {
        kind,
        question,
        renewal: None,
        deadline: None,
        act_by: None,
        days_left: None,
        event_id: None,
        if_nobody_acts,
        options: Vec::new(),
        locked_in: Vec::new(),
        recorded: None,
        decide_by: None,
        decide_by_days_left: None,
        lead_time_days: 0,
    };
    match s.status {
        AgreementStatus::Incomplete => {
            let mut d = blank(
                DecisionKind::Incomplete,
                "Complete the agreement: its effective date or term is missing, so no renewal or deadline can be computed".to_string(),
                "unknown: the effective date or term is missing".to_string(),
            );
            d.options = vec![DecisionOption::CompleteData];
            d
        }
        AgreementStatus::Expired | AgreementStatus::Terminated => ended(s),
        AgreementStatus::Active => active(s, agreement, blank),
    }
}

/// An agreement that has ended: its earliest open exit window, if any (rule 8).
fn ended(s: &Assessment) -> Decision {
    let verb = if s.status == AgreementStatus::Expired {
        "expired"
    } else {
        "terminated"
    };
    let ended = match s.end_date {
        Some(end) => format!("{verb} on {}", long_date(end)),
        None => verb.to_string(),
    };
    let window = s
        .events
        .iter()
        .filter(|e| e.kind == EventKind::ExitWindowEnd && e.status == EventStatus::Open)
        .min_by_key(|e| e.date);
    match window {
        Some(w) => {
            let name = w
                .subject
                .clone()
                .unwrap_or_else(|| "the exit window".to_string());
            let act_by = w.last_business_day.unwrap_or(w.date);
            Decision {
                kind: DecisionKind::UseExitWindow,
                question: format!(
                    "The agreement {ended_short}: use the {} rights before the window closes",
                    name.to_lowercase(),
                    ended_short = ended_short(verb, s.end_date),
                ),
                renewal: None,
                deadline: Some(w.date),
                act_by: Some(act_by),
                days_left: Some(days_between(s.as_of, act_by)),
                event_id: Some(w.id()),
                if_nobody_acts: format!(
                    "{ended}; {} closes {}",
                    name.to_lowercase(),
                    long_date(w.date)
                ),
                options: vec![
                    DecisionOption::UseExitRights,
                    DecisionOption::Renegotiate,
                    DecisionOption::LetExpire,
                ],
                locked_in: Vec::new(),
                recorded: None,
                decide_by: None,
                decide_by_days_left: None,
                lead_time_days: 0,
            }
        }
        None => Decision {
            kind: DecisionKind::Ended,
            question: format!(
                "Nothing is left to decide: the agreement {} and no exit window is open",
                ended_short(verb, s.end_date)
            ),
            renewal: None,
            deadline: None,
            act_by: None,
            days_left: None,
            event_id: None,
            if_nobody_acts: ended,
            options: Vec::new(),
            locked_in: Vec::new(),
            recorded: None,
            decide_by: None,
            decide_by_days_left: None,
            lead_time_days: 0,
        },
    }
}

/// "expired on Tue 30 Jun 2026".
fn ended_short(verb: &str, end: Option<NaiveDate>) -> String {
    match end {
        Some(end) => format!("{verb} on {}", long_date(end)),
        None => verb.to_string(),
    }
}

/// An agreement in force.
fn active(
    s: &Assessment,
    agreement: &Agreement,
    blank: impl Fn(DecisionKind, String, String) -> Decision,
) -> Decision {
    let convenience_exit = agreement
        .termination_rights
        .iter()
        .any(|r| r.kind == TerminationKind::Convenience);
    let base = base_outcome(s, agreement);

    // The first open notice deadline is the question (rules 3, 5 and 6).
    let first_notice = s
        .events
        .iter()
        .filter(|e| {
            e.status == EventStatus::Open
                && matches!(
                    e.kind,
                    EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
                )
        })
        .min_by_key(|e| (e.date, e.kind != EventKind::TerminationNoticeDeadline));
    if let Some(e) = first_notice {
        let deadline = e.unadjusted_date;
        let act_by = e.date;
        match (e.kind, &e.basis) {
            (EventKind::TerminationNoticeDeadline, Basis::ServeBy { exit, .. }) => {
                return Decision {
                    kind: DecisionKind::PlannedExit,
                    question: format!(
                        "Serve notice of termination for convenience to end the agreement on {} (the planned exit)",
                        long_date(*exit)
                    ),
                    renewal: None,
                    deadline: Some(deadline),
                    act_by: Some(act_by),
                    days_left: Some(days_between(s.as_of, act_by)),
                    event_id: Some(e.id()),
                    if_nobody_acts: format!(
                        "without notice by then it cannot end on {}; {}",
                        long_date(*exit),
                        undecided_renewal_text(s, agreement).unwrap_or(base)
                    ),
                    options: vec![DecisionOption::Exit, DecisionOption::Renegotiate],
                    locked_in: locked_before(s, exit.succ_opt().unwrap_or(*exit)),
                    recorded: None,
                    decide_by: None,
                    decide_by_days_left: None,
                    lead_time_days: 0,
                };
            }
            (EventKind::NonRenewalNoticeDeadline, Basis::NoticeBeforeExpiry { term, .. }) => {
                if let Some(renewal) = term.renewal_date() {
                    let options = vec![
                        DecisionOption::Renew,
                        DecisionOption::Renegotiate,
                        DecisionOption::Exit,
                    ];
                    return Decision {
                        kind: DecisionKind::StopRenewal,
                        question: format!(
                            "Let it renew on {}, or stop the renewal by serving notice of non-renewal",
                            long_date(renewal)
                        ),
                        renewal: Some(renewal),
                        deadline: Some(deadline),
                        act_by: Some(act_by),
                        days_left: Some(days_between(s.as_of, act_by)),
                        event_id: Some(e.id()),
                        if_nobody_acts: renews_text(s, agreement, renewal),
                        options,
                        locked_in: locked_before(s, renewal),
                        recorded: None,
                        decide_by: None,
                        decide_by_days_left: None,
                        lead_time_days: 0,
                    };
                }
            }
            _ => {}
        }
    }

    if s.renewing {
        // Auto-renewing without a computable notice deadline.
        let renewal = s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Renewal && e.status == EventStatus::Open)
            .map(|e| e.date)
            .min();
        let mut d = blank(
            DecisionKind::RenewsWithoutNotice,
            match renewal {
                Some(r) => format!(
                    "It renews on {} by itself: the document states no notice of non-renewal, so check the signed contract for how to stop it",
                    long_date(r)
                ),
                None => "It renews by itself: the document states no notice of non-renewal, so check the signed contract for how to stop it".to_string(),
            },
            base,
        );
        d.renewal = renewal;
        d.options = vec![DecisionOption::Renew, DecisionOption::Renegotiate];
        if convenience_exit {
            d.options.push(DecisionOption::Exit);
        }
        if let Some(r) = s
            .events
            .iter()
            .find(|e| e.kind == EventKind::Renewal && Some(e.date) == renewal)
        {
            d.event_id = Some(r.id());
        }
        return d;
    }

    match s.end_date {
        Some(end) => {
            let country = agreement_country(agreement);
            let act_by = if agreement.business_day_adjustment {
                last_business_day_within(country, s.as_of, end).unwrap_or(end)
            } else {
                end
            };
            let expiry = s
                .events
                .iter()
                .find(|e| e.kind == EventKind::Expiry && e.date == end);
            let notice_served = matches!(
                expiry.map(|e| &e.basis),
                Some(
                    Basis::TermEnd {
                        reason: EndReason::NonRenewalNoticeServed { .. }
                            | EndReason::TerminationNoticeServed { .. },
                        ..
                    } | Basis::TerminationEffective { .. }
                )
            );
            let mut options = Vec::new();
            if !notice_served {
                options.push(DecisionOption::Renegotiate);
            }
            options.push(DecisionOption::LetExpire);
            if convenience_exit && !notice_served {
                options.push(DecisionOption::Exit);
            }
            Decision {
                kind: DecisionKind::TermEnds,
                question: if notice_served {
                    format!(
                        "The agreement ends on {} (notice served): plan the exit",
                        long_date(end)
                    )
                } else {
                    format!(
                        "The agreement ends on {}: renew or renegotiate before then, or let it expire",
                        long_date(end)
                    )
                },
                renewal: None,
                deadline: Some(end),
                act_by: Some(act_by),
                days_left: Some(days_between(s.as_of, act_by)),
                event_id: expiry.map(|e| e.id()),
                if_nobody_acts: base,
                options,
                locked_in: Vec::new(),
                recorded: None,
                decide_by: None,
                decide_by_days_left: None,
                lead_time_days: 0,
            }
        }
        None => {
            let mut d = blank(
                DecisionKind::Incomplete,
                "Complete the agreement: its end cannot be computed".to_string(),
                base,
            );
            d.options = vec![DecisionOption::CompleteData];
            d
        }
    }
}

/// The renewals from the as-of date up to (not including) `before`: each one's notice
/// deadline has closed or it has none, so it will happen whatever is decided now.
fn locked_before(s: &Assessment, before: NaiveDate) -> Vec<LockedIn> {
    s.events
        .iter()
        .filter(|e| e.kind == EventKind::Renewal && e.date >= s.as_of && e.date < before)
        .map(|e| LockedIn {
            renewal: e.date,
            term: s.terms.iter().find(|t| t.start == e.date).copied(),
        })
        .collect()
}

/// "renews on Sat 1 Jan 2028 for 12 months with a price review": what the
/// renewal on `renewal` brings, worded once for the decision and the dashboard's lines.
pub fn renews_text(s: &Assessment, agreement: &Agreement, renewal: NaiveDate) -> String {
    let length = s
        .events
        .iter()
        .find_map(|e| match e.basis {
            Basis::RenewalAfterTerm { next_length, .. }
                if e.kind == EventKind::Renewal && e.date == renewal =>
            {
                Some(format!(" for {next_length}"))
            }
            _ => None,
        })
        .or_else(|| {
            agreement
                .renewal_period
                .as_ref()
                .map(|p| format!(" for {}", p.value))
        })
        .unwrap_or_default();
    let review = s
        .events
        .iter()
        .any(|e| e.kind == EventKind::PriceReview && e.date == renewal)
        || matches!(
            agreement.price_review.as_ref().map(|p| &p.value),
            Some(PriceReview::AtEachRenewal)
        );
    format!(
        "renews on {}{length}{}",
        long_date(renewal),
        if review { " with a price review" } else { "" }
    )
}

/// "renews on …" for the renewal guarded by the first open non-renewal notice deadline,
/// if there is one (the renewals before it are locked in).
fn undecided_renewal_text(s: &Assessment, agreement: &Agreement) -> Option<String> {
    s.events
        .iter()
        .filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline && e.status == EventStatus::Open)
        .min_by_key(|e| e.date)
        .and_then(|e| match e.basis {
            Basis::NoticeBeforeExpiry { term, .. } => term.renewal_date(),
            _ => None,
        })
        .map(|r| renews_text(s, agreement, r))
}

/// What happens if nobody acts when no notice deadline is the question: the next renewal,
/// or the end.
fn base_outcome(s: &Assessment, agreement: &Agreement) -> String {
    if s.renewing {
        match s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Renewal && e.status == EventStatus::Open)
            .map(|e| e.date)
            .min()
        {
            Some(r) => renews_text(s, agreement, r),
            None => "renews automatically".to_string(),
        }
    } else if let Some(end) = s.end_date {
        format!("ends on {}", long_date(end))
    } else if agreement.effective_date.is_none() || agreement.initial_term.is_none() {
        "unknown: the effective date or term is missing".to_string()
    } else {
        "unknown".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Country;
    use crate::dates::Period;
    use crate::model::{
        DecisionChoice, ExitRight, RecordedDecision, ServedNotice, Sourced, TerminationKind,
        TerminationRight,
    };
    use crate::rules::assess;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sourced<T>(v: T) -> Option<Sourced<T>> {
        Some(Sourced::new(v, Default::default()))
    }

    /// Microsoft Peru as the worked example reads it.
    fn microsoft() -> Agreement {
        let mut a = Agreement::new("Microsoft Peru Partnership Agreement");
        a.effective_date = sourced(d("2023-01-01"));
        a.initial_term = sourced(Period::years(3));
        a.auto_renewal = sourced(true);
        a.renewal_period = sourced(Period::months(12));
        a.non_renewal_notice = sourced(Period::days(90));
        a.price_review = sourced(PriceReview::AtEachRenewal);
        a.country = sourced(Country::Peru);
        a.termination_rights.push(TerminationRight {
            scenario: "Convenience".into(),
            kind: TerminationKind::Convenience,
            notice: Some(Period::days(180)),
            cure_period: None,
            consequence: "Wind-down plan".into(),
            source: Default::default(),
        });
        a
    }

    /// AWS Peru: 3 years, no renewal clause, exit windows.
    fn aws() -> Agreement {
        let mut a = Agreement::new("AWS Peru Cloud Agreement");
        a.effective_date = sourced(d("2023-07-01"));
        a.initial_term = sourced(Period::years(3));
        a.country = sourced(Country::Peru);
        for (scenario, days) in [("Data export", 90), ("Assisted migration", 180)] {
            a.exit_rights.push(ExitRight {
                scenario: scenario.into(),
                process: String::new(),
                window: Some(Period::days(days)),
                source: Default::default(),
            });
        }
        a
    }

    #[test]
    fn before_the_notice_deadline_the_next_renewal_is_decided() {
        let a = microsoft();
        let s = assess(&a, d("2026-09-01"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::StopRenewal);
        assert_eq!(dec.renewal, Some(d("2027-01-01")));
        assert_eq!(dec.deadline, Some(d("2026-10-02")));
        assert_eq!(dec.act_by, Some(d("2026-10-02")));
        assert_eq!(dec.days_left, Some(31));
        assert!(dec.locked_in.is_empty());
        assert_eq!(
            dec.if_nobody_acts,
            "renews on Fri 1 Jan 2027 for 12 months with a price review"
        );
        assert_eq!(
            dec.options,
            vec![
                DecisionOption::Renew,
                DecisionOption::Renegotiate,
                DecisionOption::Exit
            ]
        );
    }

    #[test]
    fn after_the_notice_deadline_the_renewal_is_locked_in_and_the_next_one_decided() {
        let a = microsoft();
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(dec.renewal, Some(d("2028-01-01")));
        assert_eq!(dec.deadline, Some(d("2027-10-02")));
        assert_eq!(dec.act_by, Some(d("2027-10-01")));
        assert_eq!(dec.days_left, Some(312));
        assert_eq!(dec.locked_in.len(), 1);
        assert_eq!(
            dec.locked_in_text().as_deref(),
            Some("Already locked in (its notice deadline has closed): the renewal of Fri 1 Jan 2027 (Term 3, second renewal: Fri 1 Jan 2027 – Fri 31 Dec 2027)")
        );
        assert_eq!(
            dec.when_text().as_deref(),
            Some("Window closes Sat 2 Oct 2027; last business day to act Fri 1 Oct 2027")
        );
        // The assessment's default outcome is the decision's.
        assert_eq!(s.default_outcome(&a), dec.if_nobody_acts);
    }

    #[test]
    fn expired_with_an_open_window_decides_the_window_and_its_last_business_day() {
        let a = aws();
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::UseExitWindow);
        // 180 days after 2026-06-30 is Sun 27 Dec 2026; 25 December is a holiday in
        // Peru, so the last business day to act is Thursday 24 December.
        assert_eq!(dec.deadline, Some(d("2026-12-27")));
        assert_eq!(dec.act_by, Some(d("2026-12-24")));
        assert_eq!(
            dec.if_nobody_acts,
            "expired on Tue 30 Jun 2026; assisted migration closes Sun 27 Dec 2026"
        );
        assert!(dec
            .question
            .starts_with("The agreement expired on Tue 30 Jun 2026"));
        assert!(!dec.options.contains(&DecisionOption::Renew));
    }

    #[test]
    fn expired_with_every_window_closed_has_nothing_to_decide() {
        let a = aws();
        let s = assess(&a, d("2027-03-01"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::Ended);
        assert_eq!(dec.deadline, None);
        assert!(!dec.is_open());
        assert_eq!(dec.if_nobody_acts, "expired on Tue 30 Jun 2026");
    }

    #[test]
    fn a_fixed_term_in_force_decides_renegotiation_or_expiry() {
        let a = aws();
        let s = assess(&a, d("2026-03-01"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::TermEnds);
        assert_eq!(dec.deadline, Some(d("2026-06-30")));
        assert_eq!(dec.act_by, Some(d("2026-06-30")));
        assert_eq!(dec.if_nobody_acts, "ends on Tue 30 Jun 2026");
        assert_eq!(
            dec.options,
            vec![DecisionOption::Renegotiate, DecisionOption::LetExpire]
        );
    }

    #[test]
    fn notice_served_turns_the_question_into_the_planned_end() {
        let mut a = microsoft();
        a.recorded.non_renewal_notice = Some(ServedNotice {
            served_on: d("2026-09-15"),
            note: String::new(),
        });
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::TermEnds);
        assert_eq!(dec.deadline, Some(d("2026-12-31")));
        // 31 December 2026 is a Thursday and a business day in Peru.
        assert_eq!(dec.act_by, Some(d("2026-12-31")));
        assert_eq!(dec.if_nobody_acts, "ends on Thu 31 Dec 2026");
        assert!(!dec.options.contains(&DecisionOption::Renegotiate));
        assert!(dec.question.contains("notice served"));
        assert!(!dec.is_open(), "only the exit is left to carry out");
    }

    #[test]
    fn a_planned_exit_decides_the_serve_by_date() {
        let mut a = microsoft();
        a.recorded.planned_exit = Some(d("2027-06-30"));
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::PlannedExit);
        // 2027-06-30 − 180 days = 2027-01-01, a public holiday in Peru, then 31 December 2026.
        assert_eq!(dec.deadline, Some(d("2027-01-01")));
        assert_eq!(dec.act_by, Some(d("2026-12-31")));
        // Without the notice, the renewal of 1 January 2027 is locked in anyway and the one
        // still undecided is 1 January 2028.
        assert_eq!(
            dec.if_nobody_acts,
            "without notice by then it cannot end on Wed 30 Jun 2027; renews on Sat 1 Jan 2028 for 12 months with a price review"
        );
        assert!(dec.is_open());
    }

    #[test]
    fn terminated_agreements_speak_of_termination() {
        let mut a = microsoft();
        a.recorded.termination_notice = Some(ServedNotice {
            served_on: d("2026-01-10"),
            note: String::new(),
        });
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(s.status, AgreementStatus::Terminated);
        assert_eq!(dec.kind, DecisionKind::Ended);
        assert_eq!(dec.if_nobody_acts, "terminated on Thu 9 Jul 2026");
    }

    #[test]
    fn a_missing_term_is_a_gap_not_a_date() {
        let mut a = microsoft();
        a.initial_term = None;
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        assert_eq!(dec.kind, DecisionKind::Incomplete);
        assert_eq!(dec.deadline, None);
        assert_eq!(dec.options, vec![DecisionOption::CompleteData]);
    }

    #[test]
    fn a_recorded_decision_answers_its_question_only() {
        let mut a = microsoft();
        let as_of = d("2026-11-23");
        let open = decide(&assess(&a, as_of), &a);
        assert!(open.is_open());
        assert_eq!(
            open.choices(),
            vec![
                DecisionChoice::Renew,
                DecisionChoice::Renegotiate,
                DecisionChoice::Exit
            ]
        );
        a.recorded.decision = Some(RecordedDecision {
            choice: DecisionChoice::Renegotiate,
            target_date: Some(d("2027-08-31")),
            about: open.event_id.clone(),
            decided_by: "Ana Torres".into(),
            decided_on: d("2026-11-30"),
            reason: "volumes below commitment".into(),
        });
        let decided = decide(&assess(&a, as_of), &a);
        assert!(!decided.is_open());
        assert_eq!(
            decided.recorded_text().as_deref(),
            Some("Decided: Renegotiate, by Ana Torres on Mon 30 Nov 2026 (new terms by Tue 31 Aug 2027): volumes below commitment")
        );
        // The question of the following renewal is open again.
        let next_year = decide(&assess(&a, d("2027-10-03")), &a);
        assert_eq!(next_year.renewal, Some(d("2029-01-01")));
        assert!(next_year.recorded.is_none() && next_year.is_open());
    }

    #[test]
    fn decide_by_is_the_lead_time_before_the_last_business_day_to_act() {
        let mut a = microsoft();
        let s = assess(&a, d("2026-11-23"));
        let dec = decide(&s, &a);
        // Default lead time: 30 days before Fri 1 Oct 2027 is Wed 1 Sep 2027.
        assert_eq!(dec.lead_time_days, 30);
        assert_eq!(dec.act_by, Some(d("2027-10-01")));
        assert_eq!(dec.decide_by, Some(d("2027-09-01")));
        assert_eq!(dec.decide_by_days_left, Some(282));
        assert_eq!(
            dec.decide_by_id().as_deref(),
            Some("decide_by:non_renewal_notice_deadline:2027-10-02")
        );
        assert!(!dec.decide_by_passed());
        assert_eq!(
            dec.decide_by_text().as_deref(),
            Some("Decide by (internal, 30 days ahead): Wed 1 Sep 2027")
        );
        assert_eq!(
            dec.next_step().as_deref(),
            Some("Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027")
        );
        // The legal deadline is unchanged by the lead time.
        a.recorded.lead_time_days = Some(45);
        let dec45 = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!((dec45.deadline, dec45.act_by), (dec.deadline, dec.act_by));
        assert_eq!(dec45.decide_by, Some(d("2027-08-17")));
    }

    #[test]
    fn decide_by_moves_back_over_weekends_and_holidays() {
        let mut a = microsoft();
        // 32 days before Fri 1 Oct 2027 is Mon 30 Aug 2027, Saint Rose of Lima (a public
        // holiday in Peru); Sun 29 and Sat 28 are not business days: Fri 27 Aug 2027.
        a.recorded.lead_time_days = Some(32);
        let dec = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(dec.decide_by, Some(d("2027-08-27")));
        // 33 days before is Sun 29 Aug 2027: also Fri 27 Aug.
        a.recorded.lead_time_days = Some(33);
        let dec = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(dec.decide_by, Some(d("2027-08-27")));
        assert_eq!(
            dec.decide_by_text().as_deref(),
            Some("Decide by (internal, 33 days ahead): Fri 27 Aug 2027")
        );
        // With rule 4 switched off for the agreement the date does not move.
        a.business_day_adjustment = false;
        let dec = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(dec.decide_by, Some(d("2027-08-30")));
    }

    #[test]
    fn no_decide_by_with_a_lead_time_of_0_or_a_recorded_decision() {
        let mut a = microsoft();
        a.recorded.lead_time_days = Some(0);
        let dec = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(dec.decide_by, None);
        assert_eq!(dec.decide_by_text(), None);
        assert!(dec.is_open());
        assert_eq!(
            dec.next_step().as_deref(),
            Some(
                "Next: decide; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027"
            )
        );
        a.recorded.lead_time_days = None;
        let open = decide(&assess(&a, d("2026-11-23")), &a);
        a.recorded.decision = Some(RecordedDecision {
            choice: DecisionChoice::Exit,
            target_date: None,
            about: open.event_id.clone(),
            decided_by: "Ana Torres".into(),
            decided_on: d("2026-11-30"),
            reason: String::new(),
        });
        let decided = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(decided.decide_by, None);
        assert_eq!(
            decided.next_step().as_deref(),
            Some("Next: serve notice of non-renewal by Fri 1 Oct 2027")
        );
        // Nothing to decide, nothing to decide by.
        let ended = decide(&assess(&aws(), d("2027-03-01")), &aws());
        assert_eq!((ended.decide_by, ended.next_step()), (None, None));
    }

    #[test]
    fn a_passed_decide_by_says_so_while_the_window_is_open() {
        // AWS Peru on Tue 1 Dec 2026: the assisted-migration window's last business day is
        // Thu 24 Dec 2026; 30 days before it is Tue 24 Nov 2026, already passed.
        let a = aws();
        let dec = decide(&assess(&a, d("2026-12-01")), &a);
        assert_eq!(dec.kind, DecisionKind::UseExitWindow);
        assert_eq!(dec.decide_by, Some(d("2026-11-24")));
        assert_eq!(dec.decide_by_days_left, Some(-7));
        assert!(dec.decide_by_passed());
        assert_eq!(
            dec.decide_by_text().as_deref(),
            Some("Decide by (internal, 30 days ahead): Tue 24 Nov 2026: passed with no decision recorded; 23 days left to act")
        );
        assert_eq!(
            dec.next_step().as_deref(),
            Some("Next: decide now (the internal decide-by date, Tue 24 Nov 2026, has passed); use the exit rights by Thu 24 Dec 2026")
        );
        // The day before, it was still ahead.
        let before = decide(&assess(&a, d("2026-11-23")), &a);
        assert_eq!(before.decide_by_days_left, Some(1));
        assert!(!before.decide_by_passed());
    }

    #[test]
    fn terms_have_one_name() {
        let t = Term {
            number: 3,
            start: d("2027-01-01"),
            end: d("2027-12-31"),
            length: Period::months(12),
        };
        assert_eq!(
            term_name(&t),
            "Term 3, second renewal: Fri 1 Jan 2027 – Fri 31 Dec 2027"
        );
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(21), "21st");
    }
}
