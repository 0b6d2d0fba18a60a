//! `renewals rows` and `renewals edit-row`: the clause tables, row by row
//! (renewal_core::services::clauses).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use renewal_core::services::clauses::{editable_tables, ClauseTable, RowEdit};
use renewal_core::services::portfolio;

use crate::error::{CliError, CliResult};
use crate::{open_store, print_changes, print_json, table};

fn parse_table(name: &str) -> CliResult<ClauseTable> {
    ClauseTable::parse(name).ok_or_else(|| {
        let names: Vec<&str> = ClauseTable::ALL.iter().map(|t| t.name()).collect();
        CliError::usage(format!(
            "unknown table \"{name}\": expected one of {}",
            names.join(", ")
        ))
    })
}

/// Prints the clause tables of agreement `id` (or only `only`), rows numbered from 1.
pub(crate) fn rows(db: Option<&Path>, id: i64, only: Option<&str>, json: bool) -> CliResult {
    let only = only.map(parse_table).transpose()?;
    let store = open_store(db)?;
    let agreement = store.get(id)?.agreement;
    let tables: Vec<_> = editable_tables(&agreement)
        .into_iter()
        .filter(|t| only.is_none_or(|o| o == t.table))
        .collect();
    if json {
        print_json(&tables)?;
        return Ok(ExitCode::SUCCESS);
    }
    for t in &tables {
        outln!("{} ({})", t.label, t.table.name());
        if t.rows.is_empty() {
            outln!("  none stated");
            outln!();
            continue;
        }
        let mut headers: Vec<&str> = vec!["Row"];
        headers.extend(t.columns.iter().map(|c| c.key.as_str()));
        headers.push("Source");
        let mut out = table(&headers);
        for r in &t.rows {
            let mut cells = vec![(r.index + 1).to_string()];
            cells.extend(
                t.columns
                    .iter()
                    .map(|c| r.cells.get(&c.key).cloned().unwrap_or_default()),
            );
            cells.push(match &r.source {
                Some(s) => match s.line {
                    Some(l) => format!("line {l}"),
                    None => s.section.clone(),
                },
                None => String::new(),
            });
            out.add_row(cells);
        }
        outln!("{out}");
        outln!();
    }
    Ok(ExitCode::SUCCESS)
}

/// Applies one row edit to agreement `id` and prints the changed cells.
pub(crate) fn edit_row(
    db: Option<&Path>,
    id: i64,
    table_name: &str,
    row: Option<u32>,
    add: bool,
    remove: Option<u32>,
    cells: &[String],
) -> CliResult {
    let table = parse_table(table_name)?;
    let mut given = BTreeMap::new();
    for c in cells {
        let (k, v) = c.split_once('=').ok_or_else(|| {
            CliError::usage(format!(
                "\"{c}\" is not a cell: expected column=text, e.g. notice=\"90 days\""
            ))
        })?;
        given.insert(k.trim().to_string(), v.to_string());
    }
    let zero_based = |n: u32, flag: &str| {
        n.checked_sub(1)
            .ok_or_else(|| CliError::usage(format!("{flag} {n}: rows are numbered from 1")))
    };
    let mut store = open_store(db)?;
    let edit = match (row, add, remove) {
        (Some(n), false, None) => {
            let index = zero_based(n, "--row")?;
            let agreement = store.get(id)?.agreement;
            // The columns not given keep their text.
            let mut merged = renewal_core::services::clauses::table_rows(&agreement, table)
                .into_iter()
                .find(|r| r.index == index)
                .map(|r| r.cells)
                .unwrap_or_default();
            merged.extend(given);
            RowEdit::Update {
                index,
                cells: merged,
            }
        }
        (None, true, None) => RowEdit::Add { cells: given },
        (None, false, Some(n)) => {
            if !given.is_empty() {
                return Err(CliError::usage("--remove takes no cells"));
            }
            RowEdit::Remove {
                index: zero_based(n, "--remove")?,
            }
        }
        _ => {
            return Err(CliError::usage(
                "say what to do: --row N, --add or --remove N",
            ))
        }
    };
    let changes = portfolio::edit_row(&mut store, id, table, &edit)?;
    print_changes(&changes);
    Ok(ExitCode::SUCCESS)
}
