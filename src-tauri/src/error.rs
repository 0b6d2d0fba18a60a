//! The one error type of the desktop shell, and how it crosses IPC.
//!
//! Every command returns `Result<T, AppError>`. Most errors are the core's
//! ([`renewal_core::Error`]), carried as they are; the shell adds only what the core cannot
//! fail with (a path no dialog granted, the autostart entry, the system viewer, Tauri).
//! Tauri serialises the error with [`AppError`]'s manual [`Serialize`] impl, so the UI
//! always receives an [`ErrorPayload`]:
//! `{ "code", "message", "reason", "location" }`, and branches on `code` and `location`,
//! never on the English text (which is for people and logs).

use renewal_core::error::{ErrorCode, ErrorLocation};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The codes of failures only the shell has; every other code is the core's
/// [`ErrorCode`]. Serialised in `snake_case` (`not_permitted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ShellErrorCode {
    /// The UI asked for a file the user did not choose in a dialog.
    NotPermitted,
    /// Reading or changing the launch-at-login setting failed.
    Autostart,
    /// The system viewer could not be started for a file.
    Opener,
    /// A bug or an unexpected failure in the shell or in Tauri.
    Internal,
}

/// The `code` of an error crossing IPC: the core's vocabulary plus the shell's own four
/// (one flat string either way, e.g. `invalid` or `not_permitted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum IpcErrorCode {
    /// A code of [`renewal_core::Error`].
    Core(ErrorCode),
    /// A failure of the shell itself.
    Shell(ShellErrorCode),
}

/// Everything that can go wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An error from the core: validation (with its field, or table, row and column),
    /// import, database, file, brief. Bad input the shell itself checks is reported as
    /// [`renewal_core::Error::Invalid`] too, naming its field.
    #[error(transparent)]
    Core(#[from] renewal_core::Error),
    /// A path that no dialog answered (see [`crate::state::GrantedPaths`]).
    #[error("not permitted: {0}")]
    NotPermitted(String),
    /// Something that was asked for does not exist (a file, the user's data folder).
    #[error("not found: {0}")]
    NotFound(String),
    /// The autostart plugin failed (for example `~/.config/autostart` is not writable).
    #[error("launch at login: {0}")]
    Autostart(#[from] tauri_plugin_autostart::Error),
    /// The opener plugin could not hand the file to the system viewer.
    #[error("could not open the file: {0}")]
    Opener(#[from] tauri_plugin_opener::Error),
    /// A file-system error.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// An error from Tauri itself (window, menu, event ...).
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
    /// An unexpected failure (a poisoned lock, a stopped scheduler ...).
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// Bad input the shell checks itself (a setting from the environment, a file name),
    /// as the core's validation error naming `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Core(renewal_core::Error::Invalid {
            field: field.to_owned(),
            message: message.into(),
        })
    }

    /// The stable code the UI branches on.
    pub fn code(&self) -> IpcErrorCode {
        match self {
            Self::Core(e) => IpcErrorCode::Core(e.kind()),
            Self::NotFound(_) => IpcErrorCode::Core(ErrorCode::NotFound),
            Self::Io(_) => IpcErrorCode::Core(ErrorCode::Io),
            Self::NotPermitted(_) => IpcErrorCode::Shell(ShellErrorCode::NotPermitted),
            Self::Autostart(_) => IpcErrorCode::Shell(ShellErrorCode::Autostart),
            Self::Opener(_) => IpcErrorCode::Shell(ShellErrorCode::Opener),
            Self::Tauri(_) | Self::Internal(_) => IpcErrorCode::Shell(ShellErrorCode::Internal),
        }
    }

    /// Where the error is, when known (see [`renewal_core::Error::location`]).
    pub fn location(&self) -> Option<ErrorLocation> {
        match self {
            Self::Core(e) => e.location(),
            _ => None,
        }
    }

    /// The sentence to show at [`AppError::location`] (see [`renewal_core::Error::reason`]);
    /// the whole message when there is no location.
    pub fn reason(&self) -> String {
        match self {
            Self::Core(e) => e.reason(),
            other => other.to_string(),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AppError", 4)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("reason", &self.reason())?;
        s.serialize_field("location", &self.location())?;
        s.end()
    }
}

