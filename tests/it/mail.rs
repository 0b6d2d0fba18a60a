//! Reminders by email (issue 12), against a real SMTP server on loopback: Debian's
//! `python3-aiosmtpd` (installed by `.ci/run`), started by each test with its `Mailbox`
//! handler, which stores every message it receives in a Maildir with the envelope's
//! recipients in an `X-RcptTo` header. Messages are read back with Python's `email`
//! package, an implementation independent of the one that wrote them (lettre), and the
//! calendar parts with the `ical` crate (not the `icalendar` crate that wrote them).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use renewal_core::adapters::import::import_file;
use renewal_core::adapters::mail::{self, MailSettings, Security, Smtp};
use renewal_core::adapters::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// Debian's interpreter, where `python3-aiosmtpd` installs (a `python3` earlier on the PATH,
/// e.g. a pyenv one, does not have it).
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// A running aiosmtpd, killed on drop.
struct Server {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Server {
    fn start(dir: &Path, port: u16) -> Server {
        let maildir = dir.join("maildir");
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "python3 -m aiosmtpd (Debian package python3-aiosmtpd) is needed by the mail tests",
            );
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not start on port {port}: install python3-aiosmtpd"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Server {
            child,
            port,
            maildir,
        }
    }

    /// Every message received, parsed by Python's `email` package: headers, the text part,
    /// and the calendar parts with their content types.
    fn messages(&self) -> Vec<serde_json::Value> {
        let script = r#"
import json, mailbox, sys
from email import policy
from email.parser import BytesParser
out = []
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
for key in sorted(box.keys()):
    with box.get_file(key) as f:
        m = BytesParser(policy=policy.default).parse(f)
    text = m.get_body(preferencelist=('plain',))
    html = m.get_body(preferencelist=('html',))
    cals = []
    pdfs = []
    for part in m.walk():
        if part.get_content_type() == 'text/calendar':
            cals.append({'method': part.get_param('method'), 'body': part.get_content()})
        if part.get_content_type() == 'application/pdf':
            pdfs.append({'name': part.get_filename(), 'size': len(part.get_content())})
    out.append({
        'to': str(m['To']), 'from': str(m['From']), 'subject': str(m['Subject']),
        'rcpt': str(m['X-RcptTo']), 'bcc': m['Bcc'] is not None,
        'headers': [k for k in m.keys()],
        'text': text.get_content() if text else '', 'html': html.get_content() if html else '',
        'calendars': cals, 'pdfs': pdfs,
    })
print(json.dumps(out))
"#;
        if !self.maildir.exists() {
            return Vec::new();
        }
        let out = Command::new(python())
            .arg("-c")
            .arg(script)
            .arg(&self.maildir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "python email parser: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn settings(port: u16) -> MailSettings {
    MailSettings {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        from: "renewals@example.pe".into(),
        user: None,
        escalation: Some("director@example.pe".into()),
        escalate_days: None,
        attach_brief_days: 30,
    }
}

/// A store with the three samples and their owner ("Commercial Director") in the directory.
fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("renewals.db");
    let mut store = Store::open(&db).unwrap();
    for name in [
        "aws-chile-wom.md",
        "aws-peru-mifibra.md",
        "microsoft-peru-mifibra.md",
    ] {
        store
            .import(&import_file(&seeds().join(name)).unwrap())
            .unwrap();
    }
    store
        .add_person("Ana Deputy", Some("ana.deputy@example.pe"), None)
        .unwrap();
    store
        .add_person(
            "Commercial Director",
            Some("owner@example.pe"),
            Some("Ana Deputy"),
        )
        .unwrap();
    db
}

/// The samples seeded in a fresh database, an SMTP server, the mail settings pointing at it,
/// the store and the transport: what most tests start from.
struct Seeded {
    _dir: tempfile::TempDir,
    server: Server,
    s: MailSettings,
    store: Store,
    smtp: Smtp,
}

impl Seeded {
    fn start() -> Seeded {
        let dir = tempfile::tempdir().unwrap();
        let db = seeded(dir.path());
        let server = Server::start(dir.path(), free_port());
        let s = settings(server.port);
        let store = Store::open(&db).unwrap();
        let smtp = Smtp::new(&s, None).unwrap();
        Seeded {
            _dir: dir,
            server,
            s,
            store,
            smtp,
        }
    }
}

