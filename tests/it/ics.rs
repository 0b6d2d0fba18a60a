//! Calendar export (issue 4): `renewals export-ics`, read back with an independent parser
//! (the `ical` crate, not the `icalendar` crate that writes it).

use std::collections::{HashMap, HashSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use renewal_core::adapters::remind::Ladder;
use renewal_core::adapters::store::Store;
use renewal_core::services::views::deadlines;

use crate::common::{d, import_seed, renewals, stderr, stdout};

fn db_with_samples(dir: &Path) -> PathBuf {
    let path = dir.join("ics.db");
    let mut store = Store::open(&path).unwrap();
    for name in [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ] {
        store.import(&import_seed(name)).unwrap();
    }
    path
}

fn export(db: &Path, today: &str, extra: &[&str]) -> (String, IcalCalendar) {
    let out = db.with_file_name(format!("export-{today}-{}.ics", extra.len()));
    let mut args = vec!["export-ics", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = renewals(db, today, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Wrote"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("the ical crate cannot parse the export: {e}\n{text}"));
    assert!(parser.next().is_none(), "exactly one VCALENDAR");
    (text, cal)
}

fn props<'a>(props: &'a [Property], name: &str) -> Vec<&'a Property> {
    props.iter().filter(|p| p.name == name).collect()
}

fn value<'a>(e: &'a IcalEvent, name: &str) -> &'a str {
    let p = props(&e.properties, name);
    assert_eq!(p.len(), 1, "one {name} per VEVENT");
    p[0].value.as_deref().unwrap_or("")
}

/// RFC 5545 TEXT unescaping (the `ical` crate returns values as written).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(x) => out.push(x),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn uids(cal: &IcalCalendar) -> HashMap<String, String> {
    cal.events
        .iter()
        .map(|e| (value(e, "UID").to_string(), unescape(value(e, "SUMMARY"))))
        .collect()
}

/// How many agreements of `store` have an internal decide-by date as of `today` (each is
/// exported as one more VEVENT, issue 16 item 3).
fn decide_by_dates(store: &Store, today: &str) -> usize {
    store
        .list()
        .unwrap()
        .iter()
        .filter(|s| {
            renewal_core::domain::rules::assess(&s.agreement, d(today))
                .decision(&s.agreement)
                .decide_by
                .is_some()
        })
        .count()
}

#[test]
fn one_vevent_per_dated_event_with_alarms_following_the_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_samples(dir.path());
    let (text, cal) = export(&db, "2026-12-20", &[]);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let store = Store::open(&db).unwrap();
    let rows = deadlines(&store.list().unwrap(), d("2026-12-20"), None);
    assert_eq!(
        cal.events.len(),
        rows.len() + decide_by_dates(&store, "2026-12-20"),
        "one VEVENT per dated event and per internal decide-by date"
    );
    let by_summary: HashMap<(String, String), &IcalEvent> = cal
        .events
        .iter()
        .map(|e| {
            (
                (
                    unescape(value(e, "SUMMARY")),
                    value(e, "DTSTART").to_string(),
                ),
                e,
            )
        })
        .collect();
    assert_eq!(by_summary.len(), cal.events.len());
    let key = |s: &str, date: &str| (s.to_string(), date.to_string());
    let peru = by_summary
        .get(&key(
            "AWS Peru Partnership Agreement: Exit window ends: Migration (assisted)",
            "20261227",
        ))
        .expect("the assisted-migration window");
    assert_eq!(value(peru, "DTSTART"), "20261227");
    let triggers: Vec<&str> = peru
        .alarms
        .iter()
        .map(|a| {
            assert_eq!(
                props(&a.properties, "ACTION")[0].value.as_deref(),
                Some("DISPLAY")
            );
            props(&a.properties, "TRIGGER")[0].value.as_deref().unwrap()
        })
        .collect();
    assert_eq!(
        triggers,
        ["-P90D", "-P60D", "-P30D", "-P14D", "-P7D", "-P3D", "-P1D", "PT0S"]
    );
    // Events that no longer remind (closed, done) carry no alarm.
    let expiry = by_summary
        .get(&key("AWS Peru Partnership Agreement: Expiry", "20260630"))
        .expect("the expiry");
    assert!(expiry.alarms.is_empty());
    // Each open or overdue event has 8 alarms, the others none.
    for r in &rows {
        let e = by_summary
            .get(&key(
                &format!("{}: {}", r.agreement, r.event.label),
                &r.event.date.format("%Y%m%d").to_string(),
            ))
            .unwrap_or_else(|| panic!("{} {}", r.agreement, r.event.label));
        let remind = matches!(r.event.status.as_str(), "open" | "overdue");
        assert_eq!(
            e.alarms.len(),
            if remind { 8 } else { 0 },
            "{}",
            r.event.label
        );
    }
}

