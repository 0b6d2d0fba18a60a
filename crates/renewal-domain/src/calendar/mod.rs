//! Business days and public holidays per country.
//!
//! Implements renewal-rules.md §Arithmetic rule 4: "A deadline that falls on a
//! Saturday, Sunday or a public holiday of the agreement's jurisdiction moves
//! to the preceding business day. Keep both dates." [`previous_business_day`]
//! returns an [`Adjustment`] holding both dates and every skipped day with the
//! reason it was skipped.
//!
//! Holiday calendars exist for Peru (see the `peru` module: Decreto Legislativo
//! 713, art. 6, and the laws amending it), Chile (the `chile` module: Ley 2.977
//! and later laws), Colombia (`colombia`: Ley 51 de 1983, "Ley Emiliani"),
//! Mexico (`mexico`: Ley Federal del Trabajo, art. 74), Argentina
//! (`argentina`: Ley 27.399), Brazil (`brazil`: Lei 662/1949 as amended), the
//! United States (`united_states`: 5 U.S.C. 6103, federal holidays), the
//! United Kingdom (`united_kingdom`: bank holidays of England and Wales under
//! the Banking and Financial Dealings Act 1971) and Spain (`spain`: national
//! holidays under Real Decreto 2001/1983, art. 45). Every holiday is annotated
//! in the source with the law that creates it and the year it starts. The
//! seven calendars added for issue 10 are checked against the Python
//! `holidays` package for 2000–2040 (`oracle_tests`). Any other country
//! ([`Country::Other`]) adjusts for weekends only, and [`Adjustment::explain`]
//! says so.
//!
//! A calendar loaded by the user (a region's or a company's non-working days,
//! see [`CustomCalendar`]) can be added to an agreement's country calendar:
//! [`previous_business_day_in`] skips the days of both.
//!
//! Units: every date is a [`NaiveDate`], a calendar day in the jurisdiction's
//! own civil calendar, with no time of day and no time zone. Years are
//! proleptic Gregorian years.
//!
//! Coverage: holidays are known for [`FIRST_SUPPORTED_YEAR`]..=
//! [`LAST_SUPPORTED_YEAR`] (1990–2100). Outside that range [`holidays`]
//! returns an empty list and every weekday counts as a business day, as for a
//! country without a calendar; [`Adjustment::explain`] says so.
//!
//! Holidays are national, legal holidays known in advance by rule. Regional
//! holidays, one-off non-working days decreed for the public sector, and
//! election days are not included; each country module documents exactly what
//! is left out and why.
//!
//! Performance: the holidays of every supported year are computed once per
//! country (on first use, behind a [`OnceLock`]) into a table with one entry
//! per day, so [`is_business_day`] and [`holiday_name`] are O(1) and
//! [`previous_business_day`] is O(number of skipped days).

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod argentina;
mod brazil;
mod chile;
mod colombia;
mod custom;
mod easter;
mod mexico;
#[cfg(test)]
mod oracle_tests;
mod peru;
mod solstice;
mod spain;
#[cfg(test)]
mod tests;
mod united_kingdom;
mod united_states;

pub use custom::{previous_business_day_in, CustomCalendar, CustomDay};

pub use easter::easter_sunday;

/// First year (inclusive, Gregorian) for which holiday calendars are known.
pub const FIRST_SUPPORTED_YEAR: i32 = 1990;
/// Last year (inclusive, Gregorian) for which holiday calendars are known.
pub const LAST_SUPPORTED_YEAR: i32 = 2100;

