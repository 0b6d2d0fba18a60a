// @ts-check
/**
 * An agreement entered by hand in the real window (issue 11 item 2): on the Import page,
 * "New agreement" is filled in; a value the core refuses is named under its field; the
 * dates it yields (the non-renewal notice deadline with its workings) show before saving;
 * saved, its deadline is on the dashboard as of the app's as-of date (2026-11-23).
 *
 * Hand-worked dates: effective 1 April 2024, expiry 31 March 2027 (a term of three years),
 * renewal 12 months, 90 days' notice in Peru: 31 March 2027 − 90 days = Thu 31 December
 * 2026, a business day; 38 days after 23 November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApp, screenShot, step } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

const TITLE = 'Lima Cold Storage Services Agreement';

/** Sets a text field's value as typing does (an `input` event the page reacts to). */
async function fill(/** @type {string} */ key, /** @type {string} */ value) {
  const el = await browser.$(`[data-testid="new-${key}"] input`);
  await el.waitForExist({ timeout: 10_000 });
  await el.scrollIntoView({ block: 'center' });
  await browser.execute(
    (e, v) => {
      const i = /** @type {HTMLInputElement} */ (e);
      i.value = v;
      i.dispatchEvent(new Event('input', { bubbles: true }));
    },
    el,
    value,
  );
}

const view = async () => browser.$('[data-testid="app-shell"]').getAttribute('data-view');

async function go(/** @type {string} */ id) {
  await browser.$(`[data-nav="${id}"]`).click();
  await browser.waitUntil(async () => (await view()) === id, { timeout: 10_000, timeoutMsg: `the view did not change to ${id}` });
}

describe('An agreement entered by hand', () => {
  before(async () => {
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('new-agreement-final').catch(() => undefined);
      await browser.deleteSession();
    }
  });

  it('is checked as it is typed and shows its dates with workings before saving', async () => {
    await step(browser, 'new-agreement-checked', async () => {
      await go('import');
      await fill('title', TITLE);
      await fill('counterparty', 'Frío Andino S.A.C.');
      await fill('country', 'Peru');
      await fill('effective_date', '1 April 2024');
      await fill('expiry', '2027-03-31');
      await fill('renewal', '12 months');
      await fill('notice', 'ninety days');
      const error = browser.$('[data-testid="new-notice"] .field-error');
      await error.waitForExist({ timeout: 10_000 });
      assert.match(await error.getText(), /non_renewal_notice/);
      assert.equal(await browser.$('[data-testid="new-agreement-save"]').isEnabled(), false);
    });
    await step(browser, 'new-agreement-preview', async () => {
      await fill('notice', '90 days');
      const preview = browser.$('[data-testid="new-agreement-preview"]');
      await preview.waitForExist({ timeout: 10_000 });
      await preview.scrollIntoView({ block: 'center' });
      const text = await preview.getText();
      assert.match(text, /Non-renewal notice deadline/);
      assert.match(text, /2027-03-31 − 90 days = 2026-12-31/);
      assert.match(text, /If nobody acts: renews on/);
    });
  });

  it('is saved and its deadline is on the dashboard', async () => {
    await step(browser, 'new-agreement-saved', async () => {
      await browser.$('[data-testid="new-agreement-save"]').click();
      const status = browser.$('[data-testid="new-agreement"] [role="status"]');
      await status.waitForExist({ timeout: 10_000 });
      assert.match(await status.getText(), new RegExp(`^Saved #\\d+ ${TITLE}\\.`));
    });
    await step(browser, 'new-agreement-on-dashboard', async () => {
      await go('dashboard');
      await browser.waitUntil(
        async () =>
          browser.execute(
            (title) =>
              Array.from(document.querySelectorAll('[data-testid="decision"]')).some(
                (d) => (d.textContent ?? '').includes(title) && (d.textContent ?? '').includes('31 Dec 2026'),
              ),
            TITLE,
          ),
        { timeout: 15_000, timeoutMsg: 'the new agreement and its deadline of 31 Dec 2026 are not on the dashboard' },
      );
    });
  });
});
