// @ts-check
/**
 * Opens the real Renewal Desk window through tauri-driver (which starts Debian's
 * WebKitWebDriver, which starts the app), and records a screenshot of every step.
 *
 * Environment (set by scripts/e2e.sh):
 *   E2E_APP        the app binary (required)
 *   E2E_PORT       tauri-driver's port (default 4444)
 *   E2E_ARTIFACTS  where screenshots go (default ../artifacts/e2e)
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { remote } from 'webdriverio';

export const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? '../artifacts/e2e');
mkdirSync(ARTIFACTS, { recursive: true });

/** @typedef {import('webdriverio').Browser} Browser */

let counter = 0;
/** Screenshots are named after the spec file, so files from several specs never collide. */
const SPEC = path.basename(process.argv[1] ?? 'spec').replace(/\.test\.m?js$/, '');

/**
 * Saves a picture of the app's window as NN-name.png and returns the file: the real
 * window as X shows it (the screen cut to the window's place: what a person sees,
 * notifications on top included). WebKitWebDriver's own screenshots draw a page whose main area is scrolled
 * as if the whole page were, so they are only the fallback (no X display, window hidden).
 */
export async function shot(/** @type {Browser} */ browser, /** @type {string} */ name) {
  counter += 1;
  const file = path.join(ARTIFACTS, `${SPEC}-${String(counter).padStart(2, '0')}-${name}.png`);
  // Let the last change reach the screen (two frames), so the picture shows the state
  // that was just checked.
  await browser
    .executeAsync((/** @type {() => void} */ done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))
    .catch(() => undefined);
  await new Promise((r) => setTimeout(r, 150));
  const win = process.env.DISPLAY
    ? (await xdotool('search', '--onlyvisible', '--name', '^Renewal Desk$').catch(() => '')).split('\n').filter(Boolean).pop()
    : undefined;
  if (win && process.env.E2E_CLOSE_NOTIFICATIONS === '1') {
    // Pictures for the README: without the reminders dunst happens to be showing.
    await promisify(execFile)('dunstctl', ['close-all']).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
  }
  if (win) {
    // The screen cut to the window: what is on top of it (a notification) shows as it is.
    const geo = Object.fromEntries(
      (await xdotool('getwindowgeometry', '--shell', win))
        .split('\n')
        .map((l) => l.split('='))
        .filter((kv) => kv.length === 2),
    );
    const crop = `${geo.WIDTH}x${geo.HEIGHT}+${geo.X}+${geo.Y}`;
    await promisify(execFile)('import', ['-display', process.env.DISPLAY ?? '', '-window', 'root', '-crop', crop, '+repage', file]);
  } else await browser.saveScreenshot(file);
  return file;
}

/** Saves the whole X screen (the real window as a person would see it), if DISPLAY is set. */
export async function screenShot(/** @type {string} */ name) {
  if (!process.env.DISPLAY) return undefined;
  counter += 1;
  const file = path.join(ARTIFACTS, `${SPEC}-${String(counter).padStart(2, '0')}-${name}-screen.png`);
  await promisify(execFile)('import', ['-display', process.env.DISPLAY, '-window', 'root', file]);
  return file;
}

/**
 * Runs one step of a scenario and screenshots the result, also when it fails
 * (the file name then ends in -FAILED).
 */
export async function step(/** @type {Browser} */ browser, /** @type {string} */ name, /** @type {() => Promise<void>} */ body) {
  try {
    await body();
    await shot(browser, name);
  } catch (error) {
    await shot(browser, `${name}-FAILED`).catch(() => undefined);
    throw error;
  }
}

