//! The renewal brief: the PDF a commercial director and legal read before deciding to renew,
//! renegotiate or exit (issue 3).
//!
//! [`render_brief`] returns the PDF's bytes. Its content, in order, one module per section:
//!
//! | Section | Module |
//! |---|---|
//! | cover: title, parties, type, classification, owner, as-of date, status, terms | `cover` |
//! | 1 The decision at a glance | `decision` |
//! | 2 Key dates | `key_dates` |
//! | 3 Timeline | `timeline` |
//! | 4 Notice and termination: workings and quoted clauses | `notice` |
//! | 5 Commercial terms | `commercial` |
//! | 6 Service levels, obligations, exit rights and data protection | `obligations` |
//! | 7 Readings and assumptions: values inferred or assumed, values edited by hand | `assumptions` |
//! | 8 Warnings and data gaps | `data_gaps` |
//! | 9 Actions checklist, decision and sign-off | `checklist` |
//!
//! and on every page a classification band and a footer with the title, "page X of Y", the
//! source document's short SHA-256 and the date generated (the as-of date). Underneath:
//! `table` (the one table builder every table uses), `layout` (pages, text, paragraphs),
//! `fonts` and `sfnt` (the embedded DejaVu Sans faces and their metrics), `phrases` and
//! `styles` (wording and text styles the sections share) and `pdf` (writing the PDF).
//!
//! Every computed date comes from the deadline engine ([`crate::domain::rules::assess`]) with its
//! workings, as in renewal-rules.md; the brief adds no rule of its own.
//!
//! The PDF embeds DejaVu Sans (regular, bold and oblique) subset to the glyphs used, so `✓`,
//! `€`, `—`, `é` and `ñ` render. Text is measured with the font's advance widths and wrapped
//! to the column; tables that break across pages repeat their header and never split a row.
//! The output is deterministic: the same agreement, as-of date and options give
//! byte-identical files (dates from the as-of date, a document id derived from the inputs,
//! subset font names derived from the text).
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::adapters::brief::{render_brief, BriefOptions, Paper};
//! use renewal_core::adapters::import::import_markdown;
//! use renewal_core::adapters::store::StoredAgreement;
//!
//! let doc = "# Example Peru Supply Agreement\n\n\
//! | Field | Details |\n|---|---|\n\
//! | Parties | Acme SAC / Widget Corp |\n\
//! | Effective Date | 1 January 2023 |\n\
//! | Term | 3 years (auto-renewal) |\n";
//! let imported = import_markdown("example.md", doc)?;
//! let stored = StoredAgreement {
//!     id: 1,
//!     agreement: imported.agreement,
//!     sha256: imported.sha256,
//!     created_at: String::new(),
//!     updated_at: String::new(),
//! };
//! let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! // The agreement's history (`Store::history`): none here, nothing was edited by hand.
//! let pdf = render_brief(&stored, &[], as_of, &BriefOptions { paper: Paper::Letter })?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod assumptions;
mod checklist;
mod commercial;
mod cover;
mod data_gaps;
mod decision;
mod fonts;
mod key_dates;
mod layout;
mod notice;
mod obligations;
mod pdf;
mod phrases;
mod sfnt;
mod styles;
mod table;
mod timeline;

use chrono::NaiveDate;
use printpdf::{FontId, Mm, Pt};
use serde::{Deserialize, Serialize};

use crate::adapters::store::{HistoryEntry, StoredAgreement};
use crate::domain::dates::long_date;
use crate::domain::model::Agreement;
use crate::domain::rules::{assess, Assessment, DatedEvent, EventView};
use crate::services::readings::{readings, Readings};
use crate::services::views::AgreementDetail;

use fonts::Fonts;
use layout::{Layout, PageGeometry, Running};

/// Paper size of the brief.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm (595.28 × 841.89 pt). The default.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in (612 × 792 pt).
    Letter,
}

impl Paper {
    /// Width and height in PDF points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (Pt::from(Mm(210.0)).0, Pt::from(Mm(297.0)).0),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// Parses `a4` or `letter` (any case).
    pub fn parse(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "usletter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// Options of [`render_brief`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefOptions {
    /// Paper size: A4 (default) or US Letter.
    pub paper: Paper,
}

/// A file name for an agreement's brief: the title in lower-case ASCII words joined by
/// dashes, then `.pdf` (`"Microsoft Peru Partnership Agreement"` →
/// `microsoft-peru-partnership-agreement.pdf`); `agreement.pdf` when the title has no
/// letters or digits. At most 80 characters before the extension.
pub fn brief_file_name(title: &str) -> String {
    let mut slug = crate::domain::rules::slug(&fold_accents(title));
    if slug.len() > 80 {
        slug.truncate(80);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        slug.push_str("agreement");
    }
    format!("{slug}.pdf")
}

/// Latin letters with accents to their base letter, for file names (`é` → `e`, `ñ` → `n`).
fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ç' => 'c',
            'Ç' => 'C',
            other => other,
        })
        .collect()
}

