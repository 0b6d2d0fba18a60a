//! The reader for every document format: a [`DocumentText`] becomes located
//! [`blocks::Block`]s, and one set of recognisers ([`clauses`]) reads the renewal fields
//! from them, in English and Spanish, each value with its source (page, line, quoted
//! text) and a [`Confidence`]. `renewals extract` prints a [`Reading`] as JSON
//! ([`Reading::to_json`], the contract of issue 10 item 5); the importer turns it into an
//! agreement ([`Reading::to_agreement`]).

pub mod blocks;
pub mod clauses;
pub mod lexicon;
pub mod scanned;

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{DocumentText, Format};
use crate::domain::calendar::Country;
use crate::domain::dates::{PartialDate, Period, PeriodUnit};
use crate::domain::model::{
    Agreement, Confidence, NoticeMethod, NoticeService, PriceReview, Source, Sourced,
    TerminationKind, TerminationRight, Warning,
};

/// The language a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// `"en"` or `"es"`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }
}

/// Where a value was read: page (PDF), 1-based line and the quoted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    /// 1-based page, when the document has pages.
    pub page: Option<u32>,
    /// 1-based line where the quoted text starts.
    pub line: u32,
    /// 1-based last line of the block it was read from (a paragraph spans several lines).
    /// On a paged document (PDF) a paragraph that runs onto the next page ends on that
    /// page's line; such sources keep their quoted text (see `import_read`).
    pub line_end: u32,
    /// The sentence or row the value was read from (at most 300 characters).
    pub text: String,
}

/// A value read from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// `high` for a clear statement, `low` when the reader had to choose.
    pub confidence: Confidence,
    /// Where it was read.
    pub source: Loc,
    /// Computed from other values (an expiry from the effective date and the term, rule 2).
    pub derived: bool,
}

impl<T> Found<T> {
    pub(crate) fn new(value: T, confidence: Confidence, source: Loc) -> Self {
        Found {
            value,
            confidence,
            source,
            derived: false,
        }
    }
}

/// The last day of the initial term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// A date (inclusive).
    Date(NaiveDate),
    /// The agreement has no end (evergreen with no initial term).
    Perpetual,
}

/// What the document says about termination for convenience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convenience {
    /// A party may terminate without cause, on this notice (if stated).
    Allowed(Option<Period>),
    /// The document excludes it ("Neither party may terminate for convenience").
    Excluded,
}

/// What the document's notices clause says about serving notice ("Notices",
/// "Notificaciones"): each part with the sentence it was read from; `None` where the clause
/// does not say, and every part `None` when the document has no notices clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeServiceReading {
    /// Who may serve notice: `"either party"`, `"each party"`, `"the Customer"`.
    pub who: Option<Found<String>>,
    /// The form: `"in writing"` (also for "por escrito"), `"in writing, in English"`.
    pub form: Option<Found<String>>,
    /// The ways of delivering it, in the order the sentence names them.
    pub methods: Option<Found<Vec<NoticeMethod>>>,
    /// To whom or where, as written: `"to the addresses set out above"`, `"to the attention
    /// of the General Counsel"`, `"al domicilio señalado en la introducción"`.
    pub addressee: Option<Found<String>>,
    /// When notice is deemed received or effective, as written: `"deemed given upon
    /// receipt"`.
    pub deemed_received: Option<Found<String>>,
}

impl NoticeServiceReading {
    /// True when no part was read.
    pub fn is_empty(&self) -> bool {
        self.who.is_none()
            && self.form.is_none()
            && self.methods.is_none()
            && self.addressee.is_none()
            && self.deemed_received.is_none()
    }
}

