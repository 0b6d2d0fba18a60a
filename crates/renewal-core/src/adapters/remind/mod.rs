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
//!
//!    steps 1–3 go **one agreement at a time** (issue 14 item 1: a first run over 100,000
//!    agreements claims about 214,000 reminders and supersedes 1.2 million older steps):
//!    the events due are kept in a temporary file between step 1 and the transaction, each
//!    agreement's log rows are read on their own (an event's claim depends only on its own
//!    rows), and the reminders claimed are sorted on disk ([`SpooledReport`]); the report
//!    lists the first [`SUPERSEDED_LISTED`] superseded steps and counts them all;
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
mod spool;
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
use spool::{RecordSpool, ReminderSpool, Spooled};

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

/// How many times the record of a sent message is tried while another writer holds the
/// database (each attempt waits up to the store's busy timeout, 10 s): about a minute.
pub const RECORD_ATTEMPTS: u32 = 6;

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

/// The ladders and snoozes a run applies (every agreement's override: set by hand, few).
struct Ladders {
    global: Ladder,
    ladders: HashMap<i64, Ladder>,
    snoozes: HashMap<(i64, String), NaiveDate>,
}

impl Ladders {
    fn load(store: &Store) -> Result<Ladders> {
        Ok(Ladders {
            global: store.global_ladder()?,
            ladders: store.agreement_ladders()?,
            snoozes: store.snoozes()?,
        })
    }
}

/// What [`gather_one`] finds in one agreement, with the log rows it was looked at with.
#[derive(Default)]
struct Gathered {
    due: Vec<EventDue>,
    silenced: Silenced,
    settled: Settled,
    index: log::LogIndex,
}

impl Gathered {
    fn is_empty(&self) -> bool {
        self.due.is_empty() && self.silenced.is_empty() && self.settled.is_empty()
    }
}

/// Every agreement's remindable events and their due steps, in the store's order (by
/// id), given to `f` one agreement at a time with its log rows
/// ([`log::log_index_of`]); an agreement with nothing to remind, nothing settled and no
/// open row for an event that stopped reminding is skipped. With `use_log` false the log
/// is not read (every due step is new).
fn walk(
    store: &Store,
    as_of: NaiveDate,
    use_log: bool,
    mut f: impl FnMut(i64, Gathered) -> Result<()>,
) -> Result<()> {
    let ctx = Ladders::load(store)?;
    let with_rows = if use_log {
        log::agreements_with_rows(store.conn())?
    } else {
        Vec::new()
    };
    // The engine's fields only, one agreement at a time.
    store.for_each_listed(|stored| {
        let mut g = Gathered::default();
        if with_rows.binary_search(&stored.id).is_ok() {
            g.index = log::log_index_of(store.conn(), stored.id)?;
        }
        gather_one(&stored, as_of, &ctx, &mut g);
        if g.is_empty() {
            return Ok(());
        }
        f(stored.id, g)
    })
}

/// The remindable events of `stored` as of `as_of` with their due steps (into `g.due`), the
/// events settled in `g.index` (nothing new) and why events with open rows there no longer
/// remind.
fn gather_one(
    stored: &crate::adapters::store::ListedAgreement,
    as_of: NaiveDate,
    ctx: &Ladders,
    g: &mut Gathered,
) {
    let (global, ladders, snoozes) = (&ctx.global, &ctx.ladders, &ctx.snoozes);
    let log = &g.index;
    let (due, silenced, settled) = (&mut g.due, &mut g.silenced, &mut g.settled);
    {
        let a = &stored.agreement;
        let s = assess(a, as_of);
        let outcome = s.default_outcome(a);
        let ladder = ladders.get(&stored.id).unwrap_or(global);
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
    }
}

/// Calls `f` with every reminder due as of `as_of`, agreement by agreement, one per
/// remindable event with the **latest** due step of its ladder (a catch-up after the laptop
/// was off gives only the latest), whatever the desktop reminder log holds: other channels
/// (email, issue 12) keep their own log. One agreement's reminders are held at a time.
///
/// Errors: SQLite errors, or the first error `f` returns (which stops the walk).
#[cfg(feature = "mail")]
pub(crate) fn for_each_due_reminder(
    store: &Store,
    as_of: NaiveDate,
    mut f: impl FnMut(Reminder) -> Result<()>,
) -> Result<()> {
    walk(store, as_of, false, |_, g| {
        g.due
            .into_iter()
            .filter_map(|d| d.reminder)
            .try_for_each(&mut f)
    })
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
    /// Failed rows to mark superseded: (row id, note, agreement, label, step). From
    /// `left_from` on, those of events that no longer remind: (row id, why, "", event id,
    /// step), by event and step.
    supersede_rows: Vec<(i64, String, String, String, String)>,
    /// Where the rows of events that no longer remind start in `supersede_rows`.
    left_from: usize,
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
    p.left_from = p.supersede_rows.len();
    for (key, step, row) in left {
        let why = silenced
            .get(key)
            .cloned()
            .unwrap_or_else(|| NO_LONGER_COMPUTED.to_string());
        p.supersede_rows
            .push((row.id, why, String::new(), key.1.clone(), step.clone()));
    }
    p
}

