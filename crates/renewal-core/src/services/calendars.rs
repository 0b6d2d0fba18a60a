//! Calendars loaded by the user (issue 10, item 4): import one from an `.ics` file under a
//! name, list them, choose one for an agreement (recorded in its history like any edit),
//! remove one.
//!
//! Rule 4 of renewal-rules.md with a chosen calendar: its days are non-business days *in
//! addition to* the public holidays of the agreement's country (see
//! [`crate::domain::calendar::CustomCalendar`]). The agreement keeps a copy of the
//! calendar's name and days, so the engine stays pure and re-importing or removing the
//! stored calendar never changes an agreement's deadlines behind the user's back: choose
//! it again to take a new version.

use std::path::Path;

use crate::adapters::calendar_ics::{read_calendar_days, MAX_ICS_BYTES};
use crate::adapters::store::{Change, Store, StoredCalendar};
use crate::domain::calendar::CustomCalendar;
use crate::error::{Error, Result};

/// Reads the `.ics` file at `path` and stores its days as the calendar `name`.
///
/// Errors: [`Error::Io`] when the file cannot be read; [`Error::Invalid`] naming the file
/// and what was expected when it is not a usable iCalendar file (see
/// [`read_calendar_days`]); [`Error::Invalid`] for an empty or already used name. On any
/// error nothing is stored.
pub fn import_calendar(store: &mut Store, path: &Path, name: &str) -> Result<StoredCalendar> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let size = std::fs::metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if usize::try_from(size).ok().is_none_or(|s| s > MAX_ICS_BYTES) {
        return Err(Error::Invalid {
            field: format!("calendar file {file_name}"),
            message: format!("{size} bytes: expected an .ics file of at most 5 MiB"),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let days = read_calendar_days(&file_name, &bytes)?;
    let calendar = CustomCalendar::new(name.trim(), days);
    store.add_calendar(&calendar, &file_name)?;
    store
        .calendar(name)?
        .ok_or_else(|| Error::Schema(format!("calendar {name:?} was stored but cannot be read")))
}

/// Every stored calendar, by name.
pub fn list_calendars(store: &Store) -> Result<Vec<StoredCalendar>> {
    store.list_calendars()
}

/// Chooses the stored calendar `name` for agreement `id` (a copy of its name and days goes
/// into the agreement) and records the change in its history under `edit`. Returns the
/// changes (empty when it already had this calendar with the same days).
///
/// Errors: [`Error::NotFound`] for an unknown agreement; [`Error::Invalid`] (field
/// `calendar`) for an unknown calendar name, listing the known ones.
pub fn use_calendar(store: &mut Store, id: i64, name: &str) -> Result<Vec<Change>> {
    let mut agreement = store.get(id)?.agreement;
    let Some(stored) = store.calendar(name)? else {
        let known: Vec<String> = store
            .list_calendars()?
            .into_iter()
            .map(|c| c.calendar.name)
            .collect();
        return Err(Error::Invalid {
            field: "calendar".into(),
            message: format!(
                "no calendar named {name:?}: expected one of [{}] or import it first \
                 (renewals calendar import FILE.ics --name NAME)",
                known.join(", ")
            ),
        });
    };
    agreement.calendar = Some(stored.calendar);
    store.update(id, &agreement, "edit")
}

/// Removes the chosen calendar from agreement `id` (rule 4 then uses the country's public
/// holidays only) and records the change under `edit`. Errors: [`Error::NotFound`].
pub fn clear_calendar(store: &mut Store, id: i64) -> Result<Vec<Change>> {
    let mut agreement = store.get(id)?.agreement;
    agreement.calendar = None;
    store.update(id, &agreement, "edit")
}

/// Removes the stored calendar `name`; agreements that chose it keep their copy. Returns
/// whether it existed.
pub fn remove_calendar(store: &mut Store, name: &str) -> Result<bool> {
    store.remove_calendar(name)
}
