//! `renewals done`, `notice`, `snooze`, `ladder` and `export-ics`: what users record about
//! deadlines and reminders, and the calendar export. Each change goes to the history.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use renewal_core::adapters::remind::{Ladder, NoticeKind};
use renewal_core::domain::dates::long_date;
use renewal_core::domain::rules::assess;

use crate::open_store;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn cmd_done(
    db: Option<&Path>,
    today: NaiveDate,
    id: i64,
    event_id: &str,
    on: Option<NaiveDate>,
    note: Option<String>,
) -> Result<ExitCode, String> {
    let mut store = open_store(db)?;
    let on = on.unwrap_or(today);
    let changes = store
        .mark_done(id, event_id, on, note.as_deref().unwrap_or(""), today)
        .map_err(|e| e.to_string())?;
    println!(
        "Marked {event_id} of agreement {id} done on {} ({} recorded in the history).",
        long_date(on),
        plural(changes.len(), "change", "changes")
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn cmd_notice(
    db: Option<&Path>,
    today: NaiveDate,
    id: i64,
    kind: NoticeKind,
    served: NaiveDate,
    note: Option<String>,
) -> Result<ExitCode, String> {
    let mut store = open_store(db)?;
    let changes = store
        .record_notice(id, kind, served, note.as_deref().unwrap_or(""))
        .map_err(|e| e.to_string())?;
    let what = match kind {
        NoticeKind::NonRenewal => "Non-renewal",
        NoticeKind::Termination => "Termination",
    };
    println!(
        "{what} notice recorded as served on {} ({} recorded in the history).",
        long_date(served),
        plural(changes.len(), "change", "changes")
    );
    let stored = store.get(id).map_err(|e| e.to_string())?;
    let s = assess(&stored.agreement, today);
    println!(
        "As of {}, by default it {}.",
        long_date(today),
        s.default_outcome(&stored.agreement)
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn cmd_snooze(
    db: Option<&Path>,
    today: NaiveDate,
    id: i64,
    event_id: &str,
    days: u32,
) -> Result<ExitCode, String> {
    let mut store = open_store(db)?;
    let until = store
        .snooze(id, event_id, days, today)
        .map_err(|e| e.to_string())?;
    println!(
        "Snoozed {event_id} of agreement {id} until {}: it reminds again that day.",
        long_date(until)
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn cmd_ladder(
    db: Option<&Path>,
    agreement: Option<i64>,
    steps: Option<String>,
    reset: bool,
) -> Result<ExitCode, String> {
    let mut store = open_store(db)?;
    let new = match (&steps, reset) {
        (Some(_), true) => return Err("give either a ladder or --reset, not both".to_string()),
        (Some(s), false) => Some(Some(Ladder::parse(s).map_err(|e| e.to_string())?)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    match agreement {
        Some(id) => {
            if let Some(l) = &new {
                store
                    .set_agreement_ladder(id, l.as_ref())
                    .map_err(|e| e.to_string())?;
            }
            let own = store.agreement_ladder(id).map_err(|e| e.to_string())?;
            match own {
                Some(l) => println!("Agreement {id}: {l} days before (its own ladder)"),
                None => println!(
                    "Agreement {id}: {} days before (the global ladder)",
                    store.global_ladder().map_err(|e| e.to_string())?
                ),
            }
        }
        None => {
            if let Some(l) = &new {
                store
                    .set_global_ladder(l.as_ref())
                    .map_err(|e| e.to_string())?;
            }
            println!(
                "Global ladder: {} days before",
                store.global_ladder().map_err(|e| e.to_string())?
            );
            for (id, l) in store.agreement_ladders().map_err(|e| e.to_string())? {
                println!("Agreement {id}: {l} days before (its own ladder)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn cmd_export_ics(
    db: Option<&Path>,
    today: NaiveDate,
    owner: Option<&str>,
    output: &PathBuf,
) -> Result<ExitCode, String> {
    let store = open_store(db)?;
    let export = renewal_core::adapters::ics::export_store(&store, today, owner)
        .map_err(|e| e.to_string())?;
    std::fs::write(output, &export.text).map_err(|e| format!("{}: {e}", output.display()))?;
    println!(
        "Wrote {} ({}, {}, {}).",
        output.display(),
        plural(export.agreements, "agreement", "agreements"),
        plural(export.events, "event", "events"),
        plural(export.alarms, "alarm", "alarms")
    );
    Ok(ExitCode::SUCCESS)
}