/// What the reader read from one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The document's format.
    pub format: Format,
    /// Its language.
    pub language: Language,
    /// The agreement's name.
    pub title: Option<Found<String>>,
    /// The parties, first party first.
    pub parties: Option<Found<Vec<String>>>,
    /// First day of the agreement.
    pub effective_date: Option<Found<NaiveDate>>,
    /// Last day of the initial term, stated or derived (rule 2).
    pub expiry_date: Option<Found<Expiry>>,
    /// Length of the initial term.
    pub initial_term: Option<Found<Period>>,
    /// Whether the term renews automatically.
    pub auto_renewal: Option<Found<bool>>,
    /// Length of each renewal period; with `auto_renewal` not true, the length of a renewal
    /// option (`low`, with a `renewal_option` warning), never computed as a renewal
    /// (see `clauses::option_period`).
    pub renewal_period: Option<Found<Period>>,
    /// Notice of non-renewal before the end of the then-current term.
    pub non_renewal_notice: Option<Found<Period>>,
    /// Termination for convenience.
    pub termination_for_convenience: Option<Found<Convenience>>,
    /// Cure period for a material breach.
    pub cure_period: Option<Found<Period>>,
    /// Price review or indexation, as written.
    pub price_review: Option<Found<String>>,
    /// The document's next review date.
    pub next_review: Option<Found<PartialDate>>,
    /// Country of the governing law, ISO 3166-1 alpha-2.
    pub country: Option<Found<String>>,
    /// Currency of the fees, ISO 4217.
    pub currency: Option<Found<String>>,
    /// How notice is served, from the notices clause (issue 16 item 4).
    pub notice_service: NoticeServiceReading,
    /// What a person should confirm.
    pub warnings: Vec<Warning>,
    /// Values the document states that cannot be right (a date of the year 0000 where the
    /// effective date, the end date or the next review is stated): the import is refused
    /// with the first of them (issue 13 item 3).
    pub refusals: Vec<Refusal>,
}

/// A stated value the reader found and refuses: which field, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The field, as the agreement names it (`effective_date`, `expiry_date`,
    /// `next_review`).
    pub field: String,
    /// 1-based line of the document where the value is stated.
    pub line: u32,
    /// Why, e.g. `"1 January 0000": year 0000 is outside 1900–2200`.
    pub message: String,
}

/// Reads `doc` (see the module docs). Values read from pages read by OCR have their
/// confidence lowered and a warning to confirm them ([`scanned`]).
pub fn read(doc: &DocumentText) -> Reading {
    let blocks = if doc.ocr.is_empty() {
        blocks::blocks(&doc.lines)
    } else {
        blocks::blocks(&scanned::separated(doc))
    };
    let mut r = clauses::read_blocks(doc.format, &blocks);
    scanned::apply(doc, &mut r);
    r
}

fn loc_json(l: &Loc) -> Value {
    json!({"page": l.page, "line": l.line, "text": l.text})
}

fn field<T>(f: &Option<Found<T>>, v: impl Fn(&T) -> Value) -> Value {
    match f {
        None => Value::Null,
        Some(f) => {
            let mut o = json!({
                "value": v(&f.value),
                "confidence": f.confidence.as_str(),
                "source": loc_json(&f.source),
            });
            if f.derived {
                o["derived"] = Value::Bool(true);
            }
            o
        }
    }
}

/// `{"amount": N, "unit": "days"|"business_days"|"weeks"|"months"|"years"}`.
pub fn period_json(p: &Period) -> Value {
    let unit = match p.unit {
        PeriodUnit::Days => "days",
        PeriodUnit::BusinessDays => "business_days",
        PeriodUnit::Weeks => "weeks",
        PeriodUnit::Months => "months",
        PeriodUnit::Years => "years",
    };
    json!({"amount": p.amount, "unit": unit})
}

fn date_json(d: &PartialDate) -> Value {
    d.deadline()
        .map_or(Value::Null, |d| Value::String(d.to_string()))
}

