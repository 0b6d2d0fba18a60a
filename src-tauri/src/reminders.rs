//! One reminder run, shared by the scheduler thread and the "run now" command.
//!
//! Phase 1 is the plumbing: serialise runs, record the summary, refresh the tray,
//! tell the UI (event [`EVENT_REMINDERS_RAN`]). Phase 2 replaces the body of
//! [`run`] with the core's reminder policy (`renewal_core::remind`) and the
//! notify-rust `Notifier`.

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::AppState;

/// Event emitted to the UI after every run, with a [`ReminderRunSummary`] payload.
pub const EVENT_REMINDERS_RAN: &str = "reminders-ran";

/// Runs the reminder policy once (never two at a time).
///
/// # Errors
/// [`AppError::Internal`] if the run lock is poisoned; Tauri errors from the tray or
/// the event.
pub fn run<R: Runtime>(app: &AppHandle<R>, reason: RunReason) -> AppResult<ReminderRunSummary> {
    let state = app.state::<AppState>();
    let _running = state
        .run_lock
        .lock()
        .map_err(|_| AppError::Internal("reminder run lock poisoned".into()))?;
    // Phase 2: let outcome = renewal_core::remind::run(&store, state.config.today(), &notifier)?;
    let summary = ReminderRunSummary {
        reason,
        finished_at: chrono::Local::now().to_rfc3339(),
        notified: 0,
    };
    if let Ok(mut last) = state.last_run.lock() {
        *last = Some(summary.clone());
    }
    crate::tray::set_next_deadline(app, None)?;
    app.emit(EVENT_REMINDERS_RAN, &summary)?;
    tracing::info!(
        ?reason,
        notified = summary.notified,
        "reminder run finished"
    );
    Ok(summary)
}
