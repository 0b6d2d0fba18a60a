import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ExportRegister, formatOf } from './ExportRegister';
import { button, mockShell, typeInto, waitFor, testRoot } from '../test-support';

const root = testRoot();

describe('ExportRegister', () => {
  it('asks where to save, writes the register there and says where', async () => {
    const { log } = mockShell({
      pick_save_path: () => '/home/u/exports/agreements-register-2026-11-23.xlsx',
      export_register: (args) => ({ path: (args as { path: string }).path, agreements: 14 }),
    });
    act(() => render(<ExportRegister asOf="2026-11-23" />, root));
    act(() => button(root, 'Export register…').click());
    const done = await waitFor(() => root.querySelector('[data-testid="export-register-done"]'));
    expect(log.find((c) => c.cmd === 'pick_save_path')?.args).toEqual({ suggestedName: 'agreements-register-2026-11-23.xlsx' });
    expect(log.find((c) => c.cmd === 'export_register')?.args).toEqual({ path: '/home/u/exports/agreements-register-2026-11-23.xlsx', format: 'xlsx' });
    expect(done.textContent).toBe('Register saved: 14 agreements to /home/u/exports/agreements-register-2026-11-23.xlsx. Open it');
    expect(done.getAttribute('role')).toBe('status');
    act(() => button(done, 'Open it').click());
    await waitFor(() => log.some((c) => c.cmd === 'open_in_viewer'));
    expect(log.find((c) => c.cmd === 'open_in_viewer')?.args).toEqual({ path: '/home/u/exports/agreements-register-2026-11-23.xlsx' });
  });

  it('writes CSV when chosen, and nothing when the dialog is cancelled', async () => {
    let answer: string | null = null;
    const { log, calls } = mockShell({
      pick_save_path: () => answer,
      export_register: (args) => ({ path: (args as { path: string }).path, agreements: 1 }),
    });
    act(() => render(<ExportRegister asOf={null} />, root));
    const format = root.querySelector<HTMLSelectElement>('[data-testid="export-format"]');
    if (!format) throw new Error('no format select');
    typeInto(format, 'csv');
    act(() => button(root, 'Export register…').click());
    await waitFor(() => calls.includes('pick_save_path'));
    await waitFor(() => button(root, 'Export register…'));
    expect(calls).not.toContain('export_register');
    expect(log.find((c) => c.cmd === 'pick_save_path')?.args).toEqual({ suggestedName: 'agreements-register.csv' });
    answer = '/tmp/register.csv';
    act(() => button(root, 'Export register…').click());
    const done = await waitFor(() => root.querySelector('[data-testid="export-register-done"]'));
    expect(log.find((c) => c.cmd === 'export_register')?.args).toEqual({ path: '/tmp/register.csv', format: 'csv' });
    expect(done.textContent).toContain('Register saved: 1 agreement to /tmp/register.csv.');
  });

  it('shows a refusal from the shell', async () => {
    mockShell({
      pick_save_path: () => '/readonly/register.xlsx',
      export_register: () => {
        throw { code: 'io', message: '/readonly/register.xlsx: permission denied' };
      },
    });
    act(() => render(<ExportRegister asOf={null} />, root));
    act(() => button(root, 'Export register…').click());
    const alert = await waitFor(() => root.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('/readonly/register.xlsx: permission denied');
  });

  it('takes the format from the extension typed in the dialog', () => {
    expect(formatOf('/home/u/list.CSV', 'xlsx')).toBe('csv');
    expect(formatOf('/home/u/list.xlsx', 'csv')).toBe('xlsx');
    expect(formatOf('/home/u/list', 'csv')).toBe('csv');
  });
});
