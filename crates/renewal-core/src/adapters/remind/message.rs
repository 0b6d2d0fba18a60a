//! What a reminder says: the text and urgency of a notification, built from due reminders.
//!
//! Rendering lives here (not in the notification crate) so the CLI, the desktop app and the
//! tests all show the same words, with no notification server needed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::policy::{Step, Urgency};
use crate::domain::dates::long_date;
use crate::domain::rules::{EventKind, EventStatus};

/// One reminder due now: an event of an agreement and the ladder step that fell due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Row id in the reminder log, once claimed.
    pub log_id: Option<i64>,
    /// Agreement id.
    pub agreement_id: i64,
    /// The agreement's title.
    pub agreement: String,
    /// Stable event id ([`crate::domain::rules::DatedEvent::id`]).
    pub event_id: String,
    /// Event label, e.g. "Exit window ends: Migration (assisted)".
    pub label: String,
    /// Event kind.
    pub kind: EventKind,
    /// Open or overdue.
    pub status: EventStatus,
    /// The date to act on.
    pub date: NaiveDate,
    /// Days from today to `date` (negative: overdue).
    pub days_left: i64,
    /// The step that fell due.
    pub step: Step,
    /// The day the step fell due.
    pub due_on: NaiveDate,
    /// What happens to the agreement if nobody acts.
    pub default_outcome: String,
    /// Why the previous attempt failed, when this is a retry.
    pub previous_failure: Option<String>,
    /// For a reminder of an internal decide-by date ([`crate::domain::rules::decision::Decision::decide_by`],
    /// issue 16 item 3): the last business day to act on the legal deadline it is ahead
    /// of. `None` for a reminder of a dated event. Such a reminder is worded as internal,
    /// never as the contractual deadline, and has no "Mark done": recording the decision
    /// ends it.
    #[serde(default)]
    pub act_by: Option<NaiveDate>,
}

impl Reminder {
    /// The urgency of this reminder (rises as the date nears).
    pub fn urgency(&self) -> Urgency {
        if self.status == EventStatus::Overdue {
            Urgency::Critical
        } else {
            Urgency::for_days_left(self.days_left)
        }
    }

    /// "in 7 days", "today", "tomorrow", "12 days overdue".
    pub fn days_text(&self) -> String {
        days_text(self.days_left)
    }

    /// One self-contained line: "AWS Peru Partnership Agreement — Exit window ends: Migration
    /// (assisted): Sun 27 Dec 2026, in 7 days".
    pub fn line(&self) -> String {
        format!(
            "{} — {}: {}, {}",
            self.agreement,
            self.label,
            long_date(self.date),
            self.days_text()
        )
    }
}

/// "in 7 days", "today", "tomorrow", "yesterday", "12 days overdue".
pub fn days_text(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        d if d > 1 => format!("in {d} days"),
        -1 => "1 day overdue".to_string(),
        d => format!("{} days overdue", -d),
    }
}

/// What a notification action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum ReminderAction {
    /// Open the agreement's renewal brief (or the app, for a digest).
    OpenBrief,
    /// Snooze the reminder(s) for this many days.
    Snooze {
        /// Days.
        days: u32,
    },
    /// Mark the event done (single reminders only).
    MarkDone,
}

/// A button on a notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageAction {
    /// Identifier sent to the notification server: `open-brief`, `snooze-1d`, `done`.
    pub key: String,
    /// Button label.
    pub label: String,
    /// What it does.
    pub action: ReminderAction,
}

impl MessageAction {
    /// The action with identifier `key` among `actions`.
    pub fn find<'a>(actions: &'a [MessageAction], key: &str) -> Option<&'a MessageAction> {
        actions.iter().find(|a| a.key == key)
    }
}

/// Most reminders a digest lists one by one (the summary counts them all).
pub const DIGEST_LINES: usize = 25;

/// One notification: a single reminder or a digest of several due at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Names the agreement and the deadline (for a digest: the count and the soonest).
    pub summary: String,
    /// Date, days left and default outcome (plain text; escape it for markup servers).
    pub body: String,
    /// The highest urgency of the reminders.
    pub urgency: Urgency,
    /// Buttons, for servers with the "actions" capability.
    pub actions: Vec<MessageAction>,
    /// The reminders it carries.
    pub reminders: Vec<Reminder>,
}

impl Message {
    /// The notification for `reminders` due at once: a single one for one reminder, a digest
    /// for several. `None` when there is nothing to say.
    pub fn for_reminders(reminders: &[Reminder]) -> Option<Message> {
        let mut m = Message::without_reminders(reminders)?;
        m.reminders = reminders.to_vec();
        Some(m)
    }

    /// [`Message::for_reminders`] with an empty `reminders` list: what it says, for a
    /// caller that has the reminders already (a large digest is not copied).
    pub(crate) fn without_reminders(reminders: &[Reminder]) -> Option<Message> {
        match reminders {
            [] => None,
            [r] => Some(Message::single(r)),
            _ => Some(Message::digest(reminders)),
        }
    }

