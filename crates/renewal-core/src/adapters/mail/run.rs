//! An email reminder run (issue 12 items 2, 4 and 5).
//!
//! For a given `as_of`:
//!
//! 1. the reminders due now, one per event with its latest due ladder step
//!    ([`crate::adapters::remind`]'s policy: after the laptop was off, only the latest step);
//! 2. their recipients: the contract owner from the people directory and the agreement's
//!    watchers; for a notice deadline or serve-by date within the escalation lead of its
//!    date (the agreement's `escalate_days`, else [`MailSettings::escalate_days`], else
//!    [`DEFAULT_ESCALATE_DAYS`]) with nothing recorded (not done, not snoozed, no notice
//!    served: it is still due), also the owner's deputy and the escalation address;
//! 3. in one `BEGIN IMMEDIATE` transaction, a claim per (agreement, event, step, recipient)
//!    in `mail_log` (UNIQUE): a step reaches a recipient at most once, whichever process
//!    runs; a failed send is taken back after its backoff ([`retry_after`]);
//! 4. one digest per recipient ([`super::compose`]) sent through the [`Transport`], outside
//!    the transaction; each row recorded delivered or failed with the reason. A digest of
//!    more than [`MAX_DIGEST_ITEMS`] deadlines goes out as several emails ("part 1 of N",
//!    by date), each composed, sent and recorded before the next is built, with the brief
//!    of an agreement within [`MailSettings::attach_brief_days`] attached once per email.
//!
//! Before that, [`reconcile_invitations`] brings the calendars already invited up to date:
//! an invitation whose date moved is re-sent with the same UID and the next SEQUENCE; one
//! whose event is done or no longer applies is withdrawn (`METHOD:CANCEL`).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::compose::{compose, MailError, MailItem, Role};
use super::settings::MailSettings;
use crate::adapters::brief::{brief_file_name, render_brief, BriefOptions, Paper};
use crate::adapters::ics::event_uid;
use crate::adapters::remind::for_each_due_reminder;
use crate::adapters::store::{now, Store, StoredAgreement};
use crate::domain::rules::{assess, Assessment, EventKind};
use crate::error::Result;

/// Days before a notice deadline from which, with nothing recorded, the deputy and the
/// escalation address are told too (issue 12 item 4).
pub const DEFAULT_ESCALATE_DAYS: i64 = 14;

/// A claim older than this was interrupted (a crashed run) and is taken back.
pub const STALE_CLAIM: Duration = Duration::from_secs(10 * 60);

/// Sends a built message.
pub trait Transport {
    /// Sends `message`; returns how, for the log (e.g. `smtp.example.pe:587`).
    ///
    /// Errors: [`MailError`] with the reason (never a password).
    fn send(&self, message: &lettre::Message) -> std::result::Result<String, MailError>;
}

/// One email of a run.
#[derive(Debug, Clone, Serialize)]
pub struct SentMail {
    /// The recipient's address.
    pub recipient: String,
    /// Why they are told (the highest role among the items).
    pub roles: Vec<Role>,
    /// The subject.
    pub subject: String,
    /// `(agreement id, event id, step)` of each deadline in it.
    pub items: Vec<(i64, String, String)>,
    /// How many calendar invitations it carries.
    pub invitations: usize,
    /// How it went out, or (dry run) `None`.
    pub via: Option<String>,
    /// Why it failed, when it did.
    pub failure: Option<String>,
    /// The plain-text body (what `--dry-run` prints).
    pub text: String,
}

/// A contract owner a reminder could not reach: not in the directory or without address.
#[derive(Debug, Clone, Serialize)]
pub struct Unreachable {
    /// Agreement id.
    pub agreement_id: i64,
    /// The agreement's title.
    pub agreement: String,
    /// The owner as the agreement names them (`None`: no owner).
    pub owner: Option<String>,
}

/// What an email run did (or, dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct MailRun {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// Whether nothing was claimed, sent or recorded.
    pub dry_run: bool,
    /// The emails sent (or failed, see their `failure`).
    pub mails: Vec<SentMail>,
    /// Reminders no one could be emailed about.
    pub unreachable: Vec<Unreachable>,
    /// Steps already sent to their recipient (or being sent by another run, or waiting for
    /// their retry backoff).
    pub already: usize,
}

impl MailRun {
    /// True when no send failed.
    pub fn ok(&self) -> bool {
        self.mails.iter().all(|m| m.failure.is_none())
    }
}

/// The wait before a failed send is tried again: none for the first retry, then 5 minutes
/// doubling per attempt, at most 6 hours.
pub fn retry_after(attempts: u32) -> Duration {
    if attempts <= 1 {
        return Duration::ZERO;
    }
    let minutes = 5u64.saturating_mul(1u64 << (attempts - 2).min(10));
    Duration::from_secs(minutes.min(6 * 60) * 60)
}

