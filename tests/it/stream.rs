//! Issue 14 item 1: `list`, `deadlines` and `export-ics` stream from the compact engine copy
//! with its source spans (`Store::for_each_quoted`); their output is the same as the full
//! agreements give (`Store::list`), on the seeds and on a generated register with hand
//! edits; migration 0010 gives an older database's compact copy its spans. Item 5:
//! `assess_many` over threads equals one thread.

use renewal_core::adapters::ics;
use renewal_core::adapters::import::import_markdown;
use renewal_core::adapters::remind;
use renewal_core::adapters::store::{Store, StoredAgreement};
use renewal_core::domain::model::Agreement;
use renewal_core::domain::rules::{assess, assess_many_with, PARALLEL_MIN_AGREEMENTS};
use renewal_core::services::dashboard::AgreementListing;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::edit_field;
use renewal_core::services::samples::generate_document;
use renewal_core::services::stream::{deadline_rows, write_deadlines, write_listings, JsonForm};
use renewal_core::services::views::deadlines;

use crate::common::{d, import_seed, today};

fn seeded(store: &mut Store) {
    for name in [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ] {
        store.import(&import_seed(name)).unwrap();
    }
}

/// The seeds, 300 generated agreements, and hand edits: typed values (a source with a text
/// and no line), a planned exit, business-day adjustment switched off on one.
fn register(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    seeded(&mut store);
    let docs: Vec<_> = (0..300)
        .map(|i| import_markdown(&format!("g{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    edit_field(&mut store, 2, EditableField::NonRenewalNotice, "45 days").unwrap();
    edit_field(&mut store, 3, EditableField::PlannedExit, "2027-06-30").unwrap();
    edit_field(&mut store, 10, EditableField::InitialTerm, "2 years").unwrap();
    edit_field(&mut store, 11, EditableField::BusinessDayAdjustment, "no").unwrap();
    store
}

fn old_list_json(list: &[StoredAgreement], as_of: chrono::NaiveDate) -> String {
    let listings: Vec<AgreementListing> = list
        .iter()
        .map(|s| AgreementListing::new(s, as_of))
        .collect();
    serde_json::to_string_pretty(&listings).unwrap()
}

fn streamed(f: impl FnOnce(&mut Vec<u8>) -> renewal_core::Result<usize>) -> (String, usize) {
    let mut out = Vec::new();
    let n = f(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), n)
}

fn check_same_output(store: &Store) {
    let list = store.list().unwrap();
    assert!(!list.is_empty());
    for as_of in [today(), d("2025-01-15"), d("2028-03-01")] {
        // list --json: the same bytes as the whole array printed at once.
        let (json, n) = streamed(|o| write_listings(store, as_of, JsonForm::Array, o));
        assert_eq!(n, list.len());
        assert_eq!(json, old_list_json(&list, as_of), "list as of {as_of}");
        // --jsonl: one line per agreement, each the same object.
        let (lines, _) = streamed(|o| write_listings(store, as_of, JsonForm::Lines, o));
        let want: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        let got: Vec<serde_json::Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(got, want);

        for within in [None, Some(90), Some(0)] {
            let rows = deadlines(&list, as_of, within);
            let old = serde_json::to_string_pretty(&rows).unwrap();
            let (json, n) = streamed(|o| write_deadlines(store, as_of, within, JsonForm::Array, o));
            assert_eq!(n, rows.len());
            assert_eq!(json, old, "deadlines as of {as_of} within {within:?}");
            let (lines, _) =
                streamed(|o| write_deadlines(store, as_of, within, JsonForm::Lines, o));
            let got: Vec<serde_json::Value> = lines
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(
                got,
                serde_json::to_value(&rows)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .clone()
            );
            assert_eq!(deadline_rows(store, as_of, within).unwrap(), rows);
        }
    }
}

#[test]
fn streamed_views_equal_the_full_agreements_on_the_seeds() {
    let mut store = Store::open_in_memory().unwrap();
    seeded(&mut store);
    check_same_output(&store);
    // The workings still quote the document, e.g. Microsoft Peru's notice clause.
    let (json, _) = streamed(|o| write_deadlines(&store, today(), None, JsonForm::Lines, o));
    assert!(
        json.contains("Source: line "),
        "{}",
        &json[..400.min(json.len())]
    );
    let empty = Store::open_in_memory().unwrap();
    let (json, n) = streamed(|o| write_deadlines(&empty, today(), None, JsonForm::Array, o));
    assert_eq!((json.as_str(), n), ("[]", 0));
    let (json, _) = streamed(|o| write_listings(&empty, today(), JsonForm::Array, o));
    assert_eq!(json, "[]");
}

#[test]
fn streamed_views_equal_the_full_agreements_on_a_generated_register() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(&dir.path().join("r.db"));
    // A typed value keeps its text in the compact copy; a document's line does not.
    let typed: String = store
        .conn()
        .query_row(
            "SELECT engine FROM agreement_engine WHERE agreement_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(typed.contains("\"line\":"), "spans kept");
    check_same_output(&store);
}

