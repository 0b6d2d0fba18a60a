//! Country calendars and user-loaded calendars in the engine (issue 10, item 4;
//! renewal-rules.md §Arithmetic rule 4): a Colombian holiday moves a notice deadline, an
//! `.ics` calendar is imported, stored, chosen for an agreement (recorded in its history)
//! and moves a deadline too; a bad `.ics` is refused naming the file, and nothing is stored.

use std::path::Path;

use chrono::NaiveDate;
use renewal_core::adapters::store::Store;
use renewal_core::domain::calendar::Country;
use renewal_core::domain::dates::Period;
use renewal_core::domain::model::{Agreement, Source, Sourced};
use renewal_core::domain::rules::{assess, DatedEvent, EventKind};
use renewal_core::services::calendars::{
    clear_calendar, import_calendar, list_calendars, remove_calendar, use_calendar,
};

use crate::common::{d, renewals, stderr, stdout};

fn src() -> Source {
    Source::user("test")
}

/// Effective 2024-01-01, 36 months (expiry 2026-12-31), renews for 12 months, 45 days'
/// notice: rule 3 gives 2026-12-31 - 45 days = Monday 2026-11-16.
fn agreement(country: Country) -> Agreement {
    let mut a = Agreement::new("Servicios de conectividad Medellín");
    a.effective_date = Some(Sourced::new(d("2024-01-01"), src()));
    a.initial_term = Some(Sourced::new(Period::months(36), src()));
    a.auto_renewal = Some(Sourced::new(true, src()));
    a.renewal_period = Some(Sourced::new(Period::months(12), src()));
    a.non_renewal_notice = Some(Sourced::new(Period::days(45), src()));
    a.country = Some(Sourced::new(country, src()));
    a
}

fn first_notice_deadline(a: &Agreement, as_of: NaiveDate) -> DatedEvent {
    assess(a, as_of)
        .events
        .into_iter()
        .find(|e| e.kind == EventKind::NonRenewalNoticeDeadline)
        .unwrap_or_else(|| panic!("no notice deadline for {}", a.title))
}

#[test]
fn a_colombian_holiday_moves_the_notice_deadline_back() {
    let as_of = d("2026-11-01");
    // Monday 16 November 2026 is the Independence of Cartagena (11 November, moved to
    // Monday by Ley 51 de 1983): the deadline moves to Friday 13 November.
    let co = first_notice_deadline(&agreement(Country::Colombia), as_of);
    assert_eq!(co.unadjusted_date, d("2026-11-16"));
    assert_eq!(co.date, d("2026-11-13"));
    let adj = co.adjustment.expect("adjusted");
    assert_eq!(
        adj.explain(&Country::Colombia),
        "2026-11-16 is Independence of Cartagena (Colombia), 2026-11-15 a Sunday, \
         2026-11-14 a Saturday; moved to the preceding business day, 2026-11-13 (Fri)"
    );
    // The same agreement under Peruvian law: 16 November is a business day there.
    let pe = first_notice_deadline(&agreement(Country::Peru), as_of);
    assert_eq!(pe.date, d("2026-11-16"));
    assert!(pe.adjustment.is_none());
}

const SHUTDOWN_ICS: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Acme//Shutdown days//EN\r\n\
BEGIN:VEVENT\r\n\
UID:one@acme\r\n\
DTSTAMP:20260101T000000Z\r\n\
DTSTART;VALUE=DATE:20261113\r\n\
SUMMARY:Acme plant maintenance\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:two@acme\r\n\
DTSTAMP:20260101T000000Z\r\n\
DTSTART;VALUE=DATE:20261224\r\n\
DTEND;VALUE=DATE:20261229\r\n\
SUMMARY:Year-end shutdown\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:three@acme\r\n\
DTSTAMP:20260101T000000Z\r\n\
DTSTART;VALUE=DATE:20250704\r\n\
RRULE:FREQ=YEARLY;COUNT=3\r\n\
SUMMARY:Founders' day\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:four@acme\r\n\
DTSTAMP:20260101T000000Z\r\n\
DTSTART;VALUE=DATE:20260302\r\n\
STATUS:CANCELLED\r\n\
SUMMARY:Cancelled day\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

