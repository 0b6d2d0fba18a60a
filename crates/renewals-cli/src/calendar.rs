//! `renewals calendar`: load a calendar of non-working days (a region's holidays, a
//! company's shutdown days) from an `.ics` file, list the loaded ones, and choose one for
//! an agreement (rule 4: its days count as non-business days in addition to the
//! country's public holidays). A thin layer over `renewal_core::services::calendars`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use renewal_core::services::calendars;

use crate::error::{CliError, CliResult};
use crate::{open_store, print_changes, print_json, table};

/// Options of `renewals calendar`.
#[derive(clap::Args, Debug)]
pub(crate) struct CalendarArgs {
    #[command(subcommand)]
    command: CalendarCommand,
}

#[derive(clap::Subcommand, Debug)]
enum CalendarCommand {
    /// Load the all-day events of an .ics file as a named calendar of non-working days
    Import {
        /// The .ics file
        file: PathBuf,
        /// The name to store it under (used by `renewals calendar use`)
        #[arg(long)]
        name: String,
    },
    /// List the loaded calendars
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Choose a loaded calendar for an agreement (recorded in its history)
    #[command(group(clap::ArgGroup::new("which").required(true).args(["name", "none"])))]
    Use {
        /// Agreement id
        id: i64,
        /// Calendar name
        name: Option<String>,
        /// Stop using a calendar: the country's public holidays only
        #[arg(long)]
        none: bool,
    },
    /// Remove a loaded calendar (agreements that chose it keep their copy)
    Remove {
        /// Calendar name
        name: String,
    },
}

/// Runs `renewals calendar ...` on the database `db`.
pub(crate) fn run(args: CalendarArgs, db: Option<&Path>) -> CliResult {
    let mut store = open_store(db)?;
    match args.command {
        CalendarCommand::Import { file, name } => {
            let stored = calendars::import_calendar(&mut store, &file, &name)?;
            let days = &stored.calendar.days;
            let range = match (days.first(), days.last()) {
                (Some(first), Some(last)) => format!(" ({} to {})", first.date, last.date),
                _ => String::new(),
            };
            outln!(
                "Loaded calendar \"{}\" from {}: {} days{range}",
                stored.calendar.name,
                stored.file_name,
                days.len()
            );
        }
        CalendarCommand::List { json } => {
            let list = calendars::list_calendars(&store)?;
            if json {
                print_json(&list)?;
            } else {
                let mut t = table(&["Name", "Days", "First", "Last", "File", "Imported (UTC)"]);
                for c in &list {
                    let days = &c.calendar.days;
                    t.add_row(vec![
                        c.calendar.name.clone(),
                        days.len().to_string(),
                        days.first().map(|d| d.date.to_string()).unwrap_or_default(),
                        days.last().map(|d| d.date.to_string()).unwrap_or_default(),
                        c.file_name.clone(),
                        c.imported_at.clone(),
                    ]);
                }
                outln!("{t}");
            }
        }
        CalendarCommand::Use { id, name, none } => {
            let changes = match name {
                Some(name) if !none => calendars::use_calendar(&mut store, id, &name),
                _ => calendars::clear_calendar(&mut store, id),
            }?;
            print_changes(&changes);
        }
        CalendarCommand::Remove { name } => {
            let removed = calendars::remove_calendar(&mut store, &name)?;
            if !removed {
                return Err(CliError::usage(format!("no calendar named \"{name}\"")));
            }
            outln!("Removed calendar \"{name}\"");
        }
    }
    Ok(ExitCode::SUCCESS)
}
