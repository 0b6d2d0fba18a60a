//! How notice is served under an agreement, in words (issue 16 item 4): who may serve it,
//! in what form, to whom and how, and when it is deemed received, each with the clause it
//! was read from, or the plain statement that the document is silent. The brief's section 4,
//! the agreement page (through [`crate::services::views::AgreementDetail::serving_notice`])
//! and `renewals show` all print these texts; none words it on its own.
//!
//! The source of every part is the document's notices clause ("Notices", "Notificaciones"),
//! read by the importer into [`NoticeService`]; nothing is assumed where it is silent.

use serde::{Deserialize, Serialize};

use crate::domain::model::{Agreement, Confidence, NoticeMethod, NoticeService, Source, Sourced};

/// What every surface says when the document has no notices clause.
pub const SILENT: &str =
    "The document does not say how notice is served: check the signed contract.";

/// What a part the notices clause does not state says.
pub const NOT_STATED: &str = "Not stated in the document: check the signed contract.";

/// One part of how notice is served, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServingNoticePart {
    /// `"Who may serve"`, `"Form"`, `"To whom"`, `"How"` or `"Deemed received"`.
    pub label: String,
    /// The reading in a sentence's words, e.g. `"In writing"`, `"By hand, courier or
    /// registered or certified mail"`; [`NOT_STATED`] for a part the clause does not state.
    /// A low-confidence reading says so ("… read outside a notices clause: confirm it").
    pub text: String,
    /// The clause quoted verbatim from the document (table pipes removed), on the last of
    /// consecutive parts read from the same clause; `None` on the others and on a part not
    /// stated.
    pub quote: Option<String>,
    /// Where the quote is, e.g. `"Source: line 14 · Notices"` (`"Source: page 3, line
    /// 12 · Notices"` in a PDF); `None` when `quote` is.
    pub source: Option<String>,
}

/// How notice is served under one agreement, as the brief, the agreement page and
/// `renewals show` print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServingNotice {
    /// Whether the document has a notices clause the importer read.
    pub stated: bool,
    /// One line: the stated parts separated by `;` with their lines, then what is not
    /// stated, e.g. `"either party; in writing; by hand or courier (line 14). Not stated:
    /// to whom, deemed received."`; or [`SILENT`].
    pub summary: String,
    /// The stated parts (in the order who, form, to whom, how, deemed received), then the
    /// parts not stated; empty when the document is silent.
    pub parts: Vec<ServingNoticePart>,
}

