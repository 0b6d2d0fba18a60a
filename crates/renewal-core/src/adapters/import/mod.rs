//! Documents → agreements.
//!
//! [`read_document`] checks a file (size, binary content, UTF-8) and [`import_markdown`]
//! reads an agreement written in Markdown with GFM tables, like the sample agreements, with
//! pulldown-cmark. The document is first turned into sections, tables and list items that
//! keep their line numbers ([`parse_sections`]); then [`map`] reads the clauses out of them.
//!
//! The importer never invents a clause (renewal-rules.md, "What the importer must not do"):
//! what the document does not state stays `None` and becomes a [`Warning`].

pub mod formats;
mod map;
pub(crate) use map::{obligation_status, termination_kind};
mod markdown;
pub mod reading;
pub mod register;

pub use formats::{
    read_bytes, read_bytes_with, read_path, read_path_with, DocumentText, Format, Line, OcrOptions,
    ReadOptions,
};

use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::domain::model::{Agreement, DocumentLines, Source, Warning};

pub use markdown::parse_sections;

/// Largest document accepted, in bytes (5 MiB). Agreements are a few kilobytes; anything
/// this large is not an agreement document.
pub const MAX_DOCUMENT_BYTES: u64 = 5 * 1024 * 1024;

/// Most columns a table may have (64). An agreement's tables have a handful; a wider one
/// is refused before it is read, naming its first row (issue 13 item 2: a 5,000-column
/// table took gigabytes to read).
pub const MAX_TABLE_COLUMNS: usize = 64;

/// Most table cells a document may hold, all tables together (20,000): far more than any
/// agreement's schedules, few enough to read within the import's memory budget.
pub const MAX_TABLE_CELLS: usize = 20_000;

/// Refuses a document whose tables are wider than [`MAX_TABLE_COLUMNS`] or hold more than
/// [`MAX_TABLE_CELLS`] cells, naming the file, the line and the limit. A table line is any
/// line with a `|` (Markdown, text and the DOCX reader's tables alike); its cells are its
/// unescaped `|` separators plus one, less the outer pipes.
pub fn check_table_limits(file_name: &str, lines: &[Line]) -> Result<(), ImportError> {
    let mut total = 0usize;
    for l in lines {
        let t = l.text.trim();
        if !t.contains('|') {
            continue;
        }
        let mut pipes = 0usize;
        let mut after_backslash = false;
        for b in t.bytes() {
            if b == b'|' && !after_backslash {
                pipes += 1;
            }
            after_backslash = b == b'\\' && !after_backslash;
        }
        let outer = usize::from(t.starts_with('|')) + usize::from(t.ends_with('|') && t.len() > 1);
        let cells = (pipes + 1).saturating_sub(outer).max(1);
        let refuse = |message: String| ImportError {
            kind: ImportErrorKind::Refused,
            file: file_name.to_string(),
            line: Some(l.number),
            field: None,
            message,
        };
        if cells > MAX_TABLE_COLUMNS {
            return Err(refuse(format!(
                "table row has {cells} columns; at most {MAX_TABLE_COLUMNS} are read: split the table or remove it before importing"
            )));
        }
        total += cells;
        if total > MAX_TABLE_CELLS {
            return Err(refuse(format!(
                "the document's tables hold more than {MAX_TABLE_CELLS} cells (reached on this line); an agreement's tables hold far fewer: remove the large tables before importing"
            )));
        }
    }
    Ok(())
}

/// What kind of failure an [`ImportError`] is, for a caller that acts on it (the CLI's exit
/// code: 7 for [`Unreadable`](ImportErrorKind::Unreadable), 6 for
/// [`Refused`](ImportErrorKind::Refused); README.md, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportErrorKind {
    /// The file was read and its content refused: empty, binary, over
    /// [`MAX_DOCUMENT_BYTES`], over the table limits, not valid UTF-8, no agreement found, a
    /// value the importer cannot accept (a year outside 1900–2200, a term of 0 months).
    #[default]
    Refused,
    /// The file could not be read: missing, no permission, a folder, or not a regular file
    /// (a FIFO, a socket, a device such as `/dev/zero`, also through a symlink).
    Unreadable,
    /// The document was read but could not be stored (a database failure during a batch).
    Database,
}

