//! Calendar arithmetic: periods (days, weeks, months, years) and dates of partial precision.
//!
//! Rules from renewal-rules.md §Arithmetic:
//! - rule 1: months and years use the corresponding-date rule, clamped to the month's last
//!   day (`2023-01-31 + 1 month = 2023-02-28`); a year is 12 months;
//! - rule 7: a month-precision date falls on the **first** day of the month as a deadline,
//!   a quarter-precision date on the **last** day of the quarter.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Calendar days.
    Days,
    /// Weeks of 7 days.
    Weeks,
    /// Business days of the agreement's calendar ("30 business days", "15 días hábiles";
    /// rule 3). Plain date arithmetic cannot count them: [`Period::after`] and
    /// [`Period::before`] return `None`, and the engine counts them on the agreement's
    /// calendar.
    BusinessDays,
    /// Calendar months (rule 1).
    Months,
    /// Years of 12 months (rule 1).
    Years,
}

/// A span of time as a contract states it: `90 days`, `12 months`, `3 years`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    /// How many units (at most [`Period::MAX_AMOUNT`]).
    pub amount: u32,
    /// The unit.
    pub unit: PeriodUnit,
}

/// Longest span the engine accepts, in days (100 years): beyond it a period is absurd.
pub const MAX_PERIOD_DAYS: i64 = 36_525;

impl Period {
    /// Largest amount accepted for any unit (a larger one is rejected by the importer).
    pub const MAX_AMOUNT: u32 = 36_525;

    /// `amount` days.
    pub const fn days(amount: u32) -> Self {
        Period {
            amount,
            unit: PeriodUnit::Days,
        }
    }
    /// `amount` months.
    pub const fn months(amount: u32) -> Self {
        Period {
            amount,
            unit: PeriodUnit::Months,
        }
    }
    /// `amount` years.
    pub const fn years(amount: u32) -> Self {
        Period {
            amount,
            unit: PeriodUnit::Years,
        }
    }

    /// Whole months for month and year periods (`Some(36)` for 3 years), `None` for days/weeks.
    pub fn whole_months(&self) -> Option<u32> {
        match self.unit {
            PeriodUnit::Months => Some(self.amount),
            PeriodUnit::Years => self.amount.checked_mul(12),
            _ => None,
        }
    }

    /// Approximate length in days (months as 30.44 days), for comparisons and sanity checks only.
    pub fn approx_days(&self) -> i64 {
        let a = i64::from(self.amount);
        match self.unit {
            PeriodUnit::Days => a,
            PeriodUnit::Weeks => a * 7,
            PeriodUnit::BusinessDays => a * 7 / 5,
            PeriodUnit::Months => a * 3044 / 100,
            PeriodUnit::Years => a * 36525 / 100,
        }
    }

    /// `date + self` by rule 1 (months clamp at month end). `None` past the calendar's range,
    /// and for business days (they need a calendar: see the engine's rule 3).
    pub fn after(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            PeriodUnit::Days => date.checked_add_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Weeks => date.checked_add_days(Days::new(u64::from(self.amount) * 7)),
            PeriodUnit::BusinessDays => None,
            PeriodUnit::Months | PeriodUnit::Years => {
                date.checked_add_months(Months::new(self.whole_months()?))
            }
        }
    }

    /// `date - self` by rule 1 (months clamp at month end). `None` past the calendar's range,
    /// and for business days (they need a calendar: see the engine's rule 3).
    pub fn before(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            PeriodUnit::Days => date.checked_sub_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Weeks => date.checked_sub_days(Days::new(u64::from(self.amount) * 7)),
            PeriodUnit::BusinessDays => None,
            PeriodUnit::Months | PeriodUnit::Years => {
                date.checked_sub_months(Months::new(self.whole_months()?))
            }
        }
    }

    /// Last day of a span of this length starting on `start` (rule 2: `start + T - 1 day`).
    pub fn last_day_from(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.after(start)?.pred_opt()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (one, many) = match self.unit {
            PeriodUnit::Days => ("day", "days"),
            PeriodUnit::Weeks => ("week", "weeks"),
            PeriodUnit::BusinessDays => ("business day", "business days"),
            PeriodUnit::Months => ("month", "months"),
            PeriodUnit::Years => ("year", "years"),
        };
        write!(
            f,
            "{} {}",
            self.amount,
            if self.amount == 1 { one } else { many }
        )
    }
}

