//! The reminder policy: which ladder steps of an event are due on a given day.
//!
//! Pure functions of (event date, status, ladder, snooze, as_of): no clock, no database.
//!
//! - **Ladder.** Each remindable event reminds on each step of a ladder of days before its
//!   date to act on: by default [`DEFAULT_LADDER`] = 90, 60, 30, 14, 7, 3, 1 and 0 days.
//! - **Overdue.** An overdue event (an obligation, a review or a serve-by date that passed
//!   with nothing recorded) reminds once a week after its date ([`OVERDUE_REPEAT_DAYS`]) until
//!   it is marked done.
//! - **Snooze.** A snoozed event is silent until the snooze ends; on that day it reminds again
//!   (step [`Step::Snoozed`]); steps that fell due during the snooze are not delivered.
//! - **Catch-up.** Only the latest due step of an event is delivered; older ones are recorded
//!   as superseded (see [`super::log`]).

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::dates::long_date;
use crate::domain::rules::decision::Decision;
use crate::domain::rules::{DatedEvent, EventStatus};
use crate::error::{Error, Result};

/// The default ladder: days before the event's date on which it reminds.
pub const DEFAULT_LADDER: [u32; 8] = [90, 60, 30, 14, 7, 3, 1, 0];

/// The longest step accepted in a ladder, in days (ten years).
pub const MAX_LADDER_DAYS: u32 = 3650;

/// An overdue event reminds again every this many days after its date.
pub const OVERDUE_REPEAT_DAYS: u32 = 7;

/// Days before an event's date on which it reminds, largest first, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<u32>", into = "Vec<u32>")]
pub struct Ladder(Vec<u32>);

impl Ladder {
    /// A ladder from any list of days (sorted largest first, duplicates removed).
    ///
    /// Errors ([`Error::Invalid`], field `ladder`): an empty list (it would silence every
    /// reminder), or a step over [`MAX_LADDER_DAYS`].
    pub fn new(days: impl IntoIterator<Item = u32>) -> Result<Ladder> {
        let mut v: Vec<u32> = days.into_iter().collect();
        if v.is_empty() {
            return Err(invalid("a ladder needs at least one step, e.g. 90,30,7,0"));
        }
        if let Some(d) = v.iter().find(|d| **d > MAX_LADDER_DAYS) {
            return Err(invalid(&format!(
                "{d} days is more than the longest step accepted ({MAX_LADDER_DAYS} days)"
            )));
        }
        v.sort_unstable_by(|a, b| b.cmp(a));
        v.dedup();
        Ok(Ladder(v))
    }

    /// Parses `"90,60,30,14,7,3,1,0"` (commas and/or spaces; a trailing `d` is allowed).
    pub fn parse(text: &str) -> Result<Ladder> {
        let mut days = Vec::new();
        for part in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let n = part.trim_end_matches(['d', 'D']);
            let d: u32 = n.parse().map_err(|_| {
                invalid(&format!(
                    "\"{part}\" is not a number of days; expected e.g. 90,60,30,14,7,3,1,0"
                ))
            })?;
            days.push(d);
        }
        Ladder::new(days)
    }

    /// The steps in days before the event, largest first.
    pub fn days(&self) -> &[u32] {
        &self.0
    }
}

impl Default for Ladder {
    fn default() -> Self {
        Ladder(DEFAULT_LADDER.to_vec())
    }
}

impl TryFrom<Vec<u32>> for Ladder {
    type Error = Error;
    fn try_from(v: Vec<u32>) -> Result<Ladder> {
        Ladder::new(v)
    }
}

impl From<Ladder> for Vec<u32> {
    fn from(l: Ladder) -> Vec<u32> {
        l.0
    }
}

impl fmt::Display for Ladder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(u32::to_string).collect();
        f.write_str(&parts.join(","))
    }
}

fn invalid(message: &str) -> Error {
    Error::Invalid {
        field: "ladder".to_string(),
        message: message.to_string(),
    }
}

/// One reminder of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "step", content = "value", rename_all = "snake_case")]
pub enum Step {
    /// A ladder step: this many days before the date to act on (`d7`).
    DaysBefore(u32),
    /// The n-th weekly reminder after an overdue date (`overdue-w3`, due date + 3 weeks).
    OverdueWeek(u32),
    /// The reminder when a snooze ends on that day (`snooze-2026-12-21`).
    Snoozed(NaiveDate),
}

impl Step {
    /// Stable key stored in the reminder log: `d7`, `overdue-w3`, `snooze-2026-12-21`.
    pub fn key(&self) -> String {
        match self {
            Step::DaysBefore(d) => format!("d{d}"),
            Step::OverdueWeek(w) => format!("overdue-w{w}"),
            Step::Snoozed(until) => format!("snooze-{until}"),
        }
    }

    /// Parses a key made by [`Step::key`].
    pub fn parse(key: &str) -> Option<Step> {
        if let Some(w) = key.strip_prefix("overdue-w") {
            return w.parse().ok().map(Step::OverdueWeek);
        }
        if let Some(d) = key.strip_prefix("snooze-") {
            return NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(Step::Snoozed);
        }
        key.strip_prefix('d')?.parse().ok().map(Step::DaysBefore)
    }

    /// Human description: "the 7-day step", "overdue, week 3", "snooze ended".
    pub fn describe(&self) -> String {
        match self {
            Step::DaysBefore(0) => "the same-day step".to_string(),
            Step::DaysBefore(1) => "the 1-day step".to_string(),
            Step::DaysBefore(d) => format!("the {d}-day step"),
            Step::OverdueWeek(w) => format!("overdue, weekly reminder {w}"),
            Step::Snoozed(until) => format!("snoozed until {until}"),
        }
    }

