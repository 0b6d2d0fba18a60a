//! The dashboard and the agreements table (renewal_core::services::dashboard), and the light listing
//! they read (Store::for_each_listed).

use renewal_core::adapters::import::import_markdown;
use renewal_core::adapters::store::{engine_json, Store, VIEW_STRIPPED_FIELDS};
use renewal_core::domain::model::AgreementStatus;
use renewal_core::domain::rules::{assess, EventKind, EventStatus};
use renewal_core::services::dashboard::{
    agreement_rows, dashboard, LIST_LIMIT, RECENT_DAYS, UPCOMING_DAYS,
};
use renewal_core::services::samples::generate_document;

use crate::common::*;

fn seeded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    // Same order as the README: AWS Chile (1), AWS Peru (2), Microsoft Peru (3).
    for name in [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ] {
        store.import(&import_seed(name)).unwrap();
    }
    store
}

#[test]
fn the_worked_example_on_the_dashboard() {
    let store = seeded();
    let db = dashboard(&store, today()).unwrap();

    // What needs a decision (issue 16 item 3): both AWS agreements expired with their
    // assisted-migration window open (it closes Sun 27 Dec 2026; 25 December is a
    // holiday, so the last business day to act is Thursday 24 December), then Microsoft
    // Peru's next notice deadline, moved from Saturday.
    assert_eq!(db.decisions.len(), 3);
    for (aws, id) in db.decisions[..2].iter().zip([1, 2]) {
        assert_eq!(aws.agreement_id, id);
        assert_eq!(aws.kind, EventKind::ExitWindowEnd);
        assert_eq!(aws.date, d("2026-12-24"));
        assert_eq!(aws.unadjusted_date, d("2026-12-27"));
        assert_eq!(aws.days_from_today, 31);
        assert_eq!(
            aws.outcome,
            "expired on Tue 30 Jun 2026; migration (assisted) closes Sun 27 Dec 2026"
        );
        assert_eq!(
            aws.decision.as_deref(),
            Some("The agreement expired on Tue 30 Jun 2026: use the migration (assisted) rights before the window closes")
        );
    }
    let ms = &db.decisions[2];
    assert_eq!(ms.agreement, "Microsoft Peru Partnership Agreement");
    assert_eq!(ms.agreement_id, 3);
    assert_eq!(ms.kind, EventKind::NonRenewalNoticeDeadline);
    assert_eq!(ms.date, d("2027-10-01"));
    assert_eq!(ms.unadjusted_date, d("2027-10-02"));
    assert_eq!(ms.days_from_today, 312);
    assert_eq!(ms.status, EventStatus::Open);
    assert_eq!(ms.event_id, "non_renewal_notice_deadline:2027-10-02");
    assert_eq!(
        ms.outcome,
        "renews on Sat 1 Jan 2028 for 12 months with a price review"
    );
    assert!(
        ms.explanation.contains("2027-12-31 − 90 days = 2027-10-02"),
        "{}",
        ms.explanation
    );

    // Counts at a glance.
    let c = &db.counts;
    assert_eq!(
        (c.agreements, c.active, c.expired, c.terminated),
        (3, 1, 2, 0)
    );
    assert_eq!((c.decisions, c.decisions_soon), (3, 2));
    // Money at stake in the next 90 days (issue 16 item 6): the two AWS agreements' total
    // commitments, one sum per currency, never converted.
    let at_stake: Vec<String> = db.at_stake_soon.iter().map(|m| m.to_string()).collect();
    assert_eq!(at_stake, vec!["S/ 12,000,000", "US$ 12,000,000"]);
    assert_eq!(
        db.decisions[2]
            .value
            .as_ref()
            .map(|m| m.to_string())
            .as_deref(),
        Some("S/ 15,000,000")
    );
    assert_eq!(
        c.overdue, 5,
        "three next reviews and two Microsoft obligations"
    );
    assert_eq!(c.with_warnings, 2);

    // Overdue, oldest first.
    let overdue: Vec<_> = db
        .overdue
        .iter()
        .map(|i| (i.date, i.agreement_id))
        .collect();
    assert_eq!(
        overdue,
        vec![
            (d("2025-06-30"), 3),
            (d("2025-07-01"), 1),
            (d("2025-07-01"), 2),
            (d("2025-07-01"), 3),
            (d("2025-12-31"), 3)
        ]
    );
    assert!(db.overdue.iter().all(|i| i.status == EventStatus::Overdue));

    // Coming up: Microsoft's locked-in renewal and its price review (39 days); the AWS
    // windows are the decisions above, not repeated.
    let upcoming: Vec<_> = db
        .upcoming
        .iter()
        .map(|i| (i.agreement_id, i.kind, i.date, i.days_from_today))
        .collect();
    assert_eq!(
        upcoming,
        vec![
            (3, EventKind::Renewal, d("2027-01-01"), 39),
            (3, EventKind::PriceReview, d("2027-01-01"), 39)
        ]
    );
    assert_eq!(
        db.upcoming[0].outcome,
        "locked in: its notice deadline has passed, so it renews that day"
    );

    // Recently closed, most recent first: Microsoft's 2026 notice window, then data export.
    let closed: Vec<_> = db
        .recently_closed
        .iter()
        .map(|i| (i.agreement_id, i.kind, i.date))
        .collect();
    assert_eq!(
        closed,
        vec![
            (3, EventKind::NonRenewalNoticeDeadline, d("2026-10-02")),
            (1, EventKind::ExitWindowEnd, d("2026-09-28")),
            (2, EventKind::ExitWindowEnd, d("2026-09-28")),
        ]
    );
    assert_eq!(
        db.recently_closed[0].outcome,
        "notice window closed: the renewal on Fri 1 Jan 2027 is locked in"
    );

    // The tray's next deadline: the earliest open deadline of all.
    let next = db.next_deadline.as_ref().unwrap();
    assert_eq!((next.agreement_id, next.date), (1, d("2026-12-27")));
}

