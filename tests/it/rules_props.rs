//! Property tests of the deadline engine (renewal-rules.md §Arithmetic).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use renewal_core::domain::calendar::{is_business_day, Country};
use renewal_core::domain::dates::{Period, PeriodUnit};
use renewal_core::domain::model::{Agreement, Source, Sourced};
use renewal_core::domain::rules::{assess, next_term, Basis, EventKind, EventStatus, Term};

fn src() -> Source {
    Source::user("generated")
}

fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (1995i32..2090, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        // clamp the day to the month
        let mut day = d;
        loop {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, day) {
                return date;
            }
            day -= 1;
        }
    })
}

fn period_strategy(max_days: u32, max_months: u32) -> impl Strategy<Value = Period> {
    prop_oneof![
        (1..=max_days).prop_map(Period::days),
        (1..=max_months).prop_map(Period::months),
        (1..=(max_months / 12).max(1)).prop_map(Period::years),
    ]
}

fn country_strategy() -> impl Strategy<Value = Country> {
    prop_oneof![
        Just(Country::Peru),
        Just(Country::Chile),
        Just(Country::Other("GB".to_string()))
    ]
}

prop_compose! {
    fn agreement_strategy()(
        effective in date_strategy(),
        initial in period_strategy(2000, 72),
        renews in any::<bool>(),
        renewal in period_strategy(800, 36),
        notice in period_strategy(400, 12),
        country in country_strategy(),
    ) -> Agreement {
        let mut a = Agreement::new("Generated agreement");
        a.effective_date = Some(Sourced::new(effective, src()));
        a.initial_term = Some(Sourced::new(initial, src()));
        a.auto_renewal = Some(Sourced::new(renews, src()));
        a.renewal_period = Some(Sourced::new(renewal, src()));
        a.non_renewal_notice = Some(Sourced::new(notice, src()));
        a.country = Some(Sourced::new(country, src()));
        a
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A notice deadline is never after the expiry it guards (rule 3), adjusted or not.
    #[test]
    fn notice_deadline_never_after_the_expiry_it_guards(a in agreement_strategy(), today in date_strategy()) {
        let s = assess(&a, today);
        for e in s.events.iter().filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline) {
            let Basis::NoticeBeforeExpiry { term, notice } = e.basis else {
                panic!("notice deadline without its term: {e:?}");
            };
            prop_assert!(e.date <= e.unadjusted_date);
            prop_assert!(e.unadjusted_date <= term.end);
            prop_assert_eq!(Some(e.unadjusted_date), notice.before(term.end));
        }
    }

    /// Adjusted dates are business days and never later than unadjusted ones (rule 4).
    #[test]
    fn adjusted_dates_are_business_days_never_later(a in agreement_strategy(), today in date_strategy()) {
        let country = a.country.as_ref().unwrap().value.clone();
        let s = assess(&a, today);
        for e in &s.events {
            prop_assert!(e.date <= e.unadjusted_date, "{:?}", e);
            if e.kind.is_deadline() {
                prop_assert!(is_business_day(&country, e.date), "{} is not a business day in {}", e.date, country);
                // every day skipped was not a business day
                let mut day = e.date.succ_opt().unwrap();
                while day <= e.unadjusted_date {
                    prop_assert!(!is_business_day(&country, day));
                    day = day.succ_opt().unwrap();
                }
            } else {
                prop_assert_eq!(e.date, e.unadjusted_date);
            }
        }
    }

    /// Rolling forward (rule 5) finds the same current term as stepping day by day from the
    /// effective date.
    #[test]
    fn rolling_forward_matches_stepping_day_by_day(
        effective in date_strategy(),
        initial in period_strategy(400, 24),
        renewal in period_strategy(200, 12),
        offset in 0i64..2500,
    ) {
        let mut a = Agreement::new("Stepping");
        a.effective_date = Some(Sourced::new(effective, src()));
        a.initial_term = Some(Sourced::new(initial, src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(renewal, src()));
        let today = effective + chrono::Duration::days(offset);
        // Day by day: the term in force on each day.
        let mut term = Term { number: 1, start: effective, end: initial.last_day_from(effective).unwrap(), length: initial };
        let mut day = effective;
        while day < today {
            day = day.succ_opt().unwrap();
            if day > term.end {
                term = next_term(&term, renewal).unwrap();
            }
        }
        let s = assess(&a, today);
        let current = *s.current_term().unwrap();
        prop_assert_eq!(current, term);
        prop_assert!(current.contains(today));
    }

    /// Month arithmetic clamps at month ends (rule 1).
    #[test]
    fn month_arithmetic_clamps_at_month_end(date in date_strategy(), months in 0u32..240) {
        let after = Period { amount: months, unit: PeriodUnit::Months }.after(date).unwrap();
        let total = date.year() * 12 + date.month0() as i32 + months as i32;
        prop_assert_eq!(after.year(), total.div_euclid(12));
        prop_assert_eq!(after.month0() as i32, total.rem_euclid(12));
        let last_day = NaiveDate::from_ymd_opt(after.year(), after.month(), 1).unwrap()
            .checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap().day();
        prop_assert_eq!(after.day(), date.day().min(last_day));
        // and back: subtracting never lands after the original date
        let back = Period::months(months).before(after).unwrap();
        prop_assert!(back <= date);
    }
}

#[test]
fn known_month_end_cases() {
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        Period::months(1).after(d("2023-01-31")),
        Some(d("2023-02-28"))
    );
    assert_eq!(
        Period::years(1).after(d("2024-02-29")),
        Some(d("2025-02-28"))
    );
    // expiry of a term starting on the 31st
    assert_eq!(
        Period::months(1).last_day_from(d("2023-01-31")),
        Some(d("2023-02-27"))
    );
}

