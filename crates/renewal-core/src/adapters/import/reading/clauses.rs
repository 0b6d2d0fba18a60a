//! The recognisers: blocks → renewal fields, English and Spanish. Each recogniser reads
//! sentences (a key/value block is one sentence whose key names the field) and ranks its
//! candidates; the best one wins, the first in the document among equals. A recogniser
//! that has to choose (two readings, an ambiguous date, a period away from any renewal
//! sentence) says `low` confidence and adds a warning.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::blocks::{Block, BlockKind};
use super::lexicon::{
    find_blank, find_dates, find_notice_methods, find_out_of_range_year, find_periods, re,
    sentences, DayOrder, FoundDate, FoundPeriod,
};
use super::{
    whole_months, Convenience, Expiry, Found, Language, Loc, NoticeServiceReading, Reading, Refusal,
};
use crate::adapters::import::Format;
use crate::domain::dates::{PartialDate, Period};
use crate::domain::model::{Confidence, NoticeMethod, Warning};

/// One sentence of the document (or one key/value block).
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The sentence (the value, for a key/value block).
    pub text: &'a str,
    /// Lower-cased `text`.
    pub lower: String,
    /// The key of a key/value block, lower-cased.
    pub key: Option<String>,
    /// The heading or clause heading this sentence is under, lower-cased.
    pub topic: String,
    /// The block it comes from.
    pub block: &'a Block,
    /// Index of the unit in the document.
    pub index: usize,
    /// The periods of `text`, found once ([`Unit::periods`]).
    periods: std::cell::OnceCell<Vec<FoundPeriod>>,
    /// The dates of `text` and the day order they were read with ([`Unit::dates`]).
    dates: std::cell::OnceCell<(DayOrder, Vec<FoundDate>)>,
}

impl Unit<'_> {
    fn loc(&self) -> Loc {
        let mut text: String = match &self.key {
            Some(_) if self.block.kind == BlockKind::KeyValue => format!(
                "{}: {}",
                self.block.key.as_deref().unwrap_or_default(),
                self.text
            ),
            _ => self.text.to_string(),
        };
        if text.chars().count() > 300 {
            text = text.chars().take(297).collect::<String>() + "...";
        }
        Loc {
            page: self.block.page,
            line: self.block.lines.0,
            line_end: self.block.lines.1.max(self.block.lines.0),
            text,
        }
    }

    /// The periods of the sentence ([`find_periods`]), found the first time they are asked
    /// for: several recognisers read the same sentence.
    fn periods(&self) -> &[FoundPeriod] {
        self.periods.get_or_init(|| {
            // every period has one of these unit words (`find_periods`): most sentences
            // have none and are passed over without running its pattern
            if may_hold(
                &self.lower,
                &[
                    "day", "week", "month", "year", "día", "dia", "semana", "mes", "año",
                ],
            ) {
                find_periods(self.text)
            } else {
                Vec::new()
            }
        })
    }

    /// The dates of the sentence read with `order` ([`find_dates`]), found once per
    /// document day order (a document has one).
    fn dates(&self, order: DayOrder) -> Vec<FoundDate> {
        let (o, d) = self
            .dates
            .get_or_init(|| (order, find_dates(self.text, order)));
        if *o == order {
            d.clone()
        } else {
            find_dates(self.text, order)
        }
    }

    fn key_is(&self, r: &Regex) -> bool {
        self.key.as_deref().is_some_and(|k| r.is_match(k))
    }
}

/// Whether `lower` (a lower-cased text) may hold a match of a case-insensitive pattern
/// every match of which holds one of `words` (lower case): the cheap test run before the
/// pattern, so that most sentences are passed over without running it (the reader's speed,
/// issue 10 item 7). `(?i)` also matches "ſ" (U+017F) for "s", which lower-casing keeps: a
/// text that holds one always passes.
fn may_hold(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| lower.contains(w)) || lower.contains('ſ')
}

/// Splits blocks into units.
pub fn units(blocks: &[Block]) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    // the recitals end at "NOW, THEREFORE, the parties agree as follows": a "WITNESSETH" or
    // "RECITALS" heading with no heading after it is not the topic of the clauses
    let mut recitals_over = false;
    for b in blocks {
        if b.kind == BlockKind::Heading {
            continue;
        }
        let kv = b.kind == BlockKind::KeyValue;
        let mut topic = match (&b.key, b.md_section) {
            (Some(k), _) if !kv => k.to_lowercase(),
            _ => b.section.to_lowercase(),
        };
        if recitals_over && recital_re().is_match(&topic) {
            topic.clear();
        }
        if !recitals_over && !topic.is_empty() && recital_re().is_match(&topic) {
            let l = b.text.to_lowercase();
            recitals_over = (l.contains("therefore")
                || l.contains("follows")
                || l.contains("acuerdan")
                || l.contains("convienen"))
                && recitals_end().is_match(&b.text);
        }
        let key = if kv {
            b.key.as_ref().map(|k| k.to_lowercase())
        } else if b.md_section && !b.section.is_empty() {
            // a summary's heading names the field of the short paragraphs under it
            (b.text.len() < 400).then(|| b.section.to_lowercase())
        } else {
            None
        };
        if kv || b.text.len() < 200 {
            out.push(Unit {
                text: &b.text,
                lower: b.text.to_lowercase(),
                key,
                topic,
                block: b,
                index: out.len(),
                periods: std::cell::OnceCell::new(),
                dates: std::cell::OnceCell::new(),
            });
            continue;
        }
        for (s, e) in sentences(&b.text) {
            let t = &b.text[s..e];
            out.push(Unit {
                text: t,
                lower: t.to_lowercase(),
                key: key.clone(),
                topic: topic.clone(),
                block: b,
                index: out.len(),
                periods: std::cell::OnceCell::new(),
                dates: std::cell::OnceCell::new(),
            });
        }
    }
    out
}

macro_rules! regex {
    ($name:ident, $pat:expr) => {
        fn $name() -> &'static Regex {
            static R: OnceLock<Regex> = OnceLock::new();
            re(&R, $pat)
        }
    };
}

regex!(
    // the end of the recitals: "NOW, THEREFORE, … the parties agree as follows", "las partes
    // acuerdan lo siguiente", "convienen en celebrar"
    recitals_end,
    r"(?i)\bnow,?\s+therefore\b|\bagree\w*\s+as\s+follows\b|\bacuerdan\s+(?:lo\s+siguiente|las\s+siguientes)|\bconvienen\s+(?:en|lo\s+siguiente)"
);
regex!(
    spanish_words,
    r"\b(el|la|los|las|del|que|por|para|con|una|será|partes|contrato)\b"
);
regex!(
    english_words,
    r"\b(the|of|and|shall|this|with|for|by|any|agreement|party)\b"
);

/// English or Spanish, by counting common words.
pub fn language(text: &str) -> Language {
    let lower = text.to_lowercase();
    let sample: String = lower.chars().take(20_000).collect();
    let es = spanish_words().find_iter(&sample).count();
    let en = english_words().find_iter(&sample).count();
    if es > en {
        Language::Es
    } else {
        Language::En
    }
}

/// Reads every field from `blocks`.
pub fn read_blocks(format: Format, blocks: &[Block]) -> Reading {
    let all: String = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let language = language(&all);
    let us = units(blocks);
    let mut warnings = Vec::new();
    let country = country(&us, &mut warnings);
    let order = match (language, country.as_ref().map(|c| c.value.as_str())) {
        (_, Some("US")) => DayOrder::MonthFirst,
        (Language::Es, _) => DayOrder::DayFirst,
        (_, Some(_)) => DayOrder::DayFirst,
        (Language::En, None) => DayOrder::Unknown,
    };
    let mut r = Reading {
        format,
        language,
        title: title(blocks),
        parties: parties(&us),
        effective_date: None,
        expiry_date: None,
        initial_term: None,
        auto_renewal: None,
        renewal_period: None,
        non_renewal_notice: None,
        termination_for_convenience: convenience(&us),
        cure_period: cure(&us),
        price_review: price_review(&us),
        next_review: next_review(&us, order),
        currency: currency(
            &us,
            country.as_ref().map(|c| c.value.as_str()),
            &mut warnings,
        ),
        country,
        notice_service: notice_service(&us, &mut warnings),
        warnings: Vec::new(),
        refusals: out_of_range_dates(&us, order),
    };
    r.effective_date = effective(&us, order, &mut warnings);
    term(&us, order, &mut r, &mut warnings);
    renewal(&us, &mut r, &mut warnings);
    if r.title.is_none() {
        warn(&mut warnings, "no_title", "title", None, "no title found");
    }
    if r.effective_date.is_none() && !warnings.iter().any(|w| w.field == "effective_date") {
        warn(
            &mut warnings,
            "no_effective_date",
            "effective_date",
            None,
            "no effective date found",
        );
    }
    if r.auto_renewal.is_none() && !warnings.iter().any(|w| w.code == "renewal_option") {
        warn(
            &mut warnings,
            "no_renewal_clause",
            "auto_renewal",
            None,
            "no renewal clause found: confirm whether it was extended",
        );
    }
    r.warnings = warnings;
    r
}

/// Dates whose year is outside 1900–2200 where a date field is stated: the value of an
/// effective date, end date or next review key ("Effective Date: 1 January 0000"), or a
/// date defined as the effective date ("as of 1 January 0000 (the \"Effective Date\")",
/// "effective as of …"). Only when the unit holds no date the reader can use.
fn out_of_range_dates(us: &[Unit<'_>], order: DayOrder) -> Vec<Refusal> {
    let mut out = Vec::new();
    for u in us {
        let field = if u.key_is(eff_key()) {
            "effective_date"
        } else if u.key_is(end_key()) {
            "expiry_date"
        } else if u.key_is(review_key()) {
            "next_review"
        } else if u.key.is_none()
            && (u.lower.contains("effective date") || u.lower.contains("effective as of"))
        {
            "effective_date"
        } else {
            continue;
        };
        if !u.dates(order).is_empty() {
            continue;
        }
        if let Some((_, reason)) = find_out_of_range_year(u.text) {
            out.push(Refusal {
                field: field.to_string(),
                line: u.block.lines.0,
                message: format!("\"{}\": {reason}", u.loc().text),
            });
        }
    }
    out
}

fn warn(w: &mut Vec<Warning>, code: &str, field: &str, line: Option<u32>, msg: impl Into<String>) {
    w.push(Warning {
        code: code.to_string(),
        field: field.to_string(),
        line,
        message: msg.into(),
    });
}

// ---------------------------------------------------------------- title and parties

regex!(
    title_key,
    r"^(agreement|contract|contrato|title|t[ií]tulo|document|documento|agreement type|tipo de contrato|nombre del contrato)$"
);

fn title(blocks: &[Block]) -> Option<Found<String>> {
    let loc = |b: &Block, text: &str| Loc {
        page: b.page,
        line: b.lines.0,
        line_end: b.lines.1.max(b.lines.0),
        text: text.to_string(),
    };
    for b in blocks.iter().take(40) {
        if b.kind == BlockKind::KeyValue
            && b.key
                .as_deref()
                .is_some_and(|k| title_key().is_match(&k.to_lowercase()))
        {
            let v = b
                .text
                .split(" (")
                .next()
                .unwrap_or(&b.text)
                .trim()
                .to_string();
            if !v.is_empty() && v.len() < 120 {
                return Some(Found::new(v, Confidence::High, loc(b, &b.text)));
            }
        }
    }
    let first = blocks.iter().find(|b| !b.text.trim().is_empty())?;
    if first.kind == BlockKind::Heading && first.text.len() < 150 {
        return Some(Found::new(
            first.text.clone(),
            Confidence::High,
            loc(first, &first.text),
        ));
    }
    if first.text.len() < 120 && first.kind != BlockKind::KeyValue {
        return Some(Found::new(
            first.text.clone(),
            Confidence::Low,
            loc(first, &first.text),
        ));
    }
    None
}

regex!(
    parties_key,
    r"^(parties|partes|the parties|las partes|between|entre)$"
);
regex!(
    first_key,
    r"^(provider|supplier|vendor|licensor|seller|lessor|landlord|contractor|consultant|service provider|company|proveedor|prestador|arrendador|licenciante|vendedor|contratista|consultor|locador|the provider|el proveedor)$"
);
regex!(
    second_key,
    r"^(customer|client|licensee|buyer|lessee|tenant|distributor|reseller|purchaser|cliente|arrendatario|licenciatario|comprador|contratante|distribuidor|locatario|the customer|el cliente)$"
);
regex!(
    between_re,
    r#"(?i)\b(?:between|entre)\s*:?\s+(.{2,120}?)(?:,|\s*\(|\s+a\s+[A-Z][a-z]+\s+(?:corporation|company|limited)|\s+with\s+(?:its\s+)?(?:offices|principal))(?:.*?)\s(?:and|y)\s+(?:por\s+la\s+otra(?:\s+parte)?,?\s*)?(.{2,120}?)(?:,|\s*\(|;|\.\s|$)"#
);
regex!(
    comparecen_re,
    r#"(?i)comparecen\s*:?\s+(?:de una parte,?\s*)?(.{2,100}?),.*?;\s*y\s+(?:de la otra,?\s*)?(.{2,100}?),"#
);

regex!(
    // "celebran, de una parte, ACME S.A.C., con RUC …; y, de la otra parte, BETA S.A., …",
    // "por una parte X … y por la otra Y": the Spanish opening that names each party
    una_parte_re,
    r#"(?i)\b(?:de|por)\s+una\s+parte\s*,?\s*(?:la\s+empresa\s+|la\s+sociedad\s+)?(.{2,100}?)(?:,|\s*\(|\s+con\s+(?:RUC|R\.U\.[CT]\.?|RUT|NIT|CIF|domicilio))(?:.*?)\b(?:de|por)\s+(?:la\s+)?otra(?:\s+parte)?\s*,?\s*(?:la\s+empresa\s+|la\s+sociedad\s+)?(.{2,100}?)(?:,|\s*\(|;|\s+con\s+(?:RUC|R\.U\.[CT]\.?|RUT|NIT|CIF|domicilio)|\.\s|$)"#
);

regex!(
    incorporation_and,
    r"(?i)\b(organi[sz]ed|incorporated|formed|duly\s+organi[sz]ed|constituid[ao])\s+(?:and|y)\s+((?:validly\s+)?existing|existente|in\s+good\s+standing)\b"
);

fn clean_party(s: &str) -> String {
    let s = s
        .trim()
        .trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c == ',');
    let s = s.trim_start_matches("the ").trim_start_matches("The ");
    s.trim().to_string()
}

