//! The SQLite store (rusqlite, bundled SQLite).
//!
//! - Migrations from `migrations/` are embedded at build time and applied with
//!   rusqlite_migration, all pending ones in one transaction (all-or-nothing); a database
//!   written by a newer version (higher `user_version`) is refused.
//! - Every connection sets WAL, `foreign_keys = ON`, a busy timeout and `synchronous =
//!   NORMAL`, so the desktop app and the CLI can share the file.
//! - Every change to an agreement is appended to `history` (triggers forbid updates and
//!   deletes there); every imported document is kept verbatim with its SHA-256.
//! - Sources are stored as line spans into that document, not copies of its text
//!   ([`spans`]); every agreement read from the store has its sources' texts back.
//! - Agreements and documents are stored compressed, without what can be rebuilt from the
//!   document (its `sections`, `null`s) ([`compact`], migration 0009).

mod calendars;
pub mod compact;
pub(crate) mod history;
pub mod spans;
mod views;
pub mod words;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use serde::{Deserialize, Serialize};

use crate::adapters::import::ImportOutcome;
use crate::domain::model::Agreement;
use crate::error::{Error, Result};

pub use calendars::StoredCalendar;
pub use history::{diff_agreements, Change, HistoryEntry, NOT_RECORDED, REMINDER_TIMER};

/// The schema migrations, in order, embedded from `migrations/`.
pub const MIGRATION_SQL: &[(&str, &str)] = &[
    (
        "0001_agreements",
        include_str!("../../../../../migrations/0001_agreements.sql"),
    ),
    (
        "0002_reminders",
        include_str!("../../../../../migrations/0002_reminders.sql"),
    ),
    (
        "0003_agreement_engine",
        include_str!("../../../../../migrations/0003_agreement_engine.sql"),
    ),
    (
        "0004_calendars",
        include_str!("../../../../../migrations/0004_calendars.sql"),
    ),
    (
        "0005_source_spans",
        include_str!("../../../../../migrations/0005_source_spans.sql"),
    ),
    (
        "0006_history_actor",
        include_str!("../../../../../migrations/0006_history_actor.sql"),
    ),
    (
        "0007_people_and_mail",
        include_str!("../../../../../migrations/0007_people_and_mail.sql"),
    ),
    (
        "0008_invitation_sequence",
        include_str!("../../../../../migrations/0008_invitation_sequence.sql"),
    ),
    (
        "0009_packed_rows",
        include_str!("../../../../../migrations/0009_packed_rows.sql"),
    ),
    (
        "0010_engine_source_spans",
        include_str!("../../../../../migrations/0010_engine_source_spans.sql"),
    ),
    (
        "0011_view_cache",
        include_str!("../../../../../migrations/0011_view_cache.sql"),
    ),
];

/// Index in [`MIGRATION_SQL`] of the migration whose work is done in Rust after its SQL:
/// 0005, sources as line spans ([`spans::migrate_0005`]).
const SOURCE_SPANS_STEP: usize = 4;

/// Index in [`MIGRATION_SQL`] of migration 0009, whose conversion of existing rows is done
/// in Rust after its SQL ([`compact::migrate_0009`]).
const PACKED_ROWS_STEP: usize = 8;

/// Index in [`MIGRATION_SQL`] of migration 0010, the engine copy with source spans, whose
/// rows are rebuilt in Rust after its SQL ([`migrate_0010`]).
const ENGINE_SPANS_STEP: usize = 9;

/// The SQL of each migration, in order.
pub fn migration_steps() -> Vec<&'static str> {
    MIGRATION_SQL.iter().map(|(_, sql)| *sql).collect()
}

/// The schema version this build writes (`PRAGMA user_version` after migrating).
pub fn schema_version() -> usize {
    MIGRATION_SQL.len()
}

/// How long a connection waits for a lock held by another process (the app or the CLI).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// File name of the database inside the OS data folder.
pub const DB_FILE_NAME: &str = "renewal-desk.db";

/// Environment variable both front ends read for the database path (the CLI's `--db`
/// default, the app's start-up configuration).
pub const DB_ENV_VAR: &str = "RENEWAL_DESK_DB";

