import type { ComponentChild, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Column, EditableRow, EditableTable, RowEdit } from '../bindings';
import { FormButtons } from './FormButtons';
import { SourceRef } from './SourceRef';

/**
 * A failed row edit, as the page reads it from the shell's error location: the column it
 * is about (when the error is located at a cell) and the sentence to show.
 */
export interface RowError {
  column: string | null;
  message: string;
}

type Mode = { kind: 'add' } | { kind: 'edit'; index: number } | { kind: 'remove'; index: number } | null;

interface Props {
  table: EditableTable;
  /** Shows a cell; defaults to its text. */
  display?: (row: EditableRow, column: Column) => ComponentChild;
  /** Applies an edit; resolves to null when it was saved, else the error. */
  onEdit: (edit: RowEdit) => Promise<RowError | null>;
  busy: boolean;
}

function rowName(table: EditableTable, row: EditableRow): string {
  const first = table.columns.find((c) => c.required) ?? table.columns[0];
  const text = first ? (row.cells[first.key] ?? '') : '';
  return text ? `row ${row.index + 1} (${text})` : `row ${row.index + 1}`;
}

/** The form that adds a row or changes one; one labelled input per column. */
function RowForm({
  table,
  row,
  onSave,
  onCancel,
  error,
  busy,
}: {
  table: EditableTable;
  row: EditableRow | null;
  onSave: (cells: Record<string, string>) => void;
  onCancel: () => void;
  error: RowError | null;
  busy: boolean;
}): JSX.Element {
  const [draft, setDraft] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const c of table.columns) out[c.key] = row?.cells[c.key] ?? '';
    return out;
  });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  const title = row ? `Change ${table.label.toLowerCase()} ${rowName(table, row)}` : `Add a row to ${table.label.toLowerCase()}`;
  const idBase = `row-${table.table}`;
  return (
    <form
      ref={form}
      class="row-form"
      aria-label={title}
      data-testid={`row-form-${table.table}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h4>{title}</h4>
      <div class="row-form-grid">
        {table.columns.map((c) => {
          const id = `${idBase}-${c.key}`;
          const invalid = error !== null && error.column === c.key;
          const common = {
            id,
            name: c.key,
            'aria-describedby': `${id}-help`,
            'aria-invalid': invalid,
          };
          return (
            <div class="row-form-field" key={c.key}>
              <label for={id}>
                {c.label}
                {c.required && <span aria-hidden="true"> *</span>}
              </label>
              {c.choices.length > 0 ? (
                <select {...common} value={draft[c.key] ?? ''} onChange={(e) => setDraft({ ...draft, [c.key]: e.currentTarget.value })}>
                  <option value="">{c.required ? 'choose…' : 'from the other columns'}</option>
                  {c.choices.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type="text"
                  required={c.required}
                  value={draft[c.key] ?? ''}
                  onInput={(e) => setDraft({ ...draft, [c.key]: e.currentTarget.value })}
                />
              )}
              <span id={`${id}-help`} class="muted small">
                {c.hint}
              </span>
            </div>
          );
        })}
      </div>
      {error && (
        <p class="error field-error" role="alert" data-testid="row-error">
          {error.message}
        </p>
      )}
      <FormButtons label={row ? 'Save row' : 'Add row'} onCancel={onCancel} busy={busy} />
    </form>
  );
}

/**
 * A clause table (termination rights, obligations, exit rights, amounts, …) with its
 * source per row, editable a row at a time: add, change, remove. Every change goes through
 * the core's validation and into the history.
 */
export function ClauseTableEditor({ table, display, onEdit, busy }: Props): JSX.Element {
  const [mode, setMode] = useState<Mode>(null);
  const [error, setError] = useState<RowError | null>(null);
  const full = table.max_rows !== null && table.rows.length >= table.max_rows;
  const captionId = `table-${table.table}`;

  async function submit(edit: RowEdit): Promise<void> {
    const e = await onEdit(edit);
    setError(e);
    if (e === null) setMode(null);
  }

  function open(next: Mode): void {
    setError(null);
    setMode(next);
  }

  const addButton = !full && mode === null && (
    <button type="button" class="small-button" onClick={() => open({ kind: 'add' })} aria-label={`Add a row to ${table.label}`}>
      Add row
    </button>
  );

  return (
    <div class="clause-table" data-table={table.table}>
      {table.rows.length === 0 ? (
        <p class="clause-empty">
          <strong id={captionId}>{table.label}</strong> <span class="muted">none stated</span> {addButton}
        </p>
      ) : (
        <>
          <table class="data-table" aria-labelledby={captionId}>
            <caption id={captionId}>{table.label}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
                <th scope="col">Source</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.index} data-row={r.index} class={mode && mode.kind !== 'add' && mode.index === r.index ? 'is-editing' : undefined}>
                  {table.columns.map((c) => (
                    <td key={c.key}>{display ? display(r, c) : r.cells[c.key] || '—'}</td>
                  ))}
                  <td>
                    <SourceRef source={r.source} />
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`Edit ${table.label} ${rowName(table, r)}`}
                      onClick={() => open({ kind: 'edit', index: r.index })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="link-button danger"
                      aria-label={`Remove ${table.label} ${rowName(table, r)}`}
                      onClick={() => open({ kind: 'remove', index: r.index })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {addButton && <div class="clause-table-actions">{addButton}</div>}
        </>
      )}
      {mode?.kind === 'remove' && (
        <div class="confirm" role="alertdialog" aria-label={`Remove ${table.label} row ${mode.index + 1}`}>
          <p>
            Remove {table.label.toLowerCase()} {rowName(table, table.rows[mode.index] ?? { index: mode.index, cells: {}, source: null })}? The
            history keeps what it said.
          </p>
          {error && (
            <p class="error" role="alert">
              {error.message}
            </p>
          )}
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={() => void submit({ op: 'remove', index: mode.index })}>
              Remove row
            </button>
            <button type="button" onClick={() => open(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {(mode?.kind === 'add' || mode?.kind === 'edit') && (
        <RowForm
          key={mode.kind === 'edit' ? `edit-${mode.index}` : 'add'}
          table={table}
          row={mode.kind === 'edit' ? (table.rows[mode.index] ?? null) : null}
          error={error}
          busy={busy}
          onCancel={() => open(null)}
          onSave={(cells) => void submit(mode.kind === 'edit' ? { op: 'update', index: mode.index, cells } : { op: 'add', cells })}
        />
      )}
    </div>
  );
}
