//! What a reminder email says (issue 12 items 2, 3 and 6): one digest per recipient and
//! run, plain text and HTML, with one iTIP calendar invitation (`METHOD:REQUEST`) per notice
//! deadline or serve-by date and, from the 30-day step, the brief PDF attached.
//!
//! Headers are data: titles, names and clause text reach the subject and the bodies only
//! through lettre's header and body encoders, after control characters (CR, LF, …) are
//! replaced by spaces, and addresses are parsed by lettre, so no text of an agreement can
//! add a recipient or a header.

use chrono::{Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

use super::settings::MailSettings;
use crate::adapters::remind::Reminder;
use crate::domain::dates::long_date;

/// Why a recipient is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The agreement's contract owner.
    Owner,
    /// The owner's deputy, told on escalation.
    Deputy,
    /// The escalation address (the commercial director), told on escalation.
    Escalation,
    /// A watcher of the agreement (issue 12 item 1), told with the owner.
    Watcher,
}

impl Role {
    /// The stored name: `owner`, `deputy`, `escalation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Deputy => "deputy",
            Role::Escalation => "escalation",
            Role::Watcher => "watcher",
        }
    }
}

/// One deadline in a digest.
#[derive(Debug, Clone)]
pub struct MailItem {
    /// The reminder (agreement, event, date, days left, step, what happens if nobody acts).
    pub reminder: Reminder,
    /// The event's workings line (renewal-rules.md arithmetic), e.g. "Notice deadline =
    /// expiry − notice period = 2027-12-31 − 90 days = 2027-10-02 (rule 3)".
    pub workings: String,
    /// The calendar UID of the event: [`crate::adapters::ics::event_uid`] when first
    /// invited; kept when its date moves.
    pub uid: String,
    /// The invitation's SEQUENCE (RFC 5546): 0 when first sent, raised each time the
    /// date moved.
    pub sequence: u32,
    /// Why this recipient is told.
    pub role: Role,
    /// The brief PDF `(file name, bytes)`, attached from the 30-day step.
    pub brief: Option<(String, Vec<u8>)>,
}

impl MailItem {
    /// Whether this recipient is told because nobody acted (deputy, escalation address).
    pub fn escalated(&self) -> bool {
        matches!(self.role, Role::Deputy | Role::Escalation)
    }

    /// Whether the item carries a calendar invitation: every deadline in a digest does
    /// (notice deadlines and serve-by dates of a planned exit above all, issue 12 item 3;
    /// also renewals, expiries and exit windows, so the owner's calendar holds the date).
    /// An overdue item does not: its date has passed.
    pub fn invites(&self) -> bool {
        self.reminder.days_left >= 0
    }
}

/// Why a message could not be built or sent. Never contains a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// An address could not be used.
    #[error("bad address {0:?}: {1}")]
    Address(String, String),
    /// The message could not be built.
    #[error("could not build the message: {0}")]
    Build(String),
    /// The SMTP server refused or could not be reached.
    #[error("{0}")]
    Smtp(String),
}

/// A mailbox for `address` (parsed by lettre: no line breaks, one address) with an
/// optional display name. Errors: [`MailError::Address`].
pub fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let address = address
        .parse()
        .map_err(|e| MailError::Address(address.to_string(), format!("{e}")))?;
    Ok(Mailbox::new(name.map(str::to_string), address))
}

/// The sender: "Renewal Desk" at the settings' `from` address.
pub fn sender(settings: &MailSettings) -> Result<Mailbox, MailError> {
    mailbox(Some("Renewal Desk"), &settings.from)
}

/// Text with every control character (CR, LF, TAB, …) replaced by a space: safe in a
/// header and on one line.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Renewal Desk: 2 deadlines — AWS Peru Partnership Agreement, Microsoft Peru …".
pub fn subject(items: &[MailItem]) -> String {
    subject_of_part(items, None)
}