/// Why a document was not imported. Names the file, the line and field when known, and
/// what was expected. Nothing of a document that fails is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    /// Whether the file could not be read or its content was refused.
    pub kind: ImportErrorKind,
    /// The file name or path as given.
    pub file: String,
    /// 1-based line, when the problem is on a line.
    pub line: Option<u32>,
    /// The field concerned (e.g. `"Effective Date"`), when there is one.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl ImportError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        ImportError {
            kind: ImportErrorKind::Refused,
            file: file.to_string(),
            line: None,
            field: None,
            message: message.into(),
        }
    }
    pub(crate) fn at(file: &str, line: u32, field: &str, message: impl Into<String>) -> Self {
        ImportError {
            kind: ImportErrorKind::Refused,
            file: file.to_string(),
            line: Some(line),
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
    /// A file that could not be read ([`ImportErrorKind::Unreadable`]).
    pub(crate) fn unreadable(file: &str, message: impl Into<String>) -> Self {
        ImportError {
            kind: ImportErrorKind::Unreadable,
            ..ImportError::new(file, message)
        }
    }
}

/// A successfully read document.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    /// The agreement read from it (warnings inside).
    pub agreement: Agreement,
    /// SHA-256 of the document's bytes, lower-case hex (64 characters).
    pub sha256: String,
    /// The document, verbatim.
    pub source_text: String,
    /// The file name it was read from.
    pub file_name: String,
    /// For a paged document (PDF), the first line (1-based, in `source_text`) of each
    /// page, in page order (`[1, 31, 58]`: page 2 starts at line 31); empty for others.
    /// Kept by the store so the Review page can mark where each page begins.
    pub page_starts: Vec<u32>,
}

impl ImportOutcome {
    /// The importer's warnings.
    pub fn warnings(&self) -> &[Warning] {
        &self.agreement.warnings
    }

    /// The verbatim text of `source`'s span in this document (its lines, trimmed), read
    /// when needed rather than copied into every source; `None` for a value with no line
    /// or a span beyond the document.
    pub fn quote(&self, source: &Source) -> Option<String> {
        DocumentLines::new(&self.source_text).source_text(source)
    }

    /// Fills the text of every source that carries its span only (see
    /// [`import_file_spans`]) from this document's lines.
    pub fn fill_quotes(&mut self) {
        let lines = DocumentLines::new(&self.source_text);
        self.agreement.fill_source_texts(&lines);
    }
}

