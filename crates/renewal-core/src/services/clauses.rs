//! Fixing or filling the clause tables by hand: termination rights, obligations, exit
//! rights, commitments and other amounts, revenue shares, service levels, renewal terms and
//! data protection (the app's "Clauses and tables" card, `renewals rows`/`edit-row`).
//!
//! A table is edited a row at a time: add a row, change a row, remove a row
//! ([`RowEdit`]). Cells arrive as text keyed by column and are read by the same parsers as
//! the importer (periods as in rule 2's vocabulary, dates of any precision, amounts as in
//! renewal-rules.md §Money), so a row typed by a person obeys the same rules as one read
//! from a document. A changed or added row's source is "Edited in Renewal Desk" with the
//! text typed. [`crate::services::portfolio::edit_row`] stores the result and records it in the history.
//!
//! Removing a row is safe for recorded marks: event ids are made of the event's kind, date
//! and subject (see [`crate::domain::rules::DatedEvent::id`]), never of a row's position.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adapters::import::{obligation_status, termination_kind};
use crate::domain::dates::PartialDate;
use crate::domain::model::{
    Agreement, Commitment, ExitRight, Obligation, RevenueShare, ServiceLevel, Source, Sourced,
    TerminationKind, TerminationRight,
};
use crate::domain::money::{group_digits, read_quantity, Per, Quantity};
use crate::error::{Error, Result};
use crate::services::edit::{parse_period_text, EditableField};

/// Longest text a cell accepts, in characters.
pub const MAX_CELL_CHARS: usize = 500;

/// A table of clauses in an agreement that can be edited row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClauseTable {
    /// `termination_rights`: scenario, kind, notice, cure period, consequence. A
    /// convenience row's notice is rule 6's notice period.
    TerminationRights,
    /// `obligations`: category, obligation, status, due date of any precision, details.
    Obligations,
    /// `exit_rights`: scenario, process, window (rule 8).
    ExitRights,
    /// `total_commitment`: at most one row.
    TotalCommitment,
    /// `commitments`: volumes and spends by contract year.
    Commitments,
    /// `amounts`: other amounts stated (contributions, funds, fees).
    Amounts,
    /// `revenue_shares`: product and each party's share in percent.
    RevenueShares,
    /// `service_levels`: metric, target, penalty.
    ServiceLevels,
    /// `renewal_terms`: renewal clauses as written.
    RenewalTerms,
    /// `data_protection`: data protection clauses as written.
    DataProtection,
}

impl ClauseTable {
    /// Every editable table, in the order the app shows them.
    pub const ALL: [ClauseTable; 10] = [
        ClauseTable::TerminationRights,
        ClauseTable::Obligations,
        ClauseTable::ExitRights,
        ClauseTable::TotalCommitment,
        ClauseTable::Commitments,
        ClauseTable::Amounts,
        ClauseTable::RevenueShares,
        ClauseTable::ServiceLevels,
        ClauseTable::RenewalTerms,
        ClauseTable::DataProtection,
    ];

