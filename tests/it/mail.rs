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

/// Waits (at most 20 s) until something listens on loopback `port`.
fn wait_listening(port: u16) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "aiosmtpd did not start on port {port}: install python3-aiosmtpd"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
        wait_listening(port);
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
    // After a gap (a fresh database: every earlier step of the ladder is past), only the
    // latest step of each event was sent: one row per event and recipient.
    for id in [2, 3] {
        let log = store.mail_log(id).unwrap();
        let mut events: Vec<&str> = log.iter().map(|e| e.event_id.as_str()).collect();
        let n = events.len();
        events.dedup();
        assert_eq!(events.len(), n, "more than one step for an event: {log:?}");
    }
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
    // The agreement's email log shows the withdrawal, after the invitation.
    let log = store.mail_log(2).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.step.as_str(),
            last.state.as_str(),
            last.recipient.as_str()
        ),
        ("cancel", "delivered", "owner@example.pe"),
        "{log:?}"
    );
    assert!(
        last.event_id.starts_with("exit_window_end:2026-12-27"),
        "{last:?}"
    );
    // Once only.
    mail::run(&mut store, &s, &smtp, d("2026-12-22"), false).unwrap();
    let after: Vec<serde_json::Value> = server
        .messages()
        .into_iter()
        .filter(|m| str_of(m, "subject").contains("cancelled"))
        .collect();
    assert_eq!(after.len(), 1);
}