#[test]
fn alarms_follow_an_agreement_ladder_and_owner_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_samples(dir.path());
    {
        let mut store = Store::open(&db).unwrap();
        let ms = store
            .list()
            .unwrap()
            .into_iter()
            .find(|s| s.agreement.title.starts_with("Microsoft"))
            .unwrap()
            .id;
        store
            .set_agreement_ladder(ms, Some(&Ladder::parse("30,1").unwrap()))
            .unwrap();
    }
    let (_, cal) = export(&db, "2026-12-20", &[]);
    let renewal = cal
        .events
        .iter()
        .find(|e| {
            unescape(value(e, "SUMMARY")) == "Microsoft Peru Partnership Agreement: Renewal"
                && value(e, "DTSTART") == "20270101"
        })
        .unwrap();
    assert_eq!(renewal.alarms.len(), 2);
    // --owner keeps only the agreements with a matching contract owner.
    let store = Store::open(&db).unwrap();
    let owners: HashSet<String> = store
        .list()
        .unwrap()
        .into_iter()
        .filter_map(|s| s.agreement.contract_owner.map(|o| o.value))
        .collect();
    let owner = owners
        .iter()
        .next()
        .expect("samples name a contract owner")
        .clone();
    let (_, mine) = export(&db, "2026-12-20", &["--owner", &owner.to_uppercase()]);
    assert!(!mine.events.is_empty());
    let (_, none) = export(&db, "2026-12-20", &["--owner", "nobody-at-all"]);
    assert!(none.events.is_empty());
}

#[test]
fn uids_are_stable_across_exports_and_reimports() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_samples(dir.path());
    let (_, a) = export(&db, "2026-12-20", &[]);
    let (_, b) = export(&db, "2026-12-20", &[]);
    let ua = uids(&a);
    assert_eq!(ua.len(), a.events.len(), "UIDs are unique");
    assert_eq!(ua, uids(&b));
    // A day later, the events still ahead keep their UIDs.
    let (_, c) = export(&db, "2026-12-21", &[]);
    let uc = uids(&c);
    let common = ua.keys().filter(|k| uc.contains_key(*k)).count();
    assert!(common >= ua.len() - 1, "{common} of {}", ua.len());
    // Another database, imported in another order (other ids): same UIDs.
    let other = dir.path().join("other.db");
    let mut store = Store::open(&other).unwrap();
    for name in [
        "microsoft-peru-mifibra.md",
        "aws-peru-mifibra.md",
        "aws-chile-wom.md",
    ] {
        store.import(&import_seed(name)).unwrap();
    }
    drop(store);
    let (_, e) = export(&other, "2026-12-20", &[]);
    assert_eq!(uids(&e), ua);
}

#[test]
fn injection_attempts_in_titles_stay_inside_their_property() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_samples(dir.path());
    let evil = "Evil\r\nATTENDEE:mailto:boss@example.com\nEND:VEVENT; a, b \\ c";
    {
        let mut store = Store::open(&db).unwrap();
        let mut s = store
            .list()
            .unwrap()
            .into_iter()
            .find(|s| s.agreement.title.starts_with("AWS Peru"))
            .unwrap();
        s.agreement.title = evil.to_string();
        store.update(s.id, &s.agreement, "edit").unwrap();
    }
    let (text, cal) = export(&db, "2026-12-20", &[]);
    for line in text.split("\r\n") {
        assert!(!line.starts_with("ATTENDEE"), "injected property: {line}");
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare line break: {line:?}"
        );
    }
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(),
        lines.iter().filter(|l| **l == "END:VEVENT").count()
    );
    let store = Store::open(&db).unwrap();
    let rows = deadlines(&store.list().unwrap(), d("2026-12-20"), None);
    assert_eq!(
        cal.events.len(),
        rows.len() + decide_by_dates(&store, "2026-12-20"),
        "no VEVENT was cut short or added"
    );
    let expected = "Evil\nATTENDEE:mailto:boss@example.com\nEND:VEVENT; a, b \\ c: Expiry";
    let e = cal
        .events
        .iter()
        .find(|e| unescape(value(e, "SUMMARY")) == expected)
        .unwrap_or_else(|| panic!("summary not kept whole:\n{text}"));
    assert!(props(&e.properties, "ATTENDEE").is_empty());
    let raw = value(e, "SUMMARY");
    assert!(
        raw.contains("\\;") && raw.contains("\\,") && raw.contains("\\\\") && raw.contains("\\n"),
        "{raw}"
    );
}