/// Renders the renewal brief of `stored` as of `as_of` and returns the PDF's bytes.
/// `history` is the agreement's history, oldest first ([`crate::adapters::store::Store::history`]):
/// its hand edits, with who made them, are listed under "Readings and assumptions".
///
/// Deterministic: the same agreement, `as_of` and `options` give byte-identical output. The
/// PDF's creation and modification dates are `as_of` at 00:00 UTC.
///
/// # Errors
///
/// [`crate::Error::Brief`] when the embedded fonts cannot be parsed or the PDF cannot be
/// written (neither happens with the fonts this crate ships).
pub fn render_brief(
    stored: &StoredAgreement,
    history: &[HistoryEntry],
    as_of: NaiveDate,
    options: &BriefOptions,
) -> Result<Vec<u8>, crate::Error> {
    let fonts = Fonts::get()?;
    let detail = AgreementDetail::new(stored, as_of);
    let assessment = assess(&stored.agreement, as_of);
    let a = &detail.agreement;
    let classification = a
        .classification
        .as_ref()
        .map(|c| c.value.clone())
        .unwrap_or_else(|| "Classification not stated".to_string());
    let short_sha: String = detail.sha256.chars().take(12).collect();
    let running = Running {
        classification: classification.clone(),
        title: format!("Renewal brief · {}", a.title),
        footer_left: format!("Source document SHA-256 {short_sha} · {classification}"),
        footer_right: format!("Generated {} (as-of date)", long_date(as_of)),
    };
    // Placeholder ids; renamed after layout to names derived from the text (see `pdf`).
    let placeholder = [
        FontId("BRIEFR".to_string()),
        FontId("BRIEFB".to_string()),
        FontId("BRIEFO".to_string()),
        FontId("BRIEFF".to_string()),
    ];
    let brief = Brief {
        d: &detail,
        s: &assessment,
        as_of,
        missing: Vec::new(),
        readings: readings(&stored.agreement, history),
    };
    let l = brief.lay_out(fonts, options.paper, running, placeholder.clone());
    let (pages, _runs, hashes) = l.finish();
    pdf::write_pdf(fonts, &detail, as_of, options, pages, placeholder, hashes)
}

/// The brief's page: the paper's size and margins of 50 pt at the sides, 30 pt at the top
/// and 58 pt at the bottom (room for the footer).
fn geometry(paper: Paper) -> PageGeometry {
    let (width, height) = paper.size_pt();
    PageGeometry {
        width,
        height,
        margin_x: 50.0,
        margin_top: 30.0,
        margin_bottom: 58.0,
    }
}

/// Lays out the pages (for tests: the runs drawn and the page size).
#[cfg(test)]
pub(crate) fn layout_runs(
    stored: &StoredAgreement,
    history: &[HistoryEntry],
    as_of: NaiveDate,
    options: &BriefOptions,
) -> (Vec<layout::Run>, usize, (f32, f32)) {
    let fonts = Fonts::get().unwrap();
    let detail = AgreementDetail::new(stored, as_of);
    let assessment = assess(&stored.agreement, as_of);
    let running = Running {
        classification: "Test".to_string(),
        title: detail.agreement.title.clone(),
        footer_left: "left".to_string(),
        footer_right: "right".to_string(),
    };
    let ids = ["A", "B", "C", "D"].map(|n| FontId(n.to_string()));
    let brief = Brief {
        d: &detail,
        s: &assessment,
        as_of,
        missing: Vec::new(),
        readings: readings(&stored.agreement, history),
    };
    let (pages, runs, _) = brief.lay_out(fonts, options.paper, running, ids).finish();
    (runs, pages.len(), options.paper.size_pt())
}

/// What every section draws from: the agreement view, the engine's assessment and the as-of
/// date, all for one agreement.
struct Brief<'a> {
    d: &'a AgreementDetail,
    s: &'a Assessment,
    as_of: NaiveDate,
    /// Text no font could draw, found by a first layout; listed under data gaps.
    missing: Vec<String>,
    /// Values inferred or assumed and values edited by hand (section 7).
    readings: Readings,
}

impl Brief<'_> {
    fn a(&self) -> &Agreement {
        &self.d.agreement
    }

    /// The next action: the earliest open event someone must act on.
    fn next(&self) -> Option<&DatedEvent> {
        self.s.next_deadline()
    }

    /// The agreement view's rendering of an engine event (label, workings, explanation).
    fn view_of(&self, e: &DatedEvent) -> Option<&EventView> {
        let id = e.id();
        self.d.events.iter().find(|v| v.id == id)
    }

    /// Lays out the brief's pages. When some text has characters no font can draw, lays
    /// them out again with that text listed under the data gaps (section 8).
    fn lay_out<'f>(
        mut self,
        fonts: &'f Fonts,
        paper: Paper,
        running: Running,
        font_ids: [FontId; 4],
    ) -> Layout<'f> {
        let mut l = Layout::new(fonts, geometry(paper), running.clone(), font_ids.clone());
        self.write(&mut l);
        if l.missing().is_empty() {
            return l;
        }
        self.missing = l.missing().to_vec();
        let mut l = Layout::new(fonts, geometry(paper), running, font_ids);
        self.write(&mut l);
        l
    }

    /// Draws the sections in order.
    fn write(&self, l: &mut Layout) {
        self.cover(l);
        self.at_a_glance(l);
        self.key_dates(l);
        self.timeline(l);
        self.notice_and_termination(l);
        self.commercial(l);
        self.service_and_exit(l);
        self.readings_and_assumptions(l);
        self.warnings(l);
        self.actions(l);
    }
}

#[cfg(test)]
mod tests;
