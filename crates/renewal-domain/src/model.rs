//! The agreement model: every clause the importer reads, typed, each with a pointer to the
//! text it came from (renewal-rules.md, "What the importer must not do").
//!
//! A field the document does not state is `None` (unknown), never a guess; the importer adds
//! a [`Warning`] for it instead.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Country, CustomCalendar};
use crate::dates::{PartialDate, Period};
use crate::money::Quantity;

/// Where a value came from: a span of lines of the source document (`line..=line_end`)
/// and the verbatim text there.
///
/// The store keeps the span only when it lies in the agreement's stored document, and
/// fills `text` back from that document's lines when it reads the agreement
/// ([`DocumentLines::span_text`]); `text` is stored only for a value with no document line
/// (entered or edited by hand) or a span that does not resolve (issue 14 item 3). While a
/// batch import reads a document, `text` is empty for spans of that document (nothing is
/// copied per value), so an empty `text` with a `line` means "the document's lines".
///
/// The compact copy the store keeps for computed views keeps each source's span, section,
/// page and confidence, and its text by the same rule (see `store::engine_json_with`,
/// migration 0009); read back, a missing field takes its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Source {
    /// 1-based first line in the source document (within the page for a paged document,
    /// PDF); `None` for a value entered by a user.
    pub line: Option<u32>,
    /// 1-based last line of the span, inclusive (a multi-line paragraph spans several).
    /// Absent means the same as `line` (agreements stored before spans were kept); the
    /// store fills it in when it reads an agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub line_end: Option<u32>,
    /// Heading path of the section, e.g. `"Renewal and Termination › Renewal Terms"`.
    pub section: String,
    /// The verbatim text of the span (a table row, a list item, a paragraph), or the text
    /// a user typed. Empty in a freshly read document's sources until resolved (see above).
    #[serde(default)]
    pub text: String,
    /// 1-based page of a paged document (PDF), when known. Absent in agreements stored
    /// before pages were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How sure the reader is of the value (issue 10, "Never silently wrong"): `low` values
    /// are warnings to confirm. Agreements stored before confidence was kept read as `high`.
    #[serde(default, skip_serializing_if = "Confidence::is_high")]
    pub confidence: Confidence,
}

/// How sure the reader is of a value it read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A recogniser matched a clear statement (or a person entered or confirmed it).
    #[default]
    High,
    /// The reader had to choose (two readings disagree, an ambiguous date format, a period
    /// far from any renewal sentence): a warning to confirm.
    Low,
}

impl Confidence {
    /// True for [`Confidence::High`] (the default, left out of stored JSON).
    pub fn is_high(&self) -> bool {
        *self == Confidence::High
    }

    /// `"high"` or `"low"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Low => "low",
        }
    }
}

impl Source {
    /// A source for a value typed in by a user in Renewal Desk (no document line).
    pub fn user(text: impl Into<String>) -> Self {
        Source {
            line: None,
            line_end: None,
            section: "Edited in Renewal Desk".to_string(),
            text: text.into(),
            page: None,
            confidence: Confidence::High,
        }
    }
}

impl Source {
    /// The span `(first, last)` of 1-based lines, inclusive, when the value came from the
    /// document: `line_end` absent counts as `line`, and a `line_end` before `line` as
    /// `line` too. `None` for a value entered by a user.
    pub fn span(&self) -> Option<(u32, u32)> {
        let first = self.line?;
        Some((first, self.line_end.unwrap_or(first).max(first)))
    }

    /// A source for the lines `first..=last` of the document, under `section`, with its
    /// text left to be resolved from the document ([`DocumentLines::span_text`]).
    pub fn span_of(section: impl Into<String>, first: u32, last: u32) -> Self {
        Source {
            line: Some(first),
            line_end: Some(last.max(first)),
            section: section.into(),
            ..Source::default()
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span() {
            Some((line, end)) if end > line => {
                write!(f, "lines {line}–{end}, {}: \"{}\"", self.section, self.text)
            }
            Some((line, _)) => write!(f, "line {line}, {}: \"{}\"", self.section, self.text),
            None => write!(f, "{}: \"{}\"", self.section, self.text),
        }
    }
}

/// The lines of a stored document, indexed once so that any span resolves without
/// scanning the document again: what turns a [`Source`]'s span back into its text.
///
/// A line ends at `\n`, `\r\n` or a lone `\r` (the same rule as the importer's line
/// numbers, issue 13 item 2); a final line ending adds no empty line.
#[derive(Debug, Clone)]
pub struct DocumentLines<'a> {
    text: &'a str,
    /// Byte range of each line, without its line ending.
    lines: Vec<(usize, usize)>,
}