/// Country whose public holidays govern business-day adjustment.
///
/// Serialised (serde) as the ISO 3166-1 alpha-2 code string: `"PE"`, `"CL"`,
/// `"CO"`, `"MX"`, `"AR"`, `"BR"`, `"US"`, `"GB"`, `"ES"`, or any other
/// upper-case code for [`Country::Other`]. Deserialisation accepts whatever
/// [`Country::parse`] accepts.
///
/// Build values with [`Country::parse`] (or [`str::parse`]), which maps the
/// codes and names of the countries with a calendar to their variant. A
/// hand-built `Other("PE")` (or any other code of a country with a calendar)
/// still uses that country's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub enum Country {
    /// Peru (ISO 3166-1 "PE"); holiday calendar: Decreto Legislativo 713,
    /// art. 6, as amended.
    Peru,
    /// Chile (ISO 3166-1 "CL"); holiday calendar: Ley 2.977 and later laws.
    Chile,
    /// Colombia (ISO 3166-1 "CO"); holiday calendar: Ley 51 de 1983 (Ley
    /// Emiliani) and later laws.
    Colombia,
    /// Mexico (ISO 3166-1 "MX"); holiday calendar: Ley Federal del Trabajo,
    /// art. 74 (días de descanso obligatorio).
    Mexico,
    /// Argentina (ISO 3166-1 "AR"); holiday calendar: Ley 27.399 (feriados
    /// nacionales and días no laborables) and the decrees of puentes.
    Argentina,
    /// Brazil (ISO 3166-1 "BR"); holiday calendar: national holidays (Lei
    /// 662/1949 as amended).
    Brazil,
    /// United States (ISO 3166-1 "US"); holiday calendar: federal holidays, 5
    /// U.S.C. 6103, with the observed-day rule of Executive Order 11582.
    UnitedStates,
    /// United Kingdom (ISO 3166-1 "GB"); holiday calendar: bank holidays of
    /// England and Wales (Banking and Financial Dealings Act 1971 and royal
    /// proclamations). Scotland and Northern Ireland are not covered.
    UnitedKingdom,
    /// Spain (ISO 3166-1 "ES"); holiday calendar: national holidays (Estatuto
    /// de los Trabajadores art. 37.2, Real Decreto 2001/1983 art. 45); the
    /// holidays of the autonomous communities are not covered.
    Spain,
    /// Any other country, by its upper-case ISO 3166-1 alpha-2 code. No holiday
    /// calendar: only Saturdays and Sundays are non-business days.
    Other(String),
}

/// Which holiday table a country uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Peru,
    Chile,
    Colombia,
    Mexico,
    Argentina,
    Brazil,
    UnitedStates,
    UnitedKingdom,
    Spain,
}

/// Every country with a holiday calendar: its variant, ISO code, English name,
/// and the lower-case names and aliases [`Country::parse`] accepts besides the
/// code (English and Spanish).
const KNOWN: [(Calendar, &str, &str, &[&str]); 9] = [
    (Calendar::Peru, "PE", "Peru", &["peru", "perú"]),
    (Calendar::Chile, "CL", "Chile", &["chile"]),
    (Calendar::Colombia, "CO", "Colombia", &["colombia"]),
    (
        Calendar::Mexico,
        "MX",
        "Mexico",
        &["mexico", "méxico", "mejico", "méjico"],
    ),
    (Calendar::Argentina, "AR", "Argentina", &["argentina"]),
    (Calendar::Brazil, "BR", "Brazil", &["brazil", "brasil"]),
    (
        Calendar::UnitedStates,
        "US",
        "United States",
        &[
            "united states",
            "united states of america",
            "usa",
            "u.s.",
            "u.s.a.",
            "estados unidos",
            "estados unidos de américa",
            "estados unidos de america",
            "ee.uu.",
            "eeuu",
            "ee. uu.",
        ],
    ),
    (
        Calendar::UnitedKingdom,
        "GB",
        "United Kingdom",
        &[
            "uk",
            "u.k.",
            "united kingdom",
            "great britain",
            "england",
            "england and wales",
            "wales",
            "reino unido",
            "inglaterra",
            "gran bretaña",
        ],
    ),
    (
        Calendar::Spain,
        "ES",
        "Spain",
        &["spain", "españa", "espana"],
    ),
];

impl Calendar {
    fn country(self) -> Country {
        match self {
            Calendar::Peru => Country::Peru,
            Calendar::Chile => Country::Chile,
            Calendar::Colombia => Country::Colombia,
            Calendar::Mexico => Country::Mexico,
            Calendar::Argentina => Country::Argentina,
            Calendar::Brazil => Country::Brazil,
            Calendar::UnitedStates => Country::UnitedStates,
            Calendar::UnitedKingdom => Country::UnitedKingdom,
            Calendar::Spain => Country::Spain,
        }
    }

    fn known(
        self,
    ) -> &'static (
        Calendar,
        &'static str,
        &'static str,
        &'static [&'static str],
    ) {
        // KNOWN lists every Calendar once, in declaration order.
        &KNOWN[self as usize]
    }
}

impl Country {
    /// ISO 3166-1 alpha-2 code: `"PE"`, `"CL"`, `"CO"`, `"MX"`, `"AR"`,
    /// `"BR"`, `"US"`, `"GB"` (United Kingdom), `"ES"`, or the code held by
    /// [`Country::Other`].
    pub fn code(&self) -> &str {
        match self {
            Country::Other(code) => code,
            _ => self.calendar().map(|c| c.known().1).unwrap_or("??"),
        }
    }

