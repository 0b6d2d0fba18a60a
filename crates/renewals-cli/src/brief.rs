//! `renewals brief`: the PDF renewal brief of one agreement, or of every agreement.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use renewal_core::adapters::brief::{brief_file_name, render_brief, BriefOptions, Paper};
use renewal_core::adapters::store::{Store, StoredAgreement};
use renewal_core::services::portfolio;

use crate::error::{CliError, CliResult, EXIT_SOME_FAILED};

/// Arguments of `renewals brief`.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub(crate) struct BriefArgs {
    /// Agreement id (see `renewals list`)
    id: Option<i64>,
    /// One brief per agreement, written into the folder given with -o
    #[arg(long)]
    all: bool,
    /// Output: a PDF file for one agreement, a folder with --all (created if missing)
    #[arg(short, long, value_name = "PATH")]
    output: PathBuf,
    /// Paper size: a4 or letter [default: the `paper` setting, shared with the app; else a4]
    #[arg(long, value_parser = parse_paper)]
    paper: Option<Paper>,
}

fn parse_paper(s: &str) -> CliResult<Paper> {
    Paper::parse(s).ok_or_else(|| {
        CliError::usage(format!(
            "\"{s}\" is not a paper size: expected a4 or letter"
        ))
    })
}

/// Renders the brief of `stored` (with its history from `store`: hand edits and who made
/// them) as of `as_of` and writes it to `path`.
///
/// Errors: SQLite; the PDF cannot be produced (exit 8) or written (exit 7), each naming `path`.
fn write_brief(
    store: &Store,
    stored: &StoredAgreement,
    as_of: NaiveDate,
    options: &BriefOptions,
    path: &Path,
) -> CliResult<()> {
    let history = store.history_of(stored)?;
    let bytes =
        render_brief(stored, &history, as_of, options).map_err(|source| CliError::ForFile {
            path: path.to_path_buf(),
            source,
        })?;
    std::fs::write(path, bytes)
        .map_err(|e| CliError::file(path, format!("cannot write the brief: {e}")))
}

/// Runs `renewals brief` as of `as_of`, on the paper given or else the `paper` setting
/// ([`portfolio::paper`], the app's).
pub(crate) fn run(store: &Store, args: &BriefArgs, as_of: NaiveDate) -> CliResult {
    let paper = match args.paper {
        Some(p) => p,
        None => portfolio::paper(store)?,
    };
    let options = BriefOptions { paper };
    if args.all {
        let dir = &args.output;
        if dir.exists() && !dir.is_dir() {
            return Err(CliError::file(
                dir,
                "is a file; --all writes one brief per agreement into a folder",
            ));
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::file(dir, format!("cannot create the folder: {e}")))?;
        // One agreement at a time (issue 14 item 1): memory does not grow with the register.
        let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut failed = 0usize;
        let mut total = 0usize;
        store.for_each_stored(|stored| {
            total += 1;
            let mut name = brief_file_name(&stored.agreement.title);
            if used.contains(&name) {
                // Two titles with the same slug: keep both, told apart by id.
                name = format!("{}-{}.pdf", name.trim_end_matches(".pdf"), stored.id);
            }
            used.insert(name.clone());
            let path = dir.join(&name);
            match write_brief(store, &stored, as_of, &options, &path) {
                Ok(()) => outln!(
                    "{}\t{}\t{}",
                    stored.id,
                    stored.agreement.title,
                    path.display()
                ),
                Err(e) => {
                    failed += 1;
                    eprintln!("error: {e}");
                }
            }
            Ok(())
        })?;
        if total == 0 {
            eprintln!("no agreements to brief: import some with `renewals import FILE.md`");
            return Ok(ExitCode::SUCCESS);
        }
        if failed > 0 {
            eprintln!("{failed} of {total} brief(s) failed");
            return Ok(ExitCode::from(EXIT_SOME_FAILED));
        }
        Ok(ExitCode::SUCCESS)
    } else {
        let Some(id) = args.id else {
            return Err(CliError::usage("give an agreement id or --all"));
        };
        if args.output.is_dir() {
            return Err(CliError::file(
                &args.output,
                format!(
                    "is a folder; give a file name, e.g. {}",
                    args.output.join("brief.pdf").display()
                ),
            ));
        }
        let stored = store.get(id)?;
        write_brief(store, &stored, as_of, &options, &args.output)?;
        outln!("{}", args.output.display());
        Ok(ExitCode::SUCCESS)
    }
}
