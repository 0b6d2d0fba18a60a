//! A register spreadsheet (issue 11 item 3): .xlsx, .csv and .ods registers the tests write
//! themselves, with real dates, text dates, blanks, Spanish headers, a title row, bad rows;
//! re-import, export and re-import, and the CLI end to end. Expected dates are worked by
//! hand from renewal-rules.md (noted beside each), not by calling the engine.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use renewal_core::adapters::import::register::export::ExportFormat;
use renewal_core::adapters::store::Store;
use renewal_core::domain::rules::assess;
use renewal_core::services::register::{
    export_register, import_register, preview_register, RegisterReport, RowAction,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{d, renewals, stderr, stdout};

/// The day the registers are imported and assessed.
const AS_OF: &str = "2026-11-30";

fn as_of() -> NaiveDate {
    d(AS_OF)
}

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_actor("ana");
    s
}

fn excel_date(s: &str) -> ExcelDateTime {
    let x = d(s);
    use chrono::Datelike;
    ExcelDateTime::from_ymd(x.year() as u16, x.month() as u8, x.day() as u8).unwrap()
}

/// A cell the tests write: text, a real date cell (ISO date, shown dd/mm/yyyy) or a number.
enum Cell {
    S(&'static str),
    D(&'static str),
    N(f64),
}

/// Writes each `(row, [(column, cell)])` (0-based) into `ws`, dates with `date`'s format.
fn write_rows(ws: &mut rust_xlsxwriter::Worksheet, date: &Format, rows: &[(u32, &[(u16, Cell)])]) {
    for (r, cells) in rows {
        for (c, cell) in cells.iter() {
            match cell {
                Cell::S(t) => ws.write_string(*r, *c, *t),
                Cell::D(iso) => ws.write_datetime_with_format(*r, *c, excel_date(iso), date),
                Cell::N(n) => ws.write_number(*r, *c, *n),
            }
            .unwrap();
        }
    }
}

/// An .xlsx register with a title row and a blank row above the header, real date cells,
/// number cells, text dates, blanks, an unknown column and two bad rows.
fn write_xlsx_register(path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Register").unwrap();
    ws.write_string(0, 0, "Andes Foods — contract register (November 2026)")
        .unwrap();
    let headers = [
        "Ref.",
        "Contract",
        "Supplier",
        "Owner",
        "Country",
        "Start date",
        "End date",
        "Auto-renew?",
        "Renewal term",
        "Notice (days)",
        "Contract value",
        "Currency",
        "Department",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    use Cell::{D, N, S};
    write_rows(
        ws,
        &date,
        &[
            // Row 4: real dates and numbers.
            (
                3,
                &[
                    (0, S("AF-001")),
                    (1, S("Cold storage services")),
                    (2, S("Frío Andino S.A.C.")),
                    (3, S("Ana Ruiz")),
                    (4, S("PE")),
                    (5, D("2024-04-01")),
                    (6, D("2027-03-31")),
                    (7, S("Yes")),
                    (8, S("12 months")),
                    (9, N(90.0)),
                    (10, N(1_200_000.0)),
                    (11, S("PEN")),
                    (12, S("Logistics")),
                ],
            ),
            // Row 5: text dates in Spanish forms, "Sí", a bare number as text, an amount as text.
            (
                4,
                &[
                    (0, S("AF-002")),
                    (1, S("Fleet telematics")),
                    (2, S("Geotrack Chile SpA")),
                    (4, S("Chile")),
                    (5, S("15/03/2024")),
                    (6, S("14 de marzo de 2026")),
                    (7, S("Sí")),
                    (8, S("1 year")),
                    (9, S("60")),
                    (10, S("USD 45,000.00")),
                ],
            ),
            // Row 6: 31 February.
            (
                5,
                &[
                    (0, S("AF-003")),
                    (1, S("Packaging supply")),
                    (2, S("Envases del Sur")),
                    (5, S("31/02/2025")),
                    (6, S("2026-02-27")),
                ],
            ),
            // Row 7: a notice longer than the term.
            (
                6,
                &[
                    (0, S("AF-004")),
                    (1, S("Pest control")),
                    (2, S("Fumigadora Lima")),
                    (5, D("2025-01-01")),
                    (6, D("2025-12-31")),
                    (7, S("Y")),
                    (8, S("12 months")),
                    (9, N(400.0)),
                ],
            ),
            // Row 8: blanks: no auto-renewal, no renewal period, no value.
            (
                7,
                &[
                    (0, S("AF-005")),
                    (1, S("Printing services")),
                    (5, S("2025-07-01")),
                    (6, S("30 Jun 2026")),
                ],
            ),
        ],
    );
    wb.save(path).unwrap();
}

fn row(report: &RegisterReport, n: u32) -> &renewal_core::services::register::RowResult {
    report
        .rows
        .iter()
        .find(|r| r.row == n)
        .unwrap_or_else(|| panic!("no row {n} in {:#?}", report.rows))
}

#[test]
fn an_xlsx_register_imports_its_good_rows_and_refuses_bad_ones_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.xlsx");
    write_xlsx_register(&path);
    let mut s = store();

    let preview = preview_register(&s, &path).unwrap();
    assert_eq!(
        preview.header_row, 3,
        "the title row and blank row are skipped"
    );
    assert_eq!(preview.sheet.as_deref(), Some("Register"));
    assert_eq!(preview.rows.len(), 5);
    assert_eq!(preview.rows[0].0, 4);
    assert_eq!(preview.rows[0].1[5], "2024-04-01", "a real date cell");

    let report = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(
        (
            report.imported,
            report.updated,
            report.unchanged,
            report.refused
        ),
        (3, 0, 0, 2),
        "{:#?}",
        report.rows
    );
    assert_eq!(report.ignored, vec!["Department".to_string()]);
    let feb = row(&report, 6);
    assert_eq!(feb.action, RowAction::Refused);
    assert_eq!(feb.column.as_deref(), Some("Start date"));
    let m = feb.message.as_deref().unwrap();
    assert!(
        m.starts_with("row 6, column \"Start date\"") && m.contains("31/02/2025"),
        "{m}"
    );
    let notice = row(&report, 7);
    assert_eq!(notice.column.as_deref(), Some("Notice (days)"));
    let m = notice.message.as_deref().unwrap();
    assert!(
        m.contains("row 7") && m.contains("400 days") && m.contains("not shorter"),
        "{m}"
    );
    assert_eq!(
        s.count().unwrap(),
        3,
        "nothing of the refused rows is stored"
    );

    // Row 4: effective 2024-04-01, end 2027-03-31 → initial term 36 months; notice 90
    // days: 2027-03-31 − 90 days = Thu 2026-12-31 (rule 3), a business day in Peru.
    let cold = s
        .get(row(&report, 4).agreement_id.unwrap())
        .unwrap()
        .agreement;
    assert_eq!(
        cold.initial_term.as_ref().unwrap().value.to_string(),
        "3 years"
    );
    assert_eq!(cold.counterparty.as_deref(), Some("Frío Andino S.A.C."));
    let a = assess(&cold, as_of());
    let next = a.next_notice_deadline().unwrap();
    assert_eq!(next.date, d("2026-12-31"));
    assert!(cold
        .effective_date
        .as_ref()
        .unwrap()
        .source
        .text
        .contains("Row 4, column “Start date”: 2024-04-01"));
    assert!(cold.entered_by_hand.is_none());
    let money = cold.total_commitment.as_ref().unwrap().value.to_string();
    assert_eq!(money, "S/ 1,200,000");

    // Row 5: 15/03/2024 read day first; end 14 March 2026 → 24 months; renewed for 1 year
    // to 2027-03-14; notice 60 days: 2027-03-14 − 60 days = Wed 2027-01-13.
    let fleet = s
        .get(row(&report, 5).agreement_id.unwrap())
        .unwrap()
        .agreement;
    assert_eq!(
        fleet.effective_date.as_ref().unwrap().value,
        d("2024-03-15")
    );
    assert_eq!(
        fleet.initial_term.as_ref().unwrap().value.to_string(),
        "2 years"
    );
    let a = assess(&fleet, as_of());
    assert_eq!(a.current_term().unwrap().end, d("2027-03-14"));
    assert_eq!(a.next_notice_deadline().unwrap().date, d("2027-01-13"));

    // Row 8: blanks are gaps: whether it renews is unknown (a warning), not "no".
    let printing = row(&report, 8);
    assert!(printing
        .warnings
        .iter()
        .any(|w| w.contains("does not say whether the agreement renews")));
    let p = s.get(printing.agreement_id.unwrap()).unwrap().agreement;
    assert!(p.auto_renewal.is_none());
    assert!(p.total_commitment.is_none());
    assert_eq!(p.initial_term.as_ref().unwrap().value.to_string(), "1 year");
}

/// Text in Windows-1252 (every character here is below U+0100, where 1252 and Latin-1
/// agree).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

#[test]
fn a_spanish_csv_with_semicolons_in_windows_1252_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contratos.csv");
    let text = "Código;Nombre del contrato;Proveedor;Responsable;País;Fecha de inicio;Plazo;Renovación automática;Periodo de renovación;Preaviso;Importe;Moneda;Observaciones\r\n\
C-10;Arrendamiento de oficinas Miraflores;Inmobiliaria Sur S.A.C.;Luis Paz;Perú;01/02/2023;3 años;Sí;1 año;90 días;1.200.000,00;PEN;Local principal\r\n\
C-11;Soporte de centro de datos;Datacentro S.A.;;PE;15 de marzo de 2024;24 meses;No;;;S/ 84 000;;\r\n";
    std::fs::write(&path, windows_1252(text)).unwrap();
    let mut s = store();
    let report = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(report.imported, 2, "{:#?}", report.rows);
    assert_eq!(report.header_row, 1);

    // C-10: effective 2023-02-01 + 36 months → expires 2026-01-31; renews for 1 year:
    // current term to 2027-01-31, whose notice deadline 2027-01-31 − 90 days = 2026-11-02
    // has closed; the next, 2028-01-31 − 90 days = Tue 2027-11-02.
    let lease = s
        .get(row(&report, 2).agreement_id.unwrap())
        .unwrap()
        .agreement;
    assert_eq!(lease.title, "Arrendamiento de oficinas Miraflores");
    assert_eq!(lease.contract_owner.as_ref().unwrap().value, "Luis Paz");
    assert_eq!(lease.country.as_ref().unwrap().value.code(), "PE");
    let a = assess(&lease, as_of());
    assert_eq!(a.current_term().unwrap().end, d("2027-01-31"));
    assert_eq!(a.next_notice_deadline().unwrap().date, d("2027-11-02"));
    assert_eq!(
        lease.total_commitment.as_ref().unwrap().value.to_string(),
        "S/ 1,200,000"
    );
    // The notes are kept in the row's record (the agreement's document).
    let (_, _, record) = s
        .source_document(row(&report, 2).agreement_id.unwrap())
        .unwrap();
    assert!(
        record.contains("Observaciones: Local principal"),
        "{record}"
    );

    // C-11: fixed term of 24 months from 2024-03-15 → expired 2026-03-14.
    let dc = s
        .get(row(&report, 3).agreement_id.unwrap())
        .unwrap()
        .agreement;
    assert_eq!(dc.auto_renewal.as_ref().map(|r| r.value), Some(false));
    let a = assess(&dc, as_of());
    assert_eq!(a.status.as_str(), "expired");
    assert_eq!(a.terms[0].end, d("2026-03-14"));
}

const REGISTER_CSV: &str = "ID,Contract,Counterparty,Owner,Country,Start,End,Auto renewal,Renewal period,Notice\n\
R-1,Warehouse lease Callao,Almacenes Callao S.A.,Ana Ruiz,PE,2024-01-01,2026-12-31,Y,12 months,90 days\n\
R-2,Payroll software,Planilla Cloud SAC,Luis Paz,PE,2025-06-01,2026-05-31,TRUE,1 year,30 days\n\
R-3,Security guards,Vigilancia Total,Ana Ruiz,PE,2023-09-01,2026-08-31,N,,\n";

#[test]
fn a_reimport_that_changes_two_rows_updates_them_with_history_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.csv");
    std::fs::write(&path, REGISTER_CSV).unwrap();
    let mut s = store();
    let first = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(first.imported, 3, "{:#?}", first.rows);

