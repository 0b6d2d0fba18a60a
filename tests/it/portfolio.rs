//! What the desktop app does with a store (renewal_core::services::portfolio): batch import with progress
//! and per-file results, samples, settings, an agreement's page, backup and calendar export.

use renewal_core::adapters::brief::Paper;
use renewal_core::adapters::store::{ImportAction, Store};
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::{
    agreement_page, backup_replacing, edit_field, export_calendar, import_paths, import_samples,
    set_business_day_adjustment, set_paper, settings, ImportDefaults, ImportPhase, IMPORT_CHUNK,
};
use renewal_core::services::samples::generate_document;

use crate::common::*;

#[test]
fn a_batch_reports_progress_and_each_file_and_stores_nothing_of_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("scan.md");
    std::fs::write(&binary, b"# Title\n\0\x01binary").unwrap();
    let no_fields = dir.path().join("notes.md");
    std::fs::write(&no_fields, "# Shopping list\n\n- milk\n").unwrap();
    let missing = dir.path().join("missing.md");
    let mut paths = seed_files();
    paths.insert(1, binary.clone());
    paths.push(no_fields);
    paths.push(missing);

    let mut store = Store::open_in_memory().unwrap();
    let mut progress = Vec::new();
    let report = import_paths(&mut store, &paths, &ImportDefaults::default(), |p| {
        progress.push(p)
    })
    .unwrap();

    // Progress: one step per file read, then storing, then finished.
    let phases: Vec<_> = progress
        .iter()
        .map(|p| (p.phase, p.done, p.total))
        .collect();
    let mut want: Vec<_> = (1..=6).map(|i| (ImportPhase::Reading, i, 6)).collect();
    want.push((ImportPhase::Storing, 6, 6));
    want.push((ImportPhase::Finished, 6, 6));
    assert_eq!(phases, want);
    assert_eq!(progress[1].file, "scan.md");

    // Per file, in input order.
    assert_eq!((report.created, report.failed), (3, 3));
    let files: Vec<_> = report.results.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        vec![
            "microsoft-peru-mifibra.md",
            "scan.md",
            "aws-peru-mifibra.md",
            "aws-chile-wom.md",
            "notes.md",
            "missing.md"
        ]
    );
    let scan = &report.results[1];
    assert!(scan.imported.is_none());
    let err = scan.error.as_ref().unwrap();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("binary"), "{}", err.message);
    assert!(report.results[5]
        .error
        .as_ref()
        .unwrap()
        .message
        .contains("cannot read"));
    let chile = &report.results[3];
    assert_eq!(
        chile.imported.as_ref().unwrap().action,
        ImportAction::Created
    );
    assert_eq!(chile.warnings.len(), 3, "{:?}", chile.warnings);
    assert!(chile.warnings.iter().any(|w| w.code == "currency_assumed"));
    assert_eq!(store.count().unwrap(), 3, "nothing of the bad files");

    // Again: nothing changes.
    let again = import_paths(
        &mut store,
        &seed_files(),
        &ImportDefaults::default(),
        |_| {},
    )
    .unwrap();
    assert_eq!((again.created, again.unchanged), (0, 3));
}

/// Issue 14 item 4: a batch larger than a chunk is read and stored chunk by chunk, each
/// chunk in its own transaction, with every document's result in input order and a bad
/// document in a later chunk failing alone.
#[test]
fn a_batch_larger_than_a_chunk_is_stored_chunk_by_chunk_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 2 * IMPORT_CHUNK + 50;
    let bad_at = IMPORT_CHUNK + 7; // in the second chunk
    let mut paths = Vec::new();
    for i in 0..n {
        let path = dir.path().join(format!("agreement-{i:05}.md"));
        if i == bad_at {
            std::fs::write(&path, "# Shopping list\n\n- milk\n").unwrap();
        } else {
            std::fs::write(&path, generate_document(i)).unwrap();
        }
        paths.push(path);
    }
    let db = dir.path().join("chunks.db");
    let mut store = Store::open(&db).unwrap();
    let mut progress = Vec::new();
    let report = import_paths(&mut store, &paths, &ImportDefaults::default(), |p| {
        progress.push((p.phase, p.done, p.total))
    })
    .unwrap();

    // Storing comes after each chunk is read: at 200, 400 and 450 documents read.
    let storing: Vec<usize> = progress
        .iter()
        .filter(|(phase, _, _)| *phase == ImportPhase::Storing)
        .map(|(_, done, _)| *done)
        .collect();
    assert_eq!(storing, [IMPORT_CHUNK, 2 * IMPORT_CHUNK, n]);
    assert_eq!(progress.last(), Some(&(ImportPhase::Finished, n, n)));
    let reading = progress
        .iter()
        .filter(|(phase, _, _)| *phase == ImportPhase::Reading)
        .count();
    assert_eq!(reading, n);

    // One result per file, in input order; only the bad one failed.
    assert_eq!(report.results.len(), n);
    for (i, r) in report.results.iter().enumerate() {
        assert_eq!(r.file, format!("agreement-{i:05}.md"));
        assert_eq!(r.imported.is_some(), i != bad_at, "{i}: {:?}", r.error);
    }
    assert_eq!((report.created, report.failed), (n - 1, 1));
    assert_eq!(store.count().unwrap(), i64::try_from(n - 1).unwrap());
    // Ids follow the input order across chunks.
    let ids: Vec<i64> = report
        .results
        .iter()
        .filter_map(|r| r.imported.as_ref().map(|i| i.id))
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");

    // Importing the same files again changes nothing.
    let again = import_paths(&mut store, &paths, &ImportDefaults::default(), |_| {}).unwrap();
    assert_eq!((again.unchanged, again.failed), (n - 1, 1));
}