impl<'a> DocumentLines<'a> {
    /// Indexes the lines of `document` (one pass; 16 bytes per line).
    pub fn new(document: &'a str) -> Self {
        let bytes = document.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        if start < bytes.len() {
            lines.push((start, bytes.len()));
        }
        DocumentLines {
            text: document,
            lines,
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the document has no line at all (empty text).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `number` (1-based) without its line ending; `None` beyond the document.
    pub fn line(&self, number: u32) -> Option<&'a str> {
        let i = usize::try_from(number).ok()?.checked_sub(1)?;
        let (a, b) = *self.lines.get(i)?;
        self.text.get(a..b)
    }

    /// The text of the span `first..=last` (1-based, inclusive): its lines joined with
    /// `\n` (whatever the document's line endings), leading and trailing white space
    /// removed, i.e. the verbatim table row, list item or paragraph a value was read
    /// from. This is the one place a [`Source`]'s text is resolved from its span.
    ///
    /// `None` (never a panic) when the span is not in the document: line 0, `last` before
    /// `first`, or `last` beyond the last line. Callers then keep the text they have.
    pub fn span_text(&self, first: u32, last: u32) -> Option<String> {
        if last < first {
            return None;
        }
        let a = usize::try_from(first).ok()?.checked_sub(1)?;
        let b = usize::try_from(last).ok()?.checked_sub(1)?;
        let span = self.lines.get(a..=b)?;
        let (start, _) = *span.first()?;
        let (_, end) = *span.last()?;
        let raw = self.text.get(start..end)?;
        if span.len() == 1 || !raw.contains('\r') {
            return Some(raw.trim().to_string());
        }
        let mut out = String::with_capacity(raw.len());
        for (i, (s, e)) in span.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(self.text.get(*s..*e)?);
        }
        Some(out.trim().to_string())
    }

    /// [`DocumentLines::span_text`] of `source`'s span; `None` for a value with no line.
    pub fn source_text(&self, source: &Source) -> Option<String> {
        let (first, last) = source.span()?;
        self.span_text(first, last)
    }
}

/// A value with the source text it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sourced<T> {
    /// The typed value.
    pub value: T,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
}

impl<T> Sourced<T> {
    /// Wraps `value` with its `source`.
    pub fn new(value: T, source: Source) -> Self {
        Sourced { value, source }
    }
}

/// How the agreement stands on a given day (renewal-rules.md §Arithmetic rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// In force (or not yet started, or not computable: see the warnings).
    Active,
    /// A fixed term (or the last term after non-renewal notice) ended before today.
    Expired,
    /// Ended early by a recorded termination notice.
    Terminated,
    /// Its term cannot be computed (no effective date or no term): the gap is to be filled,
    /// and no deadline can be trusted (issue 10, "Never silently wrong").
    Incomplete,
}

impl AgreementStatus {
    /// The stable lower-case name used by the CLI and JSON (`active`, `expired`,
    /// `terminated`, `incomplete`).
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Active => "active",
            AgreementStatus::Expired => "expired",
            AgreementStatus::Terminated => "terminated",
            AgreementStatus::Incomplete => "incomplete",
        }
    }
}

impl fmt::Display for AgreementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of termination right a row of the termination table grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TerminationKind {
    /// Termination for convenience: without cause, on notice (rule 6).
    Convenience,
    /// Termination for material breach, usually after a cure period.
    MaterialBreach,
    /// Termination on a change of control of a party.
    ChangeOfControl,
    /// Termination on insolvency of a party.
    Insolvency,
    /// Any other scenario (kept verbatim in `scenario`).
    Other,
}

/// One termination right: a row of the document's termination table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TerminationRight {
    /// The scenario as written, e.g. `"Convenience"`.
    pub scenario: String,
    /// The scenario's classification.
    pub kind: TerminationKind,
    /// Notice period a party must give (e.g. 180 days), if stated.
    pub notice: Option<Period>,
    /// Cure period the breaching party has to remedy (e.g. 30 days), if stated.
    pub cure_period: Option<Period>,
    /// The consequence as written, e.g. `"Wind-down plan"`.
    pub consequence: String,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// When prices are reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "rule", content = "text")]
pub enum PriceReview {
    /// "Price review at each renewal": on each renewal date (renewal-rules.md, Vocabulary).
    AtEachRenewal,
    /// Annually on the anniversary of the effective date.
    Annually,
    /// A rule the importer keeps as text only (no dates computed).
    Other(String),
}

/// A commitment or amount stated in a table (a volume, a spend, a contribution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Commitment {
    /// Table heading the value belongs to, e.g. `"Volume Commitments"`.
    pub category: String,
    /// Row label, e.g. `"Azure Consumption"` or `"Year 1"`.
    pub label: String,
    /// Column header, e.g. `"Year 2"` or `"Minimum Spend"`.
    pub column: String,
    /// Contract year (1 = first year from the effective date) when the row or column says so.
    pub year: Option<u32>,
    /// The amount: money (with currency and optional per-period), a count or a percentage.
    pub value: Quantity,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// A revenue share row: the share of each party, in percent (0–100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevenueShare {
    /// The product, e.g. `"Teams Phone (calling)"`.
    pub product: String,
    /// Column headers naming each share, e.g. `["MiFibra Margin", "Microsoft Share"]`.
    pub parties: Vec<String>,
    /// Shares in percent, in the order of `parties`.
    #[cfg_attr(feature = "ts", ts(type = "Array<string>"))]
    pub shares_percent: Vec<rust_decimal::Decimal>,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// A service level target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServiceLevel {
    /// Metric, e.g. `"Uptime"`.
    pub metric: String,
    /// Target as written, e.g. `"99.99%"` or `"<4 hours"`.
    pub target: String,
    /// Penalty or remedy as written, e.g. `"Service credits"`.
    pub penalty: Option<String>,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// Progress of an obligation as stated in the document or recorded by a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// Complete / compliant / certified: no due-date event.
    Complete,
    /// In progress.
    InProgress,
    /// Planned, not started.
    Planned,
    /// Any other status, kept as written (e.g. `"25 live"`).
    Other,
}

