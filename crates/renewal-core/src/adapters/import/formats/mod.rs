//! Documents in: a file's bytes → its text, line by line, with where each line is.
//!
//! Issue 10 item 1 ("Documents in") and the file-reading part of issue 13 item 2 ("Bounded
//! input everywhere"). Four formats are read:
//!
//! - **Markdown** and **plain text** (`.md`, `.markdown`, `.txt`, or any UTF-8 text): at most
//!   [`MAX_TEXT_BYTES`] (5 MiB, the importer's [`MAX_DOCUMENT_BYTES`]); no NUL bytes; valid
//!   UTF-8 (a leading BOM is dropped); not blank. LF, CRLF and CR-only line endings all count
//!   as one line break, so line numbers are true whatever the file's origin.
//! - **Word** `.docx` ([`docx`]): paragraphs, headings (`# `), list items (`- `) and tables (GFM
//!   pipe rows with a `|---|` separator after the first row), read with `zip` + `quick-xml`.
//! - **PDF** ([`pdf`]): text per page with `pdf-extract`; a page that is an image with no
//!   text layer (a scan) is read by OCR with Tesseract ([`ocr`], issue 11 item 4), its lines
//!   keeping their OCR confidence ([`DocumentText::ocr`]); without Tesseract such a PDF is
//!   refused with how to install it. [`ReadOptions::without_ocr`] refuses scans instead,
//!   naming the page (the fuzz targets).
//!
//! `.docx` and `.pdf` files may be up to [`MAX_PACKAGE_BYTES`] (50 MiB).
//!
//! The format is recognised by content first, then by extension: `%PDF-` in the first
//! 1024 bytes is a PDF; a ZIP archive holding `word/document.xml` is a Word document; anything
//! else is text, Markdown when the extension is `.md`/`.markdown` or the text has an ATX
//! heading line (`# Title`) or a GFM pipe table, else plain text.
//!
//! Files are read by [`read_path`]: only regular files (symlinks are followed; devices such as
//! `/dev/zero`, FIFOs, sockets and folders are refused before they are opened), and the read
//! is capped by the bytes actually read, not by the size the file system reports.

mod docx;
pub mod ocr;
mod pdf;
mod text;

pub use ocr::{OcrLine, OcrOptions, OcrPage};

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{sha256_hex, ImportError, MAX_DOCUMENT_BYTES};

/// Largest text (Markdown or plain) document accepted, in bytes: 5 MiB, the importer's
/// [`MAX_DOCUMENT_BYTES`].
pub const MAX_TEXT_BYTES: u64 = MAX_DOCUMENT_BYTES;

/// Largest `.docx` or `.pdf` file accepted, in bytes (50 MiB): scanned pages and embedded
/// fonts make these files far larger than their text.
pub const MAX_PACKAGE_BYTES: u64 = 50 * 1024 * 1024;

/// The format a document was recognised as (by content, then extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown text (`.md`, `.markdown`, or text with a `# ` heading or a pipe table).
    Markdown,
    /// Plain UTF-8 text.
    Text,
    /// A Word (Office Open XML) document.
    Docx,
    /// A PDF (with a text layer, or scanned pages read by OCR).
    Pdf,
}

impl Format {
    /// The name used in `renewals extract --json` (`"markdown"`, `"text"`, `"docx"`, `"pdf"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// One line of a document's text: `page` is the 1-based PDF page (None for other formats),
/// `number` the 1-based line number (within the page for PDF, within the document otherwise).
///
/// For Markdown and text, `number` is the line in the file. For `.docx`, it is the line of
/// [`DocumentText::text`] (each paragraph, heading, list item and table row is one line, with
/// a blank line between blocks). For PDF, it is the line in the page's extracted text, blank
/// lines (vertical gaps between paragraphs) included; lines removed as running headers or
/// footers keep their numbers absent, so the others keep their true place on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based PDF page; `None` for Markdown, text and `.docx`.
    pub page: Option<u32>,
    /// 1-based line number (within the page for PDF, within the document otherwise).
    pub number: u32,
    /// The line's text, without its line ending.
    pub text: String,
}

