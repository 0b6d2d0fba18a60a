// @ts-check
/**
 * The desktop around the app, driven the way a desktop drives it:
 *
 * - the tray icon: Renewal Desk's tray (libayatana-appindicator) exports a
 *   StatusNotifierItem and its menu as com.canonical.dbusmenu on the session bus; a
 *   panel's tray host reads the menu with GetLayout and sends a click with
 *   Event(id, "clicked"). These helpers do the same with gdbus on the test's private bus.
 * - notifications: dunst (started by scripts/e2e.sh) shows the app's notifications; a
 *   button is chosen from dunst's context menu (`dunstctl context`), which dunst opens
 *   with its "dmenu" program, e2e/bin/dunst-pick, answering with the line we name.
 * - the window: closed as a window manager's close button closes it (WM_DELETE_WINDOW,
 *   e2e/bin/wm-close.py), and found visible or not with xdotool.
 * - drag and drop: files dragged from a file-manager-like GTK window (e2e/bin/drag-source.py,
 *   offering text/uri-list) onto the app with the real pointer (xdotool), so the drop
 *   arrives through XDND like one from Nautilus.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { xdotool } from './session.mjs';

const run = promisify(execFile);
const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin');
const WORK = process.env.E2E_WORK ?? '/tmp';
const pause = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** gdbus on the session bus; returns its output. */
async function gdbus(/** @type {string[]} */ ...args) {
  const { stdout } = await run('gdbus', ['call', '--session', ...args], { env: process.env });
  return stdout.trim();
}

/**
 * The bus connection and object path of a tray icon whose StatusNotifierItem path contains
 * `main_tray`, looked up among every connection of the session bus (as a tray host learns
 * it from its watcher).
 */
export async function findTray() {
  const names = (await gdbus('--dest', 'org.freedesktop.DBus', '--object-path', '/', '--method', 'org.freedesktop.DBus.ListNames')).match(
    /':[0-9.]+'/g,
  );
  for (const quoted of names ?? []) {
    const dest = quoted.slice(1, -1);
    const xml = await run('gdbus', ['introspect', '--session', '--dest', dest, '--object-path', '/org/ayatana/NotificationItem'], {
      env: process.env,
    })
      .then((r) => r.stdout)
      .catch(() => '');
    const node = /node (\w*main_tray\w*)/.exec(xml);
    if (node) return { dest, path: `/org/ayatana/NotificationItem/${node[1]}` };
  }
  throw new Error('no tray icon on the session bus');
}

/**
 * The tray menu's items, as a tray host reads them (dbusmenu GetLayout): id, label and
 * whether it can be clicked. Separators are left out.
 */
export async function trayMenu() {
  const tray = await findTray();
  const layout = await gdbus('--dest', tray.dest, '--object-path', `${tray.path}/Menu`, '--method', 'com.canonical.dbusmenu.GetLayout', '--', '0', '-1', '@as []');
  /** @type {{id: number, label: string, enabled: boolean}[]} */
  const items = [];
  for (const m of layout.matchAll(/<\((\d+), \{([^}]*)\}/g)) {
    const props = m[2] ?? '';
    const label = /'label': <'((?:[^'\\]|\\.)*)'>/.exec(props);
    if (!label) continue;
    items.push({ id: Number(m[1]), label: label[1] ?? '', enabled: !/'enabled': <false>/.test(props) });
  }
  return { tray, items };
}

/** Clicks the tray menu item labelled `label` (dbusmenu Event "clicked"). */
export async function clickTrayItem(/** @type {string} */ label) {
  const { tray, items } = await trayMenu();
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no tray item "${label}"; have ${items.map((i) => i.label).join(' | ')}`);
  await gdbus('--dest', tray.dest, '--object-path', `${tray.path}/Menu`, '--method', 'com.canonical.dbusmenu.Event', '--', String(item.id), 'clicked', '<"">', '0');
}

/** How many notifications dunst is showing now. */
export async function notificationsShown() {
  const { stdout } = await run('dunstctl', ['count', 'displayed'], { env: process.env });
  return Number(stdout.trim());
}

/** Closes every notification dunst is showing. */
export async function closeAllNotifications() {
  await run('dunstctl', ['close-all'], { env: process.env });
}

/**
 * Clicks the button labelled `button` of the notification shown by dunst, through its
 * context menu. Returns the menu lines dunst offered.
 */
export async function clickNotificationButton(/** @type {string} */ button) {
  const log = path.join(WORK, 'dunst-menus.log');
  rmSync(log, { force: true });
  writeFileSync(path.join(WORK, 'dunst-choice'), `#${button} (`);
  await run('dunstctl', ['context'], { env: process.env });
  for (let i = 0; i < 50; i++) {
    const text = (() => {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    })();
    if (text) return text.split('\n').filter((l) => l.startsWith('#'));
    await pause(100);
  }
  throw new Error('dunst did not open its context menu');
}

