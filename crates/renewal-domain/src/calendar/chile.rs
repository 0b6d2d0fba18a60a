//! Public holidays of Chile (national "feriados legales").
//!
//! The base list is Ley 2.977 (1915); later laws named next to each holiday add,
//! move or remove days. Moving rules:
//! - Ley 19.668 (2000): 29 June and 12 October move to the Monday of the same
//!   week when they fall on Tuesday, Wednesday or Thursday, and to the following
//!   Monday when they fall on Friday (Corpus Christi was also movable until
//!   Ley 20.148 abolished it).
//! - Ley 20.299 (2008): 31 October moves to the preceding Friday when it falls
//!   on Tuesday and to the following Friday when it falls on Wednesday.
//! - Ley 20.215 (2007) and Ley 20.983 (2016): 17 September is a holiday when it
//!   is a Monday (from 2007) or a Friday (from 2017); 20 September when it is a
//!   Friday (from 2007). Ley 20.983 also makes 2 January a holiday when it is a
//!   Monday (from 2017).
//!
//! Deliberately not included:
//! - election and plebiscite days. They are holidays under Ley 18.700 (Ley
//!   Orgánica Constitucional sobre Votaciones Populares y Escrutinios), but the
//!   dates are fixed election by election and cannot be computed. Since 1999
//!   they have fallen on weekends (a Sunday; in two-day elections the Saturday
//!   too, and by Ley 21.693 the Saturday of the October 2024 elections was a
//!   working day), so leaving them out does not change whether a day is a
//!   business day. Earlier elections were not always at weekends (the
//!   parliamentary election of Thursday 11 December 1997, for one): such days
//!   are missing from this calendar.
//! - regional holidays: 7 June in Arica y Parinacota (Ley 20.663), 20 August in
//!   Chillán and Chillán Viejo (Ley 20.678), and one-off regional days.
//! - bank-only holidays (31 December for bank staff).
//! - one-off national holidays other than the three listed in
//!   [`one_off_holidays`]. Not verified and therefore not included: the
//!   bicentenary days of September 2010 and the census days of 1992 and 2002.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{easter_sunday, offset, push_ymd, solstice, RawHoliday};

