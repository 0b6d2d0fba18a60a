#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/reading")
}

fn texts(doc: &DocumentText) -> Vec<&str> {
    doc.lines.iter().map(|l| l.text.as_str()).collect()
}

fn err(result: Result<DocumentText, ImportError>) -> String {
    match result {
        Ok(doc) => panic!("expected an error, read {:?}", doc.format),
        Err(e) => e.to_string(),
    }
}

// ---------------------------------------------------------------- text

#[test]
fn lf_crlf_and_cr_only_endings_give_the_same_true_line_numbers() {
    for ending in ["\n", "\r\n", "\r"] {
        let text = [
            "Supply agreement",
            "",
            "Effective Date: 1 March 2024",
            "Term: 3 years",
            "",
        ]
        .join(ending);
        let doc = read_bytes("a.txt", text.as_bytes()).unwrap();
        assert_eq!(doc.format, Format::Text, "{ending:?}");
        assert_eq!(
            texts(&doc),
            [
                "Supply agreement",
                "",
                "Effective Date: 1 March 2024",
                "Term: 3 years"
            ],
            "{ending:?}"
        );
        let term = doc
            .lines
            .iter()
            .find(|l| l.text.starts_with("Term"))
            .unwrap();
        assert_eq!((term.page, term.number), (None, 4), "{ending:?}");
        assert_eq!(
            doc.text(),
            "Supply agreement\n\nEffective Date: 1 March 2024\nTerm: 3 years"
        );
    }
}

#[test]
fn markdown_is_recognised_by_extension_or_content() {
    let plain = "Services agreement\n\nThe term is 3 years.\n";
    assert_eq!(
        read_bytes("a.md", plain.as_bytes()).unwrap().format,
        Format::Markdown
    );
    assert_eq!(
        read_bytes("a.MARKDOWN", plain.as_bytes()).unwrap().format,
        Format::Markdown
    );
    assert_eq!(
        read_bytes("a.txt", plain.as_bytes()).unwrap().format,
        Format::Text
    );
    assert_eq!(
        read_bytes("a", plain.as_bytes()).unwrap().format,
        Format::Text
    );
    let heading = "# Supply Agreement\n\nText.\n";
    assert_eq!(
        read_bytes("a.txt", heading.as_bytes()).unwrap().format,
        Format::Markdown
    );
    let table = "Key terms\n\n| Field | Value |\n|---|---|\n| Term | 3 years |\n";
    assert_eq!(
        read_bytes("a.txt", table.as_bytes()).unwrap().format,
        Format::Markdown
    );
    // A hash without a space, or a lone pipe line, is not Markdown.
    let not = "#hashtag\nA | B\n";
    assert_eq!(
        read_bytes("a.txt", not.as_bytes()).unwrap().format,
        Format::Text
    );
}

#[test]
fn a_leading_bom_is_dropped_and_the_hash_is_of_the_bytes() {
    let bytes = b"\xef\xbb\xbfTitle\nline\n";
    let doc = read_bytes("bom.txt", bytes).unwrap();
    assert_eq!(texts(&doc), ["Title", "line"]);
    assert_eq!(doc.sha256, crate::adapters::import::sha256_hex(bytes));
    assert_eq!(doc.sha256.len(), 64);
}

#[test]
fn empty_binary_and_invalid_utf8_text_are_refused_naming_file_and_line() {
    let e = err(read_bytes("empty.md", b""));
    assert!(e.starts_with("empty.md: ") && e.contains("empty"), "{e}");
    let e = err(read_bytes("blank.txt", b" \r\n\r\n"));
    assert!(e.contains("blank.txt") && e.contains("empty"), "{e}");
    // NUL on the third line of a CR-only file.
    let e = err(read_bytes("bin.txt", b"a\rb\rc\0d"));
    assert!(e.starts_with("bin.txt:3: binary file"), "{e}");
    // Bad byte at column 10 of line 3, LF and CR-only alike.
    for sep in ["\n", "\r"] {
        let mut bytes = format!("# Title{sep}{sep}line two ").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe here");
        let e = err(read_bytes("latin1.md", &bytes));
        assert!(
            e.starts_with("latin1.md:3: invalid UTF-8 at column 10"),
            "{e}"
        );
    }
}

