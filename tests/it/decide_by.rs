//! The internal decide-by date (issue 16 item 3): a lead time set per agreement gives a date
//! to decide by ahead of the legal deadline, reminded through the same ladder, claim and log
//! as every dated event, stopped by a recorded decision, settable through the edit path
//! (with its history) and the CLI, and shown on the dashboard, the brief and `show`.

use std::sync::Mutex;

use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
use renewal_core::adapters::import::import_markdown;
use renewal_core::adapters::remind::{self, log, LogState, Message, Notifier, NotifyError, Sent};
use renewal_core::adapters::store::Store;
use renewal_core::domain::model::DecisionChoice;
use renewal_core::domain::rules::assess;
use renewal_core::error::Error;
use renewal_core::services::dashboard::dashboard;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::edit_field;

use crate::brief::{flat, pdftotext};
use crate::common::{d, import_seed, renewals, stderr, stdout};

const MS: &str = "Microsoft Peru Partnership Agreement";
/// Microsoft Peru's question as of 2026-11-23 to 2027-10-01: the renewal of 1 January 2028,
/// whose notice deadline is Sat 2 Oct 2027 (last business day Fri 1 Oct 2027).
const MS_DECIDE_BY: &str = "decide_by:non_renewal_notice_deadline:2027-10-02";

/// Auto-renewing, Chile: term 1 ends 2026-02-28, its notice deadline is 2025-12-30 (a
/// Tuesday); 30 days before it is Sun 30 Nov 2025, so the decide-by date is Fri 28 Nov 2025.
const ANDES: &str = "# Andes Logistics Chile Supply Agreement

| Field | Details |
|---|---|
| Parties | Frutas del Sur SpA / Andes Logistics SpA |
| Effective Date | 1 March 2024 |
| Term | 2 years (auto-renewal) |

## Renewal Terms

- Auto-renewal for 12-month periods
- 60-day notice for non-renewal
";
const ANDES_DECIDE_BY: &str = "decide_by:non_renewal_notice_deadline:2025-12-30";

/// Records every notification.
#[derive(Default)]
struct Recorder(Mutex<Vec<Message>>);

impl Notifier for Recorder {
    fn send(&self, m: &Message) -> Result<Sent, NotifyError> {
        self.0.lock().unwrap().push(m.clone());
        Ok(Sent {
            channel: "test recorder".to_string(),
            id: None,
        })
    }
}

fn ms_store(dir: &std::path::Path) -> (std::path::PathBuf, Store, i64) {
    let path = dir.join("decide-by.db");
    let mut store = Store::open(&path).unwrap();
    let id = store
        .import(&import_seed("microsoft-peru-mifibra.md"))
        .unwrap()
        .id;
    (path, store, id)
}

/// (event id, step, state) of the agreement's log rows for `event`.
fn log_rows(store: &Store, id: i64, event: &str) -> Vec<(String, LogState)> {
    log::entries(store.conn(), Some(id))
        .unwrap()
        .into_iter()
        .filter(|e| e.event_id == event)
        .map(|e| (e.step, e.state))
        .collect()
}

