/**
 * Review what was read (issue 11 item 1): one agreement's stored document, line by line
 * (virtualised: a 100-page contract renders only the lines in view), beside the values read
 * from it. Focusing a value scrolls the text to its source and highlights it. Each value can
 * be accepted as read, corrected (checked like an import: the core's message says what it
 * expects) or filled when the document left it out; every change goes to the history.
 *
 * Keyboard: j/k or ↓/↑ move between the values still to confirm (between all values once
 * none is left), Enter accepts, e edits (corrects or fills), Esc cancels the edit.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type QueueItem, type ReviewPage, type ReviewStatus, type ReviewValue } from '../backend';
import { EditValueForm } from '../components/EditValueForm';
import { signalReady } from '../lib/ready';
import type { Route } from '../router';

interface Props {
  /** The agreement to review; `undefined`: the first of the queue. */
  id: number | undefined;
  navigate: (r: Route) => void;
}

/** Height of one document line in CSS pixels (the text pane's rows are fixed-height). */
export const LINE_HEIGHT = 22;
/** Lines rendered above and below the visible ones. */
const OVERSCAN = 12;
/** Lines asked for at a time beyond the first ones the page brings (`review_lines`). */
export const BLOCK = 500;

const STATUS_TEXT: Record<ReviewStatus, string> = {
  to_confirm: 'To confirm',
  confirmed: 'Confirmed',
  edited: 'Corrected',
  read: 'Read',
  missing: 'Not stated',
};

/** The first line of a value's source and its page, as a short reference ("line 15 · page 1"). */
function whereText(v: ReviewValue): string | null {
  if (v.span) {
    const lines = v.span.line === v.span.line_end ? `line ${v.span.line}` : `lines ${v.span.line}–${v.span.line_end}`;
    return v.span.page ? `${lines} · page ${v.span.page}` : lines;
  }
  if (v.source?.line === null && v.source.text) return 'typed in Renewal Desk';
  if (v.source?.page) return `page ${v.source.page}, line ${v.source.line ?? '?'} (not found in the stored text)`;
  return null;
}

/** The values still to confirm, in page order. */
function pending(page: ReviewPage): ReviewValue[] {
  return page.values.filter((v) => v.status === 'to_confirm');
}

/** The next agreement of the queue after `id` (wrapping round), other than `id`. */
export function nextInQueue(queue: readonly QueueItem[], id: number): QueueItem | undefined {
  const others = queue.filter((q) => q.id !== id);
  return others.find((q) => q.id > id) ?? others[0];
}

/** One line of the document, with the active value's source marked. */
function Line({
  number,
  text,
  top,
  mark,
  gutter,
  pageStart = null,
  loading = false,
}: {
  number: number;
  text: string;
  top: number;
  /** UTF-16 columns `[from, to)` of the active source on this line, or null. */
  mark: [number, number] | null;
  gutter: { page: number | null; tone: 'warn' | 'plain' } | null;
  /** The page this line begins (a PDF page's first line), or null. */
  pageStart?: number | null;
  /** The line's text has not arrived yet. */
  loading?: boolean;
}): JSX.Element {
  const body =
    mark === null ? (
      text || ' '
    ) : (
      <>
        {text.slice(0, mark[0])}
        <mark>{text.slice(mark[0], mark[1]) || ' '}</mark>
        {text.slice(mark[1])}
      </>
    );
  return (
    <div
      class={`rv-line${mark ? ' is-source' : ''}${gutter ? ` has-value tone-${gutter.tone}` : ''}${pageStart ? ' is-page-start' : ''}${loading ? ' is-loading' : ''}`}
      style={{ top: `${top}px`, height: `${LINE_HEIGHT}px` }}
      data-line={number}
      data-page-start={pageStart ?? undefined}
      title={pageStart ? `Page ${pageStart} begins here` : undefined}
    >
      <span class="rv-num" aria-hidden="true">
        {gutter?.page || pageStart ? <span class="rv-page">p.{gutter?.page ?? pageStart}</span> : null}
        {number}
      </span>
      <span class="rv-text">{body}</span>
    </div>
  );
}