#[test]
fn an_empty_store_has_an_empty_dashboard() {
    let store = Store::open_in_memory().unwrap();
    let db = dashboard(&store, today()).unwrap();
    assert_eq!(db.counts.agreements, 0);
    assert!(db.decisions.is_empty() && db.overdue.is_empty() && db.next_deadline.is_none());
    assert!(agreement_rows(&store, today()).unwrap().is_empty());
}

#[test]
fn lists_are_capped_sorted_and_agree_with_the_engine() {
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = (0..300)
        .map(|i| import_markdown(&format!("g{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    let t = today();
    let db = dashboard(&store, t).unwrap();

    // Brute force over the full agreements.
    let (mut decisions, mut overdue, mut upcoming, mut recent) = (vec![], vec![], vec![], vec![]);
    for s in store.list().unwrap() {
        let a = assess(&s.agreement, t);
        let decision = a.decision(&s.agreement);
        if let (true, Some(act_by)) = (decision.is_open(), decision.act_by) {
            decisions.push((act_by, s.id));
        }
        let decision_id = decision.event_id.clone();
        for e in &a.events {
            match e.status {
                EventStatus::Overdue => overdue.push((e.date, s.id)),
                EventStatus::Open
                    if (e.is_actionable()
                        || matches!(e.kind, EventKind::Renewal | EventKind::PriceReview))
                        && !matches!(
                            e.kind,
                            EventKind::NonRenewalNoticeDeadline
                                | EventKind::TerminationNoticeDeadline
                        )
                        && e.days_from_today <= UPCOMING_DAYS
                        && decision_id.as_deref() != Some(e.id().as_str()) =>
                {
                    upcoming.push((e.date, s.id))
                }
                EventStatus::Closed
                    if matches!(
                        e.kind,
                        EventKind::NonRenewalNoticeDeadline | EventKind::ExitWindowEnd
                    ) && (-RECENT_DAYS..0).contains(&e.days_from_today) =>
                {
                    recent.push((std::cmp::Reverse(e.date), s.id))
                }
                _ => {}
            }
        }
    }
    assert_eq!(db.counts.agreements, 300);
    assert_eq!(db.counts.decisions, decisions.len());
    assert_eq!(db.counts.overdue, overdue.len());
    assert_eq!(db.counts.upcoming, upcoming.len());
    assert_eq!(db.counts.recently_closed, recent.len());
    assert!(
        decisions.len() > LIST_LIMIT,
        "the test needs more than a page"
    );
    decisions.sort();
    overdue.sort();
    upcoming.sort();
    recent.sort();
    let got = |items: &[renewal_core::services::dashboard::DashboardItem]| {
        items
            .iter()
            .map(|i| (i.date, i.agreement_id))
            .collect::<Vec<_>>()
    };
    let first =
        |v: &[(chrono::NaiveDate, i64)]| v.iter().take(LIST_LIMIT).copied().collect::<Vec<_>>();
    assert_eq!(got(&db.decisions), first(&decisions));
    assert_eq!(got(&db.overdue), first(&overdue));
    assert_eq!(got(&db.upcoming), first(&upcoming));
    assert_eq!(
        db.recently_closed
            .iter()
            .map(|i| (std::cmp::Reverse(i.date), i.agreement_id))
            .collect::<Vec<_>>(),
        recent.iter().take(LIST_LIMIT).copied().collect::<Vec<_>>()
    );
}

#[test]
fn agreement_rows_summarise_each_agreement() {
    let store = seeded();
    let rows = agreement_rows(&store, today()).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![1, 2, 3]);
    let ms = &rows[2];
    assert_eq!(ms.title, "Microsoft Peru Partnership Agreement");
    assert_eq!(ms.status, AgreementStatus::Active);
    assert!(ms.renewing);
    assert_eq!(ms.current_term_end, Some(d("2026-12-31")));
    assert_eq!(ms.next_notice_deadline, Some(d("2027-10-01")));
    assert_eq!(ms.currency.as_deref(), Some("PEN"));
    assert_eq!(ms.country.as_deref(), Some("PE"));
    assert_eq!(ms.contract_owner.as_deref(), Some("Commercial Director"));
    assert_eq!(ms.overdue, 3);
    let aws = &rows[1];
    assert_eq!(aws.status, AgreementStatus::Expired);
    assert_eq!(aws.next_deadline, Some(d("2026-12-27")));
    assert_eq!(aws.next_deadline_days, Some(34));
    assert_eq!(
        aws.next_deadline_label.as_deref(),
        Some("Exit window ends: Migration (assisted)")
    );
    assert_eq!(rows[0].currency.as_deref(), Some("USD"));
    assert_eq!(rows[0].warnings, 3);
}

#[test]
fn the_light_listing_is_the_agreement_without_stripped_fields_or_sources() {
    let store = seeded();
    let listed = store.list_listed().unwrap();
    assert_eq!(listed.len(), 3);
    for l in listed {
        let full = store.get(l.id).unwrap().agreement;
        let mut want = serde_json::to_value(&full).unwrap();
        for k in VIEW_STRIPPED_FIELDS {
            want[*k] = serde_json::json!([]);
        }
        let got = serde_json::to_value(&l.agreement).unwrap();
        assert_eq!(got["title"], want["title"]);
        assert_eq!(
            got["effective_date"]["value"],
            want["effective_date"]["value"]
        );
        assert_eq!(
            got["effective_date"]["source"]["text"], "",
            "sources are left out"
        );
        assert_eq!(got["sections"], serde_json::json!([]));
        assert_eq!(got["warnings"], want["warnings"]);
        assert_eq!(l.currency.as_deref(), full.main_currency());
        // The engine reads none of what was left out: same dates, statuses, explanations.
        let (a, b) = (assess(&l.agreement, today()), assess(&full, today()));
        assert_eq!(a, b);
        let explain = |s: &renewal_core::domain::rules::Assessment| {
            s.events.iter().map(|e| e.explanation()).collect::<Vec<_>>()
        };
        assert_eq!(explain(&a), explain(&b));
        // A fifth of the full JSON or less.
        let compact = engine_json(&full).unwrap();
        assert!(compact.len() * 3 < serde_json::to_string(&full).unwrap().len());
    }
}

#[test]
fn a_database_from_before_the_compact_copy_is_migrated() {
    use renewal_core::adapters::store::{migrate, migration_steps};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        // A database written by the previous schema (migrations 0001 and 0002 only).
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrate(&mut conn, &migration_steps()[..2]).unwrap();
        let doc = import_seed("microsoft-peru-mifibra.md");
        conn.execute(
            "INSERT INTO agreements(key, title, counterparty, contract_owner, currency, data, sha256, created_at, updated_at)
             VALUES ('k', ?1, NULL, NULL, 'PEN', ?2, ?3, 'now', 'now')",
            rusqlite::params![
                doc.agreement.title,
                serde_json::to_string(&doc.agreement).unwrap(),
                doc.sha256
            ],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let listed = store.list_listed().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].currency.as_deref(), Some("PEN"));
    let full = store.get(1).unwrap().agreement;
    assert_eq!(
        assess(&listed[0].agreement, today()),
        assess(&full, today())
    );
    assert!(listed[0].agreement.sections.is_empty());
}

#[test]
fn a_planned_exit_puts_its_serve_by_date_among_the_decisions() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::edit_field;
    let mut store = seeded();
    // Rule 6: to exit on 30 June 2027 with 180 days' notice, serve by 1 January 2027, a
    // public holiday in Peru, so by Thu 31 Dec 2026 (rule 4).
    edit_field(&mut store, 3, EditableField::PlannedExit, "2027-06-30").unwrap();
    let db = dashboard(&store, today()).unwrap();
    // After the two AWS exit windows (last business day Thu 24 Dec 2026).
    assert_eq!(db.decisions.len(), 3);
    let first = &db.decisions[2];
    assert_eq!(first.agreement_id, 3);
    assert_eq!(first.kind, EventKind::TerminationNoticeDeadline);
    assert_eq!(first.unadjusted_date, d("2027-01-01"));
    assert_eq!(first.date, d("2026-12-31"));
    assert_eq!(
        first.outcome,
        "without notice by then it cannot end on Wed 30 Jun 2027; renews on Sat 1 Jan 2028 for 12 months with a price review"
    );
    let h = store.history(3).unwrap();
    assert!(h
        .iter()
        .any(|e| e.action == "edit" && e.field == "recorded.planned_exit"));
}