#[test]
fn the_decide_by_date_reminds_on_the_ladder_is_logged_and_stops_once_decided() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ms) = ms_store(dir.path());
    let rec = Recorder::default();
    // Seven days before Wed 1 Sep 2027 (30 days before Fri 1 Oct 2027).
    let r = remind::run(&mut store, &rec, d("2027-08-25")).unwrap();
    assert!(r.ok());
    let mine: Vec<_> = r
        .delivered
        .iter()
        .filter(|x| x.event_id == MS_DECIDE_BY)
        .collect();
    assert_eq!(mine.len(), 1, "{:#?}", r.delivered);
    let reminder = mine[0];
    assert_eq!(reminder.step.key(), "d7");
    assert_eq!(reminder.date, d("2027-09-01"));
    assert_eq!(reminder.act_by, Some(d("2027-10-01")));
    assert_eq!(
        reminder.label,
        "Decide by (internal, 30 days ahead of the last day to act, Fri 1 Oct 2027)"
    );
    // The legal deadline keeps its own reminder and its own words.
    let legal = r
        .delivered
        .iter()
        .find(|x| x.event_id == "non_renewal_notice_deadline:2027-10-02")
        .expect("the notice deadline's own step");
    assert_eq!(legal.label, "Non-renewal notice deadline");
    assert_eq!(legal.act_by, None);
    let body = rec.0.lock().unwrap()[0].body.clone();
    assert!(
        body.contains(&format!(
            "{MS} — Decide by (internal, 30 days ahead of the last day to act, Fri 1 Oct 2027): Wed 1 Sep 2027, in 7 days"
        )),
        "{body}"
    );
    // Logged like any step: the latest delivered, the earlier ones superseded.
    let rows = log_rows(&store, ms, MS_DECIDE_BY);
    assert!(
        rows.contains(&("d7".to_string(), LogState::Delivered)),
        "{rows:?}"
    );
    for step in ["d90", "d60", "d30", "d14"] {
        assert!(
            rows.contains(&(step.to_string(), LogState::Superseded)),
            "{step}: {rows:?}"
        );
    }
    // Each step at most once.
    let again = remind::run(&mut store, &rec, d("2027-08-25")).unwrap();
    assert!(!again.delivered.iter().any(|x| x.event_id == MS_DECIDE_BY));
    // Undecided, the 3-day step falls due on 29 August...
    let preview = remind::preview(&store, d("2027-08-29")).unwrap();
    assert!(preview
        .delivered
        .iter()
        .any(|x| x.event_id == MS_DECIDE_BY && x.step.key() == "d3"));
    // ...but not once the decision is recorded; the legal deadline still reminds.
    store
        .record_decision(
            ms,
            DecisionChoice::Exit,
            None,
            "Ana Torres",
            d("2027-08-26"),
            "moving to a new partner",
            d("2027-08-26"),
        )
        .unwrap();
    for day in ["2027-08-29", "2027-08-31", "2027-09-01"] {
        let r = remind::run(&mut store, &rec, d(day)).unwrap();
        assert!(
            !r.delivered.iter().any(|x| x.event_id == MS_DECIDE_BY),
            "{day}: {:#?}",
            r.delivered
        );
    }
    let r = remind::run(&mut store, &rec, d("2027-09-24")).unwrap();
    assert!(r
        .delivered
        .iter()
        .any(|x| x.event_id == "non_renewal_notice_deadline:2027-10-02"));
    assert_eq!(
        log_rows(&store, ms, MS_DECIDE_BY).len(),
        rows.len(),
        "no new row after the decision"
    );
}

#[test]
fn a_single_decide_by_reminder_is_worded_as_internal_snoozes_and_ends_when_passed() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .import(&import_markdown("andes.md", ANDES).unwrap())
        .unwrap()
        .id;
    let a = store.get(id).unwrap().agreement;
    let dec = assess(&a, d("2025-11-01")).decision(&a);
    assert_eq!(dec.act_by, Some(d("2025-12-30")));
    // Sun 30 Nov 2025 moves back to Fri 28 Nov 2025 (rule 4).
    assert_eq!(dec.decide_by, Some(d("2025-11-28")));
    let rec = Recorder::default();
    remind::run(&mut store, &rec, d("2025-11-01")).unwrap();
    // On 27 November only the decide-by date's 1-day step is due: a single notification.
    let r = remind::run(&mut store, &rec, d("2025-11-27")).unwrap();
    assert_eq!(r.delivered.len(), 1, "{:#?}", r.delivered);
    assert_eq!(r.delivered[0].event_id, ANDES_DECIDE_BY);
    assert_eq!(r.delivered[0].step.key(), "d1");
    let m = rec.0.lock().unwrap().last().cloned().unwrap();
    assert_eq!(
        m.summary,
        "Andes Logistics Chile Supply Agreement — Decide by (internal, 30 days ahead of the last day to act, Tue 30 Dec 2025) on Fri 28 Nov 2025"
    );
    assert!(
        m.body.contains(
            "An internal date, not a contractual deadline: the last business day to act is Tue 30 Dec 2025."
        ),
        "{}",
        m.body
    );
    assert!(m.body.contains("If nobody acts: renews on Sun 1 Mar 2026"));
    // Recording the decision ends it: there is no "Mark done" for it.
    assert!(m.actions.iter().all(|a| a.key != "done"), "{:?}", m.actions);
    // It snoozes like an event.
    assert_eq!(
        store
            .snooze(id, ANDES_DECIDE_BY, 1, d("2025-11-27"))
            .unwrap(),
        d("2025-11-28")
    );
    // Once passed, it reminds no more (the notice deadline's ladder goes on).
    let r = remind::run(&mut store, &rec, d("2025-11-29")).unwrap();
    assert!(r.delivered.iter().all(|x| x.event_id != ANDES_DECIDE_BY));
    let e = store
        .snooze(id, ANDES_DECIDE_BY, 1, d("2025-11-29"))
        .unwrap_err();
    assert!(e.to_string().contains("no event"), "{e}");
}

