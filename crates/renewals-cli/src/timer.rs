//! The systemd user timer that runs `renewals remind` a few times a day and at login.
//!
//! Units: `renewal-desk-remind.service` (oneshot) and `renewal-desk-remind.timer`, written to
//! `$XDG_CONFIG_HOME/systemd/user` (else `~/.config/systemd/user`). `Persistent=true` makes
//! systemd run a missed calendar slot at the next boot or login (the laptop was asleep);
//! the reminder log makes a late or repeated run harmless.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use crate::error::{CliError, CliResult};

/// Unit name of the service.
pub(crate) const SERVICE: &str = "renewal-desk-remind.service";
/// Unit name of the timer.
pub(crate) const TIMER: &str = "renewal-desk-remind.timer";

fn unit_dir() -> CliResult<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|x| !x.is_empty()) {
        return Ok(PathBuf::from(x).join("systemd/user"));
    }
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(h) => Ok(PathBuf::from(h).join(".config/systemd/user")),
        None => Err(CliError::System(
            "neither XDG_CONFIG_HOME nor HOME is set: cannot find the systemd user unit folder"
                .to_string(),
        )),
    }
}

/// Quotes one word of an `ExecStart=` line (systemd.service "Command lines"): double quotes
/// when needed, `\` and `"` escaped, `%` (specifiers) and `$` (variables) doubled.
fn systemd_word(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    if escaped.is_empty()
        || escaped
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'' || c == ';')
    {
        format!("\"{escaped}\"")
    } else {
        escaped
    }
}

fn absolute(p: &Path) -> CliResult<PathBuf> {
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    std::env::current_dir()
        .map(|d| d.join(p))
        .map_err(|e| CliError::file(p, format!("cannot resolve the path: {e}")))
}

fn service_text(exe: &Path, db: Option<&Path>) -> String {
    let mut words = vec![systemd_word(&exe.to_string_lossy())];
    if let Some(db) = db {
        words.push("--db".to_string());
        words.push(systemd_word(&db.to_string_lossy()));
    }
    words.push("remind".to_string());
    format!(
        "# Written by `renewals remind --install-timer`; remove with `renewals remind --remove-timer`.\n\
[Unit]\n\
Description=Renewal Desk: deliver contract deadline reminders\n\
Documentation=man:systemd.timer(5)\n\
\n\
[Service]\n\
Type=oneshot\n\
ExecStart={}\n\
# Exit code 3: some reminders could not be delivered; they are kept and retried next run.\n\
SuccessExitStatus=3\n\
TimeoutStartSec=2min\n",
        words.join(" ")
    )
}

fn timer_text() -> String {
    "# Written by `renewals remind --install-timer`; remove with `renewals remind --remove-timer`.\n\
[Unit]\n\
Description=Renewal Desk: reminders a few times a day and at login\n\
\n\
[Timer]\n\
# At login (the user manager starts with the session) ...\n\
OnStartupSec=2min\n\
# ... and at 09:00, 13:00 and 17:00; a slot missed while the machine was off or asleep\n\
# runs at the next start (Persistent=true).\n\
OnCalendar=*-*-* 09,13,17:00:00\n\
Persistent=true\n\
RandomizedDelaySec=2min\n\
Unit=renewal-desk-remind.service\n\
\n\
[Install]\n\
WantedBy=timers.target\n"
        .to_string()
}

/// Runs `systemctl --user ARGS`; [`CliError::System`] with what went wrong when it is
/// missing or fails.
fn systemctl(args: &[&str]) -> CliResult<()> {
    let out = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| CliError::System(format!("systemctl not available: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(CliError::System(format!(
            "`systemctl --user {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

fn write(path: &Path, text: &str) -> CliResult<()> {
    std::fs::write(path, text).map_err(|e| CliError::file(path, e))
}

/// Writes and enables the timer and service units (see the module's description).
pub(crate) fn install(db: Option<&Path>) -> CliResult {
    let dir = unit_dir()?;
    std::fs::create_dir_all(&dir).map_err(|e| CliError::file(&dir, e))?;
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| CliError::System(format!("cannot find the renewals binary: {e}")))?;
    let db = db.map(absolute).transpose()?;
    let service = dir.join(SERVICE);
    let timer = dir.join(TIMER);
    write(&service, &service_text(&exe, db.as_deref()))?;
    write(&timer, &timer_text())?;
    println!("Wrote {}", service.display());
    println!("Wrote {}", timer.display());
    match systemctl(&["daemon-reload"]).and_then(|_| systemctl(&["enable", "--now", TIMER])) {
        Ok(()) => {
            println!("Enabled {TIMER}: reminders run at login and at 09:00, 13:00 and 17:00.")
        }
        Err(e) => {
            println!("Not enabled: {e}");
            println!("To enable it in your desktop session, run:");
            println!("  systemctl --user daemon-reload");
            println!("  systemctl --user enable --now {TIMER}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Disables the timer and removes both units.
pub(crate) fn remove() -> CliResult {
    let dir = unit_dir()?;
    let disabled = systemctl(&["disable", "--now", TIMER]);
    for name in [TIMER, SERVICE] {
        let p = dir.join(name);
        match std::fs::remove_file(&p) {
            Ok(()) => println!("Removed {}", p.display()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("Not installed: {}", p.display())
            }
            Err(e) => return Err(CliError::file(&p, e)),
        }
    }
    match disabled.and_then(|_| systemctl(&["daemon-reload"])) {
        Ok(()) => println!("Disabled {TIMER}."),
        Err(e) => println!("systemd was not told ({e}); if the timer was enabled, run `systemctl --user disable --now {TIMER}`."),
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_words_are_quoted_for_systemd() {
        assert_eq!(systemd_word("/usr/bin/renewals"), "/usr/bin/renewals");
        assert_eq!(systemd_word("/home/a b/x.db"), "\"/home/a b/x.db\"");
        assert_eq!(systemd_word("/tmp/100%.db"), "/tmp/100%%.db");
        assert_eq!(systemd_word("/tmp/$HOME"), "/tmp/$$HOME");
    }
}
