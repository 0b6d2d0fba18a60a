//! "Readings and assumptions" (issue 16 item 5): every value the product inferred or assumed
//! rather than read verbatim from the document, and every value edited by hand beside the
//! document's original quotation, with who changed it and when. One list, shown by the
//! brief (its section "Readings and assumptions") and the agreement page.
//!
//! Sources, all structured (no warning's text is parsed):
//! - the importer's [`Assumption`]s (country from the title, `$` as USD, no renewal clause
//!   read as a fixed term);
//! - the agreement's sources read with low confidence ([`Confidence::Low`]) and dates the
//!   document states only to the month or quarter (rule 7: the first day is used);
//! - for agreements stored before assumptions were recorded: a country whose source is the
//!   title line, and a `currency_assumed` warning;
//! - the history's `edit` rows (migration 0006 for who made them), rendered by
//!   [`crate::adapters::store::words`];
//! - the warning a hand edit adds when it moves the deadline at hand later
//!   ([`crate::services::portfolio::EDIT_MOVES_DEADLINE_LATER`]).

use serde::{Deserialize, Serialize};

use crate::adapters::store::words::{field_words, verbatim};
use crate::adapters::store::HistoryEntry;
use crate::domain::dates::{long_date, PartialDate};
use crate::domain::model::{Agreement, Assumption, Confidence, Source};

/// One value the product inferred or assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssumedValue {
    /// What was assumed, for people: "Jurisdiction (public holidays)".
    pub what: String,
    /// The value assumed, as shown: "Peru", "USD (US$)".
    pub value: String,
    /// Why, in a sentence.
    pub why: String,
    /// 1-based line of the document it rests on, when there is one.
    pub line: Option<u32>,
}

/// One value edited by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandEdit {
    /// The field in the user's words: "Non-renewal notice period".
    pub field: String,
    /// The document's own quotation of the field, verbatim (table pipes removed), before the
    /// first hand edit; `None` when the document had none (a value added by hand).
    pub original_quote: Option<String>,
    /// The value the document gave, as the app shows it ("90 days"); "—" when none.
    pub original_value: String,
    /// The value now, as the app shows it ("60 days"); "—" when removed.
    pub new_value: String,
    /// Who made the last edit of it, or "not recorded" (rows written before migration 0006).
    pub by: String,
    /// When it was last edited (RFC 3339 UTC).
    pub at: String,
    /// The day of the last edit, as the app shows dates: "Mon 30 Nov 2026".
    pub on: String,
}

/// The "Readings and assumptions" of one agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Readings {
    /// Values inferred or assumed, in the order of the document's fields.
    pub assumptions: Vec<AssumedValue>,
    /// Values edited by hand, in the order first edited.
    pub hand_edits: Vec<HandEdit>,
    /// Warnings hand edits raise: an edit that moves the deadline at hand later than the
    /// document's own reading (the warning's sentence, still to be confirmed).
    pub warnings: Vec<String>,
}

impl Readings {
    /// True when nothing was assumed, nothing edited and no edit warns.
    pub fn is_empty(&self) -> bool {
        self.assumptions.is_empty() && self.hand_edits.is_empty() && self.warnings.is_empty()
    }
}

/// The top-level field (and row, for lists) a history path belongs to:
/// `non_renewal_notice.source.text` → `non_renewal_notice`, `termination_rights.0.notice` →
/// `termination_rights.0`.
fn root_of(path: &str) -> String {
    let mut segs = path.split('.');
    let first = segs.next().unwrap_or(path);
    match segs.next() {
        Some(i) if i.parse::<usize>().is_ok() => format!("{first}.{i}"),
        _ => first.to_string(),
    }
}

/// Whether `path`, under `root`, is the field's value itself (or the whole field or row).
fn is_value(path: &str, root: &str) -> bool {
    path == root || path.starts_with(&format!("{root}.value"))
}

/// The readings and assumptions of `agreement` from its `history` (oldest first, as
/// [`crate::adapters::store::Store::history`] gives it).
pub fn readings(agreement: &Agreement, history: &[HistoryEntry]) -> Readings {
    let hand_edits = hand_edits(agreement, history);
    let edited_roots: Vec<String> = history
        .iter()
        .filter(|h| h.action == "edit")
        .map(|h| root_of(&h.field))
        .collect();
    let assumptions = assumed_values(agreement)
        .into_iter()
        .filter(|(field, _)| !edited_roots.iter().any(|r| r == field))
        .map(|(_, v)| v)
        .collect();
    let warnings = agreement
        .warnings
        .iter()
        .filter(|w| w.code == crate::services::portfolio::EDIT_MOVES_DEADLINE_LATER)
        .map(|w| w.message.clone())
        .collect();
    Readings {
        assumptions,
        hand_edits,
        warnings,
    }
}

