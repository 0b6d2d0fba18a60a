//! The IPC commands: thin adapters that take state, call the core (or the shell), and map
//! errors to [`AppError`], which crosses IPC as `{ code, message }`. Every command here
//! must also be listed in `command_names.rs` and granted in `capabilities/default.json`
//! (a test checks they agree).
//!
//! Commands that touch the database are `async` and do their work on a blocking thread
//! ([`blocking`]): synchronous commands run on the main thread, which draws the window.
//!
//! * [`shell`]: app info, dialogs, viewer, autostart, reminders, first paint, quit;
//! * [`agreements`]: dashboard, table, an agreement's page, edits and recorded actions;
//! * [`files`]: import (dialog or drop) with progress, samples, calendar export, backup;
//! * [`settings`]: ladder, business-day adjustment, paper size, what-if date.

use tauri::{AppHandle, Manager};

use crate::error::AppResult;
use crate::state::AppState;

pub mod agreements;
pub mod files;
pub mod settings;
pub mod shell;

/// Runs `f` on a blocking thread with the app handle.
pub(crate) async fn blocking<T, F>(app: AppHandle, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&AppHandle, &AppState) -> AppResult<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || f(&app, app.state::<AppState>().inner())).await?
}

/// After a change to the data: forget computed views and recompute the dashboard in the
/// background (which also refreshes the tray's next deadline).
pub(crate) fn after_change(app: &AppHandle, state: &AppState) {
    state.invalidate_views();
    crate::views::prewarm(app);
}