/// The one default database path of the app and the CLI: [`DB_FILE_NAME`] in the OS data
/// folder (`~/.local/share/renewaldesk/` style on Linux, from the `directories` crate's
/// `ProjectDirs("com", "RenewalDesk", "Renewal Desk")`), or `None` when the OS reports no
/// home folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("com", "RenewalDesk", "Renewal Desk")
        .map(|d| d.data_dir().join(DB_FILE_NAME))
}

/// An agreement as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAgreement {
    /// Row id.
    pub id: i64,
    /// The agreement.
    pub agreement: Agreement,
    /// SHA-256 of the current source document (hex).
    pub sha256: String,
    /// When first imported (RFC 3339 UTC).
    pub created_at: String,
    /// When last changed (RFC 3339 UTC).
    pub updated_at: String,
}

/// Fields of the stored agreement JSON that [`Store::for_each_listed`] empties: the verbatim
/// document structure and the tables and statements that no deadline, status, summary or
/// reminder reads (they are shown only in an agreement's detail, read with [`Store::get`]).
/// Together they are about half the stored bytes.
pub const VIEW_STRIPPED_FIELDS: &[&str] = &[
    "sections",
    "renewal_terms",
    "commitments",
    "amounts",
    "revenue_shares",
    "service_levels",
    "data_protection",
];

/// An agreement as computed views read it ([`Store::for_each_listed`]): every field the
/// deadline engine uses and its warnings, but with the fields in [`VIEW_STRIPPED_FIELDS`]
/// empty and every source as its span without the text its document gives back (read it
/// with [`Store::for_each_quoted`], or a full agreement with [`Store::get`], for workings
/// that quote their clauses).
#[derive(Debug, Clone, PartialEq)]
pub struct ListedAgreement {
    /// Row id.
    pub id: i64,
    /// ISO 4217 code of its main amounts (stored beside the JSON, computed at import from
    /// all its amounts, so it is right although `commitments` and `amounts` are empty here).
    pub currency: Option<String>,
    /// The agreement without the [`VIEW_STRIPPED_FIELDS`].
    pub agreement: Agreement,
}

/// One agreement's compact engine copy as stored, not yet parsed
/// ([`Store::for_each_listed_block`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawListed {
    /// Row id.
    pub id: i64,
    /// ISO 4217 code of its main amounts (as [`ListedAgreement::currency`]).
    pub currency: Option<String>,
    /// The compact JSON ([`engine_json_with`]).
    pub engine: String,
}

impl RawListed {
    /// The [`ListedAgreement`] this row holds, exactly as [`Store::for_each_listed`] reads it.
    ///
    /// Errors: [`Error::Json`] when the stored JSON cannot be read.
    pub fn parse(self) -> Result<ListedAgreement> {
        Ok(ListedAgreement {
            id: self.id,
            agreement: serde_json::from_str(&self.engine)?,
            currency: self.currency,
        })
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new agreement.
    Created,
    /// A changed version of a known agreement (same title): updated, changes in history.
    Updated,
    /// The same document (same SHA-256) was imported before: nothing changed.
    Unchanged,
}

/// The result of storing one imported document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Title.
    pub title: String,
    /// What happened.
    pub action: ImportAction,
    /// Number of importer warnings.
    pub warnings: usize,
    /// Number of fields changed (for `Updated`).
    pub changes: usize,
}

/// The store: one SQLite connection, and who is making the changes written through it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Recorded as `history.actor` with every change written through this store (migration
    /// 0006, issue 16 item 7): the operating-system user ([`crate::services::os_user`]) unless
    /// a front end sets another name ([`Store::set_actor`]).
    actor: String,
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Identity of an agreement across re-imports: its title, case- and space-normalised.
pub fn agreement_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The compact JSON of `agreement` kept in `agreement_engine` for computed views
/// ([`Store::for_each_listed`]), without its current document: as
/// [`engine_json_with`]`(agreement, None)`, so every source keeps its text.
///
/// Errors: [`Error::Json`] if the agreement cannot be serialised.
pub fn engine_json(agreement: &Agreement) -> Result<String> {
    engine_json_with(agreement, None)
}

