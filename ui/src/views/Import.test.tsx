import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ImportProgress, ImportReport } from '../bindings';
import { Import } from './Import';
import { FIXTURES, mockShell, waitFor, testRoot } from '../test-support';

const root = testRoot();

const REPORT: ImportReport = {
  ...FIXTURES.importReport,
  failed: 1,
  results: [
    ...FIXTURES.importReport.results,
    {
      file: 'scan.md',
      path: '/home/u/scan.md',
      imported: null,
      warnings: [],
      error: { line: 2, field: null, message: 'binary file (contains NUL bytes); expected a Markdown text document' },
    },
  ],
};

describe('Import', () => {
  it('imports a batch with progress and shows a result per file, with warnings and errors', async () => {
    const seen: ImportProgress[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { log } = mockShell({
      import_files: async (args) => {
        const { onProgress } = args as unknown as { onProgress: { onmessage: (p: ImportProgress) => void } };
        onProgress.onmessage({ phase: 'reading', done: 2, total: 4, file: 'aws-peru-mifibra.md' });
        await gate;
        return REPORT;
      },
    });
    const paths = ['/home/u/aws-chile-wom.md', '/home/u/aws-peru-mifibra.md', '/home/u/microsoft-peru-mifibra.md', '/home/u/scan.md'];
    act(() =>
      render(<Import pending={{ paths, rejected: ['/home/u/photo.png'], serial: 1 }} onChoose={() => undefined} navigate={() => undefined} />, root),
    );
    const progress = await waitFor(() => root.querySelector('[data-testid="import-progress"]'));
    await waitFor(() => progress.textContent?.includes('Reading 2 of 4: aws-peru-mifibra.md'));
    seen.push({ phase: 'reading', done: 2, total: 4, file: '' });
    expect(root.querySelector('progress')?.getAttribute('value')).toBe('50');
    release();
    const report = await waitFor(() => root.querySelector('[data-testid="import-report"]'));
    expect(report.querySelector('h2')?.textContent).toBe('3 imported · 0 updated · 0 unchanged · 1 failed');
    const results = Array.from(report.querySelectorAll('[data-testid="import-result"]'));
    expect(results).toHaveLength(4);
    const chile = results.find((r) => r.getAttribute('data-file') === 'aws-chile-wom.md');
    expect(chile?.textContent).toContain('Imported');
    expect(chile?.querySelectorAll('.warnings li')).toHaveLength(3);
    const scan = results.find((r) => r.getAttribute('data-file') === 'scan.md');
    expect(scan?.textContent).toContain('Not imported — nothing of it was stored');
    expect(scan?.textContent).toContain('line 2: binary file');
    expect(root.textContent).toContain('photo.png');
    expect(log.find((c) => c.cmd === 'import_files')?.args['paths']).toEqual(paths);
    expect(root.querySelector('[data-testid="import-progress"]')).toBeNull();
  });

  it('offers the agreements with something to confirm for review', async () => {
    const went: unknown[] = [];
    mockShell({ import_files: () => REPORT });
    act(() =>
      render(<Import pending={{ paths: ['/a.md'], rejected: [], serial: 3 }} onChoose={() => undefined} navigate={(r) => went.push(r)} />, root),
    );
    const offer = await waitFor(() => root.querySelector<HTMLButtonElement>('[data-testid="review-offer"]'));
    const withWarnings = REPORT.results.filter((r) => r.imported && r.warnings.length > 0);
    expect(withWarnings.length).toBeGreaterThan(0);
    expect(offer.textContent).toBe(`${withWarnings.length} agreement${withWarnings.length === 1 ? '' : 's'} to review`);
    act(() => offer.click());
    expect(went).toEqual([{ view: 'review', id: withWarnings[0]?.imported?.id }]);
  });

  it('imports each batch once', async () => {
    const { calls } = mockShell({ import_files: () => FIXTURES.importReport });
    const pending = { paths: ['/a.md'], rejected: [], serial: 7 };
    act(() => render(<Import pending={pending} onChoose={() => undefined} navigate={() => undefined} />, root));
    await waitFor(() => root.querySelector('[data-testid="import-report"]'));
    act(() => render(<Import pending={pending} onChoose={() => undefined} navigate={() => undefined} />, root));
    await waitFor(() => true);
    expect(calls.filter((c) => c === 'import_files')).toHaveLength(1);
  });

  it('shows a refusal from the shell', async () => {
    mockShell({
      import_files: () => {
        throw { code: 'not_permitted', message: 'not permitted: /etc/passwd was not chosen in a file dialog' };
      },
    });
    act(() =>
      render(<Import pending={{ paths: ['/etc/passwd'], rejected: [], serial: 1 }} onChoose={() => undefined} navigate={() => undefined} />, root),
    );
    const alert = await waitFor(() => root.querySelector('[role="alert"]'));
    expect(alert.textContent).toContain('not chosen in a file dialog');
  });
});
