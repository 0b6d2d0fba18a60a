//! Register cells as spreadsheets really hold them: real dates, numbers, booleans and text
//! typed by people ("15/03/2024", "15 de marzo de 2024", "Sí", "90 días", "S/ 12 000").
//!
//! Every reader returns the value or a message saying what the cell holds and what was
//! expected; the caller adds the row and the column. A blank cell is never read as zero or
//! "no": it is a gap ([`Cell::is_blank`]), and the callers leave the field unknown.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::dates::{PartialDate, Period, PeriodUnit, MAX_PERIOD_DAYS};

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell (or only spaces).
    Empty,
    /// Text as typed (a CSV cell is always text).
    Text(String),
    /// A number cell of a spreadsheet (XLSX/ODS), as stored (IEEE double).
    Number(f64),
    /// A real date cell of a spreadsheet (its time of day, if any, dropped).
    Date(NaiveDate),
    /// A real boolean cell (`TRUE`/`FALSE`).
    Bool(bool),
}

impl Cell {
    /// A text cell, or [`Cell::Empty`] when `text` is only spaces.
    pub fn text(text: &str) -> Cell {
        let t = text.trim();
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t.to_string())
        }
    }

    /// True when the cell holds nothing: a gap, not a zero.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as people read it: a date as `YYYY-MM-DD`, a number written out in full
    /// (`1200000.5`, never in exponent form), `TRUE`/`FALSE`, text as typed.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// A number written out without exponent (`1200000`, `0.25`), via its decimal form.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Exact: a whole number below 2^53 converts without loss.
        #[allow(clippy::cast_possible_truncation)]
        return (n as i64).to_string();
    }
    Decimal::from_f64_retain(n)
        .map(|d| d.round_dp(6).normalize().to_string())
        .unwrap_or_else(|| n.to_string())
}

/// How an all-number date (`03/04/2024`) whose day and month could both be either is
/// read. The rule (docs/register.md, "Dates"): when one reading is impossible (`15/03`)
/// the other is taken; otherwise day first (`dd/mm/yyyy`, as in Peru, Chile and Spanish
/// registers), unless the row's country is the United States (`mm/dd/yyyy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `dd/mm/yyyy`.
    DayFirst,
    /// `mm/dd/yyyy`.
    MonthFirst,
}

/// Lower-case, accents removed (`á` → `a`, `ñ` → `n`), for matching words.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The month (1–12) an English or Spanish month name or abbreviation names (`mar`,
/// `March`, `marzo`, `set`, `sept.`).
fn month_number(word: &str) -> Option<u32> {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    const NAMES: [(&[&str], u32); 12] = [
        (&["jan", "january", "ene", "enero"], 1),
        (&["feb", "february", "febrero"], 2),
        (&["mar", "march", "marzo"], 3),
        (&["apr", "april", "abr", "abril"], 4),
        (&["may", "mayo"], 5),
        (&["jun", "june", "junio"], 6),
        (&["jul", "july", "julio"], 7),
        (&["aug", "august", "ago", "agosto"], 8),
        (
            &["sep", "sept", "september", "set", "septiembre", "setiembre"],
            9,
        ),
        (&["oct", "october", "octubre"], 10),
        (&["nov", "november", "noviembre"], 11),
        (&["dec", "december", "dic", "diciembre"], 12),
    ];
    NAMES
        .iter()
        .find(|(names, _)| names.contains(&w))
        .map(|(_, m)| *m)
}

/// The years a register date may fall in (as the importer: renewal-rules.md dates).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn check_year(d: NaiveDate, written: &str) -> Result<NaiveDate, String> {
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "\"{written}\": the year {} is outside 1900–2200",
            d.year()
        ))
    }
}

