//! Easter Sunday (Gregorian calendar), the anchor of the movable Holy Week
//! holidays of Peru (Maundy Thursday, Good Friday) and Chile (Good Friday,
//! Holy Saturday, and Corpus Christi until 2006).

use chrono::NaiveDate;

/// Easter Sunday of `year` in the Gregorian calendar.
///
/// Computed with the anonymous Gregorian computus (Meeus/Jones/Butcher, as in
/// Jean Meeus, *Astronomical Algorithms*, ch. 8), which reproduces the date set
/// by the Gregorian reform of 1582 for every year; the result is always between
/// 22 March and 25 April.
///
/// `year` is a proleptic Gregorian year. For a year outside the range that
/// [`NaiveDate`] can represent (about ±262,000 years) the result saturates to
/// [`NaiveDate::MIN`] or [`NaiveDate::MAX`].
pub fn easter_sunday(year: i32) -> NaiveDate {
    // Euclidean division keeps every intermediate in its normal range, so the
    // month is always 3 or 4 and the day always valid.
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = n.div_euclid(31).unsigned_abs();
    let day = (n.rem_euclid(31) + 1).unsigned_abs();
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}
