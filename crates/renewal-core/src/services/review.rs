//! Reviewing what the reader found (issue 11 item 1, the app's Review page): one
//! agreement's stored document, line by line, beside the values read from it, each with
//! its source span, its confidence and whether it is still to confirm; and the review
//! queue, the agreements with anything left to confirm.
//!
//! A value is confirmed as read with [`crate::services::portfolio::confirm_field`],
//! corrected or filled with [`crate::services::portfolio::edit_field`] (checked like an
//! import, [`crate::services::edit::apply_edit`]); both record the change in the history
//! and drop the field's warnings, which ends a provisional reading
//! ([`Agreement::provisional_fields`]).
//!
//! Spans: a value read from a Markdown, text or Word document points at lines of the stored
//! document (`Source::line..=line_end`). A value read from a PDF points at a line *within
//! its page*, and the stored text of a PDF keeps no page breaks, so its span is found by
//! looking for the quoted text among the stored lines ([`locate`]); the page it came from
//! is kept beside it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::adapters::store::{HistoryEntry, Store};
use crate::domain::model::{Agreement, Confidence, DocumentLines, Source, Warning};
use crate::error::{Error, Result};
use crate::services::edit::{current_value, EditableField, FieldInput};

/// Document lines a review page carries with it: the first 300 (six pages or so). The rest
/// are asked for by [`review_lines`], a block at a time, as the text is scrolled, so the page
/// of a 100-page contract (about 5,000 lines, 400 KB) opens with a small payload.
pub const FIRST_LINES: u32 = 300;

/// Most lines one [`review_lines`] call returns.
pub const MAX_LINES_PER_CALL: u32 = 2_000;

/// The fields whose reading drives the agreement's dates: while one of them is read with
/// low confidence and not confirmed, the agreement is provisional
/// ([`Agreement::provisional_fields`]).
pub const KEY_FIELDS: [&str; 5] = [
    "effective_date",
    "initial_term",
    "auto_renewal",
    "renewal_period",
    "non_renewal_notice",
];

/// Where a value was read, located in the stored document's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceSpan {
    /// 1-based first line of the stored document.
    pub line: u32,
    /// 1-based last line, inclusive (`>= line`).
    pub line_end: u32,
    /// 0-based column where the span starts on `line`, in UTF-16 code units (what a
    /// JavaScript string index counts): the first non-blank character.
    pub start_column: u32,
    /// 0-based column, exclusive, where the span ends on `line_end`, in UTF-16 code units:
    /// after the last non-blank character.
    pub end_column: u32,
    /// 1-based PDF page the value was read on, when the document is paged.
    pub page: Option<u32>,
}

/// Where a value stands in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// A warning about the value is open (read with low confidence, two readings disagree,
    /// an assumption): a person should accept or correct it.
    ToConfirm,
    /// Confirmed as read by a person (a `confirm` in the history removed its warnings).
    Confirmed,
    /// Typed or corrected by a person in Renewal Desk (a value with an editable field; a
    /// value derived from a corrected one, such as the expiry, is `Confirmed` or `Read`).
    Edited,
    /// Read, with no warning open (its confidence says how sure the reader was).
    Read,
    /// The document does not state it (unknown).
    Missing,
}

/// One value of the agreement as the review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewValue {
    /// The field's snake_case name (`effective_date`), as warnings and `confirm` name it.
    pub field: String,
    /// Its name for people ("Effective date").
    pub label: String,
    /// The value as text, in the form a correction accepts back (`2023-01-01`, `3 years`,
    /// `yes`); for a value that cannot be corrected here, as people read it. Empty when
    /// missing.
    pub value: String,
    /// The editable field a correction or fill goes to (every value the review lists has
    /// one: the expiry sets the initial term, termination for convenience the notice of
    /// its termination-rights row, the total commitment its amount and currency).
    pub editable: Option<EditableField>,
    /// What a correction accepts ("a date: 2023-01-01 or 1 January 2023").
    pub hint: String,
    /// Which input to offer for a correction.
    pub input: FieldInput,
    /// The source as stored: section, quoted text, line and page, confidence.
    pub source: Option<Source>,
    /// The source located in the stored document's lines; `None` when the value has no
    /// document line (typed by hand, missing) or its quote is not found.
    pub span: Option<SourceSpan>,
    /// How sure the reader was (`high` for a value typed or with no source).
    pub confidence: Confidence,
    /// Where the value stands.
    pub status: ReviewStatus,
    /// Whether the value is one of [`KEY_FIELDS`].
    pub key: bool,
    /// The open warnings about this field: `(index among the agreement's warnings,
    /// message)`.
    pub warnings: Vec<ReviewWarning>,
}

