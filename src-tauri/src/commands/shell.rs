//! The shell's own commands: app info, the file dialogs, the system viewer, start at
//! login, reminders, the first-paint signal and quit.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::{AppHandle, Manager, State};
use tauri_plugin_autostart::ManagerExt as _;
use tauri_plugin_dialog::{DialogExt as _, FilePath};
use tauri_plugin_opener::OpenerExt as _;

use crate::error::{AppError, AppResult};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::{AppInfo, AppState, Grant};
use crate::window::MAIN_WINDOW;

/// Version, database path, the real today and the as-of date (what-if included).
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo::from_state(&state)
}

/// Whether the app starts at login.
///
/// # Errors
/// [`AppError::Autostart`] if the autostart entry cannot be read.
#[tauri::command]
pub fn get_autostart(app: AppHandle) -> AppResult<bool> {
    Ok(app.autolaunch().is_enabled()?)
}

/// Turns start-at-login on or off; returns the new setting.
///
/// # Errors
/// [`AppError::Autostart`] if the autostart entry cannot be written.
#[tauri::command]
pub fn set_autostart(app: AppHandle, enabled: bool) -> AppResult<bool> {
    let manager = app.autolaunch();
    if enabled {
        manager.enable()?;
    } else {
        manager.disable()?;
    }
    Ok(manager.is_enabled()?)
}

fn into_path(file: FilePath) -> AppResult<PathBuf> {
    file.into_path()
        .map_err(|e| AppError::Internal(format!("dialog returned an unusable path: {e}")))
}

/// Opens a file dialog for documents to import. Returns the chosen paths (empty if
/// the user cancelled) and grants them for reading.
///
/// # Errors
/// [`AppError::Internal`] if the dialog thread fails.
#[tauri::command]
pub async fn pick_import_files(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Vec<String>> {
    let dialog_app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = dialog_app
            .dialog()
            .file()
            .set_title("Import agreements")
            .add_filter("Agreements", crate::window::DOCUMENT_EXTENSIONS);
        if let Some(window) = dialog_app.get_webview_window(MAIN_WINDOW) {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_pick_files()
    })
    .await?;
    let mut out = Vec::new();
    for file in picked.unwrap_or_default() {
        let path = into_path(file)?;
        state.granted.grant(&path, Grant::Read);
        out.push(path.display().to_string());
    }
    Ok(out)
}

/// Opens a file dialog for a register spreadsheet (`.csv`, `.xlsx`, `.ods`). Returns the
/// chosen path (`None` if the user cancelled) and grants it for reading.
///
/// # Errors
/// [`AppError::Internal`] if the dialog thread fails.
#[tauri::command]
pub async fn pick_register_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    let dialog_app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = dialog_app
            .dialog()
            .file()
            .set_title("Import a register")
            .add_filter("Registers", &["xlsx", "ods", "csv", "xls", "tsv"]);
        if let Some(window) = dialog_app.get_webview_window(MAIN_WINDOW) {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_pick_file()
    })
    .await?;
    let Some(file) = picked else { return Ok(None) };
    let path = into_path(file)?;
    state.granted.grant(&path, Grant::Read);
    Ok(Some(path.display().to_string()))
}

/// A file-type filter for a suggested file name, from its extension.
fn save_filter(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(("PDF document", &["pdf"])),
        "ics" => Some(("Calendar", &["ics"])),
        "db" | "sqlite" => Some(("Backup", &["db", "sqlite"])),
        "csv" => Some(("CSV register", &["csv"])),
        "xlsx" => Some(("Excel register", &["xlsx"])),
        _ => None,
    }
}

