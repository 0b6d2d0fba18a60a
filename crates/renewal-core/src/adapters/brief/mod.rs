//! The renewal brief: the PDF a commercial director and legal read before deciding to renew,
//! renegotiate or exit (issue 3).
//!
//! [`render_brief`] returns the PDF's bytes. Its content, in order: the header (title,
//! parties, type, classification banner, contract owner, as-of date); the decision at a
//! glance; the key dates; a timeline drawing; notice and termination with workings and quoted
//! clauses; commercial terms; service levels, obligations, exit rights and data protection;
//! warnings and data gaps; an actions checklist; and on every page a footer with the title,
//! "page X of Y", the source document's short SHA-256 and the date generated (the as-of date).
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
//! let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let pdf = render_brief(&stored, today, &BriefOptions { paper: Paper::Letter })?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fonts;
mod layout;
mod sfnt;
mod timeline;

use chrono::NaiveDate;
use printpdf::{FontId, Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::adapters::store::StoredAgreement;
use crate::domain::dates::{long_date, prose_date, Precision};
use crate::domain::model::{
    Agreement, Commitment, ObligationStatus, PriceReview, Source, TerminationKind,
};
use crate::domain::rules::{
    assess, Assessment, Basis, DatedEvent, EventKind, EventStatus, EventView,
};
use crate::services::views::AgreementDetail;

use fonts::{FontKind, Fonts};
use layout::{Cell, Column, Layout, PageGeometry, Row, Running, Style};

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

// ---- styles ------------------------------------------------------------------------------

const BODY: Style = Style::new(FontKind::Regular, 9.0, 0.1);
const BODY_BOLD: Style = Style::new(FontKind::Bold, 9.0, 0.0);
const SMALL: Style = Style::new(FontKind::Regular, 7.5, 0.35);
const CELL: Style = Style::new(FontKind::Regular, 8.0, 0.1);
const CELL_BOLD: Style = Style::new(FontKind::Bold, 8.0, 0.0);
const CELL_SMALL: Style = Style::new(FontKind::Regular, 6.8, 0.4);
const MUTED: Style = Style::new(FontKind::Oblique, 8.5, 0.4);

/// Renders the renewal brief of `stored` as of `today` and returns the PDF's bytes.
///
/// Deterministic: the same agreement, `today` and `options` give byte-identical output. The
/// PDF's creation and modification dates are `today` at 00:00 UTC.
///
/// # Errors
///
/// [`crate::Error::Brief`] when the embedded fonts cannot be parsed or the PDF cannot be
/// written (neither happens with the fonts this crate ships).
pub fn render_brief(
    stored: &StoredAgreement,
    today: NaiveDate,
    options: &BriefOptions,
) -> Result<Vec<u8>, crate::Error> {
    let fonts = Fonts::get()?;
    let detail = AgreementDetail::new(stored, today);
    let assessment = assess(&stored.agreement, today);
    let (width, height) = options.paper.size_pt();
    let geo = PageGeometry {
        width,
        height,
        margin_x: 50.0,
        margin_top: 30.0,
        margin_bottom: 58.0,
    };
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
        footer_right: format!("Generated {} (as-of date)", long_date(today)),
    };
    // Placeholder ids; renamed after layout to names derived from the text (see below).
    let placeholder = [
        FontId("BRIEFR".to_string()),
        FontId("BRIEFB".to_string()),
        FontId("BRIEFO".to_string()),
    ];
    let mut l = Layout::new(fonts, geo, running, placeholder.clone());
    let brief = Brief {
        d: &detail,
        s: &assessment,
        today,
    };
    brief.write(&mut l);
    let (pages, _runs, hashes) = l.finish();
    write_pdf(fonts, &detail, options, pages, placeholder, hashes)
}

/// Lays out the pages (for tests: the runs drawn and the page size).
#[cfg(test)]
pub(crate) fn layout_runs(
    stored: &StoredAgreement,
    today: NaiveDate,
    options: &BriefOptions,
) -> (Vec<layout::Run>, usize, (f32, f32)) {
    let fonts = Fonts::get().unwrap();
    let detail = AgreementDetail::new(stored, today);
    let assessment = assess(&stored.agreement, today);
    let (width, height) = options.paper.size_pt();
    let geo = PageGeometry {
        width,
        height,
        margin_x: 50.0,
        margin_top: 30.0,
        margin_bottom: 58.0,
    };
    let running = Running {
        classification: "Test".to_string(),
        title: detail.agreement.title.clone(),
        footer_left: "left".to_string(),
        footer_right: "right".to_string(),
    };
    let ids = [FontId("A".into()), FontId("B".into()), FontId("C".into())];
    let mut l = Layout::new(fonts, geo, running, ids);
    Brief {
        d: &detail,
        s: &assessment,
        today,
    }
    .write(&mut l);
    let (pages, runs, _) = l.finish();
    (runs, pages.len(), (width, height))
}