/// The compact JSON of `agreement` kept in `agreement_engine` for computed views
/// ([`Store::for_each_listed`], [`Store::for_each_quoted`]): the fields in
/// [`VIEW_STRIPPED_FIELDS`] empty, every `null` left out, and every source kept as its span
/// (line, last line, section, page, confidence) without the text that `document`, the
/// agreement's current document, gives back from that span (the same rule as the `data`
/// column, [`spans::strip_source_texts`]; issue 14 item 1: the deadline views quote their
/// clauses from the compact form and the document). A source with nothing left (a value
/// with no source) is left out. About 2.5 KB for a typical agreement instead of 9 KB.
///
/// Errors: [`Error::Json`] if the agreement cannot be serialised.
pub fn engine_json_with(agreement: &Agreement, document: Option<&str>) -> Result<String> {
    let mut v = serde_json::to_value(agreement)?;
    if let Some(doc) = document {
        spans::strip_source_texts(&mut v, &crate::domain::model::DocumentLines::new(doc));
    }
    compact_engine_value(&mut v);
    Ok(v.to_string())
}

/// Turns the JSON of an agreement (as serialised, or as stored in `data`) into its compact
/// engine form in place: [`VIEW_STRIPPED_FIELDS`] emptied, nulls, empty source texts and
/// sections, and sources with nothing left, removed.
pub(crate) fn compact_engine_value(v: &mut serde_json::Value) {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(source)) = map.get_mut("source") {
                    source.retain(|k, x| {
                        !x.is_null() && !((k == "text" || k == "section") && x.as_str() == Some(""))
                    });
                }
                map.retain(|k, x| {
                    !x.is_null() && (k != "source" || x.as_object().is_some_and(|o| !o.is_empty()))
                });
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    if let serde_json::Value::Object(map) = v {
        for k in VIEW_STRIPPED_FIELDS {
            map.insert((*k).to_string(), serde_json::Value::Array(Vec::new()));
        }
    }
    strip(v);
}

