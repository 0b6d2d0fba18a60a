//! The briefs of the three samples as of 2026-11-23, checked by text (poppler's `pdftotext`
//! and `pdftohtml -xml`) against each defect issue 16 lists: which renewal is being decided,
//! statuses, term names, expired agreements, the deadline and the last business day to act,
//! readings shown as quotations, date styles, citations and table pipes. Each assertion
//! names the defect it guards.

use std::process::Command;

use renewal_core::adapters::brief::Paper;

use super::brief::{flat, pdftotext, render, seed, temp_pdf, tool};

fn brief_text(name: &str) -> (Vec<u8>, String) {
    let pdf = render(&seed(name), Paper::A4);
    let text = flat(&pdftotext(&pdf, &[]));
    (pdf, text)
}

/// The text of page `n` (1-based) in reading layout (`pdftotext -layout`: a table row's
/// cells on one line), whitespace flattened.
fn page(pdf: &[u8], n: u32) -> String {
    let n = n.to_string();
    flat(&pdftotext(pdf, &["-layout", "-f", &n, "-l", &n]))
}

/// The text between two headings (exclusive), e.g. the timeline section.
fn section<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let end = text[start..]
        .find(to)
        .map(|i| start + i)
        .unwrap_or(text.len());
    &text[start..end]
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const SHORT_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// True when `text` holds an ISO date `YYYY-MM-DD` (ASCII digits and hyphens).
fn has_iso_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(k, c)| match k {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        let bounded = i == 0 || !b[i - 1].is_ascii_digit();
        (shape && bounded).then(|| String::from_utf8_lossy(w).into_owned())
    })
}

// ---- Which renewal is being decided -------------------------------------------------------

#[test]
fn microsoft_peru_decides_the_renewal_of_2028_and_shows_2027_as_locked_in() {
    let (pdf, text) = brief_text("microsoft-peru-mifibra.md");
    // Defect: "If nobody acts … Friday 1 January 2027" (a renewal already locked in).
    assert!(
        text.contains("IF NOBODY ACTS Renews on Sat 1 Jan 2028 for 12 months"),
        "{text}"
    );
    assert!(
        !text.to_lowercase().contains("renews on fri 1 jan 2027"),
        "{text}"
    );
    // Defect: "Fri 1 Jan 2027 Renewal Open" right under "renewal locked in".
    assert!(text.contains("Fri 1 Jan 2027 Renewal Locked in"), "{text}");
    assert!(!text.contains("Fri 1 Jan 2027 Renewal Open"), "{text}");
    assert!(
        text.contains("LOCKED IN Already locked in (its notice deadline has closed): the renewal of Fri 1 Jan 2027"),
        "{text}"
    );
    // Defect: the timeline drew the locked-in 2027 term as "Next term, if not stopped" and
    // not the 2028 term being decided.
    let timeline = section(&text, "3 Timeline", "4 Notice and termination");
    assert!(
        !timeline.contains("Next term, if not stopped"),
        "{timeline}"
    );
    assert!(timeline.contains("Term 4"), "{timeline}");
    assert!(
        timeline.contains("Term being decided, if not stopped"),
        "{timeline}"
    );
    assert!(
        timeline.contains("Renewal term (past, current or locked in)"),
        "{timeline}"
    );
    // The decision sits on page 1.
    assert!(page(&pdf, 1).contains("DEADLINE (ACT BY) Fri 1 Oct 2027"));
}

// ---- Terms have one name --------------------------------------------------------------------

#[test]
fn terms_have_one_name_on_every_page() {
    let (_, text) = brief_text("microsoft-peru-mifibra.md");
    // Defect: "Term 2 (renewal)", "Term 3 (renewal) runs 2027-01-01", "Renewal 1/2".
    for wrong in ["(renewal)", "Renewal 1/", "Renewal 2/"] {
        assert!(!text.contains(wrong), "{wrong:?} in:\n{text}");
    }
    assert!(
        text.contains("CURRENT TERM Term 2, first renewal: Thu 1 Jan 2026 – Thu 31 Dec 2026"),
        "{text}"
    );
    assert!(
        text.contains("(Term 3, second renewal: Fri 1 Jan 2027 – Fri 31 Dec 2027)"),
        "{text}"
    );
    assert!(
        text.contains("Term 3, second renewal runs 2027-01-01 to 2027-12-31"),
        "{text}"
    );
}