/// The `(UID, SEQUENCE, DTSTART)` of every calendar part of `m` whose body mentions `who`,
/// read with the `ical` crate (lines unfolded by it).
fn invitations_of(m: &serde_json::Value, who: &str) -> Vec<(String, String, String, String)> {
    m["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| str_of(c, "body").replace("\r\n ", "").contains(who))
        .map(|c| {
            let body = str_of(c, "body");
            let mut reader = ical::IcalParser::new(body.as_bytes());
            let cal = reader.next().unwrap().unwrap();
            let ev = &cal.events[0];
            let get = |name: &str| {
                ev.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (
                str_of(c, "method").to_string(),
                get("UID"),
                get("SEQUENCE"),
                get("DTSTART"),
            )
        })
        .collect()
}

#[test]
fn a_notice_deadline_whose_date_moves_is_re_sent_with_the_same_uid_and_the_next_sequence() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::edit_field;
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    // Microsoft Peru (id 3): notice deadline Fri 1 Oct 2027 (31 Dec 2027 − 90 days = Sat 2
    // Oct, back to Fri 1 Oct), 11 days after 2027-09-20.
    mail::run(&mut store, &s, &smtp, d("2027-09-20"), false).unwrap();
    let first = server.messages();
    let owner_first = first
        .iter()
        .find(|m| str_of(m, "rcpt") == "owner@example.pe")
        .unwrap();
    let invited = invitations_of(owner_first, "Non-renewal notice");
    assert_eq!(invited.len(), 1, "{invited:?}");
    let (method, uid, sequence, start) = invited[0].clone();
    assert_eq!(
        (method.as_str(), sequence.as_str(), start.as_str()),
        ("REQUEST", "0", "20271001")
    );

    // The notice period is corrected to 60 days: 31 Dec 2027 − 60 days = Mon 1 Nov 2027,
    // All Saints' Day in Peru, so the deadline is Fri 29 Oct 2027.
    edit_field(&mut store, 3, EditableField::NonRenewalNotice, "60 days").unwrap();
    let report = mail::run(&mut store, &s, &smtp, d("2027-09-21"), false).unwrap();
    assert!(report.ok(), "{report:?}");
    let msgs = server.messages();
    let moved: Vec<&serde_json::Value> = msgs
        .iter()
        .filter(|m| str_of(m, "subject").contains("date changed"))
        .collect();
    // Everyone who holds the invitation: the owner, the deputy and the director.
    let mut told: Vec<&str> = moved.iter().map(|m| str_of(m, "rcpt")).collect();
    told.sort_unstable();
    assert_eq!(
        told,
        vec![
            "ana.deputy@example.pe",
            "director@example.pe",
            "owner@example.pe"
        ]
    );
    let owner = moved
        .iter()
        .find(|m| str_of(m, "rcpt") == "owner@example.pe")
        .unwrap();
    let text = str_of(owner, "text");
    assert!(text.contains("Fri 29 Oct 2027"), "{text}");
    assert!(text.contains("it was Fri 1 Oct 2027"), "{text}");
    let re = invitations_of(owner, "Non-renewal notice");
    assert_eq!(re.len(), 1, "{owner}");
    assert_eq!(
        re[0],
        (
            "REQUEST".to_string(),
            uid.clone(),
            "1".to_string(),
            "20271029".to_string()
        ),
        "same UID, the next SEQUENCE, the new date"
    );
    // The agreement's email log says so.
    assert!(store.mail_log(3).unwrap().iter().any(|e| e.step == "moved"
        && e.recipient == "owner@example.pe"
        && e.state == "delivered"
        && e.event_id == "non_renewal_notice_deadline:2027-11-01"));
    // No cancellation: the event moved, it was not withdrawn.
    assert!(!msgs
        .iter()
        .any(|m| str_of(m, "subject").contains("cancelled")));
    // Once only.
    let again = mail::run(&mut store, &s, &smtp, d("2027-09-22"), false).unwrap();
    assert!(
        again
            .mails
            .iter()
            .all(|m| !m.subject.contains("date changed")),
        "{again:?}"
    );
    // The next reminder of the moved deadline (7 days before) carries the same UID and
    // SEQUENCE.
    let before = server.messages().len();
    mail::run(&mut store, &s, &smtp, d("2027-10-22"), false).unwrap();
    let later = server.messages();
    let owner_later = later[before..]
        .iter()
        .find(|m| str_of(m, "rcpt") == "owner@example.pe")
        .unwrap();
    let inv = invitations_of(owner_later, "Non-renewal notice");
    assert_eq!(
        inv,
        vec![(
            "REQUEST".to_string(),
            uid,
            "1".to_string(),
            "20271029".to_string()
        )]
    );
}

#[test]
fn watchers_receive_the_owners_reminders_and_cannot_be_removed_while_watching() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::edit_field;
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    store
        .add_person("Luis Vega", Some("luis.vega@example.pe"), None)
        .unwrap();
    // A watcher must be in the directory.
    let err = edit_field(&mut store, 2, EditableField::Watchers, "Luis Vega, Nadie")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("watchers") && err.contains("\"Nadie\""),
        "{err}"
    );
    assert!(store.get(2).unwrap().agreement.recorded.watchers.is_empty());
    // Linked by name, in the directory's spelling.
    edit_field(&mut store, 2, EditableField::Watchers, "luis vega").unwrap();
    assert_eq!(
        store.get(2).unwrap().agreement.recorded.watchers,
        vec!["Luis Vega".to_string()]
    );

    let report = mail::run(&mut store, &s, &smtp, d("2026-12-20"), false).unwrap();
    assert!(report.ok(), "{report:?}");
    let msgs = server.messages();
    let luis = msgs
        .iter()
        .find(|m| str_of(m, "rcpt") == "luis.vega@example.pe")
        .expect("the watcher is told");
    let text = str_of(luis, "text");
    // AWS Peru (id 2) is watched; Microsoft Peru (id 3) is not.
    assert!(text.contains("AWS Peru Partnership Agreement"), "{text}");
    assert!(!text.contains("Microsoft Peru"), "{text}");
    assert!(text.contains("as a watcher"), "{text}");
    assert!(!str_of(luis, "subject").contains("escalation"));
    assert!(store
        .mail_log(2)
        .unwrap()
        .iter()
        .any(|e| e.recipient == "luis.vega@example.pe" && e.role == "watcher"));

    let refused = store.remove_person("Luis Vega").unwrap_err().to_string();
    assert!(refused.contains("watches agreement(s) 2"), "{refused}");
    edit_field(&mut store, 2, EditableField::Watchers, "").unwrap();
    store.remove_person("Luis Vega").unwrap();
}

