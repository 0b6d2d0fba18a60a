//! Markdown → sections with line numbers (pulldown-cmark, GFM tables).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::domain::model::{Section, Table};

/// A paragraph line or list item with its span of 1-based lines (the verbatim text is the
/// document's lines there: nothing is copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based first line.
    pub line: u32,
    /// 1-based last line (a paragraph or item written over several lines).
    pub line_end: u32,
    /// Plain text (inline formatting removed).
    pub text: String,
}

/// A table row with its line (a GFM row is one line; its verbatim text is that line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line.
    pub line: u32,
    /// Cells, padded to the header's width.
    pub cells: Vec<String>,
}

/// A table with its header and located rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedTable {
    /// 1-based line of the header.
    pub line: u32,
    /// Header cells.
    pub headers: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A section with located content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocatedSection {
    /// Heading level 1–6 (0 for text before any heading).
    pub level: u8,
    /// Heading text.
    pub heading: String,
    /// Headings from the top, joined with " › ".
    pub path: String,
    /// 1-based line of the heading.
    pub line: u32,
    /// Paragraph lines (a paragraph with hard breaks gives several).
    pub lines: Vec<Located>,
    /// List items.
    pub items: Vec<Located>,
    /// Tables.
    pub tables: Vec<LocatedTable>,
}

impl LocatedSection {
    /// The section as kept in the model.
    pub fn to_model(&self) -> Section {
        Section {
            level: self.level,
            heading: self.heading.clone(),
            line: self.line,
            paragraphs: self.lines.iter().map(|l| l.text.clone()).collect(),
            items: self.items.iter().map(|l| l.text.clone()).collect(),
            tables: self
                .tables
                .iter()
                .map(|t| Table {
                    line: t.line,
                    headers: t.headers.clone(),
                    rows: t.rows.iter().map(|r| r.cells.clone()).collect(),
                })
                .collect(),
        }
    }
}

