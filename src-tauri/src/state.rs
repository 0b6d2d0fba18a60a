//! What the shell keeps while it runs: start-up configuration read from the
//! environment, the paths the user granted through dialogs, and the last
//! reminder run.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use chrono::NaiveDate;
use renewal_core::adapters::store::Store;
use renewal_core::services::dashboard::Dashboard;
use renewal_core::services::table::AgreementTable;
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::scheduler::{ReminderRunSummary, Scheduler};

/// Environment variable: path of the database file (overrides the OS data folder).
pub const ENV_DB: &str = "RENEWAL_DESK_DB";
/// Environment variable: a fixed real today (`YYYY-MM-DD`) standing in for the machine's
/// date, for tests and what-if runs (reminders use it too).
pub const ENV_TODAY: &str = "RENEWAL_DESK_TODAY";
/// Environment variable: a file to which `ui_ready` appends the wall-clock time of the
/// first paint, in nanoseconds since the Unix epoch (used by `scripts/bench-app.sh`).
pub const ENV_BENCH_MARKER: &str = "RENEWAL_DESK_BENCH_MARKER";
/// Environment variable: append the log to this file instead of stderr.
pub const ENV_LOG: &str = "RENEWAL_DESK_LOG";
/// File name of the database inside the OS data folder (shared with the CLI).
pub use renewal_core::adapters::store::DB_FILE_NAME;

/// Start-up configuration, read once from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where the database lives: `RENEWAL_DESK_DB`, or `renewal-desk.db` in the OS data
    /// folder (`~/.local/share/renewaldesk` style path from `directories::ProjectDirs`).
    pub db_path: PathBuf,
    /// A fixed real today from `RENEWAL_DESK_TODAY`; `None` means the machine's local date.
    pub fixed_real_today: Option<NaiveDate>,
    /// Where `ui_ready` writes the first-paint time, from `RENEWAL_DESK_BENCH_MARKER`.
    pub bench_marker: Option<PathBuf>,
    /// Started by the login autostart entry (`--autostart`): start hidden in the tray.
    pub autostarted: bool,
}

/// The argument the autostart entry passes, so the app starts hidden.
pub const AUTOSTART_ARG: &str = "--autostart";

impl Config {
    /// Reads the configuration from the process environment and arguments.
    ///
    /// # Errors
    /// `invalid` (located at the field `RENEWAL_DESK_TODAY`) if it is not a `YYYY-MM-DD` date, or
    /// [`AppError::NotFound`] if no data folder can be found and `RENEWAL_DESK_DB` is unset.
    pub fn from_env() -> AppResult<Self> {
        let autostarted = std::env::args_os().any(|a| a == AUTOSTART_ARG);
        Self::from_lookup(|name| std::env::var_os(name), autostarted)
    }

    /// Same as [`Config::from_env`] with an injectable variable lookup (for tests).
    ///
    /// # Errors
    /// See [`Config::from_env`].
    pub fn from_lookup(
        var: impl Fn(&str) -> Option<OsString>,
        autostarted: bool,
    ) -> AppResult<Self> {
        let non_empty = |name: &str| var(name).filter(|v| !v.is_empty());
        let db_path = match non_empty(ENV_DB) {
            Some(p) => PathBuf::from(p),
            None => default_db_path().ok_or_else(|| {
                AppError::NotFound(format!(
                    "no data folder for this user; set {ENV_DB} to a database path"
                ))
            })?,
        };
        let fixed_real_today = match non_empty(ENV_TODAY) {
            None => None,
            Some(raw) => {
                let text = raw.to_string_lossy();
                let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
                    AppError::invalid(ENV_TODAY, format!("{text:?} is not YYYY-MM-DD: {e}"))
                })?;
                Some(date)
            }
        };
        Ok(Self {
            db_path,
            fixed_real_today,
            bench_marker: non_empty(ENV_BENCH_MARKER).map(PathBuf::from),
            autostarted,
        })
    }

    /// The real today: the fixed date of `RENEWAL_DESK_TODAY` if set, else the machine's
    /// local calendar date. Reminders run on it; views too unless a what-if date is set.
    pub fn real_today(&self) -> NaiveDate {
        self.fixed_real_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// `renewal-desk.db` in the OS data folder, or `None` when the OS reports no home folder:
/// the one default path of the app and the CLI.
pub use renewal_core::adapters::store::default_db_path;

/// What a dialog answer allows the UI to do with a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grant {
    /// Chosen in an open dialog: may be read (imported).
    Read,
    /// Chosen in a save dialog, or written by the app: may be written and opened.
    Write,
}

/// Paths the user chose in a dialog during this run. Commands that touch files
/// check here first, so a compromised page cannot name arbitrary paths.
#[derive(Debug, Default)]
pub struct GrantedPaths(Mutex<HashSet<(PathBuf, Grant)>>);

