//! The database stays small (issue 14 item 3): agreements are stored without what their
//! document gives back (sections, source texts) or `null`s, compressed with their
//! documents; every agreement reads back field for field; migration 0009 converts a
//! database written by the release before it.

use std::path::{Path, PathBuf};

use renewal_core::adapters::import::import_file;
use renewal_core::adapters::store::{compact, schema_version, Store};
use renewal_core::domain::model::Agreement;
use rusqlite::Connection;

use crate::common::*;

/// Every file of `tests/corpus/reading` the importer reads as a document (not the expected
/// outputs or the texts beside the Word and PDF files).
fn corpus_documents() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/reading");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.ends_with(".docx.txt")
                && !name.ends_with(".pdf.txt")
                && [".md", ".txt", ".docx", ".pdf"]
                    .iter()
                    .any(|x| name.ends_with(x))
        })
        .collect();
    out.sort();
    out
}

/// The stored (decompressed) JSON of agreement `id`.
fn stored_json(conn: &Connection, id: i64) -> String {
    let (data, packed): (String, Option<Vec<u8>>) = conn
        .query_row(
            "SELECT data, packed FROM agreements WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    compact::agreement_json(id, data, packed).unwrap()
}

#[test]
fn every_agreement_reads_back_field_for_field_as_imported() {
    let mut files = seed_files();
    files.extend(corpus_documents());
    assert!(files.len() > 40, "{} files", files.len());
    let mut read = 0;
    // Markdown documents imported, and those whose sections were left out of the row.
    let (mut markdown, mut sections_rebuilt) = (0, 0);
    for file in &files {
        let Ok(outcome) = import_file(file) else {
            continue; // a document the importer refuses is not stored
        };
        read += 1;
        let mut store = Store::open_in_memory().unwrap();
        let id = store.import(&outcome).unwrap().id;
        let got = store.get(id).unwrap().agreement;
        assert_eq!(got, outcome.agreement, "{}", file.display());
        // Nothing the document gives back is stored again, and no null.
        let json = stored_json(store.conn(), id);
        assert!(!json.contains(":null"), "{}: {json}", file.display());
        // Sections are stored only when the document does not give them back (the
        // reader's agreement of a document the section mapping refused has none).
        let rebuildable = compact::rebuilt_sections(&outcome.source_text) == got.sections;
        assert_eq!(
            json.contains("\"sections\""),
            !rebuildable,
            "{}",
            file.display()
        );
        if file.extension().is_some_and(|x| x == "md") {
            markdown += 1;
            if rebuildable {
                sections_rebuilt += 1;
            }
        }
        // The document itself reads back byte for byte.
        let (_, sha, text) = store.source_document(id).unwrap();
        assert_eq!((&sha, &text), (&outcome.sha256, &outcome.source_text));
    }
    assert!(read > 40, "{read} documents imported");
    // The seeds' sections at least are rebuilt from their documents, not stored.
    assert!(markdown >= 15, "{markdown} Markdown documents imported");
    assert!(
        sections_rebuilt >= 3,
        "{sections_rebuilt} of {markdown} Markdown documents"
    );
}

#[test]
fn edits_and_a_new_version_read_back_as_written() {
    let mut store = Store::open_in_memory().unwrap();
    let outcome = import_seed("microsoft-peru-mifibra.md");
    let id = store.import(&outcome).unwrap().id;
    let mut a = store.get(id).unwrap().agreement;
    a.contract_owner.as_mut().unwrap().value = "Legal Director".to_string();
    a.contract_owner.as_mut().unwrap().source =
        renewal_core::domain::model::Source::user("Legal Director");
    a.sections.truncate(2); // sections the document does not give: kept as they are
    store.update(id, &a, "edit").unwrap();
    let got = store.get(id).unwrap().agreement;
    assert_eq!(got, a);
    assert!(stored_json(store.conn(), id).contains("\"sections\""));

    // A new version of the document: its own sections again, rebuilt on read.
    let text = std::fs::read_to_string(seed("microsoft-peru-mifibra.md")).unwrap();
    let v2 = text.replacen("90-day notice", "60-day notice", 1);
    let outcome2 = renewal_core::adapters::import::import_markdown("m2.md", &v2).unwrap();
    store.import(&outcome2).unwrap();
    let got = store.get(id).unwrap().agreement;
    assert_eq!(got.sections, outcome2.agreement.sections);
    assert_eq!(
        got.non_renewal_notice.as_ref().unwrap().source.text,
        "- 60-day notice for non-renewal"
    );
    assert!(!stored_json(store.conn(), id).contains("\"sections\""));
}

/// Bytes of the database file after a WAL checkpoint and VACUUM (the pages in use).
fn vacuumed_size(path: &Path) -> u64 {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        .unwrap();
    drop(conn);
    std::fs::metadata(path).unwrap().len()
}

/// Measured 2026-11-30: 2.26× (the seeds ×20; 7.0× before sources became spans, 6.3×
/// before migration 0009). What remains is mostly the engine copy (`agreement_engine`,
/// about 0.66× the documents, unchanged) and SQLite's pages (one 4 KB page per row of
/// 2–4 KB); the agreements and their documents themselves take less than the documents.
#[test]
fn the_database_grows_by_at_most_three_times_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    drop(Store::open(&empty).unwrap());
    let empty_size = vacuumed_size(&empty);

    // The three seeds ×20, each copy with its own title.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let mut files = Vec::new();
    let mut bytes = 0u64;
    for seed_file in seed_files() {
        let text = std::fs::read_to_string(&seed_file).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        for i in 0..20 {
            let copy = format!("{first} {i:02}\n{rest}");
            let path = docs.join(format!(
                "{}-{i:02}.md",
                seed_file.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(&path, &copy).unwrap();
            bytes += copy.len() as u64;
            files.push(path);
        }
    }
    let path = dir.path().join("seeds.db");
    let mut store = Store::open(&path).unwrap();
    let report = renewal_core::services::portfolio::import_paths(
        &mut store,
        &files,
        &renewal_core::services::portfolio::ImportDefaults::default(),
        |_| {},
    )
    .unwrap();
    assert_eq!(report.created, 60);
    let stored: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT SUM(LENGTH(data) + LENGTH(packed)) FROM agreements)
                  + (SELECT SUM(LENGTH(source_text) + LENGTH(packed)) FROM documents)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        (stored as u64) < bytes,
        "agreements and documents stored in {stored} B for {bytes} B of documents"
    );
    drop(store);
    let size = vacuumed_size(&path);
    let growth = size - empty_size;
    // A regression bound, not the goal: 2.26× when rows were first packed (migration 0009),
    // 2.79× since the engine copy keeps each source's span for the streamed views (migration
    // 0010). Issue 14's goal of 1.5× is not reached (docs/benchmarks.md).
    assert!(
        growth <= bytes * 3,
        "database {size} B (empty {empty_size} B) for {bytes} B of documents: {:.2}×",
        growth as f64 / bytes as f64
    );
}

