//! The importer's mapping: sections, tables and list items → typed clauses.
//!
//! Each mapped value keeps its [`Source`]: the section path and the span of lines it was read
//! from (a table row, a list item, a paragraph line), with no copy of their text (the
//! importer or the store resolves it from the document). Recognised:
//! - key/value tables and `Key: value` lines (summary and footer): Agreement Type, Parties,
//!   Effective Date, Term, Total Commitment, Currency, Governing Law / Jurisdiction /
//!   Country, Document Classification, Contract Owner, Last Review, Next Review;
//! - renewal statements ("Auto-renewal for 12-month periods", "90-day notice for
//!   non-renewal", "Price review at each renewal");
//! - termination tables (Scenario | Notice | Consequence), exit-rights tables
//!   (Scenario | Process | Timeline), service-level tables (Metric | Target | Penalty),
//!   obligation tables (a Status column, optionally a Due Date), revenue-share tables,
//!   commitment tables (per year), data-protection statements; any other amount of money in
//!   a table is kept in `amounts`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use rust_decimal::Decimal;

use super::markdown::{LocatedSection, LocatedTable, Row};
use super::ImportError;
use crate::domain::calendar::Country;
use crate::domain::dates::{DateErrorKind, PartialDate, Period, PeriodUnit, MAX_PERIOD_DAYS};
use crate::domain::model::*;
use crate::domain::money::{read_quantity, Quantity};

struct Ctx<'a> {
    file: &'a str,
    a: Agreement,
    dollar: String,
    /// Whether the document states what `$` means (a Currency field): then no warning.
    dollar_warned: bool,
}

impl Ctx<'_> {
    fn warn(&mut self, code: &str, field: &str, line: Option<u32>, message: impl Into<String>) {
        self.a.warnings.push(Warning {
            code: code.to_string(),
            field: field.to_string(),
            line,
            message: message.into(),
        });
    }

    /// Records a value inferred rather than read verbatim (issue 16 item 5).
    fn assume(
        &mut self,
        code: &str,
        (field, what): (&str, &str),
        value: String,
        why: String,
        line: Option<u32>,
    ) {
        self.a.assumptions.push(Assumption {
            code: code.to_string(),
            field: field.to_string(),
            what: what.to_string(),
            value,
            why,
            line,
        });
    }

    /// The amount, count or percentage `cell` states. An amount that cannot be read exactly
    /// (exponent form, beyond the decimal range) is a warning naming the line and field, and
    /// is left out rather than guessed (issue 13 item 3).
    fn quantity(&mut self, cell: &str, line: u32, field: &str) -> Option<Quantity> {
        let p = match read_quantity(cell, &self.dollar) {
            Ok(p) => p?,
            Err(e) => {
                self.warn(
                    "unreadable_amount",
                    field,
                    Some(line),
                    format!("{e}; the amount is left out: enter it by hand"),
                );
                return None;
            }
        };
        if let Some(assumption) = p.assumption {
            if !self.dollar_warned {
                self.dollar_warned = true;
                self.warn("currency_assumed", field, Some(line), assumption);
                let dollar = self.dollar.clone();
                self.assume(
                    "dollar_currency",
                    ("currency", "Currency of amounts written with \"$\""),
                    format!("{dollar} ({})", crate::domain::money::currency_symbol(&dollar)),
                    format!("the document writes amounts with \"$\" and states no currency; \"$\" is also the sign of the Chilean peso and other currencies, so {dollar} is an assumption"),
                    Some(line),
                );
            }
        }
        Some(p.quantity)
    }
}

fn src(section: &LocatedSection, line: u32, line_end: u32) -> Source {
    Source::span_of(
        if section.path.is_empty() {
            "(preamble)".to_string()
        } else {
            section.path.clone()
        },
        line,
        line_end,
    )
}

#[allow(clippy::expect_used)] // the pattern is a constant of this file, checked by the unit tests
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant pattern"))
}

fn period_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)(-?\d+)\s*[- ]?\s*(day|days|week|weeks|month|months|year|years|yr|yrs)\b",
    )
}

