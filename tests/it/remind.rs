//! Reminders (issue 4): the policy and the log through the core API, the CLI commands, and
//! delivery to a real notification server (Xvfb + private session bus + dunst, watched with
//! dbus-monitor) and to none.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use renewal_core::adapters::remind::{
    self, log, Ladder, LogState, Message, Notifier, NotifyError, Reminder, Sent, Step, Urgency,
};
use renewal_core::adapters::store::Store;

use crate::common::{d, import_seed, renewals, renewals_bin, seed_files, stderr, stdout};

const MS: &str = "Microsoft Peru Partnership Agreement";
const AWS_PERU: &str = "AWS Peru Partnership Agreement";
const AWS_CHILE: &str = "AWS Chile Partnership Agreement";
const MIGRATION: &str = "exit_window_end:2026-12-27:migration-assisted";
const RENEWAL: &str = "renewal:2027-01-01";

/// Records every message; fails while `fail` is set.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<Message>>,
    fail: Mutex<Option<String>>,
}

impl Recorder {
    fn failing(reason: &str) -> Recorder {
        let r = Recorder::default();
        *r.fail.lock().unwrap() = Some(reason.to_string());
        r
    }
    fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }
}

impl Notifier for Recorder {
    fn send(&self, m: &Message) -> Result<Sent, NotifyError> {
        if let Some(f) = self.fail.lock().unwrap().clone() {
            return Err(NotifyError::NoServer(f));
        }
        self.sent.lock().unwrap().push(m.clone());
        Ok(Sent {
            channel: "test recorder".to_string(),
            id: None,
        })
    }
}

/// A database file with the three samples imported.
fn samples_db(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("r.db");
    let mut store = Store::open(&path).unwrap();
    for name in [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ] {
        store.import(&import_seed(name)).unwrap();
    }
    (path, store)
}

fn id_of(store: &Store, title: &str) -> i64 {
    store
        .list()
        .unwrap()
        .into_iter()
        .find(|s| s.agreement.title == title)
        .unwrap_or_else(|| panic!("no agreement {title}"))
        .id
}

/// (agreement title, event id, step key) of each reminder.
fn keys(rs: &[Reminder]) -> HashSet<(String, String, String)> {
    rs.iter()
        .map(|r| (r.agreement.clone(), r.event_id.clone(), r.step.key()))
        .collect()
}

fn has(rs: &[Reminder], title: &str, event: &str, step: &str) -> bool {
    keys(rs).contains(&(title.to_string(), event.to_string(), step.to_string()))
}

fn of_event<'a>(rs: &'a [Reminder], title: &str, event: &str) -> Vec<&'a Reminder> {
    rs.iter()
        .filter(|r| r.agreement == title && r.event_id == event)
        .collect()
}

fn run(store: &mut Store, n: &dyn Notifier, today: &str) -> remind::RunReport {
    remind::run(store, n, d(today)).unwrap()
}

// ---------------------------------------------------------------------------------------
// Policy and log
// ---------------------------------------------------------------------------------------

#[test]
fn samples_on_20_december_get_the_7_and_14_day_steps_in_one_digest() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    let r = run(&mut store, &rec, "2026-12-20");
    assert!(r.ok());
    assert!(
        has(&r.delivered, AWS_PERU, MIGRATION, "d7"),
        "{:#?}",
        keys(&r.delivered)
    );
    assert!(has(&r.delivered, AWS_CHILE, MIGRATION, "d7"));
    assert!(has(&r.delivered, MS, RENEWAL, "d14"));
    assert!(has(&r.delivered, MS, "price_review:2027-01-01", "d14"));
    // Nothing 192 or 285 days ahead yet (the ladder starts at 90 days).
    assert!(r.delivered.iter().all(|x| x.days_left <= 90));
    // One digest notification for everything due at once.
    assert_eq!(rec.count(), 1);
    let m = rec.sent.lock().unwrap()[0].clone();
    assert_eq!(m.reminders.len(), r.delivered.len());
    assert!(m.body.contains(
        "AWS Peru Partnership Agreement — Exit window ends: Migration (assisted): Sun 27 Dec 2026, in 7 days"
    ), "{}", m.body);
    assert!(m
        .body
        .contains("Microsoft Peru Partnership Agreement — Renewal: Fri 1 Jan 2027, in 12 days"));
    // The renewal of 1 January 2027 is locked in: if nobody acts, the one being decided is
    // 1 January 2028 (the dashboard and the brief say the same).
    assert!(m.body.contains("renews on Sat 1 Jan 2028 for 12 months"));
    assert_eq!(m.urgency, Urgency::Critical); // overdue reviews are in it
}

