//! Date of the June solstice (the southern-hemisphere winter solstice) as seen
//! in continental Chile, for the National Day of Indigenous Peoples (Ley
//! 21.357, 2021: "el día del solsticio de invierno de cada año en el hemisferio
//! sur").
//!
//! The date is *computed*, not read from a table: Jean Meeus, *Astronomical
//! Algorithms* (2nd ed.), ch. 27 (mean solstice, Table 27.B, corrected by the 24
//! periodic terms of Table 27.C; stated accuracy about one minute for
//! 1951–2050), converted from Dynamical Time to UT with the Espenak–Meeus ΔT
//! polynomials, then to continental Chile's winter time (UTC−4, in force every
//! June since 2016). The law does not name a time zone; Magallanes (UTC−3)
//! could differ by one day in a year whose solstice falls between 00:00 and
//! 01:00 UTC−3. Chile publishes the date each year; when a published date and
//! this computation disagree, the published date governs.

use chrono::{NaiveDate, TimeDelta};

/// Periodic terms of Meeus Table 27.C: amplitude, phase (degrees) and rate
/// (degrees per Julian century).
const TERMS: [(f64, f64, f64); 24] = [
    (485.0, 324.96, 1934.136),
    (203.0, 337.23, 32964.467),
    (199.0, 342.08, 20.186),
    (182.0, 27.85, 445267.112),
    (156.0, 73.14, 45036.886),
    (136.0, 171.52, 22518.443),
    (77.0, 222.54, 65928.934),
    (74.0, 296.72, 3034.906),
    (70.0, 243.58, 9037.513),
    (58.0, 119.81, 33718.147),
    (52.0, 297.17, 150.678),
    (50.0, 21.02, 2281.226),
    (45.0, 247.54, 29929.562),
    (44.0, 325.15, 31555.956),
    (29.0, 60.93, 4443.417),
    (18.0, 155.12, 67555.328),
    (17.0, 288.79, 4562.452),
    (16.0, 198.04, 62894.029),
    (14.0, 199.76, 31436.921),
    (12.0, 95.39, 14577.848),
    (12.0, 287.11, 31931.756),
    (12.0, 320.81, 34777.259),
    (9.0, 227.73, 1222.114),
    (8.0, 15.45, 16859.074),
];

/// Julian Day of 2000-01-01 00:00 UT.
const JD_2000_01_01: f64 = 2_451_544.5;

/// Offset of continental Chile's winter time from UTC, in hours.
const CHILE_WINTER_UTC_OFFSET_HOURS: f64 = -4.0;

/// Julian Ephemeris Day (Dynamical Time) of the June solstice of `year`
/// (Meeus ch. 27, valid for years 1000–3000).
fn june_solstice_jde(year: i32) -> f64 {
    let y = (f64::from(year) - 2000.0) / 1000.0;
    let jde0 = 2_451_716.567_67 + 365_241.626_03 * y + 0.003_25 * y * y + 0.008_88 * y * y * y
        - 0.000_30 * y * y * y * y;
    let t = (jde0 - 2_451_545.0) / 36_525.0;
    let w = (35_999.373 * t - 2.47).to_radians();
    let delta_lambda = 1.0 + 0.0334 * w.cos() + 0.0007 * (2.0 * w).cos();
    let s: f64 = TERMS
        .iter()
        .map(|&(a, b, c)| a * (b + c * t).to_radians().cos())
        .sum();
    jde0 + 0.000_01 * s / delta_lambda
}

/// ΔT = TT − UT in seconds (Espenak & Meeus polynomials, NASA "Five
/// Millennium Canon of Solar Eclipses").
fn delta_t_seconds(year: i32) -> f64 {
    let y = f64::from(year) + 0.5;
    if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t * t
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y)
    }
}

/// Instant of the June solstice of `year` as a Julian Day in UT.
pub(super) fn june_solstice_jd_ut(year: i32) -> f64 {
    june_solstice_jde(year) - delta_t_seconds(year) / 86_400.0
}

/// Calendar date, in continental Chile winter time (UTC−4), of the June
/// solstice of `year`. `None` only if the date cannot be represented.
pub(super) fn june_solstice_date_chile(year: i32) -> Option<NaiveDate> {
    let local_jd = june_solstice_jd_ut(year) + CHILE_WINTER_UTC_OFFSET_HOURS / 24.0;
    // Whole days since 2000-01-01 00:00 local time; the value is a few tens of
    // thousands, far inside i64.
    let days = (local_jd - JD_2000_01_01).floor() as i64;
    NaiveDate::from_ymd_opt(2000, 1, 1)?.checked_add_signed(TimeDelta::try_days(days)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minutes between the computed solstice and a published UTC instant.
    fn error_minutes(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> f64 {
        let published = NaiveDate::from_ymd_opt(year, month, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap_or_else(|| panic!("bad instant {year}-{month}-{day}"));
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_else(|| panic!("bad epoch"));
        let published_jd = JD_2000_01_01 + (published - epoch).num_seconds() as f64 / 86_400.0;
        (june_solstice_jd_ut(year) - published_jd) * 1440.0
    }

    #[test]
    fn matches_published_solstice_instants_to_within_two_minutes() {
        // June solstice instants (UTC) as published by the US Naval Observatory.
        let published = [
            (2021, 6, 21, 3, 32),
            (2022, 6, 21, 9, 14),
            (2023, 6, 21, 14, 58),
            (2024, 6, 20, 20, 51),
            (2025, 6, 21, 2, 42),
            (2026, 6, 21, 8, 24),
            (2027, 6, 21, 14, 11),
            (2028, 6, 20, 20, 2),
        ];
        for (y, m, d, h, min) in published {
            let err = error_minutes(y, m, d, h, min);
            assert!(err.abs() < 2.0, "{y}: off by {err:.2} minutes");
        }
    }
}
