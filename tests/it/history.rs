//! History for people (issue 16 item 7) and "Readings and assumptions" (item 5): who made
//! each change (migration 0006), every row in the user's words, the brief's section 7.

use std::path::Path;

use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
use renewal_core::adapters::store::{schema_version, Store, NOT_RECORDED};
use renewal_core::domain::dates::long_date;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::{agreement_page, edit_field, import_paths, ImportDefaults};
use renewal_core::services::readings::readings;
use rusqlite::Connection;

use crate::brief::{flat, pdftotext};
use crate::common::*;

/// The three seeds in a store whose changes are made by `actor`; ids in the order of
/// [`seed_files`]: 1 Microsoft Peru, 2 AWS Peru, 3 AWS Chile.
fn seeded(actor: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.set_actor(actor);
    import_paths(
        &mut store,
        &seed_files(),
        &ImportDefaults::default(),
        |_| {},
    )
    .unwrap();
    store
}

const MICROSOFT: i64 = 1;
const AWS_CHILE: i64 = 3;

#[test]
fn a_database_from_before_actors_keeps_every_history_row_and_shows_not_recorded() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/release-0004.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.db");
    std::fs::copy(&fixture, &path).unwrap();
    let before = history_rows(&Connection::open(&path).unwrap(), false);
    assert!(before.len() > 5, "{before:?}");

    let mut store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version() as i64);
    // 0006 (history actors), 0007 (people and the mail log), 0008 (invitation
    // sequences), 0009 (packed rows), 0010 (the engine copy's source spans) and 0011
    // (computed views kept between starts) applied.
    assert_eq!(version, 11);
    // Every row kept as it was; none has an actor.
    assert_eq!(history_rows(store.conn(), false), before);
    let nulls: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM history WHERE actor IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(nulls as usize, before.len());
    for id in 1..=3 {
        for h in store.history(id).unwrap() {
            assert_eq!(h.actor, None);
            assert_eq!(h.words.by, NOT_RECORDED, "{h:?}");
        }
    }
    // The hand edit the release recorded reads in people's words.
    let edit = store
        .history(1)
        .unwrap()
        .into_iter()
        .find(|h| h.action == "edit" && h.field == "contract_owner.value")
        .expect("the fixture's edit");
    assert_eq!(edit.words.action, "Edited");
    assert_eq!(edit.words.field, "Contract owner");
    assert_eq!(edit.words.new, "Legal Director");
    assert_eq!(
        edit.line(),
        format!(
            "Edited · Contract owner: {} → Legal Director · by not recorded",
            edit.words.old
        )
    );

    // Still append-only.
    assert!(store
        .conn()
        .execute("UPDATE history SET actor = 'x' WHERE id = 1", [])
        .is_err());
    assert!(store.conn().execute("DELETE FROM history", []).is_err());

    // A change made now records who made it; the old rows stay "not recorded".
    store.set_actor("Ana Torres");
    edit_field(
        &mut store,
        1,
        EditableField::ContractOwner,
        "Commercial Director",
    )
    .unwrap();
    let h = store.history(1).unwrap();
    let last = h.last().unwrap();
    assert_eq!(last.actor.as_deref(), Some("Ana Torres"));
    assert_eq!(last.words.by, "Ana Torres");
    assert_eq!(
        history_rows(store.conn(), false)[..before.len()],
        before[..],
        "older rows unchanged"
    );
}

