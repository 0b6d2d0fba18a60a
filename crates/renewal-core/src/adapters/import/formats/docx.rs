//! Word `.docx` (Office Open XML) documents, read with `zip` and `quick-xml`.
//!
//! `word/document.xml` is read in order; each block becomes one or more lines of Markdown-like
//! text, with a blank line between blocks:
//!
//! - a paragraph in a heading style (`Heading 1`.. `Heading 6`, `Title`, or any style or
//!   paragraph with an outline level) → `# text`, `## text`, ...;
//! - a list paragraph (numbering, or a list style) → `- text`, indented two spaces a level;
//! - a table → GFM pipe rows `| a | b |`, with a `|---|---|` separator after the first row,
//!   so that a Word table reads like a Markdown table; a cell's paragraphs are joined by a
//!   space and `|` in a cell is written `\|`; a table inside a cell is flattened into it;
//! - any other paragraph → its text. The text of its `w:t` runs is joined; a tab (`w:tab`)
//!   is kept as a tab; a line break (`w:br`, `w:cr`) starts a new line; a non-breaking
//!   hyphen is `-`; deleted text (tracked changes) and field codes are left out.
//!
//! Headers, footers, footnotes, comments and text boxes' fallback copies are not read.
//! Bounded: each XML part is read up to [`MAX_XML_BYTES`] uncompressed, whatever its declared
//! size, so a "zip bomb" is refused.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::Line;
use crate::adapters::import::ImportError;

/// Largest uncompressed size of `word/document.xml` accepted (64 MiB; a 500-page contract's
/// is a few megabytes). Bounds memory against ZIP entries that inflate without limit.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// What a paragraph is, from its style and properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    List,
    Body,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    numbered: bool,
    level: u8,
    outline: Option<u8>,
}

/// A table being read.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

enum Block {
    Para(Kind, u8, String),
    Table(Vec<Vec<String>>),
}

/// Reads a `.docx` file's text as lines (see the module documentation).
pub(super) fn read(file_name: &str, bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        ImportError::new(
            file_name,
            format!("is not a readable ZIP archive ({e}); expected a Word .docx document"),
        )
    })?;
    let document = read_entry(file_name, &mut archive, "word/document.xml")?.ok_or_else(|| {
        ImportError::new(
            file_name,
            "is a ZIP archive without word/document.xml; expected a Word .docx document",
        )
    })?;
    let styles = match read_entry(file_name, &mut archive, "word/styles.xml")? {
        Some(xml) => parse_styles(&xml),
        None => HashMap::new(),
    };
    let blocks = parse_document(file_name, &document, &styles)?;
    let lines = to_lines(&blocks);
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(ImportError::new(
            file_name,
            "the Word document has no text; expected an agreement document",
        ));
    }
    Ok(lines)
}

