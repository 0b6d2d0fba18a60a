//! `ui/src/bindings.ts` is generated from the Rust types that cross IPC (ts-rs): the
//! shell's own and the core's (`renewal-core` with its `ts` feature). The roots are
//! listed in [`render`]; every type they refer to is declared too, sorted by name. The test below fails when the committed file is stale; regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings`.

use std::any::TypeId;
use std::collections::HashSet;
use std::path::PathBuf;

use ts_rs::{TypeVisitor, TS};

use crate::commands::shell::PaintTimings;
use crate::error::{ErrorCode, ErrorPayload};
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
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The whole generated file.
pub fn render() -> String {
    let mut c = Collect::default();
    // The shell's types.
    c.visit::<ErrorCode>();
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
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri and renewal-core by ts-rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings\n",
    );
    // Sorted by name: the order in which ts-rs visits dependencies differs between builds
    // of this crate alone and of the whole workspace, and the file must not.
    let mut decls = c.decls;
    decls.sort_by(|a, b| decl_name(a).cmp(decl_name(b)));
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out
}

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

    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    let paths: Vec<PathBuf> = [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ]
    .iter()
    .map(|n| seeds.join(n))
    .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut report = import_paths(&mut store, &paths, &ImportDefaults::default(), |_| {}).unwrap();
    for r in &mut report.results {
        r.path = format!("/home/user/seeds/{}", r.file);
    }
    let mut page = agreement_page(&store, 3, today).unwrap();
    for h in &mut page.history {
        h.at = "2026-11-23T09:00:00.000Z".into();
        if let Some(v) = &mut h.new_value {
            if v.starts_with("microsoft-peru-mifibra.md (sha256") {
                *v = "microsoft-peru-mifibra.md (sha256 …)".into();
            }
        }
    }
    let v = serde_json::json!({
        "today": today,
        "dashboard": dashboard(&store, today).unwrap(),
        "rows": agreement_rows(&store, today).unwrap(),
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