/// The iCalendar text without its DTSTAMP lines (the time of writing) and its alarms'
/// UIDs (random UUIDs the `icalendar` crate gives each VALARM).
fn without_stamps(text: &str) -> String {
    text.split("\r\n")
        .filter(|l| {
            let alarm_uid = l.starts_with("UID:") && l.len() == 40 && !l.contains('@');
            !(l.starts_with("DTSTAMP:") || alarm_uid)
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn the_streamed_calendar_equals_the_one_built_from_full_agreements() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(&dir.path().join("r.db"));
    let global = store.global_ladder().unwrap();
    for owner in [None, Some("commercial")] {
        let owned = |s: &StoredAgreement| match owner {
            None => true,
            Some(o) => s
                .agreement
                .contract_owner
                .as_ref()
                .is_some_and(|c| c.value.to_lowercase().contains(o)),
        };
        let full: Vec<_> = store
            .list()
            .unwrap()
            .into_iter()
            .filter(owned)
            .map(|s| (s, global.clone()))
            .collect();
        let want = ics::export(&full, today());
        let mut out = Vec::new();
        let counts = ics::write_store(&store, today(), owner, &mut out).unwrap();
        let got = String::from_utf8(out).unwrap();
        assert_eq!(without_stamps(&got), without_stamps(&want.text));
        assert_eq!(
            (counts.agreements, counts.events, counts.alarms),
            (want.agreements, want.events, want.alarms)
        );
        assert!(counts.events > 0);
        assert!(got.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(got.ends_with("END:VCALENDAR\r\n"));
    }
}

#[test]
fn migration_0010_gives_an_older_compact_copy_its_source_spans() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        seeded(&mut store);
    }
    // As schema 9 (and 8) wrote it: every source reduced to its confidence, no index.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let rows: Vec<(i64, String)> = conn
            .prepare("SELECT agreement_id, engine FROM agreement_engine")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        fn old_form(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(s)) = map.get_mut("source") {
                        s.retain(|k, _| k == "confidence");
                    }
                    map.retain(|k, x| {
                        k != "source" || x.as_object().is_some_and(|o| !o.is_empty())
                    });
                    map.values_mut().for_each(old_form);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(old_form),
                _ => {}
            }
        }
        for (id, engine) in rows {
            let mut v: serde_json::Value = serde_json::from_str(&engine).unwrap();
            old_form(&mut v);
            conn.execute(
                "UPDATE agreement_engine SET engine = ?2 WHERE agreement_id = ?1",
                rusqlite::params![id, v.to_string()],
            )
            .unwrap();
        }
        // Nor the tables of migration 0011 (computed views kept between starts).
        conn.execute_batch(
            "DROP TRIGGER agreement_engine_insert_view; DROP TRIGGER agreement_engine_update_view;
             DROP TRIGGER agreement_engine_delete_view; DROP TABLE view_cache;
             DROP TABLE view_generation;
             DROP INDEX agreements_current_document; PRAGMA user_version = 9;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        renewal_core::adapters::store::schema_version() as i64
    );
    check_same_output(&store);
}

#[test]
fn assess_many_over_threads_equals_one_thread() {
    let distinct: Vec<Agreement> = (0..500)
        .map(|i| {
            import_markdown("g.md", &generate_document(i))
                .unwrap()
                .agreement
        })
        .collect();
    // More than the threshold, so that the threads are used; cycled, so that neighbours
    // differ and any reordering shows.
    let n = PARALLEL_MIN_AGREEMENTS + 1_537;
    let refs: Vec<&Agreement> = (0..n)
        .map(|i| &distinct[(i * 7) % distinct.len()])
        .collect();
    for as_of in [today(), d("2030-02-28")] {
        let serial = assess_many_with(&refs, as_of, 1);
        assert_eq!(serial.len(), n);
        for (a, s) in refs.iter().zip(&serial).take(600) {
            assert_eq!(&assess(a, as_of), s);
        }
        for threads in [2, 3, 8] {
            assert_eq!(
                assess_many_with(&refs, as_of, threads),
                serial,
                "{threads} threads"
            );
        }
    }
    // Below the threshold: the calling thread alone, same results.
    let few = &refs[..100];
    assert_eq!(
        assess_many_with(few, today(), 4),
        few.iter().map(|a| assess(a, today())).collect::<Vec<_>>()
    );
}

