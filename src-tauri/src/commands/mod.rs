//! The IPC commands: thin adapters that take state, call the core (or the shell), and
//! return [`crate::error::AppError`], which crosses IPC as `{ code, message, reason,
//! location }`. Every command here is declared once in `command_table.rs` (names, handler,
//! the UI's types) and granted in `capabilities/default.json` (a test checks they agree).
//!
//! Commands that touch the database are `async` and do their work on a blocking thread
//! ([`blocking`]): synchronous commands run on the main thread, which draws the window.
//!
//! * [`shell`]: app info, dialogs, viewer, autostart, reminders, first paint, quit;
//! * [`agreements`]: dashboard, table, an agreement's page, edits and recorded actions;
//! * [`files`]: import (dialog or drop) with progress, samples, calendar export, backup;
//! * [`settings`]: ladder, business-day adjustment, paper size, what-if date;
//! * [`mail`]: the people directory, mail settings, a test email, an agreement's email log;
//! * [`review`]: the Review page of what was read, its confirmations and corrections, the queue.

use renewal_core::adapters::store::Store;
use renewal_core::services::portfolio::{self, AgreementPage};
use tauri::{AppHandle, Manager};

use crate::error::AppResult;
use crate::state::AppState;

pub mod agreements;
pub mod files;
pub mod mail;
pub mod review;
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

/// Every change to one agreement: on a blocking thread, locks the store, applies `change`
/// (which records it in the agreement's history), forgets and recomputes the views
/// ([`after_change`]), and returns agreement `id`'s new page as of the as-of date. Nothing
/// is refreshed when `change` fails.
///
/// # Errors
/// What `change` returns; `not_found` for an unknown id; `database`.
pub(crate) async fn change_agreement<F>(
    app: AppHandle,
    id: i64,
    change: F,
) -> AppResult<AgreementPage>
where
    F: FnOnce(&mut Store, &AppState) -> AppResult<()> + Send + 'static,
{
    blocking(app, move |app, s| {
        let mut store = s.store()?;
        change(&mut store, s)?;
        after_change(app, s);
        Ok(portfolio::agreement_page(&store, id, s.view_as_of())?)
    })
    .await
}