/// Every value assumed, with the field it sets (for leaving out those edited by hand since).
fn assumed_values(a: &Agreement) -> Vec<(String, AssumedValue)> {
    let from = |x: &Assumption| {
        (
            x.field.clone(),
            AssumedValue {
                what: x.what.clone(),
                value: x.value.clone(),
                why: x.why.clone(),
                line: x.line,
            },
        )
    };
    let mut out: Vec<(String, AssumedValue)> = a.assumptions.iter().map(from).collect();
    let has = |field: &str, out: &[(String, AssumedValue)]| out.iter().any(|(f, _)| f == field);
    // Agreements stored before assumptions were recorded.
    if let Some(c) = a.country.as_ref() {
        // The title's line as the source: its text is the line itself ("# Title").
        let line = c.source.text.trim().trim_start_matches('#').trim();
        let from_title = c.source.line.is_some() && line == a.title.trim();
        if from_title && !has("country", &out) {
            out.push((
                "country".to_string(),
                AssumedValue {
                    what: "Jurisdiction (public holidays)".to_string(),
                    value: c.value.to_string(),
                    why: format!(
                        "the document has no governing-law or jurisdiction clause; taken from the title, which names {}",
                        c.value
                    ),
                    line: c.source.line,
                },
            ));
        }
    }
    if !has("currency", &out) {
        if let Some(w) = a.warnings.iter().find(|w| w.code == "currency_assumed") {
            if let Some(cur) = a.main_currency() {
                out.push((
                    "currency".to_string(),
                    AssumedValue {
                        what: "Currency of amounts written with \"$\"".to_string(),
                        value: format!("{cur} ({})", crate::domain::money::currency_symbol(cur)),
                        why: "the document writes amounts with \"$\" and states no currency"
                            .to_string(),
                        line: w.line,
                    },
                ));
            }
        }
    }
    // Readings the reader was unsure of (issue 10), still unconfirmed.
    let low = |field: &str, label: &str, value: String, s: &Source| {
        let open = a
            .warnings
            .iter()
            .any(|w| w.code == "low_confidence" && w.field == field);
        (s.confidence == Confidence::Low && open).then(|| {
            (
                field.to_string(),
                AssumedValue {
                    what: label.to_string(),
                    value,
                    why: "read with low confidence (the reader had to choose between readings): confirm against the signed contract".to_string(),
                    line: s.line,
                },
            )
        })
    };
    if let Some(x) = &a.effective_date {
        out.extend(low(
            "effective_date",
            "Effective date",
            long_date(x.value),
            &x.source,
        ));
    }
    if let Some(x) = &a.initial_term {
        out.extend(low(
            "initial_term",
            "Initial term",
            x.value.to_string(),
            &x.source,
        ));
    }
    if let Some(x) = &a.auto_renewal {
        let v = if x.value { "yes" } else { "no" };
        out.extend(low(
            "auto_renewal",
            "Automatic renewal",
            v.to_string(),
            &x.source,
        ));
    }
    if let Some(x) = &a.renewal_period {
        out.extend(low(
            "renewal_period",
            "Renewal period",
            x.value.to_string(),
            &x.source,
        ));
    }
    if let Some(x) = &a.non_renewal_notice {
        out.extend(low(
            "non_renewal_notice",
            "Non-renewal notice period",
            x.value.to_string(),
            &x.source,
        ));
    }
    // Dates the document states only to the month, quarter or year (rule 7).
    for (field, label, x) in [
        ("last_review", "Last review", &a.last_review),
        ("next_review", "Next review", &a.next_review),
    ] {
        if let Some(x) = x {
            if let Some(v) = partial_date_reading(&x.value) {
                out.push((
                    field.to_string(),
                    AssumedValue {
                        what: label.to_string(),
                        value: v,
                        why: format!(
                            "the document gives only \"{}\"; rule 7 reads a month as its first day and a quarter or year as its last",
                            x.value
                        ),
                        line: x.source.line,
                    },
                ));
            }
        }
    }
    out
}

