//! The stored form of agreements and documents (issue 14 item 3, migration 0009): no text
//! twice, and what remains compressed.
//!
//! - An agreement's `data` JSON leaves out what can be rebuilt: the source texts its spans
//!   give back ([`super::spans`]), its `sections` when the Markdown reading of its current
//!   document gives exactly the same sections ([`rebuilt_sections`]), and every `null`
//!   (an absent optional field reads back as `None`). It is stored DEFLATE-compressed
//!   (RFC 1951, `flate2`) in `agreements.packed`, `agreements.data` left empty.
//! - A document's text is stored DEFLATE-compressed in `documents.packed`,
//!   `documents.source_text` left empty. Decompressed it is the document byte for byte.
//!
//! Rows written before migration 0009 (none after it runs) have `packed` NULL and their
//! text in `data` / `source_text`; readers take whichever is set ([`agreement_json`],
//! [`document_text`]). The compact engine copy (`agreement_engine`) is unchanged.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rusqlite::{params, Connection};
use serde_json::Value;

use crate::adapters::import::parse_sections;
use crate::domain::model::{Agreement, DocumentLines, Section};
use crate::error::{Error, Result};

use super::spans::strip_source_texts;

/// DEFLATE-compresses `text` (RFC 1951, default level).
pub fn pack(text: &str) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::with_capacity(text.len() / 3), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(text.as_bytes());
    enc.finish().unwrap_or_default()
}

/// The text `bytes` were [`pack`]ed from.
///
/// Errors: [`Error::Invalid`] naming `what` (e.g. "agreement 4") when the bytes are not a
/// DEFLATE stream of UTF-8 text (a damaged database).
pub fn unpack(bytes: &[u8], what: &str) -> Result<String> {
    let mut out = String::with_capacity(bytes.len() * 4);
    DeflateDecoder::new(bytes)
        .read_to_string(&mut out)
        .map_err(|e| Error::Invalid {
            field: what.to_string(),
            message: format!("the stored copy cannot be read ({e}); restore a backup"),
        })?;
    Ok(out)
}

/// An agreement's JSON from its row: `packed` when set (written since migration 0009),
/// else `data`. `id` names the agreement in errors ([`unpack`]).
pub fn agreement_json(id: i64, data: String, packed: Option<Vec<u8>>) -> Result<String> {
    match packed {
        Some(bytes) => unpack(&bytes, &format!("agreement {id}")),
        None => Ok(data),
    }
}

/// A document's text from its row: `packed` when set, else `source_text`.
/// Errors: as [`unpack`].
pub fn document_text(source_text: String, packed: Option<Vec<u8>>) -> Result<String> {
    match packed {
        Some(bytes) => unpack(&bytes, "document"),
        None => Ok(source_text),
    }
}

/// The sections the Markdown reader gives for `document` ([`parse_sections`]), as the
/// importer stores them in [`Agreement::sections`].
pub fn rebuilt_sections(document: &str) -> Vec<Section> {
    parse_sections(document)
        .iter()
        .map(|s| s.to_model())
        .collect()
}

/// The compact JSON of `agreement`, whose current document is `document`: source texts
/// its spans give back, `sections` equal to [`rebuilt_sections`] of the document (or empty
/// with no document), and every `null` left out. [`read_agreement`] gives the agreement
/// back field for field.
///
/// Errors: [`Error::Json`] if the agreement cannot be serialised.
pub fn compact_json(agreement: &Agreement, document: Option<&str>) -> Result<String> {
    let mut v = serde_json::to_value(agreement)?;
    let rebuildable = match document {
        Some(doc) => {
            strip_source_texts(&mut v, &DocumentLines::new(doc));
            agreement.sections == rebuilt_sections(doc)
        }
        None => agreement.sections.is_empty(),
    };
    if let Value::Object(map) = &mut v {
        if rebuildable {
            map.remove("sections");
        }
    }
    strip_nulls(&mut v);
    Ok(v.to_string())
}

/// The packed stored form of `agreement` ([`compact_json`], then [`pack`]).
///
/// Errors: as [`compact_json`].
pub fn stored_form(agreement: &Agreement, document: Option<&str>) -> Result<Vec<u8>> {
    Ok(pack(&compact_json(agreement, document)?))
}

