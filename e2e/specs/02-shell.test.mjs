// @ts-check
/**
 * The shell around the product (runs after 01-scenario, on the same database with the
 * three seed agreements): views and the agreements table, settings (reminders, what-if
 * date, theme, autostart), keyboard navigation with a visible focus, single instance.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { openApp, saveAs, screenShot, shot, step } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

/** The `data-view` of the shell (which view is showing). */
async function currentView() {
  return browser.$('[data-testid="app-shell"]').getAttribute('data-view');
}

describe('Renewal Desk shell (real window)', () => {
  before(async () => {
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('final').catch(() => undefined);
      await browser.deleteSession();
    }
  });

  it('loads the dashboard with the fixed as-of date', async () => {
    await step(browser, 'dashboard-loaded', async () => {
      assert.equal(await currentView(), 'dashboard');
      assert.equal(await browser.$('h1').getText(), 'Dashboard');
      const banner = browser.$('.banner');
      await banner.waitForExist({ timeout: 10_000 });
      assert.match(await banner.getText(), /Mon 23 Nov 2026/);
      assert.equal(await banner.$('time').getAttribute('title'), '2026-11-23');
      await browser.$('[data-testid="decision"]').waitForExist({ timeout: 10_000 });
      assert.equal(await browser.$('#uncaught-error').isExisting(), false, 'no uncaught error');
    });
  });

  it('switches to Agreements when the sidebar item is clicked', async () => {
    await step(browser, 'agreements-view', async () => {
      const link = browser.$('[data-nav="agreements"]');
      await link.click();
      await browser.waitUntil(async () => (await currentView()) === 'agreements', {
        timeout: 5_000,
        timeoutMsg: 'the view did not change to agreements',
      });
      await browser.waitUntil(async () => (await browser.$('h1').getText()) === 'Agreements', { timeout: 10_000 });
      assert.equal(await link.getAttribute('aria-current'), 'page');
      await browser.waitUntil(async () => (await browser.$$('.vt-body [role="row"]')).length === 3, {
        timeout: 10_000,
        timeoutMsg: 'the table does not show the three agreements',
      });
    });
  });

  it('filters the table by currency and by text, and opens a row with Enter', async () => {
    await step(browser, 'agreements-filtered', async () => {
      await browser.$('select[data-filter="Currencies"]').selectByAttribute('value', 'USD');
      await browser.waitUntil(async () => (await browser.$$('.vt-body [role="row"]')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'the currency filter did not narrow the rows',
      });
      assert.match(await browser.$('.vt-count').getText(), /1 of 3 rows/);
      await browser.$('select[data-filter="Currencies"]').selectByAttribute('value', '');
      await browser.$('input[type="search"]').setValue('microsoft');
      await browser.waitUntil(async () => (await browser.$$('.vt-body [role="row"]')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'the search did not narrow the rows',
      });
    });
    await step(browser, 'agreements-keyboard-open', async () => {
      await browser.$('.vt-body').click();
      await browser.keys(['Home', 'Enter']);
      await browser.$('[data-testid="agreement-detail"]').waitForExist({ timeout: 10_000 });
      assert.equal(await browser.$('h1').getText(), 'Microsoft Peru Partnership Agreement');
    });
  });

  it('shows settings from the shell and runs reminders now', async () => {
    await step(browser, 'settings-reminders-ran', async () => {
      await browser.$('[data-nav="settings"]').click();
      await browser.waitUntil(async () => (await currentView()) === 'settings', { timeout: 5_000 });
      const facts = browser.$('.facts');
      await facts.waitForExist({ timeout: 10_000 });
      const dbPath = process.env.RENEWAL_DESK_DB;
      if (dbPath) assert.match(await facts.getText(), new RegExp(path.basename(dbPath).replace('.', '\\.')));
      const run = await browser.$('button=Run reminders now');
      await run.click();
      await browser.waitUntil(async () => /^Last run: manual/.test(await browser.$('[data-testid="last-run"]').getText()), {
        timeout: 20_000,
        timeoutMsg: 'the reminder run did not report back',
      });
    });
  });

  it('exports the calendar and backs up the database through the save dialog', async () => {
    const work = process.env.E2E_WORK ?? '/tmp';
    const ics = path.join(work, 'deadlines.ics');
    const backup = path.join(work, 'backup.db');
    const notice = browser.$('[data-testid="settings-notice"]');
    await browser.$('button=Export calendar (.ics)…').click();
    await saveAs('Save as', ics, 'calendar-save-dialog');
    await step(browser, 'calendar-exported', async () => {
      await browser.waitUntil(async () => /^Calendar saved: \d+ events with \d+ alarms from 3 agreements/.test(await notice.getText()), {
        timeout: 10_000,
        timeoutMsg: 'no word of the calendar export',
      });
      const text = readFileSync(ics, 'utf8');
      assert.match(text, /^BEGIN:VCALENDAR\r\n/);
      // Microsoft Peru's notice deadline, Fri 1 Oct 2027, as an all-day event.
      assert.match(text, /DTSTART;VALUE=DATE:20271001\r\n/);
      assert.match(text, /Microsoft Peru Partnership Agreement/);
    });
    await browser.$('button=Back up database…').click();
    await saveAs('Save as', backup, 'backup-save-dialog');
    await step(browser, 'database-backed-up', async () => {
      await browser.waitUntil(async () => (await notice.getText()).startsWith('Backup saved to'), {
        timeout: 10_000,
        timeoutMsg: 'no word of the backup',
      });
      assert.equal(readFileSync(backup).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
      assert.ok(statSync(backup).size > 50_000, 'a whole database');
    });
  });

  it('sets a what-if date, shown on every screen until cleared', async () => {
    await step(browser, 'what-if-dashboard', async () => {
      const input = browser.$('#as-of');
      await input.scrollIntoView();
      await browser.execute((el) => {
        const i = /** @type {HTMLInputElement} */ (el);
        i.value = '2027-09-27';
        i.dispatchEvent(new Event('input', { bubbles: true }));
      }, await input);
      await browser.$('button=Show as of this date').click();
      const banner = browser.$('[data-testid="what-if-banner"]');
      await banner.waitForExist({ timeout: 10_000 });
      assert.match(await banner.getText(), /Mon 27 Sep 2027/);
      await browser.$('[data-nav="dashboard"]').click();
      const decision = browser.$('[data-testid="decision"][data-agreement="3"]');
      await decision.waitForExist({ timeout: 10_000 });
      assert.match(await decision.getText(), /in 4 days/);
      assert.ok(await browser.$('[data-testid="what-if-banner"]').isExisting());
    });
    await step(browser, 'what-if-cleared', async () => {
      await browser.$('[data-testid="what-if-banner"] button').click();
      await browser.waitUntil(async () => !(await browser.$('[data-testid="what-if-banner"]').isExisting()), { timeout: 10_000 });
      await browser.waitUntil(async () => /in 312 days/.test(await browser.$('[data-testid="decision"][data-agreement="3"]').getText()), {
        timeout: 10_000,
      });
    });
  });

  it('shows the dashboard in the dark theme', async () => {
    await browser.$('[data-nav="settings"]').click();
    const dark = browser.$('input[name="theme"][value="dark"]');
    await dark.waitForExist({ timeout: 10_000 });
    await dark.click();
    await step(browser, 'dark-theme-dashboard', async () => {
      await browser.$('[data-nav="dashboard"]').click();
      await browser.$('[data-testid="decision"]').waitForExist({ timeout: 10_000 });
      assert.equal(await browser.execute(() => document.documentElement.getAttribute('data-theme')), 'dark');
    });
    await browser.$('[data-nav="settings"]').click();
    await browser.$('input[name="theme"][value="system"]').click();
  });

  it('turns start-at-login on and off (an XDG autostart entry in the test HOME)', async () => {
    const home = process.env.E2E_HOME;
    const dir = home ? path.join(home, '.config', 'autostart') : undefined;
    const entries = () => (dir && existsSync(dir) ? readdirSync(dir) : []);
    const box = browser.$('[data-testid="autostart"]');
    await box.waitForEnabled({ timeout: 5_000 });
    assert.equal(await box.isSelected(), false);
    await box.click();
    await browser.waitUntil(async () => box.isSelected(), { timeout: 5_000 });
    await shot(browser, 'autostart-on');
    if (dir) assert.deepEqual(entries(), ['Renewal Desk.desktop']);
    await box.click();
    await browser.waitUntil(async () => !(await box.isSelected()), { timeout: 5_000 });
    if (dir) assert.deepEqual(entries(), []);
    await shot(browser, 'autostart-off');
  });

  it('confirms an import warning: it leaves the list and the history keeps it', async () => {
    await step(browser, 'warning-confirmed', async () => {
      await browser.$('[data-nav="agreements"]').click();
      await browser.$('input[type="search"]').setValue('chile');
      await browser.waitUntil(async () => (await browser.$$('.vt-body [role="row"]')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'the search did not find AWS Chile',
      });
      await browser.$('.vt-body').click();
      await browser.keys(['Home', 'Enter']);
      const card = browser.$('[data-testid="warnings"]');
      await card.waitForExist({ timeout: 10_000 });
      assert.equal(await browser.$('h1').getText(), 'AWS Chile Partnership Agreement');
      const currency = card.$('[data-testid="warning"][data-code="currency_assumed"]');
      assert.match(await currency.getText(), /"\$" read as USD/);
      const count = (await card.$$('[data-testid="warning"]')).length;
      await currency.$('button=Confirmed').click();
      await currency.waitForExist({ timeout: 10_000, reverse: true });
      assert.equal((await card.$$('[data-testid="warning"]')).length, count - 1);
      assert.match(await browser.$('[data-testid="detail-status"]').getText(), /The history keeps it/);
      const history = browser.$('[data-testid="history"]');
      await history.scrollIntoView();
      assert.match(await history.getText(), /Confirmed[\s\S]*to confirm: "\$" read as USD/);
    });
  });

  it('switches views from the keyboard (Alt+1) and focuses the heading', async () => {
    await step(browser, 'keyboard-alt-1', async () => {
      await browser.keys(['Alt', '1']);
      await browser.waitUntil(async () => (await currentView()) === 'dashboard', {
        timeout: 5_000,
        timeoutMsg: 'Alt+1 did not open the dashboard',
      });
      assert.equal(await browser.execute(() => document.activeElement?.id), 'view-title');
    });
    await step(browser, 'keyboard-tab-focus-ring', async () => {
      await browser.keys(['Tab']);
      const focused = await browser.execute(() => {
        const el = document.activeElement;
        return el ? { tag: el.tagName, inMain: !!el.closest('main'), outline: getComputedStyle(el).outlineStyle } : null;
      });
      assert.ok(focused && focused.inMain, `focus moved into the view: ${JSON.stringify(focused)}`);
      assert.equal(focused?.outline, 'solid', 'keyboard focus is visible');
    });
  });

  it('a second launch hands over to the running app and exits (single instance)', async () => {
    const app = process.env.E2E_APP ?? '';
    const t0 = Date.now();
    // Rejects if the second process fails or is still running after 20 s.
    await promisify(execFile)(app, [], { timeout: 20_000 });
    assert.ok(Date.now() - t0 < 20_000);
    await step(browser, 'after-second-launch', async () => {
      assert.equal(await currentView(), 'dashboard', 'the first window still answers');
    });
  });
});
