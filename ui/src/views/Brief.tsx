import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, toBackendError, type GeneratedBrief } from '../backend';

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The renewal brief of an agreement: generate it (a PDF in the app's cache folder),
 * then open it in the system's PDF viewer or save it where the user chooses.
 */
export function BriefActions({ id }: { id: number; title: string }): JSX.Element {
  const [brief, setBrief] = useState<GeneratedBrief | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(what: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  }

  const generate = (): Promise<void> =>
    run(async () => {
      setSaved(null);
      setBrief(await backend.generateBrief(id));
    });

  const saveAs = (b: GeneratedBrief): Promise<void> =>
    run(async () => {
      const path = await backend.pickSavePath(b.fileName);
      if (!path) return;
      await backend.saveBrief(id, path);
      setSaved(path);
    });

  return (
    <div class="brief" data-testid="brief">
      <button type="button" class="primary" onClick={() => void generate()} disabled={busy} data-testid="generate-brief">
        {busy && !brief ? 'Generating…' : brief ? 'Generate again' : 'Generate brief'}
      </button>
      {brief && (
        <div class="brief-ready" role="status">
          <span>
            Brief ready: <span class="mono" data-testid="brief-path" title={brief.path} data-path={brief.path}>
              {brief.fileName}
            </span>{' '}
            <span class="muted">({size(brief.bytes)})</span>
          </span>
          <span class="row">
            <button type="button" data-testid="open-brief" onClick={() => void run(() => backend.openInViewer(brief.path).then(() => undefined))}>
              Open in PDF viewer
            </button>
            <button type="button" onClick={() => void saveAs(brief)} data-testid="save-brief">
              Save as…
            </button>
          </span>
          {saved && (
            <span class="muted small" data-testid="brief-saved">
              Saved to {saved}{' '}
              <button type="button" class="link-button" onClick={() => void run(() => backend.openInViewer(saved).then(() => undefined))}>
                Open
              </button>
            </span>
          )}
        </div>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </div>
  );
}