fn write(dir: &Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

#[test]
fn an_ics_calendar_is_stored_chosen_for_an_agreement_and_moves_its_deadline() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = write(dir.path(), "acme-shutdown.ics", SHUTDOWN_ICS.as_bytes());
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));

    let stored =
        import_calendar(&mut store, &file, " Acme shutdown ").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.calendar.name, "Acme shutdown");
    assert_eq!(stored.file_name, "acme-shutdown.ics");
    let days: Vec<(String, &str)> = stored
        .calendar
        .days
        .iter()
        .map(|day| (day.date.to_string(), day.name.as_str()))
        .collect();
    assert_eq!(
        days,
        vec![
            ("2025-07-04".to_owned(), "Founders' day"),
            ("2026-07-04".to_owned(), "Founders' day"),
            ("2026-11-13".to_owned(), "Acme plant maintenance"),
            // DTEND 2026-12-29 is exclusive.
            ("2026-12-24".to_owned(), "Year-end shutdown"),
            ("2026-12-25".to_owned(), "Year-end shutdown"),
            ("2026-12-26".to_owned(), "Year-end shutdown"),
            ("2026-12-27".to_owned(), "Year-end shutdown"),
            ("2026-12-28".to_owned(), "Year-end shutdown"),
            ("2027-07-04".to_owned(), "Founders' day"),
        ]
    );
    // Read back from the database, by name in any case.
    let listed = list_calendars(&store).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].calendar, stored.calendar);
    assert!(store
        .calendar("ACME SHUTDOWN")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_some());
    // The same name twice is refused.
    let again = import_calendar(&mut store, &file, "acme shutdown").err();
    let again = again.map(|e| e.to_string()).unwrap_or_default();
    assert!(again.contains("already exists"), "{again}");

    // An agreement in Colombia chooses it.
    let mut outcome = crate::common::import_seed("aws-peru-mifibra.md");
    outcome.agreement = agreement(Country::Colombia);
    let id = store.import(&outcome).unwrap_or_else(|e| panic!("{e}")).id;
    let changes = use_calendar(&mut store, id, "acme shutdown").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].field, "calendar");
    let history = store.history(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        history
            .iter()
            .any(|h| h.action == "edit" && h.field == "calendar"),
        "{history:?}"
    );
    let a = store.get(id).unwrap_or_else(|e| panic!("{e}")).agreement;
    assert_eq!(
        a.calendar.as_ref().map(|c| c.name.as_str()),
        Some("Acme shutdown")
    );
    // Monday 16 November (Colombian holiday), the weekend, then Friday 13 November
    // (Acme plant maintenance): Thursday 12 November.
    let deadline = first_notice_deadline(&a, d("2026-11-01"));
    assert_eq!(deadline.unadjusted_date, d("2026-11-16"));
    assert_eq!(deadline.date, d("2026-11-12"));
    let explained = deadline
        .adjustment
        .map(|adj| adj.explain(&Country::Colombia))
        .unwrap_or_default();
    assert!(
        explained.contains(
            "2026-11-13 Acme plant maintenance (calendar \"Acme shutdown\"); moved to the \
             preceding business day, 2026-11-12 (Thu)"
        ),
        "{explained}"
    );

    // Removing the stored calendar leaves the agreement's copy; clearing it from the
    // agreement restores the country's calendar alone.
    assert!(remove_calendar(&mut store, "Acme shutdown").unwrap_or_else(|e| panic!("{e}")));
    assert!(list_calendars(&store)
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
    let a = store.get(id).unwrap_or_else(|e| panic!("{e}")).agreement;
    assert_eq!(
        first_notice_deadline(&a, d("2026-11-01")).date,
        d("2026-11-12")
    );
    clear_calendar(&mut store, id).unwrap_or_else(|e| panic!("{e}"));
    let a = store.get(id).unwrap_or_else(|e| panic!("{e}")).agreement;
    assert!(a.calendar.is_none());
    assert_eq!(
        first_notice_deadline(&a, d("2026-11-01")).date,
        d("2026-11-13")
    );
}

