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
import { fill, go, openApp, screenShot, step } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

const TITLE = 'Lima Cold Storage Services Agreement';

/** Fills field `key` of the New agreement form. */
const fillNew = (/** @type {string} */ key, /** @type {string} */ value) => fill(browser, `[data-testid="new-${key}"] input`, value);

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
      await go(browser, 'import');
      await fillNew('title', TITLE);
      await fillNew('counterparty', 'Frío Andino S.A.C.');
      await fillNew('country', 'Peru');
      await fillNew('effective_date', '1 April 2024');
      await fillNew('expiry', '2027-03-31');
      await fillNew('renewal', '12 months');
      await fillNew('notice', 'ninety days');
      const error = browser.$('[data-testid="new-notice"] .field-error');
      await error.waitForExist({ timeout: 10_000 });
      assert.match(await error.getText(), /non_renewal_notice/);
      assert.equal(await browser.$('[data-testid="new-agreement-save"]').isEnabled(), false);
    });
    await step(browser, 'new-agreement-preview', async () => {
      await fillNew('notice', '90 days');
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
      await go(browser, 'dashboard');
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