impl Reading {
    /// The `fields` object of the extract contract (issue 10 item 5): exactly the keys
    /// `title`, `parties`, `effective_date`, `expiry_date`, `initial_term`, `auto_renewal`,
    /// `renewal_period`, `non_renewal_notice`, `termination_for_convenience`,
    /// `price_review`, `next_review`, `country`, `currency`; each `null` or
    /// `{"value", "confidence", "source": {"page", "line", "text"}}` (+ `"derived": true`).
    pub fn fields_json(&self) -> Value {
        json!({
            "title": field(&self.title, |t| json!(t)),
            "parties": field(&self.parties, |p| json!(p)),
            "effective_date": field(&self.effective_date, |d| json!(d.to_string())),
            "expiry_date": field(&self.expiry_date, |e| match e {
                Expiry::Date(d) => json!(d.to_string()),
                Expiry::Perpetual => json!("perpetual"),
            }),
            "initial_term": field(&self.initial_term, period_json),
            "auto_renewal": field(&self.auto_renewal, |b| json!(b)),
            "renewal_period": field(&self.renewal_period, period_json),
            "non_renewal_notice": field(&self.non_renewal_notice, period_json),
            "termination_for_convenience": field(&self.termination_for_convenience, |c| match c {
                Convenience::Excluded => json!(false),
                Convenience::Allowed(n) => json!({"notice": n.as_ref().map(period_json)}),
            }),
            "price_review": field(&self.price_review, |t| json!(t)),
            "next_review": field(&self.next_review, date_json),
            "country": field(&self.country, |c| json!(c)),
            "currency": field(&self.currency, |c| json!(c)),
        })
    }

    /// One line of `renewals extract --json`: `{"file", "format", "language", "error":
    /// null, "fields"}`.
    pub fn to_json(&self, file: &str) -> Value {
        json!({
            "file": file,
            "format": format_name(self.format),
            "language": self.language.code(),
            "error": Value::Null,
            "fields": self.fields_json(),
        })
    }

    /// The agreement this reading describes, for the importer: every value with its
    /// [`Source`] (line span, page, quoted text, confidence) and the reading's warnings; a
    /// low-confidence value adds a `low_confidence` warning to confirm. The quoted text is
    /// the reader's sentence (at most 300 characters); the importer replaces it with the
    /// span's lines when the span addresses the stored document (all formats but PDF).
    pub fn to_agreement(&self, fallback_title: &str) -> Agreement {
        let title = self
            .title
            .as_ref()
            .map_or_else(|| fallback_title.to_string(), |t| t.value.clone());
        let mut a = Agreement::new(title);
        fn src<T>(f: &Found<T>, section: &str) -> Source {
            Source {
                line: Some(f.source.line),
                line_end: Some(f.source.line_end.max(f.source.line)),
                section: section.to_string(),
                text: f.source.text.clone(),
                page: f.source.page,
                confidence: f.confidence,
            }
        }
        fn put<T: Clone>(f: &Option<Found<T>>, section: &str) -> Option<Sourced<T>> {
            f.as_ref()
                .map(|f| Sourced::new(f.value.clone(), src(f, section)))
        }
        a.parties = put(&self.parties, "Parties");
        if let Some(p) = &a.parties {
            a.our_party = p.value.first().cloned();
            a.counterparty = p.value.get(1).cloned();
        }
        a.effective_date = put(&self.effective_date, "Term");
        a.initial_term = put(&self.initial_term, "Term");
        // a term stated only as dates: the initial term in whole months when it is one
        if a.initial_term.is_none() {
            if let (
                Some(eff),
                Some(Found {
                    value: Expiry::Date(end),
                    ..
                }),
            ) = (&self.effective_date, &self.expiry_date)
            {
                if let Some(m) = whole_months(eff.value, *end) {
                    if let Some(exp) = &self.expiry_date {
                        a.initial_term = Some(Sourced::new(Period::months(m), src(exp, "Term")));
                    }
                }
            }
        }
        a.auto_renewal = put(&self.auto_renewal, "Renewal");
        a.renewal_period = put(&self.renewal_period, "Renewal");
        a.non_renewal_notice = put(&self.non_renewal_notice, "Renewal");
        if let Some(c) = &self.termination_for_convenience {
            if let Convenience::Allowed(notice) = c.value {
                a.termination_rights.push(TerminationRight {
                    scenario: "Convenience".to_string(),
                    kind: TerminationKind::Convenience,
                    notice,
                    cure_period: None,
                    consequence: String::new(),
                    source: src(c, "Termination"),
                });
            }
        }
        if let Some(c) = &self.cure_period {
            a.termination_rights.push(TerminationRight {
                scenario: "Material breach".to_string(),
                kind: TerminationKind::MaterialBreach,
                notice: None,
                cure_period: Some(c.value),
                consequence: String::new(),
                source: src(c, "Termination"),
            });
        }
        if let Some(p) = &self.price_review {
            let lower = p.value.to_lowercase();
            let rule = if lower.contains("each renewal") || lower.contains("cada renovación") {
                PriceReview::AtEachRenewal
            } else {
                PriceReview::Other(p.value.clone())
            };
            a.price_review = Some(Sourced::new(rule, src(p, "Price review")));
        }
        a.next_review = put(&self.next_review, "Review");
        let n = &self.notice_service;
        if !n.is_empty() {
            a.notice_service = Some(NoticeService {
                who: put(&n.who, "Notices"),
                form: put(&n.form, "Notices"),
                methods: put(&n.methods, "Notices"),
                addressee: put(&n.addressee, "Notices"),
                deemed_received: put(&n.deemed_received, "Notices"),
            });
        }
        if let Some(c) = &self.country {
            if let Some(country) = Country::parse(&c.value) {
                a.country = Some(Sourced::new(country, src(c, "Governing law")));
            }
        }
        a.warnings = self.warnings.clone();
        for (field, conf, line) in [
            (
                "effective_date",
                self.effective_date
                    .as_ref()
                    .map(|f| (f.confidence, f.source.line)),
            ),
            (
                "expiry_date",
                self.expiry_date
                    .as_ref()
                    .map(|f| (f.confidence, f.source.line)),
            ),
            (
                "initial_term",
                self.initial_term
                    .as_ref()
                    .map(|f| (f.confidence, f.source.line)),
            ),
            (
                "renewal_period",
                self.renewal_period
                    .as_ref()
                    .map(|f| (f.confidence, f.source.line)),
            ),
            (
                "non_renewal_notice",
                self.non_renewal_notice
                    .as_ref()
                    .map(|f| (f.confidence, f.source.line)),
            ),
        ]
        .into_iter()
        .filter_map(|(f, x)| x.map(|(c, l)| (f, c, l)))
        {
            if conf == Confidence::Low
                && !a
                    .warnings
                    .iter()
                    .any(|w| w.field == field && w.code == "low_confidence")
            {
                a.warnings.push(Warning {
                    code: "low_confidence".to_string(),
                    field: field.to_string(),
                    line: Some(line),
                    message: format!(
                        "{} read with low confidence: confirm it",
                        field.replace('_', " ")
                    ),
                });
            }
        }
        a
    }
}

