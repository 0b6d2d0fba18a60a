//! Public holidays of Brazil (national "feriados").
//!
//! Sources: Lei 662/1949 (1 January, 21 April, 1 May, 7 September, 15 November,
//! 25 December), Lei 6.802/1980 (Nossa Senhora Aparecida, 12 October, from
//! 1980), Lei 10.607/2002 (consolidates the civil list), Lei 9.093/1995 (the
//! religious holidays, among them Good Friday and Finados, 2 November) and
//! Lei 14.759/2023 (Dia Nacional de Zumbi e da Consciência Negra, 20 November,
//! from 2024). No holiday moves.
//!
//! Deliberately not included: Carnival and Corpus Christi, which are "pontos
//! facultativos" (optional days) nationally; state and municipal holidays.
//!
//! Checked against the Python `holidays` package for 2000–2040
//! (`oracle_tests`).

use super::{easter_sunday, offset, push, push_ymd, RawHoliday};

/// All public holidays of Brazil in `year`, in no particular order.
pub(super) fn holidays_in_year(year: i32) -> Vec<RawHoliday> {
    let mut out = Vec::with_capacity(10);
    push_ymd(&mut out, year, 1, 1, "Universal Fraternization Day");
    // Lei 9.093/1995: Sexta-feira da Paixão.
    push(&mut out, offset(easter_sunday(year), -2), "Good Friday");
    push_ymd(&mut out, year, 4, 21, "Tiradentes' Day");
    push_ymd(&mut out, year, 5, 1, "Worker's Day");
    push_ymd(&mut out, year, 9, 7, "Independence Day");
    // Lei 6.802/1980.
    if year >= 1980 {
        push_ymd(&mut out, year, 10, 12, "Our Lady of Aparecida");
    }
    push_ymd(&mut out, year, 11, 2, "All Souls' Day");
    push_ymd(&mut out, year, 11, 15, "Republic Proclamation Day");
    // Lei 14.759/2023, from 2024.
    if year >= 2024 {
        push_ymd(
            &mut out,
            year,
            11,
            20,
            "National Day of Zumbi and Black Awareness",
        );
    }
    push_ymd(&mut out, year, 12, 25, "Christmas Day");
    out
}
