//! Section 7 of the brief, "Readings and assumptions" (issue 16 item 5): every value the
//! product inferred or assumed rather than read verbatim (the country from the title, `$`
//! as USD, no renewal clause read as a fixed term, low-confidence readings, month dates read
//! as a day), and every value edited by hand beside the document's original quotation and
//! value, with who changed it and when; the warning of a hand edit that moves the deadline
//! at hand later. When there is nothing, it says so plainly.
//!
//! Content comes from [`crate::services::readings::readings`] (the agreement's recorded
//! assumptions and its history with who made each change, migration 0006).

use super::layout::Layout;
use super::phrases::*;
use super::styles::*;
use super::Brief;

impl Brief<'_> {
    pub(super) fn readings_and_assumptions(&self, l: &mut Layout) {
        let r = &self.readings;
        l.heading(7, "Readings and assumptions", 30.0);
        if r.is_empty() {
            l.paragraph(
                "None: every value in this brief was read from the document as written, and none was edited by hand.",
                MUTED,
                0.0,
                None,
            );
            return;
        }
        if !r.assumptions.is_empty() {
            l.subheading("Inferred or assumed, not read as written", 24.0);
            for a in &r.assumptions {
                let at = a.line.map(|n| format!(" (line {n})")).unwrap_or_default();
                l.bullet(
                    "•",
                    &format!("{}: {} — {}{at}.", a.what, a.value, a.why),
                    BODY,
                    0.0,
                );
            }
            l.space(3.0);
        }
        if !r.hand_edits.is_empty() {
            l.subheading("Edited by hand", 24.0);
            for e in &r.hand_edits {
                l.bullet(
                    "•",
                    &format!(
                        "{}: {} (the document: {}) — edited by {} on {}.",
                        e.field, e.new_value, e.original_value, e.by, e.on
                    ),
                    BODY,
                    0.0,
                );
                match &e.original_quote {
                    Some(q) => l.quote(q, "The document's own wording, before the edit", 11.0),
                    None => l.paragraph(
                        "The document has no wording for it: added by hand.",
                        MUTED,
                        11.0,
                        None,
                    ),
                }
            }
            l.space(3.0);
        }
        for w in &r.warnings {
            l.bullet("⚠", &capitalise(w), BODY_BOLD, 0.0);
        }
        l.space(3.0);
    }
}
