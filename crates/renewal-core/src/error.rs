//! The crate's error type.

use std::path::PathBuf;

/// Errors of renewal-core. Each variant names what failed and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A document could not be imported (file, line, field and reason inside).
    #[error(transparent)]
    Import(#[from] crate::adapters::import::ImportError),
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed or the database is from a newer version.
    #[error("database schema: {0}")]
    Schema(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// No agreement with that id.
    #[error("no agreement with id {0}")]
    NotFound(i64),
    /// A value given by a user is not valid (field and expectation in the message).
    #[error("invalid {field}: {message}")]
    Invalid {
        /// The field, e.g. `effective_date`.
        field: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// Stored JSON could not be read back.
    #[error("stored data is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    /// The renewal brief (PDF) could not be produced; the message says what failed.
    #[error("renewal brief: {0}")]
    Brief(String),
}

impl Error {
    /// A stable machine code for the UI to branch on (`import`, `not_found`, `invalid`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Import(_) => "import",
            Error::Sqlite(_) => "database",
            Error::Schema(_) => "schema",
            Error::Io { .. } => "io",
            Error::NotFound(_) => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::Json(_) => "corrupt",
            Error::Brief(_) => "brief",
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