impl GrantedPaths {
    /// Records that the user chose `path` for `grant`.
    pub fn grant(&self, path: &Path, grant: Grant) {
        if let Ok(mut set) = self.0.lock() {
            set.insert((path.to_path_buf(), grant));
        }
    }

    /// Whether `path` was granted for `grant` (a write grant also allows reading).
    pub fn allows(&self, path: &Path, grant: Grant) -> bool {
        let Ok(set) = self.0.lock() else { return false };
        set.contains(&(path.to_path_buf(), grant))
            || (grant == Grant::Read && set.contains(&(path.to_path_buf(), Grant::Write)))
    }

    /// Returns `path` if granted, else [`AppError::NotPermitted`].
    ///
    /// # Errors
    /// [`AppError::NotPermitted`] when no dialog answered this path.
    pub fn check(&self, path: &Path, grant: Grant) -> AppResult<()> {
        if self.allows(path, grant) {
            Ok(())
        } else {
            Err(AppError::NotPermitted(format!(
                "{} was not chosen in a file dialog",
                path.display()
            )))
        }
    }
}

/// Computed views kept until the data or the as-of date changes.
#[derive(Debug, Default)]
pub struct ViewCache {
    /// The dashboard and the date it was computed as of.
    pub dashboard: Option<(NaiveDate, Dashboard)>,
    /// The agreements table (every row, searched, sorted and paged on request) and the
    /// date it was computed as of.
    pub rows: Option<(NaiveDate, Arc<AgreementTable>)>,
    /// Advanced each time the views are forgotten ([`AppState::invalidate_views`]): a view
    /// computed across a change is not kept.
    pub generation: u64,
}

/// Everything managed as Tauri state (`app.manage(AppState::new(..))`).
pub struct AppState {
    /// Start-up configuration.
    pub config: Config,
    /// Paths the user chose in dialogs.
    pub granted: GrantedPaths,
    /// The last reminder run (from the scheduler or the "run now" command).
    pub last_run: Mutex<Option<ReminderRunSummary>>,
    /// The background scheduler, once started in `setup`.
    pub scheduler: Mutex<Option<Scheduler>>,
    /// When the process started its Rust `main` (for the first-paint log line).
    pub started: Instant,
    /// Serialises reminder runs: the scheduler thread and the command never overlap.
    pub run_lock: Mutex<()>,
    /// The app's connection to the database (opened on first use). Reminder runs open
    /// their own, so a slow notification server never holds this one.
    store: Mutex<Option<Store>>,
    /// A what-if as-of date chosen in Settings (views only; reminders use the real date).
    what_if: Mutex<Option<NaiveDate>>,
    /// Computed views (dashboard, agreements table).
    pub views: Mutex<ViewCache>,
    /// Held while the agreements table is computed ([`crate::views::table_view`]): one
    /// computation at a time, shared by the requests that wait for it.
    pub table_computation: Mutex<()>,
    /// How many times the agreements table was computed in this run (for tests and logs).
    pub table_computations: AtomicUsize,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .field("what_if", &self.what_if())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for StoreSlot<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreSlot")
    }
}

/// The locked store of [`AppState::store`]: derefs to [`Store`].
pub struct StoreSlot<'a>(MutexGuard<'a, Option<Store>>);

impl std::ops::Deref for StoreSlot<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        // `AppState::store` only hands out a slot after filling it.
        match self.0.as_ref() {
            Some(s) => s,
            None => unreachable!("the store slot is filled before it is handed out"),
        }
    }
}

impl std::ops::DerefMut for StoreSlot<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match self.0.as_mut() {
            Some(s) => s,
            None => unreachable!("the store slot is filled before it is handed out"),
        }
    }
}

impl AppState {
    /// New state for a run with `config`.
    pub fn new(config: Config, started: Instant) -> Self {
        Self {
            config,
            granted: GrantedPaths::default(),
            last_run: Mutex::new(None),
            scheduler: Mutex::new(None),
            started,
            run_lock: Mutex::new(()),
            store: Mutex::new(None),
            what_if: Mutex::new(None),
            views: Mutex::new(ViewCache::default()),
            table_computation: Mutex::new(()),
            table_computations: AtomicUsize::new(0),
        }
    }