fn str_of<'v>(v: &'v serde_json::Value, k: &str) -> &'v str {
    v[k].as_str().unwrap_or_default()
}

#[test]
fn the_owner_receives_one_digest_with_dates_workings_and_a_calendar_request_once() {
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    store.set_mail_settings(&s).unwrap();
    let as_of = d("2026-12-20");

    let first = mail::run(&mut store, &s, &smtp, as_of, false).unwrap();
    assert!(first.ok(), "{first:?}");
    assert_eq!(
        first.mails.len(),
        1,
        "one digest for the one owner: {first:?}"
    );
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    let m = &msgs[0];
    assert!(str_of(m, "to").contains("owner@example.pe"), "{m}");
    assert_eq!(str_of(m, "rcpt"), "owner@example.pe");
    let text = str_of(m, "text");
    // AWS Peru's assisted-migration window ends on 27 December 2026; Microsoft Peru renews
    // on 1 January 2027 (its notice deadline of 2 October 2026 has closed).
    assert!(
        text.contains("AWS Peru Partnership Agreement — Exit window ends: Migration (assisted)"),
        "{text}"
    );
    assert!(text.contains("Sun 27 Dec 2026 (in 7 days)"), "{text}");
    assert!(
        text.contains("Microsoft Peru Partnership Agreement — Renewal"),
        "{text}"
    );
    assert!(text.contains("Fri 1 Jan 2027 (in 12 days)"), "{text}");
    assert!(text.contains("If nobody acts:"), "{text}");
    assert!(text.contains("Workings:"), "{text}");
    assert!(str_of(m, "html").contains("<table"), "{m}");
    // Calendar invitations: iTIP requests an independent parser reads.
    let cals = m["calendars"].as_array().unwrap();
    assert!(!cals.is_empty(), "{m}");
    let mut summaries = Vec::new();
    for c in cals {
        assert_eq!(c["method"].as_str(), Some("REQUEST"));
        let body = str_of(c, "body");
        let mut reader = ical::IcalParser::new(body.as_bytes());
        let cal = reader.next().unwrap().unwrap();
        let prop = |name: &str| {
            cal.properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(prop("METHOD").as_deref(), Some("REQUEST"));
        let ev = &cal.events[0];
        let get = |name: &str| {
            ev.properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        assert!(get("ORGANIZER").contains("mailto:renewals@example.pe"));
        assert!(get("ATTENDEE").contains("mailto:owner@example.pe"));
        assert!(get("UID").ends_with("@renewal-desk"));
        summaries.push((get("SUMMARY"), get("DTSTART")));
    }
    assert!(
        summaries
            .iter()
            .any(|(s, start)| s.contains("AWS Peru") && start == "20261227"),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|(s, start)| s.contains("Microsoft Peru") && start == "20270101"),
        "{summaries:?}"
    );
    // The brief is attached from the 30-day step.
    assert!(m["pdfs"].as_array().is_some_and(|p| !p.is_empty()), "{m}");

    // A second run sends nothing new.
    let again = mail::run(&mut store, &s, &smtp, as_of, false).unwrap();
    assert!(again.mails.is_empty(), "{again:?}");
    assert!(again.already > 0);
    assert_eq!(server.messages().len(), 1);
    // Who was told what and when.
    let log = store.mail_log(2).unwrap();
    assert!(log
        .iter()
        .any(|e| e.recipient == "owner@example.pe" && e.state == "delivered" && e.role == "owner"));
}

#[test]
fn a_server_down_is_recorded_and_the_mail_goes_out_on_a_later_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let port = free_port();
    let s = settings(port);
    let mut store = Store::open(&db).unwrap();
    let smtp = Smtp::new(&s, None).unwrap();
    let as_of = d("2026-12-20");
    let down = mail::run(&mut store, &s, &smtp, as_of, false).unwrap();
    assert!(!down.ok());
    let why = down.mails[0].failure.clone().unwrap_or_default();
    assert!(why.contains(&format!("127.0.0.1:{port}")), "{why}");
    let log = store.mail_log(2).unwrap();
    assert!(log
        .iter()
        .all(|e| e.state == "failed" && e.failure.is_some()));

    let server = Server::start(dir.path(), port);
    let up = mail::run(&mut store, &s, &smtp, as_of, false).unwrap();
    assert!(up.ok(), "{up:?}");
    assert_eq!(server.messages().len(), 1);
    assert!(store
        .mail_log(2)
        .unwrap()
        .iter()
        .all(|e| e.state == "delivered" && e.attempts == 2));
}

