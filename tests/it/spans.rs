//! Sources as line spans into the stored document (issue 14 item 3, issue 13 item 2): the
//! store keeps spans, not copies of text; every agreement read back has the same quotes;
//! migration 0005 converts a database written by the release before.

use std::path::Path;

use renewal_core::adapters::import::{import_file, import_file_spans, import_markdown};
use renewal_core::adapters::store::{compact, schema_version, Store};
use renewal_core::domain::model::{Agreement, Source};
use renewal_core::services::portfolio::{import_paths, ImportDefaults};
use rusqlite::Connection;

use crate::common::*;

/// Every source of `a` (a clone, in visiting order).
fn sources(a: &Agreement) -> Vec<Source> {
    let mut a = a.clone();
    let mut out = Vec::new();
    a.for_each_source_mut(|s| out.push(s.clone()));
    out
}

/// `(total bytes of the stored agreement JSON, that JSON of each agreement by id)`: the
/// `data` column, or since migration 0009 the `packed` column decompressed.
fn stored_data(conn: &Connection) -> (i64, Vec<(i64, String)>) {
    let has_packed: bool = conn
        .query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('agreements') WHERE name = 'packed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let sql = if has_packed {
        "SELECT id, data, packed FROM agreements ORDER BY id"
    } else {
        "SELECT id, data, NULL FROM agreements ORDER BY id"
    };
    let mut stmt = conn.prepare(sql).unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
            ))
        })
        .unwrap()
        .map(|row| {
            let (id, data, packed) = row.unwrap();
            (id, compact::agreement_json(id, data, packed).unwrap())
        })
        .collect();
    let total = rows.iter().map(|(_, j)| j.len() as i64).sum();
    (total, rows)
}