/** The X id of the visible main window, or '' when it is hidden. */
export async function visibleMainWindow() {
  const ids = await xdotool('search', '--onlyvisible', '--name', '^Renewal Desk$').catch(() => '');
  return ids.split('\n').filter(Boolean).pop() ?? '';
}

/** Asks the main window to close, as a window manager's close button does. */
export async function closeWindowLikeAWindowManager(/** @type {string} */ id) {
  await run('python3', [path.join(BIN, 'wm-close.py'), id], { env: process.env });
}

/** Waits until `check` resolves truthy, polling every 100 ms, or throws `what`. */
export async function until(/** @type {() => Promise<unknown>} */ check, /** @type {string} */ what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await pause(100);
  }
}

/**
 * Drags `files` from a GTK drag source at the bottom right of the screen and drops them
 * on the app's window at (`x`, `y`), with the real pointer. Resolves when the drag ended.
 */
export async function dropFilesOnWindow(/** @type {string[]} */ files, x = 600, y = 400) {
  const source = spawn('/usr/bin/python3', [path.join(BIN, 'drag-source.py'), '1205', '700', ...files], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  source.stdout.on('data', (d) => {
    out += String(d);
  });
  try {
    await until(async () => out.includes('ready'), 'the drag source is shown', 10_000);
    await xdotool('mousemove', '1305', '760');
    await pause(300);
    await xdotool('mousedown', '1');
    // Past GTK's drag threshold, then across to the target, as a hand would.
    for (const [mx, my] of [
      [1300, 755],
      [1290, 745],
      [1260, 700],
      [1180, 600],
      [1000, 500],
      [800, 450],
      [x, y],
    ]) {
      await xdotool('mousemove', String(mx), String(my));
      await pause(80);
    }
    await pause(400);
    await xdotool('mouseup', '1');
    await until(async () => out.includes('drag ended'), 'the drag ended', 10_000);
  } finally {
    source.kill();
  }
}

/**
 * Makes a stand-in PDF viewer the desktop's default for application/pdf in the app's HOME
 * (E2E_HOME): a desktop entry and mimeapps.list, as a user's desktop has them, so the
 * app's "Open in PDF viewer" goes through xdg-open to it. The viewer writes each file it
 * is asked to open to the returned file.
 */
export function installPdfViewer() {
  const home = process.env.E2E_HOME;
  if (!home) throw new Error('E2E_HOME is not set; run scripts/e2e.sh');
  const record = path.join(WORK, 'pdf-viewer-opened.txt');
  const viewer = path.join(WORK, 'pdf-viewer.sh');
  writeFileSync(viewer, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${record}'\n`);
  chmodSync(viewer, 0o755);
  const apps = path.join(home, '.local/share/applications');
  mkdirSync(apps, { recursive: true });
  writeFileSync(
    path.join(apps, 'e2e-pdf-viewer.desktop'),
    `[Desktop Entry]\nType=Application\nName=E2E PDF viewer\nExec=${viewer} %f\nMimeType=application/pdf;\nNoDisplay=true\n`,
  );
  mkdirSync(path.join(home, '.config'), { recursive: true });
  writeFileSync(path.join(home, '.config/mimeapps.list'), '[Default Applications]\napplication/pdf=e2e-pdf-viewer.desktop\n');
  rmSync(record, { force: true });
  return record;
}

/** The lines of `file`, or [] while it does not exist. */
export function linesOf(/** @type {string} */ file) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
