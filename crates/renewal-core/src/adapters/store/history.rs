//! The append-only history of changes to agreements.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::model::Agreement;
use crate::error::Result;

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
    /// The old value for people ([`value_text`]): `2023-01-01`, `90 days`, `yes`, `—`.
    #[serde(default)]
    pub old_text: String,
    /// The new value for people ([`value_text`]).
    #[serde(default)]
    pub new_text: String,
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

pub(crate) fn append(
    conn: &Connection,
    agreement_id: i64,
    at: &str,
    action: &str,
    changes: &[Change],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO history(agreement_id, at, action, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in changes {
        stmt.execute(params![
            agreement_id,
            at,
            action,
            c.field,
            c.old_value,
            c.new_value
        ])?;
    }
    Ok(())
}

pub(crate) fn read(conn: &Connection, agreement_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, agreement_id, at, action, field, old_value, new_value
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
            old_text: String::new(),
            new_text: String::new(),
        })
    })?;
    let mut entries = rows.collect::<rusqlite::Result<Vec<HistoryEntry>>>()?;
    for h in &mut entries {
        h.old_text = value_text(h.old_value.as_deref());
        h.new_text = value_text(h.new_value.as_deref());
    }
    Ok(entries)
}

/// Three-letter month names for month-precision dates (`Jun 2025`).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A history value (JSON text, `None` when absent) for people: a date as `2023-01-01`, a
/// period as `90 days` / `1 year`, a flag as `yes` / `no`, a done mark as `done 2026-11-23 —
/// note`, a served notice as `served …`, a warning as `to confirm: …`, a month or quarter
/// date as `Jun 2025` / `Q2 2025`, a clause-table row as `row: cell · cell`, absent as
/// `—`. Anything else (or text that is not JSON, such as an import's file line) as written.
pub fn value_text(json: Option<&str>) -> String {
    let Some(json) = json else {
        return "—".to_string();
    };
    serde_json::from_str::<Value>(json)
        .ok()
        .and_then(|v| value_for_people(&v))
        .unwrap_or_else(|| json.to_string())
}

