//! Generates the app's permission manifest: every command declared in
//! `src/command_table.rs` must be granted in `capabilities/` to be callable.

/// Reads the command names out of `src/command_table.rs` (the argument and result types
/// are only tokens here).
macro_rules! command_table {
    ($( $module:ident :: $name:ident ( $($args:tt)* ) -> $ret:ty ; )*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/command_table.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_table.rs");
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        panic!("tauri-build failed: {e:#}");
    }
}
