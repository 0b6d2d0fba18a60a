//! Rule 6: termination for convenience, and the end a recorded notice fixes.
//!
//! renewal-rules.md §Arithmetic, rule 6:
//!
//! > **Termination for convenience** with notice `N`: notice served on day `D` ends the
//! > agreement no earlier than `D + N days`. Show "if notice is served today, the earliest end
//! > is ..." (only while the agreement has not ended). It is not a deadline by itself; it
//! > becomes one when the user plans an exit date (then the serve-by date is `exit - N days`,
//! > adjusted by rule 4). Once a termination notice is recorded, the end it yields is an
//! > `expiry` event, and no renewal, price review or notice deadline after that end is listed.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::calendar::Country;
//! use renewal_domain::dates::Period;
//! use renewal_domain::rules::termination::earliest_end;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // Microsoft Peru: notice served 2026-11-23 with 180 days ends no earlier than 2027-05-22.
//! assert_eq!(earliest_end(d(2026, 11, 23), Period::days(180), &Country::Peru), Some(d(2027, 5, 22)));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Country;
use crate::dates::{Period, Precision};
use crate::model::{Agreement, AgreementStatus, TerminationKind, TerminationRight};

use super::assessment::Builder;
use super::business_days::{self, agreement_country};
use super::events::{Basis, Clause, EndReason, EventKind};
use super::terms::Term;

/// "If notice of termination for convenience is served today" (rule 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvenienceExit {
    /// Notice period of the termination-for-convenience right.
    pub notice: Period,
    /// Index in `termination_rights`.
    pub clause: Clause,
    /// as-of date + notice: the earliest day the agreement can end if notice is served on the
    /// as-of date.
    pub earliest_end_if_served_today: NaiveDate,
}

/// The end a recorded termination notice fixes (rule 6), with its arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordedTermination {
    /// Last day of the agreement.
    pub end: NaiveDate,
    /// Why (served on, notice, planned exit).
    pub reason: EndReason,
    /// The termination right it came from, or the initial term when none is stated.
    pub clause: Clause,
}

/// The first termination-for-convenience right with a notice period, and its index.
pub fn convenience_right(agreement: &Agreement) -> Option<(usize, &TerminationRight)> {
    agreement
        .termination_rights
        .iter()
        .enumerate()
        .find(|(_, t)| t.kind == TerminationKind::Convenience && t.notice.is_some())
}

/// Rule 6: notice served on `served_on` with a notice period of `notice` ends the agreement no
/// earlier than `served_on + notice` (business days counted on `country`'s calendar).
pub fn earliest_end(served_on: NaiveDate, notice: Period, country: &Country) -> Option<NaiveDate> {
    business_days::period_after(country, served_on, notice)
}

/// The end fixed by a termination notice recorded as served on or before the as-of date:
/// `served + notice`, or the planned exit when later. A notice recorded with a later date is
/// not yet served and changes nothing.
pub(crate) fn recorded_termination(
    agreement: &Agreement,
    as_of: NaiveDate,
) -> Option<RecordedTermination> {
    let served = agreement
        .recorded
        .termination_notice
        .as_ref()
        .filter(|n| n.served_on <= as_of)?;
    let (notice, clause) = match convenience_right(agreement) {
        Some((i, r)) => (
            r.notice.unwrap_or(Period::days(0)),
            Clause::TerminationRight(i),
        ),
        None => (Period::days(0), Clause::InitialTerm),
    };
    let earliest = earliest_end(served.served_on, notice, agreement_country(agreement))
        .unwrap_or(served.served_on);
    let planned = agreement.recorded.planned_exit.filter(|e| *e > earliest);
    Some(RecordedTermination {
        end: planned.unwrap_or(earliest),
        reason: EndReason::TerminationNoticeServed {
            served_on: served.served_on,
            notice,
            planned_exit: planned,
        },
        clause,
    })
}

/// Settles how the agreement ends: the end of its last term (`term_end`, from rules 2 and 5)
/// or a recorded termination, whichever comes first, listed as the `expiry` event. Sets the
/// assessment's end date and status (expired or terminated once the end has passed) and, for
/// an end fixed by a recorded notice, drops every event after it. Returns the end.
pub(crate) fn settle_end(
    b: &mut Builder<'_>,
    term_end: Option<(Term, EndReason)>,
    termination: Option<RecordedTermination>,
) -> Option<NaiveDate> {
    let by_term = term_end.map(|(term, reason)| {
        (
            term.end,
            Basis::TermEnd { term, reason },
            Clause::InitialTerm,
        )
    });
    let by_notice = termination.map(|t| {
        (
            t.end,
            Basis::TerminationEffective { reason: t.reason },
            t.clause,
        )
    });
    let (end, basis, clause) = match (by_term, by_notice) {
        (Some(t), Some(n)) if n.0 < t.0 => n,
        (Some(t), _) => t,
        (None, Some(n)) => n,
        (None, None) => return None,
    };
    let terminated = matches!(basis, Basis::TerminationEffective { .. });
    let fixed_by_notice = terminated
        || matches!(
            basis,
            Basis::TermEnd {
                reason: EndReason::NonRenewalNoticeServed { .. },
                ..
            }
        );
    if fixed_by_notice {
        // Nothing after an end fixed by a recorded notice (rule 6).
        b.out.events.retain(|e| e.unadjusted_date <= end);
        b.out.renewing = false;
    }
    b.out.end_date = Some(end);
    b.push(EventKind::Expiry, end, Precision::Day, basis, clause, None);
    if end < b.as_of {
        b.out.status = if terminated {
            AgreementStatus::Terminated
        } else {
            AgreementStatus::Expired
        };
    }
    Some(end)
}

