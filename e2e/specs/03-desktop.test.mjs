// @ts-check
/**
 * Renewal Desk on the desktop (runs after 01-scenario and 02-shell, on the same database
 * with the three seed agreements, as of 2026-11-23):
 *
 *   - the tray icon's menu, read and clicked as a panel's tray host does (dbusmenu over
 *     the session bus): the next deadline, "Run reminders now", "Open Renewal Desk";
 *   - a reminder's buttons clicked in the real notification (dunst's context menu):
 *     "Mark done" and "Snooze 1 day" are recorded in the agreement's history and the open
 *     page reloads by itself; "Open brief" brings the closed window back on the agreement;
 *   - closing the window (WM_DELETE_WINDOW, as a window manager's close button) hides it
 *     to the tray; the app keeps running;
 *   - documents dragged from a file-manager-like window and dropped on the app (real
 *     pointer, XDND): imported with a result per file, a picture left out;
 *   - "Quit" in the tray ends the app, and the next start puts the window back where it
 *     was, at the size it had.
 *
 * Each reminder is made real: an obligation due today is added through the clause-table
 * editor, the tray runs the reminders, dunst shows the notification.
 */
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  clickNotificationButton,
  clickTrayItem,
  closeAllNotifications,
  closeWindowLikeAWindowManager,
  notificationsShown,
  trayMenu,
  until,
  dropFilesOnWindow,
  visibleMainWindow,
} from '../lib/desktop.mjs';
import { openApp, screenShot, step, xdotool } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

const MS_PERU = 3;
const TODAY_PROSE = 'Mon 23 Nov 2026';

async function openAgreement(/** @type {number} */ id) {
  await browser.execute((hash) => {
    window.location.hash = hash;
  }, `#/agreements/${id}`);
  await browser.$('[data-testid="agreement-detail"]').waitForExist({ timeout: 10_000 });
}

/** Adds an obligation due today through the Obligations table's "Add row". */
async function addObligationDueToday(/** @type {string} */ name) {
  const table = browser.$('[data-table="obligations"]');
  await table.scrollIntoView();
  await table.$('button=Add row').click();
  const form = table.$('[data-testid="row-form-obligations"]');
  await form.waitForExist({ timeout: 5_000 });
  await form.$('input[name="name"]').setValue(name);
  await form.$('input[name="status"]').setValue('Planned');
  await form.$('input[name="due"]').setValue('2026-11-23');
  await form.$('button=Add row').click();
  await form.waitForExist({ timeout: 10_000, reverse: true });
}

/** Runs the reminders from the tray and waits for dunst to show the one notification. */
async function remindFromTheTray() {
  await closeAllNotifications();
  await until(async () => (await notificationsShown()) === 0, 'dunst closed its notifications');
  await clickTrayItem('Run reminders now');
  await until(async () => (await notificationsShown()) === 1, 'dunst shows the reminder');
}