/// Sets the per-connection pragmas: WAL, foreign keys, busy timeout, synchronous NORMAL,
/// and makes every transaction of the connection `IMMEDIATE`.
///
/// Why `IMMEDIATE`: under WAL a deferred transaction that reads and then writes cannot
/// upgrade to a writer when another process wrote in between (`SQLITE_BUSY_SNAPSHOT`), and
/// the busy timeout never applies to that failure. A transaction that takes the write lock
/// when it begins waits its turn for up to [`BUSY_TIMEOUT`] instead, so the app, the timer
/// and the CLI can all write to one file.
pub fn configure(conn: &mut Connection) -> Result<()> {
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if mode != "wal" && mode != "memory" {
        tracing::warn!("journal_mode is {mode}, not wal");
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Applies the migrations `steps` (SQL texts, in order) to `conn` with rusqlite_migration:
/// all pending ones in one transaction, so a failing one leaves the schema untouched.
/// Refuses a database whose `user_version` is higher than `steps.len()` (written by a newer
/// version). Errors: [`Error::Schema`].
pub fn migrate(conn: &mut Connection, steps: &[&str]) -> Result<()> {
    // The version is read again after every wait: another process may have migrated while
    // this one waited for the lock (see `Store::open`, which holds the migration lock).
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let max = steps.len();
    if version > max as i64 {
        return Err(Error::Schema(format!(
            "this database was written by a newer version of Renewal Desk (schema {version}, this version knows up to {max}); upgrade Renewal Desk to open it"
        )));
    }
    let migrations = Migrations::new(
        steps
            .iter()
            .enumerate()
            .map(|(i, sql)| {
                if i == SOURCE_SPANS_STEP {
                    M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| {
                        spans::migrate_0005(tx).map_err(rusqlite_migration::HookError::from)
                    })
                } else if i == PACKED_ROWS_STEP {
                    M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| {
                        compact::migrate_0009(tx).map_err(rusqlite_migration::HookError::from)
                    })
                } else if i == ENGINE_SPANS_STEP {
                    M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| {
                        migrate_0010(tx).map_err(rusqlite_migration::HookError::from)
                    })
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    );
    migrations
        .to_latest(conn)
        .map_err(|e| Error::Schema(format!("migration failed, nothing was changed: {e}")))
}

/// Migration 0010: rebuilds every row of `agreement_engine` from its agreement as stored
/// (read as [`Store::get`] reads it, after migration 0009 packed it) and its current
/// document ([`engine_json_with`]), so that the compact copy keeps each source's span and
/// its text only where the document does not give it back. Runs inside the migrations'
/// transaction.
///
/// Errors: SQLite errors; an agreement that cannot be read keeps its engine row (logged).
pub fn migrate_0010(conn: &Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM agreements ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let rebuilt = load(conn, id).and_then(|a| {
            let document = current_document(conn, id)?;
            write_engine(conn, id, &a, document.as_deref())
        });
        match rebuilt {
            Ok(()) => {}
            Err(Error::Sqlite(e)) => return Err(e),
            Err(e) => tracing::warn!("agreement {id}: {e}; its engine copy is left as it is"),
        }
    }
    Ok(())
}

/// How many times a write that found the database busy for a whole [`BUSY_TIMEOUT`] is
/// tried (a batch import: each attempt stores all of it or nothing).
pub const WRITE_ATTEMPTS: u32 = 3;

/// Whether `e` is SQLite's "database is busy/locked" (another process holds the write lock).
pub fn is_busy(e: &Error) -> bool {
    matches!(
        e,
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Runs `write` (a whole transaction) again while it fails with [`is_busy`], at most
/// [`WRITE_ATTEMPTS`] times in all, pausing a little longer each time.
pub fn retry_when_busy<T>(mut write: impl FnMut() -> Result<T>) -> Result<T> {
    let mut attempt = 1;
    loop {
        match write() {
            Err(e) if is_busy(&e) && attempt < WRITE_ATTEMPTS => {
                tracing::warn!("database busy (attempt {attempt} of {WRITE_ATTEMPTS}): {e}");
                std::thread::sleep(Duration::from_millis(200 * u64::from(attempt)));
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// An exclusive advisory lock on `<database>.lock`, held while a process configures and
/// migrates the database (`std::fs::File::lock`: `flock` on Unix, `LockFileEx` on Windows).
/// Released when dropped (and by the OS if the process dies).
struct MigrationLock {
    file: std::fs::File,
}

impl MigrationLock {
    /// Waits for the lock beside `db`. Errors: the lock file cannot be created or locked
    /// ([`Error::Io`] naming it).
    fn acquire(db: &Path) -> Result<MigrationLock> {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        let lock_path = PathBuf::from(name);
        let io = |source| Error::Io {
            path: lock_path.clone(),
            source,
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io)?;
        file.lock().map_err(io)?;
        Ok(MigrationLock { file })
    }
}

impl Drop for MigrationLock {
    fn drop(&mut self) {
        if let Err(e) = self.file.unlock() {
            tracing::warn!("could not release the migration lock: {e}");
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, its folder included; configures
    /// the connection and migrates it.
    ///
    /// Errors: the folder cannot be created, the file is not a SQLite database, or the
    /// schema is newer than this build ([`Error::Schema`]).
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // Two processes opening a new database at once (the app and the timer on a first
        // run) must not both create the schema: the pragmas and the migrations run under an
        // exclusive lock on a file beside the database, held only while opening.
        let lock = MigrationLock::acquire(path)?;
        let mut conn = Connection::open(path)?;
        configure(&mut conn)?;
        migrate(&mut conn, &migration_steps())?;
        drop(lock);
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            actor: crate::services::os_user(),
        })
    }

    /// An in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&mut conn)?;
        migrate(&mut conn, &migration_steps())?;
        Ok(Store {
            conn,
            path: None,
            actor: crate::services::os_user(),
        })
    }

    /// Who the changes written through this store are recorded as made by (`history.actor`):
    /// the operating-system user by default.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Records every later change written through this store as made by `name` (a person,
    /// e.g. the CLI's `--by`, or the product itself, e.g. [`history::REMINDER_TIMER`]);
    /// a blank name keeps the current one. Returns the store, for chaining.
    pub fn set_actor(&mut self, name: &str) -> &mut Store {
        let name = name.trim();
        if !name.is_empty() {
            self.actor = name.to_string();
        }
        self
    }

    /// The underlying connection (read access for modules such as reminders).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The underlying connection, mutable (for transactions in other modules).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The database file, if not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Stores one imported document in its own transaction: creates the agreement, updates
    /// a known one (same title) recording every changed field in the history, or does
    /// nothing when this exact document (same SHA-256) is already stored.
    ///
    /// On error nothing of the document is stored and nothing stored before changes.
    pub fn import(&mut self, doc: &ImportOutcome) -> Result<Imported> {
        let tx = self.conn.transaction()?;
        let r = import_in(&tx, doc, &self.actor)?;
        tx.commit()?;
        Ok(r)
    }

    /// Stores many documents in one transaction, each inside its own savepoint: a document
    /// that fails leaves nothing behind and does not stop the others. Results are in input
    /// order.
    ///
    /// The transaction takes the write lock when it begins and waits up to [`BUSY_TIMEOUT`]
    /// for another writer; if the database is still busy, the whole batch (nothing of which
    /// was stored) is tried again, up to [`WRITE_ATTEMPTS`] times. Errors: SQLite (after the
    /// last attempt, `database is locked`: then nothing of the batch is stored).
    pub fn import_batch(&mut self, docs: &[ImportOutcome]) -> Result<Vec<Result<Imported>>> {
        retry_when_busy(|| self.import_batch_once(docs))
    }

    fn import_batch_once(&mut self, docs: &[ImportOutcome]) -> Result<Vec<Result<Imported>>> {
        let mut tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            let sp = tx.savepoint()?;
            match import_in(&sp, doc, &self.actor) {
                Ok(r) => {
                    sp.commit()?;
                    out.push(Ok(r));
                }
                Err(e) => {
                    drop(sp); // rolls back the savepoint
                    out.push(Err(e));
                }
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// The agreement with `id`, its sources' texts read from its stored document.
    /// Errors: [`Error::NotFound`].
    pub fn get(&self, id: i64) -> Result<StoredAgreement> {
        self.conn
            .query_row(
                &format!("{SELECT_STORED} WHERE a.id = ?1"),
                [id],
                row_to_stored,
            )
            .optional()?
            .ok_or(Error::NotFound(id))?
    }

    /// Every agreement, by id, with its sources' texts (as [`Store::get`]).
    pub fn list(&self) -> Result<Vec<StoredAgreement>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_STORED} ORDER BY a.id"))?;
        let rows = stmt.query_map([], row_to_stored)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// Calls `f` with every agreement, by id, in the lighter form that computed views use
    /// ([`ListedAgreement`]), read from the compact copy in `agreement_engine`
    /// ([`engine_json_with`], migrations 0003 and 0010): no verbatim document structure, none
    /// of the [`VIEW_STRIPPED_FIELDS`], sources as spans without the quotes their document
    /// gives back.
    /// Only one agreement is held at a time, so the dashboard of 10,000 agreements needs
    /// neither the time to parse their documents nor the memory to hold them all.
    ///
    /// Errors: SQLite errors, stored JSON that cannot be read ([`Error::Json`]), or the
    /// first error `f` returns (which stops the walk).
    pub fn for_each_listed(&self, mut f: impl FnMut(ListedAgreement) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT agreement_id, currency, engine FROM agreement_engine ORDER BY agreement_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let data: String = row.get(2)?;
            f(ListedAgreement {
                id: row.get(0)?,
                currency: row.get(1)?,
                agreement: serde_json::from_str(&data)?,
            })?;
        }
        Ok(())
    }

    /// Calls `f` with the compact copies of every agreement, by id, in blocks of at most
    /// `block` rows (at least 1), not yet parsed: for computed views that parse and assess
    /// the blocks on several threads ([`RawListed::parse`] gives the [`ListedAgreement`] of
    /// [`Store::for_each_listed`]). One block is held at a time by this reader.
    ///
    /// Errors: SQLite errors, or the first error `f` returns (which stops the walk).
    pub fn for_each_listed_block(
        &self,
        block: usize,
        mut f: impl FnMut(Vec<RawListed>) -> Result<()>,
    ) -> Result<()> {
        let block = block.max(1);
        let mut stmt = self.conn.prepare_cached(
            "SELECT agreement_id, currency, engine FROM agreement_engine ORDER BY agreement_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut part = Vec::with_capacity(block);
        while let Some(row) = rows.next()? {
            part.push(RawListed {
                id: row.get(0)?,
                currency: row.get(1)?,
                engine: row.get(2)?,
            });
            if part.len() == block {
                f(std::mem::replace(&mut part, Vec::with_capacity(block)))?;
            }
        }
        if !part.is_empty() {
            f(part)?;
        }
        Ok(())
    }

    /// Every agreement in the form of [`Store::for_each_listed`], by id.
    ///
    /// Errors: as [`Store::for_each_listed`].
    pub fn list_listed(&self) -> Result<Vec<ListedAgreement>> {
        let mut out = Vec::new();
        self.for_each_listed(|l| {
            out.push(l);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `f` with every agreement, by id, in the compact form of
    /// [`Store::for_each_listed`] but with its sources complete: each source's span as
    /// stored in the compact copy ([`engine_json_with`], migration 0010) and its text read
    /// back from the agreement's current document, so that workings quote their clauses
    /// exactly as with [`Store::get`] (issue 14 item 1: `renewals list`, `deadlines` and
    /// `export-ics` stream from here). Reads the compact copy and the document's text only,
    /// not the full `data`; one agreement is held at a time.
    ///
    /// Errors: as [`Store::for_each_listed`].
    pub fn for_each_quoted(&self, mut f: impl FnMut(ListedAgreement) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.agreement_id, e.currency, e.engine, d.source_text, d.packed
             FROM agreement_engine e
             JOIN agreements a ON a.id = e.agreement_id
             LEFT JOIN documents d ON d.sha256 = a.sha256 AND d.agreement_id = a.id
             ORDER BY e.agreement_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let engine: String = row.get(2)?;
            let document: Option<String> = match row.get::<_, Option<String>>(3)? {
                Some(text) => Some(compact::document_text(text, row.get(4)?)?),
                None => None,
            };
            let mut agreement: Agreement = serde_json::from_str(&engine)?;
            spans::resolve_source_texts(&mut agreement, document.as_deref());
            f(ListedAgreement {
                id: row.get(0)?,
                currency: row.get(1)?,
                agreement,
            })?;
        }
        Ok(())
    }

    /// Calls `f` with every agreement, by id, in full (as [`Store::get`] reads it), one at
    /// a time: for what needs every field, such as `renewals brief --all`, without holding
    /// all of them ([`Store::list`]).
    ///
    /// Errors: SQLite errors, stored JSON that cannot be read, or the first error `f`
    /// returns (which stops the walk).
    pub fn for_each_stored(&self, mut f: impl FnMut(StoredAgreement) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_STORED} ORDER BY a.id"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(row_to_stored(row)??)?;
        }
        Ok(())
    }

    /// The people directory's spelling of `name` (matched case-insensitively, ASCII, after
    /// trimming), or `None` when nobody of that name is in the directory (migration 0007).
    /// Used to link a contract owner or watcher to the directory whether or not the `mail`
    /// feature (which manages the directory) is built.
    ///
    /// Errors: SQLite errors.
    pub fn directory_name(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name FROM people WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Number of agreements.
    pub fn count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM agreements", [], |r| r.get(0))?)
    }

    /// Replaces agreement `id` with `updated`, appending one history entry per changed field
    /// under `action` (e.g. `"edit"`, `"record_notice"`), made by [`Store::actor`]. Returns
    /// the changes (empty when nothing changed). Errors: [`Error::NotFound`].
    pub fn update(&mut self, id: i64, updated: &Agreement, action: &str) -> Result<Vec<Change>> {
        let tx = self.conn.transaction()?;
        let changes = update_in(&tx, id, updated, action, None, &self.actor)?;
        tx.commit()?;
        Ok(changes)
    }

    /// The history of agreement `id`, oldest first, each row in people's words
    /// ([`HistoryEntry::words`]: list rows named as the agreement is now).
    /// Errors: SQLite; stored JSON that cannot be read.
    pub fn history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        let agreement = match self.get(id) {
            Ok(s) => Some(s.agreement),
            Err(Error::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        history::read(&self.conn, id, agreement.as_ref())
    }

    /// [`Store::history`] when the agreement is already read (no second read of it).
    /// Errors: SQLite.
    pub fn history_of(&self, stored: &StoredAgreement) -> Result<Vec<HistoryEntry>> {
        history::read(&self.conn, stored.id, Some(&stored.agreement))
    }

    /// The current source document of agreement `id`: `(file name, sha256, text)`.
    pub fn source_document(&self, id: i64) -> Result<(String, String, String)> {
        let (name, sha, text, packed): (String, String, String, Option<Vec<u8>>) = self
            .conn
            .query_row(
                "SELECT d.file_name, d.sha256, d.source_text, d.packed FROM documents d
                 JOIN agreements a ON a.id = d.agreement_id AND a.sha256 = d.sha256
                 WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or(Error::NotFound(id))?;
        Ok((name, sha, compact::document_text(text, packed)?))
    }

    /// Copies the whole database to `dest` with SQLite's online backup (safe while the app
    /// and the CLI use the file). Errors name the destination.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        if dest.exists() {
            return Err(Error::Invalid {
                field: "backup file".to_string(),
                message: format!("{} already exists; choose a new file name", dest.display()),
            });
        }
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None)
            .map_err(Error::from)
    }

    /// Reads a setting (stored as JSON text).
    pub fn setting<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match v {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    }

    /// Writes a setting (as JSON text).
    pub fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, serde_json::to_string(value)?],
        )?;
        Ok(())
    }
}

/// An agreement row with the text of its current document (for its sources' spans).
const SELECT_STORED: &str =
    "SELECT a.id, a.data, a.sha256, a.created_at, a.updated_at, d.source_text, a.packed, d.packed
     FROM agreements a
     LEFT JOIN documents d ON d.agreement_id = a.id AND d.sha256 = a.sha256";

fn row_to_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredAgreement>> {
    let id: i64 = r.get(0)?;
    let data: String = r.get(1)?;
    let text: Option<String> = r.get(5)?;
    let packed: Option<Vec<u8>> = r.get(6)?;
    let document_packed: Option<Vec<u8>> = r.get(7)?;
    let read = || -> Result<Agreement> {
        let json = compact::agreement_json(id, data, packed)?;
        let document = match text {
            Some(t) => Some(compact::document_text(t, document_packed)?),
            None => None,
        };
        compact::read_agreement(&json, document.as_deref())
    };
    let agreement = match read() {
        Ok(a) => a,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(StoredAgreement {
        id,
        agreement,
        sha256: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    }))
}

/// Inserts a document version (packed, [`compact::pack`]) unless that version of agreement
/// `id` (same SHA-256) is stored already.
fn insert_document(tx: &Connection, id: i64, doc: &ImportOutcome, at: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO documents(agreement_id, file_name, sha256, source_text, imported_at, packed)
         VALUES (?1, ?2, ?3, '', ?4, ?5)",
        params![id, doc.file_name, doc.sha256, at, compact::pack(&doc.source_text)],
    )?;
    if !doc.page_starts.is_empty() {
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![
                page_starts_key(&doc.sha256),
                serde_json::to_string(&doc.page_starts)?
            ],
        )?;
    }
    Ok(())
}