/// An open warning of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewWarning {
    /// 0-based index among the agreement's warnings (what `confirm_warning` takes).
    pub index: u32,
    /// Stable code, e.g. `low_confidence`.
    pub code: String,
    /// The field it is about.
    pub field: String,
    /// 1-based line of the stored document it points at, when any.
    pub line: Option<u32>,
    /// The sentence for people.
    pub message: String,
}

/// An agreement with something left to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueItem {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Its title.
    pub title: String,
    /// How many warnings are open.
    pub to_confirm: u32,
    /// Whether its dates rest on a value read with low confidence.
    pub provisional: bool,
}

/// Everything the Review page of one agreement shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewPage {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Its title.
    pub title: String,
    /// The file name of the current document (empty for an agreement entered by hand
    /// without one).
    pub file_name: String,
    /// Whether values carry PDF page numbers (the document was a PDF).
    pub paged: bool,
    /// For a PDF, the first line (1-based) of each page of the stored text, in page order
    /// (`[1, 31]`: page 2 begins at line 31); empty for other documents and for PDFs
    /// imported before pages were kept.
    pub page_starts: Vec<u32>,
    /// The stored document's first lines, in order (line `n` is `lines[n - 1]`), at most
    /// [`FIRST_LINES`]; the others come from [`review_lines`].
    pub lines: Vec<String>,
    /// How many lines the stored document has.
    pub total_lines: u32,
    /// The values read from the document (or missing from it), in reading order of the
    /// form: parties, dates, renewal, notice, termination, price review, country, owner,
    /// amounts.
    pub values: Vec<ReviewValue>,
    /// Open warnings that are about none of `values` (confirmed one by one).
    pub other_warnings: Vec<ReviewWarning>,
    /// The key fields still provisional ([`Agreement::provisional_fields`]).
    pub provisional: Vec<String>,
    /// How many warnings are open in all.
    pub to_confirm: u32,
    /// The review queue: every agreement with something left to confirm, by id.
    pub queue: Vec<QueueItem>,
}

/// The review queue: every agreement with at least one open warning (what the
/// dashboard's "To confirm" counts), by id.
///
/// Errors: SQLite; stored JSON that cannot be read.
pub fn review_queue(store: &Store) -> Result<Vec<QueueItem>> {
    let mut out = Vec::new();
    store.for_each_listed(|l| {
        let a = &l.agreement;
        if !a.warnings.is_empty() {
            out.push(QueueItem {
                id: l.id,
                title: a.title.clone(),
                to_confirm: u32::try_from(a.warnings.len()).unwrap_or(u32::MAX),
                provisional: a.is_provisional(),
            });
        }
        Ok(())
    })?;
    out.sort_by_key(|q| q.id);
    Ok(out)
}

/// The Review page of agreement `id`: its stored document's lines, its values with their
/// located sources and status, its open warnings and the review queue.
///
/// Errors: [`Error::NotFound`]; SQLite; stored JSON that cannot be read.
pub fn review_page(store: &Store, id: i64) -> Result<ReviewPage> {
    let stored = store.get(id)?;
    let (file_name, document) = match store.source_document(id) {
        Ok((name, _, text)) => (name, text),
        Err(Error::NotFound(_)) => (String::new(), String::new()),
        Err(e) => return Err(e),
    };
    let a = &stored.agreement;
    let doc = DocumentLines::new(&document);
    let total = u32::try_from(doc.len()).unwrap_or(u32::MAX);
    let lines = lines_of(&doc, 1, FIRST_LINES);
    let history = store.history_of(&stored)?;
    let values = review_values(a, &doc, &confirmed_fields(&history));
    let listed: std::collections::HashSet<&str> = values.iter().map(|v| v.field.as_str()).collect();
    let other_warnings = warnings_of(a, |f| !listed.contains(f));
    Ok(ReviewPage {
        id,
        title: a.title.clone(),
        file_name,
        paged: values
            .iter()
            .any(|v| v.source.as_ref().is_some_and(|s| s.page.is_some())),
        page_starts: store
            .setting::<Vec<u32>>(&crate::adapters::store::page_starts_key(&stored.sha256))?
            .unwrap_or_default(),
        total_lines: total,
        lines,
        values,
        other_warnings,
        provisional: a
            .provisional_fields()
            .into_iter()
            .map(str::to_string)
            .collect(),
        to_confirm: u32::try_from(a.warnings.len()).unwrap_or(u32::MAX),
        queue: review_queue(store)?,
    })
}

