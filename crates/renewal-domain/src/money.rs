//! Money and quantities (renewal-rules.md §Money).
//!
//! Amounts are [`Decimal`] with an ISO 4217 currency code; floating point is never used.
//! `S/` is PEN; `$` is USD unless the agreement states otherwise (the importer records that
//! assumption as a warning, since `$` is also the Chilean peso's sign). `K` is thousand, `M`
//! million, `B`/`bn` billion: `S/250K/year` is 250,000 PEN per year.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How often an amount recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Per year (`/year`, `per annum`, `p.a.`).
    Year,
    /// Per month (`/month`).
    Month,
}

/// An amount of money in a currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money {
    /// The amount in the currency's units (PEN, USD, …), exact.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub amount: Decimal,
    /// ISO 4217 code, e.g. `"PEN"`, `"USD"`, `"CLP"`, `"EUR"`.
    pub currency: String,
}

impl Money {
    /// The display symbol: `S/` for PEN, `US$` for USD, `€` for EUR, `£` for GBP, `CLP$` for
    /// CLP, else the ISO code.
    pub fn symbol(&self) -> &str {
        currency_symbol(&self.currency)
    }
}

/// Display symbol for an ISO 4217 code (see [`Money::symbol`]).
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "PEN" => "S/",
        "USD" => "US$",
        "EUR" => "€",
        "GBP" => "£",
        "CLP" => "CLP$",
        other => other,
    }
}

impl fmt::Display for Money {
    /// `S/ 15,000,000`, `US$ 1,500,000.50`: symbol, a space, digits grouped by thousands.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.symbol(), group_digits(self.amount))
    }
}

/// A value stated in a table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Quantity {
    /// Money, optionally recurring.
    Money {
        /// The amount.
        money: Money,
        /// Recurrence, when stated (`/year`).
        per: Option<Per>,
        /// Words after the amount, e.g. `"technology investment"`.
        note: Option<String>,
    },
    /// A count, e.g. 50,000 subscribers.
    Count {
        /// The number.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        value: Decimal,
    },
    /// A percentage, e.g. 35 for `35%`.
    Percent {
        /// Percent points.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        value: Decimal,
    },
}

impl Quantity {
    /// The ISO currency code for money, else `None`.
    pub fn currency(&self) -> Option<&str> {
        match self {
            Quantity::Money { money, .. } => Some(&money.currency),
            _ => None,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Money { money, per, note } => {
                write!(f, "{money}")?;
                match per {
                    Some(Per::Year) => write!(f, " per year")?,
                    Some(Per::Month) => write!(f, " per month")?,
                    None => {}
                }
                if let Some(n) = note {
                    write!(f, " ({n})")?;
                }
                Ok(())
            }
            Quantity::Count { value } => f.write_str(&group_digits(*value)),
            Quantity::Percent { value } => write!(f, "{}%", value.normalize()),
        }
    }
}

/// `15000000` → `"15,000,000"`; `-1234.5` → `"-1,234.5"`. Exact: formats the decimal's digits.
pub fn group_digits(value: Decimal) -> String {
    let s = value.normalize().to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// What [`parse_quantity`] found, with the currency assumption it made, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuantity {
    /// The value.
    pub quantity: Quantity,
    /// Set when the currency sign was ambiguous and a default was taken (e.g. `$` as USD).
    pub assumption: Option<String>,
}

/// An amount written in a cell that cannot be read exactly: it is questioned (an error or a
/// warning naming the row), never dropped in silence nor replaced by a guess (issue 13
/// item 3).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Exponent form (`1e308`, `S/1e308M`, `2.5E6`): a contract writes its amounts out.
    #[error("\"{text}\" is written in exponent form; expected the amount written out, such as S/ 2,500,000 or S/2.5M")]
    Exponent {
        /// The cell as written.
        text: String,
    },
    /// More digits than an exact decimal holds (about ±7.9 × 10^28, 28 significant digits),
    /// after the `K`/`M`/`B` multiplier.
    #[error("\"{text}\" is outside the range of exact amounts (at most 79,228,162,514,264,337,593,543,950,335)")]
    OutOfRange {
        /// The cell as written.
        text: String,
    },
}