#[test]
fn a_single_reminder_names_agreement_deadline_days_left_and_default_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    // Only the Microsoft agreement, with the overdue items done, so one event reminds.
    for t in [AWS_PERU, AWS_CHILE] {
        let id = id_of(&store, t);
        store
            .set_agreement_ladder(id, Some(&Ladder::new([0]).unwrap()))
            .unwrap();
    }
    let ms = id_of(&store, MS);
    for ev in [
        "next_review:2025-07-01",
        "obligation_due:2025-06-30:graph-api-integration",
        "obligation_due:2025-12-31:copilot-integration",
        "price_review:2027-01-01",
    ] {
        store
            .mark_done(ms, ev, d("2026-12-01"), "", d("2026-12-20"))
            .unwrap();
    }
    for t in [AWS_PERU, AWS_CHILE] {
        let id = id_of(&store, t);
        store
            .mark_done(
                id,
                "next_review:2025-07-01",
                d("2026-12-01"),
                "",
                d("2026-12-20"),
            )
            .unwrap();
    }
    let rec = Recorder::default();
    let r = run(&mut store, &rec, "2026-12-20");
    assert_eq!(keys(&r.delivered).len(), 1, "{:#?}", keys(&r.delivered));
    let m = rec.sent.lock().unwrap()[0].clone();
    assert_eq!(
        m.summary,
        "Microsoft Peru Partnership Agreement — Renewal on Fri 1 Jan 2027"
    );
    assert!(
        m.body
            .starts_with("Fri 1 Jan 2027 — 12 days left (the 14-day step)"),
        "{}",
        m.body
    );
    assert!(m.body.contains("If nobody acts: renews on Sat 1 Jan 2028"));
    assert_eq!(m.urgency, Urgency::Normal);
    let keys: Vec<&str> = m.actions.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["open-brief", "snooze-1d", "done"]);
}

#[test]
fn ladder_steps_follow_the_global_ladder_and_an_agreement_override() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    run(&mut store, &rec, "2026-12-20");
    // Default ladder: the next steps are d3 for the exit windows (24 Dec) and d7 for the
    // renewal (25 Dec); nothing in between.
    for day in ["2026-12-21", "2026-12-22", "2026-12-23"] {
        let r = run(&mut store, &rec, day);
        assert!(
            of_event(&r.delivered, AWS_PERU, MIGRATION).is_empty()
                && of_event(&r.delivered, MS, RENEWAL).is_empty(),
            "{day}: {:#?}",
            keys(&r.delivered)
        );
    }
    let r = run(&mut store, &rec, "2026-12-24");
    assert!(has(&r.delivered, AWS_PERU, MIGRATION, "d3"));
    // Global ladder changed: a 5-day step exists now for the renewal (27 Dec).
    store
        .set_global_ladder(Some(&Ladder::parse("90,30,5,0").unwrap()))
        .unwrap();
    assert_eq!(store.global_ladder().unwrap().days(), &[90, 30, 5, 0]);
    // Microsoft has its own ladder: 8 and 2 days before.
    let ms = id_of(&store, MS);
    store
        .set_agreement_ladder(ms, Some(&Ladder::parse("8,2").unwrap()))
        .unwrap();
    assert_eq!(store.effective_ladder(ms).unwrap().days(), &[8, 2]);
    let r = run(&mut store, &rec, "2026-12-24"); // 8 days before 1 Jan
    assert!(
        has(&r.delivered, MS, RENEWAL, "d8"),
        "{:#?}",
        keys(&r.delivered)
    );
    let r = run(&mut store, &rec, "2026-12-27");
    assert!(
        of_event(&r.delivered, MS, RENEWAL).is_empty(),
        "no 5-day step for Microsoft"
    );
    assert!(has(&r.delivered, AWS_PERU, MIGRATION, "d0"));
    let r = run(&mut store, &rec, "2026-12-30");
    assert!(has(&r.delivered, MS, RENEWAL, "d2"));
    // Removing the override goes back to the global ladder.
    store.set_agreement_ladder(ms, None).unwrap();
    assert_eq!(store.effective_ladder(ms).unwrap().days(), &[90, 30, 5, 0]);
    // Both changes are in the history.
    let h = store.history(ms).unwrap();
    assert_eq!(h.iter().filter(|e| e.action == "set_ladder").count(), 2);
}

#[test]
fn overdue_events_remind_once_a_week_until_done() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    let review = "next_review:2025-07-01"; // overdue since 1 July 2025
    let r = run(&mut store, &rec, "2026-12-20");
    // 1 July 2025 + 76 weeks = 15 December 2026: the latest weekly step.
    assert!(
        has(&r.delivered, MS, review, "overdue-w76"),
        "{:#?}",
        keys(&r.delivered)
    );
    assert_eq!(
        of_event(&r.delivered, MS, review)[0].urgency(),
        Urgency::Critical
    );
    let r = run(&mut store, &rec, "2026-12-21");
    assert!(of_event(&r.delivered, MS, review).is_empty());
    let r = run(&mut store, &rec, "2026-12-22"); // + 77 weeks
    assert!(has(&r.delivered, MS, review, "overdue-w77"));
    let r = run(&mut store, &rec, "2026-12-28");
    assert!(of_event(&r.delivered, MS, review).is_empty());
    // Done: no more reminders for it.
    let ms = id_of(&store, MS);
    store
        .mark_done(
            ms,
            review,
            d("2026-12-28"),
            "reviewed with legal",
            d("2026-12-28"),
        )
        .unwrap();
    let r = run(&mut store, &rec, "2026-12-29"); // + 78 weeks
    assert!(of_event(&r.delivered, MS, review).is_empty());
    assert!(has(&r.delivered, AWS_PERU, review, "overdue-w78"));
    let h = store.history(ms).unwrap();
    assert!(h
        .iter()
        .any(|e| e.action == "mark_done" && e.field.contains(review)));
}

