//! Section 2 of the brief, "Key dates": one table row per dated event (date to act by, with
//! the date before a business-day move or the precision it was stated with; event; status;
//! days from the as-of date), the next action and overdue events shaded.
//!
//! Content comes from the deadline engine's events ([`crate::domain::rules::assess`]), in
//! the engine's order; the brief adds no date of its own.

use crate::domain::dates::{long_date, Precision};
use crate::domain::rules::{Basis, DatedEvent, EventKind, EventStatus};

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::table::{Cell, Column, Row, Table};
use super::Brief;

impl Brief<'_> {
    pub(super) fn key_dates(&self, l: &mut Layout) {
        l.heading(2, "Key dates", 60.0);
        if self.s.events.is_empty() {
            l.paragraph("No dated events: the engine could not compute any date (see Warnings and data gaps).", MUTED, 0.0, None);
            return;
        }
        let columns = [
            Column::new("Date (act by)", 0.22),
            Column::new("Event", 0.44),
            Column::new("Status", 0.18),
            Column::right("Days from as-of", 0.16),
        ];
        // The decision's own deadline is the row to see first (issue 16 item 1); renewals
        // before the one being decided are locked in (item 2), never "open".
        let next_id = self
            .d
            .decision
            .event_id
            .clone()
            .or_else(|| self.next().map(DatedEvent::id));
        let locked: Vec<chrono::NaiveDate> = self
            .d
            .decision
            .locked_in
            .iter()
            .map(|l| l.renewal)
            .collect();
        let rows: Vec<Row> = self
            .s
            .events
            .iter()
            .map(|e| {
                let is_next = next_id.as_deref() == Some(e.id().as_str());
                let past = matches!(e.status, EventStatus::Closed | EventStatus::Done);
                let base = if is_next {
                    CELL_BOLD
                } else if past {
                    CELL.grey(0.45)
                } else {
                    CELL
                };
                let date = if e.precision != Precision::Day {
                    match e.basis {
                        Basis::StatedDate { stated } => Cell::two(
                            long_date(e.date),
                            base,
                            format!("stated as {stated}"),
                            CELL_SMALL,
                        ),
                        _ => Cell::text(long_date(e.date), base),
                    }
                } else if e.act_on() != e.date {
                    // An exit window: act by its last business day; it closes later (rule 4).
                    Cell::two(
                        long_date(e.act_on()),
                        base,
                        format!("window closes {}", long_date(e.date)),
                        CELL_SMALL,
                    )
                } else if e.date != e.unadjusted_date {
                    Cell::two(
                        long_date(e.date),
                        base,
                        format!("from {}", long_date(e.unadjusted_date)),
                        CELL_SMALL,
                    )
                } else {
                    Cell::text(long_date(e.date), base)
                };
                let event = if is_next {
                    Cell::two(e.label(), base, "The decision at hand", CELL_SMALL)
                } else {
                    Cell::text(e.label(), base)
                };
                let is_locked = matches!(e.kind, EventKind::Renewal | EventKind::PriceReview)
                    && locked.contains(&e.date);
                let status = match e.status {
                    EventStatus::Open if is_locked => {
                        Cell::two("Locked in", base, "notice deadline passed", CELL_SMALL)
                    }
                    EventStatus::Open => Cell::text("Open", base),
                    EventStatus::Overdue => Cell::text("⚠ OVERDUE", CELL_BOLD),
                    EventStatus::Closed => {
                        let why = match e.kind {
                            EventKind::NonRenewalNoticeDeadline => "renewal locked in",
                            EventKind::ExitWindowEnd => "window closed",
                            _ => "passed",
                        };
                        Cell::two("— Closed", base, why, CELL_SMALL)
                    }
                    EventStatus::Done => Cell::text("✓ Done", base),
                };
                Row {
                    cells: vec![
                        date,
                        event,
                        status,
                        // Days to the date shown: the last day to act on it.
                        Cell::text(
                            days_label(crate::domain::dates::days_between(self.as_of, e.act_on())),
                            base,
                        ),
                    ],
                    shade: match e.status {
                        EventStatus::Overdue => Some(0.88),
                        _ if is_next => Some(0.95),
                        _ => None,
                    },
                }
            })
            .collect();
        l.paragraph(
            "Every dated event computed by the deadline engine. Deadlines that fall on a weekend or public holiday are moved back to the preceding business day (rule 4); the date before adjustment is shown under the date to act on. Closed: the date has passed and what it guarded is settled.",
            SMALL,
            0.0,
            None,
        );
        l.space(3.0);
        l.table(&Table::grid(columns).rows(rows));
    }
}