fn claim_token() -> String {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    format!("pid {} run {nanos:x}", std::process::id())
}

/// One of the superseded steps a report lists: (agreement title, event label, step, why);
/// for a failed row of an event that no longer reminds, ("", event id, step, why).
type SupersededItem = (String, String, String, String);

/// What a run over the register gathers as it plans one agreement at a time: the
/// reminders to deliver (on disk, sorted), the first superseded steps and the counts.
struct Walked {
    reminders: ReminderSpool,
    /// Due events planned so far (the planning order of the next agreement's first event).
    seq: u64,
    /// The first older steps superseded by a later one (new rows), in planning order.
    new_listed: Vec<SupersededItem>,
    /// The first failed rows superseded by a later step of their event, in planning order.
    rows_listed: Vec<SupersededItem>,
    /// The failed rows of events that no longer remind with the smallest (agreement id,
    /// event id, step), at most 2 × [`SUPERSEDED_LISTED`] before [`Walked::prune`].
    left_listed: Vec<((i64, String, String), SupersededItem)>,
    superseded_count: usize,
    claimed_elsewhere: usize,
    /// The agreements planned (ascending ids): the failed rows of the others are
    /// superseded as no longer computed ([`log::failures_outside`]).
    visited: Vec<i64>,
}

impl Walked {
    fn new(chunk: usize) -> Walked {
        Walked {
            reminders: ReminderSpool::new(chunk),
            seq: 0,
            new_listed: Vec::new(),
            rows_listed: Vec::new(),
            left_listed: Vec::new(),
            superseded_count: 0,
            claimed_elsewhere: 0,
            visited: Vec::new(),
        }
    }

    /// Counts and lists the superseded steps of the plan `p` of agreement `id` (whose due
    /// events are `due`, none taken yet).
    fn note(&mut self, id: i64, due: &[EventDue], p: &Plan) {
        self.superseded_count += p.supersede_new.len() + p.supersede_rows.len();
        self.claimed_elsewhere += p.claimed_elsewhere;
        for (at, s) in &p.supersede_new {
            if self.new_listed.len() >= SUPERSEDED_LISTED {
                break;
            }
            if let Some(r) = due.get(*at).and_then(|d| d.reminder.as_ref()) {
                self.new_listed.push((
                    r.agreement.clone(),
                    r.label.clone(),
                    s.step.key(),
                    p.supersede_note.get(at).cloned().unwrap_or_default(),
                ));
            }
        }
        for (i, (_, n, a, l, s)) in p.supersede_rows.iter().enumerate() {
            if i < p.left_from {
                if self.rows_listed.len() < SUPERSEDED_LISTED {
                    self.rows_listed
                        .push((a.clone(), l.clone(), s.clone(), n.clone()));
                }
            } else {
                self.left(id, l, s, n);
            }
        }
    }

    /// Lists a failed row of an event that no longer reminds (the smallest keys are kept).
    fn left(&mut self, id: i64, event: &str, step: &str, why: &str) {
        self.left_listed.push((
            (id, event.to_string(), step.to_string()),
            (
                String::new(),
                event.to_string(),
                step.to_string(),
                why.to_string(),
            ),
        ));
        if self.left_listed.len() >= 2 * SUPERSEDED_LISTED {
            self.prune();
        }
    }

    fn prune(&mut self) {
        self.left_listed.sort_by(|a, b| a.0.cmp(&b.0));
        self.left_listed.truncate(SUPERSEDED_LISTED);
    }

    /// The first [`SUPERSEDED_LISTED`] superseded steps, in the report's order: older steps
    /// (new rows), failed rows superseded by a later step, then failed rows of events that
    /// no longer remind by agreement, event and step.
    fn superseded(&mut self) -> Vec<SupersededItem> {
        self.prune();
        std::mem::take(&mut self.new_listed)
            .into_iter()
            .chain(std::mem::take(&mut self.rows_listed))
            .chain(
                std::mem::take(&mut self.left_listed)
                    .into_iter()
                    .map(|(_, x)| x),
            )
            .take(SUPERSEDED_LISTED)
            .collect()
    }

