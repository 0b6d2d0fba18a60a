import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { pagesAround, PagedTable, type PageRequest, type PageResult } from './PagedTable';
import type { Column } from './VirtualTable';
import { testRoot, waitFor } from '../test-support';

interface Row {
  id: number;
  name: string;
}

const COLUMNS: Column<Row>[] = [{ key: 'name', header: 'Name', width: '1fr', render: (r) => r.name, sortValue: (r) => r.id }];

describe('pagesAround', () => {
  it('covers the rows in view and half a page either side, within the count', () => {
    expect(pagesAround(0, 20, 10_000, 200)).toEqual([0]);
    expect(pagesAround(0, 150, 10_000, 200)).toEqual([0, 1]);
    expect(pagesAround(5000, 5020, 10_000, 200)).toEqual([24, 25]);
    expect(pagesAround(9990, 10_000, 10_000, 200)).toEqual([49]);
    expect(pagesAround(0, 0, 0, 200)).toEqual([]);
  });
});

describe('<PagedTable> over 100,000 rows held elsewhere', () => {
  const root = testRoot();
  const N = 100_000;

  function mount(): PageRequest[] {
    const asked: PageRequest[] = [];
    const fetchPage = (req: PageRequest): Promise<PageResult<Row>> => {
      asked.push(req);
      const desc = req.sort.dir === 'desc';
      const rows: Row[] = [];
      for (let i = req.offset; i < Math.min(N, req.offset + req.limit); i++) {
        const id = desc ? N - i : i + 1;
        rows.push({ id, name: `Row ${id}` });
      }
      return Promise.resolve({ total: N, matching: N, offset: req.offset, rows });
    };
    act(() => {
      render(
        <PagedTable
          label="Things"
          columns={COLUMNS}
          rowKey={(r) => String(r.id)}
          fetchPage={fetchPage}
          initialSort={{ key: 'name', dir: 'asc' }}
          filterKey=""
          fallbackHeight={360}
        />,
        root,
      );
    });
    return asked;
  }
  const bodyRows = () => Array.from(root.querySelectorAll('.vt-body [role="row"]'));
  const body = () => root.querySelector<HTMLElement>('.vt-body') as HTMLElement;

  it('draws the first rows, counts them all, and keeps the keyboard: End goes to the last row', async () => {
    const asked = mount();
    await waitFor(() => root.querySelector('.vt-count')?.textContent === '100,000 rows');
    expect(root.querySelector('[role="table"]')?.getAttribute('aria-rowcount')).toBe('100001');
    expect(bodyRows().length).toBeLessThanOrEqual(30);
    expect(bodyRows()[0]?.textContent).toBe('Row 1');
    act(() => {
      body().dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    await waitFor(() => bodyRows().some((r) => r.textContent === 'Row 100000'));
    const last = bodyRows().find((r) => r.textContent === 'Row 100000');
    expect(last?.getAttribute('aria-rowindex')).toBe('100001');
    expect(last?.classList.contains('is-active')).toBe(true);
    expect(body().getAttribute('aria-activedescendant')).toBe(last?.id);
    // Only the first page and the last one were asked for, not the 99,800 rows between.
    expect(asked.map((r) => [r.offset, r.limit])).toEqual([
      [0, 200],
      [99_800, 200],
    ]);
  });

  it('asks again from the top, in the other direction, when a header is clicked twice', async () => {
    const asked = mount();
    await waitFor(() => bodyRows().length > 0);
    act(() => root.querySelector<HTMLButtonElement>('.vt-sort')?.click());
    await waitFor(() => bodyRows()[0]?.textContent === 'Row 100000');
    expect(root.querySelector('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('descending');
    expect(asked.at(-1)).toMatchObject({ offset: 0, sort: { key: 'name', dir: 'desc' }, first: true });
  });
});
