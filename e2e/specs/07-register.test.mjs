// @ts-check
/**
 * A register spreadsheet imported in the real window (issue 11 item 3): the test writes an
 * .xlsx with rust_xlsxwriter (crates/renewal-core/examples/write_xlsx.rs) holding what
 * registers really hold — real Excel date cells, text dates ("15/03/2024"), blanks, a title
 * row above the headers, Spanish headers, one column the reader does not recognise
 * ("Encargado") and one bad row (31 February). It is chosen through the real file dialog
 * ("Import a register": the first-run way in when the database is empty, else the Import
 * page); in the mapping step the first rows are previewed and "Encargado" is set to the
 * contract owner; the import shows one result per row (3 imported, row 6 refused naming
 * its column "Vencimiento"); a register agreement's notice deadline is on the dashboard and
 * its owner (from the changed column) in the agreements table; "Export register" writes
 * the register back as .xlsx through the save dialog.
 *
 * Hand-worked dates (row 3, Peru): effective 1 April 2024, end date 31 March 2027 (the
 * expiry of the current term: docs/register.md, "End date"), renews for 12 months, 90 days'
 * notice: 31 March 2027 − 90 days = Thu 31 December 2026, a business day (38 days after the
 * as-of date, 23 November 2026).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { go, openApp, saveAs, screenShot, step, waitForWindow, waitForWindowGone, xdotool } from '../lib/session.mjs';

/** @type {import('webdriverio').Browser} */
let browser;

const WORK = process.env.E2E_WORK ?? '/tmp';
const ROOT = path.resolve('..');
const TITLE = 'Almacenamiento en Frío Callao';

/** A real Excel date cell. */
const date = (/** @type {string} */ iso) => ({ date: iso });

/** The register: a title row, the headers on row 2, four agreements on rows 3–6. */
const REGISTER = {
  sheet: 'Registro',
  rows: [
    ['Registro de contratos — Operaciones Perú'],
    ['Código', 'Contrato', 'Contraparte', 'Encargado', 'País', 'Fecha de inicio', 'Plazo inicial', 'Vencimiento', 'Renovación automática', 'Plazo de renovación', 'Aviso (días)'],
    ['RC-101', TITLE, 'Frío Andino S.A.C.', 'Ana Torres', 'PE', date('2024-04-01'), null, date('2027-03-31'), 'Sí', '12 meses', 90],
    ['RC-102', 'Mantenimiento de Flota Arequipa', 'Rutas del Sur S.A.', 'Luis Paz', 'PE', '15/03/2024', null, '14/03/2027', 'Y', '1 año', '60'],
    ['RC-103', 'Licencias de Software Cusco', null, null, 'PE', date('2025-01-01'), '24 meses', null, null, null, null],
    ['RC-104', 'Catering Oficinas Lima', 'Sabores del Perú SAC', 'Ana Torres', 'PE', date('2024-01-01'), null, '31/02/2027', 'No', null, null],
  ],
};

/**
 * Writes `description` as an .xlsx with rust_xlsxwriter (the write_xlsx example, built by
 * scripts/e2e.sh; built here if it is missing).
 */
function writeXlsx(/** @type {string} */ file, /** @type {unknown} */ description) {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
  const exe = path.join(target, 'debug', 'examples', 'write_xlsx');
  const input = JSON.stringify(description);
  if (existsSync(exe)) execFileSync(exe, [file], { input });
  else execFileSync('cargo', ['run', '-q', '-p', 'renewal-core', '--example', 'write_xlsx', '--', file], { input, cwd: ROOT });
}

/**
 * Answers the GTK open dialog titled `title` with one file, as a person would with the
 * keyboard: Ctrl+L, type the file's full path, Enter. Screenshots the dialog first.
 */
async function chooseFile(/** @type {string} */ title, /** @type {string} */ file, /** @type {string} */ shotName) {
  const win = await waitForWindow(title);
  const pause = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  await pause(500);
  await xdotool('windowfocus', '--sync', win);
  await xdotool('key', '--window', win, 'ctrl+l');
  await pause(400);
  await xdotool('type', '--window', win, '--delay', '25', file);
  await pause(700);
  await screenShot(shotName);
  await xdotool('key', '--window', win, 'Return');
  await waitForWindowGone(title);
}

/** Chooses meaning `value` for column `letter` in the mapping step (its list's `change`, as a person's choice fires it). */
async function setMeaning(/** @type {string} */ letter, /** @type {string} */ value) {
  const select = await browser.$(`[data-testid="register-column"][data-letter="${letter}"] select`);
  await select.waitForExist({ timeout: 10_000 });
  await select.scrollIntoView({ block: 'center', inline: 'center' });
  await browser.execute(
    (e, v) => {
      const s = /** @type {HTMLSelectElement} */ (e);
      s.focus();
      s.value = v;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    },
    select,
    value,
  );
}