/// [`subject`] of part `of = (k, n)` of a recipient's digest split in `n` emails
/// ([`super::run::MAX_DIGEST_ITEMS`] deadlines at most each): "Renewal Desk (part 2 of 3):
/// 100 deadlines — …". `None`: the digest is one email, as [`subject`].
pub fn subject_of_part(items: &[MailItem], of: Option<(usize, usize)>) -> String {
    let escalated = items.iter().any(MailItem::escalated);
    let mut head = if escalated {
        "Renewal Desk (escalation, nobody has acted)".to_string()
    } else {
        "Renewal Desk".to_string()
    };
    if let Some((k, n)) = of {
        head.push_str(&format!(" (part {k} of {n})"));
    }
    let s = match items {
        [one] => format!(
            "{head}: {} — {} {}",
            one.reminder.agreement,
            one.reminder.label,
            one.reminder.days_text()
        ),
        many => {
            let mut titles: Vec<&str> =
                many.iter().map(|i| i.reminder.agreement.as_str()).collect();
            titles.dedup();
            format!("{head}: {} deadlines — {}", many.len(), titles.join(", "))
        }
    };
    let s = one_line(&s);
    if s.chars().count() > 180 {
        format!("{}…", s.chars().take(179).collect::<String>())
    } else {
        s
    }
}

/// The plain-text body: per deadline its date, days left, what happens if nobody acts and
/// its workings.
pub fn text_body(recipient_name: &str, items: &[MailItem], as_of: NaiveDate) -> String {
    let mut out = format!(
        "Hello {},\n\nRenewal Desk reminds you of {} as of {}:\n\n",
        one_line(recipient_name),
        if items.len() == 1 {
            "this deadline".to_string()
        } else {
            format!("these {} deadlines", items.len())
        },
        long_date(as_of)
    );
    for i in items {
        let r = &i.reminder;
        out.push_str(&format!(
            "* {} — {}\n  Date to act on: {} ({})\n  If nobody acts: {}\n  Workings: {}\n",
            one_line(&r.agreement),
            one_line(&r.label),
            long_date(r.date),
            r.days_text(),
            one_line(&r.default_outcome),
            one_line(&i.workings),
        ));
        if i.escalated() {
            out.push_str(
                "  You receive this because nothing has been recorded on it yet (escalation).\n",
            );
        } else if i.role == Role::Watcher {
            out.push_str("  You receive this as a watcher of the agreement.\n");
        }
        out.push('\n');
    }
    out.push_str("Record what you do (notice served, done, snoozed) in Renewal Desk to stop these reminders.\n");
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The HTML body: the same content as [`text_body`], every text escaped.
pub fn html_body(recipient_name: &str, items: &[MailItem], as_of: NaiveDate) -> String {
    let mut rows = String::new();
    for i in items {
        let r = &i.reminder;
        rows.push_str(&format!(
            "<tr><td><b>{}</b><br>{}</td><td><b>{}</b><br>{}</td><td>{}<br><small>{}</small></td></tr>",
            html_escape(&one_line(&r.agreement)),
            html_escape(&one_line(&r.label)),
            html_escape(&long_date(r.date)),
            html_escape(&r.days_text()),
            html_escape(&one_line(&r.default_outcome)),
            html_escape(&one_line(&i.workings)),
        ));
    }
    format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\"><p>Hello {},</p>\
         <p>Renewal Desk reminds you of these deadlines as of {}:</p>\
         <table border=\"1\" cellpadding=\"6\" style=\"border-collapse:collapse\">\
         <tr><th>Agreement</th><th>Date to act on</th><th>If nobody acts</th></tr>{rows}</table>\
         <p>Record what you do (notice served, done, snoozed) in Renewal Desk to stop these reminders.</p>\
         </body></html>",
        html_escape(&one_line(recipient_name)),
        html_escape(&long_date(as_of)),
    )
}

/// An iTIP request (RFC 5546 `METHOD:REQUEST`) for one deadline: an all-day VEVENT with
/// the stable UID, ORGANIZER the sender, ATTENDEE the recipient, SEQUENCE `sequence`, and
/// alarms 7 days and 1 day before.
pub fn invitation(settings: &MailSettings, recipient: &str, item: &MailItem) -> String {
    let r = &item.reminder;
    request(
        settings,
        recipient,
        &Invitation {
            uid: &item.uid,
            sequence: item.sequence,
            summary: &format!("{}: {}", r.agreement, r.label),
            description: &format!(
                "If nobody acts: {}. Workings: {}",
                r.default_outcome, item.workings
            ),
            date: r.date,
        },
    )
}

