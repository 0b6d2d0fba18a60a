//! One reminder run, shared by the scheduler thread and the "run now" command: the core's
//! reminder policy ([`renewal_core::remind::run`]) with the notify-rust
//! [`DesktopNotifier`], then the tray's next deadline and the event for the UI
//! ([`EVENT_REMINDERS_RAN`]).
//!
//! A run opens its own connection to the database (WAL lets it work beside the app's
//! connection and the CLI), so a notification server that is slow to answer (each call
//! has a timeout) never holds the store the window reads from.

use renewal_core::dashboard::dashboard;
use renewal_core::remind;
use renewal_core::store::Store;
use renewal_notify::DesktopNotifier;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::AppState;

/// Event emitted to the UI after every run, with a [`ReminderRunSummary`] payload.
pub const EVENT_REMINDERS_RAN: &str = "reminders-ran";

/// Runs the reminder policy once (never two at a time) as of the real today (never the
/// what-if date), then shows the next deadline in the tray.
///
/// # Errors
/// [`AppError::Core`] if the database fails; [`AppError::Internal`] if the run lock is
/// poisoned; Tauri errors from the tray or the event. Undelivered reminders are not an
/// error: they are counted in the summary and retried on the next run.
pub fn run<R: Runtime>(app: &AppHandle<R>, reason: RunReason) -> AppResult<ReminderRunSummary> {
    let state = app.state::<AppState>();
    let _running = state
        .run_lock
        .lock()
        .map_err(|_| AppError::Internal("reminder run lock poisoned".into()))?;
    let today = state.config.today();
    let mut store = Store::open(&state.config.db_path)?;
    let report = remind::run(&mut store, &DesktopNotifier::new(), today)?;
    let next = dashboard(&store, today)?.next_deadline;
    let label = next.as_ref().map(crate::tray::deadline_label);
    let summary = ReminderRunSummary {
        reason,
        finished_at: chrono::Local::now().to_rfc3339(),
        notified: u32::try_from(report.delivered.len()).unwrap_or(u32::MAX),
        failed: u32::try_from(report.failed.len()).unwrap_or(u32::MAX),
        failure: report.failure.clone(),
        next_deadline: label.clone(),
    };
    if let Ok(mut last) = state.last_run.lock() {
        *last = Some(summary.clone());
    }
    crate::tray::set_next_deadline(app, label.as_deref())?;
    app.emit(EVENT_REMINDERS_RAN, &summary)?;
    tracing::info!(
        ?reason,
        notified = summary.notified,
        failed = summary.failed,
        failure = summary.failure.as_deref().unwrap_or(""),
        "reminder run finished"
    );
    Ok(summary)
}
