//! The bad-input corpus, through the CLI: each file gets a clear error (or warning) naming
//! the file, the line and the field; nothing of a failed document is stored; nothing stored
//! before is touched.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

const GOOD_HEAD: &str = "# Test Peru Supply Agreement\n\n| Field | Details |\n|---|---|\n| Parties | Acme SAC / Widget Corp |\n";

struct Case {
    name: &'static str,
    content: Vec<u8>,
    /// Substrings the error output must contain.
    expect: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    let mut invalid_utf8 = b"# Title\n\nline two \xff\xfe here\n".to_vec();
    invalid_utf8.extend_from_slice(b"more\n");
    vec![
        Case {
            name: "empty.md",
            content: Vec::new(),
            expect: &["empty.md", "empty"],
        },
        Case {
            name: "blank.md",
            content: b"  \n\n \n".to_vec(),
            expect: &["blank.md", "empty"],
        },
        Case {
            name: "binary.md",
            content: vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
            expect: &["binary.md:1", "binary"],
        },
        Case {
            name: "latin1.md",
            content: invalid_utf8,
            expect: &["latin1.md:3", "invalid UTF-8", "column 10"],
        },
        Case {
            name: "notes.md",
            content: b"# Meeting notes\n\nWe talked about lunch.\n\n- pizza\n- salad\n".to_vec(),
            expect: &["notes.md", "no agreement found", "Effective Date"],
        },
        Case {
            name: "no-title.md",
            content: b"Just some text without a heading.\n".to_vec(),
            expect: &["no-title.md", "no agreement found"],
        },
        Case {
            name: "feb31.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 31 February 2025 |\n| Term | 3 years |\n"
            )
            .into_bytes(),
            expect: &[
                "feb31.md:6",
                "Effective Date",
                "31 February 2025 does not exist",
            ],
        },
        Case {
            name: "negative.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | -3 years |\n"
            )
            .into_bytes(),
            expect: &["negative.md:7", "Term", "positive"],
        },
        Case {
            name: "zero.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 0 months |\n"
            )
            .into_bytes(),
            expect: &["zero.md:7", "Term", "positive"],
        },
        Case {
            name: "absurd.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 500 years |\n"
            )
            .into_bytes(),
            expect: &["absurd.md:7", "Term", "longer than 100 years"],
        },
        Case {
            name: "wordy-term.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | until further notice |\n"
            )
            .into_bytes(),
            expect: &["wordy-term.md:7", "Term", "expected a length"],
        },
        // Issue 13 item 3: a year outside 1900–2200 is an error naming the field.
        Case {
            name: "y0.md",
            content: b"# Test Peru Supply Agreement\n\n| Field | Details |\n|---|---|\n| Parties | Acme S.A.C. and Them & <i>Co</i> |\n| Effective date | 1 January 0000 |\n| Initial term | 12 months |\n".to_vec(),
            expect: &[
                "y0.md:6",
                "Effective date",
                "\"1 January 0000\": year 0000 is outside 1900–2200",
            ],
        },
        Case {
            name: "iso-2201.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 2201-03-01 |\n| Term | 3 years |\n"
            )
            .into_bytes(),
            expect: &["iso-2201.md:6", "Effective Date", "year 2201 is outside 1900–2200"],
        },
        Case {
            name: "review-1899.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n---\n\n**Next Review**: July 1899\n"
            )
            .into_bytes(),
            expect: &["review-1899.md:11", "Next Review", "year 1899 is outside 1900–2200"],
        },
        Case {
            name: "due-3000.md",
            content: format!(
                "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n## Compliance\n\n| Requirement | Status | Due |\n|---|---|---|\n| ISO 27001 | Pending | Q2 3000 |\n"
            )
            .into_bytes(),
            expect: &["due-3000.md:13", "Due", "year 3000 is outside 1900–2200"],
        },
        Case {
            name: "y0.txt",
            content: b"SERVICES AGREEMENT\n\nThis Agreement is made between Acme S.A.C. and Widget Corp.\n\nEffective Date: 1 January 0000\n\nTerm: 3 years\n".to_vec(),
            expect: &["y0.txt:5", "effective_date", "year 0000 is outside 1900–2200"],
        },
    ]
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn snapshot(db: &Path) -> (String, String) {
    let list = renewals(db, "2026-11-23", &["list", "--json"]);
    let deadlines = renewals(db, "2026-11-23", &["deadlines", "--json"]);
    (stdout(&list), stdout(&deadlines))
}