/// Reads the first period in `text` ("3 years", "90-day", "12-month", "180 days").
/// `Ok(None)` when there is none; `Err` with the reason for a zero, negative or absurd one.
fn parse_period(text: &str) -> Result<Option<Period>, String> {
    let Some(c) = period_re().captures(text) else {
        return Ok(None);
    };
    let n: i64 = c[1]
        .parse()
        .map_err(|_| format!("\"{}\" is not a whole number", &c[1]))?;
    let unit = match c[2].to_ascii_lowercase().as_str() {
        "day" | "days" => PeriodUnit::Days,
        "week" | "weeks" => PeriodUnit::Weeks,
        "month" | "months" => PeriodUnit::Months,
        _ => PeriodUnit::Years,
    };
    if n <= 0 {
        return Err(format!(
            "\"{}\" is not a valid period: expected a positive number of days, months or years",
            c[0].trim()
        ));
    }
    let amount = u32::try_from(n).map_err(|_| format!("\"{}\" is too long", c[0].trim()))?;
    let p = Period { amount, unit };
    if p.approx_days() > MAX_PERIOD_DAYS {
        return Err(format!(
            "\"{}\" is longer than 100 years: expected a realistic contract period",
            c[0].trim()
        ));
    }
    Ok(Some(p))
}

fn norm(s: &str) -> String {
    s.trim()
        .trim_end_matches(':')
        .to_ascii_lowercase()
        .replace(['_', '-'], " ")
}

fn find_col(headers: &[String], names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| norm(h).contains(n)))
}

/// Maps the sections of a document into an agreement, or rejects the document.
pub(super) fn map_agreement(
    file: &str,
    _text: &str,
    doc: &[LocatedSection],
) -> Result<Agreement, ImportError> {
    let title_section = doc.iter().find(|s| s.level == 1);
    let Some(title_section) = title_section else {
        return Err(ImportError::new(
            file,
            "no agreement found: expected a title line such as \"# Microsoft Peru Partnership Agreement\" followed by the agreement's fields",
        ));
    };
    let mut ctx = Ctx {
        file,
        a: Agreement::new(title_section.heading.clone()),
        dollar: "USD".to_string(),
        dollar_warned: false,
    };
    ctx.a.subtitle = title_section.lines.first().map(|l| l.text.clone());
    ctx.a.sections = doc.iter().map(|s| s.to_model()).collect();

    // First pass: an explicit currency for "$".
    for s in doc {
        for (key, value, _, _) in key_values(s) {
            if norm(&key) == "currency" {
                let v = value.trim().to_ascii_uppercase();
                if v.len() >= 3 && v.chars().take(3).all(|c| c.is_ascii_uppercase()) {
                    ctx.dollar = v.chars().take(3).collect();
                    ctx.dollar_warned = true;
                }
            }
        }
    }

    let mut found_fields = 0usize;
    for s in doc {
        for (key, value, line, line_end) in key_values(s) {
            if map_key_value(&mut ctx, s, &key, &value, (line, line_end))? {
                found_fields += 1;
            }
        }
        let heading = norm(&s.heading);
        for item in &s.items {
            let source = src(s, item.line, item.line_end);
            if heading.contains("renewal") || is_renewal_statement(&item.text) {
                map_renewal_statement(&mut ctx, &item.text, source.clone())?;
                ctx.a
                    .renewal_terms
                    .push(Sourced::new(item.text.clone(), source));
                found_fields += 1;
            } else if heading.contains("data")
                || heading.contains("privacy")
                || heading.contains("sovereignty")
            {
                ctx.a
                    .data_protection
                    .push(Sourced::new(item.text.clone(), source));
            }
        }
        for t in &s.tables {
            map_table(&mut ctx, s, t)?;
        }
    }
    if found_fields == 0 && ctx.a.termination_rights.is_empty() {
        return Err(ImportError::new(
            file,
            "no agreement found: expected fields such as Parties, Effective Date and Term (a two-column table or \"Field: value\" lines)",
        ));
    }
    infer_parties(&mut ctx);
    infer_country(&mut ctx, doc);
    check_completeness(&mut ctx);
    Ok(ctx.a)
}

/// `(key, value, first line, last line)` from two-column tables and `Key: value` paragraph
/// lines.
fn key_values(s: &LocatedSection) -> Vec<(String, String, u32, u32)> {
    let mut out = Vec::new();
    for t in &s.tables {
        if t.headers.len() == 2 {
            let h0 = norm(&t.headers[0]);
            if ["field", "item", "term", "key", "attribute", "clause"]
                .iter()
                .any(|k| h0 == *k)
            {
                for r in &t.rows {
                    out.push((r.cells[0].clone(), r.cells[1].clone(), r.line, r.line));
                }
            }
        }
    }
    for l in &s.lines {
        if let Some((k, v)) = l.text.split_once(':') {
            if k.len() <= 40 && !k.trim().is_empty() && !v.trim().is_empty() {
                out.push((
                    k.trim().to_string(),
                    v.trim().to_string(),
                    l.line,
                    l.line_end,
                ));
            }
        }
    }
    out
}

