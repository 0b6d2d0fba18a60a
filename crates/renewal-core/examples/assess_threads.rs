//! Times `assess_many` on one thread and on the machine's threads (issue 14 item 5), for
//! N generated agreements (default 100,000 and 10,000), median of R runs (default 5) each.
//! Prints one tab-separated line per size: agreements, threads, serial ms, assess_many ms,
//! ratio (assess_many / serial).
//!
//! `cargo run --release -p renewal-core --example assess_threads -- [N ...] [--runs R]`
#![allow(missing_docs)]

use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use renewal_core::adapters::import::import_markdown;
use renewal_core::domain::model::Agreement;
use renewal_core::domain::rules::{assess_many, assess_many_with};
use renewal_core::services::samples::generate_document;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> ExitCode {
    let mut sizes = Vec::new();
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            match args.next().and_then(|r| r.parse().ok()) {
                Some(r) if r > 0 => runs = r,
                _ => {
                    eprintln!("--runs needs a whole number above 0");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            match a.parse::<usize>() {
                Ok(n) if n > 0 => sizes.push(n),
                _ => {
                    eprintln!("usage: assess_threads [N ...] [--runs R]");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    if sizes.is_empty() {
        sizes = vec![100_000, 10_000];
    }
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 23) else {
        return ExitCode::FAILURE;
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // 2,000 distinct generated agreements, repeated: the engine's cost, not the importer's.
    let mut distinct: Vec<Agreement> = Vec::new();
    for i in 0..2_000 {
        match import_markdown("generated.md", &generate_document(i)) {
            Ok(o) => distinct.push(o.agreement),
            Err(e) => {
                eprintln!("generated document {i}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("agreements\tthreads\tserial_ms\tassess_many_ms\tratio");
    for n in sizes {
        let refs: Vec<&Agreement> = (0..n).map(|i| &distinct[i % distinct.len()]).collect();
        let (mut serial, mut many) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let t = Instant::now();
            let a = assess_many_with(&refs, today, 1);
            serial.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let b = assess_many(&refs, today);
            many.push(t.elapsed().as_secs_f64() * 1e3);
            if a != b {
                eprintln!("assess_many differs from one thread at {n} agreements");
                return ExitCode::FAILURE;
            }
        }
        let (s, m) = (median(serial), median(many));
        println!("{n}\t{threads}\t{s:.1}\t{m:.1}\t{:.2}", m / s);
    }
    ExitCode::SUCCESS
}
