//! How notice is served (issue 16 item 4): a document with a notices clause, imported with
//! the real importer, says who may serve notice, in what form, to whom and how in the brief
//! (checked on the PDF's text with pdftotext), on the agreement page (`AgreementDetail`) and
//! in `renewals show`, each quoting the clause; the samples, which have no notices clause,
//! say that the document is silent.

use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
use renewal_core::adapters::import::import_file;
use renewal_core::adapters::store::StoredAgreement;
use renewal_core::domain::model::NoticeMethod;
use renewal_core::services::serving_notice::SILENT;
use renewal_core::services::views::AgreementDetail;

use crate::brief::{flat, pdftotext};
use crate::common::{import_seed, renewals, stdout, today};

/// A services agreement in prose whose clause 14.2 (line 11) is a notices clause.
const AGREEMENT: &str = "MASTER SERVICES AGREEMENT

This Master Services Agreement is made between Andes Data S.A.C. and Pacific Cloud Ltd.

1. Term. This Agreement commences on 1 March 2025 and continues for an initial term of two (2) years.

2. Renewal. This Agreement renews automatically for successive one-year periods unless either party gives notice of non-renewal at least ninety (90) days before the end of the then-current term.

14.1 Assignment. Neither party may assign this Agreement without consent.

14.2 Notices. Any notice given by either party under this Agreement shall be in writing and delivered by hand, courier or registered mail to the addresses set out above, to the attention of the General Counsel. Notices shall be deemed received on the date of delivery.

14.3 Governing law. This Agreement is governed by the laws of Peru.
";

const CLAUSE: &str = "14.2 Notices. Any notice given by either party under this Agreement shall be in writing and delivered by hand, courier or registered mail to the addresses set out above, to the attention of the General Counsel. Notices shall be deemed received on the date of delivery.";

fn stored(id: i64) -> (tempfile::TempDir, StoredAgreement) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("msa.txt");
    std::fs::write(&path, AGREEMENT).unwrap();
    let out = import_file(&path).unwrap();
    (
        dir,
        StoredAgreement {
            id,
            agreement: out.agreement,
            sha256: out.sha256,
            created_at: String::new(),
            updated_at: String::new(),
        },
    )
}

fn brief_text(s: &StoredAgreement) -> String {
    let pdf = render_brief(s, &[], today(), &BriefOptions { paper: Paper::A4 }).unwrap();
    flat(&pdftotext(&pdf, &[]))
}

#[test]
fn the_importer_reads_the_notices_clause_with_its_line() {
    let (_dir, s) = stored(1);
    let n = s
        .agreement
        .notice_service
        .as_ref()
        .expect("a notices clause");
    assert_eq!(n.who.as_ref().unwrap().value, "either party");
    assert_eq!(n.form.as_ref().unwrap().value, "in writing");
    let methods = n.methods.as_ref().unwrap();
    assert_eq!(
        methods.value,
        vec![
            NoticeMethod::HandDelivery,
            NoticeMethod::Courier,
            NoticeMethod::RegisteredMail
        ]
    );
    assert_eq!(methods.source.line, Some(11));
    assert_eq!(methods.source.text, CLAUSE, "the clause, verbatim");
    assert_eq!(
        n.addressee.as_ref().unwrap().value,
        "to the addresses set out above, to the attention of the General Counsel"
    );
    // The renewal sentence states a notice period: it is no notices clause.
    assert_eq!(
        s.agreement.non_renewal_notice.as_ref().unwrap().source.line,
        Some(7)
    );
}

#[test]
fn the_agreement_page_and_the_brief_say_who_how_and_to_whom_quoting_the_clause() {
    let (_dir, s) = stored(1);
    let detail = AgreementDetail::new(&s, today());
    let n = &detail.serving_notice;
    assert!(n.stated);
    assert_eq!(
        n.summary,
        "Either party; in writing; to the addresses set out above, to the attention of the General Counsel; by hand, courier or registered or certified mail; deemed received on the date of delivery (line 11)."
    );
    let parts: Vec<String> = n
        .parts
        .iter()
        .map(|p| format!("{}: {}", p.label, p.text))
        .collect();
    assert_eq!(
        parts,
        [
            "Who may serve: Either party",
            "Form: In writing",
            "To whom: To the addresses set out above, to the attention of the General Counsel",
            "How: By hand, courier or registered or certified mail",
            "Deemed received: Deemed received on the date of delivery",
        ]
    );
    // One clause, quoted once, after the last part read from it.
    let quoted: Vec<_> = n.parts.iter().filter_map(|p| p.quote.as_deref()).collect();
    assert_eq!(quoted, [CLAUSE]);
    assert_eq!(
        n.parts[4].source.as_deref(),
        Some("Source: line 11 · Notices")
    );

    let text = brief_text(&s);
    let section = text
        .split("Serving notice")
        .nth(1)
        .unwrap_or_else(|| panic!("the brief has no Serving notice part:\n{text}"));
    for part in &parts {
        assert!(
            section.contains(part.as_str()),
            "brief lacks {part:?}:\n{section}"
        );
    }
    assert!(
        section.contains(&format!("“{CLAUSE}” Source: line 11 · Notices")),
        "the brief quotes the clause with its line:\n{section}"
    );
    assert!(!text.contains(SILENT));
}

#[test]
fn renewals_show_prints_the_serving_notice_line() {
    let (dir, s) = stored(1);
    let db = dir.path().join("desk.db");
    let path = dir.path().join("msa.txt");
    let out = renewals(&db, "2026-11-23", &["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let show = stdout(&renewals(&db, "2026-11-23", &["show", "1"]));
    let want = format!(
        "Serving notice: {}",
        AgreementDetail::new(&s, today()).serving_notice.summary
    );
    assert!(show.contains(&want), "{want:?} not in:\n{show}");
}

#[test]
fn the_samples_have_no_notices_clause_and_their_briefs_say_the_document_is_silent() {
    for name in [
        "microsoft-peru-mifibra.md",
        "aws-peru-mifibra.md",
        "aws-chile-wom.md",
    ] {
        let out = import_seed(name);
        assert_eq!(out.agreement.notice_service, None, "{name}");
        let s = StoredAgreement {
            id: 1,
            agreement: out.agreement,
            sha256: out.sha256,
            created_at: String::new(),
            updated_at: String::new(),
        };
        let detail = AgreementDetail::new(&s, today());
        assert!(!detail.serving_notice.stated);
        assert_eq!(
            detail.serving_notice.summary,
            "The document does not say how notice is served: check the signed contract."
        );
        let text = brief_text(&s);
        assert!(
            text.contains("Serving notice The document does not say how notice is served: check the signed contract."),
            "{name}: the brief does not say the document is silent:\n{text}"
        );
    }
}
