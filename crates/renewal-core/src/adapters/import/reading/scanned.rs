//! Values read from scanned pages (issue 11 item 4): the OCR confidence lowers the value's
//! confidence, and a person is asked to confirm each value against the scan.
//!
//! The rule, for every value whose source lies on a page read by OCR
//! ([`DocumentText::ocr`]):
//!
//! - Its **OCR confidence** is the lowest mean word confidence (Tesseract's, 0–100) of the
//!   lines of its source span on that page ([`OcrPage::span_confidence`]).
//! - Its [`Confidence`] becomes [`Confidence::Low`], whatever the OCR confidence: the model
//!   has two levels (`high`, `low`), and OCR misreads a digit ("8" for "3", "1" for "7") with
//!   high confidence as readily as a letter, so no OCR-read value that a deadline rests on
//!   is taken as read without a person confirming it. (With a three-level model the rule
//!   would be: 90 and over lowers high to medium, under 90 to low.)
//! - It gets a `low_confidence` warning, on its field and source line, saying that it was
//!   read by OCR from scanned page N with that confidence and to confirm it against the
//!   scan; under [`POOR_OCR`] (70) the warning says the line was poorly read. Being a
//!   `low_confidence` warning, it makes the agreement provisional until confirmed (as any
//!   low-confidence key value: `renewals confirm ID FIELD`, the review page).
//! - A paragraph does not run from a page with a text layer onto a page read by OCR, or
//!   back ([`separated`]): each value then comes from one kind of page, and a value read
//!   partly by OCR is marked like one read wholly by it.
//! - Each page read by OCR also gets a `read_by_ocr` warning on the field `document`
//!   naming the page, its mean confidence and its word count; one from which OCR read no
//!   word says so (a blank scan, or one that could not be read: check it by hand).

use super::{Found, Reading};
use crate::adapters::import::formats::{DocumentText, Line, OcrPage};
use crate::domain::model::{Confidence, Warning};

/// A line read by OCR with a mean word confidence under this (0–100) is called poorly read
/// in its warning (70).
pub const POOR_OCR: u8 = 70;

/// The OCR page and confidence of a value read at `found`'s source, when its page was read
/// by OCR.
fn ocr_of<'a, T>(doc: &'a DocumentText, found: &Found<T>) -> Option<(&'a OcrPage, u8)> {
    let page = doc.ocr_page(found.source.page?)?;
    Some((
        page,
        page.span_confidence(found.source.line, found.source.line_end),
    ))
}

/// Lowers `found`'s confidence when it was read from a scanned page, and returns the
/// warning for `field` (`None` for a value of a text page, or when `field` is `None`: a
/// value that is not stored as a field of its own).
fn lower<T>(doc: &DocumentText, found: &mut Found<T>, field: Option<&str>) -> Option<Warning> {
    let (page, confidence) = ocr_of(doc, found)?;
    found.confidence = Confidence::Low;
    let field = field?;
    if found.derived {
        // Computed from values that carry their own warning.
        return None;
    }
    let how = if confidence < POOR_OCR {
        format!("OCR confidence {confidence}%, poorly read")
    } else {
        format!("OCR confidence {confidence}%")
    };
    Some(Warning {
        code: "low_confidence".to_string(),
        field: field.to_string(),
        line: Some(found.source.line),
        message: format!(
            "{} read by OCR from scanned page {} ({how}): confirm it against the scan",
            field.replace('_', " "),
            page.page
        ),
    })
}

/// `doc`'s lines with a blank line wherever reading passes from a page with a text layer to
/// a page read by OCR or back, so that no block joins the two (blank lines only end blocks:
/// the added line's number is that of the line after it and is never a source).
pub(super) fn separated(doc: &DocumentText) -> Vec<Line> {
    let scanned = |l: &Line| l.page.is_some_and(|p| doc.ocr_page(p).is_some());
    let mut out = Vec::with_capacity(doc.lines.len() + doc.ocr.len() * 2);
    let mut previous: Option<bool> = None;
    for l in &doc.lines {
        let now = scanned(l);
        if previous.is_some_and(|p| p != now) {
            out.push(Line {
                page: l.page,
                number: l.number,
                text: String::new(),
            });
        }
        previous = Some(now);
        out.push(l.clone());
    }
    out
}