/// Whether the quotes of an import outcome are copied into its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quotes {
    /// Every source's `text` is filled (the public import functions, as before).
    Filled,
    /// A source whose span addresses the stored document keeps its span only, `text`
    /// empty: nothing is copied per value (a wide table's cells do not each copy their
    /// row), and the store keeps exactly that (issue 13 item 2, issue 14 item 3).
    Spans,
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads `path` as an agreement document: a regular file (folders, devices such as
/// `/dev/zero` and FIFOs are refused), at most [`MAX_DOCUMENT_BYTES`] read, not binary
/// (no NUL bytes), valid UTF-8 (a leading BOM is dropped), not empty.
///
/// Errors name the file and, for bad UTF-8, the line and column of the first bad byte.
pub fn read_document(path: &Path) -> Result<String, ImportError> {
    let name = path.display().to_string();
    // Only regular files, and at most MAX_DOCUMENT_BYTES actually read (issue 13 item 2).
    let bytes = formats::read_regular_file(path, |_| MAX_DOCUMENT_BYTES)?;
    decode_document(&name, bytes)
}

/// The checks of [`read_document`] on bytes already in memory.
pub fn decode_document(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(ImportError::new(
            name,
            format!(
                "document is {} bytes; expected under {} MB",
                bytes.len(),
                MAX_DOCUMENT_BYTES / 1_048_576
            ),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::new(
            name,
            "file is empty; expected a Markdown agreement document",
        ));
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        let line = bytes[..pos].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(ImportError {
            kind: ImportErrorKind::Refused,
            file: name.to_string(),
            line: Some(line as u32),
            field: None,
            message: "binary file (contains NUL bytes); expected a Markdown text document"
                .to_string(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..pos].iter().filter(|b| **b == b'\n').count() + 1;
            let col = pos
                - bytes[..pos]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            Err(ImportError {
                kind: ImportErrorKind::Refused,
                file: name.to_string(),
                line: Some(line as u32),
                field: None,
                message: format!(
                    "invalid UTF-8 at column {col} (byte offset {pos}); expected a UTF-8 text document"
                ),
            })
        }
    }
}

/// The first line (1-based) of each page of `doc`, in page order; empty when its lines carry
/// no page (not a PDF).
fn page_starts(doc: &DocumentText) -> Vec<u32> {
    let mut out = Vec::new();
    let mut last = None;
    for (i, l) in doc.lines.iter().enumerate() {
        if l.page.is_some() && l.page != last {
            out.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            last = l.page;
        }
    }
    out
}

/// Reads an agreement from Markdown `text`; `file_name` is used in errors and kept.
///
/// Errors (nothing is stored): no title or no agreement fields at all; an effective date
/// that does not exist (31 February); a term that is zero, negative or absurd (over 100
/// years). Unknown clauses, assumptions and doubtful values become warnings instead.
pub fn import_markdown(file_name: &str, text: &str) -> Result<ImportOutcome, ImportError> {
    check_table_limits(file_name, &text_document(file_name, text).lines)?;
    let doc = parse_sections(text);
    let mut agreement = map::map_agreement(file_name, text, &doc)?;
    agreement.fill_source_texts(&DocumentLines::new(text));
    Ok(ImportOutcome {
        agreement,
        sha256: sha256_hex(text.as_bytes()),
        source_text: text.to_string(),
        file_name: file_name.to_string(),
        page_starts: Vec::new(),
    })
}

/// Reads the document at `path` in any format the reader knows (Markdown, text, and DOCX
/// and PDF) and imports it, naming the file by its path.
/// See [`import_document`].
pub fn import_file(path: &Path) -> Result<ImportOutcome, ImportError> {
    import_file_with(path, Quotes::Filled)
}

/// [`import_file`] for storing: every source whose span addresses the stored document
/// (Markdown, text and `.docx`; not PDF, whose lines count within pages) keeps its span
/// only, with an empty `text`, so that reading a document copies no text per value. The
/// store resolves the texts when it reads the agreement back; [`ImportOutcome::quote`]
/// and [`ImportOutcome::fill_quotes`] do it for the outcome itself.
pub fn import_file_spans(path: &Path) -> Result<ImportOutcome, ImportError> {
    import_file_with(path, Quotes::Spans)
}

fn import_file_with(path: &Path, quotes: Quotes) -> Result<ImportOutcome, ImportError> {
    let display = path.display().to_string();
    let lower = display.to_ascii_lowercase();
    let (doc, verbatim) = if lower.ends_with(".docx") || lower.ends_with(".pdf") {
        (read_path(path)?, None)
    } else {
        // Markdown and text: exactly the checks, hash and stored text the importer always had
        let text = read_document(path)?;
        (text_document(&display, &text), Some(text))
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    let mut out = import_read(&display, &doc, verbatim, quotes)?;
    out.file_name = name;
    Ok(out)
}

/// A Markdown (by `file_name`'s extension) or text document from its decoded text; the
/// hash is that of the text.
pub fn text_document(file_name: &str, text: &str) -> DocumentText {
    let lower = file_name.to_ascii_lowercase();
    DocumentText {
        format: if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Text
        },
        // LF, CRLF and lone CR all end a line (issue 13 item 2), as in the spans of sources.
        lines: {
            let lines = DocumentLines::new(text);
            (1..=u32::try_from(lines.len()).unwrap_or(u32::MAX))
                .map_while(|number| {
                    lines.line(number).map(|t| Line {
                        page: None,
                        number,
                        text: t.to_string(),
                    })
                })
                .collect()
        },
        sha256: sha256_hex(text.as_bytes()),
        ocr: Vec::new(),
    }
}

/// Imports a document read by any format reader. The reader ([`reading::read`]) reads every
/// document; a Markdown document laid out like the samples is also mapped by [`map`] into
/// the full model (clause tables, commitments, obligations), and the reader fills only the
/// fields the map did not find. Errors: nothing that reads as an agreement (no title and no
/// term, date, renewal or parties), or the map's errors on a Markdown agreement that the
/// reader cannot read either.
pub fn import_document(file_name: &str, doc: &DocumentText) -> Result<ImportOutcome, ImportError> {
    import_read(file_name, doc, None, Quotes::Filled)
}

/// Whether the lines of `doc` are exactly the lines of `lines` (the stored text), numbered
/// from 1 without pages: then a source's span addresses the stored document.
fn addresses(doc: &DocumentText, lines: &DocumentLines<'_>) -> bool {
    doc.lines.len() == lines.len()
        && doc.lines.iter().enumerate().all(|(i, l)| {
            l.page.is_none()
                && usize::try_from(l.number).is_ok_and(|n| n == i + 1)
                && lines.line(l.number) == Some(l.text.as_str())
        })
}

fn import_read(
    file_name: &str,
    doc: &DocumentText,
    verbatim: Option<String>,
    quotes: Quotes,
) -> Result<ImportOutcome, ImportError> {
    check_table_limits(file_name, &doc.lines)?;
    let verbatim_given = verbatim.is_some();
    let text: String = verbatim.unwrap_or_else(|| {
        doc.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    });
    let r = reading::read(doc);
    let readable = r.effective_date.is_some()
        || r.initial_term.is_some()
        || r.expiry_date.is_some()
        || r.auto_renewal.is_some()
        || r.parties.is_some();
    let refused = r
        .refusals
        .first()
        .map(|f| ImportError::at(file_name, f.line, &f.field, f.message.clone()));
    let agreement = match doc.format {
        Format::Markdown => match map::map_agreement(file_name, &text, &parse_sections(&text)) {
            Ok(mut a) => {
                fill_from_reading(&mut a, &r);
                a
            }
            Err(e) if reader_may_replace(&e, &r, readable) => r.to_agreement(file_name),
            Err(e) => return Err(e),
        },
        _ if !readable => {
            return Err(refused.unwrap_or_else(|| {
                ImportError::new(
            file_name,
            "no agreement found: no parties, effective date, term or renewal clause could be read",
        )
            }))
        }
        _ => r.to_agreement(file_name),
    };
    // A date field the reader found stated with a year outside 1900–2200 refuses the
    // document (the mapping's own errors, naming the field as written, come first).
    if let Some(e) = refused {
        return Err(e);
    }
    let mut agreement = agreement;
    // Sources are spans of the stored text. Where the reader's lines are that text's lines,
    // the reader's quoted sentence gives way to the span (resolved now, or by the store);
    // elsewhere (PDF: lines within pages) the reader's quote is the source's text.
    let lines = DocumentLines::new(&text);
    let addressable = addresses(doc, &lines);
    if addressable {
        agreement.for_each_source_mut(|s| {
            if s.line.is_some() && s.page.is_none() {
                s.text = String::new();
            }
        });
    }
    if quotes == Quotes::Filled || !addressable {
        agreement.fill_source_texts(&lines);
    }
    // Where each page begins in the stored text (its lines are the reader's lines, one
    // for one, when the text was not given verbatim).
    let page_starts = if verbatim_given {
        Vec::new()
    } else {
        page_starts(doc)
    };
    Ok(ImportOutcome {
        agreement,
        sha256: doc.sha256.clone(),
        source_text: text,
        file_name: file_name.to_string(),
        page_starts,
    })
}

/// Whether the reader's reading may stand in for a Markdown document the section mapping
/// refused. A value the document states that cannot be right (31 February, a term of zero,
/// a negative or a 500-year term) stays an error: the reader must not import around it.
/// Only wording the mapping does not understand ("five (5) years", prose without the
/// samples' tables) is left to the reader, and only when the reader read that field itself
/// (or, for a refusal not tied to a line, when it read anything at all).
fn reader_may_replace(e: &ImportError, r: &reading::Reading, readable: bool) -> bool {
    let Some(field) = e.field.as_deref().map(str::to_ascii_lowercase) else {
        return readable && e.line.is_none();
    };
    // The mapping's wording errors ("… is not a term: expected a length …") are left to
    // the reader; its value errors (a day that does not exist, a period that is not
    // positive or longer than 100 years) are not.
    let wording = e.message.contains("is not a term") || e.message.contains("is not a date");
    if !wording || e.message.contains("does not exist") {
        return false;
    }
    if field.contains("effective") || field.contains("start") || field.contains("commencement") {
        r.effective_date.is_some()
    } else if field.contains("term") || field.contains("expir") || field.contains("end") {
        r.initial_term.is_some() || r.expiry_date.is_some()
    } else {
        false
    }
}

/// Fills the fields the Markdown map left unknown with what the reader read, and drops the
/// map's "not found" warning for each field filled.
fn fill_from_reading(a: &mut Agreement, r: &reading::Reading) {
    let from = r.to_agreement(&a.title);
    let mut filled: Vec<&str> = Vec::new();
    macro_rules! fill {
        ($f:ident, $w:expr) => {
            if a.$f.is_none() && from.$f.is_some() {
                a.$f = from.$f.clone();
                filled.push($w);
            }
        };
    }
    fill!(effective_date, "effective_date");
    fill!(initial_term, "initial_term");
    fill!(auto_renewal, "auto_renewal");
    fill!(renewal_period, "renewal_period");
    fill!(non_renewal_notice, "non_renewal_notice");
    fill!(parties, "parties");
    fill!(next_review, "next_review");
    fill!(price_review, "price_review");
    fill!(country, "country");
    fill!(notice_service, "notice_service");
    if filled.contains(&"parties") {
        a.our_party = from.our_party.clone();
        a.counterparty = from.counterparty.clone();
    }
    if a.termination_rights.is_empty() && !from.termination_rights.is_empty() {
        a.termination_rights = from.termination_rights.clone();
        filled.push("termination_rights");
    }
    a.warnings
        .retain(|w| !(w.code.starts_with("no_") && filled.contains(&w.field.as_str())));
    for w in &from.warnings {
        if filled.contains(&w.field.as_str()) && !a.warnings.contains(w) {
            a.warnings.push(w.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text_document("t.md", text).lines
    }

    #[test]
    fn a_table_wider_than_64_columns_is_refused_naming_the_line_and_the_limit() {
        let ok = format!("# T\n\n|{}\n", " a |".repeat(64));
        assert_eq!(check_table_limits("t.md", &lines(&ok)), Ok(()));
        let wide = format!("# T\n\n|{}\n", " a |".repeat(65));
        let e = check_table_limits("t.md", &lines(&wide)).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(
            e.to_string(),
            "t.md:3: table row has 65 columns; at most 64 are read: split the table or remove it before importing"
        );
        // Escaped pipes are text, not separators.
        let escaped = format!("| a |{} b |\n", " x \\|".repeat(80));
        assert_eq!(check_table_limits("t.md", &lines(&escaped)), Ok(()));
    }

    #[test]
    fn a_document_with_more_than_20000_table_cells_is_refused() {
        let row = format!("|{}\n", " 1 |".repeat(50));
        let e = check_table_limits("t.md", &lines(&row.repeat(401))).unwrap_err();
        assert_eq!(e.line, Some(401));
        assert!(e.message.contains("more than 20000 cells"), "{e}");
        assert_eq!(check_table_limits("t.md", &lines(&row.repeat(400))), Ok(()));
    }
}
