//! What users record about reminders and deadlines: served notices, done marks, snoozes and
//! ladders. Every change is appended to the history (`history` for an agreement,
//! `settings_history` for the global ladder).

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::policy::{self, Ladder};
use crate::adapters::store::{history, now, Change, Store};
use crate::domain::dates::long_date;
use crate::domain::model::{DecisionChoice, DoneMark, RecordedDecision, ServedNotice};
use crate::domain::rules::assess;
use crate::error::{Error, Result};

/// Settings key of the global ladder (JSON array of days).
pub const GLOBAL_LADDER_KEY: &str = "reminders.ladder";

/// Which notice was served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Notice of non-renewal: the agreement ends at the end of the term whose notice
    /// deadline it met.
    NonRenewal,
    /// Notice of termination for convenience (rule 6).
    Termination,
}

impl Store {
    /// The global ladder: the one set with [`Store::set_global_ladder`], else
    /// [`policy::DEFAULT_LADDER`].
    pub fn global_ladder(&self) -> Result<Ladder> {
        Ok(self
            .setting::<Ladder>(GLOBAL_LADDER_KEY)?
            .unwrap_or_default())
    }

    /// Sets the global ladder (`None`: back to the default), recorded in `settings_history`.
    pub fn set_global_ladder(&mut self, ladder: Option<&Ladder>) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        let old: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [GLOBAL_LADDER_KEY],
                |r| r.get(0),
            )
            .optional()?;
        let new = ladder.map(serde_json::to_string).transpose()?;
        if old == new {
            return Ok(());
        }
        match &new {
            Some(v) => tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![GLOBAL_LADDER_KEY, v],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [GLOBAL_LADDER_KEY])?,
        };
        tx.execute(
            "INSERT INTO settings_history(at, key, old_value, new_value) VALUES (?1, ?2, ?3, ?4)",
            params![now(), GLOBAL_LADDER_KEY, old, new],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The ladder override of agreement `id`, if any.
    pub fn agreement_ladder(&self, id: i64) -> Result<Option<Ladder>> {
        let v: Option<String> = self
            .conn()
            .query_row(
                "SELECT ladder FROM reminder_ladders WHERE agreement_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.map(|s| serde_json::from_str(&s)).transpose()?)
    }

    /// Every ladder override, by agreement id.
    pub fn agreement_ladders(&self) -> Result<HashMap<i64, Ladder>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT agreement_id, ladder FROM reminder_ladders")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, text) = row?;
            out.insert(id, serde_json::from_str(&text)?);
        }
        Ok(out)
    }

    /// The ladder that applies to agreement `id`: its override, else the global one.
    pub fn effective_ladder(&self, id: i64) -> Result<Ladder> {
        match self.agreement_ladder(id)? {
            Some(l) => Ok(l),
            None => self.global_ladder(),
        }
    }

    /// Sets (or with `None` removes) the ladder override of agreement `id`, recorded in its
    /// history as `set_ladder`. Errors: [`Error::NotFound`].
    pub fn set_agreement_ladder(&mut self, id: i64, ladder: Option<&Ladder>) -> Result<()> {
        self.get(id)?;
        let old = self.agreement_ladder(id)?;
        if old.as_ref() == ladder {
            return Ok(());
        }
        let at = now();
        let actor = self.actor().to_string();
        let tx = self.conn_mut().transaction()?;
        match ladder {
            Some(l) => tx.execute(
                "INSERT INTO reminder_ladders(agreement_id, ladder, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(agreement_id) DO UPDATE SET ladder = excluded.ladder,
                                                         updated_at = excluded.updated_at",
                params![id, serde_json::to_string(l)?, at],
            )?,
            None => tx.execute("DELETE FROM reminder_ladders WHERE agreement_id = ?1", [id])?,
        };
        history::append(
            &tx,
            id,
            (&at, &actor),
            "set_ladder",
            &[Change {
                field: "reminders.ladder".to_string(),
                old_value: old.map(|l| serde_json::to_string(&l)).transpose()?,
                new_value: ladder.map(serde_json::to_string).transpose()?,
            }],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Snoozes event `event_id` of agreement `id` for `days` days from `as_of`: it stays
    /// silent until `as_of + days`, then reminds again. Returns that day. Recorded in the
    /// history as `snooze`.
    ///
    /// `as_of` is a date computation's date, not a record: pass the date reminders are run
    /// as of (the real date in the app and the timer; the CLI's `--today`), so that the
    /// snooze ends `days` after the day reminders are computed for.
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Invalid`] when `days` is 0 or over 3650, or the
    /// event is not one of the agreement's open or overdue events on `as_of`.
    pub fn snooze(
        &mut self,
        id: i64,
        event_id: &str,
        days: u32,
        as_of: NaiveDate,
    ) -> Result<NaiveDate> {
        if days == 0 || days > policy::MAX_LADDER_DAYS {
            return Err(Error::Invalid {
                field: "days".to_string(),
                message: format!(
                    "snooze for 1 to {} days, not {days}",
                    policy::MAX_LADDER_DAYS
                ),
            });
        }
        let stored = self.get(id)?;
        let s = assess(&stored.agreement, as_of);
        // The decide-by date of the open question snoozes like an event (issue 16 item 3).
        let decide_by = policy::decide_by_remindable(&s.decision(&stored.agreement), as_of);
        let event = match s.events.iter().find(|e| e.id() == event_id) {
            Some(e) => Some(e),
            None if decide_by.as_ref().is_some_and(|(k, _)| k == event_id) => None,
            None => {
                return Err(unknown_event(
                    event_id,
                    s.events
                        .iter()
                        .map(|e| e.id())
                        .chain(decide_by.map(|(k, _)| k))
                        .collect(),
                ))
            }
        };
        if let Some(event) = event.filter(|e| !policy::is_remindable(e)) {
            return Err(Error::Invalid {
                field: "event".to_string(),
                message: format!(
                    "{event_id} is {} on {as_of}: it has no reminders to snooze",
                    event.status
                ),
            });
        }
        let until = as_of
            .checked_add_days(Days::new(u64::from(days)))
            .ok_or_else(|| Error::Invalid {
                field: "days".to_string(),
                message: "the snooze ends past the calendar's range".to_string(),
            })?;
        let at = now();
        let actor = self.actor().to_string();
        let tx = self.conn_mut().transaction()?;
        let old: Option<String> = tx
            .query_row(
                "SELECT until FROM reminder_snoozes WHERE agreement_id = ?1 AND event_id = ?2",
                params![id, event_id],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO reminder_snoozes(agreement_id, event_id, until, created_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(agreement_id, event_id) DO UPDATE SET until = excluded.until,
                                                               created_at = excluded.created_at",
            params![id, event_id, until.to_string(), at],
        )?;
        history::append(
            &tx,
            id,
            (&at, &actor),
            "snooze",
            &[Change {
                field: format!("reminders.snooze.{event_id}"),
                old_value: old.map(|o| format!("\"{o}\"")),
                new_value: Some(format!("\"{until}\"")),
            }],
        )?;
        tx.commit()?;
        Ok(until)
    }

    /// Every snooze, by (agreement id, event id) → the day it ends.
    pub fn snoozes(&self) -> Result<HashMap<(i64, String), NaiveDate>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT agreement_id, event_id, until FROM reminder_snoozes")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, ev, until) = row?;
            let until =
                NaiveDate::parse_from_str(&until, "%Y-%m-%d").map_err(|e| Error::Invalid {
                    field: "reminder_snoozes.until".to_string(),
                    message: e.to_string(),
                })?;
            out.insert((id, ev), until);
        }
        Ok(out)
    }

    /// Marks event `event_id` of agreement `id` done on `done_on` with `note`: the engine then
    /// reports it `done` and it reminds no more. Recorded in the history as `mark_done`.
    ///
    /// `done_on` is a record of when it was done: front ends default it to the real date
    /// ([`crate::services::real_today`]), never to a what-if as-of date. `as_of` is only used
    /// to find the event (the as-of date of the view the event was picked from).
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Invalid`] when the agreement has no such event on
    /// `as_of` (the message lists the event ids it has).
    pub fn mark_done(
        &mut self,
        id: i64,
        event_id: &str,
        done_on: NaiveDate,
        note: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<Change>> {
        let stored = self.get(id)?;
        let mut a = stored.agreement;
        let s = assess(&a, as_of);
        if !s.events.iter().any(|e| e.id() == event_id) {
            return Err(unknown_event(
                event_id,
                s.events.iter().map(|e| e.id()).collect(),
            ));
        }
        a.recorded.done.insert(
            event_id.to_string(),
            DoneMark {
                done_on,
                note: note.to_string(),
            },
        );
        self.update(id, &a, "mark_done")
    }

    /// Records a notice as served on `served_on` with `note` (by whom, how, reference). A
    /// non-renewal notice ends the agreement at the end of the term whose notice deadline it
    /// met; a termination notice ends it no earlier than served + notice period (rule 6).
    /// Recorded in the history as `record_notice`. Errors: [`Error::NotFound`].
    pub fn record_notice(
        &mut self,
        id: i64,
        kind: NoticeKind,
        served_on: NaiveDate,
        note: &str,
    ) -> Result<Vec<Change>> {
        let mut a = self.get(id)?.agreement;
        let notice = Some(ServedNotice {
            served_on,
            note: note.to_string(),
        });
        match kind {
            NoticeKind::NonRenewal => a.recorded.non_renewal_notice = notice,
            NoticeKind::Termination => a.recorded.termination_notice = notice,
        }
        self.update(id, &a, "record_notice")
    }

    /// Records the decision taken on agreement `id`'s question at hand as of `as_of`
    /// ([`crate::domain::rules::decision::decide`]; issue 16 item 3): `choice`, for a
    /// renegotiation the `target_date` by which new terms should be agreed, who decided
    /// (`decided_by`, a person's name), on which real day (`decided_on`) and why (`reason`).
    /// Recorded in the history as `record_decision`; it replaces an earlier decision.
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Invalid`] naming the field when the agreement
    /// has no dated question as of `as_of` (`decision`), the choice is not one the
    /// agreement allows there (`choice`, listing those it allows), a renegotiation has no
    /// target date or one outside the as-of date … the last business day to act
    /// (`target_date`), or `decided_by` is empty.
    #[allow(clippy::too_many_arguments)]
    pub fn record_decision(
        &mut self,
        id: i64,
        choice: DecisionChoice,
        target_date: Option<NaiveDate>,
        decided_by: &str,
        decided_on: NaiveDate,
        reason: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<Change>> {
        let mut a = self.get(id)?.agreement;
        let question = assess(&a, as_of).decision(&a);
        let invalid = |field: &str, message: String| Error::Invalid {
            field: field.to_string(),
            message,
        };
        if question.event_id.is_none() || question.act_by.is_none() {
            return Err(invalid(
                "decision",
                format!(
                    "there is no dated question to decide as of {}: {}",
                    long_date(as_of),
                    question.question
                ),
            ));
        }
        let allowed = question.choices();
        if !allowed.contains(&choice) {
            let names: Vec<&str> = allowed.iter().map(|c| c.as_str()).collect();
            return Err(invalid(
                "choice",
                format!(
                    "\"{}\" is not open here ({}); expected one of: {}",
                    choice.as_str(),
                    question.question,
                    names.join(", ")
                ),
            ));
        }
        let act_by = question.act_by.unwrap_or(as_of);
        match (choice, target_date) {
            (DecisionChoice::Renegotiate, None) => {
                return Err(invalid(
                    "target_date",
                    format!(
                        "a renegotiation needs the date by which new terms should be agreed: a date from {} to {} (the last business day to act)",
                        long_date(as_of),
                        long_date(act_by)
                    ),
                ))
            }
            (DecisionChoice::Renegotiate, Some(t)) if t < as_of || t > act_by => {
                return Err(invalid(
                    "target_date",
                    format!(
                        "{} is outside the time left to act: expected a date from {} to {} (the last business day to act)",
                        long_date(t),
                        long_date(as_of),
                        long_date(act_by)
                    ),
                ))
            }
            _ => {}
        }
        let decided_by = decided_by.trim();
        if decided_by.is_empty() {
            return Err(invalid(
                "decided_by",
                "the name of who decided is empty: expected a person's name".to_string(),
            ));
        }
        a.recorded.decision = Some(RecordedDecision {
            choice,
            target_date: if choice == DecisionChoice::Renegotiate {
                target_date
            } else {
                None
            },
            about: question.event_id.clone(),
            decided_by: decided_by.to_string(),
            decided_on,
            reason: reason.trim().to_string(),
        });
        self.update(id, &a, "record_decision")
    }
}

fn unknown_event(event_id: &str, known: Vec<String>) -> Error {
    Error::Invalid {
        field: "event".to_string(),
        message: format!(
            "no event {event_id} in this agreement; its events are: {}",
            known.join(", ")
        ),
    }
}
