import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, toBackendError } from '../backend';

/** Import documents. Phase 1: the file dialog round trip. */
export function Import(): JSX.Element {
  const [files, setFiles] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setFiles(await backend.pickImportFiles());
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="view" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Import
        </h1>
        <p class="muted">Markdown documents with agreement tables.</p>
      </header>
      <div class="card">
        <button type="button" class="primary" onClick={() => void choose()} disabled={busy}>
          {busy ? 'Waiting for the dialog…' : 'Choose files…'}
        </button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {files.length > 0 && (
          <>
            <h2>Chosen</h2>
            <ul class="file-list" data-testid="chosen-files">
              {files.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