#[test]
fn every_bad_file_gets_a_clear_error_and_nothing_stored_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let seeds: Vec<String> = seed_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(seeds.iter().map(String::as_str));
    assert!(renewals(&db, "2026-11-23", &args).status.success());
    let before = snapshot(&db);

    for case in cases() {
        let path = write(dir.path(), case.name, &case.content);
        let out = renewals(&db, "2026-11-23", &["import", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{} should fail", case.name);
        for e in case.expect {
            assert!(err.contains(e), "{}: expected {e:?} in:\n{err}", case.name);
        }
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(snapshot(&db), before, "{} changed the database", case.name);
    }
}

#[test]
fn a_50_mb_file_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let big = dir.path().join("huge.md");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = renewals(&db, "2026-11-23", &["import", big.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("huge.md") && err.contains("50.0 MB"), "{err}");
    assert_eq!(
        stdout(&renewals(&db, "2026-11-23", &["list", "--json"])).trim(),
        "[]"
    );
}

#[test]
fn import_goes_on_past_a_bad_file_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let bad = write(dir.path(), "empty.md", b"");
    let good = seed("microsoft-peru-mifibra.md");
    let out = renewals(
        &db,
        "2026-11-23",
        &["import", bad.to_str().unwrap(), good.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Microsoft Peru Partnership Agreement"));
    assert!(stderr(&out).contains("empty.md"));
    assert!(stderr(&out).contains("1 of 2 file(s) failed"));
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&renewals(&db, "2026-11-23", &["list", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn a_notice_period_longer_than_the_term_is_a_warning_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = format!(
        "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 6 months (auto-renewal) |\n\n## Renewal Terms\n\n- Auto-renewal for 3-month periods\n- 120-day notice for non-renewal\n"
    );
    let p = write(dir.path(), "long-notice.md", doc.as_bytes());
    let out = renewals(&db, "2026-11-23", &["import", p.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = renewals(&db, "2026-11-23", &["show", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "notice_longer_than_term")
        .expect("warning");
    assert_eq!(w["line"], 12);
    assert_eq!(w["field"], "non_renewal_notice");
    assert!(w["message"].as_str().unwrap().contains("120 days"));
}

#[test]
fn an_impossible_review_date_is_a_warning_and_the_field_stays_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = format!(
        "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n---\n\n**Next Review**: 31 February 2026\n"
    );
    let p = write(dir.path(), "review.md", doc.as_bytes());
    assert!(
        renewals(&db, "2026-11-23", &["import", p.to_str().unwrap()])
            .status
            .success()
    );
    let v: serde_json::Value =
        serde_json::from_slice(&renewals(&db, "2026-11-23", &["show", "1", "--json"]).stdout)
            .unwrap();
    assert!(v["agreement"]["next_review"].is_null());
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "invalid_date")
        .unwrap();
    assert_eq!(w["line"], 11);
    assert!(w["message"].as_str().unwrap().contains("does not exist"));
}

#[test]
fn a_hand_edit_to_the_year_0000_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let ms = seed("microsoft-peru-mifibra.md");
    assert!(
        renewals(&db, "2026-11-23", &["import", ms.to_str().unwrap()])
            .status
            .success()
    );
    let before = snapshot(&db);
    for (field, value) in [
        ("effective_date", "1 January 0000"),
        ("next_review", "July 2201"),
        ("planned_exit", "0000-06-30"),
    ] {
        let out = renewals(&db, "2026-11-23", &["edit", "1", field, value]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{field} = {value} was accepted");
        assert!(err.contains(field), "{err}");
        assert!(err.contains("is outside 1900–2200"), "{err}");
    }
    assert_eq!(snapshot(&db), before);
}

/// `(code, line, message)` of each warning of agreement 1.
fn warnings(db: &Path) -> Vec<(String, Option<u64>, String)> {
    let v: serde_json::Value =
        serde_json::from_slice(&renewals(db, "2026-11-23", &["show", "1", "--json"]).stdout)
            .unwrap();
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap_or_default().to_string(),
                w["line"].as_u64(),
                w["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn an_amount_in_exponent_form_or_beyond_the_decimal_range_is_a_warning_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = format!(
        "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n| Contract value | S/1e308M |\n\n## Investment Commitments\n\n| Year | Amount |\n|---|---|\n| 2026 | S/2.5E6 |\n| 2027 | 99999999999999999999999999999999 |\n| 2028 | S/3M |\n"
    );
    let p = write(dir.path(), "money.md", doc.as_bytes());
    let out = renewals(&db, "2026-11-23", &["import", p.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let w = warnings(&db);
    let unreadable: Vec<_> = w.iter().filter(|w| w.0 == "unreadable_amount").collect();
    assert_eq!(unreadable.len(), 3, "{w:?}");
    assert_eq!(unreadable[0].1, Some(8));
    assert!(unreadable[0]
        .2
        .contains("\"S/1e308M\" is written in exponent form"));
    assert_eq!(unreadable[1].1, Some(14));
    assert!(unreadable[1]
        .2
        .contains("\"S/2.5E6\" is written in exponent form"));
    assert_eq!(unreadable[2].1, Some(15));
    assert!(unreadable[2]
        .2
        .contains("\"99999999999999999999999999999999\" is outside the range"));
    // Nothing guessed: no total, and only the readable row is a commitment.
    let v: serde_json::Value =
        serde_json::from_slice(&renewals(&db, "2026-11-23", &["show", "1", "--json"]).stdout)
            .unwrap();
    assert!(v["agreement"]["total_commitment"].is_null(), "{v}");
    let commitments = v["agreement"]["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 1, "{commitments:?}");
    assert_eq!(commitments[0]["value"]["money"]["amount"], "3000000");
}

#[test]
fn html_like_text_is_stored_shown_and_printed_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let doc = "# Test Peru Supply Agreement\n\n| Field | Details |\n|---|---|\n| Parties | Acme S.A.C. and Them & <i>Co</i> |\n| Effective Date | 1 January 2025 |\n| Term | 2 years |\n";
    let p = write(dir.path(), "html.md", doc.as_bytes());
    let out = renewals(&db, "2026-11-23", &["import", p.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&renewals(&db, "2026-11-23", &["show", "1", "--json"]).stdout)
            .unwrap();
    assert_eq!(v["agreement"]["counterparty"], "Them & <i>Co</i>");
    assert_eq!(
        v["agreement"]["parties"]["value"],
        serde_json::json!(["Acme S.A.C.", "Them & <i>Co</i>"])
    );
    let list = stdout(&renewals(&db, "2026-11-23", &["list"]));
    assert!(list.contains("Them & <i>Co</i>"), "{list}");
    let pdf = dir.path().join("brief.pdf");
    let out = renewals(
        &db,
        "2026-11-23",
        &["brief", "1", "-o", pdf.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Them & <i>Co</i>"), "{flat}");
}

#[test]
fn a_5000_column_table_is_refused_quickly_naming_the_line_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let head: String = (0..5000).map(|i| format!(" c{i} |")).collect();
    let sep = " --- |".repeat(5000);
    let row: String = (0..5000).map(|i| format!(" S/{i}K |")).collect();
    let doc = format!("{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n## Fees\n\n|{head}\n|{sep}\n|{row}\n|{row}\n");
    assert!(doc.len() > 100_000);
    for name in ["wide.md", "wide.txt"] {
        let p = write(dir.path(), name, doc.as_bytes());
        // How fast it is refused is measured in docs/benchmarks.md, not timed here.
        let out = renewals(&db, "2026-11-23", &["import", p.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}: {err}");
        assert!(
            err.contains(&format!(
                "{name}:11: table row has 5000 columns; at most 64 are read"
            )),
            "{err}"
        );
        assert_eq!(
            stdout(&renewals(&db, "2026-11-23", &["list", "--json"])).trim(),
            "[]"
        );
    }
}

/// The adversarial documents of issue 13 item 2, each under the 5 MiB limit.
fn adversarial_documents() -> Vec<(&'static str, String)> {
    let kv_head = format!("{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n");
    let mut docs = Vec::new();
    // one paragraph of 4.9 MB on a single line
    docs.push((
        "paragraph.md",
        format!("{kv_head}{}\n", "the parties agree that ".repeat(210_000)),
    ));
    // 100,000 short lines
    docs.push((
        "lines.md",
        format!("{kv_head}{}", "Line of text.\n".repeat(100_000)),
    ));
    // a table as large as the limits allow: 64 columns, 20,000 cells in all
    let row = format!("|{}\n", " S/1K |".repeat(64));
    docs.push((
        "table.md",
        format!(
            "{kv_head}## Fees\n\n|{}\n|{}\n{}",
            " Fee |".repeat(64),
            "---|".repeat(64),
            row.repeat(300)
        ),
    ));
    // 50,000 key/value lines
    docs.push((
        "keys.txt",
        (0..50_000)
            .map(|i| format!("Clause {i}: value number {i} of the agreement\n"))
            .collect::<String>(),
    ));
    // one 4 MB word in a field
    docs.push((
        "word.md",
        format!(
            "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n| Contract owner | {} |\n",
            "x".repeat(4_000_000)
        ),
    ));
    // lists nested 1,500 deep
    docs.push((
        "nested.md",
        format!(
            "{kv_head}{}",
            (0..1_500)
                .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
                .collect::<String>()
        ),
    ));
    docs
}

#[test]
fn adversarial_documents_import_within_bounded_memory_or_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in adversarial_documents() {
        assert!(content.len() < 5 * 1024 * 1024, "{name} is over the limit");
        let path = write(dir.path(), name, content.as_bytes());
        let db = dir.path().join(format!("{name}.db"));
        // 600 MB of address space (the 500 MB budget, plus the binary's own mappings).
        // A refused document exits 6 (README, "Exit codes"); killed by the limit, it would not.
        let script =
            "ulimit -v 600000; exec timeout 60 \"$0\" --db \"$1\" --today 2026-11-23 import \"$2\"";
        let started = std::time::Instant::now();
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .arg(renewals_bin())
            .arg(&db)
            .arg(&path)
            .env_remove("RENEWAL_DESK_DB")
            .output()
            .unwrap();
        let err = stderr(&out);
        let code = out.status.code();
        assert!(
            code == Some(0) || (code == Some(6) && err.contains(name)),
            "{name}: killed or failed without a clear message ({:?}) after {:?}:\n{}",
            out.status,
            started.elapsed(),
            err.chars().take(2000).collect::<String>()
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!err.contains("memory allocation"), "{name}: {err}");
    }
}

/// Runs `import` and then `extract` of the one file `path` (named `name`) and checks that
/// each exits `code` with an `error:` line naming the file and saying `why`, and that
/// nothing was stored (README.md, "Exit codes": 6 a document read and refused, 7 a file that
/// could not be read).
fn assert_single_refusal(path: &Path, name: &str, code: i32, why: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let file = path.to_str().unwrap();
    let out = renewals(&db, "2026-11-23", &["import", file]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "import {name}:\n{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: ") && l.contains(name) && l.contains(why)),
        "import {name}: expected an error naming the file and {why:?}:\n{err}"
    );
    assert!(err.contains("1 of 1 file(s) failed"), "{err}");
    assert_eq!(
        stdout(&renewals(&db, "2026-11-23", &["list", "--json"])).trim(),
        "[]"
    );
    if why.contains("columns") {
        return; // extract reads tables as text: a wide table is read, not refused.
    }
    let out = renewals(&db, "2026-11-23", &["extract", file]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "extract {name}:\n{err}");
    assert!(
        err.contains(name) && err.contains(why),
        "extract {name}:\n{err}"
    );
}

#[test]
fn a_refused_binary_document_exits_6_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "logo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_single_refusal(&p, "logo.md", 6, "binary file (contains NUL bytes)");
}

#[test]
fn a_refused_oversized_document_exits_6_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.md");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(6 * 1024 * 1024).unwrap();
    assert_single_refusal(&p, "huge.md", 6, "expected to be under 5 MB");
}

#[test]
fn a_fifo_exits_7_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&p).status().unwrap();
    assert!(made.success());
    assert_single_refusal(
        &p,
        "pipe.md",
        7,
        "is not a regular file (a FIFO (named pipe))",
    );
}

#[test]
fn a_symlink_to_dev_zero_exits_7_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
    assert_single_refusal(&p, "zero.md", 7, "is not a regular file (a device)");
}

#[test]
fn a_missing_file_exits_7_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("absent.md");
    assert_single_refusal(&p, "absent.md", 7, "cannot read the file");
}

#[test]
fn a_refused_wide_table_exits_6_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cells = " S/1K |".repeat(100);
    let doc = format!(
        "{GOOD_HEAD}| Effective Date | 1 January 2025 |\n| Term | 2 years |\n\n## Fees\n\n|{cells}\n"
    );
    let p = write(dir.path(), "wide-fees.md", doc.as_bytes());
    assert_single_refusal(
        &p,
        "wide-fees.md:11",
        6,
        "table row has 100 columns; at most 64 are read",
    );
}

#[test]
fn a_batch_with_one_unreadable_and_one_refused_document_exits_7_and_with_a_good_one_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let bad = write(dir.path(), "logo.md", b"PNG\0\0");
    let missing = dir.path().join("absent.md");
    let (bad, missing) = (bad.to_str().unwrap(), missing.to_str().unwrap());
    let out = renewals(&db, "2026-11-23", &["import", bad, missing]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let good = seed("microsoft-peru-mifibra.md");
    let out = renewals(
        &db,
        "2026-11-23",
        &["import", bad, good.to_str().unwrap(), missing],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 of 3 file(s) failed"));
}
