//! Reads a user's calendar of non-working days (a region's holidays, a company's shutdown
//! days) from an iCalendar (`.ics`) file, parsed with the `icalendar` crate's parser.
//!
//! What is read, per VEVENT (RFC 5545):
//! - **All-day events** only: `DTSTART;VALUE=DATE:YYYYMMDD` (or a bare date). An event
//!   with a time of day is refused, naming it: a meeting is not a non-working day.
//! - **Multi-day events**: every day from `DTSTART` up to, not including, `DTEND` (DTEND
//!   is exclusive, RFC 5545 §3.6.1); or `DURATION:PnD`/`PnW`; neither means one day. At
//!   most 366 days per occurrence.
//! - **Yearly repetition**: `RRULE:FREQ=YEARLY` with optional `INTERVAL`, `COUNT` or
//!   `UNTIL` (no other rule parts); without `COUNT` or `UNTIL` it repeats up to
//!   [`LAST_SUPPORTED_YEAR`] (2100), the end of the built-in holiday calendars. `EXDATE`
//!   dates are left out. Any other `RRULE` is refused, naming the event.
//! - `STATUS:CANCELLED` events are skipped. The day's name is the event's `SUMMARY`.
//!
//! Errors name the file and say what was expected; on any error nothing is returned, so
//! nothing is stored.

use chrono::{Datelike, Days, Months, NaiveDate};
use icalendar::{CalendarComponent, Component, DatePerhapsTime};

use crate::domain::calendar::{CustomDay, LAST_SUPPORTED_YEAR};
use crate::error::{Error, Result};

/// Largest `.ics` file read, in bytes (5 MiB, as for text documents).
pub const MAX_ICS_BYTES: usize = 5 * 1024 * 1024;

/// Longest single occurrence of an event, in days.
const MAX_EVENT_DAYS: u64 = 366;

fn invalid(file_name: &str, message: impl Into<String>) -> Error {
    Error::Invalid {
        field: format!("calendar file {file_name}"),
        message: message.into(),
    }
}