#[test]
fn the_escalation_lead_can_be_set_per_agreement() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::edit_field;
    // Microsoft Peru's notice deadline (Fri 1 Oct 2027) is 31 days after 2027-08-31:
    // beyond the default 14 days, within 45.
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp,
    } = Seeded::start();
    edit_field(&mut store, 3, EditableField::EscalateDays, "45 days").unwrap();
    assert_eq!(
        store.get(3).unwrap().agreement.recorded.escalate_days,
        Some(45)
    );
    mail::run(&mut store, &s, &smtp, d("2027-08-31"), false).unwrap();
    let mut rcpts: Vec<String> = server
        .messages()
        .iter()
        .map(|m| str_of(m, "rcpt").to_string())
        .collect();
    rcpts.sort();
    assert_eq!(
        rcpts,
        vec![
            "ana.deputy@example.pe".to_string(),
            "director@example.pe".to_string(),
            "owner@example.pe".to_string()
        ]
    );

    // 0 turns escalation off for the agreement: 11 days before, only the owner.
    let Seeded {
        _dir: _dir2,
        server: server2,
        s: s2,
        store: mut store2,
        smtp: smtp2,
    } = Seeded::start();
    edit_field(&mut store2, 3, EditableField::EscalateDays, "0").unwrap();
    mail::run(&mut store2, &s2, &smtp2, d("2027-09-20"), false).unwrap();
    let rcpts: Vec<String> = server2
        .messages()
        .iter()
        .map(|m| str_of(m, "rcpt").to_string())
        .collect();
    assert_eq!(rcpts, vec!["owner@example.pe".to_string()]);
    // Out of range: refused, naming the field and what is expected.
    let err = edit_field(&mut store2, 3, EditableField::EscalateDays, "400")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("escalate_days") && err.contains("0 to 365"),
        "{err}"
    );
}

#[test]
fn editing_the_contract_owner_links_to_the_directory_by_name() {
    use renewal_core::services::edit::EditableField;
    use renewal_core::services::portfolio::edit_field;
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let mut store = Store::open(&db).unwrap();
    edit_field(&mut store, 1, EditableField::ContractOwner, "  ana DEPUTY ").unwrap();
    let owner = store
        .get(1)
        .unwrap()
        .agreement
        .contract_owner
        .unwrap()
        .value;
    assert_eq!(owner, "Ana Deputy");
    assert_eq!(store.person("Ana Deputy").unwrap().unwrap().agreements, 1);
    // Someone not in the directory is kept as typed and is an owner to complete.
    edit_field(&mut store, 1, EditableField::ContractOwner, "Legal Counsel").unwrap();
    let to_complete = store.owners_to_complete().unwrap();
    assert!(
        to_complete
            .iter()
            .any(|o| o.name == "Legal Counsel" && o.agreement_ids == vec![1] && !o.in_directory),
        "{to_complete:?}"
    );
}

/// An aiosmtpd that requires `AUTH` (PLAIN or LOGIN, over plain text on loopback) with the
/// login `renewals` and the password `right-horse-battery`, storing what it accepts in a
/// Maildir like [`Server`].
fn start_auth_server(dir: &Path, port: u16) -> Server {
    let maildir = dir.join("maildir");
    let script = r#"
import sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword
def check(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == b'renewals' and data.password == b'right-horse-battery'
    return AuthResult(success=ok, handled=False)
c = Controller(Mailbox(sys.argv[2]), hostname='127.0.0.1', port=int(sys.argv[1]),
               authenticator=check, auth_required=True, auth_require_tls=False)
c.start()
while True:
    time.sleep(3600)
"#;
    let child = Command::new(python())
        .arg("-c")
        .arg(script)
        .arg(port.to_string())
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_listening(port);
    Server {
        child,
        port,
        maildir,
    }
}

#[test]
fn a_wrong_password_is_a_clear_failure_naming_the_server_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let server = start_auth_server(dir.path(), free_port());
    let mut s = settings(server.port);
    s.user = Some("renewals".into());
    let mut store = Store::open(&db).unwrap();
    let as_of = d("2026-12-20");

    let wrong = Smtp::new(&s, Some("wrong-horse-staple".into())).unwrap();
    let test = mail::send_test(&s, &wrong, "owner@example.pe", as_of).unwrap_err();
    let run = mail::run(&mut store, &s, &wrong, as_of, false).unwrap();
    assert!(!run.ok());
    let mut reasons = vec![test.to_string()];
    reasons.extend(run.mails.iter().filter_map(|m| m.failure.clone()));
    reasons.extend(
        store
            .mail_log(2)
            .unwrap()
            .into_iter()
            .filter_map(|e| e.failure),
    );
    for why in &reasons {
        assert!(
            why.contains(&format!("SMTP server 127.0.0.1:{}", server.port)),
            "{why}"
        );
        assert!(
            !why.contains("wrong-horse-staple"),
            "password leaked: {why}"
        );
        assert!(
            why.to_lowercase().contains("auth") || why.contains("535"),
            "{why}"
        );
    }
    assert!(server.messages().is_empty());

    // The right password: the test email and the digest go out.
    let right = Smtp::new(&s, Some("right-horse-battery".into())).unwrap();
    mail::send_test(&s, &right, "owner@example.pe", as_of).unwrap();
    let later = mail::run(&mut store, &s, &right, as_of, false).unwrap();
    assert!(later.ok(), "{later:?}");
    let subjects: Vec<String> = server
        .messages()
        .iter()
        .map(|m| str_of(m, "subject").to_string())
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects.iter().any(|s| s == "Renewal Desk: test email"));
}

