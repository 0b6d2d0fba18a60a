//! `renewals remind`: deliver the reminders due today, list undelivered ones, and install or
//! remove the systemd user timer that runs it.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use renewal_core::adapters::remind::{
    self, log, Message, MessageAction, Notifier, NotifyError, ReminderAction, Sent, SpooledReport,
};
use renewal_core::adapters::store::Store;
use renewal_core::domain::dates::long_date;
use renewal_core::services::dashboard::dashboard_cached;
use renewal_notify::DesktopNotifier;

use crate::error::{CliResult, EXIT_UNDELIVERED};
use crate::tables::SpooledTable;
use crate::{open_store, stop_on, timer, write_json_with};
use renewal_core::adapters::store::words::reminder_step_words;

/// How reminders are delivered.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// A desktop notification (freedesktop notification server on the session bus)
    Desktop,
    /// Printed on standard output (headless machines, scripts, mail from cron)
    Stdout,
    /// Email to each contract owner (and, on escalation, the deputy and the escalation
    /// address), with calendar invitations: needs `renewals mail set`
    Email,
}

/// Options of `renewals remind`.
#[derive(clap::Args, Debug)]
pub(crate) struct RemindArgs {
    /// Show what would be delivered; claim, send and record nothing
    #[arg(long, conflicts_with_all = ["pending", "install_timer", "remove_timer"])]
    dry_run: bool,
    /// List reminders not delivered yet (with the reason) and exit
    #[arg(long, conflicts_with_all = ["install_timer", "remove_timer"])]
    pending: bool,
    /// Install and enable a systemd user timer running `renewals remind` a few times a day and at login
    #[arg(long, conflicts_with = "remove_timer")]
    install_timer: bool,
    /// Disable and remove the systemd user timer
    #[arg(long)]
    remove_timer: bool,
    /// How to deliver, comma-separated (e.g. `desktop,email`); default: desktop, plus
    /// email once mail is set up (`renewals mail set`)
    #[arg(long, value_enum, value_delimiter = ',')]
    via: Vec<Via>,
    /// Seconds each call to the notification server may take
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    timeout: u64,
    /// After delivering, wait up to SECS for a click on the notification (snooze 1 day, mark done, open brief)
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    wait_actions: u64,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

/// Prints reminders on standard output.
struct StdoutNotifier;

impl Notifier for StdoutNotifier {
    fn send(&self, message: &Message) -> Result<Sent, NotifyError> {
        println!("[{:?}] {}", message.urgency, message.summary);
        for line in message.body.lines() {
            println!("    {line}");
        }
        Ok(Sent {
            channel: "standard output".to_string(),
            id: None,
        })
    }
}

/// `renewals remind`: delivers the reminders due as of `as_of` (exit 3 when some could not
/// be delivered), or lists undelivered ones, or manages the systemd timer.
pub(crate) fn cmd_remind(args: RemindArgs, db: Option<&Path>, as_of: NaiveDate) -> CliResult {
    if args.install_timer {
        return timer::install(db);
    }
    if args.remove_timer {
        return timer::remove();
    }
    let mut store = open_store(db)?;
    if args.pending {
        return print_pending(&store, args.json);
    }
    let mail = store.mail_settings()?;
    let mut via = args.via.clone();
    if via.is_empty() {
        via.push(Via::Desktop);
        if mail.is_some() {
            via.push(Via::Email);
        }
    }
    via.dedup();
    let mut code = ExitCode::SUCCESS;
    if via.contains(&Via::Email) {
        let settings = mail.ok_or_else(|| {
            crate::error::CliError::usage(
                "--via email: mail is not set up; run `renewals mail set --host H --port P --security none|starttls|tls --from ADDR`",
            )
        })?;
        if !crate::mail::email_run(&mut store, &settings, as_of, args.dry_run, args.json)? {
            code = ExitCode::from(EXIT_UNDELIVERED);
        }
        via.retain(|v| *v != Via::Email);
        if via.is_empty() {
            if !args.dry_run {
                prepare_dashboard(&store, as_of);
            }
            return Ok(code);
        }
    }
    if args.dry_run {
        if args.json {
            crate::write_json_with(|out| remind::write_preview_json(&store, as_of, out))?;
            return Ok(code);
        }
        print_report(&remind::preview_spooled(&store, as_of)?)?;
        return Ok(code);
    }
    let desktop = DesktopNotifier::new()
        .with_timeout(Duration::from_secs(args.timeout.max(1)))
        .listen_for_actions(args.wait_actions > 0);
    let notifier: &dyn Notifier = if via.contains(&Via::Stdout) {
        &StdoutNotifier
    } else {
        &desktop
    };
    // Planned one agreement at a time, the reminders kept on disk (issue 14 item 1).
    let report = remind::run_spooled(&mut store, notifier, as_of)?;
    prepare_dashboard(&store, as_of);
    if args.json {
        crate::write_json_with(|out| report.write_json(out))?;
    } else {
        print_report(&report)?;
        print_pending_after(&store)?;
    }
    if args.wait_actions > 0 && report.ok() {
        wait_for_actions(
            &mut store,
            notifier,
            &report,
            Duration::from_secs(args.wait_actions),
            as_of,
        )?;
    }
    Ok(if report.ok() {
        code
    } else {
        ExitCode::from(EXIT_UNDELIVERED)
    })
}

/// After a reminder run (the timer's, a few times a day and at login), makes sure the desktop
/// app's dashboard as of `as_of` is stored for the agreements as they are now
/// ([`dashboard_cached`]: computed and stored unless already stored for this as-of date, data
/// and program), so that the app's first start of a day, or its first after a CLI import,
/// reads it back instead of computing it over every agreement (issue 14 item 2: about a
/// second at 100,000 agreements; docs/benchmarks.md "Desktop app at 100,000 agreements").
/// The stored copy is a cache that is never used once anything changes, so a failure here
/// loses nothing: it is logged and the run's outcome stands.
fn prepare_dashboard(store: &Store, as_of: NaiveDate) {
    let started = Instant::now();
    match dashboard_cached(store, as_of) {
        Ok(d) => tracing::debug!(
            ms = started.elapsed().as_millis() as u64,
            already_stored = d.stored,
            "dashboard prepared for the app"
        ),
        Err(e) => tracing::warn!("the app's dashboard was not prepared: {e}"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints what a run did (or would do), its reminders read back one at a time.
fn print_report(r: &SpooledReport) -> CliResult<()> {
    let verb = if r.dry_run {
        "Would deliver"
    } else {
        "Delivered"
    };
    let count = r.reminder_count();
    if count == 0 {
        println!(
            "Nothing due on {}{}.",
            long_date(r.as_of),
            if r.claimed_elsewhere > 0 {
                format!(
                    " ({} being delivered by another run)",
                    plural(r.claimed_elsewhere, "reminder is", "reminders are")
                )
            } else {
                String::new()
            }
        );
    } else {
        let how = match (&r.channel, r.dry_run, &r.failure) {
            (_, _, Some(_)) => String::new(),
            (Some(c), _, _) => format!(" as {c}"),
            (None, true, _) => {
                if count > 1 {
                    " as one digest notification".to_string()
                } else {
                    String::new()
                }
            }
            (None, false, _) => String::new(),
        };
        if r.failure.is_some() {
            println!(
                "Could not deliver {} on {}:",
                plural(count, "reminder", "reminders"),
                long_date(r.as_of)
            );
        } else {
            println!(
                "{verb} {} on {}{how}:",
                plural(count, "reminder", "reminders"),
                long_date(r.as_of)
            );
        }
        r.for_each_reminder(|x| {
            println!(
                "  {}  {} — {} ({}, {}){}",
                long_date(x.date),
                x.agreement,
                x.label,
                x.days_text(),
                reminder_step_words(&x.step.key()),
                x.previous_failure
                    .as_ref()
                    .map(|f| format!(" [retry; last failure: {f}]"))
                    .unwrap_or_default()
            );
            Ok(())
        })?;
    }
    if r.superseded_count > 0 {
        println!(
            "{} {} superseded (only the latest step of each event is delivered).",
            plural(r.superseded_count, "earlier step", "earlier steps"),
            if r.dry_run { "would be" } else { "recorded as" }
        );
    }
    if let Some(f) = &r.failure {
        eprintln!(
            "error: {}: {f}",
            plural(r.failed_count(), "reminder", "reminders")
        );
        eprintln!(
            "They are kept as undelivered and retried on the next run (see `renewals remind --pending`)."
        );
    }
    Ok(())
}

fn print_pending_after(store: &Store) -> CliResult<()> {
    // Counted first, then printed a row at a time (never all held: issue 14 item 1).
    let n = log::pending_count(store.conn())?;
    if n == 0 {
        return Ok(());
    }
    println!(
        "Undelivered: {} (retried on the next run):",
        plural(n, "reminder", "reminders")
    );
    log::for_each_pending(store.conn(), |p| {
        println!(
            "  {}  {} — {} ({}): {}",
            long_date(p.event_date),
            p.agreement,
            p.label,
            p.step_text,
            p.failure.as_deref().unwrap_or("being delivered")
        );
        Ok(())
    })?;
    Ok(())
}

/// `renewals remind --pending`: the undelivered reminders as a table or a JSON array (the
/// bytes of `serde_json::to_writer_pretty` over [`log::pending`]), written a row at a time
/// (issue 14 item 1).
fn print_pending(store: &Store, json: bool) -> CliResult {
    if json {
        write_json_with(|out| {
            use serde::ser::{SerializeSeq, Serializer as _};
            let mut ser = serde_json::Serializer::pretty(out);
            let mut seq = ser.serialize_seq(None)?;
            log::for_each_pending(store.conn(), |p| Ok(seq.serialize_element(&p)?))?;
            Ok(seq.end()?)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if log::pending_count(store.conn())? == 0 {
        println!("No undelivered reminders.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = SpooledTable::new(&[
        "Date",
        "Agreement",
        "Event",
        "Step",
        "State",
        "Attempts",
        "Reason",
    ])?;
    // Already in the table's order (date, agreement, row): the key keeps it.
    let mut n = 0usize;
    let mut failed = None;
    log::for_each_pending(store.conn(), |p| {
        n += 1;
        let pushed = t.push(
            n,
            vec![
                long_date(p.event_date),
                p.agreement,
                p.label,
                p.step_text,
                p.state.to_string(),
                p.attempts.to_string(),
                p.failure.unwrap_or_default(),
            ],
        );
        stop_on(pushed, &mut failed)
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    t.print()?;
    Ok(ExitCode::SUCCESS)
}

fn wait_for_actions(
    store: &mut Store,
    notifier: &dyn Notifier,
    report: &SpooledReport,
    wait: Duration,
    as_of: NaiveDate,
) -> CliResult<()> {
    let (Some(id), Some(message)) = (report.notification_id, &report.message) else {
        return Ok(());
    };
    let deadline = Instant::now() + wait;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Some(invoked) = notifier.next_action(left) else {
            return Ok(());
        };
        if invoked.id != id {
            continue;
        }
        let Some(action) = MessageAction::find(&message.actions, &invoked.key) else {
            // "__closed" or the default action: nothing to record.
            return Ok(());
        };
        report.apply_action(store, action.action, as_of)?;
        match action.action {
            ReminderAction::Snooze { days } => println!(
                "Snoozed {} for {}.",
                plural(report.reminder_count(), "reminder", "reminders"),
                plural(days as usize, "day", "days")
            ),
            ReminderAction::MarkDone => println!("Marked done."),
            ReminderAction::OpenBrief => {
                report.for_each_reminder(|r| {
                    println!("Brief: renewals show {}", r.agreement_id);
                    Ok(())
                })?;
            }
        }
        return Ok(());
    }
    Ok(())
}
