//! Scanned PDF pages read by OCR (issue 11 item 4): each page is rendered to a grey PNG by
//! Poppler's `pdftoppm` and read by Tesseract (`tesseract IMAGE OUT -l eng+spa tsv`), both
//! run as separate processes, never through a shell.
//!
//! Rules:
//!
//! - **Only the pages that need it.** [`super::pdf`] sends here the pages whose text layer
//!   has fewer than [`MIN_TEXT_CHARS`] printable characters and which draw an image; at most
//!   [`OcrOptions::max_pages`] of them ([`MAX_OCR_PAGES`], 200) per document, refused past it.
//! - **Bounded.** Each process is killed after [`OcrOptions::timeout`] ([`OCR_TIMEOUT`], 60 s
//!   per page for each of rendering and reading); a page is rendered at 300 dpi, or less when
//!   its media box is large, so that its longer side is at most [`MAX_RENDER_PIXELS`]; the
//!   TSV Tesseract writes is read only when it is under [`MAX_TSV_BYTES`]. A timeout, a
//!   failed render or an oversized output refuses the document, naming the page.
//! - **Tesseract missing** (not found where [`OcrOptions::tesseract`] says, `tesseract` on
//!   `PATH` unless `RENEWAL_DESK_TESSERACT` names another program) or without the English or
//!   Spanish data: the document is refused (nothing stored) with [`install_help`], which says
//!   how to install it on Debian/Ubuntu, macOS and Windows. The same for `pdftoppm`
//!   (`RENEWAL_DESK_PDFTOPPM`).
//! - **Lines and confidence.** Tesseract's words (TSV level 5) are joined into its lines, in
//!   its reading order; a blank line separates its paragraphs, as a vertical gap does in a
//!   text layer. Each line keeps the mean confidence of its words (0–100, Tesseract's own
//!   measure), so that a value read from it can be marked (see `reading::scanned`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::adapters::import::ImportError;

/// A page whose text layer holds fewer printable (non-whitespace) characters than this, and
/// which draws an image, is taken for a scan and read by OCR (20: a page number or a stamp,
/// not a clause).
pub const MIN_TEXT_CHARS: usize = 20;

/// Most scanned pages one document may have read by OCR (200, at up to a minute each).
pub const MAX_OCR_PAGES: usize = 200;

/// Longest time one `pdftoppm` or `tesseract` run may take for one page (60 s).
pub const OCR_TIMEOUT: Duration = Duration::from_secs(60);

/// Resolution a scanned page is rendered at for Tesseract, in dots per inch (300).
pub const OCR_DPI: u32 = 300;

/// Longest side of a rendered page, in pixels (5,000: an A4 page at 300 dpi is 3,508); a
/// larger media box is rendered at a lower resolution.
pub const MAX_RENDER_PIXELS: u32 = 5_000;

/// Largest TSV output of Tesseract read for one page, in bytes (4 MiB; a dense page gives
/// about 100 KB).
pub const MAX_TSV_BYTES: u64 = 4 * 1024 * 1024;

/// Tesseract's language data used: English and Spanish.
pub const OCR_LANGUAGES: &str = "eng+spa";

/// How scanned pages are read: which programs, and the bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrOptions {
    /// The Tesseract program (a name looked up on `PATH`, or a path).
    pub tesseract: PathBuf,
    /// Poppler's `pdftoppm` program (a name looked up on `PATH`, or a path).
    pub pdftoppm: PathBuf,
    /// Longest time each process may take for one page.
    pub timeout: Duration,
    /// Most pages read by OCR in one document.
    pub max_pages: usize,
}

impl Default for OcrOptions {
    /// `tesseract` and `pdftoppm` from `PATH`, [`OCR_TIMEOUT`], [`MAX_OCR_PAGES`].
    fn default() -> Self {
        OcrOptions {
            tesseract: PathBuf::from("tesseract"),
            pdftoppm: PathBuf::from("pdftoppm"),
            timeout: OCR_TIMEOUT,
            max_pages: MAX_OCR_PAGES,
        }
    }
}

impl OcrOptions {
    /// The defaults, with the programs named by the environment variables
    /// `RENEWAL_DESK_TESSERACT` and `RENEWAL_DESK_PDFTOPPM` when they are set and not empty.
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let d = OcrOptions::default();
        OcrOptions {
            tesseract: var("RENEWAL_DESK_TESSERACT").unwrap_or(d.tesseract),
            pdftoppm: var("RENEWAL_DESK_PDFTOPPM").unwrap_or(d.pdftoppm),
            ..d
        }
    }
}