// ---- Expired agreements -------------------------------------------------------------------

#[test]
fn an_expired_agreement_says_expired_offers_no_renewal_and_names_its_exit_rights() {
    let (pdf, text) = brief_text("aws-peru-mifibra.md");
    // Defect: "STATUS Expired" beside "CURRENT TERM Term 1 (initial)".
    assert!(text.contains("STATUS Expired Tue 30 Jun 2026"), "{text}");
    assert!(!text.contains("CURRENT TERM"), "{text}");
    assert!(
        text.contains("LAST TERM Term 1, initial: Sat 1 Jul 2023 – Tue 30 Jun 2026"),
        "{text}"
    );
    // Defect: "No termination rights are stated" beside "Use the exit right: Termination
    // (wind-down)" with nothing saying the latter is an exit right after the end.
    assert!(
        text.contains("No termination rights are stated in the agreement: nothing in it lets a party end it before its term ends. Its exit rights, which run after it ends, are in section 6."),
        "{text}"
    );
    // Defect: "Decision: ☐ Renew" for an agreement with no renewal clause that expired.
    let laid_out = flat(&pdftotext(&pdf, &["-layout"]));
    let checklist = section(&laid_out, "9 Actions checklist", "Commercial director");
    assert!(
        checklist.contains("Decision: Let it expire Renegotiate"),
        "{checklist}"
    );
    assert!(!checklist.contains("Renew "), "{checklist}");
    assert!(!checklist.contains("Exit Commercial"), "{checklist}");
    // Defect: "DEADLINE Sunday 27 December 2026" under "Date (act by)": the window's close
    // and, separately, the last business day to act within it (25 December is a holiday).
    let first = page(&pdf, 1);
    assert!(
        first.contains("DEADLINE (ACT BY) Thu 24 Dec 2026 31 days left"),
        "{first}"
    );
    assert!(
        first.contains("the window closes Sun 27 Dec 2026"),
        "{first}"
    );
    assert!(
        first.contains("Thu 24 Dec 2026 Exit window ends: Migration (assisted) Open +31 window closes Sun 27 Dec"),
        "{first}"
    );
    assert!(
        checklist.contains("Migration Commercial Director Thu 24 Dec 2026 (assisted) 31 days left"),
        "{checklist}"
    );
}

// ---- Readings shown as the text -------------------------------------------------------------

#[test]
fn quotations_are_the_documents_words_and_readings_are_labelled() {
    let (_, text) = brief_text("microsoft-peru-mifibra.md");
    // Defect: quoted clauses keep the Markdown table pipes.
    assert!(!text.contains('|'), "a table pipe in:\n{text}");
    assert!(
        text.contains("“Convenience” · “180 days” · “Wind-down plan” Source: line 156 (table row)"),
        "{text}"
    );
    // Defect: "30 days from notice of the breach … before termination" and "then-current
    // term" are the product's paraphrases, printed as quotations.
    assert!(!text.contains("then-current term”"), "{text}");
    assert!(
        text.contains("Reading: notice of non-renewal must be served at least 90 days before the end of the then-current term"),
        "{text}"
    );
    assert!(
        text.contains("Reading: the party in breach has 30 days from notice of the breach to remedy it before termination."),
        "{text}"
    );
    for quoted in text.split('“').skip(1) {
        let inner = quoted.split('”').next().unwrap_or_default();
        assert!(
            !inner.contains("rule ") && !inner.contains("Reading"),
            "a reading inside quotation marks: {inner:?}"
        );
    }
}