#[test]
fn near_a_notice_deadline_with_nothing_recorded_the_deputy_and_the_director_are_told() {
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    // Microsoft Peru's notice deadline is Fri 1 Oct 2027: 11 days after 2027-09-20.
    let report = mail::run(&mut store, &s, &smtp, d("2027-09-20"), false).unwrap();
    assert!(report.ok(), "{report:?}");
    let msgs = server.messages();
    let rcpts: Vec<&str> = msgs.iter().map(|m| str_of(m, "rcpt")).collect();
    for who in [
        "owner@example.pe",
        "ana.deputy@example.pe",
        "director@example.pe",
    ] {
        assert!(rcpts.contains(&who), "{who} not told: {rcpts:?}");
    }
    let deputy = msgs
        .iter()
        .find(|m| str_of(m, "rcpt") == "ana.deputy@example.pe")
        .unwrap();
    assert!(str_of(deputy, "subject").contains("escalation"), "{deputy}");
    assert!(str_of(deputy, "text").contains("Non-renewal notice deadline"));
    let log = store.mail_log(3).unwrap();
    assert!(log
        .iter()
        .any(|e| e.role == "deputy" && e.state == "delivered"));
    assert!(log
        .iter()
        .any(|e| e.role == "escalation" && e.state == "delivered"));
    // Three weeks earlier (31 days before), only the owner.
    let Seeded {
        _dir: _dir2,
        server: server2,
        s: s2,
        store: mut store2,
        smtp: smtp2,
    } = Seeded::start();
    mail::run(&mut store2, &s2, &smtp2, d("2027-08-31"), false).unwrap();
    let rcpts: Vec<String> = server2
        .messages()
        .iter()
        .map(|m| str_of(m, "rcpt").to_string())
        .collect();
    assert_eq!(rcpts, vec!["owner@example.pe".to_string()]);
}

#[test]
fn two_processes_at_once_send_each_step_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let server = Server::start(dir.path(), free_port());
    let s = settings(server.port);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (db, s) = (db.clone(), s.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                let smtp = Smtp::new(&s, None).unwrap();
                mail::run(&mut store, &s, &smtp, d("2026-12-20"), false).unwrap()
            })
        })
        .collect();
    let sent: usize = handles
        .into_iter()
        .map(|h| h.join().unwrap().mails.len())
        .sum();
    assert_eq!(sent, 1);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn a_title_with_a_line_break_and_bcc_injects_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("renewals.db");
    let mut store = Store::open(&db).unwrap();
    let doc = "# Evil Supply Agreement\r\nBcc: someone@example.org\n\n| Field | Details |\n|---|---|\n\
               | Contract owner | Ops Lead |\n| Effective Date | 1 January 2024 |\n\
               | Term | 3 years (auto-renewal) |\n\n## Renewal Terms\n\n- Auto-renewal for 12-month periods\n";
    let mut out = renewal_core::adapters::import::import_markdown("evil.md", doc).unwrap();
    out.agreement.title = "Evil Supply Agreement\r\nBcc: someone@example.org".into();
    store.import(&out).unwrap();
    store
        .add_person("Ops Lead", Some("ops@example.pe"), None)
        .unwrap();
    let server = Server::start(dir.path(), free_port());
    let s = settings(server.port);
    let smtp = Smtp::new(&s, None).unwrap();
    let report = mail::run(&mut store, &s, &smtp, d("2026-12-20"), false).unwrap();
    assert!(report.ok(), "{report:?}");
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    let m = &msgs[0];
    assert_eq!(str_of(m, "rcpt"), "ops@example.pe");
    assert_eq!(m["bcc"], serde_json::Value::Bool(false), "{m}");
    assert!(str_of(m, "subject").contains("Evil Supply Agreement Bcc: someone@example.org"));
    // Bad addresses are refused with the field named.
    let err = store.add_person("Eve", Some("eve@example.pe\r\nBcc: x@example.org"), None);
    assert!(err.unwrap_err().to_string().contains("invalid email"));
}

