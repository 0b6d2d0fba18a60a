//! One decision, stated once (issue 16 item 1; issue 13 item 4): for every kind of
//! agreement, the dashboard, the agreement page's view, the brief, the notifications and the
//! CLI's `show` print the decision at hand from the core's one function
//! ([`renewal_core::domain::rules::decision::decide`]) and never contradict it.
//!
//! Kinds (item 1): auto-renewing before and after its notice deadline, fixed-term active,
//! expired with an open exit window, terminated, notice served; on the three samples and on
//! agreements written here.

use std::sync::Mutex;

use chrono::NaiveDate;
use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
use renewal_core::adapters::import::{import_markdown, ImportOutcome};
use renewal_core::adapters::remind::{self, Message, Notifier, NotifyError, Sent};
use renewal_core::adapters::store::Store;
use renewal_core::domain::model::ServedNotice;
use renewal_core::domain::rules::decision::{Decision, DecisionKind};
use renewal_core::domain::rules::{assess, EventKind};
use renewal_core::services::dashboard::dashboard;
use renewal_core::services::views::AgreementDetail;

use crate::brief::{flat, pdftotext};
use crate::common::{d, import_seed, renewals, stdout};

/// Auto-renewing, Chile: effective 1 March 2024, 2 years, 12-month renewals, 60 days'
/// notice. Term 1 ends 2026-02-28; its notice deadline is 2026-02-28 − 60 days =
/// 2025-12-30 (a Tuesday).
const AUTO_RENEWING: &str = "# Andes Logistics Chile Supply Agreement

| Field | Details |
|---|---|
| Parties | Frutas del Sur SpA / Andes Logistics SpA |
| Effective Date | 1 March 2024 |
| Term | 2 years (auto-renewal) |

## Renewal Terms

- Auto-renewal for 12-month periods
- 60-day notice for non-renewal
";

/// Fixed term, Peru: effective 1 July 2024, 3 years, no renewal; ends 2027-06-30; a 60-day
/// data-export window after it closes 2027-08-29 (a Sunday).
const FIXED_TERM: &str = "# Pacific Print Peru Services Agreement

| Field | Details |
|---|---|
| Parties | MiFibra SAC / Pacific Print SAC |
| Effective Date | 1 July 2024 |
| Term | 3 years |

## Renewal Terms

- The agreement does not renew automatically; it ends at the end of the term.

## Exit Rights

| Scenario | Process | Window |
|---|---|---|
| Data export | Self-service | 60 days |
";

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

/// One case: a document (optionally with a recorded notice) as of a date.
struct Case {
    name: &'static str,
    outcome: ImportOutcome,
    as_of: NaiveDate,
    kind: DecisionKind,
}

fn doc(name: &'static str, markdown: &str) -> ImportOutcome {
    import_markdown(&format!("{name}.md"), markdown).unwrap()
}

fn served(
    mut o: ImportOutcome,
    non_renewal: Option<&str>,
    termination: Option<&str>,
) -> ImportOutcome {
    let notice = |day: &str| ServedNotice {
        served_on: d(day),
        note: "by courier to the counterparty's registered address".to_string(),
    };
    o.agreement.recorded.non_renewal_notice = non_renewal.map(notice);
    o.agreement.recorded.termination_notice = termination.map(notice);
    o
}

