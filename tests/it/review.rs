//! The Review page's payload and the review queue (issue 11 item 1): documents of the
//! reading corpus (PDF and Word) imported into a store, their values located in the stored
//! text, confirmed and corrected.

use std::path::{Path, PathBuf};

use renewal_core::adapters::store::Store;
use renewal_core::domain::model::Confidence;
use renewal_core::error::Error;
use renewal_core::services::dashboard::dashboard;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::{confirm_field, edit_field, import_paths, ImportDefaults};
use renewal_core::services::review::{
    review_lines, review_page, review_queue, ReviewPage, ReviewStatus, ReviewValue, FIRST_LINES,
    MAX_LINES_PER_CALL,
};

use crate::common::d;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/reading")
        .join(name)
}

/// A store in a temporary folder with `names` of the reading corpus imported (ids 1, 2, …).
fn store_with(names: &[&str]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    let files: Vec<PathBuf> = names.iter().map(|n| corpus(n)).collect();
    let report = import_paths(&mut store, &files, &ImportDefaults::default(), |_| {}).unwrap();
    assert_eq!(report.created, names.len(), "{report:?}");
    (dir, store)
}

fn value<'a>(page: &'a ReviewPage, field: &str) -> &'a ReviewValue {
    page.values
        .iter()
        .find(|v| v.field == field)
        .unwrap_or_else(|| panic!("no value {field}"))
}

#[test]
fn a_long_document_comes_in_blocks_of_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let mut text = String::from("SERVICES AGREEMENT\n\nThis Agreement is effective as of 1 March 2025 and shall remain in force for two (2) years.\n");
    for n in 4..=5000 {
        text.push_str(&format!("{n}. The Supplier keeps a record of item {n}.\n"));
    }
    std::fs::write(&path, &text).unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    import_paths(&mut store, &[path], &ImportDefaults::default(), |_| {}).unwrap();
    let page = review_page(&store, 1).unwrap();
    assert_eq!(page.total_lines, 5000);
    assert_eq!(page.lines.len(), FIRST_LINES as usize);
    assert_eq!(
        page.lines[299],
        "300. The Supplier keeps a record of item 300."
    );
    let block = review_lines(&store, 1, 4001, 2000).unwrap();
    assert_eq!(block.first, 4001);
    assert_eq!(block.lines.len(), 1000, "the document ends at line 5000");
    assert_eq!(
        block.lines[0],
        "4001. The Supplier keeps a record of item 4001."
    );
    assert!(review_lines(&store, 1, 6000, 10).unwrap().lines.is_empty());
    for (first, count) in [(0, 10), (1, MAX_LINES_PER_CALL + 1)] {
        match review_lines(&store, 1, first, count).unwrap_err() {
            Error::Invalid { field, .. } => assert_eq!(field, "lines"),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        review_lines(&store, 9, 1, 10),
        Err(Error::NotFound(9))
    ));
}

/// The stored lines a value's span covers, joined with a space.
fn span_text(page: &ReviewPage, field: &str) -> String {
    let span = value(page, field)
        .span
        .clone()
        .unwrap_or_else(|| panic!("{field} not located"));
    page.lines[span.line as usize - 1..span.line_end as usize].join(" ")
}

#[test]
fn a_pdf_review_locates_each_value_in_the_stored_text_with_its_page() {
    let (_dir, store) = store_with(&["39-servicios-centro-datos-lima.pdf"]);
    let page = review_page(&store, 1).unwrap();
    assert_eq!(page.file_name, "39-servicios-centro-datos-lima.pdf");
    assert!(page.paged);
    assert_eq!(page.total_lines, 91);
    assert_eq!(page.lines.len(), 91, "a short document comes whole");

    // Two pages: page 1 from line 1, page 2 from a later line, which the effective date
    // (read on page 2) is at or after.
    assert_eq!(page.page_starts.len(), 2, "{:?}", page.page_starts);
    assert_eq!(page.page_starts[0], 1);
    let eff = value(&page, "effective_date");
    assert_eq!(eff.value, "2023-04-01");
    let eff_line = eff.span.as_ref().map(|s| s.line).unwrap_or(0);
    assert!(
        page.page_starts[1] > 1 && page.page_starts[1] <= eff_line,
        "page 2 starts at {} and the effective date (page 2) is at line {eff_line}",
        page.page_starts[1]
    );
    assert_eq!(eff.status, ReviewStatus::Read);
    assert_eq!(eff.confidence, Confidence::High);
    assert!(eff.key);
    assert_eq!(eff.editable, Some(EditableField::EffectiveDate));
    let span = eff.span.clone().unwrap();
    assert_eq!(span.page, Some(2));
    assert!(
        span_text(&page, "effective_date").contains("entra en vigencia el 1° de abril de 2023"),
        "{}",
        span_text(&page, "effective_date")
    );
    assert_eq!(value(&page, "initial_term").value, "4 years");
    assert_eq!(value(&page, "expiry_date").value, "2027-03-31");
    assert_eq!(
        value(&page, "expiry_date").editable,
        Some(EditableField::ExpiryDate)
    );

    // A paragraph over two lines of page 1, quoted joined: both lines are the span.
    let pr = value(&page, "price_review");
    assert_eq!(pr.span.as_ref().and_then(|s| s.page), Some(1));
    assert_eq!(
        span_text(&page, "price_review"),
        "3.3 La contraprestación estará sujeta a un reajuste anual según IPC de Lima Metropolitana publicado por el INEI, aplicable en cada aniversario del inicio del servicio."
    );
    // A quote cut with "..." is located by its beginning.
    assert!(span_text(&page, "renewal_period").starts_with(
        "5.2 El contrato se renovará automáticamente por períodos sucesivos de un (1) año"
    ));
    assert_eq!(value(&page, "termination_rights").value, "90 days");
    assert!(span_text(&page, "termination_rights").contains("sin expresión de causa"));

    // "ciento veinte (120) días calendario": the whole number in words is the period's.
    let notice = value(&page, "non_renewal_notice");
    assert_eq!(notice.value, "120 days");
    assert!(span_text(&page, "non_renewal_notice").contains("ciento veinte (120) días"));
}

