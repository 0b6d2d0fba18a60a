//! Mail settings (issue 12 item 2): the SMTP server, its security, the sender and user, kept
//! in the `settings` table under [`SETTINGS_KEY`]; the password is never stored there. It
//! comes from the `RENEWAL_DESK_SMTP_PASSWORD` environment variable (headless runs, the
//! timer) or from the operating system's keyring (Secret Service on Linux), entry
//! [`KEYRING_SERVICE`] / `user@host`.

use serde::{Deserialize, Serialize};

use super::people::check_email;
use crate::adapters::store::Store;
use crate::error::{Error, Result};

/// The key of the mail settings in the `settings` table.
pub const SETTINGS_KEY: &str = "mail";
/// The keyring service name of the SMTP password.
pub const KEYRING_SERVICE: &str = "renewal-desk-smtp";
/// The environment variable read for the SMTP password before the keyring.
pub const PASSWORD_ENV: &str = "RENEWAL_DESK_SMTP_PASSWORD";
/// Default step (days before the date) from which the brief PDF is attached.
pub const DEFAULT_ATTACH_BRIEF_DAYS: u32 = 30;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain SMTP (a relay on the local network or a test server).
    None,
    /// Plain connection upgraded with STARTTLS (port 587, usually).
    Starttls,
    /// TLS from the first byte (port 465, usually).
    Tls,
}

impl Security {
    /// Parses `none`, `starttls` or `tls`. Errors: [`Error::Invalid`] on `security`.
    pub fn parse(s: &str) -> Result<Security> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(Security::None),
            "starttls" => Ok(Security::Starttls),
            "tls" | "ssl" => Ok(Security::Tls),
            other => Err(Error::Invalid {
                field: "security".into(),
                message: format!("{other:?}: expected none, starttls or tls"),
            }),
        }
    }
}

/// The mail settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailSettings {
    /// SMTP host name or address, e.g. `smtp.example.pe`.
    pub host: String,
    /// TCP port, e.g. 587.
    pub port: u16,
    /// Connection security.
    pub security: Security,
    /// The sender address (also the ORGANIZER of calendar invitations).
    pub from: String,
    /// The SMTP user, when the server wants a login.
    #[serde(default)]
    pub user: Option<String>,
    /// Address that receives escalations besides the deputy (the commercial director).
    #[serde(default)]
    pub escalation: Option<String>,
    /// Days before a notice deadline from which, with nothing recorded, the owner's deputy
    /// and the escalation address are told too; `None`: 14
    /// ([`super::run::DEFAULT_ESCALATE_DAYS`]).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub escalate_days: Option<i64>,
    /// Days before the date from which the brief PDF is attached (the 30-day step).
    #[serde(default = "default_attach")]
    pub attach_brief_days: u32,
}

fn default_attach() -> u32 {
    DEFAULT_ATTACH_BRIEF_DAYS
}

impl MailSettings {
    /// Checks every field. Errors: [`Error::Invalid`] naming `host`, `port`, `from` or
    /// `escalation` and what was expected.
    pub fn check(&self) -> Result<()> {
        let h = self.host.trim();
        if h.is_empty() || h.len() > 253 || h.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::Invalid {
                field: "host".into(),
                message: format!("{h:?}: expected a host name such as smtp.example.pe"),
            });
        }
        if self.port == 0 {
            return Err(Error::Invalid {
                field: "port".into(),
                message: "0: expected a TCP port from 1 to 65535".into(),
            });
        }
        check_email(&self.from).map_err(|e| rename(e, "from"))?;
        if let Some(x) = &self.escalation {
            check_email(x).map_err(|e| rename(e, "escalation"))?;
        }
        Ok(())
    }
}

fn rename(e: Error, field: &str) -> Error {
    match e {
        Error::Invalid { message, .. } => Error::Invalid {
            field: field.into(),
            message,
        },
        other => other,
    }
}