fn elapsed_since(at: Option<&str>, now: DateTime<Utc>) -> Option<Duration> {
    let at = DateTime::parse_from_rfc3339(at?).ok()?;
    now.signed_duration_since(at.with_timezone(&Utc))
        .abs()
        .to_std()
        .ok()
}

/// A `mail_log` row as the claim reads it: id, state, attempts, last attempt, claimed at.
type LogRow = (i64, String, u32, Option<String>, Option<String>);

/// One (item, recipient) pair of the run.
struct Pair {
    item: usize,
    recipient: String,
    name: String,
    role: Role,
}

/// Runs the email reminders as of `as_of` through `transport` (see the module doc), every
/// email kept in the report ([`run_with`] collected).
///
/// Errors: SQLite errors. Send failures are not errors: they are in [`SentMail::failure`]
/// and the log, and retried on a later run.
pub fn run(
    store: &mut Store,
    settings: &MailSettings,
    transport: &dyn Transport,
    as_of: NaiveDate,
    dry_run: bool,
) -> Result<MailRun> {
    let mut mails = Vec::new();
    let totals = run_with(store, settings, transport, as_of, dry_run, |m| {
        mails.push(m);
        Ok(())
    })?;
    Ok(MailRun {
        as_of,
        dry_run,
        mails,
        unreachable: totals.unreachable,
        already: totals.already,
    })
}

/// What [`run_with`] did, without the emails it handed over.
#[derive(Debug, Clone, Default)]
pub struct MailTotals {
    /// Emails sent (dry run: composed).
    pub sent: usize,
    /// Emails whose sending failed.
    pub failed: usize,
    /// Why the first failed email failed.
    pub first_failure: Option<String>,
    /// Reminders no one could be emailed about.
    pub unreachable: Vec<Unreachable>,
    /// As [`MailRun::already`].
    pub already: usize,
}

impl MailTotals {
    fn count(&mut self, m: &SentMail) {
        match &m.failure {
            None => self.sent += 1,
            Some(f) => {
                self.failed += 1;
                if self.first_failure.is_none() {
                    self.first_failure = Some(f.clone());
                }
            }
        }
    }
}

