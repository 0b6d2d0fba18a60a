//! Renewal brief benchmarks (issue 3): one brief per sample agreement (target ≤ 10 ms and
//! ≤ 60 KB each) and 1,000 briefs in one process (target ≤ 10 s).
//!
//! Run: `cargo bench -p renewal-core --bench brief`. Results: docs/benchmarks.md.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use renewal_core::adapters::brief::{render_brief, BriefOptions};
use renewal_core::adapters::import::import_file;
use renewal_core::adapters::store::StoredAgreement;

const SAMPLES: [&str; 3] = [
    "microsoft-peru-mifibra.md",
    "aws-peru-mifibra.md",
    "aws-chile-wom.md",
];

fn samples() -> Vec<(&'static str, StoredAgreement)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    SAMPLES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let out = import_file(&dir.join(name)).expect("sample agreement");
            (
                *name,
                StoredAgreement {
                    id: i as i64 + 1,
                    agreement: out.agreement,
                    sha256: out.sha256,
                    created_at: String::new(),
                    updated_at: String::new(),
                },
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = BriefOptions::default();
    let samples = samples();

    // First brief of the process: parses and slims the fonts once (reported, not targeted).
    let t = Instant::now();
    let first = render_brief(&samples[0].1, &[], today, &options).unwrap();
    println!(
        "first brief in the process (fonts parsed): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(first);

    let mut group = c.benchmark_group("brief");
    for (name, stored) in &samples {
        let bytes = render_brief(stored, &[], today, &options).unwrap();
        println!(
            "{name}: {} bytes ({:.1} KB)",
            bytes.len(),
            bytes.len() as f64 / 1024.0
        );
        assert!(bytes.len() <= 60 * 1024, "{name} brief is over 60 KB");
        group.bench_function(format!("one/{name}"), |b| {
            b.iter(|| render_brief(black_box(stored), &[], black_box(today), &options).unwrap())
        });
    }
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(40));
    group.bench_function("1000 briefs (samples in turn)", |b| {
        b.iter(|| {
            let mut total = 0usize;
            for i in 0..1000 {
                let (_, stored) = &samples[i % samples.len()];
                total += render_brief(stored, &[], today, &options).unwrap().len();
            }
            black_box(total)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
