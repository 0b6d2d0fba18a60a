//! `ui/src/bindings.ts` is generated from the Rust types that cross IPC (ts-rs).
//! The test below fails when the committed file is stale; regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings`.

use std::path::PathBuf;

use ts_rs::TS;

use crate::commands::PaintTimings;
use crate::error::{ErrorCode, ErrorPayload};
use crate::scheduler::{ReminderRunSummary, RunReason};
use crate::state::AppInfo;

/// Where the generated file lives.
fn bindings_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

/// The whole generated file.
pub fn render() -> String {
    let decls = [
        ErrorCode::decl(),
        ErrorPayload::decl(),
        AppInfo::decl(),
        RunReason::decl(),
        ReminderRunSummary::decl(),
        PaintTimings::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri by ts-rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings\n",
    );
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out
}

#[test]
fn typescript_bindings_are_fresh() {
    let want = render();
    let path = bindings_path();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings`\n--- expected ---\n{want}",
        path.display()
    );
}