/// [`run`] handing each email to `on_mail` once it is sent and recorded (dry run: composed)
/// instead of keeping them (issue 14 item 1: a first run over 100,000 agreements sends about
/// 2,000 emails of 100 deadlines; their texts are not all held). The invitations brought up
/// to date first ([`reconcile_invitations`]) come first.
///
/// Errors: as [`run`], or the first error `on_mail` returns (which stops the run; what was
/// sent is recorded).
pub fn run_with(
    store: &mut Store,
    settings: &MailSettings,
    transport: &dyn Transport,
    as_of: NaiveDate,
    dry_run: bool,
    mut on_mail: impl FnMut(SentMail) -> Result<()>,
) -> Result<MailTotals> {
    let mut totals = MailTotals::default();
    for m in reconcile_invitations(store, settings, transport, as_of, dry_run)? {
        totals.count(&m);
        on_mail(m)?;
    }
    let people = store.people()?;
    let global_escalate_days = settings.escalate_days.unwrap_or(DEFAULT_ESCALATE_DAYS);
    let mut items: Vec<MailItem> = Vec::new();
    let mut pairs: Vec<Pair> = Vec::new();
    let mut unreachable = Vec::new();
    // The reminders come agreement by agreement: each agreement is read and assessed once.
    let mut current: Option<(StoredAgreement, Assessment)> = None;
    let read: &Store = store;
    for_each_due_reminder(read, as_of, |r| {
        if current
            .as_ref()
            .is_none_or(|(stored, _)| stored.id != r.agreement_id)
        {
            let stored = read.get(r.agreement_id)?;
            let s = assess(&stored.agreement, as_of);
            current = Some((stored, s));
        }
        let Some((stored, s)) = current.as_ref() else {
            return Ok(());
        };
        let a = &stored.agreement;
        let Some(e) = s.events.iter().find(|e| e.id() == r.event_id) else {
            return Ok(());
        };
        let owner_name = a
            .contract_owner
            .as_ref()
            .map(|o| o.value.trim().to_string());
        let owner = owner_name
            .as_deref()
            .and_then(|n| people.iter().find(|p| p.name.eq_ignore_ascii_case(n)));
        let index = items.len();
        // This item's pairs are the ones pushed from here on: a recipient is looked for
        // among them only (not every pair of the run: quadratic over a large register).
        let first_pair = pairs.len();
        let mut add = |email: &str, name: &str, role: Role| {
            let email = email.to_lowercase();
            if !pairs[first_pair..].iter().any(|p| p.recipient == email) {
                pairs.push(Pair {
                    item: index,
                    recipient: email,
                    name: name.to_string(),
                    role,
                });
            }
        };
        match owner.and_then(|o| o.email.as_deref().map(|e| (o, e))) {
            Some((o, email)) => add(email, &o.name, Role::Owner),
            None => unreachable.push(Unreachable {
                agreement_id: r.agreement_id,
                agreement: r.agreement.clone(),
                owner: owner_name.clone(),
            }),
        }
        for w in &a.recorded.watchers {
            let watcher = people
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(w.trim()));
            if let Some((p, email)) = watcher.and_then(|p| p.email.as_deref().map(|e| (p, e))) {
                add(email, &p.name, Role::Watcher);
            }
        }
        let escalate_days = a
            .recorded
            .escalate_days
            .map_or(global_escalate_days, i64::from);
        let escalates = escalate_days > 0
            && matches!(
                r.kind,
                EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
            )
            && r.days_left <= escalate_days;
        if escalates {
            let deputy = owner
                .and_then(|o| o.deputy.as_deref())
                .and_then(|d| people.iter().find(|p| p.name.eq_ignore_ascii_case(d)));
            if let Some((d, email)) = deputy.and_then(|d| d.email.as_deref().map(|e| (d, e))) {
                add(email, &d.name, Role::Deputy);
            }
            if let Some(x) = &settings.escalation {
                add(x, "Commercial Director", Role::Escalation);
            }
        }
        // The UID already given to this event (first invitation, or a date that moved to
        // it, see `reconcile_invitations`) and its latest SEQUENCE.
        let known: Option<(String, u32)> = read
            .conn()
            .query_row(
                "SELECT uid, sequence FROM mail_log
                 WHERE agreement_id = ?1 AND event_id = ?2 AND uid IS NOT NULL
                 ORDER BY sequence DESC, id DESC LIMIT 1",
                params![r.agreement_id, r.event_id],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .optional()?;
        let (uid, sequence) = known.unwrap_or_else(|| (event_uid(&a.title, e), 0));
        items.push(MailItem {
            workings: e.explanation(),
            uid,
            sequence,
            role: Role::Owner,
            // Rendered below, only for what this run sends.
            brief: None,
            reminder: r,
        });
        Ok(())
    })?;

    // Claim (or, dry run, look).
    let now_at = Utc::now();
    let stamp = now();
    let mut claimed: Vec<usize> = Vec::new();
    let mut already = 0usize;
    {
        let tx = store.conn_mut().transaction()?;
        for (k, p) in pairs.iter().enumerate() {
            let r = &items[p.item].reminder;
            let row: Option<LogRow> = tx
                .query_row(
                    "SELECT id, state, attempts, last_attempt_at, claimed_at FROM mail_log
                     WHERE agreement_id = ?1 AND event_id = ?2 AND step = ?3 AND recipient = ?4",
                    params![r.agreement_id, r.event_id, r.step.key(), p.recipient],
                    |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?)),
                )
                .optional()?;
            let take = match &row {
                None => true,
                Some((_, state, attempts, last, claimed_at)) => match state.as_str() {
                    "failed" => elapsed_since(last.as_deref(), now_at)
                        .is_none_or(|e| e >= retry_after(*attempts)),
                    "claimed" => {
                        elapsed_since(claimed_at.as_deref(), now_at).is_none_or(|e| e > STALE_CLAIM)
                    }
                    _ => false,
                },
            };
            if !take {
                already += 1;
                continue;
            }
            if !dry_run {
                match row {
                    None => {
                        tx.execute(
                            "INSERT INTO mail_log (agreement_id, event_id, step, recipient, role, state, claimed_at,
                                                   event_date, label, uid, sequence)
                             VALUES (?1, ?2, ?3, ?4, ?5, 'claimed', ?6, ?7, ?8, ?9, ?10)",
                            params![
                                r.agreement_id,
                                r.event_id,
                                r.step.key(),
                                p.recipient,
                                p.role.as_str(),
                                stamp,
                                r.date.to_string(),
                                r.label,
                                items[p.item].invites().then(|| items[p.item].uid.clone()),
                                items[p.item].sequence
                            ],
                        )?;
                    }
                    Some((id, ..)) => {
                        tx.execute(
                            "UPDATE mail_log SET state = 'claimed', claimed_at = ?2 WHERE id = ?1",
                            params![id, stamp],
                        )?;
                    }
                }
            }
            claimed.push(k);
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
    }

    // One digest per recipient, in parts of at most MAX_DIGEST_ITEMS deadlines (by date),
    // each composed, sent and recorded before the next is built: an email's size, and the
    // memory of a run, do not grow with the register (issue 14 item 1).
    let mut by_recipient: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for k in claimed {
        by_recipient
            .entry(pairs[k].recipient.clone())
            .or_default()
            .push(k);
    }
    for (recipient, mut ks) in by_recipient {
        let name = pairs[ks[0]].name.clone();
        ks.sort_by(|&x, &y| {
            let (a, b) = (
                &items[pairs[x].item].reminder,
                &items[pairs[y].item].reminder,
            );
            (a.date, a.agreement_id, x).cmp(&(b.date, b.agreement_id, y))
        });
        let parts = ks.len().div_ceil(MAX_DIGEST_ITEMS);
        for (part, chunk) in ks.chunks(MAX_DIGEST_ITEMS).enumerate() {
            let mut mine: Vec<MailItem> = chunk
                .iter()
                .map(|&k| {
                    let mut it = items[pairs[k].item].clone();
                    it.role = pairs[k].role;
                    it
                })
                .collect();
            attach_briefs(store, settings, &mut mine, as_of)?;
            let mut roles: Vec<Role> = chunk.iter().map(|&k| pairs[k].role).collect();
            roles.dedup();
            let keys: Vec<(i64, String, String)> = mine
                .iter()
                .map(|i| {
                    (
                        i.reminder.agreement_id,
                        i.reminder.event_id.clone(),
                        i.reminder.step.key(),
                    )
                })
                .collect();
            let invitations = mine.iter().filter(|i| i.invites()).count();
            let of = (parts > 1).then_some((part + 1, parts));
            let text = super::compose::text_body(&name, &mine, as_of);
            let subject = super::compose::subject_of_part(&mine, of);
            let outcome = match compose(settings, &recipient, &name, &mine, as_of, of) {
                Ok(_) if dry_run => Ok(None),
                Ok(m) => transport.send(&m).map(Some),
                Err(e) => Err(e),
            };
            if !dry_run {
                record(store, &recipient, &keys, &outcome)?;
            }
            let (via, failure) = match outcome {
                Ok(v) => (v, None),
                Err(e) => (None, Some(e.to_string())),
            };
            let mail = SentMail {
                recipient: recipient.clone(),
                roles,
                subject,
                items: keys,
                invitations,
                via,
                failure,
                text,
            };
            totals.count(&mail);
            on_mail(mail)?;
        }
    }
    totals.unreachable = unreachable;
    totals.already = already;
    Ok(totals)
}