/// A requirement of the agreement, with a due date when the document gives one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Obligation {
    /// Table heading, e.g. `"Platform Integration"`.
    pub category: String,
    /// What is required, e.g. `"Graph API integration"`.
    pub name: String,
    /// Classified status.
    pub status: ObligationStatus,
    /// Status as written.
    pub status_text: String,
    /// Due date, with the precision the document gives ("Q2 2025").
    pub due: Option<PartialDate>,
    /// Other columns as written (e.g. `"Details: Multi-account"`).
    pub details: Option<String>,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// A right that runs after the agreement ends (renewal-rules.md §Arithmetic rule 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExitRight {
    /// Scenario, e.g. `"Migration"`.
    pub scenario: String,
    /// Process, e.g. `"Assisted"`.
    pub process: String,
    /// Length of the window from the day after the agreement ends (e.g. 180 days).
    pub window: Option<Period>,
    /// The table row.
    #[serde(default)]
    pub source: Source,
}

/// A problem or assumption the importer (or the engine) wants a person to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// Stable machine code, e.g. `"no_renewal_clause"`, `"currency_assumed"`.
    pub code: String,
    /// The field concerned, e.g. `"auto_renewal"`.
    pub field: String,
    /// 1-based line in the document, when the warning is about a line.
    pub line: Option<u32>,
    /// A sentence for a person, e.g. `"no renewal clause found: confirm whether it was extended"`.
    pub message: String,
}

/// Fields whose reading drives a computed date: the effective date, the term, the expiry
/// date, the renewal clause and period, the notice periods, the exit windows, the stated
/// review and obligation dates, and the country (its public holidays move deadlines,
/// rule 4 of renewal-rules.md). A warning on one of them can make a date wrong.
const DATE_FIELDS: &[&str] = &[
    "effective_date",
    "initial_term",
    "expiry_date",
    "auto_renewal",
    "renewal_period",
    "non_renewal_notice",
    "termination_rights",
    "exit_rights",
    "next_review",
    "obligations",
    "price_review",
    "country",
    "business_days",
];

impl Warning {
    /// True when the warning concerns a field a computed date rests on ([`DATE_FIELDS`]):
    /// the brief shows these on its first page, beside the decision (issue 16 item 8).
    /// A currency, party or classification warning is false.
    pub fn affects_dates(&self) -> bool {
        let field = self.field.split('.').next().unwrap_or(&self.field);
        DATE_FIELDS.contains(&field)
    }
}

/// A value the product inferred or assumed rather than read verbatim from the document
/// (issue 16 item 5): recorded by the importer where it makes the inference, so that the
/// brief and the agreement page can list it ("Readings and assumptions") without
/// reconstructing it from a warning's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assumption {
    /// Stable machine code: `country_from_title`, `country_from_data`,
    /// `dollar_currency`, `no_renewal_clause`.
    pub code: String,
    /// The field it sets, as in the agreement's JSON: `country`, `currency`, `auto_renewal`.
    pub field: String,
    /// What was assumed, for people: "Jurisdiction (public holidays)".
    pub what: String,
    /// The value assumed, as shown: "Peru", "USD", "No renewal: the term is fixed".
    pub value: String,
    /// Why, in a sentence: "the document has no governing-law clause; its title names Peru".
    pub why: String,
    /// 1-based line in the document the assumption rests on, when there is one.
    pub line: Option<u32>,
}

/// A notice the user recorded as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServedNotice {
    /// The day the notice was served.
    pub served_on: NaiveDate,
    /// Free text: by whom, how, reference.
    pub note: String,
}

/// A dated event the user marked done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoneMark {
    /// The day it was done.
    pub done_on: NaiveDate,
    /// Free text.
    pub note: String,
}

/// What users recorded about the agreement. Survives re-imports of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recorded {
    /// Non-renewal notice served: the agreement ends at the end of the term whose notice
    /// deadline the notice met (renewal-rules.md, `expiry` kind).
    pub non_renewal_notice: Option<ServedNotice>,
    /// Termination-for-convenience notice served: the agreement ends no earlier than
    /// served date + notice period (rule 6), or on `planned_exit` if later.
    pub termination_notice: Option<ServedNotice>,
    /// A planned exit date: turns the convenience notice into a serve-by deadline (rule 6).
    pub planned_exit: Option<NaiveDate>,
    /// Events marked done, by event id (see [`crate::rules::DatedEvent::id`]).
    pub done: BTreeMap<String, DoneMark>,
    /// The decision taken on the question at hand (issue 16 item 3), with who took it,
    /// when and why. It answers the question whose dated event it names
    /// ([`RecordedDecision::about`]); once that question has passed, the next one is open
    /// again. Absent in agreements stored before decisions were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecordedDecision>,
    /// The internal lead time, in calendar days, set for this agreement (issue 16 item 3):
    /// the decision is due this many days before the last business day to act, so that
    /// there is time to serve notice after deciding
    /// ([`crate::rules::decision::Decision::decide_by`]). `None` (absent in agreements
    /// stored before it existed) means [`DEFAULT_LEAD_TIME_DAYS`]; `Some(0)` turns the
    /// decide-by date off. At most [`MAX_LEAD_TIME_DAYS`]. Read it through
    /// [`Agreement::lead_time_days`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub lead_time_days: Option<u32>,
    /// Days before a non-renewal notice deadline or a serve-by date from which, with
    /// nothing recorded, the contract owner's deputy and the escalation address are told
    /// too (issue 12 item 4), set for this agreement. `None` (absent in agreements stored
    /// before it existed) means the mail settings' default (14 days unless set); `Some(0)`
    /// turns escalation off for this agreement. At most [`MAX_ESCALATE_DAYS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub escalate_days: Option<u32>,
    /// People who follow this agreement (issue 12 item 1, optional): each name links to
    /// the people directory (case-insensitive) and receives the same reminder emails as
    /// the contract owner. Empty in agreements stored before watchers existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watchers: Vec<String>,
}

