//! What a front end does with a store, beyond single reads: import many documents with
//! progress and a per-file result, load the shipped samples, the app's settings (recorded
//! in `settings_history`), one agreement's page (detail, editable fields, history,
//! reminders), calendar export, backup and the renewal brief to a chosen file.
//!
//! The desktop app's commands are thin adapters over these functions; they need no window
//! and are tested in `tests/it/portfolio.rs`.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::services::portfolio::{import_samples, ImportDefaults};
//! use renewal_core::adapters::store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let report = import_samples(&mut store, &ImportDefaults::default())?;
//! assert_eq!(report.created, 3);
//! assert!(report.results.iter().all(|r| r.error.is_none()));
//! # Ok::<(), renewal_core::Error>(())
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::adapters::brief::Paper;
use crate::adapters::import::{
    import_file_spans, import_markdown, ImportError, ImportErrorKind, ImportOutcome,
};
use crate::adapters::remind::log::{self, LogEntry};
use crate::adapters::remind::DEFAULT_LADDER;
use crate::adapters::store::{now, Change, HistoryEntry, ImportAction, Imported, Store};
use crate::domain::model::Warning;
use crate::error::{Error, Result};
use crate::services::clauses::{
    apply_row_edit, editable_tables, ClauseTable, EditableTable, RowEdit,
};
use crate::services::edit::{apply_edit, editable_values, EditableField, EditableValue};
use crate::services::samples::SAMPLE_DOCUMENTS;
use crate::services::views::AgreementDetail;

/// Settings key: whether newly imported agreements move deadlines to the preceding business
/// day (rule 4). JSON `true`/`false`; absent means `true` (the rule's default).
pub const BUSINESS_DAY_DEFAULT_KEY: &str = "import.business_day_adjustment";

/// Settings key: the paper size of renewal briefs, JSON `"a4"` or `"letter"`; absent means A4.
pub const PAPER_KEY: &str = "brief.paper";

/// What applies to documents a batch import creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportDefaults {
    /// Rule 4 business-day adjustment for new agreements (a re-imported agreement keeps its
    /// own choice).
    pub business_day_adjustment: bool,
}

impl Default for ImportDefaults {
    fn default() -> Self {
        ImportDefaults {
            business_day_adjustment: true,
        }
    }
}

impl ImportDefaults {
    /// The defaults stored in `store`'s settings.
    ///
    /// Errors: SQLite, or a stored value that is not JSON.
    pub fn from_store(store: &Store) -> Result<Self> {
        Ok(ImportDefaults {
            business_day_adjustment: store
                .setting::<bool>(BUSINESS_DAY_DEFAULT_KEY)?
                .unwrap_or(true),
        })
    }
}

/// Where a batch import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    /// Reading and checking the documents, one by one.
    Reading,
    /// Storing them (a transaction per chunk of up to [`IMPORT_CHUNK`] documents, a
    /// savepoint per document).
    Storing,
    /// Done.
    Finished,
}

/// Progress of a batch import, reported after each document is read, before each chunk is
/// stored and when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProgress {
    /// The phase.
    pub phase: ImportPhase,
    /// Documents read so far (all of them once finished).
    pub done: usize,
    /// Documents in the batch.
    pub total: usize,
    /// The file just read (its name), empty outside [`ImportPhase::Reading`].
    pub file: String,
}

/// Why one document was not imported (see [`ImportError`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileError {
    /// Whether the file could not be read, its content was refused or it could not be
    /// stored (the CLI's exit code when nothing was imported). Not sent to the UI.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kind: ImportErrorKind,
    /// 1-based line, when the problem is on a line.
    pub line: Option<u32>,
    /// The field concerned, when there is one.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

/// What happened to one document of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileResult {
    /// The file name (no folder).
    pub file: String,
    /// The path as given (empty for the built-in samples).
    pub path: String,
    /// What was stored, when it was.
    pub imported: Option<Imported>,
    /// The importer's warnings (empty when it failed).
    pub warnings: Vec<Warning>,
    /// Why nothing of it was stored, when it failed.
    pub error: Option<FileError>,
}