/// Most deadlines in one email: a recipient with more due at once (a first run over a large
/// register) gets several emails, "part 1 of N" in their subjects, by date.
pub const MAX_DIGEST_ITEMS: usize = 100;

/// Attaches the brief PDF to the first item of each agreement in `items` whose reminder is
/// within [`MailSettings::attach_brief_days`] of its date (one PDF per agreement per email),
/// rendered for this email only. A brief that cannot be rendered is left out.
///
/// Errors: SQLite errors reading the agreement or its history.
fn attach_briefs(
    store: &Store,
    settings: &MailSettings,
    items: &mut [MailItem],
    as_of: NaiveDate,
) -> Result<()> {
    let mut done = std::collections::BTreeSet::new();
    for item in items.iter_mut() {
        let r = &item.reminder;
        if !(0..=i64::from(settings.attach_brief_days)).contains(&r.days_left)
            || !done.insert(r.agreement_id)
        {
            continue;
        }
        let stored = store.get(r.agreement_id)?;
        let history = store.history(stored.id)?;
        item.brief = render_brief(&stored, &history, as_of, &BriefOptions { paper: Paper::A4 })
            .ok()
            .map(|pdf| (brief_file_name(&stored.agreement.title), pdf));
    }
    Ok(())
}

/// The email run of a reminder run in the app or the timer: when mail is set up
/// ([`Store::mail_settings`]), sends the digests due on `as_of` through the configured SMTP
/// server with the stored password ([`super::settings::password`]); `Ok(None)` when mail is
/// not set up. The same claims as [`run`], so the app, the timer and the CLI running at once
/// send each step to each recipient once.
///
/// Returns what was sent ([`MailTotals`]); the emails themselves are not kept.
///
/// Errors: SQLite errors; [`crate::Error::Invalid`] naming `host` when TLS parameters cannot
/// be built for the server. Send failures are in the totals, not errors.
pub fn run_configured(store: &mut Store, as_of: NaiveDate) -> Result<Option<MailTotals>> {
    let Some(settings) = store.mail_settings()? else {
        return Ok(None);
    };
    let smtp = Smtp::new(&settings, super::settings::password(&settings)).map_err(|e| {
        crate::error::Error::Invalid {
            field: "host".into(),
            message: e.to_string(),
        }
    })?;
    run_with(store, &settings, &smtp, as_of, false, |_| Ok(())).map(Some)
}

