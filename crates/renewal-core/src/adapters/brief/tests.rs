use super::phrases::*;
use super::styles::BODY;
use super::*;
use crate::adapters::import::import_markdown;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn stored(doc: &str) -> StoredAgreement {
    let out = import_markdown("test.md", doc).unwrap();
    StoredAgreement {
        id: 7,
        agreement: out.agreement,
        sha256: out.sha256,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

const RENEWING: &str = "# Example Peru Supply Agreement
**Acme SAC - Supplier**

| Field | Details |
|---|---|
| Agreement Type | Supply Agreement |
| Parties | Acme SAC / Widget Corp |
| Effective Date | 1 January 2023 |
| Term | 3 years (auto-renewal) |
| Total Commitment | S/15M technology investment |

## Renewal and Termination

### Renewal Terms

- Auto-renewal for 12-month periods
- 90-day notice for non-renewal
- Price review at each renewal

### Termination Rights

| Scenario | Notice | Consequence |
|----------|--------|-------------|
| Convenience | 180 days | Wind-down plan |

**Document Classification**: Commercial in Confidence
**Contract Owner**: Commercial Director
";

#[test]
fn file_names_come_from_the_title() {
    assert_eq!(
        brief_file_name("Microsoft Peru Partnership Agreement"),
        "microsoft-peru-partnership-agreement.pdf"
    );
    assert_eq!(
        brief_file_name("Acuerdo de Compañía — Perú"),
        "acuerdo-de-compania-peru.pdf"
    );
    assert_eq!(brief_file_name("—"), "agreement.pdf");
    assert!(brief_file_name(&"x ".repeat(200)).len() <= 84);
}

#[test]
fn paper_sizes() {
    let (w, h) = Paper::A4.size_pt();
    assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01);
    assert_eq!(Paper::Letter.size_pt(), (612.0, 792.0));
    assert_eq!(Paper::parse("LETTER"), Some(Paper::Letter));
    assert_eq!(Paper::parse("a4"), Some(Paper::A4));
    assert_eq!(Paper::parse("a5"), None);
    assert_eq!(BriefOptions::default().paper, Paper::A4);
}

#[test]
fn renders_a_pdf_deterministically() {
    let s = stored(RENEWING);
    let as_of = d("2026-11-23");
    let a = render_brief(&s, &[], as_of, &BriefOptions::default()).unwrap();
    let b = render_brief(&s, &[], as_of, &BriefOptions::default()).unwrap();
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "two renders differ");
    let c = render_brief(&s, &[], d("2026-11-24"), &BriefOptions::default()).unwrap();
    assert_ne!(a, c, "the as-of date is in the document");
    let text = String::from_utf8_lossy(&a);
    assert!(
        text.contains("D:20261123000000"),
        "creation date from the as-of date"
    );
}

#[test]
fn wrap_never_exceeds_the_width_and_keeps_every_word() {
    let fonts = Fonts::get().unwrap();
    let geo = PageGeometry {
        width: 595.0,
        height: 842.0,
        margin_x: 50.0,
        margin_top: 30.0,
        margin_bottom: 58.0,
    };
    let running = Running {
        classification: "x".into(),
        title: "t".into(),
        footer_left: "l".into(),
        footer_right: "r".into(),
    };
    let ids = ["A", "B", "C", "D"].map(|n| FontId(n.to_string()));
    let l = Layout::new(fonts, geo, running, ids);
    let text = "The supplier shall — within thirty (30) days of the Effective Date — provide the Customer with a certificate; Überweisungsträgerverwaltungsgesellschaftsvertragsbestimmungen apply ✓ € ñ. ".repeat(12);
    for width in [40.0, 120.0, 300.0] {
        let lines = l.wrap(&text, BODY, width);
        for line in &lines {
            assert!(
                l.width(line, BODY) <= width + 0.01,
                "{line:?} wider than {width}"
            );
        }
        let joined: String = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let orig: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, orig);
    }
    assert_eq!(l.wrap("", BODY, 100.0), vec![String::new()]);
}

