//! The history in people's words (issue 16 item 7): the one place that turns a stored
//! history row (a JSON path, old and new values as JSON text, an action code and who made
//! it) into what the app's History tab, `renewals history`, the brief's "Readings and
//! assumptions" and anything else print: field names in the user's words ("Termination
//! right 1 (Convenience): quoted text", "Non-renewal notice period"), values as the app
//! shows them ("Fri 1 Oct 2027", "90 days", "S/ 15,000,000", "Let it expire"), the action
//! ("Edited", "Decision recorded") and who ("ana", or "not recorded" for rows written before
//! migration 0006).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::dates::{long_date, PartialDate, Period};
use crate::domain::model::{Agreement, DecisionChoice};
use crate::domain::money::Quantity;

/// Shown for who made a change when the row was written before who was recorded
/// (migration 0006): `history.actor` is NULL.
pub const NOT_RECORDED: &str = "not recorded";

/// Who the product itself is when it writes on its own (the reminder run of the timer or
/// of the app's scheduler): recorded as the actor of reminder deliveries.
pub const REMINDER_TIMER: &str = "Renewal Desk (reminder timer)";

/// A history row in people's words ([`history_words`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryWords {
    /// What was done: "Imported", "Edited", "Decision recorded", "Marked done", …
    pub action: String,
    /// The field in the user's words, e.g. "Non-renewal notice period" or "Termination
    /// right 1 (Convenience): quoted text".
    pub field: String,
    /// The value before, as the app shows it ("90 days", "Fri 1 Oct 2027"); "—" when absent.
    pub old: String,
    /// The value after, as the app shows it.
    pub new: String,
    /// Who made the change, or [`NOT_RECORDED`].
    pub by: String,
    /// True for bookkeeping that follows a value's change (the line, last line or section
    /// of its source in the document): lists of changes may leave it out.
    pub bookkeeping: bool,
}

/// The one rendering of a history row for people. `field` is the row's JSON path
/// (`termination_rights.0.source.text`), `old`/`new` its values as JSON text (`None` when
/// absent), `action` its action code (`edit`, `record_decision`, …), `actor` who made it
/// (`None` for rows written before migration 0006), `agreement` the agreement as it is now
/// when known (it names list rows: "Termination right 1 (Convenience)").
pub fn history_words(
    action: &str,
    field: &str,
    (old, new): (Option<&str>, Option<&str>),
    actor: Option<&str>,
    agreement: Option<&Agreement>,
) -> HistoryWords {
    let last = field.rsplit('.').next().unwrap_or(field);
    // A period's amount changed alone (its unit unchanged): the period, with its unit.
    if let Some(unit) = period_unit(field, agreement) {
        if let (Some(o), Some(n)) = (
            amount_with_unit(old, &unit).or_else(|| old.is_none().then(|| "—".to_string())),
            amount_with_unit(new, &unit).or_else(|| new.is_none().then(|| "—".to_string())),
        ) {
            let period = field.strip_suffix(".amount").unwrap_or(field);
            let mut words = history_words(action, period, (None, None), actor, agreement);
            words.old = o;
            words.new = n;
            return words;
        }
    }
    HistoryWords {
        action: action_words(action),
        field: field_words(field, agreement),
        old: value_words(field, old),
        new: value_words(field, new),
        by: actor
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or(NOT_RECORDED)
            .to_string(),
        bookkeeping: field.contains(".source.")
            && matches!(last, "line" | "line_end" | "section" | "page"),
    }
}

