//! Wording shared by the brief's sections: day counts ("312 days left"), notice phrases
//! ("180 days' notice"), source lines ("Source: line 12 · Renewal Terms"), clause text
//! quoted from the document, capitalisation.

use crate::domain::model::Source;

/// `+312`, `−50`, `today`.
pub(crate) fn days_label(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    }
}

/// "312 days left", "due today", "50 days ago".
pub(crate) fn days_left(days: i64) -> String {
    match days {
        0 => "due today".to_string(),
        1 => "1 day left".to_string(),
        d if d > 0 => format!("{d} days left"),
        -1 => "1 day ago".to_string(),
        d => format!("{} days ago", -d),
    }
}

/// "180 days' notice", "1 month's notice".
pub(crate) fn notice_phrase(p: crate::domain::dates::Period) -> String {
    let s = p.to_string();
    if s.ends_with('s') {
        format!("{s}' notice")
    } else {
        format!("{s}'s notice")
    }
}

/// "Source: page 2, line 14 (table row) · Title › Section": where a quotation comes from.
pub(crate) fn source_line(src: &Source) -> String {
    let row = if table_cells(&src.text).is_some() {
        " (table row)"
    } else {
        ""
    };
    match (src.page, src.line) {
        (Some(p), Some(n)) => format!("Source: page {p}, line {n}{row} · {}", src.section),
        (None, Some(n)) => format!("Source: line {n}{row} · {}", src.section),
        _ => format!("Source: {}", src.section),
    }
}

/// The text of a source as it is quoted inside curly quotes by `Layout::quote`: verbatim,
/// except that a table row is quoted cell by cell (`Convenience” · “180 days`, which the
/// quote's own marks close), never with the table's pipes (issue 16 item 5).
pub(crate) fn clause_text(src: &Source) -> String {
    match table_cells(&src.text) {
        Some(cells) => cells.join("” · “"),
        None => src.text.trim().to_string(),
    }
}

/// The non-empty cells of a Markdown-style table row (`| a | b |`, as Markdown documents
/// and Word tables are stored), unescaping `\|`; `None` for any other text.
pub(crate) fn table_cells(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() > 1) || t.contains('\n') {
        return None;
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = t[1..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    (!cells.is_empty()).then_some(cells)
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str, page: Option<u32>) -> Source {
        Source {
            line: Some(156),
            line_end: None,
            section: "T › Termination Rights".into(),
            text: text.into(),
            page,
            confidence: Default::default(),
        }
    }

    #[test]
    fn a_table_row_is_quoted_cell_by_cell_without_pipes() {
        let s = src("| Convenience | 180 days | Wind-down plan |", None);
        assert_eq!(
            clause_text(&s),
            "Convenience” · “180 days” · “Wind-down plan"
        );
        assert_eq!(
            source_line(&s),
            "Source: line 156 (table row) · T › Termination Rights"
        );
        // An escaped pipe inside a cell (a Word table's cell text) stays in its cell.
        let s = src(r"| Notice | 30 days \| 60 days | |", Some(2));
        assert_eq!(clause_text(&s), "Notice” · “30 days | 60 days");
        assert_eq!(
            source_line(&s),
            "Source: page 2, line 156 (table row) · T › Termination Rights"
        );
    }

    #[test]
    fn prose_is_quoted_verbatim() {
        let text = "Either party may terminate on 90 days' notice | subject to clause 4.";
        let s = src(text, None);
        assert_eq!(clause_text(&s), text);
        assert_eq!(source_line(&s), "Source: line 156 · T › Termination Rights");
        assert_eq!(table_cells("|"), None);
        assert_eq!(table_cells("| |"), None);
    }
}
