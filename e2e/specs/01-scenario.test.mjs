// @ts-check
/**
 * The product scenario on the real app, in a real window (issue 5):
 *
 *   1. first run: the empty state offers "Import agreements" and "Load sample agreements";
 *   2. import the three files of ../shared/seeds THROUGH THE UI: "Import agreements" opens
 *      the real GTK file dialog, which the test answers with the keyboard (xdotool:
 *      Ctrl+L, the folder, Enter, Ctrl+A, Enter); the app shows a result per file;
 *   3. the dashboard shows Microsoft Peru's notice deadline, Fri 1 Oct 2027, as of the
 *      fixed date 2026-11-23 (RENEWAL_DESK_TODAY, set by scripts/e2e.sh);
 *   4. the agreement's detail and the workings of that deadline;
 *   5. an edit: a bad value is refused with a clear message, a good one is saved and
 *      shows in the history;
 *   6. a clause-table row edited (the convenience notice), recomputed and in the history;
 *   7. the renewal brief: generated (the PDF exists and reads as the brief), opened in the
 *      desktop's PDF viewer (xdg-open), then saved where the user chooses in the real save
 *      dialog;
 *   8. a decision recorded (issue 16 item 3) on AWS Peru, expired with its migration window
 *      open: "Let it expire" with a reason, on the page, in the history, in a regenerated
 *      brief, and off the dashboard's "Needs a decision".
 *
 * Every step leaves a screenshot in artifacts/e2e (the page through WebDriver, and the
 * whole X screen where a dialog is involved).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { installPdfViewer, linesOf, until } from '../lib/desktop.mjs';
import { chooseAllFilesIn, openApp, saveAs, screenShot, step } from '../lib/session.mjs';

const SEEDS = path.resolve(process.env.E2E_SEEDS ?? '../../shared/seeds');
const WORK = process.env.E2E_WORK ?? '/tmp';

/** @type {import('webdriverio').Browser} */
let browser;

const view = async () => browser.$('[data-testid="app-shell"]').getAttribute('data-view');
const text = async (/** @type {string} */ sel) => browser.$(sel).getText();