    /// Spools the reminder of `due[at]` (see [`take_reminder`]) as a new claim (`class` 0)
    /// or a retry (1).
    fn take(
        &mut self,
        due: &mut [EventDue],
        base: u64,
        class: u8,
        (at, step, failure, log_id): (usize, DueStep, Option<String>, Option<i64>),
    ) -> Result<()> {
        if let Some(mut r) = take_reminder(due, at, step, failure) {
            r.log_id = log_id;
            self.reminders.push(Spooled {
                class,
                seq: base + at as u64,
                reminder: r,
            })?;
        }
        Ok(())
    }
}

/// One agreement's events found due before the claim transaction (kept on disk between
/// the two).
#[derive(Serialize, serde::Deserialize)]
struct AgreementDue {
    id: i64,
    due: Vec<(Reminder, Vec<DueStep>)>,
    silenced: Vec<(String, String)>,
    settled: Vec<String>,
}

impl AgreementDue {
    fn new(id: i64, g: Gathered) -> AgreementDue {
        AgreementDue {
            id,
            due: g
                .due
                .into_iter()
                .filter_map(|d| Some((d.reminder?, d.steps)))
                .collect(),
            silenced: g.silenced.into_iter().map(|((_, e), w)| (e, w)).collect(),
            settled: g.settled.into_iter().map(|(_, e)| e).collect(),
        }
    }

    /// Back to what [`plan`] takes.
    fn parts(self) -> (Vec<EventDue>, Silenced, Settled) {
        let id = self.id;
        (
            self.due
                .into_iter()
                .map(|(r, steps)| EventDue {
                    reminder: Some(r),
                    steps,
                })
                .collect(),
            self.silenced
                .into_iter()
                .map(|(e, w)| ((id, e), w))
                .collect(),
            self.settled.into_iter().map(|e| (id, e)).collect(),
        )
    }
}

/// An older step to record as superseded (inserted after every claim, as the log always
/// had them).
#[derive(Serialize, serde::Deserialize)]
struct NewSuperseded {
    agreement_id: i64,
    event_id: String,
    step: String,
    event_date: NaiveDate,
    due_on: NaiveDate,
    label: String,
    note: Option<String>,
}

/// What [`run`] or [`preview`] did or would do, with its reminders kept in a temporary file
/// (removed when dropped) instead of in memory: a run over a large register (issue 14 item
/// 1: a first run over 100,000 agreements claims about 214,000 reminders). Its
/// [`RunReport`] is [`SpooledReport::into_report`]; [`SpooledReport::write_json`] prints
/// it without holding it.
pub struct SpooledReport {
    /// The as-of date of the run.
    pub as_of: NaiveDate,
    /// Whether nothing was claimed, sent or recorded.
    pub dry_run: bool,
    reminders: ReminderSpool,
    /// Why delivery failed (then the reminders are the report's `failed`, else its
    /// `delivered`).
    pub failure: Option<String>,
    /// How the message went out (log `channel`).
    pub channel: Option<String>,
    /// The notification id given by the server.
    pub notification_id: Option<u32>,
    /// The message sent (or that would be sent), **with an empty `reminders`**: they are
    /// the report's ([`SpooledReport::for_each_reminder`]).
    pub message: Option<Message>,
    /// As [`RunReport::superseded`]: the first [`SUPERSEDED_LISTED`].
    pub superseded: Vec<(String, String, String, String)>,
    /// How many steps were recorded (or would be) as superseded.
    pub superseded_count: usize,
    /// Steps claimed by another run that is still delivering them (left alone).
    pub claimed_elsewhere: usize,
}

impl std::fmt::Debug for SpooledReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpooledReport")
            .field("as_of", &self.as_of)
            .field("dry_run", &self.dry_run)
            .field("reminders", &self.reminders.len())
            .field("failure", &self.failure)
            .field("superseded_count", &self.superseded_count)
            .finish_non_exhaustive()
    }
}

impl SpooledReport {
    /// How many reminders were delivered, failed, or (dry run) would be delivered.
    pub fn reminder_count(&self) -> usize {
        self.reminders.len()
    }

    /// How many were delivered (dry run: would be).
    pub fn delivered_count(&self) -> usize {
        if self.failure.is_none() {
            self.reminders.len()
        } else {
            0
        }
    }

