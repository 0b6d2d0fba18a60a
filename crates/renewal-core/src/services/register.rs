//! A register spreadsheet in and out (issue 11 item 3): preview with the detected mapping,
//! import row by row (imported, updated, unchanged or refused), export.
//!
//! Rows are read by [`crate::adapters::import::register`]; this module matches them to
//! stored agreements and stores them. The rules (docs/register.md):
//!
//! - **Identity.** A row is the agreement its ID column was imported as before (the link
//!   is kept in the settings table, `register.id.<ID>`); without an ID (or a new ID), the
//!   agreement with the same title (the store's identity, [`agreement_key`]) when its
//!   counterparty is the same or not stated on either side; otherwise a new agreement.
//!   A title held by an agreement of another counterparty refuses the row (titles are
//!   unique).
//! - **Updates.** Only the values the row states are compared; a blank cell leaves the
//!   stored value as it is. Each changed field is one history entry (action
//!   `register_import`, by the store's actor). The register's value wins over a value
//!   edited by hand in the app, and the row's result says that it replaced one.
//! - **Unchanged** rows write nothing.
//! - A row is stored in one transaction: all of it or nothing.
//! - **Mapping.** The meaning of each column is detected from its header, replaced by the
//!   mapping remembered for a register with the same headers (settings key
//!   `register.mapping.<normalised headers>`), then by the caller's overrides; the mapping
//!   used is remembered for the next import.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::adapters::import::register::export::{write_register_streamed, ExportFormat, OutCell};
use crate::adapters::import::register::{
    apply_overrides, data_rows, detect_mapping, find_header, header_texts, mapping_key, normalise,
    read_row, read_sheet, terms_reach, Column, RowAgreement, Sheet,
};
use crate::adapters::import::ImportError;
use crate::adapters::store::{agreement_key, Store};
use crate::domain::model::Agreement;
use crate::domain::money::Quantity;
use crate::domain::rules::assess;
use crate::error::{Error, Result};
use crate::services::dashboard::AgreementListing;
use crate::services::edit::{current_value, EditableField};

/// How many data rows a preview shows (5).
pub const PREVIEW_ROWS: usize = 5;

/// One column of a register: its header and meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MappedColumn {
    /// 0-based column index.
    pub index: u32,
    /// The spreadsheet's letter for it (`A`, `B`, …).
    pub letter: String,
    /// The header as written (empty when the column has none).
    pub header: String,
    /// The meaning recognised from the header alone.
    pub detected: Option<Column>,
    /// The meaning used (remembered or chosen); `None`: ignored.
    pub meaning: Option<Column>,
}

/// The first rows of a register and the mapping an import would use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterPreview {
    /// The file name.
    pub file: String,
    /// The sheet read (workbooks).
    pub sheet: Option<String>,
    /// The header row's number as the spreadsheet shows it.
    pub header_row: u32,
    /// Every column, in order.
    pub columns: Vec<MappedColumn>,
    /// The first [`PREVIEW_ROWS`] data rows: row number and cells as text.
    pub rows: Vec<(u32, Vec<String>)>,
    /// How many data rows the register has.
    pub data_rows: u32,
    /// True when the mapping is the one remembered from a previous import.
    pub remembered: bool,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    /// A new agreement.
    Imported,
    /// A stored agreement changed (see the changes).
    Updated,
    /// A stored agreement already had every value the row states.
    Unchanged,
    /// Refused (see the message); nothing of the row stored.
    Refused,
}

/// One changed field of an updated agreement, in people's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    /// The field's label, e.g. "Non-renewal notice".
    pub field: String,
    /// The value before ("" for none).
    pub old: String,
    /// The value from the register.
    pub new: String,
    /// True when the value replaced was edited by hand in the app.
    pub replaced_hand_edit: bool,
}

