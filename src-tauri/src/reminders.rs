//! One reminder run, shared by the scheduler thread and the "run now" command: the core's
//! reminder policy ([`renewal_core::adapters::remind::run`]) with the notify-rust
//! [`DesktopNotifier`], then the tray's next deadline and the event for the UI
//! ([`EVENT_REMINDERS_RAN`]).
//!
//! A run opens its own connection to the database (WAL lets it work beside the app's
//! connection and the CLI), so a notification server that is slow to answer (each call
//! has a timeout) never holds the store the window reads from.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use renewal_core::adapters::remind::{
    self, MessageAction, Notifier, ReminderAction, SpooledReport,
};
use renewal_core::adapters::store::Store;
use renewal_core::services::dashboard::dashboard;
use renewal_notify::DesktopNotifier;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::AppState;

/// Event emitted to the UI after every run, with a [`ReminderRunSummary`] payload.
pub const EVENT_REMINDERS_RAN: &str = "reminders-ran";
/// Event emitted when a notification button changed the data (snooze, mark done); no payload.
pub const EVENT_DATA_CHANGED: &str = "data-changed";
/// Event emitted when a notification's "Open brief" asks for an agreement: [`OpenAgreement`].
pub const EVENT_OPEN_AGREEMENT: &str = "open-agreement";

/// How long the buttons of a notification are listened to (until the next hourly run).
pub const ACTIONS_LISTENED: Duration = Duration::from_secs(60 * 60);

/// Payload of [`EVENT_OPEN_AGREEMENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OpenAgreement {
    /// The agreement to show.
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
}

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
    let real_today = state.config.real_today();
    let mut store = Store::open(&state.config.db_path)?;
    let notifier = DesktopNotifier::new().listen_for_actions(true);
    // Planned one agreement at a time, its reminders kept on disk (issue 14 item 1).
    let report = remind::run_spooled(&mut store, &notifier, real_today)?;
    // Issue 12: the contract owners' email digests, once mail is set up (the same claims as
    // the timer and the CLI: each step reaches each recipient once).
    let email_failure = match renewal_core::adapters::mail::run_configured(&mut store, real_today) {
        Ok(None) => None,
        Ok(Some(mails)) => {
            tracing::info!(sent = mails.sent, failed = mails.failed, "email reminders");
            mails.first_failure.map(|f| format!("email: {f}"))
        }
        Err(e) => Some(format!("email: {e}")),
    };
    let next = dashboard(&store, real_today)?.next_deadline;
    let label = next.as_ref().map(crate::tray::deadline_label);
    let summary = ReminderRunSummary {
        reason,
        finished_at: chrono::Local::now().to_rfc3339(),
        notified: u32::try_from(report.delivered_count()).unwrap_or(u32::MAX),
        failed: u32::try_from(report.failed_count()).unwrap_or(u32::MAX),
        failure: report.failure.clone().or(email_failure),
        next_deadline: label.clone(),
    };
    if let Ok(mut last) = state.last_run.lock() {
        *last = Some(summary.clone());
    }
    crate::tray::set_next_deadline(app, label.as_deref())?;
    app.emit(EVENT_REMINDERS_RAN, &summary)?;
    let listen = report.notification_id.is_some()
        && report
            .message
            .as_ref()
            .is_some_and(|m| !m.actions.is_empty());
    if listen {
        watch_buttons(
            app,
            notifier,
            report,
            state.config.db_path.clone(),
            real_today,
        );
    }
    tracing::info!(
        ?reason,
        notified = summary.notified,
        failed = summary.failed,
        failure = summary.failure.as_deref().unwrap_or(""),
        "reminder run finished"
    );
    Ok(summary)
}

/// Listens (on its own thread, for [`ACTIONS_LISTENED`]) for a click on the buttons of the
/// notification of `report` (its reminders stay in its temporary file until then): "Snooze"
/// and "Mark done" are recorded by the core
/// ([`remind::apply_action`], in each agreement's history) and the window reloads; "Open
/// brief" / "Open Renewal Desk" shows the window (on the agreement for a single reminder).
fn watch_buttons<R: Runtime>(
    app: &AppHandle<R>,
    notifier: DesktopNotifier,
    report: SpooledReport,
    db: PathBuf,
    real_today: NaiveDate,
) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("notification-buttons".into())
        .spawn(move || {
            let (Some(id), Some(message)) = (report.notification_id, report.message.as_ref())
            else {
                return;
            };
            let until = Instant::now() + ACTIONS_LISTENED;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                let Some(invoked) = notifier.next_action(left) else {
                    return;
                };
                if invoked.id != id {
                    continue;
                }
                // "__closed" or the default action: nothing to do.
                let Some(action) = MessageAction::find(&message.actions, &invoked.key) else {
                    return;
                };
                if let Err(e) = on_button(&app, action.action, &report, &db, real_today) {
                    tracing::warn!("notification button {}: {e}", invoked.key);
                }
                return;
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("notification buttons will not work: {e}");
    }
}

fn on_button<R: Runtime>(
    app: &AppHandle<R>,
    action: ReminderAction,
    report: &SpooledReport,
    db: &std::path::Path,
    real_today: NaiveDate,
) -> AppResult<()> {
    match action {
        ReminderAction::OpenBrief => {
            crate::window::show_main(app);
            if report.reminder_count() == 1 {
                let mut only = None;
                report.for_each_reminder(|r| {
                    only = Some(r.agreement_id);
                    Ok(())
                })?;
                if let Some(id) = only {
                    app.emit(EVENT_OPEN_AGREEMENT, OpenAgreement { id })?;
                }
            }
        }
        ReminderAction::Snooze { .. } | ReminderAction::MarkDone => {
            let mut store = Store::open(db)?;
            report.apply_action(&mut store, action, real_today)?;
            app.state::<AppState>().invalidate_views();
            crate::views::prewarm(app);
            app.emit(EVENT_DATA_CHANGED, ())?;
            tracing::info!(
                ?action,
                reminders = report.reminder_count(),
                "notification button"
            );
        }
    }
    Ok(())
}
