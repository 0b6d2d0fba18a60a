//! Computed views kept between starts (table `view_cache`, migration 0011): a view is
//! stored with the as-of date, the generation of the engine copies
//! ([`Store::view_generation`]) and the program version it was computed with, and is given
//! back only when all three are exactly the current ones. Every write to `agreement_engine`
//! advances the generation (SQLite triggers, in the writing transaction), so a stored view
//! can never outlive the data it was computed from.

use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{params, ErrorCode, OptionalExtension};

use super::{Store, BUSY_TIMEOUT};
use crate::error::{Error, Result};

impl Store {
    /// How many times the engine copies (`agreement_engine`) have been written since
    /// migration 0011: advanced by every insert, update and delete of a row.
    ///
    /// Errors: SQLite errors.
    pub fn view_generation(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT generation FROM view_generation WHERE id = 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// Runs `f` inside one read transaction, so that everything `f` reads (the
    /// [`Store::view_generation`] and the agreements) comes from one snapshot of the
    /// database, whatever other processes write meanwhile.
    ///
    /// Errors: SQLite errors (also when a transaction is already open on this store), or
    /// `f`'s.
    pub fn read_snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(self)?;
        tx.commit()?;
        Ok(out)
    }

    /// The stored view `name` (its JSON) if it was computed as of `as_of` at generation
    /// `generation` by program `version`; `None` otherwise.
    ///
    /// Errors: SQLite errors.
    pub fn stored_view(
        &self,
        name: &str,
        as_of: NaiveDate,
        generation: i64,
        version: &str,
    ) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT json FROM view_cache
                 WHERE name = ?1 AND as_of = ?2 AND generation = ?3 AND version = ?4",
                params![name, as_of.to_string(), generation, version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores view `name` (its JSON), computed as of `as_of` at generation `generation`
    /// by program `version`, in place of the one stored before. Does not wait for another
    /// writer: returns `Ok(false)` (nothing stored) when the database is busy or
    /// read-only, since a view can always be computed again.
    ///
    /// Errors: other SQLite errors.
    pub fn store_view(
        &self,
        name: &str,
        as_of: NaiveDate,
        generation: i64,
        version: &str,
        json: &str,
    ) -> Result<bool> {
        self.conn.busy_timeout(Duration::ZERO)?;
        let written = self.conn.execute(
            "INSERT INTO view_cache(name, as_of, generation, version, json)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(name) DO UPDATE SET as_of = excluded.as_of,
                 generation = excluded.generation, version = excluded.version,
                 json = excluded.json",
            params![name, as_of.to_string(), generation, version, json],
        );
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        match written {
            Ok(_) => Ok(true),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked | ErrorCode::ReadOnly
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(Error::from(e)),
        }
    }
}
