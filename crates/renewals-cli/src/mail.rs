//! `renewals people …` (the directory of contract owners) and `renewals mail …` (SMTP
//! settings, a test email, the email log), and the email half of `renewals remind`
//! (issue 12; renewal_core::adapters::mail).

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use renewal_core::adapters::mail::{self, settings, MailSettings, Security, Smtp};
use renewal_core::adapters::store::Store;
use renewal_core::domain::dates::long_date;

use crate::error::{CliError, CliResult, EXIT_UNDELIVERED};
use crate::{open_store, print_json, table};

/// Arguments of `renewals people`.
#[derive(Args, Debug)]
pub(crate) struct PeopleArgs {
    #[command(subcommand)]
    action: PeopleAction,
}

#[derive(Subcommand, Debug)]
enum PeopleAction {
    /// Add a person: `people add "Ana Torres" --email ana.torres@example.pe [--deputy NAME]`
    Add {
        /// Their name, as agreements name the contract owner
        name: String,
        /// Their email address
        #[arg(long)]
        email: Option<String>,
        /// Their deputy (already in the directory), told on escalation
        #[arg(long)]
        deputy: Option<String>,
    },
    /// List people, and the contract owners still to complete (no entry or no address)
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Change a person's address or deputy (`--deputy ""` removes the deputy)
    Edit {
        /// Their name
        name: String,
        /// New email address
        #[arg(long)]
        email: Option<String>,
        /// New deputy
        #[arg(long)]
        deputy: Option<String>,
    },
    /// Remove a person (refused while an agreement names them as contract owner)
    Remove {
        /// Their name
        name: String,
    },
}