/// A document's text, line by line, with where each line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText {
    /// What the document was recognised as.
    pub format: Format,
    /// Every line, in reading order.
    pub lines: Vec<Line>,
    /// SHA-256 of the file's bytes as read (lower-case hex, 64 characters).
    pub sha256: String,
    /// The PDF pages read by OCR, in page order, with the confidence of each line read;
    /// empty for a document read from its text alone (every format but a scanned PDF).
    pub ocr: Vec<OcrPage>,
}

impl DocumentText {
    /// What OCR said of page `page`, when that page was read by OCR.
    pub fn ocr_page(&self, page: u32) -> Option<&OcrPage> {
        self.ocr.iter().find(|p| p.page == page)
    }
}

/// How documents are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// How scanned PDF pages are read by OCR; `None` refuses them, naming the page.
    pub ocr: Option<OcrOptions>,
}

impl Default for ReadOptions {
    /// OCR on, with the programs of [`OcrOptions::from_env`].
    fn default() -> Self {
        ReadOptions {
            ocr: Some(OcrOptions::from_env()),
        }
    }
}

impl ReadOptions {
    /// Scans refused rather than read: no process is started (the fuzz targets, which must
    /// not start Tesseract on random input).
    pub fn without_ocr() -> Self {
        ReadOptions { ocr: None }
    }
}

impl DocumentText {
    /// The whole text joined with `'\n'` (what is stored verbatim for docx/pdf). For Markdown
    /// and text it is the file's text with its line endings made `\n` (and a final line
    /// ending dropped).
    pub fn text(&self) -> String {
        let len = self.lines.iter().map(|l| l.text.len() + 1).sum();
        let mut out = String::with_capacity(len);
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&line.text);
        }
        out
    }
}

/// Reads a file: only regular files (symlinks followed, but /dev/zero, FIFOs, directories
/// refused with a clear error), read with a cap on the bytes actually read (not the size the
/// file system reports): [`MAX_TEXT_BYTES`] for text, [`MAX_PACKAGE_BYTES`] for `.docx`/`.pdf`.
///
/// Errors name the file (its path as given) and, when known, the page or line and what was
/// expected.
///
/// Scanned PDF pages are read by OCR ([`ReadOptions::default`]); see [`read_path_with`].
pub fn read_path(path: &Path) -> Result<DocumentText, ImportError> {
    read_path_with(path, &ReadOptions::default())
}

/// [`read_path`] with the given options (OCR on or off, which programs).
pub fn read_path_with(path: &Path, options: &ReadOptions) -> Result<DocumentText, ImportError> {
    let name = path.display().to_string();
    let bytes = read_regular_file(path, |head| cap_for(&name, head))?;
    read_bytes_with(&name, &bytes, options)
}

/// The same on bytes already in memory; `file_name` names the file in errors and helps choose
/// the format. Scanned PDF pages are read by OCR ([`ReadOptions::default`]).
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<DocumentText, ImportError> {
    read_bytes_with(file_name, bytes, &ReadOptions::default())
}

