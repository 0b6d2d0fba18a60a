//! PDF documents, read page by page with `pdf-extract`; scanned pages read by OCR.
//!
//! `pdf-extract` was chosen over `lopdf`'s own `extract_text` after trying both on the
//! corpus's reportlab PDFs and on two real PDFs of this machine (a pdfTeX manual and a
//! DocBook specification): `lopdf` puts a whole paragraph (or page) on one line and misses
//! word spaces written as glyph positions, while `pdf-extract` places characters by their
//! position, giving one line per printed line, word spaces and blank lines at paragraph gaps.
//!
//! Rules (decided for issue 10, item 1, and issue 11, item 4):
//!
//! - **Scans are read by OCR.** A page whose text layer has fewer than
//!   [`MIN_TEXT_CHARS`](super::ocr::MIN_TEXT_CHARS) printable characters (none, or a page
//!   number) and which draws an image (as a scanner makes) is rendered and read by Tesseract
//!   ([`super::ocr`]); its OCR text replaces its text layer, and its lines keep their OCR
//!   confidence ([`super::OcrPage`]). Without Tesseract the document is refused with how to
//!   install it. A page with neither text nor image (a blank page) is accepted as blank.
//! - **With OCR off** ([`super::ReadOptions::without_ocr`], the fuzz targets), a page with
//!   no text but with an image is refused naming the page: "page 3 has no text layer (a
//!   scanned image?)". A PDF with several such pages names them all; one with no text at all
//!   is refused as a whole. A value could hide on such a page, so reading the rest would be
//!   silently incomplete.
//! - **Running headers, footers and page numbers are removed** when the document has two or
//!   more pages: a line among the first three or last three non-blank lines of a page whose
//!   text is found in that place on at least half of the pages (and on two or more); in a
//!   page-number line ("3", "Page 3 of 9", "Página 3 de 5") the digits are ignored. A
//!   repeated title or reference line is removed this way too. The remaining lines keep
//!   their true line numbers. Pages read by OCR take part like the others.
//! - **Bounded.** Before `pdf-extract` runs, the file is loaded with `lopdf` with a limit on
//!   each stream's inflated size, and every non-image stream is inflated under a total
//!   budget ([`MAX_INFLATED_BYTES`]), so a decompression bomb is refused instead of
//!   exhausting memory. A panic inside `pdf-extract` (malformed files) becomes an error. OCR
//!   has its own bounds (pages, time and output per page: [`super::ocr`]).
//! - A PDF that needs a password to open is refused.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::ocr::{self, OcrOptions, OcrPage, MIN_TEXT_CHARS};
use super::Line;
use crate::adapters::import::ImportError;

/// Largest size one PDF stream may inflate to (64 MiB).
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Largest total size all the non-image streams of a PDF may inflate to (256 MiB).
pub const MAX_INFLATED_BYTES: usize = 256 * 1024 * 1024;

fn bomb(file_name: &str) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "the PDF's compressed content inflates to more than {} MB (a decompression bomb?); expected an agreement document",
            MAX_INFLATED_BYTES / 1_048_576
        ),
    )
}

/// Loads the PDF with limits and inflates its non-image streams under a total budget.
fn guard(file_name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(bomb(file_name))
        }
        Err(e) => {
            return Err(ImportError::new(
                file_name,
                format!("is not a readable PDF ({e}); expected a PDF document with a text layer"),
            ))
        }
    };
    let mut budget = MAX_INFLATED_BYTES;
    for object in doc.objects.values() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .is_ok_and(|n| n == b"Image");
        if is_image {
            continue;
        }
        match stream.get_plain_content_with_limit(budget.min(MAX_STREAM_BYTES)) {
            Ok(content) => budget = budget.saturating_sub(content.len()),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => return Err(bomb(file_name)),
            // Streams that do not inflate are left to pdf-extract, which skips what it
            // cannot read.
            Err(_) => {}
        }
    }
    Ok(())
}

/// Collects the text `pdf-extract`'s plain-text output writes, one buffer per page.
struct PageWriter {
    pages: Rc<RefCell<Vec<Vec<u8>>>>,
}

impl std::io::Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(page) = self.pages.borrow_mut().last_mut() {
            page.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `pdf-extract`'s plain-text layout, with a new buffer at each page.
struct Pages<'a> {
    pages: Rc<RefCell<Vec<Vec<u8>>>>,
    inner: pdf_extract::PlainTextOutput<&'a mut dyn std::io::Write>,
}

impl pdf_extract::OutputDev for Pages<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pages.borrow_mut().push(Vec::new());
        self.inner.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_page()
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.inner
            .output_character(trm, width, spacing, font_size, char)
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_line()
    }
}