#[test]
fn a_dollar_sign_read_as_usd_is_an_assumption_not_as_stated() {
    let (pdf, text) = brief_text("aws-chile-wom.md");
    // Defect: `$` shown as "USD (US$) as stated".
    assert!(!text.contains("as stated"), "{text}");
    assert!(
        text.contains("Amounts are exact decimals in USD (US$): \"$\" was read as USD, an assumption (see section 7)"),
        "{text}"
    );
    // Section 7 lists it, with the country taken from the title.
    let readings = section(
        &text,
        "7 Readings and assumptions",
        "8 Warnings and data gaps",
    );
    assert!(readings.contains("USD"), "{readings}");
    assert!(readings.contains("Chile"), "{readings}");
    // Warnings that affect a date are on page 1 (item 8); the currency one is counted.
    let first = page(&pdf, 1);
    assert!(
        first.contains("DATA GAPS The dates in this brief rest on readings to confirm: ⚠ No renewal clause found: confirm whether it was extended ⚠ No termination rights found And 1 warning that does not affect a date: see section 8."),
        "{first}"
    );
}

// ---- One date style, legible citations ------------------------------------------------------

#[test]
fn one_date_style_and_iso_only_in_the_workings() {
    for name in [
        "microsoft-peru-mifibra.md",
        "aws-peru-mifibra.md",
        "aws-chile-wom.md",
    ] {
        let (pdf, text) = brief_text(name);
        // Defect: "Friday 1 October 2027" beside "Fri 1 Oct 2027".
        // ("2027-10-02 is a Saturday" in the workings names a day, not a date.)
        for day in WEEKDAYS {
            for digit in '0'..='9' {
                let spelled = format!("{day} {digit}");
                assert!(!text.contains(&spelled), "{name}: {spelled:?} in:\n{text}");
            }
        }
        // Defect: "Fri 2027-10-01": a weekday before an ISO date.
        for day in SHORT_WEEKDAYS {
            for year in ["2025-", "2026-", "2027-", "2028-"] {
                let mixed = format!("{day} {year}");
                assert!(!text.contains(&mixed), "{name}: {mixed:?} in:\n{text}");
            }
        }
        // Page 1 (cover, decision, key dates) has no workings: no ISO date at all.
        let first = page(&pdf, 1);
        assert_eq!(has_iso_date(&first), None, "{name}: page 1:\n{first}");
        assert!(
            first.contains("BRIEF AS OF Mon 23 Nov 2026"),
            "{name}: {first}"
        );
    }
}

/// `(size, color)` of the font of every text run that starts with `prefix`, from
/// `pdftohtml -xml` (poppler), which reports each run's font size in points and colour.
fn fonts_of_runs(pdf: &[u8], prefix: &str) -> Vec<(f64, String)> {
    let _probe = tool("pdftotext");
    let (_dir, path) = temp_pdf(pdf);
    let out = Command::new("pdftohtml")
        .args(["-xml", "-i", "-stdout", "-q"])
        .arg(&path)
        .output()
        .expect("pdftohtml (poppler-utils) is needed by the brief tests");
    assert!(out.status.success(), "pdftohtml failed");
    let xml = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].to_string())
    };
    let mut fonts = std::collections::HashMap::new();
    let mut runs = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<fontspec ") {
            if let (Some(id), Some(size), Some(color)) =
                (attr(line, "id"), attr(line, "size"), attr(line, "color"))
            {
                fonts.insert(id, (size.parse::<f64>().unwrap_or(0.0), color));
            }
        } else if line.starts_with("<text ") {
            let body = line
                .split_once('>')
                .map(|(_, b)| b.trim_end_matches("</text>"))
                .unwrap_or_default();
            if body.starts_with(prefix) {
                if let Some(f) = attr(line, "font").and_then(|id| fonts.get(&id)) {
                    runs.push(f.clone());
                }
            }
        }
    }
    runs
}

#[test]
fn source_citations_are_at_least_eight_points_and_black() {
    let pdf = render(&seed("microsoft-peru-mifibra.md"), Paper::A4);
    // Defect: source citations in 6.5 pt grey.
    let runs = fonts_of_runs(&pdf, "Source: line");
    assert!(runs.len() >= 5, "citations found: {runs:?}");
    for (size, color) in runs {
        assert!(size >= 8.0, "a citation in {size} pt");
        assert_eq!(color, "#000000", "a citation in {color}");
    }
}