#[test]
fn samples_load_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import_samples(&mut store, &ImportDefaults::default()).unwrap();
    assert_eq!((first.created, first.failed), (3, 0));
    assert!(first.results.iter().all(|r| r.path.is_empty()));
    let second = import_samples(&mut store, &ImportDefaults::default()).unwrap();
    assert_eq!(second.unchanged, 3);
    assert_eq!(store.count().unwrap(), 3);
}

#[test]
fn settings_are_recorded_and_the_adjustment_default_applies_to_new_imports() {
    let mut store = Store::open_in_memory().unwrap();
    let s = settings(&store).unwrap();
    assert!(s.ladder_is_default);
    assert_eq!(s.ladder, vec![90, 60, 30, 14, 7, 3, 1, 0]);
    assert!(s.business_day_adjustment);
    assert_eq!(s.paper, Paper::A4);

    set_paper(&mut store, Paper::Letter).unwrap();
    set_paper(&mut store, Paper::Letter).unwrap(); // same value: not recorded twice
    assert_eq!(settings(&store).unwrap().paper, Paper::Letter);

    store.import(&import_seed("aws-peru-mifibra.md")).unwrap();
    assert_eq!(
        set_business_day_adjustment(&mut store, false, false).unwrap(),
        0
    );
    let defaults = ImportDefaults::from_store(&store).unwrap();
    assert!(!defaults.business_day_adjustment);
    import_paths(
        &mut store,
        &[seed("microsoft-peru-mifibra.md")],
        &defaults,
        |_| {},
    )
    .unwrap();
    let ms = store.get(2).unwrap().agreement;
    assert!(
        !ms.business_day_adjustment,
        "new imports follow the setting"
    );
    assert!(
        store.get(1).unwrap().agreement.business_day_adjustment,
        "existing ones keep theirs"
    );
    assert_eq!(settings(&store).unwrap().agreements_without_adjustment, 1);

    // Applied to existing agreements: each change in that agreement's history.
    assert_eq!(
        set_business_day_adjustment(&mut store, true, true).unwrap(),
        1
    );
    let h = store.history(2).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.field.as_str()),
        ("settings", "business_day_adjustment")
    );
    let recorded: Vec<(String, Option<String>, Option<String>)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT key, old_value, new_value FROM settings_history ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        recorded,
        vec![
            ("brief.paper".into(), None, Some("\"letter\"".into())),
            (
                "import.business_day_adjustment".into(),
                None,
                Some("false".into())
            ),
            (
                "import.business_day_adjustment".into(),
                Some("false".into()),
                Some("true".into())
            ),
        ]
    );
}