/// Opens a save dialog suggesting `suggested_name` (a bare file name such as
/// `renewal-brief.pdf`). Returns the chosen path, or `None` if the user cancelled,
/// and grants it for writing (and later opening).
///
/// # Errors
/// `invalid` (located at `suggested_name`) if it is empty or contains a path separator.
#[tauri::command]
pub async fn pick_save_path(
    app: AppHandle,
    state: State<'_, AppState>,
    suggested_name: String,
) -> AppResult<Option<String>> {
    if suggested_name.trim().is_empty()
        || suggested_name.contains(['/', '\\'])
        || suggested_name == ".."
    {
        return Err(AppError::invalid(
            "suggested_name",
            format!("{suggested_name:?} is not a bare file name"),
        ));
    }
    let dialog_app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = dialog_app
            .dialog()
            .file()
            .set_title("Save as")
            .set_file_name(&suggested_name);
        if let Some((label, exts)) = save_filter(&suggested_name) {
            dialog = dialog.add_filter(label, exts);
        }
        if let Some(window) = dialog_app.get_webview_window(MAIN_WINDOW) {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_save_file()
    })
    .await?;
    let Some(file) = picked else { return Ok(None) };
    let path = into_path(file)?;
    state.granted.grant(&path, Grant::Write);
    Ok(Some(path.display().to_string()))
}

/// Opens a file the user saved through [`pick_save_path`] (for example a brief) in
/// the system's viewer.
///
/// # Errors
/// [`AppError::NotPermitted`] for a path no save dialog answered;
/// [`AppError::NotFound`] if the file does not exist; [`AppError::Opener`] if no
/// viewer could be started.
#[tauri::command]
pub async fn open_in_viewer(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<()> {
    let p = PathBuf::from(&path);
    state.granted.check(&p, Grant::Write)?;
    if !p.is_file() {
        return Err(AppError::NotFound(path));
    }
    app.opener().open_path(path, None::<&str>)?;
    Ok(())
}

/// Runs the reminder policy now and returns what it did.
///
/// # Errors
/// See [`crate::reminders::run`].
#[tauri::command]
pub async fn run_reminders_now(app: AppHandle) -> AppResult<ReminderRunSummary> {
    tauri::async_runtime::spawn_blocking(move || crate::reminders::run(&app, RunReason::Manual))
        .await?
}

/// The last reminder run, if any has finished since the app started.
///
/// # Errors
/// [`AppError::Internal`] if the state lock is poisoned.
#[tauri::command]
pub fn last_reminder_run(state: State<'_, AppState>) -> AppResult<Option<ReminderRunSummary>> {
    state
        .last_run
        .lock()
        .map(|g| g.clone())
        .map_err(|_| AppError::Internal("state lock poisoned".into()))
}

/// Page-side timings sent with `ui_ready`, in milliseconds since the page's
/// navigation started (`performance.now()`).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PaintTimings {
    /// When the UI bundle started running.
    pub script_ms: f64,
    /// When the first screen's data had arrived (the dashboard), if it has data.
    pub data_ms: Option<f64>,
    /// When the render showing that data had been committed to the DOM.
    pub render_ms: Option<f64>,
    /// When the first screen had painted.
    pub paint_ms: f64,
}

/// Called by the UI once the dashboard has drawn its data (two animation frames after
/// that render). Logs the time since `main` started, lets the scheduler start its first
/// reminder run and, when `RENEWAL_DESK_BENCH_MARKER` is set, appends the wall-clock time
/// in nanoseconds since the Unix epoch to that file (read by `scripts/bench-app.sh`).
///
/// # Errors
/// [`AppError::Io`] if the marker file cannot be written.
#[tauri::command]
pub fn ui_ready(state: State<'_, AppState>, timings: PaintTimings) -> AppResult<()> {
    let now_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    tracing::info!(
        ms_since_start = state.started.elapsed().as_millis() as u64,
        page_script_ms = timings.script_ms,
        page_data_ms = timings.data_ms.unwrap_or(-1.0),
        page_render_ms = timings.render_ms.unwrap_or(-1.0),
        page_paint_ms = timings.paint_ms,
        "first paint"
    );
    if let Ok(slot) = state.scheduler.lock() {
        if let Some(scheduler) = slot.as_ref() {
            scheduler.ready();
        }
    }
    if let Some(marker) = &state.config.bench_marker {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(marker)?;
        writeln!(f, "{now_ns}")?;
    }
    Ok(())
}

/// Quits the app (the window's close button only hides it to the tray).
#[tauri::command]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_filters_follow_the_extension() {
        assert_eq!(save_filter("brief.PDF").map(|f| f.1), Some(&["pdf"][..]));
        assert_eq!(save_filter("deadlines.ics").map(|f| f.0), Some("Calendar"));
        assert_eq!(save_filter("notes"), None);
    }
}
