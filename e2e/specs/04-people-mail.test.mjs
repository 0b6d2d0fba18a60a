// @ts-check
/**
 * Reminders by email in the real window (issue 12): the people directory, the mail
 * settings with "Send a test email" against a real SMTP server, and an agreement's contract
 * owner and email log.
 *
 *   1. agreements to work on: those of the earlier specs (the seeds), or, run alone, the
 *      sample agreements loaded from the empty state; the Agreements view counts the
 *      contract owners still to complete (imported without an address);
 *   2. People: the owners to complete are flagged; a name and an address are checked as
 *      they are typed (the field named); a person is added;
 *   3. an agreement whose owner is to complete is linked to that person on its page: the
 *      owner then shows with their address;
 *   4. removing that person is refused with the core's message;
 *   5. Settings: mail settings pointing at an SMTP server this spec starts on loopback
 *      (Debian's python3-aiosmtpd, writing each message to a Maildir); a password given
 *      with a user goes to the system keyring or, where none can be reached (this session
 *      has a private D-Bus without Secret Service), the field says so; the page never shows
 *      it; a test email to a closed port fails naming the server; "Send a test email"
 *      reaches the server, which really received it (To, Subject, read by Python's email
 *      package);
 *   6. the email run (`renewals remind --via email`, the CLI the timer runs, on the app's
 *      database) emails the owner; the agreement's page shows who was told what and when.
 *
 * Environment (scripts/e2e.sh): RENEWAL_DESK_DB (the app's database), E2E_CLI (the
 * `renewals` binary), E2E_WORK (a scratch folder).
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { currentView, fill, go, openApp, screenShot, step } from '../lib/session.mjs';

const run = promisify(execFile);
const WORK = process.env.E2E_WORK ?? '/tmp';
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const CLI = process.env.E2E_CLI ?? path.resolve('../target/debug/renewals');
const PASSWORD = 'e2e-Secret-7431';

/** @type {import('webdriverio').Browser} */
let browser;
/** @type {import('node:child_process').ChildProcess | undefined} */
let smtp;
let port = 0;
let maildir = '';

/** A free TCP port on loopback. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const p = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(p));
    });
  });
}

/** Resolves once something listens on `p`, or rejects after `ms`. */
async function waitListening(/** @type {number} */ p, ms = 20_000) {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(p, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > ms) throw new Error(`aiosmtpd did not start on port ${p}: install python3-aiosmtpd`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every message the server stored, read by Python's `email` package. */
async function received() {
  const script = `
import json, mailbox, os, sys
from email import policy
from email.parser import BytesParser
out = []
if os.path.isdir(sys.argv[1]):
    box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
    for key in sorted(box.keys()):
        with box.get_file(key) as f:
            m = BytesParser(policy=policy.default).parse(f)
        body = m.get_body(preferencelist=('plain',))
        out.append({'to': str(m['To']), 'from': str(m['From']), 'subject': str(m['Subject']),
                    'text': body.get_content() if body else ''})
print(json.dumps(out))
`;
  const { stdout } = await run(PYTHON, ['-c', script, maildir]);
  return /** @type {{to: string, from: string, subject: string, text: string}[]} */ (JSON.parse(stdout));
}

/** The agreement ids named by the "to complete" owners of the People view, by owner. */
async function toCompleteOwners() {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="to-complete"] li[data-owner]')).map((li) => ({
      owner: li.getAttribute('data-owner') ?? '',
      ids: Array.from(li.querySelectorAll('a[href^="#/agreements/"]')).map((a) => Number(a.getAttribute('href')?.split('/').pop())),
    })),
  );
}

/**
 * The open deadlines after the app's as-of date (2026-11-23), soonest first, from the CLI
 * on the app's database; none when either is missing.
 * @returns {Promise<{agreement_id: number, id: string, label: string, date: string, status: string}[]>}
 */