/// An action code for people: `edit` → "Edited", `record_decision` → "Decision recorded";
/// an unknown code with its underscores as spaces, capitalised.
pub fn action_words(action: &str) -> String {
    match action {
        "import" => "Imported",
        "reimport" => "New version imported",
        "register_import" => "Updated from a register",
        "edit" => "Edited",
        "confirm" => "Confirmed",
        "record_notice" => "Notice recorded",
        "record_decision" => "Decision recorded",
        "mark_done" => "Marked done",
        "snooze" => "Reminders snoozed",
        "set_ladder" => "Reminder steps changed",
        "settings" => "Settings changed",
        other => return capitalise(&other.replace('_', " ")),
    }
    .to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The name of a top-level field of the agreement in the user's words; `None` for a path
/// this version does not know.
fn root_words(root: &str) -> Option<&'static str> {
    Some(match root {
        "title" => "Title",
        "subtitle" => "Subtitle",
        "agreement_type" => "Agreement type",
        "parties" => "Parties",
        "our_party" => "Our party",
        "counterparty" => "Counterparty",
        "effective_date" => "Effective date",
        "initial_term" => "Initial term",
        "auto_renewal" => "Automatic renewal",
        "renewal_period" => "Renewal period",
        "non_renewal_notice" => "Non-renewal notice period",
        "price_review" => "Price review",
        "total_commitment" => "Total commitment",
        "classification" => "Classification",
        "contract_owner" => "Contract owner",
        "last_review" => "Last review",
        "next_review" => "Next review",
        "country" => "Country (public holidays)",
        "business_day_adjustment" => "Business-day adjustment",
        "calendar" => "Holiday calendar",
        "sections" => "Document text",
        "warnings" => "Warning",
        "assumptions" => "Assumption",
        "document" => "Document",
        _ => return None,
    })
}

/// A list of rows: its singular name and the name of one row in the agreement as it is now.
fn row_words(root: &str, i: usize, a: Option<&Agreement>) -> Option<String> {
    let (singular, name): (&str, Option<String>) = match root {
        "termination_rights" => (
            "Termination right",
            a.and_then(|a| a.termination_rights.get(i))
                .map(|r| r.scenario.clone()),
        ),
        "exit_rights" => (
            "Exit right",
            a.and_then(|a| a.exit_rights.get(i))
                .map(|r| r.scenario.clone()),
        ),
        "commitments" => (
            "Commitment",
            a.and_then(|a| a.commitments.get(i))
                .map(|c| c.label.clone()),
        ),
        "amounts" => (
            "Amount",
            a.and_then(|a| a.amounts.get(i)).map(|c| c.label.clone()),
        ),
        "revenue_shares" => (
            "Revenue share",
            a.and_then(|a| a.revenue_shares.get(i))
                .map(|r| r.product.clone()),
        ),
        "service_levels" => (
            "Service level",
            a.and_then(|a| a.service_levels.get(i))
                .map(|s| s.metric.clone()),
        ),
        "obligations" => (
            "Obligation",
            a.and_then(|a| a.obligations.get(i)).map(|o| o.name.clone()),
        ),
        "data_protection" => ("Data protection statement", None),
        "renewal_terms" => ("Renewal statement", None),
        "warnings" => ("Warning", None),
        "assumptions" => ("Assumption", None),
        _ => return None,
    };
    let name = name
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!(" ({})", n.trim()))
        .unwrap_or_default();
    Some(format!("{singular} {}{name}", i + 1))
}