#[test]
fn assess_many_equals_assess_one_by_one() {
    use renewal_core::adapters::import::import_markdown;
    use renewal_core::domain::rules::assess_many;
    use renewal_core::services::samples::generate_document;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let all: Vec<Agreement> = (0..2_500)
        .map(|i| {
            import_markdown("g.md", &generate_document(i))
                .unwrap()
                .agreement
        })
        .collect();
    let refs: Vec<&Agreement> = all.iter().collect();
    let many = assess_many(&refs, today);
    assert_eq!(many.len(), all.len());
    for (a, s) in all.iter().zip(&many) {
        assert_eq!(&assess(a, today), s);
    }
}

// Issue 15: every deadline still ahead.

fn renewing(
    effective: &str,
    initial: Period,
    renewal: Period,
    notice: Period,
    country: Country,
) -> Agreement {
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut a = Agreement::new("Short renewal periods");
    a.effective_date = Some(Sourced::new(d(effective), src()));
    a.initial_term = Some(Sourced::new(initial, src()));
    a.auto_renewal = Some(Sourced::new(true, src()));
    a.renewal_period = Some(Sourced::new(renewal, src()));
    a.non_renewal_notice = Some(Sourced::new(notice, src()));
    a.country = Some(Sourced::new(country, src()));
    a
}

#[test]
fn the_first_open_notice_deadline_is_listed_for_six_month_renewals() {
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // Effective 2023-03-01, 5 years, 6-month renewals, 364-day notice, Peru, as of 2028-02-29:
    // the open deadline is 2029-02-28 − 364 days = 2028-03-01, guarding the renewal of 2029-03-01.
    let a = renewing(
        "2023-03-01",
        Period::years(5),
        Period::months(6),
        Period::days(364),
        Country::Peru,
    );
    let s = assess(&a, d("2028-02-29"));
    let open: Vec<_> = s
        .events
        .iter()
        .filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline && e.status == EventStatus::Open)
        .collect();
    assert_eq!(open[0].unadjusted_date, d("2028-03-01"));
    assert_eq!(open[0].date, d("2028-03-01"));
    let Basis::NoticeBeforeExpiry { term, .. } = open[0].basis else {
        panic!("{:?}", open[0].basis);
    };
    assert_eq!(term.end, d("2029-02-28"));
    assert_eq!(s.next_notice_deadline().unwrap().date, d("2028-03-01"));
    // The closed ones of 2027 stay listed, and renewals up to the one the open deadline guards.
    let closed: Vec<_> = s
        .events
        .iter()
        .filter(|e| {
            e.kind == EventKind::NonRenewalNoticeDeadline && e.status == EventStatus::Closed
        })
        .map(|e| e.unadjusted_date)
        .collect();
    assert_eq!(closed, vec![d("2027-03-02"), d("2027-09-02")]);
    let renewals: Vec<_> = s
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Renewal)
        .map(|e| e.date)
        .collect();
    assert_eq!(
        renewals,
        vec![d("2028-03-01"), d("2028-09-01"), d("2029-03-01")]
    );
}