/// Byte offsets where each line starts. A line ends at `\n`, `\r\n` or a lone `\r`, as
/// in `DocumentLines` (which resolves sources' spans), so line numbers agree.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { starts }
    }
    fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.starts.partition_point(|s| *s <= offset)).unwrap_or(u32::MAX)
    }
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Splits `text` into sections (one per heading; text before the first heading goes into a
/// level-0 section), keeping every paragraph line, list item and table row with its line.
pub fn parse_sections(text: &str) -> Vec<LocatedSection> {
    let lines = Lines::new(text);
    let mut sections: Vec<LocatedSection> = vec![LocatedSection::default()];
    let mut stack: Vec<(u8, String)> = Vec::new();

    let mut buf = String::new();
    let mut buf_line: Option<u32> = None;
    // Line of the last text added to `buf`: the end of the paragraph line or item's span.
    let mut buf_last: u32 = 0;
    let mut in_heading: Option<(u8, u32)> = None;
    let mut in_item_depth = 0usize;
    let mut in_para = false;
    let mut table: Option<LocatedTable> = None;
    let mut row: Option<Row> = None;
    let mut in_head = false;
    // Paragraphs after a thematic break (`---`) with no heading after it form the footer.
    let mut after_rule = false;

    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        let line = lines.line_of(range.start);
        match event {
            Event::Rule => after_rule = true,
            Event::Start(Tag::Heading { level, .. }) => {
                after_rule = false;
                buf.clear();
                in_heading = Some((level_num(level), line));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, hline)) = in_heading.take() {
                    while stack.last().is_some_and(|(l, _)| *l >= level) {
                        stack.pop();
                    }
                    stack.push((level, buf.trim().to_string()));
                    let path = stack
                        .iter()
                        .map(|(_, h)| h.as_str())
                        .collect::<Vec<_>>()
                        .join(" › ");
                    sections.push(LocatedSection {
                        level,
                        heading: buf.trim().to_string(),
                        path,
                        line: hline,
                        ..Default::default()
                    });
                    buf.clear();
                }
            }
            Event::Start(Tag::Paragraph) => {
                if after_rule && in_item_depth == 0 {
                    after_rule = false;
                    let path = stack
                        .first()
                        .map(|(_, h)| format!("{h} › Footer"))
                        .unwrap_or_else(|| "Footer".to_string());
                    sections.push(LocatedSection {
                        level: 2,
                        heading: "Footer".to_string(),
                        path,
                        line,
                        ..Default::default()
                    });
                }
                if in_item_depth == 0 {
                    in_para = true;
                    buf.clear();
                    buf_line = Some(line);
                }
            }
            Event::End(TagEnd::Paragraph) if in_para => {
                flush_line(&mut sections, &mut buf, &mut buf_line, buf_last, false);
                in_para = false;
            }
            Event::Start(Tag::Item) => {
                if in_item_depth > 0 {
                    flush_line(&mut sections, &mut buf, &mut buf_line, buf_last, true);
                }
                in_item_depth += 1;
                buf.clear();
                buf_line = Some(line);
            }
            Event::End(TagEnd::Item) => {
                flush_line(&mut sections, &mut buf, &mut buf_line, buf_last, true);
                in_item_depth = in_item_depth.saturating_sub(1);
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(LocatedTable {
                    line,
                    headers: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => {
                if let (Some(t), Some(s)) = (table.take(), sections.last_mut()) {
                    s.tables.push(t);
                }
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                row = Some(Row {
                    line,
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                    t.headers = r.cells;
                }
            }
            Event::Start(Tag::TableRow) => {
                row = Some(Row {
                    line,
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(mut r), Some(t)) = (row.take(), table.as_mut()) {
                    if !in_head {
                        r.cells
                            .resize(t.headers.len().max(r.cells.len()), String::new());
                        t.rows.push(r);
                    }
                }
            }
            Event::Start(Tag::TableCell) => buf.clear(),
            Event::End(TagEnd::TableCell) => {
                if let Some(r) = row.as_mut() {
                    r.cells.push(buf.trim().to_string());
                }
                buf.clear();
            }
            Event::Text(t) | Event::Code(t) => {
                if buf_line.is_none() && (in_para || in_item_depth > 0) {
                    buf_line = Some(line);
                }
                buf_last = lines.line_of(range.end.saturating_sub(1).max(range.start));
                buf.push_str(&t);
            }
            Event::SoftBreak => buf.push(' '),
            Event::HardBreak => {
                if in_para {
                    flush_line(&mut sections, &mut buf, &mut buf_line, buf_last, false);
                } else {
                    buf.push(' ');
                }
            }
            // HTML-like text is text (issue 13 item 3): "Them & <i>Co</i>" is kept as
            // written in paragraphs, list items, headings and table cells alike.
            Event::InlineHtml(h) => {
                if buf_line.is_none() && (in_para || in_item_depth > 0) {
                    buf_line = Some(line);
                }
                buf_last = lines.line_of(range.end.saturating_sub(1).max(range.start));
                buf.push_str(&h);
            }
            // An HTML block ("<div>…</div>" on its own lines) is a paragraph of text; inside
            // a list item, part of the item.
            Event::Start(Tag::HtmlBlock) if in_item_depth == 0 => {
                in_para = true;
                buf.clear();
                buf_line = Some(line);
            }
            Event::End(TagEnd::HtmlBlock) if in_item_depth == 0 => {
                flush_line(&mut sections, &mut buf, &mut buf_line, buf_last, false);
                in_para = false;
            }
            Event::Html(h) => {
                buf_last = lines.line_of(range.end.saturating_sub(1).max(range.start));
                buf.push_str(&h);
            }
            _ => {}
        }
    }
    if sections
        .first()
        .is_some_and(|s| s.lines.is_empty() && s.items.is_empty() && s.tables.is_empty())
    {
        sections.remove(0);
    }
    sections
}

fn flush_line(
    sections: &mut [LocatedSection],
    buf: &mut String,
    buf_line: &mut Option<u32>,
    buf_last: u32,
    item: bool,
) {
    let text = buf.split_whitespace().collect::<Vec<_>>().join(" ");
    if let (Some(line), false) = (buf_line.take(), text.is_empty()) {
        if let Some(s) = sections.last_mut() {
            let located = Located {
                line,
                line_end: buf_last.max(line),
                text,
            };
            if item {
                s.items.push(located);
            } else {
                s.lines.push(located);
            }
        }
    }
    buf.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_like_text_is_kept_as_written_everywhere() {
        let doc = "# Supply <b>Agreement</b>\n\n| Field | Details |\n|---|---|\n| Parties | Acme S.A.C. and Them & <i>Co</i> |\n\nA line with <u>markup</u> & more.\n\n- an item with <br> inside\n\n<div>block html</div>\n";
        let s = parse_sections(doc);
        assert_eq!(s[0].heading, "Supply <b>Agreement</b>");
        assert_eq!(
            s[0].tables[0].rows[0].cells,
            ["Parties", "Acme S.A.C. and Them & <i>Co</i>"]
        );
        assert_eq!(s[0].lines[0].text, "A line with <u>markup</u> & more.");
        assert_eq!(s[0].lines[0].line, 7);
        assert_eq!(s[0].items[0].text, "an item with <br> inside");
        assert_eq!(s[0].lines[1].text, "<div>block html</div>");
        assert_eq!(s[0].lines[1].line, 11);
    }
}