/// A month, quarter or year date read as the day rule 7 gives it (a month's first day, a
/// quarter's or year's last: "Tue 1 Jul 2025"); `None` for a full date.
fn partial_date_reading(d: &PartialDate) -> Option<String> {
    if matches!(d, PartialDate::Day { .. }) {
        return None;
    }
    d.deadline().map(long_date)
}

/// Every field edited by hand (history action `edit`), grouped by field or row.
fn hand_edits(a: &Agreement, history: &[HistoryEntry]) -> Vec<HandEdit> {
    let mut roots: Vec<String> = Vec::new();
    for h in history.iter().filter(|h| h.action == "edit") {
        let root = root_of(&h.field);
        if root == "warnings" || root.starts_with("warnings.") || root == "assumptions" {
            continue;
        }
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
        .into_iter()
        .filter_map(|root| {
            let rows: Vec<&HistoryEntry> = history
                .iter()
                .filter(|h| h.action == "edit" && root_of(&h.field) == root)
                .collect();
            let first = rows.first()?;
            let last = rows.last()?;
            let quote_path = format!("{root}.source.text");
            let quote_row = rows.iter().find(|h| h.field == quote_path);
            let original_quote = quote_row
                .and_then(|h| h.old_value.as_deref())
                .and_then(|j| serde_json::from_str::<String>(j).ok())
                .map(|t| verbatim(&t))
                .filter(|t| !t.is_empty());
            let values: Vec<&&HistoryEntry> =
                rows.iter().filter(|h| is_value(&h.field, &root)).collect();
            let (original_value, new_value) = match (values.first(), values.last()) {
                (Some(f), Some(l)) => (f.words.old.clone(), l.words.new.clone()),
                // A row edited cell by cell: its quoted text before and after.
                _ => match quote_row {
                    Some(q) => (
                        q.words.old.clone(),
                        rows.iter()
                            .rev()
                            .find(|h| h.field == quote_path)
                            .map(|h| h.words.new.clone())
                            .unwrap_or_else(|| q.words.new.clone()),
                    ),
                    None => (first.words.old.clone(), last.words.new.clone()),
                },
            };
            let on = chrono::DateTime::parse_from_rfc3339(&last.at)
                .map(|t| long_date(t.date_naive()))
                .unwrap_or_else(|_| last.at.clone());
            Some(HandEdit {
                field: field_words(&root, Some(a)),
                original_quote,
                original_value,
                new_value,
                by: last.words.by.clone(),
                at: last.at.clone(),
                on,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Country;
    use crate::domain::model::Sourced;

    /// An agreement stored before assumptions were recorded: its country's source is the
    /// title's line, and a month-precision review date.
    #[test]
    fn agreements_stored_before_still_list_the_country_taken_from_the_title() {
        let mut a = Agreement::new("Example Peru Agreement");
        let title = Source {
            text: "# Example Peru Agreement".to_string(),
            ..Source::span_of("Example Peru Agreement", 1, 1)
        };
        a.country = Some(Sourced::new(Country::Peru, title));
        a.next_review = Some(Sourced::new(
            PartialDate::Month {
                year: 2025,
                month: 7,
            },
            Source {
                text: "**Next Review**: July 2025".to_string(),
                ..Source::span_of("Footer", 9, 9)
            },
        ));
        let r = readings(&a, &[]);
        assert_eq!(
            r.assumptions,
            vec![
                AssumedValue {
                    what: "Jurisdiction (public holidays)".to_string(),
                    value: "Peru".to_string(),
                    why: "the document has no governing-law or jurisdiction clause; taken from the title, which names Peru".to_string(),
                    line: Some(1),
                },
                AssumedValue {
                    what: "Next review".to_string(),
                    value: "Tue 1 Jul 2025".to_string(),
                    why: "the document gives only \"July 2025\"; rule 7 reads a month as its first day and a quarter or year as its last".to_string(),
                    line: Some(9),
                },
            ]
        );
        assert!(r.hand_edits.is_empty() && r.warnings.is_empty());
        // A country read from a governing-law clause is no assumption.
        a.country = Some(Sourced::new(
            Country::Peru,
            Source {
                text: "| Governing law | Peru |".to_string(),
                ..Source::span_of("Summary", 5, 5)
            },
        ));
        a.next_review = None;
        assert!(readings(&a, &[]).is_empty());
    }
}