    fn single(r: &Reminder) -> Message {
        let when = if r.status == EventStatus::Overdue {
            format!(
                "{} — {} ({})",
                long_date(r.date),
                r.days_text(),
                r.step.describe()
            )
        } else {
            format!(
                "{} — {} left ({})",
                long_date(r.date),
                match r.days_left {
                    0 => "no days".to_string(),
                    1 => "1 day".to_string(),
                    d => format!("{d} days"),
                },
                r.step.describe()
            )
        };
        let mut actions = vec![
            MessageAction {
                key: "open-brief".to_string(),
                label: "Open brief".to_string(),
                action: ReminderAction::OpenBrief,
            },
            MessageAction {
                key: "snooze-1d".to_string(),
                label: "Snooze 1 day".to_string(),
                action: ReminderAction::Snooze { days: 1 },
            },
        ];
        let body = match r.act_by {
            // A decide-by date: say it is the company's own date and give the legal one.
            Some(act_by) => format!(
                "{when}\nAn internal date, not a contractual deadline: the last business day to act is {}. Record the decision in Renewal Desk to stop these reminders.\nIf nobody acts: {}",
                long_date(act_by),
                r.default_outcome
            ),
            None => {
                actions.push(MessageAction {
                    key: "done".to_string(),
                    label: "Mark done".to_string(),
                    action: ReminderAction::MarkDone,
                });
                format!("{when}\nIf nobody acts: {}", r.default_outcome)
            }
        };
        Message {
            summary: format!("{} — {} on {}", r.agreement, r.label, long_date(r.date)),
            body,
            urgency: r.urgency(),
            actions,
            reminders: Vec::new(),
        }
    }

    /// A digest of `reminders`: the first [`DIGEST_LINES`] (soonest first) and how many
    /// more; a notification is not the place for thousands of lines.
    fn digest(reminders: &[Reminder]) -> Message {
        let mut sorted: Vec<&Reminder> = reminders.iter().collect();
        sorted.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then(a.agreement.cmp(&b.agreement))
                .then(a.label.cmp(&b.label))
        });
        let soonest = sorted
            .iter()
            .find(|r| r.days_left >= 0)
            .or(sorted.first())
            .copied();
        let listed = &sorted[..sorted.len().min(DIGEST_LINES)];
        let urgency = reminders
            .iter()
            .map(Reminder::urgency)
            .max()
            .unwrap_or(Urgency::Normal);
        Message::digest_of(reminders.len(), listed, soonest, urgency)
    }

    /// The digest of `total` reminders whose first (at most [`DIGEST_LINES`], in the
    /// digest's order) are `listed`, the soonest still ahead (else the first) `soonest`,
    /// and the highest urgency `urgency`.
    fn digest_of(
        total: usize,
        listed: &[&Reminder],
        soonest: Option<&Reminder>,
        urgency: Urgency,
    ) -> Message {
        let summary = match soonest {
            Some(s) => format!(
                "{} contract deadlines need attention; next: {} — {} on {}",
                total,
                s.agreement,
                s.label,
                long_date(s.date)
            ),
            None => format!("{total} contract deadlines need attention"),
        };
        let mut body: Vec<String> = listed.iter().map(|r| format!("• {}", r.line())).collect();
        if total > listed.len() {
            body.push(format!(
                "… and {} more: see Renewal Desk",
                total - listed.len()
            ));
        }
        body.push("If nobody acts:".to_string());
        let mut seen = std::collections::HashSet::new();
        for r in listed {
            if seen.insert(r.agreement_id) {
                body.push(format!("• {} {}", r.agreement, r.default_outcome));
            }
        }
        Message {
            summary,
            body: body.join("\n"),
            urgency,
            actions: vec![
                MessageAction {
                    key: "open-brief".to_string(),
                    label: "Open Renewal Desk".to_string(),
                    action: ReminderAction::OpenBrief,
                },
                MessageAction {
                    key: "snooze-1d".to_string(),
                    label: "Snooze all 1 day".to_string(),
                    action: ReminderAction::Snooze { days: 1 },
                },
            ],
            reminders: Vec::new(),
        }
    }
}

/// [`Message::without_reminders`] built from reminders given one at a time **in the
/// digest's order** (date, agreement title, event label), holding only the first
/// [`DIGEST_LINES`] of them: the same message for a run over a large register whose
/// reminders are kept on disk.
#[derive(Debug, Default)]
pub(crate) struct MessageBuilder {
    total: usize,
    first: Vec<Reminder>,
    soonest: Option<Reminder>,
    urgency: Option<Urgency>,
}

impl MessageBuilder {
    /// Takes the next reminder (in the digest's order).
    pub(crate) fn push(&mut self, r: &Reminder) {
        self.total += 1;
        if self.first.len() < DIGEST_LINES {
            self.first.push(r.clone());
        }
        if self.soonest.is_none() && r.days_left >= 0 {
            self.soonest = Some(r.clone());
        }
        let u = r.urgency();
        self.urgency = Some(self.urgency.map_or(u, |x| x.max(u)));
    }

    /// The message, without its reminders; `None` when none was pushed.
    pub(crate) fn finish(self) -> Option<Message> {
        match self.first.as_slice() {
            [] => None,
            [r] if self.total == 1 => Some(Message::single(r)),
            first => {
                let listed: Vec<&Reminder> = first.iter().collect();
                let soonest = self.soonest.as_ref().or(first.first());
                Some(Message::digest_of(
                    self.total,
                    &listed,
                    soonest,
                    self.urgency.unwrap_or(Urgency::Normal),
                ))
            }
        }
    }
}
