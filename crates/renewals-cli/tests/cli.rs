//! The `renewals` binary end to end: settings shared with the app apply to its import, and
//! each kind of failure exits with its documented code (README.md, "Exit codes").

// A test fails loudly on anything unexpected.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// A three-year agreement from 1 January 2023 renewing for 12 months unless notice is served
/// 90 days before expiry: the notice deadline is 31 December 2027 − 90 days = Saturday
/// 2 October 2027, moved to Friday 1 October 2027 by rule 4 when the adjustment is on.
const DOC: &str = "# Example Peru Supply Agreement\n\n\
| Field | Details |\n|---|---|\n\
| Parties | Acme SAC / Widget Corp |\n\
| Effective Date | 1 January 2023 |\n\
| Term | 3 years (auto-renewal) |\n\n\
## Renewal Terms\n\n\
- Auto-renewal for 12-month periods\n\
- 90-day notice for non-renewal\n";

fn renewals(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_renewals"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-23"])
        .args(args)
        .env_remove("RENEWAL_DESK_DB")
        .output()
        .expect("run renewals")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

fn write_doc(dir: &Path) -> PathBuf {
    let p = dir.join("example-peru.md");
    std::fs::write(&p, DOC).unwrap();
    p
}

/// The non-renewal notice deadline of agreement 1 as `show --json` gives it:
/// (date, unadjusted date).
fn notice_deadline(db: &Path) -> (String, String) {
    let detail = json(&renewals(db, &["show", "1", "--json"]));
    let e = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "non_renewal_notice_deadline" && e["status"] == "open")
        .expect("an open notice deadline")
        .clone();
    (
        e["date"].as_str().unwrap().to_string(),
        e["unadjusted_date"].as_str().unwrap().to_string(),
    )
}

#[test]
fn import_follows_the_business_day_setting_shared_with_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write_doc(dir.path());
    let doc = doc.to_str().unwrap();

    // Switched off: the new agreement has no adjustment, its deadline is the unadjusted date.
    let off = dir.path().join("off.db");
    let o = renewals(&off, &["settings", "set", "business_day_adjustment", "off"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("business_day_adjustment off"));
    let settings = json(&renewals(&off, &["settings", "--json"]));
    assert_eq!(settings["business_day_adjustment"], false);
    let o = renewals(&off, &["import", doc]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Example Peru Supply Agreement"));
    let detail = json(&renewals(&off, &["show", "1", "--json"]));
    assert_eq!(detail["agreement"]["business_day_adjustment"], false);
    assert_eq!(
        notice_deadline(&off),
        ("2027-10-02".to_string(), "2027-10-02".to_string())
    );
    let list = json(&renewals(&off, &["list", "--json"]));
    assert_eq!(list[0]["next_notice_deadline"], "2027-10-02");

    // The default (on): moved back from Saturday to Friday.
    let on = dir.path().join("on.db");
    assert!(renewals(&on, &["import", doc]).status.success());
    let detail = json(&renewals(&on, &["show", "1", "--json"]));
    assert_eq!(detail["agreement"]["business_day_adjustment"], true);
    assert_eq!(
        notice_deadline(&on),
        ("2027-10-01".to_string(), "2027-10-02".to_string())
    );

    // Switching it back on for the stored agreements too changes the one in `off.db`.
    let o = renewals(
        &off,
        &[
            "settings",
            "set",
            "business_day_adjustment",
            "on",
            "--apply-to-existing",
        ],
    );
    assert!(
        stdout(&o).contains("1 stored agreement switched"),
        "{}",
        stdout(&o)
    );
    assert_eq!(notice_deadline(&off).0, "2027-10-01");
}

#[test]
fn list_json_is_the_app_row_with_the_next_deadline_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = write_doc(dir.path());
    assert!(renewals(&db, &["import", doc.to_str().unwrap()])
        .status
        .success());
    let list = json(&renewals(&db, &["list", "--json"]));
    let row = &list[0];
    assert_eq!(row["id"], 1);
    assert_eq!(row["title"], "Example Peru Supply Agreement");
    assert_eq!(row["status"], "active");
    assert_eq!(row["renewing"], true);
    assert_eq!(row["current_term_end"], "2026-12-31");
    assert_eq!(row["next_deadline"]["date"], "2027-10-01");
    assert_eq!(row["next_deadline"]["days_from_today"], 312);
    assert_eq!(row["next_deadline_days"], 312);
    assert_eq!(row["next_deadline_label"], row["next_deadline"]["label"]);
    assert_eq!(row["next_notice_deadline"], "2027-10-01");
    assert_eq!(row["overdue"], 0);
    assert!(row["default_outcome"]
        .as_str()
        .unwrap()
        .starts_with("renews on"));
}

#[test]
fn each_kind_of_failure_has_its_exit_code_and_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = write_doc(dir.path());
    let doc = doc.to_str().unwrap();
    assert!(renewals(&db, &["import", doc]).status.success());

    // 1: some documents of a batch failed.
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let o = renewals(&db, &["import", empty.to_str().unwrap(), doc]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty.md"));

    // 2: usage, clap's and the CLI's own checks.
    assert_eq!(renewals(&db, &["lisst"]).status.code(), Some(2));
    let o = renewals(&db, &["edit", "1", "colour", "blue"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: unknown field \"colour\""),
        "{}",
        stderr(&o)
    );
    let o = renewals(
        &db,
        &["settings", "set", "business_day_adjustment", "maybe"],
    );
    assert_eq!(o.status.code(), Some(2));

    // 5: no such agreement.
    let o = renewals(&db, &["show", "42"]);
    assert_eq!(o.status.code(), Some(5));
    assert_eq!(stderr(&o).trim(), "error: no agreement with id 42");

    // 6: a value refused, naming the field; nothing changed.
    let o = renewals(&db, &["edit", "1", "effective_date", "31 February 2024"]);
    assert_eq!(o.status.code(), Some(6));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("effective_date") && err.contains("does not exist"),
        "{err}"
    );

    // 7: a file named on the command line cannot be written.
    let o = renewals(&db, &["brief", "1", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(7));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));

    // 4: not a database.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let o = renewals(&junk, &["list"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("junk.db"), "{}", stderr(&o));
}