#[test]
fn the_first_open_notice_deadline_is_listed_for_monthly_renewals() {
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // Effective 2001-01-31, 36 months, 1-month renewals, 89-day notice, Chile, as of
    // 2026-11-29: the open deadline of 2026-11-30 (tomorrow).
    let a = renewing(
        "2001-01-31",
        Period::months(36),
        Period::months(1),
        Period::days(89),
        Country::Chile,
    );
    let s = assess(&a, d("2026-11-29"));
    let next = s.next_notice_deadline().unwrap();
    assert_eq!(next.unadjusted_date, d("2026-11-30"));
    assert_eq!(next.status, EventStatus::Open);
    assert_eq!(next.days_from_today, 1);
    let Basis::NoticeBeforeExpiry { term, .. } = next.basis else {
        panic!("{:?}", next.basis);
    };
    // The renewal it guards is listed too.
    let guarded = term.renewal_date().unwrap();
    assert!(s
        .events
        .iter()
        .any(|e| e.kind == EventKind::Renewal && e.date == guarded));
}

#[test]
fn a_price_review_falling_on_the_as_of_date_is_listed() {
    use renewal_core::domain::model::PriceReview;
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // Effective 2025-11-29, 1 year, 12-month renewals, price review at each renewal.
    let mut a = renewing(
        "2025-11-29",
        Period::years(1),
        Period::months(12),
        Period::days(60),
        Country::Peru,
    );
    a.price_review = Some(Sourced::new(PriceReview::AtEachRenewal, src()));
    let s = assess(&a, d("2026-11-29"));
    let today: Vec<_> = s
        .events
        .iter()
        .filter(|e| e.date == d("2026-11-29"))
        .map(|e| (e.kind, e.status))
        .collect();
    assert!(
        today.contains(&(EventKind::PriceReview, EventStatus::Open)),
        "{today:?}"
    );
    assert!(
        today.contains(&(EventKind::Renewal, EventStatus::Open)),
        "{today:?}"
    );
}

/// A renewing agreement for the day-by-day property: renewal periods of at least 10 days so
/// that ten years of as-of dates stay cheap in a debug build.
fn stepping_strategy() -> impl Strategy<Value = Agreement> {
    (
        (2000i32..2080, 1u32..=12, 1u32..=31),
        period_strategy(1500, 60),
        prop_oneof![
            (10u32..=400).prop_map(Period::days),
            (1u32..=24).prop_map(Period::months),
            (1u32..=2).prop_map(Period::years),
        ],
        period_strategy(400, 12),
        country_strategy(),
    )
        .prop_map(|((y, m, day), initial, renewal, notice, country)| {
            let effective = (1..=day)
                .rev()
                .find_map(|dd| NaiveDate::from_ymd_opt(y, m, dd))
                .unwrap();
            let mut a = Agreement::new("Stepping day by day");
            a.effective_date = Some(Sourced::new(effective, src()));
            a.initial_term = Some(Sourced::new(initial, src()));
            a.auto_renewal = Some(Sourced::new(true, src()));
            a.renewal_period = Some(Sourced::new(renewal, src()));
            a.non_renewal_notice = Some(Sourced::new(notice, src()));
            a.country = Some(Sourced::new(country, src()));
            a
        })
}