/// A block of lines of a stored document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewLines {
    /// 1-based number of the first line of `lines`.
    pub first: u32,
    /// The lines `first`, `first + 1`, … (fewer than asked at the end of the document;
    /// none beyond it).
    pub lines: Vec<String>,
}

/// Lines `first..first + count` (1-based; `count` at most [`MAX_LINES_PER_CALL`]) of
/// agreement `id`'s stored document, for the Review page's text as it is scrolled.
///
/// Errors: [`Error::NotFound`] for an unknown agreement; [`Error::Invalid`] naming `lines`
/// for a first line of 0 or a count over [`MAX_LINES_PER_CALL`]; SQLite.
pub fn review_lines(store: &Store, id: i64, first: u32, count: u32) -> Result<ReviewLines> {
    if first == 0 || count > MAX_LINES_PER_CALL {
        return Err(Error::Invalid {
            field: "lines".to_string(),
            message: format!(
                "expected a first line from 1 and at most {MAX_LINES_PER_CALL} lines, not line {first} and {count} lines"
            ),
        });
    }
    let document = match store.source_document(id) {
        Ok((_, _, text)) => text,
        Err(Error::NotFound(_)) => {
            store.get(id)?;
            String::new()
        }
        Err(e) => return Err(e),
    };
    Ok(ReviewLines {
        first,
        lines: lines_of(&DocumentLines::new(&document), first, count),
    })
}

/// Lines `first..first + count` of `doc` (those that exist).
fn lines_of(doc: &DocumentLines<'_>, first: u32, count: u32) -> Vec<String> {
    (first..first.saturating_add(count))
        .map_while(|n| doc.line(n).map(str::to_string))
        .collect()
}

/// The open warnings of `a` whose field `keep` accepts, with their indices.
fn warnings_of(a: &Agreement, keep: impl Fn(&str) -> bool) -> Vec<ReviewWarning> {
    a.warnings
        .iter()
        .enumerate()
        .filter(|(_, w)| keep(&w.field))
        .map(|(i, w)| ReviewWarning {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            code: w.code.clone(),
            field: w.field.clone(),
            line: w.line,
            message: w.message.clone(),
        })
        .collect()
}

/// The fields a person confirmed as read: those whose warnings a `confirm` entry of the
/// history removed ([`crate::services::portfolio::confirm_field`] and `confirm_warning`).
/// The history keeps a removed warning as `warnings.N` with the warning's JSON as its old
/// value, or, when several shift, as `warnings.N.field` with the field's name.
pub fn confirmed_fields(history: &[HistoryEntry]) -> HashSet<String> {
    let mut out = HashSet::new();
    for h in history
        .iter()
        .filter(|h| h.action == "confirm" && h.field.starts_with("warnings."))
    {
        let Some(old) = h.old_value.as_deref() else {
            continue;
        };
        if h.field.ends_with(".field") {
            if let Ok(f) = serde_json::from_str::<String>(old) {
                out.insert(f);
            }
        } else if let Ok(w) = serde_json::from_str::<Warning>(old) {
            out.insert(w.field);
        }
    }
    out
}

