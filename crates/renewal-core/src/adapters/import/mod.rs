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

use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::domain::model::{Agreement, Warning};

pub use markdown::parse_sections;

/// Largest document accepted, in bytes (5 MiB). Agreements are a few kilobytes; anything
/// this large is not an agreement document.
pub const MAX_DOCUMENT_BYTES: u64 = 5 * 1024 * 1024;

/// Why a document was not imported. Names the file, the line and field when known, and
/// what was expected. Nothing of a document that fails is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
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
            file: file.to_string(),
            line: None,
            field: None,
            message: message.into(),
        }
    }
    pub(crate) fn at(file: &str, line: u32, field: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            line: Some(line),
            field: Some(field.to_string()),
            message: message.into(),
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
}

impl ImportOutcome {
    /// The importer's warnings.
    pub fn warnings(&self) -> &[Warning] {
        &self.agreement.warnings
    }
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

/// Reads an agreement from Markdown `text`; `file_name` is used in errors and kept.
///
/// Errors (nothing is stored): no title or no agreement fields at all; an effective date
/// that does not exist (31 February); a term that is zero, negative or absurd (over 100
/// years). Unknown clauses, assumptions and doubtful values become warnings instead.
pub fn import_markdown(file_name: &str, text: &str) -> Result<ImportOutcome, ImportError> {
    let doc = parse_sections(text);
    let agreement = map::map_agreement(file_name, text, &doc)?;
    Ok(ImportOutcome {
        agreement,
        sha256: sha256_hex(text.as_bytes()),
        source_text: text.to_string(),
        file_name: file_name.to_string(),
    })
}

/// [`read_document`] then [`import_markdown`], naming the file by its path.
pub fn import_file(path: &Path) -> Result<ImportOutcome, ImportError> {
    let text = read_document(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut out = import_markdown(&path.display().to_string(), &text)?;
    out.file_name = name;
    Ok(out)
}