    /// English short name: `"Peru"`, `"Chile"`, `"Colombia"`, `"Mexico"`,
    /// `"Argentina"`, `"Brazil"`, `"United States"`, `"United Kingdom"`,
    /// `"Spain"`, or the code for [`Country::Other`].
    pub fn name(&self) -> &str {
        match self {
            Country::Other(code) => code,
            _ => self.calendar().map(|c| c.known().2).unwrap_or("??"),
        }
    }

    /// Parses a country code or name, ignoring case and surrounding
    /// whitespace.
    ///
    /// Accepts, for the countries with a holiday calendar, the ISO 3166-1
    /// alpha-2 code ("PE", "cl", "US", "GB"; also "UK"), the alpha-3 code, and
    /// the name in English or Spanish (with or without accents): "Peru"/"Perú",
    /// "Chile", "Colombia", "Mexico"/"México", "Argentina", "Brazil"/"Brasil",
    /// "United States"/"USA"/"Estados Unidos", "United Kingdom"/"England"/
    /// "Reino Unido"/"Inglaterra", "Spain"/"España". Any other two ASCII
    /// letters give [`Country::Other`], upper-cased. Anything else gives
    /// `None`. Whether the two letters are an assigned ISO 3166-1 code is not
    /// checked.
    pub fn parse(s: &str) -> Option<Country> {
        let trimmed = s.trim();
        let lower = trimmed.to_lowercase();
        if let Some((calendar, ..)) = KNOWN.iter().find(|(_, code, _, names)| {
            code.eq_ignore_ascii_case(&lower) || names.contains(&lower.as_str())
        }) {
            return Some(calendar.country());
        }
        if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Some(Country::Other(trimmed.to_ascii_uppercase()));
        }
        None
    }

    /// True when public holidays are known for this country (Peru, Chile,
    /// Colombia, Mexico, Argentina, Brazil, United States, United Kingdom,
    /// Spain); false when business days only exclude weekends.
    pub fn has_holiday_calendar(&self) -> bool {
        self.calendar().is_some()
    }

    fn calendar(&self) -> Option<Calendar> {
        match self {
            Country::Peru => Some(Calendar::Peru),
            Country::Chile => Some(Calendar::Chile),
            Country::Colombia => Some(Calendar::Colombia),
            Country::Mexico => Some(Calendar::Mexico),
            Country::Argentina => Some(Calendar::Argentina),
            Country::Brazil => Some(Calendar::Brazil),
            Country::UnitedStates => Some(Calendar::UnitedStates),
            Country::UnitedKingdom => Some(Calendar::UnitedKingdom),
            Country::Spain => Some(Calendar::Spain),
            Country::Other(code) => KNOWN
                .iter()
                .find(|(_, known, ..)| {
                    known.eq_ignore_ascii_case(code)
                        || (code.eq_ignore_ascii_case("UK") && *known == "GB")
                })
                .map(|(calendar, ..)| *calendar),
        }
    }
}

impl fmt::Display for Country {
    /// Writes [`Country::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error from parsing a [`Country`]; holds the rejected input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryParseError(pub String);

impl fmt::Display for CountryParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unrecognised country {:?}: expected an ISO 3166-1 alpha-2 code \
             (two letters, e.g. \"PE\" or \"CL\") or a country name in English or Spanish \
             (Peru, Chile, Colombia, Mexico, Argentina, Brazil, United States, \
             United Kingdom, Spain)",
            self.0
        )
    }
}

impl std::error::Error for CountryParseError {}

impl FromStr for Country {
    type Err = CountryParseError;

    /// Same rules as [`Country::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Country::parse(s).ok_or_else(|| CountryParseError(s.to_owned()))
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Country::parse(&s).ok_or_else(|| D::Error::custom(CountryParseError(s)))
    }
}

/// A public holiday: the calendar day it is observed on (after any moving rule
/// of the law, e.g. Chile's Monday rule) and its English name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// Day on which the holiday is observed.
    pub date: NaiveDate,
    /// English name, e.g. "Christmas Day"; the law behind each name is cited
    /// in the country module.
    pub name: &'static str,
}

/// Public holidays of `country` in `year` (Gregorian), sorted by date.
///
/// Empty for a country without a calendar ([`Country::Other`]) and for a year
/// outside [`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`] (1990–2100).
/// Holidays falling on a weekend are included. Built from the precomputed
/// table, so the same call always returns the same list.
pub fn holidays(country: &Country, year: i32) -> Vec<Holiday> {
    country
        .calendar()
        .map(|cal| table(cal).year(year))
        .unwrap_or_default()
}