    /// Order among steps due the same day: a snooze's own step yields to a ladder step.
    fn rank(&self) -> u8 {
        match self {
            Step::Snoozed(_) => 0,
            _ => 1,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// A step and the day it falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueStep {
    /// The step.
    pub step: Step,
    /// The day it falls due.
    pub due_on: NaiveDate,
}

/// Whether an event gets reminders at all: open (as_of ≤ date) or overdue. Closed events
/// (a passed renewal, expiry or notice deadline) and done ones do not.
pub fn is_remindable(event: &DatedEvent) -> bool {
    matches!(event.status, EventStatus::Open | EventStatus::Overdue)
}

/// The internal decide-by date of `decision` if it still reminds on `as_of` (issue 16
/// item 3): its id ([`Decision::decide_by_id`]) and date, while the question is open, no
/// decision is recorded on it and the date is today or ahead. Once it has passed it
/// reminds no more (no weekly repeats): the legal deadline's own ladder goes on reminding
/// up to the last business day to act.
pub fn decide_by_remindable(decision: &Decision, as_of: NaiveDate) -> Option<(String, NaiveDate)> {
    let date = decision.decide_by.filter(|d| *d >= as_of)?;
    Some((decision.decide_by_id()?, date))
}

/// The label of a decide-by reminder, worded so that it is never read as the legal
/// deadline: "Decide by (internal, 30 days ahead of the last day to act, Fri 1 Oct 2027)".
pub fn decide_by_label(decision: &Decision, act_by: NaiveDate) -> String {
    format!(
        "Decide by (internal, {} days ahead of the last day to act, {})",
        decision.lead_time_days,
        long_date(act_by)
    )
}

/// Every step of an event due on or before `as_of`, oldest first (the last one is the one
/// to deliver; the others are superseded by it).
///
/// - `date`: the date to act on ([`DatedEvent::date`]);
/// - `overdue`: whether the event is overdue (weekly repeats after `date`);
/// - `snoozed_until`: a snooze of the event; while `as_of < until` nothing is due, after it
///   only the snooze's own step and steps falling due on or after `until` count.
pub fn due_steps(
    date: NaiveDate,
    overdue: bool,
    ladder: &Ladder,
    snoozed_until: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<DueStep> {
    if snoozed_until.is_some_and(|u| as_of < u) {
        return Vec::new();
    }
    let mut out: Vec<DueStep> = ladder
        .days()
        .iter()
        .filter_map(|&k| {
            let due_on = date.checked_sub_days(Days::new(u64::from(k)))?;
            (due_on <= as_of).then_some(DueStep {
                step: Step::DaysBefore(k),
                due_on,
            })
        })
        .collect();
    if overdue {
        let mut week = 1u32;
        while let Some(due_on) =
            date.checked_add_days(Days::new(u64::from(week) * u64::from(OVERDUE_REPEAT_DAYS)))
        {
            if due_on > as_of {
                break;
            }
            out.push(DueStep {
                step: Step::OverdueWeek(week),
                due_on,
            });
            week += 1;
        }
    }
    if let Some(until) = snoozed_until {
        out.retain(|s| s.due_on >= until);
        out.push(DueStep {
            step: Step::Snoozed(until),
            due_on: until,
        });
    }
    out.sort_by(|a, b| {
        a.due_on
            .cmp(&b.due_on)
            .then(a.step.rank().cmp(&b.step.rank()))
    });
    out
}

/// How pressing a reminder is: rises as the date nears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 30 days or more ahead.
    Low,
    /// 4 to 29 days ahead.
    Normal,
    /// 3 days or fewer ahead, today, or overdue.
    Critical,
}

impl Urgency {
    /// The urgency for an event `days_left` days ahead (negative: overdue).
    pub fn for_days_left(days_left: i64) -> Urgency {
        if days_left <= 3 {
            Urgency::Critical
        } else if days_left >= 30 {
            Urgency::Low
        } else {
            Urgency::Normal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ladder_parses_sorts_and_rejects_nonsense() {
        let l = Ladder::parse("7, 90,30 0 30").unwrap();
        assert_eq!(l.days(), &[90, 30, 7, 0]);
        assert_eq!(l.to_string(), "90,30,7,0");
        assert!(Ladder::parse("").is_err());
        assert!(Ladder::parse("90,soon").is_err());
        assert!(Ladder::parse("99999").is_err());
        assert_eq!(Ladder::default().days(), &DEFAULT_LADDER);
    }

    #[test]
    fn step_keys_round_trip() {
        for s in [
            Step::DaysBefore(7),
            Step::DaysBefore(0),
            Step::OverdueWeek(12),
            Step::Snoozed(d("2026-12-21")),
        ] {
            assert_eq!(Step::parse(&s.key()), Some(s));
        }
        assert_eq!(Step::parse("x"), None);
    }

    #[test]
    fn latest_step_is_the_smallest_one_reached() {
        let steps = due_steps(
            d("2026-12-27"),
            false,
            &Ladder::default(),
            None,
            d("2026-12-20"),
        );
        assert_eq!(steps.last().map(|s| s.step), Some(Step::DaysBefore(7)));
        assert_eq!(steps.len(), 5); // 90, 60, 30, 14, 7
    }

    #[test]
    fn urgency_rises() {
        assert_eq!(Urgency::for_days_left(90), Urgency::Low);
        assert_eq!(Urgency::for_days_left(30), Urgency::Low);
        assert_eq!(Urgency::for_days_left(12), Urgency::Normal);
        assert_eq!(Urgency::for_days_left(3), Urgency::Critical);
        assert_eq!(Urgency::for_days_left(-10), Urgency::Critical);
    }
}
