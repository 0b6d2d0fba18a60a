//! Computes the dashboard and the agreements table of a database and prints how long each
//! took (a quick check of the app's first screen with a large register), then the
//! agreements table's queries as the app answers them (services::table: building it, the
//! first window in each order, a search typed key by key, a filter).
//!
//! `cargo run --release -p renewal-core --example dashboard -- DB [YYYY-MM-DD]`
//! (`TABLE_ONLY=1`: the table's part alone, with the process's resident memory, VmRSS and
//! its peak VmHWM from /proc/self/status, before and after building the table).
#![allow(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use renewal_core::adapters::store::Store;
use renewal_core::services::dashboard::{
    agreement_rows_with, dashboard_cached, dashboard_with, view_threads,
};
use renewal_core::services::table::{AgreementTable, SortDirection, TableColumn, TableQuery};

/// VmRSS and VmHWM of this process (Linux), e.g. `VmRSS 150 MB, VmHWM 300 MB`.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{} MB", kb / 1024))
    };
    format!("VmRSS {}, VmHWM {}", field("VmRSS:"), field("VmHWM:"))
}

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
        let table_only = std::env::var_os("TABLE_ONLY").is_some_and(|v| v == "1");
        if table_only {
            threads.clear();
        }
        println!("memory at start: {}", memory());
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
        // The table as the app keeps it, and the queries of the page.
        let rows = agreement_rows_with(&store, today, view_threads(count))?;
        let t = Instant::now();
        println!("rows computed: {}", memory());
        let table = AgreementTable::new(rows);
        println!("table built: {:?}; {}", t.elapsed(), memory());
        let window = |q: &TableQuery| -> renewal_core::Result<String> {
            let t = Instant::now();
            let page = table.query(q);
            let ms = t.elapsed();
            let json = serde_json::to_string(&page)?;
            Ok(format!(
                "{ms:?} ({} of {}, {} bytes of JSON)",
                page.matching,
                page.total,
                json.len()
            ))
        };
        for column in TableColumn::ALL {
            for direction in [SortDirection::Asc, SortDirection::Desc] {
                let q = TableQuery {
                    direction,
                    ..TableQuery::all(column, 200)
                };
                println!("sort {column:?} {direction:?}: first {}", window(&q)?);
                println!("  again: {}", window(&q)?);
            }
        }
        let mut typed = String::new();
        for key in "4821".chars() {
            typed.push(key);
            let q = TableQuery {
                search: typed.clone(),
                ..TableQuery::all(TableColumn::Next, 200)
            };
            println!("search {typed:?}: {}", window(&q)?);
        }
        let q = TableQuery {
            search: "4821".into(),
            offset: 200,
            ..TableQuery::all(TableColumn::Next, 200)
        };
        println!("search \"4821\", next window: {}", window(&q)?);
        let q = TableQuery {
            with_options: true,
            currency: table.options().currencies.first().cloned(),
            ..TableQuery::all(TableColumn::Next, 200)
        };
        println!("filter {:?} with options: {}", q.currency, window(&q)?);
        println!("after every order and search: {}", memory());
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
