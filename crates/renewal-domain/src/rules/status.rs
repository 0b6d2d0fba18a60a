//! Statuses of dated events.
//!
//! renewal-rules.md, "What an agreement yields":
//!
//! > Status: `open` (today ≤ date), `overdue` (date < today and nothing recorded), `closed`
//! > (a notice deadline that passed: the renewal it guarded is now locked in), `done` (the user
//! > recorded the action). […]
//! >
//! > - A notice deadline is `open` until its **unadjusted** date inclusive (the contractual last
//! >   day); between the adjusted and the unadjusted date it stays open and says that the safe
//! >   business day has passed. It is `closed` only after the unadjusted date.
//! > - Dates on which something happens (`renewal`, `expiry`, `exit_window_end`, a past
//! >   `price_review`) are `closed` once passed, never `overdue`: `overdue` is for an action
//! >   someone should have taken (obligations, reviews, serve-by dates).
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::rules::{status::status_of, EventKind, EventStatus};
//!
//! let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! // Microsoft Peru's notice deadline 2027-10-02 (a Saturday) is acted on 2027-10-01; on
//! // Saturday itself the contractual last day has not passed yet.
//! let status = status_of(EventKind::NonRenewalNoticeDeadline, d("2027-10-01"), d("2027-10-02"), d("2027-10-02"), false);
//! assert_eq!(status, EventStatus::Open);
//! let status = status_of(EventKind::NonRenewalNoticeDeadline, d("2027-10-01"), d("2027-10-02"), d("2027-10-03"), false);
//! assert_eq!(status, EventStatus::Closed);
//! ```

use chrono::NaiveDate;

use super::events::{EventKind, EventStatus};

/// The status of an event of `kind` to act on at `date` (adjusted by rule 4) whose
/// contractual date is `unadjusted`, seen on `as_of`; `done` when the user recorded the
/// action (a done mark, or a notice served in time).
pub fn status_of(
    kind: EventKind,
    date: NaiveDate,
    unadjusted: NaiveDate,
    as_of: NaiveDate,
    done: bool,
) -> EventStatus {
    if done {
        return EventStatus::Done;
    }
    // The contractual last day of a notice is the unadjusted date (rule 3).
    let last_day = match kind {
        EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline => {
            unadjusted.max(date)
        }
        _ => date,
    };
    if as_of <= last_day {
        EventStatus::Open
    } else if is_action_someone_owes(kind) {
        EventStatus::Overdue
    } else {
        EventStatus::Closed
    }
}

/// Whether a passed event of `kind` is an action someone should have taken (`overdue`) rather
/// than something that happened or a notice whose renewal is now locked in (`closed`).
pub fn is_action_someone_owes(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::ObligationDue | EventKind::NextReview | EventKind::TerminationNoticeDeadline
    )
}

/// Whether a notice deadline is still open although its safe business day (the adjusted
/// date) has passed: `date < as_of ≤ unadjusted` (the explanation says so).
pub fn safe_business_day_passed(
    kind: EventKind,
    date: NaiveDate,
    unadjusted: NaiveDate,
    as_of: NaiveDate,
) -> bool {
    matches!(
        kind,
        EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
    ) && date < as_of
        && as_of <= unadjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_notice_deadline_is_open_until_its_unadjusted_date() {
        let k = EventKind::NonRenewalNoticeDeadline;
        let (date, unadjusted) = (d("2027-10-01"), d("2027-10-02"));
        assert_eq!(
            status_of(k, date, unadjusted, d("2027-10-01"), false),
            EventStatus::Open
        );
        assert_eq!(
            status_of(k, date, unadjusted, d("2027-10-02"), false),
            EventStatus::Open
        );
        assert!(safe_business_day_passed(
            k,
            date,
            unadjusted,
            d("2027-10-02")
        ));
        assert!(!safe_business_day_passed(
            k,
            date,
            unadjusted,
            d("2027-10-01")
        ));
        assert_eq!(
            status_of(k, date, unadjusted, d("2027-10-03"), false),
            EventStatus::Closed
        );
        assert_eq!(
            status_of(k, date, unadjusted, d("2027-10-03"), true),
            EventStatus::Done
        );
    }

    #[test]
    fn things_that_happen_close_and_actions_owed_become_overdue() {
        let (date, as_of) = (d("2026-06-30"), d("2026-11-23"));
        for k in [
            EventKind::Renewal,
            EventKind::Expiry,
            EventKind::ExitWindowEnd,
            EventKind::PriceReview,
        ] {
            assert_eq!(
                status_of(k, date, date, as_of, false),
                EventStatus::Closed,
                "{k}"
            );
            assert_eq!(
                status_of(k, date, date, date, false),
                EventStatus::Open,
                "{k}"
            );
        }
        for k in [
            EventKind::ObligationDue,
            EventKind::NextReview,
            EventKind::TerminationNoticeDeadline,
        ] {
            assert_eq!(
                status_of(k, date, date, as_of, false),
                EventStatus::Overdue,
                "{k}"
            );
        }
    }
}
