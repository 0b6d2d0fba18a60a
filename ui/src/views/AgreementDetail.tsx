import type { ComponentChild, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  backend,
  toBackendError,
  type AgreementPage,
  type Agreement,
  type AppInfo,
  type ClauseTable,
  type EditableValue,
  type EventView,
  type HistoryEntry,
  type NoticeKind,
  type Quantity,
  type RowEdit,
} from '../backend';
import { DaysLeft, EventBadge, StatusBadge } from '../components/Badges';
import { DateText } from '../components/DateText';
import { FormButtons } from '../components/FormButtons';
import { Money } from '../components/Money';
import { SourceRef } from '../components/SourceRef';
import { Timeline } from '../components/Timeline';
import { formatDateTime } from '../format/date';
import type { Route } from '../router';
import { BriefActions } from './Brief';
import { useLiveReload } from '../live';
import { ClauseTableEditor, rowError, type RowError } from '../components/ClauseTableEditor';

interface Props {
  id: number;
  info: AppInfo | null;
  navigate: (r: Route) => void;
}

function quantity(q: Quantity): ComponentChild {
  switch (q.type) {
    case 'money':
      return (
        <>
          <Money amount={q.money.amount} currency={q.money.currency} />
          {q.per && <span class="muted"> per {q.per}</span>}
          {q.note && <span class="muted"> ({q.note})</span>}
        </>
      );
    case 'count':
      return Number(q.value).toLocaleString('en-GB');
    case 'percent':
      return `${q.value}%`;
  }
}

function period(p: { amount: number; unit: string } | null): string {
  if (!p) return '—';
  return `${p.amount} ${p.amount === 1 ? p.unit.replace(/s$/, '') : p.unit}`;
}

