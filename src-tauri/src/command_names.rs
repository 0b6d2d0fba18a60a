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
    "dashboard",
    "agreement_rows",
    "agreement_page",
    "edit_field",
    "record_notice",
    "mark_done",
    "snooze",
    "import_files",
    "load_samples",
    "export_calendar",
    "backup_database",
    "generate_brief",
    "save_brief",
    "get_settings",
    "set_ladder",
    "set_business_day_adjustment",
    "set_paper",
    "set_as_of",
]