/// All public holidays of Chile in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(20);
    let easter = easter_sunday(year);

    // Ley 2.977: 1 January.
    push_ymd(&mut out, year, 1, 1, "New Year's Day");
    // Ley 20.983 (from 2017): 2 January when it is a Monday.
    if year >= 2017 {
        push_if_weekday(&mut out, year, 1, 2, &[Weekday::Mon], "New Year holiday");
    }
    // Ley 2.977: Viernes Santo and Sábado Santo.
    if let Some(d) = offset(easter, -2) {
        out.push((d, "Good Friday"));
    }
    if let Some(d) = offset(easter, -1) {
        out.push((d, "Holy Saturday"));
    }
    // Ley 2.200, renamed "Día Nacional del Trabajo" by Ley 18.018: 1 May.
    push_ymd(&mut out, year, 5, 1, "Labour Day");
    // Ley 2.977: Día de las Glorias Navales, 21 May.
    push_ymd(&mut out, year, 5, 21, "Navy Day");
    // Corpus Christi (restored by Ley 18.432 from 1987): the Thursday 60 days
    // after Easter until 1999; moved to the Monday of that week by Ley 19.668
    // (2000); abolished by Ley 20.148 (2007), which created 16 July instead.
    if year <= 1999 {
        if let Some(d) = offset(easter, 60) {
            out.push((d, "Corpus Christi"));
        }
    } else if year <= 2006 {
        if let Some(d) = offset(easter, 57) {
            out.push((d, "Corpus Christi"));
        }
    }
    // Ley 21.357 (published 19 June 2021): Día Nacional de los Pueblos
    // Indígenas on the day of the southern winter solstice; its transitional
    // rule fixed Monday 21 June for 2021.
    if year == 2021 {
        push_ymd(&mut out, year, 6, 21, "National Day of Indigenous Peoples");
    } else if year >= 2022 {
        if let Some(d) = solstice::june_solstice_date_chile(year) {
            out.push((d, "National Day of Indigenous Peoples"));
        }
    }
    // San Pedro y San Pablo, 29 June (restored by Ley 18.432 from 1986);
    // Monday rule of Ley 19.668 from 2000.
    if let Some(d) = NaiveDate::from_ymd_opt(year, 6, 29) {
        let d = if year >= 2000 {
            to_nearest_monday(d)
        } else {
            Some(d)
        };
        if let Some(d) = d {
            out.push((d, "Saint Peter and Saint Paul"));
        }
    }
    // Ley 20.148 (2007): Virgen del Carmen, 16 July.
    if year >= 2007 {
        push_ymd(&mut out, year, 7, 16, "Our Lady of Mount Carmel");
    }
    // Ley 2.977: Asunción de la Virgen, 15 August.
    push_ymd(&mut out, year, 8, 15, "Assumption of Mary");
    // Ley 18.026: 11 September until 1998; Ley 19.588 moved it to the first
    // Monday of September as "Día de la Unidad Nacional" (1999–2001); Ley
    // 19.793 abolished it from 2002.
    if year <= 1998 {
        push_ymd(&mut out, year, 9, 11, "National Liberation Day");
    } else if year <= 2001 {
        if let Some(d) = NaiveDate::from_weekday_of_month_opt(year, 9, Weekday::Mon, 1) {
            out.push((d, "Day of National Unity"));
        }
    }
    // 17 September: Ley 20.215 when it is a Monday (from 2007); Ley 20.983
    // when it is a Friday (from 2017).
    if year >= 2017 {
        push_if_weekday(
            &mut out,
            year,
            9,
            17,
            &[Weekday::Mon, Weekday::Fri],
            "Fiestas Patrias holiday",
        );
    } else if year >= 2007 {
        push_if_weekday(
            &mut out,
            year,
            9,
            17,
            &[Weekday::Mon],
            "Fiestas Patrias holiday",
        );
    }
    // Ley 2.977: Independencia Nacional (18 September) and Día de las Glorias
    // del Ejército (19 September).
    push_ymd(&mut out, year, 9, 18, "Independence Day");
    push_ymd(&mut out, year, 9, 19, "Army Day");
    // Ley 20.215 (from 2007): 20 September when it is a Friday.
    if year >= 2007 {
        push_if_weekday(
            &mut out,
            year,
            9,
            20,
            &[Weekday::Fri],
            "Fiestas Patrias holiday",
        );
    }
    // Ley 3.810 (1922): 12 October; renamed "Día del Encuentro de Dos Mundos"
    // and made movable by Ley 19.668 (2000).
    if let Some(d) = NaiveDate::from_ymd_opt(year, 10, 12) {
        let moved = if year >= 2000 {
            to_nearest_monday(d).map(|d| (d, "Meeting of Two Worlds Day"))
        } else {
            Some((d, "Columbus Day"))
        };
        if let Some(h) = moved {
            out.push(h);
        }
    }
    // Ley 20.299 (2008): Día Nacional de las Iglesias Evangélicas y
    // Protestantes, 31 October; Tuesday -> previous Friday, Wednesday -> next
    // Friday.
    if year >= 2008 {
        if let Some(d) = NaiveDate::from_ymd_opt(year, 10, 31) {
            let moved = match d.weekday() {
                Weekday::Tue => offset(d, -4),
                Weekday::Wed => offset(d, 2),
                _ => Some(d),
            };
            if let Some(d) = moved {
                out.push((d, "Reformation Day"));
            }
        }
    }
    // Ley 2.977: Todos los Santos (1 November), Inmaculada Concepción
    // (8 December), Navidad (25 December).
    push_ymd(&mut out, year, 11, 1, "All Saints' Day");
    push_ymd(&mut out, year, 12, 8, "Immaculate Conception");
    push_ymd(&mut out, year, 12, 25, "Christmas Day");

    for &(y, m, d, name) in one_off_holidays() {
        if y == year {
            push_ymd(&mut out, y, m, d, name);
        }
    }
    out
}

/// One-off national holidays declared by a specific law for a single date
/// (year, month, day, name).
fn one_off_holidays() -> &'static [(i32, u32, u32, &'static str)] {
    &[
        // Ley 19.656 (1999): 31 December 1999, end of the millennium.
        (1999, 12, 31, "Millennium holiday"),
        // Law approved by Congress on 17 January 2017 declaring the day of the
        // 2017 census (Wednesday 19 April 2017) a holiday.
        (2017, 4, 19, "Census Day"),
        // Special law of 2022 declaring Friday 16 September 2022 a holiday
        // (not in the lists published in December 2021).
        (2022, 9, 16, "Fiestas Patrias holiday"),
    ]
}

/// Ley 19.668: Tuesday, Wednesday, Thursday -> Monday of the same week;
/// Friday -> the following Monday; Saturday, Sunday, Monday unchanged.
fn to_nearest_monday(d: NaiveDate) -> Option<NaiveDate> {
    match d.weekday() {
        Weekday::Tue => offset(d, -1),
        Weekday::Wed => offset(d, -2),
        Weekday::Thu => offset(d, -3),
        Weekday::Fri => offset(d, 3),
        Weekday::Sat | Weekday::Sun | Weekday::Mon => Some(d),
    }
}

/// Pushes `month`/`day` of `year` if it falls on one of `weekdays`.
fn push_if_weekday(
    out: &mut Vec<RawHoliday>,
    year: i32,
    month: u32,
    day: u32,
    weekdays: &[Weekday],
    name: &'static str,
) {
    if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
        if weekdays.contains(&d.weekday()) {
            out.push((d, name));
        }
    }
}