/// The text of each page, in page order.
fn extract_pages(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let unreadable = |what: String| {
        ImportError::new(
            file_name,
            format!("is not a readable PDF ({what}); expected a PDF document with a text layer"),
        )
    };
    let run = || -> Result<Vec<String>, ImportError> {
        let mut doc =
            pdf_extract::Document::load_mem(bytes).map_err(|e| unreadable(e.to_string()))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(ImportError::new(
                file_name,
                "the PDF is protected by a password; expected a PDF that opens without one",
            ));
        }
        let pages = Rc::new(RefCell::new(Vec::new()));
        let mut writer = PageWriter {
            pages: Rc::clone(&pages),
        };
        let mut dev = Pages {
            pages: Rc::clone(&pages),
            inner: pdf_extract::PlainTextOutput::new(&mut writer as &mut dyn std::io::Write),
        };
        pdf_extract::output_doc(&doc, &mut dev).map_err(|e| unreadable(e.to_string()))?;
        drop(dev);
        let pages = pages.take();
        Ok(pages
            .into_iter()
            .map(|p| String::from_utf8_lossy(&p).into_owned())
            .collect())
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unsupported structure".to_string());
            Err(unreadable(format!("the PDF reader failed: {what}")))
        }
    }
}

/// Does page `number` (1-based) draw an image: an XObject (`Do`, an image or a form) or an
/// inline image (`BI`)? Fonts and images listed in shared resources do not count, only what
/// the page's content draws.
fn page_has_image(doc: &lopdf::Document, number: u32) -> bool {
    let Some(page_id) = doc.get_pages().get(&number).copied() else {
        return false;
    };
    match doc.get_page_content_with_limit(page_id, MAX_STREAM_BYTES) {
        Ok(content) => lopdf::content::Content::decode(&content).is_ok_and(|c| {
            c.operations
                .iter()
                .any(|op| op.operator == "BI" || op.operator == "Do")
        }),
        Err(_) => false,
    }
}

/// The PDF loaded with `lopdf` under the stream limit, to look at its pages; `None` when it
/// cannot be loaded (`guard` has already refused what `lopdf` cannot read).
fn load(bytes: &[u8]) -> Option<lopdf::Document> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    lopdf::Document::load_mem_with_options(bytes, options).ok()
}

/// The numbers of the pages among `sparse` (pages with little or no text) which draw an
/// image.
fn scanned_pages(doc: Option<&lopdf::Document>, sparse: &[u32]) -> Vec<u32> {
    if sparse.is_empty() {
        return Vec::new();
    }
    match doc {
        Some(doc) => sparse
            .iter()
            .copied()
            .filter(|n| page_has_image(doc, *n))
            .collect(),
        // Could not look: take every such page for a scan (refuse or read rather than miss
        // text).
        None => sparse.to_vec(),
    }
}

/// How many printable (not whitespace, not control) characters `text` holds.
fn printable_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .count()
}

fn list(pages: &[u32]) -> String {
    pages
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a PDF's text as lines, each knowing its page, and what OCR said of the pages it
/// read (see the module documentation). `ocr` is `None` to refuse scanned pages instead of
/// reading them.
pub(super) fn read(
    file_name: &str,
    bytes: &[u8],
    ocr: Option<&OcrOptions>,
) -> Result<(Vec<Line>, Vec<OcrPage>), ImportError> {
    guard(file_name, bytes)?;
    let mut pages = extract_pages(file_name, bytes)?;
    if pages.is_empty() {
        return Err(ImportError::new(
            file_name,
            "the PDF has no pages; expected an agreement document",
        ));
    }
    let number = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
    let blank: Vec<u32> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.trim().is_empty())
        .map(|(i, _)| number(i))
        .collect();
    let Some(ocr) = ocr else {
        let doc = if blank.is_empty() { None } else { load(bytes) };
        refuse_scans(file_name, &pages, &blank, doc.as_ref())?;
        return Ok((page_lines(&pages), Vec::new()));
    };
    let sparse: Vec<u32> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| printable_chars(p) < MIN_TEXT_CHARS)
        .map(|(i, _)| number(i))
        .collect();
    // Looked at only when a page may be a scan: a PDF with text on every page is loaded once.
    let doc = if sparse.is_empty() { None } else { load(bytes) };
    let scanned = scanned_pages(doc.as_ref(), &sparse);
    if scanned.is_empty() && blank.len() == pages.len() {
        return Err(ImportError::new(
            file_name,
            format!(
                "no page of the PDF has any text or image ({} blank page(s)); expected an agreement document",
                pages.len()
            ),
        ));
    }
    let read = ocr::read_pages(file_name, bytes, doc.as_ref(), &scanned, ocr)?;
    let mut infos = Vec::with_capacity(read.len());
    for (text, info) in read {
        if let Some(slot) = usize::try_from(info.page)
            .ok()
            .and_then(|p| p.checked_sub(1))
            .and_then(|i| pages.get_mut(i))
        {
            *slot = text;
        }
        infos.push(info);
    }
    Ok((page_lines(&pages), infos))
}