const slug = (/** @type {string} */ s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

describe('Renewal Desk on the desktop: tray, notification buttons, closing to the tray, drag and drop', () => {
  before(async () => {
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('desktop-final').catch(() => undefined);
      await browser.deleteSession().catch(() => undefined);
    }
  });

  it('the tray shows the next deadline and offers Open, Run reminders now and Quit', async () => {
    await step(browser, 'tray-menu', async () => {
      const { items } = await trayMenu();
      assert.deepEqual(
        items.map((i) => i.label),
        [
          'Next deadline: Sun 27 Dec 2026 · AWS Chile Partnership Agreement: Exit window ends: Migration (assisted)',
          'Open Renewal Desk',
          'Run reminders now',
          'Quit',
        ],
      );
      assert.equal(items[0]?.enabled, false, 'the next-deadline line is information, not a button');
      assert.ok(items.slice(1).every((i) => i.enabled));
    });
  });

  it('"Run reminders now" in the tray runs them and the app reports the run', async () => {
    await step(browser, 'tray-run-reminders', async () => {
      await browser.$('[data-nav="settings"]').click();
      const last = browser.$('[data-testid="last-run"]');
      await last.waitForExist({ timeout: 10_000 });
      await browser.waitUntil(async () => /^Last run: start/.test(await last.getText()), {
        timeout: 20_000,
        timeoutMsg: 'the start-up run did not report',
      });
      await clickTrayItem('Run reminders now');
      await browser.waitUntil(async () => /^Last run: manual/.test(await last.getText()), {
        timeout: 20_000,
        timeoutMsg: 'the tray did not run the reminders',
      });
    });
  });

  it('"Mark done" in a reminder notification is recorded and the open page shows it', async () => {
    const name = 'Board approval';
    const eventId = `obligation_due:2026-11-23:${slug(name)}`;
    await openAgreement(MS_PERU);
    await addObligationDueToday(name);
    await remindFromTheTray();
    await screenShot('notification-mark-done-shown');
    const menu = await clickNotificationButton('Mark done');
    assert.ok(
      menu.some((l) => l.startsWith(`#Mark done (Microsoft Peru Partnership Agreement — Obligation due: ${name} on ${TODAY_PROSE})`)),
      menu.join('\n'),
    );
    assert.ok(menu.some((l) => l.startsWith('#Snooze 1 day (')) && menu.some((l) => l.startsWith('#Open brief (')), menu.join('\n'));
    await step(browser, 'notification-mark-done-recorded', async () => {
      const event = browser.$(`[data-event="${eventId}"]`);
      await browser.waitUntil(async () => /event-row-done/.test((await event.getAttribute('class')) ?? ''), {
        timeout: 15_000,
        timeoutMsg: 'the page did not show the event as done',
      });
      const history = browser.$('[data-testid="history"]');
      await history.scrollIntoView();
      const text = await history.getText();
      assert.match(text, /Marked done/);
      assert.ok(text.includes(`Done: Obligation due (${name})`), text);
      assert.match(text, /by \S+ \(from a reminder notification\)/);
      assert.match(text, /marked done from a reminder notification/);
    });
  });

  it('"Snooze 1 day" in a reminder notification is recorded in the history', async () => {
    const name = 'Insurance certificate';
    await addObligationDueToday(name);
    await remindFromTheTray();
    await clickNotificationButton('Snooze 1 day');
    await step(browser, 'notification-snoozed', async () => {
      const history = browser.$('[data-testid="history"]');
      // The history speaks people's words (issue 16 item 7): no event id.
      await browser.waitUntil(async () => /Reminders snoozed/.test(await history.getText()), {
        timeout: 15_000,
        timeoutMsg: 'the snooze is not in the history',
      });
      const text = await history.getText();
      assert.ok(text.includes(`Obligation due (${name})`), text);
      assert.ok(!text.includes(`obligation_due:2026-11-23:${slug(name)}`), text);
    });
  });

  it('closing the window keeps the app in the tray; "Open brief" in a notification brings it back on the agreement', async () => {
    await addObligationDueToday('Escrow deposit');
    await browser.$('[data-nav="dashboard"]').click();
    await browser.$('[data-testid="decision"]').waitForExist({ timeout: 10_000 });
    const win = await visibleMainWindow();
    assert.ok(win, 'the window is visible');
    await closeWindowLikeAWindowManager(win);
    await until(async () => (await visibleMainWindow()) === '', 'the window is hidden');
    await screenShot('window-closed-to-tray');
    assert.equal((await trayMenu()).items.length, 4, 'the app still runs in the tray');
    await remindFromTheTray();
    await clickNotificationButton('Open brief');
    await until(async () => (await visibleMainWindow()) !== '', 'the window is shown again');
    await step(browser, 'notification-open-brief', async () => {
      await browser.$('[data-testid="agreement-detail"]').waitForExist({ timeout: 10_000 });
      assert.equal(await browser.$('h1').getText(), 'Microsoft Peru Partnership Agreement');
      assert.ok(await browser.$('[data-testid="generate-brief"]').isExisting(), 'the brief is one click away');
    });
  });

  it('imports documents dropped on the window from a file manager, and leaves out a picture', async () => {
    const work = process.env.E2E_WORK ?? '/tmp';
    const seeds = path.resolve(process.env.E2E_SEEDS ?? '../../shared/seeds');
    // A new agreement (one of the app's own samples), a seed already imported, a picture.
    const sample = path.join(work, 'andes-fibra-wholesale.md');
    copyFileSync(path.resolve('../crates/renewal-core/samples/andes-fibra-wholesale.md'), sample);
    const picture = path.join(work, 'scan.png');
    writeFileSync(picture, Buffer.from('89504e470d0a1a0a', 'hex'));
    await closeAllNotifications();
    await dropFilesOnWindow([sample, path.join(seeds, 'aws-chile-wom.md'), picture]);
    await step(browser, 'drop-imported', async () => {
      const report = browser.$('[data-testid="import-report"]');
      await report.waitForExist({ timeout: 20_000 });
      assert.equal(await report.$('h2').getText(), '1 imported · 0 updated · 1 unchanged · 0 failed');
      const andes = browser.$('[data-testid="import-result"][data-file="andes-fibra-wholesale.md"]');
      assert.match(await andes.getText(), /Imported/);
      assert.match(await andes.getText(), /Andes Fibra/);
      assert.match(await browser.$('[data-testid="import-result"][data-file="aws-chile-wom.md"]').getText(), /unchanged/);
      assert.match(await browser.$('[data-view="import"]').getText(), /scan\.png/);
    });
    await screenShot('drop-imported-screen');
  });

  it('"Open Renewal Desk" in the tray shows the closed window as it was', async () => {
    const heading = await browser.$('h1').getText();
    await closeWindowLikeAWindowManager(await visibleMainWindow());
    await until(async () => (await visibleMainWindow()) === '', 'the window is hidden');
    await clickTrayItem('Open Renewal Desk');
    await until(async () => (await visibleMainWindow()) !== '', 'the tray brought the window back');
    await step(browser, 'tray-open', async () => {
      assert.equal(await browser.$('h1').getText(), heading);
    });
  });

  it('"Quit" in the tray ends the app; the next start remembers the window\'s place and size', async () => {
    const win = await visibleMainWindow();
    await xdotool('windowsize', '--sync', win, '1040', '690');
    await xdotool('windowmove', '--sync', win, '60', '50');
    await until(async () => /Position: 60,50[\s\S]*Geometry: 1040x690/.test(await xdotool('getwindowgeometry', win)), 'the window moved and resized');
    await clickTrayItem('Quit');
    await until(async () => (await visibleMainWindow()) === '', 'the app quit', 20_000);
    await browser.deleteSession().catch(() => undefined);
    browser = await openApp();
    await step(browser, 'window-state-restored', async () => {
      const again = await visibleMainWindow();
      assert.ok(again, 'the app is back');
      const geometry = await xdotool('getwindowgeometry', again);
      assert.match(geometry, /Position: 60,50/, geometry);
      assert.match(geometry, /Geometry: 1040x690/, geometry);
    });
  });
});