/** Starts the app and waits until the page has loaded and the shell has rendered. */
export async function openApp() {
  const application = process.env.E2E_APP;
  if (!application) throw new Error('E2E_APP (path of the app binary) is not set; run scripts/e2e.sh');
  const browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.E2E_PORT ?? 4444),
    logLevel: 'warn',
    connectionRetryCount: 2,
    capabilities: {
      // WebKitWebDriver speaks classic WebDriver only (no BiDi).
      'wdio:enforceWebDriverClassic': true,
      browserName: 'wry',
      // @ts-expect-error tauri-driver's own capability
      'tauri:options': { application },
    },
  });
  // Wait for the page before the first click: WebKitWebDriver returns the session
  // as soon as the window exists, before the bundle has run.
  await browser.waitUntil(
    async () => (await browser.execute(() => document.readyState)) === 'complete',
    { timeout: 20_000, timeoutMsg: 'the page did not finish loading' },
  );
  await browser.$('[data-testid="app-shell"]').waitForExist({ timeout: 20_000 });
  return browser;
}

const run = promisify(execFile);

/** Runs xdotool on the test's X display. */
export async function xdotool(/** @type {string[]} */ ...args) {
  const { stdout } = await run('xdotool', args, { env: process.env });
  return stdout.trim();
}

/** Waits for an X window whose title is `title` (a GTK dialog) and returns its id. */
export async function waitForWindow(/** @type {string} */ title, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = await xdotool('search', '--onlyvisible', '--name', `^${title}$`).catch(() => '');
    const id = ids.split('\n').filter(Boolean).pop();
    if (id) return id;
    if (Date.now() > deadline) throw new Error(`no "${title}" window after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until no X window is titled `title` any more (the dialog was answered). */
export async function waitForWindowGone(/** @type {string} */ title, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await xdotool('search', '--onlyvisible', '--name', `^${title}$`).catch(() => '')) !== '') {
    if (Date.now() > deadline) throw new Error(`"${title}" is still open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Answers the GTK open dialog titled `title` as a person would with the keyboard:
 * Ctrl+L, type the folder's path, Enter (the dialog shows the folder), Ctrl+A (select
 * every file in it), Enter (Open). Screenshots the dialog before it is confirmed.
 */
export async function chooseAllFilesIn(/** @type {string} */ title, /** @type {string} */ folder, /** @type {string} */ shotName) {
  const win = await waitForWindow(title);
  const pause = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  await pause(500); // let the dialog finish drawing
  await xdotool('windowfocus', '--sync', win);
  await xdotool('key', '--window', win, 'ctrl+l');
  await pause(400);
  await xdotool('type', '--window', win, '--delay', '25', folder.endsWith('/') ? folder : `${folder}/`);
  await pause(700); // the location bar completes as it is typed; let it settle
  await xdotool('key', '--window', win, 'Return');
  await pause(1200);
  await xdotool('key', '--window', win, 'ctrl+a');
  await new Promise((r) => setTimeout(r, 300));
  await screenShot(shotName);
  await xdotool('key', '--window', win, 'Return');
  await waitForWindowGone(title);
}

/** Answers the GTK save dialog titled `title`: types the full path as the name, then Enter. */
export async function saveAs(/** @type {string} */ title, /** @type {string} */ file, /** @type {string} */ shotName) {
  const win = await waitForWindow(title);
  const pause = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  await pause(500);
  await xdotool('windowfocus', '--sync', win);
  await xdotool('key', '--window', win, 'ctrl+a');
  await pause(300);
  await xdotool('type', '--window', win, '--delay', '25', file);
  await pause(700);
  await screenShot(shotName);
  await xdotool('key', '--window', win, 'Return');
  await waitForWindowGone(title);
}

/**
 * Sets the value of the input `selector` names as typing does (an `input` event the page
 * reacts to), after scrolling it into view.
 */
export async function fill(/** @type {Browser} */ browser, /** @type {string} */ selector, /** @type {string} */ value) {
  const el = await browser.$(selector);
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

/** The view the app shows (`data-view` of the shell: dashboard, agreements, review, ...). */
export async function currentView(/** @type {Browser} */ browser) {
  return browser.$('[data-testid="app-shell"]').getAttribute('data-view');
}

/** Opens view `id` from the sidebar and waits until the app shows it. */
export async function go(/** @type {Browser} */ browser, /** @type {string} */ id) {
  await browser.$(`[data-nav="${id}"]`).click();
  await browser.waitUntil(async () => (await currentView(browser)) === id, {
    timeout: 10_000,
    timeoutMsg: `the view did not change to ${id}`,
  });
}