/// The settings key under which the first line of each page of the document whose SHA-256
/// is `sha256` is kept (a JSON array of 1-based line numbers, [`ImportOutcome::page_starts`]).
pub fn page_starts_key(sha256: &str) -> String {
    format!("document.pages.{sha256}")
}

fn import_in(tx: &Connection, doc: &ImportOutcome, actor: &str) -> Result<Imported> {
    let a = &doc.agreement;
    let key = agreement_key(&a.title);
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, sha256 FROM agreements WHERE key = ?1",
            [&key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let at = now();
    match existing {
        Some((id, sha)) if sha == doc.sha256 => Ok(Imported {
            id,
            title: a.title.clone(),
            action: ImportAction::Unchanged,
            warnings: a.warnings.len(),
            changes: 0,
        }),
        Some((id, _)) => {
            let old = load(tx, id)?;
            // What users recorded and chose survives a new version of the document.
            let mut new = a.clone();
            // Compared with the stored version field by field, quotes included.
            new.fill_source_texts(&crate::domain::model::DocumentLines::new(&doc.source_text));
            new.recorded = old.recorded.clone();
            new.business_day_adjustment = old.business_day_adjustment;
            if old
                .country
                .as_ref()
                .is_some_and(|c| c.source.line.is_none())
            {
                new.country = old.country.clone();
            }
            insert_document(tx, id, doc, &at)?;
            let changes = update_in(
                tx,
                id,
                &new,
                "reimport",
                Some((&doc.sha256, &doc.source_text)),
                actor,
            )?;
            Ok(Imported {
                id,
                title: a.title.clone(),
                action: ImportAction::Updated,
                warnings: a.warnings.len(),
                changes: changes.len(),
            })
        }
        None => {
            let packed = compact::stored_form(a, Some(&doc.source_text))?;
            tx.execute(
                "INSERT INTO agreements(key, title, counterparty, contract_owner, currency, data, sha256, created_at, updated_at, packed)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?7, ?8)",
                params![
                    key,
                    a.title,
                    a.counterparty,
                    a.contract_owner.as_ref().map(|o| &o.value),
                    a.main_currency(),
                    doc.sha256,
                    at,
                    packed
                ],
            )?;
            let id = tx.last_insert_rowid();
            write_engine(tx, id, a, Some(&doc.source_text))?;
            insert_document(tx, id, doc, &at)?;
            history::append(
                tx,
                id,
                (&at, actor),
                "import",
                &[Change {
                    field: "document".to_string(),
                    old_value: None,
                    new_value: Some(format!("{} (sha256 {})", doc.file_name, doc.sha256)),
                }],
            )?;
            Ok(Imported {
                id,
                title: a.title.clone(),
                action: ImportAction::Created,
                warnings: a.warnings.len(),
                changes: 0,
            })
        }
    }
}

/// Writes the compact copy of agreement `id` (same transaction as the agreement itself).
fn write_engine(tx: &Connection, id: i64, a: &Agreement, document: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO agreement_engine(agreement_id, currency, engine) VALUES (?1, ?2, ?3)
         ON CONFLICT(agreement_id) DO UPDATE SET currency = excluded.currency, engine = excluded.engine",
        params![id, a.main_currency(), engine_json_with(a, document)?],
    )?;
    Ok(())
}