/// `renewals people …`.
pub(crate) fn people(args: PeopleArgs, db: Option<&Path>) -> CliResult {
    let mut store = open_store(db)?;
    match args.action {
        PeopleAction::Add {
            name,
            email,
            deputy,
        } => {
            let p = store.add_person(&name, email.as_deref(), deputy.as_deref())?;
            outln!(
                "Added {} ({}).",
                p.name,
                p.email.as_deref().unwrap_or("no address yet")
            );
        }
        PeopleAction::Edit {
            name,
            email,
            deputy,
        } => {
            let p = store.edit_person(&name, email.as_deref(), deputy.as_deref())?;
            outln!(
                "{}: {}{}",
                p.name,
                p.email.as_deref().unwrap_or("no address"),
                p.deputy
                    .map(|d| format!(", deputy {d}"))
                    .unwrap_or_default()
            );
        }
        PeopleAction::Remove { name } => {
            store.remove_person(&name)?;
            outln!("Removed {}.", name.trim());
        }
        PeopleAction::List { json } => {
            let people = store.people()?;
            let todo = store.owners_to_complete()?;
            if json {
                print_json(&serde_json::json!({ "people": people, "to_complete": todo }))?;
            } else {
                let mut t = table(&["Name", "Email", "Deputy", "Agreements"]);
                for p in &people {
                    t.add_row(vec![
                        p.name.clone(),
                        p.email.clone().unwrap_or_else(|| "— to complete".into()),
                        p.deputy.clone().unwrap_or_default(),
                        p.agreements.to_string(),
                    ]);
                }
                outln!("{t}");
                for o in todo {
                    outln!(
                        "To complete: {} owns agreement(s) {} but {}: `renewals people {} \"{}\" --email ADDRESS`.",
                        o.name,
                        id_list(&o.agreement_ids, LISTED_IDS),
                        if o.in_directory { "has no email address" } else { "is not in the directory" },
                        if o.in_directory { "edit" } else { "add" },
                        o.name
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Most agreement ids `people list` names per owner to complete (an owner of a large
/// register owns thousands).
const LISTED_IDS: usize = 12;

/// `ids` joined by ", ", at most `max` of them, then "and N more".
fn id_list(ids: &[i64], max: usize) -> String {
    let shown: Vec<String> = ids.iter().take(max).map(i64::to_string).collect();
    match ids.len().saturating_sub(max) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::id_list;

    #[test]
    fn long_id_lists_are_cut_with_a_count() {
        assert_eq!(id_list(&[], 3), "");
        assert_eq!(id_list(&[4, 5, 6], 3), "4, 5, 6");
        assert_eq!(id_list(&[1, 2, 3, 4, 5], 3), "1, 2, 3 and 2 more");
    }
}

/// Arguments of `renewals mail`.
#[derive(Args, Debug)]
pub(crate) struct MailArgs {
    #[command(subcommand)]
    action: MailAction,
}

#[derive(Subcommand, Debug)]
enum MailAction {
    /// Set the SMTP server: `mail set --host H --port P --security none|starttls|tls --from ADDR [--user U]`
    Set {
        /// SMTP host
        #[arg(long)]
        host: String,
        /// SMTP port
        #[arg(long)]
        port: u16,
        /// none, starttls or tls
        #[arg(long)]
        security: String,
        /// Sender address
        #[arg(long)]
        from: String,
        /// SMTP user
        #[arg(long)]
        user: Option<String>,
        /// Escalation address (the commercial director)
        #[arg(long)]
        escalation: Option<String>,
        /// Days before a notice deadline from which the deputy and the escalation address are told
        #[arg(long, value_name = "DAYS")]
        escalate_days: Option<i64>,
        /// Read the SMTP password from standard input and keep it in the system keyring
        #[arg(long)]
        password_stdin: bool,
    },
    /// Show the mail settings (never the password)
    Show,
    /// Send a test email to ADDRESS
    Test {
        /// Recipient
        address: String,
    },
    /// Who was told what and when, for agreement ID
    Log {
        /// Agreement id
        id: i64,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

fn smtp(s: &MailSettings) -> CliResult<Smtp> {
    Smtp::new(s, settings::password(s)).map_err(|e| CliError::usage(e.to_string()))
}

fn settings_of(store: &Store) -> CliResult<MailSettings> {
    store.mail_settings()?.ok_or_else(|| {
        CliError::usage(
            "mail is not set up: run `renewals mail set --host H --port P --security none|starttls|tls --from ADDR`",
        )
    })
}

/// `renewals mail …`.
pub(crate) fn mail_cmd(args: MailArgs, db: Option<&Path>, as_of: NaiveDate) -> CliResult {
    let store = open_store(db)?;
    match args.action {
        MailAction::Set {
            host,
            port,
            security,
            from,
            user,
            escalation,
            escalate_days,
            password_stdin,
        } => {
            let s = MailSettings {
                host,
                port,
                security: Security::parse(&security)?,
                from,
                user,
                escalation,
                escalate_days,
                attach_brief_days: settings::DEFAULT_ATTACH_BRIEF_DAYS,
            };
            store.set_mail_settings(&s)?;
            if password_stdin {
                let mut pw = String::new();
                std::io::stdin()
                    .read_to_string(&mut pw)
                    .map_err(|e| CliError::usage(format!("standard input: {e}")))?;
                settings::store_password(&s, pw.trim_end_matches(['\r', '\n']))?;
                outln!("Password kept in the system keyring.");
            }
            outln!(
                "Mail set: {}:{} ({:?}), from {}.",
                s.host,
                s.port,
                s.security,
                s.from
            );
        }
        MailAction::Show => {
            let s = settings_of(&store)?;
            print_json(&s)?;
        }
        MailAction::Test { address } => {
            let s = settings_of(&store)?;
            let to = mail::people::check_email(&address)?;
            match mail::run::send_test(&s, &smtp(&s)?, &to, as_of) {
                Ok(via) => outln!("Sent a test email to {to} via {via}."),
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(EXIT_UNDELIVERED));
                }
            }
        }
        MailAction::Log { id, json } => {
            store.get(id)?;
            let log = store.mail_log(id)?;
            if json {
                print_json(&log)?;
            } else if log.is_empty() {
                outln!("No email sent for agreement {id}.");
            } else {
                let mut t = table(&["Event", "Step", "To", "As", "State", "When / why"]);
                for e in log {
                    t.add_row(vec![
                        e.event_id,
                        e.step,
                        e.recipient,
                        e.role,
                        e.state,
                        e.delivered_at.or(e.failure).unwrap_or_default(),
                    ]);
                }
                outln!("{t}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The email half of `renewals remind`: sends (or, dry run, prints) the digests. Returns
/// whether every send succeeded.
pub(crate) fn email_run(
    store: &mut Store,
    s: &MailSettings,
    as_of: NaiveDate,
    dry_run: bool,
    json: bool,
) -> CliResult<bool> {
    let transport = smtp(s)?;
    if json {
        let report = mail::run(store, s, &transport, as_of, dry_run)?;
        print_json(&report)?;
        return Ok(report.ok());
    }
    // Each email printed once it is sent (dry run: composed), not all kept (issue 14 item 1).
    let totals = mail::run_with(store, s, &transport, as_of, dry_run, |m| {
        let what = match (&m.failure, dry_run) {
            (Some(f), _) => format!("Could not email {}: {f}", m.recipient),
            (None, true) => format!("Would email {}", m.recipient),
            (None, false) => format!("Emailed {}", m.recipient),
        };
        outln!(
            "{what}: {} ({} deadline(s), {} invitation(s))",
            m.subject,
            m.items.len(),
            m.invitations
        );
        if dry_run {
            for line in m.text.lines() {
                outln!("    {line}");
            }
        }
        Ok(())
    })?;
    if totals.sent + totals.failed == 0 {
        outln!("No email due on {}.", long_date(as_of));
    }
    for u in &totals.unreachable {
        outln!(
            "No email for {}: its contract owner {} (`renewals people`).",
            u.agreement,
            match &u.owner {
                Some(o) => format!("{o} has no address in the directory"),
                None => "is not set".to_string(),
            }
        );
    }
    Ok(totals.failed == 0)
}