#[test]
fn an_edit_records_who_made_it_in_the_users_words() {
    let mut store = seeded("Ana Torres");
    // The import itself was made by the store's actor.
    let imported = store.history(MICROSOFT).unwrap();
    assert_eq!(imported[0].actor.as_deref(), Some("Ana Torres"));
    assert_eq!(imported[0].words.action, "Imported");

    let changes = edit_field(
        &mut store,
        MICROSOFT,
        EditableField::NonRenewalNotice,
        "60 days",
    )
    .unwrap();
    assert!(!changes.is_empty());
    let h = store.history(MICROSOFT).unwrap();
    let value = h
        .iter()
        .find(|h| h.field == "non_renewal_notice.value.amount")
        .expect("the notice period's change");
    assert_eq!(value.actor.as_deref(), Some("Ana Torres"));
    assert_eq!(
        (
            value.words.action.as_str(),
            value.words.field.as_str(),
            value.words.old.as_str(),
            value.words.new.as_str(),
            value.words.by.as_str()
        ),
        (
            "Edited",
            "Non-renewal notice period",
            "90 days",
            "60 days",
            "Ana Torres"
        )
    );
    let quote = h
        .iter()
        .find(|h| h.field == "non_renewal_notice.source.text")
        .unwrap();
    assert_eq!(quote.words.field, "Non-renewal notice period: quoted text");
    assert_eq!(quote.words.old, "90-day notice for non-renewal");

    // A store nobody named records the operating-system user.
    let mut plain = Store::open_in_memory().unwrap();
    import_paths(
        &mut plain,
        &seed_files(),
        &ImportDefaults::default(),
        |_| {},
    )
    .unwrap();
    edit_field(&mut plain, MICROSOFT, EditableField::ContractOwner, "Legal").unwrap();
    let last = plain.history(MICROSOFT).unwrap().pop().unwrap();
    assert_eq!(
        last.actor.as_deref(),
        Some(renewal_core::services::os_user().as_str())
    );
}