/// How precisely a document states a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A month ("July 2025").
    Month,
    /// A quarter ("Q2 2025").
    Quarter,
    /// A year ("2025").
    Year,
}

/// A date as precise as the document states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum PartialDate {
    /// A full date.
    Day {
        /// The date.
        date: NaiveDate,
    },
    /// A month of a year.
    Month {
        /// Year.
        year: i32,
        /// Month 1–12.
        month: u32,
    },
    /// A quarter of a year.
    Quarter {
        /// Year.
        year: i32,
        /// Quarter 1–4.
        quarter: u32,
    },
    /// A year.
    Year {
        /// Year.
        year: i32,
    },
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English month name for 1–12 (`"January"`), `"?"` otherwise.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// Month number 1–12 for an English month name or its three-letter abbreviation.
pub fn parse_month_name(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('.').to_ascii_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == s || (s.len() == 3 && m.starts_with(&s))
        })
        .map(|i| i as u32 + 1)
}

/// First year a document's date may name (inclusive): an agreement dated before 1900 is
/// a typing error ("1 January 0000"), not an agreement to keep deadlines for (issue 13
/// item 3: a value that cannot be right is questioned, never changed).
pub const FIRST_YEAR: i32 = 1900;
/// Last year a document's date may name (inclusive); see [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2200;

/// Checks that `year` lies within [`FIRST_YEAR`]..=[`LAST_YEAR`] (1900–2200), the one
/// check every date read from a document or typed by a user goes through.
///
/// `written` is the year as the text wrote it (`"0000"`), quoted back in the error:
/// `Err("year 0000 is outside 1900–2200")`.
pub fn check_year(year: i32, written: &str) -> Result<i32, String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "year {written} is outside {FIRST_YEAR}–{LAST_YEAR}"
        ))
    }
}

impl PartialDate {
    /// The precision of this date.
    pub fn precision(&self) -> Precision {
        match self {
            PartialDate::Day { .. } => Precision::Day,
            PartialDate::Month { .. } => Precision::Month,
            PartialDate::Quarter { .. } => Precision::Quarter,
            PartialDate::Year { .. } => Precision::Year,
        }
    }

