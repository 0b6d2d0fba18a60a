// The desktop app's IPC commands, each declared once: `module::name(arguments) -> result;`
// with the arguments the page sends (in Rust's snake_case; Tauri takes them in camelCase)
// and the result it receives (the `Ok` of the command's `AppResult`, or what it returns).
// An argument whose TypeScript type is not its Rust type's carries it after `=>`.
//
// This file is a single `command_table!` invocation, included three times, each with its
// own definition of the macro:
// * build.rs: the command names, for the permission manifest (`allow-<name>`);
// * lib.rs: `COMMAND_NAMES` (checked against capabilities/default.json by a test) and
//   the invoke handler (`tauri::generate_handler!`);
// * bindings.rs: the `Commands` map of ui/src/bindings.ts (name → args and result), by
//   which ui/src/backend.ts is type-checked.
command_table! {
    shell::app_info() -> AppInfo;
    shell::get_autostart() -> bool;
    shell::set_autostart(enabled: bool) -> bool;
    shell::pick_import_files() -> Vec<String>;
    shell::pick_save_path(suggested_name: String) -> Option<String>;
    shell::pick_register_file() -> Option<String>;
    shell::open_in_viewer(path: String) -> ();
    shell::run_reminders_now() -> ReminderRunSummary;
    shell::last_reminder_run() -> Option<ReminderRunSummary>;
    shell::ui_ready(timings: PaintTimings) -> ();
    shell::quit_app() -> ();
    agreements::dashboard() -> Dashboard;
    agreements::agreement_rows() -> Vec<AgreementRow>;
    agreements::agreement_rows_page(query: TableQuery) -> TablePage;
    agreements::agreement_page(id: i64 => "number") -> AgreementPage;
    agreements::edit_field(id: i64 => "number", field: EditableField, value: String) -> AgreementPage;
    agreements::edit_row(id: i64 => "number", table: ClauseTable, edit: RowEdit) -> AgreementPage;
    agreements::confirm_warning(id: i64 => "number", index: u32) -> AgreementPage;
    agreements::record_notice(id: i64 => "number", kind: NoticeKind, served_on: NaiveDate, note: String) -> AgreementPage;
    agreements::mark_done(id: i64 => "number", event_id: String, done_on: NaiveDate, note: String) -> AgreementPage;
    agreements::snooze(id: i64 => "number", event_id: String, days: u32) -> AgreementPage;
    agreements::preview_new_agreement(new: NewAgreement) -> NewAgreementPreview;
    agreements::add_agreement(new: NewAgreement) -> Imported;
    agreements::new_agreement_from(id: i64 => "number") -> NewAgreement;
    agreements::record_decision(id: i64 => "number", choice: DecisionChoice, target_date: Option<NaiveDate>, reason: String) -> AgreementPage;
    files::import_files(paths: Vec<String>, on_progress: Channel<ImportProgress> => "Channel<ImportProgress>") -> ImportReport;
    files::load_samples() -> ImportReport;
    files::export_calendar(path: String) -> CalendarExport;
    files::backup_database(path: String) -> ();
    files::generate_brief(id: i64 => "number") -> GeneratedBrief;
    files::save_brief(id: i64 => "number", path: String) -> ();
    files::preview_register(path: String) -> RegisterPreview;
    files::import_register(path: String, mapping: Mapping) -> RegisterReport;
    files::export_register(path: String, format: ExportFormat) -> RegisterExport;
    settings::get_settings() -> DeskSettings;
    settings::set_ladder(ladder: String) -> DeskSettings;
    settings::set_business_day_adjustment(on: bool, apply_to_existing: bool) -> DeskSettings;
    settings::set_paper(paper: Paper) -> DeskSettings;
    settings::set_as_of(date: Option<NaiveDate>) -> AppInfo;
    mail::people_directory() -> PeopleDirectory;
    mail::owners_to_complete_count() -> usize;
    mail::add_person(name: String, email: String, deputy: String) -> PeopleDirectory;
    mail::edit_person(name: String, email: String, deputy: String) -> PeopleDirectory;
    mail::remove_person(name: String) -> PeopleDirectory;
    mail::mail_settings() -> MailSettingsView;
    mail::save_mail_settings(form: MailForm, password: Option<String>) -> MailSettingsView;
    mail::send_test_email(to: String) -> TestEmail;
    mail::agreement_mail(id: i64 => "number") -> AgreementMail;
    review::review_page(id: i64 => "number") -> ReviewPage;
    review::review_lines(id: i64 => "number", first: u32, count: u32) -> ReviewLines;
    review::review_queue() -> Vec<QueueItem>;
    review::review_confirm_field(id: i64 => "number", field: String) -> ReviewPage;
    review::review_confirm_warning(id: i64 => "number", index: u32) -> ReviewPage;
    review::review_edit_field(id: i64 => "number", field: EditableField, value: String) -> ReviewPage;
}
