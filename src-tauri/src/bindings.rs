//! `ui/src/bindings.ts` is generated from the Rust types that cross IPC (ts-rs): the
//! shell's own and the core's (`renewal-core` with its `ts` feature). The roots are
//! listed in [`render`] and in `command_table.rs` (every command's arguments and result);
//! every type they refer to is declared too, sorted by name, followed by the `Commands`
//! map (command name → arguments and result) that types `ui/src/backend.ts`. The test below fails when the committed file is stale; regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings`.

use std::any::TypeId;
use std::collections::HashSet;
use std::path::PathBuf;

use ts_rs::{TypeVisitor, TS};

use chrono::NaiveDate;
use renewal_core::adapters::brief::Paper;
use renewal_core::adapters::import::register::export::ExportFormat;
use renewal_core::adapters::remind::NoticeKind;
use renewal_core::adapters::store::Imported;
use renewal_core::domain::model::DecisionChoice;
use renewal_core::services::clauses::{ClauseTable, RowEdit};
use renewal_core::services::dashboard::{AgreementRow, Dashboard};
use renewal_core::services::edit::EditableField;
use renewal_core::services::manual::{NewAgreement, NewAgreementPreview};
use renewal_core::services::portfolio::{
    AgreementPage, CalendarExport, DeskSettings, ImportReport,
};
use renewal_core::services::register::{Mapping, RegisterExport, RegisterPreview, RegisterReport};
use renewal_core::services::review::{QueueItem, ReviewLines, ReviewPage};
use renewal_core::services::table::{TablePage, TableQuery};

use crate::commands::files::GeneratedBrief;
use crate::commands::mail::{
    AgreementMail, MailForm, MailSettingsView, PeopleDirectory, TestEmail,
};
use crate::commands::shell::PaintTimings;
use crate::error::{ErrorPayload, IpcErrorCode, ShellErrorCode};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::AppInfo;
use crate::window::DroppedFiles;

/// Where the generated file lives.
fn bindings_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

/// Collects declarations of a type and, depth first, of every type it refers to.
#[derive(Default)]
struct Collect {
    seen: HashSet<TypeId>,
    names: HashSet<String>,
    decls: Vec<String>,
    /// Two different Rust types with the same TypeScript name: only the first would be
    /// declared and the second would silently take its shape (a test refuses it).
    clashes: Vec<String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only declared types (derived or with an export path); primitives have none.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Generic types are declared once, with their parameters (`Sourced<T>`).
        if self.names.insert(T::ident()) {
            self.decls.push(T::decl());
        } else if !self.decls.contains(&T::decl()) {
            self.clashes.push(T::ident());
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The whole generated file.
pub fn render() -> String {
    render_checked().0
}

/// The whole generated file, and the TypeScript names given to more than one Rust type.
fn render_checked() -> (String, Vec<String>) {
    let mut c = Collect::default();
    // The shell's types.
    c.visit::<renewal_core::error::ErrorCode>();
    c.visit::<ShellErrorCode>();
    c.visit::<IpcErrorCode>();
    c.visit::<renewal_core::error::ErrorLocation>();
    c.visit::<ErrorPayload>();
    c.visit::<AppInfo>();
    c.visit::<RunReason>();
    c.visit::<ReminderRunSummary>();
    c.visit::<PaintTimings>();
    c.visit::<DroppedFiles>();
    c.visit::<crate::commands::files::GeneratedBrief>();
    c.visit::<crate::reminders::OpenAgreement>();
    // The core's types the commands take or return.
    c.visit::<renewal_core::services::dashboard::Dashboard>();
    c.visit::<renewal_core::services::dashboard::AgreementRow>();
    c.visit::<renewal_core::services::table::TableQuery>();
    c.visit::<renewal_core::services::table::TablePage>();
    c.visit::<renewal_core::services::portfolio::AgreementPage>();
    c.visit::<renewal_core::services::portfolio::ImportProgress>();
    c.visit::<renewal_core::services::portfolio::ImportReport>();
    c.visit::<renewal_core::services::portfolio::CalendarExport>();
    c.visit::<renewal_core::services::portfolio::DeskSettings>();
    c.visit::<renewal_core::adapters::brief::Paper>();
    c.visit::<renewal_core::services::edit::EditableField>();
    c.visit::<renewal_core::services::clauses::ClauseTable>();
    c.visit::<renewal_core::services::clauses::RowEdit>();
    c.visit::<renewal_core::adapters::remind::NoticeKind>();
    c.visit::<renewal_core::domain::model::DecisionChoice>();
    c.visit::<renewal_core::adapters::import::register::Column>();
    let commands = commands_ts(&mut c);
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri and renewal-core by ts-rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings\n\
         import type { Channel } from '@tauri-apps/api/core';\n",
    );
    // Sorted by name: the order in which ts-rs visits dependencies differs between builds
    // of this crate alone and of the whole workspace, and the file must not.
    let clashes = std::mem::take(&mut c.clashes);
    let mut decls = c.decls;
    decls.sort_by(|a, b| decl_name(a).cmp(decl_name(b)));
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&commands);
    (out, clashes)
}