    /// The day this date means as a deadline (rule 7): a month falls on its **first** day
    /// (the earliest reading); a quarter on its **last** day (a due date: Q2 2025 →
    /// 2025-06-30); a year, like a quarter, on its last day (31 December). `None` when the
    /// fields are out of range.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match *self {
            PartialDate::Day { date } => Some(date),
            PartialDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            PartialDate::Quarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return None;
                }
                let first_of_next = if quarter == 4 {
                    NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1)?
                };
                first_of_next.pred_opt()
            }
            PartialDate::Year { year } => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    /// Parses the forms documents use: `1 January 2023`, `January 1, 2023`, `2023-01-01`,
    /// `July 2025`, `Jul 2025`, `Q2 2025`, `2025`. Returns `Err` with what was expected when
    /// the text is not a date, or names an impossible day such as `31 February 2025`, or a
    /// year outside 1900–2200 ([`check_year`]; [`DateErrorKind::YearOutOfRange`]).
    pub fn parse(text: &str) -> Result<PartialDate, DateParseError> {
        let parsed = Self::parse_any_year(text)?;
        let year = match parsed {
            PartialDate::Day { date } => date.year(),
            PartialDate::Month { year, .. }
            | PartialDate::Quarter { year, .. }
            | PartialDate::Year { year } => year,
        };
        let written = text
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4)
            .map_or_else(|| year.to_string(), str::to_string);
        check_year(year, &written).map_err(|reason| DateParseError {
            text: text.to_string(),
            reason,
            kind: DateErrorKind::YearOutOfRange,
        })?;
        Ok(parsed)
    }

    fn parse_any_year(text: &str) -> Result<PartialDate, DateParseError> {
        let t = text.trim().trim_end_matches('.');
        let err = |reason: &str| DateParseError {
            text: text.to_string(),
            reason: reason.to_string(),
            kind: DateErrorKind::NotADate,
        };
        if t.is_empty() {
            return Err(err("empty"));
        }
        // ISO 8601
        if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
            return NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(|date| PartialDate::Day { date })
                .map_err(|_| err("not a valid calendar date (YYYY-MM-DD)"));
        }
        let words: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let year_of = |w: &str| -> Option<i32> {
            if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
                w.parse().ok()
            } else {
                None
            }
        };
        let day_of = |w: &str| -> Option<u32> {
            let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) {
                d.parse().ok()
            } else {
                None
            }
        };
        let full = |y: i32, m: u32, d: u32| -> Result<PartialDate, DateParseError> {
            NaiveDate::from_ymd_opt(y, m, d)
                .map(|date| PartialDate::Day { date })
                .ok_or_else(|| DateParseError {
                    kind: DateErrorKind::DoesNotExist,
                    ..err(&format!(
                        "{d} {} {y} does not exist in the calendar",
                        month_name(m)
                    ))
                })
        };
        match words.as_slice() {
            [y] => year_of(y)
                .map(|year| PartialDate::Year { year })
                .ok_or_else(|| err("expected a date such as 1 January 2023, July 2025 or Q2 2025")),
            [a, y] => {
                let year =
                    year_of(y).ok_or_else(|| err("expected a four-digit year after the month"))?;
                let a_up = a.to_ascii_uppercase();
                if let Some(q) = a_up.strip_prefix('Q') {
                    let quarter: u32 = q.parse().map_err(|_| err("expected Q1 to Q4"))?;
                    if !(1..=4).contains(&quarter) {
                        return Err(err("expected Q1 to Q4"));
                    }
                    return Ok(PartialDate::Quarter { year, quarter });
                }
                let month = parse_month_name(a).ok_or_else(|| err("expected a month name"))?;
                Ok(PartialDate::Month { year, month })
            }
            [d, m, y] => {
                let year = year_of(y).ok_or_else(|| err("expected a four-digit year"))?;
                if let (Some(day), Some(month)) = (day_of(d), parse_month_name(m)) {
                    full(year, month, day)
                } else if let (Some(month), Some(day)) = (parse_month_name(d), day_of(m)) {
                    full(year, month, day)
                } else {
                    Err(err("expected a date such as 1 January 2023"))
                }
            }
            _ => Err(err(
                "expected a date such as 1 January 2023, July 2025 or Q2 2025",
            )),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Day { date } => write!(
                f,
                "{} {} {}",
                date.day(),
                month_name(date.month()),
                date.year()
            ),
            PartialDate::Month { year, month } => write!(f, "{} {year}", month_name(month)),
            PartialDate::Quarter { year, quarter } => write!(f, "Q{quarter} {year}"),
            PartialDate::Year { year } => write!(f, "{year}"),
        }
    }
}

/// A date that could not be read. Shown as `"someday" is not a date: expected …`, or for a
/// year out of range as `"1 January 0000": year 0000 is outside 1900–2200`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct DateParseError {
    /// The text as found.
    pub text: String,
    /// What was expected.
    pub reason: String,
    /// What kind of failure: wording, an impossible day, or a year out of range.
    pub kind: DateErrorKind,
}

impl DateParseError {
    fn describe(&self) -> String {
        match self.kind {
            DateErrorKind::YearOutOfRange => format!("\"{}\": {}", self.text, self.reason),
            _ => format!("\"{}\" is not a date: {}", self.text, self.reason),
        }
    }
}

/// Why a [`DateParseError`] was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateErrorKind {
    /// The wording is not a date form the parser knows ("someday", "Q5 2025").
    NotADate,
    /// The wording is a date, but the day does not exist ("31 February 2025").
    DoesNotExist,
    /// The year lies outside [`FIRST_YEAR`]..=[`LAST_YEAR`] ("1 January 0000").
    YearOutOfRange,
}