describe('A register spreadsheet', () => {
  const dir = path.join(WORK, 'register');
  const file = path.join(dir, 'registro-contratos.xlsx');

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeXlsx(file, REGISTER);
    browser = await openApp();
  });

  after(async () => {
    if (browser) {
      await screenShot('register-final').catch(() => undefined);
      await browser.deleteSession();
    }
  });

  it('is chosen in the file dialog and previewed with each column’s meaning', async () => {
    // The first run's way in when nothing is imported yet; else the Import page's button.
    await go(browser, 'dashboard');
    await browser.waitUntil(async () => (await browser.$('[data-testid="empty-state"]').isExisting()) || (await browser.$('[data-testid="dashboard"]').isExisting()), {
      timeout: 15_000,
      timeoutMsg: 'the dashboard did not load',
    });
    const firstRun = await browser.$('[data-testid="way-register-button"]').isExisting();
    if (firstRun) await browser.$('[data-testid="way-register-button"]').click();
    else {
      await go(browser, 'import');
      await browser.$('[data-testid="choose-register"]').click();
    }
    await chooseFile('Import a register', file, 'register-dialog');
    await step(browser, 'register-mapping', async () => {
      const table = browser.$('[data-testid="register-preview"]');
      await table.waitForExist({ timeout: 20_000 });
      assert.equal(await browser.$('[data-testid="app-shell"]').getAttribute('data-view'), 'import');
      const mapping = await browser.$('[data-testid="register-mapping"]').getText();
      assert.match(mapping, /registro-contratos\.xlsx · sheet “Registro” · headers on row 2 · 4 rows to import/);
      // The rows as the spreadsheet shows them: real dates, text dates and blanks.
      const rows = await browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="register-preview"] tbody tr')).map((tr) =>
          Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()),
        ),
      );
      assert.deepEqual(
        rows.map((r) => r[0]),
        ['3', '4', '5', '6'],
      );
      assert.equal(rows[0]?.[6], '2024-04-01');
      assert.equal(rows[1]?.[6], '15/03/2024');
      assert.equal(rows[2]?.[8], 'blank');
      assert.equal(rows[3]?.[8], '31/02/2027');
      // Meanings recognised from the Spanish headers; "Encargado" is not one.
      const meanings = await browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="register-column"] select')).map((s) => /** @type {HTMLSelectElement} */ (s).value),
      );
      assert.deepEqual(meanings, ['id', 'title', 'counterparty', '', 'country', 'effective', 'term', 'expiry', 'auto_renewal', 'renewal_period', 'notice']);
    });
    await step(browser, 'register-mapping-changed', async () => {
      await setMeaning('D', 'owner');
      assert.equal(await browser.$('[data-testid="register-column"][data-letter="D"] select').getValue(), 'owner');
      assert.equal(await browser.$('[data-testid="register-column"][data-letter="D"] [data-testid="mapping-origin"]').getText(), 'your choice');
      assert.equal(await browser.$('[data-testid="mapping-problem"]').isExisting(), false);
    });
  });

  it('imports row by row: a bad row refused naming its row and column, the others imported', async () => {
    await browser.$('[data-testid="import-register"]').click();
    await step(browser, 'register-results', async () => {
      const report = browser.$('[data-testid="register-report"]');
      await report.waitForExist({ timeout: 30_000 });
      assert.equal(await report.$('h3').getText(), '3 imported · 0 updated · 0 unchanged · 1 refused');
      const actions = await browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="register-row"]')).map((r) => `${r.getAttribute('data-row')}:${r.getAttribute('data-action')}`),
      );
      assert.deepEqual(actions, ['3:imported', '4:imported', '5:imported', '6:refused']);
      const refused = browser.$('[data-testid="register-row"][data-row="6"]');
      await refused.scrollIntoView({ block: 'center' });
      const message = await refused.$('.result-error').getText();
      assert.match(message, /^row 6, column "Vencimiento": /);
      assert.match(message, /31\/02\/2027/);
      // The row with blanks is imported, its gaps left to confirm.
      assert.match(await browser.$('[data-testid="register-row"][data-row="5"]').getText(), /Licencias de Software Cusco/);
    });
  });

  it('shows a register agreement’s deadline on the dashboard and the owner from the changed column', async () => {
    await step(browser, 'register-on-dashboard', async () => {
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
        { timeout: 15_000, timeoutMsg: `${TITLE} and its notice deadline of 31 Dec 2026 are not on the dashboard` },
      );
    });
    await step(browser, 'register-agreements', async () => {
      await go(browser, 'agreements');
      await browser.waitUntil(
        async () =>
          browser.execute(
            (title) =>
              Array.from(document.querySelectorAll('.vt-body [role="row"]')).some(
                (r) => (r.textContent ?? '').includes(title) && (r.textContent ?? '').includes('Ana Torres'),
              ),
            TITLE,
          ),
        { timeout: 15_000, timeoutMsg: `${TITLE} is not in the table with its owner Ana Torres (column "Encargado")` },
      );
    });
  });

  it('is exported back as .xlsx through the save dialog', async () => {
    const dest = path.join(dir, 'register-export.xlsx');
    await browser.$('[data-testid="export-register-button"]').click();
    await saveAs('Save as', dest, 'register-export-dialog');
    await step(browser, 'register-exported', async () => {
      const done = browser.$('[data-testid="export-register-done"]');
      await done.waitForExist({ timeout: 20_000 });
      assert.match(await done.getText(), new RegExp(`^Register saved: \\d+ agreements? to ${dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
      assert.ok(statSync(dest).size > 1000);
      // An .xlsx is a zip: it starts with "PK".
      assert.equal(readFileSync(dest).subarray(0, 2).toString('latin1'), 'PK');
    });
  });
});
