//! A register spreadsheet (issue 11 item 3): one agreement per row, in `.csv`, `.xlsx` or
//! `.ods`.
//!
//! [`read_sheet`] reads the cells (the `csv` crate; `calamine` for workbooks), bounded by
//! [`MAX_REGISTER_BYTES`], [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELL_CHARS`];
//! [`find_header`] finds the header row (the first with two recognised headers, so title
//! rows above it are skipped); [`headers::recognise`] gives each column its meaning; and
//! [`read_row`] turns one row into exactly what a hand-entered agreement would be
//! ([`crate::services::manual::build`]), each value's source naming its row and column.
//! The rules for cells are in [`cells`]; the rule for the end date is in docs/register.md
//! ("End date") and on [`read_row`]. Storing rows (created, updated, unchanged, refused)
//! is [`crate::services::register`].

pub mod cells;
pub mod export;
pub mod headers;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use cells::{read_amount, read_bool, read_date, read_period, unit_in_header, Cell, DateOrder};
pub use headers::{normalise, recognise, Column};

use super::{sha256_hex, ImportError, ImportOutcome};
use crate::domain::calendar::Country;
use crate::domain::dates::{long_date, Period};
use crate::domain::model::{Source, Sourced, TerminationKind, TerminationRight, Warning};
use crate::error::Error;
use crate::services::manual::{build, NewAgreement};

/// Largest register file read, in bytes (50 MiB): a register of 20,000 rows is a few MiB.
pub const MAX_REGISTER_BYTES: u64 = 50 * 1024 * 1024;
/// Most rows read from a register (20,000, the header and title rows included): more than
/// any portfolio the desk is for (50 to 2,000 agreements).
pub const MAX_ROWS: usize = 20_000;
/// Most columns a register may have (200).
pub const MAX_COLUMNS: usize = 200;
/// Longest cell read, in characters (2,000): a note, not a document.
pub const MAX_CELL_CHARS: usize = 2_000;
/// How many rows from the top are searched for the header row (20).
pub const HEADER_SEARCH_ROWS: usize = 20;

/// The cells of a register's sheet, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file name (no folder).
    pub file: String,
    /// The sheet read (workbooks); `None` for a CSV file.
    pub sheet: Option<String>,
    /// The rows that hold something, each with its number as the spreadsheet shows it
    /// (1-based) and its cells (trailing empty cells dropped).
    pub rows: Vec<(u32, Vec<Cell>)>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Whether `path` names a register by its extension (`.csv`, `.tsv`, `.xlsx`, `.xlsm`,
/// `.xls`, `.ods`, any case).
pub fn is_register_path(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods")
    )
}