/// Splits an `ExecStart=` command line as systemd does for the words the timer writes
/// (plain words and double-quoted words with `\"` and `\\` escapes, `$$` and `%%` doubled).
fn exec_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut w = String::new();
        if c == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => w.extend(chars.next()),
                    c => w.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                w.push(c);
                chars.next();
            }
        }
        words.push(w.replace("$$", "$").replace("%%", "%"));
    }
    words
}

#[test]
fn the_systemd_timers_command_emails_the_owner_with_the_app_closed() {
    use crate::common::{renewals_bin, stderr};
    // The timer runs on the machine's real date: an agreement whose non-renewal notice
    // deadline is 8 to 10 days ahead of today (expiry today + 40 days, 30 days' notice,
    // moved back over a weekend or holiday by at most a few days).
    let today = chrono::Local::now().date_naive();
    let expiry = today + chrono::Days::new(40);
    let effective = expiry
        .checked_sub_months(chrono::Months::new(12))
        .unwrap()
        .succ_opt()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("andes-supply.md");
    std::fs::write(
        &doc,
        format!(
            "# Andes Foods Supply Agreement\n\n\
             Parties: Andes Foods S.A.C. / Pacific Cold Chain S.A.\n\n\
             Effective date: {effective}\n\n\
             Initial term: 12 months\n\n\
             Contract owner: Commercial Director\n\n\
             Governing law: the laws of the Republic of Peru.\n\n\
             This Agreement renews automatically for successive periods of twelve (12) months \
             unless either party gives the other written notice of non-renewal at least \
             thirty (30) days before the end of the then-current term.\n"
        ),
    )
    .unwrap();
    let db = dir.path().join("renewals.db");
    let config = dir.path().join("config");
    let empty_path = dir.path().join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let server = Server::start(dir.path(), free_port());
    let cli = |args: &[&str]| {
        let o = Command::new(renewals_bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("XDG_CONFIG_HOME", &config)
            .env("PATH", &empty_path) // no systemctl: never touch the real user manager
            .env_remove("RENEWAL_DESK_SMTP_PASSWORD")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    };
    cli(&["import", doc.to_str().unwrap()]);
    cli(&[
        "people",
        "add",
        "Commercial Director",
        "--email",
        "director.comercial@example.pe",
    ]);
    let port = server.port.to_string();
    cli(&[
        "mail",
        "set",
        "--host",
        "127.0.0.1",
        "--port",
        &port,
        "--security",
        "none",
        "--from",
        "renewals@example.pe",
    ]);
    cli(&["remind", "--install-timer"]);
    let unit =
        std::fs::read_to_string(config.join("systemd/user/renewal-desk-remind.service")).unwrap();
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    let words = exec_words(exec);
    // What systemd runs, with no app, no display and no notification server: the desktop
    // channel fails (exit 3, a success for the unit) and the email goes out.
    let o = Command::new(&words[0])
        .args(&words[1..])
        .env_clear()
        .env("HOME", dir.path())
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 3)),
        "{:?}: {}",
        o.status,
        stderr(&o)
    );
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let m = &msgs[0];
    assert_eq!(str_of(m, "rcpt"), "director.comercial@example.pe");
    let text = str_of(m, "text");
    assert!(text.contains("Andes Foods Supply Agreement"), "{text}");
    assert!(text.contains("Non-renewal notice deadline"), "{text}");
    assert_eq!(m["calendars"][0]["method"].as_str(), Some("REQUEST"), "{m}");
}

