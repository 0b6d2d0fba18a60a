//! Issue 2 performance targets (results in docs/benchmarks.md):
//! - computing all dated events for 100,000 agreements: at most 200 ms;
//! - importing 10,000 generated agreement documents in one batch: at most 10 s.
//!
//! Run: `cargo bench -p renewal-core --bench engine`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use renewal_core::adapters::import::{import_file, import_markdown};
use renewal_core::adapters::store::Store;
use renewal_core::domain::model::Agreement;
use renewal_core::domain::rules::{assess, assess_many};
use renewal_core::services::samples::generate_document;

fn agreements(n: usize) -> Vec<Agreement> {
    (0..n)
        .map(|i| {
            import_markdown("generated.md", &generate_document(i))
                .expect("generated documents import")
                .agreement
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let all = agreements(100_000);
    let events: usize = all.iter().map(|a| assess(a, today).events.len()).sum();
    eprintln!("100,000 agreements yield {events} dated events");
    let mut g = c.benchmark_group("engine");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("assess 100k agreements", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in &all {
                n += black_box(assess(a, today)).events.len();
            }
            n
        })
    });
    let refs: Vec<&Agreement> = all.iter().collect();
    g.bench_function("assess_many 100k agreements (all cores)", |b| {
        b.iter(|| {
            assess_many(&refs, today)
                .iter()
                .map(|s| s.events.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..10_000)
        .map(|i| {
            let p = dir.path().join(format!("agreement-{i}.md"));
            std::fs::write(&p, generate_document(i)).unwrap();
            p
        })
        .collect();
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    let mut run = 0;
    g.bench_function("import 10k documents in one batch (file DB)", |b| {
        b.iter(|| {
            run += 1;
            let db = dir.path().join(format!("bench-{run}.db"));
            let mut store = Store::open(&db).unwrap();
            let docs: Vec<_> = files.iter().map(|f| import_file(f).unwrap()).collect();
            let results = store.import_batch(&docs).unwrap();
            assert!(results.iter().all(|r| r.is_ok()));
            drop(store);
            let _ = std::fs::remove_file(&db);
            results.len()
        })
    });
    g.finish();
}

criterion_group!(benches, engine, import);
criterion_main!(benches);