/// [`read_bytes`] with the given options (OCR on or off, which programs).
pub fn read_bytes_with(
    file_name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<DocumentText, ImportError> {
    let kind = sniff(file_name, bytes);
    let cap = cap_for(file_name, bytes);
    if bytes.len() as u64 > cap {
        return Err(too_large(file_name, bytes.len() as u64, cap));
    }
    let sha256 = sha256_hex(bytes);
    let mut ocr = Vec::new();
    let (format, lines) = match kind {
        Sniffed::Pdf => {
            let (lines, pages) = pdf::read(file_name, bytes, options.ocr.as_ref())?;
            ocr = pages;
            (Format::Pdf, lines)
        }
        Sniffed::Zip => (Format::Docx, docx::read(file_name, bytes)?),
        Sniffed::OldWord => {
            return Err(ImportError::new(
                file_name,
                "is an old binary Word document (.doc); save it as .docx (Word 2007 or later) or PDF and import that",
            ))
        }
        Sniffed::Text => {
            let lines = text::read(file_name, bytes)?;
            let format = if is_markdown(file_name, &lines) {
                Format::Markdown
            } else {
                Format::Text
            };
            (format, lines)
        }
    };
    Ok(DocumentText {
        format,
        lines,
        sha256,
        ocr,
    })
}

/// Reads the bytes of the regular file at `path`, at most `cap` bytes, where `cap` is chosen
/// from the file's first bytes (up to 4 KiB). Refuses, before opening, anything that is not
/// a regular file once symlinks are followed: folders, devices (`/dev/zero`), FIFOs, sockets.
/// A file whose reported size is over the cap is refused without being read; one that gives
/// more bytes than the cap while being read (whatever its reported size) is refused too.
pub(crate) fn read_regular_file(
    path: &Path,
    cap: impl Fn(&[u8]) -> u64,
) -> Result<Vec<u8>, ImportError> {
    let name = path.display().to_string();
    let cannot =
        |e: std::io::Error| ImportError::unreadable(&name, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    check_regular(&name, &meta)?;
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    // The path may have been swapped between the two calls: check what was opened.
    let meta = file.metadata().map_err(cannot)?;
    check_regular(&name, &meta)?;

    let mut head = Vec::with_capacity(4096);
    (&mut file)
        .take(4096)
        .read_to_end(&mut head)
        .map_err(cannot)?;
    let cap = cap(&head);
    if meta.len() > cap {
        return Err(too_large(&name, meta.len(), cap));
    }
    let mut bytes = head;
    // Read one byte past the cap to know that the file is larger than it says.
    let room = (cap + 1).saturating_sub(bytes.len() as u64);
    let hint = usize::try_from(meta.len().min(cap)).unwrap_or(0);
    bytes.reserve(hint.saturating_sub(bytes.len()));
    file.take(room).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > cap {
        return Err(ImportError::new(
            &name,
            format!(
                "file gives more than {} MB when read (its reported size is {} bytes); an agreement document is expected to be under {} MB",
                cap / 1_048_576,
                meta.len(),
                cap / 1_048_576
            ),
        ));
    }
    Ok(bytes)
}

fn check_regular(name: &str, meta: &std::fs::Metadata) -> Result<(), ImportError> {
    if meta.is_dir() {
        return Err(ImportError::unreadable(
            name,
            "is a folder; expected an agreement document (.md, .txt, .docx or .pdf)",
        ));
    }
    if !meta.is_file() {
        return Err(ImportError::unreadable(
            name,
            format!(
                "is not a regular file ({}); expected an agreement document (.md, .txt, .docx or .pdf)",
                special_kind(meta)
            ),
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> &'static str {
    "a special file"
}

fn too_large(name: &str, len: u64, cap: u64) -> ImportError {
    ImportError::new(
        name,
        format!(
            "file is {:.1} MB; an agreement document is expected to be under {} MB",
            len as f64 / 1_048_576.0,
            cap / 1_048_576
        ),
    )
}

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Pdf,
    Zip,
    OldWord,
    Text,
}

/// Recognises the format from `head` (the first bytes; the whole file for [`read_bytes`]).
/// A ZIP archive is taken for a Word document here; [`docx::read`] says so when it is another
/// kind of archive (no `word/document.xml`).
fn sniff(_file_name: &str, head: &[u8]) -> Sniffed {
    let start = &head[..head.len().min(1024)];
    if start.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if head.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::OldWord
    } else {
        Sniffed::Text
    }
}

/// The byte cap for a file whose first bytes are `head`.
fn cap_for(file_name: &str, head: &[u8]) -> u64 {
    match sniff(file_name, head) {
        Sniffed::Pdf | Sniffed::Zip | Sniffed::OldWord => MAX_PACKAGE_BYTES,
        Sniffed::Text => MAX_TEXT_BYTES,
    }
}

fn extension(file_name: &str) -> Option<String> {
    Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Markdown when the extension says so, or when a line is an ATX heading (`# Title`, up to
/// `######`) or a GFM pipe table (a `|` row followed by a `|---|` separator row).
fn is_markdown(file_name: &str, lines: &[Line]) -> bool {
    if matches!(extension(file_name).as_deref(), Some("md" | "markdown")) {
        return true;
    }
    let heading = |t: &str| {
        let t = t.trim_start_matches(' ');
        let hashes = t.bytes().take_while(|b| *b == b'#').count();
        (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && !t[hashes..].trim().is_empty()
    };
    let separator = |t: &str| {
        let t = t.trim();
        t.contains('-')
            && t.contains('|')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    lines.iter().any(|l| heading(&l.text))
        || lines
            .windows(2)
            .any(|w| w[0].text.trim_start().starts_with('|') && separator(&w[1].text))
}

#[cfg(test)]
mod tests;
