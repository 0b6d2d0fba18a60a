//! The words of contracts, English and Spanish: numbers in words and figures, periods
//! ("sixty (60) days'", "seis (6) meses", "15 días hábiles"), dates ("1 January 2023",
//! "January 1, 2023", "1st day of June, 2019", "1° de abril de 2023", "2023-01-01",
//! "01/03/2024", "July 2025", "Q2 2025") and blanks ("______, 2020", "[***]").

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::domain::dates::{check_year, PartialDate, Period, PeriodUnit, MAX_PERIOD_DAYS};
use crate::domain::model::NoticeMethod;

#[allow(clippy::expect_used)] // the patterns are constants of this file, checked by the unit tests
pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant pattern"))
}

/// How the document orders the day and month of a numeric date ("01/03/2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    /// Day first (Spanish, UK and Latin American documents): 1 March 2024.
    DayFirst,
    /// Month first (United States documents): 3 January 2024.
    MonthFirst,
    /// Nothing decides: month first is read, with low confidence.
    Unknown,
}

/// The value of one number word (English or Spanish), e.g. `"sixty"` → 60, `"seis"` → 6.
fn word_value(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" | "un" | "uno" | "una" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        "ten" | "diez" => 10,
        "eleven" | "once" => 11,
        "twelve" | "doce" => 12,
        "thirteen" | "trece" => 13,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "sixteen" | "dieciséis" | "dieciseis" => 16,
        "seventeen" | "diecisiete" => 17,
        "eighteen" | "dieciocho" => 18,
        "nineteen" | "diecinueve" => 19,
        "twenty" | "veinte" => 20,
        "veintiuno" | "veintiún" | "veintiuna" => 21,
        "veintidós" | "veintidos" => 22,
        "veintitrés" | "veintitres" => 23,
        "veinticuatro" => 24,
        "veinticinco" => 25,
        "veintiséis" | "veintiseis" => 26,
        "veintisiete" => 27,
        "veintiocho" => 28,
        "veintinueve" => 29,
        "thirty" | "treinta" => 30,
        "forty" | "cuarenta" => 40,
        "fifty" | "cincuenta" => 50,
        "sixty" | "sesenta" => 60,
        "seventy" | "setenta" => 70,
        "eighty" | "ochenta" => 80,
        "ninety" | "noventa" => 90,
        "hundred" | "cien" | "ciento" => 100,
        _ => return None,
    })
}

/// Reads a number written in words, e.g. `["thirty", "six"]` → 36,
/// `["one", "hundred", "and", "eighty"]` → 180, `["ciento", "veinte"]` → 120.
pub fn words_number(words: &[&str]) -> Option<u32> {
    let mut total = 0u32;
    let mut any = false;
    for w in words {
        if *w == "and" || *w == "y" {
            continue;
        }
        let v = word_value(w)?;
        any = true;
        if v == 100 && *w == "hundred" {
            total = total.max(1) * 100;
        } else {
            total += v;
        }
    }
    any.then_some(total)
}

fn period_unit_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(?:(?:full|complete|whole)[ \-]+)?(?:(business|working|banking|calendar)[ \-]+)?(days?|weeks?|months?|years?|d[ií]as?|semanas?|meses|mes|años?)\b(?:[ \-]+(h[aá]biles|[uú]tiles|calendarios?|naturales|corridos))?",
    )
}

fn trailing_figure_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\(\s*(\d{1,5})\s*\)\s*[\-]?\s*$")
}

fn trailing_digits_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:^|[^\d.,/])(\d{1,5})\s*[\-]?\s*$")
}

fn word_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)[a-záéíóúñ]+")
}

fn trailing_words_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)((?:[a-záéíóúñ]+[ \-]+){0,4}[a-záéíóúñ]+)[ \-]*$")
}