    /// The snake_case name, as the field is named in the agreement's JSON and history.
    pub fn name(self) -> &'static str {
        match self {
            ClauseTable::TerminationRights => "termination_rights",
            ClauseTable::Obligations => "obligations",
            ClauseTable::ExitRights => "exit_rights",
            ClauseTable::TotalCommitment => "total_commitment",
            ClauseTable::Commitments => "commitments",
            ClauseTable::Amounts => "amounts",
            ClauseTable::RevenueShares => "revenue_shares",
            ClauseTable::ServiceLevels => "service_levels",
            ClauseTable::RenewalTerms => "renewal_terms",
            ClauseTable::DataProtection => "data_protection",
        }
    }

    /// Parses a snake_case name.
    pub fn parse(name: &str) -> Option<ClauseTable> {
        ClauseTable::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The table's name for people, e.g. "Termination rights".
    pub fn label(self) -> &'static str {
        match self {
            ClauseTable::TerminationRights => "Termination rights",
            ClauseTable::Obligations => "Obligations",
            ClauseTable::ExitRights => "Exit rights",
            ClauseTable::TotalCommitment => "Total commitment",
            ClauseTable::Commitments => "Commitments",
            ClauseTable::Amounts => "Other amounts",
            ClauseTable::RevenueShares => "Revenue shares",
            ClauseTable::ServiceLevels => "Service levels",
            ClauseTable::RenewalTerms => "Renewal terms as written",
            ClauseTable::DataProtection => "Data protection",
        }
    }

    /// The most rows the table holds (`None`: any number).
    pub fn max_rows(self) -> Option<u32> {
        (self == ClauseTable::TotalCommitment).then_some(1)
    }

    /// The table's columns, in display order.
    pub fn columns(self) -> Vec<Column> {
        let text = |key: &str, label: &str, required: bool| Column {
            key: key.to_string(),
            label: label.to_string(),
            hint: if required {
                "text (required)".to_string()
            } else {
                "text; empty for none".to_string()
            },
            required,
            choices: Vec::new(),
        };
        let period = |key: &str, label: &str| Column {
            key: key.to_string(),
            label: label.to_string(),
            hint: "a period: 90 days, 12 months, 3 years; empty for none".to_string(),
            required: false,
            choices: Vec::new(),
        };
        let amount_columns = || {
            vec![
                text("category", "Table", false),
                text("label", "Item", true),
                text("column", "Column", false),
                Column {
                    key: "year".to_string(),
                    label: "Contract year".to_string(),
                    hint: "a contract year from 1 to 100 (1 = the first year from the effective date); empty for none".to_string(),
                    required: false,
                    choices: Vec::new(),
                },
                Column {
                    key: "value".to_string(),
                    label: "Amount".to_string(),
                    hint: "money with its currency (PEN 1,200,000, S/250K per year, US$ 3M, CLP 500,000), a count (50,000) or a percentage (35%)".to_string(),
                    required: true,
                    choices: Vec::new(),
                },
            ]
        };
        match self {
            ClauseTable::TerminationRights => vec![
                text("scenario", "Scenario", true),
                Column {
                    key: "kind".to_string(),
                    label: "Kind".to_string(),
                    hint: "convenience (rule 6), material breach, change of control, insolvency or other; empty to read it from the scenario".to_string(),
                    required: false,
                    choices: TERMINATION_KINDS.iter().map(|(name, _)| name.to_string()).collect(),
                },
                period("notice", "Notice"),
                period("cure_period", "Cure period"),
                text("consequence", "Consequence", false),
            ],
            ClauseTable::Obligations => vec![
                text("category", "Category", false),
                text("name", "Obligation", true),
                Column {
                    key: "status".to_string(),
                    label: "Status".to_string(),
                    hint: "as written: Complete, In progress, Planned, 25 live; a complete obligation has no due-date event".to_string(),
                    required: false,
                    choices: Vec::new(),
                },
                Column {
                    key: "due".to_string(),
                    label: "Due".to_string(),
                    hint: "a date of any precision: 2025-07-15, July 2025, Q2 2025, 2025; empty for none".to_string(),
                    required: false,
                    choices: Vec::new(),
                },
                text("details", "Details", false),
            ],
            ClauseTable::ExitRights => vec![
                text("scenario", "Scenario", true),
                text("process", "Process", false),
                Column {
                    key: "window".to_string(),
                    label: "Window".to_string(),
                    hint: "a period from the day after the agreement ends (rule 8): 180 days, 6 months; empty for none".to_string(),
                    required: false,
                    choices: Vec::new(),
                },
            ],
            ClauseTable::TotalCommitment | ClauseTable::Commitments | ClauseTable::Amounts => {
                amount_columns()
            }
            ClauseTable::RevenueShares => vec![
                text("product", "Product", true),
                Column {
                    key: "shares".to_string(),
                    label: "Shares".to_string(),
                    hint: "each party's share in percent, separated by semicolons: MiFibra Margin 30%; Microsoft Share 70% (0 to 100 each, 100 at most in all)".to_string(),
                    required: true,
                    choices: Vec::new(),
                },
            ],
            ClauseTable::ServiceLevels => vec![
                text("metric", "Metric", true),
                text("target", "Target", true),
                text("penalty", "Penalty", false),
            ],
            ClauseTable::RenewalTerms | ClauseTable::DataProtection => {
                vec![text("text", "Clause", true)]
            }
        }
    }
}

const TERMINATION_KINDS: [(&str, TerminationKind); 5] = [
    ("convenience", TerminationKind::Convenience),
    ("material breach", TerminationKind::MaterialBreach),
    ("change of control", TerminationKind::ChangeOfControl),
    ("insolvency", TerminationKind::Insolvency),
    ("other", TerminationKind::Other),
];

fn kind_name(kind: TerminationKind) -> &'static str {
    TERMINATION_KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("other", |(name, _)| name)
}

/// A column of a clause table: how a form asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Column {
    /// Key of the cell in [`EditableRow::cells`] and [`RowEdit`], e.g. `"notice"`.
    pub key: String,
    /// Name for people, e.g. "Cure period".
    pub label: String,
    /// What it accepts, e.g. "a period: 90 days, 12 months, 3 years; empty for none".
    pub hint: String,
    /// Whether an empty cell is refused.
    pub required: bool,
    /// The values a form offers in a list (empty: free text).
    pub choices: Vec<String>,
}

