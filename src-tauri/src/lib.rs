//! Renewal Desk's desktop shell (Tauri 2).
//!
//! The shell owns the window, the tray, the background scheduler and the IPC
//! commands; the domain lives in `renewal-core`. Modules:
//!
//! * [`commands`]: IPC commands, thin adapters returning `Result<_, AppError>`;
//! * [`error`]: [`error::AppError`], serialised as `{ "code", "message", "reason", "location" }`;
//! * [`state`]: start-up [`state::Config`] (`RENEWAL_DESK_DB`, `RENEWAL_DESK_TODAY`), the
//!   store, the what-if date and the paths granted by dialogs or drops;
//! * [`views`]: the dashboard and the agreements table, cached, computed at start-up;
//! * [`scheduler`]: runs a job at start, hourly, after wake and on demand;
//! * [`reminders`]: the job the scheduler runs (the core's reminder policy);
//! * [`tray`] and [`window`]: the tray icon and the main window (with file drops).

use std::process::ExitCode;
use std::time::Instant;

use tauri::{Manager, RunEvent};
use tauri_plugin_window_state::StateFlags;

pub mod commands;
pub mod error;
pub mod reminders;
pub mod scheduler;
pub mod state;
pub mod tray;
pub mod views;
pub mod window;

#[cfg(test)]
mod bindings;

use scheduler::{Scheduler, SchedulerConfig};
use state::{AppState, Config, AUTOSTART_ARG};

/// Expands `command_table.rs` into [`COMMAND_NAMES`] and `invoke_handler`.
macro_rules! command_table {
    ($( $module:ident :: $name:ident ( $( $arg:ident : $ty:ty $(=> $ts:literal)? ),* ) -> $ret:ty ; )*) => {
        /// The commands the page may call, each declared once in `command_table.rs`
        /// (also read by `build.rs` for the permissions and by the bindings for the UI's
        /// `Commands` map); each must be granted in `capabilities/default.json`.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler of every command of `command_table.rs`.
        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$module::$name),*]
        }
    };
}
include!("command_table.rs");

/// WebKit's switch for rasterising pages with Skia on the CPU instead of the GPU.
pub const ENV_WEBKIT_CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// Set to `1` to leave WebKit's GPU rendering on (see [`prefer_cpu_rendering`]).
pub const ENV_GPU_RENDERING: &str = "RENEWAL_DESK_GPU_RENDERING";

/// Renewal Desk draws forms, lists and tables: WebKitGTK's GPU rasterisation (Skia on GL)
/// buys nothing there, and without a fast GPU (a virtual machine, Xvfb, software GL) it
/// makes the first screen slower and the web process larger (see docs/benchmarks.md,
/// "Desktop app"). So unless the user chose otherwise (`WEBKIT_SKIA_ENABLE_CPU_RENDERING`
/// already set, or `RENEWAL_DESK_GPU_RENDERING=1`), WebKit renders on the CPU. Called
/// first thing in [`run`], before any thread or WebKit process starts; WebKit's web
/// process inherits the setting.
pub fn prefer_cpu_rendering() {
    let gpu = std::env::var_os(ENV_GPU_RENDERING).is_some_and(|v| v == "1");
    if !gpu && std::env::var_os(ENV_WEBKIT_CPU_RENDERING).is_none() {
        std::env::set_var(ENV_WEBKIT_CPU_RENDERING, "1");
    }
}

/// Runs the app until it quits. `RUST_LOG` sets the log filter (default `info`).
pub fn run() -> ExitCode {
    let started = Instant::now();
    prefer_cpu_rendering();
    init_tracing();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("renewal-desk: {e}");
            return ExitCode::from(2);
        }
    };
    tracing::info!(db = %config.db_path.display(), real_today = %config.real_today(), "starting");

    let app = tauri::Builder::default()
        // First: a second launch hands over to this one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            window::show_main(app);
        }))
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(AUTOSTART_ARG)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::new(config, started))
        .invoke_handler(invoke_handler())
        .setup(|app| {
            let since_start = |what: &str| {
                let ms = app.state::<AppState>().started.elapsed().as_millis() as u64;
                tracing::debug!(ms_since_start = ms, "{what}");
            };
            since_start("setup: plugins ready");
            let visible = !app.state::<AppState>().config.autostarted;
            window::create_main(app, visible)?;
            since_start("setup: window created");
            // The dashboard is computed while WebKit loads the page (after the window is
            // created, so the two do not compete for the CPU while WebKit starts), so the
            // first screen finds it ready.
            views::prewarm(app.handle());
            if let Err(e) = tray::build(app) {
                tracing::warn!("no tray icon: {e}");
            }
            since_start("setup: tray created");
            let handle = app.handle().clone();
            let scheduler = Scheduler::start(SchedulerConfig::default(), move |reason| {
                if let Err(e) = reminders::run(&handle, reason) {
                    tracing::warn!(?reason, "reminder run failed: {e}");
                }
            })?;
            if let Ok(mut slot) = app.state::<AppState>().scheduler.lock() {
                *slot = Some(scheduler);
            }
            Ok(())
        })
        .build(tauri::generate_context!());

    let app = match app {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Stop the scheduler thread (waits for a run in progress).
            let scheduler = handle
                .state::<AppState>()
                .scheduler
                .lock()
                .ok()
                .and_then(|mut s| s.take());
            drop(scheduler);
        }
    });
    ExitCode::SUCCESS
}

/// Logs to stderr, or appends to the file named by `RENEWAL_DESK_LOG` (used by the
/// e2e and bench scripts: WebKitWebDriver does not pass the app's output on).
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let log_file = std::env::var_os(state::ENV_LOG).and_then(|path| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
    });
    let _ = match log_file {
        Some(file) => builder
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .try_init(),
        None => builder.try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::COMMAND_NAMES;

    /// Each command has exactly one grant in the default capability, and nothing
    /// else but event listening is granted.
    #[test]
    fn the_default_capability_grants_exactly_the_app_commands() {
        let text = include_str!("../capabilities/default.json");
        let cap: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        granted.sort();
        let mut want: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .chain([
                "core:event:allow-listen".into(),
                "core:event:allow-unlisten".into(),
            ])
            .collect();
        want.sort();
        assert_eq!(granted, want);
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        assert!(cap.get("remote").is_none(), "no remote URL may use IPC");
    }

    #[test]
    fn the_csp_allows_no_remote_content() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_object().unwrap();
        assert_eq!(csp["default-src"], "'self'");
        for (directive, value) in csp {
            let v = value.as_str().unwrap();
            assert!(
                !v.contains("http:") && !v.contains("https:") && !v.contains('*')
                    || v == "ipc: http://ipc.localhost",
                "{directive} allows remote content: {v}"
            );
            assert!(!v.contains("unsafe-"), "{directive}: {v}");
        }
    }
}
