//! The append-only history of changes to agreements.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::model::Agreement;
use crate::error::Result;

pub use super::words::{history_words, HistoryWords, NOT_RECORDED, REMINDER_TIMER};

/// One changed field: its JSON path (e.g. `non_renewal_notice.value.amount`) and the old and
/// new values as JSON text (`None` when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Dotted path of the field in the agreement (array elements by index).
    pub field: String,
    /// Value before, as JSON text.
    pub old_value: Option<String>,
    /// Value after, as JSON text.
    pub new_value: Option<String>,
}

/// A stored history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    /// Row id (increasing).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub agreement_id: i64,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// By which action: `import`, `reimport`, `edit`, `record_notice`, `mark_done`, …
    pub action: String,
    /// The field.
    pub field: String,
    /// Old value (JSON text).
    pub old_value: Option<String>,
    /// New value (JSON text).
    pub new_value: Option<String>,
    /// Who made the change (a person's name, or [`REMINDER_TIMER`]); `None` for rows written
    /// before who was recorded (migration 0006), shown as [`NOT_RECORDED`].
    #[serde(default)]
    pub actor: Option<String>,
    /// The row in people's words ([`history_words`]): action, field, old and new value, who.
    #[serde(default)]
    pub words: HistoryWords,
}

impl HistoryEntry {
    /// The row on one line for people: `Edited · Non-renewal notice period: 90 days → 60 days
    /// · by ana` (the time is left to the caller).
    pub fn line(&self) -> String {
        let w = &self.words;
        format!(
            "{} · {}: {} → {} · by {}",
            w.action, w.field, w.old, w.new, w.by
        )
    }
}

/// Field-by-field differences between two versions of an agreement, as leaf JSON paths.
/// A list that lost or gained exactly one element (a row removed or added, a warning
/// confirmed) gives one change at that index, with the whole element as its old or new
/// value. Errors only if an agreement cannot be serialised.
pub fn diff_agreements(old: &Agreement, new: &Agreement) -> Result<Vec<Change>> {
    let a = serde_json::to_value(old)?;
    let b = serde_json::to_value(new)?;
    let mut out = Vec::new();
    diff_value("", Some(&a), Some(&b), &mut out);
    Ok(out)
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn diff_value(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                diff_value(&join(path, k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            // One element removed or inserted (a row removed, a warning confirmed, a row
            // added in the middle): one change at its index, not a shift of every later one.
            if let Some((i, removed, inserted)) = single_splice(x, y) {
                diff_value(&join(path, &i.to_string()), removed, inserted, out);
                return;
            }
            for i in 0..x.len().max(y.len()) {
                diff_value(&join(path, &i.to_string()), x.get(i), y.get(i), out);
            }
        }
        (x, y) => {
            let x = x.filter(|v| !v.is_null());
            let y = y.filter(|v| !v.is_null());
            if x != y {
                out.push(Change {
                    field: path.to_string(),
                    old_value: x.map(|v| v.to_string()),
                    new_value: y.map(|v| v.to_string()),
                });
            }
        }
    }
}

/// When `y` is `x` with exactly one element removed, or with one inserted, the index and
/// the element (removed, inserted); `None` otherwise (same length, or other changes).
fn single_splice<'a>(
    x: &'a [Value],
    y: &'a [Value],
) -> Option<(usize, Option<&'a Value>, Option<&'a Value>)> {
    let (long, short, removed) = if x.len() == y.len() + 1 {
        (x, y, true)
    } else if y.len() == x.len() + 1 {
        (y, x, false)
    } else {
        return None;
    };
    let k = long
        .iter()
        .zip(short)
        .position(|(a, b)| a != b)
        .unwrap_or(short.len());
    if long[k + 1..] != short[k..] {
        return None;
    }
    let element = long.get(k);
    Some(if removed {
        (k, element, None)
    } else {
        (k, None, element)
    })
}

/// Appends one row per change of agreement `agreement_id`, made at `at` (RFC 3339 UTC) by
/// `actor` (migration 0006) under `action`.
pub(crate) fn append(
    conn: &Connection,
    agreement_id: i64,
    (at, actor): (&str, &str),
    action: &str,
    changes: &[Change],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO history(agreement_id, at, action, field, old_value, new_value, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in changes {
        stmt.execute(params![
            agreement_id,
            at,
            action,
            c.field,
            c.old_value,
            c.new_value,
            actor
        ])?;
    }
    Ok(())
}

/// The history of agreement `agreement_id`, oldest first, each row in people's words
/// ([`history_words`]) with `agreement` (as it is now, when known) naming list rows.
pub(crate) fn read(
    conn: &Connection,
    agreement_id: i64,
    agreement: Option<&Agreement>,
) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, agreement_id, at, action, field, old_value, new_value, actor
         FROM history WHERE agreement_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([agreement_id], |r| {
        Ok(HistoryEntry {
            id: r.get(0)?,
            agreement_id: r.get(1)?,
            at: r.get(2)?,
            action: r.get(3)?,
            field: r.get(4)?,
            old_value: r.get(5)?,
            new_value: r.get(6)?,
            actor: r.get(7)?,
            words: HistoryWords::default(),
        })
    })?;
    let mut entries = rows.collect::<rusqlite::Result<Vec<HistoryEntry>>>()?;
    for h in &mut entries {
        h.words = history_words(
            &h.action,
            &h.field,
            (h.old_value.as_deref(), h.new_value.as_deref()),
            h.actor.as_deref(),
            agreement,
        );
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn diff(a: Value, b: Value) -> Vec<(String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        diff_value("", Some(&a), Some(&b), &mut out);
        out.into_iter()
            .map(|c| (c.field, c.old_value, c.new_value))
            .collect()
    }

    #[test]
    fn one_removed_or_inserted_element_is_one_change() {
        let removed = diff(json!({"l": ["a", "b", "c"]}), json!({"l": ["a", "c"]}));
        assert_eq!(
            removed,
            [("l.1".to_string(), Some("\"b\"".to_string()), None)]
        );
        let inserted = diff(json!({"l": ["a", "c"]}), json!({"l": ["a", "b", "c"]}));
        assert_eq!(
            inserted,
            [("l.1".to_string(), None, Some("\"b\"".to_string()))]
        );
        let appended = diff(json!({"l": ["a"]}), json!({"l": ["a", "b"]}));
        assert_eq!(
            appended,
            [("l.1".to_string(), None, Some("\"b\"".to_string()))]
        );
        // Removed one and changed another: element by element.
        let both = diff(json!({"l": ["a", "b", "c"]}), json!({"l": ["x", "c"]}));
        assert_eq!(both.len(), 3, "{both:?}");
    }
}