/// The longest escalation lead accepted, in calendar days (one year).
pub const MAX_ESCALATE_DAYS: u32 = 365;

/// The internal lead time of an agreement that sets none, in calendar days: decide 30 days
/// before the last business day to act (issue 16 item 3).
pub const DEFAULT_LEAD_TIME_DAYS: u32 = 30;

/// The longest internal lead time accepted, in calendar days (one year).
pub const MAX_LEAD_TIME_DAYS: u32 = 365;

/// What was decided about a renewal, an exit or an ending agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DecisionChoice {
    /// Let it renew on its terms.
    Renew,
    /// Agree new terms with the counterparty, by [`RecordedDecision::target_date`].
    Renegotiate,
    /// End it: serve non-renewal notice, or terminate for convenience.
    Exit,
    /// Let the term end (and use any exit windows).
    LetExpire,
}

impl DecisionChoice {
    /// Stable snake_case name: `renew`, `renegotiate`, `exit`, `let_expire`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionChoice::Renew => "renew",
            DecisionChoice::Renegotiate => "renegotiate",
            DecisionChoice::Exit => "exit",
            DecisionChoice::LetExpire => "let_expire",
        }
    }

    /// Parses the snake_case name (also `let-expire`, any case); `None` otherwise.
    pub fn parse(s: &str) -> Option<DecisionChoice> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "renew" => Some(DecisionChoice::Renew),
            "renegotiate" => Some(DecisionChoice::Renegotiate),
            "exit" => Some(DecisionChoice::Exit),
            "let_expire" => Some(DecisionChoice::LetExpire),
            _ => None,
        }
    }

    /// Human name, e.g. "Let it expire".
    pub fn title(self) -> &'static str {
        match self {
            DecisionChoice::Renew => "Renew",
            DecisionChoice::Renegotiate => "Renegotiate",
            DecisionChoice::Exit => "Exit",
            DecisionChoice::LetExpire => "Let it expire",
        }
    }
}

/// A decision a person recorded (issue 16 item 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedDecision {
    /// What was decided.
    pub choice: DecisionChoice,
    /// For a renegotiation: the date by which new terms should be agreed (on or before the
    /// last business day to act).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<NaiveDate>,
    /// Id of the dated event of the question it answers (a notice deadline, an exit window,
    /// an expiry: [`crate::rules::DatedEvent::id`]); `None` for a question with no date.
    pub about: Option<String>,
    /// Who decided (a person's name; the operating-system user by default).
    pub decided_by: String,
    /// The day it was decided (the machine's real date, not the as-of date).
    pub decided_on: NaiveDate,
    /// Why, in the decider's words (may be empty).
    #[serde(default)]
    pub reason: String,
}

/// A way of delivering notice that a notices clause names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticeMethod {
    /// Delivered by hand, personally or in person ("entrega personal").
    HandDelivery,
    /// By courier or overnight delivery service ("mensajería").
    Courier,
    /// By registered or certified mail, recorded delivery or mail with return receipt
    /// ("correo certificado", "burofax").
    RegisteredMail,
    /// By ordinary post (first-class mail, "correo postal").
    Post,
    /// By email ("correo electrónico").
    Email,
    /// By fax (facsimile, telecopy, telex).
    Fax,
    /// By notarial letter ("carta notarial", "vía notarial"), common in Peru and Chile.
    NotarialLetter,
}

impl NoticeMethod {
    /// Stable snake_case name: `hand_delivery`, `courier`, `registered_mail`, `post`,
    /// `email`, `fax`, `notarial_letter`.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeMethod::HandDelivery => "hand_delivery",
            NoticeMethod::Courier => "courier",
            NoticeMethod::RegisteredMail => "registered_mail",
            NoticeMethod::Post => "post",
            NoticeMethod::Email => "email",
            NoticeMethod::Fax => "fax",
            NoticeMethod::NotarialLetter => "notarial_letter",
        }
    }

    /// The method in a person's words, to follow "by": "hand", "courier", "registered or
    /// certified mail", "post", "email", "fax", "notarial letter (carta notarial)".
    pub fn label(self) -> &'static str {
        match self {
            NoticeMethod::HandDelivery => "hand",
            NoticeMethod::Courier => "courier",
            NoticeMethod::RegisteredMail => "registered or certified mail",
            NoticeMethod::Post => "post",
            NoticeMethod::Email => "email",
            NoticeMethod::Fax => "fax",
            NoticeMethod::NotarialLetter => "notarial letter (carta notarial)",
        }
    }
}

