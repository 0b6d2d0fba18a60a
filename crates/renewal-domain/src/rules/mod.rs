//! The deadline engine: pure functions of (agreement, as-of date) → dated events with
//! workings.
//!
//! One module per rule of renewal-rules.md, each opening with the rule's text, its worked
//! example as a doctest and its unit tests:
//!
//! | rule | module |
//! |---|---|
//! | 2 expiry, 5 rolling forward, `renewal` | [`terms`] |
//! | 3 notice deadlines, `non_renewal_notice_deadline` | [`notice_deadlines`] |
//! | 4 business days | [`business_days`] |
//! | 6 termination for convenience, recorded ends, `expiry` | [`termination`] |
//! | 7 month and quarter precision | [`precision`] |
//! | 8 exit windows, `exit_window_end` | [`exit_windows`] |
//! | `price_review`, `next_review` | [`reviews`] |
//! | `obligation_due` | [`obligations`] |
//! | statuses | [`status`] |
//! | workings text | [`workings`] |
//! | kinds, clauses, the event itself | [`events`] |
//! | the decision at hand, one default outcome | [`decision`] |
//!
//! The engine never reads the clock: the as-of date is always an argument. The hot path
//! ([`assess`]) builds plain data (dates, periods and which clause they came from); the
//! sentences a lawyer reads ([`DatedEvent::explanation`], [`DatedEvent::workings`]) are
//! rendered on demand from that data, so computing the events of 100,000 agreements stays
//! cheap (see docs/benchmarks.md).

use chrono::NaiveDate;

use crate::model::{Agreement, AgreementStatus};

mod assessment;
pub mod business_days;
pub mod decision;
pub mod events;
pub mod exit_windows;
pub mod notice_deadlines;
pub mod obligations;
pub mod precision;
pub mod reviews;
pub mod status;
pub mod termination;
pub mod terms;
pub mod workings;

pub use assessment::Assessment;
pub use events::{
    slug, weekday_name, Basis, Clause, DatedEvent, EndReason, EventKind, EventStatus, EventView,
};
pub use termination::ConvenienceExit;
pub use terms::{next_term, Term};

use assessment::Builder;

/// Assess `agreement` on `as_of`: its status, terms and every dated event with workings,
/// as renewal-rules.md's table "What an agreement yields" lists them.
///
/// Pure: the same inputs always give the same output; no clock, no I/O.
pub fn assess(agreement: &Agreement, as_of: NaiveDate) -> Assessment {
    let mut b = Builder::new(agreement, as_of);

    // A termination notice served by the as-of date fixes the end (rule 6).
    let termination = termination::recorded_termination(agreement, as_of);

    // `renewal`, `non_renewal_notice_deadline` and `price_review` at each renewal: the terms
    // up to the current one (rules 2 and 5), then each renewal still ahead with its notice
    // deadline (rule 3), at least up to the one the first open deadline guards.
    let last_term = terms::roll_forward(&mut b, termination.map(|t| t.end));

    // `expiry`: the end of a fixed term, of the term a non-renewal notice ends, or the end a
    // termination notice fixes; nothing after an end fixed by a recorded notice.
    let end = termination::settle_end(&mut b, last_term, termination);

    // `exit_window_end`: each exit window from the day after the end (rule 8).
    if let Some(end) = end {
        exit_windows::push_exit_windows(&mut b, end);
    }

    // `termination_notice_deadline`: serve by a planned exit (rule 6), and "if notice is
    // served today" while the agreement has not ended.
    termination::push_serve_by(&mut b, termination.is_some());
    termination::convenience_if_served_today(&mut b);

    // `price_review` on anniversaries, and the document's `next_review` (rule 7).
    reviews::push_anniversary_price_reviews(&mut b);
    reviews::push_next_review(&mut b);

    // `obligation_due` for each dated obligation not complete (rule 7).
    obligations::push_obligations(&mut b);

    // An agreement whose term cannot be computed is not known to be in force (issue 10,
    // "Never silently wrong"): `incomplete`, a gap to fill, never `active` with no deadline.
    // An evergreen agreement (a start, no initial term, renews) is in force all the same.
    let evergreen = agreement.effective_date.is_some()
        && agreement.initial_term.is_none()
        && agreement.auto_renewal.as_ref().map(|s| s.value) == Some(true);
    if b.out.status == AgreementStatus::Active && b.out.terms.is_empty() && !evergreen {
        b.out.status = AgreementStatus::Incomplete;
    }

    b.finish()
}

/// [`assess`] for many agreements at once, split over the machine's cores with scoped
/// threads (the dashboard of a large register, the deadlines of every agreement). Results
/// are in input order and identical to calling [`assess`] on each.
pub fn assess_many(agreements: &[&Agreement], as_of: NaiveDate) -> Vec<Assessment> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || agreements.len() < 2_000 {
        return agreements.iter().map(|a| assess(a, as_of)).collect();
    }
    let chunk = agreements.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = agreements
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|a| assess(a, as_of)).collect::<Vec<_>>())
            })
            .collect();
        let mut out = Vec::with_capacity(agreements.len());
        for (h, part) in handles.into_iter().zip(agreements.chunks(chunk)) {
            match h.join() {
                Ok(v) => out.extend(v),
                // A panic in a worker is a bug; recompute that part here so it surfaces
                // with its own message rather than as a lost result.
                Err(_) => out.extend(part.iter().map(|a| assess(a, as_of))),
            }
        }
        out
    })
}