/** The document's lines, virtualised; scrolls to `target` (a line) whenever `serial` changes. */
function DocumentPane({
  page,
  active,
  target,
}: {
  page: ReviewPage;
  active: ReviewValue | undefined;
  target: { line: number; serial: number } | null;
}): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(560);
  // The lines that have arrived: the page's first ones, then blocks asked for as they come into view.
  const loaded = useRef<(string | undefined)[]>([]);
  const asked = useRef(new Set<number>());
  const [, setArrived] = useState(0);
  const [linesError, setLinesError] = useState<string | null>(null);
  if (loaded.current.length === 0) loaded.current = page.lines.slice();

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !target) return;
    // The source's first line a third of the way down, so what precedes it is in view too.
    const top = Math.max(0, (target.line - 1) * LINE_HEIGHT - Math.round(height / 3));
    el.scrollTop = top;
    setScrollTop(top);
  }, [target?.serial]);

  // Where each value's source starts: a marker in the gutter (with the PDF page).
  const gutter = useMemo(() => {
    const m = new Map<number, { page: number | null; tone: 'warn' | 'plain' }>();
    for (const v of page.values) {
      if (!v.span) continue;
      const had = m.get(v.span.line);
      const tone = v.status === 'to_confirm' || had?.tone === 'warn' ? 'warn' : 'plain';
      m.set(v.span.line, { page: v.span.page ?? had?.page ?? null, tone });
    }
    return m;
  }, [page]);

  const total = page.total_lines;
  const first = Math.max(0, Math.floor(scrollTop / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / LINE_HEIGHT) + OVERSCAN);

  // Ask for the blocks of lines in view that have not arrived (each block once).
  useEffect(() => {
    const lines = loaded.current;
    for (let b = Math.floor(first / BLOCK); b * BLOCK < last; b++) {
      const from = b * BLOCK;
      if (asked.current.has(b)) continue;
      let missing = false;
      for (let i = Math.max(from, first); i < Math.min(from + BLOCK, last); i++) if (lines[i] === undefined) missing = true;
      if (!missing) continue;
      asked.current.add(b);
      backend.reviewLines(page.id, from + 1, BLOCK).then(
        (block) => {
          block.lines.forEach((text, k) => (loaded.current[block.first - 1 + k] = text));
          setArrived((n) => n + 1);
        },
        (e: unknown) => {
          asked.current.delete(b);
          setLinesError(toBackendError(e).message);
        },
      );
    }
  }, [first, last, page.id]);
  const span = active?.span ?? null;
  // A PDF page's first line → its page number.
  const pageStarts = useMemo(
    () => new Map(page.page_starts.length > 1 ? page.page_starts.map((line, k) => [line, k + 1]) : []),
    [page],
  );
  const rows: JSX.Element[] = [];
  for (let i = first; i < last; i++) {
    const n = i + 1;
    const known = loaded.current[i];
    const text = known ?? '';
    let mark: [number, number] | null = null;
    if (span && n >= span.line && n <= span.line_end) {
      const from = n === span.line ? span.start_column : 0;
      const to = n === span.line_end ? span.end_column : text.length;
      mark = [from, Math.max(from, to)];
    }
    rows.push(
      <Line key={n} number={n} text={text} top={i * LINE_HEIGHT} mark={mark} gutter={gutter.get(n) ?? null} pageStart={pageStarts.get(n) ?? null} loading={known === undefined} />,
    );
  }

  return (
    <section class="rv-doc panel" aria-labelledby="rv-doc-title">
      <header class="panel-header">
        <h2 id="rv-doc-title">{page.file_name || 'No document'}</h2>
        <span class="muted small">
          {page.total_lines.toLocaleString('en-GB')} lines
          {page.page_starts.length > 1
            ? ` · ${page.page_starts.length} pages: each page's first line is marked`
            : page.paged
              ? ' · PDF: the page is shown where a value was read'
              : ''}
        </span>
      </header>
      {linesError && (
        <p role="alert" class="error small rv-lines-error">
          Could not read the document's lines: {linesError}
        </p>
      )}
      <div
        class="rv-scroll"
        ref={scroller}
        tabIndex={0}
        aria-label={`Text of ${page.file_name || 'the document'}`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="review-text"
      >
        {total === 0 ? (
          <p class="muted panel-empty">This agreement has no stored document (it was entered by hand).</p>
        ) : (
          <div class="rv-spacer" style={{ height: `${total * LINE_HEIGHT}px` }}>
            {rows}
          </div>
        )}
      </div>
    </section>
  );
}