fn cases() -> Vec<Case> {
    let seed = |n: &str| import_seed(n);
    vec![
        Case {
            name: "auto-renewing, 14 days before its notice deadline",
            outcome: doc("andes", AUTO_RENEWING),
            as_of: d("2025-12-16"),
            kind: DecisionKind::StopRenewal,
        },
        Case {
            name: "auto-renewing, after its notice deadline (the renewal locked in)",
            outcome: doc("andes", AUTO_RENEWING),
            as_of: d("2026-01-10"),
            kind: DecisionKind::StopRenewal,
        },
        Case {
            name: "non-renewal notice served",
            outcome: served(doc("andes", AUTO_RENEWING), Some("2025-12-01"), None),
            as_of: d("2025-12-16"),
            kind: DecisionKind::TermEnds,
        },
        Case {
            name: "fixed term in force, 14 days before it ends",
            outcome: doc("pacific", FIXED_TERM),
            as_of: d("2027-06-16"),
            kind: DecisionKind::TermEnds,
        },
        Case {
            name: "expired, its data-export window open",
            outcome: doc("pacific", FIXED_TERM),
            as_of: d("2027-08-15"),
            kind: DecisionKind::UseExitWindow,
        },
        Case {
            name: "expired, every window closed",
            outcome: doc("pacific", FIXED_TERM),
            as_of: d("2027-10-01"),
            kind: DecisionKind::Ended,
        },
        Case {
            name: "terminated for convenience",
            outcome: served(seed("microsoft-peru-mifibra.md"), None, Some("2026-01-10")),
            as_of: d("2026-11-23"),
            kind: DecisionKind::Ended,
        },
        Case {
            name: "Microsoft Peru (worked example)",
            outcome: seed("microsoft-peru-mifibra.md"),
            as_of: d("2026-11-23"),
            kind: DecisionKind::StopRenewal,
        },
        Case {
            name: "AWS Peru (worked example)",
            outcome: seed("aws-peru-mifibra.md"),
            as_of: d("2026-11-23"),
            kind: DecisionKind::UseExitWindow,
        },
        Case {
            name: "AWS Chile (worked example)",
            outcome: seed("aws-chile-wom.md"),
            as_of: d("2026-11-23"),
            kind: DecisionKind::UseExitWindow,
        },
    ]
}

/// "Renews on …" as the brief prints a sentence.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[test]
fn every_surface_states_the_same_decision_for_every_kind_of_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let mut notified = Vec::new();
    for (i, case) in cases().into_iter().enumerate() {
        let db = dir.path().join(format!("case{i}.db"));
        let mut store = Store::open(&db).unwrap();
        let id = store.import(&case.outcome).unwrap().id;
        let stored = store.get(id).unwrap();
        let a = &stored.agreement;
        let s = assess(a, case.as_of);
        let decision: Decision = s.decision(a);
        let what = case.name;
        assert_eq!(decision.kind, case.kind, "{what}: {decision:?}");

        // The agreement page's view.
        let detail = AgreementDetail::new(&stored, case.as_of);
        assert_eq!(detail.decision, decision, "{what}");
        assert_eq!(detail.default_outcome, decision.if_nobody_acts, "{what}");

        // The dashboard: an open question is under "Needs a decision" with the same words;
        // an agreement with nothing left to decide is not.
        let db_view = dashboard(&store, case.as_of).unwrap();
        let item = db_view.decisions.iter().find(|i| i.agreement_id == id);
        if decision.is_open() {
            let item = item.unwrap_or_else(|| panic!("{what}: not under Needs a decision"));
            assert_eq!(item.outcome, decision.if_nobody_acts, "{what}");
            assert_eq!(item.decision.as_deref(), Some(decision.question.as_str()));
            assert_eq!(Some(item.date), decision.act_by, "{what}");
            assert_eq!(Some(item.event_id.clone()), decision.event_id, "{what}");
        } else {
            assert!(item.is_none(), "{what}: listed as a decision: {item:?}");
        }
        // No other dashboard item of this agreement speaks of a different default outcome.
        for it in db_view.upcoming.iter().filter(|i| i.agreement_id == id) {
            if it.kind == EventKind::Renewal {
                assert!(
                    it.outcome.starts_with("locked in")
                        || it.outcome == decision.if_nobody_acts
                        || it.outcome.starts_with("renews that day unless"),
                    "{what}: {}",
                    it.outcome
                );
            }
        }

        // The brief: the question and the default outcome, word for word.
        let pdf =
            render_brief(&stored, &[], case.as_of, &BriefOptions { paper: Paper::A4 }).unwrap();
        let text = flat(&pdftotext(&pdf, &[]));
        assert!(
            text.contains(&format!("{}.", decision.question)),
            "{what}: brief lacks {:?}:\n{text}",
            decision.question
        );
        assert!(
            text.contains(&format!("{}.", capitalised(&decision.if_nobody_acts))),
            "{what}: brief lacks {:?}:\n{text}",
            decision.if_nobody_acts
        );
        if let Some(locked) = decision.locked_in_text() {
            assert!(text.contains(&locked), "{what}: brief lacks {locked:?}");
        }

        // The CLI's `show`.
        let out = renewals(&db, &case.as_of.to_string(), &["show", &id.to_string()]);
        let shown = stdout(&out);
        assert!(
            shown.contains(&format!("by default it {}", decision.if_nobody_acts)),
            "{what}: show says:\n{shown}"
        );
        assert!(
            shown.contains(&format!("Decision: {}.", decision.question)),
            "{what}: show says:\n{shown}"
        );

        // Notifications: every reminder of this agreement states the same default outcome.
        let rec = Recorder::default();
        remind::run(&mut store, &rec, case.as_of).unwrap();
        for m in rec.0.lock().unwrap().iter() {
            for r in m.reminders.iter().filter(|r| r.agreement_id == id) {
                assert_eq!(r.default_outcome, decision.if_nobody_acts, "{what}");
            }
            if m.reminders.iter().any(|r| r.agreement_id == id) {
                notified.push(what);
                assert!(
                    m.body.contains(&decision.if_nobody_acts),
                    "{what}: notification body: {}",
                    m.body
                );
            }
        }
    }
    // The reminders compared above really ran: the ladder's 14-day step, the notice
    // deadlines and exit windows of the samples.
    notified.dedup();
    assert!(
        notified.len() >= 3,
        "too few cases reached a notification: {notified:?}"
    );
}

