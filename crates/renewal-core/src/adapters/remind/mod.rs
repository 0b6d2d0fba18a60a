//! Reminders (issue 4): the policy, the reminder log and the [`Notifier`] seam.
//!
//! A reminder run ([`run`]) does, for a given `as_of`:
//!
//! 1. assess every agreement and keep the remindable events (open or overdue, not done),
//!    and the internal decide-by date of its open question while it is still ahead
//!    ([`policy::decide_by_remindable`]; issue 16 item 3);
//! 2. for each, compute the due steps of its ladder ([`policy::due_steps`]): the global
//!    ladder ([`crate::adapters::store::Store::global_ladder`]) or the agreement's own, weekly repeats
//!    once overdue, and any snooze;
//! 3. in one `BEGIN IMMEDIATE` transaction, read the log and claim the **latest** due step of
//!    each event (inserting its row; the `UNIQUE (agreement, event, step)` constraint and the
//!    write lock mean two processes never claim the same step), record older unlogged steps
//!    as superseded, and take back failed steps for retry;
//! 4. deliver everything claimed as one notification (a digest when several are due) through
//!    the [`Notifier`], outside the transaction;
//! 5. record each as delivered (when and how) or failed (why): failed ones are retried on
//!    the next run, unless a later step has fallen due by then.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::adapters::import::import_markdown;
//! use renewal_core::adapters::remind::{self, Message, Notifier, NotifyError, Sent};
//! use renewal_core::adapters::store::Store;
//!
//! struct Print;
//! impl Notifier for Print {
//!     fn send(&self, m: &Message) -> Result<Sent, NotifyError> {
//!         println!("{}\n{}", m.summary, m.body);
//!         Ok(Sent { channel: "stdout".into(), id: None })
//!     }
//! }
//!
//! let doc = "# Example Supply Agreement\n\n| Field | Details |\n|---|---|\n\
//! | Effective Date | 1 January 2024 |\n| Term | 3 years (auto-renewal) |\n\n\
//! ## Renewal Terms\n\n- Auto-renewal for 12-month periods\n";
//! let mut store = Store::open_in_memory()?;
//! store.import(&import_markdown("example.md", doc)?)?;
//! let as_of = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
//! let first = remind::run(&mut store, &Print, as_of)?;
//! assert_eq!(first.delivered.len(), 1); // the renewal on 1 January 2027: the 14-day step
//! assert_eq!(first.delivered[0].step.key(), "d14");
//! let again = remind::run(&mut store, &Print, as_of)?;
//! assert!(again.delivered.is_empty()); // each step at most once
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod log;
pub mod message;
pub mod notifier;
pub mod policy;
mod store;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, TransactionBehavior};
use serde::Serialize;

pub use log::{LogEntry, LogState};
pub use message::{days_text, Message, MessageAction, Reminder, ReminderAction};
pub use notifier::{ActionInvoked, Notifier, NotifyError, Sent};
pub use policy::{due_steps, DueStep, Ladder, Step, Urgency, DEFAULT_LADDER};
pub use store::NoticeKind;

use crate::adapters::store::{now, Store};
use crate::domain::dates::days_between;
use crate::domain::rules::decision::DECIDE_BY_ID_PREFIX;
use crate::domain::rules::{assess, EventStatus};
use crate::error::Result;

/// What a reminder run did (or, for a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    /// The as-of date of the run (JSON key `today`).
    #[serde(rename = "today")]
    pub as_of: NaiveDate,
    /// Whether nothing was claimed, sent or recorded.
    pub dry_run: bool,
    /// Reminders delivered (dry run: that would be delivered).
    pub delivered: Vec<Reminder>,
    /// Reminders whose delivery failed; kept in the log and retried on the next run.
    pub failed: Vec<Reminder>,
    /// Why delivery failed.
    pub failure: Option<String>,
    /// How the message went out (log `channel`).
    pub channel: Option<String>,
    /// The notification id given by the server.
    pub notification_id: Option<u32>,
    /// The message sent (or that would be sent).
    pub message: Option<Message>,
    /// Steps recorded as superseded: `(agreement title, event label, step, why)`, at most
    /// [`SUPERSEDED_LISTED`] of them (the first); `superseded_count` has them all.
    pub superseded: Vec<(String, String, String, String)>,
    /// How many steps were recorded as superseded.
    pub superseded_count: usize,
    /// Steps claimed by another run that is still delivering them (left alone).
    pub claimed_elsewhere: usize,
}