/// Where the longest run of number words that ends `words` starts (an index into `words`,
/// each a byte offset and the lower-case word): `["of", "thirty", "six"]` → 1,
/// `["is", "two"]` → 1, `["one", "hundred", "and", "eighty"]` → 0. An article ("a", "un")
/// counts only alone, and a run never starts at "and"/"y". `None` when the last word is not
/// a number word.
fn number_words_run(words: &[(usize, String)]) -> Option<usize> {
    let ws: Vec<&str> = words.iter().map(|(_, w)| w.as_str()).collect();
    let article = |w: &&str| matches!(*w, "a" | "an" | "un" | "una");
    (1..=ws.len()).rev().find_map(|k| {
        let tail = &ws[ws.len() - k..];
        let bad_start = tail.first().is_some_and(|f| *f == "and" || *f == "y");
        let inner_article = k > 1 && tail.iter().any(article);
        (!bad_start && !inner_article && words_number(tail).is_some()).then(|| ws.len() - k)
    })
}

/// A period found in a text, with its byte span there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundPeriod {
    /// The period ("60 days").
    pub period: Period,
    /// Byte offset where it starts (at its number).
    pub start: usize,
    /// Byte offset just after its unit.
    pub end: usize,
}

/// Every period in `text`, in order: "thirty-six (36) months", "sixty (60) days'",
/// "one-year", "twelve months", "seis (6) meses", "noventa (90) días calendario",
/// "15 días hábiles", "20 Business Days", "one month's". "Business", "working" or
/// "hábiles" make [`PeriodUnit::BusinessDays`]; a plain "days"/"días" is calendar days
/// (renewal-rules.md rule 3). A unit with no number before it ("the month") is skipped, as is
/// a zero or an absurd one (over 100 years).
pub fn find_periods(text: &str) -> Vec<FoundPeriod> {
    let mut out = Vec::new();
    for c in period_unit_re().captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let unit_word = c
            .get(2)
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let business = c.get(1).is_some_and(|m| {
            let w = m.as_str().to_ascii_lowercase();
            w == "business" || w == "working" || w == "banking"
        }) || c.get(3).is_some_and(|m| {
            let w = m.as_str().to_lowercase();
            w.starts_with('h') || w.starts_with('ú') || w.starts_with('u')
        });
        let unit = if unit_word.starts_with("day")
            || unit_word.starts_with("dí")
            || unit_word.starts_with("di")
        {
            if business {
                PeriodUnit::BusinessDays
            } else {
                PeriodUnit::Days
            }
        } else if unit_word.starts_with("week") || unit_word.starts_with("semana") {
            PeriodUnit::Weeks
        } else if unit_word.starts_with("month") || unit_word.starts_with("mes") {
            PeriodUnit::Months
        } else {
            PeriodUnit::Years
        };
        // Spanish "mes"/"meses" are also plain words inside others; "año" needs a number.
        let before = &text[..whole.start()];
        let before = before.trim_end_matches([' ', '\u{a0}']);
        let (amount, start) = if let Some(f) = trailing_figure_re().captures(before) {
            let n: u32 = f[1].parse().unwrap_or(0);
            let fig_start = f.get(0).map_or(before.len(), |m| m.start());
            // the words before the figure ("sixty (60)") belong to the period too
            let words_before = &before[..fig_start];
            let start = trailing_words_re()
                .captures(words_before)
                .and_then(|w| {
                    // the number words right before the figure belong to the period
                    // ("thirty-six" of "thirty-six (36)", "ciento veinte" of "ciento
                    // veinte (120)"), not the words before them ("is" of "is two (2)")
                    let m = w.get(1)?;
                    let spans: Vec<(usize, String)> = word_re()
                        .find_iter(m.as_str())
                        .map(|x| (m.start() + x.start(), x.as_str().to_lowercase()))
                        .collect();
                    number_words_run(&spans).map(|at| spans[at].0)
                })
                .unwrap_or(fig_start);
            (n, start)
        } else if let Some(d) = trailing_digits_re().captures(before) {
            let m = d.get(1);
            (
                m.and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
                m.map_or(before.len(), |m| m.start()),
            )
        } else if let Some(w) = trailing_words_re().captures(before) {
            let Some(m) = w.get(1) else { continue };
            let spans: Vec<(usize, String)> = word_re()
                .find_iter(m.as_str())
                .map(|x| (m.start() + x.start(), x.as_str().to_lowercase()))
                .collect();
            // the longest run of number words that ends right before the unit
            let Some(at) = number_words_run(&spans) else {
                continue;
            };
            let ws: Vec<&str> = spans[at..].iter().map(|(_, w)| w.as_str()).collect();
            let Some(n) = words_number(&ws) else { continue };
            (n, spans[at].0)
        } else {
            continue;
        };
        if amount == 0 {
            continue;
        }
        let p = Period { amount, unit };
        if amount > Period::MAX_AMOUNT || p.approx_days() > MAX_PERIOD_DAYS {
            continue;
        }
        let end = c.get(2).map_or(whole.end(), |m| m.end());
        let end = if business { whole.end() } else { end };
        out.push(FoundPeriod {
            period: p,
            start,
            end,
        });
    }
    out
}