/// The latest delivered invitation of a UID to a recipient, whose date is still ahead.
struct Sent {
    agreement_id: i64,
    event_id: String,
    uid: String,
    recipient: String,
    role: String,
    date: NaiveDate,
    label: String,
    sequence: u32,
    /// A cancellation of it was tried and failed: try again.
    retry_cancel: bool,
}

/// `(kind, subject slug)` of an event id `kind:date[:slug]`: the series an event belongs
/// to whatever its date, e.g. `("non_renewal_notice_deadline", "")`.
fn series(event_id: &str) -> (&str, &str) {
    let mut parts = event_id.splitn(3, ':');
    let kind = parts.next().unwrap_or_default();
    let _date = parts.next();
    (kind, parts.next().unwrap_or_default())
}

/// What happened to an invited event.
enum Fate {
    /// Still to act on, or past its date: nothing to send.
    Keep,
    /// Its date moved: re-invite with the same UID, the next SEQUENCE, this event.
    Moved {
        event_id: String,
        date: NaiveDate,
        label: String,
        description: String,
    },
    /// Withdraw it, for this reason.
    Cancel(String),
}

/// Brings up to date the calendars of everyone already invited (issue 12 item 3), before
/// the reminders of a run:
///
/// - an invitation whose event is gone while an event of the same series (same kind and
///   subject) is still to act on, on or after `as_of`, moved: the notice period, the term
///   or the effective date was edited. It is re-sent as `METHOD:REQUEST` with the same UID
///   and SEQUENCE + 1 for the new date, logged as step `moved` of the new event (whose
///   later reminders keep that UID and SEQUENCE);
/// - an invitation whose event was marked done, or is gone with no event of its series to
///   move to (the agreement ends before it: notice served, a term edited), is withdrawn with
///   `METHOD:CANCEL` (SEQUENCE + 1, STATUS:CANCELLED).
///
/// Each (UID, recipient) is moved once per new date and cancelled at most once; a failed
/// send is retried on a later run.
///
/// Errors: SQLite errors. Send failures are in [`SentMail::failure`].
pub fn reconcile_invitations(
    store: &mut Store,
    settings: &MailSettings,
    transport: &dyn Transport,
    as_of: NaiveDate,
    dry_run: bool,
) -> Result<Vec<SentMail>> {
    let mut sent: Vec<Sent> = Vec::new();
    {
        let mut stmt = store.conn().prepare(
            "SELECT l.agreement_id, l.event_id, l.uid, l.recipient, l.role, l.event_date,
                    COALESCE(l.label, l.event_id), l.sequence, c.state
             FROM mail_log l
             LEFT JOIN mail_cancellations c ON c.uid = l.uid AND c.recipient = l.recipient
             WHERE l.uid IS NOT NULL AND l.state = 'delivered' AND l.event_date >= ?1
               AND (c.state IS NULL OR c.state = 'failed')
               AND l.id = (SELECT m.id FROM mail_log m
                           WHERE m.uid = l.uid AND m.recipient = l.recipient
                             AND m.state = 'delivered'
                           ORDER BY m.sequence DESC, m.id DESC LIMIT 1)
             ORDER BY l.agreement_id, l.event_date, l.uid, l.recipient",
        )?;
        let rows = stmt.query_map([as_of.to_string()], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ),
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, u32>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        for row in rows {
            let ((agreement_id, event_id, uid, recipient, role), date, label, sequence, state) =
                row?;
            let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
                continue;
            };
            sent.push(Sent {
                agreement_id,
                event_id,
                uid,
                recipient,
                role,
                date,
                label,
                sequence,
                retry_cancel: state.is_some(),
            });
        }
    }
    let mut out = Vec::new();
    let mut assessed: BTreeMap<i64, Option<(String, Vec<crate::domain::rules::DatedEvent>)>> =
        BTreeMap::new();
    // Events already taken as the new date of an invitation, per (UID owner, recipient):
    // two invitations of one series never move to the same event.
    let mut taken: Vec<(i64, String, String)> = Vec::new();
    for s in sent {
        let entry = assessed.entry(s.agreement_id).or_insert_with(|| {
            store.get(s.agreement_id).ok().map(|stored| {
                let events = assess(&stored.agreement, as_of).events;
                (stored.agreement.title.clone(), events)
            })
        });
        let Some((title, events)) = entry.as_ref() else {
            continue;
        };
        let title = title.clone();
        let fate = fate(store, &s, events, as_of, &taken)?;
        let outcome = match fate {
            Fate::Keep => continue,
            Fate::Moved {
                event_id,
                date,
                label,
                description,
            } => {
                taken.push((s.agreement_id, event_id.clone(), s.recipient.clone()));
                send_moved(
                    store,
                    settings,
                    transport,
                    dry_run,
                    &s,
                    (&title, &event_id, date, &label, &description),
                )?
            }
            Fate::Cancel(reason) => {
                send_cancel(store, settings, transport, dry_run, &s, &title, &reason)?
            }
        };
        out.extend(outcome);
    }
    Ok(out)
}

