//! Section 9 of the brief, "Actions checklist": a table of every open or overdue actionable
//! event (overdue first, then by date) with a box to tick, the action, the contract owner and
//! the date to act by, then a row to record the decision, and the decision and sign-off block
//! (renew / renegotiate / exit; commercial director, legal, date).
//!
//! Content comes from the engine's actionable events ([`crate::domain::rules::assess`]) and
//! the agreement's contract owner; actions are worded by [`Brief::action_text`].

use crate::domain::dates::long_date;
use crate::domain::rules::{DatedEvent, EventStatus};

use super::fonts::FontKind;
use super::layout::{Layout, Style};
use super::phrases::*;
use super::styles::*;
use super::table::{Cell, Column, Row, Table};
use super::Brief;

impl Brief<'_> {
    pub(super) fn actions(&self, l: &mut Layout) {
        l.heading(9, "Actions checklist", 70.0);
        let owner = self
            .a()
            .contract_owner
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_else(|| "Unassigned".to_string());
        let mut todo: Vec<&DatedEvent> = self
            .s
            .events
            .iter()
            .filter(|e| {
                e.is_actionable() && matches!(e.status, EventStatus::Open | EventStatus::Overdue)
            })
            .collect();
        // Overdue first, then by date.
        todo.sort_by_key(|e| (e.status != EventStatus::Overdue, e.date));
        let columns = [
            Column::new("✓", 0.06),
            Column::new("Action", 0.5),
            Column::new("Owner", 0.2),
            Column::new("By", 0.24),
        ];
        let mut rows: Vec<Row> = todo
            .iter()
            .map(|e| {
                let by = if e.status == EventStatus::Overdue {
                    Cell::two(
                        long_date(e.date),
                        CELL_BOLD,
                        "⚠ overdue: act now",
                        CELL_SMALL,
                    )
                } else {
                    // The last day to act (an exit window's last business day, rule 4).
                    let act_on = e.act_on();
                    Cell::two(
                        long_date(act_on),
                        CELL,
                        days_left(crate::domain::dates::days_between(self.as_of, act_on)),
                        CELL_SMALL,
                    )
                };
                Row {
                    cells: vec![
                        Cell::checkbox(),
                        Cell::text(self.action_text(e), CELL),
                        Cell::text(&owner, CELL),
                        by,
                    ],
                    shade: None,
                }
            })
            .collect();
        // The decision at hand (issue 16 item 3): record it by its last business day to act.
        let decision = &self.d.decision;
        let choices = decision.choices();
        if !choices.is_empty() {
            let decide_by = decision
                .act_by
                .map(|d| Cell::text(long_date(d), CELL))
                .unwrap_or_else(|| Cell::text("—", CELL));
            let names = choices
                .iter()
                .map(|c| c.title().to_lowercase())
                .collect::<Vec<_>>()
                .join(", ");
            let what = match decision.recorded_text() {
                Some(r) => format!("{r} (recorded in Renewal Desk)"),
                None => {
                    format!("Record the decision ({names}) and any notice served in Renewal Desk")
                }
            };
            rows.push(Row {
                cells: vec![
                    Cell::checkbox(),
                    Cell::text(what, CELL),
                    Cell::text(&owner, CELL),
                    decide_by,
                ],
                shade: None,
            });
        }
        l.table(&Table::grid(columns).rows(rows));
        // Decision and sign-off, kept together.
        let h = 80.0;
        l.ensure(h);
        l.space(4.0);
        let label = Style::new(FontKind::Bold, 8.5, 0.1);
        let b = l.baseline_below(l.y, label);
        l.text(l.left(), b, label, "Decision:");
        let mut x = l.left() + 58.0;
        // Only the choices the agreement allows here; the recorded one is ticked.
        let recorded = decision.recorded.as_ref().map(|r| r.choice);
        if choices.is_empty() {
            l.text(x, b, BODY, "Nothing is left to decide on this agreement.");
        }
        for c in &choices {
            let opt = c.title();
            l.stroke_rect(x, b - 1.0, 8.0, 8.0, 0.2, 0.7, None);
            if recorded == Some(*c) {
                l.line(x + 1.5, b + 3.0, x + 3.5, b + 0.5, 0.1, 1.2, None);
                l.line(x + 3.5, b + 0.5, x + 7.0, b + 6.0, 0.1, 1.2, None);
            }
            l.text(x + 12.0, b, BODY, opt);
            x += 22.0 + l.width(opt, BODY) + 18.0;
        }
        l.y -= label.line_height() + 18.0;
        let sig = Style::new(FontKind::Regular, 7.5, 0.35);
        let cols = ["Commercial director", "Legal", "Date"];
        let w = l.column_width() / 3.0;
        let y = l.y;
        for (i, c) in cols.iter().enumerate() {
            let x0 = l.left() + i as f32 * w;
            l.line(x0, y, x0 + w - 16.0, y, 0.3, 0.6, None);
            l.text(x0, y - 9.0, sig, c);
        }
        l.y = y - 16.0;
    }
}