/// One row of a clause table as text, in the form [`apply_row_edit`] reads back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditableRow {
    /// 0-based position in the table (as in the history's paths, `obligations.2.due`).
    pub index: u32,
    /// Cell text by column key; empty text is "none".
    pub cells: BTreeMap<String, String>,
    /// The table row it was read from, or "Edited in Renewal Desk".
    pub source: Option<Source>,
}

/// A clause table of one agreement: its columns and rows (what the app's table editor
/// shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditableTable {
    /// Which table.
    pub table: ClauseTable,
    /// Its name for people.
    pub label: String,
    /// Columns in display order.
    pub columns: Vec<Column>,
    /// Rows in document order.
    pub rows: Vec<EditableRow>,
    /// The most rows it holds, if limited.
    pub max_rows: Option<u32>,
}

/// A change to one clause table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum RowEdit {
    /// Appends a row made of `cells` (column key → text; a missing key is empty).
    Add {
        /// Cell text by column key.
        cells: BTreeMap<String, String>,
    },
    /// Replaces row `index` (0-based) by one made of `cells`.
    Update {
        /// 0-based row.
        index: u32,
        /// Cell text by column key.
        cells: BTreeMap<String, String>,
    },
    /// Removes row `index` (0-based); later rows move up.
    Remove {
        /// 0-based row.
        index: u32,
    },
}

fn amount_text(q: &Quantity) -> String {
    match q {
        Quantity::Money { money, per, note } => {
            let mut s = format!("{} {}", money.currency, group_digits(money.amount));
            match per {
                Some(Per::Year) => s.push_str(" per year"),
                Some(Per::Month) => s.push_str(" per month"),
                None => {}
            }
            if let Some(n) = note {
                s.push(' ');
                s.push_str(n);
            }
            s
        }
        Quantity::Count { value } => group_digits(*value),
        Quantity::Percent { value } => format!("{}%", value.normalize()),
    }
}

fn shares_text(r: &RevenueShare) -> String {
    r.parties
        .iter()
        .enumerate()
        .map(|(i, p)| match r.shares_percent.get(i) {
            Some(v) => format!("{p} {}%", v.normalize()),
            None => p.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn cells<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn opt_text(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn commitment_cells(c: &Commitment) -> BTreeMap<String, String> {
    cells([
        ("category", c.category.clone()),
        ("label", c.label.clone()),
        ("column", c.column.clone()),
        ("year", opt_text(&c.year)),
        ("value", amount_text(&c.value)),
    ])
}

fn rows_of<T>(
    items: &[T],
    f: impl Fn(&T) -> (BTreeMap<String, String>, Option<Source>),
) -> Vec<EditableRow> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (cells, source) = f(item);
            EditableRow {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                cells,
                source,
            }
        })
        .collect()
}

/// The rows of `table` in `agreement` as text, with their sources.
pub fn table_rows(agreement: &Agreement, table: ClauseTable) -> Vec<EditableRow> {
    let a = agreement;
    let sourced_text =
        |s: &Sourced<String>| (cells([("text", s.value.clone())]), Some(s.source.clone()));
    match table {
        ClauseTable::TerminationRights => rows_of(&a.termination_rights, |t| {
            (
                cells([
                    ("scenario", t.scenario.clone()),
                    ("kind", kind_name(t.kind).to_string()),
                    ("notice", opt_text(&t.notice)),
                    ("cure_period", opt_text(&t.cure_period)),
                    ("consequence", t.consequence.clone()),
                ]),
                Some(t.source.clone()),
            )
        }),
        ClauseTable::Obligations => rows_of(&a.obligations, |o| {
            (
                cells([
                    ("category", o.category.clone()),
                    ("name", o.name.clone()),
                    ("status", o.status_text.clone()),
                    ("due", opt_text(&o.due)),
                    ("details", o.details.clone().unwrap_or_default()),
                ]),
                Some(o.source.clone()),
            )
        }),
        ClauseTable::ExitRights => rows_of(&a.exit_rights, |x| {
            (
                cells([
                    ("scenario", x.scenario.clone()),
                    ("process", x.process.clone()),
                    ("window", opt_text(&x.window)),
                ]),
                Some(x.source.clone()),
            )
        }),
        ClauseTable::TotalCommitment => rows_of(a.total_commitment.as_slice(), |c| {
            (commitment_cells(c), Some(c.source.clone()))
        }),
        ClauseTable::Commitments => rows_of(&a.commitments, |c| {
            (commitment_cells(c), Some(c.source.clone()))
        }),
        ClauseTable::Amounts => rows_of(&a.amounts, |c| {
            (commitment_cells(c), Some(c.source.clone()))
        }),
        ClauseTable::RevenueShares => rows_of(&a.revenue_shares, |r| {
            (
                cells([("product", r.product.clone()), ("shares", shares_text(r))]),
                Some(r.source.clone()),
            )
        }),
        ClauseTable::ServiceLevels => rows_of(&a.service_levels, |s| {
            (
                cells([
                    ("metric", s.metric.clone()),
                    ("target", s.target.clone()),
                    ("penalty", s.penalty.clone().unwrap_or_default()),
                ]),
                Some(s.source.clone()),
            )
        }),
        ClauseTable::RenewalTerms => rows_of(&a.renewal_terms, sourced_text),
        ClauseTable::DataProtection => rows_of(&a.data_protection, sourced_text),
    }
}

/// Every clause table of `agreement` with its columns and rows, in [`ClauseTable::ALL`]
/// order.
pub fn editable_tables(agreement: &Agreement) -> Vec<EditableTable> {
    ClauseTable::ALL
        .into_iter()
        .map(|table| EditableTable {
            table,
            label: table.label().to_string(),
            columns: table.columns(),
            rows: table_rows(agreement, table),
            max_rows: table.max_rows(),
        })
        .collect()
}

/// Reads one row's cells against its table's columns: every cell trimmed, one line, at
/// most [`MAX_CELL_CHARS`]; required cells present; no unknown column.
struct RowReader<'a> {
    table: ClauseTable,
    row: usize,
    columns: Vec<Column>,
    cells: &'a BTreeMap<String, String>,
}

