//! Price reviews and next reviews.
//!
//! renewal-rules.md, Vocabulary and "What an agreement yields":
//!
//! > | price review | a review of prices; "at each renewal" means it falls on each renewal date |
//! > | next review | the agreement document's own review date (footer "Next Review: July 2025") |
//!
//! > | `price_review` | each price review from today on, one falling today included (on renewal dates when the clause says "at each renewal") |
//! > | `next_review` | the document's next review date |
//!
//! A price review happens by itself (rule 4 does not move it; `closed` once passed); a next
//! review is an action (moved by rule 4; `overdue` once passed), its date read by rule 7.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::rules::reviews::anniversary;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // An annual price review of an agreement effective 2024-02-29 falls on 2025-02-28 (rule 1).
//! assert_eq!(anniversary(d(2024, 2, 29), 1), Some(d(2025, 2, 28)));
//! ```

use chrono::NaiveDate;

use crate::dates::{Period, Precision};
use crate::model::PriceReview;

use super::assessment::Builder;
use super::events::{Basis, Clause, EventKind};
use super::precision::stated_deadline;
use super::terms::Term;

/// The `years`-th anniversary of `effective` (rule 1: `effective + years × 12 months`).
pub fn anniversary(effective: NaiveDate, years: u32) -> Option<NaiveDate> {
    Period::years(years).after(effective)
}

/// A price review "at each renewal": on the renewal date after `term`.
pub(crate) fn push_price_review_at_renewal(b: &mut Builder<'_>, term: Term) {
    let at_renewal = matches!(
        b.agreement.price_review.as_ref().map(|p| &p.value),
        Some(PriceReview::AtEachRenewal)
    );
    if let (true, Some(renewal_date)) = (at_renewal, term.renewal_date()) {
        b.push(
            EventKind::PriceReview,
            renewal_date,
            Precision::Day,
            Basis::PriceReviewAtRenewal { term },
            Clause::PriceReview,
            None,
        );
    }
}

/// Annual price reviews on anniversaries of the effective date: those from the start of the
/// current term up to the end of the last listed term, and not after the agreement's end.
pub(crate) fn push_anniversary_price_reviews(b: &mut Builder<'_>) {
    let (Some(PriceReview::Annually), Some(start)) = (
        b.agreement.price_review.as_ref().map(|p| &p.value),
        b.agreement.effective_date.as_ref().map(|d| d.value),
    ) else {
        return;
    };
    let horizon_end = b.out.terms.last().map(|t| t.end).unwrap_or(b.as_of);
    let from = b.out.current_term().map(|t| t.start).unwrap_or(start);
    let end = b.out.end_date;
    for years in 1..=200u32 {
        let Some(date) = anniversary(start, years) else {
            break;
        };
        if date > horizon_end {
            break;
        }
        if date >= from && end.is_none_or(|e| date <= e) {
            b.push(
                EventKind::PriceReview,
                date,
                Precision::Day,
                Basis::PriceReviewAnniversary {
                    effective: start,
                    years,
                },
                Clause::PriceReview,
                None,
            );
        }
    }
}

/// The document's next review date (rule 7 for its precision), when stated.
pub(crate) fn push_next_review(b: &mut Builder<'_>) {
    let Some(nr) = &b.agreement.next_review else {
        return;
    };
    if let Some(date) = stated_deadline(&nr.value) {
        b.push(
            EventKind::NextReview,
            date,
            nr.value.precision(),
            Basis::StatedDate { stated: nr.value },
            Clause::NextReview,
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::PartialDate;
    use crate::model::{Agreement, Source, Sourced};
    use crate::rules::{assess, EventStatus};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn agreement(review: PriceReview) -> Agreement {
        let src = || Source::user("test");
        let mut a = Agreement::new("Reviews");
        a.effective_date = Some(Sourced::new(d("2025-11-29"), src()));
        a.initial_term = Some(Sourced::new(Period::years(1), src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(Period::months(12), src()));
        a.price_review = Some(Sourced::new(review, src()));
        a.next_review = Some(Sourced::new(
            PartialDate::Month {
                year: 2025,
                month: 7,
            },
            src(),
        ));
        a
    }

    #[test]
    fn a_price_review_at_renewal_falling_on_the_as_of_date_is_listed() {
        // Issue 15: effective 2025-11-29, 1 year, 12-month renewals, as of 2026-11-29.
        let a = agreement(PriceReview::AtEachRenewal);
        let s = assess(&a, d("2026-11-29"));
        let today: Vec<_> = s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::PriceReview && e.date == d("2026-11-29"))
            .collect();
        assert_eq!(today.len(), 1);
        assert_eq!(today[0].status, EventStatus::Open);
        assert_eq!(today[0].days_from_today, 0);
    }

    #[test]
    fn annual_price_reviews_fall_on_anniversaries() {
        let a = agreement(PriceReview::Annually);
        let s = assess(&a, d("2026-11-29"));
        assert!(s
            .events
            .iter()
            .any(|e| e.kind == EventKind::PriceReview && e.date == d("2026-11-29")));
        assert_eq!(anniversary(d("2024-02-29"), 4), Some(d("2028-02-29")));
    }

    #[test]
    fn a_next_review_is_overdue_once_passed() {
        let a = agreement(PriceReview::AtEachRenewal);
        let s = assess(&a, d("2026-11-23"));
        let nr = s
            .events
            .iter()
            .find(|e| e.kind == EventKind::NextReview)
            .unwrap();
        assert_eq!((nr.date, nr.precision), (d("2025-07-01"), Precision::Month));
        assert_eq!(nr.status, EventStatus::Overdue);
    }
}
