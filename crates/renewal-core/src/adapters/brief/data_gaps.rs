//! Section 8 of the brief, "Warnings and data gaps": every warning and note the importer
//! left (a clause not found, a value to confirm), with its line in the document, and any
//! text the brief's fonts cannot draw, by code point (issue 13: never dropped in silence).
//!
//! Content comes from the agreement view's import warnings and notes
//! ([`crate::services::views::AgreementDetail`]) and the text a first layout could not draw
//! (no embedded face and no CJK font on the system has its characters, see `fonts`).

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::Brief;

impl Brief<'_> {
    pub(super) fn warnings(&self, l: &mut Layout) {
        l.heading(8, "Warnings and data gaps", 30.0);
        if self.d.warnings.is_empty() && self.d.notes.is_empty() && self.missing.is_empty() {
            l.paragraph(
                "None: the importer found every clause this brief relies on (assumptions are listed in section 7).",
                MUTED,
                0.0,
                None,
            );
            return;
        }
        for w in &self.d.warnings {
            let at = w.line.map(|n| format!(" (line {n})")).unwrap_or_default();
            l.bullet("⚠", &format!("{}{at}", capitalise(&w.message)), BODY, 0.0);
        }
        for n in &self.d.notes {
            l.bullet("⚠", &capitalise(n), BODY, 0.0);
        }
        if !self.missing.is_empty() {
            l.bullet("⚠", &missing_text(&self.missing), BODY, 0.0);
        }
        l.space(3.0);
    }
}

/// At most this many distinct runs of undrawable text are listed, each by at most
/// [`MAX_CODE_POINTS`] code points.
const MAX_RUNS: usize = 12;
const MAX_CODE_POINTS: usize = 16;

/// "The brief's fonts cannot draw some text …: U+65E5 U+672C; U+10FFFD." listing each run
/// of characters no font has by its code points.
fn missing_text(missing: &[String]) -> String {
    let mut runs: Vec<String> = missing
        .iter()
        .take(MAX_RUNS)
        .map(|m| {
            let mut cps: Vec<String> = m
                .chars()
                .take(MAX_CODE_POINTS)
                .map(|c| format!("U+{:04X}", u32::from(c)))
                .collect();
            let n = m.chars().count();
            if n > MAX_CODE_POINTS {
                cps.push(format!("… ({n} characters)"));
            }
            cps.join(" ")
        })
        .collect();
    if missing.len() > MAX_RUNS {
        runs.push(format!("and {} more", missing.len() - MAX_RUNS));
    }
    format!(
        "The brief's fonts cannot draw some of the agreement's text (no font on this computer has these characters; they show as empty boxes): {}. Read it in the source document.",
        runs.join("; ")
    )
}