const MONTHS: &str = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";

/// Month number for an English or Spanish month name or English abbreviation.
pub fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_lowercase();
    let en = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let es = [
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
    if s == "setiembre" {
        return Some(9);
    }
    if let Some(i) = es.iter().position(|m| *m == s) {
        return Some(i as u32 + 1);
    }
    if s.len() >= 3 {
        if let Some(i) = en.iter().position(|m| s.starts_with(m)) {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?ix)
            (?:\b|_)(?P<d1>\d{{1,2}})\s*(?:st|nd|rd|th|s\s?t|n\s?d|r\s?d|t\s?h|°|º|o\b|ª)?\s*(?:day\s+of\s+|d[ií]as?\s+del\s+mes\s+de\s+|de\s+|of\s+)?(?P<m1>{m})\.?,?\s*(?:de(?:l)?\s+|,\s*)?(?P<y1>\d{{4}})\b
          | (?:\b|_)(?P<m2>{m})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th|s\s?t|n\s?d|r\s?d|t\s?h)?\s*[,.]?\s*(?P<y2>\d{{4}})\b
          | \b(?P<y3>\d{{4}})-(?P<mo3>\d{{1,2}})-(?P<d3>\d{{1,2}})\b
          | (?:\b|_)(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>\d{{4}})\b
          | (?:\b|_)(?P<a8>\d{{1,2}})(?:/(?P<b8>\d{{1,2}})/|-(?P<b9>\d{{1,2}})-)(?P<y8>\d{{2}})\b(?:[^/\d-]|$)
          | (?:\b|_)(?P<a7>\d{{1,2}})-(?P<b7>\d{{1,2}})-(?P<y7>\d{{4}})\b
          | \b(?P<m5>{m})\.?,?\s+(?:de(?:l)?\s+)?(?P<y5>\d{{4}})\b
          | \bQ(?P<q6>[1-4])\s*(?P<y6>\d{{4}})\b
            ",
            m = MONTHS
        ),
    )
}

/// Whether `text` holds a character `\d` matches (a Unicode decimal digit; `is_numeric`
/// takes every number character, a superset): every form of [`date_re`] needs one, so a
/// text without any is passed over without running the pattern (the reader's speed, issue
/// 10 item 7).
pub(crate) fn may_hold_digit(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || !c.is_ascii() && c.is_numeric())
}

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date, with the precision the text gives.
    pub date: PartialDate,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// A numeric date whose day/month order the document did not decide.
    pub ambiguous: bool,
}

/// A year the reader takes as a date's: 1900–2200 ([`check_year`], the one check of
/// every date read).
fn plausible_year(y: i32) -> bool {
    check_year(y, "").is_ok()
}