#[test]
fn snooze_silences_an_event_then_reminds_again_when_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    run(&mut store, &rec, "2026-12-20");
    let peru = id_of(&store, AWS_PERU);
    // Snoozed for 5 days on 20 Dec: silent until 25 Dec, so the 3-day step (24 Dec) is skipped.
    let until = store.snooze(peru, MIGRATION, 5, d("2026-12-20")).unwrap();
    assert_eq!(until, d("2026-12-25"));
    let r = run(&mut store, &rec, "2026-12-24");
    assert!(of_event(&r.delivered, AWS_PERU, MIGRATION).is_empty());
    assert!(has(&r.delivered, AWS_CHILE, MIGRATION, "d3")); // not snoozed
    let r = run(&mut store, &rec, "2026-12-25");
    assert!(
        has(&r.delivered, AWS_PERU, MIGRATION, "snooze-2026-12-25"),
        "{:#?}",
        keys(&r.delivered)
    );
    let r = run(&mut store, &rec, "2026-12-26");
    assert!(has(&r.delivered, AWS_PERU, MIGRATION, "d1"));
    // Snoozing a closed event is refused; the snooze is in the history.
    assert!(store.snooze(peru, MIGRATION, 1, d("2027-01-05")).is_err());
    assert!(store
        .history(peru)
        .unwrap()
        .iter()
        .any(|e| e.action == "snooze" && e.new_value.as_deref() == Some("\"2026-12-25\"")));
}

#[test]
fn catch_up_after_a_gap_delivers_only_the_latest_step_and_supersedes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    let r = run(&mut store, &rec, "2026-10-03"); // 90 days before 1 Jan 2027
    assert!(has(&r.delivered, MS, RENEWAL, "d90"));
    // The laptop was off from October to Boxing Day: d60, d30 and d14 passed unseen.
    let r = run(&mut store, &rec, "2026-12-26");
    let renewal: Vec<_> = of_event(&r.delivered, MS, RENEWAL);
    assert_eq!(renewal.len(), 1);
    assert_eq!(renewal[0].step, Step::DaysBefore(7));
    let ms = id_of(&store, MS);
    let entries: Vec<_> = log::entries(store.conn(), Some(ms))
        .unwrap()
        .into_iter()
        .filter(|e| e.event_id == RENEWAL)
        .map(|e| (e.step, e.state))
        .collect();
    for step in ["d60", "d30", "d14"] {
        assert!(
            entries.contains(&(step.to_string(), LogState::Superseded)),
            "{step}: {entries:?}"
        );
    }
    assert!(entries.contains(&("d90".to_string(), LogState::Delivered)));
    assert!(entries.contains(&("d7".to_string(), LogState::Delivered)));
    // Only the latest step of each event was delivered.
    let k: Vec<_> = r
        .delivered
        .iter()
        .map(|x| (&x.agreement, &x.event_id))
        .collect();
    let unique: HashSet<_> = k.iter().collect();
    assert_eq!(k.len(), unique.len());
}

#[test]
fn a_long_overdue_event_logs_a_few_rows_not_one_per_missed_week() {
    const GRAPH: &str = "obligation_due:2025-06-30:graph-api-integration";
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let ms = id_of(&store, MS);
    let rows = |store: &Store| -> Vec<(String, LogState)> {
        log::entries(store.conn(), Some(ms))
            .unwrap()
            .into_iter()
            .filter(|e| e.event_id == GRAPH)
            .map(|e| (e.step, e.state))
            .collect()
    };
    let rec = Recorder::default();
    // First run 73 weeks after the due date: the latest weekly repeat is delivered; the
    // ladder steps before the date are superseded one by one, the 72 weekly repeats before
    // it as one row (the last of them), which settles the others.
    let r = run(&mut store, &rec, "2026-11-23");
    assert!(
        has(&r.delivered, MS, GRAPH, "overdue-w73"),
        "{:#?}",
        keys(&r.delivered)
    );
    let first = rows(&store);
    assert!(first.contains(&("overdue-w73".into(), LogState::Delivered)));
    assert!(first.contains(&("overdue-w72".into(), LogState::Superseded)));
    assert!(first.contains(&("d90".into(), LogState::Superseded)));
    assert!(!first.iter().any(|(s, _)| s == "overdue-w71"), "{first:?}");
    assert_eq!(
        first.len(),
        8 + 2,
        "eight ladder steps and two weekly rows: {first:?}"
    );
    assert!(r.superseded_count >= 9);
    // A week later only the new repeat, and nothing is superseded again.
    let r = run(&mut store, &rec, "2026-11-30");
    assert!(has(&r.delivered, MS, GRAPH, "overdue-w74"));
    assert_eq!(rows(&store).len(), first.len() + 1);
    assert_eq!(r.superseded_count, 0, "{:?}", r.superseded);
    // And the same day again: nothing at all.
    let r = run(&mut store, &rec, "2026-11-30");
    assert!(r.delivered.is_empty() && r.superseded_count == 0);
}

