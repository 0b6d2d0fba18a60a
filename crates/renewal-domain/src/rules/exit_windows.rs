//! Rule 8: exit windows.
//!
//! renewal-rules.md §Arithmetic, rule 8:
//!
//! > **Exit windows** run from the day after the agreement ends: data export of 90 days after
//! > an expiry on `2026-06-30` closes on `2026-09-28`.
//!
//! and rule 4: "for an exit window the last business day within it is shown beside its end,
//! as the last day to act on it" ([`super::DatedEvent::last_business_day`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::Period;
//! use renewal_domain::rules::exit_windows::window_close;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! assert_eq!(window_close(d(2026, 6, 30), Period::days(90)), Some(d(2026, 9, 28)));
//! ```

use chrono::NaiveDate;

use crate::dates::{Period, Precision};

use super::assessment::Builder;
use super::business_days::{agreement_country, last_business_day_within};
use super::events::{Basis, Clause, EventKind};

/// Rule 8: the last day of a window of `window` that runs from the day after
/// `agreement_end` (`end + 1 day + window − 1 day`). `None` past the calendar's range.
pub fn window_close(agreement_end: NaiveDate, window: Period) -> Option<NaiveDate> {
    window.last_day_from(agreement_end.succ_opt()?)
}

/// Lists the end of each exit window of the agreement after it ends on `end`, with the last
/// business day within it (rule 4) unless business-day adjustment is switched off.
pub(crate) fn push_exit_windows(b: &mut Builder<'_>, end: NaiveDate) {
    let agreement = b.agreement;
    let Some(first_day) = end.succ_opt() else {
        return;
    };
    for (i, exit) in agreement.exit_rights.iter().enumerate() {
        let Some(window) = exit.window else {
            continue;
        };
        let Some(close) = window_close(end, window) else {
            continue;
        };
        let subject = if exit.process.is_empty() {
            exit.scenario.clone()
        } else {
            format!("{} ({})", exit.scenario, exit.process.to_lowercase())
        };
        let last_business_day = agreement
            .business_day_adjustment
            .then(|| last_business_day_within(agreement_country(agreement), first_day, close))
            .flatten();
        let ev = b.push(
            EventKind::ExitWindowEnd,
            close,
            Precision::Day,
            Basis::ExitWindow {
                agreement_end: end,
                window,
            },
            Clause::ExitRight(i),
            Some(subject),
        );
        ev.last_business_day = last_business_day;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Country;
    use crate::model::{Agreement, ExitRight, Source, Sourced};
    use crate::rules::{assess, EventStatus};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn aws_like() -> Agreement {
        let src = || Source::user("test");
        let mut a = Agreement::new("Fixed term");
        a.effective_date = Some(Sourced::new(d("2023-07-01"), src()));
        a.initial_term = Some(Sourced::new(Period::years(3), src()));
        a.country = Some(Sourced::new(Country::Peru, src()));
        for (scenario, days) in [("Contract end", 90), ("Migration", 180)] {
            a.exit_rights.push(ExitRight {
                scenario: scenario.to_string(),
                process: String::new(),
                window: Some(Period::days(days)),
                source: src(),
            });
        }
        a
    }

    #[test]
    fn windows_run_from_the_day_after_the_end() {
        assert_eq!(
            window_close(d("2026-06-30"), Period::days(90)),
            Some(d("2026-09-28"))
        );
        assert_eq!(
            window_close(d("2026-06-30"), Period::days(180)),
            Some(d("2026-12-27"))
        );
        assert_eq!(
            window_close(d("2026-06-30"), Period::months(12)),
            Some(d("2027-06-30"))
        );
    }

    #[test]
    fn the_last_business_day_is_shown_beside_the_end() {
        let mut a = aws_like();
        let s = assess(&a, d("2026-11-23"));
        let migration = s
            .events
            .iter()
            .find(|e| e.subject.as_deref() == Some("Migration"))
            .unwrap();
        assert_eq!(migration.date, d("2026-12-27"));
        assert_eq!(migration.status, EventStatus::Open);
        assert_eq!(migration.last_business_day, Some(d("2026-12-24")));
        let w = migration.workings(&a).join("\n");
        assert!(
            w.contains("last business day within the window is Thu 24 Dec 2026"),
            "{w}"
        );
        let export = s
            .events
            .iter()
            .find(|e| e.subject.as_deref() == Some("Contract end"))
            .unwrap();
        assert_eq!(export.status, EventStatus::Closed);
        assert_eq!(export.last_business_day, Some(d("2026-09-28")));
        a.business_day_adjustment = false;
        let s = assess(&a, d("2026-11-23"));
        assert!(s.events.iter().all(|e| e.last_business_day.is_none()));
    }
}