/// Records every message; fails while `fail` holds a reason.
struct Outbox {
    fail: std::cell::RefCell<Option<String>>,
}

impl remind::Notifier for Outbox {
    fn send(&self, _: &remind::Message) -> Result<remind::Sent, remind::NotifyError> {
        match self.fail.borrow().clone() {
            Some(why) => Err(remind::NotifyError::NoServer(why)),
            None => Ok(remind::Sent {
                channel: "test outbox".to_string(),
                id: Some(7),
            }),
        }
    }
}

/// Reminder runs over the generated register, as `remind --dry-run --json` and `remind
/// --json` print them (pretty JSON), and the reminder log they leave (without the claim
/// stamps and times, which change from run to run): a first dry run, a first run whose
/// delivery fails (claims hundreds, supersedes older steps), a dry run of the retries, a
/// failed event marked done, a run that delivers, and a catch-up months later.
fn remind_transcript(store: &mut Store) -> String {
    let mut out = String::new();
    let outbox = Outbox {
        fail: std::cell::RefCell::new(Some("no notification server".to_string())),
    };
    let mut push = |label: &str, report: &remind::RunReport| {
        out.push_str(&format!("== {label}\n"));
        // The failures superseded because their event no longer reminds were listed in the
        // order of a hash map before (it changed from process to process): sorted here.
        let mut report = report.clone();
        report.superseded.sort();
        out.push_str(&serde_json::to_string_pretty(&report).unwrap());
        out.push('\n');
    };
    push(
        "preview 2026-11-23",
        &remind::preview(store, today()).unwrap(),
    );
    let failed = remind::run(store, &outbox, today()).unwrap();
    assert!(failed.failed.len() > 100, "{}", failed.failed.len());
    assert!(failed.superseded_count > 100, "{}", failed.superseded_count);
    push("run 2026-11-23, delivery fails", &failed);
    push(
        "preview 2026-11-24",
        &remind::preview(store, d("2026-11-24")).unwrap(),
    );
    // A failed reminder's event is marked done: its failure is superseded as done.
    let done = failed
        .failed
        .iter()
        .find(|r| r.act_by.is_none())
        .expect("a failed reminder of a dated event");
    store
        .mark_done(
            done.agreement_id,
            &done.event_id,
            d("2026-11-24"),
            "test",
            d("2026-11-24"),
        )
        .unwrap();
    *outbox.fail.borrow_mut() = None;
    push(
        "run 2026-11-30",
        &remind::run(store, &outbox, d("2026-11-30")).unwrap(),
    );
    push(
        "run 2026-11-30 again",
        &remind::run(store, &outbox, d("2026-11-30")).unwrap(),
    );
    push(
        "run 2027-03-01",
        &remind::run(store, &outbox, d("2027-03-01")).unwrap(),
    );
    push(
        "preview 2027-03-02",
        &remind::preview(store, d("2027-03-02")).unwrap(),
    );
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT id, agreement_id, event_id, step, event_date, due_on, label, state,
                    coalesce(note, ''), coalesce(channel, ''), coalesce(failure, ''), attempts
             FROM reminder_log ORDER BY id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let mut cells = Vec::new();
            for i in 0..12 {
                let v: rusqlite::types::Value = r.get(i)?;
                cells.push(format!("{v:?}"));
            }
            Ok(cells.join("|"))
        })
        .unwrap();
    out.push_str("== reminder_log\n");
    for row in rows {
        out.push_str(&row.unwrap());
        out.push('\n');
    }
    out
}

