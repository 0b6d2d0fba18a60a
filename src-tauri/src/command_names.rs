// The app's IPC commands, one permission `allow-<name-with-dashes>` each.
// Included by build.rs (to generate the permissions) and by lib.rs (to test that
// capabilities/default.json grants exactly these). Keep in step with
// `generate_handler!` in lib.rs.
&[
    "app_info",
    "get_autostart",
    "set_autostart",
    "pick_import_files",
    "pick_save_path",
    "open_in_viewer",
    "run_reminders_now",
    "last_reminder_run",
    "ui_ready",
    "quit_app",
]