/// What an iTIP request says about one all-day event.
pub struct Invitation<'a> {
    /// The stable UID.
    pub uid: &'a str,
    /// SEQUENCE (RFC 5546), raised each time the date moves.
    pub sequence: u32,
    /// "AWS Peru Partnership Agreement: Non-renewal notice deadline".
    pub summary: &'a str,
    /// What happens if nobody acts and the workings.
    pub description: &'a str,
    /// The date to act on (the event's day).
    pub date: NaiveDate,
}

/// An iTIP `METHOD:REQUEST` calendar for `inv`, addressed to `recipient`, with alarms 7
/// days and 1 day before.
pub fn request(settings: &MailSettings, recipient: &str, inv: &Invitation<'_>) -> String {
    let mut cal = Calendar::new();
    cal.append_property(Property::new("PRODID", "-//Renewal Desk//Reminders//EN"));
    cal.append_property(Property::new("METHOD", "REQUEST"));
    let summary = one_line(inv.summary);
    let mut ev = Event::new();
    ev.uid(inv.uid)
        .summary(&summary)
        .description(&one_line(inv.description))
        .starts(inv.date)
        .ends(inv.date.checked_add_days(Days::new(1)).unwrap_or(inv.date))
        .add_property("SEQUENCE", inv.sequence.to_string())
        .add_property("TRANSP", "TRANSPARENT")
        .append_property(
            Property::new("ORGANIZER", format!("mailto:{}", settings.from))
                .add_parameter("CN", "Renewal Desk")
                .done(),
        )
        .append_property(
            Property::new("ATTENDEE", format!("mailto:{recipient}"))
                .add_parameter("ROLE", "REQ-PARTICIPANT")
                .add_parameter("PARTSTAT", "NEEDS-ACTION")
                .add_parameter("RSVP", "FALSE")
                .done(),
        );
    for days in [7i64, 1] {
        ev.alarm(Alarm::display(
            &summary,
            Trigger::before_start(chrono::Duration::days(days)),
        ));
    }
    cal.push(ev.done());
    cal.done().to_string()
}

/// The digest for one recipient as a MIME message: `multipart/mixed` of a
/// `multipart/alternative` (plain text, HTML), one `text/calendar; method=REQUEST` part per
/// invitation and the brief PDFs; `of = Some((k, n))` for part `k` of a digest split in `n`
/// emails (its subject says so, [`subject_of_part`]).
///
/// Errors: [`MailError::Address`] for an address lettre rejects; [`MailError::Build`].
pub fn compose(
    settings: &MailSettings,
    recipient: &str,
    recipient_name: &str,
    items: &[MailItem],
    as_of: NaiveDate,
    of: Option<(usize, usize)>,
) -> Result<Message, MailError> {
    let from = sender(settings)?;
    let to = mailbox(Some(&one_line(recipient_name)), recipient)?;
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(text_body(recipient_name, items, as_of)))
        .singlepart(SinglePart::html(html_body(recipient_name, items, as_of)));
    let mut mixed = MultiPart::mixed().multipart(alternative);
    let calendar = ContentType::parse("text/calendar; method=REQUEST; charset=utf-8")
        .map_err(|e| MailError::Build(e.to_string()))?;
    for item in items.iter().filter(|i| i.invites()) {
        mixed = mixed.singlepart(
            SinglePart::builder()
                .header(calendar.clone())
                .body(invitation(settings, recipient, item)),
        );
    }
    let pdf = ContentType::parse("application/pdf").map_err(|e| MailError::Build(e.to_string()))?;
    for (name, bytes) in items.iter().filter_map(|i| i.brief.as_ref()) {
        mixed = mixed.singlepart(Attachment::new(one_line(name)).body(bytes.clone(), pdf.clone()));
    }
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject_of_part(items, of))
        .multipart(mixed)
        .map_err(|e| MailError::Build(e.to_string()))
}

/// "Renewal Desk: cancelled — AWS Peru Partnership Agreement — Exit window ends: …".
pub fn cancellation_subject(title: &str, label: &str) -> String {
    one_line(&format!("Renewal Desk: cancelled — {title} — {label}"))
}

