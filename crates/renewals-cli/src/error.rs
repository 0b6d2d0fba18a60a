//! The CLI's errors and exit codes (a documented contract: README.md, "Exit codes").
//!
//! | code | meaning |
//! |---|---|
//! | 0 | done |
//! | 1 | some documents of a batch failed (`import`, `extract`, `brief --all`); the others were done |
//! | 2 | usage: an unknown command, option, field, table or value the CLI checks itself |
//! | 3 | some reminders could not be delivered (kept and retried on the next run) |
//! | 4 | database: SQLite, schema, stored data that cannot be read, the database file |
//! | 5 | not found: no agreement with that id |
//! | 6 | invalid value: an edit, row, warning, event or setting refused (nothing changed); `import`/`extract`: every document refused |
//! | 7 | file: a file named on the command line could not be written or read (`import`/`extract`: nothing done) |
//! | 8 | the renewal brief (PDF) could not be produced |
//! | 9 | system: the systemd user timer could not be installed or removed |

use std::path::PathBuf;
use std::process::ExitCode;

use renewal_core::adapters::import::ImportErrorKind;

/// Exit code: some documents of a batch failed; the others were imported or written.
pub(crate) const EXIT_SOME_FAILED: u8 = 1;
/// Exit code: a usage error (clap's own usage errors exit 2 too).
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit code: some reminders could not be delivered (they are kept and retried).
pub(crate) const EXIT_UNDELIVERED: u8 = 3;
/// Exit code: the database could not be opened, read or written.
pub(crate) const EXIT_DATABASE: u8 = 4;
/// Exit code: no agreement with that id.
pub(crate) const EXIT_NOT_FOUND: u8 = 5;
/// Exit code: a value was refused (an edit, a row, a warning number, an event id).
pub(crate) const EXIT_INVALID: u8 = 6;
/// Exit code: a file named on the command line could not be written or read.
pub(crate) const EXIT_FILE: u8 = 7;
/// Exit code: the renewal brief (PDF) could not be produced.
pub(crate) const EXIT_BRIEF: u8 = 8;
/// Exit code: systemd could not be used (the reminder timer).
pub(crate) const EXIT_SYSTEM: u8 = 9;

/// Why a `renewals` command failed. Printed as one line on stderr (`error: …`) naming the
/// file, line, field or value concerned; [`CliError::exit_code`] gives the exit code.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// A failure of the core, classified by [`renewal_core::Error::code`].
    #[error(transparent)]
    Core(#[from] renewal_core::Error),
    /// The database file could not be opened or migrated (always exit 4, whatever the
    /// cause: a folder that cannot be created is a database problem here).
    #[error("{}: {source}", path.display())]
    Database {
        /// The database file.
        path: PathBuf,
        /// What failed.
        source: renewal_core::Error,
    },
    /// A core error while producing a file named on the command line (the renewal brief):
    /// the exit code of the core error ([`core_exit_code`]), the message naming the file.
    #[error("{}: {source}", path.display())]
    ForFile {
        /// The file being produced.
        path: PathBuf,
        /// What failed.
        source: renewal_core::Error,
    },
    /// An argument or value the CLI checks itself (the message says what was expected).
    #[error("{0}")]
    Usage(String),
    /// A file named on the command line could not be written or read.
    #[error("{}: {message}", path.display())]
    File {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// `systemctl` or the systemd unit folder could not be used.
    #[error("{0}")]
    System(String),
}

impl CliError {
    /// A usage error with `message`.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        CliError::Usage(message.into())
    }

    /// A file error on `path`.
    pub(crate) fn file(path: impl Into<PathBuf>, message: impl std::fmt::Display) -> Self {
        CliError::File {
            path: path.into(),
            message: message.to_string(),
        }
    }

    /// The documented exit code (see the module's table).
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(e) => core_exit_code(e),
            CliError::Database { .. } => EXIT_DATABASE,
            CliError::ForFile { source, .. } => core_exit_code(source),
            CliError::Usage(_) => EXIT_USAGE,
            CliError::File { .. } => EXIT_FILE,
            CliError::System(_) => EXIT_SYSTEM,
        }
    }
}

/// The exit code of a core error, by its stable code ([`renewal_core::Error::code`]).
/// Unknown codes (added to the core later) exit 1.
pub(crate) fn core_exit_code(e: &renewal_core::Error) -> u8 {
    match e.code() {
        "database" | "schema" | "corrupt" => EXIT_DATABASE,
        "not_found" => EXIT_NOT_FOUND,
        "invalid" => EXIT_INVALID,
        "io" => EXIT_FILE,
        "brief" => EXIT_BRIEF,
        "import" => EXIT_SOME_FAILED,
        _ => 1,
    }
}