/// A review date: a wording or impossible-day problem is a warning and the field stays
/// unknown; a year outside 1900–2200 is an error naming the field (issue 13 item 3).
fn parse_date_field(
    ctx: &mut Ctx<'_>,
    key: &str,
    value: &str,
    line: u32,
) -> Result<Option<PartialDate>, ImportError> {
    Ok(match PartialDate::parse(value) {
        Ok(d) => Some(d),
        Err(e) if e.kind == DateErrorKind::YearOutOfRange => {
            return Err(ImportError::at(ctx.file, line, key, e.to_string()));
        }
        Err(e) => {
            ctx.warn(
                "invalid_date",
                key,
                Some(line),
                format!("{}; the field is left unknown", e),
            );
            None
        }
    })
}

/// `v` split at `/` and `;`, except inside HTML-like tags: `Them & <i>Co</i>` is one party
/// (its text is kept as written, issue 13 item 3).
fn split_outside_tags(v: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_tag = false;
    for (i, c) in v.char_indices() {
        match c {
            '<' => {
                in_tag = v[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/');
            }
            '>' => in_tag = false,
            '/' | ';' if !in_tag => {
                out.push(&v[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&v[start..]);
    out
}

/// Returns whether the key was an agreement field.
fn map_key_value(
    ctx: &mut Ctx<'_>,
    s: &LocatedSection,
    key: &str,
    value: &str,
    (line, line_end): (u32, u32),
) -> Result<bool, ImportError> {
    let k = norm(key);
    let source = src(s, line, line_end);
    let v = value.trim();
    match k.as_str() {
        "agreement type" | "type" | "contract type" => {
            ctx.a.agreement_type = Some(Sourced::new(v.to_string(), source));
        }
        "parties" | "party" => {
            let parties: Vec<String> = split_outside_tags(v)
                .into_iter()
                .flat_map(|p| p.split(" and "))
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            if parties.len() < 2 {
                ctx.warn(
                    "one_party",
                    "parties",
                    Some(line),
                    "expected two parties separated by \"/\"",
                );
            }
            ctx.a.parties = Some(Sourced::new(parties, source));
        }
        "effective date" | "commencement date" | "start date" | "effective" => {
            let date = PartialDate::parse(v).map_err(|e| {
                let msg = if e.kind == DateErrorKind::YearOutOfRange {
                    e.to_string()
                } else {
                    format!("{e}; expected a date such as 1 January 2023")
                };
                ImportError::at(ctx.file, line, key, msg)
            })?;
            match date {
                PartialDate::Day { date } => {
                    ctx.a.effective_date = Some(Sourced::new(date, source));
                }
                other => {
                    // Month-precision effective date: earliest reading, with a warning.
                    let day = other.deadline().unwrap_or(NaiveDate::MIN);
                    ctx.warn(
                        "imprecise_effective_date",
                        "effective_date",
                        Some(line),
                        format!("effective date \"{other}\" has no day; read as {day}: confirm"),
                    );
                    ctx.a.effective_date = Some(Sourced::new(day, source));
                }
            }
        }
        "term" | "initial term" | "duration" | "contract term" => {
            match parse_period(v) {
                Ok(Some(p)) => ctx.a.initial_term = Some(Sourced::new(p, source.clone())),
                Ok(None) => {
                    return Err(ImportError::at(
                        ctx.file,
                        line,
                        key,
                        format!("\"{v}\" is not a term: expected a length such as \"3 years\" or \"36 months\""),
                    ))
                }
                Err(msg) => return Err(ImportError::at(ctx.file, line, key, msg)),
            }
            let lv = v.to_ascii_lowercase();
            if lv.contains("auto-renew") || lv.contains("auto renew") || lv.contains("evergreen") {
                ctx.a.auto_renewal = Some(Sourced::new(true, source));
            } else if lv.contains("no renewal")
                || lv.contains("fixed")
                || lv.contains("non-renewable")
            {
                ctx.a.auto_renewal = Some(Sourced::new(false, source));
            }
        }
        "total commitment" | "commitment" | "contract value" | "total value" => {
            match ctx.quantity(v, line, "total_commitment") {
                Some(q) => {
                    ctx.a.total_commitment = Some(Commitment {
                        category: "Agreement Summary".to_string(),
                        label: key.trim().to_string(),
                        column: "Details".to_string(),
                        year: None,
                        value: q,
                        source,
                    })
                }
                // `quantity` has already said why when the cell starts with an amount.
                None if ctx
                    .a
                    .warnings
                    .last()
                    .is_some_and(|w| w.code == "unreadable_amount" && w.line == Some(line)) => {}
                None => ctx.warn(
                    "unreadable_amount",
                    "total_commitment",
                    Some(line),
                    format!("\"{v}\" is not an amount such as S/15M"),
                ),
            }
        }
        "document classification" | "classification" | "confidentiality" => {
            ctx.a.classification = Some(Sourced::new(v.to_string(), source));
        }
        "contract owner" | "owner" | "agreement owner" => {
            ctx.a.contract_owner = Some(Sourced::new(v.to_string(), source));
        }
        "last review" | "last reviewed" => {
            if let Some(d) = parse_date_field(ctx, key, v, line)? {
                ctx.a.last_review = Some(Sourced::new(d, source));
            }
        }
        "next review" | "review date" | "next review date" => {
            if let Some(d) = parse_date_field(ctx, key, v, line)? {
                ctx.a.next_review = Some(Sourced::new(d, source));
            }
        }
        "governing law" | "jurisdiction" | "country" => {
            let found = [
                ("peru", Country::Peru),
                ("perú", Country::Peru),
                ("chile", Country::Chile),
            ]
            .into_iter()
            .find(|(n, _)| v.to_lowercase().contains(n))
            .map(|(_, c)| c)
            .or_else(|| Country::parse(v));
            match found {
                Some(c) => ctx.a.country = Some(Sourced::new(c, source)),
                None => ctx.warn(
                    "unknown_country",
                    "country",
                    Some(line),
                    format!(
                        "\"{v}\" is not a country this version knows; expected e.g. Peru or Chile"
                    ),
                ),
            }
        }
        "renewal" | "renewal terms" | "auto renewal" | "notice period" | "price review" => {
            map_renewal_statement(ctx, &format!("{key} {v}"), source.clone())?;
            ctx.a
                .renewal_terms
                .push(Sourced::new(format!("{key}: {v}"), source));
        }
        "currency" => {}
        _ => return Ok(false),
    }
    Ok(true)
}

fn is_renewal_statement(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("renewal") || t.contains("renew")
}

fn map_renewal_statement(ctx: &mut Ctx<'_>, text: &str, source: Source) -> Result<(), ImportError> {
    let t = text.to_ascii_lowercase();
    let line = source.line.unwrap_or(0);
    let bad = |ctx: &Ctx<'_>, field: &str, msg: String| ImportError::at(ctx.file, line, field, msg);
    if t.contains("price review") || t.contains("price adjustment") {
        let rule = if t.contains("each renewal") || t.contains("every renewal") {
            PriceReview::AtEachRenewal
        } else if t.contains("annual") || t.contains("each year") || t.contains("every year") {
            PriceReview::Annually
        } else {
            PriceReview::Other(text.to_string())
        };
        ctx.a.price_review = Some(Sourced::new(rule, source));
        return Ok(());
    }
    if t.contains("notice")
        && (t.contains("non-renewal") || t.contains("non renewal") || t.contains("not to renew"))
    {
        match parse_period(text) {
            Ok(Some(p)) => ctx.a.non_renewal_notice = Some(Sourced::new(p, source)),
            Ok(None) => ctx.warn(
                "unreadable_notice",
                "non_renewal_notice",
                Some(line),
                format!("\"{text}\" names a non-renewal notice but no period such as \"90 days\""),
            ),
            Err(m) => return Err(bad(ctx, "non-renewal notice", m)),
        }
        return Ok(());
    }
    if t.contains("no auto-renewal") || t.contains("does not renew") || t.contains("will not renew")
    {
        ctx.a.auto_renewal = Some(Sourced::new(false, source));
        return Ok(());
    }
    if t.contains("renew") {
        if t.contains("auto") || t.contains("automatic") || t.contains("successive") {
            ctx.a.auto_renewal = Some(Sourced::new(true, source.clone()));
        }
        match parse_period(text) {
            Ok(Some(p)) => ctx.a.renewal_period = Some(Sourced::new(p, source)),
            Ok(None) => {}
            Err(m) => return Err(bad(ctx, "renewal period", m)),
        }
    }
    Ok(())
}

pub(crate) fn termination_kind(s: &str) -> TerminationKind {
    let s = s.to_ascii_lowercase();
    if s.contains("convenience") {
        TerminationKind::Convenience
    } else if s.contains("breach") {
        TerminationKind::MaterialBreach
    } else if s.contains("control") {
        TerminationKind::ChangeOfControl
    } else if s.contains("insolv") || s.contains("bankrupt") {
        TerminationKind::Insolvency
    } else {
        TerminationKind::Other
    }
}

pub(crate) fn obligation_status(s: &str) -> ObligationStatus {
    let l = s.to_ascii_lowercase();
    if [
        "complete",
        "completed",
        "done",
        "compliant",
        "certified",
        "deployed",
        "delivered",
        "in place",
    ]
    .iter()
    .any(|w| l == *w || l.starts_with(w))
    {
        ObligationStatus::Complete
    } else if l.contains("progress") || l.contains("ongoing work") || l.contains("underway") {
        ObligationStatus::InProgress
    } else if l.contains("planned") || l.contains("pending") || l.contains("not started") {
        ObligationStatus::Planned
    } else {
        ObligationStatus::Other
    }
}

fn year_of_label(s: &str) -> Option<u32> {
    let l = s.trim().to_ascii_lowercase();
    let n = l.strip_prefix("year")?.trim();
    n.parse().ok().filter(|n: &u32| (1..=100).contains(n))
}

/// The source of a value read from one cell: the row's line, not a copy of the row (a
/// very wide table would otherwise copy its row once per cell, issue 13 item 2).
fn cell_source(s: &LocatedSection, r: &Row) -> Source {
    src(s, r.line, r.line)
}

/// Maps one table of section `s`. Errors: a date cell whose year is outside 1900–2200
/// (`check_year`), naming the row's line and the column.
fn map_table(ctx: &mut Ctx<'_>, s: &LocatedSection, t: &LocatedTable) -> Result<(), ImportError> {
    let heading = norm(&s.heading);
    let h = &t.headers;
    if h.is_empty() {
        return Ok(());
    }
    let first = norm(&h[0]);
    if h.len() == 2
        && ["field", "item", "term", "key", "attribute", "clause"].contains(&first.as_str())
    {
        return Ok(()); // a key/value table, read by map_key_value
    }
    // Termination rights.
    if heading.contains("termination") && find_col(h, &["notice"]).is_some() {
        let notice_col = find_col(h, &["notice"]).unwrap_or(1);
        let cons_col = find_col(h, &["consequence", "effect", "result"]);
        for r in &t.rows {
            let cell = &r.cells[notice_col];
            let lc = cell.to_ascii_lowercase();
            let period = match parse_period(cell) {
                Ok(p) => p,
                Err(m) => {
                    ctx.warn("invalid_period", "termination_rights", Some(r.line), m);
                    None
                }
            };
            let (notice, cure_period) = if lc.contains("cure") {
                (None, period)
            } else {
                (period, None)
            };
            if period.is_none() && !lc.contains("immediate") && !cell.trim().is_empty() {
                ctx.warn(
                    "unreadable_notice",
                    "termination_rights",
                    Some(r.line),
                    format!(
                        "notice \"{cell}\" for \"{}\" has no period such as \"180 days\"",
                        r.cells[0]
                    ),
                );
            }
            ctx.a.termination_rights.push(TerminationRight {
                scenario: r.cells[0].clone(),
                kind: termination_kind(&r.cells[0]),
                notice,
                cure_period,
                consequence: cons_col.map(|c| r.cells[c].clone()).unwrap_or_default(),
                source: cell_source(s, r),
            });
        }
        return Ok(());
    }
    // Exit rights.
    if heading.contains("exit") {
        let time_col = find_col(h, &["timeline", "period", "window", "duration"]);
        let proc_col = find_col(h, &["process", "right", "support"]);
        for r in &t.rows {
            let window = match time_col.map(|c| parse_period(&r.cells[c])) {
                Some(Ok(p)) => p,
                Some(Err(m)) => {
                    ctx.warn("invalid_period", "exit_rights", Some(r.line), m);
                    None
                }
                None => None,
            };
            ctx.a.exit_rights.push(ExitRight {
                scenario: r.cells[0].clone(),
                process: proc_col.map(|c| r.cells[c].clone()).unwrap_or_default(),
                window,
                source: cell_source(s, r),
            });
        }
        return Ok(());
    }
    // Service levels.
    if (heading.contains("service level") || heading.contains("sla"))
        && find_col(h, &["target"]).is_some()
    {
        let target = find_col(h, &["target"]).unwrap_or(1);
        let pen = find_col(h, &["penalty", "remedy", "credit"]);
        for r in &t.rows {
            ctx.a.service_levels.push(ServiceLevel {
                metric: r.cells[0].clone(),
                target: r.cells[target].clone(),
                penalty: pen.map(|c| r.cells[c].clone()).filter(|p| !p.is_empty()),
                source: cell_source(s, r),
            });
        }
        return Ok(());
    }
    // Revenue shares: every non-first column a percentage.
    if heading.contains("revenue share")
        || (h.len() >= 3 && find_col(h, &["share", "margin"]).is_some())
    {
        for r in &t.rows {
            let mut shares: Vec<Decimal> = Vec::new();
            for c in &r.cells[1..] {
                if let Some(Quantity::Percent { value }) = ctx.quantity(c, r.line, "revenue_shares")
                {
                    shares.push(value);
                }
            }
            if shares.len() == h.len() - 1 {
                ctx.a.revenue_shares.push(RevenueShare {
                    product: r.cells[0].clone(),
                    parties: h[1..].to_vec(),
                    shares_percent: shares,
                    source: cell_source(s, r),
                });
            }
        }
        return Ok(());
    }
    // Obligations: a Status column and a requirement-like first column.
    let status_col = find_col(h, &["status"]);
    if let Some(sc) = status_col {
        if sc > 0
            && [
                "requirement",
                "obligation",
                "deliverable",
                "milestone",
                "standard",
                "certification",
            ]
            .iter()
            .any(|k| first.contains(k))
        {
            let due_col = find_col(h, &["due", "deadline", "by when", "target date"]);
            for r in &t.rows {
                let mut due = None;
                if let Some(c) = due_col {
                    let cell = r.cells[c].trim();
                    if !(cell.is_empty()
                        || cell == "-"
                        || cell == "—"
                        || cell.eq_ignore_ascii_case("n/a"))
                    {
                        match PartialDate::parse(cell) {
                            Ok(d) => due = Some(d),
                            Err(e) if e.kind == DateErrorKind::YearOutOfRange => {
                                return Err(ImportError::at(
                                    ctx.file,
                                    r.line,
                                    &h[c],
                                    e.to_string(),
                                ));
                            }
                            Err(e) => {
                                ctx.warn(
                                    "invalid_date",
                                    &h[c],
                                    Some(r.line),
                                    format!("{e}; the due date is left unknown"),
                                );
                            }
                        }
                    }
                }
                let details: Vec<String> = h
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 0 && *i != sc && Some(*i) != due_col)
                    .filter(|(i, _)| !r.cells[*i].is_empty())
                    .map(|(i, name)| format!("{name}: {}", r.cells[i]))
                    .collect();
                if first.contains("standard") {
                    // A standard such as "Data Residency | Peru only" is also a data statement.
                    let lname = r.cells[0].to_ascii_lowercase();
                    if lname.contains("data") || lname.contains("residency") {
                        ctx.a.data_protection.push(Sourced::new(
                            format!(
                                "{}: {}",
                                r.cells[0],
                                details.join("; ").trim_start_matches("Requirement: ")
                            ),
                            cell_source(s, r),
                        ));
                    }
                }
                ctx.a.obligations.push(Obligation {
                    category: s.heading.clone(),
                    name: r.cells[0].clone(),
                    status: obligation_status(&r.cells[sc]),
                    status_text: r.cells[sc].clone(),
                    due,
                    details: (!details.is_empty()).then(|| details.join("; ")),
                    source: cell_source(s, r),
                });
            }
            return Ok(());
        }
    }
    // Commitments (per year) and other amounts.
    let is_commitment = heading.contains("commitment");
    for r in &t.rows {
        let row_year = year_of_label(&r.cells[0]);
        for (i, cell) in r.cells.iter().enumerate().skip(1) {
            let Some(q) = ctx.quantity(cell, r.line, "amounts") else {
                continue;
            };
            let is_money = matches!(q, Quantity::Money { .. });
            if !is_commitment && !is_money {
                continue;
            }
            let c = Commitment {
                category: s.heading.clone(),
                label: r.cells[0].clone(),
                column: h.get(i).cloned().unwrap_or_default(),
                year: row_year.or_else(|| h.get(i).and_then(|c| year_of_label(c))),
                value: q,
                source: cell_source(s, r),
            };
            if is_commitment {
                ctx.a.commitments.push(c);
            } else {
                ctx.a.amounts.push(c);
            }
        }
    }
    Ok(())
}

fn infer_parties(ctx: &mut Ctx<'_>) {
    let Some(parties) = ctx.a.parties.as_ref().map(|p| p.value.clone()) else {
        return;
    };
    let sub = ctx.a.subtitle.clone().unwrap_or_default().to_lowercase();
    let ours = parties
        .iter()
        .position(|p| !sub.is_empty() && sub.contains(&p.to_lowercase()))
        .unwrap_or(0);
    ctx.a.our_party = parties.get(ours).cloned();
    ctx.a.counterparty = parties
        .iter()
        .enumerate()
        .find(|(i, _)| *i != ours)
        .map(|(_, p)| p.clone());
}

fn country_in(text: &str) -> Option<Country> {
    let t = text.to_lowercase();
    let pe = t.contains("peru") || t.contains("perú") || t.contains("lima");
    let cl = t.contains("chile") || t.contains("santiago");
    match (pe, cl) {
        (true, false) => Some(Country::Peru),
        (false, true) => Some(Country::Chile),
        _ => None,
    }
}

fn infer_country(ctx: &mut Ctx<'_>, doc: &[LocatedSection]) {
    if ctx.a.country.is_some() {
        return;
    }
    let title_line = doc
        .iter()
        .find(|s| s.level == 1)
        .map(|s| s.line)
        .unwrap_or(1);
    let from_title = country_in(&ctx.a.title);
    let from_data: Vec<(Country, Source)> = ctx
        .a
        .data_protection
        .iter()
        .filter_map(|d| country_in(&d.value).map(|c| (c, d.source.clone())))
        .collect();
    let data_agree = from_data.windows(2).all(|w| w[0].0 == w[1].0);
    let title_source = Source::span_of(ctx.a.title.clone(), title_line, title_line);
    const WHAT: (&str, &str) = ("country", "Jurisdiction (public holidays)");
    let no_clause = "the document has no governing-law or jurisdiction clause";
    match (from_title, from_data.first()) {
        (Some(t), Some((d, _))) if t == *d && data_agree => {
            ctx.assume(
                "country_from_title",
                WHAT,
                t.to_string(),
                format!("{no_clause}; the title names {t} and the data statements agree"),
                Some(title_line),
            );
            ctx.a.country = Some(Sourced::new(t, title_source));
        }
        (Some(t), None) => {
            ctx.assume(
                "country_from_title",
                WHAT,
                t.to_string(),
                format!("{no_clause}; taken from the title, which names {t}"),
                Some(title_line),
            );
            ctx.a.country = Some(Sourced::new(t.clone(), title_source));
            ctx.warn(
                "country_inferred",
                "country",
                Some(title_line),
                format!("jurisdiction taken as {t} from the title only: confirm (it selects the public-holiday calendar)"),
            );
        }
        (Some(t), Some(_)) => {
            ctx.assume(
                "country_from_title",
                WHAT,
                t.to_string(),
                format!("{no_clause}; taken from the title, which names {t}, although the data statements name another country"),
                Some(title_line),
            );
            ctx.a.country = Some(Sourced::new(t.clone(), title_source));
            ctx.warn(
                "country_unsure",
                "country",
                Some(title_line),
                format!("the title says {t} but the data statements name another country: jurisdiction taken as {t}, confirm"),
            );
        }
        (None, Some((d, s))) => {
            ctx.assume(
                "country_from_data",
                WHAT,
                d.to_string(),
                format!("{no_clause}; taken from the data statements, which name {d}"),
                s.line,
            );
            ctx.a.country = Some(Sourced::new(d.clone(), s.clone()));
            if !data_agree {
                ctx.warn("country_unsure", "country", s.line, format!("data statements name several countries; jurisdiction taken as {d}: confirm"));
            } else {
                ctx.warn("country_inferred", "country", s.line, format!("jurisdiction taken as {d} from the data statements: confirm"));
            }
        }
        (None, None) => ctx.warn(
            "no_country",
            "country",
            None,
            "no jurisdiction found: deadlines move back over weekends only, not public holidays; set the country",
        ),
    }
}

fn check_completeness(ctx: &mut Ctx<'_>) {
    if ctx.a.effective_date.is_none() {
        ctx.warn(
            "no_effective_date",
            "effective_date",
            None,
            "no effective date found: terms and notice deadlines cannot be computed",
        );
    }
    if ctx.a.initial_term.is_none() {
        ctx.warn(
            "no_term",
            "initial_term",
            None,
            "no term found: the expiry date cannot be computed",
        );
    }
    if ctx.a.parties.is_none() {
        ctx.warn("no_parties", "parties", None, "no parties found");
    }
    match ctx.a.auto_renewal.as_ref().map(|s| s.value) {
        None => {
            ctx.warn(
                "no_renewal_clause",
                "auto_renewal",
                None,
                "no renewal clause found: confirm whether it was extended",
            );
            ctx.assume(
                "no_renewal_clause",
                ("auto_renewal", "Renewal"),
                "No renewal: a fixed term, whose rights end at expiry (but the exit windows the document states)".to_string(),
                "the document has no renewal clause, so the term is treated as fixed and its expiry as the end of the agreement".to_string(),
                None,
            );
        }
        Some(true) => {
            if ctx.a.renewal_period.is_none() {
                ctx.warn("no_renewal_period", "renewal_period", None, "auto-renewal is stated without a renewal period: terms after the first cannot be computed");
            }
            if ctx.a.non_renewal_notice.is_none() {
                ctx.warn("no_non_renewal_notice", "non_renewal_notice", None, "auto-renewal is stated without a non-renewal notice period: no notice deadline can be computed");
            }
        }
        Some(false) => {}
    }
    if ctx.a.termination_rights.is_empty() {
        ctx.warn(
            "no_termination_rights",
            "termination_rights",
            None,
            "no termination rights found",
        );
    }
    if ctx.a.next_review.is_none() {
        ctx.warn(
            "no_next_review",
            "next_review",
            None,
            "no next review date found",
        );
    }
    if ctx.a.classification.is_none() {
        ctx.warn(
            "no_classification",
            "classification",
            None,
            "no document classification found: treat as confidential",
        );
    }
    if ctx.a.contract_owner.is_none() {
        ctx.warn(
            "no_contract_owner",
            "contract_owner",
            None,
            "no contract owner found: reminders have no named recipient",
        );
    }
    // A notice period as long as or longer than the term it guards (rule 3): the deadline
    // would fall before that term starts.
    for (line, message) in notice_outlasting_terms(&ctx.a) {
        ctx.warn(
            "notice_longer_than_term",
            "non_renewal_notice",
            line,
            message,
        );
    }
    for t in &ctx.a.termination_rights.clone() {
        if let (Some(n), Some(term)) = (t.notice, ctx.a.initial_term.as_ref()) {
            if n.approx_days() > term.value.approx_days() {
                ctx.warn(
                    "notice_longer_than_term",
                    "termination_rights",
                    t.source.line,
                    format!(
                        "the {} notice ({n}) is longer than the term ({}): confirm",
                        t.scenario, term.value
                    ),
                );
            }
        }
    }
}

/// Rule 3 sanity check: a non-renewal notice period as long as or longer than the initial
/// term or the renewal period it guards puts each notice deadline before that term starts.
/// One `(line of the notice clause, warning text)` per such term, from
/// [`crate::domain::rules::notice_deadlines::notice_outlasts_term`].
fn notice_outlasting_terms(a: &Agreement) -> Vec<(Option<u32>, String)> {
    use crate::domain::rules::business_days::agreement_country;
    use crate::domain::rules::notice_deadlines::notice_outlasts_term;
    let Some(notice) = a.non_renewal_notice.as_ref() else {
        return Vec::new();
    };
    let country = agreement_country(a);
    let start = a.effective_date.as_ref().map(|d| d.value);
    let initial = a.initial_term.as_ref().map(|t| t.value);
    let mut out = Vec::new();
    if let Some(initial) = initial {
        if let Some(m) = notice_outlasts_term(notice.value, initial, "initial term", start, country)
        {
            out.push((notice.source.line, m));
        }
    }
    if let Some(renewal) = a.renewal_period.as_ref() {
        let renewal_start = start
            .zip(initial)
            .and_then(|(s, i)| i.last_day_from(s))
            .and_then(|end| end.succ_opt());
        if let Some(m) = notice_outlasts_term(
            notice.value,
            renewal.value,
            "renewal period",
            renewal_start,
            country,
        ) {
            out.push((notice.source.line, m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_split_at_slashes_outside_html_like_tags() {
        assert_eq!(
            split_outside_tags("Acme S.A.C. / Them & <i>Co</i>; Third <b>Ltd</b>"),
            ["Acme S.A.C. ", " Them & <i>Co</i>", " Third <b>Ltd</b>"]
        );
        assert_eq!(split_outside_tags("a < b / c"), ["a < b ", " c"]);
    }

    #[test]
    fn periods_read_from_contract_wording() {
        assert_eq!(
            parse_period("3 years (auto-renewal)"),
            Ok(Some(Period::years(3)))
        );
        assert_eq!(
            parse_period("Auto-renewal for 12-month periods"),
            Ok(Some(Period::months(12)))
        );
        assert_eq!(
            parse_period("90-day notice for non-renewal"),
            Ok(Some(Period::days(90)))
        );
        assert_eq!(parse_period("30 days cure"), Ok(Some(Period::days(30))));
        assert_eq!(parse_period("Immediate"), Ok(None));
        assert!(parse_period("-3 years").is_err());
        assert!(parse_period("0 months").is_err());
        assert!(parse_period("500 years").is_err());
    }
}