fn day(year: i32, month: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    if !YEARS.contains(&year) {
        return Err(format!(
            "\"{written}\": the year {year} is outside 1900–2200"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| {
        format!("\"{written}\" is not a day of the calendar (month {month} has no day {d})")
    })
}

/// Reads a date cell: a real date cell, or text written `15/03/2024`, `15-03-2024`,
/// `15.03.2024` (order: [`DateOrder`]), `2024-03-15`, `2024/03/15`, `15 Mar 2024`,
/// `15-mar-2024`, `15 de marzo de 2024`, `March 15, 2024`, `1 March 2024`.
///
/// Errors (the message quotes the cell): a number cell (a spreadsheet date stored as a
/// plain number is not guessed), an impossible day (`31/02/2024`), a year outside
/// 1900–2200, a two-digit year, a month or a quarter without a day, anything else.
pub fn read_date(cell: &Cell, order: DateOrder) -> Result<NaiveDate, String> {
    let text = match cell {
        Cell::Date(d) => return check_year(*d, &d.to_string()),
        Cell::Text(t) => t.trim(),
        Cell::Number(n) => {
            return Err(format!(
                "{} is a number, not a date: format the cell as a date or write it as 2024-03-15",
                number_text(*n)
            ))
        }
        Cell::Bool(_) | Cell::Empty => {
            return Err(format!(
                "\"{}\" is not a date: expected e.g. 15/03/2024 or 2024-03-15",
                cell.display()
            ))
        }
    };
    let expected = "expected a date such as 15/03/2024, 2024-03-15 or 15 March 2024";
    // Times after the date (a CSV written by a spreadsheet: "2024-03-15 00:00:00").
    let date_part = text
        .split_once(['T', ' '])
        .filter(|(d, rest)| {
            d.chars().any(|c| c == '-' || c == '/') && rest.trim_start().contains(':')
        })
        .map_or(text, |(d, _)| d);
    let nums: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    if nums.len() == 3
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit()))
    {
        let v: Vec<u32> = nums.iter().filter_map(|n| n.parse().ok()).collect();
        let [a, b, c] = v[..] else {
            return Err(format!("\"{text}\": {expected}"));
        };
        if nums[0].len() == 4 {
            return day(a as i32, b, c, text);
        }
        if nums[2].len() != 4 {
            return Err(format!(
                "\"{text}\": write the year in full (four digits), e.g. 15/03/2024"
            ));
        }
        let year = c as i32;
        let (d, m) = if a > 12 {
            (a, b)
        } else if b > 12 {
            (b, a)
        } else {
            match order {
                DateOrder::DayFirst => (a, b),
                DateOrder::MonthFirst => (b, a),
            }
        };
        return day(year, m, d, text);
    }
    // Words: "15 de marzo de 2024", "15 Mar 2024", "15-mar-2024", "March 15, 2024".
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && *w != "de" && *w != "del" && *w != "of")
        .collect();
    if words.len() == 3 {
        let num = |w: &str| -> Option<u32> {
            let w = w.trim_end_matches(['.', 'o', 'º']);
            let w = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))
                .unwrap_or(w);
            w.parse().ok()
        };
        let year = |w: &str| -> Option<i32> {
            (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                .then(|| w.parse().ok())
                .flatten()
        };
        let found = match (
            num(words[0]),
            month_number(words[0]),
            month_number(words[1]),
            num(words[1]),
            year(words[2]),
        ) {
            (Some(d), _, Some(m), _, Some(y)) => Some((y, m, d)),
            (_, Some(m), _, Some(d), Some(y)) => Some((y, m, d)),
            _ => None,
        };
        if let Some((y, m, d)) = found {
            return day(y, m, d, text);
        }
        if words
            .iter()
            .any(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_digit()))
            && year(words[2]).is_none()
        {
            return Err(format!(
                "\"{text}\": write the year in full (four digits), e.g. 15 March 2024"
            ));
        }
    }
    match PartialDate::parse(text) {
        Ok(PartialDate::Day { date }) => check_year(date, text),
        Ok(other) => Err(format!(
            "\"{text}\" ({other}) has no day: expected a full date such as 15/03/2024"
        )),
        Err(e) => Err(format!("\"{text}\": {}; {expected}", e.reason)),
    }
}

/// Reads a yes/no cell: a boolean cell, `1`/`0`, or `Y`, `Yes`, `Sí`, `Si`, `S`, `TRUE`,
/// `Verdadero`, `X` (ticked) for yes and `N`, `No`, `FALSE`, `Falso` for no (any case,
/// accents optional).
///
/// Errors: anything else, quoted, with what was expected.
pub fn read_bool(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => return Ok(*b),
        Cell::Number(n) if *n == 1.0 => return Ok(true),
        Cell::Number(n) if *n == 0.0 => return Ok(false),
        _ => {}
    }
    let t = fold(cell.display().trim());
    match t.trim_end_matches('.') {
        "y" | "yes" | "si" | "s" | "true" | "verdadero" | "1" | "x" => Ok(true),
        "n" | "no" | "false" | "falso" | "0" => Ok(false),
        _ => Err(format!(
            "\"{}\": expected yes or no (Y, Yes, Sí, TRUE, 1 / N, No, FALSE, 0)",
            cell.display()
        )),
    }
}