    // Same file again: nothing changes.
    let again = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!((again.unchanged, again.updated, again.imported), (3, 0, 0));

    // A value edited by hand in the app before the register changes it too.
    let lease_id = row(&first, 2).agreement_id.unwrap();
    renewal_core::services::portfolio::edit_field(
        &mut s,
        lease_id,
        renewal_core::services::edit::EditableField::ContractOwner,
        "María Soto",
    )
    .unwrap();

    // R-1: notice 90 → 60 days, owner back to Ana Ruiz (the hand edit); R-3, a fixed term,
    // extended by a year (end date 2026-08-31 → 2027-08-31: initial term 3 → 4 years).
    // R-2's end date moves on by one renewal period: that is its auto-renewal, reached by
    // its stored terms (docs/register.md, "End date"), so it is unchanged.
    let changed = REGISTER_CSV
        .replace(
            "Ana Ruiz,PE,2024-01-01,2026-12-31,Y,12 months,90 days",
            "Ana Ruiz,PE,2024-01-01,2026-12-31,Y,12 months,60 days",
        )
        .replace("2025-06-01,2026-05-31", "2025-06-01,2027-05-31")
        .replace("2023-09-01,2026-08-31", "2023-09-01,2027-08-31");
    std::fs::write(&path, changed).unwrap();
    let second = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(
        (
            second.updated,
            second.unchanged,
            second.imported,
            second.refused
        ),
        (2, 1, 0, 0),
        "{:#?}",
        second.rows
    );
    assert_eq!(s.count().unwrap(), 3, "nothing duplicated");

