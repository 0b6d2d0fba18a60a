//! Section 1 of the brief, "The decision at a glance": a grey panel with the next action and
//! its deadline (with any business-day move, rule 4), the internal decide-by date ahead of
//! it (issue 16 item 3), what happens if nobody acts, the exit
//! for convenience (rule 6), overdue items and a pointer to the data gaps. Also the wording
//! of each action ([`Brief::action_text`]), shared with the actions checklist.
//!
//! Content comes from the deadline engine's assessment ([`crate::domain::rules::assess`]:
//! the next deadline, overdue events) and the agreement view
//! ([`crate::services::views::AgreementDetail`]: default outcome, convenience exit, import
//! warnings) as of the as-of date.

use crate::domain::dates::long_date;
use crate::domain::rules::{Basis, DatedEvent, EventKind};

use super::fonts::FontKind;
use super::layout::{Layout, Style};
use super::phrases::*;
use super::styles::*;
use super::table::Table;
use super::Brief;

impl Brief<'_> {
    pub(super) fn action_text(&self, e: &DatedEvent) -> String {
        match e.kind {
            EventKind::NonRenewalNoticeDeadline => {
                let renewal = match e.basis {
                    Basis::NoticeBeforeExpiry { term, .. } => term.renewal_date(),
                    _ => None,
                };
                match renewal {
                    Some(r) => format!(
                        "Decide: renew, renegotiate or exit. To stop the renewal on {}, serve notice of non-renewal by the deadline",
                        long_date(r)
                    ),
                    None => "Decide: renew, renegotiate or exit; serve notice of non-renewal by the deadline to stop the renewal".to_string(),
                }
            }
            EventKind::TerminationNoticeDeadline => {
                "Serve notice of termination for convenience for the planned exit".to_string()
            }
            EventKind::ObligationDue => format!(
                "Deliver the obligation: {}",
                e.subject.as_deref().unwrap_or("see the key dates")
            ),
            EventKind::NextReview => {
                "Review the agreement document (its stated next review)".to_string()
            }
            EventKind::ExitWindowEnd => format!(
                "Use the exit right before its window closes: {}",
                e.subject.as_deref().unwrap_or("exit window")
            ),
            other => other.title().to_string(),
        }
    }

    pub(super) fn at_a_glance(&self, l: &mut Layout) {
        l.heading(1, "The decision at a glance", 90.0);
        let mut rows: Vec<(String, Vec<(String, Style)>)> = Vec::new();
        let big = Style::new(FontKind::Bold, 13.0, 0.0);
        let strong = Style::new(FontKind::Bold, 10.0, 0.0);
        // The one decision every surface states (issue 16 item 1, issue 13 item 4).
        let decision = &self.d.decision;
        if !self.d.provisional.is_empty() {
            rows.push((
                "Provisional".to_string(),
                vec![(
                    format!(
                        "⚠ Read with low confidence and not yet confirmed: {}. The dates below rest on them: confirm them against the signed contract before acting.",
                        self.d.provisional.join(", ").replace('_', " ")
                    ),
                    BODY_BOLD,
                )],
            ));
        }
        rows.push((
            "Decision".to_string(),
            vec![(format!("{}.", decision.question), strong)],
        ));
        let event = decision.event(self.s);
        if let (Some(deadline), Some(act_by)) = (decision.deadline, decision.act_by) {
            let mut lines = vec![(long_date(act_by), big)];
            let days = decision.days_left.map(days_left).unwrap_or_default();
            let mut sub = match event {
                Some(e) => format!("{days} · {}", e.label()),
                None => days,
            };
            match event.and_then(|e| e.adjustment.as_ref().map(|a| (e, a))) {
                Some((e, adj)) => {
                    let reason = adj
                        .skipped
                        .first()
                        .map(|s| match s.reason.as_str() {
                            "Saturday" | "Sunday" => "a weekend day".to_string(),
                            holiday => format!("{holiday}, a public holiday"),
                        })
                        .unwrap_or_else(|| "not a business day".to_string());
                    sub.push_str(&format!(
                        " · moved back from {} ({reason}) to the preceding business day (rule 4)",
                        long_date(e.unadjusted_date)
                    ));
                }
                None if act_by != deadline => {
                    sub.push_str(&format!(
                        " · the window closes {}; this is the last business day within it (rule 4)",
                        long_date(deadline)
                    ));
                }
                None => {}
            }
            lines.push((sub, BODY));
            rows.push(("Deadline (act by)".to_string(), lines));
        }
        // The company's own date ahead of the legal one (issue 16 item 3), labelled as
        // internal; the legal deadline above stays the headline.
        if let (Some(by), Some(left)) = (decision.decide_by, decision.decide_by_days_left) {
            let mut note = format!(
                "{} days ahead of the last day to act: the company's own date, not a contractual deadline",
                decision.lead_time_days
            );
            if decision.decide_by_passed() {
                note = format!(
                    "passed with no decision recorded; {} to act by the deadline above",
                    days_left(decision.days_left.unwrap_or(left))
                );
            }
            rows.push((
                "Decide by (internal)".to_string(),
                vec![
                    (
                        format!("{} ({})", long_date(by), days_left(left)),
                        BODY_BOLD,
                    ),
                    (note, BODY),
                ],
            ));
        }
        rows.push((
            "If nobody acts".to_string(),
            vec![(format!("{}.", capitalise(&decision.if_nobody_acts)), strong)],
        ));
        // Money at stake (issue 16 item 6): the stated total commitment.
        if let Some(m) = self.d.agreement.value_at_stake() {
            rows.push((
                "At stake".to_string(),
                vec![(format!("{m} (the stated total commitment)"), BODY)],
            ));
        }
        if let Some(recorded) = decision.recorded_text() {
            rows.push((
                "Decided".to_string(),
                vec![(format!("{recorded}."), strong)],
            ));
        }
        if let Some(locked) = decision.locked_in_text() {
            rows.push(("Locked in".to_string(), vec![(format!("{locked}."), BODY)]));
        }
        if !decision.options.is_empty() {
            let options = decision
                .options
                .iter()
                .map(|o| o.title())
                .collect::<Vec<_>>()
                .join(" · ");
            rows.push(("Options".to_string(), vec![(options, BODY)]));
        }
        // An earlier dated action than the decision's own deadline (an obligation, a review).
        if let Some(e) = self
            .next()
            .filter(|e| Some(e.id()) != decision.event_id && Some(e.date) < decision.act_by)
        {
            rows.push((
                "Before that".to_string(),
                vec![(
                    format!(
                        "{}: {} ({})",
                        self.action_text(e),
                        long_date(e.date),
                        days_left(e.days_from_today)
                    ),
                    BODY,
                )],
            ));
        }
        if let Some(c) = &self.d.convenience {
            rows.push((
                "Exit for convenience".to_string(),
                vec![(
                    format!(
                        "Notice served today ({}) ends the agreement no earlier than {} ({}, rule 6).",
                        long_date(self.as_of),
                        long_date(c.earliest_end_if_served_today),
                        notice_phrase(c.notice)
                    ),
                    BODY,
                )],
            ));
        }
        let overdue: Vec<&DatedEvent> = self.s.overdue().collect();
        if !overdue.is_empty() {
            let list = overdue
                .iter()
                .map(|e| format!("{} ({})", e.label(), long_date(e.date)))
                .collect::<Vec<_>>()
                .join("; ");
            rows.push((
                "Needs attention".to_string(),
                vec![(
                    format!(
                        "⚠ {} item{} overdue: {list}.",
                        overdue.len(),
                        if overdue.len() == 1 { "" } else { "s" }
                    ),
                    BODY_BOLD,
                )],
            ));
        }
        // Warnings that can make a date wrong are stated here, on page 1, not only in the
        // warnings section (issue 16 item 8); the rest are counted.
        let on_dates: Vec<_> = self
            .d
            .warnings
            .iter()
            .filter(|w| w.affects_dates())
            .collect();
        let others = self.d.warnings.len() - on_dates.len() + self.d.notes.len();
        if !on_dates.is_empty() || others > 0 {
            let mut lines: Vec<(String, Style)> = on_dates
                .iter()
                .map(|w| {
                    let at = w.line.map(|n| format!(" (line {n})")).unwrap_or_default();
                    (format!("⚠ {}{at}", capitalise(&w.message)), BODY_BOLD)
                })
                .collect();
            if !on_dates.is_empty() {
                lines.insert(
                    0,
                    (
                        "The dates in this brief rest on readings to confirm:".to_string(),
                        BODY,
                    ),
                );
            }
            if others > 0 {
                lines.push((
                    format!(
                        "{}{others} warning{} that do{} not affect a date: see section 8.",
                        if on_dates.is_empty() { "" } else { "And " },
                        if others == 1 { "" } else { "s" },
                        if others == 1 { "es" } else { "" },
                    ),
                    BODY,
                ));
            }
            rows.push(("Data gaps".to_string(), lines));
        }
        l.table(&Table::key_values(92.0, true).keys(rows));
        l.space(4.0);
    }
}
