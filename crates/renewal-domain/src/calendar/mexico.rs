//! Public holidays of Mexico: the "días de descanso obligatorio" of the Ley
//! Federal del Trabajo (LFT), art. 74.
//!
//! The Monday rules (first Monday of February, third Monday of March and of
//! November) come from the LFT reform published on 17 January 2006 (Diario
//! Oficial de la Federación); the package followed here applies the March rule
//! from 2007, as 21 March 2006 (bicentenary of Benito Juárez's birth) was kept
//! on its own day. The change of federal government (art. 74 fr. VII) is every
//! six years: 1 December until 2018; 1 October from 2024 (constitutional reform
//! of 10 February 2014, art. 83).
//!
//! Deliberately not included: election days (art. 74 fr. IX), which federal and
//! local electoral laws set election by election; they fall on Sundays.
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use chrono::Weekday;

use super::{nth_weekday, push, push_ymd, RawHoliday};

/// All public holidays of Mexico in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(10);
    // LFT art. 74 fr. I: 1 January.
    push_ymd(&mut out, year, 1, 1, "New Year's Day");
    // Fr. II: first Monday of February (from 2006), before that 5 February.
    if year >= 2006 {
        push(
            &mut out,
            nth_weekday(year, 2, Weekday::Mon, 1),
            "Constitution Day",
        );
    } else {
        push_ymd(&mut out, year, 2, 5, "Constitution Day");
    }
    // Fr. III: third Monday of March (from 2007), before that 21 March.
    if year >= 2007 {
        push(
            &mut out,
            nth_weekday(year, 3, Weekday::Mon, 3),
            "Benito Juárez's Birthday",
        );
    } else {
        push_ymd(&mut out, year, 3, 21, "Benito Juárez's Birthday");
    }
    // Fr. IV: 1 May; fr. V: 16 September.
    push_ymd(&mut out, year, 5, 1, "Labour Day");
    push_ymd(&mut out, year, 9, 16, "Independence Day");
    // Fr. VI: third Monday of November (from 2006), before that 20 November.
    if year >= 2006 {
        push(
            &mut out,
            nth_weekday(year, 11, Weekday::Mon, 3),
            "Revolution Day",
        );
    } else {
        push_ymd(&mut out, year, 11, 20, "Revolution Day");
    }
    // Fr. VII: change of federal government, every six years from 1970.
    if year >= 1970 && (year - 1970) % 6 == 0 {
        if year >= 2024 {
            push_ymd(&mut out, year, 10, 1, "Change of Federal Government");
        } else {
            push_ymd(&mut out, year, 12, 1, "Change of Federal Government");
        }
    }
    // Fr. VIII: 25 December.
    push_ymd(&mut out, year, 12, 25, "Christmas Day");
    out
}