/// The non-working days of the iCalendar text `bytes` read from `file_name` (named in
/// errors), sorted by date; a date given by two events is kept once (the first event's
/// name).
///
/// Errors ([`Error::Invalid`], field `calendar file <file_name>`): larger than
/// [`MAX_ICS_BYTES`], not UTF-8, not an iCalendar file (`BEGIN:VCALENDAR`), unreadable
/// syntax, no VEVENT, an event without `DTSTART`, with a time of day, ending before it
/// starts or longer than 366 days, or with an unsupported `RRULE`.
pub fn read_calendar_days(file_name: &str, bytes: &[u8]) -> Result<Vec<CustomDay>> {
    if bytes.len() > MAX_ICS_BYTES {
        return Err(invalid(
            file_name,
            format!(
                "{} bytes: expected an .ics file of at most 5 MiB",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        invalid(
            file_name,
            format!("not UTF-8 text ({e}): expected an iCalendar (.ics) file"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err(invalid(
            file_name,
            "not an iCalendar file: expected it to start with BEGIN:VCALENDAR",
        ));
    }
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).map_err(|e| {
        let first = e.lines().take(4).collect::<Vec<_>>().join(" ");
        invalid(
            file_name,
            format!("unreadable iCalendar syntax ({first}): expected RFC 5545 content lines"),
        )
    })?;
    let calendar: icalendar::Calendar = parsed.into();

    let mut days = Vec::new();
    let mut events = 0usize;
    for component in &calendar.components {
        let CalendarComponent::Event(event) = component else {
            continue;
        };
        events += 1;
        if event
            .property_value("STATUS")
            .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
        {
            continue;
        }
        let summary = event
            .get_summary()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("(no summary)")
            .to_owned();
        let label = format!("event {summary:?}");
        let start = match event.get_start() {
            Some(DatePerhapsTime::Date(date)) => date,
            Some(DatePerhapsTime::DateTime(_)) => {
                return Err(invalid(
                    file_name,
                    format!(
                        "{label} has a time of day: expected all-day events \
                         (DTSTART;VALUE=DATE:YYYYMMDD)"
                    ),
                ))
            }
            None => {
                return Err(invalid(
                    file_name,
                    format!(
                        "{label} has no readable DTSTART: expected DTSTART;VALUE=DATE:YYYYMMDD"
                    ),
                ))
            }
        };
        let length = event_length(file_name, &label, event, start)?;
        let exdates = exdates(event);
        for occurrence in occurrences(file_name, &label, event, start)? {
            if exdates.contains(&occurrence) {
                continue;
            }
            for i in 0..length {
                if let Some(date) = occurrence.checked_add_days(Days::new(i)) {
                    days.push(CustomDay {
                        date,
                        name: summary.clone(),
                    });
                }
            }
        }
    }
    if events == 0 {
        return Err(invalid(
            file_name,
            "no events found: expected at least one all-day VEVENT (BEGIN:VEVENT ... \
             DTSTART;VALUE=DATE:YYYYMMDD ... END:VEVENT)",
        ));
    }
    days.sort_by_key(|d| d.date);
    days.dedup_by_key(|d| d.date);
    Ok(days)
}

/// Number of days of one occurrence: DTEND (exclusive) - DTSTART, or DURATION, else 1.
fn event_length(
    file_name: &str,
    label: &str,
    event: &icalendar::Event,
    start: NaiveDate,
) -> Result<u64> {
    let days = match event.get_end() {
        Some(DatePerhapsTime::Date(end)) => (end - start).num_days(),
        Some(DatePerhapsTime::DateTime(_)) => {
            return Err(invalid(
                file_name,
                format!("{label} ends at a time of day: expected DTEND;VALUE=DATE:YYYYMMDD"),
            ))
        }
        None => match event.property_value("DURATION") {
            Some(duration) => parse_duration_days(duration).ok_or_else(|| {
                invalid(
                    file_name,
                    format!("{label} has DURATION {duration:?}: expected whole days (P2D) or weeks (P1W)"),
                )
            })?,
            None => 1,
        },
    };
    if days < 1 {
        return Err(invalid(
            file_name,
            format!("{label} ends on or before its start: expected DTEND after DTSTART (DTEND is exclusive)"),
        ));
    }
    let days = u64::try_from(days).unwrap_or(u64::MAX);
    if days > MAX_EVENT_DAYS {
        return Err(invalid(
            file_name,
            format!("{label} lasts {days} days: expected at most {MAX_EVENT_DAYS}"),
        ));
    }
    Ok(days)
}

/// `PnD` or `PnW` as days.
fn parse_duration_days(duration: &str) -> Option<i64> {
    let rest = duration.trim().strip_prefix('P')?;
    if let Some(n) = rest.strip_suffix('D') {
        n.parse::<i64>().ok()
    } else if let Some(n) = rest.strip_suffix('W') {
        n.parse::<i64>().ok().map(|w| w * 7)
    } else {
        None
    }
}

/// The EXDATE dates of `event` (date values; a date-time counts by its date).
fn exdates(event: &icalendar::Event) -> Vec<NaiveDate> {
    let single = event.properties().get("EXDATE").into_iter();
    let multi = event.multi_properties().get("EXDATE").into_iter().flatten();
    single
        .chain(multi)
        .flat_map(|p| p.value().split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|v| NaiveDate::parse_from_str(v.get(..8)?, "%Y%m%d").ok())
        .collect()
}

/// The start dates of every occurrence: `start` alone, or its yearly repetitions.
fn occurrences(
    file_name: &str,
    label: &str,
    event: &icalendar::Event,
    start: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let Some(rule) = event.property_value("RRULE") else {
        return Ok(vec![start]);
    };
    let unsupported = || {
        invalid(
            file_name,
            format!(
                "{label} repeats by RRULE {rule:?}: expected only FREQ=YEARLY with optional \
                 INTERVAL, COUNT or UNTIL"
            ),
        )
    };
    let mut yearly = false;
    let mut interval = 1u32;
    let mut count: Option<usize> = None;
    let mut until: Option<NaiveDate> = None;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').ok_or_else(unsupported)?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => yearly = value.eq_ignore_ascii_case("YEARLY"),
            "INTERVAL" => {
                interval = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(unsupported)?
            }
            "COUNT" => count = Some(value.parse().map_err(|_| unsupported())?),
            "UNTIL" => {
                until = Some(
                    value
                        .get(..8)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                        .ok_or_else(unsupported)?,
                )
            }
            _ => return Err(unsupported()),
        }
    }
    if !yearly {
        return Err(unsupported());
    }
    let mut out = Vec::new();
    let mut k = 0u32;
    // Corresponding date by months, so 29 February falls on 28 February.
    while let Some(date) = start.checked_add_months(Months::new(12 * interval * k)) {
        if date.year() > LAST_SUPPORTED_YEAR
            || until.is_some_and(|u| date > u)
            || count.is_some_and(|c| out.len() >= c)
        {
            break;
        }
        out.push(date);
        k += 1;
    }
    Ok(out)
}
