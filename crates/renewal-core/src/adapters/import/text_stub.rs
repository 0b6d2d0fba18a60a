//! Stand-in for the `formats` module (another branch): reads `.md` and `.txt` documents into
//! the same shapes ([`DocumentText`]), with the checks of [`super::decode_document`]. The
//! lead deletes this file when `formats` (DOCX and PDF too) is merged.

use std::path::Path;

use serde::Serialize;

use super::{decode_document, sha256_hex, ImportError, MAX_DOCUMENT_BYTES};

/// The kind of document, by content and extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown (`.md`).
    Markdown,
    /// Plain text (`.txt` and anything else that is UTF-8 text).
    Text,
    /// Word (`.docx`).
    Docx,
    /// PDF with a text layer.
    Pdf,
}

/// One line of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based page (PDF only).
    pub page: Option<u32>,
    /// 1-based line number (within the document; for a PDF, within the extracted text).
    pub number: u32,
    /// The text of the line, without its line break.
    pub text: String,
}

/// A document's text, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText {
    /// What the document was read as.
    pub format: Format,
    /// Its lines in order.
    pub lines: Vec<Line>,
    /// SHA-256 of the document's bytes, lower-case hex.
    pub sha256: String,
}

/// Reads a `.md` or `.txt` file (at most [`MAX_DOCUMENT_BYTES`]).
///
/// Errors: unreadable, too large, binary, invalid UTF-8, empty (each naming the file).
pub fn read_path(path: &Path) -> Result<DocumentText, ImportError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| ImportError::new(&name, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::new(
            &name,
            format!(
                "file is {:.1} MB; an agreement document is expected to be under {} MB",
                meta.len() as f64 / 1_048_576.0,
                MAX_DOCUMENT_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::new(&name, format!("cannot read the file: {e}")))?;
    read_bytes(&name, &bytes)
}

/// Reads a document already in memory; `file_name` decides Markdown (`.md`, `.markdown`)
/// or text (anything else).
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<DocumentText, ImportError> {
    let sha256 = sha256_hex(bytes);
    let text = decode_document(file_name, bytes.to_vec())?;
    let lower = file_name.to_ascii_lowercase();
    let format = if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Format::Markdown
    } else {
        Format::Text
    };
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            page: None,
            number: i as u32 + 1,
            text: l.to_string(),
        })
        .collect();
    Ok(DocumentText {
        format,
        lines,
        sha256,
    })
}
