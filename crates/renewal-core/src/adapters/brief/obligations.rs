//! Section 6 of the brief, "Service levels, obligations, exit rights and data protection":
//! tables of service levels, open obligations (with their due dates moved to business days
//! and overdue ones shaded), exit rights with the date each window closes (rule 8), and the
//! data protection statements with their source lines.
//!
//! Content comes from the agreement's operational fields
//! ([`crate::domain::model::Agreement`]) and the engine's obligation and exit-window events.

use crate::domain::dates::long_date;
use crate::domain::model::ObligationStatus;
use crate::domain::rules::{EventKind, EventStatus};

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::table::{Cell, Column, Row, Table};
use super::Brief;

impl Brief<'_> {
    pub(super) fn service_and_exit(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(
            6,
            "Service levels, obligations, exit rights and data protection",
            50.0,
        );

        l.subheading("Service levels", 30.0);
        let columns = [
            Column::new("Metric", 0.36),
            Column::new("Target", 0.28),
            Column::new("Penalty or remedy", 0.36),
        ];
        let rows: Vec<Row> = a
            .service_levels
            .iter()
            .map(|s| Row {
                cells: vec![
                    Cell::text(&s.metric, CELL),
                    Cell::text(&s.target, CELL),
                    Cell::text(s.penalty.as_deref().unwrap_or("—"), CELL),
                ],
                shade: None,
            })
            .collect();
        table_or_note(
            l,
            Table::grid(columns).rows(rows),
            "No service levels are stated.",
        );

        l.subheading("Open obligations", 30.0);
        let open: Vec<&crate::domain::model::Obligation> = a
            .obligations
            .iter()
            .filter(|o| o.status != ObligationStatus::Complete)
            .collect();
        let columns = [
            Column::new("Obligation", 0.34),
            Column::new("Status", 0.18),
            Column::new("Due", 0.24),
            Column::new("Details", 0.24),
        ];
        let rows: Vec<Row> = open
            .iter()
            .map(|o| {
                let ev = self.s.events.iter().find(|e| {
                    e.kind == EventKind::ObligationDue
                        && e.subject.as_deref() == Some(o.name.as_str())
                });
                let overdue = ev.is_some_and(|e| e.status == EventStatus::Overdue);
                let due = match (o.due, ev) {
                    (Some(d), Some(e)) => Cell::two(
                        format!("{d}{}", if overdue { " ⚠ overdue" } else { "" }),
                        if overdue { CELL_BOLD } else { CELL },
                        format!("falls on {}", long_date(e.date)),
                        CELL_SMALL,
                    ),
                    (Some(d), None) => Cell::text(d.to_string(), CELL),
                    (None, _) => Cell::text("No due date", CELL.grey(0.45)),
                };
                Row {
                    cells: vec![
                        Cell::text(&o.name, CELL),
                        Cell::text(&o.status_text, CELL),
                        due,
                        Cell::text(o.details.as_deref().unwrap_or("—"), CELL),
                    ],
                    shade: overdue.then_some(0.88),
                }
            })
            .collect();
        table_or_note(
            l,
            Table::grid(columns).rows(rows),
            "No open obligations are stated.",
        );

        let complete = a
            .obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Complete)
            .count();
        if complete > 0 {
            l.paragraph(
                &format!(
                    "{complete} further requirement{} stated as complete or compliant {} not listed.",
                    if complete == 1 { "" } else { "s" },
                    if complete == 1 { "is" } else { "are" }
                ),
                SMALL,
                0.0,
                None,
            );
            l.space(2.0);
        }

        l.subheading("Exit rights", 30.0);
        let columns = [
            Column::new("Scenario", 0.22),
            Column::new("Process", 0.22),
            Column::new("Window", 0.16),
            Column::new("Closes (rule 8)", 0.4),
        ];
        let rows: Vec<Row> = a
            .exit_rights
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let ev = self.s.events.iter().find(|e| {
                    e.kind == EventKind::ExitWindowEnd
                        && e.clause == crate::domain::rules::Clause::ExitRight(i)
                });
                let closes = match ev {
                    Some(e) => Cell::two(
                        format!(
                            "{}{}",
                            long_date(e.date),
                            match e.status {
                                EventStatus::Open => format!(" · {}", days_left(e.days_from_today)),
                                _ => " · closed".to_string(),
                            }
                        ),
                        if e.status == EventStatus::Open {
                            CELL_BOLD
                        } else {
                            CELL.grey(0.45)
                        },
                        self.view_of(e)
                            .map(|v| v.explanation.clone())
                            .unwrap_or_default(),
                        CELL_SMALL,
                    ),
                    None => Cell::text(
                        "Runs from the day after the agreement ends (no end date yet)",
                        CELL.grey(0.4),
                    ),
                };
                Row {
                    cells: vec![
                        Cell::text(&x.scenario, CELL),
                        Cell::text(&x.process, CELL),
                        Cell::text(
                            x.window
                                .map(|w| w.to_string())
                                .unwrap_or_else(|| "—".to_string()),
                            CELL,
                        ),
                        closes,
                    ],
                    shade: None,
                }
            })
            .collect();
        table_or_note(
            l,
            Table::grid(columns).rows(rows),
            "No exit rights are stated.",
        );

        l.subheading("Data protection", 24.0);
        if a.data_protection.is_empty() {
            l.paragraph("No data protection terms are stated.", MUTED, 0.0, None);
        } else {
            for d in &a.data_protection {
                l.bullet("•", &d.value, BODY, 0.0);
            }
            // One source line per section the statements came from.
            let mut sections: Vec<(&str, Vec<u32>)> = Vec::new();
            for d in &a.data_protection {
                let line = d.source.line.unwrap_or(0);
                match sections.iter_mut().find(|(s, _)| *s == d.source.section) {
                    Some((_, lines)) => lines.push(line),
                    None => sections.push((&d.source.section, vec![line])),
                }
            }
            for (section, lines) in sections {
                let lines: Vec<String> = lines
                    .iter()
                    .filter(|n| **n > 0)
                    .map(u32::to_string)
                    .collect();
                let text = match lines.len() {
                    0 => format!("Source: {section}"),
                    1 => format!("Source: line {} · {section}", lines[0]),
                    _ => format!("Source: lines {} · {section}", lines.join(", ")),
                };
                l.paragraph(&text, CITATION, 11.0, None);
            }
        }
        l.space(3.0);
    }
}

/// `table`, or `note` in grey when it has no rows ("No exit rights are stated.").
fn table_or_note(l: &mut Layout, table: Table, note: &str) {
    if table.is_empty() {
        l.paragraph(note, MUTED, 0.0, None);
    } else {
        l.table(&table);
    }
}
