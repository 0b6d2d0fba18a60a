//! The reading corpus (tests/corpus/reading, 48 agreements written for the project, 21 in
//! Spanish): every document is read by the one reader and each field is compared with its
//! hand-written `NAME.expected.json`, and the next notice deadline computed by the engine
//! from what was read is compared with the hand-computed one. Prints a per-field score
//! table and asserts the bar reached. `.docx` and `.pdf` are included as soon as the reader
//! can open them (the `formats` module); until then they are counted as skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use renewal_core::adapters::import::{read_path, reading};
use renewal_core::domain::rules::assess;
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/reading")
}

/// The documents of the corpus, sorted: `*.md`, `*.txt`, `*.docx`, `*.pdf`, but not the
/// `*.docx.txt` / `*.pdf.txt` sources nor README.md.
fn documents() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| {
        let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        (n.ends_with(".md") || n.ends_with(".txt") || n.ends_with(".docx") || n.ends_with(".pdf"))
            && !n.ends_with(".docx.txt")
            && !n.ends_with(".pdf.txt")
            && n != "README.md"
    });
    out.sort();
    out
}

fn expected_for(doc: &Path) -> Value {
    let stem = doc.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let path = corpus().join(format!("{stem}.expected.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn loose_eq(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// Whether the value read for `key` matches the expected one.
fn matches(key: &str, got: &Value, want: &Value) -> bool {
    let got = if got.is_null() {
        &Value::Null
    } else {
        &got["value"]
    };
    match key {
        "title" => match (got, want) {
            (Value::String(g), Value::String(w)) => loose_eq(g, w),
            (Value::Null, Value::Null) => true,
            _ => false,
        },
        "parties" => match (got, want) {
            (Value::Array(g), Value::Array(w)) => {
                g.len() == w.len()
                    && g.iter()
                        .zip(w)
                        .all(|(g, w)| loose_eq(g.as_str().unwrap_or(""), w.as_str().unwrap_or("")))
            }
            (Value::Null, Value::Null) => true,
            _ => false,
        },
        // a short text: stated or not
        "price_review" => got.is_null() == want.is_null(),
        _ => got == want,
    }
}

const FIELDS: [&str; 13] = [
    "title",
    "parties",
    "effective_date",
    "expiry_date",
    "initial_term",
    "auto_renewal",
    "renewal_period",
    "non_renewal_notice",
    "termination_for_convenience",
    "price_review",
    "next_review",
    "country",
    "currency",
];

#[test]
fn reading_corpus_scores() {
    let docs = documents();
    assert!(
        docs.len() >= 30,
        "corpus not found at {}",
        corpus().display()
    );
    let mut score: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut skipped = Vec::new();
    let mut read = 0usize;
    for doc in &docs {
        let name = doc
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let want = expected_for(doc);
        let text = match read_path(doc) {
            Ok(t) => t,
            Err(e) => {
                let binary = name.ends_with(".docx") || name.ends_with(".pdf");
                assert!(binary, "{name}: {e}");
                skipped.push(name);
                continue;
            }
        };
        read += 1;
        let r = reading::read(&text);
        assert_eq!(
            r.language.code(),
            want["language"].as_str().unwrap_or(""),
            "{name}: language"
        );
        let got = r.fields_json();
        for key in FIELDS {
            let ok = matches(key, &got[key], &want["fields"][key]);
            let e = score.entry(key).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            } else {
                misses.push(format!(
                    "{name}: {key}: read {} expected {}",
                    if got[key].is_null() {
                        Value::Null
                    } else {
                        got[key]["value"].clone()
                    },
                    want["fields"][key]
                ));
            }
        }
        // the next notice deadline, by the engine, from what was read
        let as_of = want["as_of"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .unwrap_or_else(|| panic!("{name}: as_of"));
        let agreement = r.to_agreement(&name);
        let a = assess(&agreement, as_of);
        let next = a
            .next_notice_deadline()
            .filter(|e| e.kind == renewal_core::domain::rules::EventKind::NonRenewalNoticeDeadline);
        for (key, got) in [
            (
                "next_notice_deadline",
                next.map(|e| e.unadjusted_date.to_string()),
            ),
            (
                "next_notice_deadline_adjusted",
                next.map(|e| e.date.to_string()),
            ),
        ] {
            let want = want[key].as_str().map(str::to_string);
            let e = score.entry(key).or_default();
            e.1 += 1;
            if got == want {
                e.0 += 1;
            } else {
                misses.push(format!("{name}: {key}: engine {got:?} expected {want:?}"));
            }
        }
    }
    let (mut ok, mut total) = (0, 0);
    println!(
        "\nreading corpus: {read} documents read, {} skipped (format not readable yet: {})",
        skipped.len(),
        skipped.join(", ")
    );
    println!("{:<32} {:>7} {:>6}", "field", "right", "%");
    for (k, (g, n)) in &score {
        ok += g;
        total += n;
        println!(
            "{k:<32} {g:>3}/{n:<3} {:>5.1}",
            100.0 * *g as f64 / *n as f64
        );
    }
    let overall = 100.0 * ok as f64 / total.max(1) as f64;
    println!("{:<32} {ok:>3}/{total:<3} {overall:>5.1}", "all fields");
    for m in &misses {
        println!("  miss {m}");
    }
    let pct = |k: &str| {
        score
            .get(k)
            .map_or(0.0, |(g, n)| 100.0 * *g as f64 / *n as f64)
    };
    assert!(
        overall >= MIN_OVERALL,
        "overall {overall:.1} % < {MIN_OVERALL} %"
    );
    for (k, min) in MIN_FIELD {
        assert!(pct(k) >= *min, "{k}: {:.1} % < {min} %", pct(k));
    }
}

/// The bar reached (all fields together), in percent: 76.2 % (503 of 660) when first run on
/// all 44 documents; a regression below it fails. Raise it as the recognisers improve.
const MIN_OVERALL: f64 = 75.0;
/// Per-field bars, in percent, a little under what the first full run reached.
const MIN_FIELD: &[(&str, f64)] = &[
    ("auto_renewal", 95.0),
    ("country", 97.0),
    ("effective_date", 72.0),
    ("renewal_period", 93.0),
    ("non_renewal_notice", 77.0),
    ("termination_for_convenience", 88.0),
    ("price_review", 97.0),
    ("title", 95.0),
    ("next_notice_deadline", 40.0),
];

#[test]
fn a_corpus_document_reads_the_same_through_extract_json() {
    // the JSON contract: exactly the 13 keys, each null or {value, confidence, source}
    let doc = corpus().join("03-saas-austin.md");
    let r = reading::read(&read_path(&doc).unwrap_or_else(|e| panic!("{e}")));
    let j = r.to_json("03-saas-austin.md");
    assert_eq!(j["format"], "markdown");
    assert_eq!(j["language"], "en");
    assert!(j["error"].is_null());
    let fields = j["fields"]
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let mut want: Vec<String> = FIELDS.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(fields, want);
    let notice = &j["fields"]["non_renewal_notice"];
    assert_eq!(
        notice["value"],
        serde_json::json!({"amount": 30, "unit": "days"})
    );
    assert_eq!(notice["confidence"], "high");
    assert_eq!(notice["source"]["line"], 8);
    assert!(notice["source"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("at least 30 days prior"));
    assert_eq!(
        j["fields"]["renewal_period"]["value"],
        serde_json::json!({"amount": 12, "unit": "months"})
    );
    assert_eq!(j["fields"]["expiry_date"]["value"], "2025-12-31");
    assert_eq!(j["fields"]["expiry_date"]["derived"], true);
}