#[test]
fn text_over_5_mib_is_refused_but_a_pdf_may_be_larger() {
    let big = vec![b'a'; (MAX_TEXT_BYTES + 1) as usize];
    let e = err(read_bytes("big.txt", &big));
    assert!(e.contains("big.txt") && e.contains("under 5 MB"), "{e}");
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize((MAX_TEXT_BYTES + 10) as usize, b' ');
    // Not refused for its size: refused as an unreadable PDF.
    let e = err(read_bytes("big.pdf", &pdf));
    assert!(e.contains("is not a readable PDF"), "{e}");
}

#[test]
fn an_old_binary_word_file_is_refused_with_advice() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0; 100]);
    let e = err(read_bytes("old.doc", &doc));
    assert!(e.contains("old.doc") && e.contains(".docx"), "{e}");
}

// ---------------------------------------------------------------- files

#[test]
fn read_path_reads_a_regular_file_and_follows_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    std::fs::write(&file, "# Agreement\r\n\r\nTerm: 2 years\r\n").unwrap();
    let doc = read_path(&file).unwrap();
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(texts(&doc), ["# Agreement", "", "Term: 2 years"]);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_path(&link).unwrap(), doc);
    }
}

#[cfg(unix)]
#[test]
fn dev_zero_behind_a_symlink_is_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let e = err(read_path(&link));
    assert!(
        e.contains("zero.md") && e.contains("not a regular file (a device)"),
        "{e}"
    );
    let e = crate::adapters::import::read_document(&link)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a regular file"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let e = err(read_path(&fifo));
    assert!(e.contains("pipe.md") && e.contains("FIFO"), "{e}");
    let e = crate::adapters::import::read_document(&fifo)
        .unwrap_err()
        .to_string();
    assert!(e.contains("FIFO"), "{e}");
}

#[test]
fn a_folder_an_empty_file_and_a_missing_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = err(read_path(dir.path()));
    assert!(e.contains("is a folder"), "{e}");
    let empty = dir.path().join("empty.txt");
    std::fs::File::create(&empty).unwrap();
    let e = err(read_path(&empty));
    assert!(e.contains("empty.txt") && e.contains("empty"), "{e}");
    let e = err(read_path(&dir.path().join("missing.md")));
    assert!(
        e.contains("missing.md") && e.contains("cannot read the file"),
        "{e}"
    );
}

#[test]
fn too_large_files_are_refused_by_their_size_before_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("huge.md");
    std::fs::File::create(&text)
        .unwrap()
        .set_len(6 * 1024 * 1024)
        .unwrap();
    let e = err(read_path(&text));
    assert!(
        e.contains("huge.md") && e.contains("6.0 MB") && e.contains("under 5 MB"),
        "{e}"
    );
    // A PDF may be 50 MB, not more.
    let pdf = dir.path().join("huge.pdf");
    let mut f = std::fs::File::create(&pdf).unwrap();
    f.write_all(b"%PDF-1.7\n").unwrap();
    f.set_len(51 * 1024 * 1024).unwrap();
    let e = err(read_path(&pdf));
    assert!(e.contains("51.0 MB") && e.contains("under 50 MB"), "{e}");
}

// ---------------------------------------------------------------- docx

