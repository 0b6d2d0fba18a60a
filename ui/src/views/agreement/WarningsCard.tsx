import type { JSX } from 'preact';
import { backend, type AgreementDetail } from '../../backend';
import type { PageAction } from './usePageAction';

/** What the importer asks a person to confirm, each with Confirmed; and the engine's notes. */
export function WarningsCard({ id, detail, action }: { id: number; detail: AgreementDetail; action: PageAction }): JSX.Element | null {
  if (detail.warnings.length === 0 && detail.notes.length === 0) return null;
  return (
    <section class="card warning-card" aria-labelledby="warnings-title" data-testid="warnings">
      <h2 id="warnings-title">To confirm</h2>
      <p class="muted small">Editing a field answers what is asked about it; after checking the document, Confirmed takes an item off.</p>
      <ul class="warnings">
        {detail.warnings.map((w, i) => (
          <li key={`w${i}:${w.code}`} data-testid="warning" data-code={w.code}>
            {w.line !== null && <span class="mono">line {w.line}: </span>}
            {w.message}{' '}
            <button
              type="button"
              class="link-button"
              disabled={action.busy}
              aria-label={`Confirm: ${w.message}`}
              title="Checked against the document: take it off the list (the history keeps it)"
              onClick={() => void action.run(() => backend.confirmWarning(id, i), `Confirmed: “${w.message}”. The history keeps it.`)}
            >
              Confirmed
            </button>
          </li>
        ))}
        {detail.notes.map((n, i) => (
          <li key={`n${i}`}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