/// Six upper-case letters from a hash: the subset tag of a font (ISO 32000-1, 9.6.4).
fn subset_tag(hash: u64, kind: FontKind) -> String {
    let mut h = hash ^ (kind.index() as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut s = String::with_capacity(6);
    for _ in 0..6 {
        s.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    s
}

fn write_pdf(
    fonts: &Fonts,
    detail: &AgreementDetail,
    options: &BriefOptions,
    pages: Vec<Vec<printpdf::Op>>,
    placeholder: [FontId; 3],
    hashes: [u64; 3],
) -> Result<Vec<u8>, crate::Error> {
    use printpdf::{Op, PdfFontHandle};
    let a = &detail.agreement;
    let today = detail.today;
    // Font resource names double as subset tags: derive them from the text set in each face
    // so different subsets get different names, deterministically.
    let ids: Vec<FontId> = FontKind::ALL
        .iter()
        .map(|k| FontId(subset_tag(hashes[k.index()], *k)))
        .collect();
    let mut doc = PdfDocument::new(&format!("Renewal brief: {}", a.title));
    for kind in FontKind::ALL {
        doc.resources.fonts.map.insert(
            ids[kind.index()].clone(),
            printpdf::PdfFont::new(fonts.parsed(kind).clone()),
        );
    }
    let (w, h) = options.paper.size_pt();
    doc.pages = pages
        .into_iter()
        .map(|mut ops| {
            for op in &mut ops {
                if let Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } = op
                {
                    if let Some(i) = placeholder.iter().position(|p| p == id) {
                        *id = ids[i].clone();
                    }
                }
            }
            PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), ops)
        })
        .collect();
    // Exact media box in points (Mm round-trips through f32).
    for p in &mut doc.pages {
        p.media_box = printpdf::Rect::from_wh(Pt(w), Pt(h));
        p.trim_box = p.media_box.clone();
        p.crop_box = p.media_box.clone();
    }
    let midnight = today
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(midnight)
        .map_err(|e| crate::Error::Brief(format!("as-of date {today}: {e}")))?;
    // A document id from the inputs: the source document, the as-of date and the paper.
    let mut hasher = Sha256::new();
    hasher.update(detail.sha256.as_bytes());
    hasher.update(detail.id.to_le_bytes());
    hasher.update(today.to_string().as_bytes());
    hasher.update(format!("{:?}", options.paper).as_bytes());
    let id_hex = hex::encode(&hasher.finalize()[..16]);
    let info = &mut doc.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.author = a
        .contract_owner
        .as_ref()
        .map(|o| o.value.clone())
        .unwrap_or_default();
    info.creator = "Renewal Desk".to_string();
    info.producer = "Renewal Desk renewal brief (printpdf)".to_string();
    info.subject = format!("Renewal brief as of {today}");
    info.identifier = id_hex.clone();
    info.keywords = vec!["renewal brief".to_string()];

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id_hex.as_bytes().to_vec(), lopdf::StringFormat::Literal),
            lopdf::Object::String(id_hex.as_bytes().to_vec(), lopdf::StringFormat::Literal),
        ]),
    );
    lo.compress();
    let mut out = Vec::with_capacity(64 * 1024);
    lo.save_to(&mut out)
        .map_err(|e| crate::Error::Brief(format!("writing the PDF: {e}")))?;
    Ok(out)
}

// ---- content -----------------------------------------------------------------------------

struct Brief<'a> {
    d: &'a AgreementDetail,
    s: &'a Assessment,
    today: NaiveDate,
}

/// `+312`, `−50`, `today`.
fn days_label(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    }
}

/// "312 days left", "due today", "50 days ago".
fn days_left(days: i64) -> String {
    match days {
        0 => "due today".to_string(),
        1 => "1 day left".to_string(),
        d if d > 0 => format!("{d} days left"),
        -1 => "1 day ago".to_string(),
        d => format!("{} days ago", -d),
    }
}

/// "180 days' notice", "1 month's notice".
fn notice_phrase(p: crate::domain::dates::Period) -> String {
    let s = p.to_string();
    if s.ends_with('s') {
        format!("{s}' notice")
    } else {
        format!("{s}'s notice")
    }
}

fn source_line(src: &Source) -> String {
    match src.line {
        Some(n) => format!("Source: line {n} · {}", src.section),
        None => format!("Source: {}", src.section),
    }
}

