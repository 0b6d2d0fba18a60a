//! Section 5 of the brief, "Commercial terms": the total commitment, the currency note, one
//! table per commitment category (years as columns when every row has a contract year),
//! other amounts, revenue shares, the price review rule with the next price review date, and
//! the renewal terms as written.
//!
//! Content comes from the agreement's commercial fields
//! ([`crate::domain::model::Agreement`]: commitments, amounts, revenue shares, price review)
//! and the engine's next open price review event.

use crate::domain::dates::long_date;
use crate::domain::model::{Commitment, PriceReview};
use crate::domain::rules::{EventKind, EventStatus};

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::table::{Cell, Column, Row, Table};
use super::Brief;

impl Brief<'_> {
    pub(super) fn commercial(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(5, "Commercial terms", 50.0);
        if let Some(c) = &a.total_commitment {
            l.table(&Table::key_values(96.0, false).key(
                "Total commitment",
                vec![
                    (c.value.to_string(), BODY_BOLD),
                    (source_line(&c.source), CITATION),
                ],
            ));
        }
        if let Some(cur) = a.main_currency() {
            // Issue 16 item 5: "$" read as a currency is the product's assumption, not the text.
            let dollar_assumed = a.assumptions.iter().any(|x| x.code == "dollar_currency")
                || a.warnings.iter().any(|w| w.code == "currency_assumed");
            let how = if dollar_assumed {
                format!(": \"$\" was read as {cur}, an assumption (see section 7)")
            } else {
                " as stated".to_string()
            };
            l.paragraph(
                &format!(
                    "Amounts are exact decimals in {cur} ({}){how}; K is thousand and M million in the source.",
                    crate::domain::money::currency_symbol(cur)
                ),
                SMALL,
                0.0,
                None,
            );
            l.space(2.0);
        }
        if a.commitments.is_empty() && a.amounts.is_empty() && a.total_commitment.is_none() {
            l.paragraph(
                "No commitments or amounts are stated in the agreement.",
                MUTED,
                0.0,
                None,
            );
        }
        // Commitments, one table per category; years as columns when every row has a year.
        for (category, items) in group(&a.commitments) {
            self.commitment_table(l, &category, &items);
        }
        if !a.amounts.is_empty() {
            let columns = [
                Column::new("Table", 0.24),
                Column::new("Item", 0.28),
                Column::new("Column", 0.2),
                Column::right("Amount", 0.28),
            ];
            let rows: Vec<Row> = a
                .amounts
                .iter()
                .map(|c| Row {
                    cells: vec![
                        Cell::text(&c.category, CELL),
                        Cell::text(&c.label, CELL),
                        Cell::text(&c.column, CELL),
                        Cell::text(c.value.to_string(), CELL),
                    ],
                    shade: None,
                })
                .collect();
            l.table(
                &Table::grid(columns)
                    .caption("Other amounts stated")
                    .rows(rows),
            );
        }
        if !a.revenue_shares.is_empty() {
            let parties: Vec<String> = a.revenue_shares[0].parties.clone();
            let mut columns = vec![Column::new("Product", 0.4)];
            let share = 0.6 / parties.len().max(1) as f32;
            for p in &parties {
                columns.push(Column::right(p, share));
            }
            let rows: Vec<Row> = a
                .revenue_shares
                .iter()
                .map(|r| {
                    let mut cells = vec![Cell::text(&r.product, CELL)];
                    for i in 0..parties.len() {
                        let v = r
                            .shares_percent
                            .get(i)
                            .map(|d| format!("{}%", d.normalize()))
                            .unwrap_or_else(|| "—".to_string());
                        cells.push(Cell::text(v, CELL));
                    }
                    Row { cells, shade: None }
                })
                .collect();
            l.table(&Table::grid(columns).caption("Revenue shares").rows(rows));
        }
        l.subheading("Price review", 24.0);
        match &a.price_review {
            Some(p) => {
                let next =
                    self.s.events.iter().find(|e| {
                        e.kind == EventKind::PriceReview && e.status == EventStatus::Open
                    });
                let rule = match &p.value {
                    PriceReview::AtEachRenewal => {
                        "Prices are reviewed at each renewal, on the renewal date.".to_string()
                    }
                    PriceReview::Annually => {
                        "Prices are reviewed annually, on each anniversary of the effective date."
                            .to_string()
                    }
                    PriceReview::Other(t) => format!("As written: {t} (no date computed)."),
                };
                let next = next
                    .map(|e| format!(" Next price review: {}.", long_date(e.date)))
                    .unwrap_or_default();
                l.paragraph(&format!("{rule}{next}"), BODY, 0.0, None);
                l.quote(&clause_text(&p.source), &source_line(&p.source), 8.0);
            }
            None => l.paragraph("No price review rule is stated.", MUTED, 0.0, None),
        }
        if !a.renewal_terms.is_empty() {
            l.subheading("Renewal terms as written", 20.0);
            for t in &a.renewal_terms {
                l.bullet("•", &t.value, BODY, 0.0);
            }
            l.space(3.0);
        }
    }

    pub(super) fn commitment_table(&self, l: &mut Layout, category: &str, items: &[&Commitment]) {
        let by_year = items.iter().all(|c| c.year.is_some());
        if by_year {
            let mut years: Vec<u32> = items.iter().filter_map(|c| c.year).collect();
            years.sort_unstable();
            years.dedup();
            let mut labels: Vec<&str> = Vec::new();
            for c in items {
                // Rows are the labels (or the columns when the years are rows).
                let key = if c.label.to_ascii_lowercase().starts_with("year") {
                    c.column.as_str()
                } else {
                    c.label.as_str()
                };
                if !labels.contains(&key) {
                    labels.push(key);
                }
            }
            if years.len() <= 6 {
                let mut columns = vec![Column::new("Item", 0.34)];
                let share = 0.66 / years.len().max(1) as f32;
                for y in &years {
                    columns.push(Column::right(&format!("Year {y}"), share));
                }
                let rows: Vec<Row> = labels
                    .iter()
                    .map(|label| {
                        let mut cells = vec![Cell::text(*label, CELL)];
                        for y in &years {
                            let v = items
                                .iter()
                                .find(|c| {
                                    c.year == Some(*y) && (c.label == *label || c.column == *label)
                                })
                                .map(|c| c.value.to_string())
                                .unwrap_or_else(|| "—".to_string());
                            cells.push(Cell::text(v, CELL));
                        }
                        Row { cells, shade: None }
                    })
                    .collect();
                l.table(
                    &Table::grid(columns)
                        .caption(format!("{category} (per contract year)"))
                        .rows(rows),
                );
                return;
            }
        }
        let columns = [
            Column::new("Item", 0.36),
            Column::new("Column", 0.28),
            Column::right("Amount", 0.36),
        ];
        let rows: Vec<Row> = items
            .iter()
            .map(|c| Row {
                cells: vec![
                    Cell::text(&c.label, CELL),
                    Cell::text(&c.column, CELL),
                    Cell::text(c.value.to_string(), CELL),
                ],
                shade: None,
            })
            .collect();
        l.table(&Table::grid(columns).caption(category).rows(rows));
    }
}

/// Commitments grouped by category, in document order.
fn group(items: &[Commitment]) -> Vec<(String, Vec<&Commitment>)> {
    let mut out: Vec<(String, Vec<&Commitment>)> = Vec::new();
    for c in items {
        match out.iter_mut().find(|(k, _)| *k == c.category) {
            Some((_, v)) => v.push(c),
            None => out.push((c.category.clone(), vec![c])),
        }
    }
    out
}