/// FNV-1a, 64 bits: a fingerprint that stays the same across Rust releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Issue 14 item 1: `remind` plans by index and moves its reminders instead of copying them,
/// keeps the reasons for silenced events only where the log has open rows, and prints its
/// report as it is serialised. Its reports and the reminder log it writes are the same as
/// the implementation's before that change (commit f0ff865), recorded in
/// tests/fixtures/remind-stream.golden as the transcript's length and FNV-1a fingerprint
/// (`RENEWAL_RECORD_GOLDEN=1` writes it again; only on a commit whose output is known good).
#[test]
fn remind_reports_and_log_equal_the_previous_implementation_on_a_generated_register() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = register(&dir.path().join("r.db"));
    let text = remind_transcript(&mut store);
    let got = format!("{} {:016x}\n", text.len(), fnv1a(text.as_bytes()));
    let golden =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/remind-stream.golden");
    if std::env::var_os("RENEWAL_RECORD_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    if let Some(path) = std::env::var_os("RENEWAL_TRANSCRIPT") {
        std::fs::write(path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap();
    assert_eq!(
        got,
        want,
        "the transcript changed:\n{}",
        &text[..text.len().min(4000)]
    );
}

/// Issue 14 item 1: a first run over the generated register supersedes more older steps
/// than a report lists. The count is exact (every row recorded as superseded), the list is
/// the first `SUPERSEDED_LISTED` in the order the rows were written, and the dry run before
/// says the same.
#[test]
fn remind_counts_every_superseded_step_and_lists_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = register(&dir.path().join("r.db"));
    let preview = remind::preview(&store, today()).unwrap();
    let outbox = Outbox {
        fail: std::cell::RefCell::new(None),
    };
    let report = remind::run(&mut store, &outbox, today()).unwrap();
    assert!(
        report.superseded_count > remind::SUPERSEDED_LISTED,
        "{}",
        report.superseded_count
    );
    assert_eq!(report.superseded.len(), remind::SUPERSEDED_LISTED);
    assert_eq!(preview.superseded_count, report.superseded_count);
    assert_eq!(preview.superseded, report.superseded);
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT a.title, l.label, l.step, coalesce(l.note, '')
             FROM reminder_log l JOIN agreements a ON a.id = l.agreement_id
             WHERE l.state = 'superseded' ORDER BY l.id",
        )
        .unwrap();
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), report.superseded_count);
    assert_eq!(report.superseded, rows[..remind::SUPERSEDED_LISTED]);
}

/// `renewals remind --dry-run --json` prints, as it serialises it, the same bytes as the
/// report printed whole (`serde_json::to_string_pretty` and a newline).
#[test]
fn remind_dry_run_json_streams_the_same_bytes_as_the_whole_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let store = register(&path);
    let want = serde_json::to_string_pretty(&remind::preview(&store, today()).unwrap()).unwrap();
    drop(store);
    let o = crate::common::renewals(&path, "2026-11-23", &["remind", "--dry-run", "--json"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    let got = crate::common::stdout(&o);
    assert!(want.len() > 10_000, "{}", want.len());
    assert_eq!(got, format!("{want}\n"));
}

/// A table as `renewals` made it before streaming: every row at once (not on a terminal).
fn whole_table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .force_no_tty()
        .set_header(headers.to_vec());
    for r in rows {
        t.add_row(r);
    }
    format!("{t}\n")
}

