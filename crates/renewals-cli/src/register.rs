//! `renewals import FILE.xlsx|.ods|.csv` (a register: one agreement per row) and
//! `renewals export --format csv|xlsx -o FILE` (docs/register.md).

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use renewal_core::adapters::import::register::export::ExportFormat;
use renewal_core::adapters::import::ImportErrorKind;
use renewal_core::adapters::store::Store;
use renewal_core::services::register::{
    export_register, import_register, RegisterReport, RowAction,
};

use crate::error::{CliError, CliResult};

/// Imports each register of `files` with `columns` overrides; prints one line per row
/// (`row N<TAB>ID<TAB>title<TAB>imported|updated: …|unchanged`, refused rows as `error:`
/// lines on stderr naming the row and column), or, with `json`, the reports as a JSON
/// array. Returns the failure kinds (one per refused row or per file that could not be
/// imported) and the number of units (rows, or the file when it failed whole), for the
/// batch exit code.
///
/// Errors: SQLite (exit 4).
pub(crate) fn import_registers(
    store: &mut Store,
    files: &[&Path],
    columns: Option<&str>,
    json: bool,
    on: NaiveDate,
) -> CliResult<(Vec<ImportErrorKind>, usize, Vec<RegisterReport>)> {
    let mut failed = Vec::new();
    let mut units = 0usize;
    let mut reports = Vec::new();
    for path in files {
        match import_register(store, path, None, columns, on) {
            Ok(report) => {
                units += report.rows.len().max(1);
                if report.rows.is_empty() {
                    eprintln!(
                        "error: {}: no agreement rows under the header row",
                        report.file
                    );
                    failed.push(ImportErrorKind::Refused);
                }
                for r in &report.rows {
                    if r.action == RowAction::Refused {
                        failed.push(ImportErrorKind::Refused);
                    }
                }
                if !json {
                    print_report(&report);
                }
                reports.push(report);
            }
            Err(renewal_core::Error::Import(e)) => {
                units += 1;
                eprintln!("error: {e}");
                failed.push(e.kind);
            }
            Err(e) => return Err(CliError::Core(e)),
        }
    }
    Ok((failed, units, reports))
}

fn print_report(report: &RegisterReport) {
    for r in &report.rows {
        let id = r.register_id.as_deref().unwrap_or("-");
        let what = match r.action {
            RowAction::Imported => format!("imported (id {})", r.agreement_id.unwrap_or(0)),
            RowAction::Unchanged => format!("unchanged (id {})", r.agreement_id.unwrap_or(0)),
            RowAction::Updated => format!(
                "updated (id {}): {}",
                r.agreement_id.unwrap_or(0),
                r.changes
                    .iter()
                    .map(|c| {
                        let hand = if c.replaced_hand_edit {
                            " (replaced a value edited by hand)"
                        } else {
                            ""
                        };
                        format!(
                            "{}: {} -> {}{hand}",
                            c.field,
                            if c.old.is_empty() { "—" } else { &c.old },
                            if c.new.is_empty() { "—" } else { &c.new }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            RowAction::Refused => {
                eprintln!(
                    "error: {}: {}",
                    report.file,
                    r.message.as_deref().unwrap_or("refused")
                );
                continue;
            }
        };
        outln!("row {}\t{id}\t{}\t{what}", r.row, r.title);
        for w in &r.warnings {
            outln!("  warning: {w}");
        }
    }
    let ignored = if report.ignored.is_empty() {
        String::new()
    } else {
        format!("; columns ignored: {}", report.ignored.join(", "))
    };
    outln!(
        "{}: {} imported, {} updated, {} unchanged, {} refused{ignored}",
        report.file,
        report.imported,
        report.updated,
        report.unchanged,
        report.refused
    );
}

/// `renewals export --format csv|xlsx -o FILE`: writes every agreement as a register row
/// as of `as_of`.
///
/// Errors: an unknown format (exit 2); the file cannot be written (exit 7); SQLite (4).
pub(crate) fn cmd_export(
    store: &Store,
    as_of: NaiveDate,
    format: &str,
    output: &Path,
) -> CliResult {
    let format = ExportFormat::parse(format).ok_or_else(|| {
        CliError::usage(format!(
            "\"{format}\" is not an export format: expected csv or xlsx"
        ))
    })?;
    let done = export_register(store, as_of, output, format).map_err(|e| match e {
        renewal_core::Error::Io { path, source } => CliError::File {
            path,
            message: source.to_string(),
        },
        other => CliError::Core(other),
    })?;
    outln!(
        "wrote {} agreement{} to {}",
        done.agreements,
        if done.agreements == 1 { "" } else { "s" },
        done.path
    );
    Ok(ExitCode::SUCCESS)
}
