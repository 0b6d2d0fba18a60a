//! Reminders by email in the app (issue 12): the people directory (contract owners and
//! their deputies), the mail settings with the SMTP password kept in the system keyring,
//! "Send a test email", and one agreement's owner and email log. Every rule is the core's
//! ([`renewal_core::adapters::mail`]); the password never comes back to the page.

use renewal_core::adapters::mail::settings::{self, PasswordStatus};
use renewal_core::adapters::mail::{self, MailSettings, Person, Security, Smtp};
use renewal_core::adapters::store::Store;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;

use super::blocking;
use crate::error::{AppError, AppResult};

/// An agreement named on the people directory: its id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AgreementRef {
    /// Agreement id.
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    /// Its title.
    pub title: String,
}

/// A person of the directory with the agreements that name them as contract owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DirectoryPerson {
    /// The name agreements use for them, e.g. "Ana Torres".
    pub name: String,
    /// Their email address; `null` while they are to complete.
    pub email: Option<String>,
    /// Their deputy's name (told on escalation), if any.
    pub deputy: Option<String>,
    /// The agreements that name them as contract owner, by id.
    pub agreements: Vec<AgreementRef>,
}

/// A contract owner who cannot be emailed yet (see
/// [`renewal_core::adapters::mail::OwnerToComplete`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ToComplete {
    /// The owner's name as the agreements give it, e.g. "Commercial Director".
    pub name: String,
    /// Whether the directory has them (with no address) or not at all.
    pub in_directory: bool,
    /// The agreements that name them.
    pub agreements: Vec<AgreementRef>,
}

/// The people directory as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PeopleDirectory {
    /// Everyone in the directory, by name.
    pub people: Vec<DirectoryPerson>,
    /// Contract owners named by agreements who cannot be emailed yet, flagged "to complete".
    pub to_complete: Vec<ToComplete>,
}

/// The directory of `store`, agreements named with their titles. Walks the agreements
/// four times (one here for titles and owners, one for [`Store::people`], two for
/// [`Store::owners_to_complete`]): the Agreements view asks for it after its table.
///
/// # Errors
/// `database` if the store fails; `corrupt` for an unreadable agreement.
pub fn directory(store: &Store) -> AppResult<PeopleDirectory> {
    // (id, title, contract owner) of every agreement, in id order.
    let mut listed: Vec<(i64, String, Option<String>)> = Vec::new();
    store.for_each_listed(|l| {
        let owner = l
            .agreement
            .contract_owner
            .as_ref()
            .map(|o| o.value.trim().to_string())
            .filter(|o| !o.is_empty());
        listed.push((l.id, l.agreement.title.clone(), owner));
        Ok(())
    })?;
    let refs = |ids: &[i64]| -> Vec<AgreementRef> {
        ids.iter()
            .map(|id| AgreementRef {
                id: *id,
                title: listed
                    .iter()
                    .find(|(i, _, _)| i == id)
                    .map(|(_, t, _)| t.clone())
                    .unwrap_or_else(|| format!("Agreement {id}")),
            })
            .collect()
    };
    // Linked by name, case-insensitive, as the core links a contract owner to a person.
    let owned = |name: &str| -> Vec<AgreementRef> {
        listed
            .iter()
            .filter(|(_, _, o)| o.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(name)))
            .map(|(id, title, _)| AgreementRef {
                id: *id,
                title: title.clone(),
            })
            .collect()
    };
    let people = store
        .people()?
        .into_iter()
        .map(|p: Person| DirectoryPerson {
            agreements: owned(&p.name),
            name: p.name,
            email: p.email,
            deputy: p.deputy,
        })
        .collect();
    let to_complete = store
        .owners_to_complete()?
        .into_iter()
        .map(|o| ToComplete {
            agreements: refs(&o.agreement_ids),
            name: o.name,
            in_directory: o.in_directory,
        })
        .collect();
    Ok(PeopleDirectory {
        people,
        to_complete,
    })
}

/// `Some(trimmed)` for a non-empty text, `None` for an empty one.
fn given(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// The people directory.
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn people_directory(app: AppHandle) -> AppResult<PeopleDirectory> {
    blocking(app, |_, s| directory(&*s.store()?)).await
}

/// How many contract owners cannot be emailed yet: the length of [`directory`]'s
/// `to_complete` (owners named by agreements, trimmed and compared ignoring ASCII case as
/// [`Store::owners_to_complete`] does, who are not in the directory or have no address),
/// counted from the agreements table's owners (kept by the app, see
/// [`crate::views::table_view`]) and the people table. The Agreements view shows this
/// count; [`directory`] walks every agreement four times and lists every agreement of
/// every owner (at 100,000 agreements, seconds and megabytes for one number).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn owners_to_complete_count(app: AppHandle) -> AppResult<usize> {
    blocking(app, |_, s| {
        let table = crate::views::table_view(s)?;
        let people = s.store()?.people()?;
        Ok(count_to_complete(
            table.options().owners.iter().map(String::as_str),
            &people,
        ))
    })
    .await
}

