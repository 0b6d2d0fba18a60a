//! National holidays of Argentina ("feriados nacionales" and "días no
//! laborables").
//!
//! Sources: Ley 27.399 (2017), which consolidates the earlier laws (Ley 23.555
//! of 1988 for the moving rule, Ley 24.445, Ley 26.085, Ley 26.110, Decreto
//! 1584/2010, Decreto 52/2017), and the decrees and laws of single years named
//! in [`SPECIAL`].
//!
//! Moving rule ("feriados trasladables", Ley 23.555 art. 1, now Ley 27.399 art.
//! 6): a movable holiday that falls on a Tuesday or Wednesday is moved to the
//! Monday before; on a Thursday or Friday, to the Monday after. Güemes (17
//! June) moves only from Tuesday, Wednesday (back) or Thursday (forward), so
//! that it never lands on Belgrano's 20 June.
//!
//! "Puentes" (días feriados con fines turísticos, Ley 27.399 art. 7) are set
//! by decree each year, at most three a year; they cannot be computed, so the
//! decreed ones (2011–2026) are listed in [`SPECIAL`] with the decree. A year
//! after 2026 has no puentes until they are decreed and added here.
//!
//! Maundy Thursday is a "día no laborable" (optional for private employers);
//! it is included, as the package followed here does, since banks and the
//! public administration close.
//!
//! Deliberately not included: the holidays of religious communities (Jewish,
//! Islamic, Armenian: days off for their members only), bank-only days and
//! provincial holidays.
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::{easter_sunday, nth_weekday, offset, push, push_ymd, RawHoliday};

/// One-off national holidays and puentes: (year, month, day, name, source).
/// The source column is documentation only.
const SPECIAL: [(i32, u32, u32, &str, &str); 48] = [
    (
        2010,
        5,
        24,
        "Bicentenary of the May Revolution",
        "Decreto 615/2010",
    ),
    (
        2010,
        10,
        27,
        "National Census Day",
        "Resolución conjunta 1159/2010",
    ),
    (2011, 3, 25, "Bridge holiday", "Decreto 1585/2010"),
    (2011, 12, 9, "Bridge holiday", "Decreto 1585/2010"),
    (
        2012,
        2,
        27,
        "Bicentenary of the national flag",
        "Ley 26.721",
    ),
    (2012, 4, 30, "Bridge holiday", "Decreto 1585/2010"),
    (
        2012,
        9,
        24,
        "Bicentenary of the Battle of Tucumán",
        "Ley 26.763",
    ),
    (2012, 12, 24, "Bridge holiday", "Decreto 1585/2010"),
    (
        2013,
        1,
        31,
        "Bicentenary of the Assembly of 1813",
        "Ley 26.840",
    ),
    (
        2013,
        2,
        20,
        "Bicentenary of the Battle of Salta",
        "Ley 26.837",
    ),
    (2013, 4, 1, "Bridge holiday", "Decreto 1585/2010"),
    (2013, 6, 21, "Bridge holiday", "Decreto 1585/2010"),
    (2014, 5, 2, "Bridge holiday", "Decreto 1768/2013"),
    (2014, 12, 26, "Bridge holiday", "Decreto 1768/2013"),
    (2015, 3, 23, "Bridge holiday", "Decreto 1768/2013"),
    (2015, 12, 7, "Bridge holiday", "Decreto 1768/2013"),
    (2016, 7, 8, "Bridge holiday", "Decreto 1768/2013"),
    (2016, 12, 9, "Bridge holiday", "Decreto 1768/2013"),
    (2018, 4, 30, "Bridge holiday", "Decreto 923/2017"),
    (2018, 12, 24, "Bridge holiday", "Decreto 923/2017"),
    (2018, 12, 31, "Bridge holiday", "Decreto 923/2017"),
    (2019, 7, 8, "Bridge holiday", "Decreto 923/2017"),
    (2019, 8, 19, "Bridge holiday", "Decreto 923/2017"),
    (2019, 10, 14, "Bridge holiday", "Decreto 923/2017"),
    (2020, 3, 23, "Bridge holiday", "Decreto 717/2019"),
    (2020, 7, 10, "Bridge holiday", "Decreto 717/2019"),
    (2020, 12, 7, "Bridge holiday", "Decreto 717/2019"),
    (2021, 5, 24, "Bridge holiday", "Decreto 947/2020"),
    (2021, 10, 8, "Bridge holiday", "Decreto 947/2020"),
    (2021, 11, 22, "Bridge holiday", "Decreto 947/2020"),
    (2022, 5, 18, "National Census Day", "Decreto 42/2022"),
    (2022, 10, 7, "Bridge holiday", "Decreto 789/2021"),
    (2022, 11, 21, "Bridge holiday", "Decreto 789/2021"),
    (2022, 12, 9, "Bridge holiday", "Decreto 789/2021"),
    (
        2022,
        12,
        20,
        "FIFA World Cup 2022 Victory Day",
        "Decreto 842/2022",
    ),
    (2023, 5, 26, "Bridge holiday", "Decreto 764/2022"),
    (2023, 6, 19, "Bridge holiday", "Decreto 764/2022"),
    (2023, 10, 13, "Bridge holiday", "Decreto 764/2022"),
    (2024, 4, 1, "Bridge holiday", "Decreto 106/2023"),
    (2024, 6, 21, "Bridge holiday", "Decreto 106/2023"),
    (2024, 10, 11, "Bridge holiday", "Decreto 106/2023"),
    (2025, 5, 2, "Bridge holiday", "Decreto 1027/2024"),
    (2025, 8, 15, "Bridge holiday", "Decreto 1027/2024"),
    (2025, 11, 21, "Bridge holiday", "Decreto 1027/2024"),
    (2026, 3, 23, "Bridge holiday", "Resolución 164/2025"),
    (2026, 7, 10, "Bridge holiday", "Resolución 164/2025"),
    (2026, 11, 9, "Visit of Pope Leo XIV", "Decreto 1103/2026"),
    (2026, 12, 7, "Bridge holiday", "Resolución 164/2025"),
];

