//! Calendar export (issue 4): every dated event as an all-day VEVENT, with one VALARM per
//! step of the reminder ladder, written with the `icalendar` crate; and the internal
//! decide-by date of each open question (issue 16 item 3), labelled as internal.
//!
//! - **Stable UIDs**: `<event id>/<agreement hash>@renewal-desk`, where the event id is
//!   [`crate::domain::rules::DatedEvent::id`] (kind and unadjusted date) and the hash is the first 16
//!   hex digits of the SHA-256 of the agreement's identity ([`crate::adapters::store::agreement_key`]).
//!   Exporting again, or after a re-import of the document, gives the same UIDs, so a
//!   calendar updates its events instead of duplicating them.
//! - **Escaping**: text goes through the `icalendar` crate's TEXT escaping (`\`, `;`, `,` and
//!   newlines); carriage returns and other control characters are normalised first, so a
//!   title cannot start a new property line.
//! - **Alarms** follow the agreement's ladder (its own or the global one) and are only set on
//!   events that still remind (open or overdue).

use std::io::Write as _;

use chrono::{Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};
use sha2::{Digest, Sha256};

use crate::adapters::remind::policy::{is_remindable, Ladder};
use crate::adapters::store::{agreement_key, Store, StoredAgreement};
use crate::domain::model::Agreement;
use crate::domain::rules::{assess, DatedEvent, EventStatus};
use crate::error::Result;

/// The result of an export.
#[derive(Debug, Clone)]
pub struct IcsExport {
    /// The iCalendar text (CRLF line ends, folded lines).
    pub text: String,
    /// Agreements exported.
    pub agreements: usize,
    /// VEVENTs written.
    pub events: usize,
    /// VALARMs written.
    pub alarms: usize,
}

/// The stable UID of `event` of the agreement titled `title`.
pub fn event_uid(title: &str, event: &DatedEvent) -> String {
    let hash = Sha256::digest(agreement_key(title).as_bytes());
    format!("{}/{}@renewal-desk", event.id(), &hex::encode(hash)[..16])
}

/// Text safe for a TEXT property: CR LF and lone CR become LF (escaped as `\n` by the
/// writer), other control characters become spaces.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Exports the agreements of `store` (only those whose contract owner contains `owner`,
/// case-insensitive, when given) as assessed on `today`, as one text ([`write_store`]
/// written to memory).
///
/// Errors: as [`write_store`].
pub fn export_store(store: &Store, today: NaiveDate, owner: Option<&str>) -> Result<IcsExport> {
    let mut bytes = Vec::new();
    let counts = write_store(store, today, owner, &mut bytes)?;
    Ok(IcsExport {
        text: String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        agreements: counts.agreements,
        events: counts.events,
        alarms: counts.alarms,
    })
}

/// What [`write_store`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IcsCounts {
    /// Agreements exported.
    pub agreements: usize,
    /// VEVENTs written.
    pub events: usize,
    /// VALARMs written.
    pub alarms: usize,
}

/// The calendar's opening lines (`BEGIN:VCALENDAR` and its properties), as the `icalendar`
/// crate writes them.
fn calendar_header() -> String {
    let mut cal = Calendar::new();
    cal.name("Renewal Desk deadlines");
    cal.append_property(Property::new("PRODID", "-//Renewal Desk//Reminders//EN"));
    let text = cal.done().to_string();
    text.strip_suffix(CALENDAR_END).unwrap_or(&text).to_string()
}

const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// Writes the agreements of `store` (only those whose contract owner contains `owner`,
/// case-insensitive, when given) as assessed on `today` to `out` as iCalendar, one
/// agreement at a time (issue 14 item 1: read in the compact form with sources,
/// [`Store::for_each_quoted`], so memory does not grow with the number of agreements). The
/// text is the same as [`export`] of the full agreements gives.
///
/// Errors: SQLite; stored JSON that cannot be read; [`crate::Error::Io`] (path `output`)
/// when `out` cannot be written.
pub fn write_store<W: std::io::Write>(
    store: &Store,
    today: NaiveDate,
    owner: Option<&str>,
    out: W,
) -> Result<IcsCounts> {
    let io = |source| crate::Error::Io {
        path: std::path::PathBuf::from("output"),
        source,
    };
    let global = store.global_ladder()?;
    let ladders = store.agreement_ladders()?;
    let owner = owner.map(str::to_lowercase);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(calendar_header().as_bytes()).map_err(io)?;
    let mut counts = IcsCounts::default();
    let mut text = String::new();
    store.for_each_quoted(|l| {
        let keep = match &owner {
            None => true,
            Some(o) => l
                .agreement
                .contract_owner
                .as_ref()
                .is_some_and(|c| c.value.to_lowercase().contains(o.as_str())),
        };
        if !keep {
            return Ok(());
        }
        let ladder = ladders.get(&l.id).unwrap_or(&global);
        let (events, alarms) = agreement_events(l.id, &l.agreement, ladder, today);
        text.clear();
        for ev in &events {
            // Writing to a String cannot fail.
            let _ = ev.fmt_write(&mut text);
        }
        out.write_all(text.as_bytes()).map_err(io)?;
        counts.agreements += 1;
        counts.events += events.len();
        counts.alarms += alarms;
        Ok(())
    })?;
    out.write_all(CALENDAR_END.as_bytes()).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(counts)
}

