//! Every fuzz target's plain binary runs every seed of `fuzz/seeds/<target>/` to the end: exit
//! status 0, nothing on standard error. The seeds are where each fuzzing run starts (scripts/
//! fuzz.sh); a seed that crashed or printed a panic would make every run start from a crash.
//! It also checks the binaries' own contract (read standard input, abort on an escaping panic)
//! that the CI smoke run relies on: a binary that aborted would fail here with its signal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// (target, path of its plain binary), as Cargo built them for this test.
const TARGETS: [(&str, &str); 7] = [
    ("markdown", env!("CARGO_BIN_EXE_fuzz-markdown")),
    ("text", env!("CARGO_BIN_EXE_fuzz-text")),
    ("docx", env!("CARGO_BIN_EXE_fuzz-docx")),
    ("pdf", env!("CARGO_BIN_EXE_fuzz-pdf")),
    ("parse", env!("CARGO_BIN_EXE_fuzz-parse")),
    ("brief", env!("CARGO_BIN_EXE_fuzz-brief")),
    ("register", env!("CARGO_BIN_EXE_fuzz-register")),
];

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `bin` with `input` on standard input; returns (success, standard error).
fn run(bin: &str, input: &[u8]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{bin}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        // A target may stop reading early (it reads at most 1 MiB); a closed pipe is no error.
        let _ = stdin.write_all(input);
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{bin}: {e}"));
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_target_runs_every_seed_to_the_end() {
    let mut ran = 0;
    for (target, bin) in TARGETS {
        let files = seeds(target);
        assert!(!files.is_empty(), "fuzz/seeds/{target} has no seed");
        for file in files {
            let input = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let (status, stderr) = run(bin, &input);
            assert!(
                status.success() && stderr.is_empty(),
                "fuzz-{target} on {}: {status}, standard error: {stderr}",
                file.display()
            );
            ran += 1;
        }
    }
    assert!(ran >= 18, "only {ran} seeds ran (fuzz/seeds holds 18)");
}

#[test]
fn empty_and_garbage_input_is_no_crash() {
    for (target, bin) in TARGETS {
        for input in [
            &b""[..],
            &[0xff; 4096][..],
            b"\x00\x01\x02%PDF-1.7\nPK\x03\x04",
        ] {
            let (status, stderr) = run(bin, input);
            assert!(
                status.success() && stderr.is_empty(),
                "fuzz-{target} on {} bytes: {status}, standard error: {stderr}",
                input.len()
            );
        }
    }
}
