//! Public holidays of Peru (national, all sectors).
//!
//! Source of the list: Decreto Legislativo 713 (1991), article 6, "Son días
//! feriados los siguientes", as amended by Ley 31381 (2021), Ley 31530 (2022),
//! Ley 31788 (2023) and Ley 31822 (2023). A law applies from the day after its
//! publication in *El Peruano* (Constitución, art. 109), so a holiday added by
//! a law published after that year's date starts the following year.
//!
//! Deliberately not included:
//! - "días no laborables": one-off non-working days decreed by the Executive
//!   (decreto supremo), binding on the public sector and optional for private
//!   employers, which may require the hours to be made up (e.g. the APEC days
//!   of 14–16 November 2024 in Lima and Callao). They are not holidays under
//!   DL 713 and change every year.
//! - regional and local holidays.
//! - election days: Peruvian elections are held on Sundays and are not
//!   holidays.
//!
//! Known limitation: between DL 713 (November 1991) and Ley 26331 (June 1994)
//! some of these holidays were taken on the following Monday (original art. 7
//! of DL 713); the exact list could not be verified, so this module places
//! them on their calendar dates. Treat Peruvian results before July 1994 as
//! unverified.

use chrono::NaiveDate;

use super::{easter_sunday, offset, push_ymd, RawHoliday};

/// All public holidays of Peru in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(16);
    let ymd = |out: &mut Vec<RawHoliday>, m, d, name| push_ymd(out, year, m, d, name);
    let easter: NaiveDate = easter_sunday(year);

    // DL 713 art. 6: Año Nuevo (1 de enero).
    ymd(&mut out, 1, 1, "New Year's Day");
    // DL 713 art. 6: Jueves Santo y Viernes Santo (movibles).
    if let Some(d) = offset(easter, -3) {
        out.push((d, "Maundy Thursday"));
    }
    if let Some(d) = offset(easter, -2) {
        out.push((d, "Good Friday"));
    }
    // DL 713 art. 6: Día del Trabajo (1 de mayo).
    ymd(&mut out, 5, 1, "Labour Day");
    // Ley 31788, published 15 June 2023 (after that year's date), so from 2024:
    // Batalla de Arica y Día de la Bandera (7 de junio).
    if year >= 2024 {
        ymd(&mut out, 6, 7, "Battle of Arica and Flag Day");
    }
    // DL 713 art. 6: San Pedro y San Pablo (29 de junio).
    ymd(&mut out, 6, 29, "Saint Peter and Saint Paul");
    // Ley 31822 (July 2023, before that year's date): Día de la Fuerza Aérea
    // del Perú (23 de julio). 23 July 2023 was a Sunday.
    if year >= 2023 {
        ymd(&mut out, 7, 23, "Peruvian Air Force Day");
    }
    // DL 713 art. 6: Fiestas Patrias (28 y 29 de julio).
    ymd(&mut out, 7, 28, "Independence Day");
    ymd(&mut out, 7, 29, "Independence Day (second day)");
    // Ley 31530 (July 2022): Batalla de Junín (6 de agosto).
    if year >= 2022 {
        ymd(&mut out, 8, 6, "Battle of Junín");
    }
    // DL 713 art. 6: Santa Rosa de Lima (30 de agosto).
    ymd(&mut out, 8, 30, "Saint Rose of Lima");
    // DL 713 art. 6: Combate de Angamos (8 de octubre).
    ymd(&mut out, 10, 8, "Battle of Angamos");
    // DL 713 art. 6: Todos los Santos (1 de noviembre).
    ymd(&mut out, 11, 1, "All Saints' Day");
    // DL 713 art. 6: Inmaculada Concepción (8 de diciembre).
    ymd(&mut out, 12, 8, "Immaculate Conception");
    // Ley 31381, published 31 December 2021, so from 2022: Batalla de
    // Ayacucho (9 de diciembre).
    if year >= 2022 {
        ymd(&mut out, 12, 9, "Battle of Ayacucho");
    }
    // DL 713 art. 6: Navidad del Señor (25 de diciembre).
    ymd(&mut out, 12, 25, "Christmas Day");
    out
}
