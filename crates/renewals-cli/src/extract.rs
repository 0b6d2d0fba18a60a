//! `renewals extract FILE... [--json]`: reads documents without storing them (issue 10
//! item 5). With `--json`, one JSON object per line per file, in order:
//! `{"file", "format", "language", "error": null|"message", "fields": {...}}` (the keys and
//! value shapes of `Reading::fields_json`). A file that cannot be read gives its `"error"`
//! and the others continue; the exit code is then [`batch_exit_code`]'s: 1 when some were
//! read, 7 (a file could not be read) or 6 (every document refused) when none was.

use std::path::PathBuf;
use std::process::ExitCode;

use renewal_core::adapters::import::read_path;
use renewal_core::adapters::import::reading;
use serde_json::{json, Value};

use crate::emit;
use crate::error::{batch_exit_code, CliResult};

/// Reads each of `files` and prints its reading (JSON Lines with `json`).
pub(crate) fn run(files: &[PathBuf], json: bool) -> CliResult {
    let mut failed = Vec::new();
    for f in files {
        let name = f.display().to_string();
        match read_path(f) {
            Ok(doc) => {
                let r = reading::read(&doc);
                if json {
                    emit(&r.to_json(&name).to_string());
                } else {
                    print_text(&name, &r);
                }
            }
            Err(e) => {
                failed.push(e.kind);
                if json {
                    emit(
                        &json!({"file": name, "format": Value::Null, "language": Value::Null,
                                "error": e.to_string(), "fields": Value::Null})
                        .to_string(),
                    );
                } else {
                    eprintln!("error: {e}");
                }
            }
        }
    }
    Ok(ExitCode::from(batch_exit_code(files.len(), &failed)))
}

fn print_text(name: &str, r: &reading::Reading) {
    emit(&format!(
        "{name} ({}, {})",
        reading::format_name(r.format),
        r.language.code()
    ));
    let fields = r.fields_json();
    if let Value::Object(map) = fields {
        for (k, v) in map {
            let line = match &v {
                Value::Null => format!("  {k}: -"),
                v => {
                    let value = &v["value"];
                    let shown = match value {
                        Value::String(s) => s.clone(),
                        Value::Object(o) if o.contains_key("amount") => {
                            format!("{} {}", o["amount"], o["unit"].as_str().unwrap_or(""))
                        }
                        other => other.to_string(),
                    };
                    let derived = if v.get("derived").is_some() {
                        ", derived"
                    } else {
                        ""
                    };
                    format!(
                        "  {k}: {shown} ({}{derived}; line {})",
                        v["confidence"].as_str().unwrap_or(""),
                        v["source"]["line"]
                    )
                }
            };
            emit(&line);
        }
    }
    for w in &r.warnings {
        emit(&format!("  warning: {}", w.message));
    }
}
