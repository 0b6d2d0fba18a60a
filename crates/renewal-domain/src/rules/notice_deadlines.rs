//! Rule 3: notice deadlines.
//!
//! renewal-rules.md §Arithmetic, rule 3:
//!
//! > **Notice deadline** for a notice period of `N days` before a term that expires on `E`:
//! > `E - N days`. Notice served on that day leaves N full days up to and including expiry.
//! > Microsoft Peru, first renewal: `2025-12-31 - 90 days = 2025-10-02`.
//! > For `N months`: `E - N months` by rule 1.
//! > For `N business days` ("30 días hábiles"): the deadline `D` is the day before the N-th
//! > business day counted back from `E` (E itself counts when it is a business day), so that N
//! > business days of the agreement's calendar lie after `D` up to and including `E`; then rule
//! > 4 applies to `D`. Colombia, 15 business days before `2027-01-14`: `2026-12-21`. An
//! > unqualified "días" / "days" is calendar days.
//! > The contractual deadline is the unadjusted date: notice served on or before it is in time.
//!
//! [`notice_deadline`] is the one place that computes it; [`push_notice_deadline`] the one
//! place that lists it as a `non_renewal_notice_deadline` event.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::calendar::Country;
//! use renewal_domain::dates::Period;
//! use renewal_domain::rules::notice_deadlines::notice_deadline;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // 2025-12-31 - 90 days = 2025-10-02
//! assert_eq!(
//!     notice_deadline(d(2025, 12, 31), Period::days(90), &Country::Peru),
//!     Some(d(2025, 10, 2))
//! );
//! ```
//!
//! The business-day example, on the Colombian calendar (25 December, 1 January and the
//! Epiphany holiday moved to Monday 11 January 2027 do not count):
//!
//! ```
//! # use chrono::NaiveDate;
//! # use renewal_domain::calendar::Country;
//! # use renewal_domain::rules::notice_deadlines::notice_deadline;
//! # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! use renewal_domain::dates::{Period, PeriodUnit};
//! let fifteen = Period { amount: 15, unit: PeriodUnit::BusinessDays };
//! let co = Country::parse("CO").unwrap();
//! assert_eq!(notice_deadline(d(2027, 1, 14), fifteen, &co), Some(d(2026, 12, 21)));
//! ```

use chrono::NaiveDate;

use crate::calendar::Country;
use crate::dates::{Period, PeriodUnit, Precision};

use super::assessment::Builder;
use super::business_days::{self, agreement_country};
use super::events::{Basis, Clause, DatedEvent, EventKind, EventStatus};
use super::terms::{non_renewal_served, Term};

/// Rule 3: the last day to serve notice of `notice` before a term that expires on
/// `term_end`, unadjusted (the contractual deadline): `term_end − notice` for days, weeks,
/// months and years (rule 1); for business days, the day before the `N`-th business day of
/// `country` counted back from `term_end`. `None` past the calendar's range.
pub fn notice_deadline(
    term_end: NaiveDate,
    notice: Period,
    country: &Country,
) -> Option<NaiveDate> {
    business_days::period_before(country, term_end, notice)
}

/// Lists the non-renewal notice deadline that guards the renewal after `term` (rule 3, then
/// rule 4 and the statuses through the builder). `None` when the agreement states no notice
/// period or the deadline is out of the calendar's range.
pub(crate) fn push_notice_deadline<'b>(
    b: &'b mut Builder<'_>,
    term: Term,
) -> Option<&'b mut DatedEvent> {
    let notice = b.agreement.non_renewal_notice.as_ref()?.value;
    let deadline = notice_deadline(term.end, notice, agreement_country(b.agreement))?;
    Some(b.push(
        EventKind::NonRenewalNoticeDeadline,
        deadline,
        Precision::Day,
        Basis::NoticeBeforeExpiry { term, notice },
        Clause::NonRenewalNotice,
        None,
    ))
}

/// Lists the deadline of the term a recorded non-renewal notice ends, as `done`.
pub(crate) fn push_served_notice_deadline(b: &mut Builder<'_>, term: Term) {
    if let Some(ev) = push_notice_deadline(b, term) {
        ev.status = EventStatus::Done;
    }
}

/// Whether a non-renewal notice recorded as served (on or before the as-of date) was served
/// in time for `term`: on or before its unadjusted notice deadline (rule 3's "contractual
/// deadline"), or on or before its expiry when the agreement states no notice period. The
/// first such term is the last one (rule 5).
pub(crate) fn notice_served_in_time(b: &Builder<'_>, term: &Term) -> bool {
    let Some(served) = non_renewal_served(b.agreement, b.as_of) else {
        return false;
    };
    match b.agreement.non_renewal_notice.as_ref().map(|n| n.value) {
        Some(n) => notice_deadline(term.end, n, agreement_country(b.agreement))
            .is_some_and(|deadline| served <= deadline),
        None => served <= term.end,
    }
}

