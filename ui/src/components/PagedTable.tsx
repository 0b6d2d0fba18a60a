/**
 * A table whose rows stay in the app: it asks for the window of rows it shows
 * (`fetchPage`), by pages of `pageSize` rows around the viewport, and draws the
 * [`TableFrame`] (same look, sorting headers, keyboard and accessibility as
 * [`VirtualTable`]) over the total count the app reports. Search, sort and the
 * outside filters are sent with every request; the app does the work.
 *
 * - A new search, order or filter (or a reload) starts a new generation: responses
 *   of an older one are ignored, and the rows shown stay those of the older one
 *   until the new one's first rows arrive (no flash of an empty table).
 * - Typing: at most one search request is in flight; keystrokes made meanwhile are
 *   coalesced, and only the latest is sent when it returns.
 * - Only a few pages are kept (those nearest the viewport).
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countText, nextSort, TableFrame, type SortState, type TableFrameProps } from './VirtualTable';

/** One request: the search, the order and the window `[offset, offset + limit)`. */
export interface PageRequest {
  search: string;
  sort: SortState;
  offset: number;
  limit: number;
  /** True for the first request of a load: the app may then add what does not depend on the query. */
  first: boolean;
}

/** What the app answers. */
export interface PageResult<T> {
  /** Every row, before search and filters. */
  total: number;
  /** The rows that match the search and filters. */
  matching: number;
  /** Index of `rows[0]` among the matching rows. */
  offset: number;
  rows: readonly T[];
}

export interface PagedTableProps<T>
  extends Omit<TableFrameProps<T>, 'count' | 'rowAt' | 'countText' | 'showEmpty' | 'sort' | 'onSort' | 'query' | 'onQuery' | 'resetKey' | 'onRange'> {
  fetchPage: (request: PageRequest) => Promise<PageResult<T>>;
  initialSort: SortState;
  /** Changes when an outside filter changes (a new generation, back to the top). */
  filterKey: string;
  /** Changes when the data changed (a new generation, the same scroll position). */
  reloadKey?: number;
  /** Rows a request asks for (default 200). */
  pageSize?: number;
  /** How many pages to keep (default 8). */
  keepPages?: number;
  onError?: (error: unknown) => void;
  /** Called with each generation's first answer. */
  onLoaded?: (result: PageResult<T>) => void;
}

interface Loaded<T> {
  generation: number;
  total: number;
  matching: number;
  /** Page number → its rows. */
  pages: Map<number, readonly T[]>;
}

/** The page numbers covering rows `[start, end)` and half a page either side (at most up to `count`). */
export function pagesAround(start: number, end: number, count: number, pageSize: number): number[] {
  if (count <= 0) return [];
  const from = Math.max(0, start - pageSize / 2);
  const to = Math.min(count, Math.max(end, start + 1) + pageSize / 2);
  const pages: number[] = [];
  for (let p = Math.floor(from / pageSize); p * pageSize < to; p++) pages.push(p);
  return pages;
}

