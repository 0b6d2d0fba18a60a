import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { App } from './App';
import { mockShell, settle } from './test-support';
import { viewFromHash } from './router';

let root: HTMLDivElement;
beforeEach(() => {
  window.location.hash = '';
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  clearMocks();
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
  });

  it('switches view from the sidebar and moves focus to the heading', async () => {
    mockShell();
    await mount();
    act(() => root.querySelector<HTMLAnchorElement>('[data-nav="agreements"]')?.click());
    await act(async () => settle());
    expect(heading()).toBe('Agreements');
    expect(window.location.hash).toBe('#/agreements');
    expect(document.activeElement?.id).toBe('view-title');
    expect(root.querySelector('[data-testid="app-shell"]')?.getAttribute('data-view')).toBe('agreements');
    expect(root.querySelector('.vt-body time')?.textContent).toBe('Thu 31 Dec 2026');
  });

  it('switches view with Alt+number', async () => {
    mockShell();
    await mount();
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: '4', altKey: true })));
    await act(async () => settle());
    expect(heading()).toBe('Settings');
  });

  it('shows the shell error code path in Settings when autostart fails', async () => {
    mockShell({
      get_autostart: () => {
        throw { code: 'autostart', message: 'launch at login: no autostart folder' };
      },
    });
    window.location.hash = '#/settings';
    await mount();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('no autostart folder');
  });

  it('runs reminders from Settings and shows the result', async () => {
    mockShell({ run_reminders_now: () => ({ reason: 'manual', finishedAt: '2027-10-01T09:00:00+00:00', notified: 0 }) });
    window.location.hash = '#/settings';
    await mount();
    const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Run reminders now');
    act(() => button?.click());
    await act(async () => settle());
    expect(root.querySelector('[data-testid="last-run"]')?.textContent).toBe(
      'Last run: manual, 0 reminder(s) sent, Fri 1 Oct 2027, 09:00',
    );
  });

  it('maps hashes to views', () => {
    expect(viewFromHash('#/import')).toBe('import');
    expect(viewFromHash('#/nope')).toBe('dashboard');
    expect(viewFromHash('')).toBe('dashboard');
  });
});