/// A .docx with `document` as the body of word/document.xml.
fn make_docx(body: &str, styles: Option<&str>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    if let Some(styles) = styles {
        zip.start_file("word/styles.xml", opts).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{styles}</w:styles>"#
        )
        .unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn para(style: Option<&str>, runs: &str) -> String {
    let ppr = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", para(None, &run(text)))
}

#[test]
fn docx_paragraphs_headings_lists_and_tables_read_in_order() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Ttulo1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Prrafodelista"><w:name w:val="List Paragraph"/></w:style>"#;
    let body = [
        para(Some("Ttulo1"), &run("CONTRATO DE SERVICIOS")),
        para(None, ""),
        para(
            None,
            &format!(
                "{}{}<w:r><w:tab/></w:r>{}<w:r><w:br/></w:r>{}",
                run("Fecha de "),
                run("inicio:"),
                run("1 de marzo de 2024"),
                run("Smith &amp; Co &#8212; Lima")
            ),
        ),
        para(Some("Heading2"), &run("Key terms")),
        format!(
            "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Concepto"),
            cell("Detalle"),
            cell("Plazo"),
            cell("36 meses"),
            cell("Aviso"),
            cell("60 días | por escrito"),
        ),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>{}</w:p>"#,
            run("first item")
        ),
        para(Some("Prrafodelista"), &run("second item")),
        r#"<w:p><w:r><w:delText>deleted words</w:delText></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#.to_string()
            + &run("Kept text")
            + "</w:p>",
    ]
    .concat();
    let bytes = make_docx(&body, Some(styles));
    let doc = read_bytes("contrato.docx", &bytes).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(
        texts(&doc),
        [
            "# CONTRATO DE SERVICIOS",
            "",
            "Fecha de inicio:\t1 de marzo de 2024",
            "Smith & Co — Lima",
            "",
            "## Key terms",
            "",
            "| Concepto | Detalle |",
            "|---|---|",
            "| Plazo | 36 meses |",
            "| Aviso | 60 días \\| por escrito |",
            "",
            "- first item",
            "",
            "- second item",
            "",
            "Kept text",
        ]
    );
    let numbers: Vec<u32> = doc.lines.iter().map(|l| l.number).collect();
    assert_eq!(numbers, (1..=17).collect::<Vec<u32>>());
    assert!(doc.lines.iter().all(|l| l.page.is_none()));
    assert_eq!(doc.text().lines().count(), 17);
}

#[test]
fn a_docx_is_recognised_by_content_whatever_its_name() {
    let bytes = make_docx(&para(None, &run("Term: 2 years")), None);
    let doc = read_bytes("download", &bytes).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(texts(&doc), ["Term: 2 years"]);
    // Built-in style ids work without styles.xml.
    let bytes = make_docx(&para(Some("Heading3"), &run("Renewal")), None);
    assert_eq!(
        texts(&read_bytes("a.docx", &bytes).unwrap()),
        ["### Renewal"]
    );
}

#[test]
fn a_zip_without_a_word_document_or_with_no_text_is_refused() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<office/>").unwrap();
    zip.finish().unwrap();
    let e = err(read_bytes("notes.odt", out.get_ref()));
    assert!(
        e.contains("notes.odt") && e.contains("without word/document.xml"),
        "{e}"
    );

    let e = err(read_bytes("blank.docx", &make_docx(&para(None, ""), None)));
    assert!(e.contains("blank.docx") && e.contains("no text"), "{e}");

    let e = err(read_bytes("broken.docx", b"PK\x03\x04garbage"));
    assert!(
        e.contains("broken.docx") && e.contains("not a readable ZIP"),
        "{e}"
    );

    let e = err(read_bytes("bad.docx", &make_docx("<w:p><w:r></w:p>", None)));
    assert!(e.contains("malformed"), "{e}");
}

#[test]
fn a_docx_zip_bomb_is_refused_by_its_inflated_size() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..=(docx::MAX_XML_BYTES / (1024 * 1024)) {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let bytes = out.into_inner();
    assert!(
        bytes.len() < 1024 * 1024,
        "compressed to {} bytes",
        bytes.len()
    );
    let e = err(read_bytes("bomb.docx", &bytes));
    assert!(e.contains("bomb.docx") && e.contains("ZIP bomb"), "{e}");
}

