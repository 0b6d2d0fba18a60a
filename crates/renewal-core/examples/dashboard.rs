//! Computes the dashboard and the agreements table of a database and prints how long each
//! took (a quick check of the app's first screen with a large register).
//!
//! `cargo run --release -p renewal-core --example dashboard -- DB [YYYY-MM-DD]`
#![allow(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use renewal_core::adapters::store::Store;
use renewal_core::services::dashboard::{
    agreement_rows_with, dashboard_cached, dashboard_with, view_threads,
};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next().map(PathBuf::from) else {
        eprintln!("usage: dashboard DB [YYYY-MM-DD]");
        return ExitCode::FAILURE;
    };
    let today = match args.next() {
        Some(t) => match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{t}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => chrono::Local::now().date_naive(),
    };
    let run = || -> renewal_core::Result<()> {
        let t0 = Instant::now();
        let store = Store::open(&db)?;
        let t1 = Instant::now();
        println!("open {:?}", t1 - t0);
        let count = usize::try_from(store.count()?).unwrap_or(0);
        let mut threads = vec![1];
        if view_threads(count) > 1 {
            threads.push(view_threads(count));
        }
        for &n in &threads {
            let t1 = Instant::now();
            let d = dashboard_with(&store, today, n)?;
            let t2 = Instant::now();
            let json = serde_json::to_string(&d)?;
            let t3 = Instant::now();
            let rows = agreement_rows_with(&store, today, n)?;
            let t4 = Instant::now();
            let rows_json = serde_json::to_string(&rows)?;
            println!(
                "{} agreements, {n} thread(s): dashboard {:?} ({} bytes of JSON in {:?}), table {:?} ({} bytes of JSON)",
                d.counts.agreements,
                t2 - t1,
                json.len(),
                t3 - t2,
                t4 - t3,
                rows_json.len()
            );
        }
        // Kept between starts (what the app does): the first call computes and stores it,
        // the second reads it back.
        for _ in 0..2 {
            let t = Instant::now();
            let c = dashboard_cached(&store, today)?;
            println!(
                "dashboard_cached: {:?} ({})",
                t.elapsed(),
                if c.stored {
                    "read back"
                } else {
                    "computed and stored"
                }
            );
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
