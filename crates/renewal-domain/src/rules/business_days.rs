//! Rule 4: business days.
//!
//! renewal-rules.md §Arithmetic, rule 4:
//!
//! > **Business days.** A deadline that falls on a Saturday, Sunday or a public holiday of
//! > the agreement's jurisdiction moves to the **preceding** business day (acting earlier is
//! > always safe; acting later may be too late). Keep both dates: the adjusted one is the date
//! > to act on, the unadjusted one is shown in the workings. Adjustment is on by default and
//! > can be switched off per agreement. Holidays come from a calendar per country (Peru and
//! > Chile at least); a country with no calendar adjusts for weekends only, and says so.
//! > Rule 4 moves the dates on which someone must act: notice deadlines, serve-by dates (rule
//! > 6), next reviews and obligations. It does not move the dates on which something happens
//! > (renewals, expiries, price reviews, the end of an exit window); for an exit window the
//! > last business day within it is shown beside its end, as the last day to act on it.
//!
//! The holiday tables live in [`crate::calendar`]; this module decides *which* dates move
//! ([`adjust`]), finds the last business day within an exit window
//! ([`last_business_day_within`]) and counts business days for periods stated in them
//! ([`period_before`], [`period_after`], used by rules 3 and 6).
//!
//! Worked example (Microsoft Peru's second notice deadline falls on a Saturday):
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::calendar::{previous_business_day, Country};
//!
//! let saturday = NaiveDate::from_ymd_opt(2027, 10, 2).unwrap();
//! let adj = previous_business_day(&Country::Peru, saturday);
//! assert_eq!(adj.date, NaiveDate::from_ymd_opt(2027, 10, 1).unwrap());
//! assert_eq!(adj.unadjusted, saturday);
//! ```
//!
//! and AWS Peru's assisted-migration window, which closes on Sunday 27 December 2026:
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::calendar::Country;
//! use renewal_domain::rules::business_days::last_business_day_within;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // 26 Dec Saturday, 25 Dec Christmas Day (Peru): Thursday 24 December.
//! assert_eq!(
//!     last_business_day_within(&Country::Peru, d(2026, 7, 1), d(2026, 12, 27)),
//!     Some(d(2026, 12, 24))
//! );
//! ```

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::calendar::{self, Adjustment, Country};
use crate::dates::{Period, PeriodUnit};
use crate::model::Agreement;

use super::events::EventKind;

/// The calendar of an agreement that states no jurisdiction: weekends only, code `??`.
static NO_COUNTRY: LazyLock<Country> = LazyLock::new(|| Country::Other("??".to_string()));

/// The calendar rule 4 uses for `agreement`: its country, or weekends only (`??`) when the
/// agreement states none.
pub fn agreement_country(agreement: &Agreement) -> &Country {
    agreement
        .country
        .as_ref()
        .map(|c| &c.value)
        .unwrap_or(&NO_COUNTRY)
}

/// Rule 4 for one event: a date someone must act on ([`EventKind::is_deadline`]) moves to
/// the preceding business day of the agreement's calendar, unless adjustment is switched
/// off for the agreement. Returns the date to act on and the adjustment when it moved.
pub fn adjust(
    agreement: &Agreement,
    kind: EventKind,
    date: NaiveDate,
) -> (NaiveDate, Option<Adjustment>) {
    if !kind.is_deadline() {
        return (date, None);
    }
    adjust_date_to_act_on(agreement, date)
}

/// Rule 4 for a date someone must act on that is not a dated event of its own (the
/// internal decide-by date of [`super::decision::Decision::decide_by`]): the preceding
/// business day of the agreement's calendar (its country's holidays and any calendar the
/// user chose for it), unless adjustment is switched off for the agreement. The same
/// function [`adjust`] applies to deadlines. Returns the date to act on and the adjustment
/// when it moved.
pub fn adjust_date_to_act_on(
    agreement: &Agreement,
    date: NaiveDate,
) -> (NaiveDate, Option<Adjustment>) {
    if !agreement.business_day_adjustment {
        return (date, None);
    }
    // The agreement's country's holidays, plus the days of a calendar the user loaded and
    // chose for it (a region's holidays, a company's shutdown days).
    let adj = calendar::previous_business_day_in(
        agreement_country(agreement),
        agreement.calendar.as_ref(),
        date,
    );
    if adj.is_adjusted() {
        (adj.date, Some(adj))
    } else {
        (date, None)
    }
}

/// The last business day of `country` within the window `first..=last` (rule 4 for an exit
/// window): `last` itself when it is a business day, else the closest earlier one. `None`
/// when the window holds no business day.
pub fn last_business_day_within(
    country: &Country,
    first: NaiveDate,
    last: NaiveDate,
) -> Option<NaiveDate> {
    let day = calendar::previous_business_day(country, last).date;
    (day >= first && calendar::is_business_day(country, day)).then_some(day)
}

/// The `n`-th business day of `country` counted back from `end`, `end` itself counting when
/// it is a business day (rule 3's "días hábiles"). `None` for `n = 0` or past the calendar's
/// range.
pub fn nth_business_day_back(country: &Country, end: NaiveDate, n: u32) -> Option<NaiveDate> {
    if n == 0 {
        return None;
    }
    let mut count = 0u32;
    let mut day = end;
    loop {
        if calendar::is_business_day(country, day) {
            count += 1;
            if count == n {
                return Some(day);
            }
        }
        day = day.pred_opt()?;
    }
}

