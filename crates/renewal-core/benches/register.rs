//! Register import benchmark (issue 11, "Performance"): a register of 1,000 rows imports in
//! at most 2 s.
//!
//! The registers are made here: 1,000 rows of varied agreements (real date cells in the
//! `.xlsx`, text dates in the `.csv`, Peru and Chile, auto-renewing and fixed terms, amounts
//! in both decimal styles). Timed: read the file, find the header, map the columns, read
//! every row as an agreement and store it (a new on-disk database in WAL mode each time),
//! as `renewals import` does; then the re-import of the same file (every row unchanged).
//!
//! Run: `cargo bench -p renewal-core --bench register`. Results: docs/benchmarks.md.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use renewal_core::adapters::store::Store;
use renewal_core::services::register::import_register;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROWS: usize = 1_000;

const HEADERS: [&str; 12] = [
    "Contract ID",
    "Contract",
    "Supplier",
    "Owner",
    "Country",
    "Start date",
    "End date",
    "Auto-renew",
    "Renewal term",
    "Notice (days)",
    "Value",
    "Currency",
];

struct Row {
    id: String,
    title: String,
    supplier: String,
    owner: &'static str,
    country: &'static str,
    start: NaiveDate,
    end: NaiveDate,
    renews: bool,
    notice: u32,
    value: u64,
    currency: &'static str,
}

fn rows() -> Vec<Row> {
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    (0..ROWS)
        .map(|i| {
            let start = base
                .checked_add_days(Days::new((i * 7 % 1400) as u64))
                .unwrap();
            let years = 1 + (i % 4) as u32;
            let end = start
                .checked_add_months(chrono::Months::new(12 * years))
                .unwrap()
                .pred_opt()
                .unwrap();
            Row {
                id: format!("C-{i:05}"),
                title: format!("Services agreement {i}"),
                supplier: format!("Supplier {} S.A.C.", i % 97),
                owner: ["Ana Ruiz", "Luis Paz", "María Soto"][i % 3],
                country: ["PE", "CL", "Peru"][i % 3],
                start,
                end,
                renews: i % 5 != 0,
                notice: [30, 60, 90][i % 3],
                value: 10_000 + (i as u64) * 1_250,
                currency: ["PEN", "USD", "CLP"][i % 3],
            }
        })
        .collect()
}

fn write_xlsx(path: &Path, rows: &[Row]) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let xd = |d: NaiveDate| {
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap()
    };
    for (i, r) in rows.iter().enumerate() {
        let n = (i + 1) as u32;
        ws.write_string(n, 0, &r.id).unwrap();
        ws.write_string(n, 1, &r.title).unwrap();
        ws.write_string(n, 2, &r.supplier).unwrap();
        ws.write_string(n, 3, r.owner).unwrap();
        ws.write_string(n, 4, r.country).unwrap();
        ws.write_datetime_with_format(n, 5, xd(r.start), &date)
            .unwrap();
        ws.write_datetime_with_format(n, 6, xd(r.end), &date)
            .unwrap();
        ws.write_string(n, 7, if r.renews { "Yes" } else { "No" })
            .unwrap();
        if r.renews {
            ws.write_string(n, 8, "12 months").unwrap();
            ws.write_number(n, 9, r.notice).unwrap();
        }
        ws.write_number(n, 10, r.value as f64).unwrap();
        ws.write_string(n, 11, r.currency).unwrap();
    }
    wb.save(path).unwrap();
}

fn write_csv(path: &Path, rows: &[Row]) {
    let mut text = HEADERS.join(";") + "\n";
    for r in rows {
        text.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{};{};{}\n",
            r.id,
            r.title,
            r.supplier,
            r.owner,
            r.country,
            r.start.format("%d/%m/%Y"),
            r.end.format("%d/%m/%Y"),
            if r.renews { "Sí" } else { "No" },
            if r.renews { "12 meses" } else { "" },
            if r.renews {
                r.notice.to_string()
            } else {
                String::new()
            },
            // 1.234.567,00
            {
                let s = r.value.to_string();
                let mut out = String::new();
                for (k, ch) in s.chars().enumerate() {
                    if k > 0 && (s.len() - k) % 3 == 0 {
                        out.push('.');
                    }
                    out.push(ch);
                }
                out + ",00"
            },
            r.currency,
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// Imports `register` into a new database in `dir`; returns the time and checks every row
/// was imported.
fn import_once(dir: &Path, register: &Path, k: usize) -> Duration {
    let db = dir.join(format!("bench-{k}.db"));
    let mut store = Store::open(&db).unwrap();
    let t = Instant::now();
    let report = import_register(&mut store, register, None, None, as_of()).unwrap();
    let took = t.elapsed();
    assert_eq!(
        report.imported as usize,
        ROWS,
        "{:?}",
        report.rows.iter().find(|r| r.message.is_some())
    );
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let rows = rows();
    let xlsx = dir.path().join("register.xlsx");
    let csv = dir.path().join("register.csv");
    write_xlsx(&xlsx, &rows);
    write_csv(&csv, &rows);
    let mut k = 0;
    for (name, path) in [("xlsx", &xlsx), ("csv", &csv)] {
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                k += 1;
                import_once(dir.path(), path, k)
            })
            .collect();
        println!(
            "register import, 1,000 rows, {name}: median {:.0} ms (min {:.0}, max {:.0})",
            median(times.clone()).as_secs_f64() * 1000.0,
            times.iter().min().unwrap().as_secs_f64() * 1000.0,
            times.iter().max().unwrap().as_secs_f64() * 1000.0
        );
    }
    // Re-import of the same file into a database that holds it: every row unchanged.
    let db = dir.path().join("again.db");
    let mut store = Store::open(&db).unwrap();
    import_register(&mut store, &xlsx, None, None, as_of()).unwrap();
    let mut g = c.benchmark_group("register");
    g.sample_size(10);
    g.bench_function("import 1,000-row xlsx into a new database", |b| {
        b.iter(|| {
            k += 1;
            import_once(dir.path(), &xlsx, k)
        })
    });
    g.bench_function("re-import 1,000-row xlsx (all unchanged)", |b| {
        b.iter(|| {
            let r = import_register(&mut store, &xlsx, None, None, as_of()).unwrap();
            assert_eq!(r.unchanged as usize, ROWS);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
