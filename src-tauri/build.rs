//! Generates the app's permission manifest: every command listed in
//! `src/command_names.rs` must be granted in `capabilities/` to be callable.

const COMMANDS: &[&str] = include!("src/command_names.rs");

fn main() {
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        panic!("tauri-build failed: {e:#}");
    }
}
