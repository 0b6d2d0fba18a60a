import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  backend,
  toBackendError,
  type MappedColumn,
  type RegisterColumn,
  type RegisterPreview,
  type RegisterReport,
  type RowAction,
  type RowResult,
} from '../backend';
import type { Route } from '../router';

/** A register chosen in the open dialog, for the Import view to preview (`serial` tells two choices of one file apart). */
export interface PendingRegister {
  path: string;
  serial: number;
}

/**
 * What each meaning the core knows (`RegisterColumn`) is called in the mapping step, in
 * the core's order (`Column::ALL`); docs/register.md says how each is read. A `Record`, so
 * the type checker refuses a meaning left out.
 */
const MEANING_LABELS: Record<RegisterColumn, string> = {
  id: 'ID in the register',
  title: 'Title',
  counterparty: 'Counterparty',
  owner: 'Contract owner',
  owner_email: 'Owner email',
  effective: 'Effective date',
  expiry: 'End date (expiry of the current term)',
  term: 'Initial term',
  auto_renewal: 'Auto-renewal (yes/no)',
  renewal_period: 'Renewal period',
  notice: 'Non-renewal notice',
  convenience: 'Termination for convenience',
  value: 'Total value',
  currency: 'Currency',
  country: 'Country',
  notes: 'Notes',
};

/** The meanings offered in each column's list, in the core's order. */
export const MEANINGS = Object.keys(MEANING_LABELS) as RegisterColumn[];

/** The select's value for "ignore this column". */
const IGNORE = '';

const ACTION_TEXT: Record<RowAction, string> = {
  imported: 'Imported',
  updated: 'Updated',
  unchanged: 'Unchanged',
  refused: 'Refused — nothing of the row was stored',
};

