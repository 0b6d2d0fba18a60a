//! Files the user chose: documents to import (from the open dialog or dropped on the
//! window), and the destinations of a calendar export or a backup (from the save dialog).
//! Every path must have been granted by one of those ([`crate::state::GrantedPaths`]);
//! the page cannot name any other file.

use std::path::PathBuf;

use renewal_core::adapters::import::register::export::ExportFormat;
use renewal_core::services::portfolio::{
    self, CalendarExport, ImportDefaults, ImportProgress, ImportReport,
};
use renewal_core::services::register::{
    self as register, Mapping, RegisterExport, RegisterPreview, RegisterReport,
};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};

use super::{after_change, blocking};
use crate::error::AppResult;
use crate::state::Grant;

/// Imports the documents at `paths` (each chosen in the open dialog or dropped on the
/// window), reporting progress on `on_progress`; returns one result per file. Nothing of a
/// document that fails is stored.
///
/// # Errors
/// `not_permitted` for a path no dialog or drop granted (then nothing is imported);
/// `database` if the batch transaction fails.
#[tauri::command]
pub async fn import_files(
    app: AppHandle,
    paths: Vec<String>,
    on_progress: Channel<ImportProgress>,
) -> AppResult<ImportReport> {
    blocking(app, move |app, s| {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        for p in &paths {
            s.granted.check(p, Grant::Read)?;
        }
        let mut store = s.store()?;
        let defaults = ImportDefaults::from_store(&store)?;
        let report = portfolio::import_paths(&mut store, &paths, &defaults, |p| {
            if let Err(e) = on_progress.send(p) {
                tracing::debug!("import progress not delivered: {e}");
            }
        })?;
        after_change(app, s);
        Ok(report)
    })
    .await
}

/// Loads the sample agreements shipped with the app (first run).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn load_samples(app: AppHandle) -> AppResult<ImportReport> {
    blocking(app, |app, s| {
        let mut store = s.store()?;
        let defaults = ImportDefaults::from_store(&store)?;
        let report = portfolio::import_samples(&mut store, &defaults)?;
        after_change(app, s);
        Ok(report)
    })
    .await
}

/// Writes every dated event (as of the as-of date) to `path`, chosen in the save dialog,
/// as an iCalendar file with the reminder ladder as alarms.
///
/// # Errors
/// `not_permitted` for a path no save dialog answered; `io`; `database`.
#[tauri::command]
pub async fn export_calendar(app: AppHandle, path: String) -> AppResult<CalendarExport> {
    blocking(app, move |_, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Write)?;
        Ok(portfolio::export_calendar(
            &*s.store()?,
            s.view_as_of(),
            &path,
        )?)
    })
    .await
}

/// Backs the database up to `path`, chosen in the save dialog (SQLite online backup).
///
/// # Errors
/// `not_permitted` for a path no save dialog answered; `io`; `database`.
#[tauri::command]
pub async fn backup_database(app: AppHandle, path: String) -> AppResult<()> {
    blocking(app, move |_, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Write)?;
        Ok(portfolio::backup_replacing(&*s.store()?, &path)?)
    })
    .await
}

/// A renewal brief written by [`generate_brief`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct GeneratedBrief {
    /// Where it was written (the app's cache folder); may be opened in the viewer.
    pub path: String,
    /// The suggested file name, e.g. `microsoft-peru-partnership-agreement.pdf`.
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u32,
}

/// Generates the renewal brief of agreement `id` as of the as-of date, on the paper size
/// of the settings, into the app's cache folder (`briefs/`), and grants that file for
/// opening in the system viewer.
///
/// # Errors
/// `not_found`; `brief` if the PDF cannot be produced; `io` if it cannot be written.
#[tauri::command]
pub async fn generate_brief(app: AppHandle, id: i64) -> AppResult<GeneratedBrief> {
    blocking(app, move |app, s| {
        let (pdf, file_name) = portfolio::brief(&*s.store()?, id, s.view_as_of())?;
        let dir = app.path().app_cache_dir()?.join("briefs");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(&file_name);
        portfolio::write_replacing(&path, &pdf)?;
        s.granted.grant(&path, Grant::Write);
        Ok(GeneratedBrief {
            path: path.display().to_string(),
            file_name,
            bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
        })
    })
    .await
}

/// Writes the renewal brief of agreement `id` (as [`generate_brief`]) to `path`, chosen
/// in the save dialog.
///
/// # Errors
/// `not_permitted` for a path no save dialog answered; `not_found`; `brief`; `io`.
#[tauri::command]
pub async fn save_brief(app: AppHandle, id: i64, path: String) -> AppResult<()> {
    blocking(app, move |_, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Write)?;
        let (pdf, _) = portfolio::brief(&*s.store()?, id, s.view_as_of())?;
        portfolio::write_replacing(&path, &pdf)?;
        Ok(())
    })
    .await
}

/// The first rows of the register (`.csv`, `.xlsx`, `.ods`) at `path`, chosen in the open
/// dialog, and the mapping an import would use: each column's header and meaning
/// (detected from the header, or remembered from the last import of a register with the
/// same headers). Nothing is stored.
///
/// # Errors
/// `not_permitted` for a path no dialog granted; `import` for a file that cannot be read or
/// has no header row; `database`.
#[tauri::command]
pub async fn preview_register(app: AppHandle, path: String) -> AppResult<RegisterPreview> {
    blocking(app, move |_, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Read)?;
        Ok(register::preview_register(&*s.store()?, &path)?)
    })
    .await
}

/// Imports the register at `path` with `mapping` (one meaning, or `null` to ignore the
/// column, per column in order: the mapping step's choices, remembered for the next
/// import); returns one result per row (imported, updated with the changed fields,
/// unchanged, or refused naming the row and column). docs/register.md.
///
/// # Errors
/// `not_permitted` for a path no dialog granted; `import` for a file that cannot be read,
/// has no header row or no title column; `database`.
#[tauri::command]
pub async fn import_register(
    app: AppHandle,
    path: String,
    mapping: Mapping,
) -> AppResult<RegisterReport> {
    blocking(app, move |app, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Read)?;
        let mut store = s.store()?;
        let report = register::import_register(
            &mut store,
            &path,
            Some(&mapping),
            None,
            renewal_core::services::real_today(),
        )?;
        drop(store);
        after_change(app, s);
        Ok(report)
    })
    .await
}

/// Writes every agreement to `path`, chosen in the save dialog, as a register in `format`
/// (one row each, with its status and next deadline as of the as-of date).
///
/// # Errors
/// `not_permitted` for a path no save dialog answered; `io`; `database`.
#[tauri::command]
pub async fn export_register(
    app: AppHandle,
    path: String,
    format: ExportFormat,
) -> AppResult<RegisterExport> {
    blocking(app, move |_, s| {
        let path = PathBuf::from(path);
        s.granted.check(&path, Grant::Write)?;
        Ok(register::export_register(
            &*s.store()?,
            s.view_as_of(),
            &path,
            format,
        )?)
    })
    .await
}