/// Decides what happens to the invitation `s` given the agreement's current `events`.
fn fate(
    store: &Store,
    s: &Sent,
    events: &[crate::domain::rules::DatedEvent],
    as_of: NaiveDate,
    taken: &[(i64, String, String)],
) -> Result<Fate> {
    use crate::domain::rules::EventStatus;
    match events.iter().find(|e| e.id() == s.event_id) {
        Some(e) if e.status == EventStatus::Done => {
            return Ok(Fate::Cancel(
                "it was marked done in Renewal Desk".to_string(),
            ))
        }
        Some(_) => return Ok(Fate::Keep),
        None => {}
    }
    let wanted = series(&s.event_id);
    let mut candidates: Vec<&crate::domain::rules::DatedEvent> = events
        .iter()
        .filter(|e| {
            matches!(e.status, EventStatus::Open)
                && e.date >= as_of
                && series(&e.id()) == wanted
                && !taken
                    .iter()
                    .any(|(a, ev, r)| *a == s.agreement_id && *ev == e.id() && *r == s.recipient)
        })
        .collect();
    // The nearest date to the one the calendar holds.
    candidates.sort_by_key(|e| (e.date - s.date).num_days().abs());
    for e in candidates {
        // Already invited under another UID: that invitation stands; this one goes.
        let other: Option<String> = store
            .conn()
            .query_row(
                "SELECT uid FROM mail_log WHERE agreement_id = ?1 AND event_id = ?2
                 AND recipient = ?3 AND uid IS NOT NULL AND uid <> ?4 LIMIT 1",
                params![s.agreement_id, e.id(), s.recipient, s.uid],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            continue;
        }
        return Ok(Fate::Moved {
            event_id: e.id(),
            date: e.date,
            label: e.label(),
            description: format!("Workings: {}", e.explanation()),
        });
    }
    Ok(Fate::Cancel(
        "it no longer applies: the agreement ends before it".to_string(),
    ))
}

/// Claims, sends and records the re-invitation of `s` at its new date (step `moved` of
/// the new event, same UID, SEQUENCE + 1).
fn send_moved(
    store: &mut Store,
    settings: &MailSettings,
    transport: &dyn Transport,
    dry_run: bool,
    s: &Sent,
    (title, event_id, date, label, description): (&str, &str, NaiveDate, &str, &str),
) -> Result<Option<SentMail>> {
    let sequence = s.sequence + 1;
    if !dry_run {
        let now_at = Utc::now();
        let tx = store.conn_mut().transaction()?;
        let row: Option<LogRow> = tx
            .query_row(
                "SELECT id, state, attempts, last_attempt_at, claimed_at FROM mail_log
                 WHERE agreement_id = ?1 AND event_id = ?2 AND step = 'moved' AND recipient = ?3",
                params![s.agreement_id, event_id, s.recipient],
                |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?)),
            )
            .optional()?;
        match row {
            None => {
                tx.execute(
                    "INSERT INTO mail_log (agreement_id, event_id, step, recipient, role, state, claimed_at,
                                           event_date, label, uid, sequence)
                     VALUES (?1, ?2, 'moved', ?3, ?4, 'claimed', ?5, ?6, ?7, ?8, ?9)",
                    params![
                        s.agreement_id,
                        event_id,
                        s.recipient,
                        s.role,
                        now(),
                        date.to_string(),
                        label,
                        s.uid,
                        sequence
                    ],
                )?;
            }
            Some((id, state, attempts, last, _)) if state == "failed" => {
                if elapsed_since(last.as_deref(), now_at).is_some_and(|e| e < retry_after(attempts))
                {
                    return Ok(None);
                }
                tx.execute(
                    "UPDATE mail_log SET state = 'claimed', claimed_at = ?2 WHERE id = ?1",
                    params![id, now()],
                )?;
            }
            // Being sent by another run, or already delivered.
            Some(_) => return Ok(None),
        }
        tx.commit()?;
    }
    let inv = super::compose::Invitation {
        uid: &s.uid,
        sequence,
        summary: &format!("{title}: {label}"),
        description,
        date,
    };
    let (outcome, text) =
        match super::compose::moved(settings, &s.recipient, title, &inv, label, s.date) {
            Ok((m, text)) => {
                let outcome = if dry_run {
                    Ok(None)
                } else {
                    transport.send(&m).map(Some)
                };
                (outcome, text)
            }
            Err(e) => (Err(e), String::new()),
        };
    let keys = vec![(s.agreement_id, event_id.to_string(), "moved".to_string())];
    if !dry_run {
        record(store, &s.recipient, &keys, &outcome)?;
    }
    let (via, failure) = match outcome {
        Ok(v) => (v, None),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(Some(SentMail {
        recipient: s.recipient.clone(),
        roles: vec![Role::Owner],
        subject: super::compose::moved_subject(title, label),
        items: keys,
        invitations: 1,
        via,
        failure,
        text,
    }))
}

