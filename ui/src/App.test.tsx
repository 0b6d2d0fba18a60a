import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { App } from './App';
import { resetReadyForTests } from './lib/ready';
import { agreementsTable, FIXTURES, TEST_INFO, button, mockShell, settle, waitFor, testRoot } from './test-support';
import { routeFromHash, viewFromHash } from './router';

const root = testRoot();
beforeEach(() => {
  window.location.hash = '';
  resetReadyForTests();
});

async function mount(): Promise<void> {
  act(() => render(<App />, root));
  await act(async () => settle());
}

const heading = () => root.querySelector('h1')?.textContent;

describe('app shell', () => {
  it('opens on the dashboard with the fixed as-of date shown', async () => {
    const { calls } = mockShell();
    await mount();
    expect(heading()).toBe('Dashboard');
    expect(root.querySelector('[aria-current="page"]')?.textContent).toBe('Dashboard');
    const banner = root.querySelector('.banner');
    expect(banner?.textContent).toContain('Fri 1 Oct 2027');
    expect(banner?.querySelector('time')?.getAttribute('title')).toBe('2027-10-01');
    expect(calls).toContain('app_info');
    expect(calls).toContain('dashboard');
  });

  it('switches view from the sidebar (loading its code) and moves focus to the heading', async () => {
    mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    await mount();
    act(() => root.querySelector<HTMLAnchorElement>('[data-nav="agreements"]')?.click());
    await waitFor(() => heading() === 'Agreements');
    expect(window.location.hash).toBe('#/agreements');
    expect(root.querySelector('[data-testid="app-shell"]')?.getAttribute('data-view')).toBe('agreements');
    await waitFor(() => root.querySelectorAll('.vt-body [role="row"]').length === 3);
    await waitFor(() => document.activeElement?.id === 'view-title');
  });

  it('switches view with Alt+number', async () => {
    mockShell();
    await mount();
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: '5', altKey: true })));
    await waitFor(() => heading() === 'Settings');
  });

  it('shows the shell error code path in Settings when autostart fails', async () => {
    mockShell({
      get_autostart: () => {
        throw { code: 'autostart', message: 'launch at login: no autostart folder' };
      },
    });
    window.location.hash = '#/settings';
    await mount();
    const alert = await waitFor(() => root.querySelector('[role="alert"]'));
    expect(alert.textContent).toContain('no autostart folder');
  });

  it('runs reminders from Settings and shows the result', async () => {
    mockShell({
      run_reminders_now: () => ({
        reason: 'manual',
        finishedAt: '2027-10-01T09:00:00+00:00',
        notified: 2,
        failed: 0,
        failure: null,
        nextDeadline: null,
      }),
    });
    window.location.hash = '#/settings';
    await mount();
    const run = await waitFor(() => Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Run reminders now'));
    act(() => run.click());
    await waitFor(() => root.querySelector('[data-testid="last-run"]')?.textContent?.startsWith('Last run: manual'));
    expect(root.querySelector('[data-testid="last-run"]')?.textContent).toBe(
      'Last run: manual, 2 reminder(s) sent, Fri 1 Oct 2027, 09:00',
    );
  });

  it('shows a what-if banner on every screen while set, and goes back to today', async () => {
    let info = { ...TEST_INFO, realTodayIsFixed: false, realToday: '2026-11-23', asOf: '2027-09-20', whatIf: true };
    const { calls } = mockShell({
      app_info: () => info,
      set_as_of: (args) => {
        expect(args).toEqual({ date: null });
        info = { ...info, asOf: '2026-11-23', whatIf: false };
        return info;
      },
    });
    await mount();
    const banner = await waitFor(() => root.querySelector('[data-testid="what-if-banner"]'));
    expect(banner.textContent).toContain('Mon 20 Sep 2027');
    expect(banner.textContent).toContain('Mon 23 Nov 2026');
    act(() => root.querySelector<HTMLAnchorElement>('[data-nav="import"]')?.click());
    await waitFor(() => heading() === 'Import');
    expect(root.querySelector('[data-testid="what-if-banner"]')).not.toBeNull();
    act(() => button(banner, 'Back to today').click());
    await waitFor(() => root.querySelector('[data-testid="what-if-banner"]') === null);
    expect(calls).toContain('set_as_of');
  });

  it('imports files dropped on the window (paths granted by the shell)', async () => {
    let imported: unknown;
    let ready = false;
    clearMocks();
    mockIPC(
      (cmd, args) => {
        if (cmd === 'ui_ready') ready = true;
        if (cmd === 'app_info') return TEST_INFO;
        if (cmd === 'dashboard') return FIXTURES.dashboard;
        if (cmd === 'ui_ready') return null;
        if (cmd === 'import_files') {
          imported = (args as { paths: string[] }).paths;
          return FIXTURES.importReport;
        }
        throw { code: 'internal', message: `unmocked ${cmd}` };
      },
      { shouldMockEvents: true },
    );
    await mount();
    // Drops are listened to once the first screen has painted.
    await waitFor(() => ready);
    await act(async () => settle(5));
    await act(async () => {
      await emit('files-dropped', { accepted: ['/home/u/a.md', '/home/u/b.md'], rejected: ['/home/u/photo.png'] });
      await settle();
    });
    await waitFor(() => heading() === 'Import');
    await waitFor(() => root.querySelector('[data-testid="import-report"]'));
    expect(imported).toEqual(['/home/u/a.md', '/home/u/b.md']);
    expect(root.textContent).toContain('photo.png');
  });

  it("leads the first run's \"Import a register\" to the register dialog and the mapping step", async () => {
    const { calls, log } = mockShell({
      pick_register_file: () => '/home/u/register.csv',
      preview_register: () => ({
        file: 'register.csv',
        sheet: null,
        header_row: 1,
        columns: [
          { index: 0, letter: 'A', header: 'Contract', detected: 'title', meaning: 'title' },
          { index: 1, letter: 'B', header: 'Start date', detected: 'effective', meaning: 'effective' },
        ],
        rows: [[2, ['Lima Cold Storage', '2024-04-01']]],
        data_rows: 1,
        remembered: false,
      }),
    });
    await mount();
    const way = await waitFor(() => root.querySelector('[data-testid="way-register"]'));
    act(() => button(way, 'Import a register').click());
    await waitFor(() => heading() === 'Import');
    await waitFor(() => root.querySelector('[data-testid="register-preview"]'));
    expect(calls).toContain('pick_register_file');
    expect(log.find((c) => c.cmd === 'preview_register')?.args).toEqual({ path: '/home/u/register.csv' });
    expect(root.querySelector('[data-testid="register-mapping"]')?.textContent).toContain('register.csv');
  });

  it("opens the agreement a notification's button asks for", async () => {
    const { calls } = mockShell({ agreement_page: () => FIXTURES.page });
    await mount();
    await waitFor(() => calls.includes('ui_ready'));
    await act(async () => settle(5));
    await act(async () => {
      await emit('open-agreement', { id: 3 });
      await settle();
    });
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    expect(window.location.hash).toBe('#/agreements/3');
  });

  it('tells the shell when the dashboard has drawn its data (once)', async () => {
    const { calls } = mockShell({ dashboard: () => FIXTURES.dashboard });
    await mount();
    await waitFor(() => calls.includes('ui_ready'));
    expect(root.querySelector('[data-testid="decision"]')).not.toBeNull();
    expect(calls.filter((c) => c === 'ui_ready')).toHaveLength(1);
    expect(calls.indexOf('dashboard')).toBeLessThan(calls.indexOf('ui_ready'));
  });

  it('maps hashes to routes', () => {
    expect(viewFromHash('#/import')).toBe('import');
    expect(routeFromHash('#/review/4')).toEqual({ view: 'review', id: 4 });
    expect(routeFromHash('#/review')).toEqual({ view: 'review' });
    expect(viewFromHash('#/nope')).toBe('dashboard');
    expect(viewFromHash('')).toBe('dashboard');
    expect(routeFromHash('#/agreements/12')).toEqual({ view: 'agreements', id: 12 });
    expect(routeFromHash('#/agreements/x')).toEqual({ view: 'agreements' });
  });
});
