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

/// Writes `headers` and the rows `walk` gives (it calls its argument once per row, in
/// order) to `dest` in `format`, one row at a time (issue 14 item 1): CSV through a buffered
/// file, XLSX with `rust_xlsxwriter`'s constant-memory worksheet (rows flushed to a
/// temporary file as they are written, strings inline). The file is written beside `dest`
/// and renamed over it once complete. Returns how many rows.
///
/// The CSV has the same bytes as the whole file written at once (the tests' `csv_bytes`);
/// the workbook the same cells, formats, column widths and frozen header as a workbook
/// written whole (`xlsx_bytes`; its XML stores strings inline instead of in a shared
/// table).
///
/// Errors: those of `walk`; [`Error::Io`] naming `dest` when it cannot be written;
/// [`Error::Invalid`] for a workbook the writer refuses.
pub fn write_register_streamed(
    dest: &Path,
    format: ExportFormat,
    headers: &[&str],
    walk: impl FnOnce(&mut dyn FnMut(Vec<OutCell>) -> Result<()>) -> Result<()>,
) -> Result<usize> {
    let io = |source| Error::Io {
        path: dest.to_path_buf(),
        source,
    };
    let tmp = crate::services::portfolio::temp_beside(dest);
    let written = match format {
        ExportFormat::Csv => csv_streamed(&tmp, headers, walk, io),
        ExportFormat::Xlsx => xlsx_streamed(&tmp, headers, walk),
    };
    let n = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    std::fs::rename(&tmp, dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    Ok(n)
}

fn csv_streamed(
    tmp: &Path,
    headers: &[&str],
    walk: impl FnOnce(&mut dyn FnMut(Vec<OutCell>) -> Result<()>) -> Result<()>,
    io: impl Fn(std::io::Error) -> Error,
) -> Result<usize> {
    let file = std::fs::File::create(tmp).map_err(&io)?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 16, file));
    let wrap = |e: csv::Error| {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(e) => io(e),
            _ => Error::Invalid {
                field: "register".to_string(),
                message,
            },
        }
    };
    w.write_record(headers).map_err(wrap)?;
    let mut n = 0usize;
    walk(&mut |r| {
        n += 1;
        w.write_record(r.iter().map(|c| match c {
            OutCell::Text(t) => t.clone(),
            OutCell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }))
        .map_err(wrap)
    })?;
    w.into_inner()
        .map_err(|e| io(e.into_error()))?
        .into_inner()
        .map_err(|e| io(e.into_error()))?;
    Ok(n)
}

/// The workbook of [`xlsx_bytes`], written row by row in constant-memory mode to `tmp`.
fn xlsx_streamed(
    tmp: &Path,
    headers: &[&str],
    walk: impl FnOnce(&mut dyn FnMut(Vec<OutCell>) -> Result<()>) -> Result<()>,
) -> Result<usize> {
    use rust_xlsxwriter::{Format, Workbook};
    let wrap = |e: rust_xlsxwriter::XlsxError| Error::Invalid {
        field: "register".to_string(),
        message: format!("the workbook could not be written: {e}"),
    };
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet_with_constant_memory().map_err(wrap)?;
    let mut widths = write_xlsx_header(sheet, headers)?;
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let mut n = 0usize;
    walk(&mut |cells| {
        n += 1;
        let row = u32::try_from(n).map_err(|_| Error::Invalid {
            field: "register".to_string(),
            message: "too many rows".to_string(),
        })?;
        write_xlsx_row(sheet, row, &cells, &mut widths, &date_format)
    })?;
    set_xlsx_widths(sheet, &widths)?;
    sheet.set_freeze_panes(1, 0).map_err(wrap)?;
    wb.save(tmp).map_err(wrap)?;
    Ok(n)
}

/// Names `sheet` "Register" and writes `headers` in bold in its first row. Returns each
/// column's width so far (characters: its header's length), for [`set_xlsx_widths`].
fn write_xlsx_header(
    sheet: &mut rust_xlsxwriter::Worksheet,
    headers: &[&str],
) -> Result<Vec<usize>> {
    let wrap = |e: rust_xlsxwriter::XlsxError| Error::Invalid {
        field: "register".to_string(),
        message: format!("the workbook could not be written: {e}"),
    };
    sheet.set_name("Register").map_err(wrap)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| Error::Invalid {
            field: "register".to_string(),
            message: "too many columns".to_string(),
        })?;
        sheet
            .write_string_with_format(0, col, *h, &bold)
            .map_err(wrap)?;
    }
    Ok(headers.iter().map(|h| h.chars().count()).collect())
}

/// Writes `cells` as row `row` of `sheet` (texts as strings, dates as date cells in
/// `date_format`, gaps left empty) and widens `widths` (characters) to fit them.
fn write_xlsx_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    cells: &[OutCell],
    widths: &mut [usize],
    date_format: &rust_xlsxwriter::Format,
) -> Result<()> {
    use rust_xlsxwriter::ExcelDateTime;
    let wrap = |e: rust_xlsxwriter::XlsxError| Error::Invalid {
        field: "register".to_string(),
        message: format!("the workbook could not be written: {e}"),
    };
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
                    .write_datetime_with_format(row, col, &dt, date_format)
                    .map_err(wrap)?;
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(10);
                }
            }
        }
    }
    Ok(())
}

