//! The sample agreements shipped with the app and the synthetic generator import cleanly.

use renewal_core::adapters::import::import_markdown;
use renewal_core::domain::model::AgreementStatus;
use renewal_core::domain::rules::{assess, EventKind};
use renewal_core::services::samples::{generate_document, SAMPLE_DOCUMENTS};

use crate::common::*;

#[test]
fn shipped_samples_import_with_their_clauses() {
    for (name, text) in SAMPLE_DOCUMENTS {
        let doc = import_markdown(name, text).unwrap_or_else(|e| panic!("{e}"));
        let a = &doc.agreement;
        assert!(a.effective_date.is_some(), "{name}");
        assert!(a.initial_term.is_some(), "{name}");
        assert!(a.country.is_some(), "{name}");
        assert!(!a.termination_rights.is_empty(), "{name}");
    }
    // Andes Fibra: 2 years from 2024-03-15, then 24-month renewals, 120-day notice.
    let (_, andes) = SAMPLE_DOCUMENTS[0];
    let a = import_markdown("andes.md", andes).unwrap().agreement;
    let s = assess(&a, today());
    assert_eq!(s.status, AgreementStatus::Active);
    let cur = s.current_term().unwrap();
    assert_eq!((cur.start, cur.end), (d("2026-03-15"), d("2028-03-14")));
    let notice = s.next_notice_deadline().unwrap();
    assert_eq!(notice.unadjusted_date, d("2027-11-15"));
    // Pacífico Torres states its currency: "$" is CLP and no assumption is warned.
    let (_, pacifico) = SAMPLE_DOCUMENTS[1];
    let a = import_markdown("pacifico.md", pacifico).unwrap().agreement;
    assert_eq!(a.main_currency(), Some("CLP"));
    assert!(!a.warnings.iter().any(|w| w.code == "currency_assumed"));
    let s = assess(&a, today());
    assert!(s
        .events
        .iter()
        .any(|e| e.kind == EventKind::Expiry && e.date == d("2027-01-31")));
}

#[test]
fn generated_documents_import_without_errors() {
    for i in 0..300 {
        let text = generate_document(i);
        let doc = import_markdown("generated.md", &text).unwrap_or_else(|e| panic!("{i}: {e}"));
        assert!(doc.agreement.title.ends_with(&format!("No. {i}")));
        assert!(doc.agreement.effective_date.is_some());
    }
}