/// The entry `name` as UTF-8 text, at most [`MAX_XML_BYTES`] once inflated; `None` if absent.
fn read_entry(
    file_name: &str,
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let bad = |what: String| {
        ImportError::new(
            file_name,
            format!("{name} in the Word document {what}; expected a Word .docx document"),
        )
    };
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(format!("cannot be read ({e})"))),
    };
    let too_big = || {
        bad(format!(
            "inflates to more than {} MB (a ZIP bomb?)",
            MAX_XML_BYTES / 1_048_576
        ))
    };
    if entry.size() > MAX_XML_BYTES {
        return Err(too_big());
    }
    let mut data = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| bad(format!("cannot be inflated ({e})")))?;
    if data.len() as u64 > MAX_XML_BYTES {
        return Err(too_big());
    }
    let text = String::from_utf8(data).map_err(|e| {
        bad(format!(
            "is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Some(text))
}

fn attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<Cow<'a, str>> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| Cow::Owned(v.into_owned()))
}

/// Style id → kind, from `word/styles.xml`: `heading N` / `Title` / an outline level are
/// headings; a style whose name mentions "list" is a list.
fn parse_styles(xml: &str) -> HashMap<String, Kind> {
    let mut map = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut id: Option<String> = None;
    let mut kind = Kind::Body;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "w:style" => {
                id = attr(&e, "w:styleId").map(Cow::into_owned);
                kind = Kind::Body;
            }
            Ok(Event::Start(e) | Event::Empty(e)) if id.is_some() => match e.name().as_ref() {
                "w:name" => {
                    if let Some(name) = attr(&e, "w:val") {
                        kind = kind_of_name(&name).unwrap_or(kind);
                    }
                }
                "w:outlineLvl" => {
                    if let Some(level) = attr(&e, "w:val").and_then(|v| v.parse::<u8>().ok()) {
                        if level < 6 && kind == Kind::Body {
                            kind = Kind::Heading(level + 1);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == "w:style" => {
                if let Some(id) = id.take() {
                    if kind != Kind::Body {
                        map.insert(id, kind);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    map
}

/// The kind a style name or id implies (`heading 2`, `Heading2`, `Title`, `List Paragraph`).
fn kind_of_name(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "title" {
        return Some(Kind::Heading(1));
    }
    if let Some(n) = compact.strip_prefix("heading") {
        if let Ok(level) = n.parse::<u8>() {
            return Some(Kind::Heading(level.clamp(1, 6)));
        }
    }
    if compact.contains("list") {
        return Some(Kind::List);
    }
    None
}

fn malformed(file_name: &str, pos: u64, e: impl std::fmt::Display) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "word/document.xml is malformed at byte {pos} ({e}); expected a Word .docx document"
        ),
    )
}

fn parse_document(
    file_name: &str,
    xml: &str,
    styles: &HashMap<String, Kind>,
) -> Result<Vec<Block>, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    let mut in_run = 0u32;
    let mut in_ppr = 0u32;
    let mut skip = 0u32;

    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(file_name, reader.buffer_position(), e))?;
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "mc:Fallback" => skip = 1,
                "w:p" => paras.push(Para::default()),
                "w:pPr" => in_ppr += 1,
                "w:r" => in_run += 1,
                "w:t" => in_text = true,
                "w:tbl" => tables.push(Table::default()),
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.row = Some(Vec::new());
                    }
                }
                "w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.cell = Some(String::new());
                    }
                }
                _ => paragraph_property(&e, in_ppr, paras.last_mut()),
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" if in_run > 0 && in_ppr == 0 => push_text(&mut paras, "\t"),
                "w:br" | "w:cr" if in_run > 0 => push_text(&mut paras, "\n"),
                "w:noBreakHyphen" if in_run > 0 => push_text(&mut paras, "-"),
                "w:p" => {}
                _ => paragraph_property(&e, in_ppr, paras.last_mut()),
            },
            Event::Text(t) if in_text => push_text(&mut paras, &t.xml10_content()),
            Event::CData(t) if in_text => push_text(&mut paras, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut paras, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:r" => in_run = in_run.saturating_sub(1),
                "w:pPr" => in_ppr = in_ppr.saturating_sub(1),
                "w:p" => {
                    if let Some(p) = paras.pop() {
                        end_paragraph(p, styles, &mut tables, &mut blocks);
                    }
                }
                "w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = t.cell.take().unwrap_or_default();
                        t.row.get_or_insert_with(Vec::new).push(cell);
                    }
                }
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(row) = t.row.take() {
                            t.rows.push(row);
                        }
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                            Some(cell) => {
                                // A table inside a cell: its rows become text in the cell.
                                for row in &t.rows {
                                    append_cell(cell, &row.join(" / "));
                                }
                            }
                            None => blocks.push(Block::Table(t.rows)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

fn push_text(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// Records `w:pStyle`, `w:numPr`, `w:ilvl` and `w:outlineLvl` of the paragraph being read.
fn paragraph_property(e: &BytesStart<'_>, in_ppr: u32, para: Option<&mut Para>) {
    let Some(p) = para else { return };
    if in_ppr == 0 {
        return;
    }
    match e.name().as_ref() {
        "w:pStyle" => p.style = attr(e, "w:val").map(Cow::into_owned),
        "w:numPr" => p.numbered = true,
        "w:ilvl" => {
            p.level = attr(e, "w:val")
                .and_then(|v| v.parse::<u8>().ok())
                .unwrap_or(0)
                .min(8)
        }
        "w:outlineLvl" => p.outline = attr(e, "w:val").and_then(|v| v.parse::<u8>().ok()),
        _ => {}
    }
}

fn append_cell(cell: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(text);
}

fn end_paragraph(
    p: Para,
    styles: &HashMap<String, Kind>,
    tables: &mut [Table],
    blocks: &mut Vec<Block>,
) {
    if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
        let text = p.text.replace(['\n', '\t'], " ");
        append_cell(cell, &text);
        return;
    }
    let style_kind = p
        .style
        .as_deref()
        .and_then(|s| styles.get(s).copied().or_else(|| kind_of_name(s)));
    let kind = match (p.outline, style_kind) {
        (Some(level), _) if level < 6 => Kind::Heading(level + 1),
        (_, Some(kind)) => kind,
        _ if p.numbered => Kind::List,
        _ => Kind::Body,
    };
    if p.text.trim().is_empty() {
        return;
    }
    blocks.push(Block::Para(kind, p.level, p.text));
}

fn table_row(cells: &[String], width: usize) -> String {
    let mut row = String::from("|");
    for i in 0..width {
        let cell = cells.get(i).map(String::as_str).unwrap_or("");
        row.push(' ');
        row.push_str(&cell.replace('|', "\\|"));
        row.push_str(" |");
    }
    row
}

fn to_lines(blocks: &[Block]) -> Vec<Line> {
    let mut texts: Vec<String> = Vec::new();
    for block in blocks {
        if !texts.is_empty() {
            texts.push(String::new());
        }
        match block {
            Block::Para(kind, level, text) => {
                let prefix = match kind {
                    Kind::Heading(n) => format!("{} ", "#".repeat(usize::from(*n))),
                    Kind::List => format!("{}- ", "  ".repeat(usize::from(*level))),
                    Kind::Body => String::new(),
                };
                for (i, part) in text.split('\n').enumerate() {
                    if i == 0 {
                        texts.push(format!("{prefix}{}", part.trim_end()));
                    } else {
                        texts.push(part.trim_end().to_string());
                    }
                }
            }
            Block::Table(rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                for (i, row) in rows.iter().enumerate() {
                    texts.push(table_row(row, width));
                    if i == 0 {
                        texts.push(format!("|{}", "---|".repeat(width)));
                    }
                }
            }
        }
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Line {
            page: None,
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text,
        })
        .collect()
}
