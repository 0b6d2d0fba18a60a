//! `renewals brief`: the PDF renewal brief of one agreement, or of every agreement.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use renewal_core::adapters::brief::{brief_file_name, render_brief, BriefOptions, Paper};
use renewal_core::adapters::store::{Store, StoredAgreement};

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
    /// Paper size: a4 or letter
    #[arg(long, default_value = "a4", value_parser = parse_paper)]
    paper: Paper,
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    Paper::parse(s).ok_or_else(|| format!("\"{s}\" is not a paper size: expected a4 or letter"))
}

fn write_brief(
    stored: &StoredAgreement,
    today: NaiveDate,
    options: &BriefOptions,
    path: &Path,
) -> Result<(), String> {
    let bytes =
        render_brief(stored, today, options).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, bytes)
        .map_err(|e| format!("{}: cannot write the brief: {e}", path.display()))
}

/// Runs `renewals brief`.
pub(crate) fn run(store: &Store, args: &BriefArgs, today: NaiveDate) -> Result<ExitCode, String> {
    let options = BriefOptions { paper: args.paper };
    if args.all {
        let dir = &args.output;
        if dir.exists() && !dir.is_dir() {
            return Err(format!(
                "{}: is a file; --all writes one brief per agreement into a folder",
                dir.display()
            ));
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
        let list = store.list().map_err(|e| e.to_string())?;
        if list.is_empty() {
            eprintln!("no agreements to brief: import some with `renewals import FILE.md`");
            return Ok(ExitCode::SUCCESS);
        }
        let mut used: Vec<String> = Vec::new();
        let mut failed = 0usize;
        for stored in &list {
            let mut name = brief_file_name(&stored.agreement.title);
            if used.contains(&name) {
                // Two titles with the same slug: keep both, told apart by id.
                name = format!("{}-{}.pdf", name.trim_end_matches(".pdf"), stored.id);
            }
            used.push(name.clone());
            let path = dir.join(&name);
            match write_brief(stored, today, &options, &path) {
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
        }
        if failed > 0 {
            eprintln!("{failed} of {} brief(s) failed", list.len());
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
    } else {
        let Some(id) = args.id else {
            return Err("give an agreement id or --all".to_string());
        };
        if args.output.is_dir() {
            return Err(format!(
                "{}: is a folder; give a file name, e.g. {}",
                args.output.display(),
                args.output.join("brief.pdf").display()
            ));
        }
        let stored = store.get(id).map_err(|e| e.to_string())?;
        write_brief(&stored, today, &options, &args.output)?;
        outln!("{}", args.output.display());
        Ok(ExitCode::SUCCESS)
    }
}