#[test]
fn an_agreement_page_has_fields_with_sources_and_its_history() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import(&import_seed("microsoft-peru-mifibra.md"))
        .unwrap();
    let page = agreement_page(&store, 1, today()).unwrap();
    assert_eq!(page.file_name, "microsoft-peru-mifibra.md");
    assert_eq!(
        page.detail.agreement.title,
        "Microsoft Peru Partnership Agreement"
    );
    let eff = page
        .editable
        .iter()
        .find(|v| v.field == EditableField::EffectiveDate)
        .unwrap();
    assert_eq!(eff.value, "2023-01-01");
    assert_eq!(eff.label, "Effective date");
    let src = eff.source.as_ref().unwrap();
    assert!(
        src.line.is_some() && src.text.contains("January 2023"),
        "{src:?}"
    );
    assert_eq!(page.history.len(), 1);
    assert_eq!(page.history[0].action, "import");
    assert!(page.reminders.is_empty());
    let notice = page
        .detail
        .events
        .iter()
        .find(|e| e.id == "non_renewal_notice_deadline:2027-10-02")
        .unwrap();
    assert!(!notice.workings.is_empty());

    let err = edit_field(
        &mut store,
        1,
        EditableField::EffectiveDate,
        "31 February 2025",
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.to_string().starts_with("invalid effective_date:"),
        "{err}"
    );
    let changes = edit_field(
        &mut store,
        1,
        EditableField::ContractOwner,
        "Legal Director",
    )
    .unwrap();
    assert!(
        changes
            .iter()
            .all(|c| c.field.starts_with("contract_owner."))
            && changes.iter().any(|c| c.field == "contract_owner.value"),
        "the value and its source: {changes:?}"
    );
    assert!(edit_field(
        &mut store,
        1,
        EditableField::ContractOwner,
        "Legal Director"
    )
    .unwrap()
    .is_empty());
    let page = agreement_page(&store, 1, today()).unwrap();
    let last = page.history.last().unwrap();
    assert_eq!(last.action, "edit");
    let owner = page
        .history
        .iter()
        .find(|h| h.field == "contract_owner.value")
        .unwrap();
    assert_eq!(owner.action, "edit");
    assert_eq!(owner.new_value.as_deref(), Some("\"Legal Director\""));
    assert!(agreement_page(&store, 99, today()).is_err());
}

#[test]
fn backup_and_calendar_export_replace_a_chosen_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    import_samples(&mut store, &ImportDefaults::default()).unwrap();

    let dest = dir.path().join("backup.db");
    std::fs::write(&dest, "an older file the user chose to replace").unwrap();
    backup_replacing(&store, &dest).unwrap();
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.count().unwrap(), 3);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    let ics = dir.path().join("deadlines.ics");
    std::fs::write(&ics, "old").unwrap();
    let export = export_calendar(&store, today(), &ics).unwrap();
    assert_eq!(export.agreements, 3);
    assert!(export.events > 3 && export.alarms > 0);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    assert!(export_calendar(&store, today(), &dir.path().join("no/such/dir/x.ics")).is_err());
}

#[test]
fn a_brief_on_the_paper_size_of_the_settings() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import(&import_seed("microsoft-peru-mifibra.md"))
        .unwrap();
    let (a4, name) = renewal_core::services::portfolio::brief(&store, 1, today()).unwrap();
    assert_eq!(name, "microsoft-peru-partnership-agreement.pdf");
    assert!(a4.starts_with(b"%PDF-"));
    set_paper(&mut store, Paper::Letter).unwrap();
    let (letter, _) = renewal_core::services::portfolio::brief(&store, 1, today()).unwrap();
    let text = String::from_utf8_lossy(&letter);
    assert!(
        text.contains("612") && text.contains("792"),
        "US Letter media box"
    );
    assert!(renewal_core::services::portfolio::brief(&store, 42, today()).is_err());
}

