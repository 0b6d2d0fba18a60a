//! The people directory (issue 12 item 1): contract owners and their deputies, each with a
//! name and an email address. An agreement's contract owner is linked by name
//! (case-insensitive); an owner named in an agreement but absent here, or present with no
//! address, is a person to complete and receives no email.

use lettre::Address;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::adapters::store::Store;
use crate::error::{Error, Result};

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 200;

/// A person in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The name agreements use for them (unique, case-insensitive), e.g. "Ana Torres".
    pub name: String,
    /// Their email address, e.g. `ana.torres@example.pe`; `None` until completed.
    pub email: Option<String>,
    /// The deputy's name, when one is set (receives escalations).
    pub deputy: Option<String>,
    /// How many agreements name them as contract owner.
    pub agreements: usize,
}

/// A contract owner named by agreements who cannot be emailed yet: not in the directory,
/// or in it without an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OwnerToComplete {
    /// The owner's name as the agreements give it, e.g. "Commercial Director".
    pub name: String,
    /// Ids of the agreements that name them.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub agreement_ids: Vec<i64>,
    /// Whether a directory entry exists (with no address) or none at all.
    pub in_directory: bool,
}

/// Checks a name: 1 to [`MAX_NAME`] characters, no control characters.
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: "name".into(),
            message: format!(
                "{name:?}: expected a name of 1 to {MAX_NAME} characters without line breaks"
            ),
        });
    }
    Ok(name.to_string())
}

/// Checks an email address with lettre's parser (RFC 5321 mailbox, no display name, no
/// line breaks): `ana@example.pe` is valid, `ana@example.pe\r\nBcc: x@y` is not.
pub fn check_email(email: &str) -> Result<String> {
    let e = email.trim();
    e.parse::<Address>()
        .map(|a| a.to_string())
        .map_err(|why| Error::Invalid {
            field: "email".into(),
            message: format!(
                "{e:?} is not an email address ({why}): expected e.g. ana.torres@example.pe"
            ),
        })
}