/// The first date in `text` (any form [`find_dates`] reads) whose year lies outside
/// 1900–2200: the year as written (`"0000"`) and the reason (`year 0000 is outside
/// 1900–2200`). [`find_dates`] skips such dates; a field recogniser that finds one where it
/// expects its date reports it instead of saying nothing (issue 13 item 3).
pub fn find_out_of_range_year(text: &str) -> Option<(String, String)> {
    if !may_hold_digit(text) {
        return None;
    }
    for c in date_re().captures_iter(text) {
        for k in ["y1", "y2", "y3", "y4", "y5", "y6", "y7"] {
            let Some(y) = c.name(k) else { continue };
            let Ok(year) = y.as_str().parse::<i32>() else {
                continue;
            };
            if let Err(reason) = check_year(year, y.as_str()) {
                return Some((y.as_str().to_string(), reason));
            }
        }
    }
    None
}

/// Every date in `text`, in order (see the module docs for the forms). `order` decides
/// "01/03/2024"; a numeric date whose parts cannot be a month in the other order is read
/// unambiguously ("13/03/2024" is day-first). Impossible dates (31 February) are skipped.
pub fn find_dates(text: &str, order: DayOrder) -> Vec<FoundDate> {
    if !may_hold_digit(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in date_re().captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let num = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<i64>().ok());
        let mon = |k: &str| c.name(k).and_then(|x| month_number(x.as_str()));
        let mut ambiguous = false;
        let date = if let (Some(d), Some(mo), Some(y)) = (num("d1"), mon("m1"), num("y1")) {
            day(y, mo as i64, d)
        } else if let (Some(mo), Some(d), Some(y)) = (mon("m2"), num("d2"), num("y2")) {
            day(y, mo as i64, d)
        } else if let (Some(y), Some(mo), Some(d)) = (num("y3"), num("mo3"), num("d3")) {
            day(y, mo, d)
        } else if let (Some(a), Some(b), Some(y)) = (
            num("a4").or(num("a7")).or(num("a8")),
            num("b4").or(num("b7")).or(num("b8")).or(num("b9")),
            num("y4")
                .or(num("y7"))
                // "7/1/98", "11/4/10": a two-digit year is of 1950–2049
                .or(num("y8").map(|y| if y < 50 { 2000 + y } else { 1900 + y })),
        ) {
            let (d, mo) = if a > 12 {
                (a, b)
            } else if b > 12 {
                (b, a)
            } else {
                match order {
                    DayOrder::DayFirst => (a, b),
                    DayOrder::MonthFirst => (b, a),
                    DayOrder::Unknown => {
                        ambiguous = a != b;
                        (b, a)
                    }
                }
            };
            day(y, mo, d)
        } else if let (Some(mo), Some(y)) = (mon("m5"), num("y5")) {
            let word = c.name("m5").map_or("", |x| x.as_str());
            // "May 2020" is a month; "may 2020" in a sentence is rare but "mar" is Spanish
            // for sea: only full month names or capitalised abbreviations count.
            if word.len() <= 3 && !word.starts_with(|ch: char| ch.is_uppercase()) {
                None
            } else if plausible_year(y as i32) {
                Some(PartialDate::Month {
                    year: y as i32,
                    month: mo,
                })
            } else {
                None
            }
        } else if let (Some(q), Some(y)) = (num("q6"), num("y6")) {
            plausible_year(y as i32).then_some(PartialDate::Quarter {
                year: y as i32,
                quarter: q as u32,
            })
        } else {
            None
        };
        if let Some(date) = date {
            out.push(FoundDate {
                date,
                start: m.start(),
                // a two-digit year's match takes the character after it (no look-ahead)
                end: c.name("y8").map_or(m.end(), |y| y.end()),
                ambiguous,
            });
        }
    }
    out
}