/// "by hand, courier or email".
fn methods_phrase(methods: &[NoticeMethod]) -> String {
    let labels: Vec<&str> = methods.iter().map(|m| m.label()).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => format!("by {last}"),
        Some((last, rest)) => format!("by {} or {last}", rest.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The clause text of `source`, verbatim; a table row without its pipes ("Notices: In
/// writing by courier").
fn quote_of(source: &Source) -> String {
    let t = source.text.trim();
    if !t.starts_with('|') {
        return t.to_string();
    }
    let cells: Vec<&str> = t
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    match cells.as_slice() {
        [key, rest @ ..] if !rest.is_empty() => format!("{key}: {}", rest.join("; ")),
        _ => cells.join("; "),
    }
}

/// "Source: line 14 · Notices", "Source: page 3, line 12 · Notices".
fn source_label(source: &Source) -> String {
    match (source.page, source.line) {
        (Some(p), Some(l)) => format!("Source: page {p}, line {l} · {}", source.section),
        (None, Some(l)) => format!("Source: line {l} · {}", source.section),
        _ => format!("Source: {}", source.section),
    }
}

/// The stated parts of `n` as `(label, phrase, source)`, in the order who, form, to whom,
/// how, deemed received; the labels of the parts not stated.
fn parts_of(n: &NoticeService) -> (Vec<(&'static str, String, &Source)>, Vec<&'static str>) {
    fn part<'a, T>(
        label: &'static str,
        f: &'a Option<Sourced<T>>,
        phrase: impl Fn(&T) -> String,
        stated: &mut Vec<(&'static str, String, &'a Source)>,
        missing: &mut Vec<&'static str>,
    ) {
        match f {
            Some(s) => stated.push((label, phrase(&s.value), &s.source)),
            None => missing.push(label),
        }
    }
    let (mut stated, mut missing) = (Vec::new(), Vec::new());
    part(
        "Who may serve",
        &n.who,
        String::clone,
        &mut stated,
        &mut missing,
    );
    part("Form", &n.form, String::clone, &mut stated, &mut missing);
    part(
        "To whom",
        &n.addressee,
        String::clone,
        &mut stated,
        &mut missing,
    );
    part(
        "How",
        &n.methods,
        |m| methods_phrase(m),
        &mut stated,
        &mut missing,
    );
    part(
        "Deemed received",
        &n.deemed_received,
        String::clone,
        &mut stated,
        &mut missing,
    );
    (stated, missing)
}

/// How notice is served under `a`, in words (see the module docs): from its notices clause
/// ([`Agreement::notice_service`]), or [`SILENT`] when the document has none.
pub fn serving_notice(a: &Agreement) -> ServingNotice {
    let Some(n) = a.notice_service.as_ref().filter(|n| !n.is_empty()) else {
        return ServingNotice {
            stated: false,
            summary: SILENT.to_string(),
            parts: Vec::new(),
        };
    };
    let (stated, missing) = parts_of(n);
    let mut parts: Vec<ServingNoticePart> = Vec::new();
    let mut lines: Vec<u32> = Vec::new();
    for (i, (label, phrase, source)) in stated.iter().enumerate() {
        let mut text = capitalise(phrase);
        if source.confidence == Confidence::Low {
            text.push_str(" (read outside a notices clause: confirm it)");
        }
        // Consecutive parts read from one clause share one quotation, after the last.
        let same_as_next = stated
            .get(i + 1)
            .is_some_and(|(_, _, next)| next.line == source.line && next.text == source.text);
        let quoted = !same_as_next && !source.text.trim().is_empty();
        parts.push(ServingNoticePart {
            label: (*label).to_string(),
            text,
            quote: quoted.then(|| quote_of(source)),
            source: quoted.then(|| source_label(source)),
        });
        if let Some(l) = source.line {
            if !lines.contains(&l) {
                lines.push(l);
            }
        }
    }
    for label in &missing {
        parts.push(ServingNoticePart {
            label: (*label).to_string(),
            text: NOT_STATED.to_string(),
            quote: None,
            source: None,
        });
    }
    let mut summary = stated
        .iter()
        .map(|(_, phrase, _)| phrase.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if stated
        .iter()
        .any(|(_, _, s)| s.confidence == Confidence::Low)
    {
        summary.push_str(" (read outside a notices clause: confirm it)");
    }
    match lines.as_slice() {
        [] => {}
        [one] => summary.push_str(&format!(" (line {one})")),
        many => summary.push_str(&format!(
            " (lines {})",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    summary = format!("{}.", capitalise(&summary));
    if !missing.is_empty() {
        summary.push_str(&format!(
            " Not stated: {}.",
            missing
                .iter()
                .map(|m| m.to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    ServingNotice {
        stated: true,
        summary,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::NoticeMethod::*;

    fn src(line: u32, text: &str) -> Source {
        Source {
            line: Some(line),
            line_end: Some(line),
            section: "Notices".to_string(),
            text: text.to_string(),
            ..Source::default()
        }
    }

    #[test]
    fn a_document_with_no_notices_clause_is_silent() {
        let n = serving_notice(&Agreement::new("T"));
        assert!(!n.stated);
        assert_eq!(
            n.summary,
            "The document does not say how notice is served: check the signed contract."
        );
        assert!(n.parts.is_empty());
    }

    #[test]
    fn parts_read_from_one_clause_share_one_quotation() {
        let clause = "14.2 Notices. All notices shall be in writing and delivered by hand or courier to the addresses set out above.";
        let other = "| Deemed receipt | On the day of delivery |";
        let mut a = Agreement::new("T");
        a.notice_service = Some(NoticeService {
            form: Some(Sourced::new("in writing".into(), src(14, clause))),
            methods: Some(Sourced::new(vec![HandDelivery, Courier], src(14, clause))),
            addressee: Some(Sourced::new(
                "to the addresses set out above".into(),
                src(14, clause),
            )),
            deemed_received: Some(Sourced::new(
                "on the day of delivery".into(),
                src(20, other),
            )),
            who: None,
        });
        let n = serving_notice(&a);
        assert!(n.stated);
        assert_eq!(
            n.summary,
            "In writing; to the addresses set out above; by hand or courier; on the day of delivery (lines 14, 20). Not stated: who may serve."
        );
        let texts: Vec<(&str, &str)> = n
            .parts
            .iter()
            .map(|p| (p.label.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Form", "In writing"),
                ("To whom", "To the addresses set out above"),
                ("How", "By hand or courier"),
                ("Deemed received", "On the day of delivery"),
                ("Who may serve", NOT_STATED),
            ]
        );
        assert_eq!(n.parts[0].quote, None);
        assert_eq!(n.parts[1].quote, None);
        assert_eq!(n.parts[2].quote.as_deref(), Some(clause));
        assert_eq!(
            n.parts[2].source.as_deref(),
            Some("Source: line 14 · Notices")
        );
        assert_eq!(
            n.parts[3].quote.as_deref(),
            Some("Deemed receipt: On the day of delivery"),
            "a table row is quoted without its pipes"
        );
        assert_eq!(n.parts[4].source, None);
    }

    #[test]
    fn a_low_confidence_reading_says_to_confirm_it() {
        let mut a = Agreement::new("T");
        let mut s = src(3, "podrá resolver el contrato mediante carta notarial");
        s.confidence = Confidence::Low;
        s.page = Some(2);
        a.notice_service = Some(NoticeService {
            methods: Some(Sourced::new(vec![NotarialLetter, Email, Fax], s)),
            ..NoticeService::default()
        });
        let n = serving_notice(&a);
        assert_eq!(
            n.parts[0].text,
            "By notarial letter (carta notarial), email or fax (read outside a notices clause: confirm it)"
        );
        assert_eq!(
            n.parts[0].source.as_deref(),
            Some("Source: page 2, line 3 · Notices")
        );
        assert!(n.summary.starts_with(
            "By notarial letter (carta notarial), email or fax (read outside a notices clause: confirm it) (line 3). Not stated: who may serve, form, to whom, deemed received."
        ), "{}", n.summary);
    }
}