/// With OCR off: refuses a PDF with a page that has no text but draws an image (a scan),
/// naming the pages, and one with no text at all.
fn refuse_scans(
    file_name: &str,
    pages: &[String],
    blank: &[u32],
    doc: Option<&lopdf::Document>,
) -> Result<(), ImportError> {
    if blank.len() == pages.len() {
        return Err(ImportError::new(
            file_name,
            format!(
                "no page of the PDF has a text layer ({} page(s) of images or nothing: a scanned document?); reading scans by OCR is off for this read",
                pages.len()
            ),
        ));
    }
    match scanned_pages(doc, blank).as_slice() {
        [] => Ok(()),
        [page] => Err(ImportError::new(
            file_name,
            format!(
                "page {page} has no text layer (a scanned image?): reading scans by OCR is off for this read"
            ),
        )),
        many => Err(ImportError::new(
            file_name,
            format!(
                "pages {} have no text layer (scanned images?): reading scans by OCR is off for this read",
                list(many)
            ),
        )),
    }
}

/// The key by which running lines are matched across pages. A page-number line (one with a
/// digit that, without its digits, has two words or fewer: "3", "- 3 -", "Page 3",
/// "Página 3 de 9", "Page 3 of 9") is keyed without its digits, so that it matches on every
/// page; any other line is keyed by its exact text (a body line that differs only in its
/// clause number is not a running line).
fn running_key(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let stripped: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| !c.is_ascii_digit())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if text.chars().any(|c| c.is_ascii_digit()) && stripped.len() <= 2 {
        format!("#page {}", stripped.join(" "))
    } else {
        words.join(" ")
    }
}

/// How many non-blank lines at the top and at the bottom of a page may be running lines.
const EDGE: usize = 3;

/// Splits each page into lines (trailing blank lines dropped, runs of blank lines squeezed to
/// one, numbers kept), then drops running headers, footers and page numbers.
pub(super) fn page_lines(pages: &[String]) -> Vec<Line> {
    // (page, number, text) with number counting every line of the page's text.
    let mut per_page: Vec<Vec<(u32, String)>> = Vec::with_capacity(pages.len());
    for page in pages {
        let mut lines = Vec::new();
        let mut number = 0u32;
        let mut previous_blank = true; // drops leading blank lines
        for raw in page.lines() {
            let text = raw.trim_end();
            let blank = text.trim().is_empty();
            if blank && previous_blank {
                continue;
            }
            number = number.saturating_add(1);
            lines.push((
                number,
                if blank {
                    String::new()
                } else {
                    text.to_string()
                },
            ));
            previous_blank = blank;
        }
        while lines.last().is_some_and(|(_, t)| t.is_empty()) {
            lines.pop();
        }
        per_page.push(lines);
    }

    // Running lines: a key found near the edge of at least half of the pages (and two).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let edges = |lines: &[(u32, String)]| -> Vec<usize> {
        let text: Vec<usize> = (0..lines.len())
            .filter(|i| !lines[*i].1.is_empty())
            .collect();
        let mut idx: Vec<usize> = text.iter().take(EDGE).copied().collect();
        idx.extend(text.iter().rev().take(EDGE).copied());
        idx.sort_unstable();
        idx.dedup();
        idx
    };
    if per_page.len() >= 2 {
        for lines in &per_page {
            let mut keys: Vec<String> = edges(lines)
                .into_iter()
                .map(|i| running_key(&lines[i].1))
                .collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                *seen.entry(key).or_default() += 1;
            }
        }
    }
    let threshold = per_page.len().div_ceil(2).max(2);
    let running = |key: &str| seen.get(key).is_some_and(|n| *n >= threshold);

    let mut out = Vec::new();
    for (p, lines) in per_page.iter().enumerate() {
        let page = u32::try_from(p + 1).unwrap_or(u32::MAX);
        let drop: Vec<usize> = if per_page.len() >= 2 {
            edges(lines)
                .into_iter()
                .filter(|i| running(&running_key(&lines[*i].1)))
                .collect()
        } else {
            Vec::new()
        };
        let mut kept: Vec<&(u32, String)> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, l)| l)
            .collect();
        // Blank lines left at the edges or doubled by a removal go too.
        kept.dedup_by(|b, a| a.1.is_empty() && b.1.is_empty());
        while kept.first().is_some_and(|l| l.1.is_empty()) {
            kept.remove(0);
        }
        while kept.last().is_some_and(|l| l.1.is_empty()) {
            kept.pop();
        }
        out.extend(kept.into_iter().map(|(number, text)| Line {
            page: Some(page),
            number: *number,
            text: text.clone(),
        }));
    }
    out
}