#[test]
fn the_apps_reminder_run_emails_once_mail_is_set_up() {
    let Seeded {
        _dir,
        server,
        s,
        mut store,
        smtp: _,
    } = Seeded::start();
    let as_of = d("2026-12-20");
    // Not set up: nothing is sent, and that is not an error.
    assert!(mail::run_configured(&mut store, as_of).unwrap().is_none());
    assert!(server.messages().is_empty());
    store.set_mail_settings(&s).unwrap();
    let report = mail::run_configured(&mut store, as_of).unwrap().unwrap();
    assert_eq!((report.sent, report.failed), (1, 0), "{report:?}");
    assert!(report.first_failure.is_none());
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    assert!(str_of(&msgs[0], "text").contains("AWS Peru Partnership Agreement"));
    // The app's next run (e.g. an hour later) sends nothing new.
    let again = mail::run_configured(&mut store, as_of).unwrap().unwrap();
    assert_eq!((again.sent, again.failed), (0, 0), "{again:?}");
    assert!(again.already > 0);
}

/// Issue 14 item 1: an owner with more deadlines due at once than one email holds (a first
/// run over a generated register) gets several emails of at most `MAX_DIGEST_ITEMS`
/// deadlines, "part k of n" in their subjects, each deadline in exactly one of them and
/// recorded delivered once; each email attaches an agreement's brief at most once.
#[test]
fn a_large_digest_is_sent_in_parts_each_deadline_once() {
    use renewal_core::adapters::import::import_markdown;
    use renewal_core::services::samples::generate_document;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("renewals.db");
    let mut store = Store::open(&db).unwrap();
    let docs: Vec<_> = (0..260)
        .map(|i| import_markdown(&format!("g{i}.md"), &generate_document(i)).unwrap())
        .collect();
    for r in store.import_batch(&docs).unwrap() {
        r.unwrap();
    }
    store
        .add_person("Commercial Director", Some("owner@example.pe"), None)
        .unwrap();
    let server = Server::start(dir.path(), free_port());
    let s = settings(server.port);
    store.set_mail_settings(&s).unwrap();
    let smtp = Smtp::new(&s, None).unwrap();

    let run = mail::run(&mut store, &s, &smtp, d("2026-11-23"), false).unwrap();
    assert!(
        run.ok(),
        "{:?}",
        run.mails.iter().find(|m| m.failure.is_some())
    );
    let to_owner: Vec<_> = run
        .mails
        .iter()
        .filter(|m| m.recipient == "owner@example.pe")
        .collect();
    let total: usize = to_owner.iter().map(|m| m.items.len()).sum();
    let n = total.div_ceil(mail::MAX_DIGEST_ITEMS);
    assert!(n >= 2, "{total} deadlines: more than one email");
    assert_eq!(to_owner.len(), n);
    let mut seen = std::collections::BTreeSet::new();
    for (k, m) in to_owner.iter().enumerate() {
        assert!(m.items.len() <= mail::MAX_DIGEST_ITEMS, "{}", m.items.len());
        assert!(
            m.subject.contains(&format!("(part {} of {n})", k + 1)),
            "{}",
            m.subject
        );
        for item in &m.items {
            assert!(seen.insert(item.clone()), "{item:?} in two emails");
        }
    }
    // What the server received: the same emails, each brief attached once.
    let msgs = server.messages();
    let received: Vec<_> = msgs
        .iter()
        .filter(|m| str_of(m, "rcpt") == "owner@example.pe")
        .collect();
    assert_eq!(received.len(), n);
    let mut briefs = 0;
    for m in &received {
        assert!(str_of(m, "subject").contains(&format!(" of {n})")), "{m}");
        let names: Vec<&str> = m["pdfs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap_or_default())
            .collect();
        let mut distinct = names.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            names.len(),
            "a brief attached twice: {names:?}"
        );
        briefs += names.len();
    }
    assert!(
        briefs > 0,
        "briefs of deadlines within 30 days are attached"
    );
    // Each deadline recorded delivered once to the owner.
    let delivered: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM mail_log WHERE recipient = 'owner@example.pe' AND state = 'delivered'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(delivered as usize, total);
    // A second run sends nothing more.
    let again = mail::run(&mut store, &s, &smtp, d("2026-11-23"), false).unwrap();
    assert!(
        again
            .mails
            .iter()
            .all(|m| m.recipient != "owner@example.pe"),
        "{:?}",
        again.mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
}