#[test]
fn a_dry_run_claims_and_sends_nothing() {
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    let dry = mail::run(&mut store, &s, &smtp, d("2026-12-20"), true).unwrap();
    assert_eq!(dry.mails.len(), 1);
    assert!(dry.mails[0]
        .text
        .contains("Exit window ends: Migration (assisted)"));
    assert!(server.messages().is_empty());
    assert!(store.mail_log(2).unwrap().is_empty());
    // Then the real run sends it.
    let real = mail::run(&mut store, &s, &smtp, d("2026-12-20"), false).unwrap();
    assert_eq!(real.mails.len(), 1);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_directory_refuses_removing_an_owner_and_lists_owners_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("renewals.db");
    let mut store = Store::open(&db).unwrap();
    store
        .import(&import_file(&seeds().join("aws-peru-mifibra.md")).unwrap())
        .unwrap();
    let todo = store.owners_to_complete().unwrap();
    assert_eq!(todo.len(), 1);
    assert_eq!(todo[0].name, "Commercial Director");
    assert!(!todo[0].in_directory);
    store.add_person("commercial director", None, None).unwrap();
    let todo = store.owners_to_complete().unwrap();
    assert!(todo[0].in_directory, "linked by name, any case");
    store
        .edit_person("Commercial Director", Some("cd@example.pe"), None)
        .unwrap();
    assert!(store.owners_to_complete().unwrap().is_empty());
    let err = store.remove_person("Commercial Director").unwrap_err();
    assert!(
        err.to_string().contains("contract owner of agreement(s) 1"),
        "{err}"
    );
    assert_eq!(store.people().unwrap()[0].agreements, 1);
    let dup = store
        .add_person("COMMERCIAL DIRECTOR", None, None)
        .unwrap_err();
    assert!(dup.to_string().contains("already in the directory"));
}

#[test]
fn an_invitation_whose_event_is_marked_done_is_cancelled_once_with_the_same_uid() {
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    mail::run(&mut store, &s, &smtp, d("2026-12-20"), false).unwrap();
    let first = server.messages();
    assert_eq!(first.len(), 1);
    // The UID the owner's calendar holds for AWS Peru's migration window.
    // (Lines are unfolded first: RFC 5545 folds them at 75 octets.)
    let uid_of = |body: &str| {
        body.replace("\r\n ", "")
            .replace("\n ", "")
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .map(|u| u.trim().to_string())
            .unwrap_or_default()
    };
    let requested: Vec<String> = first[0]["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| str_of(c, "body").to_string())
        .filter(|b| b.contains("AWS Peru") && b.contains("20261227"))
        .map(|b| uid_of(&b))
        .collect();
    assert_eq!(requested.len(), 1, "{requested:?}");
    let event = store
        .mail_log(2)
        .unwrap()
        .into_iter()
        .find(|e| e.event_id.starts_with("exit_window_end:2026-12-27"))
        .map(|e| e.event_id)
        .unwrap();
    store
        .mark_done(2, &event, d("2026-12-21"), "migrated", d("2026-12-21"))
        .unwrap();

    let report = mail::run(&mut store, &s, &smtp, d("2026-12-21"), false).unwrap();
    assert!(report.ok(), "{report:?}");
    let msgs = server.messages();
    let cancels: Vec<&serde_json::Value> = msgs
        .iter()
        .filter(|m| str_of(m, "subject").contains("cancelled"))
        .collect();
    assert_eq!(cancels.len(), 1, "{msgs:?}");
    let c = cancels[0];
    assert!(str_of(c, "subject").contains("AWS Peru Partnership Agreement"));
    assert!(str_of(c, "text").contains("marked done"), "{c}");
    let cal = &c["calendars"][0];
    assert_eq!(cal["method"].as_str(), Some("CANCEL"));
    let body = str_of(cal, "body");
    let mut reader = ical::IcalParser::new(body.as_bytes());
    let parsed = reader.next().unwrap().unwrap();
    let ev = &parsed.events[0];
    let get = |name: &str| {
        ev.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("UID"), requested[0]);
    assert_eq!(get("STATUS"), "CANCELLED");
    assert_eq!(get("SEQUENCE"), "1");
    // Once only.
    mail::run(&mut store, &s, &smtp, d("2026-12-22"), false).unwrap();
    let after: Vec<serde_json::Value> = server
        .messages()
        .into_iter()
        .filter(|m| str_of(m, "subject").contains("cancelled"))
        .collect();
    assert_eq!(after.len(), 1);
}