/// The result of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowResult {
    /// The row as the spreadsheet shows it.
    pub row: u32,
    /// The register's ID of the agreement, when given.
    pub register_id: Option<String>,
    /// The title in the row ("" when blank).
    pub title: String,
    /// What happened.
    pub action: RowAction,
    /// The stored agreement (not for a refused row).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub agreement_id: Option<i64>,
    /// The fields changed (updated rows).
    pub changes: Vec<FieldChange>,
    /// The column of a refused row's problem (its header).
    pub column: Option<String>,
    /// Why a row was refused; "row N, column "H": …".
    pub message: Option<String>,
    /// Warnings to confirm (e.g. a renewal period the register does not give).
    pub warnings: Vec<String>,
}

/// The result of importing a register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterReport {
    /// The file name.
    pub file: String,
    /// The sheet read (workbooks).
    pub sheet: Option<String>,
    /// The header row's number.
    pub header_row: u32,
    /// The mapping used.
    pub columns: Vec<MappedColumn>,
    /// Headers of the columns ignored (no meaning).
    pub ignored: Vec<String>,
    /// One result per data row, in order.
    pub rows: Vec<RowResult>,
    /// Rows imported as new agreements.
    pub imported: u32,
    /// Rows that updated a stored agreement.
    pub updated: u32,
    /// Rows that changed nothing.
    pub unchanged: u32,
    /// Rows refused.
    pub refused: u32,
    /// Contract owners added to the people directory with the address in their row's
    /// owner-email column (issue 12 item 1), so their reminders can be emailed: only names
    /// not already in the directory (a person already there is never changed).
    #[serde(default)]
    pub people_added: Vec<String>,
    /// Owner emails not added, each naming its row and why ("row 6: …"): a bad address, or
    /// a name the directory refuses. The rows themselves were imported.
    #[serde(default)]
    pub people_refused: Vec<String>,
}

fn mapping_setting(headers: &[String]) -> String {
    format!("register.mapping.{}", mapping_key(headers))
}

fn id_setting(register_id: &str) -> String {
    format!("register.id.{}", normalise(register_id))
}

fn agreement_setting(id: i64) -> String {
    format!("register.agreement.{id}")
}

/// The register ID an agreement was last imported under, if any.
///
/// Errors: SQLite.
pub fn register_id_of(store: &Store, agreement_id: i64) -> Result<Option<String>> {
    store.setting(&agreement_setting(agreement_id))
}

struct Layout {
    sheet: Sheet,
    header: usize,
    headers: Vec<String>,
    detected: Vec<Option<Column>>,
    mapping: Vec<Option<Column>>,
    remembered: bool,
}

fn layout(store: &Store, path: &Path, overrides: Option<&str>) -> Result<Layout> {
    let sheet = read_sheet(path)?;
    let header = find_header(&sheet)?;
    let mut headers = header_texts(&sheet, header);
    let width = sheet.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    headers.resize(width.max(headers.len()), String::new());
    let detected = detect_mapping(&headers);
    let remembered_mapping: Option<Vec<Option<Column>>> = store
        .setting(&mapping_setting(&headers))?
        .filter(|m: &Vec<Option<Column>>| m.len() == headers.len());
    let remembered = remembered_mapping.is_some();
    let mut mapping = remembered_mapping.unwrap_or_else(|| detected.clone());
    if let Some(spec) = overrides {
        apply_overrides(&headers, &mut mapping, spec).map_err(|m| {
            Error::Import(ImportError {
                field: Some("columns".to_string()),
                ..ImportError::new(&sheet.file, m)
            })
        })?;
    }
    Ok(Layout {
        sheet,
        header,
        headers,
        detected,
        mapping,
        remembered,
    })
}

fn columns(l: &Layout) -> Vec<MappedColumn> {
    l.headers
        .iter()
        .enumerate()
        .map(|(i, h)| MappedColumn {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            letter: crate::adapters::import::register::column_letter(i),
            header: h.clone(),
            detected: l.detected.get(i).copied().flatten(),
            meaning: l.mapping.get(i).copied().flatten(),
        })
        .collect()
}