impl FileResult {
    /// Why the document was not imported, as one line naming the file (its path as given,
    /// else its name), the line and the field when known:
    /// `contracts/a.md:12: Effective Date: "31 February 2024" does not exist`. `None` when it
    /// was imported.
    pub fn error_text(&self) -> Option<String> {
        let e = self.error.as_ref()?;
        let mut out = if self.path.is_empty() {
            self.file.clone()
        } else {
            self.path.clone()
        };
        if let Some(line) = e.line {
            out.push_str(&format!(":{line}"));
        }
        out.push_str(": ");
        if let Some(field) = &e.field {
            out.push_str(field);
            out.push_str(": ");
        }
        out.push_str(&e.message);
        Some(out)
    }
}

/// The result of a batch import, one entry per document in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// Per document, in input order.
    pub results: Vec<FileResult>,
    /// New agreements.
    pub created: usize,
    /// Known agreements updated by a new version of their document.
    pub updated: usize,
    /// Documents already stored (same SHA-256): nothing changed.
    pub unchanged: usize,
    /// Documents not imported (nothing of them stored).
    pub failed: usize,
}

fn file_error(e: &ImportError) -> FileError {
    FileError {
        kind: e.kind,
        line: e.line,
        field: e.field.clone(),
        message: e.message.clone(),
    }
}

/// A document read for a batch import: `(file name, path as given, read result)`.
pub type ReadDocument = (
    String,
    String,
    std::result::Result<ImportOutcome, ImportError>,
);

/// How many documents [`import_paths`] reads and stores per transaction (issue 14 item 4):
/// the memory of a batch import is that of one chunk, whatever the number of files.
pub const IMPORT_CHUNK: usize = 200;

/// Stores already-read documents with [`Store::import_batch`]: one transaction, a
/// savepoint per document, so a document that fails leaves nothing behind and does not
/// stop the others. New agreements get `defaults`. Calls `progress` when storing starts
/// and when it is finished.
///
/// Errors: only SQLite failures of the batch transaction itself (then nothing is stored);
/// a bad document is reported in its [`FileResult`].
pub fn store_documents(
    store: &mut Store,
    docs: Vec<ReadDocument>,
    defaults: &ImportDefaults,
    mut progress: impl FnMut(ImportProgress),
) -> Result<ImportReport> {
    let total = docs.len();
    progress(ImportProgress {
        phase: ImportPhase::Storing,
        done: total,
        total,
        file: String::new(),
    });
    let mut report = ImportReport::default();
    store_chunk(store, docs, defaults, &mut report)?;
    progress(ImportProgress {
        phase: ImportPhase::Finished,
        done: total,
        total,
        file: String::new(),
    });
    Ok(report)
}

