//! The public-holiday calendars checked against an independent oracle: the
//! Python `holidays` package (version pinned in scripts/install-deps.sh), run
//! through scripts/holidays-oracle.py, for every year 2000–2040.
//!
//! The test compares, per country and year, the set of holiday dates (names
//! differ in wording and are not compared) and fails naming every date one
//! side has and the other lacks. When python3 or the package is missing the
//! test prints a loud SKIPPED message and passes, except under CI (`CI` set),
//! where it fails: CI installs the package (scripts/install-deps.sh).
//!
//! Deliberate deviations from the package, with their reason, are listed in
//! [`ALLOWED`]; there are none today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use super::*;

const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2040;

/// Countries checked, by the code the oracle script takes (GB = England and
/// Wales), with the first year the package covers: its Spain starts in 2008,
/// so Spain is checked for 2008–2040 only.
const CHECKED: [(&str, Country, i32); 7] = [
    ("CO", Country::Colombia, FIRST_YEAR),
    ("MX", Country::Mexico, FIRST_YEAR),
    ("AR", Country::Argentina, FIRST_YEAR),
    ("BR", Country::Brazil, FIRST_YEAR),
    ("US", Country::UnitedStates, FIRST_YEAR),
    ("GB", Country::UnitedKingdom, FIRST_YEAR),
    ("ES", Country::Spain, 2008),
];

/// Dates where this calendar deliberately differs from the package: (code,
/// date "YYYY-MM-DD", reason). Empty: every checked date agrees.
const ALLOWED: [(&str, &str, &str); 0] = [];

fn oracle_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/holidays-oracle.py")
}

/// Runs the oracle; `None` (with the reason) when python3 or the package is
/// missing.
fn run_oracle() -> Result<String, String> {
    let mut command = Command::new("python3");
    command
        .arg(oracle_script())
        .arg(FIRST_YEAR.to_string())
        .arg(LAST_YEAR.to_string())
        .args(CHECKED.iter().map(|(code, ..)| *code));
    let output = command
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if output.status.code() == Some(2) {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    assert!(
        output.status.success(),
        "holidays-oracle.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).map_err(|e| format!("oracle output is not UTF-8: {e}"))
}

#[test]
fn calendars_agree_with_the_python_holidays_package_2000_to_2040() {
    let stdout = match run_oracle() {
        Ok(stdout) => stdout,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "the holiday oracle is required under CI: {why} \
                 (scripts/install-deps.sh installs it)"
            );
            eprintln!(
                "\n*** SKIPPED calendars_agree_with_the_python_holidays_package: {why}.\n\
                 *** Install it with `pip install holidays==0.109` (see scripts/install-deps.sh).\n"
            );
            return;
        }
    };
    // code -> year -> dates, from the oracle.
    let mut oracle: BTreeMap<&str, BTreeMap<i32, BTreeSet<NaiveDate>>> = BTreeMap::new();
    for line in stdout.lines() {
        let mut parts = line.splitn(3, ' ');
        let (Some(code), Some(date)) = (parts.next(), parts.next()) else {
            panic!("unreadable oracle line {line:?}");
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("unreadable oracle date in {line:?}: {e}"));
        let code = CHECKED
            .iter()
            .map(|(c, ..)| *c)
            .find(|c| *c == code)
            .unwrap_or_else(|| panic!("unexpected country in {line:?}"));
        oracle
            .entry(code)
            .or_default()
            .entry(date.year())
            .or_default()
            .insert(date);
    }
    let allowed: BTreeSet<(&str, NaiveDate)> = ALLOWED
        .iter()
        .map(|(code, date, _)| {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("bad ALLOWED date {date}: {e}"));
            (*code, date)
        })
        .collect();

    let mut failures = Vec::new();
    for (code, country, first) in &CHECKED {
        for year in *first..=LAST_YEAR {
            let ours: BTreeSet<NaiveDate> =
                holidays(country, year).iter().map(|h| h.date).collect();
            let theirs = oracle
                .get(code)
                .and_then(|years| years.get(&year))
                .cloned()
                .unwrap_or_default();
            assert!(
                !theirs.is_empty(),
                "the oracle lists no holiday for {code} {year}"
            );
            let missing: Vec<String> = theirs
                .difference(&ours)
                .filter(|d| !allowed.contains(&(*code, **d)))
                .map(|d| format!("{d} ({})", d.weekday()))
                .collect();
            let extra: Vec<String> = ours
                .difference(&theirs)
                .filter(|d| !allowed.contains(&(*code, **d)))
                .map(|d| {
                    format!(
                        "{d} {} ({})",
                        d.weekday(),
                        holiday_name(country, *d).unwrap_or("?")
                    )
                })
                .collect();
            if !missing.is_empty() || !extra.is_empty() {
                failures.push(format!(
                    "{code} {year}: missing {missing:?}; not in the package {extra:?}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} country-years differ from the holidays package:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