fn day(y: i64, m: i64, d: i64) -> Option<PartialDate> {
    let y = i32::try_from(y).ok()?;
    if !plausible_year(y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
        .map(|date| PartialDate::Day { date })
}

fn notice_method_res() -> &'static [(Regex, NoticeMethod)] {
    static R: OnceLock<Vec<(Regex, NoticeMethod)>> = OnceLock::new();
    R.get_or_init(|| {
        [
            (
                r"\b(?:by|in)\s+hand\b|\bhand[- ]deliver\w*|\bdeliver\w*\s+(?:by\s+hand|personally|in\s+person)|\bpersonal(?:ly)?\s+(?:deliver\w*|service|served)|\bin\s+person\b|\bentrega(?:d[oa]s?)?\s+(?:personal(?:mente)?|en\s+mano|directa)|\bpersonalmente\b|\ben\s+forma\s+personal\b|\ba\s+mano\b",
                NoticeMethod::HandDelivery,
            ),
            (
                r"\bcouriers?\b|\bovernight\s+(?:delivery|carrier|courier|service|mail)|\bexpress\s+(?:delivery|mail|courier|service)|\bfederal\s+express\b|\bfedex\b|\bdhl\b|\bmensajer[ií]a\b|\bmensajero\b",
                NoticeMethod::Courier,
            ),
            (
                r"\bregistered\s+(?:or\s+certified\s+)?(?:first[- ]class\s+)?(?:air\s*)?(?:mail|post|letter)|\bcertified\s+(?:or\s+registered\s+)?(?:mail|post|letter)|\brecorded\s+delivery\b|\breturn\s+receipt\b|\bcorreo\s+certificado\b|\bcarta\s+certificada\b|\bcorreo\s+registrado\b|\bburofax\b|\bcon\s+acuse\s+de\s+recibo\b",
                NoticeMethod::RegisteredMail,
            ),
            (
                r"\bfirst[- ]class\s+(?:mail|post)\b|\b(?:ordinary|regular|standard|prepaid|pre-paid)\s+(?:mail|post)\b|\b(?:united\s+states|u\.\s?s\.)\s+mail\b|\bby\s+(?:mail|post)\b|\bcorreo\s+(?:postal|ordinario)\b",
                NoticeMethod::Post,
            ),
            (
                r"\be-?mail\b|\belectronic\s+mail\b|\bcorreo\s+electr[oó]nico\b",
                NoticeMethod::Email,
            ),
            (
                r"\bfax\b|\bfacsimile\b|\btelecop\w+|\btelefax\b|\btelex\w*",
                NoticeMethod::Fax,
            ),
            (
                r"\bcartas?\s+notarial(?:es)?\b|\bv[ií]a\s+notarial\b|\bconducto\s+notarial\b|\bnotarial(?:mente)?\b|\bnotario\b|\bnotarial\s+letter\b|\bnotary\b",
                NoticeMethod::NotarialLetter,
            ),
        ]
        .into_iter()
        .filter_map(|(p, m)| Regex::new(&format!("(?i){p}")).ok().map(|r| (r, m)))
        .collect()
    })
}

/// The ways of delivering notice `text` names ("by hand, courier or registered mail",
/// "mediante carta notarial", "por correo electrónico"), each once, in the order they first
/// appear. Registered or certified mail is one method; ordinary post ("first-class mail",
/// "by mail") another. A fixed number of patterns, each run once over `text`.
pub fn find_notice_methods(text: &str) -> Vec<NoticeMethod> {
    let mut found: Vec<(usize, NoticeMethod)> = notice_method_res()
        .iter()
        .filter_map(|(r, m)| r.find(text).map(|x| (x.start(), *m)))
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, m)| m).collect()
}

fn blank_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)(?:_{3,}[^.;\n]{0,40}?(?:\d{4}|20_+|19_+)|\[\s*(?:\*\s*)+\]|\[\s*\]|\[redacted\]|\[●\]|\[•\]|\[_+\]|\bXX/XX/\d{4}|\[date\]|\[fecha\])",
    )
}