/** A JSON value from the history, shown as text ("2023-01-01", "3 years", "yes"). */
export function historyValue(json: string | null): string {
  if (json === null) return '—';
  try {
    return valueText(JSON.parse(json) as unknown) ?? json;
  } catch {
    return json;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A history value for people; `null` when it has no shorter form than its JSON. */
function valueText(v: unknown): string | null {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const note = typeof o['note'] === 'string' && o['note'] ? ` — ${o['note']}` : '';
  if ('amount' in o && 'unit' in o) return period(o as { amount: number; unit: string });
  if (typeof o['done_on'] === 'string') return `done ${o['done_on']}${note}`;
  if (typeof o['code'] === 'string' && typeof o['message'] === 'string') return `to confirm: ${o['message']}`;
  if (typeof o['served_on'] === 'string') return `served ${o['served_on']}${note}`;
  if (typeof o['precision'] === 'string') {
    const { precision, date, year, month, quarter } = o as { precision: string; date?: string; year?: number; month?: number; quarter?: number };
    if (precision === 'day' && date) return date;
    if (precision === 'month' && month) return `${MONTHS[month - 1] ?? '?'} ${year ?? '?'}`;
    if (precision === 'quarter') return `Q${quarter ?? '?'} ${year ?? '?'}`;
    if (precision === 'year') return String(year ?? '?');
  }
  // A clause-table row: the cells as written or typed.
  const source = o['source'];
  if (source && typeof source === 'object' && typeof (source as { text?: unknown }).text === 'string') {
    const cells = ((source as { text: string }).text)
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    if (cells.length > 0) return `row: ${cells.join(' · ')}`;
  }
  return null;
}

const ACTIONS: Record<string, string> = {
  import: 'Imported',
  reimport: 'New version imported',
  edit: 'Edited',
  record_notice: 'Notice recorded',
  mark_done: 'Marked done',
  snooze: 'Snoozed',
  confirm: 'Confirmed',
  set_ladder: 'Reminder ladder',
  settings: 'Settings',
};

function safeDateTime(at: string): string {
  try {
    return formatDateTime(at);
  } catch {
    return at;
  }
}

/** Groups the history by change (same time and action). */
function groupHistory(history: readonly HistoryEntry[]): { at: string; action: string; entries: HistoryEntry[] }[] {
  const groups: { at: string; action: string; entries: HistoryEntry[] }[] = [];
  for (const h of history) {
    const last = groups[groups.length - 1];
    if (last && last.at === h.at && last.action === h.action) last.entries.push(h);
    else groups.push({ at: h.at, action: h.action, entries: [h] });
  }
  return groups.reverse();
}

function Table({ headers, rows, caption }: { headers: string[]; rows: ComponentChild[][]; caption: string }): JSX.Element | null {
  if (rows.length === 0) return null;
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A clause-table cell as shown: amounts as money with their currency, else the text. */
function cellDisplay(a: Agreement, table: ClauseTable, index: number, key: string, text: string): ComponentChild {
  if (key === 'value') {
    const item =
      table === 'total_commitment' ? a.total_commitment : table === 'commitments' ? a.commitments[index] : table === 'amounts' ? a.amounts[index] : null;
    if (item) return quantity(item.value);
  }
  return text || '—';
}

/** The inline form of one field; its draft starts from the current value when it opens. */
function FieldEditor({
  v,
  onCancel,
  onSave,
  error,
  busy,
}: {
  v: EditableValue;
  onCancel: () => void;
  onSave: (value: string) => void;
  error: string | null;
  busy: boolean;
}): JSX.Element {
  const [draft, setDraft] = useState(v.value);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => input.current?.focus(), []);
  const id = `field-${v.field}`;
  return (
    <form
      class="field-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(input.current?.value ?? draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      {v.input === 'yes_no' || v.input === 'yes_no_unknown' ? (
        <select ref={input} id={id} aria-labelledby={`${id}-label`} value={draft} onChange={(e) => setDraft(e.currentTarget.value)}>
          {v.input === 'yes_no_unknown' && <option value="">unknown</option>}
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      ) : (
        <input
          ref={input}
          id={id}
          type="text"
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-help`}
          aria-invalid={error !== null}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
      )}
      <FormButtons label="Save" onCancel={onCancel} busy={busy} />
      <p id={`${id}-help`} class={error ? 'error field-error' : 'muted small'} role={error ? 'alert' : undefined}>
        {error ?? `Expects ${v.hint}.`}
      </p>
    </form>
  );
}

/** One editable field: value, source, and an inline form. */
function FieldRow({
  v,
  editing,
  onEdit,
  onCancel,
  onSave,
  error,
  busy,
}: {
  v: EditableValue;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (value: string) => void;
  error: string | null;
  busy: boolean;
}): JSX.Element {
  return (
    <div class={`field${editing ? ' is-editing' : ''}`} data-field={v.field}>
      <dt id={`field-${v.field}-label`}>{v.label}</dt>
      <dd>
        {editing ? (
          <FieldEditor v={v} onCancel={onCancel} onSave={onSave} error={error} busy={busy} />
        ) : (
          <div class="field-view">
            <span class={v.value ? 'field-value' : 'field-value muted'} data-testid={`value-${v.field}`}>
              {v.value || 'unknown'}
            </span>
            <SourceRef source={v.source} />
            <button type="button" class="link-button" onClick={onEdit} aria-label={`Edit ${v.label}`}>
              Edit
            </button>
          </div>
        )}
      </dd>
    </div>
  );
}

/** An event's actions: mark done, snooze. */
function EventActions({
  e,
  asOf,
  onDone,
  onSnooze,
}: {
  e: EventView;
  asOf: string;
  onDone: (eventId: string, on: string, note: string) => void;
  onSnooze: (eventId: string, days: number) => void;
}): JSX.Element | null {
  const [open, setOpen] = useState<'done' | 'snooze' | null>(null);
  const [on, setOn] = useState(asOf);
  const [note, setNote] = useState('');
  const [days, setDays] = useState(7);
  if (e.status !== 'open' && e.status !== 'overdue') return null;
  if (!e.actionable) return null;
  return (
    <div class="event-actions">
      {open === null && (
        <>
          <button type="button" class="small-button" onClick={() => setOpen('done')}>
            Mark done…
          </button>
          <button type="button" class="small-button" onClick={() => setOpen('snooze')}>
            Snooze…
          </button>
        </>
      )}
      {open === 'done' && (
        <form
          class="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            onDone(e.id, on, note);
            setOpen(null);
          }}
        >
          <label>
            Done on <input type="date" value={on} required onInput={(ev) => setOn(ev.currentTarget.value)} />
          </label>
          <label>
            Note <input type="text" value={note} placeholder="by whom, reference" onInput={(ev) => setNote(ev.currentTarget.value)} />
          </label>
          <FormButtons label="Mark done" onCancel={() => setOpen(null)} />
        </form>
      )}
      {open === 'snooze' && (
        <form
          class="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            onSnooze(e.id, days);
            setOpen(null);
          }}
        >
          <label>
            Silence reminders for{' '}
            <select value={String(days)} onChange={(ev) => setDays(Number(ev.currentTarget.value))}>
              {[1, 3, 7, 14, 30].map((d) => (
                <option key={d} value={String(d)}>
                  {d} day{d === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
          <FormButtons label="Snooze" onCancel={() => setOpen(null)} />
        </form>
      )}
    </div>
  );
}

function EventRow({
  e,
  asOf,
  onDone,
  onSnooze,
}: {
  e: EventView;
  asOf: string;
  onDone: (eventId: string, on: string, note: string) => void;
  onSnooze: (eventId: string, days: number) => void;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <li class={`event event-row-${e.status}`} data-testid="event" data-event={e.id}>
      <div class="event-head">
        <span class="event-date">
          <DateText iso={e.date} />
          {e.unadjusted_date !== e.date && (
            <span class="muted small">
              {' '}
              (from <DateText iso={e.unadjusted_date} />)
            </span>
          )}
        </span>
        <span class="event-label">{e.label}</span>
        <EventBadge status={e.status} />
        <DaysLeft days={e.days_from_today} />
        <button
          type="button"
          class="link-button"
          aria-expanded={open}
          aria-controls={`workings-${e.id}`}
          onClick={() => setOpen((o) => !o)}
          data-testid="workings-toggle"
        >
          {open ? 'Hide workings' : 'Workings'}
        </button>
      </div>
      <p class="event-explanation">{e.explanation}</p>
      {open && (
        <div class="workings" id={`workings-${e.id}`} data-testid="workings">
          <ol>
            {e.workings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ol>
          {e.source && (
            <p class="muted small">
              Clause: <SourceRef source={e.source} />
            </p>
          )}
        </div>
      )}
      <EventActions e={e} asOf={asOf} onDone={onDone} onSnooze={onSnooze} />
    </li>
  );
}

function NoticeForm({ asOf, onSave, onCancel }: { asOf: string; onSave: (kind: NoticeKind, on: string, note: string) => void; onCancel: () => void }): JSX.Element {
  const [kind, setKind] = useState<NoticeKind>('non_renewal');
  const [on, setOn] = useState(asOf);
  const [note, setNote] = useState('');
  return (
    <form
      class="card notice-form"
      aria-label="Record a notice served"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(kind, on, note);
      }}
    >
      <h2>Record a notice served</h2>
      <fieldset class="radios">
        <legend class="muted">Notice of</legend>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'non_renewal'} onChange={() => setKind('non_renewal')} />
          Non-renewal: the agreement ends at the end of the term whose deadline it met
        </label>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'termination'} onChange={() => setKind('termination')} />
          Termination for convenience: it ends no earlier than served date + notice period
        </label>
      </fieldset>
      <div class="inline-form">
        <label>
          Served on <input type="date" value={on} required onInput={(e) => setOn(e.currentTarget.value)} />
        </label>
        <label class="grow">
          Note <input type="text" value={note} placeholder="by whom, how, reference" onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <FormButtons label="Record notice" onCancel={onCancel} />
    </form>
  );
}

/** Everything about one agreement, with its sources, events, timeline, edits and history. */
export function AgreementDetail({ id, info, navigate }: Props): JSX.Element {
  const [page, setPage] = useState<AgreementPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [noticeOpen, setNoticeOpen] = useState(false);

  useEffect(() => {
    backend.agreementPage(id).then(setPage, (e: unknown) => setError(toBackendError(e).message));
  }, [id]);
  // A notification's Mark done or Snooze, or a reminder run, changes this page: reload it.
  useLiveReload(() => {
    backend.agreementPage(id).then(setPage, (e: unknown) => setError(toBackendError(e).message));
  });

  async function act(what: Promise<AgreementPage>, done: string): Promise<boolean> {
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      setPage(await what);
      setStatus(done);
      return true;
    } catch (e) {
      setError(toBackendError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function saveRow(table: ClauseTable, label: string, edit: RowEdit): Promise<RowError | null> {
    setBusy(true);
    setStatus(null);
    try {
      const next = await backend.editRow(id, table, edit);
      setPage(next);
      const what = edit.op === 'add' ? 'Row added to' : edit.op === 'remove' ? `Row ${edit.index + 1} removed from` : `Row ${edit.index + 1} changed in`;
      setStatus(`${what} ${label.toLowerCase()}. The change is in the history.`);
      return null;
    } catch (e) {
      return rowError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  }

  async function saveField(v: EditableValue, value: string): Promise<void> {
    setBusy(true);
    setFieldError(null);
    try {
      const next = await backend.editField(id, v.field, value);
      setPage(next);
      setEditing(null);
      const now = next.editable.find((x) => x.field === v.field)?.value ?? value;
      setStatus(`${v.label} is now “${now || 'unknown'}”. The change is in the history.`);
    } catch (e) {
      const err = toBackendError(e);
      setFieldError(err.message.replace(/^invalid [a-z_]+: /, ''));
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <a
      href="#/agreements"
      class="back-link"
      onClick={(e) => {
        e.preventDefault();
        navigate({ view: 'agreements' });
      }}
    >
      ← Agreements
    </a>
  );

  if (!page) {
    return (
      <section class="view" aria-labelledby="view-title">
        {back}
        <h1 id="view-title" tabIndex={-1}>
          Agreement
        </h1>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
    );
  }

  const d = page.detail;
  const a = d.agreement;
  const asOf = info?.asOf ?? d.today;
  const notes = d.notes;

  return (
    <article class="view detail" aria-labelledby="view-title" data-testid="agreement-detail">
      {back}
      <header class="detail-header">
        <div>
          <h1 id="view-title" tabIndex={-1}>
            {a.title}
          </h1>
          {a.subtitle && <p class="muted">{a.subtitle}</p>}
          <p class="detail-meta">
            <StatusBadge status={d.status} />
            {a.counterparty && <span>with {a.counterparty}</span>}
            {a.contract_owner && <span>· owner {a.contract_owner.value}</span>}
            <span class="muted" title={`SHA-256 ${d.sha256}`}>
              · {page.file_name}
            </span>
          </p>
          <p class="detail-outcome">
            <span class="outcome-label">If nobody acts:</span> {d.default_outcome}
          </p>
        </div>
        <div class="detail-actions">
          <button type="button" onClick={() => setNoticeOpen((o) => !o)} aria-expanded={noticeOpen}>
            Record notice…
          </button>
          <BriefActions id={id} title={a.title} />
        </div>
      </header>

      {status && (
        <p role="status" class="notice" data-testid="detail-status">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}

      {noticeOpen && (
        <NoticeForm
          asOf={asOf}
          onCancel={() => setNoticeOpen(false)}
          onSave={(kind, on, note) =>
            void act(backend.recordNotice(id, kind, on, note), 'Notice recorded; the dates below take it into account.').then(
              (ok) => ok && setNoticeOpen(false),
            )
          }
        />
      )}

      {(d.warnings.length > 0 || notes.length > 0) && (
        <section class="card warning-card" aria-labelledby="warnings-title" data-testid="warnings">
          <h2 id="warnings-title">To confirm</h2>
          <p class="muted small">Editing a field answers what is asked about it; after checking the document, Confirmed takes an item off.</p>
          <ul class="warnings">
            {d.warnings.map((w, i) => (
              <li key={`w${i}:${w.code}`} data-testid="warning" data-code={w.code}>
                {w.line !== null && <span class="mono">line {w.line}: </span>}
                {w.message}{' '}
                <button
                  type="button"
                  class="link-button"
                  disabled={busy}
                  aria-label={`Confirm: ${w.message}`}
                  title="Checked against the document: take it off the list (the history keeps it)"
                  onClick={() => void act(backend.confirmWarning(id, i), `Confirmed: “${w.message}”. The history keeps it.`)}
                >
                  Confirmed
                </button>
              </li>
            ))}
            {notes.map((n, i) => (
              <li key={`n${i}`}>{n}</li>
            ))}
          </ul>
        </section>
      )}

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline terms={d.terms} events={d.events} today={d.today} endDate={d.end_date} />
      </section>

      <section class="card" aria-labelledby="events-title">
        <h2 id="events-title">Dated events</h2>
        {d.convenience && <p class="muted">{d.convenience.explanation}.</p>}
        {d.events.length === 0 ? (
          <p class="muted">No dated events: see “To confirm”.</p>
        ) : (
          <ul class="events">
            {d.events.map((e) => (
              <EventRow
                key={e.id}
                e={e}
                asOf={asOf}
                onDone={(eventId, on, note) => void act(backend.markDone(id, eventId, on, note), 'Marked done.')}
                onSnooze={(eventId, days) =>
                  void act(backend.snooze(id, eventId, days), `Reminders silenced for ${days} day${days === 1 ? '' : 's'}.`)
                }
              />
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="fields-title">
        <h2 id="fields-title">Key terms</h2>
        <p class="muted small">Each value shows the line it was read from; click it to read the clause. Edit fixes or fills a value.</p>
        <dl class="fields">
          {page.editable.map((v) => (
            <FieldRow
              key={v.field}
              v={v}
              editing={editing === v.field}
              busy={busy}
              error={editing === v.field ? fieldError : null}
              onEdit={() => {
                setFieldError(null);
                setEditing(v.field);
              }}
              onCancel={() => setEditing(null)}
              onSave={(value) => void saveField(v, value)}
            />
          ))}
        </dl>
      </section>

      <section class="card clauses" aria-labelledby="clauses-title">
        <h2 id="clauses-title">Clauses and tables</h2>
        <p class="muted small">
          Each row shows the table row it was read from. Edit fixes a row, Add row fills a clause the document leaves out; the dates
          above are recomputed and every change goes to the history.
        </p>
        {page.tables.map((t) => (
          <ClauseTableEditor
            key={t.table}
            table={t}
            busy={busy}
            display={(row, column) => cellDisplay(a, t.table, row.index, column.key, row.cells[column.key] ?? '')}
            onEdit={(edit) => saveRow(t.table, t.label, edit)}
          />
        ))}
      </section>

      {(a.recorded.non_renewal_notice || a.recorded.termination_notice || Object.keys(a.recorded.done).length > 0) && (
        <section class="card" aria-labelledby="recorded-title">
          <h2 id="recorded-title">Recorded</h2>
          <ul class="plain-list">
            {a.recorded.non_renewal_notice && (
              <li>
                Non-renewal notice served <DateText iso={a.recorded.non_renewal_notice.served_on} />
                {a.recorded.non_renewal_notice.note && ` — ${a.recorded.non_renewal_notice.note}`}
              </li>
            )}
            {a.recorded.termination_notice && (
              <li>
                Termination notice served <DateText iso={a.recorded.termination_notice.served_on} />
                {a.recorded.termination_notice.note && ` — ${a.recorded.termination_notice.note}`}
              </li>
            )}
            {Object.entries(a.recorded.done).map(([eventId, mark]) =>
              mark ? (
                <li key={eventId}>
                  <span class="mono">{eventId}</span> done <DateText iso={mark.done_on} />
                  {mark.note && ` — ${mark.note}`}
                </li>
              ) : null,
            )}
          </ul>
        </section>
      )}

      <section class="card" aria-labelledby="history-title" data-testid="history">
        <h2 id="history-title">History of changes</h2>
        <ol class="history">
          {groupHistory(page.history).map((g) => (
            <li key={`${g.at}:${g.action}`} class="history-entry">
              <div class="history-head">
                <strong>{ACTIONS[g.action] ?? g.action}</strong> <span class="muted">{safeDateTime(g.at)} UTC</span>
              </div>
              <ul>
                {g.entries
                  .filter((h) => !h.field.endsWith('.source.section') && !h.field.endsWith('.source.line'))
                  .map((h) => (
                    <li key={h.id} data-testid="history-change">
                      <span class="mono">{h.field}</span>: {historyValue(h.old_value)} → {historyValue(h.new_value)}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      {page.reminders.length > 0 && (
        <section class="card" aria-labelledby="reminders-title">
          <h2 id="reminders-title">Reminders</h2>
          <Table
            caption="Reminder log"
            headers={['Event', 'Step', 'Due on', 'State', 'Delivered', 'Note']}
            rows={page.reminders.map((r) => [
              r.label,
              r.step,
              <DateText iso={r.due_on} />,
              r.state,
              r.delivered_at ? safeDateTime(r.delivered_at) : '—',
              r.failure ?? r.note ?? r.channel ?? '',
            ])}
          />
        </section>
      )}
    </article>
  );
}