    /// How many could not be delivered (kept for the next run).
    pub fn failed_count(&self) -> usize {
        if self.failure.is_some() {
            self.reminders.len()
        } else {
            0
        }
    }

    /// True when no delivery failed ([`RunReport::ok`]).
    pub fn ok(&self) -> bool {
        self.failed_count() == 0
    }

    /// Calls `f` with each reminder, in the report's order (date, agreement, label); stops
    /// at `f`'s first error.
    ///
    /// Errors: the temporary file cannot be read back ([`crate::Error::Io`]), or `f`'s.
    pub fn for_each_reminder(&self, f: impl FnMut(Reminder) -> Result<()>) -> Result<()> {
        self.reminders.for_each(f)
    }

    /// The whole [`RunReport`] (every reminder in memory, twice: `delivered` or `failed`,
    /// and the message's `reminders`).
    ///
    /// Errors: the temporary file cannot be read back.
    pub fn into_report(self) -> Result<RunReport> {
        let mut list = Vec::with_capacity(self.reminders.len());
        self.reminders.for_each(|r| {
            list.push(r);
            Ok(())
        })?;
        let message = self.message.map(|mut m| {
            m.reminders = list.clone();
            m
        });
        let (delivered, failed) = if self.failure.is_some() {
            (Vec::new(), list)
        } else {
            (list, Vec::new())
        };
        Ok(RunReport {
            as_of: self.as_of,
            dry_run: self.dry_run,
            delivered,
            failed,
            failure: self.failure,
            channel: self.channel,
            notification_id: self.notification_id,
            message,
            superseded: self.superseded,
            superseded_count: self.superseded_count,
            claimed_elsewhere: self.claimed_elsewhere,
        })
    }

    /// Writes the report as pretty JSON (two-space indent, no final newline) to `out`: the
    /// same bytes as `serde_json::to_writer_pretty(out, &self.into_report()?)`, reading the
    /// reminders back from the file as they are written.
    ///
    /// Errors: [`crate::Error::Json`] when `out` or the temporary file cannot be written or
    /// read (the I/O error kind of `out` is kept: `serde_json::Error::io_error_kind`).
    pub fn write_json<W: std::io::Write>(&self, out: W) -> Result<()> {
        /// [`Message`] with its reminders read from the spool.
        #[derive(Serialize)]
        struct MessageView<'a> {
            summary: &'a str,
            body: &'a str,
            urgency: Urgency,
            actions: &'a [MessageAction],
            reminders: Seq<'a>,
        }
        /// [`RunReport`] with its reminders read from the spool (same keys, same order).
        #[derive(Serialize)]
        struct ReportView<'a> {
            today: NaiveDate,
            dry_run: bool,
            delivered: Seq<'a>,
            failed: Seq<'a>,
            failure: &'a Option<String>,
            channel: &'a Option<String>,
            notification_id: Option<u32>,
            message: Option<MessageView<'a>>,
            superseded: &'a [(String, String, String, String)],
            superseded_count: usize,
            claimed_elsewhere: usize,
        }
        let all = Seq(Some(&self.reminders));
        let (delivered, failed) = if self.failure.is_some() {
            (Seq(None), all)
        } else {
            (all, Seq(None))
        };
        let view = ReportView {
            today: self.as_of,
            dry_run: self.dry_run,
            delivered,
            failed,
            failure: &self.failure,
            channel: &self.channel,
            notification_id: self.notification_id,
            message: self.message.as_ref().map(|m| MessageView {
                summary: &m.summary,
                body: &m.body,
                urgency: m.urgency,
                actions: &m.actions,
                reminders: Seq(Some(&self.reminders)),
            }),
            superseded: &self.superseded,
            superseded_count: self.superseded_count,
            claimed_elsewhere: self.claimed_elsewhere,
        };
        serde_json::to_writer_pretty(out, &view)?;
        Ok(())
    }

    /// [`apply_action`] to every reminder of the report (a digest's "Snooze all"), read
    /// back from the file a batch at a time.
    ///
    /// Errors: those of [`apply_action`]; the temporary file cannot be read back.
    pub fn apply_action(
        &self,
        store: &mut Store,
        action: ReminderAction,
        as_of: NaiveDate,
    ) -> Result<()> {
        const BATCH: usize = 512;
        let mut batch = Vec::with_capacity(BATCH);
        self.reminders.for_each(|r| {
            batch.push(r);
            if batch.len() >= BATCH {
                apply_action(store, &batch, action, as_of)?;
                batch.clear();
            }
            Ok(())
        })?;
        if batch.is_empty() {
            Ok(())
        } else {
            apply_action(store, &batch, action, as_of)
        }
    }
}

