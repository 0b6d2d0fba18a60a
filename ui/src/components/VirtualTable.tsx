/**
 * A table that stays smooth with tens of thousands of rows: it renders only the
 * rows in view (plus a few either side), sorts by a column (stable, numbers
 * numerically, text by a locale collator) and filters by free text (every word
 * must appear in the row's searchable text).
 *
 * Keyboard: Tab into the body, then ↑/↓, PageUp/PageDown, Home/End move the
 * active row; Enter activates it. Column headers are buttons (Enter/Space sorts).
 */
import type { ComponentChild, JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

export interface Column<T> {
  /** Stable id, also used for sorting state. */
  key: string;
  header: string;
  /** CSS grid track size, e.g. `2fr` or `8rem`. */
  width: string;
  render: (row: T) => ComponentChild;
  /** Value to sort by; columns without one are not sortable. */
  sortValue?: (row: T) => string | number;
  /** Text the filter searches; columns without one are not searched. */
  filterText?: (row: T) => string;
  align?: 'start' | 'end';
}

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Stable sort of `rows` by `column` (a copy; `rows` is left alone). */
export function sortRows<T>(rows: readonly T[], column: Column<T> | undefined, dir: SortDir): readonly T[] {
  const value = column?.sortValue;
  if (!value) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, v: value(row) }));
  keyed.sort((a, b) => {
    let c: number;
    if (typeof a.v === 'number' && typeof b.v === 'number') c = a.v - b.v;
    else c = collator.compare(String(a.v), String(b.v));
    return c !== 0 ? sign * c : a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** The lower-cased searchable text of a row. */
export function rowHaystack<T>(row: T, columns: readonly Column<T>[]): string {
  let text = '';
  for (const c of columns) if (c.filterText) text += `${c.filterText(row)}\u0000`;
  return text.toLowerCase();
}

/** Keeps the rows whose haystack contains every word of `query` (case-insensitive). */
export function filterRows<T>(rows: readonly T[], haystack: (row: T) => string, query: string): readonly T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return rows;
  return rows.filter((row) => {
    const text = haystack(row);
    return terms.every((t) => text.includes(t));
  });
}

/** The slice `[start, end)` of rows to render for a scroll position. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 6,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(total, last + overscan) };
}

/** What the table's frame shows, whoever holds the rows (see [`VirtualTable`], [`PagedTable`]). */
export interface TableFrameProps<T> {
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Accessible name of the table, also used in the filter's label. */
  label: string;
  /** Row height in CSS pixels (rows are fixed-height). */
  rowHeight?: number;
  /** Viewport height used until (or where) the real one cannot be measured. */
  fallbackHeight?: number;
  onActivate?: (row: T) => void;
  /** Extra controls shown beside the filter box (e.g. selects that pre-filter the rows). */
  toolbar?: ComponentChild;
  /** The filter box's placeholder. */
  placeholder?: string;
  /** How many rows the table has (after the search and any filter). */
  count: number;
  /** The row at index `i` (0-based) of those, or undefined when it is not loaded (not drawn). */
  rowAt: (i: number) => T | undefined;
  /** The text of the count ("12 of 10,000 rows"). */
  countText: string;
  /** Whether to say that no rows match (false while the first rows are loading). */
  showEmpty: boolean;
  sort: SortState | undefined;
  onSort: (key: string) => void;
  /** The filter box's text. */
  query: string;
  onQuery: (query: string) => void;
  /** When this changes (a new search, order or filter), the table goes back to its top. */
  resetKey: unknown;
  /** Called with the range of row indexes `[start, end)` drawn, whenever it changes. */
  onRange?: (start: number, end: number) => void;
}

/** "12 of 10,000 rows", or "10,000 rows" when every row is shown. */
export function countText(shown: number, total: number): string {
  return shown === total
    ? `${shown.toLocaleString('en-GB')} rows`
    : `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`;
}

/**
 * The table itself: the filter box, the toolbar, the count, the sorting headers and the
 * virtually scrolled body with its keyboard navigation. It draws the rows `rowAt` gives
 * for the indexes in view.
 */
export function TableFrame<T>(props: TableFrameProps<T>): JSX.Element {
  const { columns, rowKey, label, onActivate, count, rowAt, sort, query, onRange } = props;
  const rowHeight = props.rowHeight ?? 36;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(props.fallbackHeight ?? 480);
  const [active, setActive] = useState(-1);
  const body = useRef<HTMLDivElement>(null);

  // Measure the viewport; jsdom and hidden views report 0, so keep the fallback then.
  useEffect(() => {
    const el = body.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) setViewportHeight(el.clientHeight);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new filter or order starts at the top.
  useEffect(() => {
    setActive(-1);
    if (body.current) body.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.resetKey]);

  const { start, end } = visibleRange(scrollTop, viewportHeight, rowHeight, count);
  useEffect(() => {
    onRange?.(start, end);
  }, [start, end, onRange]);
  const template = columns.map((c) => c.width).join(' ');
  const idBase = useMemo(() => `vt-${Math.random().toString(36).slice(2, 8)}`, []);

  function moveTo(index: number): void {
    if (count === 0) return;
    const i = Math.min(count - 1, Math.max(0, index));
    setActive(i);
    const el = body.current;
    if (!el) return;
    const top = i * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + viewportHeight) el.scrollTop = top + rowHeight - viewportHeight;
    setScrollTop(el.scrollTop);
  }

  function onKeyDown(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(active < 0 && e.key === 'ArrowUp' ? 0 : target);
    } else if (e.key === 'Enter' && active >= 0) {
      const row = rowAt(active);
      if (row !== undefined) onActivate?.(row);
    }
  }

  const visible: JSX.Element[] = [];
  for (let i = start; i < end; i++) {
    const row = rowAt(i);
    if (row === undefined) continue;
    visible.push(
      <div
        role="row"
        id={`${idBase}-r${i}`}
        key={rowKey(row)}
        aria-rowindex={i + 2}
        class={i === active ? 'vt-row is-active' : 'vt-row'}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px`, gridTemplateColumns: template }}
        onClick={() => setActive(i)}
        onDblClick={() => onActivate?.(row)}
        data-testid="table-row"
      >
        {columns.map((c) => (
          <div role="cell" class={c.align === 'end' ? 'vt-cell is-end' : 'vt-cell'} key={c.key}>
            {c.render(row)}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div class="vt">
      <div class="vt-toolbar">
        <input
          type="search"
          class="vt-filter"
          placeholder={props.placeholder ?? 'Filter…'}
          aria-label={`Filter ${label}`}
          value={query}
          onInput={(e) => props.onQuery(e.currentTarget.value)}
        />
        {props.toolbar}
        <span class="vt-count" aria-live="polite">
          {props.countText}
        </span>
      </div>
      <div role="table" aria-label={label} aria-rowcount={count + 1} class="vt-table">
        <div role="rowgroup" class="vt-head">
          <div role="row" aria-rowindex={1} class="vt-header-row" style={{ gridTemplateColumns: template }}>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : undefined;
              const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
              return (
                <div
                  role="columnheader"
                  aria-sort={c.sortValue ? ariaSort : undefined}
                  class={c.align === 'end' ? 'vt-cell is-end' : 'vt-cell'}
                  key={c.key}
                >
                  {c.sortValue ? (
                    <button type="button" class="vt-sort" onClick={() => props.onSort(c.key)}>
                      {c.header}
                      <span aria-hidden="true" class="vt-arrow">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div
          role="rowgroup"
          class="vt-body"
          ref={body}
          tabIndex={0}
          aria-label={`${label} rows`}
          aria-activedescendant={active >= 0 ? `${idBase}-r${active}` : undefined}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
        >
          <div class="vt-spacer" style={{ height: `${count * rowHeight}px` }}>
            {visible}
          </div>
          {count === 0 && props.showEmpty && <p class="vt-empty">No rows match “{query}”.</p>}
        </div>
      </div>
    </div>
  );
}

/** The next sort after a click on column `key`'s header: ascending, then reversed. */
export function nextSort(s: SortState | undefined, key: string): SortState {
  return s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

export interface VirtualTableProps<T> extends Omit<
  TableFrameProps<T>,
  'count' | 'rowAt' | 'countText' | 'showEmpty' | 'sort' | 'onSort' | 'query' | 'onQuery' | 'resetKey' | 'onRange'
> {
  /** Every row, in memory: sorted and searched here. */
  rows: readonly T[];
  initialSort?: SortState;
  /** Total before any outside filter, for the count ("12 of 10,000 rows"). */
  totalRows?: number;
}

/** A table of rows held in the page: sorted and searched here (see the module's comment). */
export function VirtualTable<T>(props: VirtualTableProps<T>): JSX.Element {
  const { rows, columns, totalRows, initialSort, ...frame } = props;
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const [query, setQuery] = useState('');

  const haystacks = useMemo(() => {
    const map = new Map<T, string>();
    for (const row of rows) map.set(row, rowHaystack(row, columns));
    return map;
  }, [rows, columns]);

  const sorted = useMemo(
    () => sortRows(rows, columns.find((c) => c.key === sort?.key), sort?.dir ?? 'asc'),
    [rows, columns, sort],
  );
  const shown = useMemo(
    () => filterRows(sorted, (row) => haystacks.get(row) ?? '', query),
    [sorted, haystacks, query],
  );
  const resetKey = useMemo(() => ({}), [query, sort, rows]);

  return (
    <TableFrame
      {...frame}
      columns={columns}
      count={shown.length}
      rowAt={(i) => shown[i]}
      countText={countText(shown.length, totalRows ?? rows.length)}
      showEmpty
      sort={sort}
      onSort={(key) => setSort((s) => nextSort(s, key))}
      query={query}
      onQuery={setQuery}
      resetKey={resetKey}
    />
  );
}