    let lease = row(&second, 2);
    let fields: Vec<&str> = lease.changes.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"Non-renewal notice"), "{fields:?}");
    let owner = lease
        .changes
        .iter()
        .find(|c| c.field == "Contract owner")
        .expect("the owner changes back");
    assert_eq!(
        (owner.old.as_str(), owner.new.as_str()),
        ("María Soto", "Ana Ruiz")
    );
    assert!(
        owner.replaced_hand_edit,
        "the result says a hand edit was replaced"
    );
    let notice = lease
        .changes
        .iter()
        .find(|c| c.field == "Non-renewal notice")
        .unwrap();
    assert_eq!(
        (notice.old.as_str(), notice.new.as_str()),
        ("90 days", "60 days")
    );

    assert_eq!(row(&second, 3).action, RowAction::Unchanged);
    let payroll = row(&second, 4);
    assert_eq!(payroll.changes.len(), 1, "{:?}", payroll.changes);
    assert_eq!(payroll.changes[0].field, "Initial term");
    assert_eq!(
        (
            payroll.changes[0].old.as_str(),
            payroll.changes[0].new.as_str()
        ),
        ("3 years", "4 years")
    );

    // The history has each change as an entry of the register import.
    let history = s.history(lease_id).unwrap();
    let reg: Vec<_> = history
        .iter()
        .filter(|h| h.action == "register_import")
        .collect();
    assert!(
        reg.iter().any(|h| h.field.starts_with("non_renewal_notice")
            && h.new_value.as_deref().is_some_and(|v| v.contains("60"))),
        "{history:#?}"
    );
    assert!(reg.iter().any(|h| h.field.starts_with("contract_owner")));
    let payroll_history = s.history(payroll.agreement_id.unwrap()).unwrap();
    assert!(payroll_history
        .iter()
        .any(|h| h.action == "register_import" && h.field.starts_with("initial_term")));

    // R-1 now: 2026-12-31 − 60 days = Sun 1 Nov 2026, moved back to Fri 30 Oct 2026
    // (rule 4) — both before the as-of date; the next is 2027-12-31 − 60 days = Tue
    // 2027-11-01, All Saints' Day in Peru, so Fri 2027-10-29.
    let l = s.get(lease_id).unwrap().agreement;
    let a = assess(&l, as_of());
    let next = a.next_notice_deadline().unwrap();
    assert_eq!(next.unadjusted_date, d("2027-11-01"));
    assert_eq!(next.date, d("2027-10-29"));
}

