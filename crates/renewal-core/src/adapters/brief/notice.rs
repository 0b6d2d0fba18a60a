//! Section 4 of the brief, "Notice and termination": the non-renewal notice (rule 3) with the
//! workings of each notice deadline, the end of the agreement for a fixed term, and every
//! termination right (notice, cure period, consequence; for convenience, rule 6, the earliest
//! end if notice is served on the as-of date), each followed by the clause quoted from the
//! document and its source line; then how notice is served ("Serving notice", from the
//! notices clause, or that the document is silent).
//!
//! Content comes from the agreement's renewal and termination clauses
//! ([`crate::domain::model::Agreement`]), the engine's events and their workings
//! ([`crate::services::views::AgreementDetail::events`]).

use crate::domain::dates::long_date;
use crate::domain::model::TerminationKind;
use crate::domain::rules::{DatedEvent, EventKind, EventStatus};

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::Brief;

impl Brief<'_> {
    pub(super) fn workings(&self, l: &mut Layout, e: &DatedEvent) {
        let Some(view) = self.view_of(e) else {
            return;
        };
        let status = match e.status {
            EventStatus::Open => format!("open, {}", days_left(e.days_from_today)),
            EventStatus::Overdue => format!("OVERDUE, {}", days_left(e.days_from_today)),
            EventStatus::Closed => "closed".to_string(),
            EventStatus::Done => "done".to_string(),
        };
        let head = format!("{}: {} ({status})", view.label, long_date(e.date));
        let lines = l.wrap(&head, BODY_BOLD, l.column_width() - 8.0).len();
        l.ensure(lines as f32 * BODY_BOLD.line_height() + 2.0 * SMALL.line_height());
        l.paragraph(&head, BODY_BOLD, 8.0, None);
        for w in view.workings.iter().filter(|w| !w.starts_with("Source:")) {
            l.bullet("·", w, BODY, 14.0);
        }
        l.space(2.0);
    }

    pub(super) fn notice_and_termination(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(4, "Notice and termination", 50.0);
        // Quotation marks hold only the document's own words; every sentence the product
        // writes about a clause is labelled as its reading (issue 16 item 5).
        l.paragraph(
            "Text in quotation marks is the document's own wording, with its line. Sentences that begin with Reading: are Renewal Desk's reading of it, not the document's text.",
            MUTED,
            0.0,
            None,
        );
        // Non-renewal notice.
        l.subheading("Non-renewal notice", 30.0);
        let notice_events: Vec<&DatedEvent> = self
            .s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline)
            .collect();
        match (&a.non_renewal_notice, &a.auto_renewal) {
            (Some(n), _) => {
                let renewal = a
                    .renewal_period
                    .as_ref()
                    .map(|p| format!(" Otherwise the agreement renews for {}.", p.value))
                    .unwrap_or_default();
                l.paragraph(
                    &format!(
                        "Reading: notice of non-renewal must be served at least {} before the end of the then-current term (rule 3).{renewal}",
                        n.value
                    ),
                    BODY,
                    0.0,
                    None,
                );
                l.space(2.0);
                for e in &notice_events {
                    self.workings(l, e);
                }
                l.quote(&clause_text(&n.source), &source_line(&n.source), 8.0);
                if let Some(r) = &a.auto_renewal {
                    if r.source != n.source {
                        l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
                    }
                }
            }
            (None, Some(r)) if r.value => {
                l.paragraph(
                    "The agreement renews automatically but states no non-renewal notice period: the notice deadline cannot be computed. Confirm the notice period with legal.",
                    BODY_BOLD,
                    0.0,
                    None,
                );
                l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
            }
            (None, Some(r)) => {
                l.paragraph(
                    "The agreement does not renew automatically: no non-renewal notice is needed.",
                    BODY,
                    0.0,
                    None,
                );
                l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
            }
            (None, None) => {
                l.paragraph(
                    "No renewal clause was found: the agreement is treated as a fixed term that ends on its expiry date, and no non-renewal notice applies. Confirm whether it was extended.",
                    BODY,
                    0.0,
                    None,
                );
            }
        }
        // Expiry (fixed term or a recorded notice).
        for e in self.s.events.iter().filter(|e| e.kind == EventKind::Expiry) {
            l.subheading("End of the agreement", 30.0);
            self.workings(l, e);
            if let Some(t) = &a.initial_term {
                l.quote(&clause_text(&t.source), &source_line(&t.source), 8.0);
            }
        }

        // Termination rights.
        l.subheading("Termination rights", 30.0);
        if a.termination_rights.is_empty() {
            // Exit rights (windows after the agreement ends, some named "Termination")
            // are not termination rights: say where they are, so the two never read as a
            // contradiction (issue 16).
            let text = if a.exit_rights.is_empty() {
                "No termination rights are stated in the agreement: nothing in it lets a party end it before its term ends."
            } else {
                "No termination rights are stated in the agreement: nothing in it lets a party end it before its term ends. Its exit rights, which run after it ends, are in section 6."
            };
            l.paragraph(text, MUTED, 0.0, None);
        }
        for (i, t) in a.termination_rights.iter().enumerate() {
            let mut head = t.scenario.clone();
            if let Some(n) = t.notice {
                head.push_str(&format!(": {}", notice_phrase(n)));
            }
            if let Some(c) = t.cure_period {
                head.push_str(&format!(", {c} to cure"));
            }
            if !t.consequence.is_empty() {
                head.push_str(&format!(" · consequence: {}", t.consequence));
            }
            l.ensure(BODY_BOLD.line_height() * 2.0 + 24.0);
            l.paragraph(&head, BODY_BOLD, 8.0, None);
            if t.kind == TerminationKind::Convenience {
                if let Some(c) = &self.d.convenience {
                    l.bullet("·", &c.explanation, BODY, 14.0);
                    l.bullet(
                        "·",
                        "Not a deadline by itself: it becomes one when an exit date is planned (serve by = exit − notice, moved back to a business day).",
                        BODY,
                        14.0,
                    );
                }
                for e in self.s.events.iter().filter(|e| {
                    e.kind == EventKind::TerminationNoticeDeadline
                        && e.clause == crate::domain::rules::Clause::TerminationRight(i)
                }) {
                    self.workings(l, e);
                }
            } else if let Some(c) = t.cure_period {
                l.bullet(
                    "·",
                    &format!("Reading: the party in breach has {c} from notice of the breach to remedy it before termination."),
                    BODY,
                    14.0,
                );
            } else if let Some(n) = t.notice {
                l.bullet(
                    "·",
                    &format!("Reading: requires {}.", notice_phrase(n)),
                    BODY,
                    14.0,
                );
            }
            l.quote(&clause_text(&t.source), &source_line(&t.source), 8.0);
        }

        self.serving_notice(l);
    }

    /// "Serving notice": who may serve notice, in what form, to whom and how, and when it
    /// is deemed received, each followed by the notices clause it was read from; or the
    /// statement that the document is silent. The wording is the core's
    /// ([`crate::services::serving_notice`]), as on the agreement page and in `renewals show`.
    fn serving_notice(&self, l: &mut Layout) {
        let n = &self.d.serving_notice;
        l.subheading("Serving notice", 30.0);
        if !n.stated {
            l.paragraph(&n.summary, BODY_BOLD, 0.0, None);
            return;
        }
        for p in &n.parts {
            l.ensure(BODY.line_height() * 2.0);
            l.bullet("·", &format!("{}: {}", p.label, p.text), BODY, 8.0);
            if let (Some(q), Some(s)) = (&p.quote, &p.source) {
                l.quote(q, s, 8.0);
            }
        }
    }
}
