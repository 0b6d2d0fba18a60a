//! Writing a register back out (`renewals export`, "Export register"): one row per
//! agreement, CSV (the `csv` crate) or XLSX (`rust_xlsxwriter`: real date cells, the
//! header row bold and frozen, column widths to fit). The headers are the ones
//! [`super::recognise`] reads back, so an exported register re-imports to no change.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The file format of an exported register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Comma-separated UTF-8 text, dates as `YYYY-MM-DD`.
    Csv,
    /// An Excel workbook with one sheet, "Register".
    Xlsx,
}

impl ExportFormat {
    /// `csv` or `xlsx` (any case).
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum OutCell {
    /// Text (empty for a gap).
    Text(String),
    /// A date: a real date cell in XLSX, `YYYY-MM-DD` in CSV.
    Date(Option<NaiveDate>),
}

/// Writes `headers` and `rows` to `dest` in `format` (replacing the file).
///
/// Errors: [`Error::Io`] naming `dest` when it cannot be written; [`Error::Invalid`] for
/// a workbook the writer refuses.
pub fn write_register(
    dest: &Path,
    format: ExportFormat,
    headers: &[&str],
    rows: &[Vec<OutCell>],
) -> Result<()> {
    let bytes = match format {
        ExportFormat::Csv => csv_bytes(headers, rows)?,
        ExportFormat::Xlsx => xlsx_bytes(headers, rows)?,
    };
    crate::services::portfolio::write_replacing(dest, &bytes)
}

fn csv_bytes(headers: &[&str], rows: &[Vec<OutCell>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let wrap = |e: csv::Error| Error::Invalid {
        field: "register".to_string(),
        message: e.to_string(),
    };
    w.write_record(headers).map_err(wrap)?;
    for r in rows {
        w.write_record(r.iter().map(|c| match c {
            OutCell::Text(t) => t.clone(),
            OutCell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }))
        .map_err(wrap)?;
    }
    w.into_inner().map_err(|e| Error::Invalid {
        field: "register".to_string(),
        message: e.to_string(),
    })
}

fn xlsx_bytes(headers: &[&str], rows: &[Vec<OutCell>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let wrap = |e: rust_xlsxwriter::XlsxError| Error::Invalid {
        field: "register".to_string(),
        message: format!("the workbook could not be written: {e}"),
    };
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Register").map_err(wrap)?;
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in headers.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| Error::Invalid {
            field: "register".to_string(),
            message: "too many columns".to_string(),
        })?;
        sheet
            .write_string_with_format(0, col, *h, &bold)
            .map_err(wrap)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| Error::Invalid {
            field: "register".to_string(),
            message: "too many rows".to_string(),
        })?;
        for (c, cell) in cells.iter().enumerate() {
            let Ok(col) = u16::try_from(c) else { continue };
            match cell {
                OutCell::Text(t) if t.is_empty() => {}
                OutCell::Text(t) => {
                    sheet.write_string(row, col, t).map_err(wrap)?;
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(t.chars().count());
                    }
                }
                OutCell::Date(None) => {}
                OutCell::Date(Some(d)) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )
                    .map_err(wrap)?;
                    sheet
                        .write_datetime_with_format(row, col, &dt, &date_format)
                        .map_err(wrap)?;
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(10);
                    }
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let Ok(col) = u16::try_from(c) else { continue };
        // About one character unit per character, a little margin, at most 60.
        let width = u32::try_from((*w).clamp(8, 58) + 2).unwrap_or(60);
        sheet.set_column_width(col, width).map_err(wrap)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(wrap)?;
    wb.save_to_buffer().map_err(wrap)
}