/// [`value_text`] of a parsed value; `None` when it has no shorter form than its JSON.
fn value_for_people(v: &Value) -> Option<String> {
    let o = match v {
        Value::Null => return Some("—".to_string()),
        Value::String(s) => return Some(s.clone()),
        Value::Bool(b) => return Some(if *b { "yes" } else { "no" }.to_string()),
        Value::Number(n) => return Some(n.to_string()),
        Value::Array(_) => return None,
        Value::Object(o) => o,
    };
    let text = |key: &str| o.get(key).and_then(Value::as_str);
    let number = |key: &str| o.get(key).and_then(Value::as_u64);
    let note = text("note")
        .filter(|n| !n.is_empty())
        .map(|n| format!(" — {n}"))
        .unwrap_or_default();
    if let (Some(amount), Some(unit)) = (number("amount"), text("unit")) {
        // `days`, `months`, `years`, `business_days`; singular for 1.
        let unit = unit.replace('_', " ");
        let unit = if amount == 1 {
            unit.strip_suffix('s').unwrap_or(&unit).to_string()
        } else {
            unit
        };
        return Some(format!("{amount} {unit}"));
    }
    if let (Some(choice), Some(by), Some(on)) =
        (text("choice"), text("decided_by"), text("decided_on"))
    {
        // A recorded decision (issue 16 item 3): "Let it expire, by Ana on 2026-11-30: why".
        let choice = crate::domain::model::DecisionChoice::parse(choice)
            .map(|c| c.title().to_string())
            .unwrap_or_else(|| choice.to_string());
        let target = text("target_date")
            .map(|t| format!(" (new terms by {t})"))
            .unwrap_or_default();
        let why = text("reason")
            .filter(|r| !r.is_empty())
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        return Some(format!("{choice}, by {by} on {on}{target}{why}"));
    }
    if let Some(done_on) = text("done_on") {
        return Some(format!("done {done_on}{note}"));
    }
    if let (Some(_), Some(message)) = (text("code"), text("message")) {
        return Some(format!("to confirm: {message}"));
    }
    if let Some(served_on) = text("served_on") {
        return Some(format!("served {served_on}{note}"));
    }
    if let Some(precision) = text("precision") {
        let year = number("year").map_or_else(|| "?".to_string(), |y| y.to_string());
        let shown = match precision {
            "day" => text("date").map(str::to_string),
            "month" => number("month")
                .and_then(|m| usize::try_from(m).ok())
                .and_then(|m| m.checked_sub(1))
                .map(|m| format!("{} {year}", MONTHS.get(m).copied().unwrap_or("?"))),
            "quarter" => Some(format!(
                "Q{} {year}",
                number("quarter").map_or_else(|| "?".to_string(), |q| q.to_string())
            )),
            "year" => Some(year),
            _ => None,
        };
        if shown.is_some() {
            return shown;
        }
    }
    // A clause-table row: its cells as written or typed.
    let row = o
        .get("source")
        .and_then(|s| s.get("text"))
        .and_then(Value::as_str)?;
    let cells: Vec<&str> = row
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    (!cells.is_empty()).then(|| format!("row: {}", cells.join(" · ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn history_values_read_for_people() {
        let t = |json: &str| value_text(Some(json));
        assert_eq!(t(r#""2023-01-01""#), "2023-01-01");
        assert_eq!(t("true"), "yes");
        assert_eq!(t("false"), "no");
        assert_eq!(t("180"), "180");
        assert_eq!(t(r#"{"amount":90,"unit":"days"}"#), "90 days");
        assert_eq!(t(r#"{"amount":1,"unit":"years"}"#), "1 year");
        assert_eq!(
            t(r#"{"amount":10,"unit":"business_days"}"#),
            "10 business days"
        );
        assert_eq!(value_text(None), "—");
        assert_eq!(t("null"), "—");
        assert_eq!(
            t(r#"{"done_on":"2026-11-23","note":"marked done from a reminder notification"}"#),
            "done 2026-11-23 — marked done from a reminder notification"
        );
        assert_eq!(
            t(r#"{"served_on":"2027-09-01","note":""}"#),
            "served 2027-09-01"
        );
        assert_eq!(
            t(
                r#"{"about":"exit_window_end:2026-12-27:migration-assisted","choice":"let_expire","decided_by":"ana","decided_on":"2026-11-30","reason":"migrated"}"#
            ),
            "Let it expire, by ana on 2026-11-30: migrated"
        );
        assert_eq!(
            t(
                r#"{"about":"x","choice":"renegotiate","target_date":"2027-08-31","decided_by":"ana","decided_on":"2026-11-30","reason":""}"#
            ),
            "Renegotiate, by ana on 2026-11-30 (new terms by 2027-08-31)"
        );
        assert_eq!(
            t(
                r#"{"code":"currency_assumed","message":"No currency stated: PEN assumed","line":12}"#
            ),
            "to confirm: No currency stated: PEN assumed"
        );
        assert_eq!(
            t(r#"{"precision":"quarter","year":2025,"quarter":2}"#),
            "Q2 2025"
        );
        assert_eq!(
            t(r#"{"precision":"month","year":2025,"month":6}"#),
            "Jun 2025"
        );
        assert_eq!(
            t(r#"{"precision":"day","date":"2025-06-30"}"#),
            "2025-06-30"
        );
        assert_eq!(
            t(
                r#"{"category":"","name":"Board approval","source":{"line":null,"section":"Edited in Renewal Desk","text":" | Board approval | Planned | 2026-11-23 | "}}"#
            ),
            "row: Board approval · Planned · 2026-11-23"
        );
        assert_eq!(t(r#"{"weird":[1,2]}"#), r#"{"weird":[1,2]}"#);
        assert_eq!(
            t("microsoft-peru-mifibra.md (sha256 ab12)"),
            "microsoft-peru-mifibra.md (sha256 ab12)"
        );
    }

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