/// The source text of a corpus .docx/.pdf, as the lines the reader should give (markup of
/// make_binaries.py: `#`/`##` headings, `|` rows, `@` directives, paragraphs joined).
fn source_blocks(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(para.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" "));
            para.clear();
        }
    };
    for line in src.lines() {
        let line = line.trim_end();
        if line.starts_with('@') || line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else if line.starts_with('|') || line.starts_with('#') {
            flush(&mut para, &mut out);
            out.push(line.to_string());
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

#[test]
fn the_corpus_word_documents_read_as_their_source_text() {
    let mut n = 0;
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("docx") {
            continue;
        }
        n += 1;
        let doc = read_path(&path).unwrap();
        assert_eq!(doc.format, Format::Docx);
        let src = std::fs::read_to_string(path.with_extension("docx.txt")).unwrap();
        let got: Vec<&str> = doc
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty() && !t.starts_with("|---"))
            .collect();
        assert_eq!(got, source_blocks(&src), "{}", path.display());
        // Line numbers are the lines of text().
        let text = doc.text();
        for line in &doc.lines {
            assert_eq!(
                text.lines().nth(line.number as usize - 1),
                Some(line.text.as_str())
            );
        }
    }
    assert_eq!(n, 7);
}

// ---------------------------------------------------------------- pdf

/// What a generated PDF page holds.
enum Page<'a> {
    Text(&'a [&'a str]),
    Image,
    Blank,
}

/// A PDF made with lopdf: text pages in Helvetica (one `Td` per line), image-only pages
/// (a 2×2 grey image, as a scanner makes), blank pages.
fn make_pdf(pages: &[Page]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0x80; 4],
    ));
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
        "XObject" => dictionary! { "Im1" => image_id },
    });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        match page {
            Page::Text(lines) => {
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
                ops.push(Operation::new("Td", vec![72.into(), 770.into()]));
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        ops.push(Operation::new("Td", vec![0.into(), (-14).into()]));
                    }
                    ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
                }
                ops.push(Operation::new("ET", vec![]));
            }
            Page::Image => {
                ops.push(Operation::new("q", vec![]));
                ops.push(Operation::new(
                    "cm",
                    vec![
                        400.into(),
                        0.into(),
                        0.into(),
                        600.into(),
                        100.into(),
                        100.into(),
                    ],
                ));
                ops.push(Operation::new("Do", vec!["Im1".into()]));
                ops.push(Operation::new("Q", vec![]));
            }
            Page::Blank => {}
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        })));
    }
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

#[test]
fn pdf_lines_know_their_page_and_line() {
    let bytes = make_pdf(&[
        Page::Text(&["MASTER SERVICES AGREEMENT", "Effective Date: 1 March 2024"]),
        Page::Blank,
        Page::Text(&["12. Term", "The initial term is 36 months."]),
    ]);
    let doc = read_bytes("msa.pdf", &bytes).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    let got: Vec<(Option<u32>, u32, &str)> = doc
        .lines
        .iter()
        .map(|l| (l.page, l.number, l.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), 1, "MASTER SERVICES AGREEMENT"),
            (Some(1), 2, "Effective Date: 1 March 2024"),
            (Some(3), 1, "12. Term"),
            (Some(3), 2, "The initial term is 36 months."),
        ]
    );
    assert_eq!(
        doc.text(),
        "MASTER SERVICES AGREEMENT\nEffective Date: 1 March 2024\n12. Term\nThe initial term is 36 months."
    );
}

#[test]
fn with_ocr_off_a_scanned_page_is_refused_naming_it() {
    let off = ReadOptions::without_ocr();
    let bytes = make_pdf(&[
        Page::Text(&["Services Agreement"]),
        Page::Text(&["Clause 2"]),
        Page::Image,
    ]);
    let e = err(read_bytes_with("scan.pdf", &bytes, &off));
    assert_eq!(
        e,
        "scan.pdf: page 3 has no text layer (a scanned image?): reading scans by OCR is off for this read"
    );
    let bytes = make_pdf(&[Page::Image, Page::Text(&["Clause 2"]), Page::Image]);
    let e = err(read_bytes_with("scan.pdf", &bytes, &off));
    assert!(e.contains("pages 1, 3 have no text layer"), "{e}");
    let bytes = make_pdf(&[Page::Image, Page::Image]);
    let e = err(read_bytes_with("scan.pdf", &bytes, &off));
    assert!(e.contains("no page of the PDF has a text layer"), "{e}");
}