/// Applies the rule of the module documentation to `r`, read from `doc`.
pub(super) fn apply(doc: &DocumentText, r: &mut Reading) {
    if doc.ocr.is_empty() {
        return;
    }
    let mut warnings = Vec::new();
    macro_rules! each {
        ($($f:ident => $name:expr),* $(,)?) => {
            $(
                if let Some(found) = r.$f.as_mut() {
                    warnings.extend(lower(doc, found, $name));
                }
            )*
        };
    }
    each!(
        title => None,
        parties => Some("parties"),
        effective_date => Some("effective_date"),
        expiry_date => Some("expiry_date"),
        initial_term => Some("initial_term"),
        auto_renewal => Some("auto_renewal"),
        renewal_period => Some("renewal_period"),
        non_renewal_notice => Some("non_renewal_notice"),
        termination_for_convenience => Some("termination_rights"),
        cure_period => Some("termination_rights"),
        price_review => Some("price_review"),
        next_review => Some("next_review"),
        country => Some("country"),
        currency => Some("currency"),
    );
    let n = &mut r.notice_service;
    for found in [
        n.who
            .as_mut()
            .map(|f| lower(doc, f, Some("notice_service"))),
        n.form
            .as_mut()
            .map(|f| lower(doc, f, Some("notice_service"))),
        n.methods
            .as_mut()
            .map(|f| lower(doc, f, Some("notice_service"))),
        n.addressee
            .as_mut()
            .map(|f| lower(doc, f, Some("notice_service"))),
        n.deemed_received
            .as_mut()
            .map(|f| lower(doc, f, Some("notice_service"))),
    ]
    .into_iter()
    .flatten()
    .flatten()
    {
        warnings.push(found);
    }
    // One OCR warning per field (the first read stands for the others: the cure period and
    // the convenience right are both `termination_rights`).
    let mut warned: Vec<String> = Vec::new();
    for w in warnings {
        if !warned.contains(&w.field) {
            warned.push(w.field.clone());
            r.warnings.push(w);
        }
    }
    for page in &doc.ocr {
        let message = if page.words == 0 {
            format!(
                "page {} is a scanned image from which OCR read no text (a blank page, or one it could not read): check it by hand",
                page.page
            )
        } else {
            format!(
                "page {} is a scanned image read by OCR (Tesseract, {} words, mean confidence {}%): the values read from it are to be confirmed against the scan",
                page.page, page.words, page.confidence
            )
        };
        r.warnings.push(Warning {
            code: "read_by_ocr".to_string(),
            field: "document".to_string(),
            line: None,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::adapters::import::formats::{Format, OcrLine};
    use crate::adapters::import::reading::read;

    fn line(page: u32, number: u32, text: &str) -> Line {
        Line {
            page: Some(page),
            number,
            text: text.to_string(),
        }
    }

    /// Page 1 has a text layer; page 2 was read by OCR, its line 3 poorly.
    fn doc() -> DocumentText {
        DocumentText {
            format: Format::Pdf,
            lines: vec![
                line(1, 1, "SUPPLY AGREEMENT"),
                line(1, 3, "Effective Date: 1 March 2024"),
                line(2, 1, "Initial Term: 36 months"),
                line(2, 2, ""),
                line(2, 3, "Notice Period: 90 days"),
            ],
            sha256: String::new(),
            ocr: vec![OcrPage {
                page: 2,
                confidence: 75,
                words: 7,
                lines: vec![
                    OcrLine {
                        number: 1,
                        confidence: 93,
                    },
                    OcrLine {
                        number: 3,
                        confidence: 58,
                    },
                ],
            }],
        }
    }

    #[test]
    fn values_of_a_scanned_page_are_lowered_and_warned_with_their_line_confidence() {
        let r = read(&doc());
        let eff = r.effective_date.as_ref().unwrap();
        assert_eq!(
            (eff.source.page, eff.confidence),
            (Some(1), Confidence::High)
        );
        let term = r.initial_term.as_ref().unwrap();
        assert_eq!(
            (term.source.page, term.confidence),
            (Some(2), Confidence::Low)
        );
        let notice = r.non_renewal_notice.as_ref().unwrap();
        assert_eq!(notice.confidence, Confidence::Low);
        let messages: Vec<(&str, &str, &str)> = r
            .warnings
            .iter()
            .filter(|w| w.message.contains("OCR"))
            .map(|w| (w.code.as_str(), w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "low_confidence",
                    "initial_term",
                    "initial term read by OCR from scanned page 2 (OCR confidence 93%): confirm it against the scan"
                ),
                (
                    "low_confidence",
                    "non_renewal_notice",
                    "non renewal notice read by OCR from scanned page 2 (OCR confidence 58%, poorly read): confirm it against the scan"
                ),
                (
                    "read_by_ocr",
                    "document",
                    "page 2 is a scanned image read by OCR (Tesseract, 7 words, mean confidence 75%): the values read from it are to be confirmed against the scan"
                ),
            ]
        );
        // The agreement is provisional until the OCR values are confirmed.
        let a = r.to_agreement("supply.pdf");
        assert!(a.provisional_fields().contains(&"initial_term"));
        assert!(!a.provisional_fields().contains(&"effective_date"));
        assert_eq!(
            a.warnings
                .iter()
                .filter(|w| w.field == "initial_term" && w.code == "low_confidence")
                .count(),
            1,
            "one warning to confirm, the OCR one"
        );
    }

    #[test]
    fn a_paragraph_does_not_run_from_a_text_page_onto_a_scanned_page() {
        let mut d = doc();
        d.lines = vec![
            line(1, 1, "The initial term of this Agreement"),
            line(2, 1, "is 36 months from the Effective Date."),
        ];
        let lines = separated(&d);
        let texts: Vec<(Option<u32>, &str)> =
            lines.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (Some(1), "The initial term of this Agreement"),
                (Some(2), ""),
                (Some(2), "is 36 months from the Effective Date."),
            ]
        );
    }
}
