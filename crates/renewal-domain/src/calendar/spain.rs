//! National public holidays of Spain ("fiestas laborales de ámbito
//! nacional").
//!
//! Sources: Estatuto de los Trabajadores, art. 37.2, and Real Decreto 2001/1983,
//! art. 45: 1 January, 6 January, Good Friday, 1 May, 15 August, 12 October
//! (Ley 18/1987), 1 November, 6 December, 8 December and 25 December.
//!
//! Sunday rule: a national holiday that falls on a Sunday is not kept on that
//! Sunday; art. 45.3 of RD 2001/1983 lets each autonomous community move it to
//! the Monday or replace it, and the communities decide differently each year.
//! As the `holidays` package does, this calendar leaves such a holiday out
//! (a Sunday is not a business day anyway) and adds no substitute Monday.
//!
//! Deliberately not included: holidays chosen by the autonomous communities
//! (Maundy Thursday, Easter Monday, 19 March, 25 July, their own national days)
//! and local holidays; load them as a custom calendar for a regional
//! agreement.
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use chrono::{Datelike, Weekday};

use super::{easter_sunday, offset, push, RawHoliday};

/// All national public holidays of Spain in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(10);
    let unless_sunday =
        |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d).filter(|d| d.weekday() != Weekday::Sun);
    push(&mut out, unless_sunday(1, 1), "New Year's Day");
    push(&mut out, unless_sunday(1, 6), "Epiphany");
    push(&mut out, offset(easter_sunday(year), -2), "Good Friday");
    push(&mut out, unless_sunday(5, 1), "Labour Day");
    push(&mut out, unless_sunday(8, 15), "Assumption Day");
    push(&mut out, unless_sunday(10, 12), "National Day of Spain");
    push(&mut out, unless_sunday(11, 1), "All Saints' Day");
    push(&mut out, unless_sunday(12, 6), "Constitution Day");
    push(&mut out, unless_sunday(12, 8), "Immaculate Conception");
    push(&mut out, unless_sunday(12, 25), "Christmas Day");
    out
}
