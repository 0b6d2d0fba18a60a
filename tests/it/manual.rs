//! An agreement entered by hand (issue 11 item 2): `renewals add` with every option, its
//! refusals (nothing stored), and the same history, deadlines and brief as an imported one.
//! Expected dates are worked by hand here, not by calling the engine.

use std::process::Command;

use crate::common::{renewals, stderr, stdout};
use renewal_core::adapters::store::Store;

fn add(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    renewals(db, "2026-11-30", &all)
}

#[test]
fn every_option_gives_the_agreement_its_dates_history_and_brief() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hand.db");
    let o = add(
        &db,
        &[
            "--title",
            "Lima Cold Storage Services Agreement",
            "--counterparty",
            "Frío Andino S.A.C.",
            "--parties",
            "Andes Foods S.A.C. / Frío Andino S.A.C.",
            "--owner",
            "Commercial Director",
            "--country",
            "PE",
            "--effective",
            "1 April 2024",
            "--expiry",
            "2027-03-31",
            "--renewal",
            "12 months",
            "--notice",
            "90 days",
            "--convenience",
            "180 days",
            "--price-review",
            "annually",
            "--next-review",
            "Q1 2027",
            "--value",
            "1,200,000",
            "--currency",
            "pen",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // 31 March 2027 − 90 days = Thu 31 December 2026, a business day in Peru.
    assert!(
        out.contains("Non-renewal notice deadline — Thu 31 Dec 2026 (in 31 days)"),
        "{out}"
    );

    let store = Store::open(&db).unwrap();
    let a = store.get(1).unwrap().agreement;
    // 1 April 2024 to 31 March 2027 is three whole years.
    assert_eq!(
        a.initial_term.as_ref().unwrap().value.to_string(),
        "3 years"
    );
    assert_eq!(a.counterparty.as_deref(), Some("Frío Andino S.A.C."));
    assert_eq!(
        a.parties.as_ref().unwrap().value,
        vec![
            "Andes Foods S.A.C.".to_string(),
            "Frío Andino S.A.C.".to_string()
        ]
    );
    assert_eq!(
        a.contract_owner.as_ref().unwrap().value,
        "Commercial Director"
    );
    assert_eq!(
        a.renewal_period.as_ref().unwrap().value.to_string(),
        "12 months"
    );
    assert!(a.auto_renewal.as_ref().unwrap().value);
    let tfc = a.convenience_termination().unwrap();
    assert_eq!(tfc.notice.unwrap().to_string(), "180 days");
    let total = a.total_commitment.as_ref().unwrap();
    assert_eq!(total.value.to_string(), "S/ 1,200,000");
    assert!(a
        .entered_by_hand
        .as_deref()
        .unwrap()
        .starts_with("Entered by hand in Renewal Desk by "));
    assert_eq!(
        a.effective_date.as_ref().unwrap().source.section,
        "Entered by hand"
    );
    // The history records its creation.
    let history = store.history(1).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");

    // The deadline reaches `deadlines` like an imported agreement's.
    let o = renewals(
        &db,
        "2026-11-30",
        &["deadlines", "--within", "60", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| { r["kind"] == "non_renewal_notice_deadline" && r["date"] == "2026-12-31" }),
        "{rows}"
    );

    // The brief says it was entered by hand.
    let pdf = dir.path().join("brief.pdf");
    let o = renewals(
        &db,
        "2026-11-30",
        &["brief", "1", "-o", pdf.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Entered by hand in Renewal Desk"), "{text}");
    assert!(text.contains("Thu 31 Dec 2026"), "{text}");
}

#[test]
fn a_term_as_a_length_in_chile_counts_on_chiles_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hand.db");
    let o = add(
        &db,
        &[
            "--title",
            "Santiago Fleet Maintenance Agreement",
            "--country",
            "Chile",
            "--effective",
            "2025-06-15",
            "--term",
            "24 months",
            "--renewal",
            "1 year",
            "--notice",
            "60 days",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Expiry 14 June 2027; 14 June 2027 − 60 days = Thu 15 April 2027 (Easter 2027 is
    // 28 March: Good Friday 26 March is well before it).
    assert!(
        stdout(&o).contains("Non-renewal notice deadline — Thu 15 Apr 2027"),
        "{}",
        stdout(&o)
    );
    // A fixed term: no renewal given, so it does not renew and simply expires.
    let o = add(
        &db,
        &[
            "--title",
            "Valparaíso Port Services Agreement",
            "--country",
            "CL",
            "--effective",
            "2025-01-01",
            "--expiry",
            "2027-12-31",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let a = Store::open(&db).unwrap().get(2).unwrap().agreement;
    assert!(!a.auto_renewal.unwrap().value);
    assert_eq!(a.initial_term.unwrap().value.to_string(), "3 years");
}

#[test]
fn bad_values_are_refused_naming_the_option_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hand.db");
    let base = ["--title", "Refused Agreement", "--effective", "2025-01-01"];
    let cases: [(&[&str], &str); 9] = [
        (
            &["--term", "36 months", "--notice", "30 days"],
            "invalid notice: a non-renewal notice needs the renewal period",
        ),
        (&["--term", "thirty-six"], "invalid initial_term"),
        (&[], "invalid term: expected the initial term"),
        (&["--expiry", "2024-12-31"], "before the effective date"),
        (&["--expiry", "31/02/2027"], "invalid expiry"),
        (
            &[
                "--term",
                "12 months",
                "--renewal",
                "12 months",
                "--notice",
                "13 months",
            ],
            "not shorter than the renewal period",
        ),
        (
            &["--term", "12 months", "--value", "1,000"],
            "invalid currency",
        ),
        (
            &[
                "--term",
                "12 months",
                "--value",
                "lots",
                "--currency",
                "USD",
            ],
            "invalid value",
        ),
        (
            &["--term", "12 months", "--country", "Atlantis"],
            "invalid country",
        ),
    ];
    for (extra, expected) in cases {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        let o = add(&db, &args);
        assert_eq!(o.status.code(), Some(6), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{extra:?}: {}", stderr(&o));
    }
    let o = add(
        &db,
        &[
            "--title",
            "X",
            "--effective",
            "2024-02-31",
            "--term",
            "1 year",
        ],
    );
    assert!(
        stderr(&o).contains("invalid effective_date"),
        "{}",
        stderr(&o)
    );
    // Nothing was stored.
    let o = renewals(&db, "2026-11-30", &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(0), "{rows}");
    // A second agreement with the same title is refused.
    assert!(add(
        &db,
        &[
            "--title",
            "Kept",
            "--effective",
            "2025-01-01",
            "--term",
            "1 year"
        ]
    )
    .status
    .success());
    let o = add(
        &db,
        &[
            "--title",
            "KEPT",
            "--effective",
            "2025-01-01",
            "--term",
            "1 year",
        ],
    );
    assert!(
        stderr(&o).contains("already exists (id 1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn review_lists_what_is_to_confirm_and_confirming_a_field_ends_provisional() {
    // "03/04/2031" reads day-first or month-first: the effective date is low confidence.
    let text = "SERVICES AGREEMENT\n\nThis Services Agreement is effective as of 03/04/2031 between Acme Corp. and Widget LLC.\n\nThe initial term is two (2) years. This Agreement shall automatically renew for successive periods of 12 months unless either party gives written notice of non-renewal at least 60 days prior to the end of the then-current term.\n";
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("services.txt");
    std::fs::write(&doc, text).unwrap();
    let db = dir.path().join("review.db");
    let o = renewals(&db, "2032-06-01", &["import", doc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = renewals(&db, "2032-06-01", &["review", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Provisional: its dates rest on 1 value(s)"),
        "{out}"
    );
    assert!(out.contains("  effective_date\n"), "{out}");
    assert!(out.contains("1. [effective_date]"), "{out}");

    let o = renewals(&db, "2032-06-01", &["confirm", "1", "effective_date"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&renewals(&db, "2032-06-01", &["review", "1"]));
    assert!(!out.contains("Provisional"), "{out}");
    assert!(!out.contains("[effective_date]"), "{out}");
    let a = Store::open(&db).unwrap().get(1).unwrap().agreement;
    assert!(a.provisional_fields().is_empty());
    // The history keeps the confirmation.
    let h = Store::open(&db).unwrap().history(1).unwrap();
    assert!(h.iter().any(|e| e.action == "confirm"), "{h:?}");
    // Nothing more to confirm about it: refused, naming the field.
    let o = renewals(&db, "2032-06-01", &["confirm", "1", "effective_date"]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(stderr(&o).contains("effective_date"), "{}", stderr(&o));
}
