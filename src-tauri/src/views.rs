//! Computed views the window shows (the dashboard and the agreements table), kept in
//! [`AppState::views`] until the data or the as-of date changes.
//!
//! The dashboard is kept in the database between starts
//! ([`renewal_core::services::dashboard::dashboard_cached`]) and is also computed (or read
//! back) once at start-up on a background thread
//! ([`prewarm`]), while WebKit starts, so the first screen's request finds it ready.

use std::time::Instant;

use renewal_core::services::dashboard::{
    agreement_rows, dashboard, dashboard_cached, AgreementRow, CachedDashboard, Dashboard,
};
use tauri::{AppHandle, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Set to `1`, the dashboard is always computed, never read back from the database (for
/// benchmarks: the first start of a day or after a change; docs/benchmarks.md).
pub const ENV_NO_STORED_VIEWS: &str = "RENEWAL_DESK_NO_STORED_VIEWS";

fn poisoned() -> AppError {
    AppError::Internal("view cache lock poisoned".into())
}

/// The dashboard as of the as-of date (cached). When that is the real today, the tray's
/// next deadline is refreshed from it.
///
/// # Errors
/// [`AppError::Core`] if the database fails.
pub fn dashboard_view<R: Runtime>(app: &AppHandle<R>) -> AppResult<Dashboard> {
    let state = app.state::<AppState>();
    let as_of = state.view_as_of();
    // The store lock first: a computation in progress (the start-up one) finishes and
    // fills the cache before this looks at it.
    let store = state.store()?;
    if let Some((d, cached)) = &state.views.lock().map_err(|_| poisoned())?.dashboard {
        if *d == as_of {
            return Ok(cached.clone());
        }
    }
    let t = Instant::now();
    // Read back from the database when nothing was written since it was last computed
    // for this as-of date (issue 14 item 2), else computed and stored.
    let cached = if std::env::var_os(ENV_NO_STORED_VIEWS).is_some_and(|v| v == "1") {
        CachedDashboard {
            dashboard: dashboard(&store, as_of)?,
            stored: false,
        }
    } else {
        dashboard_cached(&store, as_of)?
    };
    drop(store);
    let computed = cached.dashboard;
    tracing::info!(
        ms = t.elapsed().as_millis() as u64,
        agreements = computed.counts.agreements,
        stored = cached.stored,
        "dashboard computed"
    );
    state.views.lock().map_err(|_| poisoned())?.dashboard = Some((as_of, computed.clone()));
    if as_of == state.config.real_today() {
        let label = computed
            .next_deadline
            .as_ref()
            .map(crate::tray::deadline_label);
        if let Err(e) = crate::tray::set_next_deadline(app, label.as_deref()) {
            tracing::warn!("tray: {e}");
        }
    }
    Ok(computed)
}

/// Every agreement's row for the table, as of the as-of date (cached).
///
/// # Errors
/// [`AppError::Core`] if the database fails.
pub fn rows_view(state: &AppState) -> AppResult<Vec<AgreementRow>> {
    let as_of = state.view_as_of();
    let store = state.store()?;
    if let Some((d, cached)) = &state.views.lock().map_err(|_| poisoned())?.rows {
        if *d == as_of {
            return Ok(cached.clone());
        }
    }
    let t = Instant::now();
    let rows = agreement_rows(&store, as_of)?;
    drop(store);
    tracing::info!(
        ms = t.elapsed().as_millis() as u64,
        rows = rows.len(),
        "agreement rows computed"
    );
    state.views.lock().map_err(|_| poisoned())?.rows = Some((as_of, rows.clone()));
    Ok(rows)
}

/// Computes the dashboard on a background thread (at start-up, while WebKit loads).
pub fn prewarm<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("dashboard-prewarm".into())
        .spawn(move || {
            if let Err(e) = dashboard_view(&handle) {
                tracing::warn!("dashboard at start-up: {e}");
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("no start-up dashboard thread: {e}");
    }
}
