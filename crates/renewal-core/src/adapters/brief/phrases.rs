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

pub(crate) fn source_line(src: &Source) -> String {
    match src.line {
        Some(n) => format!("Source: line {n} · {}", src.section),
        None => format!("Source: {}", src.section),
    }
}

/// A table row quoted from the document reads better without its pipes.
pub(crate) fn clause_text(src: &Source) -> String {
    let t = src.text.trim();
    if t.starts_with('|') {
        t.trim_matches('|')
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" | ")
    } else {
        t.to_string()
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