/// Stores `docs` in one transaction ([`Store::import_batch`]) and appends their results,
/// in order, to `report`, counting them. Errors: as [`store_documents`].
fn store_chunk(
    store: &mut Store,
    docs: Vec<ReadDocument>,
    defaults: &ImportDefaults,
    report: &mut ImportReport,
) -> Result<()> {
    let mut results: Vec<FileResult> = Vec::with_capacity(docs.len());
    let mut outcomes = Vec::new();
    let mut slots = Vec::new();
    for (file, path, read) in docs {
        match read {
            Ok(mut outcome) => {
                outcome.agreement.business_day_adjustment = defaults.business_day_adjustment;
                slots.push(results.len());
                results.push(FileResult {
                    file,
                    path,
                    imported: None,
                    warnings: outcome.agreement.warnings.clone(),
                    error: None,
                });
                outcomes.push(outcome);
            }
            Err(e) => results.push(FileResult {
                file,
                path,
                imported: None,
                warnings: Vec::new(),
                error: Some(file_error(&e)),
            }),
        }
    }
    let stored = store.import_batch(&outcomes)?;
    drop(outcomes);
    for (slot, r) in slots.into_iter().zip(stored) {
        let Some(result) = results.get_mut(slot) else {
            continue;
        };
        match r {
            Ok(imported) => result.imported = Some(imported),
            Err(e) => {
                result.warnings.clear();
                result.error = Some(match e {
                    Error::Import(ie) => file_error(&ie),
                    Error::Invalid { field, message } => FileError {
                        kind: ImportErrorKind::Refused,
                        line: None,
                        field: Some(field),
                        message,
                    },
                    other => FileError {
                        kind: ImportErrorKind::Database,
                        line: None,
                        field: None,
                        message: other.to_string(),
                    },
                });
            }
        }
    }
    for r in &results {
        match (&r.imported, &r.error) {
            (Some(i), _) => match i.action {
                ImportAction::Created => report.created += 1,
                ImportAction::Updated => report.updated += 1,
                ImportAction::Unchanged => report.unchanged += 1,
            },
            (None, _) => report.failed += 1,
        }
    }
    report.results.extend(results);
    Ok(())
}

/// Reads every file in `paths` (size, binary and UTF-8 checks, then the importer),
/// reporting `progress` after each, and stores them in chunks of [`IMPORT_CHUNK`]
/// documents, each chunk in its own transaction ([`Store::import_batch`], a savepoint per
/// document) once it is read: nothing of a document that fails is stored; the others are.
/// Only one chunk of documents is held in memory at a time (issue 14 item 4: 50,000
/// documents in at most 300 MB). `progress` reports [`ImportPhase::Storing`] before each
/// chunk is stored (`done`: documents read so far) and [`ImportPhase::Finished`] at the
/// end. The documents are read with [`import_file_spans`]: their sources hold line spans,
/// not copies of the lines, until the store reads them back.
///
/// Errors: SQLite failures of a chunk's transaction. The chunks stored before it stay
/// stored (each is complete), and nothing of the failing chunk or of later files is.
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    defaults: &ImportDefaults,
    mut progress: impl FnMut(ImportProgress),
) -> Result<ImportReport> {
    let total = paths.len();
    let mut report = ImportReport::default();
    report.results.reserve(total);
    let mut done = 0;
    for chunk in paths.chunks(IMPORT_CHUNK) {
        let mut docs = Vec::with_capacity(chunk.len());
        for path in chunk {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let read = import_file_spans(path);
            done += 1;
            progress(ImportProgress {
                phase: ImportPhase::Reading,
                done,
                total,
                file: file.clone(),
            });
            docs.push((file, path.display().to_string(), read));
        }
        progress(ImportProgress {
            phase: ImportPhase::Storing,
            done,
            total,
            file: String::new(),
        });
        store_chunk(store, docs, defaults, &mut report)?;
    }
    progress(ImportProgress {
        phase: ImportPhase::Finished,
        done: total,
        total,
        file: String::new(),
    });
    Ok(report)
}

/// Imports the sample agreements shipped with Renewal Desk ([`SAMPLE_DOCUMENTS`]: fictional
/// agreements written for the project, in the same Markdown form as real ones). Importing
/// them again changes nothing (same SHA-256).
///
/// Errors: as [`store_documents`].
pub fn import_samples(store: &mut Store, defaults: &ImportDefaults) -> Result<ImportReport> {
    let docs = SAMPLE_DOCUMENTS
        .iter()
        .map(|(name, text)| {
            (
                (*name).to_string(),
                String::new(),
                import_markdown(name, text),
            )
        })
        .collect();
    store_documents(store, docs, defaults, |_| {})
}