/// Every row of every clause table of the three seeds reads back unchanged through the row
/// editor; a row edit reaches the engine (rule 6) and the history; a bad cell changes
/// nothing and names the table, row and column.
#[test]
fn clause_tables_are_edited_row_by_row_into_the_engine_and_the_history() {
    use renewal_core::services::clauses::{ClauseTable, RowEdit};
    use renewal_core::services::portfolio::edit_row;
    use std::collections::BTreeMap;

    let mut store = Store::open_in_memory().unwrap();
    for f in seed_files() {
        let name = f.file_name().unwrap().to_str().unwrap().to_string();
        store.import(&import_seed(&name)).unwrap();
    }
    let mut rows_seen = 0;
    for id in 1..=3 {
        let page = agreement_page(&store, id, today()).unwrap();
        for t in &page.tables {
            for r in &t.rows {
                rows_seen += 1;
                let mut a = page.detail.agreement.clone();
                let edit = RowEdit::Update {
                    index: r.index,
                    cells: r.cells.clone(),
                };
                renewal_core::services::clauses::apply_row_edit(&mut a, t.table, &edit)
                    .unwrap_or_else(|e| {
                        panic!("agreement {id} {:?} row {}: {e}", t.table, r.index)
                    });
                let again = renewal_core::services::clauses::table_rows(&a, t.table);
                assert_eq!(again[r.index as usize].cells, r.cells, "{:?}", t.table);
            }
        }
    }
    assert!(
        rows_seen > 30,
        "the seeds' tables are all read: {rows_seen} rows"
    );

    // Microsoft Peru: termination for convenience on 180 days' notice.
    let page = agreement_page(&store, 1, today()).unwrap();
    let termination = page
        .tables
        .iter()
        .find(|t| t.table == ClauseTable::TerminationRights)
        .unwrap();
    let (index, row) = termination
        .rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.cells["kind"] == "convenience")
        .map(|(i, r)| (i as u32, r.cells.clone()))
        .unwrap();
    assert_eq!(row["notice"], "180 days");
    assert!(page
        .detail
        .convenience
        .as_ref()
        .unwrap()
        .explanation
        .contains("2027-05-22"));

    let mut cells: BTreeMap<String, String> = row.clone();
    cells.insert("notice".into(), "90 days".into());
    let changes = edit_row(
        &mut store,
        1,
        ClauseTable::TerminationRights,
        &RowEdit::Update { index, cells },
    )
    .unwrap();
    assert!(
        changes.iter().any(
            |c| c.field == format!("termination_rights.{index}.notice.amount")
                && c.old_value.as_deref() == Some("180")
                && c.new_value.as_deref() == Some("90")
        ),
        "{changes:?}"
    );
    let page = agreement_page(&store, 1, today()).unwrap();
    // 2026-11-23 + 90 days = 2027-02-21.
    let conv = page.detail.convenience.as_ref().unwrap();
    assert!(
        conv.explanation.contains("2027-02-21"),
        "{}",
        conv.explanation
    );
    let logged = page
        .history
        .iter()
        .find(|h| h.field == format!("termination_rights.{index}.notice.amount"))
        .unwrap();
    assert_eq!(logged.action, "edit");

    // A new obligation with a due date becomes a dated event; removing it takes it away.
    let mut cells = BTreeMap::new();
    cells.insert("name".to_string(), "Security audit report".to_string());
    cells.insert("status".to_string(), "Planned".to_string());
    cells.insert("due".to_string(), "March 2027".to_string());
    edit_row(
        &mut store,
        1,
        ClauseTable::Obligations,
        &RowEdit::Add { cells },
    )
    .unwrap();
    let page = agreement_page(&store, 1, today()).unwrap();
    let event = page
        .detail
        .events
        .iter()
        .find(|e| e.label.contains("Security audit report"))
        .unwrap_or_else(|| {
            panic!(
                "{:#?}",
                page.detail
                    .events
                    .iter()
                    .map(|e| &e.label)
                    .collect::<Vec<_>>()
            )
        });
    // Rule 7: a month-precision deadline falls on the first day of the month.
    assert_eq!(event.date.to_string(), "2027-03-01");
    let index = page.detail.agreement.obligations.len() as u32 - 1;
    edit_row(
        &mut store,
        1,
        ClauseTable::Obligations,
        &RowEdit::Remove { index },
    )
    .unwrap();
    let page = agreement_page(&store, 1, today()).unwrap();
    assert!(!page
        .detail
        .events
        .iter()
        .any(|e| e.label.contains("Security audit report")));

    // A bad cell: named, and nothing stored.
    let before = store.get(1).unwrap().agreement;
    let history = store.history(1).unwrap().len();
    let mut cells = termination.rows[0].cells.clone();
    cells.insert("cure_period".to_string(), "thirty days".to_string());
    let err = edit_row(
        &mut store,
        1,
        ClauseTable::TerminationRights,
        &RowEdit::Update { index: 0, cells },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.to_string()
            .contains("Termination rights row 1, Cure period: \"thirty\" is not a whole number"),
        "{err}"
    );
    assert_eq!(store.get(1).unwrap().agreement, before);
    assert_eq!(store.history(1).unwrap().len(), history);
}