/// Adds one VALARM per step of `ladder` to `ev`; returns how many.
fn push_alarms(ev: &mut Event, ladder: &Ladder, summary: &str) -> usize {
    for &k in ladder.days() {
        let trigger = if k == 0 {
            "PT0S".to_string()
        } else {
            format!("-P{k}D")
        };
        let mut alarm = Alarm::display(
            &clean(&format!(
                "{summary}: {}",
                crate::adapters::remind::days_text(i64::from(k))
            )),
            Trigger::before_start(chrono::Duration::days(i64::from(k))),
        );
        alarm.append_property(
            Property::new("TRIGGER", trigger)
                .add_parameter("RELATED", "START")
                .done(),
        );
        ev.alarm(alarm);
    }
    ladder.days().len()
}

/// The VEVENTs of agreement `agreement_id` (`a`) as assessed on `today`, with alarms following
/// `ladder`: every dated event, and the internal decide-by date of its open question. Returns
/// them with how many VALARMs they hold.
fn agreement_events(
    agreement_id: i64,
    a: &Agreement,
    ladder: &Ladder,
    today: NaiveDate,
) -> (Vec<Event>, usize) {
    let mut out = Vec::new();
    let mut alarms = 0usize;
    let s = assess(a, today);
    let outcome = s.default_outcome(a);
    for e in &s.events {
        let summary = clean(&format!("{}: {}", a.title, e.label()));
        let mut description = vec![e.explanation()];
        description.push(format!("If nobody acts: {outcome}"));
        if e.status == EventStatus::Done {
            if let Some(m) = a.recorded.done.get(&e.id()) {
                description.push(format!("Done on {}: {}", m.done_on, m.note));
            }
        }
        description.extend(e.workings(a));
        description.push(format!("Event id: {} (agreement {agreement_id})", e.id()));
        let mut ev = Event::new();
        ev.uid(&event_uid(&a.title, e))
            .summary(&summary)
            .description(&clean(&description.join("\n")))
            .starts(e.date)
            .ends(e.date.checked_add_days(Days::new(1)).unwrap_or(e.date))
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", e.kind.as_str())
            .add_property("X-RENEWAL-DESK-STATUS", e.status.as_str());
        if is_remindable(e) {
            alarms += push_alarms(&mut ev, ladder, &summary);
        }
        out.push(ev.done());
    }
    // The internal decide-by date of the open question (issue 16 item 3), labelled as
    // internal, with the ladder's alarms while it is still ahead.
    let decision = s.decision(a);
    if let (Some(date), Some(id), Some(act_by)) =
        (decision.decide_by, decision.decide_by_id(), decision.act_by)
    {
        let summary = clean(&format!(
            "{}: {}",
            a.title,
            crate::adapters::remind::policy::decide_by_label(&decision, act_by)
        ));
        let mut description = vec![
            format!(
                "An internal date, not a contractual deadline: {}.",
                decision.decide_by_text().unwrap_or_default()
            ),
            format!("The decision: {}.", decision.question),
        ];
        if let Some(when) = decision.when_text() {
            description.push(format!("{when}."));
        }
        description.push(format!("If nobody acts: {outcome}"));
        description.push(format!("Id: {id} (agreement {agreement_id})"));
        let hash = Sha256::digest(agreement_key(&a.title).as_bytes());
        let mut ev = Event::new();
        ev.uid(&format!("{id}/{}@renewal-desk", &hex::encode(hash)[..16]))
            .summary(&summary)
            .description(&clean(&description.join("\n")))
            .starts(date)
            .ends(date.checked_add_days(Days::new(1)).unwrap_or(date))
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", "decide_by")
            .add_property("X-RENEWAL-DESK-STATUS", "internal");
        if crate::adapters::remind::policy::decide_by_remindable(&decision, today).is_some() {
            alarms += push_alarms(&mut ev, ladder, &summary);
        }
        out.push(ev.done());
    }
    (out, alarms)
}

/// Exports `agreements`, each with its ladder, as assessed on `today`: every dated event,
/// and the internal decide-by date of each open question (issue 16 item 3; UID
/// `decide_by:<event id>/<agreement hash>@renewal-desk`, category `decide_by`).
pub fn export(agreements: &[(StoredAgreement, Ladder)], today: NaiveDate) -> IcsExport {
    let mut cal = Calendar::new();
    cal.name("Renewal Desk deadlines");
    cal.append_property(Property::new("PRODID", "-//Renewal Desk//Reminders//EN"));
    let (mut events, mut alarms) = (0usize, 0usize);
    for (stored, ladder) in agreements {
        let (evs, n) = agreement_events(stored.id, &stored.agreement, ladder, today);
        events += evs.len();
        alarms += n;
        for ev in evs {
            cal.push(ev);
        }
    }
    IcsExport {
        text: cal.done().to_string(),
        agreements: agreements.len(),
        events,
        alarms,
    }
}