/// Removes every `null` member of every object in `v`.
fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// Reads a stored agreement JSON (compact or not) whose current document is `document`:
/// `sections` left out are rebuilt from the document, and every source gets its text back
/// ([`super::spans::resolve_source_texts`]).
///
/// Errors: [`Error::Json`] when the JSON is not an agreement.
pub fn read_agreement(json: &str, document: Option<&str>) -> Result<Agreement> {
    let mut v: Value = serde_json::from_str(json)?;
    let rebuild = matches!(&v, Value::Object(map) if !map.contains_key("sections"));
    if let Value::Object(map) = &mut v {
        if rebuild {
            map.insert("sections".to_string(), Value::Array(Vec::new()));
        }
    }
    let mut a: Agreement = serde_json::from_value(v)?;
    if rebuild {
        if let Some(doc) = document {
            a.sections = rebuilt_sections(doc);
        }
    }
    super::spans::resolve_source_texts(&mut a, document);
    Ok(a)
}

/// Migration 0009: every document's text and every agreement's JSON into their packed
/// form ([`pack`], [`compact_json`]), their text columns emptied. Runs inside the
/// migrations' transaction, after the SQL that adds the `packed` columns. An agreement
/// whose stored JSON cannot be read is left as it is (and logged).
///
/// Errors: SQLite errors.
pub fn migrate_0009(conn: &Connection) -> rusqlite::Result<()> {
    {
        let mut read = conn.prepare(
            "SELECT a.id, a.data, d.source_text FROM agreements a
             LEFT JOIN documents d ON d.agreement_id = a.id AND d.sha256 = a.sha256
             WHERE a.packed IS NULL ORDER BY a.id",
        )?;
        let mut write =
            conn.prepare("UPDATE agreements SET data = '', packed = ?2 WHERE id = ?1")?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let data: String = row.get(1)?;
            let document: Option<String> = row.get(2)?;
            let compact = read_agreement(&data, document.as_deref())
                .and_then(|a| compact_json(&a, document.as_deref()));
            match compact {
                Ok(json) => {
                    write.execute(params![id, pack(&json)])?;
                }
                Err(e) => {
                    tracing::warn!("agreement {id}: stored JSON unreadable ({e}); left as it is")
                }
            }
        }
    }
    let mut read =
        conn.prepare("SELECT id, source_text FROM documents WHERE packed IS NULL ORDER BY id")?;
    let mut write =
        conn.prepare("UPDATE documents SET source_text = '', packed = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let text: String = row.get(1)?;
        write.execute(params![id, pack(&text)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_reads_back_byte_for_byte_and_damage_is_an_error() {
        let text = "# Título\r\n| a | b |\r\n".repeat(50);
        let bytes = pack(&text);
        assert!(bytes.len() < text.len() / 5, "{} bytes", bytes.len());
        assert_eq!(unpack(&bytes, "document").unwrap(), text);
        let err = unpack(&[0xff, 0x00, 0x12], "agreement 7").unwrap_err();
        assert!(err.to_string().contains("agreement 7"), "{err}");
    }

    #[test]
    fn sections_are_left_out_only_when_the_document_gives_them_back() {
        let doc = "# T\n\nA paragraph.\n\n## Terms\n\n| Field | Details |\n|---|---|\n| Term | 3 years |\n";
        let mut a = Agreement::new("T");
        a.sections = rebuilt_sections(doc);
        assert_eq!(a.sections.len(), 2);
        let json = compact_json(&a, Some(doc)).unwrap();
        assert!(!json.contains("sections"), "{json}");
        assert!(!json.contains("null"), "{json}");
        assert_eq!(read_agreement(&json, Some(doc)).unwrap(), a);

        // Sections that differ from the document's (another reader's) are kept as they are.
        let mut b = a.clone();
        b.sections.pop();
        let json = compact_json(&b, Some(doc)).unwrap();
        assert!(json.contains("\"sections\""), "{json}");
        assert_eq!(read_agreement(&json, Some(doc)).unwrap(), b);
        b.sections.clear();
        let json = compact_json(&b, Some(doc)).unwrap();
        assert_eq!(read_agreement(&json, Some(doc)).unwrap(), b);
    }
}