fn synthetic(sla_rows: usize, clause_len: usize, long_values: bool) -> String {
    let long = if long_values {
        " of the Very Long Name Holding Company Sociedad Anónima Cerrada con Responsabilidad Limitada y Asociados Internacionales"
    } else {
        ""
    };
    let mut doc = format!(
        "# Synthetic Chile Agreement{long}\n\n| Field | Details |\n|---|---|\n| Agreement Type | Master Services{long} |\n| Parties | Alpha{long} / Beta{long} |\n| Effective Date | 15 March 2024 |\n| Term | 2 years (auto-renewal) |\n\n## Service Levels\n\n| Metric | Target | Penalty |\n|---|---|---|\n"
    );
    for i in 0..sla_rows {
        doc.push_str(&format!("| Metric {i}{long} | 99.{i}% | Credit {i} |\n"));
    }
    let clause: String = "Either party may terminate on notice; ".repeat(clause_len / 38 + 1)
        [..clause_len]
        .to_string();
    doc.push_str(&format!(
        "\n## Renewal and Termination\n\n### Renewal Terms\n\n- Auto-renewal for 12-month periods\n- 60-day notice for non-renewal\n- {clause}\n\n### Termination Rights\n\n| Scenario | Notice | Consequence |\n|---|---|---|\n| Convenience | 90 days | {clause} |\n"
    ));
    doc
}

#[test]
fn synthetic_layouts_keep_text_on_the_page_without_overlap() {
    let as_of = d("2026-11-23");
    for (doc, name) in [
        (RENEWING.to_string(), "renewing"),
        (
            synthetic(40, 2000, true),
            "40 SLA rows, 2,000-character clause, long values",
        ),
        (
            "# Bare Agreement\n\n| Field | Details |\n|---|---|\n| Parties | A / B |\n".to_string(),
            "empty sections",
        ),
    ] {
        for paper in [Paper::A4, Paper::Letter] {
            let s = stored(&doc);
            let (runs, pages, (w, h)) = layout_runs(&s, &[], as_of, &BriefOptions { paper });
            assert!(pages >= 1);
            if let Err(e) = layout::check_runs(&runs, w, h) {
                panic!("{name} on {paper:?}: {e}");
            }
        }
    }
}

#[test]
fn notice_phrases_and_day_counts() {
    use crate::domain::dates::Period;
    assert_eq!(notice_phrase(Period::days(180)), "180 days' notice");
    assert_eq!(notice_phrase(Period::months(1)), "1 month's notice");
    assert_eq!(days_label(0), "today");
    assert_eq!(days_label(312), "+312");
    assert_eq!(days_label(-52), "−52");
    assert_eq!(days_left(1), "1 day left");
    assert_eq!(days_left(-3), "3 days ago");
}

#[test]
fn a_word_longer_than_the_line_is_broken_by_characters() {
    let fonts = Fonts::get().unwrap();
    let running = Running {
        classification: "Test".to_string(),
        title: "Test".to_string(),
        footer_left: String::new(),
        footer_right: String::new(),
    };
    let ids = ["A", "B", "C", "D"].map(|n| FontId(n.to_string()));
    let l = Layout::new(fonts, geometry(Paper::A4), running, ids);
    let word = "Wx".repeat(2500);
    let lines = l.wrap(&format!("Before {word} after"), BODY, 100.0);
    assert!(lines.len() > 20, "{} lines", lines.len());
    for line in &lines {
        assert!(l.width(line, BODY) <= 100.0, "{line:?} is too wide");
    }
    assert_eq!(
        lines.concat().replace(' ', ""),
        format!("Before{word}after")
    );
    // Ellipsis on a long word stops at the width asked for.
    let cut = l.ellipsize(&word, BODY, 80.0);
    assert!(cut.ends_with('…') && l.width(&cut, BODY) <= 80.0, "{cut}");
}
