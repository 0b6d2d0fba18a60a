//! Property tests of the deadline engine (renewal-rules.md §Arithmetic).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use renewal_core::domain::calendar::{is_business_day, Country};
use renewal_core::domain::dates::{Period, PeriodUnit};
use renewal_core::domain::model::{Agreement, Source, Sourced};
use renewal_core::domain::rules::{assess, next_term, Basis, EventKind, Term};

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
