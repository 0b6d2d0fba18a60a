import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { emit } from '@tauri-apps/api/event';
import type { AppInfo } from '../bindings';
import { Settings } from './Settings';
import { TEST_INFO, TEST_SETTINGS, button, invalidAt, mockShell, settle, typeInto, waitFor, testRoot } from '../test-support';

const root = testRoot();
let infos: AppInfo[];
beforeEach(() => {
  infos = [];
  document.documentElement.removeAttribute('data-theme');
  localStorage.clear();
});

function mount(info: AppInfo = TEST_INFO): void {
  act(() => render(<Settings info={info} onInfo={(i) => infos.push(i)} />, root));
}

describe('Settings', () => {
  it('shows a reminder run started from the tray or the scheduler', async () => {
    let run: unknown = null;
    mockShell({ last_reminder_run: () => run });
    mount();
    const last = await waitFor(() => root.querySelector('[data-testid="last-run"]'));
    expect(last.textContent).toBe('No run yet.');
    run = { reason: 'manual', finishedAt: '2026-11-23T10:00:00+00:00', notified: 1, failed: 0, failure: null, nextDeadline: null };
    await act(async () => {
      await emit('reminders-ran', run);
      await settle();
    });
    await waitFor(() => last.textContent?.startsWith('Last run: manual, 1 reminder(s) sent'));
  });

  it('saves the reminder ladder and explains a bad one', async () => {
    const { log } = mockShell({
      set_ladder: (args) => {
        const { ladder } = args as { ladder: string };
        if (ladder.includes('soon')) throw invalidAt({ field: 'ladder' }, 'invalid ladder: "soon" is not a number of days; expected e.g. 90,60,30,14,7,3,1,0', '"soon" is not a number of days; expected e.g. 90,60,30,14,7,3,1,0');
        return { ...TEST_SETTINGS, ladder: [30, 7, 0], ladder_is_default: false };
      },
    });
    mount();
    const input = await waitFor(() => {
      const i = root.querySelector<HTMLInputElement>('#ladder');
      return i && i.value === '90, 60, 30, 14, 7, 3, 1, 0' ? i : null;
    });
    typeInto(input, '30, soon');
    act(() => button(root, 'Save').click());
    const help = await waitFor(() => {
      const h = root.querySelector('#ladder-help');
      return h?.classList.contains('error') ? h : null;
    });
    expect(help.textContent).toContain('"soon" is not a number of days');
    typeInto(input, '30, 7, 0');
    act(() => button(root, 'Save').click());
    await waitFor(() => root.querySelector('[data-testid="settings-notice"]'));
    expect(input.value).toBe('30, 7, 0');
    expect(log.filter((c) => c.cmd === 'set_ladder').map((c) => c.args['ladder'])).toEqual(['30, soon', '30, 7, 0']);
    expect(button(root, 'Reset to 90, 60, 30, 14, 7, 3, 1, 0')).toBeTruthy();
  });

  it('sets a what-if date and hands the new app info up', async () => {
    mockShell({ set_as_of: (args) => ({ ...TEST_INFO, asOf: (args as { date: string }).date, whatIf: true }) });
    mount();
    const input = await waitFor(() => root.querySelector<HTMLInputElement>('#as-of'));
    typeInto(input, '2027-09-20');
    act(() => button(root, 'Show as of this date').click());
    await waitFor(() => infos.length === 1);
    expect(infos[0]).toMatchObject({ asOf: '2027-09-20', whatIf: true });
  });

  it('switches business-day adjustment, paper size and theme', async () => {
    const { log } = mockShell({
      set_business_day_adjustment: (args) => ({ ...TEST_SETTINGS, business_day_adjustment: (args as { on: boolean }).on }),
      set_paper: (args) => ({ ...TEST_SETTINGS, paper: (args as { paper: 'a4' | 'letter' }).paper }),
    });
    mount();
    const letter = await waitFor(() => root.querySelector<HTMLInputElement>('input[name="paper"][value="letter"]:not(:disabled)'));
    act(() => letter.click());
    await waitFor(() => log.some((c) => c.cmd === 'set_paper'));
    expect(log.find((c) => c.cmd === 'set_paper')?.args).toEqual({ paper: 'letter' });
    const adjust = root.querySelector<HTMLInputElement>('.card input[type="checkbox"]') as HTMLInputElement;
    act(() => adjust.click());
    await waitFor(() => log.some((c) => c.cmd === 'set_business_day_adjustment'));
    expect(log.find((c) => c.cmd === 'set_business_day_adjustment')?.args).toEqual({ on: false, applyToExisting: false });
    act(() => root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')?.click());
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(localStorage.getItem('renewal-desk.theme')).toBe('dark');
  });

  it('exports the calendar and backs up to files chosen in the save dialog', async () => {
    const { log } = mockShell({
      pick_save_path: (args) => `/home/u/${(args as { suggestedName: string }).suggestedName}`,
      export_calendar: () => ({ agreements: 3, events: 19, alarms: 96 }),
      backup_database: () => null,
    });
    mount();
    act(() => button(root, 'Export calendar (.ics)…').click());
    const notice = await waitFor(() => root.querySelector('[data-testid="settings-notice"]'));
    expect(notice.textContent).toBe(
      'Calendar saved: 19 events with 96 alarms from 3 agreements, to /home/u/renewal-deadlines.ics.',
    );
    act(() => button(root, 'Back up database…').click());
    await waitFor(() => root.querySelector('[data-testid="settings-notice"]')?.textContent?.startsWith('Backup saved'));
    expect(log.find((c) => c.cmd === 'backup_database')?.args).toEqual({ path: '/home/u/renewal-desk-backup-2027-10-01.db' });
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const { calls } = mockShell({ pick_save_path: () => null });
    mount();
    act(() => button(root, 'Back up database…').click());
    await waitFor(() => calls.includes('pick_save_path'));
    expect(calls).not.toContain('backup_database');
  });
});
