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

use chrono::{Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};
use sha2::{Digest, Sha256};

use crate::adapters::remind::policy::{is_remindable, Ladder};
use crate::adapters::store::{agreement_key, Store, StoredAgreement};
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
/// case-insensitive, when given) as assessed on `today`.
pub fn export_store(store: &Store, today: NaiveDate, owner: Option<&str>) -> Result<IcsExport> {
    let global = store.global_ladder()?;
    let ladders = store.agreement_ladders()?;
    let owner = owner.map(str::to_lowercase);
    let list: Vec<(StoredAgreement, Ladder)> = store
        .list()?
        .into_iter()
        .filter(|s| match &owner {
            None => true,
            Some(o) => s
                .agreement
                .contract_owner
                .as_ref()
                .is_some_and(|c| c.value.to_lowercase().contains(o.as_str())),
        })
        .map(|s| {
            let l = ladders
                .get(&s.id)
                .cloned()
                .unwrap_or_else(|| global.clone());
            (s, l)
        })
        .collect();
    Ok(export(&list, today))
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

/// Exports `agreements`, each with its ladder, as assessed on `today`: every dated event,
/// and the internal decide-by date of each open question (issue 16 item 3; UID
/// `decide_by:<event id>/<agreement hash>@renewal-desk`, category `decide_by`).
pub fn export(agreements: &[(StoredAgreement, Ladder)], today: NaiveDate) -> IcsExport {
    let mut cal = Calendar::new();
    cal.name("Renewal Desk deadlines");
    cal.append_property(Property::new("PRODID", "-//Renewal Desk//Reminders//EN"));
    let (mut events, mut alarms) = (0usize, 0usize);
    for (stored, ladder) in agreements {
        let a = &stored.agreement;
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
            description.push(format!("Event id: {} (agreement {})", e.id(), stored.id));
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
            cal.push(ev.done());
            events += 1;
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
            description.push(format!("Id: {id} (agreement {})", stored.id));
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
            cal.push(ev.done());
            events += 1;
        }
    }
    IcsExport {
        text: cal.done().to_string(),
        agreements: agreements.len(),
        events,
        alarms,
    }
}