/// The values the review lists, each located in `doc`; `confirmed` holds the fields a
/// person confirmed ([`confirmed_fields`]).
pub fn review_values(
    a: &Agreement,
    doc: &DocumentLines<'_>,
    confirmed: &HashSet<String>,
) -> Vec<ReviewValue> {
    use EditableField as F;
    let mut out = Vec::new();
    let editable = |f: F| {
        let (value, source) = current_value(a, f);
        (
            f.name().to_string(),
            f.label().to_string(),
            value,
            Some(f),
            source,
        )
    };
    let mut rows = vec![
        editable(F::Parties),
        editable(F::Counterparty),
        editable(F::EffectiveDate),
        editable(F::InitialTerm),
    ];
    // The expiry of the initial term (renewal-rules.md §Arithmetic rule 2), derived from the
    // effective date and the term; read from the term's clause. A correction sets the term.
    rows.push(editable(F::ExpiryDate));
    rows.extend([
        editable(F::AutoRenewal),
        editable(F::RenewalPeriod),
        editable(F::NonRenewalNotice),
    ]);
    // A row of the termination rights; its warnings are the table's ("termination_rights").
    let (_, label, value, edit, source) = editable(F::TerminationForConvenience);
    rows.push(("termination_rights".into(), label, value, edit, source));
    rows.extend([
        editable(F::PriceReview),
        editable(F::Country),
        editable(F::ContractOwner),
        editable(F::NextReview),
    ]);
    rows.push(editable(F::TotalCommitment));
    for (field, label, value, edit, source) in rows {
        let warnings = warnings_of(a, |f| f == field);
        let user = source.as_ref().is_some_and(|s| s.line.is_none());
        let confidence = source
            .as_ref()
            .map(|s| s.confidence)
            .unwrap_or(Confidence::High);
        let status = if !warnings.is_empty() {
            ReviewStatus::ToConfirm
        } else if value.is_empty() {
            ReviewStatus::Missing
        } else if user && edit.is_some() {
            ReviewStatus::Edited
        } else if confirmed.contains(&field) {
            ReviewStatus::Confirmed
        } else {
            ReviewStatus::Read
        };
        let span = source.as_ref().and_then(|s| locate(s, doc));
        out.push(ReviewValue {
            key: KEY_FIELDS.contains(&field.as_str()),
            hint: edit.map(|f| f.hint().to_string()).unwrap_or_else(|| {
                "corrected on the agreement's page (its clause table or the fields it is computed from)".to_string()
            }),
            input: edit.map(|f| f.input()).unwrap_or(FieldInput::Text),
            field,
            label,
            value,
            editable: edit,
            source,
            span,
            confidence,
            status,
            warnings,
        });
    }
    out
}

/// Locates `source` among the stored document's lines `doc`.
///
/// A source without a page (Markdown, text, Word) is its span `line..=line_end` when
/// that lies in the document, whole lines. A PDF source (with a page; its line counts
/// within the page) is found by its quoted text ([`find_quote`]), and its columns narrow
/// to the quoted sentence where the quote's first and last words are found on the span's
/// first and last lines. `None` for a source typed by hand, a span beyond the document, or
/// a quote not found.
pub fn locate(source: &Source, doc: &DocumentLines<'_>) -> Option<SourceSpan> {
    let (first, last) = source.span()?;
    let quoted = source.page.is_some();
    let (first, last) = if quoted {
        find_quote(&source.text, doc, (first, last))?
    } else {
        let n = u32::try_from(doc.len()).ok()?;
        if first == 0 || last > n {
            return None;
        }
        (first, last)
    };
    let start = doc.line(first)?;
    let end = doc.line(last)?;
    let lead = start.len() - start.trim_start().len();
    let mut start_byte = lead;
    let mut end_byte = end.trim_end().len();
    if quoted {
        let (head, tail) = quote_ends(&source.text);
        if let Some(i) = head.as_deref().and_then(|h| start.find(h)) {
            start_byte = i;
        }
        if let Some(i) = tail
            .as_deref()
            .and_then(|t| end.rfind(t).map(|i| i + t.len()))
        {
            if first != last || i > start_byte {
                end_byte = i;
            }
        }
    }
    Some(SourceSpan {
        line: first,
        line_end: last,
        start_column: utf16_len(start.get(..start_byte).unwrap_or_default()),
        end_column: utf16_len(end.get(..end_byte).unwrap_or_default()),
        page: source.page,
    })
}

fn utf16_len(s: &str) -> u32 {
    u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// White space collapsed to single spaces, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A quote without the `...` (or `…`) the reader cuts a long one with, collapsed; and
/// whether it was cut.
fn uncut(quote: &str) -> (String, bool) {
    let t = quote.trim_end();
    match t.strip_suffix("...").or_else(|| t.strip_suffix('\u{2026}')) {
        Some(rest) => (collapse(rest), true),
        None => (collapse(t), false),
    }
}

/// The quote's first three words and, unless it was cut, its last three, as they would
/// appear within one line.
fn quote_ends(quote: &str) -> (Option<String>, Option<String>) {
    let (text, cut) = uncut(quote);
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return (None, None);
    }
    let k = words.len().min(3);
    let head = words[..k].join(" ");
    let tail = (!cut).then(|| words[words.len() - k..].join(" "));
    (Some(head), tail)
}