#[test]
fn a_database_made_by_the_release_before_spans_is_converted_without_losing_anything() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/release-0004.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.db");
    std::fs::copy(&fixture, &path).unwrap();

    // What the release stored: its JSON read with this build's model, span ends filled.
    let (before_bytes, before_data, before_history) = {
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 4, "the fixture was written by schema 4");
        let (bytes, data) = stored_data(&conn);
        (bytes, data, history_rows(&conn, false))
    };
    assert_eq!(before_data.len(), 3);
    let before: Vec<Agreement> = before_data
        .iter()
        .map(|(_, data)| {
            let mut a: Agreement = serde_json::from_str(data).unwrap();
            a.for_each_source_mut(|s| s.line_end = s.line);
            a
        })
        .collect();
    assert!(before_data[2]
        .1
        .contains(r#""text":"- 60-day notice for non-renewal""#));

    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version() as i64);

    // Agreements, values, warnings and every source's text as the release showed them.
    for ((id, _), old) in before_data.iter().zip(&before) {
        let now = store.get(*id).unwrap().agreement;
        assert_eq!(&now, old, "agreement {id}");
    }
    assert_eq!(
        before[0].contract_owner.as_ref().unwrap().source.text,
        "Legal Director",
        "the hand edit"
    );
    assert_eq!(before[0].warnings.len(), 2, "one warning was confirmed");
    let notice = &before[2].non_renewal_notice.as_ref().unwrap().source;
    assert_eq!(
        (notice.line, notice.text.as_str()),
        (Some(150), "- 60-day notice for non-renewal"),
        "the re-imported version's line"
    );
    // History unchanged, row for row (the old values keep their texts).
    assert_eq!(history_rows(store.conn(), false), before_history);
    assert!(before_history
        .iter()
        .any(|h| h.field == "non_renewal_notice.source.text"
            && h.old_value.as_deref() == Some(r#""- 90-day notice for non-renewal""#)));

    // The copies are gone: smaller JSON, no quote of a document line left in it.
    let (after_bytes, after_data) = stored_data(store.conn());
    let texts = |data: &[(i64, String)]| -> usize {
        data.iter()
            .map(|(_, j)| j.matches(r#""text":"#).count())
            .sum()
    };
    assert!(
        after_bytes < before_bytes,
        "stored JSON {before_bytes} -> {after_bytes} bytes"
    );
    assert!(
        texts(&after_data) * 10 < texts(&before_data),
        "source texts {} -> {}",
        texts(&before_data),
        texts(&after_data)
    );
    assert!(
        !after_data[2].1.contains(r#""text":"- 60-day notice"#),
        "{}",
        after_data[2].1
    );
    assert!(!after_data[2].1.contains(r#""text":"| "#));
    assert!(
        after_data[0].1.contains(r#""text":"Legal Director""#),
        "typed text kept"
    );
    // Opening again changes nothing.
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_data(store.conn()).1, after_data);
    let ok: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_batch_import_stores_spans_and_reads_back_the_quotes_of_a_direct_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    let files = seed_files();
    let report = import_paths(&mut store, &files, &ImportDefaults::default(), |_| {}).unwrap();
    assert_eq!(report.created, 3);
    for (i, file) in files.iter().enumerate() {
        let direct = import_file(file).unwrap().agreement;
        let stored = store.get(i as i64 + 1).unwrap().agreement;
        let (want, got) = (sources(&direct), sources(&stored));
        assert_eq!(want.len(), got.len());
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g);
            assert!(!g.text.is_empty(), "{g:?}");
        }
        // What a batch holds in memory: spans only, no text copied per value.
        let lean = import_file_spans(file).unwrap();
        assert!(sources(&lean.agreement)
            .iter()
            .all(|s| s.line.is_some() && s.text.is_empty()));
        assert_eq!(
            sources(&lean.agreement)
                .iter()
                .map(|s| lean.quote(s).unwrap_or_default())
                .collect::<Vec<_>>(),
            want.iter().map(|s| s.text.clone()).collect::<Vec<_>>()
        );
    }
    let (_, data) = stored_data(store.conn());
    for (id, json) in data {
        assert!(
            !json.contains(r#""text":"#),
            "agreement {id} stores a quote"
        );
    }
    // The notice's quote is the seed's line 148, verbatim.
    let a = store.get(1).unwrap().agreement;
    let notice = &a.non_renewal_notice.as_ref().unwrap().source;
    assert_eq!(notice.span(), Some((148, 148)));
    assert_eq!(notice.text, "- 90-day notice for non-renewal");

    // An edit keeps its typed text; the others stay spans.
    renewal_core::services::portfolio::edit_field(
        &mut store,
        1,
        renewal_core::services::edit::EditableField::ContractOwner,
        "Legal Director",
    )
    .unwrap();
    let json = stored_data(store.conn()).1.remove(0).1;
    assert_eq!(json.matches(r#""text":"#).count(), 1, "{json}");
    assert_eq!(
        store
            .get(1)
            .unwrap()
            .agreement
            .non_renewal_notice
            .unwrap()
            .source
            .text,
        "- 90-day notice for non-renewal"
    );
}

#[test]
fn lf_crlf_and_cr_only_documents_give_the_same_lines_and_quotes() {
    let text = std::fs::read_to_string(seed("microsoft-peru-mifibra.md")).unwrap();
    let lf = import_markdown("m.md", &text).unwrap().agreement;
    for ending in ["\r\n", "\r"] {
        let doc = text.replace('\n', ending);
        let a = import_markdown("m.md", &doc).unwrap().agreement;
        assert_eq!(sources(&a), sources(&lf), "{ending:?}");
        assert_eq!(a.effective_date, lf.effective_date);
        // Stored and read back through the store: the same again.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.md");
        std::fs::write(&file, &doc).unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        import_paths(&mut store, &[file], &ImportDefaults::default(), |_| {}).unwrap();
        assert_eq!(sources(&store.get(1).unwrap().agreement), sources(&lf));
    }
    let notice = &lf.non_renewal_notice.as_ref().unwrap().source;
    assert_eq!(notice.line, Some(148));
}

#[test]
fn a_value_in_a_wide_table_points_at_its_row_without_copying_it() {
    // One row of 63 amounts (with its label, the widest table the importer reads: 64
    // columns): each is a value with a source.
    let cols = 63;
    let header: String = (1..=cols).map(|i| format!(" Year {i} |")).collect();
    let sep: String = "---|".repeat(cols + 1);
    let row: String = (1..=cols).map(|i| format!(" S/{i}K |")).collect();
    let doc = format!(
        "# Wide Agreement\n\n| Field | Value |\n|---|---|\n| Parties | A / B |\n| Effective Date | 1 January 2025 |\n| Term | 3 years |\n\n## Volume Commitments\n\n| Item |{header}\n|{sep}\n| Spend |{row}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.md");
    std::fs::write(&file, &doc).unwrap();
    let lean = import_file_spans(&file).unwrap();
    let values = sources(&lean.agreement);
    assert!(values.len() > cols, "{} values", values.len());
    assert!(values.iter().all(|s| s.text.is_empty()), "nothing copied");
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    import_paths(&mut store, &[file], &ImportDefaults::default(), |_| {}).unwrap();
    let (bytes, _) = stored_data(store.conn());
    // Before spans each of the 63 values stored the whole row again.
    assert!(
        (bytes as usize) < 30 * doc.len(),
        "{bytes} bytes of JSON for a {} byte document",
        doc.len()
    );
    let a = store.get(1).unwrap().agreement;
    let last = a.commitments.iter().chain(&a.amounts).last().unwrap();
    assert_eq!(last.source.span(), Some((13, 13)));
    assert!(last.source.text.starts_with("| Spend | S/1K |"));
}