#[test]
fn the_cases_name_the_right_dates() {
    // The arithmetic behind the cases above, so a wrong decision cannot pass as "the same
    // on every surface".
    let by_name = |name: &str| {
        let c = cases().into_iter().find(|c| c.name == name).unwrap();
        let s = assess(&c.outcome.agreement, c.as_of);
        s.decision(&c.outcome.agreement)
    };
    let before = by_name("auto-renewing, 14 days before its notice deadline");
    assert_eq!(before.renewal, Some(d("2026-03-01")));
    assert_eq!(before.act_by, Some(d("2025-12-30")));
    assert_eq!(before.days_left, Some(14));
    assert!(before.locked_in.is_empty());

    let after = by_name("auto-renewing, after its notice deadline (the renewal locked in)");
    // 2027-02-28 − 60 days = 2026-12-30, a Wednesday.
    assert_eq!(after.renewal, Some(d("2027-03-01")));
    assert_eq!(after.deadline, Some(d("2026-12-30")));
    assert_eq!(after.locked_in.len(), 1);
    assert_eq!(after.locked_in[0].renewal, d("2026-03-01"));
    assert_eq!(
        after.if_nobody_acts,
        "renews on Mon 1 Mar 2027 for 12 months"
    );

    let served = by_name("non-renewal notice served");
    assert_eq!(served.deadline, Some(d("2026-02-28")));
    assert_eq!(served.if_nobody_acts, "ends on Sat 28 Feb 2026");
    assert!(!served.is_open());

    let window = by_name("expired, its data-export window open");
    // 60 days after 2027-06-30 is Sun 29 Aug 2027; Friday 27 August is the last
    // business day within it.
    assert_eq!(window.deadline, Some(d("2027-08-29")));
    assert_eq!(window.act_by, Some(d("2027-08-27")));

    let terminated = by_name("terminated for convenience");
    // Served 2026-01-10 + 180 days = 2026-07-09 (rule 6).
    assert_eq!(terminated.if_nobody_acts, "terminated on Thu 9 Jul 2026");
}