/// The first rows of the register at `path` and the mapping an import would use (the
/// remembered one when this register's headers were imported before).
///
/// Errors: [`Error::Import`] for a file that cannot be read or has no header row
/// ([`read_sheet`], [`find_header`]); SQLite.
pub fn preview_register(store: &Store, path: &Path) -> Result<RegisterPreview> {
    let l = layout(store, path, None)?;
    let rows: Vec<(u32, Vec<String>)> = data_rows(&l.sheet, l.header)
        .take(PREVIEW_ROWS)
        .map(|(n, cells)| {
            let mut out: Vec<String> = cells.iter().map(|c| c.display()).collect();
            out.resize(l.headers.len(), String::new());
            (*n, out)
        })
        .collect();
    Ok(RegisterPreview {
        file: l.sheet.file.clone(),
        sheet: l.sheet.sheet.clone(),
        header_row: l.sheet.rows[l.header].0,
        columns: columns(&l),
        rows,
        data_rows: u32::try_from(data_rows(&l.sheet, l.header).count()).unwrap_or(u32::MAX),
        remembered: l.remembered,
    })
}

/// The mapping of a register given in full by the app's mapping step: one meaning (or
/// `None`, ignored) per column, in order.
pub type Mapping = Vec<Option<Column>>;

/// Imports the register at `path` row by row on `on` (the date recorded in each new
/// agreement's record), with the detected or remembered mapping, replaced by `mapping`
/// when given (the app's mapping step) and then by `overrides` (`--columns`). Rules: the
/// module documentation.
///
/// Errors (nothing stored): [`Error::Import`] for a file that cannot be read, has no
/// header row, no title column, or overrides that name an unknown header or meaning;
/// SQLite. A bad row is not an error: it is a refused [`RowResult`].
pub fn import_register(
    store: &mut Store,
    path: &Path,
    mapping: Option<&Mapping>,
    overrides: Option<&str>,
    on: NaiveDate,
) -> Result<RegisterReport> {
    let mut l = layout(store, path, None)?;
    if let Some(m) = mapping {
        let mut m = m.clone();
        m.resize(l.headers.len(), None);
        l.mapping = m;
    }
    if let Some(spec) = overrides {
        apply_overrides(&l.headers, &mut l.mapping, spec).map_err(|m| {
            Error::Import(ImportError {
                field: Some("columns".to_string()),
                ..ImportError::new(&l.sheet.file, m)
            })
        })?;
    }
    let file = l.sheet.file.clone();
    if !l.mapping.contains(&Some(Column::Title)) {
        return Err(Error::Import(ImportError::new(
            &file,
            "no column for the agreement's title: name one, e.g. --columns \"Contract=title\"",
        )));
    }
    store.set_setting(&mapping_setting(&l.headers), &l.mapping)?;

    // Stored agreements by title key: (id, counterparty).
    let mut by_key: HashMap<String, (i64, Option<String>)> = HashMap::new();
    store.for_each_listed(|a| {
        by_key.insert(
            agreement_key(&a.agreement.title),
            (a.id, a.agreement.counterparty.clone()),
        );
        Ok(())
    })?;
    let by = store.actor().to_string();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut results = Vec::new();
    let rows: Vec<(u32, Vec<crate::adapters::import::register::cells::Cell>)> =
        data_rows(&l.sheet, l.header).cloned().collect();
    let cell_of = |cells: &[crate::adapters::import::register::cells::Cell], c: Column| {
        l.mapping
            .iter()
            .position(|m| *m == Some(c))
            .and_then(|i| cells.get(i))
            .map(|cell| cell.display().trim().to_string())
            .filter(|t| !t.is_empty())
    };
    // (row, owner, owner email) of the rows stored
    let mut owners: Vec<(u32, String, String)> = Vec::new();
    for (n, cells) in rows {
        let r = match read_row(&l.sheet, &l.headers, &l.mapping, n, &cells, &by, on) {
            Err(e) => refused_row(n, &cells, &l, e.column.clone(), e.to_string()),
            Ok(ra) => store_row(store, &mut by_key, &mut seen, ra)?,
        };
        if r.action != RowAction::Refused {
            if let (Some(o), Some(e)) = (
                cell_of(&cells, Column::Owner),
                cell_of(&cells, Column::OwnerEmail),
            ) {
                owners.push((n, o, e));
            }
        }
        results.push(r);
    }
    let (people_added, people_refused) = add_owners(store, &owners)?;
    let count = |a: RowAction| {
        u32::try_from(results.iter().filter(|r| r.action == a).count()).unwrap_or(u32::MAX)
    };
    Ok(RegisterReport {
        file,
        sheet: l.sheet.sheet.clone(),
        header_row: l.sheet.rows[l.header].0,
        columns: columns(&l),
        ignored: l
            .headers
            .iter()
            .zip(&l.mapping)
            .filter(|(h, m)| m.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.clone())
            .collect(),
        imported: count(RowAction::Imported),
        updated: count(RowAction::Updated),
        unchanged: count(RowAction::Unchanged),
        refused: count(RowAction::Refused),
        rows: results,
        people_added,
        people_refused,
    })
}