impl RunReport {
    /// True when no delivery failed.
    pub fn ok(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Longest list of superseded steps a [`RunReport`] carries (a first run over a large
/// register supersedes hundreds of thousands; the count is always exact).
pub const SUPERSEDED_LISTED: usize = 1_000;

/// Keeps every ladder step but only the last two weekly overdue repeats of `steps` (sorted
/// by date): older repeats are settled by the floor of the log once a later step is
/// delivered or superseded, so they need neither memory nor a row each.
fn compact_weekly(steps: &mut Vec<DueStep>) {
    let weekly = steps
        .iter()
        .filter(|s| matches!(s.step, policy::Step::OverdueWeek(_)))
        .count();
    if weekly <= 2 {
        return;
    }
    let mut skip = weekly - 2;
    steps.retain(|s| {
        if skip > 0 && matches!(s.step, policy::Step::OverdueWeek(_)) {
            skip -= 1;
            false
        } else {
            true
        }
    });
}

/// A remindable event and its due steps.
struct EventDue {
    /// `None` once taken for delivery ([`take_reminder`]).
    reminder: Option<Reminder>,
    steps: Vec<DueStep>,
}

/// Events with no reminder now, and why (for superseding their pending failures): only those
/// with open (failed or claimed) rows in the log [`gather`] was given.
type Silenced = HashMap<(i64, String), String>;

/// Events whose due steps were all settled in the log when [`gather`] looked: nothing new,
/// so they were left out (a run over a large register then holds only what changed).
type Settled = std::collections::HashSet<(i64, String)>;

fn gather(
    store: &Store,
    as_of: NaiveDate,
    log: &log::LogIndex,
) -> Result<(Vec<EventDue>, Silenced, Settled)> {
    let global = store.global_ladder()?;
    let ladders = store.agreement_ladders()?;
    let snoozes = store.snoozes()?;
    let mut due = Vec::new();
    let mut silenced = Silenced::new();
    let mut settled = Settled::new();
    // The engine's fields only, one agreement at a time (fast and small with 10,000).
    store.for_each_listed(|stored| {
        let a = &stored.agreement;
        let s = assess(a, as_of);
        let outcome = s.default_outcome(a);
        let ladder = ladders.get(&stored.id).unwrap_or(&global);
        for e in &s.events {
            let key = (stored.id, e.id());
            let snooze = snoozes.get(&key).copied();
            if !policy::is_remindable(e) {
                // Kept only for events with open rows in the log (the only ones it is
                // asked about): every past event of a large register would not fit.
                if log.open.contains_key(&key) {
                    let why = match e.status {
                        EventStatus::Done => "the event was marked done".to_string(),
                        _ => "the event's date has passed".to_string(),
                    };
                    silenced.insert(key, why);
                }
                continue;
            }
            let mut steps = due_steps(
                e.date,
                e.status == EventStatus::Overdue,
                ladder,
                snooze,
                as_of,
            );
            compact_weekly(&mut steps);
            // Nothing new: every due step is settled (delivered or superseded, or due no
            // later than one that is) and no row of this event is open.
            let floor = log.floors.get(&key).map(String::as_str).unwrap_or("");
            if !steps.is_empty()
                && !log.open.contains_key(&key)
                && steps.iter().all(|s| s.due_on.to_string().as_str() <= floor)
            {
                settled.insert(key);
                continue;
            }
            if steps.is_empty() {
                if let Some(u) = snooze.filter(|u| as_of < *u) {
                    if log.open.contains_key(&key) {
                        silenced.insert(key, format!("snoozed until {u}"));
                    }
                }
                continue;
            }
            let Some(last) = steps.last().copied() else {
                continue;
            };
            due.push(EventDue {
                reminder: Some(Reminder {
                    log_id: None,
                    agreement_id: stored.id,
                    agreement: a.title.clone(),
                    event_id: key.1,
                    label: e.label(),
                    kind: e.kind,
                    status: e.status,
                    date: e.date,
                    days_left: e.days_from_today,
                    step: last.step,
                    due_on: last.due_on,
                    default_outcome: outcome.clone(),
                    previous_failure: None,
                    act_by: None,
                }),
                steps,
            });
        }
        // The internal decide-by date of the open question (issue 16 item 3): the same
        // ladder, snooze, claim and log as a dated event, under its own id.
        let decision = s.decision(a);
        match policy::decide_by_remindable(&decision, as_of) {
            Some((key_id, date)) => {
                let key = (stored.id, key_id);
                let snooze = snoozes.get(&key).copied();
                let mut steps = due_steps(date, false, ladder, snooze, as_of);
                compact_weekly(&mut steps);
                let floor = log.floors.get(&key).map(String::as_str).unwrap_or("");
                if !steps.is_empty()
                    && !log.open.contains_key(&key)
                    && steps.iter().all(|s| s.due_on.to_string().as_str() <= floor)
                {
                    settled.insert(key);
                } else if steps.is_empty() {
                    if let Some(u) = snooze.filter(|u| as_of < *u) {
                        if log.open.contains_key(&key) {
                            silenced.insert(key, format!("snoozed until {u}"));
                        }
                    }
                } else if let (Some(last), Some(e), Some(act_by)) =
                    (steps.last().copied(), decision.event(&s), decision.act_by)
                {
                    due.push(EventDue {
                        reminder: Some(Reminder {
                            log_id: None,
                            agreement_id: stored.id,
                            agreement: a.title.clone(),
                            event_id: key.1,
                            label: policy::decide_by_label(&decision, act_by),
                            kind: e.kind,
                            status: EventStatus::Open,
                            date,
                            days_left: days_between(as_of, date),
                            step: last.step,
                            due_on: last.due_on,
                            default_outcome: outcome.clone(),
                            previous_failure: None,
                            act_by: Some(act_by),
                        }),
                        steps,
                    });
                }
            }
            None => {
                // A decide-by date that reminded before: its pending failures go.
                if let Some(id) = decision.event_id.as_deref() {
                    let why = if decision.recorded.is_some() {
                        "a decision was recorded"
                    } else {
                        "the decide-by date has passed or is off"
                    };
                    let key = (stored.id, format!("{DECIDE_BY_ID_PREFIX}{id}"));
                    if log.open.contains_key(&key) {
                        silenced.insert(key, why.to_string());
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok((due, silenced, settled))
}

/// Every reminder due as of `as_of`, one per remindable event with the **latest** due step of
/// its ladder (a catch-up after the laptop was off gives only the latest), whatever the
/// desktop reminder log holds: other channels (email, issue 12) keep their own log.
///
/// Errors: SQLite errors.
#[cfg(feature = "mail")]
pub(crate) fn due_reminders(store: &Store, as_of: NaiveDate) -> Result<Vec<Reminder>> {
    let (due, _, _) = gather(store, as_of, &log::LogIndex::default())?;
    Ok(due.into_iter().filter_map(|d| d.reminder).collect())
}

/// What to write in the claim transaction. Reminders are named by their index in the
/// `due` list given to [`plan`] and the step to deliver, not copied: a first run over a
/// large register claims hundreds of thousands (see [`take_reminder`]).
#[derive(Default)]
struct Plan {
    /// New claims (rows to insert): (index in `due`, the latest due step).
    claim: Vec<(usize, DueStep)>,
    /// Failed or stale rows to take back: (row id, old state, index in `due`, the latest due
    /// step, why the previous attempt failed).
    retry: Vec<(i64, LogState, usize, DueStep, Option<String>)>,
    /// Unlogged older steps to record as superseded: (index in `due`, step).
    supersede_new: Vec<(usize, DueStep)>,
    /// Why, per index in `due` (the later step that supersedes them).
    supersede_note: HashMap<usize, String>,
    /// Failed rows to mark superseded: (row id, note, agreement, label, step).
    supersede_rows: Vec<(i64, String, String, String, String)>,
    /// Claims held by another live run.
    claimed_elsewhere: usize,
}

fn is_stale(claimed_at: Option<&str>, now: DateTime<Utc>) -> bool {
    match claimed_at.and_then(|c| DateTime::parse_from_rfc3339(c).ok()) {
        Some(at) => {
            // Either way round: a claim far in the future means the clock was changed.
            let age = now.signed_duration_since(at.with_timezone(&Utc)).abs();
            age.to_std().is_ok_and(|age| age > log::STALE_CLAIM)
        }
        None => true,
    }
}

fn plan(
    due: &[EventDue],
    silenced: &Silenced,
    settled: Settled,
    index: &log::LogIndex,
    now: DateTime<Utc>,
) -> Plan {
    let mut p = Plan::default();
    // Settled events need nothing; their open rows (if a run opened one since) wait.
    let mut handled = settled;
    for (at, ev) in due.iter().enumerate() {
        let Some(r) = ev.reminder.as_ref() else {
            continue;
        };
        let key = (r.agreement_id, r.event_id.clone());
        let empty = HashMap::new();
        let logged = index.open.get(&key).unwrap_or(&empty);
        // Steps falling due no later than one already delivered or superseded are settled
        // (e.g. a step added to the ladder after a later one went out, or the weekly repeats
        // a catch-up superseded): keep only newer ones, or ones still open in the log.
        let floor = index.floors.get(&key).map(String::as_str).unwrap_or("");
        // Only the events with open rows are looked up in `handled` below.
        if index.open.contains_key(&key) {
            handled.insert(key);
        }
        let steps: Vec<DueStep> = ev
            .steps
            .iter()
            .filter(|s| s.due_on.to_string().as_str() > floor || logged.contains_key(&s.step.key()))
            .copied()
            .collect();
        let Some(latest) = steps.last().copied() else {
            continue;
        };
        let latest_key = latest.step.key();
        // The latest due step: claim it, retry it, or leave it.
        match logged.get(&latest_key) {
            None => p.claim.push((at, latest)),
            Some(row) => match row.state {
                LogState::Delivered | LogState::Superseded => {}
                LogState::Failed => {
                    p.retry
                        .push((row.id, LogState::Failed, at, latest, row.failure.clone()));
                }
                LogState::Claimed => {
                    if is_stale(row.claimed_at.as_deref(), now) {
                        p.retry.push((
                            row.id,
                            LogState::Claimed,
                            at,
                            latest,
                            Some(
                                "interrupted: a run claimed it but never confirmed delivery"
                                    .to_string(),
                            ),
                        ));
                    } else {
                        p.claimed_elsewhere += 1;
                    }
                }
            },
        }
        // Older steps: superseded by the latest (catch-up delivers only the latest); of the
        // weekly repeats only the last before it gets a row (it settles the earlier ones).
        let note = format!("superseded by the later step {latest_key}");
        let older = &steps[..steps.len().saturating_sub(1)];
        let last_weekly = older
            .iter()
            .rposition(|s| matches!(s.step, policy::Step::OverdueWeek(_)));
        for (i, s) in older.iter().enumerate() {
            match logged.get(&s.step.key()) {
                None if matches!(s.step, policy::Step::OverdueWeek(_))
                    && Some(i) != last_weekly => {}
                None => {
                    p.supersede_new.push((at, *s));
                    p.supersede_note.entry(at).or_insert_with(|| note.clone());
                }
                Some(row) if row.state == LogState::Failed => p.supersede_rows.push((
                    row.id,
                    note.clone(),
                    r.agreement.clone(),
                    r.label.clone(),
                    s.step.key(),
                )),
                Some(_) => {}
            }
        }
        // Failed steps outside the current ladder (e.g. a ladder was changed) also go.
        for (step, row) in logged {
            if row.state == LogState::Failed
                && *step != latest_key
                && !steps.iter().any(|s| s.step.key() == *step)
            {
                p.supersede_rows.push((
                    row.id,
                    format!("no longer due; {note}"),
                    r.agreement.clone(),
                    r.label.clone(),
                    step.clone(),
                ));
            }
        }
    }
    // Pending failures of events that no longer remind (done, passed, snoozed, gone), by
    // agreement, event and step (the report lists them in this order).
    let mut left: Vec<(&(i64, String), &String, &log::RowState)> = index
        .open
        .iter()
        .filter(|(key, _)| !handled.contains(*key))
        .flat_map(|(key, steps)| steps.iter().map(move |(step, row)| (key, step, row)))
        .filter(|(_, _, row)| row.state == LogState::Failed)
        .collect();
    left.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (key, step, row) in left {
        let why = silenced
            .get(key)
            .cloned()
            .unwrap_or_else(|| "the event is no longer computed".to_string());
        p.supersede_rows
            .push((row.id, why, String::new(), key.1.clone(), step.clone()));
    }
    p
}

fn claim_token() -> String {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    format!("pid {} run {nanos:x}", std::process::id())
}

/// What [`run`] or [`preview`] would do on `as_of`, without writing anything: the reminders
/// that would be delivered (retries included) and the steps that would be superseded.
pub fn preview(store: &Store, as_of: NaiveDate) -> Result<RunReport> {
    let mut report = preview_without_message(store, as_of)?;
    report.message = Message::for_reminders(&report.delivered);
    Ok(report)
}

/// The report of [`preview`] as pretty JSON (two-space indent, no final newline) written to
/// `out`: the same bytes as `serde_json::to_string_pretty(&preview(store, as_of)?)`, with
/// each reminder held once (the message's `reminders` are the report's `delivered`, not a
/// copy; `remind --dry-run --json` over a large register).
///
/// Errors: SQLite errors; [`crate::Error::Json`] when `out` cannot be written (its I/O
/// error kind is kept: `serde_json::Error::io_error_kind`).
pub fn write_preview_json<W: std::io::Write>(
    store: &Store,
    as_of: NaiveDate,
    out: W,
) -> Result<()> {
    /// [`Message`] borrowing its reminders.
    #[derive(Serialize)]
    struct MessageView<'a> {
        summary: &'a str,
        body: &'a str,
        urgency: Urgency,
        actions: &'a [MessageAction],
        reminders: &'a [Reminder],
    }
    /// [`RunReport`] borrowing its parts (same keys, same order).
    #[derive(Serialize)]
    struct ReportView<'a> {
        today: NaiveDate,
        dry_run: bool,
        delivered: &'a [Reminder],
        failed: &'a [Reminder],
        failure: &'a Option<String>,
        channel: &'a Option<String>,
        notification_id: Option<u32>,
        message: Option<MessageView<'a>>,
        superseded: &'a [(String, String, String, String)],
        superseded_count: usize,
        claimed_elsewhere: usize,
    }
    let r = preview_without_message(store, as_of)?;
    let m = Message::without_reminders(&r.delivered);
    let view = ReportView {
        today: r.as_of,
        dry_run: r.dry_run,
        delivered: &r.delivered,
        failed: &r.failed,
        failure: &r.failure,
        channel: &r.channel,
        notification_id: r.notification_id,
        message: m.as_ref().map(|m| MessageView {
            summary: &m.summary,
            body: &m.body,
            urgency: m.urgency,
            actions: &m.actions,
            reminders: &r.delivered,
        }),
        superseded: &r.superseded,
        superseded_count: r.superseded_count,
        claimed_elsewhere: r.claimed_elsewhere,
    };
    serde_json::to_writer_pretty(out, &view)?;
    Ok(())
}

/// [`preview`] without its message.
fn preview_without_message(store: &Store, as_of: NaiveDate) -> Result<RunReport> {
    let index = log::log_index(store.conn())?;
    let (mut due, silenced, settled) = gather(store, as_of, &index)?;
    let p = plan(&due, &silenced, settled, &index, Utc::now());
    drop(index);
    let superseded = superseded_list(&due, &p);
    let superseded_count = p.supersede_new.len() + p.supersede_rows.len();
    let mut delivered: Vec<Reminder> = p
        .claim
        .iter()
        .map(|&(at, step)| (at, step, None))
        .chain(
            p.retry
                .into_iter()
                .map(|(_, _, at, step, failure)| (at, step, failure)),
        )
        .filter_map(|(at, step, failure)| take_reminder(&mut due, at, step, failure))
        .collect();
    drop(due);
    delivered
        .sort_by(|a, b| (a.date, &a.agreement, &a.label).cmp(&(b.date, &b.agreement, &b.label)));
    Ok(RunReport {
        as_of,
        dry_run: true,
        message: None,
        delivered,
        failed: Vec::new(),
        failure: None,
        channel: None,
        notification_id: None,
        superseded,
        superseded_count,
        claimed_elsewhere: p.claimed_elsewhere,
    })
}

/// Moves the reminder of `due[at]` out (each event is claimed or retried at most once, so
/// each is taken at most once), set to deliver `step`, with `previous_failure`. `None` when
/// `at` is out of range or already taken.
fn take_reminder(
    due: &mut [EventDue],
    at: usize,
    step: DueStep,
    previous_failure: Option<String>,
) -> Option<Reminder> {
    let mut r = due.get_mut(at)?.reminder.take()?;
    r.step = step.step;
    r.due_on = step.due_on;
    r.previous_failure = previous_failure;
    Some(r)
}

/// The first [`SUPERSEDED_LISTED`] superseded steps of `p`, for the report.
fn superseded_list(due: &[EventDue], p: &Plan) -> Vec<(String, String, String, String)> {
    p.supersede_new
        .iter()
        .filter_map(|(at, s)| {
            let r = due.get(*at)?.reminder.as_ref()?;
            Some((
                r.agreement.clone(),
                r.label.clone(),
                s.step.key(),
                p.supersede_note.get(at).cloned().unwrap_or_default(),
            ))
        })
        .chain(
            p.supersede_rows
                .iter()
                .map(|(_, n, a, l, s)| (a.clone(), l.clone(), s.clone(), n.clone())),
        )
        .take(SUPERSEDED_LISTED)
        .collect()
}

/// Runs reminders for `as_of`: claims what is due, delivers it through `notifier` (one
/// message; a digest when several are due) and records the outcome. See the module docs.
///
/// A delivery failure is not an error: the reminders are recorded as failed with the reason
/// and listed in [`RunReport::failed`]. Errors are database errors only.
pub fn run(store: &mut Store, notifier: &dyn Notifier, as_of: NaiveDate) -> Result<RunReport> {
    // A first look at the log leaves out events with nothing new; the claim transaction
    // below reads it again (settled dates only grow, so what was left out stays settled).
    let snapshot = log::log_index(store.conn())?;
    // (The reasons for superseding failures of events that no longer remind are gathered for
    // the events open in this snapshot: a row a concurrent run opens and fails in between
    // is superseded, if at all, as "no longer computed".)
    let (mut due, silenced, settled) = gather(store, as_of, &snapshot)?;
    drop(snapshot);
    let token = claim_token();
    let at = now();
    // Claim in one IMMEDIATE transaction: the write lock is taken before the log is read, so
    // a concurrent run waits (busy timeout) and then sees these claims.
    let conn = store.conn_mut();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let index = log::log_index(&tx)?;
    let p = plan(&due, &silenced, settled, &index, Utc::now());
    // (index in `due`, step, previous failure, log row id) of each claim made.
    let mut claimed_at: Vec<(usize, DueStep, Option<String>, i64)> = Vec::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO reminder_log(agreement_id, event_id, step, event_date, due_on, label,
                                      state, note, claimed_by, claimed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(agreement_id, event_id, step) DO NOTHING",
        )?;
        for &(i, step) in &p.claim {
            let Some(r) = due.get(i).and_then(|d| d.reminder.as_ref()) else {
                continue;
            };
            let n = insert.execute(params![
                r.agreement_id,
                r.event_id,
                step.step.key(),
                r.date.to_string(),
                step.due_on.to_string(),
                r.label,
                LogState::Claimed.as_str(),
                Option::<String>::None,
                token,
                at
            ])?;
            if n == 1 {
                claimed_at.push((i, step, None, tx.last_insert_rowid()));
            }
        }
        for (i, s) in &p.supersede_new {
            let Some(r) = due.get(*i).and_then(|d| d.reminder.as_ref()) else {
                continue;
            };
            insert.execute(params![
                r.agreement_id,
                r.event_id,
                s.step.key(),
                r.date.to_string(),
                s.due_on.to_string(),
                r.label,
                LogState::Superseded.as_str(),
                p.supersede_note.get(i),
                Option::<String>::None,
                at
            ])?;
        }
        let mut retake = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'claimed', claimed_by = ?2, claimed_at = ?3
             WHERE id = ?1 AND state = ?4",
        )?;
        for (id, old, i, step, failure) in &p.retry {
            if retake.execute(params![id, token, at, old.as_str()])? == 1 {
                claimed_at.push((*i, *step, failure.clone(), *id));
            }
        }
        let mut supersede = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'superseded', note = ?2 WHERE id = ?1 AND state = 'failed'",
        )?;
        for (id, note, ..) in &p.supersede_rows {
            supersede.execute(params![id, note])?;
        }
    }
    tx.commit()?;
    let superseded = superseded_list(&due, &p);
    let superseded_count = p.supersede_new.len() + p.supersede_rows.len();
    let claimed_elsewhere = p.claimed_elsewhere;
    drop(p);
    let mut claimed: Vec<Reminder> = claimed_at
        .into_iter()
        .filter_map(|(i, step, failure, log_id)| {
            let mut r = take_reminder(&mut due, i, step, failure)?;
            r.log_id = Some(log_id);
            Some(r)
        })
        .collect();
    drop(due);
    claimed.sort_by(|a, b| (a.date, &a.agreement, &a.label).cmp(&(b.date, &b.agreement, &b.label)));

    let mut report = RunReport {
        as_of,
        dry_run: false,
        delivered: Vec::new(),
        failed: Vec::new(),
        failure: None,
        channel: None,
        notification_id: None,
        message: None,
        superseded,
        superseded_count,
        claimed_elsewhere,
    };
    let Some(message) = Message::for_reminders(&claimed) else {
        return Ok(report);
    };
    let outcome = notifier.send(&message);
    let at = now();
    let conn = store.conn_mut();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut done = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'delivered', delivered_at = ?3, last_attempt_at = ?3,
                    channel = ?4, failure = NULL, attempts = attempts + 1
             WHERE id = ?1 AND claimed_by = ?2 AND state = 'claimed'",
        )?;
        let mut fail = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'failed', last_attempt_at = ?3, failure = ?4,
                    attempts = attempts + 1
             WHERE id = ?1 AND claimed_by = ?2 AND state = 'claimed'",
        )?;
        for r in &claimed {
            match &outcome {
                Ok(sent) => done.execute(params![r.log_id, token, at, sent.channel])?,
                Err(e) => fail.execute(params![r.log_id, token, at, e.to_string()])?,
            };
        }
    }
    tx.commit()?;
    match outcome {
        Ok(sent) => {
            report.channel = Some(sent.channel);
            report.notification_id = sent.id;
            report.delivered = claimed;
        }
        Err(e) => {
            report.failure = Some(e.to_string());
            report.failed = claimed;
        }
    }
    report.message = Some(message);
    Ok(report)
}

/// Applies a notification button to the reminders of a delivered message: snooze them for
/// the button's days from `as_of`, mark the event done, or — for
/// [`ReminderAction::OpenBrief`] — nothing (the caller opens the brief). Each change is
/// recorded in the history as made by the store's actor (the person at the desktop: the
/// operating-system user) "(from a reminder notification)".
///
/// `as_of` is the date of the reminder run that delivered the message; a run is made as of
/// the real date (the app's clock, the systemd timer), so "done" is recorded as done on
/// the day the button was clicked.
pub fn apply_action(
    store: &mut Store,
    reminders: &[Reminder],
    action: ReminderAction,
    as_of: NaiveDate,
) -> Result<()> {
    let person = store.actor().to_string();
    store.set_actor(&format!("{person} (from a reminder notification)"));
    let result = apply_each(store, reminders, action, as_of);
    store.set_actor(&person);
    result
}

fn apply_each(
    store: &mut Store,
    reminders: &[Reminder],
    action: ReminderAction,
    as_of: NaiveDate,
) -> Result<()> {
    for r in reminders {
        match action {
            ReminderAction::OpenBrief => {}
            ReminderAction::Snooze { days } => {
                store.snooze(r.agreement_id, &r.event_id, days, as_of)?;
            }
            // A decide-by date is not an event to mark done: recording the decision ends
            // its reminders (its message offers no "Mark done").
            ReminderAction::MarkDone if r.act_by.is_some() => {}
            ReminderAction::MarkDone => {
                store.mark_done(
                    r.agreement_id,
                    &r.event_id,
                    as_of,
                    "marked done from a reminder notification",
                    as_of,
                )?;
            }
        }
    }
    Ok(())
}