/// `"markdown"`, `"text"`, `"docx"` or `"pdf"`.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "markdown",
        Format::Text => "text",
        Format::Docx => "docx",
        Format::Pdf => "pdf",
    }
}

/// The number of whole months from `start` to the day after `end` (rule 2 backwards), when
/// `end + 1 day` is exactly `start + N months`.
pub fn whole_months(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    let next = end.succ_opt()?;
    (1..=1200u32).find(|m| Period::months(*m).after(start) == Some(next))
}

#[cfg(test)]
mod cuad_dump {
    /// Development aid, not a check: with `CUAD_DIR` (the cuad-dev folder) and `CUAD_OUT`
    /// (a file) set, writes the extract JSON of every contract, as `renewals extract --json`
    /// would, for `extract_to_pred.py` and `score.py`. Run with `--ignored`.
    #[test]
    #[ignore]
    fn cuad_extract_jsonl() {
        let (Ok(dir), Ok(out)) = (std::env::var("CUAD_DIR"), std::env::var("CUAD_OUT")) else {
            return;
        };
        let mut files: Vec<_> = std::fs::read_dir(std::path::Path::new(&dir).join("contracts"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        let mut lines = String::new();
        for f in files {
            let name = format!(
                "contracts/{}",
                f.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            if let Ok(doc) = crate::adapters::import::read_path(&f) {
                lines.push_str(&super::read(&doc).to_json(&name).to_string());
                lines.push('\n');
            }
        }
        std::fs::write(out, lines).unwrap_or_default();
    }
}
