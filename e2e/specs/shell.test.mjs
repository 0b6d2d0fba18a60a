// @ts-check
/**
 * Phase 1 smoke test of the real window: the shell loads, the sidebar switches
 * views, the shell's commands answer through IPC (app info, reminders, autostart).
 * Phase 2 adds the product scenario (import seeds, dashboard, detail, edit, brief).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { openApp, screenShot, shot, step } from '../lib/session.mjs';

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
      assert.match(await banner.getText(), /Fri 1 Oct 2027/);
      assert.equal(await banner.$('time').getAttribute('title'), '2027-10-01');
      assert.equal(await browser.$('#uncaught-error').isExisting(), false, 'no uncaught error');
    });
    await screenShot('dashboard');
  });

  it('switches to Agreements when the sidebar item is clicked', async () => {
    await step(browser, 'agreements-view', async () => {
      const link = browser.$('[data-nav="agreements"]');
      await link.click();
      await browser.waitUntil(async () => (await currentView()) === 'agreements', {
        timeout: 5_000,
        timeoutMsg: 'the view did not change to agreements',
      });
      assert.equal(await browser.$('h1').getText(), 'Agreements');
      assert.equal(await link.getAttribute('aria-current'), 'page');
      const rows = await browser.$$('.vt-body [role="row"]');
      assert.ok(rows.length > 0, 'the table shows rows');
    });
  });

  it('sorts and filters the table', async () => {
    await step(browser, 'agreements-filtered', async () => {
      await browser.$('input[type="search"]').setValue('cloud');
      await browser.waitUntil(async () => (await browser.$$('.vt-body [role="row"]')).length === 1, {
        timeout: 5_000,
        timeoutMsg: 'the filter did not narrow the rows',
      });
      assert.match(await browser.$('.vt-count').getText(), /1 of 3 rows/);
    });
  });

  it('shows settings from the shell and runs reminders now', async () => {
    await step(browser, 'settings-reminders-ran', async () => {
      await browser.$('[data-nav="settings"]').click();
      await browser.waitUntil(async () => (await currentView()) === 'settings', { timeout: 5_000 });
      const facts = browser.$('.facts');
      await facts.waitForExist({ timeout: 5_000 });
      const dbPath = process.env.RENEWAL_DESK_DB;
      if (dbPath) assert.match(await facts.getText(), new RegExp(path.basename(dbPath).replace('.', '\\.')));
      const run = await browser.$('button=Run reminders now');
      await run.click();
      await browser.waitUntil(async () => /^Last run: manual/.test(await browser.$('[data-testid="last-run"]').getText()), {
        timeout: 10_000,
        timeoutMsg: 'the reminder run did not report back',
      });
    });
  });

  it('turns start-at-login on and off (an XDG autostart entry in the test HOME)', async () => {
    const home = process.env.E2E_HOME;
    const dir = home ? path.join(home, '.config', 'autostart') : undefined;
    const entries = () => (dir && existsSync(dir) ? readdirSync(dir) : []);
    const box = browser.$('label.check input[type="checkbox"]');
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
      assert.equal(await browser.execute(() => document.activeElement?.textContent), 'Import agreements');
      const outline = await browser.execute(() => {
        const el = document.activeElement;
        return el ? getComputedStyle(el).outlineStyle : 'none';
      });
      assert.equal(outline, 'solid', 'keyboard focus is visible');
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
