//! `renewals done`, `notice`, `snooze`, `ladder` and `export-ics`: what users record about
//! deadlines and reminders, and the calendar export. Each change goes to the history.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use renewal_core::adapters::remind::{Ladder, NoticeKind};
use renewal_core::domain::dates::long_date;
use renewal_core::domain::model::DecisionChoice;
use renewal_core::domain::rules::assess;
use renewal_core::services::{portfolio, real_today};

use crate::error::{CliError, CliResult};
use crate::open_store;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `renewals done`: marks `event_id` (an event as of `as_of`) done on `on`, by default the
/// machine's real date: a record of when it was done, not a computation.
pub(crate) fn cmd_done(
    db: Option<&Path>,
    as_of: NaiveDate,
    id: i64,
    event_id: &str,
    on: Option<NaiveDate>,
    note: Option<String>,
) -> CliResult {
    let mut store = open_store(db)?;
    let on = on.unwrap_or_else(real_today);
    let changes = store.mark_done(id, event_id, on, note.as_deref().unwrap_or(""), as_of)?;
    println!(
        "Marked {event_id} of agreement {id} done on {} ({} recorded in the history).",
        long_date(on),
        plural(changes.len(), "change", "changes")
    );
    Ok(ExitCode::SUCCESS)
}

/// `renewals notice`: records a notice served on `served`, then says what the agreement
/// does by default as of `as_of`.
pub(crate) fn cmd_notice(
    db: Option<&Path>,
    as_of: NaiveDate,
    id: i64,
    kind: NoticeKind,
    served: NaiveDate,
    note: Option<String>,
) -> CliResult {
    let mut store = open_store(db)?;
    let changes = store.record_notice(id, kind, served, note.as_deref().unwrap_or(""))?;
    let what = match kind {
        NoticeKind::NonRenewal => "Non-renewal",
        NoticeKind::Termination => "Termination",
    };
    println!(
        "{what} notice recorded as served on {} ({} recorded in the history).",
        long_date(served),
        plural(changes.len(), "change", "changes")
    );
    let stored = store.get(id)?;
    let s = assess(&stored.agreement, as_of);
    println!(
        "As of {}, by default it {}.",
        long_date(as_of),
        s.default_outcome(&stored.agreement)
    );
    Ok(ExitCode::SUCCESS)
}

/// `renewals decide`: records the decision on the question at hand as of `as_of`, decided
/// on the machine's real date by `by` (the operating-system user by default).
pub(crate) fn cmd_decide(
    db: Option<&Path>,
    as_of: NaiveDate,
    id: i64,
    choice: &str,
    target: Option<NaiveDate>,
    by: Option<String>,
    why: Option<String>,
) -> CliResult {
    let Some(choice) = DecisionChoice::parse(choice) else {
        return Err(CliError::Usage(format!(
            "choice: \"{choice}\" is not a decision; expected renew, renegotiate, exit or let-expire"
        )));
    };
    let mut store = open_store(db)?;
    let by = by.unwrap_or_else(renewal_core::services::os_user);
    let changes = store.record_decision(
        id,
        choice,
        target,
        &by,
        real_today(),
        why.as_deref().unwrap_or(""),
        as_of,
    )?;
    let stored = store.get(id)?;
    let decision = assess(&stored.agreement, as_of).decision(&stored.agreement);
    println!(
        "{} ({} recorded in the history).",
        decision
            .recorded_text()
            .unwrap_or_else(|| format!("Decided: {}", choice.title())),
        plural(changes.len(), "change", "changes")
    );
    println!("The question: {}.", decision.question);
    Ok(ExitCode::SUCCESS)
}

/// `renewals snooze`: silences `event_id` for `days` days from `as_of` (the date reminders
/// are computed for).
pub(crate) fn cmd_snooze(
    db: Option<&Path>,
    as_of: NaiveDate,
    id: i64,
    event_id: &str,
    days: u32,
) -> CliResult {
    let mut store = open_store(db)?;
    let until = store.snooze(id, event_id, days, as_of)?;
    println!(
        "Snoozed {event_id} of agreement {id} until {}: it reminds again that day.",
        long_date(until)
    );
    Ok(ExitCode::SUCCESS)
}

/// `renewals ladder`: shows or sets the global reminder ladder or agreement `agreement`'s.
pub(crate) fn cmd_ladder(
    db: Option<&Path>,
    agreement: Option<i64>,
    steps: Option<String>,
    reset: bool,
) -> CliResult {
    let mut store = open_store(db)?;
    let new = match (&steps, reset) {
        (Some(_), true) => {
            return Err(CliError::usage("give either a ladder or --reset, not both"))
        }
        (Some(s), false) => Some(Some(Ladder::parse(s)?)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    match agreement {
        Some(id) => {
            if let Some(l) = &new {
                store.set_agreement_ladder(id, l.as_ref())?;
            }
            let own = store.agreement_ladder(id)?;
            match own {
                Some(l) => println!("Agreement {id}: {l} days before (its own ladder)"),
                None => println!(
                    "Agreement {id}: {} days before (the global ladder)",
                    store.global_ladder()?
                ),
            }
        }
        None => {
            if let Some(l) = &new {
                store.set_global_ladder(l.as_ref())?;
            }
            println!("Global ladder: {} days before", store.global_ladder()?);
            for (id, l) in store.agreement_ladders()? {
                println!("Agreement {id}: {l} days before (its own ladder)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `renewals export-ics`: every dated event as of `as_of` (of the agreements whose owner
/// contains `owner`) to `output`, through the app's export (the file is replaced whole).
pub(crate) fn cmd_export_ics(
    db: Option<&Path>,
    as_of: NaiveDate,
    owner: Option<&str>,
    output: &Path,
) -> CliResult {
    let store = open_store(db)?;
    let export = portfolio::export_calendar_of_owner(&store, as_of, owner, output)?;
    println!(
        "Wrote {} ({}, {}, {}).",
        output.display(),
        plural(export.agreements, "agreement", "agreements"),
        plural(export.events, "event", "events"),
        plural(export.alarms, "alarm", "alarms")
    );
    Ok(ExitCode::SUCCESS)
}