/// A planned exit without a recorded termination notice turns the convenience notice into a
/// serve-by deadline: `exit − notice`, adjusted by rule 4.
pub(crate) fn push_serve_by(b: &mut Builder<'_>, termination_recorded: bool) {
    if termination_recorded {
        return;
    }
    let Some(exit) = b.agreement.recorded.planned_exit else {
        return;
    };
    let Some((i, right)) = convenience_right(b.agreement) else {
        return;
    };
    let Some(notice) = right.notice else {
        return;
    };
    if let Some(serve_by) =
        business_days::period_before(agreement_country(b.agreement), exit, notice)
    {
        b.push(
            EventKind::TerminationNoticeDeadline,
            serve_by,
            Precision::Day,
            Basis::ServeBy { exit, notice },
            Clause::TerminationRight(i),
            None,
        );
    }
}

/// "If notice is served today, the earliest end is ..." — only while the agreement has not
/// ended (its end, if known, is not before the as-of date).
pub(crate) fn convenience_if_served_today(b: &mut Builder<'_>) {
    if b.out.end_date.is_some_and(|end| end < b.as_of) {
        return;
    }
    let Some((i, right)) = convenience_right(b.agreement) else {
        return;
    };
    let Some(notice) = right.notice else {
        return;
    };
    if let Some(end) = earliest_end(b.as_of, notice, agreement_country(b.agreement)) {
        b.out.convenience = Some(ConvenienceExit {
            notice,
            clause: Clause::TerminationRight(i),
            earliest_end_if_served_today: end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ServedNotice, Source, Sourced};
    use crate::rules::{assess, EventStatus};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn with_convenience() -> Agreement {
        let src = || Source::user("test");
        let mut a = Agreement::new("Convenience");
        a.effective_date = Some(Sourced::new(d("2023-01-01"), src()));
        a.initial_term = Some(Sourced::new(Period::years(3), src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(Period::months(12), src()));
        a.non_renewal_notice = Some(Sourced::new(Period::days(90), src()));
        a.country = Some(Sourced::new(Country::Peru, src()));
        a.termination_rights.push(TerminationRight {
            scenario: "Convenience".to_string(),
            kind: TerminationKind::Convenience,
            notice: Some(Period::days(180)),
            cure_period: None,
            consequence: String::new(),
            source: src(),
        });
        a
    }

    #[test]
    fn earliest_end_if_served_on_the_as_of_date() {
        let a = with_convenience();
        let s = assess(&a, d("2026-11-23"));
        let c = s.convenience.unwrap();
        assert_eq!(c.earliest_end_if_served_today, d("2027-05-22"));
        assert_eq!(c.clause, Clause::TerminationRight(0));
    }

    #[test]
    fn after_a_recorded_termination_nothing_follows_the_end() {
        let mut a = with_convenience();
        a.recorded.termination_notice = Some(ServedNotice {
            served_on: d("2027-06-01"),
            note: String::new(),
        });
        let s = assess(&a, d("2027-06-01"));
        assert_eq!(s.end_date, Some(d("2027-11-28")));
        assert!(!s.renewing);
        assert!(
            s.events
                .iter()
                .all(|e| e.unadjusted_date <= d("2027-11-28")),
            "{:?}",
            s.events
        );
        assert!(!s.events.iter().any(
            |e| e.kind == EventKind::NonRenewalNoticeDeadline && e.status == EventStatus::Open
        ));
        // Once ended: terminated, no "if served today", rolling stopped at the last term.
        let later = assess(&a, d("2029-01-01"));
        assert_eq!(later.status, AgreementStatus::Terminated);
        assert_eq!(later.convenience, None);
        assert_eq!(later.current_term().map(|t| t.end), Some(d("2027-12-31")));
        assert!(later
            .events
            .iter()
            .all(|e| e.unadjusted_date <= d("2027-11-28")));
    }

    #[test]
    fn a_termination_recorded_with_a_future_date_changes_nothing_yet() {
        let mut a = with_convenience();
        a.recorded.termination_notice = Some(ServedNotice {
            served_on: d("2027-06-01"),
            note: String::new(),
        });
        let s = assess(&a, d("2027-05-31"));
        assert_eq!(s.end_date, None);
        assert!(s.renewing);
    }
}