/// The text of agreement `id`'s current document, if stored.
fn current_document(tx: &Connection, id: i64) -> Result<Option<String>> {
    let row: Option<(String, Option<Vec<u8>>)> = tx
        .query_row(
            "SELECT d.source_text, d.packed FROM agreements a
             JOIN documents d ON d.agreement_id = a.id AND d.sha256 = a.sha256
             WHERE a.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(text, packed)| compact::document_text(text, packed))
        .transpose()
}

/// Agreement `id` as stored, its sources' texts read from its current document.
fn load(tx: &Connection, id: i64) -> Result<Agreement> {
    let row: Option<(String, Option<Vec<u8>>)> = tx
        .query_row(
            "SELECT data, packed FROM agreements WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (data, packed) = row.ok_or(Error::NotFound(id))?;
    let json = compact::agreement_json(id, data, packed)?;
    compact::read_agreement(&json, current_document(tx, id)?.as_deref())
}

/// Replaces agreement `id` with `updated`; `new_document` is `(sha256, text)` of the
/// document it was re-imported from (it becomes the current one), `None` for an edit.
fn update_in(
    tx: &Connection,
    id: i64,
    updated: &Agreement,
    action: &str,
    new_document: Option<(&str, &str)>,
    actor: &str,
) -> Result<Vec<Change>> {
    let new_sha = new_document.map(|(sha, _)| sha);
    let old = load(tx, id)?;
    let mut changes = diff_agreements(&old, updated)?;
    if let Some(sha) = new_sha {
        let old_sha: String =
            tx.query_row("SELECT sha256 FROM agreements WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        changes.insert(
            0,
            Change {
                field: "document.sha256".to_string(),
                old_value: Some(old_sha),
                new_value: Some(sha.to_string()),
            },
        );
    }
    if changes.is_empty() {
        return Ok(changes);
    }
    let at = now();
    let key = agreement_key(&updated.title);
    let document = match new_document {
        Some((_, text)) => Some(text.to_string()),
        None => current_document(tx, id)?,
    };
    let packed = compact::stored_form(updated, document.as_deref())?;
    tx.execute(
        "UPDATE agreements SET key = ?2, title = ?3, counterparty = ?4, contract_owner = ?5, currency = ?6,
                data = '', packed = ?7, sha256 = COALESCE(?8, sha256), updated_at = ?9 WHERE id = ?1",
        params![
            id,
            key,
            updated.title,
            updated.counterparty,
            updated.contract_owner.as_ref().map(|o| &o.value),
            updated.main_currency(),
            packed,
            new_sha,
            at
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::Invalid {
                field: "title".to_string(),
                message: format!("another agreement is already titled \"{}\"", updated.title),
            }
        }
        other => Error::from(other),
    })?;
    write_engine(tx, id, updated, document.as_deref())?;
    history::append(tx, id, (&at, actor), action, &changes)?;
    Ok(changes)
}
