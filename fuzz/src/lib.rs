//! The bodies of the fuzz targets (issue 13 item 5), one function per target, each taking
//! the fuzzer's bytes. A target must never panic, hang or run out of memory on any input: a
//! document reader returns a document or an `ImportError`, a parser `Ok`/`Err`/`None`, the
//! brief a PDF or an error. The binaries in `src/bin/` wrap these in `afl::fuzz!`;
//! `scripts/fuzz.sh` builds and runs them.

use chrono::NaiveDate;
use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
use renewal_core::adapters::import::{
    decode_document, import_document, import_markdown, parse_sections, read_bytes_with,
    text_document, ReadOptions,
};
use renewal_core::adapters::store::StoredAgreement;
use renewal_core::domain::dates::PartialDate;
use renewal_core::domain::money::{group_digits, parse_quantity, Quantity};
use renewal_core::domain::rules::assess;
use renewal_core::services::edit::{parse_period_text, EditableField};

/// Most bytes [`run_once`] reads from standard input: 1 MiB, AFL++'s own cap on the size of a
/// test case; longer input is cut there.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// Runs one target once on standard input, as AFL++ runs a binary without instrumentation
/// (`afl-fuzz -n`): reads at most [`MAX_INPUT_BYTES`], calls `target`, and turns a panic that
/// escapes it into an abort (SIGABRT), which the fuzzer records as a crash; a panic the
/// product catches inside (pdf-extract, calamine) is not one. The default panic message is
/// printed first, so a crash replayed by hand (`target/debug/pdf < FILE`) says where it was.
pub fn run_once(target: fn(&[u8])) {
    use std::io::Read;
    let mut data = Vec::new();
    if std::io::stdin()
        .take(MAX_INPUT_BYTES)
        .read_to_end(&mut data)
        .is_err()
    {
        return;
    }
    if std::panic::catch_unwind(|| target(&data)).is_err() {
        std::process::abort();
    }
}

/// The as-of date every target computes for (the date of the examples).
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// Imports an already-read document as the CLI does and runs the deadline engine on the
/// result, so the reader's output is used, not only produced.
///
/// OCR is off ([`ReadOptions::without_ocr`]): a PDF page with no text but with an image is
/// refused as a scan instead of being rendered by `pdftoppm` and read by Tesseract, so the
/// targets never start a process on random input (a scan's OCR takes seconds, and the
/// fuzzer runs thousands of inputs a second). The OCR code itself is tested on generated
/// scans in `tests/it/ocr.rs` and on Tesseract output in `formats/ocr.rs`.
fn import_and_assess(name: &str, data: &[u8]) {
    if let Ok(doc) = read_bytes_with(name, data, &ReadOptions::without_ocr()) {
        let _ = doc.text();
        if let Ok(out) = import_document(name, &doc) {
            let _ = assess(&out.agreement, as_of());
        }
    }
}

/// Markdown: the byte checks of `read_document`, the section parser, the Markdown importer
/// (section mapping plus reader) and the format reader's Markdown path.
pub fn markdown(data: &[u8]) {
    if let Ok(text) = decode_document("fuzz.md", data.to_vec()) {
        let sections = parse_sections(&text);
        for s in &sections {
            let _ = s.to_model();
        }
        if let Ok(out) = import_markdown("fuzz.md", &text) {
            let _ = assess(&out.agreement, as_of());
        }
        let doc = text_document("fuzz.md", &text);
        if let Ok(out) = import_document("fuzz.md", &doc) {
            let _ = assess(&out.agreement, as_of());
        }
    }
    import_and_assess("fuzz.md", data);
}

/// Plain text (`.txt`): the text reader (line endings, encodings) and the importer.
pub fn text(data: &[u8]) {
    import_and_assess("fuzz.txt", data);
}

/// Word (`.docx`): the ZIP and XML reader and the importer.
pub fn docx(data: &[u8]) {
    import_and_assess("fuzz.docx", data);
}

/// PDF: the PDF text reader and the importer.
pub fn pdf(data: &[u8]) {
    import_and_assess("fuzz.pdf", data);
}