/// The number of distinct `owners` (trimmed, ASCII case ignored, empty ones skipped) that
/// no one in `people` with an email address names ([`owners_to_complete_count`]).
pub fn count_to_complete<'a>(owners: impl Iterator<Item = &'a str>, people: &[Person]) -> usize {
    let reachable: std::collections::HashSet<String> = people
        .iter()
        .filter(|p| p.email.is_some())
        .map(|p| p.name.to_ascii_lowercase())
        .collect();
    owners
        .map(|o| o.trim().to_ascii_lowercase())
        .filter(|o| !o.is_empty() && !reachable.contains(o))
        .collect::<std::collections::HashSet<String>>()
        .len()
}

/// Adds a person (`email` and `deputy` empty: none yet) and returns the new directory.
///
/// # Errors
/// `invalid` naming `name` (empty, too long, already in the directory), `email` (not an
/// address) or `deputy` (not in the directory); `database`.
#[tauri::command]
pub async fn add_person(
    app: AppHandle,
    name: String,
    email: String,
    deputy: String,
) -> AppResult<PeopleDirectory> {
    blocking(app, move |_, s| {
        let mut store = s.store()?;
        store.add_person(&name, given(&email), given(&deputy))?;
        directory(&store)
    })
    .await
}

/// Changes person `name`'s address (empty: unchanged) and deputy (empty: none) and returns
/// the new directory.
///
/// # Errors
/// `invalid` naming `name` (no such person), `email` or `deputy`; `database`.
#[tauri::command]
pub async fn edit_person(
    app: AppHandle,
    name: String,
    email: String,
    deputy: String,
) -> AppResult<PeopleDirectory> {
    blocking(app, move |_, s| {
        let mut store = s.store()?;
        store.edit_person(&name, given(&email), Some(deputy.trim()))?;
        directory(&store)
    })
    .await
}

/// Removes person `name` and returns the new directory.
///
/// # Errors
/// `invalid` on `name`, refused with the core's message while an agreement names them as
/// contract owner or someone has them as deputy; `database`.
#[tauri::command]
pub async fn remove_person(app: AppHandle, name: String) -> AppResult<PeopleDirectory> {
    blocking(app, move |_, s| {
        let mut store = s.store()?;
        store.remove_person(&name)?;
        directory(&store)
    })
    .await
}

/// The mail settings as Settings shows them: never the password, only where it would come
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MailSettingsView {
    /// The stored settings; `null` until mail is set up.
    pub settings: Option<MailSettings>,
    /// Whether a password is stored, and where (the environment or the keyring), or why
    /// the keyring cannot be read.
    pub password: PasswordStatus,
    /// The environment variable read for the password on headless runs.
    pub password_env: String,
}

/// The mail settings form as typed: every field text, parsed and checked by
/// [`parse_form`] like `renewals mail set`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MailForm {
    /// SMTP host, e.g. `smtp.example.pe`.
    pub host: String,
    /// TCP port, 1 to 65535, e.g. `587`.
    pub port: String,
    /// Connection security.
    pub security: Security,
    /// Sender address.
    pub from: String,
    /// SMTP user; empty: no login.
    pub user: String,
    /// Escalation address (the commercial director); empty: none.
    pub escalation: String,
    /// Days before a notice deadline from which the deputy and the escalation address are
    /// told too (0 to 3650); empty: the default, 14.
    pub escalate_days: String,
    /// Days before the date from which the brief PDF is attached (0 to 3650); empty: 30.
    pub attach_brief_days: String,
}

/// Longest escalation or attach step accepted, in days (ten years, like the ladder's).
const MAX_DAYS: u32 = 3650;

/// A whole number of days from 0 to [`MAX_DAYS`] in `field`; `None` when empty.
fn days(field: &str, text: &str) -> AppResult<Option<u32>> {
    let Some(t) = given(text) else {
        return Ok(None);
    };
    match t.parse::<u32>() {
        Ok(n) if n <= MAX_DAYS => Ok(Some(n)),
        _ => Err(AppError::invalid(
            field,
            format!("{t:?}: expected a whole number of days from 0 to {MAX_DAYS}"),
        )),
    }
}