/// How notice under the agreement is served, as the document's notices clause states it
/// ("Notices", "Notificaciones": "All notices shall be in writing and delivered by hand or
/// courier to the addresses set out above"; issue 16 item 4). Each part is the reader's
/// short reading of the clause (in English), with the clause it was read from as its
/// [`Source`]; a part the clause does not state is `None` and is never guessed. The
/// agreement's `notice_service` is `None` when the document has no notices clause.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct NoticeService {
    /// Who may serve notice, e.g. `"either party"`, `"each party"`, `"the Customer"`.
    pub who: Option<Sourced<String>>,
    /// The form notice must take, e.g. `"in writing"` (also for "por escrito").
    pub form: Option<Sourced<String>>,
    /// The ways of delivering it, in the order the clause names them.
    pub methods: Option<Sourced<Vec<NoticeMethod>>>,
    /// To whom and where, as written, e.g. `"to the addresses set out above"`,
    /// `"to the attention of the General Counsel"`, `"al domicilio señalado en la
    /// introducción"`.
    pub addressee: Option<Sourced<String>>,
    /// When notice is deemed received or effective, as written, e.g. `"deemed given upon
    /// receipt"`, `"effective upon confirmation of transmission"`.
    pub deemed_received: Option<Sourced<String>>,
}

impl NoticeService {
    /// True when no part is stated.
    pub fn is_empty(&self) -> bool {
        self.who.is_none()
            && self.form.is_none()
            && self.methods.is_none()
            && self.addressee.is_none()
            && self.deemed_received.is_none()
    }

    /// Calls `f` with the source of every stated part.
    pub fn for_each_source_mut(&mut self, mut f: impl FnMut(&mut Source)) {
        for s in [
            self.who.as_mut().map(|s| &mut s.source),
            self.form.as_mut().map(|s| &mut s.source),
            self.methods.as_mut().map(|s| &mut s.source),
            self.addressee.as_mut().map(|s| &mut s.source),
            self.deemed_received.as_mut().map(|s| &mut s.source),
        ]
        .into_iter()
        .flatten()
        {
            f(s);
        }
    }
}

/// A table kept verbatim as structured data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Table {
    /// 1-based line of the header row.
    pub line: u32,
    /// Header cells.
    pub headers: Vec<String>,
    /// Body rows, each with as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

/// A section of the document (a heading and everything until the next heading).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// Heading level (1–6).
    pub level: u8,
    /// Heading text.
    pub heading: String,
    /// 1-based line of the heading.
    pub line: u32,
    /// Paragraph texts (inline formatting removed).
    pub paragraphs: Vec<String>,
    /// List items, in order.
    pub items: Vec<String>,
    /// Tables, in order.
    pub tables: Vec<Table>,
}