#[test]
fn a_digest_lists_the_first_reminders_and_counts_the_rest() {
    let reminders: Vec<Reminder> = (0..40)
        .map(|i| Reminder {
            log_id: None,
            agreement_id: i,
            agreement: format!("Agreement {i:02}"),
            event_id: format!("next_review:2026-01-{:02}", i % 28 + 1),
            label: "Next review".into(),
            kind: renewal_core::domain::rules::EventKind::NextReview,
            status: renewal_core::domain::rules::EventStatus::Open,
            date: d("2026-12-01") + chrono::Days::new(i as u64),
            days_left: 8 + i,
            step: Step::DaysBefore(14),
            due_on: d("2026-11-23"),
            default_outcome: "renews".into(),
            previous_failure: None,
            act_by: None,
        })
        .collect();
    let m = Message::for_reminders(&reminders).unwrap();
    assert!(m
        .summary
        .starts_with("40 contract deadlines need attention"));
    let lines: Vec<&str> = m.body.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.contains("Next review")).count(),
        remind::message::DIGEST_LINES
    );
    assert!(
        m.body.contains("… and 15 more: see Renewal Desk"),
        "{}",
        m.body
    );
    assert_eq!(m.reminders.len(), 40, "the buttons act on all of them");
}

#[test]
fn runs_are_idempotent_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let rec = Recorder::default();
    let preview = remind::preview(&store, d("2026-12-20")).unwrap();
    assert!(preview.dry_run);
    assert!(log::entries(store.conn(), None).unwrap().is_empty());
    let first = run(&mut store, &rec, "2026-12-20");
    assert_eq!(keys(&preview.delivered), keys(&first.delivered));
    let rows = log::entries(store.conn(), None).unwrap().len();
    for _ in 0..3 {
        let again = run(&mut store, &rec, "2026-12-20");
        assert!(again.delivered.is_empty() && again.failed.is_empty());
        assert!(again.message.is_none());
    }
    assert_eq!(log::entries(store.conn(), None).unwrap().len(), rows);
    assert_eq!(rec.count(), 1);
    // Every delivered row says when and how.
    for e in log::entries(store.conn(), None).unwrap() {
        if e.state == LogState::Delivered {
            assert!(e.delivered_at.is_some());
            assert_eq!(e.channel.as_deref(), Some("test recorder"));
            assert_eq!(e.attempts, 1);
        }
    }
}

#[test]
fn failed_deliveries_are_kept_with_the_reason_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let down = Recorder::failing("nothing owns org.freedesktop.Notifications");
    let r = run(&mut store, &down, "2026-12-20");
    assert!(!r.ok());
    assert!(r.delivered.is_empty());
    assert!(has(&r.failed, AWS_PERU, MIGRATION, "d7"));
    let pending = log::pending(store.conn()).unwrap();
    assert_eq!(pending.len(), r.failed.len());
    assert!(pending.iter().all(|p| p.state == LogState::Failed
        && p.failure
            .as_deref()
            .is_some_and(|f| f.contains("nothing owns"))));
    // Still down the next run: retried (attempt 2), still pending.
    let r2 = run(&mut store, &down, "2026-12-20");
    assert_eq!(keys(&r2.failed), keys(&r.failed));
    assert!(log::pending(store.conn())
        .unwrap()
        .iter()
        .all(|p| p.attempts == 2));
    // The server is back: the same steps are delivered, once.
    let up = Recorder::default();
    let r3 = run(&mut store, &up, "2026-12-20");
    assert!(r3.ok());
    assert_eq!(keys(&r3.delivered), keys(&r.failed));
    assert!(r3.delivered.iter().all(|x| x.previous_failure.is_some()));
    assert!(log::pending(store.conn()).unwrap().is_empty());
    assert!(run(&mut store, &up, "2026-12-20").delivered.is_empty());
}

#[test]
fn a_failed_step_is_superseded_when_a_later_step_falls_due() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    run(&mut store, &Recorder::failing("down"), "2026-12-20");
    let r = run(&mut store, &Recorder::default(), "2026-12-24");
    assert!(has(&r.delivered, AWS_PERU, MIGRATION, "d3"));
    assert!(of_event(&r.delivered, AWS_PERU, MIGRATION).len() == 1);
    let peru = id_of(&store, AWS_PERU);
    let d7 = log::entry(store.conn(), peru, MIGRATION, "d7")
        .unwrap()
        .unwrap();
    assert_eq!(d7.state, LogState::Superseded);
    assert!(d7.note.unwrap().contains("d3"));
    // A pending failure of an event marked done is dropped, not retried forever.
    let ms = id_of(&store, MS);
    assert!(log::pending(store.conn()).unwrap().is_empty());
    run(&mut store, &Recorder::failing("down"), "2026-12-25");
    store
        .mark_done(ms, RENEWAL, d("2026-12-25"), "", d("2026-12-25"))
        .unwrap();
    let r = run(&mut store, &Recorder::default(), "2026-12-25");
    assert!(of_event(&r.delivered, MS, RENEWAL).is_empty());
    let d7 = log::entry(store.conn(), ms, RENEWAL, "d7")
        .unwrap()
        .unwrap();
    assert_eq!(d7.state, LogState::Superseded);
    assert_eq!(d7.note.as_deref(), Some("the event was marked done"));
}

