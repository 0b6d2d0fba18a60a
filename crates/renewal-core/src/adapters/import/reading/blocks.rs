//! A document's lines → located blocks: headings, paragraphs, list items, table rows and
//! key/value pairs, each with its page and line span. The same for every format: Markdown,
//! text, and the lines the DOCX and PDF readers give (headings as `# `, list items as `- `,
//! tables as pipe rows).

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::re;
use crate::adapters::import::Line;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading (`# Term`, `12. TERM AND TERMINATION`, `RECITALS`).
    Heading,
    /// A paragraph (lines up to a blank line).
    Paragraph,
    /// A list item (`- `, `* `, `1. `).
    ListItem,
    /// A key and its value: `Key: value`, `**Key:** value`, a table row, `Key ..... value`.
    KeyValue,
}

/// A located block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// For a key/value block, the key (`"Start date"`); for a paragraph that opens with a
    /// clause heading ("PRIMERO: OBJETO.", "12.2 Renewal."), that heading.
    pub key: Option<String>,
    /// The text (the value of a key/value block), inline Markdown removed.
    pub text: String,
    /// The nearest heading above.
    pub section: String,
    /// Whether that heading is a Markdown-style heading (`# `), i.e. a summary document's
    /// field name rather than a contract chapter.
    pub md_section: bool,
    /// 1-based page (PDF), if known.
    pub page: Option<u32>,
    /// First and last line (1-based, inclusive).
    pub lines: (u32, u32),
}

fn kv_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:[-*+•]\s+)?(?:\*\*|__)?([A-Za-zÀ-ÿ¿][^:|]{0,48}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(\S.*)$",
    )
}

fn leader_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^([A-Za-zÀ-ÿ][^.]{1,50}?)\s*\.{4,}\s*(\S.*)$")
}

fn list_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:[-*+•]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+(\S.*)$")
}

fn numbered_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:(?:article|artículo|section|cláusula|clause)\s+)?[0-9IVXL]{1,4}(?:\.\d{1,2})*\.?\s+[A-ZÁÉÍÓÚÑ][^.;:]{0,70}$",
    )
}

fn clause_head_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÁÉÍÓÚÑ][A-Za-zÀ-ÿ ,&/\-]{1,60}?[.:])\s+\S",
    )
}

/// A clause's number label and nothing else: "CLÁUSULA QUINTA", "Clause 5", "Section 3.1",
/// "Artículo IV".
fn clause_label_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^(?:cl[aá]usula|clause|section|secci[oó]n|art[ií]culo|article)\s+(?:\d{1,3}(?:\.\d{1,3})*|[ivxl]{1,6}|[a-záéíóúñ]{3,14})\s*[.:\-–—]*$",
    )
}

/// A clause's label then its heading at the start of a paragraph: "CLÁUSULA QUINTA: PLAZO.
/// El presente…", "Cláusula 5.- Plazo.- …", "Section 3. Term. This Agreement…"; group 1 is
/// the heading.
fn labelled_clause_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^(?:cl[aá]usula|clause|section|secci[oó]n|art[ií]culo|article)\s+(?:\d{1,3}(?:\.\d{1,3})*|[ivxl]{1,6}|[a-záéíóúñ]{3,14})\s*[.:\-–—]+\s*((?-i:[A-ZÁÉÍÓÚÑ])[A-Za-zÀ-ÿ ,&/]{1,60}?)\s*(?:[.:]-?|\.?-|–|—)\s+\S",
    )
}

fn redaction_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\[\s*\*[\s*]*\]")
}