/// An agreement: what the document says, typed, plus what users recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    /// The document's title (its first heading), e.g. `"Microsoft Peru Partnership Agreement"`.
    pub title: String,
    /// The line under the title, e.g. `"MiFibra Communications PLC - Strategic Technology Partner"`.
    pub subtitle: Option<String>,
    /// Agreement type, e.g. `"Operator Connect Partner Agreement"`.
    pub agreement_type: Option<Sourced<String>>,
    /// The parties in document order.
    pub parties: Option<Sourced<Vec<String>>>,
    /// Our party (named in the subtitle, else the first party).
    pub our_party: Option<String>,
    /// The other party.
    pub counterparty: Option<String>,
    /// First day of the agreement.
    pub effective_date: Option<Sourced<NaiveDate>>,
    /// Length of the initial term.
    pub initial_term: Option<Sourced<Period>>,
    /// Whether the term renews automatically; `None` when the document has no renewal clause.
    pub auto_renewal: Option<Sourced<bool>>,
    /// Length of each renewal period. With `auto_renewal` false or unknown it is the length
    /// a renewal *option* would give ("may renew for an additional term of five years"):
    /// kept for the reader to see, but the engine computes renewals and non-renewal notice
    /// deadlines only when `auto_renewal` is true (renewal-rules.md rule 5: terms roll
    /// forward "while … the agreement auto-renews"), so an option is never treated as an
    /// automatic renewal.
    pub renewal_period: Option<Sourced<Period>>,
    /// Non-renewal notice period before the end of the then-current term.
    pub non_renewal_notice: Option<Sourced<Period>>,
    /// Termination rights, in document order.
    pub termination_rights: Vec<TerminationRight>,
    /// Price review rule.
    pub price_review: Option<Sourced<PriceReview>>,
    /// Every renewal-terms statement as written (including ones not typed elsewhere).
    pub renewal_terms: Vec<Sourced<String>>,
    /// Total commitment (e.g. PEN 15,000,000 technology investment).
    pub total_commitment: Option<Commitment>,
    /// Commitments from commitment tables (volume, consumption), per year where stated.
    pub commitments: Vec<Commitment>,
    /// Other amounts in the document's tables (contributions, pricing, budgets).
    pub amounts: Vec<Commitment>,
    /// Revenue shares.
    pub revenue_shares: Vec<RevenueShare>,
    /// Service levels.
    pub service_levels: Vec<ServiceLevel>,
    /// Obligations and requirements.
    pub obligations: Vec<Obligation>,
    /// Exit rights.
    pub exit_rights: Vec<ExitRight>,
    /// Data protection and data sovereignty statements.
    pub data_protection: Vec<Sourced<String>>,
    /// Classification, e.g. `"Commercial in Confidence"`.
    pub classification: Option<Sourced<String>>,
    /// Contract owner, e.g. `"Commercial Director"`.
    pub contract_owner: Option<Sourced<String>>,
    /// Last review of the document.
    pub last_review: Option<Sourced<PartialDate>>,
    /// Next review of the document (rule 7: month precision falls on the first day).
    pub next_review: Option<Sourced<PartialDate>>,
    /// Jurisdiction whose public holidays apply (rule 4).
    pub country: Option<Sourced<Country>>,
    /// Rule 4 business-day roll-back; on by default, can be switched off per agreement.
    pub business_day_adjustment: bool,
    /// A calendar the user loaded (from an `.ics` file) and chose for this agreement, e.g. a
    /// region's holidays or the company's shutdown days: its days are non-business days for
    /// rule 4 *in addition to* the country's public holidays. Carried here, name and days,
    /// so that the engine stays a pure function of the agreement. `None` (absent from JSON)
    /// when none is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub calendar: Option<CustomCalendar>,
    /// How notice is served (who, form, to whom, how, when deemed received), read from the
    /// document's notices clause; `None` (absent from JSON) when the document has no
    /// notices clause, or for agreements stored before it was read (issue 16 item 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub notice_service: Option<NoticeService>,
    /// Every section of the document, with its tables, verbatim.
    pub sections: Vec<Section>,
    /// Importer warnings: unknown clauses, assumptions.
    pub warnings: Vec<Warning>,
    /// Values the importer inferred or assumed rather than read verbatim (issue 16 item 5).
    /// Empty in agreements stored before they were recorded.
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// What users recorded (served notices, done marks).
    pub recorded: Recorded,
    /// Set when the agreement was entered by hand rather than read from a document (issue 11
    /// item 2): who entered it and when, e.g. "Entered by hand in Renewal Desk by ana on
    /// Mon 30 Nov 2026". The brief and the agreement page say so. `None` (absent from JSON)
    /// for an agreement read from a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered_by_hand: Option<String>,
}

impl Agreement {
    /// An agreement with only a title: every clause unknown.
    pub fn new(title: impl Into<String>) -> Self {
        Agreement {
            title: title.into(),
            subtitle: None,
            agreement_type: None,
            parties: None,
            our_party: None,
            counterparty: None,
            effective_date: None,
            initial_term: None,
            auto_renewal: None,
            renewal_period: None,
            non_renewal_notice: None,
            termination_rights: Vec::new(),
            price_review: None,
            renewal_terms: Vec::new(),
            total_commitment: None,
            commitments: Vec::new(),
            amounts: Vec::new(),
            revenue_shares: Vec::new(),
            service_levels: Vec::new(),
            obligations: Vec::new(),
            exit_rights: Vec::new(),
            data_protection: Vec::new(),
            classification: None,
            contract_owner: None,
            last_review: None,
            next_review: None,
            country: None,
            business_day_adjustment: true,
            calendar: None,
            notice_service: None,
            sections: Vec::new(),
            warnings: Vec::new(),
            assumptions: Vec::new(),
            recorded: Recorded::default(),
            entered_by_hand: None,
        }
    }

