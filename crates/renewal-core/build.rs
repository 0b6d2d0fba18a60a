//! Build fingerprint of the code that computes views from agreements (issue 14 item 2): a
//! stored dashboard is used only by the very program that computed it
//! (`services::dashboard::DASHBOARD_VERSION`), so a changed engine, calendar or dashboard
//! never shows dates an older build stored, even under the same crate version.
//!
//! Sets `RENEWAL_RULES_FINGERPRINT` to a 64-bit FNV-1a hash (16 hex digits) of every file
//! under `renewal-domain/src` and this crate's `src`, in path order, path and content.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let roots = [manifest.join("../renewal-domain/src"), manifest.join("src")];
    let mut paths = Vec::new();
    for root in &roots {
        println!("cargo:rerun-if-changed={}", root.display());
        files(root, &mut paths);
    }
    paths.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in &paths {
        let rel = path.strip_prefix(&manifest).unwrap_or(path);
        feed(rel.to_string_lossy().as_bytes());
        feed(&std::fs::read(path).unwrap_or_default());
    }
    println!("cargo:rustc-env=RENEWAL_RULES_FINGERPRINT={hash:016x}");
}