/// Reads a period cell: `90 days`, `3 months`, `1 year`, `2 weeks`, `90 días`, `12 meses`,
/// `1 año`, `2 semanas` (singular or plural, `d`/`m`/`y` abbreviations too), or a bare
/// number when the column's header names the unit (`bare_unit`, e.g. "Notice (days)").
///
/// Business days (`30 business days`, `30 días hábiles`) are kept as such (counted on
/// the agreement's calendar, rule 3).
///
/// Errors: a bare number without a unit in the header, zero, more than 100 years,
/// anything else.
pub fn read_period(cell: &Cell, bare_unit: Option<PeriodUnit>) -> Result<Period, String> {
    let written = cell.display();
    let folded = fold(written.trim());
    let expected = "expected a period such as 90 days, 3 months, 1 year, 90 días or 12 meses";
    let (number, unit_word) = match cell {
        Cell::Number(n) => (number_text(*n), String::new()),
        Cell::Text(_) => {
            let split = folded
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(folded.len());
            (
                folded[..split].to_string(),
                folded[split..].trim().to_string(),
            )
        }
        _ => return Err(format!("\"{written}\": {expected}")),
    };
    if number.is_empty() {
        return Err(format!("\"{written}\": {expected}"));
    }
    let amount: u32 = number
        .parse()
        .map_err(|_| format!("\"{written}\": expected a whole number of days, months or years"))?;
    let unit_word = unit_word.trim_end_matches('.');
    let business = unit_word.contains("habil") || unit_word.contains("business");
    let unit = match unit_word {
        _ if business => PeriodUnit::BusinessDays,
        "" => bare_unit.ok_or_else(|| {
            format!(
                "\"{written}\" has no unit: write it as 90 days or 3 months, or name the unit in the column's header, e.g. \"Notice (days)\""
            )
        })?,
        "d" | "day" | "days" | "dia" | "dias" => PeriodUnit::Days,
        "w" | "wk" | "week" | "weeks" | "semana" | "semanas" => PeriodUnit::Weeks,
        "m" | "mo" | "month" | "months" | "mes" | "meses" => PeriodUnit::Months,
        "y" | "yr" | "year" | "years" | "ano" | "anos" => PeriodUnit::Years,
        other => {
            return Err(format!(
                "\"{written}\": \"{other}\" is not a unit; expected days, weeks, months or years (días, semanas, meses, años)"
            ))
        }
    };
    if amount == 0 {
        return Err(format!("\"{written}\": expected a period longer than zero"));
    }
    let p = Period { amount, unit };
    if p.approx_days() > MAX_PERIOD_DAYS {
        return Err(format!("\"{written}\" is longer than 100 years"));
    }
    Ok(p)
}

/// The unit a header names for bare numbers: "Notice (days)", "Plazo (meses)",
/// "Term (years)" (English and Spanish, accents optional).
pub fn unit_in_header(header: &str) -> Option<PeriodUnit> {
    let h = fold(header);
    let words: Vec<&str> = h
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().rev().find_map(|w| match *w {
        "day" | "days" | "dia" | "dias" | "d" => Some(PeriodUnit::Days),
        "week" | "weeks" | "semanas" => Some(PeriodUnit::Weeks),
        "month" | "months" | "mes" | "meses" => Some(PeriodUnit::Months),
        "year" | "years" | "ano" | "anos" => Some(PeriodUnit::Years),
        _ => None,
    })
}

/// An amount read from a cell, with the currency its sign or code names, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellAmount {
    /// The amount, exact.
    pub amount: Decimal,
    /// ISO 4217 code named in the cell (`S/` → PEN, `US$` → USD, `USD 1,200` → USD); `$`
    /// alone gives `None` (it is also the Chilean peso's sign: the currency column, or
    /// USD with a warning, decides).
    pub currency: Option<String>,
    /// True when the cell's sign was `$` alone.
    pub dollar_sign: bool,
}