/// Adds each `(row, owner, email)` whose owner is not yet in the people directory, with that
/// address; returns the names added and, for the others that could not be added, why (each
/// naming its row). A name already in the directory is left as it is, whatever its address.
/// Without the `mail` feature (no directory to manage) nothing is added.
///
/// Errors: SQLite.
#[cfg(feature = "mail")]
fn add_owners(
    store: &mut Store,
    owners: &[(u32, String, String)],
) -> Result<(Vec<String>, Vec<String>)> {
    let (mut added, mut refused) = (Vec::new(), Vec::new());
    for (row, name, email) in owners {
        if store.directory_name(name)?.is_some()
            || added.iter().any(|a: &String| a.eq_ignore_ascii_case(name))
        {
            continue;
        }
        match store.add_person(name, Some(email), None) {
            Ok(p) => added.push(p.name),
            Err(Error::Invalid { message, .. }) => refused.push(format!(
                "row {row}: owner {name:?} not added to the people: {message}"
            )),
            Err(e) => return Err(e),
        }
    }
    Ok((added, refused))
}

#[cfg(not(feature = "mail"))]
fn add_owners(
    _store: &mut Store,
    _owners: &[(u32, String, String)],
) -> Result<(Vec<String>, Vec<String>)> {
    Ok((Vec::new(), Vec::new()))
}

fn refused_row(
    row: u32,
    cells: &[crate::adapters::import::register::cells::Cell],
    l: &Layout,
    column: Option<String>,
    message: String,
) -> RowResult {
    let title = l
        .mapping
        .iter()
        .position(|m| *m == Some(Column::Title))
        .and_then(|i| cells.get(i))
        .map(|c| c.display())
        .unwrap_or_default();
    let register_id = l
        .mapping
        .iter()
        .position(|m| *m == Some(Column::Id))
        .and_then(|i| cells.get(i))
        .map(|c| c.display())
        .filter(|s| !s.is_empty());
    RowResult {
        row,
        register_id,
        title,
        action: RowAction::Refused,
        agreement_id: None,
        changes: Vec::new(),
        column,
        message: Some(message),
        warnings: Vec::new(),
    }
}

fn remember_id(store: &Store, register_id: Option<&str>, id: i64) -> Result<()> {
    if let Some(rid) = register_id {
        store.set_setting(&id_setting(rid), &id)?;
        store.set_setting(&agreement_setting(id), &rid)?;
    }
    Ok(())
}

