import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type FileResult, type ImportProgress, type ImportReport } from '../backend';
import type { PendingImport } from '../App';
import type { Route } from '../router';
import { NewAgreementCard } from './NewAgreementCard';
import { RegisterImport, type PendingRegister } from './RegisterImport';

interface Props {
  /** A batch to import now (from the dialog or a drop). */
  pending: PendingImport | null;
  /** Opens the file dialog. */
  onChoose: () => void;
  /** A register chosen in its dialog, to preview now. */
  pendingRegister?: PendingRegister | null;
  /** Opens the register dialog. */
  onChooseRegister?: () => void;
  navigate: (r: Route) => void;
}

const ACTION_TEXT = { created: 'Imported', updated: 'Updated (new version)', unchanged: 'Already imported, unchanged' } as const;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function Result({ r, navigate }: { r: FileResult; navigate: (r: Route) => void }): JSX.Element {
  const ok = r.imported !== null;
  return (
    <li class={`result ${ok ? 'result-ok' : 'result-failed'}`} data-testid="import-result" data-file={r.file}>
      <div class="result-head">
        <span class="result-icon" aria-hidden="true">
          {ok ? '✓' : '✕'}
        </span>
        <span class="result-file" title={r.path || r.file}>
          {r.file}
        </span>
        {r.imported ? (
          <>
            <span class="result-action">{ACTION_TEXT[r.imported.action]}</span>
            <a
              href={`#/agreements/${r.imported.id}`}
              onClick={(e) => {
                e.preventDefault();
                if (r.imported) navigate({ view: 'agreements', id: r.imported.id });
              }}
            >
              {r.imported.title}
            </a>
          </>
        ) : (
          <span class="result-action error">Not imported — nothing of it was stored</span>
        )}
      </div>
      {r.error && (
        <p class="result-error" role="alert">
          {r.error.line !== null && <span class="mono">line {r.error.line}: </span>}
          {r.error.field && <strong>{r.error.field}: </strong>}
          {r.error.message}
        </p>
      )}
      {r.warnings.length > 0 && (
        <ul class="warnings" aria-label={`${r.warnings.length} warnings`}>
          {r.warnings.map((w, i) => (
            <li key={i}>
              {w.line !== null && <span class="mono">line {w.line}: </span>}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * "N agreements to review": the agreements this import stored with something to confirm;
 * opens the review of the first (its "Next agreement" moves through the review queue).
 */
function ReviewOffer({ report, navigate }: { report: ImportReport; navigate: (r: Route) => void }): JSX.Element | null {
  const ids = report.results.flatMap((r) => (r.imported && r.imported.action !== 'unchanged' && r.warnings.length > 0 ? [r.imported.id] : []));
  const first = ids[0];
  if (first === undefined) return null;
  return (
    <button type="button" class="primary" data-testid="review-offer" onClick={() => navigate({ view: 'review', id: first })}>
      {ids.length} {ids.length === 1 ? 'agreement' : 'agreements'} to review
    </button>
  );
}

/**
 * Import documents (the file dialog or a drop, progress for a batch, a result per file), a
 * register spreadsheet (its mapping step, a result per row), or an agreement by hand.
 */
export function Import({ pending, onChoose, pendingRegister = null, onChooseRegister = () => undefined, navigate }: Props): JSX.Element {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [rejected, setRejected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = useRef(0);

  async function run(batch: PendingImport): Promise<void> {
    setBusy(true);
    setError(null);
    setReport(null);
    setRejected(batch.rejected);
    setProgress({ phase: 'reading', done: 0, total: batch.paths.length, file: '' });
    try {
      if (batch.paths.length > 0) setReport(await backend.importFiles(batch.paths, setProgress));
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  useEffect(() => {
    if (pending && pending.serial !== done.current) {
      done.current = pending.serial;
      void run(pending);
    }
  }, [pending]);

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <section class="view" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Import
        </h1>
        <p class="muted">
          Agreement documents — Markdown, text, Word (.docx) or PDF with a text layer — one or many at a time; a register spreadsheet; or an
          agreement by hand.
        </p>
      </header>
      <div class="card import-card">
        <div class="drop-hint" aria-hidden="true">
          <svg viewBox="0 0 24 24" class="nav-icon big">
            <path d="M12 3v12M7 10l5 5 5-5M4 21h16" />
          </svg>
        </div>
        <p>Choose documents, or drop them (or a folder of them) anywhere on this window.</p>
        <button type="button" class="primary" onClick={onChoose} disabled={busy} data-testid="choose-files">
          {busy ? 'Importing…' : 'Choose files…'}
        </button>
        <p class="muted small">
          Each document is checked and stored on its own: one that fails is not stored at all and does not stop the others.
          Importing the same document again changes nothing.
        </p>
      </div>
      {progress && (
        <div class="card" data-testid="import-progress">
          <label class="progress-label" for="import-progress">
            {progress.phase === 'reading'
              ? `Reading ${progress.done} of ${progress.total}${progress.file ? `: ${progress.file}` : ''}`
              : progress.phase === 'storing'
                ? `Storing ${progress.total} document${progress.total === 1 ? '' : 's'}…`
                : 'Done'}
          </label>
          <progress id="import-progress" max={100} value={progress.phase === 'reading' ? pct : 100} />
        </div>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {rejected.length > 0 && (
        <div class="card">
          <h2>Not agreement documents</h2>
          <p class="muted">Only agreement documents (.md, .markdown, .txt, .docx, .pdf) are imported; these were left out:</p>
          <ul class="file-list">
            {rejected.map((p) => (
              <li key={p}>{baseName(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {report && (
        <section class="card" aria-labelledby="results-title" data-testid="import-report">
          <h2 id="results-title">
            {report.created} imported · {report.updated} updated · {report.unchanged} unchanged · {report.failed} failed
          </h2>
          <ul class="results">
            {report.results.map((r, i) => (
              <Result key={`${i}:${r.path}`} r={r} navigate={navigate} />
            ))}
          </ul>
          <div class="row">
            <ReviewOffer report={report} navigate={navigate} />
            {report.created + report.updated > 0 && (
              <button type="button" onClick={() => navigate({ view: 'dashboard' })}>
                Show the dashboard
              </button>
            )}
          </div>
        </section>
      )}
      <RegisterImport pending={pendingRegister} onChoose={onChooseRegister} navigate={navigate} />
      <NewAgreementCard navigate={navigate} />
    </section>
  );
}