#[test]
fn the_cli_records_by_and_prints_the_history_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let seed = seed("microsoft-peru-mifibra.md");
    let out = renewals(&db, "2026-11-23", &["import", seed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = renewals(
        &db,
        "2026-11-23",
        &[
            "edit",
            "1",
            "non_renewal_notice",
            "60 days",
            "--by",
            "Ana Torres",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        // `edit` prints the changes without the agreement at hand: the amount alone.
        stdout(&out).contains("Non-renewal notice period: amount: 90 -> 60"),
        "{}",
        stdout(&out)
    );
    let out = renewals(&db, "2026-11-23", &["history", "1", "--json"]);
    let h: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let edit = h
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "non_renewal_notice.value.amount")
        .unwrap();
    assert_eq!(edit["actor"], "Ana Torres");
    assert_eq!(edit["words"]["by"], "Ana Torres");
    let out = renewals(&db, "2026-11-23", &["history", "1"]);
    let text = stdout(&out);
    for want in [
        "Ana Torres",
        "Non-renewal notice period",
        "90 days",
        "60 days",
        "Edited",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    assert!(!text.contains("non_renewal_notice.value.amount"), "{text}");
    // `show` lists the readings and assumptions as the brief and the app do.
    let shown = stdout(&renewals(&db, "2026-11-23", &["show", "1"]));
    let readings = shown
        .split("Readings and assumptions:")
        .nth(1)
        .unwrap_or_else(|| panic!("no readings in:\n{shown}"));
    assert!(
        readings.contains("- Jurisdiction (public holidays): Peru — the document has no governing-law or jurisdiction clause;"),
        "{readings}"
    );
    assert!(
        readings.contains("- Non-renewal notice period: 60 days (the document: 90 days) — edited by Ana Torres on "),
        "{readings}"
    );
    assert!(
        readings.contains(
            "The document's own wording, before the edit: “90-day notice for non-renewal”"
        ),
        "{readings}"
    );
    assert!(
        readings.contains("⚠ edited by hand (Non-renewal notice): the last day to act moves later"),
        "{readings}"
    );
}

#[test]
fn the_brief_lists_what_was_assumed_and_what_was_edited_by_hand() {
    let mut store = seeded("Ana Torres");
    let as_of = d("2026-11-23");
    let brief = |store: &Store, id: i64| {
        let stored = store.get(id).unwrap();
        let history = store.history(id).unwrap();
        let pdf =
            render_brief(&stored, &history, as_of, &BriefOptions { paper: Paper::A4 }).unwrap();
        flat(&pdftotext(&pdf, &[]))
    };

    // AWS Chile: no governing-law clause (the country comes from the title) and "$" amounts.
    let text = brief(&store, AWS_CHILE);
    let section = text
        .split("Readings and assumptions")
        .nth(1)
        .and_then(|s| s.split("Warnings and data gaps").next())
        .expect("section 7");
    assert!(!section.contains("None:"), "{section}");
    assert!(
        section.contains("Jurisdiction (public holidays): Chile — the document has no governing-law or jurisdiction clause;"),
        "{section}"
    );
    assert!(section.contains("the title names Chile"), "{section}");
    assert!(
        section.contains("Currency of amounts written with \"$\": USD (US$)"),
        "{section}"
    );
    assert!(
        section.contains("Renewal: No renewal: a fixed term"),
        "{section}"
    );
    assert!(
        text.contains("\"$\" was read as USD, an assumption (see section 7)"),
        "the commercial terms must not say \"as stated\""
    );

    // Microsoft Peru: the notice period edited by hand, 90 → 60 days.
    let text = brief(&store, MICROSOFT);
    assert!(
        text.contains("Jurisdiction (public holidays): Peru"),
        "{text}"
    );
    assert!(!text.contains("Edited by hand"), "nothing edited yet");
    edit_field(
        &mut store,
        MICROSOFT,
        EditableField::NonRenewalNotice,
        "60 days",
    )
    .unwrap();
    let at = store
        .history(MICROSOFT)
        .unwrap()
        .into_iter()
        .rfind(|h| h.action == "edit")
        .unwrap()
        .at;
    let on = long_date(
        chrono::DateTime::parse_from_rfc3339(&at)
            .unwrap()
            .date_naive(),
    );
    let text = brief(&store, MICROSOFT);
    let section = text
        .split("Readings and assumptions")
        .nth(1)
        .and_then(|s| s.split("Warnings and data gaps").next())
        .expect("section 7");
    let edited = format!(
        "Non-renewal notice period: 60 days (the document: 90 days) — edited by Ana Torres on {on}."
    );
    assert!(section.contains(&edited), "{edited}\nnot in:\n{section}");
    assert!(
        section.contains(
            "“90-day notice for non-renewal” The document's own wording, before the edit"
        ),
        "{section}"
    );
    assert!(
        section
            .contains("Edited by hand (Non-renewal notice): the last day to act moves later, from"),
        "{section}"
    );

    // The agreement page lists the same.
    let page = agreement_page(&store, MICROSOFT, as_of).unwrap();
    assert_eq!(
        page.readings,
        readings(&store.get(MICROSOFT).unwrap().agreement, &page.history)
    );
    let e = &page.readings.hand_edits[0];
    assert_eq!(
        (
            e.field.as_str(),
            e.original_quote.as_deref(),
            e.original_value.as_str(),
            e.new_value.as_str(),
            e.by.as_str()
        ),
        (
            "Non-renewal notice period",
            Some("90-day notice for non-renewal"),
            "90 days",
            "60 days",
            "Ana Torres"
        )
    );
    assert_eq!(page.readings.warnings.len(), 1);
}

#[test]
fn a_document_with_a_governing_law_and_no_dollar_assumes_nothing() {
    let doc = "# Example Supply Agreement\n\n\
| Field | Details |\n|---|---|\n\
| Parties | Acme SAC / Widget Corp |\n\
| Effective Date | 1 January 2023 |\n\
| Term | 3 years (auto-renewal) |\n\
| Renewal | 12 months |\n\
| Non-renewal notice | 90 days |\n\
| Governing law | Peru |\n\
| Total Commitment | S/ 1,000,000 |\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.md");
    std::fs::write(&path, doc).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import_paths(&mut store, &[path], &ImportDefaults::default(), |_| {}).unwrap();
    let stored = store.get(1).unwrap();
    assert!(
        stored.agreement.assumptions.is_empty(),
        "{:?}",
        stored.agreement.assumptions
    );
    let history = store.history(1).unwrap();
    let pdf = render_brief(&stored, &history, d("2026-11-23"), &BriefOptions::default()).unwrap();
    let text = flat(&pdftotext(&pdf, &[]));
    assert!(
        text.contains("Readings and assumptions None: every value in this brief was read from the document as written, and none was edited by hand."),
        "{text}"
    );
}