#[test]
fn a_recorded_decision_is_checked_then_reaches_the_history_the_dashboard_the_brief_and_show() {
    use renewal_core::domain::dates::long_date;
    use renewal_core::domain::model::DecisionChoice;
    use renewal_core::error::Error;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("decide.db");
    let mut store = Store::open(&db).unwrap();
    let aws = store
        .import(&import_seed("aws-peru-mifibra.md"))
        .unwrap()
        .id;
    let ms = store
        .import(&import_seed("microsoft-peru-mifibra.md"))
        .unwrap()
        .id;
    let as_of = d("2026-11-23");
    let field_of = |e: Error| match e {
        Error::Invalid { field, message } => (field, message),
        other => panic!("expected an invalid field, got {other:?}"),
    };

    // Microsoft Peru decides the renewal of 1 January 2028: letting it expire is not a
    // choice there (it renews unless notice is served), and a renegotiation needs a date
    // within the time left to act (Fri 1 Oct 2027).
    let (field, message) = field_of(
        store
            .record_decision(
                ms,
                DecisionChoice::LetExpire,
                None,
                "Ana Torres",
                d("2026-11-30"),
                "",
                as_of,
            )
            .unwrap_err(),
    );
    assert_eq!(field, "choice");
    assert!(
        message.contains("expected one of: renew, renegotiate, exit"),
        "{message}"
    );
    let (field, _) = field_of(
        store
            .record_decision(
                ms,
                DecisionChoice::Renegotiate,
                None,
                "Ana Torres",
                d("2026-11-30"),
                "",
                as_of,
            )
            .unwrap_err(),
    );
    assert_eq!(field, "target_date");
    let (field, message) = field_of(
        store
            .record_decision(
                ms,
                DecisionChoice::Renegotiate,
                Some(d("2027-12-01")),
                "Ana Torres",
                d("2026-11-30"),
                "",
                as_of,
            )
            .unwrap_err(),
    );
    assert_eq!(field, "target_date");
    assert!(message.contains("Fri 1 Oct 2027"), "{message}");
    // Nothing was stored by the refusals.
    assert!(store.get(ms).unwrap().agreement.recorded.decision.is_none());

    let changes = store
        .record_decision(
            ms,
            DecisionChoice::Renegotiate,
            Some(d("2027-08-31")),
            "Ana Torres",
            d("2026-11-30"),
            "volumes below the year-3 commitment",
            as_of,
        )
        .unwrap();
    assert!(!changes.is_empty());
    let history = store.history(ms).unwrap();
    assert!(
        history.iter().any(|h| h.action == "record_decision"),
        "{history:?}"
    );

    // Decided: no longer under "Needs a decision"; AWS Peru's window still is.
    let db_view = dashboard(&store, as_of).unwrap();
    let ids: Vec<i64> = db_view.decisions.iter().map(|i| i.agreement_id).collect();
    assert_eq!(ids, vec![aws]);

    let stored = store.get(ms).unwrap();
    let pdf = render_brief(&stored, &history, as_of, &BriefOptions { paper: Paper::A4 }).unwrap();
    let text = flat(&pdftotext(&pdf, &[]));
    let decided = "Decided: Renegotiate, by Ana Torres on Mon 30 Nov 2026 (new terms by Tue 31 Aug 2027): volumes below the year-3 commitment";
    assert!(text.contains(decided), "brief lacks the decision:\n{text}");

    // The CLI: AWS Peru has expired, so renewing is refused with the choices it allows;
    // letting it expire is recorded by the operating-system user unless --by names someone.
    let out = renewals(&db, "2026-11-23", &["decide", &aws.to_string(), "renew"]);
    assert_eq!(
        out.status.code(),
        Some(6),
        "{}",
        crate::common::stderr(&out)
    );
    assert!(
        crate::common::stderr(&out).contains("expected one of: let_expire, renegotiate")
            || crate::common::stderr(&out).contains("expected one of: renegotiate, let_expire"),
        "{}",
        crate::common::stderr(&out)
    );
    let out = renewals(
        &db,
        "2026-11-23",
        &[
            "decide",
            &aws.to_string(),
            "let-expire",
            "--by",
            "Luis Rojas",
            "--why",
            "migrated to the new provider",
        ],
    );
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let shown = stdout(&renewals(&db, "2026-11-23", &["show", &aws.to_string()]));
    let today = long_date(renewal_core::services::real_today());
    assert!(
        shown.contains(&format!(
            "Decided: Let it expire, by Luis Rojas on {today}: migrated to the new provider."
        )),
        "{shown}"
    );
}

