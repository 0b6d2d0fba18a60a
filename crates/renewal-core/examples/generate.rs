//! Writes N synthetic agreement documents to a folder, for load tests of the app and CLI.
//!
//! `cargo run --release -p renewal-core --example generate -- 10000 /tmp/agreements`
#![allow(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;

use renewal_core::services::samples::generate_document;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: generate N DIR");
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a whole number, got {n:?}");
        return ExitCode::FAILURE;
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for i in 0..n {
        let path = dir.join(format!("agreement-{i:05}.md"));
        if let Err(e) = std::fs::write(&path, generate_document(i)) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("wrote {n} documents to {}", dir.display());
    ExitCode::SUCCESS
}