/// One line Tesseract read on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrLine {
    /// 1-based line number within the page, as in [`super::Line::number`].
    pub number: u32,
    /// Mean confidence of the line's words, 0–100 (Tesseract's measure, rounded).
    pub confidence: u8,
}

/// A page whose text was read by OCR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrPage {
    /// 1-based page number.
    pub page: u32,
    /// Mean confidence of all the page's words, 0–100 (0 when no word was read).
    pub confidence: u8,
    /// How many words were read.
    pub words: usize,
    /// Each non-blank line read, with its confidence.
    pub lines: Vec<OcrLine>,
}

impl OcrPage {
    /// The lowest confidence of the lines `first..=last` of this page (a value's source
    /// span); the page's mean when none of them was read by OCR.
    pub fn span_confidence(&self, first: u32, last: u32) -> u8 {
        self.lines
            .iter()
            .filter(|l| (first..=last.max(first)).contains(&l.number))
            .map(|l| l.confidence)
            .min()
            .unwrap_or(self.confidence)
    }
}

/// How to install what reading scans needs: Tesseract with its English and Spanish data,
/// and Poppler's `pdftoppm`, on Debian/Ubuntu, macOS and Windows.
pub fn install_help() -> &'static str {
    "Install Tesseract: sudo apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa poppler-utils \
     (Debian, Ubuntu); brew install tesseract tesseract-lang poppler (macOS); on Windows, the \
     Tesseract installer of UB Mannheim (https://github.com/UB-Mannheim/tesseract/wiki) with \
     Spanish selected, and Poppler for Windows, both on PATH. Then import the document again \
     (RENEWAL_DESK_TESSERACT and RENEWAL_DESK_PDFTOPPM may name the programs)"
}

/// The error for a missing or incomplete OCR installation: nothing of the document is
/// stored ([`ImportErrorKind::Refused`](crate::adapters::import::ImportErrorKind::Refused)).
fn not_installed(file_name: &str, pages: &[u32], what: &str) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "{} a scanned image with no text layer, to be read by OCR, but {what}. {}",
            pages_are(pages),
            install_help()
        ),
    )
}

