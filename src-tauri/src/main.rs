//! The `renewal-desk` binary: see the library crate `renewal_desk_lib`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    renewal_desk_lib::run()
}