/// `date − period`, counting business days on `country`'s calendar when the period is in
/// business days (rule 3: the day before the `N`-th business day counted back from `date`,
/// so that `N` business days lie after the result up to and including `date`); rule 1
/// otherwise ([`Period::before`]). Not adjusted by rule 4: the caller does that.
pub fn period_before(country: &Country, date: NaiveDate, period: Period) -> Option<NaiveDate> {
    match period.unit {
        PeriodUnit::BusinessDays if period.amount == 0 => Some(date),
        PeriodUnit::BusinessDays => nth_business_day_back(country, date, period.amount)?.pred_opt(),
        _ => period.before(date),
    }
}

/// `date + period`, counting business days on `country`'s calendar when the period is in
/// business days (the `N`-th business day after `date`); rule 1 otherwise
/// ([`Period::after`]). Used by rule 6 (notice served on `date` ends the agreement no
/// earlier than `date + N`).
pub fn period_after(country: &Country, date: NaiveDate, period: Period) -> Option<NaiveDate> {
    if period.unit != PeriodUnit::BusinessDays {
        return period.after(date);
    }
    let mut day = date;
    let mut count = 0u32;
    while count < period.amount {
        day = day.succ_opt()?;
        if calendar::is_business_day(country, day) {
            count += 1;
        }
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sourced;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn business_days(n: u32) -> Period {
        Period {
            amount: n,
            unit: PeriodUnit::BusinessDays,
        }
    }

    #[test]
    fn only_dates_to_act_on_move() {
        let mut a = Agreement::new("Rule 4");
        a.country = Some(Sourced::new(
            Country::Peru,
            crate::model::Source::user("test"),
        ));
        let saturday = d("2027-10-02");
        let (date, adj) = adjust(&a, EventKind::NonRenewalNoticeDeadline, saturday);
        assert_eq!(date, d("2027-10-01"));
        assert_eq!(adj.map(|x| x.unadjusted), Some(saturday));
        // A renewal happens by itself: it does not move.
        assert_eq!(adjust(&a, EventKind::Renewal, saturday), (saturday, None));
        // Switched off for the agreement: nothing moves.
        a.business_day_adjustment = false;
        assert_eq!(
            adjust(&a, EventKind::NonRenewalNoticeDeadline, saturday),
            (saturday, None)
        );
    }

    #[test]
    fn without_a_country_weekends_still_move() {
        let a = Agreement::new("No country");
        assert_eq!(agreement_country(&a).code(), "??");
        let (date, _) = adjust(&a, EventKind::ObligationDue, d("2026-12-27"));
        assert_eq!(date, d("2026-12-25"));
    }

    #[test]
    fn last_business_day_of_an_exit_window() {
        // AWS Peru's assisted migration: closes Sunday 2026-12-27; 25 December is a holiday.
        assert_eq!(
            last_business_day_within(&Country::Peru, d("2026-07-01"), d("2026-12-27")),
            Some(d("2026-12-24"))
        );
        // A window that closes on a business day: that day.
        assert_eq!(
            last_business_day_within(&Country::Peru, d("2026-07-01"), d("2026-09-28")),
            Some(d("2026-09-28"))
        );
        // A weekend-only window holds no business day.
        assert_eq!(
            last_business_day_within(&Country::Peru, d("2026-12-26"), d("2026-12-27")),
            None
        );
    }

    #[test]
    fn business_days_count_back_including_the_end() {
        // Peru: Thu 2026-12-31 back: 31, 30, 29, 28 (Mon), [27 Sun, 26 Sat, 25 Christmas], 24.
        assert_eq!(
            nth_business_day_back(&Country::Peru, d("2026-12-31"), 5),
            Some(d("2026-12-24"))
        );
        assert_eq!(
            period_before(&Country::Peru, d("2026-12-31"), business_days(5)),
            Some(d("2026-12-23"))
        );
        // A weekend end does not count: Sun 2026-12-27 → 1st business day back is Thu 24.
        assert_eq!(
            nth_business_day_back(&Country::Peru, d("2026-12-27"), 1),
            Some(d("2026-12-24"))
        );
        assert_eq!(
            period_before(&Country::Peru, d("2026-12-31"), business_days(0)),
            Some(d("2026-12-31"))
        );
        // Calendar days are rule 1.
        assert_eq!(
            period_before(&Country::Peru, d("2025-12-31"), Period::days(90)),
            Some(d("2025-10-02"))
        );
    }

    #[test]
    fn business_days_count_forward_after_the_day_served() {
        // Served Wed 2026-12-23 in Peru: 24 (1), [25 holiday, 26, 27], 28 (2), 29 (3).
        assert_eq!(
            period_after(&Country::Peru, d("2026-12-23"), business_days(3)),
            Some(d("2026-12-29"))
        );
        assert_eq!(
            period_after(&Country::Peru, d("2026-11-23"), Period::days(180)),
            Some(d("2027-05-22"))
        );
    }
}