/// "page 3 is" / "pages 1, 3 are".
fn pages_are(pages: &[u32]) -> String {
    match pages {
        [one] => format!("page {one} is"),
        many => format!(
            "pages {} are",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// How a bounded process run ended.
enum Run {
    /// It exited; `true` when successfully.
    Exited(bool),
    /// It was killed at the timeout.
    TimedOut,
}

/// Runs `cmd` (stdin closed, stdout and stderr to files or discarded as set by the caller)
/// and kills it after `timeout`.
fn run_bounded(cmd: &mut Command, timeout: Duration) -> std::io::Result<Run> {
    let mut child = cmd.stdin(Stdio::null()).spawn()?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Run::Exited(status.success()));
        }
        if start.elapsed() >= timeout {
            // Only this child, started here; its exit status is collected so that no
            // zombie is left.
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Run::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// At most 600 bytes of a process's stderr file, for an error message.
fn stderr_excerpt(path: &Path) -> String {
    let mut buf = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(600).read_to_end(&mut buf);
    }
    let text = String::from_utf8_lossy(&buf);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        "no message".to_string()
    } else {
        text
    }
}

/// Checks that Tesseract runs and has the English and Spanish data
/// (`tesseract --list-langs`).
fn check_tesseract(
    file_name: &str,
    pages: &[u32],
    opts: &OcrOptions,
    dir: &Path,
) -> Result<(), ImportError> {
    let program = opts.tesseract.display().to_string();
    let out_path = dir.join("langs.txt");
    let out = std::fs::File::create(&out_path).map_err(|e| temp_error(file_name, &e))?;
    let mut cmd = Command::new(&opts.tesseract);
    cmd.arg("--list-langs")
        .stdout(out)
        .stderr(Stdio::null())
        .env("OMP_THREAD_LIMIT", "1");
    match run_bounded(&mut cmd, opts.timeout) {
        Err(e) => {
            return Err(not_installed(
                file_name,
                pages,
                &format!("Tesseract could not be started ({program}: {e})"),
            ))
        }
        Ok(Run::TimedOut) => {
            return Err(not_installed(
                file_name,
                pages,
                &format!(
                    "Tesseract ({program}) did not answer within {} s",
                    opts.timeout.as_secs()
                ),
            ))
        }
        Ok(Run::Exited(_)) => {}
    }
    let mut listed = Vec::new();
    if let Ok(f) = std::fs::File::open(&out_path) {
        let _ = f.take(64 * 1024).read_to_end(&mut listed);
    }
    let listed = String::from_utf8_lossy(&listed);
    let have: Vec<&str> = listed.lines().map(str::trim).collect();
    let missing: Vec<&str> = ["eng", "spa"]
        .into_iter()
        .filter(|l| !have.contains(l))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(not_installed(
            file_name,
            pages,
            &format!(
                "Tesseract ({program}) has no {} language data",
                missing
                    .iter()
                    .map(|l| if *l == "eng" {
                        "English (eng)"
                    } else {
                        "Spanish (spa)"
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ))
    }
}

fn temp_error(file_name: &str, e: &std::io::Error) -> ImportError {
    ImportError::unreadable(
        file_name,
        format!("could not write the temporary files OCR needs: {e}"),
    )
}

/// The resolution page `number` is rendered at: [`OCR_DPI`], lowered so that the longer
/// side of its media box is at most [`MAX_RENDER_PIXELS`] (at least 1 dpi).
fn render_dpi(doc: Option<&lopdf::Document>, number: u32) -> u32 {
    let Some(longest_pt) = doc.and_then(|d| media_box_longest_side(d, number)) else {
        return OCR_DPI;
    };
    if longest_pt <= 0.0 || !longest_pt.is_finite() {
        return OCR_DPI;
    }
    let cap = f64::from(MAX_RENDER_PIXELS) * 72.0 / longest_pt;
    // cap is finite and positive here; the cast saturates.
    (cap.floor() as u32).clamp(1, OCR_DPI)
}

/// The longer side of page `number`'s media box (inherited from its parents), in points.
fn media_box_longest_side(doc: &lopdf::Document, number: u32) -> Option<f64> {
    let mut id = *doc.get_pages().get(&number)?;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(b) = dict.get(b"MediaBox") {
            let b = match b {
                lopdf::Object::Reference(r) => doc.get_object(*r).ok()?,
                other => other,
            };
            let v: Vec<f64> = b
                .as_array()
                .ok()?
                .iter()
                .filter_map(|o| o.as_float().ok().map(f64::from))
                .collect();
            if let [x0, y0, x1, y1] = v.as_slice() {
                return Some((x1 - x0).abs().max((y1 - y0).abs()));
            }
            return None;
        }
        id = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Reads `pages` (1-based) of the PDF `bytes` by OCR: for each, its text (lines separated by
/// `'\n'`, a blank line between paragraphs, no leading or doubled blank line, so that the
/// `n`-th line is line `n` of [`super::pdf::page_lines`]) and what Tesseract said of it.
///
/// Errors (nothing stored): more than `opts.max_pages` pages; Tesseract or `pdftoppm`
/// missing, or Tesseract without its English or Spanish data ([`install_help`]); a page that
/// could not be rendered, or whose rendering or reading took longer than `opts.timeout`, or
/// whose output is over [`MAX_TSV_BYTES`].
pub(super) fn read_pages(
    file_name: &str,
    bytes: &[u8],
    doc: Option<&lopdf::Document>,
    pages: &[u32],
    opts: &OcrOptions,
) -> Result<Vec<(String, OcrPage)>, ImportError> {
    if pages.is_empty() {
        return Ok(Vec::new());
    }
    if pages.len() > opts.max_pages {
        return Err(ImportError::new(
            file_name,
            format!(
                "{} pages are scanned images with no text layer; at most {} pages of a document are read by OCR: split the document, or import one with a text layer",
                pages.len(),
                opts.max_pages
            ),
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix("renewal-desk-ocr-")
        .tempdir()
        .map_err(|e| temp_error(file_name, &e))?;
    check_tesseract(file_name, pages, opts, dir.path())?;
    let pdf_path = dir.path().join("document.pdf");
    std::fs::write(&pdf_path, bytes).map_err(|e| temp_error(file_name, &e))?;

    let mut out = Vec::with_capacity(pages.len());
    for &page in pages {
        let image = render_page(file_name, pages, opts, dir.path(), &pdf_path, doc, page)?;
        let tsv = recognise(file_name, opts, dir.path(), &image, page)?;
        let (text, info) = page_from_tsv(page, &tsv);
        let _ = std::fs::remove_file(&image);
        out.push((text, info));
    }
    Ok(out)
}

/// Renders one page to `DIR/page-N.png` with `pdftoppm`; returns the image's path.
fn render_page(
    file_name: &str,
    pages: &[u32],
    opts: &OcrOptions,
    dir: &Path,
    pdf_path: &Path,
    doc: Option<&lopdf::Document>,
    page: u32,
) -> Result<PathBuf, ImportError> {
    let prefix = dir.join(format!("page-{page}"));
    let err_path = dir.join(format!("page-{page}.pdftoppm.err"));
    let err_file = std::fs::File::create(&err_path).map_err(|e| temp_error(file_name, &e))?;
    let program = opts.pdftoppm.display().to_string();
    let mut cmd = Command::new(&opts.pdftoppm);
    cmd.arg("-r")
        .arg(render_dpi(doc, page).to_string())
        .arg("-f")
        .arg(page.to_string())
        .arg("-l")
        .arg(page.to_string())
        .args(["-singlefile", "-gray", "-png"])
        .arg(pdf_path)
        .arg(&prefix)
        .stdout(Stdio::null())
        .stderr(err_file);
    let image = prefix.with_extension("png");
    match run_bounded(&mut cmd, opts.timeout) {
        Err(e) => Err(not_installed(
            file_name,
            pages,
            &format!("pdftoppm, which renders the page for OCR, could not be started ({program}: {e})"),
        )),
        Ok(Run::TimedOut) => Err(ImportError::new(
            file_name,
            format!(
                "page {page} is a scanned image that could not be rendered for OCR within {} s; expected a scan of ordinary size",
                opts.timeout.as_secs()
            ),
        )),
        Ok(Run::Exited(ok)) if !ok || !image.is_file() => Err(ImportError::new(
            file_name,
            format!(
                "page {page} is a scanned image that could not be rendered for OCR (pdftoppm: {})",
                stderr_excerpt(&err_path)
            ),
        )),
        Ok(Run::Exited(_)) => Ok(image),
    }
}

/// Runs Tesseract on `image`; returns its TSV output.
fn recognise(
    file_name: &str,
    opts: &OcrOptions,
    dir: &Path,
    image: &Path,
    page: u32,
) -> Result<String, ImportError> {
    let base = dir.join(format!("page-{page}.ocr"));
    let err_path = dir.join(format!("page-{page}.tesseract.err"));
    let err_file = std::fs::File::create(&err_path).map_err(|e| temp_error(file_name, &e))?;
    let program = opts.tesseract.display().to_string();
    let mut cmd = Command::new(&opts.tesseract);
    cmd.arg(image)
        .arg(&base)
        .args(["-l", OCR_LANGUAGES, "--psm", "3", "tsv"])
        .stdout(Stdio::null())
        .stderr(err_file)
        // One thread per run: the machine's other work goes on, and the timeout means the
        // same on every machine.
        .env("OMP_THREAD_LIMIT", "1");
    let tsv_path = base.with_extension("ocr.tsv");
    match run_bounded(&mut cmd, opts.timeout) {
        Err(e) => {
            return Err(not_installed(
                file_name,
                &[page],
                &format!("Tesseract could not be started ({program}: {e})"),
            ))
        }
        Ok(Run::TimedOut) => {
            return Err(ImportError::new(
                file_name,
                format!(
                    "page {page} is a scanned image that OCR could not read within {} s; expected a scan of ordinary size and quality",
                    opts.timeout.as_secs()
                ),
            ))
        }
        Ok(Run::Exited(ok)) if !ok || !tsv_path.is_file() => {
            return Err(ImportError::new(
                file_name,
                format!(
                    "page {page} is a scanned image that OCR could not read (tesseract: {})",
                    stderr_excerpt(&err_path)
                ),
            ))
        }
        Ok(Run::Exited(_)) => {}
    }
    let size = std::fs::metadata(&tsv_path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_TSV_BYTES {
        return Err(ImportError::new(
            file_name,
            format!(
                "page {page}: OCR gave more than {} MB of text for one page; expected an agreement page",
                MAX_TSV_BYTES / 1_048_576
            ),
        ));
    }
    let mut buf = Vec::new();
    std::fs::File::open(&tsv_path)
        .and_then(|f| f.take(MAX_TSV_BYTES).read_to_end(&mut buf))
        .map_err(|e| temp_error(file_name, &e))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// One line of Tesseract's TSV: its (block, paragraph), its line number in the paragraph,
/// and its words with their confidence (0–100).
type TsvLine = ((u32, u32), u32, Vec<(String, f64)>);

/// Builds a page's text from Tesseract's TSV (columns `level page_num block_num par_num
/// line_num word_num left top width height conf text`; words are level 5): words joined by
/// a space into their line, a blank line where the paragraph or block changes. Words with
/// no confidence (-1) or no text are skipped.
pub(super) fn page_from_tsv(page: u32, tsv: &str) -> (String, OcrPage) {
    // ((block, paragraph), line) -> words with their confidence, in the order read.
    let mut lines: Vec<TsvLine> = Vec::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<u32>().unwrap_or(0);
        let conf = cols[10].trim().parse::<f64>().unwrap_or(-1.0);
        let word = cols[11..].join(" ");
        let word = word.trim();
        if word.is_empty() || !(0.0..=100.0).contains(&conf) {
            continue;
        }
        let key = ((num(2), num(3)), num(4));
        match lines.last_mut() {
            Some((par, line, words)) if (*par, *line) == key => {
                words.push((word.to_string(), conf));
            }
            _ => lines.push((key.0, key.1, vec![(word.to_string(), conf)])),
        }
    }
    let mut text = String::new();
    let mut info = OcrPage {
        page,
        confidence: 0,
        words: 0,
        lines: Vec::new(),
    };
    let mut number = 0u32;
    let mut sum = 0.0;
    let mut previous: Option<(u32, u32)> = None;
    for (par, _, words) in &lines {
        if previous.is_some_and(|p| p != *par) {
            text.push('\n');
            number = number.saturating_add(1);
        }
        previous = Some(*par);
        if number > 0 {
            text.push('\n');
        }
        number = number.saturating_add(1);
        let joined = words
            .iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        text.push_str(&joined);
        let line_sum: f64 = words.iter().map(|(_, c)| c).sum();
        sum += line_sum;
        info.words += words.len();
        info.lines.push(OcrLine {
            number,
            confidence: percent(line_sum / words.len() as f64),
        });
    }
    if info.words > 0 {
        info.confidence = percent(sum / info.words as f64);
    }
    (text, info)
}

/// A confidence 0.0–100.0 as a whole percentage.
fn percent(c: f64) -> u8 {
    // In range by construction (each word's confidence is checked to be 0–100).
    c.round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t
5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tTerm
5\t1\t1\t1\t1\t2\t70\t10\t50\t20\t93.5\tof
5\t1\t1\t1\t2\t1\t10\t40\t50\t20\t80\tthree
5\t1\t1\t1\t2\t2\t10\t40\t50\t20\t-1\t
5\t1\t2\t1\t1\t1\t10\t90\t50\t20\t60\tFees
5\t1\t2\t1\t1\t2\t10\t90\t50\t20\t40\tapply
";

    #[test]
    fn tsv_words_make_lines_with_their_mean_confidence_and_a_gap_between_paragraphs() {
        let (text, page) = page_from_tsv(4, TSV);
        assert_eq!(text, "Term of\nthree\n\nFees apply");
        assert_eq!(page.page, 4);
        assert_eq!(page.words, 5);
        assert_eq!(
            page.lines,
            [
                OcrLine {
                    number: 1,
                    confidence: 95
                },
                OcrLine {
                    number: 2,
                    confidence: 80
                },
                OcrLine {
                    number: 4,
                    confidence: 50
                },
            ]
        );
        // (96.5 + 93.5 + 80 + 60 + 40) / 5 = 74
        assert_eq!(page.confidence, 74);
        assert_eq!(page.span_confidence(1, 2), 80);
        assert_eq!(page.span_confidence(4, 4), 50);
        assert_eq!(
            page.span_confidence(9, 9),
            74,
            "no OCR line: the page's mean"
        );
    }

    #[test]
    fn an_empty_or_malformed_tsv_gives_an_empty_page() {
        for tsv in ["", "level\n", "5\tx\ty\n", "garbage\twith\ttabs\n\n\n"] {
            let (text, page) = page_from_tsv(1, tsv);
            assert_eq!(text, "");
            assert_eq!((page.words, page.confidence), (0, 0));
            assert!(page.lines.is_empty());
        }
    }

    #[test]
    fn a_large_page_is_rendered_at_a_lower_resolution() {
        use lopdf::{dictionary, Document, Object};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let small = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id,
        });
        let large = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 14400.into(), 7200.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![small.into(), large.into()], "Count" => 2,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        // A4 inherited from the page tree: 300 dpi (3,508 pixels high).
        assert_eq!(render_dpi(Some(&doc), 1), 300);
        // 200 inches wide: 5,000 pixels / 200 inches = 25 dpi.
        assert_eq!(render_dpi(Some(&doc), 2), 25);
        assert_eq!(render_dpi(None, 1), 300);
    }
}