#[test]
fn a_word_document_is_located_by_its_lines_and_a_missing_value_can_be_filled() {
    let (_dir, mut store) = store_with(&["35-arrendamiento-vehiculos-chile.docx"]);
    let page = review_page(&store, 1).unwrap();
    assert!(!page.paged);
    assert!(page.page_starts.is_empty());
    let eff = value(&page, "effective_date");
    assert_eq!(eff.value, "2025-04-01");
    let span = eff.span.clone().unwrap();
    assert_eq!(
        (span.line, span.page),
        (eff.source.as_ref().unwrap().line.unwrap(), None)
    );
    assert_eq!(span.start_column, 0);
    assert_eq!(
        span.end_column as usize,
        page.lines[span.line as usize - 1]
            .trim_end()
            .encode_utf16()
            .count()
    );
    assert_eq!(value(&page, "renewal_period").value, "6 months");

    // Filling what the document left out: checked like an import, then kept as typed.
    let err = edit_field(
        &mut store,
        1,
        EditableField::NonRenewalNotice,
        "60 fortnights",
    )
    .unwrap_err();
    match err {
        Error::Invalid { field, message } => {
            assert_eq!(field, "non_renewal_notice");
            assert!(
                message.contains("expected days, weeks, months or years"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        review_page(&store, 1).unwrap(),
        page,
        "a refused value changes nothing"
    );
    edit_field(&mut store, 1, EditableField::NonRenewalNotice, "60 days").unwrap();
    let page = review_page(&store, 1).unwrap();
    let notice = value(&page, "non_renewal_notice");
    assert_eq!(
        (notice.value.as_str(), notice.status),
        ("60 days", ReviewStatus::Edited)
    );
    assert!(notice.warnings.is_empty() && notice.span.is_none());
    let history = store.history(1).unwrap();
    assert!(history
        .iter()
        .any(|h| h.action == "edit" && h.field == "non_renewal_notice"));
}

#[test]
fn the_expiry_convenience_and_total_commitment_are_corrected_in_place() {
    // 39: effective 2023-04-01, 4 years (expiry 2027-03-31), read from a PDF.
    let (_dir, mut store) = store_with(&["39-servicios-centro-datos-lima.pdf"]);
    let before = review_page(&store, 1).unwrap();
    assert_eq!(value(&before, "expiry_date").value, "2027-03-31");

    // The expiry sets the term from the effective date: 2023-04-01 + 5 years - 1 day.
    let err = edit_field(&mut store, 1, EditableField::ExpiryDate, "2023-02-30").unwrap_err();
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "expiry_date"),
        "{err:?}"
    );
    assert_eq!(
        review_page(&store, 1).unwrap(),
        before,
        "a refused value changes nothing"
    );
    edit_field(&mut store, 1, EditableField::ExpiryDate, "31 March 2028").unwrap();
    let page = review_page(&store, 1).unwrap();
    assert_eq!(value(&page, "initial_term").value, "5 years");
    // A year later: the notice deadline moves later, which a person must confirm.
    let expiry = value(&page, "expiry_date");
    assert_eq!(
        (expiry.value.as_str(), expiry.status),
        ("2028-03-31", ReviewStatus::ToConfirm)
    );
    assert!(
        expiry.warnings.iter().any(|w| w.message.contains("later")),
        "{:?}",
        expiry.warnings
    );

    // Termination for convenience: its row of the termination rights.
    edit_field(
        &mut store,
        1,
        EditableField::TerminationForConvenience,
        "120 days",
    )
    .unwrap();
    let page = review_page(&store, 1).unwrap();
    let tfc = value(&page, "termination_rights");
    assert_eq!(tfc.editable, Some(EditableField::TerminationForConvenience));
    assert_eq!(
        (tfc.value.as_str(), tfc.status),
        ("120 days", ReviewStatus::Edited)
    );

    // The total commitment: an amount and its currency, or refused naming what is expected.
    let err = edit_field(&mut store, 1, EditableField::TotalCommitment, "a lot").unwrap_err();
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "total_commitment"),
        "{err:?}"
    );
    edit_field(
        &mut store,
        1,
        EditableField::TotalCommitment,
        "S/ 2.400.000,00",
    )
    .unwrap();
    let page = review_page(&store, 1).unwrap();
    let total = value(&page, "total_commitment");
    assert_eq!(
        (total.value.as_str(), total.status),
        ("2,400,000 PEN", ReviewStatus::Edited)
    );

    let history = store.history(1).unwrap();
    for field in ["initial_term", "termination_rights", "total_commitment"] {
        assert!(
            history
                .iter()
                .any(|h| h.action == "edit" && h.field.starts_with(field)),
            "{field} in {:?}",
            history
                .iter()
                .map(|h| (&h.action, &h.field))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn confirming_or_correcting_the_key_values_ends_provisional_and_empties_the_queue() {
    let (_dir, mut store) = store_with(&[
        "41-supply-agreement-spain-en.pdf",
        "42-licencia-software-guadalajara.pdf",
    ]);
    let as_of = d("2026-11-30");
    let queue = review_queue(&store).unwrap();
    assert_eq!(queue.iter().map(|q| q.id).collect::<Vec<_>>(), vec![1, 2]);
    assert!(queue.iter().all(|q| q.provisional));
    assert_eq!(dashboard(&store, as_of).unwrap().counts.with_warnings, 2);

    // 41: the initial term was read with low confidence.
    let page = review_page(&store, 1).unwrap();
    assert_eq!(page.provisional, vec!["initial_term".to_string()]);
    let term = value(&page, "initial_term");
    assert_eq!(
        (term.value.as_str(), term.confidence, term.status),
        ("3 years", Confidence::Low, ReviewStatus::ToConfirm)
    );
    assert_eq!(page.queue, queue);
    // The quoted sentence, found within its paragraph of page 1.
    let span = term.span.clone().unwrap();
    assert_eq!((span.line, span.line_end, span.page), (15, 15, Some(1)));
    assert_eq!(
        &page.lines[14][span.start_column as usize..span.end_column as usize],
        "This Agreement is effective as of 2025-02-01 and shall remain in force for three (3) years."
    );
    confirm_field(&mut store, 1, "initial_term").unwrap();
    let page = review_page(&store, 1).unwrap();
    assert!(page.provisional.is_empty(), "{:?}", page.provisional);
    assert_eq!(value(&page, "initial_term").status, ReviewStatus::Confirmed);
    assert_eq!(
        value(&page, "initial_term").value,
        "3 years",
        "confirmed as read"
    );
    assert!(store
        .history(1)
        .unwrap()
        .iter()
        .any(|h| h.action == "confirm" && h.field.starts_with("warnings.")));
    // The expiry it yields still has its own warning to confirm.
    assert_eq!(value(&page, "expiry_date").value, "2028-01-31");
    assert_eq!(value(&page, "expiry_date").status, ReviewStatus::ToConfirm);
    confirm_field(&mut store, 1, "expiry_date").unwrap();
    let page = review_page(&store, 1).unwrap();
    assert_eq!(page.to_confirm, 0);
    assert_eq!(page.queue.iter().map(|q| q.id).collect::<Vec<_>>(), vec![2]);

    // 42: the effective date was read with low confidence; a bad correction is refused
    // naming what is expected, a good one ends the provisional reading.
    let page = review_page(&store, 2).unwrap();
    assert_eq!(page.provisional, vec!["effective_date".to_string()]);
    assert_eq!(value(&page, "effective_date").value, "2025-03-10");
    match edit_field(
        &mut store,
        2,
        EditableField::EffectiveDate,
        "31 February 2025",
    )
    .unwrap_err()
    {
        Error::Invalid { field, message } => {
            assert_eq!(field, "effective_date");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    edit_field(&mut store, 2, EditableField::EffectiveDate, "1 March 2025").unwrap();
    let page = review_page(&store, 2).unwrap();
    assert!(page.provisional.is_empty());
    let eff = value(&page, "effective_date");
    assert_eq!(
        (eff.value.as_str(), eff.status),
        ("2025-03-01", ReviewStatus::Edited)
    );
    assert_eq!(
        value(&page, "expiry_date").value,
        "2027-02-28",
        "24 months from the corrected date"
    );
    // Derived from a corrected value, the expiry is not itself typed: still to confirm.
    assert_eq!(value(&page, "expiry_date").status, ReviewStatus::ToConfirm);
    confirm_field(&mut store, 2, "expiry_date").unwrap();
    let page = review_page(&store, 2).unwrap();
    assert_eq!(value(&page, "expiry_date").status, ReviewStatus::Confirmed);
    assert_eq!(value(&page, "effective_date").status, ReviewStatus::Edited);
    assert!(!store.get(2).unwrap().agreement.is_provisional());
    let history = store.history(2).unwrap();
    assert!(history
        .iter()
        .any(|h| h.action == "edit" && h.field.starts_with("effective_date")));
}