/// The settings the form describes.
///
/// # Errors
/// `invalid` naming `port`, `escalate_days` or `attach_brief_days`, then what
/// [`MailSettings::check`] says (`host`, `from`, `escalation`).
pub fn parse_form(form: &MailForm) -> AppResult<MailSettings> {
    let port = form.port.trim();
    let port = match port.parse::<u16>() {
        Ok(p) if p > 0 => p,
        _ => {
            return Err(AppError::invalid(
                "port",
                format!("{port:?}: expected a TCP port from 1 to 65535, e.g. 587"),
            ))
        }
    };
    let s = MailSettings {
        host: form.host.trim().to_string(),
        port,
        security: form.security,
        from: form.from.trim().to_string(),
        user: given(&form.user).map(str::to_string),
        escalation: given(&form.escalation).map(str::to_string),
        escalate_days: days("escalate_days", &form.escalate_days)?.map(i64::from),
        attach_brief_days: days("attach_brief_days", &form.attach_brief_days)?
            .unwrap_or(settings::DEFAULT_ATTACH_BRIEF_DAYS),
    };
    s.check()?;
    Ok(s)
}

fn view(store: &Store) -> AppResult<MailSettingsView> {
    let settings = store.mail_settings()?;
    let password = match &settings {
        Some(s) => settings::password_status(s),
        // Not set up: only the environment can hold a password yet.
        None => settings::password_status(&MailSettings {
            host: String::new(),
            port: 25,
            security: Security::None,
            from: String::new(),
            user: None,
            escalation: None,
            escalate_days: None,
            attach_brief_days: settings::DEFAULT_ATTACH_BRIEF_DAYS,
        }),
    };
    Ok(MailSettingsView {
        settings,
        password,
        password_env: settings::PASSWORD_ENV.to_string(),
    })
}

/// The mail settings (never the password).
///
/// # Errors
/// `database`; `corrupt` for an unreadable stored setting.
#[tauri::command]
pub async fn mail_settings(app: AppHandle) -> AppResult<MailSettingsView> {
    blocking(app, |_, s| view(&*s.store()?)).await
}

/// Saves the mail settings; with a non-empty `password`, keeps it in the system keyring
/// for `user@host` (the core's [`settings::store_password`], as `renewals mail set
/// --password-stdin`). The password is never stored in the database, logged or returned.
///
/// # Errors
/// `invalid` naming the field (`host`, `port`, `from`, `escalation`, `escalate_days`,
/// `attach_brief_days`; `user` for a password without a user; `password` when the keyring
/// cannot store it: the settings are then saved, the password is not); `database`.
#[tauri::command]
pub async fn save_mail_settings(
    app: AppHandle,
    form: MailForm,
    password: Option<String>,
) -> AppResult<MailSettingsView> {
    blocking(app, move |_, s| {
        save_settings(&*s.store()?, &form, password)
    })
    .await
}

/// Checks `form`, stores the settings in `store` and, with a non-empty `password`, keeps
/// it in the keyring (see [`save_mail_settings`]); returns what Settings shows.
///
/// # Errors
/// As [`save_mail_settings`]: nothing is stored when the form is refused or a password
/// comes without a user; the settings are stored when only the keyring fails.
pub fn save_settings(
    store: &Store,
    form: &MailForm,
    password: Option<String>,
) -> AppResult<MailSettingsView> {
    let settings = parse_form(form)?;
    let password = password.filter(|p| !p.is_empty());
    if password.is_some() && settings.user.is_none() {
        return Err(AppError::invalid(
            "user",
            "a password needs the SMTP user it belongs to: fill in the user",
        ));
    }
    store.set_mail_settings(&settings)?;
    tracing::info!(
        "mail settings saved: {}:{} ({:?}), from {}",
        settings.host,
        settings.port,
        settings.security,
        settings.from
    );
    if let Some(p) = password {
        settings::store_password(&settings, &p)?;
        tracing::info!("SMTP password kept in the system keyring");
    }
    view(store)
}

/// What became of a test email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TestEmail {
    /// The address it was sent to.
    pub to: String,
    /// Whether the server accepted it.
    pub delivered: bool,
    /// The server that took it, e.g. `SMTP 127.0.0.1:2525`.
    pub via: Option<String>,
    /// Why it failed, naming the server (never the password).
    pub failure: Option<String>,
}