/// The spooled reminders as a JSON array (`None`: an empty one).
struct Seq<'a>(Option<&'a ReminderSpool>);

impl Serialize for Seq<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let Some(spool) = self.0 else {
            return serializer.serialize_seq(Some(0))?.end();
        };
        let mut seq = serializer.serialize_seq(Some(spool.len()))?;
        let mut failed: Option<S::Error> = None;
        let walked = spool.for_each(|r| match seq.serialize_element(&r) {
            Ok(()) => Ok(()),
            Err(e) => {
                failed = Some(e);
                Err(crate::Error::Invalid {
                    field: "output".to_string(),
                    message: "write failed".to_string(),
                })
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        walked.map_err(|e| S::Error::custom(e.to_string()))?;
        seq.end()
    }
}

/// What [`run`] would do on `as_of`, without writing anything: the reminders that would be
/// delivered (retries included) and the steps that would be superseded. Holds every
/// reminder ([`preview_spooled`] does not).
///
/// Errors: SQLite errors; [`crate::Error::Io`] for the temporary file.
pub fn preview(store: &Store, as_of: NaiveDate) -> Result<RunReport> {
    preview_spooled(store, as_of)?.into_report()
}

/// [`preview`] in bounded memory: planned one agreement at a time, the reminders kept in a
/// temporary file in the report's order.
///
/// Errors: SQLite errors; [`crate::Error::Io`] for the temporary file.
pub fn preview_spooled(store: &Store, as_of: NaiveDate) -> Result<SpooledReport> {
    preview_with(store, as_of, spool::CHUNK)
}

/// [`preview_spooled`] sorting `chunk` reminders in memory at a time.
fn preview_with(store: &Store, as_of: NaiveDate, chunk: usize) -> Result<SpooledReport> {
    let mut w = Walked::new(chunk);
    let now = Utc::now();
    walk(store, as_of, true, |id, g| {
        w.visited.push(id);
        let Gathered {
            mut due,
            silenced,
            settled,
            index,
        } = g;
        let p = plan(&due, &silenced, settled, &index, now);
        w.note(id, &due, &p);
        let base = w.seq;
        w.seq += due.len() as u64;
        for &(at, step) in &p.claim {
            w.take(&mut due, base, 0, (at, step, None, None))?;
        }
        for (_, _, at, step, failure) in p.retry {
            w.take(&mut due, base, 1, (at, step, failure, None))?;
        }
        Ok(())
    })?;
    for (_, agreement, event, step) in log::failures_outside(store.conn(), &w.visited)? {
        w.superseded_count += 1;
        w.left(agreement, &event, &step, NO_LONGER_COMPUTED);
    }
    w.reminders.finish()?;
    let message = message_of(&w.reminders)?;
    Ok(SpooledReport {
        as_of,
        dry_run: true,
        superseded: w.superseded(),
        superseded_count: w.superseded_count,
        claimed_elsewhere: w.claimed_elsewhere,
        reminders: w.reminders,
        failure: None,
        channel: None,
        notification_id: None,
        message,
    })
}

/// Why a failed row is superseded when its event is not computed any more.
const NO_LONGER_COMPUTED: &str = "the event is no longer computed";

/// The message for the spooled reminders (in the digest's order), without its reminders.
fn message_of(spool: &ReminderSpool) -> Result<Option<Message>> {
    let mut b = message::MessageBuilder::default();
    spool.for_each(|r| {
        b.push(&r);
        Ok(())
    })?;
    Ok(b.finish())
}

/// The report of [`preview`] as pretty JSON (two-space indent, no final newline) written to
/// `out`: the same bytes as `serde_json::to_string_pretty(&preview(store, as_of)?)`, in
/// bounded memory ([`preview_spooled`], [`SpooledReport::write_json`]; `remind --dry-run
/// --json` over a large register).
///
/// Errors: SQLite errors; [`crate::Error::Json`] when `out` cannot be written (its I/O
/// error kind is kept: `serde_json::Error::io_error_kind`).
pub fn write_preview_json<W: std::io::Write>(
    store: &Store,
    as_of: NaiveDate,
    out: W,
) -> Result<()> {
    preview_spooled(store, as_of)?.write_json(out)
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

/// Runs reminders for `as_of`: claims what is due, delivers it through `notifier` (one
/// message; a digest when several are due) and records the outcome. See the module docs.
/// Holds every reminder claimed in its report ([`run_spooled`] does not); the message
/// given to `notifier` carries them all.
///
/// A delivery failure is not an error: the reminders are recorded as failed with the reason
/// and listed in [`RunReport::failed`]. Errors are database errors only (and
/// [`crate::Error::Io`] for the temporary file).
pub fn run(store: &mut Store, notifier: &dyn Notifier, as_of: NaiveDate) -> Result<RunReport> {
    run_with(store, notifier, as_of, spool::CHUNK, true)?.into_report()
}

/// [`run`] in bounded memory (issue 14 item 1): the events due are found one agreement at
/// a time and kept in a temporary file; the claim transaction then plans and writes one
/// agreement at a time (each event's claim depends only on its own rows in the log); the
/// reminders claimed are kept in a temporary file in the report's order. The message given
/// to `notifier` has an empty `reminders` list (the same summary, body, urgency and
/// buttons); the claims, the reminder log and the report are those of [`run`].
///
/// Errors: as [`run`].
pub fn run_spooled(
    store: &mut Store,
    notifier: &dyn Notifier,
    as_of: NaiveDate,
) -> Result<SpooledReport> {
    run_with(store, notifier, as_of, spool::CHUNK, false)
}

/// [`run`] sorting `chunk` reminders in memory at a time; with `full_message`, the message
/// given to `notifier` carries every reminder.
fn run_with(
    store: &mut Store,
    notifier: &dyn Notifier,
    as_of: NaiveDate,
    chunk: usize,
    full_message: bool,
) -> Result<SpooledReport> {
    // A first look at the log (per agreement) leaves out events with nothing new; the claim
    // transaction below reads each agreement's rows again (settled dates only grow, so
    // what was left out stays settled). (The reasons for superseding failures of events
    // that no longer remind are those of this first look: a row a concurrent run opens and
    // fails in between is superseded, if at all, as "no longer computed".)
    let mut found: RecordSpool<AgreementDue> = RecordSpool::new()?;
    walk(store, as_of, true, |id, g| {
        found.push(&AgreementDue::new(id, g))
    })?;
    let token = claim_token();
    let at = now();
    let mut w = Walked::new(chunk);
    // Claim in one IMMEDIATE transaction: the write lock is taken before the log is read, so
    // a concurrent run waits (busy timeout) and then sees these claims. A writer holding the
    // database past the busy timeout (a large import) is waited for, RECORD_ATTEMPTS times.
    let conn = store.conn_mut();
    for attempt in 1..=RECORD_ATTEMPTS {
        match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            // Free now: dropped (rolled back, nothing written) and taken again below.
            Ok(_) => break,
            Err(rusqlite::Error::SqliteFailure(f, _))
                if attempt < RECORD_ATTEMPTS
                    && matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) =>
            {
                tracing::warn!(
                    "claiming reminders: database busy (attempt {attempt} of {RECORD_ATTEMPTS})"
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now_utc = Utc::now();
    {
        let with_rows = log::agreements_with_rows(&tx)?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO reminder_log(agreement_id, event_id, step, event_date, due_on, label,
                                      state, note, claimed_by, claimed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(agreement_id, event_id, step) DO NOTHING",
        )?;
        let mut retake = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'claimed', claimed_by = ?2, claimed_at = ?3
             WHERE id = ?1 AND state = ?4",
        )?;
        let mut supersede = tx.prepare_cached(
            "UPDATE reminder_log SET state = 'superseded', note = ?2 WHERE id = ?1 AND state = 'failed'",
        )?;
        // Older steps to record as superseded: inserted after every claim.
        let mut older: RecordSpool<NewSuperseded> = RecordSpool::new()?;
        found.drain(|rec| {
            let id = rec.id;
            w.visited.push(id);
            let index = if with_rows.binary_search(&id).is_ok() {
                log::log_index_of(&tx, id)?
            } else {
                log::LogIndex::default()
            };
            let (mut due, silenced, settled) = rec.parts();
            let p = plan(&due, &silenced, settled, &index, now_utc);
            w.note(id, &due, &p);
            let base = w.seq;
            w.seq += due.len() as u64;
            // (index in `due`, step, previous failure, log row id) of each claim made.
            let mut claims: Vec<(usize, DueStep, Option<String>, Option<i64>)> = Vec::new();
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
                    claims.push((i, step, None, Some(tx.last_insert_rowid())));
                }
            }
            for (i, s) in &p.supersede_new {
                let Some(r) = due.get(*i).and_then(|d| d.reminder.as_ref()) else {
                    continue;
                };
                older.push(&NewSuperseded {
                    agreement_id: r.agreement_id,
                    event_id: r.event_id.clone(),
                    step: s.step.key(),
                    event_date: r.date,
                    due_on: s.due_on,
                    label: r.label.clone(),
                    note: p.supersede_note.get(i).cloned(),
                })?;
            }
            let mut retries: Vec<(usize, DueStep, Option<String>, Option<i64>)> = Vec::new();
            for (row, old, i, step, failure) in &p.retry {
                if retake.execute(params![row, token, at, old.as_str()])? == 1 {
                    retries.push((*i, *step, failure.clone(), Some(*row)));
                }
            }
            for (row, note, ..) in &p.supersede_rows {
                supersede.execute(params![row, note])?;
            }
            for c in claims {
                w.take(&mut due, base, 0, c)?;
            }
            for c in retries {
                w.take(&mut due, base, 1, c)?;
            }
            Ok(())
        })?;
        for (row, agreement, event, step) in log::failures_outside(&tx, &w.visited)? {
            supersede.execute(params![row, NO_LONGER_COMPUTED])?;
            w.superseded_count += 1;
            w.left(agreement, &event, &step, NO_LONGER_COMPUTED);
        }
        older.drain(|s| {
            insert.execute(params![
                s.agreement_id,
                s.event_id,
                s.step,
                s.event_date.to_string(),
                s.due_on.to_string(),
                s.label,
                LogState::Superseded.as_str(),
                s.note,
                Option::<String>::None,
                at
            ])?;
            Ok(())
        })?;
    }
    tx.commit()?;
    w.reminders.finish()?;
    let mut report = SpooledReport {
        as_of,
        dry_run: false,
        superseded: w.superseded(),
        superseded_count: w.superseded_count,
        claimed_elsewhere: w.claimed_elsewhere,
        reminders: w.reminders,
        failure: None,
        channel: None,
        notification_id: None,
        message: None,
    };
    let Some(message) = message_of(&report.reminders)? else {
        return Ok(report);
    };
    let outcome = if full_message {
        let mut whole = message.clone();
        report.reminders.for_each(|r| {
            whole.reminders.push(r);
            Ok(())
        })?;
        notifier.send(&whole)
    } else {
        notifier.send(&message)
    };
    let at = now();
    // The message is out: what happened must be recorded, or its claims would be taken
    // over as interrupted and the reminders shown again. A writer holding the database
    // longer than the busy timeout (a large import) is waited for, RECORD_ATTEMPTS times.
    let record = |conn: &mut rusqlite::Connection| -> Result<()> {
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
            report.reminders.for_each(|r| {
                match &outcome {
                    Ok(sent) => done.execute(params![r.log_id, token, at, sent.channel])?,
                    Err(e) => fail.execute(params![r.log_id, token, at, e.to_string()])?,
                };
                Ok(())
            })?;
        }
        tx.commit()?;
        Ok(())
    };
    let mut attempt = 1;
    loop {
        match record(store.conn_mut()) {
            Err(e) if crate::adapters::store::is_busy(&e) && attempt < RECORD_ATTEMPTS => {
                tracing::warn!(
                    "recording delivered reminders: database busy (attempt {attempt} of {RECORD_ATTEMPTS}): {e}"
                );
                attempt += 1;
            }
            other => break other?,
        }
    }
    match outcome {
        Ok(sent) => {
            report.channel = Some(sent.channel);
            report.notification_id = sent.id;
        }
        Err(e) => report.failure = Some(e.to_string()),
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

#[cfg(test)]
mod spooled_tests {
    //! Issue 14 item 1: a run planned one agreement at a time, its reminders sorted on disk
    //! in chunks, gives the same report and log whatever the chunk size.
    use super::*;
    use crate::adapters::import::import_markdown;
    use crate::services::samples::generate_document;
    use std::cell::RefCell;

    fn register(n: usize) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..n)
            .map(|i| import_markdown(&format!("g{i}.md"), &generate_document(i)).unwrap())
            .collect();
        for r in store.import_batch(&docs).unwrap() {
            r.unwrap();
        }
        store
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Fails while `fail` holds a reason; counts the reminders of each message.
    struct Outbox {
        fail: RefCell<Option<String>>,
        carried: RefCell<Vec<usize>>,
    }

    impl Notifier for Outbox {
        fn send(&self, m: &Message) -> std::result::Result<Sent, NotifyError> {
            self.carried.borrow_mut().push(m.reminders.len());
            match self.fail.borrow().clone() {
                Some(why) => Err(NotifyError::NoServer(why)),
                None => Ok(Sent {
                    channel: "test".to_string(),
                    id: Some(1),
                }),
            }
        }
    }

    fn outbox(fail: Option<&str>) -> Outbox {
        Outbox {
            fail: RefCell::new(fail.map(str::to_string)),
            carried: RefCell::new(Vec::new()),
        }
    }

    /// The log without the claim stamps and times.
    fn log_rows(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT id, agreement_id, event_id, step, due_on, label, state,
                        coalesce(note, ''), coalesce(failure, ''), attempts
                 FROM reminder_log ORDER BY id",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..10 {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(cells.join("|"))
            })
            .unwrap();
        rows.map(|r| r.unwrap()).collect()
    }

    fn json(r: RunReport) -> String {
        serde_json::to_string_pretty(&r).unwrap()
    }

    fn sorted_by_report_order(rs: &[Reminder]) -> bool {
        rs.windows(2).all(|w| {
            (w[0].date, &w[0].agreement, &w[0].label) <= (w[1].date, &w[1].agreement, &w[1].label)
        })
    }

    #[test]
    fn a_preview_is_the_same_whatever_the_chunk_size() {
        let store = register(150);
        let as_of = day("2026-11-23");
        let whole = preview_with(&store, as_of, usize::MAX).unwrap();
        assert!(whole.reminder_count() > 40, "{}", whole.reminder_count());
        let want = json(whole.into_report().unwrap());
        for chunk in [1, 7, 64] {
            let r = preview_with(&store, as_of, chunk).unwrap();
            let report = r.into_report().unwrap();
            assert!(sorted_by_report_order(&report.delivered));
            assert_eq!(json(report), want, "chunk {chunk}");
        }
        // The public preview is the spooled one, collected.
        assert_eq!(json(preview(&store, as_of).unwrap()), want);
    }

    #[test]
    fn runs_write_the_same_log_and_reports_whatever_the_chunk_size() {
        let (mut a, mut b) = (register(120), register(120));
        let mut days = vec![("2026-11-23", Some("no server")), ("2026-11-30", None)];
        days.push(("2027-03-01", None));
        for (today, fail) in days {
            let as_of = day(today);
            let (oa, ob) = (outbox(fail), outbox(fail));
            let ra = run_with(&mut a, &oa, as_of, 5, true).unwrap();
            let rb = run_with(&mut b, &ob, as_of, usize::MAX, true).unwrap();
            assert!(ra.reminder_count() > 15, "{today}: {}", ra.reminder_count());
            let (ra, rb) = (ra.into_report().unwrap(), rb.into_report().unwrap());
            assert!(sorted_by_report_order(if fail.is_some() {
                &ra.failed
            } else {
                &ra.delivered
            }));
            // The message given to the notifier carried every reminder.
            assert_eq!(
                *oa.carried.borrow(),
                vec![ra.delivered.len() + ra.failed.len()]
            );
            assert_eq!(json(ra), json(rb), "{today}");
            assert_eq!(log_rows(&a), log_rows(&b), "{today}");
        }
    }

    #[test]
    fn a_spooled_run_sends_the_message_without_its_reminders() {
        let (mut a, mut b) = (register(40), register(40));
        let as_of = day("2026-11-23");
        let (oa, ob) = (outbox(None), outbox(None));
        let spooled = run_spooled(&mut a, &oa, as_of).unwrap();
        let whole = run(&mut b, &ob, as_of).unwrap();
        assert!(spooled.reminder_count() > 2);
        assert_eq!(*oa.carried.borrow(), vec![0]);
        assert_eq!(*ob.carried.borrow(), vec![whole.delivered.len()]);
        // Same text and buttons; same report and JSON.
        let mut m = whole.message.clone().unwrap();
        m.reminders.clear();
        assert_eq!(spooled.message.as_ref(), Some(&m));
        let mut out = Vec::new();
        spooled.write_json(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), json(whole.clone()));
        assert_eq!(json(spooled.into_report().unwrap()), json(whole));
        assert_eq!(log_rows(&a), log_rows(&b));
    }

    #[test]
    fn the_message_built_one_reminder_at_a_time_equals_the_whole_one() {
        let store = register(150);
        let report = preview(&store, day("2026-11-23")).unwrap();
        let rs = &report.delivered;
        assert!(rs.len() > message::DIGEST_LINES + 1);
        for n in [
            0,
            1,
            2,
            message::DIGEST_LINES,
            message::DIGEST_LINES + 1,
            rs.len(),
        ] {
            let mut b = message::MessageBuilder::default();
            for r in &rs[..n] {
                b.push(r);
            }
            assert_eq!(b.finish(), Message::without_reminders(&rs[..n]), "{n}");
        }
    }
}
