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

/// Below this many agreements [`assess_many`] uses the calling thread only: about 5 ms of
/// work at 1.2 µs an agreement, where starting threads and merging their results costs
/// more than a second core gives back (issue 14 item 5).
pub const PARALLEL_MIN_AGREEMENTS: usize = 4_096;

/// How many agreements a thread of [`assess_many`] claims at a time.
const BLOCK: usize = 512;

/// [`assess`] for many agreements at once (the dashboard of a large register, the deadlines
/// of every agreement). Results are in input order and identical to calling [`assess`] on
/// each.
///
/// Threads are used only where they pay (issue 14 item 5): not below
/// [`PARALLEL_MIN_AGREEMENTS`], nor on one core. Otherwise the calling thread and up to
/// `available_parallelism − 1` (at most 7) helpers claim blocks of 512 agreements from a
/// shared counter until none is left, so a helper that gets no CPU time (a laptop busy with
/// other work) leaves its share to the threads that run: the work is never split in fixed
/// halves that wait for the slowest core.
pub fn assess_many(agreements: &[&Agreement], as_of: NaiveDate) -> Vec<Assessment> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    assess_many_with(agreements, as_of, threads)
}

/// [`assess_many`] with at most `threads` threads (the calling one included); `threads`
/// of 0 or 1, or fewer than [`PARALLEL_MIN_AGREEMENTS`] agreements, assess on the calling
/// thread alone. Results are in input order.
pub fn assess_many_with(
    agreements: &[&Agreement],
    as_of: NaiveDate,
    threads: usize,
) -> Vec<Assessment> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    if threads <= 1 || agreements.len() < PARALLEL_MIN_AGREEMENTS {
        return agreements.iter().map(|a| assess(a, as_of)).collect();
    }
    let blocks = agreements.len().div_ceil(BLOCK);
    let next = AtomicUsize::new(0);
    // Each thread's results: (block index, its assessments).
    let work = || {
        let mut done: Vec<(usize, Vec<Assessment>)> = Vec::new();
        loop {
            let b = next.fetch_add(1, Ordering::Relaxed);
            if b >= blocks {
                break;
            }
            let part = &agreements[b * BLOCK..((b + 1) * BLOCK).min(agreements.len())];
            done.push((b, part.iter().map(|a| assess(a, as_of)).collect()));
        }
        done
    };
    let mut parts: Vec<Option<Vec<Assessment>>> = (0..blocks).map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(blocks))
            .map(|_| scope.spawn(work))
            .collect();
        for (b, v) in work() {
            parts[b] = Some(v);
        }
        for h in helpers {
            // A panic in a helper is a bug; its blocks are recomputed below so that it
            // surfaces with its own message rather than as a lost result.
            if let Ok(done) = h.join() {
                for (b, v) in done {
                    parts[b] = Some(v);
                }
            }
        }
    });
    let mut out = Vec::with_capacity(agreements.len());
    for (b, part) in parts.into_iter().enumerate() {
        match part {
            Some(v) => out.extend(v),
            None => out.extend(
                agreements[b * BLOCK..((b + 1) * BLOCK).min(agreements.len())]
                    .iter()
                    .map(|a| assess(a, as_of)),
            ),
        }
    }
    out
}
