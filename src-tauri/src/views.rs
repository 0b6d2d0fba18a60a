//! Computed views the window shows (the dashboard and the agreements table), kept in
//! [`AppState::views`] until the data or the as-of date changes. The dashboard is
//! computed at start-up and after every change on a background thread ([`prewarm`]); the
//! agreements table when first asked for ([`table_view`]).
//!
//! The dashboard is kept in the database between starts
//! ([`renewal_core::services::dashboard::dashboard_cached`]) and is also computed (or read
//! back) once at start-up on a background thread
//! ([`prewarm`]), while WebKit starts, so the first screen's request finds it ready.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
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
/// sorted and paged on request. Computed when first asked for (the first
/// `agreement_rows_page` after start-up or a change), not at start-up: at 100,000
/// agreements it costs 1–2.5 s of CPU and tens of MB that a start showing the dashboard
/// does not need (docs/benchmarks.md, "The release app at 100,000, second measurement").
/// Kept until the data or the as-of date changes.
///
/// One computation at a time: a request that arrives while another computes the table
/// waits for it and gets the same table (never two computations at once). A table
/// computed while the views were forgotten (a change during the computation) is returned
/// to its requester but not kept.
///
/// # Errors
/// [`AppError::Core`] if the database fails.
pub fn table_view(state: &AppState) -> AppResult<Arc<AgreementTable>> {
    table_view_then(state, || ())
}

/// [`table_view`], calling `computed` once a new table's rows are computed, before it is
/// kept (tests: a change at that moment).
fn table_view_then(state: &AppState, computed: impl FnOnce()) -> AppResult<Arc<AgreementTable>> {
    let as_of = state.view_as_of();
    if let Some(t) = kept_table(state, as_of)? {
        return Ok(t);
    }
    // One computation at a time: whoever waits here finds the table the one before it
    // kept (the check below), instead of computing it again.
    let _computing = state
        .table_computation
        .lock()
        .map_err(|_| AppError::Internal("table computation lock poisoned".into()))?;
    if let Some(t) = kept_table(state, as_of)? {
        return Ok(t);
    }
    let t = Instant::now();
    let store = state.store()?;
    // Read with the store held: a change made through the app is written with the store
    // held and forgotten after, so a change this computation misses advances it later.
    let generation = state.views.lock().map_err(|_| poisoned())?.generation;
    let rows = agreement_rows(&store, as_of)?;
    drop(store);
    computed();
    let computed_ms = t.elapsed().as_millis() as u64;
    let table = Arc::new(AgreementTable::new(rows));
    // Its default order (by next deadline), so the view's first request only slices it.
    table.query(&TableQuery::all(TableColumn::Next, 0));
    state.table_computations.fetch_add(1, Ordering::Relaxed);
    tracing::info!(
        ms = t.elapsed().as_millis() as u64,
        rows_ms = computed_ms,
        rows = table.len(),
        "agreements table computed"
    );
    let mut views = state.views.lock().map_err(|_| poisoned())?;
    // Kept only if nothing was forgotten meanwhile (a change, another as-of date).
    if views.generation == generation {
        views.rows = Some((as_of, Arc::clone(&table)));
    }
    Ok(table)
}

/// The kept table for `as_of`, if any.
fn kept_table(state: &AppState, as_of: NaiveDate) -> AppResult<Option<Arc<AgreementTable>>> {
    Ok(state
        .views
        .lock()
        .map_err(|_| poisoned())?
        .rows
        .as_ref()
        .filter(|(d, _)| *d == as_of)
        .map(|(_, t)| Arc::clone(t)))
}

/// Computes (or reads back) the dashboard on a background thread, at start-up while
/// WebKit loads and after every change, so the first screen's request finds it ready.
/// The agreements table is not computed here: it is computed on its first request
/// ([`table_view`]).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Config;
    use chrono::NaiveDate;
    use renewal_core::services::portfolio::{import_samples, ImportDefaults};
    use renewal_core::services::table::TableQuery;
    use std::ffi::OsString;

    /// A state over a new database holding the sample agreements, as of 2026-11-23.
    fn sample_state(dir: &std::path::Path) -> AppState {
        let db = dir.join("t.db");
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
        state
    }

    #[test]
    fn the_table_is_computed_once_for_requests_that_arrive_together() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample_state(dir.path());
        assert_eq!(state.table_computations.load(Ordering::Relaxed), 0);
        // Six requests at once (the page's first request and a second view asking while
        // it computes): one computation, the same table for all.
        let barrier = std::sync::Barrier::new(6);
        let tables: Vec<Arc<AgreementTable>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        table_view(&state).unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(state.table_computations.load(Ordering::Relaxed), 1);
        for t in &tables[1..] {
            assert!(Arc::ptr_eq(&tables[0], t));
        }
        assert_eq!(
            tables[0].to_rows(),
            agreement_rows(&state.store().unwrap(), state.view_as_of()).unwrap()
        );
        // Later requests read it.
        assert!(Arc::ptr_eq(&tables[0], &table_view(&state).unwrap()));
        assert_eq!(state.table_computations.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_table_computed_across_a_change_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample_state(dir.path());
        // A change (the views forgotten) while the table is computed.
        let table = table_view_then(&state, || state.invalidate_views()).unwrap();
        assert!(!table.is_empty(), "returned to its requester");
        assert!(state.views.lock().unwrap().rows.is_none(), "but not kept");
        let next = table_view(&state).unwrap();
        assert!(!Arc::ptr_eq(&table, &next));
        assert_eq!(state.table_computations.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn the_table_is_kept_until_a_change_or_another_as_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample_state(dir.path());

        let table = table_view(&state).unwrap();
        let n = table.len();
        assert!(n >= 3, "{n} sample agreements");
        // The same table, not a new computation, until something changes.
        assert!(Arc::ptr_eq(&table, &table_view(&state).unwrap()));
        let page = table.query(&TableQuery::all(TableColumn::Next, 2));
        assert_eq!((page.total, page.matching, page.rows.len()), (n, n, 2));

        state.invalidate_views();
        let after_change = table_view(&state).unwrap();
        assert!(!Arc::ptr_eq(&table, &after_change));
        assert_eq!(after_change.to_rows(), table.to_rows());

        // Another as-of date: recomputed for it (days counted from it).
        let later = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        state.set_what_if(Some(later));
        let then = table_view(&state).unwrap();
        assert!(!Arc::ptr_eq(&after_change, &then));
        assert_eq!(
            then.to_rows(),
            agreement_rows(&state.store().unwrap(), later).unwrap()
        );
        assert_ne!(then.to_rows(), table.to_rows());
    }
}
