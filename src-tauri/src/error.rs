//! The one error type of the desktop shell, and how it crosses IPC.
//!
//! Every command returns `Result<T, AppError>`. Tauri serialises the error with
//! [`AppError`]'s manual [`Serialize`] impl, so the UI always receives
//! `{ "code": "...", "message": "..." }` and branches on [`ErrorCode`], never on
//! the English text (which is for people and logs).

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A stable, machine-readable error code. Serialised in `snake_case`
/// (for example `not_permitted`); the UI's `ErrorCode` type is generated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ErrorCode {
    /// The UI sent something the shell cannot accept (bad date, empty name ...).
    InvalidInput,
    /// The UI asked for a file the user did not choose in a dialog.
    NotPermitted,
    /// The thing asked for does not exist.
    NotFound,
    /// Reading or changing the launch-at-login setting failed.
    Autostart,
    /// The system viewer could not be started for a file.
    Opener,
    /// A file-system error.
    Io,
    /// A document could not be imported (the message names the file, line and field).
    Import,
    /// The database failed, is corrupt, or was written by a newer version.
    Database,
    /// The renewal brief (PDF) could not be produced.
    Brief,
    /// A bug or an unexpected failure in the shell or in Tauri.
    Internal,
}

/// Everything that can go wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input from the UI or from the environment (`RENEWAL_DESK_TODAY`).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A path that no dialog answered (see [`crate::state::GrantedPaths`]).
    #[error("not permitted: {0}")]
    NotPermitted(String),
    /// Something that was asked for does not exist.
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
    /// An error from the domain (renewal-core): validation, import, database, file.
    #[error(transparent)]
    Core(#[from] renewal_core::Error),
    /// An unexpected failure (a poisoned lock, a stopped scheduler ...).
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidInput(_) => ErrorCode::InvalidInput,
            Self::NotPermitted(_) => ErrorCode::NotPermitted,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Autostart(_) => ErrorCode::Autostart,
            Self::Opener(_) => ErrorCode::Opener,
            Self::Io(_) => ErrorCode::Io,
            Self::Tauri(_) | Self::Internal(_) => ErrorCode::Internal,
            Self::Core(e) => match e {
                renewal_core::Error::Invalid { .. } => ErrorCode::InvalidInput,
                renewal_core::Error::NotFound(_) => ErrorCode::NotFound,
                renewal_core::Error::Import(_) => ErrorCode::Import,
                renewal_core::Error::Io { .. } => ErrorCode::Io,
                renewal_core::Error::Sqlite(_)
                | renewal_core::Error::Schema(_)
                | renewal_core::Error::Json(_) => ErrorCode::Database,
                renewal_core::Error::Brief(_) => ErrorCode::Brief,
            },
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AppError", 2)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// The shape the UI receives for every failed command (for the generated TypeScript type).
#[cfg(test)]
#[derive(ts_rs::TS)]
#[allow(dead_code)]
pub struct ErrorPayload {
    /// See [`ErrorCode`].
    pub code: ErrorCode,
    /// A sentence for people; may change between versions.
    pub message: String,
}

/// Shorthand for command results.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let e = AppError::NotPermitted("/etc/passwd was not chosen in a dialog".into());
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            json!({
                "code": "not_permitted",
                "message": "not permitted: /etc/passwd was not chosen in a dialog"
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
        assert_eq!(v["code"], "invalid_input");
        assert_eq!(
            v["message"],
            "invalid effective_date: expected a full date such as 2023-01-01"
        );
    }

    #[test]
    fn every_variant_has_a_snake_case_code_and_exactly_two_fields() {
        let cases = [
            (AppError::InvalidInput("x".into()), "invalid_input"),
            (AppError::NotFound("x".into()), "not_found"),
            (AppError::Io(std::io::Error::other("disk")), "io"),
            (AppError::Internal("x".into()), "internal"),
            (
                AppError::Core(renewal_core::Error::Invalid {
                    field: "effective_date".into(),
                    message: "\"31 February 2025\" does not exist".into(),
                }),
                "invalid_input",
            ),
            (
                AppError::Core(renewal_core::Error::NotFound(7)),
                "not_found",
            ),
            (
                AppError::Core(renewal_core::Error::Schema("newer".into())),
                "database",
            ),
        ];
        for (err, code) in cases {
            let v = serde_json::to_value(&err).unwrap();
            let obj = v.as_object().cloned().unwrap();
            assert_eq!(obj.len(), 2, "{v}");
            assert_eq!(obj.get("code"), Some(&json!(code)));
            assert!(obj.get("message").is_some_and(|m| m.is_string()));
        }
    }
}