/// The exit code of an `import` or `extract` of `total` files whose failures are `failed`
/// (one kind per failed file): 0 when none failed; [`EXIT_SOME_FAILED`] (1) when some were
/// done and others failed; when none was done, why: [`EXIT_FILE`] (7) when a file could not
/// be read (missing, no permission, a folder, a FIFO, a device such as `/dev/zero`),
/// otherwise [`EXIT_DATABASE`] (4) when a document could not be stored, otherwise
/// [`EXIT_INVALID`] (6): every document was read and refused (binary, over 5 MiB, over the
/// table limits, no agreement in it, a value out of range). README.md, "Exit codes".
pub(crate) fn batch_exit_code(total: usize, failed: &[ImportErrorKind]) -> u8 {
    if failed.is_empty() {
        0
    } else if failed.len() < total {
        EXIT_SOME_FAILED
    } else if failed.contains(&ImportErrorKind::Unreadable) {
        EXIT_FILE
    } else if failed.contains(&ImportErrorKind::Database) {
        EXIT_DATABASE
    } else {
        EXIT_INVALID
    }
}

/// Result of a command: the exit code on success (0, or 1 / 3 for a partial success).
pub(crate) type CliResult<T = ExitCode> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_map_to_distinct_documented_codes() {
        let not_found = CliError::from(renewal_core::Error::NotFound(7));
        assert_eq!(not_found.exit_code(), EXIT_NOT_FOUND);
        assert_eq!(not_found.to_string(), "no agreement with id 7");
        let invalid = CliError::from(renewal_core::Error::Invalid {
            field: "effective_date".into(),
            message: "\"31 February 2024\" does not exist".into(),
        });
        assert_eq!(invalid.exit_code(), EXIT_INVALID);
        assert!(invalid.to_string().starts_with("invalid effective_date: "));
        let schema = CliError::from(renewal_core::Error::Schema("version 9 is newer".into()));
        assert_eq!(schema.exit_code(), EXIT_DATABASE);
        let io = CliError::from(renewal_core::Error::Io {
            path: "/x/out.ics".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        });
        assert_eq!(io.exit_code(), EXIT_FILE);
        assert!(io.to_string().starts_with("/x/out.ics: "));
        let db = CliError::Database {
            path: "/x/r.db".into(),
            source: renewal_core::Error::Io {
                path: "/x".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
        };
        assert_eq!(db.exit_code(), EXIT_DATABASE);
        assert!(db.to_string().starts_with("/x/r.db: /x: "));
        let brief = CliError::ForFile {
            path: "/x/a.pdf".into(),
            source: renewal_core::Error::Brief("font missing".into()),
        };
        assert_eq!(brief.exit_code(), EXIT_BRIEF);
        assert_eq!(brief.to_string(), "/x/a.pdf: renewal brief: font missing");
        assert_eq!(CliError::usage("unknown field").exit_code(), EXIT_USAGE);
        assert_eq!(
            CliError::file("/x/a.pdf", "denied").to_string(),
            "/x/a.pdf: denied"
        );
        assert_eq!(CliError::file("/x/a.pdf", "denied").exit_code(), EXIT_FILE);
        assert_eq!(
            CliError::System("no systemctl".into()).exit_code(),
            EXIT_SYSTEM
        );
    }

    #[test]
    fn a_batch_exits_by_what_was_done_and_why_the_rest_failed() {
        use ImportErrorKind::{Database, Refused, Unreadable};
        assert_eq!(batch_exit_code(3, &[]), 0);
        // Some done, some failed, whatever the reason.
        assert_eq!(batch_exit_code(3, &[Unreadable]), EXIT_SOME_FAILED);
        assert_eq!(batch_exit_code(2, &[Refused]), EXIT_SOME_FAILED);
        // Nothing done: why.
        assert_eq!(batch_exit_code(1, &[Unreadable]), EXIT_FILE);
        assert_eq!(batch_exit_code(1, &[Refused]), EXIT_INVALID);
        assert_eq!(batch_exit_code(1, &[Database]), EXIT_DATABASE);
        assert_eq!(batch_exit_code(2, &[Refused, Unreadable]), EXIT_FILE);
        assert_eq!(batch_exit_code(2, &[Refused, Database]), EXIT_DATABASE);
        assert_eq!(batch_exit_code(2, &[Refused, Refused]), EXIT_INVALID);
    }
}
