//! Sources as line spans into the stored document (issue 14 item 3, issue 13 item 2).
//!
//! The store keeps every imported document verbatim (`documents.source_text`), so a
//! source whose span lies in the agreement's current document needs no copy of its text:
//! the `data` JSON keeps `line` (and `line_end` when it differs) and the text is read back
//! from the document's lines ([`DocumentLines::span_text`]) whenever an agreement is read.
//! A source keeps its `text` in the JSON only where there is no document line to point to
//! (a value typed or edited by hand), where its span does not give back exactly that text
//! (the text of a PDF page's line, a document changed by hand), or when the agreement has
//! no stored document. History entries keep their old and new values as they were.
//!
//! Migration 0005 ([`migrate_0005`]) converts databases written before: every source text
//! that its span gives back exactly is dropped from the stored JSON.
//!
//! Since migration 0009 the stored JSON is also compact and compressed
//! ([`super::compact`]), which strips source texts with [`strip_source_texts`].

use rusqlite::{params, Connection};
use serde_json::Value;

use crate::domain::model::{Agreement, DocumentLines};
use crate::error::Result;

/// The JSON of `agreement` with its source texts stored as spans (the `data` column's form
/// from migration 0005 to 0008; the store now writes [`super::compact::stored_form`]),
/// whose current document is `document`: each
/// source whose span resolves in it to its text (or whose text is still empty, a span read
/// by [`crate::adapters::import::import_file_spans`]) is stored as its span only.
///
/// Errors: [`crate::Error::Json`] if the agreement cannot be serialised.
pub fn stored_json(agreement: &Agreement, document: Option<&str>) -> Result<String> {
    let mut v = serde_json::to_value(agreement)?;
    if let Some(doc) = document {
        strip_source_texts(&mut v, &DocumentLines::new(doc));
    }
    Ok(v.to_string())
}

/// Removes, in an agreement's JSON `v`, the `text` of every `source` object (at any
/// depth) that has a `line`, no `page`, and a text equal to what its span gives in
/// `document` (or an empty text); and its `line_end` when equal to `line`. Returns how many
/// texts were removed. A source whose span does not resolve keeps its text.
pub fn strip_source_texts(v: &mut Value, document: &DocumentLines<'_>) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            for (k, x) in map.iter_mut() {
                if k == "source" {
                    if let Value::Object(src) = x {
                        n += strip_one(src, document);
                        continue;
                    }
                }
                n += strip_source_texts(x, document);
            }
            n
        }
        Value::Array(items) => items
            .iter_mut()
            .map(|x| strip_source_texts(x, document))
            .sum(),
        _ => 0,
    }
}

