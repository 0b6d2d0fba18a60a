//! The crate's error type, its stable codes ([`ErrorCode`]) and where an error is
//! ([`ErrorLocation`]). Front ends report these as they are: the desktop app serialises
//! them across IPC (`code`, `message`, `reason`, `location`), the CLI prints the message.

use std::path::PathBuf;

use serde::Serialize;

use crate::services::clauses::ClauseTable;

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
        /// The field, e.g. `effective_date` (an editable field's name, a setting's name).
        field: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A clause-table edit is not valid: a bad cell, a row that does not exist, a full
    /// table. Shown as `invalid obligations.2.due: Obligations row 3, Due: …`: the history
    /// path of the cell (row 0-based), then a sentence naming the row 1-based.
    #[error("invalid {}: {message}", table_path(*table, *row, column.as_deref()))]
    InvalidRow {
        /// The table edited.
        table: ClauseTable,
        /// The row (0-based), when the error is about one.
        row: Option<u32>,
        /// The column's key (e.g. `notice`), when the error is about one cell.
        column: Option<String>,
        /// What was wrong and what was expected, naming the table, row and column for people.
        message: String,
    },
    /// Stored JSON could not be read back.
    #[error("stored data is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    /// The renewal brief (PDF) could not be produced; the message says what failed.
    #[error("renewal brief: {0}")]
    Brief(String),
}

/// `obligations`, `obligations.2` or `obligations.2.due`: the history path of a table,
/// a row (0-based) or a cell.
fn table_path(table: ClauseTable, row: Option<u32>, column: Option<&str>) -> String {
    let mut path = table.name().to_string();
    if let Some(row) = row {
        path.push_str(&format!(".{row}"));
        if let Some(column) = column {
            path.push('.');
            path.push_str(column);
        }
    }
    path
}

/// The stable, machine-readable kind of an [`Error`], serialised in `snake_case`
/// (`invalid`, `not_found`, …). Front ends branch on it, never on the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A document could not be imported ([`Error::Import`]).
    Import,
    /// SQLite failed ([`Error::Sqlite`]).
    Database,
    /// A migration failed or the database is from a newer version ([`Error::Schema`]).
    Schema,
    /// A file could not be read or written ([`Error::Io`]).
    Io,
    /// The thing asked for does not exist ([`Error::NotFound`]).
    NotFound,
    /// A value given by a user is not valid ([`Error::Invalid`], [`Error::InvalidRow`]).
    Invalid,
    /// Stored data could not be read back ([`Error::Json`]).
    Corrupt,
    /// The renewal brief could not be produced ([`Error::Brief`]).
    Brief,
}

impl ErrorCode {
    /// The code as serialised (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Import => "import",
            ErrorCode::Database => "database",
            ErrorCode::Schema => "schema",
            ErrorCode::Io => "io",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Brief => "brief",
        }
    }
}

/// Where an error is, as far as it is known: an editable field, a clause-table cell, or a
/// line of an imported document. Every part is optional; `None` when the error is about
/// nothing more precise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorLocation {
    /// The field: an editable field's name (`effective_date`), a setting (`ladder`), or
    /// the imported document's field as written (`Effective Date`).
    pub field: Option<String>,
    /// The clause table of a row edit.
    pub table: Option<ClauseTable>,
    /// The row of `table`, 0-based (the UI's row index).
    pub row: Option<u32>,
    /// The column's key in `table` (e.g. `notice`).
    pub column: Option<String>,
    /// The imported document's file name or path as given.
    pub file: Option<String>,
    /// The 1-based line of `file`.
    pub line: Option<u32>,
}

impl Error {
    /// The stable kind of this error (see [`ErrorCode`]).
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::Import(_) => ErrorCode::Import,
            Error::Sqlite(_) => ErrorCode::Database,
            Error::Schema(_) => ErrorCode::Schema,
            Error::Io { .. } => ErrorCode::Io,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Invalid { .. } | Error::InvalidRow { .. } => ErrorCode::Invalid,
            Error::Json(_) => ErrorCode::Corrupt,
            Error::Brief(_) => ErrorCode::Brief,
        }
    }

    /// A stable machine code for front ends to branch on (`import`, `not_found`,
    /// `invalid`, …): [`Error::kind`] as text.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// Where the error is, when known: the field of a field edit, the table, row and
    /// column of a clause-table edit, the file, line and field of an import.
    pub fn location(&self) -> Option<ErrorLocation> {
        match self {
            Error::Invalid { field, .. } => Some(ErrorLocation {
                field: Some(field.clone()),
                ..ErrorLocation::default()
            }),
            Error::InvalidRow {
                table, row, column, ..
            } => Some(ErrorLocation {
                table: Some(*table),
                row: *row,
                column: column.clone(),
                ..ErrorLocation::default()
            }),
            Error::Import(e) => Some(ErrorLocation {
                field: e.field.clone(),
                file: Some(e.file.clone()),
                line: e.line,
                ..ErrorLocation::default()
            }),
            Error::Io { path, .. } => Some(ErrorLocation {
                file: Some(path.display().to_string()),
                ..ErrorLocation::default()
            }),
            _ => None,
        }
    }

    /// The sentence to show at the place [`Error::location`] names: the message without
    /// the machine location in front (`"31 February 2025" does not exist` rather than
    /// `invalid effective_date: "31 February 2025" does not exist`). Without a location,
    /// the whole message.
    pub fn reason(&self) -> String {
        match self {
            Error::Invalid { message, .. } | Error::InvalidRow { message, .. } => message.clone(),
            Error::Import(e) => e.message.clone(),
            other => other.to_string(),
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_is_located_at_its_field() {
        let e = Error::Invalid {
            field: "effective_date".into(),
            message: "\"31 February 2025\" does not exist".into(),
        };
        assert_eq!(e.code(), "invalid");
        assert_eq!(
            e.to_string(),
            "invalid effective_date: \"31 February 2025\" does not exist"
        );
        assert_eq!(e.reason(), "\"31 February 2025\" does not exist");
        let at = e.location().unwrap();
        assert_eq!(at.field.as_deref(), Some("effective_date"));
        assert_eq!((at.table, at.row, at.column), (None, None, None));
    }

    #[test]
    fn a_row_error_reads_as_before_and_is_located_at_its_cell() {
        let e = Error::InvalidRow {
            table: ClauseTable::Obligations,
            row: Some(2),
            column: Some("due".into()),
            message: "Obligations row 3, Due: \"soon\" is not a date".into(),
        };
        assert_eq!(
            e.to_string(),
            "invalid obligations.2.due: Obligations row 3, Due: \"soon\" is not a date"
        );
        assert_eq!(e.kind(), ErrorCode::Invalid);
        let at = e.location().unwrap();
        assert_eq!(at.table, Some(ClauseTable::Obligations));
        assert_eq!(at.row, Some(2));
        assert_eq!(at.column.as_deref(), Some("due"));
        let whole_table = Error::InvalidRow {
            table: ClauseTable::TotalCommitment,
            row: None,
            column: None,
            message: "full".into(),
        };
        assert_eq!(whole_table.to_string(), "invalid total_commitment: full");
    }

    #[test]
    fn codes_serialise_as_their_text() {
        for code in [ErrorCode::NotFound, ErrorCode::Invalid, ErrorCode::Corrupt] {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
        assert_eq!(Error::NotFound(7).location(), None);
        assert_eq!(Error::NotFound(7).reason(), "no agreement with id 7");
    }
}