/// `text` with every occurrence of `secret` replaced by `•••` (a second guard: the core's
/// messages already never contain the password).
fn redact(text: String, secret: Option<&str>) -> String {
    match secret {
        Some(p) if !p.is_empty() && text.contains(p) => text.replace(p, "•••"),
        _ => text,
    }
}

/// Sends a test email to `to` with the saved settings (the core's
/// [`mail::run::send_test`], as `renewals mail test`). A refused or failed send is a
/// result, not an error: it says why.
///
/// # Errors
/// `invalid` naming `to` (not an address) or `host` (mail not set up yet); `database`.
#[tauri::command]
pub async fn send_test_email(app: AppHandle, to: String) -> AppResult<TestEmail> {
    blocking(app, move |_, s| {
        let settings = s.store()?.mail_settings()?.ok_or_else(|| {
            AppError::invalid(
                "host",
                "mail is not set up yet: save the mail settings first",
            )
        })?;
        let password = settings::password(&settings);
        test_email(&settings, password, &to, s.config.real_today())
    })
    .await
}

/// Sends the test email of [`send_test_email`] to `to` with `settings` and `password`
/// (the SMTP login's, when the settings name a user), dated `as_of`.
///
/// # Errors
/// `invalid` naming `to` for text that is not an address. A failed send is not an error:
/// the result says why, the password (if it appears at all) replaced by `•••`.
pub fn test_email(
    settings: &MailSettings,
    password: Option<String>,
    to: &str,
    as_of: chrono::NaiveDate,
) -> AppResult<TestEmail> {
    let to = mail::people::check_email(to).map_err(|e| match e {
        renewal_core::Error::Invalid { message, .. } => AppError::invalid("to", message),
        other => other.into(),
    })?;
    let sent = Smtp::new(settings, password.clone())
        .and_then(|smtp| mail::run::send_test(settings, &smtp, &to, as_of));
    Ok(match sent {
        Ok(via) => {
            tracing::info!("test email sent to {to} via {via}");
            TestEmail {
                to,
                delivered: true,
                via: Some(via),
                failure: None,
            }
        }
        Err(e) => {
            let why = redact(e.to_string(), password.as_deref());
            tracing::warn!("test email to {to} failed: {why}");
            TestEmail {
                to,
                delivered: false,
                via: None,
                failure: Some(why),
            }
        }
    })
}

/// One email of an agreement's log: who was told what and when ([`mail::MailLogEntry`],
/// its fields at the top level of the JSON) and the step in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MailLogRow {
    /// The log entry: event id, step, recipient, role, state, attempts, times, failure.
    #[serde(flatten)]
    #[cfg_attr(test, ts(flatten))]
    pub entry: mail::MailLogEntry,
    /// The step for people, e.g. "14 days before", "weekly overdue reminder".
    pub step_text: String,
}

/// An agreement's contract owner as a person, and its email log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AgreementMail {
    /// The contract owner's name as the agreement gives it; `null` when not set.
    pub owner: Option<String>,
    /// The owner's address in the directory; `null` while the owner is to complete.
    pub email: Option<String>,
    /// The owner's deputy in the directory, if any.
    pub deputy: Option<String>,
    /// Whether the directory has the owner (with or without an address).
    pub in_directory: bool,
    /// Everyone in the directory, by name, to link the agreement to.
    pub people: Vec<String>,
    /// The emails about this agreement, oldest first.
    pub log: Vec<MailLogRow>,
}

/// Agreement `id`'s owner and email log from `store`.
///
/// # Errors
/// `not_found` for an unknown id; `database`.
pub fn agreement_mail_of(store: &Store, id: i64) -> AppResult<AgreementMail> {
    let stored = store.get(id)?;
    let owner = stored
        .agreement
        .contract_owner
        .as_ref()
        .map(|o| o.value.trim().to_string())
        .filter(|o| !o.is_empty());
    let people = store.people()?;
    let person = owner.as_deref().and_then(|o| {
        people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(o))
            .cloned()
    });
    let log = store
        .mail_log(id)?
        .into_iter()
        .map(|e| MailLogRow {
            step_text: renewal_core::adapters::store::words::reminder_step_words(&e.step),
            entry: e,
        })
        .collect();
    Ok(AgreementMail {
        owner,
        email: person.as_ref().and_then(|p| p.email.clone()),
        deputy: person.as_ref().and_then(|p| p.deputy.clone()),
        in_directory: person.is_some(),
        people: people.into_iter().map(|p| p.name).collect(),
        log,
    })
}