/// A warning when a notice period is as long as or longer than the term it guards, so that
/// its deadline would fall before that term starts (the notice for a renewal would be due
/// before the previous renewal happens). `term_name` names the term in the text ("initial
/// term", "renewal period"); `start` is the term's first day when known (then the check is
/// exact, by rules 1–3 on `country`'s calendar), otherwise lengths are compared in
/// approximate days. `None` when the notice period is shorter.
///
/// ```
/// use chrono::NaiveDate;
/// use renewal_domain::calendar::Country;
/// use renewal_domain::dates::Period;
/// use renewal_domain::rules::notice_deadlines::notice_outlasts_term;
///
/// let start = NaiveDate::from_ymd_opt(2028, 3, 1);
/// let w = notice_outlasts_term(Period::days(364), Period::months(6), "renewal period", start, &Country::Peru);
/// assert!(w.unwrap().contains("364 days"));
/// assert_eq!(notice_outlasts_term(Period::days(90), Period::months(12), "renewal period", start, &Country::Peru), None);
/// ```
pub fn notice_outlasts_term(
    notice: Period,
    term: Period,
    term_name: &str,
    start: Option<NaiveDate>,
    country: &Country,
) -> Option<String> {
    let exact = start.and_then(|s| {
        let end = term.last_day_from(s)?;
        let deadline = notice_deadline(end, notice, country)?;
        Some(deadline < s)
    });
    let outlasts = match exact {
        Some(x) => x,
        None => notice.approx_days() >= term.approx_days(),
    };
    outlasts.then(|| {
        format!(
            "the non-renewal notice period ({notice}) is as long as or longer than the {term_name} ({term}): each notice deadline falls before the term it guards starts; confirm both periods"
        )
    })
}

/// The workings line of rule 3 for a deadline `deadline` before `term` (see
/// [`super::workings`]).
pub(crate) fn workings_line(
    term: &Term,
    notice: Period,
    deadline: NaiveDate,
    country: &Country,
) -> String {
    match notice.unit {
        PeriodUnit::BusinessDays => format!(
            "Notice deadline = the day before the {} business day counted back from expiry {} on the {} calendar = {deadline} (rule 3): {notice} lie after it up to and including expiry",
            ordinal(notice.amount),
            term.end,
            country.name(),
        ),
        PeriodUnit::Days => format!(
            "Notice deadline = expiry − notice period = {} − {notice} = {deadline} (rule 3); notice served that day leaves {} full days up to and including expiry",
            term.end, notice.amount
        ),
        _ => format!(
            "Notice deadline = expiry − notice period = {} − {notice} = {deadline} (rule 3)",
            term.end
        ),
    }
}