/// Claims, sends and records the withdrawal of `s` (`METHOD:CANCEL`, SEQUENCE + 1).
fn send_cancel(
    store: &mut Store,
    settings: &MailSettings,
    transport: &dyn Transport,
    dry_run: bool,
    s: &Sent,
    title: &str,
    reason: &str,
) -> Result<Option<SentMail>> {
    if !dry_run {
        let tx = store.conn_mut().transaction()?;
        let n = if s.retry_cancel {
            tx.execute(
                "UPDATE mail_cancellations SET state = 'claimed', at = ?3
                 WHERE uid = ?1 AND recipient = ?2 AND state = 'failed'",
                params![s.uid, s.recipient, now()],
            )?
        } else {
            tx.execute(
                "INSERT OR IGNORE INTO mail_cancellations (agreement_id, uid, recipient, state, reason, at)
                 VALUES (?1, ?2, ?3, 'claimed', ?4, ?5)",
                params![s.agreement_id, s.uid, s.recipient, reason, now()],
            )?
        };
        tx.commit()?;
        if n == 0 {
            return Ok(None);
        }
    }
    let (outcome, text, subject) = match super::compose::cancellation(
        settings,
        &s.recipient,
        title,
        &s.label,
        s.date,
        (&s.uid, s.sequence + 1),
        reason,
    ) {
        Ok((m, text)) => {
            let subject = super::compose::cancellation_subject(title, &s.label);
            let outcome = if dry_run {
                Ok(None)
            } else {
                transport.send(&m).map(Some)
            };
            (outcome, text, subject)
        }
        Err(e) => (Err(e), String::new(), String::new()),
    };
    if !dry_run {
        let (state, failure) = match &outcome {
            Ok(_) => ("delivered", None),
            Err(e) => ("failed", Some(e.to_string())),
        };
        store.conn().execute(
            "UPDATE mail_cancellations SET state = ?3, at = ?4, failure = ?5
             WHERE uid = ?1 AND recipient = ?2",
            params![s.uid, s.recipient, state, now(), failure],
        )?;
    }
    let (via, failure) = match outcome {
        Ok(v) => (v, None),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(Some(SentMail {
        recipient: s.recipient.clone(),
        roles: vec![Role::Owner],
        subject,
        items: vec![(s.agreement_id, s.event_id.clone(), "cancel".to_string())],
        invitations: 1,
        via,
        failure,
        text,
    }))
}

fn record(
    store: &mut Store,
    recipient: &str,
    keys: &[(i64, String, String)],
    outcome: &std::result::Result<Option<String>, MailError>,
) -> Result<()> {
    let stamp = now();
    let tx = store.conn_mut().transaction()?;
    for (agreement, event, step) in keys {
        match outcome {
            Ok(_) => tx.execute(
                "UPDATE mail_log SET state = 'delivered', delivered_at = ?5, last_attempt_at = ?5,
                 attempts = attempts + 1, failure = NULL
                 WHERE agreement_id = ?1 AND event_id = ?2 AND step = ?3 AND recipient = ?4",
                params![agreement, event, step, recipient, stamp],
            )?,
            Err(e) => tx.execute(
                "UPDATE mail_log SET state = 'failed', last_attempt_at = ?5,
                 attempts = attempts + 1, failure = ?6
                 WHERE agreement_id = ?1 AND event_id = ?2 AND step = ?3 AND recipient = ?4",
                params![agreement, event, step, recipient, stamp, e.to_string()],
            )?,
        };
    }
    tx.commit()?;
    Ok(())
}

/// One row of the email log of an agreement: who was told what and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailLogEntry {
    /// The event id.
    pub event_id: String,
    /// The ladder step, e.g. `d14`.
    pub step: String,
    /// The address.
    pub recipient: String,
    /// `owner`, `deputy` or `escalation`.
    pub role: String,
    /// `claimed`, `delivered` or `failed`.
    pub state: String,
    /// How many sends were tried.
    pub attempts: u32,
    /// When it was delivered (RFC 3339 UTC).
    pub delivered_at: Option<String>,
    /// When a send was last tried (RFC 3339 UTC), delivered or not.
    pub last_attempt_at: Option<String>,
    /// Why the last send failed.
    pub failure: Option<String>,
}