/// Name of the public holiday of `country` on `date`, if any.
///
/// `None` for a day that is not a holiday, for every day of a country without
/// a calendar, and for dates outside 1990–2100. O(1).
pub fn holiday_name(country: &Country, date: NaiveDate) -> Option<&'static str> {
    table(country.calendar()?).name(date)
}

/// Whether `date` is a business day in `country`: not a Saturday, not a
/// Sunday, and not a public holiday of `country` (rule 4 of renewal-rules.md
/// §Arithmetic). O(1).
pub fn is_business_day(country: &Country, date: NaiveDate) -> bool {
    !is_weekend(date) && holiday_name(country, date).is_none()
}

/// A day passed over when rolling a date back to a business day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SkippedDay {
    /// The skipped day.
    pub date: NaiveDate,
    /// Why it was skipped: `"Saturday"`, `"Sunday"`, or the holiday name (e.g.
    /// `"Christmas Day"`). A holiday on a weekend is reported as the weekend
    /// day.
    pub reason: String,
}

/// Result of rolling a date back to a business day (rule 4 of renewal-rules.md
/// §Arithmetic: "Keep both dates").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    /// The business day the deadline moves to (equal to `unadjusted` when no
    /// move was needed).
    pub date: NaiveDate,
    /// The date as computed before adjustment.
    pub unadjusted: NaiveDate,
    /// Every day from `unadjusted` back to (excluding) `date`, latest first.
    pub skipped: Vec<SkippedDay>,
}

impl Adjustment {
    /// True when the date moved, i.e. `date != unadjusted`.
    pub fn is_adjusted(&self) -> bool {
        self.date != self.unadjusted
    }

    /// One line for a lawyer, naming each skipped day and the result, e.g.
    /// "2027-10-02 is a Saturday; moved to the preceding business day, 2027-10-01
    /// (Fri)", or "2026-12-27 is a Sunday, 2026-12-26 a Saturday, 2026-12-25
    /// Christmas Day (Peru); moved to the preceding business day, 2026-12-24 (Thu)".
    /// ISO dates: this is a line of the workings (issue 16 item 8).
    ///
    /// For a country without a calendar it appends "(weekends only: no
    /// public-holiday calendar for XX)"; for dates outside 1990–2100 it says
    /// the calendar does not cover them. `country` should be the one passed
    /// to [`previous_business_day`].
    pub fn explain(&self, country: &Country) -> String {
        let mut line = String::new();
        if self.skipped.is_empty() {
            line.push_str(&format!(
                "{} ({}) is a business day in {}; no adjustment",
                self.unadjusted,
                self.unadjusted.weekday(),
                country.name()
            ));
        } else {
            for (i, day) in self.skipped.iter().enumerate() {
                let what = match day.reason.as_str() {
                    "Saturday" | "Sunday" => format!("a {}", day.reason),
                    holiday if holiday_name(country, day.date) == Some(holiday) => {
                        format!("{holiday} ({})", country.name())
                    }
                    // A day of a custom calendar: its reason names the calendar.
                    other => other.to_owned(),
                };
                if i == 0 {
                    line.push_str(&format!("{} is {what}", day.date));
                } else {
                    line.push_str(&format!(", {} {what}", day.date));
                }
            }
            line.push_str(&format!(
                "; moved to the preceding business day, {} ({})",
                self.date,
                self.date.weekday()
            ));
        }
        if !country.has_holiday_calendar() {
            line.push_str(&format!(
                " (weekends only: no public-holiday calendar for {})",
                country.code()
            ));
        } else if !is_supported_year(self.date.year()) || !is_supported_year(self.unadjusted.year())
        {
            line.push_str(&format!(
                " (weekends only: the {} public-holiday calendar covers {}–{})",
                country.name(),
                FIRST_SUPPORTED_YEAR,
                LAST_SUPPORTED_YEAR
            ));
        }
        line
    }
}

/// Rule 4 of renewal-rules.md §Arithmetic: `date` itself if it is a business
/// day in `country`, else the closest earlier business day, with every day
/// skipped on the way and why.
///
/// Weekends are Saturday and Sunday; holidays are those of [`holidays`]. The
/// only case that can end on a non-business day is reaching
/// [`NaiveDate::MIN`], which has no earlier day.
pub fn previous_business_day(country: &Country, date: NaiveDate) -> Adjustment {
    previous_business_day_in(country, None, date)
}

