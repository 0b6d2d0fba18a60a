//! Rules 2 and 5: terms, expiry and rolling forward.
//!
//! renewal-rules.md §Arithmetic:
//!
//! > 2. **Expiry** of a term that starts on `S` and lasts `T` months: `S + T months - 1 day`.
//! >    Microsoft Peru: `2023-01-01 + 36 months - 1 day = 2025-12-31`.
//!
//! > 5. **Rolling forward.** Given today, the *current term* is found by starting from the
//! >    initial term and, while `expiry < today` and the agreement auto-renews, moving to the next
//! >    renewal period: each renewal term starts the day after the previous expiry and lasts the
//! >    renewal period (rule 2 from that start, so month-end starts may drift: that is what
//! >    "successive periods" means). A non-renewal notice recorded in time for a term ends the
//! >    agreement at that term's expiry; a termination notice ends it by rule 6; rolling stops
//! >    there. A fixed-term agreement whose expiry is before today is **expired**.
//!
//! And from "What an agreement yields": `renewal` — "each renewal date from today on (a
//! renewal today included), at least up to the renewal guarded by the first open notice
//! deadline".
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::Period;
//! use renewal_domain::rules::terms::initial_term;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // 2023-01-01 + 36 months - 1 day = 2025-12-31
//! let term = initial_term(d(2023, 1, 1), Period::months(36)).unwrap();
//! assert_eq!(term.end, d(2025, 12, 31));
//! assert_eq!(term.renewal_date(), Some(d(2026, 1, 1)));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{Period, Precision};
use crate::model::Agreement;

use super::assessment::Builder;
use super::events::{Basis, Clause, EndReason, EventKind, EventStatus};
use super::{notice_deadlines, reviews};

/// Most terms the engine walks through for one agreement (rolling forward, then ahead): a
/// guard against absurd inputs such as a one-day renewal period over centuries.
pub const MAX_TERMS: u32 = 100_000;

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