/// `1st`, `2nd`, `3rd`, `15th`.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Source, Sourced};
    use crate::rules::assess;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn business_days(n: u32) -> Period {
        Period {
            amount: n,
            unit: PeriodUnit::BusinessDays,
        }
    }

    fn renewing(
        effective: &str,
        initial: Period,
        renewal: Period,
        notice: Period,
        country: Country,
    ) -> Agreement {
        let src = || Source::user("test");
        let mut a = Agreement::new("Notice");
        a.effective_date = Some(Sourced::new(d(effective), src()));
        a.initial_term = Some(Sourced::new(initial, src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(renewal, src()));
        a.non_renewal_notice = Some(Sourced::new(notice, src()));
        a.country = Some(Sourced::new(country, src()));
        a
    }

    #[test]
    fn calendar_days_and_months_before_expiry() {
        assert_eq!(
            notice_deadline(d("2025-12-31"), Period::days(90), &Country::Peru),
            Some(d("2025-10-02"))
        );
        // Months by rule 1, clamped at month end.
        assert_eq!(
            notice_deadline(d("2025-05-31"), Period::months(3), &Country::Peru),
            Some(d("2025-02-28"))
        );
    }

    #[test]
    fn business_days_on_the_peru_calendar() {
        // Back from Thu 2027-01-14: 14, 13, 12, 11, 8, 7, 6, 5, 4 (9), [1 Jan New Year],
        // 31, 30, 29, 28 (13), [27, 26, 25 Christmas], 24 (14), 23 (15) → the day before: 22.
        assert_eq!(
            notice_deadline(d("2027-01-14"), business_days(15), &Country::Peru),
            Some(d("2026-12-22"))
        );
    }

    #[test]
    fn business_days_colombia_worked_example() {
        // renewal-rules.md rule 3: Colombia, 15 business days before 2027-01-14: 2026-12-21
        // (25 December, 1 January and Epiphany, moved to Monday 11 January 2027, do not count).
        let co = Country::parse("CO").unwrap();
        assert!(
            co.has_holiday_calendar(),
            "the Colombia calendar is missing"
        );
        assert_eq!(
            notice_deadline(d("2027-01-14"), business_days(15), &co),
            Some(d("2026-12-21"))
        );
    }

    #[test]
    fn a_business_day_deadline_is_listed_with_its_workings() {
        let a = renewing(
            "2024-01-15",
            Period::years(3),
            Period::months(12),
            business_days(15),
            Country::Peru,
        );
        let s = assess(&a, d("2026-11-23"));
        let ev = s
            .events
            .iter()
            .find(|e| {
                e.kind == EventKind::NonRenewalNoticeDeadline && e.status == EventStatus::Open
            })
            .unwrap();
        assert_eq!(ev.unadjusted_date, d("2026-12-22"));
        assert_eq!(ev.date, d("2026-12-22"));
        let w = ev.workings(&a).join("\n");
        assert!(
            w.contains("the day before the 15th business day counted back from expiry 2027-01-14 on the Peru calendar = 2026-12-22"),
            "{w}"
        );
    }

    #[test]
    fn the_first_open_deadline_is_listed_however_short_the_renewal_period() {
        // Issue 15: effective 2023-03-01, 5 years, 6-month renewals, 364-day notice, Peru, as of
        // 2028-02-29: open deadline 2029-02-28 − 364 days = 2028-03-01 (tomorrow).
        let a = renewing(
            "2023-03-01",
            Period::years(5),
            Period::months(6),
            Period::days(364),
            Country::Peru,
        );
        let s = assess(&a, d("2028-02-29"));
        let open = s.next_notice_deadline().unwrap();
        assert_eq!(open.unadjusted_date, d("2028-03-01"));
        assert!(open.explanation().contains("term ending 2029-02-28"));
        assert!(s
            .events
            .iter()
            .any(|e| e.kind == EventKind::Renewal && e.date == d("2029-03-01")));
    }

    #[test]
    fn open_until_the_unadjusted_date_saying_the_safe_day_has_passed() {
        // Microsoft Peru's 2027-10-02 (Saturday) deadline, acted on Friday 2027-10-01.
        let a = renewing(
            "2023-01-01",
            Period::years(3),
            Period::months(12),
            Period::days(90),
            Country::Peru,
        );
        let s = assess(&a, d("2027-10-02"));
        let ev = s
            .events
            .iter()
            .find(|e| {
                e.kind == EventKind::NonRenewalNoticeDeadline
                    && e.unadjusted_date == d("2027-10-02")
            })
            .unwrap();
        assert_eq!(ev.status, EventStatus::Open);
        assert_eq!(ev.date, d("2027-10-01"));
        assert!(
            ev.explanation()
                .contains("the safe business day (Fri 1 Oct 2027) has passed"),
            "{}",
            ev.explanation()
        );
        let s = assess(&a, d("2027-10-03"));
        let ev = s
            .events
            .iter()
            .find(|e| {
                e.kind == EventKind::NonRenewalNoticeDeadline
                    && e.unadjusted_date == d("2027-10-02")
            })
            .unwrap();
        assert_eq!(ev.status, EventStatus::Closed);
    }

    #[test]
    fn a_notice_as_long_as_its_term_is_warned_about() {
        let w = notice_outlasts_term(
            Period::days(364),
            Period::months(6),
            "renewal period",
            Some(d("2028-03-01")),
            &Country::Peru,
        )
        .unwrap();
        assert_eq!(
            w,
            "the non-renewal notice period (364 days) is as long as or longer than the renewal period (6 months): each notice deadline falls before the term it guards starts; confirm both periods"
        );
        // Exactly as long: 12 months' notice of a 12-month term falls the day before it starts.
        assert!(notice_outlasts_term(
            Period::months(12),
            Period::months(12),
            "renewal period",
            Some(d("2026-01-01")),
            &Country::Peru
        )
        .is_some());
        assert_eq!(
            notice_outlasts_term(
                Period::days(90),
                Period::years(1),
                "renewal period",
                None,
                &Country::Peru
            ),
            None
        );
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }
}