/// `renewals rows` and `renewals edit-row`: a row changed from the command line, the
/// columns not given kept, a bad cell refused with the table, row and column named.
#[test]
fn the_cli_lists_and_edits_clause_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let ms = seed("microsoft-peru-mifibra.md");
    let out = renewals(&db, "2026-11-23", &["import", ms.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = renewals(
        &db,
        "2026-11-23",
        &["rows", "1", "termination_rights", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let tables: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = tables[0]["rows"].as_array().unwrap();
    let n = rows
        .iter()
        .position(|r| r["cells"]["kind"] == "convenience")
        .unwrap()
        + 1;
    let consequence = rows[n - 1]["cells"]["consequence"]
        .as_str()
        .unwrap()
        .to_string();

    let out = renewals(
        &db,
        "2026-11-23",
        &[
            "edit-row",
            "1",
            "termination_rights",
            "--row",
            &n.to_string(),
            "notice=90 days",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        // In the history's words (issue 16 item 7): rows numbered from 1.
        stdout(&out).contains(&format!(
            "Termination right {n}: notice period amount: 180 -> 90"
        )),
        "{}",
        stdout(&out)
    );
    let out = renewals(&db, "2026-11-23", &["rows", "1", "termination_rights"]);
    let text = stdout(&out);
    assert!(
        text.contains("90 days") && text.contains(&consequence),
        "{text}"
    );
    assert!(text.contains("Edited in Renewal Desk"), "{text}");
    let out = renewals(&db, "2026-11-23", &["show", "1"]);
    assert!(
        stdout(&out).contains("2027-02-21"),
        "rule 6 with 90 days: {}",
        stdout(&out)
    );

    let out = renewals(
        &db,
        "2026-11-23",
        &[
            "edit-row",
            "1",
            "obligations",
            "--add",
            "name=Audit",
            "due=Q5 2027",
        ],
    );
    assert_eq!(out.status.code(), Some(6)); // exit code 6: an invalid value (README, exit codes)
    assert!(stderr(&out).contains("Obligations row"), "{}", stderr(&out));
    assert!(stderr(&out).contains(", Due: "), "{}", stderr(&out));
    let out = renewals(&db, "2026-11-23", &["edit-row", "1", "clauses", "--add"]);
    assert!(
        stderr(&out).contains("unknown table \"clauses\""),
        "{}",
        stderr(&out)
    );
    let out = renewals(&db, "2026-11-23", &["history", "1", "--json"]);
    let history: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(history.as_array().unwrap().iter().all(|h| !h["field"]
        .as_str()
        .unwrap()
        .starts_with("obligations.")
        || h["action"] == "import"));
}

/// What the importer asked to confirm goes away when a person answers it: by editing the
/// field, by adding the missing table's first row, or by confirming it as it is; the
/// history keeps each, and the dashboard's "to confirm" count follows.
#[test]
fn warnings_are_answered_by_edits_or_confirmed() {
    use renewal_core::services::clauses::{ClauseTable, RowEdit};
    use renewal_core::services::dashboard::dashboard;
    use renewal_core::services::portfolio::{confirm_warning, edit_row};
    use std::collections::BTreeMap;

    let mut store = Store::open_in_memory().unwrap();
    store.import(&import_seed("aws-chile-wom.md")).unwrap();
    let codes = |store: &Store| -> Vec<String> {
        store
            .get(1)
            .unwrap()
            .agreement
            .warnings
            .iter()
            .map(|w| w.code.clone())
            .collect()
    };
    let before = codes(&store);
    for code in [
        "currency_assumed",
        "no_renewal_clause",
        "no_termination_rights",
    ] {
        assert!(before.iter().any(|c| c == code), "{code} in {before:?}");
    }
    assert_eq!(dashboard(&store, today()).unwrap().counts.with_warnings, 1);

    edit_field(&mut store, 1, EditableField::AutoRenewal, "no").unwrap();
    assert!(!codes(&store).iter().any(|c| c == "no_renewal_clause"));

    let cells: BTreeMap<String, String> = [("scenario", "Convenience"), ("notice", "90 days")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    edit_row(
        &mut store,
        1,
        ClauseTable::TerminationRights,
        &RowEdit::Add { cells },
    )
    .unwrap();
    assert!(!codes(&store).iter().any(|c| c == "no_termination_rights"));

    let left = codes(&store);
    let i = left.iter().position(|c| c == "currency_assumed").unwrap() as u32;
    let changes = confirm_warning(&mut store, 1, i).unwrap();
    assert!(!changes.is_empty());
    assert_eq!(codes(&store).len(), left.len() - 1);
    assert!(!codes(&store).iter().any(|c| c == "currency_assumed"));
    let history = store.history(1).unwrap();
    let confirmed: Vec<_> = history.iter().filter(|h| h.action == "confirm").collect();
    assert!(
        confirmed.iter().any(|h| h
            .old_value
            .as_deref()
            .is_some_and(|v| v.contains("currency_assumed"))),
        "{confirmed:?}"
    );
    let err = confirm_warning(&mut store, 1, 99).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.to_string().contains("no warning 100 to confirm"),
        "{err}"
    );

    while !codes(&store).is_empty() {
        confirm_warning(&mut store, 1, 0).unwrap();
    }
    assert_eq!(dashboard(&store, today()).unwrap().counts.with_warnings, 0);
}
