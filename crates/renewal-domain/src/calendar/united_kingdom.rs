//! Bank holidays of the United Kingdom in England and Wales.
//!
//! Sources: Banking and Financial Dealings Act 1971, schedule 1 (Easter Monday,
//! the last Monday in May, the last Monday in August, 26 December, or 27
//! December when 26 December is a Sunday), royal proclamations under its
//! section 1 (New Year's Day from 1974, the early May bank holiday from 1978,
//! and the moves and one-off days listed in [`SPECIAL`]), and common law
//! (Good Friday and Christmas Day).
//!
//! Substitute days: New Year's Day on a Saturday or Sunday is replaced by the
//! following Monday; when Christmas Day or Boxing Day falls on a weekend, the
//! substitute days are the next Monday and Tuesday. The holiday itself and its
//! substitute are both listed.
//!
//! Scotland and Northern Ireland have other bank holidays and are not covered.
//!
//! Checked against the Python `holidays` package (subdivision ENG) for
//! 2000–2040 (`oracle_tests`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::{easter_sunday, last_weekday, nth_weekday, offset, push, push_ymd, RawHoliday};

/// One-off bank holidays and moved ones, by royal proclamation: (year, month,
/// day, name).
const SPECIAL: [(i32, u32, u32, &str); 7] = [
    (1999, 12, 31, "Millennium Celebrations"),
    (2002, 6, 3, "Golden Jubilee of Elizabeth II"),
    (2011, 4, 29, "Wedding of William and Catherine"),
    (2012, 6, 5, "Diamond Jubilee of Elizabeth II"),
    (2022, 6, 3, "Platinum Jubilee of Elizabeth II"),
    (2022, 9, 19, "State Funeral of Queen Elizabeth II"),
    (2023, 5, 8, "Coronation of Charles III"),
];

/// All bank holidays of England and Wales in `year`, with substitute days, in
/// no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(12);
    let easter = easter_sunday(year);
    // New Year's Day (proclamation, from 1974; the package starts at 1975).
    if year >= 1975 {
        if let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) {
            out.push((jan1, "New Year's Day"));
            let substitute = match jan1.weekday() {
                Weekday::Sat => offset(jan1, 2),
                Weekday::Sun => offset(jan1, 1),
                _ => None,
            };
            push(&mut out, substitute, "New Year's Day (substitute day)");
        }
    }
    push(&mut out, offset(easter, -2), "Good Friday");
    push(&mut out, offset(easter, 1), "Easter Monday");
    // Early May bank holiday: first Monday of May; moved to Friday 8 May in
    // 1995 and 2020 (VE Day anniversaries).
    if year >= 1978 {
        if year == 1995 || year == 2020 {
            push_ymd(&mut out, year, 5, 8, "May Day");
        } else {
            push(&mut out, nth_weekday(year, 5, Weekday::Mon, 1), "May Day");
        }
    }
    // Spring bank holiday: last Monday of May; moved for the jubilees of
    // 2002 (4 June), 2012 (4 June) and 2022 (2 June).
    match year {
        2002 | 2012 => push_ymd(&mut out, year, 6, 4, "Spring Bank Holiday"),
        2022 => push_ymd(&mut out, year, 6, 2, "Spring Bank Holiday"),
        _ => push(
            &mut out,
            last_weekday(year, 5, Weekday::Mon),
            "Spring Bank Holiday",
        ),
    }
    push(
        &mut out,
        last_weekday(year, 8, Weekday::Mon),
        "Late Summer Bank Holiday",
    );
    // Christmas Day and Boxing Day with their substitutes: a day on a weekend
    // is replaced by the next weekday not already a holiday (Saturday or
    // Sunday -> two days later).
    if let (Some(christmas), Some(boxing)) = (
        NaiveDate::from_ymd_opt(year, 12, 25),
        NaiveDate::from_ymd_opt(year, 12, 26),
    ) {
        out.push((christmas, "Christmas Day"));
        out.push((boxing, "Boxing Day"));
        for (day, name) in [
            (christmas, "Christmas Day (substitute day)"),
            (boxing, "Boxing Day (substitute day)"),
        ] {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                push(&mut out, offset(day, 2), name);
            }
        }
    }
    for (y, m, d, name) in SPECIAL {
        if y == year {
            push_ymd(&mut out, y, m, d, name);
        }
    }
    out
}