/// Reads a cell such as `S/15M technology investment`, `$3M`, `S/250K/year`, `50,000`,
/// `35%`, `USD 1,200`. `dollar_currency` is the ISO code that `$` stands for in this
/// agreement (`"USD"` unless the document says otherwise). Returns `None` when the cell does
/// not start with an amount, and also when it starts with one that cannot be read exactly
/// (see [`read_quantity`], which says why).
pub fn parse_quantity(cell: &str, dollar_currency: &str) -> Option<ParsedQuantity> {
    read_quantity(cell, dollar_currency).ok().flatten()
}

/// [`parse_quantity`], saying why an amount the cell starts with cannot be read: `Ok(None)`
/// when the cell is not an amount at all (`"Quarterly"`), `Err` when it is written in
/// exponent form ([`AmountError::Exponent`]) or exceeds the decimal range
/// ([`AmountError::OutOfRange`]).
pub fn read_quantity(
    cell: &str,
    dollar_currency: &str,
) -> Result<Option<ParsedQuantity>, AmountError> {
    let t = cell.trim();
    let exponent = || AmountError::Exponent {
        text: t.to_string(),
    };
    let out_of_range = || AmountError::OutOfRange {
        text: t.to_string(),
    };
    let rest = amount_text(t);
    let num_len = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .last();
    let Some(num_len) = num_len else {
        return Ok(None);
    };
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut after = rest[num_len..].chars();
    if matches!(after.next(), Some('e' | 'E')) {
        let mut next = after.next();
        if matches!(next, Some('+' | '-')) {
            next = after.next();
        }
        if next.is_some_and(|c| c.is_ascii_digit()) {
            return Err(exponent());
        }
    }
    let digits: String = rest[..num_len].chars().filter(|c| *c != ',').collect();
    let digits = digits.trim_end_matches('.');
    if digits.matches('.').count() > 1 {
        return Ok(None); // "1.2.3" is a clause number, not an amount
    }
    // More digits than a Decimal holds, or more than it keeps exactly (it would round them
    // away): the number must read back as written.
    let exact = digits
        .parse::<Decimal>()
        .is_ok_and(|v| v.normalize().to_string() == canonical_number(digits));
    if !exact {
        return Err(out_of_range());
    }
    match parse_quantity_exact(t, dollar_currency) {
        Some(p) => Ok(Some(p)),
        // The number itself is readable (checked above), so what failed is the multiplier.
        None if multiplied_overflows(&rest[num_len..], digits) => Err(out_of_range()),
        None => Ok(None),
    }
}