/// Where `text` has a blank or redacted date ("______, 2020", "____ day of ______ 2020",
/// "[***]", "[ ]"), its byte offset.
pub fn find_blank(text: &str) -> Option<usize> {
    // every blank holds three underscores, a bracket or a slash: most sentences are passed
    // over without running the pattern
    if !(text.contains("___") || text.contains('[') || text.contains('/')) {
        return None;
    }
    blank_re().find(text).map(|m| m.start())
}

/// Splits a paragraph into sentences: at `.`, `;` or `:` followed by white space and a
/// capital, a digit, a quote or an opening bracket, but not after common abbreviations
/// ("Inc.", "Ltd.", "No.", "S.A.", "U.S."). Returns byte ranges.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let ch = b[i];
        if (ch == b'.' || ch == b';') && i + 2 < b.len() && b[i + 1] == b' ' {
            let next = text[i + 1..].trim_start();
            let first = next.chars().next().unwrap_or(' ');
            let starts_new = first.is_uppercase()
                || first.is_ascii_digit()
                || matches!(first, '"' | '“' | '(' | '¿');
            let word_start = text[..i]
                .rfind(|c: char| c.is_whitespace() || c == '(')
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            let word = &text[word_start..i];
            let abbrev = ch == b'.'
                && (word.len() <= 2 && word.chars().all(|c| c.is_ascii_uppercase())
                    || word.contains('.')
                    || matches!(
                        word.to_ascii_lowercase().as_str(),
                        "inc"
                            | "ltd"
                            | "co"
                            | "corp"
                            | "no"
                            | "nos"
                            | "mr"
                            | "mrs"
                            | "ms"
                            | "dr"
                            | "st"
                            | "sec"
                            | "art"
                            | "arts"
                            | "e.g"
                            | "i.e"
                            | "etc"
                            | "vs"
                            | "v"
                            | "ltda"
                            | "s.a"
                            | "sr"
                            | "sra"
                            | "jr"
                            | "plc"
                            | "llc"
                            | "lp"
                            | "n°"
                            | "nº"
                            | "núm"
                            | "num"
                            | "para"
                            | "cl"
                            | "av"
                            | "ave"
                            | "tel"
                            | "fig"
                            | "pp"
                            | "p"
                            | "sa"
                            | "sac"
                            | "saa"
                            | "spa"
                    ));
            let numbered = word.chars().all(|c| c.is_ascii_digit() || c == '.')
                // "April. 1st 2019", "Dec. 8, 2005", a form's "_Dec. 8, 2005": a month
                // name written with a full stop before its day
                || first.is_ascii_digit()
                    && MONTHS.split('|').any(|m| {
                        m.eq_ignore_ascii_case(word.trim_start_matches(|c: char| !c.is_alphanumeric()))
                    });
            if starts_new && !abbrev && !numbered {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.into_iter()
        .map(|(s, e)| {
            let t = &text[s..e];
            let lead = t.len() - t.trim_start().len();
            (s + lead, e)
        })
        .filter(|(s, e)| e > s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Vec<(u32, PeriodUnit)> {
        find_periods(text)
            .into_iter()
            .map(|f| (f.period.amount, f.period.unit))
            .collect()
    }

    #[test]
    fn periods_in_words_and_figures() {
        assert_eq!(p("three (3) years"), vec![(3, PeriodUnit::Years)]);
        assert_eq!(p("sixty (60) days' notice"), vec![(60, PeriodUnit::Days)]);
        assert_eq!(p("a one-year term"), vec![(1, PeriodUnit::Years)]);
        assert_eq!(p("twelve months"), vec![(12, PeriodUnit::Months)]);
        assert_eq!(p("thirty-six (36) months"), vec![(36, PeriodUnit::Months)]);
        assert_eq!(p("seis (6) meses"), vec![(6, PeriodUnit::Months)]);
        assert_eq!(
            p("noventa (90) días calendario"),
            vec![(90, PeriodUnit::Days)]
        );
        assert_eq!(p("15 días hábiles"), vec![(15, PeriodUnit::BusinessDays)]);
        assert_eq!(p("20 Business Days"), vec![(20, PeriodUnit::BusinessDays)]);
        assert_eq!(p("one month's notice"), vec![(1, PeriodUnit::Months)]);
        assert_eq!(p("12-month terms"), vec![(12, PeriodUnit::Months)]);
        assert_eq!(p("un (1) año"), vec![(1, PeriodUnit::Years)]);
        assert_eq!(
            p("one hundred and eighty days"),
            vec![(180, PeriodUnit::Days)]
        );
        assert_eq!(p("the month of May"), vec![]);
        assert_eq!(p("0 days"), vec![]);
    }

    #[test]
    fn a_period_starts_at_the_first_of_its_number_words() {
        fn start(t: &str) -> Option<&str> {
            find_periods(t).first().map(|f| &t[f.start..f.end])
        }
        assert_eq!(
            start("an initial term of thirty-six (36) months."),
            Some("thirty-six (36) months")
        );
        assert_eq!(start("the term is two (2) years"), Some("two (2) years"));
        assert_eq!(
            start("un plazo de ciento veinte (120) días"),
            Some("ciento veinte (120) días")
        );
        assert_eq!(
            start("for a twelve (12) month period"),
            Some("twelve (12) month")
        );
        assert_eq!(start("within 30 days"), Some("30 days"));
    }

    fn d(text: &str, order: DayOrder) -> Option<(NaiveDate, bool)> {
        find_dates(text, order)
            .first()
            .and_then(|f| f.date.deadline().map(|x| (x, f.ambiguous)))
    }

    fn ymd(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
    }

    #[test]
    fn dates_in_every_form() {
        let o = DayOrder::Unknown;
        assert_eq!(d("1 January 2023", o), Some((ymd(2023, 1, 1), false)));
        assert_eq!(d("January 1, 2023", o), Some((ymd(2023, 1, 1), false)));
        assert_eq!(d("1st January 2023", o), Some((ymd(2023, 1, 1), false)));
        assert_eq!(
            d("the 15th day of March, 2001", o),
            Some((ymd(2001, 3, 15), false))
        );
        assert_eq!(d("2023-01-01", o), Some((ymd(2023, 1, 1), false)));
        assert_eq!(d("1 de marzo de 2024", o), Some((ymd(2024, 3, 1), false)));
        assert_eq!(d("1° de abril de 2023", o), Some((ymd(2023, 4, 1), false)));
        assert_eq!(
            d("01/03/2024", DayOrder::DayFirst),
            Some((ymd(2024, 3, 1), false))
        );
        assert_eq!(
            d("01/03/2024", DayOrder::MonthFirst),
            Some((ymd(2024, 1, 3), false))
        );
        assert_eq!(d("01/03/2024", o), Some((ymd(2024, 1, 3), true)));
        assert_eq!(d("13/03/2024", o), Some((ymd(2024, 3, 13), false)));
        assert_eq!(d("July 2025", o), Some((ymd(2025, 7, 1), false)));
        assert_eq!(d("Q2 2025", o), Some((ymd(2025, 6, 30), false)));
        assert_eq!(d("31 February 2025", o), None);
    }

    #[test]
    fn dashed_dates_and_dates_after_a_blank_line() {
        let o = DayOrder::MonthFirst;
        assert_eq!(
            d("as of 11-20-2017 (the", o),
            Some((ymd(2017, 11, 20), false))
        );
        assert_eq!(
            d("12-05-2019", DayOrder::Unknown),
            Some((ymd(2019, 12, 5), true))
        );
        assert_eq!(
            d("31-01-2020", DayOrder::Unknown),
            Some((ymd(2020, 1, 31), false))
        );
        assert_eq!(
            d("effective as of __Feb. 9, 2004", o),
            Some((ymd(2004, 2, 9), false))
        );
        assert_eq!(d("on ___14 March 2016", o), Some((ymd(2016, 3, 14), false)));
        // a phone number or a reference is not a date
        assert_eq!(d("call 604-684-2255", o), None);
        assert_eq!(d("ref 2019-13-40", o), None);
    }

    #[test]
    fn a_month_with_a_full_stop_before_its_day_does_not_end_a_sentence() {
        let t = "It starts on April. 1st 2019 as agreed. Then it ends.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec!["It starts on April. 1st 2019 as agreed.", "Then it ends."]
        );
    }

    #[test]
    fn notice_methods_in_english_and_spanish() {
        use NoticeMethod::*;
        assert_eq!(
            find_notice_methods("delivered by hand, courier or registered mail"),
            vec![HandDelivery, Courier, RegisteredMail]
        );
        assert_eq!(
            find_notice_methods(
                "sent by certified mail, return receipt requested, or by facsimile"
            ),
            vec![RegisteredMail, Fax]
        );
        assert_eq!(
            find_notice_methods("mediante carta notarial o por correo electrónico"),
            vec![NotarialLetter, Email]
        );
        assert_eq!(
            find_notice_methods("personally delivered or mailed by first-class mail"),
            vec![HandDelivery, Post]
        );
        assert_eq!(
            find_notice_methods("ninety (90) days' prior written notice"),
            vec![]
        );
    }

    #[test]
    fn blanks() {
        assert!(find_blank("dated ______, 2020").is_some());
        assert!(find_blank("the ____ day of ______ 2020").is_some());
        assert!(find_blank("Effective Date: [***]").is_some());
        assert!(find_blank("Effective Date: 1 May 2020").is_none());
        // the word test before the pattern lets each kind of blank through
        assert!(find_blank("dated xx/xx/2020").is_some());
        assert!(find_blank("Fecha: [FECHA]").is_some());
    }

    #[test]
    fn sentences_split_after_wide_spaces() {
        // U+202F (3 bytes in UTF-8) before a word ending a sentence, as in real filings
        let t = "dated as of\u{202f}Feb. 5th. Then it ends.";
        let s = sentences(t);
        assert_eq!(s.last().map(|(a, b)| &t[*a..*b]), Some("Then it ends."));
    }

    #[test]
    fn full_calendar_months_are_a_period() {
        let p: Vec<Period> =
            find_periods("for a period of twelve (12) full calendar months (\"Initial Term\")")
                .into_iter()
                .map(|p| p.period)
                .collect();
        assert_eq!(p, vec![Period::months(12)]);
        let p: Vec<Period> = find_periods("within ten (10) full business days")
            .into_iter()
            .map(|p| p.period)
            .collect();
        assert_eq!(
            p,
            vec![Period {
                amount: 10,
                unit: PeriodUnit::BusinessDays
            }]
        );
        // the near miss: "full" with no number is no period
        assert!(find_periods("payment in full months later").is_empty());
    }

    #[test]
    fn a_month_abbreviation_before_its_day_does_not_end_a_sentence() {
        let t = "This Agreement shall be effective as of _Dec. 8, 2005 (the Effective Date). It binds both.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "This Agreement shall be effective as of _Dec. 8, 2005 (the Effective Date).",
                "It binds both."
            ]
        );
        // the near miss: an abbreviation followed by a word, not a day, ends the sentence
        let t = "The fee is due in Dec. Either party may stop.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn sentences_split_after_periods_not_abbreviations() {
        let t = "Acme Inc. agrees. 12.2 Renewal. This renews; Either party may stop.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "Acme Inc. agrees.",
                "12.2 Renewal.",
                "This renews;",
                "Either party may stop."
            ]
        );
    }
}
