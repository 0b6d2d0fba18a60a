//! Store tests: migrations, history, re-import, backup.

use renewal_core::adapters::import::import_markdown;
use renewal_core::adapters::store::{migrate, migration_steps, ImportAction, Store};
use renewal_core::Error;
use rusqlite::Connection;

use crate::common::*;

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn migrations_validate() {
    let steps = migration_steps();
    let m = rusqlite_migration::Migrations::new(
        steps.iter().map(|s| rusqlite_migration::M::up(s)).collect(),
    );
    m.validate()
        .expect("every migration applies to an empty database");
    let store = Store::open_in_memory().unwrap();
    assert_eq!(user_version(store.conn()), steps.len() as i64);
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn file_database_uses_wal_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("sub/folder/r.db")).unwrap();
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let timeout: i64 = store
        .conn()
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert!(timeout >= 5000);
}

#[test]
fn a_failing_migration_leaves_the_schema_untouched() {
    let mut conn = Connection::open_in_memory().unwrap();
    let mut steps = migration_steps();
    migrate(&mut conn, &steps).unwrap();
    let before = tables(&conn);
    let version = user_version(&conn);
    // A new migration whose first statement works and whose second fails.
    steps.push(
        "CREATE TABLE added_by_bad_migration(x INTEGER); INSERT INTO no_such_table VALUES (1);",
    );
    let err = migrate(&mut conn, &steps).unwrap_err();
    assert!(matches!(err, Error::Schema(_)), "{err}");
    assert_eq!(
        tables(&conn),
        before,
        "nothing of the failed migration remains"
    );
    assert_eq!(user_version(&conn), version);

    // On an empty database too: all pending migrations are one transaction.
    let mut fresh = Connection::open_in_memory().unwrap();
    assert!(migrate(&mut fresh, &steps).is_err());
    assert!(tables(&fresh).is_empty());
    assert_eq!(user_version(&fresh), 0);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", 999)
            .unwrap();
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Schema(_)));
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[test]
fn reimport_of_the_same_file_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = import_seed("microsoft-peru-mifibra.md");
    let first = store.import(&doc).unwrap();
    assert_eq!(first.action, ImportAction::Created);
    let history = store.history(first.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "import");
    let before = store.get(first.id).unwrap();
    let again = store.import(&doc).unwrap();
    assert_eq!(again.action, ImportAction::Unchanged);
    assert_eq!(again.id, first.id);
    assert_eq!(store.get(first.id).unwrap(), before);
    assert_eq!(store.history(first.id).unwrap().len(), 1);
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn a_changed_version_updates_the_agreement_and_records_history() {
    let mut store = Store::open_in_memory().unwrap();
    let path = seed("microsoft-peru-mifibra.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let v1 = import_markdown("ms.md", &text).unwrap();
    let id = store.import(&v1).unwrap().id;
    let changed = text.replace(
        "- 90-day notice for non-renewal",
        "- 60-day notice for non-renewal",
    );
    let v2 = import_markdown("ms-v2.md", &changed).unwrap();
    let r = store.import(&v2).unwrap();
    assert_eq!(r.action, ImportAction::Updated);
    assert_eq!(r.id, id);
    let a = store.get(id).unwrap();
    assert_eq!(
        a.agreement
            .non_renewal_notice
            .as_ref()
            .unwrap()
            .value
            .amount,
        60
    );
    assert_eq!(a.sha256, v2.sha256);
    let h = store.history(id).unwrap();
    let amount = h
        .iter()
        .find(|e| e.field == "non_renewal_notice.value.amount")
        .expect("the notice change is in the history");
    assert_eq!(amount.action, "reimport");
    assert_eq!(amount.old_value.as_deref(), Some("90"));
    assert_eq!(amount.new_value.as_deref(), Some("60"));
    assert!(h.iter().any(
        |e| e.field == "document.sha256" && e.old_value.as_deref() == Some(v1.sha256.as_str())
    ));
    // Both versions of the document are kept verbatim.
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM documents WHERE agreement_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
    let (_, sha, current) = store.source_document(id).unwrap();
    assert_eq!((sha, current), (v2.sha256.clone(), changed));
}

#[test]
fn edits_are_recorded_and_history_is_append_only() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .import(&import_seed("aws-peru-mifibra.md"))
        .unwrap()
        .id;
    let mut a = store.get(id).unwrap().agreement;
    a.business_day_adjustment = false;
    let changes = store.update(id, &a, "edit").unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, "business_day_adjustment");
    let h = store.history(id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.field.as_str()),
        ("edit", "business_day_adjustment")
    );
    assert_eq!(
        (last.old_value.as_deref(), last.new_value.as_deref()),
        (Some("true"), Some("false"))
    );
    // Unchanged update writes nothing.
    assert!(store.update(id, &a, "edit").unwrap().is_empty());
    assert_eq!(store.history(id).unwrap().len(), h.len());
    // The history cannot be rewritten.
    assert!(store
        .conn()
        .execute("UPDATE history SET action = 'x'", [])
        .is_err());
    assert!(store.conn().execute("DELETE FROM history", []).is_err());
}