/// The app's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskSettings {
    /// The global reminder ladder, days before each event, largest first.
    pub ladder: Vec<u32>,
    /// Whether that is the built-in default ladder ([`DEFAULT_LADDER`]).
    pub ladder_is_default: bool,
    /// Rule 4 business-day adjustment for newly imported agreements.
    pub business_day_adjustment: bool,
    /// How many agreements have the adjustment switched off.
    pub agreements_without_adjustment: usize,
    /// Paper size of renewal briefs.
    pub paper: Paper,
}

/// Reads the settings.
///
/// Errors: SQLite, or a stored value that is not the expected JSON.
pub fn settings(store: &Store) -> Result<DeskSettings> {
    let ladder = store.global_ladder()?;
    let without: i64 = store.conn().query_row(
        "SELECT COUNT(*) FROM agreement_engine WHERE json_extract(engine, '$.business_day_adjustment') = 0",
        [],
        |r| r.get(0),
    )?;
    Ok(DeskSettings {
        ladder_is_default: ladder.days() == DEFAULT_LADDER,
        ladder: ladder.days().to_vec(),
        business_day_adjustment: ImportDefaults::from_store(store)?.business_day_adjustment,
        agreements_without_adjustment: usize::try_from(without).unwrap_or(0),
        paper: paper(store)?,
    })
}

/// The paper size of renewal briefs in the settings ([`PAPER_KEY`]; A4 when unset).
///
/// Errors: SQLite, or a stored value that is not `"a4"` or `"letter"`.
pub fn paper(store: &Store) -> Result<Paper> {
    Ok(store.setting::<Paper>(PAPER_KEY)?.unwrap_or_default())
}

/// Writes setting `key` as JSON and records the change in `settings_history` (nothing
/// when the value is the same).
fn set_recorded<T: Serialize>(store: &mut Store, key: &str, value: &T) -> Result<()> {
    let new = serde_json::to_string(value)?;
    let tx = store.conn_mut().transaction()?;
    let old: Option<String> = tx
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    if old.as_deref() == Some(new.as_str()) {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, new],
    )?;
    tx.execute(
        "INSERT INTO settings_history(at, key, old_value, new_value) VALUES (?1, ?2, ?3, ?4)",
        params![now(), key, old, new],
    )?;
    tx.commit()?;
    Ok(())
}

/// Sets the paper size of renewal briefs (recorded in `settings_history`).
///
/// Errors: SQLite.
pub fn set_paper(store: &mut Store, paper: Paper) -> Result<()> {
    set_recorded(store, PAPER_KEY, &paper)
}

/// Sets rule 4's business-day adjustment for newly imported agreements (recorded in
/// `settings_history`); with `apply_to_existing`, also switches it for every agreement that
/// differs, each change recorded in that agreement's history (action `settings`). Returns
/// how many agreements changed.
///
/// Errors: SQLite, or stored JSON that cannot be read.
pub fn set_business_day_adjustment(
    store: &mut Store,
    on: bool,
    apply_to_existing: bool,
) -> Result<usize> {
    set_recorded(store, BUSINESS_DAY_DEFAULT_KEY, &on)?;
    if !apply_to_existing {
        return Ok(0);
    }
    // The ids to change from the compact form; then each agreement read in full and
    // updated, one at a time (issue 14 item 1: no list of every full agreement).
    let mut ids = Vec::new();
    store.for_each_listed(|l| {
        if l.agreement.business_day_adjustment != on {
            ids.push(l.id);
        }
        Ok(())
    })?;
    for &id in &ids {
        let mut a = store.get(id)?.agreement;
        a.business_day_adjustment = on;
        store.update(id, &a, "settings")?;
    }
    Ok(ids.len())
}

/// Everything one agreement's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementPage {
    /// Every field, status, terms and dated events with workings as of the page's as-of date.
    pub detail: AgreementDetail,
    /// The editable fields with their current values and sources.
    pub editable: Vec<EditableValue>,
    /// The clause tables, editable row by row, with their columns and sources.
    pub tables: Vec<EditableTable>,
    /// Every change, oldest first, each in people's words (`words`) with who made it.
    pub history: Vec<HistoryEntry>,
    /// Values inferred or assumed and values edited by hand (issue 16 item 5), as the
    /// brief's "Readings and assumptions" lists them.
    pub readings: crate::services::readings::Readings,
    /// The reminder log of this agreement (delivered, failed, superseded steps).
    pub reminders: Vec<LogEntry>,
    /// The file name of the current source document.
    pub file_name: String,
}