fn days_words(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// Issue 14 item 1: `renewals list` and `renewals deadlines` (tables) print rows as they
/// spool them, a chunk at a time with the whole table's column widths: the same text as
/// the table of every row built at once (the code before), on a generated register whose
/// deadlines table spans many chunks.
#[test]
fn streamed_tables_equal_the_tables_built_whole() {
    use renewal_core::domain::dates::long_date;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let store = register(&path);
    let as_of = today();
    let listings = renewal_core::services::dashboard::agreement_listings(&store, as_of).unwrap();
    let rows = listings
        .iter()
        .map(|l| {
            let r = &l.row;
            let next = match (
                r.next_deadline,
                &r.next_deadline_label,
                r.next_deadline_days,
            ) {
                (Some(date), Some(label), Some(days)) => {
                    format!("{} {label} ({})", long_date(date), days_words(days))
                }
                _ => "-".to_string(),
            };
            vec![
                r.id.to_string(),
                r.title.clone(),
                r.counterparty.clone().unwrap_or_default(),
                if r.provisional {
                    format!("{}, provisional", r.status)
                } else {
                    r.status.to_string()
                },
                r.current_term_end.map(long_date).unwrap_or_default(),
                next,
            ]
        })
        .collect();
    let want = whole_table(
        &[
            "ID",
            "Agreement",
            "Counterparty",
            "Status",
            "Term ends",
            "Next deadline",
        ],
        rows,
    );
    let o = crate::common::renewals(&path, "2026-11-23", &["list"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert_eq!(
        crate::common::stdout(&o),
        format!("{want}As of {}.\n", long_date(as_of))
    );

    for within in [None, Some(90)] {
        let rows: Vec<Vec<String>> = deadline_rows(&store, as_of, within)
            .unwrap()
            .into_iter()
            .map(|r| {
                let e = &r.event;
                let date = if e.date != e.unadjusted_date {
                    format!("{}\n(from {})", long_date(e.date), e.unadjusted_date)
                } else {
                    long_date(e.date)
                };
                vec![
                    date,
                    r.agreement.clone(),
                    e.label.clone(),
                    e.status.to_string(),
                    e.days_from_today.to_string(),
                ]
            })
            .collect();
        if within.is_none() {
            assert!(rows.len() > 2 * 512, "{} rows: several chunks", rows.len());
            assert!(rows.iter().any(|r| r[0].contains("(from ")), "a moved date");
        }
        let want = whole_table(&["Date", "Agreement", "Event", "Status", "Days"], rows);
        let n = within.map(|n| n.to_string());
        let mut args = vec!["deadlines"];
        if let Some(n) = &n {
            args.extend(["--within", n.as_str()]);
        }
        let o = crate::common::renewals(&path, "2026-11-23", &args);
        assert!(o.status.success(), "{}", crate::common::stderr(&o));
        assert_eq!(
            crate::common::stdout(&o),
            format!("{want}As of {}.\n", long_date(as_of)),
            "deadlines within {within:?}"
        );
    }
}

/// A notification server that is never there: every reminder of a run fails and stays
/// pending.
struct NoServer;

impl remind::Notifier for NoServer {
    fn send(&self, _: &remind::Message) -> Result<remind::Sent, remind::NotifyError> {
        Err(remind::NotifyError::NoServer(
            "nothing owns org.freedesktop.Notifications".to_string(),
        ))
    }
}

/// Issue 14 item 1: `renewals remind --pending` prints the undelivered reminders a row at a
/// time: `--json` the same bytes as the whole list (`log::pending`) pretty-printed, the
/// table the same text as the table of every row built at once, on a register whose failed
/// first run leaves several chunks of pending rows.
#[test]
fn remind_pending_streams_the_same_output_as_the_whole_list() {
    use renewal_core::adapters::remind::log;
    use renewal_core::domain::dates::long_date;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut store = register(&path);
    let r = remind::run(&mut store, &NoServer, today()).unwrap();
    assert!(!r.ok());
    let pending = log::pending(store.conn()).unwrap();
    assert_eq!(pending.len(), r.failed.len());
    assert_eq!(log::pending_count(store.conn()).unwrap(), pending.len());
    assert!(
        pending.len() > 512,
        "{} rows: several chunks",
        pending.len()
    );
    let want_json = serde_json::to_string_pretty(&pending).unwrap();
    let rows = pending
        .iter()
        .map(|p| {
            vec![
                long_date(p.event_date),
                p.agreement.clone(),
                p.label.clone(),
                p.step_text.clone(),
                p.state.to_string(),
                p.attempts.to_string(),
                p.failure.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let want_table = whole_table(
        &[
            "Date",
            "Agreement",
            "Event",
            "Step",
            "State",
            "Attempts",
            "Reason",
        ],
        rows,
    );
    drop(store);

    let o = crate::common::renewals(&path, "2026-11-23", &["remind", "--pending", "--json"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert_eq!(crate::common::stdout(&o), format!("{want_json}\n"));
    let o = crate::common::renewals(&path, "2026-11-23", &["remind", "--pending"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert_eq!(crate::common::stdout(&o), want_table);

    // Nothing pending: an empty array, and the sentence instead of a table.
    let mut store = Store::open(&path).unwrap();
    store
        .conn_mut()
        .execute(
            "UPDATE reminder_log SET state = 'superseded' WHERE state = 'failed'",
            [],
        )
        .unwrap();
    drop(store);
    let o = crate::common::renewals(&path, "2026-11-23", &["remind", "--pending", "--json"]);
    assert_eq!(crate::common::stdout(&o), "[]\n");
    let o = crate::common::renewals(&path, "2026-11-23", &["remind", "--pending"]);
    assert_eq!(crate::common::stdout(&o), "No undelivered reminders.\n");
}
