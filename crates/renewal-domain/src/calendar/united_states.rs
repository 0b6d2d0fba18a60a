//! Federal holidays of the United States.
//!
//! Source: 5 U.S.C. 6103(a), with the Uniform Monday Holiday Act (Pub. L.
//! 90-363, in force from 1971), Martin Luther King Jr. Day (Pub. L. 98-144,
//! from 1986), Veterans Day back on 11 November from 1978 (Pub. L. 94-97) and
//! Juneteenth (Pub. L. 117-17, from 2021).
//!
//! Observed days (Executive Order 11582, 1971, and 5 U.S.C. 6103(b)): a holiday
//! on a fixed date that falls on a Saturday is observed on the Friday before,
//! one that falls on a Sunday on the Monday after. Both days are listed: the
//! holiday itself and the observed day. When 1 January falls on a Saturday
//! the observed day is 31 December of the year before, which this module
//! lists in that earlier year.
//!
//! Federal holidays bind federal offices and banks (Federal Reserve); they are
//! the usual business-day calendar of US contracts. State holidays and the
//! one-off closings of federal offices by executive order (e.g. 24 December
//! 2019) are not included; the package followed here lists them in another
//! category ("government").
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::{last_weekday, nth_weekday, offset, push, RawHoliday};

/// E.O. 11582: Saturday -> the Friday before, Sunday -> the Monday after.
fn observed(date: NaiveDate) -> Option<NaiveDate> {
    match date.weekday() {
        Weekday::Sat => offset(date, -1),
        Weekday::Sun => offset(date, 1),
        _ => None,
    }
}

/// Pushes a fixed-date holiday and, when it falls on a weekend, its observed
/// day (if in the same year).
fn push_with_observed(
    out: &mut Vec<RawHoliday>,
    year: i32,
    month: u32,
    day: u32,
    name: &'static str,
    observed_name: &'static str,
) {
    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
        return;
    };
    out.push((date, name));
    push(
        out,
        observed(date).filter(|d| d.year() == year),
        observed_name,
    );
}

/// All federal holidays of the United States in `year`, with observed days,
/// in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(16);
    push_with_observed(
        &mut out,
        year,
        1,
        1,
        "New Year's Day",
        "New Year's Day (observed)",
    );
    // Next year's 1 January on a Saturday is observed on 31 December.
    if let Some(next) = NaiveDate::from_ymd_opt(year + 1, 1, 1) {
        push(
            &mut out,
            observed(next).filter(|d| d.year() == year),
            "New Year's Day (observed)",
        );
    }
    if year >= 1986 {
        push(
            &mut out,
            nth_weekday(year, 1, Weekday::Mon, 3),
            "Martin Luther King Jr. Day",
        );
    }
    push(
        &mut out,
        nth_weekday(year, 2, Weekday::Mon, 3),
        "Washington's Birthday",
    );
    push(
        &mut out,
        last_weekday(year, 5, Weekday::Mon),
        "Memorial Day",
    );
    if year >= 2021 {
        push_with_observed(
            &mut out,
            year,
            6,
            19,
            "Juneteenth National Independence Day",
            "Juneteenth National Independence Day (observed)",
        );
    }
    push_with_observed(
        &mut out,
        year,
        7,
        4,
        "Independence Day",
        "Independence Day (observed)",
    );
    push(&mut out, nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day");
    push(
        &mut out,
        nth_weekday(year, 10, Weekday::Mon, 2),
        "Columbus Day",
    );
    push_with_observed(
        &mut out,
        year,
        11,
        11,
        "Veterans Day",
        "Veterans Day (observed)",
    );
    push(
        &mut out,
        nth_weekday(year, 11, Weekday::Thu, 4),
        "Thanksgiving Day",
    );
    push_with_observed(
        &mut out,
        year,
        12,
        25,
        "Christmas Day",
        "Christmas Day (observed)",
    );
    out
}
