//! `renewals`: the Renewal Desk command-line tool, a thin layer over renewal-core's
//! application services (`renewal_core::services`), the same ones the desktop app calls, so
//! that every setting applies to both.
//!
//! The command-line contract (options, commands, JSON fields, exit codes: see [`error`]) is
//! used by tests outside the project: keep it stable.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use renewal_core::adapters::store::{default_db_path, ImportAction, Store, DB_ENV_VAR};
use renewal_core::domain::dates::long_date;
use renewal_core::services::dashboard::AgreementListing;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio::{self, ImportDefaults};
use renewal_core::services::real_today;
use renewal_core::services::stream::{deadline_rows_of, write_deadlines, write_listings, JsonForm};
use renewal_core::services::views::AgreementDetail;

use crate::error::{batch_exit_code, CliError, CliResult};

/// `println!` for command output: a closed pipe (`renewals list | head`) ends the program
/// quietly with success instead of panicking.
macro_rules! outln {
    () => {
        $crate::emit("")
    };
    ($($t:tt)*) => {
        $crate::emit(&format!($($t)*))
    };
}

mod add;
mod brief;
mod calendar;
mod commands;
mod error;
mod extract;
mod mail;
mod record;
mod register;
mod remind;
mod rows;
mod settings;
mod tables;
mod timer;

/// Writes one line of output; exits quietly when stdout is a closed pipe.
pub(crate) fn emit(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let r = out
        .write_all(line.as_bytes())
        .and_then(|_| out.write_all(b"\n"));
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {e}");
        std::process::exit(1);
    }
}

/// Renewal Desk: contract renewal deadlines, computed with their workings.
#[derive(Parser, Debug)]
#[command(name = "renewals", version, about, long_about = None)]
struct Cli {
    /// SQLite database file [default: renewal-desk.db in the OS data folder, the app's]
    #[arg(long, global = true, value_name = "PATH", env = DB_ENV_VAR)]
    db: Option<PathBuf>,
    /// Sets the as-of date: every status, deadline and reminder is computed as of this day
    /// [default: the machine's real date]. Records (`done`) keep the real date.
    #[arg(
        long = "today",
        global = true,
        value_name = "YYYY-MM-DD",
        value_parser = parse_date
    )]
    as_of: Option<NaiveDate>,
    /// Who is making the change: recorded with every change in the agreement's history
    /// (and, for `decide`, as who decided) [default: the operating-system user]
    #[arg(long, global = true, value_name = "NAME")]
    by: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The `--by` name, recorded as who made every change of this run ([`open_store`]).
static ACTOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[derive(Subcommand, Debug)]
enum Command {
    /// Import agreement documents (Markdown), as the app does (its settings apply), and
    /// register spreadsheets (.csv, .xlsx, .ods: one agreement per row, docs/register.md);
    /// one line per agreement or row; exit 1 when some failed
    Import {
        /// Files to import
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// For registers: the meaning of columns, overriding their headers, e.g.
        /// "Start date=effective,End date=expiry,Notes=ignore" (meanings: id, title,
        /// counterparty, owner, owner_email, effective, expiry, term, auto_renewal,
        /// renewal_period, notice, convenience, value, currency, country, notes, ignore)
        #[arg(long, value_name = "HEADER=MEANING,...")]
        columns: Option<String>,
        /// For registers: print the per-row results as JSON (an array, one report per
        /// register)
        #[arg(long)]
        json: bool,
    },
    /// Write every agreement to a register spreadsheet (one row each, with its status and
    /// next deadline as of --today); it re-imports to no change
    Export {
        /// csv or xlsx
        #[arg(long, value_name = "csv|xlsx")]
        format: String,
        /// The file to write
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Enter an agreement by hand (no document): checked like an edit; a bad value is
    /// refused naming the option, and nothing is stored
    Add(Box<add::AddArgs>),
    /// Read documents (.md, .txt, .docx, .pdf) without storing them: the fields, their
    /// confidence and the line each was read from
    Extract {
        /// Files to read
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per line per file
        #[arg(long)]
        json: bool,
    },
    /// List agreements with status, current term end and next deadline
    List {
        /// Print JSON instead of a table (one array, written as it is computed)
        #[arg(long)]
        json: bool,
        /// Print JSON Lines instead of a table: one object per agreement per line
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// Show every field of an agreement, its warnings and dated events with workings
    Show {
        /// Agreement id (see `renewals list`)
        id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Dated events of all agreements, sorted by date
    Deadlines {
        /// Only events still to act on (open or overdue) due within DAYS of the as-of date
        #[arg(long, value_name = "DAYS")]
        within: Option<i64>,
        /// Print JSON instead of a table (one array, written as it is computed)
        #[arg(long)]
        json: bool,
        /// Print JSON Lines instead of a table: one object per event per line
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// Write the PDF renewal brief of an agreement (or of every agreement with --all)
    Brief(brief::BriefArgs),
    /// Fix or fill a field of an agreement; the change is recorded in its history
    Edit {
        /// Agreement id
        id: i64,
        /// Field: title, agreement_type, counterparty, effective_date, initial_term,
        /// auto_renewal, renewal_period, non_renewal_notice, price_review, country,
        /// business_day_adjustment, classification, contract_owner, last_review, next_review,
        /// planned_exit (a date to end by termination for convenience: its serve-by date),
        /// lead_time_days (or lead-time: whole days from 0 to 365 to decide ahead of the last
        /// day to act; 0 turns the internal decide-by date off; "" for the default, 30),
        /// escalate_days (days before a notice deadline from which, with nothing recorded,
        /// the deputy and the escalation address are emailed too; 0 turns it off; "" for the
        /// mail settings' default, 14), watchers (names from `renewals people`, separated by
        /// commas, emailed with the owner). contract_owner links to the person of that name
        /// in `renewals people` (an owner not there is listed as to complete)
        field: String,
        /// New value as text (e.g. "1 January 2023", "90 days", "Chile"); "" makes it unknown
        value: String,
    },
    /// Mark an import warning as confirmed (it leaves `show`; the history keeps it)
    Confirm {
        /// Agreement id
        id: i64,
        /// The warning's number as `show` and `review` list it (1-based), or a field name
        /// (e.g. effective_date) to confirm its value as read
        what: String,
    },
    /// What is still to confirm in an agreement: the values read with low confidence
    /// (which make it provisional) and the warnings, numbered as `confirm` takes them
    Review {
        /// Agreement id
        id: i64,
    },
    /// The clause tables of an agreement, row by row, as `edit-row` reads them back
    Rows {
        /// Agreement id
        id: i64,
        /// Only this table: termination_rights, obligations, exit_rights, total_commitment,
        /// commitments, amounts, revenue_shares, service_levels, renewal_terms, data_protection
        table: Option<String>,
        /// Print JSON instead of tables
        #[arg(long)]
        json: bool,
    },
    /// Add, change or remove a row of a clause table (every changed cell goes to the history)
    #[command(name = "edit-row")]
    EditRow {
        /// Agreement id
        id: i64,
        /// Table: termination_rights, obligations, exit_rights, total_commitment, commitments,
        /// amounts, revenue_shares, service_levels, renewal_terms, data_protection
        table: String,
        /// Change row N (1-based, as `rows` numbers them); the cells given replace the row's
        #[arg(long, value_name = "N", conflicts_with_all = ["add", "remove"])]
        row: Option<u32>,
        /// Add a row
        #[arg(long, conflicts_with = "remove")]
        add: bool,
        /// Remove row N (1-based)
        #[arg(long, value_name = "N")]
        remove: Option<u32>,
        /// Cells as column=text, e.g. notice="90 days" cure_period="30 days"; with --row, the
        /// columns not given keep their text
        cells: Vec<String>,
    },
    /// The history of changes to an agreement
    History {
        /// Agreement id
        id: i64,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to FILE with SQLite's online backup
    Backup {
        /// Destination file (must not exist)
        file: PathBuf,
    },
    /// Deliver the reminders due on the as-of date (exit 3 when some could not be delivered:
    /// kept and retried)
    Remind(remind::RemindArgs),
    /// Mark a dated event done (it reminds no more)
    Done {
        /// Agreement id
        id: i64,
        /// Event id (see `renewals show ID --json`, e.g. renewal:2027-01-01)
        event_id: String,
        /// Day it was done [default: the machine's real date, even with --today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// Free text: by whom, how, reference
        #[arg(long)]
        note: Option<String>,
    },
    /// Record a notice as served (changes what the engine computes)
    #[command(group(clap::ArgGroup::new("kind").required(true).args(["non_renewal", "termination"])))]
    Notice {
        /// Agreement id
        id: i64,
        /// Notice of non-renewal: ends the agreement at the end of the term whose deadline it met
        #[arg(long)]
        non_renewal: bool,
        /// Notice of termination for convenience (rule 6)
        #[arg(long)]
        termination: bool,
        /// Day the notice was served
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        served: NaiveDate,
        /// Free text: by whom, how, reference
        #[arg(long)]
        note: Option<String>,
    },
    /// Record the decision on an agreement's question at hand (renew, renegotiate, exit or
    /// let-expire), with who decided and why; it goes to the history and the brief
    Decide {
        /// Agreement id
        id: i64,
        /// renew, renegotiate, exit or let-expire (the ones the agreement allows: see `show`)
        choice: String,
        /// For renegotiate: the date by which new terms should be agreed
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        target: Option<NaiveDate>,
        /// Why, in a sentence
        #[arg(long, value_name = "TEXT")]
        why: Option<String>,
    },
    /// Silence an event's reminders for N days from the as-of date; it reminds again when the
    /// snooze ends
    Snooze {
        /// Agreement id
        id: i64,
        /// Event id
        event_id: String,
        /// Days to snooze
        #[arg(long, value_name = "N")]
        days: u32,
    },
    /// Show or set the reminder ladder (days before an event), globally or for one agreement
    Ladder {
        /// The agreement whose own ladder to show or set
        #[arg(long, value_name = "ID")]
        agreement: Option<i64>,
        /// New ladder, e.g. 90,60,30,14,7,3,1,0
        steps: Option<String>,
        /// Remove the agreement's own ladder (or reset the global one to the default)
        #[arg(long)]
        reset: bool,
    },
    /// Show the settings, or set one (also the app's): business_day_adjustment, paper
    Settings(settings::SettingsArgs),
    /// The directory of contract owners and deputies who receive reminder emails
    People(mail::PeopleArgs),
    /// Email settings (SMTP server, sender, escalation), a test email, the email log
    Mail(mail::MailArgs),
    /// Load calendars of non-working days from .ics files and choose one for an agreement
    Calendar(calendar::CalendarArgs),
    /// Export dated events as an iCalendar file, with alarms following the ladder
    ExportIcs {
        /// Only agreements whose contract owner contains NAME (case-insensitive)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// The .ics file to write
        #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
        output: PathBuf,
    },
}

/// Reads a `YYYY-MM-DD` date argument (clap reports the error as a usage error, exit 2).
fn parse_date(s: &str) -> CliResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        CliError::usage(format!(
            "\"{s}\" is not a date: expected YYYY-MM-DD, e.g. 2026-11-23"
        ))
    })
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RENEWALS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Opens the database at `db`, else at the default path the app uses too
/// ([`default_db_path`]). Every failure is a database error (exit 4) naming the file.
fn open_store(db: Option<&Path>) -> CliResult<Store> {
    let path = match db {
        Some(p) => p.to_path_buf(),
        None => default_db_path().ok_or_else(|| {
            CliError::usage("no home folder found for the default database; pass --db PATH")
        })?,
    };
    let mut store = Store::open(&path).map_err(|source| CliError::Database { path, source })?;
    if let Some(by) = ACTOR.get() {
        store.set_actor(by);
    }
    Ok(store)
}

/// An RFC 3339 UTC time (`2026-11-30T06:17:13.123Z`) as `Mon 30 Nov 2026 06:17`; other
/// text as written.
fn when_utc(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| format!("{} {}", long_date(t.date_naive()), t.format("%H:%M")))
        .unwrap_or_else(|_| at.to_string())
}

fn run(cli: Cli) -> CliResult {
    let as_of = cli.as_of.unwrap_or_else(real_today);
    let db = cli.db.as_deref();
    let by = cli.by.as_deref().map(str::trim).filter(|b| !b.is_empty());
    if let Some(by) = by {
        // Set once, before any store is opened.
        let _ = ACTOR.set(by.to_string());
    }
    let by = by.map(str::to_string);
    match cli.command {
        Command::Import {
            files,
            columns,
            json,
        } => cmd_import(&mut open_store(db)?, &files, columns.as_deref(), json),
        Command::Export { format, output } => {
            register::cmd_export(&open_store(db)?, as_of, &format, &output)
        }
        Command::Extract { files, json } => extract::run(&files, json),
        Command::Add(args) => add::run(&mut open_store(db)?, *args, as_of),
        Command::List { json, jsonl } => {
            let store = open_store(db)?;
            if json || jsonl {
                let form = if jsonl {
                    JsonForm::Lines
                } else {
                    JsonForm::Array
                };
                streamed(write_listings(
                    &store,
                    as_of,
                    form,
                    std::io::stdout().lock(),
                ))?;
                if json {
                    outln!();
                }
            } else {
                let mut t = tables::SpooledTable::new(&[
                    "ID",
                    "Agreement",
                    "Counterparty",
                    "Status",
                    "Term ends",
                    "Next deadline",
                ])?;
                let mut n = 0u64;
                let mut failed: Option<CliError> = None;
                store.for_each_quoted(|listed| {
                    let l = AgreementListing::from_listed(&listed, as_of);
                    let r = &l.row;
                    let next = match (
                        r.next_deadline,
                        &r.next_deadline_label,
                        r.next_deadline_days,
                    ) {
                        (Some(date), Some(label), Some(days)) => {
                            format!("{} {label} ({})", long_date(date), days_text(days))
                        }
                        _ => "-".to_string(),
                    };
                    n += 1;
                    let pushed = t.push(
                        n,
                        vec![
                            r.id.to_string(),
                            r.title.clone(),
                            r.counterparty.clone().unwrap_or_default(),
                            if r.provisional {
                                format!("{}, provisional", r.status)
                            } else {
                                r.status.to_string()
                            },
                            r.current_term_end.map(long_date).unwrap_or_default(),
                            next,
                        ],
                    );
                    stop_on(pushed, &mut failed)
                })?;
                if let Some(e) = failed {
                    return Err(e);
                }
                t.print()?;
                outln!("As of {}.", long_date(as_of));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let store = open_store(db)?;
            let stored = store.get(id)?;
            let detail = AgreementDetail::new(&stored, as_of);
            if json {
                print_json(&detail)?;
            } else {
                commands::print_detail(&detail);
                let history = store.history_of(&stored)?;
                print_readings(&renewal_core::services::readings::readings(
                    &stored.agreement,
                    &history,
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Deadlines {
            within,
            json,
            jsonl,
        } => {
            let store = open_store(db)?;
            if json || jsonl {
                let form = if jsonl {
                    JsonForm::Lines
                } else {
                    JsonForm::Array
                };
                streamed(write_deadlines(
                    &store,
                    as_of,
                    within,
                    form,
                    std::io::stdout().lock(),
                ))?;
                if json {
                    outln!();
                }
            } else {
                // Sorted by date, then agreement id, then the engine's order (as
                // `deadline_rows` sorts them).
                let mut t =
                    tables::SpooledTable::new(&["Date", "Agreement", "Event", "Status", "Days"])?;
                let mut failed: Option<CliError> = None;
                store.for_each_quoted(|listed| {
                    deadline_rows_of(&listed, as_of, within, |r| {
                        let e = &r.event;
                        let date = if e.date != e.unadjusted_date {
                            format!("{}\n(from {})", long_date(e.date), e.unadjusted_date)
                        } else {
                            long_date(e.date)
                        };
                        let pushed = t.push(
                            (e.date, r.agreement_id),
                            vec![
                                date,
                                r.agreement.clone(),
                                e.label.clone(),
                                e.status.to_string(),
                                e.days_from_today.to_string(),
                            ],
                        );
                        stop_on(pushed, &mut failed)
                    })
                })?;
                if let Some(e) = failed {
                    return Err(e);
                }
                t.print()?;
                outln!("As of {}.", long_date(as_of));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Edit { id, field, value } => {
            let f = EditableField::parse(&field).ok_or_else(|| {
                let names: Vec<&str> = EditableField::ALL.iter().map(|f| f.name()).collect();
                CliError::usage(format!(
                    "unknown field \"{field}\": expected one of {}",
                    names.join(", ")
                ))
            })?;
            let mut store = open_store(db)?;
            let changes = portfolio::edit_field(&mut store, id, f, &value)?;
            print_changes(&changes);
            Ok(ExitCode::SUCCESS)
        }
        Command::Confirm { id, what } => {
            let mut store = open_store(db)?;
            let changes = match what.trim().parse::<u32>() {
                Ok(warning) => {
                    let index = warning.checked_sub(1).ok_or_else(|| {
                        CliError::usage("warnings are numbered from 1, as `show` lists them")
                    })?;
                    portfolio::confirm_warning(&mut store, id, index)?
                }
                Err(_) => portfolio::confirm_field(&mut store, id, &what)?,
            };
            print_changes(&changes);
            Ok(ExitCode::SUCCESS)
        }
        Command::Review { id } => {
            let store = open_store(db)?;
            commands::print_review(&store.get(id)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rows { id, table, json } => rows::rows(db, id, table.as_deref(), json),
        Command::EditRow {
            id,
            table,
            row,
            add,
            remove,
            cells,
        } => rows::edit_row(db, id, &table, row, add, remove, &cells),
        Command::History { id, json } => {
            let store = open_store(db)?;
            store.get(id)?;
            let h = store.history(id)?;
            if json {
                print_json(&h)?;
            } else {
                let mut t = table(&["When (UTC)", "By", "Change", "Field", "Old", "New"]);
                for e in h.iter().filter(|e| !e.words.bookkeeping) {
                    let w = &e.words;
                    t.add_row(vec![
                        when_utc(&e.at),
                        w.by.clone(),
                        w.action.clone(),
                        w.field.clone(),
                        w.old.clone(),
                        w.new.clone(),
                    ]);
                }
                outln!("{t}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Brief(args) => brief::run(&open_store(db)?, &args, as_of),
        Command::Backup { file } => {
            let store = open_store(db)?;
            store.backup(&file)?;
            outln!("Backed up to {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Remind(args) => remind::cmd_remind(args, db, as_of),
        Command::Done {
            id,
            event_id,
            on,
            note,
        } => record::cmd_done(db, as_of, id, &event_id, on, note),
        Command::Notice {
            id,
            non_renewal,
            served,
            note,
            ..
        } => {
            let kind = if non_renewal {
                renewal_core::adapters::remind::NoticeKind::NonRenewal
            } else {
                renewal_core::adapters::remind::NoticeKind::Termination
            };
            record::cmd_notice(db, as_of, id, kind, served, note)
        }
        Command::Decide {
            id,
            choice,
            target,
            why,
        } => record::cmd_decide(db, as_of, id, &choice, target, by, why),
        Command::Snooze { id, event_id, days } => {
            record::cmd_snooze(db, as_of, id, &event_id, days)
        }
        Command::Ladder {
            agreement,
            steps,
            reset,
        } => record::cmd_ladder(db, agreement, steps, reset),
        Command::Settings(args) => settings::run(&mut open_store(db)?, &args),
        Command::People(args) => mail::people(args, db),
        Command::Mail(args) => mail::mail_cmd(args, db, as_of),
        Command::Calendar(args) => calendar::run(args, db),
        Command::ExportIcs { owner, output } => {
            record::cmd_export_ics(db, as_of, owner.as_deref(), &output)
        }
    }
}

/// `renewals import`: reads and stores the files through the app's own import
/// ([`portfolio::import_paths`]) with the stored settings ([`ImportDefaults::from_store`]:
/// rule 4's business-day adjustment for new imports). Prints one line per stored agreement
/// and one `error:` line per failed file (path, line, field); the exit code is
/// [`batch_exit_code`]'s: 1 when some failed, 7 or 6 (4) when none was stored.
///
/// Registers (`.csv`, `.xlsx`, `.ods`, …) are imported row by row
/// ([`register::import_registers`]): each row counts as one unit of the batch, so a
/// register with some rows refused exits 1, and one with every row refused exits 6.
fn cmd_import(
    store: &mut Store,
    files: &[PathBuf],
    columns: Option<&str>,
    json: bool,
) -> CliResult {
    use renewal_core::adapters::import::register::is_register_path;
    let (registers, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        files.iter().partition(|p| is_register_path(p));
    if registers.is_empty() && (columns.is_some() || json) {
        return Err(CliError::usage(
            "--columns and --json apply to registers (.csv, .xlsx, .ods): none was given",
        ));
    }
    let registers: Vec<&Path> = registers.iter().map(|p| p.as_path()).collect();
    let (mut failed, mut units, reports) =
        register::import_registers(store, &registers, columns, json, real_today())?;
    if json {
        print_json(&reports)?;
    }
    if files.is_empty() {
        return Ok(ExitCode::from(batch_exit_code(units, &failed)));
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let defaults = ImportDefaults::from_store(store)?;
    let report = portfolio::import_paths(store, &files, &defaults, |_| {})?;
    for r in &report.results {
        if let Some(i) = &r.imported {
            let what = match i.action {
                ImportAction::Created => "imported".to_string(),
                ImportAction::Updated => format!("updated ({} changes)", i.changes),
                ImportAction::Unchanged => "unchanged".to_string(),
            };
            outln!(
                "{}\t{}\t{} warning{}\t{what}",
                i.id,
                i.title,
                i.warnings,
                if i.warnings == 1 { "" } else { "s" }
            );
        } else if let Some(e) = r.error_text() {
            eprintln!("error: {e}");
        }
    }
    if report.failed > 0 {
        eprintln!("{} of {} file(s) failed", report.failed, files.len());
    }
    failed.extend(
        report
            .results
            .iter()
            .filter(|r| r.imported.is_none())
            .map(|r| r.error.as_ref().map(|e| e.kind).unwrap_or_default()),
    );
    units += files.len();
    Ok(ExitCode::from(batch_exit_code(units, &failed)))
}

/// Prints "Readings and assumptions" (issue 16 item 5), as the brief's section 7 and the
/// app's agreement page list them: values assumed, values edited by hand beside the
/// document's wording, and the warnings of edits that move the deadline later.
fn print_readings(r: &renewal_core::services::readings::Readings) {
    outln!();
    outln!("Readings and assumptions:");
    if r.is_empty() {
        outln!("  None: every value was read from the document as written, and none was edited by hand.");
        return;
    }
    for a in &r.assumptions {
        let at = a.line.map(|n| format!(" (line {n})")).unwrap_or_default();
        outln!("  - {}: {} — {}{at}.", a.what, a.value, a.why);
    }
    for e in &r.hand_edits {
        outln!(
            "  - {}: {} (the document: {}) — edited by {} on {}.",
            e.field,
            e.new_value,
            e.original_value,
            e.by,
            e.on
        );
        match &e.original_quote {
            Some(q) => outln!("    The document's own wording, before the edit: “{q}”"),
            None => outln!("    The document has no wording for it: added by hand."),
        }
    }
    for w in &r.warnings {
        outln!("  ⚠ {w}");
    }
}

/// Prints one line per changed field in people's words, `Field: old -> new` ("—" for none), or
/// "nothing changed"; the source bookkeeping of an edited value is left out.
pub(crate) fn print_changes(changes: &[renewal_core::adapters::store::Change]) {
    use renewal_core::adapters::store::words::history_words;
    for c in changes {
        // The same words as the history ([`history_words`]); source lines left out.
        let w = history_words(
            "",
            &c.field,
            (c.old_value.as_deref(), c.new_value.as_deref()),
            None,
            None,
        );
        if !w.bookkeeping {
            outln!("{}: {} -> {}", w.field, w.old, w.new);
        }
    }
    if changes.is_empty() {
        outln!("nothing changed");
    }
}

/// Keeps the first CLI error of a walk over the store in `failed` and stops the walk (with a
/// stand-in store error the caller replaces by `failed`).
pub(crate) fn stop_on(r: CliResult<()>, failed: &mut Option<CliError>) -> renewal_core::Result<()> {
    match r {
        Ok(()) => Ok(()),
        Err(e) => {
            *failed = Some(e);
            Err(renewal_core::Error::Invalid {
                field: "output".to_string(),
                message: "stopped".to_string(),
            })
        }
    }
}

/// The result of a streamed view written to standard output: a closed pipe (`renewals
/// deadlines --jsonl | head`) ends the program quietly with success, as [`emit`] does.
fn streamed(r: renewal_core::Result<usize>) -> CliResult<()> {
    match r {
        Err(renewal_core::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            std::process::exit(0)
        }
        Err(e) => Err(e.into()),
        Ok(_) => Ok(()),
    }
}

/// Prints `v` as pretty JSON and a newline, written as it is serialised (a large report,
/// such as `remind --json` over 100,000 agreements, is never held whole as text). Exits
/// quietly when stdout is a closed pipe, as [`emit`] does. Errors: a value that cannot be
/// serialised (exit 4, like stored data that cannot be read back).
fn print_json<T: serde::Serialize>(v: &T) -> CliResult<()> {
    write_json_with(|out| Ok(serde_json::to_writer_pretty(out, v)?))
}

/// Runs `write` on buffered standard output, then writes a newline, as [`print_json`] does
/// (a closed pipe ends the program quietly). Errors: those of `write` that are not output
/// errors.
pub(crate) fn write_json_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> renewal_core::Result<()>,
) -> CliResult<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let r = write(&mut out)
        .map_err(|e| match e {
            renewal_core::Error::Json(e) => match e.io_error_kind() {
                Some(kind) => Err(std::io::Error::new(kind, e.to_string())),
                None => Ok(renewal_core::Error::Json(e)),
            },
            other => Ok(other),
        })
        .and_then(|()| out.write_all(b"\n").and_then(|()| out.flush()).map_err(Err));
    match r {
        Ok(()) => Ok(()),
        Err(Ok(e)) => Err(e.into()),
        Err(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(Err(e)) => {
            eprintln!("error: cannot write output: {e}");
            std::process::exit(1);
        }
    }
}

fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    t
}

pub(crate) fn days_text(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}