#[test]
fn choosing_an_unknown_calendar_names_the_known_ones() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut outcome = crate::common::import_seed("aws-peru-mifibra.md");
    outcome.agreement = agreement(Country::Colombia);
    let id = store.import(&outcome).unwrap_or_else(|e| panic!("{e}")).id;
    let err = use_calendar(&mut store, id, "Antioquia")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("no calendar named \"Antioquia\""), "{err}");
    assert!(store
        .history(id)
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .all(|h| h.field != "calendar"));
}

#[test]
fn bad_ics_files_are_refused_naming_the_file_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let event = |body: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n\
             DTSTAMP:20260101T000000Z\r\nSUMMARY:Day off\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "notes.ics",
            b"Company shutdown: 24-28 December".to_vec(),
            "expected it to start with BEGIN:VCALENDAR",
        ),
        (
            "latin1.ics",
            b"BEGIN:VCALENDAR\r\n\xe9t\xe9\r\n".to_vec(),
            "not UTF-8",
        ),
        (
            "empty.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n".to_vec(),
            "no events found",
        ),
        (
            "meeting.ics",
            event("DTSTART:20261113T090000Z\r\nDTEND:20261113T100000Z\r\n").into_bytes(),
            "has a time of day: expected all-day events",
        ),
        (
            "weekly.ics",
            event("DTSTART;VALUE=DATE:20261113\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n").into_bytes(),
            "expected only FREQ=YEARLY",
        ),
        (
            "backwards.ics",
            event("DTSTART;VALUE=DATE:20261113\r\nDTEND;VALUE=DATE:20261110\r\n").into_bytes(),
            "ends on or before its start",
        ),
        (
            "nostart.ics",
            event("").into_bytes(),
            "has no readable DTSTART",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = write(dir.path(), name, &bytes);
        let err = import_calendar(&mut store, &path, "Bad")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_else(|| panic!("{name} was accepted"));
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
    }
    let missing = import_calendar(&mut store, &dir.path().join("absent.ics"), "Bad")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(missing.contains("absent.ics"), "{missing}");
    assert!(list_calendars(&store)
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
}

#[test]
fn cli_imports_lists_and_uses_a_calendar() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("r.db");
    let ics = write(dir.path(), "acme.ics", SHUTDOWN_ICS.as_bytes());
    let ics = ics.display().to_string();
    let seed = crate::common::seed("aws-peru-mifibra.md")
        .display()
        .to_string();
    let today = "2026-11-01";
    assert!(renewals(&db, today, &["import", &seed]).status.success());

    let out = renewals(
        &db,
        today,
        &["calendar", "import", &ics, "--name", "Acme shutdown"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "Loaded calendar \"Acme shutdown\" from acme.ics: 9 days (2025-07-04 to 2027-07-04)"
        ),
        "{}",
        stdout(&out)
    );
    let out = renewals(&db, today, &["calendar", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list[0]["calendar"]["name"], "Acme shutdown");
    assert_eq!(list[0]["calendar"]["days"][2]["date"], "2026-11-13");

    let out = renewals(&db, today, &["calendar", "use", "1", "Acme shutdown"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Holiday calendar: "),
        "{}",
        stdout(&out)
    );
    let out = renewals(&db, today, &["history", "1", "--json"]);
    let history: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let fields: Vec<&str> = history
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert!(fields.contains(&"calendar"), "{fields:?}");

    // A bad file: a clear error naming it, nothing stored, exit status non-zero.
    let bad = write(dir.path(), "shutdown.txt", b"24-28 December")
        .display()
        .to_string();
    let out = renewals(&db, today, &["calendar", "import", &bad, "--name", "Other"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("shutdown.txt") && stderr(&out).contains("BEGIN:VCALENDAR"),
        "{}",
        stderr(&out)
    );
    let out = renewals(&db, today, &["calendar", "list", "--json"]);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}