#[test]
fn with_ocr_on_a_scanned_page_without_tesseract_is_refused_with_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-tesseract");
    let options = ReadOptions {
        ocr: Some(OcrOptions {
            tesseract: missing.clone(),
            ..OcrOptions::default()
        }),
    };
    let bytes = make_pdf(&[
        Page::Text(&["Services Agreement"]),
        Page::Text(&["Clause 2"]),
        Page::Image,
    ]);
    let e = read_bytes_with("scan.pdf", &bytes, &options).unwrap_err();
    assert_eq!(e.kind, crate::adapters::import::ImportErrorKind::Refused);
    assert!(
        e.message.starts_with(
            "page 3 is a scanned image with no text layer, to be read by OCR, but Tesseract could not be started ("
        ),
        "{e}"
    );
    assert!(e.message.contains(&missing.display().to_string()), "{e}");
    assert!(
        e.message.contains(
            "Install Tesseract: sudo apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa"
        ),
        "{e}"
    );
    assert!(e.message.contains("brew install tesseract"), "{e}");
    // Blank pages (no image) need no OCR and no Tesseract.
    let bytes = make_pdf(&[Page::Text(&["Services Agreement"]), Page::Blank]);
    let doc = read_bytes_with("blank.pdf", &bytes, &options).unwrap();
    assert_eq!(texts(&doc), ["Services Agreement"]);
    assert!(doc.ocr.is_empty());
}

#[test]
fn garbage_after_the_pdf_magic_is_an_error_not_a_panic() {
    let e = err(read_bytes(
        "broken.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF",
    ));
    assert!(
        e.contains("broken.pdf") && e.contains("not a readable PDF"),
        "{e}"
    );
}

#[test]
fn running_headers_footers_and_page_numbers_are_removed_and_numbers_kept() {
    let pages: Vec<String> = (1..=4)
        .map(|p| {
            format!(
                "\n\nACME / Widget Corp - Confidential\n\nClause {p} text line one\nline two of page {p}\n\nPage {p} of 4\n"
            )
        })
        .collect();
    let lines = pdf::page_lines(&pages);
    let page2: Vec<(u32, &str)> = lines
        .iter()
        .filter(|l| l.page == Some(2))
        .map(|l| (l.number, l.text.as_str()))
        .collect();
    assert_eq!(
        page2,
        [(3, "Clause 2 text line one"), (4, "line two of page 2")]
    );
    // One page: nothing is taken for a running line.
    let one = pdf::page_lines(&pages[..1]);
    assert_eq!(one.len(), 6);
    assert_eq!(one[0].text, "ACME / Widget Corp - Confidential");
}

#[test]
fn the_corpus_pdfs_read_as_their_source_text_page_by_page() {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_string).collect() };
    let mut n = 0;
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        n += 1;
        let doc = read_path(&path).unwrap();
        assert_eq!(doc.format, Format::Pdf);
        let src = std::fs::read_to_string(path.with_extension("pdf.txt")).unwrap();
        let src_pages: Vec<&str> = src.split("@pagebreak").collect();
        let pages = doc.lines.iter().filter_map(|l| l.page).max().unwrap();
        assert_eq!(pages as usize, src_pages.len(), "{}", path.display());
        for (i, src_page) in src_pages.iter().enumerate() {
            let page = i as u32 + 1;
            let expected: Vec<String> = source_blocks(src_page)
                .iter()
                .map(|b| b.trim_start_matches('#').to_string())
                .flat_map(|b| words(&b))
                .collect();
            let got: Vec<String> = doc
                .lines
                .iter()
                .filter(|l| l.page == Some(page))
                .flat_map(|l| words(&l.text))
                .collect();
            assert_eq!(got, expected, "{} page {page}", path.display());
        }
        // Numbers grow within each page.
        for w in doc.lines.windows(2) {
            if w[0].page == w[1].page {
                assert!(w[0].number < w[1].number, "{}", path.display());
            }
        }
    }
    assert_eq!(n, 7);
}