/// The page of agreement `id` as of `as_of`.
///
/// Errors: [`Error::NotFound`]; SQLite; stored JSON that cannot be read.
pub fn agreement_page(store: &Store, id: i64, as_of: NaiveDate) -> Result<AgreementPage> {
    let stored = store.get(id)?;
    let (file_name, _, _) = store.source_document(id)?;
    let history = store.history_of(&stored)?;
    Ok(AgreementPage {
        editable: editable_values(&stored.agreement),
        tables: editable_tables(&stored.agreement),
        detail: AgreementDetail::new(&stored, as_of),
        readings: crate::services::readings::readings(&stored.agreement, &history),
        history,
        reminders: log::entries(store.conn(), Some(id))?,
        file_name,
    })
}

/// Sets `field` of agreement `id` from `value` (text as typed, validated by
/// [`apply_edit`]; empty clears an optional field) and records the change in its history
/// under `edit`, made by the store's actor ([`Store::set_actor`]; the OS user by default). Returns the changes (empty when the value was already that).
///
/// Errors: [`Error::NotFound`]; [`Error::Invalid`] naming the field and what was expected
/// (nothing is changed); [`Error::Invalid`] for a title another agreement already has.
pub fn edit_field(
    store: &mut Store,
    id: i64,
    field: EditableField,
    value: &str,
) -> Result<Vec<Change>> {
    let before = store.get(id)?.agreement;
    let mut a = before.clone();
    apply_edit(&mut a, field, value)?;
    link_people(store, &mut a, field)?;
    warn_if_deadline_moves_later(
        &before,
        &mut a,
        (field.name(), field.label()),
        crate::services::real_today(),
    );
    store.update(id, &a, "edit")
}