/// The span `(first, last)` of stored lines that hold `quote` (white space compared
/// collapsed; a PDF reader's quote is a sentence or paragraph whose lines are joined with
/// spaces, cut with `...` when long). `own` is the source's span within its page: when the
/// same stored lines hold the quote (page 1, or no header removed), they are the span;
/// otherwise windows of as many lines are searched and the one nearest `own` wins. The
/// span is then shrunk to the lines the quote needs.
fn find_quote(quote: &str, doc: &DocumentLines<'_>, own: (u32, u32)) -> Option<(u32, u32)> {
    let (want, _) = uncut(quote);
    if want.is_empty() {
        return None;
    }
    let n = u32::try_from(doc.len()).ok()?;
    let joined = |a: u32, b: u32| {
        collapse(
            &(a..=b)
                .filter_map(|i| doc.line(i))
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let holds = |a: u32, b: u32| a >= 1 && b <= n && a <= b && joined(a, b).contains(&want);
    let shrink = |(mut a, mut b): (u32, u32)| {
        while a < b && holds(a + 1, b) {
            a += 1;
        }
        while b > a && holds(a, b - 1) {
            b -= 1;
        }
        (a, b)
    };
    if holds(own.0, own.1) {
        return Some(shrink(own));
    }
    let width = own.1.saturating_sub(own.0);
    let mut best: Option<(u32, u32)> = None;
    for a in 1..=n.saturating_sub(width) {
        let b = a + width;
        if holds(a, b) && best.is_none_or(|(x, _)| a.abs_diff(own.0) < x.abs_diff(own.0)) {
            best = Some((a, b));
        }
    }
    best.map(shrink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(line: u32, line_end: u32, page: Option<u32>, text: &str) -> Source {
        Source {
            line: Some(line),
            line_end: Some(line_end),
            section: String::new(),
            text: text.to_string(),
            page,
            confidence: Confidence::High,
        }
    }

    #[test]
    fn a_span_gives_its_columns_in_utf16_units() {
        let doc = DocumentLines::new("# Título\n  Vigencia: 3 años  \nfin");
        let s = locate(&src(2, 2, None, ""), &doc).unwrap();
        assert_eq!((s.line, s.line_end), (2, 2));
        assert_eq!((s.start_column, s.end_column), (2, 18));
        assert_eq!(
            locate(&src(3, 4, None, ""), &doc),
            None,
            "beyond the document"
        );
    }

    #[test]
    fn a_pdf_quote_is_found_by_its_text_and_narrowed_to_its_sentence() {
        let doc = DocumentLines::new(
            "header\n2. Term\nThis Agreement is effective as of 2025-02-01 and shall remain in force for three (3) years. It shall be\nextended automatically for one (1) year.\n\nfooter\n3. Term\nThe term is three  years,\nrenewing yearly unless notice is given.",
        );
        // Its own lines hold it: a sentence within the first line.
        let q = "This Agreement is effective as of 2025-02-01 and shall remain in force for three (3) years.";
        let s = locate(&src(3, 4, Some(1), q), &doc).unwrap();
        assert_eq!((s.line, s.line_end, s.page), (3, 3, Some(1)));
        assert_eq!((s.start_column, s.end_column), (0, 91));
        // A sentence over two lines, starting mid-line.
        let s = locate(
            &src(
                3,
                4,
                Some(1),
                "It shall be extended automatically for one (1) year.",
            ),
            &doc,
        )
        .unwrap();
        assert_eq!((s.line, s.line_end), (3, 4));
        assert_eq!((s.start_column, s.end_column), (92, 40));
        // On page 2 its page line (2) is not its stored line (8): found by its text, a
        // quote cut with "..." by its beginning.
        let s = locate(
            &src(
                2,
                3,
                Some(2),
                "The term is three years, renewing yearly unless...",
            ),
            &doc,
        )
        .unwrap();
        assert_eq!((s.line, s.line_end, s.page), (8, 9, Some(2)));
        assert_eq!(s.start_column, 0);
        assert_eq!(locate(&src(1, 1, Some(1), "not there"), &doc), None);
    }
}