/// Ley 23.555 / Ley 27.399 art. 6: Tuesday, Wednesday -> the Monday before;
/// Thursday, Friday -> the Monday after; other days unchanged.
fn trasladable(date: NaiveDate) -> Option<NaiveDate> {
    match date.weekday() {
        Weekday::Tue => offset(date, -1),
        Weekday::Wed => offset(date, -2),
        Weekday::Thu => offset(date, 4),
        Weekday::Fri => offset(date, 3),
        _ => Some(date),
    }
}

/// All national holidays of Argentina in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(24);
    let easter = easter_sunday(year);
    let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d);

    push_ymd(&mut out, year, 1, 1, "New Year's Day");
    // Carnival Monday and Tuesday, restored by Decreto 1584/2010 from 2011.
    if year >= 2011 {
        push(&mut out, offset(easter, -48), "Carnival Monday");
        push(&mut out, offset(easter, -47), "Carnival Tuesday");
    }
    // Ley 26.085 (2006): Día Nacional de la Memoria por la Verdad y la
    // Justicia, 24 March, fixed.
    if year >= 2006 {
        push_ymd(
            &mut out,
            year,
            3,
            24,
            "Day of Remembrance for Truth and Justice",
        );
    }
    // Ley 24.160 (1993): 2 April, movable until Ley 26.110 made it fixed
    // (2007); moved to 31 March in 2020 by Decreto 297/2020.
    if year >= 1993 {
        let name = "Malvinas War Veterans Day";
        if year == 2020 {
            push_ymd(&mut out, year, 3, 31, name);
        } else if year <= 2006 {
            push(&mut out, fixed(4, 2).and_then(trasladable), name);
        } else {
            push_ymd(&mut out, year, 4, 2, name);
        }
    }
    // Decreto 1584/2010: Jueves Santo as día no laborable from 2011.
    if year >= 2011 {
        push(&mut out, offset(easter, -3), "Maundy Thursday");
    }
    push(&mut out, offset(easter, -2), "Good Friday");
    push_ymd(&mut out, year, 5, 1, "Labour Day");
    push_ymd(&mut out, year, 5, 25, "May Revolution Day");
    // Decreto 901/1984 and Ley 23.555: 10 June, movable, until Ley 25.370
    // merged it into 2 April (from 2001).
    if year <= 2000 {
        push(
            &mut out,
            fixed(6, 10).and_then(trasladable),
            "Day of Affirmation of Argentine Rights over the Malvinas",
        );
    }
    // Ley 27.258 (2016): Güemes, 17 June; Tue/Wed back, Thu forward.
    if year >= 2016 {
        let moved = fixed(6, 17).and_then(|d| match d.weekday() {
            Weekday::Tue => offset(d, -1),
            Weekday::Wed => offset(d, -2),
            Weekday::Thu => offset(d, 4),
            _ => Some(d),
        });
        push(
            &mut out,
            moved,
            "Anniversary of the death of General Martín Miguel de Güemes",
        );
    }
    // Belgrano, 20 June: movable (Ley 23.555) until 1991, fixed by Ley 24.023
    // (1992), third Monday of June by Ley 24.445 (1995–2010), fixed again by
    // Decreto 1584/2010 (from 2011).
    let belgrano = "Anniversary of the death of General Manuel Belgrano";
    if (1995..=2010).contains(&year) {
        push(&mut out, nth_weekday(year, 6, Weekday::Mon, 3), belgrano);
    } else if year <= 1991 {
        push(&mut out, fixed(6, 20).and_then(trasladable), belgrano);
    } else {
        push_ymd(&mut out, year, 6, 20, belgrano);
    }
    push_ymd(&mut out, year, 7, 9, "Independence Day");
    // San Martín, 17 August: movable until 1994 and from 2017 (Decreto
    // 52/2017); third Monday of August 1995–2016 (Ley 24.445), except 22 August
    // in 2011 (Decreto 521/2011).
    let san_martin = "Anniversary of the death of General José de San Martín";
    if year <= 1994 || year >= 2017 {
        push(&mut out, fixed(8, 17).and_then(trasladable), san_martin);
    } else if year == 2011 {
        push_ymd(&mut out, year, 8, 22, san_martin);
    } else {
        push(&mut out, nth_weekday(year, 8, Weekday::Mon, 3), san_martin);
    }
    // 12 October (Día del Respeto a la Diversidad Cultural since Decreto
    // 1584/2010): movable; 8 October in 2001 (Ley 25.442), 14 October in 2002
    // (Decreto 1932/2002), second Monday of October 2008–2016.
    let october = if year >= 2010 {
        "Day of Respect for Cultural Diversity"
    } else {
        "Columbus Day"
    };
    match year {
        2001 => push_ymd(&mut out, year, 10, 8, october),
        2002 => push_ymd(&mut out, year, 10, 14, october),
        2008..=2016 => push(&mut out, nth_weekday(year, 10, Weekday::Mon, 2), october),
        _ => push(&mut out, fixed(10, 12).and_then(trasladable), october),
    }
    // Día de la Soberanía Nacional, 20 November (Decreto 1584/2010): fourth
    // Monday of November 2010–2014, 27 November 2015 (Decreto 2226/2015), 28
    // November 2016, movable from 2017.
    if year >= 2010 {
        let name = "National Sovereignty Day";
        match year {
            2010..=2014 => push(&mut out, nth_weekday(year, 11, Weekday::Mon, 4), name),
            2015 => push_ymd(&mut out, year, 11, 27, name),
            2016 => push_ymd(&mut out, year, 11, 28, name),
            _ => push(&mut out, fixed(11, 20).and_then(trasladable), name),
        }
    }
    // Ley 24.445 (1995): Inmaculada Concepción, 8 December.
    if year >= 1995 {
        push_ymd(&mut out, year, 12, 8, "Immaculate Conception");
    }
    push_ymd(&mut out, year, 12, 25, "Christmas Day");

    for (y, m, d, name, _source) in SPECIAL.iter() {
        if *y == year {
            push_ymd(&mut out, *y, *m, *d, name);
        }
    }
    out
}