/// A minimal OpenDocument spreadsheet: `mimetype` stored first, the manifest, and
/// `content.xml` with the given rows (`(value type, value, shown text)` per cell).
/// A sheet of [`write_ods`]: its name and rows of `(value type, value, shown text)`.
type OdsSheet<'a> = (&'a str, Vec<Vec<(&'a str, &'a str, &'a str)>>);

fn write_ods(path: &Path, sheets: &[OdsSheet<'_>]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#)
        .unwrap();
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{name}">"#));
        for r in rows {
            content.push_str("<table:table-row>");
            for (kind, value, shown) in r {
                match *kind {
                    "date" => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{value}"><text:p>{shown}</text:p></table:table-cell>"#
                    )),
                    "float" => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{value}"><text:p>{shown}</text:p></table:table-cell>"#
                    )),
                    "empty" => content.push_str("<table:table-cell/>"),
                    _ => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{shown}</text:p></table:table-cell>"#
                    )),
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_register_is_read_from_its_contracts_sheet_with_real_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registro.ods");
    let s_ = |t| ("string", "", t);
    write_ods(
        &path,
        &[
            ("Notas", vec![vec![s_("Actualizado por finanzas")]]),
            (
                "Contratos",
                vec![
                    vec![
                        s_("N°"),
                        s_("Contrato"),
                        s_("Contraparte"),
                        s_("Inicio"),
                        s_("Vencimiento"),
                        s_("Renovación automática"),
                        s_("Periodo de renovación"),
                        s_("Preaviso (días)"),
                        s_("País"),
                    ],
                    vec![
                        s_("7"),
                        s_("Transporte refrigerado"),
                        s_("Frío Sur SpA"),
                        ("date", "2025-01-01", "01/01/2025"),
                        ("date", "2026-12-31", "31/12/2026"),
                        s_("Si"),
                        s_("12 meses"),
                        ("float", "45", "45"),
                        s_("CL"),
                    ],
                ],
            ),
        ],
    );
    let mut s = store();
    let report = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(report.sheet.as_deref(), Some("Contratos"));
    assert_eq!(report.imported, 1, "{:#?}", report.rows);
    let a = s
        .get(report.rows[0].agreement_id.unwrap())
        .unwrap()
        .agreement;
    assert_eq!(a.effective_date.as_ref().unwrap().value, d("2025-01-01"));
    assert_eq!(
        a.initial_term.as_ref().unwrap().value.to_string(),
        "2 years"
    );
    // 2026-12-31 − 45 days = Mon 2026-11-16: closed by 30 November; the next renewal's,
    // 2027-12-31 − 45 days = Tue 2027-11-16.
    let next = assess(&a, as_of()).next_notice_deadline().unwrap().date;
    assert_eq!(next, d("2027-11-16"));
}