const ACTION_ICON: Record<RowAction, string> = { imported: '✓', updated: '✓', unchanged: '=', refused: '✕' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The column's name for people: its letter and header ("B · End date"). */
function columnName(c: MappedColumn): string {
  return c.header.trim() ? `${c.letter} · ${c.header}` : `Column ${c.letter}`;
}

/**
 * What stops the import with this mapping: no title column, or one meaning given to two
 * columns (the core would read only the first). `null`: nothing.
 */
export function mappingProblem(columns: MappedColumn[], mapping: (RegisterColumn | null)[]): string | null {
  if (!mapping.includes('title')) return 'Choose the column that holds each agreement’s title: a row without one cannot be imported.';
  for (const meaning of MEANINGS) {
    const at = columns.filter((_, i) => mapping[i] === meaning);
    if (at.length > 1) {
      return `${at.map((c) => c.letter).join(' and ')} are both “${MEANING_LABELS[meaning]}”: only the first would be read. Set the others to Ignore.`;
    }
  }
  return null;
}

/** One row's result: what happened, its agreement, the changes, or why it was refused. */
function RowLine({ r, navigate }: { r: RowResult; navigate: (r: Route) => void }): JSX.Element {
  const refused = r.action === 'refused';
  return (
    <li class={`result ${refused ? 'result-failed' : r.action === 'unchanged' ? 'result-same' : 'result-ok'}`} data-testid="register-row" data-row={r.row} data-action={r.action}>
      <div class="result-head">
        <span class="result-icon" aria-hidden="true">
          {ACTION_ICON[r.action]}
        </span>
        <span class="result-file">Row {r.row}</span>
        <span class={`result-action${refused ? ' error' : ''}`}>{ACTION_TEXT[r.action]}</span>
        {r.agreement_id !== null ? (
          <a
            href={`#/agreements/${r.agreement_id}`}
            onClick={(e) => {
              e.preventDefault();
              if (r.agreement_id !== null) navigate({ view: 'agreements', id: r.agreement_id });
            }}
          >
            {r.title}
          </a>
        ) : (
          r.title && <span>{r.title}</span>
        )}
        {r.register_id && <span class="muted small">ID {r.register_id}</span>}
      </div>
      {r.message && <p class="result-error">{r.message}</p>}
      {r.changes.length > 0 && (
        <ul class="changes" aria-label={`${plural(r.changes.length, 'change')}`}>
          {r.changes.map((c, i) => (
            <li key={i}>
              <strong>{c.field}</strong>: {c.old || <span class="muted">none</span>} → {c.new || <span class="muted">none</span>}
              {c.replaced_hand_edit && <span class="badge status-incomplete">replaced a value edited by hand</span>}
            </li>
          ))}
        </ul>
      )}
      {r.warnings.length > 0 && (
        <ul class="warnings" aria-label={plural(r.warnings.length, 'warning')}>
          {r.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Where a column's meaning comes from, said under its list. */
function origin(c: MappedColumn, meaning: RegisterColumn | null): string {
  if (meaning !== c.meaning) return 'your choice';
  if (meaning !== c.detected) return 'as last time';
  return meaning ? 'from the header' : 'not recognised';
}

/** The mapping step: the first rows as read, and each column's meaning in a list above it. */
function MappingTable({
  preview,
  mapping,
  onChange,
}: {
  preview: RegisterPreview;
  mapping: (RegisterColumn | null)[];
  onChange: (index: number, meaning: RegisterColumn | null) => void;
}): JSX.Element {
  return (
    <div class="table-scroll" role="region" aria-label={`First rows of ${preview.file}`} tabIndex={0}>
      <table class="data-table mapping-table" data-testid="register-preview">
        <thead>
          <tr>
            <th scope="col" class="row-number">
              Row
            </th>
            {preview.columns.map((c, i) => {
              const id = `meaning-${c.index}`;
              const meaning = mapping[i] ?? null;
              return (
                <th key={c.index} scope="col" data-testid="register-column" data-letter={c.letter} class={meaning === null ? 'is-ignored' : undefined}>
                  <label for={id} class="mapping-header">
                    <span class="muted small">{c.letter}</span> {c.header || <span class="muted">(no header)</span>}
                  </label>
                  <select
                    id={id}
                    value={meaning ?? IGNORE}
                    aria-label={`Meaning of ${columnName(c)}`}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      onChange(i, v === IGNORE ? null : (v as RegisterColumn));
                    }}
                  >
                    <option value={IGNORE}>Ignore</option>
                    {MEANINGS.map((m) => (
                      <option key={m} value={m}>
                        {MEANING_LABELS[m]}
                      </option>
                    ))}
                  </select>
                  <span class="muted small mapping-origin" data-testid="mapping-origin">
                    {origin(c, meaning)}
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map(([n, cells]) => (
            <tr key={n}>
              <th scope="row" class="row-number">
                {n}
              </th>
              {preview.columns.map((c, i) => (
                <td key={c.index} class={mapping[i] == null ? 'is-ignored' : undefined}>
                  {cells[i] ? cells[i] : <span class="muted">blank</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  /** A register chosen in the dialog, to preview now. */
  pending: PendingRegister | null;
  /** Opens the register dialog. */
  onChoose: () => void;
  navigate: (r: Route) => void;
}

/**
 * "Import a register" (issue 11 item 3): a spreadsheet chosen in the dialog, its first rows
 * previewed with each column's meaning editable (the mapping remembered from the last
 * import of a register with the same headers, else detected from the headers), then one
 * result per row: imported, updated (old → new), unchanged, or refused naming the row and
 * column. The rules are the core's (docs/register.md).
 */
export function RegisterImport({ pending, onChoose, navigate }: Props): JSX.Element {
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<RegisterPreview | null>(null);
  const [mapping, setMapping] = useState<(RegisterColumn | null)[]>([]);
  const [report, setReport] = useState<RegisterReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'reading' | 'importing' | null>(null);
  const done = useRef(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  async function open(chosen: string): Promise<void> {
    setBusy('reading');
    setError(null);
    setReport(null);
    setPreview(null);
    setPath(chosen);
    try {
      const p = await backend.previewRegister(chosen);
      setPreview(p);
      setMapping(p.columns.map((c) => c.meaning));
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(null);
    }
  }

  useEffect(() => {
    if (pending && pending.serial !== done.current) {
      done.current = pending.serial;
      void open(pending.path);
    }
  }, [pending]);

  // Keyboard and screen-reader users land on each step as it appears.
  useEffect(() => {
    if (preview && !report) stepHeading.current?.focus();
  }, [preview]);
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  async function runImport(): Promise<void> {
    if (!path) return;
    setBusy('importing');
    setError(null);
    try {
      setReport(await backend.importRegister(path, mapping));
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(null);
    }
  }

  function reset(): void {
    setPreview(null);
    setReport(null);
    setError(null);
    setPath(null);
  }

  const problem = preview ? mappingProblem(preview.columns, mapping) : null;
  const changed = preview ? preview.columns.some((c, i) => c.meaning !== (mapping[i] ?? null)) : false;
  const toReview = report ? report.rows.filter((r) => r.agreement_id !== null && r.action !== 'unchanged' && r.warnings.length > 0) : [];
  const firstToReview = toReview[0]?.agreement_id ?? null;

  return (
    <section class="card register-card" aria-labelledby="register-title" data-testid="register-import">
      <h2 id="register-title">Import a register</h2>
      <p class="muted small">
        The spreadsheet that lists your agreements, one per row (.csv, .xlsx or .ods). You check what each column means before anything is
        stored; a bad row is refused with its row and column, and the other rows import. Importing it again updates the agreements it listed.
      </p>
      {!preview && !report && (
        <div class="row">
          <button type="button" class="primary" onClick={onChoose} disabled={busy !== null} data-testid="choose-register">
            {busy === 'reading' ? 'Reading…' : 'Choose a register…'}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" class="error" data-testid="register-error">
          {error}
        </p>
      )}
      {preview && !report && (
        <div class="register-step" data-testid="register-mapping">
          <h3 ref={stepHeading} tabIndex={-1}>
            What each column means
          </h3>
          <p class="small">
            <span class="mono">{preview.file}</span>
            {preview.sheet && <> · sheet “{preview.sheet}”</>} · headers on row {preview.header_row} · {plural(preview.data_rows, 'row')} to import
            {preview.rows.length < preview.data_rows && <>, the first {preview.rows.length} shown</>}.
          </p>
          <p class="muted small" data-testid="mapping-source">
            {preview.remembered
              ? 'The meanings you chose the last time a register with these headers was imported.'
              : 'Meanings recognised from the headers. Change any that is wrong; columns set to Ignore are not read.'}{' '}
            Your choices are remembered for the next import.
          </p>
          <MappingTable preview={preview} mapping={mapping} onChange={(i, m) => setMapping((old) => old.map((x, j) => (j === i ? m : x)))} />
          {problem && (
            <p class="error" role="status" data-testid="mapping-problem">
              {problem}
            </p>
          )}
          <div class="row">
            <button type="button" class="primary" disabled={busy !== null || problem !== null} onClick={() => void runImport()} data-testid="import-register">
              {busy === 'importing' ? 'Importing…' : `Import ${plural(preview.data_rows, 'row')}`}
            </button>
            {changed && (
              <button type="button" onClick={() => setMapping(preview.columns.map((c) => c.meaning))}>
                Undo my changes
              </button>
            )}
            <button type="button" onClick={reset} disabled={busy !== null}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {report && (
        <div class="register-step" data-testid="register-report">
          <h3 ref={reportHeading} tabIndex={-1}>
            {report.imported} imported · {report.updated} updated · {report.unchanged} unchanged · {report.refused} refused
          </h3>
          <p class="muted small">
            <span class="mono">{report.file}</span>
            {report.ignored.length > 0 && <> · columns not read: {report.ignored.join(', ')}</>}
          </p>
          {(report.people_added.length > 0 || report.people_refused.length > 0) && (
            <div class="muted small" data-testid="register-people">
              {report.people_added.length > 0 && (
                <p>
                  Added to People (their reminders go by email): {report.people_added.join(', ')}
                </p>
              )}
              {report.people_refused.map((m) => (
                <p key={m} class="result-error">
                  {m}
                </p>
              ))}
            </div>
          )}
          <ul class="results">
            {report.rows.map((r) => (
              <RowLine key={r.row} r={r} navigate={navigate} />
            ))}
          </ul>
          <div class="row">
            {firstToReview !== null && (
              <button type="button" class="primary" data-testid="register-review-offer" onClick={() => navigate({ view: 'review', id: firstToReview })}>
                {plural(toReview.length, 'agreement')} to review
              </button>
            )}
            {report.imported + report.updated > 0 && (
              <button type="button" onClick={() => navigate({ view: 'dashboard' })}>
                Show the dashboard
              </button>
            )}
            <button type="button" onClick={onChoose} data-testid="choose-register">
              Import another register…
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