fn parties(us: &[Unit<'_>]) -> Option<Found<Vec<String>>> {
    let mut first: Option<(&Unit<'_>, String)> = None;
    let mut second: Option<String> = None;
    for u in us.iter().take(60) {
        if u.key_is(parties_key()) {
            let parts: Vec<String> = u
                .text
                .split([';', '\n'])
                .flat_map(|p| p.split(" and ").flat_map(|x| x.split(" y ")))
                .map(|p| clean_party(p.split(" (").next().unwrap_or(p)))
                .filter(|p| p.len() > 1)
                .collect();
            if parts.len() >= 2 {
                return Some(Found::new(parts[..2].to_vec(), Confidence::High, u.loc()));
            }
        }
        if first.is_none() && u.key_is(first_key()) {
            first = Some((u, clean_party(u.text.split(" (").next().unwrap_or(u.text))));
        } else if second.is_none() && u.key_is(second_key()) {
            second = Some(clean_party(u.text.split(" (").next().unwrap_or(u.text)));
        }
    }
    if let (Some((u, a)), Some(b)) = (&first, &second) {
        return Some(Found::new(
            vec![a.clone(), b.clone()],
            Confidence::High,
            u.loc(),
        ));
    }
    for u in us.iter().take(40) {
        // "a corporation organized and existing under the laws of …": that "and" does not
        // join the two parties
        // each pattern runs only on a sentence that holds its words
        let text = if may_hold(
            &u.lower,
            &["organi", "incorporated", "formed", "constituid"],
        ) {
            incorporation_and().replace_all(u.text, "${1}-${2}")
        } else {
            std::borrow::Cow::Borrowed(u.text)
        };
        let c = may_hold(&u.lower, &["between", "entre"])
            .then(|| between_re().captures(&text))
            .flatten()
            .or_else(|| {
                may_hold(&u.lower, &["comparecen"])
                    .then(|| comparecen_re().captures(&text))
                    .flatten()
            })
            .or_else(|| {
                may_hold(&u.lower, &["parte"])
                    .then(|| una_parte_re().captures(&text))
                    .flatten()
            });
        if let Some(c) = c {
            let a = clean_party(&c[1]);
            let b = clean_party(&c[2]);
            if a.len() > 2 && b.len() > 2 && a.len() < 100 && b.len() < 100 {
                return Some(Found::new(vec![a, b], Confidence::Low, u.loc()));
            }
        }
    }
    None
}

// ---------------------------------------------------------------- dates

regex!(
    eff_key,
    r"^(effective date|start date|commencement date|start|commencement|effective|fecha de inicio|inicio|fecha de vigencia|inicio de vigencia|fecha de entrada en vigor|entrada en vigor|fecha efectiva|service start date|service start|subscription start date|term start|start of term|fecha de inicio del contrato)$"
);
regex!(
    eff_defined,
    r#"(?i)^\W{0,4}(?:\(?(?:the|hereinafter|en adelante)?\s*(?:the\s+)?["“'‘]?)?(?:effective\s*date|commencement\s*date|(?:(?:first|second|third|fourth|fifth)\s+)?(?:amendment|addendum)(?:\s+no\.?\s*\d+)?\s+(?:effective\s+)?date|fecha de (?:inicio|vigencia|entrada en vigor)|fecha efectiva)"#
);
regex!(
    eff_before,
    r#"(?i)(?:(?:become\s+|be\s+|is\s+|are\s+)?effective\s+(?:(?:as\s+)?(?:of|on|from|upon)\s+)?(?:this\s+)?|effective\s*date\s*["”']?\s*(?:is|shall\s+be|will\s+be|of|means|shall\s+mean)?\s*[:,]?|(?:commencement|start)\s+date\s*["”']?\s*(?:is|shall\s+be|will\s+be|of|means|shall\s+mean)?\s*[:,]?|commenc\w*\s+(?:on|upon|as\s+of|from|with)?|start(?:s|ed|ing)?\s+(?:on|from)|starting\s+|begin\w*\s+(?:on|as\s+of|from|in)?|(?:come|came|comes|enter|entered|enters)\s+into\s+(?:force|effect)\s+(?:as\s+of|on|from)|take\w*\s+effect\s+(?:as\s+of|on|from)|a\s+contar\s+del?|a\s+partir\s+del?|desde\s+el|comenzar[aá]\s+(?:a\s+regir\s+)?el|entr(?:a|ar[aá]|[oó])\s+en\s+(?:vigor|vigencia)\s+(?:el|a\s+partir\s+del?|desde\s+el)|rige\s+(?:desde|a\s+partir\s+de)\s*el|surt\w+\s+efectos?\s+(?:desde|a\s+partir\s+de)\s*el|con\s+vigencia\s+desde\s+el|vigente\s+desde\s+el|inicia\w*\s+el)\s*(?:the\s+)?(?:day\s+of\s+)?$"#
);
regex!(
    agreement_before,
    r"(?i)(?:(?:made|entered\s+into|executed|dated|concluded|signed)(?:\s+and\s+(?:entered\s+into|effective|agreed\s+upon))?(?:\s+in\s+(?:duplicate|triplicate|counterparts))?\s*[,:]?\s*(?:(?:as\s+of|as|on|this|at|for\s+reference|effective(?:\s+for\s+all\s+purposes(?:\s+and\s+in\s+all\s+respects)?)?(?:\s+as\s+of)?)\s*,?\s*)*(?:the\s+)?|\b(?:execute[sd]?|sign(?:s|ed)?)\s+(?:this|the\s+present)\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|amendment|addendum)\s+(?:(?:as\s+of|on|this|at)\s*,?\s*)+(?:the\s+)?|\bto\s+be\s+(?:executed|signed)\b[^.;]{0,60}?\b(?:as\s+of|on|this)\s+(?:the\s+)?|suscrito\s+(?:el|a)\s+|celebrado\s+(?:el|a)\s+|\b(?:se\s+)?(?:celebra|celebran|suscribe|suscriben|firma|firman|otorgan)\s+(?:(?:el|la)\s+presente\s+(?:contrato|convenio|acuerdo|adenda)\s+)?(?:en\s+[^,.;]{2,40}?,?\s+)?(?:el|a|con\s+fecha)\s+|,\s+a\s+|,\s+el\s+)$"
);
regex!(amendment_word, r"(?i)\b(?:amendment|addendum)\b");
regex!(
    this_amendment,
    r"(?i)\b(?:this|the\s+present)\s+(?:[\w#.-]+\s+){0,3}?(?:amendment|addendum)\b"
);
regex!(
    dated_key,
    r"^(?:date|dated|fecha|agreement date|date of agreement|fecha del contrato|fecha de celebraci[oó]n)$"
);
regex!(as_of_before, r"(?i)\bas\s+of\s*,?\s*(?:this\s+|the\s+)?$");
regex!(dated_field, r"(?i)\bdated\s*:\s*$");
regex!(
    // the opening sentence of a document: "THIS AMENDMENT (the …) is entered into …",
    // "Este contrato se celebra …"
    opening_re,
    r"(?i)^\W*(?:this|este|esta|el\s+presente|la\s+presente)\s+(?:[\w#.'-]+\s+){0,6}?(?:agreement|contract|amendment|addendum|contrato|convenio|acuerdo|adenda)\b"
);
regex!(
    // the closing sentence of a contract that says it is signed ("IN WITNESS WHEREOF, the
    // parties have executed this Agreement as of …", "En señal de conformidad, las partes
    // suscriben el presente contrato el …"): its date is the agreement's wherever it sits
    witness_re,
    r"(?i)\b(?:in\s+witness\s+(?:whereof|hereof)|in\s+evidence\s+whereof|en\s+(?:fe|testimonio|se[ñn]al)\s+de\s+(?:lo\s+cual|conformidad)|firman\s+en\s+se[ñn]al)"
);
regex!(
    // a term that runs from a date to another: "from 1 March 2024 to 28 February 2025"
    from_before,
    r"(?i)\b(?:from|desde(?:\s+el)?|del?)\s+(?:the\s+)?$"
);
regex!(
    range_after,
    r"(?i)^\s*,?\s*(?:to|through|thru|until|till|and\s+ending\s+on|and\s+end\s+on|hasta(?:\s+el)?|al)\b"
);
regex!(
    // an opening that is not the agreement's own date: a recital or a reference
    recital_re,
    r"(?i)^\W*(?:whereas|recitals?\b|background\b|considerando|witnesseth|[a-h]\.\s+whereas)"
);
regex!(
    predicate_before,
    r"(?i)\b(?:this|it|este|esto|el\s+presente)\s+(?:is|es|constitutes|constituye|shall\s+be|ser[aá])\s+$"
);
regex!(
    // a recital that the sentence splitter left inside a longer unit: "… RECITALS
    // WHEREAS, Licensee and Host have entered into a Hosting Agreement dated …"
    recital_inline,
    r"\b(?:WHEREAS|Whereas,|CONSIDERANDO|Considerando\s+que)\b"
);
regex!(
    this_document,
    r"(?i)\b(?:this|these|the\s+present|hereby|herein|hereof|este|esta|el\s+presente|la\s+presente)\b"
);
regex!(
    other_document,
    r"(?i)\b(?:a|an|by|per|under|that\s+certain|certain|existing|prior|previous|original|un|una|aquel|mediante)\s+(?:[a-zA-Z0-9áéíóúñÁÉÍÓÚÑ&'./-]+\s+){0,5}?(?:agreements?|contracts?|letters?|plan|lease|licen[cs]e|bill|notes?|indenture|polic(?:y|ies)|memorandum|order|addendum|proposal|schedule\s+\d+\w*(?:/\w+)?|statements?|report|certificate|invoice|filing|carta|contrato|convenio|acuerdo)\b"
);
regex!(
    // "the Supply Agreement dated …", "el contrato de suministro celebrado …", "the
    // Schedule 13G/A": a named document, another one than this when the sentence does not
    // say "this"
    named_document,
    r"(?i)\b(?:the|said|such|its|their|el|la)\s+(?:[a-zA-Z0-9áéíóúñÁÉÍÓÚÑ&'./-]+\s+){1,5}?(?:agreements?|contracts?|letters?|plan|lease|licen[cs]e|bill|notes?|indenture|polic(?:y|ies)|memorandum|order|addendum|proposal|schedule\s+\d+\w*(?:/\w+)?|statements?|report|certificate|filing|contrato|convenio|acuerdo)\b|\b(?:el|la)\s+(?:contrato|convenio|acuerdo)\s+(?:de|del)\s+\w+|\b(?:the|said|such|its|their)\s+(?:schedule|form)\s+\d+[a-z]*(?:/[a-z]+)?\b"
);
regex!(
    // a numbered clause heading that names a document (lower-cased topic): "1.51 selling
    // agreement", "4.2 contrato de arrendamiento"
    other_document_topic,
    r"^\s*\d+(?:\.\d+)*\.?\s+(?:[a-z0-9áéíóúñ'&/-]+\s+){1,5}?(?:agreements?|contracts?|plan|lease|licen[cs]e|letter|polic(?:y|ies)|indenture)\W*$|^\s*\d+(?:\.\d+)*\.?\s+(?:contrato|convenio|acuerdo)\s+(?:de|del)\s+[a-záéíóúñ ]{3,40}\W*$"
);
regex!(
    // a clause heading about this agreement's own term or start
    term_topic,
    r"\b(?:term|duration|effective|commencement|vigencia|plazo|duraci[oó]n|entrada\s+en\s+vigor|inicio)\b"
);
regex!(
    // the defined name given to a date's document: (the "Existing Agreement")
    defined_after,
    r#"(?i)^[^.;"“]{0,80}?\(\s*(?:the|this|el|la)?\s*["“]([^"”]{1,60})["”]"#
);
regex!(
    // the words that introduce the parties of a dating sentence
    parties_between,
    r"(?i)\b(?:between|among|amongst|entre|by\s+and\s+(?:between|among)|celebran|otorgan)\b"
);
regex!(
    own_name,
    r"(?i)^(?:agreement|contract|amendment|addendum|(?:(?:first|second|third|fourth|fifth|\w+)\s+)?(?:amendment|addendum)(?:\s+(?:no\.?\s*)?\d+)?(?:(?:\s+effective)?\s+date)?|effective\s*date|commencement\s*date|execution\s*date|agreement\s+date|signing\s+date|closing\s+date|term|initial\s+term|initial\s+period|contract\s+period|contrato|convenio|acuerdo|plazo|vigencia)$"
);
regex!(
    // a definition of another term: "Contract Year" means ...
    other_definition,
    r#"(?i)^\W{0,3}(?:[\d.()a-z]{1,8}\s*)?["“]([^"”]{1,60})["”]\s+(?:means|shall\s+mean|has\s+the\s+meaning|(?:shall\s+)?refers?\s+to|is\s+defined\s+as|significa)"#
);
regex!(
    // what an effective or commencement cue must be about to state the effective date
    subject_words,
    r"(?i)\b(term|agreement|contract|amendment|addendum|appointment|arrangement|license|licence|contrato|convenio|acuerdo|vigencia|plazo|hereof|hereunder)\b"
);
regex!(
    // a cue about a period inside the term, not its start: "each calendar quarter beginning"
    periodic_subject,
    r"(?i)(?:\b(?:quarter|payment|fee|royalt\w*|invoice|production|phase|stage|shipment|delivery|campaign|season|trimestre|pago)s?|\b(?:each|every|calendar|fiscal|contract|lease|cada)\s+(?:month|year|week|period|mes|año|per[ií]odo))(?:\s+(?:which|that|que)(?:\s+(?:shall|will))?)?\W*$"
);
regex!(
    // a name that says the date is the signing, not the start
    signing_date,
    r"(?i)^(?:execution|signing|signature)\s+date$|^fecha\s+de\s+(?:firma|suscripci[oó]n)$"
);
regex!(
    // the agreement takes effect on an event, not a date
    effective_on_event,
    r"(?i)\b(?:agreement|term|contract|contrato)\b[^.;]{0,60}\b(?:become|becomes|shall\s+be|will\s+be|is)\s+effective\s+(?:only\s+)?(?:upon|on\s+the\s+(?:date|day)\s+(?:of|on\s+which|when)|when|if)\b"
);
regex!(
    not_start_re,
    r"(?i)\b(terminat\w*|expir\w*|cancel\w*|convert\w*|t[eé]rmino\s+anticipado|resoluci[oó]n)\b"
);

/// Where a date cue sits in its sentence: true when the sentence is a recital
/// ("WHEREAS, …"), defines another term ("\"Contract Year\" means …") or names another
/// document the date belongs to ("a Letter of Intent dated …", "(the \"Purchase
/// Agreement\")").
fn other_documents_date(u: &Unit<'_>, before: &str, after: &str) -> bool {
    other_date(u, before, after, false)
}

/// [`other_documents_date`]; `named` also counts "the Supply Agreement dated …" (for a
/// dating sentence, whose document must be this one).
fn other_date(u: &Unit<'_>, before: &str, after: &str, named: bool) -> bool {
    if recital_re().is_match(u.text)
        || recital_re().is_match(&u.topic)
        || recital_inline().is_match(before)
    {
        return true;
    }
    if let Some(c) = other_definition().captures(u.text) {
        if c.get(1).is_some_and(|n| !own_name().is_match(n.as_str())) {
            return true;
        }
    }
    if let Some(c) = defined_after().captures(after) {
        // a name given after the parties are introduced ("dated as of 4 May 2005, by and
        // between Acme Inc. (\"Acme\")") names a party, not the date's document
        let gap = c.get(1).map_or("", |n| &after[..n.start()]);
        // ("the Term") names this agreement's term as much as ("Term") does
        if c.get(1)
            .is_some_and(|n| !own_name().is_match(strip_article(n.as_str().trim())))
            && !parties_between().is_match(gap)
        {
            return true;
        }
    }
    // a numbered clause about another document ("1.51 Selling Agreement. The Selling
    // Agreement effective as of …"), in a sentence that does not say "this"
    if other_document_topic().is_match(&u.topic)
        && !term_topic().is_match(&u.topic)
        && !this_document().is_match(before)
    {
        return true;
    }
    // the nearest document named before the date is another one than this one
    let this = this_document().find_iter(before).last().map(|m| m.end());
    let other = other_document()
        .find_iter(before)
        // "This is a fixed-term agreement": the document itself, not another one
        .filter(|m| !predicate_before().is_match(&before[..m.start()]))
        .last()
        .map(|m| m.start())
        .max(if named {
            last_named_document(before)
        } else {
            None
        });
    matches!((this, other), (t, Some(o)) if t.is_none_or(|t| o >= t))
}

/// `name` without a leading article ("the Term" → "Term", "el Plazo" → "Plazo").
fn strip_article(name: &str) -> &str {
    ["the ", "The ", "THE ", "el ", "El ", "la ", "La "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .map_or(name, str::trim_start)
}

/// Where the last document named by a determiner ("the Supply Agreement", "the letter
/// agreements", "el contrato de suministro") starts in `before`, leaving out a name that
/// reaches back over "this"/"hereby" ("the terms of this Agreement" is this document; in
/// "the undersigned hereby agree that the Schedule …" the search goes on after "hereby").
fn last_named_document(before: &str) -> Option<usize> {
    let mut pos = 0;
    let mut last = None;
    while pos <= before.len() {
        let Some(m) = named_document().find_at(before, pos) else {
            break;
        };
        if let Some(t) = this_document().find_iter(m.as_str()).last() {
            pos = m.start() + t.end();
            continue;
        }
        last = Some(m.start());
        pos = m.end();
    }
    last
}

/// A candidate effective date: (rank, unit, date or blank, ambiguous).
type EffCandidate<'a> = (u8, &'a Unit<'a>, Option<NaiveDate>, bool);

/// The effective date: the value of an effective/start date key (rank 9), a date defined
/// as the effective date (8), a date after an effective/commencement cue in a sentence
/// about the agreement or its term, or the start of a term stated as a range (7), a blank
/// where the effective date is stated (6), the date the agreement says it was made or
/// dated, in its own opening (5). A cue with no agreement or term word (4) or a dating
/// sentence that does not name this document (3) gives a low-confidence value. Recitals,
/// definitions of other terms and dates of other documents ("a Letter of Intent dated
/// …", "(the \"Purchase Agreement\")") and the effective date of a termination are not
/// candidates. The value is `high` only when it is not ambiguous, has rank 5 or more and
/// no other candidate of the same or the next rank gives another date (the reader would
/// have had to choose).
fn effective(us: &[Unit<'_>], order: DayOrder, w: &mut Vec<Warning>) -> Option<Found<NaiveDate>> {
    let mut cands: Vec<EffCandidate<'_>> = Vec::new();
    for u in us {
        let key_hit = u.key_is(eff_key());
        let dates = u.dates(order);
        let blank = find_blank(u.text);
        if u.key_is(dated_key()) {
            // "Date: 1 June 1998", "Dated: 7 January 2019": a form's date field, at the head
            // of the document or beside a signature, is when it was signed: low
            if let Some(d) = dates
                .iter()
                .find(|d| matches!(d.date, PartialDate::Day { .. }))
            {
                cands.push((4, u, d.date.deadline(), d.ambiguous));
            }
            continue;
        }
        if key_hit {
            let d = dates
                .iter()
                .find(|d| matches!(d.date, PartialDate::Day { .. }));
            if d.is_some() || blank.is_some() {
                cands.push((
                    9u8,
                    u,
                    d.and_then(|d| d.date.deadline()),
                    d.is_some_and(|d| d.ambiguous),
                ));
            }
            continue;
        }
        for d in &dates {
            let PartialDate::Day { date } = d.date else {
                continue;
            };
            let after = &u.text[d.end..];
            let before = &u.text[..d.start];
            let other = || other_documents_date(u, before, after);
            let defined = eff_defined().find(head(after, 60));
            let rank = if defined.is_some_and(|m| {
                // an amendment's own effective date names this document only in an
                // amendment ("This Amendment … effective as of …"), not when an agreement
                // says when it was "amended by the parties on … (\"Amendment Effective
                // Date\")"
                !amendment_word().is_match(m.as_str()) || this_amendment().is_match(before)
            }) {
                // a recital tells the history, even of a date it names the Effective Date
                if recital_re().is_match(u.text) || recital_inline().is_match(before) {
                    continue;
                }
                8
            } else if defined.is_some() {
                continue;
            } else if let Some(cue) = eff_before().find(before) {
                if not_start_re().is_match(tail(before, 120)) || other() {
                    continue;
                }
                let cue_text = cue.as_str().to_lowercase();
                let subject = tail(&before[..cue.start()], 100).to_lowercase();
                let names_date = cue_text.contains("date");
                if periodic_subject().is_match(&subject) && !names_date {
                    continue;
                }
                if names_date
                    || subject_words().is_match(tail(&before[..cue.start()], 90))
                    || subject_words().is_match(&cue_text)
                {
                    7
                } else {
                    4
                }
            } else if from_before().is_match(before)
                && range_after().is_match(head(after, 30))
                && (term_sentence().is_match(u.text)
                    || u.key_is(term_key())
                    || u.key.as_deref().is_some_and(|k| {
                        ["period", "term", "período", "periodo", "vigencia", "plazo"]
                            .iter()
                            .any(|w| k.contains(w))
                    }))
                && !other()
            {
                7
            } else if (agreement_before().is_match(before)
                // "This Agreement is entered into by and between A and B as of the 1st day
                // of June 2004": the opening's date after the parties
                || opening_re().is_match(u.text) && as_of_before().is_match(tail(before, 40)))
                && (u.index < 40 || witness_re().is_match(u.text))
            {
                if other_date(u, before, after, true) {
                    continue;
                }
                let signing_name = defined_after()
                    .captures(after)
                    .and_then(|c| c.get(1))
                    .is_some_and(|n| signing_date().is_match(n.as_str()));
                // "Dated: 7 January 2019" is a form's field, often beside a signature
                let form_field = dated_field().is_match(tail(before, 12));
                if (this_document().is_match(before) || u.index < 3) && !signing_name && !form_field
                {
                    5
                } else {
                    3
                }
            } else if place_dating_before().is_match(before)
                && signs_after().is_match(head(after, 80))
            {
                // "En Lima, a los 12 días del mes de junio de 2023, se celebra el presente
                // contrato …", "In Madrid, on 3 May 2021, the parties sign this agreement"
                5
            } else if after
                .trim_matches(|c: char| c.is_whitespace() || ".,;".contains(c))
                .is_empty()
                && (u.index < 8 && title_before_date().is_match(before.trim_end())
                    || place_before_date().is_match(before.trim_end()))
            {
                // a date on its own under the title ("AGENCY AGREEMENT\n\nMay 14, 2014") or
                // after a place ("Hamburg, November 19, 2012", "Lima, 5 de marzo de 2024"):
                // the document's date, with nothing saying so (low)
                4
            } else {
                continue;
            };
            cands.push((rank, u, Some(date), d.ambiguous));
        }
        // a blank where the effective date would be
        if let Some(b) = blank {
            let after = &u.text[b..];
            let before = &u.text[..b];
            if dates.iter().all(|d| d.start > b + 60 || d.end + 60 < b)
                && (eff_defined().is_match(
                    after
                        .split_once(|c: char| c.is_ascii_digit() || c == ']')
                        .map_or(after, |x| x.1)
                        .get(..40)
                        .unwrap_or(""),
                ) || eff_before().is_match(tail(before, 80))
                    && u.lower.contains("effective")
                    && before.len() < 400
                    || agreement_before().is_match(before) && u.index < 40)
            {
                cands.push((6, u, None, false));
            }
        }
    }
    // the best rank wins, the first in the document among equals
    let mut best: Option<&EffCandidate<'_>> = None;
    for c in &cands {
        if best.is_none_or(|b| c.0 > b.0) {
            best = Some(c);
        }
    }
    // "effective as of the date of the last signature": the latest date beside the
    // signatures, when nothing states the date itself (low: the reader chose it)
    if best.is_none_or(|b| b.0 < 7) {
        if let Some(f) = last_signature_date(us, order, w) {
            return Some(f);
        }
    }
    let &(rank, u, date, ambiguous) = best?;
    // "this Agreement shall become effective upon the closing": a dated opening is then the
    // signing, not necessarily the start
    let on_event = rank < 7
        && us
            .iter()
            .any(|x| x.lower.contains("effective") && effective_on_event().is_match(x.text));
    match date {
        None => {
            warn(
                w,
                "effective_date_blank",
                "effective_date",
                Some(u.block.lines.0),
                format!(
                    "the effective date is blank or redacted in \"{}\": enter it",
                    u.loc().text
                ),
            );
            None
        }
        Some(d) => {
            // another date the next rank gives, or the dated opening of another document
            // ("THIS AMENDMENT is entered into this 15th day of July 1998" after a first
            // amendment in the same file)
            let rival = cands.iter().find(|c| {
                c.2.is_some_and(|x| x != d)
                    && c.0 >= 5
                    && (c.0 + 1 >= rank
                        || c.1.index != u.index
                            && opening_re().is_match(c.1.text)
                            && opening_re().is_match(u.text))
            });
            let conf = if ambiguous || rank < 5 || rival.is_some() || on_event {
                Confidence::Low
            } else {
                Confidence::High
            };
            if ambiguous {
                warn(
                    w,
                    "ambiguous_date",
                    "effective_date",
                    Some(u.block.lines.0),
                    "the effective date could be read day-first or month-first: confirm it",
                );
            }
            if let Some(&(_, ru, Some(rd), _)) = rival {
                warn(
                    w,
                    "effective_date_disagrees",
                    "effective_date",
                    Some(ru.block.lines.0),
                    format!(
                        "the document also gives {rd} as a start or signing date (\"{}\"): confirm the effective date",
                        ru.loc().text
                    ),
                );
            }
            Some(Found::new(d, conf, u.loc()))
        }
    }
}

regex!(
    // the effective date is the date the last party signs: "effective as of the date of the
    // last signature below", "the later of the two signature dates below", "the date this
    // Agreement is signed by the last signatory", "la fecha de la última firma"
    last_signature_re,
    r"(?i)\b(?:(?:date|day)\s+(?:of\s+(?:the\s+)?|on\s+which\s+(?:the\s+)?)?(?:last|latest|final)\s+(?:signature|signatory|party\s+to\s+sign|execution)|(?:later|latest|last)\s+of\s+the\s+(?:two\s+|respective\s+)?(?:signature\s+|execution\s+)?dates?\b[^.;]{0,40}?\b(?:sign\w*|execut\w*)|(?:later|latest|last)\s+of\s+the\s+(?:two\s+)?(?:signature|execution)\s+dates|signed\s+by\s+the\s+last\s+(?:signatory|party|of\s+the\s+parties)|date\s+last\s+(?:written|signed|set\s+forth)\s+below|last\s+date\s+signed\s+below|fecha\s+de\s+(?:la\s+)?[uú]ltima\s+firma|[uú]ltim[oa]\s+(?:en\s+)?firmar)"
);
regex!(
    // a filing's page footer ("Source: ACME INC, 8-K, 3/16/2018"): the filing's date
    filing_footer,
    r"(?i)^\W*source\s*:|\b(?:8-K|10-K|10-Q|S-1|S-4|SB-2|20-F|6-K|10-KSB|DRS)(?:/A)?\b"
);
regex!(
    // what may stand before a date alone at the head of a document: nothing, "Dated", or
    // the title in capitals
    title_before_date,
    r"^(?:|(?i:dated|date|fecha)\s*:?|[A-Z0-9&,.'’/() -]{0,100}\b(?:AGREEMENT|CONTRACT|AMENDMENT|ADDENDUM|CONTRATO|CONVENIO|ACUERDO|ADENDA)\s*[-–—:,]?)$"
);
regex!(
    // "Hamburg,", "En Lima,", "Santiago, a": a place before the date of signing
    place_before_date,
    r"^(?:(?i:en|in|at)\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2}\s*,\s*(?i:a|el|on|this)?$"
);
regex!(
    place_dating_before,
    r"^\W*(?:(?i:en|in|at)\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2}\s*,\s*(?i:a\s+los|a|el\s+d[ií]a|el|on|this)?\s*$"
);
regex!(
    signs_after,
    r"(?i)^\W{0,3}(?:[^.;]{0,30}?\b)?(?:se\s+)?(?:celebra|suscribe|firma|otorga|sign|enter|execute|make)\w*\b[^.;]{0,40}\b(?:presente|this|el\s+siguiente|the\s+following)\b"
);
regex!(
    day_after_re,
    r"(?i)\bday\s+(?:after|following)\s+(?:the\s+)?$"
);

/// The effective date of an agreement that says it takes effect when the last party signs
/// ([`last_signature_re`]): the latest full date in the signature block (the dozen
/// sentences after "IN WITNESS WHEREOF" or its Spanish forms) or in a `Date:` field,
/// plus one day for "the day after the date of last signature". Low confidence with a
/// warning: the reader chose it among the signatures. `None` when the document does not
/// say so or the signatures carry no date.
fn last_signature_date(
    us: &[Unit<'_>],
    order: DayOrder,
    w: &mut Vec<Warning>,
) -> Option<Found<NaiveDate>> {
    let (cue_unit, cue) = us.iter().find_map(|u| {
        // the words first: they pass over most sentences without running the pattern
        (u.lower.contains("effective")
            || u.lower.contains("vigencia")
            || u.lower.contains("vigor")
            || u.lower.contains("begin")
            || u.lower.contains("commence"))
        .then(|| last_signature_re().find(u.text).map(|m| (u, m)))
        .flatten()
    })?;
    let day_after = day_after_re().is_match(&cue_unit.text[..cue.start()]);
    let witness = us.iter().rposition(|u| witness_re().is_match(u.text));
    let mut latest: Option<(NaiveDate, &Unit<'_>)> = None;
    for (i, u) in us.iter().enumerate() {
        let in_block = witness.is_some_and(|k| i >= k && i <= k + 12);
        if !in_block && !u.key_is(dated_key()) || filing_footer().is_match(u.text) {
            continue;
        }
        for d in u.dates(order) {
            if let PartialDate::Day { date } = d.date {
                if latest.is_none_or(|(l, _)| date > l) {
                    latest = Some((date, u));
                }
            }
        }
    }
    let (date, u) = latest?;
    let date = if day_after { date.succ_opt()? } else { date };
    warn(
        w,
        "effective_date_last_signature",
        "effective_date",
        Some(u.block.lines.0),
        format!(
            "the agreement takes effect {} the last signature (\"{}\"): {date} is the latest date beside the signatures; confirm it",
            if day_after { "the day after" } else { "on" },
            cue_unit.loc().text
        ),
    );
    Some(Found::new(date, Confidence::Low, u.loc()))
}

// ---------------------------------------------------------------- term

regex!(
    term_key,
    r"^(term|initial term|duration|contract term|agreement term|initial subscription term|subscription term|minimum term|initial period|period|plazo|vigencia|duraci[oó]n|plazo inicial|plazo de vigencia|periodo inicial|período inicial|term of agreement|length of term|how long does it run\??|duración del contrato|plazo del contrato|vigencia del contrato)$"
);
regex!(
    end_key,
    r"^(end date|expiry date|expiration date|expiry|expiration|end of term|fecha de t[eé]rmino|fecha de vencimiento|fecha de fin|vencimiento|t[eé]rmino|fecha de finalizaci[oó]n|initial term end|term end|termination date|contract end|fecha de terminaci[oó]n)$"
);
regex!(
    term_before,
    r"(?i)(?:initial\s+(?:term|period)|term|period|duration|vigencia|plazo|duraci[oó]n|per[ií]odo(?:\s+inicial)?|for|por|of|de|be|ser[aá]|es)\s*(?:(?:of|del?)\s+(?:this|the|este|el|la)\s+(?:[a-z]+\s+){0,2}?(?:agreement|contract|order|acuerdo|contrato|convenio)\s+)?(?:of|de|shall\s+be|is|will\s+be|ser[aá]\s+de|es\s+de)?\s*(?:an?|un|una)?\s*(?:initial|inicial)?\s*$"
);
regex!(
    term_sentence,
    r"(?i)\b(term|vigencia|plazo|duraci[oó]n|continue\w*|remain\w*\s+in\s+(?:full\s+)?(?:force|effect)|in\s+force|en\s+vigor|regir[aá]|tendr[aá]\s+una\s+duraci[oó]n|(?:be|remain|is|are)\s+valid\s+for|in\s+effect\s+for)\b"
);
regex!(
    term_avoid,
    r"(?i)(warrant|confiden|surviv|invoice|payment|payable|pay\b|paid|garant[ií]a|reserva|factura|pago|cure|remed|subsan|notice|aviso|preaviso|anticipaci|antelaci|retain|retention|conserv|after\s+(?:the\s+|its\s+|such\s+|any\s+)?(?:termination|expir)|following\s+(?:the\s+|its\s+|such\s+)?(?:term\b|termination|expir)|\bwithin\b|during\s+the\s+term|durante\s+(?:la\s+vigencia|el\s+plazo)|despu[eé]s\s+de\s+su\s+t[eé]rmino|tras\s+la\s+terminaci|renew|renova|renueva|pr[oó]rroga|prorrog|successive|sucesiv|additional|adicional|extension|rolling|month-to-month)"
);
regex!(
    // the words before a period that is added to the term ("for the term of this Agreement
    // and for 20 years thereafter", "durante la vigencia del contrato y por dos años más")
    added_to_term,
    r"(?i)\b(?:during|for|throughout|in)\s+the\s+(?:initial\s+)?term\b[^.;]{0,120}\b(?:and|plus|or)\s+(?:for\s+)?(?:a\s+(?:further\s+|additional\s+)?period\s+of\s+)?$|\b(?:durante|mientras\s+dure)\s+(?:la\s+vigencia|el\s+plazo)\b[^.;]{0,120}\by\s+(?:por|durante)\s+(?:un\s+(?:plazo|per[ií]odo)\s+(?:adicional\s+)?de\s+)?$"
);
regex!(
    until_before,
    r"(?i)(?:until|through|thru|to|ending\s+on|ends?\s+(?:on|at)|ends?\s+as\s+of|expir\w*(?:\s+(?:on|at))?|terminat\w*\s+on|end\s+date\s+(?:is|of)|hasta\s+el|hasta|al|vence\s+el|vencer[aá]\s+el|finaliza\w*\s+el|terminar[aá]\s+el|concluir[aá]\s+el|and\s+ending|conclud\w*(?:\s+on)?|through\s+to|y\s+terminar[aá]\s+el|extended\s+to|extendido\s+hasta)\s*(?:and\s+including\s+)?(?:the\s+)?$"
);
regex!(
    // a defined end of the term: "\"Expiration Date\" means March 31, 2020", "the Expiry
    // Date shall be 30 June 2027", "Fecha de Vencimiento: 31 de marzo de 2027"
    expiry_defined,
    r#"(?i)\b(?:expiration|expiry|termination|end)\s+date["”']?\s*(?:means|shall\s+mean|is|shall\s+be|will\s+be)\s*:?\s*(?:the\s+)?$|\bfecha\s+de\s+(?:vencimiento|t[eé]rmino)["”']?\s*(?:es|ser[aá]|:)\s*(?:el\s+)?$"#
);
regex!(
    // what follows a term's length when the term runs from an event, not from the effective
    // date: "10 years following the first date of public availability", "five years from
    // the date of first commercial sale", "two years after acceptance of the System"
    event_start_after,
    r"(?i)^\s*(?:\([^)]{0,60}\)\s*)?(?:following|after|from|commencing\s+(?:on|upon|with)|beginning\s+(?:on|upon|with)|starting\s+(?:on|upon|with))\s+(?:the\s+)?(?:first|initial|launch|commercial|completion|acceptance|delivery|receipt|installation|public|go-live|opening|approval|issuance|regulatory|marketing|shipment|achievement|date\s+(?:of|on\s+which)\s+(?:the\s+)?(?:first|initial|launch|commercial|completion|acceptance|delivery|receipt|installation|public|approval|issuance|regulatory|marketing|shipment))"
);
regex!(
    // between a length and the date it starts on: " to commence on the tentative launch date
    // of ", ", commencing on ", " a partir del "
    starts_on_before,
    r"(?i)^[^.;]{0,60}?\b(?:to\s+commence|commenc\w*|begin\w*|start\w*|a\s+partir\s+del?|desde\s+el|contados?\s+desde\s+el)\s+(?:on\s+|as\s+of\s+|from\s+|with\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:date\s+of\s+)?$"
);
regex!(
    // a length that runs from another thing than the start of this agreement: "fifteen (15)
    // years after the project's in-service date", "36 months, commencing from the acceptance
    // date" (the word after "the" is tested by the caller)
    other_start_after,
    r"(?i)^\s*(?:\([^)]{0,60}\)\s*)?,?\s*(?:following|after|commencing\s+from|starting\s+from|beginning\s+from)\s+the\s+([\w']+)"
);
regex!(
    // "prior to June 30, 2005", "antes del 1 de julio": a date something happens before,
    // not the end of the term
    prior_to,
    r"(?i)\b(?:prior|previous(?:ly)?|antes)\s+(?:to|de|del|al)\s*(?:the\s+|el\s+)?$"
);
regex!(
    amend_sentence,
    r"(?i)(amend\w*|extend\w*|extension|otros[ií]|modific\w*|ampl[ií]\w*|prorroga\w*\s+(?:el|la)\s+(?:plazo|vigencia))"
);
regex!(
    evergreen_re,
    r"(?i)(continues?\s+(?:in\s+(?:full\s+)?(?:force|effect)\s+)?until\s+terminated|shall\s+continue\s+(?:in\s+(?:full\s+)?(?:force\s+and\s+effect|force|effect)\s+)?(?:thereafter\s+)?until\s+(?:it\s+is\s+)?terminated|(?:agreement|contract|term)\s+(?:shall|will|is\s+to)\s+(?:continue|remain\s+in\s+(?:full\s+)?(?:force|effect))\s+(?:(?:in\s+(?:full\s+)?)?(?:force|effect)\s+(?:and\s+effect\s+)?)?indefinitely|(?:agreement|contract|term)\b[^.;]{0,120}\b(?:for\s+an?|of\s+an?)\s+(?:indefinite|unlimited)\s+(?:term|period|duration)|continu\w*\s+(?:in\s+(?:full\s+)?(?:force|effect)\s+)?(?:thereafter\s+)?(?:indefinitely|in\s+perpetuity|perpetually)|(?:remain|continue)s?\s+in\s+(?:full\s+)?(?:force|effect)\s+(?:for|in)\s+perpetuity|(?:continue|remain)s?\s+(?:in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?\s+)?(?:thereafter\s+)?(?:unless\s+and\s+)?until\s+(?:it\s+is\s+|so\s+)?terminat(?:ed|ion)\b(?:\s+(?:by|as|in|pursuant|under)\b|\s*[.;,]|$)|(?:will|shall)\s+end\s+(?:only\s+)?when\s+terminated|plazo\s+indefinido|tiempo\s+indefinido|duraci[oó]n\s+indefinida|plazo\s+indeterminado|tiempo\s+indeterminado|(?-i:evergreen)\s+(?:basis|term|renewal|clause)|no\s+fixed\s+(?:end|term))"
);
regex!(
    // a period inside the term whose own end is stated: a contract year, a quarter, a phase
    inner_period,
    r"(?i)\b(?:contract|calendar|fiscal|lease|royalty|program|production|development|exclusivity|launch)\s+(?:year|quarter|period|term|month)|\b(?:twelve|12|six|6|three|3)[- ](?:\(\d+\)[- ])?month\s+period|\bphase\s+[ivx\d]+|\bquarter\b|\bduring\s+the\s+period\b|\bper[ií]odo\s+de\s+(?:exclusividad|prueba)"
);
regex!(
    // the agreement whose term a length or an end is of (not a chairperson's term)
    term_subject,
    r"(?i)\b(?:agreement|contract|contrato|convenio|acuerdo|lease|arrendamiento|hereof|hereunder|initial\s+term|vigencia|plazo)\b"
);
regex!(
    evergreen_subject,
    r"(?i)\b(?:agreement|contract|term|contrato|vigencia|plazo|convenio)\b"
);
regex!(
    prior_re,
    r"(?i)(prior\s+(?:[a-z-]+\s+){0,3}?(?:agreements?|contracts?|leases?|licen[cs]es?|versions?|arrangements?|understandings?)\b|previous\b|previously\s+(?:agreed|entered|executed|signed|made|dated|granted|issued|delivered|amended|existing|in\s+effect)|anterior|former|original\s+agreement|superseded|reemplaza|sustituye)"
);

regex!(
    survives_re,
    r"(?i)\b(?:and\s+)?for\s+an?\s+(?:indefinite|unlimited)\s+period\s+thereafter\b|\b(?:following|after|upon|beyond)\s+(?:the\s+|any\s+|its\s+|such\s+)?(?:(?:future|early)\s+)?(?:termination|expir\w*)|\bsurviv\w*|\btras\s+la\s+terminaci|\bdespu[eé]s\s+de\s+(?:la\s+)?(?:terminaci|su\s+t[eé]rmino)"
);
regex!(
    anniversary_re,
    r"(?i)\banniversary\s+of\s+the\s+(?:effective|commencement)\s+date|\b(?:following|after|from)\s+the\s+(?:effective|commencement)\s+date"
);
regex!(
    ordinal_anniversary,
    r"(?i)\b(?:until|on|upon|at|through)\s+(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)\s+(?:\(\d+(?:st|nd|rd|th)?\)\s+)?anniversary\s+of\s+the\s+(?:effective|commencement)\s+date"
);
regex!(
    // a term that ends at the earlier or later of two ends, the first a date or a time from
    // the effective date: "shall continue until the later of (a) 30 June 2027 and (b) the
    // completion of the Project", "expire upon the earlier of (i) the second anniversary of
    // the Effective Date and (ii) …", "hasta la fecha que ocurra primero entre (a) el 31 de
    // marzo de 2026 y (b) …"
    alt_end_re,
    r"(?i)\b(?:(?:later|latest|earlier|earliest|sooner|first\s+to\s+occur)\s+(?:to\s+occur\s+)?of|fecha\s+que\s+ocurra\s+(?:primero|[uú]ltimo)\s+entre|(?:m[aá]s\s+tard[ií]a|m[aá]s\s+temprana)\s+(?:fecha\s+)?entre)\b"
);
regex!(
    // the words before such a choice that make it the end of the term: "shall expire upon",
    // "shall continue until", "will end", "se extenderá hasta"
    alt_end_before,
    r"(?i)\b(?:until|through|expire[sd]?|terminate[sd]?|end|ends|ending|conclude[sd]?|be|is|hasta|vencer[aá]|terminar[aá]|finalizar[aá])\s+(?:(?:upon|on|at|as\s+of|in)\s+)?(?:the\s+|la\s+|el\s+)?$"
);
regex!(
    // the second item of such a list: "(b)", "(ii)", "(2)", ", or …", ", y …"
    alt_second_item,
    r"(?i)\(\s*(?:b|ii|2)\s*\)|,\s+(?:or|o|y)\s"
);
regex!(
    // the first item as a time from the start: "the fifth (5th) anniversary of the Effective
    // Date", "five (5) years from the date hereof", "el tercer aniversario de la Fecha de
    // Inicio"
    alt_from_start,
    r"(?i)\b(?:anniversary|aniversario)\s+(?:of|de)\s+(?:the\s+|this\s+|la\s+|el\s+)?(?:effective|commencement|execution|fecha\s+de\s+(?:inicio|entrada|vigencia|suscripci)|agreement|contrato|date\s+(?:hereof|of\s+this))|\b(?:from|after|following|desde|a\s+partir\s+de)\s+(?:the\s+|la\s+|el\s+)?(?:effective\s+date|commencement\s+date|date\s+(?:hereof|of\s+this\s+agreement)|fecha\s+de\s+(?:inicio|entrada|vigencia|suscripci))"
);
regex!(
    // an ordinal anniversary: "fifth (5th) anniversary", "third anniversary", "tercer aniversario"
    ordinal_anniv_word,
    r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|primer|segundo|tercer|cuarto|quinto)\s+(?:\(\s*\d+\s*(?:st|nd|rd|th|t\s*h)?\s*\)\s+)?(?:anniversary|aniversario)"
);
regex!(
    until_the_before,
    r"(?i)\b(?:until|through|on|upon|at)\s+(?:the\s+(?:date\s+(?:that\s+is\s+)?)?)?$"
);
regex!(
    from_effective_after,
    r"(?i)^\s*(?:\(\d+\)\s*)?(?:(?:following|after|from)\s+the\s+(?:effective|commencement)\s+date|(?:following|after|from)\s+the\s+date\s+(?:hereof|of\s+this\s+agreement)|anniversary\s+of\s+the\s+(?:effective|commencement)\s+date)"
);

regex!(
    // a term that ends a length after its start: "shall end fifteen months therefrom",
    // "expires in five (5) years from the date of Effective Date", "vencerá a los dos (2)
    // años de la fecha de inicio" (the words before the length)
    end_in_before,
    r"(?i)\b(?:expires?|expire|end|ends|terminates?|concludes?|vence|vencer[aá]|terminar[aá]|finalizar[aá])\s+(?:in\s+|en\s+|a\s+los\s+|al\s+cabo\s+de\s+)?$"
);
regex!(
    // what follows a length that runs from the start of this agreement: "therefrom", "from
    // the date of Effective Date", "from such date", "after the date hereof", "(s) from …"
    // after "year", "desde la fecha de inicio"
    from_start_after,
    r"(?i)^(?:\(s\))?\s*(?:\(\d+\)\s*)?(?:therefrom\b|(?:following|after|from)\s+(?:the\s+)?(?:date\s+of\s+(?:the\s+)?)?(?:effective|commencement)\s+date|(?:following|after|from)\s+(?:the\s+date\s+(?:hereof|of\s+this\s+agreement|of\s+execution|first\s+(?:above\s+)?written)|such\s+date|that\s+date)|anniversary\s+of\s+the\s+(?:effective|commencement)\s+date|(?:desde|a\s+partir\s+de|de)\s+la\s+fecha\s+de\s+(?:inicio|entrada\s+en\s+vigencia|vigencia|suscripci[oó]n))"
);
regex!(
    // after a length: " period commencing on the Effective Date", "-year period beginning on
    // the Commencement Date"
    period_from_start_after,
    r"(?i)^(?:\(s\))?[\s-]*period\s+(?:commencing|beginning|starting)\s+(?:on|with|as\s+of)\s+the\s+(?:effective|commencement)\s+date"
);
regex!(
    // a definition of another term right before a length: "\"Contract Year\" means the
    // twelve (12) month period beginning on the Effective Date"
    defines_before,
    r#"["”]\s+(?:means|shall\s+mean|refers\s+to|shall\s+refer\s+to|significa)\b"#
);
regex!(
    // the end of a year as the end of the term: "until the end of 2006", "through the end of
    // calendar year 2025", "hasta el final de 2026", "hasta fin de 2026"
    year_end_re,
    r"(?i)\b(?:until|through|to|hasta)\s+(?:the\s+|el\s+)?(?:end|final|fin)\s+(?:of|de)(?:l)?\s+(?:the\s+)?(?:(?:calendar\s+)?year\s+|calendar\s+|año\s+)?((?:19|20)\d\d)\b"
);
regex!(
    // a length that names the term it is: "for the entire four (4) year term", "for the
    // five (5) year term (\"Initial Term\")", "of a three-year initial term" (what follows
    // the period)
    length_term_after,
    r"(?i)^(?:\(s\))?[\s-]*(?:initial\s+)?term\b(?:\s*\(|\s+(?:of\s+this|hereof|unless|commencing|beginning|starting|from|\u{201c}|\x22|,|\.|;)|\s*$)"
);
regex!(
    // … and what precedes it: "for the entire", "for the", "of a", "for an initial"
    length_term_before,
    r"(?i)\b(?:for|of)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:entire\s+|full\s+|whole\s+|initial\s+|original\s+)?$"
);
regex!(
    // a term counted in contract years: "shall continue for ten (10) Contract Years"
    contract_years,
    r"(?i)\b(?:for|of)\s+(?:a\s+period\s+of\s+)?(?:[a-z]+(?:-[a-z]+)?\s+)?\(?(\d{1,2})\)?\s+contract\s+years\b"
);

/// 1 for "first" or "1st" … 10 for "tenth" or "10th".
fn ordinal_value(s: &str) -> Option<u32> {
    let words = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(i) = words.iter().position(|w| *w == s) {
        return Some(i as u32 + 1);
    }
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
        .filter(|n| (1..=10).contains(n))
}

/// One end of a term that ends at the earlier or later of two ends.
#[derive(Debug, Clone, Copy)]
enum AltEnd {
    /// A stated date ("the later of (a) 30 June 2027 and (b) …").
    Date(NaiveDate),
    /// A length from the start ("the earlier of (i) the third anniversary of the Effective
    /// Date and (ii) …").
    Length(Period),
}

/// The end of a term stated as the earlier or later of two or more ends ([`alt_end_re`], a
/// list with at least a second item): the first item (of any) that is a date or a time from
/// the start of the agreement; the others are events the document does not date. Only for a
/// sentence about this agreement's term. The reader has to choose, so the caller gives it
/// `low` confidence with a warning.
fn alt_end(u: &Unit<'_>, order: DayOrder) -> Option<AltEnd> {
    if ![
        "later", "latest", "earlier", "earliest", "sooner", "to occur", "ocurra", "entre",
    ]
    .iter()
    .any(|k| u.lower.contains(k))
    {
        return None;
    }
    let m = alt_end_re().find(u.text)?;
    // the choice is where the term ends ("shall expire upon the later of"), in a sentence
    // about the agreement or its term, not a date something happens by ("prior to the
    // earlier of", "commencing on the earlier of", "payments upon the earlier of")
    let before = &u.text[..m.start()];
    if !alt_end_before().is_match(tail(before, 40))
        || !(term_subject().is_match(u.text) || u.lower.contains("term") || u.key_is(term_key()))
    {
        return None;
    }
    let off = m.end();
    // a choice needs a second item
    alt_second_item().find(&u.text[off..])?;
    for d in u
        .dates(order)
        .iter()
        .filter(|d| d.start >= off && !d.ambiguous)
    {
        match d.date {
            PartialDate::Day { date } => return Some(AltEnd::Date(date)),
            // "the last day in February, 2023"
            PartialDate::Month { year, month }
                if tail(&u.lower[..d.start], 25).contains("last day") =>
            {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                };
                if let Some(date) = next.and_then(|n| n.pred_opt()) {
                    return Some(AltEnd::Date(date));
                }
            }
            _ => {}
        }
    }
    let rest = &u.text[off..];
    let from = alt_from_start().find(rest)?;
    if let Some(c) = ordinal_anniv_word().captures(rest) {
        let word = c[1].to_lowercase();
        let n = match word.as_str() {
            "primer" => Some(1),
            "segundo" => Some(2),
            "tercer" => Some(3),
            "cuarto" => Some(4),
            "quinto" => Some(5),
            w => ordinal_value(w),
        };
        if let (Some(n), true) = (n, c.get(0).is_some_and(|a| a.start() < from.end())) {
            return Some(AltEnd::Length(Period::years(n)));
        }
    }
    // "five (5) years from the date hereof": the period right before the start it runs from
    u.periods()
        .iter()
        .rev()
        .find(|p| p.start >= off && p.end <= off + from.start())
        .filter(|p| u.text[p.end..off + from.start()].trim().len() <= 12)
        .map(|p| AltEnd::Length(p.period))
}

fn term(us: &[Unit<'_>], order: DayOrder, r: &mut Reading, w: &mut Vec<Warning>) {
    let mut length: Option<(u8, Found<Period>)> = None;
    // the start the length's own sentence gives ("twenty (20) years, commencing on 1
    // January 2016"): the term runs from it
    let mut length_start: Option<NaiveDate> = None;
    // the length runs from an event the document does not date ("10 years following the
    // first date of public availability"): no expiry is derived from the effective date
    let mut length_from_event = false;
    let mut stated_end: Option<(u8, Found<NaiveDate>)> = None;
    let mut amended = false;
    // a term that ends at the earlier or later of a stated end and an event
    let mut alt: Option<(AltEnd, Loc)> = None;
    for u in us {
        if let Some(a) = alt_end(u, order) {
            // the sentence is a choice: none of its readings is a clear end
            alt = alt.or(Some((a, u.loc())));
            continue;
        }
        let key_term = u.key_is(term_key());
        let key_end = u.key_is(end_key());
        let periods = u.periods();
        let dates = u.dates(order);
        let is_amend =
            (u.lower.contains("term") || u.lower.contains("plazo") || u.lower.contains("vigencia"))
                && !u.lower.contains("option")
                && amend_sentence().is_match(u.text)
                && (!renewal_words().is_match(u.text) || u.lower.contains("amend"));
        // length
        let anniversary =
            may_hold(&u.lower, &["effective", "commencement"]) && anniversary_re().is_match(u.text);
        // a sentence about the term: every wording of a length may state it
        let general = key_term
            || may_hold(
                &u.lower,
                &[
                    "term", "vigencia", "plazo", "duraci", "continu", "remain", "force", "vigor",
                    "regir", "valid", "effect",
                ],
            ) && term_sentence().is_match(u.text)
                && !prior_re().is_match(u.text);
        if general || anniversary && !prior_re().is_match(u.text) {
            // "until the third anniversary of the Effective Date": a length in years
            if let Some(c) = ordinal_anniversary().captures(u.text) {
                let n = ordinal_value(&c[1].to_lowercase());
                if let (Some(n), true) = (n, term_subject().is_match(u.text)) {
                    if length.as_ref().is_none_or(|(r0, _)| *r0 < 7) {
                        length = Some((7, Found::new(Period::years(n), Confidence::High, u.loc())));
                        length_from_event = false;
                        length_start = None;
                    }
                }
            }
            // "shall continue for ten (10) Contract Years": a length in years
            if u.lower.contains("contract year") {
                if let Some((n, at)) = contract_years().captures(u.text).and_then(|c| {
                    let n = c[1].parse::<u32>().ok().filter(|n| (1..=99).contains(n))?;
                    Some((n, c.get(0)?.start()))
                }) {
                    if term_subject().is_match(u.text)
                        && !term_avoid().is_match(tail(&u.text[..at], 60))
                        && length.as_ref().is_none_or(|(r0, _)| *r0 < 7)
                    {
                        length = Some((7, Found::new(Period::years(n), Confidence::High, u.loc())));
                        length_from_event = false;
                        length_start = None;
                    }
                }
            }
            for p in periods {
                let before = &u.text[..p.start];
                let near_before = tail(before, 80);
                let after = head(&u.text[p.end..], 60).to_lowercase();
                if after.starts_with("'") && after.contains("notice") {
                    continue;
                }
                // what follows the period up to the end of its clause: "three (3) years,
                // and shall renew …" says nothing against the three years
                let clause_end = [
                    ",", ";", ". ", " and ", " unless ", " with ", " y ", " salvo ",
                ]
                .iter()
                .filter_map(|s| after.find(s))
                .min()
                .unwrap_or(after.len());
                let local = format!("{} {}", tail(before, 60), &after[..clause_end]);
                if term_avoid().is_match(&local) && !key_term {
                    continue;
                }
                if key_term && renewal_words().is_match(tail(before, 40)) {
                    continue;
                }
                // "during the term of this Agreement (…) and for a period of 12 months
                // thereafter": a period that runs on after the term, not the term
                if added_to_term().is_match(tail(before, 200)) {
                    continue;
                }
                // "each consecutive period of twelve months thereafter during the Term", "for
                // three (3) years from the end of the quarter in which termination or
                // expiration occurs": a period inside the term or after it
                {
                    let a = head(&u.text[p.end..], 100).to_lowercase();
                    if a.contains("during the term")
                        || a.contains("termination or expiration")
                        || a.contains("expiration or termination")
                    {
                        continue;
                    }
                }
                // "while this Agreement is in force and for five (5) years thereafter",
                // "shall survive its expiration and continue thereafter for a period of five
                // (5) years": a period after the term ends
                if (tail(before, 40).contains("thereafter")
                    || head(&after, 20).contains("thereafter"))
                    && (survives_re().is_match(u.text) || {
                        let b = tail(before, 120).to_lowercase();
                        b.contains("while ")
                            || b.contains(" in force and")
                            || b.contains(" in effect and")
                    })
                {
                    continue;
                }
                let rank = if key_term {
                    8
                } else if general
                    && term_before().is_match(near_before)
                    && !term_avoid().is_match(u.text.get(..p.start).map_or("", |s| tail(s, 30)))
                {
                    let subject = tail(before, 160).to_lowercase();
                    if (subject.contains("initial term")
                        || subject.contains("term of")
                        || subject.contains("vigencia")
                        || subject.contains("plazo")
                        || subject.contains("duración")
                        || subject.contains("duracion"))
                        && term_subject().is_match(&subject)
                    {
                        7
                    } else if term_subject().is_match(tail(before, 300)) {
                        5
                    } else {
                        // "the chairperson shall serve for a term of one (1) year": a length
                        // with no word of this agreement before it is someone else's term
                        continue;
                    }
                } else if until_the_before().is_match(tail(before, 30))
                    && from_effective_after().is_match(&u.text[p.end..])
                    && term_subject().is_match(before)
                {
                    // "shall continue until five (5) years following the Effective Date",
                    // "until the four (4) year anniversary of the Effective Date"
                    7
                } else if (until_the_before().is_match(tail(before, 30))
                    || end_in_before().is_match(tail(before, 30)))
                    && from_start_after().is_match(&u.text[p.end..])
                    && term_subject().is_match(before)
                {
                    // "shall end fifteen months therefrom", "expires in five (5) years from
                    // the date of Effective Date", "until five (5) year(s) from such date"
                    7
                } else if general
                    && period_from_start_after().is_match(head(&u.text[p.end..], 60))
                    && term_subject().is_match(u.text)
                    && !defines_before().is_match(tail(before, 80))
                {
                    // "terminate at the end of the Exclusivity Period (i.e., a three (3) year
                    // period commencing on the Effective Date)"
                    6
                } else if general
                    && length_term_before().is_match(tail(before, 30))
                    && length_term_after().is_match(head(&u.text[p.end..], 40))
                    && term_subject().is_match(u.text)
                {
                    // "shall continue for the entire four (4) year term", "for the five (5)
                    // year term (\"Initial Term\") from the date signed"
                    let l = head(&u.text[p.end..], 40).to_lowercase();
                    if l.contains("initial") || tail(before, 30).to_lowercase().contains("initial")
                    {
                        7
                    } else {
                        6
                    }
                } else {
                    continue;
                };
                if matches!(
                    p.period.unit,
                    crate::domain::dates::PeriodUnit::Days
                        | crate::domain::dates::PeriodUnit::BusinessDays
                        | crate::domain::dates::PeriodUnit::Weeks
                ) && p.period.amount < 180
                {
                    continue;
                }
                let rank = if is_amend { rank + 2 } else { rank };
                if length
                    .as_ref()
                    .is_none_or(|(r0, _)| rank > *r0 || (is_amend && rank >= *r0))
                {
                    let conf = if rank >= 7 {
                        Confidence::High
                    } else {
                        Confidence::Low
                    };
                    length = Some((rank, Found::new(p.period, conf, u.loc())));
                    length_from_event = event_start_after().is_match(&u.text[p.end..])
                        || other_start_after()
                            .captures(&u.text[p.end..])
                            .and_then(|c| c.get(1))
                            .is_some_and(|w| {
                                let w = w.as_str().to_lowercase();
                                ![
                                    "effective",
                                    "commencement",
                                    "date",
                                    "execution",
                                    "signing",
                                    "signature",
                                    "start",
                                    "beginning",
                                    "initial",
                                    "first",
                                ]
                                .contains(&w.as_str())
                            });
                    // "for a period of twenty four (24) months to commence on the launch date
                    // of January 4, 1999": the date that starts this length, before any
                    // other date of the sentence
                    let own_start = dates.iter().find_map(|d| match d.date {
                        PartialDate::Day { date }
                            if !d.ambiguous
                                && d.start >= p.end
                                && d.start - p.end <= 100
                                && starts_on_before().is_match(&u.text[p.end..d.start]) =>
                        {
                            Some(date)
                        }
                        _ => None,
                    });
                    length_start = own_start.or_else(|| {
                        dates.iter().find_map(|d| match d.date {
                            PartialDate::Day { date }
                                if !d.ambiguous
                                    && (eff_before().is_match(&u.text[..d.start])
                                        || from_before().is_match(&u.text[..d.start])
                                            && range_after()
                                                .is_match(head(&u.text[d.end..], 30))) =>
                            {
                                Some(date)
                            }
                            _ => None,
                        })
                    });
                }
                break;
            }
        }
        // "shall be in effect until the end of 2006": the last day of that year
        if (u.lower.contains("end of")
            || u.lower.contains("fin de")
            || u.lower.contains("final de"))
            && (key_term
                || term_sentence().is_match(u.text)
                || u.lower.contains("agreement")
                || u.lower.contains("contrato"))
            && !prior_re().is_match(u.text)
        {
            if let Some((y, at)) = year_end_re()
                .captures(u.text)
                .and_then(|c| Some((c[1].parse::<i32>().ok()?, c.get(0)?.start())))
            {
                let near = tail(&u.text[..at], 120).to_lowercase();
                if term_subject().is_match(&near) || key_term {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, 12, 31) {
                        let rank = if is_amend { 10 } else { 7 };
                        if stated_end.as_ref().is_none_or(|(r0, _)| rank > *r0) {
                            amended |= is_amend;
                            stated_end = Some((rank, Found::new(date, Confidence::High, u.loc())));
                        }
                    }
                }
            }
        }
        // stated end
        for d in &dates {
            let PartialDate::Day { date } = d.date else {
                continue;
            };
            let before = &u.text[..d.start];
            let near = tail(before, 160).to_lowercase();
            let rank = if key_end {
                8
            } else if expiry_defined().is_match(tail(before, 60)) && !prior_re().is_match(u.text) {
                7
            } else if until_before().is_match(tail(before, 40))
                && !prior_to().is_match(tail(before, 40))
                && (key_term
                    || term_sentence().is_match(u.text)
                    || u.lower.contains("agreement")
                    || u.lower.contains("contract period")
                    || u.lower.contains("contrato"))
                && !prior_re().is_match(u.text)
                && !near.contains("notice")
                && !near.contains("aviso")
                && !other_documents_date(u, before, &u.text[d.end..])
            {
                // the end of this agreement's term, not of a period inside it ("the
                // twelve-month period commencing 1 July 2018 and ending 30 June 2019")
                let about_term = key_term
                    || [
                        "term",
                        "agreement",
                        "vigencia",
                        "plazo",
                        "contrato",
                        "hereof",
                    ]
                    .iter()
                    .any(|k| near.contains(k));
                // a period inside the term, or the end of a renewal or extension option
                let inner = inner_period().is_match(&near) || renewal_words().is_match(&near);
                if about_term && !inner {
                    7
                } else {
                    5
                }
            } else {
                continue;
            };
            let base = rank;
            let rank = if is_amend { rank + 3 } else { rank };
            if stated_end
                .as_ref()
                .is_none_or(|(r0, _)| rank > *r0 || (is_amend && rank >= *r0))
            {
                amended |= is_amend;
                let conf = if d.ambiguous || base < 7 {
                    Confidence::Low
                } else {
                    Confidence::High
                };
                stated_end = Some((rank, Found::new(date, conf, u.loc())));
            }
        }
    }
    if let Some((a, loc)) = alt {
        // the choice's stated end, unless a key, a defined end or an amendment states one
        if !amended
            && stated_end.as_ref().is_none_or(|(r0, _)| *r0 < 8)
            && length.as_ref().is_none_or(|(r0, _)| *r0 < 8)
        {
            let line = loc.line;
            match a {
                AltEnd::Date(d) => {
                    stated_end = Some((7, Found::new(d, Confidence::Low, loc)));
                    length = None;
                }
                AltEnd::Length(p) => {
                    length = Some((7, Found::new(p, Confidence::Low, loc)));
                    stated_end = None;
                    length_from_event = false;
                    length_start = None;
                }
            }
            warn(
                w,
                "term_alternative",
                "expiry_date",
                Some(line),
                "the term ends at the earlier or later of a stated end and an event the document does not date: the stated end is shown; confirm the expiry",
            );
        }
    }
    if amended {
        // an amendment states the new end: the length follows from it
        length = None;
    }
    // an agreement that continues until terminated; `high` when the sentence is about the
    // agreement or its term ("the term of this Agreement shall continue until terminated"),
    // not about a licence or rights granted under it
    let evergreen = us.iter().find_map(|u| {
        // every wording of `evergreen_re` holds one of these words: most sentences are
        // passed over without running it; a wording with "terminat" also holds "until" and
        // "continu"/"remain", or "when" and "end"
        let l = &u.lower;
        if !(l.contains("terminat")
            && (l.contains("until") && (l.contains("continu") || l.contains("remain"))
                || l.contains("when") && l.contains("end"))
            || [
                "indefinit",
                "perpetu",
                "indefinid",
                "indetermin",
                "unlimited",
                "evergreen",
                "fixed",
            ]
            .iter()
            .any(|w| l.contains(w)))
        {
            return None;
        }
        let m = evergreen_re().find(u.text)?;
        // "shall continue in perpetuity following termination": what survives the agreement
        if prior_re().is_match(u.text) || survives_re().is_match(&u.text[m.start()..]) {
            return None;
        }
        let subject = tail(&u.text[..m.start()], 120);
        let about = evergreen_subject().is_match(subject) || u.key_is(term_key());
        Some((u, about))
    });
    let length_rank = length.as_ref().map_or(0, |(r0, _)| *r0);
    let stated_rank = stated_end.as_ref().map_or(0, |(r0, _)| *r0);
    r.initial_term = length.map(|(_, f)| f);
    let start = match (length_start, &r.effective_date) {
        (Some(d), Some(e)) => Some((d, e.confidence == Confidence::High || d == e.value)),
        (Some(d), None) => Some((d, true)),
        (None, Some(e)) => Some((e.value, e.confidence == Confidence::High)),
        (None, None) => None,
    };
    if let (true, Some(t)) = (length_from_event, &r.initial_term) {
        warn(
            w,
            "term_from_event",
            "expiry_date",
            Some(t.source.line),
            format!(
                "the initial term of {} runs from an event the document does not date, not from the effective date: enter the expiry date",
                t.value
            ),
        );
    }
    let derived = match (start, &r.initial_term) {
        (Some(_), Some(_)) if length_from_event => None,
        (Some((e, e_high)), Some(t)) => t.value.last_day_from(e).map(|d| {
            let conf = if e_high && t.confidence == Confidence::High {
                Confidence::High
            } else {
                Confidence::Low
            };
            let mut f = Found::new(Expiry::Date(d), conf, t.source.clone());
            f.derived = true;
            f
        }),
        _ => None,
    };
    r.expiry_date = match (stated_end.map(|(_, f)| f), derived) {
        // a date only near the end of something ("support the trial until 31 December
        // 2010") against the term's own length ("The term of this Agreement … for a period of
        // five (5) years"): the length's expiry, low, with the same warning
        (Some(s), Some(d))
            if stated_rank < 7 && length_rank >= 7 && d.value != Expiry::Date(s.value) =>
        {
            warn(w, "term_disagrees", "expiry_date", Some(s.source.line), format!("a date {} is stated near an end, and the term's length gives {}: confirm which applies", s.value, match d.value { Expiry::Date(x) => x.to_string(), Expiry::Perpetual => "perpetual".into() }));
            let mut f = Found::new(d.value, Confidence::Low, d.source);
            f.derived = true;
            Some(f)
        }
        (Some(s), Some(d)) => {
            if d.value != Expiry::Date(s.value) {
                warn(w, "term_disagrees", "expiry_date", Some(s.source.line), format!("the stated end {} and the term's length disagree (effective date + term - 1 day = {}): confirm which applies", s.value, match d.value { Expiry::Date(x) => x.to_string(), Expiry::Perpetual => "perpetual".into() }));
                Some(Found::new(Expiry::Date(s.value), Confidence::Low, s.source))
            } else {
                Some(Found::new(Expiry::Date(s.value), s.confidence, s.source))
            }
        }
        (Some(s), None) => Some(Found::new(Expiry::Date(s.value), s.confidence, s.source)),
        (None, Some(d)) => Some(d),
        (None, None) => None,
    };
    if amended {
        if let (
            Some(e),
            Some(Found {
                value: Expiry::Date(end),
                source,
                confidence,
                ..
            }),
        ) = (&r.effective_date, &r.expiry_date)
        {
            if let Some(m) = whole_months(e.value, *end) {
                let mut f = Found::new(Period::months(m), *confidence, source.clone());
                f.derived = true;
                r.initial_term = Some(f);
            }
        }
    }
    if r.expiry_date.is_none() && r.initial_term.is_none() {
        if let Some((u, about)) = evergreen {
            let conf = if about {
                Confidence::High
            } else {
                Confidence::Low
            };
            r.expiry_date = Some(Found::new(Expiry::Perpetual, conf, u.loc()));
        }
    }
    if let Some((u, _)) = evergreen {
        r.auto_renewal = Some(Found::new(true, Confidence::High, u.loc()));
    }
}

fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

// ---------------------------------------------------------------- renewal and notice

regex!(
    renewal_words,
    r"(?i)(renew|renova|renueva|pr[oó]rroga|prorrog|(?:on\s+a\s+)?rolling\s+(?:basis|terms?|contract|monthly|annual|yearly|(?:one|1|twelve|12)[- ](?:month|year)\s+(?:terms?|basis|contract))|month[- ]to[- ]month|year[- ]to[- ]year|mes\s+a\s+mes|successive|sucesiv|t[aá]cita)"
);
regex!(rolling_word, r"(?i)^(?:on\s+a\s+)?rolling\b");
regex!(
    rolling_not_term,
    r"(?i)\b(?:forecasts?|purchas\w*|orders?|inventory|schedules?|pron[oó]sticos?|previsi[oó]n\w*|pedidos?)\b"
);
regex!(
    auto_renew_phrase,
    r"(?i)\bautomatic\w*\s+(?:be\s+)?(?:renew|extend)\w*|\b(?:renew|extend)\w*\s+automatic\w*|\bse\s+(?:renovar|prorrogar)[aá]\s+autom[aá]ticamente|\bautom[aá]ticamente\s+(?:renovad|prorrogad)\w*"
);
regex!(
    renewal_key,
    r"^(renewal|auto[- ]?renewal|automatic renewal|renewals|renovaci[oó]n|renovaci[oó]n autom[aá]tica|pr[oó]rroga|renewal term|renewal terms|does it renew\??|what happens at the end\??)$"
);
regex!(
    notice_key,
    r"^(notice|non[- ]renewal notice|notice of non[- ]renewal|notice period|cancellation notice|aviso|preaviso|aviso de no renovaci[oó]n|plazo de aviso|notice to terminate|how much notice\??|notice required)$"
);
regex!(
    auto_re,
    r"(?i)(automatic\w*|autom[aá]tica\w*|t[aá]cit\w*|shall\s+(?:be\s+)?renew|will\s+(?:be\s+)?renew|renews|(?:is|be|are)\s+renewed|successive|sucesiv|unless\s+(?:(?:and\s+until\s+)?(?:either|one|any|each|a|the)\s+(?:party|parties|of\s+the\s+parties|[a-z]+\s+(?:gives|provides|notifies|delivers|sends|serves|elects))|written\s+notice|notice|(?:it\s+is\s+)?terminated\s+by\s+(?:either|one|any|a|the)\s+part)|salvo\s+(?:que|aviso)|a\s+menos\s+que|rolling\s+(?:basis|terms?|monthly|contract)|month[- ]to[- ]month|mes\s+a\s+mes|se\s+renovar[aá]|se\s+prorrogar[aá]|continue\w*\s+(?:thereafter\s+)?(?:on\s+a\s+)?(?:month|year))"
);
regex!(
    fixed_re,
    r"(?i)(no\s+tacit\s+renewal|no\s+automatic\s+renewal|(?:shall|will|does|may)\s+not\s+(?:be\s+)?(?:automatically\s+|tacitly\s+)?(?:renew|extend)|not\s+(?:be\s+)?(?:automatically\s+)?renewable|non[- ]renewable|fixed[- ]term|plazo\s+(?:fijo|forzoso)|no\s+(?:se\s+)?(?:renovar[aá]|prorrogar[aá])|sin\s+(?:renovaci[oó]n|pr[oó]rroga)|no\s+habr[aá]\s+(?:renovaci[oó]n|pr[oó]rroga)|no\s+admite\s+(?:renovaci[oó]n|pr[oó]rroga)|will\s+end\s+on|no\s+renewal)"
);
regex!(
    mutual_re,
    r"(?i)(mutual\w*|by\s+(?:written\s+)?agreement\s+of|upon\s+(?:the\s+)?(?:written\s+)?agreement|if\s+(?:both\s+)?(?:the\s+)?parties\s+(?:so\s+)?agree|may\s+(?:only\s+)?be\s+(?:renewed|extended)|may\s+(?:renew|extend)|option\s+to\s+(?:renew|extend)|at\s+(?:its|their|[a-z]+'s)\s+(?:sole\s+)?(?:option|discretion)|if\s+(?:so\s+)?agreed|agree\s+in\s+writing|upon\s+mutual|de\s+com[uú]n\s+acuerdo|acuerdo\s+(?:de|entre)\s+(?:ambas\s+)?(?:las\s+)?partes|podr[aá]\s+(?:ser\s+)?(?:renovad|prorrogad))"
);
regex!(
    equal_re,
    r"(?i)(equal\s+(?:in\s+length\s+)?to\s+(?:the\s+)?(?:initial|original)\s+(?:term|period)|same\s+(?:length|duration)\s+as\s+(?:the\s+)?(?:initial|original)|(?:renew|extend)\w*\s+(?:\w+\s+){0,3}?for\s+(?:successive\s+|additional\s+|further\s+)*(?:terms|periods)\s+of\s+the\s+same\s+(?:length|duration)\b|(?:por|en)\s+(?:per[ií]odos|plazos)\s+(?:sucesivos\s+)?(?:de\s+)?(?:igual|la\s+misma)\s+duraci[oó]n|igual(?:es)?\s+(?:al?|en\s+duraci[oó]n\s+al?)\s+(?:la\s+)?(?:plazo|per[ií]odo|vigencia|duraci[oó]n)\s+(?:inicial|original)|id[eé]ntic\w+\s+(?:al?\s+)?(?:plazo|per[ií]odo))"
);
regex!(
    monthly_re,
    r"(?i)(month[- ]to[- ]month|rolling\s+monthly|monthly\s+rolling|rolling\s+(?:one|1)[- ]month|mes\s+a\s+mes|(?:on\s+a\s+)?(?:rolling\s+)?monthly\s+basis|por\s+per[ií]odos\s+mensuales|mensualmente)"
);
regex!(
    yearly_re,
    r"(?i)(year[- ]to[- ]year|año\s+a\s+año|(?:on\s+an?\s+)?annual\s+basis|annually|por\s+per[ií]odos\s+anuales|anualmente)"
);
regex!(
    // a renewal's cadence said in words next to it
    year_cadence,
    r"(?i)year[- ]to[- ]year|año\s+a\s+año|annual\s+(?:renewals?|periods?|terms?|extensions?)|(?:renew|extend)\w*\s+(?:\w+\s+)?(?:each|every)\s+year|por\s+per[ií]odos\s+anuales"
);
regex!(
    month_cadence,
    r"(?i)month[- ]to[- ]month|mes\s+a\s+mes|rolling\s+monthly|monthly\s+rolling|por\s+per[ií]odos\s+mensuales|(?:for|por)\s+(?:successive\s+|sucesivos\s+)?monthly\s+(?:periods|terms)"
);
regex!(
    notice_after,
    r"(?i)^\W{0,3}(?:s\b)?\W{0,3}(?:\(\w+\)\s*)?(?:of\s+)?(?:(?:prior|advance|previous|written|express)\s+)*(?:prior|before|in\s+advance|advance|notice|written|antes|de\s+anticipaci|de\s+antelaci|de\s+preaviso|previos?\b|previa|de\s+aviso|antelaci|anticipaci|preceding|ahead)"
);
regex!(
    // what follows a period that is a length of time, never a notice: "year basis", "month
    // periods", "año calendario sucesivos" is left to the renewal reader
    length_noun_after,
    r"(?i)^\W{0,3}(?:\(\w+\)\s*)?(?:-?\s*)?(?:basis|periods?|terms?|increments?|renewal\s+(?:periods?|terms?)|intervals?|per[ií]odos?\b|plazos?\b)"
);
regex!(
    notice_before,
    r"(?i)\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|no\s+menor\s+(?:a|de)|no\s+inferior\s+(?:a|de)|m[ií]nim[ao]\s+de|minimum\s+of|anticipaci[oó]n\s+(?:m[ií]nima\s+)?de|antelaci[oó]n\s+(?:m[ií]nima\s+)?de|preaviso\s+(?:m[ií]nimo\s+)?de|notice\s+of|notice\s+period\s+of|upon|on|with|giving|by\s+giving|con|por\s+lo\s+menos|al\s+menos)\s*(?:an?\s+|un\s+|una\s+)?$"
);
regex!(
    end_of_term,
    r"(?i)(end\s+of\s+(?:the\s+)?(?:then[- ]current|initial|renewal|current|applicable)|expir\w+\s+of\s+(?:the\s+)?(?:then[- ]current|initial|renewal|current|applicable)?\s*(?:term|period)|fecha\s+de\s+(?:vencimiento|t[eé]rmino)|vencimiento\s+del?|expir\w*\s+date|end\s+of\s+(?:any|each|such)\s+(?:term|period|renewal))"
);

regex!(
    // what a notice period is given for, after it: "… notice", "prior to the end"
    notice_context,
    r"(?i)notice|notif|prior|before|in\s+advance|preaviso|aviso|anticipaci|antelaci|antes|comunica"
);
regex!(
    // notice named just before a period: "notifies the other at least", "con una
    // anticipación no menor de"
    notice_lead,
    r"(?i)(?:notice|notif\w*|anticipaci[oó]n|antelaci[oó]n|preaviso|aviso)[^.;]{0,45}$"
);
regex!(
    // a sentence that speaks of notice (of non-renewal, of termination)
    notice_sentence,
    r"(?i)notice|notif|aviso|comunica|in\s+writing|por\s+escrito|elect\w*\s+not\s+to|intention\s+not\s+to|desire\s+not\s+to|not\s+to\s+renew|non-?renewal|no\s+renovar|unless\s+(?:(?:either|one|a)\s+party\s+|the\s+\w+\s+)?(?:sooner\s+)?terminate[sd]?\b[^.;]{0,100}\b(?:prior\s+to|before)\s+the\s+(?:expiration|expiry|end)\b"
);

/// Whether period `p` of `text` is a notice period: followed by "prior", "notice",
/// "in advance", "de anticipación" …, or preceded by "at least", "not less than", "notice
/// of", "con una anticipación de" … with notice or "prior/before" words right after it
/// ("at least sixty (60) days before the end") or notice named just before ("notifies the
/// other at least", "con una anticipación no menor de"), so "within ten (10) days" or "on
/// a year to year basis" are not notice periods.
fn is_notice(text: &str, p: &FoundPeriod) -> bool {
    // "on a five (5) year basis", "for successive one (1) year periods": a length, not notice
    if length_noun_after().is_match(head(&text[p.end..], 30)) {
        return false;
    }
    notice_after().is_match(head(&text[p.end..], 40))
        || (notice_before().is_match(tail(&text[..p.start], 50))
            && (notice_context().is_match(head(&text[p.end..], 30))
                || notice_lead().is_match(tail(&text[..p.start], 70))))
}

regex!(
    // a right or an agreement to renew or extend this agreement, not an automatic renewal:
    // "may renew this Agreement for an additional term of ten (10) years", "may be extended
    // for an additional two year period with the written consent of both parties", "shall
    // have the option, subject to its approval, to extend the Term", "will have the right to
    // renew … for two (2) additional terms of five (5) years", "is renewable for 1 year",
    // "podrá prorrogarse por un (1) año adicional", "tendrá la opción de renovar el contrato"
    option_re,
    r"(?i)\b(?:(?:right|option)\s*(?:,[^.;]{0,140}?,\s*)?to\s+(?:\w+\s+){0,2}?|(?:may|can|podr[aá]n?)(?:,[^.;]{0,160}?,)?\s+(?:\w+\s+){0,3}?|(?:is|be|are)\s+|elect\w*\s+(?:to\s+)?(?:\w+\s+){0,2}?|opci[oó]n\s+de\s+)(?:renew|extend|continue|renovar|prorrogar|extender|ampliar)\w*"
);
regex!(
    // what such a right renews, right after the verb: this agreement or its term, not a
    // conversion date or the sale of stock ("may extend the Conversion Date", "the right to
    // continue to sell any Cards")
    option_object_after,
    r"(?i)^\s*(?:the\s+|this\s+|its\s+|such\s+|your\s+|our\s+|their\s+|el\s+|la\s+|este\s+|esta\s+|dicho\s+|dicha\s+|su\s+)?(?:[\w-]+\s+){0,4}?(?:agreement|term|contract|franchise|licen[cs]e|relationship|appointment|arrangement|contrato|plazo|vigencia|convenio|acuerdo)\b"
);
regex!(
    // what a passive option renews, right before it: "the Initial Term may be extended",
    // "this Agreement is renewable", "el contrato podrá prorrogarse"
    option_object_before,
    r"(?i)\b(?:agreement|term|contract|franchise|licen[cs]e|relationship|appointment|arrangement|contrato|plazo|vigencia|convenio|acuerdo)\b[^.;]{0,40}$"
);
regex!(
    // a renewal only by a new agreement of both parties: "by mutual written agreement",
    // "with the written consent of both parties", "if agreed by both parties", "the Parties
    // may agree in writing to extend", "de común acuerdo"
    mutual_renewal,
    r"(?i)\bmutual\w*|\bboth\s+(?:of\s+the\s+)?parties\b|\bthe\s+parties\s+(?:may\s+|shall\s+|so\s+)?(?:agree|consent)|\b(?:by|upon|with)\s+(?:the\s+)?(?:written\s+)?(?:agreement|consent)\s+of\s+the\s+parties|\bde\s+com[uú]n\s+acuerdo|\bacuerdo\s+(?:de|entre)\s+(?:ambas\s+)?(?:las\s+)?partes|\bambas\s+partes"
);
regex!(
    // words that make "mutually agreed" qualify the renewal's terms, not the renewal: "on
    // such terms as may be mutually agreed", "for a consideration to be mutually agreed"
    // (not "for successive one (1) year terms pursuant to mutual written agreement")
    mutual_terms_only,
    r"(?i)\b(?:on|upon|under|at|for|with|en|a|por)\s+(?:such\s+|the\s+|a\s+|an\s+|las\s+|los\s+|un\s+|una\s+)?(?:new\s+|other\s+|nuevas?\s+)?(?:terms|conditions|consideration|price|prices|fees?|rates?|compensation|condiciones|precio|t[eé]rminos)\b[^.;]{0,40}$"
);

/// The length of one renewal a renewal *option* would give ([`option_re`]): a party's right
/// to renew or extend, or a renewal or extension by agreement of the parties ("may be
/// renewed for an additional period of seven (7) years at the option of the Licensor",
/// "may agree in writing to extend the Agreement for successive one (1) year periods"). The
/// first length of months or years within 200 bytes after the renewal word that is not a
/// notice ("at least six (6) months prior"), nor within a time limit ("within thirty (30)
/// days"); "on a yearly basis" before it is one year. The option must name what it renews
/// (this agreement, its term, the franchise) next to its verb. A renewal only "by mutual
/// agreement" / "with the consent of both parties" / "de común acuerdo" is not read: any
/// agreement can be renewed that way, and no one holds it as a right ("on such terms as
/// may be mutually agreed" after a party's option does not make it one).
///
/// What it means (decided for issue 10 item 6, renewal-rules.md "Vocabulary": a renewal
/// period is what the term renews for, and rule 5 rolls forward only "while … the agreement
/// auto-renews"): the period an option *would* renew for is read as `renewal_period`, with
/// low confidence and a `renewal_option` warning, while `auto_renewal` keeps what the
/// document says of automatic renewal (unknown or false; never true because of an option).
/// The engine computes renewals and notice deadlines only when `auto_renewal` is true, so an
/// option is never treated as an automatic renewal.
fn option_period(u: &Unit<'_>) -> Option<Period> {
    use crate::domain::dates::PeriodUnit;
    if !may_hold(
        &u.lower,
        &[
            "renew",
            "extend",
            "continue",
            "renovar",
            "prorrogar",
            "extender",
            "ampliar",
        ],
    ) || prior_re().is_match(u.text)
    {
        return None;
    }
    let m = option_re().find_iter(u.text).find(|m| {
        option_object_after().is_match(head(&u.text[m.end()..], 80))
            || (m.as_str().to_lowercase().contains(" be ")
                || m.as_str().to_lowercase().starts_with("is ")
                || m.as_str().to_lowercase().starts_with("are ")
                || m.as_str().to_lowercase().contains("podr"))
                && option_object_before().is_match(tail(&u.text[..m.start()], 60))
    })?;
    let start = m.start();
    // a renewal only by a new agreement of both parties is not a right anyone holds: any
    // agreement can be renewed that way
    if mutual_renewal()
        .find_iter(u.text)
        .any(|x| !mutual_terms_only().is_match(tail(&u.text[..x.start()], 50)))
    {
        return None;
    }
    let p = u.periods().iter().find(|p| {
        p.start >= start
            && p.start - start <= 200
            && matches!(p.period.unit, PeriodUnit::Months | PeriodUnit::Years)
            && !is_notice(u.text, p)
            && !{
                let b = tail(&u.text[..p.start], 24).to_lowercase();
                b.contains("within") || b.contains("dentro de") || b.contains("no later than")
            }
    })?;
    let between = &u.text[start..p.start];
    if yearly_basis().is_match(between) {
        return Some(Period::years(1));
    }
    Some(p.period)
}

/// Whether the noun phrase at the start of `np` (what follows "shall renew the …") is this
/// agreement or its term: a word "agreement", "term", "franchise", "contrato" … among its
/// first six words that ends the phrase (followed by nothing, a lower-case word or a
/// punctuation mark): "the Agreement within 180 days" is this agreement, "the Unit Franchise
/// Disclosure Document with …" a document.
fn renews_this_agreement(np: &str) -> bool {
    const OBJECT: &[&str] = &[
        "agreement",
        "term",
        "contract",
        "franchise",
        "license",
        "licence",
        "relationship",
        "appointment",
        "arrangement",
        "contrato",
        "plazo",
        "vigencia",
        "convenio",
        "acuerdo",
    ];
    let end = np
        .find(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-' || c == '\''))
        .unwrap_or(np.len());
    let words: Vec<&str> = np[..end].split_whitespace().take(6).collect();
    words.iter().enumerate().any(|(i, w)| {
        OBJECT.contains(&w.to_lowercase().trim_end_matches('s'))
            && words
                .get(i + 1)
                .is_none_or(|n| !n.starts_with(|c: char| c.is_uppercase()))
    })
}

regex!(
    // a party that renews a thing of its own: "shall renew the Unit Franchise Disclosure
    // Document", "agrees to renew its insurance policies", "deberá renovar la póliza"; what
    // follows is tested against `option_object_after`
    renew_other_object,
    r"(?i)\b(?:shall|will|must|to|should|deber[aá]n?|debe[n]?)\s+(?:promptly\s+|timely\s+|annually\s+|oportunamente\s+)?(?:renew|renovar)\s+(?:the|its|any|such|all|their|your|his|her|each|la|el|las|los|su|sus|cada)\s"
);
regex!(
    yearly_basis,
    r"(?i)\b(?:on\s+an?\s+(?:yearly|annual)\s+basis|year[- ]to[- ]year|annually|año\s+a\s+año|anualmente)\b"
);

fn renewal(us: &[Unit<'_>], r: &mut Reading, w: &mut Vec<Warning>) {
    let mut auto: Option<(u8, Found<bool>)> = r.auto_renewal.take().map(|f| (3, f));
    let mut period: Option<(u8, Found<Period>)> = None;
    let mut notice: Option<(u8, Found<Period>)> = None;
    let mut equal_to_initial: Option<Loc> = None;
    // the length of a renewal option ([`option_period`]), the first in the document
    let mut option: Option<Found<Period>> = None;
    for u in us {
        let key_ren = u.key_is(renewal_key());
        let key_notice = u.key_is(notice_key());
        let renew_m = may_hold(
            &u.lower,
            &[
                "renew",
                "renova",
                "renueva",
                "prórroga",
                "prorrog",
                "rolling",
                "month",
                "year",
                "mes",
                "successive",
                "sucesiv",
                "tácita",
                "tacita",
            ],
        )
        .then(|| renewal_words().find(u.text))
        .flatten();
        let renew_pos = renew_m.map(|m| m.start());
        if key_notice && !key_ren {
            if let Some(p) = u.periods().first() {
                if notice.as_ref().is_none_or(|(r0, _)| *r0 < 9) {
                    notice = Some((9, Found::new(p.period, Confidence::High, u.loc())));
                }
            }
            continue;
        }
        // "purchase … on a rolling basis", "Rolling Monthly Forecast": a forecast or an
        // order that rolls, not the agreement
        if !key_ren
            && renew_m.is_some_and(|m| rolling_word().is_match(m.as_str()))
            && rolling_not_term().is_match(u.text)
            && !u.lower.contains("renew")
            && !u.lower.contains("renov")
        {
            continue;
        }
        let Some(rp) = renew_pos.or(key_ren.then_some(0)) else {
            // "may be extended for an additional two year period": an option with no renewal
            // word of `renewal_words`
            if option.is_none() {
                if let Some(p) = option_period(u) {
                    option = Some(Found::new(p, Confidence::Low, u.loc()));
                }
            }
            // "terminate at the end of the then-current term by giving 90 days' notice"
            if (u.lower.contains("terminat") || u.lower.contains("cancel"))
                && end_of_term().is_match(u.text)
                && !breach_re().is_match(u.text)
                && !u.lower.contains("fail")
                && !u.lower.contains("any time")
                && !u.lower.contains("anytime")
                && notice_sentence().is_match(u.text)
            {
                if let Some(p) = u.periods().iter().find(|p| is_notice(u.text, p)) {
                    if notice.is_none() {
                        notice = Some((3, Found::new(p.period, Confidence::Low, u.loc())));
                    }
                }
            }
            continue;
        };
        if prior_re().is_match(u.text)
            && !u.lower.contains("prior to")
            && !u.lower.contains("prior written")
            && !u.lower.contains("previo")
        {
            continue;
        }
        let fixed = fixed_re().is_match(u.text)
            && !u.lower.contains("unless")
            && !u.lower.contains("salvo")
            && !u.lower.contains("a menos");
        let is_auto = auto_re().is_match(u.text) || key_ren;
        let mutual = mutual_re().is_match(u.text)
            && !u.lower.contains("automatic")
            && !u.lower.contains("automátic");
        if fixed {
            if auto.as_ref().is_none_or(|(r0, _)| *r0 < 8) {
                auto = Some((8, Found::new(false, Confidence::High, u.loc())));
            }
            continue;
        }
        if mutual || !is_auto {
            // a renewal by option or by agreement: its length, never an automatic renewal
            if option.is_none() {
                if let Some(p) = option_period(u) {
                    option = Some(Found::new(p, Confidence::Low, u.loc()));
                }
            }
            continue;
        }
        // "shall renew the Disclosure Document annually", "deberá renovar la póliza": a party
        // renews something else, not this agreement
        if renew_other_object()
            .find(u.text)
            .is_some_and(|m| !renews_this_agreement(head(&u.text[m.end()..], 80)))
        {
            continue;
        }
        // "each successive twelve (12) month period thereafter during the term": a period
        // inside the term, not a renewal of it
        if renew_m.is_some_and(|m| m.as_str().to_lowercase().starts_with("successive"))
            && !u.lower.contains("renew")
            && (u.lower.contains("during the term") || u.lower.contains("durante la vigencia"))
        {
            continue;
        }
        // a definition of another term ("\"Calendar Year\" means each successive period of
        // twelve (12) months") is not a renewal
        if other_definition()
            .captures(u.text)
            .and_then(|c| c.get(1))
            .is_some_and(|n| {
                !renewal_words().is_match(n.as_str()) && !n.as_str().eq_ignore_ascii_case("term")
            })
        {
            continue;
        }
        let rank = if key_ren { 9 } else { 7 };
        if auto.as_ref().is_none_or(|(r0, _)| *r0 < rank) {
            auto = Some((rank, Found::new(true, Confidence::High, u.loc())));
        }
        let periods = u.periods();
        let speaks_of_notice = notice_sentence().is_match(u.text);
        // a period the notice words follow ("90 days prior to", "sixty (60) days' notice")
        // before one that only has a notice word near it
        let strong = |p: &&FoundPeriod| notice_after().is_match(head(&u.text[p.end..], 40));
        let candidate = periods
            .iter()
            .filter(|p| is_notice(u.text, p))
            .find(strong)
            .or_else(|| periods.iter().find(|p| is_notice(u.text, p)));
        if let Some(p) = candidate {
            if speaks_of_notice && notice.as_ref().is_none_or(|(r0, _)| *r0 < rank) {
                notice = Some((rank, Found::new(p.period, Confidence::High, u.loc())));
            }
        }
        // the renewal itself ("shall automatically renew for …") after a first "renew"
        // word ("notifies its intent not to renew … within three (3) months"); the window
        // just before it holds "automatic annual renewals"
        let rp = auto_renew_phrase()
            .find(u.text)
            .map_or(rp, |m| m.start().max(rp));
        let from = floor_boundary(u.text, rp.saturating_sub(24));
        let near_rp = &u.text[from..];
        // a cadence word before any length after the renewal
        let first_len = periods
            .iter()
            .find(|p| p.start >= rp && !is_notice(u.text, p))
            .map_or(usize::MAX, |p| p.start);
        let cadence = |r: &Regex| {
            r.find(near_rp)
                .is_some_and(|m| m.start() < 60 && from + m.start() < first_len)
        };
        if period.as_ref().is_none_or(|(r0, _)| *r0 < rank) {
            if equal_re().is_match(u.text) {
                equal_to_initial = Some(u.loc());
            } else if cadence(month_cadence()) {
                // "shall be effective month to month, until terminated … sixty (60) days"
                period = Some((
                    rank,
                    Found::new(Period::months(1), Confidence::High, u.loc()),
                ));
            } else if cadence(year_cadence()) {
                // "automatic annual renewals", "renew automatically each year"
                period = Some((
                    rank,
                    Found::new(Period::years(1), Confidence::High, u.loc()),
                ));
            } else if equal_re().is_match(u.text) {
                equal_to_initial = Some(u.loc());
            } else if let Some(p) = periods
                .iter()
                .find(|p| p.start >= rp && !is_notice(u.text, p))
            {
                // the first period after the renewal word: "with automatic renewal of one
                // year thereafter" after "a period of five (5) years"
                period = Some((rank, Found::new(p.period, Confidence::High, u.loc())));
            } else if monthly_re().is_match(u.text) {
                period = Some((
                    rank,
                    Found::new(Period::months(1), Confidence::High, u.loc()),
                ));
            } else if yearly_re().is_match(&u.text[rp..]) {
                period = Some((
                    rank,
                    Found::new(Period::years(1), Confidence::High, u.loc()),
                ));
            } else if let Some(p) = periods
                .iter()
                .find(|p| p.start >= rp.saturating_sub(40) && !is_notice(u.text, p))
                .or_else(|| periods.iter().find(|p| !is_notice(u.text, p)))
            {
                let local = tail(&u.text[..p.start], 60).to_lowercase();
                if !(local.contains("initial term") || local.contains("plazo inicial"))
                    || local.contains("renew")
                {
                    period = Some((rank, Found::new(p.period, Confidence::High, u.loc())));
                }
            } else if yearly_re().is_match(u.text) {
                period = Some((
                    rank,
                    Found::new(Period::years(1), Confidence::High, u.loc()),
                ));
            }
        }
    }
    r.auto_renewal = auto.map(|(_, f)| f);
    let renews = r.auto_renewal.as_ref().map(|a| a.value);
    if let (false, Some(o)) = (renews == Some(true), &option) {
        // an option only: the length it would renew for, to confirm (see `option_period`)
        warn(
            w,
            "renewal_option",
            "renewal_period",
            Some(o.source.line),
            format!(
                "the agreement may be renewed for {} only by an option or by agreement, not automatically: no renewal is computed; record the renewal if it is exercised",
                o.value
            ),
        );
    }
    if renews == Some(false) {
        r.renewal_period = option;
        r.non_renewal_notice = None;
        return;
    }
    r.renewal_period = period.map(|(_, f)| f);
    if r.renewal_period.is_none() {
        if let (Some(loc), Some(t)) = (equal_to_initial, &r.initial_term) {
            r.renewal_period = Some(Found::new(t.value, t.confidence, loc));
        }
    }
    if r.renewal_period.is_none() {
        // an option's length; beside "shall automatically be extended for the Renewal
        // Period" it is the length of that period (low: the reader had to join them)
        r.renewal_period = option;
    }
    r.non_renewal_notice = notice.map(|(_, f)| f);
    if r.auto_renewal.as_ref().is_some_and(|a| a.value)
        && r.non_renewal_notice.is_none()
        && r.renewal_period.is_some()
    {
        warn(
            w,
            "no_notice",
            "non_renewal_notice",
            None,
            "no notice period for non-renewal found: confirm whether notice is needed",
        );
    }
}

// ---------------------------------------------------------------- termination

regex!(
    conv_re,
    r"(?i)(for\s+(?:its\s+|their\s+)?(?:own\s+)?convenience|without\s+(?:just\s+)?cause|with\s+or\s+without\s+cause|for\s+non-?\s?cause|for\s+any\s+(?:or\s+no\s+)?reason|for\s+no\s+reason|at\s+any\s+time\s+(?:and\s+)?for\s+any\s+reason|at\s+will|sin\s+expresi[oó]n\s+de\s+causa|sin\s+(?:justa\s+)?causa|sin\s+necesidad\s+de\s+(?:invocar|expresar|justificar)\s+causa|desistimiento|desistir|terminaci[oó]n\s+anticipada|terminar\s+anticipadamente|poner\s+t[eé]rmino\s+anticipado|resciliaci[oó]n\s+unilateral)"
);
regex!(
    conv_neg,
    r"(?i)(neither\s+party\s+(?:may|shall|will|has|is)|no\s+party\s+(?:may|shall)|(?:may|shall|will)\s+not\s+(?:be\s+entitled\s+to\s+)?terminat|(?:may|shall|will|can)(?:\s+not|not)\s+be\s+(?:terminated|cancell?ed)\b|(?:is|are)\s+not\s+(?:entitled|permitted)|no\s+termination\s+for\s+convenience|not\s+(?:be\s+)?(?:entitled|permitted|allowed)\s+to\s+terminate|ninguna\s+de\s+las\s+partes\s+podr[aá]|no\s+podr[aá]n?\s+(?:dar\s+por\s+)?termin|no\s+(?:se\s+)?(?:admite|procede|permite|cabe)|excluid|queda\s+excluid|renuncia\w*\s+(?:a|al)\s+(?:su\s+)?(?:derecho\s+de\s+)?desist|excluded|waive\w*)"
);
regex!(
    conv_key,
    r"^(termination for convenience|convenience termination|convenience|terminación anticipada|terminaci[oó]n sin causa|early termination|desistimiento|terminaci[oó]n por conveniencia|can we leave early\??|exit for convenience)$"
);
regex!(
    breach_re,
    r"(?i)(breach|default|incumplimiento|insolv|bankrupt|quiebra)"
);

regex!(
    // a party's right to end this agreement: "either party may terminate this Agreement",
    // "this Agreement may be terminated by the Customer", "reserves the right to cancel the
    // contract", "podrá dar por terminado el contrato"
    conv_grant,
    r"(?i)\b(?:may|can|(?:shall|will)\s+(?:have|be\s+entitled\s+to)(?:\s+the\s+(?:right|option)\s+to)?|(?:has|have|reserves?|retains?)\s+the\s+(?:unilateral\s+|sole\s+|absolute\s+)?(?:right|option)\s+to|is\s+entitled\s+to|(?:shall|will)\s+be\s+entitled\s+to|(?:wishing|wishes|wish|desir(?:es|ing))\s+to),?\s+(?:[a-zA-Z0-9(),-]+\s+){0,12}?(?:terminate|cancel|end)\b[^.;]{0,40}?\b(?:this|the|such)\s+(?:[a-zA-Z-]+\s+){0,3}?(?:agreement|contract|order|sow|statement\s+of\s+work|license|licence|lease|appointment|arrangement|engagement)\b|\b(?:this|the)\s+(?:[a-zA-Z-]+\s+){0,3}?(?:agreement|contract|order|license|licence|lease|appointment|engagement)\s+(?:may|can)\s+(?:\w+\s+){0,3}?be\s+(?:terminated|cancell?ed)\b|\bpodr[aá]n?\s+(?:\w+\s+){0,6}?(?:dar\s+por\s+terminad|terminar|resolver|rescindir|desistir|poner\s+t[eé]rmino)|\bterminaci[oó]n\s+anticipada|\bdesistimiento\s+unilateral|\b(?:until|unless\s+(?:sooner|earlier|previously))\s+terminated\s+by\s+(?:either|any|each)\s+(?:party|parte)\b|\bhasta\s+que\s+(?:cualquiera|alguna|una)\s+de\s+las\s+partes\s+(?:lo\s+|le\s+)?(?:d[eé]\s+por\s+terminad|ponga\s+t[eé]rmino|termine)"
);
regex!(
    // an open-ended term that either party ends on notice: "shall continue until terminated by
    // either party upon thirty (30) days' notice", "hasta que cualquiera de las partes le ponga
    // término con un aviso de treinta días"; the right is itself the term's end, so a renewal or
    // an end of term said in the same sentence does not make it a notice of non-renewal
    conv_until,
    r"(?i)\b(?:until|unless\s+(?:sooner|earlier|previously))\s+terminated\s+by\s+(?:either|any|each)\s+party\b|\bhasta\s+que\s+(?:cualquiera|alguna|una)\s+de\s+las\s+partes\s+(?:lo\s+|le\s+)?(?:d[eé]\s+por\s+terminad|ponga\s+t[eé]rmino|termine)"
);
regex!(
    // a right given as one way this agreement ends, often an item of a list: "may be
    // terminated: (d) by either party upon sixty (60) days' notice", "shall terminate (a) at the
    // option of any party, upon ninety (90) days' notice", "13.1.3 By either party for any
    // reason", "podrá terminarse: (c) por cualquiera de las partes, con un aviso de treinta días"
    conv_list,
    r"(?i)(?:\b(?:terminated|cancell?ed|terminate|terminarse|terminado)\s*:?\s*(?:\(\w{1,4}\)\s*)?|^\s*(?:\(?\w{1,4}\)|\d+(?:\.\d+)+\.?)\s+)(?:by|at\s+the\s+option\s+of|por|a\s+opci[oó]n\s+de)\s+(?:either|any|each|cualquiera\s+de\s+las)\s+(?:party|parties|partes)\b"
);
regex!(
    // where an item of a list ends: the next "(b)", "(iv)" or "; or" (not a number "(60)")
    list_item_end,
    r"(?i);|\s\((?:[a-z]|[ivx]{2,4})\)\s"
);
regex!(
    // what a termination already made leads to: "upon termination of this Agreement by either
    // party", "if this Agreement is terminated by either party for any reason"
    conv_after_end,
    r"(?i)\b(?:upon|after|following|on|if|when|in\s+case\s+of|at|tras|si|en\s+caso\s+de)\b[^.;:]{0,50}$"
);
regex!(
    // what makes a termination right conditional: a breach, an event, a failure
    conv_condition,
    r"(?i)\b(?:if|in\s+the\s+event|in\s+(?:such|that|which)\s+(?:event|case)|delay\w*|breach\w*|default\w*|fail\w*|insolv\w*|bankrupt\w*|change\s+(?:of|in)\s+control|upon\s+the\s+occurrence|should|unless|cure[ds]?|force\s+majeure|for\s+cause|si|en\s+caso|incumpl\w*)\b"
);
regex!(
    // freedom words: the right needs no reason
    conv_free,
    r"(?i)\b(?:at\s+any\s+time(?:\s+(?:after|following)\b)?|in\s+its\s+(?:sole\s+)?discretion|at\s+(?:its|their)\s+(?:sole\s+)?(?:option|discretion)|en\s+cualquier\s+momento)\b"
);

regex!(
    // the party's own wish to end this agreement, said as if it were a condition: "in the
    // event that the Company desires to terminate", "if Licensee elects to terminate", "si
    // el Cliente desea terminar"
    conv_own_wish,
    r"(?i)\b(?:if|in\s+the\s+event(?:\s+that)?|should|si|en\s+caso\s+(?:de\s+)?que)\s+((?:[\w,'’]+\s+){1,4}?(?:desires?|desee|wish(?:es)?|elects?|decides?|chooses?|desea|decide)\s+(?:to\s+)?(?:terminate|cancel|terminar|dar\s+por\s+terminado)\b)"
);
regex!(
    // a clause headed as the right whose text is redacted: "25.1 Termination for
    // Convenience. [***].", "Terminación sin expresión de causa: [***]"
    redacted_conv_clause,
    r"(?i)^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:termination\s+for\s+convenience|terminaci[oó]n\s+(?:por\s+conveniencia|sin\s+(?:expresi[oó]n\s+de\s+)?causa|anticipada))\s*[.:\-]?\s*\[\s*\*+\s*\]\W*$"
);
regex!(
    // a notice period redacted in the filing: "[***] written notice", "*** days' prior notice"
    redacted_notice_re,
    r"(?i)(?:\[\s*\*+\s*\]|\*{3,})\s*(?:days'?\s+|d[ií]as\s+)?(?:prior\s+|advance\s+|previous\s+)?(?:written\s+)?(?:notice|notification|aviso|preaviso)"
);

/// Termination for convenience: a right to end this agreement (`conv_grant`) given without
/// cause ("for convenience", "without cause", "for any reason", "at will", "sin expresión
/// de causa"), or at any time / in its discretion, or on a notice period with no condition
/// ("either party may terminate this Agreement upon thirty (30) days' written notice").
/// "Neither party may terminate for convenience" excludes it. A clause that only speaks of
/// "termination for any reason" (what survives it, what is returned) grants nothing; a
/// notice of non-renewal before the end of the term is not this right.
fn convenience(us: &[Unit<'_>]) -> Option<Found<Convenience>> {
    let mut best: Option<(u8, Found<Convenience>)> = None;
    for u in us {
        let key = u.key_is(conv_key());
        let termin = key
            || u.lower.contains("terminat")
            || u.lower.contains("termina")
            || u.lower.contains("cancel")
            || u.lower.contains("desist")
            || u.lower.contains("resolver")
            || u.lower.contains("resci")
            || u.lower.contains("poner término")
            || u.lower.contains("término anticipado")
            || may_hold(&u.lower, &["hasta"]) && conv_until().is_match(u.text)
            || u.key
                .as_deref()
                .is_some_and(|k| k.contains("terminat") || k.contains("termina"));
        if !termin {
            continue;
        }
        // an item of the ways this agreement ends ("may be terminated: (a) by either party upon
        // sixty (60) days' notice; (b) if …") is read alone, up to the next item
        let (lo, hi) = match conv_list()
            .find(u.text)
            .filter(|m| !conv_after_end().is_match(tail(&u.text[..m.start()], 60)))
        {
            // only a marked item ("(a) by either party", "terminated: by either party")
            Some(m)
                if conv_grant().find(u.text).is_none()
                    && (m.as_str().contains('(')
                        || m.as_str().contains(':')
                        || u.text[..m.start()].trim_end().ends_with(':')) =>
            {
                let hi = list_item_end()
                    .find(&u.text[m.end()..])
                    .map_or(u.text.len(), |n| m.end() + n.start());
                (m.start(), hi)
            }
            _ => (0, u.text.len()),
        };
        // "In the event that the Company desires to terminate …": the party's own wish is
        // not a condition of its right
        let own_wish = conv_own_wish().replace_all(&u.text[lo..hi], "$1");
        let text: &str = &own_wish;
        let lower = text.to_lowercase();
        let phrase = conv_re().find(text);
        // an item counts only when nothing conditions it
        let grant = conv_grant().find(text).or_else(|| {
            conv_list().find(text).filter(|m| {
                !conv_after_end().is_match(tail(&text[..m.start()], 60))
                    && !conv_condition().is_match(text)
            })
        });
        let neg = conv_neg().is_match(u.text);
        if !key && grant.is_none() && !(neg && phrase.is_some()) {
            // "25.1 Termination for Convenience. [***].": a clause that names the right, its
            // text redacted in the filing: the right, notice unknown, low
            if u.text.contains('*')
                && redacted_conv_clause().is_match(u.text)
                && best.as_ref().is_none_or(|(r0, _)| *r0 < 3)
            {
                best = Some((
                    3,
                    Found::new(Convenience::Allowed(None), Confidence::Low, u.loc()),
                ));
            }
            continue;
        }
        let periods: Vec<&FoundPeriod> = u
            .periods()
            .iter()
            .filter(|p| p.start >= lo && p.end <= hi)
            .collect();
        let notice = periods.iter().copied().find(|p| is_notice(u.text, p));
        // "by providing [***] written notice": a notice period the filing redacted
        let redacted_notice = text.contains('*') && redacted_notice_re().is_match(text);
        // "at any time after …" waits for an event; a mutual right is no party's right
        let free = conv_free()
            .find_iter(text)
            .any(|m| !m.as_str().ends_with("after") && !m.as_str().ends_with("following"));
        if mutual_re().is_match(text)
            || lower.contains("mutual")
            || lower.contains("by agreement")
            || lower.contains("by consent")
        {
            continue;
        }
        // "for any reason" frees the right only when no condition is attached ("if for any
        // reason you fail …")
        let phrase = phrase.filter(|m| {
            !m.as_str().to_lowercase().contains("any reason") || !conv_condition().is_match(text)
        });
        // the grant, then why it is free: a convenience phrase, freedom words, or plain notice
        let kind = if key || phrase.is_some() {
            3
        } else if free && !conv_condition().is_match(text) {
            2
        } else if (notice.is_some() || redacted_notice)
            && ((conv_until().is_match(text)
                && !conv_condition().is_match(&conv_until().replace_all(text, "")))
                || (!conv_condition().is_match(text)
                    && !end_of_term().is_match(text)
                    && !renewal_words().is_match(text)
                    && !lower.contains("expir")))
        {
            1
        } else {
            continue;
        };
        if breach_re().is_match(text)
            && !lower.contains("convenience")
            && !lower.contains("sin expresión")
            && !lower.contains("sin causa")
            && !lower.contains("without cause")
        {
            continue;
        }
        let value = if neg {
            Convenience::Excluded
        } else {
            Convenience::Allowed(
                notice
                    .or_else(|| periods.first().copied())
                    .map(|p| p.period),
            )
        };
        let rank = match (key, neg, value, kind) {
            (true, _, _, _) => 9,
            (_, true, _, _) => 7,
            (_, _, Convenience::Allowed(Some(_)), 3) => 8,
            (_, _, _, 3) => 6,
            (_, _, _, 2) => 5,
            _ => 4,
        };
        if best.as_ref().is_none_or(|(r0, _)| rank > *r0) {
            let conf = if kind == 3 {
                Confidence::High
            } else {
                Confidence::Low
            };
            best = Some((rank, Found::new(value, conf, u.loc())));
        }
    }
    best.map(|(_, f)| f)
}

regex!(cure_re, r"(?i)(cure|remed|subsan|remedi|correg)");

fn cure(us: &[Unit<'_>]) -> Option<Found<Period>> {
    us.iter().find_map(|u| {
        if !(may_hold(&u.lower, &["cure", "remed", "subsan", "correg"])
            && cure_re().is_match(u.text)
            && breach_re().is_match(u.text))
        {
            return None;
        }
        u.periods()
            .first()
            .map(|p| Found::new(p.period, Confidence::High, u.loc()))
    })
}

// ---------------------------------------------------------------- price review, review

regex!(
    price_key,
    r"^(price review|price changes?|price adjustment|indexation|indexaci[oó]n|reajuste|revisi[oó]n de precios?|ajuste de precios?|price increases?|fee adjustments?|fee increases?|reajuste de precios?|actualizaci[oó]n de precios?|pricing review|annual increase)$"
);
regex!(
    price_re,
    r"(?i)(\bCPI\b|\bIPC\b|\bIPCA\b|\bRPI\b|\bINPC\b|\bIPCA\b|consumer\s+price\s+index|[ií]ndice\s+de\s+precios|price\s+review|reajust\w*|indexa\w*|(?:fees?|prices?|rates?|charges?)\s+(?:may|shall|will)\s+(?:be\s+)?(?:increase|adjust|review)\w*|(?:increase|adjust)\w*\s+(?:the\s+)?(?:fees|prices|rates|charges)|revisi[oó]n\s+de\s+(?:precios|tarifas)|ajust\w*\s+(?:anual(?:mente)?\s+)?(?:de\s+)?(?:los\s+)?(?:precios|tarifas|honorarios|renta)|actualizar[aá]n?\s+(?:anualmente\s+)?(?:seg[uú]n|conforme)|UVR)"
);

fn price_review(us: &[Unit<'_>]) -> Option<Found<String>> {
    let mut best: Option<(u8, Found<String>)> = None;
    for u in us {
        let key = u.key_is(price_key());
        let stated = key
            || (may_hold(
                &u.lower,
                &[
                    "cpi",
                    "ipc",
                    "rpi",
                    "inpc",
                    "consumer",
                    "precio",
                    "ajust",
                    "adjust",
                    "increase",
                    "review",
                    "indexa",
                    "tarifa",
                    "actualizar",
                    "uvr",
                ],
            ) && price_re().is_match(u.text));
        if !stated {
            continue;
        }
        let rank = if key { 9 } else { 5 };
        if best.as_ref().is_none_or(|(r0, _)| rank > *r0) {
            let text: String = u.text.chars().take(200).collect();
            best = Some((rank, Found::new(text, Confidence::High, u.loc())));
        }
    }
    best.map(|(_, f)| f)
}

regex!(
    review_key,
    r"^(next review|next review date|pr[oó]xima revisi[oó]n|fecha de pr[oó]xima revisi[oó]n|review date|next contract review|revisi[oó]n)$"
);
regex!(review_re, r"(?i)(next\s+review|pr[oó]xima\s+revisi[oó]n)");

fn next_review(us: &[Unit<'_>], order: DayOrder) -> Option<Found<PartialDate>> {
    for u in us {
        let key = u.key_is(review_key());
        let pos = if key {
            Some(0)
        } else {
            may_hold(&u.lower, &["review", "revisi"])
                .then(|| review_re().find(u.text).map(|m| m.end()))
                .flatten()
        };
        let Some(pos) = pos else { continue };
        if let Some(d) = find_dates(&u.text[pos..], order).first() {
            if d.start < 40 {
                let conf = if d.ambiguous {
                    Confidence::Low
                } else {
                    Confidence::High
                };
                return Some(Found::new(d.date, conf, u.loc()));
            }
        }
    }
    None
}

// ---------------------------------------------------------------- serving notice

regex!(
    notices_heading,
    r"(?i)^\W*(?:(?:section|article|clause|cl[aá]usula|art[ií]culo)\s+)?(?:[0-9ivxl]{1,4}(?:\.\d{1,2})*[.)]?\s*)?(?:[a-záéíóúñ]+\s*[:.\-–—]+\s*)?(?:notices?|notifications?|notices\s+and\s+(?:other\s+)?communications|communications|addresses\s+for\s+notices?|notificaci[oó]n(?:es)?|avisos|comunicaciones(?:\s+y\s+notificaciones)?|notificaciones\s+y\s+comunicaciones|domicilios?(?:\s+(?:y|para)\s+(?:las\s+)?(?:notificaciones|comunicaciones))?)\s*[.:\-–—]*\s*$"
);
regex!(
    notices_lead,
    r"(?i)^\W*(?:[0-9ivxl]{1,4}(?:\.\d{1,2})*[.)]?\s*)?(?:[a-záéíóúñ]+\s*[:.\-–—]+\s*)?(?:notices|notifications|notificaciones|comunicaciones)\s*[.:\-–—]+\s"
);
regex!(
    notices_sentence,
    r"(?i)\b(?:all|any|each|every|such)\s+(?:such\s+)?(?:notices?|communications?|notifications?)\b[^.;]{0,250}?\b(?:shall|must|will|may|to)\s+(?:only\s+)?(?:be\s+)?(?:given|made|sent|delivered|served|in\s+writing|addressed|deemed|considered|effective|mailed|transmitted)\b|\bnotices\b[^.;]{0,150}?\b(?:shall|must|will|may)\s+(?:only\s+)?be\s+(?:given|made|sent|delivered|served|in\s+writing|addressed|deemed|considered|effective|mailed|transmitted)\b|\bnotices?\b[^.;]{0,200}?\b(?:shall|will)\s+be\s+(?:deemed|considered)\s+(?:to\s+have\s+been\s+)?(?:duly\s+|validly\s+|properly\s+|effectively\s+|sufficiently\s+)?(?:given|received|delivered|served|made|effective)\b|\bnotices?\s+(?:by|via)\s+(?:e-?mail|electronic\s+mail|fax|facsimile|courier)\b|\b(?:toda|todas|cualquier|cualesquiera|las)\s+(?:las\s+)?(?:notificaci[oó]n(?:es)?|comunicaci[oó]n(?:es)?|avisos?)\b[^.;]{0,250}?\b(?:deber[aá]n?|ser[aá]n?|se\s+(?:har[aá]n?|efectuar[aá]n?|cursar[aá]n?|realizar[aá]n?|enviar[aá]n?|dirigir[aá]n?|entender[aá]n?|considerar[aá]n?|tendr[aá]n?|remitir[aá]n?|entregar[aá]n?))\b|\bcursar[aá]n?\b[^.;]{0,80}\b(?:notificaci|comunicaci)|\bdomicilios?\b[^.;]{0,150}\b(?:notificaci|comunicaci|emplazamiento)"
);
regex!(
    period_context,
    r"(?i)renew|terminat|expir|cancel|end\s+of\s+the|prior\s+to|before|in\s+advance|anticipaci|antelaci|renov|resol|vencimiento|t[eé]rmino"
);
regex!(
    notice_word,
    r"(?i)\bnotices?\b|\bnotif|\bcomunicaci|\bavisos?\b|\bcarta\b"
);
regex!(
    who_re,
    r"(?i)\b(either|each|any|both)\s+(?:of\s+the\s+)?part(?:y|ies)\b|\b(cualquiera\s+de\s+las\s+partes)\b|\b(cada\s+una\s+de\s+las\s+partes|cada\s+parte|ambas\s+partes)\b|\b(?:the\s+)?(customer|client|supplier|provider|licensee|licensor|company|contractor|distributor|cliente|proveedor)\s+(?:may|shall|must|will|podr[aá]|deber[aá])\s+(?:give|serve|send|deliver|notificar|cursar|enviar)\b"
);
regex!(
    form_re,
    r"(?i)\b(?:in\s+writing|written|por\s+escrito|escrit[oa]s?|en\s+forma\s+escrita)\b"
);
regex!(
    language_re,
    r"(?i)\bin\s+(?:the\s+)?english(?:\s+language)?\b|\ben\s+(?:idioma\s+)?(?:español|castellano)\b"
);
regex!(
    address_anchor,
    r"(?i)\baddress(?:es)?\b|\baddressed\s+(?:as\s+follows|to)\b|\battention\b|\bdomicilios?\b|\bdirecci[oó]n(?:es)?\b|\batenci[oó]n\b"
);
regex!(address_lead, r"(?i)\b(?:to|at|al|a|en|addressed)\b");
regex!(
    attention_key,
    r"^(?:attention|attn\.?|atenci[oó]n|a la atenci[oó]n de|at'n)$"
);
regex!(
    contact_key,
    r"^(?:e-?mail|fax|facsimile|tel\w*|phone|tel[eé]fono|correo(?: electr[oó]nico)?|attention|attn\.?|atenci[oó]n|a la atenci[oó]n de|address|direcci[oó]n|domicilio|if to .*|to .*|copy to|with a copy to)$"
);
regex!(
    deemed_re,
    r"(?i)\b(?:shall|will|is|are)\s+(?:be\s+)?((?:deemed|considered|treated\s+as)\s+(?:to\s+have\s+been\s+)?(?:duly\s+|validly\s+|properly\s+|effectively\s+|sufficiently\s+)?(?:given|received|delivered|served|made|effective)\b[^.;]{0,160})|\b(?:shall|will)\s+(?:be|become)\s+(effective\s+(?:upon|on|when|at|as\s+of)\b[^.;]{0,160})|\b(se\s+(?:entender[aá]n?|tendr[aá]n?\s+por|considerar[aá]n?|reputar[aá]n?|presumir[aá]n?)\s+(?:como\s+)?(?:v[aá]lidamente\s+|debidamente\s+)?(?:recibid|efectuad|realizad|notificad|entregad|hech|cursad)[ao]s?\b[^.;]{0,160})|\b(surtir[aá]n?\s+(?:sus\s+)?efectos?\b[^.;]{0,160})"
);

/// Most units of a notices clause read (its sentences and address lines), so a document
/// of addresses cannot make the reader slow.
const MAX_NOTICE_UNITS: usize = 60;
/// How many units after the notices clause are searched for an "Attention:" line.
const ATTENTION_WINDOW: usize = 12;

/// Whether `u` states a notice period ("ninety (90) days' prior written notice of
/// non-renewal"): such a sentence is about when notice is due, not how it is served.
fn notice_period_sentence(u: &Unit<'_>) -> bool {
    !u.periods().is_empty() && period_context().is_match(u.text)
}

/// The largest byte index at most `i` that is a char boundary of `s`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The phrase of `text` that says to whom or where notice goes: from the preposition
/// before an address word ("to the addresses set out above", "to the attention of the
/// General Counsel", "al domicilio señalado en la introducción") to the next comma or
/// sentence mark, several joined with ", ". An address word with no preposition within
/// five words before it ("may change its address") says nothing of where notice goes.
fn addressee_in(text: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut last_end = 0;
    for m in address_anchor().find_iter(text) {
        if m.start() < last_end {
            continue;
        }
        let from = floor_boundary(text, m.start().saturating_sub(60));
        let window = &text[from..m.start()];
        let Some(lead) = address_lead().find_iter(window).last() else {
            continue;
        };
        if window[lead.end()..].split_whitespace().count() > 5 {
            continue;
        }
        let start = from + lead.start();
        let rest = &text[m.end()..];
        let stop = rest
            .find([',', '.', ';', ':', '\n'])
            .unwrap_or(rest.len())
            .min(floor_boundary(rest, 100));
        let end = m.end() + floor_boundary(rest, stop);
        let phrase = text[start..end]
            .trim()
            .trim_end_matches(['(', ' '])
            .to_string();
        last_end = end;
        if phrase.len() > 3 && !parts.contains(&phrase) {
            parts.push(phrase);
        }
        if parts.len() == 3 {
            break;
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Who may serve notice in `text`, in the product's words: `"either party"`, `"each
/// party"`, `"the Customer"`.
fn who_in(text: &str) -> Option<String> {
    let c = who_re().captures(text)?;
    if let Some(w) = c.get(1) {
        return Some(match w.as_str().to_lowercase().as_str() {
            "each" | "both" => "each party".to_string(),
            _ => "either party".to_string(),
        });
    }
    if c.get(2).is_some() {
        return Some("either party".to_string());
    }
    if c.get(3).is_some() {
        return Some("each party".to_string());
    }
    c.get(4).map(|n| {
        let name = n.as_str();
        let mut ch = name.chars();
        let cap: String = ch
            .next()
            .map(|f| f.to_uppercase().chain(ch).collect())
            .unwrap_or_default();
        format!("the {cap}")
    })
}

/// When notice is deemed received, as written ("deemed given upon receipt").
fn deemed_in(text: &str) -> Option<String> {
    let c = deemed_re().captures(text)?;
    let m = (1..=4).find_map(|i| c.get(i))?;
    let t = m.as_str().trim().trim_end_matches([',', ' ']);
    Some(t.to_string())
}

/// The form notice must take: `"in writing"`, with the language when the clause names one.
fn form_in(text: &str) -> Option<String> {
    form_re().find(text)?;
    Some(match language_re().find(text) {
        Some(l) if l.as_str().to_lowercase().contains("english") => {
            "in writing, in English".to_string()
        }
        Some(_) => "in writing, in Spanish".to_string(),
        None => "in writing".to_string(),
    })
}

/// How notice is served (issue 16 item 4), from the document's notices clause: the
/// sentences under a "Notices" / "Notificaciones" heading or clause heading, and sentences
/// that are plainly about serving notices ("All notices shall be in writing …", "Toda
/// notificación deberá hacerse por escrito …", "notice by email … shall be effective
/// upon …"). A sentence that states a notice period ("ninety (90) days' prior written
/// notice of termination") is not a notices clause. Each part is read from the first
/// sentence of the clause that states it (methods: from the one naming most), with high
/// confidence. With no notices clause, a sentence that says how some notice is delivered
/// ("mediante carta notarial") gives the methods with low confidence and a warning.
fn notice_service(us: &[Unit<'_>], w: &mut Vec<Warning>) -> NoticeServiceReading {
    let mut clause: Vec<&Unit<'_>> = Vec::new();
    let mut fallback: Option<(&Unit<'_>, Vec<NoticeMethod>)> = None;
    let mut last_headed: Option<(&Block, bool)> = None;
    for u in us {
        if clause.len() >= MAX_NOTICE_UNITS {
            break;
        }
        // the units of a block share its topic, key and text: whether they are under a
        // notices heading is worked out once per block
        let headed = match last_headed {
            Some((b, h)) if std::ptr::eq(b, u.block) => h,
            _ => {
                let h = notices_heading().is_match(&u.topic)
                    || u.key
                        .as_deref()
                        .is_some_and(|k| notices_heading().is_match(k))
                    || notices_lead().is_match(head(&u.block.text, 80));
                last_headed = Some((u.block, h));
                h
            }
        };
        let period = notice_period_sentence(u);
        // every wording of `notices_sentence` and `notice_word` holds one of these: most
        // sentences are passed over without running them
        let noticey = ["notic", "notif", "communic", "comunic", "aviso", "carta"]
            .iter()
            .any(|w| u.lower.contains(w));
        // each wording of `notices_sentence` also holds one of these words
        let serving = || {
            may_hold(
                &u.lower,
                &[
                    "given",
                    "made",
                    "sent",
                    "deliver",
                    "served",
                    "writing",
                    "address",
                    "deemed",
                    "considered",
                    "effective",
                    "transmitted",
                    "mail",
                    "fax",
                    "facsimile",
                    "courier",
                    "notificaci",
                    "comunicaci",
                    "aviso",
                    "cursar",
                    "domicilio",
                ],
            )
        };
        if !period && (headed || noticey && serving() && notices_sentence().is_match(u.text)) {
            clause.push(u);
        } else if fallback.is_none() && noticey && notice_word().is_match(u.text) {
            let methods = find_notice_methods(u.text);
            if !methods.is_empty() {
                fallback = Some((u, methods));
            }
        }
    }
    let mut r = NoticeServiceReading::default();
    fn high<T>(value: T, u: &Unit<'_>) -> Found<T> {
        Found::new(value, Confidence::High, u.loc())
    }
    // Sentences, not the address lines ("Email: legal@…") under the heading.
    let sentences: Vec<&Unit<'_>> = clause
        .iter()
        .copied()
        .filter(|u| !u.key_is(contact_key()) || u.block.kind != super::blocks::BlockKind::KeyValue)
        .collect();
    for u in &sentences {
        if r.who.is_none() {
            r.who = who_in(u.text).map(|v| high(v, u));
        }
        if r.form.is_none() {
            r.form = form_in(u.text).map(|v| high(v, u));
        }
        if r.addressee.is_none() {
            r.addressee = addressee_in(u.text).map(|v| high(v, u));
        }
        if r.deemed_received.is_none() {
            r.deemed_received = deemed_in(u.text).map(|v| high(v, u));
        }
        let methods = find_notice_methods(u.text);
        if r.methods
            .as_ref()
            .is_none_or(|m| methods.len() > m.value.len())
            && !methods.is_empty()
        {
            r.methods = Some(high(methods, u));
        }
    }
    // "Attention: General Counsel" lines under the clause or just after it.
    if let (None, Some(first), Some(last)) = (&r.addressee, clause.first(), clause.last()) {
        let span = last.index + ATTENTION_WINDOW - first.index + 1;
        if let Some(u) = us
            .iter()
            .skip(first.index)
            .take(span)
            .find(|u| u.key_is(attention_key()))
        {
            r.addressee = Some(high(format!("to the attention of {}", u.text.trim()), u));
        }
    }
    if clause.is_empty() {
        if let Some((u, methods)) = fallback {
            r.methods = Some(Found::new(methods, Confidence::Low, u.loc()));
            warn(
                w,
                "low_confidence",
                "notice_service",
                Some(u.block.lines.0),
                "how notice is served read from a sentence outside any notices clause: confirm it against the signed contract",
            );
        }
    }
    r
}

// ---------------------------------------------------------------- country and currency

const COUNTRIES: &[(&str, &str)] = &[
    (r"per[uú]|peruan[oa]s?|lima|arequipa", "PE"),
    (r"chile|chilen[oa]s?|santiago\s+de\s+chile", "CL"),
    (r"colombia|colombian[oa]s?|bogot[aá]|medell[ií]n", "CO"),
    (
        r"m[eé]xico|mexican[oa]s?|estados\s+unidos\s+mexicanos|ciudad\s+de\s+m[eé]xico|monterrey|guadalajara",
        "MX",
    ),
    (r"argentina|argentin[oa]s?|buenos\s+aires", "AR"),
    (
        r"brazil|brasil|brazilian|brasileñ[oa]s?|s[aã]o\s+paulo|rio\s+de\s+janeiro",
        "BR",
    ),
    (
        r"spain|españa|spanish\s+law|español[ae]s?|madrid|valencia|barcelona|reino\s+de\s+españa",
        "ES",
    ),
    (
        r"england|wales|united\s+kingdom|scotland|english\s+law|northern\s+ireland|\bUK\b",
        "GB",
    ),
    (
        r"united\s+states|\bU\.?S\.?A?\.?\b|new\s+york|delaware|california|texas|maryland|illinois|florida|massachusetts|washington|virginia|georgia|ohio|pennsylvania|new\s+jersey|michigan|minnesota|colorado|nevada|utah|arizona|oregon|north\s+carolina|south\s+carolina|tennessee|missouri|indiana|wisconsin|connecticut|kentucky|louisiana|iowa|kansas|oklahoma|alabama|arkansas|nebraska|idaho|maine|montana|vermont|wyoming|hawaii|alaska|rhode\s+island|new\s+hampshire|new\s+mexico|mississippi|west\s+virginia|north\s+dakota|south\s+dakota|district\s+of\s+columbia",
        "US",
    ),
    (r"canada|ontario|british\s+columbia|quebec|alberta", "CA"),
    (r"germany|alemania|deutschland", "DE"),
    (r"france|francia", "FR"),
    (r"singapore", "SG"),
    (r"israel", "IL"),
    (r"hong\s+kong", "HK"),
    (r"ireland|irlanda", "IE"),
    (r"netherlands|países\s+bajos|holanda", "NL"),
    (r"switzerland|suiza", "CH"),
    (r"china|people's\s+republic\s+of\s+china|\bPRC\b", "CN"),
    (r"japan|jap[oó]n", "JP"),
    (r"india", "IN"),
    (r"australia|new\s+south\s+wales|victoria", "AU"),
    (r"uruguay", "UY"),
    (r"ecuador", "EC"),
];

fn country_res() -> &'static Vec<(Regex, &'static str)> {
    static R: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    R.get_or_init(|| {
        COUNTRIES
            .iter()
            .filter_map(|(p, c)| {
                Regex::new(&format!(r"(?i)\b(?:{p})\b"))
                    .ok()
                    .map(|r| (r, *c))
            })
            .collect()
    })
}

regex!(
    law_re,
    r"(?i)(governed\s+by|governing\s+law|laws?\s+of|law\s+applicable|applicable\s+law|se\s+rige|se\s+regir[aá]|regido\s+por|leyes\s+(?:de|vigentes)|legislaci[oó]n|ley\s+aplicable|derecho\s+(?:aplicable|español|chileno|peruano)|construed\s+in\s+accordance)"
);
regex!(
    forum_re,
    r"(?i)(jurisdiction|courts?\s+of|tribunales|jurisdicci[oó]n|arbitra\w*|domicilio|venue)"
);
regex!(
    country_key,
    r"^(governing law|law|jurisdiction|country|pa[ií]s|ley aplicable|legislaci[oó]n aplicable|jurisdicci[oó]n|governing law and jurisdiction|ley|derecho aplicable|which law\??)$"
);

fn country_in(text: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for (r, c) in country_res() {
        if let Some(m) = r.find(text) {
            if best.is_none_or(|(p, _)| m.start() < p) {
                best = Some((m.start(), c));
            }
        }
    }
    best.map(|(_, c)| c)
}

regex!(
    law_strong_re,
    r"(?i)\b(?:governed\s+by|governing\s+law|construed\s+(?:and\s+\w+\s+)?(?:in\s+accordance\s+with|under)|interpreted\s+(?:in\s+accordance\s+with|under)|subject\s+to\s+the\s+laws|law\s+applicable|se\s+rige|se\s+regir[aá]|regid[oa]\s+por|ley\s+aplicable|derecho\s+aplicable|legislaci[oó]n\s+aplicable|sometid[oa]s?\s+a\s+las\s+leyes|(?:se\s+)?somet(?:e|en|er[aá]n?|emos)\s+a\s+las\s+leyes|sujet[oa]s?\s+a\s+las\s+leyes|submits?\s+to\s+the\s+laws|submit\s+themselves\s+to\s+the\s+laws)"
);
regex!(
    law_topic,
    r"(?i)\b(?:governing\s+law|applicable\s+law|choice\s+of\s+law|ley\s+aplicable|legislaci[oó]n|derecho\s+aplicable)\b"
);
regex!(
    // where a party is incorporated, not the law the agreement is governed by: "a
    // corporation organized and existing under the laws of Israel", "constituida bajo las
    // leyes de Chile"
    incorporated_re,
    r"(?i)(?:organi[sz]ed|incorporated|existing|formed|constituted|registered|established|constituid[ao]|organizad[ao]|existente)\s+(?:and\s+existing\s+|y\s+existente\s+)?(?:under|in\s+accordance\s+with|bajo|conforme\s+a|de\s+acuerdo\s+con)\s+(?:the\s+|las\s+)?(?:laws?|leyes)\s*(?:of|de)?\s*$"
);
regex!(
    // a party's address or domicile: "with its principal place of business at", "having
    // its registered office in", "con domicilio en", "domiciliada en"
    address_re,
    r"(?i)\b(?:principal\s+(?:place\s+of\s+business|offices?|executive\s+offices?)|registered\s+(?:office|address)|(?:with|having)\s+(?:its\s+|an\s+|a\s+)?(?:offices?|address|headquarters)\s+(?:at|in)|located\s+at|residing\s+at|(?:con\s+)?domicilio\s+(?:legal\s+|fiscal\s+|social\s+)?(?:en|ubicado\s+en)|domiciliad[ao]\s+en|con\s+sede\s+en|ubicad[ao]\s+en)\b"
);
regex!(
    // where the data are kept: "Customer Data shall be stored and processed only in Peru",
    // "los datos personales se almacenarán en servidores ubicados en Chile"
    residency_re,
    r"(?i)\b(?:data|datos|information|informaci[oó]n|servers?|servidores)\b[^.;]{0,80}?\b(?:stored|hosted|processed|kept|located|reside|resident|remain|almacenad\w*|alojad\w*|tratad\w*|resid\w*|ubicad\w*|permanecer\w*|almacenar\w*)\b[^.;]{0,50}?\b(?:in|within|inside|en|dentro\s+de(?:l)?)\b"
);

/// The country of the agreement (ISO 3166-1 alpha-2), by what says it, best first: a
/// country key (9); the country named after the governing-law words ("governed by the
/// laws of England", "se rige por las leyes de la República del Perú") (8); a forum
/// ("the courts of Santiago") (6). Where a party is incorporated ("organized under the
/// laws of Delaware") is not the governing law. With none of those, `low` with a warning:
/// where the data are kept ("Customer Data shall be stored only in Chile"), else the
/// country the parties' addresses name most (their addresses and places of
/// incorporation), else the one the document names most.
fn country(us: &[Unit<'_>], w: &mut Vec<Warning>) -> Option<Found<String>> {
    let mut best: Option<(u8, Found<String>)> = None;
    for u in us {
        let rank = if u.key_is(country_key()) {
            9
        } else if let Some(m) = may_hold(
            &u.lower,
            &[
                "govern",
                "law",
                "rige",
                "regi",
                "ley",
                "legislaci",
                "derecho",
                "construed",
            ],
        )
        .then(|| {
            law_re()
                .find_iter(u.text)
                .find(|m| !incorporated_re().is_match(&u.text[..m.end()]))
        })
        .flatten()
        {
            // the country named after "laws of": the governing law when the sentence or
            // its heading says it governs ("governed by", "se rige por", "Governing Law");
            // "compliance with the laws of China" is a weaker hint (5)
            let strong = law_strong_re().is_match(u.text) || law_topic().is_match(&u.topic);
            let rank = if strong { 8 } else { 5 };
            if let Some(c) = country_in(&u.text[m.start()..]) {
                if best.as_ref().is_none_or(|(r0, _)| *r0 < rank) {
                    let conf = if strong {
                        Confidence::High
                    } else {
                        Confidence::Low
                    };
                    best = Some((rank, Found::new(c.to_string(), conf, u.loc())));
                }
            }
            continue;
        } else if may_hold(
            &u.lower,
            &[
                "jurisdic",
                "court",
                "tribunal",
                "arbitra",
                "domicilio",
                "venue",
            ],
        ) && forum_re().is_match(u.text)
            && !incorporated_re().is_match(u.text)
        {
            6
        } else {
            continue;
        };
        if let Some(c) = country_in(u.text) {
            if best.as_ref().is_none_or(|(r0, _)| *r0 < rank) {
                best = Some((rank, Found::new(c.to_string(), Confidence::High, u.loc())));
            }
        }
    }
    if let Some((rank, f)) = best {
        if rank == 5 {
            warn(
                w,
                "country_assumed",
                "country",
                Some(f.source.line),
                format!(
                    "no governing law found: country {} read from \"{}\"; confirm it",
                    f.value, f.source.text
                ),
            );
        }
        return Some(f);
    }
    // where the data are kept
    for u in us {
        if let Some(m) = residency_re().find(u.text) {
            if let Some(c) = country_in(head(&u.text[m.end()..], 80)) {
                warn(
                    w,
                    "country_assumed",
                    "country",
                    Some(u.block.lines.0),
                    format!("no governing law found: country {c} read from where the data are kept; confirm it"),
                );
                return Some(Found::new(c.to_string(), Confidence::Low, u.loc()));
            }
        }
    }
    // the parties' addresses and places of incorporation, else every country named
    let tally = |only_addresses: bool| {
        let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
        for u in us {
            if only_addresses
                && !(address_re().is_match(u.text)
                    || incorporated_re().is_match(u.text)
                    || u.lower.contains("under the laws of")
                    || u.lower.contains("bajo las leyes de"))
            {
                continue;
            }
            if let Some(c) = country_in(u.text) {
                match counts.iter_mut().find(|(k, _, _)| *k == c) {
                    Some(e) => e.1 += 1,
                    None => counts.push((c, 1, u.index)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts
    };
    let (counts, what) = match tally(true) {
        c if !c.is_empty() => (c, "the parties' addresses"),
        _ => (tally(false), "the places the document names"),
    };
    let (c, _, idx) = *counts.first()?;
    let u = us.get(idx)?;
    let others: Vec<&str> = counts.iter().skip(1).map(|x| x.0).collect();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!(" (it also names {})", others.join(", "))
    };
    warn(
        w,
        "country_assumed",
        "country",
        Some(u.block.lines.0),
        format!("no governing law found: country {c} assumed from {what}{also}; confirm it"),
    );
    Some(Found::new(c.to_string(), Confidence::Low, u.loc()))
}

regex!(
    money_re,
    r"(?i)(US\$|USD|U\$S|S/\.?|PEN|€|EUR\b|£|GBP|CLP|\bUF\b|CLF|MXN|COP|ARS|BRL|R\$|\$)\s?\d|\d[\d.,]*\s?(USD|EUR|GBP|CLP|UF|MXN|COP|ARS|BRL|PEN|euros?|soles|reais|d[oó]lares|pesos\s+(?:chilenos|mexicanos|colombianos|argentinos)|libras)\b"
);
regex!(
    peso_re,
    r"(?i)pesos\s+(chilenos|mexicanos|colombianos|argentinos)|\b(d[oó]lares|dollars)\b"
);

fn currency(us: &[Unit<'_>], country: Option<&str>, w: &mut Vec<Warning>) -> Option<Found<String>> {
    let pesos = us
        .iter()
        .filter(|u| may_hold(&u.lower, &["pesos", "dólares", "dolares", "dollars"]))
        .find_map(|u| peso_re().captures(u.text))
        .map(
            |c| match c.get(1).map(|m| m.as_str().to_lowercase()).as_deref() {
                Some("chilenos") => "CLP",
                Some("mexicanos") => "MXN",
                Some("colombianos") => "COP",
                Some("argentinos") => "ARS",
                _ => "USD",
            },
        );
    for u in us {
        // every amount has a digit: most sentences are passed over without the pattern
        if !super::lexicon::may_hold_digit(u.text) {
            continue;
        }
        let Some(c) = money_re().captures(u.text) else {
            continue;
        };
        let sym = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        let upper = sym.to_uppercase();
        let code = match upper.as_str() {
            "US$" | "USD" | "U$S" | "DÓLARES" | "DOLARES" => "USD",
            "S/" | "S/." | "PEN" | "SOLES" => "PEN",
            "€" | "EUR" | "EURO" | "EUROS" => "EUR",
            "£" | "GBP" | "LIBRAS" => "GBP",
            "CLP" => "CLP",
            "UF" | "CLF" => "CLF",
            "MXN" => "MXN",
            "COP" => "COP",
            "ARS" => "ARS",
            "BRL" | "R$" | "REAIS" => "BRL",
            "$" => {
                let (code, sure) = match (pesos, country) {
                    (Some(p), _) => (p, true),
                    (None, Some("US")) => ("USD", true),
                    (None, Some("MX")) => ("MXN", false),
                    (None, Some("CL")) => ("CLP", false),
                    (None, Some("CO")) => ("COP", false),
                    (None, Some("AR")) => ("ARS", false),
                    _ => ("USD", false),
                };
                if !sure {
                    warn(w, "currency_assumed", "currency", Some(u.block.lines.0), format!("\"$\" read as {code}; it is also the sign of other currencies: confirm it"));
                    return Some(Found::new(code.to_string(), Confidence::Low, u.loc()));
                }
                code
            }
            s if s.starts_with("PESOS") => pesos.unwrap_or("USD"),
            _ => continue,
        };
        return Some(Found::new(code.to_string(), Confidence::High, u.loc()));
    }
    None
}

#[cfg(test)]
mod notice_service_tests {
    use super::super::{read, NoticeServiceReading};
    use crate::adapters::import::text_document;
    use crate::domain::model::{Confidence, NoticeMethod::*};

    fn reading(name: &str, text: &str) -> (NoticeServiceReading, Vec<String>) {
        let r = read(&text_document(name, text));
        let warnings = r
            .warnings
            .iter()
            .filter(|w| w.field == "notice_service")
            .map(|w| w.message.clone())
            .collect();
        (r.notice_service, warnings)
    }

    fn value<T: Clone>(f: &Option<super::Found<T>>) -> Option<T> {
        f.as_ref().map(|f| f.value.clone())
    }

    #[test]
    fn a_numbered_notices_clause_in_prose() {
        let doc = "SUPPLY AGREEMENT\n\nThis Agreement is made between Acme Ltd and Widget Corp.\n\n\
14.1 Assignment. Neither party may assign this Agreement.\n\n\
14.2 Notices. All notices under this Agreement shall be in writing and delivered by hand, courier or registered mail to the addresses set out above, to the attention of the General Counsel. Notices shall be deemed received on the date of delivery.\n\n\
14.3 Severability. If any provision is invalid the rest remains.\n";
        let (n, w) = reading("supply.txt", doc);
        assert_eq!(value(&n.who), None, "the clause does not say who");
        assert_eq!(value(&n.form).as_deref(), Some("in writing"));
        assert_eq!(
            value(&n.methods),
            Some(vec![HandDelivery, Courier, RegisteredMail])
        );
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("to the addresses set out above, to the attention of the General Counsel")
        );
        assert_eq!(
            value(&n.deemed_received).as_deref(),
            Some("deemed received on the date of delivery")
        );
        let form = n.form.as_ref().unwrap();
        assert_eq!(form.source.line, 7);
        assert_eq!(form.confidence, Confidence::High);
        // The reader quotes the sentence; the importer quotes the span's lines (the paragraph).
        assert!(
            form.source
                .text
                .starts_with("All notices under this Agreement shall be in writing"),
            "{}",
            form.source.text
        );
        assert!(w.is_empty());
    }

    #[test]
    fn a_markdown_notices_section_with_email_and_an_attention_line() {
        let doc = "# Hosting Agreement\n\n## Term\n\nThe term is two (2) years from 1 March 2024.\n\n## Notices\n\n\
Either party may give notice by email to the other party's contact in Schedule 1; notice by email shall be effective upon confirmation of transmission.\n\n\
Attention: Head of Legal\n\n## Governing law\n\nThe laws of England.\n";
        let (n, _) = reading("hosting.md", doc);
        assert_eq!(value(&n.who).as_deref(), Some("either party"));
        assert_eq!(value(&n.form), None, "no form is stated");
        assert_eq!(value(&n.methods), Some(vec![Email]));
        assert_eq!(
            value(&n.deemed_received).as_deref(),
            Some("effective upon confirmation of transmission")
        );
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("to the attention of Head of Legal")
        );
        assert_eq!(n.addressee.as_ref().unwrap().source.line, 11);
        assert_eq!(n.who.as_ref().unwrap().source.line, 9);
    }

    #[test]
    fn a_capitals_heading_and_any_notice_by_either_party() {
        let doc = "LICENSE AGREEMENT\n\nNOTICES\n\n\
Any notice required or permitted to be given by either Party under this Agreement shall be in writing in the English language and shall be sent by certified mail, return receipt requested, or by facsimile, to the other Party at its address first written above.\n";
        let (n, _) = reading("license.txt", doc);
        assert_eq!(value(&n.who).as_deref(), Some("either party"));
        assert_eq!(value(&n.form).as_deref(), Some("in writing, in English"));
        assert_eq!(value(&n.methods), Some(vec![RegisteredMail, Fax]));
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("at its address first written above")
        );
        assert_eq!(value(&n.deemed_received), None);
    }

    #[test]
    fn a_peruvian_clause_by_notarial_letter() {
        let doc = "CONTRATO DE PRESTACIÓN DE SERVICIOS\n\n\
Conste por el presente documento el contrato que celebran de una parte Acme S.A.C. y de la otra Servicios del Sur S.A.\n\n\
DÉCIMO: NOTIFICACIONES.- Toda notificación entre las partes deberá hacerse por escrito mediante carta notarial al domicilio señalado en la introducción del presente contrato. Las notificaciones se entenderán válidamente efectuadas el día de su recepción.\n";
        let (n, _) = reading("contrato.txt", doc);
        assert_eq!(value(&n.form).as_deref(), Some("in writing"));
        assert_eq!(value(&n.methods), Some(vec![NotarialLetter]));
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("al domicilio señalado en la introducción del presente contrato")
        );
        assert_eq!(
            value(&n.deemed_received).as_deref(),
            Some("se entenderán válidamente efectuadas el día de su recepción")
        );
        assert_eq!(n.methods.as_ref().unwrap().source.line, 5);
    }

    #[test]
    fn a_spanish_markdown_section_by_email_to_the_attention_of() {
        let doc = "# Contrato de Suministro\n\n## Plazo\n\nEl plazo es de un (1) año.\n\n## Notificaciones\n\n\
Cualquiera de las partes podrá cursar comunicaciones por correo electrónico, dirigidas a la atención del Gerente Legal de la otra parte.\n";
        let (n, _) = reading("suministro.md", doc);
        assert_eq!(value(&n.who).as_deref(), Some("either party"));
        assert_eq!(value(&n.methods), Some(vec![Email]));
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("a la atención del Gerente Legal de la otra parte")
        );
        assert_eq!(value(&n.form), None);
    }

    #[test]
    fn a_chilean_domicile_clause_by_certified_letter() {
        let doc = "CONTRATO DE ARRENDAMIENTO\n\n\
Para todos los efectos de este contrato las partes fijan su domicilio en la ciudad de Santiago, donde se cursarán las notificaciones por carta certificada.\n";
        let (n, _) = reading("arriendo.txt", doc);
        assert_eq!(value(&n.methods), Some(vec![RegisteredMail]));
        assert_eq!(value(&n.form), None);
        assert_eq!(n.methods.as_ref().unwrap().confidence, Confidence::High);
    }

    #[test]
    fn a_notices_row_of_a_summary_table() {
        let doc = "# Support Agreement Summary\n\n| Field | Details |\n|---|---|\n\
| Parties | Acme SAC / Widget Corp |\n\
| Notices | Each party shall serve notices in writing by courier or e-mail to the addresses in the Parties table |\n";
        let (n, _) = reading("summary.md", doc);
        assert_eq!(value(&n.who).as_deref(), Some("each party"));
        assert_eq!(value(&n.form).as_deref(), Some("in writing"));
        assert_eq!(value(&n.methods), Some(vec![Courier, Email]));
        assert_eq!(
            value(&n.addressee).as_deref(),
            Some("to the addresses in the Parties table")
        );
        assert_eq!(n.methods.as_ref().unwrap().source.line, 6);
    }

    #[test]
    fn notice_by_email_effective_on_receipt_outside_any_heading() {
        let doc = "Services Agreement\n\n\
The Customer may send notice by email to legal@example.com. Notice by email shall be effective upon the sender's receipt of a delivery confirmation.\n";
        let (n, _) = reading("services.txt", doc);
        assert_eq!(value(&n.methods), Some(vec![Email]));
        assert_eq!(
            value(&n.deemed_received).as_deref(),
            Some("effective upon the sender's receipt of a delivery confirmation")
        );
        assert_eq!(value(&n.who).as_deref(), Some("the Customer"));
    }

    #[test]
    fn no_notices_clause_reads_nothing() {
        let doc = "# Simple Agreement\n\n| Field | Details |\n|---|---|\n\
| Parties | Acme SAC / Widget Corp |\n| Effective Date | 1 January 2024 |\n| Term | 2 years |\n";
        let (n, w) = reading("simple.md", doc);
        assert!(n.is_empty(), "{n:?}");
        assert!(w.is_empty());
    }

    #[test]
    fn a_notice_period_is_not_a_notices_clause() {
        let doc = "MASTER SERVICES AGREEMENT\n\n\
12. Term and Termination. This Agreement renews for successive one-year periods unless either party gives written notice of non-renewal at least sixty (60) days before the end of the then-current term. Either party may terminate this Agreement for convenience upon ninety (90) days' prior written notice to the other party.\n\n\
## Notice period\n\nNinety (90) days' written notice before expiry.\n";
        let (n, w) = reading("msa.txt", doc);
        assert!(n.is_empty(), "{n:?}");
        assert!(w.is_empty());
    }

    #[test]
    fn a_termination_by_notarial_letter_gives_the_method_with_low_confidence() {
        let doc = "CONTRATO DE LOCACIÓN DE SERVICIOS\n\n\
NOVENO: RESOLUCIÓN.- Cualquiera de las partes podrá resolver el contrato sin expresión de causa mediante carta notarial cursada con treinta (30) días de anticipación.\n";
        let (n, w) = reading("locacion.txt", doc);
        assert_eq!(value(&n.methods), Some(vec![NotarialLetter]));
        assert_eq!(n.methods.as_ref().unwrap().confidence, Confidence::Low);
        assert_eq!(value(&n.form), None);
        assert_eq!(value(&n.who), None);
        assert_eq!(w.len(), 1, "{w:?}");
    }
}

/// Which sentence a value may be read from, and when the reader must say `low`: dates of
/// other documents, recitals and periods inside the term are not the agreement's; a notice
/// period is the one tied to notice; a forecast is not a renewal (issue 10 items 3, 6).
#[cfg(test)]
mod scope_tests {
    use super::super::{read, Convenience, Expiry, Reading};
    use crate::adapters::import::text_document;
    use crate::domain::dates::Period;
    use crate::domain::model::Confidence;
    use chrono::NaiveDate;

    fn rd(text: &str) -> Reading {
        read(&text_document("contract.txt", text))
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn eff(r: &Reading) -> Option<(NaiveDate, Confidence)> {
        r.effective_date.as_ref().map(|f| (f.value, f.confidence))
    }

    fn exp(r: &Reading) -> Option<(Expiry, Confidence)> {
        r.expiry_date.as_ref().map(|f| (f.value, f.confidence))
    }

    #[test]
    fn a_recital_or_another_documents_date_is_not_the_effective_date() {
        let r = rd("MASTER SERVICES AGREEMENT\n\n\
This Master Services Agreement is made on 5 May 2019 between Northwind Ltd and Contoso Inc.\n\n\
WHEREAS, Northwind and Contoso signed a Letter of Intent dated 2 February 2019 concerning the services;\n\n\
WHEREAS, Contoso wishes to buy the services.\n");
        assert_eq!(eff(&r), Some((day(2019, 5, 5), Confidence::High)));
        let r = rd("AMENDMENT NO. 3\n\n\
This Amendment No. 3 (this \"Amendment\") to the Supply Agreement dated as of 8 March 2012 (the \"Existing Agreement\") is entered into by Alpha GmbH and Beta LLC.\n\n\
1. The parties agree that the price list in Schedule B is replaced.\n");
        assert_eq!(
            eff(&r),
            None,
            "8 March 2012 is the date of the amended agreement"
        );
        let r = rd("ACUERDO MODIFICATORIO\n\n\
CONSIDERANDO que las partes celebraron un contrato de suministro el 3 de marzo de 2015;\n\n\
PRIMERA. El presente acuerdo entra en vigencia el 1 de julio de 2020.\n");
        assert_eq!(eff(&r), Some((day(2020, 7, 1), Confidence::High)));
    }

    #[test]
    fn an_end_stated_without_on_or_as_a_defined_date_is_the_expiry() {
        let r = rd("SUPPLY AGREEMENT\n\n\
This Supply Agreement is made on May 9, 2019 between Acme Corp and Widget LLC.\n\n\
2. Term. The \"Term\" shall begin on the date hereof and shall expire December 31, 2023, subject to early termination pursuant to Section 19.\n");
        assert_eq!(
            exp(&r).map(|(e, _)| e),
            Some(Expiry::Date(day(2023, 12, 31)))
        );
        let r = rd("PROMOTION AGREEMENT\n\n\
This Promotion Agreement is entered into as of August 1, 2019 by Acme Corp and Widget LLC.\n\n\
1.12 \"Expiration Date\" means March 31, 2020.\n");
        assert_eq!(
            exp(&r).map(|(e, _)| e),
            Some(Expiry::Date(day(2020, 3, 31)))
        );
        // a date something must happen before is not the end of the term
        let r = rd("LICENSE AGREEMENT\n\n\
This License Agreement is entered into effective as of December 16, 2004 between Acme Corp and Widget LLC.\n\n\
2. Fox may terminate this Agreement on notice, provided that Fox will not exercise the right to terminate for films released prior to June 30, 2005.\n");
        assert_eq!(exp(&r), None);
        // the expiry date of another document is not this agreement's
        let r = rd("AMENDMENT\n\n\
This Amendment is effective as of June 1, 2020 between Acme Corp and Widget LLC.\n\n\
1. The Expiration Date of the Lease Agreement dated May 1, 2015 is April 30, 2020.\n");
        assert_ne!(
            exp(&r).map(|(e, _)| e),
            Some(Expiry::Date(day(2020, 4, 30)))
        );
    }

    #[test]
    fn a_term_that_runs_from_an_event_gives_no_expiry_from_the_effective_date() {
        let text = "CONTENT LICENSE AGREEMENT\n\n\
This Agreement is made on November 2, 2005 between Acme Corp and Widget LLC.\n\n\
1. INITIAL TERM. This Agreement will become effective as of November 2, 2005 and shall remain effective for an initial term of 10 Years following the first date of public availability of the Content on the Platform (the \"Initial Term\").\n";
        let r = rd(text);
        assert_eq!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(Period::years(10))
        );
        assert_eq!(exp(&r), None);
        assert!(
            r.warnings.iter().any(|x| x.code == "term_from_event"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn a_term_the_agreement_is_valid_for_is_its_initial_term() {
        let r = rd("MANUFACTURING AGREEMENT\n\n\
This Agreement is made as of December 6, 2014 between Acme Corp and Widget LLC.\n\n\
14.1 This Agreement shall commence on December 6, 2014 and shall be valid for a period of five (5) years with automatic renewal of one year thereafter until terminated by either party with one (1) year written notice prior to the expiration of the initial period.\n");
        assert_eq!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(Period::years(5))
        );
        assert_eq!(
            exp(&r).map(|(e, _)| e),
            Some(Expiry::Date(day(2019, 12, 5)))
        );
    }

    #[test]
    fn the_start_of_the_term_is_the_effective_date_and_the_expiry_runs_from_it() {
        let r = rd("SERVICES AGREEMENT\n\n\
This Services Agreement is made this 10th day of December, 2021 by and between Acme Corp and Widget LLC.\n\n\
3. Term. The term of this Agreement shall commence on January 1, 2022 and continue for two (2) years, and it shall renew automatically for successive one (1) year periods unless either party gives at least sixty (60) days' written notice of non-renewal.\n");
        assert_eq!(eff(&r), Some((day(2022, 1, 1), Confidence::High)));
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2023, 12, 31)), Confidence::High))
        );
        assert_eq!(r.initial_term.map(|t| t.value), Some(Period::years(2)));
        assert_eq!(r.renewal_period.map(|t| t.value), Some(Period::years(1)));
        assert_eq!(
            r.non_renewal_notice.map(|t| t.value),
            Some(Period::days(60))
        );
    }

    #[test]
    fn two_different_effective_dates_are_low_with_a_warning() {
        let r = rd("LICENCE AGREEMENT\n\n\
1. This Agreement is effective as of 1 April 2023.\n\n\
2. Notwithstanding clause 1, this Agreement shall become effective on 15 April 2023.\n");
        assert_eq!(eff(&r).map(|e| e.1), Some(Confidence::Low));
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "effective_date_disagrees"));
    }

    #[test]
    fn dating_phrases_and_a_split_ordinal_are_read() {
        let r = rd("HOSTING AGREEMENT\n\nThis Agreement is made on this 12th day of May 2003 by and between Host Co and Client Co.\n");
        assert_eq!(eff(&r), Some((day(2003, 5, 12), Confidence::High)));
        // text taken from a PDF splits an ordinal: "15t h"
        let r = rd("SUPPLY AGREEMENT\n\nTHIS AGREEMENT is made on the 15t h day of January 2018 between Maker Ltd and Seller Ltd.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2018, 1, 15)));
        let r =
            rd("DEVELOPMENT AGREEMENT\n\n1.4 \"Effective Date\" shall mean December 5, 2014.\n");
        assert_eq!(eff(&r), Some((day(2014, 12, 5), Confidence::High)));
    }

    #[test]
    fn the_effective_date_of_a_termination_is_not_the_agreements() {
        let r = rd("PURCHASE AGREEMENT\n\n\
7.2 The Buyer may terminate this Agreement, effective as of 30 June 2027, if the Seller fails to deliver the goods.\n");
        assert_eq!(eff(&r), None);
    }

    #[test]
    fn periods_after_the_term_and_survival_are_not_the_term() {
        let r = rd("CONSULTING AGREEMENT\n\n\
This Agreement is made on 1 March 2020 between Adviser Ltd and Client plc.\n\n\
8. During the term of this Agreement and for a period of five (5) years thereafter, each party shall keep the other's information confidential.\n\n\
9. The obligations in clause 8 shall survive indefinitely following the termination of this Agreement.\n");
        assert_eq!(r.initial_term, None);
        assert_eq!(r.expiry_date, None);
    }

    #[test]
    fn the_end_of_a_period_inside_the_term_is_not_a_confident_expiry() {
        let r = rd("MANUFACTURING AGREEMENT\n\n\
This Agreement is made as of 1 July 2018 between Maker Inc and Brand Inc.\n\n\
4. During the Term of this Agreement, Brand shall buy a minimum volume for the contract year commencing July 1, 2018 and ending June 30, 2019.\n");
        assert_ne!(
            exp(&r).map(|e| e.1),
            Some(Confidence::High),
            "{:?}",
            r.expiry_date
        );
    }

    #[test]
    fn a_forecast_or_a_definition_is_not_a_renewal() {
        let r = rd("DISTRIBUTION AGREEMENT\n\n\
5.1 The Distributor shall provide a rolling twelve (12) month forecast at least thirty (30) days before each calendar quarter.\n\n\
1.3 \"Calendar Quarter\" means each successive period of three (3) calendar months commencing on January 1, April 1, July 1 and October 1.\n");
        assert_eq!(r.renewal_period, None);
        assert_eq!(r.non_renewal_notice, None);
    }

    #[test]
    fn a_notice_period_is_tied_to_notice_not_to_within_or_a_basis() {
        let r = rd("SERVICE AGREEMENT\n\n\
This Agreement shall renew automatically on a year to year basis unless either party notifies the other at least forty-five (45) days prior to the end of the then-current term.\n\n\
Invoices are payable within ten (10) days; this Agreement renews as stated above.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(1)));
        assert_eq!(
            r.non_renewal_notice.map(|p| p.value),
            Some(Period::days(45))
        );
    }

    #[test]
    fn an_option_or_an_agreement_to_renew_is_not_an_automatic_renewal() {
        let r = rd("SUPPLY AGREEMENT\n\n\
After the Initial Term, this Agreement may be extended on a yearly basis at the Buyer's sole discretion.\n\n\
This Agreement shall renew for successive one-year periods if agreed by both parties in writing within 30 days of its expiry.\n");
        assert_ne!(r.auto_renewal.map(|a| a.value), Some(true));
        assert_eq!(r.non_renewal_notice, None);
        assert_eq!(r.renewal_period, None);
    }

    #[test]
    fn termination_at_any_time_or_for_breach_is_not_non_renewal_notice() {
        let r = rd("CONSULTING AGREEMENT\n\n\
5.1 Either party may terminate this Agreement at any time prior to the expiry of the Term by giving not less than three (3) months' notice.\n\n\
5.2 The Client may terminate this Agreement at the end of the current term if the Consultant fails to cure a breach within thirty (30) days after written notice.\n");
        assert_eq!(r.non_renewal_notice, None);
        // and a plain one still is, with low confidence
        let r = rd("LEASE\n\nEither party may terminate this lease at the end of the then-current term by giving at least two (2) months' prior written notice.\n");
        assert_eq!(
            r.non_renewal_notice.map(|p| (p.value, p.confidence)),
            Some((Period::months(2), Confidence::Low))
        );
    }

    #[test]
    fn a_committee_term_or_a_deadline_within_the_term_is_not_the_agreements_term() {
        let r = rd("COLLABORATION AGREEMENT\n\nThis Agreement is made as of 2 February 2021 between Lab One Inc and Lab Two Inc.\n\n4.2 The steering committee chairperson shall be appointed by the parties and shall serve for a term of one (1) year.\n\n4.3 The Supplier shall within a period of five (5) months of the Effective Date reduce its stock to forty units.\n");
        // the committee's year is read at most as a low guess, never the five months
        assert_ne!(
            r.initial_term.as_ref().map(|t| t.confidence),
            Some(Confidence::High)
        );
        assert_ne!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(Period::months(5))
        );
        assert_ne!(exp(&r).map(|e| e.1), Some(Confidence::High));
    }

    #[test]
    fn the_end_of_a_renewal_option_is_not_a_confident_expiry() {
        let r = rd("HOSTING AGREEMENT\n\nThis Agreement is made as of 1 March 2019 between Host plc and Publisher Ltd.\n\n17.1 The Publisher shall have the right to renew the term by notice given before 30 September 2019, in which case the term shall be extended until 28 February 2021.\n");
        assert_ne!(
            exp(&r).map(|e| e.1),
            Some(Confidence::High),
            "{:?}",
            r.expiry_date
        );
    }

    fn tfc(text: &str) -> Option<Convenience> {
        rd(text).termination_for_convenience.map(|c| c.value)
    }

    #[test]
    fn termination_for_convenience_in_an_open_term_wished_for_or_unilateral() {
        // an open-ended term that either party ends on notice, even after a month-to-month cadence
        assert_eq!(
            tfc("CLEANING SERVICES AGREEMENT\n\n4. After the first year this Agreement shall carry on month to month until terminated by either party upon forty-five (45) days' written notice to the other.\n"),
            Some(Convenience::Allowed(Some(Period::days(45))))
        );
        assert_eq!(
            tfc("CONTRATO DE ASESORÍA\n\nCUARTA. El contrato rige por tiempo indefinido, hasta que cualquiera de las partes le ponga término mediante aviso escrito con treinta (30) días de anticipación.\n"),
            Some(Convenience::Allowed(Some(Period::days(30))))
        );
        // a party wishing to end it gives notice; a unilateral right to cancel at any time
        assert_eq!(
            tfc("MAINTENANCE AGREEMENT\n\n9. A party wishing to terminate this Agreement shall give the other party not less than two (2) months' written notice.\n"),
            Some(Convenience::Allowed(Some(Period::months(2))))
        );
        assert_eq!(
            tfc("DESIGN AGREEMENT\n\nThe Studio has the unilateral right to cancel this agreement at any time on ten (10) days' notice.\n"),
            Some(Convenience::Allowed(Some(Period::days(10))))
        );
        assert_eq!(
            tfc("AGENCY AGREEMENT\n\n7. The Agency may terminate this agreement for non-cause with fifteen (15) days' written notice.\n"),
            Some(Convenience::Allowed(Some(Period::days(15))))
        );
        // still not a free right: an end on a breach, or a term that only ends by mutual consent
        assert_eq!(
            tfc("SUPPLY AGREEMENT\n\nThis Agreement continues until terminated by either party upon thirty (30) days' notice if the other party is in breach.\n"),
            None
        );
    }

    #[test]
    fn termination_for_convenience_as_an_item_of_the_ways_it_ends() {
        assert_eq!(
            tfc("HOSTING AGREEMENT\n\n11. This Agreement may be terminated: (a) by either party upon sixty (60) days' written notice to the other.\n"),
            Some(Convenience::Allowed(Some(Period::days(60))))
        );
        assert_eq!(
            tfc("PARTICIPATION AGREEMENT\n\nThis Agreement shall terminate (a) at the option of any party, upon ninety (90) days' advance written notice to the other parties.\n"),
            Some(Convenience::Allowed(Some(Period::days(90))))
        );
        assert_eq!(
            tfc("CONTRATO DE DISTRIBUCIÓN\n\nEl contrato podrá terminarse: (c) por cualquiera de las partes, mediante aviso escrito con treinta (30) días de anticipación.\n"),
            Some(Convenience::Allowed(Some(Period::days(30))))
        );
        // what follows an ending is not a right to end; nor is an ending on an event, and a
        // right denied is excluded
        assert_eq!(
            tfc("CONSULTING AGREEMENT\n\nThis Agreement may, on written notice, be terminated by either party should the Advisor cease to hold office for any reason.\n"),
            None
        );
        assert_eq!(
            tfc("BUILD AGREEMENT\n\nThis Agreement may not be terminated by either party at any time for its own convenience.\n"),
            Some(Convenience::Excluded)
        );
        assert_eq!(
            tfc("LICENSE AGREEMENT\n\nUpon this Agreement being terminated by either party for any reason, the Licensee shall return all copies within thirty (30) days.\n"),
            None
        );
    }

    #[test]
    fn termination_for_convenience_is_a_right_given_without_cause() {
        assert_eq!(
            tfc("SUPPORT AGREEMENT\n\n12.3 The Customer may terminate this Agreement for convenience on ninety (90) days' written notice.\n"),
            Some(Convenience::Allowed(Some(Period::days(90))))
        );
        assert_eq!(
            tfc("LEASE\n\nEither party may terminate this lease at any time upon thirty (30) days' prior written notice to the other.\n"),
            Some(Convenience::Allowed(Some(Period::days(30))))
        );
        assert_eq!(
            tfc("CONTRATO\n\nDÉCIMA. Cualquiera de las partes podrá poner término anticipado al contrato sin expresión de causa, con un preaviso de sesenta (60) días.\n"),
            Some(Convenience::Allowed(Some(Period::days(60))))
        );
        assert_eq!(
            tfc(
                "SUPPLY AGREEMENT\n\nNeither party may terminate this Agreement for convenience.\n"
            ),
            Some(Convenience::Excluded)
        );
        // "resolver" is the Peruvian and Chilean word for ending a contract
        assert_eq!(
            tfc("CONTRATO\n\nSEXTA: RESOLUCIÓN. El Cliente podrá resolver el contrato sin expresión de causa, mediante carta notarial cursada con una anticipación de noventa (90) días.\n"),
            Some(Convenience::Allowed(Some(Period::days(90))))
        );
        assert_eq!(
            tfc("CONTRATO\n\nSEXTA: RESOLUCIÓN. El Cliente podrá resolver el contrato si el Proveedor incumple sus obligaciones y no subsana el incumplimiento en quince (15) días.\n"),
            None
        );
    }

    #[test]
    fn the_spanish_opening_names_each_party() {
        for (text, want) in [
            (
                "CONTRATO DE SUMINISTRO\n\nConste por el presente documento el contrato que celebran, de una parte, AGRÍCOLA LOS ANDES S.A.C., con RUC N° 20100000001, con domicilio en Lima (en adelante, \"el Cliente\"); y, de la otra parte, TRANSPORTES COSTA S.A., con RUC N° 20100000002 (en adelante, \"el Proveedor\").\n",
                ["AGRÍCOLA LOS ANDES S.A.C.", "TRANSPORTES COSTA S.A."],
            ),
            (
                "CONTRATO DE SERVICIOS\n\nEn Santiago, a 3 de mayo de 2024, por una parte Minera Pacífico SpA, RUT 76.000.000-1, y por la otra Servicios Atacama Limitada, RUT 77.000.000-2, han convenido lo siguiente.\n",
                ["Minera Pacífico SpA", "Servicios Atacama Limitada"],
            ),
        ] {
            let r = rd(text);
            assert_eq!(r.parties.map(|p| p.value), Some(want.map(String::from).to_vec()), "{text}");
        }
    }

    #[test]
    fn termination_for_any_reason_in_passing_grants_no_right() {
        // what survives, what is returned, a right for cause or by mutual consent
        for text in [
            "Sections 7 and 9 shall survive the expiry or termination of this Agreement for any reason.\n",
            "Upon termination of this Agreement for any reason, the Reseller shall return all price lists.\n",
            "If for any reason the Operator fails to open the site within six months, the Owner may terminate this Agreement immediately.\n",
            "The parties may terminate this Agreement at any time by mutual written consent.\n",
            "The Licensor reserves the right to terminate this Agreement for cause if the Licensee fails to pay, for any reason, any fee when due.\n",
        ] {
            let doc = format!("HOSTING AGREEMENT\n\n{text}");
            assert!(
                !matches!(tfc(&doc), Some(Convenience::Allowed(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn a_spanish_renewal_with_its_notice() {
        let r = rd("CONTRATO DE SERVICIOS\n\n\
CUARTA. El contrato se renovará automáticamente por períodos sucesivos de un (1) año, salvo que cualquiera de las partes comunique por escrito su decisión de no renovarlo con una anticipación no menor de sesenta (60) días.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(1)));
        assert_eq!(
            r.non_renewal_notice.map(|p| p.value),
            Some(Period::days(60))
        );
        assert!(!matches!(
            r.termination_for_convenience.map(|c| c.value),
            Some(Convenience::Allowed(_))
        ));
    }

    #[test]
    fn a_period_added_after_the_term_is_not_the_term() {
        for text in [
            "SUPPLY AGREEMENT\n\nThis Supply Agreement is entered into as of 15 May 2013 between Maker Inc and Buyer LLC.\n\n\
9. Except as this Agreement allows, each party agrees that, for the term of this Agreement and for 20 years thereafter, it shall keep confidential the other party's information.\n",
            "ALLIANCE AGREEMENT\n\nThis Agreement shall be effective as of January 1, 2012 (the \"Effective Date\").\n\n\
6. Each of Bank and Adviser agrees, during the term of this Agreement (except pursuant to this Agreement) and for a period of 12 months thereafter, not to solicit any client introduced by the other party.\n",
        ] {
            let r = rd(text);
            assert_eq!(r.initial_term.as_ref().map(|t| t.value), None, "{text}");
            assert_ne!(exp(&r).map(|e| e.1), Some(Confidence::High), "{text}");
        }
    }

    #[test]
    fn a_letter_agreement_or_a_filing_dated_in_the_body_is_another_document() {
        for text in [
            "AGENCY AGREEMENT\n\n\
1. Appointment of the Agent. On the basis of the representations, warranties, and agreements herein contained, but subject to the terms and conditions herein set forth, the Agent accepts such appointment and agrees to advise the Parties as to the matters set forth in the letter agreements, dated October 7, 2013, among the Company, the Bank and the Agent (a copy of each of which is attached hereto as Exhibit A).\n",
            "AGENCY AGREEMENT\n\n\
1. Appointment. The Agent agrees to advise the Company as to the matters set forth in the letter agreement (\"Letter Agreement\"), dated November 29, 1999 between the Company and the Agent (a copy of which is attached hereto as Exhibit A).\n",
            "JOINT FILING AGREEMENT\n\nThe undersigned hereby agree that the Schedule 13G/A with respect to the shares of Class A Common Stock of The Example Group Inc., dated as of December 31, 2019, is, and any amendments thereto signed by each of the undersigned shall be, filed on behalf of each of them.\n",
            "STRATEGIC ALLIANCE AGREEMENT\n\n1.51 Selling Agreement. The Selling Agreement effective as of December 1, 2002 and the addition of the product to the Selling Agreement effective as of the Effective Date, by and among the Parties.\n",
        ] {
            let r = rd(text);
            assert_ne!(eff(&r).map(|e| e.1), Some(Confidence::High), "{text}");
        }
    }

    #[test]
    fn the_renewal_length_is_never_the_notice_period() {
        let text = "STRATEGIC ALLIANCE AGREEMENT\n\nThis Agreement is made as of 1 March 2010 between Alpha Inc and Beta LLC.\n\n\
3. TERM\n\nThis Agreement shall commence on the Effective Date of this Agreement and shall remain in effect for a period of 5 years (\"Initial Term\"). Thereafter, this Agreement shall be renewed automatically on a five (5) year basis, unless one party notifies the other of its desire to terminate this Agreement at least sixty 90 days prior to the expiration of the Initial Term or then current renewal term, as applicable.\n";
        let r = rd(text);
        assert_eq!(
            r.renewal_period.as_ref().map(|p| p.value),
            Some(Period::years(5))
        );
        assert_ne!(
            r.non_renewal_notice.as_ref().map(|p| p.value),
            Some(Period::years(5))
        );
    }

    #[test]
    fn a_renewal_unless_terminated_before_the_end_gives_the_notice() {
        let r = rd("RESELLER AGREEMENT\n\nThis Agreement is made as of 1 March 2012 between Maker Inc and Reseller LLC.\n\n\
12. Upon expiration of the Initial Term, this Agreement shall automatically renew for consecutive one (1) year periods, unless terminated by Reseller within sixty (60) days prior to the expiration of the Initial Term or any renewal term.\n");
        assert_eq!(
            r.renewal_period.as_ref().map(|p| p.value),
            Some(Period::years(1))
        );
        assert_eq!(
            r.non_renewal_notice.as_ref().map(|p| p.value),
            Some(Period::days(60))
        );
    }

    #[test]
    fn a_name_given_to_a_party_after_the_date_is_not_another_documents() {
        let r = rd("CONSULTING AGREEMENT\n\n\
This Consulting Agreement is entered into as of September 3, 2021, by and between Harbor Advisory LLC, an Oregon limited liability company (\"Adviser\"), and Pine Street Foods Inc. (\"Client\").\n");
        assert_eq!(eff(&r), Some((day(2021, 9, 3), Confidence::High)));
        let r = rd("CONTRATO DE SERVICIOS\n\n\
El presente contrato se celebra el 4 de febrero de 2022 entre Servicios Andinos S.A.C. (\"el Proveedor\") y Comercial Rímac S.A. (\"el Cliente\").\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2022, 2, 4)));
        // the name of the date's own document still makes it another document's date
        let r = rd("AMENDMENT\n\nThis Amendment changes the Hosting Agreement dated 2 June 2016 (the \"Original Agreement\") between Cloud Co and Shop Co.\n");
        assert_eq!(eff(&r), None);
    }

    #[test]
    fn an_amendments_own_effective_date_is_its_effective_date() {
        let r = rd("SECOND AMENDMENT TO LICENSE AGREEMENT\n\n\
This Second Amendment is effective as of 14 August 2019 (\"Second Amendment Effective Date\") and amends the License Agreement between Orchid Labs and Fern Pharma dated 1 May 2015 (\"Agreement\").\n");
        assert_eq!(eff(&r), Some((day(2019, 8, 14), Confidence::High)));
        // an agreement that says when it was amended: that date is not its start
        let r = rd("DISTRIBUTION AGREEMENT\n\n\
This Distribution Agreement, made on 3 March 2008 between Orchid Labs and Fern Pharma and amended by the parties on 9 November 2012 (\"Amendment Effective Date\"), sets out the terms below.\n");
        assert_ne!(eff(&r).map(|e| e.0), Some(day(2012, 11, 9)));
    }

    #[test]
    fn dating_phrases_without_of_with_blanks_or_dashes_are_read() {
        let r = rd("RESELLER AGREEMENT\n\nRESELLER AGREEMENT (\"Agreement\") dated as March 2, 2001 by and between Maple Software Inc. and Birch Channel LLC.\n");
        assert_eq!(eff(&r), Some((day(2001, 3, 2), Confidence::High)));
        // a form's blank line left before the written date
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement shall be effective as of __Feb. 9, 2004 (the \"Effective Date\") by and between Oak Mills and Elm Stores.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2004, 2, 9)));
        let r = rd("LICENSE AGREEMENT\n\nThis License Agreement is entered into as of 11-20-2017 (the \"Effective Date\") by and between Oak Mills Inc. and Elm Stores LLC.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2017, 11, 20)));
        // a month name written with a full stop does not end the sentence
        let r = rd("SERVICE AGREEMENT\n\nThis Service Agreement (\"Agreement\") is entered into on Sept. 5th 2018 (\"Effective Date\") by and between Oak Mills and Elm Stores.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2018, 9, 5)));
    }

    #[test]
    fn the_date_of_the_signing_sentence_is_the_agreements_date() {
        let mut text =
            String::from("JOINT MARKETING AGREEMENT\n\nThe parties agree as follows.\n\n");
        for i in 1..=45 {
            text.push_str(&format!("{i}. Each party shall perform its obligations under clause {i} with reasonable care.\n\n"));
        }
        text.push_str("IN WITNESS WHEREOF, the undersigned hereby execute this Agreement as of October 12, 2016.\n");
        let r = rd(&text);
        assert_eq!(eff(&r), Some((day(2016, 10, 12), Confidence::High)));
        let r = rd("CONTRATO DE DISTRIBUCIÓN\n\nLas partes acuerdan lo siguiente.\n\nEn señal de conformidad, las partes suscriben el presente contrato el 9 de mayo de 2023.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2023, 5, 9)));
        // "Dated:" beside the signatures is a form's field: low, to confirm
        let r = rd("JOINT FILING AGREEMENT\n\nThe undersigned agree to file one statement.\n\nDated: January 7, 2019\n\nBy: /s/ A. Signer\n");
        assert_eq!(eff(&r).map(|e| e.1), Some(Confidence::Low));
    }

    #[test]
    fn a_second_documents_dated_opening_makes_the_effective_date_low() {
        let r = rd("AMENDMENT\n\n\
This Amendment is entered into effective March 1, 2001 (\"Amendment Date\") by and between Lark Ltd and Wren Inc.\n\n\
1. The territory is amended.\n\n\
AMENDMENT NO. 2\n\n\
THIS AMENDMENT is entered into this 4th day of June 2003, by and between Lark Ltd and Wren Inc.\n");
        assert_eq!(eff(&r).map(|e| e.1), Some(Confidence::Low));
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "effective_date_disagrees"));
    }

    #[test]
    fn a_start_cue_far_from_the_agreement_is_not_its_effective_date() {
        let r = rd("PLACEMENT AGREEMENT\n\n\
(i) Following issuance of the shares in accordance with this Agreement, the preferred shares will be redeemable at the option of the holders of the shares beginning March 3, 2027.\n");
        assert_ne!(eff(&r).map(|e| e.1), Some(Confidence::High));
    }

    #[test]
    fn the_opening_date_after_the_parties_and_two_digit_years_are_read() {
        let r = rd("RESELLER AGREEMENT\n\nThis Reseller Agreement is made between Quill Networks Ltd, having its office at 12 Harbour Road, Cork, and Vela Telecom SRL, having its office in Cluj, as of the 3rd day of May, 2011.\n\nWHEREAS Quill sells services.\n");
        assert_eq!(eff(&r), Some((day(2011, 5, 3), Confidence::High)));
        let r = rd("DISTRIBUTOR AGREEMENT\n\nThis Agreement is effective 9/15/03 (\"Effective Date\") between Quill Networks Inc. (\"Quill\") and Vela Supply Corp.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2003, 9, 15)));
        let r = rd("SECOND AMENDMENT TO HOSTING AGREEMENT\n\nThis SECOND AMENDMENT TO HOSTING AGREEMENT, dated and effective as of May 2, 2017, (this \"Second Amendment\"), is made between Quill Networks Inc. and Vela Supply Corp.\n");
        assert_eq!(eff(&r), Some((day(2017, 5, 2), Confidence::High)));
        let r = rd("FIRST AMENDMENT\n\nTHIS FIRST AMENDMENT (this \"Amendment\") is made and entered into, effective for all purposes and in all respects as of the 8th day of October, 2009, by and between Quill Networks Inc. and Vela Supply Corp.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2009, 10, 8)));
        let r = rd("CONTRATO DE ARRENDAMIENTO\n\nEn Lima, a los 12 días del mes de junio de 2023, se celebra el presente contrato de arrendamiento entre Inmobiliaria Sur S.A.C. y Textiles Norte S.A.\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2023, 6, 12)));
    }

    #[test]
    fn a_blank_elsewhere_near_the_words_effective_date_is_not_a_blank_effective_date() {
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement is made on 4 April 2016 between Maker Ltd and Buyer Inc.\n\n\
4.1 The Buyer has paid US$ [***] within 3 business days of the Effective Date.\n");
        assert_eq!(eff(&r), Some((day(2016, 4, 4), Confidence::High)));
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement shall be effective as of [***] (the \"Effective Date\") between Maker Ltd and Buyer Inc.\n");
        assert_eq!(eff(&r), None);
        assert!(r.warnings.iter().any(|w| w.code == "effective_date_blank"));
    }

    #[test]
    fn effective_on_the_last_signature_is_the_latest_signature_date_low() {
        let r = rd("HOSTING AGREEMENT\n\n\
1. This Agreement shall be effective on the later of the two dates on which it is signed by the parties (the \"Effective Date\").\n\n\
2. The host shall keep the service available.\n\n\
IN WITNESS WHEREOF, the parties have signed this Agreement below.\n\n\
Host Co. By: /s/ A. Lee Date: 2/3/2015\n\n\
Client Co. By: /s/ B. Ortiz Date: 2/11/2015\n\n\
Source: CLIENT CO, 8-K, 3/30/2015\n");
        assert_eq!(eff(&r), Some((day(2015, 2, 11), Confidence::Low)));
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "effective_date_last_signature"));
        // the day after the last signature
        let r = rd("SERVICES AGREEMENT\n\n\
3.1 This Agreement will be effective on the day after the date of last signature below (\"Effective Date\").\n\n\
IN WITNESS WHEREOF the parties sign below.\n\n\
Date: March 30, 2020\n\nDate: March 31, 2020\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2020, 4, 1)));
        // a stated date wins over the signatures
        let r = rd("LICENSE AGREEMENT\n\n\
This License Agreement is effective as of 1 July 2019 (the \"Effective Date\") between Alpha Ltd and Beta Ltd; it is signed by the last signatory below.\n\n\
IN WITNESS WHEREOF the parties sign below.\n\nDate: 9 July 2019\n");
        assert_eq!(eff(&r).map(|e| e.0), Some(day(2019, 7, 1)));
    }

    #[test]
    fn a_date_alone_under_the_title_or_after_a_place_is_low() {
        let r = rd("PLACEMENT AGENCY AGREEMENT\n\nMay 14, 2014\n\nNorth Bank Securities\n\nLadies and Gentlemen:\n\nThe company confirms its agreement with you as follows.\n");
        assert_eq!(eff(&r), Some((day(2014, 5, 14), Confidence::Low)));
        let r = rd("SUPPLY AGREEMENT\n\nThe parties agree as follows.\n\n1. Supplier delivers the oil.\n\nBremen, March 3rd, 2015\n\n/s/ K. Vogel\n");
        assert_eq!(eff(&r), Some((day(2015, 3, 3), Confidence::Low)));
        // a date at the end of a sentence is not a date alone
        let r = rd("SUPPLY AGREEMENT\n\nThe parties agree as follows.\n\n1. Prices hold until March 3, 2015.\n");
        assert_eq!(eff(&r), None);
    }

    #[test]
    fn a_term_that_ends_on_an_anniversary_of_the_effective_date() {
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 10 March 2020 between Maker Ltd and Buyer Inc.\n\n\
8.1 The term of this Agreement will commence on the Effective Date and will continue until the third (3rd) anniversary of the Effective Date, unless terminated earlier.\n");
        assert_eq!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(Period::years(3))
        );
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2023, 3, 9)), Confidence::High))
        );
        let r = rd("PROMOTION AGREEMENT\n\nThis Promotion Agreement is made as of 1 October 2018 between Maker Ltd and Buyer Inc.\n\n\
12.1 This Agreement shall become effective on the Effective Date and shall extend until the four (4) year anniversary of the Effective Date.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2022, 9, 30))));
        let r = rd("LICENSE AGREEMENT\n\nThis License Agreement is made as of 15 January 2021 between Maker Ltd and Buyer Inc.\n\n\
2. The initial term commences on the Effective Date and shall continue until two (2) years following the Effective Date.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2023, 1, 14))));
        // a covenant for a time after the effective date is not the term
        let r = rd("NON-COMPETITION AGREEMENT\n\nThis Agreement is made as of 2 May 2006 between Alpha Ltd and Beta Ltd.\n\n\
2.1 Alpha agrees that, for a period of 2 years after the Effective Date, it will not compete with Beta.\n");
        assert_eq!(r.initial_term, None);
        assert_eq!(exp(&r), None);
    }

    #[test]
    fn an_agreement_that_continues_indefinitely_is_perpetual_but_what_survives_it_is_not() {
        let r = rd("MARKETING AGREEMENT\n\nThis Agreement is made as of 2 June 2015 between Alpha Ltd and Beta Ltd.\n\n\
5.1 This Agreement begins on the Effective Date and shall continue indefinitely unless sooner terminated as provided in this Article 5.\n");
        assert_eq!(exp(&r), Some((Expiry::Perpetual, Confidence::High)));
        let r = rd("AFFILIATE AGREEMENT\n\n5. The term of this Agreement will commence on the date the form is approved and will end when terminated by either party.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Perpetual));
        let r = rd("SPONSORSHIP AGREEMENT\n\nThis Agreement is made as of 2 June 2015 between Alpha Ltd and Beta Ltd.\n\n\
3.4 The obligations of confidence shall continue in perpetuity following termination of this Agreement.\n");
        assert_eq!(exp(&r), None);
    }

    #[test]
    fn more_wordings_of_an_agreement_without_end() {
        for text in [
            "5. This Agreement shall become effective on the date of execution and shall continue in force and effect for an indefinite term thereafter unless terminated under Article 16.",
            "1.9 \"Term\" means the period commencing on the Effective Date and continuing thereafter indefinitely until this Agreement is terminated under Section 10.",
            "3. This Agreement will remain in force for perpetuity unless the parties agree otherwise in writing.",
            "2. This Agreement shall remain in effect until terminated by the Parties.",
            "7. This Agreement will commence on the Effective Date and will continue until termination as provided below.",
        ] {
            let r = rd(&format!("SERVICES AGREEMENT\n\n{text}\n"));
            assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Perpetual), "{text}");
        }
        // what continues until the agreement ends is not the agreement
        let r = rd("LICENSE AGREEMENT\n\nThis Agreement is made on 1 May 2019 between Alpha Ltd and Beta Ltd and ends on 30 April 2022.\n\n4. The licence continues until termination or expiry of this Agreement.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2022, 4, 30))));
    }

    #[test]
    fn more_wordings_of_a_stated_end() {
        let r = rd("DISTRIBUTOR AGREEMENT AMENDMENT\n\nThis Amendment is made as of January 1, 1999 between Alpha Inc and Beta Inc.\n\n1. This Agreement shall be effective through and including March 31, 2004.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2004, 3, 31))));
        let r = rd("ENDORSEMENT AGREEMENT\n\n1. The term of this Agreement is the period commencing on 1 June 2021 and concluding on 31 May 2023.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2023, 5, 31))));
        let r = rd("SUPPLY TERMS\n\nTermination Date: December 31, 2025\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2025, 12, 31)), Confidence::High))
        );
        let r = rd("CONSULTING AGREEMENT\n\nThis Agreement is made on 2 February 2020 between Alpha Inc and Beta Inc.\n\n4. This Agreement shall be in effect until March 18. 2021, unless sooner terminated by either party.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(Expiry::Date(day(2021, 3, 18))));
    }

    #[test]
    fn a_closing_date_named_in_the_opening_and_a_recital_left_inside_a_sentence() {
        let r = rd("COOPERATION AGREEMENT\n\nTHIS COOPERATION AGREEMENT (\"Agreement\") is signed this 9th day of March, 2016 (the \"Closing Date\"), by and between Alpha Inc. and Beta AG.\n");
        assert_eq!(eff(&r), Some((day(2016, 3, 9), Confidence::High)));
        let r = rd("HOSTING ADDENDUM\n\nHost and Client may be referred to as the \"Parties\". RECITALS WHEREAS, Client and Host have entered into a Hosting Agreement (the \"Agreement\") dated March 7t h, 2018 (the \"Effective Date\") and wish to add services.\n");
        assert_eq!(eff(&r), None);
    }

    fn ctry(r: &Reading) -> Option<(String, Confidence)> {
        r.country.as_ref().map(|f| (f.value.clone(), f.confidence))
    }

    #[test]
    fn where_a_party_is_incorporated_is_not_the_governing_law() {
        let r = rd("SUPPLY AGREEMENT\n\n\
This Supply Agreement is made on 3 May 2016 between Nordlicht GmbH, a company organized and existing under the laws of Germany, and Pampa S.A., a company incorporated under the laws of Argentina.\n\n\
19. This Agreement shall be governed by and construed in accordance with the laws of the State of New York.\n");
        assert_eq!(ctry(&r), Some(("US".into(), Confidence::High)));
        let r = rd("CONTRATO DE SUMINISTRO\n\n\
Celebran el presente contrato Andes Verde S.A., sociedad constituida bajo las leyes de Chile, y Río Claro S.A.C.\n\n\
DÉCIMA. El presente contrato se rige por las leyes de la República del Perú.\n");
        assert_eq!(ctry(&r), Some(("PE".into(), Confidence::High)));
    }

    #[test]
    fn without_governing_law_the_country_comes_from_data_residency_or_addresses_low() {
        let r = rd("CLOUD SERVICES AGREEMENT\n\n\
This Agreement is made on 1 March 2024 between Nube Segura SpA and Tienda Austral Ltda.\n\n\
7. Customer Data shall be stored and processed only in data centres located in Chile.\n");
        assert_eq!(ctry(&r), Some(("CL".into(), Confidence::Low)));
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "country_assumed" && w.message.contains("data are kept")));
        let r = rd("CONTRATO DE HOSTING\n\n\
Las partes acuerdan que los datos personales del Cliente permanecerán almacenados en servidores ubicados en Colombia.\n");
        assert_eq!(ctry(&r).map(|c| c.0), Some("CO".into()));
        let r = rd("DISTRIBUTION AGREEMENT\n\n\
This Agreement is made on 2 April 2019 between Maple Tools Ltd., with its principal place of business at 40 King Street, Toronto, Ontario, Canada, and Lakeside Supply Inc., having its offices at 12 Bay Road, Vancouver, British Columbia.\n\n\
4. Distributor may sell the products in Mexico and in Brazil.\n");
        assert_eq!(ctry(&r), Some(("CA".into(), Confidence::Low)));
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "country_assumed" && w.message.contains("addresses")));
        // a mention of a country's laws that does not govern the agreement is low
        let r = rd("MANUFACTURING AGREEMENT\n\n10.3 Manufacturer will comply with all applicable laws of Japan in making the products.\n");
        assert_eq!(ctry(&r), Some(("JP".into(), Confidence::Low)));
    }

    #[test]
    fn parties_submitting_to_a_countrys_laws_is_the_governing_law() {
        // Chilean and Peruvian contracts say it under "Domicilio y legislación": the parties
        // submit to the laws of a country; that is the governing law, not a bare mention.
        for text in [
            "## OCTAVO. Domicilio y legislación\n\nPara todos los efectos legales, las partes fijan domicilio en Temuco y se someten a las leyes de la República de Chile.\n",
            "DÉCIMO. Las partes se someterán a las leyes del Perú para cualquier controversia.\n",
            "12. Legislación. Este contrato queda sujeto a las leyes de Colombia.\n",
            "14. The parties submit to the laws of England in respect of any dispute.\n",
        ] {
            let r = rd(&format!("CONTRATO DE SERVICIOS\n\nEl presente contrato se celebra el 2 de mayo de 2024.\n\n{text}"));
            let c = ctry(&r);
            assert!(
                matches!(&c, Some((_, Confidence::High))),
                "{text}: {c:?}"
            );
            assert!(!r.warnings.iter().any(|w| w.code == "country_assumed"), "{text}");
        }
    }

    #[test]
    fn organized_and_existing_does_not_join_the_parties() {
        let r = rd("LICENSE AGREEMENT\n\nThis License Agreement is made between Fjord Analytics AS, a company duly organized and validly existing under the laws of Norway, and Cedar Point Retail Inc., a Delaware corporation, as of 5 May 2022.\n");
        assert_eq!(
            r.parties.as_ref().map(|p| p.value.clone()),
            Some(vec![
                "Fjord Analytics AS".to_string(),
                "Cedar Point Retail Inc.".to_string()
            ])
        );
    }

    #[test]
    fn this_is_an_agreement_names_this_document() {
        let r = rd("CONSULTANCY AGREEMENT\n\nValencia, 20 May 2025\n\n\
Three. Duration. This is a fixed-term agreement of eighteen (18) months commencing on 1 June 2025.\n");
        assert_eq!(eff(&r), Some((day(2025, 6, 1), Confidence::High)));
    }

    #[test]
    fn a_renewal_cadence_in_words_and_a_rolling_forecast() {
        let ren = |t: &str| rd(t).renewal_period.map(|p| p.value);
        assert_eq!(
            ren("HOSTING AGREEMENT\n\n9. This agreement shall renew automatically each year thereafter, unless either party serves written notice of its intention not to renew at least 90 days prior to the expiration of the then current term.\n"),
            Some(Period::years(1))
        );
        assert_eq!(
            ren("DISTRIBUTOR AGREEMENT\n\n4. The term of this Agreement shall be three (3) years from the Effective Date with automatic annual renewals thereafter provided either party does not give sixty (60) days notice of termination prior to the renewal date.\n"),
            Some(Period::years(1))
        );
        assert_eq!(
            ren("TRANSPORT AGREEMENT\n\n5. Thereafter, this Agreement shall be effective month to month, until terminated by either party upon the following written notice: thirty (30) days for firm service.\n"),
            Some(Period::months(1))
        );
        assert_eq!(
            ren("OUTSOURCING AGREEMENT\n\n3. Unless Customer notifies Supplier of its intent not to renew this Agreement within a period of two (2) months following the Renewal Notice, this Agreement shall automatically renew at the end of the Initial Term for one (1) twelve-month period.\n"),
            Some(Period::months(12))
        );
        // a rolling forecast is not a renewal
        let r = rd("SUPPLY AGREEMENT\n\n5.2 Rolling Monthly Forecast; the Buyer shall update it each month.\n\n6. Supplier will buy the inventory for up to six (6) months on a rolling basis.\n");
        assert_eq!(r.renewal_period, None);
        assert_eq!(r.auto_renewal, None);
    }

    #[test]
    fn a_term_ending_at_the_earlier_or_later_of_a_date_and_an_event_is_low_with_a_warning() {
        let warned = |r: &Reading| r.warnings.iter().any(|x| x.code == "term_alternative");
        let r = rd("CATERING AGREEMENT\n\nThis Catering Agreement is made as of 3 February 2021 between Kitchen Co and Stadium Ltd.\n\n\
4. Term. The term of this Agreement begins on the date hereof and shall end on the later of (a) 30 June 2024 and (b) the last home game of the 2023/24 season.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2024, 6, 30)), Confidence::Low))
        );
        assert!(warned(&r));
        // the date may be the second item
        let r = rd("CATERING AGREEMENT\n\nThis Catering Agreement is made as of 3 February 2021 between Kitchen Co and Stadium Ltd.\n\n\
4. This Agreement shall remain in force until the earlier of (i) the closing of the Stadium and (ii) March 31, 2026.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2026, 3, 31)), Confidence::Low))
        );
        // a time from the start: the anniversary or a length from the Effective Date
        let r = rd("RESEARCH AGREEMENT\n\nThis Research Agreement is made as of 1 July 2019 between Lab Inc and Pharma plc.\n\n\
9.1 The term of this Agreement shall continue until the earlier of (a) the second (2nd) anniversary of the Effective Date and (b) delivery of the final report.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2021, 6, 30)), Confidence::Low))
        );
        assert!(warned(&r));
        let r = rd("RESEARCH AGREEMENT\n\nThis Research Agreement is made as of 1 July 2019 between Lab Inc and Pharma plc.\n\n\
9.1 This Agreement expires upon the later of (i) four (4) years from the Effective Date or (ii) the end of the last Study.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2023, 6, 30)), Confidence::Low))
        );
        let r = rd("CONTRATO DE SERVICIOS\n\nEl presente contrato se celebra el 1 de marzo de 2022 entre Alfa S.A. y Beta S.A.\n\n\
3. El plazo del contrato se extenderá hasta la fecha que ocurra primero entre (a) el 28 de febrero de 2025 y (b) la entrega final de las obras.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2025, 2, 28)), Confidence::Low))
        );
        // a choice between two signature dates, or a list with one item, is no such end
        let r = rd("CATERING AGREEMENT\n\nThis Catering Agreement is made as of 3 February 2021 between Kitchen Co and Stadium Ltd.\n\n\
4. The term of this Agreement shall end on 30 June 2024. Payment is due on the later of the invoice date and delivery.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2024, 6, 30)), Confidence::High))
        );
        assert!(!warned(&r));
    }

    #[test]
    fn unless_previously_terminated_and_a_named_term_do_not_hide_the_term() {
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 12 April 2011 between Maker Ltd and Buyer Inc.\n\n\
2. This Agreement shall commence on the date hereof and shall run for a term of seven (7) years, unless previously terminated under Clause 12.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2018, 4, 11)), Confidence::High))
        );
        // an agreement superseding a previous one still says which one is meant
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 12 April 2011 between Maker Ltd and Buyer Inc.\n\n\
2. The previous agreement between the parties had a term of seven (7) years.\n");
        assert_eq!(exp(&r), None);
        // ("the Term") after the end names this agreement's term
        let r = rd("LICENCE AGREEMENT\n\nThis Licence Agreement is made on 2 May 2016 between Owner Ltd and User LLC.\n\n\
5. Term. This licence starts on the date hereof and shall continue through 1 May 2019 (\"the Term\").\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2019, 5, 1)), Confidence::High))
        );
        // but ("the Master Agreement") is another document's name
        let r = rd("LICENCE AGREEMENT\n\nThis Licence Agreement is made on 2 May 2016 between Owner Ltd and User LLC.\n\n\
5. This licence is granted under the terms agreed until 1 May 2019 (\"the Master Agreement\").\n");
        assert_eq!(exp(&r), None);
        // "shall end as of", and what follows the term's sentence does not undo it
        let r = rd("HOSTING AGREEMENT\n\nThis Hosting Agreement is made on 8 June 2009 between Host Ltd and Shop LLC.\n\n\
3. The Term shall commence on the date of this Agreement and shall end as of 31 December 2010.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2010, 12, 31)), Confidence::High))
        );
        let r = rd("HOSTING AGREEMENT\n\nThis Hosting Agreement is made on 8 June 2009 between Host Ltd and Shop LLC.\n\n\
3. The Term of this Agreement begins on the date above and shall continue for a term of two (2) years. the Host may renew this agreement for one more year with the consent of the Shop.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2011, 6, 7)), Confidence::High))
        );
    }

    #[test]
    fn a_period_that_runs_after_the_term_ends_is_not_the_term() {
        let r = rd("DATA AGREEMENT\n\nThis Data Agreement is made on 4 April 2015 between Alpha Ltd and Beta Ltd.\n\n\
7. The duty of secrecy applies while this Agreement is in force and for a period of three (3) years thereafter.\n\n\
8. Clause 7 shall survive the expiry of this Agreement and remain in effect thereafter for a period of four (4) years.\n");
        assert_eq!(r.initial_term, None);
        assert_eq!(exp(&r), None);
        // secrecy "during the term and for an indefinite period thereafter" is no evergreen
        let r = rd("DATA AGREEMENT\n\nThis Data Agreement is made on 4 April 2015 between Alpha Ltd and Beta Ltd.\n\n\
7. Secrets shall not be disclosed unless previously approved in writing, during the term of this Agreement and for an indefinite period thereafter.\n");
        assert_eq!(exp(&r), None);
        // "for three years thereafter" after the start is the term
        let r = rd("DATA AGREEMENT\n\nThis Data Agreement is made on 4 April 2015 between Alpha Ltd and Beta Ltd.\n\n\
2. The term of this Agreement commences on the date hereof and shall continue for three (3) years thereafter.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2018, 4, 3)), Confidence::High))
        );
    }

    #[test]
    fn a_renewal_for_terms_of_the_same_duration_or_for_monthly_periods() {
        let r = rd("ALLIANCE AGREEMENT\n\nThis Alliance Agreement is made on 2 March 2015 between North Ltd and South Ltd.\n\n\
3. The initial term of this Agreement is three (3) years from the date hereof. At its end this Agreement shall automatically renew for successive terms of the same duration unless either party gives notice of non-renewal at least ninety (90) days before the end of the then current term.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(3)));
        assert_eq!(
            r.non_renewal_notice.map(|p| p.value),
            Some(Period::days(90))
        );
        let r = rd("CONTRATO DE ALIANZA\n\nEl presente contrato se celebra el 2 de marzo de 2015 entre Norte S.A. y Sur S.A.\n\n\
3. El plazo inicial del contrato es de dos (2) años. Vencido dicho plazo, el contrato se renovará automáticamente por períodos sucesivos de igual duración, salvo aviso en contrario con sesenta (60) días de anticipación.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(2)));
        let r = rd("MAINTENANCE AGREEMENT\n\n7. After the first year this Agreement will renew automatically for monthly periods unless either party notifies the other in writing at least thirty (30) days before the end of the then current term.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::months(1)));
        // "the same duration" of something else is not the renewal's length
        let r = rd("ALLIANCE AGREEMENT\n\nThis Alliance Agreement is made on 2 March 2015 between North Ltd and South Ltd.\n\n\
3. The initial term of this Agreement is three (3) years from the date hereof. Each party shall keep its insurance for the same duration as the initial term.\n");
        assert_eq!(r.renewal_period, None);
    }

    #[test]
    fn a_right_to_terminate_after_a_long_aside_is_still_a_right() {
        assert_eq!(
            tfc("ALLIANCE AGREEMENT\n\n11. The Developer may, at any time after the second anniversary of the Effective Date, terminate this Agreement with or without cause upon ninety (90) days' prior written notice.\n"),
            Some(Convenience::Allowed(Some(Period::days(90))))
        );
        assert_eq!(
            tfc("CONTENT AGREEMENT\n\n9. The Publisher may, in its unfettered discretion, terminate this Agreement at any time upon fifteen (15) days' notice.\n"),
            Some(Convenience::Allowed(Some(Period::days(15))))
        );
        // the aside is a breach: a right for cause
        assert_eq!(
            tfc("ALLIANCE AGREEMENT\n\n11. Either party may, if the other party commits a material breach of its obligations, terminate this Agreement upon thirty (30) days' notice.\n"),
            None
        );
        // a right that follows an event ("in such event") or a delay is not free
        assert_eq!(
            tfc("ALLIANCE AGREEMENT\n\n11. A party may sell its business to a third party. the other party shall then be told in writing, and in such event the other party may upon three (3) months' written notice terminate this Agreement.\n"),
            None
        );
        assert_eq!(
            tfc("SUPPLY AGREEMENT\n\n14. The Buyer may, in its sole discretion, cancel the delayed order or suspend this Agreement for the duration of the delay.\n"),
            None
        );
    }

    #[test]
    fn a_defined_contract_period_is_the_term_low() {
        let r = rd("ENDORSEMENT AGREEMENT\n\nThis Endorsement Agreement is made on 1 March 2008 between Brand Inc and Runner Ltd.\n\n\
1. \"Contract Period\" shall mean the period commencing on 1 March 2008 and concluding on 28 February 2011.\n");
        assert_eq!(
            exp(&r),
            Some((Expiry::Date(day(2011, 2, 28)), Confidence::Low))
        );
        // a contract year is a period inside the term
        let r = rd("ENDORSEMENT AGREEMENT\n\nThis Endorsement Agreement is made on 1 March 2008 between Brand Inc and Runner Ltd.\n\n\
1. \"Contract Year\" shall mean the period commencing on 1 March 2008 and concluding on 28 February 2009.\n");
        assert_eq!(exp(&r), None);
    }
}

#[cfg(test)]
mod renewal_option_tests {
    use super::super::{read, Reading};
    use crate::adapters::import::text_document;
    use crate::domain::dates::Period;
    use crate::domain::model::Confidence;

    fn rd(text: &str) -> Reading {
        read(&text_document("contract.txt", text))
    }

    fn renewal(r: &Reading) -> Option<(Period, Confidence)> {
        r.renewal_period.as_ref().map(|f| (f.value, f.confidence))
    }

    fn auto(r: &Reading) -> Option<bool> {
        r.auto_renewal.as_ref().map(|f| f.value)
    }

    fn codes(r: &Reading) -> Vec<&str> {
        r.warnings.iter().map(|w| w.code.as_str()).collect()
    }

    fn doc(clause: &str) -> String {
        format!(
            "SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 1 March 2020 between Harbor Foods Ltd and Lima Grains S.A.C.\n\n7. Term. The initial term of this Agreement is three (3) years from the date hereof. {clause}\n"
        )
    }

    #[test]
    fn a_partys_option_is_the_renewal_period_low_and_never_automatic() {
        for (clause, want) in [
            (
                "The Buyer shall have the option to renew this Agreement for two (2) further terms of five (5) years each by giving notice at least six (6) months before the end of the term.",
                Period::years(5),
            ),
            (
                "This Agreement may, at the Buyer's option, be extended for an additional term of twelve (12) months.",
                Period::months(12),
            ),
            (
                "The Buyer will have the right to renew its franchise under this Agreement for one additional term of two (2) years.",
                Period::years(2),
            ),
            (
                "El Comprador tendrá la opción de renovar el contrato por un período adicional de dos (2) años.",
                Period::years(2),
            ),
            (
                "The Buyer may, by written notice given at least 30 days before the end of the term, extend the term of this Agreement by up to one (1) year, on such terms as may be mutually agreed.",
                Period::years(1),
            ),
        ] {
            let r = rd(&doc(clause));
            assert_eq!(renewal(&r), Some((want, Confidence::Low)), "{clause}");
            assert_eq!(auto(&r), None, "an option is not automatic renewal: {clause}");
            assert!(r.non_renewal_notice.is_none(), "{clause}");
            assert!(codes(&r).contains(&"renewal_option"), "{clause}");
            assert!(!codes(&r).contains(&"no_renewal_clause"), "{clause}");
        }
    }

    #[test]
    fn a_renewal_by_mutual_agreement_or_another_things_extension_is_not_a_renewal_period() {
        for clause in [
            "This Agreement may be renewed for successive one (1) year terms by mutual written agreement of the parties.",
            "This Agreement may be extended for one (1) additional year with the written consent of both parties.",
            "El plazo podrá prorrogarse por un (1) año de común acuerdo entre las partes.",
            "The Buyer may extend the Delivery Date by up to six (6) months.",
            "Upon expiry, the Buyer shall have the right to continue to sell its inventory for a period of three (3) months.",
            "The Seller may renew its insurance policies every twelve (12) months.",
        ] {
            let r = rd(&doc(clause));
            assert_eq!(renewal(&r), None, "{clause}");
            assert!(!codes(&r).contains(&"renewal_option"), "{clause}");
        }
    }

    #[test]
    fn renewing_a_document_or_a_period_inside_the_term_is_not_a_renewal_of_the_agreement() {
        for clause in [
            "The Distributor shall renew its import permits at its expense, not less often than annually.",
            "You shall renew the Franchise Disclosure Document with each state, but not less frequently than annually.",
            "El Distribuidor deberá renovar la póliza de seguro cada doce (12) meses.",
            "\"Contract Year\" shall refer to the first twelve (12) months from the date hereof and each successive twelve (12) month period thereafter during the term of this Agreement.",
        ] {
            let r = rd(&doc(clause));
            assert_eq!(renewal(&r), None, "{clause}");
            assert_eq!(auto(&r), None, "{clause}");
        }
        // the near miss: the agreement itself renews
        let r = rd(&doc("This Agreement shall renew automatically for successive twelve (12) month periods unless either party gives notice of non-renewal at least ninety (90) days before the end of the term."));
        assert_eq!(renewal(&r), Some((Period::months(12), Confidence::High)));
        let r = rd(&doc("El contrato se renovará automáticamente por períodos sucesivos de un (1) año, salvo aviso con sesenta (60) días de anticipación."));
        assert_eq!(renewal(&r), Some((Period::years(1), Confidence::High)));
        let r = rd(&doc("This Agreement shall be automatically extended for one (1) year periods unless either party gives notice of its intention not to renew the Agreement within 180 days prior to any renewal term."));
        assert_eq!(renewal(&r), Some((Period::years(1), Confidence::High)));
        assert_eq!(auto(&r), Some(true));
        assert_eq!(
            r.non_renewal_notice.as_ref().map(|f| f.value),
            Some(Period::days(180))
        );
    }

    #[test]
    fn the_new_rules_word_tests_let_capitals_and_accents_through() {
        // the word tests run on the lower-cased sentence (`may_hold`): a clause in capitals
        // or with accents still reaches the patterns
        let r = rd(&doc("THE BUYER SHALL HAVE THE OPTION TO RENEW THIS AGREEMENT FOR AN ADDITIONAL TERM OF FIVE (5) YEARS."));
        assert_eq!(renewal(&r), Some((Period::years(5), Confidence::Low)));
        let r = rd(&doc("EL COMPRADOR TENDRÁ LA OPCIÓN DE RENOVAR EL CONTRATO POR UN PERÍODO ADICIONAL DE DOS (2) AÑOS."));
        assert_eq!(renewal(&r), Some((Period::years(2), Confidence::Low)));
        let r = read(&text_document(
            "contract.txt",
            "SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 1 March 2020 between Harbor Foods Ltd and Lima Grains S.A.C.\n\n7. Term. This Agreement will be in effect UNTIL THE END OF 2022.\n",
        ));
        assert_eq!(
            r.expiry_date.as_ref().map(|f| f.value),
            chrono::NaiveDate::from_ymd_opt(2022, 12, 31).map(super::super::Expiry::Date)
        );
    }

    #[test]
    fn an_automatic_renewal_wins_over_an_option_and_a_fixed_term_keeps_it_unscheduled() {
        let r = rd(&doc("Thereafter this Agreement shall automatically renew for successive one (1) year terms unless either party gives notice of non-renewal at least sixty (60) days before the end of the then-current term. The Buyer may also extend this Agreement for an additional term of three (3) years."));
        assert_eq!(renewal(&r), Some((Period::years(1), Confidence::High)));
        assert_eq!(auto(&r), Some(true));
        let r = rd(&doc("This Agreement shall not renew automatically. The Buyer may renew this Agreement for a further period of one (1) year."));
        assert_eq!(auto(&r), Some(false));
        assert_eq!(renewal(&r), Some((Period::years(1), Confidence::Low)));
        assert!(codes(&r).contains(&"renewal_option"));
    }
}

#[cfg(test)]
mod term_wording_tests {
    use super::super::{read, Expiry, Reading};
    use crate::adapters::import::text_document;
    use crate::domain::dates::Period;
    use crate::domain::model::Confidence;
    use chrono::NaiveDate;

    fn rd(text: &str) -> Reading {
        read(&text_document("contract.txt", text))
    }

    fn day(y: i32, m: u32, d: u32) -> Expiry {
        Expiry::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
    }

    fn exp(r: &Reading) -> Option<(Expiry, Confidence)> {
        r.expiry_date.as_ref().map(|f| (f.value, f.confidence))
    }

    fn doc(clause: &str) -> String {
        format!(
            "SPONSORSHIP AGREEMENT\n\nThis Sponsorship Agreement is made as of 1 March 2020 (the \"Effective Date\") between Harbor Events Ltd and Lima Drinks S.A.C.\n\n5. Term. {clause}\n"
        )
    }

    #[test]
    fn a_length_counted_from_the_start_in_other_words_gives_the_expiry() {
        // a length named only by the term it is ("the entire four (4) year term") is low:
        // nothing says it is the initial term
        for (clause, want, conf) in [
            ("The Term of this Agreement shall begin on the Effective Date and shall end fifteen months therefrom.", day(2021, 5, 31), Confidence::High),
            ("The initial term of this Agreement shall, unless sooner terminated, expires in five (5) years from the date of Effective Date.", day(2025, 2, 28), Confidence::High),
            ("The initial term of this Agreement commences on the Effective Date and will continue in effect until two (2) year(s) from such date.", day(2022, 2, 28), Confidence::High),
            ("This Agreement shall continue for the entire four (4) year term unless earlier terminated.", day(2024, 2, 29), Confidence::Low),
            ("This contract shall remain in effect for the three (3) year term (\"Initial Term\") from the date signed.", day(2023, 2, 28), Confidence::High),
            ("This Agreement shall commence on the Effective Date and shall continue for ten (10) Contract Years, unless extended by renewal.", day(2030, 2, 28), Confidence::High),
            ("The term of this Agreement shall commence on 1 March 2020 and ends at 28 February 2025, with automatic renewals.", day(2025, 2, 28), Confidence::High),
            ("El plazo del contrato vencerá a los dos (2) años de la fecha de inicio.", day(2022, 2, 28), Confidence::High),
        ] {
            let r = rd(&doc(clause));
            assert_eq!(exp(&r).map(|e| e.0), Some(want), "{clause}");
            assert_eq!(exp(&r).map(|e| e.1), Some(conf), "{clause}");
        }
    }

    #[test]
    fn a_length_that_is_not_the_agreements_term_gives_no_expiry() {
        for clause in [
            "The Sponsor's right to use the logo shall end fifteen months after the first event.",
            "Payments shall be made for the entire four (4) year renewal term.",
            "The warranty shall expire in two (2) years from the date of delivery.",
            "Each Contract Year shall begin on 1 March; the fees of the first two (2) Contract Years are set out in Schedule A.",
            "The Sponsor may use the materials for the entire three (3) year period after termination.",
            "The chairperson of the steering committee shall be appointed by the Sponsor and shall serve for a term of one (1) year.",
            "Records shall be kept for a period of three (3) years from the end of the quarter in which termination or expiration occurs.",
        ] {
            let r = rd(&doc(clause));
            assert_eq!(exp(&r), None, "{clause}");
        }
    }

    #[test]
    fn a_length_that_starts_on_its_own_date_runs_from_it() {
        let r = rd(&doc("The preparation period shall be for a period of two (2) months to commence on 4 November 2019, and the remaining term of this Agreement shall be for a period of twenty four (24) months to commence on the launch date of 4 January 2020."));
        assert_eq!(exp(&r).map(|e| e.0), Some(day(2022, 1, 3)));
        let r = rd(&doc(
            "El plazo del contrato será de dos (2) años contados desde el 1 de abril de 2020.",
        ));
        assert_eq!(exp(&r).map(|e| e.0), Some(day(2022, 3, 31)));
    }

    #[test]
    fn a_length_that_runs_from_another_event_derives_no_expiry() {
        for clause in [
            "This Agreement shall continue for a period of fifteen (15) years after the project's in-service date.",
            "The licence granted under this Agreement shall be for an initial period of 36 months, commencing from the acceptance date.",
        ] {
            let r = rd(&doc(clause));
            assert_eq!(exp(&r), None, "{clause}");
        }
        // the near miss: a length after the date hereof runs from the start
        let r = rd(&doc(
            "This Agreement shall continue for a period of two (2) years after the date hereof.",
        ));
        assert_eq!(exp(&r).map(|e| e.0), Some(day(2022, 2, 28)));
    }

    #[test]
    fn a_year_end_or_a_period_from_the_start_ends_the_term() {
        let r = rd(&doc("This Agreement will be in effect until the end of 2022 and will be evaluated at that time."));
        assert_eq!(exp(&r), Some((day(2022, 12, 31), Confidence::High)));
        let r = rd(&doc(
            "El presente contrato estará vigente hasta el final de 2023.",
        ));
        assert_eq!(exp(&r), Some((day(2023, 12, 31), Confidence::High)));
        let r = rd(&doc("The term of this Agreement shall commence on the Effective Date and terminate at the end of the Exclusivity Period (i.e., a three (3) year period commencing on the Effective Date)."));
        assert_eq!(exp(&r), Some((day(2023, 2, 28), Confidence::Low)));
        // near misses: the end of a year something else happens in, a period from an event
        let r = rd(&doc("The Sponsor shall pay the fee until the end of 2022."));
        assert_eq!(exp(&r), None);
        let r = rd(&doc("The Sponsor's logo may be shown for a three (3) year period commencing on the launch date."));
        assert_eq!(exp(&r), None);
        let r = rd(&doc("\"Contract Year\" means the twelve (12) month period beginning on the Effective Date, and each subsequent twelve (12) month period during the term of this Agreement."));
        assert_eq!(exp(&r), None);
    }

    #[test]
    fn the_terms_own_length_wins_over_a_date_only_near_an_end() {
        let r = rd(&doc("The term of this Agreement shall begin on the Effective Date and continue in effect for a period of five (5) years (the \"Initial Term\"). The Supplier will support, as part of this Agreement, the existing pilot programme of the Sponsor, including the related training sessions, the field demonstrations and the monthly reporting of the pilot's results to the Sponsor's board and to its regional managers, until 31 December 2020."));
        assert_eq!(exp(&r), Some((day(2025, 2, 28), Confidence::Low)));
        assert!(r.warnings.iter().any(|w| w.code == "term_disagrees"));
        // the near miss: a stated end of the term itself still wins (low, disagreeing)
        let r = rd(&doc(
            "The term of this Agreement shall be five (5) years and shall end on 31 December 2024.",
        ));
        assert_eq!(exp(&r), Some((day(2024, 12, 31), Confidence::Low)));
    }

    #[test]
    fn a_defined_contract_period_after_the_recitals_is_read() {
        let r = rd("ENDORSEMENT AGREEMENT\n\nTHIS AGREEMENT is made as of 1 January 2000 by and between Andes Apparel Inc. (\"Company\") and Golf Stars LLC.\n\nWITNESSETH:\n\nWHEREAS, the Company sold golf apparel under a former agreement that ended on 31 December 1999;\n\nNOW, THEREFORE, the parties agree as follows:\n\n1. DEFINITIONS.\n\n(a) \"Contract Period\" shall mean that period of time commencing on January 1, 2000 and concluding December 31, 2003, unless terminated sooner as provided herein.\n");
        assert_eq!(exp(&r).map(|e| e.0), Some(day(2003, 12, 31)));
        // before "NOW, THEREFORE" a date is still the recitals' history
        let r = rd("ENDORSEMENT AGREEMENT\n\nTHIS AGREEMENT is made as of 1 January 2000 by and between Andes Apparel Inc. (\"Company\") and Golf Stars LLC.\n\nWITNESSETH:\n\nThe Company held a license that ran until 31 December 1999.\n\nThe parties wish to continue their relationship.\n");
        assert_eq!(exp(&r), None);
    }

    #[test]
    fn a_fiscal_year_that_begins_on_a_date_is_not_the_effective_date() {
        let r = rd("FIRST AMENDMENT\n\nThis First Amendment is made as of 1 January 1999 between Bridge Corp. and Neon Inc.\n\n3.2 Terms of payment. Royalties are payable quarterly, commencing with the Licensee's fiscal year which begins on April 1, 1999.\n");
        assert_eq!(
            r.effective_date.as_ref().map(|f| f.value),
            NaiveDate::from_ymd_opt(1999, 1, 1)
        );
        let _ = Period::years(1);
    }
}

#[cfg(test)]
mod convenience_wording_tests {
    use super::super::{read, Convenience, Reading};
    use crate::adapters::import::text_document;
    use crate::domain::dates::Period;

    fn rd(text: &str) -> Reading {
        read(&text_document("contract.txt", text))
    }

    fn conv(clause: &str) -> Option<Convenience> {
        let r = rd(&format!(
            "SERVICES AGREEMENT\n\nThis Services Agreement is made as of 1 March 2020 between Harbor Labs Ltd and Lima Data S.A.C.\n\n9. Termination. {clause}\n"
        ));
        r.termination_for_convenience.map(|f| f.value)
    }

    #[test]
    fn a_partys_own_wish_to_end_is_not_a_condition_of_its_right() {
        assert_eq!(
            conv("In the event that the Customer desires to terminate this Agreement prior to the end of the term, it shall give the Supplier at least sixty (60) days' prior written notice."),
            Some(Convenience::Allowed(Some(Period::days(60))))
        );
        assert_eq!(
            conv("En caso de que el Cliente desee terminar el contrato, podrá dar por terminado el contrato con un preaviso de treinta (30) días."),
            Some(Convenience::Allowed(Some(Period::days(30))))
        );
        // the near miss: a real condition still makes it a right for cause
        assert_eq!(
            conv("In the event that the Supplier fails to deliver, the Customer may terminate this Agreement upon thirty (30) days' written notice."),
            None
        );
    }

    #[test]
    fn a_redacted_notice_period_still_grants_the_right_with_no_period() {
        assert_eq!(
            conv("The Customer may terminate this Agreement in its entirety by providing [***] written notice of termination to the Supplier."),
            Some(Convenience::Allowed(None))
        );
        // the near miss: a redacted fee is not a notice
        assert_eq!(
            conv("The Customer may terminate this Agreement by paying the Supplier a fee of [***] if the Supplier is acquired."),
            None
        );
    }

    #[test]
    fn a_clause_named_as_the_right_with_its_text_redacted_is_the_right_low() {
        let r = rd("SERVICES AGREEMENT\n\nThis Services Agreement is made as of 1 March 2020 between Harbor Labs Ltd and Lima Data S.A.C.\n\n25.1 Termination for Convenience. [***].\n\n25.2 Termination for Cause. Either Party may terminate this Agreement if the other Party materially breaches it.\n");
        let f = r.termination_for_convenience.as_ref();
        assert_eq!(f.map(|f| f.value), Some(Convenience::Allowed(None)));
        assert_eq!(
            f.map(|f| f.confidence),
            Some(crate::domain::model::Confidence::Low)
        );
        // the near miss: a redacted clause of another name grants nothing
        assert_eq!(conv("25.3 Effect of Termination. [***]."), None);
    }

    #[test]
    fn a_right_the_party_retains_is_granted() {
        assert_eq!(
            conv("The Network retains the right to terminate this Agreement at any time on at least ninety (90) days' prior notice."),
            Some(Convenience::Allowed(Some(Period::days(90))))
        );
    }
}

#[cfg(test)]
mod prefilter_tests {
    //! The word tests run before the patterns (`may_hold`, `may_hold_digit`; the reader's
    //! speed, issue 10 item 7) let through every case and accent form the patterns match.
    use super::super::lexicon::may_hold_digit;
    use super::super::{read, Convenience, Expiry, Reading};
    use super::may_hold;
    use crate::adapters::import::text_document;
    use crate::domain::dates::{PartialDate, Period};
    use chrono::NaiveDate;

    fn rd(text: &str) -> Reading {
        read(&text_document("contract.txt", text))
    }

    #[test]
    fn the_word_tests_pass_accents_and_the_long_s() {
        assert!(may_hold("sesenta (60) días", &["día"]));
        // `(?i)s` matches "ſ" (U+017F), which lower-casing keeps
        assert!(may_hold("seis (6) meſes", &["mes"]));
        assert!(!may_hold("the parties agree", &["mes", "día"]));
        // `\d` is any Unicode decimal digit
        assert!(may_hold_digit("el ١ de marzo"));
        assert!(!may_hold_digit("no date here"));
    }

    #[test]
    fn a_renewal_in_capitals_gives_its_length_and_notice() {
        let r = rd("SERVICES AGREEMENT\n\n12.2 RENEWAL. THIS AGREEMENT SHALL AUTOMATICALLY RENEW FOR SUCCESSIVE ONE (1) YEAR TERMS UNLESS EITHER PARTY GIVES SIXTY (60) DAYS' WRITTEN NOTICE OF NON-RENEWAL PRIOR TO THE END OF THE THEN-CURRENT TERM.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(1)));
        assert_eq!(
            r.non_renewal_notice.map(|p| p.value),
            Some(Period::days(60))
        );
    }

    #[test]
    fn a_spanish_renewal_in_capitals_with_accents() {
        let r = rd("CONTRATO DE SERVICIOS\n\n\
CUARTA. EL CONTRATO SE RENOVARÁ AUTOMÁTICAMENTE POR PERÍODOS SUCESIVOS DE UN (1) AÑO, SALVO QUE CUALQUIERA DE LAS PARTES COMUNIQUE POR ESCRITO SU DECISIÓN DE NO RENOVARLO CON UNA ANTICIPACIÓN NO MENOR DE SESENTA (60) DÍAS.\n");
        assert_eq!(r.renewal_period.map(|p| p.value), Some(Period::years(1)));
        assert_eq!(
            r.non_renewal_notice.map(|p| p.value),
            Some(Period::days(60))
        );
    }

    #[test]
    fn cure_governing_law_and_review_words_in_capitals() {
        let r = rd("SERVICES AGREEMENT\n\n\
9. If either party is in material BREACH and does not CURE it within thirty (30) days after notice, the other party may terminate.\n\n\
10. This Agreement shall be GOVERNED BY THE LAWS of the State of New York.\n\n\
11. The NEXT REVIEW of the fees is on 1 March 2026.\n");
        assert_eq!(r.cure_period.map(|p| p.value), Some(Period::days(30)));
        assert_eq!(r.country.map(|c| c.value), Some("US".to_string()));
        assert_eq!(
            r.next_review.map(|d| d.value),
            NaiveDate::from_ymd_opt(2026, 3, 1).map(|date| PartialDate::Day { date })
        );
    }

    #[test]
    fn an_open_term_hasta_que_in_capitals_is_termination_for_convenience() {
        let r = rd("CONTRATO DE ASESORÍA\n\nCUARTA. El contrato rige por tiempo indefinido, HASTA QUE CUALQUIERA DE LAS PARTES LE PONGA TÉRMINO mediante aviso escrito con treinta (30) días de anticipación.\n");
        assert_eq!(
            r.termination_for_convenience.map(|c| c.value),
            Some(Convenience::Allowed(Some(Period::days(30))))
        );
    }

    #[test]
    fn an_anniversary_of_the_effective_date_in_capitals() {
        let r = rd("SUPPLY AGREEMENT\n\nThis Supply Agreement is made as of 10 March 2020 between Maker Ltd and Buyer Inc.\n\n\
8.1 The term of this Agreement will commence on the EFFECTIVE DATE and will continue until the third (3rd) anniversary of the EFFECTIVE DATE, unless terminated earlier.\n");
        assert_eq!(
            r.initial_term.as_ref().map(|t| t.value),
            Some(Period::years(3))
        );
        assert_eq!(
            r.expiry_date.map(|e| e.value),
            NaiveDate::from_ymd_opt(2023, 3, 9).map(Expiry::Date)
        );
    }

    #[test]
    fn price_review_and_spanish_parties_in_capitals() {
        let r = rd(
            "SERVICES AGREEMENT\n\n7. The fees may be ADJUSTED annually according to the CPI.\n",
        );
        assert!(r.price_review.is_some());
        let r = rd("LICENSE AGREEMENT\n\nThis License Agreement is made BETWEEN Fjord Analytics AS, a company duly ORGANIZED AND VALIDLY EXISTING under the laws of Norway, and Cedar Point Retail Inc., a Delaware corporation, as of 5 May 2022.\n");
        assert_eq!(
            r.parties.map(|p| p.value),
            Some(vec![
                "Fjord Analytics AS".to_string(),
                "Cedar Point Retail Inc.".to_string()
            ])
        );
        let r = rd("CONTRATO DE SERVICIOS\n\nEn Santiago, a 3 de mayo de 2024, POR UNA PARTE Minera Pacífico SpA, RUT 76.000.000-1, y POR LA OTRA Servicios Atacama Limitada, RUT 77.000.000-2, han convenido lo siguiente.\n");
        assert_eq!(
            r.parties.map(|p| p.value),
            Some(vec![
                "Minera Pacífico SpA".to_string(),
                "Servicios Atacama Limitada".to_string()
            ])
        );
    }

    #[test]
    fn pesos_in_capitals_name_the_dollar_sign() {
        let r = rd(
            "SUPPLY AGREEMENT\n\n5. The price is $1,000 per month, payable in PESOS CHILENOS.\n",
        );
        assert_eq!(r.currency.map(|c| c.value), Some("CLP".to_string()));
    }
}
