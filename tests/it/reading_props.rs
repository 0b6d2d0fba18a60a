//! Property tests of the reader (issue 10, Tests): a date written in any supported format
//! reads back to itself, and a renewal sentence with random N and M yields renewal N and
//! notice M, never swapped, in English and Spanish.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use renewal_core::adapters::import::formats::read_bytes;
use renewal_core::adapters::import::reading::{read, Reading};
use renewal_core::domain::dates::{Period, PeriodUnit};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MESES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn ordinal(d: u32) -> String {
    let suffix = match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{d}{suffix}")
}

/// `date` written in format `f` (English 0–5, Spanish 6–8).
fn written(date: NaiveDate, f: usize) -> String {
    let (d, m, y) = (date.day(), date.month0() as usize, date.year());
    match f {
        0 => format!("{d} {} {y}", MONTHS[m]),
        1 => format!("{} {d}, {y}", MONTHS[m]),
        2 => format!("the {} day of {}, {y}", ordinal(d), MONTHS[m]),
        3 => date.format("%Y-%m-%d").to_string(),
        4 => format!("{} {}, {y}", MONTHS[m], ordinal(d)),
        5 => format!("{d} {} {y}", &MONTHS[m][..3]),
        6 => format!("{d} de {} de {y}", MESES[m]),
        7 => format!("{d:02} de {} del {y}", MESES[m]),
        _ => format!("{d} de {} de {y}", MESES[m].to_uppercase()),
    }
}

fn reading(text: &str) -> Reading {
    let doc = read_bytes("prop.txt", text.as_bytes()).expect("a plain-text document reads");
    read(&doc)
}

fn period(amount: u32, unit: PeriodUnit) -> Period {
    Period { amount, unit }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_date_in_any_supported_format_reads_back_to_itself(
        days in 0i64..(200 * 365),
        f in 0usize..9,
    ) {
        let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let text = if f < 6 {
            format!(
                "SUPPLY AGREEMENT\n\nThis Supply Agreement is made and entered into as of {} (the \"Effective Date\") by and between Acme Corp. and Widget LLC.\n",
                written(date, f)
            )
        } else {
            format!(
                "CONTRATO DE SUMINISTRO\n\nEl presente contrato entra en vigencia el {}, entre Acme S.A.C. y Widget S.A.\n",
                written(date, f)
            )
        };
        let r = reading(&text);
        let got = r.effective_date.as_ref().map(|e| e.value);
        prop_assert_eq!(got, Some(date), "{}", text);
    }

    #[test]
    fn a_renewal_sentence_yields_renewal_n_and_notice_m_never_swapped(
        template in 0usize..7,
        n in 1u32..=36,
        m in 1u32..=180,
        n_in_years in any::<bool>(),
    ) {
        // Renewal lengths in months or years; notice in days (templates 0–5) or, in 6,
        // months. Same-unit pairs (days and days) are covered by template 5.
        let (n_unit_en, n_unit_es, n_unit) = if n_in_years {
            ("year", "años", PeriodUnit::Years)
        } else {
            ("month", "meses", PeriodUnit::Months)
        };
        let n = if n_in_years { n.min(10) } else { n };
        let plural = |k: u32, w: &str| if k == 1 { w.to_string() } else { format!("{w}s") };
        let sentence = match template {
            0 => format!(
                "This Agreement shall automatically renew for successive periods of {n} {} unless either party gives written notice of non-renewal at least {m} days prior to the end of the then-current term.",
                plural(n, n_unit_en)
            ),
            1 => format!(
                "Unless either party notifies the other in writing at least {m} days before the expiration of the then-current term, this Agreement will renew automatically for additional {n}-{n_unit_en} terms."
            ),
            2 => format!(
                "Upon expiration of the Initial Term, this Agreement shall be automatically extended for consecutive renewal terms of {n} {} each, unless either party gives the other {m} days' prior written notice of its intent not to renew before the end of the then current term.",
                plural(n, n_unit_en)
            ),
            3 => format!(
                "El contrato se renovará automáticamente por periodos sucesivos de {n} {n_unit_es}, salvo que alguna de las partes comunique su decisión de no renovarlo con una anticipación no menor de {m} días al vencimiento del plazo vigente."
            ),
            4 => format!(
                "Salvo aviso en contrario cursado con {m} días de anticipación al vencimiento, el contrato se prorrogará automáticamente por plazos iguales de {n} {n_unit_es}."
            ),
            5 => format!(
                "This Order will automatically renew for additional {}-day terms unless either party provides written notice of non-renewal at least {m} days prior to the end of the then-current term.",
                n * 30
            ),
            _ => format!(
                "This Agreement renews automatically for successive terms of {n} {} unless either party gives notice of non-renewal at least {} {} before the end of the then-current term.",
                plural(n, n_unit_en),
                (m % 6) + 1,
                plural((m % 6) + 1, "month")
            ),
        };
        let text = format!(
            "SERVICES AGREEMENT\n\nThis Services Agreement is effective as of 3 March 2031 between Acme Corp. and Widget LLC.\n\n{sentence}\n"
        );
        let (want_renewal, want_notice) = match template {
            5 => (period(n * 30, PeriodUnit::Days), period(m, PeriodUnit::Days)),
            6 => (period(n, n_unit), period((m % 6) + 1, PeriodUnit::Months)),
            _ => (period(n, n_unit), period(m, PeriodUnit::Days)),
        };
        let r = reading(&text);
        let renewal = r.renewal_period.as_ref().map(|p| p.value);
        let notice = r.non_renewal_notice.as_ref().map(|p| p.value);
        prop_assert_eq!(renewal, Some(want_renewal), "renewal in: {}", sentence);
        prop_assert_eq!(notice, Some(want_notice), "notice in: {}", sentence);
        prop_assert_eq!(r.auto_renewal.as_ref().map(|a| a.value), Some(true));
    }
}

/// Number words the documents write before a figure: "two (2) years".
const WORDS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];
const PALABRAS: [&str; 10] = [
    "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn an_initial_term_in_words_and_figures_reads_as_its_length(
        template in 0usize..6,
        n in 1u32..=10,
    ) {
        let w = WORDS[(n - 1) as usize];
        let p = PALABRAS[(n - 1) as usize];
        let years = if n == 1 { "year" } else { "years" };
        let anos = if n == 1 { "año" } else { "años" };
        let sentence = match template {
            0 => format!("The initial term is {w} ({n}) {years}."),
            1 => format!("The initial term of this Agreement is {w} ({n}) {years}."),
            2 => format!("The term of this Supply Agreement shall be {w} ({n}) {years} from the Effective Date."),
            3 => format!("This Agreement shall have an initial term of {w} ({n}) {years}."),
            4 => format!("El plazo de este contrato es de {p} ({n}) {anos}."),
            _ => format!("La vigencia del contrato será de {p} ({n}) {anos} contados desde su suscripción."),
        };
        let text = format!(
            "SERVICES AGREEMENT\n\nThis Services Agreement is effective as of 3 April 2031 between Acme Corp. and Widget LLC.\n\n{sentence}\n"
        );
        let r = reading(&text);
        prop_assert_eq!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(period(n, PeriodUnit::Years)),
            "{}",
            sentence
        );
    }
}