    /// The app's store, opened (and migrated) on first use. Holds the lock until dropped.
    ///
    /// # Errors
    /// [`AppError::Core`] if the database cannot be opened; [`AppError::Internal`] if the
    /// lock is poisoned.
    pub fn store(&self) -> AppResult<StoreSlot<'_>> {
        let mut slot = self
            .store
            .lock()
            .map_err(|_| AppError::Internal("store lock poisoned".into()))?;
        if slot.is_none() {
            let t = Instant::now();
            *slot = Some(Store::open(&self.config.db_path)?);
            tracing::debug!(ms = t.elapsed().as_millis() as u64, "store opened");
        }
        Ok(StoreSlot(slot))
    }

    /// The what-if date, if one is set.
    pub fn what_if(&self) -> Option<NaiveDate> {
        self.what_if.lock().ok().and_then(|w| *w)
    }

    /// Sets (or with `None` clears) the what-if date; computed views are recomputed.
    pub fn set_what_if(&self, date: Option<NaiveDate>) {
        if let Ok(mut w) = self.what_if.lock() {
            *w = date;
        }
        self.invalidate_views();
    }

    /// The as-of date views are computed for: the what-if date, else [`Config::real_today`].
    pub fn view_as_of(&self) -> NaiveDate {
        self.what_if().unwrap_or_else(|| self.config.real_today())
    }

    /// Forgets computed views (after any change to the data).
    pub fn invalidate_views(&self) {
        if let Ok(mut v) = self.views.lock() {
            *v = ViewCache {
                generation: v.generation.wrapping_add(1),
                ..ViewCache::default()
            };
        }
    }
}

/// What the UI learns about the running app (`app_info` command).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct AppInfo {
    /// The app's version (`Cargo.toml`).
    pub version: String,
    /// The database file the app uses.
    pub db_path: String,
    /// The real today (`YYYY-MM-DD`): the machine's date, or `RENEWAL_DESK_TODAY`'s.
    #[cfg_attr(test, ts(type = "string"))]
    pub real_today: NaiveDate,
    /// True when `real_today` is fixed by `RENEWAL_DESK_TODAY` (the UI shows a banner).
    pub real_today_is_fixed: bool,
    /// The as-of date views are computed for (`YYYY-MM-DD`): the what-if date, else
    /// `real_today`.
    #[cfg_attr(test, ts(type = "string"))]
    pub as_of: NaiveDate,
    /// True while a what-if date is set in Settings (the UI shows it on every screen).
    pub what_if: bool,
}

impl AppInfo {
    /// Describes `config` for the UI, with no what-if date.
    pub fn from_config(config: &Config) -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            db_path: config.db_path.display().to_string(),
            real_today: config.real_today(),
            real_today_is_fixed: config.fixed_real_today.is_some(),
            as_of: config.real_today(),
            what_if: false,
        }
    }

    /// Describes the running app (what-if date included).
    pub fn from_state(state: &AppState) -> Self {
        let what_if = state.what_if();
        Self {
            as_of: what_if.unwrap_or_else(|| state.config.real_today()),
            what_if: what_if.is_some(),
            ..Self::from_config(&state.config)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn env_overrides_db_and_today() {
        let c = Config::from_lookup(
            lookup(&[(ENV_DB, "/tmp/x.db"), (ENV_TODAY, "2027-10-01")]),
            false,
        )
        .unwrap();
        assert_eq!(c.db_path, PathBuf::from("/tmp/x.db"));
        assert_eq!(c.fixed_real_today, NaiveDate::from_ymd_opt(2027, 10, 1));
        assert_eq!(
            c.real_today(),
            NaiveDate::from_ymd_opt(2027, 10, 1).unwrap()
        );
        let info = AppInfo::from_config(&c);
        assert!(info.real_today_is_fixed);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["realToday"], "2027-10-01");
        assert_eq!(json["asOf"], "2027-10-01");
        assert_eq!(json["dbPath"], "/tmp/x.db");
    }

    #[test]
    fn defaults_to_the_os_data_folder() {
        let c = Config::from_lookup(lookup(&[(ENV_TODAY, "")]), false).unwrap();
        assert!(c.db_path.ends_with(DB_FILE_NAME), "{}", c.db_path.display());
        assert_eq!(c.fixed_real_today, None);
    }

    #[test]
    fn rejects_a_bad_today() {
        let err = Config::from_lookup(lookup(&[(ENV_TODAY, "01/10/2027")]), false).unwrap_err();
        assert_eq!(
            err.code(),
            crate::error::IpcErrorCode::Core(renewal_core::error::ErrorCode::Invalid)
        );
        assert_eq!(
            err.location().and_then(|l| l.field).as_deref(),
            Some(ENV_TODAY)
        );
    }

    #[test]
    fn only_dialog_answers_are_granted() {
        let g = GrantedPaths::default();
        let p = Path::new("/home/u/brief.pdf");
        assert!(g.check(p, Grant::Read).is_err());
        g.grant(p, Grant::Write);
        assert!(g.check(p, Grant::Write).is_ok());
        assert!(g.check(p, Grant::Read).is_ok());
        let q = Path::new("/home/u/in.md");
        g.grant(q, Grant::Read);
        assert!(g.check(q, Grant::Write).is_err());
    }
}