/// Sets each column's width from `widths` (characters): about one character unit per
/// character, a little margin, at least 10 and at most 60 units.
fn set_xlsx_widths(sheet: &mut rust_xlsxwriter::Worksheet, widths: &[usize]) -> Result<()> {
    for (c, w) in widths.iter().enumerate() {
        let Ok(col) = u16::try_from(c) else { continue };
        let width = u32::try_from((*w).clamp(8, 58) + 2).unwrap_or(60);
        sheet
            .set_column_width(col, width)
            .map_err(|e| Error::Invalid {
                field: "register".to_string(),
                message: format!("the workbook could not be written: {e}"),
            })?;
    }
    Ok(())
}

/// The register written whole, as the export did before it streamed (issue 14 item 1): the
/// reference the streamed CSV must equal byte for byte.
#[cfg(test)]
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

/// The workbook written whole in memory (shared strings), as the export did before it
/// streamed: the reference whose cells the streamed workbook must have.
#[cfg(test)]
fn xlsx_bytes(headers: &[&str], rows: &[Vec<OutCell>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let wrap = |e: rust_xlsxwriter::XlsxError| Error::Invalid {
        field: "register".to_string(),
        message: format!("the workbook could not be written: {e}"),
    };
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let mut widths = write_xlsx_header(sheet, headers)?;
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (r, cells) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| Error::Invalid {
            field: "register".to_string(),
            message: "too many rows".to_string(),
        })?;
        write_xlsx_row(sheet, row, cells, &mut widths, &date_format)?;
    }
    set_xlsx_widths(sheet, &widths)?;
    sheet.set_freeze_panes(1, 0).map_err(wrap)?;
    wb.save_to_buffer().map_err(wrap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// Rows with what CSV must quote (commas, quotes, line breaks), non-ASCII text, dates
    /// and gaps, many of them (more than one flush of a constant-memory row buffer).
    fn rows() -> Vec<Vec<OutCell>> {
        (0..3000)
            .map(|i| {
                vec![
                    OutCell::Text(format!("R-{i}")),
                    OutCell::Text(match i % 4 {
                        0 => "Acme, S.A.C.".to_string(),
                        1 => "Say \"hello\"\nand bye".to_string(),
                        2 => "Telefónica del Perú".to_string(),
                        _ => String::new(),
                    }),
                    OutCell::Date(if i % 3 == 0 { None } else { d("2027-01-31") }),
                ]
            })
            .collect()
    }

    const HEADERS: [&str; 3] = ["Register ID", "Counterparty", "End date"];

    fn streamed(dest: &Path, format: ExportFormat, rows: &[Vec<OutCell>]) -> usize {
        write_register_streamed(dest, format, &HEADERS, |emit| {
            rows.iter().try_for_each(|r| emit(r.clone()))
        })
        .unwrap()
    }

    #[test]
    fn the_streamed_csv_has_the_bytes_of_the_one_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows();
        let path = dir.path().join("r.csv");
        assert_eq!(streamed(&path, ExportFormat::Csv, &rows), 3000);
        let got = std::fs::read(&path).unwrap();
        assert_eq!(got, csv_bytes(&HEADERS, &rows).unwrap());
        assert!(String::from_utf8(got)
            .unwrap()
            .contains("R-1,\"Say \"\"hello\"\"\nand bye\",2027-01-31\n"));
        // Only the file itself is left in the folder (the temporary one was renamed).
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn cells(path: &Path) -> Vec<Vec<Data>> {
        let mut wb = calamine::open_workbook_auto(path).unwrap();
        let range = wb.worksheet_range("Register").unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn the_constant_memory_workbook_has_the_cells_of_the_one_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows();
        let whole = dir.path().join("whole.xlsx");
        std::fs::write(&whole, xlsx_bytes(&HEADERS, &rows).unwrap()).unwrap();
        let path = dir.path().join("r.xlsx");
        assert_eq!(streamed(&path, ExportFormat::Xlsx, &rows), 3000);
        let (got, want) = (cells(&path), cells(&whole));
        assert_eq!(got.len(), 3001);
        assert_eq!(got, want);
        assert_eq!(
            got[2][1],
            Data::String("Say \"hello\"\nand bye".to_string())
        );
        assert!(matches!(got[2][2], Data::DateTime(_)), "{:?}", got[2][2]);
    }

    #[test]
    fn a_failed_walk_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
            let path = dir.path().join("r.out");
            let r = write_register_streamed(&path, format, &HEADERS, |emit| {
                emit(vec![OutCell::Text("R-1".to_string())])?;
                Err(Error::NotFound(7))
            });
            assert!(r.is_err());
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        }
    }
}