impl Store {
    /// The email log of agreement `id`: every reminder step sent (or tried) to each
    /// recipient, every invitation re-sent because its date moved (step `moved`) and every
    /// invitation withdrawn (step `cancel`, from `mail_cancellations`), oldest first.
    ///
    /// Errors: SQLite errors.
    pub fn mail_log(&self, id: i64) -> Result<Vec<MailLogEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT event_id, step, recipient, role, state, attempts, delivered_at,
                    last_attempt_at, failure, COALESCE(last_attempt_at, claimed_at, '') AS at, id, 0
             FROM mail_log WHERE agreement_id = ?1
             UNION ALL
             SELECT substr(uid, 1, instr(uid, '/') - 1), 'cancel', recipient, 'owner', state,
                    1, CASE WHEN state = 'delivered' THEN at END, at, failure, at, id, 1
             FROM mail_cancellations WHERE agreement_id = ?1
             ORDER BY 10, 12, 11",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(MailLogEntry {
                event_id: r.get(0)?,
                step: r.get(1)?,
                recipient: r.get(2)?,
                role: r.get(3)?,
                state: r.get(4)?,
                attempts: r.get(5)?,
                delivered_at: r.get(6)?,
                last_attempt_at: r.get(7)?,
                failure: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// Sends through an SMTP server with lettre, with a 20-second timeout.
pub struct Smtp {
    transport: lettre::SmtpTransport,
    server: String,
}

impl Smtp {
    /// Connects lazily to the server of `settings`, with `password` when given.
    ///
    /// Errors: [`MailError::Smtp`] when TLS parameters cannot be built for the host.
    pub fn new(
        settings: &MailSettings,
        password: Option<String>,
    ) -> std::result::Result<Smtp, MailError> {
        use super::settings::Security;
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::transport::smtp::client::{Tls, TlsParameters};
        let host = settings.host.trim();
        let tls = || {
            TlsParameters::new(host.to_string())
                .map_err(|e| MailError::Smtp(format!("{host}: TLS: {e}")))
        };
        let mut b = lettre::SmtpTransport::builder_dangerous(host)
            .port(settings.port)
            .timeout(Some(Duration::from_secs(20)));
        b = match settings.security {
            Security::None => b.tls(Tls::None),
            Security::Starttls => b.tls(Tls::Required(tls()?)),
            Security::Tls => b.tls(Tls::Wrapper(tls()?)),
        };
        if let (Some(user), Some(pw)) = (settings.user.clone(), password) {
            b = b.credentials(Credentials::new(user, pw));
        }
        Ok(Smtp {
            transport: b.build(),
            server: format!("{host}:{}", settings.port),
        })
    }
}

impl Transport for Smtp {
    fn send(&self, message: &lettre::Message) -> std::result::Result<String, MailError> {
        use lettre::Transport as _;
        self.transport
            .send(message)
            .map(|_| format!("SMTP {}", self.server))
            .map_err(|e| MailError::Smtp(format!("SMTP server {}: {e}", self.server)))
    }
}

/// Sends a test email to `to` (Settings' "Send a test email", `renewals mail test`).
///
/// Errors: [`MailError`] for a bad address or a send that failed (server named, no
/// password).
pub fn send_test(
    settings: &MailSettings,
    transport: &dyn Transport,
    to: &str,
    as_of: NaiveDate,
) -> std::result::Result<String, MailError> {
    let from = super::compose::sender(settings)?;
    let to_box = super::compose::mailbox(None, to)?;
    let m = lettre::Message::builder()
        .from(from)
        .to(to_box)
        .subject("Renewal Desk: test email")
        .body(format!(
            "This is a test email from Renewal Desk, sent on {}. Reminders will reach you at this address.\n",
            crate::domain::dates::long_date(as_of)
        ))
        .map_err(|e| MailError::Build(e.to_string()))?;
    transport.send(&m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let minutes = |n: u32| retry_after(n).as_secs() / 60;
        assert_eq!(minutes(0), 0);
        assert_eq!(minutes(1), 0);
        assert_eq!(minutes(2), 5);
        assert_eq!(minutes(3), 10);
        assert_eq!(minutes(4), 20);
        assert_eq!(minutes(8), 320);
        assert_eq!(minutes(9), 360);
        assert_eq!(minutes(40), 360);
    }
}
