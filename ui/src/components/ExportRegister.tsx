import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, toBackendError, type ExportFormat } from '../backend';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'xlsx', label: 'Excel (.xlsx)' },
  { value: 'csv', label: 'CSV (.csv)' },
];

/** The format a chosen path asks for by its extension, else `fallback`. */
export function formatOf(path: string, fallback: ExportFormat): ExportFormat {
  const ext = path.split('.').pop()?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : fallback;
}

/**
 * "Export register": every agreement as one row of a spreadsheet (.xlsx or .csv), with its
 * status and next deadline as of the as-of date, written where the save dialog says; then
 * where it was written, and a button to open it. The file re-imports to no change
 * (docs/register.md, "Export").
 */
export function ExportRegister({ asOf }: { asOf: string | null }): JSX.Element {
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [written, setWritten] = useState<{ path: string; agreements: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(): Promise<void> {
    setError(null);
    setWritten(null);
    setBusy(true);
    try {
      const path = await backend.pickSavePath(`agreements-register${asOf ? `-${asOf}` : ''}.${format}`);
      if (path) {
        const r = await backend.exportRegister(path, formatOf(path, format));
        setWritten({ path: r.path, agreements: r.agreements });
      }
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="export-register" data-testid="export-register">
      <div class="inline-form">
        <label>
          <span>Export register as</span>
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)} data-testid="export-format">
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void run()} disabled={busy} data-testid="export-register-button">
          {busy ? 'Exporting…' : 'Export register…'}
        </button>
      </div>
      {written && (
        <p class="notice" role="status" data-testid="export-register-done">
          Register saved: {written.agreements === 1 ? '1 agreement' : `${written.agreements.toLocaleString('en-GB')} agreements`} to{' '}
          <code>{written.path}</code>.{' '}
          <button type="button" class="link-button" onClick={() => void backend.openInViewer(written.path).catch((e: unknown) => setError(toBackendError(e).message))}>
            Open it
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