impl Store {
    /// The mail settings, if mail was set up.
    ///
    /// Errors: SQLite errors; [`Error::Json`] for a corrupt setting.
    pub fn mail_settings(&self) -> Result<Option<MailSettings>> {
        self.setting(SETTINGS_KEY)
    }

    /// Stores checked mail settings (never a password).
    ///
    /// Errors: [`Error::Invalid`] from [`MailSettings::check`]; SQLite errors.
    pub fn set_mail_settings(&self, settings: &MailSettings) -> Result<()> {
        settings.check()?;
        self.set_setting(SETTINGS_KEY, settings)
    }
}

/// The SMTP password: [`PASSWORD_ENV`] if set, else the keyring entry for `user@host`, else
/// `None` (the server is tried without a login). A keyring that cannot be reached is
/// `None` with the reason logged (never the password).
pub fn password(settings: &MailSettings) -> Option<String> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        if !p.is_empty() {
            return Some(p);
        }
    }
    let user = settings.user.as_deref()?;
    let account = format!("{user}@{}", settings.host);
    match keyring::Entry::new(KEYRING_SERVICE, &account).and_then(|e| e.get_password()) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::info!("no SMTP password in the keyring for {account}: {e}");
            None
        }
    }
}

/// Where the SMTP password of `settings` would come from, for showing whether one is
/// stored: never the password itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PasswordSource {
    /// [`PASSWORD_ENV`] is set (it wins over the keyring).
    Environment,
    /// The keyring holds a password for `user@host`.
    Keyring,
    /// The keyring is reachable and holds no password for `user@host`.
    None,
    /// No SMTP user is set: the server is used without a login, no password is read.
    NoUser,
    /// The keyring cannot be reached (no Secret Service on this session, for example).
    KeyringUnavailable,
}

/// [`PasswordSource`] with, when the keyring failed, why (the keyring's words; it never
/// holds the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PasswordStatus {
    /// Where the password would come from.
    pub source: PasswordSource,
    /// Why the keyring could not be read, for [`PasswordSource::KeyringUnavailable`].
    pub keyring_error: Option<String>,
}

/// Where [`password`] would find the SMTP password (read-only: the app's Settings show
/// "a password is stored" or not, never the password).
pub fn password_status(settings: &MailSettings) -> PasswordStatus {
    let status = |source, keyring_error| PasswordStatus {
        source,
        keyring_error,
    };
    if std::env::var(PASSWORD_ENV).is_ok_and(|p| !p.is_empty()) {
        return status(PasswordSource::Environment, None);
    }
    let Some(user) = settings.user.as_deref() else {
        return status(PasswordSource::NoUser, None);
    };
    let account = format!("{user}@{}", settings.host);
    match keyring::Entry::new(KEYRING_SERVICE, &account).and_then(|e| e.get_password()) {
        Ok(_) => status(PasswordSource::Keyring, None),
        Err(keyring::Error::NoEntry) => status(PasswordSource::None, None),
        Err(e) => status(PasswordSource::KeyringUnavailable, Some(e.to_string())),
    }
}

/// Stores the SMTP password for `user@host` in the operating system's keyring.
///
/// Errors: [`Error::Invalid`] on `password` when the keyring cannot be reached (the message
/// says to use [`PASSWORD_ENV`] instead; it never contains the password).
pub fn store_password(settings: &MailSettings, password: &str) -> Result<()> {
    let user = settings.user.as_deref().ok_or_else(|| Error::Invalid {
        field: "user".into(),
        message: "a password needs an SMTP user: set --user first".into(),
    })?;
    let account = format!("{user}@{}", settings.host);
    keyring::Entry::new(KEYRING_SERVICE, &account)
        .and_then(|e| e.set_password(password))
        .map_err(|e| Error::Invalid {
            field: "password".into(),
            message: format!(
                "the system keyring could not store it ({e}); set {PASSWORD_ENV} in the environment instead"
            ),
        })
}