/// A table row quoted from the document reads better without its pipes.
fn clause_text(src: &Source) -> String {
    let t = src.text.trim();
    if t.starts_with('|') {
        t.trim_matches('|')
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" | ")
    } else {
        t.to_string()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Brief<'_> {
    fn a(&self) -> &Agreement {
        &self.d.agreement
    }

    /// The next action: the earliest open event someone must act on.
    fn next(&self) -> Option<&DatedEvent> {
        self.s.next_deadline()
    }

    fn view_of(&self, e: &DatedEvent) -> Option<&EventView> {
        let id = e.id();
        self.d.events.iter().find(|v| v.id == id)
    }

    fn write(&self, l: &mut Layout) {
        self.header(l);
        self.at_a_glance(l);
        self.key_dates(l);
        self.timeline(l);
        self.notice_and_termination(l);
        self.commercial(l);
        self.service_and_exit(l);
        self.warnings(l);
        self.actions(l);
    }

    // 1. Header -----------------------------------------------------------------------------

    fn header(&self, l: &mut Layout) {
        let a = self.a();
        let kicker = Style::new(FontKind::Bold, 8.0, 0.45);
        let b = l.baseline_below(l.y, kicker);
        l.text(l.left(), b, kicker, "RENEWAL BRIEF");
        let asof = format!("As of {}", prose_date(self.today));
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
        let current = self.d.current_term.map(|t| {
            format!(
                "Term {} ({}): {} to {}",
                t.number,
                if t.number == 1 { "initial" } else { "renewal" },
                long_date(t.start),
                long_date(t.end)
            )
        });
        let status = match self.d.status {
            crate::domain::model::AgreementStatus::Active if self.d.renewing => {
                "Active, renews automatically".to_string()
            }
            crate::domain::model::AgreementStatus::Active => "Active".to_string(),
            other => capitalise(other.as_str()),
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
                vec![(prose_date(self.today), BODY_BOLD)],
            ),
            ("Status".to_string(), v(status)),
        ];
        rows.push((
            "Effective date".to_string(),
            v(unknown(
                a.effective_date.as_ref().map(|d| long_date(d.value)),
            )),
        ));
        if let Some(c) = current {
            rows.push(("Current term".to_string(), v(c)));
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
        rows.push((
            "Source document".to_string(),
            vec![(format!("SHA-256 {}", self.d.sha256), SMALL)],
        ));
        l.key_values(&rows, 96.0, false);
        l.space(2.0);
    }

    // 2. The decision at a glance ------------------------------------------------------------

    fn action_text(&self, e: &DatedEvent) -> String {
        match e.kind {
            EventKind::NonRenewalNoticeDeadline => {
                let renewal = match e.basis {
                    Basis::NoticeBeforeExpiry { term, .. } => term.renewal_date(),
                    _ => None,
                };
                match renewal {
                    Some(r) => format!(
                        "Decide: renew, renegotiate or exit. To stop the renewal on {}, serve notice of non-renewal by the deadline",
                        prose_date(r)
                    ),
                    None => "Decide: renew, renegotiate or exit; serve notice of non-renewal by the deadline to stop the renewal".to_string(),
                }
            }
            EventKind::TerminationNoticeDeadline => {
                "Serve notice of termination for convenience for the planned exit".to_string()
            }
            EventKind::ObligationDue => format!(
                "Deliver the obligation: {}",
                e.subject.as_deref().unwrap_or("see the key dates")
            ),
            EventKind::NextReview => {
                "Review the agreement document (its stated next review)".to_string()
            }
            EventKind::ExitWindowEnd => format!(
                "Use the exit right before its window closes: {}",
                e.subject.as_deref().unwrap_or("exit window")
            ),
            other => other.title().to_string(),
        }
    }

    fn at_a_glance(&self, l: &mut Layout) {
        l.heading(1, "The decision at a glance", 90.0);
        let mut rows: Vec<(String, Vec<(String, Style)>)> = Vec::new();
        let big = Style::new(FontKind::Bold, 13.0, 0.0);
        let strong = Style::new(FontKind::Bold, 10.0, 0.0);
        match self.next() {
            Some(e) => {
                rows.push((
                    "Next action".to_string(),
                    vec![(self.action_text(e), strong)],
                ));
                let mut lines = vec![(prose_date(e.date), big)];
                let mut sub = format!("{} · {}", days_left(e.days_from_today), e.label());
                if let Some(adj) = &e.adjustment {
                    let reason = adj
                        .skipped
                        .first()
                        .map(|s| match s.reason.as_str() {
                            "Saturday" | "Sunday" => "a weekend day".to_string(),
                            holiday => format!("{holiday}, a public holiday"),
                        })
                        .unwrap_or_else(|| "not a business day".to_string());
                    sub.push_str(&format!(
                        " · moved back from {} ({reason}) to the preceding business day (rule 4)",
                        prose_date(e.unadjusted_date)
                    ));
                }
                lines.push((sub, BODY));
                rows.push(("Deadline".to_string(), lines));
            }
            None => {
                rows.push((
                    "Next action".to_string(),
                    vec![(
                        "No dated action is open: nothing falls due after the as-of date"
                            .to_string(),
                        strong,
                    )],
                ));
            }
        }
        rows.push((
            "If nobody acts".to_string(),
            vec![(format!("{}.", capitalise(&self.d.default_outcome)), strong)],
        ));
        if let Some(c) = &self.d.convenience {
            rows.push((
                "Exit for convenience".to_string(),
                vec![(
                    format!(
                        "Notice served today ({}) ends the agreement no earlier than {} ({}, rule 6).",
                        long_date(self.today),
                        prose_date(c.earliest_end_if_served_today),
                        notice_phrase(c.notice)
                    ),
                    BODY,
                )],
            ));
        }
        let overdue: Vec<&DatedEvent> = self.s.overdue().collect();
        if !overdue.is_empty() {
            let list = overdue
                .iter()
                .map(|e| format!("{} ({})", e.label(), long_date(e.date)))
                .collect::<Vec<_>>()
                .join("; ");
            rows.push((
                "Needs attention".to_string(),
                vec![(
                    format!(
                        "⚠ {} item{} overdue: {list}.",
                        overdue.len(),
                        if overdue.len() == 1 { "" } else { "s" }
                    ),
                    BODY_BOLD,
                )],
            ));
        }
        let gaps = self.d.warnings.len() + self.d.notes.len();
        if gaps > 0 {
            rows.push((
                "Data gaps".to_string(),
                vec![(
                    format!(
                        "{gaps} warning{} from the import: see section 7 before relying on this brief.",
                        if gaps == 1 { "" } else { "s" }
                    ),
                    BODY,
                )],
            ));
        }
        l.key_values(&rows, 92.0, true);
        l.space(4.0);
    }

    // 3. Key dates ---------------------------------------------------------------------------

    fn key_dates(&self, l: &mut Layout) {
        l.heading(2, "Key dates", 60.0);
        if self.s.events.is_empty() {
            l.paragraph("No dated events: the engine could not compute any date (see Warnings and data gaps).", MUTED, 0.0, None);
            return;
        }
        let columns = [
            Column::new("Date (act by)", 0.22),
            Column::new("Event", 0.44),
            Column::new("Status", 0.18),
            Column::right("Days from as-of", 0.16),
        ];
        let next_id = self.next().map(DatedEvent::id);
        let rows: Vec<Row> = self
            .s
            .events
            .iter()
            .map(|e| {
                let is_next = next_id.as_deref() == Some(e.id().as_str());
                let past = matches!(e.status, EventStatus::Closed | EventStatus::Done);
                let base = if is_next {
                    CELL_BOLD
                } else if past {
                    CELL.grey(0.45)
                } else {
                    CELL
                };
                let date = if e.precision != Precision::Day {
                    match e.basis {
                        Basis::StatedDate { stated } => Cell::two(
                            long_date(e.date),
                            base,
                            format!("stated as {stated}"),
                            CELL_SMALL,
                        ),
                        _ => Cell::text(long_date(e.date), base),
                    }
                } else if e.date != e.unadjusted_date {
                    Cell::two(
                        long_date(e.date),
                        base,
                        format!("from {}", long_date(e.unadjusted_date)),
                        CELL_SMALL,
                    )
                } else {
                    Cell::text(long_date(e.date), base)
                };
                let event = if is_next {
                    Cell::two(e.label(), base, "Next action", CELL_SMALL)
                } else {
                    Cell::text(e.label(), base)
                };
                let status = match e.status {
                    EventStatus::Open => Cell::text("Open", base),
                    EventStatus::Overdue => Cell::text("⚠ OVERDUE", CELL_BOLD),
                    EventStatus::Closed => {
                        let why = match e.kind {
                            EventKind::NonRenewalNoticeDeadline => "renewal locked in",
                            EventKind::ExitWindowEnd => "window closed",
                            _ => "passed",
                        };
                        Cell::two("— Closed", base, why, CELL_SMALL)
                    }
                    EventStatus::Done => Cell::text("✓ Done", base),
                };
                Row {
                    cells: vec![
                        date,
                        event,
                        status,
                        Cell::text(days_label(e.days_from_today), base),
                    ],
                    shade: match e.status {
                        EventStatus::Overdue => Some(0.88),
                        _ if is_next => Some(0.95),
                        _ => None,
                    },
                }
            })
            .collect();
        l.paragraph(
            "Every dated event computed by the deadline engine. Deadlines that fall on a weekend or public holiday are moved back to the preceding business day (rule 4); the date before adjustment is shown under the date to act on. Closed: the date has passed and what it guarded is settled.",
            SMALL,
            0.0,
            None,
        );
        l.space(3.0);
        l.table(None, &columns, &rows);
    }

    // 4. Timeline ----------------------------------------------------------------------------

    fn timeline(&self, l: &mut Layout) {
        let next = self.next();
        timeline::draw(l, self.s, self.today, next, &|l: &mut Layout| {
            l.heading(3, "Timeline", 0.0)
        });
    }

    // 5. Notice and termination --------------------------------------------------------------

    fn workings(&self, l: &mut Layout, e: &DatedEvent) {
        let Some(view) = self.view_of(e) else {
            return;
        };
        let status = match e.status {
            EventStatus::Open => format!("open, {}", days_left(e.days_from_today)),
            EventStatus::Overdue => format!("OVERDUE, {}", days_left(e.days_from_today)),
            EventStatus::Closed => "closed".to_string(),
            EventStatus::Done => "done".to_string(),
        };
        let head = format!("{}: {} ({status})", view.label, long_date(e.date));
        let lines = l.wrap(&head, BODY_BOLD, l.column_width() - 8.0).len();
        l.ensure(lines as f32 * BODY_BOLD.line_height() + 2.0 * SMALL.line_height());
        l.paragraph(&head, BODY_BOLD, 8.0, None);
        for w in view.workings.iter().filter(|w| !w.starts_with("Source:")) {
            l.bullet("·", w, BODY, 14.0);
        }
        l.space(2.0);
    }

    fn notice_and_termination(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(4, "Notice and termination", 50.0);
        // Non-renewal notice.
        l.subheading("Non-renewal notice", 30.0);
        let notice_events: Vec<&DatedEvent> = self
            .s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::NonRenewalNoticeDeadline)
            .collect();
        match (&a.non_renewal_notice, &a.auto_renewal) {
            (Some(n), _) => {
                let renewal = a
                    .renewal_period
                    .as_ref()
                    .map(|p| format!(" Otherwise the agreement renews for {}.", p.value))
                    .unwrap_or_default();
                l.paragraph(
                    &format!(
                        "Notice of non-renewal must be served at least {} before the end of the then-current term (rule 3).{renewal}",
                        n.value
                    ),
                    BODY,
                    0.0,
                    None,
                );
                l.space(2.0);
                for e in &notice_events {
                    self.workings(l, e);
                }
                l.quote(&clause_text(&n.source), &source_line(&n.source), 8.0);
                if let Some(r) = &a.auto_renewal {
                    if r.source != n.source {
                        l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
                    }
                }
            }
            (None, Some(r)) if r.value => {
                l.paragraph(
                    "The agreement renews automatically but states no non-renewal notice period: the notice deadline cannot be computed. Confirm the notice period with legal.",
                    BODY_BOLD,
                    0.0,
                    None,
                );
                l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
            }
            (None, Some(r)) => {
                l.paragraph(
                    "The agreement does not renew automatically: no non-renewal notice is needed.",
                    BODY,
                    0.0,
                    None,
                );
                l.quote(&clause_text(&r.source), &source_line(&r.source), 8.0);
            }
            (None, None) => {
                l.paragraph(
                    "No renewal clause was found: the agreement is treated as a fixed term that ends on its expiry date, and no non-renewal notice applies. Confirm whether it was extended.",
                    BODY,
                    0.0,
                    None,
                );
            }
        }
        // Expiry (fixed term or a recorded notice).
        for e in self.s.events.iter().filter(|e| e.kind == EventKind::Expiry) {
            l.subheading("End of the agreement", 30.0);
            self.workings(l, e);
            if let Some(t) = &a.initial_term {
                l.quote(&clause_text(&t.source), &source_line(&t.source), 8.0);
            }
        }

        // Termination rights.
        l.subheading("Termination rights", 30.0);
        if a.termination_rights.is_empty() {
            l.paragraph(
                "No termination rights are stated in the agreement.",
                MUTED,
                0.0,
                None,
            );
        }
        for (i, t) in a.termination_rights.iter().enumerate() {
            let mut head = t.scenario.clone();
            if let Some(n) = t.notice {
                head.push_str(&format!(": {}", notice_phrase(n)));
            }
            if let Some(c) = t.cure_period {
                head.push_str(&format!(", {c} to cure"));
            }
            if !t.consequence.is_empty() {
                head.push_str(&format!(" · consequence: {}", t.consequence));
            }
            l.ensure(BODY_BOLD.line_height() * 2.0 + 24.0);
            l.paragraph(&head, BODY_BOLD, 8.0, None);
            if t.kind == TerminationKind::Convenience {
                if let Some(c) = &self.d.convenience {
                    l.bullet("·", &c.explanation, BODY, 14.0);
                    l.bullet(
                        "·",
                        "Not a deadline by itself: it becomes one when an exit date is planned (serve by = exit − notice, moved back to a business day).",
                        BODY,
                        14.0,
                    );
                }
                for e in self.s.events.iter().filter(|e| {
                    e.kind == EventKind::TerminationNoticeDeadline
                        && e.clause == crate::domain::rules::Clause::TerminationRight(i)
                }) {
                    self.workings(l, e);
                }
            } else if let Some(c) = t.cure_period {
                l.bullet(
                    "·",
                    &format!("The party in breach has {c} from notice of the breach to remedy it before termination."),
                    BODY,
                    14.0,
                );
            } else if let Some(n) = t.notice {
                l.bullet("·", &format!("Requires {}.", notice_phrase(n)), BODY, 14.0);
            }
            l.quote(&clause_text(&t.source), &source_line(&t.source), 8.0);
        }
    }

    // 6. Commercial terms --------------------------------------------------------------------

    fn commercial(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(5, "Commercial terms", 50.0);
        if let Some(c) = &a.total_commitment {
            l.key_values(
                &[(
                    "Total commitment".to_string(),
                    vec![
                        (c.value.to_string(), BODY_BOLD),
                        (source_line(&c.source), SMALL),
                    ],
                )],
                96.0,
                false,
            );
        }
        if let Some(cur) = a.main_currency() {
            l.paragraph(
                &format!(
                    "Amounts are exact decimals in {cur} ({}) as stated; K is thousand and M million in the source.",
                    crate::domain::money::currency_symbol(cur)
                ),
                SMALL,
                0.0,
                None,
            );
            l.space(2.0);
        }
        if a.commitments.is_empty() && a.amounts.is_empty() && a.total_commitment.is_none() {
            l.paragraph(
                "No commitments or amounts are stated in the agreement.",
                MUTED,
                0.0,
                None,
            );
        }
        // Commitments, one table per category; years as columns when every row has a year.
        for (category, items) in group(&a.commitments) {
            self.commitment_table(l, &category, &items);
        }
        if !a.amounts.is_empty() {
            let columns = [
                Column::new("Table", 0.24),
                Column::new("Item", 0.28),
                Column::new("Column", 0.2),
                Column::right("Amount", 0.28),
            ];
            let rows: Vec<Row> = a
                .amounts
                .iter()
                .map(|c| Row {
                    cells: vec![
                        Cell::text(&c.category, CELL),
                        Cell::text(&c.label, CELL),
                        Cell::text(&c.column, CELL),
                        Cell::text(c.value.to_string(), CELL),
                    ],
                    shade: None,
                })
                .collect();
            l.table(Some("Other amounts stated"), &columns, &rows);
        }
        if !a.revenue_shares.is_empty() {
            let parties: Vec<String> = a.revenue_shares[0].parties.clone();
            let mut columns = vec![Column::new("Product", 0.4)];
            let share = 0.6 / parties.len().max(1) as f32;
            for p in &parties {
                columns.push(Column::right(p, share));
            }
            let rows: Vec<Row> = a
                .revenue_shares
                .iter()
                .map(|r| {
                    let mut cells = vec![Cell::text(&r.product, CELL)];
                    for i in 0..parties.len() {
                        let v = r
                            .shares_percent
                            .get(i)
                            .map(|d| format!("{}%", d.normalize()))
                            .unwrap_or_else(|| "—".to_string());
                        cells.push(Cell::text(v, CELL));
                    }
                    Row { cells, shade: None }
                })
                .collect();
            l.table(Some("Revenue shares"), &columns, &rows);
        }
        l.subheading("Price review", 24.0);
        match &a.price_review {
            Some(p) => {
                let next =
                    self.s.events.iter().find(|e| {
                        e.kind == EventKind::PriceReview && e.status == EventStatus::Open
                    });
                let rule = match &p.value {
                    PriceReview::AtEachRenewal => {
                        "Prices are reviewed at each renewal, on the renewal date.".to_string()
                    }
                    PriceReview::Annually => {
                        "Prices are reviewed annually, on each anniversary of the effective date."
                            .to_string()
                    }
                    PriceReview::Other(t) => format!("As written: {t} (no date computed)."),
                };
                let next = next
                    .map(|e| format!(" Next price review: {}.", prose_date(e.date)))
                    .unwrap_or_default();
                l.paragraph(&format!("{rule}{next}"), BODY, 0.0, None);
                l.quote(&clause_text(&p.source), &source_line(&p.source), 8.0);
            }
            None => l.paragraph("No price review rule is stated.", MUTED, 0.0, None),
        }
        if !a.renewal_terms.is_empty() {
            l.subheading("Renewal terms as written", 20.0);
            for t in &a.renewal_terms {
                l.bullet("•", &t.value, BODY, 0.0);
            }
            l.space(3.0);
        }
    }

    fn commitment_table(&self, l: &mut Layout, category: &str, items: &[&Commitment]) {
        let by_year = items.iter().all(|c| c.year.is_some());
        if by_year {
            let mut years: Vec<u32> = items.iter().filter_map(|c| c.year).collect();
            years.sort_unstable();
            years.dedup();
            let mut labels: Vec<&str> = Vec::new();
            for c in items {
                // Rows are the labels (or the columns when the years are rows).
                let key = if c.label.to_ascii_lowercase().starts_with("year") {
                    c.column.as_str()
                } else {
                    c.label.as_str()
                };
                if !labels.contains(&key) {
                    labels.push(key);
                }
            }
            if years.len() <= 6 {
                let mut columns = vec![Column::new("Item", 0.34)];
                let share = 0.66 / years.len().max(1) as f32;
                for y in &years {
                    columns.push(Column::right(&format!("Year {y}"), share));
                }
                let rows: Vec<Row> = labels
                    .iter()
                    .map(|label| {
                        let mut cells = vec![Cell::text(*label, CELL)];
                        for y in &years {
                            let v = items
                                .iter()
                                .find(|c| {
                                    c.year == Some(*y) && (c.label == *label || c.column == *label)
                                })
                                .map(|c| c.value.to_string())
                                .unwrap_or_else(|| "—".to_string());
                            cells.push(Cell::text(v, CELL));
                        }
                        Row { cells, shade: None }
                    })
                    .collect();
                l.table(
                    Some(&format!("{category} (per contract year)")),
                    &columns,
                    &rows,
                );
                return;
            }
        }
        let columns = [
            Column::new("Item", 0.36),
            Column::new("Column", 0.28),
            Column::right("Amount", 0.36),
        ];
        let rows: Vec<Row> = items
            .iter()
            .map(|c| Row {
                cells: vec![
                    Cell::text(&c.label, CELL),
                    Cell::text(&c.column, CELL),
                    Cell::text(c.value.to_string(), CELL),
                ],
                shade: None,
            })
            .collect();
        l.table(Some(category), &columns, &rows);
    }

    // 7. Service levels, obligations, exit rights, data protection -----------------------------

    fn service_and_exit(&self, l: &mut Layout) {
        let a = self.a();
        l.heading(
            6,
            "Service levels, obligations, exit rights and data protection",
            50.0,
        );

        l.subheading("Service levels", 30.0);
        let columns = [
            Column::new("Metric", 0.36),
            Column::new("Target", 0.28),
            Column::new("Penalty or remedy", 0.36),
        ];
        let rows: Vec<Row> = a
            .service_levels
            .iter()
            .map(|s| Row {
                cells: vec![
                    Cell::text(&s.metric, CELL),
                    Cell::text(&s.target, CELL),
                    Cell::text(s.penalty.as_deref().unwrap_or("—"), CELL),
                ],
                shade: None,
            })
            .collect();
        table_or_note(l, &columns, rows, "No service levels are stated.");

        l.subheading("Open obligations", 30.0);
        let open: Vec<&crate::domain::model::Obligation> = a
            .obligations
            .iter()
            .filter(|o| o.status != ObligationStatus::Complete)
            .collect();
        let columns = [
            Column::new("Obligation", 0.34),
            Column::new("Status", 0.18),
            Column::new("Due", 0.24),
            Column::new("Details", 0.24),
        ];
        let rows: Vec<Row> = open
            .iter()
            .map(|o| {
                let ev = self.s.events.iter().find(|e| {
                    e.kind == EventKind::ObligationDue
                        && e.subject.as_deref() == Some(o.name.as_str())
                });
                let overdue = ev.is_some_and(|e| e.status == EventStatus::Overdue);
                let due = match (o.due, ev) {
                    (Some(d), Some(e)) => Cell::two(
                        format!("{d}{}", if overdue { " ⚠ overdue" } else { "" }),
                        if overdue { CELL_BOLD } else { CELL },
                        format!("falls on {}", long_date(e.date)),
                        CELL_SMALL,
                    ),
                    (Some(d), None) => Cell::text(d.to_string(), CELL),
                    (None, _) => Cell::text("No due date", CELL.grey(0.45)),
                };
                Row {
                    cells: vec![
                        Cell::text(&o.name, CELL),
                        Cell::text(&o.status_text, CELL),
                        due,
                        Cell::text(o.details.as_deref().unwrap_or("—"), CELL),
                    ],
                    shade: overdue.then_some(0.88),
                }
            })
            .collect();
        table_or_note(l, &columns, rows, "No open obligations are stated.");

        let complete = a
            .obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Complete)
            .count();
        if complete > 0 {
            l.paragraph(
                &format!(
                    "{complete} further requirement{} stated as complete or compliant {} not listed.",
                    if complete == 1 { "" } else { "s" },
                    if complete == 1 { "is" } else { "are" }
                ),
                SMALL,
                0.0,
                None,
            );
            l.space(2.0);
        }

        l.subheading("Exit rights", 30.0);
        let columns = [
            Column::new("Scenario", 0.22),
            Column::new("Process", 0.22),
            Column::new("Window", 0.16),
            Column::new("Closes (rule 8)", 0.4),
        ];
        let rows: Vec<Row> = a
            .exit_rights
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let ev = self.s.events.iter().find(|e| {
                    e.kind == EventKind::ExitWindowEnd
                        && e.clause == crate::domain::rules::Clause::ExitRight(i)
                });
                let closes = match ev {
                    Some(e) => Cell::two(
                        format!(
                            "{}{}",
                            long_date(e.date),
                            match e.status {
                                EventStatus::Open => format!(" · {}", days_left(e.days_from_today)),
                                _ => " · closed".to_string(),
                            }
                        ),
                        if e.status == EventStatus::Open {
                            CELL_BOLD
                        } else {
                            CELL.grey(0.45)
                        },
                        self.view_of(e)
                            .map(|v| v.explanation.clone())
                            .unwrap_or_default(),
                        CELL_SMALL,
                    ),
                    None => Cell::text(
                        "Runs from the day after the agreement ends (no end date yet)",
                        CELL.grey(0.4),
                    ),
                };
                Row {
                    cells: vec![
                        Cell::text(&x.scenario, CELL),
                        Cell::text(&x.process, CELL),
                        Cell::text(
                            x.window
                                .map(|w| w.to_string())
                                .unwrap_or_else(|| "—".to_string()),
                            CELL,
                        ),
                        closes,
                    ],
                    shade: None,
                }
            })
            .collect();
        table_or_note(l, &columns, rows, "No exit rights are stated.");

        l.subheading("Data protection", 24.0);
        if a.data_protection.is_empty() {
            l.paragraph("No data protection terms are stated.", MUTED, 0.0, None);
        } else {
            for d in &a.data_protection {
                l.bullet("•", &d.value, BODY, 0.0);
            }
            // One source line per section the statements came from.
            let mut sections: Vec<(&str, Vec<u32>)> = Vec::new();
            for d in &a.data_protection {
                let line = d.source.line.unwrap_or(0);
                match sections.iter_mut().find(|(s, _)| *s == d.source.section) {
                    Some((_, lines)) => lines.push(line),
                    None => sections.push((&d.source.section, vec![line])),
                }
            }
            for (section, lines) in sections {
                let lines: Vec<String> = lines
                    .iter()
                    .filter(|n| **n > 0)
                    .map(u32::to_string)
                    .collect();
                let text = match lines.len() {
                    0 => format!("Source: {section}"),
                    1 => format!("Source: line {} · {section}", lines[0]),
                    _ => format!("Source: lines {} · {section}", lines.join(", ")),
                };
                l.paragraph(&text, SMALL, 11.0, None);
            }
        }
        l.space(3.0);
    }

    // 8. Warnings and data gaps ----------------------------------------------------------------

    fn warnings(&self, l: &mut Layout) {
        l.heading(7, "Warnings and data gaps", 30.0);
        if self.d.warnings.is_empty() && self.d.notes.is_empty() {
            l.paragraph(
                "None: the importer found every clause this brief relies on and made no assumption.",
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
        l.space(3.0);
    }

    // 9. Actions checklist ---------------------------------------------------------------------

    fn actions(&self, l: &mut Layout) {
        l.heading(8, "Actions checklist", 70.0);
        let owner = self
            .a()
            .contract_owner
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_else(|| "Unassigned".to_string());
        let mut todo: Vec<&DatedEvent> = self
            .s
            .events
            .iter()
            .filter(|e| {
                e.is_actionable() && matches!(e.status, EventStatus::Open | EventStatus::Overdue)
            })
            .collect();
        // Overdue first, then by date.
        todo.sort_by_key(|e| (e.status != EventStatus::Overdue, e.date));
        let columns = [
            Column::new("✓", 0.06),
            Column::new("Action", 0.5),
            Column::new("Owner", 0.2),
            Column::new("By", 0.24),
        ];
        let mut rows: Vec<Row> = todo
            .iter()
            .map(|e| {
                let by = if e.status == EventStatus::Overdue {
                    Cell::two(
                        long_date(e.date),
                        CELL_BOLD,
                        "⚠ overdue: act now",
                        CELL_SMALL,
                    )
                } else {
                    Cell::two(
                        long_date(e.date),
                        CELL,
                        days_left(e.days_from_today),
                        CELL_SMALL,
                    )
                };
                Row {
                    cells: vec![
                        Cell::checkbox(),
                        Cell::text(self.action_text(e), CELL),
                        Cell::text(&owner, CELL),
                        by,
                    ],
                    shade: None,
                }
            })
            .collect();
        let decide_by = self
            .s
            .next_notice_deadline()
            .map(|e| Cell::text(long_date(e.date), CELL))
            .unwrap_or_else(|| Cell::text("—", CELL));
        rows.push(Row {
            cells: vec![
                Cell::checkbox(),
                Cell::text("Record the decision (renew, renegotiate or exit) and any notice served in Renewal Desk", CELL),
                Cell::text(&owner, CELL),
                decide_by,
            ],
            shade: None,
        });
        l.table(None, &columns, &rows);
        // Decision and sign-off, kept together.
        let h = 80.0;
        l.ensure(h);
        l.space(4.0);
        let label = Style::new(FontKind::Bold, 8.5, 0.1);
        let b = l.baseline_below(l.y, label);
        l.text(l.left(), b, label, "Decision:");
        let mut x = l.left() + 58.0;
        for opt in ["Renew", "Renegotiate", "Exit"] {
            l.stroke_rect(x, b - 1.0, 8.0, 8.0, 0.2, 0.7, None);
            l.text(x + 12.0, b, BODY, opt);
            x += 22.0 + l.width(opt, BODY) + 18.0;
        }
        l.y -= label.line_height() + 18.0;
        let sig = Style::new(FontKind::Regular, 7.5, 0.35);
        let cols = ["Commercial director", "Legal", "Date"];
        let w = l.column_width() / 3.0;
        let y = l.y;
        for (i, c) in cols.iter().enumerate() {
            let x0 = l.left() + i as f32 * w;
            l.line(x0, y, x0 + w - 16.0, y, 0.3, 0.6, None);
            l.text(x0, y - 9.0, sig, c);
        }
        l.y = y - 16.0;
    }
}

/// Commitments grouped by category, in document order.
fn group(items: &[Commitment]) -> Vec<(String, Vec<&Commitment>)> {
    let mut out: Vec<(String, Vec<&Commitment>)> = Vec::new();
    for c in items {
        match out.iter_mut().find(|(k, _)| *k == c.category) {
            Some((_, v)) => v.push(c),
            None => out.push((c.category.clone(), vec![c])),
        }
    }
    out
}

#[cfg(test)]
mod tests;

/// A table of `rows` under `columns`, or `note` in grey when there are none ("No exit
/// rights are stated.").
fn table_or_note(l: &mut Layout, columns: &[Column], rows: Vec<Row>, note: &str) {
    if rows.is_empty() {
        l.paragraph(note, MUTED, 0.0, None);
    } else {
        l.table(None, columns, &rows);
    }
}