/// `servedOn` for `served_on`: Tauri's name for a command argument in the page.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Declares `T` and every type it names (the element of a `Vec`, the `T` of an `Option`).
fn visit_all<T: TS + 'static + ?Sized>(c: &mut Collect) {
    c.visit::<T>();
    T::visit_generics(c);
    T::visit_dependencies(c);
}

/// The TypeScript type of a command's argument or result: its Rust type's (declared in
/// the file), or the one written after `=>` in the table.
macro_rules! ts_type {
    ($c:ident, $ty:ty) => {{
        visit_all::<$ty>($c);
        <$ty as TS>::name()
    }};
    ($c:ident, $ty:ty => $ts:literal) => {
        String::from($ts)
    };
}

/// Expands `command_table.rs` into [`commands_ts`].
macro_rules! command_table {
    ($( $module:ident :: $name:ident ( $( $arg:ident : $ty:ty $(=> $ts:literal)? ),* ) -> $ret:ty ; )*) => {
        /// `export type Commands`: each command's name → its arguments (camelCase, as the
        /// page sends them) and its result, from `command_table.rs`; declares every type named.
        fn commands_ts(c: &mut Collect) -> String {
            let mut out = String::from(
                "/** The shell's commands (src-tauri/src/command_table.rs): arguments and result of each. */\n\
                 export type Commands = {\n",
            );
            $(
                let args: &[String] = &[$(
                    format!("{}: {}", camel(stringify!($arg)), ts_type!(c, $ty $(=> $ts)?))
                ),*];
                let args = if args.is_empty() {
                    String::from("Record<string, never>")
                } else {
                    format!("{{ {} }}", args.join("; "))
                };
                out.push_str(&format!(
                    "  {}: {{ args: {args}; result: {} }};\n",
                    stringify!($name),
                    ts_type!(c, $ret)
                ));
            )*
            out.push_str("};\n");
            out
        }
    };
}
include!("command_table.rs");