impl<'a> RowReader<'a> {
    fn new(table: ClauseTable, row: usize, cells: &'a BTreeMap<String, String>) -> Result<Self> {
        let columns = table.columns();
        let reader = RowReader {
            table,
            row,
            columns,
            cells,
        };
        for key in cells.keys() {
            if !reader.columns.iter().any(|c| &c.key == key) {
                let expected: Vec<&str> = reader.columns.iter().map(|c| c.key.as_str()).collect();
                return Err(reader.invalid(
                    key,
                    format!(
                        "no column \"{key}\" in {}: expected {}",
                        table.label(),
                        expected.join(", ")
                    ),
                ));
            }
        }
        Ok(reader)
    }

    fn label(&self, key: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| c.label.clone())
    }

    /// `Error::InvalidRow` located at the cell (table, row 0-based, column key; shown as
    /// the history path `obligations.2.due`) with a message that names the row (1-based)
    /// and column for people.
    fn invalid(&self, key: &str, message: impl Into<String>) -> Error {
        Error::InvalidRow {
            table: self.table,
            row: u32::try_from(self.row).ok(),
            column: Some(key.to_string()),
            message: format!(
                "{} row {}, {}: {}",
                self.table.label(),
                self.row + 1,
                self.label(key),
                message.into()
            ),
        }
    }

    /// The trimmed text of `key`, `None` when empty; errors when required and empty.
    fn text(&self, key: &str) -> Result<Option<String>> {
        let t = self.cells.get(key).map_or("", |s| s.trim());
        if t.chars().count() > MAX_CELL_CHARS {
            return Err(self.invalid(key, format!("longer than {MAX_CELL_CHARS} characters")));
        }
        if t.chars().any(char::is_control) {
            return Err(self.invalid(key, "contains control characters (line breaks, tabs)"));
        }
        if t.is_empty() {
            let required = self.columns.iter().any(|c| c.key == key && c.required);
            if required {
                return Err(self.invalid(key, "required: expected text"));
            }
            return Ok(None);
        }
        Ok(Some(t.to_string()))
    }

    fn string(&self, key: &str) -> Result<String> {
        Ok(self.text(key)?.unwrap_or_default())
    }

    fn period(&self, key: &str) -> Result<Option<crate::domain::dates::Period>> {
        match self.text(key)? {
            None => Ok(None),
            Some(t) => parse_period_text(EditableField::NonRenewalNotice, &t)
                .map(Some)
                .map_err(|e| self.invalid(key, strip_field(&e))),
        }
    }

    fn partial_date(&self, key: &str) -> Result<Option<PartialDate>> {
        match self.text(key)? {
            None => Ok(None),
            Some(t) => PartialDate::parse(&t)
                .map(Some)
                .map_err(|e| self.invalid(key, e.to_string())),
        }
    }

    fn year(&self, key: &str) -> Result<Option<u32>> {
        match self.text(key)? {
            None => Ok(None),
            Some(t) => {
                let digits = t.to_ascii_lowercase();
                let digits = digits.strip_prefix("year").unwrap_or(&digits).trim();
                digits
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .map(Some)
                    .ok_or_else(|| {
                        self.invalid(
                            key,
                            format!("\"{t}\" is not a contract year: expected a whole number from 1 to 100"),
                        )
                    })
            }
        }
    }

    fn amount(&self, key: &str) -> Result<Quantity> {
        let t = self.text(key)?.unwrap_or_default();
        let expected = "expected money with its currency (PEN 1,200,000, S/250K per year, US$ 3M), a count (50,000) or a percentage (35%)";
        let parsed = read_quantity(&t, "USD")
            .map_err(|e| self.invalid(key, e.to_string()))?
            .ok_or_else(|| self.invalid(key, format!("\"{t}\" is not an amount: {expected}")))?;
        if parsed.assumption.is_some() {
            return Err(self.invalid(
                key,
                format!("\"{t}\": \"$\" is both the US dollar's and the Chilean peso's sign: write US$, CLP$ or the ISO code (USD, CLP)"),
            ));
        }
        Ok(parsed.quantity)
    }

    fn kind(&self, key: &str, scenario: &str) -> Result<TerminationKind> {
        match self.text(key)? {
            None => Ok(termination_kind(scenario)),
            Some(t) => {
                let l = t.to_ascii_lowercase().replace(['_', '-'], " ");
                TERMINATION_KINDS
                    .iter()
                    .find(|(name, _)| *name == l)
                    .map(|(_, k)| *k)
                    .ok_or_else(|| {
                        self.invalid(
                            key,
                            format!("\"{t}\": expected convenience, material breach, change of control, insolvency or other"),
                        )
                    })
            }
        }
    }

    fn shares(&self, key: &str) -> Result<(Vec<String>, Vec<Decimal>)> {
        let t = self.text(key)?.unwrap_or_default();
        let mut parties = Vec::new();
        let mut shares = Vec::new();
        for part in t.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || {
                self.invalid(
                    key,
                    format!("\"{part}\" is not a share: expected a name and a percentage, e.g. \"Microsoft Share 70%\""),
                )
            };
            let number = part.strip_suffix('%').ok_or_else(bad)?.trim_end();
            let split = number.rfind(|c: char| c.is_whitespace()).ok_or_else(bad)?;
            let (name, value) = (number[..split].trim(), number[split..].trim());
            let value: Decimal = value.parse().map_err(|_| bad())?;
            if name.is_empty() {
                return Err(bad());
            }
            if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
                return Err(self.invalid(key, format!("\"{part}\": a share is from 0% to 100%")));
            }
            parties.push(name.to_string());
            shares.push(value);
        }
        if parties.is_empty() {
            return Err(self.invalid(
                key,
                "required: expected at least one share, e.g. \"Microsoft Share 70%\"",
            ));
        }
        let total: Decimal = shares.iter().sum();
        if total > Decimal::ONE_HUNDRED {
            return Err(self.invalid(
                key,
                format!(
                    "the shares add up to {}%, more than 100%",
                    total.normalize()
                ),
            ));
        }
        Ok((parties, shares))
    }
}