/// `"007.50"` → `"7.5"`, `"12."` → `"12"`, `"0.0"` → `"0"`: digits as a normalised
/// [`Decimal`] prints them.
fn canonical_number(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// The text after the currency sign or code of `t`, or `t` itself without one.
fn amount_text(t: &str) -> &str {
    let rest = ["S/", "US$", "CLP$", "€", "£", "$"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .or_else(|| {
            t.split_once(' ')
                .filter(|(c, _)| {
                    c.len() == 3
                        && c.chars().all(|ch| ch.is_ascii_uppercase())
                        && is_known_currency(c)
                })
                .map(|(_, r)| r)
        })
        .unwrap_or(t);
    rest.trim_start()
}

/// Whether `digits` times the multiplier `after` starts with (`K`, `M`, `B`, `bn`) leaves
/// the decimal range.
fn multiplied_overflows(after: &str, digits: &str) -> bool {
    let lower = after.to_ascii_lowercase();
    let mult: u64 = if lower.starts_with("bn") || lower.starts_with('b') {
        1_000_000_000
    } else if lower.starts_with('m') {
        1_000_000
    } else if lower.starts_with('k') {
        1_000
    } else {
        return false;
    };
    digits
        .parse::<Decimal>()
        .is_ok_and(|v| v.checked_mul(Decimal::from(mult)).is_none())
}

fn parse_quantity_exact(cell: &str, dollar_currency: &str) -> Option<ParsedQuantity> {
    let t = cell.trim();
    let (currency, rest, assumption) = if let Some(r) = t.strip_prefix("S/") {
        (Some("PEN".to_string()), r, None)
    } else if let Some(r) = t.strip_prefix("US$") {
        (Some("USD".to_string()), r, None)
    } else if let Some(r) = t.strip_prefix("CLP$") {
        (Some("CLP".to_string()), r, None)
    } else if let Some(r) = t.strip_prefix('€') {
        (Some("EUR".to_string()), r, None)
    } else if let Some(r) = t.strip_prefix('£') {
        (Some("GBP".to_string()), r, None)
    } else if let Some(r) = t.strip_prefix('$') {
        (
            Some(dollar_currency.to_string()),
            r,
            Some(format!(
                "\"$\" read as {dollar_currency} (it is also the Chilean peso's sign): confirm the currency"
            )),
        )
    } else if let Some((code, r)) = t.split_once(' ').filter(|(c, _)| {
        c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) && is_known_currency(c)
    }) {
        (Some(code.to_string()), r, None)
    } else {
        (None, t, None)
    };
    let rest = rest.trim_start();
    // number: digits, commas, one dot
    let num_len = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let num_text = &rest[..num_len];
    if !num_text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = num_text.chars().filter(|c| *c != ',').collect();
    let mut value: Decimal = digits.trim_end_matches('.').parse().ok()?;
    let mut after = &rest[num_len..];
    // multiplier
    let lower = after.to_ascii_lowercase();
    let (mult, skip) = if lower.starts_with("bn") {
        (Decimal::from(1_000_000_000u64), 2)
    } else if lower.starts_with('k') && !lower[1..].starts_with(|c: char| c.is_alphabetic()) {
        (Decimal::from(1_000u64), 1)
    } else if lower.starts_with('m') && !lower[1..].starts_with(|c: char| c.is_alphabetic()) {
        (Decimal::from(1_000_000u64), 1)
    } else if lower.starts_with('b') && !lower[1..].starts_with(|c: char| c.is_alphabetic()) {
        (Decimal::from(1_000_000_000u64), 1)
    } else {
        (Decimal::ONE, 0)
    };
    value = value.checked_mul(mult)?;
    after = &after[skip..];
    if currency.is_none() {
        if let Some(r) = after.strip_prefix('%') {
            if !r.trim().is_empty() {
                return None;
            }
            return Some(ParsedQuantity {
                quantity: Quantity::Percent { value },
                assumption: None,
            });
        }
        // a plain count must be the whole cell
        if !after.trim().is_empty() {
            return None;
        }
        return Some(ParsedQuantity {
            quantity: Quantity::Count { value },
            assumption: None,
        });
    }
    let currency = currency?;
    let after_l = after.trim_start().to_ascii_lowercase();
    let (per, consumed) = [
        ("/year", Per::Year),
        ("/yr", Per::Year),
        ("per year", Per::Year),
        ("per annum", Per::Year),
        ("p.a.", Per::Year),
        ("/month", Per::Month),
        ("/mo", Per::Month),
        ("per month", Per::Month),
    ]
    .iter()
    .find(|(p, _)| after_l.starts_with(p))
    .map(|(p, per)| (Some(*per), p.len()))
    .unwrap_or((None, 0));
    let note_text = after.trim_start()[consumed..].trim();
    let note = (!note_text.is_empty()).then(|| note_text.to_string());
    Some(ParsedQuantity {
        quantity: Quantity::Money {
            money: Money {
                amount: value,
                currency,
            },
            per,
            note,
        },
        assumption,
    })
}

fn is_known_currency(code: &str) -> bool {
    matches!(
        code,
        "PEN" | "USD" | "CLP" | "EUR" | "GBP" | "BRL" | "COP" | "MXN" | "ARS" | "CAD" | "AUD"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn money(q: &Quantity) -> (&Money, Option<Per>) {
        match q {
            Quantity::Money { money, per, .. } => (money, *per),
            other => panic!("not money: {other:?}"),
        }
    }

    #[test]
    fn reads_sol_amounts_with_multipliers() {
        let p = parse_quantity("S/15M technology investment", "USD").unwrap();
        let (m, per) = money(&p.quantity);
        assert_eq!(m.amount, Decimal::from(15_000_000));
        assert_eq!(m.currency, "PEN");
        assert_eq!(per, None);
        assert_eq!(p.assumption, None);
        assert_eq!(m.to_string(), "S/ 15,000,000");

        let p = parse_quantity("S/250K/year", "USD").unwrap();
        let (m, per) = money(&p.quantity);
        assert_eq!(m.amount, Decimal::from(250_000));
        assert_eq!(per, Some(Per::Year));

        let p = parse_quantity("S/1.5M", "USD").unwrap();
        assert_eq!(money(&p.quantity).0.amount, Decimal::from(1_500_000));
    }

    #[test]
    fn dollar_is_an_assumption() {
        let p = parse_quantity("$12M cloud consumption", "USD").unwrap();
        let (m, _) = money(&p.quantity);
        assert_eq!(m.currency, "USD");
        assert_eq!(m.amount, Decimal::from(12_000_000));
        assert!(p.assumption.unwrap().contains("Chilean peso"));
    }

    #[test]
    fn counts_and_percentages() {
        assert_eq!(
            parse_quantity("50,000", "USD").unwrap().quantity,
            Quantity::Count {
                value: Decimal::from(50_000)
            }
        );
        assert_eq!(
            parse_quantity("35%", "USD").unwrap().quantity,
            Quantity::Percent {
                value: Decimal::from(35)
            }
        );
        assert!(parse_quantity("Quarterly", "USD").is_none());
        assert!(parse_quantity("25 live", "USD").is_none());
        assert!(parse_quantity("99.99%", "USD").is_some());
    }

    #[test]
    fn exponent_form_and_out_of_range_amounts_are_refused_with_a_reason() {
        for cell in [
            "1e308",
            "S/1e308M",
            "2.5E6",
            "US$ 3e-2",
            "USD 1E+5 per year",
        ] {
            let e = read_quantity(cell, "USD").unwrap_err();
            assert_eq!(
                e,
                AmountError::Exponent {
                    text: cell.to_string()
                }
            );
            assert!(e.to_string().contains("exponent form"), "{e}");
            assert_eq!(parse_quantity(cell, "USD"), None);
        }
        for cell in [
            "99999999999999999999999999999999",
            "S/99999999999999999999999999999M",
            "$79228162514264337593543950335K",
            "1.00000000000000000000000000001",
        ] {
            let e = read_quantity(cell, "USD").unwrap_err();
            assert_eq!(
                e,
                AmountError::OutOfRange {
                    text: cell.to_string()
                },
                "{cell}"
            );
        }
        // The largest exact amount, and words that merely start with an e, still read.
        let max = read_quantity("79,228,162,514,264,337,593,543,950,335", "USD")
            .unwrap()
            .unwrap();
        assert_eq!(
            max.quantity,
            Quantity::Count {
                value: Decimal::MAX
            }
        );
        let p = read_quantity("S/15M each year", "USD").unwrap().unwrap();
        assert_eq!(money(&p.quantity).0.amount, Decimal::from(15_000_000));
        assert_eq!(
            money(&read_quantity("$3 each", "USD").unwrap().unwrap().quantity)
                .0
                .amount,
            Decimal::from(3)
        );
        assert_eq!(read_quantity("Quarterly", "USD"), Ok(None));
        assert_eq!(read_quantity("2e", "USD"), Ok(None));
    }

    #[test]
    fn grouping_is_exact() {
        assert_eq!(group_digits(Decimal::from(15_000_000)), "15,000,000");
        assert_eq!(
            group_digits(Decimal::from_str("-1234567.891").unwrap()),
            "-1,234,567.891"
        );
        assert_eq!(group_digits(Decimal::from(999)), "999");
    }
}