/// Agreement `id`'s contract owner as a person and who was emailed what and when.
///
/// # Errors
/// `not_found` for an unknown id; `database`.
#[tauri::command]
pub async fn agreement_mail(app: AppHandle, id: i64) -> AppResult<AgreementMail> {
    blocking(app, move |_, s| agreement_mail_of(&*s.store()?, id)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> MailForm {
        MailForm {
            host: " smtp.example.pe ".into(),
            port: "587".into(),
            security: Security::Starttls,
            from: "renewals@example.pe".into(),
            user: "".into(),
            escalation: "".into(),
            escalate_days: "".into(),
            attach_brief_days: "".into(),
        }
    }

    fn field_of(e: AppError) -> String {
        e.location().and_then(|l| l.field).unwrap_or_default()
    }

    #[test]
    fn the_count_of_owners_to_complete_is_the_directorys() {
        use renewal_core::services::dashboard::agreement_rows;
        use renewal_core::services::portfolio::{import_samples, ImportDefaults};
        use renewal_core::services::table::AgreementTable;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        import_samples(&mut store, &ImportDefaults::default()).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let count = |store: &Store| {
            let table = AgreementTable::new(agreement_rows(store, as_of).unwrap());
            count_to_complete(
                table.options().owners.iter().map(String::as_str),
                &store.people().unwrap(),
            )
        };
        let owners = directory(&store).unwrap().to_complete;
        assert!(owners.len() >= 2, "{owners:?}");
        assert_eq!(count(&store), owners.len());
        // In the directory with no address: still to complete; with one (named in
        // another case): no longer.
        let first = owners[0].name.clone();
        store.add_person(&first, None, None).unwrap();
        assert_eq!(count(&store), owners.len());
        assert_eq!(directory(&store).unwrap().to_complete.len(), owners.len());
        let second = owners[1].name.to_ascii_uppercase();
        store
            .add_person(&second, Some("owner@example.pe"), None)
            .unwrap();
        assert_eq!(
            directory(&store).unwrap().to_complete.len(),
            owners.len() - 1
        );
        assert_eq!(count(&store), owners.len() - 1);
        // Spaces around a name and another case are the same owner.
        let people = store.people().unwrap();
        let padded = format!("  {}  ", first.to_ascii_lowercase());
        assert_eq!(
            count_to_complete(
                [first.as_str(), padded.as_str(), " ", ""].into_iter(),
                &people
            ),
            1
        );
    }

    #[test]
    fn a_form_becomes_the_settings_with_defaults_for_empty_fields() {
        let s = parse_form(&form()).unwrap();
        assert_eq!(s.host, "smtp.example.pe");
        assert_eq!(s.port, 587);
        assert_eq!(s.user, None);
        assert_eq!(s.escalation, None);
        assert_eq!(s.escalate_days, None);
        assert_eq!(s.attach_brief_days, 30);
        let s = parse_form(&MailForm {
            user: "renewals".into(),
            escalation: "director@example.pe".into(),
            escalate_days: "21".into(),
            attach_brief_days: "14".into(),
            ..form()
        })
        .unwrap();
        assert_eq!(s.user.as_deref(), Some("renewals"));
        assert_eq!(s.escalation.as_deref(), Some("director@example.pe"));
        assert_eq!(s.escalate_days, Some(21));
        assert_eq!(s.attach_brief_days, 14);
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (
                MailForm {
                    port: "70000".into(),
                    ..form()
                },
                "port",
            ),
            (
                MailForm {
                    port: "0".into(),
                    ..form()
                },
                "port",
            ),
            (
                MailForm {
                    host: "".into(),
                    ..form()
                },
                "host",
            ),
            (
                MailForm {
                    from: "renewals at example".into(),
                    ..form()
                },
                "from",
            ),
            (
                MailForm {
                    escalation: "director@".into(),
                    ..form()
                },
                "escalation",
            ),
            (
                MailForm {
                    escalate_days: "two weeks".into(),
                    ..form()
                },
                "escalate_days",
            ),
            (
                MailForm {
                    attach_brief_days: "4000".into(),
                    ..form()
                },
                "attach_brief_days",
            ),
        ];
        for (f, field) in cases {
            let e = parse_form(&f).unwrap_err();
            assert_eq!(field_of(e), field, "{f:?}");
        }
    }

    #[test]
    fn saving_checks_the_form_and_wants_a_user_for_a_password() {
        let store = Store::open_in_memory().unwrap();
        let bad = save_settings(
            &store,
            &MailForm {
                port: "smtp".into(),
                ..form()
            },
            None,
        )
        .unwrap_err();
        assert_eq!(field_of(bad), "port");
        let no_user = save_settings(&store, &form(), Some("s3cret".into())).unwrap_err();
        assert_eq!(field_of(no_user), "user");
        assert!(
            store.mail_settings().unwrap().is_none(),
            "nothing stored when refused"
        );
        // No user, no password: stored, and no login to speak of.
        let view = save_settings(&store, &form(), Some(String::new())).unwrap();
        let saved = view.settings.unwrap();
        assert_eq!(saved.host, "smtp.example.pe");
        assert_eq!(saved.security, Security::Starttls);
        assert_eq!(store.mail_settings().unwrap(), Some(saved));
        assert_eq!(view.password_env, "RENEWAL_DESK_SMTP_PASSWORD");
        if std::env::var_os(settings::PASSWORD_ENV).is_none() {
            assert_eq!(
                view.password.source,
                renewal_core::adapters::mail::settings::PasswordSource::NoUser
            );
        }
    }

    #[test]
    fn a_test_email_to_a_server_that_is_down_says_why_without_the_password() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let settings = MailSettings {
            host: "127.0.0.1".into(),
            port,
            security: Security::None,
            from: "renewals@example.pe".into(),
            user: Some("renewals".into()),
            escalation: None,
            escalate_days: None,
            attach_brief_days: 30,
        };
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let sent = test_email(
            &settings,
            Some("s3cret-pw".into()),
            " ana.torres@example.pe ",
            as_of,
        )
        .unwrap();
        assert_eq!(sent.to, "ana.torres@example.pe");
        assert!(!sent.delivered);
        assert_eq!(sent.via, None);
        let why = sent.failure.unwrap();
        assert!(why.contains(&format!("127.0.0.1:{port}")), "{why}");
        assert!(!why.contains("s3cret-pw"), "{why}");
        let bad = test_email(&settings, None, "ana at example", as_of).unwrap_err();
        assert_eq!(field_of(bad), "to");
    }

    #[test]
    fn a_password_in_a_failure_is_hidden() {
        assert_eq!(
            redact(
                "SMTP server h:25: auth s3cret refused".into(),
                Some("s3cret")
            ),
            "SMTP server h:25: auth ••• refused"
        );
        assert_eq!(redact("refused".into(), None), "refused");
        assert_eq!(redact("refused".into(), Some("")), "refused");
    }

    #[test]
    fn the_directory_names_each_owners_agreements_and_who_is_to_complete() {
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
        let mut store = Store::open_in_memory().unwrap();
        let imported = renewal_core::services::portfolio::import_paths(
            &mut store,
            &[seeds.join("aws-peru-mifibra.md")],
            &renewal_core::services::portfolio::ImportDefaults::default(),
            |_| {},
        )
        .unwrap();
        assert_eq!(imported.results.len(), 1);
        let before = directory(&store).unwrap();
        assert!(before.people.is_empty());
        assert_eq!(before.to_complete.len(), 1, "{before:?}");
        let owner = before.to_complete[0].name.clone();
        assert!(!before.to_complete[0].in_directory);
        assert_eq!(before.to_complete[0].agreements.len(), 1);
        assert!(
            before.to_complete[0].agreements[0].title.contains("Peru"),
            "{before:?}"
        );

        store.add_person(&owner, None, None).unwrap();
        let no_address = directory(&store).unwrap();
        assert!(no_address.to_complete[0].in_directory);
        assert_eq!(no_address.people[0].agreements.len(), 1);
        let id = no_address.people[0].agreements[0].id;
        let mail = agreement_mail_of(&store, id).unwrap();
        assert_eq!(mail.owner.as_deref(), Some(owner.as_str()));
        assert_eq!(mail.email, None);
        assert!(mail.in_directory);

        store
            .edit_person(&owner, Some("owner@example.pe"), None)
            .unwrap();
        let done = directory(&store).unwrap();
        assert!(done.to_complete.is_empty());
        assert_eq!(done.people[0].email.as_deref(), Some("owner@example.pe"));
        let mail = agreement_mail_of(&store, id).unwrap();
        assert_eq!(mail.email.as_deref(), Some("owner@example.pe"));
        assert_eq!(mail.people, vec![owner.clone()]);
        assert!(mail.log.is_empty());

        let refused = store.remove_person(&owner).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("contract owner of agreement(s)"),
            "{refused}"
        );
    }
}