#[test]
fn a_claim_left_by_a_dead_run_is_taken_over_but_a_live_one_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = samples_db(dir.path());
    let peru = id_of(&store, AWS_PERU);
    let claim = |store: &Store, at: &str| {
        store
            .conn()
            .execute(
                "INSERT OR REPLACE INTO reminder_log(agreement_id, event_id, step, event_date, due_on,
                     label, state, claimed_by, claimed_at)
                 VALUES (?1, ?2, 'd7', '2026-12-27', '2026-12-20', 'x', 'claimed', 'pid 1', ?3)",
                rusqlite::params![peru, MIGRATION, at],
            )
            .unwrap();
    };
    // Claimed a moment ago by another run: not delivered here.
    claim(&store, &chrono::Utc::now().to_rfc3339());
    let r = run(&mut store, &Recorder::default(), "2026-12-20");
    assert!(of_event(&r.delivered, AWS_PERU, MIGRATION).is_empty());
    assert_eq!(r.claimed_elsewhere, 1);
    // Claimed an hour ago and never confirmed: the run died; deliver it now.
    claim(
        &store,
        &(chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
    );
    let r = run(&mut store, &Recorder::default(), "2026-12-20");
    assert!(has(&r.delivered, AWS_PERU, MIGRATION, "d7"));
    assert!(r.delivered[0].previous_failure.is_some());
}

#[test]
fn concurrent_runs_in_threads_never_deliver_a_step_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = samples_db(dir.path());
    let expected = keys(&remind::preview(&store, d("2026-12-20")).unwrap().delivered);
    drop(store);
    let n = 6;
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let rec = Recorder::default();
                barrier.wait();
                let r = remind::run(&mut store, &rec, d("2026-12-20")).unwrap();
                assert!(r.ok());
                r.delivered
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.join().unwrap());
    }
    assert_eq!(
        all.len(),
        expected.len(),
        "each step delivered exactly once"
    );
    assert_eq!(keys(&all), expected);
}

// ---------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------

