//! Scanned PDF pages read by OCR (issue 11 item 4). The tests make their own scans: an
//! agreement is written as a PDF with a text layer (lopdf, Helvetica 12 pt), each page to scan is
//! rendered to a grey image with Poppler's `pdftoppm` (installed by scripts/install-deps.sh),
//! and the image alone is wrapped into a new page with no text layer, as a scanner makes.
//! The reader must then find the agreement's dates through Tesseract, lower their confidence
//! and say that they were read by OCR.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use renewal_core::adapters::import::formats::{OcrOptions, ReadOptions};
use renewal_core::adapters::import::{
    import_document, read_bytes_with, reading, DocumentText, ImportErrorKind,
};
use renewal_core::domain::dates::Period;
use renewal_core::domain::model::{Agreement, Confidence};
use renewal_core::domain::rules::{assess, EventKind};

use crate::common::{d, renewals_bin, seed, stderr, stdout};

/// One page of a test PDF: its lines (an empty line is a paragraph gap), and whether it is
/// scanned (an image only) or keeps its text layer.
struct Page<'a> {
    lines: &'a [&'a str],
    scanned: bool,
}

/// A4 in points.
const A4: (i64, i64) = (595, 842);

/// A PDF whose pages write `pages` in Helvetica 12 pt on A4 (WinAnsi: Spanish letters too).
fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for lines in pages {
        kids.push(add_page(
            &mut doc,
            pages_id,
            resources_id,
            Content {
                operations: text_ops(lines),
            },
        ));
    }
    finish(doc, pages_id, kids)
}

/// The content operations that draw `lines` in font `F1` (12 pt, 17 pt apart) from the
/// top left of an A4 page.
fn text_ops(lines: &[&str]) -> Vec<Operation> {
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![60.into(), 780.into()]),
    ];
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            ops.push(Operation::new("Td", vec![0.into(), (-17).into()]));
        }
        // WinAnsi is Latin-1 for every letter used here.
        let bytes: Vec<u8> = line
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(bytes, lopdf::StringFormat::Literal)],
        ));
    }
    ops.push(Operation::new("ET", vec![]));
    ops
}

fn add_page(
    doc: &mut Document,
    pages_id: lopdf::ObjectId,
    resources_id: lopdf::ObjectId,
    content: Content,
) -> Object {
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    Object::from(doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), A4.0.into(), A4.1.into()],
    }))
}

fn finish(mut doc: Document, pages_id: lopdf::ObjectId, kids: Vec<Object>) -> Vec<u8> {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A grey image: width, height, one byte per pixel (0 black, 255 white).
struct Grey {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// Page `page` of `pdf` rendered by `pdftoppm -gray` at `dpi`, read from its PGM (P5).
fn render(pdf: &[u8], page: u32, dpi: u32) -> Grey {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let prefix = dir.path().join("out");
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-f", &page.to_string()])
        .args(["-l", &page.to_string(), "-singlefile", "-gray"])
        .arg(&input)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils, scripts/install-deps.sh) runs");
    assert!(status.success());
    let pgm = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // "P5\n<width> <height>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P5", "255"));
    let (width, height): (u32, u32) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = pgm[at + 1..].to_vec();
    assert_eq!(pixels.len(), (width * height) as usize);
    Grey {
        width,
        height,
        pixels,
    }
}

/// A PDF of `pages`: text pages keep their text layer; each scanned page is its text
/// rendered at 300 dpi and drawn as one image over the whole page, with no text at all.
fn scanned_pdf(pages: &[Page]) -> Vec<u8> {
    let texts: Vec<&[&str]> = pages.iter().map(|p| p.lines).collect();
    let source = text_pdf(&texts);
    let images: Vec<Option<Grey>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| p.scanned.then(|| render(&source, i as u32 + 1, 300)))
        .collect();
    images_pdf(pages, &images)
}

