//! The reminder log (table `reminder_log`, migration 0002).
//!
//! One row per (agreement, event id, step), made unique by a constraint: a step is claimed by
//! inserting its row inside a `BEGIN IMMEDIATE` transaction, so two processes can never both
//! deliver it. Row states:
//!
//! - `claimed`: a run took it and is delivering it (a claim older than [`STALE_CLAIM`] whose
//!   run never confirmed is taken over as interrupted);
//! - `delivered`: shown, with when (`delivered_at`) and how (`channel`);
//! - `failed`: the last attempt failed (`failure` says why); retried on the next run;
//! - `superseded`: never delivered because a later step of the same event was due (catch-up
//!   after a gap), the event was done or snoozed (`note` says which).

use crate::adapters::store::words::{channel_words, reminder_step_words, REMINDER_TIMER};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A claim not confirmed after this long is considered interrupted (the delivery timeout is
/// seconds; this leaves ample room) and is taken over by the next run.
pub const STALE_CLAIM: Duration = Duration::from_secs(10 * 60);

/// State of a log row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LogState {
    /// Taken by a run that is delivering it.
    Claimed,
    /// Delivered.
    Delivered,
    /// Last attempt failed; will be retried.
    Failed,
    /// Skipped for a later step, a done mark or a snooze.
    Superseded,
}

impl LogState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            LogState::Claimed => "claimed",
            LogState::Delivered => "delivered",
            LogState::Failed => "failed",
            LogState::Superseded => "superseded",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<LogState> {
        [
            LogState::Claimed,
            LogState::Delivered,
            LogState::Failed,
            LogState::Superseded,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

impl std::fmt::Display for LogState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row of the reminder log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEntry {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub agreement_id: i64,
    /// The agreement's title (current).
    pub agreement: String,
    /// Event id.
    pub event_id: String,
    /// Step key (`d7`, `overdue-w3`, `snooze-2026-12-21`).
    pub step: String,
    /// The event's date to act on.
    pub event_date: NaiveDate,
    /// The day the step fell due.
    pub due_on: NaiveDate,
    /// Event label.
    pub label: String,
    /// State.
    pub state: LogState,
    /// Why superseded.
    pub note: Option<String>,
    /// When claimed (RFC 3339 UTC).
    pub claimed_at: Option<String>,
    /// Delivery attempts so far.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub attempts: i64,
    /// When last attempted (RFC 3339 UTC).
    pub last_attempt_at: Option<String>,
    /// When delivered (RFC 3339 UTC).
    pub delivered_at: Option<String>,
    /// How delivered.
    pub channel: Option<String>,
    /// Why the last attempt failed.
    pub failure: Option<String>,
    /// The step for people ([`reminder_step_words`]): "14 days before", "weekly overdue
    /// reminder".
    #[serde(default)]
    pub step_text: String,
    /// How it went out, for people ([`channel_words`]): "desktop notification"; empty
    /// when not delivered.
    #[serde(default)]
    pub channel_text: String,
    /// Who sent it: the product's reminder run ([`REMINDER_TIMER`]).
    #[serde(default)]
    pub by: String,
}

const SELECT: &str = "SELECT l.id, l.agreement_id, a.title, l.event_id, l.step, l.event_date,
        l.due_on, l.label, l.state, l.note, l.claimed_at, l.attempts, l.last_attempt_at,
        l.delivered_at, l.channel, l.failure
    FROM reminder_log l JOIN agreements a ON a.id = l.agreement_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let state: String = r.get(8)?;
    Ok(LogEntry {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        agreement: r.get(2)?,
        event_id: r.get(3)?,
        step: r.get(4)?,
        event_date: date(5)?,
        due_on: date(6)?,
        label: r.get(7)?,
        state: LogState::parse(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                8,
                rusqlite::types::Type::Text,
                format!("unknown reminder state {state}").into(),
            )
        })?,
        note: r.get(9)?,
        claimed_at: r.get(10)?,
        attempts: r.get(11)?,
        last_attempt_at: r.get(12)?,
        delivered_at: r.get(13)?,
        channel: r.get(14)?,
        failure: r.get(15)?,
        step_text: String::new(),
        channel_text: String::new(),
        by: REMINDER_TIMER.to_string(),
    })
    .map(|mut e: LogEntry| {
        e.step_text = reminder_step_words(&e.step);
        e.channel_text = e.channel.as_deref().map(channel_words).unwrap_or_default();
        e
    })
}