describe('Renewal Desk scenario: seeds imported through the UI, dashboard, detail, edit, brief', () => {
  before(async () => {
    assert.ok(existsSync(path.join(SEEDS, 'microsoft-peru-mifibra.md')), `seeds in ${SEEDS}`);
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('scenario-final').catch(() => undefined);
      await browser.deleteSession();
    }
  });

  it('starts empty and offers to import agreements or load the samples', async () => {
    await step(browser, 'first-run-empty-state', async () => {
      const empty = browser.$('[data-testid="empty-state"]');
      await empty.waitForExist({ timeout: 20_000 });
      assert.match(await empty.getText(), /No agreements yet/);
      assert.ok(await browser.$('button=Import agreements').isExisting());
      assert.ok(await browser.$('button=Load sample agreements').isExisting());
    });
  });

  it('imports the three seed files through the real file dialog', async () => {
    await browser.$('button=Import agreements').click();
    // The GTK dialog is a real window: answer it as a person would, with the keyboard.
    await chooseAllFilesIn('Import agreements', SEEDS, 'import-dialog-three-files-selected');
    await step(browser, 'import-results', async () => {
      const report = browser.$('[data-testid="import-report"]');
      await report.waitForExist({ timeout: 30_000 });
      assert.equal(await view(), 'import');
      assert.equal(await report.$('h2').getText(), '3 imported · 0 updated · 0 unchanged · 0 failed');
      const files = await browser.$$('[data-testid="import-result"]').map((r) => r.getAttribute('data-file'));
      assert.deepEqual([...files].sort(), ['aws-chile-wom.md', 'aws-peru-mifibra.md', 'microsoft-peru-mifibra.md']);
      // AWS Chile's "$" is read as USD, and that assumption is shown as a warning.
      const chile = browser.$('[data-testid="import-result"][data-file="aws-chile-wom.md"]');
      assert.match(await chile.getText(), /read as USD/);
    });
    await screenShot('import-results-screen');
  });

  it("shows Microsoft Peru's notice deadline of Fri 1 Oct 2027 on the dashboard (as of 2026-11-23)", async () => {
    await step(browser, 'dashboard-notice-deadline', async () => {
      await browser.$('[data-nav="dashboard"]').click();
      const decision = browser.$('[data-testid="decision"][data-agreement="3"]');
      await decision.waitForExist({ timeout: 20_000 });
      const t = await decision.getText();
      assert.match(t, /Fri 1 Oct 2027/);
      assert.match(t, /in 312 days/);
      assert.match(t, /Microsoft Peru Partnership Agreement/);
      assert.match(t, /Non-renewal notice deadline/);
      assert.match(t, /If nobody acts: renews on Sat 1 Jan 2028 for 12 months with a price review/);
      assert.equal(await decision.$('time').getAttribute('datetime'), '2027-10-01');
      assert.match(await text('.banner'), /Mon 23 Nov 2026/);
      assert.equal(await text('[data-testid="count-agreements"] .count-value'), '3');
    });
    await screenShot('dashboard-screen');
  });

  it('opens the agreement and the workings of that deadline', async () => {
    await step(browser, 'detail-workings', async () => {
      await browser.$('[data-testid="decision"][data-agreement="3"] a').click();
      const detail = browser.$('[data-testid="agreement-detail"]');
      await detail.waitForExist({ timeout: 20_000 });
      assert.equal(await browser.$('h1').getText(), 'Microsoft Peru Partnership Agreement');
      const ev = browser.$('[data-event="non_renewal_notice_deadline:2027-10-02"]');
      await ev.scrollIntoView();
      await ev.$('[data-testid="workings-toggle"]').click();
      const workings = ev.$('[data-testid="workings"]');
      await workings.waitForExist({ timeout: 5_000 });
      const w = await workings.getText();
      assert.match(w, /2027-12-31 − 90 days = 2027-10-02 \(rule 3\)/);
      assert.match(w, /Saturday/);
      assert.match(w, /rule 4/);
      assert.match(w, /90-day notice for non-renewal/);
      assert.ok(await browser.$('[data-testid="timeline"]').isExisting(), 'the timeline is drawn');
    });
  });

  it('edits a field: a bad value is explained, a good one is saved and shows in the history', async () => {
    const field = (/** @type {string} */ f) => browser.$(`[data-field="${f}"]`);
    await step(browser, 'edit-refused-with-message', async () => {
      const eff = field('effective_date');
      await eff.scrollIntoView();
      await eff.$('button=Edit').click();
      const input = eff.$('input');
      await input.waitForExist({ timeout: 5_000 });
      await input.setValue('31 February 2025');
      await eff.$('button=Save').click();
      const err = eff.$('.field-error');
      await err.waitForExist({ timeout: 10_000 });
      assert.match(await err.getText(), /does not exist/);
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
    });
    await field('effective_date').$('button=Cancel').click();
    await step(browser, 'edit-saved-in-history', async () => {
      const owner = field('contract_owner');
      await owner.$('button=Edit').click();
      const input = owner.$('input');
      await input.waitForExist({ timeout: 5_000 });
      await input.setValue('Legal Director');
      await owner.$('button=Save').click();
      await browser.waitUntil(async () => (await owner.$('[data-testid="value-contract_owner"]').getText()) === 'Legal Director', {
        timeout: 10_000,
        timeoutMsg: 'the new value is not shown',
      });
      const history = browser.$('[data-testid="history"]');
      await history.scrollIntoView();
      assert.match(await history.getText(), /Contract owner: Commercial Director → Legal Director/);
      // Who made it: the operating-system user (issue 16 item 7).
      assert.match(await history.getText(), /Edited .* by \S+/);
      // Only the main area scrolled: the page itself, and so the sidebar, stayed put.
      assert.equal(await browser.execute(() => document.scrollingElement?.scrollTop ?? -1), 0, 'the page did not scroll as a whole');
      assert.equal(Math.round(await browser.execute(() => document.querySelector('.sidebar')?.getBoundingClientRect().top ?? -1)), 0);
      assert.match(await history.getText(), /Edited/);
    });
  });

  it('edits a clause-table row: the convenience notice, recomputed (rule 6) and in the history', async () => {
    await step(browser, 'table-row-edited', async () => {
      const table = browser.$('[data-table="termination_rights"]');
      await table.scrollIntoView();
      const row = table.$('tr*=Convenience');
      assert.match(await row.getText(), /180 days/);
      await row.$('button=Edit').click();
      const form = table.$('[data-testid="row-form-termination_rights"]');
      await form.waitForExist({ timeout: 5_000 });
      const notice = form.$('input[name="notice"]');
      assert.equal(await notice.getValue(), '180 days');
      await notice.setValue('ninety days');
      await form.$('button=Save row').click();
      const err = form.$('[data-testid="row-error"]');
      await err.waitForExist({ timeout: 10_000 });
      assert.match(await err.getText(), /Termination rights row \d+, Notice: "ninety" is not a whole number/);
      assert.equal(await notice.getAttribute('aria-invalid'), 'true');
      await screenShot('table-row-form-with-error');
      await notice.setValue('90 days');
      await form.$('button=Save row').click();
      await form.waitForExist({ timeout: 10_000, reverse: true });
      assert.match(await table.$('tr*=Convenience').getText(), /90 days.*Edited in Renewal Desk/s);
      // Rule 6: notice served today (2026-11-23) + 90 days.
      assert.match(await browser.$('#events-title').parentElement().getText(), /2027-02-21/);
      const history = browser.$('[data-testid="history"]');
      await history.scrollIntoView();
      assert.match(await history.getText(), /Termination right \d+ \(Convenience\): notice period: 180 days → 90 days/);
    });
  });

  it('generates the renewal brief (the PDF exists) and saves it where the user chooses', async () => {
    /** @type {string} */
    let generated = '';
    await step(browser, 'brief-generated', async () => {
      await browser.$('h1').scrollIntoView();
      await browser.$('[data-testid="generate-brief"]').click();
      const p = browser.$('[data-testid="brief-path"]');
      await p.waitForExist({ timeout: 20_000 });
      generated = await p.getAttribute('data-path');
      assert.ok(existsSync(generated), `the brief exists at ${generated}`);
      assert.equal(readFileSync(generated).subarray(0, 5).toString(), '%PDF-');
      assert.ok(statSync(generated).size > 5_000);
      const { stdout } = await promisify(execFile)('pdftotext', [generated, '-']);
      assert.match(stdout, /Microsoft Peru Partnership Agreement/);
      assert.match(stdout, /Legal Director/, 'the brief shows the edited owner');
    });
    // "Open in PDF viewer" hands the file to the desktop's PDF viewer (xdg-open, mimeapps.list).
    const opened = installPdfViewer();
    await browser.$('[data-testid="open-brief"]').click();
    await until(async () => linesOf(opened).includes(generated), 'the PDF viewer was asked to open the brief');
    const dest = path.join(WORK, 'saved-brief.pdf');
    await browser.$('[data-testid="save-brief"]').click();
    await saveAs('Save as', dest, 'brief-save-dialog');
    await step(browser, 'brief-saved', async () => {
      await browser.$('[data-testid="brief-saved"]').waitForExist({ timeout: 10_000 });
      assert.ok(existsSync(dest), `saved to ${dest}`);
      assert.equal(readFileSync(dest).subarray(0, 5).toString(), '%PDF-');
    });
  });

  it('records a decision on AWS Peru (expired, its migration window open): on the page, in the history, in the brief, off the dashboard', async () => {
    await step(browser, 'decision-recorded', async () => {
      await browser.$('[data-nav="dashboard"]').click();
      const item = browser.$('[data-testid="decision"][data-agreement="2"]');
      await item.waitForExist({ timeout: 10_000 });
      assert.match(await item.getText(), /Thu 24 Dec 2026/);
      await item.$('a').click();
      const atHand = browser.$('[data-testid="decision-at-hand"]');
      await atHand.waitForExist({ timeout: 10_000 });
      assert.match(await atHand.getText(), /The agreement expired on Tue 30 Jun 2026: use the migration \(assisted\) rights/);
      await browser.$('[data-testid="record-decision"]').click();
      const form = browser.$('[data-testid="decision-form"]');
      await form.waitForExist({ timeout: 5_000 });
      // An expired agreement cannot be renewed: only the choices it allows are offered.
      assert.equal(await form.$('input[value="renew"]').isExisting(), false);
      await form.$('input[value="let_expire"]').click();
      await form.$('input[name="reason"]').setValue('Workloads already migrated to the new provider');
      await screenShot('decision-form');
      await form.$('button=Record decision').click();
      await form.waitForExist({ timeout: 10_000, reverse: true });
      const recorded = browser.$('[data-testid="decision-recorded"]');
      await recorded.waitForExist({ timeout: 10_000 });
      assert.match(await recorded.getText(), /Decided: Let it expire, by \S+ on .*: Workloads already migrated to the new provider/);
      assert.doesNotMatch(await recorded.getText(), /unknown user/);
      const history = browser.$('[data-testid="history"]');
      await history.scrollIntoView();
      assert.match(await history.getText(), /Decision recorded/);
    });
    await step(browser, 'decision-in-brief', async () => {
      await browser.$('h1').scrollIntoView();
      await browser.$('[data-testid="generate-brief"]').click();
      const p = browser.$('[data-testid="brief-path"]');
      await p.waitForExist({ timeout: 20_000 });
      const { stdout } = await promisify(execFile)('pdftotext', [await p.getAttribute('data-path'), '-']);
      assert.match(stdout.replace(/\s+/g, ' '), /Decided: Let it expire, by \S+ on .*Workloads already migrated/, 'the brief shows the recorded decision');
    });
    await step(browser, 'dashboard-after-decision', async () => {
      await browser.$('[data-nav="dashboard"]').click();
      await browser.$('[data-testid="decisions"]').waitForExist({ timeout: 10_000 });
      await browser.waitUntil(async () => !(await browser.$('[data-testid="decision"][data-agreement="2"]').isExisting()), {
        timeout: 10_000,
        timeoutMsg: 'AWS Peru is still under Needs a decision after its decision was recorded',
      });
      // AWS Chile's window and Microsoft Peru's renewal still need one.
      assert.equal((await browser.$$('[data-testid="decision"]')).length, 2);
    });
  });
});