fn cli_db(dir: &Path) -> PathBuf {
    let db = dir.join("cli.db");
    let mut args: Vec<String> = vec!["import".to_string()];
    args.extend(
        seed_files()
            .iter()
            .map(|p| p.to_string_lossy().into_owned()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = renewals(&db, "2026-12-20", &args);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

#[test]
fn two_processes_at_once_never_deliver_a_step_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let children: Vec<Child> = (0..4)
        .map(|_| {
            Command::new(renewals_bin())
                .arg("--db")
                .arg(&db)
                .args([
                    "--today",
                    "2026-12-20",
                    "remind",
                    "--via",
                    "stdout",
                    "--json",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut delivered: Vec<(String, String, String)> = Vec::new();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        // --via stdout prints the message before the JSON report: take the JSON part.
        let text = stdout(&o);
        let start = text
            .find("{\n")
            .unwrap_or_else(|| panic!("no JSON in {text}"));
        let v: serde_json::Value = serde_json::from_str(&text[start..]).unwrap();
        for r in v["delivered"].as_array().unwrap() {
            delivered.push((
                r["agreement"].as_str().unwrap().to_string(),
                r["event_id"].as_str().unwrap().to_string(),
                serde_json::to_string(&r["step"]).unwrap(),
            ));
        }
    }
    let unique: HashSet<_> = delivered.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        delivered.len(),
        "a step was delivered twice: {delivered:#?}"
    );
    assert_eq!(delivered.len(), 9, "{delivered:#?}");
    let again = renewals(&db, "2026-12-20", &["remind", "--via", "stdout"]);
    assert!(
        stdout(&again).contains("Nothing due on Sun 20 Dec 2026."),
        "{}",
        stdout(&again)
    );
}

#[test]
fn cli_records_notice_done_snooze_and_ladder_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let store = Store::open(&db).unwrap();
    let ms = id_of(&store, MS).to_string();
    drop(store);
    // A non-renewal notice served before the 2027 deadline ends the agreement that year.
    let o = renewals(
        &db,
        "2027-09-15",
        &[
            "notice",
            &ms,
            "--non-renewal",
            "--served",
            "2027-09-15",
            "--note",
            "by courier, ref 12",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ends on Fri 31 Dec 2027"),
        "{}",
        stdout(&o)
    );
    let o = renewals(
        &db,
        "2026-12-20",
        &["done", &ms, "next_review:2025-07-01", "--note", "done"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = renewals(
        &db,
        "2026-12-20",
        &["done", &ms, "no_such_event:2020-01-01"],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("renewal:2027-01-01"),
        "lists the valid ids: {}",
        stderr(&o)
    );
    let o = renewals(&db, "2026-12-20", &["snooze", &ms, RENEWAL, "--days", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Wed 23 Dec 2026"), "{}", stdout(&o));
    let o = renewals(
        &db,
        "2026-12-20",
        &["ladder", "--agreement", &ms, "30,10,1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("30,10,1"));
    let o = renewals(&db, "2026-12-20", &["ladder", "60,7,0"]);
    assert!(
        stdout(&o).contains("Global ladder: 60,7,0"),
        "{}",
        stdout(&o)
    );
    let o = renewals(&db, "2026-12-20", &["ladder", "1,soon"]);
    assert!(!o.status.success());
    let store = Store::open(&db).unwrap();
    let actions: HashSet<String> = store
        .history(ms.parse().unwrap())
        .unwrap()
        .into_iter()
        .map(|h| h.action)
        .collect();
    for a in ["record_notice", "mark_done", "snooze", "set_ladder"] {
        assert!(actions.contains(a), "{a} missing from {actions:?}");
    }
    let n: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM settings_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn cli_remind_dry_run_json_and_pending() {
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let o = renewals(&db, "2026-12-20", &["remind", "--dry-run"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Would deliver 9 reminders"), "{out}");
    // The ladder step in words (issue 16 item 7): d7 is "7 days before".
    assert!(
        out.contains(
            "AWS Peru Partnership Agreement — Exit window ends: Migration (assisted) (in 7 days, 7 days before)"
        ),
        "{out}"
    );
    let o = renewals(&db, "2026-12-20", &["remind", "--pending", "--json"]);
    assert_eq!(json(&o), serde_json::json!([]));
    let o = renewals(&db, "2026-12-20", &["remind", "--pending"]);
    assert!(stdout(&o).contains("No undelivered reminders."));
}

#[test]
fn install_and_remove_the_systemd_user_timer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("my db.db");
    let config = dir.path().join("config");
    let empty_path = dir.path().join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let run = |args: &[&str]| {
        Command::new(renewals_bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("XDG_CONFIG_HOME", &config)
            .env("PATH", &empty_path) // no systemctl: never touch the real user manager
            .output()
            .unwrap()
    };
    let o = run(&["remind", "--install-timer"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let units = config.join("systemd/user");
    let service = units.join("renewal-desk-remind.service");
    let timer = units.join("renewal-desk-remind.timer");
    let out = stdout(&o);
    assert!(out.contains(&service.display().to_string()), "{out}");
    assert!(out.contains(&timer.display().to_string()));
    assert!(out.contains("systemctl --user enable --now renewal-desk-remind.timer"));
    let s = std::fs::read_to_string(&service).unwrap();
    let exec = s.lines().find(|l| l.starts_with("ExecStart=")).unwrap();
    assert!(
        exec.contains(&format!("--db \"{}\" remind", db.display())),
        "{exec}"
    );
    assert!(s.contains("Type=oneshot"));
    let t = std::fs::read_to_string(&timer).unwrap();
    for line in [
        "OnStartupSec=",
        "OnCalendar=",
        "Persistent=true",
        "WantedBy=timers.target",
    ] {
        assert!(t.contains(line), "{line} missing:\n{t}");
    }
    let o = run(&["remind", "--remove-timer"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!service.exists() && !timer.exists());
}

// ---------------------------------------------------------------------------------------
// A real notification server: Xvfb + a private session bus + dunst, watched by dbus-monitor
// ---------------------------------------------------------------------------------------

/// The desktop tests share one X server and bus set-up each; run them one at a time.
static DESKTOP: Mutex<()> = Mutex::new(());

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// True when the tools are there. Missing tools fail the test in CI (`CI` set) and skip it,
/// with a notice, elsewhere.
fn desktop_tools() -> bool {
    let missing: Vec<&str> = [
        "Xvfb",
        "dbus-daemon",
        "dunst",
        "dunstctl",
        "dbus-monitor",
        "dbus-send",
    ]
    .into_iter()
    .filter(|t| !on_path(t))
    .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "desktop notification test needs {} (Debian packages: xvfb dbus dbus-x11 dunst libnotify-bin)",
        missing.join(", ")
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    false
}

/// Processes of one desktop session, killed when dropped.
struct Desktop {
    dir: tempfile::TempDir,
    display: String,
    bus: String,
    children: Vec<(String, Child)>,
    dunst: Option<Child>,
    monitor_log: PathBuf,
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if let Some(mut c) = self.dunst.take() {
            let _ = Command::new("kill")
                .arg("-CONT")
                .arg(c.id().to_string())
                .status();
            let _ = c.kill();
            let _ = c.wait();
        }
        for (_, c) in self.children.iter_mut().rev() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Desktop {
    /// Xvfb on a free display (`-displayfd`) and a private session bus whose service folder
    /// is empty: nothing is activated on demand, so no notification server until dunst starts.
    fn start() -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let mut children = Vec::new();
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1024x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let display = format!(":{}", line.trim());
        assert!(display.len() > 1, "Xvfb gave no display number");
        children.push(("Xvfb".to_string(), xvfb));

        let services = dir.path().join("services");
        std::fs::create_dir_all(&services).unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <servicedir>{}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.path().join("bus").display(),
                services.display()
            ),
        )
        .unwrap();
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1", "--nopidfile"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_string();
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon address: {address:?}"
        );
        children.push(("dbus-daemon".to_string(), bus));

        let monitor_log = dir.path().join("monitor.log");
        let mut desktop = Desktop {
            dir,
            display,
            bus: address,
            children,
            dunst: None,
            monitor_log,
        };
        let log = std::fs::File::create(&desktop.monitor_log).unwrap();
        let monitor = Command::new("dbus-monitor")
            .arg("--address")
            .arg(&desktop.bus)
            .arg("interface='org.freedesktop.Notifications',member='Notify'")
            .stdout(log)
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-monitor");
        desktop.children.push(("dbus-monitor".to_string(), monitor));
        // dbus-monitor prints its own NameAcquired/NameLost once it is watching.
        wait_until("dbus-monitor", Duration::from_secs(10), || {
            desktop.monitor().contains("NameLost")
        });
        desktop
    }

    fn env(&self, c: &mut Command) {
        c.env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("HOME", self.dir.path())
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .env_remove("RENEWAL_DESK_DB");
    }

    fn notification_server_up(&self) -> bool {
        let mut c = Command::new("dbus-send");
        self.env(&mut c);
        c.args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ]);
        c.output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
            .unwrap_or(false)
    }

    fn start_dunst(&mut self) {
        let mut c = Command::new("dunst");
        self.env(&mut c);
        let dunst = c
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dunst");
        self.dunst = Some(dunst);
        wait_until("dunst on the session bus", Duration::from_secs(10), || {
            self.notification_server_up()
        });
    }

    fn signal_dunst(&self, signal: &str) {
        let pid = self.dunst.as_ref().expect("dunst running").id();
        let ok = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{signal} dunst");
    }

    fn monitor(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.monitor_log) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }

    /// Notify calls seen so far: waits up to `wait` for `at_least` of them to be written.
    fn notify_calls(&self, at_least: usize, wait: Duration) -> usize {
        let count = || self.monitor().matches("member=Notify").count();
        let start = Instant::now();
        while count() < at_least && start.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        count()
    }

    fn renewals(&self, db: &Path, args: &[&str]) -> Output {
        self.renewals_on(db, "2026-12-20", args)
    }

    fn renewals_on(&self, db: &Path, today: &str, args: &[&str]) -> Output {
        let mut c = Command::new(renewals_bin());
        self.env(&mut c);
        c.arg("--db")
            .arg(db)
            .args(["--today", today])
            .args(args)
            .output()
            .unwrap()
    }

    fn dunstctl(&self, args: &[&str]) -> String {
        let mut c = Command::new("dunstctl");
        self.env(&mut c);
        let o = c.args(args).output().unwrap();
        stdout(&o)
    }
}

const PERU_LINE: &str = "AWS Peru Partnership Agreement — Exit window ends: Migration (assisted): Sun 27 Dec 2026, in 7 days";
const MS_LINE: &str = "Microsoft Peru Partnership Agreement — Renewal: Fri 1 Jan 2027, in 12 days";

#[test]
fn dunst_receives_the_reminders_once() {
    let _one = DESKTOP.lock().unwrap_or_else(|e| e.into_inner());
    if !desktop_tools() {
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let mut desk = Desktop::start();
    desk.start_dunst();

    let o = desk.renewals(&db, &["remind"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Delivered 9 reminders"), "{out}");
    assert!(out.contains("desktop notification #"), "{out}");
    assert!(out.contains("(dunst"), "{out}");
    assert_eq!(
        desk.notify_calls(1, Duration::from_secs(5)),
        1,
        "one digest notification:\n{}",
        desk.monitor()
    );
    let seen = desk.monitor();
    assert!(seen.contains(PERU_LINE), "{seen}");
    assert!(seen.contains(MS_LINE), "{seen}");
    assert!(seen.contains("string \"Renewal Desk\""), "app name");
    assert!(
        seen.contains("string \"snooze-1d\""),
        "dunst advertises actions: {seen}"
    );
    assert!(
        seen.contains("byte 2"),
        "critical urgency (overdue items): {seen}"
    );

    // The log says when and how.
    let store = Store::open(&db).unwrap();
    let peru = id_of(&store, AWS_PERU);
    let row = log::entry(store.conn(), peru, MIGRATION, "d7")
        .unwrap()
        .unwrap();
    assert_eq!(row.state, LogState::Delivered);
    assert!(row.channel.unwrap().contains("dunst"));
    drop(store);

    // A second run delivers nothing new.
    let o = desk.renewals(&db, &["remind"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Nothing due"), "{}", stdout(&o));
    assert_eq!(
        desk.notify_calls(2, Duration::from_secs(1)),
        1,
        "nothing new on the second run"
    );

    // dunst's own history has it once closed.
    desk.dunstctl(&["close-all"]);
    let history = desk.dunstctl(&["history"]);
    assert!(
        history.contains("AWS Peru Partnership Agreement"),
        "{history}"
    );
    eprintln!("dunst_receives_the_reminders_once: {:?}", started.elapsed());
}

#[test]
fn no_server_keeps_reminders_undelivered_then_delivers_them_once_dunst_runs() {
    let _one = DESKTOP.lock().unwrap_or_else(|e| e.into_inner());
    if !desktop_tools() {
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let mut desk = Desktop::start();
    assert!(!desk.notification_server_up());

    let t = Instant::now();
    let o = desk.renewals(&db, &["remind"]);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "no server must fail fast"
    );
    assert_eq!(o.status.code(), Some(3), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("no notification server"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("Undelivered: 9 reminders"),
        "{}",
        stdout(&o)
    );
    let o = desk.renewals(&db, &["remind", "--pending", "--json"]);
    let pending = json(&o);
    let pending = pending.as_array().unwrap();
    assert_eq!(pending.len(), 9);
    for p in pending {
        assert_eq!(p["state"], "failed");
        let why = p["failure"].as_str().unwrap();
        assert!(why.contains("org.freedesktop.Notifications"), "{why}");
    }

    // dunst starts; the next run delivers the same reminders, once.
    desk.start_dunst();
    let o = desk.renewals(&db, &["remind"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("Delivered 9 reminders"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("[retry; last failure: no notification server"));
    assert_eq!(desk.notify_calls(1, Duration::from_secs(5)), 1);
    let seen = desk.monitor();
    assert!(seen.contains(PERU_LINE) && seen.contains(MS_LINE), "{seen}");
    let o = desk.renewals(&db, &["remind", "--pending"]);
    assert!(stdout(&o).contains("No undelivered reminders."));
    eprintln!(
        "no_server_keeps_reminders_undelivered_then_delivers_them_once_dunst_runs: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_frozen_server_times_out_instead_of_hanging() {
    let _one = DESKTOP.lock().unwrap_or_else(|e| e.into_inner());
    if !desktop_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let mut desk = Desktop::start();
    desk.start_dunst();
    desk.signal_dunst("STOP");
    let t = Instant::now();
    let o = desk.renewals(&db, &["remind", "--timeout", "1"]);
    let took = t.elapsed();
    desk.signal_dunst("CONT");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(o.status.code(), Some(3), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("did not answer within 1s"),
        "{}",
        stderr(&o)
    );
    // Thawed, the next run delivers.
    let o = desk.renewals(&db, &["remind"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Delivered 9 reminders"));
}

#[test]
fn clicking_snooze_on_the_notification_snoozes_the_reminders() {
    let _one = DESKTOP.lock().unwrap_or_else(|e| e.into_inner());
    if !desktop_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = cli_db(dir.path());
    let mut desk = Desktop::start();
    desk.start_dunst();
    let mut c = Command::new(renewals_bin());
    desk.env(&mut c);
    let mut child = c
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-12-20", "remind", "--wait-actions", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The notification id, from the first line: "Delivered 9 reminders ... #N (dunst ...)".
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let id: u32 = first
        .split('#')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no notification id in {first:?}"));
    // What the server sends when the person clicks "Snooze all 1 day" (repeated until the
    // listener, which starts just after the notification is shown, has heard it).
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the click was not heard"
        );
        let mut s = Command::new("dbus-send");
        desk.env(&mut s);
        s.args([
            "--session",
            "--type=signal",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.ActionInvoked",
            &format!("uint32:{id}"),
            "string:snooze-1d",
        ])
        .status()
        .unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert!(rest.contains("Snoozed 9 reminders for 1 day."), "{rest}");
    let store = Store::open(&db).unwrap();
    let snoozes = store.snoozes().unwrap();
    assert_eq!(snoozes.len(), 9);
    assert!(snoozes.values().all(|u| *u == d("2026-12-21")));
    drop(store);
    // The next day they remind again, once.
    let o = desk.renewals_on(&db, "2026-12-21", &["remind", "--via", "stdout"]);
    // The step in words (issue 16 item 7): snooze-2026-12-21.
    assert!(
        stdout(&o).contains("after a snooze ended Mon 21 Dec 2026"),
        "{}",
        stdout(&o)
    );
}

/// Takes the write lock of the database at `db` from another connection (as another process
/// would) and holds it for `hold` on a thread; returns once the lock is held.
fn hold_write_lock(db: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let db = db.to_path_buf();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    holder
}

/// A notification server that, while showing the message, lets another process take the
/// database's write lock for longer than the busy timeout (a large import committing).
struct SlowWriterAround {
    db: PathBuf,
    hold: Duration,
    holder: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Notifier for SlowWriterAround {
    fn send(&self, _: &Message) -> Result<Sent, NotifyError> {
        *self.holder.lock().unwrap() = Some(hold_write_lock(&self.db, self.hold));
        Ok(Sent {
            channel: "slow writer test".to_string(),
            id: Some(7),
        })
    }
}

/// Issue 13 items 1 and 6: once a message is out, its delivery is recorded even when
/// another writer holds the database for longer than the busy timeout (it was an error that
/// left the reminders claimed, to be taken over as interrupted and shown again).
#[test]
fn a_sent_message_is_recorded_after_a_writer_longer_than_the_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = samples_db(dir.path());
    let n = SlowWriterAround {
        db: path.clone(),
        hold: renewal_core::adapters::store::BUSY_TIMEOUT + Duration::from_secs(2),
        holder: Mutex::new(None),
    };
    let report = remind::run(&mut store, &n, d("2026-12-20")).unwrap();
    if let Some(h) = n.holder.lock().unwrap().take() {
        h.join().unwrap();
    }
    assert!(report.ok() && !report.delivered.is_empty(), "{report:?}");
    let entries = log::entries(store.conn(), None).unwrap();
    let delivered: Vec<_> = entries
        .iter()
        .filter(|e| e.state == LogState::Delivered)
        .collect();
    assert_eq!(delivered.len(), report.delivered.len());
    assert!(delivered
        .iter()
        .all(|e| e.channel.as_deref() == Some("slow writer test")));
    assert!(log::pending(store.conn()).unwrap().is_empty());
}

/// Issue 13 items 1 and 6: a reminder run that starts while another writer holds the
/// database for longer than the busy timeout waits for it and claims, instead of failing.
#[test]
fn a_run_waits_for_a_writer_longer_than_the_busy_timeout_before_claiming() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = samples_db(dir.path());
    let holder = hold_write_lock(
        &path,
        renewal_core::adapters::store::BUSY_TIMEOUT + Duration::from_secs(2),
    );
    let rec = Recorder::default();
    let report = remind::run(&mut store, &rec, d("2026-12-20")).unwrap();
    holder.join().unwrap();
    assert!(report.ok() && !report.delivered.is_empty(), "{report:?}");
    assert_eq!(rec.count(), 1);
    assert!(log::pending(store.conn()).unwrap().is_empty());
}