/// The dashboard and the table computed on several threads (issue 14 items 2 and 5) are
/// the one-thread computation's, item for item, for as-of dates from 2019 to 2031 (before
/// every effective date, across notice deadlines, renewals and expiries), with more
/// agreements than one block (256) and more list items than [`LIST_LIMIT`].
#[test]
fn the_parallel_dashboard_and_table_equal_the_one_thread_computation() {
    use renewal_core::services::dashboard::{agreement_rows_with, dashboard_with};
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = (0..520)
        .map(|i| import_markdown(&format!("p{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    let mut as_of = d("2019-01-01");
    let mut seen_lists_full = 0;
    while as_of < d("2031-06-30") {
        let one = dashboard_with(&store, as_of, 1).unwrap();
        assert_eq!(one.counts.agreements, 520);
        if one.decisions.len() == LIST_LIMIT && one.counts.decisions > LIST_LIMIT {
            seen_lists_full += 1;
        }
        for threads in [2, 3] {
            assert_eq!(
                dashboard_with(&store, as_of, threads).unwrap(),
                one,
                "as of {as_of}, {threads} threads"
            );
        }
        let rows = agreement_rows_with(&store, as_of, 1).unwrap();
        assert_eq!(rows.len(), 520);
        assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(
            agreement_rows_with(&store, as_of, 2).unwrap(),
            rows,
            "as of {as_of}"
        );
        as_of += chrono::Duration::days(211);
    }
    assert!(
        seen_lists_full > 5,
        "the test needs lists longer than a page"
    );
}

/// The dashboard read back from the store (issue 14 item 2) is the one computed now, for
/// many as-of dates and after every kind of write: an import, an edit, a recorded notice, a
/// step marked done, and a write by another connection (another process) to the same file.
/// A stored dashboard is used only for exactly its as-of date, generation and version.
#[test]
fn the_stored_dashboard_equals_the_computed_one_and_no_write_leaves_it_in_use() {
    use renewal_core::adapters::remind::NoticeKind;
    use renewal_core::services::dashboard::{dashboard_cached, dashboard_with, DASHBOARD_VERSION};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("views.db");
    let mut store = Store::open(&path).unwrap();
    let docs: Vec<_> = (0..120)
        .map(|i| import_markdown(&format!("c{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    // Computed once, then read back, equal to the plain computation, for each as-of date.
    let check = |store: &Store, as_of: chrono::NaiveDate, what: &str| {
        let plain = dashboard_with(store, as_of, 1).unwrap();
        let first = dashboard_cached(store, as_of).unwrap();
        assert!(
            !first.stored,
            "{what}: as of {as_of} nothing usable was stored"
        );
        assert_eq!(first.dashboard, plain, "{what}: as of {as_of}");
        let again = dashboard_cached(store, as_of).unwrap();
        assert!(
            again.stored,
            "{what}: as of {as_of} the second read is the stored one"
        );
        assert_eq!(again.dashboard, plain, "{what}: as of {as_of}");
    };
    let mut as_of = d("2019-03-01");
    while as_of < d("2031-01-01") {
        check(&store, as_of, "many dates");
        as_of += chrono::Duration::days(173);
    }
    let t = today();
    check(&store, t, "today");
    // The next day is another as-of date: never the day before's dashboard.
    let next = dashboard_cached(&store, t + chrono::Duration::days(1)).unwrap();
    assert!(!next.stored);
    assert_eq!(next.dashboard.as_of, t + chrono::Duration::days(1));

    // An import.
    store
        .import(&import_markdown("new.md", &generate_document(5000)).unwrap())
        .unwrap();
    let after = dashboard_cached(&store, t).unwrap();
    assert!(
        !after.stored,
        "an import makes the stored dashboard unusable"
    );
    assert_eq!(after.dashboard.counts.agreements, 121);
    assert_eq!(after.dashboard, dashboard_with(&store, t, 1).unwrap());

    // An edit that moves the first decision's deadline: it must not stay on the dashboard.
    let first = after.dashboard.decisions[0].clone();
    let mut a = store.get(first.agreement_id).unwrap().agreement;
    a.title = format!("{} (renamed)", a.title);
    a.non_renewal_notice = None;
    store.update(first.agreement_id, &a, "edit").unwrap();
    let edited = dashboard_cached(&store, t).unwrap();
    assert!(
        !edited.stored,
        "an edit makes the stored dashboard unusable"
    );
    assert_eq!(edited.dashboard, dashboard_with(&store, t, 1).unwrap());
    assert_ne!(edited.dashboard, after.dashboard);
    check(&store, t + chrono::Duration::days(2), "after the edit");

    // A recorded notice.
    let decision = edited.dashboard.decisions[0].clone();
    store
        .record_notice(
            decision.agreement_id,
            NoticeKind::NonRenewal,
            t,
            "by courier",
        )
        .unwrap();
    let noticed = dashboard_cached(&store, t).unwrap();
    assert!(
        !noticed.stored,
        "a recorded notice makes the stored dashboard unusable"
    );
    assert_eq!(noticed.dashboard, dashboard_with(&store, t, 1).unwrap());
    assert_ne!(noticed.dashboard, edited.dashboard);

    // A step marked done.
    let overdue = noticed.dashboard.overdue[0].clone();
    store
        .mark_done(overdue.agreement_id, &overdue.event_id, t, "done", t)
        .unwrap();
    let done = dashboard_cached(&store, t).unwrap();
    assert!(
        !done.stored,
        "a step marked done makes the stored dashboard unusable"
    );
    assert_eq!(done.dashboard, dashboard_with(&store, t, 1).unwrap());
    assert_eq!(
        done.dashboard.counts.overdue + 1,
        noticed.dashboard.counts.overdue
    );
    assert!(dashboard_cached(&store, t).unwrap().stored);

    // Another process writes the same file: this connection sees the new generation.
    let mut other = Store::open(&path).unwrap();
    other
        .import(&import_markdown("other.md", &generate_document(5001)).unwrap())
        .unwrap();
    drop(other);
    let seen = dashboard_cached(&store, t).unwrap();
    assert!(
        !seen.stored,
        "another process's import makes the stored dashboard unusable"
    );
    assert_eq!(seen.dashboard.counts.agreements, 122);
    assert_eq!(seen.dashboard, dashboard_with(&store, t, 1).unwrap());

    // Another program version never reads it.
    let generation = store.view_generation().unwrap();
    assert!(store
        .stored_view("dashboard", t, generation, DASHBOARD_VERSION)
        .unwrap()
        .is_some());
    assert!(store
        .stored_view("dashboard", t, generation, "0.0.0/dashboard-0")
        .unwrap()
        .is_none());
}

/// The reminder timer (`renewals remind`, a few times a day and at login) leaves the app's
/// dashboard stored for its as-of date and the agreements as they are, equal to the one
/// computed now, so that the app's first start of a day, or its first after a CLI import,
/// reads it back (issue 14 item 2); a dry run writes nothing, not even that.
#[test]
fn a_reminder_run_leaves_the_dashboard_stored_for_the_app() {
    use renewal_core::services::dashboard::{dashboard_with, Dashboard, DASHBOARD_VERSION};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timer.db");
    let mut store = Store::open(&path).unwrap();
    let docs: Vec<_> = (0..40)
        .map(|i| import_markdown(&format!("c{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    drop(store);
    let t = today();
    let stored = |path: &std::path::Path| {
        let store = Store::open(path).unwrap();
        let generation = store.view_generation().unwrap();
        let json = store
            .stored_view("dashboard", t, generation, DASHBOARD_VERSION)
            .unwrap();
        (store, json)
    };

    let dry = renewals(
        &path,
        "2026-11-23",
        &["remind", "--dry-run", "--via", "stdout"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stored(&path).1.is_none(), "a dry run stores nothing");

    let run = renewals(&path, "2026-11-23", &["remind", "--via", "stdout"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let (store, json) = stored(&path);
    let json = json.expect("the reminder run stored the dashboard");
    let read: Dashboard = serde_json::from_str(&json).unwrap();
    let computed = dashboard_with(&store, t, 1).unwrap();
    assert_eq!(read, computed);
    assert_eq!(read.counts.agreements, 40);
    assert!(!read.decisions.is_empty());

    // After an import by the CLI, the next run stores it for the new agreements.
    drop(store);
    let doc = dir.path().join("new.md");
    std::fs::write(&doc, generate_document(900)).unwrap();
    let imported = renewals(&path, "2026-11-23", &["import", doc.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stored(&path).1.is_none(), "the import made it unusable");
    let run = renewals(&path, "2026-11-23", &["remind", "--via", "stdout"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let (store, json) = stored(&path);
    let read: Dashboard = serde_json::from_str(&json.expect("stored again")).unwrap();
    assert_eq!(read.counts.agreements, 41);
    assert_eq!(read, dashboard_with(&store, t, 1).unwrap());
}