#[test]
fn editing_the_lead_time_moves_decide_by_and_is_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store, ms) = ms_store(dir.path());
    let as_of = d("2026-11-23");
    let decide_by = |store: &Store| {
        let a = store.get(ms).unwrap().agreement;
        assess(&a, as_of).decision(&a)
    };
    let before = decide_by(&store);
    assert_eq!(before.decide_by, Some(d("2027-09-01")));
    edit_field(&mut store, ms, EditableField::LeadTimeDays, "45").unwrap();
    let after = decide_by(&store);
    // 45 days before Fri 1 Oct 2027 is Tue 17 Aug 2027; the legal dates do not move.
    assert_eq!(after.decide_by, Some(d("2027-08-17")));
    assert_eq!(after.lead_time_days, 45);
    assert_eq!(
        (after.deadline, after.act_by),
        (before.deadline, before.act_by)
    );
    let history = store.history(ms).unwrap();
    let change = history
        .iter()
        .find(|h| h.action == "edit" && h.field.contains("lead_time_days"))
        .unwrap_or_else(|| panic!("no history entry: {history:#?}"));
    assert_eq!(change.new_value.as_deref(), Some("45"));
    // The dashboard's item follows.
    let view = dashboard(&store, as_of).unwrap();
    let item = view
        .decisions
        .iter()
        .find(|i| i.agreement_id == ms)
        .unwrap();
    assert_eq!(item.decide_by, Some(d("2027-08-17")));
    // A refused value names the field and what was expected, and changes nothing.
    for bad in ["-3", "400", "soon"] {
        match edit_field(&mut store, ms, EditableField::LeadTimeDays, bad).unwrap_err() {
            Error::Invalid { field, message } => {
                assert_eq!(field, "lead_time_days");
                assert!(message.contains("from 0 to 365"), "{message}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(decide_by(&store).lead_time_days, 45);
    // 0 turns it off.
    edit_field(&mut store, ms, EditableField::LeadTimeDays, "0").unwrap();
    assert_eq!(decide_by(&store).decide_by, None);
    drop(store);

    // The CLI: `renewals edit ID lead-time N`, then `show`.
    let id = ms.to_string();
    let o = renewals(&db, "2026-11-23", &["edit", &id, "lead-time", "31"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&renewals(&db, "2026-11-23", &["show", &id]));
    // 31 days before Fri 1 Oct 2027 is Tue 31 Aug 2027.
    assert!(
        shown.contains("Decide by (internal, 31 days ahead): Tue 31 Aug 2027."),
        "{shown}"
    );
    assert!(
        shown.contains("Next: decide by Tue 31 Aug 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027."),
        "{shown}"
    );
    // The legal deadline stays first.
    let legal = shown
        .find("Window closes Sat 2 Oct 2027; last business day to act Fri 1 Oct 2027")
        .expect("the legal deadline");
    assert!(legal < shown.find("Decide by (internal").unwrap());
    // (`--` so that the command line reads "-1" as the value, not as an option.)
    let o = renewals(&db, "2026-11-23", &["edit", &id, "lead-time", "--", "-1"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("lead_time_days"), "{}", stderr(&o));
    assert!(stderr(&o).contains("negative"), "{}", stderr(&o));
}

#[test]
fn the_dashboard_and_the_brief_show_decide_by_beside_the_legal_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ms) = ms_store(dir.path());
    let aws = store
        .import(&import_seed("aws-peru-mifibra.md"))
        .unwrap()
        .id;
    let as_of = d("2026-11-23");
    let view = dashboard(&store, as_of).unwrap();
    let item = view
        .decisions
        .iter()
        .find(|i| i.agreement_id == ms)
        .unwrap();
    assert_eq!(
        item.date,
        d("2027-10-01"),
        "the legal date stays the item's date"
    );
    assert_eq!(item.decide_by, Some(d("2027-09-01")));
    assert_eq!(
        item.decide_by_text.as_deref(),
        Some("Decide by (internal, 30 days ahead): Wed 1 Sep 2027")
    );
    assert_eq!(
        item.next_step.as_deref(),
        Some("Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027")
    );
    assert_eq!(item.contract_owner.as_deref(), Some("Commercial Director"));
    let aws_item = view
        .decisions
        .iter()
        .find(|i| i.agreement_id == aws)
        .unwrap();
    // Thu 24 Dec 2026 − 30 days = Tue 24 Nov 2026, tomorrow.
    assert_eq!(aws_item.decide_by, Some(d("2026-11-24")));
    assert_eq!(
        aws_item.next_step.as_deref(),
        Some("Next: decide by Tue 24 Nov 2026; use the exit rights by Thu 24 Dec 2026")
    );

    let stored = store.get(ms).unwrap();
    let pdf = render_brief(
        &stored,
        &store.history(ms).unwrap(),
        as_of,
        &BriefOptions { paper: Paper::A4 },
    )
    .unwrap();
    let text = flat(&pdftotext(&pdf, &[]));
    assert!(text.contains("DECIDE BY (INTERNAL)"), "{text}");
    assert!(text.contains("Wed 1 Sep 2027 (282 days left)"), "{text}");
    assert!(
        text.contains("30 days ahead of the last day to act: the company's own date, not a contractual deadline"),
        "{text}"
    );
    // The legal deadline comes first.
    assert!(text.find("DEADLINE (ACT BY)").unwrap() < text.find("DECIDE BY (INTERNAL)").unwrap());
    // Passed: AWS Peru a week later says so.
    let stored = store.get(aws).unwrap();
    let pdf = render_brief(
        &stored,
        &[],
        d("2026-12-01"),
        &BriefOptions { paper: Paper::A4 },
    )
    .unwrap();
    let text = flat(&pdftotext(&pdf, &[]));
    assert!(text.contains("Tue 24 Nov 2026 (7 days ago)"), "{text}");
    assert!(
        text.contains(
            "passed with no decision recorded; 23 days left to act by the deadline above"
        ),
        "{text}"
    );
}

#[test]
fn the_calendar_export_has_the_decide_by_date_labelled_as_internal() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = ms_store(dir.path());
    let export = renewal_core::adapters::ics::export_store(&store, d("2026-11-23"), None).unwrap();
    let text = export.text.replace("\r\n ", "");
    assert!(text.contains("CATEGORIES:decide_by"), "{text}");
    assert!(text.contains(&format!("UID:{MS_DECIDE_BY}/")), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20270901"), "{text}");
    assert!(
        text.contains("SUMMARY:Microsoft Peru Partnership Agreement: Decide by (internal\\, 30 days ahead of the last day to act\\, Fri 1 Oct 2027)"),
        "{text}"
    );
}