/// The initial term (rule 2): starts on the effective date, ends `start + length − 1 day`.
/// `None` past the calendar's range, or for a length in business days.
pub fn initial_term(start: NaiveDate, length: Period) -> Option<Term> {
    let end = length.last_day_from(start)?;
    Some(Term {
        number: 1,
        start,
        end,
        length,
    })
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

/// `terms` with the term being decided added when the engine did not list it (issue 16
/// item 2: every timeline draws the term a decision is about). `renewal` is the first day
/// of that term ([`crate::rules::decision::Decision::renewal`]) and `period` the renewal
/// period; the term is the one following the listed term that renews on `renewal`
/// ([`next_term`], rule 5). Microsoft Peru as of 2026-11-23: terms 1–3 are listed and the
/// renewal of 2028-01-01 is decided, so term 4 (2028-01-01 to 2028-12-31) is added.
pub fn with_decided_term(
    terms: &[Term],
    renewal: Option<NaiveDate>,
    period: Option<Period>,
) -> Vec<Term> {
    let mut out = terms.to_vec();
    if let (Some(r), Some(period)) = (renewal, period) {
        if !out.iter().any(|t| t.start == r) {
            if let Some(t) = out
                .iter()
                .rev()
                .find(|t| t.renewal_date() == Some(r))
                .and_then(|last| next_term(last, period))
            {
                out.push(t);
            }
        }
    }
    out
}

/// The day a non-renewal notice was recorded as served, if it was served on or before
/// `as_of` ("a recorded notice dated after today is not yet served").
pub fn non_renewal_served(agreement: &Agreement, as_of: NaiveDate) -> Option<NaiveDate> {
    agreement
        .recorded
        .non_renewal_notice
        .as_ref()
        .map(|n| n.served_on)
        .filter(|d| *d <= as_of)
}

/// Rules 2 and 5 on the builder: records the terms from the initial term to the current one
/// (stopping at the term a recorded notice ends, or that contains `recorded_end`, the end a
/// recorded termination fixes), then lists the renewals still ahead with their notice
/// deadlines (rule 3) and price reviews at renewal.
///
/// Returns the term the agreement ends with and why, when it ends by itself (a fixed term, no
/// renewal clause, a non-renewal notice served); `None` while it keeps renewing, when it ends
/// by a recorded termination, or when the term cannot be computed (a note says why).
pub(crate) fn roll_forward(
    b: &mut Builder<'_>,
    recorded_end: Option<NaiveDate>,
) -> Option<(Term, EndReason)> {
    let agreement = b.agreement;
    let start = agreement.effective_date.as_ref().map(|s| s.value);
    let length = agreement.initial_term.as_ref().map(|s| s.value);
    let (Some(start), Some(length)) = (start, length) else {
        if start.is_none() {
            b.out.notes.push(
                "no effective date: terms, renewals and notice deadlines cannot be computed"
                    .to_string(),
            );
        }
        if length.is_none() {
            b.out
                .notes
                .push("no term: renewals and notice deadlines cannot be computed".to_string());
        }
        return None;
    };
    let Some(first) = initial_term(start, length) else {
        b.out
            .notes
            .push("the initial term runs past the calendar's range".to_string());
        return None;
    };
    let renews = agreement.auto_renewal.as_ref().map(|s| s.value) == Some(true);
    let renewal = agreement
        .renewal_period
        .as_ref()
        .map(|s| s.value)
        .filter(|_| renews);
    if renews && renewal.is_none() {
        b.out.notes.push(
            "auto-renewal is stated but the renewal period is not: terms after the initial term cannot be computed"
                .to_string(),
        );
    }
    let as_of = b.as_of;
    let mut term = first;
    b.out.terms.push(term);
    // Rule 5: roll forward while the term expired before the as-of date, and stop at the
    // term a recorded notice ends.
    if let Some(rp) = renewal {
        let mut guard = 0u32;
        while term.end < as_of
            && !notice_deadlines::notice_served_in_time(b, &term)
            && recorded_end.is_none_or(|end| term.end < end)
            && guard < MAX_TERMS
        {
            guard += 1;
            let Some(next) = next_term(&term, rp) else {
                break;
            };
            term = next;
            b.out.terms.push(term);
        }
    }
    b.out.current = Some(b.out.terms.len() - 1);
    match renewal {
        Some(rp) => renewals_ahead(b, rp, recorded_end),
        None => end_of_last_term(b, term, renews, length),
    }
}

/// An agreement without a (known) renewal period: the current term is the last one, unless
/// it renews for an unknown period (then its renewal is listed, and the length of what
/// follows is unknown).
fn end_of_last_term(
    b: &mut Builder<'_>,
    term: Term,
    renews: bool,
    length: Period,
) -> Option<(Term, EndReason)> {
    let served = non_renewal_served(b.agreement, b.as_of);
    if notice_deadlines::notice_served_in_time(b, &term) {
        notice_deadlines::push_served_notice_deadline(b, term);
        return Some((
            term,
            EndReason::NonRenewalNoticeServed {
                served_on: served.unwrap_or(term.end),
            },
        ));
    }
    if renews {
        // Renews, but for an unknown period: say so rather than call it expired.
        push_renewal(b, term, length);
        return None;
    }
    let reason = if b.agreement.auto_renewal.is_none() {
        EndReason::NoRenewalClause
    } else {
        EndReason::FixedTerm
    };
    Some((term, reason))
}

/// "For each renewal still ahead": from the renewal on or after the as-of date, list each
/// renewal with its notice deadline and price review, at least the next two renewals and on
/// until the first notice deadline not yet past its contractual (unadjusted) date, however
/// short the renewal period. Stops at the term a served non-renewal notice ends (that term's
/// deadline is `done`) and before any renewal after `recorded_end`.
fn renewals_ahead(
    b: &mut Builder<'_>,
    period: Period,
    recorded_end: Option<NaiveDate>,
) -> Option<(Term, EndReason)> {
    let as_of = b.as_of;
    let has_notice = b.agreement.non_renewal_notice.is_some();
    let current = b.out.current.unwrap_or(0);
    // A renewal on the as-of date is still listed: start from the term it follows.
    let first = match b.out.terms.get(current) {
        Some(t) if t.start == as_of && current > 0 => current - 1,
        _ => current,
    };
    let mut listed_ahead = 0u32;
    let mut open_found = false;
    for i in first..first + MAX_TERMS as usize {
        let Some(&term) = b.out.terms.get(i) else {
            break;
        };
        if notice_deadlines::notice_served_in_time(b, &term) {
            b.out.renewing = false;
            notice_deadlines::push_served_notice_deadline(b, term);
            let served_on = non_renewal_served(b.agreement, as_of).unwrap_or(term.end);
            return Some((term, EndReason::NonRenewalNoticeServed { served_on }));
        }
        if recorded_end.is_some_and(|end| end <= term.end) {
            // A recorded termination ends the agreement within this term: no renewal.
            b.out.renewing = false;
            return None;
        }
        b.out.renewing = true;
        if let Some(ev) = notice_deadlines::push_notice_deadline(b, term) {
            open_found |= ev.unadjusted_date >= as_of || ev.status == EventStatus::Open;
        }
        if term.renewal_date().is_none() {
            break;
        }
        push_renewal(b, term, period);
        reviews::push_price_review_at_renewal(b, term);
        if i >= current {
            listed_ahead += 1;
        }
        if listed_ahead >= 2 && (open_found || !has_notice) {
            break;
        }
        if i + 1 >= b.out.terms.len() {
            let Some(next) = next_term(&term, period) else {
                break;
            };
            b.out.terms.push(next);
        }
    }
    None
}

/// The renewal after `term` (Vocabulary: renewal date = expiry + 1 day), renewing for
/// `next_length`.
fn push_renewal(b: &mut Builder<'_>, term: Term, next_length: Period) {
    if let Some(renewal_date) = term.renewal_date() {
        b.push(
            EventKind::Renewal,
            renewal_date,
            Precision::Day,
            Basis::RenewalAfterTerm { term, next_length },
            Clause::RenewalPeriod,
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ServedNotice, Source, Sourced};
    use crate::rules::assess;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn renewing(effective: &str, initial: Period, renewal: Period, notice: Period) -> Agreement {
        let src = || Source::user("test");
        let mut a = Agreement::new("Rolling");
        a.effective_date = Some(Sourced::new(d(effective), src()));
        a.initial_term = Some(Sourced::new(initial, src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(renewal, src()));
        a.non_renewal_notice = Some(Sourced::new(notice, src()));
        a
    }

    #[test]
    fn the_term_being_decided_is_added_once_after_the_term_that_renews_into_it() {
        // Microsoft Peru as of 2026-11-23: 3 years from 2023-01-01, then 12 months.
        let a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
        );
        let s = assess(&a, d("2026-11-23"));
        let listed: Vec<u32> = s.terms.iter().map(|t| t.number).collect();
        assert_eq!(listed, vec![1, 2, 3]);
        let drawn = with_decided_term(&s.terms, Some(d("2028-01-01")), Some(Period::months(12)));
        let last = drawn.last().map(|t| (t.number, t.start, t.end));
        assert_eq!(last, Some((4, d("2028-01-01"), d("2028-12-31"))));
        // Already listed, no renewal period, or no renewal being decided: unchanged.
        let again = with_decided_term(&drawn, Some(d("2028-01-01")), Some(Period::months(12)));
        assert_eq!(again.len(), 4);
        assert_eq!(
            with_decided_term(&s.terms, Some(d("2028-01-01")), None).len(),
            3
        );
        assert_eq!(
            with_decided_term(&s.terms, None, Some(Period::months(12))).len(),
            3
        );
        // A renewal date no listed term renews into adds nothing.
        assert_eq!(
            with_decided_term(&s.terms, Some(d("2030-01-01")), Some(Period::months(12))).len(),
            3
        );
    }

    #[test]
    fn expiry_is_start_plus_term_minus_one_day() {
        let t = initial_term(d("2023-01-01"), Period::years(3));
        assert_eq!(t.map(|t| t.end), Some(d("2025-12-31")));
        let t = initial_term(d("2023-01-31"), Period::months(1));
        assert_eq!(t.map(|t| t.end), Some(d("2023-02-27")));
    }

    #[test]
    fn each_renewal_starts_the_day_after_the_previous_expiry_and_drifts() {
        let first = initial_term(d("2023-01-31"), Period::months(1)).unwrap_or_else(|| {
            panic!("in range");
        });
        let second = next_term(&first, Period::months(1));
        // 2023-02-28 + 1 month − 1 day = 2023-03-27: the month-end start drifts.
        assert_eq!(
            second.map(|t| (t.number, t.start, t.end)),
            Some((2, d("2023-02-28"), d("2023-03-27")))
        );
    }

    #[test]
    fn the_current_term_contains_the_as_of_date() {
        let a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
        );
        let s = assess(&a, d("2026-11-23"));
        let cur = s.current_term().copied();
        assert_eq!(
            cur.map(|t| (t.number, t.start, t.end)),
            Some((2, d("2026-01-01"), d("2026-12-31")))
        );
    }

    #[test]
    fn a_renewal_on_the_as_of_date_is_listed_and_open() {
        let a = renewing(
            "2025-11-29",
            Period::years(1),
            Period::months(12),
            Period::days(30),
        );
        let s = assess(&a, d("2026-11-29"));
        let renewal = s
            .events
            .iter()
            .find(|e| e.kind == EventKind::Renewal && e.date == d("2026-11-29"));
        assert_eq!(renewal.map(|e| e.status), Some(EventStatus::Open));
    }

    #[test]
    fn rolling_stops_at_the_term_a_notice_served_in_time_ends() {
        let mut a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
        );
        a.recorded.non_renewal_notice = Some(ServedNotice {
            served_on: d("2026-09-01"),
            note: String::new(),
        });
        let s = assess(&a, d("2028-06-01"));
        assert_eq!(s.current_term().map(|t| t.end), Some(d("2026-12-31")));
        assert_eq!(s.end_date, Some(d("2026-12-31")));
        assert!(!s.events.iter().any(|e| e.date > d("2026-12-31")));
    }

    #[test]
    fn a_notice_recorded_with_a_future_date_changes_nothing_yet() {
        let mut a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
        );
        a.recorded.non_renewal_notice = Some(ServedNotice {
            served_on: d("2026-09-01"),
            note: String::new(),
        });
        let before = assess(&a, d("2026-08-31"));
        assert!(before.renewing);
        assert_eq!(before.end_date, None);
        let after = assess(&a, d("2026-09-01"));
        assert!(!after.renewing);
        assert_eq!(after.end_date, Some(d("2026-12-31")));
    }

    #[test]
    fn a_renewal_period_without_auto_renewal_computes_no_renewal_and_no_notice_deadline() {
        // A renewal *option* read from "may renew for an additional term of 12 months"
        // (issue 10 item 6): its length is kept as the renewal period while auto-renewal is
        // false or unknown, and rule 5 rolls forward only while the agreement auto-renews.
        for auto in [Some(false), None] {
            let mut a = renewing(
                "2023-01-01",
                Period::years(3),
                Period::months(12),
                Period::days(90),
            );
            a.auto_renewal = auto.map(|v| Sourced::new(v, Source::user("test")));
            // before the end of the initial term: its expiry, no renewal, no notice deadline
            let s = assess(&a, d("2025-06-01"));
            assert!(!s.renewing, "{auto:?}");
            assert_eq!(s.end_date, Some(d("2025-12-31")), "{auto:?}");
            assert!(
                !s.events.iter().any(|e| matches!(
                    e.kind,
                    EventKind::Renewal | EventKind::NonRenewalNoticeDeadline
                )),
                "{auto:?}: {:?}",
                s.events.iter().map(|e| e.kind).collect::<Vec<_>>()
            );
            assert!(s
                .events
                .iter()
                .any(|e| e.kind == EventKind::Expiry && e.date == d("2025-12-31")));
            // after it: one term only, never rolled into a renewal
            let s = assess(&a, d("2027-06-01"));
            assert_eq!(s.terms.len(), 1, "{auto:?}");
            assert!(!s.events.iter().any(|e| e.kind == EventKind::Renewal));
        }
        // the same agreement with auto-renewal true renews and has a notice deadline
        let a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
        );
        let s = assess(&a, d("2025-06-01"));
        assert!(s
            .events
            .iter()
            .any(|e| e.kind == EventKind::NonRenewalNoticeDeadline
                && e.unadjusted_date == d("2025-10-02")));
    }
}