/// `"Fri 1 Oct 2027"`: the weekday-day-month-year form used in briefs and notifications.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// Days from `today` to `date`: positive in the future, negative in the past.
pub fn days_between(today: NaiveDate, date: NaiveDate) -> i64 {
    date.signed_duration_since(today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn month_arithmetic_clamps_at_month_end() {
        assert_eq!(
            Period::months(1).after(d("2023-01-31")),
            Some(d("2023-02-28"))
        );
        assert_eq!(
            Period::months(1).after(d("2024-01-31")),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            Period::years(1).after(d("2024-02-29")),
            Some(d("2025-02-28"))
        );
        assert_eq!(
            Period::months(3).before(d("2025-05-31")),
            Some(d("2025-02-28"))
        );
    }

    #[test]
    fn expiry_is_start_plus_term_minus_one_day() {
        assert_eq!(
            Period::years(3).last_day_from(d("2023-01-01")),
            Some(d("2025-12-31"))
        );
        assert_eq!(
            Period::days(90).before(d("2025-12-31")),
            Some(d("2025-10-02"))
        );
    }

    #[test]
    fn partial_dates_parse_and_fall_on_rule_7_days() {
        let july = PartialDate::parse("July 2025").unwrap();
        assert_eq!(
            july,
            PartialDate::Month {
                year: 2025,
                month: 7
            }
        );
        assert_eq!(july.deadline(), Some(d("2025-07-01")));
        assert_eq!(july.to_string(), "July 2025");
        let q2 = PartialDate::parse("Q2 2025").unwrap();
        assert_eq!(q2.deadline(), Some(d("2025-06-30")));
        let q4 = PartialDate::parse("Q4 2025").unwrap();
        assert_eq!(q4.deadline(), Some(d("2025-12-31")));
        assert_eq!(
            PartialDate::parse("1 January 2023").unwrap().deadline(),
            Some(d("2023-01-01"))
        );
        assert_eq!(
            PartialDate::parse("January 1, 2023").unwrap().deadline(),
            Some(d("2023-01-01"))
        );
    }

    #[test]
    fn impossible_dates_are_rejected_with_a_reason() {
        let e = PartialDate::parse("31 February 2025").unwrap_err();
        assert!(e.reason.contains("does not exist"), "{e}");
        assert!(PartialDate::parse("Q5 2025").is_err());
        assert!(PartialDate::parse("someday").is_err());
        assert!(PartialDate::parse("2025-02-30").is_err());
    }

    #[test]
    fn years_outside_1900_to_2200_are_refused_naming_the_year() {
        for (text, year) in [
            ("1 January 0000", "0000"),
            ("0000-01-01", "0000"),
            ("July 1899", "1899"),
            ("Q1 2201", "2201"),
            ("9999", "9999"),
            ("January 1, 0001", "0001"),
        ] {
            let e = PartialDate::parse(text).unwrap_err();
            assert_eq!(e.kind, DateErrorKind::YearOutOfRange, "{text}");
            assert_eq!(
                e.to_string(),
                format!("\"{text}\": year {year} is outside 1900–2200")
            );
        }
        assert_eq!(
            PartialDate::parse("1 January 1900").unwrap().deadline(),
            Some(d("1900-01-01"))
        );
        assert_eq!(
            PartialDate::parse("31 December 2200").unwrap().deadline(),
            Some(d("2200-12-31"))
        );
        assert_eq!(check_year(2026, "2026"), Ok(2026));
        assert_eq!(
            PartialDate::parse("31 February 2025").unwrap_err().kind,
            DateErrorKind::DoesNotExist
        );
    }

    #[test]
    fn long_date_shows_weekday() {
        assert_eq!(long_date(d("2027-10-01")), "Fri 1 Oct 2027");
        assert_eq!(long_date(d("2027-01-01")), "Fri 1 Jan 2027");
    }
}