/// Reads the register at `path`: a CSV file (`.csv`, `.tsv`) or the sheet of a workbook
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`) named like a register ("Register", "Registro",
/// "Contracts", "Contratos", "Agreements"), else its first sheet that holds something.
///
/// Errors ([`ImportError`] naming the file): unreadable or missing
/// ([`ImportErrorKind::Unreadable`]); larger than [`MAX_REGISTER_BYTES`], more than
/// [`MAX_ROWS`] rows or [`MAX_COLUMNS`] columns, a cell longer than [`MAX_CELL_CHARS`]
/// (naming row and column), a workbook that cannot be opened, nothing in it
/// ([`ImportErrorKind::Refused`]).
pub fn read_sheet(path: &Path) -> Result<Sheet, ImportError> {
    let file = file_name(path);
    let meta = std::fs::metadata(path)
        .map_err(|e| ImportError::unreadable(&path.display().to_string(), e.to_string()))?;
    if !meta.is_file() {
        return Err(ImportError::unreadable(
            &path.display().to_string(),
            "not a regular file",
        ));
    }
    if meta.len() > MAX_REGISTER_BYTES {
        return Err(ImportError::new(
            &file,
            format!(
                "the file is {} MiB; a register of at most {} MiB is read",
                meta.len() / (1024 * 1024),
                MAX_REGISTER_BYTES / (1024 * 1024)
            ),
        ));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let sheet = if ext == "csv" || ext == "tsv" {
        let bytes = std::fs::read(path)
            .map_err(|e| ImportError::unreadable(&path.display().to_string(), e.to_string()))?;
        read_csv(&file, &bytes)?
    } else {
        // The workbook reader (calamine) panics on some damaged files (an arithmetic
        // overflow on a cell reference such as "AAAAAAAAAAAA1", found by the register fuzz
        // target): such a file is refused like any unreadable workbook.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(&file, path))) {
            Ok(sheet) => sheet?,
            Err(_) => {
                return Err(ImportError::new(
                    &file,
                    "cannot be read as a spreadsheet (the workbook is damaged); expected an .xlsx, .ods or .csv register",
                ))
            }
        }
    };
    if sheet.rows.is_empty() {
        return Err(ImportError::new(&file, "the register is empty"));
    }
    Ok(sheet)
}

/// Text of a CSV file: UTF-8 (a byte-order mark dropped), else Windows-1252 (what Excel
/// writes for "CSV" on Windows in Western locales).
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The delimiter of a CSV text: of `,` `;` and tab, the one found most often (outside
/// quotes) on its first five non-empty lines; `,` when none is.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(5) {
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

fn too_many_rows(file: &str) -> ImportError {
    ImportError::new(
        file,
        format!("the register has more than {MAX_ROWS} rows; at most {MAX_ROWS} are read: split it into several files"),
    )
}

fn too_many_columns(file: &str, row: u32, n: usize) -> ImportError {
    ImportError {
        line: Some(row),
        ..ImportError::new(
            file,
            format!("row {row} has {n} columns; at most {MAX_COLUMNS} are read: remove the columns that are not about the agreements"),
        )
    }
}

fn check_cell(file: &str, row: u32, col: usize, cell: &Cell) -> Result<(), ImportError> {
    if let Cell::Text(t) = cell {
        let n = t.chars().count();
        if n > MAX_CELL_CHARS {
            return Err(ImportError {
                line: Some(row),
                ..ImportError::new(
                    file,
                    format!(
                        "row {row}, column {}: the cell holds {n} characters; at most {MAX_CELL_CHARS} are read",
                        column_letter(col)
                    ),
                )
            });
        }
    }
    Ok(())
}

/// A spreadsheet column letter for a 0-based index (`0` → `A`, `27` → `AB`).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + u8::try_from(r).unwrap_or(0));
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Checks each cell of spreadsheet row `row` (1-based) against the cell limits, drops its
/// trailing blank cells and adds it to `rows` unless nothing is left.
///
/// Errors: the first cell over a limit, naming `file`, the row and the column.
fn push_row(
    file: &str,
    row: u32,
    mut cells: Vec<Cell>,
    rows: &mut Vec<(u32, Vec<Cell>)>,
) -> Result<(), ImportError> {
    for (c, cell) in cells.iter().enumerate() {
        check_cell(file, row, c, cell)?;
    }
    while cells.last().is_some_and(Cell::is_blank) {
        cells.pop();
    }
    if !cells.is_empty() {
        rows.push((row, cells));
    }
    Ok(())
}

/// Reads CSV bytes (see [`decode`] and [`sniff_delimiter`]) as text cells.
///
/// Errors: as [`read_sheet`]'s limits; a CSV error naming its line.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<Sheet, ImportError> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= MAX_ROWS {
            return Err(too_many_rows(file));
        }
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let record = record.map_err(|e| ImportError {
            line: Some(row),
            ..ImportError::new(file, format!("row {row}: {e}"))
        })?;
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns(file, row, record.len()));
        }
        push_row(
            file,
            row,
            record.iter().map(Cell::text).collect(),
            &mut rows,
        )?;
    }
    Ok(Sheet {
        file: file.to_string(),
        sheet: None,
        rows,
    })
}

fn workbook_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text(s),
        Data::Float(f) => Cell::Number(*f),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::text(s), Cell::Date),
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Text(format!("{e}")),
    }
}

fn read_workbook(file: &str, path: &Path) -> Result<Sheet, ImportError> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
        ImportError::new(
            file,
            format!(
                "cannot be read as a spreadsheet ({e}); expected an .xlsx, .ods or .csv register"
            ),
        )
    })?;
    let names = wb.sheet_names();
    let preferred = names.iter().position(|n| {
        let n = normalise(n);
        [
            "register",
            "registro",
            "contracts",
            "contratos",
            "agreements",
            "contract register",
            "registro de contratos",
        ]
        .contains(&n.as_str())
    });
    let order: Vec<usize> = preferred
        .into_iter()
        .chain((0..names.len()).filter(|i| Some(*i) != preferred))
        .collect();
    for i in order {
        let name = &names[i];
        let range = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                return Err(ImportError::new(
                    file,
                    format!("sheet \"{name}\" cannot be read: {e}"),
                ))
            }
        };
        if range.is_empty() {
            continue;
        }
        if range.height() > MAX_ROWS {
            return Err(too_many_rows(file));
        }
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let lead = usize::try_from(first_col).unwrap_or(0);
        let mut rows = Vec::new();
        for (r, data) in range.rows().enumerate() {
            let row = first_row
                .saturating_add(u32::try_from(r).unwrap_or(u32::MAX))
                .saturating_add(1);
            if lead + data.len() > MAX_COLUMNS {
                let used = data
                    .iter()
                    .rposition(|d| !matches!(d, calamine::Data::Empty));
                if used.is_some_and(|u| lead + u + 1 > MAX_COLUMNS) {
                    return Err(too_many_columns(file, row, lead + data.len()));
                }
            }
            let cells = std::iter::repeat_n(Cell::Empty, lead)
                .chain(data.iter().take(MAX_COLUMNS).map(workbook_cell))
                .collect();
            push_row(file, row, cells, &mut rows)?;
        }
        if !rows.is_empty() {
            return Ok(Sheet {
                file: file.to_string(),
                sheet: Some(name.clone()),
                rows,
            });
        }
    }
    Err(ImportError::new(
        file,
        "every sheet of the workbook is empty",
    ))
}

/// The index in `sheet.rows` of the header row: the first of the top
/// [`HEADER_SEARCH_ROWS`] rows where at least two cells are recognised headers (a title
/// row such as "Contract register 2026" above it is skipped).
///
/// Errors: no such row, naming the file and the headers expected.
pub fn find_header(sheet: &Sheet) -> Result<usize, ImportError> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|(_, cells)| {
            cells
                .iter()
                .filter(|c| recognise(&c.display()).is_some())
                .count()
                >= 2
        })
        .ok_or_else(|| {
            ImportError::new(
                &sheet.file,
                format!(
                    "no header row found in the first {HEADER_SEARCH_ROWS} rows: expected a row naming the columns, e.g. ID, Contract, Counterparty, Start date, End date, Notice (English or Spanish)"
                ),
            )
        })
}

/// The headers of the header row, one per column (empty for a column without one).
pub fn header_texts(sheet: &Sheet, header: usize) -> Vec<String> {
    sheet
        .rows
        .get(header)
        .map(|(_, cells)| cells.iter().map(Cell::display).collect())
        .unwrap_or_default()
}

/// The meaning of each column recognised from its header ([`recognise`]); a meaning
/// taken by an earlier column is not given twice (the later column is ignored).
pub fn detect_mapping(headers: &[String]) -> Vec<Option<Column>> {
    let mut seen = Vec::new();
    headers
        .iter()
        .map(|h| {
            let c = recognise(h).filter(|c| !seen.contains(c));
            if let Some(c) = c {
                seen.push(c);
            }
            c
        })
        .collect()
}

/// The key under which the mapping of a register with these headers is remembered: the
/// normalised headers joined by `|`.
pub fn mapping_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// Applies `--columns`-style overrides (`"Start date=effective,Fecha fin=expiry,Notes=ignore"`)
/// to `mapping`: each header named (normalised comparison) gets that meaning, and a
/// meaning given to one column is taken from any other.
///
/// Errors: a pair without `=`, a header not in the header row, or an unknown meaning,
/// each named.
pub fn apply_overrides(
    headers: &[String],
    mapping: &mut [Option<Column>],
    spec: &str,
) -> Result<(), String> {
    for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((header, meaning)) = pair.rsplit_once('=') else {
            return Err(format!(
                "\"{pair}\": expected HEADER=MEANING, e.g. \"Start date=effective\""
            ));
        };
        let meaning = Column::parse(meaning)?;
        let want = normalise(header);
        let Some(index) = headers.iter().position(|h| normalise(h) == want) else {
            return Err(format!(
                "\"{}\" is not a header of the register: its headers are {}",
                header.trim(),
                headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        if let Some(m) = meaning {
            for slot in mapping.iter_mut() {
                if *slot == Some(m) {
                    *slot = None;
                }
            }
        }
        if let Some(slot) = mapping.get_mut(index) {
            *slot = meaning;
        }
    }
    Ok(())
}

/// Why a row was refused: its number as the spreadsheet shows it, the column's header (or
/// the meaning's label when the register has no such column) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowError {
    /// The row (1-based, as the spreadsheet shows it).
    pub row: u32,
    /// The column's header, when the problem is in one column.
    pub column: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column \"{c}\": {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// One row read as an agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct RowAgreement {
    /// The row (1-based, as the spreadsheet shows it).
    pub row: u32,
    /// The register's own identifier (the ID column), when given.
    pub register_id: Option<String>,
    /// The agreement and its record (the row's cells, stored as its document).
    pub outcome: ImportOutcome,
    /// The meanings the row gave a value for (non-blank cells); the others are gaps and
    /// leave a stored agreement's values as they are.
    pub given: Vec<Column>,
    /// True when the initial term was computed from the end date alone (docs/register.md,
    /// "End date"): a stored agreement whose terms reach that end keeps its initial term.
    pub term_from_end: bool,
}

/// The source of a value read from a register cell: section `Register FILE, row N`, text
/// `Row N, column “Header”: cell`, no line (the record is rebuilt on each import).
pub fn cell_source(file: &str, row: u32, header: &str, cell: &str) -> Source {
    let mut s = Source::user(format!("Row {row}, column “{header}”: {cell}"));
    s.section = format!("Register {file}, row {row}");
    s
}

/// The last day of the term that ends on `end` when an agreement effective on `effective`
/// has an initial term `term` renewed for successive `renewal` periods (rule 5): `true`
/// when the initial term or one of the renewal terms (at most 1,000) ends exactly on `end`.
pub fn terms_reach(
    effective: NaiveDate,
    term: Period,
    renewal: Option<Period>,
    end: NaiveDate,
) -> bool {
    let Some(mut last) = term.last_day_from(effective) else {
        return false;
    };
    if last == end {
        return true;
    }
    let Some(r) = renewal else {
        return false;
    };
    for _ in 0..1000 {
        if last >= end {
            return false;
        }
        let Some(next) = last.succ_opt().and_then(|s| r.last_day_from(s)) else {
            return false;
        };
        last = next;
        if last == end {
            return true;
        }
    }
    false
}

/// Reads data row `cells` (row number `row`) of `sheet` with `mapping` (one meaning per
/// column) as the agreement a person would have entered by hand with the same values
/// ([`build`]), entered by `by` on `on`.
///
/// The rules (docs/register.md):
/// - **End date.** An end date is the expiry of the *current* term. With an effective date
///   and an end date only, the initial term runs from the effective date to the end date
///   ([`crate::services::manual::term_from_expiry`]), and renewals, when the agreement
///   renews, continue from the day after it. With a term as well, the end date must be
///   the end of the initial term or of a renewal period after it (rule 5), else the row is
///   refused naming the end-date column: two dates that disagree are not guessed between.
/// - **Auto-renewal without a renewal period.** The agreement renews, the renewal period
///   stays unknown (no 12 months is assumed) with a warning to confirm it: the current
///   term's notice deadline (end − notice, rule 3) is computed, later terms are not.
/// - **No auto-renewal column and no renewal period**: whether it renews stays unknown
///   (a warning), rather than the "no" a hand entry records.
/// - Blank cells are gaps: nothing is assumed for them.
///
/// Errors ([`RowError`] naming the row and the column's header): an unreadable or
/// impossible date (31 February), a year outside 1900–2200, an unreadable period, yes/no
/// or amount, a notice not shorter than the initial term or the renewal period, an end date
/// before the effective date or not reached by the terms, a missing title, effective date,
/// or term and end date, an unknown country or currency, or any value [`build`] refuses.
pub fn read_row(
    sheet: &Sheet,
    headers: &[String],
    mapping: &[Option<Column>],
    row: u32,
    cells: &[Cell],
    by: &str,
    on: NaiveDate,
) -> Result<RowAgreement, RowError> {
    let file = &sheet.file;
    let index_of = |c: Column| mapping.iter().position(|m| *m == Some(c));
    let header_of = |c: Column| -> String {
        index_of(c)
            .and_then(|i| headers.get(i))
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| c.label().to_string())
    };
    let err = |c: Option<Column>, message: String| RowError {
        row,
        column: c.map(header_of),
        message,
    };
    let cell = |c: Column| -> Option<&Cell> {
        index_of(c)
            .and_then(|i| cells.get(i))
            .filter(|x| !x.is_blank())
    };
    let text = |c: Column| cell(c).map(Cell::display);
    let given: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| cell(*c).is_some())
        .collect();
    let src = |c: Column| cell_source(file, row, &header_of(c), &text(c).unwrap_or_default());

    // The country first: it decides how an ambiguous all-number date is read.
    let country = match text(Column::Country) {
        Some(t) => Some(Country::parse(t.trim()).ok_or_else(|| {
            err(
                Some(Column::Country),
                format!("\"{t}\" is not a country: expected a name or an ISO 3166 code such as PE, CL or US"),
            )
        })?),
        None => None,
    };
    let order = if country.as_ref().is_some_and(|c| c.code() == "US") {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    };
    let date = |c: Column| -> Result<Option<NaiveDate>, RowError> {
        cell(c)
            .map(|x| read_date(x, order).map_err(|m| err(Some(c), m)))
            .transpose()
    };
    let period = |c: Column| -> Result<Option<Period>, RowError> {
        cell(c)
            .map(|x| read_period(x, unit_in_header(&header_of(c))).map_err(|m| err(Some(c), m)))
            .transpose()
    };
    let title = text(Column::Title).ok_or_else(|| {
        err(
            Some(Column::Title),
            "blank: every row needs the agreement's title".to_string(),
        )
    })?;
    let effective = date(Column::Effective)?;
    let end = date(Column::Expiry)?;
    let term = period(Column::Term)?;
    let auto = cell(Column::AutoRenewal)
        .map(|x| read_bool(x).map_err(|m| err(Some(Column::AutoRenewal), m)))
        .transpose()?;
    let renewal = period(Column::RenewalPeriod)?;
    let notice = period(Column::Notice)?;
    let convenience = period(Column::Convenience)?;
    let amount = cell(Column::Value)
        .map(|x| read_amount(x).map_err(|m| err(Some(Column::Value), m)))
        .transpose()?;

    let Some(effective) = effective else {
        return Err(err(
            Some(Column::Effective),
            "blank: the row needs the effective date (start) to place its terms".to_string(),
        ));
    };
    // End date: the expiry of the current term (docs/register.md, "End date").
    let (term_text, expiry_text, term_from_end) = match (term, end) {
        (_, Some(e)) if e < effective => {
            return Err(err(
                Some(Column::Expiry),
                format!(
                    "{} is before the effective date {}",
                    long_date(e),
                    long_date(effective)
                ),
            ))
        }
        (Some(t), Some(e)) => {
            let renews = auto != Some(false) && renewal.is_some();
            if !terms_reach(effective, t, renewal.filter(|_| renews), e) {
                let initial_end = t
                    .last_day_from(effective)
                    .map(long_date)
                    .unwrap_or_default();
                return Err(err(
                    Some(Column::Expiry),
                    format!(
                        "{} is neither the end of the initial term of {t} (effective {} + {t} − 1 day = {initial_end}) nor the end of a renewal period after it: correct the end date or the term",
                        long_date(e),
                        long_date(effective)
                    ),
                ));
            }
            (Some(t.to_string()), None, false)
        }
        (Some(t), None) => (Some(t.to_string()), None, false),
        (None, Some(e)) => (None, Some(e.to_string()), true),
        (None, None) => {
            let c = if index_of(Column::Expiry).is_some() || index_of(Column::Term).is_none() {
                Column::Expiry
            } else {
                Column::Term
            };
            return Err(err(
                Some(c),
                "blank: the row needs its end date or its term".to_string(),
            ));
        }
    };
    let renews = match auto {
        Some(a) => a,
        None => renewal.is_some(),
    };
    // Currency: the column, else the cell's sign or code, else `$` as USD (with a warning,
    // renewal-rules.md "Money").
    let mut warnings: Vec<Warning> = Vec::new();
    let currency = match (text(Column::Currency), &amount) {
        (Some(c), _) => Some(c),
        (None, Some(a)) => match (&a.currency, a.dollar_sign) {
            (Some(c), _) => Some(c.clone()),
            (None, true) => {
                warnings.push(Warning {
                    code: "assumed_currency".to_string(),
                    field: "total_commitment".to_string(),
                    line: None,
                    message: format!(
                        "row {row}: \"$\" read as USD (it is also the Chilean peso's sign): confirm the currency"
                    ),
                });
                Some("USD".to_string())
            }
            (None, false) => None,
        },
        (None, None) => None,
    };
    let new = NewAgreement {
        title: title.clone(),
        counterparty: text(Column::Counterparty),
        parties: None,
        owner: text(Column::Owner),
        country: country.as_ref().map(|c| c.code().to_string()),
        effective_date: effective.to_string(),
        term: term_text,
        expiry: expiry_text,
        renewal: renewal.filter(|_| renews).map(|r| r.to_string()),
        notice: None,
        convenience: None,
        price_review: None,
        next_review: None,
        value: amount.as_ref().map(|a| a.amount.to_string()),
        currency,
    };
    let outcome = build(&new, by, on).map_err(|e| match e {
        Error::Invalid { field, message } => {
            let c = match field.as_str() {
                "title" => Some(Column::Title),
                "counterparty" => Some(Column::Counterparty),
                "owner" | "contract_owner" => Some(Column::Owner),
                "country" => Some(Column::Country),
                "effective_date" => Some(Column::Effective),
                "term" | "initial_term" => Some(if term.is_some() {
                    Column::Term
                } else {
                    Column::Expiry
                }),
                "expiry" => Some(Column::Expiry),
                "renewal" | "renewal_period" => Some(Column::RenewalPeriod),
                "value" => Some(Column::Value),
                "currency" => Some(if index_of(Column::Currency).is_some() {
                    Column::Currency
                } else {
                    Column::Value
                }),
                _ => None,
            };
            err(c, message)
        }
        other => err(None, other.to_string()),
    })?;
    let mut a = outcome.agreement;
    a.entered_by_hand = None;
    // The notice: shorter than the initial term and than the renewal period.
    if let Some(n) = notice {
        let initial = a.initial_term.as_ref().map(|t| t.value);
        for (what, p) in [("initial term", initial), ("renewal period", renewal)] {
            if let Some(p) = p {
                if n.approx_days() >= p.approx_days() {
                    return Err(err(
                        Some(Column::Notice),
                        format!("a notice of {n} is not shorter than the {what} of {p}: expected a shorter notice"),
                    ));
                }
            }
        }
    }
    if let Some(c) = convenience {
        a.termination_rights.push(TerminationRight {
            scenario: "Termination for convenience".to_string(),
            kind: TerminationKind::Convenience,
            notice: Some(c),
            cure_period: None,
            consequence: String::new(),
            source: src(Column::Convenience),
        });
    }
    // Sources: the row and column each value came from.
    let set = |s: &mut Source, c: Column| *s = src(c);
    if let Some(v) = a.contract_owner.as_mut() {
        set(&mut v.source, Column::Owner);
    }
    if let Some(v) = a.country.as_mut() {
        set(&mut v.source, Column::Country);
    }
    if let Some(v) = a.effective_date.as_mut() {
        set(&mut v.source, Column::Effective);
    }
    if let Some(v) = a.initial_term.as_mut() {
        set(
            &mut v.source,
            if term.is_some() {
                Column::Term
            } else {
                Column::Expiry
            },
        );
    }
    if let Some(v) = a.renewal_period.as_mut() {
        set(&mut v.source, Column::RenewalPeriod);
    }
    if let Some(c) = a.total_commitment.as_mut() {
        c.source = src(Column::Value);
        c.category = "Register".to_string();
    }
    let auto_source = if cell(Column::AutoRenewal).is_some() {
        Column::AutoRenewal
    } else {
        Column::RenewalPeriod
    };
    match (auto, renewal) {
        (Some(false), _) => {
            a.auto_renewal = Some(Sourced::new(false, src(Column::AutoRenewal)));
            if let Some(n) = notice {
                warnings.push(Warning {
                    code: "notice_without_renewal".to_string(),
                    field: "non_renewal_notice".to_string(),
                    line: None,
                    message: format!("row {row}: a notice of {n} is given but the register says the agreement does not renew automatically: the notice is not used"),
                });
            }
        }
        (Some(true), None) => {
            a.auto_renewal = Some(Sourced::new(true, src(Column::AutoRenewal)));
            warnings.push(Warning {
                code: "no_renewal_period".to_string(),
                field: "renewal_period".to_string(),
                line: None,
                message: format!("row {row}: the register says the agreement renews automatically but gives no renewal period: confirm it (terms after the current one cannot be computed until then)"),
            });
        }
        (None, None) => {
            a.auto_renewal = None;
            warnings.push(Warning {
                code: "no_renewal_clause".to_string(),
                field: "auto_renewal".to_string(),
                line: None,
                message: format!("row {row}: the register does not say whether the agreement renews automatically: confirm whether it was extended"),
            });
        }
        (_, Some(_)) => {
            if let Some(v) = a.auto_renewal.as_mut() {
                v.source = src(auto_source);
            }
        }
    }
    if renews || auto.is_none() {
        if let Some(n) = notice {
            a.non_renewal_notice = Some(Sourced::new(n, src(Column::Notice)));
        }
    }
    a.warnings.extend(warnings);
    // The record: every non-blank cell of the row under its header.
    let mut lines = vec![format!(
        "Register {file}{}, row {row}: imported by {by} on {}.",
        sheet
            .sheet
            .as_ref()
            .map(|s| format!(" (sheet \"{s}\")"))
            .unwrap_or_default(),
        long_date(on)
    )];
    lines.push(String::new());
    for (i, c) in cells.iter().enumerate() {
        if c.is_blank() {
            continue;
        }
        let header = headers
            .get(i)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| format!("Column {}", column_letter(i)));
        lines.push(format!("{header}: {}", c.display()));
    }
    let record = lines.join("\n") + "\n";
    Ok(RowAgreement {
        row,
        register_id: text(Column::Id),
        outcome: ImportOutcome {
            sha256: sha256_hex(record.as_bytes()),
            agreement: a,
            source_text: record,
            file_name: format!("{file}, row {row}"),
            page_starts: Vec::new(),
        },
        given,
        term_from_end,
    })
}

/// The rows after the header row that hold something, with their numbers.
pub fn data_rows(sheet: &Sheet, header: usize) -> impl Iterator<Item = &(u32, Vec<Cell>)> {
    sheet.rows.iter().skip(header + 1)
}