/// The declared name in `type Name = ...` / `type Name<T> = ...`.
fn decl_name(decl: &str) -> &str {
    let rest = decl.trim_start().trim_start_matches("type ");
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn typescript_bindings_are_fresh() {
    check_fresh(&bindings_path(), &render(), true);
}

/// Fails when the committed generated file at `path` differs from `want`, or rewrites it
/// when `UPDATE_BINDINGS` is set. `show` prints the expected text in the failure.
#[cfg(test)]
fn check_fresh(path: &std::path::Path, want: &str, show: bool) {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings`{}",
        path.display(),
        if show {
            format!("\n--- expected ---\n{want}")
        } else {
            String::new()
        }
    );
}

#[test]
fn the_commands_map_has_every_command_once_with_camel_case_arguments() {
    let text = render();
    for name in crate::COMMAND_NAMES {
        let n = text.matches(&format!("\n  {name}: {{ args: ")).count();
        assert_eq!(n, 1, "{name} is in the Commands map {n} times");
    }
    assert_eq!(
        text.matches("; result: ").count(),
        crate::COMMAND_NAMES.len()
    );
    assert!(text.contains(
        "  record_notice: { args: { id: number; kind: NoticeKind; servedOn: string; note: string }; result: AgreementPage };"
    ));
    assert!(text.contains("  quit_app: { args: Record<string, never>; result: null };"));
    assert!(text.contains(
        "  import_files: { args: { paths: Array<string>; onProgress: Channel<ImportProgress> }; result: ImportReport };"
    ));
}

#[test]
fn no_two_types_share_a_typescript_name() {
    // The register's column meanings were once dropped for the clause tables' `Column`.
    let (text, clashes) = render_checked();
    assert!(
        clashes.is_empty(),
        "types sharing a TypeScript name: {clashes:?}"
    );
    assert!(text.contains("export type RegisterColumn = \"id\" | \"title\""));
}

#[test]
fn every_ipc_type_is_declared_once() {
    let text = render();
    for name in [
        "Dashboard",
        "DashboardItem",
        "AgreementPage",
        "Agreement",
        "Sourced",
        "Source",
        "EventView",
        "ImportReport",
        "FileResult",
        "Warning",
        "DroppedFiles",
    ] {
        let decl = format!("export type {name} ");
        let generic = format!("export type {name}<");
        let n = text.matches(&decl).count() + text.matches(&generic).count();
        assert_eq!(n, 1, "{name} declared {n} times");
    }
    assert!(
        !text.contains("bigint"),
        "i64 values cross IPC as JSON numbers"
    );
}

/// Where the UI tests' fixtures live: real core output for the three sample agreements
/// of `../shared/seeds` as of 2026-11-23 (the worked example), so the Vitest suites
/// exercise the views with the shapes and texts the app really sends.
fn fixtures_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/fixtures.json")
}

/// The fixtures (timestamps fixed so the file is stable).
fn render_fixtures() -> String {
    use renewal_core::adapters::store::Store;
    use renewal_core::services::dashboard::{agreement_rows, dashboard};
    use renewal_core::services::portfolio::{agreement_page, import_paths, ImportDefaults};

    // `RENEWAL_SEEDS_DIR` when the checkout is not beside `shared/` (a git worktree).
    let seeds = std::env::var_os("RENEWAL_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"));
    let paths: Vec<PathBuf> = [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ]
    .iter()
    .map(|n| seeds.join(n))
    .collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    // Who made the changes: a fixed name, not this machine's user.
    store.set_actor("Ana Torres");
    let mut report = import_paths(&mut store, &paths, &ImportDefaults::default(), |_| {}).unwrap();
    for r in &mut report.results {
        r.path = format!("/home/user/seeds/{}", r.file);
    }
    let mut page = agreement_page(&store, 3, as_of).unwrap();
    for h in &mut page.history {
        h.at = "2026-11-23T09:00:00.000Z".into();
        if let Some(v) = &mut h.new_value {
            if v.starts_with("microsoft-peru-mifibra.md (sha256") {
                *v = "microsoft-peru-mifibra.md (sha256 …)".into();
                h.words.new = v.clone();
            }
        }
    }
    // The Review page of a PDF of the reading corpus whose initial term was read with low
    // confidence (issue 11 item 1), in a store of its own.
    let review = {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/reading");
        let mut store = Store::open_in_memory().unwrap();
        let files = [
            corpus.join("41-supply-agreement-spain-en.pdf"),
            corpus.join("42-licencia-software-guadalajara.pdf"),
        ];
        import_paths(&mut store, &files, &ImportDefaults::default(), |_| {}).unwrap();
        renewal_core::services::review::review_page(&store, 1).unwrap()
    };
    let v = serde_json::json!({
        "today": as_of,
        "review": review,
        "dashboard": dashboard(&store, as_of).unwrap(),
        "rows": agreement_rows(&store, as_of).unwrap(),
        "page": page,
        "importReport": report,
    });
    let mut text = serde_json::to_string_pretty(&v).unwrap();
    text.push('\n');
    text
}

#[test]
fn ui_fixtures_are_fresh() {
    check_fresh(&fixtures_path(), &render_fixtures(), false);
}