#[test]
fn backup_restores_to_an_equal_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("live.db")).unwrap();
    for f in seed_files() {
        store
            .import(&renewal_core::adapters::import::import_file(&f).unwrap())
            .unwrap();
    }
    let mut a = store.get(1).unwrap().agreement;
    a.business_day_adjustment = false;
    store.update(1, &a, "edit").unwrap();
    let dest = dir.path().join("backup.db");
    store.backup(&dest).unwrap();
    // A second backup never overwrites a file.
    assert!(store.backup(&dest).is_err());
    let restored = Store::open(&dest).unwrap();
    assert_eq!(restored.list().unwrap(), store.list().unwrap());
    for id in 1..=3 {
        assert_eq!(restored.history(id).unwrap(), store.history(id).unwrap());
        assert_eq!(
            restored.source_document(id).unwrap(),
            store.source_document(id).unwrap()
        );
    }
}

#[test]
fn cli_backup_copies_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let seed = seed("aws-chile-wom.md").display().to_string();
    assert!(renewals(&db, "2026-11-23", &["import", &seed])
        .status
        .success());
    let dest = dir.path().join("copy.db");
    let out = renewals(&db, "2026-11-23", &["backup", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = renewals(&db, "2026-11-23", &["list", "--json"]);
    let b = renewals(&dest, "2026-11-23", &["list", "--json"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("AWS Chile"));
}

#[test]
fn cli_edit_validates_and_records_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let seed = seed("aws-peru-mifibra.md").display().to_string();
    assert!(renewals(&db, "2026-11-23", &["import", &seed])
        .status
        .success());
    // An impossible date is refused with the field named, and nothing changes.
    let out = renewals(
        &db,
        "2026-11-23",
        &["edit", "1", "effective_date", "31 February 2024"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("effective_date") && stderr(&out).contains("does not exist"));
    // Filling the missing renewal clause changes what the engine computes.
    for (field, value) in [
        ("auto_renewal", "yes"),
        ("renewal_period", "12 months"),
        ("non_renewal_notice", "90 days"),
    ] {
        let out = renewals(&db, "2026-11-23", &["edit", "1", field, value]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let list: serde_json::Value =
        serde_json::from_slice(&renewals(&db, "2026-11-23", &["list", "--json"]).stdout).unwrap();
    assert_eq!(list[0]["status"], "active");
    assert_eq!(list[0]["current_term_end"], "2027-06-30");
    let h: serde_json::Value =
        serde_json::from_slice(&renewals(&db, "2026-11-23", &["history", "1", "--json"]).stdout)
            .unwrap();
    let h = h.as_array().unwrap();
    // A field that was unknown is recorded whole: old value absent, new value the clause.
    let e = h.iter().find(|e| e["field"] == "renewal_period").unwrap();
    assert_eq!(e["action"], "edit");
    assert!(e["old_value"].is_null());
    assert!(
        e["new_value"].as_str().unwrap().contains("\"amount\":12"),
        "{e}"
    );
    assert!(
        e["new_value"]
            .as_str()
            .unwrap()
            .contains("Edited in Renewal Desk"),
        "{e}"
    );
    assert!(h.iter().any(|e| e["field"] == "auto_renewal"));
}