/// Removes inline Markdown (`**bold**`, `_em_`, backticks, links) and keeps redactions
/// (`[***]` stays `[***]`).
pub fn clean_inline(s: &str) -> String {
    let s = if s.contains('[') {
        redaction_re().replace_all(s, "[***]")
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(p) = rest.find("[***]") {
        out.push_str(&strip_marks(&rest[..p]));
        out.push_str("[***]");
        rest = &rest[p + 5..];
    }
    out.push_str(&strip_marks(rest));
    out.trim().to_string()
}

/// Drops Markdown's emphasis marks: `**`, backticks, and a run of exactly two underscores
/// (`__bold__`). A longer run of underscores is a form's blank ("dated ______, 2020", "on or
/// about ________") and stays, so the reader sees the blank (`lexicon::find_blank`) instead
/// of the words around it joined.
fn strip_marks(s: &str) -> String {
    let s = s.replace("**", "").replace('`', "");
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    for c in s.chars() {
        if c == '_' {
            run += 1;
            continue;
        }
        if run != 2 {
            out.extend(std::iter::repeat_n('_', run));
        }
        run = 0;
        out.push(c);
    }
    if run != 2 {
        out.extend(std::iter::repeat_n('_', run));
    }
    out
}

fn is_kv_key(key: &str) -> bool {
    let words = key.split_whitespace().count();
    (1..=7).contains(&words)
        && !key.ends_with(',')
        && !key.contains('"')
        && !key.contains('“')
        && !key.to_lowercase().starts_with("http")
}

/// A key/value reading of one line, if it is one.
pub fn key_value(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    // a key/value line has its colon, a leader line its dots: most lines have neither
    if let Some(c) = t.contains(':').then(|| kv_re().captures(t)).flatten() {
        let key = clean_inline(&c[1]);
        let value = clean_inline(&c[2]);
        // "CLÁUSULA QUINTA: PLAZO. El presente contrato…" is a clause's label, then its
        // heading and prose: a paragraph (whose key is the heading), not a key and value
        if is_kv_key(&key) && !value.is_empty() && !clause_label_re().is_match(&key) {
            return Some((key, value));
        }
    }
    if let Some(c) = t
        .contains("....")
        .then(|| leader_re().captures(t))
        .flatten()
    {
        let key = clean_inline(&c[1]);
        if is_kv_key(&key) {
            return Some((key, clean_inline(&c[2])));
        }
    }
    None
}

fn table_cells(line: &str) -> Vec<String> {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(|c| clean_inline(c.trim())).collect()
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn is_caps_heading(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && t.chars().count() <= 90
        && letters.iter().all(|c| c.is_uppercase())
        && !t.ends_with(',')
}

/// Turns lines into blocks (see the module docs).
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut section = String::new();
    let mut md_section = false;
    let mut para: Vec<&Line> = Vec::new();
    let mut i = 0;
    let flush = |para: &mut Vec<&Line>, out: &mut Vec<Block>, section: &str, md: bool| {
        if para.is_empty() {
            return;
        }
        let all_kv = para.len() > 1
            && para
                .iter()
                .all(|l| key_value(&l.text).is_some() || list_re().is_match(l.text.trim()));
        if all_kv {
            for l in para.iter() {
                out.push(line_block(l, section, md));
            }
        } else if para.len() == 1 {
            out.push(line_block(para[0], section, md));
        } else {
            let text = clean_inline(
                &para
                    .iter()
                    .map(|l| l.text.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let key = para_key(&para[0].text);
            out.push(Block {
                kind: BlockKind::Paragraph,
                key,
                text,
                section: section.to_string(),
                md_section: md,
                page: para[0].page,
                lines: (para[0].number, para[para.len() - 1].number),
            });
        }
        para.clear();
    };
    while i < lines.len() {
        let l = &lines[i];
        let t = l.text.trim();
        if t.is_empty()
            || t.chars()
                .all(|c| c == '-' || c == '_' || c == '=' || c == '*')
        {
            flush(&mut para, &mut out, &section, md_section);
            i += 1;
            continue;
        }
        if let Some(h) = t.strip_prefix('#') {
            flush(&mut para, &mut out, &section, md_section);
            let h = clean_inline(h.trim_start_matches('#'));
            section = h.clone();
            md_section = true;
            out.push(Block {
                kind: BlockKind::Heading,
                key: None,
                text: h,
                section: section.clone(),
                md_section,
                page: l.page,
                lines: (l.number, l.number),
            });
            i += 1;
            continue;
        }
        if t.starts_with('|') {
            flush(&mut para, &mut out, &section, md_section);
            let header = lines.get(i + 1).is_some_and(|n| is_separator(&n.text));
            if is_separator(t) || header {
                i += 1;
                continue;
            }
            let cells = table_cells(t);
            let non_empty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            if non_empty.is_empty() {
                i += 1;
                continue;
            }
            let block = if cells.len() >= 2 && !cells[0].is_empty() && non_empty.len() >= 2 {
                Block {
                    kind: BlockKind::KeyValue,
                    key: Some(cells[0].clone()),
                    text: cells[1..]
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; "),
                    section: section.clone(),
                    md_section,
                    page: l.page,
                    lines: (l.number, l.number),
                }
            } else {
                Block {
                    kind: BlockKind::Paragraph,
                    key: None,
                    text: non_empty
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    section: section.clone(),
                    md_section,
                    page: l.page,
                    lines: (l.number, l.number),
                }
            };
            out.push(block);
            i += 1;
            continue;
        }
        // A short line alone (blank lines around it) in capitals or numbered: a heading.
        let alone_before = para.is_empty();
        let alone_after = lines.get(i + 1).is_none_or(|n| n.text.trim().is_empty());
        if alone_before
            && alone_after
            && (is_caps_heading(t) || numbered_heading_re().is_match(t))
            && key_value(t).is_none()
        {
            section = clean_inline(t);
            md_section = false;
            out.push(Block {
                kind: BlockKind::Heading,
                key: None,
                text: section.clone(),
                section: section.clone(),
                md_section,
                page: l.page,
                lines: (l.number, l.number),
            });
            i += 1;
            continue;
        }
        // A new list item or key/value line starts a new paragraph.
        if !para.is_empty() && (list_re().is_match(t) || t.starts_with("**")) {
            let prev_is_item = para
                .iter()
                .all(|p| list_re().is_match(p.text.trim()) || key_value(&p.text).is_some());
            if !prev_is_item {
                flush(&mut para, &mut out, &section, md_section);
            }
        }
        para.push(l);
        i += 1;
    }
    flush(&mut para, &mut out, &section, md_section);
    out
}

fn para_key(first: &str) -> Option<String> {
    let t = clean_inline(first);
    let t = t.trim_start_matches(|c: char| matches!(c, '-' | '*' | '+' | '•') || c.is_whitespace());
    if let Some((k, _)) = key_value(t) {
        return Some(k);
    }
    if let Some(h) = labelled_clause_re().captures(t).and_then(|c| c.get(1)) {
        return Some(h.as_str().trim().to_string());
    }
    clause_head_re()
        .captures(t)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim_end_matches(['.', ':']).to_string())
}

fn line_block(l: &Line, section: &str, md: bool) -> Block {
    let t = l.text.trim();
    let (kind, key, text) = if let Some((k, v)) = key_value(t) {
        (BlockKind::KeyValue, Some(k), v)
    } else if let Some(c) = list_re().captures(t) {
        let item = clean_inline(&c[1]);
        match key_value(&item) {
            Some((k, v)) => (BlockKind::KeyValue, Some(k), v),
            None => (BlockKind::ListItem, para_key(&item), item),
        }
    } else {
        (BlockKind::Paragraph, para_key(t), clean_inline(t))
    };
    Block {
        kind,
        key,
        text,
        section: section.to_string(),
        md_section: md,
        page: l.page,
        lines: (l.number, l.number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                page: None,
                number: i as u32 + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn consecutive_key_value_lines_are_separate_blocks() {
        let b = blocks(&lines(
            "Inicio: 1 de marzo de 2024\nPlazo: 36 meses\n**Renewal:** yearly",
        ));
        let kv: Vec<(Option<&str>, &str)> = b
            .iter()
            .map(|b| (b.key.as_deref(), b.text.as_str()))
            .collect();
        assert_eq!(
            kv,
            vec![
                (Some("Inicio"), "1 de marzo de 2024"),
                (Some("Plazo"), "36 meses"),
                (Some("Renewal"), "yearly")
            ]
        );
    }

    #[test]
    fn tables_with_any_header_and_empty_headers() {
        let b = blocks(&lines(
            "| Parameter | Value | Notes |\n|---|---|---|\n| Term | 3 years | from signature |\n\n| | |\n|--|--|\n| Renewal | Renews automatically |",
        ));
        let kv: Vec<(Option<&str>, &str)> = b
            .iter()
            .map(|b| (b.key.as_deref(), b.text.as_str()))
            .collect();
        assert_eq!(
            kv,
            vec![
                (Some("Term"), "3 years; from signature"),
                (Some("Renewal"), "Renews automatically")
            ]
        );
    }

    #[test]
    fn prose_paragraphs_keep_their_line_span_and_clause_heading() {
        let b = blocks(&lines(
            "12. TERM AND TERMINATION\n\n12.2 Renewal. This Agreement shall renew\nfor successive periods.\n",
        ));
        assert_eq!(b[0].kind, BlockKind::Heading);
        assert_eq!(b[1].kind, BlockKind::Paragraph);
        assert_eq!(b[1].lines, (3, 4));
        assert_eq!(b[1].key.as_deref(), Some("12.2 Renewal"));
        assert_eq!(b[1].section, "12. TERM AND TERMINATION");
    }

    #[test]
    fn a_clause_label_and_heading_start_a_paragraph_keyed_by_the_heading() {
        for (line, key) in [
            (
                "CLÁUSULA QUINTA: PLAZO. El presente contrato tendrá un plazo de dos (2) años. Se renovará automáticamente.",
                "PLAZO",
            ),
            (
                "Cláusula 7.- Renovación.- El contrato se renovará por un (1) año.",
                "Renovación",
            ),
            (
                "Section 3.1: Term. This Agreement continues for an initial term of three (3) years.",
                "Term",
            ),
        ] {
            let b = blocks(&lines(line));
            assert_eq!(b.len(), 1, "{line}");
            assert_eq!(b[0].kind, BlockKind::Paragraph, "{line}");
            assert_eq!(b[0].key.as_deref(), Some(key), "{line}");
        }
        // a summary's own keys stay keys
        let b = blocks(&lines("Term: 3 years\nNotice: 90 days"));
        assert_eq!(b[0].kind, BlockKind::KeyValue);
        assert_eq!(b[0].key.as_deref(), Some("Term"));
    }

    #[test]
    fn redactions_survive_markdown_cleaning() {
        assert_eq!(
            clean_inline("**Effective date:** [***]"),
            "Effective date: [***]"
        );
    }

    #[test]
    fn a_forms_blank_survives_markdown_cleaning_but_bold_marks_do_not() {
        assert_eq!(
            clean_inline("__Start date:__ 1 May 2024"),
            "Start date: 1 May 2024"
        );
        assert_eq!(
            clean_inline("dated as of ______, 2020 by and between"),
            "dated as of ______, 2020 by and between"
        );
        assert_eq!(
            clean_inline("on or about _________ (the **Effective Date**)"),
            "on or about _________ (the Effective Date)"
        );
        assert_eq!(clean_inline("snake_case and a_b"), "snake_case and a_b");
    }
}