/// The shape the UI receives for every failed command (for the generated TypeScript type).
#[cfg(test)]
#[derive(ts_rs::TS)]
#[allow(dead_code)]
pub struct ErrorPayload {
    /// See [`IpcErrorCode`].
    pub code: IpcErrorCode,
    /// A sentence for people, whole (`invalid effective_date: …`); may change between
    /// versions.
    pub message: String,
    /// The sentence to show at `location` (the message without the machine location in
    /// front); the whole message when there is no location.
    pub reason: String,
    /// Where the error is: a field, a clause-table cell, a document's line; `null` when
    /// it is about nothing more precise.
    pub location: Option<ErrorLocation>,
}

/// Shorthand for command results.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use renewal_core::services::clauses::ClauseTable;
    use serde_json::json;

    #[test]
    fn errors_cross_ipc_as_code_message_reason_and_location() {
        let e = AppError::NotPermitted("/etc/passwd was not chosen in a dialog".into());
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            json!({
                "code": "not_permitted",
                "message": "not permitted: /etc/passwd was not chosen in a dialog",
                "reason": "not permitted: /etc/passwd was not chosen in a dialog",
                "location": null
            })
        );
    }

    #[test]
    fn a_core_validation_error_names_the_field() {
        let e = AppError::from(renewal_core::Error::Invalid {
            field: "effective_date".into(),
            message: "expected a full date such as 2023-01-01".into(),
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "invalid");
        assert_eq!(
            v["message"],
            "invalid effective_date: expected a full date such as 2023-01-01"
        );
        assert_eq!(v["reason"], "expected a full date such as 2023-01-01");
        assert_eq!(
            v["location"],
            json!({
                "field": "effective_date",
                "table": null,
                "row": null,
                "column": null,
                "file": null,
                "line": null
            })
        );
    }

    #[test]
    fn a_bad_cell_is_located_at_its_table_row_and_column() {
        let e = AppError::from(renewal_core::Error::InvalidRow {
            table: ClauseTable::TerminationRights,
            row: Some(1),
            column: Some("notice".into()),
            message: "Termination rights row 2, Notice: \"ninety\" is not a whole number".into(),
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "invalid");
        assert_eq!(
            v["message"],
            "invalid termination_rights.1.notice: Termination rights row 2, Notice: \"ninety\" is not a whole number"
        );
        assert_eq!(
            v["reason"],
            "Termination rights row 2, Notice: \"ninety\" is not a whole number"
        );
        assert_eq!(v["location"]["table"], "termination_rights");
        assert_eq!(v["location"]["row"], 1);
        assert_eq!(v["location"]["column"], "notice");
        assert_eq!(v["location"]["field"], json!(null));
    }

    #[test]
    fn every_variant_has_a_snake_case_code_and_the_four_fields() {
        let cases = [
            (AppError::invalid("suggested_name", "x"), "invalid"),
            (AppError::NotFound("x".into()), "not_found"),
            (AppError::Io(std::io::Error::other("disk")), "io"),
            (AppError::Internal("x".into()), "internal"),
            (
                AppError::Core(renewal_core::Error::Invalid {
                    field: "effective_date".into(),
                    message: "\"31 February 2025\" does not exist".into(),
                }),
                "invalid",
            ),
            (
                AppError::Core(renewal_core::Error::NotFound(7)),
                "not_found",
            ),
            (
                AppError::Core(renewal_core::Error::Schema("newer".into())),
                "schema",
            ),
            (
                AppError::Core(renewal_core::Error::Brief("no font".into())),
                "brief",
            ),
        ];
        for (err, code) in cases {
            let v = serde_json::to_value(&err).unwrap();
            let obj = v.as_object().cloned().unwrap();
            assert_eq!(obj.len(), 4, "{v}");
            assert_eq!(obj.get("code"), Some(&json!(code)));
            assert!(obj.get("message").is_some_and(|m| m.is_string()));
            assert!(obj.get("reason").is_some_and(|m| m.is_string()));
            assert!(obj.contains_key("location"));
        }
    }
}
