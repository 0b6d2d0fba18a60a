//! Calendars loaded by the user (table `calendars`, migration 0004): stored by name, with
//! their days as JSON. See [`crate::domain::calendar::CustomCalendar`].

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now, Store};
use crate::domain::calendar::{CustomCalendar, CustomDay};
use crate::error::{Error, Result};

/// A stored calendar: what `renewals calendar list` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCalendar {
    /// Row id.
    pub id: i64,
    /// The calendar with its name and days (sorted by date).
    pub calendar: CustomCalendar,
    /// The `.ics` file it was imported from (file name only).
    pub file_name: String,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
}

impl Store {
    /// Stores `calendar` under its name, read from `file_name`. Returns its row id.
    ///
    /// Errors: [`Error::Invalid`] (field `calendar name`) when the name is empty or a
    /// calendar with that name (case-insensitive) already exists; nothing is stored then.
    pub fn add_calendar(&mut self, calendar: &CustomCalendar, file_name: &str) -> Result<i64> {
        let name = calendar.name.trim();
        if name.is_empty() {
            return Err(Error::Invalid {
                field: "calendar name".into(),
                message: "empty: expected a name such as \"Antioquia holidays\"".into(),
            });
        }
        if self.calendar(name)?.is_some() {
            return Err(Error::Invalid {
                field: "calendar name".into(),
                message: format!(
                    "a calendar named {name:?} already exists: choose another name or \
                     remove it first"
                ),
            });
        }
        self.conn.execute(
            "INSERT INTO calendars(name, file_name, imported_at, days) VALUES (?1, ?2, ?3, ?4)",
            params![
                name,
                file_name,
                now(),
                serde_json::to_string(&calendar.days)?
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every stored calendar, by name (case-insensitive order).
    pub fn list_calendars(&self) -> Result<Vec<StoredCalendar>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, file_name, imported_at, days FROM calendars ORDER BY name",
        )?;
        let rows = stmt.query_map([], row_to_calendar)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The calendar named `name` (case-insensitive), if stored.
    pub fn calendar(&self, name: &str) -> Result<Option<StoredCalendar>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, file_name, imported_at, days FROM calendars WHERE name = ?1",
                [name.trim()],
                row_to_calendar,
            )
            .optional()?;
        row.transpose()
    }

    /// Removes the calendar named `name` (case-insensitive). Agreements that chose it keep
    /// their copy of its days. Returns whether a calendar was removed.
    pub fn remove_calendar(&mut self, name: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM calendars WHERE name = ?1", [name.trim()])?;
        Ok(n > 0)
    }
}

fn row_to_calendar(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredCalendar>> {
    let days: String = r.get(4)?;
    let name: String = r.get(1)?;
    Ok(match serde_json::from_str::<Vec<CustomDay>>(&days) {
        Ok(days) => Ok(StoredCalendar {
            id: r.get(0)?,
            calendar: CustomCalendar::new(name, days),
            file_name: r.get(2)?,
            imported_at: r.get(3)?,
        }),
        Err(e) => Err(Error::Json(e)),
    })
}