async function openDeadlines() {
  const db = process.env.RENEWAL_DESK_DB;
  if (!db || !existsSync(CLI)) return [];
  const { stdout } = await run(CLI, ['--db', db, '--today', '2026-11-23', 'deadlines', '--json']);
  /** @type {{agreement_id: number, id: string, label: string, date: string, status: string}[]} */
  const events = JSON.parse(stdout);
  return events.filter((e) => e.status === 'open' && e.date > '2026-11-23').sort((a, b) => a.date.localeCompare(b.date));
}

describe('Reminders by email: people directory, mail settings, test email, email log', () => {
  /** The agreement linked to the new person. */
  let linkedId = 0;

  before(async () => {
    port = await freePort();
    maildir = path.join(mkdtempSync(path.join(WORK, 'maildir-')), 'maildir');
    smtp = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir], {
      stdio: 'ignore',
    });
    await waitListening(port);
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('people-mail-final').catch(() => undefined);
      await browser.deleteSession();
    }
    smtp?.kill();
  });

  it('has agreements whose owners are still to complete, counted on the Agreements view', async () => {
    await step(browser, 'agreements-owners-to-complete', async () => {
      // Run alone (an empty database): the sample agreements.
      const empty = browser.$('[data-testid="empty-state"]');
      const decision = browser.$('[data-testid="decision"]');
      await browser.waitUntil(async () => (await empty.isExisting()) || (await decision.isExisting()), { timeout: 20_000 });
      if (await empty.isExisting()) {
        await browser.$('button=Load sample agreements').click();
        await decision.waitForExist({ timeout: 20_000 });
      }
      await go(browser, 'agreements');
      const banner = browser.$('[data-testid="owners-to-complete"]');
      await banner.waitForExist({ timeout: 10_000 });
      assert.match(await banner.getText(), /^\d+ contract owners? (is|are) still to complete: no email address/);
    });
  });

  it('flags the owners to complete in People and checks a name and an address as they are typed', async () => {
    await step(browser, 'people-typing-checked', async () => {
      await browser.$('[data-testid="owners-to-complete"] a').click();
      await browser.waitUntil(async () => (await currentView(browser)) === 'people', { timeout: 10_000 });
      await browser.$('[data-testid="to-complete"]').waitForExist({ timeout: 10_000 });
      const owners = await toCompleteOwners();
      assert.ok(owners.length > 0 && owners[0].ids.length > 0, JSON.stringify(owners));
      // The owner's agreement with an open deadline still ahead (for the email run below).
      const ahead = (await openDeadlines()).find((e) => owners[0].ids.includes(e.agreement_id));
      linkedId = ahead?.agreement_id ?? owners[0].ids[0];

      await fill(browser, '#person-name', 'Ana Torres');
      await fill(browser, '#person-email', 'ana.torres@');
      await browser.waitUntil(async () => /Email: “ana\.torres@” is not an email address/.test(await browser.$('#person-email-help').getText()), {
        timeout: 5_000,
        timeoutMsg: 'no message under Email while a bad address is typed',
      });
      assert.equal(await browser.$('#person-email').getAttribute('aria-invalid'), 'true');
      await fill(browser, '#person-name', '');
      await browser.waitUntil(async () => /^Name: required/.test(await browser.$('#person-name-help').getText()), { timeout: 5_000 });
    });
  });

  it('adds a person to the directory', async () => {
    await step(browser, 'people-added', async () => {
      await fill(browser, '#person-name', 'Ana Torres');
      await fill(browser, '#person-email', 'ana.torres@example.pe');
      await browser.$('button=Add person').click();
      const row = browser.$('tr[data-person="Ana Torres"]');
      await row.waitForExist({ timeout: 10_000 });
      assert.match(await row.getText(), /ana\.torres@example\.pe/);
      assert.match(await browser.$('[data-testid="people-status"]').getText(), /Added Ana Torres\./);
    });
  });

  it('links an agreement whose owner is to complete to that person, on its page', async () => {
    await step(browser, 'agreement-owner-linked', async () => {
      await browser.execute((id) => {
        window.location.hash = `#/agreements/${id}`;
      }, linkedId);
      const card = browser.$('[data-testid="owner-card"]');
      await card.waitForExist({ timeout: 10_000 });
      await card.scrollIntoView({ block: 'start' });
      await browser.waitUntil(async () => /To complete: no email address/.test(await browser.$('[data-testid="owner-person"]').getText()), {
        timeout: 10_000,
        timeoutMsg: 'the owner is not flagged to complete',
      });
      await browser.$('#owner-link').selectByAttribute('value', 'Ana Torres');
      await card.$('button=Link').click();
      await browser.waitUntil(async () => /^Ana Torres — ana\.torres@example\.pe/.test(await browser.$('[data-testid="owner-person"]').getText()), {
        timeout: 10_000,
        timeoutMsg: 'the owner did not become Ana Torres with her address',
      });
      assert.match(await browser.$('[data-testid="detail-status"]').getText(), /The contract owner is now Ana Torres/);
    });
  });

  it('refuses to remove a person an agreement names, with the reason', async () => {
    await step(browser, 'people-removal-refused', async () => {
      await go(browser, 'people');
      const row = browser.$('tr[data-person="Ana Torres"]');
      await row.waitForExist({ timeout: 10_000 });
      assert.match(await row.getText(), /\S/);
      await row.$('button[aria-label="Remove Ana Torres"]').click();
      const error = browser.$('[data-testid="people-error"]');
      await error.waitForExist({ timeout: 10_000 });
      assert.match(await error.getText(), new RegExp(`^Ana Torres is the contract owner of agreement\\(s\\) ${linkedId}: give them another owner first`));
      assert.ok(await row.isExisting(), 'still in the directory');
    });
  });

  it('saves the mail settings; a password is kept in the keyring or the page says why not, and never shown', async () => {
    await step(browser, 'mail-settings-password', async () => {
      await go(browser, 'settings');
      await browser.$('[data-testid="mail-settings"]').waitForExist({ timeout: 10_000 });
      await fill(browser, '#mail-host', '127.0.0.1');
      await browser.$('input[name="mail-security"][value="none"]').click();
      await fill(browser, '#mail-port', 'seventy');
      await browser.waitUntil(async () => /^Port: a number from 1 to 65535/.test(await browser.$('#mail-port-help').getText()), { timeout: 5_000 });
      await fill(browser, '#mail-port', String(port));
      await fill(browser, '#mail-from', 'renewals@example.pe');
      await fill(browser, '#mail-user', 'renewals');
      await fill(browser, '#mail-password', PASSWORD);
      await browser.$('button=Save mail settings').click();
      const state = browser.$('[data-testid="password-state"]');
      await browser.waitUntil(
        async () => /A password is stored in the system keyring|system keyring could not store it/.test(await state.getText()),
        { timeout: 15_000, timeoutMsg: 'no word of the password' },
      );
      const said = await state.getText();
      if (/could not store it/.test(said)) assert.match(said, /RENEWAL_DESK_SMTP_PASSWORD/);
      assert.equal(await browser.$('#mail-password').getValue(), '', 'the password field is emptied');
      const page = await browser.execute(() => document.documentElement.outerHTML);
      assert.ok(!page.includes(PASSWORD), 'the password is nowhere on the page');
    });
  });

  it('says why a test email failed, naming the server and never the password', async () => {
    await step(browser, 'mail-test-failed', async () => {
      const closed = await freePort();
      // No login for this server (aiosmtpd here offers no AUTH).
      await fill(browser, '#mail-user', '');
      await fill(browser, '#mail-port', String(closed));
      await browser.$('button=Save mail settings').click();
      await browser.waitUntil(async () => /Mail settings saved/.test(await browser.$('[data-testid="mail-saved"]').getText().catch(() => '')), {
        timeout: 10_000,
      });
      await fill(browser, '#mail-test-to', 'ana.torres@example.pe');
      await browser.$('button=Send a test email').click();
      const result = browser.$('[data-testid="test-email-result"]');
      await result.waitForExist({ timeout: 30_000 });
      const text = await result.getText();
      assert.match(text, new RegExp(`^The test email to ana\\.torres@example\\.pe was not sent: .*127\\.0\\.0\\.1:${closed}`));
      assert.ok(!text.includes(PASSWORD));
    });
  });

  it('sends a test email that the server really receives', async () => {
    await step(browser, 'mail-test-sent', async () => {
      await fill(browser, '#mail-port', String(port));
      await browser.$('button=Save mail settings').click();
      await browser.waitUntil(async () => /Mail settings saved/.test(await browser.$('[data-testid="mail-saved"]').getText().catch(() => '')), {
        timeout: 10_000,
      });
      assert.match(await browser.$('[data-testid="password-state"]').getText(), /No user: the server is used without a login|RENEWAL_DESK_SMTP_PASSWORD/);
      await browser.$('button=Send a test email').click();
      const result = browser.$('[data-testid="test-email-result"]');
      await browser.waitUntil(async () => /^Test email sent to/.test(await result.getText().catch(() => '')), {
        timeout: 30_000,
        timeoutMsg: 'no word that the test email was sent',
      });
      assert.equal(await result.getText(), `Test email sent to ana.torres@example.pe via SMTP 127.0.0.1:${port}.`);
      const mails = await received();
      assert.equal(mails.length, 1, JSON.stringify(mails));
      assert.equal(mails[0].to, 'ana.torres@example.pe');
      assert.equal(mails[0].from, 'Renewal Desk <renewals@example.pe>');
      assert.equal(mails[0].subject, 'Renewal Desk: test email');
      assert.match(mails[0].text, /This is a test email from Renewal Desk/);
    });
  });

  it("shows on the agreement's page who was emailed what and when", async (t) => {
    const db = process.env.RENEWAL_DESK_DB;
    if (!db || !existsSync(CLI)) {
      t.skip(`needs RENEWAL_DESK_DB and the renewals CLI (${CLI}); scripts/e2e.sh builds it`);
      return;
    }
    // An open deadline of the linked agreement; the email run on the day of its 7-day step.
    const events = await openDeadlines();
    const next = events.find((e) => e.agreement_id === linkedId);
    assert.ok(next, `an open deadline of agreement ${linkedId}: ${JSON.stringify(events).slice(0, 400)}`);
    const d = new Date(`${next.date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7);
    const day = d.toISOString().slice(0, 10);
    await run(CLI, ['--db', db, '--today', day, 'remind', '--via', 'email']).catch((e) => {
      // Exit 3: some recipient could not be emailed; the owner's email is checked below.
      if (e.code !== 3) throw e;
    });
    const mails = await received();
    // The digest to the owner (the test email before it went to the bare address).
    const digest = mails.find((m) => m.to === 'Ana Torres <ana.torres@example.pe>');
    assert.ok(digest, JSON.stringify(mails.map((m) => [m.to, m.subject])));
    assert.match(digest.subject, /^Renewal Desk: /);
    assert.ok(digest.text.includes(next.label), digest.text);
    await step(browser, 'agreement-email-log', async () => {
      await browser.execute((id) => {
        window.location.hash = `#/agreements/${id}`;
      }, linkedId);
      const log = browser.$('[data-testid="mail-log"]');
      await log.waitForExist({ timeout: 15_000 });
      await log.scrollIntoView({ block: 'center' });
      const rows = await browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="mail-log"] tbody tr')).map((tr) =>
          Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
        ),
      );
      const row = rows.find((r) => r[0] === next.label);
      assert.ok(row, JSON.stringify(rows));
      assert.deepEqual(row.slice(1, 4), ['7 days before', 'ana.torres@example.pe', 'Contract owner']);
      assert.match(row[4] ?? '', /^Delivered \S/);
    });
  });
});