/// Every log row, oldest first; only those of agreement `agreement_id` when given.
pub fn entries(conn: &Connection, agreement_id: Option<i64>) -> Result<Vec<LogEntry>> {
    let sql = format!("{SELECT} WHERE ?1 IS NULL OR l.agreement_id = ?1 ORDER BY l.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([agreement_id], row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Reminders not delivered yet: failed ones (with their reason) and claims still open, by
/// event date, agreement id and row id ([`for_each_pending`] collected).
///
/// Errors: SQLite errors.
pub fn pending(conn: &Connection) -> Result<Vec<LogEntry>> {
    let mut out = Vec::new();
    for_each_pending(conn, |e| {
        out.push(e);
        Ok(())
    })?;
    Ok(out)
}

/// How many reminders are not delivered yet (the rows [`for_each_pending`] gives).
///
/// Errors: SQLite errors.
pub fn pending_count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM reminder_log WHERE state IN ('failed', 'claimed')",
        [],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Calls `f` with each reminder not delivered yet, in the order of [`pending`], one row at a
/// time (issue 14 item 1: after a failed first run over 100,000 agreements the log holds
/// about 214,000 failed rows; `renewals remind --pending` prints them without holding them).
///
/// Errors: SQLite errors, or the first error `f` returns (which stops the walk).
pub fn for_each_pending(
    conn: &Connection,
    mut f: impl FnMut(LogEntry) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "{SELECT} WHERE l.state IN ('failed', 'claimed') ORDER BY l.event_date, l.agreement_id, l.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(row(r)?)?;
    }
    Ok(())
}

/// The row of one step, if any.
pub fn entry(
    conn: &Connection,
    agreement_id: i64,
    event_id: &str,
    step: &str,
) -> Result<Option<LogEntry>> {
    let sql = format!("{SELECT} WHERE l.agreement_id = ?1 AND l.event_id = ?2 AND l.step = ?3");
    Ok(conn
        .query_row(&sql, params![agreement_id, event_id, step], row)
        .optional()?)
}

/// The minimal state of a row the planner needs.
#[derive(Debug, Clone)]
pub(crate) struct RowState {
    pub id: i64,
    pub state: LogState,
    pub claimed_at: Option<String>,
    pub failure: Option<String>,
}

/// What the planner needs from the log, without loading every row: per (agreement, event),
/// the latest `due_on` of a step delivered or superseded (every step due no later than that
/// is settled), and the rows still open (failed or claimed), by step key.
///
/// Its size follows the number of events, not the number of rows: after a long gap a
/// register of 10,000 agreements logs hundreds of thousands of settled steps.
#[derive(Debug, Default)]
pub(crate) struct LogIndex {
    /// Latest `due_on` (ISO 8601, compares as text) of a delivered or superseded step.
    pub floors: std::collections::HashMap<(i64, String), String>,
    /// Failed and claimed rows: (agreement, event id) → (step key → state).
    pub open: std::collections::HashMap<(i64, String), std::collections::HashMap<String, RowState>>,
}

/// The [`LogIndex`] of the rows of agreement `agreement_id` only (one query over the
/// log's unique index): a run plans one agreement at a time.
///
/// Errors: SQLite errors; [`Error::Invalid`] for a state the log does not know.
pub(crate) fn log_index_of(conn: &Connection, agreement_id: i64) -> Result<LogIndex> {
    let mut out = LogIndex::default();
    let mut stmt = conn.prepare_cached(
        "SELECT id, event_id, step, state, claimed_at, failure, due_on FROM reminder_log
         WHERE agreement_id = ?1",
    )?;
    let mut rows = stmt.query([agreement_id])?;
    while let Some(r) = rows.next()? {
        let state: String = r.get(3)?;
        let state = LogState::parse(&state).ok_or_else(|| Error::Invalid {
            field: "reminder_log.state".to_string(),
            message: format!("unknown state {state}"),
        })?;
        let key = (agreement_id, r.get::<_, String>(1)?);
        match state {
            LogState::Delivered | LogState::Superseded => {
                // The text maximum, as `MAX(due_on)` (ISO 8601 dates compare as text).
                let due: String = r.get(6)?;
                let floor = out.floors.entry(key).or_default();
                if due > *floor {
                    *floor = due;
                }
            }
            LogState::Failed | LogState::Claimed => {
                out.open.entry(key).or_default().insert(
                    r.get(2)?,
                    RowState {
                        id: r.get(0)?,
                        state,
                        claimed_at: r.get(4)?,
                        failure: r.get(5)?,
                    },
                );
            }
        }
    }
    Ok(out)
}

/// The ids of the agreements with rows in the log, ascending (a first run over a register
/// looks up no agreement's rows).
pub(crate) fn agreements_with_rows(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT agreement_id FROM reminder_log ORDER BY agreement_id")?;
    let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The failed rows of the agreements not in `visited` (ascending ids): (row id, agreement
/// id, event id, step), by agreement, event and step.
pub(crate) fn failures_outside(
    conn: &Connection,
    visited: &[i64],
) -> Result<Vec<(i64, i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, agreement_id, event_id, step FROM reminder_log WHERE state = 'failed'
         ORDER BY agreement_id, event_id, step",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let agreement: i64 = r.get(1)?;
        if visited.binary_search(&agreement).is_err() {
            out.push((r.get(0)?, agreement, r.get(2)?, r.get(3)?));
        }
    }
    Ok(out)
}