/// Date, period and money parsing. The first byte chooses the parser (`% 3`: 0 date,
/// 1 period, 2 money); the rest, as UTF-8, is the text. Each result is used: a date's
/// deadline, a period added to and taken from the as-of date, an amount formatted.
pub fn parse(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match selector % 3 {
        0 => {
            if let Ok(date) = PartialDate::parse(text) {
                let _ = date.precision();
                let _ = date.deadline();
                let _ = date.to_string();
            }
        }
        1 => {
            for field in [
                EditableField::InitialTerm,
                EditableField::RenewalPeriod,
                EditableField::NonRenewalNotice,
            ] {
                if let Ok(period) = parse_period_text(field, text) {
                    let _ = period.whole_months();
                    let _ = period.approx_days();
                    let _ = period.after(as_of());
                    let _ = period.before(as_of());
                    let _ = period.last_day_from(as_of());
                }
            }
        }
        _ => {
            for dollar in ["USD", "CLP"] {
                if let Some(parsed) = parse_quantity(text, dollar) {
                    let _ = parsed.quantity.to_string();
                    match parsed.quantity {
                        Quantity::Count { value } | Quantity::Percent { value } => {
                            let _ = group_digits(value);
                        }
                        Quantity::Money { money, .. } => {
                            let _ = group_digits(money.amount);
                        }
                    }
                }
            }
        }
    }
}

/// The renewal brief: the bytes (as UTF-8) are imported as a Markdown agreement and its brief
/// rendered on A4 and, when the first byte is odd, US Letter. Text the importer refuses is
/// put instead into the title and counterparty of the first shipped sample, so any text
/// reaches the brief's layout and fonts.
pub fn brief(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let agreement = match import_markdown("fuzz.md", text) {
        Ok(out) => out.agreement,
        Err(_) => {
            let Some((name, sample)) = renewal_core::services::samples::SAMPLE_DOCUMENTS.first()
            else {
                return;
            };
            let Ok(out) = import_markdown(name, sample) else {
                return;
            };
            let mut a = out.agreement;
            a.title = text.to_string();
            a.counterparty = Some(text.to_string());
            a
        }
    };
    let stored = StoredAgreement {
        id: 1,
        agreement,
        sha256: "0".repeat(64),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let paper = if data.first().is_some_and(|b| b % 2 == 1) {
        Paper::Letter
    } else {
        Paper::A4
    };
    let _ = render_brief(&stored, &[], as_of(), &BriefOptions { paper });
}

/// A register spreadsheet (issue 11 item 3): the first byte picks the format (`.csv`,
/// `.xlsx`, `.ods`), the rest is the file. The CSV reader runs on the bytes; a workbook is
/// written to a temporary file, since calamine reads workbooks by path as the app does. Then
/// the header search, the column recognition and every data row's reading (dates, periods,
/// yes/no, amounts) and the deadline engine on each row that reads.
pub fn register(data: &[u8]) {
    use renewal_core::adapters::import::register::{
        data_rows, detect_mapping, find_header, header_texts, read_csv, read_row, read_sheet, Sheet,
    };
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let sheet: Option<Sheet> = match selector % 3 {
        0 => read_csv("fuzz.csv", body).ok(),
        k => {
            let ext = if k == 1 { "xlsx" } else { "ods" };
            let Ok(dir) = tempfile::tempdir() else { return };
            let path = dir.path().join(format!("fuzz.{ext}"));
            if std::fs::write(&path, body).is_err() {
                return;
            }
            read_sheet(&path).ok()
        }
    };
    let Some(sheet) = sheet else { return };
    let Ok(header) = find_header(&sheet) else {
        return;
    };
    let headers = header_texts(&sheet, header);
    let mapping = detect_mapping(&headers);
    for (row, cells) in data_rows(&sheet, header) {
        if let Ok(r) = read_row(&sheet, &headers, &mapping, *row, cells, "fuzz", as_of()) {
            let _ = assess(&r.outcome.agreement, as_of());
        }
    }
}