/// What the release before migration 0009 showed of each agreement: its row read as that
/// release read it (JSON with sections, source texts from the current document).
fn agreements_as_stored_before(conn: &Connection) -> Vec<(i64, Agreement)> {
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.data, d.source_text FROM agreements a
             LEFT JOIN documents d ON d.agreement_id = a.id AND d.sha256 = a.sha256
             ORDER BY a.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })
    .unwrap()
    .map(|row| {
        let (id, data, document) = row.unwrap();
        (
            id,
            compact::read_agreement(&data, document.as_deref()).unwrap(),
        )
    })
    .collect()
}

#[test]
fn a_database_made_by_the_release_before_0009_is_converted_without_changing_anything() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.db");
    std::fs::copy(fixtures.join("release-0008.db"), &path).unwrap();
    let before_size = vacuumed_size(&path);

    let (before, before_history, documents) = {
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 8, "the fixture was written by schema 8");
        let documents: Vec<(i64, String)> = conn
            .prepare("SELECT id, source_text FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (
            agreements_as_stored_before(&conn),
            history_rows(&conn, true),
            documents,
        )
    };
    assert_eq!(before.len(), 7);
    assert!(before_history.len() > 150, "{}", before_history.len());

    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version() as i64);
    for (id, old) in &before {
        assert_eq!(&store.get(*id).unwrap().agreement, old, "agreement {id}");
        let json = stored_json(store.conn(), *id);
        assert!(!json.contains(":null"), "agreement {id}");
    }
    // The Markdown seeds' sections are rebuilt from their documents, not stored.
    assert!(!stored_json(store.conn(), 1).contains("\"sections\""));
    assert_eq!(history_rows(store.conn(), true), before_history);
    // Every document version (the Microsoft seed has two) reads back byte for byte.
    for (id, text) in &documents {
        let (source_text, packed): (String, Option<Vec<u8>>) = store
            .conn()
            .query_row(
                "SELECT source_text, packed FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(source_text, "", "document {id} is stored packed");
        assert_eq!(&compact::document_text(source_text, packed).unwrap(), text);
    }
    drop(store);
    let after_size = vacuumed_size(&path);
    assert!(
        after_size < before_size,
        "{before_size} B -> {after_size} B"
    );

    // What the release's `renewals` printed, recorded in tests/fixtures/release-0008/,
    // this build prints the same: every agreement, history (words included) and deadline.
    let expected = fixtures.join("release-0008");
    let run = |args: &[&str]| {
        let o = renewals(&path, "2026-11-30", args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let want = |name: &str| std::fs::read_to_string(expected.join(name)).unwrap();
    for (id, _) in &before {
        let id = id.to_string();
        assert_eq!(
            run(&["show", &id, "--json"]),
            want(&format!("show-{id}.json")),
            "show {id}"
        );
        assert_eq!(
            run(&["history", &id]),
            want(&format!("history-{id}.txt")),
            "history {id}"
        );
        assert_eq!(
            run(&["history", &id, "--json"]),
            want(&format!("history-{id}.json")),
            "history {id} --json"
        );
    }
    assert_eq!(
        run(&["deadlines", "--json"]),
        want("deadlines.json"),
        "deadlines"
    );
    assert_eq!(run(&["list", "--json"]), want("list.json"), "list");
}
