//! Writes a register workbook (.xlsx) from a JSON description read on stdin, with
//! `rust_xlsxwriter`: the end-to-end test of the app's register import (e2e/specs/
//! 07-register.test.mjs) makes its spreadsheet with it, so the file holds what Excel
//! writes: real date cells (serial numbers with a date format), numbers, text and blanks.
//!
//! `echo '{"sheet":"Registro","rows":[["Contrato","Inicio"],["Lima",{"date":"2024-04-01"}]]}' |
//!  cargo run -q -p renewal-core --example write_xlsx -- register.xlsx`
//!
//! Each cell is `null` (blank: nothing written), a string (text), a number, a boolean,
//! or `{"date": "YYYY-MM-DD"}` (a real date cell shown as dd/mm/yyyy).
#![allow(missing_docs)]

use std::io::Read as _;
use std::process::ExitCode;

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::Value;

fn write(path: &str, sheet: &str, rows: &[Value]) -> Result<(), String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let xl = |e: XlsxError| e.to_string();
    ws.set_name(sheet).map_err(xl)?;
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).map_err(|_| "too many rows".to_string())?;
        let cells = row
            .as_array()
            .ok_or_else(|| format!("row {}: not an array", r + 1))?;
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| "too many columns".to_string())?;
            match cell {
                Value::Null => {}
                Value::String(s) => {
                    ws.write_string(r, c, s).map_err(xl)?;
                }
                Value::Number(n) => {
                    let n = n.as_f64().ok_or_else(|| format!("{n} is not a number"))?;
                    ws.write_number(r, c, n).map_err(xl)?;
                }
                Value::Bool(b) => {
                    ws.write_boolean(r, c, *b).map_err(xl)?;
                }
                Value::Object(o) => {
                    let text = o.get("date").and_then(Value::as_str).ok_or_else(|| {
                        format!(
                            "row {}, column {}: expected {{\"date\": \"YYYY-MM-DD\"}}",
                            r + 1,
                            c + 1
                        )
                    })?;
                    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                        .map_err(|e| format!("{text}: {e}"))?;
                    let (Ok(y), Ok(m), Ok(day)) = (
                        u16::try_from(d.year()),
                        u8::try_from(d.month()),
                        u8::try_from(d.day()),
                    ) else {
                        return Err(format!("{text}: out of range"));
                    };
                    let x = ExcelDateTime::from_ymd(y, m, day).map_err(xl)?;
                    ws.write_datetime_with_format(r, c, x, &date_format)
                        .map_err(xl)?;
                }
                Value::Array(_) => return Err(format!("row {}, column {}: a list", r + 1, c + 1)),
            }
        }
    }
    wb.save(path).map_err(xl)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: write_xlsx FILE.xlsx < description.json");
        return ExitCode::FAILURE;
    };
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("stdin: {e}");
        return ExitCode::FAILURE;
    }
    let v: Value = match serde_json::from_str(&input) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("stdin: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sheet = v.get("sheet").and_then(Value::as_str).unwrap_or("Sheet1");
    let Some(rows) = v.get("rows").and_then(Value::as_array) else {
        eprintln!("stdin: expected {{\"rows\": [[cell, ...], ...]}}");
        return ExitCode::FAILURE;
    };
    match write(&path, sheet, rows) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
