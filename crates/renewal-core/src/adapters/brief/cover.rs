//! Section "cover" of the brief: the top of page 1, before the numbered sections. Draws the
//! kicker ("RENEWAL BRIEF", "As of …"), the agreement's title and subtitle, and a key/value
//! block: parties, agreement type, contract owner, classification, the as-of date, status,
//! effective date, current term, jurisdiction and the source document's SHA-256.
//!
//! Content comes from the imported agreement's fields ([`crate::domain::model::Agreement`])
//! and the agreement view ([`crate::services::views::AgreementDetail`]: status, current
//! term, document hash) as of the as-of date.

use crate::domain::dates::long_date;

use super::fonts::FontKind;
use super::layout::{Layout, Style};
use super::phrases::*;
use super::styles::*;
use super::table::Table;
use super::Brief;

impl Brief<'_> {
    pub(super) fn cover(&self, l: &mut Layout) {
        let a = self.a();
        let kicker = Style::new(FontKind::Bold, 8.0, 0.45);
        let b = l.baseline_below(l.y, kicker);
        l.text(l.left(), b, kicker, "RENEWAL BRIEF");
        let asof = format!("As of {}", long_date(self.as_of));
        let w = l.width(&asof, kicker);
        l.text(l.right() - w, b, kicker, &asof);
        l.y -= kicker.line_height() + 2.0;
        let title = Style::new(FontKind::Bold, 18.0, 0.0);
        l.paragraph(&a.title, title, 0.0, None);
        if let Some(sub) = &a.subtitle {
            l.paragraph(sub, Style::new(FontKind::Regular, 10.0, 0.35), 0.0, None);
        }
        l.space(6.0);
        let unknown =
            |s: Option<String>| s.unwrap_or_else(|| "Not stated in the agreement".to_string());
        let v = |s: String| vec![(s, BODY)];
        let parties = a.parties.as_ref().map(|p| p.value.join(" / "));
        let current = self
            .d
            .current_term
            .map(|t| crate::domain::rules::decision::term_name(&t));
        // An agreement that has ended has no current term: it says when it ended and which
        // term was its last (issue 16 item 2).
        let ended = matches!(
            self.d.status,
            crate::domain::model::AgreementStatus::Expired
                | crate::domain::model::AgreementStatus::Terminated
        );
        let status = match self.d.status {
            crate::domain::model::AgreementStatus::Active if self.d.renewing => {
                "Active, renews automatically".to_string()
            }
            crate::domain::model::AgreementStatus::Active => "Active".to_string(),
            other => match self.d.end_date {
                // "Expired Tue 30 Jun 2026", not a current term (issue 16 item 2).
                Some(end) => format!("{} {}", capitalise(other.as_str()), long_date(end)),
                None => capitalise(other.as_str()),
            },
        };
        let status = if self.d.provisional.is_empty() {
            status
        } else {
            format!("{status} · PROVISIONAL (values to confirm)")
        };
        let mut rows = vec![
            ("Parties".to_string(), v(unknown(parties))),
            (
                "Agreement type".to_string(),
                v(unknown(a.agreement_type.as_ref().map(|t| t.value.clone()))),
            ),
            (
                "Contract owner".to_string(),
                v(unknown(a.contract_owner.as_ref().map(|o| o.value.clone()))),
            ),
            (
                "Classification".to_string(),
                v(unknown(a.classification.as_ref().map(|c| c.value.clone()))),
            ),
            (
                "Brief as of".to_string(),
                vec![(long_date(self.as_of), BODY_BOLD)],
            ),
            ("Status".to_string(), v(status)),
        ];
        rows.push((
            "Effective date".to_string(),
            v(unknown(
                a.effective_date.as_ref().map(|d| long_date(d.value)),
            )),
        ));
        match (current, ended) {
            (Some(c), false) => rows.push(("Current term".to_string(), v(c))),
            (Some(c), true) => rows.push(("Last term".to_string(), v(c))),
            (None, _) => {}
        }
        if let Some(c) = &a.country {
            rows.push((
                "Jurisdiction".to_string(),
                v(format!(
                    "{} (business days and public holidays)",
                    c.value.name()
                )),
            ));
        }
        match &a.entered_by_hand {
            // Issue 11 item 2: no signed document was read; say so where the document is named.
            Some(note) => rows.push((
                "Source document".to_string(),
                v(format!(
                    "None: {note}. Check these terms against the signed contract."
                )),
            )),
            None => rows.push((
                "Source document".to_string(),
                vec![(format!("SHA-256 {}", self.d.sha256), SMALL)],
            )),
        }
        l.table(&Table::key_values(96.0, false).keys(rows));
        l.space(2.0);
    }
}
