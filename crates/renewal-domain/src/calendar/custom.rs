//! Calendars loaded by the user: a region's holidays, a company's shutdown
//! days, any list of dated non-working days (from an `.ics` file, see
//! `renewal_core::adapters::ics`), chosen for an agreement.
//!
//! Rule 4 of renewal-rules.md §Arithmetic with a custom calendar: a deadline
//! moves back past Saturdays, Sundays, the public holidays of the agreement's
//! country *and* the days of its custom calendar. The custom calendar adds to
//! the country's calendar; it never replaces it, so loading a company's
//! shutdown days cannot make a national holiday a business day. (A calendar
//! for a country without a built-in one simply adds its days to the
//! weekends.)
//!
//! The agreement carries the calendar's name and days (`Agreement::calendar`),
//! so the engine stays a pure function of the agreement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{skip_reason, table, Adjustment, Country, SkippedDay};

/// A named calendar of non-working days chosen for an agreement.
///
/// `days` is sorted by date with no two entries on the same date (see
/// [`CustomCalendar::new`]); a day may fall on a weekend.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomCalendar {
    /// The name the user gave the calendar, e.g. `"Antioquia 2027"`.
    pub name: String,
    /// Its non-working days, sorted by date, one entry per date.
    pub days: Vec<CustomDay>,
}

/// One non-working day of a [`CustomCalendar`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomDay {
    /// The day (a calendar day, no time zone).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// What the day is, e.g. `"Company shutdown"` (the event's summary).
    pub name: String,
}

impl CustomCalendar {
    /// A calendar named `name` with `days` sorted by date; when two days share
    /// a date the first one given is kept.
    pub fn new(name: impl Into<String>, mut days: Vec<CustomDay>) -> CustomCalendar {
        days.sort_by_key(|d| d.date);
        days.dedup_by_key(|d| d.date);
        CustomCalendar {
            name: name.into(),
            days,
        }
    }

    /// The name of the calendar's day on `date`, if `date` is one of its days.
    /// O(log n).
    pub fn day_name(&self, date: NaiveDate) -> Option<&str> {
        self.days
            .binary_search_by_key(&date, |d| d.date)
            .ok()
            .and_then(|i| self.days.get(i))
            .map(|d| d.name.as_str())
    }

    /// The reason recorded in a [`SkippedDay`] for one of this calendar's
    /// days: `"<day name> (calendar \"<calendar name>\")"`.
    fn reason(&self, date: NaiveDate) -> Option<String> {
        self.day_name(date)
            .map(|day| format!("{day} (calendar \"{}\")", self.name))
    }
}

/// Rule 4 of renewal-rules.md §Arithmetic with an optional custom calendar:
/// `date` itself if it is a business day, else the closest earlier business
/// day, skipping weekends, the public holidays of `country` and the days of
/// `custom`. With `custom` = `None` this is exactly
/// [`super::previous_business_day`].
///
/// A skipped custom day's reason is `"<day name> (calendar \"<name>\")"`; a
/// day that is both a public holiday and a custom day is reported as the
/// public holiday.
pub fn previous_business_day_in(
    country: &Country,
    custom: Option<&CustomCalendar>,
    date: NaiveDate,
) -> Adjustment {
    let table = country.calendar().map(table);
    let mut skipped = Vec::new();
    let mut current = date;
    while let Some(reason) =
        skip_reason(table, current).or_else(|| custom.and_then(|c| c.reason(current)))
    {
        skipped.push(SkippedDay {
            date: current,
            reason,
        });
        match current.pred_opt() {
            Some(previous) => current = previous,
            None => break,
        }
    }
    Adjustment {
        date: current,
        unadjusted: date,
        skipped,
    }
}
