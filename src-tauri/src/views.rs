//! Computed views the window shows (the dashboard and the agreements table), kept in
//! [`AppState::views`] until the data or the as-of date changes. Both are computed at
//! start-up and after every change on a background thread ([`prewarm`]).
//!
//! The dashboard is kept in the database between starts
//! ([`renewal_core::services::dashboard::dashboard_cached`]) and is also computed (or read
//! back) once at start-up on a background thread
//! ([`prewarm`]), while WebKit starts, so the first screen's request finds it ready.

use std::sync::Arc;
use std::time::Instant;

use renewal_core::services::dashboard::{
    agreement_rows, dashboard, dashboard_cached, CachedDashboard, Dashboard,
};
use renewal_core::services::table::{AgreementTable, TableColumn, TableQuery};
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
    // Already kept: returned without waiting for the store, which the start-up thread may
    // hold for seconds while it computes the agreements table after the dashboard (at
    // 100,000 agreements the first screen waited 1.5 s for it; docs/benchmarks.md).
    if let Some((d, cached)) = &state.views.lock().map_err(|_| poisoned())?.dashboard {
        if *d == as_of {
            return Ok(cached.clone());
        }
    }
    // Else the store lock first: a computation in progress (the start-up one) finishes and
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

/// The agreements table as of the as-of date: every agreement's row, searched, filtered,
/// sorted and paged on request (cached; its default order, by next deadline, is computed
/// with it, so the view's first request only slices it).
///
/// # Errors
/// [`AppError::Core`] if the database fails.
pub fn table_view(state: &AppState) -> AppResult<Arc<AgreementTable>> {
    let as_of = state.view_as_of();
    // The store lock first, as for the dashboard: a computation in progress (the start-up
    // one) fills the cache before this looks at it.
    let store = state.store()?;
    if let Some((d, cached)) = &state.views.lock().map_err(|_| poisoned())?.rows {
        if *d == as_of {
            return Ok(Arc::clone(cached));
        }
    }
    let t = Instant::now();
    let rows = agreement_rows(&store, as_of)?;
    drop(store);
    let computed_ms = t.elapsed().as_millis() as u64;
    let table = Arc::new(AgreementTable::new(rows));
    table.query(&TableQuery::all(TableColumn::Next, 0));
    tracing::info!(
        ms = t.elapsed().as_millis() as u64,
        rows_ms = computed_ms,
        rows = table.rows().len(),
        "agreements table computed"
    );
    state.views.lock().map_err(|_| poisoned())?.rows = Some((as_of, Arc::clone(&table)));
    Ok(table)
}

/// Computes the dashboard, then the agreements table, on a background thread (at
/// start-up, while WebKit loads, and after every change): the first screen's request finds
/// the dashboard ready, and the first click on Agreements the table.
pub fn prewarm<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("dashboard-prewarm".into())
        .spawn(move || {
            if let Err(e) = dashboard_view(&handle) {
                tracing::warn!("dashboard at start-up: {e}");
            }
            match table_view(&handle.state::<AppState>()) {
                // Every order (outside the store's lock), so any header's first click
                // only reads one.
                Ok(table) => table.prepare_orders(),
                Err(e) => tracing::warn!("agreements table at start-up: {e}"),
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("no start-up dashboard thread: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Config;
    use chrono::NaiveDate;
    use renewal_core::services::portfolio::{import_samples, ImportDefaults};
    use renewal_core::services::table::TableQuery;
    use std::ffi::OsString;

    #[test]
    fn the_table_is_kept_until_a_change_or_another_as_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let config = Config::from_lookup(
            |k| match k {
                crate::state::ENV_DB => Some(OsString::from(&db)),
                crate::state::ENV_TODAY => Some(OsString::from("2026-11-23")),
                _ => None,
            },
            false,
        )
        .unwrap();
        let state = AppState::new(config, Instant::now());
        import_samples(&mut state.store().unwrap(), &ImportDefaults::default()).unwrap();

        let table = table_view(&state).unwrap();
        let n = table.rows().len();
        assert!(n >= 3, "{n} sample agreements");
        // The same table, not a new computation, until something changes.
        assert!(Arc::ptr_eq(&table, &table_view(&state).unwrap()));
        let page = table.query(&TableQuery::all(TableColumn::Next, 2));
        assert_eq!((page.total, page.matching, page.rows.len()), (n, n, 2));

        state.invalidate_views();
        let after_change = table_view(&state).unwrap();
        assert!(!Arc::ptr_eq(&table, &after_change));
        assert_eq!(after_change.rows(), table.rows());

        // Another as-of date: recomputed for it (days counted from it).
        let later = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        state.set_what_if(Some(later));
        let then = table_view(&state).unwrap();
        assert!(!Arc::ptr_eq(&after_change, &then));
        assert_eq!(
            then.rows(),
            agreement_rows(&state.store().unwrap(), later).unwrap()
        );
        assert_ne!(then.rows(), table.rows());
    }
}