/// A PDF whose page i is `images[i]` drawn over the whole page when there is one, else
/// the text of `pages[i]`.
fn images_pdf(pages: &[Page], images: &[Option<Grey>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids = Vec::new();
    for (page, image) in pages.iter().zip(images) {
        let (resources, ops) = match image {
            Some(img) => {
                let mut stream = Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Image",
                        "Width" => img.width as i64, "Height" => img.height as i64,
                        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                    },
                    img.pixels.clone(),
                );
                stream.compress().unwrap();
                let image_id = doc.add_object(stream);
                let resources = doc.add_object(dictionary! {
                    "XObject" => dictionary! { "Scan" => image_id },
                });
                let ops = vec![
                    Operation::new("q", vec![]),
                    Operation::new(
                        "cm",
                        vec![
                            A4.0.into(),
                            0.into(),
                            0.into(),
                            A4.1.into(),
                            0.into(),
                            0.into(),
                        ],
                    ),
                    Operation::new("Do", vec!["Scan".into()]),
                    Operation::new("Q", vec![]),
                ];
                (resources, ops)
            }
            None => {
                let resources =
                    doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
                (resources, text_ops(page.lines))
            }
        };
        kids.push(add_page(
            &mut doc,
            pages_id,
            resources,
            Content { operations: ops },
        ));
    }
    finish(doc, pages_id, kids)
}

/// OCR with the programs on `PATH` (not the environment's override: these tests need the
/// real Tesseract).
fn ocr_on() -> ReadOptions {
    ReadOptions {
        ocr: Some(OcrOptions::default()),
    }
}

/// The first non-renewal notice deadline the engine computes on `as_of`: (unadjusted
/// date, date to act on).
fn first_notice_deadline(a: &Agreement, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let e = assess(a, as_of)
        .events
        .into_iter()
        .find(|e| e.kind == EventKind::NonRenewalNoticeDeadline)
        .unwrap_or_else(|| panic!("no notice deadline for {}", a.title));
    (e.unadjusted_date, e.date)
}

// An equipment maintenance agreement in English, written for this test.
const MAINTENANCE_EN: &[&str] = &[
    "EQUIPMENT MAINTENANCE AGREEMENT",
    "",
    "This Equipment Maintenance Agreement is made between Harbor Cold Storage LLC",
    "(\"Customer\") and Polar Service Partners Inc. (\"Contractor\").",
    "",
    "1. Commencement and Duration",
    "",
    "1.1 This Agreement commences on 1 June 2025 (the \"Effective Date\") and",
    "continues for an initial term of two (2) years.",
    "",
    "1.2 Thereafter the Agreement renews automatically for successive periods of",
    "twelve (12) months, unless either party gives the other written notice of",
    "non-renewal at least sixty (60) days before the end of the then-current term.",
    "",
    "2. Charges",
    "",
    "2.1 Invoices are payable within thirty (30) days of receipt.",
    "",
    "3. Governing Law",
    "",
    "3.1 This Agreement is governed by the laws of England and Wales.",
];

// A technical support contract in Spanish (Peru), written for this test.
const SOPORTE_ES: &[&str] = &[
    "CONTRATO DE SOPORTE TÉCNICO",
    "",
    "Conste por el presente documento el contrato que celebran Panificadora Andina",
    "S.A.C. (\"la Cliente\") y Redes del Sur S.R.L. (\"el Proveedor\").",
    "",
    "PRIMERA: VIGENCIA",
    "",
    "El contrato entra en vigencia el 15 de agosto de 2024. El plazo del contrato es de",
    "dos (2) años contados desde esa fecha.",
    "",
    "SEGUNDA: RENOVACIÓN",
    "",
    "Al vencimiento, el contrato se renovará automáticamente por períodos sucesivos",
    "de un (1) año, salvo que cualquiera de las partes comunique por escrito su",
    "decisión de no renovarlo con una anticipación no menor de noventa (90) días",
    "calendario a la fecha de vencimiento.",
    "",
    "TERCERA: LEY APLICABLE",
    "",
    "El presente contrato se rige por las leyes de la República del Perú.",
];

