//! Public holidays of Colombia (national "días festivos").
//!
//! Sources: Ley 35 de 1939 and Ley 37 de 1905 (fixed civic days), Decreto 2663
//! de 1950 and Decreto 3743 de 1950 (Código Sustantivo del Trabajo, art. 177:
//! the religious days), Ley 51 de 1983 ("Ley Emiliani", in force from 1984),
//! which moves most holidays to the following Monday, and Ley 2578 de 2026
//! (Nuestra Señora del Rosario de Chiquinquirá, 9 July, movable, from 2026).
//!
//! Moving rule (Ley 51 de 1983, art. 1, parágrafo 1): a movable holiday that
//! does not fall on a Monday is observed on the following Monday. The holiday
//! is *moved*: the original day is a working day.
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use chrono::{Datelike, NaiveDate};

use super::{easter_sunday, offset, push, push_ymd, RawHoliday};

/// Ley 51 de 1983: the following Monday, unless the day is a Monday.
fn emiliani(date: NaiveDate) -> Option<NaiveDate> {
    let ahead = (7 - date.weekday().num_days_from_monday()) % 7;
    offset(date, i64::from(ahead))
}

/// All public holidays of Colombia in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(20);
    let easter = easter_sunday(year);
    let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    // Movable from 1984 (Ley 51 de 1983); before that on their own day.
    let movable = |date: Option<NaiveDate>| {
        if year >= 1984 {
            date.and_then(emiliani)
        } else {
            date
        }
    };

    // Ley 35 de 1939: Año Nuevo.
    push_ymd(&mut out, year, 1, 1, "New Year's Day");
    // CST art. 177 / Ley 51 de 1983: Reyes Magos (6 January), San José
    // (19 March), movable.
    push(&mut out, movable(fixed(1, 6)), "Epiphany");
    push(&mut out, movable(fixed(3, 19)), "Saint Joseph's Day");
    // CST art. 177: Jueves y Viernes Santo (not movable).
    push(&mut out, offset(easter, -3), "Maundy Thursday");
    push(&mut out, offset(easter, -2), "Good Friday");
    // Ley 35 de 1939: 1 May.
    push_ymd(&mut out, year, 5, 1, "Labour Day");
    // CST art. 177 / Ley 51 de 1983: Ascensión (Easter + 39), Corpus Christi
    // (Easter + 60), Sagrado Corazón (Easter + 68), movable.
    push(&mut out, movable(offset(easter, 39)), "Ascension Day");
    push(&mut out, movable(offset(easter, 60)), "Corpus Christi");
    push(&mut out, movable(offset(easter, 68)), "Sacred Heart");
    // San Pedro y San Pablo (29 June), movable.
    push(
        &mut out,
        movable(fixed(6, 29)),
        "Saint Peter and Saint Paul",
    );
    // Ley 2578 de 2026: Nuestra Señora del Rosario de Chiquinquirá (9 July),
    // movable.
    if year >= 2026 {
        push(
            &mut out,
            movable(fixed(7, 9)),
            "Our Lady of the Rosary of Chiquinquirá",
        );
    }
    // Ley 35 de 1939: Independencia (20 July), Batalla de Boyacá (7 August);
    // not movable.
    push_ymd(&mut out, year, 7, 20, "Independence Day");
    push_ymd(&mut out, year, 8, 7, "Battle of Boyacá");
    // Asunción (15 August), Día de la Raza (12 October), Todos los Santos
    // (1 November), Independencia de Cartagena (11 November): movable.
    push(&mut out, movable(fixed(8, 15)), "Assumption Day");
    push(&mut out, movable(fixed(10, 12)), "Columbus Day");
    push(&mut out, movable(fixed(11, 1)), "All Saints' Day");
    push(
        &mut out,
        movable(fixed(11, 11)),
        "Independence of Cartagena",
    );
    // Inmaculada Concepción (8 December) and Navidad (25 December): fixed.
    push_ymd(&mut out, year, 12, 8, "Immaculate Conception");
    push_ymd(&mut out, year, 12, 25, "Christmas Day");
    out
}