/// Links the people an edit names to the people directory (issue 12 item 1): a contract
/// owner or watcher in the directory takes its spelling there ("ana torres" → "Ana
/// Torres"). A contract owner not in the directory is kept as typed and listed by
/// [`Store::owners_to_complete`] until someone adds them with an address; a watcher must
/// be in the directory (a watcher exists only to be emailed).
///
/// Errors: [`Error::Invalid`] naming `watchers` for a name not in the directory; SQLite.
fn link_people(
    store: &Store,
    a: &mut crate::domain::model::Agreement,
    field: EditableField,
) -> Result<()> {
    match field {
        EditableField::ContractOwner => {
            if let Some(owner) = a.contract_owner.as_mut() {
                if let Some(name) = store.directory_name(&owner.value)? {
                    owner.value = name;
                }
            }
        }
        EditableField::Watchers => {
            for w in a.recorded.watchers.iter_mut() {
                match store.directory_name(w)? {
                    Some(name) => *w = name,
                    None => {
                        return Err(Error::Invalid {
                            field: "watchers".into(),
                            message: format!(
                                "no person named {w:?} in the people directory: add them first (`renewals people add NAME --email ADDR`, or People in the app)"
                            ),
                        })
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Code of the warning [`warn_if_deadline_moves_later`] adds.
pub const EDIT_MOVES_DEADLINE_LATER: &str = "edit_moves_deadline_later";

/// Issue 16 item 5: a hand edit that moves the deadline of the decision at hand later
/// (a shorter notice period, a later effective date, a longer term) is a warning a person
/// must confirm, naming both dates: acting on the later date may be too late if the signed
/// contract says otherwise. Compared as of `as_of` (the real date: what the user would act
/// on now). `field` is the edited field's (or clause table's) name, `what` its label for
/// people. An edit that moves it earlier, or leaves it, adds nothing.
pub fn warn_if_deadline_moves_later(
    before: &crate::domain::model::Agreement,
    after: &mut crate::domain::model::Agreement,
    (field, what): (&str, &str),
    as_of: NaiveDate,
) {
    use crate::domain::dates::long_date;
    use crate::domain::rules::assess;
    let old = assess(before, as_of).decision(before);
    let new = assess(after, as_of).decision(after);
    if let (Some(was), Some(now)) = (old.act_by, new.act_by) {
        if now > was {
            after.warnings.push(Warning {
                code: EDIT_MOVES_DEADLINE_LATER.to_string(),
                field: field.to_string(),
                line: None,
                message: format!(
                    "edited by hand ({what}): the last day to act moves later, from {} to {}; confirm against the signed contract before relying on the later date",
                    long_date(was),
                    long_date(now)
                ),
            });
        }
    }
}

/// Adds, changes or removes a row of clause table `table` of agreement `id` (cells as
/// typed, validated by [`apply_row_edit`]) and records every changed cell in its history
/// under `edit`. Returns the changes.
///
/// Errors: [`Error::NotFound`]; [`Error::InvalidRow`] naming the table, row and column and
/// what was expected (nothing is changed).
pub fn edit_row(
    store: &mut Store,
    id: i64,
    table: ClauseTable,
    edit: &RowEdit,
) -> Result<Vec<Change>> {
    let before = store.get(id)?.agreement;
    let mut a = before.clone();
    apply_row_edit(&mut a, table, edit)?;
    warn_if_deadline_moves_later(
        &before,
        &mut a,
        (table.name(), table.label()),
        crate::services::real_today(),
    );
    store.update(id, &a, "edit")
}

/// Marks warning `index` (0-based, in the order of the agreement's warnings) of agreement
/// `id` as confirmed by a person: it is removed from the agreement and the history keeps
/// it, under `confirm`. Returns the changes.
///
/// Errors: [`Error::NotFound`]; [`Error::Invalid`] for an index with no warning.
pub fn confirm_warning(store: &mut Store, id: i64, index: u32) -> Result<Vec<Change>> {
    let mut a = store.get(id)?.agreement;
    let i = usize::try_from(index)
        .ok()
        .filter(|i| *i < a.warnings.len())
        .ok_or_else(|| Error::Invalid {
            field: format!("warnings.{index}"),
            message: format!(
                "no warning {} to confirm: the agreement has {}",
                u64::from(index) + 1,
                a.warnings.len()
            ),
        })?;
    a.warnings.remove(i);
    store.update(id, &a, "confirm")
}

/// Confirms the value of `field` (its snake_case name, e.g. `effective_date`) of agreement
/// `id` as read (issue 11 item 1, `renewals confirm ID FIELD`): every warning about that
/// field (a low-confidence reading, an ambiguous date, two readings that disagree) is
/// removed from the agreement and kept in its history under `confirm`, so the field no
/// longer makes the agreement provisional. Returns the changes.
///
/// Errors: [`Error::NotFound`]; [`Error::Invalid`] naming the field when nothing about it
/// is left to confirm (listing the fields that have something).
pub fn confirm_field(store: &mut Store, id: i64, field: &str) -> Result<Vec<Change>> {
    let mut a = store.get(id)?.agreement;
    let field = field.trim().replace('-', "_");
    let before = a.warnings.len();
    a.warnings.retain(|w| w.field != field);
    if a.warnings.len() == before {
        let mut open: Vec<&str> = a.warnings.iter().map(|w| w.field.as_str()).collect();
        open.sort_unstable();
        open.dedup();
        return Err(Error::Invalid {
            field,
            message: if open.is_empty() {
                "nothing is left to confirm in this agreement".to_string()
            } else {
                format!(
                    "nothing to confirm about this field; still to confirm: {}",
                    open.join(", ")
                )
            },
        });
    }
    store.update(id, &a, "confirm")
}

/// Writes `bytes` to `dest` through a temporary file in the same folder, renamed over
/// `dest` at the end: an existing file (the user confirmed replacing it in a save dialog)
/// is replaced whole or not at all.
///
/// Errors: [`Error::Io`] naming the file.
pub fn write_replacing(dest: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: dest.to_path_buf(),
        source,
    };
    let tmp = temp_beside(dest);
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// A temporary file name in `dest`'s folder, `.NAME.PID.tmp`, for writing a file that is
/// then renamed over `dest`.
pub(crate) fn temp_beside(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "renewal-desk".to_string());
    dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Backs the database up to `dest` with SQLite's online backup (safe while the app and the
/// CLI use the file), replacing an existing `dest` only once the copy is complete.
///
/// Errors: SQLite; [`Error::Io`] naming the file.
pub fn backup_replacing(store: &Store, dest: &Path) -> Result<()> {
    let tmp = temp_beside(dest);
    let _ = std::fs::remove_file(&tmp);
    store.backup(&tmp)?;
    std::fs::rename(&tmp, dest).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io {
            path: dest.to_path_buf(),
            source,
        }
    })
}

/// What a calendar export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarExport {
    /// Agreements exported.
    pub agreements: usize,
    /// Events (VEVENT) written.
    pub events: usize,
    /// Alarms (VALARM) written.
    pub alarms: usize,
}

/// Exports every agreement's dated events as of `as_of` to `dest` as iCalendar
/// ([`crate::adapters::ics::export_store`]), replacing an existing file whole.
///
/// Errors: SQLite; [`Error::Io`] naming the file.
pub fn export_calendar(store: &Store, as_of: NaiveDate, dest: &Path) -> Result<CalendarExport> {
    export_calendar_of_owner(store, as_of, None, dest)
}

/// [`export_calendar`] limited to the agreements whose contract owner contains `owner`
/// (case-insensitive; `None` exports every agreement): `renewals export-ics --owner`.
///
/// Errors: SQLite; [`Error::Io`] naming the file.
pub fn export_calendar_of_owner(
    store: &Store,
    as_of: NaiveDate,
    owner: Option<&str>,
    dest: &Path,
) -> Result<CalendarExport> {
    // Written as it is computed (issue 14 item 1) to a file beside `dest`, which then
    // replaces it whole.
    let io = |source| Error::Io {
        path: dest.to_path_buf(),
        source,
    };
    let tmp = temp_beside(dest);
    let written = std::fs::File::create(&tmp)
        .map_err(io)
        .and_then(|f| {
            let counts = crate::adapters::ics::write_store(store, as_of, owner, &f)?;
            f.sync_all().map_err(io)?;
            Ok(counts)
        })
        .and_then(|counts| std::fs::rename(&tmp, dest).map(|()| counts).map_err(io));
    let counts = match written {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(match e {
                Error::Io { source, .. } => io(source),
                other => other,
            });
        }
    };
    Ok(CalendarExport {
        agreements: counts.agreements,
        events: counts.events,
        alarms: counts.alarms,
    })
}

/// The renewal brief of agreement `id` as of `as_of`, on the paper size in the settings
/// ([`PAPER_KEY`]): the PDF's bytes and a file name for it
/// ([`crate::adapters::brief::brief_file_name`]).
///
/// Errors: [`Error::NotFound`]; SQLite; [`Error::Brief`] if the PDF cannot be produced.
pub fn brief(store: &Store, id: i64, as_of: NaiveDate) -> Result<(Vec<u8>, String)> {
    let stored = store.get(id)?;
    let paper = paper(store)?;
    let history = store.history_of(&stored)?;
    let pdf = crate::adapters::brief::render_brief(
        &stored,
        &history,
        as_of,
        &crate::adapters::brief::BriefOptions { paper },
    )?;
    Ok((
        pdf,
        crate::adapters::brief::brief_file_name(&stored.agreement.title),
    ))
}
