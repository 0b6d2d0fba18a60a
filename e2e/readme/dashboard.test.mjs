// @ts-check
/**
 * The README's screenshot: a fresh database, "Load sample agreements" on the first-run
 * screen (the three fictional agreements shipped with the app), then the dashboard.
 * Not part of `make test`: run `scripts/screenshot.sh`, which saves docs/images/dashboard.png.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openApp, shot } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

describe('README screenshot', () => {
  before(async () => {
    browser = await openApp();
  });
  after(async () => {
    if (browser) await browser.deleteSession();
  });

  it('loads the sample agreements and shows the dashboard', async () => {
    await browser.$('[data-testid="empty-state"]').waitForExist({ timeout: 20_000 });
    await browser.$('button=Load sample agreements').click();
    await browser.$('[data-testid="decision"]').waitForExist({ timeout: 20_000 });
    assert.equal(await browser.$('[data-testid="count-agreements"] .count-value').getText(), '3');
    // Let the reminder run's notification (if any) and the fonts settle.
    await new Promise((r) => setTimeout(r, 1500));
    const file = await shot(browser, 'readme-dashboard');
    const dest = process.env.README_SHOT;
    if (dest) copyFileSync(file, path.resolve(dest));
  });
});
