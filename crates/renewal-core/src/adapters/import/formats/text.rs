//! Markdown and plain text: the checks of the importer's `decode_document` (not blank, no NUL
//! bytes, valid UTF-8, a leading BOM dropped), with line numbers that count LF, CRLF and
//! CR-only line endings alike.

use super::Line;
use crate::adapters::import::{ImportError, ImportErrorKind};

/// The 1-based line and the byte offset where that line starts, for byte offset `pos`.
/// A line ends at `\n`, `\r\n` or a lone `\r`.
fn line_at(bytes: &[u8], pos: usize) -> (u32, usize) {
    let mut line = 1u32;
    let mut start = 0;
    let mut i = 0;
    while i < pos {
        match bytes[i] {
            b'\n' => {
                line = line.saturating_add(1);
                start = i + 1;
            }
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') && i + 1 < pos {
                    i += 1;
                }
                line = line.saturating_add(1);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, start)
}

/// Decodes `bytes` as a UTF-8 text document and splits it into lines.
///
/// Errors (naming `file_name`): blank ("file is empty"), NUL bytes ("binary file", with the
/// line of the first NUL), invalid UTF-8 (the line and column, in bytes, of the first bad
/// byte).
pub(super) fn read(file_name: &str, bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::new(
            file_name,
            "file is empty; expected an agreement document (Markdown, text, Word or PDF)",
        ));
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        let (line, _) = line_at(bytes, pos);
        return Err(ImportError {
            kind: ImportErrorKind::Refused,
            file: file_name.to_string(),
            line: Some(line),
            field: None,
            message: "binary file (contains NUL bytes); expected a text document (Markdown or plain text), a Word .docx or a PDF"
                .to_string(),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s),
        Err(e) => {
            let pos = e.valid_up_to();
            let (line, start) = line_at(bytes, pos);
            let col = pos - start + 1;
            return Err(ImportError {
                kind: ImportErrorKind::Refused,
                file: file_name.to_string(),
                line: Some(line),
                field: None,
                message: format!(
                    "invalid UTF-8 at column {col} (byte offset {pos}); expected a UTF-8 text document"
                ),
            });
        }
    };
    Ok(split_lines(text))
}

/// Splits `text` at `\n`, `\r\n` and lone `\r`; a final line ending adds no empty line.
pub(super) fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut number = 0u32;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        number = number.saturating_add(1);
        lines.push(Line {
            page: None,
            number,
            text: line.to_string(),
        });
        rest = next;
    }
    lines
}