/// Reads an amount cell: a number cell, or text such as `1,200,000.00`, `1.200.000,00`,
/// `S/ 12 000`, `USD 45,000`, `$3,500.50`, `CLP 12.000.000`.
///
/// Separators: the last `.` or `,` followed by one or two digits is the decimal mark;
/// every other `.`, `,`, space or no-break space groups thousands (so `1.200` and `1,200`
/// are both one thousand two hundred: registers do not write three decimals).
///
/// Errors: no digits, letters left after the currency, a negative or zero amount, a
/// grouping that cannot be read (`1,2,3`), more digits than an exact decimal holds.
pub fn read_amount(cell: &Cell) -> Result<CellAmount, String> {
    let written = cell.display();
    if let Cell::Number(n) = cell {
        let amount: Decimal = number_text(*n)
            .parse()
            .map_err(|_| format!("{written}: expected an amount"))?;
        if amount <= Decimal::ZERO {
            return Err(format!("{written}: expected a positive amount"));
        }
        return Ok(CellAmount {
            amount,
            currency: None,
            dollar_sign: false,
        });
    }
    let mut t = written.trim().to_string();
    let mut currency = None;
    let mut dollar_sign = false;
    const SIGNS: [(&str, &str); 8] = [
        ("S/.", "PEN"),
        ("S/", "PEN"),
        ("US$", "USD"),
        ("USD$", "USD"),
        ("CLP$", "CLP"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("$", ""),
    ];
    for (sign, code) in SIGNS {
        if let Some(rest) = t.strip_prefix(sign).or_else(|| t.strip_suffix(sign)) {
            if code.is_empty() {
                dollar_sign = true;
            } else {
                currency = Some(code.to_string());
            }
            t = rest.trim().to_string();
            break;
        }
    }
    // An ISO code before or after the number: "USD 45,000", "12.000.000 CLP".
    let upper = t.to_ascii_uppercase();
    if let Some((code, rest)) = upper
        .split_once(char::is_whitespace)
        .filter(|(c, _)| c.len() == 3 && c.chars().all(|x| x.is_ascii_alphabetic()))
    {
        currency = Some(code.to_string());
        t = rest.trim().to_string();
    } else if let Some((rest, code)) = upper
        .rsplit_once(char::is_whitespace)
        .filter(|(_, c)| c.len() == 3 && c.chars().all(|x| x.is_ascii_alphabetic()))
    {
        currency = Some(code.to_string());
        t = rest.trim().to_string();
    }
    let expected = "expected an amount such as 1,200,000.00, 1.200.000,00 or S/ 12 000";
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
    {
        return Err(format!("\"{written}\": {expected}"));
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    // The decimal mark: the last separator when one or two digits follow it.
    let last_sep = compact.rfind(['.', ',']);
    let (int_part, frac_part) = match last_sep {
        Some(i) if (1..=2).contains(&(compact.len() - i - 1)) => {
            (&compact[..i], Some(&compact[i + 1..]))
        }
        _ => (&compact[..], None),
    };
    // Every remaining separator groups exactly three digits.
    let groups: Vec<&str> = int_part.split(['.', ',']).collect();
    if groups.iter().any(|g| g.is_empty())
        || groups.iter().skip(1).any(|g| g.len() != 3)
        || groups
            .first()
            .is_some_and(|g| g.len() > 3 && groups.len() > 1)
    {
        return Err(format!(
            "\"{written}\": the thousands are not grouped in threes; {expected}"
        ));
    }
    let digits = groups.concat();
    let number = match frac_part {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let amount: Decimal = number
        .parse()
        .map_err(|_| format!("\"{written}\" is outside the range of exact amounts"))?;
    if amount <= Decimal::ZERO {
        return Err(format!("\"{written}\": expected a positive amount"));
    }
    Ok(CellAmount {
        amount,
        currency,
        dollar_sign,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::text(s)
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_forms_registers_use() {
        let df = DateOrder::DayFirst;
        assert_eq!(read_date(&t("15/03/2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(read_date(&t("2024-03-15"), df), Ok(d(2024, 3, 15)));
        assert_eq!(read_date(&t("15 Mar 2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(read_date(&t("15-mar-2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(read_date(&t("15 de marzo de 2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(
            read_date(&t("1 de setiembre de 2025"), df),
            Ok(d(2025, 9, 1))
        );
        assert_eq!(read_date(&t("March 15, 2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(read_date(&t("2024-03-15 00:00:00"), df), Ok(d(2024, 3, 15)));
        // Ambiguous: day first, unless the order says month first.
        assert_eq!(read_date(&t("03/04/2024"), df), Ok(d(2024, 4, 3)));
        assert_eq!(
            read_date(&t("03/04/2024"), DateOrder::MonthFirst),
            Ok(d(2024, 3, 4))
        );
        // One reading impossible: the other.
        assert_eq!(read_date(&t("03/15/2024"), df), Ok(d(2024, 3, 15)));
        assert_eq!(
            read_date(&Cell::Date(d(2024, 3, 15)), df),
            Ok(d(2024, 3, 15))
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_the_cell_quoted() {
        let df = DateOrder::DayFirst;
        let e = read_date(&t("31/02/2024"), df).unwrap_err();
        assert!(e.contains("31/02/2024") && e.contains("no day 31"), "{e}");
        let e = read_date(&t("15/03/1850"), df).unwrap_err();
        assert!(e.contains("1900–2200"), "{e}");
        let e = read_date(&t("15/03/24"), df).unwrap_err();
        assert!(e.contains("four digits"), "{e}");
        let e = read_date(&Cell::Number(45366.0), df).unwrap_err();
        assert!(e.contains("number, not a date"), "{e}");
        assert!(read_date(&t("next year"), df).is_err());
        assert!(read_date(&t("31 de febrero de 2025"), df).is_err());
    }

    #[test]
    fn booleans_and_periods() {
        for y in ["Y", "Yes", "Sí", "Si", "TRUE", "1", "x"] {
            assert_eq!(read_bool(&t(y)), Ok(true), "{y}");
        }
        for n in ["N", "No", "FALSE", "0", "falso"] {
            assert_eq!(read_bool(&t(n)), Ok(false), "{n}");
        }
        assert_eq!(read_bool(&Cell::Bool(true)), Ok(true));
        assert!(read_bool(&t("maybe")).is_err());
        assert_eq!(read_period(&t("90 days"), None), Ok(Period::days(90)));
        assert_eq!(read_period(&t("90 días"), None), Ok(Period::days(90)));
        assert_eq!(read_period(&t("12 meses"), None), Ok(Period::months(12)));
        assert_eq!(read_period(&t("3 months"), None), Ok(Period::months(3)));
        assert_eq!(read_period(&t("1 año"), None), Ok(Period::years(1)));
        assert_eq!(read_period(&t("1 year"), None), Ok(Period::years(1)));
        assert_eq!(
            read_period(&Cell::Number(60.0), Some(PeriodUnit::Days)),
            Ok(Period::days(60))
        );
        assert!(read_period(&t("60"), None).unwrap_err().contains("no unit"));
        assert_eq!(
            read_period(&t("30 días hábiles"), None),
            Ok(Period {
                amount: 30,
                unit: PeriodUnit::BusinessDays
            })
        );
        assert_eq!(unit_in_header("Notice (days)"), Some(PeriodUnit::Days));
        assert_eq!(unit_in_header("Plazo (meses)"), Some(PeriodUnit::Months));
        assert_eq!(unit_in_header("Notice"), None);
    }

    #[test]
    fn amounts_with_either_decimal_mark_and_a_currency() {
        let a = |s: &str| read_amount(&t(s)).unwrap();
        assert_eq!(a("1,200,000.00").amount, Decimal::from(1_200_000));
        assert_eq!(a("1.200.000,00").amount, Decimal::from(1_200_000));
        let pen = a("S/ 12 000");
        assert_eq!(pen.amount, Decimal::from(12_000));
        assert_eq!(pen.currency.as_deref(), Some("PEN"));
        assert_eq!(a("USD 45,000").currency.as_deref(), Some("USD"));
        assert_eq!(a("12.000.000 CLP").amount, Decimal::from(12_000_000));
        let usd = a("$3,500.50");
        assert_eq!(usd.amount, "3500.50".parse::<Decimal>().unwrap());
        assert!(usd.dollar_sign && usd.currency.is_none());
        assert_eq!(
            read_amount(&Cell::Number(250000.5)).unwrap().amount,
            "250000.5".parse::<Decimal>().unwrap()
        );
        assert!(read_amount(&t("1,2,3")).is_err());
        assert!(read_amount(&t("about 5 million")).is_err());
        assert!(read_amount(&t("0")).is_err());
    }
}