fn strip_one(src: &mut serde_json::Map<String, Value>, document: &DocumentLines<'_>) -> usize {
    let number = |k: &str| {
        src.get(k)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    let Some(line) = number("line") else {
        return 0;
    };
    if src.get("page").is_some_and(|p| !p.is_null()) {
        return 0;
    }
    let end = number("line_end").unwrap_or(line);
    if end == line {
        src.remove("line_end");
    }
    let same = match src.get("text").and_then(Value::as_str) {
        None => return 0,
        Some("") => true,
        Some(text) => document.span_text(line, end).as_deref() == Some(text),
    };
    if same {
        src.remove("text");
        1
    } else {
        0
    }
}

/// Gives an agreement read from the store its sources' texts back from `document`, its
/// current document, and each source's `line_end` (absent in agreements stored before
/// spans: the same as `line`). A span that does not resolve (which the store never writes)
/// is logged and keeps an empty text; nothing panics.
pub fn resolve_source_texts(agreement: &mut Agreement, document: Option<&str>) {
    agreement.for_each_source_mut(|s| {
        if s.line.is_some() && s.line_end.is_none() {
            s.line_end = s.line;
        }
    });
    let Some(doc) = document else {
        return;
    };
    let unresolved = agreement.fill_source_texts(&DocumentLines::new(doc));
    if unresolved > 0 {
        tracing::warn!(
            "{}: {unresolved} source span(s) lie beyond the stored document; their text is empty",
            agreement.title
        );
    }
}

/// Migration 0005: drops from every stored agreement the source texts that its current
/// document's lines give back exactly ([`strip_source_texts`]). Agreements without a stored
/// document, and sources whose text differs from their line (a PDF page's line, a value
/// typed by hand), are left as they are. Runs inside the migrations' transaction.
///
/// Errors: SQLite errors; an agreement whose JSON cannot be read is left unchanged.
pub fn migrate_0005(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT a.id, a.data, d.source_text FROM agreements a
         JOIN documents d ON d.agreement_id = a.id AND d.sha256 = a.sha256
         ORDER BY a.id",
    )?;
    let mut write = conn.prepare("UPDATE agreements SET data = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let data: String = row.get(1)?;
        let document: String = row.get(2)?;
        let Ok(mut v) = serde_json::from_str::<Value>(&data) else {
            tracing::warn!("agreement {id}: stored JSON unreadable; left as it is");
            continue;
        };
        if strip_source_texts(&mut v, &DocumentLines::new(&document)) > 0 {
            write.execute(params![id, v.to_string()])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_texts_the_span_gives_back_are_stripped() {
        let doc = "# T\r\n| Term | 3 years |\r\n- a list item\r\n  continued\r\n";
        let lines = DocumentLines::new(doc);
        let mut v = json!({
            "initial_term": {"value": 1, "source": {"line": 2, "section": "S", "text": "| Term | 3 years |"}},
            "renewal_terms": [
                {"value": "x", "source": {"line": 3, "line_end": 4, "section": "S", "text": "- a list item\n  continued"}},
                {"value": "y", "source": {"line": 3, "line_end": 3, "section": "S", "text": "changed by hand"}},
                {"value": "z", "source": {"line": null, "section": "Edited in Renewal Desk", "text": "typed"}},
                {"value": "p", "source": {"line": 2, "page": 1, "section": "S", "text": "| Term | 3 years |"}},
                {"value": "b", "source": {"line": 9, "section": "S", "text": "beyond"}},
                {"value": "e", "source": {"line": 1, "section": "S", "text": ""}}
            ]
        });
        assert_eq!(strip_source_texts(&mut v, &lines), 3);
        assert_eq!(
            v["initial_term"]["source"],
            json!({"line": 2, "section": "S"})
        );
        let terms = &v["renewal_terms"];
        assert_eq!(
            terms[0]["source"],
            json!({"line": 3, "line_end": 4, "section": "S"})
        );
        assert_eq!(terms[1]["source"]["text"], "changed by hand");
        assert_eq!(terms[1]["source"].get("line_end"), None, "same as line");
        assert_eq!(terms[2]["source"]["text"], "typed");
        assert_eq!(
            terms[3]["source"]["text"], "| Term | 3 years |",
            "a page's line"
        );
        assert_eq!(terms[4]["source"]["text"], "beyond");
        assert_eq!(terms[5]["source"], json!({"line": 1, "section": "S"}));

        // Read back: every text as it was, spans complete.
        let mut a = crate::domain::model::Agreement::new("T");
        a.renewal_terms = serde_json::from_value(terms.clone()).unwrap();
        resolve_source_texts(&mut a, Some(doc));
        let texts: Vec<&str> = a
            .renewal_terms
            .iter()
            .map(|s| s.source.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "- a list item\n  continued",
                "changed by hand",
                "typed",
                "| Term | 3 years |",
                "beyond",
                "# T"
            ]
        );
        assert_eq!(a.renewal_terms[1].source.line_end, Some(3));
        assert_eq!(a.renewal_terms[2].source.line_end, None);
    }

    #[test]
    fn a_span_beyond_the_document_reads_back_empty_without_panicking() {
        let mut a = crate::domain::model::Agreement::new("T");
        a.renewal_terms.push(crate::domain::model::Sourced::new(
            "x".to_string(),
            crate::domain::model::Source::span_of("S", 40, 41),
        ));
        resolve_source_texts(&mut a, Some("one line"));
        assert_eq!(a.renewal_terms[0].source.text, "");
        resolve_source_texts(&mut a, None);
        assert_eq!(a.renewal_terms[0].source.text, "");
    }
}
