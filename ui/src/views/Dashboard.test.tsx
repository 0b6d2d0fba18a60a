import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { emit } from '@tauri-apps/api/event';
import { Dashboard } from './Dashboard';
import { resetReadyForTests } from '../lib/ready';
import type { PageId, Route } from '../router';
import { EMPTY_DASHBOARD, FIXTURES, TEST_INFO, button, mockShell, settle, waitFor, testRoot } from '../test-support';

const root = testRoot();
let went: (Route | PageId)[];
let imports: number;
let registers: number;
beforeEach(() => {
  resetReadyForTests();
  went = [];
  imports = 0;
  registers = 0;
});

function mount(): void {
  act(() =>
    render(
      <Dashboard info={{ ...TEST_INFO, asOf: '2026-11-23' }} navigate={(r) => went.push(r)} onImport={() => (imports += 1)} onImportRegister={() => (registers += 1)} />,
      root,
    ),
  );
}

describe('Dashboard (the worked example, as of 2026-11-23)', () => {
  it("shows Microsoft Peru's notice deadline with days left and what happens if nobody acts", async () => {
    mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    await waitFor(() => root.querySelector('[data-testid="decision"]'));
    const decision = root.querySelector('[data-testid="decision"][data-agreement="3"]');
    if (!decision) throw new Error('no decision for Microsoft Peru');
    expect(decision.textContent).toContain('Let it renew on Sat 1 Jan 2028, or stop the renewal by serving notice of non-renewal');
    expect(decision.querySelector('[data-testid="decision-value"]')?.textContent).toContain('At stake: S/ 15,000,000');
    const time = decision.querySelector('time');
    expect(time?.textContent).toBe('Fri 1 Oct 2027');
    expect(time?.getAttribute('dateTime')).toBe('2027-10-01');
    expect(time?.getAttribute('title')).toMatch(/^2027-10-01 · Last day to serve non-renewal notice/);
    expect(decision.textContent).toContain('in 312 days');
    expect(decision.textContent).toContain('Microsoft Peru Partnership Agreement');
    expect(decision.textContent).toContain('Microsoft Corporation');
    expect(decision.textContent).toContain('(from Sat 2 Oct 2027, not a business day)');
    expect(decision.textContent).toContain(
      'If nobody acts: renews on Sat 1 Jan 2028 for 12 months with a price review',
    );
  });

  it('shows the internal decide-by date beside the legal one, the owner and the next step (issue 16 item 3)', async () => {
    mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    await waitFor(() => root.querySelector('[data-testid="decision"]'));
    const decision = root.querySelector('[data-testid="decision"][data-agreement="3"]');
    if (!decision) throw new Error('no decision for Microsoft Peru');
    // The legal date stays the headline; the internal date is beside it, labelled so.
    expect(decision.querySelector('.decision-date time')?.textContent).toBe('Fri 1 Oct 2027');
    expect(decision.querySelector('[data-testid="decision-decide-by"]')?.textContent).toBe(
      'Decide by (internal, 30 days ahead): Wed 1 Sep 2027',
    );
    expect(decision.querySelector('[data-testid="decision-owner"]')?.textContent).toContain('owner Commercial Director');
    expect(decision.querySelector('[data-testid="decision-next"]')?.textContent).toBe(
      'Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027',
    );
    // A decide-by date that has not been set off shows on every open decision.
    const items = root.querySelectorAll('[data-testid="decision"]');
    expect(root.querySelectorAll('[data-testid="decision-next"]').length).toBe(items.length);
  });

  it('shows counts at a glance and the overdue, coming-up and recently-closed lists', async () => {
    mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    await waitFor(() => root.querySelector('[data-testid="decision"]'));
    const count = (k: string) => root.querySelector(`[data-testid="count-${k}"] .count-value`)?.textContent;
    expect(count('agreements')).toBe('3');
    expect(root.querySelector('[data-testid="count-agreements"]')?.textContent).toContain('1 active · 2 expired');
    // Both AWS agreements expired with their migration window open, and Microsoft Peru.
    expect(count('decisions')).toBe('3');
    // Money at stake within 90 days, one sum per currency (issue 16 item 6).
    expect(root.querySelector('[data-testid="count-decisions"]')?.textContent).toContain('S/\u00a012,000,000 + US$\u00a012,000,000 at stake');
    const decisions = root.querySelectorAll('[data-testid="decision"]');
    expect(decisions).toHaveLength(3);
    expect(decisions[0]?.textContent).toContain('Thu 24 Dec 2026');
    expect(decisions[0]?.textContent).toContain('the window closes Sun 27 Dec 2026; last business day to act within it');
    expect(decisions[0]?.textContent).toContain('If nobody acts: expired on Tue 30 Jun 2026; migration (assisted) closes Sun 27 Dec 2026');
    expect(count('overdue')).toBe('5');
    expect(count('to-confirm')).toBe('2');
    const lines = (id: string) => root.querySelectorAll(`[data-testid="${id}"] [data-testid="dashboard-line"]`);
    expect(lines('overdue')).toHaveLength(5);
    expect(lines('upcoming')).toHaveLength(2);
    expect(lines('upcoming')[0]?.textContent).toContain('Fri 1 Jan 2027');
    expect(lines('upcoming')[0]?.textContent).toContain('locked in: its notice deadline has passed, so it renews that day');
    const closed = lines('recently-closed');
    expect(closed).toHaveLength(3);
    expect(closed[0]?.textContent).toContain('notice window closed: the renewal on Fri 1 Jan 2027 is locked in');
  });

  it('opens an agreement from the dashboard', async () => {
    mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    const link = await waitFor(() => root.querySelector<HTMLAnchorElement>('[data-testid="decision"][data-agreement="3"] a'));
    act(() => link.click());
    expect(went).toEqual([{ view: 'agreements', id: 3 }]);
  });

  it('signals the first paint only after the data is drawn', async () => {
    const { calls } = mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    await waitFor(() => calls.includes('ui_ready'));
    expect(root.querySelector('[data-testid="decision"]')).not.toBeNull();
  });

  it('reloads when a reminder run or a notification button changed what is due', async () => {
    const { calls } = mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    await waitFor(() => calls.includes('ui_ready'));
    await act(async () => settle(5));
    await act(async () => {
      await emit('data-changed', null);
      await emit('reminders-ran', { reason: 'hourly', finishedAt: '2026-11-23T10:00:00+00:00', notified: 1, failed: 0, failure: null, nextDeadline: null });
      await settle();
    });
    await waitFor(() => calls.filter((c) => c === 'dashboard').length === 3);
  });

  it('offers "Import agreements" and "Load sample agreements" on first run', async () => {
    let loaded = false;
    const { calls } = mockShell({
      dashboard: () => (loaded ? FIXTURES.dashboard : EMPTY_DASHBOARD),
      load_samples: () => {
        loaded = true;
        return FIXTURES.importReport;
      },
    });
    mount();
    const empty = await waitFor(() => root.querySelector('[data-testid="empty-state"]'));
    act(() => button(empty, 'Import agreements').click());
    expect(imports).toBe(1);
    act(() => button(empty, 'Load sample agreements').click());
    await waitFor(() => root.querySelector('[data-testid="decision"]'));
    expect(calls).toContain('load_samples');
    expect(calls.filter((c) => c === 'dashboard')).toHaveLength(2);
  });

  it('offers the three ways in on first run: documents, a register, an agreement by hand', async () => {
    mockShell({ dashboard: () => EMPTY_DASHBOARD });
    mount();
    const empty = await waitFor(() => root.querySelector('[data-testid="empty-state"]'));
    const ways = Array.from(empty.querySelectorAll('.way h3')).map((h) => h.textContent);
    expect(ways).toEqual(['Documents', 'A register', 'By hand']);
    act(() => button(empty, 'Import a register').click());
    expect(registers).toBe(1);
    act(() => button(empty, 'New agreement').click());
    expect(went).toEqual([{ view: 'import' }]);
    act(() => button(empty, 'Import agreements').click());
    expect(imports).toBe(1);
  });

  it('opens the review queue from the "To confirm" count', async () => {
    mockShell({ dashboard: () => FIXTURES.dashboard });
    mount();
    const count = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="count-to-confirm"]'));
    expect(count.tagName).toBe('BUTTON');
    expect(count.querySelector('.count-value')?.textContent).toBe(String(FIXTURES.dashboard.counts.with_warnings));
    act(() => count.click());
    expect(went).toEqual([{ view: 'review' }]);
  });

  it('shows an error from the shell', async () => {
    mockShell({
      dashboard: () => {
        throw { code: 'schema', message: 'database schema: written by a newer version', reason: 'database schema: written by a newer version', location: null };
      },
    });
    mount();
    const alert = await waitFor(() => root.querySelector('[role="alert"]'));
    expect(alert.textContent).toContain('written by a newer version');
  });
});
