//! Shared helpers: the sample agreements, dates, the `renewals` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use chrono::NaiveDate;
use renewal_core::adapters::import::{import_file, ImportOutcome};

/// `../shared/seeds/` beside the workspace.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// Path of one sample agreement.
pub fn seed(name: &str) -> PathBuf {
    seeds_dir().join(name)
}

/// The three sample agreement files.
pub fn seed_files() -> Vec<PathBuf> {
    [
        "microsoft-peru-mifibra.md",
        "aws-peru-mifibra.md",
        "aws-chile-wom.md",
    ]
    .iter()
    .map(|n| seed(n))
    .collect()
}

/// Imports a sample agreement with the real importer.
pub fn import_seed(name: &str) -> ImportOutcome {
    import_file(&seed(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `YYYY-MM-DD` → date.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

/// The worked example's today.
pub fn today() -> NaiveDate {
    d("2026-11-23")
}

/// The `renewals` binary of this build, built once if needed.
pub fn renewals_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let dir = exe
            .parent()
            .and_then(|p| p.parent())
            .expect("target profile dir")
            .to_path_buf();
        let profile_release = dir.ends_with("release");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "-q", "-p", "renewals-cli", "--bin", "renewals"]);
        if profile_release {
            cmd.arg("--release");
        }
        let status = cmd
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the renewals binary failed");
        dir.join("renewals")
    })
    .clone()
}

/// Runs `renewals --db DB --today TODAY ARGS...`.
pub fn renewals(db: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(renewals_bin())
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(today)
        .args(args)
        .env_remove("RENEWAL_DESK_DB")
        .output()
        .expect("run renewals")
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One row of the `history` table as stored: id, agreement id, when (`at`, RFC 3339), action,
/// field, old and new value (JSON text), and who made it (`actor`, migration 0006).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub agreement_id: i64,
    pub at: String,
    pub action: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// `None` when read without the actor (a database from before migration 0006 has none).
    pub actor: Option<String>,
}

/// Every history row, in id order, read straight from the table. `with_actor`: read the
/// `actor` column too (only on databases at migration 0006 or later); the migration tests
/// compare rows read without it before and after a migration that adds it.
pub fn history_rows(conn: &rusqlite::Connection, with_actor: bool) -> Vec<HistoryRow> {
    let actor = if with_actor { "actor" } else { "NULL" };
    let sql = format!(
        "SELECT id, agreement_id, at, action, field, old_value, new_value, {actor}
         FROM history ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| {
        Ok(HistoryRow {
            id: r.get(0)?,
            agreement_id: r.get(1)?,
            at: r.get(2)?,
            action: r.get(3)?,
            field: r.get(4)?,
            old_value: r.get(5)?,
            new_value: r.get(6)?,
            actor: r.get(7)?,
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}