fn strip_field(e: &Error) -> String {
    match e {
        Error::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// The source of a row typed by a person: "Edited in Renewal Desk" with the cells typed,
/// in column order, joined by " | " as in a Markdown table row.
fn typed_source(table: ClauseTable, cells: &BTreeMap<String, String>) -> Source {
    let text = table
        .columns()
        .iter()
        .map(|c| cells.get(&c.key).map_or("", |s| s.trim()))
        .collect::<Vec<_>>()
        .join(" | ");
    Source::user(text)
}

fn read_commitment(r: &RowReader<'_>, source: Source) -> Result<Commitment> {
    Ok(Commitment {
        category: r.string("category")?,
        label: r.string("label")?,
        column: r.string("column")?,
        year: r.year("year")?,
        value: r.amount("value")?,
        source,
    })
}

/// Builds `table`'s row `row` (0-based, for messages) from `cells` and puts it in place
/// with `put`.
fn build_and_put(
    agreement: &mut Agreement,
    table: ClauseTable,
    row: usize,
    cells: &BTreeMap<String, String>,
    put: Put,
) -> Result<()> {
    let r = RowReader::new(table, row, cells)?;
    let source = typed_source(table, cells);
    let a = agreement;
    match table {
        ClauseTable::TerminationRights => {
            let scenario = r.string("scenario")?;
            let item = TerminationRight {
                kind: r.kind("kind", &scenario)?,
                scenario,
                notice: r.period("notice")?,
                cure_period: r.period("cure_period")?,
                consequence: r.string("consequence")?,
                source,
            };
            put.into(&mut a.termination_rights, item);
        }
        ClauseTable::Obligations => {
            let status_text = r.string("status")?;
            let item = Obligation {
                category: r.string("category")?,
                name: r.string("name")?,
                status: obligation_status(&status_text),
                status_text,
                due: r.partial_date("due")?,
                details: r.text("details")?,
                source,
            };
            put.into(&mut a.obligations, item);
        }
        ClauseTable::ExitRights => {
            let item = ExitRight {
                scenario: r.string("scenario")?,
                process: r.string("process")?,
                window: r.period("window")?,
                source,
            };
            put.into(&mut a.exit_rights, item);
        }
        ClauseTable::TotalCommitment => {
            a.total_commitment = Some(read_commitment(&r, source)?);
        }
        ClauseTable::Commitments => put.into(&mut a.commitments, read_commitment(&r, source)?),
        ClauseTable::Amounts => put.into(&mut a.amounts, read_commitment(&r, source)?),
        ClauseTable::RevenueShares => {
            let (parties, shares_percent) = r.shares("shares")?;
            let item = RevenueShare {
                product: r.string("product")?,
                parties,
                shares_percent,
                source,
            };
            put.into(&mut a.revenue_shares, item);
        }
        ClauseTable::ServiceLevels => {
            let item = ServiceLevel {
                metric: r.string("metric")?,
                target: r.string("target")?,
                penalty: r.text("penalty")?,
                source,
            };
            put.into(&mut a.service_levels, item);
        }
        ClauseTable::RenewalTerms => {
            put.into(
                &mut a.renewal_terms,
                Sourced::new(r.string("text")?, source),
            );
        }
        ClauseTable::DataProtection => {
            put.into(
                &mut a.data_protection,
                Sourced::new(r.string("text")?, source),
            );
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Put {
    Append,
    Replace(usize),
}

impl Put {
    fn into<T>(self, items: &mut Vec<T>, item: T) {
        match self {
            Put::Append => items.push(item),
            Put::Replace(i) => {
                if let Some(slot) = items.get_mut(i) {
                    *slot = item;
                }
            }
        }
    }
}

fn table_len(agreement: &Agreement, table: ClauseTable) -> usize {
    let a = agreement;
    match table {
        ClauseTable::TerminationRights => a.termination_rights.len(),
        ClauseTable::Obligations => a.obligations.len(),
        ClauseTable::ExitRights => a.exit_rights.len(),
        ClauseTable::TotalCommitment => usize::from(a.total_commitment.is_some()),
        ClauseTable::Commitments => a.commitments.len(),
        ClauseTable::Amounts => a.amounts.len(),
        ClauseTable::RevenueShares => a.revenue_shares.len(),
        ClauseTable::ServiceLevels => a.service_levels.len(),
        ClauseTable::RenewalTerms => a.renewal_terms.len(),
        ClauseTable::DataProtection => a.data_protection.len(),
    }
}

fn remove_row(agreement: &mut Agreement, table: ClauseTable, i: usize) {
    let a = agreement;
    match table {
        ClauseTable::TerminationRights => drop(a.termination_rights.remove(i)),
        ClauseTable::Obligations => drop(a.obligations.remove(i)),
        ClauseTable::ExitRights => drop(a.exit_rights.remove(i)),
        ClauseTable::TotalCommitment => a.total_commitment = None,
        ClauseTable::Commitments => drop(a.commitments.remove(i)),
        ClauseTable::Amounts => drop(a.amounts.remove(i)),
        ClauseTable::RevenueShares => drop(a.revenue_shares.remove(i)),
        ClauseTable::ServiceLevels => drop(a.service_levels.remove(i)),
        ClauseTable::RenewalTerms => drop(a.renewal_terms.remove(i)),
        ClauseTable::DataProtection => drop(a.data_protection.remove(i)),
    }
}

/// Applies `edit` to `table` of `agreement`. Adding a row also drops the importer's
/// warnings that the table is missing (code `no_…` on that table, e.g.
/// `no_termination_rights`); other warnings about the table stay until confirmed.
///
/// Errors: [`Error::InvalidRow`] located at the table, row (0-based) and column (shown
/// as the cell's history path, `obligations.2.due`), whose message names the table, the
/// row (1-based), the column and what was expected; also for a row that does not exist,
/// a full table (the total commitment holds one row) or an unknown column. The agreement
/// is unchanged on error.
pub fn apply_row_edit(agreement: &mut Agreement, table: ClauseTable, edit: &RowEdit) -> Result<()> {
    let len = table_len(agreement, table);
    let missing = |index: u32| Error::InvalidRow {
        table,
        row: Some(index),
        column: None,
        message: format!(
            "{} has no row {}: it has {len} row{}",
            table.label(),
            u64::from(index) + 1,
            if len == 1 { "" } else { "s" }
        ),
    };
    let row = |index: u32| -> Result<usize> {
        usize::try_from(index)
            .ok()
            .filter(|i| *i < len)
            .ok_or_else(|| missing(index))
    };
    let mut edited = agreement.clone();
    match edit {
        RowEdit::Add { cells } => {
            if let Some(max) = table.max_rows() {
                if len >= usize::try_from(max).unwrap_or(usize::MAX) {
                    return Err(Error::InvalidRow {
                        table,
                        row: None,
                        column: None,
                        message: format!(
                            "{} holds {max} row{}: change or remove the one there",
                            table.label(),
                            if max == 1 { "" } else { "s" }
                        ),
                    });
                }
            }
            build_and_put(&mut edited, table, len, cells, Put::Append)?;
            // A row now exists: "no termination rights found" and the like are answered.
            edited
                .warnings
                .retain(|w| !(w.field == table.name() && w.code.starts_with("no_")));
        }
        RowEdit::Update { index, cells } => {
            let i = row(*index)?;
            build_and_put(&mut edited, table, i, cells, Put::Replace(i))?;
        }
        RowEdit::Remove { index } => {
            let i = row(*index)?;
            remove_row(&mut edited, table, i);
        }
    }
    *agreement = edited;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::Period;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn with_rows() -> Agreement {
        let mut a = Agreement::new("X");
        let rows: [(ClauseTable, &[(&str, &str)]); 10] = [
            (
                ClauseTable::TerminationRights,
                &[
                    ("scenario", "Convenience"),
                    ("notice", "180 days"),
                    ("consequence", "Wind-down plan"),
                ],
            ),
            (
                ClauseTable::Obligations,
                &[
                    ("category", "Platform"),
                    ("name", "Graph API integration"),
                    ("status", "In progress"),
                    ("due", "Q2 2027"),
                ],
            ),
            (
                ClauseTable::ExitRights,
                &[
                    ("scenario", "Migration"),
                    ("process", "Assisted"),
                    ("window", "180 days"),
                ],
            ),
            (
                ClauseTable::TotalCommitment,
                &[("label", "Total Investment"), ("value", "PEN 15,000,000")],
            ),
            (
                ClauseTable::Commitments,
                &[
                    ("category", "Volume"),
                    ("label", "Licences"),
                    ("column", "Year 2"),
                    ("year", "2"),
                    ("value", "50,000"),
                ],
            ),
            (
                ClauseTable::Amounts,
                &[
                    ("label", "Marketing fund"),
                    ("value", "S/250K per year co-marketing"),
                ],
            ),
            (
                ClauseTable::RevenueShares,
                &[
                    ("product", "Teams Phone"),
                    ("shares", "MiFibra Margin 30%; Microsoft Share 70%"),
                ],
            ),
            (
                ClauseTable::ServiceLevels,
                &[("metric", "Uptime"), ("target", "99.99%")],
            ),
            (
                ClauseTable::RenewalTerms,
                &[("text", "Auto-renewal for 12-month periods")],
            ),
            (
                ClauseTable::DataProtection,
                &[("text", "Data stays in Peru")],
            ),
        ];
        for (table, cells) in rows {
            apply_row_edit(&mut a, table, &RowEdit::Add { cells: map(cells) })
                .unwrap_or_else(|e| panic!("{table:?}: {e}"));
        }
        a
    }

    #[test]
    fn rows_read_back_unchanged() {
        let a = with_rows();
        for t in editable_tables(&a) {
            assert_eq!(t.rows.len(), 1, "{:?}", t.table);
            for r in &t.rows {
                let mut b = a.clone();
                apply_row_edit(
                    &mut b,
                    t.table,
                    &RowEdit::Update {
                        index: r.index,
                        cells: r.cells.clone(),
                    },
                )
                .unwrap_or_else(|e| panic!("{:?}: {e}", t.table));
                assert_eq!(table_rows(&b, t.table)[0].cells, r.cells, "{:?}", t.table);
            }
        }
    }

    #[test]
    fn cells_are_typed_like_imported_ones() {
        let a = with_rows();
        let t = &a.termination_rights[0];
        assert_eq!(t.kind, TerminationKind::Convenience);
        assert_eq!(t.notice, Some(Period::days(180)));
        assert_eq!(t.source.section, "Edited in Renewal Desk");
        assert_eq!(
            t.source.text,
            "Convenience |  | 180 days |  | Wind-down plan"
        );
        let o = &a.obligations[0];
        assert_eq!(o.status, crate::domain::model::ObligationStatus::InProgress);
        assert_eq!(o.due.map(|d| d.to_string()).as_deref(), Some("Q2 2027"));
        assert_eq!(a.commitments[0].year, Some(2));
        assert_eq!(
            a.amounts[0].value.to_string(),
            "S/ 250,000 per year (co-marketing)"
        );
        assert_eq!(
            a.total_commitment
                .as_ref()
                .map(|c| c.value.to_string())
                .as_deref(),
            Some("S/ 15,000,000")
        );
        let r = &a.revenue_shares[0];
        assert_eq!(r.parties, ["MiFibra Margin", "Microsoft Share"]);
        assert_eq!(r.shares_percent, [Decimal::from(30), Decimal::from(70)]);
        assert_eq!(a.service_levels[0].penalty, None);
    }

    #[test]
    fn explicit_kind_overrides_the_scenario() {
        let mut a = with_rows();
        let edit = RowEdit::Update {
            index: 0,
            cells: map(&[
                ("scenario", "Without cause"),
                ("kind", "convenience"),
                ("notice", "90 days"),
            ]),
        };
        apply_row_edit(&mut a, ClauseTable::TerminationRights, &edit).unwrap();
        assert_eq!(a.termination_rights[0].kind, TerminationKind::Convenience);
        let edit = RowEdit::Update {
            index: 0,
            cells: map(&[("scenario", "Without cause")]),
        };
        apply_row_edit(&mut a, ClauseTable::TerminationRights, &edit).unwrap();
        assert_eq!(a.termination_rights[0].kind, TerminationKind::Other);
    }

    #[test]
    fn bad_cells_name_table_row_and_column_and_change_nothing() {
        let mut a = with_rows();
        let before = a.clone();
        let cases: [(ClauseTable, RowEdit, &str, &str); 9] = [
            (
                ClauseTable::Obligations,
                RowEdit::Update {
                    index: 0,
                    cells: map(&[("name", "X"), ("due", "Q5 2027")]),
                },
                "obligations.0.due",
                "Obligations row 1, Due:",
            ),
            (
                ClauseTable::TerminationRights,
                RowEdit::Add {
                    cells: map(&[("scenario", "Breach"), ("cure_period", "thirty days")]),
                },
                "termination_rights.1.cure_period",
                "Termination rights row 2, Cure period: \"thirty\" is not a whole number",
            ),
            (
                ClauseTable::ExitRights,
                RowEdit::Update {
                    index: 0,
                    cells: map(&[("process", "Assisted")]),
                },
                "exit_rights.0.scenario",
                "required",
            ),
            (
                ClauseTable::Amounts,
                RowEdit::Add {
                    cells: map(&[("label", "Fee"), ("value", "$3M")]),
                },
                "amounts.1.value",
                "write US$, CLP$ or the ISO code",
            ),
            (
                ClauseTable::Amounts,
                RowEdit::Add {
                    cells: map(&[("label", "Fee"), ("value", "a lot")]),
                },
                "amounts.1.value",
                "is not an amount",
            ),
            (
                ClauseTable::Commitments,
                RowEdit::Update {
                    index: 0,
                    cells: map(&[("label", "L"), ("value", "5"), ("year", "0")]),
                },
                "commitments.0.year",
                "from 1 to 100",
            ),
            (
                ClauseTable::RevenueShares,
                RowEdit::Update {
                    index: 0,
                    cells: map(&[("product", "P"), ("shares", "A 60%; B 60%")]),
                },
                "revenue_shares.0.shares",
                "add up to 120%",
            ),
            (
                ClauseTable::ServiceLevels,
                RowEdit::Update {
                    index: 3,
                    cells: map(&[("metric", "M"), ("target", "T")]),
                },
                "service_levels.3",
                "has no row 4: it has 1 row",
            ),
            (
                ClauseTable::ServiceLevels,
                RowEdit::Update {
                    index: 0,
                    cells: map(&[("metric", "M"), ("target", "T"), ("colour", "red")]),
                },
                "service_levels.0.colour",
                "no column \"colour\"",
            ),
        ];
        for (table, edit, field, message) in cases {
            match apply_row_edit(&mut a, table, &edit) {
                Err(e @ Error::InvalidRow { .. }) => {
                    let m = e.reason();
                    assert_eq!(e.to_string(), format!("invalid {field}: {m}"), "{m}");
                    assert!(m.contains(message), "{m:?} should contain {message:?}");
                }
                other => panic!("{table:?} {edit:?}: {other:?}"),
            }
            assert_eq!(a, before, "a failed edit changes nothing");
        }
        let full = apply_row_edit(
            &mut a,
            ClauseTable::TotalCommitment,
            &RowEdit::Add {
                cells: map(&[("label", "T"), ("value", "PEN 1")]),
            },
        );
        assert!(full.unwrap_err().to_string().contains("holds 1 row"));
    }

    #[test]
    fn removing_a_row_moves_the_later_ones_up() {
        let mut a = with_rows();
        let add = RowEdit::Add {
            cells: map(&[("name", "Second"), ("due", "2027-03-01")]),
        };
        apply_row_edit(&mut a, ClauseTable::Obligations, &add).unwrap();
        apply_row_edit(
            &mut a,
            ClauseTable::Obligations,
            &RowEdit::Remove { index: 0 },
        )
        .unwrap();
        assert_eq!(a.obligations.len(), 1);
        assert_eq!(a.obligations[0].name, "Second");
        apply_row_edit(
            &mut a,
            ClauseTable::TotalCommitment,
            &RowEdit::Remove { index: 0 },
        )
        .unwrap();
        assert!(a.total_commitment.is_none());
        assert!(apply_row_edit(
            &mut a,
            ClauseTable::TotalCommitment,
            &RowEdit::Remove { index: 0 }
        )
        .is_err());
    }
}