/// Reads and imports `pdf` with `options`.
fn read_and_import(name: &str, pdf: &[u8], options: &ReadOptions) -> (DocumentText, Agreement) {
    let doc = read_bytes_with(name, pdf, options).unwrap_or_else(|e| panic!("{e}"));
    let out = import_document(name, &doc).unwrap_or_else(|e| panic!("{e}"));
    (doc, out.agreement)
}

/// The warning on `field` that says it was read by OCR.
fn ocr_warning<'a>(a: &'a Agreement, field: &str) -> Option<&'a str> {
    a.warnings
        .iter()
        .find(|w| w.field == field && w.message.contains("read by OCR from scanned page"))
        .map(|w| w.message.as_str())
}

#[test]
fn an_english_scan_is_read_by_ocr_with_its_dates_and_lowered_confidence() {
    // The same agreement with a text layer reads with high confidence: the control.
    let text = text_pdf(&[MAINTENANCE_EN]);
    let (_, plain) = read_and_import("maintenance.pdf", &text, &ocr_on());
    let eff = plain.effective_date.as_ref().expect("effective date");
    assert_eq!(eff.value, d("2025-06-01"));
    assert_eq!(eff.source.confidence, Confidence::High);

    let scan = scanned_pdf(&[Page {
        lines: MAINTENANCE_EN,
        scanned: true,
    }]);
    let (doc, a) = read_and_import("maintenance-scan.pdf", &scan, &ocr_on());
    assert_eq!(doc.ocr.len(), 1, "page 1 read by OCR");
    assert_eq!(doc.ocr[0].page, 1);
    assert!(doc.ocr[0].words > 80, "{:?}", doc.ocr[0]);
    assert!(
        doc.text().contains("commences on 1 June 2025"),
        "{}",
        doc.text()
    );

    let eff = a
        .effective_date
        .as_ref()
        .expect("effective date read by OCR");
    assert_eq!(eff.value, d("2025-06-01"));
    assert_eq!(eff.source.page, Some(1));
    assert_eq!(eff.source.confidence, Confidence::Low, "lowered by OCR");
    let term = a.initial_term.as_ref().expect("initial term");
    assert_eq!(term.value, Period::years(2));
    assert_eq!(term.source.confidence, Confidence::Low);
    assert_eq!(a.auto_renewal.as_ref().map(|r| r.value), Some(true));
    assert_eq!(
        a.renewal_period.as_ref().map(|r| r.value),
        Some(Period::months(12))
    );
    let notice = a.non_renewal_notice.as_ref().expect("notice period");
    assert_eq!(notice.value, Period::days(60));
    assert_eq!(notice.source.confidence, Confidence::Low);

    // 2025-06-01 + 2 years - 1 day = 2027-05-31; - 60 days = 2027-04-01 (a Thursday).
    let (unadjusted, _) = first_notice_deadline(&a, d("2025-07-01"));
    assert_eq!(unadjusted, d("2027-04-01"));

    for field in ["effective_date", "initial_term", "non_renewal_notice"] {
        let w = ocr_warning(&a, field).unwrap_or_else(|| panic!("{field}: {:?}", a.warnings));
        assert!(w.contains("scanned page 1 (OCR confidence "), "{w}");
        assert!(w.ends_with("confirm it against the scan"), "{w}");
    }
    assert!(a.is_provisional(), "OCR values are to be confirmed");
    assert!(
        a.warnings.iter().any(|w| w.code == "read_by_ocr"
            && w.message
                .starts_with("page 1 is a scanned image read by OCR (Tesseract, ")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_spanish_scan_is_read_by_ocr_and_its_deadline_computed() {
    let scan = scanned_pdf(&[Page {
        lines: SOPORTE_ES,
        scanned: true,
    }]);
    let (doc, a) = read_and_import("soporte-escaneado.pdf", &scan, &ocr_on());
    assert_eq!(doc.ocr.len(), 1);
    let r = reading::read(&doc);
    assert_eq!(r.language, reading::Language::Es);

    let eff = a.effective_date.as_ref().expect("fecha de inicio");
    assert_eq!(eff.value, d("2024-08-15"));
    assert_eq!(eff.source.confidence, Confidence::Low);
    assert_eq!(
        a.initial_term.as_ref().map(|t| t.value),
        Some(Period::years(2))
    );
    assert_eq!(
        a.renewal_period.as_ref().map(|t| t.value),
        Some(Period::years(1))
    );
    let notice = a.non_renewal_notice.as_ref().expect("preaviso");
    assert_eq!(notice.value, Period::days(90));
    assert_eq!(notice.source.confidence, Confidence::Low);
    // 2024-08-15 + 2 años - 1 día = 2026-08-14; - 90 días = sábado 2026-05-16, moved back
    // to Friday 15 May (rule 4).
    assert_eq!(
        first_notice_deadline(&a, d("2025-01-01")),
        (d("2026-05-16"), d("2026-05-15"))
    );
    assert!(ocr_warning(&a, "non_renewal_notice").is_some());
    assert!(ocr_warning(&a, "effective_date").is_some());
}

#[test]
fn in_a_mixed_pdf_only_the_scanned_page_is_read_by_ocr_and_marked() {
    let first: &[&str] = &MAINTENANCE_EN[..9];
    let second: &[&str] = &MAINTENANCE_EN[10..];
    let pdf = scanned_pdf(&[
        Page {
            lines: first,
            scanned: false,
        },
        Page {
            lines: second,
            scanned: true,
        },
    ]);
    let (doc, a) = read_and_import("mixed.pdf", &pdf, &ocr_on());
    assert_eq!(
        doc.ocr.iter().map(|p| p.page).collect::<Vec<_>>(),
        [2],
        "only page 2 is a scan"
    );
    // Page 1's text layer as written; page 2's text from OCR.
    assert!(doc
        .lines
        .iter()
        .any(|l| l.page == Some(1) && l.text == "1. Commencement and Duration"));
    assert!(
        doc.lines
            .iter()
            .any(|l| l.page == Some(2) && l.text.contains("Governing Law")),
        "{}",
        doc.text()
    );

    let eff = a.effective_date.as_ref().expect("effective date");
    assert_eq!(
        (eff.value, eff.source.page, eff.source.confidence),
        (d("2025-06-01"), Some(1), Confidence::High)
    );
    assert!(ocr_warning(&a, "effective_date").is_none());
    let notice = a.non_renewal_notice.as_ref().expect("notice");
    assert_eq!(
        (notice.value, notice.source.page, notice.source.confidence),
        (Period::days(60), Some(2), Confidence::Low)
    );
    let w = ocr_warning(&a, "non_renewal_notice").expect("OCR warning");
    assert!(w.contains("scanned page 2"), "{w}");
    assert_eq!(
        first_notice_deadline(&a, d("2025-07-01")).0,
        d("2027-04-01")
    );
}

/// A shell script standing in for Tesseract: `--list-langs` lists `langs`, anything else
/// runs `body`.
fn fake_tesseract(dir: &Path, langs: &str, body: &str) -> PathBuf {
    let path = dir.join("fake-tesseract");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of available languages (2):\\n{langs}'; exit 0; fi\n{body}\n"
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn small_scan() -> Vec<u8> {
    scanned_pdf(&[Page {
        lines: &["SERVICE ORDER", "", "Effective Date: 3 March 2025"],
        scanned: true,
    }])
}

#[test]
fn tesseract_without_spanish_data_is_refused_with_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake_tesseract(dir.path(), "eng\\nosd\\n", "exit 1");
    let options = ReadOptions {
        ocr: Some(OcrOptions {
            tesseract: fake,
            ..OcrOptions::default()
        }),
    };
    let e = read_bytes_with("order.pdf", &small_scan(), &options).unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::Refused);
    assert!(
        e.message.contains("has no Spanish (spa) language data"),
        "{e}"
    );
    assert!(
        e.message
            .contains("sudo apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa"),
        "{e}"
    );
}

/// A shell script standing in for `pdftoppm`: writes an empty `PREFIX.png` (its last
/// argument is the prefix) at once.
fn fake_pdftoppm(dir: &Path) -> PathBuf {
    let path = dir.join("fake-pdftoppm");
    std::fs::write(
        &path,
        "#!/bin/sh
for a; do last=$a; done
: > \"$last.png\"
",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn an_ocr_run_past_its_time_is_killed_and_the_page_named() {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake_tesseract(dir.path(), "eng\\nspa\\n", "exec sleep 30");
    let options = ReadOptions {
        ocr: Some(OcrOptions {
            tesseract: fake,
            // Renders at once, so that the time limit is Tesseract's.
            pdftoppm: fake_pdftoppm(dir.path()),
            timeout: Duration::from_secs(1),
            ..OcrOptions::default()
        }),
    };
    let start = Instant::now();
    let e = read_bytes_with("order.pdf", &small_scan(), &options).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        e.to_string(),
        "order.pdf: page 1 is a scanned image that OCR could not read within 1 s; expected a scan of ordinary size and quality"
    );
}

#[test]
fn more_scanned_pages_than_the_cap_are_refused_before_any_ocr() {
    let pdf = scanned_pdf(&[
        Page {
            lines: &["Page one of a scan"],
            scanned: true,
        },
        Page {
            lines: &["Page two of a scan"],
            scanned: true,
        },
    ]);
    let options = ReadOptions {
        ocr: Some(OcrOptions {
            // Never started: the cap is checked first.
            tesseract: PathBuf::from("/nonexistent/tesseract"),
            max_pages: 1,
            ..OcrOptions::default()
        }),
    };
    let e = read_bytes_with("long.pdf", &pdf, &options).unwrap_err();
    assert!(
        e.message.starts_with(
            "2 pages are scanned images with no text layer; at most 1 pages of a document are read by OCR"
        ),
        "{e}"
    );
}

#[test]
fn a_noise_image_is_read_without_panic_and_marked_as_poorly_read() {
    // Pseudo-random grey noise (a bad scan): OCR reads nothing or nonsense.
    let (width, height) = (600u32, 840u32);
    let mut state = 0x2545_f491_u32;
    let pixels = (0..width * height)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    let pages = [
        Page {
            lines: MAINTENANCE_EN,
            scanned: false,
        },
        Page {
            lines: &[],
            scanned: true,
        },
    ];
    let pdf = images_pdf(
        &pages,
        &[
            None,
            Some(Grey {
                width,
                height,
                pixels,
            }),
        ],
    );
    let (doc, a) = read_and_import("noisy.pdf", &pdf, &ocr_on());
    let page = doc.ocr_page(2).expect("page 2 went through OCR");
    assert!(
        page.words == 0 || page.confidence < 70,
        "noise read with confidence: {page:?}"
    );
    // The text page still gives the agreement, at high confidence.
    let eff = a.effective_date.as_ref().unwrap();
    assert_eq!(
        (eff.value, eff.source.confidence),
        (d("2025-06-01"), Confidence::High)
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.code == "read_by_ocr" && w.message.starts_with("page 2 is a scanned image")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn without_tesseract_the_cli_stores_nothing_and_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("renewals.db");
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, small_scan()).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(renewals_bin())
            .arg("--db")
            .arg(&db)
            .args(["--today", "2026-11-23"])
            .args(args)
            .env_remove("RENEWAL_DESK_DB")
            .env(
                "RENEWAL_DESK_TESSERACT",
                dir.path().join("no-tesseract-here"),
            )
            .output()
            .unwrap()
    };
    let seeded = run(&["import".as_ref(), seed("aws-chile-wom.md").as_os_str()]);
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let before = stdout(&run(&["list".as_ref(), "--json".as_ref()]));

    let out = run(&["import".as_ref(), scan.as_os_str()]);
    assert_eq!(out.status.code(), Some(6), "refused: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("page 1 is a scanned image with no text layer, to be read by OCR, but Tesseract could not be started"),
        "{err}"
    );
    assert!(
        err.contains(
            "Install Tesseract: sudo apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa"
        ),
        "{err}"
    );
    assert!(err.contains("brew install tesseract"), "{err}");
    assert_eq!(
        stdout(&run(&["list".as_ref(), "--json".as_ref()])),
        before,
        "nothing stored"
    );
}
