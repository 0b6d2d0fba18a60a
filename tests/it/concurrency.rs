//! One database shared by the app, the timer and the CLI (issue 13, "Writers wait their
//! turn"): processes that open a new database at once, and writers that run at once, all
//! succeed, and every agreement is stored exactly once.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use renewal_core::services::samples::generate_document;

use crate::common::{renewals, renewals_bin, stderr, stdout};

fn spawn(db: &Path, args: &[&str]) -> Child {
    Command::new(renewals_bin())
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg("2026-11-23")
        .args(args)
        .env_remove("RENEWAL_DESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn renewals: {e}"))
}

fn wait_ok(child: Child, what: &str, round: usize) {
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait for {what}: {e}"));
    assert!(
        out.status.success(),
        "round {round}: {what} failed ({:?}): {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `n` generated agreement documents in `dir`, numbered from `first`.
fn write_docs(dir: &Path, first: usize, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    (first..first + n)
        .map(|i| {
            let p = dir.join(format!("doc-{i}.md"));
            std::fs::write(&p, generate_document(i)).unwrap_or_else(|e| panic!("{e}"));
            p
        })
        .collect()
}

#[test]
fn four_processes_opening_a_new_database_at_once_all_succeed() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for round in 0..20 {
        let db = tmp.path().join(format!("new-{round}.db"));
        let children: Vec<Child> = (0..4).map(|_| spawn(&db, &["list", "--json"])).collect();
        for c in children {
            wait_ok(c, "list on a new database", round);
        }
    }
}

#[test]
fn two_imports_an_edit_a_snooze_and_remind_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for round in 0..20 {
        let db = tmp.path().join(format!("busy-{round}.db"));
        // One agreement to edit and snooze while the imports run.
        let first = write_docs(&tmp.path().join(format!("r{round}-first")), 0, 1);
        let out = renewals(&db, "2026-11-23", &["import", &first[0].to_string_lossy()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let deadlines = renewals(&db, "2026-11-23", &["deadlines", "--json"]);
        let events: serde_json::Value =
            serde_json::from_str(&stdout(&deadlines)).unwrap_or_else(|e| panic!("{e}"));
        let event_id = events
            .as_array()
            .and_then(|a| a.first())
            .and_then(|e| e.get("id"))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no event id in {events}"));

        let a = write_docs(&tmp.path().join(format!("r{round}-a")), 1000, 25);
        let b = write_docs(&tmp.path().join(format!("r{round}-b")), 2000, 25);
        let mut args_a = vec!["import".to_string()];
        args_a.extend(a.iter().map(|p| p.to_string_lossy().into_owned()));
        let mut args_b = vec!["import".to_string()];
        args_b.extend(b.iter().map(|p| p.to_string_lossy().into_owned()));
        let args_a: Vec<&str> = args_a.iter().map(String::as_str).collect();
        let args_b: Vec<&str> = args_b.iter().map(String::as_str).collect();

        let children = [
            ("import a", spawn(&db, &args_a)),
            ("import b", spawn(&db, &args_b)),
            (
                "edit",
                spawn(&db, &["edit", "1", "non_renewal_notice", "60 days"]),
            ),
            (
                "snooze",
                spawn(&db, &["snooze", "1", &event_id, "--days", "7"]),
            ),
            ("remind --dry-run", spawn(&db, &["remind", "--dry-run"])),
            ("list", spawn(&db, &["list", "--json"])),
        ];
        for (what, c) in children {
            wait_ok(c, what, round);
        }
        let list = renewals(&db, "2026-11-23", &["list", "--json"]);
        let rows: serde_json::Value =
            serde_json::from_str(&stdout(&list)).unwrap_or_else(|e| panic!("{e}"));
        let n = rows.as_array().map_or(0, Vec::len);
        assert_eq!(n, 51, "round {round}: every agreement stored exactly once");
    }
}