fn export_and_reimport(s: &mut Store, dir: &Path, format: ExportFormat, name: &str) -> PathBuf {
    let out = dir.join(name);
    let done = export_register(s, as_of(), &out, format).unwrap();
    assert_eq!(done.agreements as i64, s.count().unwrap());
    let back = import_register(s, &out, None, None, as_of()).unwrap();
    assert_eq!(back.refused, 0, "{:#?}", back.rows);
    assert_eq!(back.imported, 0, "{:#?}", back.rows);
    assert_eq!(back.updated, 0, "{:#?}", back.rows);
    assert_eq!(back.unchanged as i64, s.count().unwrap());
    out
}

#[test]
fn an_exported_register_in_csv_and_xlsx_reimports_to_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("register.xlsx");
    write_xlsx_register(&xlsx);
    let mut s = store();
    import_register(&mut s, &xlsx, None, None, as_of()).unwrap();
    let csv = dir.path().join("more.csv");
    std::fs::write(&csv, REGISTER_CSV).unwrap();
    import_register(&mut s, &csv, None, None, as_of()).unwrap();
    // A renewed agreement with a convenience notice and a hand-entered one too.
    renewal_core::services::manual::add(
        &mut s,
        &renewal_core::services::manual::NewAgreement {
            title: "Lima Cold Storage Services Agreement".into(),
            country: Some("PE".into()),
            effective_date: "2021-04-01".into(),
            term: Some("36 months".into()),
            renewal: Some("12 months".into()),
            notice: Some("90 days".into()),
            convenience: Some("180 days".into()),
            value: Some("250000".into()),
            currency: Some("USD".into()),
            ..Default::default()
        },
        as_of(),
    )
    .unwrap();
    let before = s.count().unwrap();

    let out = export_and_reimport(&mut s, dir.path(), ExportFormat::Csv, "export.csv");
    let text = std::fs::read_to_string(&out).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("ID,Title,Counterparty,Owner,Country,Effective date,End date"));
    // The cold-storage row: its next deadline, the notice deadline of 2026-12-31.
    let cold = text.lines().find(|l| l.starts_with("AF-001,")).unwrap();
    assert!(
        cold.contains("2024-04-01,2027-03-31,3 years,Yes,12 months,90 days")
            && cold.ends_with("active,Non-renewal notice deadline,2026-12-31"),
        "{cold}"
    );
    // The hand-entered one: initial term 2021-04-01 → 2024-03-31, renewed for 12 months
    // each year: as of 2026-11-30 the current term is 2026-04-01 → 2027-03-31.
    let lima = text
        .lines()
        .find(|l| l.contains("Lima Cold Storage"))
        .unwrap();
    assert!(
        lima.contains("2021-04-01,2027-03-31,36 months,Yes,12 months,90 days,180 days,250000,USD"),
        "{lima}"
    );

    let out = export_and_reimport(&mut s, dir.path(), ExportFormat::Xlsx, "export.xlsx");
    assert_eq!(s.count().unwrap(), before);
    // The workbook has real date cells.
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&out).unwrap();
    let range = wb.worksheet_range("Register").unwrap();
    let first = range.rows().nth(1).unwrap();
    assert!(
        matches!(first[5], calamine::Data::DateTime(_)),
        "{:?}",
        first[5]
    );
}