function ValueRow({
  v,
  active,
  editing,
  busy,
  error,
  onFocus,
  onAccept,
  onEdit,
  onSave,
  onCancel,
  rowRef,
}: {
  v: ReviewValue;
  active: boolean;
  editing: boolean;
  busy: boolean;
  error: string | null;
  onFocus: () => void;
  onAccept: () => void;
  onEdit: () => void;
  onSave: (value: string) => void;
  onCancel: () => void;
  rowRef: (el: HTMLLIElement | null) => void;
}): JSX.Element {
  const where = whereText(v);
  const low = v.confidence === 'low';
  return (
    <li
      ref={rowRef}
      class={`rv-value status-${v.status}${active ? ' is-active' : ''}${low ? ' is-low' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-current={active ? 'true' : undefined}
      aria-label={`${v.label}: ${v.value || 'not stated'} — ${STATUS_TEXT[v.status]}${low ? ', low confidence' : ''}`}
      data-field={v.field}
      data-testid="review-value"
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus();
      }}
      onClick={onFocus}
    >
      <div class="rv-value-head">
        <span class="rv-label">
          {v.label}
          {v.key && (
            <span class="rv-key" title="A key value: the agreement's dates rest on it">
              key
            </span>
          )}
        </span>
        <span class={`badge rv-status-${v.status}`}>{STATUS_TEXT[v.status]}</span>
      </div>
      {editing ? (
        <EditValueForm
          v={v}
          id={`rv-edit-${v.field}`}
          formClass="rv-form"
          helpClass="rv-form-help"
          busy={busy}
          error={error}
          onSave={onSave}
          onCancel={onCancel}
        />
      ) : (
        <>
          <div class={v.value ? 'rv-val' : 'rv-val muted'}>{v.value || 'Not stated in the document'}</div>
          {v.warnings.map((w) => (
            <p class="rv-warning" key={w.index}>
              {w.message}
            </p>
          ))}
          <div class="rv-foot">
            <span class="rv-where small">
              {low && (
                <span class="badge rv-low" title="The reader had to choose: check it against the text">
                  Low confidence
                </span>
              )}
              <span class="muted">{where ?? (v.status === 'missing' ? '' : 'no line in the document')}</span>
            </span>
            <span class="rv-actions">
              {v.status === 'to_confirm' && (
                <button
                  type="button"
                  class={v.value ? 'small-button primary' : 'small-button'}
                  disabled={busy}
                  onClick={onAccept}
                  title={v.value ? 'Accept as read (Enter)' : 'Confirm that the document does not state it (Enter)'}
                >
                  {v.value ? 'Accept' : 'Confirm not stated'}
                </button>
              )}
              {v.editable && (
                <button type="button" class="small-button" disabled={busy} onClick={onEdit} title={v.value ? 'Correct (e)' : 'Fill (e)'}>
                  {v.value ? 'Correct' : 'Fill'}
                </button>
              )}
            </span>
          </div>
          {error && !editing && (
            <p class="error small" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </li>
  );
}

/** The Review page of agreement `id` (or of the first in the review queue). */
export function Review({ id, navigate }: Props): JSX.Element {
  const [page, setPage] = useState<ReviewPage | null>(null);
  const [empty, setEmpty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [activeField, setActiveField] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [target, setTarget] = useState<{ line: number; serial: number } | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const serial = useRef(0);

  function show(next: ReviewPage, prefer?: string): void {
    setPage(next);
    const todo = pending(next);
    const keep = prefer ? next.values.find((v) => v.field === prefer) : undefined;
    const first = keep ?? todo[0] ?? next.values.find((v) => v.span) ?? next.values[0];
    if (first) select(first, false);
  }

  useEffect(() => {
    let live = true;
    setPage(null);
    setEmpty(false);
    setLoadError(null);
    (async () => {
      let target = id;
      if (target === undefined) {
        const queue = await backend.reviewQueue();
        if (!live) return;
        if (queue[0] === undefined) {
          setEmpty(true);
          return;
        }
        target = queue[0].id;
      }
      performance.mark('review:request');
      const p = await backend.reviewPage(target);
      performance.mark('review:data');
      if (live) show(p);
    })().catch((e: unknown) => live && setLoadError(toBackendError(e).message));
    return () => {
      live = false;
    };
  }, [id]);

  // The benchmark's marker: the page with its text drawn.
  useLayoutEffect(() => {
    if (page) performance.mark('review:drawn');
    if (page || loadError || empty) signalReady();
  }, [page, loadError, empty]);

  function select(v: ReviewValue, focus = true): void {
    setActiveField(v.field);
    if (v.span) {
      serial.current += 1;
      setTarget({ line: v.span.line, serial: serial.current });
    }
    if (focus) rows.current.get(v.field)?.focus();
  }

  const values = page?.values ?? [];
  const active = values.find((v) => v.field === activeField);

  function move(step: 1 | -1): void {
    if (!page) return;
    const todo = pending(page);
    const list = todo.length > 0 ? todo : page.values;
    if (list.length === 0) return;
    if (!active || !list.includes(active)) {
      // From a value not in the list: the nearest one after (or before) it in page order.
      const at = active ? page.values.indexOf(active) : -1;
      const after = list.filter((v) => (step === 1 ? page.values.indexOf(v) > at : page.values.indexOf(v) < at));
      const next = step === 1 ? (after[0] ?? list[0]) : (after[after.length - 1] ?? list[list.length - 1]);
      if (next) select(next);
      return;
    }
    const i = list.indexOf(active);
    const next = list[(i + step + list.length) % list.length];
    if (next) select(next);
  }

  async function act(field: string, run: () => Promise<ReviewPage>, after: 'next' | 'stay'): Promise<void> {
    if (!page) return;
    setBusy(true);
    setError(null);
    try {
      const next = await run();
      setEditing(null);
      const todo = pending(next);
      // Move on to the next value still to confirm after this one (in page order).
      const order = next.values.map((v) => v.field);
      const at = order.indexOf(field);
      const following = todo.find((v) => order.indexOf(v.field) > at) ?? todo[0];
      show(next, after === 'next' && following ? following.field : field);
      const focusField = after === 'next' && following ? following.field : field;
      requestAnimationFrame(() => rows.current.get(focusField)?.focus());
    } catch (e) {
      const err = toBackendError(e);
      setError({ field, message: err.reason });
    } finally {
      setBusy(false);
    }
  }

  function accept(v: ReviewValue): void {
    if (!page || v.status !== 'to_confirm') return;
    void act(v.field, () => backend.reviewConfirmField(page.id, v.field), 'next');
  }

  function save(v: ReviewValue, value: string): void {
    if (!page || !v.editable) return;
    const field = v.editable;
    void act(v.field, () => backend.reviewEditField(page.id, field, value), 'next');
  }

  function confirmWarning(index: number): void {
    if (!page) return;
    void act(`warning-${index}`, () => backend.reviewConfirmWarning(page.id, index), 'stay');
  }

  function onKeyDown(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (t.closest('form') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'j' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'k' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    } else if (e.key === 'Enter' && active && t.tagName !== 'BUTTON') {
      e.preventDefault();
      accept(active);
    } else if (e.key === 'e' && active?.editable) {
      e.preventDefault();
      setError(null);
      setEditing(active.field);
    } else if (e.key === 'Escape' && editing) {
      e.preventDefault();
      setEditing(null);
    }
  }

  const header = (
    <header class="view-header rv-header">
      <a
        href={page ? `#/agreements/${page.id}` : '#/dashboard'}
        class="back-link"
        onClick={(e) => {
          e.preventDefault();
          navigate(page ? { view: 'agreements', id: page.id } : { view: 'dashboard' });
        }}
      >
        ← {page ? 'Agreement page' : 'Dashboard'}
      </a>
      <h1 id="view-title" tabIndex={-1}>
        Review{page ? `: ${page.title}` : ''}
      </h1>
    </header>
  );

  if (loadError) {
    return (
      <section class="view" aria-labelledby="view-title">
        {header}
        <p role="alert" class="error">
          Could not open the review: {loadError}
        </p>
      </section>
    );
  }
  if (empty) {
    return (
      <section class="view" aria-labelledby="view-title" data-testid="review-empty">
        {header}
        <div class="empty-state">
          <h2>Nothing to review</h2>
          <p>Every value read from your documents is confirmed or was read with high confidence.</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => navigate({ view: 'dashboard' })}>
              Show the dashboard
            </button>
          </div>
        </div>
      </section>
    );
  }
  if (!page) {
    return (
      <section class="view" aria-labelledby="view-title" aria-busy="true">
        {header}
        <p class="muted">Opening the document…</p>
      </section>
    );
  }

  const todo = pending(page);
  const next = nextInQueue(page.queue, page.id);
  const place = page.queue.findIndex((q) => q.id === page.id);
  const remaining = page.queue.filter((q) => q.id !== page.id).length;

  return (
    <section class="view view-fill rv" aria-labelledby="view-title" data-testid="review" onKeyDown={onKeyDown}>
      {header}
      <div class="rv-bar" role="status">
        <span class="rv-progress">
          {page.to_confirm === 0 ? (
            <strong class="rv-done">Nothing left to confirm in this agreement</strong>
          ) : (
            <strong>
              {page.to_confirm} {page.to_confirm === 1 ? 'point' : 'points'} to confirm
            </strong>
          )}
          {page.provisional.length > 0 ? (
            <span class="badge status-provisional" title="Its dates rest on values read with low confidence">
              Provisional: {page.provisional.map((f) => f.replace(/_/g, ' ')).join(', ')}
            </span>
          ) : (
            <span class="badge status-active">Dates confirmed</span>
          )}
          {page.queue.length > 0 && (
            <span class="muted small">
              {place >= 0 ? `Agreement ${place + 1} of ${page.queue.length} to review` : `${remaining} other ${remaining === 1 ? 'agreement' : 'agreements'} to review`}
            </span>
          )}
        </span>
        <span class="rv-keys muted small" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> accept · <kbd>e</kbd> correct · <kbd>Esc</kbd> cancel
        </span>
        {next && (
          <button
            type="button"
            class={page.to_confirm === 0 ? 'primary' : ''}
            onClick={() => navigate({ view: 'review', id: next.id })}
            data-testid="next-agreement"
          >
            Next agreement →
          </button>
        )}
      </div>
      <div class="rv-layout">
        <DocumentPane page={page} active={active} target={target} />
        <section class="rv-side panel" aria-labelledby="rv-values-title">
          <header class="panel-header">
            <h2 id="rv-values-title">Values read</h2>
            <span class="muted small">{todo.length > 0 ? `${todo.length} to confirm` : 'all confirmed or read'}</span>
          </header>
          <ul class="rv-values" aria-label="Values read from the document" aria-keyshortcuts="j k ArrowDown ArrowUp Enter e Escape">
            {values.map((v) => (
              <ValueRow
                key={v.field}
                v={v}
                active={v.field === activeField}
                editing={editing === v.field}
                busy={busy}
                error={error?.field === v.field ? error.message : null}
                rowRef={(el) => {
                  if (el) rows.current.set(v.field, el);
                  else rows.current.delete(v.field);
                }}
                onFocus={() => v.field !== activeField && select(v, false)}
                onAccept={() => accept(v)}
                onEdit={() => {
                  setError(null);
                  setActiveField(v.field);
                  setEditing(v.field);
                }}
                onSave={(value) => save(v, value)}
                onCancel={() => {
                  setEditing(null);
                  setError(null);
                  rows.current.get(v.field)?.focus();
                }}
              />
            ))}
          </ul>
          {page.other_warnings.length > 0 && (
            <div class="rv-other">
              <h3>Also to confirm</h3>
              <ul>
                {page.other_warnings.map((w) => (
                  <li key={w.index}>
                    <span>
                      {w.line !== null && (
                        <button
                          type="button"
                          class="link-button mono"
                          onClick={() => {
                            serial.current += 1;
                            setTarget({ line: w.line ?? 1, serial: serial.current });
                          }}
                        >
                          line {w.line}
                        </button>
                      )}{' '}
                      {w.message}
                    </span>
                    <button type="button" class="small-button" disabled={busy} onClick={() => confirmWarning(w.index)}>
                      Confirm
                    </button>
                    {error?.field === `warning-${w.index}` && (
                      <span class="error small" role="alert">
                        {error.message}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