#[test]
fn a_hand_edit_that_moves_the_deadline_later_is_a_warning_naming_both_dates() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::{edit_field, EDIT_MOVES_DEADLINE_LATER};

    let mut store = Store::open_in_memory().unwrap();
    let ms = store
        .import(&import_seed("microsoft-peru-mifibra.md"))
        .unwrap()
        .id;
    let real = renewal_core::services::real_today();
    let before = {
        let a = store.get(ms).unwrap().agreement;
        assess(&a, real).decision(&a)
    };
    let warnings = |store: &Store| {
        store
            .get(ms)
            .unwrap()
            .agreement
            .warnings
            .into_iter()
            .filter(|w| w.code == EDIT_MOVES_DEADLINE_LATER)
            .collect::<Vec<_>>()
    };
    // 90 → 120 days: the deadline moves earlier, which is always safe: no warning.
    edit_field(&mut store, ms, EditableField::NonRenewalNotice, "120 days").unwrap();
    assert!(warnings(&store).is_empty());
    // 120 → 60 days: four (then eight) weeks later than the document's reading: a warning
    // naming both last days to act.
    edit_field(&mut store, ms, EditableField::NonRenewalNotice, "60 days").unwrap();
    let after = {
        let a = store.get(ms).unwrap().agreement;
        assess(&a, real).decision(&a)
    };
    let w = warnings(&store);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(after.act_by > before.act_by);
    let was = renewal_core::domain::dates::long_date(
        assess(&store.get(ms).unwrap().agreement, real)
            .decision(&store.get(ms).unwrap().agreement)
            .act_by
            .unwrap(),
    );
    assert!(w[0].message.contains(&was), "{}", w[0].message);
    assert!(
        w[0].message.contains("Non-renewal notice"),
        "{}",
        w[0].message
    );
    assert_eq!(w[0].field, "non_renewal_notice");
}

#[test]
fn a_provisional_agreement_says_so_on_the_dashboard_the_page_and_the_brief() {
    // "03/04/2031" reads day-first or month-first: the effective date is low confidence,
    // so every date of the agreement rests on a value a person must confirm (issue 10
    // item 3).
    let text = "SERVICES AGREEMENT\n\nThis Services Agreement is effective as of 03/04/2031 between Acme Corp. and Widget LLC.\n\nThe initial term is two (2) years. This Agreement shall automatically renew for successive periods of 12 months unless either party gives written notice of non-renewal at least 60 days prior to the end of the then-current term.\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("services.txt");
    std::fs::write(&path, text).unwrap();
    let outcome = renewal_core::adapters::import::import_file(&path).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&outcome).unwrap().id;
    let stored = store.get(id).unwrap();
    let as_of = d("2032-06-01");
    let detail = AgreementDetail::new(&stored, as_of);
    assert_eq!(detail.provisional, vec!["effective_date".to_string()]);
    let db_view = dashboard(&store, as_of).unwrap();
    let item = db_view
        .decisions
        .iter()
        .find(|i| i.agreement_id == id)
        .expect("its renewal needs a decision");
    assert!(item.provisional);
    let pdf = render_brief(&stored, &[], as_of, &BriefOptions { paper: Paper::A4 }).unwrap();
    let text = flat(&pdftotext(&pdf, &[]));
    assert!(text.contains("PROVISIONAL (values to confirm)"), "{text}");
    assert!(
        text.contains("Read with low confidence and not yet confirmed: effective date."),
        "{text}"
    );
}