    /// The fields read with low confidence and not yet confirmed or edited (issue 10): effective
    /// date, initial term, renewal and notice. Non-empty means the agreement is
    /// **provisional**: its dates rest on values a person should confirm. A field counts as
    /// confirmed once its `low_confidence` warning is gone (confirmed or answered by an edit,
    /// which also replaces the value's source).
    pub fn provisional_fields(&self) -> Vec<&'static str> {
        let low = |s: Option<&Source>| s.is_some_and(|s| s.confidence == Confidence::Low);
        let open = |field: &str| {
            self.warnings
                .iter()
                .any(|w| w.code == "low_confidence" && w.field == field)
        };
        let mut out = Vec::new();
        for (field, source) in [
            (
                "effective_date",
                self.effective_date.as_ref().map(|s| &s.source),
            ),
            (
                "initial_term",
                self.initial_term.as_ref().map(|s| &s.source),
            ),
            (
                "auto_renewal",
                self.auto_renewal.as_ref().map(|s| &s.source),
            ),
            (
                "renewal_period",
                self.renewal_period.as_ref().map(|s| &s.source),
            ),
            (
                "non_renewal_notice",
                self.non_renewal_notice.as_ref().map(|s| &s.source),
            ),
        ] {
            if low(source) && open(field) {
                out.push(field);
            }
        }
        out
    }

    /// Calls `f` with every [`Source`] of the agreement: each sourced field, each row of
    /// its clause tables and each statement (the store resolves and strips their texts).
    pub fn for_each_source_mut(&mut self, mut f: impl FnMut(&mut Source)) {
        macro_rules! opt {
            ($($field:ident),*) => {
                $(if let Some(s) = &mut self.$field {
                    f(&mut s.source);
                })*
            };
        }
        macro_rules! list {
            ($($field:ident),*) => {
                $(for s in &mut self.$field {
                    f(&mut s.source);
                })*
            };
        }
        opt!(
            agreement_type,
            parties,
            effective_date,
            initial_term,
            auto_renewal,
            renewal_period,
            non_renewal_notice,
            price_review,
            total_commitment,
            classification,
            contract_owner,
            last_review,
            next_review,
            country
        );
        list!(
            termination_rights,
            renewal_terms,
            commitments,
            amounts,
            revenue_shares,
            service_levels,
            obligations,
            exit_rights,
            data_protection
        );
        if let Some(n) = &mut self.notice_service {
            n.for_each_source_mut(&mut f);
        }
    }

    /// Fills the text of every source that has a span, no page and no text yet from
    /// `document`'s lines ([`DocumentLines::source_text`]): how an agreement read or stored
    /// as spans gets its quotes back. Sources with a text (typed by a user, or kept because
    /// their span does not resolve) and sources of paged documents are left as they are.
    /// Returns how many spans did not resolve (beyond the document): their text stays empty.
    pub fn fill_source_texts(&mut self, document: &DocumentLines<'_>) -> usize {
        let mut unresolved = 0;
        self.for_each_source_mut(|s| {
            if s.line.is_none() || s.page.is_some() || !s.text.is_empty() {
                return;
            }
            match document.source_text(s) {
                Some(text) => s.text = text,
                None => unresolved += 1,
            }
        });
        unresolved
    }

    /// True when [`Agreement::provisional_fields`] is not empty.
    pub fn is_provisional(&self) -> bool {
        !self.provisional_fields().is_empty()
    }

    /// The internal lead time in effect, in calendar days: the one set for the agreement
    /// ([`Recorded::lead_time_days`]), else [`DEFAULT_LEAD_TIME_DAYS`]; 0 means no
    /// decide-by date.
    pub fn lead_time_days(&self) -> u32 {
        self.recorded
            .lead_time_days
            .unwrap_or(DEFAULT_LEAD_TIME_DAYS)
    }

    /// The termination-for-convenience right, if the document grants one with a notice period.
    pub fn convenience_termination(&self) -> Option<&TerminationRight> {
        self.termination_rights
            .iter()
            .find(|t| t.kind == TerminationKind::Convenience && t.notice.is_some())
    }

    /// The money a decision about the agreement concerns (issue 16 item 6): its stated total
    /// commitment (e.g. S/ 15,000,000 technology investment), in its currency. `None` when
    /// the document states no total commitment in money: no value is guessed from other
    /// amounts.
    pub fn value_at_stake(&self) -> Option<&crate::money::Money> {
        match self.total_commitment.as_ref().map(|c| &c.value) {
            Some(crate::money::Quantity::Money { money, .. }) => Some(money),
            _ => None,
        }
    }

    /// The currency of the agreement's amounts: the total commitment's, else the first amount's.
    pub fn main_currency(&self) -> Option<&str> {
        self.total_commitment
            .iter()
            .chain(self.commitments.iter())
            .chain(self.amounts.iter())
            .find_map(|c| c.value.currency())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_resolve_with_lf_crlf_and_cr_only_endings() {
        for doc in [
            "# Title\n\n| Term | 3 years |\n- first line\n  continued\n",
            "# Title\r\n\r\n| Term | 3 years |\r\n- first line\r\n  continued\r\n",
            "# Title\r\r| Term | 3 years |\r- first line\r  continued\r",
        ] {
            let lines = DocumentLines::new(doc);
            assert_eq!(lines.len(), 5, "{doc:?}");
            assert_eq!(lines.span_text(1, 1).as_deref(), Some("# Title"));
            assert_eq!(lines.span_text(2, 2).as_deref(), Some(""));
            assert_eq!(lines.span_text(3, 3).as_deref(), Some("| Term | 3 years |"));
            // A multi-line item: its lines joined with \n, ends trimmed, inner indent kept.
            assert_eq!(
                lines.span_text(4, 5).as_deref(),
                Some("- first line\n  continued"),
                "{doc:?}"
            );
        }
        // Mixed endings count alike; a line ending at the very end adds no line.
        let mixed = DocumentLines::new("a\r\nb\rc\nd");
        assert_eq!(mixed.len(), 4);
        assert_eq!(mixed.span_text(2, 4).as_deref(), Some("b\nc\nd"));
        assert_eq!(mixed.line(3), Some("c"));
    }

    #[test]
    fn a_span_at_the_last_line_resolves_and_one_beyond_does_not() {
        let lines = DocumentLines::new("one\ntwo\n  three  ");
        assert_eq!(lines.span_text(3, 3).as_deref(), Some("three"));
        assert_eq!(lines.span_text(2, 3).as_deref(), Some("two\n  three"));
        assert_eq!(lines.span_text(3, 4), None, "last beyond the document");
        assert_eq!(lines.span_text(4, 4), None);
        assert_eq!(lines.span_text(u32::MAX, u32::MAX), None);
        assert_eq!(lines.span_text(0, 1), None, "lines are 1-based");
        assert_eq!(lines.span_text(3, 2), None, "last before first");
        assert_eq!(DocumentLines::new("").span_text(1, 1), None);
        assert!(DocumentLines::new("").is_empty());
    }

    #[test]
    fn a_source_span_defaults_to_its_line_and_a_typed_value_has_none() {
        let old: Source =
            serde_json::from_str(r#"{"line":12,"section":"Term","text":"| Term | 3 years |"}"#)
                .unwrap();
        assert_eq!(old.line_end, None);
        assert_eq!(old.span(), Some((12, 12)));
        let spanned: Source =
            serde_json::from_str(r#"{"line":12,"line_end":14,"section":"Term"}"#).unwrap();
        assert_eq!(spanned.span(), Some((12, 14)));
        assert_eq!(spanned.text, "", "a stored span has no text until resolved");
        assert_eq!(Source::user("typed").span(), None);
        let lines = DocumentLines::new("a\nb\nc");
        assert_eq!(lines.source_text(&Source::user("typed")), None);
        assert_eq!(
            lines.source_text(&Source::span_of("S", 2, 3)).as_deref(),
            Some("b\nc")
        );
        assert_eq!(Source::span_of("S", 2, 3).to_string(), "lines 2–3, S: \"\"");
    }

    #[test]
    fn every_source_of_an_agreement_is_visited() {
        let src = || Source::span_of("S", 1, 1);
        let sourced = |v: &str| Some(Sourced::new(v.to_string(), src()));
        let mut a = Agreement::new("T");
        a.agreement_type = sourced("x");
        a.parties = Some(Sourced::new(vec!["A".into(), "B".into()], src()));
        a.effective_date = Some(Sourced::new(NaiveDate::MIN, src()));
        a.initial_term = Some(Sourced::new(crate::dates::Period::years(1), src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(crate::dates::Period::years(1), src()));
        a.non_renewal_notice = Some(Sourced::new(crate::dates::Period::days(90), src()));
        a.price_review = Some(Sourced::new(PriceReview::Annually, src()));
        a.renewal_terms.push(Sourced::new("r".into(), src()));
        a.data_protection.push(Sourced::new("d".into(), src()));
        a.classification = sourced("c");
        a.contract_owner = sourced("o");
        let pd = crate::dates::PartialDate::Year { year: 2025 };
        a.last_review = Some(Sourced::new(pd, src()));
        a.next_review = Some(Sourced::new(pd, src()));
        a.country = Some(Sourced::new(Country::Peru, src()));
        let commitment = Commitment {
            category: String::new(),
            label: String::new(),
            column: String::new(),
            year: None,
            value: crate::money::Quantity::Count {
                value: rust_decimal::Decimal::ONE,
            },
            source: src(),
        };
        a.total_commitment = Some(commitment.clone());
        a.commitments.push(commitment.clone());
        a.amounts.push(commitment);
        a.termination_rights.push(TerminationRight {
            scenario: String::new(),
            kind: TerminationKind::Other,
            notice: None,
            cure_period: None,
            consequence: String::new(),
            source: src(),
        });
        a.revenue_shares.push(RevenueShare {
            product: String::new(),
            parties: Vec::new(),
            shares_percent: Vec::new(),
            source: src(),
        });
        a.service_levels.push(ServiceLevel {
            metric: String::new(),
            target: String::new(),
            penalty: None,
            source: src(),
        });
        a.obligations.push(Obligation {
            category: String::new(),
            name: String::new(),
            status: ObligationStatus::Planned,
            status_text: String::new(),
            due: None,
            details: None,
            source: src(),
        });
        a.exit_rights.push(ExitRight {
            scenario: String::new(),
            process: String::new(),
            window: None,
            source: src(),
        });
        // Every "source" object in the JSON is one the visitor reaches.
        let json = serde_json::to_string(&a).unwrap();
        let in_json = json.matches("\"source\":").count();
        let mut visited = 0;
        a.for_each_source_mut(|s| {
            visited += 1;
            s.text = "seen".to_string();
        });
        assert_eq!(visited, in_json);
        assert_eq!(visited, 23);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json.matches("\"text\":\"seen\"").count(), visited);
    }

    #[test]
    fn the_sources_of_a_notices_clause_are_visited_and_old_agreements_still_load() {
        let mut a = Agreement::new("T");
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("notice_service"), "absent when not read");
        let back: Agreement = serde_json::from_str(&json).unwrap();
        assert_eq!(back.notice_service, None);
        a.notice_service = Some(NoticeService {
            form: Some(Sourced::new(
                "in writing".into(),
                Source::span_of("Notices", 4, 4),
            )),
            methods: Some(Sourced::new(
                vec![NoticeMethod::HandDelivery, NoticeMethod::NotarialLetter],
                Source::span_of("Notices", 5, 6),
            )),
            ..NoticeService::default()
        });
        let lines = DocumentLines::new("a\nb\nc\nIn writing.\nBy hand\nor carta notarial.");
        assert_eq!(a.fill_source_texts(&lines), 0);
        let n = a.notice_service.as_ref().unwrap();
        assert_eq!(n.form.as_ref().unwrap().source.text, "In writing.");
        assert_eq!(
            n.methods.as_ref().unwrap().source.text,
            "By hand\nor carta notarial."
        );
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"methods\":{\"value\":[\"hand_delivery\",\"notarial_letter\"]"));
        let back: Agreement = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