#[test]
fn the_cli_imports_a_register_with_column_overrides_and_exports_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let path = dir.path().join("vendors.csv");
    // "Cierre" is not a header the import knows: --columns says it is the end date.
    std::fs::write(
        &path,
        "\u{feff}Vendor register\n\
ID,Agreement,Vendor,Start,Cierre,Auto-renew,Renewal term,Notice period\n\
V-1,Cleaning services,Limpieza Total SAC,01/04/2024,31/03/2027,Yes,12 months,90 days\n\
V-2,Water dispensers,AquaPura,01/01/2025,31/12/2025,Yes,1 month,3 months\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = renewals(&db, AS_OF, &["import", p, "--columns", "Cierre=expiry"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "one row refused: exit 1\n{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("row 3\tV-1\tCleaning services\timported"),
        "{out}"
    );
    assert!(
        out.contains("1 imported, 0 updated, 0 unchanged, 1 refused"),
        "{out}"
    );
    let err = stderr(&o);
    assert!(
        err.contains("row 4, column \"Notice period\"") && err.contains("3 months"),
        "{err}"
    );

    // The mapping is remembered: the same file again, without --columns, as JSON.
    let o = renewals(&db, AS_OF, &["import", p, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["rows"][0]["action"], "unchanged");
    assert_eq!(v[0]["rows"][1]["action"], "refused");
    assert_eq!(v[0]["rows"][1]["column"], "Notice period");

    // The deadline, as `list` shows it: 2027-03-31 − 90 days = Thu 2026-12-31.
    let o = renewals(&db, AS_OF, &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list[0]["next_notice_deadline"], "2026-12-31");

    let x = dir.path().join("out.xlsx");
    let o = renewals(
        &db,
        AS_OF,
        &["export", "--format", "xlsx", "-o", x.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("wrote 1 agreement to"));
    let o = renewals(&db, AS_OF, &["import", x.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 imported, 0 updated, 1 unchanged, 0 refused"));

    // A bad format is a usage error; a file that is not a spreadsheet is refused (6).
    let o = renewals(&db, AS_OF, &["export", "--format", "pdf", "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, "not a workbook").unwrap();
    let o = renewals(&db, AS_OF, &["import", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(stderr(&o).contains("junk.xlsx"));
}

#[test]
fn owners_with_an_email_column_join_the_people_directory_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owners.csv");
    std::fs::write(
        &path,
        "Contract,Counterparty,Owner,Owner email,Start date,End date\n\
         Courier services,Rápido SAC,Lucía Paredes,lucia.paredes@andesfoods.pe,2025-01-01,2025-12-31\n\
         Cleaning,Limpia SAC,Lucía Paredes,lucia.paredes@andesfoods.pe,2025-02-01,2026-01-31\n\
         Security,Guardia SAC,Tomás Rey,not an address,2025-03-01,2026-02-28\n\
         Catering,Sabor SAC,Ana Ruiz,,2025-04-01,2026-03-31\n",
    )
    .unwrap();
    let mut s = store();
    s.add_person("Rosa Vega", Some("rosa@andesfoods.pe"), None)
        .unwrap();
    let report = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert_eq!(report.imported, 4, "{:#?}", report.rows);
    // Lucía once; Tomás's address is refused naming the row; Ana has no address.
    assert_eq!(report.people_added, vec!["Lucía Paredes".to_string()]);
    assert_eq!(
        report.people_refused.len(),
        1,
        "{:?}",
        report.people_refused
    );
    assert!(
        report.people_refused[0].starts_with("row 4: owner \"Tomás Rey\""),
        "{}",
        report.people_refused[0]
    );
    let lucia = s.person("lucía paredes").unwrap().unwrap();
    assert_eq!(lucia.email.as_deref(), Some("lucia.paredes@andesfoods.pe"));
    assert!(s.person("Tomás Rey").unwrap().is_none());

    // A second import adds nobody and changes no one already there.
    std::fs::write(
        &path,
        "Contract,Counterparty,Owner,Owner email,Start date,End date\n\
         Courier services,Rápido SAC,Lucía Paredes,lucia@elsewhere.pe,2025-01-01,2025-12-31\n\
         Gardening,Verde SAC,Rosa Vega,rosa.vega@other.pe,2025-05-01,2026-04-30\n",
    )
    .unwrap();
    let again = import_register(&mut s, &path, None, None, as_of()).unwrap();
    assert!(again.people_added.is_empty(), "{:?}", again.people_added);
    assert_eq!(
        s.person("Lucía Paredes").unwrap().unwrap().email.as_deref(),
        Some("lucia.paredes@andesfoods.pe")
    );
    assert_eq!(
        s.person("Rosa Vega").unwrap().unwrap().email.as_deref(),
        Some("rosa@andesfoods.pe")
    );
}

/// Fuzz findings (issue 13 item 5, the register target's first run): damaged .xlsx files on
/// which the workbook reader (calamine 0.38) panics with an arithmetic overflow while reading
/// a cell reference. Each is refused naming the file, and nothing is stored.
#[test]
fn damaged_workbooks_found_by_the_fuzzer_are_refused_not_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-register");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for path in files {
        let mut s = store();
        let err = import_register(&mut s, &path, None, None, as_of()).unwrap_err();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let message = err.to_string();
        assert!(message.contains(&name), "{message}");
        assert!(
            message.contains("cannot be read as a spreadsheet"),
            "{message}"
        );
        assert_eq!(s.count().unwrap(), 0);
    }
}