impl Store {
    /// Every person, by name, with their deputy and how many agreements they own.
    ///
    /// Errors: SQLite errors.
    pub fn people(&self) -> Result<Vec<Person>> {
        let owners = self.owner_counts()?;
        let mut stmt = self.conn().prepare(
            "SELECT p.id, p.name, p.email, d.name FROM people p
             LEFT JOIN people d ON d.id = p.deputy_id ORDER BY p.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                email: r.get(2)?,
                deputy: r.get(3)?,
                agreements: 0,
            })
        })?;
        let mut out = Vec::new();
        for p in rows {
            let mut p = p?;
            p.agreements = owners
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(&p.name))
                .map(|(_, ids)| ids.len())
                .sum();
            out.push(p);
        }
        Ok(out)
    }

    /// The person named `name` (case-insensitive), if any.
    ///
    /// Errors: SQLite errors.
    pub fn person(&self, name: &str) -> Result<Option<Person>> {
        Ok(self
            .people()?
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim())))
    }

    /// Adds a person. Errors: [`Error::Invalid`] naming `name`, `email` or `deputy` for a
    /// bad name, a bad address, an unknown deputy or a name already in the directory.
    pub fn add_person(
        &mut self,
        name: &str,
        email: Option<&str>,
        deputy: Option<&str>,
    ) -> Result<Person> {
        let name = check_name(name)?;
        let email = email.map(check_email).transpose()?;
        let tx = self.conn_mut().transaction()?;
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM people WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(Error::Invalid {
                field: "name".into(),
                message: format!("{name:?} is already in the directory: use `people edit`"),
            });
        }
        let deputy_id = match deputy {
            Some(d) => Some(deputy_id(&tx, d, &name)?),
            None => None,
        };
        tx.execute(
            "INSERT INTO people (name, email, deputy_id) VALUES (?1, ?2, ?3)",
            params![name, email, deputy_id],
        )?;
        tx.commit()?;
        self.person(&name)?.ok_or_else(|| Error::Invalid {
            field: "name".into(),
            message: format!("{name:?} was not stored"),
        })
    }

    /// Changes a person's address and/or deputy (`Some("")` clears the deputy).
    /// Errors: [`Error::Invalid`] for an unknown person, a bad address or an unknown deputy.
    pub fn edit_person(
        &mut self,
        name: &str,
        email: Option<&str>,
        deputy: Option<&str>,
    ) -> Result<Person> {
        let email = email.map(check_email).transpose()?;
        let tx = self.conn_mut().transaction()?;
        let id: i64 = tx
            .query_row(
                "SELECT id FROM people WHERE name = ?1",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| unknown(name))?;
        if let Some(e) = email {
            tx.execute("UPDATE people SET email = ?2 WHERE id = ?1", params![id, e])?;
        }
        match deputy.map(str::trim) {
            Some("") => {
                tx.execute("UPDATE people SET deputy_id = NULL WHERE id = ?1", [id])?;
            }
            Some(d) => {
                let did = deputy_id(&tx, d, name.trim())?;
                tx.execute(
                    "UPDATE people SET deputy_id = ?2 WHERE id = ?1",
                    params![id, did],
                )?;
            }
            None => {}
        }
        tx.commit()?;
        self.person(name)?.ok_or_else(|| unknown(name))
    }

    /// Removes a person. Refused, with the agreements listed, while an agreement names them
    /// as contract owner or a person has them as deputy.
    pub fn remove_person(&mut self, name: &str) -> Result<()> {
        let p = self.person(name)?.ok_or_else(|| unknown(name))?;
        let owned: Vec<i64> = self
            .owner_counts()?
            .into_iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(&p.name))
            .flat_map(|(_, ids)| ids)
            .collect();
        if !owned.is_empty() {
            return Err(Error::Invalid {
                field: "name".into(),
                message: format!(
                    "{} is the contract owner of agreement(s) {}: give them another owner first (`renewals edit ID contract_owner NAME`)",
                    p.name,
                    owned.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        let mut watching: Vec<i64> = Vec::new();
        self.for_each_listed(|l| {
            if l.agreement
                .recorded
                .watchers
                .iter()
                .any(|w| w.trim().eq_ignore_ascii_case(&p.name))
            {
                watching.push(l.id);
            }
            Ok(())
        })?;
        if !watching.is_empty() {
            return Err(Error::Invalid {
                field: "name".into(),
                message: format!(
                    "{} watches agreement(s) {}: remove them from its watchers first (`renewals edit ID watchers NAMES`)",
                    p.name,
                    watching.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        let deputising: Option<String> = self
            .conn()
            .query_row(
                "SELECT name FROM people WHERE deputy_id = ?1 LIMIT 1",
                [p.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(of) = deputising {
            return Err(Error::Invalid {
                field: "name".into(),
                message: format!("{} is the deputy of {of}: change that first", p.name),
            });
        }
        self.conn()
            .execute("DELETE FROM people WHERE id = ?1", [p.id])?;
        Ok(())
    }

    /// Contract owners named by agreements who cannot be emailed: not in the directory, or
    /// in it without an address.
    pub fn owners_to_complete(&self) -> Result<Vec<OwnerToComplete>> {
        let people = self.people()?;
        Ok(self
            .owner_counts()?
            .into_iter()
            .filter_map(|(name, agreement_ids)| {
                let found = people.iter().find(|p| p.name.eq_ignore_ascii_case(&name));
                match found {
                    Some(p) if p.email.is_some() => None,
                    _ => Some(OwnerToComplete {
                        name,
                        agreement_ids,
                        in_directory: found.is_some(),
                    }),
                }
            })
            .collect())
    }

    /// `(owner name, agreement ids)` for every contract owner the agreements name.
    fn owner_counts(&self) -> Result<Vec<(String, Vec<i64>)>> {
        let mut by_name: Vec<(String, Vec<i64>)> = Vec::new();
        self.for_each_listed(|l| {
            if let Some(o) = &l.agreement.contract_owner {
                let name = o.value.trim().to_string();
                match by_name
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                {
                    Some((_, ids)) => ids.push(l.id),
                    None if !name.is_empty() => by_name.push((name, vec![l.id])),
                    None => {}
                }
            }
            Ok(())
        })?;
        Ok(by_name)
    }
}

fn unknown(name: &str) -> Error {
    Error::Invalid {
        field: "name".into(),
        message: format!(
            "no person named {:?} in the directory (see `renewals people list`)",
            name.trim()
        ),
    }
}

fn deputy_id(tx: &rusqlite::Transaction<'_>, deputy: &str, of: &str) -> Result<i64> {
    if deputy.trim().eq_ignore_ascii_case(of) {
        return Err(Error::Invalid {
            field: "deputy".into(),
            message: format!("{of} cannot be their own deputy"),
        });
    }
    tx.query_row(
        "SELECT id FROM people WHERE name = ?1",
        [deputy.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::Invalid {
        field: "deputy".into(),
        message: format!("no person named {:?}: add the deputy first", deputy.trim()),
    })
}