/// Ten years of as-of dates from the effective date, one day at a time.
fn ten_years_from(a: &Agreement) -> impl Iterator<Item = NaiveDate> {
    let start = a.effective_date.as_ref().unwrap().value;
    start.iter_days().take(3653)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// At every as-of date an auto-renewing agreement without a recorded notice has an open
    /// non-renewal notice deadline, and the earliest open one is the earliest deadline not yet
    /// past its unadjusted date (rule 3 and "What an agreement yields").
    #[test]
    fn an_open_notice_deadline_at_every_as_of_date(a in stepping_strategy()) {
        let start = a.effective_date.as_ref().unwrap().value;
        let initial = a.initial_term.as_ref().unwrap().value;
        let renewal = a.renewal_period.as_ref().unwrap().value;
        let notice = a.non_renewal_notice.as_ref().unwrap().value;
        // Independently: walk the terms; the guarded term is the first whose deadline is not
        // yet past on the as-of date (deadlines only move forward, so keep a cursor).
        let mut term = Term { number: 1, start, end: initial.last_day_from(start).unwrap(), length: initial };
        for as_of in ten_years_from(&a) {
            while notice.before(term.end).unwrap() < as_of {
                term = next_term(&term, renewal).unwrap();
            }
            let expected = notice.before(term.end).unwrap();
            let s = assess(&a, as_of);
            let deadlines: Vec<_> = s.events.iter().filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline).collect();
            let earliest_open = deadlines.iter().filter(|e| e.status == EventStatus::Open).min_by_key(|e| e.unadjusted_date);
            prop_assert!(earliest_open.is_some(), "no open deadline on {}: {:?}", as_of, s.events);
            prop_assert_eq!(earliest_open.map(|e| e.unadjusted_date), Some(expected), "as of {}", as_of);
            prop_assert_eq!(s.next_notice_deadline().map(|e| e.unadjusted_date), Some(expected), "as of {}", as_of);
            for e in &deadlines {
                let status = if e.unadjusted_date < as_of { EventStatus::Closed } else { EventStatus::Open };
                prop_assert_eq!(e.status, status, "{:?} as of {}", e, as_of);
            }
            // The renewal it guards is listed.
            let guarded = term.renewal_date().unwrap();
            prop_assert!(s.events.iter().any(|e| e.kind == EventKind::Renewal && e.date == guarded), "as of {}", as_of);
        }
    }

    /// No listed event lies after an end fixed by a recorded notice (rules 5 and 6), and a
    /// notice recorded with a later date changes nothing until then.
    #[test]
    fn nothing_after_an_end_fixed_by_a_recorded_notice(
        a in stepping_strategy(),
        served_after in 0u64..3000,
        termination in any::<bool>(),
        convenience in 1u32..400,
    ) {
        use renewal_core::domain::model::{ServedNotice, TerminationKind, TerminationRight};
        let mut a = a;
        let start = a.effective_date.as_ref().unwrap().value;
        let served_on = start + chrono::Days::new(served_after);
        let notice = ServedNotice { served_on, note: String::new() };
        a.termination_rights.push(TerminationRight {
            scenario: "Convenience".to_string(),
            kind: TerminationKind::Convenience,
            notice: Some(Period::days(convenience)),
            cure_period: None,
            consequence: String::new(),
            source: src(),
        });
        if termination {
            a.recorded.termination_notice = Some(notice);
        } else {
            a.recorded.non_renewal_notice = Some(notice);
        }
        let mut end_seen: Option<NaiveDate> = None;
        for as_of in ten_years_from(&a) {
            let s = assess(&a, as_of);
            if as_of < served_on {
                prop_assert!(s.renewing, "a notice dated {} changed things on {}", served_on, as_of);
                prop_assert_eq!(s.end_date, None);
                continue;
            }
            let end = s.end_date;
            prop_assert!(end.is_some(), "no end after the notice served {} (as of {})", served_on, as_of);
            let end = end.unwrap();
            if termination {
                prop_assert_eq!(end, served_on + chrono::Days::new(u64::from(convenience)));
            }
            // The end, once fixed, does not move.
            prop_assert!(end_seen.is_none_or(|e| e == end));
            end_seen = Some(end);
            prop_assert!(!s.renewing);
            for e in &s.events {
                prop_assert!(e.unadjusted_date <= end, "{:?} after the end {} (as of {})", e, end, as_of);
            }
            if let Some(t) = s.current_term() {
                prop_assert!(t.start <= end, "rolled past the end {}: {:?}", end, t);
            }
        }
    }
}
