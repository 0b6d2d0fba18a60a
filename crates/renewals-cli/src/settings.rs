//! `renewals settings`: show the settings the app and the CLI share, or set one
//! (renewal_core::services::portfolio; each change is recorded in `settings_history`).

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use renewal_core::adapters::brief::Paper;
use renewal_core::adapters::store::Store;
use renewal_core::services::portfolio;

use crate::error::{CliError, CliResult};
use crate::print_json;

/// Arguments of `renewals settings`.
#[derive(Args, Debug)]
pub(crate) struct SettingsArgs {
    /// Print JSON instead of text (without a subcommand)
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    action: Option<SettingsAction>,
}

#[derive(Subcommand, Debug)]
enum SettingsAction {
    /// Set a setting, e.g. `settings set business_day_adjustment off`
    Set {
        /// The setting
        name: SettingName,
        /// business_day_adjustment: on or off; paper: a4 or letter
        value: String,
        /// business_day_adjustment only: also switch every stored agreement (each change
        /// recorded in its history); otherwise only new imports follow the setting
        #[arg(long)]
        apply_to_existing: bool,
    },
}

/// The settings `renewals settings set` can change.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SettingName {
    /// Rule 4: move deadlines of newly imported agreements to the preceding business day
    #[value(name = "business_day_adjustment")]
    BusinessDayAdjustment,
    /// Paper size of renewal briefs
    #[value(name = "paper")]
    Paper,
}

/// Reads `on`/`off` (also `true`/`false`, `yes`/`no`, any case).
fn parse_switch(value: &str) -> CliResult<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        _ => Err(CliError::usage(format!(
            "business_day_adjustment: \"{value}\" is not on or off"
        ))),
    }
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "letter",
    }
}

/// Runs `renewals settings`.
pub(crate) fn run(store: &mut Store, args: &SettingsArgs) -> CliResult {
    match &args.action {
        None => {
            let s = portfolio::settings(store)?;
            if args.json {
                print_json(&s)?;
            } else {
                let ladder: Vec<String> = s.ladder.iter().map(u32::to_string).collect();
                outln!(
                    "business_day_adjustment  {}  (for new imports; {} stored agreement{} without it)",
                    on_off(s.business_day_adjustment),
                    s.agreements_without_adjustment,
                    if s.agreements_without_adjustment == 1 { "" } else { "s" }
                );
                outln!("paper                    {}", paper_name(s.paper));
                outln!(
                    "reminder ladder          {} days before{}  (change with `renewals ladder`)",
                    ladder.join(","),
                    if s.ladder_is_default {
                        " (default)"
                    } else {
                        ""
                    }
                );
            }
        }
        Some(SettingsAction::Set {
            name,
            value,
            apply_to_existing,
        }) => match name {
            SettingName::BusinessDayAdjustment => {
                let on = parse_switch(value)?;
                let changed =
                    portfolio::set_business_day_adjustment(store, on, *apply_to_existing)?;
                outln!(
                    "business_day_adjustment {} for new imports{}",
                    on_off(on),
                    if *apply_to_existing {
                        format!(
                            "; {changed} stored agreement{} switched",
                            if changed == 1 { "" } else { "s" }
                        )
                    } else {
                        String::new()
                    }
                );
            }
            SettingName::Paper => {
                if *apply_to_existing {
                    return Err(CliError::usage(
                        "--apply-to-existing is for business_day_adjustment only",
                    ));
                }
                let paper = Paper::parse(value).ok_or_else(|| {
                    CliError::usage(format!("paper: \"{value}\" is not a4 or letter"))
                })?;
                portfolio::set_paper(store, paper)?;
                outln!("paper {}", paper_name(paper));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_read_on_and_off_and_refuse_the_rest() {
        assert!(parse_switch("on").unwrap());
        assert!(parse_switch(" ON ").unwrap());
        assert!(!parse_switch("off").unwrap());
        assert!(!parse_switch("false").unwrap());
        let e = parse_switch("maybe").unwrap_err();
        assert_eq!(e.exit_code(), crate::error::EXIT_USAGE);
        assert!(e.to_string().contains("\"maybe\""));
    }
}