/// A withdrawn invitation: a short text and an iTIP `METHOD:CANCEL` for `uid` (SEQUENCE
/// `sequence`, one above the last request's, STATUS:CANCELLED), so the recipient's calendar
/// removes the event. Returns the message and its text.
///
/// Errors: [`MailError::Address`] for an address lettre rejects; [`MailError::Build`].
pub fn cancellation(
    settings: &MailSettings,
    recipient: &str,
    title: &str,
    label: &str,
    date: NaiveDate,
    (uid, sequence): (&str, u32),
    reason: &str,
) -> Result<(Message, String), MailError> {
    let text = format!(
        "The reminder for {} — {} on {} is withdrawn: {}.\nYour calendar removes the event.\n",
        one_line(title),
        one_line(label),
        long_date(date),
        one_line(reason)
    );
    let mut cal = Calendar::new();
    cal.append_property(Property::new("PRODID", "-//Renewal Desk//Reminders//EN"));
    cal.append_property(Property::new("METHOD", "CANCEL"));
    let mut ev = Event::new();
    ev.uid(uid)
        .summary(&one_line(&format!("{title}: {label}")))
        .starts(date)
        .ends(date.checked_add_days(Days::new(1)).unwrap_or(date))
        .add_property("SEQUENCE", sequence.to_string())
        .add_property("STATUS", "CANCELLED")
        .append_property(
            Property::new("ORGANIZER", format!("mailto:{}", settings.from))
                .add_parameter("CN", "Renewal Desk")
                .done(),
        )
        .append_property(Property::new("ATTENDEE", format!("mailto:{recipient}")).done());
    cal.push(ev.done());
    let m = calendar_message(
        settings,
        recipient,
        &cancellation_subject(title, label),
        &text,
        ("CANCEL", cal.done().to_string()),
    )?;
    Ok((m, text))
}

/// A short email to `recipient`: the plain `text` and one `text/calendar` part of iTIP
/// `method` (`REQUEST`, `CANCEL`) holding `calendar`.
///
/// Errors: [`MailError::Address`] for an address lettre rejects; [`MailError::Build`].
fn calendar_message(
    settings: &MailSettings,
    recipient: &str,
    subject: &str,
    text: &str,
    (method, calendar): (&str, String),
) -> Result<Message, MailError> {
    let content_type =
        ContentType::parse(&format!("text/calendar; method={method}; charset=utf-8"))
            .map_err(|e| MailError::Build(e.to_string()))?;
    Message::builder()
        .from(sender(settings)?)
        .to(mailbox(None, recipient)?)
        .subject(subject)
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(text.to_string()))
                .singlepart(SinglePart::builder().header(content_type).body(calendar)),
        )
        .map_err(|e| MailError::Build(e.to_string()))
}

/// "Renewal Desk: date changed — AWS Peru Partnership Agreement — Non-renewal notice deadline".
pub fn moved_subject(title: &str, label: &str) -> String {
    one_line(&format!("Renewal Desk: date changed — {title} — {label}"))
}

/// A calendar invitation whose date moved (issue 12 item 3): a short text naming both
/// dates and why, and an iTIP `METHOD:REQUEST` of the same UID with the raised SEQUENCE,
/// so the recipient's calendar moves the event. Returns the message and its text.
///
/// Errors: [`MailError::Address`] for an address lettre rejects; [`MailError::Build`].
pub fn moved(
    settings: &MailSettings,
    recipient: &str,
    title: &str,
    inv: &Invitation<'_>,
    label: &str,
    was: NaiveDate,
) -> Result<(Message, String), MailError> {
    let text = format!(
        "The date of {} — {} has changed in Renewal Desk: it is now {} (it was {}).\n{}\nYour calendar moves the event.\n",
        one_line(title),
        one_line(label),
        long_date(inv.date),
        long_date(was),
        one_line(inv.description),
    );
    let m = calendar_message(
        settings,
        recipient,
        &moved_subject(title, label),
        &text,
        ("REQUEST", request(settings, recipient, inv)),
    )?;
    Ok((m, text))
}