/// The part of a path under a field, for people: `source.text` → "quoted text",
/// `notice` → "notice period"; empty for the value itself.
fn rest_words(rest: &[&str]) -> String {
    let rest: Vec<&str> = rest.iter().copied().filter(|s| *s != "value").collect();
    match rest.as_slice() {
        [] => String::new(),
        ["source"] => "source".to_string(),
        ["source", "text"] => "quoted text".to_string(),
        ["source", "line"] => "line in the document".to_string(),
        ["source", "line_end"] => "last line in the document".to_string(),
        ["source", "section"] => "section of the document".to_string(),
        ["source", "page"] => "page of the document".to_string(),
        ["source", "confidence"] => "confidence of the reading".to_string(),
        [i] if i.parse::<usize>().is_ok() => {
            format!("item {}", i.parse::<usize>().unwrap_or(0) + 1)
        }
        other => other
            .iter()
            .map(|s| match *s {
                "notice" => "notice period".to_string(),
                "due" => "due date".to_string(),
                "done_on" => "done on".to_string(),
                "served_on" => "served on".to_string(),
                "decided_by" => "decided by".to_string(),
                "decided_on" => "decided on".to_string(),
                "target_date" => "new terms by".to_string(),
                "about" => "question".to_string(),
                s => match s.parse::<usize>() {
                    Ok(n) => format!("item {}", n + 1),
                    Err(_) => s.replace('_', " "),
                },
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// An event id (`non_renewal_notice_deadline:2026-10-02`,
/// `obligation_due:2025-06-30:graph-api-integration`) for people: "Non-renewal notice
/// deadline, Fri 2 Oct 2026"; an id it cannot read as written.
pub fn event_words(event_id: &str) -> String {
    event_words_in(event_id, None)
}

/// [`event_words`], naming the event's subject as `agreement` writes it (an obligation's
/// name, an exit right's scenario) when its slug matches.
fn event_words_in(event_id: &str, agreement: Option<&Agreement>) -> String {
    let mut parts = event_id.splitn(3, ':');
    let kind = parts
        .next()
        .and_then(crate::domain::rules::EventKind::parse);
    let date = parts
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (kind, date) {
        (Some(k), Some(d)) => {
            let subject = parts
                .next()
                .map(|s| format!(" ({})", subject_name(s, agreement)))
                .unwrap_or_default();
            format!("{}{subject}, {}", k.title(), long_date(d))
        }
        _ => event_id.to_string(),
    }
}

/// The name `agreement` gives the subject whose slug is `slug` (an obligation, an exit or
/// termination right); the slug with spaces for dashes when none matches.
fn subject_name(slug: &str, agreement: Option<&Agreement>) -> String {
    use crate::domain::rules::slug as slug_of;
    agreement
        .and_then(|a| {
            a.obligations
                .iter()
                .map(|o| o.name.as_str())
                .chain(a.exit_rights.iter().map(|r| r.scenario.as_str()))
                .chain(a.termination_rights.iter().map(|r| r.scenario.as_str()))
                .find(|name| slug_of(name) == slug)
                .map(str::to_string)
        })
        .unwrap_or_else(|| slug.replace('-', " "))
}

/// The unit of the period whose `amount` the path `field` (`termination_rights.1.notice.amount`)
/// names, read from `agreement` as it is now; `None` when the path is not a period's amount.
fn period_unit(field: &str, agreement: Option<&Agreement>) -> Option<String> {
    let parent = field.strip_suffix(".amount")?;
    let mut v = serde_json::to_value(agreement?).ok()?;
    for seg in parent.split('.') {
        v = match v {
            Value::Object(mut o) => o.remove(seg)?,
            Value::Array(mut items) => {
                let i: usize = seg.parse().ok()?;
                (i < items.len()).then(|| items.swap_remove(i))?
            }
            _ => return None,
        };
    }
    v.get("unit").and_then(Value::as_str).map(str::to_string)
}

/// A period's amount (JSON number text) with its unit: `"180"`, `days` → "180 days".
fn amount_with_unit(json: Option<&str>, unit: &str) -> Option<String> {
    let amount: u64 = json?.trim().parse().ok()?;
    serde_json::from_value::<Period>(serde_json::json!({ "amount": amount, "unit": unit }))
        .ok()
        .map(|p| p.to_string())
}

/// The field of a history row in the user's words ([`history_words`]).
pub fn field_words(path: &str, agreement: Option<&Agreement>) -> String {
    let segs: Vec<&str> = path.split('.').collect();
    let Some(root) = segs.first().copied() else {
        return path.to_string();
    };
    let join = |label: String, rest: &[&str]| {
        let r = rest_words(rest);
        if r.is_empty() {
            label
        } else {
            format!("{label}: {r}")
        }
    };
    match root {
        "document" if segs.get(1) == Some(&"sha256") => {
            return "Document version (SHA-256)".to_string()
        }
        "recorded" => {
            let rest = segs.get(2..).unwrap_or_default();
            return match segs.get(1).copied() {
                Some("done") => match rest.split_first() {
                    Some((event, more)) => {
                        join(format!("Done: {}", event_words_in(event, agreement)), more)
                    }
                    None => "Done marks".to_string(),
                },
                Some("non_renewal_notice") => join("Non-renewal notice served".into(), rest),
                Some("termination_notice") => join("Termination notice served".into(), rest),
                Some("planned_exit") => "Planned exit".to_string(),
                Some("decision") => join("Decision".into(), rest),
                Some(other) => capitalise(&other.replace('_', " ")),
                None => "What was recorded".to_string(),
            };
        }
        "reminders" => {
            return match segs.get(1).copied() {
                Some("ladder") => "Reminder steps".to_string(),
                Some("snooze") => {
                    let event = segs.get(2..).unwrap_or_default().join(".");
                    format!("Reminders snoozed: {}", event_words_in(&event, agreement))
                }
                _ => "Reminders".to_string(),
            }
        }
        "sections" => return "Document text".to_string(),
        _ => {}
    }
    if let Some(i) = segs.get(1).and_then(|s| s.parse::<usize>().ok()) {
        if let Some(row) = row_words(root, i, agreement) {
            return join(row, segs.get(2..).unwrap_or_default());
        }
    }
    if root == "parties" {
        if let (Some(&"value"), Some(i)) = (segs.get(1), segs.get(2)) {
            if let Ok(i) = i.parse::<usize>() {
                return format!("Party {}", i + 1);
            }
        }
    }
    match root_words(root) {
        Some(label) => join(label.to_string(), segs.get(1..).unwrap_or_default()),
        None => capitalise(&path.replace(['_', '.'], " ")),
    }
}

/// A history value (JSON text, `None` when absent) as the app shows it: a date as `Fri 1
/// Oct 2027`, a period as `90 days` / `1 year`, an amount with its currency symbol as
/// `S/ 15,000,000`, a choice as `Let it expire`, a flag as `yes` / `no`, a done mark as
/// `done Fri 1 Oct 2027 — note`, a served notice as `served …`, a warning as `to confirm:
/// …`, a month or quarter date as `Jun 2025` / `Q2 2025`, a clause-table row as `row: cell ·
/// cell` (the table's pipes removed), reminder steps as `30, 14, 7, 0 days before`, absent
/// as `—`. `field` is the row's JSON path (it says that `"let_expire"` is a choice). Text
/// that is not JSON (an import's file line) is shown as written.
pub fn value_words(field: &str, json: Option<&str>) -> String {
    let Some(json) = json else {
        return "—".to_string();
    };
    match serde_json::from_str::<Value>(json) {
        Ok(v) => value_for_people(field, &v).unwrap_or_else(|| json.to_string()),
        Err(_) => json.to_string(),
    }
}

/// A date written `YYYY-MM-DD` as `Fri 1 Oct 2027`; other text as written.
fn date_or_text(s: &str) -> String {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(long_date)
        .unwrap_or_else(|_| s.to_string())
}

/// [`value_words`] of a parsed value; `None` when it has no shorter form than its JSON.
fn value_for_people(field: &str, v: &Value) -> Option<String> {
    let last = field.rsplit('.').next().unwrap_or(field);
    let o = match v {
        Value::Null => return Some("—".to_string()),
        Value::String(s) if last == "choice" => {
            return Some(
                DecisionChoice::parse(s)
                    .map(|c| c.title().to_string())
                    .unwrap_or_else(|| s.clone()),
            )
        }
        Value::String(s) if last == "text" => return Some(verbatim(s)),
        Value::String(s) => return Some(date_or_text(s)),
        Value::Bool(b) => return Some(if *b { "yes" } else { "no" }.to_string()),
        Value::Number(n) => return Some(n.to_string()),
        Value::Array(items) if field == "reminders.ladder" => {
            let days: Vec<String> = items.iter().map(|d| d.to_string()).collect();
            return Some(format!("{} days before", days.join(", ")));
        }
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|x| match x {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            return parts.map(|p| p.join(", "));
        }
        Value::Object(o) => o,
    };
    if let Ok(p) = serde_json::from_value::<Period>(v.clone()) {
        return Some(p.to_string());
    }
    if let Ok(q) = serde_json::from_value::<Quantity>(v.clone()) {
        return Some(q.to_string());
    }
    if let Ok(d) = serde_json::from_value::<PartialDate>(v.clone()) {
        return Some(match d {
            PartialDate::Day { date } => long_date(date),
            PartialDate::Month { year, month } => {
                let name = (month as usize).checked_sub(1).and_then(|m| MONTHS.get(m));
                format!("{} {year}", name.unwrap_or(&"?"))
            }
            other => other.to_string(),
        });
    }
    let text = |key: &str| o.get(key).and_then(Value::as_str);
    let note = text("note")
        .filter(|n| !n.is_empty())
        .map(|n| format!(" — {n}"))
        .unwrap_or_default();
    if let (Some(choice), Some(by), Some(on)) =
        (text("choice"), text("decided_by"), text("decided_on"))
    {
        // A recorded decision (issue 16 item 3): "Let it expire, by ana on Mon 30 Nov 2026: why".
        let choice = DecisionChoice::parse(choice)
            .map(|c| c.title().to_string())
            .unwrap_or_else(|| choice.to_string());
        let target = text("target_date")
            .map(|t| format!(" (new terms by {})", date_or_text(t)))
            .unwrap_or_default();
        let why = text("reason")
            .filter(|r| !r.is_empty())
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        return Some(format!(
            "{choice}, by {by} on {}{target}{why}",
            date_or_text(on)
        ));
    }
    if let Some(done_on) = text("done_on") {
        return Some(format!("done {}{note}", date_or_text(done_on)));
    }
    if let (Some(_), Some(message)) = (text("code"), text("message")) {
        return Some(format!("to confirm: {message}"));
    }
    if let Some(served_on) = text("served_on") {
        return Some(format!("served {}{note}", date_or_text(served_on)));
    }
    // A sourced value added or removed whole: its value.
    if let Some(value) = o.get("value") {
        if o.contains_key("source") {
            return value_for_people(&format!("{field}.value"), value);
        }
    }
    // A clause-table row: its cells as written or typed.
    let row = o
        .get("source")
        .and_then(|s| s.get("text"))
        .and_then(Value::as_str)?;
    let cells = cells_of(row);
    (!cells.is_empty()).then(|| format!("row: {}", cells.join(" · ")))
}

/// Three-letter month names for month-precision dates (`Jun 2025`).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The non-empty cells of a Markdown table row (`| a | b |` → `[a, b]`).
fn cells_of(row: &str) -> Vec<&str> {
    row.split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A quotation of the document for people: a table row's cells joined by " · " (the
/// Markdown pipes removed), a list item without its bullet, other text as written.
pub fn verbatim(text: &str) -> String {
    let t = text.trim();
    if t.starts_with('|') && t.ends_with('|') {
        return cells_of(t).join(" · ");
    }
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t)
        .to_string()
}

/// A reminder log step (`d14`, `d0`, `overdue-w72`, `snooze-2026-12-21`) for people: "14
/// days before", "on the day", "weekly overdue reminder", "after a snooze ended Mon 21
/// Dec 2026"; an unknown key as written.
pub fn reminder_step_words(step: &str) -> String {
    use crate::adapters::remind::policy::Step;
    match step {
        "moved" => return "date changed: calendar invitation updated".to_string(),
        "cancel" => return "calendar invitation withdrawn".to_string(),
        _ => {}
    }
    match Step::parse(step) {
        Some(Step::DaysBefore(0)) => "on the day".to_string(),
        Some(Step::DaysBefore(1)) => "1 day before".to_string(),
        Some(Step::DaysBefore(d)) => format!("{d} days before"),
        Some(Step::OverdueWeek(_)) => "weekly overdue reminder".to_string(),
        Some(Step::Snoozed(until)) => format!("after a snooze ended {}", long_date(until)),
        None => step.to_string(),
    }
}

/// How a reminder went out, for people: `desktop notification #4 (dunst 1.9.0)` →
/// "desktop notification", `standard output` → "printed (standard output)"; anything
/// else as written.
pub fn channel_words(channel: &str) -> String {
    let c = channel.trim();
    if c.starts_with("desktop notification") {
        "desktop notification".to_string()
    } else if c == "standard output" {
        "printed (standard output)".to_string()
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_in_the_users_words() {
        let mut a = Agreement::new("X");
        a.termination_rights
            .push(crate::domain::model::TerminationRight {
                scenario: "Convenience".to_string(),
                kind: crate::domain::model::TerminationKind::Convenience,
                notice: Some(Period::days(180)),
                cure_period: None,
                consequence: String::new(),
                source: Default::default(),
            });
        let f = |p: &str| field_words(p, Some(&a));
        assert_eq!(
            f("termination_rights.0.source.text"),
            "Termination right 1 (Convenience): quoted text"
        );
        assert_eq!(
            f("termination_rights.0.notice"),
            "Termination right 1 (Convenience): notice period"
        );
        assert_eq!(
            field_words("termination_rights.3", None),
            "Termination right 4"
        );
        assert_eq!(f("non_renewal_notice.value"), "Non-renewal notice period");
        assert_eq!(
            f("non_renewal_notice.source.text"),
            "Non-renewal notice period: quoted text"
        );
        assert_eq!(f("effective_date.value"), "Effective date");
        assert_eq!(f("document.sha256"), "Document version (SHA-256)");
        assert_eq!(f("warnings.2"), "Warning 3");
        assert_eq!(f("recorded.decision"), "Decision");
        assert_eq!(f("recorded.decision.choice"), "Decision: choice");
        assert_eq!(
            f("recorded.done.non_renewal_notice_deadline:2026-10-02"),
            "Done: Non-renewal notice deadline, Fri 2 Oct 2026"
        );
        assert_eq!(
            f("reminders.snooze.renewal:2027-01-01"),
            "Reminders snoozed: Renewal, Fri 1 Jan 2027"
        );
        assert_eq!(f("reminders.ladder"), "Reminder steps");
        assert_eq!(f("parties.value.1"), "Party 2");
    }

    #[test]
    fn values_read_as_the_app_shows_them() {
        let t = |field: &str, json: &str| value_words(field, Some(json));
        assert_eq!(
            t("effective_date.value", r#""2027-10-01""#),
            "Fri 1 Oct 2027"
        );
        assert_eq!(t("auto_renewal.value", "true"), "yes");
        assert_eq!(t("x", "false"), "no");
        assert_eq!(t("x", "180"), "180");
        assert_eq!(t("x", r#"{"amount":90,"unit":"days"}"#), "90 days");
        assert_eq!(t("x", r#"{"amount":1,"unit":"years"}"#), "1 year");
        assert_eq!(
            t("x", r#"{"amount":10,"unit":"business_days"}"#),
            "10 business days"
        );
        assert_eq!(value_words("x", None), "—");
        assert_eq!(t("x", "null"), "—");
        assert_eq!(
            t("recorded.decision.choice", r#""let_expire""#),
            "Let it expire"
        );
        assert_eq!(
            t(
                "recorded.done.x",
                r#"{"done_on":"2026-11-23","note":"marked done from a reminder notification"}"#
            ),
            "done Mon 23 Nov 2026 — marked done from a reminder notification"
        );
        assert_eq!(
            t("x", r#"{"served_on":"2027-09-01","note":""}"#),
            "served Wed 1 Sep 2027"
        );
        assert_eq!(
            t(
                "recorded.decision",
                r#"{"about":"exit_window_end:2026-12-27:migration-assisted","choice":"let_expire","decided_by":"ana","decided_on":"2026-11-30","reason":"migrated"}"#
            ),
            "Let it expire, by ana on Mon 30 Nov 2026: migrated"
        );
        assert_eq!(
            t(
                "recorded.decision",
                r#"{"about":"x","choice":"renegotiate","target_date":"2027-08-31","decided_by":"ana","decided_on":"2026-11-30","reason":""}"#
            ),
            "Renegotiate, by ana on Mon 30 Nov 2026 (new terms by Tue 31 Aug 2027)"
        );
        assert_eq!(
            t(
                "warnings.0",
                r#"{"code":"currency_assumed","message":"No currency stated: PEN assumed","line":12}"#
            ),
            "to confirm: No currency stated: PEN assumed"
        );
        assert_eq!(
            t("x", r#"{"precision":"quarter","year":2025,"quarter":2}"#),
            "Q2 2025"
        );
        assert_eq!(
            t("x", r#"{"precision":"month","year":2025,"month":6}"#),
            "Jun 2025"
        );
        assert_eq!(
            t("x", r#"{"precision":"day","date":"2025-06-30"}"#),
            "Mon 30 Jun 2025"
        );
        assert_eq!(
            t(
                "total_commitment.value",
                r#"{"type":"money","money":{"amount":"15000000","currency":"PEN"},"per":null}"#
            ),
            "S/ 15,000,000"
        );
        assert_eq!(
            t(
                "obligations.3",
                r#"{"category":"","name":"Board approval","source":{"line":null,"section":"Edited in Renewal Desk","text":" | Board approval | Planned | 2026-11-23 | "}}"#
            ),
            "row: Board approval · Planned · 2026-11-23"
        );
        assert_eq!(
            t(
                "termination_rights.0.source.text",
                r#""| Convenience | 180 days | Written notice |""#
            ),
            "Convenience · 180 days · Written notice"
        );
        assert_eq!(
            t("reminders.ladder", "[30,14,7,0]"),
            "30, 14, 7, 0 days before"
        );
        assert_eq!(t("x", r#"{"weird":[1,2]}"#), r#"{"weird":[1,2]}"#);
        assert_eq!(
            t("document", "microsoft-peru-mifibra.md (sha256 ab12)"),
            "microsoft-peru-mifibra.md (sha256 ab12)"
        );
    }

    #[test]
    fn a_row_reads_with_its_action_and_who() {
        let w = history_words(
            "edit",
            "non_renewal_notice.value",
            (
                Some(r#"{"amount":90,"unit":"days"}"#),
                Some(r#"{"amount":60,"unit":"days"}"#),
            ),
            Some("ana"),
            None,
        );
        assert_eq!(
            (
                w.action.as_str(),
                w.field.as_str(),
                w.old.as_str(),
                w.new.as_str(),
                w.by.as_str()
            ),
            (
                "Edited",
                "Non-renewal notice period",
                "90 days",
                "60 days",
                "ana"
            )
        );
        assert!(!w.bookkeeping);
        let old = history_words("import", "document", (None, Some("a.md")), None, None);
        assert_eq!(old.by, "not recorded");
        assert_eq!(old.action, "Imported");
        let line = history_words(
            "edit",
            "non_renewal_notice.source.line",
            (Some("148"), None),
            Some("ana"),
            None,
        );
        assert!(line.bookkeeping);
    }

    #[test]
    fn a_periods_amount_reads_with_its_unit_and_an_events_subject_with_its_name() {
        let mut a = Agreement::new("X");
        a.termination_rights
            .push(crate::domain::model::TerminationRight {
                scenario: "Convenience".to_string(),
                kind: crate::domain::model::TerminationKind::Convenience,
                notice: Some(Period::days(90)),
                cure_period: None,
                consequence: String::new(),
                source: Default::default(),
            });
        let w = history_words(
            "edit",
            "termination_rights.0.notice.amount",
            (Some("180"), Some("90")),
            Some("ana"),
            Some(&a),
        );
        assert_eq!(
            (w.field.as_str(), w.old.as_str(), w.new.as_str()),
            (
                "Termination right 1 (Convenience): notice period",
                "180 days",
                "90 days"
            )
        );
        // Without the agreement, the amount as it is.
        let w = history_words(
            "edit",
            "termination_rights.0.notice.amount",
            (Some("180"), Some("90")),
            None,
            None,
        );
        assert_eq!((w.old.as_str(), w.new.as_str()), ("180", "90"));
        assert_eq!(
            field_words(
                "recorded.done.exit_window_end:2026-12-27:convenience",
                Some(&a)
            ),
            "Done: Exit window ends (Convenience), Sun 27 Dec 2026"
        );
    }

    #[test]
    fn reminder_rows_read_without_codes() {
        assert_eq!(
            reminder_step_words("overdue-w72"),
            "weekly overdue reminder"
        );
        assert_eq!(reminder_step_words("d14"), "14 days before");
        assert_eq!(reminder_step_words("d1"), "1 day before");
        assert_eq!(reminder_step_words("d0"), "on the day");
        assert_eq!(
            reminder_step_words("snooze-2026-12-21"),
            "after a snooze ended Mon 21 Dec 2026"
        );
        assert_eq!(
            channel_words("desktop notification #4 (dunst 1.9.0)"),
            "desktop notification"
        );
        assert_eq!(
            channel_words("standard output"),
            "printed (standard output)"
        );
    }
}