export function PagedTable<T>(props: PagedTableProps<T>): JSX.Element {
  const { fetchPage, initialSort, filterKey, reloadKey = 0, onError, onLoaded, ...frame } = props;
  const pageSize = props.pageSize ?? 200;
  const keepPages = props.keepPages ?? 8;
  const [sort, setSort] = useState<SortState>(initialSort);
  const [query, setQuery] = useState('');
  const [data, setData] = useState<Loaded<T> | null>(null);
  const [failed, setFailed] = useState(false);

  // The latest values, for callbacks that outlive a render.
  const latest = useRef({ fetchPage, onError, onLoaded, query, sort });
  latest.current = { fetchPage, onError, onLoaded, query, sort };
  const generation = useRef(0);
  const range = useRef({ start: 0, end: 0 });
  const inFlight = useRef(new Set<number>());
  const searching = useRef(false);
  const queued = useRef<(() => Promise<void>) | null>(null);

  const fail = useCallback((e: unknown) => {
    setFailed(true);
    latest.current.onError?.(e);
  }, []);

  // Only one generation's first request at a time; the latest waiting one runs next.
  const runLatest = useCallback((job: () => Promise<void>): void => {
    if (searching.current) {
      queued.current = job;
      return;
    }
    searching.current = true;
    job().finally(() => {
      searching.current = false;
      const next = queued.current;
      queued.current = null;
      if (next) runLatest(next);
    });
  }, []);

  const resetKey = `${query}\u0000${sort.key}\u0000${sort.dir}\u0000${filterKey}`;
  const lastReset = useRef<string | null>(null);

  // A new generation: its first rows (from the top, or around the viewport on a reload).
  useEffect(() => {
    const gen = ++generation.current;
    inFlight.current = new Set();
    const reset = lastReset.current !== resetKey;
    lastReset.current = resetKey;
    const { start, end } = reset ? { start: 0, end: 0 } : range.current;
    runLatest(async () => {
      if (gen !== generation.current) return; // superseded before it was sent
      const { fetchPage: fetch, query: search, sort: order } = latest.current;
      const pages = pagesAround(start, end, Number.MAX_SAFE_INTEGER, pageSize);
      const first = pages[0] ?? 0;
      try {
        const result = await fetch({
          search,
          sort: order,
          offset: first * pageSize,
          limit: pages.length * pageSize,
          first: true,
        });
        if (gen !== generation.current) return; // stale: a newer search or order was asked for
        const map = new Map<number, readonly T[]>();
        for (let i = 0; i * pageSize < result.rows.length; i++) {
          map.set(Math.floor(result.offset / pageSize) + i, result.rows.slice(i * pageSize, (i + 1) * pageSize));
        }
        setFailed(false);
        setData({ generation: gen, total: result.total, matching: result.matching, pages: map });
        latest.current.onLoaded?.(result);
      } catch (e) {
        if (gen === generation.current) fail(e);
      }
    });
  }, [resetKey, reloadKey, pageSize, runLatest, fail]);

  // Pages the viewport needs that are not loaded yet.
  const load = useCallback(
    (start: number, end: number, d: Loaded<T> | null): void => {
      if (!d || d.generation !== generation.current) return;
      for (const p of pagesAround(start, end, d.matching, pageSize)) {
        if (d.pages.has(p) || inFlight.current.has(p)) continue;
        inFlight.current.add(p);
        const gen = d.generation;
        const { fetchPage: fetch, query: search, sort: order } = latest.current;
        fetch({ search, sort: order, offset: p * pageSize, limit: pageSize, first: false }).then(
          (result) => {
            if (gen !== generation.current) return;
            inFlight.current.delete(p);
            setData((old) => {
              if (!old || old.generation !== gen) return old;
              const pages = new Map(old.pages).set(p, result.rows);
              // Keep the pages nearest the viewport.
              const here = Math.floor(range.current.start / pageSize);
              const far = [...pages.keys()].sort((a, b) => Math.abs(b - here) - Math.abs(a - here));
              while (pages.size > keepPages && far.length > 0) pages.delete(far.shift() as number);
              return { ...old, total: result.total, matching: result.matching, pages };
            });
          },
          (e: unknown) => {
            if (gen !== generation.current) return;
            inFlight.current.delete(p);
            fail(e);
          },
        );
      }
    },
    [pageSize, keepPages, fail],
  );

  const onRange = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      load(start, end, data);
    },
    [load, data],
  );

  const rowAt = useMemo(() => {
    return (i: number): T | undefined => data?.pages.get(Math.floor(i / pageSize))?.[i % pageSize];
  }, [data, pageSize]);

  return (
    <TableFrame
      {...frame}
      count={data?.matching ?? 0}
      rowAt={rowAt}
      countText={data ? countText(data.matching, data.total) : failed ? '' : 'Loading…'}
      showEmpty={data !== null && data.generation === generation.current}
      sort={sort}
      onSort={(key) => setSort((s) => nextSort(s, key))}
      query={query}
      onQuery={setQuery}
      resetKey={resetKey}
      onRange={onRange}
    />
  );
}