fn store_row(
    store: &mut Store,
    by_key: &mut HashMap<String, (i64, Option<String>)>,
    seen: &mut HashMap<String, u32>,
    ra: RowAgreement,
) -> Result<RowResult> {
    let a = &ra.outcome.agreement;
    let mut result = RowResult {
        row: ra.row,
        register_id: ra.register_id.clone(),
        title: a.title.clone(),
        action: RowAction::Refused,
        agreement_id: None,
        changes: Vec::new(),
        column: None,
        message: None,
        warnings: a.warnings.iter().map(|w| w.message.clone()).collect(),
    };
    let refuse = |mut r: RowResult, column: Option<&str>, message: String| {
        r.column = column.map(str::to_string);
        r.message = Some(match column {
            Some(c) => format!("row {}, column \"{c}\": {message}", r.row),
            None => format!("row {}: {message}", r.row),
        });
        r.warnings.clear();
        Ok(r)
    };
    // The same ID or title twice in one register.
    let dup_key = ra
        .register_id
        .as_deref()
        .map(|i| format!("id:{}", normalise(i)))
        .unwrap_or_else(|| format!("title:{}", agreement_key(&a.title)));
    if let Some(first) = seen.get(&dup_key) {
        return refuse(
            result,
            None,
            format!(
                "repeats the agreement of row {first} (same ID or title): one row per agreement"
            ),
        );
    }
    seen.insert(dup_key, ra.row);
    // Identity: the ID, else the title (and counterparty).
    let mut existing: Option<i64> = None;
    if let Some(rid) = ra.register_id.as_deref() {
        if let Some(id) = store.setting::<i64>(&id_setting(rid))? {
            match store.get(id) {
                Ok(_) => existing = Some(id),
                Err(Error::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let key = agreement_key(&a.title);
    if existing.is_none() {
        if let Some((id, cp)) = by_key.get(&key) {
            let same_party = match (cp, &a.counterparty) {
                (Some(x), Some(y)) => agreement_key(x) == agreement_key(y),
                _ => true,
            };
            if !same_party {
                return refuse(
                    result,
                    None,
                    format!(
                        "an agreement titled \"{}\" with another counterparty ({}) is stored (id {id}): give this row a different title",
                        a.title,
                        cp.as_deref().unwrap_or("")
                    ),
                );
            }
            existing = Some(*id);
        }
    }
    match existing {
        None => {
            let imported = store.import(&ra.outcome)?;
            remember_id(store, ra.register_id.as_deref(), imported.id)?;
            by_key.insert(key, (imported.id, a.counterparty.clone()));
            result.action = RowAction::Imported;
            result.agreement_id = Some(imported.id);
            Ok(result)
        }
        Some(id) => {
            let old = store.get(id)?.agreement;
            let (updated, changes) = merge(&old, &ra);
            result.agreement_id = Some(id);
            if changes.is_empty() {
                result.action = RowAction::Unchanged;
                result.warnings.clear();
            } else {
                match store.update(id, &updated, "register_import") {
                    Ok(_) => {}
                    Err(Error::Invalid { field, message }) => {
                        return refuse(result, Some(&field), message);
                    }
                    Err(e) => return Err(e),
                }
                if updated.title != old.title {
                    by_key.remove(&agreement_key(&old.title));
                    by_key.insert(key, (id, updated.counterparty.clone()));
                }
                result.action = RowAction::Updated;
                result.changes = changes;
            }
            remember_id(store, ra.register_id.as_deref(), id)?;
            Ok(result)
        }
    }
}

/// The fields a register sets, with the column that gives each.
const REGISTER_FIELDS: [(EditableField, &[Column]); 9] = [
    (EditableField::Title, &[Column::Title]),
    (EditableField::Counterparty, &[Column::Counterparty]),
    (EditableField::ContractOwner, &[Column::Owner]),
    (EditableField::Country, &[Column::Country]),
    (EditableField::EffectiveDate, &[Column::Effective]),
    (EditableField::InitialTerm, &[Column::Term, Column::Expiry]),
    (
        EditableField::AutoRenewal,
        &[Column::AutoRenewal, Column::RenewalPeriod],
    ),
    (EditableField::RenewalPeriod, &[Column::RenewalPeriod]),
    (EditableField::NonRenewalNotice, &[Column::Notice]),
];

fn money_text(a: &Agreement) -> String {
    match a.total_commitment.as_ref().map(|c| &c.value) {
        Some(Quantity::Money { money, .. }) => {
            format!("{} {}", money.amount.normalize(), money.currency)
        }
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn convenience_text(a: &Agreement) -> String {
    a.convenience_termination()
        .and_then(|t| t.notice)
        .map(|p| p.to_string())
        .unwrap_or_default()
}

fn hand_edited(s: Option<&crate::domain::model::Source>) -> bool {
    s.is_some_and(|s| s.line.is_none() && s.section == "Edited in Renewal Desk")
}

/// `old` with the values `row` states that differ, and those changes. Blank cells leave
/// values as they are; an end date alone that `old`'s own terms reach keeps its initial
/// term (docs/register.md, "End date").
fn merge(old: &Agreement, row: &RowAgreement) -> (Agreement, Vec<FieldChange>) {
    let new = &row.outcome.agreement;
    let given = |cs: &[Column]| cs.iter().any(|c| row.given.contains(c));
    let mut out = old.clone();
    let mut changes = Vec::new();
    for (field, cols) in REGISTER_FIELDS {
        if !given(cols) {
            continue;
        }
        let (was, was_source) = current_value(old, field);
        let (now, _) = current_value(new, field);
        if field == EditableField::InitialTerm && row.term_from_end {
            // The end date is reached by the stored terms: nothing to change.
            let reached = match (
                new.effective_date.as_ref(),
                old.initial_term.as_ref(),
                new.initial_term.as_ref(),
            ) {
                (Some(e), Some(t), Some(nt)) => {
                    nt.value.last_day_from(e.value).is_some_and(|end| {
                        let renewal = new
                            .renewal_period
                            .as_ref()
                            .or(old.renewal_period.as_ref())
                            .map(|r| r.value);
                        terms_reach(e.value, t.value, renewal, end)
                    })
                }
                _ => false,
            };
            if reached {
                continue;
            }
        }
        // Auto-renewal unknown in the register (no column, no renewal period): a gap.
        if field == EditableField::AutoRenewal && new.auto_renewal.is_none() {
            continue;
        }
        if was == now {
            continue;
        }
        match field {
            EditableField::Title => out.title = new.title.clone(),
            EditableField::Counterparty => out.counterparty = new.counterparty.clone(),
            EditableField::ContractOwner => out.contract_owner = new.contract_owner.clone(),
            EditableField::Country => out.country = new.country.clone(),
            EditableField::EffectiveDate => out.effective_date = new.effective_date.clone(),
            EditableField::InitialTerm => out.initial_term = new.initial_term.clone(),
            EditableField::AutoRenewal => out.auto_renewal = new.auto_renewal.clone(),
            EditableField::RenewalPeriod => out.renewal_period = new.renewal_period.clone(),
            EditableField::NonRenewalNotice => {
                out.non_renewal_notice = new.non_renewal_notice.clone()
            }
            _ => {}
        }
        out.warnings.retain(|w| w.field != field.name());
        out.warnings.extend(
            new.warnings
                .iter()
                .filter(|w| w.field == field.name())
                .cloned(),
        );
        changes.push(FieldChange {
            field: field.label().to_string(),
            old: was,
            new: now,
            replaced_hand_edit: hand_edited(was_source.as_ref()),
        });
    }
    if given(&[Column::Convenience]) && convenience_text(old) != convenience_text(new) {
        let hand = hand_edited(old.convenience_termination().map(|t| &t.source));
        out.termination_rights
            .retain(|t| t.kind != crate::domain::model::TerminationKind::Convenience);
        out.termination_rights.extend(
            new.termination_rights
                .iter()
                .filter(|t| t.kind == crate::domain::model::TerminationKind::Convenience)
                .cloned(),
        );
        changes.push(FieldChange {
            field: "Termination for convenience".to_string(),
            old: convenience_text(old),
            new: convenience_text(new),
            replaced_hand_edit: hand,
        });
    }
    if given(&[Column::Value]) {
        let money = |a: &Agreement| match a.total_commitment.as_ref().map(|c| &c.value) {
            Some(Quantity::Money { money, .. }) => Some(money.clone()),
            _ => None,
        };
        if money(old) != money(new) {
            changes.push(FieldChange {
                field: "Total contract value".to_string(),
                old: money_text(old),
                new: money_text(new),
                replaced_hand_edit: false,
            });
            out.total_commitment = new.total_commitment.clone();
        }
    }
    (out, changes)
}

/// The headers an export writes, in order (each read back by the import's header rules).
pub const EXPORT_HEADERS: [&str; 17] = [
    "ID",
    "Title",
    "Counterparty",
    "Owner",
    "Country",
    "Effective date",
    "End date",
    "Initial term",
    "Auto-renewal",
    "Renewal period",
    "Notice period",
    "Termination for convenience",
    "Value",
    "Currency",
    "Status",
    "Next deadline",
    "Next deadline date",
];

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterExport {
    /// The file written.
    pub path: String,
    /// How many agreements (rows, the header row not counted).
    pub agreements: u32,
}

/// Writes every stored agreement to `dest` as a register row (headers
/// [`EXPORT_HEADERS`]), as of `as_of`: its register ID (or, never imported from one, its
/// id in the desk), values as the import reads them back, the end date of the current
/// term as of `as_of` (docs/register.md, "End date"), the status and the next deadline
/// (what it is, and its date). Re-importing the file changes nothing.
///
/// Errors: SQLite; [`Error::Io`] naming `dest` when it cannot be written.
pub fn export_register(
    store: &Store,
    as_of: NaiveDate,
    dest: &Path,
    format: ExportFormat,
) -> Result<RegisterExport> {
    // The compact form (issue 14 item 1): a row needs values, the status and the next
    // deadline's label and date, no source quote; each row is written as it is made.
    let n = write_register_streamed(dest, format, &EXPORT_HEADERS, |emit| {
        store.for_each_listed(|stored| {
            let a = &stored.agreement;
            let listing = AgreementListing::from_listed(&stored, as_of);
            let s = assess(a, as_of);
            let text = |f: EditableField| OutCell::Text(current_value(a, f).0);
            let end = s
                .current_term()
                .map(|t| t.end)
                .or_else(|| s.terms.last().map(|t| t.end));
            let (value, currency) = match a.total_commitment.as_ref().map(|c| &c.value) {
                Some(Quantity::Money { money, .. }) => {
                    (money.amount.normalize().to_string(), money.currency.clone())
                }
                _ => (String::new(), String::new()),
            };
            let renews = a.auto_renewal.as_ref().map(|r| r.value);
            let id = register_id_of(store, stored.id)?.unwrap_or_else(|| stored.id.to_string());
            emit(vec![
                OutCell::Text(id),
                OutCell::Text(a.title.clone()),
                text(EditableField::Counterparty),
                text(EditableField::ContractOwner),
                OutCell::Text(
                    a.country
                        .as_ref()
                        .map(|c| c.value.code().to_string())
                        .unwrap_or_default(),
                ),
                OutCell::Date(a.effective_date.as_ref().map(|d| d.value)),
                OutCell::Date(end),
                text(EditableField::InitialTerm),
                OutCell::Text(match renews {
                    Some(true) => "Yes".to_string(),
                    Some(false) => "No".to_string(),
                    None => String::new(),
                }),
                if renews == Some(true) {
                    text(EditableField::RenewalPeriod)
                } else {
                    OutCell::Text(String::new())
                },
                if renews == Some(false) {
                    OutCell::Text(String::new())
                } else {
                    text(EditableField::NonRenewalNotice)
                },
                OutCell::Text(convenience_text(a)),
                OutCell::Text(value),
                OutCell::Text(currency),
                OutCell::Text(listing.row.status.as_str().to_string()),
                OutCell::Text(
                    listing
                        .next_deadline
                        .as_ref()
                        .map(|e| e.label.clone())
                        .unwrap_or_default(),
                ),
                OutCell::Date(listing.next_deadline.as_ref().map(|e| e.date)),
            ])
        })
    })?;
    Ok(RegisterExport {
        path: dest.display().to_string(),
        agreements: u32::try_from(n).unwrap_or(u32::MAX),
    })
}