/// Why `date` is not a business day, or `None` if it is one.
fn skip_reason(table: Option<&HolidayTable>, date: NaiveDate) -> Option<String> {
    match date.weekday() {
        Weekday::Sat => Some("Saturday".to_owned()),
        Weekday::Sun => Some("Sunday".to_owned()),
        _ => table?.name(date).map(str::to_owned),
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_supported_year(year: i32) -> bool {
    (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&year)
}

/// A holiday as produced by a country's rules: observed date and name.
type RawHoliday = (NaiveDate, &'static str);

/// Pushes `year`-`month`-`day` (skipped if not a valid date).
fn push_ymd(out: &mut Vec<RawHoliday>, year: i32, month: u32, day: u32, name: &'static str) {
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        out.push((date, name));
    }
}

/// `date` moved by `days` calendar days (negative: earlier).
fn offset(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    }
}

const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(FIRST_SUPPORTED_YEAR, 1, 1) {
    Some(date) => date,
    None => panic!("1990-01-01 is a valid date"),
};
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(LAST_SUPPORTED_YEAR, 12, 31) {
    Some(date) => date,
    None => panic!("2100-12-31 is a valid date"),
};

/// Every holiday of one country for 1990–2100: one `u16` per day, 0 for "not
/// a holiday", otherwise 1 + the index of the holiday's name in `names`.
/// About 80 KB per country.
struct HolidayTable {
    first_day: i32,
    codes: Vec<u16>,
    names: Vec<&'static str>,
}

impl HolidayTable {
    fn build(rules: fn(i32) -> Vec<RawHoliday>) -> HolidayTable {
        let first_day = FIRST_DAY.num_days_from_ce();
        let len = usize::try_from(LAST_DAY.num_days_from_ce() - first_day + 1).unwrap_or(0);
        let mut table = HolidayTable {
            first_day,
            codes: vec![0; len],
            names: Vec::new(),
        };
        for year in FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR {
            for (date, name) in rules(year) {
                table.insert(date, name);
            }
        }
        table
    }

    /// Records a holiday; when two rules give the same day the first one is
    /// kept (tests check that this never happens in 1990–2100).
    fn insert(&mut self, date: NaiveDate, name: &'static str) {
        let Some(index) = self.index(date) else {
            return;
        };
        let name_index = match self.names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        };
        let code = u16::try_from(name_index + 1).unwrap_or(u16::MAX);
        if let Some(slot) = self.codes.get_mut(index) {
            if *slot == 0 {
                *slot = code;
            }
        }
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        usize::try_from(date.num_days_from_ce() - self.first_day)
            .ok()
            .filter(|&i| i < self.codes.len())
    }

    fn name(&self, date: NaiveDate) -> Option<&'static str> {
        let code = *self.codes.get(self.index(date)?)?;
        let name_index = usize::from(code).checked_sub(1)?;
        self.names.get(name_index).copied()
    }

    fn year(&self, year: i32) -> Vec<Holiday> {
        if !is_supported_year(year) {
            return Vec::new();
        }
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Vec::new();
        };
        start
            .iter_days()
            .take_while(|d| *d <= end)
            .filter_map(|date| self.name(date).map(|name| Holiday { date, name }))
            .collect()
    }
}

/// The rules of one calendar: every holiday of a year.
fn rules(calendar: Calendar) -> fn(i32) -> Vec<RawHoliday> {
    match calendar {
        Calendar::Peru => peru::holidays_in_year,
        Calendar::Chile => chile::holidays_in_year,
        Calendar::Colombia => colombia::holidays_in_year,
        Calendar::Mexico => mexico::holidays_in_year,
        Calendar::Argentina => argentina::holidays_in_year,
        Calendar::Brazil => brazil::holidays_in_year,
        Calendar::UnitedStates => united_states::holidays_in_year,
        Calendar::UnitedKingdom => united_kingdom::holidays_in_year,
        Calendar::Spain => spain::holidays_in_year,
    }
}

fn table(calendar: Calendar) -> &'static HolidayTable {
    static TABLES: [OnceLock<HolidayTable>; KNOWN.len()] = [const { OnceLock::new() }; KNOWN.len()];
    TABLES[calendar as usize].get_or_init(|| HolidayTable::build(rules(calendar)))
}

/// The `n`th (1-based) `weekday` of `month` in `year`, if it exists.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of `month` in `year`.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let last = first_of_next.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    offset(last, -i64::from(back))
}

/// Pushes `date` (if any) under `name`.
fn push(out: &mut Vec<RawHoliday>, date: Option<NaiveDate>, name: &'static str) {
    if let Some(date) = date {
        out.push((date, name));
    }
}
